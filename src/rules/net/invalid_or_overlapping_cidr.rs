//! NET-001: CIDR blocks AWS rejects, that collide, or that run out of addresses.

use std::collections::{BTreeSet, VecDeque};

use petgraph::stable_graph::NodeIndex;
use smallvec::SmallVec;

use crate::cidr::{self, Ipv4Net};
use crate::model::settings::Settings;
use crate::model::{Component, ComponentId, Kind, LinkKind, Severity};
use crate::rules::context::LintContext;
use crate::rules::{Finding, Fix, Rule, RuleMeta, fixes};

declare_rule! {
    /// ## What it flags
    /// (a) A VPC or subnet block that does not parse or is outside /16 … /28; (b) a subnet
    /// outside every block of its VPC, or two subnets that overlap; (c) a subnet whose
    /// drawn demand for addresses exceeds what it has after AWS's five reserved ones (high)
    /// or 80 % of it (medium): instances, each subnet's share of Auto Scaling group and ECS
    /// maximums, 8 per ALB or CLB node, NAT gateways, VPC Lambda ENIs, database and cache
    /// nodes, endpoints and mount targets; (d) a VPC block overlapping a network connected
    /// to it (its `connected_cidrs`, on-premises ranges and other VPCs reached over hybrid
    /// or transit gateway links); (e) a VPC with no room left for another subnet (info).
    ///
    /// ## Why it matters
    /// EC2 CreateSubnet ("between a /28 netmask and a /16 netmask"; five reserved
    /// addresses); AWS Well-Architected REL02-BP03 (anti-pattern "Incorrectly estimating how
    /// many IP addresses an elastic load balancer can use"), REL02-BP05 (non-overlapping
    /// ranges). A subnet's block cannot be changed later.
    ///
    /// ## Example
    /// `tests/fixtures/rules/NET-001/fail_subnet_too_small_for_group.ron`,
    /// `tests/fixtures/rules/NET-001/fail_overlaps_on_premises.ron`
    ///
    /// ## Use instead
    /// Blocks sized for the maximum plus headroom, inside the VPC and apart from every
    /// connected network (`pass_sized_subnets.ron`).
    ///
    /// ## Known limitations
    /// IPv4 only. ECS tasks are assumed to use `awsvpc` networking; a Lambda function needs
    /// one ENI per subnet (security groups are not drawn). Kubernetes pods are not counted.
    pub InvalidOrOverlappingCidr {
        id: "NET-001",
        name: "invalid-or-overlapping-cidr",
        family: Net,
        default_severity: High,
        since: "0.2.0",
    }
}

/// Addresses `c` takes in each of its subnets.
fn demand(cx: &LintContext<'_>, ix: NodeIndex, c: &Component, subnet_count: u32) -> u32 {
    let spread = |total: u32| total.div_ceil(subnet_count.max(1));
    let in_group = cx.in_scaling_group_at(ix);
    match (&c.props.settings, c.kind) {
        (_, Kind::Ec2 | Kind::EcsTask) if in_group => 0,
        (Settings::Ec2(_), _) => c.count(),
        (Settings::Asg(a), _) => spread(
            a.max
                .or(a.desired)
                .or(a.min)
                .unwrap_or_else(|| cx.instances(c)),
        ),
        // Tasks are assumed to use awsvpc networking: one ENI each.
        (Settings::EcsService(e), _) => spread(e.max.unwrap_or(0).max(e.desired_count())),
        (Settings::LoadBalancer(_), Kind::Alb | Kind::Clb) => 8,
        (Settings::LoadBalancer(_), _) => 1,
        (Settings::NatGateway(_), _)
        | (Settings::Lambda(_), _)
        | (Settings::VpcEndpoint(_), _)
        | (Settings::Efs(_), _) => 1,
        (
            Settings::Rds(_)
            | Settings::Aurora(_)
            | Settings::ElastiCache(_)
            | Settings::Mq(_)
            | Settings::Eks(_),
            _,
        ) => spread(cx.instances(c)),
        _ => 0,
    }
}

/// Networks reachable from `vpc` over hybrid and transit gateway links.
fn connected<'a>(cx: &LintContext<'a>, vpc: &'a Component) -> Vec<&'a Component> {
    // Most VPCs have no hybrid link at all: nothing to search.
    let hybrid = |ix| {
        cx.outgoing_at(ix)
            .chain(cx.incoming_at(ix))
            .any(|v| v.kind == LinkKind::Hybrid)
    };
    if !cx.index_of(vpc).is_some_and(hybrid) {
        return Vec::new();
    }
    let mut seen = vec![vpc];
    let mut queue = VecDeque::from([vpc]);
    let mut found = Vec::new();
    while let Some(c) = queue.pop_front() {
        let ends = cx
            .incoming(&c.id)
            .iter()
            .map(|l| (l.kind, &l.from))
            .chain(cx.outgoing(&c.id).iter().map(|l| (l.kind, &l.to)))
            .filter(|(k, _)| *k == LinkKind::Hybrid);
        for (_, end) in ends {
            let Some(end) = cx.component(end) else {
                continue;
            };
            if seen.iter().any(|s| std::ptr::eq(*s, end)) {
                continue;
            }
            seen.push(end);
            if matches!(end.kind, Kind::Vpc | Kind::OnPremises) {
                found.push(end);
            }
            if end.kind != Kind::OnPremises {
                queue.push_back(end);
            }
        }
    }
    found
}

impl Rule for InvalidOrOverlappingCidr {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &LintContext<'_>, out: &mut Vec<Finding>) {
        let bound = cx.node_bound();
        let at = |c: &Component| cx.index_of(c).map_or(usize::MAX, |ix| ix.index());
        // Nearly every block list has one block: kept inline, without an allocation each.
        let mut parsed: Vec<SmallVec<[Ipv4Net; 1]>> = vec![SmallVec::new(); bound];
        // (a) Every block parses and has an allowed size.
        for &c in [Kind::OnPremises, Kind::Subnet, Kind::Vpc]
            .iter()
            .flat_map(|&k| cx.of_kind(k))
        {
            let aws = matches!(c.kind, Kind::Vpc | Kind::Subnet);
            let mut nets = SmallVec::new();
            for text in c.props.settings.address_blocks() {
                let result = if aws {
                    cidr::parse_aws_block(text)
                } else {
                    cidr::parse(text)
                };
                match result {
                    Ok(net) => nets.push(net),
                    Err(e) => out.push(
                        Self::finding(Severity::High, format!("{}: {e}", c.display_name()))
                            .component(&c.id),
                    ),
                }
            }
            if let Settings::Vpc(v) = &c.props.settings {
                for text in v.connected_cidrs.as_deref().unwrap_or_default() {
                    if let Err(e) = cidr::parse(text) {
                        out.push(
                            Self::finding(
                                Severity::High,
                                format!("{} (connected network): {e}", c.display_name()),
                            )
                            .component(&c.id),
                        );
                    }
                }
            }
            if let Some(slot) = parsed.get_mut(at(c)) {
                *slot = nets;
            }
        }
        let nets_of = |c: &Component| parsed.get(at(c)).map_or(&[][..], SmallVec::as_slice);
        let mut demand_of: Vec<u32> = vec![0; bound];
        for (ix, c) in cx.components_indexed() {
            let subnets = cx.subnets_used_at(ix);
            if subnets.is_empty()
                || matches!(
                    cx.kind_at(ix),
                    Kind::Subnet | Kind::AvailabilityZone | Kind::Vpc | Kind::Region
                )
            {
                continue;
            }
            let each = demand(cx, ix, c, u32::try_from(subnets.len()).unwrap_or(u32::MAX));
            for s in subnets {
                if let Some(slot) = demand_of.get_mut(at(s)) {
                    *slot += each;
                }
            }
        }
        for &vpc in cx.of_kind(Kind::Vpc) {
            let blocks = nets_of(vpc);
            let subnets: Vec<(&Component, Ipv4Net)> = cx
                .subnets_in_vpc(&vpc.id)
                .iter()
                .filter_map(|&s| nets_of(s).first().map(|n| (s, *n)))
                .collect();
            // (b) Inside the VPC, apart from each other.
            for (i, (s, net)) in subnets.iter().enumerate() {
                if !blocks.is_empty() && !blocks.iter().any(|b| cidr::contains(*b, *net)) {
                    let list: Vec<String> = blocks.iter().map(ToString::to_string).collect();
                    out.push(
                        Self::finding(
                            Severity::High,
                            format!(
                                "{} ({net}) is not inside {} ({})",
                                s.display_name(),
                                vpc.display_name(),
                                list.join(", ")
                            ),
                        )
                        .component(&s.id)
                        .component(&vpc.id),
                    );
                }
                for (t, other) in subnets.iter().skip(i + 1) {
                    if cidr::overlaps(*net, *other) {
                        out.push(
                            Self::finding(
                                Severity::High,
                                format!(
                                    "{} ({net}) and {} ({other}) overlap",
                                    s.display_name(),
                                    t.display_name()
                                ),
                            )
                            .component(&s.id)
                            .component(&t.id),
                        );
                    }
                }
                // (c) Demand against usable addresses.
                let need = u64::from(demand_of.get(at(s)).copied().unwrap_or(0));
                let usable = cidr::usable_addresses(*net);
                let severity = if need > usable {
                    Severity::High
                } else if need * 5 > usable * 4 {
                    Severity::Medium
                } else {
                    continue;
                };
                let taken: Vec<Ipv4Net> = subnets
                    .iter()
                    .filter(|(o, _)| o.id != s.id)
                    .map(|(_, n)| *n)
                    .collect();
                let fix = cidr::prefix_for((need * 5).div_ceil(4))
                    .and_then(|p| cidr::free_block(blocks, &taken, p))
                    .map(|bigger| resize(s, bigger));
                out.push(
                    Self::finding(
                        severity,
                        format!("{} ({net}) has {usable} usable addresses and its drawn resources need up to {need}", s.display_name()),
                    )
                    .component(&s.id)
                    .with_fix(fix),
                );
            }
            // (d) Connected networks must not overlap.
            let mut others: Vec<(String, Ipv4Net, Option<&ComponentId>)> = Vec::new();
            if let Settings::Vpc(v) = &vpc.props.settings {
                others.extend(
                    v.connected_cidrs
                        .iter()
                        .flatten()
                        .filter_map(|t| cidr::parse(t).ok())
                        .map(|n| ("a connected network".to_owned(), n, None)),
                );
            }
            for peer in connected(cx, vpc) {
                if peer.kind == Kind::Vpc && peer.id <= vpc.id {
                    continue;
                }
                others.extend(
                    nets_of(peer)
                        .iter()
                        .copied()
                        .map(|n| (peer.display_name().to_owned(), n, Some(&peer.id))),
                );
            }
            let mut reported = BTreeSet::new();
            for block in blocks {
                for (who, net, id) in &others {
                    if cidr::overlaps(*block, *net)
                        && reported.insert((block.to_string(), net.to_string()))
                    {
                        let mut f = Self::finding(
                            Severity::High,
                            format!("{} ({block}) overlaps {who} ({net}) it is connected to, so traffic between them cannot be routed", vpc.display_name()),
                        )
                        .component(&vpc.id);
                        if let Some(id) = id {
                            f = f.component(id);
                        }
                        out.push(f);
                    }
                }
            }
            // (e) No room left.
            let total: u64 = blocks.iter().map(|b| cidr::total_addresses(*b)).sum();
            let used: u64 = subnets
                .iter()
                .filter(|(_, n)| blocks.iter().any(|b| cidr::contains(*b, *n)))
                .map(|(_, n)| cidr::total_addresses(*n))
                .sum();
            if total > 0 && used >= total {
                out.push(
                    Self::finding(Severity::Info, format!("{} has no address space left for another subnet; add a secondary CIDR block to grow", vpc.display_name()))
                        .component(&vpc.id),
                );
            }
        }
    }
}

fn resize(subnet: &Component, bigger: Ipv4Net) -> Fix {
    fixes::change_settings(
        subnet,
        format!(
            "Recreate {} as {bigger} ({} usable addresses)",
            subnet.display_name(),
            cidr::usable_addresses(bigger)
        ),
        move |s| {
            if let Settings::Subnet(s) = s {
                s.cidr = Some(bigger.to_string());
            }
        },
    )
}
