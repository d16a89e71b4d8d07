//! `charterlint report`: a scorecard per charter for the people who write
//! and approve it (topic coverage, balance, maturity, findings, what to do
//! next), in the charter's language. One model, two renderers: a
//! self-contained HTML page and GitHub-flavoured Markdown.
//! Messages and help texts stand alone here, so they are capitalised (they
//! are written to follow "error:" in a terminal).

pub mod html;
pub mod markdown;

use crate::analyse::Status;
use crate::diagnostic::{Diagnostic, LineIndex, Severity};
use crate::lint::FileReport;
use crate::model::is_culture_topic;
use crate::rules::pack::one_line;
use crate::rules::{Language, NextLevel};

/// How many changes "what to do next" proposes.
const NEXT_STEPS: usize = 3;
/// Longest quote of a charter's sentence, in characters.
const QUOTE: usize = 240;
/// Rule families, most important first: the order findings are grouped in.
const FAMILIES: &[&str] = &[
    "culture",
    "broadcast",
    "balance",
    "practice",
    "structure",
    "suppression",
];
/// The estimate itself: shown as the maturity part, not as a finding.
const MATURITY_RULE: &str = "maturity/level";

/// The two groups of topics of the domain model.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Group {
    Culture,
    Practice,
}

/// A sentence of the charter and where it is.
#[derive(Debug, Clone)]
pub struct Quote {
    pub line: usize,
    pub text: String,
}

#[derive(Debug)]
pub struct TopicRow {
    pub name: String,
    pub group: Group,
    pub status: Status,
    /// The sentence that covers the topic, or touches on it.
    pub quote: Option<Quote>,
    /// For a weak or missing topic: what the charter should say (the help of
    /// the topic's finding).
    pub to_add: Option<String>,
}

#[derive(Debug)]
pub struct BalanceView {
    pub protect: usize,
    pub enable: usize,
    pub neutral: usize,
    /// The sections with the most protective instructions, heaviest first.
    pub heaviest: Vec<HeavySection>,
}

#[derive(Debug)]
pub struct HeavySection {
    pub heading: String,
    pub line: usize,
    /// Its protective instructions.
    pub protect: usize,
}

impl BalanceView {
    /// The counts in a sentence: "7 instructions protect the organisation, …".
    pub fn words(&self, language: Language) -> String {
        let n = crate::render::plural;
        match language {
            Language::En => format!(
                "{}, {}, {}.",
                n(
                    self.protect,
                    "instruction protects the organisation",
                    "instructions protect the organisation"
                ),
                n(
                    self.enable,
                    "serves customers or enables people",
                    "serve customers or enable people"
                ),
                n(self.neutral, "takes neither side", "take neither side"),
            ),
            Language::Fr => format!(
                "{}, {}, {}.",
                n(
                    self.protect,
                    "consigne protège l'organisation",
                    "consignes protègent l'organisation"
                ),
                n(
                    self.enable,
                    "sert les clients ou donne aux personnes les moyens d'agir",
                    "servent les clients ou donnent aux personnes les moyens d'agir"
                ),
                n(self.neutral, "ne prend pas parti", "ne prennent pas parti"),
            ),
        }
    }

    /// After a heaviest section's quoted heading: " (line 12): 4 protective instructions".
    pub fn section_words(section: &HeavySection, language: Language) -> String {
        let (line, count) = (section.line, section.protect);
        match language {
            Language::En => format!(
                " (line {line}): {}",
                crate::render::plural(count, "protective instruction", "protective instructions")
            ),
            Language::Fr => format!(
                " (ligne {line})\u{a0}: {}",
                crate::render::plural(count, "consigne protectrice", "consignes protectrices")
            ),
        }
    }

    /// Protective instructions as a whole percentage of those that take a
    /// side; `None` when none does.
    pub fn protect_percent(&self) -> Option<u32> {
        let sided = self.protect + self.enable;
        (sided > 0).then(|| (self.protect as f64 * 100.0 / sided as f64).round() as u32)
    }
}

#[derive(Debug)]
pub struct MaturityView {
    pub level: u8,
    pub description: String,
    pub evidence: Vec<Quote>,
    /// The level above, what it means, and the topics (by name) it still needs.
    pub next: Option<NextLevel>,
}

/// A finding as the report shows it.
#[derive(Debug)]
pub struct Finding<'a> {
    pub diagnostic: &'a Diagnostic,
    /// The line it points at (`None` for a finding about the whole file).
    pub line: Option<usize>,
    /// That line's text, unless the message already quotes what it points at.
    pub quote: Option<String>,
    /// Other places it names: their line and what they show.
    pub places: Vec<(usize, &'a str)>,
}

#[derive(Debug)]
pub struct Scorecard<'a> {
    pub path: &'a str,
    pub language: Language,
    pub topics: Vec<TopicRow>,
    pub balance: BalanceView,
    pub maturity: Option<MaturityView>,
    /// Findings by family, the most important family first.
    pub families: Vec<(String, Vec<Finding<'a>>)>,
    /// The changes that would help most, most useful first.
    pub next_steps: Vec<&'a Diagnostic>,
    pub errors: usize,
    pub warnings: usize,
}

impl Scorecard<'_> {
    /// Covered topics of a group, and how many there are.
    pub fn covered(&self, group: Group) -> (usize, usize) {
        let rows = self.topics.iter().filter(|t| t.group == group);
        let total = rows.clone().count();
        (rows.filter(|t| t.status == Status::Covered).count(), total)
    }
}

impl MaturityView {
    /// What the level above needs, in a sentence ("To reach level 3 (…):
    /// cover Customer care or Dialogue."), when there is a level above.
    pub fn next_words(&self, language: Language) -> Option<String> {
        let NextLevel {
            level,
            description,
            needs_all,
            needs_one_of,
        } = self.next.as_ref()?;
        let mut needs: Vec<String> = needs_all.clone();
        if !needs_one_of.is_empty() {
            needs.push(needs_one_of.join(tr(language, " or ", " ou ")));
        }
        let needs = needs.join(tr(language, " and ", " et "));
        Some(match language {
            Language::En => format!("To reach level {level} ({description}): cover {needs}."),
            Language::Fr => format!("Pour atteindre le niveau {level} ({description})\u{a0}: couvrir {needs}."),
        })
    }
}

/// `en` or `fr` by `language`: the interface words of the report.
pub fn tr(language: Language, en: &'static str, fr: &'static str) -> &'static str {
    match language {
        Language::En => en,
        Language::Fr => fr,
    }
}

/// The language of a page holding several charters: French when every
/// charter's messages are (as the summary line of `check`).
pub fn page_language(cards: &[Scorecard<'_>]) -> Language {
    crate::render::common_language(cards.iter().map(|c| c.language))
}

pub fn status_word(status: Status, language: Language) -> &'static str {
    match status {
        Status::Covered => tr(language, "covered", "couvert"),
        Status::Weak => tr(language, "weak", "faible"),
        Status::Missing => tr(language, "missing", "absent"),
    }
}

pub fn severity_word(severity: Severity, language: Language) -> &'static str {
    match severity {
        Severity::Error => tr(language, "error", "erreur"),
        Severity::Warning => tr(language, "warning", "avertissement"),
        Severity::Info => "info",
    }
}

pub fn group_title(group: Group, language: Language) -> &'static str {
    match group {
        Group::Culture => tr(language, "Customer culture", "Culture client"),
        Group::Practice => tr(language, "Good practice", "Bonnes pratiques"),
    }
}

/// A family's name for people.
pub fn family_title(family: &str, language: Language) -> String {
    let title = match family {
        "culture" => tr(language, "Customer culture", "Culture client"),
        "broadcast" => tr(
            language,
            "Broadcast-only practices",
            "Pratiques de diffusion à sens unique",
        ),
        "balance" => tr(language, "Balance", "Équilibre"),
        "practice" => tr(language, "Good practice", "Bonnes pratiques"),
        "structure" => tr(language, "Document hygiene", "Tenue du document"),
        "suppression" => tr(language, "Suppressions", "Suppressions"),
        other => return other.to_string(),
    };
    title.to_string()
}

fn family_rank(family: &str) -> usize {
    FAMILIES.iter().position(|f| *f == family).unwrap_or(FAMILIES.len())
}

fn family_of(rule: &str) -> &str {
    rule.split_once('/').map_or(rule, |(family, _)| family)
}

/// Whether `rule` is the rule of `topic` (`culture/listening`…).
fn is_topic_rule(rule: &str, topic: &str) -> bool {
    rule.split_once('/').is_some_and(|(_, name)| name == topic)
}

/// The finding a topic rule raised, if any.
fn topic_finding<'a>(report: &'a FileReport, topic: &str) -> Option<&'a Diagnostic> {
    report.diagnostics.iter().find(|d| is_topic_rule(&d.rule, topic))
}

fn quote(index: &LineIndex<'_>, source: &str, span: &std::ops::Range<usize>) -> Quote {
    let text = source.get(span.clone()).unwrap_or_default();
    Quote {
        line: index.position(span.start).line,
        text: one_line(text, QUOTE),
    }
}

impl<'a> Scorecard<'a> {
    pub fn of(report: &'a FileReport) -> Scorecard<'a> {
        let index = LineIndex::new(&report.source);
        let topics = report
            .topics
            .iter()
            .map(|t| TopicRow {
                name: t.name.clone(),
                group: if is_culture_topic(&t.topic) {
                    Group::Culture
                } else {
                    Group::Practice
                },
                status: t.status,
                quote: t
                    .evidence
                    .first()
                    .filter(|_| t.status != Status::Missing)
                    .map(|e| Quote {
                        line: index.position(e.span.start).line,
                        text: one_line(&e.text, QUOTE),
                    }),
                to_add: (t.status != Status::Covered)
                    .then(|| topic_finding(report, &t.topic).and_then(|d| d.help.clone()))
                    .flatten(),
            })
            .collect();
        let balance = BalanceView {
            protect: report.balance.protect,
            enable: report.balance.enable,
            neutral: report.balance.neutral,
            heaviest: report
                .balance
                .heaviest
                .iter()
                .map(|w| HeavySection {
                    heading: w.section.clone(),
                    line: index.position(w.span.start).line,
                    protect: w.protect,
                })
                .collect(),
        };
        let name_of = |topic: &String| {
            report
                .topics
                .iter()
                .find(|t| &t.topic == topic)
                .map_or_else(|| topic.clone(), |t| t.name.clone())
        };
        let maturity = report.maturity.as_ref().map(|m| MaturityView {
            level: m.level,
            description: m.description.clone(),
            evidence: m.evidence.iter().map(|s| quote(&index, &report.source, s)).collect(),
            next: m.next.as_ref().map(|n| NextLevel {
                level: n.level,
                description: n.description.clone(),
                needs_all: n.needs_all.iter().map(name_of).collect(),
                needs_one_of: n.needs_one_of.iter().map(name_of).collect(),
            }),
        });
        let absent_topic_rule = |rule: &str| {
            report
                .topics
                .iter()
                .any(|t| t.status == Status::Missing && is_topic_rule(rule, &t.topic))
        };
        let shown: Vec<&Diagnostic> = report.diagnostics.iter().filter(|d| d.rule != MATURITY_RULE).collect();
        let needed: Vec<&String> = report
            .maturity
            .iter()
            .flat_map(|m| m.next.iter())
            .flat_map(|n| n.needs_all.iter().chain(&n.needs_one_of))
            .collect();
        Scorecard {
            path: &report.path,
            language: report.messages,
            topics,
            balance,
            maturity,
            families: families(&shown, &index, &report.source, &absent_topic_rule),
            next_steps: next_steps(&shown, &needed),
            errors: shown.iter().filter(|d| d.severity == Severity::Error).count(),
            warnings: shown.iter().filter(|d| d.severity == Severity::Warning).count(),
        }
    }
}

/// Findings grouped by family: families with the most severe findings
/// first, then in the order of `FAMILIES`; in each, the most severe first,
/// then in the order of the text.
fn families<'a>(
    shown: &[&'a Diagnostic],
    index: &LineIndex<'_>,
    source: &str,
    unquoted: &dyn Fn(&str) -> bool,
) -> Vec<(String, Vec<Finding<'a>>)> {
    let mut groups: Vec<(String, Vec<Finding<'a>>)> = Vec::new();
    for &d in shown {
        let family = family_of(&d.rule);
        // A missing topic's finding points at the title: no line to show.
        let line = (!d.span.is_empty() && !unquoted(&d.rule)).then(|| index.position(d.span.start).line);
        let finding = Finding {
            diagnostic: d,
            line,
            quote: line
                .filter(|_| {
                    let pointed = one_line(source.get(d.span.clone()).unwrap_or_default(), QUOTE);
                    !d.message.contains(&pointed)
                })
                .map(|line| one_line(index.line_text(line).trim(), QUOTE)),
            places: d
                .labels
                .iter()
                .map(|l| (index.position(l.span.start).line, l.message.as_str()))
                .collect(),
        };
        match groups.iter_mut().find(|(f, _)| f == family) {
            Some((_, findings)) => findings.push(finding),
            None => groups.push((family.to_string(), vec![finding])),
        }
    }
    for (_, findings) in &mut groups {
        findings.sort_by_key(|f| (std::cmp::Reverse(f.diagnostic.severity), f.diagnostic.span.start));
    }
    groups.sort_by_key(|(family, findings)| {
        let worst = findings.iter().map(|f| f.diagnostic.severity).max();
        (std::cmp::Reverse(worst), family_rank(family))
    });
    groups
}

/// The changes that would help most: what the next maturity level needs
/// first, then by severity and family, one per rule.
fn next_steps<'a>(shown: &[&'a Diagnostic], needed: &[&String]) -> Vec<&'a Diagnostic> {
    let mut candidates: Vec<&Diagnostic> = shown.iter().copied().filter(|d| d.help.is_some()).collect();
    let for_next_level = |d: &Diagnostic| needed.iter().any(|t| is_topic_rule(&d.rule, t));
    candidates.sort_by_key(|d| {
        (
            !for_next_level(d),
            std::cmp::Reverse(d.severity),
            family_rank(family_of(&d.rule)),
            d.span.start,
        )
    });
    let mut steps: Vec<&Diagnostic> = Vec::new();
    for d in candidates {
        if steps.len() == NEXT_STEPS {
            break;
        }
        if !steps.iter().any(|s| s.rule == d.rule) {
            steps.push(d);
        }
    }
    steps
}
