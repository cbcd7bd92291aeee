//! Terraform resource types → nodes: networking, compute, load balancers, data stores,
//! messaging, Route 53, CloudFront and AWS Backup.

use super::relations::Relations;
use super::{Tf, texts_at};
use crate::io::import::draft::{Az, Place};
use crate::io::import::value::Value;
use crate::model::link::{LinkProps, ReplicationMode};
use crate::model::settings::{
    AsgSettings, AuroraSettings, BackupSettings, BillingMode, CacheEngine, CloudFrontSettings,
    DynamoDbSettings, Ec2Settings, EcsServiceSettings, ElastiCacheSettings, FailoverRole,
    HealthCheckType, LambdaSettings, LaunchType, LbScheme, LoadBalancerSettings, MqDeployment,
    MqEngine, MqSettings, NatConnectivity, NatGatewaySettings, NatMode, RdsDeployment, RdsSettings,
    Route53Settings, RoutingPolicy, S3Settings, SnsSettings, SqsSettings, SubnetSettings,
    VpcEndpointSettings, VpcEndpointType, VpcSettings,
};
use crate::model::{Kind, LinkKind, Settings};

pub(super) fn map_resource(tf: &mut Tf<'_, '_>, i: usize, rel: &Relations) -> bool {
    let key = tf.key(i);
    let spanning = |subnets: Vec<String>| Place::Spanning { vpc: None, subnets };
    let group = |tf: &Tf<'_, '_>, field: &str| -> Vec<String> {
        tf.first_ref(i, &[field])
            .and_then(|g| rel.subnet_groups.get(&g).cloned())
            .unwrap_or_default()
    };
    match tf.resources[i].ty.as_str() {
        "aws_vpc" => {
            let cidr = tf.text(i, &["cidr_block"]);
            if let Some(n) = tf.node(i, Kind::Vpc, Place::Regional) {
                n.settings = Settings::Vpc(VpcSettings {
                    cidr_blocks: cidr.map(|c| vec![c]),
                    ..VpcSettings::default()
                });
            }
        }
        "aws_subnet" => {
            let vpc = tf.first_ref(i, &["vpc_id"]);
            let az = tf
                .text(i, &["availability_zone"])
                .or_else(|| tf.text(i, &["availability_zone_id"]))
                .map_or(Az::Unknown, Az::Named);
            let settings = SubnetSettings {
                cidr: tf.text(i, &["cidr_block"]),
                intent: None,
                map_public_ip_on_launch: tf.flag(i, &["map_public_ip_on_launch"]),
            };
            let address = tf.resources[i].address.clone();
            if let Some(n) = tf.node(i, Kind::Subnet, Place::Regional) {
                n.vpc = Some(vpc.unwrap_or_else(|| format!("{address} (vpc_id)")));
                n.az = Some(az);
                n.settings = Settings::Subnet(settings);
            }
        }
        "aws_internet_gateway" => {
            let vpc = tf
                .first_ref(i, &["vpc_id"])
                .or_else(|| rel.gateway_vpc.get(&key).cloned());
            match vpc {
                Some(vpc) => {
                    tf.node(i, Kind::InternetGateway, Place::InVpc(vpc));
                }
                None => {
                    let origin = tf.origin(i);
                    tf.draft.warn(origin, format!("Internet gateway `{}` is not attached to a VPC of the plan; it is left out", tf.resources[i].address));
                }
            }
        }
        "aws_nat_gateway" => {
            let regional = tf
                .text(i, &["availability_mode"])
                .is_some_and(|m| m == "regional");
            let private = tf
                .text(i, &["connectivity_type"])
                .is_some_and(|c| c == "private");
            let place = if regional {
                tf.first_ref(i, &["vpc_id"])
                    .map_or_else(|| spanning(Vec::new()), Place::InVpc)
            } else {
                tf.first_ref(i, &["subnet_id"])
                    .map_or_else(|| spanning(Vec::new()), Place::InSubnet)
            };
            if let Some(n) = tf.node(i, Kind::NatGateway, place) {
                n.settings = Settings::NatGateway(NatGatewaySettings {
                    availability_mode: Some(if regional {
                        NatMode::Regional
                    } else {
                        NatMode::Zonal
                    }),
                    connectivity: Some(if private {
                        NatConnectivity::Private
                    } else {
                        NatConnectivity::Public
                    }),
                });
            }
        }
        "aws_vpc_endpoint" => {
            let vpc = tf.first_ref(i, &["vpc_id"]);
            let subnets = tf.ref_keys(i, &["subnet_ids"]);
            let interface = tf
                .text(i, &["vpc_endpoint_type"])
                .is_some_and(|t| t == "Interface");
            let service = tf
                .text(i, &["service_name"])
                .and_then(|s| s.rsplit('.').next().map(str::to_owned));
            if let Some(n) = tf.node(i, Kind::VpcEndpoint, Place::Spanning { vpc, subnets }) {
                n.settings = Settings::VpcEndpoint(VpcEndpointSettings {
                    endpoint_type: Some(if interface {
                        VpcEndpointType::Interface
                    } else {
                        VpcEndpointType::Gateway
                    }),
                    service,
                });
            }
        }
        "aws_ec2_transit_gateway" => {
            tf.node(i, Kind::TransitGateway, Place::Regional);
        }
        "aws_instance" => {
            let place = tf
                .first_ref(i, &["subnet_id"])
                .map_or_else(|| spanning(Vec::new()), Place::InSubnet);
            let instance_type = tf.text(i, &["instance_type"]);
            if let Some(n) = tf.node(i, Kind::Ec2, place) {
                n.settings = Settings::Ec2(Ec2Settings {
                    instance_type,
                    ..Ec2Settings::default()
                });
            }
        }
        "aws_autoscaling_group" => {
            let subnets = tf.ref_keys(i, &["vpc_zone_identifier"]);
            let settings = AsgSettings {
                min: tf.count(i, &["min_size"]),
                max: tf.count(i, &["max_size"]),
                desired: tf.count(i, &["desired_capacity"]),
                health_check_type: tf.text(i, &["health_check_type"]).map(|t| {
                    if t == "ELB" {
                        HealthCheckType::Elb
                    } else {
                        HealthCheckType::Ec2
                    }
                }),
                health_check_grace_secs: tf.count(i, &["health_check_grace_period"]),
                ..AsgSettings::default()
            };
            if let Some(n) = tf.node(i, Kind::AutoScalingGroup, spanning(subnets)) {
                n.settings = Settings::Asg(settings);
            }
        }
        "aws_lambda_function" => {
            let subnets = tf.ref_keys(i, &["vpc_config", "subnet_ids"]);
            let settings = LambdaSettings {
                timeout_secs: tf.count(i, &["timeout"]),
                memory_mb: tf.count(i, &["memory_size"]),
                reserved_concurrency: tf.count(i, &["reserved_concurrent_executions"]).filter(
                    |_| {
                        tf.text(i, &["reserved_concurrent_executions"])
                            .is_some_and(|t| t != "-1")
                    },
                ),
                container_image: Some(tf.text(i, &["package_type"]).is_some_and(|t| t == "Image")),
                ..LambdaSettings::default()
            };
            if let Some(dlq) = tf.first_ref(i, &["dead_letter_config", "target_arn"]) {
                tf.link(LinkKind::DeadLetter, &key, &dlq, LinkProps::default(), i);
            }
            if let Some(n) = tf.node(i, Kind::Lambda, Place::RegionalOrSpanning { subnets }) {
                n.settings = Settings::Lambda(settings);
            }
        }
        "aws_ecs_service" => {
            let subnets = tf.ref_keys(i, &["network_configuration", "subnets"]);
            let settings = EcsServiceSettings {
                launch_type: tf.text(i, &["launch_type"]).map(|l| {
                    if l == "EC2" {
                        LaunchType::Ec2
                    } else {
                        LaunchType::Fargate
                    }
                }),
                desired_count: tf.count(i, &["desired_count"]),
                ..EcsServiceSettings::default()
            };
            if let Some(n) = tf.node(i, Kind::EcsService, spanning(subnets)) {
                n.settings = Settings::EcsService(settings);
            }
        }
        "aws_lb" | "aws_alb" => {
            let kind = match tf.text(i, &["load_balancer_type"]).as_deref() {
                Some("network") => Kind::Nlb,
                Some("gateway") => Kind::Gwlb,
                _ => Kind::Alb,
            };
            let mut subnets = tf.ref_keys(i, &["subnets"]);
            subnets.extend(tf.ref_keys(i, &["subnet_mapping", "subnet_id"]));
            let internal = tf.flag(i, &["internal"]) == Some(true);
            let cross_zone = if kind == Kind::Alb {
                Some(true)
            } else {
                tf.flag(i, &["enable_cross_zone_load_balancing"])
            };
            let deletion = tf.flag(i, &["enable_deletion_protection"]);
            if let Some(n) = tf.node(i, kind, spanning(subnets)) {
                n.settings = Settings::LoadBalancer(LoadBalancerSettings {
                    scheme: Some(if internal {
                        LbScheme::Internal
                    } else {
                        LbScheme::InternetFacing
                    }),
                    cross_zone,
                    ..LoadBalancerSettings::default()
                });
                n.common.deletion_protection = deletion;
            }
        }
        "aws_db_instance" => {
            let subnets = group(tf, "db_subnet_group_name");
            let multi_az = tf.flag(i, &["multi_az"]);
            let settings = RdsSettings {
                engine: tf.text(i, &["engine"]),
                instance_class: tf.text(i, &["instance_class"]),
                deployment: multi_az.map(|m| {
                    if m {
                        RdsDeployment::MultiAzInstance
                    } else {
                        RdsDeployment::SingleAz
                    }
                }),
                backup_retention_days: tf.count(i, &["backup_retention_period"]),
                publicly_accessible: tf.flag(i, &["publicly_accessible"]),
                backup_replication_region: None,
            };
            let deletion = tf.flag(i, &["deletion_protection"]);
            if let Some(source) = tf.first_ref(i, &["replicate_source_db"]) {
                let props = LinkProps {
                    replication: Some(ReplicationMode::Async),
                    ..LinkProps::default()
                };
                tf.link(LinkKind::Replicate, &source, &key, props, i);
            }
            if let Some(n) = tf.node(i, Kind::Rds, spanning(subnets)) {
                n.settings = Settings::Rds(settings);
                n.common.deletion_protection = deletion;
            }
        }
        "aws_rds_cluster" => {
            let subnets = group(tf, "db_subnet_group_name");
            let engine = tf.text(i, &["engine"]);
            let retention = tf.count(i, &["backup_retention_period"]);
            let deletion = tf.flag(i, &["deletion_protection"]);
            let members = rel.cluster_members.get(&key).copied().unwrap_or(1).max(1);
            let aurora = engine.as_deref().is_none_or(|e| e.starts_with("aurora"));
            let settings = if aurora {
                Settings::Aurora(AuroraSettings {
                    engine,
                    instances: Some(members),
                    backup_retention_days: retention,
                    ..AuroraSettings::default()
                })
            } else {
                Settings::Rds(RdsSettings {
                    engine,
                    deployment: Some(RdsDeployment::MultiAzCluster),
                    backup_retention_days: retention,
                    ..RdsSettings::default()
                })
            };
            let kind = if aurora { Kind::Aurora } else { Kind::Rds };
            if let Some(n) = tf.node(i, kind, spanning(subnets)) {
                n.settings = settings;
                n.common.deletion_protection = deletion;
            }
        }
        "aws_dynamodb_table" => {
            let mut regions = Vec::new();
            texts_at(
                tf.resources[i].values,
                &["replica", "region_name"],
                &mut regions,
            );
            let regions: Vec<String> = regions.into_iter().map(str::to_owned).collect();
            let settings = DynamoDbSettings {
                billing_mode: tf.text(i, &["billing_mode"]).map(|m| {
                    if m == "PAY_PER_REQUEST" {
                        BillingMode::OnDemand
                    } else {
                        BillingMode::Provisioned
                    }
                }),
                pitr: tf.flag(i, &["point_in_time_recovery", "enabled"]),
                global_table_regions: (!regions.is_empty()).then_some(regions),
                ..DynamoDbSettings::default()
            };
            let deletion = tf.flag(i, &["deletion_protection_enabled"]);
            if let Some(n) = tf.node(i, Kind::DynamoDb, Place::Regional) {
                n.settings = Settings::DynamoDb(settings);
                n.common.deletion_protection = deletion;
            }
        }
        "aws_elasticache_replication_group" => {
            let subnets = group(tf, "subnet_group_name");
            let replicas = tf.count(i, &["replicas_per_node_group"]).or_else(|| {
                tf.count(i, &["num_cache_clusters"])
                    .map(|n| n.saturating_sub(1))
            });
            let settings = ElastiCacheSettings {
                engine: tf.text(i, &["engine"]).map(|e| {
                    if e == "valkey" {
                        CacheEngine::Valkey
                    } else {
                        CacheEngine::Redis
                    }
                }),
                replicas_per_shard: replicas,
                automatic_failover: tf.flag(i, &["automatic_failover_enabled"]),
                multi_az: tf.flag(i, &["multi_az_enabled"]),
                snapshot_retention_days: tf.count(i, &["snapshot_retention_limit"]),
                ..ElastiCacheSettings::default()
            };
            if let Some(n) = tf.node(i, Kind::ElastiCache, spanning(subnets)) {
                n.settings = Settings::ElastiCache(settings);
            }
        }
        "aws_s3_bucket" => {
            let lock = tf.flag(i, &["object_lock_enabled"]);
            if let Some(n) = tf.node(i, Kind::S3, Place::Regional) {
                n.settings = Settings::S3(S3Settings {
                    object_lock: lock,
                    ..S3Settings::default()
                });
            }
        }
        "aws_sqs_queue" => {
            let policy = tf.text(i, &["redrive_policy"]);
            let (dlq, max_receive) = policy
                .and_then(|p| serde_json::from_str::<serde_json::Value>(&p).ok())
                .map(|j| {
                    let dlq = j
                        .get("deadLetterTargetArn")
                        .and_then(|d| d.as_str())
                        .and_then(|arn| tf.by_value.get(arn))
                        .map(|&d| tf.key(d));
                    let count = j
                        .get("maxReceiveCount")
                        .and_then(|c| c.as_u64().or_else(|| c.as_str()?.parse().ok()))
                        .and_then(|c| u32::try_from(c).ok());
                    (dlq, count)
                })
                .unwrap_or_default();
            let settings = SqsSettings {
                fifo: tf.flag(i, &["fifo_queue"]),
                high_throughput: tf
                    .text(i, &["fifo_throughput_limit"])
                    .map(|t| t == "perMessageGroupId"),
                max_message_size_bytes: tf.count(i, &["max_message_size"]),
                visibility_timeout_secs: tf.count(i, &["visibility_timeout_seconds"]),
                receive_wait_time_secs: tf.count(i, &["receive_wait_time_seconds"]),
                retention_secs: tf.count(i, &["message_retention_seconds"]),
                max_receive_count: max_receive,
                ..SqsSettings::default()
            };
            if let Some(dlq) = dlq {
                tf.link(LinkKind::DeadLetter, &key, &dlq, LinkProps::default(), i);
            }
            if let Some(n) = tf.node(i, Kind::Sqs, Place::Regional) {
                n.settings = Settings::Sqs(settings);
            }
        }
        "aws_sns_topic" => {
            let fifo = tf.flag(i, &["fifo_topic"]);
            if let Some(n) = tf.node(i, Kind::Sns, Place::Regional) {
                n.settings = Settings::Sns(SnsSettings {
                    fifo,
                    ..SnsSettings::default()
                });
            }
        }
        "aws_mq_broker" => {
            let subnets = tf.ref_keys(i, &["subnet_ids"]);
            let mode = tf.text(i, &["deployment_mode"]).map(|m| match m.as_str() {
                "ACTIVE_STANDBY_MULTI_AZ" => MqDeployment::ActiveStandbyMultiAz,
                "CLUSTER_MULTI_AZ" => MqDeployment::ClusterMultiAz,
                _ => MqDeployment::SingleInstance,
            });
            let engine = tf.text(i, &["engine_type"]).map(|e| {
                if e.eq_ignore_ascii_case("rabbitmq") {
                    MqEngine::RabbitMq
                } else {
                    MqEngine::ActiveMq
                }
            });
            let public = tf.flag(i, &["publicly_accessible"]);
            if let Some(n) = tf.node(i, Kind::AmazonMq, spanning(subnets)) {
                n.settings = Settings::Mq(MqSettings {
                    engine,
                    deployment_mode: mode,
                    public,
                });
            }
        }
        "aws_kinesis_stream" => {
            tf.node(i, Kind::Kinesis, Place::Regional);
        }
        "aws_cloudwatch_event_bus" => {
            tf.node(i, Kind::EventBridge, Place::Regional);
        }
        "aws_api_gateway_rest_api" | "aws_apigatewayv2_api" => {
            tf.node(i, Kind::ApiGateway, Place::Regional);
        }
        "aws_sfn_state_machine" => {
            tf.node(i, Kind::StepFunctions, Place::Regional);
        }
        "aws_efs_file_system" => {
            tf.node(i, Kind::Efs, spanning(Vec::new()));
        }
        "aws_route53_record" => {
            let policy = if tf.text(i, &["failover_routing_policy", "type"]).is_some() {
                RoutingPolicy::Failover
            } else if tf.text(i, &["weighted_routing_policy", "weight"]).is_some() {
                RoutingPolicy::Weighted
            } else if tf.text(i, &["latency_routing_policy", "region"]).is_some() {
                RoutingPolicy::Latency
            } else {
                RoutingPolicy::Simple
            };
            let role = tf.text(i, &["failover_routing_policy", "type"]).map(|t| {
                if t == "SECONDARY" {
                    FailoverRole::Secondary
                } else {
                    FailoverRole::Primary
                }
            });
            let health_check = tf.text(i, &["health_check_id"]).is_some()
                || !tf.refs(i, &["health_check_id"]).is_empty();
            let evaluate = tf.flag(i, &["alias", "evaluate_target_health"]);
            let mut targets = tf.ref_keys(i, &["alias", "name"]);
            targets.extend(tf.ref_keys(i, &["records"]));
            let name = tf.text(i, &["name"]);
            let settings = Route53Settings {
                routing_policy: Some(policy),
                health_check: Some(health_check),
                evaluate_target_health: evaluate,
                ttl_secs: tf.count(i, &["ttl"]),
            };
            if let Some(n) = tf.node(i, Kind::Route53, Place::Regional) {
                if let Some(name) = name {
                    n.label = name;
                }
                n.settings = Settings::Route53(settings);
            }
            for t in targets {
                let props = LinkProps {
                    health_check: Some(health_check || evaluate == Some(true)),
                    failover_role: role,
                    ..LinkProps::default()
                };
                tf.link(LinkKind::Route, &key, &t, props, i);
            }
        }
        "aws_cloudfront_distribution" => {
            let targets = tf.ref_keys(i, &["origin", "domain_name"]);
            let failover = tf.resources[i]
                .values
                .get("origin_group")
                .and_then(Value::items)
                .is_some_and(|g| !g.is_empty());
            let waf = tf.text(i, &["web_acl_id"]).is_some();
            if let Some(n) = tf.node(i, Kind::CloudFront, Place::Regional) {
                n.settings = Settings::CloudFront(CloudFrontSettings {
                    origin_failover: Some(failover),
                    waf: Some(waf),
                });
            }
            for t in targets {
                tf.link(LinkKind::Route, &key, &t, LinkProps::default(), i);
            }
        }
        "aws_backup_plan" => {
            let mut retention = Vec::new();
            texts_at(
                tf.resources[i].values,
                &["rule", "lifecycle", "delete_after"],
                &mut retention,
            );
            let retention = retention.iter().filter_map(|t| t.parse::<u32>().ok()).max();
            let mut arns = Vec::new();
            texts_at(
                tf.resources[i].values,
                &["rule", "copy_action", "destination_vault_arn"],
                &mut arns,
            );
            let mut regions: Vec<String> = arns
                .iter()
                .filter_map(|a| a.split(':').nth(3))
                .filter(|r| !r.is_empty())
                .map(str::to_owned)
                .collect();
            regions.dedup();
            let hours = rel.plan_hours.get(&key).copied();
            if let Some(n) = tf.node(i, Kind::Backup, Place::Regional) {
                n.settings = Settings::Backup(BackupSettings {
                    frequency_hours: hours,
                    retention_days: retention,
                    copy_regions: (!regions.is_empty()).then_some(regions),
                    ..BackupSettings::default()
                });
            }
        }
        // Folded into links, placements and settings.
        "aws_route_table"
        | "aws_route"
        | "aws_route_table_association"
        | "aws_internet_gateway_attachment"
        | "aws_db_subnet_group"
        | "aws_elasticache_subnet_group"
        | "aws_rds_cluster_instance"
        | "aws_lb_target_group"
        | "aws_alb_target_group"
        | "aws_lb_target_group_attachment"
        | "aws_alb_target_group_attachment"
        | "aws_autoscaling_attachment"
        | "aws_lb_listener"
        | "aws_alb_listener"
        | "aws_lb_listener_rule"
        | "aws_alb_listener_rule"
        | "aws_vpc_endpoint_route_table_association"
        | "aws_autoscaling_policy"
        | "aws_lambda_event_source_mapping"
        | "aws_sns_topic_subscription"
        | "aws_sqs_queue_redrive_policy"
        | "aws_s3_bucket_versioning"
        | "aws_s3_bucket_replication_configuration"
        | "aws_s3_bucket_notification"
        | "aws_s3_bucket_lifecycle_configuration"
        | "aws_s3_bucket_public_access_block"
        | "aws_backup_selection"
        | "aws_cloudwatch_metric_alarm"
        | "aws_route53_health_check"
        | "aws_lambda_function_event_invoke_config"
        | "aws_apigatewayv2_integration"
        | "aws_api_gateway_integration"
        | "aws_cloudwatch_event_target" => {}
        _ => return false,
    }
    true
}
