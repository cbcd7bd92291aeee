//! The inspector's "Addresses" section for a VPC or a subnet: the range and size of each
//! CIDR block, a VPC's subnets with their overlaps and the space left, a subnet's overlaps
//! with its siblings, and a calculator that splits a block into equal subnets.
//!
//! Read-only: nothing here edits the diagram. The calculator's text is UI state, kept per
//! component in [`super::InspectorState`], never saved and never undone. All arithmetic is
//! [`crate::cidr`], so the numbers match what NET-001 reports.

use crate::app::DiagramApp;
use crate::app::theme;
use crate::cidr::{self, Ipv4Net};
use crate::model::settings::Settings;
use crate::model::{Component, Diagram, Kind};

/// Fewest and most subnets the calculator splits into.
const SPLIT_RANGE: std::ops::RangeInclusive<u32> = 2..=64;

/// The calculator of one component.
#[derive(Clone, Debug)]
pub struct Calculator {
    /// The block typed; `None` until the user types, so it follows the component's first block.
    block: Option<String>,
    /// Equal subnets to split it into.
    parts: u32,
}

impl Default for Calculator {
    fn default() -> Self {
        Self {
            block: None,
            parts: 4,
        }
    }
}

/// The CIDR block texts of a VPC (primary first) or a subnet; empty for other kinds.
fn block_texts(c: &Component) -> Vec<String> {
    match &c.props.settings {
        Settings::Vpc(_) | Settings::Subnet(_) => c.props.settings.address_blocks().to_vec(),
        _ => Vec::new(),
    }
}

/// The blocks of `c` that parse and have a size AWS allows.
fn parsed_blocks(c: &Component) -> Vec<Ipv4Net> {
    block_texts(c)
        .iter()
        .filter_map(|t| cidr::parse_aws_block(t).ok())
        .collect()
}

/// A subnet's block: `None` when not set, else parsed and size-checked.
fn subnet_block(s: &Component) -> Option<Result<Ipv4Net, cidr::CidrError>> {
    match &s.props.settings {
        Settings::Subnet(set) => set.cidr.as_deref().map(cidr::parse_aws_block),
        _ => None,
    }
}

/// The collapsible section, shown for a VPC or a subnet only.
pub fn section(app: &mut DiagramApp, ui: &mut egui::Ui, c: &Component) {
    if !matches!(c.kind, Kind::Vpc | Kind::Subnet) {
        return;
    }
    ui.separator();
    egui::CollapsingHeader::new("Addresses")
        .id_salt(("addresses", c.id.as_str()))
        .default_open(true)
        .show(ui, |ui| {
            blocks_ui(ui, c);
            let diagram = &app.doc.diagram;
            if c.kind == Kind::Vpc {
                vpc_subnets_ui(ui, diagram, c);
            } else {
                siblings_ui(ui, diagram, c);
            }
            ui.add_space(4.0);
            calculator_ui(app, ui, c);
        });
}

/// One line per block: its range and size, or why it is unusable.
fn blocks_ui(ui: &mut egui::Ui, c: &Component) {
    let texts = block_texts(c);
    if texts.is_empty() {
        ui.weak(if c.kind == Kind::Vpc {
            "No CIDR block yet: type one in CIDR blocks above (10.0.0.0/16 gives 65,536 addresses)."
        } else {
            "No CIDR block yet: type one in CIDR above (a /24 such as 10.0.1.0/24 gives 251 usable addresses)."
        });
        return;
    }
    for text in texts {
        match cidr::parse_aws_block(&text) {
            Ok(block) => {
                ui.strong(block.to_string());
                let total = cidr::total_addresses(block);
                let sizes = if c.kind == Kind::Subnet {
                    format!(
                        "{} addresses · {} usable ({} reserved by AWS)",
                        cidr::grouped(total),
                        cidr::grouped(cidr::usable_addresses(block)),
                        cidr::RESERVED_PER_SUBNET
                    )
                } else {
                    format!("{} addresses", cidr::grouped(total))
                };
                ui.label(cidr::range_text(block));
                ui.label(sizes);
            }
            Err(e) => {
                ui.colored_label(theme::ERROR, e.to_string());
            }
        }
    }
}

/// A VPC's subnets with their sizes, the problems between them, and the space left.
fn vpc_subnets_ui(ui: &mut egui::Ui, diagram: &Diagram, vpc: &Component) {
    let blocks = parsed_blocks(vpc);
    let subnets = subnets_in(diagram, vpc);
    ui.add_space(4.0);
    ui.strong(format!("Subnets ({})", subnets.len()));
    if subnets.is_empty() {
        ui.weak("None drawn inside this VPC yet.");
    }
    let mut placed: Vec<(&Component, Ipv4Net)> = Vec::new();
    for s in &subnets {
        match subnet_block(s) {
            None => {
                ui.weak(format!("{}: no CIDR block", s.display_name()));
            }
            Some(Err(e)) => {
                ui.colored_label(theme::ERROR, format!("{}: {e}", s.display_name()));
            }
            Some(Ok(net)) => {
                ui.label(format!(
                    "{}: {net} · {} usable",
                    s.display_name(),
                    cidr::grouped(cidr::usable_addresses(net))
                ));
                placed.push((s, net));
            }
        }
    }
    let mut problems = Vec::new();
    for (i, (s, net)) in placed.iter().enumerate() {
        if !blocks.is_empty() && !blocks.iter().any(|b| cidr::contains(*b, *net)) {
            problems.push(format!(
                "{} ({net}) is outside the VPC's blocks",
                s.display_name()
            ));
        }
        for (t, other) in placed.iter().skip(i + 1) {
            if cidr::overlaps(*net, *other) {
                problems.push(format!(
                    "{} ({net}) and {} ({other}) overlap",
                    s.display_name(),
                    t.display_name()
                ));
            }
        }
    }
    for p in &problems {
        ui.colored_label(theme::ERROR, p);
    }
    if problems.is_empty() && placed.len() > 1 {
        ui.weak("No overlaps; every subnet is inside the VPC.");
    }
    if !placed.is_empty() {
        let usable: u64 = placed.iter().map(|(_, n)| cidr::usable_addresses(*n)).sum();
        ui.label(format!("Usable in subnets: {}", cidr::grouped(usable)));
    }
    if blocks.is_empty() {
        return;
    }
    let taken: Vec<Ipv4Net> = placed.iter().map(|(_, n)| *n).collect();
    let total: u64 = blocks.iter().map(|b| cidr::total_addresses(*b)).sum();
    let free: u64 = blocks.iter().map(|b| free_in(*b, &taken)).sum();
    ui.label(format!(
        "Free: {} of {} addresses",
        cidr::grouped(free),
        cidr::grouped(total)
    ));
    match largest_free_block(&blocks, &taken, free) {
        Some(next) => ui.weak(format!("Largest free block: {next}")),
        None => ui.colored_label(
            theme::ERROR,
            "No room for another subnet; add a secondary CIDR block to grow.",
        ),
    };
}

/// A subnet's place in its VPC and its overlaps with the other subnets there.
fn siblings_ui(ui: &mut egui::Ui, diagram: &Diagram, subnet: &Component) {
    let Some(vpc) = diagram.ancestors(&subnet.id).find(|a| a.kind == Kind::Vpc) else {
        ui.weak("Not inside a VPC.");
        return;
    };
    let Some(Ok(net)) = subnet_block(subnet) else {
        return;
    };
    let blocks = parsed_blocks(vpc);
    ui.add_space(4.0);
    if !blocks.is_empty() {
        let list: Vec<String> = blocks.iter().map(ToString::to_string).collect();
        if blocks.iter().any(|b| cidr::contains(*b, net)) {
            ui.weak(format!(
                "Inside {} ({})",
                vpc.display_name(),
                list.join(", ")
            ));
        } else {
            ui.colored_label(
                theme::ERROR,
                format!("Outside {} ({})", vpc.display_name(), list.join(", ")),
            );
        }
    }
    let siblings: Vec<&Component> = subnets_in(diagram, vpc)
        .into_iter()
        .filter(|s| s.id != subnet.id)
        .collect();
    let mut overlapping = 0;
    for s in &siblings {
        if let Some(Ok(other)) = subnet_block(s)
            && cidr::overlaps(net, other)
        {
            overlapping += 1;
            ui.colored_label(
                theme::ERROR,
                format!("Overlaps {} ({other})", s.display_name()),
            );
        }
    }
    if overlapping == 0 && !siblings.is_empty() {
        let others = match siblings.len() {
            1 => "the other subnet".to_owned(),
            n => format!("the other {n} subnets"),
        };
        ui.weak(format!(
            "No overlap with {others} in {}.",
            vpc.display_name()
        ));
    }
}

/// Splits a typed block into equal subnets.
fn calculator_ui(app: &mut DiagramApp, ui: &mut egui::Ui, c: &Component) {
    ui.strong("Calculator");
    ui.small("Split a block into equal subnets.");
    let first = block_texts(c).into_iter().next().unwrap_or_default();
    let state = app.inspector.calculators.entry(c.id.clone()).or_default();
    let mut text = state.block.clone().unwrap_or(first);
    let mut parts = state.parts;
    egui::Grid::new(("calculator", c.id.as_str()))
        .num_columns(2)
        .spacing([8.0, 4.0])
        .show(ui, |ui| {
            let label = ui.label("Block");
            let response = ui
                .add(
                    egui::TextEdit::singleline(&mut text)
                        .hint_text("10.0.0.0/16")
                        .desired_width(140.0),
                )
                .labelled_by(label.id);
            if response.changed() {
                state.block = Some(text.clone());
            }
            ui.end_row();
            let label = ui.label("Split into");
            ui.add(egui::DragValue::new(&mut parts).range(SPLIT_RANGE))
                .labelled_by(label.id);
            ui.end_row();
        });
    state.parts = parts.clamp(*SPLIT_RANGE.start(), *SPLIT_RANGE.end());
    if text.trim().is_empty() {
        ui.weak("Type a block such as 10.0.0.0/16.");
        return;
    }
    let count = usize::try_from(state.parts).unwrap_or(usize::MAX);
    let plans = cidr::parse_aws_block(&text)
        .and_then(|block| cidr::split(block, count).map(|plans| (block, plans)));
    let (block, plans) = match plans {
        Ok(found) => found,
        Err(e) => {
            ui.colored_label(theme::ERROR, e.to_string());
            return;
        }
    };
    let Some(piece) = plans.first().map(|p| p.block) else {
        return;
    };
    ui.label(format!(
        "{} x /{}: {} addresses each",
        plans.len(),
        piece.prefix_len(),
        cidr::grouped(cidr::total_addresses(piece))
    ));
    // A row each, its last address after the block or, in a narrow inspector, under it
    // (a grid's second column was cut off at the panel's edge).
    for plan in &plans {
        ui.horizontal_wrapped(|ui| {
            ui.label(format!(
                "{} · {} usable",
                plan.block,
                cidr::grouped(plan.usable)
            ));
            ui.weak(format!("to {}", plan.block.broadcast()));
        });
    }
    let used = cidr::total_addresses(piece) * plans.len() as u64;
    let left = cidr::total_addresses(block).saturating_sub(used);
    if left > 0 {
        ui.weak(format!(
            "{} addresses of {block} left over",
            cidr::grouped(left)
        ));
    }
}

/// Subnets nested anywhere inside `vpc` (directly or in an Availability Zone).
fn subnets_in<'a>(diagram: &'a Diagram, vpc: &Component) -> Vec<&'a Component> {
    diagram
        .components()
        .filter(|s| s.kind == Kind::Subnet && diagram.ancestors(&s.id).any(|a| a.id == vpc.id))
        .collect()
}

/// Addresses of `block` that none of `taken` covers. CIDR blocks are nested or apart, so
/// the taken blocks inside `block` that no other taken block contains are disjoint.
fn free_in(block: Ipv4Net, taken: &[Ipv4Net]) -> u64 {
    let mut inside: Vec<Ipv4Net> = taken
        .iter()
        .copied()
        .filter(|t| cidr::contains(block, *t))
        .collect();
    inside.sort();
    inside.dedup();
    let outermost = inside
        .iter()
        .filter(|t| !inside.iter().any(|o| o != *t && cidr::contains(*o, **t)));
    let used: u64 = outermost.map(|t| cidr::total_addresses(*t)).sum();
    cidr::total_addresses(block).saturating_sub(used)
}

/// The largest block of an allowed size that fits in `within` beside `taken`, given the
/// `free` addresses there (sizes larger than that are not tried, nor any when it is 0).
fn largest_free_block(within: &[Ipv4Net], taken: &[Ipv4Net], free: u64) -> Option<Ipv4Net> {
    if free == 0 {
        return None;
    }
    let widest = within.iter().map(Ipv4Net::prefix_len).min()?;
    // The largest power of two not above `free` bounds the block size: 2^(32 - prefix).
    let fits = u8::try_from(32 - free.ilog2().min(32)).unwrap_or(cidr::MAX_PREFIX);
    (widest.max(fits).max(cidr::MIN_PREFIX)..=cidr::MAX_PREFIX)
        .find_map(|prefix| cidr::free_block(within, taken, prefix))
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;

    fn net(text: &str) -> Ipv4Net {
        cidr::parse(text).unwrap()
    }

    #[test]
    fn free_space_counts_nested_and_repeated_subnets_once() {
        let vpc = net("10.0.0.0/16");
        assert_eq!(free_in(vpc, &[]), 65_536);
        let taken = [
            net("10.0.0.0/24"),
            net("10.0.0.0/25"),
            net("10.0.0.0/24"),
            net("10.0.1.0/24"),
            net("10.1.0.0/24"),
        ];
        assert_eq!(free_in(vpc, &taken), 65_536 - 512);
        assert_eq!(
            largest_free_block(&[vpc], &taken, free_in(vpc, &taken)),
            Some(net("10.0.128.0/17"))
        );
        assert_eq!(largest_free_block(&[vpc], &[], 65_536), Some(vpc));
        assert_eq!(largest_free_block(&[vpc], &[vpc], 0), None);
        let full_but_one: Vec<Ipv4Net> = vpc.subnets(24).unwrap().skip(1).collect();
        assert_eq!(
            largest_free_block(&[vpc], &full_but_one, free_in(vpc, &full_but_one)),
            Some(net("10.0.0.0/24"))
        );
    }
}
