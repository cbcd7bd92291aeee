//! `OwnIds`: finds the graph index of a component id that is a field of the diagram
//! itself — a component's own id, its `parent`, a link's `from` or `to` — from the
//! field's address, without hashing. Rules ask about `&c.id` and `&link.to` constantly.

use petgraph::stable_graph::{EdgeIndex, NodeIndex};

use crate::model::{Component, ComponentId, Link};

/// Finds the graph index a component id refers to from the id's address, without hashing
/// its text, when the id is borrowed from the diagram itself: a component's own id, its
/// `parent`, or a link's `from` or `to`.
///
/// Rules constantly ask about `&c.id` or `&link.to`, and a string hash (with its cache
/// misses) per query was the largest single cost of a lint run. Node and edge weights each
/// sit in one vector, so the address of such a field is `base + index * stride`. Every
/// answer is confirmed with `ptr::eq` against the field at that index, so an id from
/// anywhere else (a clone, a `subnets` entry) falls back to [`Diagram::node_index`], which
/// finds ids sharing the component's text by address and others by hashing the text.
///
/// [`Diagram::node_index`]: crate::model::Diagram::node_index
#[derive(Clone, Copy, Debug, Default)]
pub(super) struct OwnIds {
    id: Slots,
    parent: Slots,
    from: Slots,
    to: Slots,
}

/// Addresses `base + index * stride` of one field across a weight vector.
#[derive(Clone, Copy, Debug, Default)]
struct Slots {
    base: usize,
    stride: usize,
}

impl Slots {
    /// From the field's address in two occupied slots `a < b`.
    fn new(a: (usize, usize), b: (usize, usize)) -> Self {
        let stride = b.1.wrapping_sub(a.1) / (b.0 - a.0);
        Self {
            base: a.1.wrapping_sub(a.0.wrapping_mul(stride)),
            stride,
        }
    }

    /// The slot whose field would be at `address`, unchecked.
    fn index(self, address: *const ComponentId) -> Option<usize> {
        if self.stride == 0 {
            return None;
        }
        let offset = (address as usize).wrapping_sub(self.base);
        offset
            .is_multiple_of(self.stride)
            .then_some(offset / self.stride)
    }
}

type Graph = petgraph::stable_graph::StableDiGraph<Component, Link>;

impl OwnIds {
    pub(super) fn new(graph: &Graph) -> Self {
        let address = |id: &ComponentId| std::ptr::from_ref(id) as usize;
        let mut own = Self::default();
        let mut nodes = graph.node_indices();
        if let (Some(a), Some(b)) = (nodes.next(), nodes.next()) {
            let at = |ix: NodeIndex| (ix.index(), address(&graph[ix].id));
            own.id = Slots::new(at(a), at(b));
            if let Some(child) = graph
                .node_indices()
                .find_map(|ix| graph[ix].parent.as_ref().map(|p| (ix, p)))
            {
                let delta = address(child.1).wrapping_sub(address(&graph[child.0].id));
                own.parent = Slots {
                    base: own.id.base.wrapping_add(delta),
                    stride: own.id.stride,
                };
            }
        }
        let mut edges = graph.edge_indices();
        if let (Some(a), Some(b)) = (edges.next(), edges.next()) {
            let from = |e: EdgeIndex| (e.index(), address(&graph[e].from));
            let to = |e: EdgeIndex| (e.index(), address(&graph[e].to));
            own.from = Slots::new(from(a), from(b));
            own.to = Slots::new(to(a), to(b));
        }
        own
    }

    pub(super) fn find(
        &self,
        graph: &Graph,
        parent: &[Option<NodeIndex>],
        id: &ComponentId,
    ) -> Option<NodeIndex> {
        let at = std::ptr::from_ref(id);
        if let Some(ix) = self.id.index(at).map(NodeIndex::new)
            && graph
                .node_weight(ix)
                .is_some_and(|c| std::ptr::eq(&c.id, at))
        {
            return Some(ix);
        }
        let end = |slots: Slots, field: fn(&Link) -> &ComponentId| {
            let e = EdgeIndex::new(slots.index(at)?);
            let link = graph.edge_weight(e)?;
            std::ptr::eq(field(link), at).then(|| graph.edge_endpoints(e))?
        };
        if let Some((from, _)) = end(self.from, |l| &l.from) {
            return Some(from);
        }
        if let Some((_, to)) = end(self.to, |l| &l.to) {
            return Some(to);
        }
        let child = NodeIndex::new(self.parent.index(at)?);
        graph
            .node_weight(child)
            .and_then(|c| c.parent.as_ref())
            .filter(|p| std::ptr::eq(*p, at))
            .and_then(|_| parent.get(child.index()).copied().flatten())
    }
}
