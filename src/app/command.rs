//! Commands are data (rerun's command enum): every menu item and shortcut is a `Command`
//! with a label and key bindings; the UI only queues `AppCommand`s, which the app applies
//! after the frame is drawn.

use egui::{Key, KeyboardShortcut, Modifiers};

use crate::model::{ComponentId, Edit, LinkId};

/// Something the user can ask for from a menu or the keyboard.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Command {
    /// Start an empty diagram.
    New,
    /// Open a diagram file.
    Open,
    /// Close the window.
    Quit,
    /// Save to the diagram's file (asks for one the first time).
    Save,
    /// Save to a new file.
    SaveAs,
    /// Undo the latest change.
    Undo,
    /// Redo the latest undone change.
    Redo,
    /// Copy the selection and delete it.
    Cut,
    /// Copy the selection.
    Copy,
    /// Paste what was copied.
    Paste,
    /// Copy and paste the selection in one step.
    Duplicate,
    /// Delete the selection.
    Delete,
    /// Select every component and link.
    SelectAll,
    /// Clear the selection.
    SelectNone,
    /// Rename the selected component.
    Rename,
    /// Zoom so that the whole diagram is in view.
    FitView,
    /// Zoom in around the view centre.
    ZoomIn,
    /// Zoom out around the view centre.
    ZoomOut,
    /// Back to 100 %.
    ZoomReset,
    /// Snap moved items to the grid.
    ToggleSnap,
    /// Align the selected components' left edges.
    AlignLeft,
    /// Align the selected components' top edges.
    AlignTop,
    /// Centre the selected components on one vertical line.
    AlignCenterHorizontally,
    /// Centre the selected components on one horizontal line.
    AlignCenterVertically,
    /// Space the selected components evenly from left to right.
    DistributeHorizontally,
    /// Space the selected components evenly from top to bottom.
    DistributeVertically,
    /// Lay the whole diagram out automatically by request flow.
    TidyLayout,
}

const fn key(modifiers: Modifiers, key: Key) -> KeyboardShortcut {
    KeyboardShortcut::new(modifiers, key)
}

const CMD: Modifiers = Modifiers::COMMAND;
const CMD_SHIFT: Modifiers = Modifiers {
    shift: true,
    ..Modifiers::COMMAND
};

impl Command {
    /// Every command, in menu order.
    pub const ALL: &'static [Command] = &[
        Command::New,
        Command::Open,
        Command::Quit,
        Command::Save,
        Command::SaveAs,
        Command::Undo,
        Command::Redo,
        Command::Cut,
        Command::Copy,
        Command::Paste,
        Command::Duplicate,
        Command::Delete,
        Command::SelectAll,
        Command::SelectNone,
        Command::Rename,
        Command::FitView,
        Command::ZoomIn,
        Command::ZoomOut,
        Command::ZoomReset,
        Command::ToggleSnap,
        Command::AlignLeft,
        Command::AlignTop,
        Command::AlignCenterHorizontally,
        Command::AlignCenterVertically,
        Command::DistributeHorizontally,
        Command::DistributeVertically,
        Command::TidyLayout,
    ];

    /// Menu text.
    pub fn label(self) -> &'static str {
        match self {
            Command::New => "New",
            Command::Open => "Open…",
            Command::Quit => "Quit",
            Command::Save => "Save",
            Command::SaveAs => "Save as…",
            Command::Undo => "Undo",
            Command::Redo => "Redo",
            Command::Cut => "Cut",
            Command::Copy => "Copy",
            Command::Paste => "Paste",
            Command::Duplicate => "Duplicate",
            Command::Delete => "Delete",
            Command::SelectAll => "Select all",
            Command::SelectNone => "Select none",
            Command::Rename => "Rename",
            Command::FitView => "Fit to content",
            Command::ZoomIn => "Zoom in",
            Command::ZoomOut => "Zoom out",
            Command::ZoomReset => "Actual size (100 %)",
            Command::ToggleSnap => "Snap to grid",
            Command::AlignLeft => "Align left edges",
            Command::AlignTop => "Align top edges",
            Command::AlignCenterHorizontally => "Align centres vertically",
            Command::AlignCenterVertically => "Align centres horizontally",
            Command::DistributeHorizontally => "Distribute horizontally",
            Command::DistributeVertically => "Distribute vertically",
            Command::TidyLayout => crate::model::layout::LABEL,
        }
    }

    /// Key bindings; the first is shown in menus.
    pub fn shortcuts(self) -> &'static [KeyboardShortcut] {
        const fn one(s: KeyboardShortcut) -> [KeyboardShortcut; 1] {
            [s]
        }
        match self {
            Command::New => &const { one(key(CMD, Key::N)) },
            Command::Open => &const { one(key(CMD, Key::O)) },
            Command::Quit => &const { one(key(CMD, Key::Q)) },
            Command::Save => &const { one(key(CMD, Key::S)) },
            Command::SaveAs => &const { one(key(CMD_SHIFT, Key::S)) },
            Command::Undo => &const { one(key(CMD, Key::Z)) },
            Command::Redo => &const { [key(CMD_SHIFT, Key::Z), key(CMD, Key::Y)] },
            Command::Cut => &const { one(key(CMD, Key::X)) },
            Command::Copy => &const { one(key(CMD, Key::C)) },
            Command::Paste => &const { one(key(CMD, Key::V)) },
            Command::Duplicate => &const { one(key(CMD, Key::D)) },
            Command::Delete => {
                &const {
                    [
                        key(Modifiers::NONE, Key::Delete),
                        key(Modifiers::NONE, Key::Backspace),
                    ]
                }
            }
            Command::SelectAll => &const { one(key(CMD, Key::A)) },
            Command::SelectNone => &const { one(key(Modifiers::NONE, Key::Escape)) },
            Command::Rename => &const { one(key(Modifiers::NONE, Key::F2)) },
            Command::FitView => &const { one(key(Modifiers::NONE, Key::F)) },
            // Ctrl/Cmd with them too, as in browsers and drawing tools (egui's own zooming of
            // the whole interface with those keys is turned off in `DiagramApp::ui`).
            Command::ZoomIn => {
                &const {
                    [
                        key(Modifiers::NONE, Key::Plus),
                        key(Modifiers::NONE, Key::Equals),
                        key(CMD, Key::Plus),
                        key(CMD, Key::Equals),
                    ]
                }
            }
            Command::ZoomOut => &const { [key(Modifiers::NONE, Key::Minus), key(CMD, Key::Minus)] },
            Command::ZoomReset => &const { [key(Modifiers::NONE, Key::Num0), key(CMD, Key::Num0)] },
            Command::ToggleSnap => &const { one(key(Modifiers::NONE, Key::G)) },
            Command::AlignLeft
            | Command::AlignTop
            | Command::AlignCenterHorizontally
            | Command::AlignCenterVertically
            | Command::DistributeHorizontally
            | Command::DistributeVertically => &[],
            Command::TidyLayout => &const { one(key(CMD_SHIFT, Key::L)) },
        }
    }
}

/// What the UI asks the app to do once the frame is drawn.
#[derive(Clone, Debug)]
pub enum AppCommand {
    /// Run a menu or keyboard command.
    Run(Command),
    /// Apply an edit as one undoable entry, then select `select` (if given).
    Apply {
        /// Edit menu text ("Move 3 components").
        label: String,
        /// The change.
        edit: Edit,
        /// What to select afterwards.
        select: Option<(Vec<ComponentId>, Vec<LinkId>)>,
    },
    /// Move the selection by this many world units (arrow keys).
    Nudge(f32, f32),
    /// Show a message in the status bar (why a gesture was refused, what was undone).
    Notify(String),
}

#[cfg(test)]
mod tests {
    use std::collections::HashMap;

    use super::*;

    #[test]
    fn no_two_commands_share_a_shortcut() {
        let mut seen: HashMap<KeyboardShortcut, Command> = HashMap::new();
        for &command in Command::ALL {
            for &shortcut in command.shortcuts() {
                if let Some(other) = seen.insert(shortcut, command) {
                    panic!("{command:?} and {other:?} share {shortcut:?}");
                }
            }
        }
        assert!(seen.len() > 15);
    }

    #[test]
    fn every_command_has_a_label() {
        for &command in Command::ALL {
            assert!(!command.label().is_empty());
        }
    }
}
