//! The diagram model: components, links, containment, kinds and their settings, edits and
//! undo history.
//!
//! Pure: no egui, no files, no dialogs. Everything above (rules, io, cli, app) reads this;
//! this depends on nothing else in the crate.

pub mod builder;
pub mod component;
pub mod diagram;
pub mod edit;
pub mod fragment;
pub mod generate;
pub mod geometry;
pub mod history;
pub mod ids;
pub mod kind;
pub mod layout;
pub mod link;
pub mod lint_settings;
pub mod objectives;
pub mod scene;
pub mod settings;
pub mod sort;
pub mod spelling;
pub mod validate;
pub mod zone_names;

pub use component::{Component, ComponentProps, Waiver};
pub use diagram::{Diagram, DocumentInfo, EditError};
pub use edit::Edit;
pub use geometry::{Point, Rect, Size};
pub use history::History;
pub use ids::{ComponentId, LinkId};
pub use kind::{Category, Kind};
pub use link::{Link, LinkKind, LinkProps};
pub use lint_settings::{LintSettings, Severity};
pub use objectives::{Duration, Objectives};
pub use settings::Settings;
pub use validate::ValidationError;
