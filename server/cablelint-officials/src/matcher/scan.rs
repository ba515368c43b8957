//! The scan for places where a name may start: sixteen bytes are tested at
//! once (`simd.rs` on x86-64) and the places found in a block are handed
//! out one by one, so the text is read once however many capitals it has.
//! The blocks find capitals, name particles and non-ASCII bytes; the byte
//! before each is tested one place at a time (a capital inside a word,
//! "McCarthy", "USSR", or a "de" inside one, "side", starts no name):
//! that is cheaper than testing it for every block.

use super::OpenerPrefix;

/// Whether `bytes[at]` may start a name: a non-ASCII byte (decided by the
/// caller, which reads the character), or an ASCII capital or the start of
/// one of `openers` (a byte followed by its second, if any) that no ASCII
/// letter or digit precedes. A superset of the name starts, never missing
/// one. (What [`Candidates`] hands out, a byte at a time.)
#[cfg(test)]
fn is_candidate(bytes: &[u8], at: usize, openers: &[OpenerPrefix]) -> bool {
    let b = bytes[at];
    if !b.is_ascii() {
        return true;
    }
    if at > 0 && bytes[at - 1].is_ascii_alphanumeric() {
        return false;
    }
    b.is_ascii_uppercase()
        || openers.iter().any(|&(first, second)| {
            b == first && second.is_none_or(|second| bytes.get(at + 1) == Some(&second))
        })
}

/// Whether `bytes[at]` may start a name, not looking at the byte before
/// it: [`is_candidate`] without its first test.
fn is_candidate_here(bytes: &[u8], at: usize, openers: &[OpenerPrefix]) -> bool {
    let b = bytes[at];
    !b.is_ascii()
        || b.is_ascii_uppercase()
        || openers.iter().any(|&(first, second)| {
            b == first && second.is_none_or(|second| bytes.get(at + 1) == Some(&second))
        })
}

/// [`is_candidate_here`] for up to sixteen bytes from `at`, as bits.
fn block_mask_bytewise(bytes: &[u8], at: usize, openers: &[OpenerPrefix]) -> u32 {
    let end = (at + 16).min(bytes.len());
    (at..end)
        .filter(|&i| is_candidate_here(bytes, i, openers))
        .fold(0, |mask, i| mask | 1 << (i - at))
}

#[inline(always)]
fn block_mask(bytes: &[u8], at: usize, openers: &[OpenerPrefix]) -> u32 {
    #[cfg(target_arch = "x86_64")]
    if at + 17 <= bytes.len() {
        return super::simd::block_mask(bytes, at, openers);
    }
    block_mask_bytewise(bytes, at, openers)
}

/// The candidates of a text in order, a block of sixteen bytes at a time.
pub(super) struct Candidates<'t, 'o> {
    bytes: &'t [u8],
    openers: &'o [OpenerPrefix],
    /// The block last tested is `block..end` (empty before the first)...
    block: usize,
    end: usize,
    /// ...and these are its candidates not yet handed out (bit i: byte
    /// `block + i`).
    mask: u32,
}

impl<'t, 'o> Candidates<'t, 'o> {
    pub(super) fn new(bytes: &'t [u8], openers: &'o [OpenerPrefix]) -> Self {
        Candidates {
            bytes,
            openers,
            block: 0,
            end: 0,
            mask: 0,
        }
    }

    /// The first candidate at or after `from`; `from` never decreases from
    /// one call to the next.
    #[inline]
    pub(super) fn next_from(&mut self, mut from: usize) -> Option<usize> {
        loop {
            let at = self.next_here(from)?;
            if !is_after_ascii_alphanumeric(self.bytes, at) {
                return Some(at);
            }
            // Inside a word: on from the next byte.
            from = at + 1;
        }
    }

    /// The first place at or after `from` that the blocks find.
    #[inline(always)]
    fn next_here(&mut self, from: usize) -> Option<usize> {
        if from >= self.block && from < self.end {
            let mask = self.mask >> (from - self.block) << (from - self.block);
            if mask != 0 {
                self.mask = mask;
                return Some(self.block + mask.trailing_zeros() as usize);
            }
            self.block = self.end;
        } else {
            self.block = from;
        }
        // Whole blocks without a candidate are passed in a tight loop.
        loop {
            if self.block >= self.bytes.len() {
                self.end = self.block;
                return None;
            }
            self.end = self.block + 16;
            self.mask = block_mask(self.bytes, self.block, self.openers);
            if self.mask != 0 {
                return Some(self.block + self.mask.trailing_zeros() as usize);
            }
            self.block = self.end;
        }
    }
}

/// Whether the byte before `at` is an ASCII letter or digit (a non-ASCII
/// `bytes[at]` is always handed out).
#[inline(always)]
fn is_after_ascii_alphanumeric(bytes: &[u8], at: usize) -> bool {
    at > 0 && bytes[at].is_ascii() && bytes[at - 1].is_ascii_alphanumeric()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blocks_find_the_same_bytes_as_a_byte_by_byte_test() {
        let openers: &[OpenerPrefix] = &[(b'd', Some(b'e')), (b'x', None)];
        let mut bytes: Vec<u8> = (0..=255u8).collect();
        bytes.extend_from_slice(b"abc de dx dE De ddee zzz Azz 9A a9B x-Y x'Z _A `A {A @A [A");
        bytes.extend_from_slice("zé Éa ÉA 中文 de".as_bytes());
        bytes.extend(std::iter::repeat_n(b'a', 40));
        bytes.extend_from_slice(b"de");
        for from in 0..bytes.len() {
            assert_eq!(
                block_mask(&bytes, from, openers),
                block_mask_bytewise(&bytes, from, openers),
                "from {from}"
            );
            assert_eq!(
                is_candidate(&bytes, from, openers),
                is_candidate_here(&bytes, from, openers)
                    && !is_after_ascii_alphanumeric(&bytes, from),
                "at {from}"
            );
        }
        let mut candidates = Candidates::new(&bytes, openers);
        let mut found = Vec::new();
        let mut at = 0;
        while let Some(next) = candidates.next_from(at) {
            found.push(next);
            at = next + 1 + next % 3;
        }
        let mut expected = Vec::new();
        let mut at = 0;
        while let Some(next) = (at..bytes.len()).find(|&i| is_candidate(&bytes, i, openers)) {
            expected.push(next);
            at = next + 1 + next % 3;
        }
        assert_eq!(found, expected);
    }
}
