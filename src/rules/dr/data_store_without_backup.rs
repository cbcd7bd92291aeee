//! DR-002: a data store with no automated backup or point-in-time recovery.

use crate::model::settings::Settings;
use crate::model::{Component, Kind, LinkKind, Severity};
use crate::rules::context::{LintContext, is_data_software};
use crate::rules::{Finding, Fix, Rule, RuleMeta, fixes};

declare_rule! {
    /// ## What it flags
    /// RDS with backup retention 0; Aurora is always backed up and never flagged; DynamoDB
    /// without point-in-time recovery and without an AWS Backup link; EFS without automatic
    /// backups or a Backup link; a persistent ElastiCache without snapshots; an EBS volume
    /// without a snapshot schedule or Backup link; a database on EC2 without a Backup link;
    /// a critical S3 bucket without versioning. Components marked `reproducible` are skipped.
    ///
    /// ## Why it matters
    /// Replication copies mistakes and deletions too; only backups bring yesterday's data
    /// back. AWS Well-Architected REL09-BP01 ("back up all data that needs to be backed up,
    /// or reproduce the data from sources"), REL09-BP03; AWS Config
    /// `db-instance-backup-enabled`, `dynamodb-pitr-enabled`, `efs-in-backup-plan`;
    /// checkov CKV_AWS_133, CKV_AWS_28.
    ///
    /// ## Example
    /// `tests/fixtures/rules/DR-002/fail_rds_backups_off.ron`
    ///
    /// ## Use instead
    /// Retention of 7 days or more, PITR, or an AWS Backup plan (`pass_rds_backups_on.ron`,
    /// `pass_dynamodb_in_backup_plan.ron`).
    ///
    /// ## Known limitations
    /// Whether the retention meets the RPO is DR-003's question, not this rule's.
    pub DataStoreWithoutBackup {
        id: "DR-002",
        name: "data-store-without-backup",
        family: Dr,
        default_severity: High,
        since: "0.1.0",
    }
}

fn backed_up(cx: &LintContext<'_>, c: &Component) -> bool {
    cx.outgoing(&c.id)
        .iter()
        .any(|l| l.kind == LinkKind::Backup)
}

/// What DR-002 reports about `c` (message and fix), if anything.
pub(crate) fn problem(cx: &LintContext<'_>, c: &Component) -> Option<(String, Option<Fix>)> {
    let name = c.display_name();
    let set =
        |title: &str, change: fn(&mut Settings)| Some(fixes::change_settings(c, title, change));
    match &c.props.settings {
        Settings::Rds(s) if s.backup_retention_days() == 0 => Some((
            format!("{name} has automated backups turned off (retention 0 days)"),
            set("Keep automated backups for 7 days", |s| {
                if let Settings::Rds(s) = s {
                    s.backup_retention_days = Some(7);
                }
            }),
        )),
        Settings::DynamoDb(s) if !s.pitr() && !backed_up(cx, c) => Some((
            format!("{name} has neither point-in-time recovery nor an AWS Backup plan"),
            set("Turn on point-in-time recovery", |s| {
                if let Settings::DynamoDb(s) = s {
                    s.pitr = Some(true);
                }
            }),
        )),
        Settings::Efs(s) if !s.automatic_backups() && !backed_up(cx, c) => Some((
            format!("{name} has neither automatic backups nor an AWS Backup plan"),
            set("Turn on automatic backups", |s| {
                if let Settings::Efs(s) = s {
                    s.automatic_backups = Some(true);
                }
            }),
        )),
        Settings::ElastiCache(s) if s.persistent() && s.snapshot_retention_days() == 0 => Some((
            format!("{name} holds data of its own but keeps no snapshots"),
            set("Keep daily snapshots for 7 days", |s| {
                if let Settings::ElastiCache(s) = s {
                    s.snapshot_retention_days = Some(7);
                }
            }),
        )),
        Settings::Ebs(s) if s.snapshot_interval_hours.is_none() && !backed_up(cx, c) => Some((
            format!("{name} has no snapshot schedule or AWS Backup plan"),
            set("Snapshot it every 24 hours", |s| {
                if let Settings::Ebs(s) = s {
                    s.snapshot_interval_hours = Some(24);
                }
            }),
        )),
        Settings::Ec2(s)
            if s.software.as_deref().is_some_and(is_data_software) && !backed_up(cx, c) =>
        {
            Some((
                format!(
                    "{name} runs {} with no AWS Backup plan",
                    s.software.as_deref().unwrap_or_default()
                ),
                None,
            ))
        }
        Settings::S3(s)
            if c.props.common.critical == Some(true) && !s.versioning() && !backed_up(cx, c) =>
        {
            Some((
                format!(
                    "{name} holds critical data without versioning, so overwrites and deletes are final"
                ),
                set("Turn on versioning", |s| {
                    if let Settings::S3(s) = s {
                        s.versioning = Some(true);
                    }
                }),
            ))
        }
        _ => None,
    }
}

impl Rule for DataStoreWithoutBackup {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &LintContext<'_>, out: &mut Vec<Finding>) {
        // The kinds `problem` knows.
        for c in cx.of_kinds(&[
            Kind::Rds,
            Kind::DynamoDb,
            Kind::Efs,
            Kind::ElastiCache,
            Kind::Ebs,
            Kind::Ec2,
            Kind::S3,
        ]) {
            if c.props.common.reproducible == Some(true) {
                continue;
            }
            let Some((message, fix)) = problem(cx, c) else {
                continue;
            };
            out.push(
                Self::finding(Severity::High, message)
                    .component(&c.id)
                    .with_fix(fix),
            );
        }
    }
}
