//! Compute resources: EC2 instances and volumes, Auto Scaling groups (with their target
//! groups and scaling policies), Lambda functions (plain and SAM, with event source mappings,
//! SAM events and failure destinations), ECS services, EKS clusters and ECR repositories.

use super::intrinsics::R;
use super::{Cx, Res};
use crate::io::import::draft::{Origin, Place};
use crate::io::import::value::Value;
use crate::model::link::LinkProps;
use crate::model::settings::{
    AsgSettings, Ec2Settings, EcrSettings, EcsServiceSettings, HealthCheckType, LambdaSettings,
    LaunchType, ScalingPolicy,
};
use crate::model::{Kind, LinkKind, Settings};

pub(super) fn prescan(cx: &mut Cx<'_, '_>, _key: &str, ty: &str, props: &Value, _origin: Origin) {
    if ty == "AWS::EC2::VolumeAttachment"
        && let (Some(volume), Some(instance)) = (
            cx.refs(props, "VolumeId").into_iter().next(),
            cx.refs(props, "InstanceId").into_iter().next(),
        )
    {
        cx.pending.volume_instance.insert(volume, instance);
    }
}

fn instance_subnet(cx: &mut Cx<'_, '_>, props: &Value) -> Option<String> {
    cx.refs(props, "SubnetId").into_iter().next().or_else(|| {
        let interfaces = props.get("NetworkInterfaces")?.items()?.to_vec();
        interfaces
            .iter()
            .find_map(|ni| cx.refs(ni, "SubnetId").into_iter().next())
    })
}

pub(super) fn map(cx: &mut Cx<'_, '_>, r: &Res<'_>, globals: Option<&Value>) -> bool {
    let p = r.props;
    match r.ty {
        "AWS::EC2::Instance" => {
            let place = match instance_subnet(cx, p) {
                Some(subnet) => Place::InSubnet(subnet),
                None => Place::Spanning {
                    vpc: None,
                    subnets: Vec::new(),
                },
            };
            let instance_type = cx.text(p, "InstanceType");
            let node = cx.node(r, Kind::Ec2, place);
            node.settings = Settings::Ec2(Ec2Settings {
                instance_type,
                ..Ec2Settings::default()
            });
        }
        "AWS::EC2::Volume" => {
            let place = match cx.pending.volume_instance.get(r.key).cloned() {
                Some(instance) => {
                    cx.link(
                        LinkKind::Mount,
                        &instance,
                        r.key,
                        LinkProps::default(),
                        r.origin,
                    );
                    // A volume lives in its instance's subnet; the instance is mapped from
                    // the same template, so its subnet is read from its properties there.
                    match cx
                        .resolver
                        .scope
                        .properties
                        .get(instance.trim_start_matches(&cx.prefix))
                        .copied()
                    {
                        Some(ip) => match instance_subnet(cx, ip) {
                            Some(s) => Place::InSubnet(s),
                            None => Place::Spanning {
                                vpc: None,
                                subnets: Vec::new(),
                            },
                        },
                        None => Place::Spanning {
                            vpc: None,
                            subnets: Vec::new(),
                        },
                    }
                }
                None => Place::Spanning {
                    vpc: None,
                    subnets: Vec::new(),
                },
            };
            let volume_type = cx.text(p, "VolumeType");
            let node = cx.node(r, Kind::Ebs, place);
            if let Settings::Ebs(s) = &mut node.settings {
                s.volume_type = volume_type;
            }
        }
        "AWS::AutoScaling::AutoScalingGroup" => {
            let subnets = cx.ref_list(p, "VPCZoneIdentifier");
            let settings = AsgSettings {
                min: cx.count(p, "MinSize"),
                max: cx.count(p, "MaxSize"),
                desired: cx.count(p, "DesiredCapacity"),
                health_check_type: cx.text(p, "HealthCheckType").map(|t| {
                    if t.eq_ignore_ascii_case("elb") {
                        HealthCheckType::Elb
                    } else {
                        HealthCheckType::Ec2
                    }
                }),
                health_check_grace_secs: cx.count(p, "HealthCheckGracePeriod"),
                ..AsgSettings::default()
            };
            for tg in cx.ref_list(p, "TargetGroupARNs") {
                cx.pending.tg_targets.push((tg, r.key.to_owned(), r.origin));
            }
            for clb in cx.ref_list(p, "LoadBalancerNames") {
                cx.link(LinkKind::Route, &clb, r.key, health_checked(), r.origin);
            }
            if subnets.is_empty() {
                cx.draft.warn(r.origin, format!("Auto Scaling group `{}` lists no subnets the templates define (`VPCZoneIdentifier`); its Availability Zones are unknown", r.name));
            }
            let node = cx.node(
                r,
                Kind::AutoScalingGroup,
                Place::Spanning { vpc: None, subnets },
            );
            node.settings = Settings::Asg(settings);
        }
        "AWS::AutoScaling::ScalingPolicy" | "AWS::AutoScaling::ScheduledAction" => {
            let policy = if r.ty == "AWS::AutoScaling::ScheduledAction" {
                ScalingPolicy::Scheduled
            } else {
                match cx.text(p, "PolicyType").as_deref() {
                    Some("TargetTrackingScaling") => ScalingPolicy::TargetTracking,
                    Some("StepScaling") => ScalingPolicy::Step,
                    Some("PredictiveScaling") => ScalingPolicy::Predictive,
                    _ => ScalingPolicy::Simple,
                }
            };
            for group in cx.refs(p, "AutoScalingGroupName") {
                if let Some(node) = cx.draft.node_mut(&group)
                    && let Settings::Asg(s) = &mut node.settings
                    && s.scaling_policy
                        .is_none_or(|old| old == ScalingPolicy::Scheduled)
                {
                    s.scaling_policy = Some(policy);
                }
            }
        }
        "AWS::Lambda::Function" | "AWS::Serverless::Function" => lambda(cx, r, globals),
        "AWS::Lambda::EventSourceMapping" => {
            let source = cx.get(p, "EventSourceArn");
            let function = cx.refs(p, "FunctionName").into_iter().next();
            let batch = cx.count(p, "BatchSize");
            if let (Some(source), Some(function)) = (source, function) {
                event_source(cx, &source, &function, batch, r.origin);
            }
        }
        "AWS::Lambda::EventInvokeConfig" => {
            let function = cx.refs(p, "FunctionName").into_iter().next();
            let target = cx
                .get_path(p, &["DestinationConfig", "OnFailure", "Destination"])
                .and_then(|d| d.refs().into_iter().next());
            if let (Some(function), Some(target)) = (function, target) {
                cx.link(
                    LinkKind::DeadLetter,
                    &function,
                    &target,
                    LinkProps::default(),
                    r.origin,
                );
            }
        }
        "AWS::ECS::Service" => {
            let subnets = cx
                .get_path(
                    p,
                    &["NetworkConfiguration", "AwsvpcConfiguration", "Subnets"],
                )
                .map(|v| v.refs())
                .unwrap_or_default();
            let launch = cx.text(p, "LaunchType");
            let desired = cx.count(p, "DesiredCount");
            if let Some(balancers) = p.get("LoadBalancers").and_then(Value::items) {
                for lb in balancers {
                    if let Some(tg) = cx.refs(lb, "TargetGroupArn").into_iter().next() {
                        cx.pending.tg_targets.push((tg, r.key.to_owned(), r.origin));
                    }
                }
            }
            let node = cx.node(r, Kind::EcsService, Place::Spanning { vpc: None, subnets });
            node.settings = Settings::EcsService(EcsServiceSettings {
                launch_type: launch.map(|l| {
                    if l.eq_ignore_ascii_case("ec2") {
                        LaunchType::Ec2
                    } else {
                        LaunchType::Fargate
                    }
                }),
                desired_count: desired,
                ..EcsServiceSettings::default()
            });
        }
        "AWS::EKS::Cluster" => {
            let subnets = cx
                .get_path(p, &["ResourcesVpcConfig", "SubnetIds"])
                .map(|v| v.refs())
                .unwrap_or_default();
            cx.node(r, Kind::Eks, Place::Spanning { vpc: None, subnets });
        }
        "AWS::ECR::Repository" => {
            let lifecycle = p.get("LifecyclePolicy").is_some();
            let node = cx.node(r, Kind::Ecr, Place::Regional);
            node.settings = Settings::Ecr(EcrSettings {
                lifecycle_policy: Some(lifecycle),
                ..EcrSettings::default()
            });
        }
        "AWS::EC2::VolumeAttachment" => {}
        _ => return false,
    }
    true
}

fn health_checked() -> LinkProps {
    LinkProps {
        health_check: Some(true),
        ..LinkProps::default()
    }
}

/// Links an event source (queue, stream, table stream, broker) to a function.
fn event_source(
    cx: &mut Cx<'_, '_>,
    source: &R,
    function: &str,
    batch: Option<u32>,
    origin: Origin,
) {
    let Some(key) = source.refs().into_iter().next() else {
        return;
    };
    let kind = if cx
        .type_of(&key)
        .is_some_and(|t| t.starts_with("AWS::DynamoDB::"))
        || cx
            .draft
            .node(&key)
            .is_some_and(|n| n.kind == Kind::DynamoDb)
    {
        LinkKind::Trigger
    } else {
        LinkKind::Consume
    };
    let props = LinkProps {
        batch_size: batch,
        ..LinkProps::default()
    };
    cx.link(kind, &key, function, props, origin);
}

fn lambda(cx: &mut Cx<'_, '_>, r: &Res<'_>, globals: Option<&Value>) {
    let p = r.props;
    let sam = r.ty == "AWS::Serverless::Function";
    let setting = |cx: &mut Cx<'_, '_>, name: &str| -> Option<u32> {
        cx.count(p, name).or_else(|| {
            if sam {
                globals.and_then(|g| cx.count(g, name))
            } else {
                None
            }
        })
    };
    let timeout = setting(cx, "Timeout");
    let memory = setting(cx, "MemorySize");
    let reserved = setting(cx, "ReservedConcurrentExecutions");
    let image = cx
        .text(p, "PackageType")
        .is_some_and(|t| t.eq_ignore_ascii_case("image"));
    let subnets = cx
        .get_path(p, &["VpcConfig", "SubnetIds"])
        .map(|v| v.refs())
        .unwrap_or_default();
    if let Some(target) = cx
        .get_path(p, &["DeadLetterConfig", "TargetArn"])
        .or_else(|| cx.get_path(p, &["DeadLetterQueue", "TargetArn"]))
        .and_then(|t| t.refs().into_iter().next())
    {
        cx.link(
            LinkKind::DeadLetter,
            r.key,
            &target,
            LinkProps::default(),
            r.origin,
        );
    }
    // Resources named in the environment are what the code calls or sends to.
    let uses = cx
        .get_path(p, &["Environment", "Variables"])
        .map(|v| v.refs())
        .unwrap_or_default();
    for target in uses {
        if target != r.key {
            cx.pending.uses.push((r.key.to_owned(), target, r.origin));
        }
    }
    let node = cx.node(r, Kind::Lambda, Place::RegionalOrSpanning { subnets });
    node.settings = Settings::Lambda(LambdaSettings {
        timeout_secs: timeout,
        memory_mb: memory,
        reserved_concurrency: reserved,
        container_image: Some(image),
        ..LambdaSettings::default()
    });
    if !sam {
        return;
    }
    let Some(events) = p.get("Events").and_then(Value::entries) else {
        return;
    };
    for event in events {
        let origin = cx.origin(event.key_pos);
        let ty = event.value.get("Type").and_then(Value::text).unwrap_or("");
        let empty = Value::scalar("", event.value.pos);
        let ep = event.value.get("Properties").unwrap_or(&empty);
        match ty {
            "SQS" | "Kinesis" | "DynamoDB" | "MQ" | "MSK" => {
                let source = cx
                    .get(ep, "Queue")
                    .or_else(|| cx.get(ep, "Stream"))
                    .or_else(|| cx.get(ep, "Broker"));
                let batch = cx.count(ep, "BatchSize");
                if let Some(source) = source {
                    event_source(cx, &source, r.key, batch, origin);
                }
            }
            "SNS" => {
                if let Some(topic) = cx.refs(ep, "Topic").into_iter().next() {
                    let props = LinkProps {
                        protocol: Some("lambda".to_owned()),
                        ..LinkProps::default()
                    };
                    cx.link(LinkKind::Subscribe, &topic, r.key, props, origin);
                }
            }
            "S3" => {
                if let Some(bucket) = cx.refs(ep, "Bucket").into_iter().next() {
                    cx.link(
                        LinkKind::Trigger,
                        &bucket,
                        r.key,
                        LinkProps::default(),
                        origin,
                    );
                }
            }
            "EventBridgeRule" | "CloudWatchEvent" => {
                if let Some(bus) = cx.refs(ep, "EventBusName").into_iter().next() {
                    cx.link(LinkKind::Trigger, &bus, r.key, LinkProps::default(), origin);
                }
            }
            "Api" | "HttpApi" => {
                let api = match cx
                    .refs(ep, "RestApiId")
                    .into_iter()
                    .next()
                    .or_else(|| cx.refs(ep, "ApiId").into_iter().next())
                {
                    Some(api) => api,
                    None => implicit_api(cx, ty, origin),
                };
                cx.link(LinkKind::Request, &api, r.key, LinkProps::default(), origin);
            }
            _ => {}
        }
    }
}

/// The API SAM creates for functions with `Api` or `HttpApi` events and no `RestApiId`.
fn implicit_api(cx: &mut Cx<'_, '_>, ty: &str, origin: Origin) -> String {
    let name = if ty == "Api" {
        "ServerlessRestApi"
    } else {
        "ServerlessHttpApi"
    };
    let key = cx.key(name);
    if !cx.draft.has(&key) {
        let res = Res {
            key: &key,
            name,
            ty: "AWS::Serverless::Api",
            props: &Value::scalar("", origin.pos),
            origin,
        };
        let node = cx.node(&res, Kind::ApiGateway, Place::Regional);
        node.note = "Created by SAM for the functions' API events.".to_owned();
        if ty == "HttpApi" {
            node.settings = Settings::ApiGateway(crate::model::settings::ApiGatewaySettings {
                api_type: Some(crate::model::settings::ApiType::Http),
                ..Default::default()
            });
        }
    }
    key
}
