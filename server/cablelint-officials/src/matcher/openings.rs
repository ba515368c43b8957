//! The first three bytes of every pattern in a bit table, and their
//! first four, hashed: the tests run first at each capital a name may
//! start with. One look-up decides most places ("The", "Soviet" open no
//! name), and the fourth byte most of the rest ("Hanoi", "Chinese",
//! "Foreign", "Ministry" share their first three with names), where the
//! first-word hash (`first_words.rs`) costs several times that.
//!
//! The three-byte table is indexed by a hash of the low five bits of each
//! byte, taken straight from the text (no table per byte: this runs at
//! every capital of every document). ASCII letters keep their five bits in
//! either case, so a pattern's first three bytes enter the bits of its
//! own; where a pattern ends within three bytes, the text has a word
//! boundary there, any byte, and every five bits are entered for that
//! place and the later ones. (Other bytes share their five bits, which
//! lets a place through and never rules one out.)
//!
//! The four-byte table holds, for a pattern of four bytes or more, a hash
//! of their low five bits, read from the text as the three are; for a
//! shorter one, whose text must end the word within four bytes, a hash of
//! four codes: an ASCII letter (either case) or digit to its own code,
//! any other ASCII byte and the end of the text to [`STOP`], a non-ASCII
//! byte to [`NON_ASCII`]; after the first code that is not a letter or
//! digit the rest are [`STOP`]. Most capitals that pass the three bytes
//! begin a word of four letters or more, and are decided by the first
//! hash; only shorter words ("Ji", "Mao") read the codes.
//!
//! Why the tests are exact: a pattern found at a place is a prefix of the
//! text there (ignoring ASCII case), and is a mention only with a word
//! boundary after it (the place starts with an ASCII byte, so the
//! exemption of unspaced scripts does not apply). Within the pattern's
//! length the text has the pattern's bytes (an ASCII letter in either
//! case), so the five bits and the codes agree; where the pattern ends,
//! the text has no ASCII letter or digit (the boundary): the end of the
//! text or another ASCII byte ([`STOP`]) or a non-ASCII byte
//! ([`NON_ASCII`]). Both are entered for a pattern that ends within four
//! bytes, and every five bits for one that ends within three; and a text
//! whose first four bytes are ASCII letters or digits has no such
//! boundary. So the text's bits are entered whenever a pattern there can
//! be a mention. (The tables are hashed: two entries may share a bit,
//! which lets a place through and never rules one out.)

pub(crate) struct Openings {
    /// One bit per hash of three bytes' low five bits (see
    /// [`index_of_three`]): a fixed size, so that a masked index needs no
    /// bounds check.
    pub(super) bits: Box<[u64; WORDS]>,
    /// One bit per hash of four bytes' low five bits (see
    /// [`four_slot`]) or of four codes (see [`fourth_slot`]).
    pub(super) fours: Box<[u64; FOUR_WORDS]>,
}

/// The bits of the table of three bytes, and of the 64-bit words that
/// hold them. (The 15 bits of the three bytes' low five bits, hashed:
/// two may share a bit, which lets a place through and never rules one
/// out.)
const THREE_BITS: u32 = 15;
const INDEXES: usize = 1 << THREE_BITS;
pub(super) const WORDS: usize = INDEXES / 64;
/// The bits of the hashed table of four codes, and their 64-bit words.
const FOUR_BITS: u32 = 18;
pub(super) const FOUR_WORDS: usize = (1 << FOUR_BITS) / 64;

impl std::fmt::Debug for Openings {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Openings")
    }
}

impl Clone for Openings {
    fn clone(&self) -> Self {
        Openings {
            bits: self.bits.clone(),
            fours: self.fours.clone(),
        }
    }
}

/// Any ASCII byte that is not a letter or digit, or the end of the text.
const STOP: u8 = 0;
/// A byte of a non-ASCII character.
const NON_ASCII: u8 = 63;
const CODE_BITS: u32 = 6;
/// The low bits of a byte kept for the table of three bytes: an ASCII
/// letter's five, the same in either case.
const LOW_MASK: u32 = 0x1F;

/// The code of each byte (see the module's note).
static CODE: [u8; 256] = {
    let mut table = [STOP; 256];
    let mut b = 0;
    while b < 256 {
        let byte = b as u8;
        table[b] = if byte >= 0x80 {
            NON_ASCII
        } else if byte.is_ascii_lowercase() {
            byte - b'a' + 1
        } else if byte.is_ascii_uppercase() {
            byte - b'A' + 1
        } else if byte.is_ascii_digit() {
            byte - b'0' + 27
        } else {
            STOP
        };
        b += 1;
    }
    table
};

/// All ones for the code of an ASCII letter or digit, else zero: the mask
/// that keeps the next code only after a letter or digit.
static GOES_ON: [u8; 256] = {
    let mut table = [0u8; 256];
    let mut b = 0;
    while b < 256 {
        if (b as u8).is_ascii_alphanumeric() {
            table[b] = 0xFF;
        }
        b += 1;
    }
    table
};

/// The index in the three-byte table of the first three bytes of `four`
/// (little-endian: the first byte lowest): their low five bits, hashed
/// by a multiplication (the finaliser constant of MurmurHash3), whose top
/// bits are the index. Three instructions, no look-up: this runs at every
/// capital of every document.
#[inline(always)]
fn index_of_three(four: u32) -> usize {
    ((four & 0x001F_1F1F).wrapping_mul(0x85EB_CA6B) >> (32 - THREE_BITS)) as usize
}

/// The index of the codes of three bytes, the later ones [`STOP`] after
/// the first that is not an ASCII letter or digit.
#[inline(always)]
fn index(a: u8, b: u8, c: u8) -> usize {
    let (a, b, c) = (usize::from(a), usize::from(b), usize::from(c));
    let b_kept = GOES_ON[a];
    let c_kept = b_kept & GOES_ON[b];
    let (a, b, c) = (CODE[a], CODE[b] & b_kept, CODE[c] & c_kept);
    (usize::from(a) << (2 * CODE_BITS)) | (usize::from(b) << CODE_BITS) | usize::from(c)
}

/// The index of the codes of four bytes: [`index`] of the first three,
/// then the fourth's code, [`STOP`] after a byte that is not an ASCII
/// letter or digit.
#[inline(always)]
fn index_of_four(a: u8, b: u8, c: u8, d: u8) -> usize {
    let d_kept = GOES_ON[usize::from(a)] & GOES_ON[usize::from(b)] & GOES_ON[usize::from(c)];
    index(a, b, c) << CODE_BITS | usize::from(CODE[usize::from(d)] & d_kept)
}

/// The bit of the four-byte table for the first four bytes of a word of
/// four ASCII letters or digits or more, `four` (little-endian): their
/// low five bits, hashed as [`index_of_three`] hashes three.
#[inline(always)]
fn four_slot(four: u32) -> usize {
    ((four & 0x1F1F_1F1F).wrapping_mul(0x85EB_CA6B) >> (32 - FOUR_BITS)) as usize
}

/// Whether all four bytes are ASCII letters or digits: the word there
/// is too long for a pattern shorter than four bytes.
#[inline(always)]
fn four_alphanumeric([a, b, c, d]: [u8; 4]) -> bool {
    GOES_ON[usize::from(a)]
        & GOES_ON[usize::from(b)]
        & GOES_ON[usize::from(c)]
        & GOES_ON[usize::from(d)]
        != 0
}

/// The bit of the four-byte table for an index of four codes.
#[inline(always)]
fn fourth_slot(four: usize) -> usize {
    ((four as u32).wrapping_mul(0x9E37_79B1) >> (32 - FOUR_BITS)) as usize
}

impl Openings {
    pub(crate) fn build<S: AsRef<str>>(patterns: &[S]) -> Openings {
        let mut openings = Openings {
            bits: Box::new([0; WORDS]),
            fours: Box::new([0; FOUR_WORDS]),
        };
        for pattern in patterns {
            let bytes = pattern.as_ref().as_bytes();
            if bytes.is_empty() {
                continue;
            }
            openings.enter_three(bytes);
            if let [a, b, c, d, ..] = *bytes {
                openings.set_four(four_slot(u32::from_le_bytes([a, b, c, d])));
                continue;
            }
            // Bytes past the end count as a space (a STOP).
            let byte = |i: usize| bytes.get(i).copied().unwrap_or(b' ');
            let written = [byte(0), byte(1), byte(2), byte(3)];
            openings.enter_codes(written);
            // Where the pattern ends within four bytes, the text may have
            // either kind of boundary there: a non-ASCII byte (0x80) too.
            let mut other = written;
            other[bytes.len()] = 0x80;
            openings.enter_codes(other);
        }
        openings
    }

    /// Enters the first three bytes of a pattern in the three-byte table:
    /// their low five bits, and every five bits at and after its end.
    fn enter_three(&mut self, pattern: &[u8]) {
        // The five bits each place may have in a text the pattern fits.
        let bits_at = |i: usize| match pattern.get(i) {
            Some(&b) => u32::from(b) & LOW_MASK..=u32::from(b) & LOW_MASK,
            None => 0..=LOW_MASK,
        };
        for a in bits_at(0) {
            for b in bits_at(1) {
                for c in bits_at(2) {
                    let i = index_of_three(a | b << 8 | c << 16);
                    self.bits[i / 64] |= 1 << (i % 64);
                }
            }
        }
    }

    /// Enters the codes of the first four bytes of a pattern shorter
    /// than four bytes (or of a text it may be found in) in the four-byte
    /// table.
    fn enter_codes(&mut self, [a, b, c, d]: [u8; 4]) {
        self.set_four(fourth_slot(index_of_four(a, b, c, d)));
    }

    fn set_four(&mut self, slot: usize) {
        self.fours[slot / 64] |= 1 << (slot % 64);
    }

    /// The three-byte test of a text whose first four bytes are `four`
    /// (the first a capital or the first letter of a name particle): the
    /// first half of [`Openings::may_open_four`].
    #[inline(always)]
    pub(crate) fn may_open_three(&self, four: [u8; 4]) -> bool {
        self.has(index_of_three(u32::from_le_bytes(four)))
    }

    /// The four-byte test of a text whose first four bytes are `four`:
    /// the second half of [`Openings::may_open_four`].
    #[inline(always)]
    pub(crate) fn passes_four(&self, four: [u8; 4]) -> bool {
        if self.has_slot(four_slot(u32::from_le_bytes(four))) {
            return true;
        }
        let [a, b, c, d] = four;
        !four_alphanumeric(four) && self.has_slot(fourth_slot(index_of_four(a, b, c, d)))
    }

    /// Whether some pattern that can be a mention may be found at the
    /// start of `text`, which starts with an ASCII byte.
    #[inline(always)]
    pub(crate) fn may_open(&self, text: &[u8]) -> bool {
        let byte = |i: usize| text.get(i).copied().unwrap_or(b' ');
        let (a, b, c, d) = match text {
            [] => return false,
            _ => (byte(0), byte(1), byte(2), byte(3)),
        };
        self.has(index_of_three(u32::from_le_bytes([a, b, c, d]))) && self.passes_four([a, b, c, d])
    }

    /// [`Openings::may_open`] for a `text` that starts with an ASCII
    /// letter or digit (a capital, or the first letter of a name
    /// particle), as every place the scan looks up does: the fourth byte
    /// is read only when the first three pass.
    #[inline(always)]
    pub(crate) fn may_open_word(&self, text: &[u8]) -> bool {
        debug_assert!(text.first().is_some_and(u8::is_ascii_alphanumeric));
        match *text {
            [a, b, c, d, ..] => self.may_open_four([a, b, c, d]),
            _ => self.may_open(text),
        }
    }

    /// [`Openings::may_open_word`] for a text whose first four bytes are
    /// `first_four` (spaces after its end, as [`Openings::may_open`] reads
    /// them).
    #[inline(always)]
    pub(crate) fn may_open_four(&self, first_four: [u8; 4]) -> bool {
        self.may_open_three(first_four) && self.passes_four(first_four)
    }

    #[inline(always)]
    fn has(&self, i: usize) -> bool {
        // Indexes are below `INDEXES`: the mask only tells the compiler so.
        let i = i & (INDEXES - 1);
        self.bits[i / 64] & (1 << (i % 64)) != 0
    }

    #[inline(always)]
    fn has_slot(&self, slot: usize) -> bool {
        self.fours[slot / 64 % FOUR_WORDS] & (1 << (slot % 64)) != 0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The slow answer: whether some pattern is a prefix of the text
    /// (ignoring ASCII case) with no ASCII letter or digit, and no
    /// non-ASCII letter or digit, after it.
    fn some_pattern_fits(patterns: &[&str], text: &str) -> bool {
        patterns.iter().any(|p| {
            let (p, t) = (p.as_bytes(), text.as_bytes());
            t.len() >= p.len()
                && t[..p.len()].eq_ignore_ascii_case(p)
                && text[p.len()..]
                    .chars()
                    .next()
                    .is_none_or(|c| !c.is_alphanumeric())
        })
    }

    #[test]
    fn the_usual_case_indexes_as_the_general_one() {
        let openings = Openings::build(&["Ji", "X", "Kim Il", "de Gaulle", "O'Brien", "Z9", "Han"]);
        let bytes: Vec<u8> = (0..=255u8).step_by(7).chain(*b"AZaz09 '-[]").collect();
        let mut passed = 0;
        for &a in &bytes {
            for &b in &bytes {
                for &c in &bytes {
                    for &d in b"aZ9 -\x80\xE4" {
                        let four = u32::from_le_bytes([a, b, c, d]);
                        let general = openings.has(index_of_three(four))
                            && (openings.has_slot(four_slot(four))
                                || !four_alphanumeric([a, b, c, d])
                                    && openings.has_slot(fourth_slot(index_of_four(a, b, c, d))));
                        passed += usize::from(general);
                        assert_eq!(openings.may_open(&[a, b, c, d]), general, "{a} {b} {c} {d}");
                        if a.is_ascii_alphanumeric() {
                            assert_eq!(openings.may_open_word(&[a, b, c, d]), general);
                            assert_eq!(
                                openings.may_open_word(&[a, b, c]),
                                openings.may_open(&[a, b, c])
                            );
                            assert_eq!(openings.may_open_word(&[a, b]), openings.may_open(&[a, b]));
                        }
                    }
                }
            }
        }
        assert!(passed > 0);
    }

    #[test]
    fn passes_every_place_a_pattern_fits_and_rules_out_others() {
        let patterns = [
            "Ji",
            "Ji Pengfei",
            "X",
            "Kim Il Sung",
            "de Gaulle",
            "Raúl Roa",
            "O'Brien",
            "Chervonenko",
            "Li-Li",
        ];
        let openings = Openings::build(&patterns);
        let texts = [
            "Ji said",
            "JI",
            "Ji",
            "Ji’s",
            "Ji,",
            "Jiang",
            "Jim",
            "J",
            "X",
            "X.",
            "Xi",
            "Xé",
            "X’",
            "KIM IL SUNG",
            "Kim",
            "Kimball",
            "De Gaulle",
            "DE",
            "Deb",
            "Raúl",
            "Rau",
            "Ra",
            "O'Brien",
            "O’Brien",
            "O",
            "Chervonenko.",
            "Che",
            "Li-Li",
            "Li",
            "Li-",
            "The",
            "Soviet",
            "a",
            "Ji\r\n",
            "Ji[Pengfei]",
            "X𠀋",
            "Ji姬",
        ];
        for text in texts {
            let fits = some_pattern_fits(&patterns, text);
            if fits {
                assert!(openings.may_open(text.as_bytes()), "{text:?}");
            }
        }
        // "Kimball" and "Chen" share their first three bytes with a
        // pattern, not their first four.
        for text in [
            "Jiang", "Jim", "The", "Soviet", "Deb", "Rau", "Ch", "Xi", "Kimball", "Chen", "Lil",
        ] {
            assert!(!openings.may_open(text.as_bytes()), "{text:?}");
        }
        // Every suffix of a mixed text, byte by byte, against the slow answer.
        let text = "Vice Minister Ji [Pengfei] met Kim Il Sung, X’s aide Raúl Roa; \
                    O'Brien 姬 𠀋 Li-Li de Gaulle\r\nChervonenko";
        for start in (0..text.len()).filter(|&i| text.is_char_boundary(i)) {
            let rest = &text[start..];
            if rest.as_bytes()[0].is_ascii() && some_pattern_fits(&patterns, rest) {
                assert!(openings.may_open(rest.as_bytes()), "{rest:?}");
            }
        }
    }

    /// Every pattern of the built-in registry passes where it is written,
    /// in either case, before each kind of word boundary; and the
    /// three-byte table rules out words that share no first three bytes
    /// with a pattern.
    #[test]
    fn passes_every_builtin_pattern_before_any_boundary() {
        let tables = crate::matcher::tables::MatcherTables::build(crate::Registry::builtin());
        let patterns = tables.table.patterns();
        let openings = Openings::build(patterns);
        for pattern in patterns.iter().map(|p| p.as_ref()) {
            if !pattern.as_bytes()[0].is_ascii() {
                continue;
            }
            for written in [pattern.to_owned(), pattern.to_ascii_uppercase()] {
                for boundary in ["", " ", ",", ".", "\n", "\r\n", "’s", "é", "[", ")"] {
                    let text = format!("{written}{boundary} said");
                    assert!(openings.may_open(text.as_bytes()), "{text:?}");
                    let mut padded = text.into_bytes();
                    padded.resize(padded.len().max(4), b' ');
                    if padded[0].is_ascii_alphanumeric() {
                        assert!(openings.may_open_word(&padded), "{written:?}{boundary:?}");
                    }
                }
            }
        }
        for word in ["The ", "Soviet", "Thereupon", "Quickly"] {
            assert!(
                !openings.has(index_of_three(u32::from_le_bytes(
                    word.as_bytes()[..4].try_into().expect("four bytes")
                ))),
                "{word}"
            );
        }
    }
}
