//! Facts the canvas and the findings panel need every frame but that only change with the
//! diagram: draw order, finding badges per component and link, findings grouped by
//! checklist family. Rebuilt once per diagram revision, so a frame does no sorting,
//! string hashing or finding cloning.

use std::collections::HashMap;

use petgraph::stable_graph::{EdgeIndex, NodeIndex};

use super::document::Document;
use crate::model::scene;
use crate::model::{Component, Severity};
use crate::rules::{Family, Subject, rule_by_id};

/// Per-revision canvas facts.
#[derive(Default)]
pub struct SceneCache {
    revision: Option<u64>,
    /// Components in draw order (containers outermost first, then leaves).
    pub order: Vec<NodeIndex>,
    /// Worst severity and number of active findings per component.
    pub component_badges: HashMap<NodeIndex, (Severity, usize)>,
    /// Worst severity and number of active findings per link.
    pub link_badges: HashMap<EdgeIndex, (Severity, usize)>,
    /// Indices of active findings in the report, grouped by checklist family.
    pub by_family: Vec<(Family, Vec<usize>)>,
}

impl SceneCache {
    /// Brings the cache up to the document's revision (linting if needed).
    pub fn refresh(&mut self, doc: &mut Document) {
        let revision = doc.diagram.revision();
        if self.revision == Some(revision) {
            return;
        }
        let diagram = &doc.diagram;
        self.order = scene::draw_order(diagram)
            .iter()
            .filter_map(|c| diagram.node_index(&c.id))
            .collect();
        self.component_badges.clear();
        self.link_badges.clear();
        let mut by_family: Vec<(Family, Vec<usize>)> =
            Family::ALL.iter().map(|&f| (f, Vec::new())).collect();
        doc.lint();
        let Some(linted) = doc.linted() else {
            return;
        };
        let report = &linted.report;
        let diagram = &doc.diagram;
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
        self.revision = Some(revision);
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
