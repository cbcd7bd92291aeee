//! What the editor's UI tests share: a headless window on an app, run to its first frame.

#![cfg(feature = "gui")]

use cloudsketch::app::DiagramApp;
use egui::Vec2;
use egui_kittest::Harness;

/// The editor in a window of `width` × `height` points, after its first frame.
pub fn harness_sized(app: DiagramApp, width: f32, height: f32) -> Harness<'static, DiagramApp> {
    let mut harness = Harness::builder()
        .with_size(Vec2::new(width, height))
        .build_ui_state(|ui, app: &mut DiagramApp| app.ui(ui), app);
    harness.run();
    harness
}
