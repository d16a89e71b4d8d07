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

/// Longest quote a message shows, in characters.
const MAX_QUOTE_CHARS: usize = 120;

/// The placeholder that quotes the charter.
const QUOTE_ARG: &str = "phrase";

/// Longest value of any other placeholder (a heading, a file's detail): a
/// 50 MB heading must not be repeated whole in a message.
const MAX_VALUE_CHARS: usize = 300;

/// Fills `{name}` placeholders in a message template. A message is one
/// line: each value's whitespace is collapsed, and a long value is cut at a
/// word boundary with an ellipsis (a quote of the charter, `{phrase}`, early).
pub fn fill(template: &str, args: &[(&str, &str)]) -> String {
    let mut out = template.to_string();
    for (name, value) in args {
        let max = if *name == QUOTE_ARG {
            MAX_QUOTE_CHARS
        } else {
            MAX_VALUE_CHARS
        };
        out = out.replace(&format!("{{{name}}}"), &one_line(value, max));
    }
    out
}

/// Whether a text still holds a `{name}` placeholder.
pub fn has_placeholder(text: &str) -> bool {
    text.match_indices('{').any(|(at, _)| {
        let rest = &text[at + 1..];
        let name_len = rest
            .find(|c: char| !(c.is_ascii_lowercase() || c == '_'))
            .unwrap_or(rest.len());
        name_len > 0 && rest[name_len..].starts_with('}')
    })
}

impl RuleSpec {
    /// The help that does not depend on a finding (a help template with
    /// placeholders, filled per finding, has none), for rule documentation
    /// such as SARIF's.
    pub fn fixed_help(&self, language: Language) -> Option<&str> {
        let help = self.help.get(language).trim();
        (!help.is_empty() && !has_placeholder(help)).then_some(help)
    }
}

/// `text` on one line, at most `max` characters (then ending with `…`).
pub fn one_line(text: &str, max: usize) -> String {
    // Only as much of a long text as the line can show is joined.
    let mut line = String::new();
    let mut chars = 0;
    for word in text.split_whitespace() {
        if chars > max {
            break;
        }
        if !line.is_empty() {
            line.push(' ');
            chars += 1;
        }
        line.push_str(word);
        chars += word.chars().count();
    }
    if chars <= max {
        return line;
    }
    let mut cut: String = line.chars().take(max).collect();
    if let Some(space) = cut.rfind(' ') {
        cut.truncate(space);
    }
    let cut = cut.trim_end_matches([',', ';', ':', '.', ' ']);
    format!("{cut}…")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_are_found() {
        assert!(has_placeholder("“{phrase}”: no"));
        assert!(has_placeholder("{help}"));
        assert!(!has_placeholder("a {brace and} words"));
        assert!(!has_placeholder("{}"));
    }

    #[test]
    fn a_filled_value_is_one_line_and_long_ones_are_cut_at_a_word() {
        let filled = fill("“{phrase}”: no", &[("phrase", "Automation is used\nto post\t here")]);
        assert_eq!(filled, "“Automation is used to post here”: no");
        let long = "word ".repeat(60);
        let cut = one_line(&long, MAX_QUOTE_CHARS);
        assert!(
            cut.ends_with("word…") && cut.chars().count() <= MAX_QUOTE_CHARS + 1,
            "{cut}"
        );
    }
}
