//! A deterministic xorshift generator for tests that generate inputs (no
//! seed from the clock: a failure must replay).

pub(crate) struct Rng(pub(crate) u64);

impl Rng {
    pub(crate) fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    /// A number in `0..n`.
    pub(crate) fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    /// Up to `most` bytes (fewer at random) drawn from `alphabet`.
    pub(crate) fn bytes_of(&mut self, alphabet: &[u8], most: usize) -> Vec<u8> {
        (0..self.below(most))
            .map(|_| alphabet[self.below(alphabet.len())])
            .collect()
    }

    /// `count` pieces drawn from `pieces`, one after another.
    pub(crate) fn text_of(&mut self, pieces: &[&str], count: usize) -> String {
        (0..count)
            .map(|_| pieces[self.below(pieces.len())])
            .collect()
    }
}

/// Every offset of `text` that is a character boundary, its end included.
pub(crate) fn char_boundaries(text: &str) -> Vec<usize> {
    (0..=text.len())
        .filter(|&i| text.is_char_boundary(i))
        .collect()
}
