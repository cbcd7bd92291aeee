//! Every kind of bad diagram file gives its own clear, positioned error through the real
//! binary, exits 2 and never panics.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::{Path, PathBuf};
use std::process::Command;

fn check(path: &Path) -> (i32, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_cloudsketch"))
        .arg("check")
        .arg(path)
        .output()
        .expect("run cloudsketch");
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(
        !stderr.contains("panicked"),
        "{}: panic: {stderr}",
        path.display()
    );
    (out.status.code().unwrap_or(-1), stderr)
}

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/io")
        .join(name)
}

/// Asserts `check` exits 2 with `file:line:col: ` followed by a message containing `phrase`.
fn assert_positioned(path: &Path, line: usize, phrase: &str) {
    let (code, stderr) = check(path);
    assert_eq!(code, 2, "{}: {stderr}", path.display());
    let prefix = format!("{}:{line}:", path.display());
    assert!(
        stderr.starts_with(&prefix),
        "expected {prefix}…, got {stderr}"
    );
    let after = &stderr[prefix.len()..];
    let (column, message) = after.split_once(": ").expect("column then message");
    assert!(column.parse::<usize>().is_ok(), "no column in {stderr}");
    assert!(
        message.contains(phrase),
        "{}: expected {phrase:?} in {message}",
        path.display()
    );
}

#[test]
fn empty_file() {
    assert_positioned(&fixture("empty.ron"), 1, "the file is empty");
}

#[test]
fn truncated_file() {
    assert_positioned(&fixture("truncated.ron"), 5, "truncated");
}

#[test]
fn garbage_after_the_end() {
    assert_positioned(&fixture("trailing_garbage.ron"), 6, "text after the end");
}

#[test]
fn unknown_field_lists_expected_names() {
    assert_positioned(&fixture("unknown_field.ron"), 5, "`colour`");
    assert_positioned(&fixture("unknown_field.ron"), 5, "`settings`");
    assert_positioned(
        &fixture("unknown_setting.ron"),
        5,
        "`visibility_timeout_secs`",
    );
}

#[test]
fn errors_say_what_to_do() {
    assert_positioned(&fixture("misspelt_kind.ron"), 5, "did you mean `Ec2`?");
    assert_positioned(
        &fixture("unknown_setting.ron"),
        5,
        "did you mean `visibility_timeout_secs`?",
    );
    assert_positioned(&fixture("missing_comma.ron"), 5, "put a comma after");
    assert_positioned(
        &fixture("not_a_diagram.ron"),
        1,
        "is this a cloudsketch diagram?",
    );
    let missing = fixture("no_such_file.ron");
    let (code, stderr) = check(&missing);
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("check the path"), "{stderr}");
}

#[test]
fn unknown_kind_lists_kinds() {
    assert_positioned(&fixture("unknown_kind.ron"), 5, "`Kafka`");
    assert_positioned(&fixture("unknown_kind.ron"), 5, "`Sqs`");
}

#[test]
fn dangling_link() {
    assert_positioned(
        &fixture("dangling_link.ron"),
        8,
        "no component `orders-queue`",
    );
}

/// An id spelt close to one in the file gets the likely one named.
#[test]
fn a_misspelt_id_gets_a_did_you_mean() {
    assert_positioned(
        &fixture("misspelt_link_end.ron"),
        9,
        "no component `orders-queu`; did you mean `orders-queue`?",
    );
    assert_positioned(
        &fixture("misspelt_parent.ron"),
        5,
        "no component `regoin`; did you mean `region`?",
    );
}

/// A string left open on its line points at its opening quote, not at where the parser
/// stumbles a line later.
#[test]
fn an_unclosed_string_points_at_its_opening_quote() {
    assert_positioned(
        &fixture("unclosed_string.ron"),
        3,
        "this string is not closed on its line",
    );
    let (_, stderr) = check(&fixture("unclosed_string.ron"));
    assert!(stderr.contains(":3:12: "), "{stderr}");
}

#[test]
fn duplicate_id_points_at_the_second() {
    assert_positioned(
        &fixture("duplicate_id.ron"),
        6,
        "two components have the id `queue`",
    );
}

#[test]
fn containment_cycle() {
    assert_positioned(&fixture("containment_cycle.ron"), 6, "containment cycle");
}

#[test]
fn newer_version_is_refused_by_name() {
    assert_positioned(
        &fixture("newer_version.ron"),
        2,
        "saved by a newer cloudsketch",
    );
}

#[test]
fn missing_version() {
    assert_positioned(&fixture("missing_version.ron"), 5, "format_version: 1");
}

#[test]
fn nan_position() {
    assert_positioned(&fixture("nan_position.ron"), 5, "invalid position");
}

#[test]
fn impossible_nesting_and_links() {
    assert_positioned(&fixture("invalid_nesting.ron"), 7, "regional service");
    assert_positioned(
        &fixture("link_not_allowed.ron"),
        9,
        "a consume link cannot go from S3 bucket",
    );
}

#[test]
fn not_text_and_control_characters() {
    assert_positioned(&fixture("not_utf8.ron"), 4, "not UTF-8");
    assert_positioned(&fixture("control_char_id.ron"), 4, "contains '\\u{7}'");
}

#[test]
fn nesting_bombs() {
    let dir = tempfile::tempdir().unwrap();
    for (name, text) in [
        ("parens.ron", "(".repeat(10_000)),
        ("brackets.ron", "[".repeat(10_000)),
        (
            "in_list.ron",
            format!("(format_version: 1, components: [{}", "(".repeat(10_000)),
        ),
        (
            "in_unknown_field.ron",
            format!("(format_version: 1, extra: {}", "[".repeat(10_000)),
        ),
        (
            "in_lint.ron",
            format!("(format_version: 1, lint: (select: {}", "[".repeat(10_000)),
        ),
    ] {
        let path = dir.path().join(name);
        std::fs::write(&path, text).unwrap();
        assert_positioned(&path, 1, "");
    }
}

#[test]
fn over_the_size_cap() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("huge.ron");
    let file = std::fs::File::create(&path).unwrap();
    file.set_len(cloudsketch::io::MAX_FILE_BYTES + 1).unwrap();
    let (code, stderr) = check(&path);
    assert_eq!(code, 2);
    assert!(
        stderr.contains("more than the 33554432-byte limit"),
        "{stderr}"
    );
}

#[test]
fn missing_file() {
    let (code, stderr) = check(Path::new("/nonexistent/diagram.ron"));
    assert_eq!(code, 2);
    assert!(
        stderr.starts_with("/nonexistent/diagram.ron: cannot read the file"),
        "{stderr}"
    );
}

/// A named pipe in `dir`, and a watchdog that opens it for writing after a while, so a
/// reader that wrongly waits on it is released (and its test fails) instead of hanging.
#[cfg(unix)]
pub fn fifo_with_watchdog(dir: &Path) -> PathBuf {
    let fifo = dir.join("pipe.ron");
    let made = Command::new("mkfifo").arg(&fifo).status().expect("mkfifo");
    assert!(made.success());
    let watched = fifo.clone();
    std::thread::spawn(move || {
        std::thread::sleep(std::time::Duration::from_secs(20));
        if let Ok(mut writer) = std::fs::OpenOptions::new().write(true).open(&watched) {
            std::io::Write::write_all(&mut writer, b"(not a diagram").ok();
        }
    });
    fifo
}

#[cfg(unix)]
#[test]
fn the_editor_refuses_a_named_pipe_instead_of_waiting_for_a_writer() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = fifo_with_watchdog(dir.path());
    let err = cloudsketch::io::load_for_editor(&fifo)
        .unwrap_err()
        .to_string();
    assert!(
        err.contains("pipe.ron") && err.contains("named pipe"),
        "{err}"
    );
    // Devices are refused too; plain files and missing files go on to the usual errors.
    let err = cloudsketch::io::load_for_editor(Path::new("/dev/null")).unwrap_err();
    assert!(err.to_string().contains("a device"), "{err}");
    let missing = cloudsketch::io::load_for_editor(&dir.path().join("missing.ron"));
    assert!(
        missing
            .unwrap_err()
            .to_string()
            .contains("cannot read the file")
    );
}

#[cfg(all(unix, feature = "gui"))]
#[test]
fn opening_or_importing_a_named_pipe_in_the_editor_says_why_and_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = fifo_with_watchdog(dir.path());
    let sample = cloudsketch::io::samples::by_name("serverless_api").unwrap();
    let diagram = cloudsketch::io::load_str(sample.text, Path::new("serverless_api.ron")).unwrap();
    let mut app = cloudsketch::app::DiagramApp::with_diagram(diagram.clone());
    app.open_path(&fifo);
    app.import_paths(std::slice::from_ref(&fifo));
    assert_eq!(app.diagram(), &diagram, "the open diagram is unchanged");
    let errors: Vec<&str> = app
        .notifications
        .items()
        .iter()
        .map(|n| n.text.as_str())
        .filter(|text| text.contains("named pipe"))
        .collect();
    assert_eq!(errors.len(), 2, "{errors:?}");
    assert!(errors[0].starts_with("Could not open"), "{errors:?}");
    assert!(errors[1].starts_with("Could not import"), "{errors:?}");
}

#[test]
fn settings_aws_would_refuse_point_at_their_component() {
    let sample = include_str!("../samples/three_tier_resilient.ron");
    let dir = tempfile::tempdir().unwrap();
    for (name, from, to, line, phrase) in [
        (
            "min_above_max.ron",
            "settings: (min: 2, max: 6, desired: 2",
            "settings: (min: 10, max: 6, desired: 2",
            76,
            "min = 10; an Auto Scaling group's minimum cannot be above its maximum",
        ),
        (
            "desired_outside.ron",
            "settings: (min: 2, max: 6, desired: 2",
            "settings: (min: 2, max: 6, desired: 9",
            76,
            "desired = 9",
        ),
        (
            "retention.ron",
            "backup_retention_days: 7",
            "backup_retention_days: 99",
            72,
            "RDS keeps automated backups for 0 (off) to 35 days",
        ),
    ] {
        assert!(sample.contains(from), "{name}: the sample changed");
        let path = dir.path().join(name);
        std::fs::write(&path, sample.replacen(from, to, 1)).unwrap();
        assert_positioned(&path, line, phrase);
    }
}
