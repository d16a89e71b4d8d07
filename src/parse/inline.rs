//! Visible text of a Markdown block: link text, emphasis content and image alt
//! text stay; URLs, code, HTML tags and site-generator markup go.

use super::markdown::{MarkdownGrammar, Rule};
use crate::model::{Comment, LintText};
use pest::Parser;
use pest::iterators::Pair;
use std::collections::HashMap;
use std::ops::Range;

/// Visible text of `raw` (a block's text with its source mapping); HTML
/// comments found on the way are added to `comments`.
pub fn visible_text(raw: &LintText, comments: &mut Vec<Comment>) -> LintText {
    let mut out = LintText::new();
    let text = raw.as_str();
    let Ok(mut pairs) = MarkdownGrammar::parse(Rule::inline, text) else {
        // The inline grammar ends in a catch-all; keep the text rather than lose it.
        out.push_from(raw, 0..text.len());
        return out;
    };
    if let Some(inline) = pairs.next() {
        let literals = unmatched_delimiters(raw.as_str(), inline.clone());
        for piece in inline.into_inner() {
            push_piece(piece, raw, &literals, &mut out, comments);
        }
    }
    out
}

fn push_piece(
    piece: Pair<'_, Rule>,
    raw: &LintText,
    literals: &HashMap<usize, usize>,
    out: &mut LintText,
    comments: &mut Vec<Comment>,
) {
    let span = piece.as_span();
    let range = span.start()..span.end();
    match piece.as_rule() {
        Rule::text | Rule::stray | Rule::link_run => out.push_from(raw, range),
        Rule::escape => {
            if let Some(escaped) = piece.into_inner().next() {
                let s = escaped.as_span();
                out.push_from(raw, s.start()..s.end());
            }
        }
        Rule::link => {
            if let Some(link_text) = piece.into_inner().find(|p| p.as_rule() == Rule::link_text) {
                for inner in link_text.into_inner() {
                    push_piece(inner, raw, literals, out, comments);
                }
            }
        }
        Rule::image => {
            if let Some(alt) = piece.into_inner().find(|p| p.as_rule() == Rule::image_alt) {
                let s = alt.as_span();
                out.push_from(raw, s.start()..s.end());
            }
        }
        Rule::entity => {
            let decoded = decode_entity(piece.as_str());
            match decoded {
                Some(c) => {
                    let source = raw.source_span(range);
                    out.push_synthetic(c.encode_utf8(&mut [0; 4]), source);
                }
                None => out.push_from(raw, range),
            }
        }
        Rule::emphasis => {
            // Unmatched delimiter characters are literal text.
            let literal = literals.get(&range.start).copied().unwrap_or(0);
            let opener = piece.as_str().len() > literal && literal > 0 && is_opener(raw.as_str(), &range);
            if opener {
                out.push_from(raw, range.start..range.start + literal);
            } else if literal > 0 {
                out.push_from(raw, range.end - literal..range.end);
            }
        }
        // A line break tag separates words.
        Rule::html_tag if piece.as_str().to_ascii_lowercase().starts_with("<br") => {
            out.push_synthetic(" ", raw.source_span(range));
        }
        Rule::html_comment => comments.push(Comment {
            text: piece.as_str().to_string(),
            span: raw.source_span(range),
        }),
        // Code, URLs and generator markup carry no prose.
        _ => {}
    }
}

fn is_space(c: Option<char>) -> bool {
    c.is_none_or(char::is_whitespace)
}

/// A delimiter run followed by text can open emphasis.
fn is_opener(text: &str, run: &Range<usize>) -> bool {
    !is_space(text[run.end..].chars().next())
}

/// How many characters of each emphasis delimiter run (by start offset) stay
/// literal, after pairing openers with closers of the same character as
/// CommonMark does (a simplified delimiter-stack algorithm).
fn unmatched_delimiters(text: &str, inline: Pair<'_, Rule>) -> HashMap<usize, usize> {
    let mut left: HashMap<usize, usize> = HashMap::new();
    let mut openers: Vec<(usize, char)> = Vec::new();
    for run in inline.into_inner().flatten().filter(|p| p.as_rule() == Rule::emphasis) {
        let span = run.as_span();
        let range = span.start()..span.end();
        let c = run.as_str().chars().next().unwrap_or('*');
        let before = text[..range.start].chars().next_back();
        let after = text[range.end..].chars().next();
        let is_word = |c: Option<char>| c.is_some_and(char::is_alphanumeric);
        left.insert(range.start, range.len());
        if c == '_' && is_word(before) && is_word(after) {
            continue;
        }
        let mut remaining = range.len();
        if !is_space(before) {
            // Close the nearest openers of the same character.
            while remaining > 0 {
                let Some(index) = openers.iter().rposition(|(_, oc)| *oc == c) else {
                    break;
                };
                let (start, _) = openers[index];
                let open_left = left.get(&start).copied().unwrap_or(0);
                let matched = open_left.min(remaining);
                remaining -= matched;
                left.insert(start, open_left - matched);
                if open_left == matched {
                    openers.truncate(index);
                }
            }
        }
        left.insert(range.start, remaining);
        if remaining > 0 && !is_space(after) {
            openers.push((range.start, c));
        }
    }
    left
}

fn decode_entity(entity: &str) -> Option<char> {
    let name = entity.strip_prefix('&')?.strip_suffix(';')?;
    if let Some(num) = name.strip_prefix('#') {
        let code = match num.strip_prefix(['x', 'X']) {
            Some(hex) => u32::from_str_radix(hex, 16).ok()?,
            None => num.parse().ok()?,
        };
        return char::from_u32(code).filter(|&c| c != '\0');
    }
    Some(match name {
        "amp" => '&',
        "lt" => '<',
        "gt" => '>',
        "quot" => '"',
        "apos" => '\'',
        "nbsp" => '\u{a0}',
        "eacute" => 'é',
        "egrave" => 'è',
        "agrave" => 'à',
        "ccedil" => 'ç',
        "rsquo" => '’',
        "lsquo" => '‘',
        "laquo" => '«',
        "raquo" => '»',
        "hellip" => '…',
        "mdash" => '—',
        "ndash" => '–',
        "copy" => '©',
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn visible(s: &str) -> String {
        let mut raw = LintText::new();
        raw.push_verbatim(s, 0);
        visible_text(&raw, &mut Vec::new()).as_str().to_string()
    }

    #[test]
    fn keeps_prose_and_drops_markup() {
        assert_eq!(
            visible("Read [our *guide*](https://x.org/a_(b)) now"),
            "Read our guide now"
        );
        assert_eq!(visible("Use `code` and ![logo](l.png) {{< ref x >}}"), "Use  and logo ");
        assert_eq!(visible("snake_case and __bold__ 2 * 3"), "snake_case and bold 2 * 3");
        assert_eq!(
            visible("<nom de l'entreprise> et <b>gras</b>"),
            "<nom de l'entreprise> et gras"
        );
        assert_eq!(visible("Caf&eacute; &amp; th\\*e"), "Café & th*e");
        assert_eq!(visible("[ENTREPRISE] see https://x.org."), "[ENTREPRISE] see ");
        // A badge inside a link, and brackets that close nothing.
        assert_eq!(
            visible("[![badge](b.svg)](https://x.org) et [lien](z)"),
            "badge et lien"
        );
        assert_eq!(visible("![![![ [[x [a](b"), "![![![ [[x [a](b");
    }

    #[test]
    fn maps_back_to_source_through_links() {
        let s = "Voir [l'écoute](u) ici";
        let mut raw = LintText::new();
        raw.push_verbatim(s, 100);
        let out = visible_text(&raw, &mut Vec::new());
        let at = out.as_str().find("écoute").unwrap();
        let span = out.source_span(at..at + "écoute".len());
        assert_eq!(&s[span.start - 100..span.end - 100], "écoute");
    }

    #[test]
    fn unclosed_markup_is_text() {
        assert_eq!(visible("a `b and [c] and <d"), "a `b and [c] and <d");
    }
}
