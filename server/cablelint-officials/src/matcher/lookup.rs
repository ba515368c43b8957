//! The longest pattern that starts at a given place of the text, ignoring
//! ASCII case: what an anchored, leftmost-longest, ASCII-case-insensitive
//! Aho–Corasick search answers, from a sorted list instead of an automaton.
//!
//! The matcher only searches where a name may start (a few places per
//! line), so a binary search there costs about what walking an automaton
//! did, while building the list is a sort: building the Aho–Corasick
//! automaton over the built-in registry cost about as much as checking
//! eighty cables, at every start of `cablelint check`.

use std::borrow::Cow;
use std::cmp::Ordering;

pub(crate) struct PatternLookup {
    /// Every pattern, ASCII-lowercased, in sorted order, end to end.
    pub(super) bytes: Vec<u8>,
    /// Start of each sorted pattern in `bytes`, and the end of the last.
    pub(super) starts: Vec<usize>,
    /// The first eight bytes of each sorted pattern (zeros after its end)
    /// as a big-endian number: comparing two of these orders two patterns
    /// whenever they differ, which spares most byte-wise comparisons.
    pub(super) heads: Vec<u64>,
    /// The pattern number (its index in the list given to `build`) of each
    /// sorted pattern.
    pub(super) ids: Vec<usize>,
    /// Of each sorted pattern, the longest other pattern it begins with
    /// (`NONE` if none): a prefix sorts before it.
    pub(super) shorter: Vec<usize>,
    /// Sorted patterns by their first two bytes (lowercase; a one-byte
    /// pattern counts as followed by a zero byte): those starting with `a`
    /// then `b` are `by_pair[pair(a, b)]..by_pair[pair(a, b) + 1]`.
    /// Borrowed from the build script's statics for the built-in registry
    /// (see `builtin_tables.rs`): a quarter of a megabyte, whose copy
    /// cost as much as all the other tables' copies.
    pub(super) by_pair: Cow<'static, [u32]>,
    /// The sorted one-byte pattern of each (lowercase) byte, or `NONE`.
    pub(super) one_byte: Box<[usize; 256]>,
}

/// The bucket of a text or pattern that starts with `a` then `b` (zero when
/// there is no second byte).
fn pair(a: u8, b: u8) -> usize {
    usize::from(a) << 8 | usize::from(b)
}

const NONE: usize = usize::MAX;

impl std::fmt::Debug for PatternLookup {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "PatternLookup({} patterns)", self.ids.len())
    }
}

impl Clone for PatternLookup {
    fn clone(&self) -> Self {
        PatternLookup {
            bytes: self.bytes.clone(),
            starts: self.starts.clone(),
            heads: self.heads.clone(),
            ids: self.ids.clone(),
            shorter: self.shorter.clone(),
            by_pair: self.by_pair.clone(),
            one_byte: self.one_byte.clone(),
        }
    }
}

impl PatternLookup {
    /// Patterns must differ ignoring ASCII case (of two equal ones, either
    /// may be reported); empty patterns never match.
    #[cfg(test)]
    pub(crate) fn build<S: AsRef<str>>(patterns: &[S]) -> PatternLookup {
        PatternLookup::from_order(patterns, Self::sorted_order(patterns))
    }

    /// The numbers of the non-empty patterns in sorted order (ASCII case
    /// ignored): the costly part of [`PatternLookup::build`], which the
    /// build script does for the built-in registry.
    pub(crate) fn sorted_order<S: AsRef<str>>(patterns: &[S]) -> Vec<usize> {
        let mut order: Vec<usize> = (0..patterns.len())
            .filter(|&i| !patterns[i].as_ref().is_empty())
            .collect();
        let lower = |i: usize| patterns[i].as_ref().bytes().map(|b| b.to_ascii_lowercase());
        order.sort_unstable_by(|&a, &b| lower(a).cmp(lower(b)));
        order
    }

    /// The look-up over `patterns` given their [`PatternLookup::sorted_order`].
    pub(crate) fn from_order<S: AsRef<str>>(patterns: &[S], order: Vec<usize>) -> PatternLookup {
        let total = order.iter().map(|&i| patterns[i].as_ref().len()).sum();
        let mut lookup = PatternLookup {
            bytes: Vec::with_capacity(total),
            starts: Vec::with_capacity(order.len() + 1),
            heads: Vec::with_capacity(order.len()),
            ids: Vec::new(),
            shorter: Vec::with_capacity(order.len()),
            by_pair: Cow::Owned(vec![0; (1 << 16) + 1]),
            one_byte: Box::new([NONE; 256]),
        };
        for (k, &i) in order.iter().enumerate() {
            lookup.starts.push(lookup.bytes.len());
            let start = lookup.bytes.len();
            lookup
                .bytes
                .extend_from_slice(patterns[i].as_ref().as_bytes());
            lookup.bytes[start..].make_ascii_lowercase();
            let key = &lookup.bytes[lookup.starts[k]..];
            lookup.heads.push(head(key));
            lookup.by_pair.to_mut()[pair(key[0], key.get(1).copied().unwrap_or(0)) + 1] += 1;
            if key.len() == 1 {
                lookup.one_byte[usize::from(key[0])] = k;
            }
        }
        lookup.starts.push(lookup.bytes.len());
        let mut sum = 0;
        for count in lookup.by_pair.to_mut().iter_mut() {
            sum += *count;
            *count = sum;
        }
        // In sorted order, the patterns a pattern begins with come before
        // it, and form a chain on a stack (a walk down a trie).
        let mut chain: Vec<usize> = Vec::new();
        for k in 0..order.len() {
            let pattern = lookup.pattern(k);
            while chain
                .last()
                .is_some_and(|&c| !pattern.starts_with(lookup.pattern(c)))
            {
                chain.pop();
            }
            lookup.shorter.push(chain.last().copied().unwrap_or(NONE));
            chain.push(k);
        }
        lookup.ids = order;
        lookup
    }

    fn pattern(&self, sorted: usize) -> &[u8] {
        &self.bytes[self.starts[sorted]..self.starts[sorted + 1]]
    }

    /// The longest pattern that `text` begins with (ignoring ASCII case):
    /// its number and length.
    ///
    /// The greatest pattern not above the text (in sorted order) is the
    /// answer when the text begins with it. When it does not, no pattern
    /// longer than what the two share can be the answer (it would sort
    /// between them), and the shorter ones the text begins with are those
    /// that pattern begins with: its chain of `shorter` patterns. Only the
    /// patterns that begin with the first two bytes of the text are
    /// searched, with the one-byte pattern of its first byte apart.
    pub(crate) fn longest_prefix(&self, text: &[u8]) -> Option<(usize, usize)> {
        let first = text.first()?.to_ascii_lowercase();
        let second = text.get(1).map_or(0, u8::to_ascii_lowercase);
        let bucket = pair(first, second);
        let (low, high) = (
            self.by_pair[bucket] as usize,
            self.by_pair[bucket + 1] as usize,
        );
        // The first pattern above the text, by binary search.
        let text_head = head(text);
        let (mut from, mut to) = (low, high);
        while from < to {
            let middle = from + (to - from) / 2;
            let order = match self.heads[middle].cmp(&text_head) {
                Ordering::Equal => compare_lowered(self.pattern(middle), text),
                unequal => unequal,
            };
            if order == Ordering::Greater {
                to = middle;
            } else {
                from = middle + 1;
            }
        }
        if from == low {
            let k = self.one_byte[usize::from(first)];
            return (k != NONE).then(|| (self.ids[k], 1));
        }
        let mut k = from - 1;
        let shared = shared_prefix(self.pattern(k), text);
        loop {
            let length = self.starts[k + 1] - self.starts[k];
            if length <= shared {
                return Some((self.ids[k], length));
            }
            k = self.shorter[k];
            if k == NONE {
                return None;
            }
        }
    }
}

/// `pattern` (lowercase) against `text` lowercased.
#[inline]
fn compare_lowered(pattern: &[u8], text: &[u8]) -> Ordering {
    let same = shared_prefix(pattern, text);
    match (pattern.get(same), text.get(same)) {
        (Some(&p), Some(&t)) => p.cmp(&t.to_ascii_lowercase()),
        _ => pattern.len().cmp(&text.len()),
    }
}

/// The first eight bytes of `bytes`, ASCII-lowercased, zeros after the
/// end, as a big-endian number. When two heads differ, they order their
/// byte strings: at the first byte that differs either both strings have
/// that byte, or the one with a zero there has ended and is the shorter.
#[inline]
fn head(bytes: &[u8]) -> u64 {
    let mut first = [0u8; 8];
    let n = bytes.len().min(8);
    first[..n].copy_from_slice(&bytes[..n]);
    u64::from_be_bytes(lower_eight(u64::from_le_bytes(first)).to_le_bytes())
}

const LOW_BITS: u64 = 0x0101_0101_0101_0101;
const HIGH_BITS: u64 = 0x8080_8080_8080_8080;

/// Eight bytes with their ASCII capitals made lower case. `first_words.rs`
/// has the same function: build.rs compiles this file alone, by path.
#[inline]
fn lower_eight(chunk: u64) -> u64 {
    let ascii = chunk & !HIGH_BITS;
    let at_least_a = ascii + LOW_BITS * (0x80 - u64::from(b'A'));
    let beyond_z = ascii + LOW_BITS * (0x80 - u64::from(b'Z') - 1);
    let capitals = at_least_a & !beyond_z & !chunk & HIGH_BITS;
    chunk | (capitals >> 2)
}

fn eight(bytes: &[u8], at: usize) -> Option<u64> {
    let chunk: [u8; 8] = bytes.get(at..at + 8)?.try_into().ok()?;
    Some(u64::from_le_bytes(chunk))
}

/// How many bytes `pattern` (lowercase) and `text` share at their start,
/// ignoring ASCII case; compared eight bytes at a time.
#[inline]
fn shared_prefix(pattern: &[u8], text: &[u8]) -> usize {
    let mut at = 0;
    while let (Some(p), Some(t)) = (eight(pattern, at), eight(text, at)) {
        let differ = p ^ lower_eight(t);
        if differ != 0 {
            return at + (differ.trailing_zeros() / 8) as usize;
        }
        at += 8;
    }
    at + pattern[at..]
        .iter()
        .zip(&text[at..])
        .take_while(|(&p, &t)| p == t.to_ascii_lowercase())
        .count()
}

#[cfg(test)]
mod tests {
    use super::*;
    use aho_corasick::{AhoCorasick, Anchored, Input, MatchKind, StartKind};

    /// Compares, at every place of `text`, the look-up with what the
    /// Aho–Corasick automaton it replaces answered.
    fn check_everywhere(patterns: &[String], text: &str) {
        let lookup = PatternLookup::build(patterns);
        let automaton = AhoCorasick::builder()
            .match_kind(MatchKind::LeftmostLongest)
            .ascii_case_insensitive(true)
            .start_kind(StartKind::Anchored)
            .build(patterns)
            .expect("plain patterns");
        for start in (0..=text.len()).filter(|&i| text.is_char_boundary(i)) {
            let input = Input::new(text)
                .span(start..text.len())
                .anchored(Anchored::Yes);
            let expected = automaton
                .find(input)
                .map(|hit| (hit.pattern().as_usize(), hit.len()));
            assert_eq!(
                lookup.longest_prefix(&text.as_bytes()[start..]),
                expected,
                "{patterns:?} in {text:?} at {start}"
            );
        }
    }

    #[test]
    fn lowers_eight_bytes_as_one_at_a_time() {
        let bytes: Vec<u8> = (0..=255u8).chain(*b"@AZ[`az{").collect();
        for chunk in bytes.chunks(8) {
            let word: [u8; 8] = chunk.try_into().expect("whole chunks");
            let lowered = lower_eight(u64::from_le_bytes(word)).to_le_bytes();
            assert_eq!(lowered, word.map(|b| b.to_ascii_lowercase()), "{word:?}");
        }
    }

    #[test]
    fn finds_the_longest_form_as_the_automaton_did() {
        let patterns: Vec<String> = [
            "Ji",
            "Ji Pengfei",
            "Ji Peng",
            "Jiang",
            "Kim Il Sung",
            "Kim Il",
            "Kim",
            "de Gaulle",
            "Đồng",
            "Phạm Văn Đồng",
            "姬鹏飞",
            "姬",
            "Chi P’eng-fei",
            "X",
            "Zz",
            "a b c d",
            "a b",
        ]
        .map(String::from)
        .to_vec();
        check_everywhere(
            &patterns,
            "JI PENGFEI met Ji Peng, Jiang and KIM IL SUNG; kim il; Kim Ilsung. \
             De Gaulle, Đồng, ĐỒNG, Phạm Văn Đồng, 姬鹏飞同志 姬, CHI P’ENG-FEI, \
             Chi P'eng-fei, x, ZZ, Zzz, a b c, a b c d e, \u{1}\u{ff}",
        );
        check_everywhere(&[], "anything");
        check_everywhere(&patterns, "");
    }

    #[test]
    fn agrees_with_the_automaton_on_generated_patterns() {
        // Patterns from a small alphabet share long beginnings, which is
        // where the search has to back off.
        let mut state = 0x2545_f491_4f6c_dd1du64;
        let mut next = move |n: u64| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state % n
        };
        let alphabet = ["a", "B", "b", " ", "é", "É", "-", "\0"];
        let word = |len: u64, next: &mut dyn FnMut(u64) -> u64| {
            (0..len)
                .map(|_| alphabet[next(alphabet.len() as u64) as usize])
                .collect::<String>()
        };
        for round in 0..200 {
            let count = next(30) + 1;
            let mut patterns: Vec<String> = Vec::new();
            for _ in 0..count {
                let len = next(12) + 1;
                let pattern = word(len, &mut next);
                if !patterns.iter().any(|p| p.eq_ignore_ascii_case(&pattern)) {
                    patterns.push(pattern);
                }
            }
            let len = next(60) + round;
            let text = word(len, &mut next);
            check_everywhere(&patterns, &text);
        }
    }
}
