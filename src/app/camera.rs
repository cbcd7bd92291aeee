//! The canvas camera: `screen_from_world` (rerun naming), pan, zoom around a point, fit to
//! content. View state only: never in undo history or the saved file.

use egui::emath::TSTransform;
use egui::{Pos2, Rect, Vec2};

use crate::model;

/// Closest and farthest zoom. Beyond about 2× text blurs, so we stop at 4×.
pub const ZOOM_RANGE: std::ops::RangeInclusive<f32> = 0.02..=4.0;

/// Where the world is on screen.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Camera {
    /// World → screen.
    pub screen_from_world: TSTransform,
    /// Fit to content on the next frame (after opening, or on request).
    pub fit_pending: bool,
    /// The canvas area of the last fit, kept for one frame: the panels settle after a
    /// diagram is opened (the findings list grows), and a canvas that changed size right
    /// after a fit is fitted again.
    pub fitted_in: Option<Rect>,
    /// The view still shows the last fit: nothing panned or zoomed since. While it does, a
    /// window resized by the user (or the window manager, after opening) is fitted again.
    pub shows_fit: bool,
    /// The window's size at the last frame the canvas was drawn.
    pub window: Option<Vec2>,
}

impl Default for Camera {
    fn default() -> Self {
        Self {
            screen_from_world: TSTransform::IDENTITY,
            fit_pending: true,
            fitted_in: None,
            shows_fit: false,
            window: None,
        }
    }
}

impl Camera {
    /// Current zoom (screen points per world unit).
    pub fn zoom(&self) -> f32 {
        self.screen_from_world.scaling
    }

    /// Screen → world.
    pub fn world_from_screen(&self) -> TSTransform {
        self.screen_from_world.inverse()
    }

    /// A screen position in world units.
    pub fn to_world(&self, p: Pos2) -> model::Point {
        let w = self.world_from_screen() * p;
        model::Point::new(w.x, w.y)
    }

    /// A world point on screen.
    pub fn to_screen(&self, p: model::Point) -> Pos2 {
        self.screen_from_world * Pos2::new(p.x, p.y)
    }

    /// A world rectangle on screen.
    pub fn rect_to_screen(&self, r: &model::Rect) -> Rect {
        self.screen_from_world * world_rect(r)
    }

    /// The part of the world visible in `viewport` (screen).
    pub fn visible_world(&self, viewport: Rect) -> model::Rect {
        let r = self.world_from_screen() * viewport;
        model::Rect::new(
            model::Point::new(r.min.x, r.min.y),
            model::Size::new(r.width(), r.height()),
        )
    }

    /// Moves the view by a screen delta.
    pub fn pan(&mut self, delta: Vec2) {
        self.shows_fit = false;
        self.screen_from_world = TSTransform::from_translation(delta) * self.screen_from_world;
    }

    /// Zooms by `factor`, keeping the world point under `anchor` (screen) in place.
    pub fn zoom_around(&mut self, anchor: Pos2, factor: f32) {
        let current = self.zoom();
        let target = (current * factor).clamp(*ZOOM_RANGE.start(), *ZOOM_RANGE.end());
        if current <= 0.0 || !target.is_finite() {
            return;
        }
        let factor = target / current;
        self.shows_fit = false;
        self.screen_from_world = TSTransform::from_translation(anchor.to_vec2())
            * TSTransform::from_scaling(factor)
            * TSTransform::from_translation(-anchor.to_vec2())
            * self.screen_from_world;
    }

    /// Pans the least that brings `target` (world), with a margin, wholly into `viewport`
    /// (screen) at the current zoom. Returns `false`, moving nothing, when it is too large
    /// to fit at this zoom.
    pub fn reveal(&mut self, target: &model::Rect, viewport: Rect) -> bool {
        let shown = self.rect_to_screen(&target.expand(20.0));
        if shown.width() > viewport.width() || shown.height() > viewport.height() {
            return false;
        }
        let shift = |low: f32, high: f32, min: f32, max: f32| {
            if low < min {
                min - low
            } else if high > max {
                max - high
            } else {
                0.0
            }
        };
        let delta = Vec2::new(
            shift(shown.min.x, shown.max.x, viewport.min.x, viewport.max.x),
            shift(shown.min.y, shown.max.y, viewport.min.y, viewport.max.y),
        );
        if delta != Vec2::ZERO {
            self.pan(delta);
        }
        true
    }

    /// Shows `content` (world) centred in `viewport` (screen) with a margin, no closer
    /// than 100 %.
    pub fn fit(&mut self, content: Option<model::Rect>, viewport: Rect) {
        self.shows_fit = true;
        let Some(content) = content.map(|c| world_rect(&c.expand(40.0))) else {
            self.screen_from_world = TSTransform::from_translation(viewport.min.to_vec2());
            return;
        };
        let scale = (viewport.width() / content.width())
            .min(viewport.height() / content.height())
            .clamp(*ZOOM_RANGE.start(), 1.0);
        self.screen_from_world = TSTransform::from_translation(viewport.center().to_vec2())
            * TSTransform::from_scaling(scale)
            * TSTransform::from_translation(-content.center().to_vec2());
    }
}

/// A model rectangle as an egui rectangle (same units).
pub fn world_rect(r: &model::Rect) -> Rect {
    Rect::from_min_size(Pos2::new(r.min.x, r.min.y), Vec2::new(r.size.w, r.size.h))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn viewport() -> Rect {
        Rect::from_min_size(Pos2::new(100.0, 50.0), Vec2::new(800.0, 600.0))
    }

    #[test]
    fn zoom_keeps_the_point_under_the_cursor() {
        let mut camera = Camera::default();
        camera.pan(Vec2::new(30.0, 40.0));
        let anchor = Pos2::new(400.0, 300.0);
        let before = camera.to_world(anchor);
        camera.zoom_around(anchor, 2.5);
        let after = camera.to_world(anchor);
        assert!((before.x - after.x).abs() < 1e-3 && (before.y - after.y).abs() < 1e-3);
        assert!((camera.zoom() - 2.5).abs() < 1e-6);
        camera.zoom_around(anchor, 1000.0);
        assert_eq!(camera.zoom(), *ZOOM_RANGE.end());
    }

    #[test]
    fn fit_shows_all_content_centred() {
        let mut camera = Camera::default();
        let content = model::Rect::new(
            model::Point::new(-500.0, 0.0),
            model::Size::new(4000.0, 1000.0),
        );
        camera.fit(Some(content), viewport());
        let shown = camera.rect_to_screen(&content);
        assert!(viewport().contains_rect(shown), "{shown:?}");
        assert!((shown.center() - viewport().center()).length() < 1e-2);
        // Small content is not blown up beyond 100 %.
        let small = model::Rect::new(model::Point::new(0.0, 0.0), model::Size::new(10.0, 10.0));
        camera.fit(Some(small), viewport());
        assert_eq!(camera.zoom(), 1.0);
    }

    #[test]
    fn reveal_pans_the_least_that_shows_the_target_and_refuses_what_cannot_fit() {
        let viewport = Rect::from_min_size(Pos2::ZERO, Vec2::new(800.0, 600.0));
        let mut camera = Camera {
            screen_from_world: TSTransform::IDENTITY,
            ..Camera::default()
        };
        let inside = model::Rect::new(
            model::Point::new(100.0, 100.0),
            model::Size::new(96.0, 72.0),
        );
        assert!(camera.reveal(&inside, viewport));
        assert_eq!(
            camera.screen_from_world,
            TSTransform::IDENTITY,
            "already shown"
        );
        let right = model::Rect::new(
            model::Point::new(900.0, 100.0),
            model::Size::new(96.0, 72.0),
        );
        assert!(camera.reveal(&right, viewport));
        let shown = camera.rect_to_screen(&right);
        assert!(viewport.contains_rect(shown));
        assert!(
            (shown.max.x - (800.0 - 20.0)).abs() < 0.01,
            "moved just enough: {shown:?}"
        );
        assert!((shown.min.y - 100.0).abs() < 0.01, "and not up or down");
        let huge = model::Rect::new(model::Point::new(0.0, 0.0), model::Size::new(5000.0, 100.0));
        let before = camera.screen_from_world;
        assert!(!camera.reveal(&huge, viewport));
        assert_eq!(camera.screen_from_world, before);
    }
}
