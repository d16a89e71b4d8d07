//! Markdown (and Markdown-like text) to a `Charter`.
//!
//! The pest grammar classifies lines; this builder tracks what CommonMark makes
//! depend on context (open paragraphs, list item indentation, fences, HTML
//! blocks) with explicit stacks, so that deep nesting cannot overflow the call
//! stack.

use super::inline::visible_text;
use super::yaml::t;
use super::{frontmatter, lines_of};
use crate::model::{
    Block, BlockKind, Charter, Comment, Format, Heading, LintText, MetaValue, OutlineEntry, ParseProblem, Section, Span,
};
use pest::Parser;
use pest::iterators::Pair;

#[derive(pest_derive::Parser)]
#[grammar = "grammar/markdown.pest"]
pub(super) struct MarkdownGrammar;

/// Lists nested deeper than this are read as this deep (and reported).
const MAX_LIST_DEPTH: usize = 64;

pub fn parse(src: &str, format: Format) -> Charter {
    let mut builder = Builder::new(src, format);
    match MarkdownGrammar::parse(Rule::document, src) {
        Ok(mut pairs) => {
            let document = pairs.next().into_iter().flat_map(|d| d.into_inner());
            for pair in document {
                match pair.as_rule() {
                    Rule::front_matter => builder.front_matter(pair),
                    Rule::line => {
                        let line = Line::from_pair(pair, src);
                        builder.line(&line);
                    }
                    _ => {}
                }
            }
        }
        // The grammar accepts any text; should it ever fail, keep every line as
        // a paragraph rather than lose the file.
        Err(_) => {
            for (start, end) in lines_of(src) {
                builder.line(&Line::text(src, start, end));
            }
        }
    }
    builder.finish()
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum MarkerKind {
    Quote,
    Bullet,
    Ordered { starts_at_one: bool },
}

#[derive(Debug)]
struct Marker {
    kind: MarkerKind,
    /// Column where the item's content starts.
    content_column: usize,
    /// Byte offset just after the marker and its gap.
    content_start: usize,
}

#[derive(Debug, PartialEq, Eq)]
enum Content {
    Blank,
    Fence {
        marker: String,
        has_info: bool,
    },
    Atx {
        level: usize,
        text: Option<Span>,
        attributes: Option<Span>,
    },
    ThematicBreak,
    SetextUnderline(char),
    TableDelimiter,
    Html,
    LinkDefinition,
    Text,
}

#[derive(Debug)]
struct Line {
    start: usize,
    /// End of the line's content, before the line break.
    end: usize,
    /// Column of the first non-blank character (tabs to multiples of 4).
    column: usize,
    markers: Vec<Marker>,
    /// Byte offset where the content (after indentation and markers) starts.
    content_start: usize,
    content: Content,
}

impl Line {
    fn from_pair(pair: Pair<'_, Rule>, src: &str) -> Line {
        let span = pair.as_span();
        let start = span.start();
        let end = span.end();
        let mut line = Line {
            start,
            end,
            column: 0,
            markers: Vec::new(),
            content_start: start,
            content: Content::Text,
        };
        let mut pending: Option<(MarkerKind, usize)> = None;
        let mut columns = Columns::new(src, start);
        for part in pair.into_inner() {
            let s = part.as_span();
            match part.as_rule() {
                Rule::indent => {
                    line.column = columns.at(s.end());
                    line.content_start = s.end();
                }
                Rule::quote_marker | Rule::list_marker => {
                    let kind = match part.as_str() {
                        ">" => MarkerKind::Quote,
                        "-" | "*" | "+" => MarkerKind::Bullet,
                        number => MarkerKind::Ordered {
                            starts_at_one: number[..number.len() - 1].parse::<u32>() == Ok(1),
                        },
                    };
                    pending = Some((kind, columns.at(s.end())));
                }
                Rule::gap => {
                    if let Some((kind, marker_end)) = pending.take() {
                        let gap_end = columns.at(s.end());
                        let at_end = s.end() == end;
                        let gap = gap_end - marker_end;
                        let content_column = match kind {
                            MarkerKind::Quote => marker_end + gap.min(1),
                            _ if at_end || gap == 0 || gap > 4 => marker_end + 1,
                            _ => gap_end,
                        };
                        line.markers.push(Marker {
                            kind,
                            content_column,
                            content_start: s.end(),
                        });
                        line.content_start = s.end();
                    }
                }
                rule => line.content = content_of(rule, part),
            }
        }
        line
    }

    /// A plain text line, for the fallback path.
    fn text(src: &str, start: usize, end: usize) -> Line {
        let body = &src[start..end];
        let trimmed = body.trim_end_matches(['\n', '\r']);
        let indent = trimmed.len() - trimmed.trim_start().len();
        Line {
            start,
            end: start + trimmed.len(),
            column: Columns::new(src, start).at(start + indent),
            markers: Vec::new(),
            content_start: start + indent,
            content: if trimmed.trim().is_empty() {
                Content::Blank
            } else {
                Content::Text
            },
        }
    }

    fn is_blank(&self) -> bool {
        self.markers.is_empty() && self.content == Content::Blank
    }
}

fn content_of(rule: Rule, pair: Pair<'_, Rule>) -> Content {
    match rule {
        Rule::blank => Content::Blank,
        Rule::fence => {
            let mut marker = String::new();
            let mut has_info = false;
            for part in pair.into_inner() {
                match part.as_rule() {
                    Rule::fence_marker => marker = part.as_str().to_string(),
                    Rule::fence_info => has_info = !part.as_str().trim().is_empty(),
                    _ => {}
                }
            }
            Content::Fence { marker, has_info }
        }
        Rule::atx_heading => {
            let mut level = 1;
            let mut text = None;
            let mut attributes = None;
            for part in pair.into_inner() {
                let s = part.as_span();
                match part.as_rule() {
                    Rule::atx_marker => level = part.as_str().len(),
                    Rule::atx_text => text = Some(s.start()..s.end()),
                    Rule::heading_attributes => attributes = Some(s.start()..s.end()),
                    _ => {}
                }
            }
            Content::Atx {
                level,
                text,
                attributes,
            }
        }
        Rule::thematic_break => Content::ThematicBreak,
        Rule::setext_underline => Content::SetextUnderline(pair.as_str().chars().next().unwrap_or('=')),
        Rule::table_delimiter => Content::TableDelimiter,
        Rule::html_start => Content::Html,
        Rule::link_definition => Content::LinkDefinition,
        _ => Content::Text,
    }
}

/// Visual columns along one line, asked for in increasing offsets: each
/// character is counted once, so a line of 100,000 `>` stays linear.
struct Columns<'a> {
    src: &'a str,
    offset: usize,
    column: usize,
}

impl<'a> Columns<'a> {
    fn new(src: &'a str, line_start: usize) -> Self {
        Columns {
            src,
            offset: line_start,
            column: 0,
        }
    }

    /// The visual column of `offset` (tabs stop every four columns).
    fn at(&mut self, offset: usize) -> usize {
        if offset > self.offset {
            self.column = self.src[self.offset..offset]
                .chars()
                .fold(self.column, |col, c| if c == '\t' { col / 4 * 4 + 4 } else { col + 1 });
            self.offset = offset;
        }
        self.column
    }
}

/// How an HTML block ends (CommonMark's seven kinds, grouped by end condition).
#[derive(Debug, Clone, PartialEq, Eq)]
enum HtmlEnd {
    /// `<script>`, `<pre>`, `<style>`, `<textarea>`: ends at the closing tag; not prose.
    RawTag(&'static str),
    Comment,
    Marker(&'static str),
    BlankLine,
}

#[derive(Debug)]
struct Paragraph {
    raw: LintText,
    start: usize,
    end: usize,
    lines: usize,
    kind: BlockKind,
    /// Whether its only line could be a table header.
    first_line: Span,
}

#[derive(Debug)]
enum Open {
    Nothing,
    Paragraph(Paragraph),
    Fence {
        fence_char: char,
        length: usize,
        start: usize,
    },
    IndentedCode {
        start: usize,
        end: usize,
    },
    Html {
        end: HtmlEnd,
        raw: LintText,
        start: usize,
        stop: usize,
    },
    Table,
    Quote {
        raw: LintText,
        start: usize,
        end: usize,
        lazy: bool,
    },
}

#[derive(Debug)]
struct ListItem {
    content_column: usize,
    ordered: bool,
}

struct Builder<'a> {
    src: &'a str,
    charter: Charter,
    sections: Vec<Section>,
    lists: Vec<ListItem>,
    open: Open,
    /// rst-style underline characters in order of first use (their heading levels).
    adornments: Vec<char>,
    reported_depth: bool,
}

impl<'a> Builder<'a> {
    fn new(src: &'a str, format: Format) -> Self {
        Builder {
            src,
            charter: Charter::new(format),
            sections: Vec::new(),
            lists: Vec::new(),
            open: Open::Nothing,
            adornments: Vec::new(),
            reported_depth: false,
        }
    }

    fn is_text_format(&self) -> bool {
        self.charter.format == Format::Text
    }

    fn front_matter(&mut self, pair: Pair<'_, Rule>) {
        let span = pair.as_span();
        if let Some(body) = pair.into_inner().find(|p| p.as_rule() == Rule::front_matter_body) {
            let body = body.as_span();
            frontmatter::read(self.src, body.start()..body.end(), &mut self.charter);
        }
        self.charter.metadata.span = Some(span.start()..span.end());
    }

    fn line(&mut self, line: &Line) {
        if self.continue_fence(line) || self.continue_html(line) {
            return;
        }
        if line.is_blank() {
            if !matches!(self.open, Open::IndentedCode { .. }) {
                self.close_block();
            }
            return;
        }
        if self.is_text_format() && self.text_format_heading(line) {
            return;
        }
        if self.lazy_continuation(line) {
            return;
        }
        // Leave the list items this line is not indented into; a paragraph
        // inside them ends there (only text lines may continue it lazily).
        while let Some(item) = self.lists.last() {
            if line.column >= item.content_column {
                break;
            }
            self.close_block();
            self.lists.pop();
        }
        let base = self.lists.last().map_or(0, |item| item.content_column);
        let relative = line.column.saturating_sub(base);

        match line.markers.first().map(|m| m.kind) {
            Some(MarkerKind::Quote) if relative < 4 => self.quote_line(line, line.markers[0].content_start),
            Some(MarkerKind::Bullet | MarkerKind::Ordered { .. }) if relative < 4 => {
                if self.list_item_interrupts(line) {
                    self.list_markers(line);
                } else {
                    self.paragraph_line(line.content_start_of_markers(), line);
                }
            }
            _ => self.content_line(line, relative, line.content_start_of_markers()),
        }
    }

    fn list_item_interrupts(&self, line: &Line) -> bool {
        if !matches!(self.open, Open::Paragraph(_)) {
            return true;
        }
        let first = &line.markers[0];
        let empty = line.content == Content::Blank && line.markers.len() == 1;
        !empty && !matches!(first.kind, MarkerKind::Ordered { starts_at_one: false })
    }

    fn list_markers(&mut self, line: &Line) {
        self.close_block();
        for (i, marker) in line.markers.iter().enumerate() {
            match marker.kind {
                MarkerKind::Quote => {
                    self.quote_line(line, marker.content_start);
                    return;
                }
                MarkerKind::Bullet | MarkerKind::Ordered { .. } => {
                    if self.lists.len() >= MAX_LIST_DEPTH {
                        self.report_depth(line);
                        self.lists.pop();
                    }
                    self.lists.push(ListItem {
                        content_column: marker.content_column,
                        ordered: matches!(marker.kind, MarkerKind::Ordered { .. }),
                    });
                    if i + 1 == line.markers.len() {
                        self.content_line(line, 0, marker.content_start);
                    }
                }
            }
        }
    }

    fn report_depth(&mut self, line: &Line) {
        if !self.reported_depth {
            self.reported_depth = true;
            self.charter.problems.push(ParseProblem {
                message: t(
                    format!("lists are nested more than {MAX_LIST_DEPTH} levels deep"),
                    format!("des listes sont imbriquées sur plus de {MAX_LIST_DEPTH} niveaux"),
                ),
                span: line.start..line.end,
                label: Some(t(
                    format!("deeper than {MAX_LIST_DEPTH} levels from here"),
                    format!("plus de {MAX_LIST_DEPTH} niveaux à partir d'ici"),
                )),
                help: Some(t(
                    format!("items below level {MAX_LIST_DEPTH} are read as level {MAX_LIST_DEPTH}; flatten the list"),
                    format!("les éléments au-delà du niveau {MAX_LIST_DEPTH} sont lus au niveau {MAX_LIST_DEPTH} ; aplatissez la liste"),
                )),
            });
        }
    }

    /// A text line after an open paragraph belongs to it whatever its indentation.
    fn lazy_continuation(&mut self, line: &Line) -> bool {
        let text_like = line.markers.is_empty()
            && (matches!(line.content, Content::Text | Content::LinkDefinition)
                || line.content == Content::Html && !self.html_interrupts(line));
        if !text_like {
            return false;
        }
        match &mut self.open {
            Open::Paragraph(_) => {
                self.append_to_paragraph(line, line.content_start);
                true
            }
            Open::Quote {
                raw, end, lazy: true, ..
            } => {
                raw.push_synthetic("\n", *end..*end + 1);
                raw.push_verbatim(&self.src[line.content_start..line.end], line.content_start);
                *end = line.end;
                true
            }
            _ => false,
        }
    }

    fn quote_line(&mut self, line: &Line, content_start: usize) {
        if !matches!(self.open, Open::Quote { .. }) {
            self.close_block();
            self.open = Open::Quote {
                raw: LintText::new(),
                start: line.start,
                end: line.end,
                lazy: false,
            };
        }
        // Headings inside quotes are headings to CommonMark, but quoted text
        // never opens a section.
        let inner = &self.src[content_start..line.end];
        let quoted_markers = inner.trim_start().trim_start_matches(['>', ' ', '\t']);
        if let Some(heading) = atx_in(quoted_markers) {
            self.charter.outline.push(OutlineEntry {
                level: heading.0,
                text: heading.1.to_string(),
                span: line.start..line.end,
            });
        }
        if let Open::Quote { raw, end, lazy, .. } = &mut self.open {
            if !raw.is_empty() {
                raw.push_synthetic("\n", *end..*end + 1);
            }
            let text = inner.trim_start_matches(['>', ' ', '\t']);
            raw.push_verbatim(text, line.end - text.len());
            *end = line.end;
            *lazy = !text.trim().is_empty();
        }
    }

    fn content_line(&mut self, line: &Line, relative: usize, content_start: usize) {
        if relative >= 4 && !matches!(self.open, Open::Paragraph(_)) && !self.is_text_format() {
            self.indented_code(line);
            return;
        }
        match &line.content {
            Content::Blank => {
                // An empty list item.
                self.close_block();
            }
            Content::Fence { marker, .. } => {
                self.close_block();
                let fence_char = marker.chars().next().unwrap_or('`');
                self.open = Open::Fence {
                    fence_char,
                    length: marker.chars().count(),
                    start: line.start,
                };
            }
            Content::Atx {
                level,
                text,
                attributes,
            } => {
                self.close_block();
                let span = line.start..line.end;
                let text = text.clone().map(|t| self.visible(t)).unwrap_or_default();
                let topic = attributes.clone().and_then(|a| topic_attribute(self.src, a));
                self.heading(*level, text, span, topic);
            }
            Content::ThematicBreak | Content::SetextUnderline(_) if matches!(self.open, Open::Paragraph(_)) => {
                let underline = self.src[content_start..line.end].trim();
                if underline.starts_with('=') || (!underline.contains([' ', '\t']) && underline.starts_with('-')) {
                    self.setext(line, if underline.starts_with('=') { 1 } else { 2 });
                } else {
                    self.close_block();
                }
            }
            Content::ThematicBreak => self.close_block(),
            Content::TableDelimiter if self.starts_table(line, content_start) => {}
            Content::Html if self.html_block(line, content_start) => {}
            Content::LinkDefinition if !matches!(self.open, Open::Paragraph(_)) => {
                // A link reference definition: a URL, not prose.
            }
            _ => {
                if matches!(self.open, Open::Table) {
                    self.table_row(line, content_start);
                } else {
                    self.paragraph_line(content_start, line);
                }
            }
        }
    }

    /// AsciiDoc `== Title` and reStructuredText underlined titles in `.adoc`,
    /// `.rst` and other text files.
    fn text_format_heading(&mut self, line: &Line) -> bool {
        let body = self.src[line.content_start..line.end].trim_end();
        let equals = body.chars().take_while(|&c| c == '=').count();
        if equals > 0 && equals <= 6 && body[equals..].starts_with(' ') && line.markers.is_empty() {
            self.close_block();
            let text = self.visible(line.content_start + equals..line.end);
            self.heading(equals, text, line.start..line.end, None);
            return true;
        }
        let adornment = body.chars().next().filter(|c| "=-~^*+#\"'`:.".contains(*c));
        if let (Some(c), Open::Paragraph(p)) = (adornment, &self.open) {
            let single_line = p.lines == 1;
            let long_enough = body.chars().count() >= 3 && body.chars().all(|x| x == c);
            if single_line && long_enough && line.markers.is_empty() {
                let level = match self.adornments.iter().position(|&a| a == c) {
                    Some(i) => i + 1,
                    None => {
                        self.adornments.push(c);
                        self.adornments.len()
                    }
                };
                self.setext(line, level.min(6));
                return true;
            }
        }
        false
    }

    fn indented_code(&mut self, line: &Line) {
        match &mut self.open {
            Open::IndentedCode { end, .. } => *end = line.end,
            _ => {
                self.close_block();
                self.open = Open::IndentedCode {
                    start: line.start,
                    end: line.end,
                };
            }
        }
    }

    fn paragraph_line(&mut self, content_start: usize, line: &Line) {
        if let Open::Paragraph(_) = self.open {
            self.append_to_paragraph(line, content_start);
            return;
        }
        self.close_block();
        let kind = match self.lists.last() {
            Some(item) => BlockKind::ListItem {
                depth: self.lists.len() - 1,
                ordered: item.ordered,
            },
            None => BlockKind::Paragraph,
        };
        let mut raw = LintText::new();
        raw.push_verbatim(&self.src[content_start..line.end], content_start);
        self.open = Open::Paragraph(Paragraph {
            raw,
            start: content_start,
            end: line.end,
            lines: 1,
            kind,
            first_line: content_start..line.end,
        });
    }

    fn append_to_paragraph(&mut self, line: &Line, content_start: usize) {
        if let Open::Paragraph(p) = &mut self.open {
            p.raw.push_synthetic("\n", p.end..p.end + 1);
            let text = self.src[content_start..line.end].trim_start();
            p.raw.push_verbatim(text, line.end - text.len());
            p.end = line.end;
            p.lines += 1;
        }
    }

    fn setext(&mut self, line: &Line, level: usize) {
        if let Open::Paragraph(p) = std::mem::replace(&mut self.open, Open::Nothing) {
            let mut comments = Vec::new();
            let text = visible_text(&p.raw, &mut comments).trimmed();
            self.charter.comments.extend(comments);
            self.heading(level, text, p.start..line.end, None);
        }
    }

    fn heading(&mut self, level: usize, text: LintText, span: Span, topic: Option<MetaValue>) {
        self.charter.outline.push(OutlineEntry {
            level,
            text: text.as_str().to_string(),
            span: span.clone(),
        });
        if !self.lists.is_empty() {
            // A heading inside a list item is part of the item, not a section.
            let kind = BlockKind::ListItem {
                depth: self.lists.len() - 1,
                ordered: false,
            };
            self.push_block(Block { kind, text, span });
            return;
        }
        self.close_sections(level);
        self.sections.push(Section {
            heading: Heading {
                level,
                text,
                span: span.clone(),
                topic,
            },
            blocks: Vec::new(),
            children: Vec::new(),
            span,
        });
    }

    fn close_sections(&mut self, level: usize) {
        while self.sections.last().is_some_and(|s| s.heading.level >= level) {
            self.pop_section();
        }
    }

    fn pop_section(&mut self) {
        if let Some(section) = self.sections.pop() {
            match self.sections.last_mut() {
                Some(parent) => {
                    parent.span.end = parent.span.end.max(section.span.end);
                    parent.children.push(section);
                }
                None => self.charter.sections.push(section),
            }
        }
    }

    fn starts_table(&mut self, line: &Line, content_start: usize) -> bool {
        let Open::Paragraph(p) = &self.open else {
            return false;
        };
        let header = &self.src[p.first_line.clone()];
        let delimiter = &self.src[content_start..line.end];
        if p.lines != 1 || !header.contains('|') || cells(header).len() != cells(delimiter).len() {
            return false;
        }
        let Open::Paragraph(p) = std::mem::replace(&mut self.open, Open::Nothing) else {
            return false;
        };
        self.table_cells(p.first_line.clone());
        self.open = Open::Table;
        true
    }

    fn table_row(&mut self, line: &Line, content_start: usize) {
        self.table_cells(content_start..line.end);
    }

    fn table_cells(&mut self, row: Span) {
        let mut raw = LintText::new();
        for (i, cell) in cells(&self.src[row.clone()]).into_iter().enumerate() {
            let cell = (row.start + cell.start)..(row.start + cell.end);
            let text = self.src[cell.clone()].trim();
            if i > 0 {
                raw.push_synthetic(" | ", cell.start..cell.start + 1);
            }
            let lead = self.src[cell.clone()].len() - self.src[cell.clone()].trim_start().len();
            raw.push_verbatim(text, cell.start + lead);
        }
        let mut comments = Vec::new();
        let text = visible_text(&raw, &mut comments);
        self.charter.comments.extend(comments);
        self.push_block(Block {
            kind: BlockKind::TableRow,
            text,
            span: row,
        });
    }

    fn html_interrupts(&self, line: &Line) -> bool {
        matches!(html_kind(&self.src[line.content_start..line.end]), Some((_, true)))
    }

    /// Opens an HTML block if the line starts one; returns whether it did.
    fn html_block(&mut self, line: &Line, content_start: usize) -> bool {
        let text = &self.src[content_start..line.end];
        let Some((end, can_interrupt)) = html_kind(text) else {
            return false;
        };
        if !can_interrupt && matches!(self.open, Open::Paragraph(_)) {
            return false;
        }
        self.close_block();
        let mut raw = LintText::new();
        raw.push_verbatim(text, content_start);
        self.open = Open::Html {
            end,
            raw,
            start: line.start,
            stop: line.end,
        };
        if self.html_ends_on(text) {
            self.close_block();
        }
        true
    }

    fn html_ends_on(&self, text: &str) -> bool {
        match &self.open {
            Open::Html {
                end: HtmlEnd::RawTag(tag),
                ..
            } => text.to_ascii_lowercase().contains(&format!("</{tag}>")),
            Open::Html {
                end: HtmlEnd::Comment, ..
            } => text.contains("-->"),
            Open::Html {
                end: HtmlEnd::Marker(marker),
                ..
            } => text.contains(marker),
            _ => false,
        }
    }

    fn continue_html(&mut self, line: &Line) -> bool {
        let Open::Html { end, .. } = &self.open else {
            return false;
        };
        if *end == HtmlEnd::BlankLine && line.is_blank() {
            return false;
        }
        let text = &self.src[line.start..line.end];
        let ends = self.html_ends_on(text);
        if let Open::Html { raw, stop, .. } = &mut self.open {
            raw.push_synthetic("\n", *stop..*stop + 1);
            raw.push_verbatim(text, line.start);
            *stop = line.end;
        }
        if ends {
            self.close_block();
        }
        true
    }

    fn continue_fence(&mut self, line: &Line) -> bool {
        let Open::Fence { fence_char, length, .. } = self.open else {
            return false;
        };
        let body = self.src[line.content_start_of_markers()..line.end].trim();
        let closes = body.chars().count() >= length && body.chars().all(|c| c == fence_char);
        if closes {
            if let Open::Fence { start, .. } = self.open {
                self.charter.code_blocks.push(start..line.end);
            }
            self.open = Open::Nothing;
        }
        true
    }

    fn close_block(&mut self) {
        match std::mem::replace(&mut self.open, Open::Nothing) {
            Open::Nothing | Open::Table => {}
            Open::Paragraph(p) => {
                let mut comments = Vec::new();
                let text = visible_text(&p.raw, &mut comments).trimmed();
                self.charter.comments.extend(comments);
                self.push_block(Block {
                    kind: p.kind,
                    text,
                    span: p.start..p.end,
                });
            }
            Open::Fence { start, .. } => {
                // Unclosed: runs to the end of the document.
                self.charter.code_blocks.push(start..self.src.len());
            }
            Open::IndentedCode { start, end } => self.charter.code_blocks.push(start..end),
            Open::Html { end, raw, start, stop } => match end {
                HtmlEnd::Comment => self.charter.comments.push(Comment {
                    text: raw.as_str().trim().to_string(),
                    span: start..stop,
                }),
                // Scripts, styles and processing instructions hold no prose.
                HtmlEnd::RawTag(_) | HtmlEnd::Marker(_) => {}
                HtmlEnd::BlankLine => {
                    let mut comments = Vec::new();
                    let text = visible_text(&raw, &mut comments).trimmed();
                    self.charter.comments.extend(comments);
                    if !text.is_blank() {
                        self.push_block(Block {
                            kind: BlockKind::Html,
                            text,
                            span: start..stop,
                        });
                    }
                }
            },
            Open::Quote { raw, start, end, .. } => {
                let mut comments = Vec::new();
                let text = visible_text(&raw, &mut comments).trimmed();
                self.charter.comments.extend(comments);
                self.push_block(Block {
                    kind: BlockKind::Quote,
                    text,
                    span: start..end,
                });
            }
        }
    }

    fn push_block(&mut self, block: Block) {
        if block.text.is_blank() && block.kind != BlockKind::Quote {
            return;
        }
        match self.sections.last_mut() {
            Some(section) => {
                section.span.end = section.span.end.max(block.span.end);
                section.blocks.push(block);
            }
            None => self.charter.preamble.push(block),
        }
    }

    fn visible(&mut self, span: Span) -> LintText {
        let mut raw = LintText::new();
        raw.push_verbatim(&self.src[span.clone()], span.start);
        let mut comments = Vec::new();
        let text = visible_text(&raw, &mut comments).trimmed();
        self.charter.comments.extend(comments);
        text
    }

    fn finish(mut self) -> Charter {
        self.close_block();
        while !self.sections.is_empty() {
            self.pop_section();
        }
        self.declare_topics();
        self.charter
    }

    /// Front matter `topics:` gives sections their topic by heading text; a
    /// heading attribute on the section itself wins.
    fn declare_topics(&mut self) {
        let normalise = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase();
        let declared = std::mem::take(&mut self.charter.metadata.topics);
        for (heading, topic) in &declared {
            let wanted = normalise(&heading.text);
            let mut found = false;
            let mut stack: Vec<&mut Section> = self.charter.sections.iter_mut().collect();
            while let Some(section) = stack.pop() {
                if normalise(section.heading.text.as_str()) == wanted {
                    found = true;
                    if section.heading.topic.is_none() {
                        section.heading.topic = Some(topic.clone());
                    }
                }
                stack.extend(section.children.iter_mut());
            }
            if !found {
                self.charter.problems.push(ParseProblem {
                    message: t(
                        format!(
                            "the front matter gives a topic to “{}”, but no heading has this text",
                            heading.text
                        ),
                        format!(
                            "l'en-tête donne un sujet à « {} », mais aucun titre n'a ce texte",
                            heading.text
                        ),
                    ),
                    span: heading.span.clone(),
                    label: Some(t("no such heading", "aucun titre de ce nom")),
                    help: Some(t(
                        "write the heading exactly as in the charter",
                        "écrivez le titre exactement comme dans la charte",
                    )),
                });
            }
        }
        self.charter.metadata.topics = declared;
    }
}

impl Line {
    /// Where the content starts after all container markers.
    fn content_start_of_markers(&self) -> usize {
        self.markers.last().map_or(self.content_start, |m| m.content_start)
    }
}

/// Cells of a table row, as byte ranges in the row.
fn cells(row: &str) -> Vec<Span> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut escaped = false;
    let mut in_code = false;
    for (i, c) in row.char_indices() {
        match c {
            '\\' if !escaped => {
                escaped = true;
                continue;
            }
            '`' => in_code = !in_code,
            '|' if !escaped && !in_code => {
                out.push(start..i);
                start = i + 1;
            }
            _ => {}
        }
        escaped = false;
    }
    out.push(start..row.len());
    // Leading and trailing pipes do not make empty cells.
    if out.len() > 1 && row[out[0].clone()].trim().is_empty() {
        out.remove(0);
    }
    if out.len() > 1 && out.last().is_some_and(|c| row[c.clone()].trim().is_empty()) {
        out.pop();
    }
    out
}

/// `(level, text)` of an ATX heading line, for headings inside quotes.
fn atx_in(line: &str) -> Option<(usize, &str)> {
    let level = line.chars().take_while(|&c| c == '#').count();
    let rest = &line[level..];
    if !(1..=6).contains(&level) || !(rest.is_empty() || rest.starts_with([' ', '\t'])) {
        return None;
    }
    let text = rest.trim();
    let text = text.trim_end_matches('#').trim_end();
    Some((level, text))
}

/// The kind of HTML block a line starts and whether it may interrupt a paragraph.
fn html_kind(text: &str) -> Option<(HtmlEnd, bool)> {
    let lower = text.to_ascii_lowercase();
    if lower.starts_with("<!--") {
        return Some((HtmlEnd::Comment, true));
    }
    for tag in ["script", "pre", "style", "textarea"] {
        let rest = lower.strip_prefix('<').and_then(|r| r.strip_prefix(tag));
        if rest.is_some_and(|rest| rest.is_empty() || rest.starts_with([' ', '\t', '>'])) {
            return Some((HtmlEnd::RawTag(tag), true));
        }
    }
    if lower.starts_with("<?") {
        return Some((HtmlEnd::Marker("?>"), true));
    }
    if lower.starts_with("<![cdata[") {
        return Some((HtmlEnd::Marker("]]>"), true));
    }
    if lower.starts_with("<!") && lower[2..].starts_with(|c: char| c.is_ascii_alphabetic()) {
        return Some((HtmlEnd::Marker(">"), true));
    }
    let name_start = lower.strip_prefix("</").or_else(|| lower.strip_prefix('<'))?;
    let name_len = name_start
        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '-'))
        .unwrap_or(name_start.len());
    let name = &name_start[..name_len];
    let after = &name_start[name_len..];
    if name.is_empty() || !name.starts_with(|c: char| c.is_ascii_alphabetic()) {
        return None;
    }
    if BLOCK_TAGS.contains(&name)
        && (after.is_empty() || after.starts_with([' ', '\t', '>']) || after.starts_with("/>"))
    {
        return Some((HtmlEnd::BlankLine, true));
    }
    // Kind 7: one complete tag alone on its line.
    let tag_end = after.find('>')?;
    if after[tag_end + 1..].trim().is_empty() && !after[..tag_end].contains('<') {
        return Some((HtmlEnd::BlankLine, false));
    }
    None
}

const BLOCK_TAGS: &[&str] = &[
    "address",
    "article",
    "aside",
    "base",
    "basefont",
    "blockquote",
    "body",
    "caption",
    "center",
    "col",
    "colgroup",
    "dd",
    "details",
    "dialog",
    "dir",
    "div",
    "dl",
    "dt",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "form",
    "frame",
    "frameset",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "head",
    "header",
    "hr",
    "html",
    "iframe",
    "legend",
    "li",
    "link",
    "main",
    "menu",
    "menuitem",
    "nav",
    "noframes",
    "ol",
    "optgroup",
    "option",
    "p",
    "param",
    "search",
    "section",
    "summary",
    "table",
    "tbody",
    "td",
    "tfoot",
    "th",
    "thead",
    "title",
    "tr",
    "track",
    "ul",
];

/// `topic=listening` in `{#id .class topic=listening}`.
fn topic_attribute(src: &str, attributes: Span) -> Option<MetaValue> {
    let inner = &src[attributes.start + 1..attributes.end - 1];
    let mut offset = attributes.start + 1;
    for word in inner.split(' ') {
        if let Some(value) = word.strip_prefix("topic=") {
            let value_start = offset + "topic=".len();
            let trimmed = value.trim_matches('"');
            let lead = value.len() - value.trim_start_matches('"').len();
            return Some(MetaValue {
                text: trimmed.to_string(),
                span: value_start + lead..value_start + lead + trimmed.len(),
            });
        }
        offset += word.len() + 1;
    }
    None
}
