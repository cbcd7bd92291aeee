//! Ranks: how far along the request flow each component sits, entry points at 0 and data
//! stores towards the end: breadth-first distances from the entry points orient the links,
//! longest paths over the forward ones give the rank. Boxes take the smallest rank inside
//! them, empty subnets that of the services placed in them.

use super::tree::Tree;
use crate::model::{Kind, LinkKind};

/// Link kinds that say "traffic or data goes from here to there", in reading order.
/// Network routes are left out: they join subnets to gateways, not steps of a request.
fn is_flow(kind: LinkKind) -> bool {
    !matches!(kind, LinkKind::NetworkRoute)
}

/// Where traffic enters: actors and components marked as entry points.
fn is_entry(tree: &Tree<'_>, i: usize) -> bool {
    let c = tree.nodes[i].component;
    matches!(c.kind, Kind::Users | Kind::OnPremises) || c.props.common.entry == Some(true)
}

/// Kinds that sit at the front when no link says where they go.
fn is_front_kind(kind: Kind) -> bool {
    matches!(
        kind,
        Kind::Users
            | Kind::OnPremises
            | Kind::Route53
            | Kind::CloudFront
            | Kind::ApiGateway
            | Kind::InternetGateway
            | Kind::Vpn
            | Kind::DirectConnect
            | Kind::TransitGateway
    )
}

/// Rank of every component along the request flow, `None` for those no flow link touches.
///
/// Breadth-first distances from the entry points (then from components nothing flows into,
/// then from whatever a cycle left unvisited, in id order) decide which links point
/// forward: only those to a component farther from the entries. The rank is the longest
/// path over those links, so a data store sits right of everything calling it, while a
/// link back to an earlier step (a call into the next stack's load balancer) does not drag
/// a whole chain to the right.
pub(super) fn flow_ranks(tree: &Tree<'_>) -> Vec<Option<u32>> {
    let n = tree.nodes.len();
    let mut succ: Vec<Vec<usize>> = vec![Vec::new(); n];
    let mut touched = vec![false; n];
    let mut has_inbound = vec![false; n];
    for arc in tree.arcs.iter().filter(|a| is_flow(a.kind)) {
        // Hybrid links may be drawn either way; read them from on-premises inwards.
        let (from, to) =
            if arc.kind == LinkKind::Hybrid && tree.nodes[arc.to].kind() == Kind::OnPremises {
                (arc.to, arc.from)
            } else {
                (arc.from, arc.to)
            };
        touched[from] = true;
        touched[to] = true;
        // Nothing flows into an entry point (an SNS email to users is a reply).
        if from == to || is_entry(tree, to) {
            continue;
        }
        succ[from].push(to);
        has_inbound[to] = true;
    }
    // A request to an Auto Scaling group or ECS service reaches its members: what they
    // call comes after the group, not before whatever routes to the group.
    for (i, node) in tree.nodes.iter().enumerate() {
        if !matches!(node.kind(), Kind::AutoScalingGroup | Kind::EcsService) {
            continue;
        }
        for &member in &node.children {
            if touched[i] || touched[member] {
                touched[i] = true;
                touched[member] = true;
                succ[i].push(member);
                has_inbound[member] = true;
            }
        }
    }
    for s in &mut succ {
        s.sort_unstable();
        s.dedup();
    }
    let mut dist = vec![u32::MAX; n];
    let mut queue = std::collections::VecDeque::new();
    let mut bfs = |starts: &mut dyn Iterator<Item = usize>, dist: &mut Vec<u32>| {
        for s in starts {
            if dist[s] == u32::MAX {
                dist[s] = 0;
                queue.push_back(s);
            }
        }
        while let Some(v) = queue.pop_front() {
            for &w in &succ[v] {
                if dist[w] == u32::MAX {
                    dist[w] = dist[v] + 1;
                    queue.push_back(w);
                }
            }
        }
    };
    bfs(
        &mut (0..n).filter(|&i| touched[i] && (is_entry(tree, i) || !has_inbound[i])),
        &mut dist,
    );
    for i in 0..n {
        if touched[i] && dist[i] == u32::MAX {
            bfs(&mut std::iter::once(i), &mut dist);
        }
    }
    // Longest path over the forward links, in order of distance (a topological order,
    // since every forward link goes strictly farther).
    let mut order: Vec<usize> = (0..n).filter(|&i| touched[i]).collect();
    order.sort_by_key(|&i| dist[i]);
    let mut rank = vec![0u32; n];
    for &v in &order {
        for &w in &succ[v] {
            if dist[w] > dist[v] {
                rank[w] = rank[w].max(rank[v] + 1);
            }
        }
    }
    (0..n).map(|i| touched[i].then_some(rank[i])).collect()
}

/// Column keys of the components, and which of them the request flow placed.
pub(super) struct Keys {
    /// Column key: smaller is further left.
    pub key: Vec<f32>,
    /// The key comes from the request flow (the component, something inside it, or for
    /// a subnet a service using it, is on a flow link), not from its kind.
    pub ranked: Vec<bool>,
}

/// The column key of every component: its flow rank; for a box the smallest rank inside it;
/// for an empty subnet the largest rank of the services placed in it (a data subnet lines
/// up under the database); for what no flow reaches, the front (gateways, DNS, public
/// subnets) or the back.
pub(super) fn keys(tree: &Tree<'_>, ranks: &[Option<u32>]) -> Keys {
    let n = tree.nodes.len();
    let back = ranks
        .iter()
        .flatten()
        .max()
        .map_or(1.0, |&m| m as f32 + 1.0);
    let rank_of = |i: usize| ranks[i].map(|r| r as f32);
    let mut known: Vec<Option<f32>> = (0..n).map(rank_of).collect();
    for &i in &tree.post_order() {
        let inside = tree.nodes[i]
            .children
            .iter()
            .filter_map(|&c| known[c])
            .reduce(f32::min);
        let users = || {
            tree.subnet_users[i]
                .iter()
                .filter_map(|&u| rank_of(u))
                .reduce(f32::max)
        };
        known[i] = match (known[i], inside) {
            (Some(own), Some(k)) => Some(own.min(k)),
            (own, None) if tree.nodes[i].kind() == Kind::Subnet => own.or_else(users),
            (own, k) => own.or(k),
        };
    }
    let key = (0..n)
        .map(|i| {
            known[i].unwrap_or_else(|| {
                let node = &tree.nodes[i];
                if is_front_kind(node.kind()) || node.is_public_subnet() {
                    -1.0
                } else {
                    back
                }
            })
        })
        .collect();
    Keys {
        key,
        ranked: known.iter().map(Option::is_some).collect(),
    }
}
