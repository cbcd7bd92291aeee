//! COST-001: capacity that cannot follow demand, or scales with a legacy policy.

use crate::model::settings::{BillingMode, ScalingPolicy, Settings};
use crate::model::{Component, Kind, Severity};
use crate::rules::context::{LintContext, is_data_software};
use crate::rules::{Finding, Rule, RuleMeta, fixes};

declare_rule! {
    /// ## What it flags
    /// Two or more EC2 instances outside any Auto Scaling group; an Auto Scaling group with
    /// `min == max` above 1 and no scaling policy; an ECS service without a scaling policy;
    /// a provisioned DynamoDB table without auto scaling. Info for step or simple scaling
    /// policies. An Auto Scaling group of exactly one instance (a self-healing singleton)
    /// is fine.
    ///
    /// ## Why it matters
    /// Capacity sized for the peak is paid for all day. AWS Well-Architected COST09-BP03
    /// (supply resources dynamically), COST06-BP03, REL07-BP01; EC2 Auto Scaling ("We
    /// strongly recommend that you use target tracking scaling policies"); AWS Config
    /// `dynamodb-autoscaling-enabled`; checkov CKV2_AWS_16; cfn-lint E3712.
    ///
    /// ## Example
    /// `tests/fixtures/rules/COST-001/fail_fixed_size_group.ron`
    ///
    /// ## Use instead
    /// Target tracking between a minimum that keeps every AZ served and a higher maximum;
    /// DynamoDB on demand (`pass_target_tracking.ron`).
    ///
    /// ## Known limitations
    /// Never lowers a minimum: the fixes raise the maximum and add a policy, so redundancy
    /// stays. Savings Plans and Spot for the baseline are out of scope.
    pub CapacityFixedAtPeak {
        id: "COST-001",
        name: "capacity-fixed-at-peak",
        family: Cost,
        default_severity: Low,
        since: "0.2.0",
    }
}

fn in_group(cx: &LintContext<'_>, c: &Component) -> bool {
    cx.scaling_group_of(c).is_some()
}

impl Rule for CapacityFixedAtPeak {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &LintContext<'_>, out: &mut Vec<Finding>) {
        let loose: Vec<&Component> = cx
            .components()
            .filter(|c| c.kind == Kind::Ec2 && !in_group(cx, c))
            .filter(|c| !matches!(&c.props.settings, Settings::Ec2(s) if s.software.as_deref().is_some_and(is_data_software)))
            .collect();
        let instances: u32 = loose.iter().map(|c| c.count()).sum();
        if instances >= 2 {
            let names: Vec<&str> = loose.iter().map(|c| c.display_name()).collect();
            out.push(
                Self::finding(
                    Severity::Low,
                    format!(
                        "{instances} EC2 instances run outside any Auto Scaling group ({}): capacity is fixed at whatever was launched",
                        names.join(", ")
                    ),
                )
                .components(loose.iter().map(|c| &c.id)),
            );
        }
        for c in cx.of_kinds(&[Kind::AutoScalingGroup, Kind::EcsService, Kind::DynamoDb]) {
            let name = c.display_name();
            let target_tracking = |min: u32| {
                fixes::change_settings(
                    c,
                    text!("Scale ", name, " with target tracking"),
                    move |s| match s {
                        Settings::Asg(a) => {
                            a.scaling_policy = Some(ScalingPolicy::TargetTracking);
                            a.max =
                                Some(a.max.unwrap_or(min).max(min.saturating_mul(2)).max(min + 1));
                        }
                        Settings::EcsService(e) => {
                            e.scaling_policy = Some(ScalingPolicy::TargetTracking);
                            e.min = Some(e.min.unwrap_or(min).max(min));
                            e.max =
                                Some(e.max.unwrap_or(min).max(min.saturating_mul(2)).max(min + 1));
                        }
                        _ => {}
                    },
                )
            };
            match &c.props.settings {
                Settings::Asg(a) => {
                    let policy = a.scaling_policy();
                    if let (Some(min), Some(max)) = (a.min, a.max)
                        && min == max
                        && min > 1
                        && policy == ScalingPolicy::None
                    {
                        out.push(
                            Self::finding(Severity::Low, format!("{name} is fixed at {min} instances with no scaling policy, sized for the peak all day"))
                                .component(&c.id)
                                .with_fix(Some(target_tracking(min))),
                        );
                    } else if matches!(policy, ScalingPolicy::Step | ScalingPolicy::Simple) {
                        out.push(
                            Self::finding(Severity::Info, format!("{name} uses {policy:?} scaling; AWS strongly recommends target tracking"))
                                .component(&c.id)
                                .with_fix(Some(target_tracking(a.min.unwrap_or(1)))),
                        );
                    }
                }
                Settings::EcsService(e) => {
                    let policy = e.scaling_policy();
                    if policy == ScalingPolicy::None {
                        out.push(
                            Self::finding(
                                Severity::Low,
                                format!(
                                    "{name} runs a fixed {} task(s) with no scaling policy",
                                    e.desired_count()
                                ),
                            )
                            .component(&c.id)
                            .with_fix(Some(target_tracking(e.desired_count().max(1)))),
                        );
                    } else if matches!(policy, ScalingPolicy::Step | ScalingPolicy::Simple) {
                        out.push(
                            Self::finding(
                                Severity::Info,
                                format!(
                                    "{name} uses {policy:?} scaling; AWS recommends target tracking"
                                ),
                            )
                            .component(&c.id)
                            .with_fix(Some(target_tracking(e.desired_count().max(1)))),
                        );
                    }
                }
                Settings::DynamoDb(d)
                    if d.billing_mode() == BillingMode::Provisioned && !d.autoscaling() =>
                {
                    out.push(
                        Self::finding(Severity::Low, text!(name, " has provisioned capacity with no auto scaling, paid for at its peak"))
                            .component(&c.id)
                            .with_fix(Some(fixes::change_settings(c, text!("Switch ", name, " to on-demand capacity"), |s| {
                                if let Settings::DynamoDb(d) = s {
                                    d.billing_mode = Some(BillingMode::OnDemand);
                                }
                            }))),
                    );
                }
                _ => {}
            }
        }
    }
}
