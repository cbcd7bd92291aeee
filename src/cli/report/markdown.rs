//! Markdown for pull-request comments: per file a heading and a one-line summary, then the
//! findings grouped by checklist item (severity, rule, message, `file:line:column`, fixes)
//! and the accepted risks with their reasons. Text from diagrams is escaped, so a label
//! such as `<b>|` cannot turn into markup or split a table.

use super::FileReport;
use crate::rules::Finding;

/// Markdown for pull-request comments.
pub fn markdown(files: &[FileReport]) -> String {
    let mut out = String::new();
    for (n, file) in files.iter().enumerate() {
        if n > 0 {
            out.push('\n');
        }
        file_section(&mut out, file);
    }
    out
}

fn file_section(out: &mut String, file: &FileReport) {
    let title = &file.diagram.info.title;
    out.push_str(&format!(
        "## {}",
        code_span(&file.path.display().to_string())
    ));
    if !title.is_empty() {
        out.push_str(&format!(" · {}", escape_markdown(title)));
    }
    out.push_str("\n\n");
    if file.report.findings.is_empty() {
        out.push_str(&format!("No findings in {}.\n", file.size()));
        return;
    }
    let counts: Vec<String> = file
        .counts()
        .iter()
        .map(|(s, n)| format!("**{n} {s}**"))
        .collect();
    let counts = if counts.is_empty() {
        "No findings".to_owned()
    } else {
        counts.join(", ")
    };
    out.push_str(&format!(
        "{counts}{} in {}.\n",
        file.accepted_note(),
        file.size()
    ));
    for (family, findings) in file.by_family() {
        out.push_str(&format!("\n### {family}\n\n"));
        for finding in findings {
            out.push_str(&format!(
                "- **{}** `{}` {}{}\n",
                finding.severity,
                finding.rule_id,
                escape_markdown(&finding.message),
                location(file, finding)
            ));
            for fix in &finding.fixes {
                out.push_str(&format!("  - Fix: {}\n", escape_markdown(&fix.title)));
            }
        }
    }
    let accepted: Vec<&Finding> = file.report.accepted().collect();
    if !accepted.is_empty() {
        out.push_str("\n### Accepted risks\n\n");
        for finding in accepted {
            out.push_str(&format!(
                "- {} `{}` {}{}\n",
                finding.severity,
                finding.rule_id,
                escape_markdown(&finding.message),
                location(file, finding)
            ));
            out.push_str(&format!(
                "  - Reason: {}\n",
                escape_markdown(finding.accepted.as_deref().unwrap_or_default())
            ));
        }
    }
}

/// " (`path:line:column`)", or nothing when the subjects are not written in the file.
fn location(file: &FileReport, finding: &Finding) -> String {
    file.location_text(finding)
        .map(|at| format!(" ({})", code_span(&at)))
        .unwrap_or_default()
}

/// `text` as inline code: fenced with one more backtick than its longest run of backticks,
/// padded when it starts or ends with one, and kept on one line.
fn code_span(text: &str) -> String {
    let text: String = text
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    let mut longest = 0;
    let mut run = 0;
    for c in text.chars() {
        run = if c == '`' { run + 1 } else { 0 };
        longest = longest.max(run);
    }
    let fence = "`".repeat(longest + 1);
    if text.starts_with('`') || text.ends_with('`') {
        format!("{fence} {text} {fence}")
    } else {
        format!("{fence}{text}{fence}")
    }
}

/// `text` as literal Markdown inline text: the characters that would start emphasis, code,
/// links, HTML, entities or table cells are backslash-escaped, and line breaks (which would
/// end a list item) become spaces.
pub fn escape_markdown(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '&' | '~' | '#' => {
                out.push('\\');
                out.push(c);
            }
            c if c.is_control() => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaping_keeps_markup_literal() {
        assert_eq!(
            escape_markdown("<b>Web</b> | *a_b* `c`"),
            r"\<b\>Web\</b\> \| \*a\_b\* \`c\`"
        );
        assert_eq!(escape_markdown("line\nbreak"), "line break");
    }

    #[test]
    fn code_spans_fence_backticks() {
        assert_eq!(code_span("a.ron:1:2"), "`a.ron:1:2`");
        assert_eq!(code_span("a`b"), "``a`b``");
        assert_eq!(code_span("`a"), "`` `a ``");
    }
}
