//! The notification area: what went wrong (a file that would not open or save, with the
//! file and the reason) and short confirmations, stacked at the bottom right of the
//! canvas. Errors stay until dismissed; confirmations fade after a few seconds.

use std::time::Duration;

/// How long a confirmation stays.
const INFO_FOR: Duration = Duration::from_secs(6);

/// How serious a notification is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Level {
    /// Something happened as asked.
    Info,
    /// Something was done, but not entirely as asked (an import with warnings).
    Warning,
    /// Something could not be done; nothing was changed.
    Error,
}

/// One message.
#[derive(Clone, Debug, PartialEq)]
pub struct Notification {
    /// How serious.
    pub level: Level,
    /// What happened and what to do.
    pub text: String,
    /// When it was first shown (egui time), for fading confirmations.
    shown_at: Option<f64>,
}

/// The messages on screen.
#[derive(Default)]
pub struct Notifications {
    items: Vec<Notification>,
}

impl Notifications {
    /// Adds an error, shown until dismissed.
    pub fn error(&mut self, text: impl Into<String>) {
        self.push(Level::Error, text.into());
    }

    /// Adds a warning, shown until dismissed.
    pub fn warning(&mut self, text: impl Into<String>) {
        self.push(Level::Warning, text.into());
    }

    /// Adds a confirmation that fades by itself.
    pub fn info(&mut self, text: impl Into<String>) {
        self.push(Level::Info, text.into());
    }

    fn push(&mut self, level: Level, text: String) {
        // The same message again (a repeated failing save) is not stacked twice.
        self.items.retain(|n| n.text != text);
        self.items.push(Notification {
            level,
            text,
            shown_at: None,
        });
    }

    /// Messages on screen, oldest first.
    pub fn items(&self) -> &[Notification] {
        &self.items
    }

    /// Draws the stack with its bottom-right corner at `corner`.
    pub fn show(&mut self, ctx: &egui::Context, corner: egui::Pos2) {
        let now = ctx.input(|i| i.time);
        let expiry = INFO_FOR.as_secs_f64();
        self.items
            .retain(|n| n.level != Level::Info || n.shown_at.is_none_or(|at| now - at < expiry));
        if self.items.is_empty() {
            return;
        }
        let mut dismissed = None;
        egui::Area::new(egui::Id::unique("notifications"))
            .pivot(egui::Align2::RIGHT_BOTTOM)
            .fixed_pos(corner)
            .order(egui::Order::Foreground)
            .show(ctx, |ui| {
                ui.set_max_width(420.0);
                for (i, n) in self.items.iter_mut().enumerate() {
                    let at = *n.shown_at.get_or_insert(now);
                    let color = match n.level {
                        Level::Error => super::theme::ERROR,
                        Level::Warning => super::theme::severity(crate::model::Severity::Medium),
                        Level::Info => ui.visuals().text_color(),
                    };
                    egui::Frame::popup(ui.style()).show(ui, |ui| {
                        ui.horizontal(|ui| {
                            ui.colored_label(color, &n.text);
                            if ui.small_button("Dismiss").clicked() {
                                dismissed = Some(i);
                            }
                        });
                    });
                    if n.level == Level::Info {
                        let left = (expiry - (now - at)).max(0.0);
                        ui.ctx()
                            .request_repaint_after(Duration::from_secs_f64(left));
                    }
                }
            });
        if let Some(i) = dismissed {
            self.items.remove(i);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_repeated_message_is_shown_once() {
        let mut n = Notifications::default();
        n.error("Not saved: disk full");
        n.info("Saved");
        n.error("Not saved: disk full");
        assert_eq!(n.items().len(), 2);
        assert_eq!(n.items()[1].level, Level::Error);
    }
}
