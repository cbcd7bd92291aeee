//! The template value tree: what a CloudFormation template or a Terraform JSON document
//! holds, with each value's YAML tag (`!Ref`, `!GetAtt`, …) and its position in the file, so
//! the mappers can resolve short-form intrinsics and point warnings at `file:line:column`.
//!
//! Pure data: no parsing here (see `yaml.rs`), no model.

/// A 1-based line and column in a source file.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Pos {
    /// Line, from 1.
    pub line: usize,
    /// Column in characters, from 1.
    pub column: usize,
}

/// One value of the tree.
#[derive(Clone, Debug, PartialEq)]
pub struct Value {
    /// Where it starts in the file.
    pub pos: Pos,
    /// Local tag without its `!` (`Ref` for `!Ref`), when one was written.
    pub tag: Option<String>,
    /// The value itself.
    pub data: Data,
}

/// What a value holds.
#[derive(Clone, Debug, PartialEq)]
pub enum Data {
    /// A scalar as written. `plain` is false when it was quoted, so `"true"` stays text.
    Scalar {
        /// The text.
        text: String,
        /// Written without quotes (so it may be a number, a boolean or null).
        plain: bool,
    },
    /// A sequence.
    Seq(Vec<Value>),
    /// A mapping with text keys, in file order.
    Map(Vec<Entry>),
}

/// One key of a mapping with its value.
#[derive(Clone, Debug, PartialEq)]
pub struct Entry {
    /// The key.
    pub key: String,
    /// Where the key is written.
    pub key_pos: Pos,
    /// The value.
    pub value: Value,
}

impl Value {
    /// An untagged plain scalar (for tests and synthesized values).
    pub fn scalar(text: impl Into<String>, pos: Pos) -> Self {
        Value {
            pos,
            tag: None,
            data: Data::Scalar {
                text: text.into(),
                plain: true,
            },
        }
    }

    /// The entries of a mapping.
    pub fn entries(&self) -> Option<&[Entry]> {
        match &self.data {
            Data::Map(entries) => Some(entries),
            _ => None,
        }
    }

    /// The items of a sequence.
    pub fn items(&self) -> Option<&[Value]> {
        match &self.data {
            Data::Seq(items) => Some(items),
            _ => None,
        }
    }

    /// The value of `key` in a mapping (the first, when a key is repeated).
    pub fn get(&self, key: &str) -> Option<&Value> {
        self.entry(key).map(|e| &e.value)
    }

    /// The entry of `key` in a mapping.
    pub fn entry(&self, key: &str) -> Option<&Entry> {
        self.entries()?.iter().find(|e| e.key == key)
    }

    /// Follows a path of keys.
    pub fn path(&self, keys: &[&str]) -> Option<&Value> {
        keys.iter().try_fold(self, |v, k| v.get(k))
    }

    /// The text of an untagged scalar (numbers and booleans included, as written).
    pub fn text(&self) -> Option<&str> {
        match &self.data {
            Data::Scalar { text, .. } if self.tag.is_none() => Some(text),
            _ => None,
        }
    }

    /// A null: `~`, `null`, an empty plain scalar.
    pub fn is_null(&self) -> bool {
        matches!(&self.data, Data::Scalar { text, plain: true }
            if self.tag.is_none() && matches!(text.as_str(), "" | "~" | "null" | "Null" | "NULL"))
    }

    /// A boolean, written as YAML or JSON writes it, or as the text CloudFormation accepts.
    pub fn as_bool(&self) -> Option<bool> {
        match self.text()?.trim() {
            "true" | "True" | "TRUE" => Some(true),
            "false" | "False" | "FALSE" => Some(false),
            _ => None,
        }
    }

    /// A non-negative whole number, written as a number or as text (`"300"`).
    pub fn as_u32(&self) -> Option<u32> {
        let text = self.text()?.trim();
        text.parse::<u32>().ok().or_else(|| {
            // JSON writers sometimes emit `30.0`.
            let f = text.parse::<f64>().ok()?;
            (f.is_finite() && f >= 0.0 && f.fract() == 0.0 && f <= f64::from(u32::MAX))
                .then_some(f as u32)
        })
    }

    /// A number, written as a number or as text.
    pub fn as_f64(&self) -> Option<f64> {
        self.text()?
            .trim()
            .parse::<f64>()
            .ok()
            .filter(|f| f.is_finite())
    }

    /// A short description of what this value is, for messages ("a list", "text").
    pub fn describe(&self) -> &'static str {
        if self.tag.is_some() {
            return "a tagged value";
        }
        match &self.data {
            Data::Scalar { .. } if self.is_null() => "null",
            Data::Scalar { .. } => "a scalar",
            Data::Seq(_) => "a list",
            Data::Map(_) => "a mapping",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scalars_convert_as_templates_write_them() {
        let at = Pos::default();
        assert_eq!(Value::scalar("300", at).as_u32(), Some(300));
        assert_eq!(Value::scalar("30.0", at).as_u32(), Some(30));
        assert_eq!(Value::scalar("-1", at).as_u32(), None);
        assert_eq!(Value::scalar("true", at).as_bool(), Some(true));
        assert!(Value::scalar("~", at).is_null());
        assert!(!Value::scalar("x", at).is_null());
    }
}
