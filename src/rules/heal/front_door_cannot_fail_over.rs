//! HEAL-003: DNS or CDN in front of the workload that cannot route around a failure.

use std::collections::BTreeSet;

use crate::model::settings::{RoutingPolicy, Settings};
use crate::model::{Kind, LinkKind, Severity};
use crate::rules::context::LintContext;
use crate::rules::{Finding, Rule, RuleMeta, fixes};

declare_rule! {
    /// ## What it flags
    /// Route 53 records that cannot fail over: simple routing when the workload can serve
    /// requests from two Regions; failover, latency or weighted routing without health
    /// checks; a failover policy with only one target; a TTL longer than a quarter of the
    /// recovery time objective. CloudFront in front of a critical workload whose origins
    /// all sit in one Region without an origin group.
    ///
    /// ## Why it matters
    /// The front door decides where users go when something breaks. AWS Well-Architected
    /// REL02-BP01 and REL11-BP02 (fail over to healthy resources); Trusted Advisor
    /// "Route 53 failover resource record sets" and "High TTL"; AWS Config
    /// `cloudfront-origin-failover-enabled`.
    ///
    /// ## Example
    /// `tests/fixtures/rules/HEAL-003/fail_simple_routing_two_regions.ron`
    ///
    /// ## Use instead
    /// Failover or latency records with health checks over both Regions, a short TTL, and
    /// a CloudFront origin group (`pass_failover_with_health_checks.ron`).
    ///
    /// ## Known limitations
    /// Route 53 is drawn as one component standing for the workload's records.
    pub FrontDoorCannotFailOver {
        id: "HEAL-003",
        name: "front-door-cannot-fail-over",
        family: Heal,
        default_severity: High,
        since: "0.1.0",
    }
}

fn serves_requests(kind: Kind) -> bool {
    kind.is_load_balancer()
        || matches!(
            kind,
            Kind::Ec2
                | Kind::AutoScalingGroup
                | Kind::EcsService
                | Kind::Eks
                | Kind::Lambda
                | Kind::ApiGateway
        )
}

impl Rule for FrontDoorCannotFailOver {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &LintContext<'_>, out: &mut Vec<Finding>) {
        // Only Regions that can serve requests matter: one holding backup copies alone
        // cannot take traffic, so DNS has nowhere to fail over to.
        let mut serving = cx
            .components_indexed()
            .filter(|&(ix, _)| serves_requests(cx.kind_at(ix)))
            .filter_map(|(ix, _)| cx.region_at(ix));
        let multi_region = serving
            .next()
            .is_some_and(|first| serving.any(|other| other != first));
        let rto = cx.diagram.info.objectives.rto.map(|d| d.as_secs());
        for c in cx.of_kinds(&[Kind::Route53, Kind::CloudFront]) {
            match &c.props.settings {
                Settings::Route53(r53) => {
                    let targets = cx
                        .outgoing(&c.id)
                        .iter()
                        .filter(|l| l.kind == LinkKind::Route)
                        .count();
                    let policy = r53.routing_policy();
                    let name = c.display_name();
                    let mut push = |severity, message: String, fix| {
                        out.push(
                            Self::finding(severity, message)
                                .component(&c.id)
                                .with_fix(fix),
                        );
                    };
                    let health_fix = || {
                        Some(fixes::change_settings(
                            c,
                            format!("Health-check the records of {name}"),
                            |s| {
                                if let Settings::Route53(s) = s {
                                    s.health_check = Some(true);
                                    s.evaluate_target_health = Some(true);
                                }
                            },
                        ))
                    };
                    if multi_region && policy == RoutingPolicy::Simple {
                        push(
                            Severity::High,
                            format!(
                                "{name} uses simple routing although the workload has a second Region, so users cannot be sent there"
                            ),
                            Some(fixes::change_settings(
                                c,
                                format!("Use failover routing with health checks in {name}"),
                                |s| {
                                    if let Settings::Route53(s) = s {
                                        s.routing_policy = Some(RoutingPolicy::Failover);
                                        s.health_check = Some(true);
                                        s.evaluate_target_health = Some(true);
                                    }
                                },
                            )),
                        );
                    } else if policy != RoutingPolicy::Simple
                        && !r53.health_check()
                        && !r53.evaluate_target_health()
                    {
                        push(
                            Severity::High,
                            format!(
                                "{name} uses {policy:?} routing without health checks, so it keeps sending users to a failed target"
                            ),
                            health_fix(),
                        );
                    }
                    if policy == RoutingPolicy::Failover && targets < 2 {
                        push(
                            Severity::High,
                            format!(
                                "{name} has a failover policy but only {targets} target; a failover pair needs a primary and a secondary"
                            ),
                            None,
                        );
                    }
                    if let Some(rto) = rto
                        && u64::from(r53.ttl_secs()) * 4 > rto
                    {
                        push(
                            Severity::Medium,
                            format!(
                                "{name} has a TTL of {} s, too long for a recovery time objective of {}; resolvers keep the old answer",
                                r53.ttl_secs(),
                                crate::model::Duration::from_secs(rto)
                            ),
                            Some(fixes::change_settings(
                                c,
                                format!("Lower the TTL of {name} to 60 s"),
                                |s| {
                                    if let Settings::Route53(s) = s {
                                        s.ttl_secs = Some(60);
                                    }
                                },
                            )),
                        );
                    }
                }
                Settings::CloudFront(cf) if !cf.origin_failover() => {
                    let origins: Vec<_> = cx
                        .outgoing(&c.id)
                        .iter()
                        .filter(|l| l.kind == LinkKind::Route)
                        .collect();
                    let origin_regions: BTreeSet<_> = origins
                        .iter()
                        .filter_map(|l| cx.region_of(&l.to).map(|r| r.id.clone()))
                        .collect();
                    let critical = cx.workload_is_critical()
                        || origins.iter().any(|l| {
                            cx.component(&l.to)
                                .is_some_and(|o| o.props.common.critical == Some(true))
                        });
                    if critical
                        && !origins.is_empty()
                        && origin_regions.len() <= 1
                        && c.kind == Kind::CloudFront
                    {
                        out.push(
                            Self::finding(
                                Severity::Medium,
                                format!("{} fronts a critical workload with origins in one Region and no origin group to fail over to", c.display_name()),
                            )
                            .component(&c.id)
                            .with_fix(Some(fixes::change_settings(c, format!("Add an origin group to {}", c.display_name()), |s| {
                                if let Settings::CloudFront(s) = s {
                                    s.origin_failover = Some(true);
                                }
                            }))),
                        );
                    }
                }
                _ => {}
            }
        }
    }
}
