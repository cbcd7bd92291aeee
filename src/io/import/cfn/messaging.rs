//! Messaging and integration: SQS queues (with redrive policies), SNS topics and
//! subscriptions, EventBridge buses and rules, Kinesis streams, Amazon MQ, Step Functions and
//! API Gateway (with their integrations), and CloudWatch alarms, which mark what they watch
//! as monitored.

use super::intrinsics::R;
use super::{Cx, Res};
use crate::io::import::draft::Place;
use crate::io::import::value::{Data, Value};
use crate::model::link::LinkProps;
use crate::model::settings::{
    ApiGatewaySettings, ApiType, EndpointType, KinesisSettings, MqDeployment, MqEngine, MqSettings,
    SnsSettings, SqsSettings, StepFunctionsSettings, WorkflowType,
};
use crate::model::{Kind, LinkKind, Settings};

/// A redrive policy, written as a mapping or as JSON text.
fn redrive(cx: &mut Cx<'_, '_>, value: &Value) -> (Option<String>, Option<u32>) {
    match cx.resolver.resolve(value) {
        R::Map(entries) => {
            let get = |k: &str| {
                entries
                    .iter()
                    .find(|(key, _)| key == k)
                    .map(|(_, v)| v.clone())
            };
            let target = get("deadLetterTargetArn").and_then(|t| t.refs().into_iter().next());
            let count = get("maxReceiveCount")
                .and_then(|c| c.text().and_then(|t| t.trim().parse::<u32>().ok()));
            (target, count)
        }
        R::Text(json) => {
            let parsed: Option<serde_json::Value> = serde_json::from_str(&json).ok();
            let count = parsed
                .as_ref()
                .and_then(|j| j.get("maxReceiveCount"))
                .and_then(|c| c.as_u64().or_else(|| c.as_str()?.parse().ok()))
                .and_then(|c| u32::try_from(c).ok());
            (None, count)
        }
        other => {
            // `!Sub '{"deadLetterTargetArn": "${Dlq.Arn}", "maxReceiveCount": 3}'`: the
            // count is literal text inside the substitution.
            let count = value.text().or(match &value.data {
                Data::Scalar { text, .. } => Some(text.as_str()),
                _ => None,
            });
            let count = count
                .and_then(|t| t.split("maxReceiveCount").nth(1))
                .map(|rest| rest.trim_start_matches(|c: char| !c.is_ascii_digit()))
                .and_then(|rest| {
                    let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
                    digits.parse::<u32>().ok()
                });
            (other.refs().into_iter().next(), count)
        }
    }
}

pub(super) fn map(cx: &mut Cx<'_, '_>, r: &Res<'_>) -> bool {
    let p = r.props;
    match r.ty {
        "AWS::SQS::Queue" => {
            let (dlq, max_receive) = match p.get("RedrivePolicy") {
                Some(v) => redrive(cx, v),
                None => (None, None),
            };
            let high_throughput = cx
                .text(p, "FifoThroughputLimit")
                .map(|t| t == "perMessageGroupId");
            let settings = SqsSettings {
                fifo: cx.flag(p, "FifoQueue"),
                high_throughput,
                max_message_size_bytes: cx.count(p, "MaximumMessageSize"),
                visibility_timeout_secs: cx.count(p, "VisibilityTimeout"),
                receive_wait_time_secs: cx.count(p, "ReceiveMessageWaitTimeSeconds"),
                retention_secs: cx.count(p, "MessageRetentionPeriod"),
                max_receive_count: max_receive,
                ..SqsSettings::default()
            };
            if let Some(dlq) = dlq {
                let props = LinkProps {
                    label: max_receive
                        .map(|n| format!("after {n} receives"))
                        .unwrap_or_default(),
                    ..LinkProps::default()
                };
                cx.link(LinkKind::DeadLetter, r.key, &dlq, props, r.origin);
            }
            let node = cx.node(r, Kind::Sqs, Place::Regional);
            node.settings = Settings::Sqs(settings);
        }
        "AWS::SNS::Topic" => {
            let archive = cx
                .text_path(p, &["ArchivePolicy", "MessageRetentionPeriod"])
                .and_then(|d| d.trim().parse::<u32>().ok());
            let fifo = cx.flag(p, "FifoTopic");
            if let Some(subs) = p.get("Subscription").and_then(Value::items) {
                for sub in subs {
                    let origin = cx.origin(sub.pos);
                    let protocol = cx.text(sub, "Protocol");
                    if let Some(endpoint) = cx.refs(sub, "Endpoint").into_iter().next() {
                        let props = LinkProps {
                            protocol,
                            ..LinkProps::default()
                        };
                        cx.link(LinkKind::Subscribe, r.key, &endpoint, props, origin);
                    }
                }
            }
            let node = cx.node(r, Kind::Sns, Place::Regional);
            node.settings = Settings::Sns(SnsSettings {
                fifo,
                archive_days: archive,
                ..SnsSettings::default()
            });
        }
        "AWS::SNS::Subscription" => {
            let topic = cx.refs(p, "TopicArn").into_iter().next();
            let endpoint = cx.refs(p, "Endpoint").into_iter().next();
            let protocol = cx.text(p, "Protocol");
            let dlq = match p.get("RedrivePolicy") {
                Some(v) => redrive(cx, v).0,
                None => None,
            };
            match (topic, endpoint) {
                (Some(topic), Some(endpoint)) => {
                    let props = LinkProps {
                        protocol,
                        ..LinkProps::default()
                    };
                    cx.link(LinkKind::Subscribe, &topic, &endpoint, props, r.origin);
                    if let Some(dlq) = dlq {
                        cx.link(
                            LinkKind::DeadLetter,
                            &topic,
                            &dlq,
                            LinkProps::default(),
                            r.origin,
                        );
                    }
                }
                (Some(_), None) => {
                    cx.draft
                        .skip("AWS::SNS::Subscription (endpoint outside the templates)");
                }
                _ => {}
            }
        }
        "AWS::Events::EventBus" => {
            cx.node(r, Kind::EventBridge, Place::Regional);
        }
        "AWS::Events::Rule" => {
            let bus = cx.refs(p, "EventBusName").into_iter().next();
            let from = match bus {
                Some(bus) => bus,
                None => {
                    let node = cx.node(r, Kind::EventBridge, Place::Regional);
                    node.note = "An EventBridge rule on the default event bus.".to_owned();
                    r.key.to_owned()
                }
            };
            if let Some(targets) = p.get("Targets").and_then(Value::items) {
                for target in targets {
                    let origin = cx.origin(target.pos);
                    if let Some(to) = cx.refs(target, "Arn").into_iter().next() {
                        cx.link(LinkKind::Trigger, &from, &to, LinkProps::default(), origin);
                    }
                }
            }
        }
        "AWS::Kinesis::Stream" => {
            let on_demand = cx
                .text_path(p, &["StreamModeDetails", "StreamMode"])
                .map(|m| m == "ON_DEMAND");
            let settings = KinesisSettings {
                shards: cx.count(p, "ShardCount"),
                on_demand,
                retention_hours: cx.count(p, "RetentionPeriodHours"),
            };
            let node = cx.node(r, Kind::Kinesis, Place::Regional);
            node.settings = Settings::Kinesis(settings);
        }
        "AWS::AmazonMQ::Broker" => {
            let subnets = cx.ref_list(p, "SubnetIds");
            let engine = cx.text(p, "EngineType").map(|e| {
                if e.eq_ignore_ascii_case("rabbitmq") {
                    MqEngine::RabbitMq
                } else {
                    MqEngine::ActiveMq
                }
            });
            let mode = cx.text(p, "DeploymentMode").map(|m| match m.as_str() {
                "ACTIVE_STANDBY_MULTI_AZ" => MqDeployment::ActiveStandbyMultiAz,
                "CLUSTER_MULTI_AZ" => MqDeployment::ClusterMultiAz,
                _ => MqDeployment::SingleInstance,
            });
            let public = cx.flag(p, "PubliclyAccessible");
            let node = cx.node(r, Kind::AmazonMq, Place::Spanning { vpc: None, subnets });
            node.settings = Settings::Mq(MqSettings {
                engine,
                deployment_mode: mode,
                public,
            });
        }
        "AWS::StepFunctions::StateMachine" | "AWS::Serverless::StateMachine" => {
            let express = cx
                .text(p, "StateMachineType")
                .or_else(|| cx.text(p, "Type"))
                .map(|t| t == "EXPRESS");
            let mut targets = Vec::new();
            for field in ["DefinitionSubstitutions", "DefinitionString", "Definition"] {
                targets.extend(cx.refs(p, field));
            }
            let node = cx.node(r, Kind::StepFunctions, Place::Regional);
            node.settings = Settings::StepFunctions(StepFunctionsSettings {
                workflow_type: express.map(|e| {
                    if e {
                        WorkflowType::Express
                    } else {
                        WorkflowType::Standard
                    }
                }),
            });
            for target in targets {
                cx.link(
                    LinkKind::Orchestrate,
                    r.key,
                    &target,
                    LinkProps::default(),
                    r.origin,
                );
            }
        }
        "AWS::ApiGateway::RestApi" | "AWS::Serverless::Api" => {
            let endpoint = match cx.get_path(p, &["EndpointConfiguration", "Types"]) {
                Some(R::List(items)) => items.first().and_then(R::text).map(str::to_owned),
                Some(R::Text(t)) => Some(t),
                _ => cx.text_path(p, &["EndpointConfiguration", "Type"]),
            };
            let endpoint = endpoint.map(|e| match e.to_uppercase().as_str() {
                "EDGE" => EndpointType::Edge,
                "PRIVATE" => EndpointType::Private,
                _ => EndpointType::Regional,
            });
            let node = cx.node(r, Kind::ApiGateway, Place::Regional);
            node.settings = Settings::ApiGateway(ApiGatewaySettings {
                api_type: Some(ApiType::Rest),
                endpoint_type: endpoint,
                ..ApiGatewaySettings::default()
            });
        }
        "AWS::ApiGatewayV2::Api" | "AWS::Serverless::HttpApi" => {
            let websocket = cx.text(p, "ProtocolType").is_some_and(|t| t == "WEBSOCKET");
            let node = cx.node(r, Kind::ApiGateway, Place::Regional);
            node.settings = Settings::ApiGateway(ApiGatewaySettings {
                api_type: Some(if websocket {
                    ApiType::Websocket
                } else {
                    ApiType::Http
                }),
                ..ApiGatewaySettings::default()
            });
        }
        "AWS::ApiGateway::Method" => {
            let api = cx.refs(p, "RestApiId").into_iter().next();
            let targets = cx
                .get_path(p, &["Integration", "Uri"])
                .map(|u| u.refs())
                .unwrap_or_default();
            if let Some(api) = api {
                for target in targets {
                    cx.link(
                        LinkKind::Request,
                        &api,
                        &target,
                        LinkProps::default(),
                        r.origin,
                    );
                }
            }
        }
        "AWS::ApiGatewayV2::Integration" => {
            let api = cx.refs(p, "ApiId").into_iter().next();
            let targets = cx.refs(p, "IntegrationUri");
            if let Some(api) = api {
                for target in targets {
                    cx.link(
                        LinkKind::Request,
                        &api,
                        &target,
                        LinkProps::default(),
                        r.origin,
                    );
                }
            }
        }
        "AWS::ApiGateway::Stage" => {
            let api = cx.refs(p, "RestApiId").into_iter().next();
            let rate = p
                .get("MethodSettings")
                .and_then(Value::items)
                .map(<[Value]>::to_vec)
                .unwrap_or_default()
                .iter()
                .find_map(|m| {
                    cx.text(m, "ThrottlingRateLimit")
                        .and_then(|t| t.parse::<f64>().ok())
                });
            if let (Some(api), Some(rate)) = (api, rate)
                && let Some(node) = cx.draft.node_mut(&api)
                && let Settings::ApiGateway(s) = &mut node.settings
            {
                s.throttle_rps = Some(rate);
            }
        }
        "AWS::CloudWatch::Alarm" => {
            let mut watched = Vec::new();
            if let Some(dims) = p.get("Dimensions").and_then(Value::items) {
                for dim in dims {
                    watched.extend(cx.refs(dim, "Value"));
                }
            }
            for key in watched {
                if let Some(node) = cx.draft.node_mut(&key) {
                    node.common.monitored = Some(true);
                }
            }
        }
        _ => return false,
    }
    true
}
