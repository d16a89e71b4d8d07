//! `maturity` (maturity/level): the charter's level in Alban Martin's five
//! stages, from the topics it covers, with the sentences that support it.

use crate::analyse::Lexicons;
use crate::diagnostic::Label;
use crate::rules::{Check, Context, Emitter, Findings, Localized, Maturity, NextLevel};
use serde::Deserialize;

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LevelSpec {
    level: u8,
    /// Every one of these topics is covered…
    #[serde(default)]
    all: Vec<String>,
    /// …and at least one of these (when given).
    #[serde(default)]
    any: Vec<String>,
    description: Localized,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Params {
    /// What level 1 (nothing above it holds) means.
    base: Localized,
    levels: Vec<LevelSpec>,
    /// How many supporting sentences to show.
    evidence: usize,
    /// Label on each supporting sentence.
    evidence_label: Localized,
}

struct Level {
    level: u8,
    all: Vec<usize>,
    any: Vec<usize>,
    description: Localized,
}

impl Level {
    fn holds(&self, covered: impl Fn(&usize) -> bool) -> bool {
        self.all.iter().all(&covered) && (self.any.is_empty() || self.any.iter().any(&covered))
    }
}

pub struct MaturityLevel {
    levels: Vec<Level>,
    /// Lexicon ids by index, to name the topics a level needs.
    lexicon_ids: Vec<String>,
    base: Localized,
    evidence: usize,
    evidence_label: Localized,
}

impl MaturityLevel {
    pub fn new(params: Params, lexicons: &Lexicons) -> Result<MaturityLevel, String> {
        let mut levels = Vec::new();
        for spec in params.levels {
            levels.push(Level {
                level: spec.level,
                all: lexicon_indexes(&spec.all, lexicons)?,
                any: lexicon_indexes(&spec.any, lexicons)?,
                description: spec.description,
            });
        }
        levels.sort_by_key(|l| std::cmp::Reverse(l.level));
        Ok(MaturityLevel {
            levels,
            lexicon_ids: lexicons.specs.iter().map(|s| s.id.clone()).collect(),
            base: params.base,
            evidence: params.evidence,
            evidence_label: params.evidence_label,
        })
    }
}

impl Check for MaturityLevel {
    /// Every charter gets an estimate: one passes when it reaches the top
    /// level, where there is nothing left to raise.
    fn passes(&self, findings: &Findings, _id: &str) -> bool {
        let top = self.levels.first().map_or(1, |l| l.level);
        findings.maturity.as_ref().is_some_and(|m| m.level == top)
    }

    fn check(&self, ctx: &Context<'_>, emit: &mut Emitter<'_>) {
        let analysis = ctx.analysis;
        let covered = |l: &usize| {
            analysis
                .coverage
                .get(*l)
                .and_then(Option::as_ref)
                .is_some_and(|c| c.covered())
        };
        let reached = self.levels.iter().find(|level| level.holds(covered));
        let (level, description, topics) = match reached {
            Some(l) => (
                l.level,
                emit.text(&l.description).to_string(),
                l.all.iter().chain(&l.any).copied().collect(),
            ),
            None => (1, emit.text(&self.base).to_string(), Vec::new()),
        };
        // The strongest sentence of each topic that justifies the level, in order.
        let mut evidence: Vec<usize> = topics
            .iter()
            .filter_map(|&t| analysis.coverage.get(t).and_then(Option::as_ref))
            .filter(|c| c.covered())
            .filter_map(|c| c.evidence.first().map(|e| e.sentence))
            .collect();
        evidence.sort_unstable();
        evidence.dedup();
        evidence.truncate(self.evidence);
        let spans: Vec<_> = evidence.iter().map(|&s| analysis.sentence_span(s)).collect();
        let at = spans
            .first()
            .cloned()
            .or_else(|| ctx.charter.title_span())
            .unwrap_or(0..0);
        let label = emit.text(&self.evidence_label).to_string();
        let d = emit.emit(at, &[("level", &level.to_string()), ("description", &description)]);
        d.label = if spans.is_empty() { String::new() } else { label.clone() };
        for span in spans.iter().skip(1) {
            d.labels.push(Label {
                span: span.clone(),
                message: label.clone(),
            });
        }
        let topic_ids = |topics: Vec<&usize>| topics.into_iter().map(|&t| self.lexicon_ids[t].clone()).collect();
        // Levels are sorted from the top: the one above is just before.
        let next = self
            .levels
            .iter()
            .rev()
            .find(|l| l.level > level)
            .map(|above| NextLevel {
                level: above.level,
                description: emit.text(&above.description).to_string(),
                needs_all: topic_ids(above.all.iter().filter(|t| !covered(t)).collect()),
                needs_one_of: if above.any.iter().any(covered) {
                    Vec::new()
                } else {
                    topic_ids(above.any.iter().collect())
                },
            });
        emit.set_maturity(Maturity {
            level,
            description,
            evidence: spans,
            next,
        });
    }
}

fn lexicon_indexes(ids: &[String], lexicons: &Lexicons) -> Result<Vec<usize>, String> {
    ids.iter()
        .map(|id| lexicons.index(id).ok_or_else(|| format!("unknown lexicon `{id}`")))
        .collect()
}
