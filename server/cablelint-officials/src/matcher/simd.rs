//! The test of sixteen bytes at once for places where a name may start,
//! with SSE2 (part of every x86-64 processor): the loop that sees every byte
//! of every document. Other targets test the bytes one by one
//! (`scan::block_mask_bytewise`), with the same result.

use std::arch::x86_64::{
    __m128i, _mm_add_epi8, _mm_and_si128, _mm_cmpeq_epi8, _mm_cmplt_epi8, _mm_loadu_si128,
    _mm_movemask_epi8, _mm_or_si128, _mm_set1_epi8,
};

use super::OpenerPrefix;

/// Bit i set when `bytes[at + i]` may start a name (see
/// `scan::is_candidate`, less the test of the byte before, which the
/// caller makes): a non-ASCII byte, an ASCII capital, or the first two
/// bytes of one of `openers`. Needs `at + 17 <= bytes.len()` (the byte
/// after the block is read for the openers).
#[inline(always)]
pub(super) fn block_mask(bytes: &[u8], at: usize, openers: &[OpenerPrefix]) -> u32 {
    assert!(at + 17 <= bytes.len());
    // Capitals are the bytes that, moved up by 0x80 - b'A', fall in the
    // 26 smallest signed values.
    let to_capitals = (0x80u8 - b'A') as i8;
    let past_capitals = (0x80u8 + 26) as i8;
    // SAFETY: SSE2 is enabled on every x86-64 target; both unaligned loads
    // read within `bytes` (at + 16 < bytes.len()).
    unsafe {
        let block = _mm_loadu_si128(bytes.as_ptr().add(at).cast::<__m128i>());
        let moved = _mm_add_epi8(block, _mm_set1_epi8(to_capitals));
        let mut starts = _mm_cmplt_epi8(moved, _mm_set1_epi8(past_capitals));
        if !openers.is_empty() {
            let next = _mm_loadu_si128(bytes.as_ptr().add(at + 1).cast::<__m128i>());
            for &(first, second) in openers {
                let firsts = _mm_cmpeq_epi8(block, _mm_set1_epi8(first as i8));
                starts = _mm_or_si128(
                    starts,
                    match second {
                        Some(second) => {
                            _mm_and_si128(firsts, _mm_cmpeq_epi8(next, _mm_set1_epi8(second as i8)))
                        }
                        None => firsts,
                    },
                );
            }
        }
        // The high bit of a byte is set exactly when it is not ASCII.
        _mm_movemask_epi8(_mm_or_si128(starts, block)) as u32
    }
}
