//! COUP-001: one tier calling another tier's instances directly, with no load balancer or queue.

use crate::model::{Component, Kind, LinkKind, Severity};
use crate::rules::context::{LintContext, Redundancy, is_data_store};
use crate::rules::{Finding, Rule, RuleMeta, fixes};

declare_rule! {
    /// ## What it flags
    /// A synchronous request from one compute tier straight to the instances of another
    /// (an EC2 instance, an Auto Scaling group's instances, an ECS task), with no load
    /// balancer, API, or queue between them — the notes' "web tier and app tier are
    /// tightly coupled".
    ///
    /// ## Why it matters
    /// The caller must know its callee's addresses, fails with it and cannot absorb its
    /// slowdowns. AWS Well-Architected REL04-BP02 anti-pattern "Directly invoking APIs
    /// between workload tiers with no capability of failover or asynchronous processing of
    /// the request"; REL07-BP01 "You tightly couple your application components".
    ///
    /// ## Example
    /// `tests/fixtures/rules/COUP-001/fail_web_calls_app_instance.ron`
    ///
    /// ## Use instead
    /// An internal load balancer between the tiers (synchronous), or an SQS queue when the
    /// caller does not need the answer at once (`pass_alb_between_tiers.ron`,
    /// `pass_queue_between_tiers.ron`).
    ///
    /// ## Known limitations
    /// Two components are taken to be different tiers unless both set the same `tier_role`.
    pub TierToTierDirectCall {
        id: "COUP-001",
        name: "tier-to-tier-direct-call",
        family: Coup,
        default_severity: Medium,
        since: "0.1.0",
    }
}

fn is_compute(c: &Component) -> bool {
    matches!(
        c.kind,
        Kind::Ec2
            | Kind::AutoScalingGroup
            | Kind::Lambda
            | Kind::EcsService
            | Kind::EcsTask
            | Kind::Eks
    )
}

impl Rule for TierToTierDirectCall {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &LintContext<'_>, out: &mut Vec<Finding>) {
        for view in cx
            .links()
            .iter()
            .filter(|v| v.link.kind == LinkKind::Request)
        {
            let (link, caller, callee) = (view.link, view.from, view.to);
            if !is_compute(caller)
                || !matches!(
                    callee.kind,
                    Kind::Ec2 | Kind::AutoScalingGroup | Kind::EcsTask
                )
            {
                continue;
            }
            // A database on EC2 is a data tier reached directly by design (SPOF-006, COST-003).
            if is_data_store(callee) {
                continue;
            }
            let same_tier = matches!(
                (caller.props.common.tier_role, callee.props.common.tier_role),
                (Some(a), Some(b)) if a == b
            );
            if same_tier {
                continue;
            }
            let single = cx.redundancy_at(view.to_ix) == Redundancy::Single;
            let severity = if single {
                Severity::High
            } else {
                Severity::Medium
            };
            out.push(
                Self::finding(
                    severity,
                    text!(
                        caller.display_name(),
                        " calls ",
                        callee.display_name(),
                        " directly, with no load balancer or queue between the tiers"
                    ),
                )
                .link(&link.id)
                .component(&caller.id)
                .component(&callee.id)
                .with_fix(fixes::insert_load_balancer(cx, link))
                .with_fix(fixes::insert_queue(cx, link)),
            );
        }
    }
}
