//! `cloudsketch kinds`: the catalog of component kinds, as a table.

use super::{EXIT_OK, print_out};
use crate::model::{Category, Kind};

/// Runs `kinds`; returns the exit code.
pub fn run() -> u8 {
    let mut out = String::new();
    for category in Category::ALL {
        out.push_str(&format!("{}\n", category.label()));
        for kind in Kind::ALL.iter().filter(|k| k.info().category == category) {
            let info = kind.info();
            out.push_str(&format!(
                "  {:<18} {:<28} {}\n",
                info.ident,
                info.name,
                info.aliases.join(", ")
            ));
        }
    }
    print_out(&out);
    EXIT_OK
}
