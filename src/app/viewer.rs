//! A read-only canvas: containers, components and links drawn in world coordinates inside
//! an `egui::Scene` (drag to pan, ctrl + scroll to zoom, double-click to fit).

use egui::{Align2, FontId, Pos2, Rect, Stroke, StrokeKind, Vec2};

use super::{DiagramApp, theme};
use crate::model::settings::{Settings, SubnetIntent};
use crate::model::{self, Component, LinkKind};

/// Camera state of the canvas.
pub struct ViewState {
    /// World rectangle in view; `Rect::ZERO` means "fit to content" on the next frame.
    pub scene_rect: Rect,
}

impl Default for ViewState {
    fn default() -> Self {
        Self {
            scene_rect: Rect::ZERO,
        }
    }
}

fn to_egui(rect: &model::Rect) -> Rect {
    Rect::from_min_size(
        Pos2::new(rect.min.x, rect.min.y),
        Vec2::new(rect.size.w, rect.size.h),
    )
}

/// The whole window: info panel and canvas.
pub fn app_ui(app: &mut DiagramApp, ui: &mut egui::Ui) {
    egui::Panel::left("info")
        .default_size(280.0)
        .show(ui, |ui| info_ui(app, ui));
    egui::CentralPanel::default().show(ui, |ui| canvas_ui(app, ui));
}

fn info_ui(app: &DiagramApp, ui: &mut egui::Ui) {
    ui.heading(if app.diagram.info.title.is_empty() {
        "Untitled diagram"
    } else {
        &app.diagram.info.title
    });
    ui.label(&app.source);
    if let Some(error) = &app.error {
        ui.separator();
        ui.colored_label(theme::ERROR, "Could not open the diagram");
        ui.label(error);
    }
    ui.separator();
    if !app.diagram.info.description.is_empty() {
        ui.label(&app.diagram.info.description);
        ui.separator();
    }
    let objectives = &app.diagram.info.objectives;
    let show =
        |d: Option<model::Duration>| d.map_or_else(|| "not set".to_owned(), |d| d.to_string());
    ui.label(format!("RPO: {}", show(objectives.rpo)));
    ui.label(format!("RTO: {}", show(objectives.rto)));
    ui.separator();
    ui.label(format!(
        "{} components, {} links",
        app.diagram.component_count(),
        app.diagram.link_count()
    ));
    ui.small("Drag to pan, ctrl + scroll to zoom, double-click to fit.");
}

fn canvas_ui(app: &mut DiagramApp, ui: &mut egui::Ui) {
    if app.view.scene_rect == Rect::ZERO {
        app.view.scene_rect = app
            .diagram
            .bounds()
            .map_or(Rect::ZERO, |b| to_egui(&b.expand(40.0)));
    }
    let diagram = &app.diagram;
    let response =
        egui::Scene::new()
            .zoom_range(0.02..=4.0)
            .show(ui, &mut app.view.scene_rect, |ui| {
                let painter = ui.painter();
                let depth = |c: &Component| diagram.ancestors(&c.id).count();
                let mut containers: Vec<&Component> = diagram
                    .components()
                    .filter(|c| c.kind.is_container())
                    .collect();
                containers.sort_by_key(|c| depth(c));
                for c in containers {
                    let rect = to_egui(&c.rect);
                    let public = matches!(
                        &c.props.settings,
                        Settings::Subnet(s) if s.intent == Some(SubnetIntent::Public)
                    );
                    painter.rect_filled(rect, 4.0, theme::container_fill(c.kind, public));
                    painter.rect_stroke(
                        rect,
                        4.0,
                        Stroke::new(1.5, theme::container_stroke(c.kind)),
                        StrokeKind::Inside,
                    );
                    painter.text(
                        rect.min + Vec2::new(8.0, 6.0),
                        Align2::LEFT_TOP,
                        format!("{} · {}", c.kind.info().short, c.display_name()),
                        FontId::proportional(13.0),
                        theme::container_stroke(c.kind),
                    );
                }
                for link in diagram.links() {
                    let (Some(from), Some(to)) =
                        (diagram.component(&link.from), diagram.component(&link.to))
                    else {
                        continue;
                    };
                    let a = from.rect.boundary_point_towards(to.rect.center());
                    let b = to.rect.boundary_point_towards(from.rect.center());
                    let (a, b) = (Pos2::new(a.x, a.y), Pos2::new(b.x, b.y));
                    let stroke = Stroke::new(
                        if link.kind.is_synchronous() { 2.0 } else { 1.2 },
                        theme::LINK,
                    );
                    if matches!(link.kind, LinkKind::Request | LinkKind::Route) {
                        painter.arrow(a, b - a, stroke);
                    } else {
                        painter.add(egui::Shape::dashed_line(&[a, b], stroke, 6.0, 4.0));
                    }
                }
                for c in diagram.components().filter(|c| !c.kind.is_container()) {
                    let rect = to_egui(&c.rect);
                    let color = theme::category_color(c.kind.info().category);
                    painter.rect_filled(rect, 8.0, color);
                    painter.text(
                        rect.center() - Vec2::new(0.0, 10.0),
                        Align2::CENTER_CENTER,
                        c.kind.info().short,
                        FontId::proportional(15.0),
                        theme::TILE_TEXT,
                    );
                    painter.text(
                        rect.center() + Vec2::new(0.0, 12.0),
                        Align2::CENTER_CENTER,
                        c.display_name(),
                        FontId::proportional(11.0),
                        theme::TILE_TEXT,
                    );
                }
            });
    if response.response.double_clicked() {
        app.view.scene_rect = Rect::ZERO;
    }
}
