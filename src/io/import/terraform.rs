//! Terraform JSON (`terraform show -json`, plan or state) → draft.

use super::draft::Draft;
use super::value::Value;

/// Whether a document is Terraform's JSON output.
pub fn is_terraform_json(root: &Value) -> bool {
    root.get("format_version").is_some()
        && (root.get("values").is_some() || root.get("planned_values").is_some())
}

/// Maps the resources of a Terraform document into `draft`.
pub fn map(_root: &Value, _file: usize, _draft: &mut Draft) {}
