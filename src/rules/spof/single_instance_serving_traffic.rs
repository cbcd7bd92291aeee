//! SPOF-003: one EC2 instance or one ECS task serving traffic, with nothing to replace it.

use crate::model::settings::Settings;
use crate::model::{Kind, LinkKind, Severity};
use crate::rules::context::LintContext;
use crate::rules::{Finding, Rule, RuleMeta, fixes};

declare_rule! {
    /// ## What it flags
    /// An EC2 instance outside any Auto Scaling group, drawn as one instance, that receives
    /// requests or routed traffic (including DNS pointing straight at it); and an ECS
    /// service whose desired count is 1.
    ///
    /// ## Why it matters
    /// A lone instance is both a single point of failure and not self-healing: when it
    /// dies, someone has to notice and rebuild it. AWS Well-Architected REL11-BP03
    /// anti-patterns "Provisioning resources without autoscaling" and "Deploying
    /// applications in instances or containers individually"; REL02-BP01 warns against DNS
    /// pointing at individual instances.
    ///
    /// ## Example
    /// `tests/fixtures/rules/SPOF-003/fail_lone_instance.ron`
    ///
    /// ## Use instead
    /// An Auto Scaling group (min 2 over two AZs) behind a load balancer; for a true
    /// singleton an Auto Scaling group with min = max = 1 replaces it automatically
    /// (`pass_instance_in_asg.ron`, `pass_ecs_two_tasks.ron`). Copies of one server drawn
    /// as separate instances behind a load balancer belong in one group: the quick fix
    /// replaces them together (`fail_two_lone_instances_behind_one_load_balancer.ron`).
    ///
    /// ## Known limitations
    /// An instance with an auto-recovery alarm is reported at medium severity: it recovers
    /// from host failures but not from application or AZ failures.
    pub SingleInstanceServingTraffic {
        id: "SPOF-003",
        name: "single-instance-serving-traffic",
        family: Spof,
        default_severity: High,
        since: "0.1.0",
    }
}

impl Rule for SingleInstanceServingTraffic {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &LintContext<'_>, out: &mut Vec<Finding>) {
        for c in cx.of_kinds(&[Kind::Ec2, Kind::EcsService]) {
            match (&c.props.settings, c.kind) {
                (Settings::Ec2(ec2), Kind::Ec2) => {
                    let in_group = cx.scaling_group_of(c).is_some();
                    // A database or broker on one instance is SPOF-006's finding.
                    if in_group || c.count() > 1 || crate::rules::context::is_data_store(c) {
                        continue;
                    }
                    let serving = cx.incoming(&c.id).iter().find(|l| {
                        matches!(
                            l.kind,
                            LinkKind::Request
                                | LinkKind::Route
                                | LinkKind::Subscribe
                                | LinkKind::Consume
                        )
                    });
                    let Some(serving) = serving else { continue };
                    let (severity, tail) = if ec2.auto_recovery() {
                        (
                            Severity::Medium,
                            "; its auto-recovery alarm covers host failures only",
                        )
                    } else {
                        (Severity::High, " and nothing replaces it when it fails")
                    };
                    out.push(
                        Self::finding(
                            severity,
                            format!(
                                "{} is a single EC2 instance serving traffic from {}{tail}",
                                c.display_name(),
                                cx.name(&serving.from)
                            ),
                        )
                        .component(&c.id)
                        .link(&serving.id)
                        .with_fix(fixes::wrap_in_auto_scaling_group(cx, c)),
                    );
                }
                (Settings::EcsService(ecs), _) => {
                    if ecs.desired_count() >= 2 || ecs.min.unwrap_or(0) >= 2 {
                        continue;
                    }
                    let note = if ecs.desired_count.is_none() {
                        " (desired count not set; it defaults to 1)"
                    } else {
                        ""
                    };
                    out.push(
                        Self::finding(
                            Severity::High,
                            format!("{} runs a single task{note}, so a task failure is an outage until ECS replaces it", c.display_name()),
                        )
                        .component(&c.id)
                        .with_fix(Some(fixes::change_settings(c, format!("Run 2 tasks of {}", c.display_name()), |s| {
                            if let Settings::EcsService(s) = s {
                                s.desired_count = Some(2);
                                s.min = Some(2);
                            }
                        }))),
                    );
                }
                _ => {}
            }
        }
    }
}
