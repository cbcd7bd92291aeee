//! The diagram: components and links on a `StableDiGraph`, the containment tree, document
//! info and a revision counter. All mutation goes through [`Diagram::apply`] in `edit.rs`;
//! the methods here keep the hard invariants of `validate.rs` true at every step.

use std::collections::{BTreeMap, HashSet};

use rustc_hash::{FxHashMap, FxHashSet};

use petgraph::stable_graph::{EdgeIndex, NodeIndex, StableDiGraph};

use super::component::{Component, ComponentProps};
use super::geometry::Rect;
use super::ids::{ComponentId, LinkId};
use super::link::{Link, LinkKind, LinkProps};
use super::lint_settings::LintSettings;
use super::objectives::Objectives;
use super::sort::sorted_moving_once;
use super::validate::{self, MAX_DEPTH, ValidationError};

/// Title, description, objectives and lint settings: the diagram-level properties.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct DocumentInfo {
    /// Title.
    pub title: String,
    /// What the design is for.
    pub description: String,
    /// RPO, RTO, tier, availability target.
    pub objectives: Objectives,
    /// Rule selection and severity overrides.
    pub lint: LintSettings,
}

/// Why an edit was refused. The diagram is unchanged when this is returned.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
pub enum EditError {
    /// The edit would break a hard invariant.
    #[error(transparent)]
    Invalid(#[from] ValidationError),

    /// No component has this id.
    #[error("there is no component `{0}`")]
    UnknownComponent(ComponentId),

    /// No link has this id.
    #[error("there is no link `{0}`")]
    UnknownLink(LinkId),

    /// A component to remove still contains others.
    #[error("`{component}` still contains {count} component(s); remove or move them first")]
    HasChildren {
        /// The container.
        component: ComponentId,
        /// How many children.
        count: usize,
    },

    /// A component to remove still has links.
    #[error("`{component}` still has {count} link(s); remove them first")]
    HasLinks {
        /// The component.
        component: ComponentId,
        /// How many links.
        count: usize,
    },

    /// A subnet to remove is still listed by a spanning service.
    #[error("subnet `{component}` is still used by `{by}`")]
    StillUsed {
        /// The subnet.
        component: ComponentId,
        /// Who lists it.
        by: ComponentId,
    },
}

/// A diagram of components and links.
#[derive(Clone, Debug, Default)]
pub struct Diagram {
    /// Diagram-level properties.
    pub info: DocumentInfo,
    /// Comment lines at the top of the file, kept verbatim so saving never drops them.
    pub header_comment: String,
    graph: StableDiGraph<Component, Link>,
    nodes: BTreeMap<ComponentId, NodeIndex>,
    links: BTreeMap<LinkId, EdgeIndex>,
    /// Same as `nodes`, for fast lookups (the linter makes many per run).
    node_lookup: FxHashMap<ComponentId, NodeIndex>,
    /// Same again, keyed by the address of each id's shared text. References inside the
    /// diagram (parents, subnet lists, link ends) share their target's text, and so do
    /// the ids rules copy into findings, so most lookups never hash or read the text.
    /// Only ids owned by `node_lookup` are keys, and those stay alive while they are
    /// keys, so no other live id can have the same address.
    node_by_address: FxHashMap<usize, NodeIndex>,
    revision: u64,
}

impl PartialEq for Diagram {
    /// Same content; the revision counter and graph indices are ignored.
    fn eq(&self, other: &Self) -> bool {
        self.info == other.info
            && self.header_comment == other.header_comment
            && self.nodes.len() == other.nodes.len()
            && self.links.len() == other.links.len()
            && self
                .components()
                .zip(other.components())
                .all(|(a, b)| a == b)
            && self.links().zip(other.links()).all(|(a, b)| a == b)
    }
}

impl Diagram {
    /// An empty diagram.
    pub fn new() -> Self {
        Self::default()
    }

    /// Builds a diagram from parts, checking every hard invariant.
    pub fn from_parts(
        info: DocumentInfo,
        components: Vec<Component>,
        links: Vec<Link>,
    ) -> Result<Self, ValidationError> {
        validate::check_objectives(&info.objectives)?;
        // Graph order is id order, whatever order the parts come in (files list parents
        // before children): passes over all components in id order, which the linter makes
        // dozens of per run, then read memory front to back, and equal diagrams get equal
        // graphs.
        let components = sorted_moving_once(components, |a, b| a.id.cmp(&b.id));
        let links = sorted_moving_once(links, |a, b| a.id.cmp(&b.id));
        let mut diagram = Diagram {
            info,
            ..Diagram::default()
        };
        // The ordered maps are built in bulk from sorted lists (files are written in id
        // order, so the sorts are a single pass); duplicates are caught by the hash map.
        diagram.node_lookup.reserve(components.len());
        let mut ordered = Vec::with_capacity(components.len());
        for component in components {
            if diagram.node_lookup.contains_key(&component.id) {
                return Err(ValidationError::DuplicateComponent(component.id));
            }
            validate::check_geometry(&component.id, &component.rect)?;
            let id = component.id.clone();
            let index = diagram.graph.add_node(component);
            diagram.node_by_address.insert(id.text_address(), index);
            diagram.node_lookup.insert(id.clone(), index);
            ordered.push((id, index));
        }
        ordered.sort_unstable_by(|a, b| a.0.cmp(&b.0));
        diagram.nodes = ordered.into_iter().collect();
        for component in diagram.graph.node_weights_mut() {
            share_component_refs(&diagram.node_lookup, component);
        }
        for component in diagram.components() {
            if let Some(parent) = &component.parent
                && !diagram.nodes.contains_key(parent)
            {
                return Err(ValidationError::UnknownParent {
                    component: component.id.clone(),
                    parent: parent.clone(),
                    hint: validate::did_you_mean(parent, diagram.nodes.keys()),
                });
            }
        }
        for component in diagram.components() {
            diagram.check_ancestry(&component.id)?;
        }
        for component in diagram.components() {
            let parent = component.parent.as_ref().and_then(|p| diagram.component(p));
            validate::check_placement(component, parent, &diagram)?;
            validate::check_props(&diagram, &component.id, component.kind, &component.props)?;
        }
        let mut ordered = Vec::with_capacity(links.len());
        let mut seen = FxHashSet::default();
        seen.reserve(links.len());
        for link in links {
            if !seen.insert(link.id.clone()) {
                return Err(ValidationError::DuplicateLink(link.id));
            }
            validate::check_link(&diagram, &link)?;
            let (Some(from), Some(to)) =
                (diagram.node_index(&link.from), diagram.node_index(&link.to))
            else {
                return Err(ValidationError::DanglingLink {
                    link: link.id.clone(),
                    end: "from",
                    missing: link.from,
                    hint: String::new(),
                });
            };
            let id = link.id.clone();
            let mut link = link;
            // Share the ends' text with the components (see `node_by_address`).
            link.from = diagram.graph[from].id.clone();
            link.to = diagram.graph[to].id.clone();
            ordered.push((id, diagram.graph.add_edge(from, to, link)));
        }
        ordered.sort_unstable_by(|a, b| a.0.cmp(&b.0));
        diagram.links = ordered.into_iter().collect();
        Ok(diagram)
    }

    /// Walks up from `id`, failing on a cycle or excessive depth.
    fn check_ancestry(&self, id: &ComponentId) -> Result<(), ValidationError> {
        let mut seen: Vec<&ComponentId> = vec![id];
        let mut current = id;
        while let Some(parent) = self.component(current).and_then(|c| c.parent.as_ref()) {
            if let Some(start) = seen.iter().position(|s| *s == parent) {
                let mut cycle: Vec<ComponentId> =
                    seen[start..].iter().map(|s| (*s).clone()).collect();
                cycle.push(parent.clone());
                return Err(ValidationError::ContainmentCycle { cycle });
            }
            seen.push(parent);
            if seen.len() > MAX_DEPTH {
                return Err(ValidationError::TooDeep {
                    component: id.clone(),
                });
            }
            current = parent;
        }
        Ok(())
    }

    /// Bumped by every successful edit; the linter and caches key on it.
    pub fn revision(&self) -> u64 {
        self.revision
    }

    pub(crate) fn bump_revision(&mut self) {
        self.revision += 1;
    }

    pub(crate) fn set_revision(&mut self, revision: u64) {
        self.revision = revision;
    }

    /// Number of components.
    pub fn component_count(&self) -> usize {
        self.nodes.len()
    }

    /// Number of links.
    pub fn link_count(&self) -> usize {
        self.links.len()
    }

    /// No components at all.
    pub fn is_empty(&self) -> bool {
        self.nodes.is_empty()
    }

    /// The component with this id.
    pub fn component(&self, id: &ComponentId) -> Option<&Component> {
        self.node_index(id)
            .and_then(|ix| self.graph.node_weight(ix))
    }

    /// The component with this id, looked up by text.
    pub fn component_by_str(&self, id: &str) -> Option<&Component> {
        self.node_lookup
            .get(id)
            .and_then(|&ix| self.graph.node_weight(ix))
    }

    /// The link with this id.
    pub fn link(&self, id: &LinkId) -> Option<&Link> {
        self.links
            .get(id)
            .and_then(|&ix| self.graph.edge_weight(ix))
    }

    /// Components in id order.
    pub fn components(&self) -> impl Iterator<Item = &Component> + '_ {
        self.nodes
            .values()
            .filter_map(|&ix| self.graph.node_weight(ix))
    }

    /// Graph indices of the components, in id order.
    pub fn node_indices_in_id_order(&self) -> impl Iterator<Item = NodeIndex> + '_ {
        self.nodes.values().copied()
    }

    /// Links in id order.
    pub fn links(&self) -> impl Iterator<Item = &Link> + '_ {
        self.links
            .values()
            .filter_map(|&ix| self.graph.edge_weight(ix))
    }

    /// Graph indices of the links, in link id order.
    pub fn edge_indices_in_id_order(&self) -> impl Iterator<Item = EdgeIndex> + '_ {
        self.links.values().copied()
    }

    /// Links in id order with their graph index.
    pub fn links_indexed(&self) -> impl Iterator<Item = (EdgeIndex, &Link)> + '_ {
        self.links
            .values()
            .filter_map(|&ix| self.graph.edge_weight(ix).map(|l| (ix, l)))
    }

    /// The dependency graph, for algorithms. Containment is not in it.
    pub fn graph(&self) -> &StableDiGraph<Component, Link> {
        &self.graph
    }

    /// Graph index of a component.
    pub fn node_index(&self, id: &ComponentId) -> Option<NodeIndex> {
        self.node_by_address
            .get(&id.text_address())
            .or_else(|| self.node_lookup.get(id))
            .copied()
    }

    /// A link as the user knows it, by the names of its ends: "Web server to App server"
    /// (an end the diagram does not hold is named by its id).
    pub fn link_name(&self, link: &Link) -> String {
        let end = |id: &ComponentId| {
            self.component(id)
                .map_or_else(|| id.to_string(), |c| c.display_name().to_owned())
        };
        format!("{} to {}", end(&link.from), end(&link.to))
    }

    /// Graph index of a link.
    pub fn edge_index(&self, id: &LinkId) -> Option<EdgeIndex> {
        self.links.get(id).copied()
    }

    /// Parents of `id`, nearest first.
    pub fn ancestors<'a>(&'a self, id: &ComponentId) -> impl Iterator<Item = &'a Component> + 'a {
        let mut current = self.component(id).and_then(|c| c.parent.clone());
        let mut steps = 0;
        std::iter::from_fn(move || {
            steps += 1;
            if steps > MAX_DEPTH {
                return None;
            }
            let parent = self.component(current.as_ref()?)?;
            current = parent.parent.clone();
            Some(parent)
        })
    }

    /// Direct children of `id`, in id order.
    pub fn children(&self, id: &ComponentId) -> Vec<&Component> {
        self.components()
            .filter(|c| c.parent.as_ref() == Some(id))
            .collect()
    }

    /// `id` and everything nested inside it, parents before children.
    pub fn subtree(&self, id: &ComponentId) -> Vec<ComponentId> {
        let mut by_parent: BTreeMap<&ComponentId, Vec<&ComponentId>> = BTreeMap::new();
        for c in self.components() {
            if let Some(p) = &c.parent {
                by_parent.entry(p).or_default().push(&c.id);
            }
        }
        let mut out = vec![id.clone()];
        let mut i = 0;
        while i < out.len() {
            if let Some(kids) = by_parent.get(&out[i]) {
                out.extend(kids.iter().map(|k| (*k).clone()));
            }
            i += 1;
        }
        out
    }

    /// Ids of links that start or end at `id`, in id order.
    pub fn links_of(&self, id: &ComponentId) -> Vec<LinkId> {
        let Some(ix) = self.node_index(id) else {
            return Vec::new();
        };
        let mut ids: Vec<LinkId> = self
            .graph
            .edges_directed(ix, petgraph::Direction::Outgoing)
            .chain(self.graph.edges_directed(ix, petgraph::Direction::Incoming))
            .map(|e| e.weight().id.clone())
            .collect();
        ids.sort();
        ids.dedup();
        ids
    }

    /// Components listing `subnet` in their `subnets`.
    pub fn users_of_subnet(&self, subnet: &ComponentId) -> Vec<&Component> {
        self.components()
            .filter(|c| c.props.subnets.contains(subnet))
            .collect()
    }

    /// Bounding box of every component, if any.
    pub fn bounds(&self) -> Option<Rect> {
        self.components().map(|c| c.rect).reduce(|a, b| a.union(&b))
    }

    /// A component id not yet used, from `base` (`"ec2"` → `"ec2"`, `"ec2-2"`, …).
    pub fn fresh_component_id(&self, base: &str) -> ComponentId {
        self.fresh_id(base, |text| self.nodes.contains_key(text), ComponentId::new)
    }

    /// A link id not yet used, from `base`.
    pub fn fresh_link_id(&self, base: &str) -> LinkId {
        self.fresh_id(base, |text| self.links.contains_key(text), LinkId::new)
    }

    fn fresh_id<T>(
        &self,
        base: &str,
        taken: impl Fn(&str) -> bool,
        make: impl Fn(String) -> Result<T, super::ids::IdError>,
    ) -> T {
        let mut slug: String = base
            .chars()
            .map(|ch| {
                if ch.is_ascii_alphanumeric() || matches!(ch, '-' | '_' | '.' | '>') {
                    ch.to_ascii_lowercase()
                } else {
                    '-'
                }
            })
            .take(100)
            .collect();
        if !slug.starts_with(|c: char| c.is_ascii_alphanumeric()) {
            slug.insert(0, 'c');
        }
        super::ids::first_free(&slug, taken, make)
    }

    // ---- Mutations, used only by `edit.rs`. Each leaves the diagram unchanged on error. ----

    pub(crate) fn insert_component(&mut self, component: Component) -> Result<(), EditError> {
        if self.nodes.contains_key(&component.id) {
            return Err(ValidationError::DuplicateComponent(component.id).into());
        }
        validate::check_geometry(&component.id, &component.rect)?;
        let parent = match &component.parent {
            Some(p) => Some(
                self.component(p)
                    .ok_or_else(|| ValidationError::UnknownParent {
                        component: component.id.clone(),
                        parent: p.clone(),
                        hint: validate::did_you_mean(p, self.components().map(|c| &c.id)),
                    })?,
            ),
            None => None,
        };
        validate::check_placement(&component, parent, self)?;
        if parent.is_some_and(|p| self.ancestors(&p.id).count() + 2 > MAX_DEPTH) {
            return Err(ValidationError::TooDeep {
                component: component.id,
            }
            .into());
        }
        validate::check_props(self, &component.id, component.kind, &component.props)?;
        let mut component = component;
        share_component_refs(&self.node_lookup, &mut component);
        let id = component.id.clone();
        let ix = self.graph.add_node(component);
        self.node_by_address.insert(id.text_address(), ix);
        self.node_lookup.insert(id.clone(), ix);
        self.nodes.insert(id, ix);
        Ok(())
    }

    pub(crate) fn remove_component(&mut self, id: &ComponentId) -> Result<Component, EditError> {
        let ix = self
            .node_index(id)
            .ok_or_else(|| EditError::UnknownComponent(id.clone()))?;
        let children = self.children(id).len();
        if children > 0 {
            return Err(EditError::HasChildren {
                component: id.clone(),
                count: children,
            });
        }
        let links = self.links_of(id).len();
        if links > 0 {
            return Err(EditError::HasLinks {
                component: id.clone(),
                count: links,
            });
        }
        if let Some(user) = self.users_of_subnet(id).first() {
            return Err(EditError::StillUsed {
                component: id.clone(),
                by: user.id.clone(),
            });
        }
        self.nodes.remove(id);
        if let Some((own, _)) = self.node_lookup.remove_entry(id) {
            self.node_by_address.remove(&own.text_address());
        }
        self.graph
            .remove_node(ix)
            .ok_or_else(|| EditError::UnknownComponent(id.clone()))
    }

    fn component_mut(&mut self, id: &ComponentId) -> Result<&mut Component, EditError> {
        let ix = self
            .node_index(id)
            .ok_or_else(|| EditError::UnknownComponent(id.clone()))?;
        self.graph
            .node_weight_mut(ix)
            .ok_or_else(|| EditError::UnknownComponent(id.clone()))
    }

    pub(crate) fn set_rect(&mut self, id: &ComponentId, rect: Rect) -> Result<Rect, EditError> {
        validate::check_geometry(id, &rect)?;
        let component = self.component_mut(id)?;
        Ok(std::mem::replace(&mut component.rect, rect))
    }

    pub(crate) fn set_parent(
        &mut self,
        id: &ComponentId,
        parent: Option<ComponentId>,
    ) -> Result<Option<ComponentId>, EditError> {
        if let Some(p) = &parent {
            if self.component(p).is_none() {
                return Err(ValidationError::UnknownParent {
                    component: id.clone(),
                    parent: p.clone(),
                    hint: validate::did_you_mean(p, self.components().map(|c| &c.id)),
                }
                .into());
            }
            if p == id || self.ancestors(p).any(|a| a.id == *id) {
                let mut cycle = vec![id.clone(), p.clone()];
                cycle.extend(
                    self.ancestors(p)
                        .take_while(|a| a.id != *id)
                        .map(|a| a.id.clone()),
                );
                cycle.push(id.clone());
                return Err(ValidationError::ContainmentCycle { cycle }.into());
            }
        }
        let parent = parent.map(|p| shared(&self.node_lookup, p));
        let old = std::mem::replace(&mut self.component_mut(id)?.parent, parent);
        // The new place must suit the component and everything below it.
        let check = self.subtree(id).iter().try_for_each(|member| {
            let Some(component) = self.component(member) else {
                return Ok(());
            };
            let parent = component.parent.as_ref().and_then(|p| self.component(p));
            validate::check_placement(component, parent, self)?;
            self.check_ancestry(member)
        });
        if let Err(err) = check {
            self.component_mut(id)?.parent = old;
            return Err(err.into());
        }
        Ok(old)
    }

    pub(crate) fn set_props(
        &mut self,
        id: &ComponentId,
        props: ComponentProps,
    ) -> Result<ComponentProps, EditError> {
        let kind = self
            .component(id)
            .ok_or_else(|| EditError::UnknownComponent(id.clone()))?
            .kind;
        validate::check_props(self, id, kind, &props)?;
        let mut props = props;
        for subnet in &mut props.subnets {
            *subnet = shared(&self.node_lookup, subnet.clone());
        }
        Ok(std::mem::replace(&mut self.component_mut(id)?.props, props))
    }

    pub(crate) fn insert_link(&mut self, link: Link) -> Result<(), ValidationError> {
        if self.links.contains_key(&link.id) {
            return Err(ValidationError::DuplicateLink(link.id));
        }
        validate::check_link(self, &link)?;
        let (Some(from), Some(to)) = (self.node_index(&link.from), self.node_index(&link.to))
        else {
            return Err(ValidationError::DanglingLink {
                link: link.id.clone(),
                end: "from",
                missing: link.from,
                hint: String::new(),
            });
        };
        let id = link.id.clone();
        let mut link = link;
        share_link_ends(&self.node_lookup, &mut link);
        let ix = self.graph.add_edge(from, to, link);
        self.links.insert(id, ix);
        Ok(())
    }

    pub(crate) fn remove_link(&mut self, id: &LinkId) -> Result<Link, EditError> {
        let ix = self
            .links
            .remove(id)
            .ok_or_else(|| EditError::UnknownLink(id.clone()))?;
        self.graph
            .remove_edge(ix)
            .ok_or_else(|| EditError::UnknownLink(id.clone()))
    }

    pub(crate) fn reconnect(
        &mut self,
        id: &LinkId,
        kind: LinkKind,
        from: ComponentId,
        to: ComponentId,
    ) -> Result<(LinkKind, ComponentId, ComponentId), EditError> {
        let old = self
            .link(id)
            .ok_or_else(|| EditError::UnknownLink(id.clone()))?
            .clone();
        let updated = Link {
            kind,
            from,
            to,
            ..old.clone()
        };
        validate::check_link(self, &updated)?;
        self.remove_link(id)?;
        self.insert_link(updated)?;
        Ok((old.kind, old.from, old.to))
    }

    pub(crate) fn set_link_props(
        &mut self,
        id: &LinkId,
        props: LinkProps,
    ) -> Result<LinkProps, EditError> {
        validate::check_link_props(id.as_str(), &props)?;
        let ix = self
            .edge_index(id)
            .ok_or_else(|| EditError::UnknownLink(id.clone()))?;
        let link = self
            .graph
            .edge_weight_mut(ix)
            .ok_or_else(|| EditError::UnknownLink(id.clone()))?;
        Ok(std::mem::replace(&mut link.props, props))
    }

    /// Ids of components that are in `ids` or nested inside one of them, without repeats.
    pub fn with_descendants(&self, ids: &[ComponentId]) -> Vec<ComponentId> {
        let mut seen = HashSet::new();
        let mut out = Vec::new();
        for id in ids {
            for member in self.subtree(id) {
                if seen.insert(member.clone()) {
                    out.push(member);
                }
            }
        }
        // Parents before children even when a child was listed before its box.
        out.sort_by_cached_key(|id| self.ancestors(id).count());
        out
    }
}

/// `id`, sharing the text of the diagram's own id when it has one.
fn shared(lookup: &FxHashMap<ComponentId, NodeIndex>, id: ComponentId) -> ComponentId {
    match lookup.get_key_value(&id) {
        Some((own, _)) if !own.same_text(&id) => own.clone(),
        _ => id,
    }
}

/// Makes a component's parent and subnet references share their targets' ids.
fn share_component_refs(lookup: &FxHashMap<ComponentId, NodeIndex>, component: &mut Component) {
    if let Some(parent) = component.parent.take() {
        component.parent = Some(shared(lookup, parent));
    }
    for subnet in &mut component.props.subnets {
        *subnet = shared(lookup, subnet.clone());
    }
}

/// Makes a link's ends share their components' ids.
fn share_link_ends(lookup: &FxHashMap<ComponentId, NodeIndex>, link: &mut Link) {
    link.from = shared(lookup, link.from.clone());
    link.to = shared(lookup, link.to.clone());
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Component, Kind, Point};

    fn region(id: &str) -> Component {
        let id = ComponentId::new(id).expect("valid id");
        Component::new(id, Kind::Region, "Region", Point::new(0.0, 0.0))
    }

    #[test]
    fn graph_order_is_id_order_whatever_order_the_parts_come_in() {
        let parts = vec![region("c"), region("a"), region("b")];
        let diagram =
            Diagram::from_parts(DocumentInfo::default(), parts, Vec::new()).expect("valid diagram");
        let in_graph: Vec<&str> = diagram
            .graph()
            .node_weights()
            .map(|c| c.id.as_str())
            .collect();
        assert_eq!(in_graph, ["a", "b", "c"]);
    }

    #[test]
    fn a_duplicate_id_is_refused_whatever_the_order() {
        let mut second = region("a");
        second.props.label = "Second".to_owned();
        let err = Diagram::from_parts(
            DocumentInfo::default(),
            vec![region("b"), region("a"), second],
            Vec::new(),
        )
        .expect_err("duplicate id");
        assert!(matches!(err, ValidationError::DuplicateComponent(id) if id.as_str() == "a"));
    }
}
