//! SPOF-005: a load balancer, or the targets behind it, in fewer than two AZs.

use std::collections::BTreeSet;

use crate::model::{Kind, LinkKind, Severity};
use crate::rules::context::{LintContext, Zones};
use crate::rules::{Finding, Rule, RuleMeta, fixes};

declare_rule! {
    /// ## What it flags
    /// A load balancer whose subnets are in fewer than two AZs, or whose targets all run
    /// in a single AZ.
    ///
    /// ## Why it matters
    /// A load balancer only helps if it and its targets survive the loss of an AZ; an ALB
    /// cannot even be created with fewer than two subnets (cfn-lint E3680). AWS Config
    /// `elbv2-multiple-az`, `clb-multiple-az`; Trusted Advisor "ALB Multi-AZ" and "Load
    /// Balancer Optimization"; AWS Well-Architected REL10-BP01.
    ///
    /// ## Example
    /// `tests/fixtures/rules/SPOF-005/fail_alb_one_subnet.ron`
    ///
    /// ## Use instead
    /// Subnets in two AZs for the load balancer and targets in both
    /// (`pass_alb_two_azs.ron`).
    ///
    /// ## Known limitations
    /// Does not yet compare target counts per AZ when cross-zone load balancing is off.
    pub LoadBalancerInOneAz {
        id: "SPOF-005",
        name: "load-balancer-in-one-az",
        family: Spof,
        default_severity: High,
        since: "0.1.0",
    }
}

impl Rule for LoadBalancerInOneAz {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &LintContext<'_>, out: &mut Vec<Finding>) {
        for lb in cx.of_kinds(&[Kind::Alb, Kind::Nlb, Kind::Clb, Kind::Gwlb]) {
            match cx.zones(&lb.id) {
                Zones::Known(set) if set.len() < 2 => {
                    out.push(
                        Self::finding(
                            Severity::High,
                            format!(
                                "{} has subnets only in {}; it needs two AZs",
                                lb.display_name(),
                                cx.zone_names(set)
                            ),
                        )
                        .component(&lb.id)
                        .with_fix(fixes::spread_to_second_az(
                            cx,
                            lb,
                            &format!("Give {} a subnet in a second AZ", lb.display_name()),
                        )),
                    );
                    continue;
                }
                Zones::Unknown => {
                    out.push(
                        Self::finding(
                            Severity::Info,
                            format!("{} does not say which AZs it uses; list its subnets to check it spans two AZs", lb.display_name()),
                        )
                        .component(&lb.id),
                    );
                    continue;
                }
                _ => {}
            }
            let targets: Vec<_> = cx
                .outgoing(&lb.id)
                .iter()
                .filter(|l| l.kind == LinkKind::Route)
                .collect();
            // Regional or undrawn targets make the answer unknowable: say nothing.
            let target_zones: Option<BTreeSet<usize>> =
                targets.iter().try_fold(BTreeSet::new(), |mut acc, t| {
                    let Zones::Known(set) = cx.zones(&t.to) else {
                        return None;
                    };
                    acc.extend(set.iter().copied());
                    Some(acc)
                });
            let Some(target_zones) = target_zones else {
                continue;
            };
            if !targets.is_empty() && target_zones.len() == 1 {
                let mut finding = Self::finding(
                    Severity::High,
                    format!(
                        "Every target of {} runs in {}",
                        lb.display_name(),
                        cx.zone_names(&target_zones)
                    ),
                )
                .component(&lb.id);
                for t in &targets {
                    finding = finding.component(&t.to).link(&t.id);
                }
                out.push(finding);
            }
        }
    }
}
