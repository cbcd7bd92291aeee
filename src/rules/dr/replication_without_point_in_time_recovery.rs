//! DR-006: replication that cannot work, or that copies corruption with no way back.

use crate::model::settings::Settings;
use crate::model::{Component, ComponentId, Edit, LinkKind, Severity};
use crate::rules::context::{LintContext, is_data_store};
use crate::rules::{Finding, Fix, Rule, RuleMeta};

declare_rule! {
    /// ## What it flags
    /// S3 replication whose source or destination bucket is unversioned (S3 refuses it), or
    /// whose source uses Object Lock while the destination does not. Any other replicated
    /// data store with no point-in-time protection (versioning, PITR, backups, snapshots),
    /// unless DR-002 already reports it.
    ///
    /// ## Why it matters
    /// Replication faithfully copies deletes and corruption. S3 replication failure reasons
    /// `DstBucketUnversioned`, `DstBucketObjectLockConfigMissing`; AWS Well-Architected
    /// REL13-BP02 ("Data replication ... will not protect you against data corruption or
    /// destruction unless your solution also includes options for point-in-time recovery");
    /// checkov CKV_AWS_21.
    ///
    /// ## Example
    /// `tests/fixtures/rules/DR-006/fail_replica_bucket_unversioned.ron`
    ///
    /// ## Use instead
    /// Versioning on both buckets; PITR or backups next to replication
    /// (`pass_both_buckets_versioned.ron`).
    ///
    /// ## Known limitations
    /// S3 → Glacier links stand for lifecycle transitions and are not checked as
    /// replication.
    pub ReplicationWithoutPointInTimeRecovery {
        id: "DR-006",
        name: "replication-without-point-in-time-recovery",
        family: Dr,
        default_severity: High,
        since: "0.2.0",
    }
}

fn has_backup_link(cx: &LintContext<'_>, c: &Component) -> bool {
    cx.outgoing(&c.id)
        .iter()
        .any(|l| l.kind == LinkKind::Backup)
}

/// The store can be rolled back to a point before a bad write.
fn point_in_time(cx: &LintContext<'_>, c: &Component) -> bool {
    has_backup_link(cx, c)
        || match &c.props.settings {
            Settings::S3(s) => s.versioning(),
            Settings::DynamoDb(s) => s.pitr(),
            Settings::Rds(s) => s.backup_retention_days() > 0,
            Settings::Aurora(_) => true,
            Settings::Efs(s) => s.automatic_backups(),
            Settings::ElastiCache(s) => s.snapshot_retention_days() > 0,
            Settings::Ebs(s) => s.snapshot_interval_hours.is_some(),
            _ => false,
        }
}

fn version_buckets(buckets: &[&Component], object_lock: bool) -> Fix {
    let names: Vec<&str> = buckets.iter().map(|b| b.display_name()).collect();
    let title = text!(
        if object_lock {
            "Turn on Object Lock in "
        } else {
            "Turn on versioning in "
        },
        names.join(" and ")
    );
    // The buckets' settings are copied when the fix is applied, not for every finding.
    let ids: Vec<ComponentId> = buckets.iter().map(|b| b.id.clone()).collect();
    Fix::deferred(title, move |cx| {
        let edits = ids
            .iter()
            .map(|id| {
                let mut props = cx.component(id)?.props.clone();
                if let Settings::S3(s) = &mut props.settings {
                    s.versioning = Some(true);
                    if object_lock {
                        s.object_lock = Some(true);
                    }
                }
                Some(Edit::SetProps(id.clone(), Box::new(props)))
            })
            .collect::<Option<Vec<Edit>>>()?;
        Some(Edit::Batch(edits))
    })
}

impl Rule for ReplicationWithoutPointInTimeRecovery {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &LintContext<'_>, out: &mut Vec<Finding>) {
        for view in cx.links() {
            let (link, source, dest) = (view.link, view.from, view.to);
            if link.kind != LinkKind::Replicate || !is_data_store(source) {
                continue;
            }
            if let (Settings::S3(s), Settings::S3(d)) =
                (&source.props.settings, &dest.props.settings)
            {
                let unversioned: Vec<&Component> = [(source, s), (dest, d)]
                    .into_iter()
                    .filter(|(_, set)| !set.versioning())
                    .map(|(c, _)| c)
                    .collect();
                if !unversioned.is_empty() {
                    let names: Vec<&str> = unversioned.iter().map(|c| c.display_name()).collect();
                    out.push(
                        Self::finding(
                            Severity::High,
                            text!(
                                "Replication from ",
                                source.display_name(),
                                " to ",
                                dest.display_name(),
                                " cannot work: S3 replicates only between versioned buckets, and ",
                                names.join(" and "),
                                if names.len() == 1 { " is" } else { " are" },
                                " not versioned"
                            ),
                        )
                        .link(&link.id)
                        .components(unversioned.iter().map(|c| &c.id))
                        .with_fix(Some(version_buckets(&unversioned, false))),
                    );
                } else if s.object_lock() && !d.object_lock() {
                    out.push(
                        Self::finding(
                            Severity::High,
                            format!(
                                "{} uses Object Lock but its replica {} does not, so S3 cannot replicate the locked objects",
                                source.display_name(),
                                dest.display_name()
                            ),
                        )
                        .link(&link.id)
                        .component(&dest.id)
                        .with_fix(Some(version_buckets(&[dest], true))),
                    );
                }
                continue;
            }
            if point_in_time(cx, source)
                || crate::rules::dr::data_store_without_backup::problem(cx, source).is_some()
            {
                continue;
            }
            out.push(
                Self::finding(
                    Severity::Medium,
                    text!(
                        source.display_name(),
                        " is replicated to ",
                        dest.display_name(),
                        " but has no point-in-time recovery, so a bad write or delete reaches the replica too with no way back"
                    ),
                )
                .component(&source.id)
                .link(&link.id),
            );
        }
    }
}
