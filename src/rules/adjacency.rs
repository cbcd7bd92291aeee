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
        let mut start = vec![0u32; nodes + 1];
        for &(n, _) in pairs {
            start[n + 1] += 1;
        }
        for i in 0..nodes {
            start[i + 1] += start[i];
        }
        let Some(&(_, filler)) = pairs.first() else {
            return Self {
                start,
                items: Vec::new(),
            };
        };
        // Every slot is written below; `filler` only saves wrapping each item in `Option`.
        let mut items = vec![filler; pairs.len()];
        let mut fill = start.clone();
        for &(n, item) in pairs {
            items[fill[n] as usize] = item;
            fill[n] += 1;
        }
        Self { start, items }
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

/// Immediate dominators of every node reachable from `roots` in the graph `succ`, seen from
/// a virtual root above `roots`: `Some(d)` when every path from the roots passes through
/// `d` first, `None` for roots, nodes dominated only by the virtual root, and unreachable
/// nodes. Cooper, Harvey and Kennedy, "A Simple, Fast Dominance Algorithm" (2001).
pub fn immediate_dominators(succ: &Adjacency<u32>, roots: &[u32]) -> Vec<Option<u32>> {
    let n = succ.nodes();
    let virtual_root = n as u32;
    // Reverse postorder by an iterative depth-first search from the virtual root.
    let mut order = vec![u32::MAX; n + 1];
    let mut postorder: Vec<u32> = Vec::with_capacity(n + 1);
    let mut seen = vec![false; n + 1];
    let mut stack: Vec<(u32, usize)> = vec![(virtual_root, 0)];
    seen[n] = true;
    while let Some(&mut (node, ref mut next)) = stack.last_mut() {
        let children = if node == virtual_root {
            roots
        } else {
            succ.of(node as usize)
        };
        if let Some(&child) = children.get(*next) {
            *next += 1;
            if !seen[child as usize] {
                seen[child as usize] = true;
                stack.push((child, 0));
            }
        } else {
            order[node as usize] = postorder.len() as u32;
            postorder.push(node);
            stack.pop();
        }
    }
    let mut preds: Vec<(usize, u32)> = Vec::new();
    for &r in roots {
        preds.push((r as usize, virtual_root));
    }
    for (from, _) in seen.iter().enumerate().take(n).filter(|(_, s)| **s) {
        for &to in succ.of(from) {
            preds.push((to as usize, from as u32));
        }
    }
    let preds = Adjacency::build(n + 1, &preds);
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
    let mut changed = true;
    while changed {
        changed = false;
        for &node in postorder.iter().rev().skip(1) {
            let mut new = u32::MAX;
            for &p in preds.of(node as usize) {
                if idom[p as usize] == u32::MAX {
                    continue;
                }
                new = if new == u32::MAX {
                    p
                } else {
                    intersect(&idom, p, new)
                };
            }
            if new != u32::MAX && idom[node as usize] != new {
                idom[node as usize] = new;
                changed = true;
            }
        }
    }
    idom.truncate(n);
    idom.into_iter()
        .map(|d| (d != u32::MAX && d != virtual_root).then_some(d))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn graph(n: usize, edges: &[(u32, u32)]) -> Adjacency<u32> {
        let pairs: Vec<(usize, u32)> = edges.iter().map(|&(a, b)| (a as usize, b)).collect();
        Adjacency::build(n, &pairs)
    }

    #[test]
    fn lists_keep_their_order_per_node() {
        let adj = Adjacency::build(3, &[(2, 'a'), (0, 'b'), (2, 'c')]);
        assert_eq!(adj.of(0), &['b']);
        assert_eq!(adj.of(1), &[] as &[char]);
        assert_eq!(adj.of(2), &['a', 'c']);
        assert_eq!(adj.of(7), &[] as &[char]);
    }

    #[test]
    fn diamond_is_dominated_by_its_top_only() {
        // 0 -> 1 -> {2, 3} -> 4
        let g = graph(5, &[(0, 1), (1, 2), (1, 3), (2, 4), (3, 4)]);
        let idom = immediate_dominators(&g, &[0]);
        assert_eq!(idom, vec![None, Some(0), Some(1), Some(1), Some(1)]);
    }

    #[test]
    fn two_roots_share_no_dominator_until_they_join() {
        // 0 -> 2, 1 -> 2, 2 -> 3; 4 unreachable
        let g = graph(5, &[(0, 2), (1, 2), (2, 3)]);
        let idom = immediate_dominators(&g, &[0, 1]);
        assert_eq!(idom, vec![None, None, None, Some(2), None]);
    }

    #[test]
    fn cycles_do_not_confuse_it() {
        // 0 -> 1 -> 2 -> 1, 2 -> 3
        let g = graph(4, &[(0, 1), (1, 2), (2, 1), (2, 3)]);
        let idom = immediate_dominators(&g, &[0]);
        assert_eq!(idom, vec![None, Some(0), Some(1), Some(2)]);
    }
}
