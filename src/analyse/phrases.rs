//! Many phrases searched at once in normalised sentences (one Aho-Corasick
//! automaton per set, built once per run).

use super::text::Sentence;
use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};
use std::ops::Range;

/// A compiled set of phrases, each with a payload.
pub struct PhraseSet<T> {
    automaton: Option<AhoCorasick>,
    payloads: Vec<T>,
}

/// Normalises a lexicon phrase the way sentences are normalised. A final `*`
/// makes its last word a prefix (`répond*` matches `répondez`, `répondons`).
/// Returns `None` for a phrase with no words.
pub fn pattern(phrase: &str) -> Option<String> {
    let phrase = phrase.trim();
    let prefix = phrase.ends_with('*');
    let mut text = crate::model::LintText::new();
    text.push_verbatim(phrase.trim_end_matches('*'), 0);
    let tokens: Vec<_> = super::text::sentences(&text)
        .into_iter()
        .flat_map(|s| s.tokens)
        .collect();
    let (last, rest) = tokens.split_last()?;
    let mut out = String::from(" ");
    for token in rest {
        out.push_str(&token.norm);
        out.push(' ');
    }
    if prefix {
        // A prefix is matched as written: stemming would cut it shorter.
        out.push_str(&super::text::fold(&text.as_str()[last.range.clone()]));
    } else {
        out.push_str(&last.norm);
        out.push(' ');
    }
    Some(out)
}

impl<T> PhraseSet<T> {
    /// Compiles `(phrase, payload)` pairs; phrases without words are dropped.
    pub fn new(entries: impl IntoIterator<Item = (String, T)>) -> PhraseSet<T> {
        Self::from_patterns(
            entries
                .into_iter()
                .filter_map(|(phrase, payload)| pattern(&phrase).map(|p| (p, payload))),
        )
    }

    /// Compiles patterns already normalised as `" word word "`.
    pub fn from_patterns(entries: impl IntoIterator<Item = (String, T)>) -> PhraseSet<T> {
        let (patterns, payloads): (Vec<String>, Vec<T>) = entries.into_iter().unzip();
        let automaton = if patterns.is_empty() {
            None
        } else {
            AhoCorasick::builder()
                .match_kind(MatchKind::Standard)
                // Built once per run: with the concept inventory, a DFA took
                // ~40 ms to build (most of a one-file run) and searched
                // sentences no faster on the corpus benchmark than this.
                .kind(Some(AhoCorasickKind::ContiguousNFA))
                .build(&patterns)
                .ok()
        };
        PhraseSet { automaton, payloads }
    }

    pub fn is_empty(&self) -> bool {
        self.payloads.is_empty()
    }

    /// Every match in the sentence's normalised words: its payload and the tokens it covers.
    pub fn find<'s>(&'s self, sentence: &'s Sentence) -> impl Iterator<Item = (&'s T, Range<usize>)> + 's {
        self.find_in(&sentence.normalised, &sentence.token_starts)
    }

    /// Every match in a `" word word "` string whose tokens start at `starts`.
    pub fn find_in<'s>(
        &'s self,
        haystack: &'s str,
        starts: &'s [usize],
    ) -> impl Iterator<Item = (&'s T, Range<usize>)> + 's {
        let token_at = |offset: usize| starts.partition_point(|&s| s <= offset).saturating_sub(1);
        let matches = self.automaton.as_ref().map(|a| a.find_overlapping_iter(haystack));
        matches.into_iter().flatten().map(move |m| {
            // Patterns start with a space: the first token starts one byte later.
            let first = token_at(m.start() + 1);
            let last = token_at(m.end().saturating_sub(2).max(m.start() + 1));
            (&self.payloads[m.pattern().as_usize()], first..last + 1)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::LintText;

    fn sentence(s: &str) -> Sentence {
        let mut t = LintText::new();
        t.push_verbatim(s, 0);
        super::super::text::sentences(&t).remove(0)
    }

    #[test]
    fn phrases_match_whole_words_and_prefixes() {
        let set = PhraseSet::new([
            ("relation client".to_string(), 1),
            ("répond*".to_string(), 2),
            ("ou".to_string(), 3),
        ]);
        let s = sentence("La Relation-Clients répondra, où ? Nous y répondons.");
        let found: Vec<(i32, Range<usize>)> = set.find(&s).map(|(p, r)| (*p, r)).collect();
        assert!(found.contains(&(1, 1..3)), "{found:?}");
        assert!(found.contains(&(2, 3..4)), "{found:?}");
        assert!(found.contains(&(3, 4..5)), "accents fold: où matches ou ({found:?})");
        let none = PhraseSet::new([("client".to_string(), 1)]);
        assert_eq!(none.find(&sentence("clientèle")).count(), 0);
    }
}
