//! Data stores: RDS instances and Multi-AZ clusters, Aurora, DynamoDB (tables and global
//! tables), ElastiCache, S3 (versioning, lifecycle, replication, notifications), EFS, Glacier.

use super::intrinsics::R;
use super::{Cx, Res};
use crate::io::import::draft::{Origin, Place};
use crate::io::import::value::Value;
use crate::model::link::LinkProps;
use crate::model::settings::{
    AuroraSettings, BillingMode, CacheEngine, DynamoDbSettings, EfsSettings, ElastiCacheSettings,
    RdsDeployment, RdsSettings, S3Settings,
};
use crate::model::{Kind, LinkKind, Settings};

pub(super) fn prescan(cx: &mut Cx<'_, '_>, key: &str, ty: &str, props: &Value, _origin: Origin) {
    match ty {
        "AWS::RDS::DBSubnetGroup" | "AWS::ElastiCache::SubnetGroup" => {
            let subnets = cx.ref_list(props, "SubnetIds");
            let name_key = if ty == "AWS::RDS::DBSubnetGroup" {
                "DBSubnetGroupName"
            } else {
                "CacheSubnetGroupName"
            };
            if let Some(name) = cx.text(props, name_key) {
                cx.pending
                    .subnet_group_names
                    .insert(name.to_lowercase(), key.to_owned());
            }
            cx.pending.subnet_groups.insert(key.to_owned(), subnets);
        }
        "AWS::RDS::DBInstance" => {
            if let Some(cluster) = cx.refs(props, "DBClusterIdentifier").into_iter().next() {
                *cx.pending.cluster_members.entry(cluster).or_default() += 1;
            }
        }
        "AWS::EFS::MountTarget" => {
            if let (Some(fs), Some(subnet)) = (
                cx.refs(props, "FileSystemId").into_iter().next(),
                cx.refs(props, "SubnetId").into_iter().next(),
            ) {
                cx.pending.mount_targets.entry(fs).or_default().push(subnet);
            }
        }
        _ => {}
    }
}

/// Subnets of the subnet group a property names (by reference or by name).
fn group_subnets(cx: &mut Cx<'_, '_>, props: &Value, name: &str) -> Vec<String> {
    let group = match cx.get(props, name) {
        Some(R::Text(text)) => cx
            .pending
            .subnet_group_names
            .get(&text.to_lowercase())
            .cloned(),
        Some(other) => other.refs().into_iter().next(),
        None => None,
    };
    group
        .and_then(|g| cx.pending.subnet_groups.get(&g).cloned())
        .unwrap_or_default()
}

fn region_of_arn(arn: &str) -> Option<String> {
    let region = arn.split(':').nth(3)?;
    (!region.is_empty()).then(|| region.to_owned())
}

pub(super) fn map(cx: &mut Cx<'_, '_>, r: &Res<'_>) -> bool {
    let p = r.props;
    match r.ty {
        "AWS::RDS::DBInstance" => {
            if cx
                .refs(p, "DBClusterIdentifier")
                .into_iter()
                .next()
                .is_some()
            {
                // A member of an Aurora or Multi-AZ cluster: counted on the cluster.
                return true;
            }
            let subnets = group_subnets(cx, p, "DBSubnetGroupName");
            let multi_az = cx.flag(p, "MultiAZ");
            let settings = RdsSettings {
                engine: cx.text(p, "Engine"),
                instance_class: cx.text(p, "DBInstanceClass"),
                deployment: multi_az.map(|m| {
                    if m {
                        RdsDeployment::MultiAzInstance
                    } else {
                        RdsDeployment::SingleAz
                    }
                }),
                backup_retention_days: cx.count(p, "BackupRetentionPeriod"),
                publicly_accessible: cx.flag(p, "PubliclyAccessible"),
                backup_replication_region: None,
            };
            let deletion = cx.flag(p, "DeletionProtection");
            if let Some(source) = cx.refs(p, "SourceDBInstanceIdentifier").into_iter().next() {
                let props = LinkProps {
                    replication: Some(crate::model::link::ReplicationMode::Async),
                    ..LinkProps::default()
                };
                cx.link(LinkKind::Replicate, &source, r.key, props, r.origin);
            }
            let node = cx.node(r, Kind::Rds, Place::Spanning { vpc: None, subnets });
            node.settings = Settings::Rds(settings);
            node.common.deletion_protection = deletion;
        }
        "AWS::RDS::DBCluster" => {
            let subnets = group_subnets(cx, p, "DBSubnetGroupName");
            let engine = cx.text(p, "Engine");
            let retention = cx.count(p, "BackupRetentionPeriod");
            let deletion = cx.flag(p, "DeletionProtection");
            let aurora = engine.as_deref().is_none_or(|e| e.starts_with("aurora"));
            let node = if aurora {
                let members = cx.pending.cluster_members.get(r.key).copied();
                let serverless = p.get("ServerlessV2ScalingConfiguration").is_some()
                    || cx.text(p, "EngineMode").is_some_and(|m| m == "serverless");
                let backtrack = cx.count(p, "BacktrackWindow").map(|secs| secs / 3600);
                let node = cx.node(r, Kind::Aurora, Place::Spanning { vpc: None, subnets });
                node.settings = Settings::Aurora(AuroraSettings {
                    engine,
                    instances: Some(members.unwrap_or(1).max(1)),
                    serverless: Some(serverless),
                    backup_retention_days: retention,
                    backtrack_hours: backtrack,
                    ..AuroraSettings::default()
                });
                node
            } else {
                let node = cx.node(r, Kind::Rds, Place::Spanning { vpc: None, subnets });
                node.settings = Settings::Rds(RdsSettings {
                    engine,
                    deployment: Some(RdsDeployment::MultiAzCluster),
                    backup_retention_days: retention,
                    ..RdsSettings::default()
                });
                node
            };
            node.common.deletion_protection = deletion;
        }
        "AWS::DynamoDB::Table" | "AWS::DynamoDB::GlobalTable" | "AWS::Serverless::SimpleTable" => {
            let on_demand = cx.text(p, "BillingMode").map(|m| m == "PAY_PER_REQUEST");
            let mut pitr = cx.flag_path(
                p,
                &[
                    "PointInTimeRecoverySpecification",
                    "PointInTimeRecoveryEnabled",
                ],
            );
            let mut pitr_days = cx.count_path(
                p,
                &["PointInTimeRecoverySpecification", "RecoveryPeriodInDays"],
            );
            let mut deletion = cx.flag(p, "DeletionProtectionEnabled");
            let mut regions = Vec::new();
            if let Some(replicas) = p.get("Replicas").and_then(Value::items) {
                for replica in replicas {
                    if let Some(region) = cx.text(replica, "Region") {
                        regions.push(region);
                    }
                    pitr = pitr.or_else(|| {
                        cx.flag_path(
                            replica,
                            &[
                                "PointInTimeRecoverySpecification",
                                "PointInTimeRecoveryEnabled",
                            ],
                        )
                    });
                    pitr_days = pitr_days.or_else(|| {
                        cx.count_path(
                            replica,
                            &["PointInTimeRecoverySpecification", "RecoveryPeriodInDays"],
                        )
                    });
                    deletion = deletion.or_else(|| cx.flag(replica, "DeletionProtectionEnabled"));
                }
            }
            let node = cx.node(r, Kind::DynamoDb, Place::Regional);
            node.settings = Settings::DynamoDb(DynamoDbSettings {
                billing_mode: on_demand.map(|d| {
                    if d {
                        BillingMode::OnDemand
                    } else {
                        BillingMode::Provisioned
                    }
                }),
                pitr,
                pitr_days,
                global_table_regions: (!regions.is_empty()).then_some(regions),
                ..DynamoDbSettings::default()
            });
            node.common.deletion_protection = deletion;
        }
        "AWS::ElastiCache::ReplicationGroup"
        | "AWS::ElastiCache::CacheCluster"
        | "AWS::ElastiCache::ServerlessCache" => {
            let subnets = match r.ty {
                "AWS::ElastiCache::ServerlessCache" => cx.ref_list(p, "SubnetIds"),
                _ => group_subnets(cx, p, "CacheSubnetGroupName"),
            };
            let engine = cx
                .text(p, "Engine")
                .map(|e| match e.to_lowercase().as_str() {
                    "memcached" => CacheEngine::Memcached,
                    "valkey" => CacheEngine::Valkey,
                    _ => CacheEngine::Redis,
                });
            let settings = if r.ty == "AWS::ElastiCache::ServerlessCache" {
                ElastiCacheSettings {
                    engine,
                    automatic_failover: Some(true),
                    multi_az: Some(true),
                    snapshot_retention_days: cx.count(p, "SnapshotRetentionLimit"),
                    ..ElastiCacheSettings::default()
                }
            } else {
                let replicas = cx
                    .count(p, "ReplicasPerNodeGroup")
                    .or_else(|| cx.count(p, "NumCacheClusters").map(|n| n.saturating_sub(1)));
                ElastiCacheSettings {
                    engine,
                    replicas_per_shard: replicas,
                    automatic_failover: cx.flag(p, "AutomaticFailoverEnabled"),
                    multi_az: cx.flag(p, "MultiAZEnabled"),
                    snapshot_retention_days: cx.count(p, "SnapshotRetentionLimit"),
                    ..ElastiCacheSettings::default()
                }
            };
            let node = cx.node(r, Kind::ElastiCache, Place::Spanning { vpc: None, subnets });
            node.settings = Settings::ElastiCache(settings);
        }
        "AWS::S3::Bucket" => s3(cx, r),
        "AWS::EFS::FileSystem" => {
            let subnets = cx
                .pending
                .mount_targets
                .get(r.key)
                .cloned()
                .unwrap_or_default();
            let one_zone = cx.text(p, "AvailabilityZoneName").is_some();
            let backups = cx
                .text_path(p, &["BackupPolicy", "Status"])
                .map(|s| s == "ENABLED");
            let replication = p
                .path(&["ReplicationConfiguration", "Destinations"])
                .and_then(Value::items)
                .and_then(|d| d.first().cloned())
                .and_then(|d| cx.text(&d, "Region"));
            let node = cx.node(r, Kind::Efs, Place::Spanning { vpc: None, subnets });
            node.settings = Settings::Efs(EfsSettings {
                one_zone: Some(one_zone),
                replication_region: replication,
                automatic_backups: backups,
            });
        }
        "AWS::Glacier::Vault" => {
            cx.node(r, Kind::Glacier, Place::Regional);
        }
        "AWS::RDS::DBSubnetGroup" | "AWS::ElastiCache::SubnetGroup" | "AWS::EFS::MountTarget" => {}
        _ => return false,
    }
    true
}

fn s3(cx: &mut Cx<'_, '_>, r: &Res<'_>) {
    let p = r.props;
    let versioning = cx
        .text_path(p, &["VersioningConfiguration", "Status"])
        .map(|s| s == "Enabled");
    let object_lock = cx.flag(p, "ObjectLockEnabled");
    let block = p.get("PublicAccessBlockConfiguration").map(|b| {
        [
            "BlockPublicAcls",
            "BlockPublicPolicy",
            "IgnorePublicAcls",
            "RestrictPublicBuckets",
        ]
        .iter()
        .all(|k| cx.flag(b, k) == Some(true))
    });
    let mut archive_days = None;
    if let Some(rules) = p
        .path(&["LifecycleConfiguration", "Rules"])
        .and_then(Value::items)
    {
        for rule in rules {
            let transitions: Vec<Value> = rule
                .get("Transitions")
                .and_then(Value::items)
                .map(<[Value]>::to_vec)
                .into_iter()
                .flatten()
                .chain(rule.get("Transition").cloned())
                .collect();
            for t in &transitions {
                let class = cx.text(t, "StorageClass").unwrap_or_default();
                if matches!(class.as_str(), "GLACIER" | "DEEP_ARCHIVE" | "GLACIER_IR")
                    && let Some(days) = cx.count(t, "TransitionInDays")
                {
                    archive_days = Some(archive_days.map_or(days, |d: u32| d.min(days)));
                }
            }
        }
    }
    let node = cx.node(r, Kind::S3, Place::Regional);
    node.settings = Settings::S3(S3Settings {
        versioning,
        object_lock,
        lifecycle_to_archive_days: archive_days,
        public_access_block: block,
        ..S3Settings::default()
    });
    if let Some(rules) = p
        .path(&["ReplicationConfiguration", "Rules"])
        .and_then(Value::items)
    {
        for rule in rules {
            let origin = cx.origin(rule.pos);
            match cx.get_path(rule, &["Destination", "Bucket"]) {
                Some(R::Text(arn)) => {
                    let region = region_of_arn(&arn);
                    cx.draft.warn(origin, format!(
                        "bucket `{}` replicates to `{arn}`, which is not in the imported templates{}; the replica is not drawn",
                        r.name,
                        region.map(|reg| format!(" (Region {reg})")).unwrap_or_default()
                    ));
                }
                Some(dest) => {
                    if let Some(dest) = dest.refs().into_iter().next() {
                        let props = LinkProps {
                            replication: Some(crate::model::link::ReplicationMode::Async),
                            ..LinkProps::default()
                        };
                        cx.link(LinkKind::Replicate, r.key, &dest, props, origin);
                    }
                }
                None => {}
            }
        }
    }
    for (list, field) in [
        ("LambdaConfigurations", "Function"),
        ("QueueConfigurations", "Queue"),
        ("TopicConfigurations", "Topic"),
    ] {
        let Some(items) = p
            .path(&["NotificationConfiguration", list])
            .and_then(Value::items)
        else {
            continue;
        };
        for item in items {
            let origin = cx.origin(item.pos);
            if let Some(target) = cx.refs(item, field).into_iter().next() {
                cx.link(
                    LinkKind::Trigger,
                    r.key,
                    &target,
                    LinkProps::default(),
                    origin,
                );
            }
        }
    }
}
