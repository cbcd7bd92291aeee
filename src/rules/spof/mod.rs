//! Single points of failure: "Are there single points of failure?"

pub mod auto_scaling_group_in_one_az;
pub mod hybrid_connectivity_without_redundancy;
pub mod load_balancer_in_one_az;
pub mod non_redundant_component_on_request_path;
pub mod single_instance_serving_traffic;
pub mod single_node_stateful_service;
pub mod vpc_compute_in_one_az;
pub mod workload_does_not_survive_az_loss;
pub mod zonal_nat_gateway_shared_across_azs;
