//! Showing the rule and kind documentation (the plain text `cloudsketch explain` prints)
//! in a panel: `## ` lines become headings, the hard-wrapped lines of a paragraph are
//! joined so the panel can wrap them to its width, lines starting with `- ` stay list
//! items, and `code` spans are set in monospace.

use egui::text::LayoutJob;
use egui::{FontId, TextFormat};

/// A piece of the documentation.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Block {
    /// A heading (`## What it flags`).
    Heading(String),
    /// A paragraph or a list item, its lines joined.
    Paragraph(String),
}

/// The blocks of a documentation text.
pub fn blocks(text: &str) -> Vec<Block> {
    let mut out = Vec::new();
    let mut paragraph = String::new();
    let flush = |paragraph: &mut String, out: &mut Vec<Block>| {
        if !paragraph.is_empty() {
            out.push(Block::Paragraph(std::mem::take(paragraph)));
        }
    };
    for line in text.lines() {
        let line = line.trim_end();
        if let Some(heading) = line.strip_prefix("## ") {
            flush(&mut paragraph, &mut out);
            out.push(Block::Heading(heading.trim().to_owned()));
        } else if line.trim().is_empty() {
            flush(&mut paragraph, &mut out);
        } else if line.starts_with("- ") || line.starts_with("* ") {
            flush(&mut paragraph, &mut out);
            paragraph.push_str(line);
        } else {
            if !paragraph.is_empty() {
                paragraph.push(' ');
            }
            paragraph.push_str(line.trim_start());
        }
    }
    flush(&mut paragraph, &mut out);
    out
}

/// Shows a documentation text, wrapped to the panel's width.
pub fn show(ui: &mut egui::Ui, text: &str) {
    for block in blocks(text) {
        match block {
            Block::Heading(heading) => {
                ui.add_space(6.0);
                ui.strong(heading);
            }
            Block::Paragraph(paragraph) => {
                ui.label(with_code_spans(ui, &paragraph));
            }
        }
    }
}

/// `text` with its `code` spans in monospace.
fn with_code_spans(ui: &egui::Ui, text: &str) -> LayoutJob {
    let style = ui.style();
    let body = TextFormat {
        font_id: FontId::proportional(style.text_styles[&egui::TextStyle::Body].size),
        color: ui.visuals().text_color(),
        ..TextFormat::default()
    };
    let code = TextFormat {
        font_id: FontId::monospace(style.text_styles[&egui::TextStyle::Monospace].size),
        color: ui.visuals().text_color(),
        background: ui.visuals().code_bg_color,
        ..TextFormat::default()
    };
    let mut job = LayoutJob::default();
    for (i, part) in text.split('`').enumerate() {
        let format = if i % 2 == 1 { &code } else { &body };
        job.append(part, 0.0, format.clone());
    }
    job.wrap.max_width = ui.available_width();
    job
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headings_paragraphs_and_list_items() {
        let text =
            "SPOF-001 name\n\n## What it flags\nA component that\nis alone.\n\n- one\n- two\n";
        assert_eq!(
            blocks(text),
            [
                Block::Paragraph("SPOF-001 name".to_owned()),
                Block::Heading("What it flags".to_owned()),
                Block::Paragraph("A component that is alone.".to_owned()),
                Block::Paragraph("- one".to_owned()),
                Block::Paragraph("- two".to_owned()),
            ]
        );
    }
}
