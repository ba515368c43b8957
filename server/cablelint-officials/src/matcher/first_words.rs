//! The first words of the patterns: most capitalised words of a cable
//! ("The", "Soviet", "Washington") begin no name, and are ruled out here by
//! one hash of the word, before any look-up.
//!
//! Why the test is exact: when the word at a place (its run of ASCII
//! letters and digits) ends at an ASCII byte, a pattern found there is
//! either shorter than the word, and then ends inside it and is no mention
//! (a letter or digit follows it), or it is the word itself or the word
//! followed by that byte and more. So when no pattern begins with exactly
//! that word, nothing is found there. Words that run on into a non-ASCII
//! character ("Raúl") are not decided here.

const HASH_BITS: u32 = 16;

pub(crate) struct FirstWords {
    /// Hashes of the heads of the patterns (see [`head`]): tested first,
    /// in a few instructions.
    heads: Box<[u64]>,
    /// Hashes of the first words (lowercase) of the patterns.
    bits: Box<[u64]>,
    /// The longest such word, in bytes.
    longest: usize,
}

impl std::fmt::Debug for FirstWords {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "FirstWords(longest {})", self.longest)
    }
}

impl Clone for FirstWords {
    fn clone(&self) -> Self {
        FirstWords {
            heads: self.heads.clone(),
            bits: self.bits.clone(),
            longest: self.longest,
        }
    }
}

/// What [`FirstWords::verdict`] says about a place.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Verdict {
    /// No pattern found there can be a mention.
    NoName,
    /// Some pattern may begin with the word.
    Maybe,
    /// The word runs on into a non-ASCII character: not decided.
    Undecided,
}

const LOW_BITS: u64 = 0x0101_0101_0101_0101;
const HIGH_BITS: u64 = 0x8080_8080_8080_8080;

/// The high bit of each byte of `chunk` (ASCII capitals already made
/// lower case) that is a lower-case ASCII letter or a digit. Adding to
/// bytes below 0x80 cannot carry into the next byte.
#[inline(always)]
fn alphanumerics(lowered: u64) -> u64 {
    let ascii = lowered & !HIGH_BITS;
    let at_least = |low: u8| ascii + LOW_BITS * (0x80 - u64::from(low));
    let beyond = |high: u8| ascii + LOW_BITS * (0x80 - u64::from(high) - 1);
    let letters = at_least(b'a') & !beyond(b'z');
    let digits = at_least(b'0') & !beyond(b'9');
    (letters | digits) & !lowered & HIGH_BITS
}

/// Eight bytes with their ASCII capitals made lower case.
#[inline(always)]
fn lower_eight(chunk: u64) -> u64 {
    let ascii = chunk & !HIGH_BITS;
    let at_least_a = ascii + LOW_BITS * (0x80 - u64::from(b'A'));
    let beyond_z = ascii + LOW_BITS * (0x80 - u64::from(b'Z') - 1);
    let capitals = at_least_a & !beyond_z & !chunk & HIGH_BITS;
    chunk | (capitals >> 2)
}

#[inline(always)]
fn mix(hash: u64, word: u64) -> u64 {
    (hash.rotate_left(5) ^ word).wrapping_mul(0x517c_c1b7_2722_0a95)
}

/// The run of ASCII letters and digits at the start of `bytes`: a hash of
/// it in lower case, its length, and whether what follows it is ASCII (or
/// nothing). Eight bytes at a time.
#[inline(always)]
fn ascii_word(bytes: &[u8]) -> (u64, usize, bool) {
    // Most words are shorter than eight bytes and have eight after their
    // start: one load, no loop (and no call).
    if let Some(eight) = bytes.first_chunk::<8>() {
        let chunk = u64::from_le_bytes(*eight);
        let lowered = lower_eight(chunk);
        let stops = !alphanumerics(lowered) & HIGH_BITS;
        if stops != 0 {
            let n = (stops.trailing_zeros() / 8) as usize;
            let hash = if n > 0 {
                mix(0, lowered & (u64::MAX >> (64 - 8 * n)))
            } else {
                0
            };
            // The stop byte is within the eight: ASCII when its high bit
            // is clear.
            let ends_in_ascii = chunk >> (8 * n) & 0x80 == 0;
            return (hash, n, ends_in_ascii);
        }
    }
    ascii_word_in_chunks(bytes)
}

/// [`ascii_word`] eight bytes at a time, for long words and the last
/// bytes of a text.
#[inline(never)]
fn ascii_word_in_chunks(bytes: &[u8]) -> (u64, usize, bool) {
    let mut hash = 0;
    let mut at = 0;
    loop {
        let chunk = match bytes.get(at..at + 8) {
            Some(eight) => {
                let mut word = [0u8; 8];
                word.copy_from_slice(eight);
                u64::from_le_bytes(word)
            }
            None => {
                // Zeros after the end: not letters.
                let mut word = [0u8; 8];
                let rest = &bytes[at.min(bytes.len())..];
                word[..rest.len()].copy_from_slice(rest);
                u64::from_le_bytes(word)
            }
        };
        let lowered = lower_eight(chunk);
        let stops = !alphanumerics(lowered) & HIGH_BITS;
        if stops != 0 {
            let n = (stops.trailing_zeros() / 8) as usize;
            if n > 0 {
                hash = mix(hash, lowered & (u64::MAX >> (64 - 8 * n)));
            }
            let length = at + n;
            let ends_in_ascii = bytes.get(length).is_none_or(u8::is_ascii);
            return (hash, length, ends_in_ascii);
        }
        hash = mix(hash, lowered);
        at += 8;
    }
}

/// The first four bytes of `bytes`, lowercase, cut at the first that is
/// not an ASCII letter or digit (it and those after it are zeros), hashed.
/// A pattern found in a text and not rejected at once has the head of the
/// text: either its first four bytes are letters or digits, and are the
/// text's, or it has the text's first non-alphanumeric byte at the same
/// place, or it ends there and the text goes on with no ASCII letter or
/// digit.
#[inline(always)]
fn head(bytes: &[u8]) -> usize {
    let mut kept = 0u32;
    for (i, &b) in bytes.iter().take(4).enumerate() {
        let lower = LOWER_ALPHANUMERIC[usize::from(b)];
        if lower == 0 {
            break;
        }
        kept |= u32::from(lower) << (8 * i);
    }
    (kept.wrapping_mul(0x9E37_79B1) >> (32 - HEAD_BITS)) as usize
}

/// Each ASCII letter or digit in lower case; zero for every other byte.
static LOWER_ALPHANUMERIC: [u8; 256] = {
    let mut table = [0u8; 256];
    let mut b = 0;
    while b < 128 {
        let byte = b as u8;
        if byte.is_ascii_alphanumeric() {
            table[b] = byte.to_ascii_lowercase();
        }
        b += 1;
    }
    table
};

const HEAD_BITS: u32 = 17;

fn slot(hash: u64) -> usize {
    (hash >> (64 - HASH_BITS)) as usize
}

impl FirstWords {
    pub(crate) fn build<S: AsRef<str>>(patterns: &[S]) -> FirstWords {
        let mut words = FirstWords {
            heads: vec![0; (1 << HEAD_BITS) / 64].into_boxed_slice(),
            bits: vec![0; (1 << HASH_BITS) / 64].into_boxed_slice(),
            longest: 0,
        };
        for pattern in patterns {
            let (hash, length, ends_in_ascii) = ascii_word(pattern.as_ref().as_bytes());
            let head = head(pattern.as_ref().as_bytes());
            words.heads[head / 64] |= 1 << (head % 64);
            if length > 0 && ends_in_ascii {
                let slot = slot(hash);
                words.bits[slot / 64] |= 1 << (slot % 64);
                words.longest = words.longest.max(length);
            }
        }
        words
    }

    /// Whether a pattern found at the start of `text` (which starts with
    /// an ASCII letter or digit) can be a mention. The word's hash decides
    /// (see the module's note); the head is tested only for words that run
    /// on into a non-ASCII character, which the hash cannot decide: this
    /// runs at every capital of every document, and most words end in
    /// ASCII.
    #[inline(always)]
    pub(crate) fn verdict(&self, text: &[u8]) -> Verdict {
        let (hash, length, ends_in_ascii) = ascii_word(text);
        if !ends_in_ascii {
            let head = head(text);
            return if self.heads[head / 64] & (1 << (head % 64)) == 0 {
                Verdict::NoName
            } else {
                Verdict::Undecided
            };
        }
        let slot = slot(hash);
        if length > self.longest || self.bits[slot / 64] & (1 << (slot % 64)) == 0 {
            Verdict::NoName
        } else {
            Verdict::Maybe
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_are_read_as_a_byte_loop_would() {
        let texts = [
            "Chervonenko said",
            "CHERVONENKO",
            "Ji",
            "Ji,",
            "Raúl",
            "abcdefgh",
            "abcdefgh ",
            "abcdefghé",
            "a9Z_x",
            "Zz@[`{",
            "",
            // Eight bytes or more: the one-load path.
            "Ji Pengfei",
            "JI,PENGFEI",
            "Raúl Roa said",
            "Kim Il Sung",
            "abcdefg h",
            "Zz@[`{abcdefgh",
            "[Stepan V.]",
            "姬鹏飞 and more",
            "Ji\r\nPengfei",
        ];
        for text in texts {
            let bytes = text.as_bytes();
            let length = bytes
                .iter()
                .position(|b| !b.is_ascii_alphanumeric())
                .unwrap_or(bytes.len());
            let (hash, found, ends_in_ascii) = ascii_word(bytes);
            assert_eq!(found, length, "{text}");
            assert_eq!(ends_in_ascii, bytes.get(length).is_none_or(u8::is_ascii));
            let lower = text[..length].to_ascii_lowercase() + " tail";
            assert_eq!(ascii_word(lower.as_bytes()).0, hash, "{text}");
        }
        for b in 0..=255u8 {
            let chunk = u64::from_le_bytes([b, b'a', b, b'Z', b, b'0', b, 0xC3]);
            let expected = chunk.to_le_bytes().map(|x| {
                if x.to_ascii_lowercase().is_ascii_alphanumeric() {
                    0x80
                } else {
                    0
                }
            });
            assert_eq!(
                alphanumerics(lower_eight(chunk)),
                u64::from_le_bytes(expected),
                "{b}"
            );
        }
    }

    #[test]
    fn rules_out_words_that_begin_no_pattern() {
        let words = FirstWords::build(&["Ji Pengfei", "Ji", "de Gaulle", "Raúl Roa", "Kim-Il"]);
        for text in ["Ji said", "JI", "Ji-", "de Gaulle", "DE", "Kim Il"] {
            assert_eq!(words.verdict(text.as_bytes()), Verdict::Maybe, "{text}");
        }
        for text in [
            "Jiang",
            "The",
            "Soviet",
            "Washington",
            "Raul",
            "Ra",
            "Kimball",
            "J",
            "J.",
            "Deb",
        ] {
            assert_eq!(words.verdict(text.as_bytes()), Verdict::NoName, "{text}");
        }
        assert_eq!(words.verdict("Raúl".as_bytes()), Verdict::Undecided);
        assert_eq!(words.verdict("Raúf".as_bytes()), Verdict::Undecided);
        assert_eq!(words.verdict("Rbúl".as_bytes()), Verdict::NoName);
        assert_eq!(words.verdict("Raúlx".as_bytes()), Verdict::Undecided);
        assert_eq!(words.verdict("Ji’s".as_bytes()), Verdict::Undecided);
    }
}
