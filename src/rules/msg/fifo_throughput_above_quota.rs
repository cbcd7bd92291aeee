//! MSG-002: a FIFO queue asked to move more messages than its quota allows.

use crate::model::settings::Settings;
use crate::model::{Kind, LinkKind, Severity};
use crate::rules::context::LintContext;
use crate::rules::msg::{inbound_rate, sqs};
use crate::rules::{Finding, Rule, RuleMeta, fixes};

declare_rule! {
    /// ## What it flags
    /// A FIFO queue whose peak rate exceeds 300 messages per second (one message per call:
    /// 300 transactions per second per API action) or 3,000 with batches of 10; the limit
    /// applies to SendMessage on the producer side and to ReceiveMessage and DeleteMessage on
    /// the consumer side alike. With high throughput on, the rate is compared with the
    /// queue's `fifo_quota_msgs_per_sec` (per-Region), and said to be unknown at info
    /// severity when that is not set and the rate is above 3,000. Info as well when a FIFO
    /// queue carries more than 300 messages per second but no flow needs ordering or
    /// deduplication.
    ///
    /// ## Why it matters
    /// Requests above the quota get `ThrottlingException`. AWS SQS "Troubleshoot FIFO throttling
    /// issues"; SQS message quotas ("3,000 transactions per second represents 300 API calls,
    /// each with a batch of 10 messages"); SQS "High throughput for FIFO queues".
    ///
    /// ## Example
    /// `tests/fixtures/rules/MSG-002/fail_fifo_above_300.ron`
    ///
    /// ## Use instead
    /// Batch up to 10 messages per call, enable high-throughput mode with many message
    /// groups, or use a standard queue when order does not matter (`pass_fifo_batched.ron`).
    ///
    /// ## Known limitations
    /// High-throughput quotas differ by Region and are not built in: set
    /// `fifo_quota_msgs_per_sec`. The spread over message group ids is not modelled.
    pub FifoThroughputAboveQuota {
        id: "MSG-002",
        name: "fifo-throughput-above-quota",
        family: Msg,
        default_severity: High,
        since: "0.2.0",
    }
}

impl Rule for FifoThroughputAboveQuota {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &LintContext<'_>, out: &mut Vec<Finding>) {
        for &c in cx.of_kind(Kind::Sqs) {
            let Some(q) = sqs(c) else { continue };
            if !q.fifo() {
                continue;
            }
            let Some(rate) = inbound_rate(cx, c) else {
                continue;
            };
            let name = c.display_name();
            let base = if q.batching() { 3_000.0 } else { 300.0 };
            if q.high_throughput() {
                match q.fifo_quota_msgs_per_sec {
                    Some(quota) if rate > quota => out.push(
                        Self::finding(
                            Severity::High,
                            format!("{name} expects {rate} messages/s, above its high-throughput FIFO quota of {quota} per API action"),
                        )
                        .component(&c.id),
                    ),
                    None if rate > 3_000.0 => out.push(
                        Self::finding(
                            Severity::Info,
                            format!("{name} expects {rate} messages/s in high-throughput mode; whether that fits depends on the Region's FIFO quota, which is not set"),
                        )
                        .component(&c.id),
                    ),
                    _ => {}
                }
            } else if rate > base {
                let fix = if !q.batching() && rate <= 3_000.0 {
                    fixes::change_settings(
                        c,
                        format!("Send and receive in batches of 10 on {name}"),
                        |s| {
                            if let Settings::Sqs(s) = s {
                                s.batching = Some(true);
                            }
                        },
                    )
                } else {
                    fixes::change_settings(
                        c,
                        format!("Enable high-throughput mode on {name}"),
                        |s| {
                            if let Settings::Sqs(s) = s {
                                s.high_throughput = Some(true);
                            }
                        },
                    )
                };
                out.push(
                    Self::finding(
                        Severity::High,
                        format!(
                            "{name} expects {rate} messages/s, above the FIFO quota of {base} per API action ({}), so producers and consumers get throttled",
                            if q.batching() { "batches of 10" } else { "one message per call" }
                        ),
                    )
                    .component(&c.id)
                    .with_fix(Some(fix)),
                );
            }
            let needs_fifo = cx.incoming(&c.id).iter().any(|l| {
                l.kind == LinkKind::Send
                    && (l.props.ordering_required == Some(true)
                        || l.props.dedup_required == Some(true))
            });
            if !needs_fifo && rate > 300.0 {
                out.push(
                    Self::finding(
                        Severity::Info,
                        format!("{name} is FIFO at {rate} messages/s but no sender needs ordering or deduplication; a standard queue with idempotent consumers has no such quota"),
                    )
                    .component(&c.id),
                );
            }
        }
    }
}
