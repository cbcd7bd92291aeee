//! The topics: one per open question in the study notes, answered with current numbers.

use super::Topic;
use crate::model::Kind;

/// Every topic, in the order the notes raise the questions.
pub const TOPICS: &[Topic] = &[
    Topic {
        id: "cidr",
        aliases: &[
            "cidr-block",
            "ip-range",
            "subnet-size",
            "how-many-ips",
            "ip-addresses",
        ],
        title: "CIDR blocks and how many IP addresses they give",
        question: "What is CIDR, and how many IP addresses are available for a given CIDR value?",
        answer: "CIDR (Classless Inter-Domain Routing) writes a range of addresses as a base address and a prefix length: in 10.0.0.0/16 the first 16 of the 32 bits are fixed, so the block holds 2^(32-16) = 65,536 addresses. \
Every extra prefix bit halves the block: a /20 has 4,096 addresses, a /24 has 256 and a /28 has 16. \
AWS allows VPC and subnet blocks between /16 and /28, and reserves 5 addresses in every subnet (the first four and the last), so a /24 subnet gives 251 usable addresses and a /28 only 11. \
Take VPC blocks from the private ranges 10.0.0.0/8, 172.16.0.0/12 and 192.168.0.0/16, and keep them from overlapping each other and your on-premises network so they can be connected later.",
        kinds: &[Kind::Vpc, Kind::Subnet, Kind::OnPremises],
    },
    Topic {
        id: "nat-gateway",
        aliases: &[
            "nat-vs-internet-gateway",
            "private-subnet-internet",
            "outbound-internet",
        ],
        title: "NAT gateways",
        question: "What is a NAT gateway?",
        answer: "A NAT gateway lets resources in private subnets open outbound connections, for example to download patches or call an outside API, while nothing on the Internet can open a connection back to them. \
A public NAT gateway sits in a public subnet with an Elastic IP address and sends traffic out through the VPC's internet gateway; each private subnet's route table points 0.0.0.0/0 at it. \
A zonal NAT gateway lives in one Availability Zone, so subnets in other AZs that share it lose Internet access when its zone fails: create one per AZ, or use a regional NAT gateway, which expands across AZs by itself and needs no public subnet. \
It is billed per hour and per GB processed, so send S3 and DynamoDB traffic through a free gateway VPC endpoint instead.",
        kinds: &[
            Kind::NatGateway,
            Kind::InternetGateway,
            Kind::Subnet,
            Kind::VpcEndpoint,
        ],
    },
    Topic {
        id: "elb-layers",
        aliases: &[
            "layer-4",
            "layer-7",
            "layer4",
            "layer7",
            "alb-vs-nlb",
            "load-balancer-types",
        ],
        title: "Load balancers: layer 7 versus layer 4",
        question: "What is layer 7 or layer 4 with regard to the ELB?",
        answer: "The layers are those of the OSI network model. \
An Application Load Balancer works at layer 7: it terminates HTTP and HTTPS, reads each request and routes it by host name, path, header or query string, and can also redirect, answer with fixed responses and authenticate users. \
A Network Load Balancer works at layer 4: it forwards TCP, UDP and TLS connections without reading the application data, handles millions of requests per second with ultra-low latency, keeps a static IP address per Availability Zone and preserves the client's source address. \
A Gateway Load Balancer works at layer 3 and steers every packet through a fleet of firewall or inspection appliances. \
Use an ALB for web apps and APIs, an NLB for other protocols, extreme throughput or fixed IPs, and the previous-generation Classic Load Balancer only where it already runs.",
        kinds: &[Kind::Alb, Kind::Nlb, Kind::Gwlb, Kind::Clb],
    },
    Topic {
        id: "scaling-policies",
        aliases: &[
            "step-scaling",
            "target-tracking",
            "simple-scaling",
            "scheduled-scaling",
            "scaling-policy",
        ],
        title: "Scaling policies: target tracking, step and simple scaling",
        question: "Is step scaling the best practice for Auto Scaling?",
        answer: "A target tracking policy keeps one metric near a value you choose, such as 50 % average CPU or 1,000 ALB requests per target, and Auto Scaling creates the CloudWatch alarms and works out how many instances to add or remove, like a thermostat. \
A step scaling policy is built by hand: you create the alarm and list steps, such as add 1 instance between 60 % and 80 % CPU and add 3 above 80 %, and it keeps reacting while earlier scaling is still in progress. \
AWS strongly recommends target tracking as the first choice, with step scaling for when you need explicit control over each adjustment; simple scaling is the legacy form that waits out a cooldown (300 seconds by default) after every change. \
Add predictive scaling for daily or weekly patterns and scheduled actions for known events. \
Older advice calls step scaling the best practice; today, start with target tracking.",
        kinds: &[Kind::AutoScalingGroup, Kind::EcsService, Kind::Ec2],
    },
    Topic {
        id: "rds-vs-ec2-database",
        aliases: &[
            "mysql-on-ec2",
            "postgres-on-ec2",
            "rds-vs-ec2",
            "database-on-ec2",
            "self-managed-database",
        ],
        title: "RDS versus MySQL on EC2",
        question: "Is there a charge for using RDS compared with running MySQL on an EC2 instance?",
        answer: "Both cost money, in different ways. \
RDS bills per DB instance-hour at a higher rate than an EC2 instance of the same size, plus storage, backup storage beyond 100 % of your provisioned storage and data transfer, and a Multi-AZ deployment doubles the instance and storage charges because a standby runs in a second AZ. \
MySQL on EC2 costs only the instance and its EBS volumes, but you install, patch, back up, replicate and fail over the database yourself. \
For the higher rate RDS gives automated backups with point-in-time restore (retention up to 35 days), patching in a maintenance window, read replicas and automatic Multi-AZ failover. \
Choose EC2 only when you need the operating system or a version or plugin RDS does not offer; otherwise the operations time saved usually outweighs the difference.",
        kinds: &[Kind::Rds, Kind::Aurora, Kind::Ec2],
    },
    Topic {
        id: "sqs-sns-mq",
        aliases: &[
            "sqs-vs-sns",
            "sns-vs-sqs",
            "messaging",
            "pub-sub",
            "queue-vs-topic",
        ],
        title: "SQS, SNS or Amazon MQ",
        question: "When do I use SQS, SNS or Amazon MQ?",
        answer: "SQS is a queue: producers send messages of up to 1 MiB, the queue stores them (4 days by default, up to 14) and a consumer polls, processes and deletes each one, so it buffers load and rides out consumer outages. \
SNS is publish/subscribe: one published message is pushed to every subscriber (SQS, Lambda, HTTP/S, email, SMS), and SNS does not persist it, so after the retries run out it is dropped unless a dead-letter queue is attached. \
SNS topics take 256 KiB messages by default and up to 1 MiB when configured; larger payloads go to S3 with a pointer in the message. \
Amazon MQ runs managed ActiveMQ or RabbitMQ brokers for applications that already speak JMS, AMQP, MQTT, STOMP or OpenWire, billed per broker-hour. \
Subscribe SQS queues to an SNS topic when several consumers each need a durable copy, and use Amazon MQ mainly to move an existing broker-based application without rewriting it.",
        kinds: &[Kind::Sqs, Kind::Sns, Kind::AmazonMq],
    },
    Topic {
        id: "fargate-vs-ecs-ec2",
        aliases: &["fargate-vs-ec2", "ecs-launch-type", "launch-type"],
        title: "Fargate versus ECS on EC2",
        question: "What is the difference between Fargate and running ECS on EC2 instances?",
        answer: "Both run the same ECS task definitions; the difference is who runs the servers underneath. \
On Fargate you declare CPU and memory per task and pay per second for them, with no instances to choose, patch or scale, and each task runs in its own isolated environment. \
With the EC2 launch type the tasks run on instances you manage in an Auto Scaling group: you pick instance types (including GPUs), pack several tasks per instance and patch the machine images yourself. \
Fargate costs more per vCPU-hour but nothing for idle headroom, so it suits small or spiky services and teams without time for operations, while EC2 wins for steady, dense or GPU workloads. \
ECS Managed Instances sits between the two: AWS provisions and patches the EC2 instances while you keep the choice of instance types, and Fargate can also run EKS pods.",
        kinds: &[Kind::EcsService, Kind::EcsTask, Kind::Eks],
    },
    Topic {
        id: "standard-vs-fifo",
        aliases: &["fifo-queue", "message-order", "ordering", "exactly-once"],
        title: "Standard versus FIFO queues",
        question: "When do I use a standard SQS queue and when a FIFO queue?",
        answer: "A standard queue has nearly unlimited throughput but delivers at least once and in best-effort order, so a consumer can see a message twice or out of order and must be idempotent. \
A FIFO queue, whose name ends in .fifo, keeps strict order within each message group and drops duplicates sent within a 5-minute deduplication interval, giving exactly-once processing. \
A FIFO queue takes 300 messages per second per API action (SendMessage, ReceiveMessage, DeleteMessage) without batching, or 3,000 when every call carries a batch of 10, and high-throughput mode raises the limit much further, depending on the Region. \
Choose standard unless order or duplicates really matter, and with FIFO spread messages over many message group IDs so that high-throughput mode can work in parallel.",
        kinds: &[Kind::Sqs],
    },
];

#[cfg(test)]
mod tests {
    use std::collections::HashSet;

    use super::*;
    use crate::cidr;
    use crate::learn::{sentence_count, topic};

    fn answer(id: &str) -> &'static str {
        topic(id).map_or_else(|| panic!("no topic {id}"), |t| t.answer)
    }

    #[test]
    fn every_open_question_in_the_notes_has_a_topic_with_its_key_facts() {
        // (question from the notes, topic, facts the answer must state)
        let questions: [(&str, &str, &[&str]); 8] = [
            (
                "What is CIDR, how many IPs for a CIDR value?",
                "cidr",
                &["65,536", "/16", "/28", "251", "reserves 5"],
            ),
            (
                "What is a NAT gateway?",
                "nat-gateway",
                &[
                    "private subnets",
                    "outbound",
                    "internet gateway",
                    "one per AZ",
                    "regional NAT gateway",
                ],
            ),
            (
                "What is layer 7 or 4 with regards to the ELB?",
                "elb-layers",
                &[
                    "layer 7",
                    "layer 4",
                    "layer 3",
                    "HTTP",
                    "TCP, UDP and TLS",
                    "static IP",
                ],
            ),
            (
                "Step scaling is a best practice; look that up",
                "scaling-policies",
                &[
                    "target tracking",
                    "step scaling",
                    "strongly recommends",
                    "simple scaling",
                ],
            ),
            (
                "Is there a charge for RDS vs MySQL on EC2?",
                "rds-vs-ec2-database",
                &["instance-hour", "Multi-AZ", "EBS", "35 days"],
            ),
            (
                "SQS vs SNS vs Amazon MQ",
                "sqs-sns-mq",
                &[
                    "1 MiB",
                    "does not persist",
                    "14",
                    "JMS",
                    "dead-letter queue",
                ],
            ),
            (
                "Fargate vs ECS on EC2",
                "fargate-vs-ecs-ec2",
                &["Fargate", "EC2 launch type", "patch", "GPU"],
            ),
            (
                "Standard vs FIFO queues (notes: 300 messages a second)",
                "standard-vs-fifo",
                &[
                    "at least once",
                    "300",
                    "3,000",
                    "batch of 10",
                    "high-throughput mode",
                    "exactly-once",
                ],
            ),
        ];
        assert_eq!(
            questions.len(),
            TOPICS.len(),
            "a topic without a question from the notes"
        );
        for (question, id, facts) in questions {
            let text = answer(id);
            for fact in facts {
                assert!(
                    text.contains(fact),
                    "{id} (for {question:?}) does not say {fact:?}"
                );
            }
        }
    }

    #[test]
    fn cidr_numbers_agree_with_the_calculator() {
        let text = answer("cidr");
        let size = |block: &str| {
            cidr::total_addresses(cidr::parse_aws_block(block).expect("an allowed block"))
        };
        assert!(text.contains(&format!(
            "2^(32-16) = {} addresses",
            cidr::grouped(size("10.0.0.0/16"))
        )));
        for block in ["10.0.0.0/20", "10.0.1.0/24", "10.0.1.0/28"] {
            let (_, prefix) = block.split_once('/').expect("a prefix");
            let phrase = format!("a /{prefix} has {}", cidr::grouped(size(block)));
            assert!(text.contains(&phrase), "the answer does not say {phrase:?}");
        }
        let usable = |block: &str| {
            cidr::usable_addresses(cidr::parse_aws_block(block).expect("an allowed block"))
        };
        assert!(text.contains(&format!(
            "/24 subnet gives {} usable",
            usable("10.0.1.0/24")
        )));
        assert!(text.contains(&format!("a /28 only {}", usable("10.0.1.0/28"))));
        assert!(text.contains(&format!("reserves {} addresses", cidr::RESERVED_PER_SUBNET)));
        assert!(text.contains(&format!(
            "between /{} and /{}",
            cidr::MIN_PREFIX,
            cidr::MAX_PREFIX
        )));
        for range in ["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16"] {
            assert!(cidr::parse(range).is_ok(), "{range}");
            assert!(text.contains(range));
        }
    }

    #[test]
    fn topics_are_short_paragraphs_with_unique_kebab_case_ids() {
        let mut ids = HashSet::new();
        for t in TOPICS {
            assert!(ids.insert(t.id), "duplicate topic {}", t.id);
            assert!(
                t.id.chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
                    && !t.id.starts_with('-')
                    && !t.id.ends_with('-'),
                "{} is not kebab-case",
                t.id
            );
            assert!(t.question.ends_with('?'), "{}: question", t.id);
            let sentences = sentence_count(t.answer);
            assert!(
                (3..=6).contains(&sentences),
                "{}: {sentences} sentences",
                t.id
            );
            assert!(!t.kinds.is_empty(), "{} concerns no kind", t.id);
            assert!(
                !t.answer.contains("256 KB"),
                "{} quotes the old SQS limit",
                t.id
            );
        }
    }

    #[test]
    fn topic_aliases_are_kebab_case_and_name_nothing_else() {
        let mut seen = HashSet::new();
        for t in TOPICS {
            for &alias in t.aliases {
                assert!(seen.insert(alias), "{alias} names two topics");
                assert!(
                    TOPICS.iter().all(|other| other.id != alias),
                    "{alias} is a topic id"
                );
                assert!(
                    alias
                        .chars()
                        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-'),
                    "{alias} is not kebab-case"
                );
                assert!(
                    crate::rules::rule_by_id(alias).is_none(),
                    "{alias} is a rule"
                );
                for &kind in Kind::ALL {
                    let info = kind.info();
                    let names = [info.ident, info.short, info.name].into_iter();
                    assert!(
                        !names
                            .chain(info.aliases.iter().copied())
                            .any(|n| n.eq_ignore_ascii_case(alias)),
                        "{alias} also names {kind:?}"
                    );
                }
            }
        }
    }

    #[test]
    fn topic_ids_are_not_kind_names() {
        for t in TOPICS {
            for &kind in Kind::ALL {
                let info = kind.info();
                for name in [info.ident, info.short, info.name] {
                    assert!(
                        !t.id.eq_ignore_ascii_case(name),
                        "{} is also {kind:?}",
                        t.id
                    );
                }
            }
        }
    }
}
