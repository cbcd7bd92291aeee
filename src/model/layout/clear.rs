//! After packing: links are drawn as straight lines, so a link whose line runs through a
//! third component reads as a chain that is not there (App server → Orders DB → Product
//! images, when the app calls both). An end of such a link is moved up or down inside its
//! box, where there is room, until fewer lines run through components.
//!
//! Only leaves move, one row at a time, never out of their box nor onto anything else; a
//! move is kept only if it lowers the number of (link, component) crossings of the links
//! at that leaf. A grid index keeps each check near the line it tests.

use rustc_hash::FxHashMap;

use super::order::GAP_Y;
use super::pack::{PAD, TOP};
use super::tree::Tree;
use crate::model::{Point, Rect};

/// Side of a grid cell, in world units (about two components).
const CELL: f32 = 200.0;
/// Rows tried above and below, nearest first.
const STEPS: [f32; 6] = [1.0, -1.0, 2.0, -2.0, 3.0, -3.0];
/// Links longer than this many cells are left alone: a line across the whole diagram runs
/// past everything wherever its ends go, and testing it would dominate the pass.
const LONGEST: f32 = 12.0 * CELL;
/// A leaf with more links than this is not moved (a hub: every move would trade one
/// crossing for another, and weighing them costs the most).
const MOST_LINKS: usize = 8;

/// Leaves by the grid cells they cover.
struct Grid {
    cells: FxHashMap<(i32, i32), Vec<usize>>,
}

fn cell_of(p: Point) -> (i32, i32) {
    #[allow(clippy::cast_possible_truncation)]
    ((p.x / CELL).floor() as i32, (p.y / CELL).floor() as i32)
}

impl Grid {
    fn new(rects: &[Rect], leaves: &[usize]) -> Self {
        let mut grid = Self {
            cells: FxHashMap::default(),
        };
        for &i in leaves {
            grid.insert(i, rects[i]);
        }
        grid
    }

    fn covered(rect: Rect) -> impl Iterator<Item = (i32, i32)> {
        let (lo, hi) = (cell_of(rect.min), cell_of(rect.max()));
        (lo.0..=hi.0).flat_map(move |x| (lo.1..=hi.1).map(move |y| (x, y)))
    }

    fn insert(&mut self, i: usize, rect: Rect) {
        for cell in Self::covered(rect) {
            self.cells.entry(cell).or_default().push(i);
        }
    }

    fn remove(&mut self, i: usize, rect: Rect) {
        for cell in Self::covered(rect) {
            if let Some(list) = self.cells.get_mut(&cell) {
                list.retain(|&j| j != i);
            }
        }
    }

    /// Leaves in the cells the segment `a`–`b` passes through (each may appear more than
    /// once), visiting exactly those cells (Amanatides and Woo's grid traversal).
    fn along(&self, a: Point, b: Point, out: &mut Vec<usize>) {
        out.clear();
        let (mut cell, last) = (cell_of(a), cell_of(b));
        let (dx, dy) = (b.x - a.x, b.y - a.y);
        let step = (if dx > 0.0 { 1 } else { -1 }, if dy > 0.0 { 1 } else { -1 });
        // Distance along the segment (as a fraction of it) to the next vertical and
        // horizontal cell border, and between two such borders.
        let border = |c: i32, s: i32| (if s > 0 { c + 1 } else { c }) as f32 * CELL;
        let (mut next_x, delta_x) = if dx == 0.0 {
            (f32::INFINITY, f32::INFINITY)
        } else {
            ((border(cell.0, step.0) - a.x) / dx, CELL / dx.abs())
        };
        let (mut next_y, delta_y) = if dy == 0.0 {
            (f32::INFINITY, f32::INFINITY)
        } else {
            ((border(cell.1, step.1) - a.y) / dy, CELL / dy.abs())
        };
        // Bounded: a cell per border crossed, and the two ends.
        let most = (last.0 - cell.0).unsigned_abs() + (last.1 - cell.1).unsigned_abs() + 1;
        for _ in 0..=most {
            if let Some(list) = self.cells.get(&cell) {
                out.extend_from_slice(list);
            }
            if cell == last {
                break;
            }
            if next_x < next_y {
                cell.0 += step.0;
                next_x += delta_x;
            } else {
                cell.1 += step.1;
                next_y += delta_y;
            }
        }
    }

    /// Leaves whose rectangles meet `rect`.
    fn meeting(&self, rect: Rect, out: &mut Vec<usize>) {
        out.clear();
        for cell in Self::covered(rect) {
            if let Some(list) = self.cells.get(&cell) {
                out.extend_from_slice(list);
            }
        }
    }
}

/// Whether the segment `a`–`b` passes through `rect` (Liang–Barsky clipping).
pub(super) fn segment_meets(a: Point, b: Point, rect: Rect) -> bool {
    let (dx, dy) = (b.x - a.x, b.y - a.y);
    let max = rect.max();
    let mut t0: f32 = 0.0;
    let mut t1: f32 = 1.0;
    for (p, q) in [
        (-dx, a.x - rect.min.x),
        (dx, max.x - a.x),
        (-dy, a.y - rect.min.y),
        (dy, max.y - a.y),
    ] {
        if p == 0.0 {
            if q < 0.0 {
                return false;
            }
        } else {
            let r = q / p;
            if p < 0.0 {
                t0 = t0.max(r);
            } else {
                t1 = t1.min(r);
            }
        }
    }
    t0 <= t1
}

/// Moves link ends so fewer straight links run through components (see the module docs).
pub(super) fn clear_links(tree: &Tree<'_>, rects: &mut [Rect]) {
    let n = tree.nodes.len();
    let is_leaf = |i: usize| !tree.nodes[i].is_container();
    let leaves: Vec<usize> = (0..n).filter(|&i| is_leaf(i)).collect();
    let mut arcs_at: Vec<Vec<usize>> = vec![Vec::new(); n];
    for (k, arc) in tree.arcs.iter().enumerate() {
        if arc.from != arc.to && is_leaf(arc.from) && is_leaf(arc.to) {
            arcs_at[arc.from].push(k);
            arcs_at[arc.to].push(k);
        }
    }
    let mut grid = Grid::new(rects, &leaves);
    let mut near = Vec::new();
    // Components a link's line runs through, besides its own ends.
    let crossings = |grid: &Grid, rects: &[Rect], k: usize, near: &mut Vec<usize>| {
        let arc = tree.arcs[k];
        let (a, b) = (rects[arc.from].center(), rects[arc.to].center());
        grid.along(a, b, near);
        near.sort_unstable();
        near.dedup();
        near.iter()
            .filter(|&&c| c != arc.from && c != arc.to)
            .filter(|&&c| segment_meets(a, b, rects[c].expand(-4.0)))
            .count()
    };
    let length = |rects: &[Rect], k: usize| {
        let arc = tree.arcs[k];
        let (a, b) = (rects[arc.from].center(), rects[arc.to].center());
        ((b.x - a.x).powi(2) + (b.y - a.y).powi(2)).sqrt()
    };
    for k in 0..tree.arcs.len() {
        let arc = tree.arcs[k];
        if !is_leaf(arc.from) || !is_leaf(arc.to) || arc.from == arc.to {
            continue;
        }
        if length(rects, k) > LONGEST {
            continue;
        }
        if crossings(&grid, rects, k, &mut near) == 0 {
            continue;
        }
        for mover in [arc.to, arc.from] {
            if arcs_at[mover].len() > MOST_LINKS {
                continue;
            }
            // Long links at the leaf cross things wherever it goes: weighed as zero.
            let cost = |grid: &Grid, rects: &[Rect], near: &mut Vec<usize>| -> usize {
                arcs_at[mover]
                    .iter()
                    .filter(|&&j| length(rects, j) <= LONGEST)
                    .map(|&j| crossings(grid, rects, j, near))
                    .sum()
            };
            let before = cost(&grid, rects, &mut near);
            let home = rects[mover];
            let inside = tree.nodes[mover].parent.map(|p| {
                let r = rects[p];
                Rect::new(
                    r.min.offset(PAD, TOP),
                    crate::model::Size::new(r.size.w - 2.0 * PAD, r.size.h - TOP - PAD),
                )
            });
            let mut moved = false;
            for step in STEPS {
                let candidate = Rect::new(
                    home.min.offset(0.0, step * (home.size.h + GAP_Y)),
                    home.size,
                );
                if inside.is_some_and(|inside| !inside.contains_rect(&candidate)) {
                    continue;
                }
                if overlaps_anything(tree, rects, &grid, mover, candidate, &mut near) {
                    continue;
                }
                grid.remove(mover, home);
                rects[mover] = candidate;
                grid.insert(mover, candidate);
                if cost(&grid, rects, &mut near) < before {
                    moved = true;
                    break;
                }
                grid.remove(mover, candidate);
                rects[mover] = home;
                grid.insert(mover, home);
            }
            if moved {
                break;
            }
        }
    }
}

/// Whether `rect`, as the new place of leaf `mover`, would cover another leaf or a box
/// that is not one of its ancestors.
fn overlaps_anything(
    tree: &Tree<'_>,
    rects: &[Rect],
    grid: &Grid,
    mover: usize,
    rect: Rect,
    near: &mut Vec<usize>,
) -> bool {
    let padded = rect.expand(GAP_Y / 2.0);
    grid.meeting(padded, near);
    if near
        .iter()
        .any(|&j| j != mover && rects[j].intersects(&padded))
    {
        return true;
    }
    // Boxes: it stays inside its parent, so only the boxes beside it there can be in the way.
    let siblings = match tree.nodes[mover].parent {
        Some(parent) => &tree.nodes[parent].children,
        None => &tree.roots,
    };
    siblings
        .iter()
        .filter(|&&j| j != mover && tree.nodes[j].is_container())
        .any(|&j| rects[j].intersects(&padded))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn segments_meet_rectangles_they_cross_only() {
        let r = Rect::new(Point::new(10.0, 10.0), crate::model::Size::new(10.0, 10.0));
        assert!(segment_meets(
            Point::new(0.0, 15.0),
            Point::new(30.0, 15.0),
            r
        ));
        assert!(!segment_meets(
            Point::new(0.0, 25.0),
            Point::new(30.0, 25.0),
            r
        ));
        assert!(segment_meets(
            Point::new(0.0, 0.0),
            Point::new(30.0, 30.0),
            r
        ));
        assert!(!segment_meets(
            Point::new(0.0, 15.0),
            Point::new(5.0, 15.0),
            r
        ));
        assert!(!segment_meets(
            Point::new(0.0, 30.0),
            Point::new(30.0, 22.0),
            r
        ));
    }
}
