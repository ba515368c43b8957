//! The longest pattern that starts at a given place of the text, ignoring
//! ASCII case: what an anchored, leftmost-longest, ASCII-case-insensitive
//! Aho–Corasick search answers, from a sorted list instead of an automaton.
//!
//! The matcher only searches where a name may start (a few places per
//! line), so a binary search there costs about what walking an automaton
//! did, while building the list is a sort: building the Aho–Corasick
//! automaton over the built-in registry cost about as much as checking
//! eighty cables, at every start of `cablelint check`.

use std::cmp::Ordering;

pub(crate) struct PatternLookup {
    /// Every pattern, ASCII-lowercased, in sorted order, end to end.
    bytes: Vec<u8>,
    /// Start of each sorted pattern in `bytes`, and the end of the last.
    starts: Vec<usize>,
    /// The pattern number (its index in the list given to `build`) of each
    /// sorted pattern.
    ids: Vec<usize>,
    /// Sorted patterns by first byte: those starting with `b` are
    /// `by_first[b]..by_first[b + 1]`.
    by_first: Box<[usize; 257]>,
}

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
            ids: self.ids.clone(),
            by_first: self.by_first.clone(),
        }
    }
}

impl PatternLookup {
    /// Patterns must differ ignoring ASCII case (of two equal ones, either
    /// may be reported); empty patterns never match.
    pub(crate) fn build<S: AsRef<str>>(patterns: &[S]) -> PatternLookup {
        let mut order: Vec<usize> = (0..patterns.len())
            .filter(|&i| !patterns[i].as_ref().is_empty())
            .collect();
        let lower = |i: usize| patterns[i].as_ref().bytes().map(|b| b.to_ascii_lowercase());
        order.sort_unstable_by(|&a, &b| lower(a).cmp(lower(b)));
        let total = order.iter().map(|&i| patterns[i].as_ref().len()).sum();
        let mut bytes = Vec::with_capacity(total);
        let mut starts = Vec::with_capacity(order.len() + 1);
        let mut by_first = Box::new([0usize; 257]);
        for &i in &order {
            starts.push(bytes.len());
            bytes.extend(lower(i));
            by_first[usize::from(patterns[i].as_ref().as_bytes()[0].to_ascii_lowercase()) + 1] += 1;
        }
        starts.push(bytes.len());
        for b in 1..257 {
            by_first[b] += by_first[b - 1];
        }
        PatternLookup {
            bytes,
            starts,
            ids: order,
            by_first,
        }
    }

    fn pattern(&self, sorted: usize) -> &[u8] {
        &self.bytes[self.starts[sorted]..self.starts[sorted + 1]]
    }

    /// The longest pattern that `text` begins with (ignoring ASCII case):
    /// its number and length.
    ///
    /// Among the patterns not above the text (in sorted order) the greatest
    /// is the answer when it is a prefix of the text; when it is not, no
    /// pattern longer than what it shares with the text can be one (it
    /// would sort between the two), so the search goes on over that shorter
    /// beginning of the text.
    pub(crate) fn longest_prefix(&self, text: &[u8]) -> Option<(usize, usize)> {
        let first = usize::from(text.first()?.to_ascii_lowercase());
        let (low, mut high) = (self.by_first[first], self.by_first[first + 1]);
        let mut limit = text.len();
        while low < high {
            // The first pattern above the text, by binary search.
            let (mut from, mut to) = (low, high);
            while from < to {
                let middle = from + (to - from) / 2;
                if compare_lowered(self.pattern(middle), &text[..limit]) == Ordering::Greater {
                    to = middle;
                } else {
                    from = middle + 1;
                }
            }
            let not_above = from;
            if not_above == low {
                return None;
            }
            let pattern = self.pattern(not_above - 1);
            let shared = shared_prefix(pattern, &text[..limit]);
            if shared == pattern.len() {
                return Some((self.ids[not_above - 1], shared));
            }
            limit = shared;
            high = not_above - 1;
        }
        None
    }
}

/// `pattern` (lowercase) against `text` lowercased.
#[inline]
fn compare_lowered(pattern: &[u8], text: &[u8]) -> Ordering {
    for (&p, &t) in pattern.iter().zip(text) {
        let t = t.to_ascii_lowercase();
        if p != t {
            return p.cmp(&t);
        }
    }
    pattern.len().cmp(&text.len())
}

/// How many bytes `pattern` (lowercase) and `text` share at their start,
/// ignoring ASCII case.
#[inline]
fn shared_prefix(pattern: &[u8], text: &[u8]) -> usize {
    pattern
        .iter()
        .zip(text)
        .take_while(|(&p, &t)| p == t.to_ascii_lowercase())
        .count()
}

#[cfg(test)]
mod tests {
    use super::*;
    use aho_corasick::{AhoCorasick, Anchored, Input, MatchKind, StartKind};

    /// What the Aho–Corasick automaton the look-up replaces answered.
    fn by_automaton(patterns: &[String], text: &str, start: usize) -> Option<(usize, usize)> {
        let automaton = AhoCorasick::builder()
            .match_kind(MatchKind::LeftmostLongest)
            .ascii_case_insensitive(true)
            .start_kind(StartKind::Anchored)
            .build(patterns)
            .expect("plain patterns");
        let input = Input::new(text)
            .span(start..text.len())
            .anchored(Anchored::Yes);
        automaton
            .find(input)
            .map(|hit| (hit.pattern().as_usize(), hit.len()))
    }

    fn check_everywhere(patterns: &[String], text: &str) {
        let lookup = PatternLookup::build(patterns);
        for start in (0..=text.len()).filter(|&i| text.is_char_boundary(i)) {
            assert_eq!(
                lookup.longest_prefix(&text.as_bytes()[start..]),
                by_automaton(patterns, text, start),
                "{patterns:?} in {text:?} at {start}"
            );
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
        let alphabet = ["a", "B", "b", " ", "é", "É", "-"];
        let word = |len: u64, next: &mut dyn FnMut(u64) -> u64| {
            (0..len)
                .map(|_| alphabet[next(alphabet.len() as u64) as usize])
                .collect::<String>()
        };
        for round in 0..40 {
            let count = next(30) + 1;
            let mut patterns: Vec<String> = Vec::new();
            for _ in 0..count {
                let len = next(6) + 1;
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
