//! Packing: sizes every box bottom-up around its children and places the children inside
//! it. Children stand in columns by key (request flow, left to right), ordered within a
//! column by [`super::order`]. A box holding Availability Zones draws them as full-width
//! bands sharing one set of columns, so the same tier lines up across zones, with the
//! services spanning zones in a band between them.

use super::order::{self, GAP_Y, Scratch};
use super::rank::Keys;
use super::tree::Tree;
use crate::model::scene::HEADER_HEIGHT;
use crate::model::{Kind, Point, Rect, Size};

/// Space between a box's border and its children.
pub(super) const PAD: f32 = 20.0;
/// Space from a box's top to its first child: the label header plus some air.
pub(super) const TOP: f32 = HEADER_HEIGHT + 14.0;
/// Horizontal gap between two columns, room for the arrows.
const GAP_X: f32 = 56.0;
/// Horizontal gap between the parts of one column wrapped because it was too tall.
const GAP_WRAP: f32 = 28.0;
/// Vertical gap between Availability Zone bands and the band of services between them.
const GAP_ROW: f32 = 30.0;
/// Items a column holds before it wraps into a second one.
const MAX_PER_COLUMN: usize = 8;
/// Size of a box with nothing inside.
const EMPTY: Size = Size::new(200.0, 100.0);

/// Width a box needs so its one-line header label (icon, name) is not cut.
fn label_width(tree: &Tree<'_>, i: usize) -> f32 {
    let node = &tree.nodes[i];
    let mut chars = node.component.display_name().chars().count();
    if node.is_public_subnet() {
        chars += " (public)".len();
    }
    (44.0 + 6.5 * chars as f32).min(480.0)
}

/// Working state: sizes and positions relative to the parent's top-left corner.
struct Packer<'t, 'a> {
    tree: &'t Tree<'a>,
    keys: &'t [f32],
    ranked: &'t [bool],
    passes: usize,
    sizes: Vec<Size>,
    rel: Vec<Point>,
    scratch: Scratch,
}

/// Absolute rectangles of every component, by node index.
pub(super) fn place(tree: &Tree<'_>, keys: &Keys, passes: usize) -> Vec<Rect> {
    let n = tree.nodes.len();
    let mut p = Packer {
        tree,
        keys: &keys.key,
        ranked: &keys.ranked,
        passes,
        sizes: tree.nodes.iter().map(|node| node.leaf_size()).collect(),
        rel: vec![Point::default(); n],
        scratch: Scratch::new(n),
    };
    for i in tree.post_order() {
        let node = &tree.nodes[i];
        let zone_of_banded_parent = node.kind() == Kind::AvailabilityZone
            && node.parent.is_some_and(|parent| p.has_zones(parent));
        if node.is_container() && !zone_of_banded_parent {
            p.pack_box(i);
        }
    }
    p.arrange(tree.top(), Point::default());
    // Absolute positions, parents before children.
    let mut abs = vec![Rect::default(); n];
    let mut stack: Vec<(usize, Point)> =
        tree.roots.iter().map(|&r| (r, Point::default())).collect();
    while let Some((i, origin)) = stack.pop() {
        let min = origin.offset(p.rel[i].x, p.rel[i].y);
        abs[i] = Rect::new(min, p.sizes[i]);
        stack.extend(tree.nodes[i].children.iter().map(|&c| (c, min)));
    }
    abs
}

impl Packer<'_, '_> {
    fn has_zones(&self, container: usize) -> bool {
        self.tree
            .children_of(container)
            .iter()
            .any(|&c| self.tree.nodes[c].kind() == Kind::AvailabilityZone)
    }

    /// Places the children of box `i` and sizes it around them.
    fn pack_box(&mut self, i: usize) {
        if self.tree.nodes[i].children.is_empty() {
            self.sizes[i] = Size::new(EMPTY.w.max(label_width(self.tree, i)), EMPTY.h);
            return;
        }
        let content = self.arrange(i, Point::new(PAD, TOP));
        let label = label_width(self.tree, i);
        let w = (content.w + 2.0 * PAD).max(label);
        // A label wider than the content: centre the content under it.
        let extra = (w - content.w - 2.0 * PAD) / 2.0;
        if extra > 0.0 {
            for k in 0..self.tree.nodes[i].children.len() {
                let c = self.tree.nodes[i].children[k];
                self.rel[c].x += extra;
            }
        }
        self.sizes[i] = Size::new(w, TOP + content.h + PAD);
    }

    /// Places the children of `container` from `origin` (relative to its top-left) and
    /// returns the size they cover.
    fn arrange(&mut self, container: usize, origin: Point) -> Size {
        if self.has_zones(container) {
            self.zoned(container, origin)
        } else {
            self.grid(container, origin)
        }
    }

    /// Items grouped into columns by key, in key order, keeping the given order inside.
    fn columns(&self, items: &[usize]) -> (Vec<f32>, Vec<Vec<usize>>) {
        let mut keys: Vec<f32> = items.iter().map(|&i| self.keys[i]).collect();
        keys.sort_by(f32::total_cmp);
        keys.dedup();
        let mut columns = vec![Vec::new(); keys.len()];
        for &i in items {
            let c = keys.partition_point(|&k| k < self.keys[i]);
            columns[c].push(i);
        }
        (keys, columns)
    }

    /// Height of a stack of items with [`GAP_Y`] between them.
    fn stack_height(&self, items: &[usize]) -> f32 {
        items.iter().map(|&i| self.sizes[i].h).sum::<f32>()
            + GAP_Y * items.len().saturating_sub(1) as f32
    }

    fn widest(&self, items: &[usize]) -> f32 {
        items.iter().map(|&i| self.sizes[i].w).fold(0.0, f32::max)
    }

    /// Columns by key, ordered by barycenter, too-tall columns wrapped, each column
    /// centred vertically.
    fn grid(&mut self, container: usize, origin: Point) -> Size {
        let children = self.tree.children_of(container);
        let (items, spare) = self.split_ranked(children);
        let size = self.columns_grid(container, &items, origin);
        self.spare_row(&spare, origin, size)
    }

    /// The children the request flow placed, in initial order (a disaster-recovery
    /// Region after the primary, otherwise id order), and the others. When none or all
    /// are placed by the flow, everything is in the first list.
    fn split_ranked(&self, children: &[usize]) -> (Vec<usize>, Vec<usize>) {
        let mut items = children.to_vec();
        items.sort_by_key(|&i| self.tree.nodes[i].is_standby());
        let (ranked, spare): (Vec<usize>, Vec<usize>) =
            items.iter().partition(|&&i| self.ranked[i]);
        if ranked.is_empty() || spare.is_empty() {
            (items, Vec::new())
        } else {
            (ranked, spare)
        }
    }

    /// Components the request flow does not place (gateways, endpoints, unconnected
    /// services): a row under the columns, out of the way of the arrows, front kinds first.
    fn spare_row(&mut self, spare: &[usize], origin: Point, above: Size) -> Size {
        if spare.is_empty() {
            return above;
        }
        let mut spare = spare.to_vec();
        spare.sort_by(|&a, &b| self.keys[a].total_cmp(&self.keys[b]));
        let max_width = above.w.max(4.0 * (GAP_X + 96.0));
        let top = if above.h > 0.0 {
            above.h + GAP_ROW
        } else {
            0.0
        };
        let (mut x, mut y, mut row_h, mut width) = (0.0f32, top, 0.0f32, above.w);
        for i in spare {
            let s = self.sizes[i];
            if x > 0.0 && x + s.w > max_width {
                (x, y, row_h) = (0.0, y + row_h + GAP_Y, 0.0);
            }
            self.rel[i] = origin.offset(x, y);
            width = width.max(x + s.w);
            row_h = row_h.max(s.h);
            x += s.w + GAP_X;
        }
        Size::new(width, y + row_h)
    }

    /// The columns of [`Packer::grid`].
    fn columns_grid(&mut self, container: usize, items: &[usize], origin: Point) -> Size {
        let (_, mut columns) = self.columns(items);
        order::sweep(
            &mut columns,
            &self.tree.local[container],
            &self.sizes,
            self.passes,
            &mut self.scratch,
        );
        // Wrap: a lone column becomes a near-square grid; others wrap after a few items.
        let single = columns.len() == 1;
        let mut parts: Vec<(&[usize], f32)> = Vec::new();
        for column in &columns {
            let per = if single {
                column
                    .len()
                    .div_ceil((column.len() as f32).sqrt().ceil() as usize)
            } else {
                MAX_PER_COLUMN
            }
            .max(1);
            let chunks: Vec<&[usize]> = column.chunks(per).collect();
            for (k, chunk) in chunks.iter().enumerate() {
                let gap = if k + 1 < chunks.len() {
                    GAP_WRAP
                } else {
                    GAP_X
                };
                parts.push((chunk, gap));
            }
        }
        let height = parts
            .iter()
            .map(|(part, _)| self.stack_height(part))
            .fold(0.0, f32::max);
        let mut x = 0.0;
        let mut width: f32 = 0.0;
        for (part, gap) in &parts {
            let w = self.widest(part);
            let mut y = (height - self.stack_height(part)) / 2.0;
            for &i in *part {
                let s = self.sizes[i];
                self.rel[i] = origin.offset(x + (w - s.w) / 2.0, y);
                y += s.h + GAP_Y;
            }
            width = x + w;
            x += w + gap;
        }
        Size::new(width, height)
    }

    /// Availability Zones as full-width bands with shared columns, so a tier lines up
    /// across zones; the other children (services spanning zones, gateways) in a band of
    /// the same columns, between the first half of the zones and the rest.
    fn zoned(&mut self, container: usize, origin: Point) -> Size {
        let tree = self.tree;
        let children = tree.children_of(container);
        let zones: Vec<usize> = children
            .iter()
            .copied()
            .filter(|&c| tree.nodes[c].kind() == Kind::AvailabilityZone)
            .collect();
        let others: Vec<usize> = children
            .iter()
            .copied()
            .filter(|&c| tree.nodes[c].kind() != Kind::AvailabilityZone)
            .collect();
        let (band, spare) = self.split_ranked(&others);
        let everything: Vec<usize> = band
            .iter()
            .copied()
            .chain(
                zones
                    .iter()
                    .flat_map(|&z| tree.nodes[z].children.iter().copied()),
            )
            .collect();
        let (keys, _) = self.columns(&everything);
        let col_of = |i: usize| keys.partition_point(|&k| k < self.keys[i]);
        let mut band_columns = vec![Vec::new(); keys.len()];
        for &b in &band {
            band_columns[col_of(b)].push(b);
        }
        order::sweep(
            &mut band_columns,
            &tree.local[container],
            &self.sizes,
            self.passes,
            &mut self.scratch,
        );
        let cells: Vec<Vec<Vec<usize>>> = zones
            .iter()
            .map(|&z| {
                let mut cells = vec![Vec::new(); keys.len()];
                for &c in &tree.nodes[z].children {
                    cells[col_of(c)].push(c);
                }
                cells
            })
            .collect();
        // Column widths over the band and every zone; subnets widen to their column.
        let mut widths: Vec<f32> = band_columns.iter().map(|c| self.widest(c)).collect();
        for zone_cells in &cells {
            for (c, cell) in zone_cells.iter().enumerate() {
                widths[c] = widths[c].max(self.widest(cell));
            }
        }
        for zone_cells in &cells {
            for (c, cell) in zone_cells.iter().enumerate() {
                for &i in cell {
                    if tree.nodes[i].kind() == Kind::Subnet {
                        let h = self.sizes[i].h;
                        self.stretch(i, Size::new(widths[c], h));
                    }
                }
            }
        }
        let mut xs = Vec::with_capacity(widths.len());
        let mut x = 0.0;
        for &w in &widths {
            xs.push(x);
            x += w + GAP_X;
        }
        let columns_width = (x - GAP_X).max(0.0);
        let zone_width = zones
            .iter()
            .map(|&z| label_width(tree, z))
            .fold(columns_width + 2.0 * PAD, f32::max);
        // Zone heights; a subnet alone in its cell grows to the zone's height.
        let zone_heights: Vec<f32> = cells
            .iter()
            .map(|zone_cells| {
                zone_cells
                    .iter()
                    .map(|cell| self.stack_height(cell))
                    .fold(0.0, f32::max)
            })
            .collect();
        for (zone_cells, &h) in cells.iter().zip(&zone_heights) {
            for cell in zone_cells {
                if let [only] = cell[..]
                    && tree.nodes[only].kind() == Kind::Subnet
                {
                    let w = self.sizes[only].w;
                    self.stretch(only, Size::new(w, h));
                }
            }
        }
        let band_height = band_columns
            .iter()
            .map(|c| self.stack_height(c))
            .fold(0.0, f32::max);
        let first_half = zones.len().div_ceil(2);
        let band_origin = |y: f32| origin.offset(PAD, y);
        let mut y = 0.0;
        for (k, &z) in zones.iter().enumerate() {
            if k == first_half {
                y = self.band(
                    &band_columns,
                    &spare,
                    &xs,
                    &widths,
                    band_origin(y),
                    band_height,
                ) + y;
            }
            let h = zone_heights[k];
            self.rel[z] = origin.offset(0.0, y);
            self.sizes[z] = Size::new(zone_width, TOP + h + PAD);
            self.place_cells(&cells[k], &xs, &widths, Point::new(PAD, TOP), h);
            y += self.sizes[z].h + GAP_ROW;
        }
        if zones.len() == first_half {
            y += self.band(
                &band_columns,
                &spare,
                &xs,
                &widths,
                band_origin(y),
                band_height,
            );
        }
        Size::new(zone_width, (y - GAP_ROW).max(0.0))
    }

    /// The band of services between the zones, and the spare row under it; returns the
    /// height it takes with the gap after it (0 when there is nothing to place).
    fn band(
        &mut self,
        columns: &[Vec<usize>],
        spare: &[usize],
        xs: &[f32],
        widths: &[f32],
        origin: Point,
        height: f32,
    ) -> f32 {
        if columns.iter().all(Vec::is_empty) && spare.is_empty() {
            return 0.0;
        }
        self.place_cells(columns, xs, widths, origin, height);
        let columns_width = xs.last().zip(widths.last()).map_or(0.0, |(x, w)| x + w);
        self.spare_row(spare, origin, Size::new(columns_width, height))
            .h
            + GAP_ROW
    }

    /// Stacks each cell's items in its column, centred both ways within `height`.
    fn place_cells(
        &mut self,
        cells: &[Vec<usize>],
        xs: &[f32],
        widths: &[f32],
        origin: Point,
        height: f32,
    ) {
        for (c, cell) in cells.iter().enumerate() {
            let mut y = (height - self.stack_height(cell)) / 2.0;
            for &i in cell {
                let s = self.sizes[i];
                self.rel[i] = origin.offset(xs[c] + (widths[c] - s.w) / 2.0, y);
                y += s.h + GAP_Y;
            }
        }
    }

    /// Grows box `i` to `size`, keeping its contents centred.
    fn stretch(&mut self, i: usize, size: Size) {
        let old = self.sizes[i];
        let (dx, dy) = ((size.w - old.w) / 2.0, (size.h - old.h) / 2.0);
        if dx <= 0.0 && dy <= 0.0 {
            return;
        }
        for k in 0..self.tree.nodes[i].children.len() {
            let c = self.tree.nodes[i].children[k];
            self.rel[c] = self.rel[c].offset(dx.max(0.0), dy.max(0.0));
        }
        self.sizes[i] = Size::new(old.w.max(size.w), old.h.max(size.h));
    }
}
