//! Text to lint, with a mapping from every byte of it back to the source.
//!
//! Markdown markup, YAML quoting and folding all change the text between the
//! source and what a rule reads; findings must still point at the right column.

use std::ops::Range;

/// A run of lint text that comes from one place in the source.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Segment {
    /// Start of the run in the lint text.
    text_start: usize,
    /// Where the run starts in the source.
    source_start: usize,
    /// Verbatim runs map byte for byte; synthetic ones (a decoded escape, a
    /// folded line break) map every byte to `source_start`.
    verbatim: bool,
}

/// Lint text plus its source mapping. Built by the parsers, read by the rules.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LintText {
    text: String,
    segments: Vec<Segment>,
    /// Source offset just after the last mapped byte, for spans ending at the end.
    source_end: usize,
}

impl LintText {
    pub fn new() -> Self {
        Self::default()
    }

    /// Text copied unchanged from `source_start..source_start + s.len()`.
    pub fn push_verbatim(&mut self, s: &str, source_start: usize) {
        if s.is_empty() {
            return;
        }
        let contiguous = self.segments.last().is_some_and(|last| {
            last.verbatim && last.source_start + (self.text.len() - last.text_start) == source_start
        });
        if !contiguous {
            self.segments.push(Segment {
                text_start: self.text.len(),
                source_start,
                verbatim: true,
            });
        }
        self.text.push_str(s);
        self.source_end = source_start + s.len();
    }

    /// Text that stands for the source range `source` without copying it
    /// (an escape sequence, a line break folded into a space).
    pub fn push_synthetic(&mut self, s: &str, source: Range<usize>) {
        if s.is_empty() {
            return;
        }
        self.segments.push(Segment {
            text_start: self.text.len(),
            source_start: source.start,
            verbatim: false,
        });
        self.text.push_str(s);
        self.source_end = source.end;
    }

    /// Copies `range` of another lint text, keeping its mapping.
    pub fn push_from(&mut self, other: &LintText, range: Range<usize>) {
        let mut pos = range.start;
        while pos < range.end {
            let idx = other.segment_index(pos);
            let seg = &other.segments[idx];
            let seg_end = other
                .segments
                .get(idx + 1)
                .map_or(other.text.len(), |next| next.text_start);
            let end = seg_end.min(range.end);
            let piece = &other.text[pos..end];
            if seg.verbatim {
                self.push_verbatim(piece, seg.source_start + (pos - seg.text_start));
            } else {
                self.push_synthetic(piece, seg.source_start..seg.source_start + 1);
            }
            pos = end;
        }
    }

    pub fn as_str(&self) -> &str {
        &self.text
    }

    pub fn is_empty(&self) -> bool {
        self.text.is_empty()
    }

    /// Whether the text has anything but white space.
    pub fn is_blank(&self) -> bool {
        self.text.trim().is_empty()
    }

    fn segment_index(&self, text_offset: usize) -> usize {
        self.segments
            .partition_point(|s| s.text_start <= text_offset)
            .saturating_sub(1)
    }

    /// Source offset of a byte of the lint text (`len()` maps to the end).
    pub fn to_source(&self, text_offset: usize) -> usize {
        if self.segments.is_empty() {
            return self.source_end;
        }
        if text_offset >= self.text.len() {
            return self.source_end;
        }
        let seg = &self.segments[self.segment_index(text_offset)];
        if seg.verbatim {
            seg.source_start + (text_offset - seg.text_start)
        } else {
            seg.source_start
        }
    }

    /// Source span of a range of the lint text.
    pub fn source_span(&self, range: Range<usize>) -> Range<usize> {
        let start = self.to_source(range.start);
        let end = if range.end > range.start {
            // Map the last byte, then step past it, so a range never runs on into
            // the markup that follows it.
            let last = self.text[..range.end]
                .char_indices()
                .next_back()
                .map_or(range.start, |(i, _)| i);
            let last_src = self.to_source(last);
            let last_len = self.text[last..range.end].len();
            let seg = &self.segments[self.segment_index(last)];
            if seg.verbatim {
                last_src + last_len
            } else {
                last_src + 1
            }
        } else {
            start
        };
        start..end.max(start)
    }

    /// The source span of the whole text, if it has any.
    pub fn span(&self) -> Option<Range<usize>> {
        (!self.text.is_empty()).then(|| self.source_span(0..self.text.len()))
    }

    /// A copy without leading and trailing white space, mapping kept.
    pub fn trimmed(&self) -> LintText {
        let start = self.text.len() - self.text.trim_start().len();
        let end = self.text.trim_end().len();
        let mut out = LintText::new();
        if start < end {
            out.push_from(self, start..end);
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn verbatim_runs_map_byte_for_byte_across_gaps() {
        let source = "> café\n> au lait";
        let mut t = LintText::new();
        t.push_verbatim("café", 2);
        t.push_synthetic(" ", 7..8);
        t.push_verbatim("au lait", 10);
        assert_eq!(t.as_str(), "café au lait");
        let lait = t.as_str().find("lait").unwrap();
        let span = t.source_span(lait..lait + 4);
        assert_eq!(&source[span], "lait");
        let cafe = t.source_span(0..5);
        assert_eq!(&source[cafe], "café");
    }

    #[test]
    fn push_from_keeps_mapping_and_trim_works() {
        let mut raw = LintText::new();
        raw.push_verbatim("  hello ", 10);
        raw.push_verbatim("world  ", 30);
        let trimmed = raw.trimmed();
        assert_eq!(trimmed.as_str(), "hello world");
        assert_eq!(trimmed.to_source(0), 12);
        assert_eq!(trimmed.to_source(6), 30);
        assert_eq!(trimmed.span(), Some(12..35));
    }
}
