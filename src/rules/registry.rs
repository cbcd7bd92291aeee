//! The explicit, sorted list of every rule. Adding a rule means adding a line here.

use super::{Rule, cost, coup, dr, heal, msg, net, quota, spof};

/// Every rule, sorted by id.
pub static ALL_RULES: &[&dyn Rule] = &[
    &cost::capacity_fixed_at_peak::CapacityFixedAtPeak,
    &cost::redundancy_beyond_objectives::RedundancyBeyondObjectives,
    &cost::self_managed_database_on_ec2::SelfManagedDatabaseOnEc2,
    &cost::idle_billable_component::IdleBillableComponent,
    &coup::tier_to_tier_direct_call::TierToTierDirectCall,
    &coup::synchronous_dependency_cycle::SynchronousDependencyCycle,
    &coup::serial_availability_below_target::SerialAvailabilityBelowTarget,
    &coup::shared_database::SharedDatabase,
    &coup::deferrable_work_handled_synchronously::DeferrableWorkHandledSynchronously,
    &dr::no_recovery_objectives::NoRecoveryObjectives,
    &dr::data_store_without_backup::DataStoreWithoutBackup,
    &dr::backup_cadence_misses_rpo::BackupCadenceMissesRpo,
    &dr::dr_strategy_misses_rto::DrStrategyMissesRto,
    &dr::no_copy_outside_region::NoCopyOutsideRegion,
    &dr::replication_without_point_in_time_recovery::ReplicationWithoutPointInTimeRecovery,
    &dr::stateful_resource_without_deletion_protection::StatefulResourceWithoutDeletionProtection,
    &heal::asg_without_elb_health_check::AsgWithoutElbHealthCheck,
    &heal::no_application_health_check::NoApplicationHealthCheck,
    &heal::front_door_cannot_fail_over::FrontDoorCannotFailOver,
    &msg::payload_exceeds_message_size_limit::PayloadExceedsMessageSizeLimit,
    &msg::fifo_throughput_above_quota::FifoThroughputAboveQuota,
    &msg::consumer_not_safe_for_at_least_once_delivery::ConsumerNotSafeForAtLeastOnceDelivery,
    &msg::no_dead_letter_queue::NoDeadLetterQueue,
    &msg::visibility_timeout_shorter_than_processing::VisibilityTimeoutShorterThanProcessing,
    &msg::short_polling_consumer::ShortPollingConsumer,
    &msg::push_fan_out_without_durable_buffer::PushFanOutWithoutDurableBuffer,
    &msg::retention_shorter_than_consumer_outage::RetentionShorterThanConsumerOutage,
    &net::invalid_or_overlapping_cidr::InvalidOrOverlappingCidr,
    &net::inconsistent_subnet_routing::InconsistentSubnetRouting,
    &net::data_tier_reachable_from_internet::DataTierReachableFromInternet,
    &net::load_balancer_type_mismatches_traffic::LoadBalancerTypeMismatchesTraffic,
    &quota::regional_quota_exceeded::RegionalQuotaExceeded,
    &spof::non_redundant_component_on_request_path::NonRedundantComponentOnRequestPath,
    &spof::workload_does_not_survive_az_loss::WorkloadDoesNotSurviveAzLoss,
    &spof::single_instance_serving_traffic::SingleInstanceServingTraffic,
    &spof::auto_scaling_group_in_one_az::AutoScalingGroupInOneAz,
    &spof::load_balancer_in_one_az::LoadBalancerInOneAz,
    &spof::single_node_stateful_service::SingleNodeStatefulService,
    &spof::zonal_nat_gateway_shared_across_azs::ZonalNatGatewaySharedAcrossAzs,
    &spof::hybrid_connectivity_without_redundancy::HybridConnectivityWithoutRedundancy,
    &spof::vpc_compute_in_one_az::VpcComputeInOneAz,
];

/// The rule with this id or name (case-insensitive).
pub fn rule_by_id(id: &str) -> Option<&'static dyn Rule> {
    ALL_RULES
        .iter()
        .copied()
        .find(|r| r.meta().id.eq_ignore_ascii_case(id) || r.meta().name.eq_ignore_ascii_case(id))
}

#[cfg(test)]
mod tests {
    use std::collections::HashSet;

    use super::*;

    fn id_order(id: &str) -> (String, u32) {
        let (family, number) = id.split_once('-').unwrap();
        (family.to_owned(), number.parse().unwrap())
    }

    #[test]
    fn ids_are_unique_well_formed_and_sorted_within_families() {
        let mut ids = HashSet::new();
        let mut names = HashSet::new();
        for rule in ALL_RULES {
            let meta = rule.meta();
            assert!(ids.insert(meta.id), "duplicate id {}", meta.id);
            assert!(names.insert(meta.name), "duplicate name {}", meta.name);
            let (family, number) = meta.id.split_once('-').unwrap();
            assert_eq!(
                family,
                meta.family.prefix(),
                "{} has the wrong family",
                meta.id
            );
            assert!(
                number.len() == 3 && number.chars().all(|c| c.is_ascii_digit()),
                "{}",
                meta.id
            );
            assert!(
                meta.name
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c == '-' || c.is_ascii_digit())
                    && !meta.name.starts_with('-')
                    && !meta.name.ends_with('-'),
                "{} is not kebab-case",
                meta.name
            );
        }
        let sorted: Vec<_> = ALL_RULES.iter().map(|r| id_order(r.meta().id)).collect();
        let mut expected = sorted.clone();
        expected.sort();
        assert_eq!(sorted, expected, "ALL_RULES must be sorted by id");
    }

    /// `explain` says which release brought a rule, and `--version` and SARIF say which
    /// release this is: no rule can come from a release after this one.
    #[test]
    fn no_rule_is_newer_than_this_release() {
        let version = |text: &str| -> Vec<u32> {
            text.split('.')
                .map(|part| part.parse().expect("a numeric version"))
                .collect()
        };
        let this = version(env!("CARGO_PKG_VERSION"));
        for rule in ALL_RULES {
            let meta = rule.meta();
            assert!(
                version(meta.since) <= this,
                "{} says since {}, but this is {}",
                meta.id,
                meta.since,
                env!("CARGO_PKG_VERSION")
            );
        }
    }

    #[test]
    fn every_rule_is_documented_in_the_template() {
        for rule in ALL_RULES {
            let meta = rule.meta();
            for heading in [
                "## What it flags",
                "## Why it matters",
                "## Use instead",
                "## Known limitations",
            ] {
                assert!(
                    meta.docs.contains(heading),
                    "{} docs lack {heading}",
                    meta.id
                );
            }
            assert!(
                meta.docs.contains("REL") || meta.docs.contains("AWS"),
                "{} docs cite no source",
                meta.id
            );
        }
    }
}
