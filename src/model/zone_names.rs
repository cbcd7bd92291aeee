//! Names that follow a Region's code: when the code of a Region is set, the Region and its
//! Availability Zone boxes that still carry the names the editor gave them (or none) are
//! named after it ("Region" becomes `eu-west-1`, its AZ boxes `eu-west-1a`, `eu-west-1b`).

use super::settings::Settings;
use super::{ComponentId, ComponentProps, Diagram, Kind};

/// Whether `label` is empty or the name the editor gives a new component of `kind`
/// ("Region", "Region 2"), not one the user chose.
pub fn is_given_name(label: &str, kind: Kind) -> bool {
    let base = kind.info().name;
    label.is_empty()
        || label == base
        || label
            .strip_prefix(base)
            .and_then(|rest| rest.strip_prefix(' '))
            .is_some_and(|n| n.parse::<u32>().is_ok())
}

/// The zone letter of `zone` if it is `code` followed by one lowercase letter
/// (`us-east-1b` of `us-east-1`).
fn letter_of(zone: &str, code: &str) -> Option<char> {
    let mut rest = zone.strip_prefix(code)?.chars();
    match (rest.next(), rest.next()) {
        (Some(letter), None) if letter.is_ascii_lowercase() => Some(letter),
        _ => None,
    }
}

/// New properties for the Availability Zone boxes of `region` once its code changes from
/// `old_code` to `new_code`: a box with no zone gets the next free zone of the new code,
/// in reading order (left to right, then top to bottom); a box named after the old code
/// keeps its letter under the new one; a box whose zone the user wrote otherwise is left
/// alone. A box's label follows when it is a name the editor gave or its old zone.
pub fn az_boxes_following_code(
    diagram: &Diagram,
    region: &ComponentId,
    old_code: &str,
    new_code: &str,
) -> Vec<(ComponentId, ComponentProps)> {
    let new_code = new_code.trim();
    if new_code.is_empty() {
        return Vec::new();
    }
    let mut boxes: Vec<&super::Component> = diagram
        .components()
        .filter(|c| c.kind == Kind::AvailabilityZone)
        .filter(|c| {
            diagram
                .ancestors(&c.id)
                .find(|a| a.kind == Kind::Region)
                .is_some_and(|r| &r.id == region)
        })
        .collect();
    boxes.sort_by(|a, b| {
        (a.rect.min.x, a.rect.min.y)
            .partial_cmp(&(b.rect.min.x, b.rect.min.y))
            .unwrap_or(std::cmp::Ordering::Equal)
            .then_with(|| a.id.cmp(&b.id))
    });
    let zone = |c: &super::Component| match &c.props.settings {
        Settings::Az(s) => s.zone.clone().unwrap_or_default(),
        _ => String::new(),
    };
    let old_code = old_code.trim();
    // Letters the new code already has: zones written in full, and the old code's letters
    // that carry over.
    let mut taken: Vec<char> = boxes
        .iter()
        .filter_map(|c| {
            let z = zone(c);
            letter_of(&z, new_code).or_else(|| {
                (!old_code.is_empty())
                    .then(|| letter_of(&z, old_code))
                    .flatten()
            })
        })
        .collect();
    let mut renamed = Vec::new();
    for c in boxes {
        let old_zone = zone(c);
        let letter = if old_zone.trim().is_empty() {
            let Some(free) = ('a'..='z').find(|l| !taken.contains(l)) else {
                continue;
            };
            taken.push(free);
            free
        } else if let Some(kept) = (!old_code.is_empty())
            .then(|| letter_of(&old_zone, old_code))
            .flatten()
        {
            kept
        } else {
            continue;
        };
        let new_zone = format!("{new_code}{letter}");
        if new_zone == old_zone {
            continue;
        }
        let mut props = c.props.clone();
        if is_given_name(&props.label, c.kind) || (!old_zone.is_empty() && props.label == old_zone)
        {
            props.label.clone_from(&new_zone);
        }
        if let Settings::Az(s) = &mut props.settings {
            s.zone = Some(new_zone);
        }
        renamed.push((c.id.clone(), props));
    }
    renamed
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;
    use crate::model::builder::DiagramBuilder;
    use crate::model::{Point, Rect, Size};

    fn at(x: f32) -> Rect {
        Rect::new(Point::new(x, 100.0), Size::new(300.0, 300.0))
    }

    fn zone_and_label(
        diagram: &Diagram,
        renamed: &[(ComponentId, ComponentProps)],
        id: &str,
    ) -> (String, String) {
        let props = renamed
            .iter()
            .find(|(c, _)| c.as_str() == id)
            .map(|(_, p)| p.clone())
            .unwrap_or_else(|| {
                diagram
                    .component(&ComponentId::new(id).unwrap())
                    .unwrap()
                    .props
                    .clone()
            });
        let zone = match props.settings {
            Settings::Az(s) => s.zone.unwrap_or_default(),
            _ => String::new(),
        };
        (zone, props.label)
    }

    #[test]
    fn az_boxes_take_the_regions_code_in_reading_order() {
        let mut b = DiagramBuilder::new();
        b.add("region", Kind::Region, None).rect =
            Rect::new(Point::new(0.0, 0.0), Size::new(2000.0, 900.0));
        b.add("vpc", Kind::Vpc, Some("region")).rect =
            Rect::new(Point::new(10.0, 50.0), Size::new(1900.0, 800.0));
        // Drawn right to left: reading order decides the letters.
        let right = b.add("az-right", Kind::AvailabilityZone, Some("vpc"));
        right.rect = at(900.0);
        right.props.label = "Availability Zone 2".to_owned();
        let left = b.add("az-left", Kind::AvailabilityZone, Some("vpc"));
        left.rect = at(100.0);
        left.props.label = "Availability Zone".to_owned();
        // A zone and a name the user chose stay.
        let mine = b.add("az-mine", Kind::AvailabilityZone, Some("vpc"));
        mine.rect = at(500.0);
        mine.props.label = "Primary".to_owned();
        if let Settings::Az(s) = &mut mine.props.settings {
            s.zone = Some("use1-az4".to_owned());
        }
        // An AZ box in another Region is not touched.
        b.add("other", Kind::Region, None).rect =
            Rect::new(Point::new(0.0, 1000.0), Size::new(900.0, 500.0));
        b.add("az-other", Kind::AvailabilityZone, Some("other"))
            .rect = Rect::new(Point::new(20.0, 1100.0), Size::new(300.0, 300.0));
        let diagram = b.build();
        let region = ComponentId::new("region").unwrap();

        let renamed = az_boxes_following_code(&diagram, &region, "", "eu-west-1");
        assert_eq!(renamed.len(), 2);
        assert_eq!(
            zone_and_label(&diagram, &renamed, "az-left"),
            ("eu-west-1a".into(), "eu-west-1a".into())
        );
        assert_eq!(
            zone_and_label(&diagram, &renamed, "az-right"),
            ("eu-west-1b".into(), "eu-west-1b".into())
        );
        assert_eq!(
            zone_and_label(&diagram, &renamed, "az-mine"),
            ("use1-az4".into(), "Primary".into())
        );
        assert_eq!(
            zone_and_label(&diagram, &renamed, "az-other"),
            (String::new(), "Availability Zone".into())
        );

        // Changing the code again carries the letters over; no code names nothing.
        let mut diagram = diagram;
        for (id, props) in renamed {
            diagram
                .apply(crate::model::Edit::SetProps(id, Box::new(props)))
                .unwrap();
        }
        let again = az_boxes_following_code(&diagram, &region, "eu-west-1", "us-east-2");
        assert_eq!(
            zone_and_label(&diagram, &again, "az-left"),
            ("us-east-2a".into(), "us-east-2a".into())
        );
        assert_eq!(
            zone_and_label(&diagram, &again, "az-right"),
            ("us-east-2b".into(), "us-east-2b".into())
        );
        assert!(az_boxes_following_code(&diagram, &region, "eu-west-1", " ").is_empty());
    }

    #[test]
    fn given_names_are_the_kinds_name_or_it_numbered() {
        for label in ["", "Region", "Region 2", "Region 14"] {
            assert!(is_given_name(label, Kind::Region), "{label}");
        }
        for label in [
            "us-east-1 (N. Virginia)",
            "Region two",
            "Regions",
            "Region 2b",
            "Prod",
            "Regional hub",
            "us-east-1",
        ] {
            assert!(!is_given_name(label, Kind::Region), "{label}");
        }
    }
}
