//! `required-topic` (culture/*, practice/*): a topic the charter must cover.
//! Coverage (explicit `topic`, heading, or enough evidence in the text) is
//! computed once per file by the analysis; this check reports what is missing.

use crate::analyse::Lexicons;
use crate::model::Format;
use crate::rules::{Check, Context, Emitter, Language, Localized};
use serde::Deserialize;

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Params {
    /// The topic lexicon (`rules/lexicons/<topic>.yaml`).
    topic: String,
    /// Shown when a section touches on the topic without covering it…
    weak_match: Localized,
    /// …and then the message says "not clearly" rather than "never" (when
    /// given: packs written before it keep their one message).
    #[serde(default)]
    weak_message: Option<Localized>,
    /// What `--fix` inserts: a heading and a one-line prompt of what to write.
    skeleton: Skeleton,
}

#[derive(Debug, Default, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Skeleton {
    pub heading: Localized,
    pub prompt: Localized,
}

/// The skeleton `--fix` inserts for a required-topic rule.
pub fn skeleton(spec: &crate::rules::RuleSpec) -> Option<Skeleton> {
    (spec.kind == "required-topic")
        .then(|| spec.params::<Params>().ok().map(|p| p.skeleton))
        .flatten()
}

pub struct RequiredTopic {
    lexicon: usize,
    /// The heading the help gives as an example (the `--fix` skeleton's).
    heading: Localized,
    weak_match: Localized,
    weak_message: Option<Localized>,
}

impl RequiredTopic {
    pub fn new(params: Params, lexicons: &Lexicons) -> Result<RequiredTopic, String> {
        let lexicon = lexicons
            .index(&params.topic)
            .ok_or_else(|| format!("unknown topic lexicon `{}`", params.topic))?;
        if lexicons.specs[lexicon].threshold.is_none() {
            return Err(format!(
                "lexicon `{}` has no `threshold`: it is not a topic",
                params.topic
            ));
        }
        Ok(RequiredTopic {
            lexicon,
            heading: params.skeleton.heading.clone(),
            weak_match: params.weak_match,
            weak_message: params.weak_message,
        })
    }
}

/// How a section with this heading is written in the charter's format (a
/// YAML charter's sections are list items, not `##` headings), quoted.
fn example_heading(heading: &str, format: Format, language: Language) -> String {
    let written = match format {
        Format::Markdown => format!("## {heading}"),
        Format::Yaml => format!("- title: {heading}"),
        Format::Text => heading.to_string(),
    };
    match language {
        Language::En => format!("“{written}”"),
        Language::Fr => format!("« {written} »"),
    }
}

impl Check for RequiredTopic {
    fn check(&self, ctx: &Context<'_>, emit: &mut Emitter<'_>) {
        let Some(Some(coverage)) = ctx.analysis.coverage.get(self.lexicon) else {
            return;
        };
        if coverage.covered() {
            return;
        }
        let at = ctx.charter.title_span().unwrap_or(0..0);
        let weak = coverage.best_section.map(|section| {
            let title = ctx.analysis.sections[section].section.heading.text.as_str().to_string();
            let words: Vec<String> = coverage
                .evidence
                .iter()
                .filter(|e| ctx.analysis.section_of(e.sentence) == Some(section))
                .flat_map(|e| {
                    e.words
                        .iter()
                        .map(move |w| ctx.source[ctx.analysis.span(e.sentence, w.clone())].to_string())
                })
                .collect();
            (section, title, words)
        });
        // The closest section is shown only with the words that touch on the
        // topic there (concepts its heading brings are not the section's words).
        let weak = weak.filter(|(_, _, words)| !words.is_empty());
        let note = weak.as_ref().map(|(_, title, words)| {
            let mut words = words.clone();
            words.dedup();
            words.truncate(3);
            let quoted: Vec<String> = words.iter().map(|w| format!("“{w}”")).collect();
            crate::rules::pack::fill(
                emit.text(&self.weak_match),
                &[("section", title), ("words", &quoted.join(", "))],
            )
        });
        let closest = emit.secondary(&[]);
        let weak_message = self.weak_message.as_ref().map(|m| emit.text(m).to_string());
        let example = example_heading(emit.text(&self.heading), ctx.charter.format, ctx.messages);
        let d = emit.emit(at, &[("example", &example)]);
        if let (Some((section, _, _)), Some(note)) = (weak, note) {
            if let Some(message) = weak_message {
                d.message = message;
            }
            d.labels.push(crate::diagnostic::Label {
                span: ctx.analysis.sections[section].section.heading.span.clone(),
                message: closest,
            });
            d.notes.push(note);
        }
    }
}
