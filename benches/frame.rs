//! A headless editor frame (egui `Context::run` plus `tessellate`) on generated diagrams.
//! Budgets (2-core machine): 1,000 components ≤ 2 ms; 10,000 components ≤ 8 ms at
//! fit-to-content and ≤ 3 ms at 100 % zoom.

use std::hint::black_box;

use cloudsketch::app::DiagramApp;
use cloudsketch::model::generate::large_diagram;
use criterion::{Criterion, criterion_group, criterion_main};

fn frame(ctx: &egui::Context, app: &mut DiagramApp) -> usize {
    let input = egui::RawInput {
        screen_rect: Some(egui::Rect::from_min_size(
            egui::Pos2::ZERO,
            egui::vec2(1600.0, 1000.0),
        )),
        ..Default::default()
    };
    let output = ctx.run_ui(input, |ui| app.ui(ui));
    ctx.tessellate(output.shapes, output.pixels_per_point).len()
}

fn bench_frame(c: &mut Criterion) {
    let mut group = c.benchmark_group("frame");
    for (size, zoom) in [
        (0, None),
        (1_000, None),
        (10_000, None),
        (10_000, Some(1.0)),
    ] {
        let diagram = if size == 0 {
            cloudsketch::model::Diagram::new()
        } else {
            large_diagram(size).expect("generated diagram is valid")
        };
        let mut app = DiagramApp::with_diagram(diagram);
        let ctx = egui::Context::default();
        // Settle: fit, lint, icon textures.
        for _ in 0..3 {
            frame(&ctx, &mut app);
        }
        let name = match zoom {
            None => format!("{size}_components_fit"),
            Some(z) => {
                let factor = z / app.camera.zoom();
                app.camera.zoom_around(app.viewport.center(), factor);
                frame(&ctx, &mut app);
                format!("{size}_components_100_percent")
            }
        };
        group.bench_function(name, |b| b.iter(|| black_box(frame(&ctx, &mut app))));
    }
    group.finish();
}

criterion_group!(benches, bench_frame);
criterion_main!(benches);
