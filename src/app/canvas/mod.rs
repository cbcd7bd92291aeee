//! The canvas: pointer gestures as an explicit `Tool` state machine (STYLE.md §A.6), with
//! hit testing in `model::scene`. Painting lives in `paint`. A gesture never edits the
//! diagram while it runs; it queues one `Edit` when it ends, so one drag is one undo step.

mod paint;
pub mod repoint;

use egui::{Key, PointerButton, Pos2, Sense, Vec2};

use super::DiagramApp;
use super::command::{AppCommand, Command};
use crate::model::scene::{self, Hit};
use crate::model::{self, Component, ComponentId, Edit, Kind, Link, LinkId, LinkKind, Point, Size};

/// Radius of the connect handle, in screen points.
pub const HANDLE_RADIUS: f32 = 6.0;

/// Smallest size a container can be resized to, in world units.
const MIN_CONTAINER: Size = Size::new(120.0, 80.0);

/// The pointer gesture in progress.
#[derive(Clone, Debug, Default, PartialEq)]
pub enum Tool {
    /// Nothing in progress.
    #[default]
    Idle,
    /// Dragging the selection; `delta` is the world offset so far.
    Moving {
        /// The dragged components that are not inside another dragged one.
        roots: Vec<ComponentId>,
        /// Those and everything inside them (drawn offset while dragging).
        moved: Vec<ComponentId>,
        /// The component under the pointer when the drag started.
        grabbed: ComponentId,
        /// World offset so far (not snapped).
        delta: Vec2,
    },
    /// Dragging a new link out of a component's handle.
    Connecting {
        /// Where it starts.
        from: ComponentId,
        /// Pointer position in world units.
        to: Point,
    },
    /// Dragging one end of a selected link to another component.
    Repointing {
        /// The link.
        link: LinkId,
        /// The end being moved.
        end: repoint::LinkEnd,
        /// Pointer position in world units.
        to: Point,
    },
    /// Dragging a selection rectangle.
    RubberBand {
        /// Where the drag started (world).
        origin: Point,
        /// Where the pointer is (world).
        current: Point,
        /// Shift held: add to the selection.
        additive: bool,
    },
    /// Dragging a container's corner.
    Resizing {
        /// The container.
        id: ComponentId,
        /// Its rectangle so far.
        rect: model::Rect,
    },
    /// Moving the view.
    Panning,
    /// Editing a component's name in place.
    Renaming {
        /// The component.
        id: ComponentId,
        /// The text so far.
        text: String,
    },
}

/// Draws the canvas and turns pointer input into queued commands.
pub fn canvas(app: &mut DiagramApp, ui: &mut egui::Ui) {
    let (response, painter) = ui.allocate_painter(ui.available_size(), Sense::click_and_drag());
    let viewport = response.rect;
    app.viewport = viewport;
    let resized_after_fit = app
        .camera
        .fitted_in
        .take()
        .is_some_and(|fitted| fitted.size() != viewport.size());
    let window = ui.ctx().content_rect().size();
    let window_resized = app
        .camera
        .window
        .replace(window)
        .is_some_and(|before| before != window);
    if app.camera.fit_pending || resized_after_fit || (window_resized && app.camera.shows_fit) {
        app.camera.fit(app.doc.diagram.bounds(), viewport);
        if app.camera.fit_pending {
            app.camera.fitted_in = Some(viewport);
        }
        app.camera.fit_pending = false;
    }
    super::findings::pick_after_open(app);
    if response.hovered() {
        scroll_and_zoom(app, ui);
    }
    let pointer = ui.input(|i| i.pointer.latest_pos());
    let world_pointer = pointer.map(|p| app.camera.to_world(p));

    handle_drag(app, ui, &response);
    handle_clicks(app, ui, &response);
    handle_palette_drop(app, &response);

    let hovered = world_pointer
        .filter(|_| response.hovered())
        .map(|p| hit(app, p));
    paint::paint(app, ui, &painter, viewport, hovered.as_ref());
    if app.doc.diagram.is_empty() {
        empty_canvas_hint(ui, viewport);
    }
    if let Tool::Renaming { .. } = app.tool {
        rename_field(app, ui);
    }
    if let (Some(Hit::Component(id)), Tool::Idle) = (&hovered, &app.tool)
        && let Some(c) = app.doc.diagram.component(id).cloned()
    {
        let text = hover_text(app, &c);
        response.on_hover_text_at_pointer(text);
    }
}

/// How to start, in the middle of an empty canvas.
pub const EMPTY_HINT: &str = "Drag a component here from the palette, or click one to add it.\n\
Start with a Region and a VPC, then subnets in two Availability Zones.\n\
File > Open sample shows finished designs; Help > Learn answers common questions.";

/// Width of the hint's text block.
const EMPTY_HINT_WIDTH: f32 = 460.0;

/// In a layer that takes no pointer input, so drops, clicks and zooming at the middle of the
/// canvas still reach the canvas.
fn empty_canvas_hint(ui: &mut egui::Ui, viewport: egui::Rect) {
    let width = EMPTY_HINT_WIDTH.min(viewport.width());
    egui::Area::new(egui::Id::unique("empty_canvas_hint"))
        .interactable(false)
        .fixed_pos(viewport.center() - egui::vec2(width / 2.0, 30.0))
        .show(ui.ctx(), |ui| {
            ui.set_width(width);
            ui.vertical_centered(|ui| {
                ui.add(egui::Label::new(egui::RichText::new(EMPTY_HINT).weak()).selectable(false));
            });
        });
}

/// What hovering a component shows: its name and kind, what the service is for, and its
/// findings.
fn hover_text(app: &DiagramApp, c: &Component) -> String {
    let guide = crate::learn::guide(c.kind);
    let mut text = format!(
        "{}\n{} {}",
        c.name_and_kind(),
        guide.summary,
        guide.choose_when
    );
    let Some(lint) = app.doc.linted() else {
        return text;
    };
    for f in lint
        .report
        .active()
        .filter(|f| f.subjects.iter().any(|s| s.as_str() == c.id.as_str()))
    {
        text.push_str(&format!("\n- {} {}: {}", f.severity, f.rule_id, f.message));
    }
    text
}

fn scroll_and_zoom(app: &mut DiagramApp, ui: &egui::Ui) {
    let (scroll, zoom, pointer) =
        ui.input(|i| (i.smooth_scroll_delta, i.zoom_delta(), i.pointer.hover_pos()));
    if zoom != 1.0
        && let Some(p) = pointer
    {
        app.camera.zoom_around(p, zoom);
    } else if scroll != Vec2::ZERO {
        app.camera.pan(scroll);
    }
}

/// What is under a world point, with a tolerance of a few screen points.
fn hit(app: &DiagramApp, p: Point) -> Hit {
    let order = app.scene.components(&app.doc);
    scene::hit_test(&app.doc.diagram, &order, p, 6.0 / app.camera.zoom())
}

/// The connect handle's centre on screen: right edge, half-way down.
pub fn handle_pos(app: &DiagramApp, c: &Component) -> Pos2 {
    let r = app.camera.rect_to_screen(&c.rect);
    Pos2::new(r.max.x, r.center().y)
}

/// The resize grip's centre on screen: bottom-right corner.
pub fn grip_pos(app: &DiagramApp, c: &Component) -> Pos2 {
    app.camera.rect_to_screen(&c.rect).max
}

/// Which component's connect handle is at `p` (screen), among hovered or selected leaves.
fn handle_at(app: &DiagramApp, p: Pos2) -> Option<ComponentId> {
    app.doc
        .diagram
        .components()
        .filter(|c| !c.kind.is_container() || app.selection.components.contains(&c.id))
        .find(|c| handle_pos(app, c).distance(p) <= HANDLE_RADIUS + 3.0)
        .map(|c| c.id.clone())
}

fn handle_drag(app: &mut DiagramApp, ui: &egui::Ui, response: &egui::Response) {
    let space = ui.input(|i| i.key_down(Key::Space));
    if response.drag_started() {
        let origin = ui.input(|i| i.pointer.press_origin()).unwrap_or_default();
        let world = app.camera.to_world(origin);
        let shift = ui.input(|i| i.modifiers.shift);
        app.tool = if response.dragged_by(PointerButton::Middle)
            || response.dragged_by(PointerButton::Secondary)
            || space
        {
            Tool::Panning
        } else if let Some((link, end)) = repoint::end_at(app, origin) {
            Tool::Repointing {
                link,
                end,
                to: world,
            }
        } else if let Some(id) = resize_grip_at(app, origin) {
            let rect = app
                .doc
                .diagram
                .component(&id)
                .map(|c| c.rect)
                .unwrap_or_default();
            Tool::Resizing { id, rect }
        } else if let Some(from) = handle_at(app, origin) {
            Tool::Connecting { from, to: world }
        } else {
            match hit(app, world) {
                Hit::Component(id) => {
                    if !app.selection.components.contains(&id) {
                        if !shift {
                            app.selection.clear();
                        }
                        app.selection.components.insert(id.clone());
                    }
                    let roots = app.selection.movable_roots(&app.doc.diagram);
                    let moved = app.doc.diagram.with_descendants(&roots);
                    Tool::Moving {
                        roots,
                        moved,
                        grabbed: id,
                        delta: Vec2::ZERO,
                    }
                }
                Hit::Link(_) | Hit::Background => Tool::RubberBand {
                    origin: world,
                    current: world,
                    additive: shift,
                },
            }
        };
    }
    if response.dragged() {
        let delta = response.drag_delta();
        let zoom = app.camera.zoom();
        let pointer = ui
            .input(|i| i.pointer.latest_pos())
            .map(|p| app.camera.to_world(p));
        match &mut app.tool {
            Tool::Panning => app.camera.pan(delta),
            Tool::Moving { delta: d, .. } => *d += delta / zoom,
            Tool::Connecting { to, .. }
            | Tool::Repointing { to, .. }
            | Tool::RubberBand { current: to, .. } => {
                if let Some(p) = pointer {
                    *to = p;
                }
            }
            Tool::Resizing { rect, .. } => {
                rect.size.w = (rect.size.w + delta.x / zoom).max(MIN_CONTAINER.w);
                rect.size.h = (rect.size.h + delta.y / zoom).max(MIN_CONTAINER.h);
            }
            Tool::Idle | Tool::Renaming { .. } => {}
        }
    }
    if response.drag_stopped() {
        let tool = std::mem::take(&mut app.tool);
        finish_gesture(app, tool);
    }
}

fn resize_grip_at(app: &DiagramApp, p: Pos2) -> Option<ComponentId> {
    app.selection
        .components
        .iter()
        .filter_map(|id| app.doc.diagram.component(id))
        .filter(|c| c.kind.is_container())
        .find(|c| grip_pos(app, c).distance(p) <= 8.0)
        .map(|c| c.id.clone())
}

/// Snaps a drag offset so that `anchor` lands on the grid.
fn snapped(app: &DiagramApp, anchor: Point, delta: Vec2) -> Vec2 {
    if !app.snap {
        return delta;
    }
    let g = super::GRID;
    let x = ((anchor.x + delta.x) / g).round() * g - anchor.x;
    let y = ((anchor.y + delta.y) / g).round() * g - anchor.y;
    Vec2::new(x, y)
}

/// Where each dragged root would go: `Ok(edits)` or the reason the drop is refused.
pub fn plan_move(
    app: &DiagramApp,
    roots: &[ComponentId],
    grabbed: &ComponentId,
    delta: Vec2,
) -> Result<(Vec2, Vec<Edit>, Option<ComponentId>), String> {
    let diagram = &app.doc.diagram;
    let anchor = diagram
        .component(grabbed)
        .map(|c| c.rect.min)
        .unwrap_or_default();
    let delta = snapped(app, anchor, delta);
    let mut reparents = Vec::new();
    let mut target_of_grabbed = None;
    for id in roots {
        let Some(c) = diagram.component(id) else {
            continue;
        };
        let centre = c.rect.center().offset(delta.x, delta.y);
        let target = scene::container_at(diagram, centre, roots);
        if id == grabbed || diagram.ancestors(grabbed).any(|a| &a.id == id) {
            target_of_grabbed.clone_from(&target);
        }
        if target == c.parent {
            continue;
        }
        scene::placement_refusal(diagram, c, target.as_ref())
            .map_err(|reason| format!("{} cannot go there: {reason}", c.display_name()))?;
        reparents.push(Edit::Reparent(id.clone(), target));
    }
    Ok((delta, reparents, target_of_grabbed))
}

fn finish_gesture(app: &mut DiagramApp, tool: Tool) {
    match tool {
        Tool::Moving {
            roots,
            grabbed,
            delta,
            ..
        } => match plan_move(app, &roots, &grabbed, delta) {
            Ok((delta, reparents, target)) => {
                if delta == Vec2::ZERO && reparents.is_empty() {
                    return;
                }
                let diagram = &app.doc.diagram;
                let mut edits = vec![diagram.move_edit(&roots, delta.x, delta.y)];
                let label = match (&reparents[..], target.and_then(|t| diagram.component(&t))) {
                    ([_], Some(target)) => format!(
                        "Move {} into {}",
                        diagram
                            .component(&grabbed)
                            .map_or("component", Component::display_name),
                        target.display_name()
                    ),
                    _ => edits[0].label(),
                };
                edits.extend(reparents);
                app.push(AppCommand::Apply {
                    label,
                    edit: Edit::Batch(edits),
                    select: None,
                });
            }
            Err(reason) => app.push(AppCommand::Notify(reason)),
        },
        Tool::Connecting { from, to } => connect(app, &from, to),
        Tool::Repointing { link, end, to } => repoint::finish(app, &link, end, to),
        Tool::RubberBand {
            origin,
            current,
            additive,
        } => {
            let min = Point::new(origin.x.min(current.x), origin.y.min(current.y));
            let area = model::Rect::new(
                min,
                Size::new((origin.x - current.x).abs(), (origin.y - current.y).abs()),
            );
            if !additive {
                app.selection.clear();
            }
            let inside = scene::components_in(&app.doc.diagram, &area);
            for id in &inside {
                app.selection.components.insert(id.clone());
            }
            let links: Vec<LinkId> = app
                .doc
                .diagram
                .links()
                .filter(|l| inside.contains(&l.from) && inside.contains(&l.to))
                .map(|l| l.id.clone())
                .collect();
            app.selection.links.extend(links);
        }
        Tool::Resizing { id, rect } => {
            let name = app
                .doc
                .diagram
                .component(&id)
                .map(|c| c.display_name().to_owned())
                .unwrap_or_default();
            app.push(AppCommand::Apply {
                label: format!("Resize {name}"),
                edit: Edit::Resize(id, rect),
                select: None,
            });
        }
        Tool::Panning | Tool::Idle => {}
        tool @ Tool::Renaming { .. } => app.tool = tool,
    }
}

/// The component a new link dropped at `p` would end at: a leaf under the pointer, else
/// the topmost box drawn there. A box's border or header under a box painted over it (an
/// AZ's edge under a group drawn across it) is not what the user points at.
fn link_target(app: &DiagramApp, p: Point) -> Option<ComponentId> {
    let diagram = &app.doc.diagram;
    match hit(app, p) {
        Hit::Component(id)
            if diagram
                .component(&id)
                .is_some_and(|c| !c.kind.is_container()) =>
        {
            Some(id)
        }
        // The box drawn topmost there, unless that is only an ancestor of the box whose
        // border the pointer is near (just outside it).
        Hit::Component(id) => match scene::container_at(diagram, p, &[]) {
            Some(top) if !diagram.ancestors(&id).any(|a| a.id == top) => Some(top),
            _ => Some(id),
        },
        _ => scene::container_at(diagram, p, &[]),
    }
}

/// The link a drag from `from` to `to` would make, or why it cannot.
pub fn plan_link(app: &DiagramApp, from: &ComponentId, to: &ComponentId) -> Result<Link, String> {
    let diagram = &app.doc.diagram;
    let (Some(a), Some(b)) = (diagram.component(from), diagram.component(to)) else {
        return Err("nothing to connect to there".to_owned());
    };
    if from == to {
        return Err(format!("{} cannot be linked to itself", a.display_name()));
    }
    let Some(kind) = LinkKind::default_between(a.kind, b.kind) else {
        return Err(format!(
            "no AWS link goes from {} to {}; a request, for example, goes {}",
            a.name_and_kind(),
            b.name_and_kind(),
            LinkKind::Request.expectation()
        ));
    };
    let mut link = Link::new(kind, from, to);
    link.id = diagram.fresh_link_id(link.id.as_str());
    Ok(link)
}

fn connect(app: &mut DiagramApp, from: &ComponentId, to: Point) {
    let Some(target) = link_target(app, to) else {
        return;
    };
    match plan_link(app, from, &target) {
        Ok(link) => {
            let label = format!("Connect {} ({})", link.id, link.kind.label());
            let id = link.id.clone();
            app.push(AppCommand::Apply {
                label,
                edit: Edit::AddLink(Box::new(link)),
                select: Some((Vec::new(), vec![id])),
            });
        }
        Err(reason) => app.push(AppCommand::Notify(format!("Not connected: {reason}"))),
    }
}

fn handle_clicks(app: &mut DiagramApp, ui: &egui::Ui, response: &egui::Response) {
    let Some(pointer) = response.interact_pointer_pos() else {
        return;
    };
    let world = app.camera.to_world(pointer);
    let shift = ui.input(|i| i.modifiers.shift || i.modifiers.command);
    if response.double_clicked() {
        match hit(app, world) {
            Hit::Component(id) => {
                let text = app
                    .doc
                    .diagram
                    .component(&id)
                    .map(|c| c.props.label.clone())
                    .unwrap_or_default();
                app.selection = super::selection::Selection::of(vec![id.clone()], Vec::new());
                app.tool = Tool::Renaming { id, text };
            }
            Hit::Link(_) => {}
            Hit::Background => app.push(AppCommand::Run(Command::FitView)),
        }
        return;
    }
    if !response.clicked() {
        return;
    }
    if let Tool::Renaming { .. } = app.tool {
        commit_rename(app);
    }
    match hit(app, world) {
        Hit::Component(id) if shift => app.selection.toggle_component(&id),
        Hit::Component(id) => {
            app.selection = super::selection::Selection::of(vec![id], Vec::new());
        }
        Hit::Link(id) if shift => app.selection.toggle_link(&id),
        Hit::Link(id) => app.selection = super::selection::Selection::of(Vec::new(), vec![id]),
        // The inside of a box is background for dragging (a selection rectangle among its
        // members) but a plain click there picks the innermost box, as in other editors.
        Hit::Background => match scene::container_at(&app.doc.diagram, world, &[]) {
            Some(id) if shift => app.selection.toggle_component(&id),
            Some(id) => app.selection = super::selection::Selection::of(vec![id], Vec::new()),
            None if !shift => app.selection.clear(),
            None => {}
        },
    }
}

fn handle_palette_drop(app: &mut DiagramApp, response: &egui::Response) {
    if let Some(kind) = response.dnd_release_payload::<Kind>()
        && let Some(p) = response.hover_pos()
    {
        let world = app.camera.to_world(p);
        add_component(app, *kind, world);
    }
}

/// Queues adding a component of `kind` centred on `at` (world), in the innermost container
/// there that accepts it; tells the user why not if none does. An icon that would cover
/// another component or cross a box it does not go in moves to the nearest free spot
/// ([`drop_spot`]).
pub fn add_component(app: &mut DiagramApp, kind: Kind, at: Point) {
    let at = drop_spot(&app.doc.diagram, kind, at);
    place_component(app, kind, at, false);
}

/// Where a component of `kind` dropped at `at` lands: there, or for an icon that would
/// cover another component or lie across a box it does not go in (users by the Region's
/// edge), the nearest spot that does neither in the same box. Boxes land where dropped.
pub fn drop_spot(diagram: &model::Diagram, kind: Kind, at: Point) -> Point {
    if kind.is_container() {
        return at;
    }
    let Ok(parent) = scene::parent_for_new(diagram, kind, at) else {
        return at;
    };
    let spot = scene::spot_for_new(diagram, kind, parent.as_ref(), at);
    // A spot that needs its box to grow is not where the user pointed.
    if spot.grow.is_empty()
        && scene::parent_for_new(diagram, kind, spot.centre).is_ok_and(|p| p == parent)
    {
        spot.centre
    } else {
        at
    }
}

/// Adds a component of `kind` near `at` (the view's centre, from a palette click): on a
/// free spot beside what is already there rather than hidden under it.
pub fn add_component_near(app: &mut DiagramApp, kind: Kind, at: Point) {
    place_component(app, kind, at, true);
}

fn place_component(app: &mut DiagramApp, kind: Kind, mut at: Point, find_room: bool) {
    let diagram = &app.doc.diagram;
    let mut room: Vec<Edit> = Vec::new();
    let mut planned = None;
    // A palette click with one component selected: into the nearest box, from that
    // component outwards, that may hold the new one (a selected AZ takes a subnet; a
    // selected subnet passes a second subnet to its AZ; a selected instance gets a
    // sibling in its subnet).
    let selected_box = match app.selection.components.iter().collect::<Vec<_>>()[..] {
        [only] if find_room => std::iter::once(only)
            .chain(diagram.ancestors(only).map(|a| &a.id))
            .find(|c| scene::accepts(diagram, c, kind))
            .cloned(),
        _ => None,
    };
    if let Some(target) = selected_box {
        if let Some(c) = diagram.component(&target) {
            at = c.rect.center();
        }
        let spot = scene::spot_for_new(diagram, kind, Some(&target), at);
        at = spot.centre;
        room = spot.room_edits(diagram);
        planned = Some(Some(target));
    } else if find_room && let Ok(parent) = scene::parent_for_new(diagram, kind, at) {
        let spot = scene::spot_for_new(diagram, kind, parent.as_ref(), at);
        at = spot.centre;
        if !spot.grow.is_empty() {
            // The spot is outside the parent until it grows: keep the parent chosen.
            room = spot.room_edits(diagram);
            planned = Some(parent);
        }
    }
    let parent = match planned.map_or_else(|| scene::parent_for_new(diagram, kind, at), Ok) {
        Ok(parent) => parent,
        Err(reason) => {
            app.push(AppCommand::Notify(format!(
                "Cannot add {} here: {reason}",
                kind.info().name
            )));
            return;
        }
    };
    let size = model::component::default_size(kind);
    let mut min = at.offset(-size.w / 2.0, -size.h / 2.0);
    if app.snap {
        let g = super::GRID;
        min = Point::new((min.x / g).round() * g, (min.y / g).round() * g);
    }
    let id = diagram.fresh_component_id(&id_base(kind));
    let mut component = Component::new(id.clone(), kind, unique_label(diagram, kind), min);
    // A VPC or subnet starts with a free address block, as AWS asks for one on creation.
    if let Some(settings) = scene::addresses_for_new(diagram, kind, parent.as_ref()) {
        component.props.settings = settings;
    }
    component.parent = parent;
    let add = Edit::AddComponent(Box::new(component));
    let edit = if room.is_empty() {
        add
    } else {
        room.push(add);
        Edit::Batch(room)
    };
    app.push(AppCommand::Apply {
        label: format!("Add {}", kind.info().name),
        edit,
        select: Some((vec![id], Vec::new())),
    });
}

/// The name a new component of `kind` gets: the kind's name, numbered from 2 when that
/// is taken ("Subnet", "Subnet 2"), so pickers and findings can tell them apart.
fn unique_label(diagram: &model::Diagram, kind: Kind) -> String {
    let base = kind.info().name;
    let taken: std::collections::HashSet<&str> = diagram
        .components()
        .map(Component::display_name)
        .filter(|label| label.starts_with(base))
        .collect();
    if !taken.contains(base) {
        return base.to_owned();
    }
    (2..)
        .map(|n| format!("{base} {n}"))
        .find(|label| !taken.contains(label.as_str()))
        .unwrap_or_else(|| base.to_owned())
}

/// A readable id stem for a new component of `kind` (`ec2`, `auto-scaling-group`).
fn id_base(kind: Kind) -> String {
    let mut out = String::new();
    for ch in kind.info().name.chars() {
        if ch.is_ascii_alphanumeric() {
            out.push(ch.to_ascii_lowercase());
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    out.trim_end_matches('-').to_owned()
}

fn rename_field(app: &mut DiagramApp, ui: &mut egui::Ui) {
    let Tool::Renaming { id, text } = &mut app.tool else {
        return;
    };
    let Some(c) = app.doc.diagram.component(id) else {
        app.tool = Tool::Idle;
        return;
    };
    let r = app.camera.rect_to_screen(&c.rect);
    let at = egui::Rect::from_center_size(
        Pos2::new(r.center().x, r.max.y.min(r.min.y + 40.0).max(r.min.y)),
        egui::vec2(r.width().max(160.0), 24.0),
    );
    let chars = text.chars().count();
    let edit = egui::TextEdit::singleline(text).hint_text("name");
    let response = ui.put(at, edit);
    if !response.has_focus() && !response.lost_focus() {
        response.request_focus();
        // The whole name is selected, so typing replaces it (as in a file manager).
        if let Some(mut state) = egui::TextEdit::load_state(ui.ctx(), response.id) {
            state
                .cursor
                .set_char_range(Some(egui::text::CCursorRange::two(
                    egui::text::CCursor::new(0),
                    egui::text::CCursor::new(chars),
                )));
            state.store(ui.ctx(), response.id);
        }
    }
    if ui.input(|i| i.key_pressed(Key::Escape)) {
        app.tool = Tool::Idle;
    } else if response.lost_focus() {
        commit_rename(app);
    }
}

fn commit_rename(app: &mut DiagramApp) {
    let Tool::Renaming { id, text } = std::mem::take(&mut app.tool) else {
        return;
    };
    let Some(c) = app.doc.diagram.component(&id) else {
        return;
    };
    let text = text.trim().to_owned();
    if text == c.props.label {
        return;
    }
    let mut props = c.props.clone();
    props.label.clone_from(&text);
    app.push(AppCommand::Apply {
        label: format!("Rename {} to {text}", c.display_name()),
        edit: Edit::SetProps(id, Box::new(props)),
        select: None,
    });
}
