//! QUOTA-001: drawn load above a Regional account quota, now or after failover.

use std::collections::BTreeMap;

use crate::model::settings::Settings;
use crate::model::{Component, ComponentId, Kind, LinkKind, Severity};
use crate::rules::context::LintContext;
use crate::rules::{Finding, Rule, RuleMeta};

/// Lambda keeps this much concurrency unreserved in every Region.
const UNRESERVED_MINIMUM: u32 = 100;

/// Lambda Hyperplane ENIs per VPC (Lambda quotas).
const LAMBDA_ENIS_PER_VPC: usize = 250;

declare_rule! {
    /// ## What it flags
    /// In one Region: expected Lambda concurrency above the account quota (default 1,000),
    /// reserved concurrency leaving less than 100 unreserved, API Gateway requests per
    /// second above the quota (default 10,000); in one VPC, more than 250 Lambda network
    /// interfaces. A Region marked `dr_region` is also checked against the primary
    /// Regions' full load, which it must carry after failover.
    ///
    /// ## Why it matters
    /// Over the quota, calls are throttled exactly when load peaks, and a DR Region with
    /// default quotas cannot take the failover. AWS Well-Architected REL01-BP01, REL01-BP03,
    /// REL01-BP06 (enough gap between quotas and usage for failover); Lambda quotas; API
    /// Gateway quotas.
    ///
    /// ## Example
    /// `tests/fixtures/rules/QUOTA-001/fail_lambda_concurrency_above_quota.ron`
    ///
    /// ## Use instead
    /// Request quota increases (in the DR Region too) and record them on the Region
    /// (`lambda_concurrency_quota`, `api_gateway_rps_quota`), reserve concurrency, throttle
    /// with usage plans (`pass_raised_quota.ron`).
    ///
    /// ## Known limitations
    /// The defaults are the common ones: new accounts start lower, and some newer Regions
    /// allow API Gateway 2,500 requests per second; set the Region's quota to what the
    /// account has. FIFO throughput is MSG-002's. Lambda ENIs are counted as one per
    /// function and subnet (security groups are not drawn).
    pub RegionalQuotaExceeded {
        id: "QUOTA-001",
        name: "regional-quota-exceeded",
        family: Quota,
        default_severity: Medium,
        since: "0.2.0",
    }
}

#[derive(Default)]
struct Load {
    concurrency: u32,
    reserved: u32,
    api_rps: f64,
    functions: Vec<ComponentId>,
    apis: Vec<ComponentId>,
}

fn quotas(region: Option<&Component>) -> (u32, f64) {
    match region.map(|r| &r.props.settings) {
        Some(Settings::Region(s)) => (s.lambda_concurrency_quota(), s.api_gateway_rps_quota()),
        _ => (1_000, 10_000.0),
    }
}

impl Rule for RegionalQuotaExceeded {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &LintContext<'_>, out: &mut Vec<Finding>) {
        let mut loads: BTreeMap<Option<ComponentId>, Load> = BTreeMap::new();
        let mut enis: BTreeMap<ComponentId, usize> = BTreeMap::new();
        // Settings follow the kind, so only Lambda functions and API Gateways can count.
        for c in cx
            .of_kind(Kind::Lambda)
            .iter()
            .chain(cx.of_kind(Kind::ApiGateway))
        {
            let region = || cx.region_of(&c.id).map(|r| r.id.clone());
            match &c.props.settings {
                Settings::Lambda(l) => {
                    let load = loads.entry(region()).or_default();
                    load.concurrency += l.expected_concurrency.unwrap_or(0);
                    load.reserved += l.reserved_concurrency.unwrap_or(0);
                    load.functions.push(c.id.clone());
                    if let Some(vpc) = cx.vpc_of(&c.id) {
                        *enis.entry(vpc.id.clone()).or_default() += c.props.subnets.len().max(1);
                    }
                }
                Settings::ApiGateway(_) => {
                    let rps: f64 = cx
                        .incoming(&c.id)
                        .iter()
                        .filter(|l| matches!(l.kind, LinkKind::Request | LinkKind::Route))
                        .filter_map(|l| l.props.rps)
                        .sum();
                    let load = loads.entry(region()).or_default();
                    load.api_rps += rps;
                    load.apis.push(c.id.clone());
                }
                _ => {}
            }
        }
        let region_component = |id: &Option<ComponentId>| id.as_ref().and_then(|r| cx.component(r));
        let is_dr = |r: Option<&Component>| matches!(r.map(|r| &r.props.settings), Some(Settings::Region(s)) if s.dr_region());
        let where_ = |r: Option<&Component>| {
            r.map_or_else(|| "the Region".to_owned(), |r| r.display_name().to_owned())
        };
        let mut peak_concurrency = 0;
        let mut peak_rps = 0.0_f64;
        for (id, load) in &loads {
            let region = region_component(id);
            if !is_dr(region) {
                peak_concurrency = peak_concurrency.max(load.concurrency);
                peak_rps = peak_rps.max(load.api_rps);
            }
            let (lambda_quota, api_quota) = quotas(region);
            let place = where_(region);
            if load.concurrency > lambda_quota {
                out.push(
                    Self::finding(Severity::Medium, format!("Lambda functions in {place} expect {} concurrent executions, above the account quota of {lambda_quota}", load.concurrency))
                        .components(load.functions.iter()),
                );
            }
            if load.reserved > lambda_quota.saturating_sub(UNRESERVED_MINIMUM) {
                out.push(
                    Self::finding(Severity::Medium, format!("Lambda functions in {place} reserve {} concurrent executions; Lambda keeps {UNRESERVED_MINIMUM} of the {lambda_quota} unreserved", load.reserved))
                        .components(load.functions.iter()),
                );
            }
            if load.api_rps > api_quota {
                out.push(
                    Self::finding(Severity::Medium, format!("API Gateway in {place} expects {} requests/s, above the account quota of {api_quota}", load.api_rps))
                        .components(load.apis.iter()),
                );
            }
        }
        // The DR Region must carry the whole load after failover, with its own quotas.
        for region in cx
            .components()
            .filter(|r| r.kind == Kind::Region && is_dr(Some(r)))
        {
            let (lambda_quota, api_quota) = quotas(Some(region));
            let place = region.display_name();
            if peak_concurrency > lambda_quota {
                out.push(
                    Self::finding(Severity::Medium, format!("After failover {place} must run {peak_concurrency} concurrent Lambda executions, above its quota of {lambda_quota}; request the increase there before you need it"))
                        .component(&region.id),
                );
            }
            if peak_rps > api_quota {
                out.push(
                    Self::finding(Severity::Medium, format!("After failover {place} must serve {peak_rps} API Gateway requests/s, above its quota of {api_quota}"))
                        .component(&region.id),
                );
            }
        }
        for (vpc, count) in enis {
            if count > LAMBDA_ENIS_PER_VPC {
                out.push(
                    Self::finding(Severity::Medium, format!("{} needs about {count} Lambda network interfaces, above the quota of {LAMBDA_ENIS_PER_VPC} per VPC", cx.name(&vpc)))
                        .component(&vpc),
                );
            }
        }
    }
}
