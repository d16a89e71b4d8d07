//! Analyse: facts about a parsed charter that rules share (for now, its language).

mod language;

pub use language::detect_language;
