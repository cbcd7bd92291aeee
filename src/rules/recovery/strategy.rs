//! Which disaster-recovery strategy the diagram shows (REL13-BP02 bands): backup and
//! restore (only copies of the data in the recovery Region), pilot light (live data copies
//! plus core infrastructure there, compute absent or at 0), warm standby (a scaled-down
//! running copy), active/active (two or more Regions serving through DNS).

use std::collections::BTreeSet;

use super::copies::{Scope, recovery_points, region_name};
use super::{is_copy, protected_stores};
use crate::model::settings::{DrStrategy, RoutingPolicy, Settings};
use crate::model::{Component, ComponentId, Kind};
use crate::rules::context::LintContext;

/// The strategy read from the diagram, with its evidence.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DrAssessment {
    /// Detected strategy (`DrStrategy::None` when nothing survives a Region loss).
    pub strategy: DrStrategy,
    /// Regions that serve the workload, by name.
    pub primary_regions: Vec<String>,
    /// Regions that hold copies or standby capacity, by name.
    pub recovery_regions: Vec<String>,
    /// Components in the recovery Regions that show the strategy.
    pub evidence: Vec<ComponentId>,
}

/// Display name of a strategy.
pub fn label(strategy: DrStrategy) -> &'static str {
    match strategy {
        DrStrategy::None => "no DR",
        DrStrategy::BackupRestore => "backup and restore",
        DrStrategy::PilotLight => "pilot light",
        DrStrategy::WarmStandby => "warm standby",
        DrStrategy::ActiveActive => "multi-site active/active",
    }
}

/// Fastest recovery a strategy is built for (REL13-BP02): backup and restore takes hours,
/// pilot light tens of minutes, warm standby minutes, active/active potentially zero.
pub fn fastest_rto_secs(strategy: DrStrategy) -> Option<u64> {
    match strategy {
        DrStrategy::None => None,
        DrStrategy::BackupRestore => Some(3_600),
        DrStrategy::PilotLight => Some(600),
        DrStrategy::WarmStandby => Some(60),
        DrStrategy::ActiveActive => Some(0),
    }
}

fn is_compute(cx: &LintContext<'_>, c: &Component) -> bool {
    match c.kind {
        Kind::Ec2 => cx.scaling_group_of(c).is_none(),
        Kind::AutoScalingGroup | Kind::EcsService | Kind::Eks | Kind::Lambda => true,
        _ => false,
    }
}

/// Runs now: instances above zero, or serverless (ready without provisioning).
fn is_running(cx: &LintContext<'_>, c: &Component) -> bool {
    c.kind == Kind::Lambda || cx.instances(c) > 0
}

fn is_infra(kind: Kind) -> bool {
    kind.is_load_balancer() || matches!(kind, Kind::Vpc | Kind::ApiGateway)
}

#[derive(Default)]
struct RegionFacts<'a> {
    dr_region: bool,
    running: bool,
    infra: bool,
    holds_copies: bool,
    members: Vec<&'a Component>,
}

/// Reads the strategy from the diagram.
pub fn assess(cx: &LintContext<'_>) -> DrAssessment {
    let regions: Vec<&Component> = cx.of_kind(Kind::Region).to_vec();
    let mut facts: Vec<RegionFacts> = regions
        .iter()
        .map(|r| RegionFacts {
            dr_region: matches!(&r.props.settings, Settings::Region(s) if s.dr_region()),
            ..RegionFacts::default()
        })
        .collect();
    // What is drawn in each Region (members are visited in any order: evidence is sorted).
    let members = regions.iter().enumerate().flat_map(|(i, region)| {
        let inside = cx
            .index_of(region)
            .map_or(&[][..], |ix| cx.region_members(ix));
        inside.iter().map(move |&ix| (i, cx.component_at(ix)))
    });
    for (i, c) in members {
        let f = &mut facts[i];
        if is_compute(cx, c) {
            f.infra = true;
            f.running |= is_running(cx, c);
            f.members.push(c);
        } else if is_infra(c.kind) {
            f.infra = true;
            f.members.push(c);
        }
        if is_copy(cx, c) {
            f.holds_copies = true;
            f.members.push(c);
        }
    }
    let running: Vec<usize> = (0..regions.len())
        .filter(|&i| !facts[i].dr_region && facts[i].running)
        .collect();
    // Two or more Regions running the workload: the first (in id order) counts as primary,
    // the others as where it recovers.
    let mut primary: Vec<usize> = running.iter().copied().take(1).collect();
    if primary.is_empty() {
        primary = (0..regions.len())
            .filter(|&i| !facts[i].dr_region)
            .take(1)
            .collect();
    }
    let primary_names: BTreeSet<String> =
        primary.iter().map(|&i| region_name(regions[i])).collect();
    // Copies each Region receives, from the stores' recovery points.
    let mut live_in: BTreeSet<String> = BTreeSet::new();
    let mut copies_in: BTreeSet<String> = BTreeSet::new();
    for store in protected_stores(cx) {
        for point in recovery_points(cx, store, Scope::Region) {
            if let Some(region) = point.region {
                if point.continuous {
                    live_in.insert(region.clone());
                }
                copies_in.insert(region);
            }
        }
    }
    let recovery: Vec<usize> = (0..regions.len())
        .filter(|i| !primary.contains(i))
        .collect();
    let mut recovery_names: BTreeSet<String> =
        recovery.iter().map(|&i| region_name(regions[i])).collect();
    recovery_names.extend(
        copies_in
            .iter()
            .filter(|r| !primary_names.contains(*r))
            .cloned(),
    );
    let running_regions = (0..regions.len()).filter(|&i| facts[i].running).count();
    let failover_dns = cx.of_kind(Kind::Route53).iter().any(|c| {
        matches!(&c.props.settings, Settings::Route53(s) if s.routing_policy() == RoutingPolicy::Failover)
    });
    let spreading_dns = cx.of_kind(Kind::Route53).iter().any(|c| {
        matches!(&c.props.settings, Settings::Route53(s) if !matches!(s.routing_policy(), RoutingPolicy::Failover | RoutingPolicy::Simple))
    });
    let recovery_running = recovery.iter().any(|&i| facts[i].running);
    let strategy = if running_regions >= 2
        && spreading_dns
        && !failover_dns
        && recovery
            .iter()
            .all(|&i| !facts[i].dr_region || facts[i].running)
        && recovery_running
    {
        DrStrategy::ActiveActive
    } else if recovery_running {
        DrStrategy::WarmStandby
    } else if recovery.iter().any(|&i| {
        facts[i].infra
            && (live_in.contains(&region_name(regions[i]))
                || live_in.contains(regions[i].id.as_str()))
    }) {
        DrStrategy::PilotLight
    } else if !copies_in.is_empty() || recovery.iter().any(|&i| facts[i].holds_copies) {
        DrStrategy::BackupRestore
    } else {
        DrStrategy::None
    };
    let mut evidence: Vec<ComponentId> = recovery
        .iter()
        .flat_map(|&i| facts[i].members.iter().map(|c| c.id.clone()))
        .collect();
    evidence.sort();
    evidence.dedup();
    DrAssessment {
        strategy,
        primary_regions: primary_names.into_iter().collect(),
        recovery_regions: recovery_names.into_iter().collect(),
        evidence,
    }
}
