//! `check --coverage`: per charter, a table of the topics with the sentence
//! that covers each one (or touches on it) and its line, in the charter's
//! language. What the JSON `topics` object holds, for people.

use crate::analyse::Status;
use crate::diagnostic::LineIndex;
use crate::lint::FileReport;
use crate::model::Language;
use crate::rules::pack::one_line;

/// Longest quote shown, in characters; longer ones are cut at a word.
const QUOTE: usize = 90;

fn status_word(status: Status, language: Language) -> &'static str {
    match (status, language) {
        (Status::Covered, Language::En) => "covered",
        (Status::Weak, Language::En) => "weak",
        (Status::Missing, Language::En) => "missing",
        (Status::Covered, Language::Fr) => "couvert",
        (Status::Weak, Language::Fr) => "faible",
        (Status::Missing, Language::Fr) => "absent",
    }
}

pub fn render(reports: &[FileReport], messages: Option<Language>) -> String {
    let mut out = String::new();
    for report in reports.iter().filter(|r| !r.topics.is_empty()) {
        let language = messages.or(report.language).unwrap_or(Language::En);
        let index = LineIndex::new(&report.source);
        let title = match language {
            Language::En => "topic coverage",
            Language::Fr => "couverture des sujets",
        };
        out.push_str(&format!("{}: {title}\n", report.path));
        let width = report.topics.iter().map(|t| t.topic.len()).max().unwrap_or(0);
        for topic in &report.topics {
            let status = status_word(topic.status, language);
            out.push_str(&format!("  {:width$}  {status:8}", topic.topic));
            if let Some(e) = topic.evidence.first().filter(|_| topic.status != Status::Missing) {
                let line = index.position(e.span.start).line;
                let (open, close) = match language {
                    Language::En => ("“", "”"),
                    Language::Fr => ("« ", " »"),
                };
                out.push_str(&format!("  {line:>4}  {open}{}{close}", one_line(&e.text, QUOTE)));
            }
            out.push('\n');
        }
        out.push('\n');
    }
    out
}
