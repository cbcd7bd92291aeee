//! `cloudsketch fmt FILE…`: rewrites diagrams in canonical form, or with `--check` only
//! reports which files are not; `--tidy` also lays them out automatically first.

use std::path::PathBuf;

use clap::Args;

use super::{EXIT_ERROR, EXIT_FINDINGS, EXIT_OK};
use crate::io;
use crate::model::layout;

/// Arguments of `fmt`.
#[derive(Debug, Args)]
pub struct FmtArgs {
    /// Diagram files to format.
    #[arg(required = true)]
    pub files: Vec<PathBuf>,

    /// Change nothing; exit 1 if a file is not in canonical form.
    #[arg(long)]
    pub check: bool,

    /// Lay every component out afresh (the editor's Tidy layout) before writing.
    #[arg(long)]
    pub tidy: bool,
}

/// Runs `fmt`; returns the exit code.
pub fn run(args: &FmtArgs) -> u8 {
    let mut code = EXIT_OK;
    for path in &args.files {
        let result = io::load::read_capped(path)
            .and_then(|bytes| io::load_bytes(&bytes, path).map(|d| (bytes, d)));
        let (bytes, mut diagram) = match result {
            Ok(ok) => ok,
            Err(err) => {
                eprintln!("{err}");
                code = EXIT_ERROR;
                continue;
            }
        };
        if args.tidy {
            layout::tidy(&diagram).apply(&mut diagram);
        }
        let canonical = match io::to_string(&diagram) {
            Ok(text) => text,
            Err(message) => {
                eprintln!(
                    "{}: cannot write the diagram as RON: {message}",
                    path.display()
                );
                code = EXIT_ERROR;
                continue;
            }
        };
        if canonical.as_bytes() == bytes.as_slice() {
            continue;
        }
        if args.check {
            eprintln!(
                "{}: not in canonical form; run `cloudsketch fmt {}`",
                path.display(),
                path.display()
            );
            code = code.max(EXIT_FINDINGS);
        } else if let Err(err) = io::save::write_atomically(path, canonical.as_bytes()) {
            eprintln!("{err}");
            code = EXIT_ERROR;
        } else {
            eprintln!("formatted {}", path.display());
        }
    }
    code
}
