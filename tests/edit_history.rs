//! Property test: random sequences of valid edits, undone, give back the identical diagram;
//! redone, the final one. Invalid edits are refused and change nothing.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use cloudsketch::model::builder::DiagramBuilder;
use cloudsketch::model::{
    Component, ComponentId, Diagram, DocumentInfo, Edit, History, Kind, Link, LinkKind, Point,
    Rect, Size,
};
use proptest::prelude::*;

/// An abstract step, turned into a concrete edit against the current diagram.
#[derive(Clone, Debug)]
enum Step {
    Add { kind: usize, parent: usize },
    Move { pick: usize, dx: i16, dy: i16 },
    Resize { pick: usize, w: u16, h: u16 },
    Reparent { pick: usize, parent: usize },
    Rename { pick: usize, label: String },
    Connect { from: usize, to: usize, kind: usize },
    Disconnect { pick: usize },
    Delete { pick: usize },
    Retitle { title: String },
}

fn step() -> impl Strategy<Value = Step> {
    prop_oneof![
        (0..Kind::ALL.len(), any::<usize>()).prop_map(|(kind, parent)| Step::Add { kind, parent }),
        (any::<usize>(), any::<i16>(), any::<i16>()).prop_map(|(pick, dx, dy)| Step::Move {
            pick,
            dx,
            dy
        }),
        (any::<usize>(), 1..2000u16, 1..2000u16).prop_map(|(pick, w, h)| Step::Resize {
            pick,
            w,
            h
        }),
        (any::<usize>(), any::<usize>()).prop_map(|(pick, parent)| Step::Reparent { pick, parent }),
        (any::<usize>(), "\\PC{0,12}").prop_map(|(pick, label)| Step::Rename { pick, label }),
        (any::<usize>(), any::<usize>(), 0..LinkKind::ALL.len())
            .prop_map(|(from, to, kind)| Step::Connect { from, to, kind }),
        any::<usize>().prop_map(|pick| Step::Disconnect { pick }),
        any::<usize>().prop_map(|pick| Step::Delete { pick }),
        "\\PC{0,12}".prop_map(|title| Step::Retitle { title }),
    ]
}

fn pick<T: Clone>(items: &[T], n: usize) -> Option<T> {
    (!items.is_empty()).then(|| items[n % items.len()].clone())
}

fn to_edit(diagram: &Diagram, step: &Step, serial: usize) -> Option<Edit> {
    let ids: Vec<ComponentId> = diagram.components().map(|c| c.id.clone()).collect();
    let containers: Vec<ComponentId> = diagram
        .components()
        .filter(|c| c.kind.is_container())
        .map(|c| c.id.clone())
        .collect();
    Some(match step {
        Step::Add { kind, parent } => {
            let kind = Kind::ALL[*kind];
            let id = diagram.fresh_component_id(&format!("c{serial}"));
            let mut c =
                Component::new(id, kind, kind.name(), Point::new(serial as f32 * 1.5, 3.25));
            c.parent = if *parent % 4 == 0 {
                None
            } else {
                pick(&containers, *parent)
            };
            Edit::AddComponent(Box::new(c))
        }
        Step::Move { pick: p, dx, dy } => diagram.move_edit(
            &[pick(&ids, *p)?],
            f32::from(*dx) / 3.0,
            f32::from(*dy) / 7.0,
        ),
        Step::Resize { pick: p, w, h } => {
            let id = pick(&ids, *p)?;
            let min = diagram.component(&id)?.rect.min;
            Edit::Resize(
                id,
                Rect::new(min, Size::new(f32::from(*w) / 3.0, f32::from(*h) / 3.0)),
            )
        }
        Step::Reparent { pick: p, parent } => {
            let target = if *parent % 5 == 0 {
                None
            } else {
                pick(&containers, *parent)
            };
            Edit::Reparent(pick(&ids, *p)?, target)
        }
        Step::Rename { pick: p, label } => {
            let id = pick(&ids, *p)?;
            let mut props = diagram.component(&id)?.props.clone();
            props.label.clone_from(label);
            Edit::SetProps(id, Box::new(props))
        }
        Step::Connect { from, to, kind } => {
            let (from, to) = (pick(&ids, *from)?, pick(&ids, *to)?);
            let mut link = Link::new(LinkKind::ALL[*kind], &from, &to);
            link.id = diagram.fresh_link_id(link.id.as_str());
            Edit::AddLink(Box::new(link))
        }
        Step::Disconnect { pick: p } => {
            let links: Vec<_> = diagram.links().map(|l| l.id.clone()).collect();
            Edit::RemoveLink(pick(&links, *p)?)
        }
        Step::Delete { pick: p } => diagram.delete_edit(&[pick(&ids, *p)?], &[]),
        Step::Retitle { title } => Edit::SetInfo(Box::new(DocumentInfo {
            title: title.clone(),
            ..diagram.info.clone()
        })),
    })
}

fn start() -> Diagram {
    let mut b = DiagramBuilder::new();
    b.add("region", Kind::Region, None);
    b.add("vpc", Kind::Vpc, Some("region"));
    b.add("az-a", Kind::AvailabilityZone, Some("vpc"));
    b.add("sub-a", Kind::Subnet, Some("az-a"));
    b.add("asg", Kind::AutoScalingGroup, Some("vpc"))
        .props
        .subnets = vec![ComponentId::new("sub-a").unwrap()];
    b.add("web", Kind::Ec2, Some("asg"));
    b.add("db", Kind::Rds, Some("sub-a"));
    b.add("queue", Kind::Sqs, Some("region"));
    b.link(LinkKind::Request, "web", "db");
    b.link(LinkKind::Send, "web", "queue");
    b.build()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn undo_all_restores_and_redo_all_replays(steps in prop::collection::vec(step(), 1..40)) {
        let original = start();
        let mut diagram = original.clone();
        let mut history = History::new();
        let mut snapshots = vec![diagram.clone()];
        for (serial, step) in steps.iter().enumerate() {
            let Some(edit) = to_edit(&diagram, step, serial) else { continue };
            let before = diagram.clone();
            match history.apply(&mut diagram, edit.label(), edit) {
                Ok(()) => {
                    assert_lookups_agree(&diagram);
                    snapshots.push(diagram.clone());
                }
                Err(_) => prop_assert_eq!(&diagram, &before, "a refused edit changed the diagram"),
            }
        }
        let applied = history.undo_len();
        prop_assert_eq!(applied, snapshots.len() - 1);
        let last = diagram.clone();
        for expected in snapshots.iter().rev().skip(1) {
            history.undo(&mut diagram).unwrap().unwrap();
            prop_assert_eq!(&diagram, expected);
        }
        prop_assert!(history.undo(&mut diagram).is_none());
        prop_assert_eq!(&diagram, &original);
        for expected in snapshots.iter().skip(1) {
            history.redo(&mut diagram).unwrap().unwrap();
            prop_assert_eq!(&diagram, expected);
        }
        prop_assert_eq!(&diagram, &last);
        assert_lookups_agree(&diagram);
    }
}

/// Every component is found by its own id, by a copy of its text, and through the
/// references to it (parents, subnet lists, link ends), which share its id's text.
fn assert_lookups_agree(diagram: &Diagram) {
    let graph = diagram.graph();
    for c in diagram.components() {
        let ix = diagram.node_index(&c.id).expect("own id resolves");
        assert!(std::ptr::eq(&graph[ix], c));
        let copy = ComponentId::new(c.id.as_str()).unwrap();
        assert!(!copy.same_text(&c.id));
        assert_eq!(
            diagram.node_index(&copy),
            Some(ix),
            "a copy of {} resolves",
            c.id
        );
        for reference in c.parent.iter().chain(&c.props.subnets) {
            let target = diagram.component(reference).expect("reference resolves");
            assert!(
                target.id.same_text(reference),
                "{} shares {}",
                c.id,
                reference
            );
        }
    }
    for link in diagram.links() {
        for end in [&link.from, &link.to] {
            assert!(
                diagram
                    .component(end)
                    .expect("end resolves")
                    .id
                    .same_text(end)
            );
        }
    }
}

#[test]
fn history_is_capped_and_new_edit_clears_redo() {
    let mut diagram = start();
    let mut history = History::new();
    let web = ComponentId::new("web").unwrap();
    for i in 0..150 {
        let edit = diagram.move_edit(
            std::slice::from_ref(&web),
            1.0,
            f32::from(u8::try_from(i % 200).unwrap()),
        );
        history
            .apply(&mut diagram, "Move 1 component", edit)
            .unwrap();
    }
    assert_eq!(history.undo_len(), cloudsketch::model::history::HISTORY_CAP);
    history.undo(&mut diagram).unwrap().unwrap();
    assert_eq!(history.redo_len(), 1);
    assert_eq!(history.redo_label(), Some("Move 1 component"));
    let edit = diagram.move_edit(&[web], 5.0, 5.0);
    history
        .apply(&mut diagram, "Move 1 component", edit)
        .unwrap();
    assert_eq!(history.redo_len(), 0);
}
