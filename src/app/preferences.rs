//! What the editor remembers between runs (through eframe's storage, never in the diagram):
//! theme, snapping, recently used files and the optional folder of the user's own AWS
//! icons. Panel sizes are kept by egui itself, under the panels' ids.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

/// Key of the preferences in eframe's storage.
pub const STORAGE_KEY: &str = "cloudsketch.preferences";

/// How many recent files File ▸ Open recent lists.
pub const RECENT_LIMIT: usize = 10;

/// Light, dark or whatever the system uses.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum Theme {
    /// Follow the operating system.
    #[default]
    System,
    /// Always light.
    Light,
    /// Always dark.
    Dark,
}

impl Theme {
    /// Every choice, in menu order.
    pub const ALL: [Theme; 3] = [Theme::System, Theme::Light, Theme::Dark];

    /// Menu text.
    pub fn label(self) -> &'static str {
        match self {
            Theme::System => "Follow the system",
            Theme::Light => "Light",
            Theme::Dark => "Dark",
        }
    }

    fn egui(self) -> egui::ThemePreference {
        match self {
            Theme::System => egui::ThemePreference::System,
            Theme::Light => egui::ThemePreference::Light,
            Theme::Dark => egui::ThemePreference::Dark,
        }
    }
}

/// The remembered settings.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Preferences {
    /// Colour theme.
    pub theme: Theme,
    /// Moved items snap to the grid.
    pub snap: bool,
    /// Most recently opened or saved files, newest first.
    pub recent: Vec<PathBuf>,
    /// Folder with the user's own SVG icons (`<icon name>.svg`), if any.
    pub icon_folder: Option<PathBuf>,
}

impl Default for Preferences {
    fn default() -> Self {
        Self {
            theme: Theme::System,
            snap: true,
            recent: Vec::new(),
            icon_folder: None,
        }
    }
}

impl Preferences {
    /// Puts `path` first in the recent files (once), keeping at most [`RECENT_LIMIT`].
    pub fn remember(&mut self, path: &Path) {
        let path = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
        self.recent.retain(|p| p != &path);
        self.recent.insert(0, path);
        self.recent.truncate(RECENT_LIMIT);
    }

    /// Applies the theme to the window.
    pub fn apply(&self, ctx: &egui::Context) {
        ctx.set_theme(self.theme.egui());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recent_files_are_newest_first_unique_and_capped() {
        let mut prefs = Preferences::default();
        for i in 0..12 {
            prefs.remember(Path::new(&format!("/d/{i}.ron")));
        }
        prefs.remember(Path::new("/d/5.ron"));
        assert_eq!(prefs.recent.len(), RECENT_LIMIT);
        assert_eq!(prefs.recent[0], Path::new("/d/5.ron"));
        assert_eq!(prefs.recent[1], Path::new("/d/11.ron"));
        assert_eq!(
            prefs.recent.iter().filter(|p| p.ends_with("5.ron")).count(),
            1
        );
    }

    #[test]
    fn old_or_partial_preferences_still_load() {
        let prefs: Preferences = ron::from_str("(theme: Dark)").unwrap_or_default();
        assert_eq!(prefs.theme, Theme::Dark);
        assert!(prefs.snap, "missing fields take their defaults");
    }
}
