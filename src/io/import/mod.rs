//! Importing infrastructure code: CloudFormation templates (YAML with short-form tags, or
//! JSON; SAM included; several stacks stitched through their exports) and Terraform's
//! `terraform show -json` output (plan or state) become a laid-out [`Diagram`], with warnings
//! for what could not be mapped and counts of resources with no diagram meaning.
//!
//! Layers: `yaml` reads text into the `value` tree (tags and positions kept); `cfn` and
//! `terraform` map resources into a `draft`; the draft becomes the diagram. Depends on `model`
//! only; never on egui. Never panics on any input: [`import_bytes`] is the fuzzing entry point.

pub mod cfn;
pub mod draft;
pub mod error;
pub mod terraform;
pub mod value;
pub mod yaml;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

pub use error::{ImportError, ImportWarning};

use crate::io::locate::SourceMap;
use crate::model::Diagram;
use draft::Draft;
use value::Value;

/// Largest template file accepted, in bytes.
pub const MAX_TEMPLATE_BYTES: u64 = 32 * 1024 * 1024;

/// What an import produced.
#[derive(Debug)]
pub struct Imported {
    /// The diagram, laid out.
    pub diagram: Diagram,
    /// What could not be mapped faithfully, in file order.
    pub warnings: Vec<ImportWarning>,
    /// Resource types with no diagram meaning, with how many were skipped.
    pub skipped: BTreeMap<String, usize>,
    /// Where each component is written: component id → (file, line, column).
    pub origins: BTreeMap<String, (PathBuf, usize, usize)>,
}

impl Imported {
    /// Resources skipped in all.
    pub fn skipped_total(&self) -> usize {
        self.skipped.values().sum()
    }

    /// Where the components written in `path` are, for reports on that file.
    pub fn source_map(&self, path: &Path) -> SourceMap {
        SourceMap::from_positions(
            self.origins
                .iter()
                .filter(|(_, (p, _, _))| p == path)
                .map(|(id, (_, line, column))| (id.clone(), (*line, *column))),
        )
    }

    /// One line summing up the import ("12 components, 9 links; 3 resources skipped …").
    pub fn summary(&self) -> String {
        let skipped = if self.skipped.is_empty() {
            String::new()
        } else {
            let list: Vec<String> = self
                .skipped
                .iter()
                .map(|(t, n)| format!("{n} {t}"))
                .collect();
            format!(
                "; skipped {} resource(s) with no diagram meaning: {}",
                self.skipped_total(),
                list.join(", ")
            )
        };
        format!(
            "imported {} components and {} links{skipped}; {} warning(s)",
            self.diagram.component_count(),
            self.diagram.link_count(),
            self.warnings.len()
        )
    }
}

/// Whether a path names a template by its extension (`.yaml`, `.yml`, `.json`, `.template`).
pub fn has_template_extension(path: &Path) -> bool {
    path.extension().and_then(|e| e.to_str()).is_some_and(|e| {
        matches!(
            e.to_ascii_lowercase().as_str(),
            "yaml" | "yml" | "json" | "template"
        )
    })
}

/// Imports template files as one diagram.
pub fn import_paths(paths: &[PathBuf]) -> Result<Imported, ImportError> {
    let mut sources = Vec::with_capacity(paths.len());
    for path in paths {
        sources.push((path.clone(), read(path)?));
    }
    let borrowed: Vec<(&Path, &[u8])> = sources
        .iter()
        .map(|(p, b)| (p.as_path(), b.as_slice()))
        .collect();
    import_sources(&borrowed)
}

fn read(path: &Path) -> Result<Vec<u8>, ImportError> {
    use std::io::Read as _;
    let io_err = |source| ImportError::Io {
        path: path.to_owned(),
        source,
    };
    let file = std::fs::File::open(path).map_err(io_err)?;
    let mut bytes = Vec::new();
    file.take(MAX_TEMPLATE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(io_err)?;
    if bytes.len() as u64 > MAX_TEMPLATE_BYTES {
        return Err(ImportError::TooLarge {
            path: path.to_owned(),
            size: bytes.len() as u64,
            limit: MAX_TEMPLATE_BYTES,
        });
    }
    Ok(bytes)
}

/// Imports one template from bytes; `name` names it in errors and warnings. This is the
/// entry point for fuzzing: it never panics and never touches the file system.
pub fn import_bytes(bytes: &[u8], name: &Path) -> Result<Imported, ImportError> {
    import_sources(&[(name, bytes)])
}

/// Imports one template from text.
pub fn import_str(text: &str, name: &Path) -> Result<Imported, ImportError> {
    import_bytes(text.as_bytes(), name)
}

enum Format {
    CloudFormation,
    Terraform,
}

/// Imports several templates (given as name and bytes) as one diagram.
pub fn import_sources(sources: &[(&Path, &[u8])]) -> Result<Imported, ImportError> {
    let Some((first, _)) = sources.first() else {
        return Err(ImportError::NoInput);
    };
    let first = first.to_path_buf();
    let mut trees: Vec<(Value, Format)> = Vec::with_capacity(sources.len());
    for (path, bytes) in sources {
        let text = std::str::from_utf8(bytes).map_err(|err| {
            let (line, column) = line_col(bytes, err.valid_up_to());
            ImportError::NotText {
                path: path.to_path_buf(),
                line,
                column,
            }
        })?;
        let root = yaml::parse(text).map_err(|err| ImportError::Syntax {
            path: path.to_path_buf(),
            line: err.pos.line,
            column: err.pos.column,
            message: err.message,
        })?;
        let format = if cfn::is_template(&root) {
            Format::CloudFormation
        } else if terraform::is_terraform_json(&root) {
            Format::Terraform
        } else {
            return Err(ImportError::NotTemplate {
                path: path.to_path_buf(),
                line: root.pos.line,
                column: root.pos.column,
                message: format!(
                    "this is {} but not a template: a CloudFormation template has a `Resources` section whose resources have a `Type`, and Terraform JSON (`terraform show -json`) has `format_version` with `values` or `planned_values`",
                    match root.describe() {
                        "a mapping" => "a YAML or JSON mapping",
                        other => other,
                    }
                ),
            });
        };
        trees.push((root, format));
    }
    let files: Vec<PathBuf> = sources.iter().map(|(p, _)| p.to_path_buf()).collect();
    let mut draft = Draft::new(files.clone());
    let templates: Vec<cfn::Template<'_>> = trees
        .iter()
        .enumerate()
        .filter(|(_, (_, f))| matches!(f, Format::CloudFormation))
        .map(|(i, (root, _))| cfn::Template {
            file: i,
            stack: files[i]
                .file_stem()
                .and_then(|s| s.to_str())
                .unwrap_or("stack")
                .to_owned(),
            root,
        })
        .collect();
    cfn::map_templates(&templates, &mut draft);
    for (i, (root, format)) in trees.iter().enumerate() {
        if matches!(format, Format::Terraform) {
            terraform::map(root, i, &mut draft);
        }
    }
    let (title, description) = title_of(&trees, &files);
    let finished = draft
        .finish(&title, &description)
        .map_err(|source| ImportError::Invalid {
            path: first.clone(),
            source: Box::new(source),
        })?;
    let mut warnings = finished.warnings;
    warnings.sort();
    warnings.dedup();
    let origins = finished
        .origins
        .into_iter()
        .filter_map(|(id, o)| {
            let path = files.get(o.file)?.clone();
            Some((id, (path, o.pos.line, o.pos.column)))
        })
        .collect();
    Ok(Imported {
        diagram: finished.diagram,
        warnings,
        skipped: finished.skipped,
        origins,
    })
}

/// Title and description of the diagram: the first template's `Description`, whose lead
/// (up to a colon, dash or full stop) is the title when short; otherwise the file names.
fn title_of(trees: &[(Value, Format)], files: &[PathBuf]) -> (String, String) {
    let names: Vec<String> = files
        .iter()
        .filter_map(|f| f.file_name().and_then(|n| n.to_str()).map(str::to_owned))
        .collect();
    let fallback = format!("Imported from {}", names.join(", "));
    let Some(description) = trees
        .iter()
        .find_map(|(root, _)| root.get("Description").and_then(Value::text))
        .map(|d| d.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|d| !d.is_empty())
    else {
        return (fallback, String::new());
    };
    let lead = description
        .split([':', '.'])
        .next()
        .and_then(|l| l.split(" - ").next())
        .unwrap_or("")
        .trim();
    let title = if !lead.is_empty() && lead.chars().count() <= 60 {
        lead.to_owned()
    } else {
        fallback
    };
    (title, description)
}

fn line_col(bytes: &[u8], offset: usize) -> (usize, usize) {
    let before = bytes.get(..offset).unwrap_or(bytes);
    let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
    let start = before
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(0, |p| p + 1);
    let column = String::from_utf8_lossy(&before[start..]).chars().count() + 1;
    (line, column)
}
