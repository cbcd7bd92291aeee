//! The findings area (bottom panel): the lint report of the current revision grouped by
//! the notes' checklist; clicking a finding selects and frames its subjects, **Fix**
//! applies its quick fix as one undoable entry.

use super::DiagramApp;
use super::command::AppCommand;
use crate::model::{ComponentId, LinkId};
use crate::rules::{Family, Finding, Subject};

/// One line of the findings list.
#[derive(Clone, Copy)]
enum Line {
    Family(Family, usize),
    Finding(usize),
}

/// The bottom panel.
pub fn panel(app: &mut DiagramApp, ui: &mut egui::Ui) {
    egui::Panel::bottom("findings")
        .resizable(true)
        .default_size(170.0)
        .show(ui, |ui| {
            if let Some(error) = &app.error {
                ui.colored_label(super::theme::ERROR, "Could not open the diagram");
                ui.label(error);
                ui.separator();
            }
            let mut lines = Vec::new();
            for (family, list) in &app.scene.by_family {
                lines.push(Line::Family(*family, list.len()));
                if !app.folded.contains(family) {
                    lines.extend(list.iter().map(|&i| Line::Finding(i)));
                }
            }
            let open: usize = app.scene.by_family.iter().map(|(_, l)| l.len()).sum();
            ui.horizontal(|ui| {
                ui.strong("Findings");
                ui.weak(format!("{open} open"));
            });
            if lines.is_empty() {
                ui.weak("Nothing to report on this diagram.");
                return;
            }
            let row_height = ui.spacing().interact_size.y + 2.0;
            egui::ScrollArea::vertical()
                .auto_shrink([false, false])
                .show_rows(ui, row_height, lines.len(), |ui, range| {
                    for line in &lines[range] {
                        match *line {
                            Line::Family(family, n) => {
                                let folded = app.folded.contains(&family);
                                let arrow = if folded { "+" } else { "-" };
                                let text = format!("{arrow} {} ({n})", family.label());
                                if ui
                                    .add(
                                        egui::Label::new(egui::RichText::new(text).strong())
                                            .sense(egui::Sense::click()),
                                    )
                                    .clicked()
                                    && !app.folded.remove(&family)
                                {
                                    app.folded.insert(family);
                                }
                            }
                            Line::Finding(i) => {
                                let finding = app
                                    .doc
                                    .linted()
                                    .and_then(|l| l.report.findings.get(i))
                                    .cloned();
                                if let Some(f) = finding {
                                    row(app, ui, &f);
                                }
                            }
                        }
                    }
                });
        });
}

fn row(app: &mut DiagramApp, ui: &mut egui::Ui, f: &Finding) {
    ui.horizontal(|ui| {
        ui.colored_label(super::theme::severity(f.severity), f.severity.as_str());
        ui.monospace(f.rule_id);
        for fix in &f.fixes {
            if ui.small_button("Fix").on_hover_text(&fix.title).clicked() {
                match fix.edit(&app.doc.diagram) {
                    Some(edit) => app.push(AppCommand::Apply {
                        label: fix.title.clone(),
                        edit,
                        select: None,
                    }),
                    None => app.push(AppCommand::Notify(format!(
                        "“{}” no longer applies to this diagram",
                        fix.title
                    ))),
                }
            }
        }
        let text = egui::Label::new(&f.message)
            .sense(egui::Sense::click())
            .truncate();
        if ui.add(text).on_hover_text(&f.message).clicked() {
            let (components, links) = subjects(f);
            app.selection = super::selection::Selection::of(components.clone(), links);
            frame_components(app, &components);
        }
    });
}

fn subjects(f: &Finding) -> (Vec<ComponentId>, Vec<LinkId>) {
    let mut components = Vec::new();
    let mut links = Vec::new();
    for s in &f.subjects {
        match s {
            Subject::Component(id) => components.push(id.clone()),
            Subject::Link(id) => links.push(id.clone()),
        }
    }
    (components, links)
}

/// Moves the camera so that `ids` are in view.
fn frame_components(app: &mut DiagramApp, ids: &[ComponentId]) {
    let bounds = ids
        .iter()
        .filter_map(|id| app.doc.diagram.component(id))
        .map(|c| c.rect)
        .reduce(|a, b| a.union(&b));
    if bounds.is_some() {
        let viewport = app.viewport;
        app.camera.fit(bounds.map(|b| b.expand(120.0)), viewport);
    }
}
