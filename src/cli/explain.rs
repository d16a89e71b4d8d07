//! `rules` and `explain`: what users read about rules, from the packs.

use crate::analyse::guess_language;
use crate::diagnostic::Severity;
use crate::parse::parse;
use crate::rules::pack::Example;
use crate::rules::{Language, Registry, RuleSpec};
use serde::Serialize;
use std::fmt::Write;

pub fn rules_table(registry: &Registry, language: Language) -> String {
    family_table(registry, language, None)
}

/// The rules of one family (`explain culture`), or of all (`None`).
pub fn family_table(registry: &Registry, language: Language, family: Option<&str>) -> String {
    let rules: Vec<_> = registry
        .rules()
        .iter()
        .filter(|r| family.is_none_or(|f| r.spec.family() == f))
        .collect();
    let width = rules.iter().map(|r| r.spec.id.len()).max().unwrap_or(0);
    let mut out = String::new();
    for rule in rules {
        let s = &rule.spec;
        let _ = writeln!(
            out,
            "{:width$}  {:8} {}",
            s.id,
            severity_name(s.severity, language),
            s.summary.get(language)
        );
    }
    out
}

#[derive(Serialize)]
struct RuleV1<'a> {
    id: &'a str,
    family: &'a str,
    severity: &'static str,
    summary: &'a str,
    summary_fr: &'a str,
}

pub fn rules_json(registry: &Registry) -> String {
    let rules: Vec<RuleV1<'_>> = registry
        .rules()
        .iter()
        .map(|r| RuleV1 {
            id: &r.spec.id,
            family: r.spec.family(),
            severity: r.spec.severity.as_str(),
            summary: &r.spec.summary.en,
            summary_fr: &r.spec.summary.fr,
        })
        .collect();
    let mut text = serde_json::to_string_pretty(&rules).unwrap_or_default();
    text.push('\n');
    text
}

/// A severity as users of that language say it.
fn severity_name(severity: Severity, language: Language) -> &'static str {
    match (severity, language) {
        (_, Language::En) => severity.as_str(),
        (Severity::Error, Language::Fr) => "erreur",
        (Severity::Warning, Language::Fr) => "avertissement",
        (Severity::Info, Language::Fr) => "info",
    }
}

/// The first example written in `language`, else the first one.
fn example_in(examples: &[Example], language: Language) -> Option<&Example> {
    let written_in = |e: &&Example| guess_language(&parse(&e.text, e.format.format())) == Some(language);
    examples.iter().find(written_in).or_else(|| examples.first())
}

pub fn explain(spec: &RuleSpec, language: Language) -> String {
    let (why, good, fail, pass, severity) = match language {
        Language::En => (
            "Why it matters",
            "What good looks like",
            "Fails",
            "Passes",
            "default severity",
        ),
        Language::Fr => (
            "Pourquoi c'est important",
            "Ce qui est attendu",
            "Déclenche la règle",
            "Passe",
            "sévérité par défaut",
        ),
    };
    // French typography puts a space before a colon.
    let colon = match language {
        Language::En => ":",
        Language::Fr => " :",
    };
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{} ({severity}{colon} {})\n",
        spec.id,
        severity_name(spec.severity, language)
    );
    let _ = writeln!(out, "{}\n", spec.summary.get(language));
    let _ = writeln!(out, "{why}{colon}\n{}\n", spec.rationale.get(language).trim());
    let _ = writeln!(out, "{good}{colon}\n{}\n", spec.good.get(language).trim());
    // Every charter gets a maturity estimate: its passing examples are
    // charters at the top level.
    let pass = match (spec.kind.as_str(), language) {
        ("maturity", Language::En) => "Reaches the top level",
        ("maturity", Language::Fr) => "Atteint le niveau le plus haut",
        _ => pass,
    };
    for (title, examples) in [(fail, &spec.examples.fail), (pass, &spec.examples.pass)] {
        if let Some(example) = example_in(examples, language) {
            let _ = writeln!(out, "{title}{colon}");
            for line in example.text.lines() {
                let _ = writeln!(out, "    {line}");
            }
            out.push('\n');
        }
    }
    out.truncate(out.trim_end().len());
    out.push('\n');
    out
}
