//! Edits: every mutation of a diagram is an [`Edit`] applied through [`Diagram::apply`],
//! which returns the edit that undoes it. Edits carry target states, never deltas, so
//! undo gives back bit-identical values (no float drift).

use super::component::{Component, ComponentProps};
use super::diagram::{Diagram, DocumentInfo, EditError};
use super::geometry::{Point, Rect};
use super::ids::{ComponentId, LinkId};
use super::link::{Link, LinkKind, LinkProps};

/// One change to a diagram.
#[derive(Clone, Debug, PartialEq)]
pub enum Edit {
    /// Add a component (its parent must exist).
    AddComponent(Box<Component>),
    /// Remove a component that has no children, links or subnet users.
    RemoveComponent(ComponentId),
    /// Put components at new top-left positions.
    Move(Vec<(ComponentId, Point)>),
    /// Give a component a new rectangle.
    Resize(ComponentId, Rect),
    /// Put a component inside another container, or at the top level.
    Reparent(ComponentId, Option<ComponentId>),
    /// Replace a component's editable properties.
    SetProps(ComponentId, Box<ComponentProps>),
    /// Add a link.
    AddLink(Box<Link>),
    /// Remove a link.
    RemoveLink(LinkId),
    /// Change a link's kind and ends.
    Reconnect {
        /// The link.
        link: LinkId,
        /// New kind.
        kind: LinkKind,
        /// New start.
        from: ComponentId,
        /// New end.
        to: ComponentId,
    },
    /// Replace a link's editable properties.
    SetLinkProps(LinkId, Box<LinkProps>),
    /// Replace title, description, objectives and lint settings.
    SetInfo(Box<DocumentInfo>),
    /// Several edits applied in order, all or nothing.
    Batch(Vec<Edit>),
    /// Replace the whole diagram (import, automatic layout).
    ReplaceAll(Box<Diagram>),
}

impl Edit {
    /// A short description for the Edit menu ("Move 3 components").
    pub fn label(&self) -> String {
        let plural = |n: usize, one: &str| {
            if n == 1 {
                format!("1 {one}")
            } else {
                format!("{n} {one}s")
            }
        };
        match self {
            Edit::AddComponent(c) => format!("Add {}", c.display_name()),
            Edit::RemoveComponent(id) => format!("Remove {id}"),
            Edit::Move(moves) => format!("Move {}", plural(moves.len(), "component")),
            Edit::Resize(id, _) => format!("Resize {id}"),
            Edit::Reparent(id, _) => format!("Move {id} into container"),
            Edit::SetProps(id, _) => format!("Change {id}"),
            Edit::AddLink(link) => format!("Connect {} to {}", link.from, link.to),
            Edit::RemoveLink(id) => format!("Remove link {id}"),
            Edit::Reconnect { link, .. } => format!("Reconnect {link}"),
            Edit::SetLinkProps(id, _) => format!("Change link {id}"),
            Edit::SetInfo(_) => "Change diagram properties".to_owned(),
            Edit::Batch(edits) => match edits.as_slice() {
                [single] => single.label(),
                _ => plural(edits.len(), "change"),
            },
            Edit::ReplaceAll(_) => "Replace diagram".to_owned(),
        }
    }
}

impl Diagram {
    /// Applies `edit` and returns its inverse. On error nothing changed.
    pub fn apply(&mut self, edit: Edit) -> Result<Edit, EditError> {
        let inverse = self.apply_inner(edit)?;
        self.bump_revision();
        Ok(inverse)
    }

    fn apply_inner(&mut self, edit: Edit) -> Result<Edit, EditError> {
        Ok(match edit {
            Edit::AddComponent(component) => {
                let id = component.id.clone();
                self.insert_component(*component)?;
                Edit::RemoveComponent(id)
            }
            Edit::RemoveComponent(id) => Edit::AddComponent(Box::new(self.remove_component(&id)?)),
            Edit::Move(moves) => {
                let mut old = Vec::with_capacity(moves.len());
                for (id, to) in moves {
                    let Some(rect) = self.component(&id).map(|c| c.rect) else {
                        self.rollback_moves(old);
                        return Err(EditError::UnknownComponent(id));
                    };
                    if let Err(err) = self.set_rect(&id, Rect::new(to, rect.size)) {
                        self.rollback_moves(old);
                        return Err(err);
                    }
                    old.push((id, rect.min));
                }
                old.reverse();
                Edit::Move(old)
            }
            Edit::Resize(id, rect) => {
                let old = self.set_rect(&id, rect)?;
                Edit::Resize(id, old)
            }
            Edit::Reparent(id, parent) => {
                let old = self.set_parent(&id, parent)?;
                Edit::Reparent(id, old)
            }
            Edit::SetProps(id, props) => {
                let old = self.set_props(&id, *props)?;
                Edit::SetProps(id, Box::new(old))
            }
            Edit::AddLink(link) => {
                let id = link.id.clone();
                self.insert_link(*link)?;
                Edit::RemoveLink(id)
            }
            Edit::RemoveLink(id) => Edit::AddLink(Box::new(self.remove_link(&id)?)),
            Edit::Reconnect {
                link,
                kind,
                from,
                to,
            } => {
                let (kind, from, to) = self.reconnect(&link, kind, from, to)?;
                Edit::Reconnect {
                    link,
                    kind,
                    from,
                    to,
                }
            }
            Edit::SetLinkProps(id, props) => {
                let old = self.set_link_props(&id, *props)?;
                Edit::SetLinkProps(id, Box::new(old))
            }
            Edit::SetInfo(info) => {
                super::validate::check_objectives(&info.objectives)?;
                Edit::SetInfo(Box::new(std::mem::replace(&mut self.info, *info)))
            }
            Edit::Batch(edits) => {
                let mut inverses = Vec::with_capacity(edits.len());
                for edit in edits {
                    match self.apply_inner(edit) {
                        Ok(inverse) => inverses.push(inverse),
                        Err(err) => {
                            for inverse in inverses.into_iter().rev() {
                                // Inverses of edits that just succeeded cannot fail.
                                self.apply_inner(inverse).ok();
                            }
                            return Err(err);
                        }
                    }
                }
                inverses.reverse();
                Edit::Batch(inverses)
            }
            Edit::ReplaceAll(diagram) => {
                let revision = self.revision();
                let mut old = std::mem::replace(self, *diagram);
                // The revision keeps counting across replacements so caches never see an old value.
                self.set_revision(revision);
                old.set_revision(0);
                Edit::ReplaceAll(Box::new(old))
            }
        })
    }

    fn rollback_moves(&mut self, old: Vec<(ComponentId, Point)>) {
        for (id, pos) in old.into_iter().rev() {
            if let Some(size) = self.component(&id).map(|c| c.rect.size) {
                self.set_rect(&id, Rect::new(pos, size)).ok();
            }
        }
    }

    /// The edit that moves `ids` and everything inside them by (`dx`, `dy`).
    pub fn move_edit(&self, ids: &[ComponentId], dx: f32, dy: f32) -> Edit {
        Edit::Move(
            self.with_descendants(ids)
                .into_iter()
                .filter_map(|id| {
                    let min = self.component(&id)?.rect.min;
                    Some((id, min.offset(dx, dy)))
                })
                .collect(),
        )
    }

    /// The edit that deletes `components` (with everything inside them) and `links`,
    /// including every link touching a deleted component and the deleted subnets from
    /// other components' `subnets` lists.
    pub fn delete_edit(&self, components: &[ComponentId], links: &[LinkId]) -> Edit {
        let doomed = self.with_descendants(components);
        let doomed_set: std::collections::HashSet<&ComponentId> = doomed.iter().collect();
        let mut edits = Vec::new();
        for user in self.components() {
            if doomed_set.contains(&user.id) {
                continue;
            }
            if user.props.subnets.iter().any(|s| doomed_set.contains(s)) {
                let mut props = user.props.clone();
                props.subnets.retain(|s| !doomed_set.contains(s));
                edits.push(Edit::SetProps(user.id.clone(), Box::new(props)));
            }
        }
        let mut link_ids: Vec<LinkId> = links.to_vec();
        for id in &doomed {
            link_ids.extend(self.links_of(id));
        }
        link_ids.sort();
        link_ids.dedup();
        edits.extend(
            link_ids
                .into_iter()
                .filter(|l| self.link(l).is_some())
                .map(Edit::RemoveLink),
        );
        // Children before parents, and a subnet only after the components listing it.
        edits.extend(
            doomed
                .iter()
                .rev()
                .map(|id| Edit::RemoveComponent(id.clone())),
        );
        let doomed_subnet_users: Vec<Edit> = doomed
            .iter()
            .filter_map(|id| self.component(id))
            .filter(|c| c.props.subnets.iter().any(|s| doomed_set.contains(s)))
            .map(|c| {
                let mut props = c.props.clone();
                props.subnets.clear();
                Edit::SetProps(c.id.clone(), Box::new(props))
            })
            .collect();
        Edit::Batch(doomed_subnet_users.into_iter().chain(edits).collect())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::builder::DiagramBuilder;
    use crate::model::kind::Kind;

    fn sample() -> Diagram {
        let mut b = DiagramBuilder::new();
        b.add("region", Kind::Region, None);
        b.add("vpc", Kind::Vpc, Some("region"));
        b.add("az-a", Kind::AvailabilityZone, Some("vpc"));
        b.add("sub-a", Kind::Subnet, Some("az-a"));
        b.add("web", Kind::Ec2, Some("sub-a"));
        b.add("db", Kind::Rds, Some("sub-a"));
        b.link(crate::model::link::LinkKind::Request, "web", "db");
        b.build()
    }

    #[test]
    fn every_variant_round_trips_through_its_inverse() {
        let original = sample();
        let id = |s: &str| ComponentId::new(s).unwrap();
        let edits = vec![
            Edit::AddComponent(Box::new(
                Component::new(
                    id("cache"),
                    Kind::ElastiCache,
                    "Cache",
                    Point::new(1.0, 2.0),
                )
                .with_parent(&id("vpc")),
            )),
            Edit::Move(vec![(id("web"), Point::new(10.5, 20.25))]),
            Edit::Resize(
                id("vpc"),
                Rect::new(
                    Point::new(0.0, 0.0),
                    crate::model::geometry::Size::new(5.0, 5.0),
                ),
            ),
            Edit::Reparent(id("db"), Some(id("vpc"))),
            Edit::SetProps(
                id("web"),
                Box::new(ComponentProps::new(Kind::Ec2, "Renamed")),
            ),
            Edit::RemoveLink(LinkId::new("web->db").unwrap()),
            Edit::SetInfo(Box::new(DocumentInfo {
                title: "T".into(),
                ..DocumentInfo::default()
            })),
            original.delete_edit(&[id("az-a")], &[]),
            Edit::ReplaceAll(Box::new(Diagram::new())),
        ];
        for edit in edits {
            let mut diagram = original.clone();
            let label = edit.label();
            let inverse = diagram
                .apply(edit)
                .unwrap_or_else(|e| panic!("{label}: {e}"));
            assert_ne!(diagram, original, "{label} changed nothing");
            diagram.apply(inverse).unwrap();
            assert_eq!(diagram, original, "{label} did not undo");
        }
    }

    #[test]
    fn deleting_children_listed_before_their_boxes_removes_everything() {
        let mut diagram = sample();
        let id = |s: &str| ComponentId::new(s).unwrap();
        // Id order, as Select all gives it: the subnet and servers sort before the VPC.
        let everything = [
            id("az-a"),
            id("db"),
            id("region"),
            id("sub-a"),
            id("vpc"),
            id("web"),
        ];
        let edit = diagram.delete_edit(&everything, &[]);
        diagram.apply(edit).unwrap();
        assert!(diagram.is_empty());
    }

    #[test]
    fn failed_batch_changes_nothing() {
        let mut diagram = sample();
        let before = diagram.clone();
        let id = |s: &str| ComponentId::new(s).unwrap();
        let err = diagram
            .apply(Edit::Batch(vec![
                Edit::Move(vec![(id("web"), Point::new(99.0, 99.0))]),
                Edit::RemoveComponent(id("vpc")),
            ]))
            .unwrap_err();
        assert!(matches!(err, EditError::HasChildren { .. }));
        assert_eq!(diagram, before);
        assert_eq!(diagram.revision(), before.revision());
    }

    #[test]
    fn invalid_nesting_is_refused_with_reason() {
        let mut diagram = sample();
        let id = |s: &str| ComponentId::new(s).unwrap();
        let bucket = Component::new(id("bucket"), Kind::S3, "Bucket", Point::default())
            .with_parent(&id("sub-a"));
        let err = diagram
            .apply(Edit::AddComponent(Box::new(bucket)))
            .unwrap_err();
        assert!(err.to_string().contains("regional service"), "{err}");
        let err = diagram
            .apply(Edit::Reparent(id("vpc"), Some(id("sub-a"))))
            .unwrap_err();
        assert!(err.to_string().contains("cycle"), "{err}");
    }

    #[test]
    fn move_carries_children() {
        let diagram = sample();
        let Edit::Move(moves) = diagram.move_edit(&[ComponentId::new("az-a").unwrap()], 5.0, 0.0)
        else {
            panic!("not a move");
        };
        let ids: Vec<&str> = moves.iter().map(|(id, _)| id.as_str()).collect();
        assert_eq!(ids, ["az-a", "sub-a", "db", "web"]);
    }
}
