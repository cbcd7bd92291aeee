//! SPOF-004: an Auto Scaling group whose subnets are all in one AZ.

use crate::model::{Kind, Severity};
use crate::rules::context::{LintContext, Zones};
use crate::rules::{Finding, Rule, RuleMeta, fixes};

declare_rule! {
    /// ## What it flags
    /// An Auto Scaling group whose subnets (or the box it is drawn in) are all in one
    /// Availability Zone.
    ///
    /// ## Why it matters
    /// The group replaces failed instances, but only in that AZ: when the AZ fails, the
    /// whole group fails with it. AWS Config `autoscaling-multiple-az`, Control Tower
    /// CT.AUTOSCALING.PR.1, Trusted Advisor "Auto Scaling not deployed in multiple AZs",
    /// AWS Well-Architected REL10-BP01.
    ///
    /// ## Example
    /// `tests/fixtures/rules/SPOF-004/fail_asg_one_subnet.ron`
    ///
    /// ## Use instead
    /// List a subnet in a second AZ (`pass_asg_two_subnets.ron`).
    ///
    /// ## Known limitations
    /// A group whose subnets are not inside AZ boxes is reported at info severity.
    pub AutoScalingGroupInOneAz {
        id: "SPOF-004",
        name: "auto-scaling-group-in-one-az",
        family: Spof,
        default_severity: High,
        since: "0.1.0",
    }
}

impl Rule for AutoScalingGroupInOneAz {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &LintContext<'_>, out: &mut Vec<Finding>) {
        for &c in cx.of_kind(Kind::AutoScalingGroup) {
            match cx.zones(&c.id) {
                Zones::Known(set) if set.len() < 2 => out.push(
                    Self::finding(
                        Severity::High,
                        format!("{} launches instances only in {}", c.display_name(), cx.zone_names(set)),
                    )
                    .component(&c.id)
                    .with_fix(fixes::spread_to_second_az(cx, c, &format!("Spread {} over a second AZ", c.display_name()))),
                ),
                Zones::Unknown => out.push(
                    Self::finding(
                        Severity::Info,
                        format!("{} does not say which AZs it uses; list its subnets to check it spans two AZs", c.display_name()),
                    )
                    .component(&c.id),
                ),
                _ => {}
            }
        }
    }
}
