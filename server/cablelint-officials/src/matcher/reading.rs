//! The text as a reader reads it: editorial square brackets dropped, so that
//! `Ji [Pengfei]`, `[Stepan V.] Chervonenko`, `M[ikoyan]` and `M.[ikoyan]`
//! read as ordinary names, with a map back to byte offsets of the original.
//!
//! Only the bracket characters themselves (and the period of `M.[ikoyan]`)
//! are dropped, never their content, so glosses such as `Filippov [Stalin]`
//! read as two adjacent names and ordinary words are unaffected.

use std::borrow::Cow;
use std::cell::Cell;
use std::ops::Range;

pub(crate) struct Reading<'t> {
    text: Cow<'t, str>,
    /// Original byte offsets of the dropped bytes, ascending.
    dropped: Vec<usize>,
    /// The blanked ranges, sorted and merged.
    skipped: Vec<Range<usize>>,
    /// The last answer of [`Reading::dropped_up_to`], where the next
    /// question starts looking.
    cursor: Cell<usize>,
}

/// The buffers go back to the thread for the next document.
impl Drop for Reading<'_> {
    fn drop(&mut self) {
        if let Cow::Owned(text) = std::mem::replace(&mut self.text, Cow::Borrowed("")) {
            super::spare::give_text(text.into_bytes());
        }
        super::spare::give_dropped(std::mem::take(&mut self.dropped));
    }
}

impl<'t> Reading<'t> {
    /// The reading of `original`, with the byte ranges `skip` blanked:
    /// every byte but a line break becomes a space, so offsets are kept and
    /// nothing in them is read as a name or a title.
    pub(crate) fn new(original: &'t str, skip: &[Range<usize>]) -> Reading<'t> {
        let bytes = original.as_bytes();
        if skip.is_empty() && memchr::memchr2(b'[', b']', bytes).is_none() {
            return Reading {
                text: Cow::Borrowed(original),
                dropped: Vec::new(),
                skipped: Vec::new(),
                cursor: Cell::new(0),
            };
        }
        // Bytes, not a String: blocks of sixteen are copied whole. Both
        // buffers are the last search's on this thread, if it left them.
        let mut text: Vec<u8> = super::spare::take_text();
        text.reserve(original.len() + 32);
        // A cable has tens of brackets: spare the first few regrowths.
        let mut dropped = super::spare::take_dropped();
        dropped.reserve(64);
        let mut at = 0;
        let skipped = blanked_ranges(original, skip);
        for range in skipped.iter().cloned() {
            read_brackets(original, at..range.start, &mut text, &mut dropped);
            push_blank(&mut text, &original[range.clone()]);
            at = range.end;
        }
        read_brackets(original, at..original.len(), &mut text, &mut dropped);
        debug_assert!(std::str::from_utf8(&text).is_ok());
        // SAFETY: `text` is `original` (valid UTF-8) with some ASCII bytes
        // left out and whole characters (the skipped ranges are widened to
        // character boundaries) replaced by ASCII spaces.
        let text = unsafe { String::from_utf8_unchecked(text) };
        Reading {
            text: Cow::Owned(text),
            dropped,
            skipped,
            cursor: Cell::new(0),
        }
    }

    /// The ranges of the original that read as blank.
    pub(crate) fn skipped(&self) -> &[Range<usize>] {
        &self.skipped
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
    /// `dropped[i] - i`, which never decreases, so the answer is where
    /// `pos` falls among those keys. Names (and their titles) are mapped
    /// in text order, so the walk from the last answer takes a step or
    /// two, where a binary search took about fifty instructions per
    /// offset; any order still gets the exact answer (the binary search
    /// below is the oracle of the tests).
    fn dropped_up_to(&self, pos: usize) -> usize {
        let dropped = &self.dropped;
        let mut i = self.cursor.get().min(dropped.len());
        while i < dropped.len() && dropped[i] - i <= pos {
            i += 1;
        }
        while i > 0 && dropped[i - 1] - (i - 1) > pos {
            i -= 1;
        }
        self.cursor.set(i);
        i
    }

    /// [`Reading::dropped_up_to`] by a binary search, without the cursor.
    #[cfg(test)]
    fn dropped_up_to_by_search(&self, pos: usize) -> usize {
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

/// Appends `part` with every byte but a line break replaced by a space.
fn push_blank(out: &mut Vec<u8>, part: &str) {
    out.extend(part.bytes().map(|b| if b == b'\n' { b'\n' } else { b' ' }));
}

/// `skip` sorted, merged, clipped to the text and widened to character
/// boundaries.
fn blanked_ranges(text: &str, skip: &[Range<usize>]) -> Vec<Range<usize>> {
    let mut ranges: Vec<Range<usize>> = skip
        .iter()
        .map(|r| {
            let mut start = r.start.min(text.len());
            let mut end = r.end.clamp(start, text.len());
            while !text.is_char_boundary(start) {
                start -= 1;
            }
            while !text.is_char_boundary(end) {
                end += 1;
            }
            start..end
        })
        .filter(|r| !r.is_empty())
        .collect();
    ranges.sort_by_key(|r| r.start);
    let mut merged: Vec<Range<usize>> = Vec::with_capacity(ranges.len());
    for range in ranges {
        match merged.last_mut() {
            Some(last) if range.start <= last.end => last.end = last.end.max(range.end),
            _ => merged.push(range),
        }
    }
    merged
}

/// Copies `bytes[part]` to `out` without its square brackets (and without
/// the period of `M.[ikoyan]`), recording the original offset of each
/// dropped byte.
fn read_brackets(text: &str, part: Range<usize>, out: &mut Vec<u8>, dropped: &mut Vec<usize>) {
    #[cfg(target_arch = "x86_64")]
    if std::is_x86_feature_detected!("avx2") {
        // SAFETY: the processor has AVX2.
        unsafe { read_brackets_avx2(text, part, out, dropped) };
        return;
    }
    read_brackets_in_blocks(text, part, out, dropped);
}

/// [`read_brackets`] with the blocks of [`copy_to_bracket`] (SSE2 on
/// x86-64): the plain version, and the one for processors without AVX2.
fn read_brackets_in_blocks(
    text: &str,
    part: Range<usize>,
    out: &mut Vec<u8>,
    dropped: &mut Vec<usize>,
) {
    let bytes = text.as_bytes();
    let mut at = part.start;
    while let Some(i) = copy_to_bracket(bytes, at, part.end, out) {
        drop_bracket(bytes, &part, i, out, dropped);
        at = i + 1;
    }
}

/// Records the bracket at `i` (everything before it copied to `out`) as
/// dropped.
#[inline(always)]
fn drop_bracket(
    bytes: &[u8],
    part: &Range<usize>,
    i: usize,
    out: &mut Vec<u8>,
    dropped: &mut Vec<usize>,
) {
    if is_after_abbreviation_point(bytes, part, i) {
        out.pop();
        dropped.push(i - 1);
    }
    dropped.push(i);
}

/// Whether the bracket at `i` completes an abbreviation, "M.[ikoyan]":
/// the point before it is superseded by the completion (it is the last
/// byte copied).
#[inline(always)]
fn is_after_abbreviation_point(bytes: &[u8], part: &Range<usize>, i: usize) -> bool {
    bytes[i] == b'['
        && i >= part.start + 2
        && bytes[i - 1] == b'.'
        && bytes[i - 2].is_ascii_alphabetic()
        && i + 1 < part.end
        && bytes[i + 1].is_ascii_lowercase()
}

/// At offset `n` (below 32), 32 - n zeros and then n bytes of all ones:
/// the blend that keeps what an output has before its last part.
#[cfg(target_arch = "x86_64")]
static LAST_PART: [u8; 64] = {
    let mut select = [0; 64];
    let mut i = 32;
    while i < 64 {
        select[i] = 0xFF;
        i += 1;
    }
    select
};

/// [`read_brackets`] 32 bytes at a time with AVX2: each block is stored
/// whole and tested for brackets in one pass, a few instructions per
/// block (the SSE2 blocks of `copy_to_bracket` cost about four times as
/// much, over every byte of every document with a bracket or a skipped
/// range). After a bracket the next block starts past it, in the same
/// loop; the last bytes, fewer than a block, are the end of the block that
/// ends with the part, blended into the output over what it holds there.
///
/// # Safety
/// The processor has AVX2.
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2")]
unsafe fn read_brackets_avx2(
    text: &str,
    part: Range<usize>,
    out: &mut Vec<u8>,
    dropped: &mut Vec<usize>,
) {
    use std::arch::x86_64::{
        __m256i, _mm256_blendv_epi8, _mm256_cmpeq_epi8, _mm256_loadu_si256, _mm256_movemask_epi8,
        _mm256_or_si256, _mm256_set1_epi8, _mm256_storeu_si256,
    };
    let bytes = text.as_bytes();
    let end = part.end.min(bytes.len());
    let mut from = part.start.min(end);
    // Room for every byte of the part and a whole block past them: the
    // output grows by at most the bytes read, so no store below needs to
    // check.
    out.reserve(end - from + 32);
    let open = _mm256_set1_epi8(b'[' as i8);
    let close = _mm256_set1_epi8(b']' as i8);
    let brackets = |block: __m256i| {
        _mm256_movemask_epi8(_mm256_or_si256(
            _mm256_cmpeq_epi8(block, open),
            _mm256_cmpeq_epi8(block, close),
        )) as u32
    };
    let base = out.as_mut_ptr();
    // The length is kept here and set at the end.
    let mut len = out.len();
    loop {
        // Whole blocks, up to one with a bracket (bit i of `mask`: the
        // byte at `from + i`); all of it is copied to the output at `len`.
        let mut mask = 0;
        while from + 32 <= end {
            // SAFETY: the load reads bytes[from..from + 32], within
            // `bytes`; the store writes 32 bytes of spare capacity (`len`
            // has grown by at most `from - part.start` since the reserve).
            mask = unsafe {
                let block = _mm256_loadu_si256(bytes.as_ptr().add(from).cast::<__m256i>());
                _mm256_storeu_si256(base.add(len).cast::<__m256i>(), block);
                brackets(block)
            };
            if mask != 0 {
                break;
            }
            len += 32;
            from += 32;
        }
        if mask == 0 {
            // The last bytes, fewer than a block, all copied.
            let left = end - from;
            mask = if left == 0 {
                break;
            } else if end >= 32 && len >= 32 - left {
                let before = 32 - left;
                // SAFETY: the load reads bytes[end - 32..end], within
                // `bytes`; the output's `before` bytes before `len` are
                // initialised, and are stored back as they were, with the
                // `left` bytes after them in spare capacity (see above);
                // the selection is LAST_PART[left..left + 32], within it.
                unsafe {
                    let block = _mm256_loadu_si256(bytes.as_ptr().add(end - 32).cast::<__m256i>());
                    let at = base.add(len - before).cast::<__m256i>();
                    let select = _mm256_loadu_si256(LAST_PART.as_ptr().add(left).cast::<__m256i>());
                    let blended = _mm256_blendv_epi8(_mm256_loadu_si256(at), block, select);
                    _mm256_storeu_si256(at, blended);
                    brackets(block) >> before
                }
            } else {
                // Fewer bytes than a block in the text, or in the output
                // before them: byte by byte.
                let rest = &bytes[from..end];
                // SAFETY: `left` bytes of spare capacity (see above), not
                // overlapping `bytes`, which `out` does not borrow.
                unsafe { std::ptr::copy_nonoverlapping(rest.as_ptr(), base.add(len), left) };
                rest.iter()
                    .enumerate()
                    .filter(|&(_, &b)| b == b'[' || b == b']')
                    .fold(0, |mask, (i, _)| mask | 1 << i)
            };
            if mask == 0 {
                len += left;
                break;
            }
        }
        let kept = mask.trailing_zeros() as usize;
        len += kept;
        let i = from + kept;
        if is_after_abbreviation_point(bytes, &part, i) {
            // The point, the last byte copied.
            len -= 1;
            dropped.push(i - 1);
        }
        dropped.push(i);
        from = i + 1;
    }
    // SAFETY: the bytes up to `len` were written above (or before).
    unsafe { out.set_len(len) };
}

/// Copies `bytes[from..end]` to `out` up to the first `[` or `]`, and
/// returns where that is (None: none, all copied). A cable has a bracket
/// every hundred bytes or so: blocks of 32 bytes are tested and copied
/// whole, in fewer instructions than memchr's set-up and a copy per piece.
#[inline]
fn copy_to_bracket(bytes: &[u8], mut from: usize, end: usize, out: &mut Vec<u8>) -> Option<usize> {
    let end = end.min(bytes.len());
    #[cfg(target_arch = "x86_64")]
    {
        use std::arch::x86_64::{
            __m128i, _mm_cmpeq_epi8, _mm_loadu_si128, _mm_movemask_epi8, _mm_or_si128,
            _mm_set1_epi8, _mm_storeu_si128,
        };
        // Brackets in a block of sixteen bytes, as bits.
        let brackets = |block: __m128i| {
            // SAFETY: SSE2 is enabled on every x86-64 target.
            unsafe {
                _mm_movemask_epi8(_mm_or_si128(
                    _mm_cmpeq_epi8(block, _mm_set1_epi8(b'[' as i8)),
                    _mm_cmpeq_epi8(block, _mm_set1_epi8(b']' as i8)),
                )) as u32
            }
        };
        while from + 32 <= end {
            if out.capacity() - out.len() < 32 {
                out.reserve(end - from);
            }
            // SAFETY: SSE2 is enabled on every x86-64 target; the loads
            // read bytes[from..from + 32], within `bytes`; the stores write
            // 32 bytes of the spare capacity of `out` (at least 32, checked
            // above).
            let mask = unsafe {
                let first = _mm_loadu_si128(bytes.as_ptr().add(from).cast::<__m128i>());
                let second = _mm_loadu_si128(bytes.as_ptr().add(from + 16).cast::<__m128i>());
                let to = out.as_mut_ptr().add(out.len());
                _mm_storeu_si128(to.cast::<__m128i>(), first);
                _mm_storeu_si128(to.add(16).cast::<__m128i>(), second);
                brackets(first) | brackets(second) << 16
            };
            let kept = if mask == 0 {
                32
            } else {
                mask.trailing_zeros() as usize
            };
            // SAFETY: the first `kept` bytes after the length were just
            // written.
            unsafe { out.set_len(out.len() + kept) };
            if mask != 0 {
                return Some(from + kept);
            }
            from += 32;
        }
    }
    let rest = bytes.get(from..end)?;
    match rest.iter().position(|&b| b == b'[' || b == b']') {
        Some(n) => {
            out.extend_from_slice(&rest[..n]);
            Some(from + n)
        }
        None => {
            out.extend_from_slice(rest);
            None
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn span_of(original: &str, needle: &str) -> String {
        let reading = Reading::new(original, &[]);
        let start = reading.text().find(needle).unwrap();
        let end = start + needle.len();
        original[reading.original_start(start)..reading.original_end(end)].to_owned()
    }

    #[test]
    fn copies_up_to_brackets_as_a_byte_search_does() {
        let text = "a[b]c ".repeat(9) + "[" + &" ".repeat(40) + "]x]é";
        let bytes = text.as_bytes();
        for from in 0..=bytes.len() {
            for end in from..=bytes.len() {
                let expected = bytes[from..end]
                    .iter()
                    .position(|&b| b == b'[' || b == b']')
                    .map(|i| from + i);
                let mut out = b"before".to_vec();
                assert_eq!(
                    copy_to_bracket(bytes, from, end, &mut out),
                    expected,
                    "{from}..{end}"
                );
                let copied_to = expected.unwrap_or(end);
                assert_eq!(&out[6..], &bytes[from..copied_to], "{from}..{end}");
            }
        }
    }

    #[test]
    fn reads_brackets_as_the_plain_version_does() {
        let text = "a[b]c M.[ikoyan] ".repeat(5)
            + "["
            + &" ".repeat(40)
            + "]x]é M.[i M.[ 𠀋[姬]"
            + &"z".repeat(70)
            + "[";
        let bytes = text.as_bytes();
        // Output before the part: none, less than a block, more (the last
        // bytes of a part are blended into it).
        let long_before = "o".repeat(40);
        for before in ["", "before", &long_before] {
            for start in 0..=bytes.len() {
                for end in (start..=bytes.len()).step_by(3) {
                    let (mut out, mut dropped) = (before.as_bytes().to_vec(), vec![1]);
                    read_brackets(&text, start..end, &mut out, &mut dropped);
                    let (mut plain_out, mut plain_dropped) = (before.as_bytes().to_vec(), vec![1]);
                    read_brackets_in_blocks(&text, start..end, &mut plain_out, &mut plain_dropped);
                    assert_eq!(out, plain_out, "{before:?} {start}..{end}");
                    assert_eq!(dropped, plain_dropped, "{before:?} {start}..{end}");
                }
            }
        }
    }

    #[test]
    fn the_cursor_counts_dropped_bytes_as_the_binary_search_does() {
        let text = "a[b]c M.[ikoyan] [[x]] ".repeat(4) + "plain 𠀋[姬] end[";
        let reading = Reading::new(&text, &[3..9, 40..44]);
        let len = reading.text().len();
        // Forwards, backwards, and in jumps both ways.
        let order = (0..=len)
            .chain((0..=len).rev())
            .chain((0..=len).map(|i| (i * 7919) % (len + 1)));
        for pos in order {
            assert_eq!(
                reading.dropped_up_to(pos),
                reading.dropped_up_to_by_search(pos),
                "{pos}"
            );
        }
    }

    #[test]
    fn maps_reading_spans_back_to_the_original() {
        assert_eq!(
            Reading::new("Ji [Pengfei] said", &[]).text(),
            "Ji Pengfei said"
        );
        assert_eq!(span_of("Ji [Pengfei] said", "Ji Pengfei"), "Ji [Pengfei");
        assert_eq!(
            Reading::new("M.[ikoyan] stated", &[]).text(),
            "Mikoyan stated"
        );
        assert_eq!(span_of("then M.[ikoyan] stated", "Mikoyan"), "M.[ikoyan");
        assert_eq!(
            span_of("[Stepan V.] Chervonenko", "Stepan V. Chervonenko"),
            "Stepan V.] Chervonenko"
        );
        assert_eq!(span_of("a [b] c [d] Stalin", "Stalin"), "Stalin");
        assert_eq!(span_of("no brackets Stalin", "Stalin"), "Stalin");
        let text = "chrome [x] Ji\r\n姬 line\nVice Minister Ji [Pengfei]\ncitation 𠀋\n";
        let body = text.find("Vice").unwrap();
        let citation = text.find("citation").unwrap();
        let reading = Reading::new(text, &[citation..text.len(), 0..body, 3..5]);
        assert_eq!(
            reading.text(),
            format!(
                "{}\n{}\nVice Minister Ji Pengfei\n{}\n",
                " ".repeat("chrome [x] Ji\r".len()),
                " ".repeat("姬 line".len()),
                " ".repeat("citation 𠀋".len())
            )
        );
        let ji = reading.text().find("Ji").unwrap();
        assert_eq!(reading.original_start(ji), text.find("Ji [").unwrap());
        assert_eq!(
            Reading::new("F.[oreign] M.[inistry] end.", &[]).text(),
            "Foreign Ministry end."
        );
    }
}
