//! Hostile diagram files (issue 11), made at run time rather than committed: nesting past
//! the parser's recursion limit, 64 MiB strings, a million components, NaN and infinite
//! coordinates, ids with control characters, self-links, containment cycles, absurd
//! counts. Each goes through the real binary's `check` under a memory ceiling and a time
//! limit, and must end in a clear, positioned error (exit 2) or a clean load and lint
//! (exit 0 or 1): never a panic, a hang or unbounded memory.
//!
//! The caps that make this hold are the file size cap (`MAX_FILE_BYTES`, 32 MiB, checked
//! before reading), the list cap (`MAX_ITEMS`, 200,000 components or links), the id
//! length cap, the containment depth cap and the parser's recursion limit.

#![allow(clippy::unwrap_used, clippy::expect_used)]
#![cfg(unix)]

use std::fmt::Write as _;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use cloudsketch::io::MAX_FILE_BYTES;
use cloudsketch::io::format::MAX_ITEMS;

/// Address space the checking process may use: far more than any of these files needs
/// when the caps hold, far less than what ignoring them would take.
const MEMORY_LIMIT_KIB: u64 = 1024 * 1024;

/// Longest a check may take before it counts as a hang (debug build, shared machine).
const TIME_LIMIT: Duration = Duration::from_secs(60);

struct Outcome {
    code: i32,
    stderr: String,
    elapsed: Duration,
}

/// Runs `cloudsketch check FILE` with at most [`MEMORY_LIMIT_KIB`] of address space and
/// [`TIME_LIMIT`] of time; fails the test on a panic, a crash or a hang.
fn check(path: &Path) -> Outcome {
    let start = Instant::now();
    let mut child = Command::new("sh")
        .arg("-c")
        .arg(format!(
            "ulimit -v {MEMORY_LIMIT_KIB} && exec \"$0\" check \"$1\""
        ))
        .arg(env!("CARGO_BIN_EXE_cloudsketch"))
        .arg(path)
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if start.elapsed() > TIME_LIMIT {
            child.kill().ok();
            panic!("{}: still running after {TIME_LIMIT:?}", path.display());
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    let elapsed = start.elapsed();
    let mut stderr = String::new();
    std::io::Read::read_to_string(&mut child.stderr.take().unwrap(), &mut stderr).unwrap();
    let name = path.display();
    assert!(!stderr.contains("panicked"), "{name}: panic: {stderr}");
    assert!(
        !stderr.contains("memory allocation") && status.code().is_some(),
        "{name}: crashed ({status}): {stderr}"
    );
    Outcome {
        code: status.code().unwrap_or(-1),
        stderr,
        elapsed,
    }
}

/// Writes `text` to a file in `dir` and checks it.
fn check_text(dir: &Path, name: &str, text: &str) -> Outcome {
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    check(&path)
}

/// Asserts exit 2 with `file:line:column: …phrase…`.
fn assert_positioned_error(outcome: &Outcome, path_name: &str, phrase: &str) {
    let Outcome { code, stderr, .. } = outcome;
    assert_eq!(*code, 2, "{path_name}: {stderr}");
    let first = stderr.lines().next().unwrap_or_default();
    let (_, after) = first
        .split_once(&format!("{path_name}:"))
        .unwrap_or_else(|| panic!("{path_name}: no position in {stderr}"));
    let mut parts = after.splitn(3, ':');
    let line = parts.next().unwrap_or_default();
    let column = parts.next().unwrap_or_default();
    assert!(
        line.parse::<usize>().is_ok() && column.parse::<usize>().is_ok(),
        "{path_name}: no line and column in {stderr}"
    );
    assert!(
        stderr.contains(phrase),
        "{path_name}: {phrase:?} not in {stderr}"
    );
}

fn diagram(components: &str, links: &str) -> String {
    format!(
        "(\n    format_version: 1,\n    components: [\n{components}    ],\n    links: [\n{links}    ],\n)\n"
    )
}

const REGION: &str = "        (id: \"region\", kind: Region, at: (x: 0.0, y: 0.0)),\n";

#[test]
fn nesting_beyond_the_recursion_limit() {
    let dir = tempfile::tempdir().unwrap();
    // Deeper than the parser's limit at every place a value can nest.
    let deep = 1_000_000;
    for (name, text) in [
        ("tuples.ron", "(".repeat(deep)),
        (
            "settings.ron",
            format!(
                "(format_version: 1, components: [(id: \"q\", kind: Sqs, at: (x: 0.0, y: 0.0), settings: {}",
                "(".repeat(deep)
            ),
        ),
        (
            "description.ron",
            format!("(format_version: 1, description: {}", "Some(".repeat(deep)),
        ),
        (
            "closed.ron",
            format!(
                "(format_version: 1, title: {}\"t\"{})",
                "[".repeat(deep),
                "]".repeat(deep)
            ),
        ),
    ] {
        let outcome = check_text(dir.path(), name, &text);
        assert_positioned_error(&outcome, name, "");
    }
}

#[test]
fn strings_of_64_mib_and_just_under_the_cap() {
    let dir = tempfile::tempdir().unwrap();
    let huge = "x".repeat(64 * 1024 * 1024);
    let outcome = check_text(
        dir.path(),
        "title.ron",
        &format!("(format_version: 1, title: \"{huge}\")"),
    );
    assert_eq!(outcome.code, 2);
    assert!(
        outcome.stderr.contains("more than the 33554432-byte limit"),
        "{}",
        outcome.stderr
    );
    drop(huge);
    // Under the cap, a very long label and note load and lint like any other.
    let long = "é".repeat(7 * 1024 * 1024);
    let text = diagram(
        &format!(
            "{REGION}        (id: \"q\", kind: Sqs, label: \"{long}\", note: \"{long}\", at: (x: 0.0, y: 0.0)),\n"
        ),
        "",
    );
    assert!(text.len() as u64 <= MAX_FILE_BYTES);
    let outcome = check_text(dir.path(), "label.ron", &text);
    assert!(matches!(outcome.code, 0 | 1), "{}", outcome.stderr);
}

#[test]
fn a_million_components_and_lists_past_the_cap() {
    let dir = tempfile::tempdir().unwrap();
    let component =
        |i: usize| format!("        (id: \"u{i}\", kind: Users, at: (x: 0.0, y: 0.0)),\n");
    // A million components do not fit in the size cap: refused before parsing.
    let mut million = String::new();
    for i in 0..1_000_000 {
        million.push_str(&component(i));
    }
    let outcome = check_text(dir.path(), "million.ron", &diagram(&million, ""));
    assert_eq!(outcome.code, 2, "{}", outcome.stderr);
    assert!(outcome.stderr.contains("-byte limit"), "{}", outcome.stderr);
    drop(million);
    // One more than the list cap, written compactly enough to pass the size cap.
    let mut over = String::new();
    for i in 0..=MAX_ITEMS {
        write!(over, "(id:\"u{i}\",kind:Users,at:(x:0,y:0)),").unwrap();
    }
    let outcome = check_text(dir.path(), "over.ron", &diagram(&over, ""));
    assert_positioned_error(&outcome, "over.ron", "more than 200000 entries");
    // The same in the links list, which is read before anything is resolved.
    let mut links = String::new();
    for _ in 0..=MAX_ITEMS {
        links.push_str("(kind:Request,from:\"a\",to:\"b\"),");
    }
    let outcome = check_text(dir.path(), "links.ron", &diagram("", &links));
    assert_positioned_error(&outcome, "links.ron", "more than 200000 entries");
}

#[test]
fn the_largest_accepted_diagram_loads_and_lints_in_bounded_time_and_memory() {
    let dir = tempfile::tempdir().unwrap();
    // At the list cap: users each calling one of a few hundred queues, in one Region.
    let mut components = String::from(REGION);
    let mut links = String::new();
    for i in 0..500 {
        writeln!(
            components,
            "(id:\"q{i}\",kind:Sqs,parent:\"region\",at:(x:0,y:0)),"
        )
        .unwrap();
    }
    for i in 0..(MAX_ITEMS - 501) {
        writeln!(components, "(id:\"u{i}\",kind:Users,at:(x:0,y:0)),").unwrap();
        if i < 50_000 {
            writeln!(links, "(kind:Send,from:\"u{i}\",to:\"q{}\"),", i % 500).unwrap();
        }
    }
    let outcome = check_text(dir.path(), "largest.ron", &diagram(&components, &links));
    assert!(matches!(outcome.code, 0 | 1), "{}", outcome.stderr);
    eprintln!("{MAX_ITEMS} components: checked in {:?}", outcome.elapsed);
}

#[test]
fn nan_infinite_and_out_of_range_numbers() {
    let dir = tempfile::tempdir().unwrap();
    for (i, (at, size)) in [
        ("(x: NaN, y: 0.0)", None),
        ("(x: 0.0, y: inf)", None),
        ("(x: -inf, y: 0.0)", None),
        ("(x: 1e39, y: 0.0)", None),
        ("(x: 0.0, y: 0.0)", Some("(w: NaN, h: 10.0)")),
        ("(x: 0.0, y: 0.0)", Some("(w: 10.0, h: inf)")),
        ("(x: 0.0, y: 0.0)", Some("(w: 0.0, h: 10.0)")),
        ("(x: 0.0, y: 0.0)", Some("(w: -5.0, h: 10.0)")),
    ]
    .into_iter()
    .enumerate()
    {
        let size = size.map(|s| format!(", size: {s}")).unwrap_or_default();
        let name = format!("geometry{i}.ron");
        let text = diagram(
            &format!("        (id: \"u\", kind: Users, at: {at}{size}),\n"),
            "",
        );
        let outcome = check_text(dir.path(), &name, &text);
        assert_positioned_error(&outcome, &name, "invalid ");
    }
    for (i, (field, phrase)) in [
        (
            "common: (availability_percent: NaN)",
            "availability_percent",
        ),
        (
            "common: (availability_percent: inf)",
            "availability_percent",
        ),
        (
            "settings: (expected_msgs_per_sec: NaN)",
            "expected_msgs_per_sec",
        ),
        (
            "settings: (expected_msgs_per_sec: -inf)",
            "expected_msgs_per_sec",
        ),
        (
            "settings: (fifo_quota_msgs_per_sec: 1e999)",
            "fifo_quota_msgs_per_sec",
        ),
    ]
    .into_iter()
    .enumerate()
    {
        let name = format!("number{i}.ron");
        let text = diagram(
            &format!(
                "{REGION}        (id: \"q\", kind: Sqs, parent: \"region\", at: (x: 0.0, y: 0.0), {field}),\n"
            ),
            "",
        );
        let outcome = check_text(dir.path(), &name, &text);
        assert_positioned_error(&outcome, &name, phrase);
    }
    let text = "(format_version: 1, objectives: (peak_rps: NaN), components: [])";
    let outcome = check_text(dir.path(), "objectives.ron", text);
    assert_positioned_error(&outcome, "objectives.ron", "peak_rps");
    let links = "        (kind: Send, from: \"u\", to: \"q\", attrs: (msgs_per_sec: inf)),\n";
    let text = diagram(
        &format!(
            "{REGION}        (id: \"q\", kind: Sqs, at: (x: 0.0, y: 0.0)),\n        (id: \"u\", kind: Users, at: (x: 0.0, y: 0.0)),\n"
        ),
        links,
    );
    let outcome = check_text(dir.path(), "link.ron", &text);
    assert_positioned_error(&outcome, "link.ron", "msgs_per_sec");
}

#[test]
fn ids_with_control_characters_are_refused_and_printed_escaped() {
    let dir = tempfile::tempdir().unwrap();
    for (i, id) in [
        "a\\u{0}b",
        "\\u{1b}[31mred",
        "a\\nb",
        "a\\rb",
        "tab\\there",
        "\\u{7f}",
    ]
    .into_iter()
    .enumerate()
    {
        let name = format!("id{i}.ron");
        let text = diagram(
            &format!("        (id: \"{id}\", kind: Users, at: (x: 0.0, y: 0.0)),\n"),
            "",
        );
        let outcome = check_text(dir.path(), &name, &text);
        assert_positioned_error(&outcome, &name, "contains '");
        // Nothing reaches the terminal raw: no escape sequence, no carriage return.
        assert!(
            !outcome.stderr.contains(['\u{1b}', '\r', '\u{0}', '\u{7f}']),
            "{name}: raw control character in {:?}",
            outcome.stderr
        );
    }
}

#[test]
fn self_links_cycles_and_depth() {
    let dir = tempfile::tempdir().unwrap();
    let users = "        (id: \"u\", kind: Users, at: (x: 0.0, y: 0.0)),\n";
    let outcome = check_text(
        dir.path(),
        "self.ron",
        &diagram(users, "        (kind: Request, from: \"u\", to: \"u\"),\n"),
    );
    assert_positioned_error(&outcome, "self.ron", "starts and ends at `u`");

    // Cycles: a short one is named; one through every component of a large diagram is
    // refused when it passes the depth cap, before any walk could go round forever.
    for (n, phrase) in [(5, "containment cycle"), (50_000, "levels deep")] {
        let mut ring = String::new();
        for i in 0..n {
            writeln!(
                ring,
                "(id: \"v{i}\", kind: Vpc, parent: \"v{}\", at: (x: 0.0, y: 0.0)),",
                (i + 1) % n
            )
            .unwrap();
        }
        let outcome = check_text(dir.path(), "ring.ron", &diagram(&ring, ""));
        assert_positioned_error(&outcome, "ring.ron", phrase);
    }

    // A chain far deeper than any real design.
    let mut chain = String::from(REGION);
    for i in 0..50_000 {
        let parent = if i == 0 {
            "region".to_owned()
        } else {
            format!("a{}", i - 1)
        };
        writeln!(
            chain,
            "(id: \"a{i}\", kind: AvailabilityZone, parent: \"{parent}\", at: (x: 0.0, y: 0.0)),"
        )
        .unwrap();
    }
    let outcome = check_text(dir.path(), "chain.ron", &diagram(&chain, ""));
    assert_positioned_error(&outcome, "chain.ron", "levels deep");
}

#[test]
fn absurd_counts_and_sizes() {
    let dir = tempfile::tempdir().unwrap();
    let cases = [
        ("common: (count: 4000000000)", Some("count")),
        ("common: (count: 0)", Some("count")),
        ("common: (count: 40000000000)", Some("")),
        ("common: (count: -1)", Some("")),
        (
            "settings: (max_message_size_bytes: 4294967295, retention_secs: 4294967295, visibility_timeout_secs: 4294967295, max_receive_count: 4294967295)",
            None,
        ),
        (
            "settings: (expected_msgs_per_sec: 1e300, fifo: true, fifo_quota_msgs_per_sec: 5e-324)",
            None,
        ),
    ];
    for (i, (field, error)) in cases.into_iter().enumerate() {
        let name = format!("count{i}.ron");
        let text = diagram(
            &format!(
                "{REGION}        (id: \"q\", kind: Sqs, parent: \"region\", at: (x: 0.0, y: 0.0), {field}),\n        (id: \"u\", kind: Users, at: (x: 0.0, y: 0.0)),\n"
            ),
            "        (kind: Send, from: \"u\", to: \"q\", attrs: (payload_bytes: 18446744073709551615, msgs_per_sec: 1e300, batch_size: 4294967295)),\n",
        );
        let outcome = check_text(dir.path(), &name, &text);
        match error {
            Some(phrase) => assert_positioned_error(&outcome, &name, phrase),
            None => assert!(matches!(outcome.code, 0 | 1), "{name}: {}", outcome.stderr),
        }
    }
}

/// A label full of terminal escape sequences shows up escaped in `check`'s findings: a
/// shared file cannot retitle, recolour or rewrite the terminal of whoever checks it.
#[test]
fn labels_with_escape_sequences_reach_the_terminal_escaped() {
    let dir = tempfile::tempdir().unwrap();
    let label = "\\u{1b}]0;pwned\\u{7}\\u{1b}[2J\\u{1b}[31mRED\\r";
    let text = diagram(
        &format!(
            "        (id: \"u\", kind: Users, at: (x: 0.0, y: 0.0)),\n{REGION}        (id: \"v\", kind: Vpc, parent: \"region\", at: (x: 0.0, y: 0.0)),\n        (id: \"a\", kind: AvailabilityZone, parent: \"v\", at: (x: 0.0, y: 0.0)),\n        (id: \"s\", kind: Subnet, parent: \"a\", at: (x: 0.0, y: 0.0)),\n        (id: \"web\", kind: Ec2, parent: \"s\", label: \"{label}\", at: (x: 0.0, y: 0.0)),\n"
        ),
        "        (kind: Request, from: \"u\", to: \"web\"),\n",
    );
    let path = dir.path().join("escape.ron");
    std::fs::write(&path, text).unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_cloudsketch"))
        .arg("check")
        .arg(&path)
        .output()
        .unwrap();
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert!(
        stdout.contains("[31mRED"),
        "the label is in a finding: {stdout}"
    );
    assert!(
        !stdout.contains(['\u{1b}', '\u{7}', '\r']),
        "raw control characters: {stdout:?}"
    );
}

/// A "file" that never ends (a device, a file still growing) is refused once the size cap
/// is passed, instead of being read until memory runs out.
#[test]
fn endless_files_are_refused_at_the_size_cap() {
    for endless in ["/dev/zero", "/dev/urandom"] {
        let outcome = check(Path::new(endless));
        assert_eq!(outcome.code, 2, "{endless}: {}", outcome.stderr);
        assert!(
            outcome.stderr.contains("-byte limit"),
            "{endless}: {}",
            outcome.stderr
        );
    }
}
