//! `placeholder`: template markers left in the text (patterns in the pack).

use crate::model::{BlockKind, LintText};
use crate::rules::{Check, Context, Emitter};
use regex::RegexSet;
use serde::Deserialize;

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Params {
    patterns: Vec<String>,
}

pub struct Placeholder {
    set: RegexSet,
    patterns: Vec<regex::Regex>,
}

impl Placeholder {
    pub fn new(params: Params) -> Result<Placeholder, String> {
        let patterns = params
            .patterns
            .iter()
            .map(|p| regex::Regex::new(p).map_err(|e| format!("bad pattern `{p}`: {e}")))
            .collect::<Result<Vec<_>, _>>()?;
        let set = RegexSet::new(&params.patterns).map_err(|e| e.to_string())?;
        Ok(Placeholder { set, patterns })
    }

    fn scan(&self, text: &LintText, emit: &mut Emitter<'_>) {
        let s = text.as_str();
        // One pass decides whether any pattern matches at all: most text has none.
        let matched = self.set.matches(s);
        let mut found: Vec<std::ops::Range<usize>> = Vec::new();
        for i in matched.iter() {
            for m in self.patterns[i].find_iter(s) {
                if !found.iter().any(|r| r.start < m.end() && m.start() < r.end) {
                    found.push(m.range());
                }
            }
        }
        found.sort_by_key(|r| r.start);
        for range in found {
            emit.emit(text.source_span(range.clone()), &[("text", &s[range])]);
        }
    }
}

impl Check for Placeholder {
    fn check(&self, ctx: &Context<'_>, emit: &mut Emitter<'_>) {
        let charter = ctx.charter;
        let metadata = [
            &charter.metadata.title,
            &charter.metadata.organisation,
            &charter.metadata.owner,
            &charter.metadata.updated,
            &charter.metadata.review,
        ];
        for value in metadata.into_iter().flatten() {
            let mut text = LintText::new();
            // Quoted YAML values start one byte after their span.
            let inner = ctx
                .source
                .get(value.span.clone())
                .and_then(|s| s.find(value.text.as_str()))
                .unwrap_or(0);
            text.push_verbatim(&value.text, value.span.start + inner);
            self.scan(&text, emit);
        }
        let blocks = charter
            .preamble
            .iter()
            .chain(charter.sections_flat().into_iter().flat_map(|s| s.blocks.iter()));
        for section in charter.sections_flat() {
            self.scan(&section.heading.text, emit);
        }
        for block in blocks {
            if block.kind != BlockKind::Quote {
                self.scan(&block.text, emit);
            }
        }
    }
}
