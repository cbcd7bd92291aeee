//! Fixture-driven rule tests: every `tests/fixtures/rules/<ID>/{pass,fail}_*.ron` runs with
//! only that rule enabled; pass files yield nothing, fail files at least one finding, whose
//! rendering is snapshotted. Every quick fix is applied and re-linted: the finding goes
//! away and no new high or critical finding appears.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod drawing;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use cloudsketch::io;
use cloudsketch::model::{Diagram, Severity};
use cloudsketch::rules::{ALL_RULES, Finding, LintConfig, Report, lint};

fn fixtures_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/rules")
}

fn fixtures_of(id: &str) -> Vec<PathBuf> {
    let Ok(entries) = std::fs::read_dir(fixtures_root().join(id)) else {
        return Vec::new();
    };
    let mut files: Vec<PathBuf> = entries
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "ron"))
        .collect();
    files.sort();
    files
}

fn load(path: &Path) -> Diagram {
    io::load_path(path).unwrap_or_else(|e| panic!("{e}"))
}

/// Stable text of findings for snapshots.
pub fn render(findings: &[&Finding]) -> String {
    let mut out = String::new();
    for f in findings {
        out.push_str(&format!("{} {}: {}\n", f.severity, f.rule_id, f.message));
        let subjects: Vec<&str> = f.subjects.iter().map(|s| s.as_str()).collect();
        out.push_str(&format!("  subjects: {}\n", subjects.join(", ")));
        if !f.path.is_empty() {
            let path: Vec<&str> = f.path.iter().map(|s| s.as_str()).collect();
            out.push_str(&format!("  path: {}\n", path.join(" -> ")));
        }
        for fix in &f.fixes {
            out.push_str(&format!("  fix: {}\n", fix.title));
        }
        if let Some(reason) = &f.accepted {
            out.push_str(&format!("  accepted: {reason}\n"));
        }
    }
    out
}

fn stem(path: &Path) -> String {
    path.file_stem().unwrap().to_string_lossy().into_owned()
}

#[test]
fn pass_fixtures_are_clean_and_fail_fixtures_fire() {
    let mut settings = insta::Settings::clone_current();
    settings.set_snapshot_path("snapshots/rules");
    settings.set_prepend_module_to_snapshot(false);
    settings.bind(|| {
        for rule in ALL_RULES {
            let id = rule.meta().id;
            for path in fixtures_of(id) {
                let name = stem(&path);
                let report = lint(&load(&path), &LintConfig::only(id));
                let findings: Vec<&Finding> = report.of_rule(id).collect();
                if name.starts_with("pass_") {
                    assert!(
                        findings.is_empty(),
                        "{id}/{name} should pass:\n{}",
                        render(&findings)
                    );
                } else {
                    assert!(
                        !findings.is_empty(),
                        "{id}/{name} should fail but {id} found nothing"
                    );
                    insta::assert_snapshot!(format!("{id}__{name}"), render(&findings));
                }
            }
        }
    });
}

/// A `pass_` fixture is also what a learner opens as the example of good design (Why? >
/// example, `explain --example`): with every rule on, it raises no high or critical finding
/// of another rule, unless one of its components accepts that rule with a reason.
#[test]
fn pass_fixtures_raise_nothing_high_with_every_rule_on() {
    let mut noisy = Vec::new();
    for rule in ALL_RULES {
        let id = rule.meta().id;
        for path in fixtures_of(id) {
            if !stem(&path).starts_with("pass_") {
                continue;
            }
            let report = lint(&load(&path), &LintConfig::default());
            for f in report.active().filter(|f| f.severity >= Severity::High) {
                noisy.push(format!("{id}/{}: {} {}", stem(&path), f.rule_id, f.message));
            }
        }
    }
    assert!(noisy.is_empty(), "{}", noisy.join("\n"));
}

/// Findings of other rules that a fail example raises at high or above because they
/// follow from the very problem it shows: (rule, example, other rule).
const CONSEQUENCES: &[(&str, &str, &str)] = &[
    // MySQL on one EC2 instance: no failover and no managed backups are the argument for RDS.
    ("COST-003", "fail_mysql_on_ec2", "SPOF-006"),
    ("COST-003", "fail_mysql_on_ec2", "DR-002"),
    // A cache without failover loses what was written since its last snapshot with its AZ.
    ("SPOF-006", "fail_redis_without_failover", "DR-003"),
    // One NAT gateway for two AZs: losing its AZ strands the other AZ's private subnet.
    ("SPOF-007", "fail_one_nat_two_azs", "SPOF-002"),
];

/// A fail example headlines its own rule: the Why? panel opens it to show that rule's
/// problem, so no other rule raises a high or critical finding in it, unless that finding
/// follows from the problem itself (`CONSEQUENCES`).
#[test]
fn fail_fixtures_raise_nothing_high_of_another_rule_unless_it_follows() {
    let mut noisy = Vec::new();
    for rule in ALL_RULES {
        let id = rule.meta().id;
        for path in fixtures_of(id) {
            let name = stem(&path);
            if !name.starts_with("fail_") {
                continue;
            }
            let report = lint(&load(&path), &LintConfig::default());
            for f in report
                .active()
                .filter(|f| f.severity >= Severity::High && f.rule_id != id)
                .filter(|f| !CONSEQUENCES.contains(&(id, name.as_str(), f.rule_id)))
            {
                noisy.push(format!("{id}/{name}: {} {}", f.rule_id, f.message));
            }
        }
    }
    assert!(noisy.is_empty(), "{}", noisy.join("\n"));
}

/// The examples the Why? panel opens show what they mean: no link drawn through an icon it
/// does not join, no icon across or inside a box it is not in (`drawing::misleading`).
#[test]
fn rule_examples_draw_no_link_through_an_icon_and_no_icon_across_a_box() {
    let mut found = Vec::new();
    for rule in ALL_RULES {
        let id = rule.meta().id;
        for path in fixtures_of(id) {
            for problem in drawing::misleading(&load(&path)) {
                found.push(format!("{id}/{}: {problem}", stem(&path)));
            }
        }
    }
    assert!(found.is_empty(), "{}", found.join("\n"));
}

#[test]
fn every_rule_has_pass_and_fail_fixtures_and_no_fixture_is_orphaned() {
    for rule in ALL_RULES {
        let meta = rule.meta();
        let names: Vec<String> = fixtures_of(meta.id).iter().map(|p| stem(p)).collect();
        assert!(
            names.iter().any(|n| n.starts_with("pass_")),
            "{} has no pass_ fixture",
            meta.id
        );
        assert!(
            names.iter().any(|n| n.starts_with("fail_")),
            "{} has no fail_ fixture",
            meta.id
        );
        assert!(
            names
                .iter()
                .all(|n| n.starts_with("pass_") || n.starts_with("fail_")),
            "{}: fixture names start with pass_ or fail_: {names:?}",
            meta.id
        );
        // The docs' Example and Use instead sections name real files.
        for word in meta.docs.split(['`', ' ', ',', '(', ')']) {
            if let Some(file) = word.strip_suffix(".ron") {
                let file = file.rsplit('/').next().unwrap();
                assert!(
                    names.iter().any(|n| n == file),
                    "{} docs name {file}.ron, which does not exist",
                    meta.id
                );
            }
        }
    }
    let known: BTreeSet<&str> = ALL_RULES.iter().map(|r| r.meta().id).collect();
    for entry in std::fs::read_dir(fixtures_root()).unwrap() {
        let name = entry.unwrap().file_name().to_string_lossy().into_owned();
        assert!(
            known.contains(name.as_str()),
            "fixture folder {name} belongs to no rule"
        );
    }
}

fn serious(report: &Report) -> BTreeSet<(String, String)> {
    report
        .active()
        .filter(|f| f.severity >= Severity::High)
        .map(|f| {
            (
                f.rule_id.to_owned(),
                f.subjects
                    .first()
                    .map(|s| s.as_str().to_owned())
                    .unwrap_or_default(),
            )
        })
        .collect()
}

#[test]
fn every_quick_fix_removes_its_finding_without_new_serious_findings() {
    let mut fixes_tried = 0;
    for rule in ALL_RULES {
        let id = rule.meta().id;
        for path in fixtures_of(id)
            .into_iter()
            .filter(|p| stem(p).starts_with("fail_"))
        {
            let diagram = load(&path);
            let before_all = lint(&diagram, &LintConfig::default());
            let report = lint(&diagram, &LintConfig::only(id));
            for finding in report.of_rule(id) {
                for fix in &finding.fixes {
                    fixes_tried += 1;
                    let label = format!("{id}/{}: {}", stem(&path), fix.title);
                    let mut fixed = diagram.clone();
                    let edit = fix
                        .edit(&diagram)
                        .unwrap_or_else(|| panic!("{label}: fix cannot be built"));
                    fixed
                        .apply(edit)
                        .unwrap_or_else(|e| panic!("{label}: fix does not apply: {e}"));
                    let saved = io::to_string(&fixed).unwrap();
                    io::load_str(&saved, &path)
                        .unwrap_or_else(|e| panic!("{label}: fixed diagram does not reload: {e}"));
                    let after = lint(&fixed, &LintConfig::only(id));
                    assert!(
                        !after
                            .of_rule(id)
                            .any(|f| f.subjects.first() == finding.subjects.first()
                                && f.message == finding.message),
                        "{label}: the finding is still there"
                    );
                    let new: Vec<_> = serious(&lint(&fixed, &LintConfig::default()))
                        .difference(&serious(&before_all))
                        .cloned()
                        .collect();
                    assert!(new.is_empty(), "{label}: new high findings {new:?}");
                }
            }
        }
    }
    assert!(fixes_tried >= 10, "only {fixes_tried} fixes exercised");
}

#[test]
fn lone_copies_behind_one_load_balancer_become_one_group_not_a_group_each() {
    use cloudsketch::model::{Kind, LinkKind, Settings};
    let path =
        fixtures_root().join("SPOF-003/fail_two_lone_instances_behind_one_load_balancer.ron");
    let diagram = load(&path);
    let report = lint(&diagram, &LintConfig::only("SPOF-003"));
    let findings: Vec<&Finding> = report.of_rule("SPOF-003").collect();
    assert_eq!(findings.len(), 2);
    // Each instance's finding offers the same fix; applying it settles both.
    assert_eq!(findings[0].fixes[0].title, findings[1].fixes[0].title);
    let mut fixed = diagram.clone();
    fixed
        .apply(findings[0].fixes[0].edit(&diagram).unwrap())
        .unwrap();
    let groups: Vec<_> = fixed
        .components()
        .filter(|c| c.kind == Kind::AutoScalingGroup)
        .collect();
    assert_eq!(groups.len(), 1, "one group for both copies");
    let group = groups[0];
    assert_eq!(
        group
            .props
            .subnets
            .iter()
            .map(|s| s.as_str())
            .collect::<Vec<_>>(),
        ["public-a", "public-b"]
    );
    let Settings::Asg(asg) = &group.props.settings else {
        panic!("group settings");
    };
    assert_eq!(
        (asg.min, asg.desired),
        (Some(2), Some(2)),
        "as many as were drawn"
    );
    let instances: Vec<_> = fixed.components().filter(|c| c.kind == Kind::Ec2).collect();
    assert_eq!(instances.len(), 1, "the drawn member stands for the fleet");
    assert_eq!(instances[0].parent.as_ref(), Some(&group.id));
    let routes: Vec<_> = fixed
        .links()
        .filter(|l| l.kind == LinkKind::Route && l.from.as_str() == "alb")
        .collect();
    assert_eq!(
        routes.len(),
        1,
        "the load balancer routes to the group once"
    );
    assert_eq!(routes[0].to, group.id);
    assert_eq!(
        lint(&fixed, &LintConfig::only("SPOF-003"))
            .of_rule("SPOF-003")
            .count(),
        0
    );
}

#[test]
fn a_gateway_added_to_a_full_vpc_grows_the_vpc_instead_of_covering_its_zones() {
    // Two AZ boxes fill the VPC: the NET-002 fix must not put the gateway on top of them.
    let text = r#"(
    format_version: 1,
    components: [
        (id: "region", kind: Region, at: (x: 0.0, y: 0.0), size: (w: 1000.0, h: 400.0)),
        (id: "vpc", kind: Vpc, parent: "region", at: (x: 20.0, y: 40.0), size: (w: 960.0, h: 340.0)),
        (id: "alb", kind: Alb, parent: "vpc", at: (x: 452.0, y: 60.0), subnets: ["public-a", "public-b"]),
        (id: "az-a", kind: AvailabilityZone, parent: "vpc", at: (x: 40.0, y: 80.0), size: (w: 440.0, h: 280.0)),
        (id: "public-a", kind: Subnet, parent: "az-a", at: (x: 60.0, y: 120.0), size: (w: 400.0, h: 220.0)),
        (id: "az-b", kind: AvailabilityZone, parent: "vpc", at: (x: 520.0, y: 80.0), size: (w: 440.0, h: 280.0)),
        (id: "public-b", kind: Subnet, parent: "az-b", at: (x: 540.0, y: 120.0), size: (w: 400.0, h: 220.0)),
        (id: "users", kind: Users, at: (x: -200.0, y: 200.0)),
    ],
    links: [(kind: Request, from: "users", to: "alb")],
)"#;
    let diagram = io::load_str(text, Path::new("full_vpc.ron")).unwrap();
    let (fixed, added) = with_fix(&diagram, "NET-002", "Internet gateway");
    assert_eq!(added.len(), 1, "the fix adds a gateway");
    assert_drawn_clear(&fixed, &added[0]);
}

/// `diagram` after the fix of `rule`'s first finding whose title contains `title`, and
/// the components the fix added.
fn with_fix(
    diagram: &Diagram,
    rule: &str,
    title: &str,
) -> (Diagram, Vec<cloudsketch::model::ComponentId>) {
    let report = lint(diagram, &LintConfig::only(rule));
    let fix = report
        .of_rule(rule)
        .flat_map(|f| &f.fixes)
        .find(|f| f.title.contains(title))
        .unwrap_or_else(|| panic!("no {rule} fix about {title}"));
    let mut fixed = diagram.clone();
    fixed.apply(fix.edit(diagram).unwrap()).unwrap();
    let added = fixed
        .components()
        .filter(|c| diagram.component(&c.id).is_none())
        .map(|c| c.id.clone())
        .collect();
    (fixed, added)
}

/// `id` is drawn inside its parent box and covers no component but its ancestors.
fn assert_drawn_clear(diagram: &Diagram, id: &cloudsketch::model::ComponentId) {
    let new = diagram.component(id).unwrap();
    let ancestors: Vec<_> = diagram.ancestors(id).map(|a| a.id.clone()).collect();
    if let Some(parent) = diagram.ancestors(id).next() {
        assert!(
            parent.rect.contains_rect(&new.rect),
            "{id} is outside {}",
            parent.id
        );
    }
    for other in diagram.components() {
        if other.id != *id && !ancestors.contains(&other.id) {
            assert!(
                !other.rect.intersects(&new.rect),
                "{id} covers {}",
                other.id
            );
        }
    }
}

#[test]
fn a_load_balancer_put_between_tiers_covers_no_subnet_or_zone() {
    let diagram = load(&fixtures_root().join("COUP-001/fail_web_calls_app_instance.ron"));
    let (fixed, added) = with_fix(&diagram, "COUP-001", "load balancer");
    assert_eq!(added.len(), 1, "the fix adds a load balancer");
    assert_drawn_clear(&fixed, &added[0]);
}

#[test]
fn a_queue_put_between_tiers_and_its_dead_letter_queue_stay_inside_the_region() {
    let diagram = io::load_str(
        include_str!("../samples/three_tier_tightly_coupled.ron"),
        Path::new("three_tier_tightly_coupled.ron"),
    )
    .unwrap();
    let (fixed, added) = with_fix(&diagram, "COUP-001", "SQS queue");
    assert_eq!(added.len(), 2, "a queue and its dead-letter queue");
    for id in &added {
        assert_drawn_clear(&fixed, id);
    }
}
