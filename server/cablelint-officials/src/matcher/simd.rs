//! The test of sixteen bytes at once for places where a name may start,
//! with SSE2 (part of every x86-64 processor): the loop that sees every byte
//! of every document. Other targets test the bytes one by one
//! (`scan::block_mask_bytewise`), with the same result.

use std::arch::x86_64::{
    __m128i, _mm_add_epi8, _mm_and_si128, _mm_cmpeq_epi8, _mm_cmplt_epi8, _mm_loadu_si128,
    _mm_movemask_epi8, _mm_or_si128, _mm_set1_epi8, _mm_setzero_si128,
};

use super::{OpenerPrefix, MAX_OPENER_BYTES};

/// The constants of [`chunk_avx2`], as bytes (loaded in one instruction
/// each; a vector of 32 bytes can only be made inside an AVX function).
#[derive(Clone)]
pub(super) struct Avx2Constants {
    to_capitals: [u8; 32],
    past_capitals: [u8; 32],
    firsts: [[u8; 32]; MAX_OPENER_BYTES],
    seconds: [[u8; 32]; MAX_OPENER_BYTES],
    any_second: [[u8; 32]; MAX_OPENER_BYTES],
    openers: usize,
}

impl Avx2Constants {
    /// The constants for `openers`, when the processor has AVX2.
    pub(super) fn new(openers: &[OpenerPrefix]) -> Option<Avx2Constants> {
        if !std::is_x86_feature_detected!("avx2") {
            return None;
        }
        let mut constants = Avx2Constants {
            to_capitals: [0x80u8.wrapping_sub(b'A'); 32],
            past_capitals: [0x80u8 + 26; 32],
            firsts: [[0; 32]; MAX_OPENER_BYTES],
            seconds: [[0; 32]; MAX_OPENER_BYTES],
            any_second: [[0; 32]; MAX_OPENER_BYTES],
            openers: openers.len().min(MAX_OPENER_BYTES),
        };
        for (k, &(first, second)) in openers.iter().take(MAX_OPENER_BYTES).enumerate() {
            constants.firsts[k] = [first; 32];
            constants.seconds[k] = [second.unwrap_or(0); 32];
            constants.any_second[k] = [if second.is_none() { 0xFF } else { 0 }; 32];
        }
        Some(constants)
    }

    /// [`BlockTester::block`] for the 64 bytes from `at`, as bits, 32 at
    /// a time. Needs `at + 65 <= bytes.len()`.
    #[inline(always)]
    pub(super) fn chunk(&self, bytes: &[u8], at: usize) -> u64 {
        assert!(at + 65 <= bytes.len());
        // SAFETY: `new` made `self` only where AVX2 is available; the
        // loads read within `bytes` (checked above).
        unsafe { chunk_avx2(self, bytes.as_ptr().add(at)) }
    }
}

/// The test of `BlockTester::block` on 64 bytes from `start` (and the
/// byte after them), with AVX2.
///
/// # Safety
/// The processor has AVX2; `start..start + 65` is readable.
#[target_feature(enable = "avx2")]
unsafe fn chunk_avx2(constants: &Avx2Constants, start: *const u8) -> u64 {
    use std::arch::x86_64::{
        __m256i, _mm256_add_epi8, _mm256_and_si256, _mm256_cmpeq_epi8, _mm256_cmpgt_epi8,
        _mm256_loadu_si256, _mm256_movemask_epi8, _mm256_or_si256,
    };
    // SAFETY: (all the unsafe operations below) AVX2 is available and the
    // pointers are within `start..start + 65`, as the caller promises.
    unsafe {
        let load = |p: *const u8| _mm256_loadu_si256(p.cast::<__m256i>());
        let to_capitals = load(constants.to_capitals.as_ptr());
        let past_capitals = load(constants.past_capitals.as_ptr());
        let half = |offset: usize| {
            let block = load(start.add(offset));
            let next = load(start.add(offset + 1));
            let moved = _mm256_add_epi8(block, to_capitals);
            let mut starts = _mm256_cmpgt_epi8(past_capitals, moved);
            let opener = |k: usize| {
                let firsts = _mm256_cmpeq_epi8(block, load(constants.firsts[k].as_ptr()));
                let seconds = _mm256_or_si256(
                    _mm256_cmpeq_epi8(next, load(constants.seconds[k].as_ptr())),
                    load(constants.any_second[k].as_ptr()),
                );
                _mm256_and_si256(firsts, seconds)
            };
            // One opener (the built-in registry's "de") without a loop.
            if constants.openers == 1 {
                starts = _mm256_or_si256(starts, opener(0));
            } else {
                for k in 0..constants.openers {
                    starts = _mm256_or_si256(starts, opener(k));
                }
            }
            // The high bit of a byte is set exactly when it is not ASCII.
            u64::from(_mm256_movemask_epi8(_mm256_or_si256(starts, block)) as u32)
        };
        half(0) | half(32) << 32
    }
}

/// The constants of the test, made once per matcher rather than per block.
#[derive(Clone)]
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
