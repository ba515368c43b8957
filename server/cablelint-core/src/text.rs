//! Raw input → text the rest of the crate can index: BOM and encoding handling,
//! byte spans, and the line index that turns offsets into line/column pairs.

use std::ops::Range;

pub(crate) mod find_bytes;
mod line_cursor;
pub use line_cursor::LineCursor;

/// A half-open byte range into the document text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default, serde::Serialize)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    pub const fn new(start: usize, end: usize) -> Self {
        Span { start, end }
    }
    pub const fn empty(at: usize) -> Self {
        Span { start: at, end: at }
    }
    pub fn len(&self) -> usize {
        self.end - self.start
    }
    pub fn is_empty(&self) -> bool {
        self.start == self.end
    }
    pub fn range(&self) -> Range<usize> {
        self.start..self.end
    }
    pub fn contains(&self, offset: usize) -> bool {
        self.start <= offset && offset < self.end
    }
    pub fn cover(self, other: Span) -> Span {
        Span::new(self.start.min(other.start), self.end.max(other.end))
    }
    pub fn shift(self, by: usize) -> Span {
        Span::new(self.start + by, self.end + by)
    }
}

/// The decoded text of one file, with what decoding found out about it.
#[derive(Debug, Clone)]
pub struct SourceText {
    /// The text after the byte-order mark (if any). Spans index into this.
    pub text: String,
    /// Whether the file started with a UTF-8 byte-order mark (kept on write).
    pub has_bom: bool,
    /// Byte offset (in the raw input) of the first invalid UTF-8 sequence.
    /// When set, `text` is a lossy decoding and no fix may be written back.
    pub invalid_utf8_at: Option<usize>,
}

const BOM: &str = "\u{FEFF}";

impl SourceText {
    /// Decodes raw bytes. Invalid UTF-8 never fails: it is decoded lossily and
    /// remembered, so the file can still be checked but never rewritten.
    pub fn from_bytes(bytes: &[u8]) -> SourceText {
        match std::str::from_utf8(bytes) {
            Ok(text) => SourceText::from_str(text),
            Err(error) => {
                let lossy = String::from_utf8_lossy(bytes);
                let mut source = SourceText::from_str(&lossy);
                source.invalid_utf8_at = Some(error.valid_up_to());
                source
            }
        }
    }

    /// [`SourceText::from_bytes`] without a copy of the text: a 50 MB file
    /// stays one 50 MB buffer (only invalid UTF-8 is decoded into another).
    pub fn from_vec(bytes: Vec<u8>) -> SourceText {
        match String::from_utf8(bytes) {
            Ok(text) => SourceText::from_string(text),
            Err(error) => SourceText::from_bytes(error.as_bytes()),
        }
    }

    /// A text already decoded (a `String` is valid UTF-8): the BOM is
    /// stripped in place, nothing is validated or copied.
    pub fn from_string(mut text: String) -> SourceText {
        let has_bom = text.starts_with(BOM);
        if has_bom {
            text.drain(..BOM.len());
        }
        SourceText {
            text,
            has_bom,
            invalid_utf8_at: None,
        }
    }

    /// The text as the file holds it (BOM restored), without a copy when
    /// there is no BOM.
    pub fn into_file_bytes(has_bom: bool, text: String) -> Vec<u8> {
        if has_bom {
            let mut out = Vec::with_capacity(text.len() + BOM.len());
            out.extend_from_slice(BOM.as_bytes());
            out.extend_from_slice(text.as_bytes());
            out
        } else {
            text.into_bytes()
        }
    }

    // Not `FromStr`: decoding text cannot fail, and a `Result` would be noise.
    #[allow(clippy::should_implement_trait)]
    pub fn from_str(text: &str) -> SourceText {
        match text.strip_prefix(BOM) {
            Some(rest) => SourceText {
                text: rest.to_owned(),
                has_bom: true,
                invalid_utf8_at: None,
            },
            None => SourceText {
                text: text.to_owned(),
                has_bom: false,
                invalid_utf8_at: None,
            },
        }
    }

    /// The length of the file in bytes, BOM included (after a lossy
    /// decoding, of the decoded text).
    pub fn file_len(&self) -> u64 {
        (self.text.len() + if self.has_bom { BOM.len() } else { 0 }) as u64
    }

    /// The text as it should be written back: BOM restored.
    pub fn to_file_string(&self, text: &str) -> String {
        if self.has_bom {
            let mut out = String::with_capacity(text.len() + BOM.len());
            out.push_str(BOM);
            out.push_str(text);
            out
        } else {
            text.to_owned()
        }
    }
}

/// Line/column of an offset. `line` and the columns are 0-based here; the
/// output formats add one where they are documented as 1-based.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LineCol {
    pub line: usize,
    /// Column in Unicode scalar values.
    pub column_chars: usize,
    /// Column in UTF-16 code units (the LSP default).
    pub column_utf16: usize,
    /// Column in bytes (LSP's utf-8 position encoding).
    pub column_bytes: usize,
}

/// Start offsets of every line. A line ends at `\n`, `\r\n` or a lone `\r`
/// (old Mac files exist in archives), and the terminator belongs to its line.
#[derive(Debug, Clone)]
pub struct LineIndex {
    starts: Vec<usize>,
    len: usize,
}

/// Converts many offsets to positions without recounting each line from
/// its start: it keeps marks every few kilobytes along the line it last
/// visited, so a file with 100,000 findings on one 10 MB line stays linear,
/// in whatever order the offsets come.
pub struct LineColCursor<'a> {
    lines: &'a LineIndex,
    text: &'a str,
    /// The line last visited, and where it starts and ends (its next
    /// line's start): an offset on it needs no search of the index.
    line: Option<(usize, usize, usize)>,
    /// (offset, chars, UTF-16 units) from the line's start, ascending,
    /// past its start: only lines longer than a step have any, so most
    /// files never allocate them.
    marks: Vec<(usize, usize, usize)>,
}

impl<'a> LineColCursor<'a> {
    const STEP: usize = 256;

    pub fn new(lines: &'a LineIndex, text: &'a str) -> Self {
        LineColCursor {
            lines,
            text,
            line: None,
            marks: Vec::new(),
        }
    }

    /// The same as [`LineIndex::line_col`].
    pub fn line_col(&mut self, offset: usize) -> LineCol {
        let offset = floor_char_boundary(self.text, offset.min(self.text.len()));
        let (line, line_start) = match self.line {
            Some((line, start, end)) if start <= offset && offset < end => (line, start),
            _ => {
                let line = self.lines.line_of(offset);
                let start = self.lines.starts[line];
                let end = self.lines.starts.get(line + 1).copied();
                // The last line holds every offset to the end of the text.
                self.line = Some((line, start, end.unwrap_or(usize::MAX)));
                self.marks.clear();
                (line, start)
            }
        };
        let i = self.marks.partition_point(|m| m.0 <= offset);
        let (mut at, mut chars, mut utf16) = match i {
            0 => (line_start, 0, 0),
            _ => self.marks[i - 1],
        };
        if i == self.marks.len() {
            loop {
                let next = floor_char_boundary(self.text, at + Self::STEP);
                if next >= offset || next <= at {
                    break;
                }
                let (step_chars, step_utf16) = char_and_utf16_len(&self.text[at..next]);
                chars += step_chars;
                utf16 += step_utf16;
                at = next;
                self.marks.push((at, chars, utf16));
            }
        }
        let (step_chars, step_utf16) = char_and_utf16_len(&self.text[at..offset]);
        LineCol {
            line,
            column_chars: chars + step_chars,
            column_utf16: utf16 + step_utf16,
            column_bytes: offset - line_start,
        }
    }
}

impl LineIndex {
    pub fn new(text: &str) -> LineIndex {
        let bytes = text.as_bytes();
        // Room for lines of 64 bytes on average, so that most files never
        // regrow the list.
        let mut starts = Vec::with_capacity(text.len() / 64 + 16);
        starts.push(0);
        find_bytes::each_of_four(bytes, *b"\n\r\n\r", |at| {
            // A `\r` before `\n` ends nothing: the `\n` ends the line.
            if bytes[at] == b'\n' || bytes.get(at + 1) != Some(&b'\n') {
                starts.push(at + 1);
            }
        });
        LineIndex::from_starts(starts, text.len())
    }

    /// An index of a text of `len` bytes whose lines start at `starts`
    /// (ascending, the first 0), found by a caller that walked the line
    /// ends for its own reasons as well (`model::lines`).
    pub(crate) fn from_starts(starts: Vec<usize>, len: usize) -> LineIndex {
        debug_assert!(starts.first() == Some(&0) && starts.is_sorted());
        LineIndex { starts, len }
    }

    /// Where every line starts (the first is 0), for a walk over all lines.
    pub fn starts(&self) -> &[usize] {
        &self.starts
    }

    pub fn line_count(&self) -> usize {
        self.starts.len()
    }

    /// The 0-based line that holds `offset` (offsets past the end clamp).
    pub fn line_of(&self, offset: usize) -> usize {
        let offset = offset.min(self.len);
        self.starts.partition_point(|&start| start <= offset) - 1
    }

    /// The span of a line including its terminator.
    pub fn line_span(&self, line: usize) -> Span {
        let start = self.starts[line.min(self.starts.len() - 1)];
        let end = self.starts.get(line + 1).copied().unwrap_or(self.len);
        Span::new(start, end)
    }

    /// The span of a line without its terminator.
    pub fn line_content_span(&self, text: &str, line: usize) -> Span {
        let span = self.line_span(line);
        // A line holds at most its own terminator, at its end.
        let terminator = match &text.as_bytes()[span.range()] {
            [.., b'\r', b'\n'] => 2,
            [.., b'\n' | b'\r'] => 1,
            _ => 0,
        };
        Span::new(span.start, span.end - terminator)
    }

    pub fn line_col(&self, text: &str, offset: usize) -> LineCol {
        let offset = floor_char_boundary(text, offset.min(text.len()));
        let line = self.line_of(offset);
        let before = &text[self.starts[line]..offset];
        let (column_chars, column_utf16) = char_and_utf16_len(before);
        LineCol {
            line,
            column_chars,
            column_utf16,
            column_bytes: before.len(),
        }
    }

    /// Offset of a (line, UTF-16 column) position; out-of-range values clamp
    /// to the end of the line or of the text, as LSP requires.
    pub fn offset_utf16(&self, text: &str, line: usize, column: usize) -> usize {
        self.offset_by(text, line, column, char::len_utf16)
    }

    /// Offset of a (line, byte column) position, clamped likewise and snapped
    /// back to a character boundary.
    pub fn offset_utf8(&self, text: &str, line: usize, column: usize) -> usize {
        if line >= self.starts.len() {
            return self.len;
        }
        let content = self.line_content_span(text, line);
        floor_char_boundary(text, (content.start + column).min(content.end))
    }

    /// Offset of a (line, scalar-value column) position, clamped likewise.
    pub fn offset_chars(&self, text: &str, line: usize, column: usize) -> usize {
        self.offset_by(text, line, column, |_| 1)
    }

    fn offset_by(
        &self,
        text: &str,
        line: usize,
        column: usize,
        width: impl Fn(char) -> usize,
    ) -> usize {
        if line >= self.starts.len() {
            return self.len;
        }
        let content = self.line_content_span(text, line);
        let mut units = 0;
        for (i, c) in text[content.range()].char_indices() {
            if units >= column {
                return content.start + i;
            }
            units += width(c);
        }
        content.end
    }
}

/// Characters and UTF-16 code units in `s`, counted once: an ASCII run
/// (most of a cable) has as many of each as bytes, which `is_ascii` sees a
/// word at a time; otherwise a character outside the Basic Multilingual
/// Plane (UTF-8 lead byte 0xF0 or above) is two units.
fn char_and_utf16_len(s: &str) -> (usize, usize) {
    if s.is_ascii() {
        return (s.len(), s.len());
    }
    let chars = s.chars().count();
    (chars, chars + s.bytes().filter(|&b| b >= 0xF0).count())
}

/// The largest char boundary at or below `offset`.
pub fn floor_char_boundary(text: &str, mut offset: usize) -> usize {
    offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The memchr loop [`LineIndex::new`] replaced, kept as its oracle.
    fn starts_oracle(text: &str) -> Vec<usize> {
        let bytes = text.as_bytes();
        let mut starts = vec![0];
        let mut i = 0;
        while let Some(found) = memchr::memchr2(b'\n', b'\r', &bytes[i..]) {
            let at = i + found;
            let next = if bytes[at] == b'\r' && bytes.get(at + 1) == Some(&b'\n') {
                at + 2
            } else {
                at + 1
            };
            starts.push(next);
            i = next;
        }
        starts
    }

    #[test]
    fn line_starts_are_those_the_plain_loop_finds() {
        const PIECES: &[&str] = &[
            "\n",
            "\r\n",
            "\r",
            "\r\r\n",
            "\n\r",
            "[x]",
            " ",
            "\t",
            "\u{a0}",
            "\u{3000}",
            "𠀋",
            "中文",
            "\u{feff}",
            "word",
            "\u{85}",
            "\u{2028}",
            "a longer run of words without a line end in it at all",
        ];
        let mut rng = crate::test_random::Rng(0x9E37_79B9_7F4A_7C15);
        let mut texts: Vec<String> = (0..3_000)
            .map(|round| {
                let mut text = String::new();
                if round % 5 == 0 {
                    text.push('\u{feff}');
                }
                for _ in 0..rng.below(120) {
                    text.push_str(PIECES[rng.below(PIECES.len())]);
                }
                text
            })
            .collect();
        texts.extend(["", "\n", "\r", "\r\n", "x\r", "\r\n\r\n"].map(String::from));
        texts.push("\r\n".repeat(40_000));
        texts.push("\r".repeat(100_000));
        for (_, text) in crate::test_corpus::documents() {
            texts.push(text);
        }
        for text in &texts {
            assert_eq!(LineIndex::new(text).starts, starts_oracle(text), "{text:?}");
        }
    }

    #[test]
    fn lines_end_at_lf_crlf_and_lone_cr() {
        let text = "a\r\nb\nc\rd";
        let index = LineIndex::new(text);
        assert_eq!(index.line_count(), 4);
        assert_eq!(index.line_span(0), Span::new(0, 3));
        assert_eq!(index.line_content_span(text, 0), Span::new(0, 1));
        assert_eq!(index.line_of(7), 3);
    }

    #[test]
    fn columns_count_chars_utf16_and_bytes_on_cjk_and_astral_lines() {
        let text = "x\n发往:𠀋b";
        let index = LineIndex::new(text);
        let b = text.find('b').unwrap();
        let at = index.line_col(text, b);
        assert_eq!(
            (at.line, at.column_chars, at.column_utf16, at.column_bytes),
            (1, 4, 5, 11)
        );
        assert_eq!(index.offset_utf16(text, 1, 5), b);
        assert_eq!(index.offset_chars(text, 1, 4), b);
        assert_eq!(index.offset_utf8(text, 1, 11), b);
        // Inside the surrogate pair / inside a UTF-8 sequence: never splits a char.
        assert!(text.is_char_boundary(index.offset_utf16(text, 1, 4)));
        assert!(text.is_char_boundary(index.offset_utf8(text, 1, 8)));
        // Past the end of a line or the text clamps.
        assert_eq!(index.offset_utf16(text, 0, 99), 1);
        assert_eq!(index.offset_utf16(text, 9, 0), text.len());
    }

    #[test]
    fn utf16_lengths_count_astral_characters_twice() {
        for s in ["", "ascii", "发往", "𠀋", "a𠀋b中\u{10FFFF}é", "\u{FEFF}x"] {
            assert_eq!(
                char_and_utf16_len(s),
                (s.chars().count(), s.encode_utf16().count()),
                "{s:?}"
            );
        }
    }

    #[test]
    fn bom_is_stripped_and_restored() {
        let source = SourceText::from_bytes("\u{FEFF}abc".as_bytes());
        assert!(source.has_bom);
        assert_eq!(source.text, "abc");
        assert_eq!(source.to_file_string("abd"), "\u{FEFF}abd");
    }

    #[test]
    fn owned_bytes_decode_as_borrowed_ones_do() {
        for bytes in [
            "\u{FEFF}发往 𠀋\r\n".as_bytes(),
            "plain\n".as_bytes(),
            b"\xef\xbb\xbfab\xffcd",
            b"",
            b"\xef\xbb",
        ] {
            let owned = SourceText::from_vec(bytes.to_vec());
            let borrowed = SourceText::from_bytes(bytes);
            if let Ok(text) = std::str::from_utf8(bytes) {
                let decoded = SourceText::from_string(text.to_owned());
                assert_eq!(
                    (&decoded.text, decoded.has_bom, decoded.invalid_utf8_at),
                    (&borrowed.text, borrowed.has_bom, borrowed.invalid_utf8_at),
                    "{bytes:?}"
                );
            }
            assert_eq!(
                (&owned.text, owned.has_bom, owned.invalid_utf8_at),
                (&borrowed.text, borrowed.has_bom, borrowed.invalid_utf8_at),
                "{bytes:?}"
            );
            if owned.invalid_utf8_at.is_none() {
                assert_eq!(
                    SourceText::into_file_bytes(owned.has_bom, owned.text),
                    bytes
                );
            }
        }
    }

    #[test]
    fn invalid_utf8_is_decoded_lossily_and_remembered() {
        let source = SourceText::from_bytes(b"ab\xffcd");
        assert_eq!(source.invalid_utf8_at, Some(2));
        assert_eq!(source.text, "ab\u{FFFD}cd");
    }
}

#[cfg(test)]
mod cursor_tests {
    use super::*;

    #[test]
    fn cursor_agrees_with_line_col_in_any_order() {
        let long = "𠀋中a".repeat(1500);
        let text = &format!("a𠀋b\r\n中文 [x]\rlast 𠂉 line\n{long}\n");
        let lines = LineIndex::new(text);
        let mut cursor = LineColCursor::new(&lines, text);
        let offsets: Vec<usize> = (0..=text.len() + 2)
            .chain((0..=text.len()).rev())
            .chain((0..text.len()).step_by(997))
            .collect();
        for offset in offsets {
            assert_eq!(
                cursor.line_col(offset),
                lines.line_col(text, offset),
                "offset {offset}"
            );
        }
    }
}
