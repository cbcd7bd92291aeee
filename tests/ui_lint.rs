//! Live linting in the editor, driven headless with egui_kittest: findings follow edits,
//! a finding selects its subjects, Fix and Undo, Accept with a reason, and the what-if
//! view.

#![cfg(feature = "gui")]
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use cloudsketch::app::DiagramApp;
use cloudsketch::model::builder::DiagramBuilder;
use cloudsketch::model::{Diagram, Kind, LinkKind, Point, Rect, Size};
use cloudsketch::rules::{Finding, Subject};
use egui::accesskit::Role;
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;

fn at(x: f32, y: f32) -> Rect {
    Rect::new(Point::new(x, y), Size::new(96.0, 72.0))
}

fn big(x: f32, y: f32, w: f32, h: f32) -> Rect {
    Rect::new(Point::new(x, y), Size::new(w, h))
}

/// Customers calling one web server, which calls a single-AZ database.
fn lone_server() -> Diagram {
    let mut b = DiagramBuilder::new();
    b.add("users", Kind::Users, None).rect = at(-300.0, 0.0);
    b.add("region", Kind::Region, None).rect = big(-40.0, -80.0, 700.0, 300.0);
    b.add("vpc", Kind::Vpc, Some("region")).rect = big(-20.0, -50.0, 660.0, 250.0);
    b.add("subnet", Kind::Subnet, Some("vpc")).rect = big(0.0, -20.0, 620.0, 200.0);
    let web = b.add("web", Kind::Ec2, Some("subnet"));
    web.rect = at(200.0, 0.0);
    web.props.label = "Web server".to_owned();
    let db = b.add("db", Kind::Rds, Some("subnet"));
    db.rect = at(400.0, 0.0);
    db.props.label = "Orders DB".to_owned();
    b.link(LinkKind::Request, "users", "web");
    b.link(LinkKind::Request, "web", "db");
    b.build()
}

fn harness(app: DiagramApp) -> Harness<'static, DiagramApp> {
    common::harness_sized(app, 1500.0, 1000.0)
}

fn active(harness: &Harness<'_, DiagramApp>) -> Vec<Finding> {
    let linted = harness.state().doc.linted().expect("linted");
    assert!(!harness.state().doc.is_lint_stale());
    linted.report.active().cloned().collect()
}

fn about(findings: &[Finding], id: &str) -> usize {
    findings
        .iter()
        .filter(|f| f.subjects.iter().any(|s| s.as_str() == id))
        .count()
}

/// The first finding as the panel lists it (by checklist family).
fn first_listed(harness: &Harness<'_, DiagramApp>, with_fix: bool) -> Finding {
    let app = harness.state();
    let report = &app.doc.linted().unwrap().report;
    app.scene
        .by_family
        .iter()
        .flat_map(|(_, list)| list.iter())
        .map(|&i| report.findings[i].clone())
        .find(|f| !with_fix || !f.fixes.is_empty())
        .expect("a listed finding")
}

#[test]
fn an_edit_changes_the_findings_without_restarting() {
    let mut harness = harness(DiagramApp::with_diagram(lone_server()));
    assert!(
        about(&active(&harness), "web") > 0,
        "the lone server is flagged"
    );
    harness
        .get_by_role_and_label(Role::Button, "Web server")
        .click();
    harness.run();
    harness.key_press(Key::Delete);
    harness.run();
    assert_eq!(about(&active(&harness), "web"), 0);
}

#[test]
fn clicking_a_finding_selects_its_subjects_and_fades_the_rest() {
    let mut harness = harness(DiagramApp::with_diagram(lone_server()));
    let finding = first_listed(&harness, false);
    harness.get_by_label(&finding.message).click();
    harness.run();
    let app = harness.state();
    for subject in &finding.subjects {
        if let Subject::Component(id) = subject {
            assert!(app.selection.components.contains(id), "{id} selected");
        }
    }
    assert!(app.spotlight.is_some(), "the rest of the canvas fades");
}

#[test]
fn fix_then_undo_brings_the_finding_back() {
    let mut harness = harness(DiagramApp::with_diagram(lone_server()));
    let finding = first_listed(&harness, true);
    let same = |f: &Finding| f.rule_id == finding.rule_id && f.subjects == finding.subjects;
    harness.query_all_by_label("Fix").next().unwrap().click();
    harness.run();
    assert!(
        !active(&harness).iter().any(same),
        "{} fixed",
        finding.rule_id
    );
    assert_eq!(harness.state().doc.history.undo_len(), 1);
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run();
    assert!(
        active(&harness).iter().any(same),
        "{} is back",
        finding.rule_id
    );
}

#[test]
fn hovering_fix_previews_what_it_changes() {
    let mut harness = harness(DiagramApp::with_diagram(lone_server()));
    let finding = first_listed(&harness, true);
    let title = finding.fixes[0].title.clone();
    let revision = harness.state().diagram().revision();
    harness.query_all_by_label("Fix").next().unwrap().hover();
    // Tooltips wait for the pointer to rest.
    for _ in 0..4 {
        harness.step();
    }
    harness.run();
    // The tooltip is the fix's title and a line per change it makes, built from its edit.
    harness.get_by_label_contains(&format!("{title}\n- "));
    assert_eq!(
        harness.state().diagram().revision(),
        revision,
        "a preview changes nothing"
    );
}

/// Opens What if… and fails the AZ or Region the chooser names `choice`.
fn fail_in_what_if(harness: &mut Harness<'_, DiagramApp>, choice: &str) {
    harness.get_by_label("What if…").click();
    harness.run();
    harness.get_by_label("Fail").click();
    harness.run();
    harness.get_by_role_and_label(Role::Button, choice).click();
    harness.run();
    harness.run();
}

/// Presses the first Accept… in the findings list.
fn open_accept_dialog(harness: &mut Harness<'_, DiagramApp>) {
    harness
        .query_all_by_label("Accept…")
        .next()
        .unwrap()
        .click();
    harness.run();
}

#[test]
fn accepting_needs_a_reason_and_can_be_revoked() {
    let mut harness = harness(DiagramApp::with_diagram(lone_server()));
    let before = active(&harness).len();
    let revision = harness.state().diagram().revision();
    open_accept_dialog(&mut harness);
    harness.get_by_label("Accept risk").click();
    harness.run();
    assert!(harness.query_by_label_contains("Give a reason").is_some());
    assert_eq!(
        harness.state().diagram().revision(),
        revision,
        "nothing recorded"
    );

    harness.get_by_label("Reason").click();
    harness.run();
    harness
        .get_by_label("Reason")
        .type_text("Prototype for a demo; no customer data");
    harness.run();
    harness.get_by_label("Accept risk").click();
    harness.run();
    assert_eq!(active(&harness).len(), before - 1);
    let report = &harness.state().doc.linted().unwrap().report;
    assert_eq!(report.accepted().count(), 1);
    assert!(
        harness
            .query_by_label_contains("Accepted risks (1)")
            .is_some()
    );

    // Narrow the list to the accepted finding so its row is on screen.
    let rule = report.accepted().next().unwrap().rule_id;
    harness.get_by_label("Filter").click();
    harness.run();
    harness.get_by_label("Filter").type_text(rule);
    harness.run();
    harness.get_by_label("Revoke").click();
    harness.run();
    assert_eq!(active(&harness).len(), before);
}

#[test]
fn why_opens_the_rule_docs_beside_the_canvas() {
    let mut harness = harness(DiagramApp::with_diagram(lone_server()));
    let finding = first_listed(&harness, false);
    harness.query_all_by_label("Why?").next().unwrap().click();
    harness.run();
    // Headings stand alone, without the text's `##` marks.
    assert!(harness.query_by_label("What it flags").is_some());
    assert!(harness.query_by_label_contains("## ").is_none());
    // The rule id shows in its row and as the heading of the docs.
    assert!(harness.query_all_by_label(finding.rule_id).count() >= 2);
    // Under it the rule's name, family and usual severity; not the command line's header
    // or its instructions for saving examples (the panel's buttons open them).
    assert!(harness.query_by_label_contains("· usually").is_some());
    assert!(
        harness
            .query_by_label_contains("cloudsketch explain")
            .is_none()
    );
    assert!(harness.query_by_label_contains("Since 0.").is_none());
}

#[test]
fn the_rule_docs_open_the_rules_example_diagrams() {
    let mut harness = harness(DiagramApp::with_diagram(lone_server()));
    let finding = first_listed(&harness, false);
    harness.query_all_by_label("Why?").next().unwrap().click();
    harness.run();
    let example = cloudsketch::rules::examples::find(finding.rule_id, None).unwrap();
    let button = example.file.trim_end_matches(".ron");
    harness.get_by_label(button).click();
    harness.run();
    // The example replaces the diagram (nothing was edited, so nothing is asked first).
    let app = harness.state();
    assert!(app.doc.source.contains(example.file), "{}", app.doc.source);
    let shown = cloudsketch::io::load_str(example.text, std::path::Path::new("x")).unwrap();
    assert_eq!(
        app.doc.diagram.components().count(),
        shown.components().count()
    );
    assert!(!app.doc.is_dirty());
    // A fail example opens with its rule's finding picked: its subjects selected and lit.
    assert!(example.flagged());
    harness.run();
    harness.run();
    let app = harness.state();
    let own = app
        .doc
        .linted()
        .unwrap()
        .report
        .of_rule(finding.rule_id)
        .next()
        .cloned()
        .expect("the example raises its rule");
    let first = match &own.subjects[0] {
        Subject::Component(id) => id.clone(),
        Subject::Link(_) => panic!("a component subject expected"),
    };
    assert!(
        app.selection.components.contains(&first),
        "{:?}",
        app.selection
    );
    assert!(app.spotlight.is_some(), "the finding is lit");
}

#[test]
fn what_if_lists_the_paths_that_break_when_the_tightly_coupled_samples_az_fails() {
    let mut harness = harness(DiagramApp::open(None));
    fail_in_what_if(&mut harness, "AZ us-east-1a (us-east-1 (N. Virginia))");
    assert!(
        harness.query_by_label_contains("Broken paths").is_some(),
        "the broken paths are listed"
    );
    assert!(harness.query_all_by_label_contains(" -> ").count() >= 1);
    let app = harness.state();
    assert!(app.spotlight.is_some(), "what fails is faded");
    // Clearing the highlight ends the what-if view too, not only its fading.
    harness.get_by_label("Clear highlight").click();
    harness.run();
    let app = harness.state();
    assert!(app.spotlight.is_none());
    assert!(!app.what_if.open);
}

/// Types `text` into the findings filter.
fn filter_by(harness: &mut Harness<'_, DiagramApp>, text: &str) {
    harness.get_by_label("Filter").click();
    harness.run();
    harness.get_by_label("Filter").type_text(text);
    harness.run();
}

#[test]
fn severity_filter_and_text_filter_narrow_the_list() {
    let mut harness = harness(DiagramApp::with_diagram(lone_server()));
    let finding = first_listed(&harness, false);
    filter_by(&mut harness, "no such words anywhere");
    assert!(
        harness
            .query_by_label_contains("No finding matches")
            .is_some()
    );
    assert!(harness.query_by_label(&finding.message).is_none());
}

#[test]
fn the_findings_panel_keeps_its_height_when_the_list_is_short() {
    let mut harness = harness(DiagramApp::with_diagram(lone_server()));
    let top = |h: &Harness<'_, DiagramApp>| h.get_by_label("Filter").rect().top();
    harness.run();
    let before = top(&harness);
    filter_by(&mut harness, "no such words anywhere");
    harness.run();
    assert!(
        harness
            .query_by_label_contains("No finding matches")
            .is_some()
    );
    assert!(
        (top(&harness) - before).abs() < 1.0,
        "the panel shrank to its one line: its header moved from y {before} to {}",
        top(&harness)
    );
    // A new, empty diagram keeps the panel's height too.
    harness.get_by_label("File").click();
    harness.run();
    harness.get_by_label_contains("New").click();
    harness.run();
    harness.run();
    assert_eq!(harness.state().diagram().component_count(), 0);
    assert!((top(&harness) - before).abs() < 1.0);
}

/// The editor on a diagram file's text, and the findings it shows.
fn linted(text: &str) -> (Harness<'static, DiagramApp>, cloudsketch::rules::Report) {
    let diagram = cloudsketch::io::load_str(text, std::path::Path::new("diagram.ron")).unwrap();
    let harness = harness(DiagramApp::with_diagram(diagram));
    let report = harness.state().doc.linted().unwrap().report.clone();
    (harness, report)
}

#[test]
fn picking_a_finding_lights_every_path_its_message_names() {
    let (mut harness, report) = linted(include_str!("../samples/three_tier_tightly_coupled.ron"));
    let finding = report
        .findings
        .iter()
        .find(|f| f.rule_id == "SPOF-001" && !f.more_paths.is_empty())
        .expect("a single point of failure in front of several stores")
        .clone();
    harness.get_by_label(&finding.message).click();
    harness.run();
    let app = harness.state();
    let spotlight = app.spotlight.as_ref().expect("picked");
    let diagram = app.diagram();
    for id in finding
        .path
        .iter()
        .chain(finding.more_paths.iter().flatten())
    {
        let ix = diagram.node_index(id).unwrap();
        assert!(!spotlight.dims(ix), "{id} is on a named path and stays lit");
    }
    let last = finding.more_paths[0].last().unwrap();
    let named = diagram.component(last).unwrap().display_name();
    assert!(finding.message.contains(named), "{}", finding.message);
}

#[test]
fn a_finding_with_several_fixes_names_each_in_a_menu_and_the_picked_row_is_marked() {
    let (mut harness, report) = linted(include_str!(
        "fixtures/rules/SPOF-007/fail_one_nat_two_azs.ron"
    ));
    let finding = report
        .findings
        .iter()
        .find(|f| f.fixes.len() >= 2)
        .expect("a NAT gateway per AZ, or a regional one")
        .clone();
    harness.get_by_label(&finding.message).click();
    harness.run();
    assert!(
        harness.state().spotlight.as_ref().unwrap().is_on(&finding),
        "the row knows it is picked"
    );
    let menu = format!("{} fixes", finding.fixes.len());
    harness.get_all_by_label(&menu).next().unwrap().click();
    harness.run();
    // The menu lists the titles of one finding's fixes; take its second.
    let title = report
        .findings
        .iter()
        .filter(|f| f.fixes.len() >= 2)
        .map(|f| f.fixes[1].title.clone())
        .find(|title| harness.query_by_label(title).is_some())
        .expect("the open menu names the fixes");
    harness.get_by_label(&title).click();
    harness.run();
    let app = harness.state();
    assert_eq!(app.doc.history.undo_label(), Some(title.as_str()));
}

#[test]
fn the_accept_dialog_takes_the_keyboard_and_enter_accepts() {
    let mut harness = harness(DiagramApp::with_diagram(lone_server()));
    let before = active(&harness).len();
    open_accept_dialog(&mut harness);
    // The reason field has the keyboard without a click; Enter with no reason is refused.
    assert!(
        harness
            .query_by(|n| n.is_focused() && n.role() == Role::TextInput)
            .is_some()
    );
    harness.key_press(Key::Enter);
    harness.run();
    assert!(harness.query_by_label_contains("Give a reason").is_some());
    harness.get_by_label("Reason").click();
    harness.run();
    harness.get_by_label("Reason").type_text("Demo only");
    harness.run();
    assert!(
        harness.query_by_label_contains("Give a reason").is_none(),
        "the refusal goes once the reason is edited"
    );
    harness.key_press(Key::Enter);
    harness.run();
    assert_eq!(active(&harness).len(), before - 1);
    let report = harness.state().doc.linted().unwrap().report.clone();
    let rule = report.accepted().next().unwrap().rule_id;
    harness.get_by_label("Filter").click();
    harness.run();
    harness.get_by_label("Filter").type_text(rule);
    harness.run();
    harness.get_by_label("“Demo only”");
}

#[test]
fn what_if_a_region_fails_says_how_the_design_recovers_and_what_data_has_no_copy() {
    let (mut harness, _) = linted(include_str!("../samples/multi_region_dr.ron"));
    fail_in_what_if(&mut harness, "Region Primary: us-east-1 (N. Virginia)");
    harness.get_by_label_contains("Recovers by pilot light in us-west-2");
    // The tightly coupled sample has one Region and no copies: nothing recovers it, and its
    // stores are listed.
    let (mut harness, _) = linted(include_str!("../samples/three_tier_tightly_coupled.ron"));
    fail_in_what_if(&mut harness, "Region us-east-1 (N. Virginia)");
    assert!(harness.query_by_label_contains("Recovers by").is_none());
    harness.get_by_label_contains("Data with no copy outside the Region");
}
