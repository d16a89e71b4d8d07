//! The example charters show what they promise: the good ones produce no
//! customer-culture, balance or broadcast finding; each bad one produces the
//! findings it was written for.

use charterlint::discover::Input;
use charterlint::lint::{MessageLanguage, Options, Outcome, lint_input};
use charterlint::rules::{Language, Registry};
use std::collections::BTreeSet;
use std::path::Path;

fn rules_found(file: &str) -> BTreeSet<String> {
    let registry = Registry::builtin().expect("packs load");
    let input = Input::File {
        path: Path::new(env!("CARGO_MANIFEST_DIR")).join(file),
        explicit: true,
    };
    match lint_input(&input, None, &registry, &Options::default()) {
        Outcome::Report(report) => report.diagnostics.into_iter().map(|d| d.rule).collect(),
        other => panic!("{file} was not linted: {other:?}"),
    }
}

fn assert_includes(file: &str, expected: &[&str]) {
    let found = rules_found(file);
    for rule in expected {
        assert!(found.contains(*rule), "{file} should trigger {rule}; found {found:?}");
    }
}

#[test]
fn customer_culture_charters_are_clean() {
    for file in [
        "examples/fr/charte-relation-client.md",
        "examples/en/customer-culture-policy.md",
    ] {
        let found = rules_found(file);
        let unexpected: Vec<&String> = found
            .iter()
            .filter(|r| {
                ["culture/", "balance/", "broadcast/", "practice/", "structure/"]
                    .iter()
                    .any(|f| r.starts_with(f))
            })
            .collect();
        assert!(unexpected.is_empty(), "{file}: {unexpected:?}");
        assert!(found.contains("maturity/level"));
    }
}

#[test]
fn e_reputation_charter_lacks_customer_culture_and_is_unbalanced() {
    assert_includes(
        "examples/fr/charte-e-reputation.md",
        &[
            "culture/customer-care",
            "culture/listening",
            "culture/dialogue",
            "culture/employee-voice",
            "culture/feedback-loop",
            "balance/e-reputation-focus",
            "broadcast/single-spokesperson",
            "broadcast/no-replies",
        ],
    );
}

#[test]
fn broadcast_policy_shows_every_broadcast_practice() {
    assert_includes(
        "examples/en/broadcast-policy.yaml",
        &[
            "broadcast/press-release-feed",
            "broadcast/auto-posting",
            "broadcast/no-replies",
            "broadcast/single-spokesperson",
            "broadcast/brand-signature",
            "broadcast/vanity-metrics",
            "broadcast/presence-as-goal",
        ],
    );
}

#[test]
fn draft_and_broken_charters_show_structure_findings() {
    assert_includes(
        "examples/fr/charte-brouillon.md",
        &[
            "structure/placeholder",
            "structure/empty-section",
            "structure/duplicate-section",
            "structure/missing-metadata",
        ],
    );
    assert_includes(
        "examples/en/social-media-policy.yaml",
        &["structure/empty-section", "structure/placeholder"],
    );
    assert_eq!(
        rules_found("examples/en/broken-policy.yaml"),
        BTreeSet::from(["structure/parse-error".to_string()]),
        "a YAML file that cannot be read gets only the parse error"
    );
}

#[test]
fn front_matter_topics_declare_sections() {
    let dir = tempfile::tempdir().expect("temp dir");
    let file = dir.path().join("charte.md");
    std::fs::write(
        &file,
        "---\ntitle: Charte\ntopics:\n  Nos engagements: customer-care\n  Nos idées: feedback-loop\n  Absent: listening\n  Écoute: listenning\n---\n\n# Charte\n\n## Nos engagements\n\nNous sommes là.\n\n## Nos idées\n\nNous progressons.\n",
    )
    .expect("write");
    let registry = Registry::builtin().expect("packs load");
    let input = Input::File {
        path: file,
        explicit: true,
    };
    let options = Options {
        messages: MessageLanguage::Fixed(Language::En),
        ..Options::default()
    };
    let Outcome::Report(report) = lint_input(&input, None, &registry, &options) else {
        panic!("linted")
    };
    let rules: BTreeSet<&str> = report.diagnostics.iter().map(|d| d.rule.as_str()).collect();
    assert!(
        !rules.contains("culture/customer-care") && !rules.contains("culture/feedback-loop"),
        "{rules:?}"
    );
    let problems: Vec<&str> = report
        .diagnostics
        .iter()
        .filter(|d| d.rule == "structure/parse-error")
        .map(|d| d.message.as_str())
        .collect();
    assert_eq!(problems.len(), 2, "{problems:?}");
    assert!(problems.iter().any(|m| m.contains("“Absent”")), "{problems:?}");
    assert!(problems.iter().any(|m| m.contains("listenning")), "{problems:?}");
}
