//! The scan for places where a name may start: sixteen bytes are tested at
//! once (`simd.rs` on x86-64), four blocks make a chunk of 64 bytes, and
//! the places found in a chunk are handed out one by one from its mask, so
//! the text is read once however many capitals it has.
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

/// Tests blocks of sixteen bytes: with SSE2 on x86-64, else byte by byte.
/// Made once per matcher (its constants cost about as much as scanning a
/// few hundred bytes).
#[derive(Clone)]
pub(super) struct Tester {
    openers: Vec<OpenerPrefix>,
    #[cfg(target_arch = "x86_64")]
    simd: super::simd::BlockTester,
    /// With AVX2 (most x86-64 processors since 2013), chunks are tested
    /// 32 bytes at a time.
    #[cfg(target_arch = "x86_64")]
    avx2: Option<super::simd::Avx2Constants>,
}

impl std::fmt::Debug for Tester {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Tester({:?})", self.openers)
    }
}

impl Tester {
    pub(super) fn new(openers: &[OpenerPrefix]) -> Self {
        Tester {
            openers: openers.to_vec(),
            #[cfg(target_arch = "x86_64")]
            simd: super::simd::BlockTester::new(openers),
            #[cfg(target_arch = "x86_64")]
            avx2: super::simd::Avx2Constants::new(openers),
        }
    }

    /// The openers' first two bytes it tests for.
    #[cfg(test)]
    pub(super) fn openers(&self) -> &[OpenerPrefix] {
        &self.openers
    }

    /// [`is_candidate_here`] for up to sixteen bytes from `at`, as bits.
    #[inline(always)]
    fn block(&self, bytes: &[u8], at: usize) -> u32 {
        #[cfg(target_arch = "x86_64")]
        if at + 17 <= bytes.len() && self.openers.len() <= super::MAX_OPENER_BYTES {
            return self.simd.block(bytes, at);
        }
        block_mask_bytewise(bytes, at, &self.openers)
    }

    /// [`is_candidate_here`] for up to 64 bytes from `at`, as bits: four
    /// blocks, so that a chunk is tested and its candidates handed out with
    /// one 64-bit mask.
    #[inline(always)]
    fn chunk(&self, bytes: &[u8], at: usize) -> u64 {
        #[cfg(target_arch = "x86_64")]
        if self.openers.len() <= super::MAX_OPENER_BYTES {
            if at + 65 <= bytes.len() {
                return self.chunk_simd(bytes, at);
            }
            if at < bytes.len() {
                return self.last_chunk_simd(bytes, at);
            }
        }
        self.chunk_bytewise(bytes, at)
    }

    /// [`Tester::chunk`] with SSE2 or AVX2. Needs `at + 65 <= bytes.len()`.
    #[cfg(target_arch = "x86_64")]
    #[inline(always)]
    fn chunk_simd(&self, bytes: &[u8], at: usize) -> u64 {
        if let Some(avx2) = &self.avx2 {
            return avx2.chunk(bytes, at);
        }
        let block = |k: usize| u64::from(self.simd.block(bytes, at + 16 * k)) << (16 * k);
        block(0) | block(1) | block(2) | block(3)
    }

    /// [`Tester::chunk`] for the last bytes of a text (at most 64 from
    /// `at`), copied after zeros, which are no candidates, so that they
    /// too are tested at once.
    #[cfg(target_arch = "x86_64")]
    #[inline(never)]
    fn last_chunk_simd(&self, bytes: &[u8], at: usize) -> u64 {
        let rest = &bytes[at..];
        let mut padded = [0u8; 96];
        padded[..rest.len()].copy_from_slice(rest);
        let mask = self.chunk_simd(&padded, 0);
        if rest.len() >= 64 {
            mask
        } else {
            mask & ((1 << rest.len()) - 1)
        }
    }

    /// [`Tester::chunk`] sixteen bytes at a time, each block by
    /// [`Tester::block`].
    fn chunk_bytewise(&self, bytes: &[u8], at: usize) -> u64 {
        let mut mask = 0;
        for k in 0..4 {
            let from = at + 16 * k;
            if from >= bytes.len() {
                break;
            }
            mask |= u64::from(self.block(bytes, from)) << (16 * k);
        }
        mask
    }
}

/// The candidates of a text in order, 64 bytes at a time.
pub(super) struct Candidates<'t, 'o> {
    bytes: &'t [u8],
    tester: &'o Tester,
    /// The chunk last tested is `chunk..chunk + 64` (none before the
    /// first: `loaded` is false)...
    chunk: usize,
    loaded: bool,
    /// ...and these are its candidates not yet handed out (bit i: byte
    /// `chunk + i`).
    mask: u64,
}

impl<'t, 'o> Candidates<'t, 'o> {
    pub(super) fn new(bytes: &'t [u8], tester: &'o Tester) -> Self {
        Candidates {
            bytes,
            tester,
            chunk: 0,
            loaded: false,
            mask: 0,
        }
    }

    /// The first candidate at or after `from`; `from` never decreases from
    /// one call to the next. (The matcher's scan does this test itself;
    /// this is for the oracle tests.)
    #[cfg(test)]
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

    /// The first place at or after `from` that the chunks find and `test`
    /// takes, with what `test` said of it; the places are handed to `test`
    /// in order. [`Candidates::next_here`] in a loop, with the chunk and
    /// its mask kept in registers between places (this runs at every
    /// capital of every document).
    #[inline(always)]
    pub(super) fn find_from<T>(
        &mut self,
        from: usize,
        mut test: impl FnMut(usize) -> Option<T>,
    ) -> Option<(usize, T)> {
        let (mut chunk, mut mask);
        let offset = from.wrapping_sub(self.chunk);
        if self.loaded && offset < 64 {
            chunk = self.chunk;
            mask = self.mask & u64::MAX << offset;
        } else {
            chunk = from;
            mask = if from < self.bytes.len() {
                self.tester.chunk(self.bytes, from)
            } else {
                0
            };
            self.loaded = true;
        }
        loop {
            while mask != 0 {
                let at = chunk + mask.trailing_zeros() as usize;
                mask &= mask - 1;
                if let Some(found) = test(at) {
                    self.chunk = chunk;
                    self.mask = mask;
                    return Some((at, found));
                }
            }
            chunk += 64;
            if chunk >= self.bytes.len() {
                self.chunk = chunk;
                self.mask = 0;
                return None;
            }
            mask = self.tester.chunk(self.bytes, chunk);
        }
    }

    /// The first place at or after `from` that the chunks find (what
    /// [`Candidates::find_from`] hands to its test, one at a time).
    #[cfg(test)]
    pub(super) fn next_here(&mut self, from: usize) -> Option<usize> {
        let offset = from.wrapping_sub(self.chunk);
        if self.loaded && offset < 64 {
            self.mask &= u64::MAX << offset;
            if self.mask != 0 {
                return Some(self.chunk + self.mask.trailing_zeros() as usize);
            }
            self.chunk += 64;
        } else {
            self.chunk = from;
            self.loaded = true;
        }
        // Chunks without a candidate are passed in a tight loop.
        loop {
            if self.chunk >= self.bytes.len() {
                self.mask = 0;
                return None;
            }
            self.mask = self.tester.chunk(self.bytes, self.chunk);
            if self.mask != 0 {
                return Some(self.chunk + self.mask.trailing_zeros() as usize);
            }
            self.chunk += 64;
        }
    }
}

/// Whether the byte before `at` is an ASCII letter or digit (a non-ASCII
/// `bytes[at]` is always handed out).
#[cfg(test)]
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
        let tester = Tester::new(openers);
        // The same tests without AVX2 (SSE2 only), where the processor has it.
        #[cfg(target_arch = "x86_64")]
        let sse2_only = Tester {
            avx2: None,
            ..Tester::new(openers)
        };
        for from in 0..bytes.len() {
            assert_eq!(
                tester.block(&bytes, from),
                block_mask_bytewise(&bytes, from, openers),
                "from {from}"
            );
            let chunk = (from..(from + 64).min(bytes.len()))
                .filter(|&i| is_candidate_here(&bytes, i, openers))
                .fold(0u64, |mask, i| mask | 1 << (i - from));
            assert_eq!(tester.chunk(&bytes, from), chunk, "from {from}");
            #[cfg(target_arch = "x86_64")]
            assert_eq!(sse2_only.chunk(&bytes, from), chunk, "from {from}");
            assert_eq!(
                is_candidate(&bytes, from, openers),
                is_candidate_here(&bytes, from, openers)
                    && !is_after_ascii_alphanumeric(&bytes, from),
                "at {from}"
            );
        }
        let mut candidates = Candidates::new(&bytes, &tester);
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
