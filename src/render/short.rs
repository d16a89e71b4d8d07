//! `--format short`: `path:line:col: severity[rule] message`, one line each,
//! for editors' error formats and grep.

use crate::diagnostic::LineIndex;
use crate::lint::FileReport;
use std::fmt::Write;

pub fn render(reports: &[FileReport]) -> String {
    let mut out = String::new();
    for report in reports {
        let index = LineIndex::new(&report.source);
        for d in &report.diagnostics {
            let p = index.position(d.span.start);
            let _ = writeln!(
                out,
                "{}:{}:{}: {}[{}] {}",
                report.path, p.line, p.column, d.severity, d.rule, d.message
            );
        }
    }
    out
}
