//! `cloudsketch check` end to end, as a process: binary start-up, load, lint and the report
//! on generated diagrams of 1,000 and 10,000 components (for comparison, cfn-lint takes
//! about 1.3 s on a 45-resource template).

use std::path::PathBuf;
use std::process::{Command, Stdio};

use cloudsketch::io;
use cloudsketch::model::generate::large_diagram;
use criterion::{Criterion, criterion_group, criterion_main};

fn bench_check(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let mut group = c.benchmark_group("check");
    group.sample_size(10);
    for size in [1_000, 10_000] {
        let path: PathBuf = dir.path().join(format!("generated-{size}.ron"));
        let diagram = large_diagram(size).expect("generated diagram is valid");
        io::save_path(&diagram, &path).expect("saves");
        group.bench_function(format!("process_{size}_components"), |b| {
            b.iter(|| {
                let status = Command::new(env!("CARGO_BIN_EXE_cloudsketch"))
                    .arg("check")
                    .arg(&path)
                    .stdout(Stdio::null())
                    .stderr(Stdio::null())
                    .status()
                    .expect("runs");
                // The generated diagram has findings: exit 1, never an error.
                assert_eq!(status.code(), Some(1));
            });
        });
    }
    group.finish();
}

criterion_group!(benches, bench_check);
criterion_main!(benches);
