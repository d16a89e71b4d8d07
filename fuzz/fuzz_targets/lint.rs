//! Any bytes, as a Markdown, YAML or plain-text charter: linting, every
//! renderer and `--fix` never panic, every position points inside the file,
//! and a fix only adds text.
#![no_main]

#[path = "../../tests/support/spans.rs"]
mod spans;

use charterlint::discover::Input;
use charterlint::fix::fixed_text;
use charterlint::lint::{lint_input, lint_text, Options, Outcome};
use charterlint::render::{self, Summary};
use charterlint::rules::{Language, Registry};
use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;

fn registry() -> &'static Registry {
    static REGISTRY: OnceLock<Registry> = OnceLock::new();
    REGISTRY.get_or_init(|| Registry::builtin().expect("built-in packs load"))
}

fuzz_target!(|data: &[u8]| {
    let Some((&selector, bytes)) = data.split_first() else {
        return;
    };
    let name = ["fuzz.md", "fuzz.yaml", "fuzz.txt"][usize::from(selector % 3)];
    let options = Options {
        today: "2026-01-01".to_string(),
        ..Options::default()
    };
    let input = Input::Stdin { name: name.to_string() };
    let Outcome::Report(report) = lint_input(&input, Some(bytes), registry(), &options) else {
        return;
    };
    spans::assert_spans_valid(&report);
    let reports = std::slice::from_ref(&report);
    render::json::render(reports, Summary::of(reports));
    render::sarif::render(reports, registry());
    render::short::render(reports);
    render::github::render(reports);

    let language = if selector & 0x80 == 0 {
        Language::Fr
    } else {
        Language::En
    };
    if let Some(fixed) = fixed_text(&report, registry(), language) {
        assert!(fixed.len() > report.source.len(), "a fix removed text");
        let again = lint_text(name.to_string(), fixed, report.format, registry(), &options);
        spans::assert_spans_valid(&again);
    }
});
