//! `parse-error`: what the parser could not read, as findings.

use crate::rules::{Check, Context, Emitter};

pub struct ParseError;

impl Check for ParseError {
    fn check(&self, ctx: &Context<'_>, emit: &mut Emitter<'_>) {
        for problem in &ctx.charter.problems {
            let detail = emit.text(&problem.message).to_string();
            let label = problem.label.as_ref().map(|l| emit.text(l).to_string());
            let help = problem.help.as_ref().map(|h| emit.text(h).to_string());
            let d = emit.emit(problem.span.clone(), &[("detail", &detail)]);
            if let Some(label) = label {
                d.label = label;
            }
            if help.is_some() {
                d.help = help;
            }
        }
    }
}
