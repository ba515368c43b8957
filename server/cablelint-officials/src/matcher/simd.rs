//! The test of sixteen bytes at once for places where a name may start,
//! with SSE2 (part of every x86-64 processor): the loop that sees every byte
//! of every document. Other targets test the bytes one by one
//! (`scan::block_mask_bytewise`), with the same result.

use std::arch::x86_64::{
    __m128i, _mm_add_epi8, _mm_and_si128, _mm_cmpeq_epi8, _mm_cmplt_epi8, _mm_loadu_si128,
    _mm_movemask_epi8, _mm_or_si128, _mm_set1_epi8, _mm_setzero_si128,
};

use super::{OpenerPrefix, MAX_OPENER_BYTES};

/// The constants of the test, made once per text rather than per block.
pub(super) struct BlockTester {
    to_capitals: __m128i,
    past_capitals: __m128i,
    /// Per opener: its first byte, its second, and all ones when it has
    /// no second (any next byte will do).
    firsts: [__m128i; MAX_OPENER_BYTES],
    seconds: [__m128i; MAX_OPENER_BYTES],
    any_second: [__m128i; MAX_OPENER_BYTES],
    openers: usize,
}

impl BlockTester {
    pub(super) fn new(openers: &[OpenerPrefix]) -> BlockTester {
        // SAFETY: SSE2 is enabled on every x86-64 target.
        unsafe {
            let mut tester = BlockTester {
                // Capitals are the bytes that, moved up by 0x80 - b'A',
                // fall in the 26 smallest signed values.
                to_capitals: _mm_set1_epi8((0x80u8 - b'A') as i8),
                past_capitals: _mm_set1_epi8((0x80u8 + 26) as i8),
                firsts: [_mm_setzero_si128(); MAX_OPENER_BYTES],
                seconds: [_mm_setzero_si128(); MAX_OPENER_BYTES],
                any_second: [_mm_setzero_si128(); MAX_OPENER_BYTES],
                openers: openers.len().min(MAX_OPENER_BYTES),
            };
            for (k, &(first, second)) in openers.iter().take(MAX_OPENER_BYTES).enumerate() {
                tester.firsts[k] = _mm_set1_epi8(first as i8);
                tester.seconds[k] = _mm_set1_epi8(second.unwrap_or(0) as i8);
                tester.any_second[k] = _mm_set1_epi8(if second.is_none() { -1 } else { 0 });
            }
            tester
        }
    }

    /// Bit i set when `bytes[at + i]` may start a name (see
    /// `scan::is_candidate_here`: a non-ASCII byte, an ASCII capital, or
    /// the first two bytes of an opener). Needs `at + 17 <= bytes.len()`
    /// (the byte after the block is read for the openers).
    #[inline(always)]
    pub(super) fn block(&self, bytes: &[u8], at: usize) -> u32 {
        assert!(at + 17 <= bytes.len());
        // SAFETY: SSE2 is enabled on every x86-64 target; both unaligned
        // loads read within `bytes` (at + 16 < bytes.len()).
        unsafe {
            let block = _mm_loadu_si128(bytes.as_ptr().add(at).cast::<__m128i>());
            let next = _mm_loadu_si128(bytes.as_ptr().add(at + 1).cast::<__m128i>());
            let moved = _mm_add_epi8(block, self.to_capitals);
            let mut starts = _mm_cmplt_epi8(moved, self.past_capitals);
            let opener = |k: usize| {
                let firsts = _mm_cmpeq_epi8(block, self.firsts[k]);
                let seconds =
                    _mm_or_si128(_mm_cmpeq_epi8(next, self.seconds[k]), self.any_second[k]);
                _mm_and_si128(firsts, seconds)
            };
            // One opener (the built-in registry's "de") without a loop.
            if self.openers == 1 {
                starts = _mm_or_si128(starts, opener(0));
            } else {
                for k in 0..self.openers {
                    starts = _mm_or_si128(starts, opener(k));
                }
            }
            // The high bit of a byte is set exactly when it is not ASCII.
            _mm_movemask_epi8(_mm_or_si128(starts, block)) as u32
        }
    }
}
