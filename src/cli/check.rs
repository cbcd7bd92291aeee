//! `cloudsketch check FILE…`: loads and lints each diagram, imports the CloudFormation
//! templates and Terraform JSON among the files together (one architecture, as `import`
//! makes it) and lints that, then prints the findings per file; the exit code gates pull
//! requests.

use std::path::PathBuf;

use clap::Args;

use super::report::{self, FileReport, ImportedWith};
use super::{EXIT_ERROR, EXIT_FINDINGS, EXIT_OK, ReportFormat, print_out};
use crate::export::{self, ExportOptions};
use crate::io::{self, import, locate::SourceMap};
use crate::model::Severity;
use crate::rules::{self, LintConfig};

/// Arguments of `check`.
#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Diagram files to check; CloudFormation templates and Terraform JSON are imported
    /// first, all of them together (stacks that import each other's exports resolve).
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
    // Reports by the position of their file among the arguments.
    let mut reports: Vec<(usize, FileReport)> = Vec::new();
    let mut templates: Vec<(usize, PathBuf, Vec<u8>)> = Vec::new();
    let mut failed_to_load = false;
    for (position, path) in distinct_files(&args.files).into_iter().enumerate() {
        let text = match io::load::read_capped(path) {
            Ok(bytes) => bytes,
            Err(err) => {
                eprintln!("{err}");
                failed_to_load = true;
                continue;
            }
        };
        if is_template(path, &text) {
            templates.push((position, path.clone(), text));
            continue;
        }
        match io::load_bytes(&text, path) {
            Ok(diagram) => {
                let report = rules::lint(&diagram, &config_for(&diagram, args));
                let sources = SourceMap::new(&String::from_utf8_lossy(&text));
                reports.push((
                    position,
                    FileReport {
                        path: path.clone(),
                        diagram,
                        report,
                        sources,
                        imported_with: None,
                    },
                ));
            }
            Err(err) => {
                eprintln!("{err}");
                failed_to_load = true;
            }
        }
    }
    if !templates.is_empty() {
        match check_templates(&templates, args) {
            Ok(mut checked) => reports.append(&mut checked),
            Err(err) => {
                eprintln!("{err}");
                failed_to_load = true;
            }
        }
    }
    reports.sort_by_key(|(position, _)| *position);
    let reports: Vec<FileReport> = reports.into_iter().map(|(_, r)| r).collect();
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

/// `files` without the ones that name a file already named (`a.ron ./a.ron`), in argument
/// order: a file given twice is checked once, and templates are not imported twice.
fn distinct_files(files: &[PathBuf]) -> Vec<&PathBuf> {
    let mut seen = std::collections::HashSet::new();
    files
        .iter()
        .filter(|path| seen.insert(std::fs::canonicalize(path).unwrap_or_else(|_| (*path).clone())))
        .collect()
}

/// The lint settings of `diagram`, narrowed or widened by the command line.
fn config_for(diagram: &crate::model::Diagram, args: &CheckArgs) -> LintConfig {
    let mut config = LintConfig::from_settings(&diagram.info.lint);
    if !args.select.is_empty() {
        config.select.clone_from(&args.select);
    }
    config.ignore.extend(args.ignore.iter().cloned());
    config
}

/// Imports the templates together, as `import` does, so stacks that import each other's
/// exports are linted as the one architecture they make; lints that once and reports each
/// finding on the template that writes its first subject (findings about the whole set go
/// with the first template).
fn check_templates(
    templates: &[(usize, PathBuf, Vec<u8>)],
    args: &CheckArgs,
) -> Result<Vec<(usize, FileReport)>, import::ImportError> {
    let sources: Vec<(&std::path::Path, &[u8])> = templates
        .iter()
        .map(|(_, path, bytes)| (path.as_path(), bytes.as_slice()))
        .collect();
    let imported = import::import_sources(&sources)?;
    for warning in &imported.warnings {
        eprintln!("{warning}");
    }
    let diagram = &imported.diagram;
    let report = rules::lint(diagram, &config_for(diagram, args));
    let origin = |id: &str| imported.origins.get(id).map(|(path, _, _)| path);
    // Reports place findings by their components (a link has no line of its own), so a
    // finding goes with its first component that a template writes, else its first link's.
    let home = |finding: &rules::Finding| {
        let components = finding.subjects.iter().find_map(|subject| match subject {
            rules::Subject::Component(id) => origin(id.as_str()),
            rules::Subject::Link(_) => None,
        });
        components.or_else(|| {
            finding.subjects.iter().find_map(|subject| match subject {
                rules::Subject::Link(id) => diagram.link(id).and_then(|l| origin(l.from.as_str())),
                rules::Subject::Component(_) => None,
            })
        })
    };
    let first = &templates[0].1;
    Ok(templates
        .iter()
        .map(|(position, path, _)| {
            let findings = report
                .findings
                .iter()
                .filter(|f| home(f).unwrap_or(first) == path)
                .cloned()
                .collect();
            let file = FileReport {
                path: path.clone(),
                diagram: diagram.clone(),
                report: rules::Report { findings },
                sources: imported.source_map(path),
                imported_with: Some(ImportedWith {
                    others: templates
                        .iter()
                        .map(|(_, other, _)| other.clone())
                        .filter(|other| other != path)
                        .collect(),
                    components: diagram
                        .components()
                        .filter(|c| origin(c.id.as_str()) == Some(path))
                        .count(),
                    links: diagram
                        .links()
                        .filter(|l| origin(l.from.as_str()) == Some(path))
                        .count(),
                }),
            };
            (*position, file)
        })
        .collect())
}
