//! The open document: the diagram, its undo history, where it came from, and the lint
//! report of its current revision (computed once per revision, never per frame).

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
    lint: Option<Linted>,
}

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
            diagram,
            history: History::new(),
            source: source.into(),
            path: None,
            lint: None,
        }
    }

    /// Marks the diagram as not saved anywhere yet (recovered work).
    pub fn mark_unsaved(&mut self) {
        self.saved_revision = u64::MAX;
    }

    /// Changed since it was opened or last saved.
    pub fn is_dirty(&self) -> bool {
        self.diagram.revision() != self.saved_revision
    }

    /// Saves to `path` (atomically: the old file stays whole if anything fails) and makes
    /// it the document's file.
    pub fn save_to(&mut self, path: &std::path::Path) -> Result<(), crate::io::SaveError> {
        crate::io::save_path(&self.diagram, path)?;
        self.path = Some(path.to_path_buf());
        self.source = path.display().to_string();
        self.saved_revision = self.diagram.revision();
        Ok(())
    }

    /// Applies `edit` as one undoable entry named `label`; on error nothing changes.
    pub fn apply(&mut self, label: impl Into<String>, edit: Edit) -> Result<(), EditError> {
        self.history.apply(&mut self.diagram, label, edit)
    }

    /// Undoes the latest entry; returns its label.
    pub fn undo(&mut self) -> Option<Result<String, EditError>> {
        self.history.undo(&mut self.diagram)
    }

    /// Redoes the latest undone entry; returns its label.
    pub fn redo(&mut self) -> Option<Result<String, EditError>> {
        self.history.redo(&mut self.diagram)
    }

    /// The findings of the current revision, linting first if the diagram changed.
    pub fn lint(&mut self) -> &Linted {
        let revision = self.diagram.revision();
        let linted = match self.lint.take() {
            Some(linted) if linted.revision == revision => linted,
            _ => {
                let started = Instant::now();
                let config = LintConfig::from_settings(&self.diagram.info.lint);
                Linted {
                    revision,
                    report: lint(&self.diagram, &config),
                    elapsed: started.elapsed(),
                }
            }
        };
        self.lint.insert(linted)
    }

    /// The findings of the latest lint, without linting (`None` before the first lint).
    pub fn linted(&self) -> Option<&Linted> {
        self.lint.as_ref()
    }
}
