//! Colour and size tokens. No literal colours anywhere else in the app.

use egui::Color32;

use crate::model::{Category, Kind};

/// Fill colour of a category (AWS's category colours).
pub fn category_color(category: Category) -> Color32 {
    match category {
        Category::Grouping => Color32::from_rgb(0x8C, 0x4F, 0xFF),
        Category::Actor => Color32::from_rgb(0x23, 0x2F, 0x3E),
        Category::Compute | Category::Containers => Color32::from_rgb(0xED, 0x71, 0x00),
        Category::Networking => Color32::from_rgb(0x8C, 0x4F, 0xFF),
        Category::AppIntegration => Color32::from_rgb(0xE7, 0x15, 0x7B),
        Category::Database => Color32::from_rgb(0xC9, 0x25, 0xD1),
        Category::Storage => Color32::from_rgb(0x7A, 0xA1, 0x16),
    }
}

/// Border colour of a container kind, following AWS diagram conventions.
pub fn container_stroke(kind: Kind) -> Color32 {
    match kind {
        Kind::Region => Color32::from_rgb(0x00, 0xA4, 0xA6),
        Kind::Vpc => Color32::from_rgb(0x8C, 0x4F, 0xFF),
        Kind::AvailabilityZone => Color32::from_rgb(0x00, 0x73, 0xBB),
        Kind::Subnet => Color32::from_rgb(0x7A, 0xA1, 0x16),
        _ => Color32::from_rgb(0xED, 0x71, 0x00),
    }
}

/// Background tint of a container.
pub fn container_fill(kind: Kind, public: bool) -> Color32 {
    match (kind, public) {
        (Kind::Subnet, true) => Color32::from_rgba_unmultiplied(0x7A, 0xA1, 0x16, 24),
        (Kind::Subnet, false) => Color32::from_rgba_unmultiplied(0x00, 0xA4, 0xA6, 20),
        _ => Color32::TRANSPARENT,
    }
}

/// Link colour.
pub const LINK: Color32 = Color32::from_rgb(0x54, 0x5B, 0x64);

/// Text on coloured tiles.
pub const TILE_TEXT: Color32 = Color32::WHITE;

/// Error text.
pub const ERROR: Color32 = Color32::from_rgb(0xD1, 0x32, 0x12);
