//! `text!`: finding messages and fix titles joined from pieces.

/// Joins string pieces into one `String`, allocated once at its final length:
/// `text!(store.display_name(), " has no backup")`.
///
/// A lint run writes a message and often a fix title per finding, hundreds per run;
/// `format!` costs several times as much for plain text (its formatting machinery, and
/// regrowing a string whose length it guessed). Use `format!` where a piece is a number.
macro_rules! text {
    ($($piece:expr),+ $(,)?) => {
        [$(::core::convert::AsRef::<str>::as_ref(&$piece)),+].concat()
    };
}

#[cfg(test)]
mod tests {
    #[test]
    fn joins_borrowed_and_owned_pieces() {
        let owned = String::from("web");
        let borrowed: &str = "db";
        assert_eq!(text!(owned, " calls ", borrowed), "web calls db");
        assert_eq!(text!("alone"), "alone");
        let joined = text!(owned.as_str(), ", ", &owned);
        assert_eq!(joined, "web, web");
        assert_eq!(joined.capacity(), joined.len());
    }
}
