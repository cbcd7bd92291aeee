//! Fuzz target `load`: any bytes given to the diagram loader give a diagram or an error,
//! never a panic, a hang or unbounded memory. Whatever loads must survive a round trip:
//! saved and reloaded it is the same diagram, and saving that again gives the same bytes
//! (so floats, `-0.0` included, come back exactly).
//! Every loaded diagram is also linted: libFuzzer's panic hook aborts on any panic, even
//! one the engine would contain, so a rule that panics on an odd diagram is found here.

#![no_main]

use std::path::Path;

use cloudsketch::io;
use cloudsketch::rules::{LintConfig, lint};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    let origin = Path::new("fuzz.ron");
    let Ok(diagram) = io::load_bytes(bytes, origin) else {
        return;
    };
    let saved = io::to_string(&diagram).expect("a loaded diagram saves");
    let reloaded = match io::load_str(&saved, origin) {
        Ok(reloaded) => reloaded,
        Err(err) => panic!("saved text does not load again: {err}\n--- saved ---\n{saved}"),
    };
    assert_eq!(diagram, reloaded, "round trip changed the diagram\n{saved}");
    let saved_again = io::to_string(&reloaded).expect("a reloaded diagram saves");
    assert_eq!(saved, saved_again, "saving is not byte-stable");
    lint(&diagram, &LintConfig::default());
});
