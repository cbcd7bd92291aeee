//! Disaster recovery: "Can it recover from disaster?"

pub mod data_store_without_backup;
pub mod no_recovery_objectives;
