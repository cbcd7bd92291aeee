//! World-space geometry: points, sizes, rectangles and the hit-test maths on them.
//!
//! World units are independent of any GUI crate; the canvas converts them to screen
//! space in one place.

use serde::{Deserialize, Serialize};

/// A position in world units.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Point {
    /// Horizontal coordinate, growing to the right.
    pub x: f32,
    /// Vertical coordinate, growing downwards.
    pub y: f32,
}

impl Point {
    /// Makes a point.
    pub const fn new(x: f32, y: f32) -> Self {
        Self { x, y }
    }

    /// Both coordinates are finite numbers.
    pub fn is_finite(self) -> bool {
        self.x.is_finite() && self.y.is_finite()
    }

    /// This point moved by `dx`, `dy`.
    #[must_use]
    pub fn offset(self, dx: f32, dy: f32) -> Self {
        Self::new(self.x + dx, self.y + dy)
    }
}

/// A width and height in world units.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Size {
    /// Width.
    pub w: f32,
    /// Height.
    pub h: f32,
}

impl Size {
    /// Makes a size.
    pub const fn new(w: f32, h: f32) -> Self {
        Self { w, h }
    }

    /// Both dimensions are finite and positive.
    pub fn is_valid(self) -> bool {
        self.w.is_finite() && self.h.is_finite() && self.w > 0.0 && self.h > 0.0
    }
}

/// An axis-aligned rectangle: top-left corner plus size.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Rect {
    /// Top-left corner.
    pub min: Point,
    /// Width and height.
    pub size: Size,
}

impl Rect {
    /// Makes a rectangle from its top-left corner and size.
    pub const fn new(min: Point, size: Size) -> Self {
        Self { min, size }
    }

    /// Bottom-right corner.
    pub fn max(&self) -> Point {
        Point::new(self.min.x + self.size.w, self.min.y + self.size.h)
    }

    /// Centre point.
    pub fn center(&self) -> Point {
        Point::new(
            self.min.x + self.size.w / 2.0,
            self.min.y + self.size.h / 2.0,
        )
    }

    /// `p` lies inside or on the border.
    pub fn contains(&self, p: Point) -> bool {
        let max = self.max();
        p.x >= self.min.x && p.x <= max.x && p.y >= self.min.y && p.y <= max.y
    }

    /// `other` lies entirely inside this rectangle.
    pub fn contains_rect(&self, other: &Rect) -> bool {
        self.contains(other.min) && self.contains(other.max())
    }

    /// The two rectangles overlap (touching counts).
    pub fn intersects(&self, other: &Rect) -> bool {
        let (a, b) = (self.max(), other.max());
        self.min.x <= b.x && other.min.x <= a.x && self.min.y <= b.y && other.min.y <= a.y
    }

    /// The smallest rectangle containing both.
    #[must_use]
    pub fn union(&self, other: &Rect) -> Rect {
        let (a, b) = (self.max(), other.max());
        let min = Point::new(self.min.x.min(other.min.x), self.min.y.min(other.min.y));
        let max = Point::new(a.x.max(b.x), a.y.max(b.y));
        Rect::new(min, Size::new(max.x - min.x, max.y - min.y))
    }

    /// This rectangle grown by `margin` on every side.
    #[must_use]
    pub fn expand(&self, margin: f32) -> Rect {
        Rect::new(
            self.min.offset(-margin, -margin),
            Size::new(self.size.w + 2.0 * margin, self.size.h + 2.0 * margin),
        )
    }

    /// The point on the border closest to the straight line from the centre towards `target`,
    /// where links attach.
    pub fn boundary_point_towards(&self, target: Point) -> Point {
        let c = self.center();
        let (dx, dy) = (target.x - c.x, target.y - c.y);
        if dx == 0.0 && dy == 0.0 {
            return c;
        }
        let half_w = self.size.w / 2.0;
        let half_h = self.size.h / 2.0;
        let scale_x = if dx == 0.0 {
            f32::INFINITY
        } else {
            half_w / dx.abs()
        };
        let scale_y = if dy == 0.0 {
            f32::INFINITY
        } else {
            half_h / dy.abs()
        };
        let t = scale_x.min(scale_y);
        Point::new(c.x + dx * t, c.y + dy * t)
    }
}

/// Distance from `p` to the segment `a`–`b`.
pub fn distance_to_segment(p: Point, a: Point, b: Point) -> f32 {
    let (abx, aby) = (b.x - a.x, b.y - a.y);
    let len_sq = abx * abx + aby * aby;
    let t = if len_sq == 0.0 {
        0.0
    } else {
        (((p.x - a.x) * abx + (p.y - a.y) * aby) / len_sq).clamp(0.0, 1.0)
    };
    let (cx, cy) = (a.x + t * abx - p.x, a.y + t * aby - p.y);
    (cx * cx + cy * cy).sqrt()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rect_containment_and_union() {
        let a = Rect::new(Point::new(0.0, 0.0), Size::new(10.0, 10.0));
        let b = Rect::new(Point::new(2.0, 2.0), Size::new(3.0, 3.0));
        assert!(a.contains_rect(&b));
        assert!(!b.contains_rect(&a));
        let c = Rect::new(Point::new(20.0, -5.0), Size::new(1.0, 1.0));
        let u = a.union(&c);
        assert_eq!(u.min, Point::new(0.0, -5.0));
        assert_eq!(u.max(), Point::new(21.0, 10.0));
        assert!(!a.intersects(&c));
    }

    #[test]
    fn boundary_point_lies_on_border() {
        let r = Rect::new(Point::new(0.0, 0.0), Size::new(10.0, 4.0));
        assert_eq!(
            r.boundary_point_towards(Point::new(100.0, 2.0)),
            Point::new(10.0, 2.0)
        );
        assert_eq!(
            r.boundary_point_towards(Point::new(5.0, -50.0)),
            Point::new(5.0, 0.0)
        );
    }

    #[test]
    fn segment_distance() {
        let d = distance_to_segment(
            Point::new(5.0, 3.0),
            Point::new(0.0, 0.0),
            Point::new(10.0, 0.0),
        );
        assert!((d - 3.0).abs() < 1e-6);
        let d = distance_to_segment(
            Point::new(-4.0, 3.0),
            Point::new(0.0, 0.0),
            Point::new(10.0, 0.0),
        );
        assert!((d - 5.0).abs() < 1e-6);
    }
}
