//! Facts the canvas and the findings panel need every frame but that only change with the
//! diagram or its findings: draw order, finding badges per component and link, findings grouped by
//! checklist family. Rebuilt once per diagram revision and lint result, so a frame does no sorting,
//! string hashing or finding cloning.

use std::collections::HashMap;

use petgraph::stable_graph::{EdgeIndex, NodeIndex};

use super::document::Document;
use crate::model::scene;
use crate::model::{Component, Rect, Severity};
use crate::rules::{Family, Subject, rule_by_id};

/// Per-revision canvas facts.
#[derive(Default)]
pub struct SceneCache {
    revision: Option<u64>,
    /// Diagram revision and lint revision the badges were built for.
    badges_for: Option<(u64, u64)>,
    /// Components in draw order (containers outermost first, then leaves).
    pub order: Vec<NodeIndex>,
    /// Worst severity and number of active findings per component.
    pub component_badges: HashMap<NodeIndex, (Severity, usize)>,
    /// Worst severity and number of active findings per link.
    pub link_badges: HashMap<EdgeIndex, (Severity, usize)>,
    /// Indices of active findings in the report, grouped by checklist family.
    pub by_family: Vec<(Family, Vec<usize>)>,
    /// Positions in `order` of the components overlapping each grid cell.
    cells: HashMap<(i32, i32), Vec<u32>>,
    /// Links by the cells their bounding box overlaps.
    link_cells: HashMap<(i32, i32), Vec<EdgeIndex>>,
    /// Links too long to index by cell; always considered.
    long_links: Vec<EdgeIndex>,
    /// Components too big to index by cell; always considered.
    big_components: Vec<u32>,
}

/// Side of a spatial-index cell, in world units.
const CELL: f32 = 512.0;

/// Links whose bounding box spans more cells than this are not indexed by cell.
const MAX_LINK_CELLS: i64 = 64;

fn cell_range(r: &Rect) -> (std::ops::RangeInclusive<i32>, std::ops::RangeInclusive<i32>) {
    let max = r.max();
    // Float-to-int casts saturate, so absurd coordinates cannot overflow.
    #[allow(clippy::cast_possible_truncation)]
    let cell = |v: f32| (v / CELL).floor() as i32;
    (cell(r.min.x)..=cell(max.x), cell(r.min.y)..=cell(max.y))
}

/// Everything `index` holds in the cells `area` overlaps, plus `always`, sorted and
/// without repeats; `None` when `area` spans so many cells that a full scan is cheaper.
fn query<T: Copy + Ord>(
    index: &HashMap<(i32, i32), Vec<T>>,
    always: &[T],
    area: &Rect,
) -> Option<Vec<T>> {
    let cells = cell_count(area);
    if cells > 4096 || usize::try_from(cells).unwrap_or(usize::MAX) > index.len() / 2 {
        return None;
    }
    let (xs, ys) = cell_range(area);
    let mut found: Vec<T> = always.to_vec();
    for x in xs {
        for y in ys.clone() {
            if let Some(list) = index.get(&(x, y)) {
                found.extend(list);
            }
        }
    }
    found.sort_unstable();
    found.dedup();
    Some(found)
}

fn cell_count(r: &Rect) -> i64 {
    let (xs, ys) = cell_range(r);
    (i64::from(*xs.end()) - i64::from(*xs.start()) + 1)
        * (i64::from(*ys.end()) - i64::from(*ys.start()) + 1)
}

impl SceneCache {
    /// Brings the cache up to the document's revision and its latest findings.
    pub fn refresh(&mut self, doc: &Document) {
        let revision = doc.diagram.revision();
        let diagram = &doc.diagram;
        if self.revision != Some(revision) {
            self.order = scene::draw_order(diagram)
                .iter()
                .filter_map(|c| diagram.node_index(&c.id))
                .collect();
            self.index_space(diagram);
            self.revision = Some(revision);
        }
        let lint_revision = doc.linted().map_or(u64::MAX, |l| l.revision);
        if self.badges_for == Some((revision, lint_revision)) {
            return;
        }
        self.badges_for = Some((revision, lint_revision));
        self.component_badges.clear();
        self.link_badges.clear();
        self.by_family.clear();
        let Some(linted) = doc.linted() else {
            return;
        };
        let mut by_family: Vec<(Family, Vec<usize>)> =
            Family::ALL.iter().map(|&f| (f, Vec::new())).collect();
        let report = &linted.report;
        for (i, f) in report.findings.iter().enumerate() {
            if f.is_accepted() {
                continue;
            }
            if let Some(rule) = rule_by_id(f.rule_id)
                && let Some((_, list)) = by_family
                    .iter_mut()
                    .find(|(family, _)| *family == rule.meta().family)
            {
                list.push(i);
            }
            for subject in &f.subjects {
                let entry = match subject {
                    Subject::Component(id) => diagram
                        .node_index(id)
                        .map(|ix| self.component_badges.entry(ix).or_insert((f.severity, 0))),
                    Subject::Link(id) => diagram
                        .edge_index(id)
                        .map(|ix| self.link_badges.entry(ix).or_insert((f.severity, 0))),
                };
                if let Some(entry) = entry {
                    entry.0 = entry.0.max(f.severity);
                    entry.1 += 1;
                }
            }
        }
        by_family.retain(|(_, list)| !list.is_empty());
        self.by_family = by_family;
    }

    fn index_space(&mut self, diagram: &crate::model::Diagram) {
        self.cells.clear();
        self.link_cells.clear();
        self.long_links.clear();
        self.big_components.clear();
        let graph = diagram.graph();
        for (pos, &ix) in self.order.iter().enumerate() {
            let Some(c) = graph.node_weight(ix) else {
                continue;
            };
            #[allow(clippy::cast_possible_truncation)]
            let pos = pos as u32;
            if cell_count(&c.rect) > MAX_LINK_CELLS * 16 {
                // A huge box would fill the index; every query includes it instead.
                self.big_components.push(pos);
                continue;
            }
            let (xs, ys) = cell_range(&c.rect);
            for x in xs {
                for y in ys.clone() {
                    self.cells.entry((x, y)).or_default().push(pos);
                }
            }
        }
        for edge in graph.edge_indices() {
            let Some((a, b)) = graph.edge_endpoints(edge) else {
                continue;
            };
            let bbox = graph[a].rect.union(&graph[b].rect);
            if cell_count(&bbox) > MAX_LINK_CELLS {
                self.long_links.push(edge);
                continue;
            }
            let (xs, ys) = cell_range(&bbox);
            for x in xs {
                for y in ys.clone() {
                    self.link_cells.entry((x, y)).or_default().push(edge);
                }
            }
        }
    }

    /// Positions in `order` of components that may overlap `area` (world), in draw
    /// order, or `None` when `area` covers so much that scanning everything is cheaper.
    pub fn components_near(&self, area: &Rect) -> Option<Vec<u32>> {
        query(&self.cells, &self.big_components, area)
    }

    /// Links that may cross `area` (world), or `None` as for [`Self::components_near`].
    pub fn links_near(&self, area: &Rect) -> Option<Vec<EdgeIndex>> {
        query(&self.link_cells, &self.long_links, area)
    }

    /// Components in draw order, resolved against `doc`'s diagram.
    pub fn components<'d>(&self, doc: &'d Document) -> Vec<&'d Component> {
        let graph = doc.diagram.graph();
        self.order
            .iter()
            .filter_map(|&ix| graph.node_weight(ix))
            .collect()
    }
}
