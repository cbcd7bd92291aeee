//! MSG-006: a worker polling an SQS queue without long polling.

use crate::model::settings::Settings;
use crate::model::{Kind, LinkKind, Severity};
use crate::rules::context::LintContext;
use crate::rules::msg::sqs;
use crate::rules::{Finding, Rule, RuleMeta, fixes};

declare_rule! {
    /// ## What it flags
    /// An SQS queue polled by a worker (EC2, Auto Scaling group, ECS, EKS or on-premises)
    /// whose receive wait time is 0 (short polling, the default).
    ///
    /// ## Why it matters
    /// Short polling returns empty and false-empty responses that are billed like full ones.
    /// AWS SQS best practices ("Long polling helps reduce the cost of using Amazon SQS by
    /// eliminating the number of empty responses"); SQS "Using the appropriate polling
    /// mode".
    ///
    /// ## Example
    /// `tests/fixtures/rules/MSG-006/fail_worker_short_polls.ron`
    ///
    /// ## Use instead
    /// `receive_wait_time_secs: 20` (`pass_worker_long_polls.ron`).
    ///
    /// ## Known limitations
    /// Lambda event source mappings poll for you and are skipped (a design assumption).
    pub ShortPollingConsumer {
        id: "MSG-006",
        name: "short-polling-consumer",
        family: Msg,
        default_severity: Low,
        since: "0.2.0",
    }
}

impl Rule for ShortPollingConsumer {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &LintContext<'_>, out: &mut Vec<Finding>) {
        for &c in cx.of_kind(Kind::Sqs) {
            let Some(q) = sqs(c) else { continue };
            if q.receive_wait_time_secs() > 0 {
                continue;
            }
            let pollers: Vec<_> = cx
                .outgoing(&c.id)
                .iter()
                .filter(|l| l.kind == LinkKind::Consume)
                .filter(|l| cx.component(&l.to).is_some_and(|k| k.kind != Kind::Lambda))
                .map(|l| l.id.clone())
                .collect();
            if pollers.is_empty() {
                continue;
            }
            let name = c.display_name();
            let mut finding = Self::finding(
                Severity::Low,
                format!("{name} is short-polled by its workers, paying for empty receives; long polling waits up to 20 s for a message"),
            )
            .component(&c.id);
            for id in &pollers {
                finding = finding.link(id);
            }
            out.push(finding.with_fix(Some(fixes::change_settings(
                c,
                format!("Long-poll {name} for 20 s"),
                |s| {
                    if let Settings::Sqs(s) = s {
                        s.receive_wait_time_secs = Some(20);
                    }
                },
            ))));
        }
    }
}
