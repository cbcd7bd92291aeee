//! Severities and the per-diagram lint configuration stored in the file.
//!
//! They live in the model (not in `rules`) because they are part of the saved document.

use std::collections::BTreeMap;
use std::fmt;

use serde::{Deserialize, Serialize};

/// How bad a finding is, from least to most severe.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Severity {
    /// Worth knowing; often "this depends on data you have not entered yet".
    Info,
    /// Minor risk or cost.
    Low,
    /// Real risk under some failures.
    Medium,
    /// Likely outage or data loss.
    High,
    /// Outage or data loss that the design all but guarantees.
    Critical,
}

impl Severity {
    /// Every severity, least severe first.
    pub const ALL: [Severity; 5] = [
        Severity::Info,
        Severity::Low,
        Severity::Medium,
        Severity::High,
        Severity::Critical,
    ];

    /// Lower-case name used on the command line and in reports.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Low => "low",
            Severity::Medium => "medium",
            Severity::High => "high",
            Severity::Critical => "critical",
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Which rules run on this diagram and how severe they are.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct LintSettings {
    /// Only these rule ids or families run (all when empty).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub select: Vec<String>,
    /// These rule ids or families never run.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub ignore: Vec<String>,
    /// Severity overrides by rule id.
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub severity: BTreeMap<String, Severity>,
}

impl LintSettings {
    /// Nothing configured.
    pub fn is_empty(&self) -> bool {
        *self == Self::default()
    }
}
