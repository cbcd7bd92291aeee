//! SPOF-001: a non-redundant component that every request path to a data store passes through.

use std::collections::BTreeMap;

use crate::model::{Component, ComponentId, Kind, Settings, Severity};
use crate::rules::context::{LintContext, Redundancy, join_names};
use crate::rules::{Finding, Rule, RuleMeta, fixes};

declare_rule! {
    /// ## What it flags
    /// A component that is not redundant (one instance, or all copies in one AZ) and that
    /// every request path from an entry point (users, on-premises, a public front door) to
    /// a data store or critical component passes through. Found with a dominator tree over
    /// the request graph, so it is the topology that decides, not the kind alone.
    ///
    /// ## Why it matters
    /// When it fails, nothing behind it can be reached: one failure is an outage.
    /// "A fundamental principle of service design is to avoid single points of failure"
    /// (AWS Well-Architected REL10-BP01; REL11-BP02; Trusted Advisor "EC2 Availability Zone Balance").
    ///
    /// ## Example
    /// `tests/fixtures/rules/SPOF-001/fail_single_web_server.ron`; a group drawn across two
    /// AZs whose size is never set counts as one instance:
    /// `tests/fixtures/rules/SPOF-001/fail_group_size_not_set.ron`.
    ///
    /// ## Use instead
    /// An Auto Scaling group across two AZ subnets behind a load balancer, a Multi-AZ
    /// managed service, or a second parallel path
    /// (`pass_asg_across_two_azs.ron`, `pass_parallel_paths.ron`).
    ///
    /// ## Known limitations
    /// Only links that carry requests or their data count (request, route, send, consume,
    /// subscribe, trigger, orchestrate, mount); network routes are judged by SPOF-007.
    /// Stateful stores that are single themselves are reported by SPOF-006, not here;
    /// components in a Region marked as the disaster-recovery Region are skipped.
    /// Components whose AZs are not drawn are reported at info severity.
    pub NonRedundantComponentOnRequestPath {
        id: "SPOF-001",
        name: "non-redundant-component-on-request-path",
        family: Spof,
        default_severity: High,
        since: "0.1.0",
    }
}

impl Rule for NonRedundantComponentOnRequestPath {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &LintContext<'_>, out: &mut Vec<Finding>) {
        // Dominating component → (sinks it guards, paths to the first of them, one per
        // sink the message names).
        let mut guards: BTreeMap<&ComponentId, (Vec<&Component>, Vec<Vec<ComponentId>>)> =
            BTreeMap::new();
        for sink in cx.sinks() {
            if !cx.reachable_from_entry(&sink.id) {
                continue;
            }
            let dominators = cx.dominators(&sink.id);
            // The path is written out only for a sink that has a guard to report (most
            // have none).
            let mut path: Option<Vec<ComponentId>> = None;
            let candidates = dominators.iter().copied().chain(
                // Stateful single stores are SPOF-006's; other critical sinks are ours.
                (!reported_by_spof_006(sink)).then_some(sink),
            );
            for d in candidates {
                if cx.is_entry(&d.id) || is_group_member(cx, d) || in_dr_region(cx, d) {
                    continue;
                }
                if matches!(
                    cx.redundancy(&d.id),
                    Redundancy::Regional | Redundancy::MultiAz
                ) {
                    continue;
                }
                let (sinks, paths) = guards.entry(&d.id).or_default();
                if !sinks.iter().any(|s| s.id == sink.id) {
                    sinks.push(sink);
                    if paths.len() < NAMED_SINKS {
                        let path = path.get_or_insert_with(|| {
                            dominators
                                .iter()
                                .rev()
                                .chain(std::iter::once(&sink))
                                .map(|c| c.id.clone())
                                .collect()
                        });
                        paths.push(path.clone());
                    }
                }
            }
        }
        let critical = cx.workload_is_critical();
        for (id, (sinks, paths)) in guards {
            let Some(d) = cx.component(id) else {
                continue;
            };
            let sink_names: Vec<&str> = sinks
                .iter()
                .take(NAMED_SINKS)
                .map(|s| s.display_name())
                .collect();
            let more = if sinks.len() > NAMED_SINKS {
                format!(" and {} more", sinks.len() - NAMED_SINKS)
            } else {
                String::new()
            };
            let reaches = if sinks.len() == 1 && sinks[0].id == d.id {
                "it".to_owned()
            } else {
                format!("{}{more}", join_names(&sink_names))
            };
            let single = || format!("is a single point of failure ({})", one_copy(cx, d));
            let (severity, what) = match cx.redundancy(id) {
                Redundancy::Single if critical || d.props.common.critical == Some(true) => {
                    (Severity::Critical, single())
                }
                Redundancy::Single => (Severity::High, single()),
                Redundancy::SingleAzMulti => (Severity::Medium, "runs in one AZ only".to_owned()),
                _ => (
                    Severity::Info,
                    "may be a single point of failure (its AZs are not drawn; list its subnets to know)".to_owned(),
                ),
            };
            let mut paths = paths.into_iter();
            let first_path = paths.next().unwrap_or_default();
            let message = format!(
                "{} {what}: every request path from the entry points to {reaches} goes through it",
                d.display_name()
            );
            out.push(
                Self::finding(severity, message)
                    .component(id)
                    .with_path(first_path)
                    .with_more_paths(paths.collect())
                    .with_fix(fixes::make_redundant(cx, d)),
            );
        }
    }
}

/// Stores a finding names (and lights the paths to); more are counted ("and 4 more").
const NAMED_SINKS: usize = 3;

/// Why `c` counts as one copy, in words: what the message owes a user who drew a group
/// and left its size unset.
fn one_copy(cx: &LintContext<'_>, c: &Component) -> String {
    let unit = match c.kind {
        Kind::AutoScalingGroup | Kind::Ec2 => "instance",
        Kind::EcsService | Kind::EcsTask => "task",
        _ => "copy",
    };
    match &c.props.settings {
        Settings::Asg(s)
            if s.desired.is_none() && s.min.is_none() && cx.children(&c.id).is_empty() =>
        {
            "its minimum and desired capacity are not set, so it counts as one instance".to_owned()
        }
        _ if c.kind.is_container() && cx.instances(c) == 0 => format!("it runs no {unit}"),
        _ => format!("it runs one {unit}"),
    }
}

fn reported_by_spof_006(c: &Component) -> bool {
    crate::rules::context::is_data_store(c)
        && matches!(
            c.kind,
            Kind::Rds | Kind::Aurora | Kind::ElastiCache | Kind::Efs | Kind::Ec2 | Kind::AmazonMq
        )
}

/// Standby capacity in a disaster-recovery Region (pilot light runs little or nothing) is
/// judged by the DR rules, not as a single point of failure of the primary.
fn in_dr_region(cx: &LintContext<'_>, c: &Component) -> bool {
    cx.region_of(&c.id).is_some_and(
        |r| matches!(&r.props.settings, crate::model::Settings::Region(s) if s.dr_region()),
    )
}

fn is_group_member(cx: &LintContext<'_>, c: &Component) -> bool {
    cx.scaling_group_of(c).is_some()
}
