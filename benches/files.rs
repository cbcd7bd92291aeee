//! Load and save speed (RON text, no disk) on generated diagrams. Budgets for 10,000
//! components: load ≤ 80 ms, save ≤ 40 ms.

use std::hint::black_box;
use std::path::Path;

use cloudsketch::io;
use cloudsketch::model::generate::large_diagram;
use criterion::{Criterion, criterion_group, criterion_main};

fn bench_files(c: &mut Criterion) {
    let mut group = c.benchmark_group("files");
    group.sample_size(20);
    for size in [100, 1_000, 10_000] {
        let diagram = large_diagram(size).expect("generated diagram is valid");
        let text = io::to_string(&diagram).expect("serializes");
        group.bench_function(format!("load_{size}_components"), |b| {
            b.iter(|| io::load_str(black_box(&text), Path::new("bench.ron")).expect("loads"));
        });
        group.bench_function(format!("save_{size}_components"), |b| {
            b.iter(|| io::to_string(black_box(&diagram)).expect("saves"))
        });
    }
    group.finish();
}

criterion_group!(benches, bench_files);
criterion_main!(benches);
