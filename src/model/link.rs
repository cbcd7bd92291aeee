//! Links: typed, directed connections between components, and which pairs of kinds each
//! link kind may join.

use serde::{Deserialize, Serialize};

use super::component::Waiver;
use super::ids::{ComponentId, LinkId};
use super::kind::Kind;
use super::settings::{FailoverRole, FieldShape, FieldSpec, SettingValue};

/// What a link means.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum LinkKind {
    /// Synchronous request–response call (HTTP, gRPC, SQL, SDK).
    Request,
    /// Asynchronous send to a queue, topic, bus or stream.
    Send,
    /// A consumer polls a queue or stream.
    Consume,
    /// An SNS topic pushes to a subscriber.
    Subscribe,
    /// An event source invokes a target (S3 event, stream, EventBridge rule).
    Trigger,
    /// Failed messages or invocations go to a dead-letter queue or topic.
    DeadLetter,
    /// DNS, CDN or load balancer routes traffic to a target.
    Route,
    /// Data is replicated to a copy.
    Replicate,
    /// Data is backed up to a backup plan, vault or archive.
    Backup,
    /// A subnet's route table sends traffic to a gateway.
    NetworkRoute,
    /// VPN or Direct Connect link to on-premises.
    Hybrid,
    /// Step Functions runs a task.
    Orchestrate,
    /// A container or function image is pulled from ECR.
    ImagePull,
    /// A block or file volume is mounted.
    Mount,
    /// DataSync moves data on a schedule.
    DataTransfer,
}

impl LinkKind {
    /// Every link kind.
    pub const ALL: [LinkKind; 15] = [
        LinkKind::Request,
        LinkKind::Send,
        LinkKind::Consume,
        LinkKind::Subscribe,
        LinkKind::Trigger,
        LinkKind::DeadLetter,
        LinkKind::Route,
        LinkKind::Replicate,
        LinkKind::Backup,
        LinkKind::NetworkRoute,
        LinkKind::Hybrid,
        LinkKind::Orchestrate,
        LinkKind::ImagePull,
        LinkKind::Mount,
        LinkKind::DataTransfer,
    ];

    /// Display name.
    pub fn label(self) -> &'static str {
        match self {
            LinkKind::Request => "request",
            LinkKind::Send => "send",
            LinkKind::Consume => "consume",
            LinkKind::Subscribe => "subscribe",
            LinkKind::Trigger => "trigger",
            LinkKind::DeadLetter => "dead-letter",
            LinkKind::Route => "route",
            LinkKind::Replicate => "replicate",
            LinkKind::Backup => "backup",
            LinkKind::NetworkRoute => "network route",
            LinkKind::Hybrid => "hybrid",
            LinkKind::Orchestrate => "orchestrate",
            LinkKind::ImagePull => "image pull",
            LinkKind::Mount => "mount",
            LinkKind::DataTransfer => "data transfer",
        }
    }

    /// Protocols usually written on a link of this kind to a component of kind `to`, for
    /// the inspector to offer (the field stays free text): SQL towards a database, the
    /// cache's protocols towards ElastiCache, web protocols towards anything else that
    /// answers requests. A subscription's are SNS's delivery protocols, which MSG-001
    /// reads to know whether a topic may carry messages above 256 KiB.
    pub fn common_protocols(self, to: Kind) -> &'static [&'static str] {
        match self {
            LinkKind::Request => match to {
                Kind::Rds | Kind::Aurora => &["sql", "tcp"],
                Kind::Ec2 | Kind::EcsTask => &["https", "http", "grpc", "sql", "redis", "tcp"],
                Kind::ElastiCache => &["redis", "memcached", "tcp"],
                _ => &["https", "http", "grpc", "websocket", "tcp"],
            },
            LinkKind::Route => &["https", "http", "tcp", "tls", "udp"],
            LinkKind::Subscribe => &[
                "sqs",
                "lambda",
                "firehose",
                "https",
                "http",
                "email",
                "email-json",
                "sms",
                "application",
            ],
            LinkKind::Hybrid => &["ipsec", "bgp"],
            LinkKind::Mount => &["nfs", "smb", "iscsi"],
            _ => &[],
        }
    }

    /// The caller waits for the answer.
    pub fn is_synchronous(self) -> bool {
        matches!(
            self,
            LinkKind::Request | LinkKind::Route | LinkKind::Orchestrate
        )
    }

    /// What the link kind needs at each end, for error messages.
    pub fn expectation(self) -> &'static str {
        match self {
            LinkKind::Request => {
                "from a caller (users, compute, API Gateway) to something that answers requests"
            }
            LinkKind::Send => "from a producer to a queue, topic, event bus, stream or broker",
            LinkKind::Consume => "from a queue, stream or broker to a consumer (compute)",
            LinkKind::Subscribe => "from an SNS topic to a queue, function, endpoint or users",
            LinkKind::Trigger => {
                "from an event source (S3, DynamoDB, EventBridge, Kinesis, SQS) to a function, state machine, queue, topic or task"
            }
            LinkKind::DeadLetter => {
                "from a queue, topic, function or event bus to a queue or topic"
            }
            LinkKind::Route => {
                "from Route 53, CloudFront or a load balancer to a target that serves requests"
            }
            LinkKind::Replicate => "between two data stores of the same kind (or S3 to Glacier)",
            LinkKind::Backup => {
                "from a data store or instance to AWS Backup, Glacier or S3, or from a backup plan to another"
            }
            LinkKind::NetworkRoute => "from a subnet to a gateway, NAT gateway, endpoint or VPN",
            LinkKind::Hybrid => {
                "between a VPN, Direct Connect, transit gateway or VPC and an on-premises network, from a VPN or Direct Connect to a transit gateway or VPC, or between a transit gateway and a VPC"
            }
            LinkKind::Orchestrate => "from Step Functions to a task it runs",
            LinkKind::ImagePull => "from containers or a function to an ECR repository",
            LinkKind::Mount => "from compute to an EBS volume or EFS file system",
            LinkKind::DataTransfer => "between DataSync and S3, EFS, Glacier or on-premises",
        }
    }

    /// The link kind a new connection between `from` and `to` gets by default, if any
    /// is allowed.
    pub fn default_between(from: Kind, to: Kind) -> Option<LinkKind> {
        const PREFERENCE: [LinkKind; 15] = [
            LinkKind::NetworkRoute,
            LinkKind::Hybrid,
            LinkKind::Route,
            LinkKind::Send,
            LinkKind::Consume,
            LinkKind::Subscribe,
            LinkKind::Orchestrate,
            LinkKind::ImagePull,
            LinkKind::Mount,
            LinkKind::DataTransfer,
            LinkKind::Replicate,
            LinkKind::Backup,
            LinkKind::Request,
            LinkKind::Trigger,
            LinkKind::DeadLetter,
        ];
        PREFERENCE.into_iter().find(|k| k.allows(from, to))
    }

    /// Whether a link of this kind may go from a `from` component to a `to` component.
    pub fn allows(self, from: Kind, to: Kind) -> bool {
        use Kind as K;
        let compute = |k: Kind| {
            matches!(
                k,
                K::Ec2 | K::AutoScalingGroup | K::Lambda | K::EcsService | K::EcsTask | K::Eks
            )
        };
        let caller = |k: Kind| {
            compute(k)
                || matches!(
                    k,
                    K::Users
                        | K::OnPremises
                        | K::ExternalService
                        | K::ApiGateway
                        | K::StepFunctions
                )
        };
        let serves = |k: Kind| {
            compute(k)
                || k.is_load_balancer()
                || matches!(
                    k,
                    K::ApiGateway
                        | K::CloudFront
                        | K::Route53
                        | K::StepFunctions
                        | K::Rds
                        | K::Aurora
                        | K::DynamoDb
                        | K::ElastiCache
                        | K::S3
                        | K::Efs
                        | K::ExternalService
                        | K::OnPremises
                        | K::Kinesis
                )
        };
        let channel = |k: Kind| {
            matches!(
                k,
                K::Sqs | K::Sns | K::AmazonMq | K::EventBridge | K::Kinesis
            )
        };
        let data_store = |k: Kind| {
            matches!(
                k,
                K::Rds
                    | K::Aurora
                    | K::DynamoDb
                    | K::ElastiCache
                    | K::S3
                    | K::Ebs
                    | K::Efs
                    | K::Glacier
            )
        };
        match self {
            LinkKind::Request => caller(from) && serves(to),
            LinkKind::Send => {
                (caller(from) || matches!(from, K::S3 | K::Sns | K::EventBridge)) && channel(to)
            }
            LinkKind::Consume => {
                matches!(from, K::Sqs | K::AmazonMq | K::Kinesis)
                    && (compute(to) || to == K::OnPremises)
            }
            LinkKind::Subscribe => {
                from == K::Sns
                    && matches!(
                        to,
                        K::Sqs
                            | K::Lambda
                            | K::ExternalService
                            | K::Users
                            | K::OnPremises
                            | K::Ec2
                            | K::AutoScalingGroup
                            | K::EcsService
                            | K::Alb
                    )
            }
            LinkKind::Trigger => {
                matches!(
                    from,
                    K::S3 | K::DynamoDb | K::EventBridge | K::Kinesis | K::Sqs
                ) && matches!(
                    to,
                    K::Lambda | K::StepFunctions | K::Sqs | K::Sns | K::EcsService | K::EcsTask
                )
            }
            LinkKind::DeadLetter => {
                matches!(from, K::Sqs | K::Sns | K::Lambda | K::EventBridge)
                    && matches!(to, K::Sqs | K::Sns)
            }
            LinkKind::Route => {
                (matches!(from, K::Route53 | K::CloudFront) || from.is_load_balancer())
                    && serves(to)
                    && to != K::Route53
            }
            LinkKind::Replicate => {
                (data_store(from) || from == K::Ec2 || from == K::Ecr)
                    && (from == to || (from == K::S3 && to == K::Glacier))
            }
            LinkKind::Backup => {
                ((data_store(from) || from == K::Ec2)
                    && matches!(to, K::Backup | K::Glacier | K::S3))
                    || (from == K::Backup && to == K::Backup)
            }
            LinkKind::NetworkRoute => {
                from == K::Subnet
                    && matches!(
                        to,
                        K::InternetGateway
                            | K::NatGateway
                            | K::TransitGateway
                            | K::VpcEndpoint
                            | K::Vpn
                    )
            }
            LinkKind::Hybrid => {
                let aws_side =
                    |k: Kind| matches!(k, K::Vpn | K::DirectConnect | K::TransitGateway | K::Vpc);
                (aws_side(from) && to == K::OnPremises)
                    || (from == K::OnPremises && aws_side(to))
                    || (matches!(from, K::Vpn | K::DirectConnect)
                        && matches!(to, K::TransitGateway | K::Vpc))
                    || (from == K::TransitGateway && to == K::Vpc)
                    || (from == K::Vpc && to == K::TransitGateway)
            }
            LinkKind::Orchestrate => from == K::StepFunctions && (serves(to) || channel(to)),
            LinkKind::ImagePull => {
                matches!(from, K::EcsService | K::EcsTask | K::Lambda | K::Eks) && to == K::Ecr
            }
            LinkKind::Mount => compute(from) && matches!(to, K::Ebs | K::Efs),
            LinkKind::DataTransfer => {
                let end = |k: Kind| matches!(k, K::S3 | K::Efs | K::Glacier | K::OnPremises);
                (from == K::DataSync && end(to)) || (end(from) && to == K::DataSync)
            }
        }
    }
}

/// Replication mode.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum ReplicationMode {
    /// Every write is copied before it is acknowledged.
    Sync,
    /// Writes are copied afterwards, with some lag.
    Async,
}

/// Editable properties of a link, changed as one unit in the inspector.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct LinkProps {
    /// Optional label drawn on the link.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub label: String,
    /// Protocol (`https`, `grpc`, `sql`, `sqs`, `email`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub protocol: Option<String>,
    /// Typical payload size in bytes.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub payload_bytes: Option<u64>,
    /// Messages per second at peak.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub msgs_per_sec: Option<f64>,
    /// Requests per second at peak.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rps: Option<f64>,
    /// The receiver handles duplicates safely.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub idempotent: Option<bool>,
    /// Messages must be processed in order.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ordering_required: Option<bool>,
    /// The caller does not need the answer now (work could be queued).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub deferrable: Option<bool>,
    /// The caller writes through this link (not only reads).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub writes: Option<bool>,
    /// Seconds the consumer needs per message or batch.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub processing_time_secs: Option<f64>,
    /// Requests are health-checked (target group, Route 53 record).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub health_check: Option<bool>,
    /// Replication mode.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub replication: Option<ReplicationMode>,
    /// Hours between scheduled copies (backups, snapshot copies, DataSync runs).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub interval_hours: Option<f64>,
    /// Destination CIDR of a network route (`0.0.0.0/0`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub destination_cidr: Option<String>,
    /// Role of a DNS route in a failover pair.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub failover_role: Option<FailoverRole>,
    /// Seconds an asynchronous replica trails its source at worst.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub lag_secs: Option<f64>,
    /// Messages per batch (SendMessageBatch, or an event source mapping's batch size).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub batch_size: Option<u32>,
    /// Duplicates must be dropped before the consumer sees them.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub dedup_required: Option<bool>,
    /// Rules accepted on purpose; written as the link's `accept` list in files.
    #[serde(skip)]
    pub waivers: Vec<Waiver>,
}

impl LinkProps {
    /// The first attribute holding a number that is NaN or infinite, with its value.
    pub fn first_non_finite(&self) -> Option<(&'static str, String)> {
        // Named in full so that a new number field does not compile until it is listed.
        let LinkProps {
            label: _,
            protocol: _,
            payload_bytes: _,
            msgs_per_sec,
            rps,
            idempotent: _,
            ordering_required: _,
            deferrable: _,
            writes: _,
            processing_time_secs,
            health_check: _,
            replication: _,
            interval_hours,
            destination_cidr: _,
            failover_role: _,
            lag_secs,
            batch_size: _,
            dedup_required: _,
            waivers: _,
        } = self;
        [
            ("msgs_per_sec", msgs_per_sec),
            ("rps", rps),
            ("processing_time_secs", processing_time_secs),
            ("interval_hours", interval_hours),
            ("lag_secs", lag_secs),
        ]
        .into_iter()
        .find_map(|(field, value)| {
            value
                .filter(|v| !v.is_finite())
                .map(|v| (field, v.to_string()))
        })
    }

    /// Whether the setting `field` means something on a link of `kind`: a route's
    /// destination only on a network route, a failover role and health checks only on a
    /// route, replication mode and lag only on replication, a schedule only on backups,
    /// copies and DataSync transfers. Every other setting applies to every kind.
    pub fn applies_to(field: &str, kind: LinkKind) -> bool {
        match field {
            "destination_cidr" => kind == LinkKind::NetworkRoute,
            "failover_role" | "health_check" => kind == LinkKind::Route,
            "replication" | "lag_secs" => kind == LinkKind::Replicate,
            "interval_hours" => matches!(
                kind,
                LinkKind::Backup | LinkKind::Replicate | LinkKind::DataTransfer
            ),
            _ => true,
        }
    }

    /// How each property is shown and edited in the inspector, in file order.
    pub const SPECS: &'static [FieldSpec] = &[
        spec("label", "Text drawn on the link.", FieldShape::Text),
        spec(
            "protocol",
            "Protocol (https, grpc, sql, sqs, email).",
            FieldShape::Text,
        ),
        spec(
            "payload_bytes",
            "Typical payload size in bytes.",
            FieldShape::Count,
        ),
        spec(
            "msgs_per_sec",
            "Messages per second at peak.",
            FieldShape::Number,
        ),
        spec("rps", "Requests per second at peak.", FieldShape::Number),
        spec(
            "idempotent",
            "The receiver handles duplicates safely.",
            FieldShape::Flag,
        ),
        spec(
            "ordering_required",
            "Messages must be processed in order.",
            FieldShape::Flag,
        ),
        spec(
            "deferrable",
            "The caller does not need the answer now (the work could be queued).",
            FieldShape::Flag,
        ),
        spec(
            "writes",
            "The caller writes through this link (not only reads).",
            FieldShape::Flag,
        ),
        spec(
            "processing_time_secs",
            "Seconds the consumer needs per message or batch.",
            FieldShape::Number,
        ),
        spec(
            "health_check",
            "Requests are health-checked (target group, Route 53 record).",
            FieldShape::Flag,
        ),
        spec(
            "replication",
            "Replication mode.",
            FieldShape::Choice(&["Sync", "Async"]),
        ),
        spec(
            "interval_hours",
            "Hours between scheduled copies (backups, snapshot copies, DataSync runs).",
            FieldShape::Number,
        ),
        spec(
            "destination_cidr",
            "Destination CIDR of a network route (0.0.0.0/0).",
            FieldShape::Text,
        ),
        spec(
            "failover_role",
            "Role of a DNS route in a failover pair.",
            <FailoverRole as SettingValue>::SHAPE,
        ),
    ];
}

const fn spec(name: &'static str, doc: &'static str, shape: FieldShape) -> FieldSpec {
    FieldSpec {
        name,
        doc,
        default: None,
        shape,
    }
}

/// An edge of the diagram.
#[derive(Clone, Debug, PartialEq)]
pub struct Link {
    /// Public identity.
    pub id: LinkId,
    /// What the link means.
    pub kind: LinkKind,
    /// Where it starts.
    pub from: ComponentId,
    /// Where it ends.
    pub to: ComponentId,
    /// Editable properties.
    pub props: LinkProps,
}

impl Link {
    /// A link with the default id `from->to` and no properties.
    pub fn new(kind: LinkKind, from: &ComponentId, to: &ComponentId) -> Self {
        Self {
            id: LinkId::derived(from, to),
            kind,
            from: from.clone(),
            to: to.clone(),
            props: LinkProps::default(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn offered_protocols_and_settings_follow_the_link_and_its_target() {
        let to_db = LinkKind::Request.common_protocols(Kind::Rds);
        assert!(to_db.contains(&"sql") && !to_db.contains(&"grpc"));
        let to_lb = LinkKind::Request.common_protocols(Kind::Alb);
        assert!(to_lb.contains(&"https") && !to_lb.contains(&"sql"));
        assert!(LinkProps::applies_to(
            "destination_cidr",
            LinkKind::NetworkRoute
        ));
        assert!(!LinkProps::applies_to(
            "destination_cidr",
            LinkKind::Request
        ));
        assert!(LinkProps::applies_to("health_check", LinkKind::Route));
        assert!(!LinkProps::applies_to("replication", LinkKind::Route));
        assert!(LinkProps::applies_to("protocol", LinkKind::Route));
        // Every setting applies to some kind of link.
        for spec in LinkProps::SPECS {
            assert!(
                LinkKind::ALL
                    .iter()
                    .any(|&k| LinkProps::applies_to(spec.name, k)),
                "{} applies to no link",
                spec.name
            );
        }
    }

    #[test]
    fn allowed_pairs_follow_the_meaning() {
        assert!(LinkKind::Request.allows(Kind::Ec2, Kind::Rds));
        assert!(!LinkKind::Request.allows(Kind::Rds, Kind::Ec2));
        assert!(LinkKind::Send.allows(Kind::Lambda, Kind::Sqs));
        assert!(!LinkKind::Consume.allows(Kind::Sns, Kind::Lambda));
        assert!(LinkKind::Subscribe.allows(Kind::Sns, Kind::Sqs));
        assert!(LinkKind::NetworkRoute.allows(Kind::Subnet, Kind::NatGateway));
        assert!(!LinkKind::Replicate.allows(Kind::Rds, Kind::S3));
        assert!(LinkKind::Replicate.allows(Kind::S3, Kind::Glacier));
    }

    #[test]
    fn default_link_kind_is_the_natural_one() {
        assert_eq!(
            LinkKind::default_between(Kind::Alb, Kind::AutoScalingGroup),
            Some(LinkKind::Route)
        );
        assert_eq!(
            LinkKind::default_between(Kind::Ec2, Kind::Rds),
            Some(LinkKind::Request)
        );
        assert_eq!(
            LinkKind::default_between(Kind::Sqs, Kind::Lambda),
            Some(LinkKind::Consume)
        );
        assert_eq!(
            LinkKind::default_between(Kind::Lambda, Kind::Sqs),
            Some(LinkKind::Send)
        );
        assert_eq!(
            LinkKind::default_between(Kind::S3, Kind::S3),
            Some(LinkKind::Replicate)
        );
        assert_eq!(LinkKind::default_between(Kind::Region, Kind::Vpc), None);
    }
}
