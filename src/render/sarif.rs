//! `--format sarif`: SARIF 2.1.0 for code-scanning tools (GitHub code scanning,
//! IDE viewers), with the metadata of every rule. Its own wire structs.

use crate::diagnostic::{LineIndex, Severity};
use crate::lint::FileReport;
use crate::model::Span;
use crate::rules::{Language, Registry, RuleSpec};
use serde::Serialize;

#[derive(Serialize)]
struct Log<'a> {
    #[serde(rename = "$schema")]
    schema: &'static str,
    version: &'static str,
    runs: Vec<Run<'a>>,
}

#[derive(Serialize)]
struct Run<'a> {
    tool: Tool<'a>,
    results: Vec<ResultV<'a>>,
}

#[derive(Serialize)]
struct Tool<'a> {
    driver: Driver<'a>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Driver<'a> {
    name: &'static str,
    version: &'static str,
    information_uri: &'static str,
    rules: Vec<RuleV<'a>>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct RuleV<'a> {
    id: &'a str,
    name: String,
    short_description: Text,
    full_description: Text,
    help: Help,
    default_configuration: Configuration,
}

#[derive(Serialize)]
struct Text {
    text: String,
}

/// A rule's help: plain text and Markdown (SARIF `multiformatMessageString`).
#[derive(Serialize)]
struct Help {
    text: String,
    markdown: String,
}

/// How to fix (when the help does not depend on the finding) and what good
/// looks like, as sentences.
fn rule_help(spec: &RuleSpec) -> Help {
    let good = sentence(spec.good.get(Language::En));
    let explain = format!("Run `charterlint explain {}` for the rationale and examples.", spec.id);
    match spec.fixed_help(Language::En) {
        Some(fix) => {
            let fix = sentence(fix);
            Help {
                text: format!("How to fix: {fix}\nWhat good looks like: {good}"),
                markdown: format!("**How to fix:** {fix}\n\n**What good looks like:** {good}\n\n{explain}"),
            }
        }
        None => Help {
            text: format!("What good looks like: {good}"),
            markdown: format!("**What good looks like:** {good}\n\n{explain}"),
        },
    }
}

/// A fragment as a sentence: capitalised, ending with a full stop.
fn sentence(text: &str) -> String {
    let mut out = super::capitalised(text.trim());
    if !out.ends_with(['.', '!', '?', '…']) {
        out.push('.');
    }
    out
}

#[derive(Serialize)]
struct Configuration {
    level: &'static str,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ResultV<'a> {
    rule_id: &'a str,
    rule_index: usize,
    level: &'static str,
    message: Text,
    locations: Vec<Location>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    related_locations: Vec<Location>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Location {
    #[serde(skip_serializing_if = "Option::is_none")]
    id: Option<usize>,
    physical_location: PhysicalLocation,
    #[serde(skip_serializing_if = "Option::is_none")]
    message: Option<Text>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct PhysicalLocation {
    artifact_location: ArtifactLocation,
    region: Region,
}

#[derive(Serialize)]
struct ArtifactLocation {
    uri: String,
}

/// A relative path as a URI reference (RFC 3986): bytes outside the
/// unreserved set and `/` are percent-encoded (spaces, `#`, `%`, controls, non-ASCII
/// as UTF-8), and a byte written `\xE9` by the lossless path is encoded as
/// the byte it stands for.
fn uri_of(path: &str) -> String {
    let mut bytes = Vec::with_capacity(path.len());
    let raw = path.as_bytes();
    let mut i = 0;
    while i < raw.len() {
        let escaped = raw[i] == b'\\' && raw.get(i + 1) == Some(&b'x') && raw.len() >= i + 4;
        let byte = escaped
            .then(|| std::str::from_utf8(&raw[i + 2..i + 4]).ok())
            .flatten()
            .and_then(|hex| u8::from_str_radix(hex, 16).ok());
        match byte {
            Some(byte) => {
                bytes.push(byte);
                i += 4;
            }
            None => {
                bytes.push(raw[i]);
                i += 1;
            }
        }
    }
    let mut out = String::with_capacity(bytes.len());
    for byte in bytes {
        if byte.is_ascii_alphanumeric() || b"-._~/".contains(&byte) {
            out.push(byte as char);
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Region {
    start_line: usize,
    start_column: usize,
    end_line: usize,
    end_column: usize,
}

fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

fn location(index: &LineIndex<'_>, path: &str, span: &Span) -> PhysicalLocation {
    let (start, end) = (index.position(span.start), index.position(span.end));
    PhysicalLocation {
        artifact_location: ArtifactLocation { uri: uri_of(path) },
        region: Region {
            start_line: start.line,
            start_column: start.column,
            end_line: end.line,
            end_column: end.column.max(if end.line == start.line { start.column } else { 1 }),
        },
    }
}

pub fn render(reports: &[FileReport], registry: &Registry) -> String {
    let rules: Vec<RuleV<'_>> = registry
        .rules()
        .iter()
        .map(|r| {
            let s = &r.spec;
            RuleV {
                id: &s.id,
                name: s.id.replace(['/', '-'], "_"),
                short_description: Text {
                    text: s.summary.get(Language::En).to_string(),
                },
                full_description: Text {
                    text: s.rationale.get(Language::En).trim().to_string(),
                },
                help: rule_help(s),
                default_configuration: Configuration {
                    level: level(s.severity),
                },
            }
        })
        .collect();
    let mut results = Vec::new();
    for report in reports {
        let index = LineIndex::new(&report.source);
        for d in &report.diagnostics {
            let rule_index = registry.rules().iter().position(|r| r.spec.id == d.rule).unwrap_or(0);
            let mut text = d.message.clone();
            if let Some(help) = &d.help {
                text = format!("{text}\nhelp: {help}");
            }
            results.push(ResultV {
                rule_id: &d.rule,
                rule_index,
                level: level(d.severity),
                message: Text { text },
                locations: vec![Location {
                    id: None,
                    physical_location: location(&index, &report.path, &d.span),
                    message: None,
                }],
                related_locations: d
                    .labels
                    .iter()
                    .enumerate()
                    .map(|(i, l)| Location {
                        id: Some(i),
                        physical_location: location(&index, &report.path, &l.span),
                        message: Some(Text {
                            text: l.message.clone(),
                        }),
                    })
                    .collect(),
            });
        }
    }
    let log = Log {
        schema: "https://json.schemastore.org/sarif-2.1.0.json",
        version: "2.1.0",
        runs: vec![Run {
            tool: Tool {
                driver: Driver {
                    name: "charterlint",
                    version: env!("CARGO_PKG_VERSION"),
                    information_uri: "https://github.com/charterlint/charterlint",
                    rules,
                },
            },
            results,
        }],
    };
    let mut text = serde_json::to_string_pretty(&log).unwrap_or_default();
    text.push('\n');
    text
}

#[cfg(test)]
mod help_tests {
    use super::*;
    use crate::rules::pack::has_placeholder;

    /// Every rule's help reads as sentences, in text and Markdown, with no
    /// placeholder left (`structure/missing-metadata` once showed `{help}`).
    #[test]
    fn every_rule_help_is_well_formed() {
        let registry = Registry::builtin().expect("packs load");
        let sarif: serde_json::Value = serde_json::from_str(&render(&[], &registry)).expect("JSON");
        let rules = sarif["runs"][0]["tool"]["driver"]["rules"].as_array().expect("rules");
        assert_eq!(rules.len(), registry.rules().len());
        for rule in rules {
            for format in ["text", "markdown"] {
                let help = rule["help"][format].as_str().expect("help");
                assert!(!has_placeholder(help), "{}: {help}", rule["id"]);
                assert!(help.contains("What good looks like"), "{}: {help}", rule["id"]);
                assert!(!help.contains(".."), "{}: {help}", rule["id"]);
            }
        }
    }
}
