//! Readable identifiers of components and links.
//!
//! Ids are what files, findings, selections and undo entries refer to, so they are
//! human-readable slugs (`"web-asg"`), never graph indices.

use std::fmt;
use std::sync::Arc;

use serde::{Deserialize, Serialize};

/// Longest id accepted, in bytes.
pub const MAX_ID_LEN: usize = 128;

/// Why a string is not a valid id.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum IdError {
    /// The id is the empty string.
    #[error("an id cannot be empty")]
    Empty,

    /// The id is longer than [`MAX_ID_LEN`].
    #[error("id is {len} bytes long, the limit is {MAX_ID_LEN}")]
    TooLong {
        /// Length in bytes.
        len: usize,
    },

    /// The id contains a character outside the allowed set.
    #[error(
        "id {id:?} contains {ch:?}; ids use letters, digits and `-`, `_`, `.`, `:`, `>` and start with a letter or digit"
    )]
    BadChar {
        /// The offending id (escaped when printed).
        id: String,
        /// The first character that is not allowed.
        ch: char,
    },
}

fn check_id(text: &str) -> Result<(), IdError> {
    let Some(first) = text.chars().next() else {
        return Err(IdError::Empty);
    };
    if text.len() > MAX_ID_LEN {
        return Err(IdError::TooLong { len: text.len() });
    }
    let allowed =
        |ch: char| ch.is_ascii_alphanumeric() || matches!(ch, '-' | '_' | '.' | ':' | '>');
    let bad = if first.is_ascii_alphanumeric() {
        text.chars().find(|&ch| !allowed(ch))
    } else {
        Some(first)
    };
    match bad {
        Some(ch) => Err(IdError::BadChar {
            id: text.to_owned(),
            ch,
        }),
        None => Ok(()),
    }
}

macro_rules! id_type {
    ($(#[$meta:meta])* $name:ident) => {
        $(#[$meta])*
        ///
        /// The text is shared: a clone is a reference-count bump, and clones of one id
        /// compare equal without reading the text.
        #[derive(Clone, Debug, Deserialize)]
        #[serde(try_from = "String")]
        pub struct $name(Arc<str>);

        impl $name {
            /// Makes an id, checking that it is a well-formed slug.
            pub fn new(text: impl Into<String>) -> Result<Self, IdError> {
                let text = text.into();
                check_id(&text)?;
                Ok(Self(text.into()))
            }

            /// The id as text.
            pub fn as_str(&self) -> &str {
                &self.0
            }

            /// Whether `self` and `other` share their text (one is a clone of the other).
            pub fn same_text(&self, other: &Self) -> bool {
                Arc::ptr_eq(&self.0, &other.0)
            }

            /// Address of the shared text: equal for an id and its clones.
            pub fn text_address(&self) -> usize {
                self.0.as_ptr() as usize
            }
        }

        impl PartialEq for $name {
            fn eq(&self, other: &Self) -> bool {
                self.same_text(other) || *self.0 == *other.0
            }
        }

        impl Eq for $name {}

        impl PartialOrd for $name {
            fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
                Some(self.cmp(other))
            }
        }

        impl Ord for $name {
            fn cmp(&self, other: &Self) -> std::cmp::Ordering {
                if self.same_text(other) {
                    std::cmp::Ordering::Equal
                } else {
                    self.0.cmp(&other.0)
                }
            }
        }

        impl std::hash::Hash for $name {
            fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
                // As `str` hashes, so that lookups by `&str` (through `Borrow`) agree.
                self.as_str().hash(state);
            }
        }

        impl Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(&self.0)
            }
        }

        impl TryFrom<String> for $name {
            type Error = IdError;

            fn try_from(text: String) -> Result<Self, IdError> {
                Self::new(text)
            }
        }

        impl TryFrom<&str> for $name {
            type Error = IdError;

            fn try_from(text: &str) -> Result<Self, IdError> {
                Self::new(text)
            }
        }

        impl From<$name> for String {
            fn from(id: $name) -> String {
                id.0.as_ref().to_owned()
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl std::borrow::Borrow<str> for $name {
            fn borrow(&self) -> &str {
                &self.0
            }
        }
    };
}

id_type!(
    /// Public identity of a component (`"web-asg"`).
    ComponentId
);

id_type!(
    /// Public identity of a link (`"web->app"` by default).
    LinkId
);

impl LinkId {
    /// The id a link gets when its file entry names none: `"from->to"`.
    pub fn derived(from: &ComponentId, to: &ComponentId) -> Self {
        // Both halves are valid ids and `->` is in the allowed set, so this cannot fail
        // except on length, where we fall back to a truncated but still unique-ish form.
        let text = format!("{from}->{to}");
        if text.len() <= MAX_ID_LEN {
            Self(text.into())
        } else {
            Self(text[..MAX_ID_LEN].into())
        }
    }
}

/// The first of `slug`, `slug-2`, `slug-3`, … that is not `taken` and that `make` accepts:
/// how new ids stay readable and unique (new components and links, imported resources).
pub fn first_free<T>(
    slug: &str,
    taken: impl Fn(&str) -> bool,
    make: impl Fn(String) -> Result<T, IdError>,
) -> T {
    let mut n = 1u64;
    loop {
        let candidate = if n == 1 {
            slug.to_owned()
        } else {
            format!("{slug}-{n}")
        };
        if !taken(&candidate)
            && let Ok(id) = make(candidate)
        {
            return id;
        }
        n += 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_slugs_and_rejects_control_characters() {
        assert!(ComponentId::new("web-asg").is_ok());
        assert!(ComponentId::new("db.primary_1").is_ok());
        assert_eq!(ComponentId::new(""), Err(IdError::Empty));
        assert!(matches!(
            ComponentId::new("bad\u{7}id"),
            Err(IdError::BadChar { ch: '\u{7}', .. })
        ));
        assert!(matches!(
            ComponentId::new("-lead"),
            Err(IdError::BadChar { ch: '-', .. })
        ));
        assert!(matches!(
            ComponentId::new("x".repeat(200)),
            Err(IdError::TooLong { len: 200 })
        ));
    }

    #[test]
    fn derived_link_id_joins_ends() {
        let a = ComponentId::new("web").unwrap();
        let b = ComponentId::new("app").unwrap();
        assert_eq!(LinkId::derived(&a, &b).as_str(), "web->app");
    }
}
