//! MSG-003: a consumer of at-least-once, unordered delivery that cannot take duplicates or
//! needs order.

use crate::model::settings::Settings;
use crate::model::{Kind, LinkKind, Severity};
use crate::rules::context::LintContext;
use crate::rules::msg::{inbound_rate, sqs};
use crate::rules::{Finding, Rule, RuleMeta, fixes};

declare_rule! {
    /// ## What it flags
    /// A consumer of a standard SQS queue, SNS standard topic or EventBridge bus marked
    /// `idempotent: false` (medium) or not marked either way (info: at-least-once delivery
    /// means it must be). A sender that needs ordering into a standard queue or bus. A FIFO
    /// queue feeding Lambda with batches larger than 10.
    ///
    /// ## Why it matters
    /// Standard queues deliver "at least once ... more than one copy of a message might be
    /// delivered out of order" (SQS standard queues). AWS Well-Architected REL04-BP04 (make
    /// mutating operations idempotent), REL05-BP03; cfn-lint E3705.
    ///
    /// ## Example
    /// `tests/fixtures/rules/MSG-003/fail_consumer_not_idempotent.ron`
    ///
    /// ## Use instead
    /// An idempotency key (conditional write), or a FIFO queue within its quota when order
    /// matters (`pass_idempotent_consumer.ron`).
    ///
    /// ## Known limitations
    /// SNS ordering problems are MSG-007's. Kinesis (ordered per shard) is not judged.
    pub ConsumerNotSafeForAtLeastOnceDelivery {
        id: "MSG-003",
        name: "consumer-not-safe-for-at-least-once-delivery",
        family: Msg,
        default_severity: Medium,
        since: "0.2.0",
    }
}

fn at_least_once(c: &crate::model::Component) -> bool {
    match &c.props.settings {
        Settings::Sqs(s) => !s.fifo(),
        Settings::Sns(s) => !s.fifo(),
        _ => c.kind == Kind::EventBridge,
    }
}

fn is_consumer(kind: Kind) -> bool {
    !matches!(
        kind,
        Kind::Sqs | Kind::Sns | Kind::EventBridge | Kind::Kinesis
    )
}

impl Rule for ConsumerNotSafeForAtLeastOnceDelivery {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &LintContext<'_>, out: &mut Vec<Finding>) {
        for view in cx.links() {
            let (link, from, to) = (view.link, view.from, view.to);
            let delivers = matches!(
                link.kind,
                LinkKind::Consume | LinkKind::Trigger | LinkKind::Subscribe
            );
            if delivers && at_least_once(from) && is_consumer(to.kind) {
                let (severity, what) = match link.props.idempotent {
                    Some(true) => continue,
                    Some(false) => (Severity::Medium, "is not idempotent"),
                    None => (Severity::Info, "is not marked idempotent"),
                };
                out.push(
                    Self::finding(
                        severity,
                        text!(
                            to.display_name(),
                            " consumes ",
                            from.display_name(),
                            " with at-least-once delivery but ",
                            what,
                            ", so a duplicate message is processed twice"
                        ),
                    )
                    .link(&link.id)
                    .component(&to.id),
                );
            }
            if link.kind == LinkKind::Send
                && link.props.ordering_required == Some(true)
                && at_least_once(to)
                && to.kind != Kind::Sns
            {
                // Switching to FIFO only helps within the FIFO quota (MSG-002).
                let fits = inbound_rate(cx, to).is_none_or(|r| r <= 300.0);
                let fix = (to.kind == Kind::Sqs && fits).then(|| {
                    fixes::change_settings(
                        to,
                        format!("Make {} a FIFO queue", to.display_name()),
                        |s| {
                            if let Settings::Sqs(s) = s {
                                s.fifo = Some(true);
                            }
                        },
                    )
                });
                out.push(
                    Self::finding(
                        Severity::Medium,
                        format!(
                            "{} needs its messages in order but sends them through {}, which delivers in best-effort order",
                            from.display_name(),
                            to.display_name()
                        ),
                    )
                    .link(&link.id)
                    .component(&to.id)
                    .with_fix(fix),
                );
            }
            if matches!(link.kind, LinkKind::Consume | LinkKind::Trigger)
                && sqs(from).is_some_and(|q| q.fifo())
                && to.kind == Kind::Lambda
                && link.props.batch_size.is_some_and(|b| b > 10)
            {
                out.push(
                    Self::finding(
                        Severity::Medium,
                        format!(
                            "{} reads FIFO queue {} in batches of {}, above the 10 a FIFO event source mapping allows",
                            to.display_name(),
                            from.display_name(),
                            link.props.batch_size.unwrap_or_default()
                        ),
                    )
                    .link(&link.id),
                );
            }
        }
    }
}
