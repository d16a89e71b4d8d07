//! Lexicons: the vocabulary rules look for, as data (`rules/lexicons/*.yaml`).
//! Every lexicon is compiled into one automaton per run, never per file.

use super::concepts::Concepts;
use super::coverage::{TopicModels, builtin_models};
use super::phrases::{PhraseSet, pattern};
use super::stance::StanceModel;
use serde::Deserialize;
use std::collections::{BTreeMap, BTreeSet};

include!(concat!(env!("OUT_DIR"), "/builtin_lexicons.rs"));

/// The same thing in French and in English.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PerLanguage<T> {
    #[serde(default)]
    pub en: T,
    #[serde(default)]
    pub fr: T,
}

/// When a section covers a topic from its content alone.
#[derive(Debug, Clone, Copy, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Threshold {
    /// Summed weight of distinct terms in one paragraph or list item.
    pub block: u32,
    /// Summed weight of distinct terms in one section's own text.
    pub section: u32,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LexiconSpec {
    #[serde(skip)]
    pub id: String,
    /// What a topic is called in a report (empty for cue lexicons).
    #[serde(default)]
    pub name: PerLanguage<String>,
    pub description: String,
    /// Phrases that, in a heading, name what the lexicon is about.
    #[serde(default)]
    pub headings: PerLanguage<Vec<String>>,
    /// Phrases and their weight (1 weak, 2 good, 3 decisive; 0 for a fixed
    /// expression that holds a term but is not one: "sans cesse" negates nothing).
    #[serde(default)]
    pub terms: PerLanguage<BTreeMap<String, u32>>,
    /// For topic lexicons: when content alone covers the topic.
    #[serde(default)]
    pub threshold: Option<Threshold>,
}

/// What a term match refers to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TermRef {
    pub lexicon: usize,
    /// Unique across all lexicons (distinct terms are counted once per block).
    pub term: usize,
    pub weight: u32,
}

pub struct Lexicons {
    pub specs: Vec<LexiconSpec>,
    /// The concept inventory and the built-in topics' frames over it.
    pub concepts: Concepts,
    pub models: TopicModels,
    pub stance: StanceModel,
    pub terms: PhraseSet<TermRef>,
    pub headings: PhraseSet<usize>,
}

impl Lexicons {
    /// Parses and compiles lexicon files given as `(id, yaml)`.
    pub fn load<'a>(
        files: impl IntoIterator<Item = (&'a str, &'a str)>,
    ) -> Result<Lexicons, (String, serde_yaml::Error)> {
        let mut specs = Vec::new();
        for (id, text) in files {
            let mut spec: LexiconSpec = serde_yaml::from_str(text).map_err(|e| (id.to_string(), e))?;
            spec.id = id.to_string();
            specs.push(spec);
        }
        let mut term_entries = Vec::new();
        let mut heading_entries = Vec::new();
        for (lexicon, spec) in specs.iter().enumerate() {
            // Spellings that normalise alike ("emergency", "emergencies") are one term.
            let mut seen: BTreeSet<String> = BTreeSet::new();
            for (phrase, weight) in spec.terms.en.iter().chain(&spec.terms.fr) {
                if seen.insert(pattern(phrase).unwrap_or_default()) {
                    let term = term_entries.len();
                    term_entries.push((
                        phrase.clone(),
                        TermRef {
                            lexicon,
                            term,
                            weight: *weight,
                        },
                    ));
                }
            }
            for phrase in spec.headings.en.iter().chain(&spec.headings.fr) {
                heading_entries.push((phrase.clone(), lexicon));
            }
        }
        let concepts = Concepts::builtin().expect("the built-in concept inventory is valid (tested)");
        let models = builtin_models(&concepts).expect("the built-in topic models are valid (tested)");
        let stance = StanceModel::builtin(&concepts, &specs).expect("the built-in stance model is valid (tested)");
        Ok(Lexicons {
            specs,
            concepts,
            models,
            stance,
            terms: PhraseSet::new(term_entries),
            headings: PhraseSet::new(heading_entries),
        })
    }

    pub fn builtin() -> Result<Lexicons, (String, serde_yaml::Error)> {
        Self::load(BUILTIN_LEXICONS.iter().copied())
    }

    pub fn index(&self, id: &str) -> Option<usize> {
        self.specs.iter().position(|s| s.id == id)
    }
}
