//! Lint: one input through load → parse → analyse → rules, to a report.

use crate::analyse::Analysis;
use crate::analyse::Status;
use crate::diagnostic::Diagnostic;
use crate::discover::Input;
use crate::load::{EncodingKind, EncodingProblem, Loaded, decode, format_of};
use crate::model::{Charter, Format, Span, TOPICS};
use crate::parse::parse;
use crate::rules::pack::fill;
use crate::rules::{Context, Findings, Language, Maturity, Registry};
use crate::suppress;
use std::path::Path;

/// Which language messages are written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum MessageLanguage {
    /// The charter's own language (English when it cannot be told).
    #[default]
    Auto,
    Fixed(Language),
}

#[derive(Debug, Clone)]
pub struct Options {
    pub messages: MessageLanguage,
    /// The charters' language when their metadata does not say it.
    pub language: Option<Language>,
    /// `YYYY-MM-DD`, for suppressions with an end date.
    pub today: String,
    /// Larger files are reported (`structure/too-large`), not read.
    pub max_file_size: u64,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            messages: MessageLanguage::Auto,
            language: None,
            today: suppress::today(),
            max_file_size: crate::config::FileSize::DEFAULT.0,
        }
    }
}

/// Everything found in one file.
#[derive(Debug)]
pub struct FileReport {
    pub path: String,
    pub format: Format,
    pub language: Option<Language>,
    /// The language its messages are written in (and its human report).
    pub messages: Language,
    /// The text the spans point into (what renderers show).
    pub source: String,
    pub diagnostics: Vec<Diagnostic>,
    /// The estimated maturity level, when `maturity/level` ran.
    pub maturity: Option<Maturity>,
    /// Each topic's coverage and the sentences that show it, in topic order.
    pub topics: Vec<TopicReport>,
    /// The stance of the charter's instructions.
    pub balance: BalanceReport,
}

/// How many instructions protect, enable or neither, and where the
/// protective ones are: the JSON `balance` object.
#[derive(Debug, Clone, Default)]
pub struct BalanceReport {
    pub protect: usize,
    pub enable: usize,
    /// Guidance sentences that take neither side.
    pub neutral: usize,
    /// The sections with the most protective instructions, heaviest first.
    pub heaviest: Vec<SectionWeight>,
}

#[derive(Debug, Clone)]
pub struct SectionWeight {
    pub section: String,
    pub span: Span,
    pub protect: usize,
}

/// How many sections the balance report names.
const HEAVIEST_SECTIONS: usize = 3;

fn balance_report(analysis: &Analysis<'_>) -> BalanceReport {
    let counts = analysis.stance_counts();
    let heaviest = analysis
        .heaviest_sections(&counts.protecting, HEAVIEST_SECTIONS)
        .into_iter()
        .map(|(section, protect)| {
            let heading = &analysis.sections[section].section.heading;
            SectionWeight {
                section: heading.text.as_str().to_string(),
                span: heading.span.clone(),
                protect,
            }
        })
        .collect();
    BalanceReport {
        protect: counts.protecting.len(),
        enable: counts.enabling,
        neutral: counts.neutral(),
        heaviest,
    }
}

/// How one topic is covered, for the JSON `topics` object and `--coverage`.
#[derive(Debug, Clone)]
pub struct TopicReport {
    pub topic: String,
    /// What the topic is called, in the messages language.
    pub name: String,
    pub status: Status,
    pub evidence: Vec<TopicEvidence>,
}

#[derive(Debug, Clone)]
pub struct TopicEvidence {
    pub span: Span,
    /// The sentence on one line (its spacing collapsed).
    pub text: String,
    /// The heading of the section it is in.
    pub section: Option<String>,
    pub concepts: Vec<String>,
}

/// How many sentences of evidence a topic shows.
const TOPIC_EVIDENCE: usize = 3;

fn topic_reports(analysis: &Analysis<'_>, registry: &Registry, messages: Language) -> Vec<TopicReport> {
    let lexicons = registry.lexicons();
    let mut reports: Vec<TopicReport> = lexicons
        .specs
        .iter()
        .zip(&analysis.coverage)
        .filter_map(|(spec, coverage)| {
            let coverage = coverage.as_ref()?;
            let evidence = coverage
                .evidence
                .iter()
                .take(TOPIC_EVIDENCE)
                .map(|e| TopicEvidence {
                    span: analysis.sentence_span(e.sentence),
                    text: analysis
                        .sentence_text(e.sentence)
                        .split_whitespace()
                        .collect::<Vec<_>>()
                        .join(" "),
                    section: analysis
                        .section_of(e.sentence)
                        .map(|s| analysis.sections[s].section.heading.text.as_str().to_string()),
                    concepts: e.concepts.clone(),
                })
                .collect();
            let name = match messages {
                Language::En => &spec.name.en,
                Language::Fr => &spec.name.fr,
            };
            Some(TopicReport {
                topic: spec.id.clone(),
                name: if name.is_empty() { spec.id.clone() } else { name.clone() },
                status: coverage.status,
                evidence,
            })
        })
        .collect();
    // The ten topics in the order of the domain model, then those a user adds.
    reports.sort_by_key(|r| {
        (
            TOPICS.iter().position(|t| *t == r.topic).unwrap_or(TOPICS.len()),
            r.topic.clone(),
        )
    });
    reports
}

/// What became of one input.
#[derive(Debug)]
pub enum Outcome {
    Report(FileReport),
    /// Not linted, with the reason (a binary or non-charter file met in a walk).
    Skipped {
        path: String,
        reason: String,
    },
    /// The file could not be read at all: a report holding that one finding
    /// (`structure/unreadable`), so that JSON and SARIF say it too.
    Unreadable(FileReport),
}

/// Why a file's bytes were not read.
enum ReadProblem {
    TooLarge,
    /// The key of the wording in the `structure/unreadable` pack, or the
    /// system's own words.
    Unreadable(Result<&'static str, String>),
}

/// The bytes of a regular file of at most `limit` bytes. Anything else (a
/// folder, a FIFO that would block, a device that never ends) is refused
/// before it is opened or read.
fn read_regular(path: &Path, limit: u64) -> Result<Vec<u8>, ReadProblem> {
    use std::io::Read;
    let unreadable = |e: std::io::Error| {
        ReadProblem::Unreadable(match e.kind() {
            std::io::ErrorKind::PermissionDenied => Ok("permission"),
            std::io::ErrorKind::NotFound => Ok("missing"),
            _ => Err(e.to_string()),
        })
    };
    let meta = std::fs::metadata(path).map_err(unreadable)?;
    if !meta.is_file() {
        return Err(ReadProblem::Unreadable(Ok(kind_of(&meta))));
    }
    if meta.len() > limit {
        return Err(ReadProblem::TooLarge);
    }
    let mut bytes = Vec::new();
    // The file may grow between the look and the read.
    std::fs::File::open(path)
        .and_then(|f| f.take(limit.saturating_add(1)).read_to_end(&mut bytes))
        .map_err(unreadable)?;
    if bytes.len() as u64 > limit {
        return Err(ReadProblem::TooLarge);
    }
    Ok(bytes)
}

/// What a path that is not a regular file is, as a key of the
/// `structure/unreadable` pack's wording.
fn kind_of(meta: &std::fs::Metadata) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        let kind = meta.file_type();
        if kind.is_fifo() {
            return "fifo";
        }
        if kind.is_char_device() || kind.is_block_device() {
            return "device";
        }
    }
    if meta.is_dir() { "folder" } else { "special" }
}

/// A rule's wording for `key` from its pack's `params`, in `language`.
fn param_text<'r>(registry: &'r Registry, rule: &str, key: &'r str, language: Language) -> &'r str {
    registry
        .get(rule)
        .and_then(|rule| rule.spec.params.get(key))
        .and_then(|texts| texts.get(language.code()))
        .and_then(|text| text.as_str())
        .unwrap_or(key)
}

pub fn lint_input(input: &Input, stdin: Option<&[u8]>, registry: &Registry, options: &Options) -> Outcome {
    let path = input.display_path();
    let format = format_of(Path::new(&path));
    let language = match options.messages {
        MessageLanguage::Fixed(l) => l,
        MessageLanguage::Auto => options.language.unwrap_or(Language::En),
    };
    let (bytes, explicit) = match input {
        Input::Stdin { .. } => match stdin {
            Some(bytes) if bytes.len() as u64 > options.max_file_size => {
                return Outcome::Report(too_large(path, format, registry, language, options));
            }
            bytes => (bytes.unwrap_or_default().to_vec(), true),
        },
        Input::File { path: file, explicit } => match read_regular(file, options.max_file_size) {
            Ok(bytes) => (bytes, *explicit),
            Err(ReadProblem::TooLarge) => {
                return Outcome::Report(too_large(path, format, registry, language, options));
            }
            Err(ReadProblem::Unreadable(reason)) => {
                let reason = match &reason {
                    Ok(key) => param_text(registry, UNREADABLE_RULE, key, language),
                    Err(system) => system.as_str(),
                };
                let diagnostic = registry.diagnostic(UNREADABLE_RULE, language, 0..0, &[("detail", reason)]);
                return Outcome::Unreadable(problem_report(path, format, String::new(), diagnostic, language));
            }
        },
    };
    match decode(bytes, explicit) {
        Loaded::Binary => Outcome::Skipped {
            path,
            reason: "binary file".to_string(),
        },
        Loaded::Text(text) if !explicit && format == Format::Yaml && !looks_like_yaml_charter(&text) => {
            Outcome::Skipped {
                path,
                reason: "YAML file without `sections:` (not a charter)".to_string(),
            }
        }
        Loaded::Text(text) => Outcome::Report(lint_text(path, text, format, registry, options)),
        Loaded::Encoding { shown, problem } => {
            // The text is unusable, but often readable enough to tell its language.
            let language = match options.messages {
                MessageLanguage::Fixed(l) => l,
                MessageLanguage::Auto => options
                    .language
                    .or_else(|| crate::analyse::detect_language(&parse(&shown, format)))
                    .unwrap_or(Language::En),
            };
            let detail = encoding_detail(registry, language, &problem);
            let diagnostic = registry.diagnostic(ENCODING_RULE, language, problem.span, &[("detail", &detail)]);
            Outcome::Report(problem_report(path, format, shown, diagnostic, language))
        }
    }
}

const ENCODING_RULE: &str = "structure/encoding";
const UNREADABLE_RULE: &str = "structure/unreadable";
const TOO_LARGE_RULE: &str = "structure/too-large";

fn too_large(path: String, format: Format, registry: &Registry, language: Language, options: &Options) -> FileReport {
    let limit = options.max_file_size.to_string();
    let diagnostic = registry.diagnostic(TOO_LARGE_RULE, language, 0..0, &[("limit", &limit)]);
    problem_report(path, format, String::new(), diagnostic, language)
}

/// A report of a file that could not be linted: that one finding.
fn problem_report(
    path: String,
    format: Format,
    shown: String,
    diagnostic: Diagnostic,
    messages: Language,
) -> FileReport {
    FileReport {
        path,
        format,
        language: None,
        messages,
        source: shown,
        diagnostics: vec![diagnostic],
        maturity: None,
        topics: Vec::new(),
        balance: BalanceReport::default(),
    }
}

/// The encoding problem in words, from the rule pack's `params`.
fn encoding_detail(registry: &Registry, language: Language, problem: &EncodingProblem) -> String {
    let template = param_text(registry, ENCODING_RULE, problem.kind.key(), language);
    let bytes = match &problem.kind {
        EncodingKind::Invalid { bytes } => bytes.as_str(),
        EncodingKind::Utf16 | EncodingKind::Binary => "",
    };
    fill(
        template,
        &[("bytes", bytes), ("offset", &problem.span.start.to_string())],
    )
}

/// A folder walk meets YAML files of all sorts; charters have sections.
fn looks_like_yaml_charter(text: &str) -> bool {
    text.lines().any(|l| l.starts_with("sections:"))
}

/// Lints text already in memory.
pub fn lint_text(path: String, text: String, format: Format, registry: &Registry, options: &Options) -> FileReport {
    let charter: Charter = parse(&text, format);
    let analysis = Analysis::new(&charter, registry.lexicons(), options.language);
    let language = analysis.language;
    let messages = match options.messages {
        MessageLanguage::Fixed(l) => l,
        MessageLanguage::Auto => language.unwrap_or(Language::En),
    };
    let ctx = Context {
        charter: &charter,
        analysis: &analysis,
        source: &text,
        messages,
    };
    let Findings {
        diagnostics,
        mut maturity,
    } = registry.run(&ctx);
    let mut diagnostics = suppress::apply(diagnostics, &text, &charter, registry, messages, &options.today);
    for d in &mut diagnostics {
        d.snap_to(&text);
    }
    if let Some(m) = maturity.as_mut() {
        for span in &mut m.evidence {
            *span = span.start.min(text.len())..span.end.min(text.len());
        }
    }
    diagnostics.sort_by(|a, b| (a.span.start, &a.rule).cmp(&(b.span.start, &b.rule)));
    let topics = topic_reports(&analysis, registry, messages);
    let balance = balance_report(&analysis);
    FileReport {
        path,
        format,
        language,
        messages,
        source: text,
        diagnostics,
        maturity,
        topics,
        balance,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn topic_evidence_is_one_line() {
        let registry = Registry::builtin().expect("packs load");
        let text = "# Policy\n\n## Care\n\nWe answer every customer question\n   within two hours.\n";
        let report = lint_text(
            "p.md".into(),
            text.into(),
            Format::Markdown,
            &registry,
            &Options::default(),
        );
        let care = report
            .topics
            .iter()
            .find(|t| t.topic == "customer-care")
            .expect("topic");
        assert_eq!(
            care.evidence.first().map(|e| e.text.as_str()),
            Some("We answer every customer question within two hours.")
        );
    }

    #[test]
    fn an_unreadable_file_is_reported_not_fatal() {
        let registry = Registry::builtin().expect("packs load");
        let dir = std::env::temp_dir();
        let input = Input::File {
            path: dir.clone(),
            explicit: true,
        };
        match lint_input(&input, None, &registry, &Options::default()) {
            Outcome::Unreadable(report) => {
                assert_eq!(report.path, dir.display().to_string());
                assert_eq!(report.diagnostics[0].rule, UNREADABLE_RULE);
                assert!(
                    report.diagnostics[0].message.contains("a folder"),
                    "{:?}",
                    report.diagnostics
                );
            }
            other => panic!("expected Unreadable, got {other:?}"),
        }
    }
}
