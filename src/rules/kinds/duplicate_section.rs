//! `duplicate-section`: two sibling sections with the same title.

use crate::model::Section;
use crate::rules::{Check, Context, Emitter};
use std::collections::HashMap;

pub struct DuplicateSection;

impl Check for DuplicateSection {
    fn check(&self, ctx: &Context<'_>, emit: &mut Emitter<'_>) {
        check_siblings(&ctx.charter.sections, emit);
        for section in ctx.charter.sections_flat() {
            check_siblings(&section.children, emit);
        }
    }
}

fn check_siblings(siblings: &[Section], emit: &mut Emitter<'_>) {
    let mut seen: HashMap<(usize, String), &Section> = HashMap::new();
    for section in siblings {
        let title = normalise(section.heading.text.as_str());
        if title.is_empty() {
            continue;
        }
        match seen.get(&(section.heading.level, title.clone())) {
            Some(first) => {
                let first_span = first.heading.span.clone();
                let secondary = emit.secondary(&[]);
                emit.emit(
                    section.heading.span.clone(),
                    &[("title", section.heading.text.as_str())],
                )
                .labels
                .push(crate::diagnostic::Label {
                    span: first_span,
                    message: secondary,
                });
            }
            None => {
                seen.insert((section.heading.level, title), section);
            }
        }
    }
}

/// Case, spacing and trailing punctuation do not make titles different.
fn normalise(title: &str) -> String {
    title
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .trim_end_matches([':', '.', ' '])
        .to_lowercase()
}
