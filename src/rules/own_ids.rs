//! `OwnIds`: finds the graph index of a component id that is a field of the diagram
//! itself — a component's own id, its `parent`, a link's `from` or `to` — from the
//! field's address, without hashing. Rules ask about `&c.id` and `&link.to` constantly.

use petgraph::stable_graph::{EdgeIndex, NodeIndex};
use petgraph::visit::{EdgeIndexable as _, NodeIndexable as _};

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
///
/// Finding the index of an address is an exact division by the stride, done without a
/// divide instruction (tens of cycles, and a link end's lookup tried up to four): with
/// `stride = odd << shift`, an offset is a multiple of the stride exactly when
/// `offset * odd⁻¹` (mod 2⁶⁴) rotated right by `shift` bits is at most
/// `usize::MAX / stride`, and then that value is the quotient (Granlund and Montgomery's
/// divisibility test). Any other offset maps above that bound, so one comparison with the
/// slot count rejects both misaligned and out-of-range addresses.
#[derive(Clone, Copy, Debug, Default)]
struct Slots {
    base: usize,
    shift: u32,
    /// Inverse of the stride's odd part modulo 2⁶⁴.
    inverse: usize,
    /// Number of slots; 0 when unknown, so that nothing matches.
    len: usize,
}

impl Slots {
    /// From the field's address in two occupied slots `a < b`, of `len` slots in all.
    fn new(a: (usize, usize), b: (usize, usize), len: usize) -> Self {
        let stride = b.1.wrapping_sub(a.1) / (b.0 - a.0);
        Self::with_stride(a.1.wrapping_sub(a.0.wrapping_mul(stride)), stride, len)
    }

    fn with_stride(base: usize, stride: usize, len: usize) -> Self {
        if stride == 0 {
            return Self::default();
        }
        let shift = stride.trailing_zeros();
        let odd = stride >> shift;
        // Newton's iteration doubles the correct low bits: 3 (an odd number is its own
        // inverse mod 8), 6, 12, 24, 48, 96.
        let mut inverse = odd;
        for _ in 0..5 {
            inverse = inverse.wrapping_mul(2usize.wrapping_sub(odd.wrapping_mul(inverse)));
        }
        debug_assert_eq!(odd.wrapping_mul(inverse), 1);
        Self {
            base,
            shift,
            inverse,
            // The test in `index` is exact only for bounds up to `usize::MAX / stride`.
            len: len.min(usize::MAX / stride),
        }
    }

    /// The slot whose field would be at `address`, unchecked.
    fn index(self, address: *const ComponentId) -> Option<usize> {
        let offset = (address as usize).wrapping_sub(self.base);
        let quotient = offset.wrapping_mul(self.inverse).rotate_right(self.shift);
        (quotient < self.len).then_some(quotient)
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
            own.id = Slots::new(at(a), at(b), graph.node_bound());
            if let Some(child) = graph
                .node_indices()
                .find_map(|ix| graph[ix].parent.as_ref().map(|p| (ix, p)))
            {
                let delta = address(child.1).wrapping_sub(address(&graph[child.0].id));
                own.parent = Slots {
                    base: own.id.base.wrapping_add(delta),
                    ..own.id
                };
            }
        }
        let mut edges = graph.edge_indices();
        if let (Some(a), Some(b)) = (edges.next(), edges.next()) {
            let from = |e: EdgeIndex| (e.index(), address(&graph[e].from));
            let to = |e: EdgeIndex| (e.index(), address(&graph[e].to));
            own.from = Slots::new(from(a), from(b), graph.edge_bound());
            own.to = Slots::new(to(a), to(b), graph.edge_bound());
        }
        own
    }

    /// The component whose own `id` field `id` is, if it is one: the common question,
    /// answered in a few instructions where it is asked.
    #[inline]
    pub(super) fn own(&self, graph: &Graph, id: &ComponentId) -> Option<NodeIndex> {
        let at = std::ptr::from_ref(id);
        let ix = NodeIndex::new(self.id.index(at)?);
        graph
            .node_weight(ix)
            .is_some_and(|c| std::ptr::eq(&c.id, at))
            .then_some(ix)
    }

    /// The component `id` names, when `id` is a component's own id, its `parent` field,
    /// or a link's `from` or `to`.
    pub(super) fn find(
        &self,
        graph: &Graph,
        parent: &[Option<NodeIndex>],
        id: &ComponentId,
    ) -> Option<NodeIndex> {
        if let Some(ix) = self.own(graph, id) {
            return Some(ix);
        }
        let at = std::ptr::from_ref(id);
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slot_index_is_exact_division_within_bounds() {
        for stride in [1usize, 8, 24, 264, 296, 300, 4096 + 8] {
            let base = 0x7f00_0000_1000usize;
            let slots = Slots::with_stride(base, stride, 50);
            for address in base - 3 * stride..base + 52 * stride {
                let offset = address.wrapping_sub(base);
                let expected = (address >= base && offset % stride == 0 && offset / stride < 50)
                    .then_some(offset / stride);
                assert_eq!(
                    slots.index(address as *const ComponentId),
                    expected,
                    "stride {stride}, address {address:#x}"
                );
            }
        }
    }

    #[test]
    fn no_slots_match_nothing() {
        let slots = Slots::default();
        assert_eq!(slots.index(std::ptr::null()), None);
        assert_eq!(slots.index(std::ptr::dangling::<ComponentId>()), None);
    }
}
