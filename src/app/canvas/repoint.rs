//! Re-pointing a link: a selected link shows a handle at each end; dragging one onto
//! another component moves that end there (one undo step), keeping the link's
//! kind when it still fits the new pair and taking the default kind between them when not.

use egui::Pos2;

use super::{DiagramApp, HANDLE_RADIUS};
use crate::app::command::AppCommand;
use crate::model::{ComponentId, Edit, LinkId, LinkKind, Point, scene};

/// Which end of a link.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LinkEnd {
    /// Where the link starts (the caller, the sender).
    From,
    /// Where it arrives.
    To,
}

impl LinkEnd {
    /// "start" or "end", for labels and messages.
    pub fn name(self) -> &'static str {
        match self {
            LinkEnd::From => "start",
            LinkEnd::To => "end",
        }
    }
}

/// Screen positions of the start and end of a link, where its line meets the two boxes.
pub fn end_positions(app: &DiagramApp, link: &LinkId) -> Option<(Pos2, Pos2)> {
    let (p, q) = scene::link_points(&app.doc.diagram, link)?;
    Some((app.camera.to_screen(p), app.camera.to_screen(q)))
}

/// The end handle of a selected link at `p` (screen), if any.
pub fn end_at(app: &DiagramApp, p: Pos2) -> Option<(LinkId, LinkEnd)> {
    app.selection.links.iter().find_map(|id| {
        let (start, end) = end_positions(app, id)?;
        let near = |q: Pos2| q.distance(p) <= HANDLE_RADIUS + 3.0;
        if near(end) {
            Some((id.clone(), LinkEnd::To))
        } else if near(start) {
            Some((id.clone(), LinkEnd::From))
        } else {
            None
        }
    })
}

/// What moving `end` of `link` onto `target` would make: the new kind and ends, or why
/// it cannot.
pub fn plan(
    app: &DiagramApp,
    link: &LinkId,
    end: LinkEnd,
    target: &ComponentId,
) -> Result<(LinkKind, ComponentId, ComponentId), String> {
    let diagram = &app.doc.diagram;
    let link = diagram
        .link(link)
        .ok_or_else(|| "the link is gone".to_owned())?;
    let (from, to) = match end {
        LinkEnd::From => (target.clone(), link.to.clone()),
        LinkEnd::To => (link.from.clone(), target.clone()),
    };
    let (Some(a), Some(b)) = (diagram.component(&from), diagram.component(&to)) else {
        return Err("nothing to connect to there".to_owned());
    };
    if from == to {
        return Err(format!("{} cannot be linked to itself", a.display_name()));
    }
    let kind = if link.kind.allows(a.kind, b.kind) {
        link.kind
    } else {
        LinkKind::default_between(a.kind, b.kind).ok_or_else(|| {
            format!(
                "no AWS link goes from {} to {}",
                a.name_and_kind(),
                b.name_and_kind(),
            )
        })?
    };
    Ok((kind, from, to))
}

/// Ends the drag of `end` of `link` at `p` (world): queues the reconnection, or says why not.
pub fn finish(app: &mut DiagramApp, link: &LinkId, end: LinkEnd, p: Point) {
    let Some(target) = super::link_target(app, p) else {
        return;
    };
    let Some(current) = app.doc.diagram.link(link).cloned() else {
        return;
    };
    let unchanged = match end {
        LinkEnd::From => current.from == target,
        LinkEnd::To => current.to == target,
    };
    if unchanged {
        return;
    }
    match plan(app, link, end, &target) {
        Ok((kind, from, to)) => {
            let name = app
                .doc
                .diagram
                .component(&target)
                .map_or_else(|| target.to_string(), |c| c.display_name().to_owned());
            let label = format!("Reconnect {link} to {name}");
            let diagram = &app.doc.diagram;
            // A link named after its ends (`web->app`, the default) is renamed after
            // the new ones, so the file does not keep a name that says otherwise.
            let (edit, id) = if current.id == LinkId::derived(&current.from, &current.to) {
                let mut moved = current.clone();
                moved.id = diagram.fresh_link_id(LinkId::derived(&from, &to).as_str());
                moved.kind = kind;
                moved.from = from;
                moved.to = to;
                let id = moved.id.clone();
                (
                    Edit::Batch(vec![
                        Edit::RemoveLink(link.clone()),
                        Edit::AddLink(Box::new(moved)),
                    ]),
                    id,
                )
            } else {
                (
                    Edit::Reconnect {
                        link: link.clone(),
                        kind,
                        from,
                        to,
                    },
                    link.clone(),
                )
            };
            app.push(AppCommand::Apply {
                label,
                edit,
                select: Some((Vec::new(), vec![id])),
            });
        }
        Err(reason) => app.push(AppCommand::Notify(format!("Not reconnected: {reason}"))),
    }
}
