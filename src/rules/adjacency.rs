//! Compact per-node lists (children, links, request successors) stored in one buffer, and
//! the dominator computation over them. A lint run builds these once instead of a small
//! vector per node, which keeps `LintContext::new` to a handful of allocations.

/// For each node index `0..n`, a slice of items; built once, read many times.
#[derive(Clone, Debug)]
pub struct Adjacency<T> {
    start: Vec<u32>,
    items: Vec<T>,
}

impl<T: Copy> Adjacency<T> {
    /// Groups `(node, item)` pairs by node; items keep their order within a node.
    pub fn build(nodes: usize, pairs: &[(usize, T)]) -> Self {
        // Count per node, sum up to each node's end, then place the pairs backwards so each
        // node's start counts down to its first item (no second table of fill positions).
        let mut start = vec![0u32; nodes + 1];
        for &(n, _) in pairs {
            start[n] += 1;
        }
        for i in 1..=nodes {
            start[i] += start[i - 1];
        }
        let Some(&(_, filler)) = pairs.first() else {
            return Self {
                start,
                items: Vec::new(),
            };
        };
        // Every slot is written below; `filler` only saves wrapping each item in `Option`.
        let mut items = vec![filler; pairs.len()];
        for &(n, item) in pairs.iter().rev() {
            start[n] -= 1;
            items[start[n] as usize] = item;
        }
        Self { start, items }
    }

    /// Lists written node after node in increasing order, so no grouping pass is needed:
    /// `fill(n, items)` appends node `n`'s items, and is called once for each `n < nodes`.
    pub fn in_node_order(
        nodes: usize,
        capacity: usize,
        mut fill: impl FnMut(usize, &mut Vec<T>),
    ) -> Self {
        let mut start = Vec::with_capacity(nodes + 1);
        let mut items = Vec::with_capacity(capacity);
        for n in 0..nodes {
            start.push(items.len() as u32);
            fill(n, &mut items);
        }
        start.push(items.len() as u32);
        Self { start, items }
    }

    /// The same lists with each item mapped by `f` (grouping them again would cost more).
    pub fn map<U>(&self, f: impl FnMut(&T) -> U) -> Adjacency<U> {
        Adjacency {
            start: self.start.clone(),
            items: self.items.iter().map(f).collect(),
        }
    }

    /// The items of node `n` (empty for an unknown node).
    pub fn of(&self, n: usize) -> &[T] {
        match (self.start.get(n), self.start.get(n + 1)) {
            (Some(&a), Some(&b)) => &self.items[a as usize..b as usize],
            _ => &[],
        }
    }

    /// Number of nodes.
    pub fn nodes(&self) -> usize {
        self.start.len().saturating_sub(1)
    }
}

/// A node number usable as an index (`u32`, or a graph's `NodeIndex`).
pub trait NodeNumber: Copy {
    /// As an index.
    fn number(self) -> usize;
    /// From an index.
    fn from_number(n: usize) -> Self;
}

impl NodeNumber for u32 {
    fn number(self) -> usize {
        self as usize
    }
    fn from_number(n: usize) -> Self {
        n as u32
    }
}

impl NodeNumber for petgraph::stable_graph::NodeIndex {
    fn number(self) -> usize {
        self.index()
    }
    fn from_number(n: usize) -> Self {
        Self::new(n)
    }
}

/// Immediate dominators of every node reachable from `roots` in the graph `succ` (whose
/// reverse is `pred`), seen from a virtual root above `roots`: `Some(d)` when every path
/// from the roots passes through `d` first, `None` for roots, nodes dominated only by the
/// virtual root, and unreachable nodes. Cooper, Harvey and Kennedy, "A Simple, Fast
/// Dominance Algorithm" (2001).
pub fn immediate_dominators<T: NodeNumber>(
    succ: &Adjacency<T>,
    pred: &Adjacency<T>,
    roots: &[T],
) -> Vec<Option<T>> {
    let n = succ.nodes();
    let virtual_root = n as u32;
    // Reverse postorder by an iterative depth-first search from the virtual root.
    let mut order = vec![u32::MAX; n + 1];
    let mut postorder: Vec<u32> = Vec::with_capacity(n + 1);
    let mut seen = vec![false; n + 1];
    let mut is_root = vec![false; n];
    for r in roots {
        is_root[r.number()] = true;
    }
    let mut stack: Vec<(u32, usize)> = vec![(virtual_root, 0)];
    seen[n] = true;
    let mut cyclic = false;
    while let Some(&mut (node, ref mut next)) = stack.last_mut() {
        let children = if node == virtual_root {
            roots
        } else {
            succ.of(node as usize)
        };
        if let Some(&child) = children.get(*next) {
            *next += 1;
            let child = child.number();
            if !seen[child] {
                seen[child] = true;
                stack.push((child as u32, 0));
            } else if order[child] == u32::MAX {
                // Seen but not finished: `child` is on the stack, so this edge closes a cycle.
                cyclic = true;
            }
        } else {
            order[node as usize] = postorder.len() as u32;
            postorder.push(node);
            stack.pop();
        }
    }
    // Nodes with a predecessor no earlier in reverse postorder (a link closing a cycle).
    let back_targets: Vec<u32> = if cyclic {
        postorder
            .iter()
            .copied()
            .filter(|&node| {
                node != virtual_root
                    && pred.of(node as usize).iter().any(|p| {
                        let at = order[p.number()];
                        at != u32::MAX && at <= order[node as usize]
                    })
            })
            .collect()
    } else {
        Vec::new()
    };
    let mut idom = vec![u32::MAX; n + 1];
    idom[n] = virtual_root;
    let intersect = |idom: &[u32], mut a: u32, mut b: u32| {
        while a != b {
            while order[a as usize] < order[b as usize] {
                a = idom[a as usize];
            }
            while order[b as usize] < order[a as usize] {
                b = idom[b as usize];
            }
        }
        a
    };
    // The dominator a pass gives `node` from its predecessors' current dominators.
    // Predecessors not yet processed (or unreachable) have none yet and are skipped; a
    // root's predecessors include the virtual root.
    let meet = |idom: &[u32], node: u32| {
        let mut new = if is_root[node as usize] {
            virtual_root
        } else {
            u32::MAX
        };
        for p in pred.of(node as usize) {
            let p = p.number() as u32;
            if idom[p as usize] == u32::MAX {
                continue;
            }
            new = if new == u32::MAX {
                p
            } else {
                intersect(idom, p, new)
            };
        }
        new
    };
    loop {
        let mut changed = false;
        for &node in postorder.iter().rev().skip(1) {
            let new = meet(&idom, node);
            if new != u32::MAX && idom[node as usize] != new {
                idom[node as usize] = new;
                changed = true;
            }
        }
        // Without cycles every predecessor comes first in reverse postorder, so one pass
        // gives the final answer. With cycles, the next pass recomputes each node from the
        // same inputs as this one, except where a link closes a cycle (comes from later in
        // reverse postorder): up to the first change, only those links' targets can differ.
        // If none of them would change, no node would, and that pass is not needed.
        if !changed
            || !cyclic
            || back_targets
                .iter()
                .all(|&node| meet(&idom, node) == idom[node as usize])
        {
            break;
        }
    }
    idom.truncate(n);
    idom.into_iter()
        .map(|d| (d != u32::MAX && d != virtual_root).then(|| T::from_number(d as usize)))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Successors and predecessors of a graph on nodes `0..n`.
    fn graph(n: usize, edges: &[(u32, u32)]) -> (Adjacency<u32>, Adjacency<u32>) {
        let pairs: Vec<(usize, u32)> = edges.iter().map(|&(a, b)| (a as usize, b)).collect();
        let reverse: Vec<(usize, u32)> = edges.iter().map(|&(a, b)| (b as usize, a)).collect();
        (Adjacency::build(n, &pairs), Adjacency::build(n, &reverse))
    }

    #[test]
    fn lists_keep_their_order_per_node() {
        let adj = Adjacency::build(3, &[(2, 'a'), (0, 'b'), (2, 'c')]);
        assert_eq!(adj.of(0), &['b']);
        assert_eq!(adj.of(1), &[] as &[char]);
        assert_eq!(adj.of(2), &['a', 'c']);
        assert_eq!(adj.of(7), &[] as &[char]);
        // Written node by node, the same lists.
        let written = Adjacency::in_node_order(3, 3, |n, items| match n {
            0 => items.push('b'),
            2 => items.extend(['a', 'c']),
            _ => {}
        });
        for n in 0..4 {
            assert_eq!(written.of(n), adj.of(n), "node {n}");
        }
        assert_eq!(written.nodes(), 3);
    }

    #[test]
    fn diamond_is_dominated_by_its_top_only() {
        // 0 -> 1 -> {2, 3} -> 4
        let g = graph(5, &[(0, 1), (1, 2), (1, 3), (2, 4), (3, 4)]);
        let idom = immediate_dominators(&g.0, &g.1, &[0]);
        assert_eq!(idom, vec![None, Some(0), Some(1), Some(1), Some(1)]);
    }

    #[test]
    fn two_roots_share_no_dominator_until_they_join() {
        // 0 -> 2, 1 -> 2, 2 -> 3; 4 unreachable
        let g = graph(5, &[(0, 2), (1, 2), (2, 3)]);
        let idom = immediate_dominators(&g.0, &g.1, &[0, 1]);
        assert_eq!(idom, vec![None, None, None, Some(2), None]);
    }

    #[test]
    fn cycles_do_not_confuse_it() {
        // 0 -> 1 -> 2 -> 1, 2 -> 3
        let g = graph(4, &[(0, 1), (1, 2), (2, 1), (2, 3)]);
        let idom = immediate_dominators(&g.0, &g.1, &[0]);
        assert_eq!(idom, vec![None, Some(0), Some(1), Some(2)]);
    }

    #[test]
    fn agrees_with_petgraph_on_random_graphs_with_and_without_cycles() {
        let mut next = crate::rules::test_random(0x2545_f491_4f6c_dd1du64);
        for case in 0..300 {
            let n = 2 + next(14) as u32;
            let acyclic = case % 2 == 0;
            let mut edges = Vec::new();
            for _ in 0..next(u64::from(n) * 3) {
                let (a, b) = (next(u64::from(n)) as u32, next(u64::from(n)) as u32);
                if a == b || (acyclic && a > b) {
                    continue;
                }
                edges.push((a, b));
            }
            let roots: Vec<u32> = (0..n).filter(|_| next(4) == 0).chain([0]).collect();
            let g = graph(n as usize, &edges);
            let ours = immediate_dominators(&g.0, &g.1, &roots);
            // petgraph, with the virtual root as node `n`.
            let mut pg = petgraph::graph::DiGraph::<(), ()>::new();
            for _ in 0..=n {
                pg.add_node(());
            }
            for &(a, b) in &edges {
                pg.add_edge(a.into(), b.into(), ());
            }
            for &r in &roots {
                pg.add_edge(n.into(), r.into(), ());
            }
            let theirs = petgraph::algo::dominators::simple_fast(&pg, n.into());
            for node in 0..n {
                let expected = theirs
                    .immediate_dominator(node.into())
                    .map(|d| d.index() as u32)
                    .filter(|&d| d != n);
                assert_eq!(
                    ours[node as usize], expected,
                    "case {case}, node {node}: {edges:?} from {roots:?}"
                );
            }
        }
    }

    #[test]
    fn edges_into_a_root_and_from_unreachable_nodes_change_nothing() {
        // 0 -> 1 -> 0, 1 -> 2; 3 -> 2 with 3 unreachable
        let g = graph(4, &[(0, 1), (1, 0), (1, 2), (3, 2)]);
        let idom = immediate_dominators(&g.0, &g.1, &[0]);
        assert_eq!(idom, vec![None, Some(0), Some(1), None]);
    }
}
