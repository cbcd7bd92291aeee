//! The `cloudsketch` binary: parses arguments, then runs a headless command or opens the
//! editor.

use std::process::ExitCode;

use clap::Parser as _;
use cloudsketch::cli::{self, Cli};

fn main() -> ExitCode {
    let started = std::time::Instant::now();
    let args = Cli::parse();
    match args.command {
        Some(command) => cli::run(command),
        None => open_editor(args.file, args.startup_report.then_some(started)),
    }
}

#[cfg(feature = "gui")]
fn open_editor(file: Option<std::path::PathBuf>, report: Option<std::time::Instant>) -> ExitCode {
    match cloudsketch::app::run_native(file, report) {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("cloudsketch: {err:#}");
            ExitCode::from(cli::EXIT_ERROR)
        }
    }
}

#[cfg(not(feature = "gui"))]
fn open_editor(_file: Option<std::path::PathBuf>, _report: Option<std::time::Instant>) -> ExitCode {
    eprintln!(
        "cloudsketch was built without the editor (feature `gui`); use a command such as `cloudsketch check FILE`, or see `cloudsketch --help`"
    );
    ExitCode::from(cli::EXIT_ERROR)
}
