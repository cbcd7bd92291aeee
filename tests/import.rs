//! Importing CloudFormation templates and Terraform JSON: each resource family, each
//! intrinsic, SAM, JSON, a multi-stack set, a Terraform plan, bad input, and the reference
//! template, whose findings match the same design drawn by hand. The CLI (`import`,
//! `check TEMPLATE`) runs as the real binary.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::{Path, PathBuf};
use std::process::Command;

use cloudsketch::io::import::{self, ImportError, Imported};
use cloudsketch::model::link::ReplicationMode;
use cloudsketch::model::settings::{
    ApiType, BillingMode, CacheEngine, EndpointType, FailoverRole, HealthCheckType, LbScheme,
    NatMode, RdsDeployment, RoutingPolicy, ScalingPolicy, VpcEndpointType, WorkflowType,
};
use cloudsketch::model::{Component, Diagram, Kind, Link, LinkKind, Settings};
use cloudsketch::rules::{LintConfig, lint};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/import")
        .join(name)
}

fn import(names: &[&str]) -> Imported {
    let paths: Vec<PathBuf> = names.iter().map(|n| fixture(n)).collect();
    import::import_paths(&paths).unwrap_or_else(|e| panic!("{e}"))
}

fn comp<'d>(d: &'d Diagram, id: &str) -> &'d Component {
    d.component_by_str(id)
        .unwrap_or_else(|| panic!("no component `{id}`"))
}

fn parent<'d>(d: &'d Diagram, id: &str) -> Option<&'d Component> {
    comp(d, id).parent.as_ref().map(|p| comp(d, p.as_str()))
}

/// The zone name (or AZ box label) of a subnet.
fn zone(d: &Diagram, subnet: &str) -> Option<String> {
    let az = parent(d, subnet).filter(|p| p.kind == Kind::AvailabilityZone)?;
    match &az.props.settings {
        Settings::Az(s) if s.zone.is_some() => s.zone.clone(),
        _ => Some(az.props.label.clone()),
    }
}

fn link<'d>(d: &'d Diagram, kind: LinkKind, from: &str, to: &str) -> &'d Link {
    d.links()
        .find(|l| l.kind == kind && l.from.as_str() == from && l.to.as_str() == to)
        .unwrap_or_else(|| {
            let all: Vec<String> = d
                .links()
                .map(|l| format!("{:?} {} -> {}", l.kind, l.from, l.to))
                .collect();
            panic!("no {kind:?} link {from} -> {to}; links: {all:#?}")
        })
}

fn subnets(d: &Diagram, id: &str) -> Vec<String> {
    comp(d, id)
        .props
        .subnets
        .iter()
        .map(ToString::to_string)
        .collect()
}

fn rule_ids(d: &Diagram) -> Vec<&'static str> {
    let mut ids: Vec<&'static str> = lint(d, &LintConfig::default())
        .active()
        .map(|f| f.rule_id)
        .collect();
    ids.sort_unstable();
    ids.dedup();
    ids
}

fn warnings(imported: &Imported) -> Vec<String> {
    imported.warnings.iter().map(ToString::to_string).collect()
}

#[test]
fn network_family_places_subnets_in_their_zones_and_routes_them() {
    let imported = import(&["network.yaml"]);
    let d = &imported.diagram;
    assert_eq!(comp(d, "Vpc").kind, Kind::Vpc);
    let Settings::Vpc(vpc) = &comp(d, "Vpc").props.settings else {
        panic!()
    };
    assert_eq!(
        vpc.cidr_blocks.as_deref(),
        Some(&["10.20.0.0/16".to_owned(), "100.64.0.0/16".to_owned()][..])
    );
    // Named zone, GetAZs index, and a zone parameter without default (unknown, never guessed).
    assert_eq!(zone(d, "PublicA").as_deref(), Some("eu-west-1a"));
    assert_eq!(zone(d, "PrivateA").as_deref(), Some("eu-west-1a"));
    assert!(zone(d, "PrivateB").unwrap().contains("GetAZs index 1"));
    assert_eq!(zone(d, "PrivateC"), None);
    assert_eq!(parent(d, "PrivateC").unwrap().id.as_str(), "Vpc");
    // Gateways.
    assert_eq!(parent(d, "Igw").unwrap().id.as_str(), "Vpc");
    assert_eq!(parent(d, "Nat").unwrap().id.as_str(), "PublicA");
    let Settings::NatGateway(regional) = &comp(d, "RegionalNat").props.settings else {
        panic!()
    };
    assert_eq!(regional.availability_mode, Some(NatMode::Regional));
    assert_eq!(parent(d, "RegionalNat").unwrap().kind, Kind::Vpc);
    // Route tables become network routes with their destinations.
    let public = link(d, LinkKind::NetworkRoute, "PublicA", "Igw");
    assert_eq!(public.props.destination_cidr.as_deref(), Some("0.0.0.0/0"));
    link(d, LinkKind::NetworkRoute, "PrivateA", "Nat");
    link(d, LinkKind::NetworkRoute, "PrivateB", "Nat");
    let tgw = link(d, LinkKind::NetworkRoute, "PrivateB", "Tgw");
    assert_eq!(
        tgw.props.destination_cidr.as_deref(),
        Some("192.168.0.0/16")
    );
    link(d, LinkKind::NetworkRoute, "PrivateA", "S3Endpoint");
    // Endpoints.
    let Settings::VpcEndpoint(s3) = &comp(d, "S3Endpoint").props.settings else {
        panic!()
    };
    assert_eq!(s3.endpoint_type, Some(VpcEndpointType::Gateway));
    assert_eq!(s3.service.as_deref(), Some("s3"));
    assert_eq!(subnets(d, "SqsEndpoint"), ["PrivateA", "PrivateB"]);
    // Hybrid.
    assert_eq!(comp(d, "Office").kind, Kind::OnPremises);
    assert!(comp(d, "Office").parent.is_none());
    link(d, LinkKind::Hybrid, "OfficeVpn", "Office");
    link(d, LinkKind::Hybrid, "OfficeVpn", "Tgw");
    link(d, LinkKind::Hybrid, "Tgw", "Vpc");
    // An unknown type is a warning naming it, never a failure.
    let w = warnings(&imported);
    assert!(
        w.iter()
            .any(|w| w.contains("network.yaml:131:3") && w.contains("`AWS::SecurityHub::Hub`")),
        "{w:#?}"
    );
}

#[test]
fn compute_family_links_load_balancers_to_targets() {
    let imported = import(&["compute.yaml"]);
    let d = &imported.diagram;
    assert_eq!(parent(d, "Bastion").unwrap().id.as_str(), "SubnetA");
    assert_eq!(parent(d, "BastionDisk").unwrap().id.as_str(), "SubnetA");
    link(d, LinkKind::Mount, "Bastion", "BastionDisk");
    // Listener rule forwarding to two target groups: the ASG and the ECS service.
    let to_asg = link(d, LinkKind::Route, "Alb", "App");
    assert_eq!(to_asg.props.health_check, Some(true));
    link(d, LinkKind::Route, "Alb", "Tasks");
    let Settings::LoadBalancer(alb) = &comp(d, "Alb").props.settings else {
        panic!()
    };
    assert_eq!(alb.scheme, Some(LbScheme::Internal));
    assert_eq!(alb.uses_l7_features, Some(true));
    assert_eq!(subnets(d, "Alb"), ["SubnetA", "SubnetB"]);
    let Settings::LoadBalancer(nlb) = &comp(d, "Nlb").props.settings else {
        panic!()
    };
    assert_eq!(comp(d, "Nlb").kind, Kind::Nlb);
    assert_eq!(nlb.cross_zone, Some(false));
    let Settings::Asg(asg) = &comp(d, "App").props.settings else {
        panic!()
    };
    assert_eq!((asg.min, asg.max), (Some(1), Some(1)));
    assert_eq!(asg.scaling_policy, Some(ScalingPolicy::Scheduled));
    // Lambda in a VPC, with event sources and a failure destination.
    assert_eq!(parent(d, "Worker").unwrap().id.as_str(), "Vpc");
    assert_eq!(subnets(d, "Worker"), ["SubnetA", "SubnetB"]);
    assert_eq!(
        link(d, LinkKind::Consume, "Stream", "Worker")
            .props
            .batch_size,
        Some(100)
    );
    link(d, LinkKind::Trigger, "Table", "Worker");
    link(d, LinkKind::DeadLetter, "Worker", "Failures");
    link(d, LinkKind::Request, "Worker", "Table");
    // An instance with no subnet cannot be placed: a warning, and no empty default VPC.
    assert!(d.component_by_str("Lonely").is_none());
    assert!(d.component_by_str("default-vpc").is_none());
    assert!(warnings(&imported).iter().any(|w| w.contains("`Lonely`")));
    // Findings: the ASG confined to one AZ, the single instance.
    let ids = rule_ids(d);
    assert!(ids.contains(&"SPOF-004"), "{ids:?}");
}

#[test]
fn data_family_reads_settings_replication_and_backups() {
    let imported = import(&["data.yaml"]);
    let d = &imported.diagram;
    let Settings::Rds(ledger) = &comp(d, "Ledger").props.settings else {
        panic!()
    };
    assert_eq!(ledger.deployment, Some(RdsDeployment::MultiAzInstance));
    assert_eq!(ledger.backup_retention_days, Some(14));
    assert_eq!(
        comp(d, "Ledger").props.common.deletion_protection,
        Some(true)
    );
    // Subnet group by name and by reference.
    assert_eq!(subnets(d, "Ledger"), ["DataA", "DataB"]);
    assert_eq!(subnets(d, "LedgerReplica"), ["DataA", "DataB"]);
    let replica = link(d, LinkKind::Replicate, "Ledger", "LedgerReplica");
    assert_eq!(replica.props.replication, Some(ReplicationMode::Async));
    // Aurora counts its member instances, which are not drawn on their own.
    let Settings::Aurora(catalog) = &comp(d, "Catalog").props.settings else {
        panic!()
    };
    assert_eq!(catalog.instances, Some(2));
    assert_eq!(catalog.backtrack_hours, Some(2));
    assert!(d.component_by_str("CatalogWriter").is_none());
    let Settings::DynamoDb(carts) = &comp(d, "Carts").props.settings else {
        panic!()
    };
    assert_eq!(carts.billing_mode, Some(BillingMode::OnDemand));
    assert_eq!((carts.pitr, carts.pitr_days), (Some(true), Some(7)));
    let Settings::DynamoDb(sessions) = &comp(d, "Sessions").props.settings else {
        panic!()
    };
    assert_eq!(
        sessions.global_table_regions.as_ref().map(Vec::len),
        Some(2)
    );
    let Settings::ElastiCache(cache) = &comp(d, "Cache").props.settings else {
        panic!()
    };
    assert_eq!(cache.engine, Some(CacheEngine::Valkey));
    assert_eq!(cache.replicas_per_shard, Some(1));
    assert_eq!(cache.multi_az, Some(true));
    let Settings::S3(images) = &comp(d, "Images").props.settings else {
        panic!()
    };
    assert_eq!(images.versioning, Some(true));
    assert_eq!(images.lifecycle_to_archive_days, Some(90));
    assert_eq!(images.public_access_block, Some(true));
    link(d, LinkKind::Replicate, "Images", "ImagesCopy");
    link(d, LinkKind::Trigger, "Images", "Uploads");
    assert_eq!(subnets(d, "Files"), ["DataA", "DataB"]);
    // Backup plan: hourly cron, copies to us-west-2; the selection draws backup links.
    let Settings::Backup(plan) = &comp(d, "Plan").props.settings else {
        panic!()
    };
    assert_eq!(plan.frequency_hours, Some(1));
    assert_eq!(plan.retention_days, Some(14));
    assert_eq!(
        plan.copy_regions.as_deref(),
        Some(&["us-west-2".to_owned()][..])
    );
    let backup = link(d, LinkKind::Backup, "Ledger", "Plan");
    assert_eq!(backup.props.interval_hours, Some(1.0));
    link(d, LinkKind::Backup, "Files", "Plan");
    let w = warnings(&imported);
    assert!(
        w.iter().any(|w| w.contains("images-dr-us-west-2")),
        "{w:#?}"
    );
    assert!(w.iter().any(|w| w.contains("TaggedSelection")), "{w:#?}");
    assert_eq!(imported.skipped.get("AWS::Backup::BackupVault"), Some(&1));
}

#[test]
fn messaging_and_edge_families_draw_their_links() {
    let imported = import(&["messaging.yaml"]);
    let d = &imported.diagram;
    let Settings::Sqs(orders) = &comp(d, "Orders").props.settings else {
        panic!()
    };
    assert_eq!(orders.fifo, Some(true));
    assert_eq!(orders.high_throughput, Some(true));
    assert_eq!(orders.max_message_size_bytes, Some(1_048_576));
    // Redrive policy as JSON text inside !Sub, and as a mapping.
    assert_eq!(orders.max_receive_count, Some(3));
    link(d, LinkKind::DeadLetter, "Orders", "OrdersDlq");
    link(d, LinkKind::DeadLetter, "Audit", "AuditDlq");
    // Inline and separate subscriptions; an e-mail endpoint is outside the diagram.
    assert_eq!(
        link(d, LinkKind::Subscribe, "Events", "Audit")
            .props
            .protocol
            .as_deref(),
        Some("sqs")
    );
    link(d, LinkKind::Subscribe, "Events", "Notify");
    link(d, LinkKind::DeadLetter, "Events", "AuditDlq");
    link(d, LinkKind::Trigger, "Bus", "Flow");
    link(d, LinkKind::Trigger, "Nightly", "Notify");
    let Settings::StepFunctions(flow) = &comp(d, "Flow").props.settings else {
        panic!()
    };
    assert_eq!(flow.workflow_type, Some(WorkflowType::Express));
    link(d, LinkKind::Orchestrate, "Flow", "Notify");
    link(d, LinkKind::Orchestrate, "Flow", "Orders");
    let Settings::ApiGateway(api) = &comp(d, "Api").props.settings else {
        panic!()
    };
    assert_eq!(api.api_type, Some(ApiType::Rest));
    assert_eq!(api.endpoint_type, Some(EndpointType::Edge));
    assert_eq!(api.throttle_rps, Some(500.0));
    link(d, LinkKind::Request, "Api", "Notify");
    // Route 53: a health-checked failover record, an alias to CloudFront.
    let Settings::Route53(primary) = &comp(d, "Dns-primary").props.settings else {
        panic!()
    };
    assert_eq!(primary.routing_policy, Some(RoutingPolicy::Failover));
    assert_eq!(primary.health_check, Some(true));
    assert_eq!(primary.ttl_secs, Some(60));
    let failover = link(d, LinkKind::Route, "Dns-primary", "Api");
    assert_eq!(failover.props.failover_role, Some(FailoverRole::Primary));
    assert_eq!(comp(d, "Dns-2").props.label, "www.example.com");
    link(d, LinkKind::Route, "Dns-2", "Cdn");
    // CloudFront origins and the origin group.
    let Settings::CloudFront(cdn) = &comp(d, "Cdn").props.settings else {
        panic!()
    };
    assert_eq!((cdn.origin_failover, cdn.waf), (Some(true), Some(true)));
    link(d, LinkKind::Route, "Cdn", "Site");
    link(d, LinkKind::Route, "Cdn", "SiteBackup");
}

#[test]
fn intrinsics_resolve_as_far_as_the_template_allows() {
    let imported = import(&["intrinsics.yaml"]);
    let d = &imported.diagram;
    // !Join, !Cidr over !GetAtt, !Select over a parameter list, over !GetAZs, over !Split.
    let Settings::Vpc(vpc) = &comp(d, "Vpc").props.settings else {
        panic!()
    };
    assert_eq!(
        vpc.cidr_blocks.as_deref(),
        Some(&["10.50.0.0/16".to_owned()][..])
    );
    let Settings::Subnet(list) = &comp(d, "FromParameterList").props.settings else {
        panic!()
    };
    assert_eq!(list.cidr.as_deref(), Some("10.50.0.0/24"));
    assert_eq!(zone(d, "FromParameterList").as_deref(), Some("ap-south-1b"));
    let Settings::Subnet(azs) = &comp(d, "FromGetAzs").props.settings else {
        panic!()
    };
    assert_eq!(azs.cidr.as_deref(), Some("10.50.1.0/24"));
    assert!(zone(d, "FromGetAzs").unwrap().contains("GetAZs index 2"));
    assert_eq!(zone(d, "FromSplit").as_deref(), Some("ap-south-1c"));
    // !FindInMap, !Ref to a parameter, !If on conditions (!Equals, !Not, !And, !Condition),
    // AWS::NoValue.
    let Settings::Sqs(queue) = &comp(d, "Queue").props.settings else {
        panic!()
    };
    assert_eq!(queue.retention_secs, Some(1_209_600));
    assert_eq!(queue.max_message_size_bytes, Some(262_144));
    assert_eq!(queue.visibility_timeout_secs, Some(300));
    assert_eq!(queue.receive_wait_time_secs, Some(20));
    assert_eq!(queue.max_receive_count, Some(5));
    link(d, LinkKind::DeadLetter, "Queue", "Dlq");
    // A resource whose condition is false is left out and counted.
    assert!(d.component_by_str("DevOnly").is_none());
    assert_eq!(
        imported
            .skipped
            .get("AWS::SQS::Queue (condition IsDev is false)"),
        Some(&1)
    );
    // !Select over a literal list; !Sub with variables naming a resource.
    let Settings::Lambda(worker) = &comp(d, "Worker").props.settings else {
        panic!()
    };
    assert_eq!(worker.timeout_secs, Some(30));
    link(d, LinkKind::Send, "Worker", "Queue");
    link(d, LinkKind::Send, "Worker", "Topic");
    // !ImportValue of an export no template of the set has.
    let w = warnings(&imported);
    assert!(
        w.iter().any(|w| w.contains("`shared-worker-role`")),
        "{w:#?}"
    );
}

#[test]
fn json_templates_import_like_yaml() {
    let imported = import(&["template.json"]);
    let d = &imported.diagram;
    assert_eq!(comp(d, "Items").kind, Kind::DynamoDb);
    let Settings::ApiGateway(api) = &comp(d, "HttpApi").props.settings else {
        panic!()
    };
    assert_eq!(api.api_type, Some(ApiType::Http));
    link(d, LinkKind::Request, "HttpApi", "Handler");
    link(d, LinkKind::Request, "Handler", "Items");
    assert_eq!(imported.skipped.get("AWS::IAM::Role"), Some(&1));
    // Positions point into the JSON file.
    let (path, line, column) = &imported.origins["Handler"];
    assert!(path.ends_with("template.json"));
    assert_eq!((*line, *column), (14, 5));
}

#[test]
fn sam_functions_and_their_events() {
    let imported = import(&["sam.yaml"]);
    let d = &imported.diagram;
    let Settings::Lambda(api_fn) = &comp(d, "ApiFunction").props.settings else {
        panic!()
    };
    // Globals apply unless the function sets its own.
    assert_eq!(
        (api_fn.timeout_secs, api_fn.memory_mb),
        (Some(20), Some(256))
    );
    let Settings::Lambda(job) = &comp(d, "JobFunction").props.settings else {
        panic!()
    };
    assert_eq!(job.timeout_secs, Some(100));
    assert_eq!(comp(d, "ServerlessRestApi").kind, Kind::ApiGateway);
    link(d, LinkKind::Request, "ServerlessRestApi", "ApiFunction");
    assert_eq!(
        link(d, LinkKind::Consume, "Jobs", "JobFunction")
            .props
            .batch_size,
        Some(5)
    );
    link(d, LinkKind::Trigger, "Uploads", "JobFunction");
    link(d, LinkKind::Subscribe, "Alerts", "JobFunction");
    link(d, LinkKind::Trigger, "Orders", "JobFunction");
    link(d, LinkKind::DeadLetter, "JobFunction", "Alerts");
    link(d, LinkKind::Orchestrate, "Workflow", "JobFunction");
    assert_eq!(comp(d, "Items").kind, Kind::DynamoDb);
}

#[test]
fn stacks_are_stitched_through_exports_and_import_value() {
    let imported = import(&["stack_network.yaml", "stack_app.yaml"]);
    let d = &imported.diagram;
    // Subnets exported as `${AWS::StackName}-…` by the network stack, imported by the app.
    assert_eq!(subnets(d, "Workers"), ["AppA", "AppB"]);
    assert_eq!(parent(d, "Workers").unwrap().id.as_str(), "Vpc");
    link(d, LinkKind::Consume, "Jobs", "Consumer");
    let w = warnings(&imported);
    assert!(
        w.iter()
            .any(|w| w.contains("stack_app.yaml:33:") && w.contains("`not-exported-anywhere`")),
        "{w:#?}"
    );
    // Alone, the app stack cannot know its subnets.
    let alone = import(&["stack_app.yaml"]);
    assert!(comp(&alone.diagram, "Workers").props.subnets.is_empty());
    assert!(
        warnings(&alone)
            .iter()
            .any(|w| w.contains("stack_network-AppSubnetA"))
    );
}

#[test]
fn terraform_plan_with_modules_and_references() {
    let imported = import(&["terraform_plan.json"]);
    let d = &imported.diagram;
    let Settings::Region(region) = &comp(d, "region").props.settings else {
        panic!()
    };
    assert_eq!(region.code.as_deref(), Some("eu-west-1"));
    assert_eq!(
        zone(d, "network.subnet.public-0").as_deref(),
        Some("eu-west-1a")
    );
    assert_eq!(
        zone(d, "network.subnet.private-1").as_deref(),
        Some("eu-west-1b")
    );
    assert_eq!(comp(d, "network.vpc.main").props.label, "shop");
    // Routes through `count.index` references find the instance of the same index.
    link(
        d,
        LinkKind::NetworkRoute,
        "network.subnet.public-0",
        "network.internet_gateway.main",
    );
    link(
        d,
        LinkKind::NetworkRoute,
        "network.subnet.public-1",
        "network.internet_gateway.main",
    );
    link(
        d,
        LinkKind::NetworkRoute,
        "network.subnet.private-1",
        "network.nat_gateway.main",
    );
    assert_eq!(
        parent(d, "network.nat_gateway.main").unwrap().id.as_str(),
        "network.subnet.public-0"
    );
    // Load balancer → target group → ASG; the ASG's subnets; its scaling policy.
    link(d, LinkKind::Route, "lb.web", "autoscaling_group.web");
    assert_eq!(
        subnets(d, "autoscaling_group.web"),
        ["network.subnet.private-0", "network.subnet.private-1"]
    );
    let Settings::Asg(asg) = &comp(d, "autoscaling_group.web").props.settings else {
        panic!()
    };
    assert_eq!(asg.health_check_type, Some(HealthCheckType::Elb));
    assert_eq!(asg.scaling_policy, Some(ScalingPolicy::TargetTracking));
    let Settings::Rds(db) = &comp(d, "db_instance.orders").props.settings else {
        panic!()
    };
    assert_eq!(db.deployment, Some(RdsDeployment::MultiAzInstance));
    // Redrive policy (JSON text with an ARN), event source mapping, subscription.
    let Settings::Sqs(orders) = &comp(d, "sqs_queue.orders").props.settings else {
        panic!()
    };
    assert_eq!(orders.max_receive_count, Some(4));
    link(
        d,
        LinkKind::DeadLetter,
        "sqs_queue.orders",
        "sqs_queue.orders_dlq",
    );
    link(
        d,
        LinkKind::Consume,
        "sqs_queue.orders",
        "lambda_function.fulfil",
    );
    link(
        d,
        LinkKind::Subscribe,
        "sns_topic.events",
        "sqs_queue.orders",
    );
    link(
        d,
        LinkKind::Replicate,
        "s3_bucket.invoices",
        "s3_bucket.invoices_replica",
    );
    link(
        d,
        LinkKind::Backup,
        "db_instance.orders",
        "backup_plan.daily",
    );
    link(d, LinkKind::Route, "route53_record.shop", "lb.web");
    let Settings::Backup(plan) = &comp(d, "backup_plan.daily").props.settings else {
        panic!()
    };
    assert_eq!(plan.frequency_hours, Some(24));
    assert_eq!(
        plan.copy_regions.as_deref(),
        Some(&["eu-central-1".to_owned()][..])
    );
    assert_eq!(imported.skipped.get("aws_iam_role"), Some(&1));
    assert!(
        warnings(&imported)
            .iter()
            .any(|w| w.contains("aws_xray_group"))
    );
    // One zonal NAT gateway for private subnets in two AZs.
    let ids = rule_ids(d);
    assert!(ids.contains(&"SPOF-007"), "{ids:?}");
    assert!(ids.contains(&"DR-006"), "{ids:?}");
}

#[test]
fn terraform_state_links_resources_by_their_ids() {
    let imported = import(&["terraform_state.json"]);
    let d = &imported.diagram;
    assert_eq!(zone(d, "subnet.a").as_deref(), Some("us-west-2a"));
    assert_eq!(zone(d, "subnet.b").as_deref(), Some("us-west-2b"));
    // The Region comes from the zones when the state does not name it.
    assert_eq!(comp(d, "region").props.label, "us-west-2");
    assert_eq!(
        subnets(d, "elasticache_replication_group.sessions"),
        ["subnet.a", "subnet.b"]
    );
    let Settings::ElastiCache(cache) = &comp(d, "elasticache_replication_group.sessions")
        .props
        .settings
    else {
        panic!()
    };
    assert_eq!(cache.automatic_failover, Some(false));
    assert_eq!(
        parent(d, "instance.bastion").unwrap().id.as_str(),
        "subnet.a"
    );
    // Target group attachment by instance id, listener by ARN.
    link(d, LinkKind::Route, "lb.api", "instance.bastion");
    let ids = rule_ids(d);
    assert!(ids.contains(&"SPOF-006"), "{ids:?}");
}

#[test]
fn missing_references_are_warnings_naming_them() {
    let imported = import(&["missing_ref.yaml"]);
    let w = warnings(&imported);
    assert!(
        w.iter()
            .any(|w| w.contains("missing_ref.yaml:12:") && w.contains("`OrdersQueue`")),
        "{w:#?}"
    );
    assert!(w.iter().any(|w| w.contains("`Wroker`")), "{w:#?}");
    assert_eq!(imported.diagram.link_count(), 0);
}

#[test]
fn bad_input_is_an_error_with_its_place() {
    let err = |name: &str| match import::import_paths(&[fixture(name)]) {
        Err(e) => (e.position(), e.to_string()),
        Ok(_) => panic!("{name} imported"),
    };
    let (pos, text) = err("bad_yaml.yaml");
    assert_eq!(pos, Some((5, 8)));
    assert!(text.contains("bad_yaml.yaml:5:8: not valid YAML"), "{text}");
    let (pos, text) = err("bad_json.json");
    assert_eq!(pos, Some((3, 41)));
    assert!(text.contains("not valid JSON"), "{text}");
    let (pos, text) = err("not_template.yaml");
    assert_eq!(pos, Some((2, 1)));
    assert!(text.contains("not a template"), "{text}");
    assert!(matches!(
        import::import_bytes(&[0xff, 0xfe, 0x00], Path::new("x.yaml")),
        Err(ImportError::NotText { .. })
    ));
    assert!(matches!(
        import::import_paths(&[]),
        Err(ImportError::NoInput)
    ));
}

#[test]
fn hostile_input_never_panics() {
    let inputs: Vec<Vec<u8>> = vec![
        b"".to_vec(),
        b"~".to_vec(),
        b"Resources: 3".to_vec(),
        b"Resources: {A: {Type: 5}}".to_vec(),
        b"Resources: {A: {Type: AWS::EC2::Subnet, Properties: [1, 2]}}".to_vec(),
        b"Resources: {A: {Type: AWS::SQS::Queue, Properties: {RedrivePolicy: !Sub}}}".to_vec(),
        b"Resources: {A: {Type: AWS::EC2::VPC, Properties: {CidrBlock: !Select [99, !Cidr [10.0.0.0/8, 300, 30]]}}}".to_vec(),
        b"Resources: {A: {Type: AWS::EC2::Subnet, Properties: {VpcId: !Ref A, AvailabilityZone: !Select [-1, !GetAZs '']}}}".to_vec(),
        b"Conditions: {C: !Condition C}\nResources: {A: {Type: AWS::SQS::Queue, Condition: C}}".to_vec(),
        b"{\"format_version\": \"1\", \"values\": {\"root_module\": {\"resources\": [{\"address\": \"aws_subnet.x[\", \"type\": \"aws_subnet\", \"values\": {}}]}}}".to_vec(),
        "Resources:\n  A: {Type: AWS::EC2::Subnet, Properties: {CidrBlock: \u{1F600}}}".as_bytes().to_vec(),
        format!("{}{}", "[".repeat(500), "]".repeat(500)).into_bytes(),
        // References to resources of the wrong kind: a template mistake, never an invalid
        // diagram.
        b"Resources:
  V: {Type: AWS::EC2::VPC}
  S: {Type: AWS::EC2::Subnet, Properties: {VpcId: !Ref Q, AvailabilityZone: x}}
  Q: {Type: AWS::SQS::Queue}
  I: {Type: AWS::EC2::InternetGateway}
  A: {Type: AWS::EC2::VPCGatewayAttachment, Properties: {VpcId: !Ref S, InternetGatewayId: !Ref I}}
  N: {Type: AWS::EC2::NatGateway, Properties: {SubnetId: !Ref V}}
  R: {Type: AWS::EC2::NatGateway, Properties: {AvailabilityMode: regional, VpcId: !Ref Q}}
  G: {Type: AWS::AutoScaling::AutoScalingGroup, Properties: {VPCZoneIdentifier: [!Ref Q, !Ref S], TargetGroupARNs: [!Ref Q]}}
  T: {Type: AWS::ElasticLoadBalancingV2::LoadBalancer, Properties: {Subnets: [!Ref G, !Ref S]}}
  L: {Type: AWS::ElasticLoadBalancingV2::Listener, Properties: {LoadBalancerArn: !Ref Q, DefaultActions: [{TargetGroupArn: !Ref G}]}}
  E: {Type: AWS::EC2::Instance, Properties: {SubnetId: !Ref Q}}
  F: {Type: AWS::Lambda::EventSourceMapping, Properties: {EventSourceArn: !Ref V, FunctionName: !Ref Q}}
  B: {Type: AWS::Backup::BackupSelection, Properties: {BackupPlanId: !Ref Q, BackupSelection: {Resources: [!Ref V]}}}
  D: {Type: AWS::Route53::RecordSet, Properties: {ResourceRecords: [!Ref Q, !Ref S]}}
  W: {Type: AWS::EC2::Subnet, Properties: {VpcId: !Ref V, AvailabilityZone: !Select [0, !GetAZs '']}}
  X: {Type: AWS::EC2::Subnet, Properties: {VpcId: !Ref V, AvailabilityZone: !Select [0, !GetAZs '']}}
  Y: {Type: AWS::RDS::DBInstance, Properties: {DBSubnetGroupName: !Ref W}}
"
        .to_vec(),
    ];
    for input in inputs {
        if let Err(err) = import::import_bytes(&input, Path::new("hostile.yaml")) {
            assert!(!matches!(err, ImportError::Invalid { .. }), "{err}");
        }
    }
}

#[test]
fn reference_template_matches_the_hand_drawn_design() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("samples/reference-template.yaml");
    let imported = import::import_paths(&[path]).unwrap();
    assert!(imported.warnings.is_empty(), "{:?}", warnings(&imported));
    let d = &imported.diagram;
    // Two AZs, a NAT gateway in each, each private subnet routed to its own AZ's gateway.
    assert_ne!(zone(d, "AppSubnetA"), zone(d, "AppSubnetB"));
    assert_eq!(zone(d, "PublicSubnetA"), zone(d, "AppSubnetA"));
    link(d, LinkKind::NetworkRoute, "AppSubnetA", "NatGatewayA");
    link(d, LinkKind::NetworkRoute, "AppSubnetB", "NatGatewayB");
    link(d, LinkKind::Route, "LoadBalancer", "WebGroup");
    link(d, LinkKind::Consume, "OrdersQueue", "Fulfil");
    assert_eq!(d.info.title, "Orders web shop");
    assert!(d.info.description.contains("one NAT gateway per AZ"));
    // The `Name` tag labels the component.
    assert_eq!(comp(d, "Vpc").props.label, "prod-shop");
    // Nothing overlaps that does not contain the other: readable without moving anything.
    let all: Vec<&Component> = d.components().collect();
    for (i, a) in all.iter().enumerate() {
        for b in &all[i + 1..] {
            let nested = d.ancestors(&a.id).any(|x| x.id == b.id)
                || d.ancestors(&b.id).any(|x| x.id == a.id);
            assert!(
                nested || !a.rect.intersects(&b.rect),
                "{} overlaps {}",
                a.id,
                b.id
            );
            if let Some(p) = &a.parent
                && p == &b.id
            {
                assert!(
                    b.rect.contains_rect(&a.rect),
                    "{} sticks out of {}",
                    a.id,
                    b.id
                );
            }
        }
    }
    // Same rules, same severities, same number of findings as the design drawn by hand.
    let findings = |d: &Diagram| {
        let mut all: Vec<(&'static str, cloudsketch::model::Severity)> =
            lint(d, &LintConfig::default())
                .active()
                .map(|f| (f.rule_id, f.severity))
                .collect();
        all.sort_unstable();
        all
    };
    let drawn = cloudsketch::io::load_path(&fixture("reference_drawn.ron")).unwrap();
    assert_eq!(findings(d), findings(&drawn));
    assert!(findings(d).len() >= 5);
}

#[test]
fn cli_import_writes_a_diagram_and_check_lints_templates() {
    let exe = env!("CARGO_BIN_EXE_cloudsketch");
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("ref.ron");
    let template = Path::new(env!("CARGO_MANIFEST_DIR")).join("samples/reference-template.yaml");
    let run = Command::new(exe)
        .args(["import"])
        .arg(&template)
        .arg("-o")
        .arg(&out)
        .output()
        .unwrap();
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert!(stderr.contains("skipped 7 resource(s)"), "{stderr}");
    let saved = cloudsketch::io::load_path(&out).unwrap();
    assert_eq!(saved.component_count(), 19);

    // `check` imports on the fly and points findings at the template's lines.
    let check = Command::new(exe)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args(["check", "samples/reference-template.yaml"])
        .output()
        .unwrap();
    assert_eq!(check.status.code(), Some(1));
    let stdout = String::from_utf8_lossy(&check.stdout);
    assert!(
        stdout.contains("samples/reference-template.yaml:224:3: high SPOF-006"),
        "{stdout}"
    );
    // Warnings go to stderr; a broken template exits 2 with its place.
    let bad = Command::new(exe)
        .arg("check")
        .arg(fixture("bad_yaml.yaml"))
        .output()
        .unwrap();
    assert_eq!(bad.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("bad_yaml.yaml:5:8:"));
    let missing = Command::new(exe)
        .arg("check")
        .arg(fixture("missing_ref.yaml"))
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&missing.stderr).contains("`OrdersQueue`"));
}

#[test]
fn check_lints_the_templates_it_is_given_as_one_stack_set() {
    let exe = env!("CARGO_BIN_EXE_cloudsketch");
    let (network, app) = (fixture("stack_network.yaml"), fixture("stack_app.yaml"));
    let check = Command::new(exe)
        .args(["check", "--format", "json", "--fail-on", "critical"])
        .arg(&network)
        .arg(&app)
        .output()
        .unwrap();
    assert_eq!(check.status.code(), Some(0));
    // The app stack's `!ImportValue`s of the network stack's exports resolve; only the
    // one nothing exports is still a warning.
    let stderr = String::from_utf8_lossy(&check.stderr);
    assert!(!stderr.contains("stack_network-AppSubnetA"), "{stderr}");
    assert!(stderr.contains("`not-exported-anywhere`"), "{stderr}");
    let json: serde_json::Value = serde_json::from_slice(&check.stdout).unwrap();
    let files = json["files"].as_array().unwrap();
    assert_eq!(files.len(), 2, "one report per template, in argument order");
    assert_eq!(files[0]["path"], network.display().to_string());
    assert_eq!(files[1]["imported_with"][0], network.display().to_string());
    // Sizes are each template's own components, out of the set imported together.
    let set = files[0]["imported_set"]["components"].as_u64().unwrap();
    assert_eq!(files[1]["imported_set"]["components"].as_u64(), Some(set));
    let own: Vec<u64> = files
        .iter()
        .map(|f| f["components"].as_u64().unwrap())
        .collect();
    assert!(own.iter().all(|&n| n > 0 && n < set), "{own:?} of {set}");
    assert!(own.iter().sum::<u64>() <= set);
    let human = Command::new(exe)
        .args(["check", "--fail-on", "critical"])
        .arg(&network)
        .arg(&app)
        .output()
        .unwrap();
    let human = String::from_utf8_lossy(&human.stdout);
    assert!(
        human.contains(&format!("in {} components and", own[1])),
        "{human}"
    );
    assert!(
        human.contains(&format!("of {set} components and ")),
        "{human}"
    );
    // A template checked alone names no empty set of others.
    let alone = Command::new(exe)
        .args(["check", "--fail-on", "critical"])
        .arg(&network)
        .output()
        .unwrap();
    let alone = String::from_utf8_lossy(&alone.stdout);
    assert!(alone.contains("once imported)"), "{alone}");
    assert!(!alone.contains("together with )"), "{alone}");
    // Each finding is reported on the template that writes its component, at its line.
    let rules_in = |file: &serde_json::Value| -> Vec<(String, u64)> {
        file["findings"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| {
                (
                    f["rule_id"].as_str().unwrap().to_owned(),
                    f["line"].as_u64().unwrap(),
                )
            })
            .collect()
    };
    assert_eq!(rules_in(&files[0]), [("MSG-004".to_owned(), 13)]);
    assert_eq!(rules_in(&files[1]), [("MSG-003".to_owned(), 17)]);
    // Alone, the app stack cannot know the subnets it imports.
    let alone = Command::new(exe).arg("check").arg(&app).output().unwrap();
    assert!(String::from_utf8_lossy(&alone.stderr).contains("stack_network-AppSubnetA"));
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(64))]

    /// Cut and garbled templates import or fail with an error, never a panic.
    #[test]
    fn damaged_templates_never_panic(cut in 0usize..12_000, at in 0usize..12_000, junk in "[ -~\n\t{}\\[\\]!:&*|>-]{0,12}") {
        let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("samples/reference-template.yaml");
        let mut text = std::fs::read(path).unwrap();
        text.truncate(cut.min(text.len()));
        let at = at.min(text.len());
        text.splice(at..at, junk.bytes());
        let result = import::import_bytes(&text, Path::new("damaged.yaml"));
        if let Err(err) = result {
            // Damaged input is the template's fault: never an invalid diagram.
            proptest::prop_assert!(!matches!(err, ImportError::Invalid { .. }), "{err}");
            proptest::prop_assert!(!err.to_string().is_empty());
        }
    }
}

#[test]
fn settings_aws_would_refuse_are_left_out_with_a_warning() {
    let template = br#"AWSTemplateFormatVersion: "2010-09-09"
Resources:
  Vpc:
    Type: AWS::EC2::VPC
    Properties:
      CidrBlock: 10.0.0.0/16
  SubnetA:
    Type: AWS::EC2::Subnet
    Properties:
      VpcId: !Ref Vpc
      CidrBlock: 10.0.1.0/24
      AvailabilityZone: us-east-1a
  Group:
    Type: AWS::AutoScaling::AutoScalingGroup
    Properties:
      MinSize: "10"
      MaxSize: "2"
      VPCZoneIdentifier: [!Ref SubnetA]
  Db:
    Type: AWS::RDS::DBInstance
    Properties:
      Engine: mysql
      DBInstanceClass: db.t3.micro
      BackupRetentionPeriod: 90
"#;
    let path = std::path::Path::new("refused.yaml");
    let imported = cloudsketch::io::import::import_sources(&[(path, &template[..])])
        .expect("imported, not refused as a whole");
    let warnings: Vec<String> = imported.warnings.iter().map(ToString::to_string).collect();
    assert!(
        warnings
            .iter()
            .any(|w| w.contains("refused.yaml:13:3") && w.contains("min = 10 is left out")),
        "{warnings:#?}"
    );
    assert!(
        warnings
            .iter()
            .any(|w| w.contains("backup_retention_days = 90 is left out")),
        "{warnings:#?}"
    );
}
