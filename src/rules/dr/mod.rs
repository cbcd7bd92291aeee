//! Disaster recovery: "Can it recover from disaster?"

pub mod backup_cadence_misses_rpo;
pub mod data_store_without_backup;
pub mod dr_strategy_misses_rto;
pub mod no_copy_outside_region;
pub mod no_recovery_objectives;
pub mod replication_without_point_in_time_recovery;
pub mod stateful_resource_without_deletion_protection;
