//! What surrounds a name in the text: a title before or after it
//! ("Vice Minister Ji", "Pál Szarvas\nAmbassador"), initials or given names
//! ("N.S. Khrushchev", "Stepan V. Chervonenko"), a signature line
//! ("Lansing" alone at the end of a telegram), or the FRUS heading style
//! "The Ambassador in Great Britain (Page)". All scans are short and local,
//! so finding mentions stays linear in the length of the text.

use std::ops::Range;

use crate::fold::{fold_to_ascii, fold_to_ascii_into};
#[cfg(test)]
use crate::title::pack_lowercase;
use crate::title::{
    classify_bytes, classify_packed_as_written, classify_plain, may_be_rank_or_qualifier,
    may_be_rank_or_qualifier_folded, pack, WordClass, LONGEST_CLASSIFIED,
};

/// The longest title phrase considered, in words.
const MAX_TITLE_WORDS: usize = 8;
/// The most given names or initials considered before a surname.
const MAX_GIVEN_WORDS: usize = 3;

/// A word of the text with its byte span.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Word<'a> {
    pub text: &'a str,
    pub start: usize,
    /// The word is ASCII and has no hyphen, as the scan that found it saw
    /// (false when not known): then its class is found without testing its
    /// bytes for either (see [`Word::class`]).
    pub plain: bool,
}

impl<'a> Word<'a> {
    /// The word `text` starting at `start`, testing whether it is plain.
    #[cfg(test)]
    pub(crate) fn new(text: &'a str, start: usize) -> Word<'a> {
        Word {
            text,
            start,
            plain: is_plain(text),
        }
    }
}

/// Whether a word is ASCII without a hyphen ([`Word::plain`]).
fn is_plain(text: &str) -> bool {
    text.bytes().all(|b| b.is_ascii() && b != b'-')
}

impl Word<'_> {
    /// Where the word ends (not held: a word is copied often, and is
    /// smaller without it).
    #[inline]
    pub(crate) fn end(&self) -> usize {
        self.start + self.text.len()
    }

    /// The class of the word without its trailing periods. Most words near
    /// a name are plain (ASCII, no hyphen, as the scans that read them
    /// know): their first letter and length rule out most title words
    /// before their bytes are read; the rest take [`Word::class_in_full`].
    #[inline]
    fn class(&self) -> WordClass {
        debug_assert!(!self.plain || is_plain(self.text));
        if !self.plain {
            return self.class_in_full();
        }
        let bytes = self.text.as_bytes();
        let mut end = bytes.len();
        while end > 0 && bytes[end - 1] == b'.' {
            end -= 1;
        }
        // What `class_in_full` does with a plain word: a longer one is no
        // title word.
        classify_plain(&bytes[..end])
    }

    /// [`Word::class`] of any word (and the oracle of its plain path).
    #[inline(never)]
    fn class_in_full(&self) -> WordClass {
        let bytes = self.text.as_bytes();
        let mut end = bytes.len();
        // Most words end in a letter: one test.
        if bytes.last() == Some(&b'.') {
            while end > 0 && bytes[end - 1] == b'.' {
                end -= 1;
            }
        }
        let bare = &bytes[..end];
        // Short ASCII words without a hyphen, most words near a name: what
        // `class_of` does with them (no folding, no last part). They are
        // packed to test their bytes, and lowered for the look-up only
        // when a title word has their first letter and length; longer ones
        // are no title word.
        if bare.len() <= LONGEST_CLASSIFIED {
            let packed = pack(bare);
            // A non-ASCII byte has its high bit set; a hyphen is 0x2D.
            let plain = packed & HIGH_BITS == 0 && !has_byte(packed, b'-');
            if plain {
                return classify_packed_as_written(bare, packed);
            }
        } else if bare.len() <= SHORT_WORD && bare.iter().all(|&b| b.is_ascii() && b != b'-') {
            return WordClass::Other;
        }
        class_of(&self.text[..end])
    }

    fn is_capitalised(&self) -> bool {
        match self.text.as_bytes().first() {
            Some(b) if b.is_ascii() => b.is_ascii_uppercase(),
            _ => self.text.chars().next().is_some_and(char::is_uppercase),
        }
    }

    /// "N.", "N.S.", "A.I.", "J.-P." (initials of given names).
    pub(crate) fn initials(&self) -> Option<Vec<char>> {
        self.is_initials()
            .then(|| self.text.chars().filter(|c| c.is_uppercase()).collect())
    }

    /// Whether the word is initials, without collecting them.
    pub(crate) fn is_initials(&self) -> bool {
        // Initials start with a capital and a period: most words ("Hanoi")
        // fail there, at two ASCII bytes. This runs for every capitalised
        // word before a name.
        match self.text.as_bytes() {
            [first, second, ..] if first.is_ascii() && second.is_ascii() => {
                first.is_ascii_uppercase() && *second == b'.' && self.is_initials_by_chars()
            }
            _ => self.is_initials_by_chars(),
        }
    }

    /// [`Word::is_initials`] character by character (the oracle of the
    /// byte path).
    fn is_initials_by_chars(&self) -> bool {
        let mut letters = 0;
        let mut expect_letter = true;
        for c in self.text.chars() {
            match c {
                c if expect_letter && c.is_uppercase() => {
                    letters += 1;
                    expect_letter = false;
                }
                '.' if !expect_letter => expect_letter = true,
                '-' if expect_letter && letters > 0 => {}
                _ => return false,
            }
        }
        expect_letter && letters > 0
    }
}

/// The high bit of each byte of a packed word.
const HIGH_BITS: u128 = u128::from_le_bytes([0x80; 16]);

/// Whether one of the bytes of a packed word is `byte` (not zero: the
/// padding is zero), without a loop over the bytes.
fn has_byte(key: u128, byte: u8) -> bool {
    const LOW_BITS: u128 = u128::from_le_bytes([0x01; 16]);
    let x = key ^ (LOW_BITS * u128::from(byte));
    // The classic test for a zero byte in a word.
    x.wrapping_sub(LOW_BITS) & !x & HIGH_BITS != 0
}

/// A placeholder for arrays of words not yet read.
const NO_WORD: Word<'static> = Word {
    text: "",
    start: 0,
    plain: true,
};

/// The longest word that can be a title word ("plenipotentiary").
const LONGEST_TITLE_WORD: usize = 24;

/// Words up to this length take the short way in [`Word::class`] (shorter
/// than the long runs `class_of` treats apart).
const SHORT_WORD: usize = 32;

/// The class of a word (without its trailing period): this runs for every
/// word near every name.
/// "Vice-Minister", "Secretary-General": the class of the last part when it
/// is a title word.
fn class_of(bare: &str) -> WordClass {
    if bare.len() > LONGEST_TITLE_WORD * 4 {
        // A run of Chinese or Cyrillic text: too long to fold, too long to
        // be a title word; only a short last hyphenated part might be one.
        let last = bare
            .rfind(['-', '‐', '‑', '‒', '–'])
            .map(|i| &bare[i..])
            .and_then(|part| part.char_indices().nth(1).map(|(j, _)| &part[j..]));
        return match last {
            Some(last) if last.len() <= LONGEST_TITLE_WORD * 4 => class_of(last),
            _ => WordClass::Other,
        };
    }
    if !bare.is_ascii() {
        // Every title word ends with an ASCII letter, and so would the word
        // folded, and its last hyphenated part, if either were one: a word
        // ending in Chinese or Cyrillic is neither, and is not folded.
        let ends_in_letter =
            bare.chars()
                .next_back()
                .is_some_and(|last| match crate::fold::fold_char(last) {
                    Some(folded) => folded
                        .bytes()
                        .last()
                        .is_some_and(|b| b.is_ascii_alphabetic()),
                    None => last.is_ascii_alphabetic(),
                });
        if !ends_in_letter {
            return WordClass::Other;
        }
        // Compared ignoring case: no lower-case copy. Folded on the stack:
        // folding never lengthens a word, and this one is short.
        let mut buffer = [0u8; LONGEST_TITLE_WORD * 4];
        return match fold_to_ascii_into(bare, &mut buffer) {
            Some(folded) => class_of_lowercase(folded),
            None => class_of_lowercase(fold_to_ascii(bare).as_bytes()),
        };
    }
    // ASCII: compared ignoring case, without a lower-case copy.
    class_of_lowercase(bare.as_bytes())
}

/// The class of ASCII word bytes, in any letter case.
fn class_of_lowercase(folded: &[u8]) -> WordClass {
    if let Some(hyphen) = folded.iter().rposition(|&b| b == b'-') {
        let last = classify_bytes(&folded[hyphen + 1..]);
        if last != WordClass::Other {
            return last;
        }
    }
    classify_bytes(folded)
}

/// ASCII letters, digits, periods, apostrophes and hyphens: one load per
/// byte in the word scans, which step over every byte of the words read.
/// Each is [`WORD_BYTE`], a hyphen also [`HYPHEN_BYTE`], so that a scan
/// learns whether the word is plain ([`Word::plain`]) with one `or` a byte.
static ASCII_WORD_BYTES: [u8; 256] = {
    let mut table = [0; 256];
    let mut b = 0;
    while b < 128 {
        let byte = b as u8;
        if byte.is_ascii_alphanumeric() || matches!(byte, b'.' | b'\'') {
            table[b] = WORD_BYTE;
        } else if byte == b'-' {
            table[b] = WORD_BYTE | HYPHEN_BYTE;
        }
        b += 1;
    }
    table
};

const WORD_BYTE: u8 = 1;
const HYPHEN_BYTE: u8 = 2;

/// [`WORD_BYTE`], and [`HYPHEN_BYTE`] for a hyphen; 0 for other bytes.
#[inline(always)]
fn ascii_word_byte(b: u8) -> u8 {
    ASCII_WORD_BYTES[usize::from(b)]
}

fn is_word_char(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphanumeric() || matches!(c, '.' | '\'' | '-')
    } else {
        // Long runs of Chinese are read here: their letters (and Latin
        // ones) skip the Unicode table look-up.
        c == '’' || super::chars::is_alphanumeric(c)
    }
}

/// CJK Unified Ideographs: every one is a letter.
#[cfg(test)]
const CJK_UNIFIED: std::ops::RangeInclusive<u32> = 0x4E00..=0x9FFF;

/// The word ending just before `pos`, separated from it only by spaces or
/// tabs (a line break ends the search: titles and names do not span lines
/// in the cables).
pub(crate) fn word_before(text: &str, pos: usize) -> Option<Word<'_>> {
    // Spaces, tabs and no-break spaces (C2 A0: 0xC2 only ever starts a
    // character) are stepped over byte by byte.
    let all = text.as_bytes();
    let mut end = pos;
    while let Some(&last) = all[..end].last() {
        match last {
            b' ' | b'\t' => end -= 1,
            0xA0 if end >= 2 && all[end - 2] == 0xC2 => end -= 2,
            _ => break,
        }
    }
    let trimmed = &text[..end];
    // ASCII word bytes are stepped over directly; a non-ASCII character
    // hands over to the character-wise walk.
    let bytes = trimmed.as_bytes();
    let mut ascii_start = end;
    // Whether a hyphen was stepped over: most words have none, and then
    // hold no double hyphen either.
    let mut seen = 0;
    while ascii_start > 0 {
        let kind = ascii_word_byte(bytes[ascii_start - 1]);
        if kind == 0 {
            break;
        }
        seen |= kind;
        ascii_start -= 1;
    }
    let mut hyphen = seen & HYPHEN_BYTE != 0;
    let start = if ascii_start > 0 && !bytes[ascii_start - 1].is_ascii() {
        // The character-wise walk may step over hyphens too.
        hyphen = true;
        trimmed[..ascii_start]
            .char_indices()
            .rev()
            .take_while(|&(_, c)| is_word_char(c))
            .last()
            .map_or(ascii_start, |(i, _)| i)
    } else {
        ascii_start
    };
    if start == end {
        return None;
    }
    // "side--N.S. Khrushchev": a double hyphen is a dash, not part of a word.
    let start = match hyphen {
        false => start,
        true => text.as_bytes()[start..end]
            .windows(2)
            .rposition(|pair| pair == b"--")
            .map_or(start, |i| start + i + 2),
    };
    if start >= end {
        return None;
    }
    Some(Word {
        text: &text[start..end],
        start,
        // Neither a hyphen nor a character-wise walk.
        plain: !hyphen,
    })
}

/// The word starting after `pos`, separated from it by spaces, or by one
/// comma and/or one line break (for titles written after a name).
fn word_after(text: &str, pos: usize, allow_break: bool) -> Option<Word<'_>> {
    let bytes = text.as_bytes();
    let mut start = pos;
    let mut seen_break = false;
    let mut seen_comma = false;
    // Byte by byte: a no-break space is C2 A0, and 0xC2 only ever starts a
    // character.
    while let Some(&b) = bytes.get(start) {
        match b {
            b' ' | b'\t' | b'\r' => start += 1,
            0xC2 if bytes.get(start + 1) == Some(&0xA0) => start += 2,
            b'\n' if allow_break && !seen_break => {
                seen_break = true;
                start += 1;
            }
            b',' if allow_break && !seen_comma && !seen_break => {
                seen_comma = true;
                start += 1;
            }
            _ => break,
        }
    }
    let mut end = start;
    let mut seen = 0;
    while end < bytes.len() {
        let kind = ascii_word_byte(bytes[end]);
        if kind == 0 {
            break;
        }
        seen |= kind;
        end += 1;
    }
    let mut plain = seen & HYPHEN_BYTE == 0;
    if end < bytes.len() && !bytes[end].is_ascii() {
        plain = false;
        end += text[end..]
            .char_indices()
            .find(|&(_, c)| !is_word_char(c))
            .map_or(text.len() - end, |(i, _)| i);
    }
    while end > start && matches!(bytes[end - 1], b'.' | b'-') {
        end -= 1;
    }
    (end > start).then(|| Word {
        text: &text[start..end],
        start,
        plain,
    })
}

/// Connectors that join the parts of one title ("Minister of Foreign
/// Affairs", "Ambassador in Great Britain"); others ("and", "to the" of a
/// heading) end it.
#[cfg(test)]
const JOINERS: &[&str] = &[
    "of",
    "for",
    "the",
    "in",
    "at",
    "to",
    "on",
    "affairs",
    "affaires",
    "relations",
    "d'affaires",
    "d’affaires",
];

/// Whether the word is one of [`JOINERS`], ignoring ASCII case: compared
/// with the joiners of its length only, as this runs at the word before
/// every name.
fn joins_title(word: &Word<'_>) -> bool {
    let Some((lower, n)) = ascii_lowercase::<12>(word.text) else {
        return false;
    };
    matches!(
        &lower[..n],
        b"of"
            | b"for"
            | b"the"
            | b"in"
            | b"at"
            | b"to"
            | b"on"
            | b"affairs"
            | b"affaires"
            | b"relations"
            | b"d'affaires"
            | b"d\xE2\x80\x99affaires"
    )
}

/// Whether a word of class `class` may be one of [`JOINERS`]: each is a
/// connector but "d'affaires", written with either apostrophe, which is
/// an Other (tested).
fn may_join_title(word: &Word<'_>, class: WordClass) -> bool {
    class == WordClass::Connector
        || (class == WordClass::Other && matches!(word.text.as_bytes().first(), Some(b'd' | b'D')))
}

/// `text` with its ASCII letters in lower case, on the stack, when it is at
/// most `N` bytes long.
fn ascii_lowercase<const N: usize>(text: &str) -> Option<([u8; N], usize)> {
    let mut lower = [0u8; N];
    lower
        .get_mut(..text.len())?
        .copy_from_slice(text.as_bytes());
    lower.make_ascii_lowercase();
    Some((lower, text.len()))
}

/// Whether the word is one of `words` (lowercase), ignoring ASCII case.
fn is_one_of(word: &Word<'_>, words: &[&str]) -> bool {
    words.iter().any(|w| word.text.eq_ignore_ascii_case(w))
}

/// Connectors after which a place may follow inside a title ("in Great
/// Britain", "to China", "of the DPRK").
fn introduces_place(word: &Word<'_>) -> bool {
    ascii_lowercase::<3>(word.text)
        .is_some_and(|(lower, n)| matches!(&lower[..n], b"of" | b"in" | b"at" | b"to" | b"the"))
}

/// A capitalised word that may qualify a title as a nationality or place:
/// "Soviet", "Polish", "US", "DPRK", "Taiwan’s". A heuristic on the word's
/// shape, because headings in title case ("Opposing the Visit of Prime
/// Minister Sato") must not be swallowed into the title.
fn is_nationality_like(word: &Word<'_>) -> bool {
    let bare = word.text.trim_end_matches('.');
    let letters: String = bare.chars().filter(|c| c.is_alphabetic()).collect();
    if letters.chars().count() >= 2 && letters.chars().all(char::is_uppercase) {
        return true;
    }
    let lower = fold_to_ascii(bare).to_ascii_lowercase();
    word.is_capitalised()
        && [
            "an", "ese", "ish", "ch", "ic", "et", "i", "'s", "’s", "ean", "ian",
        ]
        .iter()
        .any(|suffix| lower.ends_with(suffix))
}

/// The title phrase ending just before `pos` ("Vice Minister", "[Soviet
/// Ambassador]", "the minister of foreign affairs of the DPRK"), not
/// reaching back before `floor`.
///
/// Read backwards from the name: an optional place ("of the DPRK", "in
/// Great Britain"), then the nearest rank or honorific, then qualifiers
/// ("Vice", "Prime", "Foreign") and at most two nationalities ("Soviet").
pub(crate) fn title_before(text: &str, pos: usize, floor: usize) -> Option<Range<usize>> {
    title_in(&mut WordsBefore::new(text, pos, floor))
}

/// [`title_before`] over words already (partly) read.
pub(crate) fn title_in(words: &mut WordsBefore<'_>) -> Option<Range<usize>> {
    // words[0] is nearest the name. Find the rank, deciding at the first
    // word in the common case (a word that cannot come between a title and
    // a name).
    let mut rank = None;
    let mut k = 0;
    while let Some(word) = words.get(k) {
        let class = words.class(k);
        // Only a connector or "d'affaires" (an Other) joins a title: the
        // class, needed anyway, spares the test of most words.
        if k == 0 && may_join_title(&word, class) && joins_title(&word) {
            return None;
        }
        match class {
            WordClass::Rank | WordClass::Honorific => {
                rank = Some(k);
                break;
            }
            class if !may_come_between_title_and_name(&word, class) => return None,
            _ => {}
        }
        k += 1;
    }
    let rank = rank?;
    // The classes of the words before the rank were all found above.
    let has_place_word = (0..rank).any(|k| words.class(k) == WordClass::Other);
    if has_place_word && !(0..rank).any(|k| introduces_place(&words.word(k))) {
        return None;
    }
    // Further back: qualifiers, ranks and at most two nationalities, read
    // only as far as they go.
    let mut far = rank;
    let mut nationalities = 0;
    let mut k = rank + 1;
    while let Some(word) = words.get(k) {
        match words.class(k) {
            WordClass::Rank | WordClass::Qualifier | WordClass::Honorific if nationalities == 0 => {
                far = k
            }
            WordClass::Connector
                if nationalities == 0 && !is_one_of(&word, &["to", "in", "at", "on", "and"]) =>
            {
                // Only inside a longer title: "Chairman of the Council of Ministers".
                let mut next = k + 1;
                while words.get(next).is_some() && words.class(next) == WordClass::Connector {
                    next += 1;
                }
                if !(words.get(next).is_some()
                    && matches!(words.class(next), WordClass::Rank | WordClass::Qualifier))
                {
                    break;
                }
            }
            WordClass::Other if nationalities < 2 && is_nationality_like(&word) => {
                nationalities += 1;
                far = k;
            }
            _ => break,
        }
        k += 1;
    }
    Some(words.word(far).start..words.word(0).end())
}

/// The words before a position, nearest first, read on demand: at most
/// [`MAX_TITLE_WORDS`], none before `floor`, and none from before the end
/// of a sentence (a period, unless the word is an abbreviation such as
/// "Comr.", "Cde.", "Mr." or initials).
pub(crate) struct WordsBefore<'t> {
    text: &'t str,
    floor: usize,
    cursor: usize,
    done: bool,
    /// On the stack: this runs for every name. Options, so that making
    /// the array writes no placeholder words (a 256-byte copy per name).
    read: [Option<Word<'t>>; MAX_TITLE_WORDS],
    /// The class of each word read, found when first asked for: many words
    /// read (the one that stops the given names, say) are never classed,
    /// and `Word::class` is the dearest step of reading a word.
    classes: [Option<WordClass>; MAX_TITLE_WORDS],
    count: usize,
}

impl<'t> WordsBefore<'t> {
    // Inlined so that the arrays are built in the caller's frame, not
    // built and then copied (a `memcpy` per name).
    #[inline(always)]
    pub(crate) fn new(text: &'t str, pos: usize, floor: usize) -> Self {
        WordsBefore {
            text,
            floor,
            cursor: pos,
            done: false,
            read: [None; MAX_TITLE_WORDS],
            classes: [None; MAX_TITLE_WORDS],
            count: 0,
        }
    }

    /// The class of the k-th word, which has been read.
    fn class(&mut self, k: usize) -> WordClass {
        match self.classes[k] {
            Some(class) => class,
            None => {
                let class = self.word(k).class();
                self.classes[k] = Some(class);
                class
            }
        }
    }

    /// The k-th word, which has been read.
    fn word(&self, k: usize) -> Word<'t> {
        self.read[k].expect("a word read")
    }

    /// The k-th word, reading back as far as needed. Inlined: most calls
    /// ask again for a word already read, and a call cost more than that.
    #[inline(always)]
    fn get(&mut self, k: usize) -> Option<Word<'t>> {
        if k < self.count {
            return self.read[k];
        }
        self.read_up_to(k)
    }

    /// [`WordsBefore::get`] of a word not read yet. Inlined too: every
    /// name reads at least one word, and the call cost more than the
    /// larger callers (about 160 instructions per document, measured).
    #[inline]
    fn read_up_to(&mut self, k: usize) -> Option<Word<'t>> {
        while self.count <= k && !self.done {
            self.read_one();
        }
        self.read.get(k).copied().flatten()
    }

    /// The first `count` words (all read), nearest last: the given names
    /// [`given_word_count`] found.
    pub(crate) fn given_words(&self, count: usize) -> GivenWords<'t> {
        let mut words = GivenWords {
            words: [NO_WORD; MAX_GIVEN_WORDS],
            count,
        };
        for k in 0..count {
            words.words[count - 1 - k] = self.word(k);
        }
        words
    }

    fn read_one(&mut self) {
        if self.count >= MAX_TITLE_WORDS {
            self.done = true;
            return;
        }
        let word = word_before(self.text, self.cursor).filter(|w| w.start >= self.floor);
        let Some(word) = word else {
            self.done = true;
            return;
        };
        // Only a word ending in a period needs its class here.
        let mut class = None;
        if word.text.ends_with('.') {
            let known = word.class();
            if known != WordClass::Honorific && !word.is_initials() {
                self.done = true;
                return;
            }
            class = Some(known);
        }
        self.cursor = word.start;
        self.read[self.count] = Some(word);
        self.classes[self.count] = class;
        self.count += 1;
    }
}

/// A word that may stand between a rank and the name: a qualifier, a
/// connector or a capitalised place ("Ambassador in Great Britain").
fn may_come_between_title_and_name(word: &Word<'_>, class: WordClass) -> bool {
    match class {
        WordClass::Qualifier | WordClass::Connector => true,
        WordClass::Other => word.is_capitalised() && !word.is_initials(),
        _ => false,
    }
}

/// A title written after the name: "Szarvas\nAmbassador", "Nakajima Kenzo,
/// Chairman of the Board". Not when the phrase runs on into another name
/// ("Pak Heon-yeong, deputy minister of foreign affairs Pak Jeong-jo"),
/// where it is that name's title.
#[cfg(test)]
pub(crate) fn title_after(text: &str, pos: usize) -> Option<Range<usize>> {
    title_after_word(text, pos, word_after(text, pos, false))
}

/// [`title_after`] given the word right after `pos` on its line (as
/// [`word_after_on_line`] finds it), which [`names_an_institution`] reads
/// too: the title may also start after a comma or on the next line.
pub(crate) fn title_after_word(
    text: &str,
    pos: usize,
    next_on_line: Option<Word<'_>>,
) -> Option<Range<usize>> {
    // A word found without crossing a comma or a line break is the word
    // found when crossing them is allowed: the scan stops at the same byte.
    let first = match next_on_line {
        Some(word) => word,
        None => word_after(text, pos, true)?,
    };
    // Most words after a name ("telegram", "the") are plain and have the
    // first letter and length of no rank or qualifier: ruled out without
    // their class.
    // Given names written after a surname ("Maneli [Mieczysław]") are not
    // plain: their first letters and bounds on their folded length rule
    // most of them out before they are folded.
    let bare = first.text.trim_end_matches('.');
    let may_be = match first.plain {
        true => may_be_rank_or_qualifier(bare.as_bytes()),
        false => may_be_rank_or_qualifier_folded(bare),
    };
    if !may_be {
        return None;
    }
    let first_class = first.class();
    if !matches!(first_class, WordClass::Rank | WordClass::Qualifier) {
        return None;
    }
    // On the stack: this runs for every name. Each word's class is found
    // once.
    let mut read = [NO_WORD; MAX_TITLE_WORDS];
    let mut classes = [WordClass::Other; MAX_TITLE_WORDS];
    read[0] = first;
    classes[0] = first_class;
    let mut count = 1;
    while count < MAX_TITLE_WORDS {
        let (previous, previous_class) = (read[count - 1], classes[count - 1]);
        let Some(word) = word_after(text, previous.end(), false) else {
            break;
        };
        let class = word.class();
        let fits = match class {
            WordClass::Other => {
                word.is_capitalised() && !word.is_initials() && introduces_place(&previous)
                    || (word.is_capitalised() && previous_class == WordClass::Other)
            }
            _ => true,
        };
        if !fits {
            // A capitalised word right after the title: another name follows.
            if word.is_capitalised() && class == WordClass::Other {
                return None;
            }
            break;
        }
        read[count] = word;
        classes[count] = class;
        count += 1;
    }
    // Connectors at the end are not part of the title.
    while count > 0 && classes[count - 1] == WordClass::Connector {
        count -= 1;
    }
    let has_rank = classes[..count]
        .iter()
        .any(|class| matches!(class, WordClass::Rank | WordClass::Honorific));
    if !has_rank {
        return None;
    }
    Some(read[0].start..read[count - 1].end())
}

/// The given names or initials before a surname, on the stack: this runs
/// for every name.
pub(crate) struct GivenWords<'t> {
    words: [Word<'t>; MAX_GIVEN_WORDS],
    count: usize,
}

impl<'t> std::ops::Deref for GivenWords<'t> {
    type Target = [Word<'t>];

    fn deref(&self) -> &[Word<'t>] {
        &self.words[..self.count]
    }
}

/// Up to three initials or capitalised words just before a surname,
/// nearest last ("Stepan", "V." for "Stepan V. Chervonenko").
#[cfg(test)]
pub(crate) fn given_words_before(text: &str, pos: usize, floor: usize) -> GivenWords<'_> {
    given_words_in(&mut WordsBefore::new(text, pos, floor))
}

/// [`given_words_before`] from the words before the surname, which
/// [`title_in`] may read on: a word that ends a sentence is never given.
#[cfg(test)]
pub(crate) fn given_words_in<'t>(before: &mut WordsBefore<'t>) -> GivenWords<'t> {
    let count = given_word_count(before);
    before.given_words(count)
}

/// How many of the words before the surname (nearest first) are given
/// names or initials, as [`given_words_in`] finds them: a count, as most
/// names have none, and the words are in `before` already
/// ([`WordsBefore::given_words`] gathers them when there are some).
pub(crate) fn given_word_count(before: &mut WordsBefore<'_>) -> usize {
    let mut count = 0;
    while count < MAX_GIVEN_WORDS {
        let k = count;
        let Some(word) = before.get(k) else {
            break;
        };
        // A word starting in ASCII lower case (most words before a name)
        // is neither initials nor capitalised.
        if word
            .text
            .as_bytes()
            .first()
            .is_some_and(u8::is_ascii_lowercase)
        {
            break;
        }
        let given_like = word.is_initials()
            || (word.is_capitalised()
                && before.class(k) == WordClass::Other
                && !word.text.ends_with('.'));
        if !given_like {
            break;
        }
        count += 1;
    }
    count
}

/// Whether the span is alone on its line (optionally in parentheses), as a
/// signature ("Lansing", "T. Shtykov", "VYSHINSKY").
pub(crate) fn is_signature_line(text: &str, span: &Range<usize>) -> bool {
    // ASCII bytes, around most names, are tested as bytes; a non-ASCII
    // character hands over to the character-wise test.
    let bytes = text.as_bytes();
    let before = bytes[..span.start].iter().rev().find_map(|&b| match b {
        b'\n' => Some(Some(true)),
        b'(' => None,
        b if b.is_ascii() => (!char::from(b).is_whitespace()).then_some(Some(false)),
        _ => Some(None),
    });
    match before {
        Some(Some(false)) => return false,
        Some(Some(true)) | None => {
            let after = bytes[span.end..].iter().find_map(|&b| match b {
                b'\n' => Some(Some(true)),
                b'.' | b',' | b')' => None,
                b if b.is_ascii() => (!char::from(b).is_whitespace()).then_some(Some(false)),
                _ => Some(None),
            });
            match after {
                Some(Some(ok)) => return ok,
                None => return true,
                Some(None) => {}
            }
        }
        Some(None) => {}
    }
    is_signature_line_by_chars(text, span)
}

/// [`is_signature_line`] character by character.
fn is_signature_line_by_chars(text: &str, span: &Range<usize>) -> bool {
    // Walk out from the span and stop at the first other character, never
    // at the line's ends: on a 10 MB line, every name would read the line.
    let before_ok = text[..span.start]
        .chars()
        .rev()
        .take_while(|&c| c != '\n')
        .all(|c| c.is_whitespace() || c == '(');
    let after_ok = text[span.end..]
        .chars()
        .take_while(|&c| c != '\n')
        .all(|c| c.is_whitespace() || matches!(c, '.' | ',' | ')'));
    before_ok && after_ok
}

/// FRUS headings name the official in parentheses after the post: "The
/// Ambassador in Great Britain (Page)". Returns the post phrase.
///
/// Before most names is one blank after a word, or no blank: the byte
/// that decides is tested here, inlined into the caller, and the rest of
/// the test ([`parenthesised_after_title_from`]) pays for a frame only
/// when a parenthesis may come before the name.
#[inline(always)]
pub(crate) fn parenthesised_after_title(
    text: &str,
    span: &Range<usize>,
    floor: usize,
) -> Option<Range<usize>> {
    match text.as_bytes()[..span.start] {
        // One blank after another byte (most names): that byte decides.
        [.., b, b' ' | b'\t'] if !matches!(b, b'(' | b' ' | b'\t') => None,
        [.., b'(' | b' ' | b'\t'] => parenthesised_after_title_from(text, span, floor),
        _ => None,
    }
}

/// [`parenthesised_after_title`] past its first test.
#[inline(never)]
fn parenthesised_after_title_from(
    text: &str,
    span: &Range<usize>,
    floor: usize,
) -> Option<Range<usize>> {
    // Spaces, tabs and parentheses are ASCII, and no byte of another
    // character equals them: stepped over as bytes.
    let bytes = text.as_bytes();
    let is_blank = |b: &&u8| matches!(**b, b' ' | b'\t');
    // Most names have no parenthesis before them: the other side is not
    // looked at then.
    let open = bytes[..span.start].iter().rev().find(|b| !is_blank(b));
    if open != Some(&b'(') {
        return None;
    }
    let close = bytes[span.end..].iter().find(|b| !is_blank(b));
    if close != Some(&b')') {
        return None;
    }
    let blanks = bytes[..span.start]
        .iter()
        .rev()
        .take_while(is_blank)
        .count();
    title_before(text, span.start - blanks - 1, floor)
}

/// [`parenthesised_after_title`] as it was, trimming strings: the oracle.
#[cfg(test)]
fn parenthesised_after_title_by_trimming(
    text: &str,
    span: &Range<usize>,
    floor: usize,
) -> Option<Range<usize>> {
    let open = text[..span.start].trim_end_matches([' ', '\t']);
    let close = text[span.end..].trim_start_matches([' ', '\t']);
    if !open.ends_with('(') || !close.starts_with(')') {
        return None;
    }
    title_before(text, open.len() - 1, floor)
}

/// Words that, right after a name, make it the name of an institution or a
/// place rather than a mention of the person ("Woodrow Wilson International
/// Center", "Nehru Memorial Museum").
const EPONYM_NOUNS: &[&str] = &[
    "center",
    "centre",
    "foundation",
    "institute",
    "library",
    "museum",
    "memorial",
    "university",
    "college",
    "school",
    "airport",
    "street",
    "avenue",
    "boulevard",
    "square",
    "prize",
    "archive",
    "archives",
    "international",
    "hall",
    "park",
    "bridge",
    "station",
    "stadium",
];

const LONGEST_EPONYM: usize = 13;

/// The first letters of [`EPONYM_NOUNS`] (bit 0: "a"): most capitalised
/// words after a name begin with none of them.
#[cfg(test)]
const EPONYM_FIRST_LETTERS: u32 = {
    let mut letters = 0;
    let mut i = 0;
    while i < EPONYM_NOUNS.len() {
        letters |= 1 << (EPONYM_NOUNS[i].as_bytes()[0] - b'a');
        i += 1;
    }
    letters
};

/// Whether `word` (at most [`LONGEST_EPONYM`] bytes) is one of
/// [`EPONYM_NOUNS`], ignoring ASCII case: one comparison with the nouns of
/// its length rather than one with each noun, as this runs after many
/// names ("Mikoyan [Anastas]").
fn is_eponym_noun(word: &str) -> bool {
    let mut lower = [0u8; LONGEST_EPONYM];
    let Some(lower) = lower.get_mut(..word.len()) else {
        return false;
    };
    lower.copy_from_slice(word.as_bytes());
    lower.make_ascii_lowercase();
    matches!(
        &*lower,
        b"center"
            | b"centre"
            | b"foundation"
            | b"institute"
            | b"library"
            | b"museum"
            | b"memorial"
            | b"university"
            | b"college"
            | b"school"
            | b"airport"
            | b"street"
            | b"avenue"
            | b"boulevard"
            | b"square"
            | b"prize"
            | b"archive"
            | b"archives"
            | b"international"
            | b"hall"
            | b"park"
            | b"bridge"
            | b"station"
            | b"stadium"
    )
}

/// The word after `pos` on the same line, past spaces only.
pub(crate) fn word_after_on_line(text: &str, pos: usize) -> Option<Word<'_>> {
    word_after(text, pos, false)
}

/// Whether the word after `end` turns the name into an institution's name.
#[cfg(test)]
pub(crate) fn names_an_institution(text: &str, end: usize) -> bool {
    names_an_institution_by(word_after_on_line(text, end))
}

/// [`names_an_institution`] given the word after the name on its line (as
/// [`word_after_on_line`] finds it). An eponym noun is ASCII letters, so a
/// capitalised one starts with an ASCII capital: its first byte rules out
/// most words without comparing them. (This used to look again at the
/// first byte after the name, which the word already tells;
/// [`names_an_institution_by_bytes`] is that version, the test oracle.)
#[inline]
pub(crate) fn names_an_institution_by(next_word: Option<Word<'_>>) -> bool {
    next_word.is_some_and(|word| {
        let bytes = word.text.as_bytes();
        // A capital, then the sieve of first two letters and length: most
        // capitalised words after a name ("Hanoi", "Soviet") fail it.
        let Some(&[first, second]) = bytes.first_chunk::<2>() else {
            return false;
        };
        let second = second.to_ascii_lowercase();
        first.is_ascii_uppercase()
            && second.is_ascii_lowercase()
            && bytes.len() <= LONGEST_EPONYM
            && EPONYM_LENGTHS[usize::from(first - b'A') * 26 + usize::from(second - b'a')]
                & (1 << bytes.len())
                != 0
            && is_eponym_noun(word.text)
    })
}

/// Per first two letters (`aa` to `zz`), the lengths of the
/// [`EPONYM_NOUNS`] starting with them, as bits.
const EPONYM_LENGTHS: [u32; 26 * 26] = {
    let mut lengths = [0u32; 26 * 26];
    let mut i = 0;
    while i < EPONYM_NOUNS.len() {
        let noun = EPONYM_NOUNS[i].as_bytes();
        lengths[(noun[0] - b'a') as usize * 26 + (noun[1] - b'a') as usize] |= 1 << noun.len();
        i += 1;
    }
    lengths
};

/// [`names_an_institution_by`] as it was, testing the byte after the name
/// first: the oracle.
#[cfg(test)]
pub(crate) fn names_an_institution_by_bytes(
    text: &str,
    end: usize,
    next_word: Option<Word<'_>>,
) -> bool {
    // Only a capitalised word of the right length can be one.
    let next = text.as_bytes()[end..]
        .iter()
        .position(|&b| !matches!(b, b' ' | b'\t' | b'\r'))
        .map(|i| text.as_bytes()[end + i]);
    if next.is_some_and(|b| b.is_ascii() && !b.is_ascii_uppercase()) {
        return false;
    }
    // Most capitalised words after a name start with no eponym noun's letter.
    if next.is_some_and(|b| b.is_ascii_uppercase() && EPONYM_FIRST_LETTERS & (1 << (b - b'A')) == 0)
    {
        return false;
    }
    next_word.is_some_and(|word| {
        word.text.len() <= LONGEST_EPONYM && word.is_capitalised() && is_eponym_noun(word.text)
    })
}

#[cfg(test)]
mod tests;

#[cfg(test)]
mod class_oracle;
