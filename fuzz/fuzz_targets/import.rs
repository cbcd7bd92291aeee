//! Fuzz target `import`: any bytes given to the CloudFormation / Terraform importer give a
//! diagram (with warnings) or an error, never a panic, a hang or unbounded memory.
//! Whatever imports must be a diagram the rest of the program accepts: it saves, loads
//! back to the same diagram, and lints.

#![no_main]

use std::path::Path;

use cloudsketch::io;
use cloudsketch::io::import::import_bytes;
use cloudsketch::rules::{LintConfig, lint};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    let Ok(imported) = import_bytes(bytes, Path::new("fuzz.yaml")) else {
        return;
    };
    let diagram = imported.diagram;
    let saved = io::to_string(&diagram).expect("an imported diagram saves");
    let reloaded = match io::load_str(&saved, Path::new("fuzz.ron")) {
        Ok(reloaded) => reloaded,
        Err(err) => panic!("imported diagram does not load again: {err}\n--- saved ---\n{saved}"),
    };
    assert_eq!(
        diagram, reloaded,
        "round trip changed the imported diagram\n{saved}"
    );
    lint(&diagram, &LintConfig::default());
});
