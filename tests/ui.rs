//! The editor window, driven headless with egui_kittest (no GPU needed): real pointer and
//! keyboard events on the real app, queried by accessible labels.

#![cfg(feature = "gui")]
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::path::Path;

use cloudsketch::app::DiagramApp;
use cloudsketch::model::builder::DiagramBuilder;
use cloudsketch::model::{ComponentId, Diagram, Kind, LinkKind, Point, Rect, Size};
use egui::accesskit::Role;
use egui::{Key, Modifiers, Pos2, Vec2};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;

fn at(x: f32, y: f32, w: f32, h: f32) -> Rect {
    Rect::new(Point::new(x, y), Size::new(w, h))
}

/// Region > VPC > two subnets; a web server in the first, an app server and a database in
/// the second; customers outside.
fn small_diagram() -> Diagram {
    let mut b = DiagramBuilder::new();
    b.title("Test shop");
    b.add("region", Kind::Region, None).rect = at(0.0, 0.0, 1000.0, 640.0);
    b.add("vpc", Kind::Vpc, Some("region")).rect = at(20.0, 40.0, 940.0, 560.0);
    b.add("subnet-a", Kind::Subnet, Some("vpc")).rect = at(40.0, 80.0, 420.0, 480.0);
    b.add("subnet-b", Kind::Subnet, Some("vpc")).rect = at(500.0, 80.0, 420.0, 480.0);
    let web = b.add("web", Kind::Ec2, Some("subnet-a"));
    web.rect = at(100.0, 160.0, 96.0, 72.0);
    web.props.label = "Web server".to_owned();
    let app = b.add("app", Kind::Ec2, Some("subnet-b"));
    app.rect = at(600.0, 160.0, 96.0, 72.0);
    app.props.label = "App server".to_owned();
    let db = b.add("db", Kind::Rds, Some("subnet-b"));
    db.rect = at(600.0, 400.0, 96.0, 72.0);
    db.props.label = "Orders DB".to_owned();
    let users = b.add("users", Kind::Users, None);
    users.rect = at(-300.0, 160.0, 96.0, 72.0);
    users.props.label = "Customers".to_owned();
    b.link(LinkKind::Request, "users", "web");
    b.link(LinkKind::Request, "web", "app");
    b.build()
}

fn harness(app: DiagramApp) -> Harness<'static, DiagramApp> {
    common::harness_sized(app, 1400.0, 900.0)
}

fn id(text: &str) -> ComponentId {
    ComponentId::new(text).unwrap()
}

/// Where a component is on screen (its accessible node).
fn centre_of(harness: &Harness<'_, DiagramApp>, name: &str) -> Pos2 {
    harness
        .get_by_role_and_label(Role::Button, name)
        .rect()
        .center()
}

/// Clicks a component on the canvas, as a user would, and lets the frame run.
fn click_component(harness: &mut Harness<'_, DiagramApp>, name: &str) {
    harness.get_by_role_and_label(Role::Button, name).click();
    harness.run();
}

/// Presses at `from`, moves in steps and releases at `to`, one frame per step.
fn drag(harness: &mut Harness<'_, DiagramApp>, from: Pos2, to: Pos2) {
    harness.hover_at(from);
    harness.run();
    harness.drag_at(from);
    harness.run();
    for i in 1..=6 {
        harness.hover_at(from + (to - from) * (i as f32 / 6.0));
        harness.run();
    }
    harness.drop_at(to);
    harness.run();
}

#[test]
fn resizing_the_window_keeps_a_fitted_diagram_fitted_until_the_view_is_moved() {
    let mut harness = harness(DiagramApp::open(None));
    harness.run();
    let whole_diagram_shown = |h: &Harness<'_, DiagramApp>| {
        let app = h.state();
        let shown = app
            .camera
            .rect_to_screen(&app.diagram().bounds().expect("the sample has components"));
        app.viewport.contains_rect(shown)
    };
    let opened = harness.state().camera.zoom();
    assert!(whole_diagram_shown(&harness));
    // A bigger window (the user, or a window manager maximising it after opening): the
    // diagram is fitted to the new canvas, larger.
    harness.set_size(Vec2::new(1800.0, 1100.0));
    harness.run();
    harness.run();
    let bigger = harness.state().camera.zoom();
    assert!(bigger > opened * 1.1, "{opened} -> {bigger}");
    assert!(whole_diagram_shown(&harness));
    // Once the user zooms, the view is theirs: a resize leaves it alone.
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Minus);
    harness.run();
    let chosen = harness.state().camera.zoom();
    assert!(chosen < bigger);
    harness.set_size(Vec2::new(1400.0, 900.0));
    harness.run();
    harness.run();
    assert_eq!(harness.state().camera.zoom(), chosen);
}

#[test]
fn opens_on_the_bundled_sample() {
    let harness = harness(DiagramApp::open(None));
    assert!(harness.state().error.is_none());
    assert!(harness.state().diagram().component_count() > 10);
    harness.get_by_role_and_label(Role::Button, "Web server");
    harness.get_by_label_contains("Single points of failure");
}

#[test]
fn a_bad_file_is_reported_in_the_window_without_crashing() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/io/unknown_kind.ron");
    let harness = harness(DiagramApp::open(Some(path)));
    harness.get_by_label("Could not open the diagram");
    let error = harness.state().error.clone().unwrap();
    assert!(error.contains("unknown_kind.ron:5:29"), "{error}");
    // The empty diagram shown instead is not named after the file it could not read.
    let title = harness.state().window_title();
    assert!(!title.contains("unknown_kind"), "{title}");
}

/// Presses and releases at `at` without moving: a click.
fn click_at(harness: &mut Harness<'_, DiagramApp>, at: Pos2) {
    harness.hover_at(at);
    harness.run();
    harness.drag_at(at);
    harness.run();
    harness.drop_at(at);
    harness.run();
}

#[test]
fn a_click_inside_a_box_selects_the_innermost_box_and_a_drag_there_draws_a_rectangle() {
    let mut harness = harness(DiagramApp::with_diagram(small_diagram()));
    let screen = |harness: &Harness<'_, DiagramApp>, x: f32, y: f32| {
        harness.state().camera.to_screen(Point::new(x, y))
    };
    // Empty space in the second subnet, between the app server and the database.
    let inside_subnet = screen(&harness, 800.0, 320.0);
    click_at(&mut harness, inside_subnet);
    assert_eq!(
        harness.state().selection.single_component(),
        Some(id("subnet-b"))
    );
    // Inside the Region, outside the VPC.
    let inside_region = screen(&harness, 500.0, 620.0);
    click_at(&mut harness, inside_region);
    assert_eq!(
        harness.state().selection.single_component(),
        Some(id("region"))
    );
    // Shift-click adds a box to the selection.
    harness.event(egui::Event::ModifiersChanged(Modifiers::SHIFT));
    click_at(&mut harness, inside_subnet);
    harness.event(egui::Event::ModifiersChanged(Modifiers::NONE));
    harness.run();
    let selected = &harness.state().selection.components;
    assert!(selected.contains(&id("region")) && selected.contains(&id("subnet-b")));
    // Outside every box, a click clears the selection.
    let outside = screen(&harness, -100.0, 500.0);
    click_at(&mut harness, outside);
    assert!(harness.state().selection.components.is_empty());
    // A drag from inside the subnet draws a rectangle: it selects the app server it
    // encloses, not the subnet.
    let (from, to) = (
        screen(&harness, 560.0, 130.0),
        screen(&harness, 740.0, 260.0),
    );
    drag(&mut harness, from, to);
    assert_eq!(
        harness.state().selection.single_component(),
        Some(id("app"))
    );
    // Selecting changed nothing in the diagram.
    assert_eq!(harness.state().doc.history.undo_len(), 0);
}

#[test]
fn palette_search_finds_kinds_by_alias_and_click_adds_one() {
    let mut harness = harness(DiagramApp::with_diagram(small_diagram()));
    let search = harness.get_by_role_and_label(Role::TextInput, "Components");
    search.focus();
    search.type_text("queue");
    harness.run();
    assert!(harness.query_by_label("EC2 instance").is_none());
    harness.get_by_label("SQS queue").click();
    harness.run();
    let app = harness.state();
    assert_eq!(
        app.diagram()
            .components()
            .filter(|c| c.kind == Kind::Sqs)
            .count(),
        1,
        "{:?}",
        app.status
    );
    assert_eq!(app.doc.history.undo_len(), 1);
    assert_eq!(
        app.selection.components.len(),
        1,
        "the new component is selected"
    );
}

#[test]
fn dragging_a_component_moves_it_as_one_history_entry() {
    let mut harness = harness(DiagramApp::with_diagram(small_diagram()));
    let before = harness
        .state()
        .diagram()
        .component(&id("web"))
        .unwrap()
        .rect
        .min;
    let from = centre_of(&harness, "Web server");
    drag(&mut harness, from, from + Vec2::new(60.0, 90.0));
    let app = harness.state();
    let after = app.diagram().component(&id("web")).unwrap().rect.min;
    assert_ne!(before, after);
    assert_eq!(app.doc.history.undo_len(), 1, "one drag, one undo step");
    assert_eq!(app.doc.history.undo_label(), Some("Move 1 component"));
    assert_eq!(
        app.diagram().component(&id("web")).unwrap().parent,
        Some(id("subnet-a"))
    );
}

#[test]
fn dropping_into_another_subnet_reparents_and_an_invalid_drop_is_refused() {
    let mut harness = harness(DiagramApp::with_diagram(small_diagram()));
    let from = centre_of(&harness, "Web server");
    let target = centre_of(&harness, "App server") + Vec2::new(0.0, 120.0);
    drag(&mut harness, from, target);
    assert_eq!(
        harness
            .state()
            .diagram()
            .component(&id("web"))
            .unwrap()
            .parent,
        Some(id("subnet-b"))
    );
    assert!(
        harness
            .state()
            .doc
            .history
            .undo_label()
            .unwrap()
            .contains("into"),
    );
    // An instance cannot leave its VPC for the open canvas.
    let from = centre_of(&harness, "App server");
    let outside = centre_of(&harness, "Customers") + Vec2::new(0.0, 150.0);
    drag(&mut harness, from, outside);
    let app = harness.state();
    assert_eq!(
        app.diagram().component(&id("app")).unwrap().parent,
        Some(id("subnet-b"))
    );
    assert_eq!(
        app.doc.history.undo_len(),
        1,
        "the refused drop changed nothing"
    );
    assert!(app.status.as_deref().unwrap().contains("cannot go there"));
}

#[test]
fn connecting_makes_a_typed_link_and_refuses_impossible_pairs() {
    let mut harness = harness(DiagramApp::with_diagram(small_diagram()));
    // Hover the app server to show its connect handle on the right edge.
    let app_node = harness
        .get_by_role_and_label(Role::Button, "App server")
        .rect();
    let handle = Pos2::new(app_node.max.x, app_node.center().y);
    let db = centre_of(&harness, "Orders DB");
    harness.hover_at(app_node.center());
    harness.run();
    drag(&mut harness, handle, db);
    let link = harness
        .state()
        .diagram()
        .links()
        .find(|l| l.from == id("app") && l.to == id("db"))
        .cloned()
        .expect("app -> db link");
    assert_eq!(link.kind, LinkKind::Request);
    // A database does not call the customers.
    let db_node = harness
        .get_by_role_and_label(Role::Button, "Orders DB")
        .rect();
    let handle = Pos2::new(db_node.max.x, db_node.center().y);
    let users = centre_of(&harness, "Customers");
    harness.hover_at(db_node.center());
    harness.run();
    let links = harness.state().diagram().link_count();
    drag(&mut harness, handle, users);
    let app = harness.state();
    assert_eq!(app.diagram().link_count(), links);
    assert!(app.status.as_deref().unwrap().starts_with("Not connected"));
}

/// A refusal in the status bar explains the last gesture; the next edit that succeeds
/// replaces it instead of leaving it to describe a diagram that has moved on.
#[test]
fn a_refusal_leaves_the_status_bar_once_an_edit_succeeds() {
    let mut harness = harness(DiagramApp::with_diagram(small_diagram()));
    let connect = |harness: &mut Harness<'_, DiagramApp>, from: &str, to: &str| {
        let node = harness.get_by_role_and_label(Role::Button, from).rect();
        let handle = Pos2::new(node.max.x, node.center().y);
        let target = centre_of(harness, to);
        harness.hover_at(node.center());
        harness.run();
        drag(harness, handle, target);
    };
    connect(&mut harness, "Orders DB", "Customers");
    let refusal = harness.state().status.clone().unwrap();
    assert!(refusal.starts_with("Not connected"), "{refusal}");
    harness.get_by_label_contains(&refusal);
    connect(&mut harness, "App server", "Orders DB");
    assert_eq!(harness.state().diagram().link_count(), 3);
    assert_eq!(harness.state().status, None);
    assert!(harness.query_by_label_contains("Not connected").is_none());
}

/// A group drawn across an AZ's edge is painted over the AZ: a link dropped on the group
/// near that edge ends at the group, not at the AZ under it.
#[test]
fn a_link_dropped_on_a_group_near_an_az_edge_ends_at_the_group() {
    let mut b = DiagramBuilder::new();
    b.add("region", Kind::Region, None).rect = at(0.0, 0.0, 1000.0, 640.0);
    b.add("vpc", Kind::Vpc, Some("region")).rect = at(20.0, 40.0, 940.0, 560.0);
    b.add("az-a", Kind::AvailabilityZone, Some("vpc")).rect = at(40.0, 200.0, 420.0, 380.0);
    b.add("subnet-a", Kind::Subnet, Some("az-a")).rect = at(60.0, 240.0, 380.0, 320.0);
    let lb = b.add("lb", Kind::Alb, Some("vpc"));
    lb.rect = at(100.0, 80.0, 96.0, 72.0);
    lb.props.label = "Front door".to_owned();
    let group = b.add("group", Kind::AutoScalingGroup, Some("vpc"));
    group.rect = at(300.0, 300.0, 400.0, 160.0);
    group.props.subnets = vec![id("subnet-a")];
    let mut harness = harness(DiagramApp::with_diagram(b.build()));
    let lb_node = harness
        .get_by_role_and_label(Role::Button, "Front door")
        .rect();
    let handle = Pos2::new(lb_node.max.x, lb_node.center().y);
    // Inside the group, a hair right of the AZ's right edge (x 460), clear of the subnet.
    let on_group = harness.state().camera.to_screen(Point::new(462.0, 400.0));
    harness.hover_at(lb_node.center());
    harness.run();
    drag(&mut harness, handle, on_group);
    let app = harness.state();
    let ends: Vec<(String, String)> = app
        .diagram()
        .links()
        .map(|l| (l.from.to_string(), l.to.to_string()))
        .collect();
    assert_eq!(
        ends,
        [("lb".to_owned(), "group".to_owned())],
        "status: {:?}",
        app.status
    );
}

/// A component added off screen (where its box grew, beside the view) is brought into
/// view, even when it comes inside a batch with the growing (as palette clicks make it).
#[test]
fn a_component_added_off_screen_is_brought_into_view() {
    use cloudsketch::app::command::AppCommand;
    use cloudsketch::model::{Component, Edit};

    let mut harness = harness(DiagramApp::with_diagram(small_diagram()));
    let far = Component::new(
        id("far"),
        Kind::Ec2,
        "Far server",
        Point::new(5000.0, 300.0),
    );
    let grow = Edit::Resize(id("region"), at(0.0, 0.0, 5200.0, 640.0));
    let grow_vpc = Edit::Resize(id("vpc"), at(20.0, 40.0, 5160.0, 560.0));
    let grow_subnet = Edit::Resize(id("subnet-b"), at(500.0, 80.0, 4660.0, 480.0));
    let mut placed = far.clone();
    placed.parent = Some(id("subnet-b"));
    let zoom = harness.state().camera.zoom();
    harness.state_mut().push(AppCommand::Apply {
        label: "Add Far server".to_owned(),
        edit: Edit::Batch(vec![
            grow,
            grow_vpc,
            grow_subnet,
            Edit::AddComponent(Box::new(placed)),
        ]),
        select: None,
    });
    harness.run();
    harness.run();
    let app = harness.state();
    let shown = app
        .camera
        .rect_to_screen(&app.diagram().component(&id("far")).unwrap().rect);
    assert!(
        app.viewport.contains_rect(shown),
        "{shown:?} is outside the canvas {:?}",
        app.viewport
    );
    assert!(
        (app.camera.zoom() - zoom).abs() < 1e-4,
        "panned, not zoomed"
    );
}

/// A component dropped from the palette so that it would overlap a box it cannot go in
/// (users by the Region's edge) lands on the nearest free spot beside the box instead of
/// across its border, and its drag preview shows that spot.
#[test]
fn a_dropped_component_does_not_land_across_a_box_it_is_not_in() {
    let mut harness = harness(DiagramApp::with_diagram(small_diagram()));
    // 20 units left of the Region's left edge (x 0): the icon would reach 28 units in.
    let at = Point::new(-20.0, 320.0);
    let planned = cloudsketch::app::canvas::drop_spot(harness.state().diagram(), Kind::Users, at);
    cloudsketch::app::canvas::add_component(harness.state_mut(), Kind::Users, at);
    harness.run();
    let app = harness.state();
    let region = app.diagram().component(&id("region")).unwrap().rect;
    let added = app
        .diagram()
        .components()
        .filter(|c| c.kind == Kind::Users)
        .find(|c| c.id != id("users"))
        .expect("the dropped users");
    assert!(added.parent.is_none());
    assert!(
        !added.rect.intersects(&region),
        "{:?} lies across the Region {region:?}",
        added.rect
    );
    assert!(
        added.rect.max().x <= 0.0 && added.rect.min.x > -200.0,
        "beside, not far away"
    );
    // The preview showed where it lands, up to snapping to the grid.
    let c = added.rect.center();
    assert!(
        (c.x - planned.x).abs() <= 10.0 && (c.y - planned.y).abs() <= 10.0,
        "{c:?} is not where the preview showed it ({planned:?})"
    );
}

#[test]
fn copy_paste_and_undo_redo_by_menu_and_shortcut() {
    let mut harness = harness(DiagramApp::with_diagram(small_diagram()));
    let count = harness.state().diagram().component_count();
    click_component(&mut harness, "Web server");
    harness.key_press_modifiers(Modifiers::COMMAND, Key::C);
    harness.run();
    harness.key_press_modifiers(Modifiers::COMMAND, Key::V);
    harness.run();
    assert_eq!(harness.state().diagram().component_count(), count + 1);
    // Undo through the Edit menu, which names the action.
    harness.get_by_label("Edit").click();
    harness.run();
    harness
        .get_by_label_contains("Undo Paste 1 component")
        .click();
    harness.run();
    assert_eq!(harness.state().diagram().component_count(), count);
    // Redo and undo by shortcut.
    harness.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::Z);
    harness.run();
    assert_eq!(harness.state().diagram().component_count(), count + 1);
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run();
    assert_eq!(harness.state().diagram().component_count(), count);
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Y);
    harness.run();
    assert_eq!(harness.state().diagram().component_count(), count + 1);
}

#[test]
fn a_regions_code_names_a_region_still_called_region_and_its_az_boxes() {
    let mut diagram = small_diagram();
    // Two AZ boxes drawn right to left in the VPC, still called what the palette called
    // them: they take the zones of the code in reading order.
    for (az, x, label) in [
        ("az-2", 500.0, "Availability Zone 2"),
        ("az-1", 40.0, "Availability Zone"),
    ] {
        let mut c = cloudsketch::model::Component::new(
            id(az),
            Kind::AvailabilityZone,
            label,
            cloudsketch::model::Point::new(x, 620.0),
        );
        c.parent = Some(id("vpc"));
        diagram
            .apply(cloudsketch::model::Edit::AddComponent(Box::new(c)))
            .unwrap();
    }
    let mut harness = harness(DiagramApp::with_diagram(diagram));
    // (Its header reads "Region", as does the palette entry: select it directly.)
    harness.state_mut().selection =
        cloudsketch::app::selection::Selection::of(vec![id("region")], Vec::new());
    harness.run();
    let field = harness.get_by_role_and_label(Role::TextInput, "Code");
    field.focus();
    field.type_text("eu-west-1");
    harness.key_press(Key::Enter);
    harness.run();
    let app = harness.state();
    let region = app.diagram().component(&id("region")).unwrap();
    assert_eq!(region.props.label, "eu-west-1");
    for (az, zone) in [("az-1", "eu-west-1a"), ("az-2", "eu-west-1b")] {
        let c = app.diagram().component(&id(az)).unwrap();
        assert_eq!(c.props.label, zone);
        assert!(
            matches!(&c.props.settings, cloudsketch::model::Settings::Az(s) if s.zone.as_deref() == Some(zone)),
            "{az}: {:?}",
            c.props.settings
        );
    }
    assert_eq!(app.doc.history.undo_len(), 1, "one undo step");
}

/// A maximum typed below the group's minimum is refused under the maximum, where the user
/// is typing, and the message wraps inside the inspector.
#[test]
fn a_refused_setting_is_explained_under_the_field_being_edited_within_the_inspector() {
    let mut b = DiagramBuilder::new();
    b.add("region", Kind::Region, None).rect = at(0.0, 0.0, 1000.0, 640.0);
    b.add("vpc", Kind::Vpc, Some("region")).rect = at(20.0, 40.0, 940.0, 560.0);
    b.add("subnet", Kind::Subnet, Some("vpc")).rect = at(40.0, 80.0, 880.0, 480.0);
    let group = b.add("web", Kind::AutoScalingGroup, Some("subnet"));
    group.rect = at(100.0, 160.0, 400.0, 200.0);
    group.props.label = "Web group".to_owned();
    group.props.settings =
        cloudsketch::model::Settings::Asg(cloudsketch::model::settings::AsgSettings {
            min: Some(3),
            ..Default::default()
        });
    let mut harness = harness(DiagramApp::with_diagram(b.build()));
    click_header(&mut harness, "Web group");
    let max = harness.get_by_role_and_label(Role::TextInput, "Max");
    max.focus();
    max.type_text("2");
    harness.key_press(Key::Enter);
    harness.run();
    harness.run();
    assert_eq!(harness.state().doc.history.undo_len(), 0, "refused");
    let max_field = harness.get_by_role_and_label(Role::TextInput, "Max").rect();
    let min_field = harness.get_by_role_and_label(Role::TextInput, "Min").rect();
    // The inspector's copy, not the status bar's.
    let under = harness
        .query_all_by_label_contains("minimum cannot be above its maximum")
        .map(|n| n.rect())
        .find(|r| r.left() >= max_field.left() - 250.0 && r.top() < 850.0)
        .expect("the message in the inspector");
    assert!(
        under.top() >= max_field.bottom() && max_field.top() > min_field.top(),
        "the message {under:?} is not under Max {max_field:?}"
    );
    assert!(
        under.right() <= 1400.0,
        "the message runs off the window: {under:?}"
    );
    assert!(
        under.width() > 2.0 * max_field.width(),
        "squeezed to the field's width: {under:?}"
    );
    // It names the field it is about.
    assert!(harness.query_by_label_contains("Max: ").is_some());
}

#[test]
fn an_invalid_inspector_value_is_refused_with_its_message() {
    let mut harness = harness(DiagramApp::with_diagram(small_diagram()));
    click_component(&mut harness, "Web server");
    let field = harness.get_by_role_and_label(Role::TextInput, "Count");
    field.focus();
    field.type_text("0");
    harness.run();
    harness.key_press(Key::Enter);
    harness.run();
    let app = harness.state();
    assert_eq!(app.doc.history.undo_len(), 0, "nothing applied");
    assert_eq!(app.diagram().component(&id("web")).unwrap().count(), 1);
    assert!(
        harness
            .query_all_by_label_contains("1 to 100000 copies")
            .next()
            .is_some()
    );
    // Named as on the canvas, not by the id in the file.
    assert!(
        harness
            .query_all_by_label_contains("“Web server” has count = 0")
            .next()
            .is_some()
    );
    assert!(
        harness
            .query_all_by_label_contains("`web`")
            .next()
            .is_none()
    );
    // The refused text belongs to that edit: selecting something else and back shows the
    // model's value again.
    click_component(&mut harness, "App server");
    click_component(&mut harness, "Web server");
    let count =
        harness.get_by(|n| n.role() == Role::TextInput && n.label().as_deref() == Some("Count"));
    assert_ne!(
        egui_kittest::kittest::NodeT::accesskit_node(&count)
            .value()
            .as_deref(),
        Some("0")
    );
    // A value that is not a number at all is refused before it reaches the model.
    let field = harness.get_by_role_and_label(Role::TextInput, "Count");
    field.focus();
    harness.key_press(Key::Backspace);
    field.type_text("many");
    harness.key_press(Key::Enter);
    harness.run();
    assert!(
        harness
            .query_all_by_label_contains("is not a whole number")
            .next()
            .is_some()
    );
    // A good value is applied as one entry.
    let field = harness.get_by_role_and_label(Role::TextInput, "Count");
    field.focus();
    for _ in 0..4 {
        harness.key_press(Key::Backspace);
    }
    field.type_text("3");
    harness.key_press(Key::Enter);
    harness.run();
    let app = harness.state();
    assert_eq!(app.diagram().component(&id("web")).unwrap().count(), 3);
    assert_eq!(app.doc.history.undo_len(), 1);
    assert!(
        !app.status
            .as_deref()
            .unwrap_or("")
            .starts_with("Not changed"),
        "an edit that went through ends the earlier refusal's message: {:?}",
        app.status
    );
}

#[test]
fn delete_removes_the_selection_with_its_links() {
    let mut harness = harness(DiagramApp::with_diagram(small_diagram()));
    click_component(&mut harness, "Web server");
    harness.key_press(Key::Delete);
    harness.run();
    let app = harness.state();
    assert!(app.diagram().component(&id("web")).is_none());
    assert_eq!(app.diagram().link_count(), 0);
    assert_eq!(app.doc.history.undo_len(), 1);
}

#[test]
fn save_writes_the_open_file_and_clears_the_dirty_mark() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("shop.ron");
    std::fs::write(&path, cloudsketch::io::to_string(&small_diagram()).unwrap()).unwrap();
    let mut harness = harness(DiagramApp::open(Some(path.clone())));
    assert!(!harness.state().doc.is_dirty());
    click_component(&mut harness, "Web server");
    harness.key_press(Key::Delete);
    harness.run();
    assert!(harness.state().doc.is_dirty());
    assert!(harness.state().window_title().starts_with('●'));
    harness.key_press_modifiers(Modifiers::COMMAND, Key::S);
    harness.run();
    assert!(!harness.state().doc.is_dirty());
    let saved = cloudsketch::io::load_path(&path).unwrap();
    assert!(saved.component(&id("web")).is_none());
    assert_eq!(
        saved.component_count(),
        small_diagram().component_count() - 1
    );
}

/// Dialogs that answer from a script, like a user would.
struct Scripted {
    open: Vec<std::path::PathBuf>,
    save: Vec<std::path::PathBuf>,
}

impl cloudsketch::app::files::Dialogs for Scripted {
    fn pick_open(&mut self, _folder: &std::path::Path) -> Option<std::path::PathBuf> {
        self.open.pop()
    }
    fn pick_save(&mut self, _suggested: &std::path::Path) -> Option<std::path::PathBuf> {
        self.save.pop()
    }
}

#[test]
fn new_with_unsaved_changes_asks_first() {
    let mut harness = harness(DiagramApp::with_diagram(small_diagram()));
    click_component(&mut harness, "Web server");
    harness.key_press(Key::Delete);
    harness.run();
    let count = harness.state().diagram().component_count();
    harness.key_press_modifiers(Modifiers::COMMAND, Key::N);
    harness.run();
    harness.get_by_label_contains("Save changes to");
    harness.get_by_label("Cancel").click();
    harness.run();
    assert_eq!(
        harness.state().diagram().component_count(),
        count,
        "cancel keeps the work"
    );
    assert!(harness.query_by_label_contains("Save changes to").is_none());
    harness.key_press_modifiers(Modifiers::COMMAND, Key::N);
    harness.run();
    harness.get_by_label("Don't save").click();
    harness.run();
    assert_eq!(harness.state().diagram().component_count(), 0);
    assert!(!harness.state().doc.is_dirty());
}

/// The findings filter named the old diagram's components or rules: a new diagram starts
/// with none, so its findings are not hidden from view.
#[test]
fn a_new_diagram_starts_without_the_old_findings_filter() {
    let mut harness = harness(DiagramApp::with_diagram(small_diagram()));
    harness.get_by_label("Filter").click();
    harness.run();
    harness.get_by_label("Filter").type_text("SPOF");
    harness.run();
    assert_eq!(harness.state().findings_view.query, "SPOF");
    harness.key_press(Key::Escape);
    harness.key_press_modifiers(Modifiers::COMMAND, Key::N);
    harness.run();
    if harness.query_by_label("Don't save").is_some() {
        harness.get_by_label("Don't save").click();
        harness.run();
    }
    assert_eq!(harness.state().diagram().component_count(), 0);
    assert_eq!(harness.state().findings_view.query, "");
}

/// A subnet or VPC is a boundary: the settings of things that run (count, state, tier,
/// availability) are not offered for it, only for components.
#[test]
fn boundaries_are_not_offered_the_settings_of_running_components() {
    let mut harness = harness(DiagramApp::with_diagram(small_diagram()));
    click_component(&mut harness, "Web server");
    assert!(harness.query_by_label("Every component").is_some());
    assert!(harness.query_by_label("Count").is_some());
    for boundary in ["subnet-a", "vpc", "region"] {
        harness.state_mut().selection =
            cloudsketch::app::selection::Selection::of(vec![id(boundary)], vec![]);
        harness.run();
        assert!(
            harness.query_by_label("Every component").is_none(),
            "{boundary}"
        );
        assert!(harness.query_by_label("Count").is_none(), "{boundary}");
    }
}

/// Ctrl/Cmd with plus and minus zoom the diagram, as in browsers and drawing tools; the
/// interface keeps its size (egui would otherwise scale all of it).
#[test]
fn ctrl_plus_and_minus_zoom_the_diagram_not_the_interface() {
    let mut harness = harness(DiagramApp::with_diagram(small_diagram()));
    harness.run();
    let before = harness.state().camera.zoom();
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Plus);
    harness.run();
    let zoomed = harness.state().camera.zoom();
    assert!(zoomed > before * 1.1, "{before} -> {zoomed}");
    assert_eq!(harness.ctx.zoom_factor(), 1.0);
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Minus);
    harness.run();
    assert!((harness.state().camera.zoom() - before).abs() < before * 0.01);
    assert_eq!(harness.ctx.zoom_factor(), 1.0);
}

#[test]
fn open_and_save_through_the_command_layer() {
    let dir = tempfile::tempdir().unwrap();
    let good = Path::new(env!("CARGO_MANIFEST_DIR")).join("samples/serverless_api.ron");
    let bad = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/io/unknown_kind.ron");
    let target = dir.path().join("copy.ron");
    let mut app = DiagramApp::with_diagram(small_diagram());
    app.dialogs = Box::new(Scripted {
        open: vec![good.clone(), bad],
        save: vec![target.clone()],
    });
    let mut harness = harness(app);
    // A file that cannot be read leaves the open diagram alone and says why.
    harness.key_press_modifiers(Modifiers::COMMAND, Key::O);
    harness.run();
    assert_eq!(
        harness.state().diagram().component_count(),
        small_diagram().component_count()
    );
    // The notification area names the file, line and column.
    assert!(
        harness
            .query_by_label_contains("unknown_kind.ron:5:29")
            .is_some()
    );
    harness.key_press_modifiers(Modifiers::COMMAND, Key::O);
    harness.run();
    let opened = cloudsketch::io::load_path(&good).unwrap();
    assert_eq!(
        harness.state().diagram().component_count(),
        opened.component_count()
    );
    // Save as writes a new file that loads back to the same diagram.
    harness.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::S);
    harness.run();
    assert_eq!(cloudsketch::io::load_path(&target).unwrap(), opened);
    assert_eq!(harness.state().doc.path.as_deref(), Some(target.as_path()));
}

/// The small diagram in an editor that autosaves into `dir`.
fn autosaving(dir: &Path) -> DiagramApp {
    let mut app = DiagramApp::with_diagram(small_diagram());
    app.autosave = cloudsketch::app::autosave::Autosave::in_dir(dir.to_path_buf());
    app
}

/// Deletes the web server: an unsaved edit.
fn delete_web_server(harness: &mut Harness<'_, DiagramApp>) {
    click_component(harness, "Web server");
    harness.key_press(Key::Delete);
    harness.run();
}

#[test]
fn unsaved_work_is_autosaved_and_offered_back_on_the_next_start() {
    let dir = tempfile::tempdir().unwrap();
    let stray = dir.path().join(".autosave.ron.abc.cloudsketch-tmp");
    let unrelated = dir.path().join("notes.txt");
    std::fs::write(&stray, "half a save").unwrap();
    std::fs::write(&unrelated, "keep me").unwrap();
    let app = autosaving(dir.path());
    assert!(!stray.exists(), "stray temp files are cleaned at start");
    assert!(unrelated.exists(), "other files are left alone");
    let mut harness = harness(app);
    let file = harness.state().autosave.file().unwrap();
    delete_web_server(&mut harness);
    // Time passes (each step is a frame); the edit is written after the quiet delay.
    for _ in 0..200 {
        harness.step();
    }
    assert!(file.exists(), "autosave written");
    let edited = harness.state().diagram().clone();
    drop(harness);
    let restart = self::harness;

    // "Next start": the same folder offers the work back.
    let mut harness = restart(autosaving(dir.path()));
    harness.get_by_label("Restore unsaved work?");
    harness.get_by_label("Restore").click();
    harness.run();
    assert_eq!(harness.state().diagram(), &edited);
    assert!(
        harness.state().doc.is_dirty(),
        "restored work still needs saving"
    );
    // Saving it somewhere removes the recovery file.
    let target = dir.path().join("saved.ron");
    harness.state_mut().dialogs = Box::new(Scripted {
        open: Vec::new(),
        save: vec![target.clone()],
    });
    harness.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::S);
    harness.run();
    assert!(target.exists());
    assert!(!file.exists(), "a clean save removes the recovery file");
}

#[test]
fn unsaved_work_is_written_at_once_when_the_window_loses_focus() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = autosaving(dir.path());
    // A quiet delay the test never reaches (each frame here is a quarter second).
    app.autosave.delay = 3600.0;
    let mut harness = harness(app);
    let file = harness.state().autosave.file().unwrap();
    delete_web_server(&mut harness);
    for _ in 0..20 {
        harness.step();
    }
    assert!(!file.exists(), "the quiet delay has not passed");
    // The user switches to another window: no waiting for the delay (a window out of
    // sight may not be drawn again for a long time).
    harness
        .input_mut()
        .viewports
        .entry(egui::ViewportId::ROOT)
        .or_default()
        .focused = Some(false);
    harness.run();
    assert!(file.exists(), "autosave written on losing focus");
    let saved = cloudsketch::io::load_path(&file).unwrap();
    assert_eq!(&saved, harness.state().diagram());
}

/// A file dropped on the window, as the platform reports it.
#[derive(Debug)]
struct Dropped(std::path::PathBuf);

impl egui::DroppedFile for Dropped {
    fn path(&self) -> &Path {
        &self.0
    }

    fn bytes(&self) -> Result<Vec<u8>, String> {
        std::fs::read(&self.0).map_err(|e| e.to_string())
    }
}

fn drop_files(harness: &mut Harness<'_, DiagramApp>, paths: &[std::path::PathBuf]) {
    harness.input_mut().dropped_files = paths
        .iter()
        .map(|p| std::sync::Arc::new(Dropped(p.clone())) as egui::DroppedFileHandle)
        .collect();
    harness.run();
}

#[test]
fn dropped_templates_are_imported_together_and_a_dropped_diagram_opens() {
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/import");
    let mut harness = harness(DiagramApp::with_diagram(small_diagram()));
    // Two stacks at once: the app stack's subnets come from the network stack's exports.
    drop_files(
        &mut harness,
        &[
            fixtures.join("stack_network.yaml"),
            fixtures.join("stack_app.yaml"),
        ],
    );
    let workers = harness
        .state()
        .diagram()
        .component_by_str("Workers")
        .expect("the app stack was imported")
        .clone();
    let subnets: Vec<&str> = workers.props.subnets.iter().map(|s| s.as_str()).collect();
    assert_eq!(subnets, ["AppA", "AppB"], "stitched across the two stacks");
    // A diagram dropped with a template beside it: the diagram opens, the rest is named.
    let dir = tempfile::tempdir().unwrap();
    let diagram = dir.path().join("shop.ron");
    cloudsketch::io::save_path(&small_diagram(), &diagram).unwrap();
    drop_files(
        &mut harness,
        &[fixtures.join("stack_app.yaml"), diagram.clone()],
    );
    // The imported diagram is unsaved: say not to save it, then the file opens.
    harness.get_by_label("Don't save").click();
    harness.run();
    assert_eq!(harness.state().doc.path.as_deref(), Some(diagram.as_path()));
    assert_eq!(harness.state().diagram(), &small_diagram());
    harness.get_by_label_contains("1 other dropped file(s) left alone");
}

#[test]
fn help_lists_the_shortcuts_from_the_command_table() {
    let mut harness = harness(DiagramApp::with_diagram(small_diagram()));
    harness.get_by_label("Help").click();
    harness.run();
    harness.get_by_label("Keyboard shortcuts").click();
    harness.run();
    harness.get_by_label("Duplicate");
    harness.get_by_label("Ctrl+D");
    harness.get_by_label("Double-click the background");
}

/// `small_diagram` with address blocks: a /16 VPC, a /24 and a /25 subnet that overlap.
fn addressed_diagram() -> Diagram {
    use cloudsketch::model::Edit;
    use cloudsketch::model::settings::{Settings, SubnetSettings, VpcSettings};
    let mut diagram = small_diagram();
    let mut set = |name: &str, label: &str, settings: Settings| {
        let mut props = diagram.component(&id(name)).unwrap().props.clone();
        label.clone_into(&mut props.label);
        props.settings = settings;
        diagram
            .apply(Edit::SetProps(id(name), Box::new(props)))
            .unwrap();
    };
    set(
        "vpc",
        "Shop VPC",
        Settings::Vpc(VpcSettings {
            cidr_blocks: Some(vec!["10.0.0.0/16".to_owned()]),
            ..VpcSettings::default()
        }),
    );
    let subnet = |cidr: &str| {
        Settings::Subnet(SubnetSettings {
            cidr: Some(cidr.to_owned()),
            ..SubnetSettings::default()
        })
    };
    set("subnet-a", "Public subnet", subnet("10.0.0.0/24"));
    set("subnet-b", "Private subnet", subnet("10.0.0.128/25"));
    diagram
}

/// Clicks a container on its header (a click inside it may land on a box it holds).
fn click_header(harness: &mut Harness<'_, DiagramApp>, name: &str) {
    let rect = harness.get_by_role_and_label(Role::Button, name).rect();
    click_at(harness, rect.min + Vec2::new(rect.width() / 2.0, 8.0));
}

/// Replaces the text of the calculator's block field.
fn type_block(harness: &mut Harness<'_, DiagramApp>, text: &str) {
    let field = harness.get_by_role_and_label(Role::TextInput, "Block");
    field.focus();
    for _ in 0..20 {
        harness.key_press(Key::Backspace);
    }
    field.type_text(text);
    harness.run();
}

#[test]
fn selecting_a_vpc_shows_its_addresses_subnets_and_overlaps() {
    let mut harness = harness(DiagramApp::with_diagram(addressed_diagram()));
    click_header(&mut harness, "Shop VPC");
    assert_eq!(
        harness.state().selection.single_component(),
        Some(id("vpc"))
    );
    harness.get_by_label("Addresses");
    harness.get_by_label("10.0.0.0 – 10.0.255.255");
    harness.get_by_label("65,536 addresses");
    harness.get_by_label("Public subnet: 10.0.0.0/24 · 251 usable");
    harness.get_by_label("Private subnet: 10.0.0.128/25 · 123 usable");
    harness.get_by_label("Usable in subnets: 374");
    harness.get_by_label("Public subnet (10.0.0.0/24) and Private subnet (10.0.0.128/25) overlap");
    harness.get_by_label("Free: 65,280 of 65,536 addresses");
    harness.get_by_label("Largest free block: 10.0.128.0/17");
    // Reading the numbers changed nothing.
    assert_eq!(harness.state().doc.history.undo_len(), 0);
}

#[test]
fn a_vpc_without_a_block_says_which_field_takes_one() {
    let mut b = DiagramBuilder::new();
    b.add("region", Kind::Region, None).rect = at(0.0, 0.0, 1000.0, 640.0);
    let vpc = b.add("vpc", Kind::Vpc, Some("region"));
    vpc.rect = at(20.0, 40.0, 940.0, 560.0);
    vpc.props.label = "Bare VPC".to_owned();
    let mut harness = harness(DiagramApp::with_diagram(b.build()));
    click_header(&mut harness, "Bare VPC");
    harness.get_by_label_contains("No CIDR block yet: type one in CIDR blocks above");
    // The field it names is there to type in.
    harness.get_by_label("CIDR blocks");
}

#[test]
fn a_subnet_shows_its_usable_addresses_and_the_sibling_it_overlaps() {
    let mut harness = harness(DiagramApp::with_diagram(addressed_diagram()));
    click_header(&mut harness, "Private subnet");
    assert_eq!(
        harness.state().selection.single_component(),
        Some(id("subnet-b"))
    );
    harness.get_by_label("10.0.0.128 – 10.0.0.255");
    harness.get_by_label("128 addresses · 123 usable (5 reserved by AWS)");
    harness.get_by_label("Overlaps Public subnet (10.0.0.0/24)");
    harness.get_by_label("Inside Shop VPC (10.0.0.0/16)");
}

#[test]
fn the_cidr_calculator_splits_a_typed_block_and_reports_bad_input() {
    let mut harness = harness(DiagramApp::with_diagram(addressed_diagram()));
    click_header(&mut harness, "Shop VPC");
    // Prefilled with the VPC's block, split into 4 by default.
    let field = harness.get_by_role_and_label(Role::TextInput, "Block");
    assert_eq!(field.value().as_deref(), Some("10.0.0.0/16"));
    type_block(&mut harness, "10.1.0.0/16");
    harness
        .get_by_role_and_label(Role::SpinButton, "Split into")
        .set_value_accesskit(4.0);
    harness.run();
    for block in [
        "10.1.0.0/18",
        "10.1.64.0/18",
        "10.1.128.0/18",
        "10.1.192.0/18",
    ] {
        harness.get_by_label(&format!("{block} · 16,379 usable"));
    }
    // Every line stays whole when the inspector is narrowed by dragging its edge (the
    // panel's margin left of its text), last digit included: the last address goes under
    // its block instead of past the edge.
    let kind_line = harness.get_by_label_contains("· id vpc").rect();
    let edge = Pos2::new(kind_line.min.x - 8.0, 300.0);
    drag(&mut harness, edge, edge + egui::vec2(80.0, 0.0));
    let narrowed = harness.get_by_label_contains("· id vpc").rect();
    assert!(
        narrowed.min.x > kind_line.min.x + 60.0,
        "narrowed: {narrowed:?}"
    );
    let last = harness.get_by_label("to 10.1.255.255").rect();
    assert!(
        last.max.x <= 1400.0 - 8.0,
        "cut off at the panel's edge: {last:?}"
    );
    // Three subnets leave a quarter of the block over.
    harness
        .get_by_role_and_label(Role::SpinButton, "Split into")
        .set_value_accesskit(3.0);
    harness.run();
    assert!(
        harness
            .query_by_label("10.1.192.0/18 · 16,379 usable")
            .is_none()
    );
    harness.get_by_label("16,384 addresses of 10.1.0.0/16 left over");
    // Bad input is explained in place, never applied, never a panic.
    type_block(&mut harness, "10.1.300.0/16");
    harness.get_by_label_contains("is not an IPv4 CIDR block");
    type_block(&mut harness, "10.0.0.0/8");
    harness.get_by_label_contains("AWS allows VPC and subnet blocks from /16 to /28");
    type_block(&mut harness, "10.0.0.0/26");
    harness
        .get_by_role_and_label(Role::SpinButton, "Split into")
        .set_value_accesskit(64.0);
    harness.run();
    harness.get_by_label_contains("cannot be split into 64 subnets");
    let app = harness.state();
    assert_eq!(
        app.doc.history.undo_len(),
        0,
        "the calculator edits nothing"
    );
    assert!(!app.doc.is_dirty());
}

#[test]
fn hovering_a_palette_entry_shows_the_kinds_guide() {
    let mut harness = harness(DiagramApp::with_diagram(small_diagram()));
    // Filter first so the entry is in view.
    let search = harness.get_by_role_and_label(Role::TextInput, "Components");
    search.focus();
    search.type_text("queue");
    harness.run();
    harness.get_by_label("SQS queue").hover();
    // Tooltips wait for the pointer to rest.
    for _ in 0..4 {
        harness.step();
    }
    harness.run();
    let guide = cloudsketch::learn::guide(Kind::Sqs);
    let summary = harness.get_by_label(guide.summary).rect();
    assert!(summary.width() <= 320.0, "compact: {summary:?}");
    harness.get_by_label(&format!("Choose it when: {}", guide.choose_when));
    harness.get_by_label_contains("Compare: ");
    harness.get_by_label_contains("Standard versus FIFO queues");
}

#[test]
fn dragging_a_link_end_re_points_it_as_one_history_entry() {
    let mut harness = harness(DiagramApp::with_diagram(small_diagram()));
    // Select the web -> app link by clicking its middle, as a user would.
    let middle = centre_of(&harness, "Web server").lerp(centre_of(&harness, "App server"), 0.5);
    harness.hover_at(middle);
    harness.run();
    harness.drag_at(middle);
    harness.run();
    harness.drop_at(middle);
    harness.run();
    let link = cloudsketch::model::LinkId::new("web->app").unwrap();
    assert!(harness.state().selection.links.contains(&link));
    // The inspector names it by its ends and kind; the id comes after, as for a component.
    harness.get_by_label("Web server to App server");
    harness.get_by_label("Request link · id web->app");
    // It offers the protocols usual on a request; one click sets one, as one undo step.
    harness.get_by_role_and_label(Role::Button, "grpc").click();
    harness.run();
    let protocol = |h: &Harness<'_, DiagramApp>| {
        h.state()
            .diagram()
            .link(&link)
            .unwrap()
            .props
            .protocol
            .clone()
    };
    assert_eq!(protocol(&harness).as_deref(), Some("grpc"));
    assert_eq!(
        harness
            .get_by_role_and_label(Role::TextInput, "Protocol")
            .value()
            .as_deref(),
        Some("grpc")
    );
    harness.key_press_modifiers(egui::Modifiers::COMMAND, Key::Z);
    harness.run();
    assert_eq!(protocol(&harness), None);
    // Settings of other kinds of link are left out: a request has no route-table
    // destination, failover role or replication mode.
    for other in [
        "Destination CIDR",
        "Failover role",
        "Replication",
        "Interval (hours)",
    ] {
        assert!(harness.query_by_label(other).is_none(), "{other} is shown");
    }
    // Its end handle goes from the app server to the database: still a request.
    let end = harness
        .get_by_role_and_label(Role::Button, "End of link web->app")
        .rect()
        .center();
    let db = centre_of(&harness, "Orders DB");
    drag(&mut harness, end, db);
    let app = harness.state();
    assert!(app.diagram().link(&link).is_none());
    // Named after its ends, it takes the new name.
    let renamed = cloudsketch::model::LinkId::new("web->db").unwrap();
    let moved = app.diagram().link(&renamed).expect("the moved link");
    assert_eq!((moved.from.as_str(), moved.to.as_str()), ("web", "db"));
    assert_eq!(moved.kind, LinkKind::Request);
    assert_eq!(app.diagram().link_count(), 2);
    assert_eq!(app.doc.history.undo_len(), 1);
    assert!(app.selection.links.contains(&renamed));
    // Towards a database, the protocols offered are a database's.
    harness.run();
    harness.get_by_role_and_label(Role::Button, "sql");
    assert!(
        harness
            .query_by_role_and_label(Role::Button, "grpc")
            .is_none()
    );
    // The web server does not call the customers: moving the end there is refused.
    let end = harness
        .get_by_role_and_label(Role::Button, "End of link web->db")
        .rect()
        .center();
    let users = centre_of(&harness, "Customers");
    let before = harness.state().diagram().clone();
    drag(&mut harness, end, users);
    let app = harness.state();
    assert_eq!(app.diagram(), &before, "the refused drop changed nothing");
    assert!(
        app.status
            .as_deref()
            .unwrap()
            .starts_with("Not reconnected: no AWS link goes from Web server"),
        "{:?}",
        app.status
    );
    // Undo puts the end back.
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run();
    let back = harness.state().diagram().link(&link).unwrap().clone();
    assert_eq!(back.to.as_str(), "app");
}

#[test]
fn palette_click_goes_into_the_selected_box_or_the_nearest_one_that_holds_it() {
    let mut b = DiagramBuilder::new();
    b.add("region", Kind::Region, None).rect = at(0.0, 0.0, 1200.0, 800.0);
    b.add("vpc", Kind::Vpc, Some("region")).rect = at(40.0, 60.0, 1100.0, 700.0);
    let a = b.add("az-a", Kind::AvailabilityZone, Some("vpc"));
    a.rect = at(60.0, 100.0, 500.0, 600.0);
    a.props.label = "Zone A".to_owned();
    let z = b.add("az-b", Kind::AvailabilityZone, Some("vpc"));
    z.rect = at(600.0, 100.0, 500.0, 600.0);
    z.props.label = "Zone B".to_owned();
    let mut harness = harness(DiagramApp::with_diagram(b.build()));
    // A box is picked by its header (or by a click on its empty inside).
    click_header(&mut harness, "Zone A");
    assert!(harness.state().selection.components.contains(&id("az-a")));
    // Once a subnet is on the canvas it has the same name as the palette entry: the
    // entry is the leftmost.
    let click_palette_subnet = |harness: &mut Harness<'_, DiagramApp>| {
        harness
            .get_all_by_label("Subnet")
            .min_by(|a, b| a.rect().min.x.total_cmp(&b.rect().min.x))
            .expect("the palette entry")
            .click();
        harness.run();
    };
    click_palette_subnet(&mut harness);
    // The new subnet is selected now: a second one goes to its zone, beside it.
    click_palette_subnet(&mut harness);
    let app = harness.state();
    let subnets: Vec<_> = app
        .diagram()
        .components()
        .filter(|c| c.kind == Kind::Subnet)
        .collect();
    assert_eq!(subnets.len(), 2, "{:?}", app.status);
    for s in &subnets {
        assert_eq!(s.parent.as_ref().map(|p| p.as_str()), Some("az-a"));
    }
    assert!(!subnets[0].rect.intersects(&subnets[1].rect));
    // Numbered names, so pickers and findings tell them apart.
    let mut names: Vec<&str> = subnets.iter().map(|s| s.display_name()).collect();
    names.sort_unstable();
    assert_eq!(names, ["Subnet", "Subnet 2"]);
    assert_eq!(app.doc.history.undo_len(), 2);
}

/// A VPC or subnet added from the palette starts with a free address block, as AWS asks
/// for one: the VPC a /16, its subnets the next free /24s.
#[test]
fn new_vpcs_and_subnets_start_with_free_address_blocks() {
    use cloudsketch::model::settings::Settings;
    let mut b = DiagramBuilder::new();
    let region = b.add("region", Kind::Region, None);
    region.rect = at(0.0, 0.0, 1200.0, 800.0);
    region.props.label = "us-east-1".to_owned();
    let mut harness = harness(DiagramApp::with_diagram(b.build()));
    click_header(&mut harness, "us-east-1");
    // The palette entry is the leftmost of the components with that name.
    let click_palette = |harness: &mut Harness<'_, DiagramApp>, name: &str| {
        harness
            .get_all_by_label(name)
            .min_by(|a, b| a.rect().min.x.total_cmp(&b.rect().min.x))
            .expect("the palette entry")
            .click();
        harness.run();
    };
    click_palette(&mut harness, "VPC");
    click_palette(&mut harness, "Subnet");
    click_palette(&mut harness, "Subnet");
    let app = harness.state();
    let mut blocks: Vec<String> = app
        .diagram()
        .components()
        .filter_map(|c| match &c.props.settings {
            Settings::Vpc(v) => Some(v.cidr_blocks.clone().unwrap_or_default().join(" ")),
            Settings::Subnet(s) => s.cidr.clone(),
            _ => None,
        })
        .collect();
    blocks.sort();
    assert_eq!(
        blocks,
        ["10.0.0.0/16", "10.0.0.0/24", "10.0.1.0/24"],
        "{:?}",
        app.status
    );
    assert_eq!(app.doc.history.undo_len(), 3);
}

#[test]
fn the_subnet_picker_tells_subnets_apart_by_zone_role_and_range() {
    use cloudsketch::model::settings::{AzSettings, Settings, SubnetIntent, SubnetSettings};
    let mut b = DiagramBuilder::new();
    b.add("region", Kind::Region, None).rect = at(0.0, 0.0, 1200.0, 800.0);
    b.add("vpc", Kind::Vpc, Some("region")).rect = at(40.0, 60.0, 1100.0, 700.0);
    for (zone, x, cidr) in [("a", 60.0, "10.0.1.0/24"), ("b", 600.0, "10.0.2.0/24")] {
        let az = b.add(&format!("az-{zone}"), Kind::AvailabilityZone, Some("vpc"));
        az.rect = at(x, 100.0, 500.0, 400.0);
        az.props.settings = Settings::Az(AzSettings {
            zone: Some(format!("us-east-1{zone}")),
        });
        let subnet = b.add(
            &format!("app-{zone}"),
            Kind::Subnet,
            Some(&format!("az-{zone}")),
        );
        subnet.rect = at(x + 20.0, 140.0, 380.0, 200.0);
        subnet.props.label = "App subnet".to_owned();
        subnet.props.settings = Settings::Subnet(SubnetSettings {
            cidr: Some(cidr.to_owned()),
            intent: Some(SubnetIntent::Private),
            ..SubnetSettings::default()
        });
    }
    b.add("asg", Kind::AutoScalingGroup, Some("vpc")).rect = at(300.0, 560.0, 260.0, 140.0);
    let mut app = DiagramApp::with_diagram(b.build());
    app.selection = cloudsketch::app::selection::Selection::of(vec![id("asg")], Vec::new());
    let harness = harness(app);
    harness.get_by_label("App subnet · us-east-1a · private · 10.0.1.0/24");
    harness.get_by_label("App subnet · us-east-1b · private · 10.0.2.0/24");
}

#[test]
fn keys_typed_into_the_search_box_never_reach_the_canvas_even_in_one_frame() {
    let mut harness = harness(DiagramApp::with_diagram(small_diagram()));
    click_component(&mut harness, "Web server");
    let search = harness.get_by_role_and_label(Role::TextInput, "Components");
    search.focus();
    search.type_text("xyz");
    harness.run();
    assert_eq!(harness.state().selection.components.len(), 1);
    let count = harness.state().diagram().component_count();
    // A fast typist: Ctrl+A, Backspace and Escape arrive in one frame. egui lets go of the
    // field's focus at the start of that frame (Escape), so the field never sees the
    // Backspace; it was typed into the field all the same, and must not delete on the canvas.
    let key = |key, pressed, modifiers| egui::Event::Key {
        key,
        physical_key: None,
        pressed,
        repeat: false,
        modifiers,
    };
    harness.input_mut().events.extend([
        key(Key::A, true, Modifiers::COMMAND),
        key(Key::A, false, Modifiers::COMMAND),
        key(Key::Backspace, true, Modifiers::NONE),
        key(Key::Backspace, false, Modifiers::NONE),
        key(Key::Escape, true, Modifiers::NONE),
        key(Key::Escape, false, Modifiers::NONE),
    ]);
    harness.run();
    let app = harness.state();
    assert_eq!(
        app.diagram().component_count(),
        count,
        "nothing was deleted"
    );
    assert_eq!(app.doc.history.undo_len(), 0);
}

#[test]
fn dragging_from_the_palette_says_where_the_component_would_land() {
    let mut harness = harness(DiagramApp::with_diagram(small_diagram()));
    let from = harness.get_by_label("EC2 instance").rect().center();
    let subnet = centre_of(&harness, "Web server") + Vec2::new(0.0, 160.0);
    let outside = centre_of(&harness, "Customers") + Vec2::new(0.0, 160.0);
    harness.hover_at(from);
    harness.run();
    harness.drag_at(from);
    harness.run();
    for i in 1..=6 {
        harness.hover_at(from + (subnet - from) * (i as f32 / 6.0));
        harness.run();
    }
    harness.get_by_label_contains("Drop EC2 instance into Subnet");
    harness.hover_at(outside);
    harness.run();
    harness.get_by_label_contains("Cannot drop EC2 instance here");
    // Back over the subnet, and dropped: it lands there.
    harness.hover_at(subnet);
    harness.run();
    harness.drop_at(subnet);
    harness.run();
    let app = harness.state();
    let added: Vec<_> = app
        .diagram()
        .components()
        .filter(|c| c.kind == Kind::Ec2 && c.id != id("web") && c.id != id("app"))
        .collect();
    assert_eq!(added.len(), 1, "{:?}", app.status);
    assert_eq!(added[0].parent, Some(id("subnet-a")));
    assert!(
        harness
            .query_by_label_contains("Drop EC2 instance")
            .is_none(),
        "the drag is over"
    );
}

#[test]
fn arrow_keys_never_move_a_component_out_of_its_box() {
    let mut harness = harness(DiagramApp::with_diagram(small_diagram()));
    click_component(&mut harness, "Web server");
    for _ in 0..8 {
        harness.key_press_modifiers(Modifiers::SHIFT, Key::ArrowDown);
        harness.run();
    }
    let app = harness.state();
    let web = app.diagram().component(&id("web")).unwrap();
    let subnet = app.diagram().component(&id("subnet-a")).unwrap();
    assert!(
        subnet.rect.contains_rect(&web.rect),
        "{:?} in {:?}",
        web.rect,
        subnet.rect
    );
    assert!(web.rect.min.y > 160.0, "it moved as far as it could");
    assert!(
        app.status
            .as_deref()
            .is_some_and(|s| s.contains("stays inside")),
        "{:?}",
        app.status
    );
}

#[test]
fn f2_renames_with_the_whole_name_selected_so_typing_replaces_it() {
    let mut harness = harness(DiagramApp::with_diagram(small_diagram()));
    click_component(&mut harness, "Web server");
    harness.key_press(Key::F2);
    harness.run();
    harness.run();
    // The rename field holds the name (its value), all selected.
    harness
        .get_by(|n| n.is_focused() && n.value().as_deref() == Some("Web server"))
        .type_text("Front end");
    harness.run();
    harness.key_press(Key::Enter);
    harness.run();
    let web = harness
        .state()
        .diagram()
        .component(&id("web"))
        .unwrap()
        .clone();
    assert_eq!(web.props.label, "Front end");
    assert_eq!(harness.state().doc.history.undo_len(), 1);
}
