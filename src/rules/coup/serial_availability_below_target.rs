//! COUP-003: a chain of synchronous dependencies whose combined availability misses the target,
//! or that is simply too long.

use petgraph::graph::{DiGraph, NodeIndex};
use petgraph::stable_graph::NodeIndex as StableIndex;
use petgraph::visit::EdgeRef as _;

use crate::model::{Component, ComponentId, Kind, LinkKind, Severity};
use crate::rules::context::{LintContext, Redundancy};
use crate::rules::{Finding, Rule, RuleMeta};

/// Longest acceptable chain of synchronous hops from an entry point to a data store.
pub const MAX_SYNC_HOPS: usize = 4;

declare_rule! {
    /// ## What it flags
    /// The request path from an entry point to a data store (or to a dependency with nothing
    /// after it, such as an external API) whose serial availability —
    /// the product of the availabilities of every component it synchronously depends on —
    /// is below the diagram's availability target; and request paths with more than four
    /// service-to-service requests (routing through DNS or a load balancer is not a hop).
    ///
    /// ## Why it matters
    /// Synchronous dependencies multiply: five components at 99.9 % give 99.5 %. AWS
    /// Well-Architected REL11-BP07 anti-pattern "Setting SLAs without taking into account
    /// for dependencies and their underlying SLA"; REL05-BP01 (turn hard dependencies into
    /// soft ones).
    ///
    /// ## Example
    /// `tests/fixtures/rules/COUP-003/fail_chain_below_target.ron`
    ///
    /// ## Use instead
    /// Fewer synchronous hops, caches or queues in place of hard dependencies, redundancy
    /// for the weakest link (`pass_short_redundant_chain.ron`).
    ///
    /// ## Known limitations
    /// A component's availability is its `availability_percent` when set, otherwise an
    /// estimate from its redundancy: 99.99 % for regional managed services and load
    /// balancers in two AZs, 99.95 % for Multi-AZ, 99.9 % for several copies in one AZ or
    /// undrawn AZs, 99.5 % for a single instance. Only request and route links count as
    /// synchronous.
    pub SerialAvailabilityBelowTarget {
        id: "COUP-003",
        name: "serial-availability-below-target",
        family: Coup,
        default_severity: Medium,
        since: "0.1.0",
    }
}

/// Estimated availability of one component, as a fraction.
pub fn availability(cx: &LintContext<'_>, c: &Component) -> f64 {
    if let Some(percent) = c.props.common.availability_percent {
        return percent / 100.0;
    }
    if matches!(c.kind, Kind::Users | Kind::OnPremises) {
        return 1.0;
    }
    // Load balancers are managed across AZs (ELB's SLA is 99.99 %).
    if c.kind.is_load_balancer() && cx.zones(&c.id).count().unwrap_or(0) >= 2 {
        return 0.9999;
    }
    let Some(ix) = cx.diagram.node_index(&c.id) else {
        return 0.999;
    };
    match cx.redundancy_at(ix) {
        Redundancy::Regional => 0.9999,
        Redundancy::MultiAz => 0.9995,
        Redundancy::SingleAzMulti | Redundancy::Unknown => 0.999,
        Redundancy::Single => 0.995,
    }
}

/// A DNS lookup is not a service call.
fn to_dns(diagram: &crate::model::Diagram, id: &ComponentId) -> bool {
    diagram
        .component(id)
        .is_some_and(|c| c.kind == Kind::Route53)
}

struct Worst {
    cost: f64,
    hops: usize,
    cost_pred: Option<NodeIndex>,
    hops_pred: Option<NodeIndex>,
}

impl Rule for SerialAvailabilityBelowTarget {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &LintContext<'_>, out: &mut Vec<Finding>) {
        let diagram = cx.diagram;
        let mut g: DiGraph<StableIndex, usize> = DiGraph::new();
        let mut dense = std::collections::HashMap::new();
        for c in diagram.components() {
            if cx.reachable_from_entry(&c.id)
                && let Some(ix) = diagram.node_index(&c.id)
            {
                dense.insert(ix, g.add_node(ix));
            }
        }
        let sync_edge = |kind: LinkKind| matches!(kind, LinkKind::Request | LinkKind::Route);
        for link in diagram.links().filter(|l| sync_edge(l.kind)) {
            let (Some(a), Some(b)) = (diagram.node_index(&link.from), diagram.node_index(&link.to))
            else {
                continue;
            };
            if let (Some(&a), Some(&b)) = (dense.get(&a), dense.get(&b)) {
                // Hops count service-to-service calls; routing through DNS or a load balancer is free.
                g.add_edge(
                    a,
                    b,
                    usize::from(link.kind == LinkKind::Request && !to_dns(diagram, &link.to)),
                );
            }
        }
        for c in diagram
            .components()
            .filter(|c| matches!(c.kind, Kind::AutoScalingGroup | Kind::EcsService))
        {
            for member in cx.children(&c.id) {
                let (Some(a), Some(b)) =
                    (diagram.node_index(&c.id), diagram.node_index(&member.id))
                else {
                    continue;
                };
                if let (Some(&a), Some(&b)) = (dense.get(&a), dense.get(&b)) {
                    g.add_edge(a, b, 0);
                }
            }
        }
        let condensed = petgraph::algo::condensation(g, true);
        let Ok(order) = petgraph::algo::toposort(&condensed, None) else {
            return;
        };
        let node = |ix: StableIndex| cx.component_at(ix);
        let mut worst: Vec<Option<Worst>> = (0..condensed.node_count()).map(|_| None).collect();
        for &scc in &order {
            let members = &condensed[scc];
            let own: f64 = members
                .iter()
                .map(|&ix| -availability(cx, node(ix)).ln())
                .sum();
            let is_entry = members.iter().any(|&ix| cx.is_entry_at(ix));
            let mut best = is_entry.then_some(Worst {
                cost: own,
                hops: 0,
                cost_pred: None,
                hops_pred: None,
            });
            for edge in condensed.edges_directed(scc, petgraph::Direction::Incoming) {
                let pred = edge.source();
                let step = *edge.weight();
                let Some(p) = &worst[pred.index()] else {
                    continue;
                };
                let w = best.get_or_insert(Worst {
                    cost: f64::NEG_INFINITY,
                    hops: 0,
                    cost_pred: None,
                    hops_pred: None,
                });
                if p.cost + own > w.cost {
                    w.cost = p.cost + own;
                    w.cost_pred = Some(pred);
                }
                if p.hops + step > w.hops || w.hops_pred.is_none() {
                    w.hops = p.hops + step;
                    w.hops_pred = Some(pred);
                }
            }
            worst[scc.index()] = best;
        }
        // Paths end at data stores, and at dependencies nothing else follows (an external
        // payment API is as hard a dependency as the database).
        let is_sink_scc = |scc: NodeIndex| {
            condensed[scc].iter().any(|&ix| cx.is_sink_at(ix))
                || condensed
                    .neighbors_directed(scc, petgraph::Direction::Outgoing)
                    .next()
                    .is_none()
        };
        let sink_sccs: Vec<NodeIndex> = order
            .iter()
            .copied()
            .filter(|&s| is_sink_scc(s) && worst[s.index()].is_some())
            .collect();
        let path_of = |end: NodeIndex, by_hops: bool| -> Vec<ComponentId> {
            let mut path = Vec::new();
            let mut current = Some(end);
            while let Some(scc) = current {
                let mut ids: Vec<ComponentId> = condensed[scc]
                    .iter()
                    .map(|&ix| node(ix).id.clone())
                    .collect();
                ids.sort();
                path.extend(ids.into_iter().rev());
                current = worst[scc.index()]
                    .as_ref()
                    .and_then(|w| if by_hops { w.hops_pred } else { w.cost_pred });
            }
            path.reverse();
            path
        };
        let names = |path: &[ComponentId]| {
            path.iter()
                .map(|id| cx.name(id))
                .collect::<Vec<_>>()
                .join(" → ")
        };

        if let Some(target) = diagram.info.objectives.availability_percent {
            let worst_sink = sink_sccs.iter().copied().max_by(|a, b| {
                let (wa, wb) = (
                    worst[a.index()].as_ref().map_or(0.0, |w| w.cost),
                    worst[b.index()].as_ref().map_or(0.0, |w| w.cost),
                );
                wa.total_cmp(&wb).then_with(|| b.index().cmp(&a.index()))
            });
            if let Some(end) = worst_sink
                && let Some(w) = &worst[end.index()]
            {
                let percent = (-w.cost).exp() * 100.0;
                if percent < target {
                    let path = path_of(end, false);
                    out.push(
                        Self::finding(
                            Severity::Medium,
                            format!(
                                "The synchronous path {} is available about {percent:.2} % of the time, below the {target} % target",
                                names(&path)
                            ),
                        )
                        .components(path.iter())
                        .with_path(path.clone()),
                    );
                }
            }
        }
        let longest = sink_sccs
            .iter()
            .copied()
            .filter(|s| {
                worst[s.index()]
                    .as_ref()
                    .is_some_and(|w| w.hops > MAX_SYNC_HOPS)
            })
            .max_by_key(|s| {
                (
                    worst[s.index()].as_ref().map_or(0, |w| w.hops),
                    std::cmp::Reverse(s.index()),
                )
            });
        if let Some(end) = longest
            && let Some(w) = &worst[end.index()]
        {
            let path = path_of(end, true);
            out.push(
                Self::finding(
                    Severity::Medium,
                    format!("The request path {} makes {} synchronous hops; more than {MAX_SYNC_HOPS} multiplies latency and failure", names(&path), w.hops),
                )
                .components(path.iter())
                .with_path(path.clone()),
            );
        }
    }
}
