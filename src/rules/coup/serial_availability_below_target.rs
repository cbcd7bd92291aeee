//! COUP-003: a chain of synchronous dependencies whose combined availability misses the target,
//! or that is simply too long.

use petgraph::graph::{DiGraph, NodeIndex};
use petgraph::stable_graph::NodeIndex as StableIndex;
use petgraph::visit::{EdgeRef as _, NodeIndexable as _};

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
    let Some(ix) = cx.index_of(c) else {
        return 0.999;
    };
    match cx.redundancy_at(ix) {
        Redundancy::Regional => 0.9999,
        Redundancy::MultiAz => 0.9995,
        Redundancy::SingleAzMulti | Redundancy::Unknown => 0.999,
        Redundancy::Single => 0.995,
    }
}

/// Worst path found so far into one strongly connected component.
#[derive(Clone, Copy)]
struct Worst {
    /// Sum of −ln(availability) along the least available path.
    cost: f64,
    /// Service-to-service requests along the longest path.
    hops: usize,
    cost_pred: Option<usize>,
    hops_pred: Option<usize>,
}

impl Rule for SerialAvailabilityBelowTarget {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &LintContext<'_>, out: &mut Vec<Finding>) {
        let diagram = cx.diagram;
        let bound = diagram.graph().node_bound();
        // The synchronous subgraph among components reachable from an entry point; the edge
        // weight is 1 for a service-to-service request (DNS lookups and routing are free).
        // Only components on such links are numbered into it, densely.
        let links = cx.links().len();
        let mut g: DiGraph<(), u8> = DiGraph::with_capacity(links.min(bound), links);
        let mut dense = vec![u32::MAX; bound];
        let mut stable: Vec<StableIndex> = Vec::new();
        let mut number = |g: &mut DiGraph<(), u8>, dense: &mut [u32], ix: StableIndex| {
            let slot = &mut dense[ix.index()];
            if *slot == u32::MAX {
                *slot = g.add_node(()).index() as u32;
                stable.push(ix);
            }
            NodeIndex::new(*slot as usize)
        };
        for view in cx.links() {
            if !matches!(view.kind, LinkKind::Request | LinkKind::Route)
                || !cx.reachable_from_entry_at(view.from_ix)
            {
                continue;
            }
            let step = u8::from(view.kind == LinkKind::Request && view.to.kind != Kind::Route53);
            let (from, to) = (
                number(&mut g, &mut dense, view.from_ix),
                number(&mut g, &mut dense, view.to_ix),
            );
            g.add_edge(from, to, step);
        }
        for group in cx
            .of_kind(Kind::AutoScalingGroup)
            .iter()
            .chain(cx.of_kind(Kind::EcsService))
        {
            let Some(gix) = cx.index_of(group) else {
                continue;
            };
            if dense[gix.index()] == u32::MAX {
                continue;
            }
            for member in cx.children(&group.id) {
                if let Some(mix) = cx.index_of(member) {
                    let (from, to) = (
                        number(&mut g, &mut dense, gix),
                        number(&mut g, &mut dense, mix),
                    );
                    g.add_edge(from, to, 0);
                }
            }
        }
        // Tarjan returns components sinks first; walking them in reverse is a topological order.
        // (Collected flat: most SCCs are single components.)
        let mut members: Vec<NodeIndex> = Vec::with_capacity(g.node_count());
        let mut ends: Vec<usize> = Vec::new();
        petgraph::algo::scc::TarjanScc::new().run(&g, |scc| {
            members.extend_from_slice(scc);
            ends.push(members.len());
        });
        let sccs: Vec<&[NodeIndex]> = (0..ends.len())
            .rev()
            .map(|i| &members[if i == 0 { 0 } else { ends[i - 1] }..ends[i]])
            .collect();
        let mut scc_of = vec![usize::MAX; g.node_count()];
        for (i, scc) in sccs.iter().enumerate() {
            for n in scc.iter() {
                scc_of[n.index()] = i;
            }
        }
        let at = |n: NodeIndex| stable[n.index()];
        let node = |n: NodeIndex| cx.component_at(at(n));
        let target_set = diagram.info.objectives.availability_percent.is_some();
        let mut worst: Vec<Option<Worst>> = vec![None; sccs.len()];
        let mut has_successor = vec![false; sccs.len()];
        for (i, scc) in sccs.iter().enumerate() {
            // Availability matters only against a target; without one, only hops count.
            let own: f64 = if target_set {
                scc.iter().map(|&n| -availability(cx, node(n)).ln()).sum()
            } else {
                0.0
            };
            let mut best = scc.iter().any(|&n| cx.is_entry_at(at(n))).then_some(Worst {
                cost: own,
                hops: 0,
                cost_pred: None,
                hops_pred: None,
            });
            for &n in scc.iter() {
                for edge in g.edges_directed(n, petgraph::Direction::Incoming) {
                    let p = scc_of[edge.source().index()];
                    if p == i || p == usize::MAX {
                        continue;
                    }
                    has_successor[p] = true;
                    let Some(pw) = worst[p] else { continue };
                    let w = best.get_or_insert(Worst {
                        cost: f64::NEG_INFINITY,
                        hops: 0,
                        cost_pred: None,
                        hops_pred: None,
                    });
                    if pw.cost + own > w.cost {
                        w.cost = pw.cost + own;
                        w.cost_pred = Some(p);
                    }
                    let hops = pw.hops + usize::from(*edge.weight());
                    if hops > w.hops || w.hops_pred.is_none() {
                        w.hops = hops;
                        w.hops_pred = Some(p);
                    }
                }
            }
            worst[i] = best;
        }
        // Paths end at data stores, and at dependencies nothing else follows (an external
        // payment API is as hard a dependency as the database).
        let ends: Vec<usize> = (0..sccs.len())
            .filter(|&i| worst[i].is_some())
            .filter(|&i| !has_successor[i] || sccs[i].iter().any(|&n| cx.is_sink_at(at(n))))
            .collect();
        let path_of = |end: usize, by_hops: bool| -> Vec<ComponentId> {
            let mut path = Vec::new();
            let mut current = Some(end);
            while let Some(i) = current {
                let mut ids: Vec<ComponentId> =
                    sccs[i].iter().map(|&n| node(n).id.clone()).collect();
                ids.sort();
                path.extend(ids.into_iter().rev());
                current = worst[i].and_then(|w| if by_hops { w.hops_pred } else { w.cost_pred });
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

        if let Some(target) = diagram.info.objectives.availability_percent
            && let Some(&end) = ends.iter().max_by(|&&a, &&b| {
                let cost = |i: usize| worst[i].map_or(0.0, |w| w.cost);
                cost(a).total_cmp(&cost(b)).then_with(|| b.cmp(&a))
            })
            && let Some(w) = worst[end]
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
        let longest = ends
            .iter()
            .copied()
            .filter(|&i| worst[i].is_some_and(|w| w.hops > MAX_SYNC_HOPS))
            .max_by_key(|&i| (worst[i].map_or(0, |w| w.hops), std::cmp::Reverse(i)));
        if let Some(end) = longest
            && let Some(w) = worst[end]
        {
            let path = path_of(end, true);
            out.push(
                Self::finding(
                    Severity::Medium,
                    format!(
                        "The request path {} makes {} service-to-service calls in a row; more than {MAX_SYNC_HOPS} multiplies latency and failure",
                        names(&path),
                        w.hops
                    ),
                )
                .components(path.iter())
                .with_path(path.clone()),
            );
        }
    }
}
