//! The desktop editor (feature `gui`): the only place egui, eframe and rfd appear.
//!
//! Layout: menu bar, palette (left), canvas (centre), inspector (right), findings (bottom),
//! status bar. Every change goes through an `Edit` applied by [`DiagramApp::handle`] after
//! the frame is drawn, as one undoable history entry per gesture.

pub mod autosave;
pub mod camera;
pub mod canvas;
pub mod command;
pub mod doc_text;
pub mod document;
pub mod files;
pub mod findings;
pub mod icons;
pub mod inspector;
pub mod menu;
pub mod notifications;
pub mod palette;
pub mod path_prompt;
pub mod preferences;
pub mod refusal;
pub mod scene_cache;
pub mod selection;
pub mod spotlight;
pub mod startup_report;
pub mod theme;
pub mod topics;
pub mod what_if;

use std::path::PathBuf;

use command::{AppCommand, Command};
use document::Document;
use selection::Selection;

use crate::io;
use crate::model::fragment::Fragment;
use crate::model::{Diagram, Edit};

/// Sample opened when no file is given.
pub const DEFAULT_SAMPLE: &str = "three_tier_tightly_coupled";

/// Grid spacing in world units; moved items snap to it.
pub const GRID: f32 = 20.0;

/// How the status line starts when the model refused an edit.
const NOT_CHANGED: &str = "Not changed: ";

/// How the status line starts after an undo.
const UNDID: &str = "Undid ";

/// How the status line starts after a redo.
const REDID: &str = "Redid ";

/// The editor's whole state.
pub struct DiagramApp {
    /// The open document.
    pub doc: Document,
    /// A load error to show, if any.
    pub error: Option<String>,
    /// Selected components and links.
    pub selection: Selection,
    /// Canvas camera.
    pub camera: camera::Camera,
    /// Pointer gesture in progress on the canvas.
    pub tool: canvas::Tool,
    /// Snap moved items to the grid.
    pub snap: bool,
    /// Palette search text.
    pub palette_query: String,
    /// Text being edited in the inspector, by field.
    pub inspector: inspector::InspectorState,
    /// What Copy put aside.
    pub clipboard: Fragment,
    /// The latest status message (a refusal, what was undone).
    pub status: Option<String>,
    /// Icon textures.
    pub icons: icons::Icons,
    /// Commands queued during the frame.
    pub queue: Vec<AppCommand>,
    /// Draw order, badges and grouped findings of the current revision.
    pub scene: scene_cache::SceneCache,
    /// Filters, the finding being accepted and the rule docs shown, in the findings panel.
    pub findings_view: findings::FindingsView,
    /// What the canvas fades and emphasises (a picked finding, a what-if failure).
    pub spotlight: Option<spotlight::Spotlight>,
    /// The what-if window.
    pub what_if: what_if::WhatIf,
    /// Checklist families folded away in the findings panel.
    pub folded: std::collections::BTreeSet<crate::rules::Family>,
    /// Screen area of the canvas in the last frame (for zooming around its centre).
    pub viewport: egui::Rect,
    shown_title: Option<String>,
    /// A text field had the keyboard when the last frame ended: this frame's keys were
    /// typed into it, even if egui let go of its focus at the start of this frame (an
    /// Escape typed in the same burst), so they are not shortcuts.
    keys_were_typed: bool,
    /// A path being typed where no file dialog can be shown.
    pub path_prompt: Option<path_prompt::PathPrompt>,
    /// File pickers (native, or scripted in tests).
    pub dialogs: Box<dyn files::Dialogs>,
    /// The open help window.
    pub help: Option<menu::Help>,
    /// CIDR blocks typed into the Learn window's CIDR topic, worked out under it.
    pub learn_blocks: String,
    /// What the editor remembers between runs.
    pub prefs: preferences::Preferences,
    /// Errors and confirmations at the bottom right of the canvas.
    pub notifications: notifications::Notifications,
    /// Unsaved work written to the data folder, and work recovered from it.
    pub autosave: autosave::Autosave,
    /// An action waiting for the answer to "Save changes?".
    pub pending: Option<files::Pending>,
    quit_confirmed: bool,
    close_requested: bool,
}

impl DiagramApp {
    /// Opens `file`, or the default bundled sample when `None`. A load failure is shown in
    /// the window instead of ending the program.
    pub fn open(file: Option<PathBuf>) -> Self {
        let opened = file.clone();
        let (result, source) = match file {
            Some(path) => (io::load_for_editor(&path), path.display().to_string()),
            None => {
                let origin = format!("sample {DEFAULT_SAMPLE}");
                let result = match io::samples::by_name(DEFAULT_SAMPLE) {
                    Some(sample) => io::load_str(sample.text, std::path::Path::new(&origin)),
                    None => Ok(Diagram::new()),
                };
                (result, origin)
            }
        };
        let (diagram, error, path, source) = match result {
            Ok(diagram) => (diagram, None, opened, source),
            // Never save over a file that could not be read, nor name the empty diagram
            // after it.
            Err(err) => (
                Diagram::new(),
                Some(err.to_string()),
                None,
                "untitled".to_owned(),
            ),
        };
        if let Some(path) = &path {
            io::save::remove_stray_temps_of(path);
        }
        let mut doc = Document::new(diagram, source);
        doc.path = path;
        Self::with_document(doc, error)
    }

    /// An editor on `diagram` (tests start from an empty or built diagram).
    pub fn with_diagram(diagram: Diagram) -> Self {
        Self::with_document(Document::new(diagram, "untitled"), None)
    }

    fn with_document(doc: Document, error: Option<String>) -> Self {
        Self {
            doc,
            error,
            selection: Selection::default(),
            camera: camera::Camera::default(),
            tool: canvas::Tool::default(),
            snap: true,
            palette_query: String::new(),
            inspector: inspector::InspectorState::default(),
            clipboard: Fragment::default(),
            status: None,
            icons: icons::Icons::default(),
            queue: Vec::new(),
            scene: scene_cache::SceneCache::default(),
            folded: std::collections::BTreeSet::new(),
            findings_view: findings::FindingsView::default(),
            spotlight: None,
            what_if: what_if::WhatIf::default(),
            viewport: egui::Rect::from_min_size(egui::Pos2::ZERO, egui::vec2(800.0, 600.0)),
            shown_title: None,
            keys_were_typed: false,
            path_prompt: None,
            dialogs: Box::new(files::NativeDialogs),
            pending: None,
            autosave: autosave::Autosave::default(),
            help: None,
            learn_blocks: String::new(),
            prefs: preferences::Preferences::default(),
            notifications: notifications::Notifications::default(),
            quit_confirmed: false,
            close_requested: false,
        }
    }

    /// The diagram being edited.
    pub fn diagram(&self) -> &Diagram {
        &self.doc.diagram
    }

    /// Window title: diagram title and where it came from.
    pub fn window_title(&self) -> String {
        let title = &self.doc.diagram.info.title;
        let dirty = if self.doc.is_dirty() { "● " } else { "" };
        if title.is_empty() {
            format!("{dirty}{} — cloudsketch", self.doc.source)
        } else {
            format!("{dirty}{title} ({}) — cloudsketch", self.doc.source)
        }
    }

    /// Queues a command for the end of the frame.
    pub fn push(&mut self, command: AppCommand) {
        self.queue.push(command);
    }

    /// Applies the queued commands (after the UI pass).
    pub fn handle_queue(&mut self) {
        for command in std::mem::take(&mut self.queue) {
            self.handle(command);
        }
        self.selection.prune(&self.doc.diagram);
    }

    /// Applies one command now.
    pub fn handle(&mut self, command: AppCommand) {
        match command {
            AppCommand::Run(c) => self.run(c),
            AppCommand::Apply {
                label,
                edit,
                select,
            } => self.apply(label, edit, select),
            AppCommand::Nudge(dx, dy) => {
                let diagram = &self.doc.diagram;
                let ids = self.selection.movable_roots(diagram);
                // Arrow keys move within the box a component is in; leaving it (and so
                // changing where it runs) is a drag, which asks the model first.
                let leaving = ids.iter().filter_map(|id| diagram.component(id)).find(|c| {
                    let moved = crate::model::Rect::new(c.rect.min.offset(dx, dy), c.rect.size);
                    c.parent
                        .as_ref()
                        .and_then(|p| diagram.component(p))
                        .is_some_and(|p| !p.rect.contains_rect(&moved))
                });
                if let Some(c) = leaving {
                    let parent = c
                        .parent
                        .as_ref()
                        .and_then(|p| diagram.component(p))
                        .map_or("its box", crate::model::Component::display_name);
                    self.status = Some(format!(
                        "{} stays inside {parent}: drag it to move it into another box",
                        c.display_name()
                    ));
                } else if !ids.is_empty() {
                    let edit = self.doc.diagram.move_edit(&ids, dx, dy);
                    let label = edit.label();
                    self.apply(label, edit, None);
                }
            }
            AppCommand::Notify(message) => self.status = Some(message),
        }
    }

    fn apply(
        &mut self,
        label: String,
        edit: Edit,
        select: Option<(Vec<crate::model::ComponentId>, Vec<crate::model::LinkId>)>,
    ) {
        let added = added_components(&edit);
        match self.doc.apply(label, edit) {
            Ok(()) => {
                // What was added is shown: the view pans to it (a new component placed where
                // its box grew, off to the side), or, when it is too large to show at this
                // zoom (a Region at 100 %), fits everything.
                let bounds = added
                    .iter()
                    .filter_map(|id| self.doc.diagram.component(id))
                    .map(|c| c.rect)
                    .reduce(|a, b| a.union(&b));
                if let Some(bounds) = bounds
                    && !self.camera.reveal(&bounds, self.viewport)
                {
                    self.camera.fit_pending = true;
                }
                if let Some((components, links)) = select {
                    self.selection = Selection::of(components, links);
                }
                self.inspector.forget();
                // What the status bar said (a refusal, an undo, "restored") was about the
                // diagram before this edit: it is not news any more.
                self.status = None;
            }
            Err(err) => {
                let why = refusal::in_words(&err.to_string(), &self.doc.diagram);
                self.status = Some(format!("{NOT_CHANGED}{why}"));
            }
        }
    }

    /// Runs a menu or keyboard command.
    pub fn run(&mut self, command: Command) {
        let diagram = &self.doc.diagram;
        match command {
            Command::Undo => match self.doc.undo() {
                Some(Ok(label)) => self.status = Some(format!("{UNDID}{label}")),
                Some(Err(err)) => {
                    let why = refusal::in_words(&err.to_string(), &self.doc.diagram);
                    self.status = Some(format!("Cannot undo: {why}"));
                }
                None => {}
            },
            Command::Redo => match self.doc.redo() {
                Some(Ok(label)) => self.status = Some(format!("{REDID}{label}")),
                Some(Err(err)) => {
                    let why = refusal::in_words(&err.to_string(), &self.doc.diagram);
                    self.status = Some(format!("Cannot redo: {why}"));
                }
                None => {}
            },
            Command::Copy => {
                self.clipboard = diagram.copy_fragment(&self.selection.component_ids());
            }
            Command::Cut => {
                self.clipboard = diagram.copy_fragment(&self.selection.component_ids());
                self.delete_selection("Cut");
            }
            Command::Paste => self.paste(GRID * 2.0),
            Command::Duplicate => {
                self.clipboard = diagram.copy_fragment(&self.selection.component_ids());
                self.paste(GRID * 2.0);
            }
            Command::Delete => self.delete_selection("Delete"),
            Command::SelectAll => self.selection = Selection::all(diagram),
            Command::SelectNone => {
                self.selection.clear();
                self.tool = canvas::Tool::Idle;
            }
            Command::Rename => {
                if let Some(id) = self.selection.single_component() {
                    let label = diagram
                        .component(&id)
                        .map(|c| c.props.label.clone())
                        .unwrap_or_default();
                    self.tool = canvas::Tool::Renaming { id, text: label };
                }
            }
            Command::FitView => self.camera.fit_pending = true,
            Command::ZoomIn => self.camera.zoom_around(self.viewport.center(), 1.25),
            Command::ZoomOut => self.camera.zoom_around(self.viewport.center(), 0.8),
            Command::ZoomReset => {
                let factor = 1.0 / self.camera.zoom();
                self.camera.zoom_around(self.viewport.center(), factor);
            }
            Command::ToggleSnap => self.snap = !self.snap,
            Command::New => self.request(files::Pending::New),
            Command::Open => self.request(files::Pending::Open(None)),
            Command::Quit => self.request(files::Pending::Quit),
            Command::Save => {
                self.save(false);
            }
            Command::SaveAs => {
                self.save(true);
            }
            Command::AlignLeft
            | Command::AlignTop
            | Command::AlignCenterHorizontally
            | Command::AlignCenterVertically
            | Command::DistributeHorizontally
            | Command::DistributeVertically => {
                if let Some(edit) = selection::arrange(diagram, &self.selection, command) {
                    self.apply(command.label().to_owned(), edit, None);
                }
            }
            Command::TidyLayout => {
                let layout = crate::model::layout::tidy(diagram);
                if layout.is_applied(diagram) {
                    self.status = Some("The layout is already tidy".to_owned());
                } else {
                    let edit = layout.to_edit(diagram);
                    self.apply(crate::model::layout::LABEL.to_owned(), edit, None);
                    self.camera.fit_pending = true;
                }
            }
        }
    }

    fn delete_selection(&mut self, label: &str) {
        if self.selection.is_empty() {
            return;
        }
        let edit = self
            .doc
            .diagram
            .delete_edit(&self.selection.component_ids(), &self.selection.link_ids());
        let what = self.selection.describe();
        self.apply(
            format!("{label} {what}"),
            edit,
            Some((Vec::new(), Vec::new())),
        );
    }

    fn paste(&mut self, offset: f32) {
        if self.clipboard.is_empty() {
            return;
        }
        let (edit, roots) = self.doc.diagram.paste_edit(&self.clipboard, offset, offset);
        let n = self.clipboard.components.len();
        let label = if n == 1 {
            "Paste 1 component".to_owned()
        } else {
            format!("Paste {n} components")
        };
        self.apply(label, edit, Some((roots, Vec::new())));
        // The next paste lands a step further, not on top of this one.
        for c in &mut self.clipboard.components {
            c.rect.min = c.rect.min.offset(offset, offset);
        }
    }

    /// Draws the whole window into `ui` and applies what the user did.
    pub fn ui(&mut self, ui: &mut egui::Ui) {
        // Ctrl/Cmd with plus, minus and 0 zoom the diagram (see `Command::shortcuts`), not
        // the whole interface as egui does by default.
        if ui.ctx().options(|o| o.zoom_with_keyboard) {
            ui.ctx().options_mut(|o| o.zoom_with_keyboard = false);
        }
        self.doc.refresh_lint(ui.ctx());
        self.scene.refresh(&self.doc);
        // A picked finding's highlight belongs to the revision it was picked on; the what-if
        // window recomputes its own.
        if !self.what_if.open
            && self
                .spotlight
                .as_ref()
                .is_some_and(|s| s.revision != self.doc.diagram.revision())
        {
            self.spotlight = None;
        }
        menu::menu_bar(self, ui);
        menu::status_bar(self, ui);
        findings::panel(self, ui);
        palette::panel(self, ui);
        inspector::panel(self, ui);
        egui::CentralPanel::no_frame().show(ui, |ui| canvas::canvas(self, ui));
        menu::help_window(self, ui.ctx());
        what_if::window(self, ui.ctx());
        let corner = self.viewport.right_bottom() - egui::vec2(12.0, 12.0);
        self.notifications.show(ui.ctx(), corner);
        self.unsaved_prompt(ui);
        self.recovery_prompt(ui);
        path_prompt::window(self, ui);
        if self.pending.is_none()
            && self.autosave.offer.is_none()
            && self.path_prompt.is_none()
            && !self.keys_were_typed
        {
            menu::shortcuts(self, ui.ctx());
        }
        self.keys_were_typed = ui.ctx().egui_wants_keyboard_input();
        self.platform_events(ui.ctx());
        self.handle_queue();
        let now = ui.input(|i| i.time);
        let away = ui.input(|i| {
            let viewport = i.viewport();
            viewport.focused == Some(false) || viewport.minimized == Some(true)
        });
        if away {
            self.autosave.flush(&self.doc, now);
        } else if let Some(wait) = self.autosave.tick(&self.doc, now) {
            #[allow(clippy::cast_possible_truncation)]
            ui.ctx().request_repaint_after_secs(wait as f32);
        }
        let title = self.window_title();
        if self.shown_title.as_ref() != Some(&title) {
            // Sending a viewport command asks for another frame, so only on change.
            ui.ctx()
                .send_viewport_cmd(egui::ViewportCommand::Title(title.clone()));
            self.shown_title = Some(title);
        }
    }
}

impl DiagramApp {
    /// Takes on remembered preferences (at start).
    pub fn set_preferences(&mut self, prefs: preferences::Preferences) {
        self.snap = prefs.snap;
        self.icons.set_folder(prefs.icon_folder.clone());
        self.prefs = prefs;
        // The file given on the command line counts as opened.
        if let Some(path) = self.doc.path.clone() {
            self.prefs.remember(&path);
        }
    }

    /// The preferences as they are now, for storage.
    pub fn preferences(&self) -> preferences::Preferences {
        preferences::Preferences {
            snap: self.snap,
            icon_folder: self.icons.folder.clone(),
            ..self.prefs.clone()
        }
    }
}

impl eframe::App for DiagramApp {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        DiagramApp::ui(self, ui);
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        eframe::set_value(storage, preferences::STORAGE_KEY, &self.preferences());
    }
}

/// Opens the editor window and runs until it is closed. With `startup_report` (the time
/// the process started), prints start-up time and peak memory once settled, and quits.
pub fn run_native(
    file: Option<PathBuf>,
    startup_report: Option<std::time::Instant>,
) -> anyhow::Result<()> {
    let mut app = DiagramApp::open(file);
    if let Some(dir) = eframe::storage_dir("cloudsketch") {
        app.autosave = autosave::Autosave::in_dir(dir);
    }
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_title(app.window_title())
            .with_inner_size([1400.0, 900.0])
            .with_min_inner_size([640.0, 400.0]),
        ..Default::default()
    };
    eframe::run_native(
        "cloudsketch",
        options,
        Box::new(|cc| {
            // On a first run there is nothing stored: the defaults, which still count the
            // file given on the command line as opened.
            let prefs = cc
                .storage
                .and_then(|s| eframe::get_value(s, preferences::STORAGE_KEY))
                .unwrap_or_default();
            app.set_preferences(prefs);
            app.prefs.apply(&cc.egui_ctx);
            Ok(match startup_report {
                Some(started) => Box::new(startup_report::StartupReport::new(app, started)),
                None => Box::new(app),
            })
        }),
    )
    .map_err(|err| anyhow::anyhow!("cannot open the window: {err}"))
}

/// Ids of the components `edit` adds, inside batches too.
fn added_components(edit: &Edit) -> Vec<crate::model::ComponentId> {
    match edit {
        Edit::AddComponent(c) => vec![c.id.clone()],
        Edit::Batch(edits) => edits.iter().flat_map(added_components).collect(),
        _ => Vec::new(),
    }
}
