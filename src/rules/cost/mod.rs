//! Cost: "What do I need right now? Can I afford to pay for capacity I'm not really using?"
//! These rules never contradict the reliability rules: they never ask to remove an AZ or a
//! standby the declared objectives need.

pub mod capacity_fixed_at_peak;
pub mod idle_billable_component;
pub mod redundancy_beyond_objectives;
pub mod self_managed_database_on_ec2;
