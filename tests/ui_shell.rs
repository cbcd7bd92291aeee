//! The app shell, driven headless with egui_kittest: a save that fails leaves the file on
//! disk byte-identical and says so; recent files; theme and icon preferences; File ▸ Import.

#![cfg(feature = "gui")]
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::path::PathBuf;

use cloudsketch::app::DiagramApp;
use cloudsketch::app::preferences::{Preferences, Theme};
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;

fn harness(app: DiagramApp) -> Harness<'static, DiagramApp> {
    common::harness_sized(app, 1400.0, 900.0)
}

/// A diagram file whose name is so long that no temporary file can be made next to it:
/// the operating system refuses the save before the old file is touched.
/// File ▸ Export ▸ Picture as PNG…, as a user would.
fn choose_export_png(harness: &mut Harness<'_, DiagramApp>) {
    harness.get_by_label("File").click();
    harness.run();
    harness.get_by_label("Export").hover();
    harness.run();
    harness.get_by_label("Picture as PNG…").click();
    harness.run();
}

/// The serverless sample written to `name` in `dir`.
fn sample_file(dir: &tempfile::TempDir, name: &str) -> PathBuf {
    let path = dir.path().join(name);
    let sample = cloudsketch::io::samples::by_name("serverless_api").unwrap();
    std::fs::write(&path, sample.text).unwrap();
    path
}

fn file_that_cannot_be_saved(dir: &tempfile::TempDir) -> PathBuf {
    let name = format!("{}.ron", "d".repeat(240));
    let path = dir.path().join(name);
    let sample = cloudsketch::io::samples::by_name("three_tier_resilient").unwrap();
    std::fs::write(&path, sample.text).unwrap();
    path
}

#[test]
fn a_failed_save_leaves_the_file_byte_identical_and_says_why() {
    let dir = tempfile::tempdir().unwrap();
    let path = file_that_cannot_be_saved(&dir);
    let before = std::fs::read(&path).unwrap();
    let mut harness = harness(DiagramApp::open(Some(path.clone())));
    harness.key_press_modifiers(Modifiers::COMMAND, Key::A);
    harness.run();
    harness.key_press(Key::Delete);
    harness.run();
    assert!(harness.state().doc.is_dirty());
    harness.key_press_modifiers(Modifiers::COMMAND, Key::S);
    harness.run();
    assert_eq!(
        std::fs::read(&path).unwrap(),
        before,
        "the file is untouched"
    );
    assert!(harness.state().doc.is_dirty(), "the changes are still open");
    assert!(harness.query_by_label_contains("Not saved").is_some());
    let strays: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(strays.len(), 1, "no temporary file left behind: {strays:?}");
}

#[test]
fn opened_and_saved_files_are_offered_under_open_recent() {
    let dir = tempfile::tempdir().unwrap();
    let first = sample_file(&dir, "first.ron");
    let mut app = DiagramApp::open(Some(first.clone()));
    app.open_path(&first);
    let mut harness = harness(app);
    assert_eq!(
        harness
            .state()
            .prefs
            .recent
            .first()
            .map(|p| p.ends_with("first.ron")),
        Some(true)
    );
    harness.get_by_label("File").click();
    harness.run();
    harness.get_by_label("Open recent").hover();
    harness.run();
    assert!(harness.query_by_label("first.ron").is_some());
}

#[test]
fn preferences_round_trip_and_theme_is_chosen_from_the_view_menu() {
    let mut app = DiagramApp::with_diagram(cloudsketch::model::Diagram::new());
    let mut remembered = Preferences {
        theme: Theme::Light,
        snap: false,
        ..Preferences::default()
    };
    remembered.remember(std::path::Path::new("/tmp/a.ron"));
    app.set_preferences(remembered.clone());
    assert!(!app.snap);
    assert_eq!(app.preferences(), remembered);
    let mut harness = harness(app);
    harness.get_by_label("View").click();
    harness.run();
    harness.get_by_label("Theme").hover();
    harness.run();
    harness.get_by_label("Dark").click();
    harness.run();
    assert_eq!(harness.state().prefs.theme, Theme::Dark);
    assert_eq!(harness.ctx.theme(), egui::Theme::Dark);
}

/// Dialogs that answer with fixed paths.
struct ExportTo(PathBuf);

impl cloudsketch::app::files::Dialogs for ExportTo {
    fn pick_open(&mut self, _folder: &std::path::Path) -> Option<PathBuf> {
        None
    }
    fn pick_save(&mut self, _suggested: &std::path::Path) -> Option<PathBuf> {
        None
    }
    fn pick_export(&mut self, _suggested: &std::path::Path, extension: &str) -> Option<PathBuf> {
        Some(self.0.with_extension(extension))
    }
}

#[test]
fn file_export_writes_a_picture_of_the_diagram() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = DiagramApp::open(None);
    app.dialogs = Box::new(ExportTo(dir.path().join("picture")));
    let mut harness = harness(app);
    choose_export_png(&mut harness);
    let png = dir.path().join("picture.png");
    let bytes = std::fs::read(&png).expect("the PNG is written");
    assert!(bytes.starts_with(b"\x89PNG"));
    assert!(harness.query_by_label_contains("Exported").is_some());
}

/// Dialogs that pick templates to import.
struct ImportFrom(Vec<PathBuf>);

impl cloudsketch::app::files::Dialogs for ImportFrom {
    fn pick_open(&mut self, _folder: &std::path::Path) -> Option<PathBuf> {
        None
    }
    fn pick_save(&mut self, _suggested: &std::path::Path) -> Option<PathBuf> {
        None
    }
    fn pick_import(&mut self, _folder: &std::path::Path) -> Vec<PathBuf> {
        std::mem::take(&mut self.0)
    }
}

#[test]
fn file_import_opens_templates_as_a_new_unsaved_diagram() {
    let fixtures = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/import");
    let mut app = DiagramApp::open(None);
    app.dialogs = Box::new(ImportFrom(vec![
        fixtures.join("stack_network.yaml"),
        fixtures.join("stack_app.yaml"),
    ]));
    let mut harness = harness(app);
    harness.get_by_label("File").click();
    harness.run();
    harness.get_by_label("Import…").click();
    harness.run();
    let state = harness.state();
    assert!(state.diagram().component_by_str("Workers").is_some());
    assert_eq!(
        state
            .diagram()
            .component_by_str("Workers")
            .unwrap()
            .props
            .subnets
            .len(),
        2,
        "the stacks were stitched"
    );
    assert!(state.doc.is_dirty(), "an import is unsaved work");
    assert!(state.doc.path.is_none());
    // The warning about the export nobody has is shown, with its place.
    assert!(
        harness
            .query_by_label_contains("stack_app.yaml:33:")
            .is_some()
    );

    // A template that is not valid YAML changes nothing and says where.
    let before = harness.state().diagram().component_count();
    harness
        .state_mut()
        .import_paths(&[fixtures.join("bad_yaml.yaml")]);
    harness.run();
    assert_eq!(harness.state().diagram().component_count(), before);
    assert!(
        harness
            .query_by_label_contains("bad_yaml.yaml:5:8")
            .is_some()
    );
}

#[test]
fn undoing_back_to_the_saved_diagram_makes_it_unchanged_again() {
    let dir = tempfile::tempdir().unwrap();
    let path = sample_file(&dir, "shop.ron");
    let mut harness = harness(DiagramApp::open(Some(path.clone())));
    let unsaved =
        |harness: &Harness<'_, DiagramApp>| harness.state().window_title().starts_with('●');
    harness.key_press_modifiers(Modifiers::COMMAND, Key::A);
    harness.run();
    harness.key_press(Key::ArrowRight);
    harness.run();
    assert!(unsaved(&harness), "a nudge is a change");
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run();
    assert!(!unsaved(&harness), "undone: the diagram is what is on disk");
    harness.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::Z);
    harness.run();
    assert!(unsaved(&harness), "redone: changed again");
    assert!(
        harness
            .state()
            .status
            .as_deref()
            .unwrap()
            .starts_with("Redid ")
    );
    // The next edit ends the "Redid …" message: it is no longer the latest news.
    harness.key_press(Key::ArrowLeft);
    harness.run();
    assert_eq!(harness.state().status, None);
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run();
    // Saved after the nudge: undoing it is now the change, redoing it comes back.
    harness.key_press_modifiers(Modifiers::COMMAND, Key::S);
    harness.run();
    assert!(!unsaved(&harness));
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run();
    assert!(unsaved(&harness));
    harness.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::Z);
    harness.run();
    assert!(!unsaved(&harness));
    // A new edit after undoing past the save point can never come back to it.
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run();
    harness.key_press(Key::ArrowDown);
    harness.run();
    assert!(unsaved(&harness));
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run();
    assert!(
        unsaved(&harness),
        "back before the save, which differs from the file"
    );
}

/// No file dialog can be shown (a Linux desktop without a portal or zenity).
struct NoDialogs;

impl cloudsketch::app::files::Dialogs for NoDialogs {
    fn available(&self) -> bool {
        false
    }
    fn pick_open(&mut self, _folder: &std::path::Path) -> Option<PathBuf> {
        panic!("no dialog can be shown")
    }
    fn pick_save(&mut self, _suggested: &std::path::Path) -> Option<PathBuf> {
        panic!("no dialog can be shown")
    }
}

/// Replaces what the path field holds with `path` and presses Enter, as a user would.
fn type_path(harness: &mut Harness<'_, DiagramApp>, path: &std::path::Path) {
    let field = harness.get_by_role_and_label(egui::accesskit::Role::TextInput, "Path");
    field.focus();
    harness.run();
    harness.key_press_modifiers(Modifiers::COMMAND, Key::A);
    harness.run();
    harness
        .get_by_role_and_label(egui::accesskit::Role::TextInput, "Path")
        .type_text(&path.display().to_string());
    harness.run();
    harness.key_press(Key::Enter);
    harness.run();
}

#[test]
fn without_a_file_dialog_save_as_asks_for_a_typed_path_suggesting_the_files_own() {
    let dir = tempfile::tempdir().unwrap();
    let path = sample_file(&dir, "shop.ron");
    let mut app = DiagramApp::open(Some(path.clone()));
    app.dialogs = Box::new(NoDialogs);
    let mut harness = harness(app);
    harness.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::S);
    harness.run();
    harness.get_by_label_contains("No file dialog is available");
    let suggested = harness.state().path_prompt.as_ref().unwrap().text.clone();
    assert_eq!(
        suggested,
        path.display().to_string(),
        "the file's own folder and name"
    );
    harness.get_by_label_contains("exists and will be replaced");
    // Without an extension, .ron is added.
    type_path(&mut harness, &dir.path().join("copy"));
    let copy = dir.path().join("copy.ron");
    assert!(copy.is_file(), "saved where typed");
    assert!(harness.state().path_prompt.is_none());
    assert_eq!(harness.state().doc.path.as_deref(), Some(copy.as_path()));
    // Export asks the same way, suggesting the picture beside the diagram.
    choose_export_png(&mut harness);
    let suggested = harness.state().path_prompt.as_ref().unwrap().text.clone();
    assert_eq!(suggested, dir.path().join("copy.png").display().to_string());
    type_path(&mut harness, &dir.path().join("picture.png"));
    let bytes = std::fs::read(dir.path().join("picture.png")).expect("the PNG is written");
    assert!(bytes.starts_with(b"\x89PNG"));
}

#[test]
fn without_a_file_dialog_save_before_new_saves_where_typed_then_starts_the_new_diagram() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = DiagramApp::open(None);
    app.dialogs = Box::new(NoDialogs);
    let mut harness = harness(app);
    harness.key_press_modifiers(Modifiers::COMMAND, Key::A);
    harness.run();
    harness.key_press(Key::Delete);
    harness.run();
    harness.key_press_modifiers(Modifiers::COMMAND, Key::N);
    harness.run();
    harness.get_by_label("Save").click();
    harness.run();
    let target = dir.path().join("kept.ron");
    type_path(&mut harness, &target);
    assert!(target.is_file(), "saved first");
    let app = harness.state();
    assert_eq!(app.diagram().component_count(), 0);
    assert_eq!(app.doc.path, None, "then the new, empty diagram");
    // Cancelling a prompt does nothing.
    harness.key_press_modifiers(Modifiers::COMMAND, Key::O);
    harness.run();
    assert!(harness.state().path_prompt.is_some());
    harness.get_by_label("Cancel").click();
    harness.run();
    assert!(harness.state().path_prompt.is_none());
}

#[test]
fn opening_another_diagram_clears_the_status_line_and_the_highlight() {
    let mut harness = harness(DiagramApp::open(None));
    harness.key_press_modifiers(Modifiers::COMMAND, Key::A);
    harness.run();
    harness.key_press(Key::Delete);
    harness.run();
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run();
    assert!(harness.state().status.is_some(), "the undo is reported");
    let report = harness.state().doc.linted().unwrap().report.clone();
    let finding = report
        .active()
        .next()
        .expect("the sample has findings")
        .clone();
    cloudsketch::app::findings::focus(harness.state_mut(), &finding);
    assert!(harness.state().spotlight.is_some());
    harness.state_mut().open_path(
        &std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("samples/serverless_api.ron"),
    );
    harness.run();
    assert_eq!(harness.state().status, None);
    assert!(harness.state().spotlight.is_none());
}

#[test]
fn save_as_suggests_the_files_own_folder_even_when_opened_by_a_relative_path() {
    let relative = PathBuf::from("samples/serverless_api.ron");
    assert!(relative.is_file(), "tests run in the repository");
    let app = DiagramApp::open(Some(relative));
    let suggested = app.suggested_path("ron");
    assert!(suggested.is_absolute(), "{}", suggested.display());
    assert_eq!(
        suggested,
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("samples/serverless_api.ron")
    );
    assert!(
        app.suggested_path("png")
            .ends_with("samples/serverless_api.png")
    );
}

/// Dialogs that note the folder each picker was asked to start in, and cancel.
struct NoteFolders(std::rc::Rc<std::cell::RefCell<Vec<PathBuf>>>);

impl cloudsketch::app::files::Dialogs for NoteFolders {
    fn pick_open(&mut self, folder: &std::path::Path) -> Option<PathBuf> {
        self.0.borrow_mut().push(folder.to_path_buf());
        None
    }
    fn pick_save(&mut self, _suggested: &std::path::Path) -> Option<PathBuf> {
        None
    }
    fn pick_import(&mut self, folder: &std::path::Path) -> Vec<PathBuf> {
        self.0.borrow_mut().push(folder.to_path_buf());
        Vec::new()
    }
}

#[test]
fn open_and_import_start_in_the_open_diagrams_folder() {
    let dir = tempfile::tempdir().unwrap();
    let path = sample_file(&dir, "shop.ron");
    let folders = std::rc::Rc::new(std::cell::RefCell::new(Vec::new()));
    let mut app = DiagramApp::open(Some(path));
    app.dialogs = Box::new(NoteFolders(folders.clone()));
    let mut harness = harness(app);
    harness.key_press_modifiers(Modifiers::COMMAND, Key::O);
    harness.run();
    harness.get_by_label("File").click();
    harness.run();
    harness.get_by_label("Import…").click();
    harness.run();
    let folders = folders.borrow();
    assert_eq!(folders.len(), 2, "{folders:?}");
    for folder in folders.iter() {
        assert_eq!(
            std::fs::canonicalize(folder).unwrap(),
            std::fs::canonicalize(dir.path()).unwrap()
        );
    }
}

/// The bundled tightly coupled three-tier sample (13 open findings).
fn tightly_coupled() -> cloudsketch::model::Diagram {
    cloudsketch::io::load_str(
        include_str!("../samples/three_tier_tightly_coupled.ron"),
        std::path::Path::new("sample.ron"),
    )
    .unwrap()
}

#[test]
fn a_new_diagram_shows_no_findings_of_the_one_it_replaced() {
    let mut harness = harness(DiagramApp::with_diagram(tightly_coupled()));
    assert!(harness.query_by_label_contains("13 open").is_some());
    harness.key_press_modifiers(Modifiers::COMMAND, Key::N);
    harness.run();
    assert_eq!(harness.state().doc.diagram.component_count(), 0);
    assert!(
        harness.query_by_label_contains("13 open").is_none(),
        "the findings header counts the new diagram's findings"
    );
    assert!(harness.query_by_label_contains("0 open").is_some());
}

#[test]
fn learn_topics_open_from_the_help_menu_and_from_a_components_inspector() {
    let mut harness = harness(DiagramApp::with_diagram(tightly_coupled()));
    // From the Help menu: the first topic, then another picked from the list.
    harness.get_by_label("Help").click();
    harness.run();
    harness
        .get_by_label("Learn: CIDR, NAT, load balancers…")
        .click();
    harness.run();
    assert!(
        harness
            .query_by_label_contains("a /24 subnet gives 251 usable addresses")
            .is_some()
    );
    // The window opens over the canvas, its title clear of the menu bar.
    let menu_bottom = harness.get_by_label("Help").rect().bottom();
    let title = harness.get_by_label("Learn").rect();
    assert!(
        title.top() > menu_bottom,
        "the Learn window's title {title:?} lies on the menu bar (bottom {menu_bottom})"
    );
    // The CIDR topic works out the blocks the learner types.
    let field = harness.get_by_role_and_label(egui::accesskit::Role::TextInput, "Blocks");
    field.focus();
    field.type_text("10.0.0.0/22 10.0.1.0/24");
    harness.run();
    harness.get_by_label("10.0.0.0/22: 10.0.0.0 – 10.0.3.255, 1,024 addresses");
    harness.get_by_label_contains("10.0.1.0/24 lies inside 10.0.0.0/22");
    // Dragged up by its title bar, it stops under the menu bar.
    let grip = egui::pos2(title.center().x, title.top() + 8.0);
    harness.hover_at(grip);
    harness.run();
    harness.drag_at(grip);
    harness.run();
    for y in [grip.y - 10.0, grip.y - 30.0, 0.0] {
        harness.hover_at(egui::pos2(grip.x, y));
        harness.run();
    }
    harness.drop_at(egui::pos2(grip.x, 0.0));
    harness.run();
    let title = harness.get_by_label("Learn").rect();
    assert!(
        title.top() >= menu_bottom,
        "dragged, the Learn window {title:?} covers the menu bar (bottom {menu_bottom})"
    );
    harness
        .get_by_label("Load balancers: layer 7 versus layer 4")
        .click();
    harness.run();
    assert!(
        harness
            .query_by_label_contains("An Application Load Balancer works at layer 7")
            .is_some()
    );
    // From the inspector of a selected NAT gateway: its topic.
    harness.state_mut().help = None;
    harness.state_mut().selection = cloudsketch::app::selection::Selection::of(
        vec![cloudsketch::model::ComponentId::new("nat-a").unwrap()],
        Vec::new(),
    );
    harness.run();
    harness.get_by_label("NAT gateways").click();
    harness.run();
    assert!(
        harness
            .query_by_label_contains("A NAT gateway lets resources in private subnets")
            .is_some()
    );
    assert!(
        harness
            .query_by_label_contains("cloudsketch explain nat-gateway")
            .is_some()
    );
    // A web server (an instance running no database) is about scaling its fleet, not
    // about RDS versus a database on EC2.
    harness.state_mut().help = None;
    harness.state_mut().selection = cloudsketch::app::selection::Selection::of(
        vec![cloudsketch::model::ComponentId::new("web-server").unwrap()],
        Vec::new(),
    );
    harness.run();
    assert!(
        harness
            .query_by_label("Scaling policies: target tracking, step and simple scaling")
            .is_some()
    );
    assert!(harness.query_by_label("RDS versus MySQL on EC2").is_none());
}

#[test]
fn an_empty_canvas_says_how_to_start_and_the_hint_goes_with_the_first_component() {
    let mut harness = harness(DiagramApp::with_diagram(cloudsketch::model::Diagram::new()));
    let hint = "Drag a component here from the palette";
    assert!(harness.query_by_label_contains(hint).is_some());
    // A palette click still adds a component with the hint showing, and the hint goes.
    harness.get_by_label("Region").click();
    harness.run();
    assert_eq!(harness.state().doc.diagram.component_count(), 1);
    assert!(harness.query_by_label_contains(hint).is_none());
}
