//! `practice-pattern` (broadcast/*): phrases that prescribe a one-way practice,
//! found with negation awareness. A pattern is a list of phrase groups that
//! must all match within a window of words in one sentence.

use crate::analyse::Analysis;
use crate::analyse::phrases::PhraseSet;
use crate::rules::{Check, Context, Emitter};
use serde::Deserialize;
use std::ops::Range;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PatternSpec {
    /// Phrase groups (French and English mixed: the analysis matches both).
    all: Vec<Vec<String>>,
    /// Words from the first group's start to the last group's end.
    #[serde(default = "default_window")]
    window: usize,
    /// A negation before the phrase ("we never…") cancels it, unless false:
    /// some practices are themselves restrictions ("must not speak for…").
    #[serde(default = "yes")]
    negatable: bool,
}

fn default_window() -> usize {
    8
}

fn yes() -> bool {
    true
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Params {
    patterns: Vec<PatternSpec>,
}

struct Pattern {
    groups: Vec<PhraseSet<()>>,
    window: usize,
    negatable: bool,
}

pub struct PracticePattern {
    patterns: Vec<Pattern>,
}

impl PracticePattern {
    pub fn new(params: Params) -> Result<PracticePattern, String> {
        let mut patterns = Vec::new();
        for (i, spec) in params.patterns.into_iter().enumerate() {
            let groups: Vec<PhraseSet<()>> = spec
                .all
                .into_iter()
                .map(|g| PhraseSet::new(g.into_iter().map(|p| (p, ()))))
                .collect();
            if groups.is_empty() || groups.iter().any(PhraseSet::is_empty) {
                return Err(format!("pattern {} has an empty phrase group", i + 1));
            }
            patterns.push(Pattern {
                groups,
                window: spec.window,
                negatable: spec.negatable,
            });
        }
        Ok(PracticePattern { patterns })
    }
}

impl Pattern {
    /// The tokens the pattern spans in this sentence, if all groups match
    /// close enough together.
    fn find(&self, analysis: &Analysis<'_>, sentence: usize) -> Option<Range<usize>> {
        let s = &analysis.sentences[sentence].sentence;
        let found: Vec<Vec<Range<usize>>> = self
            .groups
            .iter()
            .map(|g| g.find(s).map(|(_, r)| r).collect())
            .collect();
        // Anchor on each match of the first group; take the nearest match of the others.
        for anchor in &found[0] {
            let mut span = anchor.clone();
            let mut complete = true;
            for group in &found[1..] {
                let nearest = group.iter().min_by_key(|r| r.start.abs_diff(anchor.start));
                match nearest {
                    Some(r) => span = span.start.min(r.start)..span.end.max(r.end),
                    None => complete = false,
                }
            }
            if complete && span.len() <= self.window {
                return Some(span);
            }
        }
        None
    }
}

impl Check for PracticePattern {
    fn check(&self, ctx: &Context<'_>, emit: &mut Emitter<'_>) {
        let analysis = ctx.analysis;
        for sentence in 0..analysis.sentences.len() {
            if !analysis.is_guidance(sentence) {
                continue;
            }
            let found = self.patterns.iter().find_map(|p| {
                let span = p.find(analysis, sentence)?;
                (!p.negatable || !analysis.is_negated(sentence, span.clone())).then_some(span)
            });
            if let Some(tokens) = found {
                let span = analysis.span(sentence, tokens);
                let phrase = ctx.source[span.clone()].to_string();
                emit.emit(span, &[("phrase", &phrase)]);
            }
        }
    }
}
