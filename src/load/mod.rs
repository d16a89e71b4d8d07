//! Load: a file's bytes to text, or an encoding problem with its place.

use crate::model::{Format, Span};
use std::path::Path;

/// Why a file's bytes are not usable text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EncodingKind {
    Utf16,
    Binary,
    /// Not UTF-8: the offending bytes, as `0xE9`.
    Invalid {
        bytes: String,
    },
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EncodingProblem {
    pub kind: EncodingKind,
    pub span: Span,
}

impl EncodingKind {
    /// The key of this problem's wording in the `structure/encoding` pack.
    pub fn key(&self) -> &'static str {
        match self {
            EncodingKind::Utf16 => "utf16",
            EncodingKind::Binary => "binary",
            EncodingKind::Invalid { .. } => "invalid",
        }
    }
}

#[derive(Debug)]
pub enum Loaded {
    /// UTF-8 text (a byte-order mark, if any, is kept: offsets stay file offsets).
    Text(String),
    /// Not UTF-8: the text to show (lossy) and what is wrong.
    Encoding { shown: String, problem: EncodingProblem },
    /// A binary file met while walking a directory: skipped, with a note.
    Binary,
}

/// The format a path is read in.
pub fn format_of(path: &Path) -> Format {
    match path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase)
        .as_deref()
    {
        Some("md" | "markdown") => Format::Markdown,
        Some("yaml" | "yml") => Format::Yaml,
        _ => Format::Text,
    }
}

/// Decodes a file's bytes. `explicit` files are never skipped as binary: the
/// user asked for them, so they get a finding instead.
pub fn decode(bytes: Vec<u8>, explicit: bool) -> Loaded {
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) || looks_utf16(&bytes) {
        return Loaded::Encoding {
            shown: String::new(),
            problem: EncodingProblem {
                kind: EncodingKind::Utf16,
                span: 0..0,
            },
        };
    }
    let head = &bytes[..bytes.len().min(8192)];
    if head.contains(&0) || mostly_control(head) {
        if !explicit {
            return Loaded::Binary;
        }
        return Loaded::Encoding {
            shown: String::new(),
            problem: EncodingProblem {
                kind: EncodingKind::Binary,
                span: 0..0,
            },
        };
    }
    match String::from_utf8(bytes) {
        Ok(text) => Loaded::Text(text),
        Err(e) => {
            let error = e.utf8_error();
            let at = error.valid_up_to();
            let bad = error.error_len().unwrap_or(1);
            let bytes = e.into_bytes();
            let shown = String::from_utf8_lossy(&bytes).into_owned();
            let hex: Vec<String> = bytes[at..at + bad].iter().map(|b| format!("0x{b:02X}")).collect();
            Loaded::Encoding {
                problem: EncodingProblem {
                    kind: EncodingKind::Invalid { bytes: hex.join(" ") },
                    // In the lossy text the bad byte became U+FFFD (3 bytes).
                    span: at..at + '\u{FFFD}'.len_utf8(),
                },
                shown,
            }
        }
    }
}

/// Binary data without zero bytes (compressed or encrypted data, images in
/// odd formats): text has almost no control characters besides tabs and line
/// breaks.
fn mostly_control(head: &[u8]) -> bool {
    let control = head
        .iter()
        .filter(|&&b| (b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0C | 0x1B)) || b == 0x7F)
        .count();
    control * 20 > head.len()
}

/// UTF-16 without a byte-order mark: every other byte is zero in ASCII text.
fn looks_utf16(bytes: &[u8]) -> bool {
    let sample = &bytes[..bytes.len().min(512)];
    if sample.len() < 8 {
        return false;
    }
    let zeros_even = sample.iter().step_by(2).filter(|&&b| b == 0).count();
    let zeros_odd = sample.iter().skip(1).step_by(2).filter(|&&b| b == 0).count();
    let half = sample.len() / 2;
    (zeros_odd * 10 > half * 9 && zeros_even == 0) || (zeros_even * 10 > half * 9 && zeros_odd == 0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn invalid_utf8_names_the_byte_and_offset() {
        let Loaded::Encoding { problem, shown } = decode(b"# Charte\ncaf\xE9\n".to_vec(), true) else {
            panic!("expected an encoding problem")
        };
        assert_eq!(problem.span.start, 12);
        assert_eq!(problem.kind, EncodingKind::Invalid { bytes: "0xE9".into() });
        assert!(shown.is_char_boundary(problem.span.end));
    }

    #[test]
    fn utf16_and_binary_are_recognised() {
        let utf16: Vec<u8> = "# Charte\n".encode_utf16().flat_map(|u| u.to_le_bytes()).collect();
        assert!(matches!(decode(utf16, true), Loaded::Encoding { .. }));
        assert!(matches!(
            decode(vec![0x89, b'P', b'N', b'G', 0, 0, 1], false),
            Loaded::Binary
        ));
        assert!(matches!(
            decode(b"\xEF\xBB\xBF# Titre".to_vec(), false),
            Loaded::Text(_)
        ));
        let noise: Vec<u8> = (1..=255u8).cycle().take(4000).collect();
        assert!(
            matches!(decode(noise, false), Loaded::Binary),
            "binary without zero bytes"
        );
    }
}
