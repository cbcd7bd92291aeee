//! Where a lint run spends its time: the shared analysis (`LintContext`), the DR
//! assessment some rules share, and each rule alone, on a generated diagram.
//!
//! ```text
//! cargo run --release --example lint_profile -- 10000
//! ```
//!
//! Rules are timed one at a time on an already built context, so caches are warmer than
//! in a real run; the budgets are checked by `cargo bench --bench lint`, not here.

use std::hint::black_box;
use std::io::Write as _;
use std::time::Instant;

use cloudsketch::model::generate::large_diagram;
use cloudsketch::rules::{ALL_RULES, LintConfig, LintContext, lint};

/// Milliseconds per call of `f`, the best of `reps` calls.
fn best_ms(reps: usize, mut f: impl FnMut()) -> f64 {
    (0..reps)
        .map(|_| {
            let start = Instant::now();
            f();
            start.elapsed().as_secs_f64() * 1e3
        })
        .fold(f64::INFINITY, f64::min)
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let size: usize = match std::env::args().nth(1) {
        Some(text) => text.parse()?,
        None => 10_000,
    };
    let diagram = large_diagram(size)?;
    let reps = (200_000 / size.max(1)).clamp(5, 200);
    let config = LintConfig::default();
    // Written with `?` so that piping into `head` ends quietly.
    let mut out = std::io::stdout().lock();
    let findings = lint(&diagram, &config).findings.len();
    writeln!(
        out,
        "{} components, {findings} findings, best of {reps} runs",
        diagram.components().count()
    )?;
    writeln!(
        out,
        "{:9.3} ms  whole lint",
        best_ms(reps, || drop(black_box(lint(&diagram, &config))))
    )?;
    let context = best_ms(reps, || drop(black_box(LintContext::new(&diagram))));
    writeln!(out, "{context:9.3} ms  shared analysis (LintContext::new)")?;
    let with_dr = best_ms(reps, || {
        let cx = LintContext::new(&diagram);
        black_box(cx.dr_assessment());
    });
    writeln!(out, "{:9.3} ms  DR assessment", with_dr - context)?;
    let cx = LintContext::new(&diagram);
    cx.dr_assessment();
    let mut rows: Vec<(f64, &str, &str, usize)> = ALL_RULES
        .iter()
        .map(|rule| {
            let mut count = 0;
            let ms = best_ms(reps, || {
                let mut out = Vec::new();
                rule.check(&cx, &mut out);
                count = out.len();
                drop(black_box(out));
            });
            (ms, rule.meta().id, rule.meta().name, count)
        })
        .collect();
    rows.sort_by(|a, b| b.0.total_cmp(&a.0));
    let total: f64 = rows.iter().map(|row| row.0).sum();
    writeln!(out, "{total:9.3} ms  all rules, one at a time:")?;
    for (ms, id, name, count) in rows {
        writeln!(out, "{ms:9.3} ms  {id:<9} {count:>5} findings  {name}")?;
    }
    Ok(())
}
