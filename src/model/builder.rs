//! A compact way to build diagrams in tests, fixtures and generators.
//!
//! Components are laid out on a simple grid unless positioned explicitly; invariants are
//! checked when [`DiagramBuilder::build`] runs.

use super::component::Component;
use super::diagram::{Diagram, DocumentInfo};
use super::geometry::Point;
use super::ids::ComponentId;
use super::kind::Kind;
use super::link::{Link, LinkKind};
use super::settings::Settings;

/// Collects components and links, then validates them all at once.
#[derive(Clone, Debug, Default)]
pub struct DiagramBuilder {
    info: DocumentInfo,
    components: Vec<Component>,
    links: Vec<Link>,
}

impl DiagramBuilder {
    /// An empty builder.
    pub fn new() -> Self {
        Self::default()
    }

    /// Sets the title.
    pub fn title(&mut self, title: &str) -> &mut Self {
        title.clone_into(&mut self.info.title);
        self
    }

    /// Adds a component `id` of `kind` inside `parent`, labelled with its kind's name.
    ///
    /// # Panics
    /// When `id` or `parent` is not a well-formed id (a bug in the calling test).
    #[allow(clippy::unwrap_used, clippy::cast_precision_loss)]
    pub fn add(&mut self, id: &str, kind: Kind, parent: Option<&str>) -> &mut Component {
        let n = self.components.len() as f32;
        let mut component = Component::new(
            ComponentId::new(id).unwrap(),
            kind,
            kind.name(),
            Point::new(40.0 * n, 30.0 * n),
        );
        component.parent = parent.map(|p| ComponentId::new(p).unwrap());
        self.components.push(component);
        self.components.last_mut().unwrap()
    }

    /// Adds a component with settings.
    pub fn add_with(
        &mut self,
        id: &str,
        kind: Kind,
        parent: Option<&str>,
        settings: Settings,
    ) -> &mut Component {
        let component = self.add(id, kind, parent);
        component.props.settings = settings;
        component
    }

    /// Adds a link with the default id.
    ///
    /// # Panics
    /// When an end is not a well-formed id.
    #[allow(clippy::unwrap_used)]
    pub fn link(&mut self, kind: LinkKind, from: &str, to: &str) -> &mut Link {
        let link = Link::new(
            kind,
            &ComponentId::new(from).unwrap(),
            &ComponentId::new(to).unwrap(),
        );
        self.links.push(link);
        self.links.last_mut().unwrap()
    }

    /// Validates and returns the diagram.
    ///
    /// # Panics
    /// When an invariant is broken (a bug in the calling test).
    #[allow(clippy::expect_used)]
    pub fn build(self) -> Diagram {
        self.try_build().expect("builder diagram is valid")
    }

    /// Validates and returns the diagram, or the first broken invariant.
    pub fn try_build(self) -> Result<Diagram, super::validate::ValidationError> {
        Diagram::from_parts(self.info, self.components, self.links)
    }
}
