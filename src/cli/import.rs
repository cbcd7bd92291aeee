//! `cloudsketch import TEMPLATE… -o OUT.ron`: CloudFormation templates or Terraform JSON
//! in, a laid-out diagram out; warnings and the skipped resources go to stderr.

use std::path::PathBuf;

use clap::Args;

use super::{EXIT_ERROR, EXIT_OK};
use crate::io::{self, import};

/// Arguments of `import`.
#[derive(Debug, Args)]
pub struct ImportArgs {
    /// CloudFormation templates (YAML or JSON, SAM included) or Terraform JSON
    /// (`terraform show -json`); several CloudFormation stacks are joined through their
    /// exports and `Fn::ImportValue`.
    #[arg(required = true)]
    pub templates: Vec<PathBuf>,

    /// The diagram to write (`.ron`).
    #[arg(short, long)]
    pub output: PathBuf,
}

/// Runs `import`; returns the exit code.
pub fn run(args: &ImportArgs) -> u8 {
    let imported = match import::import_paths(&args.templates) {
        Ok(imported) => imported,
        Err(err) => {
            eprintln!("{err}");
            return EXIT_ERROR;
        }
    };
    for warning in &imported.warnings {
        eprintln!("{warning}");
    }
    let mut diagram = imported.diagram.clone();
    let names: Vec<String> = args
        .templates
        .iter()
        .map(|p| p.display().to_string())
        .collect();
    diagram.header_comment = format!(
        "// Imported by cloudsketch from {}.\n// {}.",
        names.join(", "),
        imported.summary()
    );
    match io::save_path(&diagram, &args.output) {
        Ok(()) => {
            eprintln!("{}: {}", args.output.display(), imported.summary());
            EXIT_OK
        }
        Err(err) => {
            eprintln!("{err}");
            EXIT_ERROR
        }
    }
}
