//! The test of many bytes at once for places where a name may start, with
//! SSE2 (part of every x86-64 processor) or AVX2: the loop that sees every
//! byte of every document. Other targets test the bytes one by one
//! (`scan::is_candidate_here`), with the same result.
//!
//! A byte is a candidate when it is not ASCII, an ASCII capital, or the
//! start of a lower-case name opener ("de"). The byte before it (a capital
//! inside a word, "USSR") is tested by the caller, one place at a time:
//! testing it here too measured dearer than the stops it saves, since
//! most capitals of a cable begin words.

use std::arch::x86_64::{
    __m128i, _mm_add_epi8, _mm_and_si128, _mm_cmpeq_epi8, _mm_cmplt_epi8, _mm_loadu_si128,
    _mm_movemask_epi8, _mm_or_si128, _mm_set1_epi8, _mm_setzero_si128,
};

use super::{OpenerPrefix, MAX_OPENER_BYTES};

/// Moved up by `0x80 - b'A'`, capitals fall in the 26 smallest signed
/// bytes.
const TO_CAPITALS: u8 = 0x80u8.wrapping_sub(b'A');
const PAST_CAPITALS: u8 = 0x80 + 26;

/// The constants of [`masks_avx2`], as bytes (loaded in one instruction
/// each; a vector of 32 bytes can only be made inside an AVX function).
#[derive(Clone)]
pub(super) struct Avx2Constants {
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

    /// The candidates of the chunks of 64 bytes at `from`, `from + 64`,
    /// …, one per mask of `masks`, as bits. Needs the byte after the last
    /// chunk within `bytes` (it is read for the openers).
    pub(super) fn masks(&self, bytes: &[u8], from: usize, masks: &mut [u64]) {
        assert!(from + 64 * masks.len() < bytes.len());
        // SAFETY: `new` made `self` only where AVX2 is available; the
        // loads read within `bytes[from..=from + 64 * masks.len()]`
        // (checked above).
        unsafe { masks_avx2(self, bytes.as_ptr().add(from), masks) }
    }
}

/// [`Avx2Constants::masks`] from the chunk at `start`, with the constants
/// in registers for the whole text.
///
/// # Safety
/// The processor has AVX2; `start..start + 64 * masks.len() + 1` is
/// readable.
#[target_feature(enable = "avx2")]
unsafe fn masks_avx2(constants: &Avx2Constants, start: *const u8, masks: &mut [u64]) {
    use std::arch::x86_64::{
        __m256i, _mm256_add_epi8, _mm256_and_si256, _mm256_cmpeq_epi8, _mm256_cmpgt_epi8,
        _mm256_loadu_si256, _mm256_movemask_epi8, _mm256_or_si256, _mm256_set1_epi8,
    };
    // SAFETY: (all the unsafe operations below) AVX2 is available and the
    // pointers are within `start..start + 64 * masks.len() + 1`, as the
    // caller promises.
    unsafe {
        let to_capitals = _mm256_set1_epi8(TO_CAPITALS as i8);
        let past_capitals = _mm256_set1_epi8(PAST_CAPITALS as i8);
        let load = |p: *const u8| _mm256_loadu_si256(p.cast::<__m256i>());
        let firsts = load(constants.firsts[0].as_ptr());
        let seconds = load(constants.seconds[0].as_ptr());
        let any_second = load(constants.any_second[0].as_ptr());
        let half = |at: *const u8| {
            let block = load(at);
            let next = load(at.add(1));
            let mut starts = _mm256_cmpgt_epi8(past_capitals, _mm256_add_epi8(block, to_capitals));
            let opener = |firsts, seconds, any_second| {
                _mm256_and_si256(
                    _mm256_cmpeq_epi8(block, firsts),
                    _mm256_or_si256(_mm256_cmpeq_epi8(next, seconds), any_second),
                )
            };
            // One opener (the built-in registry's "de") without a loop.
            if constants.openers == 1 {
                starts = _mm256_or_si256(starts, opener(firsts, seconds, any_second));
            } else {
                for k in 0..constants.openers {
                    starts = _mm256_or_si256(
                        starts,
                        opener(
                            load(constants.firsts[k].as_ptr()),
                            load(constants.seconds[k].as_ptr()),
                            load(constants.any_second[k].as_ptr()),
                        ),
                    );
                }
            }
            // The high bit of a byte is set exactly when it is not ASCII.
            _mm256_movemask_epi8(_mm256_or_si256(starts, block)) as u32
        };
        // One opener with a second byte (the built-in registry's "de"):
        // no test of whether any second byte will do.
        if constants.openers == 1 && constants.any_second[0][0] == 0 {
            let half = |at: *const u8| {
                let block = load(at);
                let capitals =
                    _mm256_cmpgt_epi8(past_capitals, _mm256_add_epi8(block, to_capitals));
                let opener = _mm256_and_si256(
                    _mm256_cmpeq_epi8(block, firsts),
                    _mm256_cmpeq_epi8(load(at.add(1)), seconds),
                );
                _mm256_movemask_epi8(_mm256_or_si256(_mm256_or_si256(capitals, opener), block))
                    as u32
            };
            for (k, mask) in masks.iter_mut().enumerate() {
                let at = start.add(64 * k);
                *mask = u64::from(half(at)) | u64::from(half(at.add(32))) << 32;
            }
            return;
        }
        for (k, mask) in masks.iter_mut().enumerate() {
            let at = start.add(64 * k);
            *mask = u64::from(half(at)) | u64::from(half(at.add(32))) << 32;
        }
    }
}

/// The constants of the test, made once per matcher rather than per block.
#[derive(Clone)]
pub(super) struct BlockTester {
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

    /// Bit i set when `bytes[at + i]` is a candidate (see the module's
    /// note). Needs `at + 17 <= bytes.len()` (the byte after the block is
    /// read for the openers).
    #[inline(always)]
    pub(super) fn block(&self, bytes: &[u8], at: usize) -> u32 {
        assert!(at + 17 <= bytes.len());
        // SAFETY: SSE2 is enabled on every x86-64 target; both unaligned
        // loads read within `bytes` (at + 16 < bytes.len()).
        unsafe {
            let block = _mm_loadu_si128(bytes.as_ptr().add(at).cast::<__m128i>());
            let next = _mm_loadu_si128(bytes.as_ptr().add(at + 1).cast::<__m128i>());
            let moved = _mm_add_epi8(block, _mm_set1_epi8(TO_CAPITALS as i8));
            let mut starts = _mm_cmplt_epi8(moved, _mm_set1_epi8(PAST_CAPITALS as i8));
            for k in 0..self.openers {
                let firsts = _mm_cmpeq_epi8(block, self.firsts[k]);
                let seconds =
                    _mm_or_si128(_mm_cmpeq_epi8(next, self.seconds[k]), self.any_second[k]);
                starts = _mm_or_si128(starts, _mm_and_si128(firsts, seconds));
            }
            // The high bit of a byte is set exactly when it is not ASCII.
            _mm_movemask_epi8(_mm_or_si128(starts, block)) as u32
        }
    }
}
