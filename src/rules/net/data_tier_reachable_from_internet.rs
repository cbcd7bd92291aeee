//! NET-003: data that the Internet can reach without passing through the application.

use std::collections::VecDeque;

use petgraph::stable_graph::NodeIndex;

use crate::model::settings::Settings;
use crate::model::{Component, ComponentId, Kind, LinkKind, Severity};
use crate::rules::context::{DATA_STORE_KINDS, LintContext, is_data_store};
use crate::rules::fixes::{subnet_intent, subnets_of};
use crate::rules::{Finding, Rule, RuleMeta, fixes};

declare_rule! {
    /// ## What it flags
    /// A data store reached from Users / Internet through DNS, CDN or load balancers without
    /// an application tier (compute, API Gateway or Step Functions) in between; a data store
    /// placed in a public subnet; an RDS instance that is `publicly_accessible`; a public
    /// Amazon MQ broker; a bucket without Block Public Access; an instance behind a load
    /// balancer that also has a public IP. Critical for databases, high otherwise.
    ///
    /// ## Why it matters
    /// AWS Config `rds-instance-public-access-check`, `ec2-instance-no-public-ip`; checkov
    /// CKV_AWS_17, CKV_AWS_88, CKV_AWS_69, CKV_AWS_130; AWS Well-Architected REL02-BP01
    /// (anti-pattern: public addresses on individual instances).
    ///
    /// ## Example
    /// `tests/fixtures/rules/NET-003/fail_public_database.ron`
    ///
    /// ## Use instead
    /// Data stores in private or isolated subnets, reachable only from the application tier
    /// (`pass_private_database.ron`).
    ///
    /// ## Known limitations
    /// Security groups are not drawn. A static site served from S3 through CloudFront is
    /// flagged by the path check; accept it with a reason when access goes through origin
    /// access control.
    pub DataTierReachableFromInternet {
        id: "NET-003",
        name: "data-tier-reachable-from-internet",
        family: Net,
        default_severity: High,
        since: "0.2.0",
    }
}

fn is_database(c: &Component) -> bool {
    matches!(
        c.kind,
        Kind::Rds | Kind::Aurora | Kind::DynamoDb | Kind::ElastiCache
    ) || c.kind == Kind::Ec2 && is_data_store(c)
}

fn severity(c: &Component) -> Severity {
    if is_database(c) {
        Severity::Critical
    } else {
        Severity::High
    }
}

/// Where a request stops being "the Internet": something that runs the application.
fn application_tier(kind: Kind) -> bool {
    matches!(
        kind,
        Kind::Ec2
            | Kind::AutoScalingGroup
            | Kind::EcsService
            | Kind::EcsTask
            | Kind::Eks
            | Kind::Lambda
            | Kind::ApiGateway
            | Kind::StepFunctions
            | Kind::OnPremises
            | Kind::ExternalService
    )
}

fn exposed_stores<'a>(cx: &LintContext<'a>) -> Vec<(&'a Component, Vec<ComponentId>)> {
    // Breadth first from the users; each component remembers where it was first reached
    // from, and a store's path is read back from there.
    let mut found = Vec::new();
    let mut from: Vec<Option<NodeIndex>> = vec![None; cx.node_bound()];
    let mut seen = vec![false; cx.node_bound()];
    let mut queue: VecDeque<NodeIndex> = cx
        .components_indexed()
        .filter(|(_, c)| c.kind == Kind::Users)
        .map(|(ix, _)| ix)
        .collect();
    for root in &queue {
        seen[root.index()] = true;
    }
    let path_to = |end: NodeIndex, from: &[Option<NodeIndex>]| {
        let mut path = vec![cx.component_at(end).id.clone()];
        let mut current = end;
        while let Some(previous) = from[current.index()] {
            path.push(cx.component_at(previous).id.clone());
            current = previous;
        }
        path.reverse();
        path
    };
    while let Some(c) = queue.pop_front() {
        for view in cx.outgoing_at(c) {
            let next = view.to_ix;
            if !matches!(view.kind, LinkKind::Request | LinkKind::Route) || seen[next.index()] {
                continue;
            }
            seen[next.index()] = true;
            from[next.index()] = Some(c);
            if is_data_store(view.to) {
                found.push((view.to, next));
            } else if !application_tier(view.to.kind) {
                queue.push_back(next);
            }
        }
    }
    found
        .into_iter()
        .map(|(store, ix)| (store, path_to(ix, &from)))
        .collect()
}

impl Rule for DataTierReachableFromInternet {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &LintContext<'_>, out: &mut Vec<Finding>) {
        for (store, path) in exposed_stores(cx) {
            out.push(
                Self::finding(
                    severity(store),
                    text!(store.display_name(), " is reachable from the Internet without passing through an application tier"),
                )
                .component(&store.id)
                .with_path(path),
            );
        }
        // Data stores, and brokers (the settings checked below).
        let kinds = [DATA_STORE_KINDS, &[Kind::AmazonMq]].concat();
        for c in cx.of_kinds(&kinds) {
            let name = c.display_name();
            if is_data_store(c)
                && let Some(subnet) = subnets_of(cx, c).into_iter().find(|s| {
                    subnet_intent(cx, s) == Some(crate::model::settings::SubnetIntent::Public)
                })
            {
                out.push(
                    Self::finding(
                        severity(c),
                        text!(name, " sits in public subnet ", subnet.display_name()),
                    )
                    .component(&c.id)
                    .component(&subnet.id),
                );
            }
            let set = |title: String, change: fn(&mut Settings)| {
                Some(fixes::change_settings(c, title, change))
            };
            let (severity, message, fix) = match &c.props.settings {
                Settings::Rds(r) if r.publicly_accessible() => (
                    Severity::Critical,
                    format!("{name} has a public endpoint (publicly accessible)"),
                    set(format!("Make {name} private"), |s| {
                        if let Settings::Rds(r) = s {
                            r.publicly_accessible = Some(false);
                        }
                    }),
                ),
                Settings::Mq(m) if m.public() => (
                    Severity::High,
                    format!("{name} is a publicly accessible broker"),
                    set(format!("Make {name} private"), |s| {
                        if let Settings::Mq(m) = s {
                            m.public = Some(false);
                        }
                    }),
                ),
                Settings::S3(b) if !b.public_access_block() => (
                    Severity::High,
                    format!("{name} has Block Public Access turned off"),
                    set(format!("Block public access to {name}"), |s| {
                        if let Settings::S3(b) = s {
                            b.public_access_block = Some(true);
                        }
                    }),
                ),
                Settings::Ec2(e) if e.public_ip() && behind_load_balancer(cx, c) => (
                    Severity::High,
                    format!(
                        "{name} is behind a load balancer but also has a public IP, bypassing it"
                    ),
                    set(format!("Remove the public IP of {name}"), |s| {
                        if let Settings::Ec2(e) = s {
                            e.public_ip = Some(false);
                        }
                    }),
                ),
                _ => continue,
            };
            out.push(
                Self::finding(severity, message)
                    .component(&c.id)
                    .with_fix(fix),
            );
        }
    }
}

fn behind_load_balancer(cx: &LintContext<'_>, c: &Component) -> bool {
    let routed = |id: &ComponentId| {
        cx.incoming(id).iter().any(|l| {
            l.kind == LinkKind::Route
                && cx
                    .component(&l.from)
                    .is_some_and(|f| f.kind.is_load_balancer())
        })
    };
    routed(&c.id) || c.parent.as_ref().is_some_and(routed)
}
