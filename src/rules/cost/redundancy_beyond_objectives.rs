//! COST-002: a disaster-recovery setup far stronger than the declared objectives need.

use crate::model::settings::DrStrategy;
use crate::model::{LinkKind, Severity};
use crate::rules::context::{LintContext, is_data_store};
use crate::rules::recovery::strategy::label;
use crate::rules::{Finding, Rule, RuleMeta};

declare_rule! {
    /// ## What it flags
    /// A warm standby or active/active deployment (low) or a pilot light (info) while the
    /// declared RTO is a day or more and the RPO an hour or more; a multi-Region deployment
    /// with no recovery objectives to justify it (info); cross-Region replication of data
    /// marked `reproducible` (low). Only fires when redundancy exceeds what the declared
    /// objectives need, and never about Multi-AZ.
    ///
    /// ## Why it matters
    /// "You should avoid implementing a strategy that is more stringent than it needs to
    /// be, as this incurs unnecessary costs" (AWS Well-Architected REL13-BP02); REL10-BP01
    /// anti-pattern "You implement a multi-Region architecture when a multi-AZ architecture
    /// would satisfy business requirements"; REL13-BP01.
    ///
    /// ## Example
    /// `tests/fixtures/rules/COST-002/fail_active_active_for_daily_rto.ron`
    ///
    /// ## Use instead
    /// The cheapest strategy that meets the objectives: pilot light or backup and restore,
    /// keeping Multi-AZ in the primary Region (`pass_active_active_for_minute_rto.ron`).
    ///
    /// ## Known limitations
    /// One RTO/RPO pair stands for all disruptions; the strategy bands are REL13-BP02's orders
    /// of magnitude.
    pub RedundancyBeyondObjectives {
        id: "COST-002",
        name: "redundancy-beyond-objectives",
        family: Cost,
        default_severity: Low,
        since: "0.2.0",
    }
}

impl Rule for RedundancyBeyondObjectives {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &LintContext<'_>, out: &mut Vec<Finding>) {
        let objectives = &cx.diagram.info.objectives;
        let assessment = cx.dr_assessment();
        let strategy = assessment.strategy;
        let loose = objectives.rto.is_some_and(|r| r.as_secs() >= 86_400)
            && objectives.rpo.is_some_and(|r| r.as_secs() >= 3_600);
        let severity = match strategy {
            DrStrategy::WarmStandby | DrStrategy::ActiveActive if loose => Some(Severity::Low),
            DrStrategy::PilotLight if loose => Some(Severity::Info),
            _ => None,
        };
        if let (Some(severity), Some(rto), Some(rpo)) = (severity, objectives.rto, objectives.rpo) {
            out.push(
                Self::finding(
                    severity,
                    format!(
                        "The diagram runs {} in {} for an RTO of {rto} and an RPO of {rpo}, which backup and restore meets at a fraction of the cost; keep Multi-AZ in the primary Region",
                        label(strategy),
                        assessment.recovery_regions.join(", ")
                    ),
                )
                .components(assessment.evidence.iter()),
            );
        }
        if matches!(strategy, DrStrategy::WarmStandby | DrStrategy::ActiveActive)
            && objectives.rto.is_none()
            && objectives.rpo.is_none()
        {
            out.push(
                Self::finding(
                    Severity::Info,
                    format!(
                        "The diagram runs {} across Regions but declares no RTO or RPO that would need it",
                        label(strategy)
                    ),
                )
                .components(assessment.evidence.iter()),
            );
        }
        for view in cx.links() {
            let (link, from, to) = (view.link, view.from, view.to);
            if link.kind == LinkKind::Replicate
                && is_data_store(from)
                && from.props.common.reproducible == Some(true)
                && let (Some(a), Some(b)) = (cx.region_of(&from.id), cx.region_of(&to.id))
                && a.id != b.id
            {
                out.push(
                    Self::finding(
                        Severity::Low,
                        format!(
                            "{} is replicated to {} in another Region, though its data is marked reproducible",
                            from.display_name(),
                            to.display_name()
                        ),
                    )
                    .link(&link.id)
                    .component(&from.id),
                );
            }
        }
    }
}
