//! Files and formats: the versioned RON diagram format, atomic saving, migrations, and the
//! import of CloudFormation and Terraform.
//!
//! Depends on `model` only; never on egui or dialogs.

pub mod error;
pub mod format;
pub mod import;
pub mod load;
pub mod locate;
pub mod migrate;
pub mod samples;
pub mod save;

pub use error::{LoadError, SaveError};
pub use load::{MAX_FILE_BYTES, load_bytes, load_for_editor, load_path, load_str};
pub use save::{save_path, to_string};
