//! What is selected (view state, never in undo history or the file), and the align and
//! distribute edits that act on it.

use std::collections::BTreeSet;

use super::command::Command;
use crate::model::{ComponentId, Diagram, Edit, LinkId, Point};

/// Selected components and links.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Selection {
    /// Selected components.
    pub components: BTreeSet<ComponentId>,
    /// Selected links.
    pub links: BTreeSet<LinkId>,
}

impl Selection {
    /// Exactly these.
    pub fn of(components: Vec<ComponentId>, links: Vec<LinkId>) -> Self {
        Self {
            components: components.into_iter().collect(),
            links: links.into_iter().collect(),
        }
    }

    /// Everything in `diagram`.
    pub fn all(diagram: &Diagram) -> Self {
        Self {
            components: diagram.components().map(|c| c.id.clone()).collect(),
            links: diagram.links().map(|l| l.id.clone()).collect(),
        }
    }

    /// Nothing selected.
    pub fn is_empty(&self) -> bool {
        self.components.is_empty() && self.links.is_empty()
    }

    /// Selects nothing.
    pub fn clear(&mut self) {
        self.components.clear();
        self.links.clear();
    }

    /// Adds or removes a component (shift-click).
    pub fn toggle_component(&mut self, id: &ComponentId) {
        if !self.components.remove(id) {
            self.components.insert(id.clone());
        }
    }

    /// Adds or removes a link (shift-click).
    pub fn toggle_link(&mut self, id: &LinkId) {
        if !self.links.remove(id) {
            self.links.insert(id.clone());
        }
    }

    /// Selected component ids, sorted.
    pub fn component_ids(&self) -> Vec<ComponentId> {
        self.components.iter().cloned().collect()
    }

    /// Selected link ids, sorted.
    pub fn link_ids(&self) -> Vec<LinkId> {
        self.links.iter().cloned().collect()
    }

    /// The one selected component, if exactly one component and no link is selected.
    pub fn single_component(&self) -> Option<ComponentId> {
        match (self.components.len(), self.links.len()) {
            (1, 0) => self.components.iter().next().cloned(),
            _ => None,
        }
    }

    /// The one selected link, if exactly one link and no component is selected.
    pub fn single_link(&self) -> Option<LinkId> {
        match (self.components.len(), self.links.len()) {
            (0, 1) => self.links.iter().next().cloned(),
            _ => None,
        }
    }

    /// Selected components that are not inside another selected component (moving those
    /// moves the rest with them).
    pub fn movable_roots(&self, diagram: &Diagram) -> Vec<ComponentId> {
        self.components
            .iter()
            .filter(|id| {
                !diagram
                    .ancestors(id)
                    .any(|a| self.components.contains(&a.id))
            })
            .cloned()
            .collect()
    }

    /// Drops ids that no longer exist (after undo or delete).
    pub fn prune(&mut self, diagram: &Diagram) {
        self.components.retain(|id| diagram.component(id).is_some());
        self.links.retain(|id| diagram.link(id).is_some());
    }

    /// "3 components and 1 link", for history labels.
    pub fn describe(&self) -> String {
        let count = |n: usize, what: &str| match n {
            0 => None,
            1 => Some(format!("1 {what}")),
            n => Some(format!("{n} {what}s")),
        };
        let parts: Vec<String> = [
            count(self.components.len(), "component"),
            count(self.links.len(), "link"),
        ]
        .into_iter()
        .flatten()
        .collect();
        parts.join(" and ")
    }
}

/// The edit that aligns or distributes the selected components (at least two, three for
/// distributing), or `None` when there is nothing to do.
pub fn arrange(diagram: &Diagram, selection: &Selection, command: Command) -> Option<Edit> {
    let roots = selection.movable_roots(diagram);
    let mut items: Vec<(ComponentId, crate::model::Rect)> = roots
        .iter()
        .filter_map(|id| diagram.component(id).map(|c| (id.clone(), c.rect)))
        .collect();
    let needed = match command {
        Command::DistributeHorizontally | Command::DistributeVertically => 3,
        _ => 2,
    };
    if items.len() < needed {
        return None;
    }
    let target: Vec<(ComponentId, Point)> = match command {
        Command::AlignLeft => {
            let x = items
                .iter()
                .map(|(_, r)| r.min.x)
                .fold(f32::INFINITY, f32::min);
            items
                .iter()
                .map(|(id, r)| (id.clone(), Point::new(x, r.min.y)))
                .collect()
        }
        Command::AlignTop => {
            let y = items
                .iter()
                .map(|(_, r)| r.min.y)
                .fold(f32::INFINITY, f32::min);
            items
                .iter()
                .map(|(id, r)| (id.clone(), Point::new(r.min.x, y)))
                .collect()
        }
        Command::AlignCenterHorizontally => {
            let cx = items[0].1.center().x;
            items
                .iter()
                .map(|(id, r)| (id.clone(), Point::new(cx - r.size.w / 2.0, r.min.y)))
                .collect()
        }
        Command::AlignCenterVertically => {
            let cy = items[0].1.center().y;
            items
                .iter()
                .map(|(id, r)| (id.clone(), Point::new(r.min.x, cy - r.size.h / 2.0)))
                .collect()
        }
        Command::DistributeHorizontally | Command::DistributeVertically => {
            let horizontal = command == Command::DistributeHorizontally;
            let key = |r: &crate::model::Rect| {
                if horizontal {
                    r.center().x
                } else {
                    r.center().y
                }
            };
            items.sort_by(|a, b| key(&a.1).total_cmp(&key(&b.1)));
            let (first, last) = (key(&items[0].1), key(&items[items.len() - 1].1));
            let step = (last - first) / (items.len() - 1) as f32;
            items
                .iter()
                .enumerate()
                .map(|(i, (id, r))| {
                    let centre = first + step * i as f32;
                    let p = if horizontal {
                        Point::new(centre - r.size.w / 2.0, r.min.y)
                    } else {
                        Point::new(r.min.x, centre - r.size.h / 2.0)
                    };
                    (id.clone(), p)
                })
                .collect()
        }
        _ => return None,
    };
    let mut edits = Vec::new();
    for (id, to) in target {
        let from = diagram.component(&id)?.rect.min;
        if from != to {
            edits.push(diagram.move_edit(&[id], to.x - from.x, to.y - from.y));
        }
    }
    (!edits.is_empty()).then_some(Edit::Batch(edits))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::builder::DiagramBuilder;
    use crate::model::{Kind, Rect, Size};

    fn three_in_a_row() -> Diagram {
        let mut b = DiagramBuilder::new();
        for (i, (id, x, y)) in [("a", 0.0, 10.0), ("b", 100.0, 50.0), ("c", 400.0, 0.0)]
            .into_iter()
            .enumerate()
        {
            let c = b.add(id, Kind::Users, None);
            c.rect = Rect::new(Point::new(x, y), Size::new(40.0 + 10.0 * i as f32, 40.0));
        }
        b.build()
    }

    fn all(d: &Diagram) -> Selection {
        Selection::of(d.components().map(|c| c.id.clone()).collect(), Vec::new())
    }

    #[test]
    fn align_left_lines_up_left_edges() {
        let mut d = three_in_a_row();
        let edit = arrange(&d, &all(&d), Command::AlignLeft).unwrap();
        d.apply(edit).unwrap();
        assert!(d.components().all(|c| c.rect.min.x == 0.0));
        // Nothing left to do: no edit.
        assert!(arrange(&d, &all(&d), Command::AlignLeft).is_none());
    }

    #[test]
    fn distribute_spaces_centres_evenly() {
        let mut d = three_in_a_row();
        let edit = arrange(&d, &all(&d), Command::DistributeHorizontally).unwrap();
        d.apply(edit).unwrap();
        let mut centres: Vec<f32> = d.components().map(|c| c.rect.center().x).collect();
        centres.sort_by(f32::total_cmp);
        assert!((centres[1] - centres[0] - (centres[2] - centres[1])).abs() < 1e-3);
        // Two components cannot be distributed.
        let two = Selection::of(
            d.components().take(2).map(|c| c.id.clone()).collect(),
            Vec::new(),
        );
        assert!(arrange(&d, &two, Command::DistributeHorizontally).is_none());
    }
}
