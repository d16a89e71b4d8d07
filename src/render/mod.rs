//! Render: reports to text, one file per output format.

pub mod coverage;
pub mod github;
pub mod human;
pub mod json;
pub mod report;
pub mod sarif;
pub mod short;

use crate::diagnostic::Severity;
use crate::lint::FileReport;
use crate::rules::Language;

/// `text` safe to print on a terminal: control characters (ESC, CR, a
/// newline in a file name…) are written as escapes (`\u{1b}`, `\r`), so that
/// a file name or a quote cannot move the cursor, recolour the terminal or
/// split a one-line record. `keep_newlines` keeps `\n` for multi-line notes.
pub fn printable(text: &str, keep_newlines: bool) -> std::borrow::Cow<'_, str> {
    let unsafe_char = |c: char| c.is_control() && !(keep_newlines && c == '\n');
    if !text.chars().any(unsafe_char) {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if unsafe_char(c) {
            out.extend(c.escape_default());
        } else {
            out.push(c);
        }
    }
    std::borrow::Cow::Owned(out)
}

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

/// The language of what a run says about all its files (the summary line,
/// "wrote…"): French when every report's messages are.
pub fn run_language(reports: &[FileReport]) -> Language {
    common_language(reports.iter().map(|r| r.messages))
}

/// French when there is at least one language and every one is French,
/// else English.
pub fn common_language(mut languages: impl Iterator<Item = Language>) -> Language {
    match languages.next() {
        Some(Language::Fr) if languages.all(|l| l == Language::Fr) => Language::Fr,
        _ => Language::En,
    }
}

/// `text` with a capital first letter.
pub fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// `n` with the word that agrees with it: "1 file", "2 files".
pub fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// "2 errors, 1 warning and 1 info in 3 files", or in French "2 erreurs,
/// 1 avertissement et 1 info dans 3 fichiers".
pub fn summary_line(summary: &Summary, language: Language) -> String {
    let fr = language == Language::Fr;
    let word =
        |en: (&'static str, &'static str), fr_words: (&'static str, &'static str)| if fr { fr_words } else { en };
    let mut parts = Vec::new();
    for (n, en, fr_words) in [
        (summary.errors, ("error", "errors"), ("erreur", "erreurs")),
        (
            summary.warnings,
            ("warning", "warnings"),
            ("avertissement", "avertissements"),
        ),
        (summary.infos, ("info", "infos"), ("info", "infos")),
    ] {
        if n > 0 {
            let (one, many) = word(en, fr_words);
            parts.push(plural(n, one, many));
        }
    }
    let (one, many) = word(("file", "files"), ("fichier", "fichiers"));
    let files = plural(summary.files, one, many);
    let (and, within) = if fr { ("et", "dans") } else { ("and", "in") };
    let line = match parts.len() {
        0 if fr => format!("aucun problème dans {files}"),
        0 => format!("no problems found in {files}"),
        1 => format!("{} {within} {files}", parts[0]),
        n => format!("{} {and} {} {within} {files}", parts[..n - 1].join(", "), parts[n - 1]),
    };
    match (summary.baseline, fr) {
        (Some(b), false) => format!(
            "{line} ({} hidden by the baseline, {} stale baseline {})",
            b.hidden,
            b.stale,
            if b.stale == 1 { "entry" } else { "entries" }
        ),
        (Some(b), true) => format!(
            "{line} ({} {} par la référence, {} {} de référence {})",
            b.hidden,
            if b.hidden > 1 { "masqués" } else { "masqué" },
            b.stale,
            if b.stale > 1 { "entrées" } else { "entrée" },
            if b.stale > 1 { "périmées" } else { "périmée" }
        ),
        (None, _) => line,
    }
}
