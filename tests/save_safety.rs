//! Saving never damages the previous file: a process killed with SIGKILL at any moment of
//! a save leaves the target holding the complete old or the complete new content.

#![allow(clippy::unwrap_used, clippy::expect_used)]
#![cfg(unix)]

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Instant;

fn generate(components: usize, out: &Path) -> std::process::Child {
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

#[test]
fn sigkill_during_save_never_damages_the_target() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("large.ron");
    let reference = |n: usize| {
        let path = dir.path().join(format!("reference-{n}.ron"));
        assert!(generate(n, &path).wait().unwrap().success());
        std::fs::read(&path).unwrap()
    };
    let small = reference(1_500);
    let large = reference(3_000);
    assert_ne!(small, large);

    // How long one save takes here, so the kills land all over it.
    std::fs::write(&target, &small).unwrap();
    let start = Instant::now();
    assert!(generate(3_000, &target).wait().unwrap().success());
    let full = start.elapsed();

    let mut rng = Lcg(0x5eed);
    let mut killed_mid_way = 0;
    for round in 0..120 {
        let next = if round % 2 == 0 { 1_500 } else { 3_000 };
        let mut child = generate(next, &target);
        let delay = full.mul_f64(rng.next_fraction() * 1.2);
        std::thread::sleep(delay);
        if child.try_wait().unwrap().is_none() {
            killed_mid_way += 1;
        }
        child.kill().ok();
        child.wait().unwrap();
        let now = std::fs::read(&target).expect("target must still exist");
        assert!(
            now == small || now == large,
            "round {round}: target damaged after a kill at {delay:?} ({} bytes)",
            now.len()
        );
    }
    assert!(
        killed_mid_way > 20,
        "only {killed_mid_way} kills landed while saving"
    );
}

/// What an interrupted save of a diagram left next to it is cleaned up when the diagram is
/// opened again; other files, other diagrams' temporaries and a save going on are spared.
#[test]
fn stray_temporary_files_of_a_diagram_are_removed_and_nothing_else() {
    use cloudsketch::io::save::{TEMP_SUFFIX, remove_stray_temps_of};
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
