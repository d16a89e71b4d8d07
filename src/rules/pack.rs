//! The rule pack format: one YAML file per rule, the same for built-in packs
//! (`rules/<family>/<name>.yaml`, embedded at build time) and users' own.

use crate::diagnostic::Severity;
use crate::model::Format;
pub use crate::model::{Language, Localized};
use serde::Deserialize;

#[derive(Debug, Clone, Copy, Default, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum ExampleFormat {
    #[default]
    Md,
    Yaml,
}

impl ExampleFormat {
    pub fn format(self) -> Format {
        match self {
            ExampleFormat::Md => Format::Markdown,
            ExampleFormat::Yaml => Format::Yaml,
        }
    }
}

/// A snippet that must (`fail`) or must not (`pass`) trigger the rule.
#[derive(Debug, Clone, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Example {
    #[serde(default)]
    pub format: ExampleFormat,
    pub text: String,
}

#[derive(Debug, Clone, Default, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Examples {
    #[serde(default)]
    pub fail: Vec<Example>,
    #[serde(default)]
    pub pass: Vec<Example>,
}

/// One rule: its kind (the Rust code that runs it), its parameters and
/// everything users read about it.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RuleSpec {
    #[serde(skip)]
    pub id: String,
    pub kind: String,
    #[serde(deserialize_with = "severity")]
    pub severity: Severity,
    pub summary: Localized,
    pub message: Localized,
    /// What the primary span shows.
    #[serde(default)]
    pub label: Option<Localized>,
    /// What secondary spans show, for rules that point at two places.
    #[serde(default)]
    pub secondary: Option<Localized>,
    pub help: Localized,
    pub rationale: Localized,
    /// What a charter that passes looks like (for `explain`).
    pub good: Localized,
    #[serde(default)]
    pub params: serde_yaml::Value,
    #[serde(default)]
    pub examples: Examples,
}

fn severity<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Severity, D::Error> {
    let s = String::deserialize(d)?;
    Severity::parse(&s)
        .ok_or_else(|| serde::de::Error::custom(format!("unknown severity `{s}` (error, warning or info)")))
}

impl RuleSpec {
    /// Parses one pack file; `id` comes from its path.
    pub fn from_yaml(id: &str, text: &str) -> Result<RuleSpec, serde_yaml::Error> {
        let mut spec: RuleSpec = serde_yaml::from_str(text)?;
        spec.id = id.to_string();
        Ok(spec)
    }

    pub fn family(&self) -> &str {
        self.id.split('/').next().unwrap_or_default()
    }

    /// The rule's parameters as a typed value.
    pub fn params<T: serde::de::DeserializeOwned + Default>(&self) -> Result<T, serde_yaml::Error> {
        if self.params.is_null() {
            return Ok(T::default());
        }
        serde_yaml::from_value(self.params.clone())
    }
}

/// Fills `{name}` placeholders in a message template.
pub fn fill(template: &str, args: &[(&str, &str)]) -> String {
    let mut out = template.to_string();
    for (name, value) in args {
        out = out.replace(&format!("{{{name}}}"), value);
    }
    out
}
