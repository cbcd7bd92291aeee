//! The editor window, driven headless with egui_kittest (no GPU needed).

#![cfg(feature = "gui")]
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::Path;

use cloudsketch::app::{DiagramApp, viewer};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;

#[test]
fn opens_on_the_bundled_sample() {
    let mut harness = Harness::new_ui_state(
        |ui, app: &mut DiagramApp| viewer::app_ui(app, ui),
        DiagramApp::open(None),
    );
    harness.run();
    harness.get_by_label("Three tiers, tightly coupled");
    assert!(harness.state().error.is_none());
    assert!(harness.state().diagram.component_count() > 10);
}

#[test]
fn a_bad_file_is_reported_in_the_window_without_crashing() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/io/unknown_kind.ron");
    let mut harness = Harness::new_ui_state(
        |ui, app: &mut DiagramApp| viewer::app_ui(app, ui),
        DiagramApp::open(Some(path)),
    );
    harness.run();
    harness.get_by_label("Could not open the diagram");
    let error = harness.state().error.clone().unwrap();
    assert!(error.contains("unknown_kind.ron:5:29"), "{error}");
}
