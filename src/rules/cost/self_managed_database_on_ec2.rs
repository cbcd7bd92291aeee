//! COST-003: a database, cache or broker run by hand on EC2 where a managed service fits.

use crate::model::settings::Settings;
use crate::model::{Kind, LinkKind, Severity};
use crate::rules::context::LintContext;
use crate::rules::{Finding, Rule, RuleMeta};

declare_rule! {
    /// ## What it flags
    /// An EC2 instance whose `software` is MySQL, MariaDB, PostgreSQL, Oracle, SQL Server,
    /// Redis, Memcached, ActiveMQ or RabbitMQ. Medium when it is also a single node or has
    /// no backup (what SPOF-006 and DR-002 flag), else low.
    ///
    /// ## Why it matters
    /// Failover, patching, backups and point-in-time recovery are work the managed services
    /// do "without administrative intervention" (Trusted Advisor RDS Multi-AZ and RDS
    /// Backups checks). AWS Well-Architected REL11-BP03 (anti-pattern "No automation to
    /// failover databases"), REL09-BP03.
    ///
    /// ## Example
    /// `tests/fixtures/rules/COST-003/fail_mysql_on_ec2.ron`
    ///
    /// ## Use instead
    /// RDS or Aurora, ElastiCache, Amazon MQ (`pass_rds_instead.ron`).
    ///
    /// ## Known limitations
    /// Licensing or engine features that rule a managed service out are not known; accept
    /// the rule with a reason then.
    pub SelfManagedDatabaseOnEc2 {
        id: "COST-003",
        name: "self-managed-database-on-ec2",
        family: Cost,
        default_severity: Low,
        since: "0.2.0",
    }
}

/// The managed service that runs `software`, if there is one.
fn managed_alternative(software: &str) -> Option<&'static str> {
    let s = software.to_ascii_lowercase();
    let table: [(&[&str], &'static str); 3] = [
        (
            &[
                "mysql",
                "mariadb",
                "postgres",
                "oracle",
                "sqlserver",
                "sql server",
                "mssql",
            ],
            "RDS or Aurora",
        ),
        (&["redis", "valkey", "memcached"], "ElastiCache"),
        (&["activemq", "rabbitmq"], "Amazon MQ"),
    ];
    table
        .iter()
        .find(|(names, _)| names.iter().any(|n| s.contains(n)))
        .map(|(_, service)| *service)
}

impl Rule for SelfManagedDatabaseOnEc2 {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &LintContext<'_>, out: &mut Vec<Finding>) {
        for &c in cx.of_kind(Kind::Ec2) {
            let Settings::Ec2(s) = &c.props.settings else {
                continue;
            };
            let Some(software) = s.software.as_deref() else {
                continue;
            };
            let Some(service) = managed_alternative(software) else {
                continue;
            };
            let single = cx.instances(c) < 2;
            let backed_up = cx
                .outgoing(&c.id)
                .iter()
                .any(|l| l.kind == LinkKind::Backup);
            let severity = if single || !backed_up {
                Severity::Medium
            } else {
                Severity::Low
            };
            let mut why = Vec::new();
            if single {
                why.push("a single node");
            }
            if !backed_up {
                why.push("not backed up");
            }
            let why = if why.is_empty() {
                String::new()
            } else {
                format!(" (it is {})", why.join(" and "))
            };
            out.push(
                Self::finding(
                    severity,
                    format!("{} runs {software} by hand on EC2{why}; {service} handles failover, patching and backups for you", c.display_name()),
                )
                .component(&c.id),
            );
        }
    }
}
