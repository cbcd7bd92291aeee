//! DR-001: stateful components but no recovery point or time objective.

use crate::model::Severity;
use crate::rules::context::{LintContext, is_data_store};
use crate::rules::{Finding, Rule, RuleMeta};

declare_rule! {
    /// ## What it flags
    /// A diagram with data stores or stateful components whose recovery point objective
    /// (RPO: how much data, as time, may be lost) or recovery time objective (RTO: how long
    /// the workload may be down) is not declared.
    ///
    /// ## Why it matters
    /// Without objectives, no backup cadence or disaster-recovery strategy can be judged
    /// sufficient or excessive. AWS Well-Architected REL13-BP01 anti-pattern "You haven't
    /// designated recovery objectives"; AWS Resilience Hub resiliency policies.
    ///
    /// ## Example
    /// `tests/fixtures/rules/DR-001/fail_no_objectives.ron`
    ///
    /// ## Use instead
    /// Set RPO and RTO in the diagram's objectives, e.g. `objectives: (rpo: "1h", rto: "4h")`
    /// (`pass_objectives_declared.ron`).
    ///
    /// ## Known limitations
    /// One RPO/RTO pair applies to the whole diagram; per-scope objectives (AZ, Region) are
    /// not modelled yet.
    pub NoRecoveryObjectives {
        id: "DR-001",
        name: "no-recovery-objectives",
        family: Dr,
        default_severity: Medium,
        since: "0.1.0",
    }
}

impl Rule for NoRecoveryObjectives {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &LintContext<'_>, out: &mut Vec<Finding>) {
        let objectives = &cx.diagram.info.objectives;
        let missing: Vec<&str> = [
            ("RPO", objectives.rpo.is_none()),
            ("RTO", objectives.rto.is_none()),
        ]
        .into_iter()
        .filter_map(|(name, missing)| missing.then_some(name))
        .collect();
        if missing.is_empty() {
            return;
        }
        let stateful: Vec<_> = cx
            .components()
            .filter(|c| is_data_store(c) || c.props.common.stateful == Some(true))
            .collect();
        if stateful.is_empty() {
            return;
        }
        out.push(
            Self::finding(
                Severity::Medium,
                format!(
                    "The diagram keeps data ({} stateful component{}) but declares no {}, so its backups and recovery cannot be judged",
                    stateful.len(),
                    if stateful.len() == 1 { "" } else { "s" },
                    missing.join(" or ")
                ),
            )
            .components(stateful.iter().map(|c| &c.id)),
        );
    }
}
