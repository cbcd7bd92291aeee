//! One self-contained HTML page per run: inline CSS, no scripts, no external resources, so
//! it can be archived as a CI artifact or mailed. Per file: its summary, the diagram's
//! picture (an inline SVG supplied by the caller), the findings grouped by checklist item
//! with severity chips in the canvas's colours, their location, fixes and the rule's
//! documentation in a collapsible "Why it matters", then the accepted risks.

use std::fmt::Write as _;

use super::FileReport;
use crate::cli::rules::docs;
use crate::look::{self, Rgba};
use crate::model::Severity;
use crate::rules::{Finding, rule_by_id};

/// The page for `files`; `picture` returns the SVG drawn for a file, embedded inline, or
/// `None` to leave the picture out.
pub fn html(
    files: &[FileReport],
    mut picture: impl FnMut(&FileReport) -> Option<String>,
) -> String {
    let names: Vec<String> = files
        .iter()
        .map(|f| {
            f.path.file_name().map_or_else(
                || f.path.display().to_string(),
                |n| n.to_string_lossy().into_owned(),
            )
        })
        .collect();
    let mut out = String::new();
    write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>cloudsketch report: {}</title>\n<style>\n{}</style>\n</head>\n<body>\n\
         <header>\n<h1>cloudsketch report</h1>\n",
        escape_html(&names.join(", ")),
        style()
    )
    .ok();
    if files.len() > 1 {
        totals(&mut out, files);
    }
    out.push_str("</header>\n");
    for (n, file) in files.iter().enumerate() {
        file_section(&mut out, n + 1, file, picture(file).as_deref());
    }
    write!(
        out,
        "<footer>Written by <code>cloudsketch check --format html</code> {}</footer>\n\
         </body>\n</html>\n",
        env!("CARGO_PKG_VERSION")
    )
    .ok();
    out
}

/// Counts over every file and a table of contents linking to each file's section.
fn totals(out: &mut String, files: &[FileReport]) {
    let counts: Vec<(Severity, usize)> = Severity::ALL
        .iter()
        .rev()
        .map(|&s| (s, files.iter().map(|f| f.report.count(s)).sum()))
        .filter(|(_, n)| *n > 0)
        .collect();
    let accepted: usize = files.iter().map(|f| f.report.accepted().count()).sum();
    out.push_str("<p class=\"summary\">");
    count_chips(out, &counts);
    let accepted = if accepted > 0 {
        format!(" ({accepted} accepted)")
    } else {
        String::new()
    };
    writeln!(out, "{accepted} in {} files</p>\n<nav><ul>", files.len()).ok();
    for (n, file) in files.iter().enumerate() {
        writeln!(
            out,
            "<li><a href=\"#file-{}\"><code>{}</code></a>: {}</li>",
            n + 1,
            escape_html(&file.path.display().to_string()),
            escape_html(&file.summary())
        )
        .ok();
    }
    out.push_str("</ul></nav>\n");
}

fn file_section(out: &mut String, n: usize, file: &FileReport, picture: Option<&str>) {
    write!(
        out,
        "<section class=\"file\" id=\"file-{n}\">\n<h2><code>{}</code>",
        escape_html(&file.path.display().to_string())
    )
    .ok();
    let title = &file.diagram.info.title;
    if !title.is_empty() {
        write!(out, " <span class=\"title\">{}</span>", escape_html(title)).ok();
    }
    out.push_str("</h2>\n");
    if file.report.findings.is_empty() {
        writeln!(
            out,
            "<p class=\"summary clean\">No findings in {}.</p>",
            escape_html(&file.size())
        )
        .ok();
    } else {
        out.push_str("<p class=\"summary\">");
        count_chips(out, &file.counts());
        writeln!(
            out,
            "{} in {}.</p>",
            escape_html(&file.accepted_note()),
            escape_html(&file.size())
        )
        .ok();
    }
    if let Some(svg) = picture {
        writeln!(
            out,
            "<figure class=\"picture\" aria-label=\"The diagram\">\n{}\n</figure>",
            svg.trim_end()
        )
        .ok();
    }
    for (family, findings) in file.by_family() {
        writeln!(
            out,
            "<h3>{}</h3>\n<ul class=\"findings\">",
            escape_html(family)
        )
        .ok();
        for finding in findings {
            finding_item(out, file, finding);
        }
        out.push_str("</ul>\n");
    }
    let accepted: Vec<&Finding> = file.report.accepted().collect();
    if !accepted.is_empty() {
        out.push_str("<h3>Accepted risks</h3>\n<ul class=\"findings accepted\">\n");
        for finding in accepted {
            finding_item(out, file, finding);
        }
        out.push_str("</ul>\n");
    }
    out.push_str("</section>\n");
}

/// One finding: chip, rule id, message, location, fixes or the reason it was accepted, and
/// the rule's documentation.
fn finding_item(out: &mut String, file: &FileReport, finding: &Finding) {
    let severity = finding.severity.as_str();
    write!(
        out,
        "<li class=\"finding sev-{severity}\">\n<p><span class=\"chip sev-{severity}\">{severity}</span> \
         <code class=\"rule\">{}</code> {}</p>\n",
        escape_html(finding.rule_id),
        escape_html(&finding.message)
    )
    .ok();
    if let Some(at) = file.location_text(finding) {
        writeln!(
            out,
            "<p class=\"location\"><code>{}</code></p>",
            escape_html(&at)
        )
        .ok();
    }
    if let Some(reason) = &finding.accepted {
        writeln!(
            out,
            "<p class=\"reason\">Accepted: {}</p>",
            escape_html(reason)
        )
        .ok();
    } else if !finding.fixes.is_empty() {
        out.push_str("<ul class=\"fixes\">\n");
        for fix in &finding.fixes {
            writeln!(out, "<li>Fix: {}</li>", escape_html(&fix.title)).ok();
        }
        out.push_str("</ul>\n");
    }
    if let Some(rule) = rule_by_id(finding.rule_id) {
        writeln!(
            out,
            "<details>\n<summary>Why it matters</summary>\n<pre>{}</pre>\n</details>",
            escape_html(docs(rule.meta()).trim_end())
        )
        .ok();
    }
    out.push_str("</li>\n");
}

/// Severity chips ("1 critical", "7 high"), or "No findings".
fn count_chips(out: &mut String, counts: &[(Severity, usize)]) {
    if counts.is_empty() {
        out.push_str("No findings");
        return;
    }
    for (i, (severity, n)) in counts.iter().enumerate() {
        if i > 0 {
            out.push_str(", ");
        }
        write!(
            out,
            "<span class=\"chip sev-{severity}\">{n} {severity}</span>"
        )
        .ok();
    }
}

/// The stylesheet, with the severity colours of the canvas.
fn style() -> String {
    let mut css = String::from(
        ":root { color-scheme: light; }\n\
         body { font: 15px/1.5 system-ui, -apple-system, 'Segoe UI', Ubuntu, Helvetica, Arial, sans-serif; \
         color: #1f2328; background: #ffffff; max-width: 72rem; margin: 0 auto; padding: 1.5rem; }\n\
         h1 { font-size: 1.6rem; margin: 0 0 0.5rem; }\n\
         h2 { font-size: 1.25rem; margin: 2.5rem 0 0.25rem; padding-bottom: 0.25rem; border-bottom: 1px solid #d0d7de; }\n\
         h2 .title { font-weight: normal; color: #57606a; }\n\
         h3 { font-size: 1.05rem; margin: 1.5rem 0 0.5rem; }\n\
         code, pre { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 0.88em; }\n\
         a { color: #0969da; }\n\
         .summary { margin: 0.25rem 0 1rem; }\n\
         .clean { color: #1a7f37; font-weight: 600; }\n\
         .chip { display: inline-block; padding: 0 0.6em; border-radius: 999px; font-size: 0.8rem; \
         font-weight: 600; line-height: 1.6; white-space: nowrap; }\n\
         .picture { margin: 1rem 0; overflow: auto; border: 1px solid #d0d7de; border-radius: 6px; }\n\
         .picture svg { display: block; max-width: 100%; height: auto; }\n\
         ul.findings { list-style: none; margin: 0; padding: 0; }\n\
         li.finding { margin: 0.5rem 0; padding: 0.5rem 0.75rem; border: 1px solid #d0d7de; \
         border-left-width: 4px; border-radius: 6px; }\n\
         li.finding p { margin: 0.2rem 0; }\n\
         .accepted li.finding { border-left-color: #d0d7de; background: #f6f8fa; }\n\
         .location { color: #57606a; }\n\
         .reason { font-style: italic; }\n\
         ul.fixes { margin: 0.25rem 0; padding-left: 1.25rem; }\n\
         details summary { cursor: pointer; color: #0969da; }\n\
         details pre { white-space: pre-wrap; margin: 0.5rem 0; padding: 0.75rem; background: #f6f8fa; border-radius: 6px; }\n\
         footer { margin-top: 3rem; color: #57606a; font-size: 0.85rem; }\n",
    );
    for severity in Severity::ALL {
        let colour = look::severity(severity);
        writeln!(
            css,
            ".chip.sev-{severity} {{ background: {}; color: {}; }}\n\
             li.sev-{severity} {{ border-left-color: {}; }}",
            colour.hex(),
            text_on(colour),
            colour.hex()
        )
        .ok();
    }
    css
}

/// Black or white, whichever reads better on `background` (WCAG relative luminance).
fn text_on(background: Rgba) -> &'static str {
    let linear = |v: u8| {
        let v = f32::from(v) / 255.0;
        if v <= 0.040_45 {
            v / 12.92
        } else {
            ((v + 0.055) / 1.055).powf(2.4)
        }
    };
    let luminance = 0.2126 * linear(background.0)
        + 0.7152 * linear(background.1)
        + 0.0722 * linear(background.2);
    // Where the contrast with black and with white is equal.
    if luminance > 0.179 {
        "#000000"
    } else {
        "#ffffff"
    }
}

/// `text` safe inside HTML elements and quoted attributes.
pub fn escape_html(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaping_covers_markup_and_attributes() {
        assert_eq!(
            escape_html(r#"<b>"A" & 'B'</b>"#),
            "&lt;b&gt;&quot;A&quot; &amp; &#39;B&#39;&lt;/b&gt;"
        );
    }

    #[test]
    fn chips_are_readable() {
        assert_eq!(text_on(look::severity(Severity::Critical)), "#ffffff");
        assert_eq!(text_on(look::severity(Severity::Medium)), "#000000");
    }
}
