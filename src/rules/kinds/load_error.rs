//! `load-error`: problems found while reading the file's bytes (encoding),
//! raised by the load stage before there is a charter. The check itself has
//! nothing to look at; the pack gives the rule its id and wording.

use crate::rules::{Check, Context, Emitter};

pub struct LoadError;

impl Check for LoadError {
    fn check(&self, _: &Context<'_>, _: &mut Emitter<'_>) {}
}
