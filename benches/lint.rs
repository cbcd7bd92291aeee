//! Lint speed on generated diagrams. Budgets (2-core machine): 1,000 components ≤ 0.5 ms,
//! 10,000 components ≤ 10 ms.

use std::hint::black_box;

use cloudsketch::model::generate::large_diagram;
use cloudsketch::rules::{LintConfig, lint};
use criterion::{Criterion, criterion_group, criterion_main};

fn bench_lint(c: &mut Criterion) {
    let mut group = c.benchmark_group("lint");
    for size in [100, 1_000, 10_000] {
        let diagram = large_diagram(size).expect("generated diagram is valid");
        let config = LintConfig::default();
        group.bench_function(format!("{size}_components"), |b| {
            b.iter(|| lint(black_box(&diagram), &config))
        });
    }
    group.finish();
}

criterion_group!(benches, bench_lint);
criterion_main!(benches);
