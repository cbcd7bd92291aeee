//! `cloudsketch --startup-report FILE`: opens the editor like a user would, then prints how
//! long the process took to its first frame and the peak memory once the diagram has been
//! linted and drawn, and quits. This is how the README's start-up and memory figures are
//! measured (the criterion benches cover everything that runs without a window).

use std::time::{Duration, Instant};

use super::DiagramApp;

/// Frames drawn after the lint settled before the report is taken, so that caches,
/// textures and text layout of a fitted view are all in memory.
const SETTLE_FRAMES: u32 = 10;

/// The editor, watched from process start until it has settled.
pub struct StartupReport {
    app: DiagramApp,
    started: Instant,
    first_frame: Option<Duration>,
    settled_frames: u32,
}

impl StartupReport {
    /// Watches `app`; `started` is when the process began.
    pub fn new(app: DiagramApp, started: Instant) -> Self {
        Self {
            app,
            started,
            first_frame: None,
            settled_frames: 0,
        }
    }

    fn report(&self) -> String {
        let first = self.first_frame.unwrap_or_default();
        let peak = peak_memory_mib().map_or_else(
            || "unknown on this system".to_owned(),
            |mib| format!("{mib:.0} MiB"),
        );
        format!(
            "{} components, {} links: first frame {:.0} ms after start; settled (linted, drawn) after {:.0} ms; peak memory {peak}",
            self.app.doc.diagram.component_count(),
            self.app.doc.diagram.link_count(),
            first.as_secs_f64() * 1000.0,
            self.started.elapsed().as_secs_f64() * 1000.0,
        )
    }
}

impl eframe::App for StartupReport {
    fn ui(&mut self, ui: &mut egui::Ui, frame: &mut eframe::Frame) {
        eframe::App::ui(&mut self.app, ui, frame);
        if self.first_frame.is_none() {
            self.first_frame = Some(self.started.elapsed());
        }
        if !self.app.doc.is_lint_stale() {
            self.settled_frames += 1;
        }
        if self.settled_frames == SETTLE_FRAMES {
            println!("{}", self.report());
            ui.ctx().send_viewport_cmd(egui::ViewportCommand::Close);
        }
        ui.ctx().request_repaint();
    }
}

/// The process's peak resident memory (Linux: `VmHWM` in `/proc/self/status`).
fn peak_memory_mib() -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kib: f64 = line
        .trim_start_matches("VmHWM:")
        .trim()
        .trim_end_matches("kB")
        .trim()
        .parse()
        .ok()?;
    Some(kib / 1024.0)
}
