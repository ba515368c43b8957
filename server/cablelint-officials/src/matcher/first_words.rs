//! The first words of the patterns: most capitalised words of a cable
//! ("The", "Soviet", "Washington") begin no name, and are ruled out here by
//! one hash of the word, before any look-up.
//!
//! Why the test is exact: when the word at a place (its run of ASCII
//! letters and digits) ends at an ASCII byte, a pattern found there is
//! either shorter than the word, and then ends inside it and is no mention
//! (a letter or digit follows it), or it is the word itself or the word
//! followed by that byte and more. So when no pattern begins with exactly
//! that word, nothing is found there. Words that run on into a non-ASCII
//! character ("Raúl") are not decided here.
//!
//! The same reasoning makes the look-up at such a place cheap: the only
//! patterns found there that can be mentions are those whose first word
//! is exactly the text's word, so [`FirstWords::longest_pattern`] tries
//! the few patterns of that word's bucket (longest first) instead of the
//! binary search over every pattern of `lookup.rs`.

use super::lookup::PatternLookup;

const HASH_BITS: u32 = 16;

pub(crate) struct FirstWords {
    /// Hashes of the heads of the patterns (see [`head`]): tested first,
    /// in a few instructions.
    pub(super) heads: Box<[u64]>,
    /// Hashes of the first words (lowercase) of the patterns.
    pub(super) bits: Box<[u64]>,
    /// The longest such word, in bytes.
    pub(super) longest: usize,
    /// The patterns of each first word, by the word's full hash (open
    /// addressing; see [`FirstWords::longest_pattern`]).
    pub(super) buckets: Buckets,
}

/// Per first word (by its hash): its patterns, lowercase, longest first.
#[derive(Clone, Default)]
pub(super) struct Buckets {
    /// A power of two; empty slots have `begin == end`.
    pub(super) slots: Box<[Slot]>,
    /// Each bucket's patterns: `entries[slot.begin..slot.end]`.
    pub(super) entries: Box<[BucketEntry]>,
    /// The patterns, ASCII-lowercased, end to end.
    pub(super) lowered: Box<[u8]>,
}

#[derive(Clone, Copy, Default)]
pub(super) struct Slot {
    pub(super) hash: u64,
    pub(super) begin: u32,
    pub(super) end: u32,
}

#[derive(Clone, Copy)]
pub(super) struct BucketEntry {
    /// The pattern's number (its index in the list given to `build`).
    pub(super) pattern: u32,
    /// Its bytes in `lowered`.
    pub(super) start: u32,
    pub(super) len: u32,
}

impl std::fmt::Debug for FirstWords {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "FirstWords(longest {})", self.longest)
    }
}

impl Clone for FirstWords {
    fn clone(&self) -> Self {
        FirstWords {
            heads: self.heads.clone(),
            bits: self.bits.clone(),
            longest: self.longest,
            buckets: self.buckets.clone(),
        }
    }
}

/// What [`FirstWords::verdict`] says about a place.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Verdict {
    /// No pattern found there can be a mention.
    NoName,
    /// Some pattern may begin with the word, which ends in ASCII (or at
    /// the end of the text).
    Maybe(Word),
    /// The word runs on into a non-ASCII character: not decided.
    Undecided,
}

/// The ASCII word at a place: its hash and length.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Word {
    hash: u64,
    length: usize,
}

const LOW_BITS: u64 = 0x0101_0101_0101_0101;
const HIGH_BITS: u64 = 0x8080_8080_8080_8080;

/// The high bit of each byte of `chunk` (ASCII capitals already made
/// lower case) that is a lower-case ASCII letter or a digit. Adding to
/// bytes below 0x80 cannot carry into the next byte.
#[inline(always)]
fn alphanumerics(lowered: u64) -> u64 {
    let ascii = lowered & !HIGH_BITS;
    let at_least = |low: u8| ascii + LOW_BITS * (0x80 - u64::from(low));
    let beyond = |high: u8| ascii + LOW_BITS * (0x80 - u64::from(high) - 1);
    let letters = at_least(b'a') & !beyond(b'z');
    let digits = at_least(b'0') & !beyond(b'9');
    (letters | digits) & !lowered & HIGH_BITS
}

/// Eight bytes with their ASCII capitals made lower case.
#[inline(always)]
fn lower_eight(chunk: u64) -> u64 {
    let ascii = chunk & !HIGH_BITS;
    let at_least_a = ascii + LOW_BITS * (0x80 - u64::from(b'A'));
    let beyond_z = ascii + LOW_BITS * (0x80 - u64::from(b'Z') - 1);
    let capitals = at_least_a & !beyond_z & !chunk & HIGH_BITS;
    chunk | (capitals >> 2)
}

#[inline(always)]
fn mix(hash: u64, word: u64) -> u64 {
    (hash.rotate_left(5) ^ word).wrapping_mul(0x517c_c1b7_2722_0a95)
}

/// The run of ASCII letters and digits at the start of `bytes`: a hash of
/// it in lower case, its length, and whether what follows it is ASCII (or
/// nothing). Eight bytes at a time.
#[inline(always)]
fn ascii_word(bytes: &[u8]) -> (u64, usize, bool) {
    // Most words are shorter than eight bytes and have eight after their
    // start: one load, no loop (and no call).
    if let Some(eight) = bytes.first_chunk::<8>() {
        let chunk = u64::from_le_bytes(*eight);
        let lowered = lower_eight(chunk);
        let stops = !alphanumerics(lowered) & HIGH_BITS;
        if stops != 0 {
            let n = (stops.trailing_zeros() / 8) as usize;
            let hash = if n > 0 {
                mix(0, lowered & (u64::MAX >> (64 - 8 * n)))
            } else {
                0
            };
            // The stop byte is within the eight: ASCII when its high bit
            // is clear.
            let ends_in_ascii = chunk >> (8 * n) & 0x80 == 0;
            return (hash, n, ends_in_ascii);
        }
        // Words of eight to fifteen bytes ("Chervonenko", "Washington"):
        // one more load, as `ascii_word_in_chunks` would hash them.
        if let Some(next) = bytes.get(8..16) {
            let next = u64::from_le_bytes(next.try_into().expect("eight bytes"));
            let lowered_next = lower_eight(next);
            let stops = !alphanumerics(lowered_next) & HIGH_BITS;
            if stops != 0 {
                let n = (stops.trailing_zeros() / 8) as usize;
                let mut hash = mix(0, lowered);
                if n > 0 {
                    hash = mix(hash, lowered_next & (u64::MAX >> (64 - 8 * n)));
                }
                let ends_in_ascii = next >> (8 * n) & 0x80 == 0;
                return (hash, 8 + n, ends_in_ascii);
            }
        }
    }
    ascii_word_in_chunks(bytes)
}

/// [`ascii_word`] eight bytes at a time, for long words and the last
/// bytes of a text.
#[inline(never)]
fn ascii_word_in_chunks(bytes: &[u8]) -> (u64, usize, bool) {
    let mut hash = 0;
    let mut at = 0;
    loop {
        let chunk = match bytes.get(at..at + 8) {
            Some(eight) => {
                let mut word = [0u8; 8];
                word.copy_from_slice(eight);
                u64::from_le_bytes(word)
            }
            None => {
                // Zeros after the end: not letters.
                let mut word = [0u8; 8];
                let rest = &bytes[at.min(bytes.len())..];
                word[..rest.len()].copy_from_slice(rest);
                u64::from_le_bytes(word)
            }
        };
        let lowered = lower_eight(chunk);
        let stops = !alphanumerics(lowered) & HIGH_BITS;
        if stops != 0 {
            let n = (stops.trailing_zeros() / 8) as usize;
            if n > 0 {
                hash = mix(hash, lowered & (u64::MAX >> (64 - 8 * n)));
            }
            let length = at + n;
            let ends_in_ascii = bytes.get(length).is_none_or(u8::is_ascii);
            return (hash, length, ends_in_ascii);
        }
        hash = mix(hash, lowered);
        at += 8;
    }
}

/// The first four bytes of `bytes`, lowercase, cut at the first that is
/// not an ASCII letter or digit (it and those after it are zeros), hashed.
/// A pattern found in a text and not rejected at once has the head of the
/// text: either its first four bytes are letters or digits, and are the
/// text's, or it has the text's first non-alphanumeric byte at the same
/// place, or it ends there and the text goes on with no ASCII letter or
/// digit.
#[inline(always)]
fn head(bytes: &[u8]) -> usize {
    let mut kept = 0u32;
    for (i, &b) in bytes.iter().take(4).enumerate() {
        let lower = LOWER_ALPHANUMERIC[usize::from(b)];
        if lower == 0 {
            break;
        }
        kept |= u32::from(lower) << (8 * i);
    }
    (kept.wrapping_mul(0x9E37_79B1) >> (32 - HEAD_BITS)) as usize
}

/// Each ASCII letter or digit in lower case; zero for every other byte.
static LOWER_ALPHANUMERIC: [u8; 256] = {
    let mut table = [0u8; 256];
    let mut b = 0;
    while b < 128 {
        let byte = b as u8;
        if byte.is_ascii_alphanumeric() {
            table[b] = byte.to_ascii_lowercase();
        }
        b += 1;
    }
    table
};

const HEAD_BITS: u32 = 17;

fn slot(hash: u64) -> usize {
    (hash >> (64 - HASH_BITS)) as usize
}

/// (word hash, minus pattern length, pattern number): the buckets' order,
/// by word, longest pattern first.
type Key = (u64, isize, usize);

impl FirstWords {
    #[cfg(test)]
    pub(crate) fn build<S: AsRef<str>>(patterns: &[S]) -> FirstWords {
        FirstWords::with_order(patterns, &[])
    }

    /// The numbers of the patterns that have a first word (an ASCII word
    /// that ends in ASCII), by the word's hash, then longest first, then
    /// by number: the order of the buckets, and the costly part of making
    /// them (a sort), which the compiled-registry cache (`compiled.rs`)
    /// keeps.
    pub(crate) fn sorted_order<S: AsRef<str>>(patterns: &[S]) -> Vec<usize> {
        let hashes: Vec<Option<u64>> = patterns.iter().map(|p| word_hash(p.as_ref())).collect();
        sorted_keys(patterns, &hashes)
            .into_iter()
            .map(|(_, _, number)| number)
            .collect()
    }

    /// The first words of `patterns` given their
    /// [`FirstWords::sorted_order`]. `order` is checked as the buckets are
    /// made, in a few instructions per pattern; should it not be that
    /// order (a pattern missing, repeated or out of place), the patterns
    /// are sorted again: an order read from a cache file can cost time,
    /// never change an answer.
    pub(crate) fn with_order<S: AsRef<str>>(patterns: &[S], order: &[usize]) -> FirstWords {
        let mut words = FirstWords {
            heads: vec![0; (1 << HEAD_BITS) / 64].into_boxed_slice(),
            bits: vec![0; (1 << HASH_BITS) / 64].into_boxed_slice(),
            longest: 0,
            buckets: Buckets::default(),
        };
        // The word's hash of each pattern that has a first word.
        let mut hashes: Vec<Option<u64>> = Vec::with_capacity(patterns.len());
        for pattern in patterns {
            let bytes = pattern.as_ref().as_bytes();
            let (hash, length, ends_in_ascii) = ascii_word(bytes);
            let head = head(bytes);
            words.heads[head / 64] |= 1 << (head % 64);
            if length > 0 && ends_in_ascii {
                let slot = slot(hash);
                words.bits[slot / 64] |= 1 << (slot % 64);
                words.longest = words.longest.max(length);
                hashes.push(Some(hash));
            } else {
                hashes.push(None);
            }
        }
        let by_word = checked_keys(patterns, &hashes, order)
            .unwrap_or_else(|| sorted_keys(patterns, &hashes));
        words.buckets = Buckets::build(patterns, &by_word);
        words
    }

    /// Whether a pattern found at the start of `text` (which starts with
    /// an ASCII letter or digit) can be a mention. The word's hash decides
    /// (see the module's note); the head is tested only for words that run
    /// on into a non-ASCII character, which the hash cannot decide: this
    /// runs at every capital of every document, and most words end in
    /// ASCII.
    #[inline(always)]
    pub(crate) fn verdict(&self, text: &[u8]) -> Verdict {
        let (hash, length, ends_in_ascii) = ascii_word(text);
        if !ends_in_ascii {
            let head = head(text);
            return if self.heads[head / 64] & (1 << (head % 64)) == 0 {
                Verdict::NoName
            } else {
                Verdict::Undecided
            };
        }
        let slot = slot(hash);
        if length > self.longest || self.bits[slot / 64] & (1 << (slot % 64)) == 0 {
            Verdict::NoName
        } else {
            Verdict::Maybe(Word { hash, length })
        }
    }

    /// The longest pattern that `text` begins with (ignoring ASCII case)
    /// among those whose first word is `word`, the word at the start of
    /// `text` (as [`FirstWords::verdict`] found it): its number and length.
    ///
    /// It is what `PatternLookup::longest_prefix` answers whenever that
    /// answer can be a mention: every other pattern found there ends
    /// inside the word (see the module's note), is shorter than the ones
    /// of the bucket, and is followed by a letter or digit.
    ///
    /// A bucket of more than [`LARGE_BUCKET`] patterns (a large user
    /// registry gives a one-letter word such as "K" a thousand of them)
    /// is not walked: `lookup`'s binary search gives the same answer in
    /// logarithmic time.
    #[inline]
    pub(crate) fn longest_pattern(
        &self,
        word: Word,
        text: &[u8],
        lookup: &PatternLookup,
    ) -> Option<(usize, usize)> {
        let buckets = &self.buckets;
        let mask = buckets.slots.len().checked_sub(1)?;
        let mut at = bucket_slot(word.hash, mask);
        let found = loop {
            let slot = buckets.slots[at];
            if slot.begin == slot.end {
                return None;
            }
            if slot.hash == word.hash {
                break slot;
            }
            at = (at + 1) & mask;
        };
        if found.end - found.begin > LARGE_BUCKET {
            return lookup
                .longest_prefix(text)
                .filter(|&(_, length)| length >= word.length);
        }
        self.walk_bucket(found, word, text)
    }

    /// The bucket's patterns tried longest first.
    #[inline(always)]
    fn walk_bucket(&self, found: Slot, word: Word, text: &[u8]) -> Option<(usize, usize)> {
        let buckets = &self.buckets;
        for entry in &buckets.entries[found.begin as usize..found.end as usize] {
            let start = entry.start as usize;
            let pattern = &buckets.lowered[start..start + entry.len as usize];
            // A bucket may hold the patterns of another word with the same
            // hash: the length test keeps only this word's.
            if pattern.len() >= word.length && starts_with_lowered(text, pattern) {
                return Some((entry.pattern as usize, pattern.len()));
            }
        }
        None
    }
}

/// The most patterns a bucket is walked for; beyond, the binary search.
const LARGE_BUCKET: u32 = 16;

/// The slot where the search for `hash` starts: its high bits (the low
/// bits of a product are those of the word's first bytes).
#[inline(always)]
fn bucket_slot(hash: u64, mask: usize) -> usize {
    (hash >> 40) as usize & mask
}

/// The hash of the first word of `pattern`, if it has one (an ASCII word
/// that ends in ASCII).
fn word_hash(pattern: &str) -> Option<u64> {
    let (hash, length, ends_in_ascii) = ascii_word(pattern.as_bytes());
    (length > 0 && ends_in_ascii).then_some(hash)
}

fn key_of<S: AsRef<str>>(patterns: &[S], hash: u64, number: usize) -> Key {
    (hash, -(patterns[number].as_ref().len() as isize), number)
}

/// The keys of the patterns that have a first word (`hashes`), sorted.
fn sorted_keys<S: AsRef<str>>(patterns: &[S], hashes: &[Option<u64>]) -> Vec<Key> {
    let mut keys: Vec<Key> = hashes
        .iter()
        .enumerate()
        .filter_map(|(number, hash)| hash.map(|hash| key_of(patterns, hash, number)))
        .collect();
    keys.sort_unstable();
    keys
}

/// The keys of `order`, if it is the sorted order of the patterns that
/// have a first word: strictly increasing keys (each pattern once, in
/// place), as many as there are such patterns.
fn checked_keys<S: AsRef<str>>(
    patterns: &[S],
    hashes: &[Option<u64>],
    order: &[usize],
) -> Option<Vec<Key>> {
    if order.len() != hashes.iter().filter(|h| h.is_some()).count() {
        return None;
    }
    let mut keys: Vec<Key> = Vec::with_capacity(order.len());
    for &number in order {
        let key = key_of(patterns, (*hashes.get(number)?)?, number);
        if keys.last().is_some_and(|last| *last >= key) {
            return None;
        }
        keys.push(key);
    }
    Some(keys)
}

impl Buckets {
    /// The buckets of `by_word`, sorted.
    fn build<S: AsRef<str>>(patterns: &[S], by_word: &[Key]) -> Buckets {
        let words = by_word.windows(2).filter(|w| w[0].0 != w[1].0).count() + 1;
        let size = (2 * words).next_power_of_two();
        let mut slots = vec![Slot::default(); size];
        let mut entries = Vec::with_capacity(by_word.len());
        let mut lowered = Vec::with_capacity(
            by_word
                .iter()
                .map(|&(_, minus_length, _)| minus_length.unsigned_abs())
                .sum(),
        );
        let mut i = 0;
        while i < by_word.len() {
            let hash = by_word[i].0;
            let begin = entries.len() as u32;
            while let Some(&(_, _, number)) = by_word.get(i).filter(|w| w.0 == hash) {
                let pattern = patterns[number].as_ref().as_bytes();
                entries.push(BucketEntry {
                    pattern: number as u32,
                    start: lowered.len() as u32,
                    len: pattern.len() as u32,
                });
                let start = lowered.len();
                lowered.extend_from_slice(pattern);
                lowered[start..].make_ascii_lowercase();
                i += 1;
            }
            let mut at = bucket_slot(hash, size - 1);
            while slots[at].begin != slots[at].end {
                at = (at + 1) & (size - 1);
            }
            slots[at] = Slot {
                hash,
                begin,
                end: entries.len() as u32,
            };
        }
        Buckets {
            slots: slots.into_boxed_slice(),
            entries: entries.into_boxed_slice(),
            lowered: lowered.into_boxed_slice(),
        }
    }
}

/// Whether `text` begins with `pattern` (lowercase), ignoring ASCII case;
/// eight bytes at a time.
#[inline]
fn starts_with_lowered(text: &[u8], pattern: &[u8]) -> bool {
    let Some(text) = text.get(..pattern.len()) else {
        return false;
    };
    let mut pairs = text.chunks_exact(8).zip(pattern.chunks_exact(8));
    for (t, p) in &mut pairs {
        let t = u64::from_le_bytes(t.try_into().expect("eight bytes"));
        let p = u64::from_le_bytes(p.try_into().expect("eight bytes"));
        if lower_eight(t) != p {
            return false;
        }
    }
    let tail = pattern.len() / 8 * 8;
    text[tail..]
        .iter()
        .zip(&pattern[tail..])
        .all(|(t, p)| t.to_ascii_lowercase() == *p)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_are_read_as_a_byte_loop_would() {
        let texts = [
            "Chervonenko said",
            "CHERVONENKO",
            "Ji",
            "Ji,",
            "Raúl",
            "abcdefgh",
            "abcdefgh ",
            "abcdefghé",
            "a9Z_x",
            "Zz@[`{",
            "",
            // Eight bytes or more: the one-load path.
            "Ji Pengfei",
            "JI,PENGFEI",
            "Raúl Roa said",
            "Kim Il Sung",
            "abcdefg h",
            "Zz@[`{abcdefgh",
            "[Stepan V.]",
            "姬鹏飞 and more",
            "Ji\r\nPengfei",
            // Words of eight to sixteen bytes with more after them.
            "Chervonenko said it",
            "Washingtonians  x",
            "Abcdefgh ijklmnopq",
            "Abcdefghijklmnop qrs",
            "Abcdefghijklmnoé qrs",
            "Abcdefghé ijklmnop",
            "Abcdefghijklmnopqrstuvwxyz0123456789 and",
        ];
        for text in texts {
            let bytes = text.as_bytes();
            let length = bytes
                .iter()
                .position(|b| !b.is_ascii_alphanumeric())
                .unwrap_or(bytes.len());
            let (hash, found, ends_in_ascii) = ascii_word(bytes);
            assert_eq!(found, length, "{text}");
            // The loads of the usual case hash as the loop does.
            assert_eq!(
                ascii_word_in_chunks(bytes),
                (hash, found, ends_in_ascii),
                "{text}"
            );
            assert_eq!(ends_in_ascii, bytes.get(length).is_none_or(u8::is_ascii));
            let lower = text[..length].to_ascii_lowercase() + " tail";
            assert_eq!(ascii_word(lower.as_bytes()).0, hash, "{text}");
        }
        for b in 0..=255u8 {
            let chunk = u64::from_le_bytes([b, b'a', b, b'Z', b, b'0', b, 0xC3]);
            let expected = chunk.to_le_bytes().map(|x| {
                if x.to_ascii_lowercase().is_ascii_alphanumeric() {
                    0x80
                } else {
                    0
                }
            });
            assert_eq!(
                alphanumerics(lower_eight(chunk)),
                u64::from_le_bytes(expected),
                "{b}"
            );
        }
    }

    /// `longest_pattern` against the binary search of `lookup.rs` at
    /// every place the verdict is `Maybe`: the same answer whenever that
    /// answer can be a mention (it does not end inside the word).
    fn check_against_the_lookup<S: AsRef<str>>(patterns: &[S], text: &str) {
        let words = FirstWords::build(patterns);
        let lookup = super::super::lookup::PatternLookup::build(patterns);
        let mut tried = 0;
        for start in (0..text.len()).filter(|&i| text.is_char_boundary(i)) {
            let rest = &text.as_bytes()[start..];
            if !rest[0].is_ascii_alphanumeric() {
                continue;
            }
            if let Verdict::Maybe(word) = words.verdict(rest) {
                tried += 1;
                let expected = lookup
                    .longest_prefix(rest)
                    .filter(|&(_, length)| length >= word.length);
                assert_eq!(
                    words.longest_pattern(word, rest, &lookup),
                    expected,
                    "{:?}",
                    &text[start..]
                );
            }
        }
        assert!(tried > 0 || patterns.is_empty());
    }

    #[test]
    fn finds_the_longest_pattern_of_the_word_as_the_lookup_does() {
        let patterns = [
            "Ji",
            "Ji Pengfei",
            "Ji Peng",
            "Jiang",
            "Kim Il Sung",
            "Kim Il",
            "Kim",
            "de Gaulle",
            "Raúl Roa",
            "Chi P’eng-fei",
            "Chi P'eng-fei",
            "Abcdefghijklmnop",
            "Abcdefghijklmnop Qrstuvwx",
            "X",
            "姬鹏飞",
        ];
        check_against_the_lookup(
            &patterns,
            "JI PENGFEI met Ji Peng, Jiang and KIM IL SUNG; kim il; Kim Ilsung Kim Il Sungx. \
             De Gaulle, Raúl Roa, CHI P’ENG-FEI, Chi P'eng-fei, Chi, X, x-y, Ji\r\nPeng \
             ABCDEFGHIJKLMNOP QRSTUVWX abcdefghijklmnop qrstuvw abcdefghijklmnopq Ji",
        );
        // Every pattern of the built-in registry, written in the ways a
        // text can run on after it.
        let registry = crate::registry::Registry::builtin();
        let table = super::super::patterns::PatternTable::build(registry);
        let mut text = String::new();
        for (i, pattern) in table.patterns().iter().enumerate() {
            text += pattern;
            text += [" said. ", "x ", ", ", "\r\n", "’s ", "-", " Il "][i % 7];
        }
        check_against_the_lookup(table.patterns(), &text);
    }

    /// A word with more patterns than a bucket is walked for (a large user
    /// registry's "K. Tervinkel", "K. Abramov", …) is answered by the
    /// binary search, with the same result as the walk.
    #[test]
    fn a_large_bucket_is_answered_by_the_binary_search() {
        let mut patterns: Vec<String> = (0..3 * LARGE_BUCKET)
            .map(|i| {
                format!(
                    "K. Name{}",
                    char::from(b'a' + (i % 26) as u8)
                        .to_string()
                        .repeat(1 + i as usize / 26)
                )
            })
            .collect();
        patterns.extend(["K", "K. N", "Kim", "K. Nameaa Junior"].map(String::from));
        let words = FirstWords::build(&patterns);
        let lookup = PatternLookup::build(&patterns);
        let text =
            "K. Namea, K. Nameaa Junior, K. Namez. K. Nameb said; k. nameaa; K. Nobody; K; Kim";
        check_against_the_lookup(&patterns, text);
        // The walk that a large bucket skips gives the same answers.
        let mut tried = 0;
        for start in (0..text.len()).filter(|&i| text.is_char_boundary(i)) {
            let rest = &text.as_bytes()[start..];
            if let (true, Verdict::Maybe(word)) =
                (rest[0].is_ascii_alphanumeric(), words.verdict(rest))
            {
                let slot = words
                    .buckets
                    .slots
                    .iter()
                    .find(|slot| slot.hash == word.hash && slot.begin != slot.end);
                let Some(&slot) = slot else { continue };
                tried += usize::from(slot.end - slot.begin > LARGE_BUCKET);
                assert_eq!(
                    words.walk_bucket(slot, word, rest),
                    words.longest_pattern(word, rest, &lookup),
                    "{:?}",
                    &text[start..]
                );
            }
        }
        assert!(tried >= 6, "{tried} places with a large bucket");
    }

    #[test]
    fn rules_out_words_that_begin_no_pattern() {
        let words = FirstWords::build(&["Ji Pengfei", "Ji", "de Gaulle", "Raúl Roa", "Kim-Il"]);
        for text in ["Ji said", "JI", "Ji-", "de Gaulle", "DE", "Kim Il"] {
            assert!(
                matches!(words.verdict(text.as_bytes()), Verdict::Maybe(_)),
                "{text}"
            );
        }
        for text in [
            "Jiang",
            "The",
            "Soviet",
            "Washington",
            "Raul",
            "Ra",
            "Kimball",
            "J",
            "J.",
            "Deb",
        ] {
            assert_eq!(words.verdict(text.as_bytes()), Verdict::NoName, "{text}");
        }
        assert_eq!(words.verdict("Raúl".as_bytes()), Verdict::Undecided);
        assert_eq!(words.verdict("Raúf".as_bytes()), Verdict::Undecided);
        assert_eq!(words.verdict("Rbúl".as_bytes()), Verdict::NoName);
        assert_eq!(words.verdict("Raúlx".as_bytes()), Verdict::Undecided);
        assert_eq!(words.verdict("Ji’s".as_bytes()), Verdict::Undecided);
    }

    /// The tables as comparable text (they hold no equality).
    fn shown(words: &FirstWords) -> String {
        let buckets = &words.buckets;
        let slots: Vec<_> = buckets
            .slots
            .iter()
            .map(|s| (s.hash, s.begin, s.end))
            .collect();
        let entries: Vec<_> = buckets
            .entries
            .iter()
            .map(|e| (e.pattern, e.start, e.len))
            .collect();
        format!(
            "{:?} {:?} {} {slots:?} {entries:?} {:?}",
            words.heads, words.bits, words.longest, buckets.lowered
        )
    }

    /// The order kept by the compiled-registry cache gives the tables a
    /// sort gives; any other order (a pattern missing, repeated, out of
    /// place or unknown) is not trusted, and the patterns are sorted again.
    #[test]
    fn a_kept_order_gives_the_sorted_tables_and_a_wrong_one_is_sorted_again() {
        let patterns = [
            "Ji",
            "Ji Pengfei",
            "Ji Peng",
            "Jiang",
            "Kim Il Sung",
            "Kim",
            "de Gaulle",
            "Raúl Roa",
            "X",
            "姬鹏飞",
            "K. Name",
            "K. Other",
        ];
        let sorted = FirstWords::sorted_order(&patterns);
        // The patterns without an ASCII first word that ends in ASCII are
        // left out ("Raúl Roa", "姬鹏飞").
        assert_eq!(sorted.len(), patterns.len() - 2, "{sorted:?}");
        let expected = shown(&FirstWords::build(&patterns));
        assert_eq!(shown(&FirstWords::with_order(&patterns, &sorted)), expected);
        let mut reversed = sorted.clone();
        reversed.reverse();
        let mut repeated = sorted.clone();
        repeated[1] = repeated[0];
        let mut unknown = sorted.clone();
        unknown[0] = patterns.len();
        let mut without_word = sorted.clone();
        without_word[0] = 7; // "Raúl Roa"
        for wrong in [
            reversed,
            repeated,
            unknown,
            without_word,
            sorted[1..].to_vec(),
            [sorted.as_slice(), &[0]].concat(),
            Vec::new(),
        ] {
            assert_eq!(
                shown(&FirstWords::with_order(&patterns, &wrong)),
                expected,
                "{wrong:?}"
            );
        }
    }
}
