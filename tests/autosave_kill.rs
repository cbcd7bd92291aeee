//! No lost work (issue 11): the editor killed with SIGKILL at a random moment while the
//! user keeps editing gives back, on the next start, every edit made at least 2 s before
//! the kill.
//!
//! The editor runs headless: this test binary re-executes itself as the child, which
//! drives the real `DiagramApp` through `egui_kittest` in real time (frames fed the wall
//! clock), autosaving into a temporary folder, and adds a component every 150 ms through
//! the app's command queue, printing a line per edit applied. The parent notes when each
//! line arrives (never earlier than the edit), kills the child, then starts a fresh
//! editor on the same folder, answers "Restore" and checks the components.
//! Edits come faster than any "quiet for a while" delay, so an autosave that waits for
//! the user to pause would lose them all.

#![cfg(feature = "gui")]
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::io::BufRead as _;
use std::path::Path;
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use cloudsketch::app::DiagramApp;
use cloudsketch::app::autosave::Autosave;
use cloudsketch::app::command::AppCommand;
use cloudsketch::model::{Component, ComponentId, Diagram, Edit, Kind, Point};
use egui_kittest::kittest::Queryable as _;

/// Set in the child: the autosave folder.
const CHILD_DIR: &str = "CLOUDSKETCH_AUTOSAVE_CHILD";

const TEST_NAME: &str = "edits_made_2_s_before_a_kill_are_restored";

/// Edits older than this at the kill must come back.
const GUARANTEE: Duration = Duration::from_secs(2);

fn edit_id(n: usize) -> String {
    format!("edit-{n}")
}

/// The child: edits every 150 ms and runs frames on the wall clock until killed.
fn run_child(dir: &Path) -> ! {
    let mut app = DiagramApp::with_diagram(Diagram::new());
    app.autosave = Autosave::in_dir(dir.to_path_buf());
    let mut harness = common::harness_sized(app, 1000.0, 700.0);
    let start = Instant::now();
    let mut next_edit = start;
    let mut n = 0;
    let mut stdout = std::io::stdout();
    loop {
        let edited = Instant::now() >= next_edit;
        if edited {
            n += 1;
            next_edit += Duration::from_millis(150);
            #[allow(clippy::cast_precision_loss)]
            let at = Point::new(120.0 * (n % 20) as f32, 100.0 * (n / 20) as f32);
            let component = Component::new(
                ComponentId::new(edit_id(n)).unwrap(),
                Kind::Users,
                format!("Edit {n}"),
                at,
            );
            harness.state_mut().push(AppCommand::Apply {
                label: format!("Add edit {n}"),
                edit: Edit::AddComponent(Box::new(component)),
                select: None,
            });
        }
        harness.input_mut().time = Some(start.elapsed().as_secs_f64());
        harness.step();
        if edited {
            assert!(
                harness
                    .state()
                    .diagram()
                    .component_by_str(&edit_id(n))
                    .is_some()
            );
            std::io::Write::write_all(&mut stdout, format!("edit {n}\n").as_bytes()).unwrap();
            std::io::Write::flush(&mut stdout).unwrap();
        }
        std::thread::sleep(Duration::from_millis(10));
    }
}

/// One round: returns (edits that had to come back, edits restored).
fn round(kill_after: Duration) -> (usize, usize) {
    let dir = tempfile::tempdir().unwrap();
    let mut child = Command::new(std::env::current_exe().unwrap())
        .args([TEST_NAME, "--exact", "--nocapture", "--test-threads", "1"])
        .env(CHILD_DIR, dir.path())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let stdout = child.stdout.take().unwrap();
    let (send, receive) = mpsc::channel();
    std::thread::spawn(move || {
        for line in std::io::BufReader::new(stdout).lines() {
            let Ok(line) = line else { break };
            if let Some(n) = line.strip_prefix("edit ") {
                let n: usize = n.parse().unwrap();
                if send.send((n, Instant::now())).is_err() {
                    break;
                }
            }
        }
    });
    let first = receive
        .recv_timeout(Duration::from_secs(60))
        .expect("the child edits");
    std::thread::sleep(kill_after);
    child.kill().unwrap();
    let killed_at = Instant::now();
    child.wait().unwrap();
    let mut edits = vec![first];
    edits.extend(receive.try_iter());
    let must_restore = edits
        .iter()
        .filter(|(_, at)| killed_at.duration_since(*at) >= GUARANTEE)
        .map(|(n, _)| *n)
        .max()
        .unwrap_or(0);

    // The next start, on the same folder.
    let mut app = DiagramApp::with_diagram(Diagram::new());
    app.autosave = Autosave::in_dir(dir.path().to_path_buf());
    let mut harness = common::harness_sized(app, 1000.0, 700.0);
    // No question means nothing was autosaved.
    let Some(restore) = harness.query_by_label("Restore") else {
        return (must_restore, 0);
    };
    restore.click();
    harness.run();
    let diagram = harness.state().diagram();
    let restored = (1..)
        .take_while(|n| diagram.component_by_str(&edit_id(*n)).is_some())
        .count();
    // Exactly a prefix of the edits: nothing torn, nothing out of order.
    assert_eq!(
        diagram.component_count(),
        restored,
        "restored components are not edits 1..={restored}"
    );
    (must_restore, restored)
}

#[test]
fn edits_made_2_s_before_a_kill_are_restored() {
    if let Some(dir) = std::env::var_os(CHILD_DIR) {
        run_child(Path::new(&dir));
    }
    // Three moments between 2.8 s and 5 s after the first edit, from a fixed seed (the
    // seconds since the Unix epoch would make each run different but not repeatable).
    let mut seed: u64 = 0x5eed_a5a5;
    for _ in 0..3 {
        seed = seed
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        let kill_after = 2_800 + (seed >> 33) % 2_200;
        let (must, restored) = round(Duration::from_millis(kill_after));
        eprintln!(
            "killed {kill_after} ms after the first edit: {restored} restored, {must} required"
        );
        assert!(must >= 3, "too few edits before the kill: {must}");
        assert!(
            restored >= must,
            "killed {kill_after} ms after the first edit: only {restored} edits restored, {must} were made at least 2 s before the kill"
        );
    }
}
