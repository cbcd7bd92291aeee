//! Migrations from older format versions to the current one.
//!
//! Each entry turns the text of version `n` into the text of version `n + 1`; loading
//! runs every step from the file's version up to [`FORMAT_VERSION`]. Version 1 is the
//! first, so the table is empty until the format changes; the walk and its errors are
//! already exercised by the tests.

use std::borrow::Cow;

use super::format::FORMAT_VERSION;

/// One migration step: the text of version `from` to the text of version `from + 1`.
pub struct Migration {
    /// Version this step reads.
    pub from: u32,
    /// Rewrites the text.
    pub run: fn(&str) -> Result<String, String>,
}

/// Every migration, oldest first.
pub const MIGRATIONS: &[Migration] = &[];

/// Oldest version that can be read.
pub const OLDEST_VERSION: u32 = 1;

/// Why a file's version cannot be brought up to date.
#[derive(Debug, PartialEq, Eq)]
pub enum MigrateError {
    /// Newer than this build.
    Newer,
    /// Not a version that ever existed.
    Unknown,
    /// A step failed.
    Step {
        /// The version whose step failed.
        from: u32,
        /// What went wrong.
        message: String,
    },
}

/// Brings `text` of `version` up to [`FORMAT_VERSION`].
pub fn migrate(version: u32, text: &str) -> Result<Cow<'_, str>, MigrateError> {
    migrate_with(version, text, MIGRATIONS, FORMAT_VERSION)
}

fn migrate_with<'a>(
    version: u32,
    text: &'a str,
    steps: &[Migration],
    current: u32,
) -> Result<Cow<'a, str>, MigrateError> {
    if version > current {
        return Err(MigrateError::Newer);
    }
    if version < OLDEST_VERSION.min(steps.first().map_or(current, |s| s.from)) {
        return Err(MigrateError::Unknown);
    }
    let mut text = Cow::Borrowed(text);
    for v in version..current {
        let step = steps
            .iter()
            .find(|s| s.from == v)
            .ok_or(MigrateError::Unknown)?;
        text = Cow::Owned(
            (step.run)(&text).map_err(|message| MigrateError::Step { from: v, message })?,
        );
    }
    Ok(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn walks_every_step_in_order() {
        let steps = [
            Migration {
                from: 1,
                run: |t| Ok(t.replace("a", "b")),
            },
            Migration {
                from: 2,
                run: |t| Ok(format!("{t}!")),
            },
        ];
        assert_eq!(migrate_with(1, "aa", &steps, 3).unwrap(), "bb!");
        assert_eq!(migrate_with(3, "aa", &steps, 3).unwrap(), "aa");
        assert_eq!(migrate_with(4, "aa", &steps, 3), Err(MigrateError::Newer));
        let failing = [Migration {
            from: 1,
            run: |_| Err("bad".to_owned()),
        }];
        assert!(matches!(
            migrate_with(1, "x", &failing, 2),
            Err(MigrateError::Step { from: 1, .. })
        ));
    }

    #[test]
    fn current_version_needs_no_migration() {
        assert_eq!(migrate(FORMAT_VERSION, "x").unwrap(), "x");
        assert_eq!(migrate(FORMAT_VERSION + 1, "x"), Err(MigrateError::Newer));
        assert_eq!(migrate(0, "x"), Err(MigrateError::Unknown));
    }
}
