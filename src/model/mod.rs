//! The document model shared by both formats: a charter's metadata and its tree
//! of sections, every piece carrying its byte span in the source.

mod language;
mod text;

pub use language::{Language, Localized};

pub use text::LintText;

use std::ops::Range;

/// The topics a section can cover: the customer-culture topics first, then
/// the other good practices (DOMAIN.md).
pub const TOPICS: &[&str] = &[
    "customer-care",
    "listening",
    "dialogue",
    "employee-voice",
    "feedback-loop",
    "transparency",
    "crisis",
    "purpose",
    "governance",
    "training",
];

/// How many of `TOPICS` are customer-culture topics (they come first).
const CULTURE_TOPICS: usize = 5;

/// Whether `topic` is one of the customer-culture topics (the others are
/// good practices, built-in or added by a pack).
pub fn is_culture_topic(topic: &str) -> bool {
    TOPICS[..CULTURE_TOPICS].contains(&topic)
}

/// Byte range in the source file.
pub type Span = Range<usize>;

/// How a file was read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Markdown,
    Yaml,
    /// Another extension named explicitly (`.txt`, `.rst`, `.adoc`): read as
    /// Markdown-like text so that its prose is still linted.
    Text,
}

impl Format {
    pub fn name(self) -> &'static str {
        match self {
            Format::Markdown => "markdown",
            Format::Yaml => "yaml",
            Format::Text => "text",
        }
    }
}

/// A metadata value with the span of the value in the source.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MetaValue {
    pub text: String,
    pub span: Span,
}

/// The metadata fields charterlint knows; other keys are kept in `extra`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Metadata {
    pub title: Option<MetaValue>,
    pub organisation: Option<MetaValue>,
    pub language: Option<MetaValue>,
    pub version: Option<MetaValue>,
    pub owner: Option<MetaValue>,
    pub updated: Option<MetaValue>,
    pub review: Option<MetaValue>,
    /// Span of the whole metadata block (front matter, or the YAML keys).
    pub span: Option<Span>,
    /// Markdown front matter `topics:`: heading text → topic id, declared explicitly.
    pub topics: Vec<(MetaValue, MetaValue)>,
}

impl Metadata {
    /// Sets a known field from a key in any of the spellings people use;
    /// returns false for keys charterlint does not read.
    pub fn set(&mut self, key: &str, value: MetaValue) -> bool {
        let slot = match key.trim().to_lowercase().as_str() {
            "title" | "titre" => &mut self.title,
            "organisation" | "organization" | "org" | "company" | "entreprise" => &mut self.organisation,
            "language" | "lang" | "langue" => &mut self.language,
            "version" => &mut self.version,
            "owner" | "owners" | "author" | "authors" | "maintainer" | "responsable" | "auteur" | "propriétaire" => {
                &mut self.owner
            }
            "updated" | "last_updated" | "last-updated" | "lastmod" | "date" | "modified" | "mis_a_jour"
            | "mise-a-jour" | "mise_à_jour" => &mut self.updated,
            "review" | "next_review" | "next-review" | "reviewed" | "revision" | "révision" => &mut self.review,
            _ => return false,
        };
        if slot.is_none() {
            *slot = Some(value);
        }
        true
    }
}

/// What kind of block a piece of text is; rules weigh them differently.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BlockKind {
    Paragraph,
    /// A list item; `depth` is 0 for a top-level item.
    ListItem {
        depth: usize,
        ordered: bool,
    },
    /// A table row (cells joined by ` | `).
    TableRow,
    /// Quoted material: kept for context, never evidence.
    Quote,
    /// Visible text of a raw HTML block.
    Html,
    /// A YAML section's `body`.
    Body,
    /// One entry of a YAML section's `rules` list.
    Rule,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Block {
    pub kind: BlockKind,
    pub text: LintText,
    pub span: Span,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Heading {
    /// 1-6 in Markdown; nesting depth + 1 in YAML.
    pub level: usize,
    pub text: LintText,
    /// Span of the whole heading line (or YAML `title` value).
    pub span: Span,
    /// An explicit topic (`topic:` in YAML, `{#topic-…}`/`{topic=…}` in Markdown).
    pub topic: Option<MetaValue>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Section {
    pub heading: Heading,
    pub blocks: Vec<Block>,
    pub children: Vec<Section>,
    /// From the heading to the end of its last descendant.
    pub span: Span,
}

impl Section {
    /// Whether the section has no content of its own and no subsections.
    pub fn is_empty(&self) -> bool {
        self.children.is_empty() && self.blocks.iter().all(|b| b.text.is_blank())
    }
}

/// Why a document could not be read completely, in both languages.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParseProblem {
    pub message: Localized,
    pub span: Span,
    /// What the precise place shows.
    pub label: Option<Localized>,
    pub help: Option<Localized>,
}

/// An HTML comment in Markdown or a `#` comment in YAML (later read for
/// suppressions).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Comment {
    pub text: String,
    pub span: Span,
}

/// Every heading the Markdown parser saw, including those inside lists and
/// block quotes that do not open a section; used to check the grammar.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutlineEntry {
    pub level: usize,
    pub text: String,
    pub span: Span,
}

/// A parsed charter.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Charter {
    pub format: Format,
    pub metadata: Metadata,
    /// Content before the first heading.
    pub preamble: Vec<Block>,
    pub sections: Vec<Section>,
    pub comments: Vec<Comment>,
    pub outline: Vec<OutlineEntry>,
    pub problems: Vec<ParseProblem>,
    /// The parser stopped early: only `structure/parse-error` may judge what
    /// was read, other rules would see half a document.
    pub incomplete: bool,
    /// Fenced and indented code blocks: never linted.
    pub code_blocks: Vec<Span>,
}

impl Charter {
    pub fn new(format: Format) -> Self {
        Charter {
            format,
            metadata: Metadata::default(),
            preamble: Vec::new(),
            sections: Vec::new(),
            comments: Vec::new(),
            outline: Vec::new(),
            problems: Vec::new(),
            incomplete: false,
            code_blocks: Vec::new(),
        }
    }

    /// All sections, depth first, in document order (iterative: YAML nesting
    /// can be deep).
    pub fn sections_flat(&self) -> Vec<&Section> {
        let mut out = Vec::new();
        let mut stack: Vec<&Section> = self.sections.iter().rev().collect();
        while let Some(section) = stack.pop() {
            out.push(section);
            stack.extend(section.children.iter().rev());
        }
        out
    }

    /// The title shown to users: metadata first, else the first level-1 heading.
    pub fn title_span(&self) -> Option<Span> {
        if let Some(title) = &self.metadata.title {
            return Some(title.span.clone());
        }
        self.sections_flat()
            .into_iter()
            .min_by_key(|s| (s.heading.level, s.heading.span.start))
            .map(|s| s.heading.span.clone())
    }

    /// Whether the charter has a title in its metadata or a heading that acts as one.
    pub fn has_title(&self) -> bool {
        self.metadata.title.is_some()
            || self
                .sections
                .first()
                .is_some_and(|s| s.heading.level == 1 && !s.heading.text.is_blank())
    }
}
