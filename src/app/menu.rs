//! Menu bar, status bar and keyboard shortcuts, all driven by the `Command` table.

use egui::{Key, Modifiers};

use super::DiagramApp;
use super::command::{AppCommand, Command};
use crate::model::Severity;

/// The menu bar.
pub fn menu_bar(app: &mut DiagramApp, ui: &mut egui::Ui) {
    egui::Panel::top("menu_bar").show(ui, |ui| {
        egui::MenuBar::new().ui(ui, |ui| {
            ui.menu_button("File", |ui| {
                item(app, ui, Command::New, None, true);
                item(app, ui, Command::Open, None, true);
                ui.menu_button("Open sample", |ui| {
                    for sample in crate::io::samples::SAMPLES {
                        if ui.button(sample.title).clicked() {
                            app.request(super::files::Pending::OpenSample(sample.name));
                            ui.close();
                        }
                    }
                });
                ui.add_enabled_ui(!app.prefs.recent.is_empty(), |ui| {
                    ui.menu_button("Open recent", |ui| {
                        for path in app.prefs.recent.clone() {
                            let name = path
                                .file_name()
                                .map_or_else(|| path.display().to_string(), |n| n.to_string_lossy().into_owned());
                            let button = ui.button(name).on_hover_text(path.display().to_string());
                            if button.clicked() {
                                app.request(super::files::Pending::Open(Some(path)));
                                ui.close();
                            }
                        }
                        ui.separator();
                        if ui.button("Clear recent files").clicked() {
                            app.prefs.recent.clear();
                            ui.close();
                        }
                    });
                });
                if ui
                    .button("Import…")
                    .on_hover_text("CloudFormation templates (YAML or JSON, SAM included; several stacks are joined through their exports) or Terraform JSON from `terraform show -json`, as a new diagram")
                    .clicked()
                {
                    app.request(super::files::Pending::Import(None));
                    ui.close();
                }
                ui.separator();
                item(app, ui, Command::Save, None, true);
                item(app, ui, Command::SaveAs, None, true);
                ui.menu_button("Export", |ui| {
                    for (label, format) in [
                        ("Picture as SVG…", crate::export::Format::Svg),
                        ("Picture as PNG…", crate::export::Format::Png),
                    ] {
                        if ui
                            .button(label)
                            .on_hover_text("The diagram with its finding badges, light theme")
                            .clicked()
                        {
                            app.export(format);
                            ui.close();
                        }
                    }
                });
                ui.separator();
                item(app, ui, Command::Quit, None, true);
            });
            ui.menu_button("Edit", |ui| {
                let undo = app
                    .doc
                    .history
                    .undo_label()
                    .map_or_else(|| "Undo".to_owned(), |l| format!("Undo {l}"));
                let redo = app
                    .doc
                    .history
                    .redo_label()
                    .map_or_else(|| "Redo".to_owned(), |l| format!("Redo {l}"));
                let can_undo = app.doc.history.undo_len() > 0;
                let can_redo = app.doc.history.redo_len() > 0;
                item(app, ui, Command::Undo, Some(undo), can_undo);
                item(app, ui, Command::Redo, Some(redo), can_redo);
                ui.separator();
                let any = !app.selection.is_empty();
                let components = !app.selection.components.is_empty();
                item(app, ui, Command::Cut, None, components);
                item(app, ui, Command::Copy, None, components);
                item(app, ui, Command::Paste, None, !app.clipboard.is_empty());
                item(app, ui, Command::Duplicate, None, components);
                item(app, ui, Command::Delete, None, any);
                ui.separator();
                item(app, ui, Command::SelectAll, None, true);
                item(app, ui, Command::SelectNone, None, any);
                item(
                    app,
                    ui,
                    Command::Rename,
                    None,
                    app.selection.single_component().is_some(),
                );
            });
            ui.menu_button("Arrange", |ui| {
                let several = app.selection.components.len() >= 2;
                for command in [
                    Command::AlignLeft,
                    Command::AlignTop,
                    Command::AlignCenterHorizontally,
                    Command::AlignCenterVertically,
                ] {
                    item(app, ui, command, None, several);
                }
                ui.separator();
                let three = app.selection.components.len() >= 3;
                item(app, ui, Command::DistributeHorizontally, None, three);
                item(app, ui, Command::DistributeVertically, None, three);
                ui.separator();
                let any = !app.doc.diagram.is_empty();
                item(app, ui, Command::TidyLayout, None, any);
                ui.separator();
                ui.label("Arrow keys nudge the selection (Shift: by 10 grid steps)");
            });
            ui.menu_button("Help", |ui| {
                if ui
                    .button("Learn: CIDR, NAT, load balancers…")
                    .on_hover_text("Short answers to common AWS design questions")
                    .clicked()
                {
                    app.help = Some(Help::Topic(0));
                    ui.close();
                }
                if ui.button("Keyboard shortcuts").clicked() {
                    app.help = Some(Help::Shortcuts);
                    ui.close();
                }
                if ui.button("About cloudsketch").clicked() {
                    app.help = Some(Help::About);
                    ui.close();
                }
            });
            ui.menu_button("View", |ui| {
                item(app, ui, Command::FitView, None, true);
                item(app, ui, Command::ZoomIn, None, true);
                item(app, ui, Command::ZoomOut, None, true);
                item(app, ui, Command::ZoomReset, None, true);
                ui.separator();
                let mut snap = app.snap;
                if ui
                    .checkbox(&mut snap, Command::ToggleSnap.label())
                    .clicked()
                {
                    app.push(AppCommand::Run(Command::ToggleSnap));
                }
                ui.separator();
                ui.menu_button("Theme", |ui| {
                    for theme in super::preferences::Theme::ALL {
                        if ui
                            .radio(app.prefs.theme == theme, theme.label())
                            .clicked()
                        {
                            app.prefs.theme = theme;
                            app.prefs.apply(ui.ctx());
                            ui.close();
                        }
                    }
                });
                ui.menu_button("Icons", |ui| {
                    if ui
                        .radio(app.icons.folder.is_none(), "Built-in icons")
                        .clicked()
                    {
                        app.icons.set_folder(None);
                        ui.close();
                    }
                    let own = app.icons.folder.as_ref().map_or_else(
                        || "My own icon folder…".to_owned(),
                        |f| format!("My own icon folder ({})…", f.display()),
                    );
                    if ui
                        .radio(app.icons.folder.is_some(), own)
                        .on_hover_text("SVG files named after the kinds (ec2.svg, alb.svg…); kinds without a file keep the built-in icon")
                        .clicked()
                    {
                        if !app.dialogs.available() {
                            let start = app.icons.folder.clone().unwrap_or_default();
                            app.path_prompt = Some(super::path_prompt::PathPrompt::new(
                                super::path_prompt::Purpose::IconFolder,
                                &start,
                            ));
                        } else if let Some(folder) = app.dialogs.pick_folder() {
                            app.icons.set_folder(Some(folder));
                        }
                        ui.close();
                    }
                });
            });
        });
    });
}

fn item(
    app: &mut DiagramApp,
    ui: &mut egui::Ui,
    command: Command,
    text: Option<String>,
    enabled: bool,
) {
    let text = text.unwrap_or_else(|| command.label().to_owned());
    let mut button = egui::Button::new(text);
    if let Some(shortcut) = command.shortcuts().first() {
        button = button.shortcut_text(ui.ctx().format_shortcut(shortcut));
    }
    if ui.add_enabled(enabled, button).clicked() {
        app.push(AppCommand::Run(command));
        ui.close();
    }
}

/// The status bar: counts, the latest message, zoom.
pub fn status_bar(app: &mut DiagramApp, ui: &mut egui::Ui) {
    egui::Panel::bottom("status_bar").show(ui, |ui| {
        ui.horizontal(|ui| {
            let diagram = &app.doc.diagram;
            let plural = |n: usize, what: &str| {
                if n == 1 {
                    format!("1 {what}")
                } else {
                    format!("{n} {what}s")
                }
            };
            ui.label(format!(
                "{} · {}",
                plural(diagram.component_count(), "component"),
                plural(diagram.link_count(), "link")
            ));
            ui.separator();
            if let Some(lint) = app.doc.linted() {
                let report = &lint.report;
                let counts: Vec<String> = [
                    Severity::Critical,
                    Severity::High,
                    Severity::Medium,
                    Severity::Low,
                    Severity::Info,
                ]
                .iter()
                .filter_map(|&s| {
                    let n = report.count(s);
                    (n > 0).then(|| format!("{n} {s}"))
                })
                .collect();
                let summary = if counts.is_empty() {
                    "no findings".to_owned()
                } else {
                    counts.join(", ")
                };
                let accepted = report.accepted().count();
                let accepted = if accepted > 0 {
                    format!(" · {accepted} accepted")
                } else {
                    String::new()
                };
                let ms = lint.elapsed.as_secs_f64() * 1000.0;
                ui.label(format!("{summary}{accepted} (lint {ms:.1} ms)"));
            }
            if app.doc.is_lint_stale() {
                ui.spinner();
                ui.weak("linting…");
            }
            ui.separator();
            ui.label(format!("{:.0} %", app.camera.zoom() * 100.0));
            if let Some(status) = &app.status {
                ui.separator();
                // A refusal says why in a sentence: wrap it in the room left, never cut it.
                ui.add(egui::Label::new(status).wrap());
            }
        });
    });
}

/// Runs the commands whose shortcuts were pressed, unless a text field has the keyboard.
pub fn shortcuts(app: &mut DiagramApp, ctx: &egui::Context) {
    if ctx.egui_wants_keyboard_input() {
        return;
    }
    // Shortcuts with more modifiers first, so Ctrl+Shift+Z is not taken for Ctrl+Z.
    let mut bindings: Vec<(egui::KeyboardShortcut, Command)> = Command::ALL
        .iter()
        .flat_map(|&c| c.shortcuts().iter().map(move |&s| (s, c)))
        .collect();
    bindings.sort_by_key(|(s, _)| std::cmp::Reverse(modifier_count(s.modifiers)));
    let mut pressed = Vec::new();
    ctx.input_mut(|i| {
        for (shortcut, command) in &bindings {
            if i.consume_shortcut(shortcut) {
                pressed.push(*command);
            }
        }
        // The platform turns Ctrl+C/X/V into clipboard events instead of key presses.
        for event in &i.events {
            match event {
                egui::Event::Copy => pressed.push(Command::Copy),
                egui::Event::Cut => pressed.push(Command::Cut),
                egui::Event::Paste(_) => pressed.push(Command::Paste),
                _ => {}
            }
        }
    });
    for command in pressed {
        app.push(AppCommand::Run(command));
    }
    let step = if ctx.input(|i| i.modifiers.shift) {
        super::GRID * 10.0
    } else {
        super::GRID
    };
    for (key, dx, dy) in [
        (Key::ArrowLeft, -step, 0.0),
        (Key::ArrowRight, step, 0.0),
        (Key::ArrowUp, 0.0, -step),
        (Key::ArrowDown, 0.0, step),
    ] {
        let pressed = ctx.input_mut(|i| {
            i.consume_key(Modifiers::NONE, key) || i.consume_key(Modifiers::SHIFT, key)
        });
        if pressed {
            app.push(AppCommand::Nudge(dx, dy));
        }
    }
}

fn modifier_count(m: Modifiers) -> u8 {
    u8::from(m.alt) + u8::from(m.ctrl || m.command || m.mac_cmd) + u8::from(m.shift)
}

/// A help window.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Help {
    /// Every command and its keys.
    Shortcuts,
    /// Version and licences.
    About,
    /// The Learn window on this topic (an index into `learn::TOPICS`).
    Topic(usize),
}

/// Where a help window first opens: over the canvas's top-left corner, clear of the menu
/// bar and the palette.
pub fn help_corner(app: &DiagramApp) -> egui::Pos2 {
    app.viewport.left_top() + egui::vec2(24.0, 16.0)
}

/// Where floating windows (help, What if) may go: the whole window under the menu bar (a position remembered
/// from an earlier run, or a drag, never puts their title bar over the menus).
pub fn under_menu_bar(app: &DiagramApp, ctx: &egui::Context) -> egui::Rect {
    let screen = ctx.content_rect();
    egui::Rect::from_min_max(egui::pos2(screen.min.x, app.viewport.min.y), screen.max)
}

/// The open help window, if any.
pub fn help_window(app: &mut DiagramApp, ctx: &egui::Context) {
    let Some(help) = app.help else {
        return;
    };
    let mut open = true;
    let corner = help_corner(app);
    let area = under_menu_bar(app, ctx);
    match help {
        Help::Shortcuts => {
            egui::Window::new("Keyboard shortcuts")
                .default_pos(corner)
                .constrain_to(area)
                .open(&mut open)
                .resizable(false)
                .show(ctx, |ui| {
                    egui::Grid::new("shortcuts").striped(true).show(ui, |ui| {
                        for command in Command::ALL {
                            let keys: Vec<String> = command
                                .shortcuts()
                                .iter()
                                .map(|s| ctx.format_shortcut(s))
                                .collect();
                            if keys.is_empty() {
                                continue;
                            }
                            ui.label(command.label());
                            ui.label(keys.join(" or "));
                            ui.end_row();
                        }
                        for (what, keys) in [
                            ("Nudge the selection", "Arrow keys (Shift: 10 steps)"),
                            ("Pan", "Scroll, middle-drag or Space+drag"),
                            ("Zoom around the pointer", "Ctrl+scroll or pinch"),
                            ("Fit to content", "Double-click the background"),
                            ("Rename", "Double-click a component"),
                        ] {
                            ui.label(what);
                            ui.label(keys);
                            ui.end_row();
                        }
                    });
                });
        }
        Help::Topic(shown) => open = super::topics::window(app, ctx, shown),
        Help::About => {
            egui::Window::new("About cloudsketch")
                .default_pos(corner)
                .constrain_to(area)
                .open(&mut open)
                .resizable(false)
                .show(ctx, |ui| {
                    ui.heading(format!("cloudsketch {}", env!("CARGO_PKG_VERSION")));
                    ui.label("Sketch AWS architectures and see what is wrong with the design while you draw.");
                    ui.separator();
                    ui.label("Service icons: drawn for cloudsketch, under the project's licence (not AWS's icon package).");
                    ui.label("Fonts: egui's bundled fonts and, in exported pictures, Ubuntu Light (Ubuntu Font Licence 1.0, assets/fonts/UFL.txt; SIL Open Font Licence for the emoji and icon fonts).");
                    ui.label("Built with egui and eframe (MIT or Apache-2.0), petgraph, ron, serde, resvg (MIT or Apache-2.0).");
                });
        }
    }
    if !open {
        app.help = None;
    }
}
