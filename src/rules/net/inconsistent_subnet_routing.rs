//! NET-002: route tables that contradict the subnet's purpose or leave traffic nowhere to go.

use petgraph::stable_graph::NodeIndex;

use crate::model::settings::{LbScheme, NatConnectivity, NatMode, Settings, SubnetIntent};
use crate::model::{Component, ComponentId, Edit, Kind, Link, LinkKind, Severity};
use crate::rules::adjacency::Adjacency;
use crate::rules::context::{LintContext, Zones, join_names};
use crate::rules::{Finding, Fix, Rule, RuleMeta, fixes};

declare_rule! {
    /// ## What it flags
    /// (a) A subnet drawn private whose route table sends traffic to an Internet gateway;
    /// (b) a component in a VPC that calls the Internet or a public AWS endpoint (S3,
    /// DynamoDB, SQS, …) from a subnet with no default route to a NAT gateway, Internet
    /// gateway or transit gateway and no VPC endpoint for that service; (c) a zonal public
    /// NAT gateway in a subnet without a route to an Internet gateway; (d) an
    /// internet-facing load balancer (set so, or called straight from the Internet) in a
    /// VPC with no Internet gateway at all; at info, one whose scheme is not set (AWS's
    /// default is internet-facing) in such a VPC.
    ///
    /// ## Why it matters
    /// Such calls time out, or a "private" subnet is public after all. VPC "Regional NAT
    /// gateways" (zonal NAT gateways live in public subnets); checkov CKV2_AWS_35; AWS Config
    /// `subnet-auto-assign-public-ip-disabled`, checkov CKV_AWS_130. Elastic Load Balancing
    /// refuses to create an internet-facing load balancer in a VPC without an Internet
    /// gateway ("VPC has no internet gateway"): its nodes need public subnets.
    ///
    /// ## Example
    /// `tests/fixtures/rules/NET-002/fail_private_subnet_without_egress.ron`; for (d), a
    /// load balancer whose scheme is not set in a VPC without a gateway:
    /// `tests/fixtures/rules/NET-002/fail_load_balancer_scheme_unset_without_internet_gateway.ron`.
    ///
    /// ## Use instead
    /// A route to the NAT gateway of the subnet's AZ, or a gateway endpoint for S3 and
    /// DynamoDB (`pass_private_subnet_through_nat.ron`).
    ///
    /// ## Known limitations
    /// (a) to (c) are only judged in VPCs where at least one route is drawn (a sketch
    /// without routes is not wrong yet); (d) needs no routes, since no route can fix it. NAT instances cannot be drawn as route targets and are not checked.
    pub InconsistentSubnetRouting {
        id: "NET-002",
        name: "inconsistent-subnet-routing",
        family: Net,
        default_severity: High,
        since: "0.2.0",
    }
}

fn routes<'a, 'c>(
    cx: &'c LintContext<'a>,
    subnet: &Component,
) -> impl Iterator<Item = (&'a Link, &'a Component)> + use<'a, 'c> {
    // The subnet's link views carry both ends: no id lookup per route.
    cx.index_of(subnet)
        .into_iter()
        .flat_map(|ix| cx.outgoing_at(ix))
        .filter(|v| v.kind == LinkKind::NetworkRoute)
        .map(|v| (v.link, v.to))
}

fn default_route(link: &Link) -> bool {
    link.props
        .destination_cidr
        .as_deref()
        .is_none_or(|d| d.trim() == "0.0.0.0/0")
}

/// The endpoint service name of a public AWS service kind.
fn endpoint_service(kind: Kind) -> Option<&'static str> {
    Some(match kind {
        Kind::S3 => "s3",
        Kind::DynamoDb => "dynamodb",
        Kind::Sqs => "sqs",
        Kind::Sns => "sns",
        Kind::EventBridge => "events",
        Kind::Kinesis => "kinesis",
        Kind::StepFunctions => "states",
        Kind::ApiGateway => "execute-api",
        Kind::Ecr => "ecr",
        Kind::Lambda => "lambda",
        _ => return None,
    })
}

fn endpoint_serves(endpoint: &Component, service: &str) -> bool {
    matches!(&endpoint.props.settings, Settings::VpcEndpoint(e) if e.service.as_deref().is_some_and(|s| s.to_ascii_lowercase().contains(service)))
}

/// A NAT gateway that serves `subnet`'s AZ (a regional one, or a zonal one in that AZ).
fn nat_for<'a>(cx: &LintContext<'a>, vpc: &Component, subnet: &Component) -> Option<&'a Component> {
    let zone = cx.zones(&subnet.id);
    cx.of_kind(Kind::NatGateway).iter().copied().find(|n| {
        matches!(&n.props.settings, Settings::NatGateway(s)
            if cx.vpc_of(&n.id).is_some_and(|v| v.id == vpc.id)
                && (s.availability_mode() == NatMode::Regional || (matches!(zone, Zones::Known(_)) && cx.zones(&n.id) == zone)))
    })
}

fn add_route(cx: &LintContext<'_>, subnet: &Component, target: &Component, title: String) -> Fix {
    Fix::new(title, route_edit(cx, subnet, target))
}

fn route_edit(cx: &LintContext<'_>, subnet: &Component, target: &Component) -> Edit {
    let mut link = Link::new(LinkKind::NetworkRoute, &subnet.id, &target.id);
    if cx.diagram.link(&link.id).is_some() {
        link.id = cx.diagram.fresh_link_id(link.id.as_str());
    }
    link.props.destination_cidr = Some("0.0.0.0/0".to_owned());
    Edit::AddLink(Box::new(link))
}

/// A load balancer meant to face the Internet: its scheme says so, or an Internet actor
/// calls it directly (an unset scheme alone is AWS's default, not a decision).
fn internet_facing(cx: &LintContext<'_>, ix: NodeIndex, lb: &Component) -> bool {
    let Settings::LoadBalancer(s) = &lb.props.settings else {
        return false;
    };
    if !lb.kind.is_load_balancer() || s.scheme() != LbScheme::InternetFacing {
        return false;
    }
    s.scheme.is_some() || cx.incoming_at(ix).any(|v| v.from.kind == Kind::Users)
}

/// A load balancer whose scheme is not set: AWS makes it internet-facing.
fn facing_by_default(lb: &Component) -> bool {
    matches!(&lb.props.settings, Settings::LoadBalancer(s) if s.scheme.is_none())
}

/// Finding (d) for a load balancer internet-facing only by AWS's default, at info: the
/// sketch may not have decided yet. It offers both answers: internal, or a gateway.
fn default_scheme_without_gateway(
    cx: &LintContext<'_>,
    vpc: &Component,
    lb: &Component,
) -> Finding {
    // Routing subnets meant to be private to a gateway would contradict them: the gateway
    // is offered only for a load balancer in subnets not drawn private.
    let private = cx.subnets_used_by(lb).iter().any(|s| {
        matches!(&s.props.settings, Settings::Subnet(set) if set.intent == Some(SubnetIntent::Private))
    });
    let gateway = if private {
        Vec::new()
    } else {
        no_internet_gateway(cx, vpc, lb).fixes
    };
    InconsistentSubnetRouting::finding(
        Severity::Info,
        format!(
            "{} is internet-facing by default (its scheme is not set), but {} has no Internet gateway: make it internal if only the VPC calls it, or add a gateway if the Internet does",
            lb.display_name(),
            vpc.display_name()
        ),
    )
    .component(&lb.id)
    .component(&vpc.id)
    .with_fix(Some(fixes::change_settings(
        lb,
        format!("Make {} internal", lb.display_name()),
        |s| {
            if let Settings::LoadBalancer(lb) = s {
                lb.scheme = Some(LbScheme::Internal);
            }
        },
    )))
    .with_fix(gateway.into_iter().next())
}

/// Finding (d), with a fix that adds an Internet gateway and routes the load balancer's
/// subnets to it.
fn no_internet_gateway(cx: &LintContext<'_>, vpc: &Component, lb: &Component) -> Finding {
    let subnets = cx.subnets_used_by(lb);
    let ids: Vec<ComponentId> = subnets.iter().map(|s| s.id.clone()).collect();
    let edits = fixes::internet_gateway_edits(cx, &vpc.id, &ids, true);
    let title = if subnets.is_empty() {
        format!("Add an Internet gateway to {}", vpc.display_name())
    } else {
        let names: Vec<&str> = subnets.iter().map(|s| s.display_name()).collect();
        format!(
            "Add an Internet gateway to {} and route {} to it",
            vpc.display_name(),
            join_names(&names)
        )
    };
    InconsistentSubnetRouting::finding(
        Severity::High,
        format!(
            "{} faces the Internet but {} has no Internet gateway, so AWS cannot create it and no request from the Internet can reach it",
            lb.display_name(),
            vpc.display_name()
        ),
    )
    .component(&lb.id)
    .component(&vpc.id)
    .with_fix(Some(Fix::new(title, Edit::Batch(edits))))
}

impl Rule for InconsistentSubnetRouting {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &LintContext<'_>, out: &mut Vec<Finding>) {
        // The components per VPC that the checks below look at, found once from the compact
        // kind table (most components are none of these).
        let pairs: Vec<(usize, NodeIndex)> = cx
            .components_indexed()
            .filter(|&(ix, _)| {
                let kind = cx.kind_at(ix);
                kind.is_load_balancer()
                    || matches!(
                        kind,
                        Kind::InternetGateway
                            | Kind::NatGateway
                            | Kind::VpcEndpoint
                            | Kind::Ec2
                            | Kind::AutoScalingGroup
                            | Kind::EcsService
                            | Kind::Lambda
                            | Kind::Eks
                    )
            })
            .filter_map(|(ix, _)| cx.vpc_at(ix).map(|v| (v.index(), ix)))
            .collect();
        let by_vpc = Adjacency::build(cx.node_bound(), &pairs);
        for &vpc in cx.of_kind(Kind::Vpc) {
            let Some(vpc_ix) = cx.index_of(vpc) else {
                continue;
            };
            let in_vpc: &[NodeIndex] = by_vpc.of(vpc_ix.index());
            // (d) Internet-facing load balancers need an Internet gateway, routes or not.
            if !in_vpc
                .iter()
                .any(|&ix| cx.kind_at(ix) == Kind::InternetGateway)
            {
                for &lb_ix in in_vpc {
                    if !cx.kind_at(lb_ix).is_load_balancer() {
                        continue;
                    }
                    let lb = cx.component_at(lb_ix);
                    if internet_facing(cx, lb_ix, lb) {
                        out.push(no_internet_gateway(cx, vpc, lb));
                    } else if facing_by_default(lb) {
                        out.push(default_scheme_without_gateway(cx, vpc, lb));
                    }
                }
            }
            let subnets = cx.subnets_in_vpc(&vpc.id);
            if subnets.iter().all(|s| routes(cx, s).next().is_none()) {
                continue;
            }
            let endpoints: Vec<&Component> = in_vpc
                .iter()
                .filter(|&&ix| cx.kind_at(ix) == Kind::VpcEndpoint)
                .map(|&ix| cx.component_at(ix))
                .collect();
            for s in subnets {
                let intent = match &s.props.settings {
                    Settings::Subnet(set) => set.intent,
                    _ => None,
                };
                // (a) Private by intent, public by route.
                if intent == Some(SubnetIntent::Private)
                    && let Some((link, igw)) =
                        routes(cx, s).find(|(_, t)| t.kind == Kind::InternetGateway)
                {
                    let fix = nat_for(cx, vpc, s).map(|nat| {
                        Fix::new(
                            format!(
                                "Route {} through {} instead",
                                s.display_name(),
                                nat.display_name()
                            ),
                            Edit::Batch(vec![
                                Edit::RemoveLink(link.id.clone()),
                                route_edit(cx, s, nat),
                            ]),
                        )
                    });
                    out.push(
                        Self::finding(
                            Severity::Medium,
                            format!(
                                "{} is drawn private but routes to {}, which makes it public",
                                s.display_name(),
                                igw.display_name()
                            ),
                        )
                        .component(&s.id)
                        .link(&link.id)
                        .with_fix(fix),
                    );
                }
            }
            // (b) Calls out of the VPC with no way out.
            for &c_ix in in_vpc {
                if !matches!(
                    cx.kind_at(c_ix),
                    Kind::Ec2
                        | Kind::AutoScalingGroup
                        | Kind::EcsService
                        | Kind::Lambda
                        | Kind::Eks
                ) {
                    continue;
                }
                let targets: Vec<&Component> = cx
                    .outgoing_at(c_ix)
                    .filter(|v| {
                        matches!(
                            v.kind,
                            LinkKind::Request | LinkKind::Send | LinkKind::ImagePull
                        ) && (v.to.kind == Kind::ExternalService
                            || (endpoint_service(v.to.kind).is_some()
                                && cx.vpc_at(v.to_ix).is_none()))
                    })
                    .map(|v| v.to)
                    .collect();
                if targets.is_empty() {
                    continue;
                }
                let c = cx.component_at(c_ix);
                for &s in cx.subnets_used_at(c_ix) {
                    let egress = routes(cx, s).any(|(l, t)| {
                        default_route(l)
                            && matches!(
                                t.kind,
                                Kind::NatGateway | Kind::InternetGateway | Kind::TransitGateway
                            )
                    });
                    if egress {
                        continue;
                    }
                    let stuck: Vec<&&Component> = targets
                        .iter()
                        .filter(|t| {
                            let Some(service) = endpoint_service(t.kind) else { return true };
                            !routes(cx, s).any(|(_, e)| endpoint_serves(e, service))
                                && !endpoints.iter().any(|e| {
                                    endpoint_serves(e, service)
                                        && matches!(&e.props.settings, Settings::VpcEndpoint(v) if v.endpoint_type() == crate::model::settings::VpcEndpointType::Interface)
                                })
                        })
                        .collect();
                    if stuck.is_empty() {
                        continue;
                    }
                    let names: Vec<&str> = stuck.iter().map(|t| t.display_name()).collect();
                    let fix = nat_for(cx, vpc, s).map(|nat| {
                        add_route(
                            cx,
                            s,
                            nat,
                            format!(
                                "Route {} to the Internet through {}",
                                s.display_name(),
                                nat.display_name()
                            ),
                        )
                    });
                    out.push(
                        Self::finding(
                            Severity::High,
                            format!(
                                "{} calls {} from {}, which has no route out (no NAT gateway, Internet gateway or VPC endpoint), so the calls time out",
                                c.display_name(),
                                names.join(", "),
                                s.display_name()
                            ),
                        )
                        .component(&c.id)
                        .component(&s.id)
                        .with_fix(fix),
                    );
                }
            }
            // (c) A public zonal NAT gateway must sit in a public subnet.
            for &nat_ix in in_vpc {
                if cx.kind_at(nat_ix) != Kind::NatGateway {
                    continue;
                }
                let nat = cx.component_at(nat_ix);
                let Settings::NatGateway(set) = &nat.props.settings else {
                    continue;
                };
                if set.availability_mode() != NatMode::Zonal
                    || set.connectivity() != NatConnectivity::Public
                {
                    continue;
                }
                let Some(&subnet) = cx.subnets_used_at(nat_ix).first() else {
                    continue;
                };
                if cx.vpc_of(&subnet.id).is_none_or(|v| v.id != vpc.id) {
                    continue;
                }
                if routes(cx, subnet).any(|(_, t)| t.kind == Kind::InternetGateway) {
                    continue;
                }
                let igw = in_vpc
                    .iter()
                    .find(|&&g| cx.kind_at(g) == Kind::InternetGateway)
                    .map(|&g| cx.component_at(g));
                out.push(
                    Self::finding(
                        Severity::High,
                        format!("{} is a public NAT gateway in {}, which has no route to an Internet gateway, so it cannot reach the Internet", nat.display_name(), subnet.display_name()),
                    )
                    .component(&nat.id)
                    .component(&subnet.id)
                    .with_fix(igw.map(|g| add_route(cx, subnet, g, format!("Route {} to {}", subnet.display_name(), g.display_name())))),
                );
            }
        }
    }
}
