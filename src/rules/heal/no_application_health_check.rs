//! HEAL-002: traffic routed to targets nobody health-checks, or a critical component without alarms.

use crate::model::{Edit, LinkKind, Severity};
use crate::rules::context::LintContext;
use crate::rules::{Finding, Fix, Rule, RuleMeta};

declare_rule! {
    /// ## What it flags
    /// A load balancer route whose target group health check is turned off, and a
    /// component marked critical that has no alarm (`monitored` not set).
    ///
    /// ## Why it matters
    /// A load balancer "routes traffic only to healthy targets" (ELB API Reference) — only
    /// if it checks them. AWS Well-Architected REL11-BP01: monitor all components to detect
    /// failures (anti-pattern "No alarms have been configured"); checkov CKV_AWS_261.
    ///
    /// ## Example
    /// `tests/fixtures/rules/HEAL-002/fail_health_check_off.ron`
    ///
    /// ## Use instead
    /// An HTTP(S) health-check path such as `/health` that checks the process and its
    /// local dependencies, and an alarm on every critical component (`pass_health_checked.ron`).
    ///
    /// ## Known limitations
    /// Target groups always have some health check in AWS; only an explicit `health_check:
    /// false` on the route is flagged. The check protocol is not modelled yet.
    pub NoApplicationHealthCheck {
        id: "HEAL-002",
        name: "no-application-health-check",
        family: Heal,
        default_severity: Medium,
        since: "0.1.0",
    }
}

impl Rule for NoApplicationHealthCheck {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &LintContext<'_>, out: &mut Vec<Finding>) {
        for view in cx.links() {
            let link = view.link;
            if link.kind != LinkKind::Route || link.props.health_check != Some(false) {
                continue;
            }
            if !view.from.kind.is_load_balancer() {
                continue;
            }
            let mut props = link.props.clone();
            props.health_check = Some(true);
            out.push(
                Self::finding(
                    Severity::Medium,
                    format!(
                        "{} sends traffic to {} without health-checking it",
                        cx.name(&link.from),
                        cx.name(&link.to)
                    ),
                )
                .link(&link.id)
                .component(&link.to)
                .with_fix(Some(Fix::new(
                    format!("Add a health check on the route to {}", cx.name(&link.to)),
                    Edit::SetLinkProps(link.id.clone(), Box::new(props)),
                ))),
            );
        }
        for c in cx.components() {
            if c.props.common.critical != Some(true) || c.props.common.monitored == Some(true) {
                continue;
            }
            let mut props = c.props.clone();
            props.common.monitored = Some(true);
            out.push(
                Self::finding(
                    Severity::Medium,
                    format!(
                        "{} is critical but has no alarm on its health",
                        c.display_name()
                    ),
                )
                .component(&c.id)
                .with_fix(Some(Fix::new(
                    format!("Add a CloudWatch alarm for {}", c.display_name()),
                    Edit::SetProps(c.id.clone(), Box::new(props)),
                ))),
            );
        }
    }
}
