//! Ranks: how far along the request flow each component sits, entry points at 0 and data
//! stores towards the end. Longest-path layering over the flow links after deterministic
//! cycle breaking (depth-first from the entry points, dropping back edges); boxes take the
//! smallest rank inside them, subnets also that of the services placed in them.

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
    for s in &mut succ {
        s.sort_unstable();
        s.dedup();
    }
    // Depth-first from entries, then from sources, then from anything left, all in id
    // order; an edge back to a node still on the stack closes a cycle and is dropped.
    let starts = (0..n)
        .filter(|&i| is_entry(tree, i))
        .chain((0..n).filter(|&i| !has_inbound[i]))
        .chain(0..n);
    let mut state = vec![0u8; n]; // 0 new, 1 on the stack, 2 done
    let mut kept: Vec<Vec<usize>> = vec![Vec::new(); n];
    let mut post = Vec::with_capacity(n);
    let mut stack: Vec<(usize, usize)> = Vec::new();
    for start in starts {
        if state[start] != 0 {
            continue;
        }
        state[start] = 1;
        stack.push((start, 0));
        while let Some(top) = stack.last_mut() {
            let v = top.0;
            if let Some(&w) = succ[v].get(top.1) {
                top.1 += 1;
                match state[w] {
                    0 => {
                        kept[v].push(w);
                        state[w] = 1;
                        stack.push((w, 0));
                    }
                    2 => kept[v].push(w),
                    _ => {} // back edge: breaks a cycle
                }
            } else {
                state[v] = 2;
                post.push(v);
                stack.pop();
            }
        }
    }
    // Longest path in topological order (reverse post-order).
    let mut rank = vec![0u32; n];
    for &v in post.iter().rev() {
        for &w in &kept[v] {
            rank[w] = rank[w].max(rank[v] + 1);
        }
    }
    (0..n).map(|i| touched[i].then_some(rank[i])).collect()
}

/// The column key of every component: its flow rank; for a box the smallest key inside it
/// (and, for a subnet, of the services placed in it); for what no link reaches, the front
/// (gateways, DNS, public subnets) or the back.
pub(super) fn keys(tree: &Tree<'_>, ranks: &[Option<u32>]) -> Vec<f32> {
    let n = tree.nodes.len();
    let back = ranks
        .iter()
        .flatten()
        .max()
        .map_or(1.0, |&m| m as f32 + 1.0);
    let mut known: Vec<Option<f32>> = ranks.iter().map(|r| r.map(|r| r as f32)).collect();
    let order = tree.post_order();
    for &i in &order {
        let mut best = known[i];
        for &c in &tree.nodes[i].children {
            if let Some(k) = known[c] {
                best = Some(best.map_or(k, |b: f32| b.min(k)));
            }
        }
        known[i] = best;
    }
    // Subnets line up under the services that use them.
    for (i, slot) in known.iter_mut().enumerate().take(n) {
        if tree.nodes[i].kind() != Kind::Subnet {
            continue;
        }
        for &user in &tree.subnet_users[i] {
            if let Some(k) = ranks[user].map(|r| r as f32) {
                *slot = Some(slot.map_or(k, |b| b.min(k)));
            }
        }
    }
    (0..n)
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
        .collect()
}
