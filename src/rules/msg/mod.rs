//! Messaging limits and semantics: SQS, SNS and EventBridge facts as of 2026 (SQS and SNS
//! accept up to 1 MiB, queue and topic `MaximumMessageSize` default 256 KiB; FIFO 300
//! transactions per second per API action, 3,000 messages with batches of 10).

pub mod consumer_not_safe_for_at_least_once_delivery;
pub mod fifo_throughput_above_quota;
pub mod no_dead_letter_queue;
pub mod payload_exceeds_message_size_limit;
pub mod push_fan_out_without_durable_buffer;
pub mod retention_shorter_than_consumer_outage;
pub mod short_polling_consumer;
pub mod visibility_timeout_shorter_than_processing;

use crate::model::settings::{Settings, SnsSettings, SqsSettings};
use crate::model::{Component, LinkKind};
use crate::rules::context::LintContext;

/// The hard ceiling of an SQS or SNS message, and of EventBridge events and asynchronous
/// Lambda payloads (1 MiB).
pub const SERVICE_MAX_MESSAGE_BYTES: u64 = 1_048_576;

/// Queue settings of an SQS queue.
pub fn sqs(c: &Component) -> Option<&SqsSettings> {
    match &c.props.settings {
        Settings::Sqs(s) => Some(s),
        _ => None,
    }
}

/// Topic settings of an SNS topic.
pub fn sns(c: &Component) -> Option<&SnsSettings> {
    match &c.props.settings {
        Settings::Sns(s) => Some(s),
        _ => None,
    }
}

/// Links that take messages out of a queue for a consumer (polling or an event source
/// mapping), with their consumers.
pub fn consumers<'a>(
    cx: &LintContext<'a>,
    queue: &Component,
) -> Vec<(&'a crate::model::Link, &'a Component)> {
    cx.outgoing(&queue.id)
        .iter()
        .copied()
        .filter(|l| matches!(l.kind, LinkKind::Consume | LinkKind::Trigger))
        .filter_map(|l| cx.component(&l.to).map(|c| (l, c)))
        .collect()
}

/// Messages per second arriving at a queue or topic: the sum over its drawn senders, or the
/// queue's expected rate when no sender gives one.
pub fn inbound_rate(cx: &LintContext<'_>, c: &Component) -> Option<f64> {
    let rates: Vec<f64> = cx
        .incoming(&c.id)
        .iter()
        .filter(|l| matches!(l.kind, LinkKind::Send | LinkKind::Subscribe))
        .filter_map(|l| l.props.msgs_per_sec)
        .collect();
    if rates.is_empty() {
        sqs(c).and_then(|s| s.expected_msgs_per_sec)
    } else {
        Some(rates.iter().sum())
    }
}
