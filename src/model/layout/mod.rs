//! Automatic layout ("Tidy layout", and the layout of imported diagrams): new rectangles
//! for every component so the diagram reads left to right by request flow.
//!
//! Bottom-up over the containment tree: each box's children are placed, then the box is
//! sized around them with padding and room for its label header. Within a box children
//! stand in columns by their rank along the request flow (entry points left, data stores
//! right; module `rank`), ordered in each column by barycenter sweeps to avoid crossings
//! (module `order`); boxes holding Availability Zones draw them as bands sharing one set of
//! columns, so a tier lines up across zones (module `pack`).
//!
//! Pure and deterministic (same diagram, same rectangles), near-linear in the number of
//! components and links. Model layer: no egui, nothing from `rules`.

mod clear;
mod crossings;
mod order;
mod pack;
mod rank;
mod tree;

use std::collections::BTreeMap;

pub use crossings::{crossings, links_through_components};

use super::{ComponentId, Diagram, Edit, Rect};

/// What the Edit menu calls the change.
pub const LABEL: &str = "Tidy layout";

/// Barycenter passes [`tidy`] makes.
pub const DEFAULT_PASSES: usize = 4;

/// How to lay out; [`tidy`] uses the default.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Options {
    /// Forward-and-backward barycenter sweeps ordering each column; 0 keeps id order.
    pub passes: usize,
    /// Move link ends up or down so fewer straight links run through components.
    pub clear_links: bool,
}

impl Default for Options {
    fn default() -> Self {
        Self {
            passes: DEFAULT_PASSES,
            clear_links: true,
        }
    }
}

/// A rectangle for every component of the diagram it was computed from.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Layout {
    rects: BTreeMap<ComponentId, Rect>,
}

/// New rectangles for every component so the diagram reads left to right by request flow.
pub fn tidy(diagram: &Diagram) -> Layout {
    tidy_with(diagram, Options::default())
}

/// [`tidy`] with explicit options (tests compare against the unordered layout).
pub fn tidy_with(diagram: &Diagram, options: Options) -> Layout {
    let tree = tree::Tree::build(diagram);
    let ranks = rank::flow_ranks(&tree);
    let keys = rank::keys(&tree, &ranks);
    let mut rects = pack::place(&tree, &keys, options.passes);
    if options.clear_links {
        clear::clear_links(&tree, &mut rects);
    }
    Layout {
        rects: tree
            .nodes
            .iter()
            .zip(rects)
            .map(|(node, rect)| (node.component.id.clone(), rect))
            .collect(),
    }
}

impl Layout {
    /// The new rectangle of a component.
    pub fn rect(&self, id: &ComponentId) -> Option<Rect> {
        self.rects.get(id).copied()
    }

    /// Every component and its new rectangle, in id order.
    pub fn iter(&self) -> impl Iterator<Item = (&ComponentId, Rect)> + '_ {
        self.rects.iter().map(|(id, r)| (id, *r))
    }

    /// Number of components laid out.
    pub fn len(&self) -> usize {
        self.rects.len()
    }

    /// Nothing laid out (an empty diagram).
    pub fn is_empty(&self) -> bool {
        self.rects.is_empty()
    }

    /// Set every rectangle (used by import, which has no history).
    pub fn apply(&self, diagram: &mut Diagram) {
        // Only components of `diagram` with finite, positive rectangles are in the edit,
        // so it cannot be refused; were it, the batch changes nothing.
        diagram.apply(self.to_edit(diagram)).ok();
    }

    /// The same change as one undoable edit: a batch resizing every component whose
    /// rectangle changes (apply it through `History` with [`LABEL`]).
    pub fn to_edit(&self, diagram: &Diagram) -> Edit {
        Edit::Batch(
            self.rects
                .iter()
                .filter(|(id, rect)| diagram.component(id).is_some_and(|c| c.rect != **rect))
                .map(|(id, rect)| Edit::Resize(id.clone(), *rect))
                .collect(),
        )
    }

    /// Whether applying it would change nothing.
    pub fn is_applied(&self, diagram: &Diagram) -> bool {
        matches!(self.to_edit(diagram), Edit::Batch(edits) if edits.is_empty())
    }
}
