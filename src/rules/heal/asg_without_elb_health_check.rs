//! HEAL-001: an Auto Scaling group behind a load balancer that only uses EC2 status checks.

use crate::model::settings::{HealthCheckType, Settings};
use crate::model::{Kind, LinkKind, Severity};
use crate::rules::context::LintContext;
use crate::rules::{Finding, Rule, RuleMeta, fixes};

declare_rule! {
    /// ## What it flags
    /// An Auto Scaling group that receives traffic from a load balancer but replaces
    /// instances on EC2 status checks only.
    ///
    /// ## Why it matters
    /// "If an Elastic Load Balancing health check is not used, Auto Scaling can only act
    /// upon the health of the EC2 instance ... Auto Scaling will not act on the application
    /// running on the instance" (Trusted Advisor CLOG40CDO8). AWS Config
    /// `autoscaling-group-elb-healthcheck-required`; checkov CKV2_AWS_15.
    ///
    /// ## Example
    /// `tests/fixtures/rules/HEAL-001/fail_ec2_health_check.ron`
    ///
    /// ## Use instead
    /// Health check type ELB with a grace period (`pass_elb_health_check.ron`).
    ///
    /// ## Known limitations
    /// The EC2 health check is AWS's default, so an unset health check type is flagged.
    pub AsgWithoutElbHealthCheck {
        id: "HEAL-001",
        name: "asg-without-elb-health-check",
        family: Heal,
        default_severity: Medium,
        since: "0.1.0",
    }
}

impl Rule for AsgWithoutElbHealthCheck {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &LintContext<'_>, out: &mut Vec<Finding>) {
        for &c in cx.of_kind(Kind::AutoScalingGroup) {
            let Settings::Asg(asg) = &c.props.settings else {
                continue;
            };
            if asg.health_check_type() == HealthCheckType::Elb {
                continue;
            }
            let Some(route) = cx.incoming(&c.id).iter().find(|l| {
                l.kind == LinkKind::Route
                    && cx
                        .component(&l.from)
                        .is_some_and(|f| f.kind.is_load_balancer())
            }) else {
                continue;
            };
            let severity = if cx.on_request_path(&c.id) {
                Severity::High
            } else {
                Severity::Medium
            };
            out.push(
                Self::finding(
                    severity,
                    format!(
                        "{} sits behind {} but replaces instances on EC2 status checks only, so an instance whose application has failed is never replaced",
                        c.display_name(),
                        cx.name(&route.from)
                    ),
                )
                .component(&c.id)
                .link(&route.id)
                .with_fix(Some(fixes::change_settings(c, format!("Use ELB health checks in {}", c.display_name()), |s| {
                    if let Settings::Asg(s) = s {
                        s.health_check_type = Some(HealthCheckType::Elb);
                        s.health_check_grace_secs = Some(s.health_check_grace_secs());
                    }
                }))),
            );
        }
    }
}
