//! Quick-fix builders shared by several rules. Each returns a [`Fix`] whose edit is one
//! undoable batch, or `None` when the diagram lacks what the fix needs (for example no
//! subnet in a second AZ to spread into).

use std::collections::BTreeSet;

use super::Fix;
use super::context::{LintContext, ZoneId, ZoneSet, Zones};
use crate::model::settings::{
    AsgSettings, HealthCheckType, LbScheme, LoadBalancerSettings, ScalingPolicy, SqsSettings,
    SubnetIntent,
};
use crate::model::{Component, ComponentId, Edit, Kind, Link, LinkKind, Point, Rect, Settings};

/// The drawn intent of a subnet: its setting, else public when it routes to an Internet gateway.
pub fn subnet_intent(cx: &LintContext<'_>, subnet: &Component) -> Option<SubnetIntent> {
    if let Settings::Subnet(s) = &subnet.props.settings
        && let Some(intent) = s.intent
    {
        return Some(intent);
    }
    let routes_to_igw = cx.outgoing(&subnet.id).iter().any(|l| {
        l.kind == LinkKind::NetworkRoute
            && cx
                .component(&l.to)
                .is_some_and(|t| t.kind == Kind::InternetGateway)
    });
    routes_to_igw.then_some(SubnetIntent::Public)
}

/// A subnet in the same VPC as `anchor`, in an AZ outside `exclude`, preferring `intent`.
pub fn subnet_in_other_az<'a>(
    cx: &LintContext<'a>,
    anchor: &Component,
    exclude: &ZoneSet,
    intent: Option<SubnetIntent>,
) -> Option<&'a Component> {
    let vpc = cx.vpc_of(&anchor.id)?;
    let candidates: Vec<&Component> = cx
        .subnets_in_vpc(&vpc.id)
        .iter()
        .copied()
        .filter(|c| match cx.zones(&c.id) {
            Zones::Known(set) => set.iter().all(|z| !exclude.contains(z)),
            _ => false,
        })
        .collect();
    candidates
        .iter()
        .find(|c| intent.is_some() && subnet_intent(cx, c) == intent)
        .or_else(|| candidates.first())
        .copied()
}

/// The subnets a component uses: its list, or the subnet it sits in.
pub fn subnets_of<'a>(cx: &LintContext<'a>, c: &Component) -> Vec<&'a Component> {
    cx.subnets_used_by(c).to_vec()
}

/// A subnet in AZ `zone` of the VPC of `anchor`, preferring `intent`.
fn subnet_in_zone<'a>(
    cx: &LintContext<'a>,
    anchor: &Component,
    zone: ZoneId,
    intent: Option<SubnetIntent>,
) -> Option<&'a Component> {
    let others: ZoneSet = cx
        .all_zones()
        .map(|(z, _)| z)
        .filter(|z| *z != zone)
        .collect();
    subnet_in_other_az(cx, anchor, &others, intent)
}

fn known_zones(cx: &LintContext<'_>, id: &ComponentId) -> ZoneSet {
    match cx.zones(id) {
        Zones::Known(set) => set.clone(),
        _ => ZoneSet::new(),
    }
}

/// Spreads a VPC-spanning component over a subnet in another AZ (moving it up to its VPC
/// when it sat inside one subnet).
pub fn spread_to_second_az(cx: &LintContext<'_>, c: &Component, title: &str) -> Option<Fix> {
    let mut current = subnets_of(cx, c);
    if current.is_empty() {
        // Drawn in an AZ box without subnets: keep a subnet of that AZ as well.
        let &[zone] = known_zones(cx, &c.id)
            .iter()
            .copied()
            .collect::<Vec<_>>()
            .as_slice()
        else {
            return None;
        };
        current.push(subnet_in_zone(cx, c, zone, None)?);
    }
    let intent = current.first().and_then(|s| subnet_intent(cx, s));
    let other = subnet_in_other_az(cx, c, &known_zones(cx, &c.id), intent)?;
    let vpc = cx.vpc_of(&c.id)?;
    let mut props = c.props.clone();
    props.subnets = current
        .iter()
        .map(|s| s.id.clone())
        .chain([other.id.clone()])
        .collect();
    let mut edits = Vec::new();
    if c.parent.as_ref() != Some(&vpc.id) && c.kind != Kind::Lambda {
        edits.push(Edit::Reparent(c.id.clone(), Some(vpc.id.clone())));
    }
    edits.push(Edit::SetProps(c.id.clone(), Box::new(props)));
    Some(Fix::new(
        format!("{title} (add {})", other.display_name()),
        Edit::Batch(edits),
    ))
}

/// Changes a component's kind settings. The edit (a copy of its properties) is built only
/// when the fix is applied.
pub fn change_settings(
    c: &Component,
    title: impl Into<String>,
    change: impl Fn(&mut Settings) + Send + Sync + 'static,
) -> Fix {
    let id = c.id.clone();
    Fix::deferred(title, move |cx| {
        let mut props = cx.component(&id)?.props.clone();
        change(&mut props.settings);
        Some(Edit::SetProps(id.clone(), Box::new(props)))
    })
}

/// A top-left corner near `near` where a new component of `kind` (and `below` more world
/// units under it, for a second one) covers no drawn component (boxes aside), so a fix's
/// additions do not hide what is already there.
fn free_spot(cx: &LintContext<'_>, near: Point, kind: Kind, below: f32) -> Point {
    let mut size = crate::model::component::default_size(kind);
    size.h += below;
    let taken: Vec<crate::model::Rect> = cx
        .components()
        .filter(|c| !c.kind.is_container())
        .map(|c| c.rect.expand(16.0))
        .collect();
    let free = |at: Point| {
        let rect = crate::model::Rect::new(at, size);
        !taken.iter().any(|t| t.intersects(&rect))
    };
    // Below first (links mostly run sideways), then above, then to the sides, farther out
    // each round.
    for ring in 0..6u8 {
        let d = f32::from(ring) * (size.h + 24.0);
        for (dx, dy) in [(0.0, d), (0.0, -d), (-d, 0.0), (d, 0.0), (d, d), (-d, d)] {
            let at = near.offset(dx, dy);
            if free(at) {
                return at;
            }
        }
    }
    near
}

/// Where a new component of `kind` goes in box `parent`, as near `centre` as possible on
/// a spot covering nothing it does not belong in (the top-left corner of its rectangle),
/// and the edits that make room first: a full box grows and its neighbours move aside,
/// as when a component is added from the palette. Only for a fix's one new component:
/// the room edits move what is already drawn, not what the same fix adds.
fn spot_with_room(
    cx: &LintContext<'_>,
    kind: Kind,
    parent: &ComponentId,
    centre: Point,
) -> (Point, Vec<Edit>) {
    let size = crate::model::component::default_size(kind);
    let spot = crate::model::scene::spot_for_new(cx.diagram, kind, Some(parent), centre);
    let at = spot.centre.offset(-size.w / 2.0, -size.h / 2.0);
    (at, spot.room_edits(cx.diagram))
}

fn midpoint(a: &Component, b: &Component) -> Point {
    let (ca, cb) = (a.rect.center(), b.rect.center());
    Point::new((ca.x + cb.x) / 2.0 - 48.0, (ca.y + cb.y) / 2.0 - 36.0)
}

fn add_link(
    edits: &mut Vec<Edit>,
    taken: &mut BTreeSet<String>,
    cx: &LintContext<'_>,
    mut link: Link,
) -> Link {
    let base = link.id.to_string();
    let mut n = 1;
    while cx.diagram.link(&link.id).is_some() || taken.contains(link.id.as_str()) {
        n += 1;
        link.id = cx.diagram.fresh_link_id(&format!("{base}-{n}"));
    }
    taken.insert(link.id.to_string());
    edits.push(Edit::AddLink(Box::new(link.clone())));
    link
}

/// Wraps a lone EC2 instance in an Auto Scaling group spanning its subnet and a subnet in
/// a second AZ; links that reached the instance now reach the group.
pub fn wrap_in_auto_scaling_group(cx: &LintContext<'_>, ec2: &Component) -> Option<Fix> {
    let subnet = subnets_of(cx, ec2).into_iter().next()?;
    let vpc = cx.vpc_of(&ec2.id)?;
    let siblings = lone_siblings(cx, ec2, &vpc.id);
    if !siblings.is_empty() {
        return wrap_siblings(cx, ec2, &siblings, vpc);
    }
    let Some(other) = subnet_in_other_az(
        cx,
        ec2,
        &known_zones(cx, &subnet.id),
        subnet_intent(cx, subnet),
    ) else {
        return wrap_across_new_zone(cx, ec2, subnet, vpc);
    };
    let title = format!(
        "Wrap {} in {} across {} and {}",
        ec2.display_name(),
        group_title(cx, ec2, &vpc.id),
        subnet.display_name(),
        other.display_name()
    );
    let ids = (
        ec2.id.clone(),
        vpc.id.clone(),
        [subnet.id.clone(), other.id.clone()],
    );
    Some(Fix::deferred(title, move |cx| {
        let (ec2, vpc, subnets) = &ids;
        let span = cx.component(&subnets[1]).map(|s| s.rect);
        wrap_in_group_edit(cx, cx.component(ec2)?, vpc, subnets, 2, span)
    }))
}

/// Requests reaching `ec2` straight from outside its VPC (DNS, users, a CDN): once the
/// instance becomes a group they need an internet-facing load balancer in front of it.
fn outside_callers<'a>(cx: &LintContext<'a>, ec2: &Component, vpc: &ComponentId) -> Vec<&'a Link> {
    cx.incoming(&ec2.id)
        .iter()
        .copied()
        .filter(|l| matches!(l.kind, LinkKind::Request | LinkKind::Route))
        .filter(|l| {
            cx.component(&l.from).is_some_and(|from| {
                !from.kind.is_load_balancer()
                    && cx.vpc_of(&from.id).is_none_or(|v| &v.id != vpc)
                    && l.kind.allows(from.kind, Kind::Alb)
            })
        })
        .collect()
}

/// How the wrap fix describes the group it builds.
fn group_title(cx: &LintContext<'_>, ec2: &Component, vpc: &ComponentId) -> &'static str {
    if outside_callers(cx, ec2, vpc).is_empty() {
        "an Auto Scaling group"
    } else {
        "an Auto Scaling group behind an internet-facing load balancer"
    }
}

/// When VPC `vpc` has no Internet gateway: one, with a default route to it from each of
/// `subnets` (an internet-facing load balancer's). Nothing when it has one.
///
/// With `make_room`, a full VPC grows to hold the gateway and its neighbours move aside;
/// a fix that adds other components in the same step passes `false`, since those were
/// placed on the diagram as it is.
pub fn internet_gateway_edits(
    cx: &LintContext<'_>,
    vpc: &ComponentId,
    subnets: &[ComponentId],
    make_room: bool,
) -> Vec<Edit> {
    let Some(vpc) = cx.component(vpc) else {
        return Vec::new();
    };
    if cx
        .children(&vpc.id)
        .iter()
        .any(|c| c.kind == Kind::InternetGateway)
    {
        return Vec::new();
    }
    let igw_id = cx.diagram.fresh_component_id(&format!("{}-igw", vpc.id));
    // Near the VPC's top left, on a spot that covers nothing; a full VPC grows to hold
    // it (moving its neighbours aside) only with `make_room`.
    let size = crate::model::component::default_size(Kind::InternetGateway);
    let near = vpc
        .rect
        .min
        .offset(24.0 + size.w / 2.0, 36.0 + size.h / 2.0);
    let (at, room) = spot_with_room(cx, Kind::InternetGateway, &vpc.id, near);
    let (at, mut edits) = if room.is_empty() || make_room {
        (at, room)
    } else {
        let at = free_spot(
            cx,
            vpc.rect.min.offset(24.0, 36.0),
            Kind::InternetGateway,
            0.0,
        );
        (at, Vec::new())
    };
    let igw = Component::new(
        igw_id.clone(),
        Kind::InternetGateway,
        format!("{} Internet gateway", vpc.display_name()),
        at,
    )
    .with_parent(&vpc.id);
    edits.push(Edit::AddComponent(Box::new(igw)));
    let mut taken = BTreeSet::new();
    for subnet in subnets {
        let mut route = Link::new(LinkKind::NetworkRoute, subnet, &igw_id);
        route.props.destination_cidr = Some("0.0.0.0/0".to_owned());
        add_link(&mut edits, &mut taken, cx, route);
    }
    edits
}

/// Other lone EC2 instances in the VPC that a load balancer routing to `ec2` also routes
/// to, in the same tier and not linked to it: copies of one server, which one Auto Scaling group replaces
/// together (wrapping each in a group of its own would double the fleet).
fn lone_siblings<'a>(
    cx: &LintContext<'a>,
    ec2: &Component,
    vpc: &ComponentId,
) -> Vec<&'a Component> {
    let mut found: Vec<&Component> = Vec::new();
    for route in cx.incoming(&ec2.id) {
        if route.kind != LinkKind::Route {
            continue;
        }
        let Some(lb) = cx
            .component(&route.from)
            .filter(|c| c.kind.is_load_balancer())
        else {
            continue;
        };
        for other in cx.outgoing(&lb.id) {
            let Some(s) = cx.component(&other.to) else {
                continue;
            };
            if other.kind == LinkKind::Route
                && s.kind == Kind::Ec2
                && s.id != ec2.id
                && cx.scaling_group_of(s).is_none()
                && s.props.common.tier_role == ec2.props.common.tier_role
                && cx.vpc_of(&s.id).is_some_and(|v| &v.id == vpc)
                && !cx.outgoing(&s.id).iter().any(|l| l.to == ec2.id)
                && !cx.incoming(&s.id).iter().any(|l| l.from == ec2.id)
                && !found.iter().any(|f| f.id == s.id)
            {
                found.push(s);
            }
        }
    }
    found
}

/// One Auto Scaling group in place of `ec2` and its `siblings`: the group spans all their
/// subnets (and a second AZ if they share one), runs as many instances as were drawn, and
/// takes over their links; the first instance by id stays as the group's drawn member and
/// the others are removed.
fn wrap_siblings(
    cx: &LintContext<'_>,
    ec2: &Component,
    siblings: &[&Component],
    vpc: &Component,
) -> Option<Fix> {
    let mut all: Vec<&Component> = std::iter::once(ec2)
        .chain(siblings.iter().copied())
        .collect();
    // Every instance's finding offers the same fix, named the same way.
    all.sort_by(|a, b| a.id.cmp(&b.id));
    let mut subnets: Vec<&Component> = Vec::new();
    for c in &all {
        for &s in cx.subnets_used_by(c) {
            if !subnets.iter().any(|x| x.id == s.id) {
                subnets.push(s);
            }
        }
    }
    let mut zones = ZoneSet::new();
    for s in &subnets {
        zones.extend(known_zones(cx, &s.id).iter().copied());
    }
    if zones.len() < 2 {
        let intent = subnet_intent(cx, subnets.first()?);
        subnets.push(subnet_in_other_az(cx, all[0], &zones, intent)?);
    }
    let names: Vec<&str> = all.iter().map(|c| c.display_name()).collect();
    let subnet_names: Vec<&str> = subnets.iter().map(|c| c.display_name()).collect();
    let title = format!(
        "Replace {} with one Auto Scaling group across {}",
        super::context::join_names(&names),
        super::context::join_names(&subnet_names)
    );
    let ids: Vec<ComponentId> = all.iter().map(|c| c.id.clone()).collect();
    let subnet_ids: Vec<ComponentId> = subnets.iter().map(|c| c.id.clone()).collect();
    let vpc = vpc.id.clone();
    Some(Fix::deferred(title, move |cx| {
        let (keep, others) = ids.split_first()?;
        let keep = cx.component(keep)?;
        let count = u32::try_from(ids.len()).unwrap_or(u32::MAX);
        let Edit::Batch(mut edits) = wrap_in_group_edit(cx, keep, &vpc, &subnet_ids, count, None)?
        else {
            return None;
        };
        let Some(Edit::AddComponent(group)) = edits.first() else {
            return None;
        };
        let group = group.id.clone();
        let mut taken: BTreeSet<String> = edits
            .iter()
            .filter_map(|e| match e {
                Edit::AddLink(l) => Some(l.id.to_string()),
                _ => None,
            })
            .collect();
        // What already reaches the group, or leaves the kept instance, is not doubled.
        let mut into_group: BTreeSet<(ComponentId, LinkKind)> = cx
            .incoming(&keep.id)
            .iter()
            .map(|l| (l.from.clone(), l.kind))
            .collect();
        let mut out_of_keep: BTreeSet<(ComponentId, LinkKind)> = cx
            .outgoing(&keep.id)
            .iter()
            .map(|l| (l.to.clone(), l.kind))
            .collect();
        for other in others {
            for link in cx.incoming(other) {
                edits.push(Edit::RemoveLink(link.id.clone()));
                // A link between two of the replaced instances ends with them.
                if ids.contains(&link.from) {
                    continue;
                }
                let from_kind = cx.component(&link.from)?.kind;
                let to = if link.kind.allows(from_kind, Kind::AutoScalingGroup) {
                    &group
                } else {
                    &keep.id
                };
                if into_group.insert((link.from.clone(), link.kind)) {
                    let mut moved = Link::new(link.kind, &link.from, to);
                    moved.props = link.props.clone();
                    add_link(&mut edits, &mut taken, cx, moved);
                }
            }
            for link in cx.outgoing(other) {
                if ids.contains(&link.to) {
                    // Removed above, as the other instance's incoming link.
                    if !others.contains(&link.to) {
                        edits.push(Edit::RemoveLink(link.id.clone()));
                    }
                    continue;
                }
                edits.push(Edit::RemoveLink(link.id.clone()));
                if out_of_keep.insert((link.to.clone(), link.kind)) {
                    let mut moved = Link::new(link.kind, &keep.id, &link.to);
                    moved.props = link.props.clone();
                    add_link(&mut edits, &mut taken, cx, moved);
                }
            }
            edits.push(Edit::RemoveComponent(other.clone()));
        }
        Some(Edit::Batch(edits))
    }))
}

/// The VPC has one AZ: add a second one (copies of its subnets) and wrap the instance in a
/// group across its subnet and that subnet's copy, in one step.
fn wrap_across_new_zone(
    cx: &LintContext<'_>,
    ec2: &Component,
    subnet: &Component,
    vpc: &Component,
) -> Option<Fix> {
    let az = super::second_zone::lone_zone_of(cx, subnet)?;
    let planned = super::second_zone::add_second_zone(cx, az)?;
    let title = format!(
        "Add Availability Zone {} (a copy of each subnet) and wrap {} in {} across both",
        planned.name,
        ec2.display_name(),
        group_title(cx, ec2, &vpc.id)
    );
    let ids = (
        ec2.id.clone(),
        vpc.id.clone(),
        subnet.id.clone(),
        az.id.clone(),
    );
    Some(Fix::deferred(title, move |cx| {
        let (ec2, vpc, subnet, az) = &ids;
        let zone = super::second_zone::add_second_zone(cx, cx.component(az)?)?;
        let copy = zone.copies.iter().find(|(old, _)| old == subnet)?.1.clone();
        let span = zone.edits.iter().find_map(|edit| match edit {
            Edit::AddComponent(c) if c.id == copy => Some(c.rect),
            _ => None,
        });
        let wrap = wrap_in_group_edit(
            cx,
            cx.component(ec2)?,
            vpc,
            &[subnet.clone(), copy],
            2,
            span,
        )?;
        let mut edits = zone.edits;
        edits.push(wrap);
        Some(Edit::Batch(edits))
    }))
}

/// Height a box's header (its icon and label) takes, with room under it for the finding
/// badge a group inside gets on its top-right corner (9 pixels above the corner).
const HEADER_ROOM: f32 = crate::model::scene::HEADER_HEIGHT + 12.0;
/// Room a group's box keeps beside its drawn member.
const GROUP_SIDE: f32 = 16.0;
/// Room a group's box keeps above its drawn member: the group's own header.
const GROUP_TOP: f32 = crate::model::scene::HEADER_HEIGHT + 4.0;
/// Room a group's box keeps below its drawn member.
const GROUP_BOTTOM: f32 = 16.0;

/// Where a group wrapping `ec2` is drawn, and how far `ec2` moves down first.
///
/// The box goes around the instance and, when `span` (the subnet in the second AZ) is
/// known, on across to the same place in that subnet, over the AZ boxes between, as AWS's
/// diagrams draw a group that spans AZs. The instance moves down when the group's header
/// would otherwise cover its subnet's (`home`) label, as far as the subnet allows. The
/// box stops at the instance when stretching it would take in other components
/// (`others`), which would look like members.
fn group_layout(ec2: Rect, home: Option<Rect>, span: Option<Rect>, others: &[Rect]) -> (Rect, f32) {
    let around = |r: Rect| {
        Rect::new(
            r.min.offset(-GROUP_SIDE, -GROUP_TOP),
            crate::model::Size::new(
                r.size.w + 2.0 * GROUP_SIDE,
                r.size.h + GROUP_TOP + GROUP_BOTTOM,
            ),
        )
    };
    let dy = home.map_or(0.0, |home| {
        let wanted = home.min.y + HEADER_ROOM + GROUP_TOP - ec2.min.y;
        let room = home.max().y - GROUP_BOTTOM - ec2.max().y;
        wanted.min(room).max(0.0)
    });
    let moved = Rect::new(ec2.min.offset(0.0, dy), ec2.size);
    let own = around(moved);
    let (Some(home), Some(span)) = (home, span) else {
        return (own, dy);
    };
    // The same place in the other subnet, kept inside it.
    let clamp = |v: f32, lo: f32, hi: f32| if hi < lo { lo } else { v.clamp(lo, hi) };
    let mirror = Rect::new(
        Point::new(
            clamp(
                moved.min.x - home.min.x + span.min.x,
                span.min.x + GROUP_SIDE,
                span.max().x - GROUP_SIDE - moved.size.w,
            ),
            clamp(
                moved.min.y - home.min.y + span.min.y,
                span.min.y + HEADER_ROOM + GROUP_TOP,
                span.max().y - GROUP_BOTTOM - moved.size.h,
            ),
        ),
        moved.size,
    );
    let across = own.union(&around(mirror));
    if others.iter().any(|o| o.intersects(&across)) {
        (own, dy)
    } else {
        (across, dy)
    }
}

/// The edit of the wrap fixes: a group of `count` instances (at least two) across
/// `subnets` around `ec2`, which becomes its drawn member; the box reaches across to
/// `span`, the subnet in the second AZ, when it is known (see [`group_layout`]).
fn wrap_in_group_edit(
    cx: &LintContext<'_>,
    ec2: &Component,
    vpc: &ComponentId,
    subnets: &[ComponentId],
    count: u32,
    span: Option<Rect>,
) -> Option<Edit> {
    let asg_id = cx.diagram.fresh_component_id(&format!("{}-asg", ec2.id));
    let home = cx
        .parent_of(ec2)
        .filter(|p| p.kind == Kind::Subnet)
        .map(|s| s.rect);
    let others: Vec<Rect> = cx
        .components()
        .filter(|c| !c.kind.is_container() && c.id != ec2.id)
        .map(|c| c.rect.expand(8.0))
        .collect();
    let (group_rect, dy) = group_layout(ec2.rect, home, span, &others);
    let outside = outside_callers(cx, ec2, vpc);
    let behind_lb = !outside.is_empty()
        || cx.incoming(&ec2.id).iter().any(|l| {
            l.kind == LinkKind::Route
                && cx
                    .component(&l.from)
                    .is_some_and(|f| f.kind.is_load_balancer())
        });
    let mut asg = Component::new(
        asg_id.clone(),
        Kind::AutoScalingGroup,
        format!("{} group", ec2.display_name()),
        group_rect.min,
    )
    .with_parent(vpc)
    .with_size(group_rect.size)
    .with_settings(Settings::Asg(AsgSettings {
        min: Some(count.max(2)),
        max: Some(count.max(2) * 2),
        desired: Some(count.max(2)),
        health_check_type: Some(if behind_lb {
            HealthCheckType::Elb
        } else {
            HealthCheckType::Ec2
        }),
        scaling_policy: Some(ScalingPolicy::TargetTracking),
        ..AsgSettings::default()
    }));
    asg.props.subnets = subnets.to_vec();
    asg.props.common.tier_role = ec2.props.common.tier_role;
    let mut edits = vec![
        Edit::AddComponent(Box::new(asg)),
        Edit::Reparent(ec2.id.clone(), Some(asg_id.clone())),
    ];
    if dy > 0.0 {
        edits.push(cx.diagram.move_edit(std::slice::from_ref(&ec2.id), 0.0, dy));
    }
    let mut taken = BTreeSet::new();
    if !outside.is_empty() {
        // Outside callers reach the group through a new internet-facing load balancer.
        let lb_id = cx.diagram.fresh_component_id(&format!("{}-lb", ec2.id));
        let mut lb = Component::new(
            lb_id.clone(),
            Kind::Alb,
            format!("{} load balancer", ec2.display_name()),
            free_spot(cx, ec2.rect.min.offset(-150.0, 0.0), Kind::Alb, 0.0),
        )
        .with_parent(vpc)
        .with_settings(Settings::LoadBalancer(LoadBalancerSettings {
            scheme: Some(LbScheme::InternetFacing),
            ..LoadBalancerSettings::default()
        }));
        lb.props.subnets = subnets.to_vec();
        edits.push(Edit::AddComponent(Box::new(lb)));
        // It faces the Internet: the VPC needs a gateway to it (NET-002).
        edits.extend(internet_gateway_edits(cx, vpc, subnets, false));
        for link in &outside {
            edits.push(Edit::RemoveLink(link.id.clone()));
            let mut moved = Link::new(link.kind, &link.from, &lb_id);
            moved.props = link.props.clone();
            add_link(&mut edits, &mut taken, cx, moved);
        }
        let mut route = Link::new(LinkKind::Route, &lb_id, &asg_id);
        route.props.health_check = Some(true);
        add_link(&mut edits, &mut taken, cx, route);
        // Behind the load balancer the instances need no public address of their own.
        if let Settings::Ec2(e) = &ec2.props.settings
            && e.public_ip == Some(true)
        {
            let mut props = ec2.props.clone();
            if let Settings::Ec2(e) = &mut props.settings {
                e.public_ip = Some(false);
            }
            edits.push(Edit::SetProps(ec2.id.clone(), Box::new(props)));
        }
    }
    for link in cx.incoming(&ec2.id) {
        if outside.iter().any(|o| o.id == link.id)
            || !link
                .kind
                .allows(cx.component(&link.from)?.kind, Kind::AutoScalingGroup)
        {
            continue;
        }
        edits.push(Edit::RemoveLink(link.id.clone()));
        let mut moved = Link::new(link.kind, &link.from, &asg_id);
        moved.props = link.props.clone();
        // A label naming the instance's address ("direct call to 10.0.2.15") does not fit
        // a call to a group of instances.
        if names_an_address(&moved.props.label) {
            moved.props.label.clear();
        }
        add_link(&mut edits, &mut taken, cx, moved);
    }
    Some(Edit::Batch(edits))
}

/// Whether `label` names an IPv4 address (one instance's, not a group's).
fn names_an_address(label: &str) -> bool {
    label
        .split(|c: char| !(c.is_ascii_digit() || c == '.'))
        .any(|word| word.trim_matches('.').parse::<std::net::Ipv4Addr>().is_ok())
}

/// Replaces the direct call `link` with caller → internal load balancer → callee, the load
/// balancer spanning the callee's AZ and a second one.
pub fn insert_load_balancer(cx: &LintContext<'_>, link: &Link) -> Option<Fix> {
    let caller = cx.component(&link.from)?;
    let callee = cx.component(&link.to)?;
    let vpc = cx.vpc_of(&callee.id)?;
    let mut subnets: Vec<&Component> = subnets_of(cx, callee);
    let mut zones = ZoneSet::new();
    for s in &subnets {
        zones.extend(known_zones(cx, &s.id).iter().copied());
    }
    let intent = subnets.first().and_then(|s| subnet_intent(cx, s));
    // An ALB needs subnets in two AZs.
    while zones.len() < 2 {
        let extra = subnet_in_other_az(cx, callee, &zones, intent)?;
        zones.extend(known_zones(cx, &extra.id).iter().copied());
        subnets.push(extra);
    }
    let title = text!(
        "Put an internal load balancer between ",
        caller.display_name(),
        " and ",
        callee.display_name()
    );
    let ids = (
        link.id.clone(),
        vpc.id.clone(),
        subnets.iter().map(|s| s.id.clone()).collect::<Vec<_>>(),
    );
    Some(Fix::deferred(title, move |cx| {
        let (link, vpc, subnets) = &ids;
        insert_load_balancer_edit(cx, cx.diagram.link(link)?, vpc, subnets)
    }))
}

fn insert_load_balancer_edit(
    cx: &LintContext<'_>,
    link: &Link,
    vpc: &ComponentId,
    subnets: &[ComponentId],
) -> Option<Edit> {
    let caller = cx.component(&link.from)?;
    let callee = cx.component(&link.to)?;
    let lb_id = cx.diagram.fresh_component_id(&format!("{}-lb", callee.id));
    // Between the tiers, on a spot covering no subnet or AZ box (it is drawn in the VPC).
    let size = crate::model::component::default_size(Kind::Alb);
    let between = midpoint(caller, callee).offset(size.w / 2.0, size.h / 2.0);
    let (at, mut edits) = spot_with_room(cx, Kind::Alb, vpc, between);
    let mut lb = Component::new(
        lb_id.clone(),
        Kind::Alb,
        format!("{} load balancer", callee.display_name()),
        at,
    )
    .with_parent(vpc)
    .with_settings(Settings::LoadBalancer(LoadBalancerSettings {
        scheme: Some(LbScheme::Internal),
        ..LoadBalancerSettings::default()
    }));
    lb.props.subnets = subnets.to_vec();
    edits.extend([
        Edit::RemoveLink(link.id.clone()),
        Edit::AddComponent(Box::new(lb)),
    ]);
    let mut taken = BTreeSet::new();
    let mut call = Link::new(LinkKind::Request, &caller.id, &lb_id);
    call.props = link.props.clone();
    // The label described the direct call ("direct call to 10.0.2.15"), which is gone.
    call.props.label.clear();
    add_link(&mut edits, &mut taken, cx, call);
    let mut route = Link::new(LinkKind::Route, &lb_id, &callee.id);
    route.props.health_check = Some(true);
    add_link(&mut edits, &mut taken, cx, route);
    // A group behind a load balancer replaces what fails its health check (HEAL-001).
    if let Settings::Asg(a) = &callee.props.settings
        && a.health_check_type != Some(HealthCheckType::Elb)
    {
        let mut props = callee.props.clone();
        if let Settings::Asg(a) = &mut props.settings {
            a.health_check_type = Some(HealthCheckType::Elb);
        }
        edits.push(Edit::SetProps(callee.id.clone(), Box::new(props)));
    }
    Some(Edit::Batch(edits))
}

/// Replaces the direct call `link` with caller → SQS queue (with a dead-letter queue) → callee.
pub fn insert_queue(cx: &LintContext<'_>, link: &Link) -> Option<Fix> {
    let caller = cx.component(&link.from)?;
    let callee = cx.component(&link.to)?;
    if !LinkKind::Send.allows(caller.kind, Kind::Sqs)
        || !LinkKind::Consume.allows(Kind::Sqs, callee.kind)
    {
        return None;
    }
    let title = text!(
        "Put an SQS queue (with a dead-letter queue) between ",
        caller.display_name(),
        " and ",
        callee.display_name()
    );
    let link = link.id.clone();
    Some(Fix::deferred(title, move |cx| {
        insert_queue_edit(cx, cx.diagram.link(&link)?)
    }))
}

fn insert_queue_edit(cx: &LintContext<'_>, link: &Link) -> Option<Edit> {
    let caller = cx.component(&link.from)?;
    let callee = cx.component(&link.to)?;
    let region = cx
        .region_of(&callee.id)
        .or_else(|| cx.region_of(&caller.id));
    let queue_id = cx
        .diagram
        .fresh_component_id(&format!("{}-queue", callee.id));
    let dlq_base = format!("{}-dlq", callee.id);
    let dlq_id = if dlq_base == queue_id.as_str() {
        cx.diagram.fresh_component_id(&format!("{dlq_base}-2"))
    } else {
        cx.diagram.fresh_component_id(&dlq_base)
    };
    let mut queue = Component::new(
        queue_id.clone(),
        Kind::Sqs,
        format!("{} queue", callee.display_name()),
        free_spot(cx, midpoint(caller, callee), Kind::Sqs, 96.0),
    )
    .with_settings(Settings::Sqs(SqsSettings {
        receive_wait_time_secs: Some(20),
        max_receive_count: Some(5),
        ..SqsSettings::default()
    }));
    let mut dlq = Component::new(
        dlq_id.clone(),
        Kind::Sqs,
        format!("{} dead letters", callee.display_name()),
        queue.rect.min.offset(0.0, 96.0),
    );
    let mut edits = vec![Edit::RemoveLink(link.id.clone())];
    match region {
        // In the Region: each queue on a free spot there, the Region growing when full
        // (the dead-letter queue is placed once the queue is drawn, below it).
        Some(region) => {
            queue.parent = Some(region.id.clone());
            dlq.parent = Some(region.id.clone());
            let size = crate::model::component::default_size(Kind::Sqs);
            let between = midpoint(caller, callee).offset(size.w / 2.0, size.h / 2.0);
            let (at, room) = spot_with_room(cx, Kind::Sqs, &region.id, between);
            queue.rect.min = at;
            edits.extend(room);
            let mut scratch = cx.diagram.clone();
            for edit in edits.iter().skip(1) {
                scratch.apply(edit.clone()).ok()?;
            }
            scratch
                .apply(Edit::AddComponent(Box::new(queue.clone())))
                .ok()?;
            let below = queue.rect.center().offset(0.0, size.h + 24.0);
            let spot =
                crate::model::scene::spot_for_new(&scratch, Kind::Sqs, Some(&region.id), below);
            dlq.rect.min = spot.centre.offset(-size.w / 2.0, -size.h / 2.0);
            edits.push(Edit::AddComponent(Box::new(queue)));
            edits.extend(spot.room_edits(&scratch));
            edits.push(Edit::AddComponent(Box::new(dlq)));
        }
        None => edits.extend([
            Edit::AddComponent(Box::new(queue)),
            Edit::AddComponent(Box::new(dlq)),
        ]),
    }
    let mut taken = BTreeSet::new();
    let mut send = Link::new(LinkKind::Send, &caller.id, &queue_id);
    send.props.payload_bytes = link.props.payload_bytes;
    add_link(&mut edits, &mut taken, cx, send);
    add_link(
        &mut edits,
        &mut taken,
        cx,
        Link::new(LinkKind::Consume, &queue_id, &callee.id),
    );
    add_link(
        &mut edits,
        &mut taken,
        cx,
        Link::new(LinkKind::DeadLetter, &queue_id, &dlq_id),
    );
    Some(Edit::Batch(edits))
}

/// The fix that makes a non-redundant component redundant, by kind.
pub fn make_redundant(cx: &LintContext<'_>, c: &Component) -> Option<Fix> {
    use crate::model::settings::{MqDeployment, MqEngine, RdsDeployment};
    let group = cx.scaling_group_of(c);
    match (&c.props.settings, c.kind) {
        (_, Kind::Ec2) if group.is_some() => make_redundant(cx, group?),
        (Settings::Ec2(s), _)
            if s.software
                .as_deref()
                .is_some_and(super::context::is_data_software) =>
        {
            None
        }
        (_, Kind::Ec2) => wrap_in_auto_scaling_group(cx, c),
        (Settings::Rds(_), _) => Some(change_settings(
            c,
            format!("Make {} Multi-AZ", c.display_name()),
            |s| {
                if let Settings::Rds(s) = s {
                    s.deployment = Some(RdsDeployment::MultiAzInstance);
                }
            },
        )),
        (Settings::Aurora(a), _) => {
            let instances = a.instances().max(2);
            Some(change_settings(
                c,
                format!("Add a reader in another AZ to {}", c.display_name()),
                move |s| {
                    if let Settings::Aurora(s) = s {
                        s.instances = Some(instances);
                    }
                },
            ))
        }
        (Settings::ElastiCache(_), _) => Some(change_settings(
            c,
            format!(
                "Give {} a replica with automatic failover across AZs",
                c.display_name()
            ),
            |s| {
                if let Settings::ElastiCache(s) = s {
                    s.replicas_per_shard = Some(s.replicas_per_shard().max(1));
                    s.automatic_failover = Some(true);
                    s.multi_az = Some(true);
                }
            },
        )),
        (Settings::Mq(m), _) => {
            let mode = match m.engine() {
                MqEngine::ActiveMq => MqDeployment::ActiveStandbyMultiAz,
                MqEngine::RabbitMq => MqDeployment::ClusterMultiAz,
            };
            Some(change_settings(
                c,
                format!("Run {} as a Multi-AZ broker", c.display_name()),
                move |s| {
                    if let Settings::Mq(s) = s {
                        s.deployment_mode = Some(mode);
                    }
                },
            ))
        }
        (Settings::Efs(_), _) => Some(change_settings(
            c,
            format!("Use Regional storage for {}", c.display_name()),
            |s| {
                if let Settings::Efs(s) = s {
                    s.one_zone = Some(false);
                }
            },
        )),
        (Settings::Asg(a), _) => {
            let zones = cx.zones(&c.id).count().unwrap_or(0);
            if zones < 2 {
                return spread_to_second_az(
                    cx,
                    c,
                    &format!("Spread {} over a second AZ", c.display_name()),
                );
            }
            let min = a.min.unwrap_or(1).max(2);
            Some(change_settings(
                c,
                format!("Run at least 2 instances in {}", c.display_name()),
                move |s| {
                    if let Settings::Asg(s) = s {
                        s.min = Some(min);
                        s.desired = Some(s.desired.unwrap_or(min).max(min));
                        s.max = Some(s.max.unwrap_or(min).max(min));
                    }
                },
            ))
        }
        (Settings::EcsService(e), _) => {
            if cx.zones(&c.id).count().unwrap_or(0) < 2 {
                return spread_to_second_az(
                    cx,
                    c,
                    &format!("Spread {} over a second AZ", c.display_name()),
                );
            }
            let desired = e.desired_count().max(2);
            Some(change_settings(
                c,
                format!("Run at least 2 tasks of {}", c.display_name()),
                move |s| {
                    if let Settings::EcsService(s) = s {
                        s.desired_count = Some(desired);
                        s.min = Some(s.min.unwrap_or(desired).max(2));
                    }
                },
            ))
        }
        _ if matches!(cx.zones(&c.id), Zones::Known(set) if set.len() < 2) => spread_to_second_az(
            cx,
            c,
            &format!("Spread {} over a second AZ", c.display_name()),
        ),
        _ => None,
    }
}

/// Changes a component's common settings (alarms, deletion protection, …), built only
/// when the fix is applied.
pub fn change_common(
    c: &Component,
    title: impl Into<String>,
    change: impl Fn(&mut crate::model::settings::CommonSettings) + Send + Sync + 'static,
) -> Fix {
    let id = c.id.clone();
    Fix::deferred(title, move |cx| {
        let mut props = cx.component(&id)?.props.clone();
        change(&mut props.common);
        Some(Edit::SetProps(id.clone(), Box::new(props)))
    })
}

/// Adds a monitored dead-letter queue to `source` (an SQS queue, SNS topic or Lambda
/// function) with a redrive after five receives.
pub fn add_dead_letter_queue(source: &Component) -> Option<Fix> {
    if !LinkKind::DeadLetter.allows(source.kind, Kind::Sqs) {
        return None;
    }
    let title = text!(
        "Add a dead-letter queue with an alarm to ",
        source.display_name()
    );
    let id = source.id.clone();
    Some(Fix::deferred(title, move |cx| {
        add_dead_letter_queue_edit(cx, cx.component(&id)?)
    }))
}

fn add_dead_letter_queue_edit(cx: &LintContext<'_>, source: &Component) -> Option<Edit> {
    let fifo = matches!(&source.props.settings, Settings::Sqs(s) if s.fifo())
        || matches!(&source.props.settings, Settings::Sns(s) if s.fifo());
    let dlq_id = cx.diagram.fresh_component_id(&format!("{}-dlq", source.id));
    let mut dlq = Component::new(
        dlq_id.clone(),
        Kind::Sqs,
        format!("{} dead letters", source.display_name()),
        source.rect.min.offset(0.0, 96.0),
    )
    .with_settings(Settings::Sqs(SqsSettings {
        fifo: fifo.then_some(true),
        retention_secs: Some(1_209_600),
        ..SqsSettings::default()
    }));
    dlq.props.common.monitored = Some(true);
    dlq.parent = cx.region_of(&source.id).map(|r| r.id.clone());
    let mut edits = vec![Edit::AddComponent(Box::new(dlq))];
    if let Settings::Sqs(s) = &source.props.settings
        && s.max_receive_count.is_none()
    {
        let mut props = source.props.clone();
        if let Settings::Sqs(s) = &mut props.settings {
            s.max_receive_count = Some(5);
        }
        edits.push(Edit::SetProps(source.id.clone(), Box::new(props)));
    }
    let mut taken = BTreeSet::new();
    add_link(
        &mut edits,
        &mut taken,
        cx,
        Link::new(LinkKind::DeadLetter, &source.id, &dlq_id),
    );
    Some(Edit::Batch(edits))
}
