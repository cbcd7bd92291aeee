//! Hard invariants: things that can never be valid, rejected with a typed error that names
//! the ids involved. Risky-but-valid designs are findings of the rules instead.

use super::component::{Component, ComponentProps, Waiver};
use super::diagram::Diagram;
use super::geometry::Rect;
use super::ids::{ComponentId, LinkId};
use super::kind::{Kind, Placement};
use super::link::{Link, LinkKind, LinkProps};
use super::objectives::Objectives;
use super::settings::Settings;

/// Largest `count` one drawn box may stand for.
pub const MAX_COUNT: u32 = 100_000;

/// Largest absolute coordinate or size accepted, in world units.
pub const MAX_COORDINATE: f32 = 10_000_000.0;

/// Deepest containment tree accepted.
pub const MAX_DEPTH: usize = 32;

/// A violated invariant.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
pub enum ValidationError {
    /// Two components share an id.
    #[error("two components have the id `{0}`; give each component its own id")]
    DuplicateComponent(ComponentId),

    /// Two links share an id.
    #[error("two links have the id `{0}`; give one of them an explicit `id`")]
    DuplicateLink(LinkId),

    /// A component names a parent that does not exist.
    #[error(
        "component `{component}` is inside `{parent}`, but there is no component `{parent}`{hint}"
    )]
    UnknownParent {
        /// The child.
        component: ComponentId,
        /// The missing parent.
        parent: ComponentId,
        /// "; did you mean `web-a`?" when an id is spelt close to it, else empty.
        hint: String,
    },

    /// Following parents leads back to where it started.
    #[error("containment cycle: {}; a component cannot be inside itself", display_cycle(.cycle))]
    ContainmentCycle {
        /// The ids on the cycle, starting and ending with the same one.
        cycle: Vec<ComponentId>,
    },

    /// Containment deeper than [`MAX_DEPTH`].
    #[error("component `{component}` is nested more than {MAX_DEPTH} levels deep")]
    TooDeep {
        /// The deepest component.
        component: ComponentId,
    },

    /// A component sits where its kind cannot be.
    #[error("{kind} `{component}` cannot be {place}: {rule}")]
    InvalidNesting {
        /// The misplaced component.
        component: ComponentId,
        /// Its kind.
        kind: Kind,
        /// Where it is ("at the top level", "inside Subnet `web-a`").
        place: String,
        /// Where it may be.
        rule: &'static str,
    },

    /// A link end names a component that does not exist.
    #[error("link `{link}` goes {end} `{missing}`, but there is no component `{missing}`{hint}")]
    DanglingLink {
        /// The link.
        link: LinkId,
        /// `"from"` or `"to"`.
        end: &'static str,
        /// The missing id.
        missing: ComponentId,
        /// "; did you mean `orders-db`?" when an id is spelt close to it, else empty.
        hint: String,
    },

    /// A link joins a component to itself.
    #[error("link `{link}` starts and ends at `{component}`; a link must join two components")]
    SelfLink {
        /// The link.
        link: LinkId,
        /// Its only end.
        component: ComponentId,
    },

    /// A link kind is not allowed between the two kinds.
    #[error("a {} link cannot go from {from_kind} `{from}` to {to_kind} `{to}`; it goes {}", kind.label(), kind.expectation())]
    LinkNotAllowed {
        /// The link.
        link: LinkId,
        /// Its kind.
        kind: LinkKind,
        /// Start.
        from: ComponentId,
        /// Start kind.
        from_kind: Kind,
        /// End.
        to: ComponentId,
        /// End kind.
        to_kind: Kind,
    },

    /// Position or size is NaN, infinite, negative or absurd.
    #[error(
        "component `{component}` has an invalid {what}; positions must be finite numbers within ±{MAX_COORDINATE} and sizes positive"
    )]
    BadGeometry {
        /// The component.
        component: ComponentId,
        /// `"position"` or `"size"`.
        what: &'static str,
    },

    /// Settings of another kind (only possible through the API).
    #[error("component `{component}` has settings that do not belong to a {kind}")]
    SettingsMismatch {
        /// The component.
        component: ComponentId,
        /// Its kind.
        kind: Kind,
    },

    /// A `subnets` entry is not a subnet or does not exist.
    #[error("component `{component}` lists `{subnet}` in `subnets`, but {problem}")]
    BadSubnet {
        /// The spanning component.
        component: ComponentId,
        /// The listed id.
        subnet: ComponentId,
        /// What is wrong with it.
        problem: String,
    },

    /// A waiver without a reason, or naming no rule.
    #[error(
        "`{subject}` accepts rule `{rule}` without a reason; every accepted rule needs a reason a reviewer can read"
    )]
    WaiverWithoutReason {
        /// Component or link id.
        subject: String,
        /// The rule id.
        rule: String,
    },

    /// A numeric setting outside what can exist.
    #[error("component `{component}` has {field} = {value}; {expected}")]
    BadValue {
        /// The component.
        component: ComponentId,
        /// The field.
        field: &'static str,
        /// The value given.
        value: String,
        /// What is allowed.
        expected: &'static str,
    },

    /// A number that is NaN or infinite, which no setting can mean and no rule can use.
    #[error("{} has {field} = {value}; numbers must be finite (not NaN or infinite)", owner_name(*.owner, .subject))]
    NotFinite {
        /// Whose number it is.
        owner: Owner,
        /// The component or link id; empty for the objectives.
        subject: String,
        /// The field.
        field: &'static str,
        /// The value given.
        value: String,
    },
}

/// What a [`ValidationError::NotFinite`] number belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Owner {
    /// A component's settings.
    Component,
    /// A link's attributes.
    Link,
    /// The diagram's objectives.
    Objectives,
}

fn owner_name(owner: Owner, subject: &str) -> String {
    match owner {
        Owner::Component => format!("component `{subject}`"),
        Owner::Link => format!("link `{subject}`"),
        Owner::Objectives => "the objectives".to_owned(),
    }
}

impl ValidationError {
    /// The component or link id the error is mainly about, to locate it in a file.
    pub fn subject(&self) -> &str {
        match self {
            ValidationError::DuplicateComponent(id) => id.as_str(),
            ValidationError::DuplicateLink(id) => id.as_str(),
            ValidationError::UnknownParent { component, .. }
            | ValidationError::TooDeep { component }
            | ValidationError::InvalidNesting { component, .. }
            | ValidationError::BadGeometry { component, .. }
            | ValidationError::SettingsMismatch { component, .. }
            | ValidationError::BadSubnet { component, .. }
            | ValidationError::BadValue { component, .. } => component.as_str(),
            ValidationError::ContainmentCycle { cycle } => {
                cycle.first().map_or("", ComponentId::as_str)
            }
            ValidationError::DanglingLink { link, .. }
            | ValidationError::SelfLink { link, .. }
            | ValidationError::LinkNotAllowed { link, .. } => link.as_str(),
            ValidationError::WaiverWithoutReason { subject, .. }
            | ValidationError::NotFinite { subject, .. } => subject,
        }
    }

    /// The error is about a link rather than a component.
    pub fn is_about_link(&self) -> bool {
        matches!(
            self,
            ValidationError::DuplicateLink(_)
                | ValidationError::DanglingLink { .. }
                | ValidationError::SelfLink { .. }
                | ValidationError::LinkNotAllowed { .. }
                | ValidationError::NotFinite {
                    owner: Owner::Link,
                    ..
                }
        )
    }
}

fn display_cycle(cycle: &[ComponentId]) -> String {
    cycle
        .iter()
        .map(|id| format!("`{id}`"))
        .collect::<Vec<_>>()
        .join(" is inside ")
}

/// Position and size are finite and within range.
pub fn check_geometry(id: &ComponentId, rect: &Rect) -> Result<(), ValidationError> {
    let in_range = |v: f32| v.is_finite() && v.abs() <= MAX_COORDINATE;
    if !(in_range(rect.min.x) && in_range(rect.min.y)) {
        return Err(ValidationError::BadGeometry {
            component: id.clone(),
            what: "position",
        });
    }
    if !(rect.size.is_valid() && in_range(rect.size.w) && in_range(rect.size.h)) {
        return Err(ValidationError::BadGeometry {
            component: id.clone(),
            what: "size",
        });
    }
    Ok(())
}

/// A setting AWS would refuse whatever else is drawn.
struct Refusal {
    field: &'static str,
    value: u32,
    expected: &'static str,
}

/// The first setting AWS would refuse: an Auto Scaling group whose minimum is above its
/// maximum or whose desired capacity is outside them, backups kept longer than RDS and
/// Aurora allow.
fn refusal(settings: &Settings) -> Option<Refusal> {
    let refuse = |field, value, expected| {
        Some(Refusal {
            field,
            value,
            expected,
        })
    };
    match settings {
        Settings::Asg(a) => {
            if let (Some(min), Some(max)) = (a.min, a.max)
                && min > max
            {
                return refuse(
                    "min",
                    min,
                    "an Auto Scaling group's minimum cannot be above its maximum",
                );
            }
            match a.desired {
                Some(desired)
                    if a.min.is_some_and(|min| desired < min)
                        || a.max.is_some_and(|max| desired > max) =>
                {
                    refuse(
                        "desired",
                        desired,
                        "an Auto Scaling group's desired capacity lies between its minimum and its maximum",
                    )
                }
                _ => None,
            }
        }
        Settings::Rds(r) => match r.backup_retention_days {
            Some(days) if days > 35 => refuse(
                "backup_retention_days",
                days,
                "RDS keeps automated backups for 0 (off) to 35 days",
            ),
            _ => None,
        },
        Settings::Aurora(a) => match a.backup_retention_days {
            Some(days) if !(1..=35).contains(&days) => refuse(
                "backup_retention_days",
                days,
                "Aurora keeps automated backups for 1 to 35 days",
            ),
            _ => None,
        },
        _ => None,
    }
}

fn check_capacities(id: &ComponentId, settings: &Settings) -> Result<(), ValidationError> {
    match refusal(settings) {
        Some(r) => Err(ValidationError::BadValue {
            component: id.clone(),
            field: r.field,
            value: r.value.to_string(),
            expected: r.expected,
        }),
        None => Ok(()),
    }
}

/// Leaves out the settings [`check_props`] refuses as AWS would (what a template may hold
/// before anyone deploys it), saying what was left out and why.
pub fn drop_refused_settings(settings: &mut Settings) -> Vec<String> {
    let mut dropped = Vec::new();
    while let Some(r) = refusal(settings) {
        match (&mut *settings, r.field) {
            (Settings::Asg(a), "min") => a.min = None,
            (Settings::Asg(a), _) => a.desired = None,
            (Settings::Rds(d), _) => d.backup_retention_days = None,
            (Settings::Aurora(d), _) => d.backup_retention_days = None,
            _ => break,
        }
        dropped.push(format!(
            "{} = {} is left out: {}",
            r.field, r.value, r.expected
        ));
    }
    dropped
}

/// Checks the props of a component of `kind` against the diagram (subnet references).
pub fn check_props(
    diagram: &Diagram,
    id: &ComponentId,
    kind: Kind,
    props: &ComponentProps,
) -> Result<(), ValidationError> {
    if !props.settings.fits(kind) {
        return Err(ValidationError::SettingsMismatch {
            component: id.clone(),
            kind,
        });
    }
    let not_finite = |(field, value)| ValidationError::NotFinite {
        owner: Owner::Component,
        subject: id.to_string(),
        field,
        value,
    };
    if let Some(bad) = props.common.first_non_finite() {
        return Err(not_finite(bad));
    }
    if let Some(bad) = props.settings.first_non_finite() {
        return Err(not_finite(bad));
    }
    let count = props.common.count();
    if count == 0 || count > MAX_COUNT {
        return Err(ValidationError::BadValue {
            component: id.clone(),
            field: "count",
            value: count.to_string(),
            expected: "a drawn component stands for 1 to 100000 copies",
        });
    }
    if let Some(pct) = props.common.availability_percent
        && !(pct.is_finite() && (0.0..=100.0).contains(&pct))
    {
        return Err(ValidationError::BadValue {
            component: id.clone(),
            field: "availability_percent",
            value: pct.to_string(),
            expected: "a percentage between 0 and 100",
        });
    }
    check_capacities(id, &props.settings)?;
    check_waivers(id.as_str(), &props.waivers)?;
    if !props.subnets.is_empty()
        && !matches!(
            kind.info().placement,
            Placement::VpcSpanning | Placement::RegionalOrVpc | Placement::SubnetOrVpc
        )
    {
        return Err(ValidationError::BadSubnet {
            component: id.clone(),
            subnet: props.subnets[0].clone(),
            problem: format!("a {kind} does not span subnets; place it inside a subnet instead"),
        });
    }
    for subnet in &props.subnets {
        let problem = match diagram.component(subnet) {
            None => format!("there is no component `{subnet}`"),
            Some(c) if c.kind != Kind::Subnet => {
                format!("`{subnet}` is a {}, not a subnet", c.kind)
            }
            Some(_) => continue,
        };
        return Err(ValidationError::BadSubnet {
            component: id.clone(),
            subnet: subnet.clone(),
            problem,
        });
    }
    Ok(())
}

/// A link's numbers are finite and its waivers have reasons.
pub fn check_link_props(id: &str, props: &LinkProps) -> Result<(), ValidationError> {
    if let Some((field, value)) = props.first_non_finite() {
        return Err(ValidationError::NotFinite {
            owner: Owner::Link,
            subject: id.to_owned(),
            field,
            value,
        });
    }
    check_waivers(id, &props.waivers)
}

/// The diagram's objectives hold finite numbers.
pub fn check_objectives(objectives: &Objectives) -> Result<(), ValidationError> {
    let Objectives {
        rpo: _,
        rto: _,
        tier: _,
        availability_percent,
        dr_strategy: _,
        peak_rps,
        average_rps,
    } = objectives;
    for (field, value) in [
        ("availability_percent", availability_percent),
        ("peak_rps", peak_rps),
        ("average_rps", average_rps),
    ] {
        if let Some(value) = value.filter(|v| !v.is_finite()) {
            return Err(ValidationError::NotFinite {
                owner: Owner::Objectives,
                subject: String::new(),
                field,
                value: value.to_string(),
            });
        }
    }
    Ok(())
}

/// Every waiver names a rule and gives a reason.
pub fn check_waivers(subject: &str, waivers: &[Waiver]) -> Result<(), ValidationError> {
    for waiver in waivers {
        if waiver.reason.trim().is_empty() || waiver.rule.trim().is_empty() {
            return Err(ValidationError::WaiverWithoutReason {
                subject: subject.to_owned(),
                rule: waiver.rule.clone(),
            });
        }
    }
    Ok(())
}

/// Checks that `component` may sit inside `parent` (already resolved).
pub fn check_placement(
    component: &Component,
    parent: Option<&Component>,
    diagram: &Diagram,
) -> Result<(), ValidationError> {
    use Kind as K;
    let kind = component.kind;
    let parent_kind = parent.map(|p| p.kind);
    let (ok, rule) = match kind.info().placement {
        Placement::TopLevel => (parent_kind.is_none(), "it belongs at the top level"),
        Placement::Regional => (
            matches!(parent_kind, None | Some(K::Region)),
            "it is a regional service; place it inside a Region or at the top level",
        ),
        Placement::InRegion => (
            parent_kind == Some(K::Region),
            "it must be directly inside a Region",
        ),
        Placement::InVpc => (
            parent_kind == Some(K::Vpc),
            "it must be directly inside a VPC",
        ),
        Placement::InRegionOrVpc => (
            matches!(parent_kind, Some(K::Region | K::Vpc)),
            "an Availability Zone belongs inside a Region or a VPC",
        ),
        Placement::InVpcOrAz => (
            matches!(parent_kind, Some(K::Vpc | K::AvailabilityZone)),
            "a subnet belongs inside a VPC (or an AZ box inside a VPC)",
        ),
        Placement::VpcSpanning => (
            matches!(parent_kind, Some(K::Vpc | K::AvailabilityZone | K::Subnet)),
            "it runs in a VPC; place it inside a VPC (listing its subnets), an AZ or a subnet",
        ),
        Placement::Zonal => (
            match parent_kind {
                Some(K::Subnet | K::AvailabilityZone) => true,
                Some(K::AutoScalingGroup) => kind == K::Ec2,
                Some(K::EcsService) => kind == K::EcsTask,
                _ => false,
            },
            match kind {
                K::Ec2 => "an EC2 instance belongs inside a subnet, an AZ or an Auto Scaling group",
                K::EcsTask => "an ECS task belongs inside an ECS service, a subnet or an AZ",
                _ => "it lives in one AZ; place it inside a subnet or an AZ",
            },
        ),
        Placement::RegionalOrVpc => (
            matches!(
                parent_kind,
                None | Some(K::Region | K::Vpc | K::AvailabilityZone | K::Subnet)
            ),
            "place it in a Region, or in a VPC, AZ or subnet when it is attached to a VPC",
        ),
        Placement::SubnetOrVpc => (
            matches!(parent_kind, Some(K::Subnet | K::Vpc)),
            "a NAT gateway belongs in a (public) subnet, or in the VPC when regional",
        ),
    };
    let place = || match parent {
        None => "at the top level".to_owned(),
        Some(p) => format!("inside {} `{}`", p.kind, p.id),
    };
    if !ok {
        return Err(ValidationError::InvalidNesting {
            component: component.id.clone(),
            kind,
            place: place(),
            rule,
        });
    }
    // AZ boxes may sit in a Region or VPC, so a subnet inside an AZ still needs a VPC
    // above it, and anything in an AZ needs a Region above it.
    let required = match kind {
        K::Subnet => Some((K::Vpc, "a subnet must be inside a VPC")),
        K::AvailabilityZone | K::Vpc => Some((K::Region, "it must be inside a Region")),
        _ if parent_kind == Some(K::AvailabilityZone)
            && kind.info().placement == Placement::VpcSpanning =>
        {
            Some((
                K::Vpc,
                "it runs in a VPC; the AZ box it is in must be inside a VPC",
            ))
        }
        _ => None,
    };
    if let (Some((needed, rule)), Some(parent)) = (required, parent)
        && parent.kind != needed
        && !diagram.ancestors(&parent.id).any(|a| a.kind == needed)
    {
        return Err(ValidationError::InvalidNesting {
            component: component.id.clone(),
            kind,
            place: place(),
            rule,
        });
    }
    Ok(())
}

/// "; did you mean `orders-db`?" for the id among `ids` spelt closest to `missing`, or
/// nothing when none is close.
pub fn did_you_mean<'a>(
    missing: &ComponentId,
    ids: impl IntoIterator<Item = &'a ComponentId>,
) -> String {
    super::spelling::closest(missing.as_str(), ids.into_iter().map(ComponentId::as_str))
        .map(|id| format!("; did you mean `{id}`?"))
        .unwrap_or_default()
}

/// Checks a link's ends exist, differ and suit its kind.
pub fn check_link(diagram: &Diagram, link: &Link) -> Result<(), ValidationError> {
    let from = diagram
        .component(&link.from)
        .ok_or_else(|| ValidationError::DanglingLink {
            link: link.id.clone(),
            end: "from",
            missing: link.from.clone(),
            hint: did_you_mean(&link.from, diagram.components().map(|c| &c.id)),
        })?;
    let to = diagram
        .component(&link.to)
        .ok_or_else(|| ValidationError::DanglingLink {
            link: link.id.clone(),
            end: "to",
            missing: link.to.clone(),
            hint: did_you_mean(&link.to, diagram.components().map(|c| &c.id)),
        })?;
    check_link_props(link.id.as_str(), &link.props)?;
    if link.from == link.to {
        return Err(ValidationError::SelfLink {
            link: link.id.clone(),
            component: link.from.clone(),
        });
    }
    if !link.kind.allows(from.kind, to.kind) {
        return Err(ValidationError::LinkNotAllowed {
            link: link.id.clone(),
            kind: link.kind,
            from: from.id.clone(),
            from_kind: from.kind,
            to: to.id.clone(),
            to_kind: to.kind,
        });
    }
    Ok(())
}
