//! `cloudsketch check FILE…`: loads each file and reports whether it is a valid diagram.
//!
//! Until the rules engine lands this validates only (parse errors and broken invariants);
//! it does not claim to lint.

use std::path::PathBuf;

use clap::Args;
use serde::Serialize;

use super::{EXIT_ERROR, EXIT_OK, OutputFormat, print_out};
use crate::io;

/// Arguments of `check`.
#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Diagram files to check.
    #[arg(required = true)]
    pub files: Vec<PathBuf>,

    /// Output format.
    #[arg(long, value_enum, default_value_t = OutputFormat::Human)]
    pub format: OutputFormat,
}

/// The outcome for one file.
#[derive(Debug, Serialize)]
struct FileResult {
    path: String,
    valid: bool,
    components: usize,
    links: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    error: Option<ErrorReport>,
}

#[derive(Debug, Serialize)]
struct ErrorReport {
    line: Option<usize>,
    column: Option<usize>,
    message: String,
}

/// Runs `check`; returns the exit code.
pub fn run(args: &CheckArgs) -> u8 {
    let results: Vec<FileResult> = args.files.iter().map(|path| check_file(path)).collect();
    let failed = results.iter().any(|r| !r.valid);
    match args.format {
        OutputFormat::Human => {
            let mut out = String::new();
            for r in &results {
                if r.valid {
                    out.push_str(&format!(
                        "{}: valid ({}, {})\n",
                        r.path,
                        plural(r.components, "component"),
                        plural(r.links, "link")
                    ));
                }
            }
            print_out(&out);
            for r in &results {
                if let Some(err) = &r.error {
                    eprintln!("{}", err.message);
                }
            }
        }
        OutputFormat::Json => {
            let json = serde_json::to_string_pretty(&results).unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}"));
            print_out(&format!("{json}\n"));
        }
    }
    if failed { EXIT_ERROR } else { EXIT_OK }
}

fn check_file(path: &std::path::Path) -> FileResult {
    let display = path.display().to_string();
    match io::load_path(path) {
        Ok(diagram) => FileResult {
            path: display,
            valid: true,
            components: diagram.component_count(),
            links: diagram.link_count(),
            error: None,
        },
        Err(err) => {
            let position = err.position();
            FileResult {
                path: display,
                valid: false,
                components: 0,
                links: 0,
                error: Some(ErrorReport {
                    line: position.map(|p| p.0),
                    column: position.map(|p| p.1),
                    message: err.to_string(),
                }),
            }
        }
    }
}

fn plural(n: usize, noun: &str) -> String {
    if n == 1 { format!("1 {noun}") } else { format!("{n} {noun}s") }
}
