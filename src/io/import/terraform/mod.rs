//! Terraform JSON (`terraform show -json`, of a plan or of the state) → draft.
//!
//! Resources come from `planned_values` (plan) or `values` (state), modules included, which
//! is how real, module-heavy projects look once expanded. A reference between resources is
//! found from the attribute's value (an id, ARN, name or URL another resource has) or, when
//! the plan does not know the value yet, from the `configuration` section's references.
//! `resources.rs` maps each type; `relations.rs` gathers and applies what relates them.

mod relations;
mod resources;

use std::collections::HashMap;

use relations::{Relations, finish, modify, relate};
use resources::map_resource;

use super::draft::{Az, Draft, DraftNode, Origin, Place};
use super::value::{Data, Pos, Value};
use crate::model::link::LinkProps;
use crate::model::{Kind, LinkKind};

/// Whether a document is Terraform's JSON output.
pub fn is_terraform_json(root: &Value) -> bool {
    root.get("format_version").is_some()
        && (root.get("values").is_some() || root.get("planned_values").is_some())
}

/// One managed resource instance.
pub(super) struct Res<'a> {
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

pub(super) struct Tf<'d, 'a> {
    draft: &'d mut Draft,
    file: usize,
    resources: &'a [Res<'a>],
    /// id, ARN, name or URL → resource index.
    by_value: HashMap<String, usize>,
    /// Configuration address → instance indices.
    by_config: HashMap<String, Vec<usize>>,
    config: HashMap<String, &'a Value>,
}

pub(super) fn texts_at<'v>(value: &'v Value, path: &[&str], out: &mut Vec<&'v str>) {
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
            "stream_arn",
            "invoke_arn",
            "qualified_arn",
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
