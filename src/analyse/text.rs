//! Words and sentences of lint text, normalised for matching: case, accents,
//! French elisions and English contractions, hyphens and plurals do not stop
//! a lexicon phrase from matching.

use crate::model::LintText;
use std::ops::Range;
use unicode_normalization::UnicodeNormalization;

/// One word of a sentence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    /// Normalised form (lowercase, no accents, light plural stemming).
    pub norm: String,
    /// Where the word is in the lint text.
    pub range: Range<usize>,
    /// Clauses are separated by `,;:()` and the like: negation does not cross them.
    pub clause: usize,
    /// Inside quotation marks: an example, not guidance.
    pub quoted: bool,
    /// An elision or contraction written out (`l'` → `le`, `don't` → `do
    /// not`): `norm` is the word, not the letters as written.
    pub written_out: bool,
}

impl Token {
    /// A word, not a number or a mark: list numbering ("4.1") does not
    /// open a sentence.
    pub fn is_word(&self) -> bool {
        self.norm.chars().any(char::is_alphabetic)
    }
}

/// Whether the French `ne` at `i` is restrictive, "only" rather than "not":
/// "nos comptes ne servent qu'à informer", "on ne publie que des annonces"
/// (a `que` follows before any `pas`, `jamais`, `plus`…).
pub fn is_restrictive_ne(tokens: &[Token], i: usize) -> bool {
    const NEGATIONS: &[&str] = &[
        "pas", "jamai", "jamais", "plu", "plus", "aucun", "aucune", "rien", "guere", "ni", "personne", "point",
    ];
    if tokens.get(i).is_none_or(|t| t.norm != "ne") {
        return false;
    }
    let after = &tokens[i + 1..tokens.len().min(i + 6)];
    after
        .iter()
        .take_while(|t| !NEGATIONS.contains(&t.norm.as_str()))
        .any(|t| matches!(t.norm.as_str(), "que" | "qu"))
}

/// A sentence: its range in the lint text and its words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sentence {
    pub range: Range<usize>,
    pub tokens: Vec<Token>,
    /// `" tok1 tok2 … "`: what phrase sets search.
    pub normalised: String,
    /// Byte offset of each token in `normalised`.
    pub token_starts: Vec<usize>,
}

/// French elided articles and pronouns, written out so that `n'` stays a
/// negation and `l'écoute` matches `écoute`.
const ELISIONS: &[(&str, &str)] = &[
    ("l", "le"),
    ("d", "de"),
    ("qu", "que"),
    ("n", "ne"),
    ("s", "se"),
    ("j", "je"),
    ("c", "ce"),
    ("m", "me"),
    ("t", "te"),
    ("jusqu", "jusque"),
    ("lorsqu", "lorsque"),
    ("puisqu", "puisque"),
    ("quoiqu", "quoique"),
];

fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '’' | 'ʼ' | '‘')
}

fn is_quote_mark(c: char) -> bool {
    matches!(c, '"' | '“' | '”' | '«' | '»' | '„')
}

fn is_clause_break(c: char) -> bool {
    matches!(c, ',' | ';' | ':' | '(' | ')' | '—' | '–' | '[' | ']')
}

/// Lowercase, accents removed, ligatures spelled out.
pub fn fold(word: &str) -> String {
    // Most words are ASCII: no decomposition needed.
    if word.is_ascii() {
        return word.to_ascii_lowercase();
    }
    let mut out = String::with_capacity(word.len());
    for c in word.nfd() {
        match c {
            'œ' | 'Œ' => out.push_str("oe"),
            'æ' | 'Æ' => out.push_str("ae"),
            'ß' => out.push_str("ss"),
            c if unicode_normalization::char::is_combining_mark(c) => {}
            c => out.extend(c.to_lowercase()),
        }
    }
    out
}

/// A light plural stemmer that serves French and English alike (the same
/// function runs on lexicon phrases, so both sides always agree).
///
/// `original` is the word before folding: French "publiés" must not lose its
/// ending like English "policies" does.
pub fn stem(word: &str, original: &str) -> String {
    let n = word.chars().count();
    if n > 4 && word.ends_with("eaux") {
        return word[..word.len() - 1].to_string();
    }
    if n > 4 && word.ends_with("aux") {
        return format!("{}al", &word[..word.len() - 3]);
    }
    if n > 4 && word.ends_with("ies") && !original.to_lowercase().ends_with("iés") {
        return format!("{}y", &word[..word.len() - 3]);
    }
    if n > 3 && word.ends_with('s') && !word.ends_with("ss") && !word.ends_with("us") && !word.ends_with("is") {
        return word[..word.len() - 1].to_string();
    }
    word.to_string()
}

/// Whether a text opens with an item's label: a letter, a small roman
/// numeral or a number, closed by a parenthesis ("(a)", "b)", "(iv)", "(2)")
/// or a degree sign ("1°"), then a space.
pub fn opens_with_enumerator(text: &str) -> bool {
    // Spaces only: it is asked at every line break, so a run of blank
    // lines must not be read again from each of them.
    let text = text.trim_start_matches([' ', '\t']);
    let (opened, rest) = match text.strip_prefix('(') {
        Some(rest) => (true, rest),
        None => (false, text),
    };
    let label_len = rest.find(|c: char| !c.is_ascii_alphanumeric()).unwrap_or(rest.len());
    let (label, after) = rest.split_at(label_len);
    let is_number = !label.is_empty() && label.len() <= 2 && label.bytes().all(|b| b.is_ascii_digit());
    let is_letter = label.len() == 1 && label.bytes().all(|b| b.is_ascii_alphabetic());
    let is_roman = !label.is_empty() && label.len() <= 4 && label.bytes().all(|b| matches!(b, b'i' | b'v' | b'x'));
    let closed = if let Some(after) = after.strip_prefix(')') {
        Some(after)
    } else if !opened && is_number {
        after.strip_prefix('°')
    } else {
        None
    };
    (is_number || is_letter || is_roman) && closed.is_some_and(|after| after.starts_with([' ', '\t']))
}

/// Splits a lint text into sentences of normalised tokens.
pub fn sentences(text: &LintText) -> Vec<Sentence> {
    let s = text.as_str();
    let mut out = Vec::new();
    let mut start = 0;
    let chars: Vec<(usize, char)> = s.char_indices().collect();
    for (i, &(at, c)) in chars.iter().enumerate() {
        let next = chars.get(i + 1).map(|&(_, c)| c);
        // The next word's first letter, looked up only after a full stop (a
        // lookup at every character is quadratic on long runs of spaces).
        let after_space = || chars[i + 1..].iter().find(|(_, c)| !c.is_whitespace()).map(|&(_, c)| c);
        let ends = match c {
            '.' | '!' | '?' | '…' => {
                next.is_none_or(char::is_whitespace) && after_space().is_none_or(|c| !c.is_lowercase())
            }
            '|' => true,
            // A line of its own for each item of a list written as lines
            // of one paragraph ("a) …;" then "b) …;").
            '\n' => next == Some('\n') || opens_with_enumerator(&s[at + 1..]),
            _ => false,
        };
        if ends {
            // A table cell's bar separates; it is not part of the cell's text.
            let end = if c == '|' { at } else { at + c.len_utf8() };
            push_sentence(s, start..end, &mut out);
            start = at + c.len_utf8();
        }
    }
    push_sentence(s, start..s.len(), &mut out);
    out
}

fn push_sentence(text: &str, range: Range<usize>, out: &mut Vec<Sentence>) {
    let tokens = tokens(text, range.clone());
    if tokens.is_empty() {
        return;
    }
    let mut normalised = String::from(" ");
    let mut token_starts = Vec::with_capacity(tokens.len());
    for token in &tokens {
        token_starts.push(normalised.len());
        normalised.push_str(&token.norm);
        normalised.push(' ');
    }
    out.push(Sentence {
        range,
        tokens,
        normalised,
        token_starts,
    });
}

/// Words of `text[range]`, with elisions and contractions written out.
fn tokens(text: &str, range: Range<usize>) -> Vec<Token> {
    let mut raw: Vec<(Range<usize>, usize, bool, bool)> = Vec::new(); // range, clause, quoted, after apostrophe
    let mut clause = 0;
    let mut quoted = false;
    let mut word_start: Option<usize> = None;
    let mut after_apostrophe = false;
    let slice = &text[range.clone()];
    let mut previous: Option<char> = None;
    for (i, c) in slice.char_indices() {
        let at = range.start + i;
        if c.is_alphanumeric() {
            if word_start.is_none() {
                word_start = Some(at);
            }
        } else {
            if let Some(ws) = word_start.take() {
                raw.push((ws..at, clause, quoted, after_apostrophe));
            }
            if is_apostrophe(c) && previous.is_some_and(char::is_alphanumeric) {
                after_apostrophe = true;
                previous = Some(c);
                continue;
            }
            after_apostrophe = false;
            if is_clause_break(c) {
                clause += 1;
            } else if is_quote_mark(c) {
                quoted = !quoted;
                clause += 1;
            }
        }
        previous = Some(c);
    }
    if let Some(ws) = word_start {
        raw.push((ws..range.end, clause, quoted, after_apostrophe));
    }

    let mut out: Vec<Token> = Vec::with_capacity(raw.len());
    for (r, clause, quoted, after_apostrophe) in raw {
        let original = &text[r.clone()];
        let word = fold(original);
        if let (true, Some(last)) = (after_apostrophe, out.last_mut()) {
            // French elision: the previous token was the elided word.
            if let Some((_, full)) = ELISIONS.iter().find(|(short, _)| *short == last.norm) {
                last.norm = (*full).to_string();
                last.written_out = true;
            } else if word == "t" && last.norm.ends_with('n') {
                // English `n't`.
                last.norm = match last.norm.as_str() {
                    "won" => "will".to_string(),
                    "can" => "can".to_string(),
                    other => other[..other.len() - 1].to_string(),
                };
                last.written_out = true;
                out.push(Token {
                    norm: "not".into(),
                    range: r,
                    clause,
                    quoted,
                    written_out: true,
                });
                continue;
            } else if matches!(word.as_str(), "s" | "re" | "ve" | "ll" | "d" | "m") {
                continue;
            }
        }
        out.push(Token {
            norm: stem(&word, original),
            range: r,
            clause,
            quoted,
            written_out: false,
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn norms(s: &str) -> Vec<String> {
        let mut t = LintText::new();
        t.push_verbatim(s, 0);
        sentences(&t)
            .into_iter()
            .flat_map(|s| s.tokens.into_iter().map(|t| t.norm))
            .collect()
    }

    #[test]
    fn elisions_accents_and_plurals() {
        assert_eq!(
            norms("L’écoute d'Élodie n'est pas"),
            ["le", "ecoute", "de", "elodie", "ne", "est", "pas"]
        );
        assert_eq!(
            norms("réseaux sociaux, policies, publiés"),
            ["reseau", "social", "policy", "publie"]
        );
        assert_eq!(
            norms("We don't reply; can't"),
            ["we", "do", "not", "reply", "can", "not"]
        );
        assert_eq!(norms("e-réputation"), ["e", "reputation"]);
    }

    #[test]
    fn items_written_as_lines_of_a_paragraph_are_sentences() {
        for item in ["(a) x", "b) x", "(iv) x", "1° x", "(2) x", "  c)\tx"] {
            assert!(opens_with_enumerator(item), "{item}");
        }
        for not_item in ["(ab) x", "a)b", "e.g. x", "Hello (a) x", "(a x", "ab) x", "123) x"] {
            assert!(!opens_with_enumerator(not_item), "{not_item}");
        }
        let mut t = LintText::new();
        t.push_verbatim(
            "Il est interdit :\na) de divulguer ;\nb) de répondre ;\nsans quoi rien",
            0,
        );
        let s = sentences(&t);
        assert_eq!(s.len(), 3);
    }

    #[test]
    fn sentences_and_clauses() {
        let mut t = LintText::new();
        t.push_verbatim("First one. Second, with a clause! e.g. lower stays", 0);
        let s = sentences(&t);
        assert_eq!(s.len(), 2);
        assert_eq!(
            s[1].tokens.iter().map(|t| t.clause).collect::<Vec<_>>(),
            [0, 1, 1, 1, 1, 1, 1, 1]
        );
    }

    #[test]
    fn quotation_marks_mark_examples() {
        let mut t = LintText::new();
        t.push_verbatim("Never write « no comment » here", 0);
        let s = &sentences(&t)[0];
        let quoted: Vec<bool> = s.tokens.iter().map(|t| t.quoted).collect();
        assert_eq!(quoted, [false, false, true, true, false]);
    }
}
