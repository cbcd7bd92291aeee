//! MSG-007: SNS pushing straight to a consumer that matters, with nothing to hold the
//! message when the push fails.

use crate::model::settings::SqsSettings;
use crate::model::{Component, Edit, Kind, Link, LinkKind, Settings, Severity};
use crate::rules::context::{LintContext, is_data_store};
use crate::rules::msg::sns;
use crate::rules::{Finding, Fix, Rule, RuleMeta};

declare_rule! {
    /// ## What it flags
    /// A standard SNS topic subscribed directly (HTTP/S, email, SMS, Lambda, …; anything but
    /// an SQS queue) by a critical consumer or one that writes a data store, when the topic
    /// has no dead-letter queue; and a sender that needs ordering publishing to a standard
    /// topic.
    ///
    /// ## Why it matters
    /// SNS stores nothing: after its delivery retries "Amazon SNS stops retrying the delivery
    /// and discards the message—unless a dead-letter queue is attached to the subscription"
    /// (SNS message delivery retries; SNS dead-letter queues). AWS Well-Architected
    /// REL04-BP02 (SQS as the durable intermediate); SNS FIFO archiving and replay (up to
    /// 365 days).
    ///
    /// ## Example
    /// `tests/fixtures/rules/MSG-007/fail_topic_pushes_to_writer.ron`
    ///
    /// ## Use instead
    /// SNS → one SQS queue per consumer → consumer; or a subscription dead-letter queue; a
    /// FIFO topic with an archive when replay is needed (`pass_topic_fans_out_to_queues.ron`).
    ///
    /// ## Known limitations
    /// A DeadLetter link from the topic stands for the subscriptions' redrive policies.
    pub PushFanOutWithoutDurableBuffer {
        id: "MSG-007",
        name: "push-fan-out-without-durable-buffer",
        family: Msg,
        default_severity: Medium,
        since: "0.2.0",
    }
}

fn writes_data(cx: &LintContext<'_>, c: &Component) -> bool {
    cx.outgoing(&c.id).iter().any(|l| {
        l.kind == LinkKind::Request
            && l.props.writes != Some(false)
            && cx.component(&l.to).is_some_and(is_data_store)
    })
}

/// Topic → new SQS queue → consumer in place of the direct subscription.
fn buffer_with_queue(
    cx: &LintContext<'_>,
    link: &Link,
    topic: &Component,
    consumer: &Component,
) -> Option<Fix> {
    if !LinkKind::Consume.allows(Kind::Sqs, consumer.kind) {
        return None;
    }
    let queue_id = cx
        .diagram
        .fresh_component_id(&format!("{}-queue", consumer.id));
    let mut queue = Component::new(
        queue_id.clone(),
        Kind::Sqs,
        format!("{} queue", consumer.display_name()),
        consumer.rect.min.offset(-140.0, 0.0),
    )
    .with_settings(Settings::Sqs(SqsSettings {
        receive_wait_time_secs: Some(20),
        ..SqsSettings::default()
    }));
    queue.parent = cx.region_of(&topic.id).map(|r| r.id.clone());
    let mut subscribe = Link::new(LinkKind::Subscribe, &topic.id, &queue_id);
    subscribe.props.protocol = Some("sqs".to_owned());
    let mut consume = Link::new(LinkKind::Consume, &queue_id, &consumer.id);
    consume.props.idempotent = link.props.idempotent;
    Some(Fix::new(
        format!(
            "Put an SQS queue between {} and {}",
            topic.display_name(),
            consumer.display_name()
        ),
        Edit::Batch(vec![
            Edit::RemoveLink(link.id.clone()),
            Edit::AddComponent(Box::new(queue)),
            Edit::AddLink(Box::new(subscribe)),
            Edit::AddLink(Box::new(consume)),
        ]),
    ))
}

impl Rule for PushFanOutWithoutDurableBuffer {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &LintContext<'_>, out: &mut Vec<Finding>) {
        for view in cx.links() {
            let (link, from, to) = (view.link, view.from, view.to);
            if link.kind == LinkKind::Send
                && link.props.ordering_required == Some(true)
                && sns(to).is_some_and(|t| !t.fifo())
            {
                out.push(
                    Self::finding(
                        Severity::Medium,
                        format!("{} needs its messages in order but publishes to standard topic {}, which does not keep order", from.display_name(), to.display_name()),
                    )
                    .link(&link.id)
                    .component(&to.id),
                );
            }
            if link.kind != LinkKind::Subscribe
                || to.kind == Kind::Sqs
                || sns(from).is_none_or(|t| t.fifo())
            {
                continue;
            }
            let has_dlq = cx
                .outgoing(&from.id)
                .iter()
                .any(|l| l.kind == LinkKind::DeadLetter);
            let matters = to.props.common.critical == Some(true) || writes_data(cx, to);
            if has_dlq || !matters {
                continue;
            }
            out.push(
                Self::finding(
                    Severity::Medium,
                    format!(
                        "{} pushes straight to {} with no queue in between and no dead-letter queue, so messages it cannot deliver are lost",
                        from.display_name(),
                        to.display_name()
                    ),
                )
                .link(&link.id)
                .component(&to.id)
                .with_fix(buffer_with_queue(cx, link, from, to)),
            );
        }
    }
}
