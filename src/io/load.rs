//! Loading diagram files: size cap, UTF-8, version probe, migration, RON parse, then the
//! model's invariants, each failure reported with its position in the file.

use std::io::Read as _;
use std::path::{Path, PathBuf};

use ron::extensions::Extensions;

use super::error::LoadError;
use super::format::{self, FileDto, VersionProbe};
use super::migrate::{self, MigrateError};
use crate::model::validate::Owner;
use crate::model::{Diagram, ValidationError};

/// Largest diagram file accepted, in bytes.
pub const MAX_FILE_BYTES: u64 = 32 * 1024 * 1024;

/// Deepest bracket nesting the parser follows before giving up.
pub const RECURSION_LIMIT: usize = 64;

/// The RON options used to read and write diagrams: `Some(..)` may be left out.
pub fn ron_options() -> ron::Options {
    ron::Options::default()
        .with_default_extension(Extensions::IMPLICIT_SOME)
        .with_recursion_limit(RECURSION_LIMIT)
}

/// Loads a diagram from a file.
pub fn load_path(path: &Path) -> Result<Diagram, LoadError> {
    let bytes = read_capped(path)?;
    load_bytes(&bytes, path)
}

/// Loads a diagram the editor opens: like [`load_path`], but a named pipe, socket or
/// device is refused before it is opened. Opening a pipe waits for a writer, which would
/// freeze the window; the command line reads them (`cloudsketch check /dev/stdin`).
pub fn load_for_editor(path: &Path) -> Result<Diagram, LoadError> {
    refuse_special_file(path).map_err(|source| LoadError::Io {
        path: path.to_owned(),
        source,
    })?;
    load_path(path)
}

/// `Ok` unless `path` names a named pipe, socket or device (a missing file is left for
/// opening it to report).
pub fn refuse_special_file(path: &Path) -> std::io::Result<()> {
    let Ok(meta) = std::fs::metadata(path) else {
        return Ok(());
    };
    let file_type = meta.file_type();
    if file_type.is_file() || file_type.is_dir() {
        return Ok(());
    }
    let what = special_file_kind(&file_type);
    Err(std::io::Error::new(
        std::io::ErrorKind::InvalidInput,
        format!(
            "it is {what}, not a file; the editor opens files (`cloudsketch check` reads pipes and devices)"
        ),
    ))
}

#[cfg(unix)]
fn special_file_kind(file_type: &std::fs::FileType) -> &'static str {
    use std::os::unix::fs::FileTypeExt as _;
    if file_type.is_fifo() {
        "a named pipe"
    } else if file_type.is_socket() {
        "a socket"
    } else {
        "a device"
    }
}

#[cfg(not(unix))]
fn special_file_kind(_: &std::fs::FileType) -> &'static str {
    "a device"
}

/// Reads a diagram file's bytes, never more than [`MAX_FILE_BYTES`]: a huge file is
/// refused by its size before reading, and one that is bigger than it says (a device such
/// as `/dev/zero`, a file still growing) is refused once the cap is passed, so reading
/// never takes unbounded memory.
pub fn read_capped(path: &Path) -> Result<Vec<u8>, LoadError> {
    let io_err = |source| LoadError::Io {
        path: path.to_owned(),
        source,
    };
    let file = std::fs::File::open(path).map_err(io_err)?;
    let size = file.metadata().map_err(io_err)?.len();
    if size > MAX_FILE_BYTES {
        return Err(LoadError::TooLarge {
            path: path.to_owned(),
            size,
            limit: MAX_FILE_BYTES,
        });
    }
    let mut bytes = Vec::with_capacity(usize::try_from(size).unwrap_or(0));
    file.take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(io_err)?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(LoadError::TooLarge {
            path: path.to_owned(),
            size: bytes.len() as u64,
            limit: MAX_FILE_BYTES,
        });
    }
    Ok(bytes)
}

/// Loads a diagram from bytes; `origin` names them in errors.
pub fn load_bytes(bytes: &[u8], origin: &Path) -> Result<Diagram, LoadError> {
    match std::str::from_utf8(bytes) {
        Ok(text) => load_str(text, origin),
        Err(err) => {
            let (line, column) = line_col_at(bytes, err.valid_up_to());
            Err(LoadError::NotText {
                path: origin.to_owned(),
                line,
                column,
            })
        }
    }
}

/// Loads a diagram from text; `origin` names it in errors.
pub fn load_str(text: &str, origin: &Path) -> Result<Diagram, LoadError> {
    let path = origin.to_owned();
    if text.len() as u64 > MAX_FILE_BYTES {
        return Err(LoadError::TooLarge {
            path,
            size: text.len() as u64,
            limit: MAX_FILE_BYTES,
        });
    }
    if text.trim().is_empty() {
        return Err(LoadError::Parse {
            path,
            line: 1,
            column: 1,
            message:
                "the file is empty; a diagram starts with `(format_version: 1, components: [...])`"
                    .to_owned(),
        });
    }
    let options = ron_options();
    // The common case, a file of this version, is parsed once.
    if let Ok(file) = options.from_str::<FileDto>(text)
        && file.format_version == format::FORMAT_VERSION
    {
        return from_file(file, text, path);
    }
    // Otherwise read the version alone, so a newer file is refused by name rather than
    // by whatever field it added. When even that fails, the full parse below gives the
    // precise error.
    if let Ok(VersionProbe {
        format_version: Some(version),
    }) = options.from_str::<VersionProbe>(text)
    {
        let text = migrate::migrate(version, text).map_err(|err| {
            let (line, column) = find_position(text, "format_version").unwrap_or((1, 1));
            match err {
                MigrateError::Newer => LoadError::NewerVersion {
                    path: path.clone(),
                    line,
                    column,
                    found: version,
                    supported: format::FORMAT_VERSION,
                },
                MigrateError::Unknown => LoadError::UnknownVersion {
                    path: path.clone(),
                    line,
                    column,
                    found: version,
                },
                MigrateError::Step { from, message } => LoadError::Parse {
                    path: path.clone(),
                    line,
                    column,
                    message: format!(
                        "cannot upgrade this file from format_version {from}: {message}"
                    ),
                },
            }
        })?;
        return parse_current(&text, path);
    }
    parse_current(text, path)
}

fn parse_current(text: &str, path: PathBuf) -> Result<Diagram, LoadError> {
    let file: FileDto = ron_options()
        .from_str(text)
        .map_err(|err| parse_error(text, &path, &err))?;
    from_file(file, text, path)
}

/// The diagram a parsed file describes, checked against the model's invariants.
fn from_file(file: FileDto, text: &str, path: PathBuf) -> Result<Diagram, LoadError> {
    let info = format::info_from_file(&file);
    let components = file
        .components
        .into_iter()
        .map(format::ComponentDto::into_component)
        .collect();
    let links = file
        .links
        .into_iter()
        .map(format::LinkDto::into_link)
        .collect();
    let mut diagram = Diagram::from_parts(info, components, links).map_err(|source| {
        let (line, column) = locate_subject(text, &source).unwrap_or((1, 1));
        LoadError::Invalid {
            path: path.clone(),
            line,
            column,
            source: Box::new(source),
        }
    })?;
    diagram.header_comment = header_comment(text);
    Ok(diagram)
}

/// Turns RON's error into a positioned message with a hint of what to do.
fn parse_error(text: &str, path: &Path, err: &ron::error::SpannedError) -> LoadError {
    use ron::Error as E;
    let hint = match &err.code {
        E::Eof => {
            " (the file ends too early: is it truncated, or missing a closing bracket?)".to_owned()
        }
        E::TrailingCharacters => {
            " (there is text after the end of the diagram; remove it)".to_owned()
        }
        E::ExceededRecursionLimit => format!(
            " (brackets are nested more than {RECURSION_LIMIT} deep; no diagram needs that, so the file is damaged or hostile)"
        ),
        E::MissingStructField { field, .. } if *field == "format_version" => {
            " (add `format_version: 1,` as the first field)".to_owned()
        }
        E::MissingStructField { field, .. } => format!(" (add `{field}: …` here)"),
        E::NoSuchEnumVariant {
            expected, found, ..
        }
        | E::NoSuchStructField {
            expected, found, ..
        } => crate::model::spelling::closest(found, expected.iter().copied())
            .map(|s| format!(" (did you mean `{s}`?)"))
            .unwrap_or_default(),
        E::ExpectedComma => {
            " (put a comma after the previous item or field, or close its bracket)".to_owned()
        }
        E::ExpectedArrayEnd | E::ExpectedStructLikeEnd | E::ExpectedMapEnd => {
            " (a comma or a closing bracket is missing before this point)".to_owned()
        }
        E::ExpectedString | E::ExpectedStringEnd => {
            " (write text between double quotes, like \"web\")".to_owned()
        }
        E::ExpectedNamedStructLike(_)
        | E::ExpectedStructLike
        | E::ExpectedDifferentStructName { .. } => {
            " (a diagram file is `(format_version: 1, components: [...], links: [...])`; is this a cloudsketch diagram?)".to_owned()
        }
        _ => String::new(),
    };
    let (line, column) = if err.span.start.line == 0 {
        (1, 1)
    } else {
        (err.span.start.line, err.span.start.col)
    };
    // Running out of text explains a missing comma or bracket better than the bracket does.
    let ends_here = !matches!(
        err.code,
        E::ExceededRecursionLimit | E::TrailingCharacters | E::MissingStructField { .. }
    );
    let hint = if ends_here && rest_is_blank(text, line, column) {
        " (the file ends here too early: is it truncated, or missing a closing bracket?)".to_owned()
    } else {
        hint
    };
    // A string left open on its line is read on to the next quote, and RON stumbles over
    // what follows, a line later: point at the quote that opened it.
    if let Some((open_line, open_column)) = unclosed_string_before(text, line) {
        return LoadError::Parse {
            path: path.to_owned(),
            line: open_line,
            column: open_column,
            message: format!(
                "this string is not closed on its line; add the closing `\"` (reading on, the parser then found: {}{hint})",
                err.code
            ),
        };
    }
    LoadError::Parse {
        path: path.to_owned(),
        line,
        column,
        message: format!("{}{hint}", err.code),
    }
}

/// Where a string opens that its line does not close, on `line` or the line before it
/// (1-based line and column), outside `//` comments.
fn unclosed_string_before(text: &str, line: usize) -> Option<(usize, usize)> {
    let first = line.saturating_sub(1).max(1);
    text.lines()
        .enumerate()
        .skip(first - 1)
        .take(line + 1 - first)
        .find_map(|(i, l)| open_quote(l).map(|column| (i + 1, column)))
}

/// The column (1-based, in characters) of a quote that opens a string `line` leaves open.
fn open_quote(line: &str) -> Option<usize> {
    let mut open: Option<usize> = None;
    let mut escaped = false;
    let mut chars = line.chars().enumerate().peekable();
    while let Some((i, c)) = chars.next() {
        match (open, c) {
            (Some(_), '\\') if !escaped => {
                escaped = true;
                continue;
            }
            (Some(_), '"') if !escaped => open = None,
            (None, '"') => open = Some(i + 1),
            (None, '/') if chars.peek().is_some_and(|&(_, next)| next == '/') => return None,
            _ => {}
        }
        escaped = false;
    }
    open
}

/// Nothing but whitespace follows `line`:`column`.
fn rest_is_blank(text: &str, line: usize, column: usize) -> bool {
    let mut lines = text.split_inclusive('\n').skip(line.saturating_sub(1));
    let Some(current) = lines.next() else {
        return true;
    };
    let tail: String = current.chars().skip(column.saturating_sub(1)).collect();
    tail.trim().is_empty() && lines.all(|l| l.trim().is_empty())
}

/// Leading comment lines (and blank lines between them), kept verbatim.
pub fn header_comment(text: &str) -> String {
    let mut out = String::new();
    for line in text.split_inclusive('\n') {
        let trimmed = line.trim();
        if trimmed.starts_with("//") || (trimmed.is_empty() && !out.is_empty()) {
            out.push_str(line);
        } else {
            break;
        }
    }
    // Blank lines after the last comment belong to the layout, not the comment.
    let end = out.trim_end().len();
    out.truncate(end);
    if !out.is_empty() {
        out.push('\n');
    }
    out
}

/// 1-based line and column of byte offset `offset`.
fn line_col_at(bytes: &[u8], offset: usize) -> (usize, usize) {
    let before = &bytes[..offset.min(bytes.len())];
    let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
    let line_start = before
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(0, |p| p + 1);
    let column = String::from_utf8_lossy(&before[line_start..])
        .chars()
        .count()
        + 1;
    (line, column)
}

fn find_position(text: &str, needle: &str) -> Option<(usize, usize)> {
    text.find(needle)
        .map(|offset| line_col_at(text.as_bytes(), offset))
}

/// Finds where the component or link an invariant names is written.
fn locate_subject(text: &str, err: &ValidationError) -> Option<(usize, usize)> {
    if let ValidationError::NotFinite {
        owner: Owner::Objectives,
        field,
        ..
    } = err
    {
        return find_position(text, field);
    }
    let subject = err.subject();
    if let ValidationError::DuplicateComponent(_) | ValidationError::DuplicateLink(_) = err {
        // Point at the second occurrence: that is the one to rename.
        let id_pattern = format!("id: \"{subject}\"");
        let first = text.find(&id_pattern)?;
        let second = text[first + 1..].find(&id_pattern).map(|p| p + first + 1);
        return second
            .or(Some(first))
            .map(|offset| line_col_at(text.as_bytes(), offset));
    }
    super::locate::SourceMap::new(text).position(subject)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_string_left_open_on_its_line_is_found_outside_comments() {
        assert_eq!(open_quote(r#"    title: "Orders,"#), Some(12));
        assert_eq!(open_quote(r#"    title: "Orders","#), None);
        assert_eq!(open_quote(r#"    label: "a \"quoted\" word","#), None);
        assert_eq!(open_quote(r#"    label: "ends in a backslash \\","#), None);
        assert_eq!(open_quote(r#"    // a comment with a " quote"#), None);
        assert_eq!(open_quote(r#"    (id: "web"), // it's "fine"#), None);
        assert_eq!(
            unclosed_string_before("(\n  title: \"x,\n  y: 1,\n)", 3),
            Some((2, 10))
        );
        assert_eq!(unclosed_string_before("(\n  title: \"x\",\n)", 3), None);
    }
}
