//! Findings: what a rule reports, what the canvas highlights and how to fix it.

use serde::Serialize;

use crate::model::{ComponentId, Edit, LinkId, Severity};

/// A component or link a finding is about.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(tag = "type", content = "id", rename_all = "snake_case")]
pub enum Subject {
    /// A component.
    Component(ComponentId),
    /// A link.
    Link(LinkId),
}

impl Subject {
    /// The id as text.
    pub fn as_str(&self) -> &str {
        match self {
            Subject::Component(id) => id.as_str(),
            Subject::Link(id) => id.as_str(),
        }
    }
}

/// A quick fix: edits applied as one undoable history entry.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Fix {
    /// What it does, as a button label ("Put an internal load balancer between the tiers").
    pub title: String,
    /// The edits.
    #[serde(skip)]
    pub edit: Edit,
}

/// One problem found in a diagram.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Finding {
    /// Rule id (`"SPOF-001"`).
    pub rule_id: &'static str,
    /// Effective severity.
    pub severity: Severity,
    /// One sentence naming components by display name, sentence case, no trailing period.
    pub message: String,
    /// Evidence the canvas highlights.
    pub subjects: Vec<Subject>,
    /// A request path, when the finding is about one.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub path: Vec<ComponentId>,
    /// Quick fixes, best first.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub fixes: Vec<Fix>,
    /// The reason given when a subject accepts this rule; accepted findings do not count.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub accepted: Option<String>,
}

impl Finding {
    /// A finding with no subjects yet.
    pub fn new(rule_id: &'static str, severity: Severity, message: impl Into<String>) -> Self {
        Self {
            rule_id,
            severity,
            message: message.into(),
            subjects: Vec::new(),
            path: Vec::new(),
            fixes: Vec::new(),
            accepted: None,
        }
    }

    /// Adds a component subject.
    #[must_use]
    pub fn component(mut self, id: &ComponentId) -> Self {
        self.subjects.push(Subject::Component(id.clone()));
        self
    }

    /// Adds several component subjects.
    #[must_use]
    pub fn components<'a>(mut self, ids: impl IntoIterator<Item = &'a ComponentId>) -> Self {
        self.subjects
            .extend(ids.into_iter().map(|id| Subject::Component(id.clone())));
        self
    }

    /// Adds a link subject.
    #[must_use]
    pub fn link(mut self, id: &LinkId) -> Self {
        self.subjects.push(Subject::Link(id.clone()));
        self
    }

    /// Sets the path.
    #[must_use]
    pub fn with_path(mut self, path: Vec<ComponentId>) -> Self {
        self.path = path;
        self
    }

    /// Adds a quick fix, if there is one.
    #[must_use]
    pub fn with_fix(mut self, fix: Option<Fix>) -> Self {
        self.fixes.extend(fix);
        self
    }

    /// Whether a subject accepted the finding.
    pub fn is_accepted(&self) -> bool {
        self.accepted.is_some()
    }
}
