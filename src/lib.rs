//! charterlint: a linter for corporate social-media charters.
//!
//! The pipeline, one module per stage:
//! discover → load → parse → analyse → rules → (diagnostic) → render, driven
//! per file by `lint` and from the command line by `cli`.
#![warn(clippy::print_stdout, clippy::print_stderr)]

pub mod analyse;
pub mod baseline;
pub mod cli;
pub mod config;
pub mod diagnostic;
pub mod discover;
pub mod fix;
pub mod lint;
pub mod load;
pub mod model;
pub mod parse;
pub mod render;
pub mod rules;
pub mod suppress;
