//! Parse: source text to a `Charter`, with a pest grammar per format.

mod charter_yaml;
mod frontmatter;
mod inline;
mod markdown;
pub mod yaml;

pub use charter_yaml::edit_distance;

use crate::model::{Charter, Format};

/// Parses a file's text. Never fails: what cannot be read becomes a
/// `ParseProblem` in the charter, reported as `structure/parse-error`.
pub fn parse(text: &str, format: Format) -> Charter {
    match format {
        Format::Markdown | Format::Text => markdown::parse(text, format),
        Format::Yaml => charter_yaml::parse(text),
    }
}

/// `(start, end)` byte ranges of the lines of `text`, line breaks included.
fn lines_of(text: &str) -> impl Iterator<Item = (usize, usize)> + '_ {
    let mut start = 0;
    text.split_inclusive('\n').map(move |line| {
        let range = (start, start + line.len());
        start += line.len();
        range
    })
}
