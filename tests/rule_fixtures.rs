//! Per-rule fixtures: `tests/fixtures/rules/<family>/<name>/` holds `fail-*`
//! files that must trigger the rule (their full rendering is snapshot-tested)
//! and `pass-*` files that must not. The language of messages is the one in
//! the file name (`-fr`, `-en`).

use charterlint::discover::Input;
use charterlint::lint::{MessageLanguage, Options, Outcome, lint_input};
use charterlint::render::human;
use charterlint::rules::{Language, Registry};
use codespan_reporting::term::termcolor::NoColor;
use std::path::{Path, PathBuf};

fn fixture_dirs() -> Vec<(String, PathBuf)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/rules");
    let mut out = Vec::new();
    for family in std::fs::read_dir(&root).expect("fixtures exist").flatten() {
        for rule in std::fs::read_dir(family.path()).expect("readable").flatten() {
            let id = format!(
                "{}/{}",
                family.file_name().to_string_lossy(),
                rule.file_name().to_string_lossy()
            );
            out.push((id, rule.path()));
        }
    }
    out.sort();
    out
}

/// Hand-written fixture folders exist for the structure rules (whose input
/// is a whole file: encodings, front matter); the charter rules' fixtures are
/// the examples in their packs, in both languages (`tests/rule_packs.rs`),
/// rendered below.
#[test]
fn every_structure_rule_has_fixtures() {
    let registry = Registry::builtin().expect("packs load");
    let dirs: Vec<String> = fixture_dirs().into_iter().map(|(id, _)| id).collect();
    for rule in registry.rules().iter().filter(|r| r.spec.family() == "structure") {
        assert!(
            dirs.contains(&rule.spec.id),
            "{} has no folder under tests/fixtures/rules",
            rule.spec.id
        );
    }
}

/// The full rendering of every failing pack example, with only its rule.
#[test]
fn pack_examples_render() {
    let registry = Registry::builtin().expect("packs load");
    let charter_rules = registry
        .rules()
        .iter()
        .filter(|r| !matches!(r.spec.family(), "structure" | "suppression"));
    for rule in charter_rules {
        let mut rendered = String::new();
        for (i, example) in rule.spec.examples.fail.iter().enumerate() {
            let report = charterlint::lint::lint_text(
                format!("{}/fail-{}", rule.spec.id, i + 1),
                example.text.clone(),
                example.format.format(),
                &registry,
                &Options::default(),
            );
            let mut report = report;
            report.diagnostics.retain(|d| d.rule == rule.spec.id);
            let mut out = NoColor::new(Vec::new());
            human::render(std::slice::from_ref(&report), &mut out, None).expect("renders");
            rendered.push_str(&String::from_utf8(out.into_inner()).expect("UTF-8"));
        }
        insta::assert_snapshot!(format!("pack__{}", rule.spec.id.replace('/', "__")), rendered);
    }
}

#[test]
fn rule_fixtures() {
    let registry = Registry::builtin().expect("packs load");
    let mut failures = Vec::new();
    for (id, dir) in fixture_dirs() {
        assert!(registry.get(&id).is_some(), "fixtures for unknown rule {id}");
        let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
            .expect("readable")
            .flatten()
            .map(|e| e.path())
            .collect();
        files.sort();
        let (mut fails, mut passes) = (0, 0);
        for file in files {
            let name = file.file_name().unwrap_or_default().to_string_lossy().to_string();
            let language = if name.contains("-fr") {
                Language::Fr
            } else {
                Language::En
            };
            let options = Options {
                messages: MessageLanguage::Fixed(language),
                language: None,
                // A file over the default 50 MB has no place in a repository:
                // the size limit is shown with a lower one.
                max_file_size: if id == "structure/too-large" {
                    100
                } else {
                    Options::default().max_file_size
                },
                ..Options::default()
            };
            let input = Input::File {
                path: file.clone(),
                explicit: true,
            };
            // The failing fixtures of `structure/unreadable` are folders.
            let (Outcome::Report(mut report) | Outcome::Unreadable(mut report)) =
                lint_input(&input, None, &registry, &options)
            else {
                panic!("{} was not linted", file.display());
            };
            report.diagnostics.retain(|d| d.rule == id);
            report.path = format!("{id}/{name}");
            if name.starts_with("fail") {
                fails += 1;
                if report.diagnostics.is_empty() {
                    failures.push(format!("{id}: {name} does not trigger it"));
                    continue;
                }
                let mut out = NoColor::new(Vec::new());
                human::render(std::slice::from_ref(&report), &mut out, None).expect("renders");
                let rendered = String::from_utf8(out.into_inner()).expect("UTF-8");
                insta::assert_snapshot!(format!("{}__{}", id.replace('/', "__"), name), rendered);
            } else if name.starts_with("pass") {
                passes += 1;
                if !report.diagnostics.is_empty() {
                    failures.push(format!("{id}: {name} triggers it: {}", report.diagnostics[0].message));
                }
            }
        }
        if fails < 2 || passes < 2 {
            failures.push(format!(
                "{id}: needs at least two failing and two passing fixtures (fr and en)"
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// No `{placeholder}` survives in what any rule says, in either language:
/// every failing example and fixture is linted with French and English
/// messages, and every message, label, help and note is read.
#[test]
fn no_placeholder_survives_in_any_message() {
    use charterlint::rules::pack::has_placeholder;
    let registry = Registry::builtin().expect("packs load");
    let mut inputs: Vec<(String, String, charterlint::model::Format)> = Vec::new();
    for rule in registry.rules() {
        for (i, example) in rule.spec.examples.fail.iter().enumerate() {
            inputs.push((
                format!("{}/fail-{}", rule.spec.id, i + 1),
                example.text.clone(),
                example.format.format(),
            ));
        }
    }
    for (id, dir) in fixture_dirs() {
        for file in std::fs::read_dir(&dir).expect("readable").flatten() {
            let Ok(text) = std::fs::read_to_string(file.path()) else {
                continue; // encoding fixtures are not UTF-8: their messages are read below
            };
            let format = charterlint::load::format_of(&file.path());
            inputs.push((format!("{id}/{}", file.file_name().to_string_lossy()), text, format));
        }
    }
    let mut found = Vec::new();
    for language in [Language::En, Language::Fr] {
        let options = Options {
            messages: MessageLanguage::Fixed(language),
            language: None,
            ..Options::default()
        };
        for (name, text, format) in &inputs {
            let report = charterlint::lint::lint_text(name.clone(), text.clone(), *format, &registry, &options);
            for d in &report.diagnostics {
                let texts = [&d.message, &d.label]
                    .into_iter()
                    .chain(d.help.as_ref())
                    .chain(&d.notes)
                    .chain(d.labels.iter().map(|l| &l.message));
                for t in texts.filter(|t| has_placeholder(t)) {
                    found.push(format!("{name} ({language:?}) {}: {t}", d.rule));
                }
            }
        }
    }
    assert!(found.is_empty(), "placeholders left:\n{}", found.join("\n"));
}
