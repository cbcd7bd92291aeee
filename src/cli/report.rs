//! Report printers: human text, JSON and SARIF 2.1.0 (findings located at the line of
//! their first subject in the diagram file, so code-scanning views show them in place).

use std::path::PathBuf;

use serde_json::{Value, json};

use crate::io::locate::SourceMap;
use crate::model::{Diagram, Severity};
use crate::rules::{ALL_RULES, Finding, Report};

/// One linted file.
pub struct FileReport {
    /// The file.
    pub path: PathBuf,
    /// Its diagram.
    pub diagram: Diagram,
    /// Its findings.
    pub report: Report,
    /// Where its components are written.
    pub sources: SourceMap,
}

impl FileReport {
    fn position(&self, finding: &Finding) -> (usize, usize) {
        finding
            .subjects
            .iter()
            .find_map(|s| self.sources.position(s.as_str()))
            .unwrap_or((1, 1))
    }
}

fn plural(n: usize, noun: &str) -> String {
    if n == 1 {
        format!("1 {noun}")
    } else {
        format!("{n} {noun}s")
    }
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
        let counts: Vec<String> = Severity::ALL
            .iter()
            .rev()
            .map(|&s| (s, file.report.count(s)))
            .filter(|(_, n)| *n > 0)
            .map(|(s, n)| format!("{n} {s}"))
            .collect();
        let accepted = file.report.accepted().count();
        let summary = if counts.is_empty() {
            "no findings".to_owned()
        } else {
            counts.join(", ")
        };
        let accepted = if accepted > 0 {
            format!(" ({accepted} accepted)")
        } else {
            String::new()
        };
        out.push_str(&format!(
            "{path}: {summary}{accepted} in {} and {}\n",
            plural(file.diagram.component_count(), "component"),
            plural(file.diagram.link_count(), "link")
        ));
    }
    out
}

fn finding_json(file: &FileReport, finding: &Finding) -> Value {
    let (line, column) = file.position(finding);
    let mut value = serde_json::to_value(finding).unwrap_or(Value::Null);
    if let Value::Object(map) = &mut value {
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
            json!({
                "path": file.path.display().to_string(),
                "components": file.diagram.component_count(),
                "links": file.diagram.link_count(),
                "counts": Severity::ALL.iter().map(|&s| (s.as_str().to_owned(), json!(file.report.count(s)))).collect::<serde_json::Map<_, _>>(),
                "findings": file.report.findings.iter().map(|f| finding_json(file, f)).collect::<Vec<_>>(),
            })
        })
        .collect();
    let mut text = serde_json::to_string_pretty(&json!({ "files": files })).unwrap_or_default();
    text.push('\n');
    text
}

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
