//! Typed settings of each kind, with AWS's defaults.
//!
//! Every setting is optional in the file: `None` means "not decided yet", which rules
//! treat differently from an explicit value where it matters (a sketch is allowed to be
//! incomplete). The accessor of the same name gives the effective value, falling back to
//! the AWS default.

use serde::{Deserialize, Serialize};

use super::kind::Kind;

/// Declares a settings struct whose fields are all `Option`, plus an accessor per field
/// with a default that returns the effective value.
macro_rules! settings_struct {
    (
        $(#[$doc:meta])*
        $name:ident {
            $(
                $(#[doc = $fdoc:literal])*
                $field:ident : $ty:ty $(= $default:expr)?
            ),* $(,)?
        }
    ) => {
        $(#[$doc])*
        #[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
        #[serde(default, deny_unknown_fields)]
        pub struct $name {
            $(
                $(#[doc = $fdoc])*
                #[serde(skip_serializing_if = "Option::is_none")]
                pub $field: Option<$ty>,
            )*
        }

        impl $name {
            /// Names of the settings this kind has, in file order.
            pub const FIELDS: &'static [&'static str] = &[$(stringify!($field),)*];

            /// How each setting is shown and edited, in file order.
            pub const SPECS: &'static [FieldSpec] = &[$(FieldSpec {
                name: stringify!($field),
                doc: concat!($($fdoc),*),
                default: settings_default!($($default)?),
                shape: <$ty as SettingValue>::SHAPE,
            },)*];

            /// The first setting holding a number that is NaN or infinite, with its value.
            pub fn first_non_finite(&self) -> Option<(&'static str, String)> {
                $(
                    if let Some(value) = &self.$field
                        && !SettingValue::is_finite_number(value)
                    {
                        return Some((stringify!($field), format!("{value:?}")));
                    }
                )*
                None
            }

            $(settings_accessor!($field: $ty $(= $default)?);)*
        }
    };
}

/// The accessor of one settings field; fields without a default get none.
macro_rules! settings_accessor {
    ($field:ident : $ty:ty = $default:expr) => {
        #[doc = concat!("Effective `", stringify!($field), "`: the value set, or AWS's default `", stringify!($default), "`.")]
        pub fn $field(&self) -> $ty {
            self.$field.clone().unwrap_or_else(|| $default)
        }
    };
    ($field:ident : $ty:ty) => {};
}

/// The AWS default of a field as written in the table, if it has one.
macro_rules! settings_default {
    () => {
        None
    };
    ($default:expr) => {
        Some(stringify!($default))
    };
}

/// What kind of value a setting holds, so the editor can offer the right control.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FieldShape {
    /// Yes or no.
    Flag,
    /// A whole number (counts, seconds, bytes).
    Count,
    /// A decimal number (percentages, rates).
    Number,
    /// Free text.
    Text,
    /// A list of texts.
    List,
    /// One of these values.
    Choice(&'static [&'static str]),
}

/// A type that can be a setting value.
pub trait SettingValue {
    /// How it is edited.
    const SHAPE: FieldShape;

    /// False for a number that is NaN or infinite; true for everything else.
    fn is_finite_number(&self) -> bool {
        true
    }
}

impl SettingValue for bool {
    const SHAPE: FieldShape = FieldShape::Flag;
}
impl SettingValue for u32 {
    const SHAPE: FieldShape = FieldShape::Count;
}
impl SettingValue for f64 {
    const SHAPE: FieldShape = FieldShape::Number;

    fn is_finite_number(&self) -> bool {
        self.is_finite()
    }
}
impl SettingValue for String {
    const SHAPE: FieldShape = FieldShape::Text;
}
impl SettingValue for Vec<String> {
    const SHAPE: FieldShape = FieldShape::List;
}

/// One setting of a kind, as the inspector shows it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FieldSpec {
    /// Field name in the file (`backup_retention_days`).
    pub name: &'static str,
    /// What it means (its doc comment).
    pub doc: &'static str,
    /// AWS's default, as written in the table (`7`), when there is one.
    pub default: Option<&'static str>,
    /// What kind of value it holds.
    pub shape: FieldShape,
}

/// Declares a plain enum used as a setting value.
macro_rules! setting_enum {
    ($(#[$doc:meta])* $name:ident { $($(#[$vdoc:meta])* $variant:ident),* $(,)? }) => {
        $(#[$doc])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
        pub enum $name {
            $($(#[$vdoc])* $variant,)*
        }

        impl $name {
            /// Every value, in declaration order.
            pub const ALL: &'static [$name] = &[$($name::$variant,)*];
        }

        impl SettingValue for $name {
            const SHAPE: FieldShape = FieldShape::Choice(&[$(stringify!($variant),)*]);
        }
    };
}

setting_enum!(
    /// Role of a component in a tiered design.
    TierRole { Edge, Web, App, Data, Batch }
);
setting_enum!(
    /// Public, private or isolated, as the subnet was drawn.
    SubnetIntent {
        /// Has a route to an Internet gateway.
        Public,
        /// Egress through NAT only.
        Private,
        /// No route out of the VPC.
        Isolated,
    }
);
setting_enum!(
    /// Health check an Auto Scaling group uses to replace instances.
    HealthCheckType {
        /// EC2 status checks only: replaces instances whose hardware or OS fails.
        Ec2,
        /// Load balancer health checks: also replaces instances whose application fails.
        Elb,
    }
);
setting_enum!(
    /// How an Auto Scaling group or ECS service scales.
    ScalingPolicy { None, TargetTracking, Step, Simple, Scheduled, Predictive }
);
setting_enum!(
    /// Whether a load balancer faces the Internet.
    LbScheme { InternetFacing, Internal }
);
setting_enum!(
    /// API Gateway flavour.
    ApiType { Rest, Http, Websocket }
);
setting_enum!(
    /// API Gateway endpoint type.
    EndpointType { Edge, Regional, Private }
);
setting_enum!(
    /// How ECS runs tasks.
    LaunchType { Fargate, Ec2 }
);
setting_enum!(
    /// Step Functions workflow type.
    WorkflowType { Standard, Express }
);
setting_enum!(
    /// Amazon MQ engine.
    MqEngine { ActiveMq, RabbitMq }
);
setting_enum!(
    /// Amazon MQ deployment mode.
    MqDeployment { SingleInstance, ActiveStandbyMultiAz, ClusterMultiAz }
);
setting_enum!(
    /// RDS deployment.
    RdsDeployment {
        /// One instance in one AZ.
        SingleAz,
        /// Primary plus a synchronous standby in another AZ.
        MultiAzInstance,
        /// Writer plus two readable standbys in three AZs.
        MultiAzCluster,
    }
);
setting_enum!(
    /// DynamoDB capacity mode.
    BillingMode { OnDemand, Provisioned }
);
setting_enum!(
    /// ElastiCache engine.
    CacheEngine { Redis, Valkey, Memcached }
);
setting_enum!(
    /// S3 Glacier storage class.
    ArchiveClass { InstantRetrieval, FlexibleRetrieval, DeepArchive }
);
setting_enum!(
    /// Archive retrieval speed.
    RetrievalTier { Expedited, Standard, Bulk }
);
setting_enum!(
    /// Route 53 routing policy.
    RoutingPolicy { Simple, Failover, Latency, Weighted, Geolocation, Multivalue }
);
setting_enum!(
    /// Role of a record in a failover pair.
    FailoverRole { Primary, Secondary }
);
setting_enum!(
    /// NAT gateway availability mode.
    NatMode {
        /// Lives in one AZ.
        Zonal,
        /// Expands across AZs automatically.
        Regional,
    }
);
setting_enum!(
    /// NAT gateway connectivity.
    NatConnectivity { Public, Private }
);
setting_enum!(
    /// VPC endpoint type.
    VpcEndpointType { Gateway, Interface }
);
setting_enum!(
    /// Where a VPN terminates on the AWS side.
    VpnTermination { VirtualPrivateGateway, TransitGateway }
);
setting_enum!(
    /// Direct Connect resiliency model.
    DxResiliency {
        /// One connection at one location.
        Development,
        /// One connection at each of two locations (99.9 %).
        High,
        /// Two connections at each of two locations (99.99 %).
        Maximum,
    }
);
setting_enum!(
    /// Workload tier, mirroring Resilience Hub's tiers.
    WorkloadTier { MissionCritical, Critical, Important, CoreServices, NonCritical }
);
setting_enum!(
    /// Disaster-recovery strategy (Well-Architected REL13 bands).
    DrStrategy { None, BackupRestore, PilotLight, WarmStandby, ActiveActive }
);

settings_struct!(
    /// Settings every component has.
    CommonSettings {
        /// How many identical copies this drawn box stands for.
        count: u32 = 1,
        /// The workload cannot work without it.
        critical: bool,
        /// Holds state that would be lost with it.
        stateful: bool,
        /// Tier this component belongs to.
        tier_role: TierRole,
        /// Service or bounded context that owns it.
        service: String,
        /// Availability the provider promises, in percent (99.99).
        availability_percent: f64,
        /// Has alarms on its health and errors.
        monitored: bool,
        /// Protected against deletion or replacement.
        deletion_protection: bool,
        /// Its data can be regenerated, so losing it is not a disaster.
        reproducible: bool,
        /// Traffic enters the workload here (public endpoints).
        entry: bool,
    }
);

settings_struct!(
    /// Region settings.
    RegionSettings {
        /// Region code (`us-east-1`).
        code: String,
        /// This Region is the disaster-recovery site.
        dr_region: bool = false,
        /// Concurrent Lambda executions the account may run here (default quota 1,000).
        lambda_concurrency_quota: u32 = 1_000,
        /// API Gateway requests per second the account may serve here (default quota 10,000;
        /// 2,500 in some newer Regions).
        api_gateway_rps_quota: f64 = 10_000.0,
    }
);

settings_struct!(
    /// VPC settings.
    VpcSettings {
        /// Primary CIDR block first, then secondary blocks.
        cidr_blocks: Vec<String> = Vec::new(),
        /// Ranges of networks connected by peering, transit gateway, VPN or Direct Connect.
        connected_cidrs: Vec<String> = Vec::new(),
    }
);

settings_struct!(
    /// Availability Zone settings.
    AzSettings {
        /// Zone name (`us-east-1a`).
        zone: String,
    }
);

settings_struct!(
    /// Subnet settings.
    SubnetSettings {
        /// IPv4 range (`10.0.1.0/24`).
        cidr: String,
        /// Public, private or isolated, as drawn.
        intent: SubnetIntent,
        /// Instances get a public IP automatically.
        map_public_ip_on_launch: bool = false,
    }
);

settings_struct!(
    /// On-premises network settings.
    OnPremisesSettings {
        /// Address ranges used on premises.
        cidrs: Vec<String> = Vec::new(),
    }
);

settings_struct!(
    /// EC2 instance settings.
    Ec2Settings {
        /// Instance type (`t3.micro`).
        instance_type: String,
        /// Has a public IP address.
        public_ip: bool = false,
        /// Software it runs where that matters (`mysql`, `rabbitmq`).
        software: String,
        /// A CloudWatch alarm recovers it on hardware failure.
        auto_recovery: bool = false,
    }
);

settings_struct!(
    /// Auto Scaling group settings.
    AsgSettings {
        /// Minimum instances.
        min: u32,
        /// Maximum instances.
        max: u32,
        /// Desired instances.
        desired: u32,
        /// Health check used to replace instances.
        health_check_type: HealthCheckType = HealthCheckType::Ec2,
        /// Seconds before a new instance's health is checked.
        health_check_grace_secs: u32 = 300,
        /// Scaling policy.
        scaling_policy: ScalingPolicy = ScalingPolicy::None,
        /// Instance type.
        instance_type: String,
        /// Requests per second one instance can serve.
        capacity_per_instance_rps: f64,
    }
);

settings_struct!(
    /// Load balancer settings (ALB, NLB, CLB, GWLB).
    LoadBalancerSettings {
        /// Internet-facing or internal.
        scheme: LbScheme = LbScheme::InternetFacing,
        /// Spreads each AZ's traffic over targets in all AZs.
        cross_zone: bool,
        /// Listener protocols (`HTTPS`, `TCP`).
        listener_protocols: Vec<String> = Vec::new(),
        /// Uses path, host or header routing, redirects or fixed responses (layer 7 features).
        uses_l7_features: bool = false,
        /// Protected by AWS WAF.
        waf: bool = false,
    }
);

settings_struct!(
    /// API Gateway settings.
    ApiGatewaySettings {
        /// REST, HTTP or WebSocket API.
        api_type: ApiType = ApiType::Rest,
        /// Edge-optimized, regional or private endpoint.
        endpoint_type: EndpointType = EndpointType::Regional,
        /// Stage throttling limit in requests per second.
        throttle_rps: f64,
        /// Protected by AWS WAF.
        waf: bool = false,
    }
);

settings_struct!(
    /// Lambda function settings.
    LambdaSettings {
        /// Timeout in seconds (1–900).
        timeout_secs: u32 = 3,
        /// Memory in MB (128–10,240).
        memory_mb: u32 = 128,
        /// Reserved concurrency.
        reserved_concurrency: u32,
        /// Concurrency expected at peak.
        expected_concurrency: u32,
        /// Deployed as a container image from ECR.
        container_image: bool = false,
    }
);

settings_struct!(
    /// ECS service settings.
    EcsServiceSettings {
        /// Fargate or EC2 capacity.
        launch_type: LaunchType = LaunchType::Fargate,
        /// Desired task count.
        desired_count: u32 = 1,
        /// Minimum tasks when scaling.
        min: u32,
        /// Maximum tasks when scaling.
        max: u32,
        /// Scaling policy.
        scaling_policy: ScalingPolicy = ScalingPolicy::None,
        /// Health check grace period in seconds.
        health_check_grace_secs: u32 = 0,
    }
);

settings_struct!(
    /// EKS cluster settings.
    EksSettings {
        /// Worker nodes.
        node_count: u32,
        /// Pods run on Fargate.
        fargate: bool = false,
    }
);

settings_struct!(
    /// ECR repository settings.
    EcrSettings {
        /// Old images expire by a lifecycle policy.
        lifecycle_policy: bool = false,
        /// Regions the images are replicated to.
        replication_regions: Vec<String> = Vec::new(),
    }
);

settings_struct!(
    /// Step Functions settings.
    StepFunctionsSettings {
        /// Standard or Express workflow.
        workflow_type: WorkflowType = WorkflowType::Standard,
    }
);

settings_struct!(
    /// SQS queue settings.
    SqsSettings {
        /// FIFO queue: exactly-once processing, ordered per message group.
        fifo: bool = false,
        /// FIFO high-throughput mode.
        high_throughput: bool = false,
        /// Largest message accepted, bytes (1,024–1,048,576).
        max_message_size_bytes: u32 = 262_144,
        /// Seconds a received message stays hidden (0–43,200).
        visibility_timeout_secs: u32 = 30,
        /// Long-polling wait in seconds (0–20; 0 is short polling).
        receive_wait_time_secs: u32 = 0,
        /// Seconds messages are kept (60–1,209,600).
        retention_secs: u32 = 345_600,
        /// Receives before a message moves to the dead-letter queue.
        max_receive_count: u32,
        /// Messages per second expected at peak.
        expected_msgs_per_sec: f64,
        /// Producers and consumers use batch calls.
        batching: bool = false,
        /// FIFO throughput quota in messages per second per API action for this queue's
        /// Region and mode (high-throughput quotas differ by Region; see SQS message quotas).
        fifo_quota_msgs_per_sec: f64,
    }
);

settings_struct!(
    /// SNS topic settings.
    SnsSettings {
        /// FIFO topic.
        fifo: bool = false,
        /// Largest message accepted, bytes (up to 1,048,576 with opt-in).
        max_message_size_bytes: u32 = 262_144,
        /// Days messages are archived for replay (FIFO only, up to 365).
        archive_days: u32 = 0,
    }
);

settings_struct!(
    /// Amazon MQ settings.
    MqSettings {
        /// ActiveMQ or RabbitMQ.
        engine: MqEngine = MqEngine::ActiveMq,
        /// Single instance, active/standby or cluster.
        deployment_mode: MqDeployment = MqDeployment::SingleInstance,
        /// Reachable from the Internet.
        public: bool = false,
    }
);

settings_struct!(
    /// EventBridge settings.
    EventBridgeSettings {
        /// Events are archived for replay.
        archive: bool = false,
    }
);

settings_struct!(
    /// Kinesis stream settings.
    KinesisSettings {
        /// Shards (provisioned mode).
        shards: u32,
        /// On-demand capacity mode.
        on_demand: bool = false,
        /// Hours records are kept (24–8,760).
        retention_hours: u32 = 24,
    }
);

settings_struct!(
    /// RDS instance settings.
    RdsSettings {
        /// Engine (`mysql`, `postgres`).
        engine: String,
        /// Instance class (`db.t3.medium`).
        instance_class: String,
        /// Single-AZ, Multi-AZ instance or Multi-AZ cluster.
        deployment: RdsDeployment = RdsDeployment::SingleAz,
        /// Days automated backups are kept; 0 disables them.
        backup_retention_days: u32 = 1,
        /// Has a public endpoint.
        publicly_accessible: bool = false,
        /// Region automated backups are replicated to.
        backup_replication_region: String,
    }
);

settings_struct!(
    /// Aurora cluster settings.
    AuroraSettings {
        /// Engine (`aurora-mysql`, `aurora-postgresql`).
        engine: String,
        /// DB instances in the cluster (writer plus readers).
        instances: u32 = 1,
        /// Serverless v2 capacity.
        serverless: bool = false,
        /// Regions of an Aurora global database.
        global_regions: Vec<String> = Vec::new(),
        /// Days automated backups are kept (1–35).
        backup_retention_days: u32 = 1,
        /// Backtrack window in hours (MySQL only).
        backtrack_hours: u32 = 0,
    }
);

settings_struct!(
    /// DynamoDB table settings.
    DynamoDbSettings {
        /// On-demand or provisioned capacity.
        billing_mode: BillingMode = BillingMode::Provisioned,
        /// Provisioned capacity scales automatically.
        autoscaling: bool = false,
        /// Point-in-time recovery.
        pitr: bool = false,
        /// PITR window in days (1–35).
        pitr_days: u32 = 35,
        /// Regions of a global table.
        global_table_regions: Vec<String> = Vec::new(),
    }
);

settings_struct!(
    /// ElastiCache settings.
    ElastiCacheSettings {
        /// Redis, Valkey or Memcached.
        engine: CacheEngine = CacheEngine::Redis,
        /// Replicas per shard.
        replicas_per_shard: u32 = 0,
        /// Automatic failover to a replica.
        automatic_failover: bool = false,
        /// Replicas placed in other AZs.
        multi_az: bool = false,
        /// Days snapshots are kept; 0 disables them.
        snapshot_retention_days: u32 = 0,
        /// Holds data that is not also elsewhere (sessions, counters).
        persistent: bool = false,
    }
);

settings_struct!(
    /// S3 bucket settings.
    S3Settings {
        /// Object versioning.
        versioning: bool = false,
        /// Object Lock (WORM).
        object_lock: bool = false,
        /// Storage class for new objects (`STANDARD`, `INTELLIGENT_TIERING`).
        storage_class: String,
        /// Days after which objects move to Glacier by lifecycle rule.
        lifecycle_to_archive_days: u32,
        /// Block Public Access is on.
        public_access_block: bool = true,
    }
);

settings_struct!(
    /// EBS volume settings.
    EbsSettings {
        /// Volume type (`gp3`, `io2`).
        volume_type: String,
        /// Hours between snapshots; unset means no snapshot schedule.
        snapshot_interval_hours: u32,
        /// Region snapshots are copied to.
        snapshot_copy_region: String,
    }
);

settings_struct!(
    /// EFS settings.
    EfsSettings {
        /// One Zone storage class (single AZ).
        one_zone: bool = false,
        /// Region the file system is replicated to.
        replication_region: String,
        /// Automatic backups enabled.
        automatic_backups: bool = false,
    }
);

settings_struct!(
    /// Glacier archive settings.
    GlacierSettings {
        /// Storage class.
        storage_class: ArchiveClass = ArchiveClass::FlexibleRetrieval,
        /// Retrieval tier used in a restore.
        retrieval_tier: RetrievalTier = RetrievalTier::Standard,
    }
);

settings_struct!(
    /// AWS Backup plan settings.
    BackupSettings {
        /// Hours between backups.
        frequency_hours: u32 = 24,
        /// Days recovery points are kept.
        retention_days: u32 = 35,
        /// Regions recovery points are copied to.
        copy_regions: Vec<String> = Vec::new(),
        /// Vault Lock prevents deletion.
        vault_lock: bool = false,
    }
);

settings_struct!(
    /// DataSync task settings.
    DataSyncSettings {
        /// Hours between scheduled runs.
        schedule_hours: u32,
    }
);

settings_struct!(
    /// Route 53 record settings.
    Route53Settings {
        /// Routing policy.
        routing_policy: RoutingPolicy = RoutingPolicy::Simple,
        /// Records are health-checked.
        health_check: bool = false,
        /// Alias records evaluate the target's health.
        evaluate_target_health: bool = false,
        /// Time to live in seconds.
        ttl_secs: u32 = 300,
    }
);

settings_struct!(
    /// CloudFront settings.
    CloudFrontSettings {
        /// An origin group fails over to a secondary origin.
        origin_failover: bool = false,
        /// Protected by AWS WAF.
        waf: bool = false,
    }
);

settings_struct!(
    /// NAT gateway settings.
    NatGatewaySettings {
        /// Zonal or regional availability mode.
        availability_mode: NatMode = NatMode::Zonal,
        /// Public or private connectivity.
        connectivity: NatConnectivity = NatConnectivity::Public,
    }
);

settings_struct!(
    /// VPC endpoint settings.
    VpcEndpointSettings {
        /// Gateway or interface endpoint.
        endpoint_type: VpcEndpointType = VpcEndpointType::Interface,
        /// Service it reaches (`s3`, `dynamodb`, `sqs`).
        service: String,
    }
);

settings_struct!(
    /// Site-to-Site VPN settings.
    VpnSettings {
        /// Tunnels (AWS gives two).
        tunnels: u32 = 2,
        /// Virtual private gateway or transit gateway.
        termination: VpnTermination = VpnTermination::VirtualPrivateGateway,
    }
);

settings_struct!(
    /// Direct Connect settings.
    DirectConnectSettings {
        /// Physical connections.
        connections: u32 = 1,
        /// Distinct Direct Connect locations.
        locations: u32 = 1,
        /// Resiliency model.
        resiliency: DxResiliency = DxResiliency::Development,
    }
);

/// The kind-specific settings of a component. The variant always matches the kind.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(untagged)]
#[allow(missing_docs)]
pub enum Settings {
    /// For kinds without settings of their own.
    None,
    Region(RegionSettings),
    Vpc(VpcSettings),
    Az(AzSettings),
    Subnet(SubnetSettings),
    OnPremises(OnPremisesSettings),
    Ec2(Ec2Settings),
    Asg(AsgSettings),
    LoadBalancer(LoadBalancerSettings),
    ApiGateway(ApiGatewaySettings),
    Lambda(LambdaSettings),
    EcsService(EcsServiceSettings),
    Eks(EksSettings),
    Ecr(EcrSettings),
    StepFunctions(StepFunctionsSettings),
    Sqs(SqsSettings),
    Sns(SnsSettings),
    Mq(MqSettings),
    EventBridge(EventBridgeSettings),
    Kinesis(KinesisSettings),
    Rds(RdsSettings),
    Aurora(AuroraSettings),
    DynamoDb(DynamoDbSettings),
    ElastiCache(ElastiCacheSettings),
    S3(S3Settings),
    Ebs(EbsSettings),
    Efs(EfsSettings),
    Glacier(GlacierSettings),
    Backup(BackupSettings),
    DataSync(DataSyncSettings),
    Route53(Route53Settings),
    CloudFront(CloudFrontSettings),
    NatGateway(NatGatewaySettings),
    VpcEndpoint(VpcEndpointSettings),
    Vpn(VpnSettings),
    DirectConnect(DirectConnectSettings),
}

/// Maps each kind to its settings type, generating [`Settings::default_for`] and
/// [`Settings::deserialize_for`] from one table so the two can never disagree.
macro_rules! settings_table {
    ($($($kind:ident)|+ => $variant:ident($ty:ident),)*) => {
        impl Settings {
    /// The address blocks these settings give, as written: a VPC's CIDR blocks, a
    /// subnet's CIDR, an on-premises network's ranges; none for other kinds.
    pub fn address_blocks(&self) -> &[String] {
        match self {
            Settings::Vpc(v) => v.cidr_blocks.as_deref().unwrap_or_default(),
            Settings::Subnet(s) => s.cidr.as_slice(),
            Settings::OnPremises(o) => o.cidrs.as_deref().unwrap_or_default(),
            _ => &[],
        }
    }

            /// Default (all unset) settings for `kind`.
            pub fn default_for(kind: Kind) -> Settings {
                match kind {
                    $($(Kind::$kind)|+ => Settings::$variant($ty::default()),)*
                    #[allow(unreachable_patterns)]
                    _ => Settings::None,
                }
            }

            /// How each setting of these settings is shown and edited.
            pub fn specs(&self) -> &'static [FieldSpec] {
                match self {
                    $(Settings::$variant(_) => $ty::SPECS,)*
                    #[allow(unreachable_patterns)]
                    _ => &[],
                }
            }

            /// The first setting holding a number that is NaN or infinite, with its value.
            pub fn first_non_finite(&self) -> Option<(&'static str, String)> {
                match self {
                    $(Settings::$variant(s) => s.first_non_finite(),)*
                    #[allow(unreachable_patterns)]
                    _ => None,
                }
            }

            /// Reads the settings of a component of `kind`, so that the file needs no tag.
            pub fn deserialize_for<'de, D: serde::Deserializer<'de>>(
                kind: Kind,
                deserializer: D,
            ) -> Result<Settings, D::Error> {
                match kind {
                    $($(Kind::$kind)|+ => $ty::deserialize(deserializer).map(Settings::$variant),)*
                    #[allow(unreachable_patterns)]
                    _ => NoSettings::deserialize(deserializer).map(|_| Settings::None),
                }
            }
        }
    };
}

/// The settings of kinds that have none: only `()` is accepted.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct NoSettings {}

settings_table! {
    Region => Region(RegionSettings),
    Vpc => Vpc(VpcSettings),
    AvailabilityZone => Az(AzSettings),
    Subnet => Subnet(SubnetSettings),
    OnPremises => OnPremises(OnPremisesSettings),
    Ec2 => Ec2(Ec2Settings),
    AutoScalingGroup => Asg(AsgSettings),
    Alb | Nlb | Clb | Gwlb => LoadBalancer(LoadBalancerSettings),
    ApiGateway => ApiGateway(ApiGatewaySettings),
    Lambda => Lambda(LambdaSettings),
    EcsService => EcsService(EcsServiceSettings),
    Eks => Eks(EksSettings),
    Ecr => Ecr(EcrSettings),
    StepFunctions => StepFunctions(StepFunctionsSettings),
    Sqs => Sqs(SqsSettings),
    Sns => Sns(SnsSettings),
    AmazonMq => Mq(MqSettings),
    EventBridge => EventBridge(EventBridgeSettings),
    Kinesis => Kinesis(KinesisSettings),
    Rds => Rds(RdsSettings),
    Aurora => Aurora(AuroraSettings),
    DynamoDb => DynamoDb(DynamoDbSettings),
    ElastiCache => ElastiCache(ElastiCacheSettings),
    S3 => S3(S3Settings),
    Ebs => Ebs(EbsSettings),
    Efs => Efs(EfsSettings),
    Glacier => Glacier(GlacierSettings),
    Backup => Backup(BackupSettings),
    DataSync => DataSync(DataSyncSettings),
    Route53 => Route53(Route53Settings),
    CloudFront => CloudFront(CloudFrontSettings),
    NatGateway => NatGateway(NatGatewaySettings),
    VpcEndpoint => VpcEndpoint(VpcEndpointSettings),
    Vpn => Vpn(VpnSettings),
    DirectConnect => DirectConnect(DirectConnectSettings),
}

impl Settings {
    /// These settings belong to `kind`.
    pub fn fits(&self, kind: Kind) -> bool {
        std::mem::discriminant(self) == std::mem::discriminant(&Settings::default_for(kind))
    }

    /// Nothing is set (what a fresh component of `kind` has).
    pub fn is_unset_for(&self, kind: Kind) -> bool {
        *self == Settings::default_for(kind)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_has_fitting_defaults() {
        for &kind in Kind::ALL {
            let settings = Settings::default_for(kind);
            assert!(settings.fits(kind), "{kind:?}");
            assert!(settings.is_unset_for(kind));
        }
        assert!(!Settings::default_for(Kind::Sqs).fits(Kind::Sns));
    }

    #[test]
    fn accessors_fall_back_to_aws_defaults() {
        let mut sqs = SqsSettings::default();
        assert_eq!(sqs.visibility_timeout_secs(), 30);
        assert_eq!(sqs.max_message_size_bytes(), 262_144);
        sqs.visibility_timeout_secs = Some(120);
        assert_eq!(sqs.visibility_timeout_secs(), 120);
    }
}
