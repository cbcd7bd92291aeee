//! Stitching stacks: the exports of every template of the set (`Outputs` with an
//! `Export.Name`), by name, so that `Fn::ImportValue` in one template resolves to the resource
//! another template exports. Export names built with `${AWS::StackName}` use the file's stem
//! as the stack name.

use std::collections::HashMap;

use super::intrinsics::{R, Resolver};
use super::{Template, scope};
use crate::io::import::value::Value;

/// Export name → exported value, over all templates. Exports are resolved without imports of
/// their own (an export of an import is rare, and this keeps stitching one pass).
pub fn exports<'a>(
    templates: &[Template<'a>],
    resources: &'a [HashMap<String, &'a Value>],
    properties: &'a [HashMap<String, &'a Value>],
) -> HashMap<String, R> {
    let none = HashMap::new();
    let mut exports: HashMap<String, R> = HashMap::new();
    for (i, t) in templates.iter().enumerate() {
        let (Some(res), Some(props)) = (resources.get(i), properties.get(i)) else {
            continue;
        };
        let mut resolver = Resolver::new(scope(t, res, props, &none));
        for output in t
            .root
            .get("Outputs")
            .and_then(Value::entries)
            .unwrap_or(&[])
        {
            let (Some(name), Some(value)) = (
                output.value.path(&["Export", "Name"]),
                output.value.get("Value"),
            ) else {
                continue;
            };
            if let R::Text(name) = resolver.resolve(name) {
                let value = resolver.resolve(value);
                exports.insert(name, value);
            }
        }
    }
    exports
}
