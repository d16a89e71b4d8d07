//! Byte offsets to 1-based lines and columns, computed once per file.

/// A position as users see it: 1-based line, 1-based column in Unicode scalar
/// values, and the byte offset.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Position {
    pub line: usize,
    pub column: usize,
    pub offset: usize,
}

pub struct LineIndex<'a> {
    text: &'a str,
    /// Byte offset where each line starts.
    starts: Vec<usize>,
}

impl<'a> LineIndex<'a> {
    pub fn new(text: &'a str) -> Self {
        let mut starts = vec![0];
        let bytes = text.as_bytes();
        let mut i = 0;
        while i < bytes.len() {
            match bytes[i] {
                b'\n' => starts.push(i + 1),
                // A lone CR ends a line too; CRLF is handled by the LF.
                b'\r' if bytes.get(i + 1) != Some(&b'\n') => starts.push(i + 1),
                _ => {}
            }
            i += 1;
        }
        LineIndex { text, starts }
    }

    pub fn position(&self, offset: usize) -> Position {
        let mut offset = offset.min(self.text.len());
        while !self.text.is_char_boundary(offset) {
            offset -= 1;
        }
        let line = self.starts.partition_point(|&s| s <= offset) - 1;
        let start = self.starts[line];
        // Inside a CRLF break, the position is the end of the line.
        let mut column = self.text[start..offset].trim_end_matches('\r').chars().count() + 1;
        // A byte-order mark is invisible: the first visible character is column 1.
        if line == 0 && offset > 0 && self.text.starts_with('\u{FEFF}') {
            column -= 1;
        }
        Position {
            line: line + 1,
            column,
            offset,
        }
    }

    /// The bytes of line `line` (0-based), its line break included.
    pub fn line_range(&self, line: usize) -> Option<std::ops::Range<usize>> {
        let start = *self.starts.get(line)?;
        Some(start..self.starts.get(line + 1).copied().unwrap_or(self.text.len()))
    }

    /// The line (without its line break) that holds `offset`.
    pub fn line_text(&self, line: usize) -> &'a str {
        let start = self.starts[line - 1];
        let end = self.starts.get(line).copied().unwrap_or(self.text.len());
        self.text[start..end].trim_end_matches(['\n', '\r'])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_count_characters_not_bytes() {
        let text = "# Écoute\r\nà répondre\nx";
        let index = LineIndex::new(text);
        let offset = text.find("répondre").unwrap();
        let pos = index.position(offset);
        assert_eq!((pos.line, pos.column), (2, 3));
        assert_eq!(index.position(text.len()).line, 3);
        assert_eq!(index.line_text(1), "# Écoute");
    }

    #[test]
    fn bom_is_not_a_column() {
        let text = "\u{FEFF}# Titre";
        let index = LineIndex::new(text);
        assert_eq!(index.position(3).column, 1);
    }
}
