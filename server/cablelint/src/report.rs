//! What checking one file produced, with every position computed once in all
//! the units the output formats need, so the formats only print.

use crate::cache::Checked;
use cablelint_core::profile::Detection;
use cablelint_core::text::floor_char_boundary;
use cablelint_core::{Applicability, CheckResult, Diagnostic, LineIndex, Severity, SourceText};

/// A place in a file. `line` and the columns are 1-based; `column` counts
/// Unicode scalar values, `column_utf16` UTF-16 code units; `offset` is a
/// byte offset into the file as it is on disk (BOM included).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Position {
    pub line: usize,
    pub column: usize,
    pub column_utf16: usize,
    pub offset: usize,
}

#[derive(Debug, Clone)]
pub struct Finding {
    pub diagnostic: Diagnostic,
    pub start: Position,
    pub end: Position,
    pub related: Vec<(Position, Position)>,
    /// Start and end of each fix edit, in order.
    pub edits: Vec<(Position, Position)>,
}

#[derive(Debug)]
pub struct FileReport {
    /// The path as the user gave it or the walk found it.
    pub path: String,
    pub profile: String,
    pub detection: Detection,
    pub findings: Vec<Finding>,
    pub fixes_applied: usize,
    /// Unified diff of what the fixes would change, and how many fixes
    /// (`--diff`).
    pub diff: Option<(String, usize)>,
    /// The decoded text, kept only when findings need showing.
    pub text: Option<String>,
    pub lines: Option<LineIndex>,
}

impl FileReport {
    pub fn new(path: String, raw: &[u8], result: CheckResult, fixes_applied: usize) -> Self {
        let map = OffsetMap::new(raw, result.document.source.has_bom);
        FileReport::with_offsets(path, map, result, fixes_applied)
    }

    /// [`FileReport::new`] with the file's offsets already mapped, so the
    /// raw bytes need not be kept.
    pub fn with_offsets(
        path: String,
        map: OffsetMap,
        result: CheckResult,
        fixes_applied: usize,
    ) -> Self {
        let document = result.document;
        let checked = Checked {
            profile: document.profile.id.clone(),
            detection: document.detection,
            diagnostics: result.diagnostics,
        };
        FileReport::from_checked(
            path,
            map,
            document.source,
            Some(document.lines),
            checked,
            fixes_applied,
        )
    }

    /// The report of a file whose check result is known (from the cache):
    /// `map` maps `source` back to the file's bytes; `lines` is its index if
    /// already made.
    pub fn from_checked(
        path: String,
        map: OffsetMap,
        source: SourceText,
        lines: Option<LineIndex>,
        checked: Checked,
        fixes_applied: usize,
    ) -> Self {
        let keep_text = !checked.diagnostics.is_empty();
        let lines = keep_text.then(|| lines.unwrap_or_else(|| LineIndex::new(&source.text)));
        let findings = match &lines {
            Some(lines) => findings(&map, &source, lines, checked.diagnostics),
            None => Vec::new(),
        };
        let text = if keep_text {
            Some(source.text)
        } else {
            // Its buffer takes the next file this thread reads.
            crate::read::recycle(source.text.into_bytes());
            None
        };
        FileReport {
            path,
            profile: checked.profile,
            detection: checked.detection,
            fixes_applied,
            diff: None,
            lines,
            text,
            findings,
        }
    }

    /// Whether the profile was guessed rather than named, so output must say
    /// which one was used.
    pub fn profile_was_guessed(&self) -> bool {
        matches!(
            self.detection,
            Detection::Detected { .. } | Detection::Fallback
        )
    }
}

/// Every diagnostic with its positions in all the units the formats need.
fn findings(
    map: &OffsetMap,
    source: &SourceText,
    lines: &LineIndex,
    diagnostics: Vec<Diagnostic>,
) -> Vec<Finding> {
    // Every offset the findings need, in the order they are used below.
    let mut wanted = Vec::with_capacity(4 * diagnostics.len());
    for d in &diagnostics {
        wanted.extend([d.span.start, d.span.end]);
        for r in &d.related {
            wanted.extend([r.span.start, r.span.end]);
        }
        for e in d.fix.iter().flat_map(|f| f.edits.iter()) {
            wanted.extend([e.span.start, e.span.end]);
        }
    }
    let mut positions = positions_of(map, &source.text, lines, &wanted).into_iter();
    let mut pair = move || {
        // Two positions were wanted for each span above.
        let start = positions.next().unwrap_or(Position::ORIGIN);
        (start, positions.next().unwrap_or(Position::ORIGIN))
    };
    diagnostics
        .into_iter()
        .map(|d| {
            let (start, end) = pair();
            Finding {
                start,
                end,
                related: d.related.iter().map(|_| pair()).collect(),
                edits: d
                    .fix
                    .iter()
                    .flat_map(|f| f.edits.iter())
                    .map(|_| pair())
                    .collect(),
                diagnostic: d,
            }
        })
        .collect()
}

impl Position {
    const ORIGIN: Position = Position {
        line: 1,
        column: 1,
        column_utf16: 1,
        offset: 0,
    };
}

/// The position of each offset (of the decoded text), in the order given:
/// what [`LineIndex::line_col`] gives for each, computed in one sweep in
/// text order, so each line's columns are counted once from its start
/// however often findings (their starts, ends, related notes, fix edits)
/// come back to it. (Two cursors, one for starts and one for the rest,
/// counted a line again each time the second one came back to it.)
fn positions_of(
    map: &OffsetMap,
    text: &str,
    lines: &LineIndex,
    offsets: &[usize],
) -> Vec<Position> {
    let mut order: Vec<(usize, usize)> = offsets.iter().copied().zip(0..).collect();
    order.sort_unstable();
    let mut positions = vec![Position::ORIGIN; offsets.len()];
    // The line of the last offset, where the next one starts, and the
    // columns at `at` on it.
    let (mut line, mut line_end) = (0, 0);
    let (mut at, mut chars, mut utf16) = (0, 0, 0);
    for (raw, i) in order {
        let offset = floor_char_boundary(text, raw.min(text.len()));
        if offset >= line_end || offset < at {
            line = lines.line_of(offset);
            let span = lines.line_span(line);
            // The last line holds every offset to the end of the text.
            line_end = if line + 1 >= lines.line_count() {
                usize::MAX
            } else {
                span.end
            };
            (at, chars, utf16) = (span.start, 0, 0);
        }
        let (step_chars, step_utf16) = chars_and_utf16_len(&text[at..offset]);
        (at, chars, utf16) = (offset, chars + step_chars, utf16 + step_utf16);
        positions[i] = Position {
            line: line + 1,
            column: chars + 1,
            column_utf16: utf16 + 1,
            offset: map.file_offset(raw),
        };
    }
    positions
}

/// The chars and UTF-16 code units of `text`: every char of four bytes
/// takes two units. (ASCII, most text between two findings, is seen
/// a word at a time; `chars().count()` too.)
fn chars_and_utf16_len(text: &str) -> (usize, usize) {
    if text.is_ascii() {
        return (text.len(), text.len());
    }
    let chars = text.chars().count();
    (chars, chars + count_four_byte_leads(text.as_bytes()))
}

/// How many bytes are `0xF0` or more (each starts a char of four bytes),
/// eight at a time: a byte's top four bits are all set exactly when bit 7
/// of `x & x << 1 & x << 2 & x << 3` is, and shifts of at most 3 bring no
/// bit of one byte into another's bit 7. (Byte by byte this was the most
/// of the cost of positions in text that is not ASCII.)
fn count_four_byte_leads(bytes: &[u8]) -> usize {
    const HIGH_BITS: u64 = 0x8080_8080_8080_8080;
    let mut chunks = bytes.chunks_exact(8);
    let mut count = 0;
    for chunk in &mut chunks {
        let mut word = [0; 8];
        word.copy_from_slice(chunk);
        let x = u64::from_le_bytes(word);
        count += (x & x << 1 & x << 2 & x << 3 & HIGH_BITS).count_ones() as usize;
    }
    count + chunks.remainder().iter().filter(|&&b| b >= 0xF0).count()
}

/// Counts over a whole run.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Summary {
    pub files: usize,
    pub files_with_findings: usize,
    pub errors: usize,
    pub warnings: usize,
    pub infos: usize,
    pub hints: usize,
    /// Findings `--fix` would fix.
    pub fixable_safe: usize,
    /// Findings only `--fix --unsafe-fixes` would fix.
    pub fixable_unsafe: usize,
    pub fixes_applied: usize,
    pub files_fixed: usize,
}

impl Summary {
    /// Counts one more file.
    pub fn add(&mut self, report: &FileReport) {
        let s = self;
        s.files += 1;
        {
            if !report.findings.is_empty() {
                s.files_with_findings += 1;
            }
            if report.fixes_applied > 0 {
                s.files_fixed += 1;
                s.fixes_applied += report.fixes_applied;
            }
            for f in &report.findings {
                match f.diagnostic.severity {
                    Severity::Error => s.errors += 1,
                    Severity::Warning => s.warnings += 1,
                    Severity::Info => s.infos += 1,
                    Severity::Hint => s.hints += 1,
                }
                match f.diagnostic.fix.as_ref().map(|f| f.applicability) {
                    Some(Applicability::Safe) => s.fixable_safe += 1,
                    Some(Applicability::Unsafe) => s.fixable_unsafe += 1,
                    None => {}
                }
            }
        }
    }

    /// Adds the counts of other files.
    pub fn merge(&mut self, other: &Summary) {
        self.files += other.files;
        self.files_with_findings += other.files_with_findings;
        self.errors += other.errors;
        self.warnings += other.warnings;
        self.infos += other.infos;
        self.hints += other.hints;
        self.fixable_safe += other.fixable_safe;
        self.fixable_unsafe += other.fixable_unsafe;
        self.fixes_applied += other.fixes_applied;
        self.files_fixed += other.files_fixed;
    }

    pub fn findings(&self) -> usize {
        self.errors + self.warnings + self.infos + self.hints
    }
}

/// Maps offsets in the decoded text back to the file's bytes: the BOM is
/// counted, and each invalid UTF-8 sequence (one U+FFFD, 3 bytes, in the
/// decoded text) is counted at its real length.
pub struct OffsetMap {
    bom: usize,
    /// (decoded offset, file offset) at the edges of each replacement.
    anchors: Vec<(usize, usize)>,
}

impl OffsetMap {
    pub fn new(raw: &[u8], has_bom: bool) -> OffsetMap {
        let mut anchors = Vec::new();
        if std::str::from_utf8(raw).is_err() {
            let (mut decoded, mut file) = (0, 0);
            for chunk in raw.utf8_chunks() {
                decoded += chunk.valid().len();
                file += chunk.valid().len();
                if !chunk.invalid().is_empty() {
                    anchors.push((decoded, file));
                    decoded += char::REPLACEMENT_CHARACTER.len_utf8();
                    file += chunk.invalid().len();
                    anchors.push((decoded, file));
                }
            }
        }
        OffsetMap {
            bom: if has_bom { 3 } else { 0 },
            anchors,
        }
    }

    /// [`OffsetMap::new`] for bytes already known to be valid UTF-8, without
    /// validating them again: only the BOM shifts offsets.
    pub fn for_valid_utf8(has_bom: bool) -> OffsetMap {
        OffsetMap {
            bom: if has_bom { 3 } else { 0 },
            anchors: Vec::new(),
        }
    }

    pub fn file_offset(&self, text_offset: usize) -> usize {
        let decoded = text_offset + self.bom;
        match self.anchors.iter().rev().find(|(d, _)| *d <= decoded) {
            Some((d, f)) => f + (decoded - d),
            None => decoded,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn offsets_count_the_bom_and_invalid_bytes_at_their_real_length() {
        let map = OffsetMap::new("\u{FEFF}ab".as_bytes(), true);
        assert_eq!(map.file_offset(1), 4);
        // Each of 0xFF and 0xFE is an invalid sequence of its own: two U+FFFD.
        let raw = b"a\xff\xfeb";
        let decoded = String::from_utf8_lossy(raw);
        let map = OffsetMap::new(raw, false);
        let b = decoded.find('b').unwrap();
        assert_eq!(map.file_offset(b), 3);
        assert_eq!(map.file_offset(1), 1);
        assert_eq!(map.file_offset(4), 2);
    }

    /// The sweep gives, for every offset of awkward texts (CRLF, lone CR,
    /// BOM, CJK, astral chars, invalid UTF-8 replaced, long lines), in any
    /// order and with repeats and offsets past the end, what the core's
    /// `LineIndex::line_col` and `LineColCursor` give.
    #[test]
    fn positions_are_what_line_col_gives_for_every_offset() {
        let long = format!("{}𠀋 end\r\n", "ab “q” 姬鹏飞 ".repeat(60));
        let texts: Vec<(Vec<u8>, bool)> = vec![
            (b"".to_vec(), false),
            (b"a\r\nb\nc\rd".to_vec(), false),
            ("\u{FEFF}发往 𠀋\r\nx\n\n".as_bytes().to_vec(), true),
            (b"a\xff\xfe b\r\n\xf0\x9f c".to_vec(), false),
            (long.into_bytes(), false),
            ("x\u{2028}y 𠀋𠀋\r\r\n\nend".as_bytes().to_vec(), false),
        ];
        for (raw, bom) in texts {
            let source = SourceText::from_bytes(&raw);
            assert_eq!(source.has_bom, bom);
            let text = &source.text;
            let lines = LineIndex::new(text);
            let map = OffsetMap::new(&raw, bom);
            let mut offsets: Vec<usize> = (0..=text.len() + 2).collect();
            // Backwards and interleaved, with repeats, as related notes
            // and fix edits come.
            offsets.extend((0..=text.len()).rev().step_by(3));
            offsets.extend(
                (0..text.len())
                    .step_by(7)
                    .flat_map(|o| [o, o / 2, text.len()]),
            );
            let got = positions_of(&map, text, &lines, &offsets);
            let mut cursor = cablelint_core::LineColCursor::new(&lines, text);
            for (offset, position) in offsets.iter().zip(&got) {
                let lc = lines.line_col(text, *offset);
                assert_eq!(lc, cursor.line_col(*offset));
                let expected = Position {
                    line: lc.line + 1,
                    column: lc.column_chars + 1,
                    column_utf16: lc.column_utf16 + 1,
                    offset: map.file_offset(*offset),
                };
                assert_eq!(*position, expected, "{text:?} at {offset}");
            }
        }
    }

    #[test]
    fn chars_and_utf16_units_are_counted_as_std_counts_them() {
        let every_char_class = "a\u{0}\u{7f}\u{80}é\u{7ff}\u{800}姬\u{2028}\u{FEFF}\u{FFFD}\u{FFFF}\u{10000}𠀋\u{10FFFF}";
        for text in [
            String::new(),
            every_char_class.to_owned(),
            every_char_class.repeat(9),
            "x".repeat(31) + "𠀋",
            "𠀋".repeat(40),
        ] {
            for end in (0..=text.len()).filter(|&e| text.is_char_boundary(e)) {
                let s = &text[..end];
                assert_eq!(
                    chars_and_utf16_len(s),
                    (s.chars().count(), s.encode_utf16().count()),
                    "{s:?}"
                );
            }
        }
    }

    /// Every byte value, at every place in a word and in the remainder.
    #[test]
    fn four_byte_leads_are_counted_as_a_byte_by_byte_count_counts_them() {
        let every_byte: Vec<u8> = (0..=255).collect();
        for skip in 0..9 {
            let bytes = &every_byte[skip..];
            for end in 0..=bytes.len() {
                let b = &bytes[..end];
                assert_eq!(
                    count_four_byte_leads(b),
                    b.iter().filter(|&&x| x >= 0xF0).count(),
                    "{b:?}"
                );
            }
        }
    }

    #[test]
    fn valid_text_maps_as_the_validating_constructor_maps_it() {
        for (raw, bom) in [
            ("\u{FEFF}发往 𠀋\r\nx", true),
            ("plain [x]\n", false),
            ("", false),
        ] {
            let (checked, known) = (
                OffsetMap::new(raw.as_bytes(), bom),
                OffsetMap::for_valid_utf8(bom),
            );
            for offset in 0..=raw.len() {
                assert_eq!(
                    checked.file_offset(offset),
                    known.file_offset(offset),
                    "{raw:?} {offset}"
                );
            }
        }
    }
}
