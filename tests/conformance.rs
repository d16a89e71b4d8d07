//! The pest grammars checked against real implementations on real documents:
//! the Markdown heading outline and code blocks against pulldown-cmark, YAML
//! value trees against serde_yaml. Agreement rates are printed (run with
//! `--nocapture`); every known difference is a listed, justified exception.

mod common;
#[path = "support/yaml_value.rs"]
mod yaml_value;

use charterlint::model::Format;
use charterlint::parse::{parse, yaml};
use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};
use serde_yaml::Value;
use std::path::{Path, PathBuf};
use yaml_value::to_value;

fn corpus() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus/docs")
}

fn files_under(root: &Path, extensions: &[&str]) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![root.to_path_buf()];
    while let Some(dir) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else if path
                .extension()
                .and_then(|e| e.to_str())
                .is_some_and(|e| extensions.contains(&e))
            {
                out.push(path);
            }
        }
    }
    out.sort();
    out
}

/// Site-generator markup and bare URLs are removed from charterlint's heading
/// text on purpose (they are not prose); pulldown-cmark keeps them as text.
/// This is the one listed exception: it is applied to pulldown's side only.
fn without_generator_markup(text: &str) -> String {
    let mut out = String::new();
    let mut rest = text;
    while let Some(start) = rest.find("{{").or_else(|| rest.find("{%")) {
        out.push_str(&rest[..start]);
        let close = if rest[start..].starts_with("{%") { "%}" } else { "}}" };
        match rest[start + 2..].find(close) {
            Some(end) => rest = &rest[start + 2 + end + 2..],
            None => {
                out.push_str(&rest[start..]);
                rest = "";
            }
        }
    }
    out.push_str(rest);
    out.split_whitespace()
        .filter(|w| !(w.starts_with("http://") || w.starts_with("https://") || w.starts_with("www.")))
        .collect::<Vec<_>>()
        .join(" ")
}

fn normalise(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

struct Reference {
    outline: Vec<(usize, String)>,
    code_lines: Vec<usize>,
}

fn line_of(text: &str, offset: usize) -> usize {
    text[..offset.min(text.len())].matches('\n').count() + 1
}

fn lines_of(text: &str, span: std::ops::Range<usize>) -> std::ops::RangeInclusive<usize> {
    let end = text[..span.end.min(text.len())]
        .trim_end_matches(['\n', '\r', ' '])
        .len();
    line_of(text, span.start)..=line_of(text, end.max(span.start))
}

fn pulldown(text: &str) -> Reference {
    // Second listed exception: a UTF-8 byte-order mark is not content (editors
    // and GitHub drop it); pulldown-cmark would read it as text before a `#`.
    let text = text.strip_prefix('\u{FEFF}').unwrap_or(text);
    let options = Options::ENABLE_TABLES
        | Options::ENABLE_HEADING_ATTRIBUTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_YAML_STYLE_METADATA_BLOCKS;
    let mut outline = Vec::new();
    let mut code_lines = Vec::new();
    let mut heading: Option<(usize, String)> = None;
    for (event, range) in Parser::new_ext(text, options).into_offset_iter() {
        match event {
            Event::Start(Tag::Heading { level, .. }) => heading = Some((level as usize, String::new())),
            Event::End(TagEnd::Heading(_)) => {
                if let Some((level, text)) = heading.take() {
                    outline.push((level, normalise(&without_generator_markup(&text))));
                }
            }
            Event::Text(t) => {
                if let Some((_, text)) = heading.as_mut() {
                    text.push_str(&t);
                }
            }
            Event::SoftBreak | Event::HardBreak => {
                if let Some((_, text)) = heading.as_mut() {
                    text.push(' ');
                }
            }
            Event::Start(Tag::CodeBlock(_)) => code_lines.extend(lines_of(text, range)),
            _ => {}
        }
    }
    code_lines.sort();
    code_lines.dedup();
    Reference { outline, code_lines }
}

fn ours(text: &str) -> Reference {
    let charter = parse(text, Format::Markdown);
    let outline = charter.outline.iter().map(|h| (h.level, normalise(&h.text))).collect();
    let mut code_lines: Vec<usize> = charter
        .code_blocks
        .iter()
        .flat_map(|s| lines_of(text, s.clone()))
        .collect();
    code_lines.sort();
    code_lines.dedup();
    Reference { outline, code_lines }
}

#[test]
fn markdown_outline_and_code_match_pulldown_cmark() {
    if common::shared("Markdown conformance on the corpus").is_none() {
        return;
    }
    let mut files = files_under(&corpus(), &["md"]);
    files.extend(files_under(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("examples"),
        &["md"],
    ));
    files.extend(files_under(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures"),
        &["md"],
    ));
    // Encoding fixtures are not UTF-8 on purpose: not Markdown to compare.
    files.retain(|f| std::fs::read_to_string(f).is_ok());
    assert!(
        files.len() > 40,
        "the corpus should be beside the repository (../shared)"
    );
    let (mut headings, mut agreeing_headings, mut agreeing_files) = (0, 0, 0);
    let mut failures = Vec::new();
    for file in &files {
        let text = std::fs::read_to_string(file).expect("kept files are UTF-8");
        let (expected, got) = (pulldown(&text), ours(&text));
        headings += expected.outline.len();
        agreeing_headings += expected
            .outline
            .iter()
            .zip(&got.outline)
            .filter(|(a, b)| a == b)
            .count();
        if expected.outline == got.outline && expected.code_lines == got.code_lines {
            agreeing_files += 1;
        } else {
            failures.push(format!(
                "{}:\n  pulldown outline {:?}\n  ours             {:?}\n  pulldown code lines {:?}\n  ours                {:?}",
                file.display(),
                expected.outline,
                got.outline,
                expected.code_lines,
                got.code_lines
            ));
        }
    }
    println!(
        "markdown conformance: {agreeing_files}/{} files agree ({:.1}%), {agreeing_headings}/{headings} headings in place",
        files.len(),
        100.0 * agreeing_files as f64 / files.len() as f64
    );
    assert!(
        failures.is_empty(),
        "{} files differ:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

fn front_matter(text: &str) -> Option<&str> {
    let rest = text.strip_prefix("---\n").or_else(|| text.strip_prefix("---\r\n"))?;
    let end = rest.find("\n---").or_else(|| rest.find("\n..."))?;
    Some(&rest[..end + 1])
}

#[test]
fn yaml_values_match_serde_yaml() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut documents: Vec<(String, String)> = Vec::new();
    let unsupported = root.join("tests/fixtures/yaml-unsupported");
    for dir in ["examples", "tests"] {
        for file in files_under(&root.join(dir), &["yaml", "yml"]) {
            if file.starts_with(&unsupported) {
                continue;
            }
            documents.push((
                file.display().to_string(),
                std::fs::read_to_string(&file).expect("UTF-8"),
            ));
        }
    }
    for file in files_under(&corpus(), &["md"]) {
        let text = std::fs::read_to_string(&file).expect("UTF-8");
        if let Some(fm) = front_matter(&text) {
            documents.push((format!("{} (front matter)", file.display()), fm.to_string()));
        }
    }
    assert!(documents.len() > 20);
    let (mut compared, mut agreeing) = (0, 0);
    let mut failures = Vec::new();
    for (name, text) in &documents {
        let expected: Result<Value, _> = serde_yaml::from_str(text);
        let got = yaml::parse(text, 0..text.len());
        match (expected, got) {
            // Both reject: agreement (the fixtures of parse errors).
            (Err(_), Err(_)) => agreeing += 1,
            (Ok(expected), Ok(node)) => {
                let got = node.as_ref().map_or(Value::Null, to_value);
                if got == expected {
                    agreeing += 1;
                } else {
                    failures.push(format!("{name}: serde_yaml {expected:?}\n  ours {got:?}"));
                }
            }
            (Ok(expected), Err(problem)) => failures.push(format!(
                "{name}: serde_yaml reads {expected:?}, ours rejects: {problem:?}"
            )),
            (Err(e), Ok(_)) => failures.push(format!("{name}: serde_yaml rejects ({e}), ours accepts")),
        }
        compared += 1;
    }
    println!(
        "yaml conformance: {agreeing}/{compared} documents agree ({:.1}%)",
        100.0 * agreeing as f64 / compared as f64
    );
    assert!(
        failures.is_empty(),
        "{} documents differ:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

/// The listed exceptions: constructs serde_yaml reads and charterlint's YAML
/// subset leaves out on purpose (anchors, aliases, tags, complex keys, flow
/// mappings, nested flow lists). Each must be rejected with a message naming it.
#[test]
fn unsupported_yaml_is_rejected_by_name() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/yaml-unsupported");
    let files = files_under(&dir, &["yaml"]);
    assert!(files.len() >= 5);
    for file in files {
        let text = std::fs::read_to_string(&file).expect("UTF-8");
        assert!(
            serde_yaml::from_str::<Value>(&text).is_ok(),
            "{} is valid YAML",
            file.display()
        );
        let problem = yaml::parse(&text, 0..text.len()).expect_err("outside the subset");
        assert!(
            problem.message.en.contains("does not read") && problem.message.fr.contains("ne lit pas"),
            "{}: {}",
            file.display(),
            problem.message.en
        );
        let name = problem.label.unwrap_or_default().en;
        assert!(
            !name.is_empty() && problem.span.start < text.len(),
            "{}: no place given",
            file.display()
        );
    }
}
