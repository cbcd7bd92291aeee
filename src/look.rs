//! The colours of a diagram, shared by the editor's canvas and the exported pictures so
//! both look the same: AWS's category colours, container borders and tints, cards, text,
//! links and severities, for the light and the dark theme. Plain RGBA, no UI types.

use crate::model::{Category, Kind, Severity};

/// A colour with straight (not premultiplied) alpha.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Rgba(pub u8, pub u8, pub u8, pub u8);

impl Rgba {
    const fn rgb(r: u8, g: u8, b: u8) -> Self {
        Self(r, g, b, 255)
    }

    /// `#rrggbb`, for SVG and HTML.
    pub fn hex(self) -> String {
        format!("#{:02x}{:02x}{:02x}", self.0, self.1, self.2)
    }

    /// Alpha as a fraction, for SVG's `fill-opacity`.
    pub fn opacity(self) -> f32 {
        f32::from(self.3) / 255.0
    }

    /// Fully transparent.
    pub fn is_transparent(self) -> bool {
        self.3 == 0
    }
}

/// Fill colour of a category (AWS's category colours).
pub fn category_color(category: Category) -> Rgba {
    match category {
        Category::Grouping => Rgba::rgb(0x00, 0xA4, 0xA6),
        Category::Actor => Rgba::rgb(0x23, 0x2F, 0x3E),
        Category::Compute | Category::Containers => Rgba::rgb(0xED, 0x71, 0x00),
        Category::Networking => Rgba::rgb(0x8C, 0x4F, 0xFF),
        Category::AppIntegration => Rgba::rgb(0xE7, 0x15, 0x7B),
        Category::Database => Rgba::rgb(0xC9, 0x25, 0xD1),
        Category::Storage => Rgba::rgb(0x7A, 0xA1, 0x16),
    }
}

/// Border colour of a container, following AWS diagram conventions.
pub fn container_stroke(kind: Kind, public: bool) -> Rgba {
    match kind {
        Kind::Region => Rgba::rgb(0x00, 0xA4, 0xA6),
        Kind::Vpc => Rgba::rgb(0x8C, 0x4F, 0xFF),
        Kind::AvailabilityZone => Rgba::rgb(0x00, 0x73, 0xBB),
        Kind::Subnet if public => Rgba::rgb(0x7A, 0xA1, 0x16),
        Kind::Subnet => Rgba::rgb(0x00, 0xA4, 0xA6),
        _ => Rgba::rgb(0xED, 0x71, 0x00),
    }
}

/// Background tint of a container (public subnets green, private blue-green).
pub fn container_fill(kind: Kind, public: bool) -> Rgba {
    match (kind, public) {
        (Kind::Subnet, true) => Rgba(0x7A, 0xA1, 0x16, 26),
        (Kind::Subnet, false) => Rgba(0x00, 0xA4, 0xA6, 22),
        _ => Rgba(0, 0, 0, 0),
    }
}

/// Containers drawn with a dashed border (AWS draws AZs and groups that way).
pub fn container_dashed(kind: Kind) -> bool {
    matches!(kind, Kind::AvailabilityZone | Kind::AutoScalingGroup)
}

/// Canvas background.
pub fn background(dark: bool) -> Rgba {
    if dark {
        Rgba::rgb(0x1B, 0x1E, 0x23)
    } else {
        Rgba::rgb(0xFA, 0xFA, 0xFB)
    }
}

/// Component card fill.
pub fn card(dark: bool) -> Rgba {
    if dark {
        Rgba::rgb(0x26, 0x2A, 0x31)
    } else {
        Rgba::rgb(0xFF, 0xFF, 0xFF)
    }
}

/// Component card border.
pub fn card_border(dark: bool) -> Rgba {
    if dark {
        Rgba::rgb(0x45, 0x4B, 0x55)
    } else {
        Rgba::rgb(0xC8, 0xCC, 0xD2)
    }
}

/// Body text.
pub fn text(dark: bool) -> Rgba {
    if dark {
        Rgba::rgb(0xE6, 0xE8, 0xEB)
    } else {
        Rgba::rgb(0x16, 0x19, 0x1F)
    }
}

/// Links.
pub fn link(dark: bool) -> Rgba {
    if dark {
        Rgba::rgb(0x9A, 0xA2, 0xAD)
    } else {
        Rgba::rgb(0x54, 0x5B, 0x64)
    }
}

/// Severity badge colour.
pub fn severity(severity: Severity) -> Rgba {
    match severity {
        Severity::Critical => Rgba::rgb(0x9E, 0x1B, 0x1B),
        Severity::High => Rgba::rgb(0xD1, 0x32, 0x12),
        Severity::Medium => Rgba::rgb(0xE0, 0x8A, 0x00),
        Severity::Low => Rgba::rgb(0x3B, 0x7D, 0xD8),
        Severity::Info => Rgba::rgb(0x6B, 0x72, 0x80),
    }
}
