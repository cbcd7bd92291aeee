//! MSG-008: a queue that drops messages before its consumer can be back.

use crate::model::settings::Settings;
use crate::model::{Duration, Kind, LinkKind, Severity};
use crate::rules::context::LintContext;
use crate::rules::msg::{consumers, sqs};
use crate::rules::{Finding, Rule, RuleMeta, fixes};

/// SQS's longest retention: 14 days.
const MAX_RETENTION_SECS: u32 = 1_209_600;

declare_rule! {
    /// ## What it flags
    /// An SQS queue with consumers whose message retention (default 4 days) is shorter than
    /// the recovery time objective, so a consumer down for the whole allowed outage comes
    /// back to deleted messages; a dead-letter queue keeping messages for less time than its
    /// source (a message's age counts from its first enqueue).
    ///
    /// ## Why it matters
    /// SQS message quotas (retention 60 s to 14 days, default 4 days); AWS Well-Architected
    /// REL05-BP04 (monitor message age, avoid insurmountable backlogs), REL13-BP01.
    ///
    /// ## Example
    /// `tests/fixtures/rules/MSG-008/fail_retention_below_rto.ron`
    ///
    /// ## Use instead
    /// Retention above the RTO (up to 14 days), or archive to S3; dead-letter queues at 14
    /// days (`pass_retention_above_rto.ron`).
    ///
    /// ## Known limitations
    /// One RTO applies to every consumer; a declared maximum backlog is not modelled.
    pub RetentionShorterThanConsumerOutage {
        id: "MSG-008",
        name: "retention-shorter-than-consumer-outage",
        family: Msg,
        default_severity: Medium,
        since: "0.2.0",
    }
}

fn set_retention(c: &crate::model::Component, secs: u32) -> crate::rules::Fix {
    fixes::change_settings(
        c,
        format!(
            "Keep messages in {} for {}",
            c.display_name(),
            Duration::from_secs(u64::from(secs))
        ),
        move |s| {
            if let Settings::Sqs(s) = s {
                s.retention_secs = Some(secs);
            }
        },
    )
}

impl Rule for RetentionShorterThanConsumerOutage {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &LintContext<'_>, out: &mut Vec<Finding>) {
        let rto = cx.diagram.info.objectives.rto;
        for &c in cx.of_kind(Kind::Sqs) {
            let Some(q) = sqs(c) else { continue };
            let retention = u64::from(q.retention_secs());
            let name = c.display_name();
            if let Some(rto) = rto
                && retention < rto.as_secs()
                && !consumers(cx, c).is_empty()
            {
                let target = u32::try_from(rto.as_secs().saturating_mul(2))
                    .unwrap_or(u32::MAX)
                    .min(MAX_RETENTION_SECS);
                let fix = (u64::from(target) >= rto.as_secs()).then(|| set_retention(c, target));
                out.push(
                    Self::finding(
                        Severity::Medium,
                        format!(
                            "{name} keeps messages for {}, less than the RTO of {rto}: a consumer down that long comes back to deleted messages",
                            Duration::from_secs(retention)
                        ),
                    )
                    .component(&c.id)
                    .with_fix(fix),
                );
            }
            for link in cx
                .outgoing(&c.id)
                .iter()
                .filter(|l| l.kind == LinkKind::DeadLetter)
            {
                let Some(dlq) = cx.component(&link.to) else {
                    continue;
                };
                let Some(d) = sqs(dlq) else { continue };
                if d.retention_secs() < q.retention_secs() {
                    out.push(
                        Self::finding(
                            Severity::Medium,
                            format!(
                                "Dead-letter queue {} keeps messages for {}, less than its source {name} ({}), so moved messages can expire before anyone looks",
                                dlq.display_name(),
                                Duration::from_secs(u64::from(d.retention_secs())),
                                Duration::from_secs(retention)
                            ),
                        )
                        .component(&dlq.id)
                        .link(&link.id)
                        .with_fix(Some(set_retention(dlq, MAX_RETENTION_SECS))),
                    );
                }
            }
        }
    }
}
