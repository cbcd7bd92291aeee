//! Copy, paste and duplicate: a `Fragment` is a set of components (with everything nested
//! in them) and the links among them; pasting gives every piece a fresh id and keeps the
//! links and containment inside the copied set.

use std::collections::{BTreeMap, BTreeSet};

use super::{Component, ComponentId, Diagram, Edit, Link, LinkId};

/// Copied components and the links between them.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Fragment {
    /// Components, parents before children.
    pub components: Vec<Component>,
    /// Links whose two ends are both in `components`.
    pub links: Vec<Link>,
}

impl Fragment {
    /// Nothing copied.
    pub fn is_empty(&self) -> bool {
        self.components.is_empty()
    }
}

impl Diagram {
    /// Copies `ids`, everything nested inside them and the links among them.
    pub fn copy_fragment(&self, ids: &[ComponentId]) -> Fragment {
        let members = self.with_descendants(ids);
        let set: BTreeSet<&ComponentId> = members.iter().collect();
        let mut components: Vec<Component> = members
            .iter()
            .filter_map(|id| self.component(id).cloned())
            .collect();
        // Parents before children, so pasting can add them in order.
        components.sort_by_key(|c| self.ancestors(&c.id).count());
        let links = self
            .links()
            .filter(|l| set.contains(&l.from) && set.contains(&l.to))
            .cloned()
            .collect();
        Fragment { components, links }
    }

    /// The edit that pastes `fragment` moved by (`dx`, `dy`), and the ids of the pasted
    /// top-level pieces (to select them). Pieces whose parent was not copied keep that
    /// parent if it still exists, else go to the top level.
    pub fn paste_edit(&self, fragment: &Fragment, dx: f32, dy: f32) -> (Edit, Vec<ComponentId>) {
        let mut renamed: BTreeMap<ComponentId, ComponentId> = BTreeMap::new();
        let mut taken: BTreeSet<String> = BTreeSet::new();
        for c in &fragment.components {
            let mut fresh = self.fresh_component_id(c.id.as_str());
            let mut n = 2;
            while taken.contains(fresh.as_str()) {
                fresh = self.fresh_component_id(&format!("{}-{n}", c.id));
                n += 1;
            }
            taken.insert(fresh.to_string());
            renamed.insert(c.id.clone(), fresh);
        }
        let mut edits = Vec::new();
        let mut roots = Vec::new();
        for c in &fragment.components {
            let mut copy = c.clone();
            copy.id = renamed[&c.id].clone();
            copy.rect.min = copy.rect.min.offset(dx, dy);
            copy.parent = match &c.parent {
                Some(p) if renamed.contains_key(p) => Some(renamed[p].clone()),
                Some(p) if self.component(p).is_some() => Some(p.clone()),
                _ => None,
            };
            if !c.parent.as_ref().is_some_and(|p| renamed.contains_key(p)) {
                roots.push(copy.id.clone());
            }
            copy.props.subnets = c
                .props
                .subnets
                .iter()
                .map(|s| renamed.get(s).cloned().unwrap_or_else(|| s.clone()))
                .filter(|s| renamed.values().any(|r| r == s) || self.component(s).is_some())
                .collect();
            edits.push(Edit::AddComponent(Box::new(copy)));
        }
        let mut link_ids: BTreeSet<LinkId> = BTreeSet::new();
        for link in &fragment.links {
            let mut copy = link.clone();
            copy.from = renamed[&link.from].clone();
            copy.to = renamed[&link.to].clone();
            let base = LinkId::derived(&copy.from, &copy.to);
            let mut id = self.fresh_link_id(base.as_str());
            let mut n = 2;
            while link_ids.contains(&id) {
                id = self.fresh_link_id(&format!("{base}-{n}"));
                n += 1;
            }
            link_ids.insert(id.clone());
            copy.id = id;
            edits.push(Edit::AddLink(Box::new(copy)));
        }
        (Edit::Batch(edits), roots)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::builder::DiagramBuilder;
    use crate::model::{Kind, LinkKind};

    fn id(text: &str) -> ComponentId {
        ComponentId::new(text).unwrap()
    }

    fn sample() -> Diagram {
        let mut b = DiagramBuilder::new();
        b.add("region", Kind::Region, None);
        b.add("vpc", Kind::Vpc, Some("region"));
        b.add("subnet", Kind::Subnet, Some("vpc"));
        b.add("web", Kind::Ec2, Some("subnet"));
        b.add("app", Kind::Ec2, Some("subnet"));
        b.add("db", Kind::Rds, Some("subnet"));
        b.link(LinkKind::Request, "web", "app");
        b.link(LinkKind::Request, "app", "db");
        b.build()
    }

    #[test]
    fn copy_takes_descendants_and_inner_links_only() {
        let d = sample();
        let f = d.copy_fragment(&[id("web"), id("app")]);
        assert_eq!(f.components.len(), 2);
        assert_eq!(f.links.len(), 1, "app -> db leaves the set");
        let f = d.copy_fragment(&[id("subnet")]);
        assert_eq!(f.components.len(), 4);
        assert_eq!(f.components[0].id, id("subnet"), "parents first");
        assert_eq!(f.links.len(), 2);
    }

    #[test]
    fn paste_gives_fresh_ids_and_keeps_structure() {
        let mut d = sample();
        let before = d.component_count();
        let f = d.copy_fragment(&[id("subnet")]);
        let (edit, roots) = d.paste_edit(&f, 20.0, 20.0);
        d.apply(edit).unwrap();
        assert_eq!(d.component_count(), before + 4);
        assert_eq!(d.link_count(), 4);
        assert_eq!(roots.len(), 1);
        let pasted = d.component(&roots[0]).unwrap();
        assert_eq!(pasted.parent, Some(id("vpc")), "outside parent kept");
        // The pasted instances sit in the pasted subnet and call each other.
        let inner: Vec<_> = d.children(&roots[0]).iter().map(|c| c.id.clone()).collect();
        assert_eq!(inner.len(), 3);
        assert!(
            d.links()
                .any(|l| inner.contains(&l.from) && inner.contains(&l.to))
        );
    }

    #[test]
    fn pasting_twice_never_collides() {
        let mut d = sample();
        let f = d.copy_fragment(&[id("web"), id("app")]);
        for _ in 0..3 {
            let (edit, _) = d.paste_edit(&f, 10.0, 10.0);
            d.apply(edit).unwrap();
        }
        assert_eq!(d.component_count(), 6 + 6);
        assert_eq!(d.link_count(), 2 + 3);
    }
}
