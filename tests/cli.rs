//! The real binary: exit codes, output formats (human, JSON, SARIF, Markdown, HTML), `rules`
//! and `explain` (rules, kinds, topics).

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn run(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_cloudsketch"))
        .args(args)
        .output()
        .expect("run cloudsketch")
}

/// Runs in the repository, so `samples/…` paths print the same everywhere (snapshots).
fn run_in_repo(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_cloudsketch"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
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
    // A finding's severity is spelled as the counts' keys are.
    let counts = json["files"][0]["counts"].as_object().unwrap();
    for f in findings {
        let severity = f["severity"].as_str().unwrap();
        assert!(counts.contains_key(severity), "{severity} is not a count");
    }
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
    // The names line up in one column, whatever the severity's length.
    let name_columns: std::collections::BTreeSet<usize> = cloudsketch::rules::ALL_RULES
        .iter()
        .map(|r| {
            let line = stdout(&out)
                .lines()
                .find(|l| l.trim_start().starts_with(r.meta().id))
                .unwrap()
                .to_owned();
            line.find(r.meta().name).unwrap()
        })
        .collect();
    assert_eq!(name_columns.len(), 1, "{}", stdout(&out));
    for rule in cloudsketch::rules::ALL_RULES {
        assert!(stdout(&out).contains(rule.meta().id));
        let explained = run(&["explain", rule.meta().id]);
        assert_eq!(explained.status.code(), Some(0));
        assert!(stdout(&explained).contains("## Why it matters"));
        // Examples are named by file, since they are built in, not by the source folder.
        assert!(!stdout(&explained).contains("tests/fixtures"));
    }
    let by_name = run(&["explain", "tier-to-tier-direct-call"]);
    assert!(stdout(&by_name).starts_with("COUP-001"));
    assert_eq!(run(&["explain", "NOPE-999"]).status.code(), Some(2));
}

/// The study notes ask how many addresses a CIDR block gives: `explain` answers for the
/// blocks typed, and takes a topic or kind of several words without quotes.
#[test]
fn explain_answers_for_cidr_blocks_and_words_without_quotes() {
    let out = run(&["explain", "10.0.0.0/16", "10.0.1.0/24"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(text.contains("10.0.0.0/16: 10.0.0.0 – 10.0.255.255, 65,536 addresses"));
    assert!(text.contains("251 usable"));
    assert!(text.contains("10.0.1.0/24 lies inside 10.0.0.0/16"));
    let wrong = run(&["explain", "10.0.0.0/33"]);
    assert_eq!(wrong.status.code(), Some(2));
    assert!(stderr(&wrong).contains("10.0.0.0/33"));
    let words = run(&["explain", "nat", "gateway"]);
    assert_eq!(words.status.code(), Some(0), "{}", stderr(&words));
    assert!(stdout(&words).starts_with("NAT gateway"));
}

#[test]
fn explain_writes_a_rules_example_diagrams() {
    let dir = tempfile::tempdir().unwrap();
    let first = run(&["explain", "SPOF-003", "--example"]);
    assert_eq!(first.status.code(), Some(0), "{}", stderr(&first));
    let path = dir.path().join("lone.ron");
    std::fs::write(&path, &first.stdout).unwrap();
    // The written example is a diagram `check` reads, and it shows what the rule flags.
    let checked = run(&["check", "--format", "json", path.to_str().unwrap()]);
    assert!(
        stdout(&checked).contains("SPOF-003"),
        "{}",
        stdout(&checked)
    );

    let fixed = run(&["explain", "spof-003", "--example", "pass_instance_in_asg"]);
    assert_eq!(fixed.status.code(), Some(0), "{}", stderr(&fixed));
    let path = dir.path().join("fixed.ron");
    std::fs::write(&path, &fixed.stdout).unwrap();
    let checked = run(&["check", "--format", "json", path.to_str().unwrap()]);
    assert!(
        !stdout(&checked).contains("SPOF-003"),
        "{}",
        stdout(&checked)
    );

    let unknown = run(&["explain", "SPOF-003", "--example", "nope.ron"]);
    assert_eq!(unknown.status.code(), Some(2));
    assert!(
        stderr(&unknown).contains("fail_lone_instance.ron"),
        "{}",
        stderr(&unknown)
    );
    let not_a_rule = run(&["explain", "cidr", "--example"]);
    assert_eq!(not_a_rule.status.code(), Some(2));
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

    // Topics answer to the words a learner types, not only their ids.
    let step = run(&["explain", "step-scaling"]);
    assert_eq!(step.status.code(), Some(0), "{}", stderr(&step));
    assert!(
        stdout(&step).starts_with("scaling-policies · "),
        "{}",
        stdout(&step)
    );
    let layer = run(&["explain", "layer7"]);
    assert!(
        stdout(&layer).starts_with("elb-layers · "),
        "{}",
        stdout(&layer)
    );

    let unknown = run(&["explain", "kubernetes-operator"]);
    assert_eq!(unknown.status.code(), Some(2));
    assert!(stdout(&unknown).is_empty());
    let message = stderr(&unknown);
    assert!(message.contains("`kubernetes-operator`"), "{message}");
    assert!(message.contains("cloudsketch rules") && message.contains("cloudsketch kinds"));
    assert!(
        !message.contains("did you mean"),
        "nothing is close: {message}"
    );
    let typo = run(&["explain", "spof-01"]);
    assert_eq!(typo.status.code(), Some(2));
    assert!(
        stderr(&typo).contains("did you mean `SPOF-001`?"),
        "{}",
        stderr(&typo)
    );

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

#[test]
fn markdown_groups_findings_by_checklist_item() {
    let out = run_in_repo(&[
        "check",
        "--format",
        "markdown",
        "samples/three_tier_tightly_coupled.ron",
    ]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let mut settings = insta::Settings::clone_current();
    settings.set_snapshot_path("snapshots/cli");
    settings.set_prepend_module_to_snapshot(false);
    settings.bind(|| {
        insta::assert_snapshot!("markdown_three_tier_tightly_coupled", stdout(&out));
    });
}

#[test]
fn markdown_of_a_clean_file_says_so_in_one_line() {
    let out = run_in_repo(&[
        "check",
        "--format",
        "markdown",
        "samples/three_tier_resilient.ron",
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = stdout(&out);
    let lines: Vec<&str> = text.lines().filter(|l| !l.is_empty()).collect();
    assert_eq!(lines.len(), 2, "{text}");
    assert!(lines[0].starts_with("## `samples/three_tier_resilient.ron`"));
    assert_eq!(lines[1], "No findings in 32 components and 20 links.");
}

/// `html` with the rule documentation and the namespace of the inline pictures taken out:
/// what is left must not link anywhere.
fn without_docs_and_namespaces(html: &str) -> String {
    let mut rest = html.replace(r#"xmlns="http://www.w3.org/2000/svg""#, "");
    while let Some(start) = rest.find("<pre>") {
        let end = rest[start..].find("</pre>").expect("closed <pre>") + start;
        rest.replace_range(start..end + "</pre>".len(), "");
    }
    rest
}

#[test]
fn html_is_one_self_contained_page_with_every_finding_and_its_docs() {
    use cloudsketch::cli::report::escape_html;
    use cloudsketch::rules::{LintConfig, lint, rule_by_id};

    let files = [
        "samples/three_tier_tightly_coupled.ron",
        "samples/serverless_api.ron",
    ];
    let out = run_in_repo(&["check", "--format", "html", files[0], files[1]]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let html = stdout(&out);
    assert!(html.starts_with("<!DOCTYPE html>\n"));
    assert!(html.ends_with("</html>\n"));
    assert_eq!(html.matches("<html").count(), 1);
    assert_eq!(html.matches("<section class=\"file\"").count(), 2);
    assert_eq!(html.matches("<figure class=\"picture\"").count(), 2);
    assert!(!html.to_lowercase().contains("<script"));
    let mut ids: Vec<&str> = html
        .split(" id=\"")
        .skip(1)
        .map(|rest| &rest[..rest.find('"').expect("closed id")])
        .collect();
    let count = ids.len();
    ids.sort_unstable();
    ids.dedup();
    assert_eq!(ids.len(), count, "every id on the page is unique: {ids:?}");
    for reference in html.split("url(#").skip(1) {
        let id = &reference[..reference.find(')').expect("closed url(")];
        assert!(ids.contains(&id), "url(#{id}) points at an id on the page");
    }
    for file in files {
        let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(file);
        let diagram = cloudsketch::io::load_path(&path).unwrap();
        let report = lint(&diagram, &LintConfig::from_settings(&diagram.info.lint));
        assert!(!report.findings.is_empty(), "{file}");
        for finding in &report.findings {
            assert!(
                html.contains(&escape_html(&finding.message)),
                "{file}: {}",
                finding.message
            );
            let docs = cloudsketch::cli::rules::docs(rule_by_id(finding.rule_id).unwrap().meta());
            assert!(
                html.contains(&format!("<pre>{}</pre>", escape_html(docs.trim_end()))),
                "{file}: docs of {}",
                finding.rule_id
            );
            if let Some(reason) = &finding.accepted {
                assert!(html.contains(&escape_html(reason)), "{file}: {reason}");
            }
        }
    }
    let linked = without_docs_and_namespaces(&html);
    for reference in ["http://", "https://", "<link", "@import", " src="] {
        assert!(!linked.contains(reference), "{reference} in the page");
    }
}

#[test]
fn labels_with_markup_do_not_break_markdown_or_html() {
    let text = std::fs::read_to_string(fixture("SPOF-003", "fail_lone_instance"))
        .unwrap()
        .replace(r#"label: "Website""#, r#"label: "<b>Web</b> | *tier* `x`""#)
        .replace(
            r#"title: "Lone web instance""#,
            r#"title: "Lone <script>alert(1)</script> & co""#,
        );
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("markup.ron");
    std::fs::write(&path, text).unwrap();
    let p = path.to_str().unwrap();

    let out = run(&["check", "--format", "markdown", p]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let markdown = stdout(&out);
    assert!(
        markdown.contains(r"\<b\>Web\</b\> \| \*tier\* \`x\` is a single EC2 instance"),
        "{markdown}"
    );
    assert!(markdown.contains(r"Lone \<script\>alert(1)\</script\> \& co"));
    assert!(!markdown.contains("<b>") && !markdown.contains("<script>"));

    let out = run(&["check", "--format", "html", p]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let html = stdout(&out);
    assert!(
        html.contains("&lt;b&gt;Web&lt;/b&gt; | *tier* `x` is a single EC2 instance"),
        "{html}"
    );
    assert!(html.contains("Lone &lt;script&gt;alert(1)&lt;/script&gt; &amp; co"));
    assert!(!html.contains("<b>") && !html.to_lowercase().contains("<script"));
}

#[test]
fn a_file_named_twice_is_checked_once() {
    let files = |args: &[&str]| -> Vec<(String, usize)> {
        let out = run_in_repo(args);
        let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        json["files"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| {
                let path = f["path"].as_str().unwrap().to_owned();
                (path, f["findings"].as_array().unwrap().len())
            })
            .collect()
    };
    let ron = "samples/three_tier_tightly_coupled.ron";
    let once = files(&["check", "--format", "json", ron]);
    let twice = files(&[
        "check",
        "--format",
        "json",
        ron,
        "./samples/../samples/three_tier_tightly_coupled.ron",
        ron,
    ]);
    assert_eq!(twice, once);
    // A template given twice is not imported twice (its components would collide).
    let yaml = "tests/fixtures/import/network.yaml";
    let once = files(&["check", "--format", "json", yaml]);
    let twice = files(&[
        "check",
        "--format",
        "json",
        yaml,
        "./tests/fixtures/import/network.yaml",
    ]);
    assert_eq!(twice, once);
}
