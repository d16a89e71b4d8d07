//! Render: reports to text, one file per output format.

pub mod coverage;
pub mod github;
pub mod human;
pub mod json;
pub mod sarif;
pub mod short;

use crate::diagnostic::Severity;
use crate::lint::FileReport;

/// Counts shown in every format's summary.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Summary {
    pub files: usize,
    pub errors: usize,
    pub warnings: usize,
    pub infos: usize,
    /// What `--baseline` hid, when one was given.
    pub baseline: Option<crate::baseline::Applied>,
}

impl Summary {
    pub fn of(reports: &[FileReport]) -> Summary {
        let mut summary = Summary {
            files: reports.len(),
            ..Summary::default()
        };
        for d in reports.iter().flat_map(|r| &r.diagnostics) {
            match d.severity {
                Severity::Error => summary.errors += 1,
                Severity::Warning => summary.warnings += 1,
                Severity::Info => summary.infos += 1,
            }
        }
        summary
    }
}

/// `n` with the word that agrees with it: "1 file", "2 files".
pub fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// "2 errors, 1 warning and 1 info in 3 files".
pub fn summary_line(summary: &Summary) -> String {
    let mut parts = Vec::new();
    if summary.errors > 0 {
        parts.push(plural(summary.errors, "error", "errors"));
    }
    if summary.warnings > 0 {
        parts.push(plural(summary.warnings, "warning", "warnings"));
    }
    if summary.infos > 0 {
        parts.push(plural(summary.infos, "info", "infos"));
    }
    let files = plural(summary.files, "file", "files");
    let line = match parts.len() {
        0 => format!("no problems found in {files}"),
        1 => format!("{} in {files}", parts[0]),
        n => format!("{} and {} in {files}", parts[..n - 1].join(", "), parts[n - 1]),
    };
    match summary.baseline {
        Some(b) => format!(
            "{line} ({} hidden by the baseline, {} stale baseline {})",
            b.hidden,
            b.stale,
            if b.stale == 1 { "entry" } else { "entries" }
        ),
        None => line,
    }
}
