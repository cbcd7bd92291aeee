//! Colour tokens, light and dark. No literal colours anywhere else in the app; the
//! diagram's own colours come from [`crate::look`], which exported pictures use too.

use egui::Color32;

use crate::look::{self, Rgba};
use crate::model::{Category, Kind, Severity};

fn color(c: Rgba) -> Color32 {
    Color32::from_rgba_unmultiplied(c.0, c.1, c.2, c.3)
}

/// Fill colour of a category (AWS's category colours).
pub fn category_color(category: Category) -> Color32 {
    color(look::category_color(category))
}

/// Border colour of a container, following AWS diagram conventions.
pub fn container_stroke(kind: Kind, public: bool) -> Color32 {
    color(look::container_stroke(kind, public))
}

/// Label colour of a container.
pub fn container_text(kind: Kind, dark: bool) -> Color32 {
    let base = container_stroke(kind, false);
    if dark { base.gamma_multiply(1.4) } else { base }
}

/// Background tint of a container (public subnets green, private blue-green).
pub fn container_fill(kind: Kind, public: bool) -> Color32 {
    color(look::container_fill(kind, public))
}

/// Canvas background.
pub fn canvas_background(dark: bool) -> Color32 {
    color(look::background(dark))
}

/// Grid dots.
pub fn grid(dark: bool) -> Color32 {
    if dark {
        Color32::from_rgb(0x22, 0x26, 0x2C)
    } else {
        Color32::from_rgb(0xEE, 0xEF, 0xF2)
    }
}

/// Component card fill.
pub fn card(dark: bool) -> Color32 {
    color(look::card(dark))
}

/// Component card border.
pub fn card_border(dark: bool) -> Color32 {
    color(look::card_border(dark))
}

/// Body text on the canvas.
pub fn text(dark: bool) -> Color32 {
    color(look::text(dark))
}

/// Links.
pub fn link_color(dark: bool) -> Color32 {
    color(look::link(dark))
}

/// Severity badge colour.
pub fn severity(severity: Severity) -> Color32 {
    color(look::severity(severity))
}

/// Selection highlight.
pub const SELECTION: Color32 = Color32::from_rgb(0x1F, 0x6F, 0xEB);

/// Hover highlight.
pub const HOVER: Color32 = Color32::from_rgb(0x6A, 0x9C, 0xF0);

/// An allowed drop or connection.
pub const DROP_OK: Color32 = Color32::from_rgb(0x1A, 0x8F, 0x3C);

/// Errors and refusals.
pub const ERROR: Color32 = Color32::from_rgb(0xD1, 0x32, 0x12);
