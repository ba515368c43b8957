//! Finding detection markers by a rare pair of bytes each ("key"): every
//! built-in marker holds two bytes running text seldom has together (a
//! capital and the letter after it, `[` and a capital, two bytes of a
//! Chinese or Cyrillic character), so a scan for those pairs, 64 places a
//! round with four table lookups per 32 (the "shufti" way of testing sets
//! of bytes, on each byte and the one after it), stops about once in a
//! hundred bytes of prose, and each stop is checked against the few markers
//! keyed on that byte. Per generated cable it cost 8.0 K instructions where
//! the packed (Teddy) search, which reads every byte with four lookups and
//! is left for markers made only of common bytes, cost 10.1 K.
//! [`KeyedMarkers::each_flagged_bytewise`] is the tests' oracle for the scan.

/// How common a byte is in running text, roughly, on a scale where a
/// capital letter is 3: a marker is keyed on its least common pair.
fn commonness(b: u8) -> u32 {
    match b {
        b' ' => 100,
        b'e' | b't' | b'a' | b'o' | b'i' | b'n' | b's' | b'h' | b'r' | b'd' | b'l' | b'c'
        | b'u' => 60,
        b'a'..=b'z' => 20,
        b'.' | b',' => 8,
        b'0'..=b'9' | b'\n' => 5,
        // A lead byte of a character outside ASCII: the same few start every
        // character of a Chinese or Russian text.
        0xC2..=0xF4 => 4,
        b'A'..=b'Z' => 3,
        // Other ASCII punctuation and controls, and continuation bytes
        // (spread over 64 values).
        _ => 1,
    }
}

/// The most common pair of bytes the scan takes (as [`pair_commonness`]
/// rates them): a marker made of lower-case letters and spaces would stop it
/// too often.
const MOST_COMMON_PAIR: u32 = 400;

/// How common the bytes at `offset` and after it are, for a key: a byte
/// alone (the marker's last) counts as if followed by a lower-case letter.
fn pair_commonness(marker: &[u8], offset: usize) -> u32 {
    commonness(marker[offset]) * marker.get(offset + 1).map_or(50, |&b| commonness(b))
}

/// A marker keyed on a byte, with its first eight bytes (or fewer) as one
/// word, compared first: most stops are a capital in prose, which that one
/// comparison rejects.
#[derive(Debug, Clone, Copy)]
struct Keyed {
    marker: usize,
    offset: usize,
    head: u64,
    /// The bits of `head` that are the marker's.
    mask: u64,
}

/// Markers found by their key bytes.
#[derive(Debug)]
pub(super) struct KeyedMarkers {
    /// The markers keyed on each byte, one byte's after another's.
    keyed: Vec<Keyed>,
    /// For each byte, where its markers start in `keyed` (they end where
    /// the next byte's start).
    first: [u16; 257],
    /// The scan's tables, each a pair of nibble tables: the scan stops at
    /// `at` when `key[bytes[at]] & next[bytes[at + 1]] != 0`, where
    /// `key[b] = low[b & 15] & high[b >> 4]`. Each bit stands for the
    /// markers of one key byte (two key bytes share a bit when there are
    /// more than eight) and, in `next`, for the bytes after their keys (or
    /// every byte, for a marker keyed on its last byte).
    key: Nibbles,
    next: Nibbles,
}

/// A set of bytes per bit, as two tables of sixteen: `b` is in bit `i`'s
/// set when bit `i` is set in both `low[b & 15]` and `high[b >> 4]`.
#[derive(Debug, Default)]
struct Nibbles {
    low: [u8; 16],
    high: [u8; 16],
}

impl Nibbles {
    fn add(&mut self, b: u8, bit: u8) {
        self.low[usize::from(b & 15)] |= bit;
        self.high[usize::from(b >> 4)] |= bit;
    }

    fn bits(&self, b: u8) -> u8 {
        self.low[usize::from(b & 15)] & self.high[usize::from(b >> 4)]
    }
}

impl KeyedMarkers {
    /// Keys for `markers` (an empty one is skipped: it is found without a
    /// search), or `None` when some marker has no byte rare enough.
    pub(super) fn new(markers: &[&str]) -> Option<KeyedMarkers> {
        let mut by_key: Vec<Vec<Keyed>> = vec![Vec::new(); 256];
        let mut key_bytes: Vec<u8> = Vec::new();
        let (mut key, mut next) = (Nibbles::default(), Nibbles::default());
        for (i, marker) in markers.iter().enumerate() {
            let marker = marker.as_bytes();
            // The least common pair of bytes (or the last byte alone), the
            // first of equals.
            let Some(offset) = (0..marker.len()).min_by_key(|&o| pair_commonness(marker, o)) else {
                continue;
            };
            if pair_commonness(marker, offset) > MOST_COMMON_PAIR {
                return None;
            }
            let key_byte = marker[offset];
            let mut head = [0u8; 8];
            let len = marker.len().min(8);
            head[..len].copy_from_slice(&marker[..len]);
            by_key[usize::from(key_byte)].push(Keyed {
                marker: i,
                offset,
                head: u64::from_le_bytes(head),
                mask: u64::MAX >> (64 - 8 * len),
            });
            let slot = match key_bytes.iter().position(|&b| b == key_byte) {
                Some(slot) => slot,
                None => {
                    key_bytes.push(key_byte);
                    key_bytes.len() - 1
                }
            };
            let bit = 1u8 << (slot % 8);
            key.add(key_byte, bit);
            match marker.get(offset + 1) {
                Some(&b) => next.add(b, bit),
                None => (0..=255).for_each(|b| next.add(b, bit)),
            }
        }
        let mut first = [0u16; 257];
        let mut keyed = Vec::new();
        for (b, markers) in by_key.into_iter().enumerate() {
            first[b] = u16::try_from(keyed.len()).ok()?;
            keyed.extend(markers);
        }
        first[256] = u16::try_from(keyed.len()).ok()?;
        Some(KeyedMarkers {
            keyed,
            first,
            key,
            next,
        })
    }

    /// The markers keyed on `b`.
    fn keyed_on(&self, b: u8) -> &[Keyed] {
        let b = usize::from(b);
        &self.keyed[usize::from(self.first[b])..usize::from(self.first[b + 1])]
    }

    /// Calls `mark` with the index of each marker found in `bytes` (once or
    /// more), `markers` being the list the keys were made for.
    pub(super) fn mark_found(&self, markers: &[String], bytes: &[u8], mut mark: impl FnMut(usize)) {
        let mut check = |at: usize| {
            for keyed in self.keyed_on(bytes[at]) {
                let Some(from) = at.checked_sub(keyed.offset) else {
                    continue;
                };
                let marker = markers[keyed.marker].as_bytes();
                let found = match bytes.get(from..from + 8) {
                    Some(word) => {
                        let mut head = [0u8; 8];
                        head.copy_from_slice(word);
                        (u64::from_le_bytes(head) ^ keyed.head) & keyed.mask == 0
                            && (marker.len() <= 8 || bytes[from + 8..].starts_with(&marker[8..]))
                    }
                    None => bytes[from..].starts_with(marker),
                };
                if found {
                    mark(keyed.marker);
                }
            }
        };
        self.each_flagged(bytes, &mut check);
    }

    /// Whether the scan has its vector form here; without it the packed
    /// search, which has one for SSE2, is the cheaper.
    pub(super) fn scans_fast() -> bool {
        #[cfg(target_arch = "x86_64")]
        return std::is_x86_feature_detected!("avx2");
        #[cfg(not(target_arch = "x86_64"))]
        return false;
    }

    /// Calls `hit` with every offset the scan stops at, in order.
    fn each_flagged(&self, bytes: &[u8], hit: &mut impl FnMut(usize)) {
        #[cfg(target_arch = "x86_64")]
        if std::is_x86_feature_detected!("avx2") {
            // SAFETY: the processor has AVX2.
            unsafe { self.each_flagged_avx2(bytes, hit) };
            return;
        }
        self.each_flagged_bytewise(bytes, hit);
    }

    /// Whether the scan stops at `at` (a zero stands for the byte after the
    /// last).
    fn flags(&self, bytes: &[u8], at: usize) -> bool {
        let after = bytes.get(at + 1).copied().unwrap_or(0);
        self.key.bits(bytes[at]) & self.next.bits(after) != 0
    }

    /// [`Self::each_flagged`] a byte at a time.
    fn each_flagged_bytewise(&self, bytes: &[u8], hit: &mut impl FnMut(usize)) {
        for at in 0..bytes.len() {
            if self.flags(bytes, at) {
                hit(at);
            }
        }
    }

    /// # Safety
    /// The processor has AVX2.
    #[cfg(target_arch = "x86_64")]
    #[target_feature(enable = "avx2")]
    unsafe fn each_flagged_avx2(&self, bytes: &[u8], hit: &mut impl FnMut(usize)) {
        use std::arch::x86_64::{
            __m128i, __m256i, _mm256_and_si256, _mm256_broadcastsi128_si256, _mm256_cmpeq_epi8,
            _mm256_loadu_si256, _mm256_movemask_epi8, _mm256_set1_epi8, _mm256_setzero_si256,
            _mm256_shuffle_epi8, _mm256_srli_epi16, _mm_loadu_si128,
        };
        // SAFETY: each table holds 16 bytes.
        let table = |t: &[u8; 16]| unsafe {
            _mm256_broadcastsi128_si256(_mm_loadu_si128(t.as_ptr().cast::<__m128i>()))
        };
        let (key_low, key_high) = (table(&self.key.low), table(&self.key.high));
        let (next_low, next_high) = (table(&self.next.low), table(&self.next.high));
        let nibble = _mm256_set1_epi8(0x0F);
        let bits = |block: __m256i, low: __m256i, high: __m256i| {
            let low_bits = _mm256_shuffle_epi8(low, _mm256_and_si256(block, nibble));
            let high_nibbles = _mm256_and_si256(_mm256_srli_epi16(block, 4), nibble);
            _mm256_and_si256(low_bits, _mm256_shuffle_epi8(high, high_nibbles))
        };
        // One bit for each of 32 places the scan does not stop at, from the
        // 32 bytes there and the 32 after each.
        let clear = |block: __m256i, after: __m256i| {
            let both = _mm256_and_si256(
                bits(block, key_low, key_high),
                bits(after, next_low, next_high),
            );
            _mm256_movemask_epi8(_mm256_cmpeq_epi8(both, _mm256_setzero_si256())) as u32
        };
        // SAFETY (of the closure's callers): the 65 bytes from `start` are
        // readable.
        let round = |start: *const u8| unsafe {
            let clear_first = clear(
                _mm256_loadu_si256(start.cast::<__m256i>()),
                _mm256_loadu_si256(start.add(1).cast::<__m256i>()),
            );
            let clear_second = clear(
                _mm256_loadu_si256(start.add(32).cast::<__m256i>()),
                _mm256_loadu_si256(start.add(33).cast::<__m256i>()),
            );
            !(u64::from(clear_first) | u64::from(clear_second) << 32)
        };
        // Sixty-four places a round, as `find_bytes::each_of_four` reads
        // them; the tail is copied into a round of zeros and its bits past
        // the end cleared.
        let mut at = 0;
        while at < bytes.len() {
            let mut mask = if at + 65 <= bytes.len() {
                // SAFETY: the 65 bytes from `at` lie within `bytes`.
                round(unsafe { bytes.as_ptr().add(at) })
            } else {
                let rest = bytes.len() - at;
                let mut tail = [0u8; 65];
                tail[..rest].copy_from_slice(&bytes[at..]);
                // `tail` holds 65 bytes; `rest` is 64 at most.
                round(tail.as_ptr()) & (u64::MAX >> (64 - rest))
            };
            while mask != 0 {
                hit(at + mask.trailing_zeros() as usize);
                mask &= mask - 1;
            }
            at += 64;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys(markers: &[&str]) -> Option<KeyedMarkers> {
        KeyedMarkers::new(markers)
    }

    #[test]
    fn markers_of_common_bytes_only_are_not_keyed() {
        assert!(keys(&["to the", "[Telegram]"]).is_none());
        assert!(keys(&["x", "[Telegram]"]).is_none());
        assert!(keys(&["of State", "[Telegram]", "发往", "", "7", "xq"]).is_some());
    }

    #[test]
    fn keys_are_the_least_common_pairs() {
        let keyed = keys(&["File No.", "[Received ", "发往", "of Z"]).unwrap();
        let keyed_on = |b: u8| -> Vec<(usize, usize)> {
            keyed
                .keyed_on(b)
                .iter()
                .map(|k| (k.marker, k.offset))
                .collect()
        };
        assert_eq!(keyed_on(b'F'), vec![(0, 0)]);
        assert_eq!(keyed_on(b'['), vec![(1, 0)]);
        // 发 is E5 8F 91: its two continuation bytes.
        assert_eq!(keyed_on(0x8F), vec![(2, 1)]);
        // The last byte alone.
        assert_eq!(keyed_on(b'Z'), vec![(3, 3)]);
    }

    /// Whether a marker keyed on the byte at `at` has the byte after it
    /// there (or ends at its key): where the scan must stop.
    fn must_stop(keyed: &KeyedMarkers, markers: &[&str], bytes: &[u8], at: usize) -> bool {
        keyed.keyed_on(bytes[at]).iter().any(|k| {
            markers[k.marker]
                .as_bytes()
                .get(k.offset + 1)
                .is_none_or(|n| bytes.get(at + 1) == Some(n))
        })
    }

    #[test]
    fn with_up_to_eight_key_bytes_the_scan_stops_only_at_keys() {
        let markers = [
            "File",
            "[Tel",
            "发往",
            "等级",
            "外发",
            "复来报号",
            "1: b",
            "ШИФР",
        ];
        let keyed = keys(&markers).unwrap();
        for b in 0..=255u8 {
            for n in 0..=255u8 {
                let pair = [b, n];
                if must_stop(&keyed, &markers, &pair, 0) {
                    assert!(keyed.flags(&pair, 0), "{pair:x?}");
                }
                if keyed.keyed_on(b).is_empty() {
                    assert!(!keyed.flags(&pair, 0), "{pair:x?}");
                }
            }
        }
    }

    #[test]
    fn every_path_stops_where_the_bytewise_loop_stops() {
        let mut rng = crate::test_random::Rng(0x2545_F491_4F6C_DD1D);
        // More than eight key bytes: bits are shared.
        let many = [
            "File", "[Tel", "发往", "等级", "1: b", "ШИФР", "x\u{1}y", "p!q", "l~", "𠀋",
            "ab\u{7f}", "ɐ", "q\u{1f}r", "Z",
        ];
        for markers in [&many[..], &["File No.", "[Received "], &["𠀋"], &["Z"]] {
            let keyed = keys(markers).unwrap();
            if markers.len() == many.len() {
                assert!((0..=255u8).any(|b| keyed.key.bits(b) != 0 && keyed.keyed_on(b).is_empty()));
            }
            let alphabet = b"\n\r[]ab FileNo.Z\xE5\x8F\x91\xD0\xA8\x00\xFF~!\x01\x7F\x1F\xC9\x90";
            let mut inputs: Vec<Vec<u8>> =
                (0..3_000).map(|_| rng.bytes_of(alphabet, 200)).collect();
            inputs.push(Vec::new());
            inputs.push((0..=255).cycle().take(5_000).collect());
            for bytes in &inputs {
                let (mut fast, mut plain) = (Vec::new(), Vec::new());
                keyed.each_flagged(bytes, &mut |at| fast.push(at));
                keyed.each_flagged_bytewise(bytes, &mut |at| plain.push(at));
                assert_eq!(fast, plain, "{bytes:?}");
                for at in 0..bytes.len() {
                    if must_stop(&keyed, markers, bytes, at) {
                        assert!(plain.contains(&at), "{bytes:?} {at}");
                    }
                }
            }
        }
    }
}
