//! `--format human`: rustc-style reports with source snippets
//! (codespan-reporting), then a one-line summary.

use super::{Summary, summary_line};
use crate::diagnostic::Severity;
use crate::lint::FileReport;
use codespan_reporting::diagnostic::{Diagnostic, Label, Severity as CodespanSeverity};
use codespan_reporting::files::SimpleFiles;
use codespan_reporting::term::{self, Config, termcolor::WriteColor};

fn severity(s: Severity) -> CodespanSeverity {
    match s {
        Severity::Error => CodespanSeverity::Error,
        Severity::Warning => CodespanSeverity::Warning,
        Severity::Info => CodespanSeverity::Note,
    }
}

/// Writes every report, then the summary if given, to `out` (colour is
/// `out`'s choice).
pub fn render(reports: &[FileReport], out: &mut dyn WriteColor, summary: Option<Summary>) -> std::io::Result<()> {
    let config = Config::default();
    let mut files = SimpleFiles::new();
    for report in reports {
        let file = files.add(report.path.as_str(), report.source.as_str());
        for d in &report.diagnostics {
            let clamp = |span: &std::ops::Range<usize>| {
                let end = span.end.min(report.source.len());
                span.start.min(end)..end
            };
            let mut labels = vec![Label::primary(file, clamp(&d.span)).with_message(&d.label)];
            labels.extend(
                d.labels
                    .iter()
                    .map(|l| Label::secondary(file, clamp(&l.span)).with_message(&l.message)),
            );
            let mut notes: Vec<String> = d.help.iter().map(|h| format!("help: {h}")).collect();
            notes.extend(d.notes.iter().map(|n| format!("note: {n}")));
            let diagnostic = Diagnostic::new(severity(d.severity))
                .with_message(&d.message)
                .with_code(&d.rule)
                .with_labels(labels)
                .with_notes(notes);
            term::emit_to_write_style(out, &config, &files, &diagnostic).map_err(|e| match e {
                // Keep the kind: a closed pipe is not an error for the caller.
                codespan_reporting::files::Error::Io(io) => io,
                other => std::io::Error::other(other.to_string()),
            })?;
        }
    }
    if let Some(summary) = summary {
        let mut spec = term::termcolor::ColorSpec::new();
        spec.set_bold(true);
        out.set_color(&spec)?;
        write!(out, "charterlint: {}", summary_line(&summary))?;
        out.reset()?;
        writeln!(out)?;
    }
    Ok(())
}
