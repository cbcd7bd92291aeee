//! What the sample and rule-example tests check of a drawing: that it shows what it means.
//! A line drawn behind an icon reads as a link to it, and an icon drawn across a box's
//! edge, or inside a box it is not in, reads as belonging to it.

use cloudsketch::model::{Component, Diagram, Kind, Link, Point};

/// The icons (not boxes) that `link`'s line passes over, other than its own two ends.
pub fn icons_drawn_through(diagram: &Diagram, link: &Link) -> Vec<String> {
    let (a, b) = cloudsketch::model::scene::link_points(diagram, &link.id).unwrap();
    diagram
        .components()
        .filter(|c| !c.kind.is_container() && c.id != link.from && c.id != link.to)
        .filter(|c| {
            // A few units in, so a line grazing a corner does not count.
            let inner = c.rect.expand(-6.0);
            (0..=200).any(|i| {
                let t = i as f32 / 200.0;
                inner.contains(Point::new(a.x + (b.x - a.x) * t, a.y + (b.y - a.y) * t))
            })
        })
        .map(|c| c.id.to_string())
        .collect()
}

/// Every way the drawing misleads, one line each: links through icons they do not join,
/// and icons across the edge of a box they are not in, or inside one.
///
/// An icon that spans subnets (a load balancer, a group's member) is drawn between the
/// zones it spans, across their network boxes, as AWS's diagrams draw it; and an icon sits
/// inside the subnets it lists and their AZs. Every box lies inside its parent. Nothing
/// that lists subnets is drawn inside a subnet it does not list, or inside one AZ of the
/// several it runs in.
pub fn misleading(diagram: &Diagram) -> Vec<String> {
    let mut found = Vec::new();
    for c in diagram.components().filter(|c| !c.props.subnets.is_empty()) {
        if let Some(parent) = c.parent.as_ref().and_then(|p| diagram.component(p))
            && parent.kind == Kind::Subnet
            && !c.props.subnets.contains(&parent.id)
        {
            found.push(format!(
                "{} is drawn in {}, which it does not list",
                c.id, parent.id
            ));
        }
        // Running in several AZs, it is drawn across or between them, not inside one.
        let zones: Vec<&Component> = c
            .props
            .subnets
            .iter()
            .filter_map(|s| diagram.component(s))
            .filter_map(|s| {
                diagram
                    .ancestors(&s.id)
                    .find(|a| a.kind == Kind::AvailabilityZone)
            })
            .collect();
        if let Some(inside) = zones.iter().find(|z| z.rect.contains_rect(&c.rect))
            && zones.iter().any(|z| z.id != inside.id)
        {
            found.push(format!(
                "{} runs in several AZs but is drawn inside {} only",
                c.id, inside.id
            ));
        }
    }
    for link in diagram.links() {
        for icon in icons_drawn_through(diagram, link) {
            found.push(format!("{} is drawn through {icon}", link.id));
        }
    }
    for c in diagram.components() {
        // An icon's label may reach a little past its card.
        let drawn = if c.kind.is_container() {
            c.rect
        } else {
            c.rect.expand(-4.0)
        };
        if let Some(parent) = c.parent.as_ref().and_then(|p| diagram.component(p))
            && !parent.rect.contains_rect(&drawn)
        {
            found.push(format!("{} sticks out of {}", c.id, parent.id));
        }
    }
    for c in diagram.components().filter(|c| !c.kind.is_container()) {
        let spanning = spans_subnets(diagram, c);
        let belongs: Vec<&Component> = diagram
            .ancestors(&c.id)
            .chain(
                c.props
                    .subnets
                    .iter()
                    .filter_map(|s| diagram.component(s))
                    .flat_map(|s| std::iter::once(s).chain(diagram.ancestors(&s.id))),
            )
            .collect();
        let icon = c.rect.expand(-4.0);
        for b in diagram.components().filter(|b| b.kind.is_container()) {
            // Drawn between its zones, it crosses their network boxes, not other groups.
            let network = !matches!(b.kind, Kind::AutoScalingGroup | Kind::EcsService);
            if belongs.iter().any(|a| a.id == b.id) || (spanning && network) {
                continue;
            }
            if b.rect.contains_rect(&icon) {
                found.push(format!(
                    "{} is drawn inside {}, which it is not in",
                    c.id, b.id
                ));
            } else if b.rect.intersects(&icon) {
                found.push(format!("{} is drawn across the edge of {}", c.id, b.id));
            }
        }
    }
    found
}

/// Whether `c` runs in several subnets: it lists two or more, or its group does.
fn spans_subnets(diagram: &Diagram, c: &Component) -> bool {
    std::iter::once(c)
        .chain(diagram.ancestors(&c.id))
        .any(|x| x.props.subnets.len() >= 2)
}
