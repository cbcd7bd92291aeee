//! Where the copies of a data store live and how much data each would lose: the recovery
//! points a store can be restored from after the loss of an AZ or of its whole Region.
//!
//! Mechanisms (RULES.md DR-003): a synchronous standby or storage AWS spreads over AZs
//! (≈ 0), point-in-time recovery (≈ 5 min: DynamoDB `LatestRestorableDateTime`, RDS
//! transaction logs), asynchronous replication (its lag), backups, snapshots and scheduled
//! transfers (their interval). For the Region scope only copies in another Region count.

use std::collections::BTreeSet;

use crate::model::link::ReplicationMode;
use crate::model::settings::{ArchiveClass, RetrievalTier, Settings};
use crate::model::{Component, ComponentId, Kind, LinkKind};
use crate::rules::context::LintContext;

/// Lag assumed for asynchronous replication whose lag is not drawn: S3 Replication Time
/// Control replicates 99.99 % of objects within 15 minutes, and database replicas usually
/// trail by seconds.
pub const ASSUMED_ASYNC_LAG_SECS: u64 = 900;

/// Data point-in-time recovery can lose: DynamoDB restores to about five minutes before
/// now; RDS uploads transaction logs every five minutes.
pub const PITR_RPO_SECS: u64 = 300;

/// Interval assumed for a backup or snapshot whose schedule is not drawn: daily.
pub const ASSUMED_BACKUP_INTERVAL_SECS: u64 = 86_400;

/// The disruption a recovery point must survive.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Scope {
    /// The loss of one Availability Zone.
    Az,
    /// The loss of the store's whole Region.
    Region,
}

/// One way to get a store's data back.
#[derive(Clone, Debug, PartialEq)]
pub struct RecoveryPoint {
    /// What it is, for messages ("an AWS Backup plan every 24 h").
    pub mechanism: String,
    /// Most data (as time) it can lose.
    pub rpo_secs: u64,
    /// `rpo_secs` is an assumption because the diagram does not say (lag or schedule).
    pub assumed: bool,
    /// Region holding the copy, for the Region scope.
    pub region: Option<String>,
    /// Components that hold the copy or make it.
    pub evidence: Vec<ComponentId>,
    /// The copy sits in an archive class that must be retrieved before a restore.
    pub archive: Option<(ArchiveClass, RetrievalTier)>,
    /// A live copy kept up to date continuously (replica, global table), as opposed to
    /// periodic backups that must be restored.
    pub continuous: bool,
}

impl RecoveryPoint {
    fn new(mechanism: impl Into<String>, rpo_secs: u64) -> Self {
        Self {
            mechanism: mechanism.into(),
            rpo_secs,
            assumed: false,
            region: None,
            evidence: Vec::new(),
            archive: None,
            continuous: false,
        }
    }

    fn live(mut self) -> Self {
        self.continuous = true;
        self
    }

    fn assumed(mut self) -> Self {
        self.assumed = true;
        self
    }

    fn in_region(mut self, region: Option<String>) -> Self {
        self.region = region;
        self
    }

    fn held_by(mut self, c: &Component) -> Self {
        self.evidence.push(c.id.clone());
        if let Settings::Glacier(g) = &c.props.settings {
            self.archive = Some((g.storage_class(), g.retrieval_tier()));
        }
        self
    }
}

/// The name a Region goes by: its code, else its label, else its id.
pub fn region_name(region: &Component) -> String {
    match &region.props.settings {
        Settings::Region(s) if s.code.as_deref().is_some_and(|c| !c.is_empty()) => {
            s.code.clone().unwrap_or_default()
        }
        _ => region.display_name().to_owned(),
    }
}

/// `name` (a Region code from a setting) names a Region other than `home`.
fn names_other_region(home: Option<&Component>, name: &str) -> bool {
    let name = name.trim();
    !name.is_empty()
        && home.is_none_or(|h| {
            name != region_name(h) && name != h.id.as_str() && name != h.display_name()
        })
}

/// The Region of `target` when it is drawn in a Region other than `home`'s.
fn other_region(
    cx: &LintContext<'_>,
    home: Option<&Component>,
    target: &Component,
) -> Option<String> {
    let there = cx.region_of(&target.id)?;
    (home.is_some_and(|h| h.id != there.id)).then(|| region_name(there))
}

fn hours(h: f64) -> u64 {
    // Drawn intervals are small positive numbers of hours; negative or absurd values are
    // clamped rather than trusted.
    let secs = (h.max(0.0) * 3_600.0).round();
    if secs >= 1e15 {
        u64::MAX / 2
    } else {
        secs as u64
    }
}

fn fmt_interval(secs: u64) -> String {
    crate::model::Duration::from_secs(secs).to_string()
}

/// Every recovery point of `store` valid for `scope`, best (smallest RPO) first.
pub fn recovery_points(
    cx: &LintContext<'_>,
    store: &Component,
    scope: Scope,
) -> Vec<RecoveryPoint> {
    let mut points = Vec::new();
    let home = cx.region_of(&store.id);
    built_in(store, scope, home, &mut points);
    for link in cx.outgoing(&store.id).iter() {
        let Some(target) = cx.component(&link.to) else {
            continue;
        };
        match link.kind {
            LinkKind::Replicate => {
                let (rpo, assumed) = match (link.props.replication, link.props.lag_secs) {
                    (Some(ReplicationMode::Sync), _) => (0, false),
                    (_, Some(lag)) => (hours(lag / 3_600.0), false),
                    _ => (ASSUMED_ASYNC_LAG_SECS, true),
                };
                let mut point =
                    RecoveryPoint::new(format!("replication to {}", target.display_name()), rpo)
                        .held_by(target)
                        .live();
                point.assumed = assumed;
                match scope {
                    Scope::Az if !same_single_zone(cx, store, target) => points.push(point),
                    Scope::Region => {
                        if let Some(r) = other_region(cx, home, target) {
                            points.push(point.in_region(Some(r)));
                        }
                    }
                    Scope::Az => {}
                }
            }
            LinkKind::Backup => backup_points(cx, store, home, link, target, scope, &mut points),
            LinkKind::DataTransfer if target.kind == Kind::DataSync => {
                let interval =
                    link.props
                        .interval_hours
                        .map(hours)
                        .or(match &target.props.settings {
                            Settings::DataSync(d) => d.schedule_hours.map(|h| u64::from(h) * 3_600),
                            _ => None,
                        });
                for out in cx.outgoing(&target.id).iter() {
                    let Some(dest) = cx.component(&out.to) else {
                        continue;
                    };
                    if out.kind != LinkKind::DataTransfer || dest.id == store.id {
                        continue;
                    }
                    let mut point = RecoveryPoint::new(
                        format!("DataSync to {}", dest.display_name()),
                        interval.unwrap_or(ASSUMED_BACKUP_INTERVAL_SECS),
                    )
                    .held_by(dest);
                    point.assumed = interval.is_none();
                    match scope {
                        Scope::Az => points.push(point),
                        Scope::Region => {
                            if let Some(r) = other_region(cx, home, dest) {
                                points.push(point.in_region(Some(r)));
                            }
                        }
                    }
                }
            }
            _ => {}
        }
    }
    points.sort_by(|a, b| a.rpo_secs.cmp(&b.rpo_secs).then(a.assumed.cmp(&b.assumed)));
    points
}

/// Both are pinned to the same single AZ (a copy there dies with it).
fn same_single_zone(cx: &LintContext<'_>, a: &Component, b: &Component) -> bool {
    use crate::rules::context::Zones;
    match (cx.zones(&a.id), cx.zones(&b.id)) {
        (Zones::Known(x), Zones::Known(y)) => x.len() == 1 && x == y,
        _ => false,
    }
}

fn backup_points(
    cx: &LintContext<'_>,
    store: &Component,
    home: Option<&Component>,
    link: &crate::model::Link,
    target: &Component,
    scope: Scope,
    points: &mut Vec<RecoveryPoint>,
) {
    let (interval, assumed) = match (link.props.interval_hours, &target.props.settings) {
        (Some(h), _) => (hours(h), false),
        (None, Settings::Backup(b)) => (
            u64::from(b.frequency_hours()) * 3_600,
            b.frequency_hours.is_none(),
        ),
        _ => (ASSUMED_BACKUP_INTERVAL_SECS, true),
    };
    let make = |what: String, holder: &Component| {
        let mut p =
            RecoveryPoint::new(format!("{what} every {}", fmt_interval(interval)), interval)
                .held_by(holder);
        p.assumed = assumed;
        p
    };
    match scope {
        Scope::Az => points.push(make(
            format!("backups to {}", target.display_name()),
            target,
        )),
        Scope::Region => {
            if let Some(r) = other_region(cx, home, target) {
                points.push(
                    make(format!("backups to {}", target.display_name()), target)
                        .in_region(Some(r)),
                );
            }
            let mut named = BTreeSet::new();
            if let Settings::Backup(b) = &target.props.settings {
                named.extend(
                    b.copy_regions()
                        .into_iter()
                        .filter(|r| names_other_region(home, r)),
                );
            }
            for region in named {
                points.push(
                    make(
                        format!("backups by {} copied to {region}", target.display_name()),
                        target,
                    )
                    .in_region(Some(region)),
                );
            }
            // A copy action drawn as a Backup link from this plan to a vault elsewhere.
            if target.kind == Kind::Backup {
                for hop in cx.outgoing(&target.id).iter() {
                    if hop.kind != LinkKind::Backup {
                        continue;
                    }
                    if let Some(vault) = cx.component(&hop.to)
                        && vault.id != store.id
                        && let Some(r) = other_region(cx, home, vault)
                    {
                        points.push(
                            make(format!("backups copied to {}", vault.display_name()), vault)
                                .in_region(Some(r)),
                        );
                    }
                }
            }
        }
    }
}

/// Protection the store's own settings give.
fn built_in(
    store: &Component,
    scope: Scope,
    home: Option<&Component>,
    points: &mut Vec<RecoveryPoint>,
) {
    let spread = || RecoveryPoint::new("storage AWS keeps in several AZs", 0);
    let pitr = || RecoveryPoint::new("point-in-time recovery", PITR_RPO_SECS);
    let elsewhere = |what: &str, region: &str, rpo: u64, assumed: bool| {
        let p = RecoveryPoint::new(format!("{what} in {region}"), rpo)
            .in_region(Some(region.to_owned()));
        if assumed { p.assumed() } else { p }
    };
    match (&store.props.settings, scope) {
        (Settings::S3(_) | Settings::Glacier(_) | Settings::Aurora(_), Scope::Az) => {
            points.push(spread())
        }
        (Settings::DynamoDb(d), Scope::Az) => {
            points.push(spread());
            if d.pitr() {
                points.push(pitr());
            }
        }
        (Settings::Efs(e), Scope::Az) => {
            if !e.one_zone() {
                points.push(spread());
            }
            if e.automatic_backups() {
                points.push(RecoveryPoint::new("daily automatic backups", 86_400));
            }
        }
        (Settings::Rds(r), Scope::Az) => {
            if r.deployment() != crate::model::settings::RdsDeployment::SingleAz {
                points.push(RecoveryPoint::new("synchronous standby in another AZ", 0));
            }
            if r.backup_retention_days() > 0 {
                points.push(pitr());
            }
        }
        (Settings::ElastiCache(e), Scope::Az) => {
            if e.multi_az() && e.replicas_per_shard() >= 1 {
                points.push(
                    RecoveryPoint::new("replica in another AZ", ASSUMED_ASYNC_LAG_SECS).assumed(),
                );
            }
            if e.snapshot_retention_days() > 0 {
                points.push(RecoveryPoint::new("daily snapshots", 86_400));
            }
        }
        (Settings::Ebs(e), Scope::Az) => {
            if let Some(h) = e.snapshot_interval_hours {
                points.push(RecoveryPoint::new(
                    format!("snapshots every {h} h"),
                    u64::from(h) * 3_600,
                ));
            }
        }
        (Settings::Rds(r), Scope::Region) => {
            if let Some(region) = r.backup_replication_region.as_deref()
                && names_other_region(home, region)
                && r.backup_retention_days() > 0
            {
                points.push(elsewhere(
                    "automated backups replicated",
                    region,
                    ASSUMED_ASYNC_LAG_SECS,
                    true,
                ));
            }
        }
        (Settings::Aurora(a), Scope::Region) => {
            for region in a
                .global_regions()
                .iter()
                .filter(|r| names_other_region(home, r))
            {
                points.push(
                    elsewhere(
                        "global database secondary",
                        region,
                        ASSUMED_ASYNC_LAG_SECS,
                        true,
                    )
                    .live(),
                );
            }
        }
        (Settings::DynamoDb(d), Scope::Region) => {
            for region in d
                .global_table_regions()
                .iter()
                .filter(|r| names_other_region(home, r))
            {
                points.push(
                    elsewhere("global table replica", region, ASSUMED_ASYNC_LAG_SECS, true).live(),
                );
            }
        }
        (Settings::Ebs(e), Scope::Region) => {
            if let Some(region) = e.snapshot_copy_region.as_deref()
                && names_other_region(home, region)
            {
                let (rpo, assumed) = e
                    .snapshot_interval_hours
                    .map_or((ASSUMED_BACKUP_INTERVAL_SECS, true), |h| {
                        (u64::from(h) * 3_600, false)
                    });
                points.push(elsewhere("snapshot copies", region, rpo, assumed));
            }
        }
        (Settings::Efs(e), Scope::Region) => {
            if let Some(region) = e.replication_region.as_deref()
                && names_other_region(home, region)
            {
                // EFS replication: "an RPO of 15 minutes for most file systems".
                points.push(elsewhere("EFS replication", region, 900, false).live());
            }
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;
    use crate::model::builder::DiagramBuilder;
    use crate::model::settings::{BackupSettings, RdsSettings, RegionSettings};

    #[test]
    fn only_copies_in_another_region_count_for_region_loss() {
        let mut b = DiagramBuilder::new();
        b.add_with(
            "east",
            Kind::Region,
            None,
            Settings::Region(RegionSettings {
                code: Some("us-east-1".into()),
                ..RegionSettings::default()
            }),
        );
        b.add("vpc", Kind::Vpc, Some("east"));
        b.add_with(
            "db",
            Kind::Rds,
            Some("vpc"),
            Settings::Rds(RdsSettings {
                backup_retention_days: Some(7),
                ..RdsSettings::default()
            }),
        );
        b.add_with(
            "plan",
            Kind::Backup,
            Some("east"),
            Settings::Backup(BackupSettings {
                frequency_hours: Some(6),
                copy_regions: Some(vec!["us-east-1".into(), "us-west-2".into()]),
                ..BackupSettings::default()
            }),
        );
        b.link(LinkKind::Backup, "db", "plan");
        let diagram = b.build();
        let cx = LintContext::new(&diagram);
        let db = diagram.component_by_str("db").unwrap();
        let az = recovery_points(&cx, db, Scope::Az);
        assert_eq!(az[0].rpo_secs, PITR_RPO_SECS);
        let region = recovery_points(&cx, db, Scope::Region);
        assert_eq!(region.len(), 1, "{region:?}");
        assert_eq!(region[0].rpo_secs, 6 * 3_600);
        assert_eq!(region[0].region.as_deref(), Some("us-west-2"));
    }
}
