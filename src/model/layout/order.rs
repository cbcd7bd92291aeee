//! Order within columns: barycenter sweeps. Each item moves towards the mean height of
//! the items it is linked to in the columns already placed, alternately from the left and
//! from the right, which removes most crossings in a few passes.

use rustc_hash::FxHashMap;

use crate::model::Size;

/// Vertical gap between two items of one column.
pub(super) const GAP_Y: f32 = 28.0;

/// Y centres of a column's items when stacked with [`GAP_Y`] and centred on 0.
fn centres(column: &[usize], sizes: &[Size], y: &mut [f32]) {
    let total: f32 = column.iter().map(|&i| sizes[i].h).sum::<f32>()
        + GAP_Y * column.len().saturating_sub(1) as f32;
    let mut top = -total / 2.0;
    for &i in column {
        y[i] = top + sizes[i].h / 2.0;
        top += sizes[i].h + GAP_Y;
    }
}

/// Reorders the items of every column (node indices) to reduce crossings of `edges`,
/// with `passes` forward-and-backward sweeps. `scratch` is per node and only used here.
pub(super) fn sweep(
    columns: &mut [Vec<usize>],
    edges: &[(usize, usize)],
    sizes: &[Size],
    passes: usize,
    scratch: &mut Scratch,
) {
    if passes == 0 || edges.is_empty() || columns.len() < 2 {
        return;
    }
    let Scratch { y, col } = scratch;
    for (c, column) in columns.iter().enumerate() {
        for &i in column {
            col[i] = c;
        }
        centres(column, sizes, y);
    }
    let mut neighbours: FxHashMap<usize, Vec<usize>> = FxHashMap::default();
    for &(a, b) in edges {
        neighbours.entry(a).or_default().push(b);
        neighbours.entry(b).or_default().push(a);
    }
    let mut keyed: Vec<(f32, usize)> = Vec::new();
    for _ in 0..passes {
        let forward = (1..columns.len()).map(|c| (c, true));
        let backward = (0..columns.len() - 1).rev().map(|c| (c, false));
        for (c, from_left) in forward.chain(backward) {
            keyed.clear();
            for &i in &columns[c] {
                let (sum, count) = neighbours
                    .get(&i)
                    .into_iter()
                    .flatten()
                    .filter(|&&j| if from_left { col[j] < c } else { col[j] > c })
                    .fold((0.0f32, 0usize), |(s, n), &j| (s + y[j], n + 1));
                let bary = if count == 0 { y[i] } else { sum / count as f32 };
                keyed.push((bary, i));
            }
            keyed.sort_by(|a, b| a.0.total_cmp(&b.0));
            columns[c].clear();
            columns[c].extend(keyed.iter().map(|&(_, i)| i));
            centres(&columns[c], sizes, y);
        }
    }
}

/// Per-node working space for [`sweep`], allocated once per layout.
pub(super) struct Scratch {
    y: Vec<f32>,
    col: Vec<usize>,
}

impl Scratch {
    pub(super) fn new(nodes: usize) -> Self {
        Self {
            y: vec![0.0; nodes],
            col: vec![0; nodes],
        }
    }
}
