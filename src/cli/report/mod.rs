//! Report printers: the linted files of one `check` run in, one text out, in the format the
//! reader wants: [`human`] text, [`json`], [`sarif`] 2.1.0, [`markdown`] for pull-request
//! comments and a self-contained [`html`] page.
//!
//! Headless: reads `model`, `rules` and `io`'s source map, never egui. Findings are located
//! at the line of their first subject in the diagram file, so every format points at the
//! same `file:line:column`.

mod html;
mod human;
mod json;
mod markdown;
mod sarif;

use std::path::PathBuf;

pub use html::{escape_html, html};
pub use human::human;
pub use json::json;
pub use markdown::{escape_markdown, markdown};
pub use sarif::sarif;

use crate::io::locate::SourceMap;
use crate::model::{Diagram, Severity};
use crate::rules::{Family, Finding, Report, rule_by_id};

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
    /// For a template imported and linted together with others (`diagram` is the whole
    /// set): the others, and what this template itself writes. `None` for a diagram file.
    pub imported_with: Option<ImportedWith>,
}

/// A template's share of a set of templates imported together.
#[derive(Clone, Debug, Default)]
pub struct ImportedWith {
    /// The other templates of the set.
    pub others: Vec<PathBuf>,
    /// Components this template writes.
    pub components: usize,
    /// Links starting at those components.
    pub links: usize,
}

impl FileReport {
    /// Line and column of the first subject of `finding` that is written in the file.
    fn location(&self, finding: &Finding) -> Option<(usize, usize)> {
        finding
            .subjects
            .iter()
            .find_map(|s| self.sources.position(s.as_str()))
    }

    /// Like [`Self::location`], falling back to the top of the file for formats that
    /// always need a position.
    fn position(&self, finding: &Finding) -> (usize, usize) {
        self.location(finding).unwrap_or((1, 1))
    }

    /// `path:line:column` of `finding`, when its subjects are written in the file.
    fn location_text(&self, finding: &Finding) -> Option<String> {
        let (line, column) = self.location(finding)?;
        Some(format!("{}:{line}:{column}", self.path.display()))
    }

    /// Active findings per severity, worst first, without the severities that have none.
    fn counts(&self) -> Vec<(Severity, usize)> {
        Severity::ALL
            .iter()
            .rev()
            .map(|&s| (s, self.report.count(s)))
            .filter(|(_, n)| *n > 0)
            .collect()
    }

    /// Components and links of this file (of a template: the ones it writes).
    fn own_size(&self) -> (usize, usize) {
        match &self.imported_with {
            Some(set) => (set.components, set.links),
            None => (self.diagram.component_count(), self.diagram.link_count()),
        }
    }

    /// "15 components and 8 links", and for a template imported with others, the set.
    fn size(&self) -> String {
        let components_and_links = |(components, links): (usize, usize)| {
            format!(
                "{} and {}",
                plural(components, "component"),
                plural(links, "link")
            )
        };
        let mut text = components_and_links(self.own_size());
        if let Some(set) = &self.imported_with {
            let names: Vec<String> = set.others.iter().map(|p| p.display().to_string()).collect();
            let whole =
                components_and_links((self.diagram.component_count(), self.diagram.link_count()));
            // Alone, the difference is what the import draws around the template's resources
            // (the Region, the Internet).
            text.push_str(&if names.is_empty() {
                format!(" (of {whole} once imported)")
            } else {
                format!(" (of {whole} imported together with {})", names.join(", "))
            });
        }
        text
    }

    /// "1 critical, 7 high (1 accepted) in 15 components and 8 links", or "no findings in …".
    fn summary(&self) -> String {
        let counts: Vec<String> = self
            .counts()
            .iter()
            .map(|(s, n)| format!("{n} {s}"))
            .collect();
        let counts = if counts.is_empty() {
            "no findings".to_owned()
        } else {
            counts.join(", ")
        };
        format!("{counts}{} in {}", self.accepted_note(), self.size())
    }

    /// " (2 accepted)", or nothing when no finding was accepted.
    fn accepted_note(&self) -> String {
        match self.report.accepted().count() {
            0 => String::new(),
            n => format!(" ({n} accepted)"),
        }
    }

    /// Active findings grouped by checklist item, in the notes' order, leaving out empty
    /// items. Findings of no registered rule (a crashed rule) come last, under "Other".
    fn by_family(&self) -> Vec<(&'static str, Vec<&Finding>)> {
        let family = |f: &Finding| rule_by_id(f.rule_id).map(|r| r.meta().family);
        let mut groups: Vec<(&'static str, Vec<&Finding>)> = Family::ALL
            .iter()
            .map(|&fam| {
                let findings = self
                    .report
                    .active()
                    .filter(|f| family(f) == Some(fam))
                    .collect();
                (fam.label(), findings)
            })
            .collect();
        groups.push((
            "Other",
            self.report
                .active()
                .filter(|f| family(f).is_none())
                .collect(),
        ));
        groups.retain(|(_, findings)| !findings.is_empty());
        groups
    }
}

fn plural(n: usize, noun: &str) -> String {
    if n == 1 {
        format!("1 {noun}")
    } else {
        format!("{n} {noun}s")
    }
}
