//! Inputs that once broke the `load` fuzz target (or were found beside such inputs) and
//! the other bad files under `tests/fixtures/`: each loads cleanly and survives the round
//! trip, or fails with a clear, positioned error; none panics, in the loader, the rules
//! or the editor. New crashers go into `tests/fixtures/fuzz/` and are picked up here.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::{Path, PathBuf};

use cloudsketch::io;
use cloudsketch::rules::engine::INTERNAL_ERROR_ID;
use cloudsketch::rules::{LintConfig, lint};

fn ron_files(folder: &str) -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join(folder);
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "ron"))
        .collect();
    files.sort();
    files
}

#[test]
fn every_fuzz_fixture_loads_cleanly_or_fails_clearly() {
    let files = ron_files("tests/fixtures/fuzz");
    assert!(!files.is_empty());
    for path in files {
        let name = path.display();
        match io::load_path(&path) {
            Ok(diagram) => {
                let saved = io::to_string(&diagram).unwrap();
                let reloaded = io::load_str(&saved, &path).unwrap();
                assert_eq!(diagram, reloaded, "{name}: round trip");
                assert_eq!(saved, io::to_string(&reloaded).unwrap(), "{name}");
                let report = lint(&diagram, &LintConfig::default());
                assert!(
                    report
                        .findings
                        .iter()
                        .all(|f| f.rule_id != INTERNAL_ERROR_ID),
                    "{name}: {:#?}",
                    report.findings
                );
            }
            Err(err) => {
                let message = err.to_string();
                assert!(err.position().is_some(), "{name}: no position: {message}");
                assert!(message.starts_with(&format!("{name}:")), "{message}");
            }
        }
    }
}

/// The editor opens every bad file (fuzz crashers and the hand-made bad files) without
/// aborting: the error is shown and the window keeps working.
#[cfg(feature = "gui")]
#[test]
fn the_editor_opens_every_bad_file_without_aborting() {
    use cloudsketch::app::DiagramApp;
    use egui_kittest::Harness;

    for path in ron_files("tests/fixtures/fuzz")
        .into_iter()
        .chain(ron_files("tests/fixtures/io"))
    {
        let app = DiagramApp::open(Some(path.clone()));
        let failed = app.error.is_some();
        let mut harness = Harness::builder()
            .with_size(egui::Vec2::new(1000.0, 700.0))
            .build_ui_state(|ui, app: &mut DiagramApp| app.ui(ui), app);
        harness.run();
        if failed {
            // Nothing of the bad file is kept, and the file cannot be saved over.
            assert!(harness.state().diagram().is_empty(), "{}", path.display());
            assert!(harness.state().doc.path.is_none(), "{}", path.display());
        }
    }
}
