//! `balance` (balance/e-reputation-focus): the document's weight on one
//! lexicon family (protecting the brand) against another (serving customers,
//! enabling people), measured on guidance sentences.

use crate::analyse::{Analysis, Lexicons};
use crate::diagnostic::Label;
use crate::rules::{Check, Context, Emitter};
use serde::Deserialize;
use std::collections::BTreeMap;

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Params {
    /// Lexicons whose sentences weigh on the first side.
    protect: Vec<String>,
    /// Lexicons whose sentences weigh on the other side.
    serve: Vec<String>,
    /// Summed term weight that makes a sentence count for a side.
    sentence_weight: u32,
    /// Below this many guidance sentences, no verdict.
    min_sentences: usize,
    /// Fires when the first side's share reaches this…
    min_share: f64,
    /// …and is at least this many times the other side's.
    ratio: f64,
    /// How many of the heaviest sections to point at.
    top_sections: usize,
    /// Prohibitions weigh on the first side too ("protect the brand or forbid").
    prohibitions_protect: bool,
    /// At least this many sentences must use the first side's own vocabulary:
    /// a list of don'ts about accessibility is not an e-reputation charter.
    min_lexicon_sentences: usize,
    /// The first side must also outweigh the encouragements.
    outweigh_encouragements: bool,
}

pub struct Balance {
    protect: Vec<usize>,
    serve: Vec<usize>,
    params: Params,
}

pub fn lexicon_indexes(ids: &[String], lexicons: &Lexicons) -> Result<Vec<usize>, String> {
    ids.iter()
        .map(|id| lexicons.index(id).ok_or_else(|| format!("unknown lexicon `{id}`")))
        .collect()
}

impl Balance {
    pub fn new(params: Params, lexicons: &Lexicons) -> Result<Balance, String> {
        Ok(Balance {
            protect: lexicon_indexes(&params.protect, lexicons)?,
            serve: lexicon_indexes(&params.serve, lexicons)?,
            params,
        })
    }

    fn weighs(&self, analysis: &Analysis<'_>, sentence: usize, side: &[usize]) -> bool {
        let mut terms: BTreeMap<usize, u32> = BTreeMap::new();
        for m in &analysis.sentences[sentence].matches {
            if side.contains(&m.term.lexicon) {
                terms.insert(m.term.term, m.term.weight);
            }
        }
        terms.values().sum::<u32>() >= self.params.sentence_weight
    }
}

/// `part` as a whole percentage of `total`.
pub fn percent(part: usize, total: usize) -> usize {
    (part * 100 + total / 2) / total.max(1)
}

impl Check for Balance {
    fn check(&self, ctx: &Context<'_>, emit: &mut Emitter<'_>) {
        let analysis = ctx.analysis;
        let guidance: Vec<usize> = (0..analysis.sentences.len())
            .filter(|&s| analysis.is_guidance(s))
            .collect();
        if guidance.len() < self.params.min_sentences {
            return;
        }
        let by_lexicon = guidance
            .iter()
            .filter(|&&s| self.weighs(analysis, s, &self.protect))
            .count();
        let protecting: Vec<usize> = guidance
            .iter()
            .copied()
            .filter(|&s| {
                self.weighs(analysis, s, &self.protect)
                    || (self.params.prohibitions_protect && analysis.is_prohibition(s))
            })
            .collect();
        let serving = guidance
            .iter()
            .filter(|&&s| self.weighs(analysis, s, &self.serve))
            .count();
        let encouraging = guidance.iter().filter(|&&s| analysis.is_permission(s)).count();
        let share = protecting.len() as f64 / guidance.len() as f64;
        if share < self.params.min_share
            || (protecting.len() as f64) < self.params.ratio * serving as f64
            || by_lexicon < self.params.min_lexicon_sentences
            || (self.params.outweigh_encouragements && protecting.len() < encouraging)
        {
            return;
        }
        let mut per_section: BTreeMap<usize, usize> = BTreeMap::new();
        for &s in &protecting {
            if let Some(section) = analysis.section_of(s) {
                *per_section.entry(section).or_default() += 1;
            }
        }
        let mut heaviest: Vec<(usize, usize)> = per_section.into_iter().collect();
        heaviest.sort_by_key(|&(section, count)| (std::cmp::Reverse(count), section));
        heaviest.truncate(self.params.top_sections);
        let protect = percent(protecting.len(), guidance.len()).to_string();
        let serve = percent(serving, guidance.len()).to_string();
        let at = ctx.charter.title_span().unwrap_or(0..0);
        let labels: Vec<Label> = heaviest
            .into_iter()
            .map(|(section, count)| Label {
                span: analysis.sections[section].section.heading.span.clone(),
                message: emit.secondary(&[("count", &count.to_string())]),
            })
            .collect();
        emit.emit(at, &[("protect", &protect), ("serve", &serve)]).labels = labels;
    }
}
