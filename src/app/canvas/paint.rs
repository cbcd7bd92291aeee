//! Painting the canvas: grid, containers (AWS group styles), links by kind, components as
//! icon + name with ×N and finding badges, selection, and the gesture overlays. Only what
//! intersects the viewport is drawn; zoomed far out, components become plain tiles.

use std::collections::{BTreeMap, BTreeSet};

use petgraph::stable_graph::{EdgeIndex, NodeIndex};

use egui::{Align2, Color32, FontId, Painter, Pos2, Rect, Shape, Stroke, StrokeKind, Vec2};

use super::repoint::{self, LinkEnd};
use super::{HANDLE_RADIUS, Tool, grip_pos, handle_pos, plan_link, plan_move};
use crate::app::icons::Icons;
use crate::app::{DiagramApp, GRID, theme};
use crate::model::scene::{self, Hit};
use crate::model::settings::{Settings, SubnetIntent};
use crate::model::{Component, ComponentId, Kind, LinkId, LinkKind, Point, Severity};

/// Below this zoom, components are drawn as tiles without icons or names.
const DETAIL_ZOOM: f32 = 0.3;

/// Draws everything, in layers: grid, containers, links, components, overlays.
pub fn paint(
    app: &mut DiagramApp,
    ui: &egui::Ui,
    painter: &Painter,
    viewport: Rect,
    hovered: Option<&Hit>,
) {
    let dark = ui.visuals().dark_mode;
    painter.rect_filled(viewport, 0.0, theme::canvas_background(dark));
    paint_grid(app, painter, viewport, dark);

    let offsets = drag_offsets(app);
    let resized = match &app.tool {
        Tool::Resizing { id, rect } => Some((id.clone(), *rect)),
        _ => None,
    };
    let zoom = app.camera.zoom();
    let detail = zoom >= DETAIL_ZOOM;
    let palette = palette_drag(app, ui);
    let drop = drop_target(app, palette.as_ref());
    let camera = app.camera;
    let rect_of = |c: &Component| -> Rect {
        let mut r = c.rect;
        if let Some((id, rect)) = &resized
            && id == &c.id
        {
            r = *rect;
        }
        let mut screen = camera.rect_to_screen(&r);
        if !offsets.is_empty()
            && let Some(offset) = offsets.get(&c.id)
        {
            screen = screen.translate(*offset * zoom);
        }
        screen
    };
    let hovered_id = match hovered {
        Some(Hit::Component(id)) => Some(id),
        _ => None,
    };
    let scene = &app.scene;
    let graph = app.doc.diagram.graph();
    // A picked finding or a what-if failure fades what is not (or no longer) in play.
    let spotlight = app
        .spotlight
        .as_ref()
        .filter(|s| s.revision == app.doc.diagram.revision());
    let mut faded = painter.clone();
    faded.multiply_opacity(0.22);
    let painter_for = |ix: NodeIndex| {
        if spotlight.is_some_and(|s| s.dims(ix)) {
            &faded
        } else {
            painter
        }
    };
    let mut visible: Vec<&Component> = Vec::new();
    let mut box_badges: Vec<(Pos2, (Severity, usize), bool)> = Vec::new();
    // While something is dragged or resized, items are drawn away from their indexed
    // place, so look at everything; otherwise ask the spatial index.
    let world = camera.visible_world(viewport).expand(8.0 / zoom);
    let steady = offsets.is_empty() && resized.is_none();
    let near: Vec<NodeIndex> = match steady.then(|| scene.components_near(&world)).flatten() {
        Some(positions) => positions
            .into_iter()
            .filter_map(|p| scene.order.get(p as usize).copied())
            .collect(),
        None => scene.order.clone(),
    };
    let edges: Vec<EdgeIndex> = match steady.then(|| scene.links_near(&world)).flatten() {
        Some(edges) => edges,
        None => graph.edge_indices().collect(),
    };

    for &ix in &near {
        let Some(c) = graph.node_weight(ix) else {
            continue;
        };
        let r = rect_of(c);
        if !r.intersects(viewport) {
            continue;
        }
        visible.push(c);
        if !c.kind.is_container() {
            continue;
        }
        let selected = app.selection.components.contains(&c.id);
        let target = drop.as_ref().filter(|(t, _)| t == &c.id).map(|(_, ok)| *ok);
        // A box's badge goes on its top-right corner, drawn after everything inside.
        if let Some(&badge) = scene.component_badges.get(&ix) {
            box_badges.push((r.right_top(), badge, spotlight.is_some_and(|s| s.dims(ix))));
        }
        paint_container(
            &mut app.icons,
            zoom,
            ui,
            painter_for(ix),
            c,
            r,
            selected,
            target,
            detail,
        );
    }

    // Link labels and badges sit at a link's middle, which can fall on a component: they
    // are drawn after the components, on a plate, so nothing covers them.
    let mut on_top: Vec<LinkMark<'_>> = Vec::new();
    for &edge in &edges {
        let (Some((from, to)), Some(link)) = (graph.edge_endpoints(edge), graph.edge_weight(edge))
        else {
            continue;
        };
        let emphasised = spotlight.is_some_and(|s| s.emphasises(edge));
        let dimmed = spotlight.is_some_and(|s| s.dims_link(edge, from, to));
        let painter = if dimmed { &faded } else { painter };
        let (from, to) = (&graph[from], &graph[to]);
        let (ra, rb) = (rect_of(from), rect_of(to));
        if !ra.union(rb).intersects(viewport) {
            continue;
        }
        let (a, b) = segment(
            (ra, from.kind.is_container()),
            (rb, to.kind.is_container()),
            scene::lane_offset(graph, edge) * zoom,
        );
        if !detail && (b - a).length() < 3.0 {
            continue;
        }
        let selected = app.selection.links.contains(&link.id);
        let hover = matches!(hovered, Some(Hit::Link(l)) if l == &link.id);
        let color = if selected || emphasised {
            theme::SELECTION
        } else if hover {
            theme::HOVER
        } else {
            theme::link_color(dark)
        };
        let width = if emphasised {
            3.0
        } else if link.kind.is_synchronous() {
            2.0
        } else {
            1.5
        };
        if detail {
            paint_link(painter, a, b, link.kind, Stroke::new(width, color), zoom);
        } else {
            // Zoomed out: plain hairlines, no dashes or arrowheads (level of detail).
            painter.line_segment([a, b], Stroke::new(1.0, color));
        }
        let label = if detail {
            link.props.label.as_str()
        } else {
            ""
        };
        let badge = scene.link_badges.get(&edge).copied();
        if !label.is_empty() || badge.is_some() {
            on_top.push(LinkMark {
                ends: (a, b),
                middle: a + (b - a) / 2.0,
                label,
                badge,
                dimmed,
            });
        }
    }

    for &ix in &near {
        let Some(c) = graph.node_weight(ix) else {
            continue;
        };
        if c.kind.is_container() {
            continue;
        }
        let r = rect_of(c);
        // Smaller than a few pixels: nothing to see (level of detail).
        if !r.intersects(viewport) || (r.width() < 2.5 && r.height() < 2.5) {
            continue;
        }
        let selected = app.selection.components.contains(&c.id);
        let hover = hovered_id == Some(&c.id);
        let painter = painter_for(ix);
        paint_component(
            &mut app.icons,
            zoom,
            ui,
            painter,
            c,
            r,
            selected,
            hover,
            detail,
        );
        if let Some(&(severity, count)) = scene.component_badges.get(&ix) {
            paint_badge(painter, r.left_top(), severity, count, zoom);
        }
    }

    for (corner, (severity, count), dimmed) in box_badges {
        let painter = if dimmed { &faded } else { painter };
        paint_badge(painter, corner, severity, count, zoom);
    }
    // Labels already placed: links between the same two components share a middle, so a
    // label that would land on one of them is stacked above it.
    let mut placed: Vec<Rect> = Vec::new();
    // What labels keep off, on screen: the icons and box names near the view (see
    // `scene::label_obstacles`), gathered only when there is a label to place.
    let obstacles: Vec<Rect> = if on_top.iter().any(|m| !m.label.is_empty()) {
        let header = (22.0 * zoom).clamp(10.0, 26.0);
        // Only what is on screen (while dragging, `near` is every component).
        near.iter()
            .filter_map(|&ix| graph.node_weight(ix))
            .map(|c| {
                let r = rect_of(c);
                if c.kind.is_container() {
                    Rect::from_min_size(r.min, Vec2::new(r.width(), header.min(r.height())))
                } else {
                    r
                }
            })
            .filter(|r| r.intersects(viewport))
            .collect()
    } else {
        Vec::new()
    };
    for LinkMark {
        ends,
        middle,
        label,
        badge,
        dimmed,
    } in on_top
    {
        let painter = if dimmed { &faded } else { painter };
        if !label.is_empty() {
            let font = FontId::proportional(11.0 * zoom.clamp(0.6, 1.5));
            let galley = painter.layout_no_wrap(label.to_owned(), font, theme::text(dark));
            // Beside the line, and clear of the badge drawn on it (radius 9) when there is one.
            let lift = if badge.is_some() && zoom >= DETAIL_ZOOM {
                13.0
            } else {
                8.0
            };
            let point = |p: Pos2| crate::model::Point::new(p.x, p.y);
            let size = crate::model::Size::new(galley.size().x, galley.size().y);
            let anchor =
                scene::label_anchor(point(ends.0), point(ends.1), size, (lift, 8.0), |r| {
                    let r = Rect::from_min_size(
                        Pos2::new(r.min.x, r.min.y),
                        Vec2::new(r.size.w, r.size.h),
                    );
                    obstacles.iter().chain(&placed).any(|o| o.intersects(r))
                });
            let mut at =
                Align2::CENTER_BOTTOM.anchor_size(Pos2::new(anchor.x, anchor.y), galley.size());
            for _ in 0..4 {
                match placed.iter().find(|p| p.intersects(at)) {
                    Some(other) => at = at.translate(Vec2::new(0.0, other.min.y - at.max.y - 2.0)),
                    None => break,
                }
            }
            placed.push(at);
            painter.rect_filled(
                at.expand2(Vec2::new(3.0, 1.0)),
                3.0,
                theme::canvas_background(dark).gamma_multiply(0.85),
            );
            painter.galley(at.min, galley, Color32::PLACEHOLDER);
        }
        if let Some((severity, count)) = badge {
            paint_badge(painter, middle, severity, count, zoom);
        }
    }

    // Handles on the hovered or selected components.
    if matches!(app.tool, Tool::Idle) {
        let diagram = &app.doc.diagram;
        let mut handles: BTreeSet<&ComponentId> = app.selection.components.iter().collect();
        handles.extend(hovered_id);
        for id in handles {
            if let Some(c) = diagram.component(id) {
                let p = handle_pos(app, c);
                painter.circle(
                    p,
                    HANDLE_RADIUS,
                    theme::canvas_background(dark),
                    Stroke::new(1.5, theme::SELECTION),
                );
                if c.kind.is_container() && app.selection.components.contains(id) {
                    let g = grip_pos(app, c);
                    painter.rect_filled(
                        Rect::from_center_size(g, Vec2::splat(9.0)),
                        1.0,
                        theme::SELECTION,
                    );
                }
            }
        }
    }
    // End handles on the selected links, to drag an end elsewhere.
    if matches!(app.tool, Tool::Idle) {
        for id in &app.selection.links {
            if let Some((start, end)) = repoint::end_positions(app, id) {
                for (p, which) in [(start, LinkEnd::From), (end, LinkEnd::To)] {
                    painter.circle(
                        p,
                        HANDLE_RADIUS - 1.0,
                        theme::SELECTION,
                        Stroke::new(1.5, theme::canvas_background(dark)),
                    );
                    link_end_accessibility(ui, p, id, which);
                }
            }
        }
    }
    paint_overlays(app, ui, painter, &rect_of);
    if let Some(drag) = &palette {
        paint_palette_ghost(app, ui, painter, drag);
    }
    if detail && visible.len() <= ACCESSIBLE_LIMIT {
        accessibility(app, ui, &visible, &rect_of);
    }
}

/// What is drawn at a link's middle, above the components.
struct LinkMark<'a> {
    /// Where the line starts and ends on screen.
    ends: (Pos2, Pos2),
    middle: Pos2,
    /// Empty when there is none (or it is too small to read).
    label: &'a str,
    badge: Option<(Severity, usize)>,
    dimmed: bool,
}

/// Beyond this many visible components, canvas items get no accessibility nodes (they
/// would cost more per frame than they are worth; zoom in to get them back).
const ACCESSIBLE_LIMIT: usize = 400;

fn paint_grid(app: &DiagramApp, painter: &Painter, viewport: Rect, dark: bool) {
    let zoom = app.camera.zoom();
    let mut step = GRID;
    while step * zoom < 16.0 {
        step *= 5.0;
    }
    let world = app.camera.visible_world(viewport);
    let stroke = Stroke::new(1.0, theme::grid(dark));
    // Faint lines rather than dots: a few dozen shapes instead of thousands.
    let mut x = (world.min.x / step).ceil() * step;
    while x <= world.min.x + world.size.w {
        let sx = app.camera.to_screen(crate::model::Point::new(x, 0.0)).x;
        painter.vline(sx, viewport.y_range(), stroke);
        x += step;
    }
    let mut y = (world.min.y / step).ceil() * step;
    while y <= world.min.y + world.size.h {
        let sy = app.camera.to_screen(crate::model::Point::new(0.0, y)).y;
        painter.hline(viewport.x_range(), sy, stroke);
        y += step;
    }
}

/// Screen offset (in world units) of components being dragged.
fn drag_offsets(app: &DiagramApp) -> BTreeMap<ComponentId, Vec2> {
    let mut out = BTreeMap::new();
    if let Tool::Moving {
        moved,
        roots,
        grabbed,
        delta,
    } = &app.tool
    {
        let shown = plan_move(app, roots, grabbed, *delta).map_or(*delta, |(d, _, _)| d);
        for id in moved {
            out.insert(id.clone(), shown);
        }
    }
    out
}

/// A component being dragged in from the palette.
struct PaletteDrag {
    kind: Kind,
    /// Where it is (world).
    at: Point,
    /// The box it would join (`None`: the top level), or why it may not go there.
    verdict: Result<Option<ComponentId>, String>,
}

fn palette_drag(app: &DiagramApp, ui: &egui::Ui) -> Option<PaletteDrag> {
    let kind = *egui::DragAndDrop::payload::<Kind>(ui.ctx())?;
    let pointer = ui.input(|i| i.pointer.latest_pos())?;
    if !app.viewport.contains(pointer) {
        return None;
    }
    let at = super::drop_spot(&app.doc.diagram, kind, app.camera.to_world(pointer));
    Some(PaletteDrag {
        kind,
        at,
        verdict: scene::parent_for_new(&app.doc.diagram, kind, at),
    })
}

/// The box a drop would go into, and whether the model allows it: for a move, or for a
/// component dragged in from the palette (`palette`).
fn drop_target(app: &DiagramApp, palette: Option<&PaletteDrag>) -> Option<(ComponentId, bool)> {
    if let Some(drag) = palette {
        return match &drag.verdict {
            Ok(parent) => parent.clone().map(|p| (p, true)),
            Err(_) => scene::container_at(&app.doc.diagram, drag.at, &[]).map(|t| (t, false)),
        };
    }
    let Tool::Moving {
        roots,
        grabbed,
        delta,
        ..
    } = &app.tool
    else {
        return None;
    };
    match plan_move(app, roots, grabbed, *delta) {
        Ok((_, _, target)) => target.map(|t| (t, true)),
        Err(_) => {
            let c = app.doc.diagram.component(grabbed)?;
            let centre = c.rect.center().offset(delta.x, delta.y);
            scene::container_at(&app.doc.diagram, centre, roots).map(|t| (t, false))
        }
    }
}

fn paint_badge(painter: &Painter, at: Pos2, severity: Severity, count: usize, zoom: f32) {
    let color = theme::severity(severity);
    if zoom < DETAIL_ZOOM {
        // Zoomed out: a square that shrinks with the components, so that at a few per cent
        // the badges do not cover the whole diagram.
        let side = (7.0 * zoom / DETAIL_ZOOM).clamp(2.0, 7.0);
        painter.rect_filled(Rect::from_center_size(at, Vec2::splat(side)), 0.0, color);
        return;
    }
    painter.circle(at, 9.0, color, Stroke::new(1.5, Color32::WHITE));
    painter.text(
        at,
        Align2::CENTER_CENTER,
        count.to_string(),
        FontId::proportional(10.0),
        Color32::WHITE,
    );
}

#[allow(clippy::too_many_arguments)]
fn paint_container(
    icons: &mut Icons,
    zoom: f32,
    ui: &egui::Ui,
    painter: &Painter,
    c: &Component,
    r: Rect,
    selected: bool,
    drop_target: Option<bool>,
    detail: bool,
) {
    let dark = ui.visuals().dark_mode;
    let public = matches!(
        &c.props.settings,
        Settings::Subnet(s) if s.intent == Some(SubnetIntent::Public)
    );
    let fill = theme::container_fill(c.kind, public);
    if fill != Color32::TRANSPARENT {
        painter.rect_filled(r, 0.0, fill);
    }
    let color = theme::container_stroke(c.kind, public);
    let stroke = Stroke::new(1.5, color);
    if detail && (c.kind == Kind::AvailabilityZone || c.kind == Kind::AutoScalingGroup) {
        let pts = [
            r.left_top(),
            r.right_top(),
            r.right_bottom(),
            r.left_bottom(),
            r.left_top(),
        ];
        painter.extend(Shape::dashed_line(&pts, stroke, 8.0, 5.0));
    } else {
        painter.rect_stroke(r, 0.0, stroke, StrokeKind::Inside);
    }
    if let Some(ok) = drop_target {
        let color = if ok { theme::DROP_OK } else { theme::ERROR };
        painter.rect_stroke(r, 2.0, Stroke::new(3.0, color), StrokeKind::Outside);
    }
    if selected {
        painter.rect_stroke(
            r,
            2.0,
            Stroke::new(2.5, theme::SELECTION),
            StrokeKind::Outside,
        );
    }
    let header = (22.0 * zoom).clamp(10.0, 26.0);
    let Some((icon_rect, room)) = box_header(r, header) else {
        return;
    };
    if detail {
        icons.paint(painter, c.kind, icon_rect);
    }
    let Some(room) = room else {
        return;
    };
    let title = if public {
        format!("{} (public)", c.display_name())
    } else {
        c.display_name().to_owned()
    };
    // One line in the header: a label too wide for the box first gets a smaller font
    // (down to a size still read at a glance), then ends in "…" at the box's edge rather
    // than being cut through a letter. Zoomed out, the font's floor makes labels wide.
    let color = theme::container_text(c.kind, dark);
    let mut size = (header * 0.55).max(9.0);
    let mut galley = painter.layout_no_wrap(title.clone(), FontId::proportional(size), color);
    if galley.size().x > room {
        size = shrunk_font_size(size, galley.size().x, room);
        let mut job =
            egui::text::LayoutJob::simple_singleline(title, FontId::proportional(size), color);
        job.wrap = egui::text::TextWrapping::truncate_at_width(room);
        galley = painter.layout_job(job);
    }
    painter
        .with_clip_rect(r.intersect(painter.clip_rect()))
        .galley(
            Pos2::new(
                icon_rect.max.x + 5.0,
                r.min.y + (header - galley.size().y) / 2.0 + 2.0,
            ),
            galley,
            Color32::PLACEHOLDER,
        );
}

/// Narrowest box, in pixels, that gets its header (icon and label).
const MIN_LABELLED_BOX: f32 = 48.0;

/// Least room, in pixels, for a box's label: a few letters and "…".
const MIN_LABEL_ROOM: f32 = 20.0;

/// Where a box drawn at `r` (screen pixels) with a header `header` pixels high puts its
/// icon, and how wide its label may be: `None` for a box too small for its icon, no label
/// room when only the icon fits. A narrow box still shows its icon and the start of its
/// name (a subnet zoomed out, a group drawn around one instance).
fn box_header(r: Rect, header: f32) -> Option<(Rect, Option<f32>)> {
    if r.height() < header * 1.2 || r.width() < MIN_LABELLED_BOX {
        return None;
    }
    let icon = Rect::from_min_size(r.min + Vec2::splat(3.0), Vec2::splat(header - 2.0));
    let room = r.max.x - icon.max.x - 5.0 - 4.0;
    Some((icon, (room >= MIN_LABEL_ROOM).then_some(room)))
}

/// The font size at which a label `width` wide at `size` fits in `room`, but never below
/// the smallest size read at a glance (then the label is cut with "…").
fn shrunk_font_size(size: f32, width: f32, room: f32) -> f32 {
    const SMALLEST: f32 = 7.5;
    if width <= room || width <= 0.0 {
        return size;
    }
    (size * room / width).clamp(SMALLEST.min(size), size)
}

#[allow(clippy::too_many_arguments)]
fn paint_component(
    icons: &mut Icons,
    zoom: f32,
    ui: &egui::Ui,
    painter: &Painter,
    c: &Component,
    r: Rect,
    selected: bool,
    hover: bool,
    detail: bool,
) {
    let dark = ui.visuals().dark_mode;
    if !detail {
        painter.rect_filled(r, 0.0, theme::category_color(c.kind.info().category));
        if selected {
            painter.rect_stroke(
                r,
                2.0,
                Stroke::new(2.0, theme::SELECTION),
                StrokeKind::Outside,
            );
        }
        return;
    }
    let border = if selected {
        Stroke::new(2.5, theme::SELECTION)
    } else if hover {
        Stroke::new(1.5, theme::HOVER)
    } else {
        Stroke::new(1.0, theme::card_border(dark))
    };
    painter.rect(r, 6.0 * zoom, theme::card(dark), border, StrokeKind::Inside);
    let icon = (r.height() * 0.55).min(r.width() * 0.6);
    let icon_rect = Rect::from_center_size(
        Pos2::new(r.center().x, r.min.y + 4.0 * zoom + icon / 2.0),
        Vec2::splat(icon),
    );
    icons.paint(painter, c.kind, icon_rect);
    let font = FontId::proportional(11.0 * zoom);
    let galley = painter.layout(
        c.display_name().to_owned(),
        font,
        theme::text(dark),
        r.width() - 4.0,
    );
    let text_top = icon_rect.max.y + 2.0 * zoom;
    painter.with_clip_rect(r).galley(
        Pos2::new(r.center().x - galley.size().x / 2.0, text_top),
        galley,
        Color32::PLACEHOLDER,
    );
    let count = c.count();
    if count > 1 {
        let at = r.right_top() + Vec2::new(-4.0, 4.0);
        let text = format!("×{count}");
        let galley = painter.layout_no_wrap(text, FontId::proportional(11.0), Color32::WHITE);
        let badge = Rect::from_min_size(
            at - Vec2::new(galley.size().x + 8.0, 0.0),
            galley.size() + Vec2::new(8.0, 2.0),
        );
        painter.rect_filled(badge, 6.0, theme::category_color(c.kind.info().category));
        painter.galley(badge.min + Vec2::new(4.0, 1.0), galley, Color32::WHITE);
    }
}

/// Where a link is drawn between two screen rectangles (each with whether it is a box),
/// `lane` pixels beside the straight line (see [`scene::link_ends_in_lane`]).
fn segment(a: (Rect, bool), b: (Rect, bool), lane: f32) -> (Pos2, Pos2) {
    let end = |(r, is_box): (Rect, bool)| scene::LinkEnd {
        rect: crate::model::Rect::new(
            crate::model::Point::new(r.min.x, r.min.y),
            crate::model::Size::new(r.width(), r.height()),
        ),
        is_box,
    };
    let (p, q) = scene::link_ends_in_lane(end(a), end(b), lane);
    (Pos2::new(p.x, p.y), Pos2::new(q.x, q.y))
}

/// A link: solid when the caller waits, dashed when asynchronous, dotted for copies of
/// data; an arrowhead at the receiving end.
fn paint_link(painter: &Painter, a: Pos2, b: Pos2, kind: LinkKind, stroke: Stroke, zoom: f32) {
    // Dots and dashes are one shape each: only make those of the part in view (a long
    // backup link across a Region made tens of thousands off screen).
    let Some((from, to)) = clip_segment(a, b, painter.clip_rect().expand(8.0)) else {
        return;
    };
    match kind {
        LinkKind::Replicate | LinkKind::Backup | LinkKind::DataTransfer => {
            painter.extend(Shape::dotted_line(
                &[from, to],
                stroke.color,
                6.0,
                stroke.width / 1.5,
            ));
        }
        LinkKind::Send
        | LinkKind::Consume
        | LinkKind::Subscribe
        | LinkKind::Trigger
        | LinkKind::DeadLetter
        | LinkKind::ImagePull => {
            painter.extend(Shape::dashed_line(&[from, to], stroke, 8.0, 5.0));
        }
        _ => {
            painter.line_segment([from, to], stroke);
        }
    }
    if to != b {
        // The receiving end is out of view, and so is its arrowhead.
        return;
    }
    let dir = (b - a).normalized();
    if dir.is_finite() && (b - a).length() > 4.0 {
        let size = (10.0 * zoom).clamp(6.0, 12.0);
        let normal = Vec2::new(-dir.y, dir.x);
        let tip = b;
        let base = b - dir * size;
        painter.add(Shape::convex_polygon(
            vec![
                tip,
                base + normal * size * 0.45,
                base - normal * size * 0.45,
            ],
            stroke.color,
            Stroke::NONE,
        ));
    }
}

/// The part of the segment `a`–`b` inside `rect` (Liang–Barsky), if any.
fn clip_segment(a: Pos2, b: Pos2, rect: Rect) -> Option<(Pos2, Pos2)> {
    let d = b - a;
    let (mut t0, mut t1) = (0.0_f32, 1.0_f32);
    for (p, q) in [
        (-d.x, a.x - rect.min.x),
        (d.x, rect.max.x - a.x),
        (-d.y, a.y - rect.min.y),
        (d.y, rect.max.y - a.y),
    ] {
        if p == 0.0 {
            if q < 0.0 {
                return None;
            }
            continue;
        }
        let t = q / p;
        if p < 0.0 {
            t0 = t0.max(t);
        } else {
            t1 = t1.min(t);
        }
        if t0 > t1 {
            return None;
        }
    }
    let at = |t: f32| {
        if t <= 0.0 {
            a
        } else if t >= 1.0 {
            b
        } else {
            a + d * t
        }
    };
    Some((at(t0), at(t1)))
}

fn paint_overlays(
    app: &DiagramApp,
    ui: &egui::Ui,
    painter: &Painter,
    rect_of: &dyn Fn(&Component) -> Rect,
) {
    match &app.tool {
        Tool::Connecting { from, to } => {
            let Some(c) = app.doc.diagram.component(from) else {
                return;
            };
            let start = rect_of(c);
            let end = app.camera.to_screen(*to);
            let target = super::link_target(app, *to);
            let verdict = target.as_ref().map(|t| plan_link(app, from, t));
            let color = match &verdict {
                Some(Ok(_)) => theme::DROP_OK,
                Some(Err(_)) => theme::ERROR,
                None => theme::SELECTION,
            };
            painter.line_segment([start.right_center(), end], Stroke::new(2.0, color));
            let text = match &verdict {
                Some(Ok(link)) => Some(format!("{} link", link.kind.label())),
                Some(Err(reason)) => Some(reason.clone()),
                None => None,
            };
            if let Some(text) = text {
                tip(ui, painter, end, &text, color);
            }
        }
        Tool::Repointing { link, end, to } => {
            let Some((start, finish)) = repoint::end_positions(app, link) else {
                return;
            };
            let fixed = match end {
                LinkEnd::From => finish,
                LinkEnd::To => start,
            };
            let pointer = app.camera.to_screen(*to);
            let target = super::link_target(app, *to);
            let verdict = target.as_ref().map(|t| repoint::plan(app, link, *end, t));
            let color = match &verdict {
                Some(Ok(_)) => theme::DROP_OK,
                Some(Err(_)) => theme::ERROR,
                None => theme::SELECTION,
            };
            painter.line_segment([fixed, pointer], Stroke::new(2.0, color));
            let text = match &verdict {
                Some(Ok((kind, ..))) => Some(format!("{} link", kind.label())),
                Some(Err(reason)) => Some(reason.clone()),
                None => None,
            };
            if let Some(text) = text {
                tip(ui, painter, pointer, &text, color);
            }
        }
        Tool::RubberBand {
            origin, current, ..
        } => {
            let r = Rect::from_two_pos(
                app.camera.to_screen(*origin),
                app.camera.to_screen(*current),
            );
            painter.rect(
                r,
                0.0,
                theme::SELECTION.gamma_multiply(0.12),
                Stroke::new(1.0, theme::SELECTION),
                StrokeKind::Inside,
            );
        }
        Tool::Moving {
            roots,
            grabbed,
            delta,
            ..
        } => {
            if let Err(reason) = plan_move(app, roots, grabbed, *delta)
                && let Some(p) = ui.input(|i| i.pointer.latest_pos())
            {
                tip(ui, painter, p, &reason, theme::ERROR);
            }
        }
        _ => {}
    }
}

/// Where a component dragged in from the palette would land: its outline under the
/// pointer, green where it may go (the box it would join is outlined too), red with the
/// reason where it may not.
fn paint_palette_ghost(app: &DiagramApp, ui: &egui::Ui, painter: &Painter, drag: &PaletteDrag) {
    let PaletteDrag { kind, at, verdict } = drag;
    let size = crate::model::component::default_size(*kind);
    let world = crate::model::Rect::new(at.offset(-size.w / 2.0, -size.h / 2.0), size);
    let ghost = app.camera.rect_to_screen(&world);
    let color = if verdict.is_ok() {
        theme::DROP_OK
    } else {
        theme::ERROR
    };
    painter.rect(
        ghost,
        4.0,
        color.gamma_multiply(0.15),
        Stroke::new(1.5, color),
        StrokeKind::Inside,
    );
    let name = kind.info().name;
    let said = match &verdict {
        Ok(Some(parent)) => format!(
            "Drop {name} into {}",
            app.doc
                .diagram
                .component(parent)
                .map_or(parent.as_str(), Component::display_name)
        ),
        Ok(None) => format!("Drop {name} here"),
        Err(reason) => format!("Cannot drop {name} here: {reason}"),
    };
    if let Err(reason) = &verdict {
        tip(ui, painter, ghost.right_bottom(), reason, theme::ERROR);
    }
    // Said for screen readers (and found by tests) as well as shown.
    let response = ui.interact(
        ghost,
        ui.make_persistent_id("palette drop"),
        egui::Sense::hover(),
    );
    response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Label, true, said.clone()));
}

/// A small tooltip-like note next to the pointer.
fn tip(ui: &egui::Ui, painter: &Painter, at: Pos2, text: &str, color: Color32) {
    let dark = ui.visuals().dark_mode;
    let galley = painter.layout(
        text.to_owned(),
        FontId::proportional(12.0),
        theme::text(dark),
        320.0,
    );
    let size = galley.size() + Vec2::splat(10.0);
    let mut rect = Rect::from_min_size(at + Vec2::new(14.0, 14.0), size);
    // Near the canvas's right or bottom edge, the note goes to the other side of the
    // pointer instead of under the panels.
    let canvas = painter.clip_rect();
    if rect.max.x > canvas.max.x {
        rect = rect.translate(Vec2::new(-(size.x + 28.0), 0.0));
    }
    if rect.max.y > canvas.max.y {
        rect = rect.translate(Vec2::new(0.0, -(size.y + 28.0)));
    }
    painter.rect(
        rect,
        4.0,
        theme::card(dark),
        Stroke::new(1.5, color),
        StrokeKind::Inside,
    );
    painter.galley(rect.min + Vec2::splat(5.0), galley, Color32::PLACEHOLDER);
}

/// Names a link's end handle for screen readers and tests ("End of link app->db").
fn link_end_accessibility(ui: &egui::Ui, at: Pos2, link: &LinkId, end: LinkEnd) {
    let response = ui.interact(
        Rect::from_center_size(at, Vec2::splat(HANDLE_RADIUS * 2.0)),
        ui.make_persistent_id(("link end", link.as_str(), end.name())),
        egui::Sense::hover(),
    );
    let mut name = format!("{} of link {link}", end.name());
    if let Some(first) = name.get_mut(..1) {
        first.make_ascii_uppercase();
    }
    response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, true, name.clone()));
}

/// Gives each visible component an accessible name (screen readers, kittest queries).
fn accessibility(
    app: &DiagramApp,
    ui: &egui::Ui,
    visible: &[&Component],
    rect_of: &dyn Fn(&Component) -> Rect,
) {
    let viewport = app.viewport;
    for c in visible {
        let r = rect_of(c).intersect(viewport);
        if !r.is_positive() {
            continue;
        }
        let response = ui.interact(
            r,
            ui.make_persistent_id(("component", c.id.as_str())),
            egui::Sense::hover(),
        );
        let name = c.display_name().to_owned();
        let selected = app.selection.components.contains(&c.id);
        response.widget_info(|| {
            egui::WidgetInfo::selected(egui::Role::Button, true, selected, name.clone())
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_narrow_box_keeps_its_icon_and_the_start_of_its_name() {
        let header = 12.0;
        let sized = |w: f32| Rect::from_min_size(Pos2::new(10.0, 10.0), Vec2::new(w, 200.0));
        // A subnet zoomed out to 70 pixels, or a group around one instance at 55 %.
        let (icon, room) = box_header(sized(70.0), header).expect("a header");
        assert!(icon.max.x < 80.0);
        assert!(room.is_some_and(|room| room >= MIN_LABEL_ROOM));
        // Zoomed in, the icon is large: room for it only.
        assert_eq!(
            box_header(sized(50.0), 26.0).map(|(_, room)| room),
            Some(None)
        );
        // Too small for either.
        assert!(box_header(sized(40.0), header).is_none());
        let flat = Rect::from_min_size(Pos2::ZERO, Vec2::new(300.0, 12.0));
        assert!(box_header(flat, header).is_none());
    }

    #[test]
    fn a_label_too_wide_for_its_box_shrinks_but_stays_readable() {
        assert_eq!(shrunk_font_size(9.0, 100.0, 120.0), 9.0, "fits as it is");
        assert_eq!(shrunk_font_size(9.0, 120.0, 100.0), 7.5);
        assert!((shrunk_font_size(12.0, 110.0, 100.0) - 12.0 * 100.0 / 110.0).abs() < 1e-4);
        assert_eq!(
            shrunk_font_size(9.0, 400.0, 100.0),
            7.5,
            "never below the floor"
        );
    }

    #[test]
    fn links_are_cut_to_the_visible_part() {
        let view = Rect::from_min_max(Pos2::new(0.0, 0.0), Pos2::new(100.0, 100.0));
        let inside = (Pos2::new(10.0, 10.0), Pos2::new(90.0, 50.0));
        assert_eq!(clip_segment(inside.0, inside.1, view), Some(inside));
        let (from, to) =
            clip_segment(Pos2::new(-100.0, 50.0), Pos2::new(300.0, 50.0), view).unwrap();
        assert_eq!((from, to), (Pos2::new(0.0, 50.0), Pos2::new(100.0, 50.0)));
        let (from, to) = clip_segment(Pos2::new(50.0, 50.0), Pos2::new(50.0, 500.0), view).unwrap();
        assert_eq!((from, to), (Pos2::new(50.0, 50.0), Pos2::new(50.0, 100.0)));
        assert_eq!(
            clip_segment(Pos2::new(-10.0, -10.0), Pos2::new(-10.0, 200.0), view),
            None
        );
        assert_eq!(
            clip_segment(Pos2::new(150.0, -50.0), Pos2::new(250.0, 50.0), view),
            None
        );
    }
}
