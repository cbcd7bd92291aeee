//! `declare_rule!`: one block per rule holding its unit struct, permanent id, name, family,
//! severity and the `///` docs, captured as text (the clippy technique) so `explain`, the
//! app and the registry tests all read the same words.

/// Declares a rule's struct and its [`RuleMeta`](crate::rules::RuleMeta).
macro_rules! declare_rule {
    (
        $(#[doc = $doc:expr])*
        pub $name:ident {
            id: $id:literal,
            name: $rule_name:literal,
            family: $family:ident,
            default_severity: $severity:ident,
            since: $since:literal $(,)?
        }
    ) => {
        $(#[doc = $doc])*
        #[derive(Clone, Copy, Debug, Default)]
        pub struct $name;

        impl $name {
            /// Static facts about this rule.
            pub const META: $crate::rules::RuleMeta = $crate::rules::RuleMeta {
                id: $id,
                name: $rule_name,
                family: $crate::rules::Family::$family,
                default_severity: $crate::model::Severity::$severity,
                since: $since,
                status: $crate::rules::Status::Stable,
                docs: concat!($($doc, "\n"),*),
            };

            /// A finding of this rule.
            #[allow(dead_code)]
            fn finding(severity: $crate::model::Severity, message: impl Into<String>) -> $crate::rules::Finding {
                $crate::rules::Finding::new($id, severity, message)
            }
        }
    };
}
