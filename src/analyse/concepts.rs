//! Concepts: what a sentence talks about, from the bilingual inventory in
//! `rules/language/concepts.yaml`. Words are matched by their lemma (see
//! `morphology`), every concept of both languages in one automaton pass per
//! sentence; a match is dropped when the clause shows another sense of the
//! word (`not-with`).

use super::morphology::{Morphology, Position};
use super::phrases::PhraseSet;
use super::text::{Sentence, fold, sentences, stem};
use crate::model::{Language, LintText};
use serde::Deserialize;
use std::collections::BTreeMap;
use std::ops::Range;

const CONCEPTS: &str = include_str!("../../rules/language/concepts.yaml");

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct ConceptSpec {
    #[allow(dead_code)] // Documentation for people reading the inventory.
    description: String,
    #[serde(default)]
    not_with: Vec<String>,
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

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConceptMatch {
    pub concept: usize,
    pub tokens: Range<usize>,
}

/// The concept whose matches mask others (fixed expressions, another word).
const OTHER_SENSE: &str = "other-sense";

pub struct Concepts {
    pub ids: Vec<String>,
    other_sense: Option<usize>,
    not_with: Vec<Vec<usize>>,
    en: PhraseSet<usize>,
    fr: PhraseSet<usize>,
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
        let index = |id: &str| {
            ids.iter()
                .position(|c| c == id)
                .ok_or_else(|| format!("concept inventory: unknown concept `{id}`"))
        };
        let morphology = Morphology::builtin();
        let mut not_with = Vec::new();
        let (mut en, mut fr) = (Vec::new(), Vec::new());
        for (concept, spec) in specs.values().enumerate() {
            not_with.push(spec.not_with.iter().map(|id| index(id)).collect::<Result<_, _>>()?);
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
        Ok(Concepts {
            other_sense: ids.iter().position(|c| c == OTHER_SENSE),
            ids,
            not_with,
            en: PhraseSet::from_patterns(dedup(en)),
            fr: PhraseSet::from_patterns(dedup(fr)),
            morphology,
        })
    }

    pub fn index(&self, id: &str) -> Option<usize> {
        self.ids.iter().position(|c| c == id)
    }

    /// The lemmas of a sentence of `text`.
    pub fn lemmas(&self, sentence: &Sentence, text: &str, language: Language) -> Lemmas {
        lemmatise(&self.morphology, sentence, text, language)
    }

    /// The concepts of a sentence, other senses removed.
    pub fn find(&self, sentence: &Sentence, lemmas: &Lemmas, language: Language) -> Vec<ConceptMatch> {
        let set = match language {
            Language::En => &self.en,
            Language::Fr => &self.fr,
        };
        let found: Vec<ConceptMatch> = set
            .find_in(&lemmas.text, &lemmas.starts)
            .filter(|(_, tokens)| !sentence.tokens[tokens.clone()].iter().any(|t| t.quoted))
            .map(|(&concept, tokens)| ConceptMatch { concept, tokens })
            .collect();
        let clause = |m: &ConceptMatch| sentence.tokens[m.tokens.start].clause;
        let masked = |m: &ConceptMatch| {
            found.iter().any(|o| {
                Some(o.concept) == self.other_sense && o.tokens.start < m.tokens.end && m.tokens.start < o.tokens.end
            })
        };
        found
            .iter()
            .filter(|m| Some(m.concept) != self.other_sense && !masked(m))
            .filter(|m| {
                !found
                    .iter()
                    .any(|o| self.not_with[m.concept].contains(&o.concept) && clause(o) == clause(m))
            })
            .cloned()
            .collect()
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
    let lemmas = lemmatise(morphology, &sentence, text.as_str(), language);
    let words: Vec<&str> = lemmas.text.split_whitespace().collect();
    let mut out = vec![lemmas.text.clone()];
    let second = sentence.tokens.get(1).map(|t| t.norm.as_str());
    if language == Language::En && words.len() >= 2 && second.is_some_and(|w| PARTICLES.contains(&w)) {
        for object in OBJECTS {
            let object = morphology.lemma(object, language, super::morphology::Position::First);
            out.push(format!(" {} {object} {} ", words[0], words[1..].join(" ")));
        }
    }
    out
}

fn lemmatise(morphology: &Morphology, sentence: &Sentence, text: &str, language: Language) -> Lemmas {
    let mut out = Lemmas {
        text: String::from(" "),
        starts: Vec::with_capacity(sentence.tokens.len()),
    };
    for (i, token) in sentence.tokens.iter().enumerate() {
        let surface = &text[token.range.clone()];
        // Elisions and contractions were written out ("l'" → "le", "n't" →
        // "not"): the written-out word is the one to lemmatise.
        let rewritten = token.norm != stem(&fold(surface), surface);
        let position = match i.checked_sub(1) {
            Some(p) => Position::After(&sentence.tokens[p].norm),
            None => Position::First,
        };
        let lemma = if rewritten {
            token.norm.clone()
        } else {
            morphology.lemma(surface, language, position)
        };
        out.starts.push(out.text.len());
        out.text.push_str(&lemma);
        out.text.push(' ');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

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

    #[test]
    fn inventory_loads_and_every_phrase_has_words() {
        let concepts = Concepts::builtin().unwrap();
        assert!(concepts.ids.len() > 40);
    }

    #[test]
    fn inflections_reach_the_concept() {
        let has = |text, lang, id: &str| concepts_in(text, lang).contains(&id.to_string());
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
    }
}
