//! SPOF-007: private subnets in several AZs sending egress through one zonal NAT gateway.

use std::collections::{BTreeMap, BTreeSet};

use crate::model::settings::SubnetIntent;
use crate::model::settings::{NatMode, Settings};
use crate::model::{Component, ComponentId, Edit, Kind, Link, LinkKind, Point, Severity};
use crate::rules::context::{LintContext, ZoneId, Zones, join_names};
use crate::rules::fixes::{self, subnet_intent};
use crate::rules::{Finding, Fix, Rule, RuleMeta};

declare_rule! {
    /// ## What it flags
    /// A zonal NAT gateway that private subnets in other Availability Zones route their
    /// Internet traffic through.
    ///
    /// ## Why it matters
    /// "If you have resources in multiple Availability Zones and they share one NAT
    /// gateway, and if the NAT gateway's Availability Zone is down, resources in the other
    /// Availability Zones lose internet access" (Amazon VPC, NAT gateway basics). Cross-AZ
    /// traffic to it is also billed. AWS Well-Architected REL10-BP01.
    ///
    /// ## Example
    /// `tests/fixtures/rules/SPOF-007/fail_one_nat_two_azs.ron`
    ///
    /// ## Use instead
    /// One NAT gateway per AZ with each private subnet routed to its own AZ's gateway, or a
    /// regional NAT gateway (`pass_nat_per_az.ron`, `pass_regional_nat.ron`).
    ///
    /// ## Known limitations
    /// Only routes drawn as network-route links from subnets are followed; NAT instances
    /// drawn as EC2 are not recognised.
    pub ZonalNatGatewaySharedAcrossAzs {
        id: "SPOF-007",
        name: "zonal-nat-gateway-shared-across-azs",
        family: Spof,
        default_severity: Medium,
        since: "0.1.0",
    }
}

fn single_zone(zones: &Zones) -> Option<ZoneId> {
    match zones {
        Zones::Known(set) if set.len() == 1 => set.iter().next().copied(),
        _ => None,
    }
}

impl Rule for ZonalNatGatewaySharedAcrossAzs {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &LintContext<'_>, out: &mut Vec<Finding>) {
        for nat in cx.of_kind(Kind::NatGateway).iter().copied() {
            if matches!(&nat.props.settings, Settings::NatGateway(s) if s.availability_mode() == NatMode::Regional)
            {
                continue;
            }
            let Some(nat_zone) = single_zone(cx.zones(&nat.id)) else {
                continue;
            };
            let foreign: Vec<&Link> = cx
                .incoming(&nat.id)
                .iter()
                .copied()
                .filter(|l| l.kind == LinkKind::NetworkRoute)
                .filter(|l| single_zone(cx.zones(&l.from)).is_some_and(|z| z != nat_zone))
                .collect();
            if foreign.is_empty() {
                continue;
            }
            let critical = foreign.iter().any(|l| cx.subtree_on_request_path(&l.from));
            let names: Vec<String> = foreign.iter().map(|l| cx.name(&l.from)).collect();
            let names: Vec<&str> = names.iter().map(String::as_str).collect();
            let (where_, lose, route) = if foreign.len() == 1 {
                ("another AZ", "loses", "it routes")
            } else {
                ("other AZs", "lose", "they route")
            };
            let message = format!(
                "{} in {where_} {lose} Internet egress if {} fails: {route} through {}, which is in that AZ",
                join_names(&names),
                cx.zone_names(&BTreeSet::from([nat_zone])),
                nat.display_name()
            );
            let mut finding = Self::finding(
                if critical {
                    Severity::High
                } else {
                    Severity::Medium
                },
                message,
            )
            .component(&nat.id);
            for l in &foreign {
                finding = finding.component(&l.from).link(&l.id);
            }
            out.push(
                finding
                    .with_fix(nat_per_az(cx, nat, &foreign))
                    .with_fix(Some(fixes::change_settings(
                        nat,
                        format!("Make {} a regional NAT gateway", nat.display_name()),
                        |s| {
                            if let Settings::NatGateway(s) = s {
                                s.availability_mode = Some(NatMode::Regional);
                            }
                        },
                    ))),
            );
        }
    }
}

/// Adds a NAT gateway in a public subnet of each AZ that lacks one and re-routes each
/// private subnet to the gateway in its own AZ.
pub(crate) fn nat_per_az(cx: &LintContext<'_>, nat: &Component, foreign: &[&Link]) -> Option<Fix> {
    let vpc = cx.vpc_of(&nat.id)?;
    let mut per_zone: BTreeMap<ZoneId, ComponentId> = BTreeMap::new();
    for other in cx.of_kind(Kind::NatGateway).iter().copied() {
        if cx.vpc_of(&other.id).is_some_and(|v| v.id == vpc.id)
            && let Some(z) = single_zone(cx.zones(&other.id))
        {
            per_zone.entry(z).or_insert_with(|| other.id.clone());
        }
    }
    let mut edits = Vec::new();
    let mut created: Vec<ComponentId> = Vec::new();
    for link in foreign {
        let zone = single_zone(cx.zones(&link.from))?;
        let target = if let Some(existing) = per_zone.get(&zone) {
            existing.clone()
        } else {
            let public = cx.components().find(|c| {
                c.kind == Kind::Subnet
                    && cx.vpc_of(&c.id).is_some_and(|v| v.id == vpc.id)
                    && single_zone(cx.zones(&c.id)) == Some(zone)
                    && subnet_intent(cx, c) == Some(SubnetIntent::Public)
            })?;
            let mut id = cx.diagram.fresh_component_id(&format!("{}-nat", public.id));
            while created.contains(&id) {
                id = cx.diagram.fresh_component_id(&format!("{id}-2"));
            }
            let at = Point::new(public.rect.min.x + 24.0, public.rect.min.y + 40.0);
            let mut new_nat = Component::new(
                id.clone(),
                Kind::NatGateway,
                format!("NAT gateway {}", cx.zone_names(&BTreeSet::from([zone]))),
                at,
            )
            .with_parent(&public.id);
            new_nat.props.settings = nat.props.settings.clone();
            edits.push(Edit::AddComponent(Box::new(new_nat)));
            created.push(id.clone());
            per_zone.insert(zone, id.clone());
            id
        };
        edits.push(Edit::RemoveLink(link.id.clone()));
        let mut route = Link::new(LinkKind::NetworkRoute, &link.from, &target);
        route.props = link.props.clone();
        if cx.diagram.link(&route.id).is_some() {
            continue;
        }
        edits.push(Edit::AddLink(Box::new(route)));
    }
    Some(Fix::new(
        "Add a NAT gateway per AZ and route each private subnet to its own AZ's gateway",
        Edit::Batch(edits),
    ))
}
