//! Terraform JSON (`terraform show -json`, of a plan or of the state) → draft.
//!
//! Resources come from `planned_values` (plan) or `values` (state), modules included, which
//! is how real, module-heavy projects look once expanded. A reference between resources is
//! found from the attribute's value (an id, ARN, name or URL another resource has) or, when
//! the plan does not know the value yet, from the `configuration` section's references.

use std::collections::HashMap;

use super::draft::{Az, Draft, DraftNode, Origin, Place};
use super::value::{Data, Pos, Value};
use crate::model::link::{LinkProps, ReplicationMode};
use crate::model::settings::{
    AsgSettings, AuroraSettings, BackupSettings, BillingMode, CacheEngine, CloudFrontSettings,
    DynamoDbSettings, Ec2Settings, EcsServiceSettings, ElastiCacheSettings, FailoverRole,
    HealthCheckType, LambdaSettings, LaunchType, LbScheme, LoadBalancerSettings, MqDeployment,
    MqEngine, MqSettings, NatConnectivity, NatGatewaySettings, NatMode, RdsDeployment, RdsSettings,
    Route53Settings, RoutingPolicy, S3Settings, ScalingPolicy, SnsSettings, SqsSettings,
    SubnetSettings, VpcEndpointSettings, VpcEndpointType, VpcSettings,
};
use crate::model::{Kind, LinkKind, Settings};

/// Whether a document is Terraform's JSON output.
pub fn is_terraform_json(root: &Value) -> bool {
    root.get("format_version").is_some()
        && (root.get("values").is_some() || root.get("planned_values").is_some())
}

/// One managed resource instance.
struct Res<'a> {
    address: String,
    module: String,
    ty: String,
    values: &'a Value,
    pos: Pos,
}

fn collect<'a>(module: &'a Value, out: &mut Vec<Res<'a>>, depth: usize) {
    if depth > 32 {
        return;
    }
    let module_address = module.get("address").and_then(Value::text).unwrap_or("");
    for r in module
        .get("resources")
        .and_then(Value::items)
        .unwrap_or(&[])
    {
        if r.get("mode").and_then(Value::text) == Some("data") {
            continue;
        }
        let (Some(address), Some(ty)) = (
            r.get("address").and_then(Value::text),
            r.get("type").and_then(Value::text),
        ) else {
            continue;
        };
        let Some(values) = r.get("values") else {
            continue;
        };
        let module = if module_address.is_empty() {
            String::new()
        } else {
            format!("{module_address}.")
        };
        out.push(Res {
            address: address.to_owned(),
            module,
            ty: ty.to_owned(),
            values,
            pos: r.pos,
        });
    }
    for child in module
        .get("child_modules")
        .and_then(Value::items)
        .unwrap_or(&[])
    {
        collect(child, out, depth + 1);
    }
}

fn collect_config<'a>(
    module: &'a Value,
    prefix: &str,
    out: &mut HashMap<String, &'a Value>,
    depth: usize,
) {
    if depth > 32 {
        return;
    }
    for r in module
        .get("resources")
        .and_then(Value::items)
        .unwrap_or(&[])
    {
        if let (Some(address), Some(expressions)) =
            (r.get("address").and_then(Value::text), r.get("expressions"))
        {
            out.insert(format!("{prefix}{address}"), expressions);
        }
    }
    for call in module
        .get("module_calls")
        .and_then(Value::entries)
        .unwrap_or(&[])
    {
        if let Some(inner) = call.value.get("module") {
            collect_config(
                inner,
                &format!("{prefix}module.{}.", call.key),
                out,
                depth + 1,
            );
        }
    }
}

/// The configuration address of an instance: `module.a["x"].aws_subnet.b[0]` → `module.a.aws_subnet.b`.
fn config_address(address: &str) -> String {
    let mut out = String::with_capacity(address.len());
    let mut depth = 0usize;
    for ch in address.chars() {
        match ch {
            '[' => depth += 1,
            ']' => depth = depth.saturating_sub(1),
            _ if depth == 0 => out.push(ch),
            _ => {}
        }
    }
    out
}

struct Tf<'d, 'a> {
    draft: &'d mut Draft,
    file: usize,
    resources: &'a [Res<'a>],
    /// id, ARN, name or URL → resource index.
    by_value: HashMap<String, usize>,
    /// Configuration address → instance indices.
    by_config: HashMap<String, Vec<usize>>,
    config: HashMap<String, &'a Value>,
}

fn texts_at<'v>(value: &'v Value, path: &[&str], out: &mut Vec<&'v str>) {
    match (path.split_first(), &value.data) {
        (_, Data::Seq(items)) => {
            for item in items {
                texts_at(item, path, out);
            }
        }
        (None, Data::Scalar { .. }) => {
            if let Some(t) = value.text().filter(|t| !t.is_empty()) {
                out.push(t);
            }
        }
        (None, Data::Map(entries)) => {
            // A map of tags or dimensions: its values.
            for e in entries {
                texts_at(&e.value, &[], out);
            }
        }
        (Some((first, rest)), Data::Map(_)) => {
            if let Some(inner) = value.get(first) {
                texts_at(inner, rest, out);
            }
        }
        (Some(_), Data::Scalar { .. }) => {}
    }
}

fn refs_at<'v>(expr: &'v Value, path: &[&str], out: &mut Vec<&'v str>) {
    match (path.split_first(), &expr.data) {
        (_, Data::Seq(items)) => {
            for item in items {
                refs_at(item, path, out);
            }
        }
        (None, Data::Map(_)) => {
            for r in expr.get("references").and_then(Value::items).unwrap_or(&[]) {
                if let Some(t) = r.text() {
                    out.push(t);
                }
            }
        }
        (Some((first, rest)), Data::Map(_)) => {
            if let Some(inner) = expr.get(first) {
                refs_at(inner, rest, out);
            }
        }
        _ => {}
    }
}

impl Tf<'_, '_> {
    fn key(&self, i: usize) -> String {
        format!(
            "tf{}/{}",
            self.file,
            self.resources.get(i).map_or("", |r| r.address.as_str())
        )
    }

    fn origin(&self, i: usize) -> Origin {
        Origin {
            file: self.file,
            pos: self.resources.get(i).map_or(Pos::default(), |r| r.pos),
        }
    }

    fn text(&self, i: usize, path: &[&str]) -> Option<String> {
        let mut v = self.resources.get(i)?.values;
        for step in path {
            v = match &v.data {
                Data::Seq(items) => items.first()?.get(step)?,
                _ => v.get(step)?,
            };
        }
        if let Data::Seq(items) = &v.data {
            v = items.first()?;
        }
        v.text()
            .filter(|t| !t.is_empty() && !v.is_null())
            .map(str::to_owned)
    }

    fn flag(&self, i: usize, path: &[&str]) -> Option<bool> {
        Value::scalar(self.text(i, path)?, Pos::default()).as_bool()
    }

    fn count(&self, i: usize, path: &[&str]) -> Option<u32> {
        Value::scalar(self.text(i, path)?, Pos::default()).as_u32()
    }

    /// Resources an attribute points at, by value or by configuration reference.
    fn refs(&self, i: usize, path: &[&str]) -> Vec<usize> {
        let Some(res) = self.resources.get(i) else {
            return Vec::new();
        };
        let mut texts = Vec::new();
        texts_at(res.values, path, &mut texts);
        let mut found: Vec<usize> = Vec::new();
        for t in &texts {
            if let Some(&j) = self.by_value.get(*t)
                && j != i
                && !found.contains(&j)
            {
                found.push(j);
            }
        }
        if !found.is_empty() {
            return found;
        }
        let Some(expr) = self.config.get(&config_address(&res.address)) else {
            return found;
        };
        let mut refs = Vec::new();
        refs_at(expr, path, &mut refs);
        // `aws_subnet.a[count.index]` in an instance means the instance of the same index.
        let own_index = res
            .address
            .rfind('[')
            .filter(|_| res.address.ends_with(']'))
            .map(|at| &res.address[at..]);
        for r in refs {
            let r = match own_index {
                Some(index) => r
                    .replace("[count.index]", index)
                    .replace("[each.key]", index),
                None => r.to_owned(),
            };
            for j in self.resolve_reference(&res.module, &r) {
                if j != i && !found.contains(&j) {
                    found.push(j);
                }
            }
        }
        found
    }

    fn resolve_reference(&self, module: &str, reference: &str) -> Vec<usize> {
        if [
            "var.", "local.", "module.", "data.", "each.", "count.", "path.", "self.",
        ]
        .iter()
        .any(|p| reference.starts_with(p))
        {
            return Vec::new();
        }
        let mut parts = reference.splitn(3, '.');
        let (Some(ty), Some(name)) = (parts.next(), parts.next()) else {
            return Vec::new();
        };
        let instance = format!("{module}{ty}.{name}");
        if let Some(&j) = self.by_value.get(&format!("address:{instance}")) {
            return vec![j];
        }
        self.by_config
            .get(&config_address(&instance))
            .cloned()
            .unwrap_or_default()
    }

    fn first_ref(&self, i: usize, path: &[&str]) -> Option<String> {
        self.refs(i, path).first().map(|&j| self.key(j))
    }

    fn ref_keys(&self, i: usize, path: &[&str]) -> Vec<String> {
        self.refs(i, path)
            .into_iter()
            .map(|j| self.key(j))
            .collect()
    }

    fn node(&mut self, i: usize, kind: Kind, place: Place) -> Option<&mut DraftNode> {
        let res = self.resources.get(i)?;
        let key = self.key(i);
        let short = res.address.trim_start_matches("module.");
        let name = short
            .split('.')
            .filter(|s| !s.is_empty())
            .map(|s| s.strip_prefix("aws_").unwrap_or(s))
            .collect::<Vec<_>>()
            .join(".");
        let name = name
            .replace(['[', ']', '"'], "-")
            .trim_end_matches('-')
            .to_owned();
        let mut node = DraftNode::new(&key, &name, kind, self.origin(i), place);
        if let Some(label) = self.text(i, &["tags", "Name"]) {
            node.label = label;
        } else {
            node.label = res.address.clone();
        }
        self.draft.add(node);
        self.draft.node_mut(&key)
    }

    fn link(&mut self, kind: LinkKind, from: &str, to: &str, props: LinkProps, i: usize) {
        let origin = self.origin(i);
        self.draft.link(kind, from, to, props, origin);
    }
}

/// Maps the resources of a Terraform document into `draft`.
pub fn map(root: &Value, file: usize, draft: &mut Draft) {
    let mut resources = Vec::new();
    let values = root
        .path(&["planned_values", "root_module"])
        .or_else(|| root.path(&["values", "root_module"]));
    if let Some(module) = values {
        collect(module, &mut resources, 0);
    }
    let mut config = HashMap::new();
    if let Some(module) = root.path(&["configuration", "root_module"]) {
        collect_config(module, "", &mut config, 0);
    }
    if draft.region.is_none() {
        draft.region = root
            .path(&[
                "configuration",
                "provider_config",
                "aws",
                "expressions",
                "region",
                "constant_value",
            ])
            .and_then(Value::text)
            .map(str::to_owned);
    }
    let mut by_value = HashMap::new();
    let mut by_config: HashMap<String, Vec<usize>> = HashMap::new();
    for (i, r) in resources.iter().enumerate() {
        for field in [
            "id",
            "arn",
            "url",
            "name",
            "dns_name",
            "domain_name",
            "bucket_regional_domain_name",
        ] {
            if let Some(t) = r
                .values
                .get(field)
                .and_then(Value::text)
                .filter(|t| !t.is_empty())
            {
                by_value.entry(t.to_owned()).or_insert(i);
            }
        }
        by_value.insert(format!("address:{}", r.address), i);
        by_config
            .entry(config_address(&r.address))
            .or_default()
            .push(i);
    }
    let mut tf = Tf {
        draft,
        file,
        resources: &resources,
        by_value,
        by_config,
        config,
    };
    let mut relations = Relations::default();
    for i in 0..resources.len() {
        relate(&mut tf, i, &mut relations);
    }
    for (i, res) in resources.iter().enumerate() {
        if !map_resource(&mut tf, i, &relations) {
            let ty = res.ty.as_str();
            if !ty.starts_with("aws_") || no_diagram_meaning(ty) {
                tf.draft.skip(ty);
            } else {
                let origin = tf.origin(i);
                tf.draft.warn(origin, format!("resource `{}` has type `{ty}`, which cloudsketch does not draw; it is left out", res.address));
            }
        }
    }
    for i in 0..resources.len() {
        modify(&mut tf, i);
    }
    finish(&mut tf, &relations);
    if tf.draft.region.is_none() {
        let zone = tf.draft.nodes.iter().find_map(|n| match &n.az {
            Some(Az::Named(z)) if z.ends_with(|c: char| c.is_ascii_lowercase()) => {
                Some(z[..z.len() - 1].to_owned())
            }
            _ => None,
        });
        tf.draft.region = zone;
    }
}

fn no_diagram_meaning(ty: &str) -> bool {
    const PREFIXES: [&str; 12] = [
        "aws_iam_",
        "aws_cloudwatch_log_",
        "aws_kms_",
        "aws_security_group",
        "aws_ssm_",
        "aws_secretsmanager_",
        "aws_acm_",
        "aws_eip",
        "aws_launch_",
        "aws_key_pair",
        "aws_network_acl",
        "aws_vpc_security_group_",
    ];
    PREFIXES.iter().any(|p| ty.starts_with(p))
        || matches!(
            ty,
            "aws_lambda_permission"
                | "aws_sqs_queue_policy"
                | "aws_sns_topic_policy"
                | "aws_s3_bucket_policy"
                | "aws_ecs_cluster"
                | "aws_ecs_task_definition"
                | "aws_route53_zone"
                | "aws_db_parameter_group"
                | "aws_backup_vault"
                | "aws_flow_log"
                | "aws_cloudwatch_dashboard"
        )
}

#[derive(Default)]
struct Relations {
    gateway_vpc: HashMap<String, String>,
    routes: Vec<(String, Option<String>, String, usize)>,
    associations: Vec<(String, String)>,
    subnet_groups: HashMap<String, Vec<String>>,
    cluster_members: HashMap<String, u32>,
    tg_targets: Vec<(String, String, usize)>,
    lb_tgs: Vec<(String, String, usize)>,
    target_groups: HashMap<String, (bool, Option<String>)>,
    endpoint_tables: Vec<(String, String, usize)>,
    plan_hours: HashMap<String, u32>,
}

fn relate(tf: &mut Tf<'_, '_>, i: usize, rel: &mut Relations) {
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
                .filter_map(|s| super::cfn::schedule_hours(s))
                .min()
            {
                rel.plan_hours.insert(key, h);
            }
        }
        _ => {}
    }
}

fn map_resource(tf: &mut Tf<'_, '_>, i: usize, rel: &Relations) -> bool {
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
        | "aws_lambda_function_event_invoke_config" => {}
        _ => return false,
    }
    true
}

/// Resources that change nodes or link them: run once every node exists.
fn modify(tf: &mut Tf<'_, '_>, i: usize) {
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

fn finish(tf: &mut Tf<'_, '_>, rel: &Relations) {
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
