//! Inline suppressions, with a reason and an optional end date.
//!
//! Markdown: `<!-- charterlint-disable RULE reason="…" -->` … `<!-- charterlint-enable RULE -->`,
//! `<!-- charterlint-disable-next-line RULE reason="…" -->`, `<!-- charterlint-disable-file RULE reason="…" -->`.
//! YAML: the same words after `#`. `until=YYYY-MM-DD` makes a suppression
//! expire. Suppressions without a reason, expired or unused are reported
//! (`suppression/*`).

use crate::diagnostic::Diagnostic;
use crate::model::{Charter, Format, Span};
use crate::rules::{Language, Registry};
use regex::Regex;
use std::sync::OnceLock;

pub const MISSING_REASON: &str = "suppression/missing-reason";
pub const EXPIRED: &str = "suppression/expired";
pub const UNUSED: &str = "suppression/unused";
pub const INVALID_DATE: &str = "suppression/invalid-date";

/// Whether `text` is a real calendar date written `YYYY-MM-DD`.
fn is_date(text: &str) -> bool {
    let parts: Vec<&str> = text.split('-').collect();
    let [year, month, day] = parts.as_slice() else {
        return false;
    };
    let number = |s: &str, len: usize| {
        (s.len() == len && s.bytes().all(|b| b.is_ascii_digit()))
            .then(|| s.parse::<u32>().ok())
            .flatten()
    };
    let (Some(year), Some(month), Some(day)) = (number(year, 4), number(month, 2), number(day, 2)) else {
        return false;
    };
    let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
    let days = match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return false,
    };
    (1..=days).contains(&day)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Disable,
    Enable,
    NextLine,
    File,
}

#[derive(Debug, Clone)]
struct Directive {
    kind: Kind,
    rules: Vec<String>,
    reason: Option<String>,
    until: Option<String>,
    span: Span,
}

/// One suppression: which rules, where, and whether it hid anything.
#[derive(Debug, Clone)]
struct Suppression {
    rules: Vec<String>,
    scope: Span,
    directive: Directive,
    used: bool,
}

impl Suppression {
    fn covers(&self, d: &Diagnostic) -> bool {
        let rule_matches = self.rules.is_empty()
            || self
                .rules
                .iter()
                .any(|r| *r == d.rule || d.rule.split('/').next() == Some(r.as_str()));
        rule_matches && self.scope.contains(&d.span.start)
    }
}

fn directive_pattern() -> &'static Regex {
    static PATTERN: OnceLock<Regex> = OnceLock::new();
    PATTERN.get_or_init(|| {
        Regex::new(r#"charterlint-(disable-next-line|disable-file|disable|enable)\b([^\n]*?)(?:-->|$)"#)
            .expect("valid pattern")
    })
}

fn parse_directive(text: &str, span: Span) -> Option<Directive> {
    let captures = directive_pattern().captures(text)?;
    let kind = match &captures[1] {
        "disable" => Kind::Disable,
        "enable" => Kind::Enable,
        "disable-next-line" => Kind::NextLine,
        _ => Kind::File,
    };
    let mut rest = captures[2].to_string();
    let mut take = |key: &str| {
        let quoted = Regex::new(&format!(r#"{key}="([^"]*)""#)).ok()?;
        let bare = Regex::new(&format!(r#"{key}=(\S+)"#)).ok()?;
        let (whole, value) = quoted
            .captures(&rest)
            .or_else(|| bare.captures(&rest))
            .map(|c| (c[0].to_string(), c[1].to_string()))?;
        rest = rest.replacen(&whole, "", 1);
        Some(value)
    };
    let reason = take("reason").filter(|r| !r.trim().is_empty());
    let until = take("until");
    let rules = rest
        .split([' ', ',', '\t'])
        .map(str::trim)
        .filter(|r| !r.is_empty())
        .map(String::from)
        .collect();
    Some(Directive {
        kind,
        rules,
        reason,
        until,
        span,
    })
}

/// Comments that may hold directives, with their spans.
fn comments(source: &str, charter: &Charter) -> Vec<(String, Span)> {
    match charter.format {
        Format::Markdown | Format::Text => charter
            .comments
            .iter()
            .map(|c| (c.text.clone(), c.span.clone()))
            .collect(),
        Format::Yaml => {
            let mut out = Vec::new();
            let mut offset = 0;
            for line in source.split_inclusive('\n') {
                if let Some(at) = line.find("# charterlint-").or_else(|| line.find("#charterlint-")) {
                    let text = line[at..].trim_end().to_string();
                    out.push((text.clone(), offset + at..offset + at + text.len()));
                }
                offset += line.len();
            }
            out
        }
    }
}

/// The byte range of the first non-blank line after `offset`.
fn next_line(source: &str, offset: usize) -> Span {
    let mut start = source[offset..].find('\n').map_or(source.len(), |i| offset + i + 1);
    while start < source.len() {
        let end = source[start..].find('\n').map_or(source.len(), |i| start + i);
        if !source[start..end].trim().is_empty() {
            return start..end;
        }
        start = end + 1;
    }
    source.len()..source.len()
}

fn suppressions(source: &str, charter: &Charter) -> Vec<Suppression> {
    let directives: Vec<Directive> = comments(source, charter)
        .into_iter()
        .filter_map(|(text, span)| parse_directive(&text, span))
        .collect();
    let mut out = Vec::new();
    for (i, d) in directives.iter().enumerate() {
        let scope = match d.kind {
            Kind::Enable => continue,
            Kind::File => 0..source.len(),
            Kind::NextLine => next_line(source, d.span.end),
            Kind::Disable => {
                // Until the next `enable` of one of the same rules (or of all).
                let end = directives[i + 1..]
                    .iter()
                    .find(|e| {
                        e.kind == Kind::Enable
                            && (e.rules.is_empty() || d.rules.is_empty() || e.rules.iter().any(|r| d.rules.contains(r)))
                    })
                    .map_or(source.len(), |e| e.span.start);
                d.span.end..end
            }
        };
        out.push(Suppression {
            rules: d.rules.clone(),
            scope,
            directive: d.clone(),
            used: false,
        });
    }
    out
}

/// Today as `YYYY-MM-DD` (UTC), from the system clock.
pub fn today() -> String {
    let days = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() / 86_400) as i64;
    // Civil date from days since 1970-01-01 (Howard Hinnant's algorithm).
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!("{year:04}-{month:02}-{day:02}")
}

/// Removes the suppressed diagnostics and adds the findings about the
/// suppressions themselves. `today` is `YYYY-MM-DD`.
pub fn apply(
    diagnostics: Vec<Diagnostic>,
    source: &str,
    charter: &Charter,
    registry: &Registry,
    messages: Language,
    today: &str,
) -> Vec<Diagnostic> {
    let mut suppressions = suppressions(source, charter);
    let mut kept = Vec::new();
    for d in diagnostics {
        let active = suppressions.iter_mut().find(|s| {
            s.covers(&d)
                && s.directive
                    .until
                    .as_deref()
                    .is_none_or(|until| is_date(until) && until >= today)
        });
        match active {
            Some(s) => s.used = true,
            None => kept.push(d),
        }
    }
    let mut report = |id: &str, s: &Suppression, args: &[(&str, &str)]| {
        if registry.get(id).is_some() {
            kept.push(registry.diagnostic(id, messages, s.directive.span.clone(), args));
        }
    };
    for s in &suppressions {
        let rules = if s.rules.is_empty() {
            "*".to_string()
        } else {
            s.rules.join(", ")
        };
        if s.directive.reason.is_none() {
            report(MISSING_REASON, s, &[("rules", &rules)]);
        }
        match &s.directive.until {
            // Not a date: it applies to nothing (an unread date must not hide findings for ever).
            Some(until) if !is_date(until) => report(INVALID_DATE, s, &[("rules", &rules), ("until", until)]),
            Some(until) if until.as_str() < today => report(EXPIRED, s, &[("rules", &rules), ("until", until)]),
            _ if !s.used => report(UNUSED, s, &[("rules", &rules)]),
            _ => {}
        }
    }
    kept
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn directives_read_rules_reason_and_date() {
        let d = parse_directive(
            r#"<!-- charterlint-disable culture/listening, structure/placeholder reason="draft" until=2030-01-01 -->"#,
            0..1,
        )
        .expect("a directive");
        assert_eq!(d.kind, Kind::Disable);
        assert_eq!(d.rules, ["culture/listening", "structure/placeholder"]);
        assert_eq!(d.reason.as_deref(), Some("draft"));
        assert_eq!(d.until.as_deref(), Some("2030-01-01"));
        let d = parse_directive("# charterlint-disable-next-line", 0..1).expect("a directive");
        assert_eq!((d.kind, d.rules.len(), d.reason), (Kind::NextLine, 0, None));
    }

    #[test]
    fn only_calendar_dates_are_dates() {
        for date in ["2026-06-30", "2024-02-29", "2000-02-29"] {
            assert!(is_date(date), "{date}");
        }
        for text in [
            "31/12/2020",
            "demain",
            "2020-13-45",
            "2023-02-29",
            "1900-02-29",
            "2026-6-30",
            "2026-06-31",
            "",
        ] {
            assert!(!is_date(text), "{text}");
        }
    }

    #[test]
    fn today_is_a_date() {
        let t = today();
        assert_eq!(t.len(), 10);
        assert!(t.as_str() > "2024-01-01", "{t}");
    }
}
