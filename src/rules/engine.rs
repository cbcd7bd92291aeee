//! `lint`: runs every enabled rule over a diagram once, contains a panicking rule, applies
//! severity overrides and waivers, and sorts the findings deterministically.

use std::panic::{AssertUnwindSafe, catch_unwind};

use serde::Serialize;

use super::{Finding, LintConfig, LintContext, Subject, registry::ALL_RULES};
use crate::model::sort::sorted_moving_once;
use crate::model::{Diagram, Severity};

/// Rule id of findings reporting a rule that crashed.
pub const INTERNAL_ERROR_ID: &str = "INTERNAL";

/// The findings of one lint run.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Report {
    /// Sorted by severity (worst first), rule id, first subject.
    pub findings: Vec<Finding>,
}

impl Report {
    /// Findings that count (not accepted by a waiver).
    pub fn active(&self) -> impl Iterator<Item = &Finding> {
        self.findings.iter().filter(|f| !f.is_accepted())
    }

    /// Findings accepted by a waiver.
    pub fn accepted(&self) -> impl Iterator<Item = &Finding> {
        self.findings.iter().filter(|f| f.is_accepted())
    }

    /// Number of active findings of `severity`.
    pub fn count(&self, severity: Severity) -> usize {
        self.active().filter(|f| f.severity == severity).count()
    }

    /// Worst active severity.
    pub fn max_severity(&self) -> Option<Severity> {
        self.active().map(|f| f.severity).max()
    }

    /// Active findings of `rule_id`.
    pub fn of_rule<'a>(&'a self, rule_id: &'a str) -> impl Iterator<Item = &'a Finding> + 'a {
        self.active().filter(move |f| f.rule_id == rule_id)
    }
}

/// Lints `diagram` with `config`: pure and deterministic.
pub fn lint(diagram: &Diagram, config: &LintConfig) -> Report {
    lint_with(ALL_RULES, diagram, config)
}

/// Lints with an explicit rule list (tests use it to inject a misbehaving rule).
pub fn lint_with(rules: &[&dyn super::Rule], diagram: &Diagram, config: &LintConfig) -> Report {
    // The shared facts are computed outside any rule: contain a crash there too, so the
    // editor and `check` report it instead of aborting.
    let cx = match catch_unwind(AssertUnwindSafe(|| LintContext::new(diagram))) {
        Ok(cx) => cx,
        Err(payload) => {
            return Report {
                findings: vec![Finding::new(
                    INTERNAL_ERROR_ID,
                    Severity::Info,
                    format!(
                        "The analysis shared by the rules crashed on this diagram, so no rule ran: {}; please report this bug",
                        panic_reason(payload.as_ref())
                    ),
                )],
            };
        }
    };
    // Each rule reports into its own vector; they are joined once at the end, so the
    // (large) findings are not copied again every time one growing vector doubles.
    let mut batches: Vec<Vec<Finding>> = Vec::with_capacity(rules.len());
    for rule in rules {
        let meta = rule.meta();
        if !config.enables(meta) {
            continue;
        }
        let mut out = Vec::new();
        // One bad rule must never take the others down.
        match catch_unwind(AssertUnwindSafe(|| rule.check(&cx, &mut out))) {
            Ok(()) => {
                if let Some(severity) = config.severity_override(meta) {
                    for f in &mut out {
                        f.severity = severity;
                    }
                }
                batches.push(out);
            }
            Err(payload) => {
                // Whatever the rule pushed before it crashed is dropped with it.
                drop(out);
                let reason = panic_reason(payload.as_ref());
                batches.push(vec![Finding::new(
                    INTERNAL_ERROR_ID,
                    Severity::Info,
                    format!(
                        "Rule {} ({}) crashed on this diagram and was skipped: {reason}; please report this bug",
                        meta.id, meta.name
                    ),
                )]);
            }
        }
    }
    let mut findings = sorted_findings(batches);
    apply_waivers(&cx, &mut findings);
    Report { findings }
}

/// Joins the rules' batches into one list sorted by severity (worst first), rule id, first
/// subject, then message (stable); a finding is large, so each usually moves once.
///
/// A batch holds one rule's findings, nearly always of one severity and already in subject
/// order: then ordering the batches orders everything. A batch that mixes severities is
/// split, batches with the same severity and rule are joined, and a run out of order is
/// sorted; those cases are rare.
fn sorted_findings(batches: Vec<Vec<Finding>>) -> Vec<Finding> {
    let mut runs: Vec<Vec<Finding>> = Vec::with_capacity(batches.len());
    for batch in batches {
        let Some(first) = batch.first() else {
            continue;
        };
        let (severity, rule_id) = (first.severity, first.rule_id);
        if batch
            .iter()
            .all(|f| f.severity == severity && f.rule_id == rule_id)
        {
            runs.push(batch);
            continue;
        }
        let mut parts: Vec<Vec<Finding>> = Vec::new();
        for f in batch {
            match parts
                .iter_mut()
                .find(|p| p[0].severity == f.severity && p[0].rule_id == f.rule_id)
            {
                Some(part) => part.push(f),
                None => parts.push(vec![f]),
            }
        }
        runs.extend(parts);
    }
    let key = |run: &Vec<Finding>| (std::cmp::Reverse(run[0].severity), run[0].rule_id);
    runs.sort_by(|a, b| key(a).cmp(&key(b)));
    let mut joined: Vec<Vec<Finding>> = Vec::with_capacity(runs.len());
    for run in runs {
        match joined.last_mut() {
            Some(last) if key(last) == key(&run) => last.extend(run),
            _ => joined.push(run),
        }
    }
    let within = |a: &Finding, b: &Finding| {
        a.subjects
            .first()
            .cmp(&b.subjects.first())
            .then_with(|| a.message.cmp(&b.message))
    };
    let mut findings = Vec::with_capacity(joined.iter().map(Vec::len).sum());
    for run in joined {
        findings.extend(sorted_moving_once(run, within));
    }
    findings
}

/// The message a panic carried.
fn panic_reason(payload: &(dyn std::any::Any + Send)) -> String {
    payload
        .downcast_ref::<&str>()
        .map(|s| (*s).to_owned())
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "unknown panic".to_owned())
}

fn apply_waivers(cx: &LintContext<'_>, findings: &mut [Finding]) {
    // Most diagrams accept nothing: then there is nothing to look up per finding.
    if !cx.any_waivers() {
        return;
    }
    let diagram = cx.diagram;
    for finding in findings {
        let name = super::rule_by_id(finding.rule_id).map(|r| r.meta().name);
        let matches = |rule: &str| rule.eq_ignore_ascii_case(finding.rule_id) || Some(rule) == name;
        let reason = finding.subjects.iter().find_map(|subject| {
            let waivers = match subject {
                Subject::Component(id) => &diagram.component(id)?.props.waivers,
                Subject::Link(id) => &diagram.link(id)?.props.waivers,
            };
            waivers
                .iter()
                .find(|w| matches(&w.rule))
                .map(|w| w.reason.clone())
        });
        finding.accepted = reason;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::builder::DiagramBuilder;
    use crate::model::{Kind, Waiver};
    use crate::rules::{Rule, RuleMeta};

    declare_rule! {
        /// ## What it flags
        /// Nothing: it panics, to prove the engine contains a crashing rule.
        pub PanickingRule {
            id: "TEST-001",
            name: "panicking-rule",
            family: Spof,
            default_severity: High,
            since: "0.1.0",
        }
    }

    impl Rule for PanickingRule {
        fn meta(&self) -> &'static RuleMeta {
            &Self::META
        }

        fn check(&self, _cx: &LintContext<'_>, _out: &mut Vec<Finding>) {
            panic!("odd diagram");
        }
    }

    fn lone_web_server() -> Diagram {
        let mut b = DiagramBuilder::new();
        b.add("users", Kind::Users, None);
        b.add("region", Kind::Region, None);
        b.add("vpc", Kind::Vpc, Some("region"));
        b.add("az", Kind::AvailabilityZone, Some("vpc"));
        b.add("subnet", Kind::Subnet, Some("az"));
        b.add("web", Kind::Ec2, Some("subnet"));
        b.link(crate::model::LinkKind::Request, "users", "web");
        b.build()
    }

    #[test]
    fn a_panicking_rule_is_reported_and_the_others_still_run() {
        let diagram = lone_web_server();
        let rules: Vec<&dyn Rule> = vec![
            &PanickingRule,
            ALL_RULES[ALL_RULES.len() - 1],
            super::super::rule_by_id("SPOF-003").unwrap(),
        ];
        let report = lint_with(&rules, &diagram, &LintConfig::default());
        assert!(
            report
                .findings
                .iter()
                .any(|f| f.rule_id == INTERNAL_ERROR_ID && f.message.contains("TEST-001"))
        );
        assert!(
            report.of_rule("SPOF-003").count() == 1,
            "{:#?}",
            report.findings
        );
    }

    #[test]
    fn waivers_accept_findings_without_counting_them() {
        let mut diagram = lone_web_server();
        let web = crate::model::ComponentId::new("web").unwrap();
        let mut props = diagram.component(&web).unwrap().props.clone();
        props.waivers.push(Waiver {
            rule: "single-instance-serving-traffic".into(),
            reason: "Internal demo".into(),
        });
        diagram
            .apply(crate::model::Edit::SetProps(web, Box::new(props)))
            .unwrap();
        let report = lint(&diagram, &LintConfig::only("SPOF-003"));
        assert_eq!(report.findings.len(), 1);
        assert_eq!(
            report.findings[0].accepted.as_deref(),
            Some("Internal demo")
        );
        assert_eq!(report.max_severity(), None);
    }

    #[test]
    fn a_waiver_on_a_link_alone_accepts_its_finding() {
        let mut diagram = crate::io::load_str(
            include_str!("../../samples/three_tier_tightly_coupled.ron"),
            std::path::Path::new("three_tier_tightly_coupled.ron"),
        )
        .unwrap();
        let report = lint(&diagram, &LintConfig::only("COUP-001"));
        let link = report
            .findings
            .iter()
            .find_map(|f| {
                f.subjects.iter().find_map(|s| match s {
                    Subject::Link(id) => Some(id.clone()),
                    Subject::Component(_) => None,
                })
            })
            .expect("the sample has a direct tier-to-tier call");
        let mut props = diagram.link(&link).unwrap().props.clone();
        props.waivers.push(Waiver {
            rule: "COUP-001".into(),
            reason: "Synchronous on purpose".into(),
        });
        diagram
            .apply(crate::model::Edit::SetLinkProps(
                link.clone(),
                Box::new(props),
            ))
            .unwrap();
        let report = lint(&diagram, &LintConfig::only("COUP-001"));
        let on_link: Vec<&Finding> = report
            .findings
            .iter()
            .filter(|f| f.subjects.contains(&Subject::Link(link.clone())))
            .collect();
        assert!(!on_link.is_empty());
        assert!(
            on_link
                .iter()
                .all(|f| f.accepted.as_deref() == Some("Synchronous on purpose"))
        );
    }

    #[test]
    fn severity_overrides_and_selection_apply() {
        let diagram = lone_web_server();
        let mut config = LintConfig::only("SPOF");
        config.severity.insert("SPOF-003".into(), Severity::Low);
        let report = lint(&diagram, &config);
        assert!(
            report
                .findings
                .iter()
                .all(|f| f.rule_id.starts_with("SPOF"))
        );
        assert!(
            report
                .of_rule("SPOF-003")
                .all(|f| f.severity == Severity::Low)
        );
        let mut ignoring = LintConfig::default();
        ignoring.ignore.push("SPOF-003".into());
        assert_eq!(lint(&diagram, &ignoring).of_rule("SPOF-003").count(), 0);
    }

    #[test]
    fn findings_are_sorted_whatever_order_the_rules_run_in() {
        let diagram = crate::io::load_str(
            include_str!("../../samples/three_tier_tightly_coupled.ron"),
            std::path::Path::new("three_tier_tightly_coupled.ron"),
        )
        .unwrap();
        let reversed: Vec<&dyn Rule> = ALL_RULES.iter().rev().copied().collect();
        let report = lint_with(&reversed, &diagram, &LintConfig::default());
        assert_eq!(report, lint(&diagram, &LintConfig::default()));
        let key = |f: &Finding| {
            (
                std::cmp::Reverse(f.severity),
                f.rule_id,
                f.subjects.first().cloned(),
                f.message.clone(),
            )
        };
        assert!(
            report.findings.windows(2).all(|w| key(&w[0]) <= key(&w[1])),
            "{:#?}",
            report.findings
        );
        let rules: std::collections::BTreeSet<&str> =
            report.findings.iter().map(|f| f.rule_id).collect();
        assert!(rules.len() > 3, "the sample raises several rules");
    }

    #[test]
    fn batches_that_mix_severities_repeat_a_rule_or_are_out_of_order_are_sorted() {
        let f = |rule: &'static str, severity: Severity, subject: &str| {
            Finding::new(rule, severity, format!("{rule} on {subject}"))
                .component(&crate::model::ComponentId::new(subject).unwrap())
        };
        let batches = vec![
            vec![
                f("B-1", Severity::Low, "z"),
                f("B-1", Severity::High, "y"),
                f("B-1", Severity::Low, "a"),
            ],
            vec![f("A-1", Severity::Low, "m")],
            Vec::new(),
            vec![f("B-1", Severity::Low, "c")],
            vec![f("A-1", Severity::High, "q"), f("A-1", Severity::High, "b")],
        ];
        let order: Vec<String> = sorted_findings(batches)
            .into_iter()
            .map(|f| f.message)
            .collect();
        assert_eq!(
            order,
            [
                "A-1 on b", "A-1 on q", "B-1 on y", "A-1 on m", "B-1 on a", "B-1 on c", "B-1 on z"
            ]
        );
    }

    #[test]
    fn lint_is_deterministic_and_sorted() {
        let diagram = lone_web_server();
        let a = lint(&diagram, &LintConfig::default());
        let b = lint(&diagram, &LintConfig::default());
        assert_eq!(a, b);
        assert!(
            a.findings
                .windows(2)
                .all(|w| w[0].severity >= w[1].severity)
        );
    }
}
