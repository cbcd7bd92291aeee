//! COUP-004: one database used by several services.

use std::collections::BTreeMap;

use crate::model::{LinkKind, Severity};
use crate::rules::context::{DATA_STORE_KINDS, LintContext, is_data_store, join_names};
use crate::rules::{Finding, Rule, RuleMeta};

declare_rule! {
    /// ## What it flags
    /// A data store that components of two or more different services (their `service`
    /// setting) call directly.
    ///
    /// ## Why it matters
    /// A shared schema couples the services: one cannot change, scale or fail without the
    /// others. AWS Well-Architected REL04-BP02 anti-pattern "Tight coupling using shared
    /// data. Loosely coupled systems should avoid sharing data through shared databases";
    /// REL03-BP02.
    ///
    /// ## Example
    /// `tests/fixtures/rules/COUP-004/fail_two_services_one_database.ron`
    ///
    /// ## Use instead
    /// One store per service, sharing through an API or events; a read replica for
    /// reporting (`pass_database_per_service.ron`).
    ///
    /// ## Known limitations
    /// Callers without a `service` are not counted, so nothing is reported until services
    /// are named. Medium severity when two services write (`writes: true` on their links).
    pub SharedDatabase {
        id: "COUP-004",
        name: "shared-database",
        family: Coup,
        default_severity: Low,
        since: "0.1.0",
    }
}

impl Rule for SharedDatabase {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &LintContext<'_>, out: &mut Vec<Finding>) {
        for store in cx.of_kinds(DATA_STORE_KINDS).filter(|c| is_data_store(c)) {
            // Service → (writes, links).
            let mut services: BTreeMap<String, (bool, Vec<_>)> = BTreeMap::new();
            for link in cx.incoming(&store.id) {
                if link.kind != LinkKind::Request {
                    continue;
                }
                let Some(service) = cx
                    .component(&link.from)
                    .and_then(|c| c.props.common.service.clone())
                else {
                    continue;
                };
                let entry = services.entry(service).or_default();
                entry.0 |= link.props.writes == Some(true);
                entry.1.push(link);
            }
            if services.len() < 2 {
                continue;
            }
            let writers = services.values().filter(|(writes, _)| *writes).count();
            let names: Vec<&str> = services.keys().map(String::as_str).collect();
            let mut finding = Self::finding(
                if writers >= 2 {
                    Severity::Medium
                } else {
                    Severity::Low
                },
                format!(
                    "{} is shared by the services {}",
                    store.display_name(),
                    join_names(&names)
                ),
            )
            .component(&store.id);
            for (_, links) in services.values() {
                for link in links {
                    finding = finding.link(&link.id);
                }
            }
            out.push(finding);
        }
    }
}
