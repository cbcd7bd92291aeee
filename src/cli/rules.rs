//! `cloudsketch rules` and `cloudsketch explain RULE`: the catalog and each rule's docs.

use super::{EXIT_ERROR, EXIT_OK, print_out};
use crate::rules::{ALL_RULES, Family, rule_by_id};

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
                meta.id, meta.default_severity, meta.name
            ));
        }
    }
    print_out(&out);
    EXIT_OK
}

/// Runs `explain RULE`: the rule's documentation.
pub fn explain(id: &str) -> u8 {
    let Some(rule) = rule_by_id(id) else {
        let known: Vec<&str> = ALL_RULES.iter().map(|r| r.meta().id).collect();
        eprintln!("there is no rule `{id}`; known rules: {}", known.join(", "));
        return EXIT_ERROR;
    };
    let meta = rule.meta();
    let mut out = format!(
        "{} {}\nFamily: {} · Default severity: {} · Since {}\n\n",
        meta.id,
        meta.name,
        meta.family.label(),
        meta.default_severity,
        meta.since
    );
    for line in meta.docs.lines() {
        out.push_str(line.strip_prefix(' ').unwrap_or(line));
        out.push('\n');
    }
    print_out(&out);
    EXIT_OK
}
