//! `missing-metadata`: no title, no owner, or no date of update or review.
//!
//! Metadata keys come first; for charters without front matter, a line such as
//! "Owner: …" or "Mis à jour le …" in the text counts too.

use crate::model::Charter;
use crate::rules::{Check, Context, Emitter, Localized};
use regex::Regex;
use serde::Deserialize;

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Field {
    message: Localized,
    help: Localized,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Params {
    missing: Missing,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct Missing {
    title: Field,
    owner: Field,
    date: Field,
}

pub struct MissingMetadata {
    params: Params,
    owner_line: Regex,
    date_line: Regex,
}

impl MissingMetadata {
    pub fn new(params: Params) -> MissingMetadata {
        MissingMetadata {
            params,
            owner_line: Regex::new(
                r"(?im)^\s*(?:owner|owned by|maintained by|maintainer|responsible|contact|responsable|propriétaire|rédigée? par|written by)\s*[:：]",
            )
            .expect("valid pattern"),
            date_line: Regex::new(
                // No `\b`: Unicode word boundaries keep the regex off its fast engine.
                // A date as people write it: 2025-03-01, 15 janvier 2025, January 2025, mars 2025.
                r"(?i)(?:last updated|updated|last revised|revised|reviewed|next review|mise à jour|mis à jour|révisée?|dernière révision|date de révision|version du)\s*(?:on|le|in|en|:|：)?\s*(?:\d|(?:jan|feb|febr|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)(?:uary|ruary|ch|il|e|y|ust|tember|ober|ember)?\.?\s+\d|(?:janvier|février|fevrier|mars|avril|mai|juin|juillet|août|aout|septembre|octobre|novembre|décembre|decembre)\s+\d)",
            )
            .expect("valid pattern"),
        }
    }

    fn text_mentions(&self, charter: &Charter, pattern: &Regex) -> bool {
        charter
            .preamble
            .iter()
            .chain(charter.sections_flat().into_iter().flat_map(|s| s.blocks.iter()))
            .any(|b| pattern.is_match(b.text.as_str()))
    }
}

impl Check for MissingMetadata {
    fn check(&self, ctx: &Context<'_>, emit: &mut Emitter<'_>) {
        let charter = ctx.charter;
        let metadata = &charter.metadata;
        let at = charter.title_span().or_else(|| metadata.span.clone()).unwrap_or(0..0);
        let mut missing = Vec::new();
        if !charter.has_title() {
            missing.push(&self.params.missing.title);
        }
        if metadata.owner.is_none() && !self.text_mentions(charter, &self.owner_line) {
            missing.push(&self.params.missing.owner);
        }
        if metadata.updated.is_none() && metadata.review.is_none() && !self.text_mentions(charter, &self.date_line) {
            missing.push(&self.params.missing.date);
        }
        for field in missing {
            let message = emit.text(&field.message).to_string();
            let help = emit.text(&field.help).to_string();
            emit.emit(at.clone(), &[("missing", &message), ("help", &help)]);
        }
    }
}
