//! Errors and warnings of importing templates. Every message reads
//! `file:line:column: what is wrong; what to do`, like diagram load errors.

use std::fmt;
use std::path::PathBuf;

use super::value::Pos;
use crate::model::ValidationError;

/// A template set could not be imported. Nothing was produced.
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    /// No file was given.
    #[error("no template given; name one or more CloudFormation templates or Terraform JSON files")]
    NoInput,

    /// A file could not be read.
    #[error("{}: cannot read the file: {source}", path.display())]
    Io {
        /// The file.
        path: PathBuf,
        /// What the OS said.
        source: std::io::Error,
    },

    /// A file is larger than the cap.
    #[error("{}: the file is {size} bytes, more than the {limit}-byte limit for templates", path.display())]
    TooLarge {
        /// The file.
        path: PathBuf,
        /// Its size.
        size: u64,
        /// The cap.
        limit: u64,
    },

    /// A file is not UTF-8 text.
    #[error("{}:{line}:{column}: the file is not UTF-8 text; templates are YAML or JSON text", path.display())]
    NotText {
        /// The file.
        path: PathBuf,
        /// Line of the first bad byte.
        line: usize,
        /// Column of the first bad byte.
        column: usize,
    },

    /// Not well-formed YAML or JSON.
    #[error("{}:{line}:{column}: {message}", path.display())]
    Syntax {
        /// The file.
        path: PathBuf,
        /// 1-based line.
        line: usize,
        /// 1-based column.
        column: usize,
        /// What is wrong.
        message: String,
    },

    /// Well-formed, but neither a CloudFormation template nor Terraform JSON.
    #[error("{}:{line}:{column}: {message}", path.display())]
    NotTemplate {
        /// The file.
        path: PathBuf,
        /// 1-based line.
        line: usize,
        /// 1-based column.
        column: usize,
        /// What was found and what was expected.
        message: String,
    },

    /// The imported diagram breaks an invariant of the model (a bug of the importer).
    #[error("{}: the imported diagram is invalid ({source}); please report this with the template", path.display())]
    Invalid {
        /// The first template.
        path: PathBuf,
        /// The broken invariant.
        source: Box<ValidationError>,
    },
}

impl ImportError {
    /// Line and column the error points at, when it has a position.
    pub fn position(&self) -> Option<(usize, usize)> {
        match self {
            ImportError::NotText { line, column, .. }
            | ImportError::Syntax { line, column, .. }
            | ImportError::NotTemplate { line, column, .. } => Some((*line, *column)),
            _ => None,
        }
    }
}

/// Something the importer could not map faithfully; the import goes on.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct ImportWarning {
    /// The file it is about.
    pub path: PathBuf,
    /// Where in that file.
    pub pos: Pos,
    /// What was left out or guessed at, and why.
    pub message: String,
}

impl fmt::Display for ImportWarning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}:{}:{}: warning: {}",
            self.path.display(),
            self.pos.line,
            self.pos.column,
            self.message
        )
    }
}
