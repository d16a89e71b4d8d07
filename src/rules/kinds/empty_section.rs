//! `empty-section`: a heading with nothing under it.

use crate::rules::{Check, Context, Emitter};

pub struct EmptySection;

impl Check for EmptySection {
    fn check(&self, ctx: &Context<'_>, emit: &mut Emitter<'_>) {
        for section in ctx.charter.sections_flat() {
            if section.is_empty() {
                emit.emit(
                    section.heading.span.clone(),
                    &[("title", section.heading.text.as_str())],
                );
            }
        }
    }
}
