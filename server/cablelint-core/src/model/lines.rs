//! Every line's content and its trimmed form, made once per parse: the
//! segmenter and the bracket scan both walk the lines, and each used to cut
//! and trim them again. The same pass over the bytes finds the line index's
//! line starts, the brackets' marks and the paragraphs ([`LineTable::scan`]).
//!
//! A cable keeps each line cut and trimmed (40 bytes a line, a few
//! kilobytes). A collection in one document keeps only which lines are
//! blank, and cuts a line from the line index when asked: the table cost
//! a 50 MB document 17 MB and about 4,000 page faults, and the segmenter
//! reads few of its lines twice. Cutting every cable's lines on demand cost
//! 1.3 K instructions a cable, so both are kept, and the segmenter is made
//! for each ([`View`]).

use crate::text::find_bytes;
use crate::text::{LineIndex, Span};

/// One line of the text.
#[derive(Clone, Copy)]
pub(super) struct Line<'t> {
    /// Without its terminator.
    text: &'t str,
    /// As `str::trim` has it (empty for a blank line).
    trimmed: &'t str,
    /// Where it starts in the text.
    start: usize,
}

/// What the pass keeps of each line (see the module's note).
trait Kept<'t> {
    fn with_capacity(lines: usize) -> Self;
    fn push(&mut self, text: &'t str, trimmed: &'t str, start: usize);
}

impl<'t> Kept<'t> for Vec<Line<'t>> {
    fn with_capacity(lines: usize) -> Self {
        Vec::with_capacity(lines)
    }
    #[inline(always)]
    fn push(&mut self, text: &'t str, trimmed: &'t str, start: usize) {
        Vec::push(
            self,
            Line {
                text,
                trimmed,
                start,
            },
        );
    }
}

/// Whether each line is blank.
impl<'t> Kept<'t> for Vec<bool> {
    fn with_capacity(lines: usize) -> Self {
        Vec::with_capacity(lines)
    }
    #[inline(always)]
    fn push(&mut self, _: &'t str, trimmed: &'t str, _: usize) {
        Vec::push(self, trimmed.is_empty());
    }
}

/// The lines as [`LineTable::scan`] keeps them, and the paragraphs.
pub(super) struct LineTable<'t> {
    kept: Table<'t>,
    /// See [`LineTable::into_paragraphs`]; found in the same pass.
    paragraphs: Vec<Span>,
}

enum Table<'t> {
    /// A cable's lines, cut and trimmed.
    Cut(Vec<Line<'t>>),
    /// A collection's: whether each line is blank.
    Blank(Vec<bool>),
}

/// Read access to the lines, whichever way they are kept.
pub(super) trait Lines {
    /// The line without its terminator.
    fn text(&self, i: usize) -> &str;
    /// As `str::trim` has it (empty for a blank line).
    fn trimmed(&self, i: usize) -> &str;
    /// Where the line starts in the text.
    fn start(&self, i: usize) -> usize;
    fn blank(&self, i: usize) -> bool;
    fn len(&self) -> usize;
    /// The first byte of [`Lines::trimmed`]: a cheap test that rules most
    /// lines out.
    #[inline(always)]
    fn trimmed_first_byte(&self, i: usize) -> Option<u8> {
        self.trimmed(i).as_bytes().first().copied()
    }
}

/// A [`LineTable`] with what it needs to answer [`Lines`].
pub(super) enum View<'a, 't> {
    Cut(&'a [Line<'t>]),
    Blank(BlankLines<'a>),
}

/// A collection's lines: cut from the line index when asked.
pub(super) struct BlankLines<'a> {
    text: &'a str,
    /// The line index's starts (the first is 0).
    starts: &'a [usize],
    blank: &'a [bool],
}

impl Lines for [Line<'_>] {
    #[inline(always)]
    fn text(&self, i: usize) -> &str {
        self[i].text
    }
    #[inline(always)]
    fn trimmed(&self, i: usize) -> &str {
        self[i].trimmed
    }
    #[inline(always)]
    fn start(&self, i: usize) -> usize {
        self[i].start
    }
    #[inline(always)]
    fn blank(&self, i: usize) -> bool {
        self[i].trimmed.is_empty()
    }
    #[inline(always)]
    fn len(&self) -> usize {
        <[Line]>::len(self)
    }
}

impl Lines for BlankLines<'_> {
    /// Up to the next line's start, less the `\n`, `\r\n` or lone `\r`
    /// that ends it (the last line has none: a text ending in one has an
    /// empty last line after it).
    fn text(&self, i: usize) -> &str {
        let start = self.starts[i];
        let bytes = self.text.as_bytes();
        let mut end = self.starts.get(i + 1).copied().unwrap_or(bytes.len());
        if end > start && bytes[end - 1] == b'\n' {
            end -= 1;
        }
        if end > start && bytes[end - 1] == b'\r' {
            end -= 1;
        }
        &self.text[start..end]
    }
    fn trimmed(&self, i: usize) -> &str {
        if self.blank[i] {
            ""
        } else {
            trim(self.text(i))
        }
    }
    fn start(&self, i: usize) -> usize {
        self.starts[i]
    }
    fn blank(&self, i: usize) -> bool {
        self.blank[i]
    }
    fn len(&self) -> usize {
        self.blank.len()
    }
    /// Read without finding the line's end when the line is blank or
    /// starts with ASCII other than white space (nearly every line).
    /// Inlined: the segmenter asks it of every line of a collection, and
    /// a call a line cost more than the test.
    #[inline(always)]
    fn trimmed_first_byte(&self, i: usize) -> Option<u8> {
        if self.blank[i] {
            return None;
        }
        match self.text.as_bytes().get(self.starts[i]) {
            Some(&b) if kept_by_trim(b) => Some(b),
            _ => self.trimmed_first_byte_cut(i),
        }
    }
}

impl BlankLines<'_> {
    /// [`Lines::trimmed_first_byte`] of a line that starts with white space
    /// or outside ASCII: the line cut and trimmed.
    #[inline(never)]
    fn trimmed_first_byte_cut(&self, i: usize) -> Option<u8> {
        self.trimmed(i).as_bytes().first().copied()
    }
}

/// [`LineTable`] as a pass over the line ends builds it, a line at a time.
struct Builder<'t, K> {
    text: &'t str,
    kept: K,
    paragraphs: Vec<Span>,
    /// Where the open paragraph starts, and where its last line ends.
    paragraph: Option<(usize, usize)>,
}

impl<'t, K: Kept<'t>> Builder<'t, K> {
    /// The line from `start` to `end` (its terminator excluded).
    #[inline(always)]
    fn push(&mut self, start: usize, end: usize) {
        // An empty line, every other line of a cable (the blank line between
        // paragraphs), needs no cutting or trimming, nor a call.
        if start == end {
            self.kept.push("", "", start);
            if let Some((s, e)) = self.paragraph.take() {
                self.paragraphs.push(Span::new(s, e));
            }
        } else {
            self.push_content(start, end);
        }
    }

    /// [`Builder::push`] for a line that is not empty. Not inlined: the
    /// search's loop stays small, and a call for every line that holds
    /// something costs little beside cutting and trimming it.
    #[inline(never)]
    fn push_content(&mut self, start: usize, end: usize) {
        let content = &self.text[start..end];
        let trimmed = trim(content);
        self.kept.push(content, trimmed, start);
        // A plain branch and push: `extend` from an `Option` costs more.
        if trimmed.is_empty() {
            if let Some((s, e)) = self.paragraph.take() {
                self.paragraphs.push(Span::new(s, e));
            }
        } else {
            match &mut self.paragraph {
                Some((_, last_end)) => *last_end = end,
                None => self.paragraph = Some((start, end)),
            }
        }
    }

    fn finish(mut self) -> (K, Vec<Span>) {
        self.paragraphs
            .extend(self.paragraph.map(|(s, e)| Span::new(s, e)));
        (self.kept, self.paragraphs)
    }
}

impl<'t> LineTable<'t> {
    /// The table, the text's [`LineIndex`] and the offsets of every `[` and
    /// `]`, ascending: one pass over the bytes finds the line ends and the
    /// marks, and each line is cut and trimmed as its end is found.
    pub(super) fn scan(text: &'t str) -> (LineTable<'t>, LineIndex, Vec<usize>) {
        if text.len() >= BIG_TEXT {
            let (blank, paragraphs, index, marks) = scan_keeping::<Vec<bool>>(text);
            let table = LineTable {
                kept: Table::Blank(blank),
                paragraphs,
            };
            (table, index, marks)
        } else {
            let (lines, paragraphs, index, marks) = scan_keeping::<Vec<Line>>(text);
            let table = LineTable {
                kept: Table::Cut(lines),
                paragraphs,
            };
            (table, index, marks)
        }
    }

    /// The lines of `text`, whose line index is `index` (both as
    /// [`LineTable::scan`] gave them with this table).
    pub(super) fn view<'a>(&'a self, text: &'a str, index: &'a LineIndex) -> View<'a, 't> {
        match &self.kept {
            Table::Cut(lines) => View::Cut(lines),
            Table::Blank(blank) => {
                debug_assert_eq!(index.line_count(), blank.len());
                View::Blank(BlankLines {
                    text,
                    starts: index.starts(),
                    blank,
                })
            }
        }
    }

    /// Runs of lines that are not blank, from the first line's first
    /// character to the end of the last line's content: what brackets are
    /// paired within (see [`super::Brackets::paragraphs`]).
    pub(super) fn into_paragraphs(self) -> Vec<Span> {
        self.paragraphs
    }
}

/// [`LineTable::scan`] keeping each line as `K` does.
fn scan_keeping<'t, K: Kept<'t>>(text: &'t str) -> (K, Vec<Span>, LineIndex, Vec<usize>) {
    let bytes = text.as_bytes();
    // Room for lines (and marks) of 64 bytes on average, so that most
    // files never regrow the lists.
    let room = text.len() / 64 + 16;
    let mut starts = Vec::with_capacity(room);
    starts.push(0);
    let mut marks = Vec::with_capacity(room);
    let mut table = Builder {
        text,
        kept: K::with_capacity(room),
        paragraphs: paragraph_room(text.len()),
        paragraph: None,
    };
    let mut line_start = 0;
    // Inlined into the search's loop, which calls it from one place: a
    // call for every line end and bracket cost as much as the work.
    find_bytes::each_of_four(
        bytes,
        *b"\n\r[]",
        #[inline(always)]
        |at| {
            let end = match bytes[at] {
                // A `\r` just before belongs to this `\n`'s terminator.
                b'\n' if at > line_start && bytes[at - 1] == b'\r' => at - 1,
                b'\n' => at,
                // A `\r` before `\n` ends nothing: the `\n` ends the line.
                b'\r' if bytes.get(at + 1) == Some(&b'\n') => return,
                b'\r' => at,
                _ => {
                    marks.push(at);
                    return;
                }
            };
            table.push(line_start, end);
            line_start = at + 1;
            starts.push(line_start);
        },
    );
    table.push(line_start, text.len());
    let (kept, paragraphs) = table.finish();
    (
        kept,
        paragraphs,
        LineIndex::from_starts(starts, text.len()),
        marks,
    )
}

/// A text this long is a collection in one document (a cable never is).
const BIG_TEXT: usize = 1 << 20;

/// Room for the paragraphs of a page-long cable without regrowing (a fifth
/// of generated cables have more than sixteen); a collection gets room for
/// one per 128 bytes at once (the real corpus has one per 375 bytes, the
/// 50 MB collection one per 247), so that a list of megabytes is not copied
/// and faulted in again at every doubling.
fn paragraph_room(text_len: usize) -> Vec<Span> {
    if text_len >= BIG_TEXT {
        collection_paragraph_room(text_len)
    } else {
        Vec::with_capacity(32)
    }
}

// Out of line: a cable never comes here.
#[cold]
#[inline(never)]
fn collection_paragraph_room(text_len: usize) -> Vec<Span> {
    Vec::with_capacity(text_len / 128)
}

/// An ASCII byte other than white space: `str::trim` stops at it.
#[inline(always)]
fn kept_by_trim(b: u8) -> bool {
    b.is_ascii() && !matches!(b, b' ' | b'\t' | b'\n' | b'\x0B' | b'\x0C' | b'\r')
}

/// `str::trim`, with the common line that starts and ends with an ASCII
/// character other than white space returned as it is, undecoded.
pub(super) fn trim(line: &str) -> &str {
    let kept = |b: Option<&u8>| b.is_some_and(|&b| kept_by_trim(b));
    let bytes = line.as_bytes();
    // An empty line (every blank line between paragraphs) needs no call.
    if bytes.is_empty() || (kept(bytes.first()) && kept(bytes.last())) {
        line
    } else {
        line.trim()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A line's content, trimmed form, start and blankness.
    type PlainLine = (String, String, usize, bool);

    /// Every line as [`PlainLine`], and the paragraphs, cut from a plain
    /// line index: the oracle of the one pass.
    fn plain(text: &str, index: &LineIndex) -> (Vec<PlainLine>, Vec<Span>) {
        let mut lines = Vec::new();
        let mut paragraphs = Vec::new();
        // Where the open paragraph starts, and where its last line ends.
        let mut paragraph: Option<(usize, usize)> = None;
        for l in 0..index.line_count() {
            let span = index.line_content_span(text, l);
            let content = &text[span.range()];
            let trimmed = content.trim();
            lines.push((
                content.to_owned(),
                trimmed.to_owned(),
                span.start,
                trimmed.is_empty(),
            ));
            if trimmed.is_empty() {
                paragraphs.extend(paragraph.take().map(|(s, e)| Span::new(s, e)));
            } else {
                paragraph = Some((paragraph.map_or(span.start, |(s, _)| s), span.end));
            }
        }
        paragraphs.extend(paragraph.map(|(s, e)| Span::new(s, e)));
        (lines, paragraphs)
    }

    fn assert_lines(lines: &(impl Lines + ?Sized), expected: &[PlainLine], text: &str) {
        assert_eq!(lines.len(), expected.len(), "{text:?}");
        for (l, (content, trimmed, start, blank)) in expected.iter().enumerate() {
            assert_eq!(
                (
                    lines.text(l),
                    lines.trimmed(l),
                    lines.start(l),
                    lines.blank(l)
                ),
                (content.as_str(), trimmed.as_str(), *start, *blank),
                "{text:?} line {l}"
            );
            assert_eq!(
                lines.trimmed_first_byte(l),
                trimmed.as_bytes().first().copied(),
                "{text:?} line {l}"
            );
        }
    }

    /// The one pass, keeping lines either way, against the plain line
    /// index, `str::trim`, the plain paragraphs and marks.
    fn assert_table(text: &str) {
        let index = LineIndex::new(text);
        let (expected, paragraphs) = plain(text, &index);
        let plain_marks: Vec<usize> = memchr::memchr2_iter(b'[', b']', text.as_bytes()).collect();
        let (lines, cut_paragraphs, cut_index, marks) = scan_keeping::<Vec<Line>>(text);
        assert_eq!(marks, plain_marks, "{text:?}");
        assert_eq!(cut_index.starts(), index.starts(), "{text:?}");
        assert_eq!(cut_paragraphs, paragraphs, "{text:?}");
        assert_lines(lines.as_slice(), &expected, text);
        let (blank, blank_paragraphs, blank_index, marks) = scan_keeping::<Vec<bool>>(text);
        assert_eq!(marks, plain_marks, "{text:?}");
        assert_eq!(blank_index.starts(), index.starts(), "{text:?}");
        assert_eq!(blank_paragraphs, paragraphs, "{text:?}");
        let table = LineTable {
            kept: Table::Blank(blank),
            paragraphs: blank_paragraphs,
        };
        match table.view(text, &blank_index) {
            View::Blank(lines) => assert_lines(&lines, &expected, text),
            View::Cut(_) => unreachable!("a table of blank flags is viewed as such"),
        }
        // `LineTable::scan` picks the way by the text's length.
        let (table, _, _) = LineTable::scan(text);
        let big = text.len() >= BIG_TEXT;
        match table.view(text, &index) {
            View::Cut(lines) if !big => assert_lines(lines, &expected, text),
            View::Blank(lines) if big => assert_lines(&lines, &expected, text),
            _ => panic!("{} bytes kept the wrong way", text.len()),
        }
        assert_eq!(table.into_paragraphs(), paragraphs);
    }

    #[test]
    fn lines_are_those_the_line_index_gives() {
        for (_, text) in crate::test_corpus::documents() {
            assert_table(&text);
        }
        const PIECES: &[&str] = &[
            "\n", "\r\n", "\r", "\r\r\n", "\n\r", " ", "\t", "\u{a0}", "\u{3000}", "𠀋", "中文",
            "\u{feff}", "word", "[x]", "\u{85}", "\u{2028}", "[", "]", "\n\n", "\r\n\r\n", " \n ",
            "\u{b}", "\u{c}x", "Dx",
        ];
        let mut state: u64 = 0x2545_F491_4F6C_DD1D;
        let mut next = move || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        };
        for _ in 0..3_000 {
            let mut text = String::new();
            for _ in 0..(next() % 40) {
                text.push_str(PIECES[(next() % PIECES.len() as u64) as usize]);
            }
            assert_table(&text);
        }
        for text in [
            "",
            "\n",
            "\r",
            "\r\n",
            "\n\n",
            "\r\r",
            "x\r",
            "\u{feff}x\r\n",
            "[\r\n]\r[\n\r]",
        ] {
            assert_table(text);
        }
        // The last two are over `BIG_TEXT`: kept as blank flags.
        for text in [
            "[".repeat(100_000),
            "\r\n".repeat(50_000),
            " 𠀋 [x]\r\n\r\n\t\u{3000}\nDx \r".repeat(BIG_TEXT / 16),
            "Skip to content\n\nA cable\u{b}\n".repeat(BIG_TEXT / 25),
        ] {
            assert_table(&text);
        }
    }
}
