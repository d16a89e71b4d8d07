//! Every built-in rule pack: it loads, its metadata is complete in both
//! languages, and its embedded examples behave (`fail` fires, `pass` does not).

use charterlint::diagnostic::Diagnostic;
use charterlint::model::Format;
use charterlint::parse::parse;
use charterlint::rules::{Language, Registry, Rule};

fn run(registry: &Registry, rule: &Rule, text: &str, format: Format, messages: Language) -> Vec<Diagnostic> {
    rule.check_text(registry.lexicons(), text, format, messages)
}

#[test]
fn builtin_rule_examples_behave() {
    let registry = Registry::builtin().expect("built-in packs load");
    let mut failures = Vec::new();
    for rule in registry.rules() {
        let spec = &rule.spec;
        for (i, example) in spec.examples.fail.iter().enumerate() {
            for language in [Language::En, Language::Fr] {
                let found = run(&registry, rule, &example.text, example.format.format(), language);
                if !found.iter().any(|d| d.rule == spec.id) {
                    failures.push(format!("{}: fail example {} does not fire", spec.id, i + 1));
                }
                if let Some(d) = found
                    .iter()
                    .find(|d| d.message.contains('{') || d.help.as_deref().unwrap_or("").contains("{"))
                {
                    failures.push(format!("{}: unfilled placeholder in {:?}", spec.id, d.message));
                }
            }
        }
        for (i, example) in spec.examples.pass.iter().enumerate() {
            if !rule.passes(registry.lexicons(), &example.text, example.format.format()) {
                let found = run(&registry, rule, &example.text, example.format.format(), Language::En);
                let said = found.first().map(|d| d.message.as_str()).unwrap_or_default();
                failures.push(format!("{}: pass example {} does not pass: {said:?}", spec.id, i + 1));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn builtin_rules_are_documented_in_both_languages() {
    let registry = Registry::builtin().expect("built-in packs load");
    let structure = [
        "structure/parse-error",
        "structure/encoding",
        "structure/empty-section",
        "structure/duplicate-section",
        "structure/placeholder",
        "structure/missing-metadata",
    ];
    for id in structure {
        assert!(registry.get(id).is_some(), "{id} is missing");
    }
    for rule in registry.rules() {
        let s = &rule.spec;
        for text in [&s.summary, &s.message, &s.help, &s.rationale, &s.good] {
            assert!(
                !text.en.trim().is_empty() && !text.fr.trim().is_empty(),
                "{}: a text is empty",
                s.id
            );
        }
        // Message convention (as clippy's): lowercase start, no final period.
        for message in [&s.message.en, &s.message.fr, &s.summary.en, &s.summary.fr] {
            assert!(!message.ends_with('.'), "{}: `{message}` ends with a period", s.id);
            let first = message.chars().next().unwrap_or('a');
            assert!(!first.is_uppercase(), "{}: `{message}` starts with a capital", s.id);
        }
        // An encoding problem cannot be written as a text example.
        // Suppression findings are about comments: tests/suppressions.rs.
        let stage = matches!(s.kind.as_str(), "load-error" | "suppression");
        let has_fail = !s.examples.fail.is_empty() || stage;
        let has_pass = !s.examples.pass.is_empty() || stage;
        assert!(has_fail && has_pass, "{}: needs fail and pass examples", s.id);
    }
}

/// The charter rules carry failing and passing examples in French and in English.
#[test]
fn examples_exist_in_both_languages() {
    let registry = Registry::builtin().expect("built-in packs load");
    let charter_rules = registry
        .rules()
        .iter()
        .filter(|r| !matches!(r.spec.family(), "structure" | "suppression"));
    for rule in charter_rules {
        let language = |text: &str, format: Format| {
            let charter = parse(text, format);
            charterlint::analyse::detect_language(&charter)
        };
        for (name, examples) in [("fail", &rule.spec.examples.fail), ("pass", &rule.spec.examples.pass)] {
            let languages: Vec<_> = examples
                .iter()
                .filter_map(|e| language(&e.text, e.format.format()))
                .collect();
            for wanted in [Language::Fr, Language::En] {
                assert!(
                    languages.contains(&wanted),
                    "{}: no {name} example in {wanted:?}",
                    rule.spec.id
                );
            }
        }
    }
}

/// The README's rule table names every built-in rule with its default severity.
#[test]
fn readme_lists_every_rule() {
    let readme =
        std::fs::read_to_string(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md")).expect("README");
    let registry = Registry::builtin().expect("built-in packs load");
    for rule in registry.rules() {
        let id = format!("`{}`", rule.spec.id);
        let row = readme.lines().find(|l| l.starts_with('|') && l.contains(&id));
        let row = row.unwrap_or_else(|| panic!("{id} is not in the README's rule table"));
        assert!(
            row.trim_end().ends_with(&format!("| {} |", rule.spec.severity)),
            "{id}: severity in {row}"
        );
    }
}
