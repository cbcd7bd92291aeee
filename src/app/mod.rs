//! The desktop editor (feature `gui`): the only place egui, eframe and rfd appear.
//!
//! For now a viewer: it opens a diagram (a bundled sample by default) and shows it on a
//! pannable, zoomable canvas with its document info. Editing arrives with the canvas issue.

pub mod theme;
pub mod viewer;

use std::path::PathBuf;

use crate::io;
use crate::model::Diagram;

/// Sample opened when no file is given.
pub const DEFAULT_SAMPLE: &str = "three_tier_tightly_coupled";

/// What the window shows: a diagram, or why it could not be opened.
pub struct DiagramApp {
    /// The open diagram (empty when loading failed).
    pub diagram: Diagram,
    /// Where it came from, for the title bar.
    pub source: String,
    /// A load error to show, if any.
    pub error: Option<String>,
    /// Canvas camera: the part of the world in view.
    pub view: viewer::ViewState,
}

impl DiagramApp {
    /// Opens `file`, or the default bundled sample when `None`. A load failure is shown in
    /// the window instead of ending the program.
    pub fn open(file: Option<PathBuf>) -> Self {
        let (result, source) = match file {
            Some(path) => (io::load_path(&path), path.display().to_string()),
            None => {
                let sample = io::samples::by_name(DEFAULT_SAMPLE);
                let origin = format!("sample {DEFAULT_SAMPLE}");
                let result = match sample {
                    Some(sample) => io::load_str(sample.text, std::path::Path::new(&origin)),
                    None => Ok(Diagram::new()),
                };
                (result, origin)
            }
        };
        match result {
            Ok(diagram) => Self {
                diagram,
                source,
                error: None,
                view: viewer::ViewState::default(),
            },
            Err(err) => Self {
                diagram: Diagram::new(),
                source,
                error: Some(err.to_string()),
                view: viewer::ViewState::default(),
            },
        }
    }

    /// Window title: diagram title and where it came from.
    pub fn window_title(&self) -> String {
        if self.diagram.info.title.is_empty() {
            format!("{} — cloudsketch", self.source)
        } else {
            format!(
                "{} ({}) — cloudsketch",
                self.diagram.info.title, self.source
            )
        }
    }
}

impl eframe::App for DiagramApp {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        viewer::app_ui(self, ui);
    }
}

/// Opens the editor window and runs until it is closed.
pub fn run_native(file: Option<PathBuf>) -> anyhow::Result<()> {
    let app = DiagramApp::open(file);
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_title(app.window_title())
            .with_inner_size([1400.0, 900.0])
            .with_min_inner_size([640.0, 400.0]),
        ..Default::default()
    };
    eframe::run_native("cloudsketch", options, Box::new(|_cc| Ok(Box::new(app))))
        .map_err(|err| anyhow::anyhow!("cannot open the window: {err}"))
}
