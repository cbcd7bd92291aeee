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
    let mut temp = builder.tempfile_in(dir).map_err(io_err)?;
    // Keep the permissions of the file being replaced.
    if let Ok(meta) = std::fs::metadata(path) {
        std::fs::set_permissions(temp.path(), meta.permissions()).map_err(io_err)?;
    }
    temp.write_all(bytes).map_err(io_err)?;
    temp.as_file().sync_all().map_err(io_err)?;
    temp.persist(path).map_err(|e| io_err(e.error))?;
    // Make the rename itself durable. Directories cannot be opened for syncing on every
    // platform; where they cannot, the rename is still atomic.
    if let Ok(dir) = std::fs::File::open(dir) {
        dir.sync_all().ok();
    }
    Ok(())
}
