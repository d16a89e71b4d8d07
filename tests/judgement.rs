//! Ratchets on the judgement: the topic coverage measured on the passage bank
//! and on the development corpus (`../shared`) must not fall below the figures
//! reached. Raise the floors when the figures rise; never lower them to let a
//! change land without saying why in its commit.

mod common;

use serde_json::Value;
use std::path::Path;
use std::process::Command;

/// Passages of guidance recognised as covering their topic (all four bank files).
const BANK_RECALL: f64 = 0.77;
/// Passages that use a topic's words in another sense, taken as coverage.
const BANK_FALSE_COVERAGE: f64 = 0.18;
/// Per language: (language, recall floor, false-coverage ceiling).
const BANK_BY_LANGUAGE: &[(&str, f64, f64)] = &[("en", 0.84, 0.23), ("fr", 0.70, 0.13)];
/// Cohen's kappa of the culture and practice families on the labelled charters.
const CULTURE_KAPPA: f64 = 0.42;
const PRACTICE_KAPPA: f64 = 0.57;

fn python(args: &[&str]) -> String {
    let out = Command::new("python3")
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("python3 runs the scorers in ../shared/tools");
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn bank(shared: &Path, language: Option<&str>) -> Value {
    let banks = shared.join("corpus/bank");
    let json = tempfile::NamedTempFile::new().expect("temp file");
    let mut args: Vec<String> = vec![shared.join("tools/bank.py").display().to_string()];
    for file in ["en-corporate", "en-public", "fr-corporate", "fr-public"] {
        args.push("--bank".into());
        args.push(banks.join(format!("{file}.jsonl")).display().to_string());
    }
    if let Some(language) = language {
        args.extend(["--lang".to_string(), language.to_string()]);
    }
    args.extend([
        "--bin".to_string(),
        env!("CARGO_BIN_EXE_charterlint").to_string(),
        "--json".to_string(),
        json.path().display().to_string(),
    ]);
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    python(&args);
    serde_json::from_str(&std::fs::read_to_string(json.path()).expect("figures written")).expect("figures are JSON")
}

/// Checks one set of bank figures against its floor and ceiling.
fn holds(figures: &Value, what: &str, floor: f64, ceiling: f64) {
    let recall = figures["coverage_recall"].as_f64().expect("recall");
    let false_coverage = figures["false_coverage"].as_f64().expect("false coverage");
    eprintln!("{what}: coverage recall {recall:.3}, false coverage {false_coverage:.3}");
    assert!(
        recall >= floor,
        "{what}: coverage recall fell to {recall:.3} (floor {floor})"
    );
    assert!(
        false_coverage <= ceiling,
        "{what}: false coverage rose to {false_coverage:.3} (ceiling {ceiling})"
    );
}

#[test]
fn passage_bank_coverage_holds() {
    let Some(shared) = common::shared("the passage-bank ratchet") else {
        return;
    };
    holds(&bank(&shared, None), "bank", BANK_RECALL, BANK_FALSE_COVERAGE);
    for &(language, floor, ceiling) in BANK_BY_LANGUAGE {
        holds(
            &bank(&shared, Some(language)),
            &format!("bank {language}"),
            floor,
            ceiling,
        );
    }
}

#[test]
fn corpus_topic_kappa_holds() {
    let Some(shared) = common::shared("the corpus kappa ratchet") else {
        return;
    };
    let out = python(&[
        &shared.join("tools/score.py").display().to_string(),
        "--labels",
        &shared.join("corpus/labels.json").display().to_string(),
        "--docs",
        &shared.join("corpus/docs").display().to_string(),
        "--bin",
        env!("CARGO_BIN_EXE_charterlint"),
    ]);
    let kappa = |family: &str| -> f64 {
        out.lines()
            .find(|l| l.starts_with(&format!("family {family}")))
            .and_then(|l| l.rsplit("kappa ").next())
            .and_then(|k| k.trim().parse().ok())
            .unwrap_or_else(|| panic!("no kappa for {family} in:\n{out}"))
    };
    let (culture, practice) = (kappa("culture"), kappa("practice"));
    eprintln!("corpus: culture kappa {culture:.3}, practice kappa {practice:.3}");
    assert!(
        culture >= CULTURE_KAPPA,
        "culture kappa fell to {culture:.3} (floor {CULTURE_KAPPA})"
    );
    assert!(
        practice >= PRACTICE_KAPPA,
        "practice kappa fell to {practice:.3} (floor {PRACTICE_KAPPA})"
    );
}
