//! COUP-005: work that could wait, done while the caller waits.

use crate::model::settings::Settings;
use crate::model::{Kind, LinkKind, Severity};
use crate::rules::context::LintContext;
use crate::rules::{Finding, Rule, RuleMeta, fixes};

declare_rule! {
    /// ## What it flags
    /// A synchronous request marked `deferrable` (the caller does not need the answer now);
    /// a chain of Lambda functions invoking each other synchronously (three or more); a
    /// request whose processing time exceeds the calling function's timeout.
    ///
    /// ## Why it matters
    /// The caller pays for the callee's latency and failures, and spikes hit every tier at
    /// once. AWS Well-Architected REL04-BP02 (an intermediate durable layer "such as an
    /// Amazon SQS queue ... or AWS Step Functions"), COST09-BP02, REL05-BP04.
    ///
    /// ## Example
    /// `tests/fixtures/rules/COUP-005/fail_deferrable_request.ron`
    ///
    /// ## Use instead
    /// An SQS queue between producer and worker, Step Functions for multi-step workflows
    /// (`pass_queued_work.ron`).
    ///
    /// ## Known limitations
    /// Spiky load (peak far above average) is not yet detected from the objectives.
    pub DeferrableWorkHandledSynchronously {
        id: "COUP-005",
        name: "deferrable-work-handled-synchronously",
        family: Coup,
        default_severity: Medium,
        since: "0.1.0",
    }
}

impl Rule for DeferrableWorkHandledSynchronously {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &LintContext<'_>, out: &mut Vec<Finding>) {
        let lambda = |id| cx.component(id).is_some_and(|c| c.kind == Kind::Lambda);
        for view in cx
            .links()
            .iter()
            .filter(|v| v.link.kind == LinkKind::Request)
        {
            let link = view.link;
            if link.props.deferrable == Some(true) {
                out.push(
                    Self::finding(
                        Severity::Medium,
                        format!(
                            "{} waits for {} although the work could be queued",
                            view.from.display_name(),
                            view.to.display_name()
                        ),
                    )
                    .link(&link.id)
                    .with_fix(fixes::insert_queue(cx, link)),
                );
            }
            let caller = view.from;
            if let Some(secs) = link.props.processing_time_secs
                && let Settings::Lambda(l) = &caller.props.settings
                && secs > f64::from(l.timeout_secs())
            {
                out.push(
                    Self::finding(
                        Severity::Medium,
                        format!(
                            "{} times out after {} s but waits for {}, which takes {secs} s",
                            caller.display_name(),
                            l.timeout_secs(),
                            cx.name(&link.to)
                        ),
                    )
                    .link(&link.id)
                    .with_fix(fixes::insert_queue(cx, link)),
                );
            }
            if view.from.kind == Kind::Lambda && view.to.kind == Kind::Lambda {
                let starts_chain = !cx
                    .incoming(&link.from)
                    .iter()
                    .any(|l| l.kind == LinkKind::Request && lambda(&l.from));
                let next = cx
                    .outgoing(&link.to)
                    .iter()
                    .find(|l| l.kind == LinkKind::Request && lambda(&l.to));
                if starts_chain && let Some(next) = next {
                    out.push(
                        Self::finding(
                            Severity::Medium,
                            format!(
                                "{} → {} → {} invoke each other synchronously; each waits and is billed for the next",
                                cx.name(&link.from),
                                cx.name(&link.to),
                                cx.name(&next.to)
                            ),
                        )
                        .link(&link.id)
                        .link(&next.id)
                        .with_path(vec![link.from.clone(), link.to.clone(), next.to.clone()]),
                    );
                }
            }
        }
    }
}
