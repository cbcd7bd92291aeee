//! What the canvas draws and where, in world units, without any GUI crate: draw order,
//! link geometry, hit testing (topmost component, then links, then container headers and
//! borders), rubber-band selection and the container a dragged item would drop into.
//!
//! Pure so the editor's pointer logic can be unit-tested headless.

use petgraph::stable_graph::{EdgeIndex, NodeIndex, StableDiGraph};

use super::validate;
use super::{Component, ComponentId, Diagram, Kind, Link, LinkId, Point, Rect};

/// Height of a container's header band (its label), in world units.
pub const HEADER_HEIGHT: f32 = 28.0;

/// Components in draw order: network boxes (Regions, VPCs, AZs, subnets) outermost first,
/// then groups of instances (Auto Scaling groups, ECS services), then everything else (so
/// a leaf is never hidden behind the box it sits in). A group spans subnets in several AZs
/// and is drawn across their boxes, as in AWS's diagrams, so it goes over them rather than
/// under their fill. Hit testing walks it backwards.
pub fn draw_order(diagram: &Diagram) -> Vec<&Component> {
    let layer = |kind: Kind| match (kind.is_container(), is_instance_group(kind)) {
        (true, false) => 0u8,
        (true, true) => 1,
        (false, _) => 2,
    };
    let mut keyed: Vec<(u8, usize, &Component)> = diagram
        .components()
        .map(|c| (layer(c.kind), diagram.ancestors(&c.id).count(), c))
        .collect();
    // By layer, then by depth; ties keep id order (stable sort).
    keyed.sort_by_key(|&(layer, depth, _)| (layer, depth));
    keyed.into_iter().map(|(_, _, c)| c).collect()
}

/// A box that groups instances or tasks across subnets rather than a network boundary.
fn is_instance_group(kind: Kind) -> bool {
    matches!(kind, Kind::AutoScalingGroup | Kind::EcsService)
}

/// Where a link's label goes, as the point its bottom centre sits on, for a link drawn
/// from `a` to `b` and a label `size` big: beside the middle of the line (`lift_at_middle`
/// from it, clear of the finding badge drawn there), unless `covers` says a label there
/// would cover something (an icon, a box's name, another label); then the first clear
/// place a little nearer either end (`lift` from the line), then the same places on the
/// line's other side. The middle when no place is clear. "Beside" follows the line's
/// slope (see [`label_beside`]): the label never lies across its own line.
pub fn label_anchor(
    a: Point,
    b: Point,
    size: super::Size,
    (lift_at_middle, lift): (f32, f32),
    covers: impl Fn(&Rect) -> bool,
) -> Point {
    const ALONG: [f32; 7] = [0.5, 0.4, 0.6, 0.3, 0.7, 0.22, 0.78];
    let place = |t: f32, gap: f32, first_side: bool| {
        let at = Point::new(a.x + (b.x - a.x) * t, a.y + (b.y - a.y) * t);
        let r = label_beside(at, (b.x - a.x, b.y - a.y), size, gap, first_side);
        (Point::new(r.center().x, r.max().y), r)
    };
    for first_side in [true, false] {
        for (i, &t) in ALONG.iter().enumerate() {
            let (p, r) = place(t, if i == 0 { lift_at_middle } else { lift }, first_side);
            if !covers(&r) {
                return p;
            }
        }
    }
    place(0.5, lift_at_middle, true).0
}

/// A label `size` big placed beside the point `at` of a line going `(dx, dy)`: centred on
/// the line's normal through `at`, just far enough out that its nearest corner or edge is
/// `gap` from the line. On the line's first side (above it; right of an upright line) or
/// its second (under; left). A level line gets the label above its middle, an upright one
/// beside it, a slanted one diagonally off it.
fn label_beside(at: Point, (dx, dy): (f32, f32), size: super::Size, gap: f32, first: bool) -> Rect {
    let len = (dx * dx + dy * dy).sqrt();
    // The unit normal pointing up (screen y grows downwards), or right for an upright line.
    let (mut nx, mut ny) = if len > 0.0 {
        (dy / len, -dx / len)
    } else {
        (0.0, -1.0)
    };
    if ny > 0.0 || (ny == 0.0 && nx < 0.0) {
        (nx, ny) = (-nx, -ny);
    }
    if !first {
        (nx, ny) = (-nx, -ny);
    }
    // How far the label reaches towards the line from its centre, along the normal.
    let reach = size.w / 2.0 * nx.abs() + size.h / 2.0 * ny.abs();
    let out = gap + reach;
    let centre = Point::new(at.x + nx * out, at.y + ny * out);
    Rect::new(
        Point::new(centre.x - size.w / 2.0, centre.y - size.h / 2.0),
        size,
    )
}

/// What a link label must not cover, in world units: every icon, and the header band
/// (icon and name) of every box.
pub fn label_obstacles(diagram: &Diagram) -> Vec<Rect> {
    diagram
        .components()
        .map(|c| {
            if c.kind.is_container() {
                Rect::new(
                    c.rect.min,
                    super::Size::new(c.rect.size.w, HEADER_HEIGHT.min(c.rect.size.h)),
                )
            } else {
                c.rect
            }
        })
        .collect()
}

/// Where a link is drawn: from the border of its start towards its end.
pub fn link_segment(from: &Rect, to: &Rect) -> (Point, Point) {
    (
        from.boundary_point_towards(to.center()),
        to.boundary_point_towards(from.center()),
    )
}

/// Distance between links that join the same two components, in world units.
pub const LANE_GAP: f32 = 14.0;

/// How far `edge` is drawn beside the straight line between its two components, in world
/// units (0 for a link with no siblings). Links joining the same two components, in either
/// direction, are spread [`LANE_GAP`] apart in link id order, so each can be seen and
/// clicked; the sign is for the link's own direction (see [`link_segment_in_lane`]).
pub fn lane_offset(graph: &StableDiGraph<Component, Link>, edge: EdgeIndex) -> f32 {
    let Some((a, b)) = graph.edge_endpoints(edge) else {
        return 0.0;
    };
    if a == b {
        return 0.0;
    }
    let mut siblings: smallvec::SmallVec<[&LinkId; 4]> = smallvec::SmallVec::new();
    links_from_to(graph, a, b, &mut siblings);
    links_from_to(graph, b, a, &mut siblings);
    if siblings.len() < 2 {
        return 0.0;
    }
    siblings.sort_unstable();
    let own = &graph[edge].id;
    let rank = siblings.iter().position(|id| *id == own).unwrap_or(0);
    let offset = (rank as f32 - (siblings.len() - 1) as f32 / 2.0) * LANE_GAP;
    // Lanes are laid out along the direction from the smaller id to the larger, so a link
    // and one going back the other way do not land on the same lane.
    if graph[a].id <= graph[b].id {
        offset
    } else {
        -offset
    }
}

/// Adds the ids of the links from `a` to `b` to `out`. Walks `a`'s outgoing and `b`'s
/// incoming lists side by side and keeps the one that ends first, so a link between a hub
/// (a load balancer with hundreds of targets) and a leaf costs the leaf's few links, not the
/// hub's many: the canvas asks this for every link it draws.
fn links_from_to<'g>(
    graph: &'g StableDiGraph<Component, Link>,
    a: NodeIndex,
    b: NodeIndex,
    out: &mut smallvec::SmallVec<[&'g LinkId; 4]>,
) {
    use petgraph::Direction::{Incoming, Outgoing};
    use petgraph::visit::EdgeRef as _;
    let (mut from_a, mut into_b) = (
        graph.edges_directed(a, Outgoing),
        graph.edges_directed(b, Incoming),
    );
    let (mut seen_from_a, mut seen_into_b) = (
        smallvec::SmallVec::<[&LinkId; 4]>::new(),
        smallvec::SmallVec::<[&LinkId; 4]>::new(),
    );
    loop {
        match from_a.next() {
            None => return out.extend(seen_from_a),
            Some(e) if e.target() == b => seen_from_a.push(&e.weight().id),
            Some(_) => {}
        }
        match into_b.next() {
            None => return out.extend(seen_into_b),
            Some(e) if e.source() == a => seen_into_b.push(&e.weight().id),
            Some(_) => {}
        }
    }
}

/// One end of a link as drawn: the component's rectangle, and whether it is a box
/// (a group, a subnet, a VPC…) rather than an icon.
#[derive(Clone, Copy, Debug)]
pub struct LinkEnd {
    /// Where the component is drawn.
    pub rect: Rect,
    /// Whether it is a box that other components sit in.
    pub is_box: bool,
}

impl LinkEnd {
    /// The end a component makes.
    pub fn of(c: &Component) -> Self {
        Self {
            rect: c.rect,
            is_box: c.kind.is_container(),
        }
    }

    /// Where a line from `other` aims inside this end: an icon's centre; for a box, its
    /// point nearest `other`'s centre, a quarter of its shorter side in from the border.
    /// A box is often long (a group spanning two AZs): a link to a part of it facing the
    /// caller is drawn straight across, not slanting towards the far-off middle.
    fn anchor(&self, other: &Rect) -> Point {
        let centre = self.rect.center();
        if !self.is_box {
            return centre;
        }
        let target = other.center();
        if self.rect.contains(target) {
            return centre;
        }
        let inset = self.rect.size.w.min(self.rect.size.h) / 4.0;
        let max = self.rect.max();
        // `max`/`min` rather than `clamp`, which panics on a degenerate rectangle.
        Point::new(
            target.x.max(self.rect.min.x + inset).min(max.x - inset),
            target.y.max(self.rect.min.y + inset).min(max.y - inset),
        )
    }
}

/// Where a link between two components is drawn, `offset` to the left of its direction
/// (see [`lane_offset`]): between two icons, along the line joining their centres; a box
/// end is aimed at the part of it facing the other end (see [`LinkEnd`]).
pub fn link_ends_in_lane(from: LinkEnd, to: LinkEnd, offset: f32) -> (Point, Point) {
    if !from.is_box && !to.is_box {
        return link_segment_in_lane(&from.rect, &to.rect, offset);
    }
    let (fa, ta) = (from.anchor(&to.rect), to.anchor(&from.rect));
    let (dx, dy) = (ta.x - fa.x, ta.y - fa.y);
    let length = (dx * dx + dy * dy).sqrt();
    if !length.is_normal() {
        return link_segment_in_lane(&from.rect, &to.rect, offset);
    }
    let (ux, uy) = (dx / length, dy / length);
    let (nx, ny) = (-uy * offset, ux * offset);
    let (start, end) = (fa.offset(nx, ny), ta.offset(nx, ny));
    (
        exit_point(&from.rect, start, (ux, uy)).unwrap_or(start),
        exit_point(&to.rect, end, (-ux, -uy)).unwrap_or(end),
    )
}

/// [`link_segment`] moved `offset` to the left of its direction (see [`lane_offset`]), its
/// ends still on the two borders where the shifted line crosses them.
pub fn link_segment_in_lane(from: &Rect, to: &Rect, offset: f32) -> (Point, Point) {
    let (a, b) = link_segment(from, to);
    let (fc, tc) = (from.center(), to.center());
    let (dx, dy) = (tc.x - fc.x, tc.y - fc.y);
    let length = (dx * dx + dy * dy).sqrt();
    if offset == 0.0 || !length.is_normal() {
        return (a, b);
    }
    let (ux, uy) = (dx / length, dy / length);
    let (nx, ny) = (-uy * offset, ux * offset);
    let start = fc.offset(nx, ny);
    let end = tc.offset(nx, ny);
    (
        exit_point(from, start, (ux, uy)).unwrap_or(a.offset(nx, ny)),
        exit_point(to, end, (-ux, -uy)).unwrap_or(b.offset(nx, ny)),
    )
}

/// Where the link `id` is drawn, in its lane, in world units.
pub fn link_points(diagram: &Diagram, id: &LinkId) -> Option<(Point, Point)> {
    let graph = diagram.graph();
    let edge = diagram.edge_index(id)?;
    let (from, to) = graph.edge_endpoints(edge)?;
    Some(link_ends_in_lane(
        LinkEnd::of(&graph[from]),
        LinkEnd::of(&graph[to]),
        lane_offset(graph, edge),
    ))
}

/// Where a ray from `p` (inside `r`) in direction `d` leaves `r`.
fn exit_point(r: &Rect, p: Point, d: (f32, f32)) -> Option<Point> {
    if !r.contains(p) {
        return None;
    }
    let max = r.max();
    let along = |p: f32, d: f32, low: f32, high: f32| {
        if d > 0.0 {
            (high - p) / d
        } else if d < 0.0 {
            (low - p) / d
        } else {
            f32::INFINITY
        }
    };
    let t = along(p.x, d.0, r.min.x, max.x).min(along(p.y, d.1, r.min.y, max.y));
    t.is_finite().then(|| p.offset(d.0 * t, d.1 * t))
}

/// What is under a point.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Hit {
    /// A component (a leaf anywhere in its box, a container on its header or border).
    Component(ComponentId),
    /// A link.
    Link(LinkId),
    /// Nothing: the background, or the inside of a container.
    Background,
}

/// The topmost thing at `p`. `tolerance` is how close (world units) counts as on a link or
/// a container's border; it should shrink as the user zooms in.
pub fn hit_test(diagram: &Diagram, order: &[&Component], p: Point, tolerance: f32) -> Hit {
    for c in order.iter().rev().filter(|c| !c.kind.is_container()) {
        if c.rect.contains(p) {
            return Hit::Component(c.id.clone());
        }
    }
    if let Some(link) = link_at(diagram, p, tolerance) {
        return Hit::Link(link);
    }
    for c in order.iter().rev().filter(|c| c.kind.is_container()) {
        let r = c.rect;
        let header = Rect::new(
            r.min,
            super::Size::new(r.size.w, HEADER_HEIGHT.min(r.size.h)),
        );
        let on_border = r.expand(tolerance).contains(p) && !r.expand(-tolerance).contains(p);
        if header.contains(p) || on_border {
            return Hit::Component(c.id.clone());
        }
    }
    Hit::Background
}

/// The link nearest to `p` within `tolerance`, if any.
pub fn link_at(diagram: &Diagram, p: Point, tolerance: f32) -> Option<LinkId> {
    let mut best: Option<(f32, &LinkId)> = None;
    let graph = diagram.graph();
    for edge in graph.edge_indices() {
        let (Some((from, to)), Some(link)) = (graph.edge_endpoints(edge), graph.edge_weight(edge))
        else {
            continue;
        };
        let (a, b) = link_ends_in_lane(
            LinkEnd::of(&graph[from]),
            LinkEnd::of(&graph[to]),
            lane_offset(graph, edge),
        );
        let d = super::geometry::distance_to_segment(p, a, b);
        if d <= tolerance && best.is_none_or(|(bd, _)| d < bd) {
            best = Some((d, &link.id));
        }
    }
    best.map(|(_, id)| id.clone())
}

/// Components lying wholly inside `area` (rubber-band selection); a container's members
/// come along only if they are inside too.
pub fn components_in(diagram: &Diagram, area: &Rect) -> Vec<ComponentId> {
    diagram
        .components()
        .filter(|c| area.contains_rect(&c.rect))
        .map(|c| c.id.clone())
        .collect()
}

/// The innermost container whose box contains `p`, ignoring `moving` and everything inside
/// them (a box cannot be dropped into itself).
pub fn container_at(diagram: &Diagram, p: Point, moving: &[ComponentId]) -> Option<ComponentId> {
    let excluded = diagram.with_descendants(moving);
    draw_order(diagram)
        .into_iter()
        .rev()
        .filter(|c| c.kind.is_container() && !excluded.contains(&c.id))
        .find(|c| c.rect.contains(p))
        .map(|c| c.id.clone())
}

/// Why `component` may not go into `parent` (`None` = top level), or `Ok` if it may.
pub fn placement_refusal(
    diagram: &Diagram,
    component: &Component,
    parent: Option<&ComponentId>,
) -> Result<(), String> {
    let parent = parent.and_then(|p| diagram.component(p));
    validate::check_placement(component, parent, diagram).map_err(|e| e.to_string())
}

/// A kind placed on the canvas without a container: the innermost container at `p` that
/// accepts it, else the top level if that is allowed, else the refusal reason.
/// A new component of `kind` may go into `container`.
pub fn accepts(diagram: &Diagram, container: &ComponentId, kind: Kind) -> bool {
    let Some(c) = diagram.component(container) else {
        return false;
    };
    let Ok(id) = ComponentId::new("probe") else {
        return false;
    };
    let probe = Component {
        id,
        kind,
        parent: None,
        rect: Rect::new(c.rect.min, super::component::default_size(kind)),
        props: super::ComponentProps::new(kind, ""),
    };
    c.kind.is_container() && placement_refusal(diagram, &probe, Some(container)).is_ok()
}

pub fn parent_for_new(
    diagram: &Diagram,
    kind: Kind,
    p: Point,
) -> Result<Option<ComponentId>, String> {
    let probe = Component {
        id: ComponentId::new("probe").map_err(|e| e.to_string())?,
        kind,
        parent: None,
        rect: Rect::new(p, super::component::default_size(kind)),
        props: super::ComponentProps::new(kind, ""),
    };
    let mut last_error = None;
    let mut candidates: Vec<Option<ComponentId>> = draw_order(diagram)
        .into_iter()
        .rev()
        .filter(|c| c.kind.is_container() && c.rect.contains(p))
        .map(|c| Some(c.id.clone()))
        .collect();
    candidates.push(None);
    for candidate in candidates {
        match placement_refusal(diagram, &probe, candidate.as_ref()) {
            Ok(()) => return Ok(candidate),
            Err(e) => {
                // The component does not exist yet: its stand-in's id means nothing to
                // the user ("EC2 instance cannot be at the top level: …").
                last_error.get_or_insert(e.replace(" `probe`", ""));
            }
        }
    }
    Err(last_error.unwrap_or_else(|| format!("{} cannot be placed here", kind.info().name)))
}

/// Where a new component goes, and the boxes that grow to make room for it.
#[derive(Clone, Debug, PartialEq)]
pub struct NewSpot {
    /// Centre of the new component.
    pub centre: Point,
    /// Boxes to enlarge first (the parent, then its ancestors as needed), with their new
    /// rectangles; empty when the component fits as things are.
    pub grow: Vec<(ComponentId, Rect)>,
    /// Neighbours of the growing boxes moved aside (right or down, with what is inside
    /// them) so that nothing ends up on top of anything: `(id, dx, dy)`.
    pub shift: Vec<(ComponentId, f32, f32)>,
}

impl NewSpot {
    /// The edits that make room before the new component is added: the grown boxes
    /// (outermost first, so every box is inside its parent at each step), then the
    /// neighbours moved aside with what is inside them.
    pub fn room_edits(self, diagram: &Diagram) -> Vec<super::Edit> {
        let mut edits: Vec<super::Edit> = self
            .grow
            .into_iter()
            .rev()
            .map(|(id, rect)| super::Edit::Resize(id, rect))
            .collect();
        edits.extend(
            self.shift
                .into_iter()
                .map(|(id, dx, dy)| diagram.move_edit(&[id], dx, dy)),
        );
        edits
    }
}

/// Address blocks for a new VPC or subnet, as AWS asks for one on creation: a VPC gets the
/// first `10.N.0.0/16` that overlaps no other VPC's block; a subnet in a VPC that has a
/// block gets the first free `/24` of it (or a smaller size in a small VPC). `None` for
/// other kinds, or when there is no free block.
pub fn addresses_for_new(
    diagram: &Diagram,
    kind: Kind,
    parent: Option<&ComponentId>,
) -> Option<super::Settings> {
    use super::settings::{Settings, SubnetSettings, VpcSettings};
    use crate::cidr;

    let blocks_of = |c: &Component| -> Vec<cidr::Ipv4Net> {
        c.props
            .settings
            .address_blocks()
            .iter()
            .filter_map(|t| cidr::parse(t).ok())
            .collect()
    };
    match kind {
        Kind::Vpc => {
            let taken: Vec<cidr::Ipv4Net> = diagram
                .components()
                .filter(|c| c.kind == Kind::Vpc)
                .flat_map(blocks_of)
                .collect();
            let block = (0..=255u8)
                .filter_map(|n| cidr::parse(&format!("10.{n}.0.0/16")).ok())
                .find(|b| taken.iter().all(|t| !cidr::overlaps(*b, *t)))?;
            Some(Settings::Vpc(VpcSettings {
                cidr_blocks: Some(vec![block.to_string()]),
                ..VpcSettings::default()
            }))
        }
        Kind::Subnet => {
            let parent = parent?;
            let vpc = std::iter::once(diagram.component(parent)?)
                .chain(diagram.ancestors(parent))
                .find(|c| c.kind == Kind::Vpc)?;
            let within = blocks_of(vpc);
            let taken: Vec<cidr::Ipv4Net> = diagram
                .components()
                .filter(|c| c.kind == Kind::Subnet)
                .filter(|c| diagram.ancestors(&c.id).any(|a| a.id == vpc.id))
                .flat_map(blocks_of)
                .collect();
            let block = [24, 26, 28]
                .into_iter()
                .find_map(|prefix| cidr::free_block(&within, &taken, prefix))?;
            Some(Settings::Subnet(SubnetSettings {
                cidr: Some(block.to_string()),
                ..SubnetSettings::default()
            }))
        }
        _ => None,
    }
}

/// Space kept between a box's edge and what is inside it, and between siblings.
const GAP: f32 = 20.0;

/// Where to put a new component of `kind` that goes into `parent`: a spot covering no
/// other component and no box it does not belong in (a new user icon lands beside the
/// Region, not under an instance inside it). Leaves go as near `centre` as possible;
/// boxes fill their parent in reading order (a second AZ lands beside the first). When
/// the parent is full, the component goes to the right of what is in it and the parent
/// (and its ancestors, as needed) grows to hold it.
pub fn spot_for_new(
    diagram: &Diagram,
    kind: Kind,
    parent: Option<&ComponentId>,
    centre: Point,
) -> NewSpot {
    const STEP: f32 = 24.0;
    const RINGS: i32 = 30;
    let size = super::component::default_size(kind);
    let parent_box = parent.and_then(|p| diagram.component(p));
    // Inside the parent, below its header (label and icon).
    let inside = parent_box.map(|p| {
        Rect::new(
            p.rect.min.offset(0.0, HEADER_HEIGHT),
            super::Size::new(p.rect.size.w, (p.rect.size.h - HEADER_HEIGHT).max(0.0)),
        )
    });
    let reach = STEP * RINGS as f32 + size.w.max(size.h);
    let mut area = Rect::new(
        centre.offset(-reach, -reach),
        super::Size::new(2.0 * reach, 2.0 * reach),
    );
    if let Some(inside) = &inside {
        area = area.union(inside);
    }
    let allowed: Vec<&ComponentId> = match parent {
        Some(p) => std::iter::once(p)
            .chain(diagram.ancestors(p).map(|a| &a.id))
            .collect(),
        None => Vec::new(),
    };
    let obstacles: Vec<Rect> = diagram
        .components()
        .filter(|c| c.rect.intersects(&area))
        .filter(|c| !(c.kind.is_container() && allowed.contains(&&c.id)))
        .map(|c| {
            if c.kind.is_container() {
                c.rect.expand(GAP / 2.0)
            } else {
                c.rect.expand(8.0)
            }
        })
        .collect();
    let fits = |at: Point| {
        let rect = Rect::new(at.offset(-size.w / 2.0, -size.h / 2.0), size);
        inside.is_none_or(|p| p.contains_rect(&rect.expand(GAP / 2.0)))
            && !obstacles.iter().any(|o| o.intersects(&rect))
    };
    let found = match &inside {
        // A box inside a box: the first free place in reading order.
        Some(inside) if kind.is_container() => {
            let mut found = None;
            let mut y = inside.min.y + GAP + size.h / 2.0;
            'rows: while y + size.h / 2.0 <= inside.max().y {
                let mut x = inside.min.x + GAP + size.w / 2.0;
                while x + size.w / 2.0 <= inside.max().x {
                    if fits(Point::new(x, y)) {
                        found = Some(Point::new(x, y));
                        break 'rows;
                    }
                    x += STEP;
                }
                y += STEP;
            }
            found
        }
        _ => (0..=RINGS).find_map(|ring| {
            let d = ring as f32 * STEP;
            let mut candidates = vec![centre];
            if ring > 0 {
                candidates.clear();
                for k in -ring..=ring {
                    let t = k as f32 * STEP;
                    candidates.extend([
                        centre.offset(t, d),
                        centre.offset(t, -d),
                        centre.offset(d, t),
                        centre.offset(-d, t),
                    ]);
                }
                // Nearest first within the ring.
                candidates.sort_by(|a, b| {
                    let da = (a.x - centre.x).abs() + (a.y - centre.y).abs();
                    let db = (b.x - centre.x).abs() + (b.y - centre.y).abs();
                    da.total_cmp(&db)
                });
            }
            candidates.into_iter().find(|&p| fits(p))
        }),
    };
    if let Some(centre) = found {
        return NewSpot {
            centre,
            grow: Vec::new(),
            shift: Vec::new(),
        };
    }
    let (Some(parent), Some(inside)) = (parent_box, inside) else {
        return NewSpot {
            centre,
            grow: Vec::new(),
            shift: Vec::new(),
        };
    };
    // The parent is full: to the right of its contents, and the boxes grow around it.
    let right = diagram
        .children(&parent.id)
        .iter()
        .map(|c| c.rect.max().x)
        .fold(inside.min.x, f32::max);
    let rect = Rect::new(Point::new(right + GAP, inside.min.y + GAP), size);
    grow_around(diagram, parent, rect)
}

/// Where `new` goes in the full `parent`: grows `parent` to hold it, then each ancestor to hold the grown box, and moves
/// aside the neighbours a grown box would cover: those to its right (in the rows it spans)
/// move right, those below it (in its columns) move down, each group together and just far
/// enough to keep a gap; the box around them then grows to hold them where they land.
fn grow_around(diagram: &Diagram, parent: &Component, new: Rect) -> NewSpot {
    let mut needed = new.expand(GAP);
    let mut grow = Vec::new();
    let mut shift = Vec::new();
    let mut current = Some(parent);
    while let Some(c) = current {
        let grown = c.rect.union(&needed);
        if grown == c.rect {
            break;
        }
        grow.push((c.id.clone(), grown));
        let outer = c.parent.as_ref().and_then(|p| diagram.component(p));
        let neighbours: Vec<&Component> = match outer {
            Some(outer) => diagram.children(&outer.id).to_vec(),
            None => diagram
                .components()
                .filter(|n| n.parent.is_none())
                .collect(),
        };
        let (right, rest): (Vec<&Component>, Vec<&Component>) = neighbours
            .into_iter()
            .filter(|n| n.id != c.id)
            .partition(|n| {
                n.rect.min.x >= c.rect.max().x
                    && n.rect.min.y < grown.max().y
                    && n.rect.max().y > grown.min.y
            });
        let below: Vec<&Component> = rest
            .into_iter()
            .filter(|n| {
                n.rect.min.y >= c.rect.max().y
                    && n.rect.min.x < grown.max().x
                    && n.rect.max().x > grown.min.x
            })
            .collect();
        let push = |group: &[&Component], gap_to: fn(&Component) -> f32, edge: f32| {
            group
                .iter()
                .map(|n| edge + GAP - gap_to(n))
                .fold(0.0, f32::max)
        };
        let dx = push(&right, |n| n.rect.min.x, grown.max().x);
        let dy = push(&below, |n| n.rect.min.y, grown.max().y);
        let mut extent = grown;
        for (group, mx, my) in [(&right, dx, 0.0), (&below, 0.0, dy)] {
            if mx <= 0.0 && my <= 0.0 {
                continue;
            }
            for n in group.iter() {
                extent = extent.union(&Rect::new(n.rect.min.offset(mx, my), n.rect.size));
                shift.push((n.id.clone(), mx, my));
            }
        }
        needed = extent.expand(GAP);
        current = outer;
    }
    NewSpot {
        centre: new.center(),
        grow,
        shift,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::builder::DiagramBuilder;
    use crate::model::{Edit, LinkKind, Size};

    #[test]
    fn new_vpcs_and_subnets_get_free_address_blocks() {
        use crate::model::settings::Settings;
        let cidr_of = |s: Option<Settings>| match s {
            Some(Settings::Vpc(v)) => v.cidr_blocks.unwrap_or_default().join(" "),
            Some(Settings::Subnet(s)) => s.cidr.unwrap_or_default(),
            other => format!("{other:?}"),
        };
        let mut b = DiagramBuilder::new();
        b.add("region", Kind::Region, None);
        let vpc = b.add("vpc", Kind::Vpc, Some("region"));
        vpc.props.settings = Settings::Vpc(crate::model::settings::VpcSettings {
            cidr_blocks: Some(vec!["10.0.0.0/16".to_owned()]),
            ..Default::default()
        });
        let subnet = b.add("subnet", Kind::Subnet, Some("vpc"));
        subnet.props.settings = Settings::Subnet(crate::model::settings::SubnetSettings {
            cidr: Some("10.0.0.0/24".to_owned()),
            ..Default::default()
        });
        b.add("az", Kind::AvailabilityZone, Some("vpc"));
        b.add("bare", Kind::Vpc, Some("region"));
        let d = b.build();
        let id = |s: &str| ComponentId::new(s).unwrap();
        let region = id("region");
        assert_eq!(
            cidr_of(addresses_for_new(&d, Kind::Vpc, Some(&region))),
            "10.1.0.0/16",
            "clear of the other VPC"
        );
        assert_eq!(
            cidr_of(addresses_for_new(&d, Kind::Subnet, Some(&id("az")))),
            "10.0.1.0/24",
            "the next free /24 of the AZ's VPC"
        );
        assert_eq!(addresses_for_new(&d, Kind::Subnet, Some(&id("bare"))), None);
        assert_eq!(addresses_for_new(&d, Kind::Ec2, Some(&id("subnet"))), None);
    }

    fn at(x: f32, y: f32, w: f32, h: f32) -> Rect {
        Rect::new(Point::new(x, y), Size::new(w, h))
    }

    /// Region > VPC > two subnets, one instance in each, the first calling the second.
    fn sample() -> Diagram {
        let mut b = DiagramBuilder::new();
        b.add("region", Kind::Region, None).rect = at(0.0, 0.0, 1000.0, 800.0);
        b.add("vpc", Kind::Vpc, Some("region")).rect = at(20.0, 40.0, 900.0, 700.0);
        b.add("subnet-a", Kind::Subnet, Some("vpc")).rect = at(40.0, 80.0, 400.0, 300.0);
        b.add("subnet-b", Kind::Subnet, Some("vpc")).rect = at(480.0, 80.0, 400.0, 300.0);
        b.add("web", Kind::Ec2, Some("subnet-a")).rect = at(100.0, 150.0, 96.0, 72.0);
        b.add("app", Kind::Ec2, Some("subnet-b")).rect = at(600.0, 150.0, 96.0, 72.0);
        b.link(LinkKind::Request, "web", "app");
        b.build()
    }

    fn id(text: &str) -> ComponentId {
        ComponentId::new(text).unwrap()
    }

    #[test]
    fn links_joining_the_same_components_get_their_own_lanes() {
        let mut d = sample();
        let lone = d.links().next().unwrap().id.clone();
        let (a, b) = link_points(&d, &lone).unwrap();
        let web = d.component(&id("web")).unwrap().rect;
        let app = d.component(&id("app")).unwrap().rect;
        assert_eq!((a, b), link_segment(&web, &app));

        let back = Link::new(LinkKind::Request, &id("app"), &id("web"));
        let mut queue = Link::new(LinkKind::Request, &id("web"), &id("app"));
        queue.id = d.fresh_link_id("web->app");
        d.apply(Edit::AddLink(Box::new(back.clone()))).unwrap();
        // The app also calls a worker, so its outgoing list is the longer one when the
        // lanes between it and the web server are counted (both ways of counting run).
        let worker = Component::new(id("worker"), Kind::Ec2, "Worker", Point::new(600.0, 280.0))
            .with_parent(&id("subnet-b"));
        d.apply(Edit::AddComponent(Box::new(worker))).unwrap();
        d.apply(Edit::AddLink(Box::new(Link::new(
            LinkKind::Request,
            &id("app"),
            &id("worker"),
        ))))
        .unwrap();
        d.apply(Edit::AddLink(Box::new(queue.clone()))).unwrap();
        let middle = |link: &LinkId| {
            let (a, b) = link_points(&d, link).unwrap();
            Point::new((a.x + b.x) / 2.0, (a.y + b.y) / 2.0)
        };
        let mut ys: Vec<f32> = [&lone, &back.id, &queue.id]
            .iter()
            .map(|l| middle(l).y)
            .collect();
        ys.sort_by(f32::total_cmp);
        // Three lanes, LANE_GAP apart, around the straight line between the centres.
        let centre = web.center().y;
        assert!((ys[0] - (centre - LANE_GAP)).abs() < 0.01, "{ys:?}");
        assert!((ys[1] - centre).abs() < 0.01, "{ys:?}");
        assert!((ys[2] - (centre + LANE_GAP)).abs() < 0.01, "{ys:?}");
        for link in [&lone, &back.id, &queue.id] {
            // Each lane is clickable on its own, and its ends stay on the two borders.
            assert_eq!(link_at(&d, middle(link), 4.0).as_ref(), Some(link));
            let (a, b) = link_points(&d, link).unwrap();
            let (a, b) = if d.link(link).unwrap().from == id("web") {
                (a, b)
            } else {
                (b, a)
            };
            assert!((a.x - web.max().x).abs() < 0.01 && (b.x - app.min.x).abs() < 0.01);
        }
    }

    #[test]
    fn leaves_win_over_their_containers_and_container_insides_are_background() {
        let d = sample();
        let order = draw_order(&d);
        assert_eq!(
            hit_test(&d, &order, Point::new(120.0, 160.0), 4.0),
            Hit::Component(id("web"))
        );
        // The VPC's header band, right of the subnets.
        assert_eq!(
            hit_test(&d, &order, Point::new(900.0, 50.0), 4.0),
            Hit::Component(id("vpc"))
        );
        // Inside the subnet, away from everything: background, so rubber bands can start.
        assert_eq!(
            hit_test(&d, &order, Point::new(300.0, 330.0), 4.0),
            Hit::Background
        );
        assert_eq!(
            hit_test(&d, &order, Point::new(-50.0, -50.0), 4.0),
            Hit::Background
        );
    }

    #[test]
    fn containers_come_first_in_draw_order() {
        let d = sample();
        let order: Vec<&str> = draw_order(&d).iter().map(|c| c.id.as_str()).collect();
        assert_eq!(
            order,
            ["region", "vpc", "subnet-a", "subnet-b", "app", "web"]
        );
    }

    #[test]
    fn a_group_spanning_subnets_is_drawn_over_them() {
        let mut d = sample();
        // Drawn across both subnets, as a group spanning two AZs is.
        let mut asg = Component::new(
            id("asg"),
            Kind::AutoScalingGroup,
            "Group",
            Point::new(80.0, 120.0),
        )
        .with_parent(&id("vpc"))
        .with_size(Size::new(700.0, 200.0));
        asg.props.subnets = vec![id("subnet-a"), id("subnet-b")];
        d.apply(Edit::AddComponent(Box::new(asg))).unwrap();
        d.apply(Edit::Reparent(id("web"), Some(id("asg")))).unwrap();
        let order: Vec<&str> = draw_order(&d).iter().map(|c| c.id.as_str()).collect();
        assert_eq!(
            order,
            ["region", "vpc", "subnet-a", "subnet-b", "asg", "app", "web"]
        );
    }

    #[test]
    fn a_link_to_a_long_box_runs_straight_to_the_part_facing_it() {
        // An icon level with the top of a tall group (one spanning two AZs) to its right.
        let icon = LinkEnd {
            rect: at(0.0, 100.0, 96.0, 72.0),
            is_box: false,
        };
        let group = LinkEnd {
            rect: at(300.0, 80.0, 128.0, 500.0),
            is_box: true,
        };
        let (a, b) = link_ends_in_lane(icon, group, 0.0);
        assert_eq!((a.x, a.y), (96.0, 136.0));
        assert_eq!((b.x, b.y), (300.0, 136.0));
        let (b, a) = link_ends_in_lane(group, icon, 0.0);
        assert_eq!((a.x, a.y), (96.0, 136.0));
        assert_eq!((b.x, b.y), (300.0, 136.0));
        // Between two icons nothing changes: centre to centre.
        let other = LinkEnd {
            is_box: false,
            ..group
        };
        assert_eq!(
            link_ends_in_lane(icon, other, 0.0),
            link_segment(&icon.rect, &other.rect)
        );
    }

    #[test]
    fn a_link_label_moves_along_its_link_off_what_it_would_cover() {
        let (a, b) = (Point::new(0.0, 100.0), Point::new(400.0, 100.0));
        let size = Size::new(80.0, 12.0);
        // Nothing in the way: above the middle, clear of the badge there.
        let free = label_anchor(a, b, size, (13.0, 8.0), |_| false);
        assert_eq!((free.x, free.y), (200.0, 87.0));
        // An icon above the middle: the label slides towards an end, off the icon.
        let icon = at(170.0, 40.0, 60.0, 55.0);
        let moved = label_anchor(a, b, size, (13.0, 8.0), |r| r.intersects(&icon));
        assert!(
            (moved.x - 120.0).abs() < 0.01 && (moved.y - 92.0).abs() < 0.01,
            "{moved:?}"
        );
        let label = Rect::new(Point::new(moved.x - 40.0, moved.y - 12.0), size);
        assert!(!label.intersects(&icon));
        // The places above covered too: under the line, middle first.
        let under = label_anchor(a, b, size, (13.0, 8.0), |r| r.min.y < 100.0);
        assert_eq!((under.x, under.y), (200.0, 125.0));
        // Everything covered: back to the middle.
        let stuck = label_anchor(a, b, size, (13.0, 8.0), |_| true);
        assert_eq!((stuck.x, stuck.y), (200.0, 87.0));
    }

    #[test]
    fn a_link_label_never_lies_across_its_own_link() {
        let size = Size::new(90.0, 12.0);
        let centre = Point::new(500.0, 500.0);
        // Every direction, every 15 degrees, with each side of the line tried.
        for step in 0..24 {
            let angle = (step as f32 * 15.0).to_radians();
            let (a, b) = (
                Point::new(
                    centre.x - 200.0 * angle.cos(),
                    centre.y - 200.0 * angle.sin(),
                ),
                Point::new(
                    centre.x + 200.0 * angle.cos(),
                    centre.y + 200.0 * angle.sin(),
                ),
            );
            for first_side_covered in [false, true] {
                // The first seven places tried are on the first side.
                let tries = std::cell::Cell::new(0);
                let p = label_anchor(a, b, size, (13.0, 8.0), |_| {
                    tries.set(tries.get() + 1);
                    first_side_covered && tries.get() <= 7
                });
                let label = Rect::new(Point::new(p.x - size.w / 2.0, p.y - size.h), size);
                let crossed = (0..=400).any(|i| {
                    let t = i as f32 / 400.0;
                    label.contains(Point::new(a.x + (b.x - a.x) * t, a.y + (b.y - a.y) * t))
                });
                assert!(
                    !crossed,
                    "{} degrees, second side {first_side_covered}: {label:?}",
                    step * 15
                );
                // Still next to the line's middle, not pushed far off.
                assert!(
                    crate::model::geometry::distance_to_segment(label.center(), a, b) < 60.0,
                    "{} degrees: {label:?}",
                    step * 15
                );
            }
        }
    }

    #[test]
    fn links_are_hit_near_their_line() {
        let d = sample();
        let order = draw_order(&d);
        assert!(matches!(
            hit_test(&d, &order, Point::new(400.0, 187.0), 4.0),
            Hit::Link(_)
        ));
        assert_eq!(link_at(&d, Point::new(400.0, 240.0), 4.0), None);
    }

    #[test]
    fn rubber_band_takes_what_is_wholly_inside() {
        let d = sample();
        assert_eq!(
            components_in(&d, &at(90.0, 140.0, 120.0, 100.0)),
            vec![id("web")]
        );
    }

    #[test]
    fn new_components_go_into_a_container_that_accepts_them() {
        let d = sample();
        assert_eq!(
            parent_for_new(&d, Kind::Ec2, Point::new(300.0, 300.0)),
            Ok(Some(id("subnet-a")))
        );
        // A Region only goes at the top level, wherever it is dropped.
        assert_eq!(
            parent_for_new(&d, Kind::Region, Point::new(300.0, 300.0)),
            Ok(None)
        );
        // A subnet needs a VPC; on empty canvas it is refused with the reason.
        let err = parent_for_new(&d, Kind::Subnet, Point::new(-500.0, -500.0)).unwrap_err();
        assert!(err.contains("VPC"), "{err}");
        assert!(
            !err.contains("probe"),
            "no stand-in id in what the user reads: {err}"
        );
    }

    #[test]
    fn a_box_is_never_its_own_drop_target() {
        let d = sample();
        assert_eq!(
            container_at(&d, Point::new(300.0, 300.0), &[id("vpc")]),
            Some(id("region"))
        );
        assert_eq!(
            container_at(&d, Point::new(300.0, 300.0), &[id("web")]),
            Some(id("subnet-a"))
        );
    }

    #[test]
    fn a_new_component_lands_beside_what_is_there_not_under_it() {
        let mut b = crate::model::builder::DiagramBuilder::new();
        b.add("region", Kind::Region, None).rect =
            Rect::new(Point::new(0.0, 0.0), crate::model::Size::new(600.0, 400.0));
        b.add("vpc", Kind::Vpc, Some("region")).rect = Rect::new(
            Point::new(20.0, 40.0),
            crate::model::Size::new(560.0, 340.0),
        );
        b.add("subnet", Kind::Subnet, Some("vpc")).rect = Rect::new(
            Point::new(40.0, 80.0),
            crate::model::Size::new(520.0, 280.0),
        );
        b.add("web", Kind::Ec2, Some("subnet")).rect = Rect::new(
            Point::new(252.0, 184.0),
            crate::model::Size::new(96.0, 72.0),
        );
        let diagram = b.build();
        let centre = Point::new(300.0, 220.0);
        let size = crate::model::component::default_size(Kind::Ec2);
        let rect_at = |p: Point| Rect::new(p.offset(-size.w / 2.0, -size.h / 2.0), size);
        let web = diagram.component_by_str("web").unwrap().rect;
        let subnet = diagram.component_by_str("subnet").unwrap().rect;
        // A second instance goes next to the first, still inside the subnet.
        let id = ComponentId::new("subnet").unwrap();
        let second = rect_at(spot_for_new(&diagram, Kind::Ec2, Some(&id), centre).centre);
        assert!(!second.intersects(&web) && subnet.contains_rect(&second));
        // Users belong to no box: they land outside the Region.
        let users = rect_at(spot_for_new(&diagram, Kind::Users, None, centre).centre);
        let region = diagram.component_by_str("region").unwrap().rect;
        assert!(!users.intersects(&region), "{users:?}");
    }

    #[test]
    fn boxes_fill_their_parent_in_reading_order_then_the_parent_grows() {
        let mut b = DiagramBuilder::new();
        b.add("region", Kind::Region, None).rect = at(0.0, 0.0, 1200.0, 800.0);
        b.add("vpc", Kind::Vpc, Some("region")).rect = at(40.0, 60.0, 1000.0, 640.0);
        let vpc = ComponentId::new("vpc").unwrap();
        let size = crate::model::component::default_size(Kind::AvailabilityZone);
        let rect_at = |p: Point| Rect::new(p.offset(-size.w / 2.0, -size.h / 2.0), size);
        // The first AZ goes to the top left, wherever the view's centre is.
        let first = spot_for_new(
            &b.clone().build(),
            Kind::AvailabilityZone,
            Some(&vpc),
            Point::new(600.0, 400.0),
        );
        assert!(first.grow.is_empty());
        let first = rect_at(first.centre);
        assert!(first.min.x < 100.0 && first.min.y < 120.0, "{first:?}");
        b.add("az-a", Kind::AvailabilityZone, Some("vpc")).rect = first;
        // The second beside it.
        let second = spot_for_new(
            &b.clone().build(),
            Kind::AvailabilityZone,
            Some(&vpc),
            Point::new(300.0, 300.0),
        );
        assert!(second.grow.is_empty());
        let second = rect_at(second.centre);
        assert!(
            !second.intersects(&first) && second.min.x > first.max().x,
            "{second:?}"
        );
        b.add("az-b", Kind::AvailabilityZone, Some("vpc")).rect = second;
        // A third does not fit: it goes to the right and the VPC and Region grow around it.
        let diagram = b.build();
        let third = spot_for_new(
            &diagram,
            Kind::AvailabilityZone,
            Some(&vpc),
            Point::new(300.0, 300.0),
        );
        let rect = rect_at(third.centre);
        assert!(rect.min.x > second.max().x, "{rect:?}");
        let ids: Vec<&str> = third.grow.iter().map(|(id, _)| id.as_str()).collect();
        assert_eq!(ids, ["vpc", "region"]);
        assert!(third.grow[0].1.contains_rect(&rect));
        assert!(third.grow[1].1.contains_rect(&third.grow[0].1));
    }

    #[test]
    fn a_growing_box_moves_its_neighbours_aside_instead_of_covering_them() {
        let mut b = DiagramBuilder::new();
        b.add("region", Kind::Region, None).rect = at(0.0, 0.0, 900.0, 500.0);
        b.add("vpc", Kind::Vpc, Some("region")).rect = at(20.0, 40.0, 860.0, 440.0);
        b.add("subnet-a", Kind::Subnet, Some("vpc")).rect = at(40.0, 80.0, 160.0, 140.0);
        b.add("subnet-b", Kind::Subnet, Some("vpc")).rect = at(230.0, 80.0, 160.0, 140.0);
        b.add("subnet-c", Kind::Subnet, Some("vpc")).rect = at(40.0, 260.0, 160.0, 140.0);
        b.add("web", Kind::Ec2, Some("subnet-a")).rect = at(70.0, 120.0, 96.0, 72.0);
        b.add("app", Kind::Ec2, Some("subnet-b")).rect = at(260.0, 120.0, 96.0, 72.0);
        b.add("outside", Kind::Users, None).rect = at(950.0, 100.0, 80.0, 60.0);
        let mut diagram = b.build();
        let spot = spot_for_new(
            &diagram,
            Kind::Ec2,
            Some(&id("subnet-a")),
            Point::new(100.0, 150.0),
        );
        assert!(!spot.grow.is_empty(), "subnet A is full");
        let moved: Vec<&str> = spot.shift.iter().map(|(id, _, _)| id.as_str()).collect();
        assert!(moved.contains(&"subnet-b"), "{moved:?}");
        assert!(
            !moved.contains(&"subnet-c"),
            "below, and not covered: {moved:?}"
        );
        for (id, rect) in spot.grow.iter().rev() {
            diagram.apply(Edit::Resize(id.clone(), *rect)).unwrap();
        }
        for (id, dx, dy) in &spot.shift {
            let edit = diagram.move_edit(std::slice::from_ref(id), *dx, *dy);
            diagram.apply(edit).unwrap();
        }
        let size = crate::model::component::default_size(Kind::Ec2);
        let new = Rect::new(spot.centre.offset(-size.w / 2.0, -size.h / 2.0), size);
        let rect = |s: &str| diagram.component(&id(s)).unwrap().rect;
        assert!(rect("subnet-a").contains_rect(&new));
        assert!(!new.intersects(&rect("web")));
        // No two boxes side by side overlap, and each is inside its parent.
        for (a, b) in [
            ("subnet-a", "subnet-b"),
            ("subnet-a", "subnet-c"),
            ("subnet-b", "subnet-c"),
            ("region", "outside"),
        ] {
            assert!(!rect(a).intersects(&rect(b)), "{a} and {b} overlap");
        }
        for (outer, inner) in [("vpc", "subnet-b"), ("region", "vpc"), ("subnet-b", "app")] {
            assert!(
                rect(outer).contains_rect(&rect(inner)),
                "{inner} outside {outer}"
            );
        }
    }
}
