//! Text for people: one `file:line:column:` line per finding with its fixes, accepted
//! findings with their reasons, then a summary line per file.

use super::FileReport;

/// Text for people: one line per finding, its fixes, then a summary per file.
pub fn human(files: &[FileReport]) -> String {
    let mut out = String::new();
    for file in files {
        let path = file.path.display();
        for finding in file.report.active() {
            let (line, column) = file.position(finding);
            out.push_str(&format!(
                "{path}:{line}:{column}: {} {}: {}\n",
                finding.severity, finding.rule_id, finding.message
            ));
            for fix in &finding.fixes {
                out.push_str(&format!("    fix: {}\n", fix.title));
            }
        }
        for finding in file.report.accepted() {
            let (line, column) = file.position(finding);
            out.push_str(&format!(
                "{path}:{line}:{column}: accepted {}: {} (reason: {})\n",
                finding.rule_id,
                finding.message,
                finding.accepted.as_deref().unwrap_or_default()
            ));
        }
        out.push_str(&format!("{path}: {}\n", file.summary()));
    }
    out
}
