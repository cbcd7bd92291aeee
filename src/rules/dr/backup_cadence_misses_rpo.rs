//! DR-003: the freshest copy of a data store is older than the recovery point objective.

use crate::model::settings::Settings;
use crate::model::{Component, Duration, Edit, LinkKind, Severity};
use crate::rules::context::LintContext;
use crate::rules::recovery::copies::{Scope, recovery_points};
use crate::rules::recovery::protected_stores;
use crate::rules::{Finding, Fix, Rule, RuleMeta, fixes};

declare_rule! {
    /// ## What it flags
    /// A data store whose best recovery point, for the loss of an AZ or of its whole Region,
    /// can lose more data than the declared RPO: backups or snapshots too far apart,
    /// replication lag above the RPO. Only copies in another Region count for the Region
    /// scope. Where the interval or lag is not drawn and the assumed value misses the RPO,
    /// it says so at info severity.
    ///
    /// ## Why it matters
    /// A backup taken every 24 hours cannot meet a 1 hour RPO. AWS Well-Architected
    /// REL09-BP01 (anti-pattern "No defined RPO, or backup frequency cannot meet RPO"),
    /// REL09-BP03, REL13-BP01; AWS Config `backup-plan-min-frequency-and-min-retention-check`;
    /// DynamoDB PITR API (`LatestRestorableDateTime` about 5 minutes back).
    ///
    /// ## Example
    /// `tests/fixtures/rules/DR-003/fail_daily_copy_hourly_rpo.ron`
    ///
    /// ## Use instead
    /// Back up at least as often as the RPO, use point-in-time recovery, or replicate
    /// asynchronously to the recovery Region (`pass_hourly_copy.ron`).
    ///
    /// ## Known limitations
    /// One RPO applies to every disruption (AZ and Region); per-scope objectives are not
    /// modelled. Stores with no copy at all are DR-002's and DR-005's findings, not this
    /// rule's. Undrawn asynchronous lag is assumed to be 15 minutes (S3 Replication Time
    /// Control's bound). Retention against a required look-back period is not checked: the
    /// diagram has no look-back objective.
    pub BackupCadenceMissesRpo {
        id: "DR-003",
        name: "backup-cadence-misses-rpo",
        family: Dr,
        default_severity: High,
        since: "0.2.0",
    }
}

/// Backs the store up at least every `hours`: its Backup links and the plans they reach.
fn backup_more_often(cx: &LintContext<'_>, store: &Component, hours: u32) -> Option<Fix> {
    let mut edits = Vec::new();
    for link in cx
        .outgoing(&store.id)
        .iter()
        .filter(|l| l.kind == LinkKind::Backup)
    {
        let mut props = link.props.clone();
        props.interval_hours = Some(f64::from(hours));
        edits.push(Edit::SetLinkProps(link.id.clone(), Box::new(props)));
        if let Some(plan) = cx.component(&link.to)
            && let Settings::Backup(b) = &plan.props.settings
            && b.frequency_hours() > hours
        {
            let mut props = plan.props.clone();
            if let Settings::Backup(b) = &mut props.settings {
                b.frequency_hours = Some(hours);
            }
            edits.push(Edit::SetProps(plan.id.clone(), Box::new(props)));
        }
    }
    (!edits.is_empty()).then(|| {
        Fix::new(
            format!("Back up {} every {hours} h", store.display_name()),
            Edit::Batch(edits),
        )
    })
}

/// Point-in-time recovery for the store's own kind (about 5 minutes of loss).
fn enable_pitr(store: &Component) -> Option<Fix> {
    let title = format!(
        "Turn on point-in-time recovery for {}",
        store.display_name()
    );
    match &store.props.settings {
        Settings::DynamoDb(_) => Some(fixes::change_settings(store, title, |s| {
            if let Settings::DynamoDb(s) = s {
                s.pitr = Some(true);
            }
        })),
        Settings::Rds(r) if r.backup_retention_days() == 0 => {
            Some(fixes::change_settings(store, title, |s| {
                if let Settings::Rds(s) = s {
                    s.backup_retention_days = Some(7);
                }
            }))
        }
        _ => None,
    }
}

impl Rule for BackupCadenceMissesRpo {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &LintContext<'_>, out: &mut Vec<Finding>) {
        let Some(rpo) = cx.diagram.info.objectives.rpo else {
            return;
        };
        for store in protected_stores(cx) {
            for scope in [Scope::Az, Scope::Region] {
                let points = recovery_points(cx, store, scope);
                let Some(best) = points.first() else { continue };
                if best.rpo_secs <= rpo.as_secs() {
                    continue;
                }
                let name = store.display_name();
                let lost = match scope {
                    Scope::Az => "an AZ".to_owned(),
                    Scope::Region => "its Region".to_owned(),
                };
                let mut finding = if best.assumed {
                    Self::finding(
                        Severity::Info,
                        format!(
                            "Whether {name} meets the RPO of {rpo} after losing {lost} depends on the interval or lag of {}, which the diagram does not give (assumed {})",
                            best.mechanism,
                            Duration::from_secs(best.rpo_secs)
                        ),
                    )
                } else {
                    let hours = u32::try_from(rpo.as_secs() / 3_600).unwrap_or(u32::MAX);
                    let fix = match scope {
                        Scope::Az => enable_pitr(store).or_else(|| {
                            (hours >= 1)
                                .then(|| backup_more_often(cx, store, hours))
                                .flatten()
                        }),
                        Scope::Region => (hours >= 1)
                            .then(|| backup_more_often(cx, store, hours))
                            .flatten(),
                    };
                    Self::finding(
                        Severity::High,
                        format!(
                            "After losing {lost}, {name} can lose {} of data ({}), more than the RPO of {rpo}",
                            Duration::from_secs(best.rpo_secs),
                            best.mechanism
                        ),
                    )
                    .with_fix(fix)
                };
                finding = finding
                    .component(&store.id)
                    .components(best.evidence.iter());
                out.push(finding);
            }
        }
    }
}
