//! The example diagrams a rule's documentation names (`fail_…` shows what it flags,
//! `pass_…` what to do instead), built into the binary so that `cloudsketch explain
//! RULE --example` and the editor's Why? panel can open them from anywhere. They are the
//! rule's own test fixtures under `tests/fixtures/rules/<ID>/`.

/// An example diagram for a rule.
#[derive(Clone, Copy, Debug)]
pub struct Example {
    /// Rule id (`"SPOF-003"`).
    pub rule_id: &'static str,
    /// File name (`"fail_lone_instance.ron"`).
    pub file: &'static str,
    /// The diagram, as RON text.
    pub text: &'static str,
}

impl Example {
    /// Whether the example shows what the rule flags (a `fail_…` file), not the fix.
    pub fn flagged(&self) -> bool {
        self.file.starts_with("fail_")
    }
}

macro_rules! examples {
    ($($id:literal => [$($stem:literal),+ $(,)?],)*) => {
        /// Every example, grouped by rule in id order, each rule's in the order its
        /// documentation names them.
        pub const EXAMPLES: &[Example] = &[$($(Example {
            rule_id: $id,
            file: concat!($stem, ".ron"),
            text: include_str!(concat!("../../tests/fixtures/rules/", $id, "/", $stem, ".ron")),
        },)+)*];
    };
}

examples! {
    "COST-001" => ["fail_fixed_size_group", "pass_target_tracking"],
    "COST-002" => ["fail_active_active_for_daily_rto", "pass_active_active_for_minute_rto"],
    "COST-003" => ["fail_mysql_on_ec2", "pass_rds_instead"],
    "COST-004" => ["fail_repository_without_lifecycle", "pass_repository_with_lifecycle"],
    "COUP-001" => ["fail_web_calls_app_instance", "pass_alb_between_tiers", "pass_queue_between_tiers"],
    "COUP-002" => ["fail_orders_and_billing_call_each_other", "pass_one_direction_async"],
    "COUP-003" => ["fail_chain_below_target", "pass_short_redundant_chain"],
    "COUP-004" => ["fail_two_services_one_database", "pass_database_per_service"],
    "COUP-005" => ["fail_deferrable_request", "pass_queued_work"],
    "DR-001" => ["fail_no_objectives", "pass_objectives_declared"],
    "DR-002" => ["fail_rds_backups_off", "pass_rds_backups_on", "pass_dynamodb_in_backup_plan"],
    "DR-003" => ["fail_daily_copy_hourly_rpo", "pass_hourly_copy"],
    "DR-004" => ["fail_backup_restore_fast_rto", "fail_only_copy_in_archive", "pass_pilot_light_one_hour"],
    "DR-005" => ["fail_backups_stay_in_region", "pass_backup_copied_to_second_region"],
    "DR-006" => ["fail_replica_bucket_unversioned", "pass_both_buckets_versioned"],
    "DR-007" => ["fail_database_unprotected", "pass_database_protected"],
    "HEAL-001" => ["fail_ec2_health_check", "pass_elb_health_check"],
    "HEAL-002" => ["fail_health_check_off", "pass_health_checked"],
    "HEAL-003" => ["fail_simple_routing_two_regions", "pass_failover_with_health_checks"],
    "MSG-001" => ["fail_payload_above_queue_limit", "pass_claim_check"],
    "MSG-002" => ["fail_fifo_above_300", "pass_fifo_batched"],
    "MSG-003" => ["fail_consumer_not_idempotent", "pass_idempotent_consumer"],
    "MSG-004" => ["fail_queue_without_dlq", "pass_dlq_with_alarm"],
    "MSG-005" => ["fail_lambda_timeout_above_visibility", "pass_visibility_above_timeout"],
    "MSG-006" => ["fail_worker_short_polls", "pass_worker_long_polls"],
    "MSG-007" => ["fail_topic_pushes_to_writer", "pass_topic_fans_out_to_queues"],
    "MSG-008" => ["fail_retention_below_rto", "pass_retention_above_rto"],
    "NET-001" => ["fail_subnet_too_small_for_group", "fail_overlaps_on_premises", "pass_sized_subnets"],
    "NET-002" => ["fail_private_subnet_without_egress", "fail_load_balancer_scheme_unset_without_internet_gateway", "pass_private_subnet_through_nat"],
    "NET-003" => ["fail_public_database", "pass_private_database"],
    "NET-004" => ["fail_nlb_with_http_listener", "pass_nlb_with_tls"],
    "QUOTA-001" => ["fail_lambda_concurrency_above_quota", "pass_raised_quota"],
    "SPOF-001" => ["fail_single_web_server", "fail_group_size_not_set", "pass_asg_across_two_azs", "pass_parallel_paths"],
    "SPOF-002" => ["fail_everything_in_one_az", "pass_two_az_stack"],
    "SPOF-003" => ["fail_lone_instance", "pass_instance_in_asg", "pass_ecs_two_tasks", "fail_two_lone_instances_behind_one_load_balancer"],
    "SPOF-004" => ["fail_asg_one_subnet", "pass_asg_two_subnets"],
    "SPOF-005" => ["fail_alb_one_subnet", "pass_alb_two_azs"],
    "SPOF-006" => ["fail_single_az_rds", "pass_multi_az_rds", "pass_redis_with_failover"],
    "SPOF-007" => ["fail_one_nat_two_azs", "pass_nat_per_az", "pass_regional_nat"],
    "SPOF-008" => ["fail_single_direct_connect", "pass_dx_with_vpn_backup"],
    "SPOF-009" => ["fail_lambda_one_subnet", "pass_lambda_two_subnets"],
}

/// The examples of a rule, in the order its documentation names them.
pub fn of_rule(rule_id: &str) -> impl Iterator<Item = &'static Example> + '_ {
    EXAMPLES
        .iter()
        .filter(move |e| e.rule_id.eq_ignore_ascii_case(rule_id))
}

/// The example of `rule_id` called `file` (with or without `.ron`, ignoring case), or
/// without a name its first flagged example.
pub fn find(rule_id: &str, file: Option<&str>) -> Option<&'static Example> {
    match file {
        Some(name) => {
            let name = name.trim();
            of_rule(rule_id).find(|e| {
                e.file.eq_ignore_ascii_case(name)
                    || e.file
                        .strip_suffix(".ron")
                        .is_some_and(|s| s.eq_ignore_ascii_case(name))
            })
        }
        None => of_rule(rule_id).find(|e| e.flagged()),
    }
}

/// `docs` with the fixture folder taken off example paths, since the examples are built
/// in: `tests/fixtures/rules/SPOF-003/fail_lone_instance.ron` reads
/// `fail_lone_instance.ron`.
pub fn without_fixture_paths(docs: &str) -> String {
    const FOLDER: &str = "tests/fixtures/rules/";
    let mut out = String::with_capacity(docs.len());
    let mut rest = docs;
    while let Some(at) = rest.find(FOLDER) {
        out.push_str(&rest[..at]);
        let after = &rest[at + FOLDER.len()..];
        // Skip the rule folder (`SPOF-003/`).
        rest = after.find('/').map_or(after, |slash| &after[slash + 1..]);
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::ALL_RULES;

    /// The example files a rule's documentation names, in order, without repeats.
    fn named_in_docs(docs: &str) -> Vec<String> {
        let mut names: Vec<String> = Vec::new();
        for word in docs.split(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c == '.')) {
            if (word.starts_with("fail_") || word.starts_with("pass_"))
                && word.ends_with(".ron")
                && !names.iter().any(|n| n == word)
            {
                names.push(word.to_owned());
            }
        }
        names
    }

    #[test]
    fn every_example_the_docs_name_is_built_in_and_nothing_else() {
        for rule in ALL_RULES {
            let meta = rule.meta();
            let built_in: Vec<&str> = of_rule(meta.id).map(|e| e.file).collect();
            let named = named_in_docs(meta.docs);
            assert_eq!(built_in, named, "{}", meta.id);
            assert!(
                built_in.iter().any(|f| f.starts_with("fail_")),
                "{} has no flagged example",
                meta.id
            );
        }
        assert!(
            EXAMPLES
                .iter()
                .all(|e| crate::rules::rule_by_id(e.rule_id).is_some())
        );
    }

    #[test]
    fn every_example_loads_and_shows_what_its_name_says() {
        use crate::rules::{LintConfig, lint};
        for e in EXAMPLES {
            let diagram = crate::io::load_str(e.text, std::path::Path::new(e.file))
                .unwrap_or_else(|err| panic!("{}/{}: {err}", e.rule_id, e.file));
            let raised = lint(&diagram, &LintConfig::default())
                .of_rule(e.rule_id)
                .count();
            assert_eq!(raised > 0, e.flagged(), "{}/{}", e.rule_id, e.file);
        }
    }

    #[test]
    fn examples_are_found_by_file_name_or_stem() {
        let first = find("spof-003", None).expect("a flagged example");
        assert_eq!(first.file, "fail_lone_instance.ron");
        assert_eq!(
            find("SPOF-003", Some("pass_instance_in_asg")).map(|e| e.file),
            Some("pass_instance_in_asg.ron")
        );
        assert!(find("SPOF-003", Some("nope")).is_none());
        assert!(find("NOPE-1", None).is_none());
    }

    #[test]
    fn fixture_paths_become_file_names() {
        assert_eq!(
            without_fixture_paths("See `tests/fixtures/rules/NET-001/fail_a.ron`, `b.ron`."),
            "See `fail_a.ron`, `b.ron`."
        );
        assert_eq!(without_fixture_paths("nothing here"), "nothing here");
    }
}
