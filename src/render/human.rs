//! `--format human`: rustc-style reports with source snippets
//! (codespan-reporting), then a one-line summary.

use super::{Summary, printable, run_language, summary_line};
use crate::diagnostic::{LineIndex, Severity};
use crate::lint::FileReport;
use crate::rules::Language;
use codespan_reporting::diagnostic::{Diagnostic, Label, Severity as CodespanSeverity};
use codespan_reporting::files::{Error as FilesError, Files};
use codespan_reporting::term::termcolor::Buffer;
use codespan_reporting::term::{self, Config, termcolor::WriteColor};

/// The charters as codespan shows them. Lines and columns come from the one
/// `LineIndex` every renderer uses (CR-only and mixed line endings, a
/// byte-order mark); the snippet text is the source with each control
/// character replaced at the same byte offsets (a lone CR by a line break,
/// others by `?`), so that a snippet never moves the cursor or recolours the
/// terminal.
struct Shown<'a> {
    files: Vec<ShownFile<'a>>,
}

struct ShownFile<'a> {
    name: String,
    text: String,
    index: LineIndex<'a>,
}

impl<'a> ShownFile<'a> {
    fn new(report: &'a FileReport) -> Self {
        let bytes = report.source.as_bytes();
        let text: String = report
            .source
            .char_indices()
            .map(|(i, c)| match c {
                '\r' if bytes.get(i + 1) == Some(&b'\n') => ' ',
                '\r' => '\n',
                '\n' | '\t' => c,
                // One byte for one byte: the offsets stay those of the file.
                c if c.is_ascii_control() => '?',
                c => c,
            })
            .collect();
        ShownFile {
            name: printable(&report.path, false).into_owned(),
            text,
            index: LineIndex::new(&report.source),
        }
    }
}

impl<'f> Files<'f> for Shown<'_> {
    type FileId = usize;
    type Name = &'f str;
    type Source = &'f str;

    fn name(&'f self, id: usize) -> Result<&'f str, FilesError> {
        Ok(&self.file(id)?.name)
    }

    fn source(&'f self, id: usize) -> Result<&'f str, FilesError> {
        Ok(&self.file(id)?.text)
    }

    fn line_index(&'f self, id: usize, byte_index: usize) -> Result<usize, FilesError> {
        Ok(self.file(id)?.index.position(byte_index).line - 1)
    }

    fn line_range(&'f self, id: usize, line_index: usize) -> Result<std::ops::Range<usize>, FilesError> {
        let file = self.file(id)?;
        file.index.line_range(line_index).ok_or(FilesError::LineTooLarge {
            given: line_index,
            max: file.index.position(file.text.len()).line - 1,
        })
    }

    fn column_number(&'f self, id: usize, _line_index: usize, byte_index: usize) -> Result<usize, FilesError> {
        Ok(self.file(id)?.index.position(byte_index).column)
    }
}

impl Shown<'_> {
    fn file(&self, id: usize) -> Result<&ShownFile<'_>, FilesError> {
        self.files.get(id).ok_or(FilesError::FileMissing)
    }
}

fn severity(s: Severity) -> CodespanSeverity {
    match s {
        Severity::Error => CodespanSeverity::Error,
        Severity::Warning => CodespanSeverity::Warning,
        Severity::Info => CodespanSeverity::Note,
    }
}

/// The word for a severity, in the report's language. codespan writes its
/// own English words ("note" for the lowest): the header is rewritten so
/// that every format calls it `info`, and French reports say it in French.
fn severity_word(severity: Severity, language: Language) -> &'static str {
    match (severity, language) {
        (Severity::Error, Language::En) => "error",
        (Severity::Error, Language::Fr) => "erreur",
        (Severity::Warning, Language::En) => "warning",
        (Severity::Warning, Language::Fr) => "avertissement",
        (Severity::Info, _) => "info",
    }
}

fn codespan_word(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

/// "help: …" and "note: …" in the report's language.
fn prefixes(language: Language) -> (&'static str, &'static str) {
    match language {
        Language::En => ("help: ", "note: "),
        Language::Fr => ("aide : ", "remarque : "),
    }
}

/// Writes every report, then the summary if given, to `out` (colour is
/// `out`'s choice).
pub fn render(reports: &[FileReport], out: &mut dyn WriteColor, summary: Option<Summary>) -> std::io::Result<()> {
    let config = Config::default();
    let files = Shown {
        files: reports.iter().map(ShownFile::new).collect(),
    };
    for (file, report) in reports.iter().enumerate() {
        let (help, note) = prefixes(report.messages);
        for d in &report.diagnostics {
            let clamp = |span: &std::ops::Range<usize>| {
                let end = span.end.min(report.source.len());
                span.start.min(end)..end
            };
            let mut labels = vec![Label::primary(file, clamp(&d.span)).with_message(printable(&d.label, false))];
            labels.extend(
                d.labels
                    .iter()
                    .map(|l| Label::secondary(file, clamp(&l.span)).with_message(printable(&l.message, false))),
            );
            let mut notes: Vec<String> = d.help.iter().map(|h| format!("{help}{}", printable(h, true))).collect();
            notes.extend(d.notes.iter().map(|n| format!("{note}{}", printable(n, true))));
            let diagnostic = Diagnostic::new(severity(d.severity))
                .with_message(printable(&d.message, false))
                .with_code(&d.rule)
                .with_labels(labels)
                .with_notes(notes);
            let mut buffer = if out.supports_color() {
                Buffer::ansi()
            } else {
                Buffer::no_color()
            };
            term::emit_to_write_style(&mut buffer, &config, &files, &diagnostic)
                .map_err(|e| std::io::Error::other(e.to_string()))?;
            let rendered = String::from_utf8_lossy(buffer.as_slice());
            // The header is `<word>[<rule>]`, once, at the start.
            let header = format!("{}[{}]", codespan_word(d.severity), d.rule);
            let ours = format!("{}[{}]", severity_word(d.severity, report.messages), d.rule);
            out.write_all(rendered.replacen(&header, &ours, 1).as_bytes())?;
        }
    }
    if let Some(summary) = summary {
        let mut spec = term::termcolor::ColorSpec::new();
        spec.set_bold(true);
        out.set_color(&spec)?;
        let language = run_language(reports);
        let colon = match language {
            Language::Fr => " :",
            Language::En => ":",
        };
        write!(out, "charterlint{colon} {}", summary_line(&summary, language))?;
        out.reset()?;
        writeln!(out)?;
    }
    Ok(())
}
