//! JSON for scripts: per file its size, counts per severity and every finding (accepted
//! ones carry their reason) with its line and column.

use serde_json::{Value, json};

use super::FileReport;
use crate::model::Severity;
use crate::rules::Finding;

fn finding_json(file: &FileReport, finding: &Finding) -> Value {
    let (line, column) = file.position(finding);
    let mut value = serde_json::to_value(finding).unwrap_or(Value::Null);
    if let Value::Object(map) = &mut value {
        // Spelled as the counts' keys and the human report spell it ("critical").
        map.insert("severity".to_owned(), json!(finding.severity.as_str()));
        map.insert("line".to_owned(), json!(line));
        map.insert("column".to_owned(), json!(column));
    }
    value
}

/// JSON for tools.
pub fn json(files: &[FileReport]) -> String {
    let files: Vec<Value> = files
        .iter()
        .map(|file| {
            let mut value = json!({
                "path": file.path.display().to_string(),
                "components": file.own_size().0,
                "links": file.own_size().1,
                "counts": Severity::ALL.iter().map(|&s| (s.as_str().to_owned(), json!(file.report.count(s)))).collect::<serde_json::Map<_, _>>(),
                "findings": file.report.findings.iter().map(|f| finding_json(file, f)).collect::<Vec<_>>(),
            });
            if let Some(set) = &file.imported_with
                && let Some(map) = value.as_object_mut()
            {
                let others: Vec<String> = set.others.iter().map(|p| p.display().to_string()).collect();
                map.insert("imported_with".to_owned(), json!(others));
                map.insert(
                    "imported_set".to_owned(),
                    json!({
                        "components": file.diagram.component_count(),
                        "links": file.diagram.link_count(),
                    }),
                );
            }
            value
        })
        .collect();
    let mut text = serde_json::to_string_pretty(&json!({ "files": files })).unwrap_or_default();
    text.push('\n');
    text
}
