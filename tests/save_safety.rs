//! Saving never damages the previous file: a process killed with SIGKILL at any moment of
//! a save leaves the target holding the complete old or the complete new content, byte
//! for byte.
//!
//! One harness ([`kill_rounds`]) spawns a saver, kills it at a random moment and compares
//! the target with the two versions it may hold. It runs against:
//! - the real binary, `cloudsketch generate`, which builds a large diagram and saves it
//!   100 times (most of its time goes into building, so half of its kills wait for the
//!   save's temporary file to appear and land inside the save);
//! - a loop of atomic writes of two large versions (this test binary re-executed as the
//!   child, calling the library's `write_atomically`, the write behind every save), so
//!   200 kills take seconds instead of minutes and nearly all land mid-save;
//! - the same loop with a naive truncate-and-write (`std::fs::write`), which the harness
//!   must catch: the proof that the test has teeth.

#![allow(clippy::unwrap_used, clippy::expect_used)]
#![cfg(unix)]

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use cloudsketch::io::save::TEMP_SUFFIX;

/// Set in the child: which saver the loop uses (`atomic` or `naive`).
const CHILD_MODE: &str = "CLOUDSKETCH_SAVE_LOOP";
/// Set in the child: target, first version, second version.
const CHILD_FILES: &str = "CLOUDSKETCH_SAVE_LOOP_FILES";

fn generate(components: usize, out: &Path) -> Child {
    Command::new(env!("CARGO_BIN_EXE_cloudsketch"))
        .args(["generate", "-n", &components.to_string(), "-o"])
        .arg(out)
        .stderr(Stdio::null())
        .spawn()
        .expect("spawn cloudsketch")
}

/// A small deterministic pseudo-random sequence (no extra dependency, reproducible runs).
struct Lcg(u64);

impl Lcg {
    fn next_fraction(&mut self) -> f64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (self.0 >> 11) as f64 / (1u64 << 53) as f64
    }
}

/// What [`kill_rounds`] saw.
#[derive(Debug, Default)]
struct KillReport {
    /// Rounds after which the target was neither version, with its length then.
    damaged: Vec<(usize, usize)>,
    /// Kills that left a save's temporary file behind: they landed inside a save.
    mid_save: usize,
    /// Kills of a process still running.
    killed_running: usize,
}

/// Temporary files of saves in `dir`; removes them and returns how many there were.
fn remove_temps(dir: &Path) -> usize {
    let mut n = 0;
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.to_string_lossy().ends_with(TEMP_SUFFIX) {
            std::fs::remove_file(&path).unwrap();
            n += 1;
        }
    }
    n
}

fn has_temp(dir: &Path) -> bool {
    std::fs::read_dir(dir)
        .unwrap()
        .any(|e| e.unwrap().path().to_string_lossy().ends_with(TEMP_SUFFIX))
}

/// How a round picks its moment to kill.
#[derive(Clone, Copy)]
enum Moment {
    /// Uniformly within this long after the spawn.
    Within(Duration),
    /// Once a save's temporary file exists, uniformly within this long after that.
    InSave(Duration),
}

/// `rounds` times: spawns a saver with `spawn(round)`, kills it (SIGKILL) at a random
/// moment chosen by `moment(round)`, then checks that `target` holds exactly one of
/// `versions`. Stops early at the first damage when `stop_at_damage`.
fn kill_rounds(
    target: &Path,
    versions: [&[u8]; 2],
    rounds: usize,
    stop_at_damage: bool,
    mut spawn: impl FnMut(usize) -> Child,
    moment: impl Fn(usize) -> Moment,
) -> KillReport {
    let dir = target.parent().unwrap();
    let mut rng = Lcg(0x5eed);
    let mut report = KillReport::default();
    for round in 0..rounds {
        let mut child = spawn(round);
        let start = Instant::now();
        match moment(round) {
            Moment::Within(span) => std::thread::sleep(span.mul_f64(rng.next_fraction())),
            Moment::InSave(span) => {
                while !has_temp(dir)
                    && child.try_wait().unwrap().is_none()
                    && start.elapsed() < Duration::from_secs(30)
                {
                    std::thread::sleep(Duration::from_micros(200));
                }
                std::thread::sleep(span.mul_f64(rng.next_fraction()));
            }
        }
        if child.try_wait().unwrap().is_none() {
            report.killed_running += 1;
        }
        child.kill().ok();
        child.wait().unwrap();
        if remove_temps(dir) > 0 {
            report.mid_save += 1;
        }
        let now = std::fs::read(target).unwrap_or_default();
        if now != versions[0] && now != versions[1] {
            report.damaged.push((round, now.len()));
            if stop_at_damage {
                break;
            }
        }
    }
    report
}

/// Two large versions of a diagram from the real generator, and the target holding the
/// first.
fn large_versions(dir: &Path) -> (PathBuf, Vec<u8>, Vec<u8>) {
    let reference = |n: usize| {
        let path = dir.join(format!("reference-{n}.ron"));
        assert!(generate(n, &path).wait().unwrap().success());
        std::fs::read(&path).unwrap()
    };
    let small = reference(1_500);
    let large = reference(3_000);
    assert_ne!(small, large);
    let target = dir.join("large.ron");
    std::fs::write(&target, &small).unwrap();
    (target, small, large)
}

/// The kill tests run one at a time: each times processes, and two at once on a small
/// machine skew each other's timing.
static KILL_TESTS: std::sync::Mutex<()> = std::sync::Mutex::new(());

fn one_kill_test_at_a_time() -> std::sync::MutexGuard<'static, ()> {
    KILL_TESTS
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}

#[test]
fn sigkill_of_the_binary_during_save_never_damages_the_target() {
    let _serial = one_kill_test_at_a_time();
    let dir = tempfile::tempdir().unwrap();
    let (target, small, large) = large_versions(dir.path());
    // How long one run and its save take here, so the kills land all over them.
    let start = Instant::now();
    let mut child = generate(3_000, &target);
    while !has_temp(dir.path()) && child.try_wait().unwrap().is_none() {
        std::thread::sleep(Duration::from_micros(200));
    }
    let until_save = start.elapsed();
    child.wait().unwrap();
    let full = start.elapsed();
    let save = full
        .saturating_sub(until_save)
        .max(Duration::from_millis(5));

    // Batches of 100 kills until at least 10 of them landed inside a save (on a loaded
    // machine the process's timing varies, so one batch may land fewer there).
    let mut report = KillReport::default();
    for batch in 0..5 {
        let more = kill_rounds(
            &target,
            [&small, &large],
            100,
            false,
            |round| generate(if round % 2 == 0 { 1_500 } else { 3_000 }, &target),
            |round| {
                if round % 2 == 0 {
                    Moment::Within(full.mul_f64(1.2))
                } else {
                    // Early in the save, where the write and fsync are; the rest is the
                    // rename and the process ending.
                    Moment::InSave(save.mul_f64(0.6))
                }
            },
        );
        report.damaged.extend(
            more.damaged
                .into_iter()
                .map(|(round, len)| (batch * 100 + round, len)),
        );
        report.mid_save += more.mid_save;
        report.killed_running += more.killed_running;
        if report.mid_save >= 10 || !report.damaged.is_empty() {
            break;
        }
    }
    assert!(report.damaged.is_empty(), "damaged: {report:?}");
    // The loop test below aims hundreds of kills inside saves; here, on a busy machine,
    // the real binary's short save is sometimes hard to hit, so a few are enough.
    assert!(
        report.mid_save >= 3,
        "too few kills landed inside a save: {report:?}"
    );
    eprintln!("binary: {report:?}, run {full:?}, save {save:?}");
}

/// When this test binary is the child of [`save_loop`]: saves the two versions over the
/// target in turn until killed.
fn run_save_loop_child() {
    let Ok(mode) = std::env::var(CHILD_MODE) else {
        return;
    };
    let files = std::env::var(CHILD_FILES).unwrap();
    let files: Vec<&str> = files.split('\n').collect();
    let (target, a, b) = (
        Path::new(files[0]),
        std::fs::read(files[1]).unwrap(),
        std::fs::read(files[2]).unwrap(),
    );
    loop {
        for bytes in [&a, &b] {
            match mode.as_str() {
                "atomic" => cloudsketch::io::save::write_atomically(target, bytes).unwrap(),
                "naive" => std::fs::write(target, bytes).unwrap(),
                other => panic!("unknown mode {other}"),
            }
        }
    }
}

/// Runs `kill_rounds` against this test binary re-executed as a saving loop in `mode`.
fn save_loop(mode: &str, test_name: &str, rounds: usize, stop_at_damage: bool) -> KillReport {
    let dir = tempfile::tempdir().unwrap();
    let (target, small, large) = large_versions(dir.path());
    let (a, b) = (dir.path().join("a.ron"), dir.path().join("b.ron"));
    std::fs::write(&a, &small).unwrap();
    std::fs::write(&b, &large).unwrap();
    let files = format!("{}\n{}\n{}", target.display(), a.display(), b.display());
    let exe = std::env::current_exe().unwrap();
    let spawn = |_| {
        Command::new(&exe)
            .args([test_name, "--exact", "--test-threads", "1"])
            .env(CHILD_MODE, mode)
            .env(CHILD_FILES, &files)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap()
    };
    let report = kill_rounds(
        &target,
        [&small, &large],
        rounds,
        stop_at_damage,
        spawn,
        |_| Moment::Within(Duration::from_millis(120)),
    );
    eprintln!("{mode} loop: {report:?}");
    report
}

#[test]
fn sigkill_during_a_loop_of_saves_never_damages_the_target() {
    run_save_loop_child();
    let _serial = one_kill_test_at_a_time();
    let report = save_loop(
        "atomic",
        "sigkill_during_a_loop_of_saves_never_damages_the_target",
        200,
        false,
    );
    assert!(report.damaged.is_empty(), "damaged: {report:?}");
    assert!(report.killed_running >= 190, "{report:?}");
    assert!(
        report.mid_save >= 50,
        "too few kills inside a save: {report:?}"
    );
}

/// The harness above has teeth: a naive truncate-and-write save, killed the same way,
/// is caught leaving a torn file.
#[test]
fn the_kill_harness_catches_a_naive_truncate_and_write_save() {
    run_save_loop_child();
    let _serial = one_kill_test_at_a_time();
    let report = save_loop(
        "naive",
        "the_kill_harness_catches_a_naive_truncate_and_write_save",
        200,
        true,
    );
    assert!(
        !report.damaged.is_empty(),
        "200 kills of a naive save found no torn file: {report:?}"
    );
}

/// What an interrupted save of a diagram left next to it is cleaned up when the diagram is
/// opened again; other files, other diagrams' temporaries and a save going on are spared.
#[test]
fn stray_temporary_files_of_a_diagram_are_removed_and_nothing_else() {
    use cloudsketch::io::save::remove_stray_temps_of;
    let dir = tempfile::tempdir().unwrap();
    let touch = |name: &str, age_secs: u64| {
        let path = dir.path().join(name);
        let file = std::fs::File::create(&path).unwrap();
        let when = std::time::SystemTime::now() - std::time::Duration::from_secs(age_secs);
        file.set_modified(when).unwrap();
        path
    };
    let diagram = touch("shop.ron", 3_600);
    let stray = touch(&format!(".shop.ron.a1b2c3{TEMP_SUFFIX}"), 3_600);
    let in_progress = touch(&format!(".shop.ron.d4e5f6{TEMP_SUFFIX}"), 0);
    let other_diagram = touch(&format!(".other.ron.a1b2c3{TEMP_SUFFIX}"), 3_600);
    let unrelated = touch(".shop.ron.notes", 3_600);
    assert_eq!(remove_stray_temps_of(&diagram), 1);
    assert!(!stray.exists());
    for kept in [&diagram, &in_progress, &other_diagram, &unrelated] {
        assert!(kept.exists(), "{} was removed", kept.display());
    }
}
