//! Autosave and crash recovery: unsaved work is written atomically to the platform's data
//! folder at most [`DELAY_SECS`] after the first edit it does not hold yet, so every edit
//! made 2 s before a crash or kill is on disk even while the user keeps editing; the next
//! start offers it back. A clean save or an explicit discard removes the recovery file.

use std::path::{Path, PathBuf};

use super::DiagramApp;
use super::document::Document;
use crate::io;
use crate::model::Diagram;

/// Longest an edit waits before it is written: edits within this span share one write
/// (a drag makes many), and the write is not postponed by further edits.
pub const DELAY_SECS: f64 = 1.0;

/// Name of the recovery file in the data folder.
const FILE: &str = "autosave.ron";

/// Name of the file remembering which file the recovered work belongs to.
const ORIGIN: &str = "autosave-origin.txt";

/// Autosave state.
#[derive(Default)]
pub struct Autosave {
    /// Data folder (`None`: autosave off, as in tests that do not ask for it).
    pub dir: Option<PathBuf>,
    /// Longest an edit waits before it is written, in seconds.
    pub delay: f64,
    /// When the oldest edit not yet written was first seen.
    pending_since: Option<f64>,
    written: Option<u64>,
    /// Work found at start, offered back until the user answers.
    pub offer: Option<Recovered>,
}

/// Unsaved work from an earlier run.
pub struct Recovered {
    /// The diagram as it was.
    pub diagram: Diagram,
    /// The file it had been opened from, if any.
    pub origin: Option<PathBuf>,
}

impl Autosave {
    /// Autosave into `dir`; offers what an earlier run left there.
    pub fn in_dir(dir: PathBuf) -> Self {
        let offer = io::load_path(&dir.join(FILE))
            .ok()
            .map(|diagram| Recovered {
                diagram,
                origin: std::fs::read_to_string(dir.join(ORIGIN))
                    .ok()
                    .map(|s| PathBuf::from(s.trim_end()))
                    .filter(|p| !p.as_os_str().is_empty()),
            });
        remove_stray_temp_files(&dir);
        Self {
            dir: Some(dir),
            delay: DELAY_SECS,
            offer,
            ..Self::default()
        }
    }

    /// Path of the recovery file, when autosave is on.
    pub fn file(&self) -> Option<PathBuf> {
        self.dir.as_ref().map(|d| d.join(FILE))
    }

    /// Called every frame: writes unsaved work once its oldest unwritten edit is `delay`
    /// seconds old, removes the recovery file once the work is saved; returns how long
    /// until it needs to look again.
    pub fn tick(&mut self, doc: &Document, now: f64) -> Option<f64> {
        let dir = self.dir.clone()?;
        let revision = doc.diagram.revision();
        if !doc.is_dirty() {
            if self.written.take().is_some() {
                self.discard();
            }
            self.pending_since = None;
            return None;
        }
        if self.written == Some(revision) {
            self.pending_since = None;
            return None;
        }
        let since = *self.pending_since.get_or_insert(now);
        let waited = now - since;
        if waited < self.delay {
            return Some(self.delay - waited);
        }
        if std::fs::create_dir_all(&dir).is_ok()
            && io::save_path(&doc.diagram, &dir.join(FILE)).is_ok()
        {
            let origin = doc
                .path
                .as_ref()
                .map(|p| p.display().to_string())
                .unwrap_or_default();
            // Best effort: without it the work is still recovered, only not its file name.
            io::save::write_atomically(&dir.join(ORIGIN), origin.as_bytes()).ok();
            self.written = Some(revision);
            self.pending_since = None;
            None
        } else {
            // The folder cannot be written now (full disk, removed): try again later.
            self.pending_since = Some(now);
            Some(self.delay)
        }
    }

    /// Takes over the recovery file of an earlier run (its work was restored): it goes
    /// away with the next clean save like one written by this run.
    pub fn adopt(&mut self) {
        self.written = Some(u64::MAX);
    }

    /// Removes the recovery file (after a clean save, or when the user discards it).
    pub fn discard(&mut self) {
        if let Some(dir) = &self.dir {
            // Already gone is fine.
            let _ = std::fs::remove_file(dir.join(FILE));
            let _ = std::fs::remove_file(dir.join(ORIGIN));
        }
        self.written = None;
    }
}

/// Deletes temporary files an interrupted save left in `dir`; nothing else is touched.
pub fn remove_stray_temp_files(dir: &Path) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let name = name.to_string_lossy();
        if name.starts_with('.') && name.ends_with(io::save::TEMP_SUFFIX) {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

impl DiagramApp {
    /// The "Restore unsaved work?" question at start.
    pub fn recovery_prompt(&mut self, ui: &mut egui::Ui) {
        let Some(offer) = &self.autosave.offer else {
            return;
        };
        let from = offer.origin.as_ref().map_or_else(
            || "a diagram that was never saved".to_owned(),
            |p| p.display().to_string(),
        );
        let mut choice = None;
        egui::Modal::new(ui.make_persistent_id("recovery")).show(ui.ctx(), |ui| {
            ui.heading("Restore unsaved work?");
            ui.label(format!(
                "cloudsketch closed before changes to {from} were saved ({} components).",
                offer.diagram.component_count()
            ));
            ui.horizontal(|ui| {
                if ui.button("Restore").clicked() {
                    choice = Some(true);
                }
                if ui.button("Discard").clicked() {
                    choice = Some(false);
                }
            });
        });
        match choice {
            Some(true) => {
                if let Some(offer) = self.autosave.offer.take() {
                    let source = offer
                        .origin
                        .as_ref()
                        .map_or_else(|| "recovered work".to_owned(), |p| p.display().to_string());
                    let mut doc = Document::new(offer.diagram, source);
                    doc.path = offer.origin;
                    doc.mark_unsaved();
                    self.doc = doc;
                    self.autosave.adopt();
                    self.selection.clear();
                    self.camera.fit_pending = true;
                    self.status = Some("Restored unsaved work; save it to keep it".to_owned());
                }
            }
            Some(false) => {
                self.autosave.offer = None;
                self.autosave.discard();
            }
            None => {}
        }
    }
}
