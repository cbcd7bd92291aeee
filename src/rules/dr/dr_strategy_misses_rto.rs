//! DR-004: the disaster-recovery strategy the diagram shows cannot recover within the RTO.

use crate::model::settings::{ArchiveClass, DrStrategy, RetrievalTier, Settings};
use crate::model::{Duration, Severity};
use crate::rules::context::LintContext;
use crate::rules::recovery::copies::{Scope, recovery_points};
use crate::rules::recovery::protected_stores;
use crate::rules::recovery::strategy::{fastest_rto_secs, label};
use crate::rules::{Finding, Rule, RuleMeta, fixes};

declare_rule! {
    /// ## What it flags
    /// A recovery time objective faster than the DR strategy the diagram shows can recover:
    /// backup and restore takes hours, pilot light tens of minutes, warm standby minutes
    /// (the strategy is read from the Regions: copies only, live replicas plus core
    /// infrastructure, running scaled-down compute, or two Regions serving through DNS). A
    /// declared `dr_strategy` stronger than what is drawn. A data store whose only copy
    /// sits in S3 Glacier Flexible Retrieval or Deep Archive when retrieval takes longer
    /// than the RTO.
    ///
    /// ## Why it matters
    /// The strategy, not the intention, decides how fast the workload comes back. AWS
    /// Well-Architected REL13-BP02 (strategy bands), REL10-BP02 (rebuild within the
    /// recovery objectives); S3 "Understanding archive retrieval options" (Flexible
    /// Retrieval standard 3–5 h, Deep Archive standard up to 12 h).
    ///
    /// ## Example
    /// `tests/fixtures/rules/DR-004/fail_backup_restore_fast_rto.ron`,
    /// `tests/fixtures/rules/DR-004/fail_only_copy_in_archive.ron`
    ///
    /// ## Use instead
    /// Move one strategy up (pilot light: replicas and infrastructure waiting in the
    /// recovery Region), or keep the latest copy out of archive classes
    /// (`pass_pilot_light_one_hour.ron`).
    ///
    /// ## Known limitations
    /// The bands are REL13-BP02's orders of magnitude (hours, tens of minutes, minutes, zero),
    /// not measurements of a runbook. With no copy outside the Region there is no strategy
    /// to judge; DR-005 reports that. One RTO applies to every disruption.
    pub DrStrategyMissesRto {
        id: "DR-004",
        name: "dr-strategy-misses-rto",
        family: Dr,
        default_severity: High,
        since: "0.2.0",
    }
}

fn rank(s: DrStrategy) -> u8 {
    match s {
        DrStrategy::None => 0,
        DrStrategy::BackupRestore => 1,
        DrStrategy::PilotLight => 2,
        DrStrategy::WarmStandby => 3,
        DrStrategy::ActiveActive => 4,
    }
}

/// Hours-scale time to get an archived object back, by class and tier.
fn retrieval_secs(class: ArchiveClass, tier: RetrievalTier) -> u64 {
    match (class, tier) {
        (ArchiveClass::InstantRetrieval, _) => 0,
        (ArchiveClass::FlexibleRetrieval, RetrievalTier::Expedited) => 5 * 60,
        (ArchiveClass::FlexibleRetrieval, RetrievalTier::Standard) => 5 * 3_600,
        (ArchiveClass::FlexibleRetrieval, RetrievalTier::Bulk) => 12 * 3_600,
        // Deep Archive has no expedited tier: standard is the fastest (up to 12 h).
        (ArchiveClass::DeepArchive, RetrievalTier::Expedited | RetrievalTier::Standard) => {
            12 * 3_600
        }
        (ArchiveClass::DeepArchive, RetrievalTier::Bulk) => 48 * 3_600,
    }
}

fn class_name(class: ArchiveClass) -> &'static str {
    match class {
        ArchiveClass::InstantRetrieval => "Glacier Instant Retrieval",
        ArchiveClass::FlexibleRetrieval => "Glacier Flexible Retrieval",
        ArchiveClass::DeepArchive => "Glacier Deep Archive",
    }
}

fn tier_name(tier: RetrievalTier) -> &'static str {
    match tier {
        RetrievalTier::Expedited => "expedited",
        RetrievalTier::Standard => "standard",
        RetrievalTier::Bulk => "bulk",
    }
}

impl Rule for DrStrategyMissesRto {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &LintContext<'_>, out: &mut Vec<Finding>) {
        let objectives = &cx.diagram.info.objectives;
        let Some(rto) = objectives.rto else { return };
        let assessment = cx.dr_assessment();
        let shown = assessment.strategy;
        let regions = assessment.recovery_regions.join(", ");
        // Highlight what the recovery Region holds, else the stores whose copies are there.
        let mut evidence = assessment.evidence.clone();
        if evidence.is_empty() {
            evidence = protected_stores(cx)
                .into_iter()
                .filter(|s| !recovery_points(cx, s, Scope::Region).is_empty())
                .map(|s| s.id.clone())
                .collect();
        }
        if let Some(fastest) = fastest_rto_secs(shown)
            && rto.as_secs() < fastest
        {
            out.push(
                Self::finding(
                    Severity::High,
                    format!(
                        "The diagram shows {} (recovery in {regions}), which recovers in about {} at best; the RTO of {rto} needs a stronger strategy",
                        label(shown),
                        Duration::from_secs(fastest)
                    ),
                )
                .components(evidence.iter()),
            );
        }
        if let Some(declared) = objectives.dr_strategy
            && rank(declared) > rank(shown)
            && shown != DrStrategy::None
        {
            out.push(
                Self::finding(
                    Severity::Medium,
                    format!(
                        "The objectives declare {} but the diagram shows {}: the recovery Region lacks what that strategy keeps ready",
                        label(declared),
                        label(shown)
                    ),
                )
                .components(evidence.iter()),
            );
        }
        for store in protected_stores(cx) {
            for scope in [Scope::Region, Scope::Az] {
                let points = recovery_points(cx, store, scope);
                if points.is_empty() || points.iter().any(|p| p.archive.is_none()) {
                    continue;
                }
                let Some((holder, class, tier, wait)) = points
                    .iter()
                    .filter_map(|p| {
                        let (class, tier) = p.archive?;
                        Some((
                            p.evidence.first()?,
                            class,
                            tier,
                            retrieval_secs(class, tier),
                        ))
                    })
                    .min_by_key(|(_, _, _, wait)| *wait)
                else {
                    continue;
                };
                if wait <= rto.as_secs() {
                    continue;
                }
                let Some(archive) = cx.component(holder) else {
                    continue;
                };
                let fix = (class == ArchiveClass::FlexibleRetrieval && rto.as_secs() >= 5 * 60)
                    .then(|| {
                        fixes::change_settings(
                            archive,
                            format!(
                                "Restore from {} with expedited retrieval",
                                archive.display_name()
                            ),
                            |s| {
                                if let Settings::Glacier(g) = s {
                                    g.retrieval_tier = Some(RetrievalTier::Expedited);
                                }
                            },
                        )
                    });
                out.push(
                    Self::finding(
                        Severity::High,
                        format!(
                            "The only copy of {} is in {} ({}, {} retrieval takes up to {}), longer than the RTO of {rto}",
                            store.display_name(),
                            archive.display_name(),
                            class_name(class),
                            tier_name(tier),
                            Duration::from_secs(wait)
                        ),
                    )
                    .component(&store.id)
                    .component(&archive.id)
                    .with_fix(fix),
                );
                break;
            }
        }
    }
}
