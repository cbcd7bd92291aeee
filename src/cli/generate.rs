//! `cloudsketch generate`: writes a large realistic diagram for benchmarks and stress tests.

use std::path::PathBuf;

use clap::Args;

use super::{EXIT_ERROR, EXIT_OK};
use crate::io;
use crate::model::generate::large_diagram;

/// Arguments of `generate`.
#[derive(Debug, Args)]
pub struct GenerateArgs {
    /// At least this many components.
    #[arg(short = 'n', long, default_value_t = 1_000)]
    pub components: usize,

    /// Where to write the diagram.
    #[arg(short, long)]
    pub output: PathBuf,
}

/// Runs `generate`; returns the exit code.
pub fn run(args: &GenerateArgs) -> u8 {
    if args.components > crate::io::format::MAX_ITEMS {
        eprintln!(
            "cannot generate {} components; the file format holds at most {}",
            args.components,
            crate::io::format::MAX_ITEMS
        );
        return EXIT_ERROR;
    }
    let diagram = match large_diagram(args.components) {
        Ok(d) => d,
        Err(err) => {
            eprintln!("generated diagram is invalid (a bug): {err}");
            return EXIT_ERROR;
        }
    };
    match io::save_path(&diagram, &args.output) {
        Ok(()) => {
            eprintln!(
                "wrote {} components and {} links to {}",
                diagram.component_count(),
                diagram.link_count(),
                args.output.display()
            );
            EXIT_OK
        }
        Err(err) => {
            eprintln!("{err}");
            EXIT_ERROR
        }
    }
}
