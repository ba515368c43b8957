//! The words around a name: a word's span and class, read back from a
//! place or on from it (the scans that every context test starts with).

use super::*;

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
pub(super) fn is_plain(text: &str) -> bool {
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
    pub(super) fn class(&self) -> WordClass {
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
    pub(super) fn class_in_full(&self) -> WordClass {
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

    pub(super) fn is_capitalised(&self) -> bool {
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
    pub(super) fn is_initials_by_chars(&self) -> bool {
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
pub(super) const HIGH_BITS: u128 = u128::from_le_bytes([0x80; 16]);

/// Whether one of the bytes of a packed word is `byte` (not zero: the
/// padding is zero), without a loop over the bytes.
pub(super) fn has_byte(key: u128, byte: u8) -> bool {
    const LOW_BITS: u128 = u128::from_le_bytes([0x01; 16]);
    let x = key ^ (LOW_BITS * u128::from(byte));
    // The classic test for a zero byte in a word.
    x.wrapping_sub(LOW_BITS) & !x & HIGH_BITS != 0
}

/// A placeholder for arrays of words not yet read.
pub(super) const NO_WORD: Word<'static> = Word {
    text: "",
    start: 0,
    plain: true,
};

/// The longest word that can be a title word ("plenipotentiary").
pub(super) const LONGEST_TITLE_WORD: usize = 24;

/// Words up to this length take the short way in [`Word::class`] (shorter
/// than the long runs `class_of` treats apart).
pub(super) const SHORT_WORD: usize = 32;

/// The class of a word (without its trailing period): this runs for every
/// word near every name.
/// "Vice-Minister", "Secretary-General": the class of the last part when it
/// is a title word.
pub(super) fn class_of(bare: &str) -> WordClass {
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
pub(super) fn class_of_lowercase(folded: &[u8]) -> WordClass {
    if let Some(hyphen) = folded.iter().rposition(|&b| b == b'-') {
        let last = classify_bytes(&folded[hyphen + 1..]);
        if last != WordClass::Other {
            return last;
        }
        // "Ambassador-at-Large" (a US title), "Ambassador-designate",
        // "President-elect": the rank comes first.
        for suffix in [&b"-at-large"[..], b"-designate", b"-elect"] {
            if let Some(rank) = folded
                .len()
                .checked_sub(suffix.len())
                .filter(|&cut| cut > 0 && folded[cut..].eq_ignore_ascii_case(suffix))
            {
                return classify_bytes(&folded[..rank]);
            }
        }
    }
    classify_bytes(folded)
}

/// ASCII letters, digits, periods, apostrophes and hyphens: one load per
/// byte in the word scans, which step over every byte of the words read.
/// Each is [`WORD_BYTE`], a hyphen also [`HYPHEN_BYTE`], so that a scan
/// learns whether the word is plain ([`Word::plain`]) with one `or` a byte.
pub(super) static ASCII_WORD_BYTES: [u8; 256] = {
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

pub(super) const WORD_BYTE: u8 = 1;
pub(super) const HYPHEN_BYTE: u8 = 2;

/// [`WORD_BYTE`], and [`HYPHEN_BYTE`] for a hyphen; 0 for other bytes.
#[inline(always)]
pub(super) fn ascii_word_byte(b: u8) -> u8 {
    ASCII_WORD_BYTES[usize::from(b)]
}

pub(super) fn is_word_char(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphanumeric() || matches!(c, '.' | '\'' | '-')
    } else {
        // Long runs of Chinese are read here: their letters (and Latin
        // ones) skip the Unicode table look-up.
        c == '’' || crate::matcher::chars::is_alphanumeric(c)
    }
}

/// CJK Unified Ideographs: every one is a letter.
#[cfg(test)]
pub(super) const CJK_UNIFIED: std::ops::RangeInclusive<u32> = 0x4E00..=0x9FFF;

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
pub(super) fn word_after(text: &str, pos: usize, allow_break: bool) -> Option<Word<'_>> {
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
