//! Kind icons as egui textures: our embedded SVGs (or, when the user points to a folder
//! with their own copy of an icon set, `<folder>/<icon name>.svg` from there), rasterized
//! once with resvg and cached.

use std::collections::HashMap;
use std::path::PathBuf;

use egui::{ColorImage, TextureHandle, TextureOptions};

use crate::assets::{icon_name, icon_svg};
use crate::model::Kind;

/// Pixels per side of a rasterized icon: sharp up to about 2× zoom on a 48-unit tile.
const RASTER_SIZE: u32 = 96;

/// Cached icon textures.
#[derive(Default)]
pub struct Icons {
    /// Folder with the user's own SVG icons, used when a file for the kind exists there.
    pub folder: Option<PathBuf>,
    textures: HashMap<Kind, Option<TextureHandle>>,
}

impl Icons {
    /// Uses the SVGs in `folder` (where a file for a kind exists) from now on.
    pub fn set_folder(&mut self, folder: Option<PathBuf>) {
        if self.folder != folder {
            self.folder = folder;
            self.textures.clear();
        }
    }

    /// The texture of `kind`'s icon (`None` only if the SVG cannot be drawn).
    pub fn get(&mut self, ctx: &egui::Context, kind: Kind) -> Option<&TextureHandle> {
        let folder = self.folder.clone();
        self.textures
            .entry(kind)
            .or_insert_with(|| {
                let user = folder
                    .map(|f| f.join(format!("{}.svg", icon_name(kind))))
                    .and_then(|path| std::fs::read(path).ok());
                let image = user
                    .and_then(|bytes| rasterize(&bytes))
                    .or_else(|| rasterize(icon_svg(kind).as_bytes()))?;
                Some(ctx.load_texture(
                    format!("icon-{}", icon_name(kind)),
                    image,
                    TextureOptions::LINEAR,
                ))
            })
            .as_ref()
    }
}

impl Icons {
    /// Paints `kind`'s icon into `rect` (screen).
    pub fn paint(&mut self, painter: &egui::Painter, kind: Kind, rect: egui::Rect) {
        if let Some(texture) = self.get(painter.ctx(), kind) {
            painter.image(
                texture.id(),
                rect,
                egui::Rect::from_min_max(egui::Pos2::ZERO, egui::pos2(1.0, 1.0)),
                egui::Color32::WHITE,
            );
        }
    }
}

/// Draws an SVG into a square image of `RASTER_SIZE` pixels.
pub fn rasterize(svg: &[u8]) -> Option<ColorImage> {
    use resvg::{tiny_skia, usvg};
    let tree = usvg::Tree::from_data(svg, &usvg::Options::default()).ok()?;
    let mut pixmap = tiny_skia::Pixmap::new(RASTER_SIZE, RASTER_SIZE)?;
    let size = tree.size();
    let scale = RASTER_SIZE as f32 / size.width().max(size.height());
    resvg::render(
        &tree,
        tiny_skia::Transform::from_scale(scale, scale),
        &mut pixmap.as_mut(),
    );
    Some(ColorImage::from_rgba_premultiplied(
        [RASTER_SIZE as usize, RASTER_SIZE as usize],
        pixmap.data(),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_embedded_icon_rasterizes_to_visible_pixels() {
        for &kind in Kind::ALL {
            let image = rasterize(icon_svg(kind).as_bytes()).unwrap();
            let opaque = image.pixels.iter().filter(|p| p.a() > 200).count();
            assert!(opaque > image.pixels.len() / 2, "{kind:?} is mostly empty");
        }
    }
}
