//! The PNG picture of a diagram: its SVG ([`super::svg`]) rasterized with resvg, with the
//! font embedded in the binary (`assets/fonts/`), so the result is the same on every
//! machine and needs neither a GPU nor system fonts.

use std::sync::Arc;

use resvg::{tiny_skia, usvg};

use super::{ExportError, ExportOptions, svg};
use crate::model::Diagram;
use crate::rules::Report;

/// Ubuntu Light (Ubuntu Font Licence, see `assets/fonts/UFL.txt`), the font egui uses.
const FONT: &[u8] = include_bytes!("../../assets/fonts/Ubuntu-Light.ttf");

/// Largest side of an exported PNG, in pixels.
const MAX_SIDE: f32 = 16_384.0;

/// The picture as PNG bytes.
pub fn to_png(
    diagram: &Diagram,
    report: Option<&Report>,
    options: &ExportOptions,
) -> Result<Vec<u8>, ExportError> {
    rasterize(&svg::to_svg(diagram, report, options))
}

/// Rasterizes one of our SVGs at its own size.
pub fn rasterize(svg_text: &str) -> Result<Vec<u8>, ExportError> {
    let mut fonts = usvg::fontdb::Database::new();
    fonts.load_font_data(FONT.to_vec());
    let options = usvg::Options {
        font_family: "Ubuntu".to_owned(),
        fontdb: Arc::new(fonts),
        ..usvg::Options::default()
    };
    let tree =
        usvg::Tree::from_str(svg_text, &options).map_err(|e| ExportError::Render(e.to_string()))?;
    let size = tree.size();
    let (width, height) = (size.width().ceil(), size.height().ceil());
    if !(1.0..=MAX_SIDE).contains(&width) || !(1.0..=MAX_SIDE).contains(&height) {
        return Err(ExportError::Size {
            width,
            height,
            hint: "choose a --scale that keeps both sides between 1 and 16384 pixels",
        });
    }
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
    let mut pixmap = tiny_skia::Pixmap::new(width as u32, height as u32)
        .ok_or_else(|| ExportError::Render("no memory for the picture".to_owned()))?;
    resvg::render(
        &tree,
        tiny_skia::Transform::identity(),
        &mut pixmap.as_mut(),
    );
    pixmap
        .encode_png()
        .map_err(|e| ExportError::Render(e.to_string()))
}
