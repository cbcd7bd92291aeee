//! Tidy layout from the Arrange menu: one history entry named in the Edit menu, which undo
//! reverts exactly.

#![cfg(feature = "gui")]
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::path::Path;

use cloudsketch::app::DiagramApp;
use cloudsketch::io;
use cloudsketch::model::layout;
use egui_kittest::kittest::Queryable as _;

#[test]
fn tidy_from_the_menu_is_one_undoable_entry() {
    let sample = io::samples::by_name("three_tier_tightly_coupled").unwrap();
    let original = io::load_str(sample.text, Path::new(sample.name)).unwrap();
    let mut harness =
        common::harness_sized(DiagramApp::with_diagram(original.clone()), 1400.0, 900.0);
    harness.get_by_label("Arrange").click();
    harness.run();
    harness.get_by_label_contains("Tidy layout").click();
    harness.run();
    let after = harness.state().diagram().clone();
    assert_ne!(after, original);
    assert!(
        layout::tidy(&after).is_applied(&after),
        "not the tidy layout"
    );
    harness.get_by_label("Edit").click();
    harness.run();
    harness.get_by_label_contains("Undo Tidy layout").click();
    harness.run();
    assert_eq!(*harness.state().diagram(), original);
    // Nothing else was recorded: a second undo has nothing left to undo.
    harness.get_by_label("Edit").click();
    harness.run();
    assert!(
        harness
            .query_by_label_contains("Undo Tidy layout")
            .is_none()
    );
}

#[test]
fn a_canvas_that_shrinks_right_after_opening_is_fitted_again() {
    // The panels settle a frame after a diagram opens (the findings list grows): the first
    // fit must not leave the diagram cut off.
    let mut harness = common::harness_sized(DiagramApp::open(None), 1400.0, 1000.0);
    harness.state_mut().camera.fit_pending = true;
    harness.step();
    harness.set_size(egui::Vec2::new(1400.0, 620.0));
    harness.step();
    let app = harness.state();
    let bounds = app.diagram().bounds().unwrap();
    let shown = app.camera.visible_world(app.viewport);
    assert!(
        shown.contains_rect(&bounds),
        "{bounds:?} is not all inside {shown:?}"
    );
}
