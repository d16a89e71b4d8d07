//! `load-error` and `suppression`: findings raised by the stages around the
//! checks (the load stage for encodings, the suppression stage for
//! suppressions). The check itself has nothing to look at; the pack gives the
//! rule its id and wording.

use crate::rules::{Check, Context, Emitter};

pub struct LoadError;

impl Check for LoadError {
    fn check(&self, _: &Context<'_>, _: &mut Emitter<'_>) {}
}
