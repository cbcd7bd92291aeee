//! Asking for a path inside the window, where the system has no file dialog to show (a
//! Linux desktop with neither an XDG desktop portal nor zenity): Open, Import, Save as,
//! Export and the icon folder then ask here instead of silently doing nothing.

use std::path::{Path, PathBuf};

use super::DiagramApp;
use super::files::Pending;
use crate::export::Format;

/// What the typed path is for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Purpose {
    /// A diagram to open.
    Open,
    /// A template to import.
    Import,
    /// Where to save, then what to do once saved (the action that asked to save first).
    Save {
        /// The action waiting for the save.
        then: Option<Pending>,
    },
    /// Where to write a picture.
    Export(Format),
    /// A folder of icons.
    IconFolder,
}

impl Purpose {
    fn heading(&self) -> &'static str {
        match self {
            Purpose::Open => "Open a diagram",
            Purpose::Import => "Import a template",
            Purpose::Save { .. } => "Save as",
            Purpose::Export(Format::Svg) => "Export a picture as SVG",
            Purpose::Export(Format::Png) => "Export a picture as PNG",
            Purpose::IconFolder => "Icon folder",
        }
    }

    fn button(&self) -> &'static str {
        match self {
            Purpose::Open => "Open",
            Purpose::Import => "Import",
            Purpose::Save { .. } => "Save",
            Purpose::Export(_) => "Export",
            Purpose::IconFolder => "Use folder",
        }
    }

    /// Whether the action writes the file (so an existing one is replaced).
    fn writes(&self) -> bool {
        matches!(self, Purpose::Save { .. } | Purpose::Export(_))
    }
}

/// A path being typed.
#[derive(Clone, Debug)]
pub struct PathPrompt {
    /// What it is for.
    pub purpose: Purpose,
    /// The path so far (starts as the suggestion).
    pub text: String,
    focused: bool,
}

impl PathPrompt {
    /// Asks for a path for `purpose`, starting from `suggested`.
    pub fn new(purpose: Purpose, suggested: &Path) -> Self {
        Self {
            purpose,
            text: suggested.display().to_string(),
            focused: false,
        }
    }
}

/// Label of the path field (tests find it by this).
pub const FIELD_LABEL: &str = "Path";

/// Shows the prompt, if one is open, and carries out what it was for once confirmed.
pub fn window(app: &mut DiagramApp, ui: &egui::Ui) {
    let Some(prompt) = app.path_prompt.as_mut() else {
        return;
    };
    let mut confirmed = false;
    let mut cancelled = false;
    egui::Modal::new(ui.make_persistent_id("path prompt")).show(ui.ctx(), |ui| {
        ui.set_max_width(520.0);
        ui.heading(prompt.purpose.heading());
        ui.label(
            "No file dialog is available on this system, so type the path here. \
             (Installing an XDG desktop portal, such as xdg-desktop-portal-gtk, or zenity \
             gives the system's own dialog.)",
        );
        let label = ui.label(FIELD_LABEL);
        let field = ui
            .add(egui::TextEdit::singleline(&mut prompt.text).desired_width(500.0))
            .labelled_by(label.id);
        if !prompt.focused {
            field.request_focus();
            prompt.focused = true;
        }
        let path = typed_path(&prompt.text);
        if prompt.purpose.writes()
            && let Some(path) = &path
            && path.is_file()
        {
            ui.colored_label(
                ui.visuals().warn_fg_color,
                format!("{} exists and will be replaced.", path.display()),
            );
        }
        let entered = field.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
        ui.horizontal(|ui| {
            let go = ui.add_enabled(path.is_some(), egui::Button::new(prompt.purpose.button()));
            confirmed = (go.clicked() || entered) && path.is_some();
            cancelled =
                ui.button("Cancel").clicked() || ui.input(|i| i.key_pressed(egui::Key::Escape));
        });
    });
    if cancelled {
        app.path_prompt = None;
    } else if confirmed
        && let Some(prompt) = app.path_prompt.take()
        && let Some(path) = typed_path(&prompt.text)
    {
        app.use_typed_path(prompt.purpose, path);
    }
}

/// The path typed, with `~/` expanded; `None` while it is empty.
fn typed_path(text: &str) -> Option<PathBuf> {
    let text = text.trim();
    if text.is_empty() {
        return None;
    }
    match (text.strip_prefix("~/"), std::env::var_os("HOME")) {
        (Some(rest), Some(home)) => Some(PathBuf::from(home).join(rest)),
        _ => Some(PathBuf::from(text)),
    }
}

impl DiagramApp {
    /// Does what the prompt was for with the path the user typed.
    fn use_typed_path(&mut self, purpose: Purpose, path: PathBuf) {
        match purpose {
            Purpose::Open => self.open_path(&path),
            Purpose::Import => self.import_paths(&[path]),
            Purpose::Save { then } => {
                let path = if path.extension().is_none() {
                    path.with_extension("ron")
                } else {
                    path
                };
                if self.save_to(&path)
                    && let Some(action) = then
                {
                    self.perform(action);
                }
            }
            Purpose::Export(format) => self.export_to(format, &path),
            Purpose::IconFolder => self.icons.set_folder(Some(path)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typed_paths_are_trimmed_and_expand_home() {
        assert_eq!(typed_path("  "), None);
        assert_eq!(
            typed_path(" /tmp/a.ron "),
            Some(PathBuf::from("/tmp/a.ron"))
        );
        if let Some(home) = std::env::var_os("HOME") {
            assert_eq!(
                typed_path("~/a.ron"),
                Some(PathBuf::from(home).join("a.ron"))
            );
        }
    }
}
