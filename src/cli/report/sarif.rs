//! SARIF 2.1.0 for code-scanning views: every rule with its documentation, every finding
//! located at its component's line, accepted findings as in-source suppressions.

use serde_json::{Value, json};

use super::FileReport;
use crate::model::Severity;
use crate::rules::ALL_RULES;

fn sarif_level(severity: Severity) -> &'static str {
    match severity {
        Severity::Critical | Severity::High => "error",
        Severity::Medium | Severity::Low => "warning",
        Severity::Info => "note",
    }
}

/// SARIF 2.1.0, for code-scanning views.
pub fn sarif(files: &[FileReport]) -> String {
    let rules: Vec<Value> = ALL_RULES
        .iter()
        .map(|rule| {
            let meta = rule.meta();
            let summary = meta
                .docs
                .split("## Why it matters")
                .next()
                .unwrap_or_default()
                .replace("## What it flags", "")
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ");
            json!({
                "id": meta.id,
                "name": meta.name,
                "shortDescription": { "text": meta.name.replace('-', " ") },
                "fullDescription": { "text": summary },
                "help": { "text": meta.docs },
                "defaultConfiguration": { "level": sarif_level(meta.default_severity) },
                "properties": { "family": meta.family.label() },
            })
        })
        .collect();
    let mut results = Vec::new();
    for file in files {
        let uri = file.path.display().to_string().replace('\\', "/");
        for finding in &file.report.findings {
            let (line, column) = file.position(finding);
            let mut result = json!({
                "ruleId": finding.rule_id,
                "level": sarif_level(finding.severity),
                "message": { "text": finding.message },
                "locations": [{
                    "physicalLocation": {
                        "artifactLocation": { "uri": uri },
                        "region": { "startLine": line, "startColumn": column },
                    },
                    "logicalLocations": finding.subjects.iter().map(|s| json!({ "name": s.as_str() })).collect::<Vec<_>>(),
                }],
                "properties": { "severity": finding.severity.as_str() },
            });
            if let (Some(reason), Value::Object(map)) = (&finding.accepted, &mut result) {
                map.insert(
                    "suppressions".to_owned(),
                    json!([{ "kind": "inSource", "justification": reason }]),
                );
            }
            results.push(result);
        }
    }
    let doc = json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": { "driver": {
                "name": "cloudsketch",
                "version": env!("CARGO_PKG_VERSION"),
                "rules": rules,
            }},
            "results": results,
        }],
    });
    let mut text = serde_json::to_string_pretty(&doc).unwrap_or_default();
    text.push('\n');
    text
}
