//! The charter's language: declared in its metadata, or guessed from its text.

use crate::model::Charter;
use crate::model::Language;

/// Common function words; counting them tells French from English on a few
/// sentences already.
const FRENCH: &[&str] = &[
    "le", "la", "les", "des", "du", "de", "un", "une", "et", "est", "sont", "nous", "vous", "pour", "dans", "sur",
    "avec", "pas", "ne", "qui", "que", "au", "aux", "ce", "cette", "ces", "leur", "être", "vos", "votre", "nos",
    "notre", "par", "en", "à", "il", "elle", "son", "sa", "ses", "chaque",
];
const ENGLISH: &[&str] = &[
    "the", "and", "is", "are", "we", "you", "for", "in", "on", "with", "not", "do", "who", "that", "to", "of", "this",
    "these", "their", "be", "or", "our", "your", "it", "an", "will", "by", "from", "every", "each", "they", "has",
    "have",
];

/// The language the charter's metadata declares.
pub fn declared_language(charter: &Charter) -> Option<Language> {
    charter
        .metadata
        .language
        .as_ref()
        .and_then(|l| Language::parse(&l.text))
}

/// The declared language, else a guess from the text.
pub fn detect_language(charter: &Charter) -> Option<Language> {
    declared_language(charter).or_else(|| guess_language(charter))
}

/// How many function words are enough to tell the language.
const ENOUGH_WORDS: usize = 400;

/// The language of the charter's text, from its function words (`None` when
/// it has none); the declared language, when there is one, comes first.
pub fn guess_language(charter: &Charter) -> Option<Language> {
    let (mut fr, mut en) = (0usize, 0usize);
    let blocks = charter
        .preamble
        .iter()
        .chain(charter.sections_flat().into_iter().flat_map(|s| s.blocks.iter()));
    let headings = charter.sections_flat().into_iter().map(|s| s.heading.text.as_str());
    'texts: for text in blocks.map(|b| b.text.as_str()).chain(headings) {
        for word in text
            .split(|c: char| !c.is_alphabetic())
            .filter(|w| !w.is_empty() && w.len() <= 6)
        {
            let lower = word.to_lowercase();
            fr += usize::from(FRENCH.contains(&lower.as_str()));
            en += usize::from(ENGLISH.contains(&lower.as_str()));
            // Hundreds of function words decide; a long charter need not be read to the end.
            if fr + en >= ENOUGH_WORDS {
                break 'texts;
            }
        }
    }
    match (fr, en) {
        (0, 0) => None,
        (fr, en) if fr >= en => Some(Language::Fr),
        _ => Some(Language::En),
    }
}
