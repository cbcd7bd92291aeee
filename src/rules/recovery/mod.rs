//! Disaster-recovery analyses shared by the DR, MSG and COST rules and the editor's
//! what-if view: where copies of each data store live and how fresh they are
//! ([`copies`]), which DR strategy the diagram shows ([`strategy`]), and what the loss of a
//! whole Region does ([`region_loss`], a [`LintContext`] method in the
//! style of `zone_loss`).
//!
//! Pure: reads the diagram through the public API of `LintContext` only.

pub mod copies;
pub mod region_loss;
pub mod strategy;

use crate::model::{Component, Kind, LinkKind};

use super::context::{DATA_STORE_KINDS, LintContext, is_data_store};

/// A data store whose loss would hurt: not marked `reproducible`, and for S3 buckets and
/// Glacier archives only when marked `stateful` or `critical` (a bucket may hold nothing
/// but rebuildable assets).
pub fn holds_valuable_data(c: &Component) -> bool {
    let common = &c.props.common;
    if !is_data_store(c) || common.reproducible == Some(true) {
        return false;
    }
    match c.kind {
        Kind::S3 | Kind::Glacier => common.stateful == Some(true) || common.critical == Some(true),
        _ => true,
    }
}

/// The store is itself a copy: the target of a replication, backup or scheduled transfer
/// from another data store. Copies are judged through their source.
/// Data brought in by DataSync counts as a copy only when DataSync reads it from a data
/// store in AWS (a bucket fed from on-premises shares is the AWS original).
pub fn is_copy(cx: &LintContext<'_>, c: &Component) -> bool {
    cx.index_of(c)
        .is_some_and(|ix| cx.copies().get(ix.index()).copied().unwrap_or(false))
}

/// For each graph index, whether [`is_copy`] holds: one pass over the links, run once per
/// lint (through [`LintContext::copies`]).
pub fn copy_targets(cx: &LintContext<'_>) -> Vec<bool> {
    let mut copy = vec![false; cx.node_bound()];
    for view in cx.links() {
        let from = view.from;
        let copied = match (view.kind, from.kind) {
            (LinkKind::Replicate | LinkKind::Backup, _) => is_data_store(from),
            (LinkKind::DataTransfer, Kind::DataSync) => cx.incoming(&from.id).iter().any(|l| {
                l.kind == LinkKind::DataTransfer && cx.component(&l.from).is_some_and(is_data_store)
            }),
            (LinkKind::DataTransfer, _) => is_data_store(from),
            _ => false,
        };
        if copied {
            copy[view.to_ix.index()] = true;
        }
    }
    copy
}

/// Data stores the DR rules judge: valuable originals, in id order.
pub fn protected_stores<'a>(cx: &LintContext<'a>) -> Vec<&'a Component> {
    let mut stores: Vec<&'a Component> = cx
        .of_kinds(DATA_STORE_KINDS)
        .filter(|c| holds_valuable_data(c) && !is_copy(cx, c))
        .collect();
    stores.sort_unstable_by(|a, b| a.id.cmp(&b.id));
    stores
}
