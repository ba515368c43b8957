//! A cheap test run before the pattern look-up at each place a name may start:
//! can any pattern begin with these bytes? Most capitalised words ("The",
//! "Soviet", "Embassy") share no first three letters with any name, and are
//! passed over without a look-up.
//!
//! Exact for patterns of one or two bytes, hashed (with false positives
//! only) for the first three or four bytes of longer ones; bytes are
//! compared ignoring ASCII case, as the look-up does.

const HASH_BITS: u32 = 17;

pub(crate) struct Prefixes {
    /// Patterns one byte long, by that byte.
    pub(super) one: [bool; 256],
    /// Two-byte prefixes of patterns (all of a two-byte pattern), exact.
    pub(super) two: Box<[u64]>,
    /// Hashed three-byte patterns.
    pub(super) three: Box<[u64]>,
    /// Hashed four-byte prefixes of longer patterns.
    pub(super) four: Box<[u64]>,
}

impl std::fmt::Debug for Prefixes {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Prefixes")
    }
}

impl Clone for Prefixes {
    fn clone(&self) -> Self {
        Prefixes {
            one: self.one,
            two: self.two.clone(),
            three: self.three.clone(),
            four: self.four.clone(),
        }
    }
}

fn pair_index(a: u8, b: u8) -> usize {
    usize::from(a) << 8 | usize::from(b)
}

/// Up to four bytes packed little-endian (missing bytes are zero).
fn hashed_index(packed: u32) -> usize {
    (packed.wrapping_mul(0x9E37_79B1) >> (32 - HASH_BITS)) as usize
}

/// The first bytes of `text`, lowercased (ASCII), packed, and how many.
#[inline]
fn first_bytes(text: &[u8]) -> ([u8; 4], usize) {
    // The usual case (a capital with at least three more bytes after it):
    // four bytes lower-cased at once, no loop.
    if let Some(&[a, b, c, d]) = text.first_chunk::<4>() {
        return (
            lowercase_ascii_in_word(u32::from_le_bytes([a, b, c, d])).to_le_bytes(),
            4,
        );
    }
    let n = text.len().min(4);
    let mut packed = [0u8; 4];
    for (to, from) in packed.iter_mut().zip(&text[..n]) {
        *to = from.to_ascii_lowercase();
    }
    (packed, n)
}

/// `to_ascii_lowercase` on each byte of `word` (bytes above 0x7F are kept):
/// a byte is a capital when adding 0x3F to its low seven bits sets the high
/// bit and adding 0x25 does not; no carry crosses bytes below 0x80.
#[inline(always)]
fn lowercase_ascii_in_word(word: u32) -> u32 {
    const HIGH: u32 = 0x8080_8080;
    let ascii = word & !HIGH;
    let at_least_a = ascii + 0x3F3F_3F3F;
    let beyond_z = ascii + 0x2525_2525;
    let capitals = at_least_a & !beyond_z & !word & HIGH;
    word | (capitals >> 2)
}

fn set(bits: &mut [u64], index: usize) {
    bits[index / 64] |= 1 << (index % 64);
}

fn get(bits: &[u64], index: usize) -> bool {
    bits[index / 64] & (1 << (index % 64)) != 0
}

impl Prefixes {
    pub(crate) fn build<S: AsRef<str>>(patterns: &[S]) -> Prefixes {
        let mut prefixes = Prefixes {
            one: [false; 256],
            two: vec![0; (1 << 16) / 64].into_boxed_slice(),
            three: vec![0; (1 << HASH_BITS) / 64].into_boxed_slice(),
            four: vec![0; (1 << HASH_BITS) / 64].into_boxed_slice(),
        };
        for pattern in patterns {
            let (packed, n) = first_bytes(pattern.as_ref().as_bytes());
            match n {
                1 => prefixes.one[usize::from(packed[0])] = true,
                2 => set(&mut prefixes.two, pair_index(packed[0], packed[1])),
                3 if pattern.as_ref().len() == 3 => set(
                    &mut prefixes.three,
                    hashed_index(u32::from_le_bytes(packed)),
                ),
                4 => set(&mut prefixes.four, hashed_index(u32::from_le_bytes(packed))),
                _ => {}
            }
        }
        prefixes
    }

    /// Whether some pattern may match at the start of `text`.
    #[inline(always)]
    pub(crate) fn may_start(&self, text: &[u8]) -> bool {
        let (packed, n) = first_bytes(text);
        if n == 0 {
            return false;
        }
        // A one- or two-byte pattern (no character of an unspaced script is
        // that short, so its hits need a word boundary) is a name only when
        // no ASCII letter or digit follows it: "Li" does not start
        // "Liberation".
        let ends_word = |i: usize| text.get(i).is_none_or(|b| !b.is_ascii_alphanumeric());
        if self.one[usize::from(packed[0])] && ends_word(1) {
            return true;
        }
        if n < 2 {
            return false;
        }
        if get(&self.two, pair_index(packed[0], packed[1])) && ends_word(2) {
            return true;
        }
        if n < 3 {
            return false;
        }
        let three = u32::from_le_bytes([packed[0], packed[1], packed[2], 0]);
        get(&self.three, hashed_index(three))
            || (n == 4 && get(&self.four, hashed_index(u32::from_le_bytes(packed))))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn four_bytes_lower_case_as_each_byte_does() {
        for a in 0..=255u8 {
            for b in [b'A', b'Z', b'a', b'@', b'[', 0x80, 0xC3, 0xFF, b'0'] {
                let bytes = [a, b, b.wrapping_add(a), 0xDA];
                let expected = bytes.map(|x| x.to_ascii_lowercase());
                let lowered = lowercase_ascii_in_word(u32::from_le_bytes(bytes)).to_le_bytes();
                assert_eq!(lowered, expected, "{bytes:?}");
            }
        }
    }

    #[test]
    fn every_pattern_passes_in_any_ascii_case_and_most_words_do_not() {
        let patterns = ["Ji", "Chervonenko", "X", "Đồng", "姬鹏飞", "Kim"];
        let prefixes = Prefixes::build(&patterns);
        for text in [
            "Ji said",
            "JI",
            "Ji,",
            "X.",
            "Jié",
            "Chervonenko",
            "CHERVONENKO,",
            "Cher",
            "X",
            "Đồng",
            "姬鹏飞",
            "Kim",
            "KIM IL SUNG",
        ] {
            assert!(prefixes.may_start(text.as_bytes()), "{text}");
        }
        for text in [
            "The", "Jo", "J", "Soviet", "Che", "Ki", "", "Jin", "Xi", "JIM",
        ] {
            assert!(!prefixes.may_start(text.as_bytes()), "{text}");
        }
    }
}
