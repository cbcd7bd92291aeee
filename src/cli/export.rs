//! `cloudsketch export FILE -o OUT.svg|OUT.png`: a picture of a diagram, headless.

use std::path::PathBuf;

use clap::Args;

use super::{EXIT_ERROR, EXIT_OK};
use crate::export::{ExportOptions, Format, to_png, to_svg};
use crate::io;
use crate::rules::{LintConfig, lint};

/// Arguments of `export`.
#[derive(Debug, Args)]
pub struct ExportArgs {
    /// The diagram to draw.
    pub file: PathBuf,

    /// The picture to write; `.svg` or `.png` decides the format.
    #[arg(short, long)]
    pub output: PathBuf,

    /// Pixels per diagram unit (2 for a sharp picture on high-density screens).
    #[arg(long, default_value_t = 1.0)]
    pub scale: f32,

    /// Draw the linter's finding badges on the picture, with a legend.
    #[arg(long)]
    pub findings: bool,

    /// Dark theme instead of the default light one.
    #[arg(long)]
    pub dark: bool,
}

/// Runs `export`; returns the exit code.
pub fn run(args: &ExportArgs) -> u8 {
    let Some(format) = Format::of_path(&args.output) else {
        eprintln!(
            "{}: the picture's name must end in .svg or .png",
            args.output.display()
        );
        return EXIT_ERROR;
    };
    if !(args.scale.is_finite() && args.scale > 0.0 && args.scale <= 16.0) {
        eprintln!(
            "--scale {}: give a number above 0 and at most 16",
            args.scale
        );
        return EXIT_ERROR;
    }
    let diagram = match io::load_path(&args.file) {
        Ok(d) => d,
        Err(err) => {
            eprintln!("{err}");
            return EXIT_ERROR;
        }
    };
    let report = args
        .findings
        .then(|| lint(&diagram, &LintConfig::from_settings(&diagram.info.lint)));
    let options = ExportOptions {
        scale: args.scale,
        findings: args.findings,
        dark: args.dark,
        ..ExportOptions::default()
    };
    let bytes = match format {
        Format::Svg => to_svg(&diagram, report.as_ref(), &options).into_bytes(),
        Format::Png => match to_png(&diagram, report.as_ref(), &options) {
            Ok(bytes) => bytes,
            Err(err) => {
                eprintln!("{}: {err}", args.output.display());
                return EXIT_ERROR;
            }
        },
    };
    match io::save::write_atomically(&args.output, &bytes) {
        Ok(()) => EXIT_OK,
        Err(err) => {
            eprintln!("{err}");
            EXIT_ERROR
        }
    }
}
