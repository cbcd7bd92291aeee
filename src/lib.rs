//! cloudsketch: sketch AWS architectures and get design warnings while you draw.
//!
//! Layers, arrows pointing down only: `app` (egui, feature `gui`) → `cli` → `io` → `model`.
//! `model`, `io` and `cli` never touch egui.

#![forbid(unsafe_code)]

/// Every cloudsketch program (the app, the CLI, tests, benchmarks) allocates with
/// mimalloc. A lint run makes thousands of small allocations (messages, subjects, fixes)
/// and a few large tables; with the system allocator those cost about a sixth of a 1k run
/// and a quarter of a 10k run, mostly in glibc consolidating freed chunks before each
/// large allocation. Declared here, once, so benchmarks measure what the app runs. Fuzz
/// builds keep the system allocator, which the sanitizers instrument.
#[cfg(not(fuzzing))]
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[cfg(feature = "gui")]
pub mod app;
pub mod assets;
pub mod cidr;
pub mod cli;
pub mod export;
pub mod io;
pub mod learn;
pub mod look;
pub mod model;
pub mod rules;
