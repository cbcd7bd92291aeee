//! The open document: the diagram, its undo history, where it came from, and the lint
//! report of its current revision (computed once per revision, never per frame; off the UI
//! thread once a run takes longer than a few milliseconds).

use std::sync::mpsc::{self, TryRecvError};
use std::time::{Duration, Instant};

use crate::model::{Diagram, Edit, EditError, History};
use crate::rules::{LintConfig, Report, lint};

/// A diagram being edited.
pub struct Document {
    /// The diagram.
    pub diagram: Diagram,
    /// Undo and redo.
    pub history: History,
    /// Where it came from, for the title bar (`samples/x.ron`, `sample three_tier…`).
    pub source: String,
    /// The file it is saved to (`None` for a bundled sample or a new diagram).
    pub path: Option<std::path::PathBuf>,
    saved_revision: u64,
    /// The history's state when last saved (or opened); `None` when never saved.
    saved_state: Option<u64>,
    /// The diagram's revision right after the latest apply, undo or redo: if the revision
    /// has moved since, something changed the diagram outside the history.
    history_revision: u64,
    lint: Option<Linted>,
    running: Option<mpsc::Receiver<Linted>>,
    last_elapsed: Duration,
}

/// Lint runs slower than this move to a background thread: a frame must not stall.
const INLINE_BUDGET: Duration = Duration::from_millis(4);

/// Diagrams smaller than this always lint inline, however long the last run took: they
/// lint in well under a millisecond in a release build, so a slow run was the machine being
/// busy, and findings that lag a frame behind each edit would be worse than one slow frame.
const BACKGROUND_MIN_COMPONENTS: usize = 500;

/// The findings of one revision.
pub struct Linted {
    /// Revision they belong to.
    pub revision: u64,
    /// The findings.
    pub report: Report,
    /// How long the run took.
    pub elapsed: Duration,
}

impl Document {
    /// A document showing `diagram`.
    pub fn new(diagram: Diagram, source: impl Into<String>) -> Self {
        Self {
            saved_revision: diagram.revision(),
            saved_state: Some(0),
            history_revision: diagram.revision(),
            diagram,
            history: History::new(),
            source: source.into(),
            path: None,
            lint: None,
            running: None,
            last_elapsed: Duration::ZERO,
        }
    }

    /// Marks the diagram as not saved anywhere yet (recovered work).
    pub fn mark_unsaved(&mut self) {
        self.saved_revision = u64::MAX;
        self.saved_state = None;
    }

    /// Changed since it was opened or last saved; undoing back to that point (or redoing
    /// to it) makes it unchanged again.
    pub fn is_dirty(&self) -> bool {
        let back_where_saved = self.saved_state == Some(self.history.state())
            && self.diagram.revision() == self.history_revision;
        self.diagram.revision() != self.saved_revision && !back_where_saved
    }

    /// Saves to `path` (atomically: the old file stays whole if anything fails) and makes
    /// it the document's file.
    pub fn save_to(&mut self, path: &std::path::Path) -> Result<(), crate::io::SaveError> {
        crate::io::save_path(&self.diagram, path)?;
        self.path = Some(path.to_path_buf());
        self.source = path.display().to_string();
        self.saved_revision = self.diagram.revision();
        self.saved_state = Some(self.history.state());
        Ok(())
    }

    /// Applies `edit` as one undoable entry named `label`; on error nothing changes.
    pub fn apply(&mut self, label: impl Into<String>, edit: Edit) -> Result<(), EditError> {
        let applied = self.history.apply(&mut self.diagram, label, edit);
        self.history_revision = self.diagram.revision();
        applied
    }

    /// Undoes the latest entry; returns its label.
    pub fn undo(&mut self) -> Option<Result<String, EditError>> {
        let undone = self.history.undo(&mut self.diagram);
        self.history_revision = self.diagram.revision();
        undone
    }

    /// Redoes the latest undone entry; returns its label.
    pub fn redo(&mut self) -> Option<Result<String, EditError>> {
        let redone = self.history.redo(&mut self.diagram);
        self.history_revision = self.diagram.revision();
        redone
    }

    /// Brings the findings up to the current revision. Quick runs happen right here; once
    /// a run on a large diagram has taken longer than `INLINE_BUDGET`, the next ones run on a background
    /// thread on a copy of the diagram, one at a time, and a result for a revision that
    /// has since changed is dropped. `repaint` is woken when a background run ends.
    pub fn refresh_lint(&mut self, repaint: &egui::Context) {
        if let Some(running) = &self.running {
            match running.try_recv() {
                Ok(linted) => {
                    self.running = None;
                    self.last_elapsed = linted.elapsed;
                    if linted.revision == self.diagram.revision() {
                        self.lint = Some(linted);
                    }
                }
                Err(TryRecvError::Empty) => return,
                // The run panicked: lint here from now on (the engine contains rule
                // panics, so this is not expected).
                Err(TryRecvError::Disconnected) => {
                    self.running = None;
                    self.last_elapsed = Duration::ZERO;
                }
            }
        }
        if !self.is_lint_stale() {
            return;
        }
        if self.last_elapsed <= INLINE_BUDGET
            || self.diagram.component_count() < BACKGROUND_MIN_COMPONENTS
        {
            let linted = lint_now(&self.diagram);
            self.last_elapsed = linted.elapsed;
            self.lint = Some(linted);
            return;
        }
        let diagram = self.diagram.clone();
        let (send, receive) = mpsc::channel();
        let repaint = repaint.clone();
        let spawned = std::thread::Builder::new()
            .name("lint".to_owned())
            .spawn(move || {
                // The receiver may be gone (document closed): nothing to do then.
                let _ = send.send(lint_now(&diagram));
                repaint.request_repaint();
            });
        match spawned {
            Ok(_) => self.running = Some(receive),
            Err(_) => self.lint = Some(lint_now(&self.diagram)),
        }
    }

    /// The findings shown are from an older revision (a run is pending or in progress).
    pub fn is_lint_stale(&self) -> bool {
        self.lint
            .as_ref()
            .is_none_or(|l| l.revision != self.diagram.revision())
    }

    /// The findings of the latest finished lint, possibly of an older revision (`None`
    /// before the first).
    pub fn linted(&self) -> Option<&Linted> {
        self.lint.as_ref()
    }
}

fn lint_now(diagram: &Diagram) -> Linted {
    let started = Instant::now();
    let config = LintConfig::from_settings(&diagram.info.lint);
    Linted {
        revision: diagram.revision(),
        report: lint(diagram, &config),
        elapsed: started.elapsed(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::generate::large_diagram;

    /// A document whose last lint run took a second, with its findings out of date.
    fn after_a_slow_run(components: usize) -> Document {
        let mut doc = Document::new(large_diagram(components).unwrap(), "test");
        doc.last_elapsed = Duration::from_secs(1);
        assert!(doc.is_lint_stale());
        doc
    }

    #[test]
    fn a_small_diagram_lints_inline_even_after_a_slow_run() {
        let mut doc = after_a_slow_run(100);
        doc.refresh_lint(&egui::Context::default());
        assert!(!doc.is_lint_stale(), "findings of this revision, at once");
        assert!(doc.running.is_none());
    }

    #[test]
    fn a_large_diagram_lints_in_the_background_after_a_slow_run() {
        let mut doc = after_a_slow_run(BACKGROUND_MIN_COMPONENTS + 100);
        let ctx = egui::Context::default();
        doc.refresh_lint(&ctx);
        assert!(doc.is_lint_stale(), "the frame does not wait for the run");
        let running = doc.running.take().expect("a background run");
        let linted = running.recv().unwrap();
        assert_eq!(linted.revision, doc.diagram.revision());
    }
}
