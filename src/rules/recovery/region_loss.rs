//! What the loss of a whole Region does, in the style of [`LintContext::zone_loss`]: the
//! components that go down, the entry → data-store paths that break, and the data that
//! has no copy outside the Region. DR-005 reports it; the editor's what-if view shows it.

use std::collections::VecDeque;

use petgraph::stable_graph::NodeIndex;
use petgraph::visit::NodeIndexable as _;

use super::copies::{Scope, recovery_points};
use super::{holds_valuable_data, is_copy};
use crate::model::{ComponentId, Kind};
use crate::rules::context::{LintContext, carries_requests};

/// What the loss of one Region does (see [`LintContext::region_loss`]).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RegionLoss {
    /// Components inside the lost Region, in id order.
    pub failed: Vec<ComponentId>,
    /// Entry points and data stores (or critical components) that were connected by a
    /// request path and no longer are, as (entry, store) pairs in id order.
    pub broken_paths: Vec<(ComponentId, ComponentId)>,
    /// Valuable data stores of the lost Region with no copy in another Region.
    pub data_without_copy: Vec<ComponentId>,
}

impl LintContext<'_> {
    /// Simulates the loss of the Region component `region`: every component inside it
    /// fails; paths from the surviving entry points are re-walked without them.
    pub fn region_loss(&self, region: &ComponentId) -> RegionLoss {
        let diagram = self.diagram;
        let graph = diagram.graph();
        let bound = graph.node_bound();
        let mut loss = RegionLoss::default();
        if diagram
            .component(region)
            .is_none_or(|r| r.kind != Kind::Region)
        {
            return loss;
        }
        let mut failed = vec![false; bound];
        for c in diagram.components() {
            if self.region_of(&c.id).is_some_and(|r| &r.id == region) && &c.id != region {
                if let Some(ix) = diagram.node_index(&c.id) {
                    failed[ix.index()] = true;
                }
                loss.failed.push(c.id.clone());
                if holds_valuable_data(c)
                    && !is_copy(self, c)
                    && recovery_points(self, c, Scope::Region).is_empty()
                {
                    loss.data_without_copy.push(c.id.clone());
                }
            }
        }
        let succ = self.request_successors_public();
        let no_failure = vec![false; bound];
        let mut entries: Vec<NodeIndex> = graph
            .node_indices()
            .filter(|&ix| self.is_entry_at(ix))
            .collect();
        entries.sort_by(|a, b| graph[*a].id.cmp(&graph[*b].id));
        for entry in entries {
            let before = reach(&succ, entry, &no_failure);
            let after = if failed[entry.index()] {
                vec![false; bound]
            } else {
                reach(&succ, entry, &failed)
            };
            let mut broken: Vec<ComponentId> = graph
                .node_indices()
                .filter(|&s| {
                    self.is_sink_at(s) && s != entry && before[s.index()] && !after[s.index()]
                })
                .map(|s| graph[s].id.clone())
                .collect();
            broken.sort();
            loss.broken_paths
                .extend(broken.into_iter().map(|s| (graph[entry].id.clone(), s)));
        }
        loss.failed.sort();
        loss.data_without_copy.sort();
        loss
    }

    /// Request-graph successors built from public facts (links that carry requests, and
    /// Auto Scaling group / ECS service members reached through their group).
    fn request_successors_public(&self) -> Vec<Vec<NodeIndex>> {
        let graph = self.diagram.graph();
        let mut succ = vec![Vec::new(); graph.node_bound()];
        for view in self.links() {
            if carries_requests(view.link.kind) {
                succ[view.from_ix.index()].push(view.to_ix);
            }
        }
        for ix in graph.node_indices() {
            if matches!(graph[ix].kind, Kind::AutoScalingGroup | Kind::EcsService) {
                for member in self.children(&graph[ix].id).iter() {
                    if let Some(m) = self.diagram.node_index(&member.id) {
                        succ[ix.index()].push(m);
                    }
                }
            }
        }
        succ
    }
}

fn reach(succ: &[Vec<NodeIndex>], from: NodeIndex, failed: &[bool]) -> Vec<bool> {
    let mut seen = vec![false; succ.len()];
    if failed[from.index()] {
        return seen;
    }
    seen[from.index()] = true;
    let mut queue = VecDeque::from([from]);
    while let Some(n) = queue.pop_front() {
        for &m in &succ[n.index()] {
            if !seen[m.index()] && !failed[m.index()] {
                seen[m.index()] = true;
                queue.push_back(m);
            }
        }
    }
    seen
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use crate::model::builder::DiagramBuilder;
    use crate::model::{ComponentId, Kind, LinkKind};
    use crate::rules::LintContext;

    #[test]
    fn losing_a_region_breaks_paths_and_strands_uncopied_data() {
        let mut b = DiagramBuilder::new();
        b.add("users", Kind::Users, None);
        b.add("dns", Kind::Route53, None);
        b.add("east", Kind::Region, None);
        b.add("west", Kind::Region, None);
        b.add("api-east", Kind::ApiGateway, Some("east"));
        b.add("api-west", Kind::ApiGateway, Some("west"));
        b.add("table", Kind::DynamoDb, Some("east"));
        b.add("replica", Kind::DynamoDb, Some("west"));
        b.add("files", Kind::S3, Some("east")).props.common.stateful = Some(true);
        b.link(LinkKind::Request, "users", "dns");
        b.link(LinkKind::Route, "dns", "api-east");
        b.link(LinkKind::Route, "dns", "api-west");
        b.link(LinkKind::Request, "api-east", "table");
        b.link(LinkKind::Request, "api-west", "replica");
        b.link(LinkKind::Request, "api-east", "files");
        b.link(LinkKind::Replicate, "table", "replica");
        let diagram = b.build();
        let cx = LintContext::new(&diagram);
        let id = |s: &str| ComponentId::new(s).unwrap();
        let loss = cx.region_loss(&id("east"));
        assert_eq!(loss.failed, [id("api-east"), id("files"), id("table")]);
        assert_eq!(
            loss.broken_paths,
            [(id("users"), id("files")), (id("users"), id("table"))]
        );
        assert_eq!(loss.data_without_copy, [id("files")]);
        let west = cx.region_loss(&id("west"));
        assert_eq!(west.broken_paths, [(id("users"), id("replica"))]);
        assert!(west.data_without_copy.is_empty(), "the replica is a copy");
        assert_eq!(cx.region_loss(&id("users")), super::RegionLoss::default());
    }
}
