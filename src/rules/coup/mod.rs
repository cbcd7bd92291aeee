//! Tight coupling: "Are there any tight dependencies? Switch to microservices."

pub mod deferrable_work_handled_synchronously;
pub mod serial_availability_below_target;
pub mod shared_database;
pub mod synchronous_dependency_cycle;
pub mod tier_to_tier_direct_call;
