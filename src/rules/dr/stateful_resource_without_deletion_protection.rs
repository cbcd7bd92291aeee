//! DR-007: a stateful resource, or the load balancer in front of a critical workload, that a
//! mistaken delete or template change can destroy.

use crate::model::{Kind, Severity};
use crate::rules::context::{DATA_STORE_KINDS, LintContext};
use crate::rules::recovery::holds_valuable_data;
use crate::rules::{Finding, Rule, RuleMeta, fixes};

declare_rule! {
    /// ## What it flags
    /// Data stores holding data of value (databases, tables, file systems, persistent
    /// caches, buckets marked `stateful` or `critical`) and load balancers on the request
    /// path of a critical workload or component, without `deletion_protection`.
    ///
    /// ## Why it matters
    /// A stack update that replaces a database, or one wrong delete, destroys data that
    /// backups may only partly bring back. AWS Config `rds-instance-deletion-protection-enabled`,
    /// `elb-deletion-protection-enabled`; checkov CKV_AWS_293, CKV_AWS_139, CKV_AWS_150;
    /// cfn-lint I3011 (stateful resources need `DeletionPolicy` and `UpdateReplacePolicy`).
    ///
    /// ## Example
    /// `tests/fixtures/rules/DR-007/fail_database_unprotected.ron`
    ///
    /// ## Use instead
    /// Deletion protection (or `DeletionPolicy: Snapshot|Retain` in the template)
    /// (`pass_database_protected.ron`).
    ///
    /// ## Known limitations
    /// One `deletion_protection` flag stands for the service's own protection and the
    /// template's deletion and replacement policies.
    pub StatefulResourceWithoutDeletionProtection {
        id: "DR-007",
        name: "stateful-resource-without-deletion-protection",
        family: Dr,
        default_severity: Medium,
        since: "0.2.0",
    }
}

impl Rule for StatefulResourceWithoutDeletionProtection {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &LintContext<'_>, out: &mut Vec<Finding>) {
        let kinds = [
            DATA_STORE_KINDS,
            &[Kind::Alb, Kind::Nlb, Kind::Clb, Kind::Gwlb],
        ]
        .concat();
        for c in cx.of_kinds(&kinds) {
            if c.props.common.deletion_protection == Some(true) {
                continue;
            }
            let critical_lb = c.kind.is_load_balancer()
                && cx.on_request_path(&c.id)
                && (cx.workload_is_critical() || c.props.common.critical == Some(true));
            let message = if holds_valuable_data(c) {
                text!(
                    c.display_name(),
                    " keeps data but has no deletion protection, so one wrong delete or replacing update destroys it"
                )
            } else if critical_lb {
                text!(
                    c.display_name(),
                    " fronts a critical workload but has no deletion protection"
                )
            } else {
                continue;
            };
            out.push(
                Self::finding(Severity::Medium, message)
                    .component(&c.id)
                    .with_fix(Some(fixes::change_common(
                        c,
                        text!("Turn on deletion protection for ", c.display_name()),
                        |s| s.deletion_protection = Some(true),
                    ))),
            );
        }
    }
}
