//! SPOF-008: on-premises connectivity hanging on a single connection.

use crate::model::settings::{DxResiliency, Settings};
use crate::model::{Kind, LinkKind, Severity};
use crate::rules::context::LintContext;
use crate::rules::{Finding, Rule, RuleMeta};

declare_rule! {
    /// ## What it flags
    /// A hybrid link (Direct Connect or VPN) whose loss cuts an on-premises network off
    /// from AWS — a bridge in the hybrid network graph — and VPN connections drawn with
    /// fewer than two tunnels.
    ///
    /// ## Why it matters
    /// AWS Well-Architected REL02-BP02 anti-patterns: "You depend on just one network
    /// connection", "only one VPN tunnel or multiple tunnels that end in the same
    /// Availability Zone". Trusted Advisor checks Direct Connect connection and location
    /// redundancy; AWS Config `vpc-vpn-2-tunnels-up`.
    ///
    /// ## Example
    /// `tests/fixtures/rules/SPOF-008/fail_single_direct_connect.ron`
    ///
    /// ## Use instead
    /// A second Direct Connect at another location, or a Site-to-Site VPN as backup
    /// (`pass_dx_with_vpn_backup.ron`).
    ///
    /// ## Known limitations
    /// A Direct Connect drawn once but set to two connections at two locations, or to the
    /// high or maximum resiliency model, counts as redundant by itself.
    pub HybridConnectivityWithoutRedundancy {
        id: "SPOF-008",
        name: "hybrid-connectivity-without-redundancy",
        family: Spof,
        default_severity: High,
        since: "0.1.0",
    }
}

impl Rule for HybridConnectivityWithoutRedundancy {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &LintContext<'_>, out: &mut Vec<Finding>) {
        for link in cx.hybrid_bridges() {
            let (Some(from), Some(to)) = (cx.component(&link.from), cx.component(&link.to)) else {
                continue;
            };
            let (onprem, connection) = match (from.kind, to.kind) {
                (Kind::OnPremises, _) => (from, to),
                (_, Kind::OnPremises) => (to, from),
                _ => continue,
            };
            if let Settings::DirectConnect(dx) = &connection.props.settings
                && ((dx.connections() >= 2 && dx.locations() >= 2)
                    || matches!(dx.resiliency(), DxResiliency::High | DxResiliency::Maximum))
            {
                continue;
            }
            let on_path = cx
                .incoming(&onprem.id)
                .iter()
                .chain(cx.outgoing(&onprem.id).iter())
                .any(|l| l.kind != LinkKind::Hybrid);
            let severity = if on_path {
                Severity::High
            } else {
                Severity::Medium
            };
            out.push(
                Self::finding(
                    severity,
                    format!(
                        "{} reaches AWS only through {}; one failed connection cuts it off",
                        onprem.display_name(),
                        connection.display_name()
                    ),
                )
                .component(&onprem.id)
                .component(&connection.id)
                .link(&link.id),
            );
        }
        for &vpn in cx.of_kind(Kind::Vpn) {
            if let Settings::Vpn(s) = &vpn.props.settings
                && s.tunnels() < 2
            {
                out.push(
                    Self::finding(
                        Severity::Medium,
                        format!(
                            "{} has {} tunnel; AWS provides two, in different AZs",
                            vpn.display_name(),
                            s.tunnels()
                        ),
                    )
                    .component(&vpn.id),
                );
            }
        }
    }
}
