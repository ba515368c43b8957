//! Every offset of any of four bytes, in one pass: the line index wants the
//! line ends and the document model its square brackets, and two `memchr2`
//! loops over a cable cost a call per hit each (a cable has about as many
//! hits as it has lines and brackets, so the calls, not the bytes, were the
//! cost). Here a block of 32 bytes (16 without AVX2) is compared with the
//! four bytes at once, and only the hits leave the loop.
//! [`each_of_four_bytewise`] is the plain version and the oracle.

/// Calls `hit` with the offset of every byte of `bytes` that is one of
/// `needles`, in increasing order.
pub(crate) fn each_of_four(bytes: &[u8], needles: [u8; 4], mut hit: impl FnMut(usize)) {
    #[cfg(target_arch = "x86_64")]
    {
        if std::is_x86_feature_detected!("avx2") {
            // SAFETY: the processor has AVX2.
            unsafe { each_of_four_avx2(bytes, needles, &mut hit) };
        } else {
            each_of_four_sse2(bytes, needles, &mut hit);
        }
    }
    #[cfg(not(target_arch = "x86_64"))]
    each_of_four_bytewise(bytes, 0, needles, &mut hit);
}

/// [`each_of_four`] one byte at a time, from `from`.
fn each_of_four_bytewise(bytes: &[u8], from: usize, needles: [u8; 4], hit: &mut impl FnMut(usize)) {
    for (at, b) in bytes.iter().enumerate().skip(from) {
        if needles.contains(b) {
            hit(at);
        }
    }
}

/// # Safety
/// The processor has AVX2.
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2")]
unsafe fn each_of_four_avx2(bytes: &[u8], needles: [u8; 4], hit: &mut impl FnMut(usize)) {
    use std::arch::x86_64::{
        __m256i, _mm256_cmpeq_epi8, _mm256_loadu_si256, _mm256_movemask_epi8, _mm256_or_si256,
        _mm256_set1_epi8,
    };
    let [a, b, c, d] = needles.map(|n| _mm256_set1_epi8(n as i8));
    // One bit for each byte of the 32 that is a needle.
    let found = |block: __m256i| {
        let equal = _mm256_or_si256(
            _mm256_or_si256(_mm256_cmpeq_epi8(block, a), _mm256_cmpeq_epi8(block, b)),
            _mm256_or_si256(_mm256_cmpeq_epi8(block, c), _mm256_cmpeq_epi8(block, d)),
        );
        _mm256_movemask_epi8(equal) as u32
    };
    // Two blocks a round, their bits in one word (a round's bookkeeping cost
    // as much as its compares), and one place that calls `hit`, so that the
    // caller's work for a hit is inlined here; the tail is copied into a
    // zeroed round and its bits past the end cleared (a byte loop over up
    // to 63 bytes costs several times more).
    let mut at = 0;
    while at < bytes.len() {
        let mut mask = if at + 64 <= bytes.len() {
            // SAFETY: the 64 bytes from `at` lie within `bytes`.
            let (low, high) = unsafe {
                let start = bytes.as_ptr().add(at);
                (
                    _mm256_loadu_si256(start.cast::<__m256i>()),
                    _mm256_loadu_si256(start.add(32).cast::<__m256i>()),
                )
            };
            u64::from(found(low)) | u64::from(found(high)) << 32
        } else {
            let rest = bytes.len() - at;
            let mut tail = [0u8; 64];
            tail[..rest].copy_from_slice(&bytes[at..]);
            // SAFETY: `tail` holds 64 bytes.
            let (low, high) = unsafe {
                (
                    _mm256_loadu_si256(tail.as_ptr().cast::<__m256i>()),
                    _mm256_loadu_si256(tail.as_ptr().add(32).cast::<__m256i>()),
                )
            };
            // `rest` is below 64.
            (u64::from(found(low)) | u64::from(found(high)) << 32) & ((1 << rest) - 1)
        };
        while mask != 0 {
            hit(at + mask.trailing_zeros() as usize);
            mask &= mask - 1;
        }
        at += 64;
    }
}

/// SSE2 is part of every x86-64 processor.
#[cfg(target_arch = "x86_64")]
fn each_of_four_sse2(bytes: &[u8], needles: [u8; 4], hit: &mut impl FnMut(usize)) {
    use std::arch::x86_64::{
        __m128i, _mm_cmpeq_epi8, _mm_loadu_si128, _mm_movemask_epi8, _mm_or_si128, _mm_set1_epi8,
    };
    let mut at = 0;
    // SAFETY: SSE2 is enabled on every x86-64 target, and each load reads
    // the 16 bytes from `at`, which lie within `bytes`.
    unsafe {
        let [a, b, c, d] = needles.map(|n| _mm_set1_epi8(n as i8));
        while at + 16 <= bytes.len() {
            let block = _mm_loadu_si128(bytes.as_ptr().add(at).cast::<__m128i>());
            let equal = _mm_or_si128(
                _mm_or_si128(_mm_cmpeq_epi8(block, a), _mm_cmpeq_epi8(block, b)),
                _mm_or_si128(_mm_cmpeq_epi8(block, c), _mm_cmpeq_epi8(block, d)),
            );
            let mut mask = _mm_movemask_epi8(equal) as u32;
            while mask != 0 {
                hit(at + mask.trailing_zeros() as usize);
                mask &= mask - 1;
            }
            at += 16;
        }
    }
    each_of_four_bytewise(bytes, at, needles, hit);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn collect(find: impl Fn(&[u8], [u8; 4], &mut dyn FnMut(usize)), bytes: &[u8]) -> Vec<usize> {
        let mut found = Vec::new();
        find(bytes, *b"\n\r[]", &mut |at| found.push(at));
        found
    }

    #[test]
    fn every_path_finds_what_the_bytewise_loop_finds() {
        let mut rng = crate::test_random::Rng(0x2545_F491_4F6C_DD1D);
        let alphabet = b"\n\r[]ab \xE4\xB8\xAD\x00\xFF";
        let mut inputs: Vec<Vec<u8>> = (0..2_000).map(|_| rng.bytes_of(alphabet, 200)).collect();
        inputs.push(Vec::new());
        inputs.push(vec![b'['; 100_000]);
        inputs.push("发往 𠀋\r\n[x]".repeat(500).into_bytes());
        for bytes in &inputs {
            let plain = collect(
                |b, n, h| each_of_four_bytewise(b, 0, n, &mut |at| h(at)),
                bytes,
            );
            assert_eq!(collect(|b, n, h| each_of_four(b, n, &mut *h), bytes), plain);
            #[cfg(target_arch = "x86_64")]
            {
                assert_eq!(
                    collect(|b, n, h| each_of_four_sse2(b, n, &mut |at| h(at)), bytes),
                    plain
                );
                if std::is_x86_feature_detected!("avx2") {
                    // SAFETY: the processor has AVX2.
                    let avx2 = |b: &[u8], n, h: &mut dyn FnMut(usize)| unsafe {
                        each_of_four_avx2(b, n, &mut |at| h(at))
                    };
                    assert_eq!(collect(avx2, bytes), plain);
                    // A zero needle is not found in the tail's padding.
                    let (mut fast, mut slow) = (Vec::new(), Vec::new());
                    // SAFETY: the processor has AVX2.
                    unsafe { each_of_four_avx2(bytes, *b"\0ab[", &mut |at| fast.push(at)) };
                    each_of_four_bytewise(bytes, 0, *b"\0ab[", &mut |at| slow.push(at));
                    assert_eq!(fast, slow);
                }
            }
        }
    }
}
