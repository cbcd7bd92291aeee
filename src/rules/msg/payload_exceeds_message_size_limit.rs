//! MSG-001: a message larger than its queue, topic or bus accepts.

use crate::model::settings::Settings;
use crate::model::{Kind, LinkKind, Severity};
use crate::rules::context::LintContext;
use crate::rules::msg::{SERVICE_MAX_MESSAGE_BYTES, sns, sqs};
use crate::rules::{Finding, Rule, RuleMeta, fixes};

declare_rule! {
    /// ## What it flags
    /// A send whose `payload_bytes` exceeds the target's limit: an SQS queue's
    /// `MaximumMessageSize` (default 262,144 bytes), an SNS topic's (default 256 KiB), or
    /// the 1 MiB service ceiling of SQS, SNS and EventBridge. An SNS topic raised above
    /// 256 KiB that has more than 100 subscriptions or delivers to anything but SQS, Lambda
    /// or Firehose.
    ///
    /// ## Why it matters
    /// The send is rejected at runtime. SQS SendMessage API ("The maximum size is 1 MiB");
    /// AWS What's New, August 2025 (SQS 1 MiB payloads); SNS "Publishing large messages";
    /// AWS Compute Blog, 2026-01-29 (1 MB for async Lambda, SQS and EventBridge).
    ///
    /// ## Example
    /// `tests/fixtures/rules/MSG-001/fail_payload_above_queue_limit.ron`
    ///
    /// ## Use instead
    /// Raise the queue attribute (up to 1 MiB), or store the body in S3 and send a pointer
    /// (claim check; the SQS and SNS Extended Client Libraries do it for up to 2 GB)
    /// (`pass_claim_check.ron`).
    ///
    /// ## Known limitations
    /// Sends without `payload_bytes` are not judged. SNS → subscription deliveries inherit
    /// nothing: a large message published to a topic is checked at the topic only.
    /// Asynchronous Lambda invocations are not a link kind and are not checked.
    pub PayloadExceedsMessageSizeLimit {
        id: "MSG-001",
        name: "payload-exceeds-message-size-limit",
        family: Msg,
        default_severity: High,
        since: "0.2.0",
    }
}

/// SNS protocols allowed on a topic raised above 256 KiB.
fn large_message_protocol(kind: Kind, protocol: Option<&str>) -> bool {
    match protocol.map(str::to_ascii_lowercase).as_deref() {
        Some("sqs" | "lambda" | "firehose") => true,
        Some(_) => false,
        None => matches!(kind, Kind::Sqs | Kind::Lambda),
    }
}

impl Rule for PayloadExceedsMessageSizeLimit {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &LintContext<'_>, out: &mut Vec<Finding>) {
        for view in cx.links() {
            let (link, to) = (view.link, view.to);
            if link.kind != LinkKind::Send {
                continue;
            }
            let Some(bytes) = link.props.payload_bytes else {
                continue;
            };
            let name = to.display_name();
            let limit = match (sqs(to), sns(to), to.kind) {
                (Some(q), _, _) => u64::from(q.max_message_size_bytes()),
                (_, Some(t), _) => u64::from(t.max_message_size_bytes()),
                (_, _, Kind::EventBridge) => SERVICE_MAX_MESSAGE_BYTES,
                _ => continue,
            };
            let finding = |message: String| {
                Self::finding(Severity::High, message)
                    .link(&link.id)
                    .component(&to.id)
                    .component(&view.from.id)
            };
            if bytes > SERVICE_MAX_MESSAGE_BYTES {
                out.push(finding(format!(
                    "{} sends {bytes}-byte messages to {name}, above the 1 MiB ceiling; store the body in S3 and send a pointer (claim check)",
                    view.from.display_name()
                )));
            } else if bytes > limit {
                let raise = fixes::change_settings(
                    to,
                    format!("Raise the maximum message size of {name} to 1 MiB"),
                    |s| match s {
                        Settings::Sqs(q) => q.max_message_size_bytes = Some(1_048_576),
                        Settings::Sns(t) => t.max_message_size_bytes = Some(1_048_576),
                        _ => {}
                    },
                );
                // SNS allows large messages only to few subscriptions of few kinds.
                let raisable = sns(to).is_none() || large_topic_problem(cx, to).is_none();
                out.push(
                    finding(format!(
                        "{} sends {bytes}-byte messages to {name}, whose maximum message size is {limit} bytes, so the sends are rejected",
                        view.from.display_name()
                    ))
                    .with_fix(raisable.then_some(raise)),
                );
            }
        }
        for &c in cx.of_kind(Kind::Sns) {
            if let Some(t) = sns(c)
                && u64::from(t.max_message_size_bytes()) > 262_144
                && let Some(problem) = large_topic_problem(cx, c)
            {
                out.push(
                    Self::finding(
                        Severity::High,
                        format!("{} accepts messages above 256 KiB, which SNS allows only with {problem}", c.display_name()),
                    )
                    .component(&c.id),
                );
            }
        }
    }
}

/// What stops an SNS topic from accepting messages above 256 KiB, if anything.
fn large_topic_problem(cx: &LintContext<'_>, topic: &crate::model::Component) -> Option<String> {
    let subs: Vec<_> = cx
        .outgoing(&topic.id)
        .iter()
        .copied()
        .filter(|l| l.kind == LinkKind::Subscribe)
        .collect();
    if subs.len() > 100 {
        return Some(format!("at most 100 subscriptions (it has {})", subs.len()));
    }
    let wrong: Vec<String> = subs
        .iter()
        .filter(|l| {
            let kind = cx
                .component(&l.to)
                .map_or(Kind::ExternalService, |c| c.kind);
            !large_message_protocol(kind, l.props.protocol.as_deref())
        })
        .map(|l| cx.name(&l.to))
        .collect();
    (!wrong.is_empty()).then(|| {
        format!(
            "SQS, Lambda and Firehose subscriptions, not {}",
            wrong.join(", ")
        )
    })
}
