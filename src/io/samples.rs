//! Sample diagrams bundled in the binary, so they open from any folder.

/// A bundled sample.
#[derive(Clone, Copy, Debug)]
pub struct Sample {
    /// File stem (`"three_tier_resilient"`).
    pub name: &'static str,
    /// Menu title.
    pub title: &'static str,
    /// File contents.
    pub text: &'static str,
}

macro_rules! samples {
    ($($name:literal => $title:literal,)*) => {
        /// Every bundled sample, in menu order.
        pub const SAMPLES: &[Sample] = &[$(Sample {
            name: $name,
            title: $title,
            text: include_str!(concat!("../../samples/", $name, ".ron")),
        },)*];
    };
}

samples! {
    "three_tier_tightly_coupled" => "Three tiers, tightly coupled",
    "three_tier_resilient" => "Three tiers, resilient",
    "serverless_api" => "Serverless API",
    "microservices_ecs" => "Microservices on ECS",
    "multi_region_dr" => "Multi-Region disaster recovery",
    "hybrid_on_premises" => "Hybrid with on-premises",
}

/// The sample with this file stem.
pub fn by_name(name: &str) -> Option<&'static Sample> {
    SAMPLES.iter().find(|s| s.name == name)
}
