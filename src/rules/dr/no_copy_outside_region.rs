//! DR-005: losing a Region loses data that has no copy anywhere else.

use crate::model::settings::Settings;
use crate::model::{Component, Edit, Kind, Link, LinkKind, Severity};
use crate::rules::context::LintContext;
use crate::rules::recovery::copies::region_name;
use crate::rules::{Finding, Fix, Rule, RuleMeta};

declare_rule! {
    /// ## What it flags
    /// The Region-loss simulation removes every component in a Region (except one marked
    /// `dr_region`) and reports each data store of that Region with no copy in another
    /// Region: no cross-Region replication, global table or global database, no AWS Backup
    /// copy, snapshot copy or automated-backup replication elsewhere. High when recovery
    /// objectives are declared or the tier is Critical or MissionCritical, else info.
    ///
    /// ## Why it matters
    /// A Region-wide event takes every AZ of it at once; only a copy elsewhere brings the
    /// data back. AWS Well-Architected REL13-BP02 ("always make backups of your data, and copy
    /// these to another site (such as another AWS Region)"), REL10-BP01; EC2 CopySnapshot API;
    /// AWS Config `s3-bucket-cross-region-replication-enabled`; checkov CKV_AWS_144.
    ///
    /// ## Example
    /// `tests/fixtures/rules/DR-005/fail_backups_stay_in_region.ron`
    ///
    /// ## Use instead
    /// Copy backups to the DR Region or replicate across Regions
    /// (`pass_backup_copied_to_second_region.ron`).
    ///
    /// ## Known limitations
    /// Data stores drawn outside any Region box are not simulated. Whether the recovery
    /// Region also holds the infrastructure the strategy needs is DR-004's question. S3
    /// buckets count when marked `stateful` or `critical`.
    pub NoCopyOutsideRegion {
        id: "DR-005",
        name: "no-copy-outside-region",
        family: Dr,
        default_severity: High,
        since: "0.2.0",
    }
}

/// Sends the store's backups to a plan in its Region that copies them to `target`.
fn copy_backups(
    cx: &LintContext<'_>,
    store: &Component,
    region: &Component,
    target: &str,
) -> Option<Fix> {
    let linked = cx
        .outgoing(&store.id)
        .iter()
        .filter(|l| l.kind == LinkKind::Backup)
        .find_map(|l| cx.component(&l.to).filter(|p| p.kind == Kind::Backup))
        .filter(|p| cx.region_of(&p.id).is_some_and(|r| r.id == region.id));
    let plan = linked.or_else(|| {
        cx.of_kind(Kind::Backup)
            .iter()
            .copied()
            .find(|p| cx.region_of(&p.id).is_some_and(|r| r.id == region.id))
    })?;
    let title = text!(
        "Copy the backups of ",
        store.display_name(),
        " to ",
        target,
        " with ",
        plan.display_name()
    );
    let (store, plan, target, link) = (
        store.id.clone(),
        plan.id.clone(),
        target.to_owned(),
        linked.is_none(),
    );
    Some(Fix::deferred(title, move |cx| {
        let mut edits = Vec::new();
        if link {
            let mut link = Link::new(LinkKind::Backup, &store, &plan);
            if cx.diagram.link(&link.id).is_some() {
                link.id = cx.diagram.fresh_link_id(link.id.as_str());
            }
            edits.push(Edit::AddLink(Box::new(link)));
        }
        let mut props = cx.component(&plan)?.props.clone();
        if let Settings::Backup(b) = &mut props.settings {
            let mut regions = b.copy_regions();
            regions.push(target.clone());
            b.copy_regions = Some(regions);
        }
        edits.push(Edit::SetProps(plan.clone(), Box::new(props)));
        Some(Edit::Batch(edits))
    }))
}

impl Rule for NoCopyOutsideRegion {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &LintContext<'_>, out: &mut Vec<Finding>) {
        let objectives = &cx.diagram.info.objectives;
        let declared =
            objectives.rpo.is_some() || objectives.rto.is_some() || cx.workload_is_critical();
        let severity = if declared {
            Severity::High
        } else {
            Severity::Info
        };
        let regions = cx.of_kind(Kind::Region);
        for region in regions {
            if matches!(&region.props.settings, Settings::Region(s) if s.dr_region()) {
                continue;
            }
            let Some(region_ix) = cx.index_of(region) else {
                continue;
            };
            // Where a fix would send copies: the DR Region, else any other drawn Region.
            let target = regions
                .iter()
                .filter(|r| r.id != region.id)
                .max_by_key(|r| matches!(&r.props.settings, Settings::Region(s) if s.dr_region()))
                .map(|r| region_name(r));
            let name = region_name(region);
            for store_ix in cx.data_without_copy_at(region_ix) {
                let store = cx.component_at(store_ix);
                out.push(
                    Self::finding(
                        severity,
                        text!(
                            "Losing ",
                            &name,
                            ": ",
                            store.display_name(),
                            " has no copy in another Region"
                        ),
                    )
                    .component(&store.id)
                    .with_fix(
                        target
                            .as_deref()
                            .and_then(|t| copy_backups(cx, store, region, t)),
                    ),
                );
            }
        }
    }
}
