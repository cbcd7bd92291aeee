//! Traffic and protection: load balancers, listeners, listener rules and target groups
//! (turned into route links from each load balancer to each target), Route 53 records and
//! health checks, CloudFront origins and origin groups, AWS Backup plans and selections.

use super::intrinsics::R;
use super::{Cx, Res};
use crate::io::import::draft::{Origin, Place};
use crate::io::import::value::Value;
use crate::model::link::LinkProps;
use crate::model::settings::{
    BackupSettings, CloudFrontSettings, FailoverRole, LbScheme, LoadBalancerSettings,
    Route53Settings, RoutingPolicy,
};
use crate::model::{Kind, LinkKind, Settings};

pub(super) fn prescan(cx: &mut Cx<'_, '_>, key: &str, ty: &str, props: &Value, origin: Origin) {
    match ty {
        "AWS::ElasticLoadBalancingV2::TargetGroup" => {
            let enabled = cx.flag(props, "HealthCheckEnabled");
            let lambda = cx.text(props, "TargetType").is_some_and(|t| t == "lambda");
            // Instance and IP target groups are always health-checked; Lambda targets only
            // when enabled.
            let checked = enabled.unwrap_or(!lambda);
            let protocol = cx.text(props, "Protocol").map(|p| p.to_lowercase());
            cx.pending
                .target_groups
                .insert(key.to_owned(), (checked, protocol));
            if let Some(targets) = props.get("Targets").and_then(Value::items) {
                for target in targets {
                    if let Some(t) = cx.refs(target, "Id").into_iter().next() {
                        cx.pending.tg_targets.push((key.to_owned(), t, origin));
                    }
                }
            }
        }
        "AWS::ElasticLoadBalancingV2::Listener" => {
            if let Some(lb) = cx.refs(props, "LoadBalancerArn").into_iter().next() {
                cx.pending.listener_lb.insert(key.to_owned(), lb);
            }
        }
        "AWS::Backup::BackupPlan" => {
            if let Some(hours) = plan_hours(cx, props) {
                cx.pending.plan_hours.insert(key.to_owned(), hours);
            }
        }
        "AWS::Route53::HealthCheck" => cx.pending.health_checks.push(key.to_owned()),
        _ => {}
    }
}

/// Hours between backups of a plan's most frequent rule, from its schedule expression.
fn plan_hours(cx: &mut Cx<'_, '_>, props: &Value) -> Option<u32> {
    let rules = props
        .path(&["BackupPlan", "BackupPlanRule"])?
        .items()?
        .to_vec();
    rules
        .iter()
        .filter_map(|rule| cx.text(rule, "ScheduleExpression"))
        .filter_map(|expr| schedule_hours(&expr))
        .min()
}

/// `cron(0 * * * ? *)` → 1, `cron(0 5 * * ? *)` → 24, `rate(12 hours)` → 12.
pub fn schedule_hours(expr: &str) -> Option<u32> {
    let expr = expr.trim();
    if let Some(rate) = expr.strip_prefix("rate(").and_then(|r| r.strip_suffix(')')) {
        let (n, unit) = rate.trim().split_once(' ')?;
        let n: u32 = n.parse().ok()?;
        return match unit.trim_end_matches('s') {
            "minute" => Some(1.max(n / 60)),
            "hour" => Some(n),
            "day" => Some(n.saturating_mul(24)),
            _ => None,
        };
    }
    let cron = expr.strip_prefix("cron(")?.strip_suffix(')')?;
    let fields: Vec<&str> = cron.split_whitespace().collect();
    let [_minutes, hours, day_of_month, _month, day_of_week, ..] = fields.as_slice() else {
        return None;
    };
    let per_day = if *hours == "*" {
        24
    } else if let Some(step) = hours
        .split_once('/')
        .and_then(|(_, s)| s.parse::<u32>().ok())
    {
        (24 / step.max(1)).max(1)
    } else {
        u32::try_from(hours.split(',').count()).unwrap_or(1)
    };
    let every_day = matches!(*day_of_month, "*" | "?") && matches!(*day_of_week, "*" | "?");
    if every_day {
        Some((24 / per_day).max(1))
    } else if *day_of_week != "*" && *day_of_week != "?" {
        Some(
            24 * 7
                / u32::try_from(day_of_week.split(',').count())
                    .unwrap_or(1)
                    .max(1),
        )
    } else {
        Some(24 * 30)
    }
}

fn forward_targets(cx: &mut Cx<'_, '_>, actions: &Value) -> (Vec<String>, bool) {
    let mut tgs = Vec::new();
    let mut l7 = false;
    for action in actions.items().unwrap_or(&[]) {
        let ty = cx.text(action, "Type").unwrap_or_default();
        if matches!(
            ty.as_str(),
            "redirect" | "fixed-response" | "authenticate-oidc" | "authenticate-cognito"
        ) {
            l7 = true;
        }
        tgs.extend(cx.refs(action, "TargetGroupArn"));
        if let Some(groups) = action
            .path(&["ForwardConfig", "TargetGroups"])
            .and_then(Value::items)
        {
            for g in groups {
                tgs.extend(cx.refs(g, "TargetGroupArn"));
            }
        }
    }
    (tgs, l7)
}

pub(super) fn map(cx: &mut Cx<'_, '_>, r: &Res<'_>) -> bool {
    let p = r.props;
    match r.ty {
        "AWS::ElasticLoadBalancingV2::LoadBalancer" => {
            let kind = match cx.text(p, "Type").as_deref() {
                Some("network") => Kind::Nlb,
                Some("gateway") => Kind::Gwlb,
                _ => Kind::Alb,
            };
            let mut subnets = cx.ref_list(p, "Subnets");
            if let Some(mappings) = p.get("SubnetMappings").and_then(Value::items) {
                for m in mappings {
                    subnets.extend(cx.refs(m, "SubnetId"));
                }
            }
            let (mut cross_zone, mut deletion) = (None, None);
            if let Some(attrs) = p.get("LoadBalancerAttributes").and_then(Value::items) {
                for attr in attrs {
                    let value = cx.flag(attr, "Value");
                    match cx.text(attr, "Key").as_deref() {
                        Some("load_balancing.cross_zone.enabled") => cross_zone = value,
                        Some("deletion_protection.enabled") => deletion = value,
                        _ => {}
                    }
                }
            }
            // ALBs always balance across zones.
            if kind == Kind::Alb {
                cross_zone = Some(true);
            }
            let internal = cx.text(p, "Scheme").is_some_and(|s| s == "internal");
            let node = cx.node(r, kind, Place::Spanning { vpc: None, subnets });
            node.settings = Settings::LoadBalancer(LoadBalancerSettings {
                scheme: Some(if internal {
                    LbScheme::Internal
                } else {
                    LbScheme::InternetFacing
                }),
                cross_zone,
                ..LoadBalancerSettings::default()
            });
            node.common.deletion_protection = deletion;
        }
        "AWS::ElasticLoadBalancingV2::Listener" => {
            let lb = cx.refs(p, "LoadBalancerArn").into_iter().next();
            let protocol = cx.text(p, "Protocol");
            let (tgs, l7) = match p.get("DefaultActions") {
                Some(actions) => forward_targets(cx, actions),
                None => (Vec::new(), false),
            };
            if let Some(lb) = lb {
                if let Some(node) = cx.draft.node_mut(&lb)
                    && let Settings::LoadBalancer(s) = &mut node.settings
                {
                    if let Some(protocol) = protocol {
                        let list = s.listener_protocols.get_or_insert_with(Vec::new);
                        if !list.contains(&protocol) {
                            list.push(protocol);
                        }
                    }
                    if l7 {
                        s.uses_l7_features = Some(true);
                    }
                }
                for tg in tgs {
                    cx.pending.lb_tgs.push((lb.clone(), tg, r.origin));
                }
            }
        }
        "AWS::ElasticLoadBalancingV2::ListenerRule" => {
            let lb = cx
                .refs(p, "ListenerArn")
                .into_iter()
                .next()
                .and_then(|l| cx.pending.listener_lb.get(&l).cloned());
            let (tgs, _) = match p.get("Actions") {
                Some(actions) => forward_targets(cx, actions),
                None => (Vec::new(), false),
            };
            if let Some(lb) = lb {
                if let Some(node) = cx.draft.node_mut(&lb)
                    && let Settings::LoadBalancer(s) = &mut node.settings
                {
                    // Rules route by path, host or header: layer 7.
                    s.uses_l7_features = Some(true);
                }
                for tg in tgs {
                    cx.pending.lb_tgs.push((lb.clone(), tg, r.origin));
                }
            }
        }
        "AWS::ElasticLoadBalancing::LoadBalancer" => {
            let subnets = cx.ref_list(p, "Subnets");
            let instances = cx.ref_list(p, "Instances");
            let internal = cx.text(p, "Scheme").is_some_and(|s| s == "internal");
            let mut protocols = Vec::new();
            if let Some(listeners) = p.get("Listeners").and_then(Value::items) {
                for l in listeners {
                    if let Some(proto) = cx.text(l, "Protocol") {
                        protocols.push(proto);
                    }
                }
            }
            let checked = p.get("HealthCheck").is_some();
            let cross_zone = cx.flag(p, "CrossZone");
            let node = cx.node(r, Kind::Clb, Place::Spanning { vpc: None, subnets });
            node.settings = Settings::LoadBalancer(LoadBalancerSettings {
                scheme: Some(if internal {
                    LbScheme::Internal
                } else {
                    LbScheme::InternetFacing
                }),
                cross_zone,
                listener_protocols: (!protocols.is_empty()).then_some(protocols),
                ..LoadBalancerSettings::default()
            });
            for instance in instances {
                let props = LinkProps {
                    health_check: Some(checked),
                    ..LinkProps::default()
                };
                cx.link(LinkKind::Route, r.key, &instance, props, r.origin);
            }
        }
        "AWS::Route53::RecordSet" => record(cx, r, p, r.origin, r.key),
        "AWS::Route53::RecordSetGroup" => {
            let Some(records) = p.get("RecordSets").and_then(Value::items) else {
                return true;
            };
            for (i, rec) in records.iter().enumerate() {
                let key = format!("{}#{i}", r.key);
                let name = cx.text(rec, "SetIdentifier").map_or_else(
                    || format!("{}-{}", r.name, i + 1),
                    |s| format!("{}-{s}", r.name),
                );
                let origin = cx.origin(rec.pos);
                let res = Res {
                    key: &key,
                    name: &name,
                    ty: r.ty,
                    props: rec,
                    origin,
                };
                record(cx, &res, rec, origin, &key);
            }
        }
        "AWS::CloudFront::Distribution" => {
            let config = p.get("DistributionConfig");
            let mut origins: Vec<(String, String, Origin)> = Vec::new();
            let mut failover = false;
            let mut waf = false;
            if let Some(config) = config {
                waf = config.get("WebACLId").is_some();
                failover = config
                    .path(&["OriginGroups", "Quantity"])
                    .and_then(Value::as_u32)
                    .is_some_and(|n| n > 0)
                    || config
                        .path(&["OriginGroups", "Items"])
                        .and_then(Value::items)
                        .is_some_and(|i| !i.is_empty());
                for o in config
                    .get("Origins")
                    .and_then(Value::items)
                    .unwrap_or(&[])
                    .to_vec()
                {
                    let origin = cx.origin(o.pos);
                    let id = cx.text(&o, "Id").unwrap_or_default();
                    if let Some(target) = cx.refs(&o, "DomainName").into_iter().next() {
                        origins.push((id, target, origin));
                    }
                }
            }
            let node = cx.node(r, Kind::CloudFront, Place::Regional);
            node.settings = Settings::CloudFront(CloudFrontSettings {
                origin_failover: Some(failover),
                waf: Some(waf),
            });
            for (id, target, origin) in origins {
                let props = LinkProps {
                    label: id,
                    ..LinkProps::default()
                };
                cx.link(LinkKind::Route, r.key, &target, props, origin);
            }
        }
        "AWS::Backup::BackupPlan" => {
            let Some(rules) = p
                .path(&["BackupPlan", "BackupPlanRule"])
                .and_then(Value::items)
            else {
                cx.node(r, Kind::Backup, Place::Regional);
                return true;
            };
            let mut retention: Option<u32> = None;
            let mut regions: Vec<String> = Vec::new();
            for rule in rules {
                if let Some(days) = cx.count_path(rule, &["Lifecycle", "DeleteAfterDays"]) {
                    retention = Some(retention.map_or(days, |d| d.max(days)));
                }
                for copy in rule
                    .get("CopyActions")
                    .and_then(Value::items)
                    .unwrap_or(&[])
                    .to_vec()
                {
                    match cx.get(&copy, "DestinationBackupVaultArn") {
                        Some(R::Text(arn)) => {
                            if let Some(region) = arn.split(':').nth(3).filter(|s| !s.is_empty())
                                && !regions.iter().any(|r| r == region)
                            {
                                regions.push(region.to_owned());
                            }
                        }
                        _ => {
                            let origin = cx.origin(copy.pos);
                            cx.draft.warn(origin, format!("backup plan `{}` copies to a vault whose Region is only known when deployed; the copy Region is left out", r.name));
                        }
                    }
                }
            }
            let hours = cx.pending.plan_hours.get(r.key).copied();
            let node = cx.node(r, Kind::Backup, Place::Regional);
            node.settings = Settings::Backup(BackupSettings {
                frequency_hours: hours,
                retention_days: retention,
                copy_regions: (!regions.is_empty()).then_some(regions),
                ..BackupSettings::default()
            });
        }
        "AWS::Backup::BackupSelection" => {
            let plan = cx.refs(p, "BackupPlanId").into_iter().next();
            let Some(plan) = plan else {
                return true;
            };
            let hours = cx.pending.plan_hours.get(&plan).copied();
            let resources = cx
                .get_path(p, &["BackupSelection", "Resources"])
                .map(|v| v.refs())
                .unwrap_or_default();
            if resources.is_empty() && p.path(&["BackupSelection", "ListOfTags"]).is_some() {
                cx.draft.warn(r.origin, format!("backup selection `{}` selects resources by tag, which only AWS can resolve; no backup links are drawn for it", r.name));
            }
            for resource in resources {
                let props = LinkProps {
                    interval_hours: hours.map(f64::from),
                    ..LinkProps::default()
                };
                cx.link(LinkKind::Backup, &resource, &plan, props, r.origin);
            }
        }
        "AWS::ElasticLoadBalancingV2::TargetGroup" | "AWS::Route53::HealthCheck" => {}
        _ => return false,
    }
    true
}

fn record(cx: &mut Cx<'_, '_>, r: &Res<'_>, p: &Value, origin: Origin, key: &str) {
    let policy = if p.get("Failover").is_some() {
        RoutingPolicy::Failover
    } else if p.get("Weight").is_some() {
        RoutingPolicy::Weighted
    } else if p.get("Region").is_some() {
        RoutingPolicy::Latency
    } else if p.get("GeoLocation").is_some() {
        RoutingPolicy::Geolocation
    } else if cx.flag(p, "MultiValueAnswer") == Some(true) {
        RoutingPolicy::Multivalue
    } else {
        RoutingPolicy::Simple
    };
    let role = cx.text(p, "Failover").map(|f| {
        if f == "SECONDARY" {
            FailoverRole::Secondary
        } else {
            FailoverRole::Primary
        }
    });
    let health_check = p.get("HealthCheckId").is_some();
    let evaluate = cx.flag_path(p, &["AliasTarget", "EvaluateTargetHealth"]);
    let ttl = cx.count(p, "TTL");
    let mut targets = cx
        .get_path(p, &["AliasTarget", "DNSName"])
        .map(|t| t.refs())
        .unwrap_or_default();
    targets.extend(cx.ref_list(p, "ResourceRecords"));
    let name = cx.text(p, "Name");
    let res = Res {
        key,
        name: r.name,
        ty: r.ty,
        props: p,
        origin,
    };
    let node = cx.node(&res, Kind::Route53, Place::Regional);
    if let Some(name) = name {
        node.label = name.trim_end_matches('.').to_owned();
    }
    node.settings = Settings::Route53(Route53Settings {
        routing_policy: Some(policy),
        health_check: Some(health_check),
        evaluate_target_health: evaluate,
        ttl_secs: ttl,
    });
    for target in targets {
        let props = LinkProps {
            health_check: Some(health_check || evaluate == Some(true)),
            failover_role: role,
            ..LinkProps::default()
        };
        cx.link(LinkKind::Route, key, &target, props, origin);
    }
}

/// Target groups become route links from each load balancer to each target.
pub(super) fn finish(cx: &mut Cx<'_, '_>) {
    let lb_tgs = std::mem::take(&mut cx.pending.lb_tgs);
    let tg_targets = std::mem::take(&mut cx.pending.tg_targets);
    for (lb, tg, origin) in &lb_tgs {
        let (checked, protocol) = cx
            .pending
            .target_groups
            .get(tg)
            .cloned()
            .unwrap_or((true, None));
        for (_, target, _) in tg_targets.iter().filter(|(t, _, _)| t == tg) {
            let props = LinkProps {
                health_check: Some(checked),
                protocol: protocol.clone(),
                ..LinkProps::default()
            };
            cx.link(LinkKind::Route, lb, target, props, *origin);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::schedule_hours;

    #[test]
    fn schedules_give_hours_between_backups() {
        assert_eq!(schedule_hours("cron(0 * * * ? *)"), Some(1));
        assert_eq!(schedule_hours("cron(0 5 * * ? *)"), Some(24));
        assert_eq!(schedule_hours("cron(0 0/6 * * ? *)"), Some(6));
        assert_eq!(schedule_hours("cron(0 5,17 * * ? *)"), Some(12));
        assert_eq!(schedule_hours("cron(0 5 ? * SUN *)"), Some(168));
        assert_eq!(schedule_hours("rate(12 hours)"), Some(12));
        assert_eq!(schedule_hours("rate(2 days)"), Some(48));
        assert_eq!(schedule_hours("every day"), None);
    }
}
