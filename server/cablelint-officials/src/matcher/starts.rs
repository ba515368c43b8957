//! Where a name may start: the scan over the chunks' candidates (or
//! byte by byte), the early tests that rule places out, and the
//! classes of bytes they read.

use super::first_words::{Verdict, Word};
use super::scan::{Candidates, Window};
use super::{chars, Matcher};
use crate::fold::is_unspaced_script;

#[cfg(test)]
use super::tests;

impl Matcher {
    /// Whether a pattern found at `start`, a place where a name may start,
    /// can be a mention: the first three bytes and then the first word for
    /// ASCII words, the prefix test otherwise. Exact: no test rejects a place where the
    /// look-up finds a pattern that `examine` could accept (see
    /// `openings.rs`, `first_words.rs` and `prefixes.rs`).
    /// None when ruled out, else how to look the place up.
    #[inline(always)]
    pub(super) fn may_be_a_name_at(&self, rest: &[u8]) -> Option<LookUp> {
        #[cfg(test)]
        if tests::NO_EARLY_REJECTION.get() {
            return Some(LookUp::Everything);
        }
        // Every place the scans hand out starts with a capital or a
        // particle's first letter.
        if rest[0].is_ascii() && !self.openings.may_open_word(rest) {
            return None;
        }
        self.may_be_a_name_by_words(rest)
    }

    /// [`Matcher::may_be_a_name_at`] at a place whose first bytes
    /// `Openings::may_open_word` has passed, if they are ASCII.
    #[inline(always)]
    pub(super) fn may_be_a_name_by_words(&self, rest: &[u8]) -> Option<LookUp> {
        let verdict = if rest[0].is_ascii() {
            self.first_words.verdict(rest)
        } else {
            Verdict::Undecided
        };
        match verdict {
            Verdict::NoName => None,
            Verdict::Maybe(word) => Some(LookUp::ByFirstWord(word)),
            Verdict::Undecided => self.prefixes.may_start(rest).then_some(LookUp::Everything),
        }
    }

    /// The longest pattern at the start of `rest` that `look_up` allows:
    /// its number and length.
    #[inline(never)]
    pub(super) fn longest_at(&self, rest: &[u8], look_up: LookUp) -> Option<Hit> {
        match look_up {
            LookUp::ByFirstWord(word) => self.first_words.longest_pattern(word, rest, &self.lookup),
            LookUp::Everything => self.lookup.longest_prefix(rest),
        }
    }

    /// The first name start at or after `from` (as
    /// [`Matcher::next_name_start_by_words`] finds them) that
    /// [`Matcher::may_be_a_name_at`] does not rule out and where a pattern
    /// is found ([`Matcher::longest_at`]): the place and the pattern. One
    /// loop for all three, as it runs at every capital of every document;
    /// a rejected place is passed as `after_rejected` would. (A word that
    /// begins patterns none of which is found there, such as a given name
    /// after its family name, is passed over here: handing it back cost a
    /// return and a new search.)
    #[inline(never)]
    pub(super) fn next_hit_by_words(
        &self,
        read: &str,
        from: usize,
        candidates: &Candidates,
    ) -> Option<(usize, Hit)> {
        let bytes = read.as_bytes();
        // Most places are capitals after a space or a punctuation mark, and
        // most of those are ruled out by their first bytes: that is tested
        // first, on the chunk's window, where the bytes around a place
        // need no bounds checks; only the places that pass it, and the
        // others, are tested in full.
        // (Says whether the place is such a capital.) Capitals and name
        // particles inside ASCII words, and the later bytes of characters,
        // are passed over here too.
        // Whether the word at a name particle's first letter ("delegation")
        // has more ASCII letters and digits than the longest particle:
        // then it opens no name in lower case
        // (`opens_a_name_in_lower_case` would say so after a call).
        let longest = self.longest_lowercase_opener;
        let outruns_the_openers = |window: &Window, i: usize| {
            longest < 4
                && window[i + 1..=i + 1 + longest]
                    .iter()
                    .all(|&c| is_ascii_alnum_class(BYTE_CLASS[usize::from(c)]))
        };
        let opens_a_name = |window: &Window, i: usize| {
            let b = window[i + 1];
            if b.is_ascii_uppercase() {
                let first_four = window[i + 1..i + 5].try_into().expect("four bytes");
                // A capital whose first three bytes open no name is passed
                // over whatever is before it: most are, so that is tested
                // before the byte before.
                if !self.openings.may_open_three(first_four) {
                    return None;
                }
                return match BYTE_CLASS[usize::from(window[i])] {
                    OTHER_ASCII => self.openings.passes_four(first_four).then_some(true),
                    NON_ASCII => Some(false),
                    _ => None,
                };
            }
            let passed_over = if b.is_ascii() {
                is_ascii_alnum_class(BYTE_CLASS[usize::from(window[i])])
                    || outruns_the_openers(window, i)
            } else {
                b < 0xC0
            };
            (!passed_over).then_some(false)
        };
        candidates.find_from(bytes, from, opens_a_name, |at, plain_capital| {
            if plain_capital {
                // Its first bytes passed `opens_a_name`.
                return self
                    .may_be_a_name_by_words(&bytes[at..])
                    .and_then(|look_up| self.longest_at(&bytes[at..], look_up));
            }
            let b = bytes[at];
            if b.is_ascii() {
                let before = if at == 0 { b' ' } else { bytes[at - 1] };
                // Inside an ASCII word, or after a non-ASCII letter or digit.
                let inside_a_word = match BYTE_CLASS[usize::from(before)] {
                    OTHER_ASCII => false,
                    NON_ASCII => alphanumeric_before(read, at),
                    _ => true,
                };
                if inside_a_word
                    || (!b.is_ascii_uppercase() && !self.opens_a_name_in_lower_case(read, at))
                {
                    return None;
                }
                return self
                    .may_be_a_name_at(&bytes[at..])
                    .and_then(|look_up| self.longest_at(&bytes[at..], look_up));
            }
            // The chunks hand out every byte of a character: its first
            // decides.
            if !read.is_char_boundary(at) {
                return None;
            }
            let c = read[at..].chars().next()?;
            ((is_unspaced_script(c)
                || (chars::is_alphabetic(c)
                    && !c.is_lowercase()
                    && !alphanumeric_before(read, at)))
                && self.prefixes.may_start(&bytes[at..]))
            .then(|| self.longest_at(&bytes[at..], LookUp::Everything))
            .flatten()
        })
    }

    /// [`Matcher::next_hit_by_words`] over [`Matcher::next_name_start_bytewise`].
    pub(super) fn next_hit_bytewise(&self, read: &str, from: usize) -> Option<(usize, Hit)> {
        let mut at = from;
        loop {
            let start = self.next_name_start_bytewise(read, at)?;
            let rest = &read.as_bytes()[start..];
            if let Some(hit) = self
                .may_be_a_name_at(rest)
                .and_then(|look_up| self.longest_at(rest, look_up))
            {
                return Some((start, hit));
            }
            at = after_rejected(read, start);
        }
    }

    /// The first place at or after `from` where a name may start: a word
    /// start (no letter or digit before it) whose first letter is a capital
    /// or whose word opens a registry name in lower case ("de"), or any
    /// character of an unspaced script. For registries whose lower-case
    /// name openers start with at most [`MAX_OPENER_BYTES`] distinct ASCII
    /// bytes (the built-in one: "de"): only word starts with a capital or
    /// those bytes, and non-ASCII characters, need a look, and
    /// `candidates` (over `read`) has tested every byte for them a chunk at
    /// a time. This
    /// loop sees every byte of every document. (The scan itself runs in
    /// [`Matcher::next_hit_by_words`]; this is its oracle's half.)
    #[cfg(test)]
    pub(super) fn next_name_start_by_words(
        &self,
        read: &str,
        from: usize,
        candidates: &Candidates,
    ) -> Option<usize> {
        let bytes = read.as_bytes();
        let mut at = from;
        loop {
            at = candidates.next_from(at, bytes)?;
            let b = bytes[at];
            if b.is_ascii() {
                // No ASCII letter or digit is before it; a non-ASCII one
                // may be.
                let starts_name =
                    (at == 0 || bytes[at - 1].is_ascii() || !alphanumeric_before(read, at))
                        && (b.is_ascii_uppercase() || self.opens_a_name_in_lower_case(read, at));
                if starts_name {
                    return Some(at);
                }
                at += 1;
                continue;
            }
            let c = read[at..].chars().next()?;
            if is_unspaced_script(c)
                || (chars::is_alphabetic(c) && !c.is_lowercase() && !alphanumeric_before(read, at))
            {
                return Some(at);
            }
            at += c.len_utf8();
        }
    }

    /// [`Matcher::next_name_start_by_words`] a byte at a time, for registries with
    /// names that begin in lower case with many different letters.
    pub(super) fn next_name_start_bytewise(&self, read: &str, from: usize) -> Option<usize> {
        let bytes = read.as_bytes();
        let mut previous_alnum = read[..from]
            .chars()
            .next_back()
            .is_some_and(char::is_alphanumeric);
        let mut at = from;
        while at < bytes.len() {
            let b = bytes[at];
            match BYTE_CLASS[usize::from(b)] {
                OTHER_ASCII => {
                    previous_alnum = false;
                    at += 1;
                    continue;
                }
                NON_ASCII => {}
                class => {
                    if !previous_alnum
                        && (class == UPPER
                            || (class == LOWER
                                && self.lowercase_opener_first_bytes[usize::from(b)]
                                && self.opens_a_name_in_lower_case(read, at)))
                    {
                        return Some(at);
                    }
                    // The rest of an ASCII word cannot start a name.
                    at += 1;
                    while at < bytes.len()
                        && is_ascii_alnum_class(BYTE_CLASS[usize::from(bytes[at])])
                    {
                        at += 1;
                    }
                    previous_alnum = true;
                    continue;
                }
            }
            let c = read[at..].chars().next().unwrap_or(' ');
            if is_unspaced_script(c) {
                return Some(at);
            }
            if c.is_alphabetic()
                && !previous_alnum
                && (!c.is_lowercase()
                    || (self.lowercase_opener_first_bytes[usize::from(b)]
                        && self.opens_a_name_in_lower_case(read, at)))
            {
                return Some(at);
            }
            previous_alnum = c.is_alphanumeric();
            at += c.len_utf8();
        }
        None
    }

    pub(super) fn opens_a_name_in_lower_case(&self, read: &str, at: usize) -> bool {
        // Most words are ruled out by their length, found without reading
        // past the longest opener.
        let bytes = read.as_bytes();
        let limit = (at + self.longest_lowercase_opener + 1).min(bytes.len());
        let mut end = at;
        while end < limit && bytes[end].is_ascii_alphanumeric() {
            end += 1;
        }
        if end < limit && !bytes[end].is_ascii() {
            // A non-ASCII letter may continue the word.
            end = read[at..]
                .find(|ch: char| !ch.is_alphanumeric())
                .map_or(read.len(), |i| at + i);
        }
        end - at <= self.longest_lowercase_opener && self.lowercase_openers.contains(&read[at..end])
    }
}

/// How a place that passed the early tests is looked up.
/// A pattern found at a place: its number and its length.
pub(super) type Hit = (usize, usize);

#[derive(Clone, Copy)]
pub(super) enum LookUp {
    /// Among the patterns of the ASCII word there (exact where a pattern
    /// found can be a mention: see `FirstWords::longest_pattern`).
    ByFirstWord(Word),
    /// Among every pattern.
    Everything,
}

/// Whether the character before `at` is a letter or digit.
#[inline(always)]
pub(super) fn alphanumeric_before(read: &str, at: usize) -> bool {
    match read.as_bytes()[..at].last() {
        None => false,
        Some(b) if b.is_ascii() => b.is_ascii_alphanumeric(),
        Some(_) => read[..at]
            .chars()
            .next_back()
            .is_some_and(chars::is_alphanumeric),
    }
}

// Classes of bytes for `next_name_start_bytewise`, which sees every byte.
const OTHER_ASCII: u8 = 0;
const LOWER: u8 = 1;
const UPPER: u8 = 2;
const DIGIT: u8 = 3;
const NON_ASCII: u8 = 4;

static BYTE_CLASS: [u8; 256] = {
    let mut table = [OTHER_ASCII; 256];
    let mut b = 0;
    while b < 256 {
        let byte = b as u8;
        table[b] = if byte >= 0x80 {
            NON_ASCII
        } else if byte.is_ascii_lowercase() {
            LOWER
        } else if byte.is_ascii_uppercase() {
            UPPER
        } else if byte.is_ascii_digit() {
            DIGIT
        } else {
            OTHER_ASCII
        };
        b += 1;
    }
    table
};

pub(super) fn is_ascii_alnum_class(class: u8) -> bool {
    matches!(class, LOWER | UPPER | DIGIT)
}

/// Where to search again after a hit at `start` was rejected: the next
/// byte after an ASCII letter (the scans never stop inside a word), or the
/// next character when it is not ASCII (in unspaced scripts any character
/// may start a name).
#[inline]
pub(super) fn after_rejected(read: &str, start: usize) -> usize {
    start
        + match read.as_bytes()[start] {
            0..0x80 => 1,
            0xC0..0xE0 => 2,
            0xE0..0xF0 => 3,
            _ => 4,
        }
}
