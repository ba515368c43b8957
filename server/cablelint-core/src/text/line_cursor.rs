//! Lines of offsets taken in text order, found walking on from the last one.

use super::LineIndex;

/// The line of each offset, the offsets taken (mostly) in text order: the
/// line is looked for from the last one's on, in steps that double (mostly
/// the same or the next line is found at the first step), then by halving
/// the last step: an offset far on costs about what halving all the lines
/// would. `LineIndex::line_of` is the tests' oracle.
pub struct LineCursor<'a> {
    starts: &'a [usize],
    len: usize,
    line: usize,
}

impl LineIndex {
    /// A cursor at the first line, for offsets that mostly rise.
    pub fn cursor(&self) -> LineCursor<'_> {
        LineCursor {
            starts: self.starts(),
            len: self.len,
            line: 0,
        }
    }
}

impl LineCursor<'_> {
    /// The 0-based line holding `offset` (past the end: the last).
    /// Inline: the compiler stopped inlining it into the dates' resolution
    /// when code elsewhere in the crate grew, a call per date costing
    /// about 60 instructions a generated cable.
    #[inline]
    pub fn line_of(&mut self, offset: usize) -> usize {
        let offset = offset.min(self.len);
        let starts = self.starts;
        if starts.get(self.line).is_none_or(|&s| s > offset) {
            // Back before the last offset (never, for offsets in order).
            self.line = starts
                .partition_point(|&start| start <= offset)
                .saturating_sub(1);
            return self.line;
        }
        // Every line start before `low` is at or before `offset`; the one
        // at `high` (or the end of the list) is after it.
        let mut low = self.line + 1;
        let mut step = 1;
        let high = loop {
            let probe = low + step - 1;
            if probe >= starts.len() || starts[probe] > offset {
                break probe.min(starts.len());
            }
            low = probe + 1;
            step *= 2;
        };
        self.line = low + starts[low..high].partition_point(|&start| start <= offset) - 1;
        self.line
    }
}

#[cfg(test)]
mod tests {
    use crate::test_random::Rng;
    use crate::text::LineIndex;

    #[test]
    fn lines_are_found_walking_on_as_by_halving() {
        let text = "a\n\nbc\r\nd\re\n\n\n\n\n\n\n\nf\r\n";
        let index = LineIndex::new(text);
        let mut rng = Rng(0x1962_0628_0000_0011);
        for _ in 0..2_000 {
            // Offsets mostly rising, sometimes back.
            let mut cursor = index.cursor();
            let mut offset = 0;
            for _ in 0..12 {
                offset = match rng.below(4) {
                    0 => rng.below(text.len() + 3),
                    _ => offset + rng.below(6),
                };
                assert_eq!(cursor.line_of(offset), index.line_of(offset), "at {offset}");
            }
        }
    }
}
