//! Several editor windows sharing one data folder: each keeps its own recovery file, a
//! running window's work is never offered to (or deleted by) another, and a window that
//! died leaves work the next start offers back exactly once.

#![cfg(feature = "gui")]
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::Path;

use cloudsketch::app::autosave::Autosave;
use cloudsketch::app::document::Document;
use cloudsketch::model::builder::DiagramBuilder;
use cloudsketch::model::{Diagram, Kind};

fn diagram(label: &str) -> Diagram {
    let mut b = DiagramBuilder::new();
    b.add("web", Kind::Users, None).props.label = label.to_owned();
    b.build()
}

/// A document with unsaved work, as after an edit.
fn dirty(label: &str) -> Document {
    let mut doc = Document::new(diagram(label), "test");
    doc.mark_unsaved();
    doc
}

/// Lets `autosave` write `doc` (the first tick starts the delay, the second is past it).
fn write(autosave: &mut Autosave, doc: &Document) {
    autosave.tick(doc, 0.0);
    autosave.tick(doc, 10.0);
    assert!(autosave.file().unwrap().exists(), "work written");
}

fn recovery_files(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".ron"))
        .collect();
    names.sort();
    names
}

#[test]
fn two_running_windows_keep_their_own_work() {
    let dir = tempfile::tempdir().unwrap();
    let mut first = Autosave::in_dir(dir.path().to_path_buf());
    let mut second = Autosave::in_dir(dir.path().to_path_buf());
    assert_ne!(first.file(), second.file());
    let (one, two) = (dirty("first"), dirty("second"));
    write(&mut first, &one);
    write(&mut second, &two);
    assert_eq!(recovery_files(dir.path()).len(), 2);

    // A third window starting now offers neither: both owners are running.
    let third = Autosave::in_dir(dir.path().to_path_buf());
    assert!(
        third.offer.is_none(),
        "a running window's work is not offered"
    );

    // The first window's work is saved: only its own recovery file goes.
    let saved = Document::new(diagram("first"), "test");
    first.tick(&saved, 20.0);
    assert!(!first.file().unwrap().exists());
    assert!(
        second.file().unwrap().exists(),
        "the other window's work stays"
    );
}

#[test]
fn a_dead_window_s_work_is_offered_once_then_taken_over() {
    let dir = tempfile::tempdir().unwrap();
    let mut dead = Autosave::in_dir(dir.path().to_path_buf());
    let work = dirty("unsaved");
    write(&mut dead, &work);
    let left = dead.file().unwrap();
    // The window goes away without saving (as a crash releases its lock).
    drop(dead);
    assert!(left.exists());

    let mut next = Autosave::in_dir(dir.path().to_path_buf());
    let offer = next.offer.take().expect("orphaned work is offered");
    assert_eq!(offer.diagram, work.diagram);
    // Meanwhile another window starts: the offered work is not offered twice.
    assert!(Autosave::in_dir(dir.path().to_path_buf()).offer.is_none());

    next.adopt(offer);
    assert!(
        !left.exists(),
        "the restored work now has this window's name"
    );
    assert!(next.file().unwrap().exists());
    // Saving it removes the recovery file; nothing is offered afterwards.
    next.tick(&Document::new(work.diagram.clone(), "test"), 1.0);
    assert!(recovery_files(dir.path()).is_empty());
    drop(next);
    assert!(Autosave::in_dir(dir.path().to_path_buf()).offer.is_none());
}

#[test]
fn discarding_offers_the_next_orphan_and_deletes_only_the_discarded_one() {
    let dir = tempfile::tempdir().unwrap();
    for label in ["older", "newer"] {
        let mut window = Autosave::in_dir(dir.path().to_path_buf());
        write(&mut window, &dirty(label));
        // Distinct modification times, so the newest is offered first.
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    let mut next = Autosave::in_dir(dir.path().to_path_buf());
    let label = |a: &Autosave| {
        a.offer
            .as_ref()
            .map(|o| o.diagram.components().next().unwrap().props.label.clone())
    };
    assert_eq!(label(&next).as_deref(), Some("newer"));
    next.discard_offer();
    assert_eq!(
        recovery_files(dir.path()).len(),
        1,
        "only the discarded work is gone"
    );
    assert_eq!(label(&next).as_deref(), Some("older"));
    next.discard_offer();
    assert!(next.offer.is_none());
    assert!(recovery_files(dir.path()).is_empty());
}

#[test]
fn the_single_file_of_earlier_versions_is_still_offered() {
    let dir = tempfile::tempdir().unwrap();
    let work = diagram("from an older version");
    cloudsketch::io::save_path(&work, &dir.path().join("autosave.ron")).unwrap();
    std::fs::write(dir.path().join("autosave-origin.txt"), "/tmp/shop.ron").unwrap();
    let mut next = Autosave::in_dir(dir.path().to_path_buf());
    let offer = next.offer.take().expect("legacy work offered");
    assert_eq!(offer.diagram, work);
    assert_eq!(offer.origin.as_deref(), Some(Path::new("/tmp/shop.ron")));
    next.adopt(offer);
    assert!(!dir.path().join("autosave.ron").exists());
    assert!(!dir.path().join("autosave-origin.txt").exists());
}
