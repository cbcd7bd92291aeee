//! Autosave and crash recovery: unsaved work is written atomically to the platform's data
//! folder at most [`DELAY_SECS`] after the first edit it does not hold yet, so every edit
//! made 2 s before a crash or kill is on disk even while the user keeps editing; the next
//! start offers it back. A clean save or an explicit discard removes the recovery file.
//!
//! Each editor window has its own recovery file (`autosave-<pid>-<time>.ron`, with the path
//! of the file the work came from beside it in `.origin`) and holds a lock on a matching
//! `.lock` file while it runs. A starting window offers back only work whose window is gone
//! (its lock is free), so two open windows never take or delete each other's work.

use std::fs::File;
use std::path::{Path, PathBuf};

use super::DiagramApp;
use super::document::Document;
use crate::io;
use crate::model::Diagram;

/// Longest an edit waits before it is written: edits within this span share one write
/// (a drag makes many), and the write is not postponed by further edits.
pub const DELAY_SECS: f64 = 1.0;

/// Start of every window's recovery file names.
const PREFIX: &str = "autosave-";

/// The single recovery file of versions before per-window files, still offered back.
const LEGACY: &str = "autosave.ron";

/// Where [`LEGACY`] kept the path of the file its work came from.
const LEGACY_ORIGIN: &str = "autosave-origin.txt";

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
    /// This window's file names without extension (`autosave-<pid>-<time>`).
    slot: String,
    /// Held while the window runs: tells other windows its recovery file is not orphaned.
    lock: Option<File>,
    /// Work found at start, offered back until the user answers.
    pub offer: Option<Recovered>,
    /// More orphaned work, offered after the current offer is discarded.
    more: Vec<Recovered>,
}

/// Unsaved work from an earlier run.
pub struct Recovered {
    /// The diagram as it was.
    pub diagram: Diagram,
    /// The file it had been opened from, if any.
    pub origin: Option<PathBuf>,
    /// The recovery file and the file naming its origin.
    files: [PathBuf; 2],
    /// The dead window's lock file, locked by this window while the work is offered so
    /// that a window starting meanwhile does not offer it too.
    lock: Option<(File, PathBuf)>,
}

impl Recovered {
    /// Removes its files (the user discarded the work).
    fn remove(self) {
        for file in &self.files {
            // Already gone is fine.
            let _ = std::fs::remove_file(file);
        }
        self.release();
    }

    /// Lets go of the dead window's lock file.
    fn release(self) {
        if let Some((file, path)) = self.lock {
            drop(file);
            let _ = std::fs::remove_file(path);
        }
    }
}

impl Autosave {
    /// Autosave into `dir`; offers what earlier runs left there and no running window owns.
    pub fn in_dir(dir: PathBuf) -> Self {
        let started = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_nanos());
        let slot = format!("{PREFIX}{}-{started}", std::process::id());
        // Best effort: without the folder (or locks) autosave still writes later, only
        // without protection from a second window.
        let _ = std::fs::create_dir_all(&dir);
        let lock = File::create(dir.join(format!("{slot}.lock")))
            .ok()
            .filter(|file| file.try_lock().is_ok());
        let mut found = orphans(&dir, &slot);
        remove_stray_temp_files(&dir);
        let offer = found.pop();
        Self {
            dir: Some(dir),
            delay: DELAY_SECS,
            slot,
            lock,
            offer,
            more: found,
            ..Self::default()
        }
    }

    /// Path of this window's recovery file, when autosave is on.
    pub fn file(&self) -> Option<PathBuf> {
        self.dir
            .as_ref()
            .map(|d| d.join(format!("{}.ron", self.slot)))
    }

    fn origin_file(&self) -> Option<PathBuf> {
        self.dir
            .as_ref()
            .map(|d| d.join(format!("{}.origin", self.slot)))
    }

    /// Called every frame: writes unsaved work once its oldest unwritten edit is `delay`
    /// seconds old, removes the recovery file once the work is saved; returns how long
    /// until it needs to look again.
    pub fn tick(&mut self, doc: &Document, now: f64) -> Option<f64> {
        self.step(doc, now, false)
    }

    /// Writes unsaved work now, without waiting for the quiet delay: the window is losing
    /// the user (focus moved elsewhere, or minimised), and a window out of sight may not be
    /// drawn, so the delayed write could wait until it is shown again.
    pub fn flush(&mut self, doc: &Document, now: f64) {
        self.step(doc, now, true);
    }

    fn step(&mut self, doc: &Document, now: f64, at_once: bool) -> Option<f64> {
        let dir = self.dir.clone()?;
        let (file, origin_file) = (self.file()?, self.origin_file()?);
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
        if waited < self.delay && !at_once {
            return Some(self.delay - waited);
        }
        if std::fs::create_dir_all(&dir).is_ok() && io::save_path(&doc.diagram, &file).is_ok() {
            let origin = doc
                .path
                .as_ref()
                .map(|p| p.display().to_string())
                .unwrap_or_default();
            // Best effort: without it the work is still recovered, only not its file name.
            io::save::write_atomically(&origin_file, origin.as_bytes()).ok();
            self.written = Some(revision);
            self.pending_since = None;
            None
        } else {
            // The folder cannot be written now (full disk, removed): try again later.
            self.pending_since = Some(now);
            Some(self.delay)
        }
    }

    /// Takes over the files of work that was restored (moves them to this window's
    /// names): they go away with the next clean save like ones written by this run. Other
    /// orphaned work stays on disk for the next start, so a second restore can never
    /// replace this one.
    pub fn adopt(&mut self, restored: Recovered) {
        if let (Some(file), Some(origin)) = (self.file(), self.origin_file()) {
            let [from_file, from_origin] = &restored.files;
            if std::fs::rename(from_file, &file).is_ok() {
                let _ = std::fs::rename(from_origin, &origin);
            }
        }
        restored.release();
        for other in self.more.drain(..) {
            other.release();
        }
        self.written = Some(u64::MAX);
    }

    /// The user discarded the offered work: removes its files and offers the next, if any.
    pub fn discard_offer(&mut self) {
        if let Some(offer) = self.offer.take() {
            offer.remove();
        }
        self.offer = self.more.pop();
    }

    /// Removes this window's recovery file (after a clean save, or leaving on purpose).
    pub fn discard(&mut self) {
        for file in [self.file(), self.origin_file()].into_iter().flatten() {
            // Already gone is fine.
            let _ = std::fs::remove_file(file);
        }
        self.written = None;
    }
}

impl Drop for Autosave {
    /// A window closing with nothing to recover leaves no lock file behind; with unsaved
    /// work on disk it leaves everything, and the released lock marks the work orphaned.
    fn drop(&mut self) {
        let (Some(dir), Some(lock)) = (&self.dir, self.lock.take()) else {
            return;
        };
        drop(lock);
        if self.file().is_some_and(|f| !f.exists()) {
            let _ = std::fs::remove_file(dir.join(format!("{}.lock", self.slot)));
        }
    }
}

/// Recovery files in `dir` that no running window owns (its lock is free), oldest first;
/// each one's lock is taken while it is offered. Removes lock files nothing uses.
fn orphans(dir: &Path, own: &str) -> Vec<Recovered> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut found = Vec::new();
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        let (files, lock_path) = if name == LEGACY {
            ([dir.join(LEGACY), dir.join(LEGACY_ORIGIN)], None)
        } else if let Some(slot) = name.strip_suffix(".ron")
            && slot.starts_with(PREFIX)
            && slot != own
        {
            (
                [dir.join(&name), dir.join(format!("{slot}.origin"))],
                Some(dir.join(format!("{slot}.lock"))),
            )
        } else {
            if let Some(slot) = name.strip_suffix(".lock")
                && slot.starts_with(PREFIX)
                && slot != own
                && !dir.join(format!("{slot}.ron")).exists()
                && let Ok(file) = File::options().write(true).open(entry.path())
                && file.try_lock().is_ok()
            {
                drop(file);
                let _ = std::fs::remove_file(entry.path());
            }
            continue;
        };
        let lock = match lock_path {
            Some(path) => {
                let Ok(file) = File::options()
                    .write(true)
                    .create(true)
                    .truncate(false)
                    .open(&path)
                else {
                    continue;
                };
                // A running window holds it: its work is not ours to offer.
                if file.try_lock().is_err() {
                    continue;
                }
                Some((file, path))
            }
            None => None,
        };
        let Ok(diagram) = io::load_path(&files[0]) else {
            continue;
        };
        let origin = std::fs::read_to_string(&files[1])
            .ok()
            .map(|s| PathBuf::from(s.trim_end()))
            .filter(|p| !p.as_os_str().is_empty());
        let modified = entry.metadata().and_then(|m| m.modified()).ok();
        found.push((
            modified,
            Recovered {
                diagram,
                origin,
                files,
                lock,
            },
        ));
    }
    // The newest is offered first (popped from the end).
    found.sort_by_key(|(modified, _)| *modified);
    found.into_iter().map(|(_, recovered)| recovered).collect()
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
        let from = offer
            .origin
            .as_ref()
            .map_or_else(|| "a new diagram".to_owned(), |p| p.display().to_string());
        let title = offer.diagram.info.title.trim();
        let what = if title.is_empty() {
            format!("{} components", offer.diagram.component_count())
        } else {
            format!(
                "\"{title}\", {} components",
                offer.diagram.component_count()
            )
        };
        let mut choice = None;
        egui::Modal::new(ui.make_persistent_id("recovery")).show(ui.ctx(), |ui| {
            ui.heading("Restore unsaved work?");
            ui.label(format!(
                "Changes to {from} ({what}) were not saved when cloudsketch last closed."
            ));
            ui.label("Restore opens them as unsaved work; Discard deletes them.");
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
                    let mut doc = Document::new(offer.diagram.clone(), source);
                    doc.path.clone_from(&offer.origin);
                    doc.mark_unsaved();
                    self.doc = doc;
                    self.autosave.adopt(offer);
                    self.scene = super::scene_cache::SceneCache::default();
                    self.selection.clear();
                    self.findings_view.forget_diagram();
                    self.camera.fit_pending = true;
                    self.status = Some("Restored unsaved work; save it to keep it".to_owned());
                }
            }
            Some(false) => self.autosave.discard_offer(),
            None => {}
        }
    }
}
