//! MSG-004: failed messages with nowhere to go, or a dead-letter queue nobody watches.

use crate::model::{Component, Kind, LinkKind, Severity};
use crate::rules::context::LintContext;
use crate::rules::msg::{consumers, sns, sqs};
use crate::rules::{Finding, Rule, RuleMeta, fixes};

declare_rule! {
    /// ## What it flags
    /// An SQS queue with a consumer but no dead-letter queue; an SNS topic with
    /// subscriptions but no dead-letter queue for failed deliveries; a Lambda function
    /// invoked asynchronously (S3 or EventBridge trigger, SNS subscription) without a
    /// dead-letter queue or failure destination; a dead-letter queue without an alarm
    /// (`monitored`); a FIFO source with a standard dead-letter queue; an SNS dead-letter
    /// queue in another Region. High when the queue or its consumer is critical.
    ///
    /// ## Why it matters
    /// Poison messages are retried forever or silently dropped (SNS "discards the message —
    /// unless a dead-letter queue is attached"). AWS Well-Architected REL05-BP04
    /// (anti-pattern "not configuring dead letter queues (DLQ) or alarms on DLQ volumes");
    /// AWS Config `lambda-dlq-check`; checkov CKV_AWS_116; serverless-rules ES7000.
    ///
    /// ## Example
    /// `tests/fixtures/rules/MSG-004/fail_queue_without_dlq.ron`
    ///
    /// ## Use instead
    /// A DLQ with `maxReceiveCount` and an alarm on its depth (`pass_dlq_with_alarm.ron`).
    ///
    /// ## Known limitations
    /// A DeadLetter link from a topic stands for the redrive policy of all its
    /// subscriptions. Lambda on-failure destinations are drawn as DeadLetter links.
    pub NoDeadLetterQueue {
        id: "MSG-004",
        name: "no-dead-letter-queue",
        family: Msg,
        default_severity: Medium,
        since: "0.2.0",
    }
}

fn dead_letter_targets<'a>(cx: &LintContext<'a>, c: &Component) -> Vec<&'a Component> {
    cx.outgoing(&c.id)
        .iter()
        .filter(|l| l.kind == LinkKind::DeadLetter)
        .filter_map(|l| cx.component(&l.to))
        .collect()
}

fn invoked_async(cx: &LintContext<'_>, lambda: &Component) -> bool {
    cx.incoming(&lambda.id).iter().any(|l| {
        l.kind == LinkKind::Subscribe
            || (l.kind == LinkKind::Trigger
                && cx
                    .component(&l.from)
                    .is_some_and(|f| matches!(f.kind, Kind::S3 | Kind::EventBridge)))
    })
}

impl Rule for NoDeadLetterQueue {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &LintContext<'_>, out: &mut Vec<Finding>) {
        // Only queues, topics and functions can lack a dead-letter queue (settings match
        // kinds), and the engine sorts the findings afterwards.
        let sources = [Kind::Sqs, Kind::Sns, Kind::Lambda]
            .into_iter()
            .flat_map(|kind| cx.of_kind(kind).iter().copied());
        for c in sources {
            let dlqs = dead_letter_targets(cx, c);
            let name = c.display_name();
            let missing = if !dlqs.is_empty() {
                None
            } else if sqs(c).is_some() {
                let consumers = consumers(cx, c);
                (!consumers.is_empty()).then(|| {
                    let critical = c.props.common.critical == Some(true)
                        || consumers.iter().any(|(_, k)| k.props.common.critical == Some(true));
                    (critical, text!(name, " has consumers but no dead-letter queue, so a message that always fails is retried until it expires"))
                })
            } else if sns(c).is_some() {
                cx.outgoing(&c.id).iter().any(|l| l.kind == LinkKind::Subscribe).then(|| {
                    (c.props.common.critical == Some(true), text!(name, " has subscriptions but no dead-letter queue, so SNS discards messages it fails to deliver"))
                })
            } else if c.kind == Kind::Lambda && invoked_async(cx, c) {
                Some((
                    c.props.common.critical == Some(true),
                    text!(
                        name,
                        " is invoked asynchronously but has no dead-letter queue or failure destination, so failed events are dropped"
                    ),
                ))
            } else {
                None
            };
            if let Some((critical, message)) = missing {
                let severity = if critical {
                    Severity::High
                } else {
                    Severity::Medium
                };
                out.push(
                    Self::finding(severity, message)
                        .component(&c.id)
                        .with_fix(fixes::add_dead_letter_queue(c)),
                );
            }
            let source_fifo = sqs(c).is_some_and(|q| q.fifo()) || sns(c).is_some_and(|t| t.fifo());
            for dlq in dlqs {
                if source_fifo && sqs(dlq).is_some_and(|q| !q.fifo()) {
                    out.push(
                        Self::finding(
                            Severity::Medium,
                            format!("{name} is FIFO but its dead-letter queue {} is a standard queue; a FIFO source needs a FIFO dead-letter queue", dlq.display_name()),
                        )
                        .component(&c.id)
                        .component(&dlq.id),
                    );
                }
                if sns(c).is_some()
                    && let (Some(a), Some(b)) = (cx.region_of(&c.id), cx.region_of(&dlq.id))
                    && a.id != b.id
                {
                    out.push(
                        Self::finding(
                            Severity::Medium,
                            format!("{name} sends failed deliveries to {}, in another Region; an SNS dead-letter queue must be in the topic's account and Region", dlq.display_name()),
                        )
                        .component(&c.id)
                        .component(&dlq.id),
                    );
                }
            }
            if sqs(c).is_some()
                && c.props.common.monitored != Some(true)
                && cx
                    .incoming(&c.id)
                    .iter()
                    .any(|l| l.kind == LinkKind::DeadLetter)
            {
                out.push(
                    Self::finding(
                        Severity::Medium,
                        text!(
                            name,
                            " collects dead letters but has no alarm, so failures pile up unnoticed"
                        ),
                    )
                    .component(&c.id)
                    .with_fix(Some(fixes::change_common(
                        c,
                        text!("Alarm on the depth of ", name),
                        |s| s.monitored = Some(true),
                    ))),
                );
            }
        }
    }
}
