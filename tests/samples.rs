//! Every bundled sample loads, validates and is stored in canonical form, so saving it
//! gives back the same bytes; the large sample is exactly what the generator makes.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod drawing;

use std::path::Path;

use cloudsketch::io::{self, samples::SAMPLES};

#[test]
fn every_sample_file_is_bundled() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("samples");
    let mut on_disk: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "ron"))
        .map(|p| p.file_stem().unwrap().to_string_lossy().into_owned())
        .filter(|name| name != "large_generated")
        .collect();
    on_disk.sort();
    let mut bundled: Vec<String> = SAMPLES.iter().map(|s| s.name.to_owned()).collect();
    bundled.sort();
    assert_eq!(on_disk, bundled);
}

#[test]
fn samples_load_validate_and_round_trip_byte_stably() {
    for sample in SAMPLES {
        let origin = Path::new(sample.name);
        let diagram = io::load_str(sample.text, origin).unwrap_or_else(|e| panic!("{e}"));
        assert!(
            diagram.component_count() > 5,
            "{} is too small",
            sample.name
        );
        assert!(
            !diagram.header_comment.is_empty(),
            "{} has no header comment",
            sample.name
        );
        let saved = io::to_string(&diagram).unwrap();
        assert_eq!(
            saved, sample.text,
            "{} is not canonical; run `cloudsketch fmt samples/{}.ron`",
            sample.name, sample.name
        );
        let reloaded = io::load_str(&saved, origin).unwrap();
        assert_eq!(reloaded, diagram);
        assert_eq!(io::to_string(&reloaded).unwrap(), saved);
    }
}

#[test]
fn large_sample_is_the_generator_output() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("samples/large_generated.ron");
    let on_disk = std::fs::read_to_string(&path).unwrap();
    let diagram = io::load_str(&on_disk, &path).unwrap();
    assert!(diagram.component_count() >= 1_000);
    let generated = cloudsketch::model::generate::large_diagram(1_000).unwrap();
    assert_eq!(
        io::to_string(&generated).unwrap(),
        on_disk,
        "regenerate with `cargo run -- generate -n 1000 -o samples/large_generated.ron`"
    );
}

#[test]
fn saving_to_disk_is_atomic_and_stable() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("d.ron");
    let diagram = io::load_str(SAMPLES[0].text, Path::new("s")).unwrap();
    io::save_path(&diagram, &path).unwrap();
    let first = std::fs::read(&path).unwrap();
    io::save_path(&diagram, &path).unwrap();
    assert_eq!(std::fs::read(&path).unwrap(), first);
    let leftovers: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
    assert_eq!(leftovers.len(), 1, "temp files left behind");
}

fn render(report: &cloudsketch::rules::Report) -> String {
    let mut out = String::new();
    for f in &report.findings {
        let subjects: Vec<&str> = f.subjects.iter().map(|s| s.as_str()).collect();
        out.push_str(&format!(
            "{} {}: {}\n  subjects: {}\n",
            f.severity,
            f.rule_id,
            f.message,
            subjects.join(", ")
        ));
        for fix in &f.fixes {
            out.push_str(&format!("  fix: {}\n", fix.title));
        }
        if let Some(reason) = &f.accepted {
            out.push_str(&format!("  accepted: {reason}\n"));
        }
    }
    out
}

fn lint_sample(name: &str) -> cloudsketch::rules::Report {
    let sample = io::samples::by_name(name).unwrap();
    let diagram = io::load_str(sample.text, Path::new(name)).unwrap();
    cloudsketch::rules::lint(
        &diagram,
        &cloudsketch::rules::LintConfig::from_settings(&diagram.info.lint),
    )
}

#[test]
fn sample_reports_match_their_snapshots() {
    let mut settings = insta::Settings::clone_current();
    settings.set_snapshot_path("snapshots/samples");
    settings.set_prepend_module_to_snapshot(false);
    settings.bind(|| {
        for sample in SAMPLES {
            insta::assert_snapshot!(sample.name, render(&lint_sample(sample.name)));
        }
    });
}

#[test]
fn tightly_coupled_sample_raises_the_core_findings() {
    let report = lint_sample("three_tier_tightly_coupled");
    for id in ["SPOF-001", "SPOF-003", "SPOF-006", "COUP-001", "DR-002"] {
        assert!(
            report.of_rule(id).count() > 0,
            "expected {id}:\n{}",
            render(&report)
        );
    }
}

#[test]
fn resilient_samples_raise_nothing_high() {
    for name in ["three_tier_resilient", "multi_region_dr"] {
        let report = lint_sample(name);
        let serious: Vec<_> = report
            .active()
            .filter(|f| f.severity >= cloudsketch::model::Severity::High)
            .collect();
        assert!(serious.is_empty(), "{name}:\n{}", render(&report));
    }
}

/// The editor journey of the live-linting issue, without the window: starting from the
/// tightly coupled sample, keep applying the first quick fix of a high or critical finding
/// until none is left. Every step must make progress and the result must reload.
#[test]
fn following_the_quick_fixes_of_the_tightly_coupled_sample_leaves_nothing_high() {
    use cloudsketch::model::{Kind, Severity};
    use cloudsketch::rules::{LintConfig, lint};

    let sample = io::samples::by_name("three_tier_tightly_coupled").unwrap();
    let mut diagram = io::load_str(sample.text, Path::new("tightly")).unwrap();
    let mut applied = Vec::new();
    loop {
        let report = lint(&diagram, &LintConfig::default());
        let serious: Vec<_> = report
            .active()
            .filter(|f| f.severity >= Severity::High)
            .collect();
        if serious.is_empty() {
            break;
        }
        let Some(fix) = serious.iter().find_map(|f| f.fixes.first()) else {
            panic!(
                "stuck after {applied:?}: no quick fix for\n{}",
                render(&report)
            );
        };
        assert!(applied.len() < 12, "no end in sight: {applied:?}");
        applied.push(fix.title.clone());
        let edit = fix
            .edit(&diagram)
            .expect("the fix applies to this revision");
        diagram.apply(edit).expect("the fix is a valid edit");
    }
    let text = io::to_string(&diagram).unwrap();
    let reloaded = io::load_str(&text, Path::new("fixed")).unwrap();
    let zones = reloaded
        .components()
        .filter(|c| c.kind == Kind::AvailabilityZone)
        .count();
    assert_eq!(zones, 2, "the fixes spread the workload over a second AZ");
    assert!(
        reloaded.components().any(|c| c.kind == Kind::Alb),
        "the web tier is behind a load balancer"
    );
}

/// The tightly coupled sample after SPOF-003's fix on the app server (wrap it in an Auto
/// Scaling group across two AZs).
fn tightly_coupled_with_the_app_server_grouped() -> cloudsketch::model::Diagram {
    use cloudsketch::rules::{LintConfig, lint};

    let sample = io::samples::by_name("three_tier_tightly_coupled").unwrap();
    let mut diagram = io::load_str(sample.text, Path::new("tightly")).unwrap();
    let report = lint(&diagram, &LintConfig::default());
    let finding = report
        .of_rule("SPOF-003")
        .find(|f| f.message.starts_with("App server"))
        .expect("SPOF-003 on the app server");
    let edit = finding.fixes[0].edit(&diagram).unwrap();
    diagram.apply(edit).unwrap();
    diagram
}

/// The SPOF-003 fix of the tightly coupled sample adds a second AZ and wraps the app
/// server in an Auto Scaling group: the group is drawn across the subnets of both AZs it
/// spans, its header clear of the subnet's label, with the instance inside it.
#[test]
fn the_group_the_spof_003_fix_adds_is_drawn_across_both_azs() {
    use cloudsketch::model::Kind;
    use cloudsketch::model::scene::HEADER_HEIGHT;

    let diagram = tightly_coupled_with_the_app_server_grouped();

    let group = diagram
        .components()
        .find(|c| c.kind == Kind::AutoScalingGroup)
        .expect("the fix adds a group");
    assert_eq!(group.props.subnets.len(), 2);
    for subnet in &group.props.subnets {
        let subnet = diagram.component(subnet).unwrap();
        assert!(
            group.rect.intersects(&subnet.rect),
            "{} is drawn away from {}",
            group.id,
            subnet.id
        );
    }
    let member = diagram
        .components()
        .find(|c| c.parent.as_ref() == Some(&group.id))
        .expect("the instance is the group's member");
    assert!(group.rect.contains_rect(&member.rect));
    let home = diagram.component(&group.props.subnets[0]).unwrap();
    assert!(
        group.rect.min.y >= home.rect.min.y + HEADER_HEIGHT,
        "the group's header covers {}'s label",
        home.id
    );
}

/// Wrapping the tightly coupled sample's app server in a group moves the web server's call
/// to the group; its label named the server's address ("direct call to 10.0.2.15"), which
/// the group does not have, so it goes.
#[test]
fn the_group_fix_drops_a_label_naming_the_instances_address() {
    let diagram = tightly_coupled_with_the_app_server_grouped();
    let call = diagram
        .links()
        .find(|l| l.from.as_str() == "web-server")
        .expect("the web server's call");
    assert_ne!(call.to.as_str(), "app-server", "the call goes to the group");
    assert_eq!(call.props.label, "");
    assert_eq!(
        call.props.protocol.as_deref(),
        Some("http"),
        "the rest is kept"
    );
}

/// The learner's journey on the tightly coupled sample: wrap the app server in a group
/// across two AZs, then put a load balancer between the tiers. The load balancer goes in
/// the band between the AZ rows, its links run through no other component, and the call
/// to it drops the old label, which described the direct call.
#[test]
fn the_load_balancer_fix_after_the_group_fix_is_drawn_between_the_zones() {
    use cloudsketch::model::Kind;
    use cloudsketch::rules::{LintConfig, lint};

    let sample = io::samples::by_name("three_tier_tightly_coupled").unwrap();
    let mut diagram = io::load_str(sample.text, Path::new("tightly")).unwrap();
    for (rule, subject) in [("SPOF-003", "App server"), ("COUP-001", "Web server")] {
        let report = lint(&diagram, &LintConfig::default());
        let finding = report
            .of_rule(rule)
            .find(|f| f.message.starts_with(subject))
            .unwrap_or_else(|| panic!("{rule} on {subject}"));
        let fix = finding
            .fixes
            .iter()
            .find(|f| !f.title.contains("SQS"))
            .unwrap();
        diagram.apply(fix.edit(&diagram).unwrap()).unwrap();
    }
    let lb = diagram
        .components()
        .find(|c| c.kind == Kind::Alb)
        .expect("a load balancer");
    let zones: Vec<_> = diagram
        .components()
        .filter(|c| c.kind == Kind::AvailabilityZone)
        .collect();
    assert_eq!(zones.len(), 2);
    let (top, bottom) = if zones[0].rect.min.y < zones[1].rect.min.y {
        (zones[0], zones[1])
    } else {
        (zones[1], zones[0])
    };
    assert!(
        lb.rect.min.y >= top.rect.max().y && lb.rect.max().y <= bottom.rect.min.y,
        "{:?} is not between {:?} and {:?}",
        lb.rect,
        top.rect,
        bottom.rect
    );
    for link in diagram.links().filter(|l| l.from == lb.id || l.to == lb.id) {
        if link.to == lb.id {
            assert_eq!(link.props.label, "", "{} keeps a stale label", link.id);
        }
        let through = drawing::icons_drawn_through(&diagram, link);
        assert!(
            through.is_empty(),
            "{} is drawn through {through:?}",
            link.id
        );
    }
}

/// What a sample shows is what it means: no link is drawn through an icon it does not join
/// (a line behind an instance reads as a call to it), and no icon across or inside a box
/// it is not in (see `drawing::misleading`). Every hand-drawn sample; the generated
/// 1,000-component one is laid out by a program for speed tests, not for reading.
#[test]
fn samples_draw_no_link_through_an_icon_and_no_icon_across_a_box() {
    let mut found = Vec::new();
    for sample in SAMPLES.iter().filter(|s| s.name != "large_generated") {
        let diagram = io::load_str(sample.text, Path::new(sample.name)).unwrap();
        for problem in drawing::misleading(&diagram) {
            found.push(format!("{}: {problem}", sample.name));
        }
    }
    assert!(found.is_empty(), "{}", found.join("\n"));
}
