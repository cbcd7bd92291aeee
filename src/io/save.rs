//! Saving diagram files: canonical, byte-stable text (so an unchanged diagram saves to the
//! same bytes) written atomically (temp file in the same folder, fsync, rename), so a
//! failed or interrupted save never damages the previous file.

use std::io::Write as _;
use std::path::Path;

use ron::extensions::Extensions;
use ron::ser::PrettyConfig;
use serde::Serialize;

use super::error::SaveError;
use super::format::{ComponentDto, FORMAT_VERSION, LinkDto};
use super::load::ron_options;
use rustc_hash::FxHashMap;

use crate::model::{Component, ComponentId, Diagram};

/// Suffix of the temporary files saves write before renaming; stray ones are safe to delete.
pub const TEMP_SUFFIX: &str = ".cloudsketch-tmp";

fn one_line() -> PrettyConfig {
    PrettyConfig::new()
        .struct_names(false)
        .compact_structs(true)
        .compact_arrays(true)
        .compact_maps(true)
        .extensions(Extensions::IMPLICIT_SOME)
}

fn value_to_ron<T: Serialize>(value: &T) -> Result<String, String> {
    ron_options()
        .to_string_pretty(value, one_line())
        .map_err(|e| e.to_string())
}

/// Appends `value` on one line to `out`, with no intermediate string.
fn write_ron<T: Serialize>(
    out: &mut String,
    value: &T,
    options: &ron::Options,
    config: &PrettyConfig,
) -> Result<(), String> {
    options
        .to_writer_pretty(out, value, config.clone())
        .map_err(|e| e.to_string())
}

/// The canonical text of a diagram: header comment, then one field per line and one
/// component or link per line; components parents-first, siblings and links by id.
pub fn to_string(diagram: &Diagram) -> Result<String, String> {
    let mut out =
        String::with_capacity(256 + 200 * diagram.component_count() + 120 * diagram.link_count());
    if !diagram.header_comment.is_empty() {
        out.push_str(&diagram.header_comment);
        out.push('\n');
    }
    out.push_str("(\n");
    out.push_str(&format!("    format_version: {FORMAT_VERSION},\n"));
    let info = &diagram.info;
    if !info.title.is_empty() {
        out.push_str(&format!("    title: {},\n", value_to_ron(&info.title)?));
    }
    if !info.description.is_empty() {
        out.push_str(&format!(
            "    description: {},\n",
            value_to_ron(&info.description)?
        ));
    }
    if info.objectives != crate::model::Objectives::default() {
        out.push_str(&format!(
            "    objectives: {},\n",
            value_to_ron(&info.objectives)?
        ));
    }
    if !info.lint.is_empty() {
        out.push_str(&format!("    lint: {},\n", value_to_ron(&info.lint)?));
    }
    let options = ron_options();
    let config = one_line();
    out.push_str("    components: [\n");
    for component in tree_order(diagram) {
        out.push_str("        ");
        write_ron(
            &mut out,
            &ComponentDto::from_component(component),
            &options,
            &config,
        )?;
        out.push_str(",\n");
    }
    out.push_str("    ],\n");
    if diagram.link_count() > 0 {
        out.push_str("    links: [\n");
        for link in diagram.links() {
            out.push_str("        ");
            write_ron(&mut out, &LinkDto::from_link(link), &options, &config)?;
            out.push_str(",\n");
        }
        out.push_str("    ],\n");
    }
    out.push_str(")\n");
    Ok(out)
}

/// Components parents-first (depth-first), siblings by id.
fn tree_order(diagram: &Diagram) -> Vec<&Component> {
    // `components()` runs in id order, so every list of children is sorted by id.
    let mut children: FxHashMap<Option<&ComponentId>, Vec<&Component>> = FxHashMap::default();
    for c in diagram.components() {
        children.entry(c.parent.as_ref()).or_default().push(c);
    }
    let mut out = Vec::with_capacity(diagram.component_count());
    let mut stack: Vec<&Component> = children
        .get(&None)
        .map(|v| v.iter().rev().copied().collect())
        .unwrap_or_default();
    while let Some(component) = stack.pop() {
        out.push(component);
        if let Some(kids) = children.get(&Some(&component.id)) {
            stack.extend(kids.iter().rev());
        }
    }
    out
}

/// Saves `diagram` to `path` atomically.
pub fn save_path(diagram: &Diagram, path: &Path) -> Result<(), SaveError> {
    let text = to_string(diagram).map_err(|message| SaveError::Serialize {
        path: path.to_owned(),
        message,
    })?;
    write_atomically(path, text.as_bytes())
}

/// Temporary files older than this next to a diagram are leftovers of an interrupted save
/// (a save finishes in well under a second); younger ones may belong to a save going on.
const STRAY_AFTER: std::time::Duration = std::time::Duration::from_secs(120);

/// Removes what interrupted saves of `path` left next to it (`.<name>.*` files ending in
/// [`TEMP_SUFFIX`], older than two minutes) and returns how many. Nothing else is touched:
/// not other diagrams' temporary files, not the diagram itself.
pub fn remove_stray_temps_of(path: &Path) -> usize {
    let (Some(dir), Some(name)) = (path.parent(), path.file_name()) else {
        return 0;
    };
    let dir = if dir.as_os_str().is_empty() {
        Path::new(".")
    } else {
        dir
    };
    let prefix = format!(".{}.", name.to_string_lossy());
    let Ok(entries) = std::fs::read_dir(dir) else {
        return 0;
    };
    let mut removed = 0;
    for entry in entries.flatten() {
        let file_name = entry.file_name();
        let file_name = file_name.to_string_lossy();
        let old = entry
            .metadata()
            .ok()
            .filter(std::fs::Metadata::is_file)
            .and_then(|m| m.modified().ok())
            .and_then(|t| t.elapsed().ok())
            .is_some_and(|age| age >= STRAY_AFTER);
        if old
            && file_name.starts_with(&prefix)
            && file_name.ends_with(TEMP_SUFFIX)
            && std::fs::remove_file(entry.path()).is_ok()
        {
            removed += 1;
        }
    }
    removed
}

/// Writes `bytes` to `path` through a temp file in the same folder, fsync and rename.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> Result<(), SaveError> {
    write_atomically_with(path, bytes, &|_| Ok(()))
}

/// A step of an atomic save, named so tests can make it fail.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Step {
    /// Creating the temporary file next to the target.
    Create,
    /// Writing the content into it.
    Write,
    /// Flushing it to the disk.
    Sync,
    /// Renaming it over the target.
    Rename,
}

/// [`write_atomically`] with a hook that may fail any step: the seam the fault-injection
/// tests below use to play a full disk, an I/O error or a read-only folder. Production
/// passes a hook that never fails. Create and rename fail before they happen; write and
/// sync fail after the real call, as a disk that reports an error late does.
fn write_atomically_with(
    path: &Path,
    bytes: &[u8],
    fault: &dyn Fn(Step) -> std::io::Result<()>,
) -> Result<(), SaveError> {
    let io_err = |source| SaveError::Io {
        path: path.to_owned(),
        source,
    };
    let dir = match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir,
        _ => Path::new("."),
    };
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let prefix = format!(".{name}.");
    let mut builder = tempfile::Builder::new();
    builder.prefix(&prefix).suffix(TEMP_SUFFIX);
    // A new file gets the usual permissions (0666 less the umask), not a temporary
    // file's private 0600; an existing file keeps its own (below).
    #[cfg(unix)]
    builder.permissions(std::os::unix::fs::PermissionsExt::from_mode(0o666));
    fault(Step::Create).map_err(io_err)?;
    // From here on, an error drops `temp`, which deletes the temporary file.
    let mut temp = builder.tempfile_in(dir).map_err(io_err)?;
    // Keep the permissions of the file being replaced.
    if let Ok(meta) = std::fs::metadata(path) {
        std::fs::set_permissions(temp.path(), meta.permissions()).map_err(io_err)?;
    }
    temp.write_all(bytes).map_err(io_err)?;
    fault(Step::Write).map_err(io_err)?;
    temp.as_file().sync_all().map_err(io_err)?;
    fault(Step::Sync).map_err(io_err)?;
    fault(Step::Rename).map_err(io_err)?;
    temp.persist(path).map_err(|e| io_err(e.error))?;
    // Make the rename itself durable. Directories cannot be opened for syncing on every
    // platform; where they cannot, the rename is still atomic.
    if let Ok(dir) = std::fs::File::open(dir) {
        dir.sync_all().ok();
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use std::io::{Error, ErrorKind};

    use super::*;

    /// Raw OS error numbers of Linux (and most Unixes) for the failures a save meets.
    const EIO: i32 = 5;
    const EACCES: i32 = 13;
    const ENOSPC: i32 = 28;
    const EROFS: i32 = 30;

    fn folder_listing(dir: &Path) -> Vec<String> {
        let mut names: Vec<String> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }

    /// Each step failing with each error: an error that names the file, the OS's reason
    /// and says the previous file is intact; the previous file byte-identical, and no
    /// temporary file left behind.
    #[test]
    fn a_failing_write_fsync_or_rename_leaves_the_original_byte_identical() {
        let cases = [
            (Step::Create, EROFS, "Read-only file system"),
            (Step::Create, EACCES, "Permission denied"),
            (Step::Write, ENOSPC, "No space left on device"),
            (Step::Write, EIO, "Input/output error"),
            (Step::Sync, EIO, "Input/output error"),
            (Step::Sync, ENOSPC, "No space left on device"),
            (Step::Rename, EIO, "Input/output error"),
            (Step::Rename, EROFS, "Read-only file system"),
        ];
        for (step, errno, reason) in cases {
            let dir = tempfile::tempdir().unwrap();
            let target = dir.path().join("shop.ron");
            let original = b"(format_version: 1, title: \"the original\")\n".repeat(200);
            std::fs::write(&target, &original).unwrap();
            let before = folder_listing(dir.path());
            let fail = |s: Step| {
                if s == step {
                    Err(Error::from_raw_os_error(errno))
                } else {
                    Ok(())
                }
            };
            let err = write_atomically_with(&target, b"(format_version: 1)\n", &fail)
                .expect_err("the injected failure is reported");
            let message = err.to_string();
            assert!(
                message.starts_with(&format!("{}: cannot save: ", target.display()))
                    && message.contains(reason)
                    && message.ends_with("the previous file was left as it was"),
                "{step:?}: {message}"
            );
            assert_eq!(std::fs::read(&target).unwrap(), original, "{step:?}");
            assert_eq!(folder_listing(dir.path()), before, "{step:?}: leftovers");
        }
    }

    /// The hook is really on the path: without a fault the same call saves.
    #[test]
    fn without_a_fault_the_same_seam_saves() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("shop.ron");
        std::fs::write(&target, "old").unwrap();
        write_atomically_with(&target, b"new", &|_| Ok(())).unwrap();
        assert_eq!(std::fs::read(&target).unwrap(), b"new");
        assert_eq!(folder_listing(dir.path()), ["shop.ron"]);
    }

    /// A real failure, no seam: the target's folder does not exist.
    #[test]
    fn saving_into_a_missing_folder_is_a_clear_error() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("gone").join("shop.ron");
        let err = write_atomically(&target, b"new").unwrap_err();
        let SaveError::Io { source, .. } = &err else {
            panic!("{err}");
        };
        assert_eq!(source.kind(), ErrorKind::NotFound, "{err}");
    }

    /// A real rename failure, no seam: the target is a folder. Nothing is left behind.
    #[test]
    fn a_rename_the_os_refuses_leaves_no_temporary_file() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("shop.ron");
        std::fs::create_dir(&target).unwrap();
        std::fs::write(target.join("inside"), "kept").unwrap();
        assert!(write_atomically(&target, b"new").is_err());
        assert_eq!(folder_listing(dir.path()), ["shop.ron"]);
        assert_eq!(std::fs::read(target.join("inside")).unwrap(), b"kept");
    }
}
