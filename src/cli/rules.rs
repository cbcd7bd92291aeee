//! `cloudsketch rules`: the catalog, and the documentation `cloudsketch explain` prints for
//! one rule.

use super::{EXIT_OK, print_out};
use crate::rules::{ALL_RULES, Family, RuleMeta};

/// Runs `rules`: one line per rule.
pub fn list() -> u8 {
    let mut out = String::new();
    for family in Family::ALL {
        let rules: Vec<_> = ALL_RULES
            .iter()
            .filter(|r| r.meta().family == family)
            .collect();
        if rules.is_empty() {
            continue;
        }
        out.push_str(&format!("{}\n", family.label()));
        for rule in rules {
            let meta = rule.meta();
            out.push_str(&format!(
                "  {:<9} {:<8} {}\n",
                meta.id,
                meta.default_severity.as_str(),
                meta.name
            ));
        }
    }
    print_out(&out);
    EXIT_OK
}

/// The rule's own documentation (what it flags, why it matters, use instead, known
/// limitations), its examples named by file: what the editor's Why? panel shows under its
/// own header and example buttons.
pub fn docs_body(meta: &RuleMeta) -> String {
    let mut out = String::new();
    // The examples are built in, so name them by file, not by the source tree's folder.
    for line in crate::rules::examples::without_fixture_paths(meta.docs).lines() {
        out.push_str(line.strip_prefix(' ').unwrap_or(line));
        out.push('\n');
    }
    out
}

/// What `explain` prints for a rule: its header, documentation and how to get its
/// example diagrams.
pub fn docs(meta: &RuleMeta) -> String {
    let mut out = format!(
        "{} {}\nFamily: {} · Default severity: {} (a finding may be rated higher or lower, as \
         \"What it flags\" says) · Since {}\n\n",
        meta.id,
        meta.name,
        meta.family.label(),
        meta.default_severity,
        meta.since
    );
    out.push_str(&docs_body(meta));
    out.push_str(&format!(
        "\n## Example diagrams\n`cloudsketch explain {} --example FILE > FILE` writes one to open in \
         the editor (the Why? panel opens them directly): {}.\n",
        meta.id,
        crate::rules::examples::of_rule(meta.id)
            .map(|e| format!("`{}`", e.file))
            .collect::<Vec<_>>()
            .join(", ")
    ));
    out
}
