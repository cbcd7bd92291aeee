//! The inspector (right panel): the typed settings of the selection, link attributes, or,
//! with nothing selected, the diagram's title, description and workload objectives.
//!
//! Fields are edited generically from each type's `SPECS` table through serde, so every
//! kind's settings get the right control. Text fields commit on Enter or focus loss, as
//! one undoable entry; a value the model refuses is not applied and its message is shown.
//! A VPC or subnet also gets an "Addresses" section with a CIDR calculator (`cidr_panel`).

mod cidr_panel;
mod field_label;

use std::collections::HashMap;

use serde_json::{Map, Value};

use super::DiagramApp;
use super::command::AppCommand;
use crate::model::settings::{CommonSettings, FieldShape, FieldSpec, Settings};
use crate::model::{
    Component, ComponentId, DocumentInfo, Edit, Kind, Link, LinkId, LinkKind, LinkProps,
    Objectives, zone_names,
};

/// Text being typed into inspector fields, the latest refusal per field, and the CIDR
/// calculator of each VPC or subnet inspected (UI state: not saved, not undone).
#[derive(Default)]
pub struct InspectorState {
    buffers: HashMap<String, String>,
    errors: HashMap<String, String>,
    calculators: HashMap<ComponentId, cidr_panel::Calculator>,
    /// What the panel shows (a component, a link, the diagram): typed text and refusals
    /// belong to it and go when something else is shown.
    showing: String,
}

impl InspectorState {
    /// Drops typed text (after the diagram changed, fields show the model again).
    pub fn forget(&mut self) {
        self.buffers.clear();
    }

    /// The message shown under a field, if its last value was refused.
    pub fn error(&self, key: &str) -> Option<&str> {
        self.errors.get(key).map(String::as_str)
    }
}

/// A field the user changed: its name and the new value (`None` = back to the default).
type Change = (&'static str, Option<Value>);

/// The right panel.
pub fn panel(app: &mut DiagramApp, ui: &mut egui::Ui) {
    egui::Panel::right("inspector")
        .resizable(true)
        .default_size(300.0)
        .show(ui, |ui| {
            let showing = match (
                app.selection.single_component(),
                app.selection.single_link(),
            ) {
                (Some(id), _) => format!("component {id}"),
                (None, Some(id)) => format!("link {id}"),
                _ => String::new(),
            };
            if app.inspector.showing != showing {
                app.inspector.buffers.clear();
                app.inspector.errors.clear();
                app.inspector.showing = showing;
            }
            egui::ScrollArea::vertical().show(ui, |ui| {
                if let Some(id) = app.selection.single_component() {
                    component_ui(app, ui, &id);
                } else if let Some(id) = app.selection.single_link() {
                    link_ui(app, ui, &id);
                } else if app.selection.is_empty() {
                    diagram_ui(app, ui);
                } else {
                    ui.heading(format!("{} selected", app.selection.describe()));
                    ui.label("Select one item to see its settings.");
                }
            });
        });
}

fn diagram_ui(app: &mut DiagramApp, ui: &mut egui::Ui) {
    ui.heading("Diagram");
    let info = app.doc.diagram.info.clone();
    let mut title = text_field(app, ui, "info:title", "Title", &info.title, false);
    let mut description = text_field(
        app,
        ui,
        "info:description",
        "Description",
        &info.description,
        true,
    );
    ui.separator();
    ui.strong("Workload objectives");
    ui.small("What the business needs; the disaster-recovery and cost rules compare against it.");
    let objectives = serde_json::to_value(&info.objectives).unwrap_or(Value::Null);
    let change = fields(app, ui, "objectives", Objectives::SPECS, &objectives);
    let mut new_info: Option<DocumentInfo> = None;
    if let Some(t) = title.take() {
        let mut i = info.clone();
        i.title = t;
        new_info = Some(i);
    }
    if let Some(d) = description.take() {
        let mut i = info.clone();
        i.description = d;
        new_info = Some(i);
    }
    if let Some((field, value)) = change {
        let key = format!("objectives:{field}");
        match with_field(&objectives, field, value).and_then(|v| {
            serde_json::from_value::<Objectives>(v).map_err(|e| clean(&e.to_string()))
        }) {
            Ok(objectives) => {
                let mut i = info.clone();
                i.objectives = objectives;
                new_info = Some(i);
                app.inspector.errors.remove(&key);
            }
            Err(message) => {
                app.inspector.errors.insert(key, message);
            }
        }
    }
    if let Some(i) = new_info
        && i != info
    {
        app.push(AppCommand::Apply {
            label: "Change diagram details".to_owned(),
            edit: Edit::SetInfo(Box::new(i)),
            select: None,
        });
    }
    ui.separator();
    ui.small("Select a component or link to edit it. Double-click a component to rename it.");
}

fn component_ui(app: &mut DiagramApp, ui: &mut egui::Ui, id: &ComponentId) {
    let Some(c) = app.doc.diagram.component(id).cloned() else {
        return;
    };
    ui.horizontal(|ui| {
        if let Some(texture) = app.icons.get(ui.ctx(), c.kind) {
            ui.add(egui::Image::new((texture.id(), egui::Vec2::splat(28.0))));
        }
        ui.heading(c.display_name());
    });
    ui.weak(format!("{} · id {}", c.kind.info().name, c.id));
    super::topics::topic_buttons(app, ui, &c);
    let prefix = format!("c:{id}");
    let mut props = None::<crate::model::ComponentProps>;
    // The key of the setting the user just changed, where a refusal is shown.
    let mut edited: Option<String> = None;
    // AZ boxes renamed with their Region's code, applied with `props`.
    let mut follow_code: Vec<(ComponentId, crate::model::ComponentProps)> = Vec::new();
    if let Some(label) = text_field(
        app,
        ui,
        &format!("{prefix}:label"),
        "Name",
        &c.props.label,
        false,
    ) {
        let mut p = c.props.clone();
        p.label = label;
        props = Some(p);
    }
    if let Some(note) = text_field(
        app,
        ui,
        &format!("{prefix}:note"),
        "Note",
        &c.props.note,
        true,
    ) {
        let mut p = c.props.clone();
        p.note = note;
        props = Some(p);
    }
    if !c.kind.is_container() || matches!(c.kind, Kind::AutoScalingGroup | Kind::EcsService) {
        subnet_picker(app, ui, &c, &mut props);
    }
    let specs = c.props.settings.specs();
    if !specs.is_empty() {
        ui.separator();
        ui.strong(format!("{} settings", c.kind.info().name));
        let value = serde_json::to_value(&c.props.settings).unwrap_or(Value::Null);
        if let Some((field, new)) = fields(app, ui, &format!("{prefix}:settings"), specs, &value) {
            let key = format!("{prefix}:settings:{field}");
            match with_field(&value, field, new).and_then(|v| {
                Settings::deserialize_for(c.kind, v).map_err(|e| clean(&e.to_string()))
            }) {
                Ok(settings) => {
                    let mut p = c.props.clone();
                    // A Region still called by the name the editor gave it takes its code
                    // as its name ("Region" becomes "eu-west-1"), and its AZ boxes the
                    // zones of that code, in the same step.
                    if let (Settings::Region(new), Settings::Region(old)) =
                        (&settings, &c.props.settings)
                        && new.code != old.code
                        && let Some(code) = new.code.as_deref().filter(|code| !code.is_empty())
                    {
                        if zone_names::is_given_name(&c.props.label, c.kind) {
                            p.label = code.to_owned();
                        }
                        follow_code = zone_names::az_boxes_following_code(
                            &app.doc.diagram,
                            &c.id,
                            old.code.as_deref().unwrap_or_default(),
                            code,
                        );
                    }
                    p.settings = settings;
                    props = Some(p);
                    app.inspector.errors.remove(&key);
                    edited = Some(key);
                }
                Err(message) => {
                    app.inspector.errors.insert(key, message);
                }
            }
        }
    }
    cidr_panel::section(app, ui, &c);
    // A Region, VPC, AZ or subnet is a boundary, not something that runs: its copies, state,
    // tier or availability mean nothing, so those settings are shown only if a file set one
    // (to be cleared).
    let boundary = c.kind.info().category == crate::model::Category::Grouping;
    let common = serde_json::to_value(&c.props.common).unwrap_or(Value::Null);
    let changed = if boundary && c.props.common == CommonSettings::default() {
        None
    } else {
        ui.separator();
        ui.strong("Every component");
        fields(
            app,
            ui,
            &format!("{prefix}:common"),
            CommonSettings::SPECS,
            &common,
        )
    };
    if let Some((field, new)) = changed {
        let key = format!("{prefix}:common:{field}");
        match with_field(&common, field, new).and_then(|v| {
            serde_json::from_value::<CommonSettings>(v).map_err(|e| clean(&e.to_string()))
        }) {
            Ok(settings) => {
                let mut p = c.props.clone();
                p.common = settings;
                props = Some(p);
                edited = Some(key);
            }
            Err(message) => {
                app.inspector.errors.insert(key, message);
            }
        }
    }
    if !c.props.waivers.is_empty() {
        ui.separator();
        ui.strong("Accepted findings");
        for w in &c.props.waivers {
            ui.label(format!("{}: {}", w.rule, w.reason));
        }
    }
    if let Some(p) = props
        && p != c.props
    {
        if follow_code.is_empty() {
            commit_props(app, &c, p, edited.as_deref());
        } else {
            commit_with_zones(app, &c, p, follow_code);
        }
    }
}

/// A Region's new props and its AZ boxes' new zones, as one undo step (`commit_props`
/// for several components: a refusal is shown under the Region's settings).
fn commit_with_zones(
    app: &mut DiagramApp,
    region: &Component,
    props: crate::model::ComponentProps,
    zones: Vec<(ComponentId, crate::model::ComponentProps)>,
) {
    let diagram = &app.doc.diagram;
    let checked = crate::model::validate::check_props(diagram, &region.id, region.kind, &props)
        .and_then(|()| {
            zones.iter().try_for_each(|(id, p)| {
                crate::model::validate::check_props(diagram, id, Kind::AvailabilityZone, p)
            })
        });
    match checked {
        Ok(()) => {
            let mut edits = vec![Edit::SetProps(region.id.clone(), Box::new(props))];
            edits.extend(
                zones
                    .into_iter()
                    .map(|(id, p)| Edit::SetProps(id, Box::new(p))),
            );
            app.push(AppCommand::Apply {
                label: format!("Change {}", region.display_name()),
                edit: Edit::Batch(edits),
                select: None,
            });
        }
        Err(err) => {
            let key = format!("c:{}:settings:code", region.id);
            let message = super::refusal::in_words(&err.to_string(), &app.doc.diagram);
            app.inspector.errors.insert(key, message);
        }
    }
}

/// Applies new props now so a refusal can be shown under the field the user changed
/// (`edited`, its inspector key), or else under the field the refusal names (a maximum
/// typed below the minimum is refused under the maximum, where the user is looking).
fn commit_props(
    app: &mut DiagramApp,
    c: &Component,
    props: crate::model::ComponentProps,
    edited: Option<&str>,
) {
    let label = format!("Change {}", c.display_name());
    match crate::model::validate::check_props(&app.doc.diagram, &c.id, c.kind, &props) {
        Ok(()) => app.push(AppCommand::Apply {
            label,
            edit: Edit::SetProps(c.id.clone(), Box::new(props)),
            select: None,
        }),
        Err(err) => {
            let message = super::refusal::in_words(&err.to_string(), &app.doc.diagram);
            if let Some(key) = edited {
                app.inspector.errors.insert(key.to_owned(), message.clone());
            } else {
                let field = match &err {
                    crate::model::ValidationError::BadValue { field, .. } => *field,
                    _ => "settings",
                };
                app.inspector
                    .errors
                    .insert(format!("c:{}:common:{field}", c.id), message.clone());
                app.inspector
                    .errors
                    .insert(format!("c:{}:settings:{field}", c.id), message.clone());
            }
            app.push(AppCommand::Notify(format!("Not changed: {message}")));
        }
    }
}

fn subnet_picker(
    app: &mut DiagramApp,
    ui: &mut egui::Ui,
    c: &Component,
    props: &mut Option<crate::model::ComponentProps>,
) {
    use crate::model::kind::Placement;
    if !matches!(
        c.kind.info().placement,
        Placement::VpcSpanning | Placement::RegionalOrVpc | Placement::SubnetOrVpc
    ) {
        return;
    }
    let diagram = &app.doc.diagram;
    let Some(vpc) = std::iter::once(c)
        .chain(diagram.ancestors(&c.id))
        .find(|a| a.kind == Kind::Vpc)
    else {
        return;
    };
    let subnets: Vec<&Component> = diagram
        .components()
        .filter(|s| s.kind == Kind::Subnet && diagram.ancestors(&s.id).any(|a| a.id == vpc.id))
        .collect();
    if subnets.is_empty() {
        return;
    }
    ui.separator();
    ui.strong("Subnets");
    ui.small("The subnets (and so the AZs) it runs in.");
    if c.props.subnets.is_empty()
        && let Some(inside) = diagram.ancestors(&c.id).find(|a| a.kind == Kind::Subnet)
    {
        ui.small(format!(
            "None ticked: it runs in {}, the subnet it is drawn in.",
            inside.display_name()
        ));
    }
    let mut chosen = c.props.subnets.clone();
    let mut changed = false;
    for s in subnets {
        let mut on = chosen.contains(&s.id);
        if ui
            .checkbox(&mut on, subnet_choice(diagram, s))
            .on_hover_text(format!("id {}", s.id))
            .changed()
        {
            changed = true;
            if on {
                chosen.push(s.id.clone());
            } else {
                chosen.retain(|x| x != &s.id);
            }
        }
    }
    if changed {
        let mut p = props.clone().unwrap_or_else(|| c.props.clone());
        p.subnets = chosen;
        *props = Some(p);
    }
}

/// How a subnet is named in the picker: its name, then what tells it apart from the
/// others (its AZ, public or private, its range): "Subnet · AZ a · private · 10.0.1.0/24".
fn subnet_choice(diagram: &crate::model::Diagram, s: &Component) -> String {
    let name = s.display_name();
    let mut parts = vec![name.to_owned()];
    // What the name already says ("Public subnet A (10.0.1.0/24)") is not repeated.
    let mut add = |part: String| {
        if !name.contains(&part) {
            parts.push(part);
        }
    };
    if let Some(az) = diagram
        .ancestors(&s.id)
        .find(|a| a.kind == Kind::AvailabilityZone)
    {
        match &az.props.settings {
            crate::model::Settings::Az(settings) if settings.zone.is_some() => {
                add(settings.zone.clone().unwrap_or_default());
            }
            _ => add(az.display_name().to_owned()),
        }
    }
    if let crate::model::Settings::Subnet(settings) = &s.props.settings {
        if let Some(intent) = settings.intent {
            add(format!("{intent:?}").to_lowercase());
        }
        if let Some(cidr) = &settings.cidr {
            add(cidr.clone());
        }
    }
    parts.join(" · ")
}

fn link_ui(app: &mut DiagramApp, ui: &mut egui::Ui, id: &LinkId) {
    let Some(link) = app.doc.diagram.link(id).cloned() else {
        return;
    };
    let diagram = &app.doc.diagram;
    let (Some(from), Some(to)) = (diagram.component(&link.from), diagram.component(&link.to))
    else {
        return;
    };
    ui.heading(diagram.link_name(&link));
    // Named like a component's line: what it is, then the id the file and `check` use.
    let kind_name = field_label::sentence_case(link.kind.label());
    ui.weak(format!("{kind_name} link · id {}", link.id));
    let allowed: Vec<LinkKind> = LinkKind::ALL
        .iter()
        .copied()
        .filter(|k| k.allows(from.kind, to.kind))
        .collect();
    let mut kind = link.kind;
    egui::ComboBox::from_label("Kind")
        .selected_text(kind.label())
        .show_ui(ui, |ui| {
            for k in &allowed {
                ui.selectable_value(&mut kind, *k, k.label())
                    .on_hover_text(k.expectation());
            }
        });
    if kind != link.kind {
        app.push(AppCommand::Apply {
            label: format!("Make {} a {} link", diagram.link_name(&link), kind.label()),
            edit: Edit::Reconnect {
                link: link.id.clone(),
                kind,
                from: link.from.clone(),
                to: link.to.clone(),
            },
            select: None,
        });
    }
    ui.small(if link.kind.is_synchronous() {
        "Synchronous: the caller waits for the answer."
    } else {
        "Asynchronous or background: the sender does not wait."
    });
    ui.separator();
    link_props_ui(app, ui, &link);
}

fn link_props_ui(app: &mut DiagramApp, ui: &mut egui::Ui, link: &Link) {
    let prefix = format!("l:{}", link.id);
    let value = serde_json::to_value(&link.props).unwrap_or(Value::Null);
    // The protocols usual on this kind of link to this kind of target, offered under the
    // (free text) field.
    let to = app.doc.diagram.component(&link.to).map(|c| c.kind);
    let suggest = |field: &str| match (field, to) {
        ("protocol", Some(to)) => link.kind.common_protocols(to),
        _ => &[],
    };
    // Settings that mean nothing on this kind of link (a route table's destination on a
    // request) are left out, unless the file set one, which can then be cleared.
    let shown = |spec: &FieldSpec| {
        LinkProps::applies_to(spec.name, link.kind)
            || value.get(spec.name).is_some_and(|v| !v.is_null())
    };
    if let Some((field, new)) =
        fields_shown(app, ui, &prefix, LinkProps::SPECS, &value, &suggest, &shown)
    {
        let key = format!("{prefix}:{field}");
        match with_field(&value, field, new)
            .and_then(|v| serde_json::from_value::<LinkProps>(v).map_err(|e| clean(&e.to_string())))
        {
            Ok(mut props) => {
                props.waivers.clone_from(&link.props.waivers);
                if props != link.props {
                    app.push(AppCommand::Apply {
                        label: format!("Change link {}", app.doc.diagram.link_name(link)),
                        edit: Edit::SetLinkProps(link.id.clone(), Box::new(props)),
                        select: None,
                    });
                }
            }
            Err(message) => {
                app.inspector.errors.insert(key, message);
            }
        }
    }
}

/// A single- or multi-line text field committed on Enter or focus loss; returns the new
/// text when it was committed and differs.
fn text_field(
    app: &mut DiagramApp,
    ui: &mut egui::Ui,
    key: &str,
    label: &str,
    current: &str,
    multiline: bool,
) -> Option<String> {
    let label = ui.label(label);
    let buffer = app
        .inspector
        .buffers
        .entry(key.to_owned())
        .or_insert_with(|| current.to_owned());
    let edit = if multiline {
        egui::TextEdit::multiline(buffer).desired_rows(2)
    } else {
        egui::TextEdit::singleline(buffer)
    };
    let response = ui
        .add(edit.desired_width(f32::INFINITY))
        .labelled_by(label.id);
    if response.lost_focus() && buffer != current {
        return Some(buffer.clone());
    }
    if !response.has_focus() && buffer != current {
        // The model changed underneath (undo): show it.
        current.clone_into(buffer);
    }
    None
}

/// One control per field; returns the field the user changed.
fn fields(
    app: &mut DiagramApp,
    ui: &mut egui::Ui,
    prefix: &str,
    specs: &'static [FieldSpec],
    value: &Value,
) -> Option<Change> {
    fields_shown(app, ui, prefix, specs, value, &|_| &[], &|_| true)
}

/// [`fields`] for the specs `shown` keeps, with values `suggest` names for a field offered
/// under it, one click each (the field still takes anything else).
fn fields_shown(
    app: &mut DiagramApp,
    ui: &mut egui::Ui,
    prefix: &str,
    specs: &'static [FieldSpec],
    value: &Value,
    suggest: &dyn Fn(&str) -> &'static [&'static str],
    shown: &dyn Fn(&FieldSpec) -> bool,
) -> Option<Change> {
    let mut change = None;
    // Refusals, shown under the grid at the panel's width: in the value column they were
    // squeezed to the field's width, a word or two a line.
    let mut refused: Vec<(String, String)> = Vec::new();
    egui::Grid::new(prefix)
        .num_columns(2)
        .spacing([8.0, 4.0])
        .show(ui, |ui| {
            for spec in specs.iter().filter(|s| shown(s)) {
                let key = format!("{prefix}:{}", spec.name);
                let current = value.get(spec.name).filter(|v| !v.is_null());
                let label = ui
                    .label(field_label::field_label(spec.name))
                    .on_hover_text(format!("{}\n\nIn the file: {}", spec.doc.trim(), spec.name));
                ui.vertical(|ui| {
                    if let Some(c) = field(app, ui, &key, spec, current, label.id) {
                        change = Some((spec.name, c));
                    }
                    if let Some(error) = app.inspector.error(&key)
                        && !error.is_empty()
                    {
                        ui.colored_label(super::theme::ERROR, "not applied, see below");
                        refused.push((field_label::field_label(spec.name), error.to_owned()));
                    }
                    let offered = suggest(spec.name);
                    if !offered.is_empty() {
                        ui.horizontal_wrapped(|ui| {
                            ui.spacing_mut().item_spacing.x = 2.0;
                            for &option in offered {
                                let on = current.and_then(Value::as_str) == Some(option);
                                let button = ui
                                    .selectable_label(on, egui::RichText::new(option).small())
                                    .on_hover_text(format!("Set to {option}"));
                                if button.clicked() && !on {
                                    app.inspector.buffers.remove(&key);
                                    app.inspector.errors.remove(&key);
                                    change =
                                        Some((spec.name, Some(Value::String(option.to_owned()))));
                                }
                            }
                        });
                    }
                });
                ui.end_row();
            }
        });
    for (label, error) in refused {
        ui.colored_label(super::theme::ERROR, format!("{label}: {error}"));
    }
    change
}

/// The control of one field. `Some(None)` = reset to the default.
fn field(
    app: &mut DiagramApp,
    ui: &mut egui::Ui,
    key: &str,
    spec: &FieldSpec,
    current: Option<&Value>,
    label: egui::Id,
) -> Option<Option<Value>> {
    let default = spec.default.unwrap_or("");
    match spec.shape {
        FieldShape::Flag => {
            let mut on = current
                .and_then(Value::as_bool)
                .unwrap_or(default == "true");
            let text = if current.is_none() { "(default)" } else { "" };
            ui.checkbox(&mut on, text)
                .labelled_by(label)
                .changed()
                .then_some(Some(Value::Bool(on)))
        }
        FieldShape::Choice(options) => {
            let shown = current.and_then(Value::as_str).map_or_else(
                || format!("default {}", choice_label(&default_hint(default))),
                choice_label,
            );
            let mut picked: Option<Option<Value>> = None;
            let combo = egui::ComboBox::from_id_salt(key)
                .selected_text(shown)
                .show_ui(ui, |ui| {
                    if ui
                        .selectable_label(current.is_none(), "(default)")
                        .clicked()
                    {
                        picked = Some(None);
                    }
                    for option in options {
                        let on = current.and_then(Value::as_str) == Some(option);
                        if ui.selectable_label(on, choice_label(option)).clicked() {
                            picked = Some(Some(Value::String((*option).to_owned())));
                        }
                    }
                });
            combo.response.labelled_by(label);
            picked
        }
        FieldShape::Count | FieldShape::Number | FieldShape::Text | FieldShape::List => {
            let shown = match current {
                None => String::new(),
                Some(Value::String(s)) => s.clone(),
                Some(Value::Array(items)) => items
                    .iter()
                    .filter_map(Value::as_str)
                    .collect::<Vec<_>>()
                    .join(", "),
                Some(other) => other.to_string(),
            };
            let refused = app.inspector.error(key).is_some();
            let buffer = app
                .inspector
                .buffers
                .entry(key.to_owned())
                .or_insert_with(|| shown.clone());
            let response = ui
                .add(
                    egui::TextEdit::singleline(buffer)
                        .hint_text(default_hint(default))
                        .desired_width(140.0),
                )
                .labelled_by(label);
            if response.lost_focus() && *buffer != shown {
                let text = buffer.trim().to_owned();
                return Some(
                    match parse(spec.shape, &text).and_then(|v| checked_cidr(spec, v)) {
                        Ok(v) => {
                            app.inspector.errors.remove(key);
                            v
                        }
                        Err(message) => {
                            app.inspector.errors.insert(key.to_owned(), message);
                            return None;
                        }
                    },
                );
            }
            if !response.has_focus() && *buffer != shown && !refused {
                shown.clone_into(buffer);
            }
            None
        }
    }
}

/// A choice as words: `BackupRestore` → "Backup restore", `MultiAzInstance` → "Multi AZ
/// instance", `RabbitMq` → "RabbitMQ" (the file keeps the variant name).
fn choice_label(option: &str) -> String {
    match option {
        "ActiveMq" => return "ActiveMQ".to_owned(),
        "RabbitMq" => return "RabbitMQ".to_owned(),
        "Websocket" => return "WebSocket".to_owned(),
        _ => {}
    }
    let mut words: Vec<String> = Vec::new();
    for c in option.chars() {
        match words.last_mut() {
            Some(word) if !c.is_ascii_uppercase() => word.push(c),
            _ => words.push(c.to_string()),
        }
    }
    words
        .iter()
        .enumerate()
        .map(|(i, word)| match word.as_str() {
            "Az" => "AZ".to_owned(),
            "Ec2" => "EC2".to_owned(),
            "Elb" => "ELB".to_owned(),
            "Http" => "HTTP".to_owned(),
            "Rest" => "REST".to_owned(),
            _ if i == 0 => word.clone(),
            _ => word.to_lowercase(),
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// An AWS default as written in the settings table, as a person would write it
/// (`1_000` → `1000`, `NatMode::Zonal` → `Zonal`, `Vec::new()` → nothing).
fn default_hint(default: &str) -> String {
    if default.starts_with("Vec::new") {
        return String::new();
    }
    let text = default
        .trim_end_matches(".to_owned()")
        .trim_matches('"')
        .replace('_', "");
    text.rsplit("::").next().unwrap_or(&text).to_owned()
}

/// Text typed into a field as a JSON value of its shape (`None` = empty = default).
fn parse(shape: FieldShape, text: &str) -> Result<Option<Value>, String> {
    if text.is_empty() {
        return Ok(None);
    }
    match shape {
        FieldShape::Count => text
            .parse::<u64>()
            .map(|n| Some(Value::from(n)))
            .map_err(|_| format!("“{text}” is not a whole number (0, 1, 2, …)")),
        FieldShape::Number => match text.parse::<f64>() {
            Ok(n) if n.is_finite() => Ok(Some(Value::from(n))),
            _ => Err(format!("“{text}” is not a number")),
        },
        FieldShape::List => Ok(Some(Value::Array(
            text.split(',')
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(|s| Value::String(s.to_owned()))
                .collect(),
        ))),
        FieldShape::Text | FieldShape::Flag | FieldShape::Choice(_) => {
            Ok(Some(Value::String(text.to_owned())))
        }
    }
}

/// A typed CIDR block (a subnet's `cidr`, a route's `destination_cidr`) must parse: a typo
/// is refused with the reason, like a number that is not one. (A file may still hold a bad
/// block; NET-001 reports it.)
fn checked_cidr(spec: &FieldSpec, value: Option<Value>) -> Result<Option<Value>, String> {
    if spec.name.ends_with("cidr")
        && let Some(Value::String(text)) = &value
        && let Err(err) = crate::cidr::parse(text)
    {
        return Err(err.to_string());
    }
    Ok(value)
}

/// `value` (an object, or null for "nothing set") with `field` set or removed.
fn with_field(value: &Value, field: &str, new: Option<Value>) -> Result<Value, String> {
    let mut map = match value {
        Value::Object(map) => map.clone(),
        _ => Map::new(),
    };
    match new {
        Some(v) => {
            map.insert(field.to_owned(), v);
        }
        None => {
            map.remove(field);
        }
    }
    Ok(Value::Object(map))
}

/// A serde message without its position suffix, for a field-level message.
fn clean(message: &str) -> String {
    message
        .split(" at line ")
        .next()
        .unwrap_or(message)
        .to_owned()
}

#[cfg(test)]
mod tests {
    use super::{checked_cidr, choice_label, subnet_choice};
    use crate::model::settings::{FieldShape, FieldSpec};
    use serde_json::Value;

    #[test]
    fn a_subnet_choice_does_not_repeat_what_its_name_says() {
        let diagram = crate::io::load_str(
            include_str!("../../samples/three_tier_tightly_coupled.ron"),
            std::path::Path::new("sample.ron"),
        )
        .unwrap();
        let subnet = diagram
            .component(&crate::model::ComponentId::new("public-a").unwrap())
            .unwrap();
        let choice = subnet_choice(&diagram, subnet);
        assert_eq!(choice.matches("10.0.1.0/24").count(), 1, "{choice}");
        assert!(
            choice.contains("us-east-1a") && choice.contains("public"),
            "{choice}"
        );
    }

    #[test]
    fn a_typed_cidr_block_must_parse() {
        let spec = |name| FieldSpec {
            name,
            doc: "",
            default: None,
            shape: FieldShape::Text,
        };
        let text = |t: &str| Some(Value::String(t.to_owned()));
        assert!(checked_cidr(&spec("cidr"), text("10.0.1.0/24")).is_ok());
        let err = checked_cidr(&spec("cidr"), text("10.0.300.0/24")).unwrap_err();
        assert!(err.contains("10.0.300.0/24"), "{err}");
        assert!(checked_cidr(&spec("destination_cidr"), text("banana")).is_err());
        assert!(
            checked_cidr(&spec("protocol"), text("banana")).is_ok(),
            "other text is free"
        );
        assert!(
            checked_cidr(&spec("cidr"), None).is_ok(),
            "cleared: the default"
        );
    }

    #[test]
    fn choices_read_as_words() {
        assert_eq!(choice_label("BackupRestore"), "Backup restore");
        assert_eq!(choice_label("MultiAzInstance"), "Multi AZ instance");
        assert_eq!(choice_label("Elb"), "ELB");
        assert_eq!(choice_label("Rest"), "REST");
        assert_eq!(choice_label("RabbitMq"), "RabbitMQ");
        assert_eq!(choice_label("Simple"), "Simple");
    }
}
