//! Undo and redo: a linear stack of labelled entries, each holding the edit and its inverse.
//! History is never saved to disk.

use super::diagram::{Diagram, EditError};
use super::edit::Edit;

/// Entries kept before the oldest is dropped.
pub const HISTORY_CAP: usize = 100;

/// One undoable step: what the user did, as one gesture.
#[derive(Clone, Debug)]
struct Entry {
    /// Names the state the entry leads to (see [`History::state`]).
    id: u64,
    label: String,
    forward: Edit,
    inverse: Edit,
}

/// Undo and redo stacks.
#[derive(Clone, Debug, Default)]
pub struct History {
    undo: Vec<Entry>,
    redo: Vec<Entry>,
    /// Ids given out so far.
    issued: u64,
    /// The state below the oldest entry kept (0: where the history started).
    base: u64,
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
        self.issued += 1;
        self.undo.push(Entry {
            id: self.issued,
            label: label.into(),
            forward: edit,
            inverse,
        });
        if self.undo.len() > HISTORY_CAP {
            self.base = self.undo.remove(0).id;
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

    /// Names the state the diagram is in as far as the history knows: undoing and redoing
    /// entries comes back to the same number, any new edit gives a number not seen before.
    /// The editor compares it with the state it saved to tell whether undo brought the
    /// diagram back to what is on disk.
    pub fn state(&self) -> u64 {
        self.undo.last().map_or(self.base, |e| e.id)
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
        self.issued += 1;
        self.base = self.issued;
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;
    use crate::model::builder::DiagramBuilder;
    use crate::model::{ComponentId, Kind, Rect};

    fn nudge(diagram: &Diagram, dx: f32) -> Edit {
        let id = ComponentId::new("web").unwrap();
        let rect = diagram.component(&id).unwrap().rect;
        Edit::Resize(
            id,
            Rect {
                min: rect.min.offset(dx, 0.0),
                ..rect
            },
        )
    }

    #[test]
    fn state_comes_back_with_undo_and_redo_and_is_new_after_an_edit() {
        let mut b = DiagramBuilder::new();
        b.add("web", Kind::Users, None);
        let mut diagram = b.build();
        let mut history = History::new();
        let start = history.state();
        let edit = nudge(&diagram, 8.0);
        history.apply(&mut diagram, "a", edit).unwrap();
        let after_a = history.state();
        assert_ne!(after_a, start);
        history.undo(&mut diagram).unwrap().unwrap();
        assert_eq!(history.state(), start);
        history.redo(&mut diagram).unwrap().unwrap();
        assert_eq!(history.state(), after_a);
        history.undo(&mut diagram).unwrap().unwrap();
        // A different edit from the same starting point is a different state.
        let edit = nudge(&diagram, 8.0);
        history.apply(&mut diagram, "b", edit).unwrap();
        assert_ne!(history.state(), after_a);
        assert_ne!(history.state(), start);
    }

    #[test]
    fn dropping_old_entries_does_not_bring_back_the_starting_state() {
        let mut b = DiagramBuilder::new();
        b.add("web", Kind::Users, None);
        let mut diagram = b.build();
        let mut history = History::new();
        let start = history.state();
        for _ in 0..=HISTORY_CAP {
            let edit = nudge(&diagram, 8.0);
            history.apply(&mut diagram, "n", edit).unwrap();
        }
        while history.undo(&mut diagram).is_some() {}
        assert_ne!(
            history.state(),
            start,
            "the first edit can no longer be undone"
        );
    }
}
