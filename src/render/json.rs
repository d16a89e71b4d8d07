//! `--format json`: version 1 of the JSON output (DESIGN.md). These structs
//! are the wire format; internal types never serialise themselves.

use super::Summary;
use crate::diagnostic::{Diagnostic, LineIndex};
use crate::lint::FileReport;
use crate::model::Span;
use crate::rules::pack::one_line;
use serde::Serialize;
use std::collections::BTreeMap;

#[derive(Serialize)]
struct Output<'a> {
    version: u32,
    files: Vec<File<'a>>,
    summary: SummaryV1,
}

#[derive(Serialize)]
struct File<'a> {
    path: &'a str,
    format: &'static str,
    language: Option<&'static str>,
    maturity: Option<Maturity<'a>>,
    /// Additive to version 1: each topic's coverage and its evidence.
    topics: BTreeMap<&'a str, TopicV1<'a>>,
    /// Additive to version 1: the stance of the instructions.
    balance: BalanceV1<'a>,
    diagnostics: Vec<DiagnosticV1<'a>>,
}

#[derive(Serialize)]
struct TopicV1<'a> {
    status: &'static str,
    evidence: Vec<TopicEvidenceV1<'a>>,
}

#[derive(Serialize)]
struct TopicEvidenceV1<'a> {
    span: SpanV1,
    text: &'a str,
    section: Option<&'a str>,
    concepts: &'a [String],
}

#[derive(Serialize)]
struct BalanceV1<'a> {
    /// Guidance sentences that protect the organisation, enable people or
    /// serve the public, or neither.
    protect: usize,
    enable: usize,
    neutral: usize,
    /// Protective instructions as a share of those that take a side (0 to 1).
    protect_share: f64,
    heaviest_sections: Vec<SectionWeightV1<'a>>,
}

#[derive(Serialize)]
struct SectionWeightV1<'a> {
    section: &'a str,
    span: SpanV1,
    protect: usize,
}

#[derive(Serialize)]
struct Maturity<'a> {
    level: u8,
    evidence: Vec<Evidence>,
    /// Additive to version 1: what the level means, in the messages language.
    description: &'a str,
    /// Additive to version 1: the level above and the topics it needs.
    next: Option<NextLevelV1<'a>>,
}

#[derive(Serialize)]
struct NextLevelV1<'a> {
    level: u8,
    description: &'a str,
    /// Topics to cover, every one.
    needs: &'a [String],
    /// Topics of which one is enough.
    needs_one_of: &'a [String],
}

#[derive(Serialize)]
struct Evidence {
    line: usize,
    text: String,
}

#[derive(Serialize)]
struct DiagnosticV1<'a> {
    rule: &'a str,
    severity: &'static str,
    message: &'a str,
    help: Option<&'a str>,
    notes: &'a [String],
    span: SpanV1,
    labels: Vec<LabelV1<'a>>,
}

#[derive(Serialize)]
struct SpanV1 {
    start: PositionV1,
    end: PositionV1,
}

#[derive(Serialize)]
struct PositionV1 {
    line: usize,
    column: usize,
    offset: usize,
}

#[derive(Serialize)]
struct LabelV1<'a> {
    span: SpanV1,
    message: &'a str,
}

#[derive(Serialize)]
struct SummaryV1 {
    files: usize,
    errors: usize,
    warnings: usize,
    infos: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    baseline: Option<BaselineV1>,
}

#[derive(Serialize)]
struct BaselineV1 {
    hidden: usize,
    stale: usize,
}

fn span(index: &LineIndex<'_>, span: &Span) -> SpanV1 {
    let position = |offset| {
        let p = index.position(offset);
        PositionV1 {
            line: p.line,
            column: p.column,
            offset: p.offset,
        }
    };
    SpanV1 {
        start: position(span.start),
        end: position(span.end),
    }
}

fn diagnostic<'a>(index: &LineIndex<'_>, d: &'a Diagnostic) -> DiagnosticV1<'a> {
    DiagnosticV1 {
        rule: &d.rule,
        severity: d.severity.as_str(),
        message: &d.message,
        help: d.help.as_deref(),
        notes: &d.notes,
        span: span(index, &d.span),
        labels: d
            .labels
            .iter()
            .map(|l| LabelV1 {
                span: span(index, &l.span),
                message: &l.message,
            })
            .collect(),
    }
}

/// `part / total` rounded to two decimals (0 when there is no total).
fn share(part: usize, total: usize) -> f64 {
    if total == 0 {
        return 0.0;
    }
    (part as f64 / total as f64 * 100.0).round() / 100.0
}

pub fn render(reports: &[FileReport], s: Summary) -> String {
    let files = reports
        .iter()
        .map(|r| {
            let index = LineIndex::new(&r.source);
            File {
                path: &r.path,
                format: r.format.name(),
                language: r.language.map(|l| l.code()),
                maturity: r.maturity.as_ref().map(|m| Maturity {
                    level: m.level,
                    evidence: m
                        .evidence
                        .iter()
                        .map(|span| Evidence {
                            line: index.position(span.start).line,
                            text: one_line(&r.source[span.clone()], usize::MAX),
                        })
                        .collect(),
                    description: &m.description,
                    next: m.next.as_ref().map(|n| NextLevelV1 {
                        level: n.level,
                        description: &n.description,
                        needs: &n.needs_all,
                        needs_one_of: &n.needs_one_of,
                    }),
                }),
                topics: r
                    .topics
                    .iter()
                    .map(|t| {
                        let evidence = t
                            .evidence
                            .iter()
                            .map(|e| TopicEvidenceV1 {
                                span: span(&index, &e.span),
                                text: &e.text,
                                section: e.section.as_deref(),
                                concepts: &e.concepts,
                            })
                            .collect();
                        (
                            t.topic.as_str(),
                            TopicV1 {
                                status: t.status.name(),
                                evidence,
                            },
                        )
                    })
                    .collect(),
                balance: BalanceV1 {
                    protect: r.balance.protect,
                    enable: r.balance.enable,
                    neutral: r.balance.neutral,
                    protect_share: share(r.balance.protect, r.balance.protect + r.balance.enable),
                    heaviest_sections: r
                        .balance
                        .heaviest
                        .iter()
                        .map(|w| SectionWeightV1 {
                            section: &w.section,
                            span: span(&index, &w.span),
                            protect: w.protect,
                        })
                        .collect(),
                },
                diagnostics: r.diagnostics.iter().map(|d| diagnostic(&index, d)).collect(),
            }
        })
        .collect();
    let output = Output {
        version: 1,
        files,
        summary: SummaryV1 {
            files: s.files,
            errors: s.errors,
            warnings: s.warnings,
            infos: s.infos,
            baseline: s.baseline.map(|b| BaselineV1 {
                hidden: b.hidden,
                stale: b.stale,
            }),
        },
    };
    let mut text = serde_json::to_string_pretty(&output).unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}"));
    text.push('\n');
    text
}
