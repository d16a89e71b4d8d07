//! `practice-pattern` (broadcast/*): phrases that prescribe a one-way practice,
//! found with negation awareness. A pattern is a list of phrase groups that
//! must all match within a window of words in one sentence.

use crate::analyse::Analysis;
use crate::analyse::phrases::{PhraseSet, pattern};
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
    groups: usize,
    window: usize,
    negatable: bool,
}

pub struct PracticePattern {
    patterns: Vec<Pattern>,
    /// Every phrase of every group, tagged `(pattern, group)`: one scan per sentence.
    phrases: PhraseSet<(usize, usize)>,
}

impl PracticePattern {
    pub fn new(params: Params) -> Result<PracticePattern, String> {
        let mut patterns = Vec::new();
        let mut phrases = Vec::new();
        for (p, spec) in params.patterns.into_iter().enumerate() {
            if spec.all.is_empty()
                || spec
                    .all
                    .iter()
                    .any(|g| g.iter().all(|phrase| pattern(phrase).is_none()))
            {
                return Err(format!("pattern {} has an empty phrase group", p + 1));
            }
            patterns.push(Pattern {
                groups: spec.all.len(),
                window: spec.window,
                negatable: spec.negatable,
            });
            for (g, group) in spec.all.into_iter().enumerate() {
                phrases.extend(group.into_iter().map(|phrase| (phrase, (p, g))));
            }
        }
        Ok(PracticePattern {
            patterns,
            phrases: PhraseSet::new(phrases),
        })
    }

    /// The first pattern that matches the sentence, and the tokens it spans:
    /// all its groups match, close enough together, and nothing negates them.
    fn find(&self, analysis: &Analysis<'_>, sentence: usize) -> Option<(usize, Range<usize>)> {
        let s = &analysis.sentences[sentence].sentence;
        let mut found: Vec<Vec<Vec<Range<usize>>>> = self.patterns.iter().map(|p| vec![Vec::new(); p.groups]).collect();
        for (&(p, g), range) in self.phrases.find(s) {
            found[p][g].push(range);
        }
        // Sorted, each nearest match is a binary search: a sentence of
        // thousands of matches stays n·log n, not n².
        for group in found.iter_mut().flatten() {
            group.sort_by_key(|r| r.start);
        }
        self.patterns.iter().enumerate().find_map(|(p, pattern)| {
            let groups = &found[p];
            // Anchor on each match of the first group; take the nearest match of the others.
            groups[0].iter().find_map(|anchor| {
                let mut span = anchor.clone();
                for group in &groups[1..] {
                    let nearest = nearest(group, anchor.start)?;
                    span = span.start.min(nearest.start)..span.end.max(nearest.end);
                }
                let close = span.len() <= pattern.window;
                (close && !(pattern.negatable && analysis.is_negated(sentence, span.clone()))).then_some((p, span))
            })
        })
    }
}

/// The match of `sorted` (by start) that starts nearest to `at`.
fn nearest(sorted: &[Range<usize>], at: usize) -> Option<&Range<usize>> {
    let after = sorted.partition_point(|r| r.start < at);
    let candidates = [after.checked_sub(1), Some(after)];
    candidates
        .into_iter()
        .flatten()
        .filter_map(|i| sorted.get(i))
        .min_by_key(|r| r.start.abs_diff(at))
}

impl Check for PracticePattern {
    fn check(&self, ctx: &Context<'_>, emit: &mut Emitter<'_>) {
        let analysis = ctx.analysis;
        for sentence in 0..analysis.sentences.len() {
            if !analysis.is_guidance(sentence) {
                continue;
            }
            let found = self.find(analysis, sentence);
            if let Some((_, tokens)) = found {
                let span = analysis.span(sentence, tokens);
                let phrase = ctx.source[span.clone()].to_string();
                emit.emit(span, &[("phrase", &phrase)]);
            }
        }
    }
}
