//! The first three bytes of every pattern, exactly, in a bit table, and
//! their first four, hashed: the tests run first at each capital a name
//! may start with. Three table look-ups decide most places ("The",
//! "Soviet" open no name), and the fourth byte most of the rest ("Hanoi",
//! "Chinese", "Foreign", "Ministry" share their first three with names),
//! where the first-word hash (`first_words.rs`) costs several times that.
//!
//! Each byte is reduced to a code: an ASCII letter (either case) or digit
//! to its own code, any other ASCII byte and the end of the text to
//! [`STOP`], a non-ASCII byte to [`NON_ASCII`]; after the first code that
//! is not a letter or digit the rest are [`STOP`].
//!
//! Why the test is exact: a pattern found at a place is a prefix of the
//! text there (ignoring ASCII case), and is a mention only with a word
//! boundary after it (the place starts with an ASCII byte, so the
//! exemption of unspaced scripts does not apply). Within the first four
//! bytes, where the pattern has a byte the text has the same one (one of
//! its case), so the codes agree; where the pattern ends, the text has no
//! ASCII letter or digit (the boundary): the end of the text or another
//! ASCII byte ([`STOP`]) or a non-ASCII byte ([`NON_ASCII`]). Both are
//! entered for a pattern that ends within four bytes. So the text's codes
//! are entered whenever a pattern there can be a mention. (The four codes
//! are hashed into fewer bits: two may share a bit, which lets a place
//! through and never rules one out.)

pub(crate) struct Openings {
    /// One bit per index of three codes: a fixed size, so that a masked
    /// index needs no bounds check.
    pub(super) bits: Box<[u64; WORDS]>,
    /// One bit per hash of four codes (see [`fourth_slot`]).
    pub(super) fours: Box<[u64; FOUR_WORDS]>,
}

/// The number of indexes, and of 64-bit words that hold their bits.
const INDEXES: usize = 1 << (3 * CODE_BITS);
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

/// The bit of the hashed table for an index of four codes.
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
            // Bytes past the end count as a space (a STOP).
            let byte = |i: usize| bytes.get(i).copied().unwrap_or(b' ');
            let written = [byte(0), byte(1), byte(2), byte(3)];
            openings.enter(written);
            // Where the pattern ends within four bytes, the text may have
            // either kind of boundary there: a non-ASCII byte (0x80) too.
            if bytes.len() < 4 {
                let mut other = written;
                other[bytes.len()] = 0x80;
                openings.enter(other);
            }
        }
        openings
    }

    /// Enters the first four bytes of a pattern (or of a text it may be
    /// found in) in both tables.
    fn enter(&mut self, [a, b, c, d]: [u8; 4]) {
        let i = index(a, b, c);
        // After a second byte that is not an ASCII letter or digit the
        // third's code is STOP (bit 0 of the word of the first two):
        // every bit of such a word is set with it, so that the test at a
        // capital reads the third byte's code without masking it.
        let second = (i / 64 % 64) as u8;
        self.bits[i / 64] |= if second == STOP || second == NON_ASCII {
            u64::MAX
        } else {
            1 << (i % 64)
        };
        let slot = fourth_slot(index_of_four(a, b, c, d));
        self.fours[slot / 64] |= 1 << (slot % 64);
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
        self.has(index(a, b, c)) && self.has_four(index_of_four(a, b, c, d))
    }

    /// [`Openings::may_open`] for a `text` that starts with an ASCII
    /// letter or digit (a capital, or the first letter of a name
    /// particle), as every place the scan looks up does: the first byte
    /// needs no test of whether the word goes on, and the fourth is read
    /// only when the first three pass.
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
        let [a, b, c, d] = first_four.map(usize::from);
        // The third code unmasked: see `build`.
        let first_two =
            (usize::from(CODE[a]) << (2 * CODE_BITS)) | (usize::from(CODE[b]) << CODE_BITS);
        if !self.has(first_two | usize::from(CODE[c])) {
            return false;
        }
        let c_kept = GOES_ON[b];
        let d_kept = c_kept & GOES_ON[c];
        let three = first_two | usize::from(CODE[c] & c_kept);
        self.has_four(three << CODE_BITS | usize::from(CODE[d] & d_kept))
    }

    #[inline(always)]
    fn has(&self, i: usize) -> bool {
        // Codes are below 64: the mask only tells the compiler so.
        let i = i & (INDEXES - 1);
        self.bits[i / 64] & (1 << (i % 64)) != 0
    }

    #[inline(always)]
    fn has_four(&self, four: usize) -> bool {
        let slot = fourth_slot(four);
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
                        let general = openings.has(index(a, b, c))
                            && openings.has_four(index_of_four(a, b, c, d));
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
}
