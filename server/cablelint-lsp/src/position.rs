//! The one place where byte offsets meet LSP positions.
//!
//! Snapshots (a parsed document) convert through cablelint-core's
//! `LineIndex`; the open document's rope converts with ropey's own indices,
//! following the same rules (tested against `LineIndex` below): lines end at
//! `\n`, `\r\n` or `\r`; a column past the end of its line means the end of
//! the line; a line past the end means the end of the text; a column inside
//! a character moves to a character boundary as `LineIndex` does.

use cablelint_core::diagnostic::Edit;
use cablelint_core::text::LineCol;
use cablelint_core::{LineColCursor, LineIndex, Span};
use ropey::Rope;
use tower_lsp_server::ls_types::{Position, PositionEncodingKind, Range, TextEdit};

/// The negotiated position encoding.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Encoding {
    Utf8,
    /// The LSP default when the client offers nothing else.
    #[default]
    Utf16,
}

impl Encoding {
    /// UTF-8 when the client offers it (no conversion on our side), else UTF-16.
    pub fn negotiate(offered: Option<&[PositionEncodingKind]>) -> Encoding {
        match offered {
            Some(kinds) if kinds.contains(&PositionEncodingKind::UTF8) => Encoding::Utf8,
            _ => Encoding::Utf16,
        }
    }

    pub fn kind(self) -> PositionEncodingKind {
        match self {
            Encoding::Utf8 => PositionEncodingKind::UTF8,
            Encoding::Utf16 => PositionEncodingKind::UTF16,
        }
    }

    /// The length of `text` in this encoding's units.
    pub fn len(self, text: &str) -> usize {
        match self {
            Encoding::Utf8 => text.len(),
            Encoding::Utf16 => text.encode_utf16().count(),
        }
    }
}

/// A text and its line index, seen through one encoding.
#[derive(Clone, Copy)]
pub struct TextMap<'a> {
    pub text: &'a str,
    pub lines: &'a LineIndex,
    pub encoding: Encoding,
    /// The client's text starts with a U+FEFF that `text` (as cablelint-core
    /// parsed it) does not have: columns on line 0 are shifted by it.
    pub bom: bool,
}

impl<'a> TextMap<'a> {
    pub fn new(text: &'a str, lines: &'a LineIndex, encoding: Encoding) -> Self {
        TextMap {
            text,
            lines,
            encoding,
            bom: false,
        }
    }

    pub fn with_bom(self, bom: bool) -> Self {
        TextMap { bom, ..self }
    }

    /// Width of the byte-order mark in this encoding's units, on line 0.
    pub fn line_shift(&self, line: usize) -> usize {
        if self.bom && line == 0 {
            self.encoding.len("\u{FEFF}")
        } else {
            0
        }
    }

    pub fn position(&self, offset: usize) -> Position {
        let at = self.lines.line_col(self.text, self.addressable(offset));
        self.position_of(at)
    }

    /// Between `\r` and `\n` is no position at all: use the line's end.
    fn addressable(&self, offset: usize) -> usize {
        let offset = offset.min(self.text.len());
        if offset > 0
            && self.text[..offset].ends_with('\r')
            && self.text[offset..].starts_with('\n')
        {
            offset - 1
        } else {
            offset
        }
    }

    fn position_of(&self, at: LineCol) -> Position {
        let column = match self.encoding {
            Encoding::Utf8 => at.column_bytes,
            Encoding::Utf16 => at.column_utf16,
        };
        Position::new(to_u32(at.line), to_u32(column + self.line_shift(at.line)))
    }

    /// Positions of many offsets, each found from the last one near it
    /// rather than from its line's start (see `LineColCursor`).
    pub fn positions(&self) -> Positions<'a> {
        Positions {
            map: *self,
            cursor: LineColCursor::new(self.lines, self.text),
        }
    }

    pub fn range(&self, span: Span) -> Range {
        Range::new(self.position(span.start), self.position(span.end))
    }

    /// The offset of a client position, clamped into the text.
    pub fn offset(&self, position: Position) -> usize {
        let line = position.line as usize;
        let column = (position.character as usize).saturating_sub(self.line_shift(line));
        match self.encoding {
            Encoding::Utf8 => self.lines.offset_utf8(self.text, line, column),
            Encoding::Utf16 => self.lines.offset_utf16(self.text, line, column),
        }
    }

    /// The span of a client range; a reversed range is read start-first.
    pub fn span(&self, range: Range) -> Span {
        let (a, b) = (self.offset(range.start), self.offset(range.end));
        Span::new(a.min(b), a.max(b))
    }

    /// An edit as an LSP text edit. A span end that falls between `\r` and
    /// `\n` cannot be addressed, so the edit is widened over the whole line
    /// break and the part of it that stays is put back into the new text.
    pub fn text_edit(&self, edit: &Edit) -> TextEdit {
        let (mut start, mut end) = (
            edit.span.start.min(self.text.len()),
            edit.span.end.min(self.text.len()),
        );
        let mut new_text = edit.new_text.clone();
        if self.inside_crlf(start) {
            start -= 1;
            new_text.insert(0, '\r');
        }
        if self.inside_crlf(end) {
            end += 1;
            new_text.push('\n');
        }
        TextEdit::new(self.range(Span::new(start, end)), new_text)
    }

    fn inside_crlf(&self, offset: usize) -> bool {
        offset > 0
            && self.text.as_bytes().get(offset - 1) == Some(&b'\r')
            && self.text.as_bytes().get(offset) == Some(&b'\n')
    }
}

/// The char index in `rope` of a client position, by the rules above.
pub fn rope_char(rope: &Rope, position: Position, encoding: Encoding) -> usize {
    let line = position.line as usize;
    if line >= rope.len_lines() {
        return rope.len_chars();
    }
    let line_start = rope.line_to_char(line);
    let slice = rope.line(line);
    let content_chars = slice.len_chars() - terminator_chars(&slice);
    let column = position.character as usize;
    let in_line = match encoding {
        Encoding::Utf16 => {
            let content = slice.slice(..content_chars);
            if column >= content.len_utf16_cu() {
                content_chars
            } else {
                // Inside a surrogate pair: the next boundary, as LineIndex does.
                let floor = content.utf16_cu_to_char(column);
                if content.char_to_utf16_cu(floor) < column {
                    floor + 1
                } else {
                    floor
                }
            }
        }
        Encoding::Utf8 => {
            let content = slice.slice(..content_chars);
            // Inside a multi-byte character: its start, as LineIndex does.
            content.byte_to_char(column.min(content.len_bytes()))
        }
    };
    line_start + in_line
}

fn terminator_chars(line: &ropey::RopeSlice) -> usize {
    let n = line.len_chars();
    match (
        n.checked_sub(2).map(|i| line.char(i)),
        n.checked_sub(1).map(|i| line.char(i)),
    ) {
        (Some('\r'), Some('\n')) => 2,
        (_, Some('\n' | '\r')) => 1,
        _ => 0,
    }
}

fn to_u32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// [`TextMap::position`] for many offsets, linear on long lines.
pub struct Positions<'a> {
    map: TextMap<'a>,
    cursor: LineColCursor<'a>,
}

impl Positions<'_> {
    pub fn position(&mut self, offset: usize) -> Position {
        let at = self.cursor.line_col(self.map.addressable(offset));
        self.map.position_of(at)
    }

    pub fn range(&mut self, span: Span) -> Range {
        Range::new(self.position(span.start), self.position(span.end))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    const TEXT: &str = "x\r\n发往:𠀋b\r\rlast";

    #[test]
    fn positions_on_cjk_and_astral_lines_in_both_encodings() {
        let lines = LineIndex::new(TEXT);
        let b = TEXT.find('b').unwrap();
        let utf16 = TextMap::new(TEXT, &lines, Encoding::Utf16);
        let utf8 = TextMap::new(TEXT, &lines, Encoding::Utf8);
        assert_eq!(utf16.position(b), Position::new(1, 5));
        assert_eq!(utf8.position(b), Position::new(1, 11));
        assert_eq!(utf16.offset(Position::new(1, 5)), b);
        assert_eq!(utf8.offset(Position::new(1, 11)), b);
        // The lone \r ends line 1; an empty line 2; "last" on line 3.
        assert_eq!(utf16.position(TEXT.len()), Position::new(3, 4));
        // Between \r and \n: the end of line 0.
        assert_eq!(utf16.position(2), Position::new(0, 1));
    }

    #[test]
    fn positions_agree_with_text_map_in_any_order() {
        let long = "𠀋中a ".repeat(2000);
        let text = &format!("x\r\n发往:𠀋b\r\r{long}\r\nlast");
        let lines = LineIndex::new(text);
        for encoding in [Encoding::Utf16, Encoding::Utf8] {
            let map = TextMap::new(text, &lines, encoding).with_bom(true);
            let mut positions = map.positions();
            let offsets = (0..=text.len() + 1)
                .step_by(7)
                .chain((0..text.len()).rev().step_by(5))
                .filter(|&o| text.is_char_boundary(o.min(text.len())));
            for offset in offsets {
                assert_eq!(positions.position(offset), map.position(offset), "{offset}");
            }
        }
    }

    #[test]
    fn a_byte_order_mark_shifts_line_0_only() {
        let client_text = "\u{FEFF}ab\ncd";
        let text = &client_text[3..];
        let lines = LineIndex::new(text);
        for (encoding, width) in [(Encoding::Utf16, 1), (Encoding::Utf8, 3)] {
            let map = TextMap::new(text, &lines, encoding).with_bom(true);
            assert_eq!(map.position(1), Position::new(0, 1 + width));
            assert_eq!(map.offset(Position::new(0, 1 + width)), 1);
            assert_eq!(map.offset(Position::new(0, 0)), 0);
            assert_eq!(map.position(4), Position::new(1, 1));
        }
    }

    #[test]
    fn an_edit_ending_inside_crlf_is_widened_over_it() {
        let text = "ab\r\ncd";
        let lines = LineIndex::new(text);
        let map = TextMap::new(text, &lines, Encoding::Utf16);
        let edit = map.text_edit(&Edit::replace(Span::new(3, 5), "X"));
        assert_eq!(
            edit.range,
            Range::new(Position::new(0, 2), Position::new(1, 1))
        );
        assert_eq!(edit.new_text, "\rX");
    }

    fn texts() -> impl Strategy<Value = String> {
        prop::collection::vec(
            prop::sample::select(vec!["a", "发", "𠀋", "\r\n", "\n", "\r", "é", " "]),
            0..30,
        )
        .prop_map(|parts| parts.concat())
    }

    proptest! {
        /// The rope conversion agrees with cablelint-core's LineIndex for every
        /// position, in range or not, in both encodings.
        #[test]
        fn rope_positions_agree_with_line_index(text in texts(), line in 0u32..12, column in 0u32..40, utf8: bool) {
            let encoding = if utf8 { Encoding::Utf8 } else { Encoding::Utf16 };
            let rope = Rope::from_str(&text);
            let lines = LineIndex::new(&text);
            let map = TextMap::new(&text, &lines, encoding);
            let position = Position::new(line, column);
            let from_rope = rope.char_to_byte(rope_char(&rope, position, encoding));
            prop_assert_eq!(from_rope, map.offset(position));
            prop_assert_eq!(rope.len_lines(), lines.line_count());
        }

        /// position() and offset() are inverse on every character boundary
        /// that is not inside a CRLF.
        #[test]
        fn positions_round_trip(text in texts(), utf8: bool) {
            let encoding = if utf8 { Encoding::Utf8 } else { Encoding::Utf16 };
            let lines = LineIndex::new(&text);
            let map = TextMap::new(&text, &lines, encoding);
            for (offset, _) in text.char_indices().chain([(text.len(), ' ')]) {
                if !map.inside_crlf(offset) {
                    prop_assert_eq!(map.offset(map.position(offset)), offset);
                }
            }
        }
    }
}
