//! The versioned file format: DTOs that mirror the model with readable ids, and the
//! conversions both ways. One component or link per line keeps git diffs to the point.

use std::fmt;

use serde::de::{self, DeserializeSeed, MapAccess, SeqAccess, Visitor};
use serde::{Deserialize, Deserializer, Serialize};

use crate::model::component::default_size;
use crate::model::settings::CommonSettings;
use crate::model::{
    Component, ComponentId, ComponentProps, DocumentInfo, Kind, LinkId, LinkKind, LinkProps,
    LintSettings, Objectives, Point, Rect, Settings, Size, Waiver,
};

/// The format version this build writes.
pub const FORMAT_VERSION: u32 = 1;

/// Most components or links a file may hold.
pub const MAX_ITEMS: usize = 200_000;

/// Top-level fields of a diagram file, in file order.
pub const FILE_FIELDS: &[&str] = &[
    "format_version",
    "title",
    "description",
    "objectives",
    "lint",
    "components",
    "links",
];

/// A whole diagram file.
#[derive(Debug, Deserialize)]
#[serde(rename = "Diagram", deny_unknown_fields)]
pub struct FileDto {
    /// Format version; see [`FORMAT_VERSION`].
    pub format_version: u32,
    /// Title.
    #[serde(default)]
    pub title: String,
    /// Description.
    #[serde(default)]
    pub description: String,
    /// Workload objectives.
    #[serde(default)]
    pub objectives: Objectives,
    /// Lint configuration.
    #[serde(default)]
    pub lint: LintSettings,
    /// Components.
    #[serde(default, deserialize_with = "bounded_vec")]
    pub components: Vec<ComponentDto>,
    /// Links.
    #[serde(default, deserialize_with = "bounded_vec")]
    pub links: Vec<LinkDto>,
}

/// Only the version, read before anything else so newer files are refused by name.
#[derive(Debug, Deserialize)]
pub struct VersionProbe {
    /// The file's `format_version`, if it has one.
    pub format_version: Option<u32>,
}

fn bounded_vec<'de, D, T>(deserializer: D) -> Result<Vec<T>, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de>,
{
    struct Bounded<T>(std::marker::PhantomData<T>);

    impl<'de, T: Deserialize<'de>> Visitor<'de> for Bounded<T> {
        type Value = Vec<T>;

        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            write!(f, "a list of at most {MAX_ITEMS} entries")
        }

        fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Vec<T>, A::Error> {
            let mut out = Vec::new();
            while let Some(item) = seq.next_element()? {
                if out.len() == MAX_ITEMS {
                    return Err(de::Error::custom(format!(
                        "more than {MAX_ITEMS} entries in one list; split the design into several diagrams"
                    )));
                }
                out.push(item);
            }
            Ok(out)
        }
    }

    deserializer.deserialize_seq(Bounded(std::marker::PhantomData))
}

/// One component as written in a file.
#[derive(Debug, Serialize)]
#[serde(rename = "Component")]
pub struct ComponentDto {
    /// Id.
    pub id: ComponentId,
    /// Kind.
    pub kind: Kind,
    /// Display name.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub label: String,
    /// Container.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub parent: Option<ComponentId>,
    /// Top-left corner.
    pub at: Point,
    /// Size, omitted when it is the kind's default.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub size: Option<Size>,
    /// Subnets of a spanning service.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub subnets: Vec<ComponentId>,
    /// Note.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub note: String,
    /// Settings every kind has.
    #[serde(skip_serializing_if = "is_default_common")]
    pub common: CommonSettings,
    /// Kind settings.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub settings: Option<Settings>,
    /// Accepted rules.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub accept: Vec<Waiver>,
}

fn is_default_common(common: &CommonSettings) -> bool {
    *common == CommonSettings::default()
}

const COMPONENT_FIELDS: &[&str] = &[
    "id", "kind", "label", "parent", "at", "size", "subnets", "note", "common", "settings",
    "accept",
];

struct SettingsSeed(Kind);

impl<'de> DeserializeSeed<'de> for SettingsSeed {
    type Value = Settings;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Settings, D::Error> {
        Settings::deserialize_for(self.0, deserializer)
    }
}

impl<'de> Deserialize<'de> for ComponentDto {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct ComponentVisitor;

        impl<'de> Visitor<'de> for ComponentVisitor {
            type Value = ComponentDto;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a component like (id: \"web\", kind: Ec2, at: (x: 0.0, y: 0.0))")
            }

            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<ComponentDto, A::Error> {
                let mut id = None;
                let mut kind: Option<Kind> = None;
                let mut label = None;
                let mut parent = None;
                let mut at = None;
                let mut size = None;
                let mut subnets = None;
                let mut note = None;
                let mut common = None;
                let mut settings = None;
                let mut accept = None;
                while let Some(key) = map.next_key::<String>()? {
                    macro_rules! once {
                        ($slot:ident) => {{
                            if $slot.is_some() {
                                return Err(de::Error::duplicate_field(stringify!($slot)));
                            }
                            $slot = Some(map.next_value()?);
                        }};
                    }
                    match key.as_str() {
                        "id" => once!(id),
                        "kind" => once!(kind),
                        "label" => once!(label),
                        "parent" => once!(parent),
                        "at" => once!(at),
                        "size" => once!(size),
                        "subnets" => once!(subnets),
                        "note" => once!(note),
                        "common" => once!(common),
                        "accept" => once!(accept),
                        "settings" => {
                            if settings.is_some() {
                                return Err(de::Error::duplicate_field("settings"));
                            }
                            let Some(kind) = kind else {
                                return Err(de::Error::custom(
                                    "`settings` comes before `kind`; write `kind` first so the settings can be checked against it",
                                ));
                            };
                            settings = Some(map.next_value_seed(SettingsSeed(kind))?);
                        }
                        other => return Err(de::Error::unknown_field(other, COMPONENT_FIELDS)),
                    }
                }
                Ok(ComponentDto {
                    id: id.ok_or_else(|| de::Error::missing_field("id"))?,
                    kind: kind.ok_or_else(|| de::Error::missing_field("kind"))?,
                    label: label.unwrap_or_default(),
                    parent: parent.flatten(),
                    at: at.unwrap_or_default(),
                    size: size.flatten(),
                    subnets: subnets.unwrap_or_default(),
                    note: note.unwrap_or_default(),
                    common: common.unwrap_or_default(),
                    settings,
                    accept: accept.unwrap_or_default(),
                })
            }
        }

        deserializer.deserialize_struct("Component", COMPONENT_FIELDS, ComponentVisitor)
    }
}

/// One link as written in a file.
#[derive(Debug, Serialize, Deserialize)]
#[serde(rename = "Link", deny_unknown_fields)]
pub struct LinkDto {
    /// Id, omitted when it is `from->to`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<LinkId>,
    /// Kind.
    pub kind: LinkKind,
    /// Start.
    pub from: ComponentId,
    /// End.
    pub to: ComponentId,
    /// Attributes.
    #[serde(default, skip_serializing_if = "is_default_attrs")]
    pub attrs: LinkProps,
    /// Accepted rules.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub accept: Vec<Waiver>,
}

fn is_default_attrs(attrs: &LinkProps) -> bool {
    *attrs == LinkProps::default()
}

impl ComponentDto {
    /// Converts to a model component (invariants are checked when the diagram is built).
    pub fn into_component(self) -> Component {
        let ComponentDto {
            id,
            kind,
            label,
            parent,
            at,
            size,
            subnets,
            note,
            common,
            settings,
            accept,
        } = self;
        Component {
            id,
            kind,
            parent,
            rect: Rect::new(at, size.unwrap_or_else(|| default_size(kind))),
            props: ComponentProps {
                label,
                note,
                subnets,
                common,
                settings: settings.unwrap_or_else(|| Settings::default_for(kind)),
                waivers: accept,
            },
        }
    }

    /// Converts from a model component.
    pub fn from_component(component: &Component) -> Self {
        let Component {
            id,
            kind,
            parent,
            rect,
            props,
        } = component;
        let ComponentProps {
            label,
            note,
            subnets,
            common,
            settings,
            waivers,
        } = props;
        ComponentDto {
            id: id.clone(),
            kind: *kind,
            label: label.clone(),
            parent: parent.clone(),
            at: rect.min,
            size: (rect.size != default_size(*kind)).then_some(rect.size),
            subnets: subnets.clone(),
            note: note.clone(),
            common: common.clone(),
            settings: (!settings.is_unset_for(*kind)).then(|| settings.clone()),
            accept: waivers.clone(),
        }
    }
}

impl LinkDto {
    /// Converts to a model link, deriving the id when the file gives none.
    pub fn into_link(self) -> crate::model::Link {
        let LinkDto {
            id,
            kind,
            from,
            to,
            mut attrs,
            accept,
        } = self;
        attrs.waivers = accept;
        crate::model::Link {
            id: id.unwrap_or_else(|| LinkId::derived(&from, &to)),
            kind,
            from,
            to,
            props: attrs,
        }
    }

    /// Converts from a model link, omitting a derived id.
    pub fn from_link(link: &crate::model::Link) -> Self {
        let crate::model::Link {
            id,
            kind,
            from,
            to,
            props,
        } = link;
        let mut attrs = props.clone();
        let accept = std::mem::take(&mut attrs.waivers);
        LinkDto {
            id: (*id != LinkId::derived(from, to)).then(|| id.clone()),
            kind: *kind,
            from: from.clone(),
            to: to.clone(),
            attrs,
            accept,
        }
    }
}

/// Document info as stored in the file header fields.
pub fn info_from_file(file: &FileDto) -> DocumentInfo {
    DocumentInfo {
        title: file.title.clone(),
        description: file.description.clone(),
        objectives: file.objectives.clone(),
        lint: file.lint.clone(),
    }
}
