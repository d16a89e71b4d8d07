//! Baselines: today's findings recorded so that a legacy charter can be
//! adopted and only new findings fail. A finding is recognised by its file,
//! rule and a fingerprint of its local context (the flagged text and its line,
//! whitespace-normalised), so that edits elsewhere and moved lines keep it.

use crate::diagnostic::{Diagnostic, LineIndex};
use crate::lint::FileReport;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq, PartialOrd, Ord)]
pub struct Entry {
    pub path: String,
    pub rule: String,
    pub fingerprint: String,
    /// For people reading the file; not used to match.
    pub message: String,
}

#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Baseline {
    pub version: u32,
    pub entries: Vec<Entry>,
}

/// What applying a baseline did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Applied {
    pub hidden: usize,
    /// Entries whose finding is gone (fixed, or changed beyond recognition).
    pub stale: usize,
}

fn normalise(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase()
}

/// FNV-1a: a stable hash (the standard library's may change between versions).
fn fnv1a(text: &str) -> String {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for byte in text.bytes() {
        hash ^= u64::from(byte);
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    format!("{hash:016x}")
}

fn fingerprint(source: &str, index: &LineIndex<'_>, d: &Diagnostic) -> String {
    let line = index.line_text(index.position(d.span.start).line);
    let flagged = source.get(d.span.clone()).unwrap_or_default();
    fnv1a(&format!(
        "{}\u{0}{}\u{0}{}",
        d.rule,
        normalise(line),
        normalise(flagged)
    ))
}

fn entries(report: &FileReport) -> Vec<Entry> {
    let index = LineIndex::new(&report.source);
    report
        .diagnostics
        .iter()
        .map(|d| Entry {
            path: report.path.clone(),
            rule: d.rule.clone(),
            fingerprint: fingerprint(&report.source, &index, d),
            message: d.message.clone(),
        })
        .collect()
}

/// The baseline of these reports.
pub fn record(reports: &[FileReport]) -> Baseline {
    let mut all: Vec<Entry> = reports.iter().flat_map(entries).collect();
    all.sort();
    Baseline {
        version: VERSION,
        entries: all,
    }
}

pub fn to_json(baseline: &Baseline) -> String {
    let mut text = serde_json::to_string_pretty(baseline).unwrap_or_default();
    text.push('\n');
    text
}

/// The baseline format this charterlint writes and reads.
pub const VERSION: u32 = 1;

/// A baseline from its JSON; another format version is refused rather than
/// read wrongly (its entries could mean something else).
pub fn from_json(text: &str) -> Result<Baseline, String> {
    let baseline: Baseline = serde_json::from_str(text).map_err(|e| e.to_string())?;
    if baseline.version != VERSION {
        return Err(format!(
            "it is in baseline format {}, and this charterlint reads format {VERSION}; write it again with --write-baseline",
            baseline.version
        ));
    }
    Ok(baseline)
}

/// Hides the findings the baseline knows (each entry hides one finding).
pub fn apply(baseline: &Baseline, reports: &mut [FileReport]) -> Applied {
    let mut remaining: BTreeMap<(String, String, String), usize> = BTreeMap::new();
    for e in &baseline.entries {
        *remaining
            .entry((e.path.clone(), e.rule.clone(), e.fingerprint.clone()))
            .or_default() += 1;
    }
    let mut applied = Applied::default();
    for report in reports.iter_mut() {
        let keys: Vec<Entry> = entries(report);
        let mut keep = Vec::with_capacity(report.diagnostics.len());
        for (d, key) in report.diagnostics.drain(..).zip(keys) {
            match remaining.get_mut(&(key.path, key.rule, key.fingerprint)) {
                Some(n) if *n > 0 => {
                    *n -= 1;
                    applied.hidden += 1;
                }
                _ => keep.push(d),
            }
        }
        report.diagnostics = keep;
    }
    applied.stale = remaining.values().sum();
    applied
}
