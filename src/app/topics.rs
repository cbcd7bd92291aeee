//! The Learn window: the study-notes topics (`crate::learn::TOPICS`) read inside the editor,
//! opened from Help ▸ Learn, or from a component's topics in the inspector. The same text
//! is printed by `cloudsketch explain TOPIC`.

use super::DiagramApp;
use super::menu::Help;
use crate::learn::{self, TOPICS, Topic};
use crate::model::Component;

/// Window title.
const WINDOW_TITLE: &str = "Learn";

/// Width of the answer column: text wraps there.
const ANSWER_WIDTH: f32 = 440.0;

/// Height of the answer column before it scrolls.
const ANSWER_HEIGHT: f32 = 360.0;

/// Index of the topic with this id in [`TOPICS`].
pub fn index_of(topic: &Topic) -> usize {
    TOPICS.iter().position(|t| t.id == topic.id).unwrap_or(0)
}

/// "Learn:" and a button per topic about component `c` (`learn::topics_for_component`),
/// which opens that topic (nothing when no topic concerns it).
pub fn topic_buttons(app: &mut DiagramApp, ui: &mut egui::Ui, c: &Component) {
    let topics: Vec<&Topic> = learn::topics_for_component(c).collect();
    if topics.is_empty() {
        return;
    }
    ui.horizontal_wrapped(|ui| {
        ui.weak("Learn:");
        for topic in topics {
            if ui
                .small_button(topic.title)
                .on_hover_text(topic.question)
                .clicked()
            {
                app.help = Some(Help::Topic(index_of(topic)));
            }
        }
    });
}

/// The Learn window showing topic `shown` (an index into [`TOPICS`]); returns whether it
/// stays open.
pub fn window(app: &mut DiagramApp, ctx: &egui::Context, shown: usize) -> bool {
    let mut open = true;
    let mut picked = None;
    egui::Window::new(WINDOW_TITLE)
        .default_pos(super::menu::help_corner(app))
        .constrain_to(super::menu::under_menu_bar(app, ctx))
        .open(&mut open)
        .resizable(false)
        .show(ctx, |ui| {
            ui.horizontal_top(|ui| {
                ui.vertical(|ui| {
                    ui.set_width(190.0);
                    for (i, topic) in TOPICS.iter().enumerate() {
                        if ui.selectable_label(i == shown, topic.title).clicked() {
                            picked = Some(i);
                        }
                    }
                });
                ui.separator();
                let Some(topic) = TOPICS.get(shown) else {
                    return;
                };
                ui.vertical(|ui| {
                    ui.set_width(ANSWER_WIDTH);
                    egui::ScrollArea::vertical()
                        .max_height(ANSWER_HEIGHT)
                        .show(ui, |ui| {
                            ui.heading(topic.title);
                            ui.label(egui::RichText::new(topic.question).italics());
                            ui.add_space(6.0);
                            for sentence_group in paragraphs(topic.answer) {
                                ui.label(sentence_group);
                                ui.add_space(4.0);
                            }
                            if topic.id == "cidr" {
                                blocks_calculator(&mut app.learn_blocks, ui);
                            }
                            let kinds: Vec<&str> =
                                topic.kinds.iter().map(|k| k.info().name).collect();
                            ui.separator();
                            ui.weak(format!("About: {}", kinds.join(", ")));
                            ui.weak(format!("From a terminal: cloudsketch explain {}", topic.id));
                        });
                });
            });
        });
    if let Some(i) = picked {
        app.help = Some(Help::Topic(i));
    }
    open
}

/// A field taking one or more CIDR blocks, and what they give worked out under it (as
/// `cloudsketch explain 10.0.0.0/16 …` prints it).
fn blocks_calculator(typed: &mut String, ui: &mut egui::Ui) {
    ui.separator();
    ui.strong("Try your own blocks");
    let label = ui.label("Blocks");
    ui.add(
        egui::TextEdit::singleline(typed)
            .hint_text("10.0.0.0/16 10.0.1.0/24")
            .desired_width(f32::INFINITY),
    )
    .labelled_by(label.id);
    let words: Vec<String> = typed.split_whitespace().map(str::to_owned).collect();
    match learn::addresses::blocks(&words) {
        Some(Ok(blocks)) => {
            for line in learn::addresses::text(&blocks)
                .lines()
                .filter(|l| !l.is_empty())
            {
                ui.label(line.trim_start());
            }
        }
        Some(Err(message)) => {
            ui.colored_label(super::theme::ERROR, message);
        }
        None if words.is_empty() => {}
        None => {
            ui.weak("Write blocks as an address and a prefix length, separated by spaces.");
        }
    }
}

/// The answer split into short paragraphs, two sentences each, so it reads as text rather
/// than as one block.
fn paragraphs(answer: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut current = String::new();
    let mut sentences = 0;
    for word in answer.split_whitespace() {
        if !current.is_empty() {
            current.push(' ');
        }
        current.push_str(word);
        if word.ends_with(['.', '?', '!']) {
            sentences += 1;
            if sentences == 2 {
                out.push(std::mem::take(&mut current));
                sentences = 0;
            }
        }
    }
    if !current.is_empty() {
        out.push(current);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paragraphs_keep_every_word_two_sentences_at_a_time() {
        let text = "One. Two is here. Three? Four! Five";
        assert_eq!(
            paragraphs(text),
            ["One. Two is here.", "Three? Four!", "Five"]
        );
        for topic in TOPICS {
            let joined = paragraphs(topic.answer).join(" ");
            assert_eq!(
                joined.split_whitespace().collect::<Vec<_>>(),
                topic.answer.split_whitespace().collect::<Vec<_>>()
            );
        }
    }
}
