//! `broadcast-practice` (broadcast/*): a one-way practice the charter asks
//! for, read with the language engine. A sentence prescribes the practice
//! when it completes one of the rule's frames (concepts said, denied, or
//! present in any polarity) and nothing narrows it: a narrow case in the
//! sentence (journalists, a crisis, abuse, an exception), a block that shows
//! the practice as a mistake or a thing of the past, the acceptable nearby
//! practice in the same block, or, for "only" conditions, anywhere in the
//! charter. Precision first: a doubtful sentence stays silent.

use crate::analyse::concepts::ConceptSet;
use crate::analyse::{Analysis, Lexicons};
use crate::rules::{Check, Context, Emitter, Localized};
use serde::Deserialize;
use std::cell::OnceCell;
use std::collections::HashMap;
use std::ops::Range;

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FrameSpec {
    /// Concepts the sentence says (not negated, not forbidden).
    #[serde(default)]
    said: Vec<String>,
    /// Concepts the sentence negates or forbids ("do not reply").
    #[serde(default)]
    denied: Vec<String>,
    /// Groups of concepts: one of each group present, in any polarity.
    #[serde(default)]
    any: Vec<Vec<String>>,
    /// Groups of concepts: one of each group said.
    #[serde(default)]
    said_any: Vec<Vec<String>>,
    /// Groups of concepts: one of each group denied.
    #[serde(default)]
    denied_any: Vec<Vec<String>>,
    /// Concepts the sentence must not hold, in any polarity: what turns
    /// the words into another act ("invited to report a post" is no
    /// invitation to post).
    #[serde(default)]
    absent: Vec<String>,
    /// The practice whatever the rest of the charter says: `unless_charter`
    /// is not read ("every press release is posted on our accounts").
    #[serde(default)]
    despite_charter: bool,
    /// Groups of concepts some guidance sentence of the charter says, one
    /// of each: the other half of a practice stated in two places ("nobody
    /// monitors the account" in a charter that schedules its posts).
    #[serde(default)]
    charter_said_any: Vec<Vec<String>>,
    /// Two groups of concepts whose words must stand close together in the
    /// sentence (within `BOUND_REACH` words): "only" bound to the people it
    /// restricts ("only the press office may post", "la cellule est seule
    /// habilitée"), not to what is posted ("post only related content").
    /// A first-group word at the head of the sentence binds to its subject,
    /// one before "by" to the agent, and one next to a pronoun subject
    /// standing for the sentence before; a first-group concept said only by
    /// a lead-in binds.
    #[serde(default)]
    bound: Vec<Vec<String>>,
    /// Concepts no guidance sentence of the charter says: a practice read
    /// across the document ("the accounts announce, and nothing in the
    /// charter answers anyone").
    #[serde(default)]
    charter_silent_on: Vec<String>,
    /// How many sentences of the charter must complete the frame: what
    /// the accounts are mostly used for, not one post among others.
    #[serde(default)]
    charter_at_least: usize,
    /// What the finding adds when this frame read it: the scope read
    /// across the charter, which the sentence alone does not show.
    #[serde(default)]
    note: Option<Localized>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Params {
    /// Any one complete frame in a sentence is the practice.
    frames: Vec<FrameSpec>,
    /// Concepts that narrow a sentence to a case, in any polarity.
    #[serde(default)]
    narrow: Vec<String>,
    /// Cases that narrow a sentence only when it names nothing of the rest
    /// ("not the place for private conversations" is a case; "neither
    /// comments nor private messages get an answer" is the practice).
    #[serde(default)]
    narrow_unless: Vec<NarrowUnlessSpec>,
    /// Concepts that show the practice as a mistake, a bad example or the
    /// past, anywhere in the block.
    #[serde(default)]
    rejected: Vec<String>,
    /// The acceptable nearby practice said in the same block.
    #[serde(default)]
    unless_block: Vec<FrameSpec>,
    /// The other side of an "only" condition, said anywhere in the charter.
    #[serde(default)]
    unless_charter: Vec<FrameSpec>,
    /// `unless_charter` answers only a practice prescribed for staff ("staff
    /// do not answer" while the accounts answer), not for the accounts.
    #[serde(default)]
    unless_charter_for_staff_only: bool,
    /// Read a list item with its lead-in ("We only use social media for two
    /// things:"); the item must still name the practice itself.
    #[serde(default)]
    lead_in: bool,
    /// `unless_block` is read in the whole list or table of the sentence:
    /// "followers" next to "questions answered" in one list of measures.
    #[serde(default)]
    unless_in_list: bool,
    /// Topics that, all covered by the charter, show the practice is not its
    /// way of working: a sentence of it is then a case ("comments are not
    /// answered there" in a charter that answers, listens and converses).
    #[serde(default)]
    silent_when_covered: Vec<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NarrowUnlessSpec {
    case: Vec<String>,
    unless: Vec<String>,
}

/// Concepts that narrow a sentence to a case, unless it also names one of
/// `unless` (empty for the unconditional `narrow` list).
struct NarrowCase {
    case: ConceptSet,
    unless: ConceptSet,
}

struct Frame {
    said: ConceptSet,
    denied: ConceptSet,
    any: Vec<ConceptSet>,
    said_any: Vec<ConceptSet>,
    denied_any: Vec<ConceptSet>,
    absent: ConceptSet,
    despite_charter: bool,
    charter_said_any: Vec<ConceptSet>,
    bound: Option<(ConceptSet, ConceptSet)>,
    charter_silent_on: ConceptSet,
    charter_at_least: usize,
    note: Option<Localized>,
}

impl Frame {
    fn new(spec: &FrameSpec, lexicons: &Lexicons) -> Result<Frame, String> {
        let groups = |groups: &[Vec<String>]| -> Result<Vec<ConceptSet>, String> {
            groups.iter().map(|group| concept_set(group, lexicons)).collect()
        };
        let frame = Frame {
            said: concept_set(&spec.said, lexicons)?,
            denied: concept_set(&spec.denied, lexicons)?,
            any: groups(&spec.any)?,
            said_any: groups(&spec.said_any)?,
            denied_any: groups(&spec.denied_any)?,
            absent: concept_set(&spec.absent, lexicons)?,
            despite_charter: spec.despite_charter,
            charter_said_any: groups(&spec.charter_said_any)?,
            bound: match groups(&spec.bound)?.as_slice() {
                [] => None,
                &[word, to] => Some((word, to)),
                _ => return Err("`bound` takes two groups of concepts".into()),
            },
            charter_silent_on: concept_set(&spec.charter_silent_on, lexicons)?,
            charter_at_least: spec.charter_at_least,
            note: spec.note.clone(),
        };
        if frame.said == ConceptSet::default()
            && frame.denied == ConceptSet::default()
            && frame.said_any.is_empty()
            && frame.denied_any.is_empty()
        {
            return Err("a frame needs `said`, `denied`, `said_any` or `denied_any` concepts".into());
        }
        Ok(frame)
    }

    fn denies(&self) -> bool {
        self.denied != ConceptSet::default() || !self.denied_any.is_empty()
    }

    /// The concepts that name the practice itself: what a list item must say
    /// on its own, its lead-in bringing only the rest (scope, "only").
    fn core(&self) -> ConceptSet {
        let core = self.said.union(self.denied);
        match (core == ConceptSet::default(), self.said_any.first()) {
            (true, Some(first)) => *first,
            _ => core,
        }
    }

    fn completed_by(&self, reading: &Reading) -> bool {
        reading.own.intersects(self.core())
            && reading.said.covers(self.said)
            && reading.denied.covers(self.denied)
            && self.any.iter().all(|group| reading.present().intersects(*group))
            && self.said_any.iter().all(|group| reading.said.intersects(*group))
            && self.denied_any.iter().all(|group| reading.denied.intersects(*group))
            && !reading.present().intersects(self.absent)
    }

    /// Whether the sentence's words of the `bound` groups stand together.
    fn bound_in(&self, analysis: &Analysis<'_>, sentence: usize) -> bool {
        let Some((word, to)) = self.bound else {
            return true;
        };
        let concepts = &analysis.sentences[sentence].concepts;
        let words: Vec<&Range<usize>> = (concepts.iter())
            .filter(|m| word.contains(m.concept))
            .map(|m| &m.tokens)
            .collect();
        // Near, and not one inside a parenthesis the other is outside of
        // ("(animation en magasin, atelier), exclusivement à partir des modèles").
        let close = |a: &Range<usize>, b: &Range<usize>| {
            a.start.max(b.start).saturating_sub(a.end.min(b.end)) < BOUND_REACH
                && !analysis.text_between(sentence, a, b).contains(['(', ')'])
        };
        // At the head of the sentence, the word restricts its subject, named or
        // not ("Seule la chancellerie est autorisée…", "Only the PIO…").
        let toks = &analysis.sentences[sentence].sentence.tokens;
        let words_before = |at: usize| toks[..at].iter().filter(|t| t.is_word()).count();
        let pronoun_subject = analysis.antecedent(sentence).is_some();
        // "Managed exclusively by the Communications and Engagement Team":
        // the agent after "by" is who is restricted, however it is named.
        let before_agent = |w: &Range<usize>| toks.get(w.end).is_some_and(|t| matches!(t.norm.as_str(), "by" | "par"));
        words.is_empty()
            || words.iter().any(|w| {
                words_before(w.start) <= 1
                    || before_agent(w)
                    || pronoun_subject && w.start <= BOUND_REACH
                    || (concepts.iter()).any(|m| to.contains(m.concept) && close(w, &m.tokens))
            })
    }

    /// Whether the charter holds the rest of the practice: a guidance
    /// sentence, not a prohibition, that says one of each `charter_said_any`
    /// group; no guidance sentence that says a `charter_silent_on` concept;
    /// at least `charter_at_least` sentences that complete the frame, each
    /// read as the check reads it (`reading`).
    fn backed_by(&self, analysis: &Analysis<'_>, reading: impl Fn(usize) -> Reading) -> bool {
        let guidance = || (0..analysis.sentences.len()).filter(|&s| analysis.carries_topics(s));
        let said = |s: usize| analysis.polar_concepts(s).0;
        (self.charter_said_any.is_empty()
            || guidance().any(|s| {
                self.charter_said_any.iter().all(|group| said(s).intersects(*group)) && !analysis.is_prohibition(s)
            }))
            && !guidance().any(|s| said(s).intersects(self.charter_silent_on))
            && (self.charter_at_least <= 1
                || guidance().filter(|&s| self.completed_by(&reading(s))).count() >= self.charter_at_least)
    }
}

fn concept_set(ids: &[String], lexicons: &Lexicons) -> Result<ConceptSet, String> {
    ids.iter()
        .map(|id| {
            lexicons
                .concepts
                .index(id)
                .ok_or_else(|| format!("unknown concept `{id}` (see rules/language/concepts.yaml)"))
        })
        .collect()
}

/// One sentence's concepts with their polarity.
struct Reading {
    said: ConceptSet,
    denied: ConceptSet,
    /// What the sentence says or denies itself, without its lead-in.
    own: ConceptSet,
}

impl Reading {
    /// A list item may be read with its lead-in: "We only use social media
    /// for two things:" says what each item below is for.
    fn of(analysis: &Analysis<'_>, sentence: usize, with_lead_in: bool) -> Reading {
        let (said, denied) = analysis.polar_concepts(sentence);
        let own = said.union(denied);
        match with_lead_in.then(|| analysis.lead_in(sentence)).flatten() {
            Some(lead_in) => {
                let (lead_said, lead_denied) = analysis.polar_concepts(lead_in);
                Reading {
                    said: said.union(lead_said),
                    denied: denied.union(lead_denied),
                    own,
                }
            }
            None => Reading { said, denied, own },
        }
    }

    fn present(&self) -> ConceptSet {
        self.said.union(self.denied)
    }

    /// A sentence whose subject is a pronoun ("Elle est seule habilitée à
    /// publier") takes the actors the sentence before names as its own
    /// subject ("La cellule communication administre les comptes").
    fn with_antecedent(mut self, analysis: &Analysis<'_>, sentence: usize, actors: ConceptSet) -> Reading {
        if let Some(before) = analysis.antecedent(sentence) {
            let (said, denied) = analysis.polar_concepts(before);
            self.said = self.said.union(said.intersection(actors));
            self.denied = self.denied.union(denied.intersection(actors));
        }
        self
    }
}

/// Whose practice the sentence prescribes, named in the finding's label:
/// the organisation's accounts, its staff, or (neither named) the whole
/// organisation.
struct Scope {
    accounts: ConceptSet,
    people: ConceptSet,
    /// The organisation as an actor: "we", its accounts.
    actors: ConceptSet,
    names: [Localized; 3],
}

fn localized(en: &str, fr: &str) -> Localized {
    Localized {
        en: en.into(),
        fr: fr.into(),
    }
}

/// Words that extend a rule to a case rather than limit it to one: "even",
/// "including", "y compris", "même" (normalised, accents folded).
const EXTENSIONS: &[&str] = &["even", "including", "compris", "meme", "also", "aussi"];
/// How far before a narrow case an extension word may stand.
const EXTENSION_REACH: usize = 5;
/// Words that open alternatives, all covered: "whether on an official or a
/// personal account", "que ce soit…" (normalised); they reach further.
const ALTERNATIVES: &[&str] = &["whether", "soit"];
const ALTERNATIVE_REACH: usize = 12;
/// How many words may stand between the words of a `bound` frame: "only"
/// and its people ("only authorised members of the team").
const BOUND_REACH: usize = 4;

pub struct BroadcastPractice {
    frames: Vec<Frame>,
    narrow: Vec<NarrowCase>,
    rejected: ConceptSet,
    unless_block: Vec<Frame>,
    unless_charter: Vec<Frame>,
    unless_charter_for_staff_only: bool,
    lead_in: bool,
    unless_in_list: bool,
    /// Lexicon indices of `Params::silent_when_covered`.
    silent_when_covered: Vec<usize>,
    scope: Scope,
}

impl BroadcastPractice {
    pub fn new(params: Params, lexicons: &Lexicons) -> Result<BroadcastPractice, String> {
        let frames = |specs: &[FrameSpec]| -> Result<Vec<Frame>, String> {
            specs.iter().map(|f| Frame::new(f, lexicons)).collect()
        };
        if params.frames.is_empty() {
            return Err("`frames` is empty".into());
        }
        let known = |ids: &[&str]| -> ConceptSet { ids.iter().filter_map(|id| lexicons.concepts.index(id)).collect() };
        let unconditional = NarrowCase {
            case: concept_set(&params.narrow, lexicons)?,
            unless: ConceptSet::default(),
        };
        let conditional = params.narrow_unless.iter().map(|spec| {
            Ok(NarrowCase {
                case: concept_set(&spec.case, lexicons)?,
                unless: concept_set(&spec.unless, lexicons)?,
            })
        });
        Ok(BroadcastPractice {
            frames: frames(&params.frames)?,
            narrow: std::iter::once(Ok(unconditional))
                .chain(conditional)
                .collect::<Result<_, String>>()?,
            rejected: concept_set(&params.rejected, lexicons)?,
            unless_block: frames(&params.unless_block)?,
            unless_charter: frames(&params.unless_charter)?,
            unless_charter_for_staff_only: params.unless_charter_for_staff_only,
            lead_in: params.lead_in,
            unless_in_list: params.unless_in_list,
            silent_when_covered: params
                .silent_when_covered
                .iter()
                .map(|topic| lexicons.index(topic).ok_or_else(|| format!("unknown topic `{topic}`")))
                .collect::<Result<_, String>>()?,
            scope: Scope {
                accounts: known(&["we", "account", "presence", "platform"]),
                people: known(&["staff", "comms-team", "support-unit", "management", "spokesperson"]),
                actors: known(&["we", "account"]),
                names: [
                    localized("the organisation's accounts", "les comptes de l'organisation"),
                    localized("its staff", "son personnel"),
                    localized("the whole organisation", "toute l'organisation"),
                ],
            },
        })
    }

    /// Whether the sentence names a narrow case, other than as an extension
    /// of the rule ("even on their personal accounts", "y compris le week-end"),
    /// or its table row's header does ("| Indicateur | Objectif |" over
    /// "| Questions restées sans réponse | 0 % |" measures the silence).
    /// A sentence about "it" is narrowed by what the sentence before named:
    /// "Ce canal WhatsApp diffuse des informations pratiques. Il ne permet
    /// pas de répondre."; a section by its heading ("Accident, incident,
    /// alerte" above "Seule la direction décide du message publié").
    fn narrowed(&self, analysis: &Analysis<'_>, sentence: usize) -> bool {
        self.names_narrow_case(analysis, sentence)
            || analysis
                .antecedent(sentence)
                .is_some_and(|before| self.names_narrow_case(analysis, before))
            || analysis
                .header_of_row(sentence)
                .is_some_and(|header| self.names_narrow_case(analysis, header))
            || analysis
                .heading_sentences(sentence)
                .any(|heading| self.names_narrow_case(analysis, heading))
    }

    fn names_narrow_case(&self, analysis: &Analysis<'_>, sentence: usize) -> bool {
        let toks = &analysis.sentences[sentence].sentence.tokens;
        let (said, denied) = analysis.polar_concepts(sentence);
        let named = said.union(denied);
        analysis.sentences[sentence].concepts.iter().any(|m| {
            self.narrow
                .iter()
                .any(|n| n.case.contains(m.concept) && !named.intersects(n.unless))
                && !toks[m.tokens.start.saturating_sub(ALTERNATIVE_REACH)..m.tokens.start]
                    .iter()
                    .rev()
                    .enumerate()
                    .take_while(|(_, t)| t.clause == toks[m.tokens.start].clause)
                    .any(|(distance, t)| {
                        let word = t.norm.as_str();
                        distance < EXTENSION_REACH && EXTENSIONS.contains(&word) || ALTERNATIVES.contains(&word)
                    })
        })
    }

    fn scope(&self, reading: &Reading) -> &Localized {
        let present = reading.present();
        let which = if present.intersects(self.scope.accounts) {
            0
        } else if present.intersects(self.scope.people) {
            1
        } else {
            2
        };
        &self.scope.names[which]
    }

    /// Whether the sentence, read with its lead-in ("Il est interdit à tout
    /// collaborateur :") and with the sentence a pronoun subject continues,
    /// is for staff, named or addressed ("ne répondez pas à un client qui se
    /// plaint"), and names neither "we" nor an account as its actor ("on any
    /// social network" is a place, not an actor).
    /// A don't is read without what it asks instead ("…: orientez-le vers la
    /// page Facebook" names a page to send people to, not an actor).
    fn for_staff(&self, analysis: &Analysis<'_>, sentence: usize) -> bool {
        let around = |s: usize| Reading::of(analysis, s, false).present();
        let mut present = analysis.dont_concepts(sentence).unwrap_or_else(|| around(sentence));
        for other in [analysis.lead_in(sentence), analysis.antecedent(sentence)]
            .into_iter()
            .flatten()
        {
            present = present.union(around(other));
        }
        !present.intersects(self.scope.actors)
            && (present.intersects(self.scope.people) || analysis.addresses_reader(sentence))
    }
}

impl Check for BroadcastPractice {
    fn check(&self, ctx: &Context<'_>, emit: &mut Emitter<'_>) {
        let analysis = ctx.analysis;
        let covered = |&topic: &usize| matches!(analysis.coverage.get(topic), Some(Some(c)) if c.covered());
        if !self.silent_when_covered.is_empty() && self.silent_when_covered.iter().all(covered) {
            return;
        }
        // The readings are made once per charter (`Analysis::polar_concepts`).
        let subjects = self.scope.people.union(self.scope.accounts);
        let reading = |s: usize| Reading::of(analysis, s, self.lead_in).with_antecedent(analysis, s, subjects);
        // Whether the charter backs a frame is read once, and only for a
        // frame some sentence completes.
        let backed: Vec<OnceCell<bool>> = self.frames.iter().map(|_| OnceCell::new()).collect();
        // The first frame the sentence completes, where the charter backs it.
        let frame_of = |s: usize| {
            let this = reading(s);
            (self.frames.iter().zip(&backed)).find_map(|(f, backed)| {
                (f.completed_by(&this)
                    && f.bound_in(analysis, s)
                    && *backed.get_or_init(|| f.backed_by(analysis, reading)))
                .then_some(f)
            })
        };
        let practice = |s: usize| frame_of(s).is_some();
        // The nearby good practice is not a don't, unless the frame reads the
        // denial ("we never close comments"); in a prohibition, what it asks
        // instead counts ("staff do not answer themselves, but pass it to the
        // care team"; "…; pass it to their manager"): the practice after the
        // contrast or the colon, with the rest of the
        // sentence (its subject is the denied verb's).
        let says = |frames: &[Frame], s: usize| {
            let reading = reading(s);
            let instead = analysis.said_instead(s).map(|after| Reading {
                said: reading.present(),
                denied: ConceptSet::default(),
                own: after,
            });
            frames.iter().any(|f| {
                f.completed_by(&reading) && (f.denies() || !analysis.is_prohibition(s))
                    || instead.as_ref().is_some_and(|instead| f.completed_by(instead))
            })
        };
        let vetoed = |block: Range<usize>| {
            block.clone().any(|b| reading(b).present().intersects(self.rejected))
                || block.clone().any(|b| says(&self.unless_block, b))
        };
        let sentences = analysis.sentences.len();
        let mut charter_says_otherwise: Option<bool> = None;
        // A list's vetoes are read once, whichever of its items names the practice.
        let mut list_vetoed: HashMap<usize, bool> = HashMap::new();
        for s in 0..sentences {
            if !analysis.carries_topics(s) || analysis.sentence_text(s).ends_with('?') {
                continue;
            }
            let Some(frame) = frame_of(s) else {
                continue;
            };
            if self.narrowed(analysis, s) {
                continue;
            }
            let block_vetoed = match analysis.lead_in(s) {
                Some(lead_in) if self.unless_in_list => *list_vetoed
                    .entry(lead_in)
                    .or_insert_with(|| vetoed(analysis.list_sentences(s))),
                _ => vetoed(analysis.block_sentences(s)),
            };
            if block_vetoed {
                continue;
            }
            // Elsewhere in the charter, a sentence that prescribes the practice
            // is no evidence against it ("only X is authorised…" authorises).
            let despite_charter = {
                let reading = reading(s);
                self.frames
                    .iter()
                    .any(|f| f.despite_charter && f.completed_by(&reading))
            };
            if !despite_charter && (!self.unless_charter_for_staff_only || self.for_staff(analysis, s)) {
                let otherwise = *charter_says_otherwise.get_or_insert_with(|| {
                    (0..sentences).any(|b| analysis.carries_topics(b) && !practice(b) && says(&self.unless_charter, b))
                });
                if otherwise {
                    continue;
                }
            }
            let sentence = analysis.sentence_text(s).to_string();
            let scope = emit.text(self.scope(&reading(s))).to_string();
            let note = frame.note.as_ref().map(|note| emit.text(note).to_string());
            let diagnostic = emit.emit(analysis.sentence_span(s), &[("phrase", &sentence), ("scope", &scope)]);
            diagnostic.notes.extend(note);
        }
    }
}
