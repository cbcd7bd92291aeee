//! The linter: rules that reason about the topology of a diagram, the context of derived
//! facts they share, the registry and the engine that runs them.
//!
//! Pure: depends on `model` only. Rules are infallible functions of the diagram; the
//! engine sorts their findings, applies waivers and contains a panicking rule.

#[macro_use]
mod declare;
#[macro_use]
mod text;
mod adjacency;
pub mod config;
pub mod context;
pub mod cost;
pub mod coup;
pub mod dr;
pub mod engine;
pub mod examples;
pub mod finding;
pub mod fixes;
pub mod heal;
pub mod msg;
pub mod net;
mod own_ids;
pub mod quota;
pub mod recovery;
pub mod registry;
pub mod second_zone;
pub mod spof;
pub mod zone_set;

/// Repeatable pseudo-random numbers for the rules' randomised tests (xorshift64): each
/// call of the returned function gives a number below its argument.
#[cfg(test)]
pub(crate) fn test_random(mut seed: u64) -> impl FnMut(u64) -> u64 {
    move |below: u64| {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed % below
    }
}

pub use config::LintConfig;
pub use context::LintContext;
pub use engine::{Report, lint};
pub use finding::{Finding, Fix, Subject};
pub use registry::{ALL_RULES, rule_by_id};

use crate::model::Severity;

/// The notes' checklist item a rule belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
pub enum Family {
    /// "Are there single points of failure?"
    Spof,
    /// "Is it self healing?" and health checks.
    Heal,
    /// "Can it recover from disaster?"
    Dr,
    /// "Are there any tight dependencies? Switch to microservices."
    Coup,
    /// Messaging limits and semantics.
    Msg,
    /// "What do I need right now? Can I afford capacity I'm not using?"
    Cost,
    /// Networking and CIDR.
    Net,
    /// Regional and account quotas.
    Quota,
}

impl Family {
    /// Every family, in the order of the notes' checklist.
    pub const ALL: [Family; 8] = [
        Family::Spof,
        Family::Dr,
        Family::Heal,
        Family::Coup,
        Family::Cost,
        Family::Msg,
        Family::Net,
        Family::Quota,
    ];

    /// Id prefix (`"SPOF"`).
    pub fn prefix(self) -> &'static str {
        match self {
            Family::Spof => "SPOF",
            Family::Heal => "HEAL",
            Family::Dr => "DR",
            Family::Coup => "COUP",
            Family::Msg => "MSG",
            Family::Cost => "COST",
            Family::Net => "NET",
            Family::Quota => "QUOTA",
        }
    }

    /// The checklist question, as a heading.
    pub fn label(self) -> &'static str {
        match self {
            Family::Spof => "Single points of failure",
            Family::Heal => "Health checks and self-healing",
            Family::Dr => "Disaster recovery",
            Family::Coup => "Tight coupling",
            Family::Msg => "Messaging",
            Family::Cost => "Cost",
            Family::Net => "Networking",
            Family::Quota => "Quotas",
        }
    }
}

/// Maturity of a rule.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
pub enum Status {
    /// Trusted; runs by default.
    Stable,
    /// New; may change.
    Preview,
}

/// Static facts about a rule.
#[derive(Debug)]
pub struct RuleMeta {
    /// Permanent id (`"SPOF-001"`), never reused.
    pub id: &'static str,
    /// Kebab-case name of the flagged pattern, for people and waivers.
    pub name: &'static str,
    /// Checklist item.
    pub family: Family,
    /// Severity before configuration; some findings of the rule raise or lower it.
    pub default_severity: Severity,
    /// Version that introduced the rule.
    pub since: &'static str,
    /// Maturity.
    pub status: Status,
    /// Documentation in the fixed template (What it flags / Why it matters / …).
    pub docs: &'static str,
}

/// A lint rule: a pure function of the diagram and its derived facts.
pub trait Rule: Sync {
    /// Static facts.
    fn meta(&self) -> &'static RuleMeta;

    /// Appends this rule's findings.
    fn check(&self, cx: &LintContext<'_>, out: &mut Vec<Finding>);
}
