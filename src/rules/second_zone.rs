//! Quick fix for a VPC drawn in one Availability Zone: add a second AZ box beside the first
//! with a copy of each of its subnets (same intent and routes, the next free block of the
//! same size), making room in the boxes around it. Rules combine it with the change that
//! needed a second AZ (an Auto Scaling group across both), so one click fixes the finding.

use std::collections::BTreeSet;

use super::context::LintContext;
use crate::cidr::{self, Ipv4Net};
use crate::model::settings::AzSettings;
use crate::model::{Component, ComponentId, Edit, Kind, Link, LinkKind, Rect, Settings, Size};

/// Vertical gap between the old AZ box and the new one: a band, as the editor's Tidy
/// layout leaves, where what spans both zones (an internal load balancer a later fix puts
/// between two tiers) can be drawn on no subnet.
const GAP: f32 = 120.0;

/// What adding the zone does: the edits, and each old subnet with its copy.
pub struct SecondZone {
    /// Name of the new zone (`us-east-1b`).
    pub name: String,
    /// The edits, in order.
    pub edits: Vec<Edit>,
    /// (subnet of the first AZ, its copy in the new one).
    pub copies: Vec<(ComponentId, ComponentId)>,
}

/// The AZ box `subnet` is drawn in, when it is the only AZ box of its VPC.
pub fn lone_zone_of<'a>(cx: &LintContext<'a>, subnet: &Component) -> Option<&'a Component> {
    let az = cx
        .ancestors(subnet)
        .find(|a| a.kind == Kind::AvailabilityZone)?;
    let vpc = cx.parent_of(az).filter(|p| p.kind == Kind::Vpc)?;
    let zones = cx
        .children(&vpc.id)
        .iter()
        .filter(|c| c.kind == Kind::AvailabilityZone)
        .count();
    (zones == 1).then_some(az)
}

/// `us-east-1a` → `us-east-1b`; any other name gets `-2`.
fn next_zone_name(name: &str) -> String {
    let mut tail = name.chars().rev();
    match (tail.next(), tail.next()) {
        // AWS zone names end in a digit and a letter.
        (Some(c @ 'a'..='y'), Some('0'..='9')) => {
            format!("{}{}", &name[..name.len() - 1], char::from(c as u8 + 1))
        }
        _ => format!("{name}-2"),
    }
}

/// `app-a` → `app-b`, `web` → `web-b`.
fn next_id_base(id: &str) -> String {
    match id.rsplit_once('-') {
        Some((stem, "a")) => format!("{stem}-b"),
        _ => format!("{id}-b"),
    }
}

/// "Private subnet A (10.0.2.0/24)" → "Private subnet B (10.0.4.0/24)".
fn next_label(label: &str, old_cidr: Option<&str>, new_cidr: Option<&str>) -> String {
    let mut label = match (old_cidr, new_cidr) {
        (Some(old), Some(new)) => label.replace(old, new),
        _ => label.to_owned(),
    };
    if label.contains(" A (") {
        label = label.replacen(" A (", " B (", 1);
    } else if let Some(stem) = label.strip_suffix(" A") {
        label = format!("{stem} B");
    } else {
        label.push_str(" (copy)");
    }
    label
}

fn subnet_net(c: &Component) -> Option<Ipv4Net> {
    match &c.props.settings {
        Settings::Subnet(s) => s.cidr.as_deref().and_then(|t| cidr::parse(t).ok()),
        _ => None,
    }
}

/// Adds a second AZ next to `az` (the only AZ box of its VPC) with copies of its subnets.
pub fn add_second_zone(cx: &LintContext<'_>, az: &Component) -> Option<SecondZone> {
    let diagram = cx.diagram;
    let vpc = cx.parent_of(az).filter(|p| p.kind == Kind::Vpc)?;
    let old_name = match &az.props.settings {
        Settings::Az(s) => s.zone.clone().filter(|z| !z.is_empty()),
        _ => None,
    }
    .unwrap_or_else(|| az.display_name().to_owned());
    let name = next_zone_name(&old_name);
    let dy = az.rect.size.h + GAP;
    let mut edits = Vec::new();
    let mut taken_ids: BTreeSet<String> = BTreeSet::new();
    let mut fresh = |base: &str| {
        let mut id = diagram.fresh_component_id(base);
        let mut n = 2;
        while taken_ids.contains(id.as_str()) {
            id = diagram.fresh_component_id(&format!("{base}-{n}"));
            n += 1;
        }
        taken_ids.insert(id.to_string());
        id
    };

    // Make room: the VPC and the boxes around it grow by one AZ's height, and whatever
    // sat below the VPC inside them moves down.
    let vpc_bottom = vpc.rect.max().y;
    let mut inside_vpc: BTreeSet<ComponentId> = diagram.subtree(&vpc.id).into_iter().collect();
    let ancestors: Vec<&Component> = std::iter::once(vpc).chain(cx.ancestors(vpc)).collect();
    for a in &ancestors {
        inside_vpc.insert(a.id.clone());
        let grown = Rect::new(a.rect.min, Size::new(a.rect.size.w, a.rect.size.h + dy));
        edits.push(Edit::Resize(a.id.clone(), grown));
    }
    if let Some(outermost) = ancestors.last() {
        let moves: Vec<(ComponentId, crate::model::Point)> = diagram
            .subtree(&outermost.id)
            .iter()
            .filter(|id| !inside_vpc.contains(*id))
            .filter_map(|id| diagram.component(id))
            .filter(|c| c.rect.min.y >= vpc_bottom)
            .map(|c| (c.id.clone(), c.rect.min.offset(0.0, dy)))
            .collect();
        if !moves.is_empty() {
            edits.push(Edit::Move(moves));
        }
    }

    let az_id = fresh(&next_id_base(az.id.as_str()));
    let label = if az.props.label.contains(&old_name) {
        az.props.label.replace(&old_name, &name)
    } else {
        format!("Availability Zone {name}")
    };
    let new_az = Component::new(
        az_id.clone(),
        Kind::AvailabilityZone,
        label,
        az.rect.min.offset(0.0, dy),
    )
    .with_parent(&vpc.id)
    .with_size(az.rect.size)
    .with_settings(Settings::Az(AzSettings {
        zone: Some(name.clone()),
    }));
    edits.push(Edit::AddComponent(Box::new(new_az)));

    let blocks: Vec<Ipv4Net> = match &vpc.props.settings {
        Settings::Vpc(v) => v
            .cidr_blocks()
            .iter()
            .filter_map(|t| cidr::parse(t).ok())
            .collect(),
        _ => Vec::new(),
    };
    let mut taken_nets: Vec<Ipv4Net> = cx
        .subnets_in_vpc(&vpc.id)
        .iter()
        .filter_map(|s| subnet_net(s))
        .collect();
    let mut copies = Vec::new();
    let mut taken_links = BTreeSet::new();
    for subnet in cx
        .children(&az.id)
        .iter()
        .filter(|c| c.kind == Kind::Subnet)
    {
        let new_net = subnet_net(subnet)
            .and_then(|net| cidr::free_block(&blocks, &taken_nets, net.prefix_len()));
        taken_nets.extend(new_net);
        let old_text = match &subnet.props.settings {
            Settings::Subnet(s) => s.cidr.clone(),
            _ => None,
        };
        let new_text = new_net.map(|n| n.to_string());
        let id = fresh(&next_id_base(subnet.id.as_str()));
        let mut props = subnet.props.clone();
        props.label = next_label(
            &subnet.props.label,
            old_text.as_deref(),
            new_text.as_deref(),
        );
        props.waivers.clear();
        if let Settings::Subnet(s) = &mut props.settings {
            s.cidr = new_text;
        }
        let mut copy = Component::new(
            id.clone(),
            Kind::Subnet,
            props.label.clone(),
            subnet.rect.min.offset(0.0, dy),
        )
        .with_parent(&az_id)
        .with_size(subnet.rect.size);
        copy.props = props;
        edits.push(Edit::AddComponent(Box::new(copy)));
        // The copy routes where the original does.
        for route in cx
            .outgoing(&subnet.id)
            .iter()
            .filter(|l| l.kind == LinkKind::NetworkRoute)
        {
            let mut link = Link::new(LinkKind::NetworkRoute, &id, &route.to);
            let base = link.id.to_string();
            let mut n = 2;
            while diagram.link(&link.id).is_some() || taken_links.contains(link.id.as_str()) {
                link.id = diagram.fresh_link_id(&format!("{base}-{n}"));
                n += 1;
            }
            taken_links.insert(link.id.to_string());
            link.props = route.props.clone();
            link.props.waivers.clear();
            edits.push(Edit::AddLink(Box::new(link)));
        }
        copies.push((subnet.id.clone(), id));
    }
    Some(SecondZone {
        name,
        edits,
        copies,
    })
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;

    #[test]
    fn names_follow_the_first_zone() {
        assert_eq!(next_zone_name("us-east-1a"), "us-east-1b");
        assert_eq!(next_zone_name("zone"), "zone-2");
        assert_eq!(next_id_base("app-a"), "app-b");
        assert_eq!(next_id_base("web"), "web-b");
        assert_eq!(
            next_label(
                "Private app subnet A (10.0.2.0/24)",
                Some("10.0.2.0/24"),
                Some("10.0.4.0/24")
            ),
            "Private app subnet B (10.0.4.0/24)"
        );
        assert_eq!(next_label("Public A", None, None), "Public B");
    }
}
