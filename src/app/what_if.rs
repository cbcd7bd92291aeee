//! The what-if window: pick an Availability Zone or a Region to fail; what it takes down
//! fades on the canvas and the entry → data-store paths that break are listed (the same
//! analysis as SPOF-002 and DR-005). Recomputed when the diagram changes while it is open.

use super::DiagramApp;
use super::spotlight::Spotlight;
use crate::model::{ComponentId, Diagram, Kind};
use crate::rules::LintContext;
use crate::rules::context::ZoneId;

/// What can be failed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Failure {
    /// An Availability Zone, by Region id (if drawn) and zone name.
    Zone(Option<ComponentId>, String),
    /// A Region component.
    Region(ComponentId),
}

/// The window's state.
#[derive(Default)]
pub struct WhatIf {
    /// The window is shown.
    pub open: bool,
    /// What the user chose to fail.
    pub failure: Option<Failure>,
    outcome: Option<Outcome>,
    /// The chooser's entries, for one revision (working them out takes a lint context).
    options: Option<(u64, Vec<(Failure, String)>)>,
}

/// What a failure does to one revision.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Outcome {
    /// Revision it was worked out for.
    pub revision: u64,
    /// Components that go down.
    pub failed: Vec<ComponentId>,
    /// Broken paths as display names, "entry -> data store".
    pub broken: Vec<String>,
    /// Private subnets in other AZs that lose their NAT gateway.
    pub stranded: Vec<String>,
    /// For a lost Region: data stores in it with no copy anywhere else.
    pub uncopied: Vec<String>,
    /// For a lost Region: how the diagram recovers ("warm standby in us-west-2"), if at all.
    pub recovery: Option<String>,
}

/// Everything that can be failed in `diagram`, with a label for the chooser.
pub fn choices(diagram: &Diagram) -> Vec<(Failure, String)> {
    let cx = LintContext::new(diagram);
    let mut out: Vec<(Failure, String)> = cx
        .all_zones()
        .map(|(_, z)| {
            let label = match z.region.as_ref().and_then(|r| diagram.component(r)) {
                Some(region) => format!("AZ {} ({})", z.name, region.display_name()),
                None => format!("AZ {}", z.name),
            };
            (Failure::Zone(z.region.clone(), z.name.clone()), label)
        })
        .collect();
    out.extend(cx.of_kind(Kind::Region).iter().map(|r| {
        (
            Failure::Region(r.id.clone()),
            format!("Region {}", r.display_name()),
        )
    }));
    out
}

/// What `failure` takes down in `diagram`.
pub fn outcome(diagram: &Diagram, failure: &Failure) -> Outcome {
    let cx = LintContext::new(diagram);
    let name = |id: &ComponentId| cx.name(id);
    let mut outcome = Outcome {
        revision: diagram.revision(),
        ..Outcome::default()
    };
    let (failed, pairs) = match failure {
        Failure::Zone(region, zone_name) => {
            let zone: Option<ZoneId> = cx
                .all_zones()
                .find(|(_, z)| &z.region == region && &z.name == zone_name)
                .map(|(z, _)| z);
            let Some(zone) = zone else {
                return outcome;
            };
            let loss = cx.zone_loss(zone);
            outcome.stranded = loss.stranded_subnets.iter().map(name).collect();
            let mut marks = vec![false; cx.node_bound()];
            for ix in loss.failed.iter().filter_map(|id| diagram.node_index(id)) {
                marks[ix.index()] = true;
            }
            let pairs = cx.paths_broken_by(&marks);
            (loss.failed, pairs)
        }
        Failure::Region(region) => {
            let loss = cx.region_loss(region);
            outcome.uncopied = loss.data_without_copy.iter().map(name).collect();
            let dr = cx.dr_assessment();
            let lost = diagram
                .component(region)
                .map(crate::rules::recovery::copies::region_name);
            let elsewhere: Vec<&str> = dr
                .recovery_regions
                .iter()
                .chain(&dr.primary_regions)
                .filter(|r| Some(*r) != lost.as_ref())
                .map(String::as_str)
                .collect();
            outcome.recovery = (dr.strategy != crate::model::settings::DrStrategy::None
                && !elsewhere.is_empty())
            .then(|| {
                format!(
                    "Recovers by {} in {}",
                    crate::rules::recovery::strategy::label(dr.strategy),
                    elsewhere.join(", ")
                )
            });
            (loss.failed, loss.broken_paths)
        }
    };
    outcome.broken = pairs
        .iter()
        .map(|(entry, store)| format!("{} -> {}", name(entry), name(store)))
        .collect();
    outcome.failed = failed;
    outcome
}

/// Shows the window when open.
pub fn window(app: &mut DiagramApp, ctx: &egui::Context) {
    if !app.what_if.open {
        return;
    }
    let revision = app.doc.diagram.revision();
    if let Some(failure) = &app.what_if.failure
        && app
            .what_if
            .outcome
            .as_ref()
            .is_none_or(|o| o.revision != revision)
    {
        let result = outcome(&app.doc.diagram, failure);
        // A lost Region's own box fades with what is in it (a lost AZ's box is among
        // the failed components already).
        let mut faded = result.failed.clone();
        if let Failure::Region(region) = failure {
            faded.push(region.clone());
        }
        app.spotlight = Some(Spotlight::on_failure(&app.doc.diagram, &faded));
        app.what_if.outcome = Some(result);
    }
    if app
        .what_if
        .options
        .as_ref()
        .is_none_or(|(r, _)| *r != revision)
    {
        app.what_if.options = Some((revision, choices(&app.doc.diagram)));
    }
    let mut open = true;
    let mut chosen = None;
    // Over the right of the canvas, clear of the palette.
    let corner = app.viewport.right_top() + egui::vec2(-360.0, 12.0);
    egui::Window::new("What if")
        .open(&mut open)
        .default_pos(corner)
        .constrain_to(super::menu::under_menu_bar(app, ctx))
        .default_width(340.0)
        .show(ctx, |ui| {
            let options = app.what_if.options.as_ref().map_or(&[][..], |(_, o)| o);
            if options.is_empty() {
                ui.label("Draw Availability Zone or Region boxes to try their failure.");
                return;
            }
            let current = app
                .what_if
                .failure
                .as_ref()
                .and_then(|f| options.iter().find(|(o, _)| o == f))
                .map_or("choose…", |(_, label)| label.as_str())
                .to_owned();
            ui.horizontal(|ui| {
                egui::ComboBox::from_label("Fail")
                    .selected_text(current)
                    .show_ui(ui, |ui| {
                        for (failure, label) in options {
                            if ui.selectable_label(false, label).clicked() {
                                chosen = Some(failure.clone());
                            }
                        }
                    });
            });
            let Some(result) = &app.what_if.outcome else {
                ui.weak("Pick an Availability Zone or a Region.");
                return;
            };
            ui.label(format!(
                "{} component{} go down (faded on the canvas).",
                result.failed.len(),
                if result.failed.len() == 1 { "" } else { "s" }
            ));
            if result.broken.is_empty() {
                ui.label("No entry -> data store path breaks.");
            } else {
                ui.strong(format!("Broken paths ({})", result.broken.len()));
                egui::ScrollArea::vertical()
                    .max_height(220.0)
                    .show(ui, |ui| {
                        for path in &result.broken {
                            ui.label(path);
                        }
                    });
            }
            if let Some(recovery) = &result.recovery {
                ui.label(recovery);
            }
            if !result.uncopied.is_empty() {
                ui.strong(format!(
                    "Data with no copy outside the Region ({})",
                    result.uncopied.len()
                ));
                for store in &result.uncopied {
                    ui.label(store);
                }
            }
            if !result.stranded.is_empty() {
                ui.strong("Subnets that lose their NAT gateway");
                for subnet in &result.stranded {
                    ui.label(subnet);
                }
            }
        });
    if let Some(failure) = chosen {
        app.what_if.failure = Some(failure);
        app.what_if.outcome = None;
    }
    if !open {
        app.what_if = WhatIf::default();
        app.spotlight = None;
    }
}
