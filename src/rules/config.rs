//! Which rules run and how severe they are: from the diagram's `lint` section, narrowed
//! or overridden by the command line.

use std::collections::BTreeMap;

use super::RuleMeta;
use crate::model::{LintSettings, Severity};

/// Rule selection and severity overrides for one lint run.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct LintConfig {
    /// Only rules matching one of these ids, names or family prefixes run (all when empty).
    pub select: Vec<String>,
    /// Rules matching these never run.
    pub ignore: Vec<String>,
    /// Severity overrides by rule id or name.
    pub severity: BTreeMap<String, Severity>,
}

impl LintConfig {
    /// The configuration a diagram carries.
    pub fn from_settings(settings: &LintSettings) -> Self {
        Self {
            select: settings.select.clone(),
            ignore: settings.ignore.clone(),
            severity: settings.severity.clone(),
        }
    }

    /// Runs only the rule `id` (fixture tests).
    pub fn only(id: &str) -> Self {
        Self {
            select: vec![id.to_owned()],
            ..Self::default()
        }
    }

    /// Whether `rule` runs.
    pub fn enables(&self, rule: &RuleMeta) -> bool {
        let matches = |pattern: &String| {
            pattern.eq_ignore_ascii_case(rule.id)
                || pattern.eq_ignore_ascii_case(rule.name)
                || pattern.eq_ignore_ascii_case(rule.family.prefix())
        };
        (self.select.is_empty() || self.select.iter().any(matches))
            && !self.ignore.iter().any(matches)
    }

    /// The severity override for `rule`, if any.
    pub fn severity_override(&self, rule: &RuleMeta) -> Option<Severity> {
        self.severity
            .iter()
            .find(|(key, _)| {
                key.eq_ignore_ascii_case(rule.id) || key.eq_ignore_ascii_case(rule.name)
            })
            .map(|(_, severity)| *severity)
    }
}
