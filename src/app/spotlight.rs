//! What the canvas dims and what it emphasises: the subjects and path of the finding the
//! user picked (everything else dims), or what a what-if failure takes down (that dims).
//! Built once when chosen, for one diagram revision; the canvas only reads it.

use std::collections::HashSet;

use petgraph::stable_graph::{EdgeIndex, NodeIndex};
use petgraph::visit::NodeIndexable as _;

use crate::model::{ComponentId, Diagram};
use crate::rules::{Finding, Subject};

/// Dimmed components and emphasised links for one revision.
#[derive(Clone, Debug)]
pub struct Spotlight {
    /// Diagram revision it was built for; it no longer applies after an edit.
    pub revision: u64,
    dimmed: Vec<bool>,
    path_links: HashSet<EdgeIndex>,
    /// The finding it lights (rule and message), if it lights one.
    finding: Option<(&'static str, String)>,
}

impl Spotlight {
    /// Lights a finding's subjects, its path and the boxes around them; dims the rest.
    pub fn on_finding(diagram: &Diagram, finding: &Finding) -> Self {
        let graph = diagram.graph();
        let mut dimmed = vec![true; graph.node_bound()];
        let paths = || std::iter::once(&finding.path).chain(&finding.more_paths);
        let mut lit: Vec<&ComponentId> = paths().flatten().collect();
        let mut path_links = HashSet::new();
        for subject in &finding.subjects {
            match subject {
                Subject::Component(id) => lit.push(id),
                Subject::Link(id) => {
                    if let Some(link) = diagram.link(id) {
                        lit.push(&link.from);
                        lit.push(&link.to);
                    }
                    path_links.extend(diagram.edge_index(id));
                }
            }
        }
        for id in lit {
            if let Some(ix) = diagram.node_index(id) {
                dimmed[ix.index()] = false;
            }
            for ancestor in diagram.ancestors(id) {
                if let Some(ix) = diagram.node_index(&ancestor.id) {
                    dimmed[ix.index()] = false;
                }
            }
        }
        // Links between consecutive components of the paths.
        for pair in paths().flat_map(|path| path.windows(2)) {
            if let (Some(a), Some(b)) = (diagram.node_index(&pair[0]), diagram.node_index(&pair[1]))
            {
                path_links.extend(graph.find_edge(a, b));
            }
        }
        Self {
            revision: diagram.revision(),
            dimmed,
            path_links,
            finding: Some((finding.rule_id, finding.message.clone())),
        }
    }

    /// Whether it lights `finding`.
    pub fn is_on(&self, finding: &Finding) -> bool {
        self.finding
            .as_ref()
            .is_some_and(|(rule, message)| *rule == finding.rule_id && *message == finding.message)
    }

    /// Dims the components that fail.
    pub fn on_failure(diagram: &Diagram, failed: &[ComponentId]) -> Self {
        let mut dimmed = vec![false; diagram.graph().node_bound()];
        for ix in failed.iter().filter_map(|id| diagram.node_index(id)) {
            dimmed[ix.index()] = true;
        }
        Self {
            revision: diagram.revision(),
            dimmed,
            path_links: HashSet::new(),
            finding: None,
        }
    }

    /// The component at `ix` is drawn faded.
    pub fn dims(&self, ix: NodeIndex) -> bool {
        self.dimmed.get(ix.index()).copied().unwrap_or(false)
    }

    /// The link is part of the highlighted path or a subject.
    pub fn emphasises(&self, edge: EdgeIndex) -> bool {
        self.path_links.contains(&edge)
    }

    /// The link is drawn faded: one of its ends is, and it is not emphasised.
    pub fn dims_link(&self, edge: EdgeIndex, from: NodeIndex, to: NodeIndex) -> bool {
        !self.emphasises(edge) && (self.dims(from) || self.dims(to))
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;
    use crate::model::builder::DiagramBuilder;
    use crate::model::{Kind, LinkKind, Severity};

    #[test]
    fn a_finding_lights_its_subjects_path_and_their_boxes_only() {
        let mut b = DiagramBuilder::new();
        b.add("region", Kind::Region, None);
        b.add("vpc", Kind::Vpc, Some("region"));
        b.add("subnet", Kind::Subnet, Some("vpc"));
        b.add("web", Kind::Ec2, Some("subnet"));
        b.add("db", Kind::Rds, Some("subnet"));
        b.add("other", Kind::S3, Some("region"));
        b.link(LinkKind::Request, "web", "db");
        let diagram = b.build();
        let id = |s: &str| ComponentId::new(s).unwrap();
        let mut finding = Finding::new("SPOF-001", Severity::High, "web is alone");
        finding.subjects.push(Subject::Component(id("web")));
        finding.path = vec![id("web"), id("db")];
        let spot = Spotlight::on_finding(&diagram, &finding);
        let ix = |s: &str| diagram.node_index(&id(s)).unwrap();
        for lit in ["web", "db", "subnet", "vpc", "region"] {
            assert!(!spot.dims(ix(lit)), "{lit} is lit");
        }
        assert!(spot.dims(ix("other")));
        let edge = diagram.graph().find_edge(ix("web"), ix("db")).unwrap();
        assert!(spot.emphasises(edge));
        let failure = Spotlight::on_failure(&diagram, &[id("db")]);
        assert!(failure.dims(ix("db")) && !failure.dims(ix("web")));
        assert!(failure.dims_link(edge, ix("web"), ix("db")));
    }
}
