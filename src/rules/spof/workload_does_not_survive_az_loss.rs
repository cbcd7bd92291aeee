//! SPOF-002: losing one Availability Zone cuts entry points off from data stores.

use super::zonal_nat_gateway_shared_across_azs::nat_per_az;
use crate::model::kind::Placement;
use crate::model::{Component, Kind, Link, LinkKind, Severity};
use crate::rules::context::{LintContext, join_names};
use crate::rules::{Finding, Rule, RuleMeta, fixes};

declare_rule! {
    /// ## What it flags
    /// An Availability Zone whose loss breaks the workload: the simulation removes every
    /// component that runs only in that AZ and reports the data stores and critical
    /// components that can no longer be reached from any entry point, and the private
    /// subnets in other AZs with something in them that lose egress because their zonal
    /// NAT gateway was there.
    ///
    /// ## Why it matters
    /// AZs fail as a unit. A workload should be statically stable: survive the loss of
    /// one AZ with what is already running in the others (AWS Well-Architected REL10-BP01,
    /// REL11-BP05 static stability).
    ///
    /// ## Example
    /// `tests/fixtures/rules/SPOF-002/fail_everything_in_one_az.ron`
    ///
    /// ## Use instead
    /// Spread every tier over at least two AZs (`pass_two_az_stack.ron`).
    ///
    /// ## Known limitations
    /// Checks reachability, not capacity: it does not yet verify that the remaining AZs can
    /// carry peak load (N+1). Components whose AZs are not drawn are assumed to survive.
    pub WorkloadDoesNotSurviveAzLoss {
        id: "SPOF-002",
        name: "workload-does-not-survive-az-loss",
        family: Spof,
        default_severity: High,
        since: "0.1.0",
    }
}

impl Rule for WorkloadDoesNotSurviveAzLoss {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &LintContext<'_>, out: &mut Vec<Finding>) {
        for (zone, info) in cx.all_zones() {
            let breaks = cx.zone_breaks(zone);
            if breaks.unreachable.is_empty() && breaks.stranded_subnets.is_empty() {
                continue;
            }
            // Something breaks: simulate again, listing what fails, for the subjects and fixes.
            let loss = cx.zone_loss(zone);
            let mut parts = Vec::new();
            if !loss.unreachable.is_empty() {
                let lost: Vec<String> = loss
                    .unreachable
                    .iter()
                    .take(4)
                    .map(|id| cx.name(id))
                    .collect();
                let lost: Vec<&str> = lost.iter().map(String::as_str).collect();
                let more = if loss.unreachable.len() > 4 {
                    format!(" and {} more", loss.unreachable.len() - 4)
                } else {
                    String::new()
                };
                parts.push(format!(
                    "{}{more} can no longer be reached from the entry points",
                    join_names(&lost)
                ));
            }
            if !loss.stranded_subnets.is_empty() {
                let subnets: Vec<String> =
                    loss.stranded_subnets.iter().map(|id| cx.name(id)).collect();
                let subnets: Vec<&str> = subnets.iter().map(String::as_str).collect();
                parts.push(if subnets.len() == 1 {
                    format!(
                        "{} in another AZ loses Internet egress, as its NAT gateway is in the lost AZ",
                        subnets[0]
                    )
                } else {
                    format!(
                        "{} in other AZs lose Internet egress, as their NAT gateway is in the lost AZ",
                        join_names(&subnets)
                    )
                });
            }
            let message = format!("Losing AZ {}: {}", info.name, parts.join("; "));
            let mut finding = Self::finding(Severity::High, message)
                .components(loss.failed_on_paths.iter())
                .components(loss.unreachable.iter())
                .components(loss.stranded_subnets.iter());
            let mut seen = std::collections::HashSet::new();
            finding.subjects.retain(|s| seen.insert(s.clone()));
            // What already runs as several copies but sits in this AZ only can be spread
            // over a subnet of another AZ (a Multi-AZ database in one subnet, a group).
            for id in &loss.failed_on_paths {
                let Some(c) = cx.component(id) else { continue };
                let spans = matches!(
                    c.kind.info().placement,
                    Placement::VpcSpanning | Placement::RegionalOrVpc | Placement::SubnetOrVpc
                );
                if spans && cx.instances(c) >= 2 {
                    let title = format!("Spread {} over a second AZ", c.display_name());
                    finding = finding.with_fix(fixes::spread_to_second_az(cx, c, &title));
                }
            }
            // Private subnets stranded by a NAT gateway in the lost AZ get one of their own.
            let mut routes: Vec<(&Component, Vec<&Link>)> = Vec::new();
            for subnet in loss
                .stranded_subnets
                .iter()
                .filter_map(|id| cx.component(id))
            {
                for link in cx.outgoing(&subnet.id) {
                    if link.kind != LinkKind::NetworkRoute {
                        continue;
                    }
                    let Some(nat) = cx
                        .component(&link.to)
                        .filter(|n| n.kind == Kind::NatGateway)
                    else {
                        continue;
                    };
                    match routes.iter_mut().find(|(n, _)| std::ptr::eq(*n, nat)) {
                        Some((_, links)) => links.push(link),
                        None => routes.push((nat, vec![link])),
                    }
                }
            }
            for (nat, links) in &routes {
                finding = finding.with_fix(nat_per_az(cx, nat, links));
            }
            out.push(finding);
        }
    }
}
