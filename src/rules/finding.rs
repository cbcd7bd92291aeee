//! Findings: what a rule reports, what the canvas highlights and how to fix it.

use std::sync::Arc;

use serde::Serialize;
use smallvec::SmallVec;

use super::LintContext;
use crate::model::{ComponentId, Diagram, Edit, LinkId, Severity};

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

/// Builds a fix's edit from the diagram it applies to.
type BuildEdit = dyn Fn(&LintContext<'_>) -> Option<Edit> + Send + Sync;

/// A quick fix: edits applied as one undoable history entry.
///
/// Cheap fixes carry their edit; fixes that add components and links build it only when
/// asked ([`Fix::edit`]), because a lint run offers many fixes and applies at most one.
#[derive(Clone, Serialize)]
pub struct Fix {
    /// What it does, as a button label ("Put an internal load balancer between the tiers").
    pub title: String,
    #[serde(skip)]
    plan: Plan,
}

#[derive(Clone)]
enum Plan {
    Ready(Edit),
    Deferred(Arc<BuildEdit>),
}

impl Fix {
    /// A fix whose edit is already known.
    pub fn new(title: impl Into<String>, edit: Edit) -> Self {
        Self {
            title: title.into(),
            plan: Plan::Ready(edit),
        }
    }

    /// A fix whose edit is built on demand from the diagram it is applied to (the same
    /// revision that was linted); `build` returns `None` if the diagram no longer allows it.
    pub fn deferred(
        title: impl Into<String>,
        build: impl Fn(&LintContext<'_>) -> Option<Edit> + Send + Sync + 'static,
    ) -> Self {
        Self {
            title: title.into(),
            plan: Plan::Deferred(Arc::new(build)),
        }
    }

    /// The edit that applies this fix to `diagram` (the diagram that was linted), or `None`
    /// if it no longer applies.
    pub fn edit(&self, diagram: &Diagram) -> Option<Edit> {
        match &self.plan {
            Plan::Ready(edit) => Some(edit.clone()),
            Plan::Deferred(build) => build(&LintContext::new(diagram)),
        }
    }
}

impl std::fmt::Debug for Fix {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Fix")
            .field("title", &self.title)
            .finish_non_exhaustive()
    }
}

/// Fixes compare by title: two runs over the same diagram offer equal fixes.
impl PartialEq for Fix {
    fn eq(&self, other: &Self) -> bool {
        self.title == other.title
    }
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
    /// Evidence the canvas highlights (most findings name one or two, kept inline).
    pub subjects: SmallVec<[Subject; 2]>,
    /// A request path, when the finding is about one.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub path: Vec<ComponentId>,
    /// Further paths the message names, when it names several (the canvas lights them
    /// all when the finding is picked).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub more_paths: Vec<Vec<ComponentId>>,
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
            subjects: SmallVec::new(),
            path: Vec::new(),
            more_paths: Vec::new(),
            fixes: Vec::new(),
            accepted: None,
        }
    }

    /// Adds a component subject.
    #[must_use]
    #[inline]
    pub fn component(mut self, id: &ComponentId) -> Self {
        self.subjects.push(Subject::Component(id.clone()));
        self
    }

    /// Adds several component subjects.
    #[must_use]
    #[inline]
    pub fn components<'a>(mut self, ids: impl IntoIterator<Item = &'a ComponentId>) -> Self {
        self.subjects
            .extend(ids.into_iter().map(|id| Subject::Component(id.clone())));
        self
    }

    /// Adds a link subject.
    #[must_use]
    #[inline]
    pub fn link(mut self, id: &LinkId) -> Self {
        self.subjects.push(Subject::Link(id.clone()));
        self
    }

    /// Sets the path.
    #[must_use]
    #[inline]
    pub fn with_path(mut self, path: Vec<ComponentId>) -> Self {
        self.path = path;
        self
    }

    /// Sets the further paths the message names.
    #[must_use]
    #[inline]
    pub fn with_more_paths(mut self, paths: Vec<Vec<ComponentId>>) -> Self {
        self.more_paths = paths;
        self
    }

    /// Adds a quick fix, if there is one.
    #[must_use]
    #[inline]
    pub fn with_fix(mut self, fix: Option<Fix>) -> Self {
        if let Some(fix) = fix {
            // Most findings offer one fix: room for exactly one, not the four a first push
            // would reserve.
            self.fixes.reserve_exact(1);
            self.fixes.push(fix);
        }
        self
    }

    /// Whether a subject accepted the finding.
    pub fn is_accepted(&self) -> bool {
        self.accepted.is_some()
    }
}
