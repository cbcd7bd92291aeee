//! CloudFormation (and SAM) templates → draft: reads the sections, resolves intrinsics and
//! hands each resource to the mapper of its family (one file each). Resources with no
//! diagram meaning are counted as skipped; unknown types are warnings, never failures.
//!
//! Depends on the value tree and the draft only; never on files or egui.

mod compute;
mod data;
mod edge;
pub use edge::schedule_hours;
pub mod intrinsics;
mod messaging;
mod network;
mod stitch;

use std::collections::HashMap;

use intrinsics::{R, Resolver, Scope};

use super::draft::{Az, Draft, DraftNode, Origin, Place};
use super::value::{Pos, Value};
use crate::model::LinkKind;
use crate::model::link::LinkProps;

/// One parsed template of the set.
pub struct Template<'a> {
    /// Index of its file.
    pub file: usize,
    /// Stack name used for `AWS::StackName`: the file's stem.
    pub stack: String,
    /// The whole document.
    pub root: &'a Value,
}

/// Whether a document is a CloudFormation template: a `Resources` mapping, or the format
/// version key.
pub fn is_template(root: &Value) -> bool {
    root.get("AWSTemplateFormatVersion").is_some()
        || root
            .get("Resources")
            .and_then(Value::entries)
            .is_some_and(|e| e.iter().any(|r| r.value.get("Type").is_some()))
}

fn prefix(file: usize) -> String {
    format!("{file}/")
}

/// Maps every template of the set into `draft`, stitching `Fn::ImportValue` to the exports of
/// the others.
pub fn map_templates(templates: &[Template<'_>], draft: &mut Draft) {
    let resources: Vec<HashMap<String, &Value>> = templates
        .iter()
        .map(|t| {
            t.root
                .get("Resources")
                .and_then(Value::entries)
                .unwrap_or(&[])
                .iter()
                .map(|e| (e.key.clone(), &e.value))
                .collect()
        })
        .collect();
    let properties: Vec<HashMap<String, &Value>> = resources
        .iter()
        .map(|r| {
            r.iter()
                .filter_map(|(k, v)| Some((k.clone(), v.get("Properties")?)))
                .collect()
        })
        .collect();
    let exports = stitch::exports(templates, &resources, &properties);
    for (i, t) in templates.iter().enumerate() {
        let resolver = Resolver::new(scope(t, &resources[i], &properties[i], &exports));
        let mut cx = Cx {
            draft,
            resolver,
            file: t.file,
            prefix: prefix(t.file),
            pending: Pending::default(),
        };
        cx.map_template(t.root);
        let warnings = std::mem::take(&mut cx.resolver.warnings);
        for (pos, message) in warnings {
            draft.warn(Origin { file: t.file, pos }, message);
        }
    }
}

pub(crate) fn scope<'a>(
    t: &Template<'a>,
    resources: &'a HashMap<String, &'a Value>,
    properties: &'a HashMap<String, &'a Value>,
    exports: &'a HashMap<String, R>,
) -> Scope<'a> {
    Scope {
        prefix: prefix(t.file),
        resources,
        parameters: t
            .root
            .get("Parameters")
            .and_then(Value::entries)
            .unwrap_or(&[])
            .iter()
            .map(|e| (e.key.clone(), &e.value))
            .collect(),
        mappings: t.root.get("Mappings"),
        conditions: t.root.get("Conditions"),
        exports,
        stack_name: t.stack.clone(),
        properties,
    }
}

/// Facts gathered from resources that only relate others (route tables, attachments,
/// listeners, target groups), applied once every node exists.
#[derive(Default)]
pub(crate) struct Pending {
    /// Route table → routes (destination, target key, where).
    pub routes: HashMap<String, Vec<(Option<String>, String, Origin)>>,
    /// Subnet → route tables.
    pub associations: Vec<(String, String)>,
    /// Gateway (IGW or VPN gateway) → VPC.
    pub gateway_vpc: HashMap<String, String>,
    /// Target group → (health checked, protocol).
    pub target_groups: HashMap<String, (bool, Option<String>)>,
    /// Target group → targets.
    pub tg_targets: Vec<(String, String, Origin)>,
    /// Load balancer → target groups.
    pub lb_tgs: Vec<(String, String, Origin)>,
    /// Listener → load balancer.
    pub listener_lb: HashMap<String, String>,
    /// Subnet group → subnets.
    pub subnet_groups: HashMap<String, Vec<String>>,
    /// Subnet group name (as text) → subnet group key.
    pub subnet_group_names: HashMap<String, String>,
    /// Aurora cluster → member instances.
    pub cluster_members: HashMap<String, u32>,
    /// Volume → instance it is attached to.
    pub volume_instance: HashMap<String, String>,
    /// File system → mount target subnets.
    pub mount_targets: HashMap<String, Vec<String>>,
    /// Backup plan → hours between backups.
    pub plan_hours: HashMap<String, u32>,
    /// Route 53 health checks.
    pub health_checks: Vec<String>,
    /// Code → resources its environment names (caller, callee).
    pub uses: Vec<(String, String, Origin)>,
    /// Gateway endpoint → route tables.
    pub endpoint_tables: Vec<(String, String, Origin)>,
}

/// The mapping context of one template.
pub(crate) struct Cx<'d, 'a> {
    /// What is being built.
    pub draft: &'d mut Draft,
    /// Intrinsics of this template.
    pub resolver: Resolver<'a>,
    /// Index of this template's file.
    pub file: usize,
    /// Key prefix of this template's resources.
    pub prefix: String,
    /// Relations gathered before the nodes exist.
    pub pending: Pending,
}

/// Types that change nodes mapped from other resources.
fn is_modifier(ty: &str) -> bool {
    matches!(
        ty,
        "AWS::AutoScaling::ScalingPolicy"
            | "AWS::AutoScaling::ScheduledAction"
            | "AWS::Lambda::EventSourceMapping"
            | "AWS::Lambda::EventInvokeConfig"
            | "AWS::EC2::VPCCidrBlock"
            | "AWS::CloudWatch::Alarm"
            | "AWS::Backup::BackupSelection"
            | "AWS::ApiGateway::Method"
            | "AWS::ApiGateway::Stage"
            | "AWS::ApiGatewayV2::Integration"
            | "AWS::Events::Rule"
    )
}

/// Types with no diagram meaning: skipped and counted.
fn no_diagram_meaning(ty: &str) -> bool {
    const PREFIXES: [&str; 14] = [
        "AWS::IAM::",
        "AWS::Logs::",
        "AWS::KMS::",
        "AWS::SSM::",
        "AWS::SecretsManager::",
        "AWS::CertificateManager::",
        "AWS::CloudFormation::",
        "AWS::WAFv2::",
        "AWS::Cognito::",
        "AWS::CodeBuild::",
        "AWS::CodePipeline::",
        "AWS::SSO::",
        "AWS::Config::",
        "AWS::CloudTrail::",
    ];
    const TYPES: [&str; 31] = [
        "AWS::EC2::SecurityGroup",
        "AWS::EC2::SecurityGroupIngress",
        "AWS::EC2::SecurityGroupEgress",
        "AWS::EC2::EIP",
        "AWS::EC2::LaunchTemplate",
        "AWS::EC2::KeyPair",
        "AWS::EC2::NetworkAcl",
        "AWS::EC2::NetworkAclEntry",
        "AWS::EC2::SubnetNetworkAclAssociation",
        "AWS::EC2::FlowLog",
        "AWS::EC2::DHCPOptions",
        "AWS::EC2::VPCDHCPOptionsAssociation",
        "AWS::AutoScaling::LaunchConfiguration",
        "AWS::AutoScaling::LifecycleHook",
        "AWS::Lambda::Permission",
        "AWS::Lambda::Version",
        "AWS::Lambda::Alias",
        "AWS::Lambda::LayerVersion",
        "AWS::SQS::QueuePolicy",
        "AWS::SNS::TopicPolicy",
        "AWS::S3::BucketPolicy",
        "AWS::ECS::Cluster",
        "AWS::ECS::TaskDefinition",
        "AWS::ApiGateway::Deployment",
        "AWS::ApiGateway::Resource",
        "AWS::ApiGatewayV2::Route",
        "AWS::ApiGatewayV2::Stage",
        "AWS::Route53::HostedZone",
        "AWS::CloudWatch::Dashboard",
        "AWS::RDS::DBParameterGroup",
        "AWS::Backup::BackupVault",
    ];
    PREFIXES.iter().any(|p| ty.starts_with(p))
        || TYPES.contains(&ty)
        || matches!(
            ty,
            "AWS::RDS::DBClusterParameterGroup"
                | "AWS::ElastiCache::ParameterGroup"
                | "AWS::ApplicationAutoScaling::ScalableTarget"
                | "AWS::ApiGateway::Account"
                | "AWS::ApiGateway::Authorizer"
                | "AWS::ApiGatewayV2::Authorizer"
                | "AWS::Serverless::LayerVersion"
        )
}

impl<'a> Cx<'_, 'a> {
    fn map_template(&mut self, root: &'a Value) {
        let Some(resources) = root.get("Resources").and_then(Value::entries) else {
            return;
        };
        let globals = root.path(&["Globals", "Function"]);
        // Relating resources first, so that nodes can read what relates to them.
        for entry in resources {
            let ty = entry.value.get("Type").and_then(Value::text).unwrap_or("");
            let props = entry.value.get("Properties");
            let origin = self.origin(entry.key_pos);
            let key = self.key(&entry.key);
            self.prescan(&key, ty, props, origin);
        }
        // Resources that change others (scaling policies, alarms, event source mappings…)
        // come after every node exists.
        let (plain, modifiers): (Vec<_>, Vec<_>) = resources.iter().partition(|e| {
            !e.value
                .get("Type")
                .and_then(Value::text)
                .is_some_and(is_modifier)
        });
        for entry in plain.into_iter().chain(modifiers) {
            let origin = self.origin(entry.key_pos);
            let Some(ty) = entry.value.get("Type").and_then(Value::text) else {
                self.draft.warn(
                    origin,
                    format!("resource `{}` has no `Type`; it is left out", entry.key),
                );
                continue;
            };
            if let Some(cond) = entry.value.get("Condition").and_then(Value::text)
                && self.resolver.condition(cond) == Some(false)
            {
                self.draft
                    .skip(&format!("{ty} (condition {cond} is false)"));
                continue;
            }
            let empty = Value::scalar("", entry.value.pos);
            let props = entry.value.get("Properties").unwrap_or(&empty);
            // Resolve every property once, so a reference to a missing resource is reported
            // even where no mapper reads it.
            self.resolver.resolve(props);
            self.check_depends_on(entry.value.get("DependsOn"));
            let key = self.key(&entry.key);
            let res = Res {
                key: &key,
                name: &entry.key,
                ty,
                props,
                origin,
            };
            if !self.map_resource(&res, globals) {
                if no_diagram_meaning(ty) {
                    self.draft.skip(ty);
                } else {
                    self.draft.warn(
                        origin,
                        format!("resource `{}` has type `{ty}`, which cloudsketch does not draw; it is left out", entry.key),
                    );
                }
            }
        }
        self.finish_relations();
    }

    fn check_depends_on(&mut self, depends: Option<&Value>) {
        let Some(depends) = depends else {
            return;
        };
        let names: Vec<&Value> = match depends.items() {
            Some(items) => items.iter().collect(),
            None => vec![depends],
        };
        for name in names {
            if let Some(target) = name.text()
                && !self.resolver.scope.resources.contains_key(target)
            {
                self.draft.warn(
                    self.origin(name.pos),
                    format!(
                        "`DependsOn` names `{target}`, which is not a resource of the template"
                    ),
                );
            }
        }
    }

    /// Sends a resource to its family; false when no family draws or folds it.
    fn map_resource(&mut self, r: &Res<'_>, globals: Option<&'a Value>) -> bool {
        network::map(self, r)
            || compute::map(self, r, globals)
            || data::map(self, r)
            || messaging::map(self, r)
            || edge::map(self, r)
    }

    fn prescan(&mut self, key: &str, ty: &str, props: Option<&'a Value>, origin: Origin) {
        let Some(props) = props else {
            return;
        };
        network::prescan(self, key, ty, props, origin);
        compute::prescan(self, key, ty, props, origin);
        data::prescan(self, key, ty, props, origin);
        edge::prescan(self, key, ty, props, origin);
    }

    fn finish_relations(&mut self) {
        network::finish(self);
        edge::finish(self);
        // A queue, topic, bus or stream named in a function's environment is sent to;
        // anything else that answers requests is called.
        for (from, to, origin) in std::mem::take(&mut self.pending.uses) {
            let (Some(a), Some(b)) = (self.draft.node(&from), self.draft.node(&to)) else {
                continue;
            };
            let kind = [LinkKind::Send, LinkKind::Request]
                .into_iter()
                .find(|k| k.allows(a.kind, b.kind));
            if let Some(kind) = kind {
                self.link(kind, &from, &to, LinkProps::default(), origin);
            }
        }
    }

    /// The type of a resource of this template, by key.
    pub fn type_of(&self, key: &str) -> Option<&'a str> {
        let logical = key.strip_prefix(&self.prefix)?;
        self.resolver
            .scope
            .resources
            .get(logical)?
            .get("Type")?
            .text()
    }

    /// Where `pos` is, in this template's file.
    pub fn origin(&self, pos: Pos) -> Origin {
        Origin {
            file: self.file,
            pos,
        }
    }

    /// The draft key of a resource of this template.
    pub fn key(&self, logical: &str) -> String {
        format!("{}{logical}", self.prefix)
    }

    /// Resolves a property.
    pub fn get(&mut self, props: &Value, name: &str) -> Option<R> {
        let value = props.get(name)?;
        match self.resolver.resolve(value) {
            R::NoValue => None,
            r => Some(r),
        }
    }

    /// Resolves a property path.
    pub fn get_path(&mut self, props: &Value, path: &[&str]) -> Option<R> {
        let value = props.path(path)?;
        match self.resolver.resolve(value) {
            R::NoValue => None,
            r => Some(r),
        }
    }

    /// A text property, when the template fixes it.
    pub fn text(&mut self, props: &Value, name: &str) -> Option<String> {
        match self.get(props, name)? {
            R::Text(t) => Some(t),
            _ => None,
        }
    }

    /// A boolean property.
    pub fn flag(&mut self, props: &Value, name: &str) -> Option<bool> {
        match self.text(props, name)?.trim() {
            "true" | "True" | "TRUE" => Some(true),
            "false" | "False" | "FALSE" => Some(false),
            _ => None,
        }
    }

    /// A text property at a path.
    pub fn text_path(&mut self, props: &Value, path: &[&str]) -> Option<String> {
        match self.get_path(props, path)? {
            R::Text(t) => Some(t),
            _ => None,
        }
    }

    /// A boolean property at a path.
    pub fn flag_path(&mut self, props: &Value, path: &[&str]) -> Option<bool> {
        match self.text_path(props, path)?.trim() {
            "true" | "True" | "TRUE" => Some(true),
            "false" | "False" | "FALSE" => Some(false),
            _ => None,
        }
    }

    /// A whole-number property at a path.
    pub fn count_path(&mut self, props: &Value, path: &[&str]) -> Option<u32> {
        let text = self.text_path(props, path)?;
        Value::scalar(text, Pos::default()).as_u32()
    }

    /// A whole-number property.
    pub fn count(&mut self, props: &Value, name: &str) -> Option<u32> {
        let text = self.text(props, name)?;
        Value::scalar(text, Pos::default()).as_u32()
    }

    /// Resource keys a property mentions, in order.
    pub fn refs(&mut self, props: &Value, name: &str) -> Vec<String> {
        self.get(props, name).map(|r| r.refs()).unwrap_or_default()
    }

    /// Resource keys a list property mentions, each item on its own.
    pub fn ref_list(&mut self, props: &Value, name: &str) -> Vec<String> {
        match self.get(props, name) {
            Some(R::List(items)) => items.iter().flat_map(R::refs).collect(),
            Some(other) => other.refs(),
            None => Vec::new(),
        }
    }

    /// The zone a property names.
    pub fn zone(&mut self, props: &Value, name: &str) -> Option<Az> {
        match self.get(props, name)? {
            R::Zone(az) => Some(az),
            R::Text(t) if !t.is_empty() => Some(Az::Named(t)),
            _ => Some(Az::Unknown),
        }
    }

    /// Adds a node for resource `r`.
    pub fn node(&mut self, r: &Res<'_>, kind: crate::model::Kind, place: Place) -> &mut DraftNode {
        let mut node = DraftNode::new(r.key, r.name, kind, r.origin, place);
        // The `Name` tag is what the console shows, so it is the label when there is one.
        let tags = r.props.get("Tags").and_then(Value::items).unwrap_or(&[]);
        let name_tag = tags
            .iter()
            .find(|t| t.get("Key").and_then(Value::text) == Some("Name"))
            .and_then(|t| t.get("Value"));
        if let Some(R::Text(name)) = name_tag.map(|v| self.resolver.resolve(v))
            && !name.trim().is_empty()
        {
            node.label = name;
        }
        let key = node.key.clone();
        self.draft.add(node);
        self.draft
            .node_mut(&key)
            .expect("a node was just added under this key")
    }

    /// Adds a link.
    pub fn link(&mut self, kind: LinkKind, from: &str, to: &str, props: LinkProps, origin: Origin) {
        self.draft.link(kind, from, to, props, origin);
    }
}

/// One resource being mapped.
pub(crate) struct Res<'r> {
    /// Draft key.
    pub key: &'r str,
    /// Logical id.
    pub name: &'r str,
    /// Resource type.
    pub ty: &'r str,
    /// Its properties.
    pub props: &'r Value,
    /// Where it is written.
    pub origin: Origin,
}
