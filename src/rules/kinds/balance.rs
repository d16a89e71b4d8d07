//! `balance` (balance/e-reputation-focus): the weight of the instructions
//! that protect the organisation against those that enable people and serve
//! the public, from the stance of each sentence (see `analyse::stance`).
//! Neutral lines (links, descriptions) do not count, so the verdict depends
//! on what the charter asks, not on its length.

use crate::analyse::{Analysis, StanceCounts};
use crate::diagnostic::Label;
use crate::rules::{Check, Context, Emitter};
use serde::Deserialize;

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Params {
    /// Fewer protective instructions than this: no verdict.
    min_protect: usize,
    /// …nor when they are less than this share of the guidance sentences.
    min_guidance_share: f64,
    /// Fires when protective instructions are at least this share of the
    /// instructions that take a side.
    min_share: f64,
    /// How many of the heaviest sections to point at.
    top_sections: usize,
}

pub struct Balance {
    params: Params,
}

impl Balance {
    pub fn new(params: Params) -> Balance {
        Balance { params }
    }
}

/// `part` as a whole percentage of `total`.
pub fn percent(part: usize, total: usize) -> usize {
    (part * 100 + total / 2) / total.max(1)
}

/// Secondary labels on the headings of the heaviest sections.
pub fn section_labels(analysis: &Analysis<'_>, emit: &Emitter<'_>, heaviest: Vec<(usize, usize)>) -> Vec<Label> {
    heaviest
        .into_iter()
        .map(|(section, count)| Label {
            span: analysis.sections[section].section.heading.span.clone(),
            message: emit.secondary(&[("count", &count.to_string())]),
        })
        .collect()
}

impl Check for Balance {
    fn check(&self, ctx: &Context<'_>, emit: &mut Emitter<'_>) {
        let analysis = ctx.analysis;
        let StanceCounts {
            protecting,
            enabling,
            guidance,
        } = analysis.stance_counts();
        let sided = protecting.len() + enabling;
        let protect = protecting.len() as f64;
        if protecting.len() < self.params.min_protect
            || protect < self.params.min_guidance_share * guidance as f64
            || protect < self.params.min_share * sided as f64
        {
            return;
        }
        let heaviest = analysis.heaviest_sections(&protecting, self.params.top_sections);
        let labels = section_labels(analysis, emit, heaviest);
        let protect = percent(protecting.len(), sided).to_string();
        let serve = percent(enabling, sided).to_string();
        let at = ctx.charter.title_span().unwrap_or(0..0);
        emit.emit(at, &[("protect", &protect), ("serve", &serve)]).labels = labels;
    }
}
