//! MSG-005: a message becomes visible again while its consumer is still working on it.

use crate::model::settings::Settings;
use crate::model::{Kind, Severity};
use crate::rules::context::LintContext;
use crate::rules::msg::{consumers, sqs};
use crate::rules::{Finding, Rule, RuleMeta, fixes};

declare_rule! {
    /// ## What it flags
    /// An SQS queue whose visibility timeout (default 30 s) is shorter than the timeout of
    /// a Lambda function it feeds, or than a worker's `processing_time_secs` on the consume
    /// link.
    ///
    /// ## Why it matters
    /// The message reappears and a second consumer processes it again. cfn-lint E3505
    /// (`VisibilityTimeout` at least the function's `Timeout`); SQS ChangeMessageVisibility
    /// API (default 30 s, maximum 12 h); SQS "Configuring visibility timeouts".
    ///
    /// ## Example
    /// `tests/fixtures/rules/MSG-005/fail_lambda_timeout_above_visibility.ron`
    ///
    /// ## Use instead
    /// A visibility timeout above the processing time (six times the function timeout for
    /// Lambda, as AWS recommends); long jobs extend it with ChangeMessageVisibility
    /// (`pass_visibility_above_timeout.ron`).
    ///
    /// ## Known limitations
    /// Workers without `processing_time_secs` are not judged.
    pub VisibilityTimeoutShorterThanProcessing {
        id: "MSG-005",
        name: "visibility-timeout-shorter-than-processing",
        family: Msg,
        default_severity: Medium,
        since: "0.2.0",
    }
}

impl Rule for VisibilityTimeoutShorterThanProcessing {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &LintContext<'_>, out: &mut Vec<Finding>) {
        for &c in cx.of_kind(Kind::Sqs) {
            let Some(q) = sqs(c) else { continue };
            let visibility = f64::from(q.visibility_timeout_secs());
            let mut worst: Option<(f64, u32, &crate::model::Link)> = None;
            for (link, consumer) in consumers(cx, c) {
                let (needed, target) = match &consumer.props.settings {
                    Settings::Lambda(l) if consumer.kind == Kind::Lambda => {
                        let t = l.timeout_secs();
                        (f64::from(t), t.saturating_mul(6))
                    }
                    _ => match link.props.processing_time_secs {
                        Some(p) => (p, (p.max(0.0).ceil() as u32).saturating_mul(2)),
                        None => continue,
                    },
                };
                if needed > visibility && worst.is_none_or(|(w, _, _)| needed > w) {
                    worst = Some((needed, target, link));
                }
            }
            let Some((needed, target, link)) = worst else {
                continue;
            };
            let target = target.clamp(1, 43_200);
            let name = c.display_name();
            out.push(
                Self::finding(
                    Severity::Medium,
                    format!(
                        "{name} hides a received message for {visibility} s but {} may take {needed} s, so the message is delivered again while still being processed",
                        cx.name(&link.to)
                    ),
                )
                .component(&c.id)
                .link(&link.id)
                .with_fix(Some(fixes::change_settings(
                    c,
                    format!("Raise the visibility timeout of {name} to {target} s"),
                    move |s| {
                        if let Settings::Sqs(s) = s {
                            s.visibility_timeout_secs = Some(target);
                        }
                    },
                ))),
            );
        }
    }
}
