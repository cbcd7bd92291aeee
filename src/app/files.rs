//! Files: New, Open, Open sample, dropped files, Save, Save as, Quit, and the
//! Save / Don't save / Cancel question before unsaved work would be thrown away.
//! Native dialogs sit behind [`Dialogs`] so tests can answer them.

use std::path::{Path, PathBuf};

use super::DiagramApp;
use super::document::Document;
use super::path_prompt::{PathPrompt, Purpose};
use crate::io;
use crate::model::Diagram;

/// The file pickers the app needs.
pub trait Dialogs {
    /// Whether these dialogs can be shown here; when not, the app asks for a typed path
    /// in its own window instead (module `path_prompt`).
    fn available(&self) -> bool {
        true
    }
    /// A diagram file to open, starting in `folder`; `None` when the user cancels.
    fn pick_open(&mut self, folder: &Path) -> Option<PathBuf>;
    /// Where to save, suggesting `suggested` (folder and name); `None` when the user cancels.
    fn pick_save(&mut self, suggested: &Path) -> Option<PathBuf>;
    /// A folder (of icons); `None` when the user cancels or nothing can ask.
    fn pick_folder(&mut self) -> Option<PathBuf> {
        None
    }
    /// Templates to import (CloudFormation or Terraform JSON, one or more), starting in
    /// `folder`; empty when the user cancels or nothing can ask.
    fn pick_import(&mut self, folder: &Path) -> Vec<PathBuf> {
        let _ = folder;
        Vec::new()
    }
    /// Where to write a picture, suggesting `suggested`, of type `extension` (`svg`, `png`).
    fn pick_export(&mut self, suggested: &Path, extension: &str) -> Option<PathBuf> {
        let _ = (suggested, extension);
        None
    }
}

/// The platform's dialogs (rfd), filtered to cloudsketch files.
pub struct NativeDialogs;

/// A save dialog starting in `suggested`'s folder with its file name.
fn save_dialog(suggested: &Path) -> rfd::FileDialog {
    let mut dialog = rfd::FileDialog::new();
    if let Some(folder) = suggested.parent().filter(|f| f.is_dir()) {
        dialog = dialog.set_directory(folder);
    }
    if let Some(name) = suggested.file_name() {
        dialog = dialog.set_file_name(name.to_string_lossy());
    }
    dialog
}

impl Dialogs for NativeDialogs {
    fn available(&self) -> bool {
        native_dialogs_available()
    }

    fn pick_open(&mut self, folder: &Path) -> Option<PathBuf> {
        rfd::FileDialog::new()
            .set_directory(folder)
            .add_filter("cloudsketch diagram", &["ron"])
            .pick_file()
    }

    fn pick_save(&mut self, suggested: &Path) -> Option<PathBuf> {
        save_dialog(suggested)
            .add_filter("cloudsketch diagram", &["ron"])
            .save_file()
    }

    fn pick_folder(&mut self) -> Option<PathBuf> {
        rfd::FileDialog::new().pick_folder()
    }

    fn pick_import(&mut self, folder: &Path) -> Vec<PathBuf> {
        rfd::FileDialog::new()
            .set_directory(folder)
            .add_filter(
                "CloudFormation template or Terraform JSON",
                &["yaml", "yml", "json", "template"],
            )
            .pick_files()
            .unwrap_or_default()
    }

    fn pick_export(&mut self, suggested: &Path, extension: &str) -> Option<PathBuf> {
        save_dialog(suggested)
            .add_filter(extension.to_uppercase(), &[extension])
            .save_file()
    }
}

/// Whether rfd can show a dialog: always on Windows and macOS; on other Unixes it needs an
/// XDG desktop portal with a file chooser, or zenity (its fallback). Without either it
/// returns at once as if the user had cancelled. Looked up once.
fn native_dialogs_available() -> bool {
    #[cfg(all(unix, not(target_os = "macos")))]
    {
        static AVAILABLE: std::sync::OnceLock<bool> = std::sync::OnceLock::new();
        *AVAILABLE.get_or_init(|| on_path("zenity") || file_chooser_portal())
    }
    #[cfg(not(all(unix, not(target_os = "macos"))))]
    {
        true
    }
}

#[cfg(all(unix, not(target_os = "macos")))]
fn on_path(program: &str) -> bool {
    std::env::var_os("PATH")
        .is_some_and(|path| std::env::split_paths(&path).any(|dir| dir.join(program).is_file()))
}

/// A session bus, the portal service, and a portal backend that offers a file chooser.
#[cfg(all(unix, not(target_os = "macos")))]
fn file_chooser_portal() -> bool {
    if std::env::var_os("DBUS_SESSION_BUS_ADDRESS").is_none() {
        return false;
    }
    let data_dirs: Vec<PathBuf> = std::env::var_os("XDG_DATA_DIRS")
        .filter(|dirs| !dirs.is_empty())
        .map_or_else(
            || {
                vec![
                    PathBuf::from("/usr/local/share"),
                    PathBuf::from("/usr/share"),
                ]
            },
            |dirs| std::env::split_paths(&dirs).collect(),
        );
    let service = data_dirs.iter().any(|dir| {
        dir.join("dbus-1/services/org.freedesktop.portal.Desktop.service")
            .is_file()
    });
    let chooser = data_dirs.iter().any(|dir| {
        std::fs::read_dir(dir.join("xdg-desktop-portal/portals"))
            .into_iter()
            .flatten()
            .flatten()
            .any(|entry| {
                std::fs::read_to_string(entry.path())
                    .is_ok_and(|text| text.contains("org.freedesktop.impl.portal.FileChooser"))
            })
    });
    service && chooser
}

/// What to do once unsaved changes are dealt with.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Pending {
    /// Start an empty diagram.
    New,
    /// Open a file (`None`: ask which).
    Open(Option<PathBuf>),
    /// Open a bundled sample.
    OpenSample(&'static str),
    /// Open one of a rule's example diagrams (rule id, file name).
    OpenExample(&'static str, &'static str),
    /// Import templates as a new, unsaved diagram (`None`: ask which).
    Import(Option<Vec<PathBuf>>),
    /// Close the window.
    Quit,
}

impl DiagramApp {
    /// Does `action` now, or first asks what to do with unsaved changes.
    pub fn request(&mut self, action: Pending) {
        if self.doc.is_dirty() {
            self.pending = Some(action);
        } else {
            self.perform(action);
        }
    }

    /// Does `action`, dropping unsaved changes.
    pub(super) fn perform(&mut self, action: Pending) {
        match action {
            Pending::New => self.replace(Document::new(Diagram::new(), "untitled"), None),
            Pending::Open(None) if !self.dialogs.available() => {
                let folder = self.suggested_path("ron").with_file_name("");
                self.path_prompt = Some(PathPrompt::new(Purpose::Open, &folder));
            }
            Pending::Open(path) => {
                let folder = self.suggested_path("ron").with_file_name("");
                if let Some(path) = path.or_else(|| self.dialogs.pick_open(&folder)) {
                    self.open_path(&path);
                }
            }
            Pending::OpenSample(name) => {
                if let Some(sample) = io::samples::by_name(name) {
                    let origin = format!("sample {name}");
                    match io::load_str(sample.text, Path::new(&origin)) {
                        Ok(diagram) => self.replace(Document::new(diagram, origin), None),
                        Err(err) => self.notifications.error(err.to_string()),
                    }
                }
            }
            Pending::OpenExample(rule_id, file) => {
                if let Some(example) = crate::rules::examples::find(rule_id, Some(file)) {
                    let origin = format!("example {rule_id} {file}");
                    match io::load_str(example.text, Path::new(&origin)) {
                        Ok(diagram) => {
                            self.replace(Document::new(diagram, origin), None);
                            // A fail example shows its rule's finding picked.
                            if example.flagged() {
                                self.findings_view.pick_on_open = Some(example.rule_id);
                            }
                        }
                        Err(err) => self.notifications.error(err.to_string()),
                    }
                }
            }
            Pending::Import(None) if !self.dialogs.available() => {
                let folder = self.suggested_path("ron").with_file_name("");
                self.path_prompt = Some(PathPrompt::new(Purpose::Import, &folder));
            }
            Pending::Import(paths) => {
                let folder = self.suggested_path("ron").with_file_name("");
                let paths = paths.unwrap_or_else(|| self.dialogs.pick_import(&folder));
                if !paths.is_empty() {
                    self.import_paths(&paths);
                }
            }
            Pending::Quit => {
                // Leaving without saving on purpose: nothing to recover next time.
                self.autosave.discard();
                self.quit_confirmed = true;
                self.close_requested = true;
            }
        }
    }

    /// Opens `path`; on failure the open diagram stays and the reason is shown.
    pub fn open_path(&mut self, path: &Path) {
        match io::load_for_editor(path) {
            Ok(diagram) => {
                let mut doc = Document::new(diagram, path.display().to_string());
                doc.path = Some(path.to_path_buf());
                self.replace(doc, None);
                self.prefs.remember(path);
                io::save::remove_stray_temps_of(path);
                self.notifications
                    .info(format!("Opened {}", path.display()));
            }
            Err(err) => self.notifications.error(format!(
                "Could not open {}; the open diagram is unchanged.\n{err}",
                path.display()
            )),
        }
    }

    /// Imports templates as a new document that is not saved anywhere yet (so closing it
    /// asks first); warnings are listed in a notification. A failed import changes nothing
    /// and says why.
    pub fn import_paths(&mut self, paths: &[PathBuf]) {
        let names: Vec<String> = paths
            .iter()
            .map(|p| {
                p.file_name().map_or_else(
                    || p.display().to_string(),
                    |n| n.to_string_lossy().into_owned(),
                )
            })
            .collect();
        // A named pipe would freeze the window waiting for a writer: refused first.
        let imported = paths
            .iter()
            .try_for_each(|path| {
                io::load::refuse_special_file(path).map_err(|source| io::import::ImportError::Io {
                    path: path.clone(),
                    source,
                })
            })
            .and_then(|()| io::import::import_paths(paths));
        match imported {
            Ok(imported) => {
                let mut doc = Document::new(
                    imported.diagram.clone(),
                    format!("imported from {}", names.join(", ")),
                );
                doc.mark_unsaved();
                self.replace(doc, None);
                self.notifications.info(format!(
                    "Imported {}: {}",
                    names.join(", "),
                    imported.summary()
                ));
                if !imported.warnings.is_empty() {
                    const SHOWN: usize = 8;
                    let mut text = format!(
                        "{} warning(s) while importing {}:",
                        imported.warnings.len(),
                        names.join(", ")
                    );
                    for warning in imported.warnings.iter().take(SHOWN) {
                        text.push('\n');
                        text.push_str(&warning.to_string());
                    }
                    if imported.warnings.len() > SHOWN {
                        text.push_str(&format!(
                            "\n… and {} more; `cloudsketch import` lists them all",
                            imported.warnings.len() - SHOWN
                        ));
                    }
                    self.notifications.warning(text);
                }
            }
            Err(err) => self.notifications.error(format!(
                "Could not import {}; the open diagram is unchanged.\n{err}",
                names.join(", ")
            )),
        }
    }

    fn replace(&mut self, doc: Document, error: Option<String>) {
        self.doc = doc;
        self.error = error;
        self.selection.clear();
        self.tool = super::canvas::Tool::Idle;
        self.inspector.forget();
        self.findings_view.forget_diagram();
        self.camera.fit_pending = true;
        // What was said, lit and cached was about the diagram that is gone (a new one can
        // have the same revision number, so the cache would think itself up to date).
        self.status = None;
        self.spotlight = None;
        self.scene = super::scene_cache::SceneCache::default();
    }

    /// Saves to the document's file, asking for one if it has none (or if `ask`).
    /// Returns whether the diagram is now saved.
    pub fn save(&mut self, ask: bool) -> bool {
        self.save_then(ask, None)
    }

    /// Like [`Self::save`]; where no dialog can ask for the path, opens the typed-path
    /// prompt, which does `then` once it has saved (and this returns `false`).
    fn save_then(&mut self, ask: bool, then: Option<Pending>) -> bool {
        let path = match (&self.doc.path, ask) {
            (Some(path), false) => path.clone(),
            _ => {
                let suggested = self.suggested_path("ron");
                if !self.dialogs.available() {
                    self.path_prompt = Some(PathPrompt::new(Purpose::Save { then }, &suggested));
                    return false;
                }
                match self.dialogs.pick_save(&suggested) {
                    Some(path) => path,
                    None => return false,
                }
            }
        };
        self.save_to(&path)
    }

    /// Saves to `path` and makes it the document's file; says how it went.
    pub(super) fn save_to(&mut self, path: &Path) -> bool {
        match self.doc.save_to(path) {
            Ok(()) => {
                self.prefs.remember(path);
                self.notifications.info(format!("Saved {}", path.display()));
                true
            }
            Err(err) => {
                self.notifications.error(format!(
                    "Not saved: the file on disk is unchanged and your changes are still open.\n{err}"
                ));
                false
            }
        }
    }

    /// Where to suggest saving with `extension`: beside the document's file with its name,
    /// else in the working folder, named after the diagram's title (`diagram` without one).
    pub fn suggested_path(&self, extension: &str) -> PathBuf {
        if let Some(path) = &self.doc.path {
            // Absolute: a file opened as `samples/x.ron` must not send the dialog to a
            // folder named after the working one.
            let path = std::path::absolute(path).unwrap_or_else(|_| path.clone());
            return path.with_extension(extension);
        }
        let slug: String = self
            .doc
            .diagram
            .info
            .title
            .chars()
            .map(|c| {
                if c.is_alphanumeric() {
                    c.to_ascii_lowercase()
                } else {
                    '-'
                }
            })
            .collect();
        let slug = slug
            .split('-')
            .filter(|s| !s.is_empty())
            .collect::<Vec<_>>()
            .join("-");
        let stem = if slug.is_empty() {
            "diagram"
        } else {
            slug.as_str()
        };
        let folder = std::env::current_dir().unwrap_or_default();
        folder.join(format!("{stem}.{extension}"))
    }

    /// Writes a picture of the diagram (with its current findings) where the user says.
    pub fn export(&mut self, format: crate::export::Format) {
        let extension = format.extension();
        let suggested = self.suggested_path(extension);
        if !self.dialogs.available() {
            self.path_prompt = Some(PathPrompt::new(Purpose::Export(format), &suggested));
            return;
        }
        if let Some(path) = self.dialogs.pick_export(&suggested, extension) {
            self.export_to(format, &path);
        }
    }

    /// Writes a picture of the diagram (with its current findings) to `path`.
    pub(super) fn export_to(&mut self, format: crate::export::Format, path: &Path) {
        use crate::export::{ExportOptions, Format};
        let report = self.doc.linted().map(|l| &l.report);
        let options = ExportOptions::default();
        let bytes = match format {
            Format::Svg => {
                Ok(crate::export::to_svg(&self.doc.diagram, report, &options).into_bytes())
            }
            Format::Png => crate::export::to_png(&self.doc.diagram, report, &options)
                .map_err(|e| e.to_string()),
        };
        let written = bytes
            .and_then(|bytes| io::save::write_atomically(path, &bytes).map_err(|e| e.to_string()));
        match written {
            Ok(()) => self
                .notifications
                .info(format!("Exported {}", path.display())),
            Err(err) => self
                .notifications
                .error(format!("Could not export {}: {err}", path.display())),
        }
    }

    /// The Save / Don't save / Cancel question, while an action waits for it.
    pub fn unsaved_prompt(&mut self, ui: &mut egui::Ui) {
        let Some(action) = self.pending.clone() else {
            return;
        };
        let name = self
            .doc
            .path
            .as_ref()
            .and_then(|p| p.file_name())
            .map_or_else(
                || "this diagram".to_owned(),
                |n| n.to_string_lossy().into_owned(),
            );
        let mut choice = None;
        egui::Modal::new(ui.make_persistent_id("unsaved")).show(ui.ctx(), |ui| {
            ui.heading(format!("Save changes to {name}?"));
            ui.label("Your changes will be lost if you don't save them.");
            ui.horizontal(|ui| {
                if ui.button("Save").clicked() {
                    choice = Some(Choice::Save);
                }
                if ui.button("Don't save").clicked() {
                    choice = Some(Choice::Discard);
                }
                if ui.button("Cancel").clicked() {
                    choice = Some(Choice::Cancel);
                }
            });
        });
        match choice {
            Some(Choice::Save) => {
                self.pending = None;
                if self.save_then(false, Some(action.clone())) {
                    self.perform(action);
                }
            }
            Some(Choice::Discard) => {
                self.pending = None;
                self.perform(action);
            }
            Some(Choice::Cancel) => self.pending = None,
            None => {}
        }
    }

    /// Window close and dropped files, from the platform.
    pub fn platform_events(&mut self, ctx: &egui::Context) {
        if ctx.input(|i| i.viewport().close_requested()) && !self.quit_confirmed {
            if self.doc.is_dirty() {
                ctx.send_viewport_cmd(egui::ViewportCommand::CancelClose);
                self.pending = Some(Pending::Quit);
            } else {
                self.quit_confirmed = true;
            }
        }
        if self.close_requested {
            self.close_requested = false;
            ctx.send_viewport_cmd(egui::ViewportCommand::Close);
        }
        let dropped: Vec<PathBuf> = ctx.input(|i| {
            i.raw
                .dropped_files
                .iter()
                .map(|f| f.path().to_path_buf())
                .collect()
        });
        self.open_dropped(dropped);
    }

    /// Dropped templates are imported together (so references between stacks resolve);
    /// a dropped diagram is opened. Only one diagram can be open: with several, or with
    /// templates beside it, the first diagram opens and a notification says what was left.
    fn open_dropped(&mut self, dropped: Vec<PathBuf>) {
        if dropped.is_empty() {
            return;
        }
        let (templates, diagrams): (Vec<PathBuf>, Vec<PathBuf>) = dropped
            .into_iter()
            .partition(|p| io::import::has_template_extension(p));
        let Some(first) = diagrams.first().cloned() else {
            self.request(Pending::Import(Some(templates)));
            return;
        };
        let left = diagrams.len() - 1 + templates.len();
        if left > 0 {
            self.notifications.info(format!(
                "Opening {} only; {left} other dropped file(s) left alone. Drop one diagram to open it, or templates alone to import them together",
                first.display()
            ));
        }
        self.request(Pending::Open(Some(first)));
    }
}

enum Choice {
    Save,
    Discard,
    Cancel,
}
