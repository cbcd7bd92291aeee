//! SPOF-009: a VPC-attached Lambda function or an ECS service confined to one AZ.

use crate::model::{Kind, Severity};
use crate::rules::context::{LintContext, Zones};
use crate::rules::{Finding, Rule, RuleMeta, fixes};

declare_rule! {
    /// ## What it flags
    /// A Lambda function attached to a VPC, an ECS service or an EKS cluster, whose subnets are all in one
    /// Availability Zone.
    ///
    /// ## Why it matters
    /// Lambda and ECS spread work over the subnets they are given; with one AZ they stop
    /// when it does. AWS Config `lambda-vpc-multi-az-check`; Trusted Advisor "Lambda
    /// VPC-enabled functions without Multi-AZ redundancy" and "ECS service using a single
    /// AZ"; AWS Well-Architected REL10-BP01.
    ///
    /// ## Example
    /// `tests/fixtures/rules/SPOF-009/fail_lambda_one_subnet.ron`
    ///
    /// ## Use instead
    /// Subnets in at least two AZs (`pass_lambda_two_subnets.ron`).
    ///
    /// ## Known limitations
    /// ECS placement strategies are not modelled; an ECS service with one task is SPOF-003.
    pub VpcComputeInOneAz {
        id: "SPOF-009",
        name: "vpc-compute-in-one-az",
        family: Spof,
        default_severity: Medium,
        since: "0.1.0",
    }
}

impl Rule for VpcComputeInOneAz {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &LintContext<'_>, out: &mut Vec<Finding>) {
        for c in cx
            .components()
            .filter(|c| matches!(c.kind, Kind::Lambda | Kind::EcsService | Kind::Eks))
        {
            let Zones::Known(set) = cx.zones(&c.id) else {
                continue;
            };
            if set.len() >= 2 {
                continue;
            }
            let severity = if cx.on_request_path(&c.id) {
                Severity::High
            } else {
                Severity::Medium
            };
            out.push(
                Self::finding(
                    severity,
                    format!("{} runs only in {}", c.display_name(), cx.zone_names(set)),
                )
                .component(&c.id)
                .with_fix(fixes::spread_to_second_az(
                    cx,
                    c,
                    &format!("Spread {} over a second AZ", c.display_name()),
                )),
            );
        }
    }
}
