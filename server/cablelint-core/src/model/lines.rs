//! Every line's content and its trimmed form, made once per parse: the
//! segmenter and the bracket scan both walk the lines, and each used to cut
//! and trim them again.

use crate::text::{LineIndex, Span};

pub(super) struct Lines<'t> {
    /// Each line without its terminator.
    pub(super) text: Vec<&'t str>,
    /// Each line as `str::trim` has it (empty for a blank line).
    pub(super) trimmed: Vec<&'t str>,
    /// Where each line starts in the text.
    pub(super) starts: Vec<usize>,
}

impl<'t> Lines<'t> {
    pub(super) fn new(text: &'t str, index: &LineIndex) -> Lines<'t> {
        let count = index.line_count();
        let mut lines = Lines {
            text: Vec::with_capacity(count),
            trimmed: Vec::with_capacity(count),
            starts: Vec::with_capacity(count),
        };
        for l in 0..count {
            let span = index.line_content_span(text, l);
            let content = &text[span.range()];
            lines.text.push(content);
            lines.trimmed.push(trim(content));
            lines.starts.push(span.start);
        }
        lines
    }

    pub(super) fn trimmed(&self, i: usize) -> &'t str {
        self.trimmed[i]
    }
    pub(super) fn blank(&self, i: usize) -> bool {
        self.trimmed[i].is_empty()
    }
    pub(super) fn len(&self) -> usize {
        self.text.len()
    }

    /// Runs of lines that are not blank, from the first line's first
    /// character to the end of the last line's content: what brackets are
    /// paired within (see [`super::Brackets::paragraphs`]).
    pub(super) fn paragraphs(&self) -> Vec<Span> {
        // Room for the paragraphs of a page-long cable without regrowing.
        let mut paragraphs = Vec::with_capacity(16);
        let mut paragraph: Option<Span> = None;
        for l in 0..self.len() {
            if self.blank(l) {
                paragraphs.extend(paragraph.take());
                continue;
            }
            let start = self.starts[l];
            let line = Span::new(start, start + self.text[l].len());
            paragraph = Some(paragraph.map_or(line, |p| p.cover(line)));
        }
        paragraphs.extend(paragraph);
        paragraphs
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
    if kept(bytes.first()) && kept(bytes.last()) {
        line
    } else {
        line.trim()
    }
}
