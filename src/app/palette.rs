//! The palette: every kind grouped by category, searchable by name and alias; click adds
//! at the view centre, dragging drops where released. Hovering an entry shows the kind's
//! guide from [`crate::learn`].

use egui::{Sense, Vec2};

use super::DiagramApp;
use crate::learn;
use crate::model::{Category, Kind};

/// Widest a palette tooltip grows before its text wraps.
const TOOLTIP_WIDTH: f32 = 320.0;

/// The left panel.
pub fn panel(app: &mut DiagramApp, ui: &mut egui::Ui) {
    egui::Panel::left("palette")
        .resizable(true)
        .default_size(220.0)
        .show(ui, |ui| {
            ui.add_space(4.0);
            let heading = ui.strong("Components");
            ui.add(
                egui::TextEdit::singleline(&mut app.palette_query)
                    .hint_text("Search: ELB, queue, MySQL…")
                    .desired_width(f32::INFINITY),
            )
            .labelled_by(heading.id);
            ui.add_space(4.0);
            egui::ScrollArea::vertical().show(ui, |ui| {
                let query = app.palette_query.clone();
                let mut any = false;
                for category in Category::ALL {
                    let kinds: Vec<Kind> = Kind::ALL
                        .iter()
                        .copied()
                        .filter(|k| k.info().category == category && k.matches_search(&query))
                        .collect();
                    if kinds.is_empty() {
                        continue;
                    }
                    any = true;
                    egui::CollapsingHeader::new(category.label())
                        .default_open(true)
                        .open(if query.is_empty() { None } else { Some(true) })
                        .show(ui, |ui| {
                            for kind in kinds {
                                entry(app, ui, kind);
                            }
                        });
                }
                if !any {
                    ui.weak(format!("Nothing matches “{query}”"));
                }
            });
        });
}

fn entry(app: &mut DiagramApp, ui: &mut egui::Ui, kind: Kind) {
    let info = kind.info();
    let (rect, response) = ui.allocate_exact_size(
        Vec2::new(ui.available_width(), 26.0),
        Sense::click_and_drag(),
    );
    response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, true, info.name));
    if ui.is_rect_visible(rect) {
        let visuals = ui.style().interact(&response);
        if response.hovered() {
            ui.painter().rect_filled(rect, 4.0, visuals.weak_bg_fill);
        }
        let icon = egui::Rect::from_min_size(rect.min + Vec2::new(2.0, 2.0), Vec2::splat(22.0));
        app.icons.paint(ui.painter(), kind, icon);
        ui.painter().text(
            egui::pos2(icon.max.x + 8.0, rect.center().y),
            egui::Align2::LEFT_CENTER,
            info.name,
            egui::TextStyle::Body.resolve(ui.style()),
            visuals.text_color(),
        );
    }
    response.dnd_set_drag_payload(kind);
    let response = response.on_hover_ui(|ui| guide_tooltip(ui, kind));
    if response.clicked() {
        let centre = app.camera.to_world(app.viewport.center());
        super::canvas::add_component_near(app, kind, centre);
    }
}

/// The kind's guide in a compact tooltip: what it is, when to pick it, its neighbours and
/// the topics that concern it (`learn`), then how to add it.
fn guide_tooltip(ui: &mut egui::Ui, kind: Kind) {
    let info = kind.info();
    let guide = learn::guide(kind);
    ui.set_max_width(TOOLTIP_WIDTH);
    ui.strong(info.name);
    if !info.aliases.is_empty() {
        ui.weak(format!("Also known as: {}", info.aliases.join(", ")));
    }
    ui.label(guide.summary);
    ui.label(format!("Choose it when: {}", guide.choose_when));
    if !guide.compare.is_empty() {
        let names: Vec<&str> = guide.compare.iter().map(|k| k.name()).collect();
        ui.label(format!("Compare: {}", names.join(", ")));
    }
    let topics: Vec<&str> = learn::topics_for(kind).map(|t| t.title).collect();
    if !topics.is_empty() {
        ui.label(format!(
            "Learn (Help > Learn, or the inspector once it is drawn): {}",
            topics.join(" · ")
        ));
    }
    ui.small("Click to add at the centre of the view, or drag onto the canvas.");
}
