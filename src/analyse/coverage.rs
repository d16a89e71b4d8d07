//! Coverage: which topics a charter covers, and the sentences that show it.
//!
//! A built-in topic is a set of frames over concepts (`rules/language/topics.yaml`):
//! each block of guidance (a paragraph, a list item read with its lead-in, a
//! table row read with its header, under its heading) scores the bias plus
//! the weights of the frames its sentences complete, and covers the topic at
//! zero or above. A topic a user's lexicon adds is covered by the summed
//! weight of its terms (`threshold`), as lexicons always were.

use super::clauses::NEGATION_REACH;
use super::concepts::{ConceptMatch, ConceptSet, Concepts};
use super::{Analysis, UnitKind};
use crate::model::BlockKind;
use serde::Deserialize;
use std::collections::{BTreeMap, BTreeSet};
use std::ops::Range;

/// A sentence's concepts by polarity (see `Analysis::polar_concepts`).
#[derive(Default)]
pub(super) struct PolarReading {
    said: ConceptSet,
    denied: ConceptSet,
    pub(super) said_after_contrast: Option<ConceptSet>,
    /// Where the first denied word stands.
    first_denied: Option<usize>,
}

/// How far before a word its denial may stand, for `polar_concepts`.
const DENIAL_REACH: usize = 3;

const TOPICS: &str = include_str!("../../rules/language/topics.yaml");

/// Below this score a block does not even touch on the topic (a probability
/// of about one in five, the weights being a logistic regression's).
const WEAK_SCORE: f32 = -1.4;

/// How many of the strongest blocks give evidence.
const EVIDENCE_BLOCKS: usize = 5;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct FrameSpec {
    all: Vec<String>,
    weight: f32,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ModelSpec {
    /// The concepts the topic is about: every frame holds one (for the fit).
    anchors: Vec<String>,
    /// The topic's own actions: a don't of one says nothing for the topic.
    #[serde(default)]
    actions: Vec<String>,
    bias: f32,
    frames: Vec<FrameSpec>,
    /// A heading naming the topic covers it only with some of it in its text.
    #[serde(default)]
    heading_needs_text: bool,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ModelsFile {
    size: f32,
    topics: BTreeMap<String, ModelSpec>,
}

/// Concepts that, together in one sentence of guidance, say something about a topic.
#[derive(Debug, Clone)]
pub struct Frame {
    pub concepts: ConceptSet,
    pub weight: f32,
}

#[derive(Debug, Clone)]
pub struct TopicModel {
    /// The topic's own actions: a don't of one says nothing for the topic
    /// but what it asks instead (see `SentenceConcepts::said_for`).
    pub actions: ConceptSet,
    pub bias: f32,
    pub frames: Vec<Frame>,
    /// For each concept, the frames that hold it: a sentence only tries the
    /// frames of its own concepts.
    by_concept: Vec<Vec<usize>>,
    /// A heading naming the topic covers it only with some of it in its text.
    pub heading_needs_text: bool,
}

/// The built-in topic models.
#[derive(Debug, Clone, Default)]
pub struct TopicModels {
    /// What a block must score to cover a topic rises by this much per unit
    /// of ln(blocks of guidance in the charter).
    pub size: f32,
    pub topics: BTreeMap<String, TopicModel>,
}

impl TopicModels {
    pub fn get(&self, topic: &str) -> Option<&TopicModel> {
        self.topics.get(topic)
    }
}

/// The built-in topic models, by topic id.
pub fn builtin_models(concepts: &Concepts) -> Result<TopicModels, String> {
    let file: ModelsFile = serde_yaml::from_str(TOPICS).map_err(|e| format!("topic models: {e}"))?;
    let topics = file
        .topics
        .into_iter()
        .map(|(topic, spec)| {
            let indexes = |ids: &[String]| {
                ids.iter()
                    .map(|c| {
                        concepts
                            .index(c)
                            .ok_or_else(|| format!("topic `{topic}`: unknown concept `{c}`"))
                    })
                    .collect::<Result<Vec<_>, _>>()
            };
            let anchors = indexes(&spec.anchors)?;
            let actions = indexes(&spec.actions)?;
            if let Some(&c) = actions.iter().find(|c| !anchors.contains(c)) {
                return Err(format!(
                    "topic `{topic}`: action `{}` is not an anchor",
                    concepts.ids[c]
                ));
            }
            let frames = spec
                .frames
                .iter()
                .map(|f| {
                    let concepts = indexes(&f.all)?;
                    if !concepts.iter().any(|c| anchors.contains(c)) {
                        return Err(format!("topic `{topic}`: frame {:?} holds none of its anchors", f.all));
                    }
                    Ok(Frame {
                        concepts: concepts.into_iter().collect(),
                        weight: f.weight,
                    })
                })
                .collect::<Result<Vec<_>, String>>()?;
            let mut by_concept = vec![Vec::new(); concepts.ids.len()];
            for (f, frame) in frames.iter().enumerate() {
                for c in frame.concepts.iter() {
                    by_concept[c].push(f);
                }
            }
            Ok((
                topic,
                TopicModel {
                    actions: actions.into_iter().collect(),
                    bias: spec.bias,
                    frames,
                    by_concept,
                    heading_needs_text: spec.heading_needs_text,
                },
            ))
        })
        .collect::<Result<_, String>>()?;
    Ok(TopicModels {
        size: file.size,
        topics,
    })
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Status {
    Covered,
    /// Touched on, without enough guidance.
    Weak,
    #[default]
    Missing,
}

impl Status {
    pub fn name(self) -> &'static str {
        match self {
            Status::Covered => "covered",
            Status::Weak => "weak",
            Status::Missing => "missing",
        }
    }
}

/// A sentence that speaks to a topic, and the words that made it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Evidence {
    pub sentence: usize,
    /// Token ranges of the sentence.
    pub words: Vec<Range<usize>>,
    /// Concept (or lexicon term) names.
    pub concepts: Vec<String>,
}

/// How a topic is covered, and the evidence.
#[derive(Debug, Clone, Default)]
pub struct Coverage {
    pub status: Status,
    /// The section that declares the topic explicitly.
    pub explicit: Option<usize>,
    /// A section with text of its own whose heading names the topic.
    pub heading: Option<usize>,
    /// The section with the most evidence (even below what covers).
    pub best_section: Option<usize>,
    /// Strongest first.
    pub evidence: Vec<Evidence>,
}

impl Coverage {
    pub fn covered(&self) -> bool {
        self.status == Status::Covered
    }
}

/// A live sentence of a block of guidance: what it says, what it forbids,
/// and what it asks instead.
#[derive(Debug, Clone)]
pub struct SentenceConcepts {
    pub sentence: usize,
    pub said: ConceptSet,
    /// What it says with the concepts of its block's context that keep
    /// their sense next to it (`Concepts::in_sense_with`): what a frame may
    /// complete.
    pub around: ConceptSet,
    /// What a don't forbids (nothing in a sentence that is not one).
    pub forbidden: ConceptSet,
    /// What a don't says outside it: another statement before it, what it
    /// asks instead after it.
    pub kept: ConceptSet,
}

impl SentenceConcepts {
    /// What the sentence says for a topic with these actions: a don't of one
    /// ("if a customer complains, do not answer them yourself") says nothing
    /// of it but what it asks instead ("…: drop the link in #care, a
    /// colleague picks it up the same day").
    pub fn said_for(&self, actions: ConceptSet) -> ConceptSet {
        if self.forbidden.intersects(actions) {
            self.kept
        } else {
            self.said
        }
    }
}

/// A block of guidance: the concepts of each of its live sentences, and
/// those its heading, lead-in or table header bring.
#[derive(Debug, Clone)]
pub struct BlockConcepts {
    pub unit: usize,
    pub sentences: Vec<SentenceConcepts>,
    pub context: ConceptSet,
}

/// The frames one block completes, with where.
#[derive(Debug, Clone)]
pub struct BlockFrames {
    pub unit: usize,
    /// Indexes into the model's frames, each with the sentence that completes it.
    pub frames: BTreeMap<usize, usize>,
    pub score: f32,
}

impl Analysis<'_> {
    pub(super) fn cover(&self, lexicon: usize) -> Option<Coverage> {
        let spec = &self.lexicons.specs[lexicon];
        let threshold = spec.threshold?;
        let mut coverage = Coverage {
            explicit: self
                .sections
                .iter()
                .position(|s| s.section.heading.topic.as_ref().is_some_and(|t| t.text == spec.id)),
            // The charter's title names the whole document, and a heading over
            // no text (a skeleton to fill in) covers nothing.
            heading: self.sections.iter().enumerate().position(|(i, s)| {
                let is_title = i == 0 && s.section.heading.level == 1;
                let has_text = s.section.blocks.iter().any(|b| !b.text.is_blank());
                !is_title && has_text && s.section.heading.topic.is_none() && s.heading_lexicons.contains(&lexicon)
            }),
            ..Coverage::default()
        };
        let by_content = match self.lexicons.models.get(&spec.id) {
            Some(model) => self.cover_by_frames(model, &mut coverage),
            None => self.cover_by_terms(lexicon, threshold, &mut coverage),
        };
        coverage.status = if coverage.explicit.is_some() || coverage.heading.is_some() || by_content == Status::Covered
        {
            Status::Covered
        } else {
            by_content
        };
        Some(coverage)
    }

    /// Frames completed per block of guidance.
    pub fn block_frames(&self, model: &TopicModel) -> Vec<BlockFrames> {
        let mut out = Vec::new();
        for block in &self.blocks {
            let mut frames = BTreeMap::new();
            for sentence in &block.sentences {
                // What a don't asks instead completes frames with the rest of
                // its sentence ("who spot a complaint …: drop the link in #care").
                let (s, own) = (sentence.sentence, sentence.said_for(model.actions));
                for c in own.iter() {
                    for &f in &model.by_concept[c] {
                        if sentence.around.covers(model.frames[f].concepts) {
                            frames.entry(f).or_insert(s);
                        }
                    }
                }
            }
            if frames.is_empty() {
                continue;
            }
            let score = model.bias + frames.keys().map(|&f| model.frames[f].weight).sum::<f32>();
            out.push(BlockFrames {
                unit: block.unit,
                frames,
                score,
            });
        }
        out
    }

    fn cover_by_frames(&self, model: &TopicModel, coverage: &mut Coverage) -> Status {
        let mut blocks = self.block_frames(model);
        blocks.sort_by(|a, b| b.score.total_cmp(&a.score).then(a.unit.cmp(&b.unit)));
        let threshold = self.lexicons.models.size * (self.blocks.len().max(1) as f32).ln();
        // A heading whose words name the topic in another sense as often
        // ("Monitoring", « Veille » over a watch for what harms the brand)
        // covers it only when its text says a little of it.
        if model.heading_needs_text
            && let Some(section) = coverage.heading
            && !blocks
                .iter()
                .any(|b| self.units[b.unit].section == Some(section) && b.score >= threshold + WEAK_SCORE)
        {
            coverage.heading = None;
        }
        let Some(best) = blocks.first() else {
            return Status::Missing;
        };
        coverage.best_section = self.units[best.unit].section;
        let status = if best.score >= threshold {
            Status::Covered
        } else if best.score >= threshold + WEAK_SCORE {
            Status::Weak
        } else {
            Status::Missing
        };
        let mut seen = BTreeSet::new();
        // The strongest blocks are the evidence; a few are enough to show.
        let shown = blocks
            .iter()
            .filter(|b| b.score >= threshold + WEAK_SCORE)
            .take(EVIDENCE_BLOCKS);
        for block in shown {
            // One piece of evidence per sentence, with every concept it brought.
            let mut per_sentence: BTreeMap<usize, ConceptSet> = BTreeMap::new();
            for (&f, &s) in &block.frames {
                let set = per_sentence.entry(s).or_default();
                *set = set.union(model.frames[f].concepts);
            }
            for (s, concepts) in per_sentence {
                if !seen.insert(s) {
                    continue;
                }
                coverage.evidence.push(Evidence {
                    sentence: s,
                    words: self
                        .said_matches(s)
                        .filter(|m| concepts.contains(m.concept))
                        .map(|m| m.tokens.clone())
                        .collect(),
                    concepts: concepts.iter().map(|c| self.lexicons.concepts.ids[c].clone()).collect(),
                });
            }
        }
        status
    }

    /// The concepts a sentence says, without those it negates or forbids.
    /// In a prohibition only what it forbids is dropped: "do not answer
    /// yourself, pass it to the care team" still routes the request.
    pub(super) fn said_concepts(&self, sentence: usize) -> ConceptSet {
        self.said_matches(sentence).map(|m| m.concept).collect()
    }

    /// What a sentence says and what it denies, for rules that read a
    /// practice together with its polarity (broadcast). Denied: negated or
    /// forbidden right before (within `DENIAL_REACH` words: "do not use humour
    /// in your responses" does not deny responding), or the subject of a negated verb
    /// after ("individual names are never used", "les prénoms sont à
    /// proscrire"). Said: the rest. Unlike `said_concepts`, a negation never
    /// keeps a concept: "do not hide who you are" denies hiding.
    pub fn polar_concepts(&self, sentence: usize) -> (ConceptSet, ConceptSet) {
        let polarity = &self.polarities()[sentence];
        (polarity.said, polarity.denied)
    }

    /// What a sentence says after a contrast ("do not answer yourself, but
    /// pass it to the care team"), `None` without one: the instruction a
    /// prohibition gives in its place.
    pub fn said_after_contrast(&self, sentence: usize) -> Option<ConceptSet> {
        self.polarities()[sentence].said_after_contrast
    }

    /// What a don't asks instead: after a contrast, or after a colon or
    /// semicolon that follows what it denies ("do not reply to a complaint
    /// about a colleague; pass it to their manager"); `None` without either.
    pub fn said_instead(&self, sentence: usize) -> Option<ConceptSet> {
        self.said_after_contrast(sentence).or_else(|| {
            let end = self.dont_span(sentence)?.end;
            let polarity = &self.polarities()[sentence];
            (end < self.sentences[sentence].sentence.tokens.len())
                .then(|| self.concepts_where(sentence, |m| m.tokens.start >= end && polarity.said.contains(m.concept)))
        })
    }

    /// The concepts of a don't's own words (see `dont_span`), said or
    /// denied, without what it asks instead; `None` when nothing is denied.
    pub fn dont_concepts(&self, sentence: usize) -> Option<ConceptSet> {
        let dont = self.dont_span(sentence)?;
        Some(self.concepts_where(sentence, |m| dont.contains(&m.tokens.start)))
    }

    /// The concepts of a sentence's matches that `keep` keeps.
    fn concepts_where(&self, sentence: usize, keep: impl Fn(&ConceptMatch) -> bool) -> ConceptSet {
        (self.sentences[sentence].concepts.iter())
            .filter(|m| keep(m))
            .map(|m| m.concept)
            .collect()
    }

    fn polarities(&self) -> &[PolarReading] {
        self.polar
            .get_or_init(|| (0..self.sentences.len()).map(|s| self.read_polarity(s)).collect())
    }

    pub(super) fn read_polarity(&self, sentence: usize) -> PolarReading {
        let mut polarity = PolarReading::default();
        let concepts = &self.sentences[sentence].concepts;
        let reach = |m: &ConceptMatch| {
            if self.lexicons.concepts.negated_across_object.contains(m.concept) {
                NEGATION_REACH
            } else {
                DENIAL_REACH
            }
        };
        let destinations = self.lexicons.concepts.destination;
        let negated = self.negated_concepts(sentence, |m| {
            (self.is_denied_within(sentence, m.tokens.clone(), reach(m))
                || self.negated_after(sentence, m.tokens.clone()))
                && !(destinations.contains(m.concept) && self.sent_past_privative(sentence, m.tokens.clone()))
        });
        let contrast = self.contrast(sentence);
        for (m, negated) in concepts.iter().zip(negated) {
            if negated {
                polarity.denied.insert(m.concept);
                polarity.first_denied = Some(polarity.first_denied.map_or(m.tokens.start, |f| f.min(m.tokens.start)));
            } else {
                polarity.said.insert(m.concept);
                if contrast.is_some_and(|c| m.tokens.start > c) {
                    polarity.said_after_contrast.get_or_insert_default().insert(m.concept);
                }
            }
        }
        polarity
    }

    /// The sentence that introduces a list item or a table row: the last
    /// sentence of the paragraph ending with a colon right above its list
    /// ("We only use social media for two things:"), or the table's header
    /// row ("| Indicator | Target |" above "| Followers | +20% |").
    pub fn lead_in(&self, sentence: usize) -> Option<usize> {
        self.lead_ins[self.sentences[sentence].unit]
    }

    /// Each unit's lead-in, in one pass: a list item's is the last sentence
    /// of the paragraph right above its list when it ends with a colon, a
    /// table row's the header row's (none for the header itself).
    pub(super) fn find_lead_ins(&self) -> Vec<Option<usize>> {
        let last_sentence = |unit: usize| self.unit_sentences[unit].clone().last();
        let mut lead_ins = vec![None; self.units.len()];
        // The last unit that is not a list item, and the first row of the table going on.
        let (mut above_list, mut first_row) = (None, None);
        for (u, unit) in self.units.iter().enumerate() {
            match unit.kind {
                _ if unit.is_item() => {
                    lead_ins[u] = above_list
                        .filter(|&above: &usize| {
                            matches!(self.units[above].kind, UnitKind::Block(BlockKind::Paragraph))
                                && self.units[above].ends_with_colon()
                        })
                        .and_then(last_sentence);
                }
                UnitKind::Block(BlockKind::TableRow) => {
                    let header = *first_row.get_or_insert(u);
                    lead_ins[u] = (header < u).then(|| last_sentence(header)).flatten();
                }
                _ => {}
            }
            if !unit.is_item() {
                above_list = Some(u);
            }
            if unit.kind != UnitKind::Block(BlockKind::TableRow) {
                first_row = None;
            }
        }
        lead_ins
    }

    /// Sentences of the same list or table as this one, from its lead-in
    /// or header to its last item or row; the block's without one.
    pub fn list_sentences(&self, sentence: usize) -> Range<usize> {
        let block = self.block_sentences(sentence);
        let Some(lead_in) = self.lead_in(sentence) else {
            return block;
        };
        let end = (block.end..self.sentences.len())
            .find(|&s| self.lead_in(s) != Some(lead_in))
            .unwrap_or(self.sentences.len());
        lead_in..end
    }

    /// Sentences of the same block (paragraph, list item, table row) as this one.
    pub fn block_sentences(&self, sentence: usize) -> Range<usize> {
        self.unit_sentences[self.sentences[sentence].unit].clone()
    }

    /// The concept matches a sentence says (see `said_concepts`).
    fn said_matches(&self, sentence: usize) -> impl Iterator<Item = &ConceptMatch> {
        let concepts = &self.sentences[sentence].concepts;
        let negated = self.negated_concepts(sentence, |m| self.is_negated(sentence, m.tokens.clone()));
        let kept = self.lexicons.concepts.kept_when_negated;
        concepts
            .iter()
            .zip(negated)
            .filter(move |(m, negated)| !negated || kept.contains(m.concept))
            .map(|(m, _)| m)
    }

    /// Each block of body text with its live sentences' concepts and the
    /// concepts around it: its section's heading, a list's lead-in (a
    /// paragraph ending with a colon) and a table's header row.
    pub(super) fn block_concepts(&self, said: &[ConceptSet]) -> Vec<BlockConcepts> {
        let concepts_of = |unit: usize| -> ConceptSet {
            self.unit_sentences[unit]
                .clone()
                .fold(ConceptSet::default(), |set, s| set.union(said[s]))
        };
        let mut out = Vec::new();
        let mut heading = ConceptSet::default();
        let mut lead_in = ConceptSet::default();
        let mut header: Option<ConceptSet> = None;
        for (u, unit) in self.units.iter().enumerate() {
            let kind = match unit.kind {
                UnitKind::Heading => {
                    heading = concepts_of(u);
                    lead_in = ConceptSet::default();
                    header = None;
                    continue;
                }
                UnitKind::Block(kind) => kind,
            };
            if matches!(kind, BlockKind::Quote | BlockKind::Html | BlockKind::Rule) {
                continue;
            }
            let context = match kind {
                _ if unit.is_item() => heading.union(lead_in),
                BlockKind::TableRow => match header {
                    Some(h) => heading.union(h),
                    None => {
                        header = Some(concepts_of(u));
                        heading
                    }
                },
                _ => {
                    header = None;
                    lead_in = if unit.ends_with_colon() {
                        concepts_of(u)
                    } else {
                        ConceptSet::default()
                    };
                    heading
                }
            };
            let sentences: Vec<SentenceConcepts> = self.unit_sentences[u]
                .clone()
                .filter(|&s| self.carries_topics(s))
                .map(|s| self.sentence_concepts(s, said[s], context))
                .collect();
            if !sentences.is_empty() {
                out.push(BlockConcepts {
                    unit: u,
                    sentences,
                    context,
                });
            }
        }
        out
    }

    fn sentence_concepts(&self, sentence: usize, said: ConceptSet, context: ConceptSet) -> SentenceConcepts {
        let mut read = SentenceConcepts {
            sentence,
            said,
            around: said.union(self.lexicons.concepts.in_sense_with(context, said)),
            forbidden: ConceptSet::default(),
            kept: ConceptSet::default(),
        };
        if !self.is_prohibition(sentence) {
            return read;
        }
        read.forbidden = self.polar_concepts(sentence).1;
        if let Some(dont) = self.dont_span(sentence) {
            read.kept = (self.said_matches(sentence))
                .filter(|m| !dont.contains(&m.tokens.start))
                .map(|m| m.concept)
                .collect();
        }
        read
    }

    /// The words of a sentence that belong to its don't: from the statement
    /// that holds the first denied word (after a semicolon before it) to what
    /// it asks instead, a contrast ("do not answer yourself, but pass it to
    /// the care team") or a colon or semicolon after it ("shouldn't resolve
    /// it themselves: dropping the link in #care lets a colleague…").
    fn dont_span(&self, sentence: usize) -> Option<Range<usize>> {
        let info = &self.sentences[sentence];
        let (toks, text) = (&info.sentence.tokens, self.units[info.unit].text.as_str());
        let first = self.polarities()[sentence].first_denied?;
        let breaks_before =
            |i: usize, marks: &[char]| i > 0 && text[toks[i - 1].range.end..toks[i].range.start].contains(marks);
        let start = (0..=first).rev().find(|&i| breaks_before(i, &[';'])).unwrap_or(0);
        let after = (first + 1..toks.len()).find(|&i| breaks_before(i, &[':', ';']));
        let contrast = self.contrast(sentence).filter(|&c| c > first);
        let end = match (contrast, after) {
            (Some(a), Some(b)) => a.min(b),
            (a, b) => a.or(b).unwrap_or(toks.len()),
        };
        Some(start..end)
    }

    fn cover_by_terms(&self, lexicon: usize, threshold: super::lexicon::Threshold, coverage: &mut Coverage) -> Status {
        // Distinct terms per block and per section's own text.
        let mut per_unit: BTreeMap<usize, BTreeMap<usize, u32>> = BTreeMap::new();
        let mut per_section: BTreeMap<Option<usize>, BTreeMap<usize, u32>> = BTreeMap::new();
        let mut evidence: Vec<(u32, usize, Range<usize>)> = Vec::new();
        for (i, m) in self.matches_of(lexicon) {
            let unit = self.sentences[i].unit;
            // "We will not reply to comments" is evidence against dialogue.
            if self.units[unit].kind == UnitKind::Heading || self.is_negated(i, m.tokens.clone()) {
                continue;
            }
            per_unit.entry(unit).or_default().insert(m.term.term, m.term.weight);
            // Across a section, only clear terms add up: weak words are everywhere.
            if m.term.weight >= 2 {
                per_section
                    .entry(self.units[unit].section)
                    .or_default()
                    .insert(m.term.term, m.term.weight);
            }
            evidence.push((m.term.weight, i, m.tokens.clone()));
        }
        let best_block = per_unit
            .values()
            .map(|terms| terms.values().sum::<u32>())
            .max()
            .unwrap_or(0);
        let best_section = per_section
            .iter()
            .map(|(s, terms)| (*s, terms.values().sum::<u32>()))
            .max_by_key(|(s, score)| (*score, std::cmp::Reverse(*s)));
        coverage.best_section = best_section.and_then(|(s, _)| s);
        evidence.sort_by_key(|(weight, i, _)| (std::cmp::Reverse(*weight), *i));
        for (_, sentence, tokens) in evidence {
            match coverage.evidence.iter_mut().find(|e| e.sentence == sentence) {
                Some(e) => e.words.push(tokens),
                None => coverage.evidence.push(Evidence {
                    sentence,
                    words: vec![tokens],
                    concepts: vec![self.lexicons.specs[lexicon].id.clone()],
                }),
            }
        }
        if best_block >= threshold.block || best_section.is_some_and(|(_, score)| score >= threshold.section) {
            Status::Covered
        } else if coverage.best_section.is_some() {
            Status::Weak
        } else {
            Status::Missing
        }
    }
}

#[cfg(test)]
mod tests {
    use super::Status;
    use crate::analyse::{Analysis, Lexicons, read_paragraph};

    /// How a whole charter covers a built-in topic, and the sentences that
    /// show it with their concepts.
    fn coverage(charter: &str, topic: &str) -> (Status, Vec<(String, Vec<String>)>) {
        let lexicons = Lexicons::builtin().unwrap();
        let charter = crate::parse::parse(charter, crate::model::Format::Markdown);
        let analysis = Analysis::new(&charter, &lexicons, None);
        let lexicon = lexicons
            .specs
            .iter()
            .position(|s| s.id == topic)
            .expect("a built-in topic");
        let coverage = analysis.coverage[lexicon].as_ref().expect("a topic");
        let evidence =
            (coverage.evidence.iter()).map(|e| (analysis.sentence_text(e.sentence).to_string(), e.concepts.clone()));
        (coverage.status, evidence.collect())
    }

    #[test]
    fn a_lead_in_keeps_its_sense_only_next_to_an_item_that_allows_it() {
        let charter = |item: &str| {
            format!("# Charte\n\n## Article 4\n\nChaque matin, l'équipe web assure une veille sur :\n\n- {item}\n")
        };
        // What harms the brand's image, watched for, is protection: the lead-in's
        // watching does not reach the item.
        let protection =
            charter("les discussions des forums et des groupes en ligne qui peuvent nuire à l'image de la ville.");
        let (status, evidence) = coverage(&protection, "listening");
        assert_ne!(status, Status::Covered);
        let item = evidence.iter().find(|(text, _)| text.contains("forums"));
        assert!(
            item.is_none_or(|(_, concepts)| !concepts.contains(&"watch".to_string())),
            "{evidence:?}"
        );
        let listening = charter("les questions et les avis des habitants dans les forums et les groupes en ligne.");
        assert_eq!(coverage(&listening, "listening").0, Status::Covered);
    }

    /// The concepts a paragraph's first sentence of guidance says for a
    /// topic, by name.
    fn said_for(paragraph: &str, french: bool, topic: &str) -> Vec<String> {
        read_paragraph(paragraph, french, |analysis, sentence| {
            let concepts = &analysis.lexicons.concepts;
            let model = analysis.lexicons.models.get(topic).expect("a built-in topic");
            let read = (analysis.blocks.iter().flat_map(|b| &b.sentences))
                .find(|s| s.sentence == sentence)
                .expect("a live sentence");
            read.said_for(model.actions)
                .iter()
                .map(|c| concepts.ids[c].clone())
                .collect()
        })
    }

    #[test]
    fn a_dont_says_nothing_for_the_topic_it_forbids_but_what_it_asks_instead() {
        // Nothing asked instead: the complaint sets the scene of the don't.
        let care = said_for(
            "If a customer complains under one of your posts, do not reply to them yourself.",
            false,
            "customer-care",
        );
        assert!(care.is_empty(), "{care:?}");
        let care = said_for(
            "Si un usager se plaint sous l'une de vos publications, ne lui répondez pas vous-même.",
            true,
            "customer-care",
        );
        assert!(care.is_empty(), "{care:?}");
        // What it asks instead, after a colon or a contrast, still routes the request.
        let care = said_for(
            "Do not try to solve a complaint yourself: forward it to the care team.",
            false,
            "customer-care",
        );
        assert!(care.contains(&"route".to_string()), "{care:?}");
        let care = said_for(
            "Ne traitez jamais un dossier en public, mais passez en message privé.",
            true,
            "customer-care",
        );
        assert!(care.contains(&"private-channel".to_string()), "{care:?}");
        // Another statement before a semicolon is not part of the don't.
        let care = said_for(
            "Questions about permits get a reply with the link to the form; personal cases are never dealt with in public.",
            false,
            "customer-care",
        );
        assert!(care.contains(&"answer".to_string()), "{care:?}");
        // A topic without actions reads every don't: "never post
        // anonymously" is about transparency.
        let open = said_for("Never post anonymously or under a false name.", false, "transparency");
        let all = said_for("Never post anonymously or under a false name.", false, "customer-care");
        assert_eq!(open, all);
    }
}
