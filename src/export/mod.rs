//! Pictures of a diagram: an SVG written from the model with the same icons and colours as
//! the canvas ([`svg`]), and a PNG rasterized from that SVG with resvg ([`png`]), so export
//! works headless, in CI, without a GPU. Used by `cloudsketch export`, the HTML report and
//! the editor's File ▸ Export.

pub mod png;
pub mod svg;

use std::path::Path;

pub use png::to_png;
pub use svg::to_svg;

/// How a picture is drawn.
#[derive(Clone, Debug, PartialEq)]
pub struct ExportOptions {
    /// Pixels per diagram unit.
    pub scale: f32,
    /// Draw finding badges on components and links, with a legend.
    pub findings: bool,
    /// Dark theme instead of the default light one.
    pub dark: bool,
    /// Put before every `id` the picture defines, so several pictures inlined in one
    /// HTML page keep distinct ids (`d1-`, `d2-`, …). Empty for a standalone file.
    pub id_prefix: String,
}

impl Default for ExportOptions {
    fn default() -> Self {
        Self {
            scale: 1.0,
            findings: true,
            dark: false,
            id_prefix: String::new(),
        }
    }
}

/// The picture formats.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// Scalable vector graphics.
    Svg,
    /// Portable network graphics.
    Png,
}

impl Format {
    /// The file name extension (`svg`, `png`).
    pub fn extension(self) -> &'static str {
        match self {
            Format::Svg => "svg",
            Format::Png => "png",
        }
    }

    /// The format a file name asks for (`.svg` or `.png`, any case).
    pub fn of_path(path: &Path) -> Option<Format> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        match ext.as_str() {
            "svg" => Some(Format::Svg),
            "png" => Some(Format::Png),
            _ => None,
        }
    }
}

/// Why a picture could not be made.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    /// The picture would be empty or absurdly large.
    #[error("the picture would be {width} × {height} pixels; {hint}")]
    Size {
        /// Width in pixels.
        width: f32,
        /// Height in pixels.
        height: f32,
        /// What to do.
        hint: &'static str,
    },
    /// The SVG could not be rasterized (a bug: the SVG is ours).
    #[error("could not draw the picture: {0}")]
    Render(String),
}
