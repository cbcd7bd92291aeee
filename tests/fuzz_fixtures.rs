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

/// Diagrams at the edges of what loads (coordinates at the limit, sizes of one
/// subnormal, a label of 100 KB with control and right-to-left characters, the
/// largest count, everything on one spot) are drawn, fitted and zoomed without a panic.
#[cfg(feature = "gui")]
#[test]
fn the_editor_draws_odd_but_valid_diagrams() {
    use cloudsketch::app::DiagramApp;
    use egui_kittest::Harness;

    // Written with RON's escapes, as a saved file has them.
    let long_label = r#"\u{202e}ab\u{0}\u{1b}[31m\u{10ffff}\"\\"#.repeat(4_000);
    let texts = [
        "(id: \"u\", kind: Users, at: (x: 10000000.0, y: -10000000.0)),\n(id: \"v\", kind: Users, at: (x: -10000000.0, y: 10000000.0)),".to_owned(),
        "(id: \"r\", kind: Region, at: (x: 0.0, y: 0.0), size: (w: 1e-45, h: 1e-45)),\n(id: \"q\", kind: Sqs, parent: \"r\", at: (x: 0.0, y: 0.0), size: (w: 1e-45, h: 10000000.0)),".to_owned(),
        format!("(id: \"u\", kind: Users, label: \"{long_label}\", note: \"{long_label}\", at: (x: 0.0, y: 0.0), common: (count: 100000)),"),
        (0..300)
            .map(|i| format!("(id: \"u{i}\", kind: Users, at: (x: -0.0, y: 0.0)),"))
            .collect::<Vec<_>>()
            .join("\n"),
    ];
    for text in texts {
        let text = format!("(format_version: 1, components: [\n{text}\n])");
        let diagram = io::load_str(&text, Path::new("odd.ron")).unwrap();
        let app = DiagramApp::with_diagram(diagram);
        // The app draws characters no font has as boxes (egui's default); the harness
        // panics on them unless told, to catch missing glyphs in our own UI text.
        let mut harness = Harness::builder()
            .with_size(egui::Vec2::new(1000.0, 700.0))
            .allow_missing_glyphs()
            .build_ui_state(|ui, app: &mut DiagramApp| app.ui(ui), app);
        harness.run();
        // Fit to content, then zoom in and out around the middle.
        harness.state_mut().camera.fit_pending = true;
        harness.run();
        for _ in 0..3 {
            harness.key_press(egui::Key::Plus);
            harness.run();
        }
        for _ in 0..6 {
            harness.key_press(egui::Key::Minus);
            harness.run();
        }
        harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
        harness.run();
    }
}
