//! SPOF-006: a stateful service (database, cache, broker, file system) with one node or in one AZ.

use crate::model::settings::{CacheEngine, MqDeployment, RdsDeployment, Settings};
use crate::model::{Component, Kind, Severity};
use crate::rules::context::{LintContext, is_data_software};
use crate::rules::{Finding, Rule, RuleMeta, fixes};

declare_rule! {
    /// ## What it flags
    /// RDS without Multi-AZ; Aurora with a single instance; ElastiCache (Redis or Valkey)
    /// without a replica and automatic failover; Amazon MQ as a single instance; EFS One
    /// Zone; a database or broker on one EC2 instance. Critical when the component is
    /// marked `critical`, else high.
    ///
    /// ## Why it matters
    /// State cannot be recreated by launching another copy: when the node or its AZ fails,
    /// the data is unavailable until it is restored. "Multi-AZ deployments enhance database
    /// availability by synchronously replicating to a standby instance in a different
    /// Availability Zone" (Trusted Advisor RDS Multi-AZ); AWS Config `rds-multi-az-support`,
    /// `elasticache-repl-grp-auto-failover-enabled`; Control Tower CT.MQ.PR.1/PR.2.
    ///
    /// ## Example
    /// `tests/fixtures/rules/SPOF-006/fail_single_az_rds.ron`
    ///
    /// ## Use instead
    /// The service's Multi-AZ mode (`pass_multi_az_rds.ron`, `pass_redis_with_failover.ron`).
    ///
    /// ## Known limitations
    /// Memcached has no replication and is not flagged; OpenSearch is not in the catalog yet.
    pub SingleNodeStatefulService {
        id: "SPOF-006",
        name: "single-node-stateful-service",
        family: Spof,
        default_severity: High,
        since: "0.1.0",
    }
}

fn problem(c: &Component) -> Option<String> {
    let name = c.display_name();
    match &c.props.settings {
        Settings::Rds(s) if s.deployment() == RdsDeployment::SingleAz => Some(format!(
            "{name} is a Single-AZ RDS instance with no standby to fail over to"
        )),
        Settings::Aurora(s) if s.instances() < 2 => Some(format!(
            "{name} has one Aurora instance, so a failure waits for a new instance to be created"
        )),
        Settings::ElastiCache(s)
            if s.engine() != CacheEngine::Memcached
                && (s.replicas_per_shard() == 0 || !s.automatic_failover()) =>
        {
            Some(format!("{name} has no replica with automatic failover"))
        }
        Settings::ElastiCache(s) if s.engine() != CacheEngine::Memcached && !s.multi_az() => {
            Some(format!(
                "{name} has a replica with automatic failover, but Multi-AZ is off, so the replica may share the primary's AZ"
            ))
        }
        Settings::Mq(s) if s.deployment_mode() == MqDeployment::SingleInstance => {
            Some(format!("{name} is a single-instance broker"))
        }
        Settings::Efs(s) if s.one_zone() => Some(format!("{name} uses One Zone storage")),
        Settings::Ec2(s)
            if c.count() < 2 && s.software.as_deref().is_some_and(is_data_software) =>
        {
            Some(format!(
                "{name} runs {} on a single EC2 instance",
                s.software.as_deref().unwrap_or_default()
            ))
        }
        _ => None,
    }
}

impl Rule for SingleNodeStatefulService {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &LintContext<'_>, out: &mut Vec<Finding>) {
        // `problem` only knows these kinds.
        for c in cx.of_kinds(&[
            Kind::Rds,
            Kind::Aurora,
            Kind::ElastiCache,
            Kind::AmazonMq,
            Kind::Efs,
            Kind::Ec2,
        ]) {
            let Some(message) = problem(c) else { continue };
            let severity = if c.props.common.critical == Some(true) {
                Severity::Critical
            } else {
                Severity::High
            };
            out.push(
                Self::finding(severity, message)
                    .component(&c.id)
                    .with_fix(fixes::make_redundant(cx, c)),
            );
        }
    }
}
