//! The catalog of component kinds: every AWS service the notes name plus the ones an
//! architecture needs around them, with display names, search aliases, categories,
//! CloudFormation types and where each may be placed.

use std::fmt;

use serde::{Deserialize, Serialize};

/// Category of a kind, which decides its colour on the canvas and its palette group.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Category {
    /// Region, VPC, AZ and subnet boxes.
    Grouping,
    /// Users, on-premises networks, third-party services.
    Actor,
    /// EC2, Auto Scaling, Lambda.
    Compute,
    /// ECS, EKS, ECR.
    Containers,
    /// Load balancers, DNS, CDN, gateways, hybrid links.
    Networking,
    /// SQS, SNS, MQ, EventBridge, Step Functions, API Gateway, Kinesis.
    AppIntegration,
    /// RDS, Aurora, DynamoDB, ElastiCache.
    Database,
    /// S3, EBS, EFS, Glacier, Backup, DataSync.
    Storage,
}

impl Category {
    /// Every category in palette order.
    pub const ALL: [Category; 8] = [
        Category::Grouping,
        Category::Actor,
        Category::Compute,
        Category::Containers,
        Category::Networking,
        Category::AppIntegration,
        Category::Database,
        Category::Storage,
    ];

    /// Heading shown in the palette.
    pub fn label(self) -> &'static str {
        match self {
            Category::Grouping => "Groups",
            Category::Actor => "Actors",
            Category::Compute => "Compute",
            Category::Containers => "Containers",
            Category::Networking => "Networking & content delivery",
            Category::AppIntegration => "Application integration",
            Category::Database => "Database",
            Category::Storage => "Storage & backup",
        }
    }
}

/// Where a kind may sit in the containment tree.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Placement {
    /// Top level only (Region, actors).
    TopLevel,
    /// Top level or inside a Region (regional and global managed services).
    Regional,
    /// Directly inside a Region.
    InRegion,
    /// Directly inside a VPC.
    InVpc,
    /// Inside a Region or a VPC (an Availability Zone box).
    InRegionOrVpc,
    /// Inside a VPC or an AZ box within a VPC.
    InVpcOrAz,
    /// Spans subnets: inside a VPC (listing its subnets), an AZ box or one subnet.
    VpcSpanning,
    /// Zonal: inside a subnet or AZ box, or a compute group (ASG, ECS service).
    Zonal,
    /// Lambda: regional when not attached to a VPC, VPC-spanning when attached.
    RegionalOrVpc,
    /// NAT gateway: in a subnet (zonal) or in the VPC (regional mode).
    SubnetOrVpc,
}

macro_rules! kinds {
    ($(
        $(#[$doc:meta])*
        $variant:ident {
            name: $name:literal,
            short: $short:literal,
            category: $category:ident,
            placement: $placement:ident,
            container: $container:literal,
            cfn: $cfn:literal,
            aliases: [$($alias:literal),* $(,)?],
        }
    )*) => {
        /// A kind of component. The variant name is what diagram files store.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
        pub enum Kind {
            $($(#[$doc])* $variant,)*
        }

        impl Kind {
            /// Every kind in catalog order.
            pub const ALL: &'static [Kind] = &[$(Kind::$variant,)*];

            /// Static facts about this kind.
            pub fn info(self) -> &'static KindInfo {
                match self {
                    $(Kind::$variant => &KindInfo {
                        kind: Kind::$variant,
                        ident: stringify!($variant),
                        name: $name,
                        short: $short,
                        category: Category::$category,
                        placement: Placement::$placement,
                        container: $container,
                        cfn_type: $cfn,
                        aliases: &[$($alias,)*],
                    },)*
                }
            }
        }
    };
}

/// Static facts about a kind.
#[derive(Debug)]
pub struct KindInfo {
    /// The kind itself.
    pub kind: Kind,
    /// The identifier used in files (`"AutoScalingGroup"`).
    pub ident: &'static str,
    /// Display name (`"Auto Scaling group"`).
    pub name: &'static str,
    /// Short name for tight spaces (`"ASG"`).
    pub short: &'static str,
    /// Palette group and colour.
    pub category: Category,
    /// Where it may be placed.
    pub placement: Placement,
    /// Whether other components may be nested inside it.
    pub container: bool,
    /// CloudFormation resource type, empty for actors and drawing-only boxes.
    pub cfn_type: &'static str,
    /// Other names people search for ("ELB", "queue", "MySQL").
    pub aliases: &'static [&'static str],
}

kinds! {
    /// An AWS Region.
    Region { name: "Region", short: "Region", category: Grouping, placement: TopLevel, container: true,
        cfn: "", aliases: ["aws region", "us-east-1", "eu-west-1"], }
    /// A virtual private cloud.
    Vpc { name: "VPC", short: "VPC", category: Grouping, placement: InRegion, container: true,
        cfn: "AWS::EC2::VPC", aliases: ["virtual private cloud", "network", "cidr"], }
    /// An Availability Zone box.
    AvailabilityZone { name: "Availability Zone", short: "AZ", category: Grouping, placement: InRegionOrVpc, container: true,
        cfn: "", aliases: ["az", "zone", "data center"], }
    /// A subnet in one AZ.
    Subnet { name: "Subnet", short: "Subnet", category: Grouping, placement: InVpcOrAz, container: true,
        cfn: "AWS::EC2::Subnet", aliases: ["public subnet", "private subnet", "cidr"], }
    /// People or clients on the Internet.
    Users { name: "Users / Internet", short: "Users", category: Actor, placement: TopLevel, container: false,
        cfn: "", aliases: ["internet", "clients", "browser", "customers"], }
    /// An on-premises data center or office network.
    OnPremises { name: "On-premises network", short: "On-prem", category: Actor, placement: TopLevel, container: false,
        cfn: "", aliases: ["data center", "corporate network", "office", "hybrid"], }
    /// A third-party service outside AWS.
    ExternalService { name: "External service", short: "External", category: Actor, placement: TopLevel, container: false,
        cfn: "", aliases: ["third party", "saas", "payment provider", "api"], }
    /// An EC2 instance.
    Ec2 { name: "EC2 instance", short: "EC2", category: Compute, placement: Zonal, container: false,
        cfn: "AWS::EC2::Instance", aliases: ["server", "virtual machine", "vm", "instance", "mysql on ec2"], }
    /// An Auto Scaling group of EC2 instances.
    AutoScalingGroup { name: "Auto Scaling group", short: "ASG", category: Compute, placement: VpcSpanning, container: true,
        cfn: "AWS::AutoScaling::AutoScalingGroup", aliases: ["asg", "scaling", "fleet", "step scaling", "target tracking"], }
    /// A Lambda function.
    Lambda { name: "Lambda function", short: "Lambda", category: Compute, placement: RegionalOrVpc, container: false,
        cfn: "AWS::Lambda::Function", aliases: ["function", "serverless", "faas"], }
    /// An ECS service (tasks on Fargate or EC2).
    EcsService { name: "ECS service", short: "ECS", category: Containers, placement: VpcSpanning, container: true,
        cfn: "AWS::ECS::Service", aliases: ["elastic container service", "fargate", "containers", "docker"], }
    /// An ECS task or container definition drawn inside a service.
    EcsTask { name: "ECS task", short: "Task", category: Containers, placement: Zonal, container: false,
        cfn: "AWS::ECS::TaskDefinition", aliases: ["container", "task definition", "docker"], }
    /// An EKS cluster.
    Eks { name: "EKS cluster", short: "EKS", category: Containers, placement: VpcSpanning, container: false,
        cfn: "AWS::EKS::Cluster", aliases: ["kubernetes", "k8s", "elastic kubernetes service"], }
    /// An ECR repository.
    Ecr { name: "ECR repository", short: "ECR", category: Containers, placement: Regional, container: false,
        cfn: "AWS::ECR::Repository", aliases: ["container registry", "docker registry", "images"], }
    /// An Application Load Balancer (layer 7).
    Alb { name: "Application Load Balancer", short: "ALB", category: Networking, placement: VpcSpanning, container: false,
        cfn: "AWS::ElasticLoadBalancingV2::LoadBalancer", aliases: ["elb", "load balancer", "layer 7", "http", "l7"], }
    /// A Network Load Balancer (layer 4).
    Nlb { name: "Network Load Balancer", short: "NLB", category: Networking, placement: VpcSpanning, container: false,
        cfn: "AWS::ElasticLoadBalancingV2::LoadBalancer", aliases: ["elb", "load balancer", "layer 4", "tcp", "udp", "l4"], }
    /// A Classic Load Balancer (previous generation).
    Clb { name: "Classic Load Balancer", short: "CLB", category: Networking, placement: VpcSpanning, container: false,
        cfn: "AWS::ElasticLoadBalancing::LoadBalancer", aliases: ["elb", "load balancer", "classic"], }
    /// A Gateway Load Balancer (layer 3, appliances).
    Gwlb { name: "Gateway Load Balancer", short: "GWLB", category: Networking, placement: VpcSpanning, container: false,
        cfn: "AWS::ElasticLoadBalancingV2::LoadBalancer", aliases: ["elb", "load balancer", "layer 3", "firewall appliance"], }
    /// Route 53 DNS records.
    Route53 { name: "Route 53", short: "Route 53", category: Networking, placement: Regional, container: false,
        cfn: "AWS::Route53::RecordSet", aliases: ["dns", "domain", "failover", "health check"], }
    /// A CloudFront distribution.
    CloudFront { name: "CloudFront", short: "CloudFront", category: Networking, placement: Regional, container: false,
        cfn: "AWS::CloudFront::Distribution", aliases: ["cdn", "edge", "content delivery"], }
    /// An Internet gateway.
    InternetGateway { name: "Internet gateway", short: "IGW", category: Networking, placement: InVpc, container: false,
        cfn: "AWS::EC2::InternetGateway", aliases: ["igw", "internet access", "public"], }
    /// A NAT gateway.
    NatGateway { name: "NAT gateway", short: "NAT", category: Networking, placement: SubnetOrVpc, container: false,
        cfn: "AWS::EC2::NatGateway", aliases: ["nat", "outbound internet", "egress"], }
    /// A VPC endpoint (gateway or interface / PrivateLink).
    VpcEndpoint { name: "VPC endpoint", short: "Endpoint", category: Networking, placement: VpcSpanning, container: false,
        cfn: "AWS::EC2::VPCEndpoint", aliases: ["privatelink", "gateway endpoint", "interface endpoint"], }
    /// A transit gateway.
    TransitGateway { name: "Transit gateway", short: "TGW", category: Networking, placement: InRegion, container: false,
        cfn: "AWS::EC2::TransitGateway", aliases: ["tgw", "hub", "peering"], }
    /// A Site-to-Site VPN connection.
    Vpn { name: "Site-to-Site VPN", short: "VPN", category: Networking, placement: Regional, container: false,
        cfn: "AWS::EC2::VPNConnection", aliases: ["ipsec", "tunnel", "hybrid"], }
    /// A Direct Connect connection.
    DirectConnect { name: "Direct Connect", short: "DX", category: Networking, placement: Regional, container: false,
        cfn: "AWS::DirectConnect::Connection", aliases: ["dx", "dedicated line", "hybrid"], }
    /// An API Gateway API.
    ApiGateway { name: "API Gateway", short: "API GW", category: AppIntegration, placement: Regional, container: false,
        cfn: "AWS::ApiGateway::RestApi", aliases: ["api", "rest", "http api", "websocket"], }
    /// A Step Functions state machine.
    StepFunctions { name: "Step Functions", short: "SFN", category: AppIntegration, placement: Regional, container: false,
        cfn: "AWS::StepFunctions::StateMachine", aliases: ["state machine", "workflow", "orchestration"], }
    /// An SQS queue (standard or FIFO).
    Sqs { name: "SQS queue", short: "SQS", category: AppIntegration, placement: Regional, container: false,
        cfn: "AWS::SQS::Queue", aliases: ["queue", "simple queue service", "fifo", "dlq", "buffer"], }
    /// An SNS topic.
    Sns { name: "SNS topic", short: "SNS", category: AppIntegration, placement: Regional, container: false,
        cfn: "AWS::SNS::Topic", aliases: ["topic", "pub/sub", "notification", "fan-out", "simple notification service"], }
    /// An Amazon MQ broker.
    AmazonMq { name: "Amazon MQ broker", short: "MQ", category: AppIntegration, placement: VpcSpanning, container: false,
        cfn: "AWS::AmazonMQ::Broker", aliases: ["activemq", "rabbitmq", "broker", "jms", "amqp", "mqtt"], }
    /// An EventBridge event bus.
    EventBridge { name: "EventBridge bus", short: "Events", category: AppIntegration, placement: Regional, container: false,
        cfn: "AWS::Events::EventBus", aliases: ["event bus", "events", "cloudwatch events", "scheduler"], }
    /// A Kinesis data stream.
    Kinesis { name: "Kinesis data stream", short: "Kinesis", category: AppIntegration, placement: Regional, container: false,
        cfn: "AWS::Kinesis::Stream", aliases: ["stream", "streaming", "shards"], }
    /// An RDS database instance.
    Rds { name: "RDS database", short: "RDS", category: Database, placement: VpcSpanning, container: false,
        cfn: "AWS::RDS::DBInstance", aliases: ["database", "mysql", "postgresql", "postgres", "sql", "relational"], }
    /// An Aurora cluster.
    Aurora { name: "Aurora cluster", short: "Aurora", category: Database, placement: VpcSpanning, container: false,
        cfn: "AWS::RDS::DBCluster", aliases: ["database", "mysql", "postgresql", "global database"], }
    /// A DynamoDB table.
    DynamoDb { name: "DynamoDB table", short: "DynamoDB", category: Database, placement: Regional, container: false,
        cfn: "AWS::DynamoDB::Table", aliases: ["nosql", "key-value", "database", "table"], }
    /// An ElastiCache cluster or replication group.
    ElastiCache { name: "ElastiCache", short: "Cache", category: Database, placement: VpcSpanning, container: false,
        cfn: "AWS::ElastiCache::ReplicationGroup", aliases: ["redis", "valkey", "memcached", "cache"], }
    /// An S3 bucket.
    S3 { name: "S3 bucket", short: "S3", category: Storage, placement: Regional, container: false,
        cfn: "AWS::S3::Bucket", aliases: ["bucket", "object storage", "simple storage service"], }
    /// An EBS volume.
    Ebs { name: "EBS volume", short: "EBS", category: Storage, placement: Zonal, container: false,
        cfn: "AWS::EC2::Volume", aliases: ["disk", "block storage", "volume", "snapshot"], }
    /// An EFS file system.
    Efs { name: "EFS file system", short: "EFS", category: Storage, placement: VpcSpanning, container: false,
        cfn: "AWS::EFS::FileSystem", aliases: ["nfs", "shared file system", "file storage"], }
    /// An S3 Glacier archive (vault or storage class).
    Glacier { name: "S3 Glacier archive", short: "Glacier", category: Storage, placement: Regional, container: false,
        cfn: "AWS::Glacier::Vault", aliases: ["archive", "cold storage", "deep archive"], }
    /// An AWS Backup plan and vault.
    Backup { name: "AWS Backup plan", short: "Backup", category: Storage, placement: Regional, container: false,
        cfn: "AWS::Backup::BackupPlan", aliases: ["backup vault", "snapshots", "disaster recovery"], }
    /// An AWS DataSync task.
    DataSync { name: "DataSync task", short: "DataSync", category: Storage, placement: Regional, container: false,
        cfn: "AWS::DataSync::Task", aliases: ["transfer", "migration", "sync", "copy"], }
}

impl Kind {
    /// Display name.
    pub fn name(self) -> &'static str {
        self.info().name
    }

    /// Whether other components may be nested inside it.
    pub fn is_container(self) -> bool {
        self.info().container
    }

    /// Parses the file identifier (`"AutoScalingGroup"`).
    pub fn from_ident(ident: &str) -> Option<Kind> {
        Kind::ALL.iter().copied().find(|k| k.info().ident == ident)
    }

    /// All file identifiers, for "expected one of" messages.
    pub fn idents() -> Vec<&'static str> {
        Kind::ALL.iter().map(|k| k.info().ident).collect()
    }

    /// A load balancer of any type.
    pub fn is_load_balancer(self) -> bool {
        matches!(self, Kind::Alb | Kind::Nlb | Kind::Clb | Kind::Gwlb)
    }

    /// Matches a palette search: name, short name, identifier or alias, case-insensitive.
    pub fn matches_search(self, query: &str) -> bool {
        let query = query.trim().to_lowercase();
        if query.is_empty() {
            return true;
        }
        let info = self.info();
        [info.name, info.short, info.ident]
            .iter()
            .chain(info.aliases.iter())
            .any(|text| text.to_lowercase().contains(&query))
    }
}

impl fmt::Display for Kind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.info().name)
    }
}

#[cfg(test)]
mod tests {
    use std::collections::HashSet;

    use super::*;

    #[test]
    fn catalog_is_consistent() {
        let mut idents = HashSet::new();
        for &kind in Kind::ALL {
            let info = kind.info();
            assert_eq!(info.kind, kind);
            assert!(idents.insert(info.ident), "duplicate ident {}", info.ident);
            assert_eq!(Kind::from_ident(info.ident), Some(kind));
            assert!(!info.name.is_empty() && !info.short.is_empty());
            assert!(
                matches!(info.category, Category::Grouping | Category::Actor)
                    || !info.cfn_type.is_empty(),
                "{} needs a CloudFormation type",
                info.ident
            );
        }
    }

    #[test]
    fn search_finds_aliases_from_the_notes() {
        let found = |q: &str| -> Vec<Kind> {
            Kind::ALL
                .iter()
                .copied()
                .filter(|k| k.matches_search(q))
                .collect()
        };
        assert!(found("ELB").contains(&Kind::Alb));
        assert!(found("load balancer").contains(&Kind::Nlb));
        assert!(found("queue").contains(&Kind::Sqs));
        assert!(found("MySQL").contains(&Kind::Rds));
        assert!(found("nat").contains(&Kind::NatGateway));
    }
}
