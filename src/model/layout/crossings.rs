//! Counting link crossings: a readability measure for layouts (tests and benchmarks), on
//! the straight segments the canvas draws.

use crate::model::scene::link_segment;
use crate::model::{Diagram, Point};

/// (Link, component) pairs where the link's drawn segment runs through a component that is
/// not one of its ends (boxes are not counted: links run through boxes by design).
/// Quadratic: meant for tests and measurements, not for frames.
pub fn links_through_components(diagram: &Diagram) -> usize {
    let leaves: Vec<&crate::model::Component> = diagram
        .components()
        .filter(|c| !c.kind.is_container())
        .collect();
    diagram
        .links()
        .filter_map(|l| Some((l, diagram.component(&l.from)?, diagram.component(&l.to)?)))
        .filter(|(_, from, to)| !from.kind.is_container() && !to.kind.is_container())
        .map(|(l, from, to)| {
            let (a, b) = link_segment(&from.rect, &to.rect);
            leaves
                .iter()
                .filter(|c| c.id != l.from && c.id != l.to)
                .filter(|c| super::clear::segment_meets(a, b, c.rect.expand(-4.0)))
                .count()
        })
        .sum()
}

/// Pairs of links whose drawn segments cross. Links sharing a component never count.
/// Quadratic in the number of links: meant for tests and measurements, not for frames.
pub fn crossings(diagram: &Diagram) -> usize {
    let segments: Vec<(&str, &str, Point, Point)> = diagram
        .links()
        .filter_map(|l| {
            let (a, b) = link_segment(
                &diagram.component(&l.from)?.rect,
                &diagram.component(&l.to)?.rect,
            );
            Some((l.from.as_str(), l.to.as_str(), a, b))
        })
        .collect();
    let mut count = 0;
    for (k, s) in segments.iter().enumerate() {
        for t in &segments[k + 1..] {
            let shares_end = s.0 == t.0 || s.0 == t.1 || s.1 == t.0 || s.1 == t.1;
            if !shares_end && segments_cross(s.2, s.3, t.2, t.3) {
                count += 1;
            }
        }
    }
    count
}

/// The open segments `a`–`b` and `c`–`d` cross at a single point.
fn segments_cross(a: Point, b: Point, c: Point, d: Point) -> bool {
    let orient =
        |p: Point, q: Point, r: Point| (q.x - p.x) * (r.y - p.y) - (q.y - p.y) * (r.x - p.x);
    let (d1, d2) = (orient(c, d, a), orient(c, d, b));
    let (d3, d4) = (orient(a, b, c), orient(a, b, d));
    d1 * d2 < 0.0 && d3 * d4 < 0.0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_x_crosses_and_parallel_lines_do_not() {
        let p = Point::new;
        assert!(segments_cross(
            p(0.0, 0.0),
            p(10.0, 10.0),
            p(0.0, 10.0),
            p(10.0, 0.0)
        ));
        assert!(!segments_cross(
            p(0.0, 0.0),
            p(10.0, 0.0),
            p(0.0, 5.0),
            p(10.0, 5.0)
        ));
        assert!(!segments_cross(
            p(0.0, 0.0),
            p(4.0, 4.0),
            p(6.0, 6.0),
            p(10.0, 0.0)
        ));
    }
}
