//! The real binary: exit codes, output formats, `rules` and `explain` (rules, kinds, topics).

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn run(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_cloudsketch"))
        .args(args)
        .output()
        .expect("run cloudsketch")
}

fn sample(name: &str) -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("samples")
        .join(format!("{name}.ron"))
        .display()
        .to_string()
}

fn fixture(rule: &str, name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/rules")
        .join(rule)
        .join(format!("{name}.ron"))
}

fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[test]
fn check_exit_codes_follow_fail_on() {
    let coupled = sample("three_tier_tightly_coupled");
    let out = run(&["check", &coupled]);
    assert_eq!(out.status.code(), Some(1), "{}", stdout(&out));
    assert!(stdout(&out).contains("high SPOF-001"));
    let out = run(&[
        "check",
        "--fail-on",
        "critical",
        "--select",
        "COUP-001",
        &coupled,
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
    let resilient = sample("three_tier_resilient");
    let out = run(&["check", &resilient]);
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
    let out = run(&["check", "--format", "yaml", &resilient]);
    assert_eq!(out.status.code(), Some(2));
    let out = run(&["check"]);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn human_output_points_at_the_component_line() {
    let path = fixture("SPOF-003", "fail_lone_instance");
    let text = std::fs::read_to_string(&path).unwrap();
    let out = run(&["check", "--select", "SPOF-003", path.to_str().unwrap()]);
    let first = stdout(&out).lines().next().unwrap().to_owned();
    let (location, _) = first.split_once(": high").expect("a high finding");
    let line: usize = location.rsplit(':').nth(1).unwrap().parse().unwrap();
    let written = text.lines().nth(line - 1).unwrap();
    assert!(written.contains("kind: Ec2"), "line {line} is {written}");
}

#[test]
fn json_and_sarif_are_well_formed() {
    let coupled = sample("three_tier_tightly_coupled");
    let json: serde_json::Value =
        serde_json::from_slice(&run(&["check", "--format", "json", &coupled]).stdout).unwrap();
    let findings = json["files"][0]["findings"].as_array().unwrap();
    assert!(
        findings
            .iter()
            .any(|f| f["rule_id"] == "COUP-001" && f["line"].as_u64().unwrap() > 1)
    );
    let sarif: serde_json::Value =
        serde_json::from_slice(&run(&["check", "--format", "sarif", &coupled]).stdout).unwrap();
    assert_eq!(sarif["version"], "2.1.0");
    let run0 = &sarif["runs"][0];
    let rules = run0["tool"]["driver"]["rules"].as_array().unwrap();
    assert_eq!(rules.len(), cloudsketch::rules::ALL_RULES.len());
    let result = &run0["results"][0];
    assert!(result["ruleId"].is_string());
    assert!(
        result["locations"][0]["physicalLocation"]["region"]["startLine"]
            .as_u64()
            .unwrap()
            >= 1
    );
    assert!(
        result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
            .as_str()
            .unwrap()
            .ends_with(".ron")
    );
}

#[test]
fn rules_and_explain() {
    let out = run(&["rules"]);
    assert_eq!(out.status.code(), Some(0));
    for rule in cloudsketch::rules::ALL_RULES {
        assert!(stdout(&out).contains(rule.meta().id));
        let explained = run(&["explain", rule.meta().id]);
        assert_eq!(explained.status.code(), Some(0));
        assert!(stdout(&explained).contains("## Why it matters"));
    }
    let by_name = run(&["explain", "tier-to-tier-direct-call"]);
    assert!(stdout(&by_name).starts_with("COUP-001"));
    assert_eq!(run(&["explain", "NOPE-999"]).status.code(), Some(2));
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

#[test]
fn explain_kinds_and_topics() {
    let alb = run(&["explain", "alb"]);
    assert_eq!(alb.status.code(), Some(0), "{}", stderr(&alb));
    let text = stdout(&alb);
    assert!(
        text.starts_with("Application Load Balancer (Alb)"),
        "{text}"
    );
    assert!(text.contains("layer 7"));
    assert!(text.contains("Compare with: Network Load Balancer (Nlb)"));
    assert!(text.contains("elb-layers"));

    let cidr = run(&["explain", "cidr"]);
    assert_eq!(cidr.status.code(), Some(0), "{}", stderr(&cidr));
    let text = stdout(&cidr);
    assert!(text.starts_with("cidr · "), "{text}");
    assert!(text.contains("65,536") && text.contains("251 usable"));

    for &kind in cloudsketch::model::Kind::ALL {
        let ident = kind.info().ident;
        let out = run(&["explain", ident]);
        assert_eq!(out.status.code(), Some(0), "{ident}: {}", stderr(&out));
        let guide = cloudsketch::learn::guide(kind);
        assert!(stdout(&out).contains(guide.choose_when), "{ident}");
    }
    for topic in cloudsketch::learn::TOPICS {
        let out = run(&["explain", topic.id]);
        assert_eq!(out.status.code(), Some(0), "{}: {}", topic.id, stderr(&out));
        assert!(stdout(&out).contains(topic.answer), "{}", topic.id);
    }

    let unknown = run(&["explain", "kubernetes-operator"]);
    assert_eq!(unknown.status.code(), Some(2));
    assert!(stdout(&unknown).is_empty());
    let message = stderr(&unknown);
    assert!(message.contains("`kubernetes-operator`"), "{message}");
    assert!(message.contains("cloudsketch rules") && message.contains("cloudsketch kinds"));

    let shared = run(&["explain", "elb"]);
    assert_eq!(shared.status.code(), Some(2));
    assert!(stderr(&shared).contains("cloudsketch explain elb-layers"));
}

#[test]
fn fmt_check_reports_non_canonical_files() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("d.ron");
    std::fs::write(
        &path,
        "(format_version: 1, components: [(id: \"r\", kind: Region, at: (x: 0, y: 0))])",
    )
    .unwrap();
    let p = path.to_str().unwrap();
    assert_eq!(run(&["fmt", "--check", p]).status.code(), Some(1));
    assert_eq!(run(&["fmt", p]).status.code(), Some(0));
    assert_eq!(run(&["fmt", "--check", p]).status.code(), Some(0));
}

#[test]
fn generate_writes_a_valid_large_diagram() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("big.ron");
    let p = path.to_str().unwrap();
    assert_eq!(
        run(&["generate", "-n", "300", "-o", p]).status.code(),
        Some(0)
    );
    let out = run(&["check", "--fail-on", "critical", p]);
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
}
