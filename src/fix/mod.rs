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
    let newline = newline_of(source);
    let insertion = match report.format {
        Format::Markdown | Format::Text => markdown_skeletons(source, report.format, &wanted),
        Format::Yaml => return yaml_with_skeletons(source, &wanted, newline),
    };
    let mut text = source.clone();
    if !text.ends_with(['\n', '\r']) && !text.is_empty() {
        text.push_str(newline);
    }
    text.push_str(&insertion.replace('\n', newline));
    Some(text)
}

/// The file's own line ending: CRLF, CR alone (old Mac files) or LF.
fn newline_of(source: &str) -> &'static str {
    if source.contains("\r\n") {
        "\r\n"
    } else if source.contains('\r') {
        "\r"
    } else {
        "\n"
    }
}

/// Where the line after `from` starts (the end of the text on the last line),
/// whatever the line ending.
fn next_line_start(source: &str, from: usize) -> usize {
    match source[from..].find(['\n', '\r']) {
        Some(i) if source[from + i..].starts_with("\r\n") => from + i + 2,
        Some(i) => from + i + 1,
        None => source.len(),
    }
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
            let line_start = source[..first.span.start].rfind(['\n', '\r']).map_or(0, |i| i + 1);
            let dash_column = source[line_start..first.span.start].rfind('-').unwrap_or(0);
            (" ".repeat(dash_column), next_line_start(source, value.span.end))
        }
        _ => ("  ".to_string(), next_line_start(source, key.span.end)),
    };
    let mut insertion = String::new();
    if insert_at == source.len() && !source.ends_with(['\n', '\r']) {
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

/// Why a file was not written.
#[derive(Debug, thiserror::Error)]
pub enum WriteError {
    #[error("the file is read-only")]
    ReadOnly,
    #[error("the file has {0} hard links, and replacing it would split them")]
    HardLinks(u64),
    #[error("not a regular file")]
    NotAFile,
    #[error(transparent)]
    Io(#[from] std::io::Error),
}

/// Temporary files of one run get distinct names.
static TEMPORARY: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);

/// Writes a file atomically, as formatters do: through a symlink to its
/// target, into a short-named temporary file beside the target that takes the
/// target's permissions, owner and group, then a rename. A reader never sees
/// half a file, and a failure leaves the old one. Read-only and multi-linked
/// files are refused rather than replaced (a rename would split the links).
pub fn write(path: &Path, text: &str) -> Result<(), WriteError> {
    let target = match std::fs::symlink_metadata(path) {
        Ok(meta) if meta.file_type().is_symlink() => std::fs::canonicalize(path)?,
        _ => path.to_path_buf(),
    };
    let existing = match std::fs::metadata(&target) {
        Ok(meta) => Some(meta),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
        Err(e) => return Err(e.into()),
    };
    if let Some(meta) = &existing {
        refuse_unsafe(meta)?;
    }
    let dir = target
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let serial = TEMPORARY.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    // Short whatever the file's name: a long name plus a suffix would pass
    // the 255-byte limit of a file name.
    let temporary = dir.join(format!(".charterlint-{}-{serial}.tmp", std::process::id()));
    let result = write_new(&temporary, text, existing.as_ref()).and_then(|_| std::fs::rename(&temporary, &target));
    if result.is_err() {
        let _ = std::fs::remove_file(&temporary);
    }
    Ok(result?)
}

fn refuse_unsafe(meta: &std::fs::Metadata) -> Result<(), WriteError> {
    if !meta.is_file() {
        return Err(WriteError::NotAFile);
    }
    if meta.permissions().readonly() {
        return Err(WriteError::ReadOnly);
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        if meta.nlink() > 1 {
            return Err(WriteError::HardLinks(meta.nlink()));
        }
    }
    Ok(())
}

/// A new file (never an existing one: no symlink planted at the temporary
/// name is followed) with `text`, flushed to disk, with the metadata of the
/// file it replaces.
fn write_new(temporary: &Path, text: &str, replaced: Option<&std::fs::Metadata>) -> std::io::Result<()> {
    use std::io::Write;
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(temporary)?;
    file.write_all(text.as_bytes())?;
    if let Some(meta) = replaced {
        #[cfg(unix)]
        {
            use std::os::unix::fs::MetadataExt;
            // Keeping the owner fails for a user who is not the owner:
            // better no fix than a file that changed hands.
            if let Err(e) = std::os::unix::fs::fchown(&file, Some(meta.uid()), Some(meta.gid())) {
                let made = file.metadata()?;
                if made.uid() != meta.uid() || made.gid() != meta.gid() {
                    return Err(std::io::Error::new(
                        e.kind(),
                        format!("cannot keep its owner and group: {e}"),
                    ));
                }
            }
        }
        file.set_permissions(meta.permissions())?;
    }
    file.sync_all()
}
