//! cloudsketch: sketch AWS architectures and get design warnings while you draw.
//!
//! Layers, arrows pointing down only: `app` (egui, feature `gui`) → `cli` → `io` → `model`.
//! `model`, `io` and `cli` never touch egui.

#![forbid(unsafe_code)]

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
