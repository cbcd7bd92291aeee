//! `cloudsketch check FILE…`: loads each diagram (or imports each CloudFormation template or
//! Terraform JSON on the fly), lints it and prints the findings; the exit code gates pull
//! requests.

use std::path::PathBuf;

use clap::Args;

use super::report::{self, FileReport};
use super::{EXIT_ERROR, EXIT_FINDINGS, EXIT_OK, ReportFormat, print_out};
use crate::export::{self, ExportOptions};
use crate::io::{self, import, locate::SourceMap};
use crate::model::Severity;
use crate::rules::{self, LintConfig};

/// Arguments of `check`.
#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Diagram files to check; CloudFormation templates and Terraform JSON are imported first.
    #[arg(required = true)]
    pub files: Vec<PathBuf>,

    /// Output format, written to stdout (`--format html > report.html`).
    #[arg(long, value_enum, default_value_t = ReportFormat::Human)]
    pub format: ReportFormat,

    /// Exit with 1 when a finding at or above this severity is not accepted.
    #[arg(long, value_enum, default_value_t = SeverityArg::High)]
    pub fail_on: SeverityArg,

    /// Run only these rules (ids, names or families such as SPOF), comma-separated.
    #[arg(long, value_delimiter = ',')]
    pub select: Vec<String>,

    /// Skip these rules (ids, names or families), comma-separated.
    #[arg(long, value_delimiter = ',')]
    pub ignore: Vec<String>,
}

/// Severity as a command-line value.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum SeverityArg {
    /// Any finding.
    Info,
    /// Low and above.
    Low,
    /// Medium and above.
    Medium,
    /// High and above.
    High,
    /// Critical only.
    Critical,
}

impl From<SeverityArg> for Severity {
    fn from(arg: SeverityArg) -> Severity {
        match arg {
            SeverityArg::Info => Severity::Info,
            SeverityArg::Low => Severity::Low,
            SeverityArg::Medium => Severity::Medium,
            SeverityArg::High => Severity::High,
            SeverityArg::Critical => Severity::Critical,
        }
    }
}

/// A CloudFormation template or Terraform JSON rather than a diagram: by its extension
/// (`.yaml`, `.yml`, `.json`, `.template`), or, for other names, by content that is not RON
/// (a diagram starts with `(` after its comments).
fn is_template(path: &std::path::Path, bytes: &[u8]) -> bool {
    if import::has_template_extension(path) {
        return true;
    }
    if path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("ron"))
    {
        return false;
    }
    let text = String::from_utf8_lossy(bytes);
    let first = text
        .lines()
        .map(str::trim)
        .find(|l| !l.is_empty() && !l.starts_with("//"));
    first.is_some_and(|l| !l.starts_with('('))
}

/// Runs `check`; returns the exit code.
pub fn run(args: &CheckArgs) -> u8 {
    let mut reports = Vec::new();
    let mut failed_to_load = false;
    for path in &args.files {
        let text = match io::load::read_capped(path) {
            Ok(bytes) => bytes,
            Err(err) => {
                eprintln!("{err}");
                failed_to_load = true;
                continue;
            }
        };
        let (diagram, sources) = if is_template(path, &text) {
            match import::import_bytes(&text, path) {
                Ok(imported) => {
                    for warning in &imported.warnings {
                        eprintln!("{warning}");
                    }
                    let sources = imported.source_map(path);
                    (imported.diagram, sources)
                }
                Err(err) => {
                    eprintln!("{err}");
                    failed_to_load = true;
                    continue;
                }
            }
        } else {
            match io::load_bytes(&text, path) {
                Ok(diagram) => (diagram, SourceMap::new(&String::from_utf8_lossy(&text))),
                Err(err) => {
                    eprintln!("{err}");
                    failed_to_load = true;
                    continue;
                }
            }
        };
        let mut config = LintConfig::from_settings(&diagram.info.lint);
        if !args.select.is_empty() {
            config.select.clone_from(&args.select);
        }
        config.ignore.extend(args.ignore.iter().cloned());
        let report = rules::lint(&diagram, &config);
        reports.push(FileReport {
            path: path.clone(),
            diagram,
            report,
            sources,
        });
    }
    let text = match args.format {
        ReportFormat::Human => report::human(&reports),
        ReportFormat::Json => report::json(&reports),
        ReportFormat::Sarif => report::sarif(&reports),
        ReportFormat::Markdown => report::markdown(&reports),
        ReportFormat::Html => {
            let mut pictures = 0;
            report::html(&reports, |file| {
                pictures += 1;
                let options = ExportOptions {
                    id_prefix: format!("d{pictures}-"),
                    ..ExportOptions::default()
                };
                Some(export::to_svg(&file.diagram, Some(&file.report), &options))
            })
        }
    };
    print_out(&text);
    let threshold = Severity::from(args.fail_on);
    if failed_to_load {
        EXIT_ERROR
    } else if reports
        .iter()
        .any(|r| r.report.active().any(|f| f.severity >= threshold))
    {
        EXIT_FINDINGS
    } else {
        EXIT_OK
    }
}
