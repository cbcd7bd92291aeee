//! COST-004: components billed by the hour that serve nothing, and known cost traps.

use crate::model::settings::{NatMode, Settings};
use crate::model::{Component, Kind, LinkKind, Severity};
use crate::rules::context::{LintContext, Zones};
use crate::rules::{Finding, Rule, RuleMeta, fixes};

declare_rule! {
    /// ## What it flags
    /// A load balancer with no targets; a NAT gateway no subnet routes to; an EBS volume
    /// attached to nothing; an ECR repository without a lifecycle policy; a bucket that
    /// receives backups or transfers (archival data) without a lifecycle transition or an
    /// archive storage class. Info for trade-offs: an NLB with cross-zone load balancing
    /// (inter-AZ data transfer is charged) and a zonal NAT gateway serving other AZs.
    ///
    /// ## Why it matters
    /// Trusted Advisor "Idle Load Balancers" (hjLMh88uM8), "Unassociated Elastic IP
    /// Addresses", "Amazon ECR Repository without lifecycle policy configured"; checkov
    /// CKV_AWS_66; cfn-lint I3013; NLB cross-zone ("EC2 data transfer charges apply");
    /// AWS Well-Architected COST08-BP02.
    ///
    /// ## Example
    /// `tests/fixtures/rules/COST-004/fail_repository_without_lifecycle.ron`
    ///
    /// ## Use instead
    /// Delete or connect idle resources; lifecycle policies on repositories and archival
    /// buckets (`pass_repository_with_lifecycle.ron`).
    ///
    /// ## Known limitations
    /// Elastic IPs and log groups are not drawn. A sketch in progress may show a load
    /// balancer before its targets; the finding is low for that reason.
    pub IdleBillableComponent {
        id: "COST-004",
        name: "idle-billable-component",
        family: Cost,
        default_severity: Low,
        since: "0.2.0",
    }
}

fn has_out(cx: &LintContext<'_>, c: &Component, kind: LinkKind) -> bool {
    cx.outgoing(&c.id).iter().any(|l| l.kind == kind)
}

fn has_in(cx: &LintContext<'_>, c: &Component, kinds: &[LinkKind]) -> bool {
    cx.incoming(&c.id).iter().any(|l| kinds.contains(&l.kind))
}

fn archive_class(storage_class: Option<&str>) -> bool {
    storage_class.is_some_and(|s| {
        let s = s.to_ascii_uppercase();
        s.contains("GLACIER") || s.contains("DEEP") || s.contains("IA") || s.contains("INTELLIGENT")
    })
}

impl Rule for IdleBillableComponent {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &LintContext<'_>, out: &mut Vec<Finding>) {
        for c in cx.of_kinds(&[
            Kind::Alb,
            Kind::Nlb,
            Kind::Clb,
            Kind::Gwlb,
            Kind::NatGateway,
            Kind::Ebs,
            Kind::Ecr,
            Kind::S3,
        ]) {
            let name = c.display_name();
            let mut push = |severity, message: String, fix| {
                out.push(
                    Self::finding(severity, message)
                        .component(&c.id)
                        .with_fix(fix),
                );
            };
            match &c.props.settings {
                Settings::LoadBalancer(lb) => {
                    if !has_out(cx, c, LinkKind::Route) {
                        push(
                            Severity::Low,
                            format!("{name} has no targets but is billed by the hour"),
                            None,
                        );
                    }
                    if c.kind == Kind::Nlb && lb.cross_zone == Some(true) {
                        push(
                            Severity::Info,
                            format!(
                                "{name} balances across zones, and an NLB's cross-zone traffic is charged as inter-AZ data transfer"
                            ),
                            None,
                        );
                    }
                }
                Settings::NatGateway(nat) => {
                    let routed: Vec<&Component> = cx
                        .incoming(&c.id)
                        .iter()
                        .filter(|l| l.kind == LinkKind::NetworkRoute)
                        .filter_map(|l| cx.component(&l.from))
                        .collect();
                    if routed.is_empty() {
                        push(
                            Severity::Low,
                            format!("{name} is billed by the hour but no subnet routes to it"),
                            None,
                        );
                    } else if nat.availability_mode() == NatMode::Zonal
                        && let Zones::Known(home) = cx.zones(&c.id)
                        && routed
                            .iter()
                            .any(|s| matches!(cx.zones(&s.id), Zones::Known(z) if z != home))
                    {
                        push(
                            Severity::Info,
                            format!(
                                "{name} carries traffic from subnets in other AZs, which is charged as inter-AZ data transfer (see SPOF-007)"
                            ),
                            None,
                        );
                    }
                }
                Settings::Ebs(_) if !has_in(cx, c, &[LinkKind::Mount]) => {
                    push(
                        Severity::Low,
                        format!("{name} is attached to nothing but its storage is billed"),
                        None,
                    );
                }
                Settings::Ecr(e) if !e.lifecycle_policy() => {
                    push(
                        Severity::Low,
                        format!(
                            "{name} has no lifecycle policy, so every image ever pushed is stored and billed"
                        ),
                        Some(fixes::change_settings(
                            c,
                            format!("Expire old images in {name}"),
                            |s| {
                                if let Settings::Ecr(e) = s {
                                    e.lifecycle_policy = Some(true);
                                }
                            },
                        )),
                    );
                }
                Settings::S3(s)
                    if has_in(cx, c, &[LinkKind::Backup, LinkKind::DataTransfer])
                        && s.lifecycle_to_archive_days.is_none()
                        && !archive_class(s.storage_class.as_deref()) =>
                {
                    push(
                        Severity::Low,
                        format!(
                            "{name} receives archival data but keeps it in S3 Standard with no lifecycle transition"
                        ),
                        Some(fixes::change_settings(
                            c,
                            format!("Move objects in {name} to Glacier after 90 days"),
                            |s| {
                                if let Settings::S3(s) = s {
                                    s.lifecycle_to_archive_days = Some(90);
                                }
                            },
                        )),
                    );
                }
                _ => {}
            }
        }
    }
}
