//! The kinds of check, one file each. A pack's `kind:` picks one, its
//! `params:` configure it.

mod balance;
mod broadcast;
mod duplicate_section;
mod empty_section;
mod load_error;
mod maturity;
mod missing_metadata;
mod parse_error;
mod placeholder;
mod practice_pattern;
mod prohibition_ratio;
pub mod required_topic;

use super::{Check, RuleSpec};
use crate::analyse::Lexicons;

/// Builds the check a pack asks for, or says why it cannot.
pub fn build(spec: &RuleSpec, lexicons: &Lexicons) -> Result<Box<dyn Check>, String> {
    let bad_params = |e: serde_yaml::Error| format!("bad `params` for kind `{}`: {e}", spec.kind);
    Ok(match spec.kind.as_str() {
        "parse-error" => Box::new(parse_error::ParseError),
        // Raised by the stages around the checks (load, suppressions), not by a check.
        "load-error" | "suppression" => Box::new(load_error::LoadError),
        "empty-section" => Box::new(empty_section::EmptySection),
        "duplicate-section" => Box::new(duplicate_section::DuplicateSection),
        "placeholder" => Box::new(placeholder::Placeholder::new(spec.params().map_err(bad_params)?)?),
        "missing-metadata" => Box::new(missing_metadata::MissingMetadata::new(
            spec.params().map_err(bad_params)?,
        )),
        "required-topic" => Box::new(required_topic::RequiredTopic::new(
            spec.params().map_err(bad_params)?,
            lexicons,
        )?),
        "balance" => Box::new(balance::Balance::new(spec.params().map_err(bad_params)?)),
        "prohibition-ratio" => Box::new(prohibition_ratio::ProhibitionRatio::new(
            spec.params().map_err(bad_params)?,
        )),
        "practice-pattern" => Box::new(practice_pattern::PracticePattern::new(
            spec.params().map_err(bad_params)?,
        )?),
        "broadcast-practice" => Box::new(broadcast::BroadcastPractice::new(
            spec.params().map_err(bad_params)?,
            lexicons,
        )?),
        "maturity" => Box::new(maturity::MaturityLevel::new(
            spec.params().map_err(bad_params)?,
            lexicons,
        )?),
        other => return Err(format!("unknown rule kind `{other}`")),
    })
}
