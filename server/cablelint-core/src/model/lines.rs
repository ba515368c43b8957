//! Every line's content and its trimmed form, made once per parse: the
//! segmenter and the bracket scan both walk the lines, and each used to cut
//! and trim them again. The same pass over the bytes finds the line index's
//! line starts and the brackets' marks ([`Lines::scan`]).

use crate::text::find_bytes;
use crate::text::{LineIndex, Span};

/// One line of the text.
#[derive(Clone, Copy)]
struct Line<'t> {
    /// Without its terminator.
    text: &'t str,
    /// As `str::trim` has it (empty for a blank line).
    trimmed: &'t str,
    /// Where it starts in the text.
    start: usize,
}

pub(super) struct Lines<'t> {
    /// One allocation for every line's parts.
    lines: Vec<Line<'t>>,
    /// See [`Lines::paragraphs`]; found in the same pass.
    paragraphs: Vec<Span>,
}

/// [`Lines`] as a pass over the line ends builds it, a line at a time.
struct Builder<'t> {
    text: &'t str,
    lines: Vec<Line<'t>>,
    paragraphs: Vec<Span>,
    /// Where the open paragraph starts, and where its last line ends.
    paragraph: Option<(usize, usize)>,
}

impl<'t> Builder<'t> {
    /// The line from `start` to `end` (its terminator excluded).
    #[inline(always)]
    fn push(&mut self, start: usize, end: usize) {
        // An empty line, every other line of a cable (the blank line between
        // paragraphs), needs no cutting or trimming, nor a call.
        if start == end {
            self.lines.push(Line {
                text: "",
                trimmed: "",
                start,
            });
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
        self.lines.push(Line {
            text: content,
            trimmed,
            start,
        });
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

    fn finish(mut self) -> Lines<'t> {
        self.paragraphs
            .extend(self.paragraph.map(|(s, e)| Span::new(s, e)));
        Lines {
            lines: self.lines,
            paragraphs: self.paragraphs,
        }
    }
}

impl<'t> Lines<'t> {
    /// The table, the text's [`LineIndex`] and the offsets of every `[` and
    /// `]`, ascending: one pass over the bytes finds the line ends and the
    /// marks, and each line is cut and trimmed as its end is found.
    pub(super) fn scan(text: &'t str) -> (Lines<'t>, LineIndex, Vec<usize>) {
        let bytes = text.as_bytes();
        // Room for lines (and marks) of 64 bytes on average, so that most
        // files never regrow the lists.
        let room = text.len() / 64 + 16;
        let mut starts = Vec::with_capacity(room);
        starts.push(0);
        let mut marks = Vec::with_capacity(room);
        let mut table = Builder {
            text,
            lines: Vec::with_capacity(room),
            // Room for the paragraphs of a page-long cable without regrowing
            // (a fifth of generated cables have more than sixteen).
            paragraphs: Vec::with_capacity(32),
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
        (
            table.finish(),
            LineIndex::from_starts(starts, text.len()),
            marks,
        )
    }

    /// The table cut from a line index: the plain version of [`Lines::scan`],
    /// kept as its oracle.
    #[cfg(test)]
    fn new(text: &'t str, index: &LineIndex) -> Lines<'t> {
        let starts = index.starts();
        let mut lines = Vec::with_capacity(starts.len());
        // Room for the paragraphs of a page-long cable without regrowing.
        let mut paragraphs = Vec::with_capacity(16);
        // Where the open paragraph starts, and where its last line ends.
        let mut paragraph: Option<(usize, usize)> = None;
        let bytes = text.as_bytes();
        // Each line runs to the next one's start (the last to the text's end).
        let nexts = starts.iter().skip(1).copied().chain([text.len()]);
        for (&start, next) in starts.iter().zip(nexts) {
            // A line holds at most its own terminator (`\n`, `\r\n` or a
            // lone `\r`), at its end.
            let mut end = next;
            if end > start && bytes[end - 1] == b'\n' {
                end -= 1;
            }
            if end > start && bytes[end - 1] == b'\r' {
                end -= 1;
            }
            let content = &text[start..end];
            let trimmed = trim(content);
            lines.push(Line {
                text: content,
                trimmed,
                start,
            });
            if trimmed.is_empty() {
                paragraphs.extend(paragraph.take().map(|(s, e)| Span::new(s, e)));
            } else {
                paragraph = Some((paragraph.map_or(start, |(s, _)| s), end));
            }
        }
        paragraphs.extend(paragraph.map(|(s, e)| Span::new(s, e)));
        Lines { lines, paragraphs }
    }

    /// The line without its terminator.
    pub(super) fn text(&self, i: usize) -> &'t str {
        self.lines[i].text
    }
    pub(super) fn trimmed(&self, i: usize) -> &'t str {
        self.lines[i].trimmed
    }
    /// Where the line starts in the text.
    pub(super) fn start(&self, i: usize) -> usize {
        self.lines[i].start
    }
    pub(super) fn blank(&self, i: usize) -> bool {
        self.lines[i].trimmed.is_empty()
    }
    pub(super) fn len(&self) -> usize {
        self.lines.len()
    }

    /// Runs of lines that are not blank, from the first line's first
    /// character to the end of the last line's content: what brackets are
    /// paired within (see [`super::Brackets::paragraphs`]).
    pub(super) fn into_paragraphs(self) -> Vec<Span> {
        self.paragraphs
    }
}

/// `str::trim`, with the common line that starts and ends with an ASCII
/// character other than white space returned as it is, undecoded.
pub(super) fn trim(line: &str) -> &str {
    let kept = |b: Option<&u8>| {
        b.is_some_and(|&b| {
            b.is_ascii() && !matches!(b, b' ' | b'\t' | b'\n' | b'\x0B' | b'\x0C' | b'\r')
        })
    };
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

    /// The table against `LineIndex::line_content_span` and `str::trim`,
    /// and the one pass against the plain table, line index and marks.
    fn assert_table(text: &str) {
        let index = LineIndex::new(text);
        let (scanned, scanned_index, marks) = Lines::scan(text);
        let plain_marks: Vec<usize> = memchr::memchr2_iter(b'[', b']', text.as_bytes()).collect();
        assert_eq!(marks, plain_marks, "{text:?}");
        assert_eq!(scanned_index.starts(), index.starts(), "{text:?}");
        let lines = Lines::new(text, &index);
        assert_eq!(scanned.len(), lines.len(), "{text:?}");
        for l in 0..lines.len() {
            assert_eq!(
                (scanned.text(l), scanned.trimmed(l), scanned.start(l)),
                (lines.text(l), lines.trimmed(l), lines.start(l)),
                "{text:?} line {l}"
            );
        }
        assert_eq!(scanned.paragraphs, lines.paragraphs, "{text:?}");
        assert_eq!(lines.len(), index.line_count(), "{text:?}");
        for l in 0..lines.len() {
            let span = index.line_content_span(text, l);
            assert_eq!(lines.text(l), &text[span.range()], "{text:?} line {l}");
            assert_eq!(lines.start(l), span.start, "{text:?} line {l}");
            assert_eq!(
                lines.trimmed(l),
                text[span.range()].trim(),
                "{text:?} line {l}"
            );
        }
    }

    #[test]
    fn lines_are_those_the_line_index_gives() {
        for (_, text) in crate::test_corpus::documents() {
            assert_table(&text);
        }
        const PIECES: &[&str] = &[
            "\n", "\r\n", "\r", "\r\r\n", "\n\r", " ", "\t", "\u{a0}", "\u{3000}", "𠀋", "中文",
            "\u{feff}", "word", "[x]", "\u{85}", "\u{2028}", "[", "]", "\n\n", "\r\n\r\n", " \n ",
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
        for text in ["[".repeat(100_000), "\r\n".repeat(50_000)] {
            assert_table(&text);
        }
    }
}
