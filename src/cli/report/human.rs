//! Text for people: one `file:line:column:` line per finding with its fixes, accepted
//! findings with their reasons, then a summary line per file. Text from the diagram
//! (labels in messages, waiver reasons) goes to a terminal, so its control characters are
//! written escaped: a shared file cannot send escape sequences to whoever checks it.

use std::borrow::Cow;

use super::FileReport;

/// `text` with control characters written as `\u{..}` escapes.
fn terminal_safe(text: &str) -> Cow<'_, str> {
    if !text.chars().any(char::is_control) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for ch in text.chars() {
        if ch.is_control() {
            out.extend(ch.escape_unicode());
        } else {
            out.push(ch);
        }
    }
    Cow::Owned(out)
}

/// Text for people: one line per finding, its fixes, then a summary per file.
pub fn human(files: &[FileReport]) -> String {
    let mut out = String::new();
    for file in files {
        let path = file.path.display();
        for finding in file.report.active() {
            let (line, column) = file.position(finding);
            out.push_str(&format!(
                "{path}:{line}:{column}: {} {}: {}\n",
                finding.severity,
                finding.rule_id,
                terminal_safe(&finding.message)
            ));
            for fix in &finding.fixes {
                out.push_str(&format!("    fix: {}\n", terminal_safe(&fix.title)));
            }
        }
        for finding in file.report.accepted() {
            let (line, column) = file.position(finding);
            out.push_str(&format!(
                "{path}:{line}:{column}: accepted {}: {} (reason: {})\n",
                finding.rule_id,
                terminal_safe(&finding.message),
                terminal_safe(finding.accepted.as_deref().unwrap_or_default())
            ));
        }
        out.push_str(&format!("{path}: {}\n", file.summary()));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::terminal_safe;

    #[test]
    fn control_characters_are_escaped_and_the_rest_kept() {
        assert_eq!(
            terminal_safe("\u{1b}]0;x\u{7}\u{1b}[31mRED\r\n"),
            "\\u{1b}]0;x\\u{7}\\u{1b}[31mRED\\u{d}\\u{a}"
        );
        assert_eq!(terminal_safe("Web — \"quoted\" 🚀"), "Web — \"quoted\" 🚀");
    }
}
