//! `--format short`: `path:line:col: severity[rule] message`, one line each,
//! for editors' error formats and grep.

use super::printable;
use crate::diagnostic::LineIndex;
use crate::lint::FileReport;
use std::fmt::Write;

pub fn render(reports: &[FileReport]) -> String {
    let mut out = String::new();
    for report in reports {
        let index = LineIndex::new(&report.source);
        // One record per line, whatever the file name or the quote holds.
        let path = printable(&report.path, false);
        for d in &report.diagnostics {
            let p = index.position(d.span.start);
            let _ = writeln!(
                out,
                "{path}:{}:{}: {}[{}] {}",
                p.line,
                p.column,
                d.severity,
                d.rule,
                printable(&d.message, false)
            );
        }
    }
    out
}
