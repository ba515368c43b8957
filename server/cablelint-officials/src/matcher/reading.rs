//! The text as a reader reads it: editorial square brackets dropped, so that
//! `Ji [Pengfei]`, `[Stepan V.] Chervonenko`, `M[ikoyan]` and `M.[ikoyan]`
//! read as ordinary names, with a map back to byte offsets of the original.
//!
//! Only the bracket characters themselves (and the period of `M.[ikoyan]`)
//! are dropped, never their content, so glosses such as `Filippov [Stalin]`
//! read as two adjacent names and ordinary words are unaffected.

use std::borrow::Cow;

pub(crate) struct Reading<'t> {
    text: Cow<'t, str>,
    /// Original byte offsets of the dropped bytes, ascending.
    dropped: Vec<usize>,
}

impl<'t> Reading<'t> {
    pub(crate) fn new(original: &'t str) -> Reading<'t> {
        if !original.contains('[') && !original.contains(']') {
            return Reading {
                text: Cow::Borrowed(original),
                dropped: Vec::new(),
            };
        }
        let bytes = original.as_bytes();
        let mut text = String::with_capacity(original.len());
        let mut dropped = Vec::new();
        let mut kept_from = 0;
        for (i, &b) in bytes.iter().enumerate() {
            let drop = match b {
                b'[' | b']' => true,
                // "M.[ikoyan]": the abbreviation point is superseded by the
                // completion.
                b'.' => {
                    i > 0
                        && bytes[i - 1].is_ascii_alphabetic()
                        && bytes.get(i + 1) == Some(&b'[')
                        && bytes.get(i + 2).is_some_and(u8::is_ascii_lowercase)
                }
                _ => false,
            };
            if drop {
                text.push_str(&original[kept_from..i]);
                kept_from = i + 1;
                dropped.push(i);
            }
        }
        text.push_str(&original[kept_from..]);
        Reading {
            text: Cow::Owned(text),
            dropped,
        }
    }

    pub(crate) fn text(&self) -> &str {
        &self.text
    }

    /// Original offset of the byte at reading offset `pos`.
    pub(crate) fn original_start(&self, pos: usize) -> usize {
        pos + self.dropped_up_to(pos)
    }

    /// Original offset just past the byte before reading offset `end`.
    pub(crate) fn original_end(&self, end: usize) -> usize {
        if end == 0 {
            return 0;
        }
        self.original_start(end - 1) + 1
    }

    /// Number of dropped bytes that come before the byte at reading offset
    /// `pos`. The i-th dropped byte would have sat at reading offset
    /// `dropped[i] - i`, which never decreases, so a binary search works.
    fn dropped_up_to(&self, pos: usize) -> usize {
        let (mut lo, mut hi) = (0, self.dropped.len());
        while lo < hi {
            let mid = (lo + hi) / 2;
            if self.dropped[mid] - mid <= pos {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        lo
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn span_of(original: &str, needle: &str) -> String {
        let reading = Reading::new(original);
        let start = reading.text().find(needle).unwrap();
        let end = start + needle.len();
        original[reading.original_start(start)..reading.original_end(end)].to_owned()
    }

    #[test]
    fn maps_reading_spans_back_to_the_original() {
        assert_eq!(Reading::new("Ji [Pengfei] said").text(), "Ji Pengfei said");
        assert_eq!(span_of("Ji [Pengfei] said", "Ji Pengfei"), "Ji [Pengfei");
        assert_eq!(Reading::new("M.[ikoyan] stated").text(), "Mikoyan stated");
        assert_eq!(span_of("then M.[ikoyan] stated", "Mikoyan"), "M.[ikoyan");
        assert_eq!(
            span_of("[Stepan V.] Chervonenko", "Stepan V. Chervonenko"),
            "Stepan V.] Chervonenko"
        );
        assert_eq!(span_of("a [b] c [d] Stalin", "Stalin"), "Stalin");
        assert_eq!(span_of("no brackets Stalin", "Stalin"), "Stalin");
        assert_eq!(
            Reading::new("F.[oreign] M.[inistry] end.").text(),
            "Foreign Ministry end."
        );
    }
}
