//! One [`ServiceGuide`] per component kind: the match is exhaustive, so a new kind does not
//! compile until it has a guide.

use super::ServiceGuide;
use crate::model::Kind;

/// The guide for `kind`.
pub fn guide(kind: Kind) -> &'static ServiceGuide {
    match kind {
        Kind::Region => &ServiceGuide {
            kind: Kind::Region,
            summary: "A geographic area with three or more isolated Availability Zones; most services, and your data, stay in the Region you choose.",
            choose_when: "Pick the Region closest to your users that offers the services you need, and add a second Region only for disaster recovery or latency one Region cannot meet.",
            compare: &[Kind::AvailabilityZone],
            source: "Regions and Zones (Amazon EC2 User Guide) — https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/using-regions-availability-zones.html",
        },
        Kind::Vpc => &ServiceGuide {
            kind: Kind::Vpc,
            summary: "Your own isolated virtual network in one Region, with an IPv4 CIDR block between /16 and /28 that you divide into subnets across Availability Zones.",
            choose_when: "Every VPC-attached resource needs one; use separate VPCs to isolate environments and give them non-overlapping CIDR blocks so they can be connected later.",
            compare: &[Kind::Subnet, Kind::TransitGateway],
            source: "What is Amazon VPC? (Amazon VPC User Guide) — https://docs.aws.amazon.com/vpc/latest/userguide/what-is-amazon-vpc.html",
        },
        Kind::AvailabilityZone => &ServiceGuide {
            kind: Kind::AvailabilityZone,
            summary: "One or more data centers with independent power, cooling and networking, linked to the other Availability Zones of its Region by low-latency connections.",
            choose_when: "Spread every tier over at least two Availability Zones so that losing one data center does not take the workload down.",
            compare: &[Kind::Region, Kind::Subnet],
            source: "Regions and Zones (Amazon EC2 User Guide) — https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/using-regions-availability-zones.html",
        },
        Kind::Subnet => &ServiceGuide {
            kind: Kind::Subnet,
            summary: "A slice of a VPC's CIDR block in exactly one Availability Zone; AWS reserves 5 addresses in each, so a /24 subnet leaves 251 usable.",
            choose_when: "Make a subnet public (a route to an internet gateway) only for load balancers and NAT gateways, and put instances and databases in private subnets, one per AZ and tier.",
            compare: &[Kind::Vpc, Kind::AvailabilityZone],
            source: "Subnet CIDR blocks (Amazon VPC User Guide) — https://docs.aws.amazon.com/vpc/latest/userguide/subnet-sizing.html",
        },
        Kind::Users => &ServiceGuide {
            kind: Kind::Users,
            summary: "People or client devices that reach the workload over the Internet, where request paths start.",
            choose_when: "Connect them where public traffic enters, usually Route 53, CloudFront or a public load balancer, and never straight to a single instance.",
            compare: &[Kind::OnPremises, Kind::ExternalService],
            source: "REL02-BP01 Use highly available network connectivity for your workload public endpoints (AWS Well-Architected Framework) — https://docs.aws.amazon.com/wellarchitected/latest/framework/rel_planning_network_topology_ha_conn_users.html",
        },
        Kind::OnPremises => &ServiceGuide {
            kind: Kind::OnPremises,
            summary: "Your own data center or office network, connected to AWS over a Site-to-Site VPN or Direct Connect.",
            choose_when: "Draw it for hybrid designs: its address ranges must not overlap your VPC CIDR blocks, and the link to it needs a redundant second path.",
            compare: &[Kind::Vpn, Kind::DirectConnect, Kind::Users],
            source: "REL02-BP02 Provision redundant connectivity between private networks in the cloud and on-premises environments (AWS Well-Architected Framework) — https://docs.aws.amazon.com/wellarchitected/latest/framework/rel_planning_network_topology_ha_conn_private_networks.html",
        },
        Kind::ExternalService => &ServiceGuide {
            kind: Kind::ExternalService,
            summary: "A third-party API or SaaS outside AWS, such as a payment provider, that the workload calls over the Internet.",
            choose_when: "Draw it to make the dependency visible, and call it with timeouts and retries or through a queue so that its outages do not become yours.",
            compare: &[Kind::Users, Kind::ApiGateway],
            source: "REL04-BP02 Implement loosely coupled dependencies (AWS Well-Architected Framework) — https://docs.aws.amazon.com/wellarchitected/latest/framework/rel_prevent_interaction_failure_loosely_coupled_system.html",
        },
        Kind::Ec2 => &ServiceGuide {
            kind: Kind::Ec2,
            summary: "A virtual server in one Availability Zone: you choose the instance type and operating system and manage everything that runs on it.",
            choose_when: "Choose it for software that needs a full operating system or long-running processes, inside an Auto Scaling group across AZs rather than alone; prefer Lambda or Fargate when you do not want to manage servers.",
            compare: &[Kind::AutoScalingGroup, Kind::Lambda, Kind::EcsService],
            source: "What is Amazon EC2? (Amazon EC2 User Guide) — https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/concepts.html",
        },
        Kind::AutoScalingGroup => &ServiceGuide {
            kind: Kind::AutoScalingGroup,
            summary: "Keeps a fleet of EC2 instances at the size you ask for across Availability Zones, replaces unhealthy instances and scales on policies.",
            choose_when: "Use one for every EC2 tier, even a fixed size of one, so failed instances come back by themselves; scale with target tracking rather than capacity fixed at peak.",
            compare: &[Kind::Ec2, Kind::EcsService],
            source: "What is Amazon EC2 Auto Scaling? (Amazon EC2 Auto Scaling User Guide) — https://docs.aws.amazon.com/autoscaling/ec2/userguide/what-is-amazon-ec2-auto-scaling.html",
        },
        Kind::Lambda => &ServiceGuide {
            kind: Kind::Lambda,
            summary: "Runs your code in response to events or requests without servers, scaling per request and billing per millisecond of run time.",
            choose_when: "Choose it for event-driven or spiky work that finishes within 15 minutes; use Fargate or EC2 for long-running processes or steady high load.",
            compare: &[Kind::Ec2, Kind::EcsService, Kind::StepFunctions],
            source: "What is AWS Lambda? (AWS Lambda Developer Guide) — https://docs.aws.amazon.com/lambda/latest/dg/welcome.html",
        },
        Kind::EcsService => &ServiceGuide {
            kind: Kind::EcsService,
            summary: "Keeps a chosen number of container tasks running, usually behind a load balancer, on Fargate (serverless) or on EC2 instances.",
            choose_when: "Choose ECS for containers with AWS-native simplicity and EKS when you need Kubernetes; run on Fargate unless you need GPUs, dense packing or the lowest cost for steady load.",
            compare: &[Kind::Eks, Kind::Lambda, Kind::AutoScalingGroup],
            source: "What is Amazon Elastic Container Service? (Amazon ECS Developer Guide) — https://docs.aws.amazon.com/AmazonECS/latest/developerguide/Welcome.html",
        },
        Kind::EcsTask => &ServiceGuide {
            kind: Kind::EcsTask,
            summary: "One running copy of a task definition: one or more containers with their image, CPU, memory and ports, scheduled together.",
            choose_when: "Draw tasks inside an ECS service, at least two spread over AZs; run a standalone task only for batch jobs that can simply be retried.",
            compare: &[Kind::EcsService, Kind::Ec2],
            source: "Amazon ECS task definitions (Amazon ECS Developer Guide) — https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task_definitions.html",
        },
        Kind::Eks => &ServiceGuide {
            kind: Kind::Eks,
            summary: "A managed Kubernetes control plane, billed per cluster-hour, whose pods run on EC2 nodes or on Fargate.",
            choose_when: "Choose it when you already use Kubernetes or need its tools and portability; ECS is simpler when you do not.",
            compare: &[Kind::EcsService],
            source: "What is Amazon EKS? (Amazon EKS User Guide) — https://docs.aws.amazon.com/eks/latest/userguide/what-is-eks.html",
        },
        Kind::Ecr => &ServiceGuide {
            kind: Kind::Ecr,
            summary: "A managed private registry for Docker and OCI container images, with optional replication to other Regions.",
            choose_when: "Keep the images that ECS, EKS or Lambda pull here, with lifecycle rules that expire old ones; a public registry adds rate limits and an outside dependency.",
            compare: &[Kind::EcsService, Kind::Eks, Kind::S3],
            source: "What is Amazon Elastic Container Registry? (Amazon ECR User Guide) — https://docs.aws.amazon.com/AmazonECR/latest/userguide/what-is-ecr.html",
        },
        Kind::Alb => &ServiceGuide {
            kind: Kind::Alb,
            summary: "A layer 7 load balancer for HTTP and HTTPS that routes each request by host, path, header or query string to instances, IP addresses, containers or Lambda functions.",
            choose_when: "Choose it for web apps, APIs and microservices; pick a Network Load Balancer for TCP or UDP, static IPs or ultra-low latency.",
            compare: &[Kind::Nlb, Kind::Gwlb, Kind::Clb, Kind::ApiGateway],
            source: "What is an Application Load Balancer? (Elastic Load Balancing) — https://docs.aws.amazon.com/elasticloadbalancing/latest/application/introduction.html",
        },
        Kind::Nlb => &ServiceGuide {
            kind: Kind::Nlb,
            summary: "A layer 4 load balancer for TCP, UDP and TLS that forwards connections with ultra-low latency and keeps a static IP address per Availability Zone.",
            choose_when: "Choose it for non-HTTP protocols, millions of requests per second, fixed IPs for allow-lists or PrivateLink; use an Application Load Balancer when you need HTTP routing.",
            compare: &[Kind::Alb, Kind::Gwlb, Kind::Clb],
            source: "What is a Network Load Balancer? (Elastic Load Balancing) — https://docs.aws.amazon.com/elasticloadbalancing/latest/network/introduction.html",
        },
        Kind::Clb => &ServiceGuide {
            kind: Kind::Clb,
            summary: "The previous-generation Elastic Load Balancer, balancing at layer 4 or layer 7 with only basic features.",
            choose_when: "Keep it only for existing setups and move to an Application Load Balancer for HTTP or a Network Load Balancer for TCP and UDP.",
            compare: &[Kind::Alb, Kind::Nlb],
            source: "What is a Classic Load Balancer? (Elastic Load Balancing) — https://docs.aws.amazon.com/elasticloadbalancing/latest/classic/introduction.html",
        },
        Kind::Gwlb => &ServiceGuide {
            kind: Kind::Gwlb,
            summary: "A layer 3 load balancer that passes IP packets through a fleet of virtual appliances such as firewalls or intrusion detection systems.",
            choose_when: "Use it only to insert inspection appliances transparently into traffic; application traffic belongs on an Application or Network Load Balancer.",
            compare: &[Kind::Alb, Kind::Nlb],
            source: "What is a Gateway Load Balancer? (Elastic Load Balancing) — https://docs.aws.amazon.com/elasticloadbalancing/latest/gateway/introduction.html",
        },
        Kind::Route53 => &ServiceGuide {
            kind: Kind::Route53,
            summary: "The AWS DNS service: it answers queries for your domains and can route by latency, weight, location or failover using health checks.",
            choose_when: "Use failover or latency routing with health checks to move users between Regions; add CloudFront when you also want content cached at the edge.",
            compare: &[Kind::CloudFront, Kind::Alb],
            source: "What is Amazon Route 53? (Amazon Route 53 Developer Guide) — https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/Welcome.html",
        },
        Kind::CloudFront => &ServiceGuide {
            kind: Kind::CloudFront,
            summary: "A content delivery network that caches content and terminates connections at hundreds of edge locations close to users.",
            choose_when: "Put it in front of S3 or a load balancer to cut latency and origin load and to absorb DDoS attacks; give it an origin group so it can fail over to a second origin.",
            compare: &[Kind::Route53, Kind::S3, Kind::Alb],
            source: "What is Amazon CloudFront? (Amazon CloudFront Developer Guide) — https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/Introduction.html",
        },
        Kind::InternetGateway => &ServiceGuide {
            kind: Kind::InternetGateway,
            summary: "A redundant, free gateway that connects a VPC to the Internet in both directions; a subnet is public when its route table sends 0.0.0.0/0 to it.",
            choose_when: "Attach one per VPC for public load balancers and NAT gateways; instances in private subnets reach out through a NAT gateway instead.",
            compare: &[Kind::NatGateway, Kind::VpcEndpoint],
            source: "Enable internet access for a VPC using an internet gateway (Amazon VPC User Guide) — https://docs.aws.amazon.com/vpc/latest/userguide/VPC_Internet_Gateway.html",
        },
        Kind::NatGateway => &ServiceGuide {
            kind: Kind::NatGateway,
            summary: "Lets resources in private subnets open outbound connections to the Internet while blocking connections started from outside; billed per hour and per GB processed.",
            choose_when: "Use one per AZ, or a regional NAT gateway, for private subnets that must call out; send S3 and DynamoDB traffic through a free gateway endpoint instead.",
            compare: &[Kind::InternetGateway, Kind::VpcEndpoint],
            source: "NAT gateways (Amazon VPC User Guide) — https://docs.aws.amazon.com/vpc/latest/userguide/vpc-nat-gateway.html",
        },
        Kind::VpcEndpoint => &ServiceGuide {
            kind: Kind::VpcEndpoint,
            summary: "A private path from a VPC to AWS services that avoids the Internet: free gateway endpoints for S3 and DynamoDB, or PrivateLink interface endpoints billed per hour and GB.",
            choose_when: "Add them when private subnets mostly talk to AWS services, to cut NAT gateway charges and keep that traffic off the Internet.",
            compare: &[Kind::NatGateway, Kind::InternetGateway],
            source: "What is AWS PrivateLink? (Amazon VPC) — https://docs.aws.amazon.com/vpc/latest/privatelink/what-is-privatelink.html",
        },
        Kind::TransitGateway => &ServiceGuide {
            kind: Kind::TransitGateway,
            summary: "A regional router hub that connects many VPCs, VPNs and Direct Connect gateways, each through one attachment.",
            choose_when: "Choose it over VPC peering once more than a few VPCs must talk or share a route to on-premises; peering is cheaper for a single pair of VPCs.",
            compare: &[Kind::Vpc, Kind::Vpn, Kind::DirectConnect],
            source: "What is a transit gateway? (Amazon VPC Transit Gateways) — https://docs.aws.amazon.com/vpc/latest/tgw/what-is-transit-gateway.html",
        },
        Kind::Vpn => &ServiceGuide {
            kind: Kind::Vpn,
            summary: "An encrypted IPsec connection over the Internet between your network and a virtual private gateway or transit gateway, with two tunnels for redundancy.",
            choose_when: "Choose it to connect in minutes at low cost, or as the backup for Direct Connect; choose Direct Connect for steady bandwidth and predictable latency.",
            compare: &[Kind::DirectConnect, Kind::TransitGateway],
            source: "What is AWS Site-to-Site VPN? (AWS Site-to-Site VPN User Guide) — https://docs.aws.amazon.com/vpn/latest/s2svpn/VPC_VPN.html",
        },
        Kind::DirectConnect => &ServiceGuide {
            kind: Kind::DirectConnect,
            summary: "A dedicated private network connection from your data center or colocation facility to AWS that bypasses the Internet.",
            choose_when: "Choose it for large, steady transfers with predictable latency; use two connections at two locations, or a VPN as backup, because one link is a single point of failure.",
            compare: &[Kind::Vpn, Kind::TransitGateway],
            source: "What is AWS Direct Connect? (AWS Direct Connect User Guide) — https://docs.aws.amazon.com/directconnect/latest/UserGuide/Welcome.html",
        },
        Kind::ApiGateway => &ServiceGuide {
            kind: Kind::ApiGateway,
            summary: "A managed front door for REST, HTTP and WebSocket APIs with authorization, throttling, API keys and stages, often in front of Lambda.",
            choose_when: "Choose it for serverless APIs that need auth, quotas and versions; an Application Load Balancer is simpler and cheaper at high steady request rates to containers or instances.",
            compare: &[Kind::Alb, Kind::Lambda, Kind::CloudFront],
            source: "What is Amazon API Gateway? (API Gateway Developer Guide) — https://docs.aws.amazon.com/apigateway/latest/developerguide/welcome.html",
        },
        Kind::StepFunctions => &ServiceGuide {
            kind: Kind::StepFunctions,
            summary: "A managed state machine that runs the steps of a workflow in order or in parallel, with retries, error handling and a visual history of every run.",
            choose_when: "Choose it to coordinate several functions or services instead of chaining them in code; use SQS or EventBridge when steps only hand work on without a central flow.",
            compare: &[Kind::Lambda, Kind::Sqs, Kind::EventBridge],
            source: "What is Step Functions? (AWS Step Functions Developer Guide) — https://docs.aws.amazon.com/step-functions/latest/dg/welcome.html",
        },
        Kind::Sqs => &ServiceGuide {
            kind: Kind::Sqs,
            summary: "A fully managed queue that stores messages of up to 1 MiB (4 days by default, up to 14) until a consumer polls, processes and deletes them.",
            choose_when: "Choose it to buffer work between a producer and its consumers; use SNS to push one message to many subscribers, and Amazon MQ only for existing broker protocols.",
            compare: &[Kind::Sns, Kind::AmazonMq, Kind::EventBridge, Kind::Kinesis],
            source: "What is Amazon Simple Queue Service? (Amazon SQS Developer Guide) — https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/welcome.html",
        },
        Kind::Sns => &ServiceGuide {
            kind: Kind::Sns,
            summary: "A pub/sub service that pushes each published message to every subscriber (SQS, Lambda, HTTP/S, email, SMS); it does not persist messages.",
            choose_when: "Choose it for one-to-many fan-out, subscribing SQS queues when each consumer needs a durable copy; use SQS alone for one-to-one work.",
            compare: &[Kind::Sqs, Kind::EventBridge, Kind::AmazonMq],
            source: "What is Amazon SNS? (Amazon SNS Developer Guide) — https://docs.aws.amazon.com/sns/latest/dg/welcome.html",
        },
        Kind::AmazonMq => &ServiceGuide {
            kind: Kind::AmazonMq,
            summary: "Managed Apache ActiveMQ and RabbitMQ brokers that speak JMS, AMQP, MQTT, STOMP, OpenWire and WebSocket.",
            choose_when: "Choose it to move an application that already uses a message broker to AWS without rewriting it; for new designs SQS and SNS scale further with nothing to operate.",
            compare: &[Kind::Sqs, Kind::Sns],
            source: "What is Amazon MQ? (Amazon MQ Developer Guide) — https://docs.aws.amazon.com/amazon-mq/latest/developer-guide/welcome.html",
        },
        Kind::EventBridge => &ServiceGuide {
            kind: Kind::EventBridge,
            summary: "A serverless event bus that routes events from AWS services, SaaS applications and your own code to targets by rule, and runs schedules.",
            choose_when: "Choose it when many producers and consumers need routing on event content; use SNS for high-throughput fan-out and SQS for buffering.",
            compare: &[Kind::Sns, Kind::Sqs, Kind::StepFunctions],
            source: "What is Amazon EventBridge? (Amazon EventBridge User Guide) — https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-what-is.html",
        },
        Kind::Kinesis => &ServiceGuide {
            kind: Kind::Kinesis,
            summary: "A data stream that keeps an ordered, replayable record of events per shard (24 hours by default, up to 365 days) for several consumers to read.",
            choose_when: "Choose it for real-time analytics or when several consumers must replay the same ordered data; use SQS when each message is a task done once.",
            compare: &[Kind::Sqs, Kind::Sns, Kind::EventBridge],
            source: "What is Amazon Kinesis Data Streams? (Amazon Kinesis Data Streams Developer Guide) — https://docs.aws.amazon.com/streams/latest/dev/introduction.html",
        },
        Kind::Rds => &ServiceGuide {
            kind: Kind::Rds,
            summary: "Managed relational databases (MySQL, PostgreSQL, MariaDB, Oracle, SQL Server, Db2) with automated backups, patching and optional Multi-AZ failover.",
            choose_when: "Choose it over a database on EC2 unless you need the operating system; choose Aurora for faster failover and more replicas, DynamoDB for key-value access at any scale.",
            compare: &[Kind::Aurora, Kind::DynamoDb, Kind::Ec2],
            source: "What is Amazon Relational Database Service (Amazon RDS)? (Amazon RDS User Guide) — https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/Welcome.html",
        },
        Kind::Aurora => &ServiceGuide {
            kind: Kind::Aurora,
            summary: "A MySQL- and PostgreSQL-compatible database whose storage keeps six copies across three Availability Zones, with up to 15 read replicas.",
            choose_when: "Choose it over RDS for faster failover, more replicas or a Global Database across Regions; Aurora Serverless v2 suits load that swings.",
            compare: &[Kind::Rds, Kind::DynamoDb],
            source: "What is Amazon Aurora? (Amazon Aurora User Guide) — https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/CHAP_AuroraOverview.html",
        },
        Kind::DynamoDb => &ServiceGuide {
            kind: Kind::DynamoDb,
            summary: "A serverless key-value and document database with single-digit millisecond reads at any scale, replicated across several Availability Zones.",
            choose_when: "Choose it when access patterns are known and keyed; choose RDS or Aurora when you need joins and ad hoc SQL queries.",
            compare: &[Kind::Rds, Kind::Aurora, Kind::ElastiCache],
            source: "What is Amazon DynamoDB? (Amazon DynamoDB Developer Guide) — https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Introduction.html",
        },
        Kind::ElastiCache => &ServiceGuide {
            kind: Kind::ElastiCache,
            summary: "A managed in-memory cache (Valkey, Redis OSS or Memcached) that answers repeated reads in microseconds in front of a database.",
            choose_when: "Add it to offload repeated reads or hold sessions, as a replication group with Multi-AZ failover, because a single node loses its data when it fails.",
            compare: &[Kind::DynamoDb, Kind::Rds],
            source: "What is Amazon ElastiCache? (Amazon ElastiCache User Guide) — https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/WhatIs.html",
        },
        Kind::S3 => &ServiceGuide {
            kind: Kind::S3,
            summary: "Object storage for any amount of data; the Standard class keeps objects across at least three Availability Zones.",
            choose_when: "Choose it for files, backups, static websites and data lakes; use EBS for one instance's disk and EFS for a file system shared by many.",
            compare: &[Kind::Ebs, Kind::Efs, Kind::Glacier],
            source: "What is Amazon S3? (Amazon S3 User Guide) — https://docs.aws.amazon.com/AmazonS3/latest/userguide/Welcome.html",
        },
        Kind::Ebs => &ServiceGuide {
            kind: Kind::Ebs,
            summary: "A block-storage volume attached to an EC2 instance in one Availability Zone and replicated only within that zone.",
            choose_when: "Use it for an instance's disks and for databases on EC2, with snapshots copied to another Region as backup; use EFS when several instances share files.",
            compare: &[Kind::Efs, Kind::S3],
            source: "What is Amazon EBS? (Amazon EBS User Guide) — https://docs.aws.amazon.com/ebs/latest/userguide/what-is-ebs.html",
        },
        Kind::Efs => &ServiceGuide {
            kind: Kind::Efs,
            summary: "A managed NFS file system that many instances, containers and Lambda functions can mount at once, across Availability Zones.",
            choose_when: "Choose it for files shared by a fleet; use EBS for a single instance's disk and S3 for objects read over HTTP.",
            compare: &[Kind::Ebs, Kind::S3],
            source: "What is Amazon Elastic File System? (Amazon EFS User Guide) — https://docs.aws.amazon.com/efs/latest/ug/whatisefs.html",
        },
        Kind::Glacier => &ServiceGuide {
            kind: Kind::Glacier,
            summary: "The low-cost archive storage classes of S3, where reading back takes milliseconds (Instant Retrieval), minutes to hours (Flexible Retrieval) or up to 48 hours (Deep Archive).",
            choose_when: "Move rarely read backups and records there with S3 lifecycle rules, keeping recent restore points in a faster class when the RTO is short; the old vault-based Glacier service takes no new customers.",
            compare: &[Kind::S3, Kind::Backup],
            source: "Understanding and managing Amazon S3 storage classes (Amazon S3 User Guide) — https://docs.aws.amazon.com/AmazonS3/latest/userguide/storage-class-intro.html",
        },
        Kind::Backup => &ServiceGuide {
            kind: Kind::Backup,
            summary: "A central service that backs up EBS, RDS, Aurora, DynamoDB, EFS, S3 and more into vaults on a schedule, with retention rules and copies to other Regions or accounts.",
            choose_when: "Use it when several services need one backup policy that meets your RPO; snapshots taken service by service are harder to audit and to copy away.",
            compare: &[Kind::S3, Kind::Glacier, Kind::DataSync],
            source: "What is AWS Backup? (AWS Backup Developer Guide) — https://docs.aws.amazon.com/aws-backup/latest/devguide/whatisbackup.html",
        },
        Kind::DataSync => &ServiceGuide {
            kind: Kind::DataSync,
            summary: "An online transfer service that copies files and objects between on-premises storage, other clouds and AWS storage such as S3 and EFS, with scheduling and integrity checks.",
            choose_when: "Use it for migrations and recurring bulk copies; use S3 Replication between buckets and AWS Backup for point-in-time restore.",
            compare: &[Kind::Backup, Kind::S3, Kind::DirectConnect],
            source: "What is AWS DataSync? (AWS DataSync User Guide) — https://docs.aws.amazon.com/datasync/latest/userguide/what-is-datasync.html",
        },
    }
}

#[cfg(test)]
mod tests {
    use std::collections::HashSet;

    use super::*;
    use crate::cidr;
    use crate::learn::sentence_count;

    #[test]
    fn every_kind_has_its_own_guide() {
        for &kind in Kind::ALL {
            assert_eq!(
                guide(kind).kind,
                kind,
                "guide({kind:?}) describes another kind"
            );
        }
    }

    #[test]
    fn guides_fit_a_tooltip() {
        for &kind in Kind::ALL {
            let g = guide(kind);
            let length = g.summary.chars().count() + g.choose_when.chars().count();
            assert!(length <= 400, "{kind:?}: {length} characters");
            let summary = sentence_count(g.summary);
            let choose = sentence_count(g.choose_when);
            assert!(
                (1..=2).contains(&summary),
                "{kind:?} summary: {summary} sentences"
            );
            assert!(
                (1..=2).contains(&choose),
                "{kind:?} choose_when: {choose} sentences"
            );
            assert!(
                summary + choose <= 3,
                "{kind:?}: {} sentences",
                summary + choose
            );
        }
    }

    #[test]
    fn compare_lists_name_other_kinds_once() {
        for &kind in Kind::ALL {
            let compare = guide(kind).compare;
            assert!(!compare.is_empty(), "{kind:?} compares with nothing");
            assert!(!compare.contains(&kind), "{kind:?} compares with itself");
            let unique: HashSet<_> = compare.iter().collect();
            assert_eq!(unique.len(), compare.len(), "{kind:?} lists a kind twice");
        }
    }

    #[test]
    fn sources_are_aws_documentation_pages() {
        for &kind in Kind::ALL {
            let g = guide(kind);
            let (title, url) = g
                .source
                .split_once(" — ")
                .unwrap_or_else(|| panic!("{kind:?}: source is not `Title — URL`"));
            assert!(!title.trim().is_empty(), "{kind:?}: source has no title");
            assert!(
                url.starts_with("https://docs.aws.amazon.com/") && !url.contains(' '),
                "{kind:?}: {url}"
            );
            assert_eq!(g.source_url(), url);
        }
    }

    #[test]
    fn facts_are_current() {
        assert!(guide(Kind::Sqs).summary.contains("1 MiB"));
        assert!(guide(Kind::Sns).summary.contains("does not persist"));
        assert!(guide(Kind::Alb).summary.contains("layer 7"));
        assert!(guide(Kind::Nlb).summary.contains("layer 4"));
        assert!(guide(Kind::Nlb).summary.contains("static IP"));
        assert!(guide(Kind::Gwlb).summary.contains("layer 3"));
        assert!(
            guide(Kind::NatGateway)
                .choose_when
                .contains("regional NAT gateway")
        );
        for &kind in Kind::ALL {
            let g = guide(kind);
            let text = format!("{} {}", g.summary, g.choose_when);
            assert!(!text.contains("256 K"), "{kind:?} quotes the old SQS limit");
        }
    }

    #[test]
    fn subnet_numbers_agree_with_cidr() {
        let block = cidr::parse_aws_block("10.0.1.0/24").expect("a valid block");
        let summary = guide(Kind::Subnet).summary;
        assert!(summary.contains(&format!("reserves {} addresses", cidr::RESERVED_PER_SUBNET)));
        assert!(summary.contains(&format!(
            "/24 subnet leaves {} usable",
            cidr::usable_addresses(block)
        )));
        let vpc = guide(Kind::Vpc).summary;
        assert!(vpc.contains(&format!("/{} and /{}", cidr::MIN_PREFIX, cidr::MAX_PREFIX)));
    }
}
