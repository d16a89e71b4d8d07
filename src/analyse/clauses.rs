//! Clauses: what a sentence does. Whether it is guidance, whether a word in
//! it is negated or forbidden (per clause), whether a word is part of an
//! encouragement, and whether the sentence is a prohibition or a
//! requirement. Topics, stance (balance) and broadcast rules all read
//! sentences through these.

use super::concepts::ConceptMatch;
use super::text::{Token, is_restrictive_ne};
use super::{Analysis, Polarity, TermMatch, UnitKind};
use crate::model::{BlockKind, Language};
use std::ops::Range;

/// How far back (in words, within a clause) a negation reaches.
pub(super) const NEGATION_REACH: usize = 6;
/// How far ahead a "… is forbidden" reaches back over what it forbids.
const PROHIBITION_AFTER_REACH: usize = 5;
/// How far ahead the negated verb of a subject may be ("names … are never used").
const SUBJECT_REACH: usize = 6;
/// How far a negative pronoun reaches the verb it is the subject of
/// ("nobody on the weekend rota is ever judged on…").
const NEGATIVE_SUBJECT_REACH: usize = 10;
/// Negative pronouns, normalised: as a subject they negate their clause's verb.
const NEGATIVE_SUBJECTS: &[&str] = &["nobody", "no one", "none"];
/// Pronoun subjects that continue the sentence before (`Analysis::antecedent`).
const ANAPHORIC_SUBJECTS: &[&str] = &["it", "this", "they", "il", "ils", "elle"];
/// Words that address the reader: second-person pronouns and determiners.
const SECOND_PERSON: &[&str] = &[
    "you", "your", "yourself", "vous", "votre", "vos", "tu", "ton", "ta", "te",
];
/// Words an English don't addressed to the reader starts with.
const IMPERATIVE_OPENERS: &[&str] = &["do", "don't", "never", "please"];
/// Words that may lead an English imperative don't: "Please do not…",
/// "… and do not…" (anything else before "do not" is its subject).
const IMPERATIVE_LEADS: &[&str] = &["please", "and", "or", "but", "so", "therefore"];
/// Adverbs that may stand before "do not", looked past to find what leads
/// it: "Also, do not…" addresses the reader, "Comments also do not…" does not.
const ADVERB_LEADS: &[&str] = &["also", "just", "simply", "then", "still", "really"];
/// Words ending like a French imperative that are not verbs.
const NOT_IMPERATIVES: &[&str] = &["chez", "assez"];
/// What follows an impersonal "il" ("il est interdit", "il faut", "il y a").
const IMPERSONAL_VERBS: &[&str] = &[
    "est",
    "faut",
    "convient",
    "importe",
    "agit",
    "y",
    "appartient",
    "revient",
    "arrive",
    "existe",
    "reste",
    "suffit",
];
// The word lists below are compared with `Token::norm`: they are written
// normalised, plural stemming included ("sans" is "san", "does" is "doe";
// a test holds them to it).

/// Words that may stand between a negation and its verb: auxiliaries and
/// the second half of `ne … pas` ("will not be answered", "ne sont pas
/// publiées").
const AUXILIARIES: &[&str] = &[
    "be", "been", "being", "is", "are", "was", "were", "get", "got", "have", "has", "had", "est", "sont", "a", "ont",
    "ete", "sera", "seront", "etait", "etaient", "soit", "soient", "pas", "jamai", "plus",
];
/// French object pronouns between `ne` and its verb: "ne lui répondez pas",
/// "n'y publiez jamais", "ne les partagez pas".
const CLITICS: &[&str] = &[
    "le", "la", "les", "lui", "leur", "y", "en", "me", "te", "se", "nous", "vous",
];
/// The second half of a French negation (`ne … pas`): where it stands is
/// where an English "not" would, and a negation's reach is counted from it.
const FRENCH_NEGATION_ENDS: &[&str] = &["pas", "jamai", "plus", "aucun", "aucune", "rien", "guere"];
/// Modal and auxiliary verbs that carry an English negation ("and do not").
const MODALS: &[&str] = &[
    "do", "doe", "did", "must", "should", "will", "would", "can", "could", "may", "shall",
];
/// How many of them the verb may follow.
const AUXILIARY_REACH: usize = 3;

/// The weight of a negation that negates only what follows it
/// (rules/lexicons/negation.yaml): "without", "sans", verbs of ceasing.
const NEGATES_FORWARD_ONLY: u32 = 2;

/// Coordinators: they join the items of a list or coordinated subjects.
const COORDINATORS: &[&str] = &["or", "and", "nor", "ou", "et", "ni"];

/// Words that may stand between two items of a list besides its commas:
/// coordinators, determiners and "other" ("comments, questions or any
/// other request"), normalised.
const LIST_JOINERS: &[&str] = &[
    "or", "and", "nor", "the", "a", "an", "any", "other", "their", "your", "our", "ou", "et", "ni", "le", "la", "les",
    "l", "un", "une", "des", "de", "d", "du", "aux", "au", "toute", "tout", "tous", "autre", "leur", "vos", "nos",
];

/// Whether a subject pronoun stands between two places: "we never close
/// comments and we answer" negates the closing, not the answering.
fn new_subject_between(toks: &[Token], from: usize, to: usize) -> bool {
    toks[from.min(to)..to]
        .iter()
        .any(|t| matches!(t.norm.as_str(), "we" | "they" | "nous" | "ils" | "elles" | "je"))
}

/// Whether a privative negation ("without", « sans ») is followed, before
/// `to`, by a preposition that opens a noun phrase: "without comment to the
/// press office", « sans réponse à la direction »; not an infinitive
/// ("without trying to close", « sans chercher à clore »).
fn privative_ends_before(toks: &[Token], cue: Range<usize>, to: usize, language: Option<Language>) -> bool {
    // Accents are folded and a final "s" dropped: « à » is "a" (the English
    // article), « sans » "san", « vers » "ver", « les » "le".
    let (always, before_determiner, determiners): (&[&str], &[&str], &[&str]) = match language {
        Some(Language::Fr) => (
            &["au", "aux", "ver"],
            &["a"],
            &[
                "la", "le", "l", "un", "une", "de", "notre", "no", "votre", "vo", "son", "sa", "se", "leur",
            ],
        ),
        _ => (
            &["toward"],
            &["to"],
            &[
                "the", "a", "an", "our", "your", "their", "his", "her", "it", "any", "each", "every",
            ],
        ),
    };
    let opens_complement = |i: usize| {
        let word = toks[i].norm.as_str();
        always.contains(&word)
            || before_determiner.contains(&word)
                && toks.get(i + 1).is_some_and(|t| determiners.contains(&t.norm.as_str()))
    };
    cue.len() == 1
        && matches!(toks[cue.start].norm.as_str(), "without" | "san")
        && ((cue.end + 1).min(to)..to).any(opens_complement)
}

impl Analysis<'_> {
    /// Guidance: body text (not a heading, not a quote) of a few words at least.
    pub fn is_guidance(&self, sentence: usize) -> bool {
        let info = &self.sentences[sentence];
        // A table row under its header says as much as a sentence in two
        // words ("| Metric | Target |" over "| Instagram followers | 50,000 |").
        let fewest = if self.header_of_row(sentence).is_some() { 2 } else { 3 };
        matches!(self.units[info.unit].kind, UnitKind::Block(kind) if kind != BlockKind::Quote)
            && info.sentence.tokens.len() >= fewest
    }

    fn cue_matches(&self, sentence: usize, cue: Option<usize>) -> impl Iterator<Item = &TermMatch> {
        self.cue_matches_near(sentence, cue, 0..usize::MAX)
    }

    /// `cue_matches` that may touch the words of `window`.
    fn cue_matches_near(
        &self,
        sentence: usize,
        cue: Option<usize>,
        window: Range<usize>,
    ) -> impl Iterator<Item = &TermMatch> {
        self.sentences[sentence]
            .matches_near(window)
            .iter()
            .filter(move |m| Some(m.term.lexicon) == cue && m.term.weight > 0)
    }

    /// Whether the tokens are negated or forbidden: a negation or prohibition
    /// shortly before them in the same clause, a "… is forbidden" right after,
    /// or a don'ts heading above them. Cues inside the tokens do not count (a
    /// practice may be worded with its own negation: "do not reply"), nor do
    /// cues that are part of an encouragement ("don't hesitate to reply").
    pub fn is_negated(&self, sentence: usize, tokens: Range<usize>) -> bool {
        self.is_negated_within(sentence, tokens, NEGATION_REACH)
    }

    /// `is_negated`, with a negation word at most `reach` words before.
    /// Topics read an item under "Staff must not:" as forbidden whole (a
    /// don't never covers the topic it forbids).
    pub(super) fn is_negated_within(&self, sentence: usize, tokens: Range<usize>, reach: usize) -> bool {
        self.negated_with_item_reach(sentence, tokens, reach, usize::MAX)
    }

    /// As `is_negated_within`, but an item under "Staff must not:" is read as
    /// if the don't stood before its first word: "- (b) discuss our bids or
    /// customers" forbids discussing; its far words are what it names. For
    /// readings of a practice with its polarity.
    pub(super) fn is_denied_within(&self, sentence: usize, tokens: Range<usize>, reach: usize) -> bool {
        // One more word for an item's label ("(b)").
        self.negated_with_item_reach(sentence, tokens, reach, reach + 1)
    }

    /// Negated by the sentence's words within `reach`, by a section of
    /// don'ts, or by a forbidding lead-in up to the item's word `item_reach`.
    fn negated_with_item_reach(&self, sentence: usize, tokens: Range<usize>, reach: usize, item_reach: usize) -> bool {
        let by_lead_in = tokens.start <= item_reach && self.is_forbidden_item(sentence);
        let by_polarity = by_lead_in || self.section_polarity(sentence) == Polarity::Prohibitive;
        self.negated_by_words(sentence, tokens.clone(), reach) || (by_polarity && !self.own_negation(sentence, tokens))
    }

    /// A word inside a negation itself ("non-", "ne") is not negated by the
    /// polarity around it.
    fn own_negation(&self, sentence: usize, tokens: Range<usize>) -> bool {
        let toks = &self.sentences[sentence].sentence.tokens;
        self.negation_cues(sentence, tokens.clone(), tokens.clone())
            .any(|m| m.tokens.start >= tokens.start && m.tokens.end <= tokens.end)
            || toks[tokens].iter().any(|t| t.norm == "ne")
    }

    /// Negated by a cue in the sentence's words, within `reach`.
    fn negated_by_words(&self, sentence: usize, tokens: Range<usize>, reach: usize) -> bool {
        let toks = &self.sentences[sentence].sentence.tokens;
        let Some(first) = toks.get(tokens.start) else {
            return false;
        };
        let last = toks.get(tokens.end.saturating_sub(1)).unwrap_or(first);
        let negative_subject = |m: &TermMatch| {
            let words = || toks[m.tokens.clone()].iter().map(|t| t.norm.as_str());
            NEGATIVE_SUBJECTS.iter().any(|subject| subject.split(' ').eq(words()))
        };
        let before = |m: &&TermMatch| {
            m.tokens.end <= tokens.start
                && (tokens.start - m.tokens.end <= reach
                    || tokens.start - m.tokens.end <= NEGATIVE_SUBJECT_REACH && negative_subject(m))
                && toks[m.tokens.start].clause == first.clause
                && !new_subject_between(toks, m.tokens.end, tokens.start)
        };
        let after = |m: &&TermMatch| {
            m.tokens.start >= tokens.end
                && m.tokens.start - tokens.end <= PROHIBITION_AFTER_REACH
                && toks[m.tokens.start].clause == last.clause
        };
        let reached = tokens.start.saturating_sub(reach.max(NEGATIVE_SUBJECT_REACH))..tokens.start;
        self.negation_cues(sentence, tokens.clone(), reached)
            .any(|m| before(&m))
            || self
                .cue_matches_near(
                    sentence,
                    self.cues.prohibition_after,
                    tokens.end..tokens.end + PROHIBITION_AFTER_REACH,
                )
                .any(|m| after(&m))
            || self.french_negation_before(sentence, tokens)
    }

    /// Whether the tokens stand where a privative negation sends something
    /// ("forwarded without comment to the press office", « transmise sans
    /// réponse à la direction »), within its reach and clause.
    pub(super) fn sent_past_privative(&self, sentence: usize, tokens: Range<usize>) -> bool {
        let toks = &self.sentences[sentence].sentence.tokens;
        let Some(first) = toks.get(tokens.start) else {
            return false;
        };
        let reached = tokens.start.saturating_sub(NEGATION_REACH)..tokens.start;
        self.negation_cues(sentence, tokens.clone(), reached).any(|m| {
            m.tokens.end <= tokens.start
                && toks[m.tokens.start].clause == first.clause
                && privative_ends_before(toks, m.tokens.clone(), tokens.start, self.language)
        })
    }

    /// Whether the tokens are the subject of a negated or forbidden verb: a
    /// negation shortly after them, in the same clause, with no other
    /// concept in between ("staff names must not appear").
    pub(super) fn negated_after(&self, sentence: usize, tokens: Range<usize>) -> bool {
        let toks = &self.sentences[sentence].sentence.tokens;
        let Some(last) = toks.get(tokens.end.saturating_sub(1)) else {
            return false;
        };
        // Another concept in between is the verb's subject or object instead
        // (a modal that is part of the negation, "must not", does not count).
        let info = &self.sentences[sentence];
        let concept = (info.concepts_near(tokens.clone()).iter())
            .find(|m| m.tokens == tokens)
            .map(|m| m.concept);
        let in_cue = |m: &ConceptMatch| {
            self.negation_cues(sentence, tokens.clone(), m.tokens.clone())
                .any(|c| c.tokens.start < m.tokens.end && m.tokens.start < c.tokens.end)
        };
        // Whether one of `words` stands in the two words before another match.
        let just_before = |m: &ConceptMatch, words: &[&str]| {
            toks[tokens.end..m.tokens.start]
                .iter()
                .rev()
                .take(2)
                .any(|t| words.contains(&t.norm.as_str()))
        };
        // A noun's complement is part of the subject ("le prénom du
        // conseiller"), and so is a subject coordinated with it ("staff names
        // or personal handles do not appear").
        let same_subject =
            |m: &ConceptMatch| just_before(m, &["of", "du", "de", "des", "d"]) || just_before(m, COORDINATORS);
        let nothing_between = |end: usize| {
            !info.concepts_near(tokens.end..end).iter().any(|m| {
                m.tokens.start >= tokens.end
                    && m.tokens.end <= end
                    && Some(m.concept) != concept
                    && !in_cue(m)
                    && !same_subject(m)
            })
        };
        // "questions that docs do not answer": the verb of a relative clause.
        let relative = |end: usize| has_relative_pronoun(&toks[tokens.end..end]);
        // "… in their own name and do not use the logo": a coordinator right
        // before a negated verb starts a second verb of the subject before,
        // not a verb of this word ("names and photos never appear" joins
        // subjects).
        let coordinated_predicate = |start: usize| {
            let negation_at = |i: usize| i == start || toks.get(i).is_some_and(|t| t.norm == "ne");
            (tokens.end..start).any(|k| {
                matches!(toks[k].norm.as_str(), "and" | "but" | "or" | "et" | "mais" | "ou")
                    && (negation_at(k + 1)
                        || (toks.get(k + 1).is_some_and(|t| MODALS.contains(&t.norm.as_str())) && negation_at(k + 2)))
            })
        };
        let after = |start: usize| {
            start >= tokens.end
                && start - tokens.end <= SUBJECT_REACH
                && toks[start].clause == last.clause
                && nothing_between(start)
                && !relative(start)
                && !new_subject_between(toks, tokens.end, start)
                && !coordinated_predicate(start)
        };
        // Some negated verbs keep their subject: "replies are not signed"
        // denies the signing, not the replies ("the agent's name is not
        // shown", "staff names do not appear" deny the names).
        let keeps_subject = |cue_end: usize| {
            let verb = (cue_end..toks.len().min(cue_end + AUXILIARY_REACH))
                .find(|&i| !AUXILIARIES.contains(&toks[i].norm.as_str()))
                .unwrap_or(cue_end);
            (info.concepts_near(verb..verb).iter())
                .any(|m| m.tokens.start == verb && self.lexicons.concepts.keeps_subject.contains(m.concept))
        };
        // A verb's negation, or "… is forbidden"; not a prohibition word that
        // starts another clause ("closed to avoid debates").
        let subject_reach = tokens.end..tokens.end + SUBJECT_REACH;
        self.cue_matches_near(sentence, self.cues.negation, subject_reach.clone())
            .filter(|m| !self.spared_by_permission(sentence, m.tokens.start, &tokens))
            .filter(|m| !self.in_idiom(sentence, m.tokens.start))
            .filter(|m| m.term.weight != NEGATES_FORWARD_ONLY)
            .filter(|m| !keeps_subject(m.tokens.end))
            .chain(self.cue_matches_near(sentence, self.cues.prohibition_after, subject_reach))
            .any(|m| after(m.tokens.start))
            || (tokens.end..toks.len().min(tokens.end + SUBJECT_REACH + 1)).any(|i| {
                toks[i].norm == "ne"
                    && !is_restrictive_ne(toks, i)
                    && !self.in_idiom(sentence, i)
                    && after(i)
                    && !keeps_subject(i + 1)
                    && !self.spared_by_permission(sentence, i, &tokens)
            })
            || self.forbidden_subject(sentence, &tokens)
    }

    /// A word of a sentence's first clause that a "… is not allowed", "… est
    /// proscrite" ends: the whole clause before it is the subject it forbids,
    /// however long ("automatic cross-posting of identical messages to every
    /// platform is not allowed").
    fn forbidden_subject(&self, sentence: usize, tokens: &Range<usize>) -> bool {
        let toks = &self.sentences[sentence].sentence.tokens;
        let (Some(first), Some(last)) = (toks.first(), toks.get(tokens.end.saturating_sub(1))) else {
            return false;
        };
        last.clause == first.clause
            && self
                .cue_matches_near(sentence, self.cues.prohibition_after, tokens.end..toks.len())
                .any(|m| {
                    m.tokens.start >= tokens.end
                        && toks[m.tokens.start].clause == first.clause
                        && !has_relative_pronoun(&toks[tokens.end..m.tokens.start])
                        && !self.spared_by_permission(sentence, m.tokens.start, tokens)
                })
    }

    /// Which of the sentence's concepts are negated, as `negated` reads one,
    /// with denial spread along lists (`deny_list_items`).
    pub(super) fn negated_concepts(&self, sentence: usize, negated: impl Fn(&ConceptMatch) -> bool) -> Vec<bool> {
        let concepts = &self.sentences[sentence].concepts;
        if !self.may_negate(sentence) {
            return vec![false; concepts.len()];
        }
        let mut flags: Vec<bool> = concepts.iter().map(negated).collect();
        self.deny_list_items(sentence, &mut flags);
        flags
    }

    /// Spreads denial along lists: an item shares the polarity of the item
    /// right before it ("ne répondez pas aux commentaires, questions,
    /// critiques ou sollicitations" denies all four, though the last are far
    /// from the negation). `denied[i]` is for the i-th concept match of the
    /// sentence. A list is items joined by commas and closed by a
    /// coordinator: "do not argue with critics, answer their questions" is
    /// two clauses, "do not answer customer questions" is left to the
    /// negation's reach.
    fn deny_list_items(&self, sentence: usize, denied: &mut [bool]) {
        let info = &self.sentences[sentence];
        let toks = &info.sentence.tokens;
        let concepts = &info.concepts;
        // How two items are joined: `Some(true)` by a coordinator, `Some(false)` by a comma alone.
        let join = |before: &Range<usize>, item: &Range<usize>| -> Option<bool> {
            if item.start < before.end || item.start - before.end > 2 {
                return None;
            }
            let gap = &toks[before.end..item.start];
            if !gap.iter().all(|t| LIST_JOINERS.contains(&t.norm.as_str())) {
                return None;
            }
            let coordinator = gap.iter().any(|t| COORDINATORS.contains(&t.norm.as_str()));
            // A comma, not a colon or a bracket: "ne la commentez pas : prévenez…".
            let between = self.text_between(sentence, before, item);
            let comma = between.contains(',') && !between.contains(|c: char| c != ',' && c.is_ascii_punctuation());
            (coordinator || comma).then_some(coordinator)
        };
        // Each item's links to the items before it (concepts are in
        // sentence order; an item joins only those ending just before it),
        // then whether a coordinator closes the list from each item on.
        let links: Vec<Vec<(usize, bool)>> = (concepts.iter().enumerate())
            .map(|(i, item)| {
                let before = info.concepts_near_at(item.tokens.start.saturating_sub(2)..item.tokens.start);
                (before.start..before.end.min(i))
                    .filter_map(|j| join(&concepts[j].tokens, &item.tokens).map(|c| (j, c)))
                    .collect()
            })
            .collect();
        // "first name, initials or any other identifier": a coordinator right
        // after an item closes the list too.
        let coordinator_after = |item: &ConceptMatch| {
            toks.get(item.tokens.end)
                .is_some_and(|t| COORDINATORS.contains(&t.norm.as_str()))
        };
        let mut closed: Vec<bool> = concepts.iter().map(coordinator_after).collect();
        for (i, links) in links.iter().enumerate().rev() {
            for &(j, coordinator) in links {
                closed[j] |= coordinator || closed[i];
            }
        }
        for (i, links) in links.iter().enumerate() {
            if !denied[i] {
                denied[i] = links
                    .iter()
                    .any(|&(j, coordinator)| denied[j] && (coordinator || closed[i]));
            }
        }
    }

    /// The sentence a sentence starting with a pronoun subject continues, in
    /// the same block: "It does not take replies", "Il ne permet pas de
    /// répondre" are about what the sentence before named. Not the
    /// impersonal "il" ("il est interdit de…", "il faut…").
    pub fn antecedent(&self, sentence: usize) -> Option<usize> {
        let toks = &self.sentences[sentence].sentence.tokens;
        // Only "il" is impersonal: "elle est seule habilitée" is about the cell.
        let starts_with_pronoun = toks.first().is_some_and(|t| {
            ANAPHORIC_SUBJECTS.contains(&t.norm.as_str())
                && (t.norm != "il" || toks.get(1).is_none_or(|t| !IMPERSONAL_VERBS.contains(&t.norm.as_str())))
        });
        let before = sentence.checked_sub(1)?;
        (starts_with_pronoun && self.sentences[before].unit == self.sentences[sentence].unit).then_some(before)
    }

    /// Whether the sentence addresses its reader: a second-person word, an
    /// English don't that opens with "do", "never" or "please", or a French
    /// imperative ("ne répondez pas", "orientez-le").
    pub fn addresses_reader(&self, sentence: usize) -> bool {
        let toks = &self.sentences[sentence].sentence.tokens;
        let opener = toks.iter().find(|t| t.is_word());
        opener.is_some_and(|t| IMPERATIVE_OPENERS.contains(&t.norm.as_str()))
            || toks.iter().any(|t| {
                // "orientez-le": the verb before its pronoun.
                let word = t.norm.split('-').next().unwrap_or_default();
                SECOND_PERSON.contains(&word)
                    || word.ends_with("ez") && word.chars().count() > 4 && !NOT_IMPERATIVES.contains(&word)
            })
    }

    /// The first word of a contrast that turns a don't into a do: "but",
    /// "mais", "instead" (not "instead of", a prepositional negation),
    /// "however", "en revanche", "par contre".
    pub(super) fn contrast(&self, sentence: usize) -> Option<usize> {
        let toks = &self.sentences[sentence].sentence.tokens;
        let next = |i: usize| toks.get(i + 1).map_or("", |t| t.norm.as_str());
        toks.iter().enumerate().position(|(i, t)| match t.norm.as_str() {
            "but" | "mais" | "however" | "cependant" => true,
            "instead" => next(i) != "of",
            "revanche" | "contre" => i > 0 && matches!(toks[i - 1].norm.as_str(), "en" | "par"),
            _ => false,
        })
    }

    /// Whether anything in or above the sentence can negate its words: most
    /// sentences hold no cue, and `is_negated` need not look.
    pub(crate) fn may_negate(&self, sentence: usize) -> bool {
        let info = &self.sentences[sentence];
        let cues = [self.cues.negation, self.cues.prohibition, self.cues.prohibition_after];
        self.polarity(sentence) == Polarity::Prohibitive
            || info.matches.iter().any(|m| cues.contains(&Some(m.term.lexicon)))
            || info.sentence.tokens.iter().any(|t| t.norm == "ne")
    }

    /// Negation and prohibition cues that may touch `window` and can negate
    /// the word at `target`: not those of an encouragement, a dispensation
    /// or an idiom around it.
    fn negation_cues(
        &self,
        sentence: usize,
        target: Range<usize>,
        window: Range<usize>,
    ) -> impl Iterator<Item = &TermMatch> {
        self.cue_matches_near(sentence, self.cues.negation, window.clone())
            .chain(self.cue_matches_near(sentence, self.cues.prohibition, window))
            .filter(move |m| !self.spared_by_permission(sentence, m.tokens.start, &target))
            .filter(move |m| !self.in_idiom(sentence, m.tokens.start))
    }

    /// Whether a token is part of an idiom that holds a negation word and
    /// negates nothing (weight 0 in the negation lexicon): "sans délai",
    /// "on ne se contente pas de répondre" (where "pas de" overlaps it).
    fn in_idiom(&self, sentence: usize, token: usize) -> bool {
        (self.sentences[sentence].matches_near(token..token).iter())
            .any(|m| Some(m.term.lexicon) == self.cues.negation && m.term.weight == 0 && m.tokens.contains(&token))
    }

    /// Whether a token is part of an encouragement ("n'hésitez pas", "feel free").
    fn in_permission(&self, sentence: usize, token: usize) -> bool {
        self.cue_matches_near(sentence, self.cues.permission, token..token)
            .any(|p| p.tokens.contains(&token))
    }

    /// Whether the negation word at `cue` belongs to an encouragement or a
    /// dispensation that does not hold all of `target`: in "no need to post"
    /// the "no" negates the need, inside the phrase, not the posting after it.
    fn spared_by_permission(&self, sentence: usize, cue: usize, target: &Range<usize>) -> bool {
        self.cue_matches_near(sentence, self.cues.permission, cue..cue)
            .any(|p| p.tokens.contains(&cue) && !(p.tokens.start <= target.start && target.end <= p.tokens.end))
    }

    /// French `ne` before a verb: "ne publiez pas de communiqués".
    /// Its reach is always `NEGATION_REACH`: `ne … pas` brackets the verb
    /// phrase ("aucune publication ne part de façon automatique").
    fn french_negation_before(&self, sentence: usize, tokens: Range<usize>) -> bool {
        let toks = &self.sentences[sentence].sentence.tokens;
        let Some(first) = toks.get(tokens.start) else {
            return false;
        };
        // Reach is counted from "pas" when there is one ("n'a pas vocation à
        // accueillir des échanges" as "is not meant to host conversations").
        let end_of_negation = |i: usize| {
            (i + 1..(i + 4).min(tokens.start))
                .find(|&j| FRENCH_NEGATION_ENDS.contains(&toks[j].norm.as_str()))
                .unwrap_or(i)
        };
        let start = tokens.start.saturating_sub(NEGATION_REACH + 3);
        (start..tokens.start).any(|i| {
            toks[i].norm == "ne"
                && tokens.start - end_of_negation(i) <= NEGATION_REACH
                && !is_restrictive_ne(toks, i)
                && !self.in_idiom(sentence, i)
                && toks[i].clause == first.clause
                && !self.spared_by_permission(sentence, i, &tokens)
                && !new_subject_between(toks, i + 1, tokens.start)
        })
    }

    /// The polarity of a sentence's section, or of its lead-in when that forbids.
    fn polarity(&self, sentence: usize) -> Polarity {
        if self.is_forbidden_item(sentence) {
            return Polarity::Prohibitive;
        }
        self.section_polarity(sentence)
    }

    fn section_polarity(&self, sentence: usize) -> Polarity {
        self.section_of(sentence)
            .map_or(Polarity::Neutral, |s| self.sections[s].polarity)
    }

    /// An item under a lead-in that forbids ("Staff must not:").
    fn is_forbidden_item(&self, sentence: usize) -> bool {
        self.forbidden_items.get(self.sentences[sentence].unit) == Some(&true)
    }

    /// A don't: worded as a prohibition, or listed under a don'ts heading.
    pub fn is_prohibition(&self, sentence: usize) -> bool {
        if !self.is_guidance(sentence) {
            return false;
        }
        let toks = &self.sentences[sentence].sentence.tokens;
        // "Conferences that don't have a code of conduct" describes them.
        let in_relative_clause = |at: usize| at > 0 && has_relative_pronoun(&toks[at - 1..at]);
        // "Administrators do not monitor students' pages" says what they do,
        // as "does not" and the French "ne surveillent pas" do; "Do not…",
        // "Please don't…" address the reader.
        let after_subject = |at: usize| {
            toks[at].norm == "do"
                && toks[..at]
                    .iter()
                    .rev()
                    .take_while(|t| t.clause == toks[at].clause)
                    .filter(|t| t.is_word())
                    .find(|t| !ADVERB_LEADS.contains(&t.norm.as_str()))
                    .is_some_and(|t| !IMPERATIVE_LEADS.contains(&t.norm.as_str()))
        };
        self.polarity(sentence) == Polarity::Prohibitive
            || self
                .cue_matches(sentence, self.cues.prohibition)
                .chain(self.cue_matches(sentence, self.cues.prohibition_after))
                .any(|m| {
                    let at = m.tokens.start;
                    !self.in_permission(sentence, at) && !in_relative_clause(at) && !after_subject(at)
                })
            || self.french_prohibition(sentence)
            || self.english_prohibition(sentence)
    }

    /// A negative subject at the head of the sentence with a modal after it
    /// rules for everyone: "No manager should respond on behalf of another
    /// team", "None of us may…" (not "No one is monitoring the account").
    /// A gate is not a don't: "no post should go out without approval from
    /// one of the following:" lists approvers, not things forbidden.
    fn english_prohibition(&self, sentence: usize) -> bool {
        const NEGATIVE_DETERMINERS: &[&str] = &["no", "nobody", "none", "neither"];
        // Not the module's `MODALS`, which hold "do" and "would" too.
        const RULING_MODALS: &[&str] = &["should", "may", "must", "can", "shall", "will", "might"];
        const REACH: usize = 8;
        let toks = &self.sentences[sentence].sentence.tokens;
        let Some(head) = toks.iter().position(Token::is_word) else {
            return false;
        };
        let t = &toks[head];
        NEGATIVE_DETERMINERS.contains(&t.norm.as_str())
            && !self.is_gate(sentence)
            && !self.in_permission(sentence, head)
            && !self.in_idiom(sentence, head)
            && toks[head + 1..].iter().enumerate().any(|(i, w)| {
                let modal = RULING_MODALS.contains(&w.norm.as_str());
                // "No other officer, including staff of the harbour office,
                // may post": the modal opens the clause after an apposition.
                let after_apposition = w.clause == t.clause + 2 && toks[head + i].clause == t.clause + 1;
                modal && (w.clause == t.clause && i < REACH || after_apposition)
            })
    }

    /// The header row over a table row's sentence (its lead-in), if it is one.
    pub fn header_of_row(&self, sentence: usize) -> Option<usize> {
        (self.units[self.sentences[sentence].unit].kind == UnitKind::Block(BlockKind::TableRow))
            .then(|| self.lead_in(sentence))
            .flatten()
    }

    /// Whether the sentence names an approval to seek (`approval-process`).
    fn is_gate(&self, sentence: usize) -> bool {
        let gate = self.lexicons.concepts.approval_process;
        self.sentences[sentence]
            .concepts
            .iter()
            .any(|m| Some(m.concept) == gate)
    }

    /// `ne … pas/jamais/plus/aucun` around a verb addressed to the reader or
    /// a modal: "ne publiez jamais…", "ne doivent pas…". A statement such as
    /// "cette politique ne s'applique pas…" forbids nothing. A negative
    /// subject with a gate is a gate, as in English: « aucune publication ne
    /// devrait être initiée sans l'approbation de l'une des personnes
    /// suivantes : » lists approvers, not things forbidden.
    fn french_prohibition(&self, sentence: usize) -> bool {
        /// How far before `ne` a negative subject may stand ("aucune
        /// information sur l'activité de l'hôpital ne doit…").
        const NEGATIVE_SUBJECT_REACH: usize = 8;
        const MODALS: &[&str] = &[
            "doit",
            "doivent",
            "devez",
            "devrait",
            "devraient",
            "devriez",
            "peut",
            "peuvent",
            "pouvez",
            "faut",
        ];
        let toks = &self.sentences[sentence].sentence.tokens;
        toks.iter().enumerate().any(|(i, t)| {
            if t.norm != "ne" || self.in_permission(sentence, i) || self.in_idiom(sentence, i) {
                return false;
            }
            let clitics = toks[i + 1..]
                .iter()
                .take(2)
                .take_while(|w| CLITICS.contains(&w.norm.as_str()))
                .count();
            let at = i + 1 + clitics;
            let Some(verb) = toks.get(at) else { return false };
            // A negative subject rules for everyone: "aucun agent ne publie",
            // "nul ne peut", "aucune publication ne sera diffusée".
            let negative_subject = toks[i.saturating_sub(NEGATIVE_SUBJECT_REACH)..i]
                .iter()
                .any(|w| matches!(w.norm.as_str(), "aucun" | "aucune" | "nul" | "nulle") && w.clause == t.clause);
            let addressed = verb.norm.ends_with("ez") || MODALS.contains(&verb.norm.as_str());
            negative_subject && !self.is_gate(sentence)
                || addressed
                    && toks[at + 1..toks.len().min(at + 4)]
                        .iter()
                        .any(|n| FRENCH_NEGATION_ENDS.contains(&n.norm.as_str()))
        })
    }

    /// A requirement that constrains: "must be approved", "doit être validé".
    pub fn is_requirement(&self, sentence: usize) -> bool {
        self.affirms(sentence, self.cues.requirement)
    }

    /// Guidance that is not a don't and holds a non-negated cue of `lexicon`.
    fn affirms(&self, sentence: usize, lexicon: Option<usize>) -> bool {
        self.is_guidance(sentence)
            && !self.is_prohibition(sentence)
            && self
                .cue_matches(sentence, lexicon)
                .any(|m| !self.is_negated(sentence, m.tokens.clone()))
    }

    /// Whether a sentence can carry a topic: guidance that is not a
    /// definition, a glossary entry or a statement of the charter's scope.
    pub fn carries_topics(&self, sentence: usize) -> bool {
        let concepts = &self.lexicons.concepts;
        let info = &self.sentences[sentence];
        let has = |c: Option<usize>| info.concepts.iter().any(|m| Some(m.concept) == c);
        let clauses_of = |c: Option<usize>| {
            info.concepts
                .iter()
                .filter(move |m| Some(m.concept) == c)
                .map(|m| info.sentence.tokens[m.tokens.start].clause)
        };
        // "This policy covers…", not "the press office sets the editorial
        // line; the director owns this policy": the scope verb and the
        // charter in one clause.
        let states_scope = clauses_of(concepts.scope).any(|c| clauses_of(concepts.this_document).any(|d| d == c));
        // "Elle vise l'utilisation…" after "La présente politique…": the
        // charter named by a pronoun.
        let first_clause = info.sentence.tokens.first().map(|t| t.clause);
        let states_scope_of_it = clauses_of(concepts.scope).any(|c| Some(c) == first_clause)
            && self.antecedent(sentence).is_some_and(|before| {
                (self.sentences[before].concepts.iter()).any(|m| Some(m.concept) == concepts.this_document)
            });
        let in_glossary = self.section_of(sentence).is_some_and(|s| self.sections[s].glossary);
        self.is_guidance(sentence) && !has(concepts.definition) && !states_scope && !states_scope_of_it && !in_glossary
    }
}

/// Whether the words hold a relative pronoun: the verb after it is a
/// relative clause's ("questions that docs do not answer").
fn has_relative_pronoun(words: &[Token]) -> bool {
    words
        .iter()
        .any(|t| matches!(t.norm.as_str(), "that" | "which" | "who" | "qui" | "que" | "dont"))
}

#[cfg(test)]
mod tests {
    use super::{
        ADVERB_LEADS, ANAPHORIC_SUBJECTS, AUXILIARIES, CLITICS, COORDINATORS, FRENCH_NEGATION_ENDS, IMPERATIVE_LEADS,
        IMPERATIVE_OPENERS, IMPERSONAL_VERBS, LIST_JOINERS, MODALS, NEGATIVE_SUBJECTS, NOT_IMPERATIVES, SECOND_PERSON,
    };
    use crate::analyse::text::stem;
    use crate::analyse::{Lexicons, read_paragraph};

    #[test]
    fn word_lists_are_written_as_tokens_are_normalised() {
        for list in [
            AUXILIARIES,
            MODALS,
            COORDINATORS,
            LIST_JOINERS,
            NEGATIVE_SUBJECTS,
            ANAPHORIC_SUBJECTS,
            IMPERSONAL_VERBS,
            FRENCH_NEGATION_ENDS,
            CLITICS,
            SECOND_PERSON,
            IMPERATIVE_OPENERS,
            IMPERATIVE_LEADS,
            ADVERB_LEADS,
            NOT_IMPERATIVES,
        ] {
            for &word in list {
                assert_eq!(stem(word, word), word, "write {word:?} as the tokenizer normalises it");
            }
        }
    }

    /// Whether `concept` is named but denied in the first sentence of a paragraph.
    fn denied(paragraph: &str, french: bool, concept: &str) -> bool {
        let id = Lexicons::builtin().unwrap().concepts.index(concept).unwrap();
        read_paragraph(paragraph, french, |analysis, s| {
            analysis.polar_concepts(s).1.contains(id)
        })
    }

    #[test]
    fn a_pronoun_for_the_charter_in_a_statement_of_scope_carries_no_topic() {
        let lexicons = Lexicons::builtin().unwrap();
        for (markdown, carries) in [
            (
                "# Policy\n\n## Scope\n\nThis policy is owned by the press office. It governs how staff answer customers online.\n",
                false,
            ),
            (
                "# Charte\n\n## Champ\n\nLa présente politique est tenue par la communication. Elle encadre la façon dont les agents répondent aux usagers.\n",
                false,
            ),
            // "It" for something else is guidance.
            (
                "# Policy\n\n## Care\n\nThe care team reads every message. It answers customers within a day.\n",
                true,
            ),
        ] {
            let charter = crate::parse::parse(markdown, crate::model::Format::Markdown);
            let analysis = crate::analyse::Analysis::new(&charter, &lexicons, None);
            let last = analysis.sentences.len() - 1;
            assert_eq!(analysis.carries_topics(last), carries, "{markdown}");
        }
    }

    #[test]
    fn a_negative_subject_with_a_gate_lists_approvers_in_both_languages() {
        let prohibits = |paragraph: &str, french: bool| read_paragraph(paragraph, french, |a, s| a.is_prohibition(s));
        assert!(!prohibits(
            "No posting on our accounts should be initiated without approval, as to tone and content, from one of the following:",
            false
        ));
        assert!(!prohibits(
            "Aucune publication sur nos comptes ne devrait être initiée sans l'approbation, quant au ton et au contenu, de l'une des personnes suivantes :",
            true
        ));
        assert!(prohibits("No posting on our accounts should mention a patient.", false));
        assert!(prohibits(
            "Aucune publication sur nos comptes ne doit mentionner un patient.",
            true
        ));
    }

    #[test]
    fn without_denies_its_noun_not_where_the_verb_sends_it() {
        for (paragraph, french) in [
            (
                "Enquiries are referred without comment to the communications team.",
                false,
            ),
            (
                "Toute demande est transmise sans réponse à la direction de la communication.",
                true,
            ),
        ] {
            assert!(
                denied(paragraph, french, "answer") || denied(paragraph, french, "public-post"),
                "{paragraph}"
            );
            assert!(!denied(paragraph, french, "comms-team"), "{paragraph}");
        }
        // An infinitive after "to" / « à » stays in the negation's reach.
        assert!(denied(
            "Moderators join in, without trying to close the debate.",
            false,
            "close"
        ));
        assert!(denied(
            "Nos modérateurs y participent, sans chercher à clore le débat.",
            true,
            "close"
        ));
    }

    #[test]
    fn a_french_negation_reaches_as_far_from_pas_as_an_english_one_from_not() {
        assert!(denied(
            "Le compte n'a pas vocation à accueillir des échanges avec les habitants.",
            true,
            "converse"
        ));
        assert!(denied(
            "The account is not meant to host conversations with residents.",
            false,
            "converse"
        ));
        // Not beyond: the reach is the same in both languages.
        assert!(!denied(
            "Le compte ne sert pas à publier des annonces de la mairie puis à échanger avec les habitants.",
            true,
            "converse"
        ));
    }

    #[test]
    fn a_dispensation_negates_the_need_not_the_verb() {
        assert!(!denied(
            "There is no need to post separately on those platforms.",
            false,
            "publish"
        ));
        assert!(denied(
            "There is no need to post separately on those platforms.",
            false,
            "necessity"
        ));
        assert!(!denied(
            "Il n'est pas nécessaire d'appartenir au service communication pour publier sur le réseau.",
            true,
            "publish"
        ));
        assert!(denied(
            "Il n'est pas nécessaire d'appartenir au service communication pour publier sur le réseau.",
            true,
            "necessity"
        ));
        assert!(denied("Staff do not post on those platforms.", false, "publish"));
    }

    #[test]
    fn the_items_of_a_forbidden_list_are_all_denied_and_what_follows_a_colon_is_not() {
        // "requests" ("sollicitations") is seven words after the negation.
        assert!(denied(
            "Les collaborateurs ne doivent en aucun cas répondre aux commentaires, questions, critiques ou sollicitations du public.",
            true,
            "request"
        ));
        assert!(denied(
            "Officers must never post, comment, share or reply to a member of the public.",
            false,
            "answer"
        ));
        assert!(!denied(
            "Ne commentez pas à titre individuel : prévenez la direction de la communication.",
            true,
            "alert"
        ));
        // Not a list: a second clause with its own verb.
        assert!(!denied(
            "Do not argue with critics, answer their questions in a private message.",
            false,
            "answer"
        ));
    }

    #[test]
    fn a_negated_verb_denies_all_its_coordinated_subjects_and_a_preposition_nothing_before_it() {
        assert!(denied(
            "Staff names or personal handles do not appear on official content.",
            false,
            "personal-name"
        ));
        assert!(!denied(
            "Questions answered without the customer having to ask again count as resolved.",
            false,
            "answer"
        ));
        assert!(!denied(
            "Nos concurrents publient déjà et nous ne pouvons pas attendre.",
            true,
            "publish"
        ));
    }

    #[test]
    fn an_idiom_with_a_negation_word_negates_nothing() {
        assert!(!denied(
            "Nous notons les questions qui reviennent sans cesse.",
            true,
            "request"
        ));
        assert!(!denied("Staff escalate complaints without delay.", false, "request"));
        assert!(denied(
            "Staff close threads without reading complaints.",
            false,
            "request"
        ));
        assert!(denied(
            "Nous clôturons un fil sans réponse aux questions.",
            true,
            "request"
        ));
    }

    #[test]
    fn a_negated_restriction_adds() {
        assert!(!denied(
            "Quand la question est ambiguë, on ne se contente pas de répondre : on la note.",
            true,
            "answer"
        ));
        assert!(!denied(
            "We do not just answer questions, we log them.",
            false,
            "request"
        ));
        assert!(!denied(
            "Not only do we answer questions, we log them.",
            false,
            "answer"
        ));
        assert!(denied("We do not answer questions.", false, "request"));
    }

    #[test]
    fn a_pronoun_subject_continues_the_sentence_before() {
        let continues =
            |paragraph: &str, french: bool| read_paragraph(paragraph, french, |a, s| a.antecedent(s + 1) == Some(s));
        assert!(continues(
            "Ce canal diffuse les horaires. Il ne permet pas de répondre.",
            true
        ));
        assert!(!continues(
            "Ce canal diffuse les horaires. Il est interdit d'y répondre.",
            true
        ));
        assert!(continues(
            "The tender page lists contracts. It does not take replies.",
            false
        ));
        assert!(!continues("The page lists contracts. Staff do not reply.", false));
    }

    #[test]
    fn a_negative_subject_negates_its_verb_however_far() {
        assert!(denied(
            "Nobody on the weekend rota is ever judged on follower numbers.",
            false,
            "success-measure"
        ));
        assert!(denied(
            "No one in the branch network answers customer complaints online.",
            false,
            "answer"
        ));
    }
}
