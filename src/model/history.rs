//! Undo and redo: a linear stack of labelled entries, each holding the edit and its inverse.
//! History is never saved to disk.

use super::diagram::{Diagram, EditError};
use super::edit::Edit;

/// Entries kept before the oldest is dropped.
pub const HISTORY_CAP: usize = 100;

/// One undoable step: what the user did, as one gesture.
#[derive(Clone, Debug)]
struct Entry {
    label: String,
    forward: Edit,
    inverse: Edit,
}

/// Undo and redo stacks.
#[derive(Clone, Debug, Default)]
pub struct History {
    undo: Vec<Entry>,
    redo: Vec<Entry>,
}

impl History {
    /// Empty history.
    pub fn new() -> Self {
        Self::default()
    }

    /// Applies `edit` to `diagram` as one entry labelled `label`; clears redo.
    /// On error nothing changed, in the diagram or here.
    pub fn apply(
        &mut self,
        diagram: &mut Diagram,
        label: impl Into<String>,
        edit: Edit,
    ) -> Result<(), EditError> {
        let inverse = diagram.apply(edit.clone())?;
        self.undo.push(Entry {
            label: label.into(),
            forward: edit,
            inverse,
        });
        if self.undo.len() > HISTORY_CAP {
            self.undo.remove(0);
        }
        self.redo.clear();
        Ok(())
    }

    /// Undoes the latest entry and returns its label, or `None` when there is nothing to undo.
    pub fn undo(&mut self, diagram: &mut Diagram) -> Option<Result<String, EditError>> {
        let entry = self.undo.pop()?;
        Some(match diagram.apply(entry.inverse.clone()) {
            Ok(forward) => {
                let label = entry.label.clone();
                self.redo.push(Entry { forward, ..entry });
                Ok(label)
            }
            Err(err) => {
                self.undo.push(entry);
                Err(err)
            }
        })
    }

    /// Redoes the latest undone entry and returns its label.
    pub fn redo(&mut self, diagram: &mut Diagram) -> Option<Result<String, EditError>> {
        let entry = self.redo.pop()?;
        Some(match diagram.apply(entry.forward.clone()) {
            Ok(inverse) => {
                let label = entry.label.clone();
                self.undo.push(Entry { inverse, ..entry });
                Ok(label)
            }
            Err(err) => {
                self.redo.push(entry);
                Err(err)
            }
        })
    }

    /// Label of the entry Undo would revert.
    pub fn undo_label(&self) -> Option<&str> {
        self.undo.last().map(|e| e.label.as_str())
    }

    /// Label of the entry Redo would repeat.
    pub fn redo_label(&self) -> Option<&str> {
        self.redo.last().map(|e| e.label.as_str())
    }

    /// Entries that can be undone.
    pub fn undo_len(&self) -> usize {
        self.undo.len()
    }

    /// Entries that can be redone.
    pub fn redo_len(&self) -> usize {
        self.redo.len()
    }

    /// Forgets everything (after opening another file).
    pub fn clear(&mut self) {
        self.undo.clear();
        self.redo.clear();
    }
}
