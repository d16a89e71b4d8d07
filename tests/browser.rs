//! The HTML report in a real browser: headless Chromium (Debian's package)
//! driven by `tests/browser/check.mjs` (puppeteer-core) opens the page with
//! networking off, takes screenshots at 1280 and 320 px and in print media,
//! and fails on any request beyond the page itself, any console or page
//! error, horizontal scrolling at 320 px, headings out of order, and any
//! serious or critical axe-core violation (WCAG 2.1 A and AA).

mod common;

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Command;

/// Set by `.ci/run` (which installs Chromium and the checker's npm
/// packages): the test fails instead of skipping when they are missing.
const REQUIRE: &str = "CHARTERLINT_REQUIRE_BROWSER";

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The checker script, or `None` after one line saying what is missing.
fn checker() -> Option<PathBuf> {
    let script = root().join("tests/browser/check.mjs");
    let chromium = std::env::var_os("CHROMIUM").map_or_else(|| PathBuf::from("/usr/bin/chromium"), PathBuf::from);
    let node = Command::new("node")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    let missing = if !node {
        Some("Node.js is not installed")
    } else if !root().join("tests/browser/node_modules/puppeteer-core").is_dir() {
        Some("the checker's packages are not installed: (cd tests/browser && npm ci)")
    } else if !chromium.exists() {
        Some("Chromium is not installed: apt-get install chromium")
    } else {
        None
    };
    match missing {
        None => Some(script),
        Some(why) if std::env::var_os(REQUIRE).is_some() => panic!("{why} ({REQUIRE} is set)"),
        Some(why) => {
            let _ = writeln!(
                std::io::stderr(),
                "skipped: the HTML report in Chromium ({why}; set {REQUIRE} to require it)"
            );
            None
        }
    }
}

/// Writes the report of `paths` under `target/…/report-screenshots/<name>`
/// and checks it in Chromium; the screenshots stay there to be looked at.
fn check_in_chromium(script: &Path, name: &str, paths: &[&Path]) {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR"))
        .join("report-screenshots")
        .join(name);
    std::fs::create_dir_all(&dir).expect("screenshot folder");
    let page = dir.join("report.html");
    let report = Command::new(env!("CARGO_BIN_EXE_charterlint"))
        .current_dir(root())
        .arg("report")
        .args(paths)
        .arg("--html")
        .arg(&page)
        .arg("--quiet")
        .output()
        .expect("charterlint runs");
    assert!(report.status.success(), "{}", String::from_utf8_lossy(&report.stderr));
    let checked = Command::new("node")
        .arg(script)
        .arg(&page)
        .arg(&dir)
        .output()
        .expect("node runs");
    let summary = String::from_utf8_lossy(&checked.stdout);
    assert!(
        checked.status.success(),
        "the page of {name} failed in Chromium:\n{}\n{summary}",
        String::from_utf8_lossy(&checked.stderr)
    );
    let summary: serde_json::Value = serde_json::from_str(&summary).expect("the checker prints JSON");
    assert_eq!(summary["requests"].as_array().map(Vec::len), Some(0));
    assert_eq!(
        summary["headings"][0].as_str().map(|h| h.starts_with("h1 ")),
        Some(true)
    );
    for shot in ["report-1280.png", "report-320.png", "report-print.png"] {
        let size = std::fs::metadata(dir.join(shot)).map(|m| m.len()).unwrap_or(0);
        assert!(size > 10_000, "{shot} is a real screenshot ({size} bytes)");
    }
}

#[test]
fn report_of_the_examples_is_clean_in_chromium() {
    let Some(script) = checker() else { return };
    check_in_chromium(&script, "examples", &[Path::new("examples")]);
}

#[test]
fn report_of_the_corpus_is_clean_in_chromium() {
    let Some(script) = checker() else { return };
    if common::shared("the HTML report of the corpus in Chromium").is_none() {
        return;
    }
    // As a user beside the corpus would name it (the report shows the path given).
    check_in_chromium(&script, "corpus", &[Path::new("../shared/corpus/docs")]);
}
