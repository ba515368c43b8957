//! The scan for places where a name may start: the whole text is tested
//! once, 32 or 16 bytes at a time (`simd.rs` on x86-64), into one 64-bit
//! mask per chunk of 64 bytes, and the places are handed out one by one
//! from the masks (a loop with the constants in registers, then one with
//! a mask in a register, rather than the two interleaved).
//! The masks hold capitals, name particles ("de") and non-ASCII bytes; the
//! byte before each is tested one place at a time (a capital inside a
//! word, "McCarthy", "USSR", or a "de" inside one, "side", starts no name):
//! that is cheaper than testing it for every block.

use super::OpenerPrefix;

/// Whether `bytes[at]` may start a name: a non-ASCII byte (decided by the
/// caller, which reads the character), or an ASCII capital or the start of
/// one of `openers` (a byte followed by its second, if any) that no ASCII
/// letter or digit precedes. A superset of the name starts, never missing
/// one.
#[cfg(test)]
fn is_candidate(bytes: &[u8], at: usize, openers: &[OpenerPrefix]) -> bool {
    is_candidate_here(bytes, at, openers) && !is_after_ascii_alphanumeric(bytes, at)
}

/// Whether `bytes[at]` may start a name, not looking at the byte before
/// it: [`is_candidate`] without its last test. (What the masks hold, a
/// byte at a time: the plain version of the blocks' test, and the one for
/// registries with many openers.)
fn is_candidate_here(bytes: &[u8], at: usize, openers: &[OpenerPrefix]) -> bool {
    let b = bytes[at];
    !b.is_ascii()
        || b.is_ascii_uppercase()
        || openers.iter().any(|&(first, second)| {
            b == first && second.is_none_or(|second| bytes.get(at + 1) == Some(&second))
        })
}

/// Whether the byte before `at` is an ASCII letter or digit (a non-ASCII
/// `bytes[at]` is always handed out).
#[cfg(test)]
fn is_after_ascii_alphanumeric(bytes: &[u8], at: usize) -> bool {
    at > 0 && bytes[at].is_ascii() && bytes[at - 1].is_ascii_alphanumeric()
}

/// Tests chunks of 64 bytes: with AVX2 or SSE2 on x86-64, else byte by
/// byte. Made once per matcher (its constants cost about as much as
/// scanning a few hundred bytes).
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

    /// The candidates ([`is_candidate_here`]) of every chunk of 64 bytes
    /// of `bytes` (bit i of mask k: byte `64 k + i`).
    fn masks(&self, bytes: &[u8]) -> Vec<u64> {
        let chunks = bytes.len().div_ceil(64);
        // The last search's buffer on this thread, if it left one.
        let mut masks = super::spare::take_masks();
        masks.resize(chunks, 0);
        // The chunks with a byte after them are tested in place; the last
        // one or two in a copy.
        let inner = bytes.len().saturating_sub(1) / 64;
        self.chunk_masks(bytes, 0, &mut masks[..inner]);
        for (k, mask) in masks.iter_mut().enumerate().skip(inner) {
            *mask = self.last_chunk_mask(bytes, k);
        }
        masks
    }

    /// The mask of chunk `k`, one of the last, tested in a copy with zeros
    /// after the text, which are no candidates.
    #[inline(never)]
    fn last_chunk_mask(&self, bytes: &[u8], k: usize) -> u64 {
        let start = 64 * k;
        let mut padded = [0u8; 65];
        let rest = &bytes[start..bytes.len().min(start + 65)];
        padded[..rest.len()].copy_from_slice(rest);
        let mut mask = [0];
        self.chunk_masks(&padded, 0, &mut mask);
        if rest.len() >= 64 {
            mask[0]
        } else {
            mask[0] & ((1 << rest.len()) - 1)
        }
    }

    /// The masks of the chunks at `from`, `from + 64`, … into `masks`.
    /// Needs the byte after the last chunk within `bytes`.
    fn chunk_masks(&self, bytes: &[u8], from: usize, masks: &mut [u64]) {
        if masks.is_empty() {
            return;
        }
        #[cfg(target_arch = "x86_64")]
        if self.openers.len() <= super::MAX_OPENER_BYTES {
            if let Some(avx2) = &self.avx2 {
                avx2.masks(bytes, from, masks);
                return;
            }
            for (k, mask) in masks.iter_mut().enumerate() {
                let at = from + 64 * k;
                let block = |b: usize| u64::from(self.simd.block(bytes, at + 16 * b)) << (16 * b);
                *mask = block(0) | block(1) | block(2) | block(3);
            }
            return;
        }
        for (k, mask) in masks.iter_mut().enumerate() {
            *mask = self.chunk_mask_bytewise(bytes, from + 64 * k);
        }
    }

    /// [`is_candidate_here`] for up to 64 bytes from `at`, as bits.
    fn chunk_mask_bytewise(&self, bytes: &[u8], at: usize) -> u64 {
        (at..bytes.len().min(at + 64))
            .filter(|&i| is_candidate_here(bytes, i, &self.openers))
            .fold(0, |mask, i| mask | 1 << (i - at))
    }
}

/// The candidates of a text in order, from their masks.
pub(super) struct Candidates {
    masks: Vec<u64>,
}

/// The masks go back to the thread for the next document.
impl Drop for Candidates {
    fn drop(&mut self) {
        super::spare::give_masks(std::mem::take(&mut self.masks));
    }
}

impl Candidates {
    /// Tests every byte of `bytes`, a chunk at a time.
    pub(super) fn new(bytes: &[u8], tester: &Tester) -> Self {
        Candidates {
            masks: tester.masks(bytes),
        }
    }

    /// The first candidate at or after `from` that no ASCII letter or
    /// digit precedes. (The matcher's scan does this test itself; this is
    /// for the oracle tests.)
    #[cfg(test)]
    pub(super) fn next_from(&self, from: usize, bytes: &[u8]) -> Option<usize> {
        self.find_from(
            bytes,
            from,
            |_, _| Some(()),
            |at, ()| (!is_after_ascii_alphanumeric(bytes, at)).then_some(()),
        )
        .map(|(at, ())| at)
    }

    /// The first candidate at or after `from` in `bytes` (the text the
    /// masks were made of) that `quick` and then `test` take, with what
    /// `test` said of it; the candidates are handed out in order.
    /// `quick(window, i)` sees candidate `64 k + i` of chunk k in the
    /// chunk's [`Window`] (its byte is `window[i + 1]`): a test that
    /// reads the bytes around a place without bounds checks, and hands
    /// what it found to `test`, or None to pass the place over. (This
    /// runs at every capital of every document: a mask and its chunk, in
    /// registers.)
    #[inline(always)]
    pub(super) fn find_from<K, T>(
        &self,
        bytes: &[u8],
        from: usize,
        mut quick: impl FnMut(&Window, usize) -> Option<K>,
        mut test: impl FnMut(usize, K) -> Option<T>,
    ) -> Option<(usize, T)> {
        let mut chunk = from / 64;
        let mut mask = *self.masks.get(chunk)? & u64::MAX << (from % 64);
        loop {
            if mask != 0 {
                let start = 64 * chunk;
                // The text's own bytes where it has them all (no copy).
                let padded;
                let window = match window_in_text(bytes, start) {
                    Some(window) => window,
                    None => {
                        padded = padded_window(bytes, start);
                        &padded
                    }
                };
                while mask != 0 {
                    let i = mask.trailing_zeros() as usize;
                    mask &= mask - 1;
                    if let Some(seen) = quick(window, i) {
                        if let Some(found) = test(start + i, seen) {
                            return Some((start + i, found));
                        }
                    }
                }
            }
            chunk += 1;
            mask = *self.masks.get(chunk)?;
        }
    }
}

/// The bytes of a chunk of 64, with the one before it and the four after
/// it; spaces where the text has none.
pub(super) type Window = [u8; WINDOW];
const WINDOW: usize = 1 + 64 + 4;

/// The [`Window`] of the chunk at `start`, when the text has every byte
/// of it.
#[inline(always)]
fn window_in_text(bytes: &[u8], start: usize) -> Option<&Window> {
    let from = start.checked_sub(1)?;
    bytes.get(from..from + WINDOW)?.try_into().ok()
}

/// The [`Window`] of the chunk at `start` (at the start or the end of the
/// text): a copy, with spaces where the text has no bytes.
#[inline(never)]
fn padded_window(bytes: &[u8], start: usize) -> Window {
    let mut window = [b' '; WINDOW];
    // Where the text's bytes begin in the window, and in the text.
    let (into, from) = match start.checked_sub(1) {
        Some(from) => (0, from),
        None => (1, 0),
    };
    let part = bytes.get(from..).unwrap_or_default();
    let n = part.len().min(WINDOW - into);
    window[into..into + n].copy_from_slice(&part[..n]);
    window
}

/// The [`Window`] of the chunk at `start`.
#[cfg(test)]
fn window(bytes: &[u8], start: usize) -> Window {
    window_in_text(bytes, start)
        .copied()
        .unwrap_or_else(|| padded_window(bytes, start))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every test the masks can be made with (AVX2, SSE2 only, byte by
    /// byte) for `openers`.
    fn testers(openers: &[OpenerPrefix]) -> Vec<Tester> {
        let tester = Tester::new(openers);
        let mut testers = vec![tester.clone()];
        #[cfg(target_arch = "x86_64")]
        {
            testers.push(Tester {
                avx2: None,
                ..tester.clone()
            });
            // More openers than the blocks test: byte by byte.
            let mut many = tester.clone();
            while many.openers.len() <= super::super::MAX_OPENER_BYTES {
                many.openers.push((b'q', Some(b'z')));
            }
            testers.push(many);
        }
        testers
    }

    /// The candidates of `bytes`, one by one.
    fn candidates_bytewise(bytes: &[u8], openers: &[OpenerPrefix]) -> Vec<usize> {
        (0..bytes.len())
            .filter(|&i| is_candidate(bytes, i, openers))
            .collect()
    }

    #[test]
    fn chunks_find_the_same_bytes_as_a_byte_by_byte_test() {
        let mut bytes: Vec<u8> = (0..=255u8).collect();
        bytes.extend_from_slice(b"abc de dx dE De ddee zzz Azz 9A a9B x-Y x'Z _A `A {A @A [A");
        bytes.extend_from_slice("zé Éa ÉA éA 中文A de \0\0 ".as_bytes());
        bytes.extend(std::iter::repeat_n(b'a', 40));
        bytes.extend_from_slice(b"deA");
        for openers in [
            &[(b'd', Some(b'e')), (b'x', None)][..],
            &[(b'd', Some(b'e'))],
            &[(b'x', None)],
            &[],
            &[
                (b'd', Some(b'e')),
                (b'v', Some(b'a')),
                (b'a', Some(b'l')),
                (b'x', None),
            ],
        ] {
            for tester in testers(openers) {
                // Every length, and every start (the chunks fall on other
                // bytes): the edges and the inner chunks.
                for from in [0, 1, 7, 63, 64, 65, 100] {
                    for len in (0..bytes.len() - from).step_by(5) {
                        let text = &bytes[from..from + len];
                        let candidates = Candidates::new(text, &tester);
                        let mut found = Vec::new();
                        let mut at = 0;
                        while let Some(next) = candidates.next_from(at, text) {
                            found.push(next);
                            at = next + 1;
                        }
                        assert_eq!(
                            found,
                            candidates_bytewise(text, tester.openers()),
                            "{openers:?} from {from} len {len}"
                        );
                    }
                }
            }
        }
    }

    #[test]
    fn windows_are_the_bytes_around_a_chunk_with_spaces_outside_the_text() {
        let bytes: Vec<u8> = (0..=255u8).cycle().take(300).collect();
        for len in [0, 1, 63, 64, 65, 68, 69, 70, 128, 133, 134, 300] {
            let text = &bytes[..len];
            for start in (0..=len).step_by(64) {
                let expected: Vec<u8> = (0..WINDOW)
                    .map(|i| match (start + i).checked_sub(1) {
                        Some(at) if at < len => text[at],
                        _ => b' ',
                    })
                    .collect();
                assert_eq!(
                    window(text, start).to_vec(),
                    expected,
                    "len {len} start {start}"
                );
            }
        }
    }

    #[test]
    fn candidates_are_word_starts_and_non_ascii_bytes() {
        let openers = [(b'd', Some(b'e'))];
        let text = "USSR McCarthy de side, (de) Ωmega éA 9A _A.";
        let found = candidates_bytewise(text.as_bytes(), &openers);
        let ascii: Vec<&str> = found
            .iter()
            .filter(|&&i| text.as_bytes()[i].is_ascii())
            .map(|&i| &text[i..i + 2])
            .collect();
        // Not the capitals inside words, "side", "9A"; "éA" and "_A" are
        // word starts.
        assert_eq!(ascii, ["US", "Mc", "de", "de", "A ", "A."]);
        let bytes = text.as_bytes();
        let non_ascii: Vec<usize> = (0..bytes.len()).filter(|&i| bytes[i] >= 0x80).collect();
        assert!(non_ascii.iter().all(|i| found.contains(i)));
    }
}
