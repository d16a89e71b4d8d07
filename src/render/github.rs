//! `--format github`: GitHub Actions workflow commands, one annotation per
//! finding, shown on the pull request's diff.

use crate::diagnostic::{LineIndex, Severity};
use crate::lint::FileReport;
use std::fmt::Write;

/// Escapes a workflow command's message.
fn data(s: &str) -> String {
    s.replace('%', "%25").replace('\r', "%0D").replace('\n', "%0A")
}

/// Escapes a workflow command's property value.
fn property(s: &str) -> String {
    data(s).replace(':', "%3A").replace(',', "%2C")
}

pub fn render(reports: &[FileReport]) -> String {
    let mut out = String::new();
    for report in reports {
        let index = LineIndex::new(&report.source);
        for d in &report.diagnostics {
            let (start, end) = (index.position(d.span.start), index.position(d.span.end));
            let command = match d.severity {
                Severity::Error => "error",
                Severity::Warning => "warning",
                Severity::Info => "notice",
            };
            let mut message = d.message.clone();
            if let Some(help) = &d.help {
                message.push_str("\nhelp: ");
                message.push_str(help);
            }
            let _ = writeln!(
                out,
                "::{command} file={},line={},col={},endLine={},endColumn={},title={}::{}",
                property(&report.path),
                start.line,
                start.column,
                end.line,
                end.column,
                property(&d.rule),
                data(&message)
            );
        }
    }
    out
}
