//! Analyse: the language engine, between parse and rules. It reads one
//! charter once for every rule: `text` (sentences, words, clauses),
//! `morphology` (lemmas), `concepts` (what sentences talk about), `clauses`
//! (what sentences do: guidance, negation, prohibition, permission) and
//! `coverage` (which topics the charter covers, with the evidence); `language`
//! tells French from English, `lexicon` and `phrases` hold the cue words.
//! See docs/ENGINE.md.

mod clauses;
pub mod concepts;
pub mod coverage;
mod language;
pub mod lexicon;
pub mod morphology;
pub mod phrases;
mod stance;
pub mod text;

pub use coverage::{Coverage, Evidence, Status};
pub use language::{declared_language, detect_language, guess_language};
pub use lexicon::{Lexicons, TermRef};
pub use stance::{Stance, StanceCounts};
pub use text::Sentence;

use crate::model::{BlockKind, Charter, Language, LintText, Section, Span};
use concepts::ConceptMatch;
use std::collections::{BTreeMap, BTreeSet};
use std::ops::Range;
use std::sync::OnceLock;

/// Cue lexicons the analysis itself relies on.
pub const NEGATION: &str = "negation";
pub const PROHIBITION: &str = "prohibition";
pub const PROHIBITION_AFTER: &str = "prohibition-after";
pub const PERMISSION: &str = "permission";
pub const REQUIREMENT: &str = "requirement";

/// A section heading that says its items are don'ts or dos.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Polarity {
    Neutral,
    Prohibitive,
    Permissive,
}

pub struct SectionInfo<'c> {
    pub section: &'c Section,
    pub parent: Option<usize>,
    pub polarity: Polarity,
    /// Lexicons named by the heading.
    pub heading_lexicons: BTreeSet<usize>,
    /// A glossary or definitions section, or one inside it: its entries
    /// define words, they prescribe nothing.
    pub glossary: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UnitKind {
    Heading,
    Block(BlockKind),
}

/// A heading or a block: what sentences come from.
pub struct Unit<'c> {
    pub section: Option<usize>,
    pub kind: UnitKind,
    pub text: &'c LintText,
}

impl Unit<'_> {
    /// Text ending with a colon introduces what follows ("Each month the
    /// page carries:"): a list's lead-in.
    fn ends_with_colon(&self) -> bool {
        self.text.as_str().trim_end().ends_with(':')
    }

    /// A list item, or a paragraph numbered as one, as legal texts write
    /// their lists: "(a) …", "b) …", "(iii) …", "1° …".
    fn is_item(&self) -> bool {
        match self.kind {
            UnitKind::Block(BlockKind::ListItem { .. }) => true,
            UnitKind::Block(BlockKind::Paragraph) => text::opens_with_enumerator(self.text.as_str()),
            _ => false,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TermMatch {
    pub term: TermRef,
    pub tokens: Range<usize>,
}

pub struct SentenceInfo {
    pub unit: usize,
    pub sentence: Sentence,
    pub matches: Vec<TermMatch>,
    /// Concepts, other senses removed (negation is not: see `is_negated`).
    pub concepts: Vec<ConceptMatch>,
    /// The most words of any match or concept above: how far back a
    /// lookup around a word must start (both lists are sorted by position).
    longest: usize,
}

impl SentenceInfo {
    /// The term matches that may touch `window` (see `near`).
    pub(crate) fn matches_near(&self, window: Range<usize>) -> &[TermMatch] {
        &self.matches[near(&self.matches, |m| &m.tokens, self.longest, window)]
    }

    /// The concepts that may touch `window` (see `near`).
    pub(crate) fn concepts_near(&self, window: Range<usize>) -> &[ConceptMatch] {
        &self.concepts[self.concepts_near_at(window)]
    }

    /// Where those concepts are in `concepts`.
    pub(crate) fn concepts_near_at(&self, window: Range<usize>) -> Range<usize> {
        near(&self.concepts, |m| &m.tokens, self.longest, window)
    }
}

/// Where, in `items` sorted by their first word, those that may touch `window` are:
/// starting at most `longest` words before it and at most at its end. A
/// superset (callers keep their exact tests) found by two binary searches,
/// so that the words around each word are looked up locally and a sentence
/// of 100,000 words stays linear.
fn near<T>(items: &[T], tokens: impl Fn(&T) -> &Range<usize>, longest: usize, window: Range<usize>) -> Range<usize> {
    let from = items.partition_point(|m| tokens(m).start + longest < window.start);
    let to = items.partition_point(|m| tokens(m).start <= window.end);
    from..to.max(from)
}

pub struct Analysis<'c> {
    pub language: Option<Language>,
    pub sections: Vec<SectionInfo<'c>>,
    pub units: Vec<Unit<'c>>,
    pub sentences: Vec<SentenceInfo>,
    /// Indexed by lexicon; `Some` for topic lexicons (those with a threshold).
    pub coverage: Vec<Option<Coverage>>,
    /// Each unit's sentences (they are numbered in unit order).
    unit_sentences: Vec<Range<usize>>,
    /// Each section's heading unit.
    heading_units: Vec<usize>,
    /// Each unit's lead-in sentence (see `lead_in`), found once.
    lead_ins: Vec<Option<usize>>,
    /// Blocks of guidance with their concepts, computed once for every topic.
    pub blocks: Vec<coverage::BlockConcepts>,
    lexicons: &'c Lexicons,
    cues: Cues,
    /// Each sentence's concepts said and denied, read once for every
    /// broadcast rule (see `polar_concepts`).
    polar: OnceLock<Vec<coverage::PolarReading>>,
    /// Each sentence's stance, read once for both balance rules.
    stances: OnceLock<Vec<Stance>>,
    /// Units that are list items under a lead-in that forbids ("Il est
    /// interdit aux collaborateurs :", "Staff must not:"): each item is a don't.
    forbidden_items: Vec<bool>,
}

#[derive(Default)]
struct Cues {
    negation: Option<usize>,
    prohibition: Option<usize>,
    prohibition_after: Option<usize>,
    permission: Option<usize>,
    requirement: Option<usize>,
}

impl<'c> Analysis<'c> {
    /// `language`: the charters' language when their metadata does not say it
    /// (configuration); otherwise it is guessed from the text.
    pub fn new(charter: &'c Charter, lexicons: &'c Lexicons, language: Option<Language>) -> Analysis<'c> {
        let language = declared_language(charter)
            .or(language)
            .or_else(|| guess_language(charter));
        // Words are read in the charter's language (English when it cannot be told).
        let reading = language.unwrap_or(Language::En);
        let cues = Cues {
            negation: lexicons.index(NEGATION),
            prohibition: lexicons.index(PROHIBITION),
            prohibition_after: lexicons.index(PROHIBITION_AFTER),
            permission: lexicons.index(PERMISSION),
            requirement: lexicons.index(REQUIREMENT),
        };
        let sections = flatten(charter, lexicons, &cues);
        let mut units: Vec<Unit<'c>> = charter
            .preamble
            .iter()
            .map(|b| Unit {
                section: None,
                kind: UnitKind::Block(b.kind),
                text: &b.text,
            })
            .collect();
        let mut heading_units = Vec::with_capacity(sections.len());
        for (i, info) in sections.iter().enumerate() {
            heading_units.push(units.len());
            units.push(Unit {
                section: Some(i),
                kind: UnitKind::Heading,
                text: &info.section.heading.text,
            });
            units.extend(info.section.blocks.iter().map(|b| Unit {
                section: Some(i),
                kind: UnitKind::Block(b.kind),
                text: &b.text,
            }));
        }
        let mut sentences = Vec::new();
        for (u, unit) in units.iter().enumerate() {
            // Quoted material is never evidence.
            if unit.kind == UnitKind::Block(BlockKind::Quote) {
                continue;
            }
            for sentence in text::sentences(unit.text) {
                let found: Vec<TermMatch> = lexicons
                    .terms
                    .find(&sentence)
                    .filter(|(_, tokens)| !sentence.tokens[tokens.clone()].iter().any(|t| t.quoted))
                    .map(|(term, tokens)| TermMatch { term: *term, tokens })
                    .collect();
                let mut matches = longest_matches(found, |m: &TermMatch| (m.term.lexicon, m.tokens.clone()));
                let lemmas = lexicons.concepts.lemmas(&sentence, unit.text.as_str(), reading);
                let mut concepts = lexicons.concepts.find(&sentence, &lemmas, reading);
                matches.sort_by_key(|m| (m.tokens.start, m.tokens.end));
                concepts.sort_by_key(|m| (m.tokens.start, m.tokens.end));
                let longest = (matches.iter().map(|m| &m.tokens))
                    .chain(concepts.iter().map(|m| &m.tokens))
                    .map(ExactSizeIterator::len)
                    .max()
                    .unwrap_or(0);
                sentences.push(SentenceInfo {
                    unit: u,
                    sentence,
                    matches,
                    concepts,
                    longest,
                });
            }
        }
        let mut analysis = Analysis {
            language,
            sections,
            units,
            sentences,
            coverage: Vec::new(),
            unit_sentences: Vec::new(),
            heading_units,
            lead_ins: Vec::new(),
            blocks: Vec::new(),
            lexicons,
            cues,
            polar: OnceLock::new(),
            stances: OnceLock::new(),
            forbidden_items: Vec::new(),
        };
        let mut unit_sentences = vec![0..0; analysis.units.len()];
        for (s, info) in analysis.sentences.iter().enumerate() {
            let range = &mut unit_sentences[info.unit];
            if range.start == range.end {
                *range = s..s + 1;
            } else {
                range.end = s + 1;
            }
        }
        analysis.unit_sentences = unit_sentences;
        analysis.lead_ins = analysis.find_lead_ins();
        analysis.mark_glossaries();
        analysis.mark_forbidden_items();
        let said: Vec<_> = (0..analysis.sentences.len())
            .map(|s| analysis.said_concepts(s))
            .collect();
        analysis.blocks = analysis.block_concepts(&said);
        analysis.coverage = (0..lexicons.specs.len()).map(|l| analysis.cover(l)).collect();
        analysis
    }

    /// Sections whose heading names definitions or a glossary, and those
    /// under them (parents come before their children).
    fn mark_glossaries(&mut self) {
        let definition = self.lexicons.concepts.definition;
        for u in 0..self.units.len() {
            let (UnitKind::Heading, Some(section)) = (self.units[u].kind, self.units[u].section) else {
                continue;
            };
            let defines = self.unit_sentences[u]
                .clone()
                .any(|s| self.sentences[s].concepts.iter().any(|m| Some(m.concept) == definition));
            let inherited = self.sections[section].parent.is_some_and(|p| self.sections[p].glossary);
            self.sections[section].glossary = defines || inherited;
        }
    }

    /// List items whose lead-in forbids, with nothing asked instead after a
    /// contrast ("must not…, but may:" introduces what is allowed). One pass:
    /// the lead-in of a run of items is the unit above the run.
    fn mark_forbidden_items(&mut self) {
        let mut lead_in_forbids = false;
        let forbidden = (0..self.units.len())
            .map(|u| match self.units[u].kind {
                _ if self.units[u].is_item() => lead_in_forbids,
                UnitKind::Block(BlockKind::Paragraph) if self.units[u].ends_with_colon() => {
                    lead_in_forbids = self.unit_sentences[u]
                        .clone()
                        .last()
                        // Read here, not from the cache of readings: those of
                        // the items depend on what this marks.
                        .is_some_and(|s| self.is_prohibition(s) && self.read_polarity(s).said_after_contrast.is_none());
                    false
                }
                _ => {
                    lead_in_forbids = false;
                    false
                }
            })
            .collect();
        self.forbidden_items = forbidden;
    }

    /// Source span of some tokens of a sentence.
    pub fn span(&self, sentence: usize, tokens: Range<usize>) -> Span {
        let info = &self.sentences[sentence];
        let text = self.units[info.unit].text;
        let toks = &info.sentence.tokens;
        match (toks.get(tokens.start), toks.get(tokens.end.saturating_sub(1))) {
            (Some(first), Some(last)) => text.source_span(first.range.start..last.range.end),
            _ => self.sentence_span(sentence),
        }
    }

    /// The text between two word ranges of a sentence, whichever comes
    /// first (empty when they overlap).
    pub fn text_between(&self, sentence: usize, a: &Range<usize>, b: &Range<usize>) -> &str {
        let info = &self.sentences[sentence];
        let toks = &info.sentence.tokens;
        let (first, second) = if a.start <= b.start { (a, b) } else { (b, a) };
        let (Some(end), Some(start)) = (toks.get(first.end.saturating_sub(1)), toks.get(second.start)) else {
            return "";
        };
        let text = self.units[info.unit].text.as_str();
        text.get(end.range.end..start.range.start).unwrap_or("")
    }

    pub fn sentence_span(&self, sentence: usize) -> Span {
        let info = &self.sentences[sentence];
        let text = self.units[info.unit].text;
        let range = info.sentence.range.clone();
        let trimmed_start =
            range.start + (text.as_str()[range.clone()].len() - text.as_str()[range.clone()].trim_start().len());
        let trimmed_end = range.start + text.as_str()[range.clone()].trim_end().len();
        text.source_span(trimmed_start..trimmed_end.max(trimmed_start))
    }

    pub fn sentence_text(&self, sentence: usize) -> &str {
        let info = &self.sentences[sentence];
        self.units[info.unit].text.as_str()[info.sentence.range.clone()].trim()
    }

    pub fn section_of(&self, sentence: usize) -> Option<usize> {
        self.units[self.sentences[sentence].unit].section
    }

    /// The sentences of the heading of the section a sentence is in (none
    /// before the first heading).
    pub fn heading_sentences(&self, sentence: usize) -> Range<usize> {
        match self.section_of(sentence) {
            Some(section) => self.unit_sentences[self.heading_units[section]].clone(),
            None => 0..0,
        }
    }

    /// The sections holding the most of `sentences`, heaviest first, each
    /// with its count: where a reader should look.
    pub fn heaviest_sections(&self, sentences: &[usize], top: usize) -> Vec<(usize, usize)> {
        let mut per_section: BTreeMap<usize, usize> = BTreeMap::new();
        for &s in sentences {
            if let Some(section) = self.section_of(s) {
                *per_section.entry(section).or_default() += 1;
            }
        }
        let mut heaviest: Vec<(usize, usize)> = per_section.into_iter().collect();
        heaviest.sort_by_key(|&(section, count)| (std::cmp::Reverse(count), section));
        heaviest.truncate(top);
        heaviest
    }

    /// Sentences (and their matches) of one lexicon.
    pub fn matches_of(&self, lexicon: usize) -> impl Iterator<Item = (usize, &TermMatch)> {
        self.sentences.iter().enumerate().flat_map(move |(i, s)| {
            s.matches
                .iter()
                .filter(move |m| m.term.lexicon == lexicon)
                .map(move |m| (i, m))
        })
    }
}

/// Sections in document order, with parents, heading lexicons and polarity
/// (inherited from the parent when the heading says nothing).
fn flatten<'c>(charter: &'c Charter, lexicons: &Lexicons, cues: &Cues) -> Vec<SectionInfo<'c>> {
    let mut out: Vec<SectionInfo<'c>> = Vec::new();
    let mut stack: Vec<(&'c Section, Option<usize>)> = charter.sections.iter().rev().map(|s| (s, None)).collect();
    while let Some((section, parent)) = stack.pop() {
        let mut heading_lexicons = BTreeSet::new();
        for sentence in text::sentences(&section.heading.text) {
            heading_lexicons.extend(lexicons.headings.find(&sentence).map(|(l, _)| *l));
        }
        let named = |cue: Option<usize>| cue.is_some_and(|c| heading_lexicons.contains(&c));
        // "Do's and don'ts" names both: neither polarity.
        let own = match (named(cues.prohibition), named(cues.permission)) {
            (true, false) => Polarity::Prohibitive,
            (false, true) => Polarity::Permissive,
            _ => Polarity::Neutral,
        };
        let polarity = match (own, parent) {
            (Polarity::Neutral, Some(p)) => out[p].polarity,
            _ => own,
        };
        let index = out.len();
        out.push(SectionInfo {
            section,
            parent,
            polarity,
            heading_lexicons,
            glossary: false,
        });
        stack.extend(section.children.iter().rev().map(|c| (c, Some(index))));
    }
    out
}

/// "listen" inside "listen to" is the same evidence: of the matches of one
/// lexicon (or one concept, as `group_of` says), those inside a longer one are
/// dropped. One sort and one sweep, so that a sentence of 100,000 words
/// stays linear (in the order kept).
pub(crate) fn longest_matches<M>(found: Vec<M>, group_of: impl Fn(&M) -> (usize, Range<usize>)) -> Vec<M> {
    let mut order: Vec<usize> = (0..found.len()).collect();
    order.sort_by_key(|&i| {
        let (g, tokens) = group_of(&found[i]);
        (g, tokens.start, std::cmp::Reverse(tokens.end))
    });
    let mut keep = vec![true; found.len()];
    // The furthest end among the earlier matches of this group whose range
    // differs from the current one (the same range twice is not "inside").
    let mut current = None;
    let mut furthest_before = 0;
    let mut group: Option<(usize, usize)> = None;
    let mut group_end_max = 0;
    for &i in &order {
        let (g, tokens) = group_of(&found[i]);
        let range = (tokens.start, tokens.end);
        if current != Some(g) {
            current = Some(g);
            furthest_before = 0;
            group = None;
            group_end_max = 0;
        }
        if group != Some(range) {
            furthest_before = furthest_before.max(group_end_max);
            group = Some(range);
            group_end_max = range.1;
        }
        keep[i] = furthest_before < range.1;
    }
    found
        .into_iter()
        .zip(keep)
        .filter_map(|(m, keep)| keep.then_some(m))
        .collect()
}

/// Reads one paragraph set alone under a charter's first section, and gives
/// its first guidance sentence to `read`.
#[cfg(test)]
pub(crate) fn read_paragraph<T>(paragraph: &str, french: bool, read: impl FnOnce(&Analysis<'_>, usize) -> T) -> T {
    let lexicons = Lexicons::builtin().unwrap();
    let head = if french {
        "# Charte\n\n## Article 1\n\n"
    } else {
        "# Policy\n\n## Section 1\n\n"
    };
    let charter = crate::parse::parse(&format!("{head}{paragraph}\n"), crate::model::Format::Markdown);
    let analysis = Analysis::new(&charter, &lexicons, None);
    let sentence = (0..analysis.sentences.len())
        .find(|&s| analysis.is_guidance(s))
        .unwrap();
    read(&analysis, sentence)
}
