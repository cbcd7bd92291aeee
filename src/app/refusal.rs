//! Refusal messages in the editor's words. The model names components and links by id
//! (`web`, `web->app`), which suits files and `check` output; on screen the user knows
//! them by the names drawn on the canvas, so those are what the status line and the
//! inspector show.

use crate::model::{ComponentId, Diagram, LinkId};

/// `message` with each backquoted component id replaced by that component's name in
/// quotes, dropping a "component " just before it ("component `web` has count = 0" reads
/// "“Web server” has count = 0"), and each backquoted link id by its two ends' names.
/// Ids the diagram does not know, and names that are the id itself, stay as they are.
pub fn in_words(message: &str, diagram: &Diagram) -> String {
    let mut out = String::with_capacity(message.len());
    let mut rest = message;
    while let Some(open) = rest.find('`') {
        let Some(len) = rest[open + 1..].find('`') else {
            break;
        };
        let quoted = &rest[open + 1..open + 1 + len];
        let before = &rest[..open];
        match name_of(quoted, diagram) {
            Some((kind_word, name)) => {
                out.push_str(before.strip_suffix(kind_word).unwrap_or(before));
                out.push('“');
                out.push_str(&name);
                out.push('”');
            }
            None => {
                out.push_str(before);
                out.push('`');
                out.push_str(quoted);
                out.push('`');
            }
        }
        rest = &rest[open + len + 2..];
    }
    out.push_str(rest);
    out
}

/// The word a message puts before the id ("component ", "link "), and the name to show.
fn name_of(id: &str, diagram: &Diagram) -> Option<(&'static str, String)> {
    if let Some(c) = ComponentId::new(id)
        .ok()
        .and_then(|id| diagram.component(&id))
    {
        let name = c.display_name();
        return (name != id).then(|| ("component ", name.to_owned()));
    }
    let link = LinkId::new(id).ok().and_then(|id| diagram.link(&id))?;
    Some(("", diagram.link_name(link)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::builder::DiagramBuilder;
    use crate::model::{Kind, LinkKind};

    fn diagram() -> Diagram {
        let mut b = DiagramBuilder::new();
        b.add("users", Kind::Users, None).props.label = "Customers".into();
        b.add("pay", Kind::ExternalService, None).props.label = "Payment provider".into();
        b.add("dns", Kind::Route53, None).props.label = "dns".into();
        b.link(LinkKind::Request, "users", "pay");
        b.build()
    }

    #[test]
    fn ids_read_as_the_names_on_the_canvas() {
        let d = diagram();
        assert_eq!(
            in_words("component `users` has count = 0; 1 to 100000 copies", &d),
            "“Customers” has count = 0; 1 to 100000 copies"
        );
        assert_eq!(
            in_words("`pay` still has 1 link(s); remove them first", &d),
            "“Payment provider” still has 1 link(s); remove them first"
        );
        assert_eq!(
            in_words("link `users->pay` starts badly", &d),
            "link “Customers to Payment provider” starts badly"
        );
    }

    #[test]
    fn unknown_ids_and_names_that_are_the_id_stay_as_they_are() {
        let d = diagram();
        assert_eq!(
            in_words("there is no component `gone`; `dns` stays", &d),
            "there is no component `gone`; `dns` stays"
        );
        // An unmatched backquote is left alone.
        assert_eq!(in_words("odd ` quote", &d), "odd ` quote");
    }
}
