//! What the loss of a whole Region does, in the style of [`LintContext::zone_loss`]: the
//! components that go down, the entry → data-store paths that break, and the data that
//! has no copy outside the Region. DR-005 reports it; the editor's what-if view shows it.

use std::collections::VecDeque;

use petgraph::stable_graph::NodeIndex;
use petgraph::visit::NodeIndexable as _;

use super::copies::{Scope, recovery_points};
use super::{holds_valuable_data, is_copy};
use crate::model::{ComponentId, Kind};
use crate::rules::context::{LintContext, is_data_store_kind};

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
        let Some(region_ix) = diagram.node_index(region) else {
            return loss;
        };
        let mut failed = vec![false; bound];
        for ix in self.in_region(region_ix) {
            failed[ix.index()] = true;
            loss.failed.push(graph[ix].id.clone());
        }
        loss.data_without_copy = self.data_without_copy_in(region_ix);
        loss.broken_paths = self.paths_broken_by(&failed);
        loss.failed.sort();
        loss
    }

    /// Entry → data-store pairs connected by a request path that no longer are once the
    /// components marked in `failed` (indexed by graph index) are gone, in id order.
    pub fn paths_broken_by(&self, failed: &[bool]) -> Vec<(ComponentId, ComponentId)> {
        let graph = self.diagram.graph();
        let bound = graph.node_bound();
        let mut broken_paths = Vec::new();
        // Only entries that can reach a failed component can lose a path: find them with
        // one backward walk instead of walking forward from every entry.
        let mut affected = failed.to_vec();
        let mut queue: VecDeque<NodeIndex> = (0..bound)
            .filter(|&i| failed[i])
            .map(NodeIndex::new)
            .collect();
        while let Some(n) = queue.pop_front() {
            for &p in self.request_predecessors_at(n) {
                if !affected[p.index()] {
                    affected[p.index()] = true;
                    queue.push_back(p);
                }
            }
        }
        let mut entries: Vec<NodeIndex> = graph
            .node_indices()
            .filter(|&ix| self.is_entry_at(ix) && affected[ix.index()])
            .collect();
        entries.sort_by(|a, b| graph[*a].id.cmp(&graph[*b].id));
        let (mut before_seen, mut after_seen) = (vec![false; bound], vec![false; bound]);
        for entry in entries {
            let before = reach(self, entry, None, &mut before_seen);
            let after = if failed[entry.index()] {
                Vec::new()
            } else {
                reach(self, entry, Some(failed), &mut after_seen)
            };
            for &n in &after {
                after_seen[n.index()] = true;
            }
            let mut broken: Vec<ComponentId> = before
                .iter()
                .copied()
                .filter(|&s| self.is_sink_at(s) && s != entry && !after_seen[s.index()])
                .map(|s| graph[s].id.clone())
                .collect();
            for &n in &after {
                after_seen[n.index()] = false;
            }
            broken.sort();
            broken_paths.extend(broken.into_iter().map(|s| (graph[entry].id.clone(), s)));
        }
        broken_paths
    }

    /// Valuable data stores inside the Region at `region` with no copy in another Region,
    /// in id order (the part of [`Self::region_loss`] DR-005 reports).
    pub fn data_without_copy_in(&self, region: NodeIndex) -> Vec<ComponentId> {
        self.data_without_copy_at(region)
            .into_iter()
            .map(|ix| self.component_at(ix).id.clone())
            .collect()
    }

    /// [`Self::data_without_copy_in`] as graph indices, in id order.
    pub fn data_without_copy_at(&self, region: NodeIndex) -> Vec<NodeIndex> {
        let mut found: Vec<NodeIndex> = self
            .in_region(region)
            .filter(|&ix| is_data_store_kind(self.kind_at(ix)))
            .filter(|&ix| {
                let c = self.component_at(ix);
                holds_valuable_data(c)
                    && !is_copy(self, c)
                    && recovery_points(self, c, Scope::Region).is_empty()
            })
            .collect();
        found.sort_unstable_by(|&a, &b| self.component_at(a).id.cmp(&self.component_at(b).id));
        found
    }

    /// Components inside the Region at `region` (not the Region itself).
    fn in_region(&self, region: NodeIndex) -> impl Iterator<Item = NodeIndex> + '_ {
        self.region_members(region).iter().copied()
    }
}

/// The nodes reachable from `from` without entering `failed` ones, in visiting order.
/// `seen` is scratch space of the graph's size, left all `false` again on return.
fn reach(
    cx: &LintContext<'_>,
    from: NodeIndex,
    failed: Option<&[bool]>,
    seen: &mut [bool],
) -> Vec<NodeIndex> {
    let is_failed = |n: NodeIndex| failed.is_some_and(|f| f[n.index()]);
    if is_failed(from) {
        return Vec::new();
    }
    seen[from.index()] = true;
    let mut visited = vec![from];
    let mut next = 0;
    while let Some(&n) = visited.get(next) {
        next += 1;
        for &m in cx.request_successors_at(n) {
            if !seen[m.index()] && !is_failed(m) {
                seen[m.index()] = true;
                visited.push(m);
            }
        }
    }
    for n in &visited {
        seen[n.index()] = false;
    }
    visited
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
