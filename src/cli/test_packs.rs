//! `charterlint test [PACK...]`: runs every rule's embedded examples and
//! points at the failing ones in their pack file; warns about rules that can
//! never fire.

use crate::rules::{Language, Registry, Rule};
use std::fmt::Write;

/// The 1-based line of the pack where an example's text starts.
fn example_line(rule: &Rule, example: &str) -> usize {
    let first = example
        .lines()
        .find(|l| !l.trim().is_empty())
        .unwrap_or_default()
        .trim();
    let text = &rule.source.text;
    text.find(first).map_or(1, |at| text[..at].lines().count().max(1))
}

fn fires(registry: &Registry, rule: &Rule, text: &str, format: crate::model::Format) -> bool {
    rule.check_text(registry.lexicons(), text, format, Language::En)
        .iter()
        .any(|d| d.rule == rule.spec.id)
}

/// Why a rule could never fire, if it cannot.
fn never_fires(registry: &Registry, rule: &Rule) -> Option<String> {
    let topic = rule.spec.params.get("topic").and_then(|t| t.as_str())?;
    let spec = registry
        .lexicons()
        .index(topic)
        .map(|l| &registry.lexicons().specs[l])?;
    let empty = spec.terms.en.is_empty()
        && spec.terms.fr.is_empty()
        && spec.headings.en.is_empty()
        && spec.headings.fr.is_empty();
    empty.then(|| format!("lexicon `{topic}` is empty: the topic is never found, so the rule always fires"))
}

/// The report and whether every example behaved.
pub fn run(registry: &Registry, only: Option<&[String]>) -> (String, bool) {
    let mut out = String::new();
    let mut ok = true;
    let mut tested = 0;
    for rule in registry.rules() {
        if only.is_some_and(|ids| !ids.contains(&rule.spec.id)) {
            continue;
        }
        tested += 1;
        let mut failures = Vec::new();
        for (i, example) in rule.spec.examples.fail.iter().enumerate() {
            if !fires(registry, rule, &example.text, example.format.format()) {
                failures.push((
                    example_line(rule, &example.text),
                    format!("fail example {} does not fire", i + 1),
                ));
            }
        }
        for (i, example) in rule.spec.examples.pass.iter().enumerate() {
            if !rule.passes(registry.lexicons(), &example.text, example.format.format()) {
                failures.push((
                    example_line(rule, &example.text),
                    format!("pass example {} fires", i + 1),
                ));
            }
        }
        if let Some(why) = never_fires(registry, rule) {
            let _ = writeln!(out, "{}: warning: {}: {why}", rule.source.path, rule.spec.id);
        }
        let examples = rule.spec.examples.fail.len() + rule.spec.examples.pass.len();
        if failures.is_empty() {
            let _ = writeln!(out, "ok    {} ({examples} examples)", rule.spec.id);
        } else {
            ok = false;
            for (line, what) in failures {
                let _ = writeln!(out, "{}:{line}: error: {}: {what}", rule.source.path, rule.spec.id);
            }
        }
    }
    let _ = writeln!(
        out,
        "{tested} rules tested, {}",
        if ok {
            "all examples behave"
        } else {
            "some examples fail"
        }
    );
    (out, ok)
}
