//! The SVG picture of a diagram, written straight from the model: containers as AWS draws
//! them (Region, VPC, dashed AZs and groups, tinted subnets) with their icon and label,
//! links styled by kind with arrowheads, components as cards with their icon and name,
//! optionally the finding badges with a legend. Fitted to the content with a margin.

use std::fmt::Write as _;

use crate::assets::icon_svg;
use crate::look::{self, Rgba};
use crate::model::settings::{Settings, SubnetIntent};
use crate::model::{Component, Diagram, Kind, LinkKind, Point, Rect, Severity, scene};
use crate::rules::{Report, Subject};

use super::ExportOptions;

/// Space around the content, in diagram units.
const MARGIN: f32 = 40.0;

/// Height of the title line above the content.
const TITLE: f32 = 36.0;

/// Height of the findings legend below the content.
const LEGEND: f32 = 34.0;

/// Fonts, in order of preference: the one the PNG renderer embeds first.
const FONTS: &str = "Ubuntu, 'Segoe UI', Helvetica, Arial, sans-serif";

/// The picture as SVG text. `report` supplies the finding badges when
/// `options.findings` is set.
pub fn to_svg(diagram: &Diagram, report: Option<&Report>, options: &ExportOptions) -> String {
    let content = diagram
        .bounds()
        .unwrap_or_else(|| Rect::new(Point::new(0.0, 0.0), crate::model::Size::new(320.0, 120.0)));
    let badges = options.findings.then_some(report).flatten();
    let top = content.min.y - MARGIN - TITLE;
    let left = content.min.x - MARGIN;
    let width = content.size.w + 2.0 * MARGIN;
    let height =
        content.size.h + 2.0 * MARGIN + TITLE + if badges.is_some() { LEGEND } else { 0.0 };
    let dark = options.dark;
    let mut out = String::new();
    let _ = write!(
        out,
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="{}" height="{}" viewBox="{left} {top} {width} {height}" font-family="{FONTS}">"#,
        num(width * options.scale),
        num(height * options.scale),
    );
    let link = look::link(dark).hex();
    let prefix = &options.id_prefix;
    let _ = write!(
        out,
        r#"<defs><marker id="{prefix}arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="{link}"/></marker></defs>"#
    );
    let _ = write!(
        out,
        r#"<rect x="{left}" y="{top}" width="{width}" height="{height}" fill="{}"/>"#,
        look::background(dark).hex()
    );
    let title = if diagram.info.title.is_empty() {
        "Untitled diagram"
    } else {
        diagram.info.title.as_str()
    };
    let _ = write!(
        out,
        r#"<text x="{}" y="{}" font-size="18" font-weight="bold" fill="{}">{}</text>"#,
        num(left + MARGIN),
        num(top + MARGIN * 0.5 + 18.0),
        look::text(dark).hex(),
        escape(title)
    );

    let order = scene::draw_order(diagram);
    for c in order.iter().filter(|c| c.kind.is_container()) {
        container(&mut out, c, dark);
    }
    // Labels keep off icons and box names (worked out only when some link has one).
    let obstacles = if diagram.links().any(|l| !l.props.label.is_empty()) {
        scene::label_obstacles(diagram)
    } else {
        Vec::new()
    };
    let mut obstacles = obstacles;
    for l in diagram.links() {
        let Some(ends) = scene::link_points(diagram, &l.id) else {
            continue;
        };
        // Each label placed is in the way of the next.
        if let Some(placed) = link_line(&mut out, ends, l.kind, &l.props.label, &obstacles, options)
        {
            obstacles.push(placed);
        }
    }
    for c in order.iter().filter(|c| !c.kind.is_container()) {
        card(&mut out, c, dark);
    }
    if let Some(report) = badges {
        finding_badges(&mut out, diagram, report);
        legend(
            &mut out,
            report,
            left + MARGIN,
            content.max().y + MARGIN * 0.5 + 8.0,
            dark,
        );
    }
    out.push_str("</svg>\n");
    out
}

/// Numbers without needless decimals.
fn num(v: f32) -> String {
    let rounded = (v * 100.0).round() / 100.0;
    format!("{rounded}")
}

/// Text safe inside SVG elements and attributes.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for ch in text.chars() {
        match ch {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c if c.is_control() => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

/// `text` cut to about `width` units at `size` (an estimate: no font metrics here).
fn fit(text: &str, width: f32, size: f32) -> String {
    let per_char = size * 0.56;
    let max = (width / per_char).floor().max(1.0) as usize;
    if text.chars().count() <= max {
        return text.to_owned();
    }
    let kept: String = text.chars().take(max.saturating_sub(1)).collect();
    format!("{}…", kept.trim_end())
}

/// `text` on at most two lines of about `width` units at `size`, broken between words as
/// the canvas wraps a card's label; what does not fit on the second line is cut with "…".
fn wrap_two_lines(text: &str, width: f32, size: f32) -> (String, Option<String>) {
    let per_char = size * 0.56;
    let max = (width / per_char).floor().max(1.0) as usize;
    if text.chars().count() <= max {
        return (text.to_owned(), None);
    }
    let mut first = String::new();
    let mut rest = text.trim_start();
    for word in text.split_whitespace() {
        let wanted = if first.is_empty() {
            word.chars().count()
        } else {
            first.chars().count() + 1 + word.chars().count()
        };
        if wanted > max {
            break;
        }
        if !first.is_empty() {
            first.push(' ');
        }
        first.push_str(word);
        rest = rest[rest.find(word).map_or(0, |at| at + word.len())..].trim_start();
    }
    if first.is_empty() {
        // A first word longer than a line ("shop.example.com") breaks after its last dot,
        // dash, slash or underscore that fits, else wherever the line is full.
        let text = text.trim_start();
        let head: String = text.chars().take(max).collect();
        let cut = head
            .rfind(['.', '-', '/', '_'])
            .map_or(head.len(), |at| at + 1);
        let (line, rest) = text.split_at(cut);
        let rest = rest.trim_start();
        return (
            line.to_owned(),
            (!rest.is_empty()).then(|| fit(rest, width, size)),
        );
    }
    (first, (!rest.is_empty()).then(|| fit(rest, width, size)))
}

/// An embedded icon SVG placed in `rect`.
fn icon(out: &mut String, kind: Kind, x: f32, y: f32, size: f32) {
    let svg = icon_svg(kind);
    let Some(open_end) = svg.find('>') else {
        return;
    };
    let view_box = svg[..open_end]
        .split("viewBox=\"")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .unwrap_or("0 0 48 48");
    let inner = svg[open_end + 1..].trim_end();
    let inner = inner.strip_suffix("</svg>").unwrap_or(inner);
    let _ = write!(
        out,
        r#"<svg x="{}" y="{}" width="{}" height="{}" viewBox="{view_box}">{inner}</svg>"#,
        num(x),
        num(y),
        num(size),
        num(size)
    );
}

fn is_public(c: &Component) -> bool {
    matches!(&c.props.settings, Settings::Subnet(s) if s.intent == Some(SubnetIntent::Public))
}

/// Opens a group named for viewers' tooltips and screen readers: the full name and kind,
/// whatever the label had to be shortened to.
fn open_group(out: &mut String, c: &Component) {
    let _ = write!(
        out,
        "<g><title>{} ({})</title>",
        escape(c.display_name()),
        c.kind.info().name
    );
}

fn container(out: &mut String, c: &Component, dark: bool) {
    open_group(out, c);
    draw_container(out, c, dark);
    out.push_str("</g>");
}

fn draw_container(out: &mut String, c: &Component, dark: bool) {
    let r = c.rect;
    let public = is_public(c);
    let fill = look::container_fill(c.kind, public);
    let stroke = look::container_stroke(c.kind, public);
    let dash = if look::container_dashed(c.kind) {
        r#" stroke-dasharray="8 5""#
    } else {
        ""
    };
    let fill_attr = if fill.is_transparent() {
        r#"fill="none""#.to_owned()
    } else {
        format!(
            r#"fill="{}" fill-opacity="{:.3}""#,
            fill.hex(),
            fill.opacity()
        )
    };
    let _ = write!(
        out,
        r#"<rect x="{}" y="{}" width="{}" height="{}" {fill_attr} stroke="{}" stroke-width="1.5"{dash}/>"#,
        num(r.min.x),
        num(r.min.y),
        num(r.size.w),
        num(r.size.h),
        stroke.hex()
    );
    if r.size.h < 26.0 || r.size.w < 90.0 {
        return;
    }
    icon(out, c.kind, r.min.x + 3.0, r.min.y + 3.0, 20.0);
    let label = if public {
        format!("{} (public)", c.display_name())
    } else {
        c.display_name().to_owned()
    };
    let label_color = if dark { lighten(stroke) } else { stroke };
    let _ = write!(
        out,
        r#"<text x="{}" y="{}" font-size="12" fill="{}">{}</text>"#,
        num(r.min.x + 28.0),
        num(r.min.y + 17.0),
        label_color.hex(),
        escape(&fit(&label, r.size.w - 34.0, 12.0))
    );
}

/// A container label colour readable on the dark background.
fn lighten(c: Rgba) -> Rgba {
    let up = |v: u8| (f32::from(v) * 1.4).min(255.0) as u8;
    Rgba(up(c.0), up(c.1), up(c.2), c.3)
}

fn link_line(
    out: &mut String,
    (a, b): (Point, Point),
    kind: LinkKind,
    label: &str,
    obstacles: &[Rect],
    options: &ExportOptions,
) -> Option<Rect> {
    let dark = options.dark;
    let prefix = &options.id_prefix;
    let dash = match kind {
        LinkKind::Replicate | LinkKind::Backup | LinkKind::DataTransfer => {
            r#" stroke-dasharray="1.5 5" stroke-linecap="round""#
        }
        LinkKind::Send
        | LinkKind::Consume
        | LinkKind::Subscribe
        | LinkKind::Trigger
        | LinkKind::DeadLetter
        | LinkKind::ImagePull => r#" stroke-dasharray="8 5""#,
        _ => "",
    };
    let width = if kind.is_synchronous() { 2.0 } else { 1.5 };
    let _ = write!(
        out,
        r#"<line x1="{}" y1="{}" x2="{}" y2="{}" stroke="{}" stroke-width="{width}"{dash} marker-end="url(#{prefix}arrow)"/>"#,
        num(a.x),
        num(a.y),
        num(b.x),
        num(b.y),
        look::link(dark).hex()
    );
    if !label.is_empty() {
        // Font size 10: about 5.6 units a character, 11 high. Beside the line and clear of a
        // finding badge drawn at its middle (radius 9), or moved along the line off an icon.
        let size = crate::model::Size::new(label.chars().count() as f32 * 5.6, 11.0);
        let at = scene::label_anchor(a, b, size, (13.0, 8.0), |r| {
            obstacles.iter().any(|o| o.intersects(r))
        });
        let _ = write!(
            out,
            r#"<text x="{}" y="{}" font-size="10" text-anchor="middle" fill="{}">{}</text>"#,
            num(at.x),
            num(at.y),
            look::text(dark).hex(),
            escape(label)
        );
        return Some(Rect::new(
            Point::new(at.x - size.w / 2.0, at.y - size.h),
            size,
        ));
    }
    None
}

fn card(out: &mut String, c: &Component, dark: bool) {
    open_group(out, c);
    draw_card(out, c, dark);
    out.push_str("</g>");
}

fn draw_card(out: &mut String, c: &Component, dark: bool) {
    let r = c.rect;
    let _ = write!(
        out,
        r#"<rect x="{}" y="{}" width="{}" height="{}" rx="6" fill="{}" stroke="{}"/>"#,
        num(r.min.x),
        num(r.min.y),
        num(r.size.w),
        num(r.size.h),
        look::card(dark).hex(),
        look::card_border(dark).hex()
    );
    let size = (r.size.h * 0.55).min(r.size.w * 0.6);
    icon(out, c.kind, r.center().x - size / 2.0, r.min.y + 4.0, size);
    let (first, second) = wrap_two_lines(c.display_name(), r.size.w - 6.0, 11.0);
    for (i, line) in std::iter::once(first).chain(second).enumerate() {
        let _ = write!(
            out,
            r#"<text x="{}" y="{}" font-size="11" text-anchor="middle" fill="{}">{}</text>"#,
            num(r.center().x),
            num(r.min.y + 4.0 + size + 12.0 + 12.0 * i as f32),
            look::text(dark).hex(),
            escape(&line)
        );
    }
    let count = c.count();
    if count > 1 {
        let text = format!("×{count}");
        let w = text.chars().count() as f32 * 7.0 + 8.0;
        let x = r.max().x - 4.0 - w;
        let _ = write!(
            out,
            r#"<rect x="{}" y="{}" width="{}" height="16" rx="6" fill="{}"/><text x="{}" y="{}" font-size="11" text-anchor="middle" fill="white">{text}</text>"#,
            num(x),
            num(r.min.y + 4.0),
            num(w),
            look::category_color(c.kind.info().category).hex(),
            num(x + w / 2.0),
            num(r.min.y + 16.0)
        );
    }
}

/// Worst severity and count of active findings per subject, badged like the canvas.
fn finding_badges(out: &mut String, diagram: &Diagram, report: &Report) {
    let mut per_subject: Vec<(&Subject, Severity, usize)> = Vec::new();
    for f in report.active() {
        for s in &f.subjects {
            match per_subject.iter_mut().find(|(x, _, _)| *x == s) {
                Some(entry) => {
                    entry.1 = entry.1.max(f.severity);
                    entry.2 += 1;
                }
                None => per_subject.push((s, f.severity, 1)),
            }
        }
    }
    for (subject, severity, count) in per_subject {
        let at = match subject {
            Subject::Component(id) => diagram.component(id).map(|c| c.rect.min),
            Subject::Link(id) => scene::link_points(diagram, id)
                .map(|(a, b)| Point::new((a.x + b.x) / 2.0, (a.y + b.y) / 2.0)),
        };
        if let Some(at) = at {
            badge(out, at, severity, &count.to_string());
        }
    }
}

fn badge(out: &mut String, at: Point, severity: Severity, text: &str) {
    let _ = write!(
        out,
        r#"<circle cx="{}" cy="{}" r="9" fill="{}" stroke="white" stroke-width="1.5"/><text x="{}" y="{}" font-size="10" font-weight="bold" text-anchor="middle" fill="white">{text}</text>"#,
        num(at.x),
        num(at.y),
        look::severity(severity).hex(),
        num(at.x),
        num(at.y + 3.5)
    );
}

/// "● 2 high  ● 3 medium …", or that nothing was found.
fn legend(out: &mut String, report: &Report, x: f32, y: f32, dark: bool) {
    let mut cursor = x;
    let text = look::text(dark).hex();
    let counts: Vec<(Severity, usize)> = [
        Severity::Critical,
        Severity::High,
        Severity::Medium,
        Severity::Low,
        Severity::Info,
    ]
    .into_iter()
    .map(|s| (s, report.count(s)))
    .filter(|(_, n)| *n > 0)
    .collect();
    if counts.is_empty() {
        let _ = write!(
            out,
            r#"<text x="{}" y="{}" font-size="12" fill="{text}">No findings</text>"#,
            num(x),
            num(y + 4.0)
        );
        return;
    }
    for (severity, n) in counts {
        badge(out, Point::new(cursor + 9.0, y), severity, &n.to_string());
        let label = severity.as_str();
        let _ = write!(
            out,
            r#"<text x="{}" y="{}" font-size="12" fill="{text}">{label}</text>"#,
            num(cursor + 22.0),
            num(y + 4.0)
        );
        cursor += 22.0 + label.len() as f32 * 7.0 + 18.0;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_link_label_is_not_drawn_under_an_icon_on_its_line() {
        use crate::model::builder::DiagramBuilder;
        use crate::model::{LinkKind, Size};
        let at = |x: f32, y: f32| Rect::new(Point::new(x, y), Size::new(96.0, 72.0));
        // Users call an API far to the right; a gateway sits on the middle of the line.
        let mut b = DiagramBuilder::new();
        b.add("users", Kind::Users, None).rect = at(0.0, 100.0);
        b.add("api", Kind::ExternalService, None).rect = at(600.0, 100.0);
        b.add("gw", Kind::ExternalService, None).rect = at(300.0, 100.0);
        b.link(LinkKind::Request, "users", "api");
        let mut d = b.build();
        let link = d.links().next().unwrap().id.clone();
        let mut props = d.link(&link).unwrap().props.clone();
        props.label = "a long label about the call".to_owned();
        d.apply(crate::model::Edit::SetLinkProps(link, Box::new(props)))
            .unwrap();
        let svg = to_svg(&d, None, &ExportOptions::default());
        let text = svg
            .split("<text ")
            .find(|t| t.contains("a long label about the call"))
            .unwrap();
        let coordinate = |name: &str| -> f32 {
            let from = text.find(&format!("{name}=\"")).unwrap() + name.len() + 2;
            text[from..].split('"').next().unwrap().parse().unwrap()
        };
        let (x, y) = (coordinate("x"), coordinate("y"));
        let width = "a long label about the call".len() as f32 * 5.6;
        let label = Rect::new(
            Point::new(x - width / 2.0, y - 11.0),
            Size::new(width, 11.0),
        );
        assert!(!label.intersects(&at(300.0, 100.0)), "{x}, {y}");
    }

    #[test]
    fn a_long_card_label_wraps_between_words_onto_two_lines() {
        // 90 units at 11 px hold 14 characters.
        assert_eq!(
            wrap_two_lines("Payment provider API", 90.0, 11.0),
            ("Payment".to_owned(), Some("provider API".to_owned()))
        );
        assert_eq!(
            wrap_two_lines("Internet gateway", 90.0, 11.0),
            ("Internet".to_owned(), Some("gateway".to_owned()))
        );
        assert_eq!(
            wrap_two_lines("Web server", 90.0, 11.0),
            ("Web server".to_owned(), None)
        );
        // What the second line cannot hold is cut.
        let (first, second) = wrap_two_lines("Orders database primary writer node", 90.0, 11.0);
        assert_eq!(first, "Orders");
        assert_eq!(second.as_deref(), Some("database prim…"));
        // A word longer than a line breaks after a dot, or where the line is full.
        assert_eq!(
            wrap_two_lines("shop.example.com", 90.0, 11.0),
            ("shop.example.".to_owned(), Some("com".to_owned()))
        );
        assert_eq!(
            wrap_two_lines("aaaaaaaaaaaaaaaaaaaa", 90.0, 11.0),
            ("aaaaaaaaaaaaaa".to_owned(), Some("aaaaaa".to_owned()))
        );
    }
}
