//! The square brackets inside a date's match: dropped at its ends when they
//! pair with nothing inside it, and the pairs kept to tell which of its
//! components an editor supplied.

use crate::text::Span;

/// Whether `bytes` hold a `[` or `]`. Asked of every match, most of them
/// without one: eight bytes are judged at a time (a byte equal to the
/// bracket XORs to zero, and a zero byte is found exactly, without a borrow
/// across bytes); [`has_square_bracket_plain`] is the tests' oracle.
pub(super) fn has_square_bracket(bytes: &[u8]) -> bool {
    const LOW7: u64 = 0x7F7F_7F7F_7F7F_7F7F;
    const ONES: u64 = 0x0101_0101_0101_0101;
    // Per byte, the high bit set when the byte is zero.
    let zero_bytes = |x: u64| !(((x & LOW7) + LOW7) | x | LOW7);
    let mut chunks = bytes.chunks_exact(8);
    for chunk in &mut chunks {
        let mut word = [0u8; 8];
        word.copy_from_slice(chunk);
        let x = u64::from_le_bytes(word);
        if zero_bytes(x ^ (ONES * u64::from(b'['))) | zero_bytes(x ^ (ONES * u64::from(b']'))) != 0
        {
            return true;
        }
    }
    chunks.remainder().iter().any(|b| matches!(b, b'[' | b']'))
}

/// [`has_square_bracket`] a byte at a time.
#[cfg(test)]
pub(super) fn has_square_bracket_plain(bytes: &[u8]) -> bool {
    bytes.iter().any(|b| matches!(b, b'[' | b']'))
}

/// Drops a `[` or `]` at either end of the match that pairs with nothing
/// inside it ("[Received May 27]" gives "May 27"), and returns the pairs.
/// A date holds a bracket or two: the open ones are kept in place, not in
/// a list allocated for each bracketed match.
pub(super) fn trim_brackets(text: &str, span: &mut Span) -> Pairs {
    let bytes = &text.as_bytes()[span.range()];
    let mut pairs = Pairs::default();
    // Most matches hold no bracket: nothing to pair.
    if !has_square_bracket(bytes) {
        return pairs;
    }
    let mut open = [0usize; OPEN_IN_PLACE];
    let mut depth = 0;
    let mut last_unmatched_close = None;
    for (i, b) in bytes.iter().enumerate() {
        match b {
            // Deeper than the place kept for them: the list, from the start.
            b'[' if depth == OPEN_IN_PLACE => {
                return Pairs::listed(trim_brackets_with_a_list(text, span))
            }
            b'[' => {
                open[depth] = span.start + i;
                depth += 1;
            }
            b']' if depth > 0 => {
                depth -= 1;
                pairs.push((open[depth], span.start + i));
            }
            b']' => last_unmatched_close = Some(span.start + i),
            _ => {}
        }
    }
    let open = &open[..depth];
    if open.first() == Some(&span.start) {
        span.start += 1;
    }
    if last_unmatched_close == Some(span.end - 1) || open.last() == Some(&(span.end - 1)) {
        span.end -= 1;
    }
    pairs
}

/// The most open brackets [`trim_brackets`] keeps in place.
const OPEN_IN_PLACE: usize = 8;

/// The most bracket pairs [`Pairs`] keeps in place.
const PAIRS_IN_PLACE: usize = 4;

/// A match's balanced bracket pairs: a date holds one or two, kept in place
/// (a list allocated, grown and freed for each bracketed match cost about
/// 0.2 K instructions a cable); more go to a list.
#[derive(Default)]
pub(super) struct Pairs {
    /// The first pairs.
    in_place: [(usize, usize); PAIRS_IN_PLACE],
    /// How many pairs there are, those in the list too.
    len: usize,
    /// The pairs after the first [`PAIRS_IN_PLACE`].
    more: Vec<(usize, usize)>,
}

impl Pairs {
    /// Pairs found by [`trim_brackets_with_a_list`].
    fn listed(list: Vec<(usize, usize)>) -> Pairs {
        let mut pairs = Pairs::default();
        for pair in list {
            pairs.push(pair);
        }
        pairs
    }

    fn push(&mut self, pair: (usize, usize)) {
        match self.in_place.get_mut(self.len) {
            Some(slot) => *slot = pair,
            None => self.more.push(pair),
        }
        self.len += 1;
    }

    pub(super) fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// In the order they were found (each pair when its `]` is met).
    pub(super) fn iter(&self) -> impl Iterator<Item = (usize, usize)> + '_ {
        self.in_place[..self.len.min(PAIRS_IN_PLACE)]
            .iter()
            .chain(&self.more)
            .copied()
    }

    #[cfg(test)]
    pub(super) fn to_vec(&self) -> Vec<(usize, usize)> {
        self.iter().collect()
    }
}

/// [`trim_brackets`] with its open brackets in a list, however many: the
/// tests' oracle, and what a match nesting more than [`OPEN_IN_PLACE`]
/// takes.
pub(super) fn trim_brackets_with_a_list(text: &str, span: &mut Span) -> Vec<(usize, usize)> {
    let mut pairs = Vec::new();
    // Most matches hold no bracket: nothing to pair, nothing allocated.
    if !text.as_bytes()[span.range()]
        .iter()
        .any(|b| matches!(b, b'[' | b']'))
    {
        return pairs;
    }
    let mut open = Vec::new();
    // Only the last `]` that pairs with nothing is looked at.
    let mut last_unmatched_close = None;
    for (i, b) in text.as_bytes()[span.range()].iter().enumerate() {
        match b {
            b'[' => open.push(span.start + i),
            b']' => match open.pop() {
                Some(o) => pairs.push((o, span.start + i)),
                None => last_unmatched_close = Some(span.start + i),
            },
            _ => {}
        }
    }
    if open.first() == Some(&span.start) {
        span.start += 1;
    }
    if last_unmatched_close == Some(span.end - 1) || open.last() == Some(&(span.end - 1)) {
        span.end -= 1;
    }
    pairs
}
