//! Errors of loading and saving diagram files. Every message reads
//! `file:line:column: what is wrong; what to do`.

use std::path::PathBuf;

use crate::model::ValidationError;

/// A diagram file could not be loaded. Nothing was changed.
#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    /// The file could not be read.
    #[error("{}: cannot read the file: {source}{}", path.display(), io_hint(source))]
    Io {
        /// The file.
        path: PathBuf,
        /// What the OS said.
        source: std::io::Error,
    },

    /// The file is larger than the cap.
    #[error("{}: the file is {size} bytes, more than the {limit}-byte limit for diagrams; is this really a cloudsketch diagram?", path.display())]
    TooLarge {
        /// The file.
        path: PathBuf,
        /// Its size.
        size: u64,
        /// The cap.
        limit: u64,
    },

    /// The file is not text.
    #[error("{}:{line}:{column}: the file is not UTF-8 text; diagrams are plain-text RON files", path.display())]
    NotText {
        /// The file.
        path: PathBuf,
        /// Line of the first bad byte.
        line: usize,
        /// Column of the first bad byte.
        column: usize,
    },

    /// The file is not well-formed RON, or does not match the format.
    #[error("{}:{line}:{column}: {message}", path.display())]
    Parse {
        /// The file.
        path: PathBuf,
        /// 1-based line.
        line: usize,
        /// 1-based column.
        column: usize,
        /// What is wrong and what to do.
        message: String,
    },

    /// The file was written by a newer cloudsketch.
    #[error("{}:{line}:{column}: this diagram was saved by a newer cloudsketch (format_version {found}); this version reads format_version {supported} and older, so update cloudsketch to open it", path.display())]
    NewerVersion {
        /// The file.
        path: PathBuf,
        /// Line of `format_version`.
        line: usize,
        /// Column of `format_version`.
        column: usize,
        /// Version in the file.
        found: u32,
        /// Newest version this build reads.
        supported: u32,
    },

    /// The file's version is not one cloudsketch ever wrote.
    #[error("{}:{line}:{column}: format_version {found} is not a cloudsketch format version; the first version is 1", path.display())]
    UnknownVersion {
        /// The file.
        path: PathBuf,
        /// Line.
        line: usize,
        /// Column.
        column: usize,
        /// Version in the file.
        found: u32,
    },

    /// The content breaks a hard invariant.
    #[error("{}:{line}:{column}: {source}", path.display())]
    Invalid {
        /// The file.
        path: PathBuf,
        /// Line of the component or link at fault.
        line: usize,
        /// Column.
        column: usize,
        /// The broken invariant.
        source: Box<ValidationError>,
    },
}

impl LoadError {
    /// Line and column the error points at, when it has a position.
    pub fn position(&self) -> Option<(usize, usize)> {
        match self {
            LoadError::Io { .. } | LoadError::TooLarge { .. } => None,
            LoadError::NotText { line, column, .. }
            | LoadError::Parse { line, column, .. }
            | LoadError::NewerVersion { line, column, .. }
            | LoadError::UnknownVersion { line, column, .. }
            | LoadError::Invalid { line, column, .. } => Some((*line, *column)),
        }
    }
}

/// A diagram could not be saved. The previous file, if any, is untouched.
#[derive(Debug, thiserror::Error)]
pub enum SaveError {
    /// Writing, syncing or renaming failed.
    #[error("{}: cannot save: {source}; the previous file was left as it was", path.display())]
    Io {
        /// The target file.
        path: PathBuf,
        /// What the OS said.
        source: std::io::Error,
    },

    /// The diagram could not be written as RON (a bug).
    #[error("{}: cannot write the diagram as RON: {message}", path.display())]
    Serialize {
        /// The target file.
        path: PathBuf,
        /// What the serializer said.
        message: String,
    },
}

/// What to do about a file that cannot be read.
fn io_hint(error: &std::io::Error) -> &'static str {
    match error.kind() {
        std::io::ErrorKind::NotFound => " (check the path and the file name)",
        std::io::ErrorKind::PermissionDenied => " (check that you may read the file)",
        std::io::ErrorKind::IsADirectory => " (that is a folder; give a diagram file)",
        _ => "",
    }
}
