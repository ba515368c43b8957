//! A cheap test run before the automaton at each place a name may start:
//! can any pattern begin with these bytes? Most capitalised words ("The",
//! "Soviet", "Embassy") share no first three letters with any name, and are
//! passed over without an automaton search.
//!
//! Exact for the first one or two bytes, hashed (with false positives only)
//! for three; bytes are compared ignoring ASCII case, as the automaton does.

const THREE_BITS: u32 = 17;

pub(crate) struct Prefixes {
    /// Patterns one byte long, by that byte.
    one: [bool; 256],
    /// Two-byte prefixes of patterns (all of a two-byte pattern), exact.
    two: Box<[u64]>,
    /// Hashed three-byte prefixes of longer patterns.
    three: Box<[u64]>,
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
        }
    }
}

fn pair_index(a: u8, b: u8) -> usize {
    usize::from(a) << 8 | usize::from(b)
}

fn triple_index(a: u8, b: u8, c: u8) -> usize {
    let hash = u32::from(a).wrapping_mul(0x9E37_79B1)
        ^ u32::from(b).wrapping_mul(0x85EB_CA77)
        ^ u32::from(c).wrapping_mul(0xC2B2_AE3D);
    (hash >> (32 - THREE_BITS)) as usize
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
            three: vec![0; (1 << THREE_BITS) / 64].into_boxed_slice(),
        };
        for pattern in patterns {
            let bytes: Vec<u8> = pattern
                .as_ref()
                .bytes()
                .take(3)
                .map(|b| b.to_ascii_lowercase())
                .collect();
            match bytes[..] {
                [a] => prefixes.one[usize::from(a)] = true,
                [a, b] => set(&mut prefixes.two, pair_index(a, b)),
                [a, b, c] => set(&mut prefixes.three, triple_index(a, b, c)),
                _ => {}
            }
        }
        prefixes
    }

    /// Whether some pattern may match at the start of `text`.
    pub(crate) fn may_start(&self, text: &[u8]) -> bool {
        let lower = |i: usize| text.get(i).map(u8::to_ascii_lowercase);
        let Some(a) = lower(0) else {
            return false;
        };
        if self.one[usize::from(a)] {
            return true;
        }
        let Some(b) = lower(1) else {
            return false;
        };
        if get(&self.two, pair_index(a, b)) {
            return true;
        }
        lower(2).is_some_and(|c| get(&self.three, triple_index(a, b, c)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_pattern_passes_in_any_ascii_case_and_most_words_do_not() {
        let patterns = ["Ji", "Chervonenko", "X", "Đồng", "姬鹏飞"];
        let prefixes = Prefixes::build(&patterns);
        for text in [
            "Ji said",
            "JI",
            "Chervonenko",
            "CHERVONENKO,",
            "X",
            "Đồng",
            "姬鹏飞",
        ] {
            assert!(prefixes.may_start(text.as_bytes()), "{text}");
        }
        for text in ["The", "Jo", "J", "Soviet", "Che", ""] {
            assert_eq!(prefixes.may_start(text.as_bytes()), text == "Che", "{text}");
        }
    }
}
