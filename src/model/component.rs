//! Components: the boxes of a diagram, from Regions down to single instances.

use serde::{Deserialize, Serialize};

use super::geometry::{Point, Rect, Size};
use super::ids::ComponentId;
use super::kind::Kind;
use super::settings::{CommonSettings, Settings};

/// A rule a component or link accepts on purpose, with the reason a reviewer reads.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Waiver {
    /// The accepted rule's id (`"SPOF-001"`).
    pub rule: String,
    /// Why the risk is accepted. Never empty.
    pub reason: String,
}

/// Everything about a component that is edited as one unit in the inspector:
/// all but its identity, kind, place in the tree and geometry.
#[derive(Clone, Debug, PartialEq)]
pub struct ComponentProps {
    /// Display name.
    pub label: String,
    /// Free-text note.
    pub note: String,
    /// Subnets used by a service that spans AZs (ASG, load balancer, RDS, …).
    pub subnets: Vec<ComponentId>,
    /// Settings every kind has.
    pub common: CommonSettings,
    /// Settings of this kind.
    pub settings: Settings,
    /// Rules accepted on purpose.
    pub waivers: Vec<Waiver>,
}

impl ComponentProps {
    /// Props of a fresh component of `kind` named `label`.
    pub fn new(kind: Kind, label: impl Into<String>) -> Self {
        Self {
            label: label.into(),
            note: String::new(),
            subnets: Vec::new(),
            common: CommonSettings::default(),
            settings: Settings::default_for(kind),
            waivers: Vec::new(),
        }
    }
}

/// A node of the diagram.
#[derive(Clone, Debug, PartialEq)]
pub struct Component {
    /// Public identity.
    pub id: ComponentId,
    /// What it is.
    pub kind: Kind,
    /// The container it sits in.
    pub parent: Option<ComponentId>,
    /// Position and size in world units.
    pub rect: Rect,
    /// Editable properties.
    pub props: ComponentProps,
}

/// Size a component of `kind` gets when none is given.
pub fn default_size(kind: Kind) -> Size {
    match kind {
        Kind::Region => Size::new(1200.0, 800.0),
        Kind::Vpc => Size::new(1000.0, 640.0),
        Kind::AvailabilityZone => Size::new(440.0, 520.0),
        Kind::Subnet => Size::new(380.0, 200.0),
        Kind::AutoScalingGroup | Kind::EcsService => Size::new(260.0, 140.0),
        _ => Size::new(96.0, 72.0),
    }
}

impl Component {
    /// A component of `kind` at `pos_in_world` with its default size and settings.
    pub fn new(id: ComponentId, kind: Kind, label: impl Into<String>, pos_in_world: Point) -> Self {
        Self {
            id,
            kind,
            parent: None,
            rect: Rect::new(pos_in_world, default_size(kind)),
            props: ComponentProps::new(kind, label),
        }
    }

    /// Builder-style: set the parent.
    #[must_use]
    pub fn with_parent(mut self, parent: &ComponentId) -> Self {
        self.parent = Some(parent.clone());
        self
    }

    /// Builder-style: set the size.
    #[must_use]
    pub fn with_size(mut self, size: Size) -> Self {
        self.rect.size = size;
        self
    }

    /// Builder-style: set the kind settings.
    #[must_use]
    pub fn with_settings(mut self, settings: Settings) -> Self {
        self.props.settings = settings;
        self
    }

    /// Display name: the label, or the kind's name when the label is empty.
    pub fn display_name(&self) -> &str {
        if self.props.label.is_empty() {
            self.kind.name()
        } else {
            &self.props.label
        }
    }

    /// The display name with the kind after it ("Web server (EC2 instance)"), or the kind's
    /// name alone when the component has no name of its own.
    pub fn name_and_kind(&self) -> String {
        let kind = self.kind.info().name;
        let name = self.display_name();
        if name == kind {
            kind.to_owned()
        } else {
            format!("{name} ({kind})")
        }
    }

    /// Drawn copies this box stands for.
    pub fn count(&self) -> u32 {
        self.props.common.count()
    }
}
