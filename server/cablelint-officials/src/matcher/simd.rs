//! The scan for places where a name may start, sixteen bytes at a time with
//! SSE2 (part of every x86-64 processor): the loop that sees every byte of
//! every document. Other targets use the eight-byte scan of `mod.rs` alone.

use std::arch::x86_64::{
    __m128i, _mm_add_epi8, _mm_and_si128, _mm_cmpeq_epi8, _mm_cmplt_epi8, _mm_loadu_si128,
    _mm_movemask_epi8, _mm_set1_epi8,
};

use super::OpenerPrefix;

/// The first byte from `at` that is an ASCII capital, not ASCII, or the
/// first byte of one of `openers` followed by its second (`Ok`); or, when
/// none is found in the whole blocks of sixteen bytes that have a byte
/// after them, where those blocks end (`Err`), for the caller to go on.
#[inline]
pub(super) fn next_interesting_block(
    bytes: &[u8],
    mut at: usize,
    openers: &[OpenerPrefix],
) -> Result<usize, usize> {
    // Capitals are the bytes that, moved up by 0x80 - b'A', fall in the
    // 26 smallest signed values.
    let to_capitals = (0x80u8 - b'A') as i8;
    let past_capitals = (0x80u8 + 26) as i8;
    while at + 17 <= bytes.len() {
        // SAFETY: SSE2 is enabled on every x86-64 target; both unaligned
        // loads read within `bytes` (at + 16 < bytes.len()).
        let mask = unsafe {
            let block = _mm_loadu_si128(bytes.as_ptr().add(at).cast::<__m128i>());
            let moved = _mm_add_epi8(block, _mm_set1_epi8(to_capitals));
            let capitals = _mm_cmplt_epi8(moved, _mm_set1_epi8(past_capitals));
            // The high bit of a byte is set exactly when it is not ASCII.
            let mut mask = _mm_movemask_epi8(capitals) | _mm_movemask_epi8(block);
            if !openers.is_empty() {
                let next = _mm_loadu_si128(bytes.as_ptr().add(at + 1).cast::<__m128i>());
                for &(first, second) in openers {
                    let firsts = _mm_cmpeq_epi8(block, _mm_set1_epi8(first as i8));
                    let starts = match second {
                        Some(second) => {
                            _mm_and_si128(firsts, _mm_cmpeq_epi8(next, _mm_set1_epi8(second as i8)))
                        }
                        None => firsts,
                    };
                    mask |= _mm_movemask_epi8(starts);
                }
            }
            mask as u32
        };
        if mask != 0 {
            return Ok(at + mask.trailing_zeros() as usize);
        }
        at += 16;
    }
    Err(at)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_same_bytes_as_a_byte_by_byte_test() {
        let openers: &[OpenerPrefix] = &[(b'd', Some(b'e')), (b'x', None)];
        let mut bytes: Vec<u8> = (0..=255u8).collect();
        bytes.extend_from_slice(b"abc de dx dE De ddee zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz");
        bytes.extend(std::iter::repeat_n(b'a', 40));
        let interesting = |at: usize| {
            let b = bytes[at];
            !b.is_ascii()
                || b.is_ascii_uppercase()
                || openers.iter().any(|&(first, second)| {
                    b == first && second.is_none_or(|s| bytes.get(at + 1) == Some(&s))
                })
        };
        for from in 0..bytes.len() {
            let expected = (from..bytes.len()).find(|&at| interesting(at));
            match next_interesting_block(&bytes, from, openers) {
                Ok(found) => assert_eq!(Some(found), expected, "from {from}"),
                Err(end) => {
                    assert!(
                        end + 17 > bytes.len() && (end - from) % 16 == 0,
                        "from {from}"
                    );
                    assert!(expected.is_none_or(|e| e >= end), "from {from}");
                }
            }
        }
    }
}
