//! The kinds of check, one file each. A pack's `kind:` picks one, its
//! `params:` configure it.

mod duplicate_section;
mod empty_section;
mod load_error;
mod missing_metadata;
mod parse_error;
mod placeholder;

use super::{Check, RuleSpec};

/// Builds the check a pack asks for, or says why it cannot.
pub fn build(spec: &RuleSpec) -> Result<Box<dyn Check>, String> {
    let bad_params = |e: serde_yaml::Error| format!("bad `params` for kind `{}`: {e}", spec.kind);
    Ok(match spec.kind.as_str() {
        "parse-error" => Box::new(parse_error::ParseError),
        "load-error" => Box::new(load_error::LoadError),
        "empty-section" => Box::new(empty_section::EmptySection),
        "duplicate-section" => Box::new(duplicate_section::DuplicateSection),
        "placeholder" => Box::new(placeholder::Placeholder::new(spec.params().map_err(bad_params)?)?),
        "missing-metadata" => Box::new(missing_metadata::MissingMetadata::new(
            spec.params().map_err(bad_params)?,
        )),
        other => return Err(format!("unknown rule kind `{other}`")),
    })
}
