//! Pictures: every sample exports headless to SVG and PNG; the SVG parses and names every
//! component; the PNG decodes at the size the diagram asks for; `cloudsketch export`
//! writes both and refuses what it cannot do.

use std::path::Path;
use std::process::Command;

use cloudsketch::export::svg::escape;
use cloudsketch::export::{ExportOptions, to_png, to_svg};
use cloudsketch::io::{self, samples::SAMPLES};
use cloudsketch::rules::{LintConfig, lint};
use resvg::{tiny_skia, usvg};

fn exe() -> Command {
    Command::new(env!("CARGO_BIN_EXE_cloudsketch"))
}

#[test]
fn every_sample_exports_to_svg_naming_every_component_and_to_png() {
    for sample in SAMPLES.iter().filter(|s| s.name != "large_generated") {
        let diagram = io::load_str(sample.text, Path::new(sample.name)).unwrap();
        let report = lint(&diagram, &LintConfig::default());
        let options = ExportOptions::default();
        let svg = to_svg(&diagram, Some(&report), &options);
        let tree = usvg::Tree::from_str(&svg, &usvg::Options::default())
            .unwrap_or_else(|e| panic!("{}: the SVG does not parse: {e}", sample.name));
        for c in diagram.components() {
            assert!(
                svg.contains(&format!("<title>{} (", escape(c.display_name()))),
                "{}: {} is not in the picture",
                sample.name,
                c.display_name()
            );
        }
        let png = to_png(&diagram, Some(&report), &options).unwrap();
        let image = tiny_skia::Pixmap::decode_png(&png).unwrap();
        let size = tree.size();
        assert_eq!(
            (image.width(), image.height()),
            (size.width().ceil() as u32, size.height().ceil() as u32),
            "{}",
            sample.name
        );
        // Not a blank picture: the cards and icons leave many distinct colours.
        let mut colours: Vec<[u8; 4]> = image
            .pixels()
            .iter()
            .step_by(7)
            .map(|p| [p.red(), p.green(), p.blue(), p.alpha()])
            .collect();
        colours.sort_unstable();
        colours.dedup();
        assert!(
            colours.len() > 50,
            "{}: {} colours",
            sample.name,
            colours.len()
        );
    }
}

#[test]
fn scale_sets_the_pixel_size_and_dark_changes_the_background() {
    let sample = io::samples::by_name("serverless_api").unwrap();
    let diagram = io::load_str(sample.text, Path::new("serverless")).unwrap();
    let one =
        tiny_skia::Pixmap::decode_png(&to_png(&diagram, None, &ExportOptions::default()).unwrap())
            .unwrap();
    let two = tiny_skia::Pixmap::decode_png(
        &to_png(
            &diagram,
            None,
            &ExportOptions {
                scale: 2.0,
                dark: true,
                findings: false,
                ..ExportOptions::default()
            },
        )
        .unwrap(),
    )
    .unwrap();
    assert!((i64::from(two.width()) - 2 * i64::from(one.width())).abs() <= 1);
    let corner = |p: &tiny_skia::Pixmap| p.pixel(1, 1).unwrap().red();
    assert!(
        corner(&one) > 200 && corner(&two) < 60,
        "light, then dark background"
    );
}

#[test]
fn labels_with_markup_are_escaped() {
    let mut b = cloudsketch::model::builder::DiagramBuilder::new();
    b.title("A <b> & \"quoted\" title");
    b.add("users", cloudsketch::model::Kind::Users, None)
        .props
        .label = "<script>".to_owned();
    let diagram = b.build();
    let svg = to_svg(&diagram, None, &ExportOptions::default());
    assert!(!svg.contains("<script>") && svg.contains("&lt;script&gt;"));
    usvg::Tree::from_str(&svg, &usvg::Options::default()).unwrap();
}

#[test]
fn the_export_command_writes_svg_and_png_and_refuses_other_names() {
    let dir = tempfile::tempdir().unwrap();
    let sample =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("samples/three_tier_tightly_coupled.ron");
    for name in ["out.svg", "out.png"] {
        let out = dir.path().join(name);
        let status = exe()
            .args([
                "export",
                sample.to_str().unwrap(),
                "-o",
                out.to_str().unwrap(),
                "--findings",
            ])
            .status()
            .unwrap();
        assert!(status.success(), "{name}");
        assert!(std::fs::metadata(&out).unwrap().len() > 1_000, "{name}");
    }
    let svg = std::fs::read_to_string(dir.path().join("out.svg")).unwrap();
    assert!(
        svg.contains("Orders DB") && svg.contains("critical"),
        "badges and legend"
    );
    let bad = exe()
        .args(["export", sample.to_str().unwrap(), "-o", "out.jpg"])
        .output()
        .unwrap();
    assert_eq!(bad.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&bad.stderr).contains(".svg or .png"));
}

/// The picture of the tightly coupled sample against the reviewed one in
/// `tests/snapshots/export/`: same size, and at most 1 % of pixels visibly different (fonts
/// and anti-aliasing may shift by a hair between library versions). The SVG text is
/// snapshotted exactly. Set `CLOUDSKETCH_UPDATE_IMAGES=1` to accept a new picture.
#[test]
fn the_pictures_match_the_reviewed_snapshots() {
    let sample = io::samples::by_name("three_tier_tightly_coupled").unwrap();
    let diagram = io::load_str(sample.text, Path::new("three_tier_tightly_coupled")).unwrap();
    let report = lint(&diagram, &LintConfig::default());
    let options = ExportOptions::default();

    let mut settings = insta::Settings::clone_current();
    settings.set_snapshot_path("snapshots/export");
    settings.set_prepend_module_to_snapshot(false);
    settings.bind(|| {
        insta::assert_snapshot!(
            "three_tier_tightly_coupled.svg",
            to_svg(&diagram, Some(&report), &options)
        );
    });

    let reference = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/snapshots/export/three_tier_tightly_coupled.png");
    let png = to_png(&diagram, Some(&report), &options).unwrap();
    if std::env::var_os("CLOUDSKETCH_UPDATE_IMAGES").is_some() || !reference.exists() {
        std::fs::create_dir_all(reference.parent().unwrap()).unwrap();
        std::fs::write(&reference, &png).unwrap();
        panic!(
            "wrote {}; look at it, then run the test again",
            reference.display()
        );
    }
    let now = tiny_skia::Pixmap::decode_png(&png).unwrap();
    let then = tiny_skia::Pixmap::load_png(&reference).unwrap();
    assert_eq!((now.width(), now.height()), (then.width(), then.height()));
    let differing = now
        .pixels()
        .iter()
        .zip(then.pixels())
        .filter(|(a, b)| {
            let d = |x: u8, y: u8| x.abs_diff(y) > 16;
            d(a.red(), b.red()) || d(a.green(), b.green()) || d(a.blue(), b.blue())
        })
        .count();
    let share = differing as f64 / now.pixels().len() as f64;
    assert!(share <= 0.01, "{:.2} % of the pixels differ", share * 100.0);
}
