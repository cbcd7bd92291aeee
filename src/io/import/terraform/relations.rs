//! What relates Terraform resources: route tables and associations, gateway attachments,
//! subnet groups, cluster members, target groups, listeners and backup schedules (gathered
//! before the nodes exist), and the resources that change or link nodes afterwards
//! (scaling policies, event source mappings, subscriptions, S3 configuration, backup
//! selections, alarms).

use std::collections::HashMap;

use super::{Tf, texts_at};
use crate::io::import::value::Value;
use crate::model::link::{LinkProps, ReplicationMode};
use crate::model::settings::ScalingPolicy;
use crate::model::{Kind, LinkKind, Settings};

/// Facts gathered before the nodes exist.
#[derive(Default)]
pub(super) struct Relations {
    /// Internet gateway → VPC, from attachments.
    pub(super) gateway_vpc: HashMap<String, String>,
    /// Route table → (destination, target, resource that wrote it).
    pub(super) routes: Vec<(String, Option<String>, String, usize)>,
    /// Subnet → route table.
    pub(super) associations: Vec<(String, String)>,
    /// Subnet group → its subnets.
    pub(super) subnet_groups: HashMap<String, Vec<String>>,
    /// Aurora cluster → member instances.
    pub(super) cluster_members: HashMap<String, u32>,
    /// Target group → target (ASG, instance, ECS service).
    pub(super) tg_targets: Vec<(String, String, usize)>,
    /// Load balancer → target group, through listeners and rules.
    pub(super) lb_tgs: Vec<(String, String, usize)>,
    /// Target group → (health-checked, protocol).
    pub(super) target_groups: HashMap<String, (bool, Option<String>)>,
    /// Gateway endpoint → route table.
    pub(super) endpoint_tables: Vec<(String, String, usize)>,
    /// Backup plan → hours between backups.
    pub(super) plan_hours: HashMap<String, u32>,
}

pub(super) fn relate(tf: &mut Tf<'_, '_>, i: usize, rel: &mut Relations) {
    let key = tf.key(i);
    match tf.resources[i].ty.as_str() {
        "aws_internet_gateway_attachment" => {
            if let (Some(gw), Some(vpc)) = (
                tf.first_ref(i, &["internet_gateway_id"]),
                tf.first_ref(i, &["vpc_id"]),
            ) {
                rel.gateway_vpc.insert(gw, vpc);
            }
        }
        "aws_route_table" => {
            for route in 0..64 {
                let Some(block) = tf.resources[i]
                    .values
                    .get("route")
                    .and_then(Value::items)
                    .and_then(|r| r.get(route))
                else {
                    break;
                };
                let dest = block
                    .get("cidr_block")
                    .and_then(Value::text)
                    .filter(|t| !t.is_empty())
                    .map(str::to_owned);
                let target = [
                    "gateway_id",
                    "nat_gateway_id",
                    "transit_gateway_id",
                    "vpc_endpoint_id",
                ]
                .iter()
                .find_map(|f| {
                    block
                        .get(f)
                        .and_then(Value::text)
                        .and_then(|t| tf.by_value.get(t))
                        .copied()
                });
                if let Some(t) = target {
                    rel.routes.push((key.clone(), dest, tf.key(t), i));
                }
            }
        }
        "aws_route" => {
            let table = tf.first_ref(i, &["route_table_id"]);
            let dest = tf.text(i, &["destination_cidr_block"]);
            let target = [
                "gateway_id",
                "nat_gateway_id",
                "transit_gateway_id",
                "vpc_endpoint_id",
            ]
            .iter()
            .find_map(|f| tf.first_ref(i, &[f]));
            if let (Some(table), Some(target)) = (table, target) {
                rel.routes.push((table, dest, target, i));
            }
        }
        "aws_route_table_association" => {
            if let (Some(subnet), Some(table)) = (
                tf.first_ref(i, &["subnet_id"]),
                tf.first_ref(i, &["route_table_id"]),
            ) {
                rel.associations.push((subnet, table));
            }
        }
        "aws_vpc_endpoint" => {
            for table in tf.ref_keys(i, &["route_table_ids"]) {
                rel.endpoint_tables.push((key.clone(), table, i));
            }
        }
        "aws_vpc_endpoint_route_table_association" => {
            if let (Some(e), Some(t)) = (
                tf.first_ref(i, &["vpc_endpoint_id"]),
                tf.first_ref(i, &["route_table_id"]),
            ) {
                rel.endpoint_tables.push((e, t, i));
            }
        }
        "aws_db_subnet_group" | "aws_elasticache_subnet_group" => {
            rel.subnet_groups
                .insert(key, tf.ref_keys(i, &["subnet_ids"]));
        }
        "aws_rds_cluster_instance" => {
            if let Some(cluster) = tf.first_ref(i, &["cluster_identifier"]) {
                *rel.cluster_members.entry(cluster).or_default() += 1;
            }
        }
        "aws_lb_target_group" | "aws_alb_target_group" => {
            let lambda = tf.text(i, &["target_type"]).is_some_and(|t| t == "lambda");
            let checked = tf.flag(i, &["health_check", "enabled"]).unwrap_or(!lambda);
            let protocol = tf.text(i, &["protocol"]).map(|p| p.to_lowercase());
            rel.target_groups.insert(key, (checked, protocol));
        }
        "aws_lb_target_group_attachment" | "aws_alb_target_group_attachment" => {
            if let (Some(tg), Some(target)) = (
                tf.first_ref(i, &["target_group_arn"]),
                tf.first_ref(i, &["target_id"]),
            ) {
                rel.tg_targets.push((tg, target, i));
            }
        }
        "aws_autoscaling_attachment" => {
            let tg = tf
                .first_ref(i, &["lb_target_group_arn"])
                .or_else(|| tf.first_ref(i, &["alb_target_group_arn"]));
            if let (Some(tg), Some(asg)) = (tg, tf.first_ref(i, &["autoscaling_group_name"])) {
                rel.tg_targets.push((tg, asg, i));
            }
        }
        "aws_autoscaling_group" => {
            for tg in tf.ref_keys(i, &["target_group_arns"]) {
                rel.tg_targets.push((tg, key.clone(), i));
            }
        }
        "aws_ecs_service" => {
            for tg in tf.ref_keys(i, &["load_balancer", "target_group_arn"]) {
                rel.tg_targets.push((tg, key.clone(), i));
            }
        }
        "aws_lb_listener" | "aws_alb_listener" => {
            if let Some(lb) = tf.first_ref(i, &["load_balancer_arn"]) {
                let mut tgs = tf.ref_keys(i, &["default_action", "target_group_arn"]);
                tgs.extend(tf.ref_keys(i, &["default_action", "forward", "target_group", "arn"]));
                for tg in tgs {
                    rel.lb_tgs.push((lb.clone(), tg, i));
                }
            }
        }
        "aws_lb_listener_rule" | "aws_alb_listener_rule" => {
            let lb = tf
                .refs(i, &["listener_arn"])
                .first()
                .and_then(|&l| tf.first_ref(l, &["load_balancer_arn"]));
            if let Some(lb) = lb {
                let mut tgs = tf.ref_keys(i, &["action", "target_group_arn"]);
                tgs.extend(tf.ref_keys(i, &["action", "forward", "target_group", "arn"]));
                for tg in tgs {
                    rel.lb_tgs.push((lb.clone(), tg, i));
                }
            }
        }
        "aws_backup_plan" => {
            let mut schedules = Vec::new();
            texts_at(
                tf.resources[i].values,
                &["rule", "schedule"],
                &mut schedules,
            );
            if let Some(h) = schedules
                .iter()
                .filter_map(|s| crate::io::import::cfn::schedule_hours(s))
                .min()
            {
                rel.plan_hours.insert(key, h);
            }
        }
        _ => {}
    }
}

/// Resources that change nodes or link them: run once every node exists.
pub(super) fn modify(tf: &mut Tf<'_, '_>, i: usize) {
    match tf.resources[i].ty.as_str() {
        "aws_autoscaling_policy" => {
            let policy = match tf.text(i, &["policy_type"]).as_deref() {
                Some("TargetTrackingScaling") => ScalingPolicy::TargetTracking,
                Some("StepScaling") => ScalingPolicy::Step,
                Some("PredictiveScaling") => ScalingPolicy::Predictive,
                _ => ScalingPolicy::Simple,
            };
            for g in tf.ref_keys(i, &["autoscaling_group_name"]) {
                if let Some(n) = tf.draft.node_mut(&g)
                    && let Settings::Asg(s) = &mut n.settings
                {
                    s.scaling_policy = Some(policy);
                }
            }
        }
        "aws_lambda_event_source_mapping" => {
            let (Some(source), Some(function)) = (
                tf.first_ref(i, &["event_source_arn"]),
                tf.first_ref(i, &["function_name"]),
            ) else {
                return;
            };
            let kind = if tf
                .draft
                .node(&source)
                .is_some_and(|n| n.kind == Kind::DynamoDb)
            {
                LinkKind::Trigger
            } else {
                LinkKind::Consume
            };
            let props = LinkProps {
                batch_size: tf.count(i, &["batch_size"]),
                ..LinkProps::default()
            };
            tf.link(kind, &source, &function, props, i);
        }
        "aws_lambda_function_event_invoke_config" => {
            if let (Some(function), Some(target)) = (
                tf.first_ref(i, &["function_name"]),
                tf.first_ref(i, &["destination_config", "on_failure", "destination"]),
            ) {
                tf.link(
                    LinkKind::DeadLetter,
                    &function,
                    &target,
                    LinkProps::default(),
                    i,
                );
            }
        }
        "aws_lambda_function" => {
            // Resources named in the environment are what the code sends to or calls.
            let function = tf.key(i);
            for target in tf.ref_keys(i, &["environment", "variables"]) {
                let (Some(a), Some(b)) = (tf.draft.node(&function), tf.draft.node(&target)) else {
                    continue;
                };
                if let Some(kind) = [LinkKind::Send, LinkKind::Request]
                    .into_iter()
                    .find(|k| k.allows(a.kind, b.kind))
                {
                    tf.link(kind, &function, &target, LinkProps::default(), i);
                }
            }
        }
        "aws_apigatewayv2_integration" | "aws_api_gateway_integration" => {
            let api = tf
                .first_ref(i, &["api_id"])
                .or_else(|| tf.first_ref(i, &["rest_api_id"]));
            let targets = tf
                .ref_keys(i, &["integration_uri"])
                .into_iter()
                .chain(tf.ref_keys(i, &["uri"]));
            if let Some(api) = api {
                for target in targets.collect::<Vec<_>>() {
                    tf.link(LinkKind::Request, &api, &target, LinkProps::default(), i);
                }
            }
        }
        "aws_cloudwatch_event_target" => {
            let Some(bus) = tf.first_ref(i, &["event_bus_name"]) else {
                return;
            };
            if let Some(target) = tf.first_ref(i, &["arn"]) {
                tf.link(LinkKind::Trigger, &bus, &target, LinkProps::default(), i);
            }
        }
        "aws_sns_topic_subscription" => {
            if let (Some(topic), Some(endpoint)) = (
                tf.first_ref(i, &["topic_arn"]),
                tf.first_ref(i, &["endpoint"]),
            ) {
                let props = LinkProps {
                    protocol: tf.text(i, &["protocol"]),
                    ..LinkProps::default()
                };
                tf.link(LinkKind::Subscribe, &topic, &endpoint, props, i);
            }
        }
        "aws_sqs_queue_redrive_policy" => {
            let queue = tf.first_ref(i, &["queue_url"]);
            let policy = tf
                .text(i, &["redrive_policy"])
                .and_then(|p| serde_json::from_str::<serde_json::Value>(&p).ok());
            let dlq = policy
                .as_ref()
                .and_then(|j| j.get("deadLetterTargetArn")?.as_str())
                .and_then(|a| tf.by_value.get(a))
                .map(|&d| tf.key(d));
            if let (Some(queue), Some(dlq)) = (queue, dlq) {
                tf.link(LinkKind::DeadLetter, &queue, &dlq, LinkProps::default(), i);
            }
        }
        "aws_s3_bucket_versioning" => {
            let enabled = tf
                .text(i, &["versioning_configuration", "status"])
                .map(|s| s == "Enabled");
            if let Some(bucket) = tf.first_ref(i, &["bucket"])
                && let Some(n) = tf.draft.node_mut(&bucket)
                && let Settings::S3(s) = &mut n.settings
            {
                s.versioning = enabled;
            }
        }
        "aws_s3_bucket_public_access_block" => {
            let all = [
                "block_public_acls",
                "block_public_policy",
                "ignore_public_acls",
                "restrict_public_buckets",
            ]
            .iter()
            .all(|f| tf.flag(i, &[f]) == Some(true));
            if let Some(bucket) = tf.first_ref(i, &["bucket"])
                && let Some(n) = tf.draft.node_mut(&bucket)
                && let Settings::S3(s) = &mut n.settings
            {
                s.public_access_block = Some(all);
            }
        }
        "aws_s3_bucket_replication_configuration" => {
            let Some(bucket) = tf.first_ref(i, &["bucket"]) else {
                return;
            };
            let dests = tf.ref_keys(i, &["rule", "destination", "bucket"]);
            if dests.is_empty() {
                let origin = tf.origin(i);
                tf.draft.warn(origin, format!("`{}` replicates to a bucket that is not in the plan; the replica is not drawn", tf.resources[i].address));
            }
            for d in dests {
                let props = LinkProps {
                    replication: Some(ReplicationMode::Async),
                    ..LinkProps::default()
                };
                tf.link(LinkKind::Replicate, &bucket, &d, props, i);
            }
        }
        "aws_s3_bucket_notification" => {
            let Some(bucket) = tf.first_ref(i, &["bucket"]) else {
                return;
            };
            let mut targets = tf.ref_keys(i, &["lambda_function", "lambda_function_arn"]);
            targets.extend(tf.ref_keys(i, &["queue", "queue_arn"]));
            targets.extend(tf.ref_keys(i, &["topic", "topic_arn"]));
            for t in targets {
                tf.link(LinkKind::Trigger, &bucket, &t, LinkProps::default(), i);
            }
        }
        "aws_backup_selection" => {
            let Some(plan) = tf.first_ref(i, &["plan_id"]) else {
                return;
            };
            let hours = tf.draft.node(&plan).and_then(|n| match &n.settings {
                Settings::Backup(b) => b.frequency_hours,
                _ => None,
            });
            for r in tf.ref_keys(i, &["resources"]) {
                let props = LinkProps {
                    interval_hours: hours.map(f64::from),
                    ..LinkProps::default()
                };
                tf.link(LinkKind::Backup, &r, &plan, props, i);
            }
        }
        "aws_cloudwatch_metric_alarm" => {
            for key in tf.ref_keys(i, &["dimensions"]) {
                if let Some(n) = tf.draft.node_mut(&key) {
                    n.common.monitored = Some(true);
                }
            }
        }
        _ => {}
    }
}

pub(super) fn finish(tf: &mut Tf<'_, '_>, rel: &Relations) {
    for (subnet, table) in &rel.associations {
        for (t, dest, target, i) in &rel.routes {
            if t == table {
                let props = LinkProps {
                    destination_cidr: dest.clone(),
                    ..LinkProps::default()
                };
                tf.link(LinkKind::NetworkRoute, subnet, target, props, *i);
            }
        }
        for (endpoint, t, i) in &rel.endpoint_tables {
            if t == table {
                tf.link(
                    LinkKind::NetworkRoute,
                    subnet,
                    endpoint,
                    LinkProps::default(),
                    *i,
                );
            }
        }
    }
    for (lb, tg, i) in &rel.lb_tgs {
        let (checked, protocol) = rel.target_groups.get(tg).cloned().unwrap_or((true, None));
        for (_, target, _) in rel.tg_targets.iter().filter(|(t, _, _)| t == tg) {
            let props = LinkProps {
                health_check: Some(checked),
                protocol: protocol.clone(),
                ..LinkProps::default()
            };
            tf.link(LinkKind::Route, lb, target, props, *i);
        }
    }
}
