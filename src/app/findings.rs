//! The findings area (bottom panel): the lint report of the current revision grouped by
//! the notes' checklist, filtered by severity and text. Clicking a finding selects and
//! frames its subjects and fades the rest of the canvas; **Fix** applies its quick fix as
//! one undoable entry (hover previews the changes); **Accept…** records a waiver with a
//! mandatory reason; accepted findings are listed apart and can be revoked; **Why?** opens
//! the rule's documentation beside the canvas.

use std::collections::BTreeSet;

use super::DiagramApp;
use super::command::AppCommand;
use super::spotlight::Spotlight;
use crate::model::{ComponentId, Diagram, Edit, LinkId, Severity, Waiver};
use crate::rules::{Family, Finding, Fix, Subject, rule_by_id};

/// Severities in the order the filter shows them.
const SEVERITIES: [Severity; 5] = [
    Severity::Critical,
    Severity::High,
    Severity::Medium,
    Severity::Low,
    Severity::Info,
];

/// The panel's own state (not part of the document or its history).
#[derive(Default)]
pub struct FindingsView {
    /// Only findings whose text contains this (any case) are listed.
    pub query: String,
    /// Severities switched off in the filter.
    pub hidden: BTreeSet<Severity>,
    /// The finding whose waiver reason is being typed.
    pub accepting: Option<Accepting>,
    /// Rule whose documentation is open beside the canvas.
    pub why: Option<&'static str>,
    /// A rule's example was just opened: its finding is picked (selected, framed, lit)
    /// once the example is linted and fitted, to show what the example is about.
    pub pick_on_open: Option<&'static str>,
    /// The hovered Fix button's edit and preview, kept while the pointer stays on it.
    fix_preview: Option<FixPreview>,
}

impl FindingsView {
    /// Forgets what belonged to the diagram that was replaced: the filter text (it named
    /// that diagram's components and rules, and would hide the new one's findings), a
    /// waiver being written and a fix preview. Hidden severities and the open rule
    /// documentation stay: they are about rules, not one diagram.
    pub fn forget_diagram(&mut self) {
        self.query.clear();
        self.accepting = None;
        self.fix_preview = None;
        self.pick_on_open = None;
    }
}

/// A fix's edit and its preview text, built once for one diagram revision.
struct FixPreview {
    /// Diagram revision, rule, finding message and fix title it was built for.
    key: (u64, &'static str, String, String),
    edit: Option<Edit>,
    hover: String,
}

/// A waiver being written.
pub struct Accepting {
    /// The finding, as it was when Accept… was pressed.
    pub finding: Finding,
    /// The reason typed so far.
    pub reason: String,
    /// Why the last attempt was refused (until the reason is edited).
    pub refused: Option<String>,
    /// The reason field has been given the keyboard (once, when the dialog opens).
    pub focused: bool,
}

/// One line of the findings list.
#[derive(Clone, Copy)]
enum Line {
    Family(Family, usize),
    Finding(usize),
    AcceptedHeader(usize),
}

/// The edit recording that `finding` is accepted for `reason`, on its first subject.
pub fn accept_edit(diagram: &Diagram, finding: &Finding, reason: &str) -> Result<Edit, String> {
    let reason = reason.trim();
    if reason.is_empty() {
        return Err("Give a reason: an accepted risk needs one for whoever reviews it".to_owned());
    }
    let waiver = Waiver {
        rule: finding.rule_id.to_owned(),
        reason: reason.to_owned(),
    };
    match finding.subjects.first() {
        Some(Subject::Component(id)) => {
            let c = diagram
                .component(id)
                .ok_or_else(|| format!("{id} is no longer in the diagram"))?;
            let mut props = c.props.clone();
            props.waivers.push(waiver);
            Ok(Edit::SetProps(id.clone(), Box::new(props)))
        }
        Some(Subject::Link(id)) => {
            let link = diagram
                .link(id)
                .ok_or_else(|| format!("link {id} is no longer in the diagram"))?;
            let mut props = link.props.clone();
            props.waivers.push(waiver);
            Ok(Edit::SetLinkProps(id.clone(), Box::new(props)))
        }
        None => Err("This finding has no component or link to record the waiver on".to_owned()),
    }
}

/// The edit removing every waiver of `finding`'s rule from its subjects.
pub fn revoke_edit(diagram: &Diagram, finding: &Finding) -> Option<Edit> {
    let name = rule_by_id(finding.rule_id).map(|r| r.meta().name);
    let waives =
        |w: &Waiver| w.rule.eq_ignore_ascii_case(finding.rule_id) || Some(&*w.rule) == name;
    let mut edits = Vec::new();
    for subject in &finding.subjects {
        match subject {
            Subject::Component(id) => {
                if let Some(c) = diagram.component(id)
                    && c.props.waivers.iter().any(waives)
                {
                    let mut props = c.props.clone();
                    props.waivers.retain(|w| !waives(w));
                    edits.push(Edit::SetProps(id.clone(), Box::new(props)));
                }
            }
            Subject::Link(id) => {
                if let Some(link) = diagram.link(id)
                    && link.props.waivers.iter().any(waives)
                {
                    let mut props = link.props.clone();
                    props.waivers.retain(|w| !waives(w));
                    edits.push(Edit::SetLinkProps(id.clone(), Box::new(props)));
                }
            }
        }
    }
    (!edits.is_empty()).then_some(Edit::Batch(edits))
}

/// What an edit will change, one line each, for the Fix button's hover preview; components
/// are named as the user sees them, including ones the same edit adds.
fn preview(
    diagram: &Diagram,
    edit: &Edit,
    added: &mut Vec<(ComponentId, String)>,
    out: &mut Vec<String>,
) {
    let name = |id: &ComponentId, added: &[(ComponentId, String)]| {
        added
            .iter()
            .find(|(a, _)| a == id)
            .map(|(_, n)| n.clone())
            .or_else(|| diagram.component(id).map(|c| c.display_name().to_owned()))
            .unwrap_or_else(|| id.to_string())
    };
    let line = match edit {
        Edit::Batch(edits) => {
            for e in edits {
                preview(diagram, e, added, out);
            }
            return;
        }
        Edit::AddComponent(c) => {
            added.push((c.id.clone(), c.display_name().to_owned()));
            format!("Add {}", c.name_and_kind())
        }
        Edit::RemoveComponent(id) => format!("Remove {}", name(id, added)),
        Edit::Resize(id, _) => format!("Resize {}", name(id, added)),
        Edit::Reparent(id, Some(parent)) => {
            format!("Move {} into {}", name(id, added), name(parent, added))
        }
        Edit::SetProps(id, _) => format!("Change {}", name(id, added)),
        Edit::Move(moves) => {
            const NAMED: usize = 3;
            let mut names: Vec<String> = moves
                .iter()
                .take(NAMED)
                .map(|(id, _)| name(id, added))
                .collect();
            if moves.len() > NAMED {
                names.push(format!("{} more", moves.len() - NAMED));
            }
            let names: Vec<&str> = names.iter().map(String::as_str).collect();
            format!("Move {}", crate::rules::context::join_names(&names))
        }
        Edit::AddLink(link) => format!(
            "Connect {} to {} ({})",
            name(&link.from, added),
            name(&link.to, added),
            link.kind.label()
        ),
        Edit::RemoveLink(id) => match diagram.link(id) {
            Some(link) => format!(
                "Disconnect {} from {}",
                name(&link.from, added),
                name(&link.to, added)
            ),
            None => edit.label(),
        },
        other => other.label(),
    };
    // A compound fix can make the same change twice (two steps moving one box): say it once.
    if !out.contains(&line) {
        out.push(line);
    }
}

fn matches(view: &FindingsView, f: &Finding) -> bool {
    if view.hidden.contains(&f.severity) {
        return false;
    }
    let query = view.query.trim().to_lowercase();
    query.is_empty()
        || f.message.to_lowercase().contains(&query)
        || f.rule_id.to_lowercase().contains(&query)
        || f.subjects.iter().any(|s| s.as_str().contains(&query))
}

/// The bottom panel.
pub fn panel(app: &mut DiagramApp, ui: &mut egui::Ui) {
    egui::Panel::bottom("findings")
        .resizable(true)
        .default_size(190.0)
        // Room for the header and a few findings, however small it was dragged or stored
        // (earlier versions saved a panel shrunk to one line).
        .min_size(120.0)
        .show(ui, |ui| {
            // Fill the panel: it keeps the height it was given (or dragged to) whatever it
            // lists, instead of shrinking to a short list and staying that small.
            ui.set_min_height(ui.available_height());
            contents(app, ui);
        });
    accept_dialog(app, ui);
    docs_panel(app, ui);
}

/// The findings panel's header and list.
fn contents(app: &mut DiagramApp, ui: &mut egui::Ui) {
    if let Some(error) = &app.error {
        ui.colored_label(super::theme::ERROR, "Could not open the diagram");
        ui.label(error);
        ui.separator();
    }
    header(app, ui);
    let Some(report) = app.doc.linted().map(|l| &l.report) else {
        ui.weak("Checking the diagram…");
        return;
    };
    let mut lines = Vec::new();
    for (family, list) in &app.scene.by_family {
        let shown: Vec<usize> = list
            .iter()
            .copied()
            .filter(|&i| {
                report
                    .findings
                    .get(i)
                    .is_some_and(|f| matches(&app.findings_view, f))
            })
            .collect();
        if shown.is_empty() {
            continue;
        }
        lines.push(Line::Family(*family, shown.len()));
        if !app.folded.contains(family) {
            lines.extend(shown.into_iter().map(Line::Finding));
        }
    }
    let accepted: Vec<usize> = (0..report.findings.len())
        .filter(|&i| {
            let f = &report.findings[i];
            f.is_accepted() && matches(&app.findings_view, f)
        })
        .collect();
    if !accepted.is_empty() {
        lines.push(Line::AcceptedHeader(accepted.len()));
        lines.extend(accepted.into_iter().map(Line::Finding));
    }
    if lines.is_empty() {
        ui.weak(if report.findings.is_empty() {
            "Nothing to report on this diagram."
        } else {
            "No finding matches the filter."
        });
        return;
    }
    let row_height = ui.spacing().interact_size.y + 2.0;
    egui::ScrollArea::vertical()
        .auto_shrink([false, false])
        .show_rows(ui, row_height, lines.len(), |ui, range| {
            for line in &lines[range] {
                match *line {
                    Line::Family(family, n) => family_row(app, ui, family, n),
                    Line::AcceptedHeader(n) => {
                        ui.strong(format!("Accepted risks ({n})"));
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
}

fn header(app: &mut DiagramApp, ui: &mut egui::Ui) {
    let open: usize = app.scene.by_family.iter().map(|(_, l)| l.len()).sum();
    ui.horizontal(|ui| {
        ui.strong("Findings");
        ui.weak(format!("{open} open"));
        ui.separator();
        let counts = app.doc.linted().map(|l| &l.report);
        for severity in SEVERITIES {
            let mut shown = !app.findings_view.hidden.contains(&severity);
            let n = counts.map_or(0, |r| r.count(severity));
            let text = egui::RichText::new(format!("{} {n}", severity.as_str()))
                .color(super::theme::severity(severity));
            if ui.checkbox(&mut shown, text).changed() {
                if shown {
                    app.findings_view.hidden.remove(&severity);
                } else {
                    app.findings_view.hidden.insert(severity);
                }
            }
        }
        ui.separator();
        let label = ui.label("Filter");
        ui.add(
            egui::TextEdit::singleline(&mut app.findings_view.query)
                .hint_text("text, rule or id")
                .desired_width(160.0),
        )
        .labelled_by(label.id);
        ui.separator();
        if ui
            .button("What if…")
            .on_hover_text("Fail an Availability Zone or a Region and see what breaks")
            .clicked()
        {
            app.what_if.open = true;
        }
        if app.spotlight.is_some() && ui.button("Clear highlight").clicked() {
            app.spotlight = None;
            // The what-if window's fading is a highlight too: it closes with it, rather
            // than saying "faded on the canvas" over a canvas that is not.
            app.what_if.open = false;
        }
    });
}

fn family_row(app: &mut DiagramApp, ui: &mut egui::Ui, family: Family, n: usize) {
    let folded = app.folded.contains(&family);
    let arrow = if folded { "+" } else { "-" };
    let text = format!("{arrow} {} ({n})", family.label());
    if ui
        .add(egui::Label::new(egui::RichText::new(text).strong()).sense(egui::Sense::click()))
        .clicked()
        && !app.folded.remove(&family)
    {
        app.folded.insert(family);
    }
}

fn row(app: &mut DiagramApp, ui: &mut egui::Ui, f: &Finding) {
    // The picked finding's row is marked, as long as its highlight is on the canvas.
    let picked = app.spotlight.as_ref().is_some_and(|s| s.is_on(f));
    let fill = if picked {
        ui.visuals().selection.bg_fill.gamma_multiply(0.35)
    } else {
        egui::Color32::TRANSPARENT
    };
    egui::Frame::new().fill(fill).show(ui, |ui| {
        ui.horizontal(|ui| row_contents(app, ui, f));
    });
}

fn row_contents(app: &mut DiagramApp, ui: &mut egui::Ui, f: &Finding) {
    ui.colored_label(super::theme::severity(f.severity), f.severity.as_str());
    ui.monospace(f.rule_id);
    if let Some(reason) = &f.accepted {
        let revoke = ui
            .small_button("Revoke")
            .on_hover_text(format!("Accepted: {reason}"));
        // The reason, kept short so the finding's own text still shows after it.
        ui.scope(|ui| {
            ui.set_max_width(220.0);
            ui.add(
                egui::Label::new(egui::RichText::new(format!("“{reason}”")).italics()).truncate(),
            )
            .on_hover_text(format!("Accepted: {reason}"));
        });
        if revoke.clicked() {
            match revoke_edit(&app.doc.diagram, f) {
                Some(edit) => app.push(AppCommand::Apply {
                    label: format!("Revoke acceptance of {}", f.rule_id),
                    edit,
                    select: None,
                }),
                None => app.push(AppCommand::Notify(
                    "The waiver is no longer in the diagram".to_owned(),
                )),
            }
        }
    } else {
        match f.fixes.as_slice() {
            [] => {}
            [fix] => fix_button(app, ui, f, fix, "Fix"),
            fixes => {
                // Several fixes: a menu names each, instead of buttons told apart only by
                // hovering.
                ui.menu_button(format!("{} fixes", fixes.len()), |ui| {
                    for fix in fixes {
                        fix_button(app, ui, f, fix, &fix.title);
                    }
                });
            }
        }
        if ui
            .small_button("Accept…")
            .on_hover_text("Accept this risk with a reason (recorded in the file)")
            .clicked()
        {
            app.findings_view.accepting = Some(Accepting {
                finding: f.clone(),
                reason: String::new(),
                refused: None,
                focused: false,
            });
        }
    }
    if ui
        .small_button("Why?")
        .on_hover_text("What the rule flags, why it matters and what to use instead")
        .clicked()
    {
        app.findings_view.why = Some(f.rule_id);
    }
    let text = egui::Label::new(&f.message)
        .sense(egui::Sense::click())
        .truncate();
    if ui.add(text).on_hover_text(&f.message).clicked() {
        focus(app, f);
    }
}

/// A button applying `fix`, labelled `label`; hovering shows what it would change.
fn fix_button(app: &mut DiagramApp, ui: &mut egui::Ui, f: &Finding, fix: &Fix, label: &str) {
    // A fix's edit can take a whole analysis to build: only for the button under the
    // pointer (its preview, kept while the pointer stays) or the one clicked.
    let button = ui.small_button(label);
    let key = (
        app.doc.diagram.revision(),
        f.rule_id,
        f.message.clone(),
        fix.title.clone(),
    );
    let built = app
        .findings_view
        .fix_preview
        .as_ref()
        .is_some_and(|p| p.key == key);
    if (button.hovered() || button.clicked()) && !built {
        let edit = fix.edit(&app.doc.diagram);
        let mut changes = Vec::new();
        if let Some(edit) = &edit {
            preview(&app.doc.diagram, edit, &mut Vec::new(), &mut changes);
        }
        let hover = if changes.is_empty() {
            fix.title.clone()
        } else {
            format!("{}\n- {}", fix.title, changes.join("\n- "))
        };
        app.findings_view.fix_preview = Some(FixPreview { key, edit, hover });
    }
    let (edit, hover) = match &app.findings_view.fix_preview {
        Some(p) if button.hovered() || button.clicked() => (p.edit.clone(), p.hover.clone()),
        _ => (None, fix.title.clone()),
    };
    if button.on_hover_text(hover).clicked() {
        match edit {
            Some(edit) => app.push(AppCommand::Apply {
                label: fix.title.clone(),
                edit,
                select: None,
            }),
            None => app.push(AppCommand::Notify(format!(
                "\u{201c}{}\u{201d} no longer applies to this diagram",
                fix.title
            ))),
        }
        ui.close();
    }
}

/// After a rule's example opened: once it is linted and its first fit has settled, picks
/// the first finding of that rule (as a click on it would), so the example shows what it is
/// about. Call after the canvas has fitted the view this frame.
pub fn pick_after_open(app: &mut DiagramApp) {
    let Some(rule_id) = app.findings_view.pick_on_open else {
        return;
    };
    if app.camera.fit_pending || app.camera.fitted_in.is_some() || app.doc.is_lint_stale() {
        return;
    }
    let Some(linted) = app.doc.linted() else {
        return;
    };
    let first = linted.report.of_rule(rule_id).next().cloned();
    app.findings_view.pick_on_open = None;
    if let Some(f) = first {
        focus(app, &f);
    }
}

/// Selects and frames a finding's subjects and fades everything else on the canvas.
pub fn focus(app: &mut DiagramApp, f: &Finding) {
    let (components, links) = subjects(f);
    app.selection = super::selection::Selection::of(components.clone(), links);
    let mut framed = components;
    framed.extend(f.path.iter().chain(f.more_paths.iter().flatten()).cloned());
    frame_components(app, &framed);
    app.spotlight = Some(Spotlight::on_finding(&app.doc.diagram, f));
}

fn accept_dialog(app: &mut DiagramApp, ui: &mut egui::Ui) {
    let Some(accepting) = &mut app.findings_view.accepting else {
        return;
    };
    let mut close = false;
    let mut submit = false;
    egui::Modal::new(ui.make_persistent_id("accept_finding")).show(ui.ctx(), |ui| {
        ui.set_max_width(420.0);
        ui.heading(format!("Accept {}", accepting.finding.rule_id));
        ui.label(&accepting.finding.message);
        let label = ui.label("Reason");
        let field = ui
            .add(
                egui::TextEdit::singleline(&mut accepting.reason)
                    .hint_text("Why this risk is acceptable here")
                    .desired_width(400.0),
            )
            .labelled_by(label.id);
        // Typing goes straight into the reason; Enter accepts, Escape cancels.
        if !accepting.focused {
            field.request_focus();
            accepting.focused = true;
        }
        if field.changed() {
            accepting.refused = None;
        }
        let entered = field.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
        if let Some(refused) = &accepting.refused {
            ui.colored_label(super::theme::ERROR, refused);
        }
        ui.horizontal(|ui| {
            submit = ui.button("Accept risk").clicked() || entered;
            close = ui.button("Cancel").clicked() || ui.input(|i| i.key_pressed(egui::Key::Escape));
        });
    });
    if submit {
        match accept_edit(&app.doc.diagram, &accepting.finding, &accepting.reason) {
            Ok(edit) => {
                let label = format!("Accept {}", accepting.finding.rule_id);
                app.findings_view.accepting = None;
                app.push(AppCommand::Apply {
                    label,
                    edit,
                    select: None,
                });
            }
            Err(why) => accepting.refused = Some(why),
        }
    } else if close {
        app.findings_view.accepting = None;
    }
}

/// The rule's documentation beside the canvas (the text of `cloudsketch explain`).
fn docs_panel(app: &mut DiagramApp, ui: &mut egui::Ui) {
    let Some(rule) = app.findings_view.why.and_then(rule_by_id) else {
        return;
    };
    let meta = rule.meta();
    // The panel has its own header and example buttons: the rule's documentation below
    // them, without the command-line header and the `explain --example` instructions.
    let text = crate::cli::rules::docs_body(meta);
    let mut close = false;
    let mut open = None;
    egui::Panel::right("rule_docs")
        .resizable(true)
        .default_size(360.0)
        .show(ui, |ui| {
            ui.horizontal(|ui| {
                ui.heading(meta.id);
                close = ui.button("Close").clicked();
            });
            ui.label(
                egui::RichText::new(format!(
                    "{} · {} · usually {}",
                    meta.name,
                    meta.family.label(),
                    meta.default_severity
                ))
                .small()
                .weak(),
            )
            .on_hover_text(
                "The rule's name (for ignore and severity settings), its checklist family, \
                 and the severity its findings have unless \"What it flags\" says otherwise",
            );
            // The rule's example diagrams, to open in place of this one (unsaved changes
            // are asked about first, as for a sample).
            ui.horizontal_wrapped(|ui| {
                ui.label("Examples:");
                for example in crate::rules::examples::of_rule(rule.meta().id) {
                    // A pass example is minimal: other rules may still flag it.
                    let hint = if example.flagged() {
                        format!("A diagram {} flags", example.rule_id)
                    } else {
                        format!("The same design as {} wants it", example.rule_id)
                    };
                    if ui
                        .small_button(example.file.trim_end_matches(".ron"))
                        .on_hover_text(format!("{hint}; opens in place of this diagram"))
                        .clicked()
                    {
                        open = Some(super::files::Pending::OpenExample(
                            example.rule_id,
                            example.file,
                        ));
                    }
                }
            });
            egui::ScrollArea::vertical().show(ui, |ui| {
                super::doc_text::show(ui, &text);
            });
        });
    if close {
        app.findings_view.why = None;
    }
    if let Some(action) = open {
        app.request(action);
    }
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::builder::DiagramBuilder;
    use crate::model::{Component, Kind, Point};

    fn lines(diagram: &Diagram, edit: &Edit) -> Vec<String> {
        let mut out = Vec::new();
        preview(diagram, edit, &mut Vec::new(), &mut out);
        out
    }

    #[test]
    fn a_preview_names_what_moves_and_says_a_repeated_change_once() {
        let mut b = DiagramBuilder::new();
        b.add("region", Kind::Region, None);
        b.add("vpc", Kind::Vpc, Some("region"));
        b.add("subnet", Kind::Subnet, Some("vpc"));
        b.add("web", Kind::Ec2, Some("subnet")).props.label = "Web server".to_owned();
        let diagram = b.build();
        let id = |s: &str| ComponentId::new(s).unwrap();
        let step = || Edit::Move(vec![(id("web"), Point::new(5.0, 5.0))]);
        let both = Edit::Move(vec![
            (id("web"), Point::new(5.0, 5.0)),
            (id("region"), Point::new(0.0, 0.0)),
        ]);
        assert_eq!(
            lines(&diagram, &Edit::Batch(vec![step(), step(), both])),
            ["Move Web server", "Move Web server and Region"]
        );
    }

    #[test]
    fn an_unnamed_component_is_not_named_twice() {
        let diagram = DiagramBuilder::new().build();
        let id = ComponentId::new("lb").unwrap();
        let named = Component::new(id.clone(), Kind::Alb, "Front door", Point::new(0.0, 0.0));
        let unnamed = Component::new(id, Kind::Alb, "", Point::new(0.0, 0.0));
        assert_eq!(
            lines(&diagram, &Edit::AddComponent(Box::new(named))),
            ["Add Front door (Application Load Balancer)"]
        );
        assert_eq!(
            lines(&diagram, &Edit::AddComponent(Box::new(unnamed))),
            ["Add Application Load Balancer"]
        );
    }
}
