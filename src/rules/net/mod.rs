//! Networking: CIDR blocks, route tables, exposure to the Internet and load-balancer
//! layers.

pub mod data_tier_reachable_from_internet;
pub mod inconsistent_subnet_routing;
pub mod invalid_or_overlapping_cidr;
pub mod load_balancer_type_mismatches_traffic;
