//! The draft: what the CloudFormation and Terraform mappers produce, before it becomes a
//! [`Diagram`]. Mappers speak in resource keys and intended places ("in the VPC of these
//! subnets", "in this subnet", "regional"); [`Draft::finish`] turns that into the model's
//! containment tree (Region ⊃ VPC ⊃ AZ box ⊃ subnet), readable ids, checked links and warnings,
//! laid out by `model::layout::tidy`.
//!
//! Pure: no parsing and no files; depends on `model` and the template positions only.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::PathBuf;

use super::error::ImportWarning;
use super::value::Pos;
use crate::model::settings::{AzSettings, CommonSettings, RegionSettings, VpcSettings};
use crate::model::{
    Component, ComponentId, Diagram, DocumentInfo, Kind, Link, LinkId, LinkKind, LinkProps, Point,
    Settings, ValidationError,
};

/// Where a resource is written: which file of the set and where in it.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord)]
pub struct Origin {
    /// Index of the file in the imported set.
    pub file: usize,
    /// Position of the resource's name (logical id or address).
    pub pos: Pos,
}

/// What is known of a subnet's Availability Zone. Never guessed.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Az {
    /// Named (`us-east-1a`).
    Named(String),
    /// The n-th zone of the Region (`!Select [n, !GetAZs '']`): the same n is the same zone.
    Index(u32),
    /// Not knowable from the template (a parameter without default, another stack).
    Unknown,
}

/// Where a resource wants to sit.
#[derive(Clone, Debug, PartialEq)]
pub enum Place {
    /// A regional or global service: inside the Region box.
    Regional,
    /// Outside AWS (an on-premises network): at the top level.
    TopLevel,
    /// Directly inside a VPC (Internet gateway, a VPC itself is placed in the Region).
    InVpc(String),
    /// Inside one subnet (a zonal resource: EC2 instance, zonal NAT gateway).
    InSubnet(String),
    /// A service spanning these subnets, in their VPC (or `vpc` when no subnet is known;
    /// `None` means the account's default VPC).
    Spanning {
        /// VPC when known from the resource itself.
        vpc: Option<String>,
        /// Subnet keys.
        subnets: Vec<String>,
    },
    /// Attached to a VPC when it has subnets, regional otherwise (Lambda).
    RegionalOrSpanning {
        /// Subnet keys (empty: not attached to a VPC).
        subnets: Vec<String>,
    },
}

/// One resource that becomes a component.
#[derive(Clone, Debug)]
pub struct DraftNode {
    /// Key the mappers use for it (logical id, Terraform address).
    pub key: String,
    /// Preferred readable id (logical id or resource name).
    pub name: String,
    /// What it is.
    pub kind: Kind,
    /// Display name.
    pub label: String,
    /// Where it is written.
    pub origin: Origin,
    /// Where it sits.
    pub place: Place,
    /// Settings every kind has.
    pub common: CommonSettings,
    /// Kind settings.
    pub settings: Settings,
    /// Free-text note.
    pub note: String,
    /// The VPC of a subnet (key), for subnets only.
    pub vpc: Option<String>,
    /// The zone of a subnet, for subnets only.
    pub az: Option<Az>,
}

impl DraftNode {
    /// A node of `kind` with default settings.
    pub fn new(key: &str, name: &str, kind: Kind, origin: Origin, place: Place) -> Self {
        Self {
            key: key.to_owned(),
            name: name.to_owned(),
            kind,
            label: name.to_owned(),
            origin,
            place,
            common: CommonSettings::default(),
            settings: Settings::default_for(kind),
            note: String::new(),
            vpc: None,
            az: None,
        }
    }
}

/// One link between two resources, by key.
#[derive(Clone, Debug)]
pub struct DraftLink {
    /// What it means.
    pub kind: LinkKind,
    /// Start key.
    pub from: String,
    /// End key.
    pub to: String,
    /// Properties.
    pub props: LinkProps,
    /// Where the link is written (the property that makes it).
    pub origin: Origin,
}

/// The result of mapping: nodes, links, warnings and what was skipped.
#[derive(Debug, Default)]
pub struct Draft {
    /// Files of the set, by index.
    pub files: Vec<PathBuf>,
    /// Components to be.
    pub nodes: Vec<DraftNode>,
    index: HashMap<String, usize>,
    /// Links to be.
    pub links: Vec<DraftLink>,
    /// Warnings so far.
    pub warnings: Vec<ImportWarning>,
    /// Resource types with no diagram meaning, with how many were skipped.
    pub skipped: BTreeMap<String, usize>,
    /// Region code when the input names it (Terraform), for the Region box.
    pub region: Option<String>,
}

/// The finished import: the diagram, where each component came from, the warnings and
/// what was skipped.
#[derive(Debug)]
pub struct Finished {
    /// The diagram, laid out.
    pub diagram: Diagram,
    /// Component id → (file index, position).
    pub origins: BTreeMap<String, Origin>,
    /// Warnings of the mappers and of building the diagram.
    pub warnings: Vec<ImportWarning>,
    /// Resource types with no diagram meaning, with how many were skipped.
    pub skipped: BTreeMap<String, usize>,
}

impl Draft {
    /// An empty draft over these files.
    pub fn new(files: Vec<PathBuf>) -> Self {
        Self {
            files,
            ..Self::default()
        }
    }

    /// Adds a node; a second node with the same key is ignored with a warning.
    pub fn add(&mut self, node: DraftNode) {
        if self.index.contains_key(&node.key) {
            let origin = node.origin;
            self.warn(
                origin,
                format!(
                    "`{}` is defined twice; the second definition is ignored",
                    node.key
                ),
            );
            return;
        }
        self.index.insert(node.key.clone(), self.nodes.len());
        self.nodes.push(node);
    }

    /// The node with this key.
    pub fn node(&self, key: &str) -> Option<&DraftNode> {
        self.index.get(key).and_then(|&i| self.nodes.get(i))
    }

    /// The node with this key, to change it.
    pub fn node_mut(&mut self, key: &str) -> Option<&mut DraftNode> {
        let i = *self.index.get(key)?;
        self.nodes.get_mut(i)
    }

    /// Whether a node has this key.
    pub fn has(&self, key: &str) -> bool {
        self.index.contains_key(key)
    }

    /// Adds a link.
    pub fn link(&mut self, kind: LinkKind, from: &str, to: &str, props: LinkProps, origin: Origin) {
        self.links.push(DraftLink {
            kind,
            from: from.to_owned(),
            to: to.to_owned(),
            props,
            origin,
        });
    }

    /// Records a warning at `origin`.
    pub fn warn(&mut self, origin: Origin, message: String) {
        let path = self.files.get(origin.file).cloned().unwrap_or_default();
        self.warnings.push(ImportWarning {
            path,
            pos: origin.pos,
            message,
        });
    }

    /// Counts a skipped resource of type `ty`.
    pub fn skip(&mut self, ty: &str) {
        *self.skipped.entry(ty.to_owned()).or_default() += 1;
    }

    /// Builds the diagram: containers, ids, placements and checked links.
    pub fn finish(mut self, title: &str, description: &str) -> Result<Finished, ValidationError> {
        // A template can hold sizes and retentions AWS would refuse at deploy time: they
        // are left out with a warning rather than failing the whole import.
        let mut refused = Vec::new();
        for node in &mut self.nodes {
            for what in crate::model::validate::drop_refused_settings(&mut node.settings) {
                refused.push((node.origin, format!("resource `{}`: {what}", node.name)));
            }
        }
        for (origin, message) in refused {
            self.warn(origin, message);
        }
        let mut ids = IdMaker::default();
        let mut components: Vec<Component> = Vec::new();
        let mut origins = BTreeMap::new();
        let region_id = ids.make("region");
        let mut region =
            Component::new(region_id.clone(), Kind::Region, "Region", Point::default());
        if let Some(code) = &self.region {
            region.props.label.clone_from(code);
            region.props.settings = Settings::Region(RegionSettings {
                code: Some(code.clone()),
                ..RegionSettings::default()
            });
        }
        components.push(region);

        // Ids for every node, in draft order (stable: file order).
        let mut id_of: HashMap<String, ComponentId> = HashMap::new();
        for node in &self.nodes {
            let id = ids.make(&node.name);
            origins.insert(id.to_string(), node.origin);
            id_of.insert(node.key.clone(), id);
        }

        // VPCs that resources need but the templates do not define (the default VPC, a VPC
        // passed in as a parameter or from a stack that was not imported).
        let vpc_keys: BTreeSet<&str> = self
            .nodes
            .iter()
            .filter(|n| n.kind == Kind::Vpc)
            .map(|n| n.key.as_str())
            .collect();
        let mut extra_vpcs: BTreeMap<String, ComponentId> = BTreeMap::new();
        let mut vpc_for = |key: Option<&str>,
                           ids: &mut IdMaker,
                           components: &mut Vec<Component>,
                           id_of: &HashMap<String, ComponentId>|
         -> ComponentId {
            // A key that names something other than a VPC (a template mistake) gets a VPC
            // of its own rather than an invalid diagram.
            if let Some(id) = key
                .filter(|k| vpc_keys.contains(k))
                .and_then(|k| id_of.get(k))
            {
                return id.clone();
            }
            let name = key.unwrap_or("default VPC");
            extra_vpcs
                .entry(name.to_owned())
                .or_insert_with(|| {
                    let id = ids.make(if key.is_some() {
                        "external-vpc"
                    } else {
                        "default-vpc"
                    });
                    let label = match key {
                        Some(k) => format!("VPC {k} (not in the templates)"),
                        None => "Default VPC (not in the templates)".to_owned(),
                    };
                    let mut vpc = Component::new(id.clone(), Kind::Vpc, label, Point::default());
                    vpc.parent = Some(region_id.clone());
                    vpc.props.settings = Settings::Vpc(VpcSettings::default());
                    components.push(vpc);
                    id
                })
                .clone()
        };

        // AZ boxes per VPC and zone.
        let mut az_boxes: BTreeMap<(ComponentId, Az), ComponentId> = BTreeMap::new();
        let mut subnet_vpc: HashMap<String, ComponentId> = HashMap::new();
        let mut parents: HashMap<String, ComponentId> = HashMap::new();
        for node in self.nodes.iter().filter(|n| n.kind == Kind::Subnet) {
            let vpc = vpc_for(node.vpc.as_deref(), &mut ids, &mut components, &id_of);
            subnet_vpc.insert(node.key.clone(), vpc.clone());
            let az = node.az.clone().unwrap_or(Az::Unknown);
            let parent = if az == Az::Unknown {
                vpc
            } else {
                az_boxes
                    .entry((vpc.clone(), az.clone()))
                    .or_insert_with(|| {
                        let (base, label, zone) = match &az {
                            Az::Named(name) => (
                                format!("az-{name}"),
                                format!("Availability Zone {name}"),
                                Some(name.clone()),
                            ),
                            Az::Index(i) => (
                                format!("az-{}", i + 1),
                                format!(
                                    "Availability Zone #{} of the Region (GetAZs index {i})",
                                    i + 1
                                ),
                                None,
                            ),
                            Az::Unknown => (String::new(), String::new(), None),
                        };
                        let id = ids.make(&base);
                        let mut zone_box = Component::new(
                            id.clone(),
                            Kind::AvailabilityZone,
                            label,
                            Point::default(),
                        );
                        zone_box.parent = Some(vpc.clone());
                        zone_box.props.settings = Settings::Az(AzSettings { zone });
                        components.push(zone_box);
                        id
                    })
                    .clone()
            };
            parents.insert(node.key.clone(), parent);
        }

        let mut warnings = std::mem::take(&mut self.warnings);
        let warn = |warnings: &mut Vec<ImportWarning>,
                    files: &[PathBuf],
                    origin: Origin,
                    message: String| {
            warnings.push(ImportWarning {
                path: files.get(origin.file).cloned().unwrap_or_default(),
                pos: origin.pos,
                message,
            });
        };

        for node in &self.nodes {
            let Some(id) = id_of.get(&node.key).cloned() else {
                continue;
            };
            let known_subnets = |keys: &[String],
                                 warnings: &mut Vec<ImportWarning>|
             -> Vec<String> {
                keys.iter()
                    .filter(|k| {
                        let ok = subnet_vpc.contains_key(*k);
                        if !ok {
                            warn(warnings, &self.files, node.origin, format!("`{}` uses subnet `{k}`, which is not a subnet of the imported templates; it is drawn without it", node.key));
                        }
                        ok
                    })
                    .cloned()
                    .collect()
            };
            let mut subnets: Vec<ComponentId> = Vec::new();
            let parent = match &node.place {
                _ if node.kind == Kind::Subnet => parents.get(&node.key).cloned(),
                _ if node.kind == Kind::Vpc => Some(region_id.clone()),
                Place::Regional => Some(region_id.clone()),
                Place::TopLevel => None,
                Place::InVpc(vpc) => Some(vpc_for(Some(vpc), &mut ids, &mut components, &id_of)),
                Place::InSubnet(subnet) => match id_of
                    .get(subnet)
                    .filter(|_| subnet_vpc.contains_key(subnet))
                {
                    Some(s) => Some(s.clone()),
                    None => {
                        warn(
                            &mut warnings,
                            &self.files,
                            node.origin,
                            format!(
                                "`{}` is in subnet `{subnet}`, which is not in the imported templates; it is drawn in the default VPC",
                                node.key
                            ),
                        );
                        Some(vpc_for(None, &mut ids, &mut components, &id_of))
                    }
                },
                Place::Spanning { vpc, subnets: keys } => {
                    let keys = known_subnets(keys, &mut warnings);
                    let vpcs: BTreeSet<&ComponentId> =
                        keys.iter().filter_map(|k| subnet_vpc.get(k)).collect();
                    let zonal = matches!(
                        node.kind.info().placement,
                        crate::model::kind::Placement::Zonal
                    );
                    if zonal {
                        match keys.first().and_then(|k| id_of.get(k)) {
                            Some(s) => Some(s.clone()),
                            None => {
                                Some(vpc_for(vpc.as_deref(), &mut ids, &mut components, &id_of))
                            }
                        }
                    } else if vpcs.len() == 1 {
                        subnets = keys.iter().filter_map(|k| id_of.get(k).cloned()).collect();
                        vpcs.into_iter().next().cloned()
                    } else {
                        if vpcs.len() > 1 {
                            warn(
                                &mut warnings,
                                &self.files,
                                node.origin,
                                format!(
                                    "`{}` lists subnets of several VPCs; it is drawn in its VPC without them",
                                    node.key
                                ),
                            );
                        }
                        Some(vpc_for(vpc.as_deref(), &mut ids, &mut components, &id_of))
                    }
                }
                Place::RegionalOrSpanning { subnets: keys } => {
                    let keys = known_subnets(keys, &mut warnings);
                    let vpcs: BTreeSet<&ComponentId> =
                        keys.iter().filter_map(|k| subnet_vpc.get(k)).collect();
                    if vpcs.len() == 1 {
                        subnets = keys.iter().filter_map(|k| id_of.get(k).cloned()).collect();
                        vpcs.into_iter().next().cloned()
                    } else {
                        Some(region_id.clone())
                    }
                }
            };
            let mut component =
                Component::new(id.clone(), node.kind, node.label.clone(), Point::default());
            component.parent = parent;
            component.props.subnets = subnets;
            component.props.common = node.common.clone();
            component.props.settings = node.settings.clone();
            component.props.note.clone_from(&node.note);
            components.push(component);
        }

        // Zonal kinds need a subnet or AZ; one that has neither cannot be drawn.
        let by_id: HashMap<ComponentId, Kind> =
            components.iter().map(|c| (c.id.clone(), c.kind)).collect();
        let mut dropped: BTreeSet<ComponentId> = BTreeSet::new();
        for c in &components {
            let parent_kind = c.parent.as_ref().and_then(|p| by_id.get(p)).copied();
            let zonal = matches!(
                c.kind.info().placement,
                crate::model::kind::Placement::Zonal
            );
            let nat_outside = c.kind == Kind::NatGateway
                && !matches!(parent_kind, Some(Kind::Subnet | Kind::Vpc));
            if (zonal && !matches!(parent_kind, Some(Kind::Subnet | Kind::AvailabilityZone)))
                || nat_outside
            {
                dropped.insert(c.id.clone());
                let origin = origins.get(c.id.as_str()).copied().unwrap_or_default();
                warn(
                    &mut warnings,
                    &self.files,
                    origin,
                    format!(
                        "{} `{}` has no subnet in the imported templates, so it cannot be placed and is left out",
                        c.kind, c.id
                    ),
                );
            }
        }
        components.retain(|c| !dropped.contains(&c.id));
        // A VPC made up for resources that were then left out holds nothing: drop it too.
        let holders: BTreeSet<ComponentId> =
            components.iter().filter_map(|c| c.parent.clone()).collect();
        let made_up: BTreeSet<ComponentId> = extra_vpcs.values().cloned().collect();
        components.retain(|c| !made_up.contains(&c.id) || holders.contains(&c.id));

        // Links: ends must exist and the link kind must suit them.
        let kinds: HashMap<&str, Kind> =
            components.iter().map(|c| (c.id.as_str(), c.kind)).collect();
        let mut links: Vec<Link> = Vec::new();
        let mut link_ids: BTreeSet<LinkId> = BTreeSet::new();
        let mut seen: BTreeSet<(LinkKind, ComponentId, ComponentId)> = BTreeSet::new();
        for link in &self.links {
            let (Some(from), Some(to)) = (id_of.get(&link.from), id_of.get(&link.to)) else {
                continue;
            };
            let (Some(&from_kind), Some(&to_kind)) =
                (kinds.get(from.as_str()), kinds.get(to.as_str()))
            else {
                continue;
            };
            if from == to || !seen.insert((link.kind, from.clone(), to.clone())) {
                continue;
            }
            if !link.kind.allows(from_kind, to_kind) {
                warn(
                    &mut warnings,
                    &self.files,
                    link.origin,
                    format!(
                        "a {} link from {from_kind} `{from}` to {to_kind} `{to}` is not one the model knows; it is left out",
                        link.kind.label()
                    ),
                );
                continue;
            }
            let mut id = LinkId::derived(from, to);
            let mut n = 2;
            while link_ids.contains(&id) {
                id = LinkId::new(format!("{from}->{to}-{n}"))
                    .unwrap_or_else(|_| LinkId::derived(from, to));
                n += 1;
                if n > 50 {
                    break;
                }
            }
            if !link_ids.insert(id.clone()) {
                continue;
            }
            let mut out = Link::new(link.kind, from, to);
            out.id = id;
            out.props = link.props.clone();
            links.push(out);
        }

        let info = DocumentInfo {
            title: title.to_owned(),
            description: description.to_owned(),
            ..DocumentInfo::default()
        };
        let mut diagram = Diagram::from_parts(info, components, links)?;
        crate::model::layout::tidy(&diagram).apply(&mut diagram);
        origins.retain(|id, _| diagram.component_by_str(id).is_some());
        let skipped = std::mem::take(&mut self.skipped);
        Ok(Finished {
            diagram,
            origins,
            warnings,
            skipped,
        })
    }
}

/// Makes readable, unique component ids from resource names.
#[derive(Default)]
struct IdMaker {
    taken: BTreeSet<String>,
}

impl IdMaker {
    fn make(&mut self, base: &str) -> ComponentId {
        let mut slug: String = base
            .chars()
            .map(|ch| {
                if ch.is_ascii_alphanumeric() || matches!(ch, '-' | '_' | '.' | ':') {
                    ch
                } else {
                    '-'
                }
            })
            .take(100)
            .collect();
        if !slug.starts_with(|c: char| c.is_ascii_alphanumeric()) {
            slug.insert(0, 'r');
        }
        let id = crate::model::ids::first_free(
            &slug,
            |candidate| self.taken.contains(candidate),
            ComponentId::new,
        );
        self.taken.insert(id.as_str().to_owned());
        id
    }
}
