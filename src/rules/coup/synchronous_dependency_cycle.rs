//! COUP-002: components calling each other synchronously in a cycle.

use crate::model::{LinkKind, Severity};
use crate::rules::context::{LintContext, join_names};
use crate::rules::{Finding, Rule, RuleMeta};

declare_rule! {
    /// ## What it flags
    /// Two or more components that call each other with synchronous requests in a cycle
    /// (a strongly connected component of the request-only graph).
    ///
    /// ## Why it matters
    /// Each waits on the other: a slowdown anywhere spreads around the loop, retries
    /// multiply, and neither can be deployed or scaled on its own. AWS Well-Architected
    /// REL04-BP02 ("make component interactions asynchronous where possible"), REL03-BP02,
    /// REL05-BP03.
    ///
    /// ## Example
    /// `tests/fixtures/rules/COUP-002/fail_orders_and_billing_call_each_other.ron`
    ///
    /// ## Use instead
    /// Make one direction asynchronous with an event or queue, or merge the two services
    /// (`pass_one_direction_async.ron`).
    ///
    /// ## Known limitations
    /// Only request links count; a cycle through a load balancer is seen as a cycle
    /// through that load balancer's targets only when drawn with request links.
    pub SynchronousDependencyCycle {
        id: "COUP-002",
        name: "synchronous-dependency-cycle",
        family: Coup,
        default_severity: Medium,
        since: "0.1.0",
    }
}

impl Rule for SynchronousDependencyCycle {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &LintContext<'_>, out: &mut Vec<Finding>) {
        for members in cx.sync_cycles() {
            let names: Vec<&str> = members.iter().map(|c| c.display_name()).collect();
            let mut finding = Self::finding(
                Severity::Medium,
                format!(
                    "{} call each other synchronously in a cycle",
                    join_names(&names)
                ),
            )
            .components(members.iter().map(|c| &c.id));
            for c in &members {
                for link in cx.outgoing(&c.id) {
                    if link.kind == LinkKind::Request && members.iter().any(|m| m.id == link.to) {
                        finding = finding.link(&link.id);
                    }
                }
            }
            out.push(finding);
        }
    }
}
