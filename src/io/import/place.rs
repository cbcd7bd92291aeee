//! A first, plain placement of imported components: every box is sized to hold its
//! children, which are packed in rows inside it, so nothing overlaps and every component is
//! inside the box it belongs to. The automatic layout (`model::layout::tidy`) replaces this
//! once it lands.

use std::collections::HashMap;

use crate::model::component::default_size;
use crate::model::{Component, Point, Rect, Size};

const PAD: f32 = 24.0;
const HEADER: f32 = 40.0;
const GAP: f32 = 32.0;
const ROW_WIDTH: f32 = 1400.0;

/// Gives every component a position and every box a size.
pub fn place(components: &mut [Component]) {
    let index: HashMap<String, usize> = components
        .iter()
        .enumerate()
        .map(|(i, c)| (c.id.to_string(), i))
        .collect();
    let mut children: Vec<Vec<usize>> = vec![Vec::new(); components.len()];
    let mut roots = Vec::new();
    for (i, c) in components.iter().enumerate() {
        match c.parent.as_ref().and_then(|p| index.get(p.as_str())) {
            Some(&p) => children[p].push(i),
            None => roots.push(i),
        }
    }
    // Boxes first (AZ boxes side by side), then the rest, each group in file order.
    for list in &mut children {
        list.sort_by_key(|&i| !components[i].kind.is_container());
    }
    // Sizes bottom-up: children's sizes are known before their box's, so walk the tree in
    // reverse breadth-first order.
    let mut order = roots.clone();
    let mut k = 0;
    while k < order.len() {
        order.extend(children[order[k]].iter().copied());
        k += 1;
    }
    let mut offsets: Vec<Point> = vec![Point::default(); components.len()];
    for &i in order.iter().rev() {
        let kids = &children[i];
        if kids.is_empty() {
            if components[i].kind.is_container() {
                components[i].rect.size = Size::new(200.0, 120.0);
            } else {
                components[i].rect.size = default_size(components[i].kind);
            }
            continue;
        }
        let (size, spots) = pack(kids.iter().map(|&c| components[c].rect.size));
        for (&c, spot) in kids.iter().zip(spots) {
            offsets[c] = spot;
        }
        components[i].rect.size = size;
    }
    let (_, root_spots) = pack(roots.iter().map(|&r| components[r].rect.size));
    for (&r, spot) in roots.iter().zip(root_spots) {
        offsets[r] = spot;
    }
    // Positions top-down.
    for &i in &order {
        let origin = components[i]
            .parent
            .as_ref()
            .and_then(|p| index.get(p.as_str()))
            .map_or(Point::default(), |&p| components[p].rect.min);
        let offset = offsets[i];
        components[i].rect = Rect::new(
            Point::new(origin.x + offset.x, origin.y + offset.y),
            components[i].rect.size,
        );
    }
}

/// Packs sizes in rows; returns the box size and each item's offset inside it.
fn pack(sizes: impl Iterator<Item = Size>) -> (Size, Vec<Point>) {
    let mut spots = Vec::new();
    let (mut x, mut y, mut row_h, mut width) = (PAD, HEADER, 0.0f32, 0.0f32);
    for size in sizes {
        if x > PAD && x + size.w > ROW_WIDTH {
            x = PAD;
            y += row_h + GAP;
            row_h = 0.0;
        }
        spots.push(Point::new(x, y));
        x += size.w + GAP;
        row_h = row_h.max(size.h);
        width = width.max(x - GAP + PAD);
    }
    (Size::new(width.max(200.0), y + row_h + PAD), spots)
}
