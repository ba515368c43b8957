//! Month and weekday names as tries over case-folded characters: forwards
//! to match a name at a place, backwards to find where a name ending before
//! a number starts.

use std::sync::LazyLock;

use super::super::lexicon::{lookup_ascii_month, MONTH_TABLES, WEEKDAYS};

/// The representative of `c`'s class under Unicode simple case folding, as
/// far as the letters of the date words go: the lower case, and the few
/// characters that fold without being a plain upper case (the Kelvin sign
/// and long s fold to k and s, the old Cyrillic letter forms to в д о с т).
/// A test checks it against the regex crate's own folding for every
/// character the words use.
pub(crate) fn fold(c: char) -> char {
    if c.is_ascii() {
        return c.to_ascii_lowercase();
    }
    match c {
        '\u{212A}' => 'k',
        '\u{17F}' => 's',
        '\u{1C80}' => 'в',
        '\u{1C81}' => 'д',
        '\u{1C82}' => 'о',
        '\u{1C83}' => 'с',
        '\u{1C84}' | '\u{1C85}' => 'т',
        '\u{1C86}' => 'ъ',
        '\u{1C87}' => 'ѣ',
        '\u{1C88}' => 'ꙋ',
        _ => {
            let mut lower = c.to_lowercase();
            match (lower.next(), lower.next()) {
                (Some(l), None) => l,
                _ => c,
            }
        }
    }
}

/// The end of `word` (in folded case) written at `at` in `text` under
/// [`fold`], or `None` when the text there is another word.
pub(crate) fn folded_end(text: &str, at: usize, word: &str) -> Option<usize> {
    // Byte by byte while both are ASCII (an ASCII letter folds to its lower
    // case alone); from the first byte outside ASCII on, by characters.
    let (written, wanted) = (&text.as_bytes()[at..], word.as_bytes());
    let mut i = 0;
    while i < wanted.len() {
        let b = *written.get(i)?;
        if b >= 0x80 || wanted[i] >= 0x80 {
            return folded_end_by_characters(text, at + i, &word[i..]);
        }
        if b.to_ascii_lowercase() != wanted[i] {
            return None;
        }
        i += 1;
    }
    Some(at + i)
}

/// [`folded_end`] character by character.
pub(super) fn folded_end_by_characters(text: &str, at: usize, word: &str) -> Option<usize> {
    let mut written = text[at..].chars();
    let mut end = at;
    for want in word.chars() {
        let c = written.next()?;
        if fold(c) != want {
            return None;
        }
        end += c.len_utf8();
    }
    Some(end)
}

/// Words in folded case, as a trie over characters.
pub(super) struct Words {
    /// Per node: its children (character, node) and whether a word ends there.
    nodes: Vec<(Vec<(char, u32)>, bool)>,
    /// The most characters a word has.
    pub(super) longest: usize,
    /// Per ASCII byte, whether a word can start with it (after folding):
    /// most places a name is looked for hold a digit or a space.
    ascii_starts: [bool; 128],
    /// Per node, its child for each ASCII letter a–z (after folding), 0 for
    /// none (the root is no one's child): one load instead of a search of
    /// the node's list, which at the root holds a child for nearly every
    /// letter. Any other character is looked for in the node's list. A
    /// child where a word ends carries [`WORD_ENDS`], so that a walk over
    /// letters learns it from the same load.
    letters: Vec<[u32; 26]>,
    /// Whether a word holds an ASCII character that is no letter (none
    /// does): if not, a space or digit ends a walk without a search.
    other_ascii: bool,
}

/// The flag of [`Words::letters`] on a child where a word ends (node
/// numbers stay far below it).
const WORD_ENDS: u32 = 1 << 31;

/// [`LETTER_INDEX`] of a byte that is no ASCII letter.
const NOT_A_LETTER: u8 = 0xFF;

/// Per byte, the index 0–25 of the ASCII letter it is, in either case
/// (its place in a row of [`Words::letters`]), else [`NOT_A_LETTER`].
static LETTER_INDEX: [u8; 256] = {
    let mut table = [NOT_A_LETTER; 256];
    let mut i = 0;
    while i < 26 {
        table[b'a' as usize + i] = i as u8;
        table[b'A' as usize + i] = i as u8;
        i += 1;
    }
    table
};

/// Up to this many words of one set can start at one place.
const MAX_ENDS: usize = 8;

/// The ends of the words found at one place, shortest first.
pub(super) struct Ends {
    ends: [usize; MAX_ENDS],
    len: usize,
}

impl Ends {
    pub(super) fn iter(&self) -> std::slice::Iter<'_, usize> {
        self.ends[..self.len].iter()
    }
}

impl Words {
    /// The words, read backwards when `reversed` (to find where a word
    /// ending at a place starts).
    fn new<'a>(words: impl IntoIterator<Item = &'a str>, reversed: bool) -> Words {
        let mut trie = Words {
            nodes: vec![(Vec::new(), false)],
            longest: 0,
            ascii_starts: [false; 128],
            letters: Vec::new(),
            other_ascii: false,
        };
        for word in words {
            let mut node = 0;
            let mut count = 0;
            let folded: Vec<char> = word.chars().map(fold).collect();
            let ordered: Box<dyn Iterator<Item = &char>> = if reversed {
                Box::new(folded.iter().rev())
            } else {
                Box::new(folded.iter())
            };
            for &c in ordered {
                count += 1;
                trie.other_ascii |= c.is_ascii() && !c.is_ascii_lowercase();
                node = match trie.child_in_list(node, c) {
                    Some(child) => child,
                    None => {
                        trie.nodes.push((Vec::new(), false));
                        let child = trie.nodes.len() - 1;
                        trie.nodes[node].0.push((c, child as u32));
                        child
                    }
                };
            }
            trie.nodes[node].1 = true;
            trie.longest = trie.longest.max(count);
        }
        trie.letters = (0..trie.nodes.len())
            .map(|node| {
                let mut row = [0; 26];
                for (letter, slot) in (b'a'..=b'z').zip(row.iter_mut()) {
                    *slot = trie.child_in_list(node, char::from(letter)).map_or(0, |n| {
                        let ends = if trie.nodes[n].1 { WORD_ENDS } else { 0 };
                        n as u32 | ends
                    });
                }
                row
            })
            .collect();
        for b in 0..128u8 {
            trie.ascii_starts[usize::from(b)] = trie.child(0, fold(char::from(b))).is_some();
        }
        trie
    }

    /// False when the byte at `at` is ASCII and no word starts with it.
    fn may_start_at(&self, bytes: &[u8], at: usize) -> bool {
        bytes
            .get(at)
            .is_some_and(|&b| b >= 0x80 || self.ascii_starts[usize::from(b)])
    }

    /// Whether a word can start with the character at `at` in `bytes`
    /// (after folding): false where no name can be matched.
    pub(super) fn can_start(&self, bytes: &[u8], at: usize) -> bool {
        match char_at(bytes, at) {
            Some((c, _)) if c.is_ascii() => self.ascii_starts[usize::from(c as u8)],
            Some((c, _)) => self.child(0, fold(c)).is_some(),
            None => false,
        }
    }

    /// Where each word written at `at` ends (before `end`), shortest first.
    pub(super) fn ends(&self, text: &str, at: usize, end: usize) -> Ends {
        let mut found = Ends {
            ends: [0; MAX_ENDS],
            len: 0,
        };
        let bytes = &text.as_bytes()[..end.min(text.len())];
        if !self.may_start_at(bytes, at) {
            return found;
        }
        let mut node = 0;
        let mut pos = at;
        // `at` and every end reached are character boundaries of `text`,
        // and `end` is one too (or the text's end).
        while let Some((child, len, word_ends)) = self.step(bytes, node, pos) {
            node = child;
            pos += len;
            if word_ends && found.len < MAX_ENDS {
                found.ends[found.len] = pos;
                found.len += 1;
            }
        }
        found
    }

    /// The end of the longest word written at `at` (before `end`): the last
    /// of [`Words::ends`], without listing the others.
    pub(super) fn longest_end(&self, text: &str, at: usize, end: usize) -> Option<usize> {
        self.longest(text, at, end).map(|(end, _)| end)
    }

    /// [`Words::longest_end`] with the node the word ends at, which names
    /// the word (see [`Names::ascii_month`]).
    pub(super) fn longest(&self, text: &str, at: usize, end: usize) -> Option<(usize, u32)> {
        let bytes = &text.as_bytes()[..end.min(text.len())];
        if !self.may_start_at(bytes, at) {
            return None;
        }
        let (mut node, mut pos, mut longest) = (0, at, None);
        while let Some((child, len, word_ends)) = self.step(bytes, node, pos) {
            node = child;
            pos += len;
            if word_ends {
                longest = Some((pos, node as u32));
            }
        }
        longest
    }

    /// Every node where a word ends whose characters are all ASCII, with
    /// that word (in folded case).
    fn ascii_word_ends(&self) -> Vec<(usize, String)> {
        let mut found = Vec::new();
        let mut stack = vec![(0usize, String::new())];
        while let Some((node, word)) = stack.pop() {
            if self.nodes[node].1 {
                found.push((node, word.clone()));
            }
            for &(c, child) in &self.nodes[node].0 {
                if c.is_ascii() {
                    let mut longer = word.clone();
                    longer.push(c);
                    stack.push((child as usize, longer));
                }
            }
        }
        found
    }

    /// The child of `node` for the character at `pos` in `bytes` (a
    /// character boundary), with the character's length and whether a word
    /// ends at the child. An ASCII letter takes two loads (its index, then
    /// the child with its flag), without decoding or lower-casing it: it
    /// runs once a letter of every name the scanner reads. `step_plain`,
    /// by [`Words::child`] alone, is the version the tests compare it with.
    /// Inlined.
    #[inline(always)]
    fn step(&self, bytes: &[u8], node: usize, pos: usize) -> Option<(usize, usize, bool)> {
        let b = *bytes.get(pos)?;
        if let Some(stepped) = self.letter_step(node, b) {
            let (child, word_ends) = stepped?;
            return Some((child, 1, word_ends));
        }
        let (child, len) = if b.is_ascii() {
            (self.child(node, char::from(b))?, 1)
        } else {
            let (written, len) = char_at(bytes, pos)?;
            (self.child(node, fold(written))?, len)
        };
        Some((child, len, self.nodes[child].1))
    }

    /// The child of `node` for `b` when it is an ASCII letter (`None`
    /// otherwise), with whether a word ends there: `Some(None)` for a
    /// letter that no word goes on with.
    #[inline(always)]
    #[allow(clippy::option_option)]
    fn letter_step(&self, node: usize, b: u8) -> Option<Option<(usize, bool)>> {
        let letter = LETTER_INDEX[usize::from(b)];
        if letter == NOT_A_LETTER {
            return None;
        }
        let entry = self.letters[node][usize::from(letter)];
        Some((entry != 0).then_some(((entry & !WORD_ENDS) as usize, entry & WORD_ENDS != 0)))
    }

    /// Whether a word is written at `at` in `bytes` (UTF-8 text cut at a
    /// character boundary, `at` a character boundary).
    pub(super) fn any_at(&self, bytes: &[u8], at: usize) -> bool {
        if !self.may_start_at(bytes, at) {
            return false;
        }
        let mut node = 0;
        let mut pos = at;
        while let Some((child, len, word_ends)) = self.step(bytes, node, pos) {
            node = child;
            if word_ends {
                return true;
            }
            pos += len;
        }
        false
    }

    /// Where each word ending at `end` starts (not before `start`), the
    /// shortest first; for a trie built `reversed`.
    pub(super) fn starts(&self, text: &str, start: usize, end: usize) -> Ends {
        let mut found = Ends {
            ends: [0; MAX_ENDS],
            len: 0,
        };
        // Most places end with no name's last letter: nothing to decode.
        if end > start && !self.may_start_at(text.as_bytes(), end - 1) {
            return found;
        }
        let bytes = text.as_bytes();
        let mut node = 0;
        let mut pos = end;
        while pos > start {
            // The character before `pos`: an ASCII letter by the table of
            // letters (as `step` reads one), any other ASCII byte without
            // decoding it.
            let b = bytes[pos - 1];
            let (child, len, word_ends) = match self.letter_step(node, b) {
                Some(Some(stepped)) => (stepped.0, 1, stepped.1),
                Some(None) => break,
                None => {
                    let (c, len) = match b {
                        b if b.is_ascii() => (char::from(b), 1),
                        _ => match text[start..pos].chars().next_back() {
                            Some(written) => (fold(written), written.len_utf8()),
                            None => break,
                        },
                    };
                    let Some(child) = self.child(node, c) else {
                        break;
                    };
                    (child, len, self.nodes[child].1)
                }
            };
            node = child;
            pos -= len;
            if word_ends && found.len < MAX_ENDS {
                found.ends[found.len] = pos;
                found.len += 1;
            }
        }
        found
    }

    #[inline(always)]
    fn child(&self, node: usize, c: char) -> Option<usize> {
        if c.is_ascii_lowercase() {
            return self.letter_child(node, c as u8);
        }
        if c.is_ascii() && !self.other_ascii {
            return None;
        }
        self.child_in_list(node, c)
    }

    /// The child for `lower`, an ASCII letter in lower case.
    fn letter_child(&self, node: usize, lower: u8) -> Option<usize> {
        let child = self.letters[node][usize::from(lower - b'a')] & !WORD_ENDS;
        (child != 0).then_some(child as usize)
    }

    fn child_in_list(&self, node: usize, c: char) -> Option<usize> {
        let children = &self.nodes[node].0;
        children
            .iter()
            .find(|(k, _)| *k == c)
            .map(|&(_, n)| n as usize)
    }
}

/// The month and weekday names, forwards for matching and backwards for
/// finding where a name before a number starts.
/// The character starting at `at` in `bytes`, with its length.
fn char_at(bytes: &[u8], at: usize) -> Option<(char, usize)> {
    let first = *bytes.get(at)?;
    let len = match first {
        0..=0x7F => return Some((char::from(first), 1)),
        0xC0..=0xDF => 2,
        0xE0..=0xEF => 3,
        _ => 4,
    };
    let c = std::str::from_utf8(bytes.get(at..at + len)?)
        .ok()?
        .chars()
        .next()?;
    Some((c, len))
}

pub(super) struct Names {
    pub(super) months: Words,
    pub(super) weekdays: Words,
    pub(super) months_backwards: Words,
    pub(super) weekdays_backwards: Words,
    /// Per node of `months` where an ASCII name ends: what
    /// [`lookup_ascii_month`] gives for that name written all in lower
    /// case, and written otherwise (the only thing about its letter case
    /// the look-up asks). See [`Names::ascii_month`].
    ascii_months: Vec<Option<AsciiMonthByCase>>,
}

/// What [`lookup_ascii_month`] gives for one ASCII name written all in
/// lower case, and written otherwise.
type AsciiMonthByCase = [Option<(usize, u8)>; 2];

/// Where the day-first and month-first fast paths found a month name, so
/// that reading the match need not look the name up again: the name's
/// start and end in the text, and the node of `months` it ends at.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct MonthFound {
    pub(super) start: usize,
    pub(super) end: usize,
    pub(super) node: u32,
}

impl Names {
    /// What [`lookup_ascii_month`] gives for `word`, an ASCII word that
    /// `found` says is written where the `months` trie ended at its node.
    /// The look-up asks only for the word in lower case (the node's name)
    /// and whether it was all in lower case; `None` for a node where no
    /// ASCII name ends (then the caller looks the word up).
    pub(super) fn ascii_month(
        &self,
        found: MonthFound,
        word: &[u8],
    ) -> Option<Option<(usize, u8)>> {
        let [lower, other] = (*self.ascii_months.get(found.node as usize)?)?;
        Some(if word.iter().any(u8::is_ascii_uppercase) {
            other
        } else {
            lower
        })
    }
}

/// [`Names::ascii_months`] for the `months` trie.
fn ascii_months(months: &Words) -> Vec<Option<AsciiMonthByCase>> {
    let mut table = vec![None; months.nodes.len()];
    for (node, word) in months.ascii_word_ends() {
        let mut capitalised = word.clone().into_bytes();
        if let Some(first) = capitalised.first_mut() {
            first.make_ascii_uppercase();
        }
        table[node] = Some([
            lookup_ascii_month(word.as_bytes()),
            lookup_ascii_month(&capitalised),
        ]);
    }
    table
}

fn month_names() -> impl Iterator<Item = &'static str> {
    MONTH_TABLES.iter().flat_map(|t| t.names.iter().copied())
}

fn weekday_names() -> impl Iterator<Item = &'static str> {
    WEEKDAYS.iter().map(|(w, _)| *w)
}

pub(super) static NAMES: LazyLock<Names> = LazyLock::new(|| {
    let months = Words::new(month_names(), false);
    Names {
        ascii_months: ascii_months(&months),
        months,
        weekdays: Words::new(weekday_names(), false),
        months_backwards: Words::new(month_names(), true),
        weekdays_backwards: Words::new(weekday_names(), true),
    }
});

#[cfg(test)]
mod tests {
    use super::{char_at, fold, Words, NAMES};

    impl Words {
        /// [`Words::step`] by [`Words::child`] and the node's own flag.
        fn step_plain(
            &self,
            bytes: &[u8],
            node: usize,
            pos: usize,
        ) -> Option<(usize, usize, bool)> {
            let (written, len) = char_at(bytes, pos)?;
            let child = self.child(node, fold(written))?;
            Some((child, len, self.nodes[child].1))
        }
    }

    impl Words {
        /// [`Words::starts`] character by character through
        /// [`Words::child`]: the version before the table of letters.
        fn starts_plain(&self, text: &str, start: usize, end: usize) -> Vec<usize> {
            let mut found = Vec::new();
            let (mut node, mut pos) = (0, end);
            while let Some(written) = text[start..pos].chars().next_back() {
                let Some(child) = self.child(node, fold(written)) else {
                    break;
                };
                node = child;
                pos -= written.len_utf8();
                if self.nodes[node].1 && found.len() < super::MAX_ENDS {
                    found.push(pos);
                }
            }
            found
        }
    }

    #[test]
    fn names_before_a_place_are_found_as_character_by_character() {
        #[rustfmt::skip]
        const PIECES: &[&str] = &[
            "June", "JUNE", "june", "Jun", "e", "May", "Mai", "mai", "Sept", "Sept.", "Monday", "MON",
            "day", "Lundi", "Décembre", "décembre", "ſ", "\u{212A}", "Ноябрь", "ноября", "x", " ",
            ",", ".", "[", "1", "…", "𠀋",
        ];
        let mut rng = crate::test_random::Rng(0x0628_1962_0628_1962);
        let mut found = 0;
        for _ in 0..3_000 {
            let count = 1 + rng.below(4);
            let text = rng.text_of(PIECES, count);
            let bounds = crate::test_random::char_boundaries(&text);
            for &start in &bounds {
                for &end in bounds.iter().filter(|&&e| e >= start) {
                    for words in [&NAMES.months_backwards, &NAMES.weekdays_backwards] {
                        let starts: Vec<usize> =
                            words.starts(&text, start, end).iter().copied().collect();
                        assert_eq!(
                            starts,
                            words.starts_plain(&text, start, end),
                            "{start}..{end} of {text:?}"
                        );
                        found += starts.len();
                    }
                }
            }
        }
        assert!(found > 1_000, "{found} names found");
    }

    #[test]
    fn a_step_over_letters_is_the_plain_step() {
        // Every node of every set of names, with every ASCII character and
        // the characters outside ASCII the names hold (and a few others).
        let mut texts: Vec<String> = (0..128u8).map(|b| char::from(b).to_string()).collect();
        let names = [
            &NAMES.months,
            &NAMES.weekdays,
            &NAMES.months_backwards,
            &NAMES.weekdays_backwards,
        ];
        for words in names {
            for (children, _) in &words.nodes {
                texts.extend(children.iter().map(|(c, _)| c.to_string()));
            }
        }
        texts.extend(["ſ", "\u{212A}", "É", "é", "Я", "…", "𠀋"].map(String::from));
        let mut steps = 0;
        for words in names {
            for node in 0..words.nodes.len() {
                for text in &texts {
                    let bytes = text.as_bytes();
                    let step = words.step(bytes, node, 0);
                    assert_eq!(step, words.step_plain(bytes, node, 0), "{text:?} at {node}");
                    steps += usize::from(step.is_some());
                }
            }
        }
        assert!(steps > 1_000, "{steps} steps taken");
    }
}
