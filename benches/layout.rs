//! Automatic layout of generated diagrams of 1,000 and 10,000 components (the importer's
//! budget leaves it well under 50 ms for 1,000).

#![allow(clippy::unwrap_used)]

use criterion::{Criterion, criterion_group, criterion_main};

use cloudsketch::model::generate::large_diagram;
use cloudsketch::model::layout;

fn bench(c: &mut Criterion) {
    for n in [1_000, 10_000] {
        let diagram = large_diagram(n).unwrap();
        c.bench_function(&format!("tidy {n} components"), |b| {
            b.iter(|| layout::tidy(std::hint::black_box(&diagram)));
        });
    }
}

criterion_group!(benches, bench);
criterion_main!(benches);
