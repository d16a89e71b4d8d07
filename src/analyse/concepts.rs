//! Concepts: what a sentence talks about, from the bilingual inventory in
//! `rules/language/concepts.yaml`. Words are matched by their lemma (see
//! `morphology`), every concept of both languages in one automaton pass per
//! sentence; a match is dropped when the clause shows another sense of the
//! word (`not-with`).

use super::morphology::{Morphology, Position, has_first_plural_ending};
use super::phrases::PhraseSet;
use super::text::{Sentence, Token, is_restrictive_ne, sentences};
use crate::model::{Language, LintText};
use serde::Deserialize;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};
use std::ops::Range;

const CONCEPTS: &str = include_str!("../../rules/language/concepts.yaml");

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct ConceptSpec {
    #[allow(dead_code)] // Documentation for people reading the inventory.
    description: String,
    #[serde(default)]
    not_with: Vec<String>,
    /// Another sense told anywhere in the sentence, across commas: what the
    /// watching is for ("monitors social media for references to the
    /// Company, its brands and its executives, in order to identify
    /// reputational risks" guards the brand).
    #[serde(default)]
    not_in_sentence_with: Vec<String>,
    /// Another sense told by the word's neighbour, within `NEXT_TO` words on
    /// either side: neighbour concept → the concept the word then is
    /// ("invite the customer", "les usagers sont invités" ask the public;
    /// they do not enable staff).
    #[serde(default)]
    next_to: BTreeMap<String, String>,
    /// Counts even negated: "never hide who you are" is about honesty.
    #[serde(default)]
    kept_when_negated: bool,
    /// Negated, the verb is denied, not its subject: "replies are not
    /// signed" still has replies ("names are not shown" has none).
    #[serde(default)]
    keeps_subject: bool,
    /// A state said of a verb's object ("leave a comment unanswered"): a
    /// negation before the verb reaches it across the object.
    #[serde(default)]
    negated_across_object: bool,
    /// A quotation right after the word that names a collective, not a
    /// person (`signed "The Care Team"`, `signée « L'équipe X »`), is this
    /// concept; other quotations stay examples (`signée « Karim, accueil »`).
    #[serde(default)]
    quoted_collective: Option<String>,
    /// Set apart as a clause of its own, it qualifies the whole statement,
    /// not a verb: "… is not, by itself, a reason" (in itself) against "the
    /// feed posts by itself".
    #[serde(default)]
    aside_is_another_sense: bool,
    /// A unit things are sent to: after "without … to" it is where they go,
    /// not what is denied ("forwarded without comment to the press office").
    #[serde(default)]
    destination: bool,
    #[serde(default)]
    en: Vec<String>,
    #[serde(default)]
    fr: Vec<String>,
}

/// A sentence's words as lemmas: `" lemma lemma "`, like `Sentence::normalised`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Lemmas {
    pub text: String,
    pub starts: Vec<usize>,
}

/// The most concepts the inventory may hold: sets of them are bits.
pub const MAX_CONCEPTS: usize = 256;

/// A set of concepts (one bit each, in two words): frames are checked
/// against a sentence with masks, not set lookups.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ConceptSet([u128; 2]);

impl ConceptSet {
    fn zip(self, other: ConceptSet, op: impl Fn(u128, u128) -> u128) -> ConceptSet {
        ConceptSet([op(self.0[0], other.0[0]), op(self.0[1], other.0[1])])
    }

    pub fn insert(&mut self, concept: usize) {
        self.0[concept / 128] |= 1 << (concept % 128);
    }

    pub fn contains(self, concept: usize) -> bool {
        self.0[concept / 128] & (1 << (concept % 128)) != 0
    }

    pub fn union(self, other: ConceptSet) -> ConceptSet {
        self.zip(other, |a, b| a | b)
    }

    /// Every concept of `other` is in this set.
    pub fn covers(self, other: ConceptSet) -> bool {
        other.zip(self, |o, s| o & !s) == ConceptSet::default()
    }

    pub fn intersection(self, other: ConceptSet) -> ConceptSet {
        self.zip(other, |a, b| a & b)
    }

    pub fn intersects(self, other: ConceptSet) -> bool {
        self.intersection(other) != ConceptSet::default()
    }

    pub fn iter(self) -> impl Iterator<Item = usize> {
        self.0.into_iter().enumerate().flat_map(|(word, mut bits)| {
            std::iter::from_fn(move || {
                (bits != 0).then(|| {
                    let c = bits.trailing_zeros() as usize;
                    bits &= bits - 1;
                    word * 128 + c
                })
            })
        })
    }
}

impl FromIterator<usize> for ConceptSet {
    fn from_iter<I: IntoIterator<Item = usize>>(iter: I) -> ConceptSet {
        let mut set = ConceptSet::default();
        for c in iter {
            set.insert(c);
        }
        set
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConceptMatch {
    pub concept: usize,
    pub tokens: Range<usize>,
}

/// How many words may stand between a word and the neighbour that tells its
/// sense (`next-to`): a determiner and an adjective ("invite our regular
/// customers"), an auxiliary ("customers are invited").
const NEXT_TO: usize = 2;

/// The concept whose matches mask others (fixed expressions, another word).
const OTHER_SENSE: &str = "other-sense";

pub struct Concepts {
    pub ids: Vec<String>,
    other_sense: Option<usize>,
    /// Concepts that say what a sentence is rather than what it is about.
    pub definition: Option<usize>,
    /// Concepts a negation does not take away.
    pub kept_when_negated: ConceptSet,
    /// Verbs whose negation leaves their subject said (see `ConceptSpec`).
    pub keeps_subject: ConceptSet,
    /// States a negation reaches across their verb's object (see `ConceptSpec`).
    pub negated_across_object: ConceptSet,
    /// Per concept: what a quoted collective after it is (see `ConceptSpec`).
    quoted_collective: Vec<Option<usize>>,
    /// Concepts that mean something else as a clause of their own (see `ConceptSpec`).
    aside_is_another_sense: ConceptSet,
    /// Units things are sent to (see `ConceptSpec`).
    pub destination: ConceptSet,
    pub scope: Option<usize>,
    pub this_document: Option<usize>,
    /// Approval asked before publishing: a gate, not a don't.
    pub approval_process: Option<usize>,
    not_with: Vec<ConceptSet>,
    not_in_sentence_with: Vec<ConceptSet>,
    /// Per concept: (neighbour, the concept the word then is).
    next_to: Vec<Vec<(usize, usize)>>,
    en: PhraseSet<usize>,
    fr: PhraseSet<usize>,
    /// Every French word of the inventory, as a lemma: which reading of an
    /// ambiguous word the vocabulary knows.
    fr_words: HashSet<String>,
    morphology: Morphology,
}

impl Concepts {
    pub fn builtin() -> Result<Concepts, String> {
        Self::load(CONCEPTS)
    }

    pub fn load(yaml: &str) -> Result<Concepts, String> {
        let specs: BTreeMap<String, ConceptSpec> =
            serde_yaml::from_str(yaml).map_err(|e| format!("concept inventory: {e}"))?;
        let ids: Vec<String> = specs.keys().cloned().collect();
        if ids.len() > MAX_CONCEPTS {
            return Err(format!(
                "concept inventory: {} concepts, at most {MAX_CONCEPTS}",
                ids.len()
            ));
        }
        let position = |id: &str| ids.iter().position(|c| c == id);
        let index = |id: &str| position(id).ok_or_else(|| format!("concept inventory: unknown concept `{id}`"));
        let set_of = |ids: &[String]| ids.iter().map(|id| index(id)).collect::<Result<ConceptSet, _>>();
        let morphology = Morphology::builtin();
        let (mut not_with, mut not_in_sentence_with) = (Vec::new(), Vec::new());
        let (mut next_to, mut quoted_collective) = (Vec::new(), Vec::new());
        let (mut en, mut fr) = (Vec::new(), Vec::new());
        for (concept, spec) in specs.values().enumerate() {
            not_with.push(set_of(&spec.not_with)?);
            not_in_sentence_with.push(set_of(&spec.not_in_sentence_with)?);
            next_to.push(
                spec.next_to
                    .iter()
                    .map(|(neighbour, reading)| Ok((index(neighbour)?, index(reading)?)))
                    .collect::<Result<Vec<_>, String>>()?,
            );
            quoted_collective.push(spec.quoted_collective.as_deref().map(index).transpose()?);
            for phrase in &spec.en {
                en.extend(
                    phrase_patterns(&morphology, phrase, Language::En)
                        .into_iter()
                        .map(|p| (p, concept)),
                );
            }
            for phrase in &spec.fr {
                fr.extend(
                    phrase_patterns(&morphology, phrase, Language::Fr)
                        .into_iter()
                        .map(|p| (p, concept)),
                );
            }
        }
        let fr_words = fr
            .iter()
            .flat_map(|(pattern, _)| pattern.split_whitespace())
            .map(str::to_string)
            .collect();
        // The concepts whose spec sets a flag.
        let flagged = |flag: fn(&ConceptSpec) -> bool| -> ConceptSet {
            specs
                .values()
                .enumerate()
                .filter(|(_, spec)| flag(spec))
                .map(|(c, _)| c)
                .collect()
        };
        Ok(Concepts {
            fr_words,
            other_sense: position(OTHER_SENSE),
            definition: position("definition"),
            kept_when_negated: flagged(|spec| spec.kept_when_negated),
            keeps_subject: flagged(|spec| spec.keeps_subject),
            negated_across_object: flagged(|spec| spec.negated_across_object),
            quoted_collective,
            aside_is_another_sense: flagged(|spec| spec.aside_is_another_sense),
            destination: flagged(|spec| spec.destination),
            scope: position("scope"),
            this_document: position("this-document"),
            approval_process: position("approval-process"),
            ids,
            not_with,
            not_in_sentence_with,
            next_to,
            en: PhraseSet::from_patterns(dedup(en)),
            fr: PhraseSet::from_patterns(dedup(fr)),
            morphology,
        })
    }

    /// The concepts of a heading, lead-in or table header that keep their
    /// sense next to a sentence that says `said`: a heading "Monitoring" over
    /// "we watch for posts that harm our image" is protection, not listening.
    pub fn in_sense_with(&self, context: ConceptSet, said: ConceptSet) -> ConceptSet {
        context.iter().filter(|&c| !said.intersects(self.not_with[c])).collect()
    }

    pub fn index(&self, id: &str) -> Option<usize> {
        self.ids.iter().position(|c| c == id)
    }

    /// The lemmas of a sentence of `text`.
    pub fn lemmas(&self, sentence: &Sentence, text: &str, language: Language) -> Lemmas {
        lemmatise(sentence, text, |out, surface, position| {
            let known = LEMMAS.with_borrow(|cache| {
                cache
                    .get(&(language, position))
                    .and_then(|words| words.get(surface))
                    .map(|lemma| out.push_str(lemma))
                    .is_some()
            });
            if !known {
                let lemma = self.lemma(surface, language, position);
                out.push_str(&lemma);
                LEMMAS.with_borrow_mut(|cache| {
                    let words = cache.entry((language, position)).or_default();
                    // A bound on memory for runs over very many words.
                    if words.len() >= LEMMA_CACHE_WORDS {
                        words.clear();
                    }
                    words.insert(surface.into(), lemma.into());
                });
            }
        })
    }

    /// The lemma of a word. A French word with a second reading takes it when
    /// only that reading is a word of the inventory: "-ent" after a word that
    /// shows no plural subject ("les comptes de la fédération servent à…") as
    /// a third-person plural verb ("client" stays the noun the inventory
    /// knows); "-ons" away from its "nous" as a first-person plural; "-ions"
    /// after "nous" as the present of a `-ier` verb.
    fn lemma(&self, surface: &str, language: Language, position: Position) -> String {
        let as_written = self.morphology.lemma(surface, language, position);
        if language != Language::Fr || self.fr_words.contains(&as_written) {
            return as_written;
        }
        let long = surface.chars().count() >= 6;
        let readings = if position == Position::AfterNous {
            // "nous publions" (publier), not an imperfect like "nous répondions".
            [self.morphology.ier_present(surface), None]
        } else if long && has_first_plural_ending(surface) {
            // A first-person plural whose "nous" stands further back ("nous ne
            // publions pas", "nous le partageons").
            [
                Some(self.morphology.lemma(surface, language, Position::AfterNous)),
                self.morphology.ier_present(surface),
            ]
        } else if long
            && matches!(position, Position::First | Position::Other)
            && surface.ends_with("ent")
            && !surface.ends_with("ment")
        {
            [
                Some(self.morphology.lemma(surface, language, Position::AfterPlural)),
                None,
            ]
        } else {
            [None, None]
        };
        readings
            .into_iter()
            .flatten()
            .find(|reading| self.fr_words.contains(reading))
            .unwrap_or(as_written)
    }

    /// A word whose neighbour tells another sense becomes that concept
    /// (`next-to`). Linear: the concepts starting and ending at each word are
    /// gathered once.
    fn read_next_to(&self, found: &mut [ConceptMatch], words: usize) {
        if !found.iter().any(|m| !self.next_to[m.concept].is_empty()) {
            return;
        }
        let mut starting_at = vec![ConceptSet::default(); words + 1];
        let mut ending_at = vec![ConceptSet::default(); words + 1];
        for m in found.iter() {
            starting_at[m.tokens.start].insert(m.concept);
            ending_at[m.tokens.end].insert(m.concept);
        }
        for m in found.iter_mut() {
            let after = m.tokens.end..(m.tokens.end + NEXT_TO + 1).min(words + 1);
            let before = m.tokens.start.saturating_sub(NEXT_TO)..m.tokens.start + 1;
            let beside = starting_at[after]
                .iter()
                .chain(&ending_at[before])
                .fold(ConceptSet::default(), |all, c| all.union(*c));
            if let Some(&(_, reading)) = self.next_to[m.concept].iter().find(|(n, _)| beside.contains(*n)) {
                m.concept = reading;
            }
        }
    }

    /// A quotation opening within two words after a `quoted-collective`
    /// word, whose first word is a determiner ("The Care Team", « L'équipe
    /// X », « Le service client »), names a collective: it reads as that
    /// word's concept. A quotation opening with a name ("Karim, accueil")
    /// is a person's signature, and an example.
    fn read_quoted_collectives(&self, sentence: &Sentence, found: &mut Vec<ConceptMatch>) {
        const QUOTE_REACH: usize = 2;
        const DETERMINERS: &[&str] = &["the", "our", "le", "la", "les", "notre", "nos"];
        let toks = &sentence.tokens;
        let mut read = Vec::new();
        for m in found.iter() {
            let Some(reading) = self.quoted_collective[m.concept] else {
                continue;
            };
            let window = m.tokens.end..(m.tokens.end + QUOTE_REACH + 1).min(toks.len());
            let Some(open) = window.into_iter().find(|&t| toks[t].quoted) else {
                continue;
            };
            let end = (open..toks.len()).find(|&t| !toks[t].quoted).unwrap_or(toks.len());
            if DETERMINERS.contains(&toks[open].norm.as_str()) {
                // From the signing word on: denied with it ("évitez de
                // signer « Le service client »").
                read.push(ConceptMatch {
                    concept: reading,
                    tokens: m.tokens.start..end,
                });
            }
        }
        found.extend(read);
    }

    /// The concepts of a sentence, other senses removed.
    pub fn find(&self, sentence: &Sentence, lemmas: &Lemmas, language: Language) -> Vec<ConceptMatch> {
        let set = match language {
            Language::En => &self.en,
            Language::Fr => &self.fr,
        };
        let mut found: Vec<ConceptMatch> = set
            .find_in(&lemmas.text, &lemmas.starts)
            .filter(|(_, tokens)| !sentence.tokens[tokens.clone()].iter().any(|t| t.quoted))
            .map(|(&concept, tokens)| ConceptMatch { concept, tokens })
            .collect();
        self.read_quoted_collectives(sentence, &mut found);
        self.read_next_to(&mut found, sentence.tokens.len());
        // Linear in the matches, however long the sentence: the tokens an
        // other sense covers, and the concepts of each clause, are gathered
        // once rather than compared pair by pair.
        let mut other_sense = vec![false; sentence.tokens.len()];
        // An expression both masked and listed under a concept is that
        // concept, not its words ("renseignements personnels" is privacy).
        let mut whole_expressions = HashSet::new();
        let mut by_clause: std::collections::HashMap<usize, ConceptSet> = std::collections::HashMap::new();
        let mut in_sentence = ConceptSet::default();
        let mut clause_words: std::collections::HashMap<usize, usize> = std::collections::HashMap::new();
        for token in &sentence.tokens {
            *clause_words.entry(token.clause).or_default() += 1;
        }
        for m in &found {
            if Some(m.concept) == self.other_sense {
                other_sense[m.tokens.clone()].fill(true);
                whole_expressions.insert((m.tokens.start, m.tokens.end));
            }
            by_clause
                .entry(sentence.tokens[m.tokens.start].clause)
                .or_default()
                .insert(m.concept);
            in_sentence.insert(m.concept);
        }
        let kept = found
            .into_iter()
            .filter(|m| {
                Some(m.concept) != self.other_sense
                    && (!other_sense[m.tokens.clone()].contains(&true)
                        || whole_expressions.contains(&(m.tokens.start, m.tokens.end)))
            })
            .filter(|m| {
                let clause = sentence.tokens[m.tokens.start].clause;
                let aside = self.aside_is_another_sense.contains(m.concept) && clause_words[&clause] == m.tokens.len();
                !aside
                    && !by_clause[&clause].intersects(self.not_with[m.concept])
                    && !in_sentence.intersects(self.not_in_sentence_with[m.concept])
            })
            .collect();
        // "initials" inside "names or initials" is the same mention: read once,
        // with one polarity.
        super::longest_matches(kept, |m: &ConceptMatch| (m.concept, m.tokens.clone()))
    }
}

fn dedup(mut patterns: Vec<(String, usize)>) -> Vec<(String, usize)> {
    patterns.sort();
    patterns.dedup();
    patterns
}

/// English particles of phrasal verbs ("sort out", "pass on", "get back to").
const PARTICLES: &[&str] = &[
    "out", "up", "back", "right", "on", "over", "off", "to", "into", "in", "down", "through", "along", "across",
];
/// What may stand between a phrasal verb and its particle ("sort it out").
const OBJECTS: &[&str] = &[
    "it",
    "them",
    "this",
    "that",
    "these",
    "those",
    "him",
    "her",
    "everything",
    "things",
];

/// A vocabulary phrase as lemmas, the same way sentences are read; an English
/// phrasal verb also with an object pronoun before its particle.
fn phrase_patterns(morphology: &Morphology, phrase: &str, language: Language) -> Vec<String> {
    let mut text = LintText::new();
    text.push_verbatim(phrase.trim(), 0);
    let Some(sentence) = sentences(&text).into_iter().next() else {
        return Vec::new();
    };
    let lemmas = lemmatise(&sentence, text.as_str(), |out, word, position| {
        out.push_str(&morphology.lemma(word, language, position));
    });
    let words: Vec<&str> = lemmas.text.split_whitespace().collect();
    let mut out = vec![lemmas.text.clone()];
    let second = sentence.tokens.get(1).map(|t| t.norm.as_str());
    if language == Language::En && words.len() >= 2 && second.is_some_and(|w| PARTICLES.contains(&w)) {
        for object in OBJECTS {
            let object = morphology.lemma(object, language, Position::First);
            out.push(format!(" {} {object} {} ", words[0], words[1..].join(" ")));
        }
    }
    // French `ne … pas` splits a verbal expression: "ne donnent pas suite",
    // "ne prend jamais en charge". The negation itself is read from `ne`.
    let first = sentence.tokens.first().map(|t| t.norm.as_str()).unwrap_or_default();
    let infinitive = first.ends_with("er") || first.ends_with("ir") || first.ends_with("re");
    if language == Language::Fr && words.len() >= 2 && infinitive {
        for particle in FRENCH_NEGATION_PARTICLES {
            let particle = morphology.lemma(particle, language, Position::Other);
            out.push(format!(" {} {particle} {} ", words[0], words[1..].join(" ")));
        }
    }
    out
}

/// The second half of French negations, which stands inside a verbal expression.
const FRENCH_NEGATION_PARTICLES: &[&str] = &["pas", "plus", "jamais"];

/// How many words each thread remembers the lemma of.
const LEMMA_CACHE_WORDS: usize = 200_000;

type LemmaCache = HashMap<(Language, Position), HashMap<Box<str>, Box<str>, BuildHasherDefault<WordHasher>>>;

thread_local! {
    /// Lemmas already computed, by language, what stands before the word
    /// (see `Position`), and the written word: most words come back often, in
    /// a charter and across charters. A memo of a pure function (the built-in
    /// morphology of those three alone; written-out elisions never reach it),
    /// so it never changes a result; per thread, so files linted in parallel
    /// never wait for each other.
    static LEMMAS: std::cell::RefCell<LemmaCache> = std::cell::RefCell::new(HashMap::new());
}

/// FxHash (rustc's hasher): words are short and not chosen by an attacker
/// who could make them collide on purpose in a linter's own cache.
#[derive(Default)]
pub struct WordHasher(u64);

impl Hasher for WordHasher {
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0.rotate_left(5) ^ u64::from(b)).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
        }
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

/// French words that stand between a subject and its verb (normalised: an
/// elided `n'` is written out as `ne`).
fn is_between_subject_and_verb(token: &Token) -> bool {
    matches!(token.norm.as_str(), "ne" | "leur" | "lui" | "y" | "vous" | "se" | "en")
}

/// Written between two clauses in a sentence's lemmas: no phrase holds it.
const CLAUSE_BREAK: &str = "| ";

/// A sentence's words as lemmas. A word written out from an elision or a
/// contraction is its own lemma; every other word is given to `lemma_of`
/// (as written, with what stands before it), which appends its lemma.
fn lemmatise(sentence: &Sentence, text: &str, mut lemma_of: impl FnMut(&mut String, &str, Position)) -> Lemmas {
    let mut out = Lemmas {
        text: String::from(" "),
        starts: Vec::with_capacity(sentence.tokens.len()),
    };
    for (i, token) in sentence.tokens.iter().enumerate() {
        // A phrase does not run over a clause boundary: "un responsable
        // nommément désigné, un administrateur" holds no "désigne un".
        if i > 0 && sentence.tokens[i - 1].clause != token.clause {
            out.text.push_str(CLAUSE_BREAK);
        }
        out.starts.push(out.text.len());
        if is_restrictive_ne(&sentence.tokens, i) {
            // "ne … que" says "only": read as "seul" (`exclusive`).
            lemma_of(&mut out.text, "seul", Position::Other);
        } else if token.written_out {
            out.text.push_str(&token.norm);
        } else {
            // The word before, as written (its plural tells a French verb),
            // over a negation or an object pronoun: "nous ne fermons", "ils leur répondent".
            let before = sentence.tokens[..i].iter().rev();
            let previous = before
                .clone()
                .find(|t| !is_between_subject_and_verb(t))
                .map(|t| &text[t.range.clone()]);
            // After "ne" comes a verb, whatever the subject: "les agents du
            // CHU ne répondent pas" ends in a plural verb ending.
            let after_ne = before
                .take_while(|t| is_between_subject_and_verb(t))
                .any(|t| t.norm == "ne");
            let position = match Position::after(previous) {
                Position::First | Position::Other if after_ne => Position::AfterPlural,
                position => position,
            };
            lemma_of(&mut out.text, &text[token.range.clone()], position);
        }
        out.text.push(' ');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn concept_sets_hold_concepts_in_either_word() {
        let set: ConceptSet = [3, 127, 128, 255].into_iter().collect();
        assert!(set.contains(128) && set.contains(255) && !set.contains(129));
        assert_eq!(set.iter().collect::<Vec<_>>(), [3, 127, 128, 255]);
        let high: ConceptSet = [255].into_iter().collect();
        assert!(set.covers(high) && set.intersects(high) && !high.covers(set));
        assert_eq!(set.intersection(high), high);
        assert_eq!(
            high.union([3].into_iter().collect()).iter().collect::<Vec<_>>(),
            [3, 255]
        );
    }

    fn concepts_in(text: &str, language: Language) -> Vec<String> {
        let concepts = Concepts::builtin().unwrap();
        let mut t = LintText::new();
        t.push_verbatim(text, 0);
        let sentence = sentences(&t).remove(0);
        let lemmas = concepts.lemmas(&sentence, t.as_str(), language);
        let mut ids: Vec<String> = concepts
            .find(&sentence, &lemmas, language)
            .into_iter()
            .map(|m| concepts.ids[m.concept].clone())
            .collect();
        ids.sort();
        ids.dedup();
        ids
    }

    /// Whether the sentence holds the concept.
    fn has(text: &str, language: Language, concept: &str) -> bool {
        concepts_in(text, language).iter().any(|id| id == concept)
    }

    #[test]
    fn a_french_verb_after_ne_is_read_whatever_its_subject() {
        let found = concepts_in(
            "Les agents en charge des comptes du CHU ne répondent pas aux commentaires.",
            Language::Fr,
        );
        assert!(found.contains(&"answer".to_string()), "{found:?}");
    }

    #[test]
    fn a_french_verb_is_read_over_its_object_and_reflexive_pronouns() {
        assert!(has(
            "Nous vous encourageons à partager nos offres.",
            Language::Fr,
            "encourage"
        ));
        assert!(has(
            "Les contenus publiés se limitent aux annonces.",
            Language::Fr,
            "systematic"
        ));
        assert!(has(
            "Les abonnés qui vous écrivent attendent une réponse.",
            Language::Fr,
            "answer"
        ));
    }

    #[test]
    fn french_ne_que_says_only() {
        let found = concepts_in("Nos comptes ne servent qu'à publier nos annonces.", Language::Fr);
        assert!(found.contains(&"exclusive".to_string()), "{found:?}");
        let found = concepts_in("Nos comptes ne publient pas que des annonces.", Language::Fr);
        assert!(!found.contains(&"exclusive".to_string()), "{found:?}");
    }

    #[test]
    fn french_negation_inside_a_verbal_expression_keeps_it() {
        let found = concepts_in("Nos équipes ne donnent pas suite aux messages.", Language::Fr);
        assert!(found.contains(&"answer".to_string()), "{found:?}");
    }

    #[test]
    fn inventory_loads_and_every_phrase_has_words() {
        let concepts = Concepts::builtin().unwrap();
        assert!(concepts.ids.len() > 40);
    }

    #[test]
    fn inflections_reach_the_concept() {
        assert!(has("Only authorised spokespeople may speak", Language::En, "share"));
        assert!(has("Questions get replied to within the hour", Language::En, "answer"));
        assert!(has("Nous répondrons à toutes les réclamations", Language::Fr, "answer"));
        assert!(has(
            "Nous répondrons à toutes les réclamations",
            Language::Fr,
            "request"
        ));
        assert!(has("Les usagers sont écoutés", Language::Fr, "watch"));
        assert!(has("the duty manager sorts it out", Language::En, "resolve"));
    }

    #[test]
    fn other_senses_are_dropped_in_their_clause() {
        let en = |text| concepts_in(text, Language::En);
        assert!(!en("IT may monitor devices and network traffic").contains(&"watch".to_string()));
        assert!(en("we monitor mentions, then IT checks the devices").contains(&"watch".to_string()));
        assert!(!en("media inquiries go to the press office").contains(&"request".to_string()));
        assert!(!concepts_in("Le but de cette charte est simple", Language::Fr).contains(&"goal".to_string()));
        assert!(!en("the project has the following accounts").contains(&"read".to_string()));
        // Models are trained, not people.
        assert!(!en("the content may be used to train the provider's models").contains(&"train".to_string()));
        assert!(en("new moderators are trained before their first shift").contains(&"train".to_string()));
        let fr = |text| concepts_in(text, Language::Fr);
        assert!(!fr("les contenus peuvent servir à former un modèle de langage").contains(&"train".to_string()));
        assert!(fr("les agents sont formés avant d'animer la page").contains(&"train".to_string()));
        // Alerts sent to the public are notices; alerts set up on mentions listen.
        assert!(!en("service alerts are posted on the page").contains(&"watch".to_string()));
        assert!(en("we set up alerts on the name of the museum").contains(&"watch".to_string()));
        assert!(!fr("les alertes de coupure sont publiées sur la page").contains(&"watch".to_string()));
        assert!(fr("nous mettons en place des alertes sur le nom du musée").contains(&"watch".to_string()));
        // Watching for what harms the brand guards it, however far its purpose stands.
        assert!(!en("We monitor social media for mentions of the Company, its brands and its staff, to identify reputational risks").contains(&"watch".to_string()));
        assert!(!fr("La direction assure une veille des contenus mentionnant la Ville, ses élus et ses services, afin d'identifier toute atteinte à son image").contains(&"watch".to_string()));
        assert!(
            en("We monitor mentions of the museum, its shop and its café, to learn what visitors need")
                .contains(&"watch".to_string())
        );
        // A private liberty is no encouragement to speak.
        assert!(
            !fr("Les agents sont libres d'utiliser les médias sociaux à titre privé")
                .contains(&"encourage".to_string())
        );
        assert!(!en("You are welcome to use social media in your own time").contains(&"encourage".to_string()));
        assert!(en("You are welcome to talk about your work").contains(&"encourage".to_string()));
        // Set apart, "by itself" means "in itself"; after a verb, unattended.
        assert!(!en("Being there is not, by itself, a reason to open an account").contains(&"unattended".to_string()));
        assert!(en("The feed posts by itself every morning").contains(&"unattended".to_string()));
        // Others using the brand's name impersonate it; they do not sign as it.
        assert!(!en("fake pages using the company's name").contains(&"brand-voice".to_string()));
        assert!(en("replies go out under the company's name").contains(&"brand-voice".to_string()));
    }

    #[test]
    fn an_expression_masked_and_listed_under_a_concept_is_that_concept() {
        let fr = concepts_in("Respectez la protection des renseignements personnels.", Language::Fr);
        assert!(fr.contains(&"privacy".to_string()), "{fr:?}");
        assert!(
            !fr.contains(&"answer".to_string()) && !fr.contains(&"request".to_string()),
            "{fr:?}"
        );
        let en = concepts_in("Member data and personal data are never posted.", Language::En);
        assert!(en.contains(&"privacy".to_string()), "{en:?}");
    }

    #[test]
    fn a_neighbour_tells_another_sense() {
        let en = |text| concepts_in(text, Language::En);
        let fr = |text| concepts_in(text, Language::Fr);
        // The public invited is asked; staff invited are enabled.
        for asked in [
            en("the team invites the customer to continue in private"),
            en("customers are invited to send us their ideas"),
            fr("le service invite l'usager à poursuivre l'échange"),
            fr("les usagers sont invités à donner leur avis"),
        ] {
            assert!(
                asked.contains(&"ask".to_string()) && !asked.contains(&"encourage".to_string()),
                "{asked:?}"
            );
        }
        assert!(en("we invite our staff to answer customers").contains(&"encourage".to_string()));
        assert!(fr("nous encourageons les agents à répondre aux usagers").contains(&"encourage".to_string()));
    }

    #[test]
    fn identifying_the_public_or_an_institutions_transparency_is_not_saying_who_speaks() {
        assert!(has(
            "Identify yourself and your role when you answer",
            Language::En,
            "identify"
        ));
        assert!(!has(
            "Never post a patient's date of birth or anything that would identify them",
            Language::En,
            "identify"
        ));
        assert!(!has(
            "La transparence des prix est une obligation réglementaire",
            Language::Fr,
            "honesty"
        ));
        assert!(has("Soyez transparent sur votre fonction", Language::Fr, "honesty"));
        // "prendre en compte" names no account.
        assert!(!has("Nous prenons en compte chaque avis", Language::Fr, "account"));
        assert!(has(
            "Le compte de la mairie est animé par le service communication",
            Language::Fr,
            "account"
        ));
    }

    #[test]
    fn training_as_a_prerequisite_is_a_condition() {
        assert!(!has(
            "Only staff who have completed the social media course may post",
            Language::En,
            "train"
        ));
        assert!(!has(
            "Seuls les agents ayant suivi le module de sensibilisation publient",
            Language::Fr,
            "train"
        ));
        assert!(has("Every new moderator follows a short course", Language::En, "train"));
        assert!(has(
            "Chaque saison commence par une remise à niveau des équipes",
            Language::Fr,
            "train"
        ));
    }

    #[test]
    fn courses_in_a_trade_are_not_training_in_social_media() {
        assert!(!has(
            "Le lycée propose des formations en alternance aux métiers du commerce",
            Language::Fr,
            "train"
        ));
        assert!(!has(
            "The company funds apprenticeships in welding and logistics",
            Language::En,
            "train"
        ));
        assert!(has(
            "Les nouveaux agents s'exercent sur de vrais messages avant de publier",
            Language::Fr,
            "train"
        ));
    }

    #[test]
    fn improving_ones_own_posts_is_advice_not_a_feedback_loop() {
        assert!(!has("Tips to improve your social media posts", Language::En, "improve"));
        assert!(!has(
            "Améliorez vos publications avec une image",
            Language::Fr,
            "improve"
        ));
        assert!(has(
            "We use the comments of customers to improve our products",
            Language::En,
            "improve"
        ));
        assert!(has(
            "Nous utilisons les avis des usagers pour améliorer nos services",
            Language::Fr,
            "improve"
        ));
    }

    #[test]
    fn an_ambassador_of_the_image_guards_it() {
        assert!(!has(
            "Chaque collaborateur est un ambassadeur de l'image de l'enseigne",
            Language::Fr,
            "ambassador"
        ));
        assert!(has(
            "Our staff are our best advocates online",
            Language::En,
            "ambassador"
        ));
    }

    #[test]
    fn answering_or_routing_journalists_is_media_relations() {
        assert!(!has(
            "Transmettez les questions des journalistes au service de presse",
            Language::Fr,
            "route"
        ));
        assert!(!has("Do not reply to journalists yourself", Language::En, "answer"));
        assert!(has("Forward the customer's question to billing", Language::En, "route"));
    }

    #[test]
    fn a_permission_under_a_prerequisite_is_control() {
        assert!(!has(
            "Seuls les agents ayant signé l'engagement de confidentialité sont autorisés à citer l'établissement",
            Language::Fr,
            "encourage"
        ));
        assert!(has(
            "Les agents sont autorisés à citer l'établissement",
            Language::Fr,
            "encourage"
        ));
    }

    #[test]
    fn the_make_up_of_a_board_is_not_a_role_online() {
        assert!(!has(
            "Le conseil d'administration est composé de vingt administrateurs élus",
            Language::Fr,
            "role"
        ));
        assert!(has(
            "Le conseil d'administration valide la présente charte",
            Language::Fr,
            "owner"
        ));
    }

    #[test]
    fn other_accounts_crises_and_targets() {
        // A customer's or a system's account, the annual accounts: no social account.
        assert!(!has(
            "Customers can open a loyalty account in store",
            Language::En,
            "account"
        ));
        assert!(!has("La caisse publie ses comptes certifiés", Language::Fr, "account"));
        assert!(!has(
            "Clinical system accounts are strictly personal",
            Language::En,
            "account"
        ));
        // A person's crisis calls for care.
        assert!(!has(
            "If you are in a mental health crisis, call the crisis line",
            Language::En,
            "crisis"
        ));
        // A target in followers is an audience count; "c'est pourquoi" is a connector.
        assert!(!has("Our target is one million followers", Language::En, "goal"));
        assert!(!has(
            "C'est pourquoi nous avons ouvert des comptes",
            Language::Fr,
            "goal"
        ));
        assert!(has("Notre objectif est d'informer les habitants", Language::Fr, "goal"));
    }

    #[test]
    fn a_value_is_not_a_rule_about_who_speaks() {
        assert!(!has("Transparency is one of our values", Language::En, "honesty"));
        assert!(has("Be transparent about who you work for", Language::En, "honesty"));
    }

    #[test]
    fn a_french_plural_verb_is_read_over_the_complement_of_its_subject() {
        assert!(has(
            "Les comptes de la fédération servent à informer les adhérents",
            Language::Fr,
            "goal"
        ));
        assert!(has(
            "Les représentants de la fédération indiquent leur fonction",
            Language::Fr,
            "identify"
        ));
        assert!(has("La page de la ville sert à informer", Language::Fr, "goal"));
        // A noun the inventory knows stays a noun.
        assert!(has("Les agents du service client répondent", Language::Fr, "public"));
    }

    #[test]
    fn a_french_first_person_plural_is_read_wherever_its_nous_stands() {
        // "-ions" after "nous": the present of a `-ier` verb, not only an imperfect.
        assert!(has("Nous publions le bilan chaque année", Language::Fr, "publish"));
        assert!(has("Nous ne publions jamais de noms", Language::Fr, "publish"));
        assert!(has("Nous répondions dans la journée", Language::Fr, "answer"));
        // Its "nous" further back, behind an object pronoun.
        assert!(has("Nous le partageons avec les équipes", Language::Fr, "publish"));
        // A noun in "-ions" stays a noun.
        assert!(has("Nos publications sont relues", Language::Fr, "publish"));
    }

    #[test]
    fn a_phrase_does_not_run_over_a_comma() {
        assert!(!has(
            "Le comité vérifie qu'il a un responsable nommément désigné, un administrateur suppléant",
            Language::Fr,
            "definition"
        ));
    }

    #[test]
    fn informing_followers_is_a_purpose_counting_them_is_not() {
        assert!(has(
            "Notre présence a pour but d'informer nos abonnés",
            Language::Fr,
            "goal"
        ));
        assert!(!has(
            "Our goal is to double the number of followers",
            Language::En,
            "goal"
        ));
    }

    #[test]
    fn a_job_is_not_a_post() {
        assert!(has("Un bug posté sur Discord", Language::Fr, "publish"));
        assert!(!has("Son poste est à Lyon", Language::Fr, "publish"));
    }

    #[test]
    fn appointing_someone_is_not_a_definition() {
        assert!(!has(
            "Le service désigne un référent pour chaque compte",
            Language::Fr,
            "definition"
        ));
        assert!(has(
            "Un réseau social désigne un site d'échanges",
            Language::Fr,
            "definition"
        ));
    }

    #[test]
    fn meeting_a_need_is_not_answering() {
        assert!(!has(
            "Notre présence répond à un besoin des familles",
            Language::Fr,
            "answer"
        ));
        assert!(!has("Each account must meet a need", Language::En, "answer"));
        assert!(has("Nous répondons aux familles", Language::Fr, "answer"));
    }

    #[test]
    fn a_permission_addressed_to_people_is_read() {
        assert!(has(
            "Vous pouvez partager librement les publications de la ville",
            Language::Fr,
            "permitted"
        ));
        assert!(has(
            "Staff may post about their work without asking permission",
            Language::En,
            "permitted"
        ));
        // A possibility is not a permission.
        assert!(!has(
            "Anything you post can be seen by anyone",
            Language::En,
            "permitted"
        ));
    }

    #[test]
    fn a_secret_objective_or_a_business_purpose_is_not_what_the_accounts_are_for() {
        assert!(has(
            "Our goal on social media is to help customers",
            Language::En,
            "goal"
        ));
        assert!(!has(
            "Sales objectives and margins are confidential",
            Language::En,
            "goal"
        ));
        assert!(!has(
            "Devices may be used for business purposes only",
            Language::En,
            "goal"
        ));
        assert!(!has(
            "Les données sont traitées pour la finalité indiquée et la protection des données est assurée",
            Language::Fr,
            "goal"
        ));
    }
}
