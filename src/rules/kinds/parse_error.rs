//! `parse-error`: what the parser could not read, as findings.

use crate::rules::{Check, Context, Emitter};

pub struct ParseError;

impl Check for ParseError {
    fn check(&self, ctx: &Context<'_>, emit: &mut Emitter<'_>) {
        for problem in &ctx.charter.problems {
            let d = emit.emit(problem.span.clone(), &[("detail", &problem.message)]);
            if let Some(label) = &problem.label {
                d.label = label.clone();
            }
            if let Some(help) = &problem.help {
                d.help = Some(help.clone());
            }
        }
    }
}
