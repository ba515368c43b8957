//! Positions in every unit the formats need (line, column in chars and in
//! UTF-16 units, file offset), computed for a whole report in one sweep.

use super::OffsetMap;
use cablelint_core::text::floor_char_boundary;
use cablelint_core::{Diagnostic, LineIndex, SourceText};

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

/// The positions of every diagnostic's spans, in all the units the
/// formats need, in the order [`super::Findings`] reads them.
pub(super) fn spans_of(
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
    // Findings come in text order, so their offsets often do too: checking
    // costs less than sorting what is sorted already.
    if !order.is_sorted() {
        if order.len() <= FEW_OFFSETS {
            order.sort_unstable();
        } else {
            sort_by_findings(&mut order, diagnostics);
        }
    }
    let mut spans = vec![(Position::ORIGIN, Position::ORIGIN); order.len() / 2];
    fill_positions(map, &source.text, lines, &order, |i, position| {
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
    pub(super) const ORIGIN: Position = Position {
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
    order.sort_unstable();
    let mut positions = vec![Position::ORIGIN; offsets.len()];
    fill_positions(map, text, lines, &order, |i, p| positions[i] = p);
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
    order: &[(usize, usize)],
    mut put: impl FnMut(usize, Position),
) {
    debug_assert!(order.is_sorted());
    // The line of the last offset, where the next one starts, and the
    // columns at `at` on it.
    let (mut line, mut line_end) = (0, 0);
    let (mut at, mut chars, mut utf16) = (0, 0, 0);
    for &(raw, i) in order {
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

/// Up to this many offsets (a cable's findings have fewer) are sorted as
/// they are; more are sorted by [`sort_by_findings`].
const FEW_OFFSETS: usize = 64;

/// Sorts `order`, the offsets of `diagnostics` as [`spans_of`] numbers
/// them. Findings come sorted, so their own spans' offsets mostly rise
/// and keep their places; the few that do not (a span that overlaps the
/// next), related notes and fix edits, which point anywhere, are sorted
/// apart and merged in. Sorting all the offsets of the 50 MB file's report
/// cost a quarter of a byte's whole check.
fn sort_by_findings(order: &mut Vec<(usize, usize)>, diagnostics: &[Diagnostic]) {
    let mut rest = Vec::new();
    let mut kept = 0;
    let mut group_start = 0;
    for d in diagnostics {
        let edits = d.fix.as_ref().map_or(0, |f| f.edits.len());
        let group_end = group_start + 2 * (1 + d.related.len() + edits);
        for i in group_start..group_end {
            let item = order[i];
            if i < group_start + 2 && (kept == 0 || order[kept - 1] < item) {
                order[kept] = item;
                kept += 1;
            } else {
                rest.push(item);
            }
        }
        group_start = group_end;
    }
    debug_assert_eq!(group_start, order.len());
    order.truncate(kept);
    rest.sort_unstable();
    merge_sorted(order, &rest);
}

/// Merges the sorted `rest` into the sorted `order`, from the back.
fn merge_sorted(order: &mut Vec<(usize, usize)>, rest: &[(usize, usize)]) {
    let mut from_order = order.len();
    let mut from_rest = rest.len();
    order.resize(from_order + from_rest, (0, 0));
    for to in (0..order.len()).rev() {
        if from_rest == 0 {
            break;
        }
        if from_order > 0 && order[from_order - 1] > rest[from_rest - 1] {
            order[to] = order[from_order - 1];
            from_order -= 1;
        } else {
            order[to] = rest[from_rest - 1];
            from_rest -= 1;
        }
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

#[cfg(test)]
mod tests {
    use super::*;

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

    /// Sorted lists of every length, sharing offsets, merge as sorting
    /// both together sorts them.
    #[test]
    fn sorted_offsets_merge_as_sort_unstable_sorts_them() {
        let mut seed = 0x1962_0628_u64;
        let mut below = |n: usize| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            (seed % n as u64) as usize
        };
        for _ in 0..3_000 {
            let mut items: Vec<(usize, usize)> = (0..below(40)).map(|i| (below(30), i)).collect();
            let mut order = Vec::new();
            let mut rest = Vec::new();
            for &item in &items {
                if below(3) == 0 { &mut rest } else { &mut order }.push(item);
            }
            order.sort_unstable();
            rest.sort_unstable();
            merge_sorted(&mut order, &rest);
            items.sort_unstable();
            assert_eq!(order, items);
        }
    }

    /// Findings in text order, spans overlapping, related notes and fix
    /// edits anywhere: their offsets end as `sort_unstable` leaves them.
    #[test]
    fn findings_offsets_are_sorted_as_sort_unstable_sorts_them() {
        use cablelint_core::text::Span;
        use cablelint_core::{Applicability, Edit, Fix, Related, Severity};
        let seed = std::cell::Cell::new(0x1962_0628_u64);
        let below = |n: usize| {
            let mut s = seed.get();
            s ^= s << 13;
            s ^= s >> 7;
            s ^= s << 17;
            seed.set(s);
            (s % n as u64) as usize
        };
        for _ in 0..500 {
            let mut start = 0;
            let mut diagnostics = Vec::new();
            for _ in 0..below(60) {
                start += below(20);
                let span = || {
                    let at = below(1_000);
                    Span::new(at, at + below(4))
                };
                let related = (0..below(3))
                    .map(|_| Related {
                        span: span(),
                        message: String::new(),
                    })
                    .collect();
                let fix = (below(2) == 0).then(|| Fix {
                    title: String::new(),
                    applicability: Applicability::Safe,
                    edits: (0..below(3))
                        .map(|_| Edit::insert(span().start, ""))
                        .collect(),
                });
                diagnostics.push(Diagnostic {
                    code: "B001",
                    name: "",
                    severity: Severity::Warning,
                    message: String::new(),
                    span: Span::new(start, start + below(30)),
                    fix,
                    related,
                    person: None,
                });
            }
            let mut order = Vec::new();
            for d in &diagnostics {
                let spans = d.related.iter().map(|r| r.span);
                let spans = spans.chain(d.fix.iter().flat_map(|f| f.edits.iter().map(|e| e.span)));
                for span in std::iter::once(d.span).chain(spans) {
                    order.extend([(span.start, order.len()), (span.end, order.len() + 1)]);
                }
            }
            let mut expected = order.clone();
            expected.sort_unstable();
            sort_by_findings(&mut order, &diagnostics);
            assert_eq!(order, expected);
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
}
