//! Safe fixes: a skeleton section (heading in the charter's language and a
//! one-line prompt of what to write) for each missing topic. Wording is never
//! rewritten; files without a fix are never touched; writes are atomic and
//! keep the file's permissions, line endings and byte-order mark.

use crate::lint::FileReport;
use crate::model::{Format, LintText};
use crate::parse::{parse, yaml};
use crate::rules::{Language, Registry, skeleton};
use std::path::Path;

/// Added to each prompt: a skeleton is not a fix until someone writes it.
fn until_written(language: Language) -> &'static str {
    match language {
        Language::En => "(charterlint counts this section once it is written.)",
        Language::Fr => "(charterlint compte cette section une fois rédigée.)",
    }
}

/// The skeletons for the missing topics reported in `report`, in rule order.
fn skeletons(report: &FileReport, registry: &Registry, language: Language) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for rule in registry.rules() {
        if !report.diagnostics.iter().any(|d| d.rule == rule.spec.id) {
            continue;
        }
        if let Some(s) = skeleton(&rule.spec) {
            let prompt = format!("{} {}", s.prompt.get(language), until_written(language));
            out.push((s.heading.get(language).to_string(), prompt));
        }
    }
    out
}

/// The fixed text of a report's file, or `None` when there is nothing to fix
/// (or the file cannot take a fix safely, such as a YAML file that does not parse).
pub fn fixed_text(report: &FileReport, registry: &Registry, language: Language) -> Option<String> {
    let wanted = skeletons(report, registry, language);
    if wanted.is_empty() {
        return None;
    }
    let source = &report.source;
    let newline = if source.contains("\r\n") { "\r\n" } else { "\n" };
    let insertion = match report.format {
        Format::Markdown | Format::Text => markdown_skeletons(source, report.format, &wanted),
        Format::Yaml => return yaml_with_skeletons(source, &wanted, newline),
    };
    let mut text = source.clone();
    if !text.ends_with('\n') && !text.is_empty() {
        text.push_str(newline);
    }
    text.push_str(&insertion.replace('\n', newline));
    Some(text)
}

/// Sections at the end, at the level of the charter's own sections.
fn markdown_skeletons(source: &str, format: Format, wanted: &[(String, String)]) -> String {
    let charter = parse(source, format);
    let levels: Vec<usize> = charter
        .sections_flat()
        .iter()
        .map(|s| s.heading.level)
        .filter(|&l| l > 1)
        .collect();
    let level = levels.iter().min().copied().unwrap_or(2);
    let hashes = "#".repeat(level);
    wanted
        .iter()
        .map(|(heading, prompt)| format!("\n{hashes} {heading}\n\n<!-- {prompt} -->\n"))
        .collect()
}

/// New items at the end of the `sections:` list, indented like its items.
fn yaml_with_skeletons(source: &str, wanted: &[(String, String)], newline: &str) -> Option<String> {
    let root = yaml::parse(source, 0..source.len()).ok()??;
    let sections = root
        .as_mapping()?
        .iter()
        .find(|(k, _)| k.as_text().map(LintText::as_str) == Some("sections"))?;
    let (key, value) = sections;
    let (indent, insert_at) = match value.as_sequence() {
        Some(items) if !items.is_empty() => {
            let first = &items[0];
            let line_start = source[..first.span.start].rfind('\n').map_or(0, |i| i + 1);
            let dash_column = source[line_start..first.span.start].rfind('-').unwrap_or(0);
            let end = source[value.span.end..]
                .find('\n')
                .map_or(source.len(), |i| value.span.end + i + 1);
            (" ".repeat(dash_column), end)
        }
        _ => {
            let end = source[key.span.end..]
                .find('\n')
                .map_or(source.len(), |i| key.span.end + i + 1);
            ("  ".to_string(), end)
        }
    };
    let mut insertion = String::new();
    if insert_at == source.len() && !source.ends_with('\n') {
        insertion.push_str(newline);
    }
    for (heading, prompt) in wanted {
        let quote = |s: &str| format!("\"{}\"", s.replace('\\', "\\\\").replace('"', "\\\""));
        // The prompt is a comment: the section stays empty (and reported) until written.
        let prompt = prompt.replace(['\n', '\r'], " ");
        insertion.push_str(&format!(
            "{indent}- title: {}{newline}{indent}  # {prompt}{newline}{indent}  body: \"\"{newline}",
            quote(heading)
        ));
    }
    let mut text = source.to_string();
    text.insert_str(insert_at, &insertion);
    Some(text)
}

/// A unified diff of a fix.
pub fn diff(path: &str, old: &str, new: &str) -> String {
    similar::TextDiff::from_lines(old, new)
        .unified_diff()
        .header(path, path)
        .to_string()
}

/// Writes a file atomically: a temporary file in the same folder, the
/// original permissions if the file exists, then a rename. A reader never sees
/// half a file, and a failure leaves the old one.
pub fn write(path: &Path, text: &str) -> std::io::Result<()> {
    let dir = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let temporary = dir.join(format!(".{name}.charterlint-{}", std::process::id()));
    let permissions = std::fs::metadata(path).ok().map(|m| m.permissions());
    let result = std::fs::write(&temporary, text)
        .and_then(|_| permissions.map_or(Ok(()), |p| std::fs::set_permissions(&temporary, p)))
        .and_then(|_| std::fs::rename(&temporary, path));
    if result.is_err() {
        let _ = std::fs::remove_file(&temporary);
    }
    result
}
