//! The one finding type every rule, parser and renderer shares.

mod line_index;

pub use line_index::{LineIndex, Position};

use crate::model::Span;
use std::fmt;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    Info,
    Warning,
    Error,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }

    pub fn parse(s: &str) -> Option<Severity> {
        match s {
            "info" => Some(Severity::Info),
            "warning" => Some(Severity::Warning),
            "error" => Some(Severity::Error),
            _ => None,
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A secondary place in the source, with what it shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Label {
    pub span: Span,
    pub message: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// Stable id, `family/name`.
    pub rule: String,
    pub severity: Severity,
    pub message: String,
    pub span: Span,
    /// What the primary span shows (may be empty).
    pub label: String,
    pub labels: Vec<Label>,
    pub help: Option<String>,
    pub notes: Vec<String>,
}

impl Diagnostic {
    pub fn new(rule: impl Into<String>, severity: Severity, message: impl Into<String>, span: Span) -> Self {
        Diagnostic {
            rule: rule.into(),
            severity,
            message: message.into(),
            span,
            label: String::new(),
            labels: Vec::new(),
            help: None,
            notes: Vec::new(),
        }
    }

    pub fn with_label(mut self, label: impl Into<String>) -> Self {
        self.label = label.into();
        self
    }

    pub fn with_secondary(mut self, span: Span, message: impl Into<String>) -> Self {
        self.labels.push(Label {
            span,
            message: message.into(),
        });
        self
    }

    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    pub fn with_note(mut self, note: impl Into<String>) -> Self {
        self.notes.push(note.into());
        self
    }

    /// Widens every span to whole characters inside `source`: parsers point
    /// at bytes (`at..at + 1`), renderers need character boundaries.
    pub fn snap_to(&mut self, source: &str) {
        snap(&mut self.span, source);
        for label in &mut self.labels {
            snap(&mut label.span, source);
        }
    }
}

fn snap(span: &mut Span, source: &str) {
    let mut end = span.end.min(source.len());
    while !source.is_char_boundary(end) {
        end += 1;
    }
    let mut start = span.start.min(end);
    while !source.is_char_boundary(start) {
        start -= 1;
    }
    *span = start..end;
}
