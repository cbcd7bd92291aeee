//! Every bundled sample loads, validates and is stored in canonical form, so saving it
//! gives back the same bytes; the large sample is exactly what the generator makes.

use std::path::Path;

use cloudsketch::io::{self, samples::SAMPLES};

#[test]
fn every_sample_file_is_bundled() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("samples");
    let mut on_disk: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "ron"))
        .map(|p| p.file_stem().unwrap().to_string_lossy().into_owned())
        .filter(|name| name != "large_generated")
        .collect();
    on_disk.sort();
    let mut bundled: Vec<String> = SAMPLES.iter().map(|s| s.name.to_owned()).collect();
    bundled.sort();
    assert_eq!(on_disk, bundled);
}

#[test]
fn samples_load_validate_and_round_trip_byte_stably() {
    for sample in SAMPLES {
        let origin = Path::new(sample.name);
        let diagram = io::load_str(sample.text, origin).unwrap_or_else(|e| panic!("{e}"));
        assert!(diagram.component_count() > 5, "{} is too small", sample.name);
        assert!(!diagram.header_comment.is_empty(), "{} has no header comment", sample.name);
        let saved = io::to_string(&diagram).unwrap();
        assert_eq!(saved, sample.text, "{} is not canonical; run `cloudsketch fmt samples/{}.ron`", sample.name, sample.name);
        let reloaded = io::load_str(&saved, origin).unwrap();
        assert_eq!(reloaded, diagram);
        assert_eq!(io::to_string(&reloaded).unwrap(), saved);
    }
}

#[test]
fn large_sample_is_the_generator_output() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("samples/large_generated.ron");
    let on_disk = std::fs::read_to_string(&path).unwrap();
    let diagram = io::load_str(&on_disk, &path).unwrap();
    assert!(diagram.component_count() >= 1_000);
    let generated = cloudsketch::model::generate::large_diagram(1_000).unwrap();
    assert_eq!(
        io::to_string(&generated).unwrap(),
        on_disk,
        "regenerate with `cargo run -- generate -n 1000 -o samples/large_generated.ron`"
    );
}

#[test]
fn saving_to_disk_is_atomic_and_stable() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("d.ron");
    let diagram = io::load_str(SAMPLES[0].text, Path::new("s")).unwrap();
    io::save_path(&diagram, &path).unwrap();
    let first = std::fs::read(&path).unwrap();
    io::save_path(&diagram, &path).unwrap();
    assert_eq!(std::fs::read(&path).unwrap(), first);
    let leftovers: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
    assert_eq!(leftovers.len(), 1, "temp files left behind");
}
