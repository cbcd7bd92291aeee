//! `LintContext`: the facts rules share, computed once per lint run — containment
//! ancestry, effective AZs and redundancy class of each component, entry points and data
//! stores, the request graph with its dominators, strongly connected components of the
//! synchronous subgraph, and bridges of the hybrid network.

use std::collections::{BTreeMap, VecDeque};

use petgraph::stable_graph::{EdgeIndex, NodeIndex};
use petgraph::visit::{
    EdgeIndexable as _, EdgeRef as _, IntoEdgeReferences as _, NodeIndexable as _,
};

use super::adjacency::{Adjacency, immediate_dominators};
use super::own_ids::OwnIds;
pub use super::zone_set::ZoneSet;
use crate::model::settings::{MqDeployment, NatMode, RdsDeployment, Settings};
use crate::model::{Component, ComponentId, Diagram, Kind, Link, LinkKind};

/// Index of an Availability Zone, grouped across VPCs by Region and zone name.
pub type ZoneId = usize;

/// Which AZs a component runs in.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Zones {
    /// Not tied to AZs: regional or global managed service, actor, or a grouping box.
    Regional,
    /// These AZs.
    Known(ZoneSet),
    /// Cannot tell: it sits in a VPC without listing its subnets, or its subnets are not
    /// inside AZ boxes.
    Unknown,
}

impl Zones {
    /// Number of known AZs (`None` when regional or unknown).
    pub fn count(&self) -> Option<usize> {
        match self {
            Zones::Known(set) => Some(set.len()),
            _ => None,
        }
    }
}

/// How well a component survives the loss of an instance or an AZ (RULES.md §2.2).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Redundancy {
    /// One copy: its failure takes it down.
    Single,
    /// Several copies, all in one AZ.
    SingleAzMulti,
    /// Cannot tell (AZs not drawn).
    Unknown,
    /// Copies or a standby in two or more AZs.
    MultiAz,
    /// Managed across AZs by AWS, or not a failure point of its own.
    Regional,
}

/// An Availability Zone as the rules see it.
#[derive(Clone, Debug)]
pub struct ZoneInfo {
    /// Region component, if the AZ box is inside one.
    pub region: Option<ComponentId>,
    /// Display name (`us-east-1a`).
    pub name: String,
    /// AZ boxes standing for this zone.
    pub boxes: Vec<ComponentId>,
}

/// What the loss of one AZ does (see [`LintContext::zone_loss`]).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ZoneLoss {
    /// Components that run only in the lost AZ.
    pub failed: Vec<ComponentId>,
    /// Of those, the ones on request paths.
    pub failed_on_paths: Vec<ComponentId>,
    /// Data stores and critical components no entry point can reach any more.
    pub unreachable: Vec<ComponentId>,
    /// Private subnets in other AZs whose NAT gateway was in the lost AZ.
    pub stranded_subnets: Vec<ComponentId>,
}

/// A link with its two ends resolved.
#[derive(Clone, Copy, Debug)]
pub struct LinkView<'a> {
    /// The link.
    pub link: &'a Link,
    /// Where it starts.
    pub from: &'a Component,
    /// Where it ends.
    pub to: &'a Component,
    /// Graph index of the start.
    pub from_ix: NodeIndex,
    /// Graph index of the end.
    pub to_ix: NodeIndex,
    /// Graph index of the link.
    pub edge: EdgeIndex,
    /// The link's kind (copied here so passes over the links stay in one small array).
    pub kind: LinkKind,
}

/// Facts shared by all rules for one lint run.
pub struct LintContext<'a> {
    /// The diagram being linted.
    pub diagram: &'a Diagram,
    zones: Vec<Zones>,
    zone_info: Vec<ZoneInfo>,
    zone_index: rustc_hash::FxHashMap<(Option<NodeIndex>, &'a str), ZoneId>,
    zone_members: Vec<Vec<NodeIndex>>,
    /// Subnets routed to a NAT gateway, grouped by the one AZ the gateway runs in, in
    /// graph order of the routes.
    nat_routes: Adjacency<NodeIndex>,
    parent: Vec<Option<NodeIndex>>,
    subnet_in_use: Vec<bool>,
    az_zone: Vec<Option<ZoneId>>,
    vpc_subnets: Adjacency<&'a Component>,
    redundancy: Vec<Redundancy>,
    region: Vec<Option<NodeIndex>>,
    vpc: Vec<Option<NodeIndex>>,
    is_entry: Vec<bool>,
    is_sink: Vec<bool>,
    entries: Vec<NodeIndex>,
    sinks: Vec<NodeIndex>,
    request_succ: Adjacency<NodeIndex>,
    request_pred: Adjacency<NodeIndex>,
    idom: Vec<Option<NodeIndex>>,
    from_entry: Vec<bool>,
    to_sink: Vec<bool>,
    sync_sccs: Vec<Vec<NodeIndex>>,
    hybrid_bridges: Vec<EdgeIndex>,
    children: Adjacency<NodeIndex>,
    child_components: Adjacency<&'a Component>,
    outgoing: Adjacency<&'a Link>,
    incoming: Adjacency<&'a Link>,
    outgoing_views: Adjacency<u32>,
    incoming_views: Adjacency<u32>,
    link_views: Vec<LinkView<'a>>,
    in_id_order: Vec<&'a Component>,
    own_ids: OwnIds,
    nodes: Vec<NodeIndex>,
    kinds: Vec<Kind>,
    region_members: Adjacency<NodeIndex>,
    id_order_ix: Vec<NodeIndex>,
    by_kind: Adjacency<&'a Component>,
    listed_subnets: Adjacency<NodeIndex>,
    used_subnets: Adjacency<&'a Component>,
    /// Every node drawn at the top or inside a box, each after its box.
    top_down: Vec<NodeIndex>,
    /// The nearest AZ box at or above each node, not crossing a VPC or Region.
    az_box: Vec<Option<NodeIndex>>,
    dr_assessment: std::cell::OnceCell<super::recovery::strategy::DrAssessment>,
    copies: std::cell::OnceCell<Vec<bool>>,
    any_waivers: bool,
}

/// Link kinds along which a request or its data travels (the request graph).
pub fn carries_requests(kind: LinkKind) -> bool {
    matches!(
        kind,
        LinkKind::Request
            | LinkKind::Route
            | LinkKind::Send
            | LinkKind::Consume
            | LinkKind::Subscribe
            | LinkKind::Trigger
            | LinkKind::Orchestrate
            | LinkKind::Mount
    )
}

/// Database or broker software that makes an EC2 instance a data store.
const DATA_SOFTWARE: &[&str] = &[
    "mysql",
    "mariadb",
    "postgres",
    "postgresql",
    "oracle",
    "sqlserver",
    "mssql",
    "mongodb",
    "mongo",
    "cassandra",
    "redis",
    "elasticsearch",
    "opensearch",
    "kafka",
    "rabbitmq",
    "activemq",
];

impl<'a> LintContext<'a> {
    /// Computes every shared fact for `diagram`.
    pub fn new(diagram: &'a Diagram) -> Self {
        let graph = diagram.graph();
        let bound = graph.node_bound();
        let mut parent = vec![None; bound];
        let mut child_pairs = Vec::with_capacity(graph.node_count());
        // Live node indices and their kinds, so later passes need not walk the graph's
        // (large) node slots again.
        let nodes: Vec<NodeIndex> = graph.node_indices().collect();
        let mut kinds = vec![Kind::Users; bound];
        let mut node_refs: Vec<Option<&'a Component>> = vec![None; bound];
        let mut any_waivers = false;
        for &ix in &nodes {
            let c = &graph[ix];
            kinds[ix.index()] = c.kind;
            node_refs[ix.index()] = Some(c);
            any_waivers |= !c.props.waivers.is_empty();
            if let Some(p) = c.parent.as_ref().and_then(|p| diagram.node_index(p)) {
                parent[ix.index()] = Some(p);
                child_pairs.push((p.index(), ix));
            }
        }
        let children = Adjacency::build(bound, &child_pairs);
        let child_components = children.map(|&ix| &graph[ix]);
        // The links' slots are large and id order is not graph order: read each slot once,
        // in graph order, then lay the views out in id order from that compact copy.
        // The kind is copied here too, while the slot is read anyway.
        let mut by_edge: Vec<Option<(NodeIndex, NodeIndex, &'a Link, LinkKind)>> =
            vec![None; graph.edge_bound()];
        for edge in graph.edge_references() {
            let link = edge.weight();
            by_edge[edge.id().index()] = Some((edge.source(), edge.target(), link, link.kind));
            any_waivers |= !link.props.waivers.is_empty();
        }
        let mut link_views = Vec::with_capacity(graph.edge_count());
        let links = graph.edge_count();
        let (mut out_views, mut in_views) = (Vec::with_capacity(links), Vec::with_capacity(links));
        // Links come in id order, so every per-node list is sorted by link id.
        for eix in diagram.edge_indices_in_id_order() {
            let Some((from_ix, to_ix, link, kind)) = by_edge.get(eix.index()).copied().flatten()
            else {
                continue;
            };
            let (Some(from), Some(to)) = (node_refs[from_ix.index()], node_refs[to_ix.index()])
            else {
                continue;
            };
            link_views.push(LinkView {
                link,
                from,
                to,
                from_ix,
                to_ix,
                edge: eix,
                kind,
            });
            let view = (link_views.len() - 1) as u32;
            out_views.push((from_ix.index(), view));
            in_views.push((to_ix.index(), view));
        }
        let outgoing_views = Adjacency::build(bound, &out_views);
        let incoming_views = Adjacency::build(bound, &in_views);
        let mut cx = LintContext {
            diagram,
            zones: vec![Zones::Regional; bound],
            zone_info: Vec::new(),
            zone_index: rustc_hash::FxHashMap::default(),
            zone_members: Vec::new(),
            nat_routes: Adjacency::build(0, &[]),
            parent,
            subnet_in_use: vec![false; bound],
            az_zone: vec![None; bound],
            vpc_subnets: Adjacency::build(0, &[]),
            redundancy: vec![Redundancy::Regional; bound],
            region: vec![None; bound],
            vpc: vec![None; bound],
            is_entry: vec![false; bound],
            is_sink: vec![false; bound],
            entries: Vec::new(),
            sinks: Vec::new(),
            request_succ: Adjacency::build(0, &[]),
            request_pred: Adjacency::build(0, &[]),
            idom: vec![None; bound],
            from_entry: vec![false; bound],
            to_sink: vec![false; bound],
            sync_sccs: Vec::new(),
            hybrid_bridges: Vec::new(),
            children,
            child_components,
            outgoing: outgoing_views.map(|&v| link_views[v as usize].link),
            incoming: incoming_views.map(|&v| link_views[v as usize].link),
            outgoing_views,
            incoming_views,
            link_views,
            in_id_order: Vec::new(),
            own_ids: OwnIds::new(graph),
            nodes,
            kinds,
            region_members: Adjacency::build(0, &[]),
            id_order_ix: Vec::new(),
            by_kind: Adjacency::build(0, &[]),
            listed_subnets: Adjacency::build(0, &[]),
            used_subnets: Adjacency::build(0, &[]),
            az_box: Vec::new(),
            top_down: Vec::new(),
            dr_assessment: std::cell::OnceCell::new(),
            copies: std::cell::OnceCell::new(),
            any_waivers,
        };
        cx.compute_indexes();
        cx.compute_placement();
        cx.compute_used_subnets();
        cx.compute_vpc_subnets();
        cx.compute_zones();
        cx.compute_redundancy();
        cx.compute_request_graph();
        cx.compute_dominators();
        cx.compute_sync_sccs();
        cx.compute_hybrid_bridges();
        cx
    }

    #[inline]
    fn ix(&self, id: &ComponentId) -> Option<NodeIndex> {
        match self.own_ids.own(self.diagram.graph(), id) {
            Some(ix) => Some(ix),
            None => self.ix_of_reference(id),
        }
    }

    /// [`Self::ix`] of an id that is not a component's own id field: a link end, a
    /// `parent` or `subnets` entry, or a copy.
    #[inline(never)]
    fn ix_of_reference(&self, id: &ComponentId) -> Option<NodeIndex> {
        self.own_ids
            .find(self.diagram.graph(), &self.parent, id)
            .or_else(|| self.diagram.node_index(id))
    }

    /// Whether any component or link accepts a rule (a waiver).
    pub fn any_waivers(&self) -> bool {
        self.any_waivers
    }

    /// Graph index of a component of the diagram.
    pub fn index_of(&self, c: &Component) -> Option<NodeIndex> {
        self.ix(&c.id)
    }

    /// One past the largest graph index: the length of a table indexed by node.
    pub fn node_bound(&self) -> usize {
        self.parent.len()
    }

    /// Every component, in id order.
    pub fn components(&self) -> impl Iterator<Item = &'a Component> + '_ {
        self.in_id_order.iter().copied()
    }

    /// The component with this id.
    pub fn component(&self, id: &ComponentId) -> Option<&'a Component> {
        self.ix(id).map(|ix| self.node(ix))
    }

    /// The box `c` is drawn in.
    pub fn parent_of(&self, c: &Component) -> Option<&'a Component> {
        self.ix(&c.id)
            .and_then(|ix| self.parent[ix.index()])
            .map(|p| self.node(p))
    }

    /// The boxes `c` is drawn in, nearest first.
    pub fn ancestors(&self, c: &Component) -> impl Iterator<Item = &'a Component> + '_ {
        let mut current = self.ix(&c.id).and_then(|ix| self.parent[ix.index()]);
        let mut steps = 0;
        std::iter::from_fn(move || {
            let here = current?;
            steps += 1;
            if steps > crate::model::validate::MAX_DEPTH {
                return None;
            }
            current = self.parent[here.index()];
            Some(self.node(here))
        })
    }

    fn node(&self, ix: NodeIndex) -> &'a Component {
        &self.diagram.graph()[ix]
    }

    /// Component ids of graph indices.
    pub fn ids(&self, ixs: impl IntoIterator<Item = NodeIndex>) -> Vec<ComponentId> {
        ixs.into_iter().map(|ix| self.node(ix).id.clone()).collect()
    }

    /// The component at `ix`.
    pub fn component_at(&self, ix: NodeIndex) -> &'a Component {
        self.node(ix)
    }

    /// The kind of the component at `ix`, from a compact table (no read of the component).
    #[inline]
    pub fn kind_at(&self, ix: NodeIndex) -> Kind {
        self.kinds[ix.index()]
    }

    fn compute_indexes(&mut self) {
        let graph = self.diagram.graph();
        let bound = graph.node_bound();
        // Graph indices in id order, read straight from the diagram's id index.
        self.id_order_ix = self.diagram.node_indices_in_id_order().collect();
        self.in_id_order = self.id_order_ix.iter().map(|&ix| &graph[ix]).collect();
        // Kinds from the compact table: components in id order lie scattered in memory.
        let by_kind: Vec<(usize, &'a Component)> = self
            .id_order_ix
            .iter()
            .zip(&self.in_id_order)
            .map(|(&ix, &c)| (self.kinds[ix.index()] as usize, c))
            .collect();
        self.by_kind = Adjacency::build(Kind::ALL.len(), &by_kind);
        let mut listed = Vec::new();
        for ix in self.nodes.clone() {
            for subnet in &graph[ix].props.subnets {
                if let Some(s) = self.diagram.node_index(subnet) {
                    listed.push((ix.index(), s));
                }
            }
        }
        self.listed_subnets = Adjacency::build(bound, &listed);
    }

    /// Components of `kind`, in id order.
    pub fn of_kind(&self, kind: Kind) -> &[&'a Component] {
        self.by_kind.of(kind as usize)
    }

    /// The components of each of `kinds` in turn (each kind's in id order): for a rule
    /// about a few kinds, without reading every component to find them.
    pub fn of_kinds<'s>(&'s self, kinds: &'s [Kind]) -> impl Iterator<Item = &'a Component> + 's {
        kinds.iter().flat_map(|&k| self.of_kind(k).iter().copied())
    }

    /// The subnets a component uses: its `subnets` list, its group's, or the subnet it is
    /// drawn in.
    pub fn subnets_used_by(&self, c: &Component) -> &[&'a Component] {
        self.listed(&self.used_subnets, &c.id)
    }

    /// [`Self::subnets_used_by`] the component at `ix`.
    pub fn subnets_used_at(&self, ix: NodeIndex) -> &[&'a Component] {
        self.used_subnets.of(ix.index())
    }

    /// Graph index of the box the component at `ix` is drawn in.
    pub fn parent_at(&self, ix: NodeIndex) -> Option<NodeIndex> {
        self.parent.get(ix.index()).copied().flatten()
    }

    /// Whether the component at `ix` is a member of an Auto Scaling group or ECS service
    /// (see [`Self::scaling_group_of`]).
    pub fn in_scaling_group_at(&self, ix: NodeIndex) -> bool {
        self.parent_at(ix).is_some_and(|p| {
            matches!(
                self.kinds[p.index()],
                Kind::AutoScalingGroup | Kind::EcsService
            )
        })
    }

    fn compute_used_subnets(&mut self) {
        let graph = self.diagram.graph();
        let drawn_in = self.nearest_at_or_above(|k| k == Kind::Subnet, |_| false);
        let mut pairs = Vec::with_capacity(self.nodes.len());
        for ix in self.nodes.clone() {
            let mut source = ix;
            if self.listed_subnets.of(ix.index()).is_empty()
                && let Some(p) = self.parent[ix.index()]
                && matches!(
                    self.kinds[p.index()],
                    Kind::AutoScalingGroup | Kind::EcsService
                )
            {
                source = p;
            }
            let listed = self.listed_subnets.of(source.index());
            if listed.is_empty() {
                if let Some(subnet) = drawn_in[source.index()] {
                    pairs.push((ix.index(), &graph[subnet]));
                }
            } else {
                pairs.extend(listed.iter().map(|&s| (ix.index(), &graph[s])));
            }
        }
        self.used_subnets = Adjacency::build(graph.node_bound(), &pairs);
    }

    fn compute_placement(&mut self) {
        // Breadth first from the top-level components; boxes nested in a cycle (which
        // validation refuses) are left out.
        let mut top_down: Vec<NodeIndex> = Vec::with_capacity(self.nodes.len());
        top_down.extend(
            self.nodes
                .iter()
                .filter(|ix| self.parent[ix.index()].is_none()),
        );
        let mut next = 0;
        while let Some(&ix) = top_down.get(next) {
            top_down.extend_from_slice(self.children.of(ix.index()));
            next += 1;
        }
        self.top_down = top_down;
        self.region = self.nearest_at_or_above(|k| k == Kind::Region, |_| false);
        self.vpc = self.nearest_at_or_above(|k| k == Kind::Vpc, |_| false);
        let members: Vec<(usize, NodeIndex)> = self
            .nodes
            .iter()
            .filter_map(|&ix| {
                self.region[ix.index()]
                    .filter(|&r| r != ix)
                    .map(|r| (r.index(), ix))
            })
            .collect();
        self.region_members = Adjacency::build(self.parent.len(), &members);
    }

    /// For every node, the nearest box at or above it (itself included) whose kind is
    /// `target`, not looking past a box whose kind is `stop`: one pass in containment order,
    /// each node answered from its parent's answer.
    fn nearest_at_or_above(
        &self,
        target: impl Fn(Kind) -> bool,
        stop: impl Fn(Kind) -> bool,
    ) -> Vec<Option<NodeIndex>> {
        let mut answer: Vec<Option<NodeIndex>> = vec![None; self.parent.len()];
        for &ix in &self.top_down {
            let kind = self.kinds[ix.index()];
            answer[ix.index()] = if target(kind) {
                Some(ix)
            } else if stop(kind) {
                None
            } else {
                self.parent[ix.index()].and_then(|p| answer[p.index()])
            };
        }
        answer
    }

    fn compute_vpc_subnets(&mut self) {
        let mut pairs = Vec::new();
        // Subnets are visited in id order, so each list is sorted by id.
        for &c in self.of_kind(Kind::Subnet) {
            if let Some(ix) = self.ix(&c.id)
                && let Some(vpc) = self.vpc[ix.index()]
            {
                pairs.push((vpc.index(), c));
            }
        }
        self.vpc_subnets = Adjacency::build(self.parent.len(), &pairs);
    }

    /// Subnets of a VPC, in id order.
    pub fn subnets_in_vpc(&self, vpc: &ComponentId) -> &[&'a Component] {
        self.listed(&self.vpc_subnets, vpc)
    }

    /// What `table` lists for `id` (a per-node adjacency such as children).
    fn listed<'s, T: Copy>(&self, table: &'s Adjacency<T>, id: &ComponentId) -> &'s [T] {
        self.ix(id).map_or(&[], |ix| table.of(ix.index()))
    }

    fn zone_key(&mut self, az: NodeIndex) -> ZoneId {
        if let Some(z) = self.az_zone[az.index()] {
            return z;
        }
        let z = self.zone_key_uncached(az);
        self.az_zone[az.index()] = Some(z);
        z
    }

    fn zone_key_uncached(&mut self, az: NodeIndex) -> ZoneId {
        let c = self.node(az);
        let region = self.region[az.index()];
        let name: &'a str = match &c.props.settings {
            Settings::Az(s) if s.zone.as_deref().is_some_and(|z| !z.is_empty()) => {
                s.zone.as_deref().unwrap_or_default()
            }
            _ if !c.props.label.is_empty() => &c.props.label,
            _ => c.id.as_str(),
        };
        let key = (region, name);
        // Each AZ box is keyed once (`zone_key` caches it), so `boxes` has no repeats.
        if let Some(&found) = self.zone_index.get(&key) {
            self.zone_info[found].boxes.push(c.id.clone());
            return found;
        }
        self.zone_info.push(ZoneInfo {
            region: region.map(|r| self.node(r).id.clone()),
            name: name.to_owned(),
            boxes: vec![c.id.clone()],
        });
        self.zone_index.insert(key, self.zone_info.len() - 1);
        self.zone_info.len() - 1
    }

    /// The zone of the nearest AZ box at or above `ix`, not crossing a VPC or Region.
    fn placed_zone(&mut self, ix: NodeIndex) -> Option<ZoneId> {
        let az = self.az_box[ix.index()]?;
        Some(self.zone_key(az))
    }

    fn compute_zones(&mut self) {
        self.az_box = self.nearest_at_or_above(
            |k| k == Kind::AvailabilityZone,
            |k| matches!(k, Kind::Vpc | Kind::Region),
        );
        for ix in self.nodes.clone() {
            self.zones[ix.index()] = self.zones_of(ix);
        }
        // Members of an Auto Scaling group or ECS service run where the group runs.
        for ix in self.nodes.clone() {
            if let Some(p) = self.parent[ix.index()]
                && matches!(
                    self.kinds[p.index()],
                    Kind::AutoScalingGroup | Kind::EcsService
                )
            {
                self.zones[ix.index()] = self.zones[p.index()].clone();
            }
        }
        for ix in self.nodes.clone() {
            if let Zones::Known(set) = &self.zones[ix.index()]
                && set.len() == 1
                && let Some(&z) = set.iter().next()
            {
                if self.zone_members.len() <= z {
                    self.zone_members.resize(z + 1, Vec::new());
                }
                self.zone_members[z].push(ix);
            }
        }
        for ix in self.nodes.clone() {
            if let Some(p) = self.parent[ix.index()] {
                self.subnet_in_use[p.index()] = true;
            }
            for &s in self.listed_subnets.of(ix.index()) {
                self.subnet_in_use[s.index()] = true;
            }
        }
        let mut routes: Vec<(EdgeIndex, NodeIndex, NodeIndex)> = self
            .link_views
            .iter()
            .filter(|v| {
                v.kind == LinkKind::NetworkRoute && self.kinds[v.to_ix.index()] == Kind::NatGateway
            })
            .map(|v| (v.edge, v.from_ix, v.to_ix))
            .collect();
        // In graph order, as the subnets they strand are reported.
        routes.sort_unstable_by_key(|r| r.0);
        // Only a gateway in one AZ fails with it.
        let by_zone: Vec<(usize, NodeIndex)> = routes
            .into_iter()
            .filter_map(|(_, subnet, nat)| Some((self.single_zone_at(nat)?, subnet)))
            .collect();
        self.nat_routes = Adjacency::build(self.zone_info.len(), &by_zone);
    }

    fn zones_of(&mut self, ix: NodeIndex) -> Zones {
        use crate::model::kind::Placement;
        let c = self.node(ix);
        if c.kind == Kind::AvailabilityZone || c.kind == Kind::Subnet {
            return match self.placed_zone(ix) {
                Some(z) => Zones::Known(ZoneSet::one(z)),
                None => Zones::Unknown,
            };
        }
        let placement = c.kind.info().placement;
        if matches!(
            placement,
            Placement::TopLevel | Placement::Regional | Placement::InRegion | Placement::InVpc
        ) {
            return Zones::Regional;
        }
        if let Settings::NatGateway(s) = &c.props.settings
            && s.availability_mode() == NatMode::Regional
        {
            return Zones::Regional;
        }
        if !c.props.subnets.is_empty() {
            let mut set = ZoneSet::new();
            if self.listed_subnets.of(ix.index()).len() < c.props.subnets.len() {
                return Zones::Unknown;
            }
            for i in 0..c.props.subnets.len() {
                let subnet = self.listed_subnets.of(ix.index())[i];
                match self.placed_zone(subnet) {
                    Some(z) => {
                        set.insert(z);
                    }
                    None => return Zones::Unknown,
                }
            }
            return Zones::Known(set);
        }
        if c.kind == Kind::Lambda && self.vpc[ix.index()].is_none() {
            return Zones::Regional;
        }
        match self.placed_zone(ix) {
            Some(z) => Zones::Known(ZoneSet::one(z)),
            None => Zones::Unknown,
        }
    }

    /// How many copies a component runs, as far as the diagram says.
    pub fn instances(&self, c: &Component) -> u32 {
        let count = c.count();
        match &c.props.settings {
            Settings::Asg(s) => {
                let members: u32 = self
                    .ix(&c.id)
                    .map(|ix| {
                        self.children
                            .of(ix.index())
                            .iter()
                            .map(|&m| self.node(m).count())
                            .sum()
                    })
                    .unwrap_or(0);
                s.desired
                    .or(s.min)
                    .unwrap_or(if members > 0 { members } else { count })
            }
            Settings::EcsService(s) => s.desired_count().max(s.min.unwrap_or(0)),
            Settings::Aurora(s) => s.instances(),
            Settings::Rds(s) => match s.deployment() {
                RdsDeployment::SingleAz => 1,
                RdsDeployment::MultiAzInstance => 2,
                RdsDeployment::MultiAzCluster => 3,
            },
            Settings::ElastiCache(s) if s.automatic_failover() => 1 + s.replicas_per_shard(),
            Settings::Mq(s) => match s.deployment_mode() {
                MqDeployment::SingleInstance => 1,
                _ => 2,
            },
            Settings::Eks(s) => s.node_count.unwrap_or(2),
            Settings::Lambda(_) => 2,
            _ if c.kind.is_load_balancer() => 2,
            _ => count,
        }
    }

    fn compute_redundancy(&mut self) {
        for ix in self.nodes.clone() {
            self.redundancy[ix.index()] = self.classify(ix);
        }
        for ix in self.nodes.clone() {
            if let Some(p) = self.parent[ix.index()]
                && matches!(
                    self.kinds[p.index()],
                    Kind::AutoScalingGroup | Kind::EcsService
                )
            {
                self.redundancy[ix.index()] = self.redundancy[p.index()];
            }
        }
    }

    fn classify(&self, ix: NodeIndex) -> Redundancy {
        let c = self.node(ix);
        match (&c.props.settings, c.kind) {
            (
                _,
                Kind::InternetGateway
                | Kind::TransitGateway
                | Kind::Vpn
                | Kind::DirectConnect
                | Kind::VpcEndpoint,
            ) => {
                return Redundancy::Regional;
            }
            (Settings::Efs(s), _) => {
                return if s.one_zone() {
                    Redundancy::Single
                } else {
                    Redundancy::Regional
                };
            }
            (Settings::Rds(s), _) => {
                return if s.deployment() == RdsDeployment::SingleAz {
                    Redundancy::Single
                } else {
                    Redundancy::MultiAz
                };
            }
            (Settings::Mq(s), _) => {
                return if s.deployment_mode() == MqDeployment::SingleInstance {
                    Redundancy::Single
                } else {
                    Redundancy::MultiAz
                };
            }
            (Settings::ElastiCache(s), _) => {
                return match (
                    s.automatic_failover() && s.replicas_per_shard() >= 1,
                    s.multi_az(),
                ) {
                    (true, true) => Redundancy::MultiAz,
                    (true, false) => Redundancy::SingleAzMulti,
                    (false, _) if s.replicas_per_shard() >= 1 => Redundancy::SingleAzMulti,
                    _ => Redundancy::Single,
                };
            }
            _ => {}
        }
        let zones = &self.zones[ix.index()];
        let instances = self.instances(c);
        match zones {
            Zones::Regional => Redundancy::Regional,
            Zones::Known(set) if instances >= 2 && set.len() >= 2 => Redundancy::MultiAz,
            _ if instances < 2 => Redundancy::Single,
            Zones::Known(_) => Redundancy::SingleAzMulti,
            Zones::Unknown => Redundancy::Unknown,
        }
    }

    fn compute_request_graph(&mut self) {
        let diagram = self.diagram;
        let graph = diagram.graph();
        let bound = graph.node_bound();
        // Each node's successors sorted by index, without repeats, read from its outgoing
        // links (already grouped by node); a request routed to a group reaches its members.
        // Nodes come in increasing index order, so the successor lists are written in place.
        let mut pred_pairs: Vec<(usize, NodeIndex)> = Vec::with_capacity(self.link_views.len());
        let mut has_inbound = vec![false; bound];
        let request_succ = {
            let (outgoing_views, link_views, kinds, children) = (
                &self.outgoing_views,
                &self.link_views,
                &self.kinds,
                &self.children,
            );
            Adjacency::in_node_order(bound, self.link_views.len(), |n, items| {
                let first = items.len();
                items.extend(
                    outgoing_views
                        .of(n)
                        .iter()
                        .map(|&v| &link_views[v as usize])
                        .filter(|v| carries_requests(v.kind))
                        .map(|v| v.to_ix),
                );
                if matches!(kinds[n], Kind::AutoScalingGroup | Kind::EcsService) {
                    items.extend_from_slice(children.of(n));
                }
                let targets = &mut items[first..];
                if targets.len() > 1 {
                    targets.sort_unstable();
                    let mut kept = 1;
                    for i in 1..targets.len() {
                        if targets[i] != targets[kept - 1] {
                            targets[kept] = targets[i];
                            kept += 1;
                        }
                    }
                    items.truncate(first + kept);
                }
                for &m in &items[first..] {
                    has_inbound[m.index()] = true;
                    pred_pairs.push((m.index(), NodeIndex::new(n)));
                }
            })
        };
        self.request_succ = request_succ;
        self.request_pred = Adjacency::build(bound, &pred_pairs);
        let actors_present =
            !self.of_kind(Kind::Users).is_empty() || !self.of_kind(Kind::OnPremises).is_empty();
        // Flags in graph order (components in memory order), then the lists in id order.
        for &ix in &self.nodes {
            let c = self.node(ix);
            let front_door = matches!(c.kind, Kind::Route53 | Kind::CloudFront | Kind::ApiGateway)
                || (c.kind.is_load_balancer()
                    && matches!(&c.props.settings, Settings::LoadBalancer(s) if s.scheme() == crate::model::settings::LbScheme::InternetFacing));
            let entry = matches!(c.kind, Kind::Users | Kind::OnPremises)
                || c.props.common.entry == Some(true)
                || (!actors_present && front_door && !has_inbound[ix.index()]);
            self.is_entry[ix.index()] = entry;
            self.is_sink[ix.index()] = is_data_store(c) || c.props.common.critical == Some(true);
        }
        for &ix in &self.id_order_ix {
            if self.is_entry[ix.index()] {
                self.entries.push(ix);
            }
            if self.is_sink[ix.index()] {
                self.sinks.push(ix);
            }
        }
        // Forward reachability from entries and backward from sinks.
        let mut queue: VecDeque<NodeIndex> = self.entries.iter().copied().collect();
        for &e in &self.entries {
            self.from_entry[e.index()] = true;
        }
        while let Some(n) = queue.pop_front() {
            for &m in self.request_succ.of(n.index()) {
                if !self.from_entry[m.index()] {
                    self.from_entry[m.index()] = true;
                    queue.push_back(m);
                }
            }
        }
        let mut queue: VecDeque<NodeIndex> = self.sinks.iter().copied().collect();
        for &s in &self.sinks {
            self.to_sink[s.index()] = true;
        }
        while let Some(n) = queue.pop_front() {
            for &m in self.request_pred.of(n.index()) {
                if !self.to_sink[m.index()] {
                    self.to_sink[m.index()] = true;
                    queue.push_back(m);
                }
            }
        }
    }

    fn compute_dominators(&mut self) {
        self.idom = immediate_dominators(&self.request_succ, &self.request_pred, &self.entries);
    }

    /// Whether the synchronous calls (request links) close a cycle, self-calls included:
    /// a depth-first search over the links already grouped per component, far cheaper
    /// than building a graph for Tarjan, which most diagrams (acyclic) do not need.
    fn requests_may_cycle(&self) -> bool {
        const NEW: u8 = 0;
        const OPEN: u8 = 1;
        const DONE: u8 = 2;
        let mut state = vec![NEW; self.kinds.len()];
        let mut stack: Vec<(NodeIndex, usize)> = Vec::new();
        for &root in &self.nodes {
            if state[root.index()] != NEW {
                continue;
            }
            state[root.index()] = OPEN;
            stack.push((root, 0));
            while let Some(&mut (node, ref mut next)) = stack.last_mut() {
                let views = self.outgoing_views.of(node.index());
                let Some(&v) = views.get(*next) else {
                    state[node.index()] = DONE;
                    stack.pop();
                    continue;
                };
                *next += 1;
                let view = &self.link_views[v as usize];
                if view.kind != LinkKind::Request {
                    continue;
                }
                match state[view.to_ix.index()] {
                    NEW => {
                        state[view.to_ix.index()] = OPEN;
                        stack.push((view.to_ix, 0));
                    }
                    OPEN => return true,
                    _ => {}
                }
            }
        }
        false
    }

    fn compute_sync_sccs(&mut self) {
        if !self.requests_may_cycle() {
            return;
        }
        let graph = self.diagram.graph();
        // Tarjan over a compact graph of the synchronous calls only: most components make
        // none, and walking the full graph's edge lists to filter them cost more than the
        // algorithm itself.
        // Its nodes are numbered densely, in order of first appearance.
        let mut dense = vec![u32::MAX; graph.node_bound()];
        let mut nodes: Vec<NodeIndex> = Vec::new();
        let mut number = |ix: NodeIndex| {
            let slot = &mut dense[ix.index()];
            if *slot == u32::MAX {
                *slot = nodes.len() as u32;
                nodes.push(ix);
            }
            *slot
        };
        let calls: Vec<(u32, u32)> = self
            .link_views
            .iter()
            .filter(|l| l.kind == LinkKind::Request)
            .map(|l| (number(l.from_ix), number(l.to_ix)))
            .collect();
        let sync = petgraph::graph::DiGraph::<(), ()>::from_edges(&calls);
        // Most components are their own trivial SCC: visit them without a vector each.
        let mut sccs = Vec::new();
        petgraph::algo::scc::TarjanScc::new().run(&sync, |scc| {
            if scc.len() >= 2 {
                sccs.push(
                    scc.iter()
                        .map(|n| nodes[n.index()])
                        .collect::<Vec<NodeIndex>>(),
                );
            }
        });
        for mut scc in sccs {
            scc.sort_by(|a, b| graph[*a].id.cmp(&graph[*b].id));
            self.sync_sccs.push(scc);
        }
        self.sync_sccs
            .sort_by(|a, b| graph[a[0]].id.cmp(&graph[b[0]].id));
    }

    fn compute_hybrid_bridges(&mut self) {
        use petgraph::graph::UnGraph;
        let graph = self.diagram.graph();
        let mut ug: UnGraph<(), EdgeIndex> = UnGraph::default();
        let mut map = BTreeMap::new();
        let mut hybrid: Vec<&LinkView<'_>> = self
            .link_views
            .iter()
            .filter(|v| v.kind == LinkKind::Hybrid)
            .collect();
        // In graph order, as before the views existed.
        hybrid.sort_unstable_by_key(|v| v.edge);
        for v in hybrid {
            let mut node = |ix: NodeIndex| *map.entry(ix).or_insert_with(|| ug.add_node(()));
            let (a, b) = (node(v.from_ix), node(v.to_ix));
            ug.add_edge(a, b, v.edge);
        }
        let mut bridges: Vec<EdgeIndex> = petgraph::algo::bridges::bridges(&ug)
            .map(|e| *e.weight())
            .collect();
        bridges.sort_by(|a, b| graph[*a].id.cmp(&graph[*b].id));
        self.hybrid_bridges = bridges;
    }

    // ---- Queries used by rules ----

    /// Simulates the loss of AZ `zone`: what fails, what can no longer be reached from the
    /// entry points, and which subnets in other AZs lose their NAT gateway.
    pub fn zone_loss(&self, zone: ZoneId) -> ZoneLoss {
        self.simulate_zone_loss(zone, true)
    }

    /// [`Self::zone_loss`] without the lists of what fails (`failed` and `failed_on_paths`
    /// stay empty): only what breaks, for rules that simulate every AZ.
    pub fn zone_breaks(&self, zone: ZoneId) -> ZoneLoss {
        self.simulate_zone_loss(zone, false)
    }

    fn simulate_zone_loss(&self, zone: ZoneId, list_failed: bool) -> ZoneLoss {
        let graph = self.diagram.graph();
        let mut loss = ZoneLoss::default();
        let Some(members) = self.zone_members.get(zone) else {
            return loss;
        };
        // What runs only in this AZ fails with it (`zone_members` lists exactly those).
        let failed = |ix: NodeIndex| self.single_zone_at(ix) == Some(zone);
        let mut any_on_path = false;
        for &ix in members {
            let on_path = self.from_entry[ix.index()] && self.to_sink[ix.index()];
            any_on_path |= on_path;
            if list_failed {
                loss.failed.push(graph[ix].id.clone());
                if on_path {
                    loss.failed_on_paths.push(graph[ix].id.clone());
                }
            }
        }
        for &subnet in self.nat_routes.of(zone) {
            // An empty subnet loses nothing; one that hosts or lends addresses to anything does.
            if !failed(subnet) && self.subnet_in_use[subnet.index()] {
                loss.stranded_subnets.push(graph[subnet].id.clone());
            }
        }
        if any_on_path {
            let mut reach = vec![false; graph.node_bound()];
            let mut queue: VecDeque<NodeIndex> = self
                .entries
                .iter()
                .copied()
                .filter(|&e| !failed(e))
                .collect();
            for e in &queue {
                reach[e.index()] = true;
            }
            while let Some(n) = queue.pop_front() {
                for &m in self.request_succ.of(n.index()) {
                    if !reach[m.index()] && !failed(m) {
                        reach[m.index()] = true;
                        queue.push_back(m);
                    }
                }
            }
            for &s in &self.sinks {
                if self.from_entry[s.index()] && !reach[s.index()] {
                    loss.unreachable.push(graph[s].id.clone());
                }
            }
        }
        loss.failed.sort();
        loss.failed_on_paths.sort();
        loss.unreachable.sort();
        loss.stranded_subnets.sort();
        loss.stranded_subnets.dedup();
        loss
    }

    /// The AZ the component at `ix` runs in, when it runs in exactly one.
    fn single_zone_at(&self, ix: NodeIndex) -> Option<ZoneId> {
        match self.zones.get(ix.index()) {
            Some(Zones::Known(set)) => set.single(),
            _ => None,
        }
    }

    /// Request-graph successors of the component at `ix`.
    pub(crate) fn request_successors_at(&self, ix: NodeIndex) -> &[NodeIndex] {
        self.request_succ.of(ix.index())
    }

    /// Request-graph predecessors of the component at `ix`.
    pub(crate) fn request_predecessors_at(&self, ix: NodeIndex) -> &[NodeIndex] {
        self.request_pred.of(ix.index())
    }

    /// Components inside the Region at `region` (not the Region itself), in graph order.
    pub fn region_members(&self, region: NodeIndex) -> &[NodeIndex] {
        self.region_members.of(region.index())
    }

    /// The Auto Scaling group or ECS service `c` is a member of, if any (its members run
    /// where the group runs and are replaced by it).
    pub fn scaling_group_of(&self, c: &Component) -> Option<&'a Component> {
        self.parent_of(c)
            .filter(|p| matches!(p.kind, Kind::AutoScalingGroup | Kind::EcsService))
    }

    /// The disaster-recovery strategy the diagram shows, worked out once per lint run for
    /// the rules that weigh it.
    pub fn dr_assessment(&self) -> &super::recovery::strategy::DrAssessment {
        self.dr_assessment
            .get_or_init(|| super::recovery::strategy::assess(self))
    }

    /// Per graph index, whether the component is a copy of another data store
    /// ([`super::recovery::is_copy`]), worked out once per lint run.
    pub fn copies(&self) -> &[bool] {
        self.copies
            .get_or_init(|| super::recovery::copy_targets(self))
    }

    /// Every link with its ends, in link id order.
    pub fn links(&self) -> &[LinkView<'a>] {
        &self.link_views
    }

    /// Effective AZs of a component.
    pub fn zones(&self, id: &ComponentId) -> &Zones {
        static REGIONAL: Zones = Zones::Regional;
        self.ix(id).map_or(&REGIONAL, |ix| &self.zones[ix.index()])
    }

    /// Facts about zone `z`.
    pub fn zone(&self, z: ZoneId) -> Option<&ZoneInfo> {
        self.zone_info.get(z)
    }

    /// Every zone, in discovery order (components in id order).
    pub fn all_zones(&self) -> impl Iterator<Item = (ZoneId, &ZoneInfo)> {
        self.zone_info.iter().enumerate()
    }

    /// Names of zones, for messages ("us-east-1a and us-east-1b").
    pub fn zone_names<'z>(&self, set: impl IntoIterator<Item = &'z ZoneId>) -> String {
        let names: Vec<&str> = set
            .into_iter()
            .filter_map(|z| self.zone(*z))
            .map(|z| z.name.as_str())
            .collect();
        join_names(&names)
    }

    /// Redundancy class of a component.
    pub fn redundancy(&self, id: &ComponentId) -> Redundancy {
        self.ix(id)
            .map_or(Redundancy::Regional, |ix| self.redundancy[ix.index()])
    }

    /// The Region component a component is in.
    pub fn region_of(&self, id: &ComponentId) -> Option<&'a Component> {
        self.ix(id)
            .and_then(|ix| self.region[ix.index()])
            .map(|r| self.node(r))
    }

    /// Graph index of the Region the component at `ix` is in.
    pub fn region_at(&self, ix: NodeIndex) -> Option<NodeIndex> {
        self.region.get(ix.index()).copied().flatten()
    }

    /// Graph index of the VPC the component at `ix` is in.
    pub fn vpc_at(&self, ix: NodeIndex) -> Option<NodeIndex> {
        self.vpc.get(ix.index()).copied().flatten()
    }

    /// Every component with its graph index, in id order.
    pub fn components_indexed(&self) -> impl Iterator<Item = (NodeIndex, &'a Component)> + '_ {
        self.id_order_ix
            .iter()
            .copied()
            .zip(self.in_id_order.iter().copied())
    }

    /// The VPC a component is in.
    pub fn vpc_of(&self, id: &ComponentId) -> Option<&'a Component> {
        self.ix(id)
            .and_then(|ix| self.vpc[ix.index()])
            .map(|r| self.node(r))
    }

    /// Whether the component at graph index `ix` is an entry point.
    pub fn is_entry_at(&self, ix: NodeIndex) -> bool {
        self.is_entry.get(ix.index()).copied().unwrap_or(false)
    }

    /// Whether the component at graph index `ix` is a data store or critical component.
    pub fn is_sink_at(&self, ix: NodeIndex) -> bool {
        self.is_sink.get(ix.index()).copied().unwrap_or(false)
    }

    /// Redundancy class of the component at graph index `ix`.
    pub fn redundancy_at(&self, ix: NodeIndex) -> Redundancy {
        self.redundancy
            .get(ix.index())
            .copied()
            .unwrap_or(Redundancy::Regional)
    }

    /// Whether `id` or anything nested inside it is on a request path.
    pub fn subtree_on_request_path(&self, id: &ComponentId) -> bool {
        let Some(ix) = self.ix(id) else { return false };
        let mut stack = vec![ix];
        while let Some(n) = stack.pop() {
            if self.from_entry[n.index()] && self.to_sink[n.index()] {
                return true;
            }
            stack.extend(self.children.of(n.index()).iter().copied());
        }
        false
    }

    /// Whether the component is an entry point.
    pub fn is_entry(&self, id: &ComponentId) -> bool {
        self.ix(id).is_some_and(|ix| self.is_entry[ix.index()])
    }

    /// Data stores and critical components, the ends of request paths.
    pub fn sinks(&self) -> impl Iterator<Item = &'a Component> + '_ {
        self.sinks.iter().map(|&ix| self.node(ix))
    }

    /// Reachable from an entry and leads to a data store or critical component.
    pub fn on_request_path(&self, id: &ComponentId) -> bool {
        self.ix(id)
            .is_some_and(|ix| self.from_entry[ix.index()] && self.to_sink[ix.index()])
    }

    /// Reachable from an entry through the request graph.
    pub fn reachable_from_entry(&self, id: &ComponentId) -> bool {
        self.ix(id).is_some_and(|ix| self.from_entry[ix.index()])
    }

    /// [`Self::reachable_from_entry`] by graph index.
    pub fn reachable_from_entry_at(&self, ix: NodeIndex) -> bool {
        self.from_entry.get(ix.index()).copied().unwrap_or(false)
    }

    /// Components that every request path from the entries to `id` passes through,
    /// nearest first (excluding `id` itself).
    pub fn dominators(&self, id: &ComponentId) -> Vec<&'a Component> {
        let mut out = Vec::new();
        let mut current = self.ix(id).and_then(|ix| self.idom[ix.index()]);
        while let Some(d) = current {
            out.push(self.node(d));
            current = self.idom[d.index()];
            if out.len() > self.idom.len() {
                break;
            }
        }
        out
    }

    /// Groups of two or more components calling each other synchronously in a cycle.
    pub fn sync_cycles(&self) -> Vec<Vec<&'a Component>> {
        self.sync_sccs
            .iter()
            .map(|scc| scc.iter().map(|&ix| self.node(ix)).collect())
            .collect()
    }

    /// Hybrid links whose loss disconnects part of the hybrid network.
    pub fn hybrid_bridges(&self) -> Vec<&'a Link> {
        let graph = self.diagram.graph();
        self.hybrid_bridges.iter().map(|&e| &graph[e]).collect()
    }

    /// Direct children of a component.
    pub fn children(&self, id: &ComponentId) -> &[&'a Component] {
        self.listed(&self.child_components, id)
    }

    /// Links leaving the component at `ix`, with their ends, in link id order.
    pub fn outgoing_at(&self, ix: NodeIndex) -> impl Iterator<Item = &LinkView<'a>> + '_ {
        self.outgoing_views
            .of(ix.index())
            .iter()
            .map(|&v| &self.link_views[v as usize])
    }

    /// Links arriving at the component at `ix`, with their ends, in link id order.
    pub fn incoming_at(&self, ix: NodeIndex) -> impl Iterator<Item = &LinkView<'a>> + '_ {
        self.incoming_views
            .of(ix.index())
            .iter()
            .map(|&v| &self.link_views[v as usize])
    }

    /// Links arriving at a component, in id order.
    pub fn incoming(&self, id: &ComponentId) -> &[&'a Link] {
        self.listed(&self.incoming, id)
    }

    /// Links leaving a component, in id order.
    pub fn outgoing(&self, id: &ComponentId) -> &[&'a Link] {
        self.listed(&self.outgoing, id)
    }

    /// The workload is critical (tier MissionCritical or Critical).
    pub fn workload_is_critical(&self) -> bool {
        use crate::model::settings::WorkloadTier;
        matches!(
            self.diagram.info.objectives.tier,
            Some(WorkloadTier::MissionCritical | WorkloadTier::Critical)
        )
    }

    /// Display name of a component id (the id itself if unknown).
    pub fn name(&self, id: &ComponentId) -> String {
        self.component(id)
            .map_or_else(|| id.to_string(), |c| c.display_name().to_owned())
    }
}

/// Every kind [`is_data_store`] can say yes to (an EC2 instance or cache only with the
/// right settings): rules about data stores read these kinds' components alone.
pub const DATA_STORE_KINDS: &[Kind] = &[
    Kind::Ec2,
    Kind::ElastiCache,
    Kind::Rds,
    Kind::Aurora,
    Kind::DynamoDb,
    Kind::S3,
    Kind::Ebs,
    Kind::Efs,
    Kind::Glacier,
];

/// `kind` is one of [`DATA_STORE_KINDS`].
pub fn is_data_store_kind(kind: Kind) -> bool {
    DATA_STORE_KINDS.contains(&kind)
}

/// The component holds data that must survive (RULES.md `is_data_store`).
pub fn is_data_store(c: &Component) -> bool {
    match &c.props.settings {
        Settings::ElastiCache(s) => s.persistent(),
        Settings::Ec2(s) => s.software.as_deref().is_some_and(is_data_software),
        // Every other data-store kind is one whatever its settings.
        _ => is_data_store_kind(c.kind),
    }
}

/// The software string names a database or broker.
pub fn is_data_software(software: &str) -> bool {
    // Ignoring ASCII case, without a lowercase copy: rules ask this of every EC2 instance
    // that names its software, several times per lint run.
    let bytes = software.as_bytes();
    (0..bytes.len()).any(|at| {
        let rest = &bytes[at..];
        let first = rest[0].to_ascii_lowercase();
        DATA_SOFTWARE.iter().any(|name| {
            let name = name.as_bytes();
            name[0] == first
                && rest.len() >= name.len()
                && rest[..name.len()].eq_ignore_ascii_case(name)
        })
    })
}

/// "a", "a and b", "a, b and c".
pub fn join_names(names: &[&str]) -> String {
    match names {
        [] => String::new(),
        [one] => (*one).to_owned(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn data_software_is_found_anywhere_ignoring_case() {
        for software in [
            "mysql",
            "MySQL 8.0",
            "self-managed PostgreSQL",
            "Redis",
            "x-KAFKA",
        ] {
            assert!(is_data_software(software), "{software}");
        }
        for software in ["", "nginx", "my sql", "tomcat", "m", "postgre"] {
            assert!(!is_data_software(software), "{software}");
        }
    }

    /// The cycle check that lets most runs skip Tarjan agrees with petgraph, and cycles
    /// are found exactly when there is one (random small diagrams; message links ignored).
    #[test]
    fn request_cycles_are_found_exactly_when_there_is_one() {
        use crate::model::builder::DiagramBuilder;
        let mut next = crate::rules::test_random(0x9e37_79b9_7f4a_7c15_u64);
        for round in 0..300 {
            let n = 2 + next(7);
            let mut b = DiagramBuilder::new();
            for i in 0..n {
                b.add(&format!("c{i}"), Kind::Lambda, None);
            }
            // Messages through a queue close cycles of another kind, which do not count.
            b.add("q", Kind::Sqs, None);
            let (mut sends, mut triggers) = (Vec::new(), Vec::new());
            let mut pairs = std::collections::BTreeSet::new();
            let mut requests = Vec::new();
            for _ in 0..next(2 * n) {
                let (from, to) = (next(n), next(n));
                if next(4) == 0 {
                    if !sends.contains(&from) {
                        sends.push(from);
                        b.link(LinkKind::Send, &format!("c{from}"), "q");
                    }
                    if !triggers.contains(&to) {
                        triggers.push(to);
                        b.link(LinkKind::Trigger, "q", &format!("c{to}"));
                    }
                    continue;
                }
                if from == to || !pairs.insert((from, to)) {
                    continue;
                }
                requests.push((from as u32, to as u32));
                b.link(LinkKind::Request, &format!("c{from}"), &format!("c{to}"));
            }
            let diagram = b.build();
            let cx = LintContext::new(&diagram);
            let graph = petgraph::graph::DiGraph::<(), ()>::from_edges(&requests);
            let cyclic = petgraph::algo::is_cyclic_directed(&graph);
            assert_eq!(
                cx.requests_may_cycle(),
                cyclic,
                "round {round}: {requests:?}"
            );
            assert_eq!(
                !cx.sync_cycles().is_empty(),
                cyclic,
                "round {round}: {requests:?}"
            );
        }
    }

    /// Rules look for data stores among `DATA_STORE_KINDS` only: no other kind is one, and
    /// each listed kind can be one (an instance running database software, a cache that
    /// persists).
    #[test]
    fn only_the_listed_kinds_are_data_stores() {
        for &kind in Kind::ALL {
            let mut c = Component::new(
                ComponentId::new("c").unwrap_or_else(|e| panic!("{e}")),
                kind,
                "c",
                crate::model::Point::new(0.0, 0.0),
            );
            c.props.common.stateful = Some(true);
            c.props.common.critical = Some(true);
            if !DATA_STORE_KINDS.contains(&kind) {
                assert!(
                    !is_data_store(&c),
                    "{kind:?} is a data store but not listed"
                );
                continue;
            }
            match &mut c.props.settings {
                Settings::Ec2(s) => s.software = Some("PostgreSQL 16".to_owned()),
                Settings::ElastiCache(s) => s.persistent = Some(true),
                _ => {}
            }
            assert!(
                is_data_store(&c),
                "{kind:?} is listed but never a data store"
            );
        }
    }
}
