//! What checking one file produced, with every position computed once in all
//! the units the output formats need, so the formats only print.

use crate::cache::Checked;
use cablelint_core::profile::{Detection, Profile};
use cablelint_core::text::floor_char_boundary;
use cablelint_core::{Applicability, CheckResult, Diagnostic, LineIndex, Severity, SourceText};
use std::sync::Arc;

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

/// One diagnostic with its positions, as the formats print it: a view
/// into a [`FileReport`], made as the formats go through it. (Moving each
/// diagnostic into a finding of its own, with a vector for its related
/// notes' positions and one for its edits', cost more than printing it.)
#[derive(Debug, Clone, Copy)]
pub struct Finding<'a> {
    pub diagnostic: &'a Diagnostic,
    pub start: Position,
    pub end: Position,
    pub related: &'a [(Position, Position)],
    /// Start and end of each fix edit, in order.
    pub edits: &'a [(Position, Position)],
}

#[derive(Debug)]
pub struct FileReport {
    /// The path as the user gave it or the walk found it.
    pub path: Arc<str>,
    pub profile: ProfileName,
    pub detection: Detection,
    /// What the check found, in order; [`FileReport::findings`] gives each
    /// with its positions.
    pub diagnostics: Vec<Diagnostic>,
    /// Start and end of each diagnostic's span, of its related notes' and
    /// of its fix's edits', diagnostic after diagnostic.
    spans: Vec<(Position, Position)>,
    pub fixes_applied: usize,
    /// Unified diff of what the fixes would change, and how many fixes
    /// (`--diff`).
    pub diff: Option<(String, usize)>,
    /// The decoded text, kept only when findings need showing.
    pub text: Option<String>,
    pub lines: Option<LineIndex>,
}

/// The id of the profile a file was checked with: the checked document's
/// profile itself, or the id a cache entry holds. (Copying the id out of
/// the profile cost an allocation and a free a file.)
#[derive(Debug, Clone)]
pub enum ProfileName {
    Shared(Arc<Profile>),
    Owned(String),
}

impl std::ops::Deref for ProfileName {
    type Target = str;

    fn deref(&self) -> &str {
        match self {
            ProfileName::Shared(profile) => &profile.id,
            ProfileName::Owned(id) => id,
        }
    }
}

impl std::fmt::Display for ProfileName {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self)
    }
}

impl From<String> for ProfileName {
    fn from(id: String) -> Self {
        ProfileName::Owned(id)
    }
}

/// The findings of a report, in order.
pub struct Findings<'a> {
    diagnostics: std::slice::Iter<'a, Diagnostic>,
    spans: &'a [(Position, Position)],
}

impl<'a> Iterator for Findings<'a> {
    type Item = Finding<'a>;

    fn next(&mut self) -> Option<Finding<'a>> {
        let diagnostic = self.diagnostics.next()?;
        let related = diagnostic.related.len();
        let edits = diagnostic.fix.as_ref().map_or(0, |f| f.edits.len());
        // (Every span is positioned: `min` only keeps a bug from panicking.)
        let (own, rest) = self
            .spans
            .split_at((1 + related + edits).min(self.spans.len()));
        self.spans = rest;
        let (start, end) = own
            .first()
            .copied()
            .unwrap_or((Position::ORIGIN, Position::ORIGIN));
        let notes_and_edits = own.get(1..).unwrap_or_default();
        let (related, edits) = notes_and_edits.split_at(related.min(notes_and_edits.len()));
        Some(Finding {
            diagnostic,
            start,
            end,
            related,
            edits,
        })
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        self.diagnostics.size_hint()
    }
}

impl ExactSizeIterator for Findings<'_> {}

impl FileReport {
    pub fn new(path: Arc<str>, raw: &[u8], result: CheckResult, fixes_applied: usize) -> Self {
        let map = OffsetMap::new(raw, result.document.source.has_bom);
        FileReport::with_offsets(path, map, result, fixes_applied)
    }

    /// [`FileReport::new`] with the file's offsets already mapped, so the
    /// raw bytes need not be kept.
    pub fn with_offsets(
        path: Arc<str>,
        map: OffsetMap,
        result: CheckResult,
        fixes_applied: usize,
    ) -> Self {
        let document = result.document;
        FileReport::build(
            path,
            map,
            document.source,
            Some(document.lines),
            ProfileName::Shared(document.profile),
            (document.detection, result.diagnostics),
            fixes_applied,
        )
    }

    /// The report of a file whose check result is known (from the cache):
    /// `map` maps `source` back to the file's bytes; `lines` is its index if
    /// already made.
    pub fn from_checked(
        path: Arc<str>,
        map: OffsetMap,
        source: SourceText,
        lines: Option<LineIndex>,
        checked: Checked,
        fixes_applied: usize,
    ) -> Self {
        FileReport::build(
            path,
            map,
            source,
            lines,
            ProfileName::Owned(checked.profile),
            (checked.detection, checked.diagnostics),
            fixes_applied,
        )
    }

    fn build(
        path: Arc<str>,
        map: OffsetMap,
        source: SourceText,
        lines: Option<LineIndex>,
        profile: ProfileName,
        (detection, diagnostics): (Detection, Vec<Diagnostic>),
        fixes_applied: usize,
    ) -> Self {
        let keep_text = !diagnostics.is_empty();
        let lines = keep_text.then(|| lines.unwrap_or_else(|| LineIndex::new(&source.text)));
        let spans = match &lines {
            Some(lines) => spans_of(&map, &source, lines, &diagnostics),
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
            profile,
            detection,
            fixes_applied,
            diff: None,
            lines,
            text,
            diagnostics,
            spans,
        }
    }

    /// Each diagnostic with its positions, in order.
    pub fn findings(&self) -> Findings<'_> {
        Findings {
            diagnostics: self.diagnostics.iter(),
            spans: &self.spans,
        }
    }

    /// Whether no collection's profile was named or recognised, so the file
    /// was checked with the generic one.
    pub fn fell_back_to_generic(&self) -> bool {
        matches!(self.detection, Detection::Fallback)
    }
}

/// The positions of every diagnostic's spans, in all the units the
/// formats need, in the order [`Findings`] reads them.
fn spans_of(
    map: &OffsetMap,
    source: &SourceText,
    lines: &LineIndex,
    diagnostics: &[Diagnostic],
) -> Vec<(Position, Position)> {
    // This thread's buffer of the last file serves again, rather than an
    // allocation a file.
    let mut order = SCRATCH.take();
    // Every offset wanted, numbered in the order `Findings` reads them.
    order.clear();
    for d in diagnostics {
        let spans = d.related.iter().map(|r| r.span);
        let spans = spans.chain(d.fix.iter().flat_map(|f| f.edits.iter().map(|e| e.span)));
        for span in std::iter::once(d.span).chain(spans) {
            order.extend([(span.start, order.len()), (span.end, order.len() + 1)]);
        }
    }
    let mut spans = vec![(Position::ORIGIN, Position::ORIGIN); order.len() / 2];
    fill_positions(map, &source.text, lines, &mut order, |i, position| {
        let pair = &mut spans[i / 2];
        *if i % 2 == 0 { &mut pair.0 } else { &mut pair.1 } = position;
    });
    // (A big file's is not kept.)
    if order.capacity() <= MAX_KEPT_OFFSETS {
        SCRATCH.set(order);
    }
    spans
}

/// The most offsets a thread's buffer is kept for (1 MB).
const MAX_KEPT_OFFSETS: usize = 1 << 16;

thread_local! {
    /// The buffer [`spans_of`] numbers and sorts a file's offsets in,
    /// kept between files.
    static SCRATCH: std::cell::Cell<Vec<(usize, usize)>> = const { std::cell::Cell::new(Vec::new()) };
}

impl Position {
    const ORIGIN: Position = Position {
        line: 1,
        column: 1,
        column_utf16: 1,
        offset: 0,
    };
}

/// The position of each offset, in the order given (the tests' way in).
#[cfg(test)]
fn positions_of(
    map: &OffsetMap,
    text: &str,
    lines: &LineIndex,
    offsets: &[usize],
) -> Vec<Position> {
    let mut order: Vec<(usize, usize)> = offsets.iter().copied().zip(0..).collect();
    let mut positions = vec![Position::ORIGIN; offsets.len()];
    fill_positions(map, text, lines, &mut order, |i, p| positions[i] = p);
    positions
}

/// The position of each offset (of the decoded text) numbered in `order`
/// (`(offset, number)`), given to `put` with its number: what
/// [`LineIndex::line_col`] gives for each, computed in one sweep in
/// text order, so each line's columns are counted once from its start
/// however often findings (their starts, ends, related notes, fix edits)
/// come back to it. (Two cursors, one for starts and one for the rest,
/// counted a line again each time the second one came back to it.)
fn fill_positions(
    map: &OffsetMap,
    text: &str,
    lines: &LineIndex,
    order: &mut [(usize, usize)],
    mut put: impl FnMut(usize, Position),
) {
    // Findings come in text order, so their offsets often do too: checking
    // costs less than sorting what is sorted already.
    if !order.is_sorted() {
        order.sort_unstable();
    }
    // The line of the last offset, where the next one starts, and the
    // columns at `at` on it.
    let (mut line, mut line_end) = (0, 0);
    let (mut at, mut chars, mut utf16) = (0, 0, 0);
    for &mut (raw, i) in order {
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
        put(
            i,
            Position {
                line: line + 1,
                column: chars + 1,
                column_utf16: utf16 + 1,
                offset: map.file_offset(raw),
            },
        );
    }
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
    /// Files checked with the generic profile because nothing named or
    /// recognised their collection, whose profile the human output did not
    /// name: files without findings, unless `--show-profiles`.
    pub clean_files_generic: usize,
}

impl Summary {
    /// Counts one more file.
    pub fn add(&mut self, report: &FileReport) {
        let s = self;
        s.files += 1;
        s.clean_files_generic +=
            usize::from(report.diagnostics.is_empty() && report.fell_back_to_generic());
        {
            if !report.diagnostics.is_empty() {
                s.files_with_findings += 1;
            }
            if report.fixes_applied > 0 {
                s.files_fixed += 1;
                s.fixes_applied += report.fixes_applied;
            }
            for d in &report.diagnostics {
                match d.severity {
                    Severity::Error => s.errors += 1,
                    Severity::Warning => s.warnings += 1,
                    Severity::Info => s.infos += 1,
                    Severity::Hint => s.hints += 1,
                }
                match d.fix.as_ref().map(|f| f.applicability) {
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
        self.clean_files_generic += other.clean_files_generic;
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

/// A finding owning what it holds: tests make awkward reports with them.
#[cfg(test)]
#[derive(Debug, Clone)]
pub struct OwnedFinding {
    pub diagnostic: Diagnostic,
    pub start: Position,
    pub end: Position,
    pub related: Vec<(Position, Position)>,
    pub edits: Vec<(Position, Position)>,
}

#[cfg(test)]
impl FileReport {
    /// Lets a test change the findings, as owned values; each must keep a
    /// position pair for each related note and fix edit.
    pub fn edit_findings(&mut self, edit: impl FnOnce(&mut Vec<OwnedFinding>)) {
        let mut owned: Vec<OwnedFinding> = self
            .findings()
            .map(|f| OwnedFinding {
                diagnostic: f.diagnostic.clone(),
                start: f.start,
                end: f.end,
                related: f.related.to_vec(),
                edits: f.edits.to_vec(),
            })
            .collect();
        edit(&mut owned);
        self.diagnostics.clear();
        self.spans.clear();
        for f in owned {
            let edits = f.diagnostic.fix.as_ref().map_or(0, |fix| fix.edits.len());
            assert_eq!(f.related.len(), f.diagnostic.related.len(), "related");
            assert_eq!(f.edits.len(), edits, "edits");
            self.spans.push((f.start, f.end));
            self.spans.extend(f.related);
            self.spans.extend(f.edits);
            self.diagnostics.push(f.diagnostic);
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
