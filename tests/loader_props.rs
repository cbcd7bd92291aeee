//! Property tests of the loader and the round trip (issue 11): random bytes and mutated
//! sample files never make the loader panic, and whatever loads saves and reloads to the
//! same diagram; random diagrams built through the model API, with names full of quotes,
//! backslashes, control and non-BMP characters and floats at their edges (subnormals,
//! `-0.0`, the largest values), save and load back exactly, bit for bit.
//!
//! Case counts are kept small so the file runs in a few seconds; `cargo fuzz run load`
//! (see the README) explores the same ground for millions of inputs.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::Path;

use cloudsketch::io;
use cloudsketch::io::samples::SAMPLES;
use cloudsketch::model::kind::Placement;
use cloudsketch::model::settings::{CommonSettings, SqsSettings};
use cloudsketch::model::{
    Component, ComponentId, Diagram, DocumentInfo, Kind, Link, LinkKind, Objectives, Point,
    Settings, Size, Waiver,
};
use proptest::prelude::*;
use proptest::strategy::ValueTree as _;

const ORIGIN: &str = "prop.ron";

/// Loads `bytes`; when they load, checks the round trip the fuzz target checks: the saved
/// text loads to an equal diagram and saves again to the same bytes.
fn load_and_round_trip(bytes: &[u8]) {
    let Ok(diagram) = io::load_bytes(bytes, Path::new(ORIGIN)) else {
        return;
    };
    let saved = io::to_string(&diagram).expect("a loaded diagram saves");
    let reloaded = io::load_str(&saved, Path::new(ORIGIN))
        .unwrap_or_else(|err| panic!("saved text does not load again: {err}\n{saved}"));
    assert_eq!(diagram, reloaded, "round trip changed the diagram\n{saved}");
    assert_eq!(saved, io::to_string(&reloaded).unwrap(), "not byte-stable");
}

/// What a mutation does to a sample file.
#[derive(Clone, Debug)]
enum Mutation {
    /// Overwrite one byte.
    Set(usize, u8),
    /// Delete a range.
    Delete(usize, usize),
    /// Insert a token that tends to matter to the parser or the model.
    Insert(usize, &'static str),
    /// Copy a range to somewhere else (duplicate components, links, brackets).
    Duplicate(usize, usize, usize),
}

const TOKENS: &[&str] = &[
    "(",
    ")",
    "[",
    "]",
    ",",
    "\"",
    "\\",
    "\\u{0}",
    "\u{7}",
    "\u{10FFFF}",
    "NaN",
    "inf",
    "-inf",
    "-0.0",
    "1e999",
    "1e-45",
    "4000000000",
    "18446744073709551616",
    "Some(",
    "None",
    "parent: \"region\", ",
    "//",
    "/*",
    "r#\"",
    "format_version: 0,",
    "format_version: 99,",
    "\n",
    "\r",
];

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        (any::<usize>(), any::<u8>()).prop_map(|(at, b)| Mutation::Set(at, b)),
        (any::<usize>(), 1usize..64).prop_map(|(at, n)| Mutation::Delete(at, n)),
        (any::<usize>(), prop::sample::select(TOKENS)).prop_map(|(at, t)| Mutation::Insert(at, t)),
        (any::<usize>(), 1usize..400, any::<usize>())
            .prop_map(|(from, n, to)| Mutation::Duplicate(from, n, to)),
    ]
}

fn mutate(bytes: &mut Vec<u8>, mutation: &Mutation) {
    if bytes.is_empty() {
        return;
    }
    let len = bytes.len();
    match *mutation {
        Mutation::Set(at, b) => bytes[at % len] = b,
        Mutation::Delete(at, n) => {
            let at = at % len;
            bytes.drain(at..(at + n).min(len));
        }
        Mutation::Insert(at, token) => {
            let at = at % (len + 1);
            bytes.splice(at..at, token.bytes());
        }
        Mutation::Duplicate(from, n, to) => {
            let from = from % len;
            let piece = bytes[from..(from + n).min(len)].to_vec();
            let to = to % (len + 1);
            bytes.splice(to..to, piece);
        }
    }
}

/// Characters that have broken text formats before: quotes, backslashes, every control
/// character, line and paragraph separators, non-BMP characters, the byte order mark.
fn hostile_char() -> impl Strategy<Value = char> {
    prop_oneof![
        prop::sample::select(vec!['"', '\\', '\'', '#', '/', '*', '(', ')', '\u{feff}']),
        prop::char::range('\u{0}', '\u{1f}'),
        prop::char::range('\u{7f}', '\u{9f}'),
        prop::sample::select(vec!['\u{2028}', '\u{2029}', '\u{200b}']),
        prop::char::range('\u{10000}', '\u{10ffff}'),
        any::<char>(),
        prop::char::range('a', 'z'),
    ]
}

fn hostile_text() -> impl Strategy<Value = String> {
    prop::collection::vec(hostile_char(), 0..24).prop_map(|cs| cs.into_iter().collect())
}

/// Non-blank text (waiver rules and reasons must not be blank).
fn hostile_word() -> impl Strategy<Value = String> {
    hostile_text().prop_map(|s| format!("x{s}"))
}

/// Coordinates within the model's range, with their edge cases.
fn coordinate() -> impl Strategy<Value = f32> {
    let max = cloudsketch::model::validate::MAX_COORDINATE;
    prop_oneof![
        Just(0.0f32),
        Just(-0.0f32),
        Just(f32::from_bits(1)),
        Just(-f32::from_bits(1)),
        Just(f32::MIN_POSITIVE),
        Just(f32::MIN_POSITIVE / 3.0),
        Just(max),
        Just(-max),
        Just(0.1f32),
        Just(1.0f32 / 3.0),
        -max..max,
    ]
}

fn length() -> impl Strategy<Value = f32> {
    coordinate()
        .prop_map(f32::abs)
        .prop_filter("positive", |v| *v > 0.0)
}

/// Any finite `f64` a setting may hold, edges first.
fn number() -> impl Strategy<Value = f64> {
    prop_oneof![
        Just(-0.0f64),
        Just(0.0f64),
        Just(f64::from_bits(1)),
        Just(f64::MIN_POSITIVE),
        Just(1e300),
        Just(f64::MAX),
        Just(0.1f64),
        any::<f64>().prop_filter("finite", |v| v.is_finite()),
    ]
}

fn percent() -> impl Strategy<Value = f64> {
    prop_oneof![
        Just(-0.0f64),
        Just(100.0f64),
        Just(99.999_999_999_999_99f64),
        Just(f64::from_bits(1)),
        0.0f64..=100.0,
    ]
}

/// Kinds that may sit at the top level or directly in a Region.
fn free_kinds() -> Vec<Kind> {
    Kind::ALL
        .iter()
        .copied()
        .filter(|k| {
            matches!(
                k.info().placement,
                Placement::TopLevel | Placement::Regional
            )
        })
        .filter(|k| *k != Kind::Region)
        .collect()
}

#[derive(Clone, Debug)]
struct ComponentSpec {
    kind: Kind,
    in_region: bool,
    label: String,
    note: String,
    at: (f32, f32),
    size: Option<(f32, f32)>,
    count: u32,
    availability: Option<f64>,
    service: String,
    waiver: Option<(String, String)>,
    msgs_per_sec: f64,
}

fn component_spec() -> impl Strategy<Value = ComponentSpec> {
    (
        (
            prop::sample::select(free_kinds()),
            any::<bool>(),
            hostile_text(),
            hostile_text(),
        ),
        (
            (coordinate(), coordinate()),
            prop::option::of((length(), length())),
            prop_oneof![Just(1u32), Just(100_000u32), 1u32..=100_000],
            prop::option::of(percent()),
            hostile_text(),
            prop::option::of((hostile_word(), hostile_word())),
            number(),
        ),
    )
        .prop_map(
            |(
                (kind, in_region, label, note),
                (at, size, count, availability, service, waiver, msgs_per_sec),
            )| ComponentSpec {
                kind,
                in_region,
                label,
                note,
                at,
                size,
                count,
                availability,
                service,
                waiver,
                msgs_per_sec,
            },
        )
}

#[derive(Clone, Debug)]
struct DiagramSpec {
    title: String,
    description: String,
    peak_rps: Option<f64>,
    availability: Option<f64>,
    components: Vec<ComponentSpec>,
    links: Vec<(usize, usize, usize, String, Option<f64>)>,
}

fn diagram_spec() -> impl Strategy<Value = DiagramSpec> {
    (
        hostile_text(),
        hostile_text(),
        prop::option::of(number()),
        prop::option::of(percent()),
        prop::collection::vec(component_spec(), 0..10),
        prop::collection::vec(
            (
                any::<usize>(),
                any::<usize>(),
                any::<usize>(),
                hostile_text(),
                prop::option::of(number()),
            ),
            0..12,
        ),
    )
        .prop_map(
            |(title, description, peak_rps, availability, components, links)| DiagramSpec {
                title,
                description,
                peak_rps,
                availability,
                components,
                links,
            },
        )
}

/// Builds the diagram a spec describes through the model API; links between kinds that
/// cannot be joined, and repeated pairs, are left out.
fn build(spec: &DiagramSpec) -> Diagram {
    let region = ComponentId::new("region").unwrap();
    let mut components = vec![Component::new(
        region.clone(),
        Kind::Region,
        "us-east-1",
        Point::new(0.0, 0.0),
    )];
    for (i, c) in spec.components.iter().enumerate() {
        let id = ComponentId::new(format!("c{i}")).unwrap();
        let mut component = Component::new(id, c.kind, c.label.clone(), Point::new(c.at.0, c.at.1));
        if let Some((w, h)) = c.size {
            component = component.with_size(Size::new(w, h));
        }
        if c.in_region && c.kind.info().placement == Placement::Regional {
            component = component.with_parent(&region);
        }
        component.props.note.clone_from(&c.note);
        component.props.common = CommonSettings {
            count: Some(c.count),
            availability_percent: c.availability,
            service: Some(c.service.clone()),
            ..CommonSettings::default()
        };
        if let Some((rule, reason)) = &c.waiver {
            component.props.waivers.push(Waiver {
                rule: rule.clone(),
                reason: reason.clone(),
            });
        }
        if let Settings::Sqs(_) = component.props.settings {
            component.props.settings = Settings::Sqs(SqsSettings {
                expected_msgs_per_sec: Some(c.msgs_per_sec),
                ..SqsSettings::default()
            });
        }
        components.push(component);
    }
    let mut links: Vec<Link> = Vec::new();
    let n = components.len();
    for (from, to, kind, label, rps) in &spec.links {
        let (from, to) = (&components[from % n], &components[to % n]);
        let allowed: Vec<LinkKind> = LinkKind::ALL
            .into_iter()
            .filter(|k| k.allows(from.kind, to.kind))
            .collect();
        if from.id == to.id || allowed.is_empty() {
            continue;
        }
        let mut link = Link::new(allowed[kind % allowed.len()], &from.id, &to.id);
        if links.iter().any(|l| l.id == link.id) {
            continue;
        }
        link.props.label.clone_from(label);
        link.props.rps = *rps;
        links.push(link);
    }
    let info = DocumentInfo {
        title: spec.title.clone(),
        description: spec.description.clone(),
        objectives: Objectives {
            peak_rps: spec.peak_rps,
            availability_percent: spec.availability,
            ..Objectives::default()
        },
        ..DocumentInfo::default()
    };
    Diagram::from_parts(info, components, links).expect("the spec builds a valid diagram")
}

/// Everything a diagram holds, with floats as their exact bits (`Debug` prints the
/// shortest text that reads back to the same bits, and keeps the sign of zero).
fn exact(diagram: &Diagram) -> String {
    let mut out = format!("{:?}\n{:?}\n", diagram.info, diagram.header_comment);
    for c in diagram.components() {
        out.push_str(&format!("{c:?}\n"));
    }
    for l in diagram.links() {
        out.push_str(&format!("{l:?}\n"));
    }
    out
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn random_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..512)) {
        load_and_round_trip(&bytes);
    }

    #[test]
    fn random_text_around_a_diagram_never_panics(
        prefix in hostile_text(),
        middle in hostile_text(),
    ) {
        let text = format!("(format_version: 1, {prefix} components: [{middle}])");
        load_and_round_trip(text.as_bytes());
    }

    #[test]
    fn mutated_samples_never_panic(
        sample in prop::sample::select(SAMPLES.to_vec()),
        mutations in prop::collection::vec(mutation(), 1..6),
    ) {
        let mut bytes = sample.text.as_bytes().to_vec();
        for m in &mutations {
            mutate(&mut bytes, m);
        }
        load_and_round_trip(&bytes);
    }

    #[test]
    fn random_diagrams_save_and_load_exactly(spec in diagram_spec()) {
        let diagram = build(&spec);
        let text = io::to_string(&diagram).unwrap();
        let loaded = io::load_str(&text, Path::new(ORIGIN))
            .unwrap_or_else(|err| panic!("{err}\n{text}"));
        prop_assert_eq!(&loaded, &diagram);
        prop_assert_eq!(exact(&loaded), exact(&diagram));
        prop_assert_eq!(io::to_string(&loaded).unwrap(), text);
    }
}

/// The mutation engine really reaches the model: some mutated samples still load, and
/// some fail for a reason other than a syntax error. Without this a mutator that broke
/// every file at the first byte would make the properties above pass trivially.
#[test]
fn mutated_samples_reach_the_model() {
    let mut runner = proptest::test_runner::TestRunner::deterministic();
    let strategy = (
        prop::sample::select(SAMPLES.to_vec()),
        prop::collection::vec(mutation(), 1..3),
    );
    let (mut loaded, mut invalid) = (0, 0);
    for _ in 0..300 {
        let (sample, mutations) = strategy.new_tree(&mut runner).unwrap().current();
        let mut bytes = sample.text.as_bytes().to_vec();
        for m in &mutations {
            mutate(&mut bytes, m);
        }
        match io::load_bytes(&bytes, Path::new(ORIGIN)) {
            Ok(_) => loaded += 1,
            Err(io::LoadError::Invalid { .. }) => invalid += 1,
            Err(_) => {}
        }
    }
    assert!(
        loaded > 10 && invalid > 0,
        "loaded {loaded}, invalid {invalid}"
    );
}
