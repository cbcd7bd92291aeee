//! Colour tokens, light and dark. No literal colours anywhere else in the app.

use egui::Color32;

use crate::model::{Category, Kind, Severity};

/// Fill colour of a category (AWS's category colours).
pub fn category_color(category: Category) -> Color32 {
    match category {
        Category::Grouping => Color32::from_rgb(0x00, 0xA4, 0xA6),
        Category::Actor => Color32::from_rgb(0x23, 0x2F, 0x3E),
        Category::Compute | Category::Containers => Color32::from_rgb(0xED, 0x71, 0x00),
        Category::Networking => Color32::from_rgb(0x8C, 0x4F, 0xFF),
        Category::AppIntegration => Color32::from_rgb(0xE7, 0x15, 0x7B),
        Category::Database => Color32::from_rgb(0xC9, 0x25, 0xD1),
        Category::Storage => Color32::from_rgb(0x7A, 0xA1, 0x16),
    }
}

/// Border colour of a container, following AWS diagram conventions.
pub fn container_stroke(kind: Kind, public: bool) -> Color32 {
    match kind {
        Kind::Region => Color32::from_rgb(0x00, 0xA4, 0xA6),
        Kind::Vpc => Color32::from_rgb(0x8C, 0x4F, 0xFF),
        Kind::AvailabilityZone => Color32::from_rgb(0x00, 0x73, 0xBB),
        Kind::Subnet if public => Color32::from_rgb(0x7A, 0xA1, 0x16),
        Kind::Subnet => Color32::from_rgb(0x00, 0xA4, 0xA6),
        _ => Color32::from_rgb(0xED, 0x71, 0x00),
    }
}

/// Label colour of a container.
pub fn container_text(kind: Kind, dark: bool) -> Color32 {
    let base = container_stroke(kind, false);
    if dark { base.gamma_multiply(1.4) } else { base }
}

/// Background tint of a container (public subnets green, private blue-green).
pub fn container_fill(kind: Kind, public: bool) -> Color32 {
    match (kind, public) {
        (Kind::Subnet, true) => Color32::from_rgba_unmultiplied(0x7A, 0xA1, 0x16, 26),
        (Kind::Subnet, false) => Color32::from_rgba_unmultiplied(0x00, 0xA4, 0xA6, 22),
        _ => Color32::TRANSPARENT,
    }
}

/// Canvas background.
pub fn canvas_background(dark: bool) -> Color32 {
    if dark {
        Color32::from_rgb(0x1B, 0x1E, 0x23)
    } else {
        Color32::from_rgb(0xFA, 0xFA, 0xFB)
    }
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
    if dark {
        Color32::from_rgb(0x26, 0x2A, 0x31)
    } else {
        Color32::WHITE
    }
}

/// Component card border.
pub fn card_border(dark: bool) -> Color32 {
    if dark {
        Color32::from_rgb(0x45, 0x4B, 0x55)
    } else {
        Color32::from_rgb(0xC8, 0xCC, 0xD2)
    }
}

/// Body text on the canvas.
pub fn text(dark: bool) -> Color32 {
    if dark {
        Color32::from_rgb(0xE6, 0xE8, 0xEB)
    } else {
        Color32::from_rgb(0x16, 0x19, 0x1F)
    }
}

/// Links.
pub fn link_color(dark: bool) -> Color32 {
    if dark {
        Color32::from_rgb(0x9A, 0xA2, 0xAD)
    } else {
        Color32::from_rgb(0x54, 0x5B, 0x64)
    }
}

/// Severity badge colour.
pub fn severity(severity: Severity) -> Color32 {
    match severity {
        Severity::Critical => Color32::from_rgb(0x9E, 0x1B, 0x1B),
        Severity::High => Color32::from_rgb(0xD1, 0x32, 0x12),
        Severity::Medium => Color32::from_rgb(0xE0, 0x8A, 0x00),
        Severity::Low => Color32::from_rgb(0x3B, 0x7D, 0xD8),
        Severity::Info => Color32::from_rgb(0x6B, 0x72, 0x80),
    }
}

/// Selection highlight.
pub const SELECTION: Color32 = Color32::from_rgb(0x1F, 0x6F, 0xEB);

/// Hover highlight.
pub const HOVER: Color32 = Color32::from_rgb(0x6A, 0x9C, 0xF0);

/// An allowed drop or connection.
pub const DROP_OK: Color32 = Color32::from_rgb(0x1A, 0x8F, 0x3C);

/// Errors and refusals.
pub const ERROR: Color32 = Color32::from_rgb(0xD1, 0x32, 0x12);
