//! The command line: argument definitions and dispatch to the headless commands.
//!
//! Headless: depends on `model`, `io` (and `rules` once linting lands), never on egui.
//! Each command returns an exit code; errors are reported once, here or in `main`.

pub mod check;
pub mod explain;
pub mod export;
pub mod fmt;
pub mod generate;
pub mod import;
pub mod kinds;
pub mod report;
pub mod rules;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};

/// Sketch AWS architectures and get design warnings while you draw.
#[derive(Debug, Parser)]
#[command(
    name = "cloudsketch",
    version,
    about,
    args_conflicts_with_subcommands = true
)]
pub struct Cli {
    /// Diagram to open in the editor (a bundled sample when omitted).
    pub file: Option<PathBuf>,

    /// Open the editor, print the time to the first frame and the peak memory once the
    /// diagram is linted and drawn, then quit (for performance measurements).
    #[arg(long)]
    pub startup_report: bool,

    /// A headless command.
    #[command(subcommand)]
    pub command: Option<Command>,
}

/// Headless commands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Lint diagram files and report findings (exit 0 clean, 1 findings, 2 errors).
    Check(check::CheckArgs),
    /// List every rule: id, default severity, name, grouped by checklist item.
    Rules,
    /// Explain a rule, a component kind, a topic from the notes or address blocks
    /// (`explain alb`, `explain cidr`, `explain 10.0.0.0/22`).
    Explain {
        /// Rule id or name (`SPOF-001`, `tier-to-tier-direct-call`), component kind (`alb`,
        /// `NatGateway`, `fargate`; see `cloudsketch kinds`), topic (`cidr`, `nat-gateway`,
        /// `elb-layers`, `scaling-policies`, `rds-vs-ec2-database`, `sqs-sns-mq`,
        /// `fargate-vs-ecs-ec2`, `standard-vs-fifo`; several words are read as one,
        /// `explain nat gateway`), or one or more CIDR blocks (`10.0.0.0/16 10.0.1.0/24`):
        /// their ranges, addresses, usable addresses per subnet, splits and overlaps.
        #[arg(required = true, num_args = 1..)]
        subject: Vec<String>,
        /// For a rule: print one of the example diagrams its documentation names instead
        /// (the first `fail_…` one unless a file is given), to save and open in the editor:
        /// `cloudsketch explain SPOF-003 --example > lone.ron`.
        #[arg(long, value_name = "FILE", num_args = 0..=1, default_missing_value = "")]
        example: Option<String>,
    },
    /// Draw a diagram as an SVG or PNG picture (`-o out.png`), optionally with its findings.
    Export(export::ExportArgs),
    /// Turn CloudFormation templates or Terraform JSON into a linted, laid-out diagram.
    Import(import::ImportArgs),
    /// Rewrite diagram files in canonical form (stable order and layout).
    Fmt(fmt::FmtArgs),
    /// List the component kinds, their file names and aliases.
    Kinds,
    /// Generate a large realistic diagram for benchmarks and stress tests.
    Generate(generate::GenerateArgs),
}

/// Output format of reports.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ReportFormat {
    /// Text for people.
    Human,
    /// JSON for tools.
    Json,
    /// SARIF 2.1.0 for code-scanning views.
    Sarif,
    /// Markdown for pull-request comments: findings grouped by checklist item.
    Markdown,
    /// One self-contained HTML page (no scripts, no external resources) with each
    /// diagram's picture, its findings and why they matter.
    Html,
}

/// Exit code: clean.
pub const EXIT_OK: u8 = 0;
/// Exit code: findings at or above the threshold, or files needing formatting.
pub const EXIT_FINDINGS: u8 = 1;
/// Exit code: usage, I/O or parse error.
pub const EXIT_ERROR: u8 = 2;

/// Runs a headless command and returns the process exit code.
pub fn run(command: Command) -> ExitCode {
    let code = match command {
        Command::Check(args) => check::run(&args),
        Command::Fmt(args) => fmt::run(&args),
        Command::Kinds => kinds::run(),
        Command::Rules => rules::list(),
        Command::Explain { subject, example } => {
            match (example, crate::learn::addresses::blocks(&subject)) {
                (None, Some(Ok(blocks))) => {
                    print_out(&crate::learn::addresses::text(&blocks));
                    EXIT_OK
                }
                (None, Some(Err(message))) => {
                    eprintln!("{message}");
                    EXIT_ERROR
                }
                (None, None) => explain::run(&subject.join(" ")),
                (Some(file), _) => explain::run_example(
                    &subject.join(" "),
                    Some(file.as_str()).filter(|f| !f.is_empty()),
                ),
            }
        }
        Command::Generate(args) => generate::run(&args),
        Command::Export(args) => export::run(&args),
        Command::Import(args) => import::run(&args),
    };
    ExitCode::from(code)
}

/// Writes to stdout, treating a closed pipe (`| head`) as success rather than an error.
pub fn print_out(text: &str) {
    use std::io::Write as _;
    let mut stdout = std::io::stdout().lock();
    if stdout
        .write_all(text.as_bytes())
        .and_then(|()| stdout.flush())
        .is_err()
    {
        // Broken pipe: the reader has gone; nothing useful left to do.
    }
}
