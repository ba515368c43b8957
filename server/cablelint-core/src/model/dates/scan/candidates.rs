//! Where a date can start, found without looking at most bytes.
//!
//! Every form but the Chinese ones holds an ASCII digit, and a match's first
//! digit is the first digit at or after its start; so the starts whose first
//! digit is `d` lie after the digit before `d`, and walking through the
//! digits in order walks through the starts in order. For each digit the
//! scanner lists the places such a match can start (a superset: the forms
//! decide), adds the Chinese numerals met since the last digit, and tries
//! the forms at each place in order; the first match is the one the
//! leftmost-first regex over all forms found.

use super::super::DateMention;
use super::engine::{is_word_boundary, last_piece, Matcher};
use super::fast::{self, Outcome};
use super::forms::{starts_chinese_date, Form, Pattern, AFTER_BOUNDARY, BY_FIRST_BYTE, PATTERNS};
use super::quick::{byte, digit_run, number_class, utf8_len, AFTER_DAY_OR_TIME, BY_NUMBER};
use super::read::read;
use super::words::NAMES;
use crate::model::SectionKind;
use crate::text::Span;

/// 1: an ASCII digit; 2: the first byte of a character a Chinese date can
/// start with (〇 ○ 零, 一 to 九, 十 廿 卅, full-width digits).
static TRIGGER: [u8; 256] = {
    let mut table = [0u8; 256];
    let mut b = b'0';
    while b <= b'9' {
        table[b as usize] = 1;
        b += 1;
    }
    table[0xE2] = 2;
    table[0xE3] = 2;
    table[0xE4] = 2;
    table[0xE5] = 2;
    table[0xE9] = 2;
    table[0xEF] = 2;
    table
};

#[cfg(test)]
pub(super) fn trigger(byte: u8) -> u8 {
    TRIGGER[usize::from(byte)]
}

/// The most bytes between 批发 and its code's first digit: 批发, a colon and
/// twelve characters.
const CODE_REACH: usize = 64;

/// The first byte of 批.
const CODE_LEAD: u8 = 0xE6;

/// The first byte of the punctuation block (– — “ ” …) and of ○, and the
/// second byte of ○, the only character so led that starts a date.
pub(super) const SYMBOL_LEAD: u8 = 0xE2;
pub(super) const CIRCLE_SECOND: u8 = 0x97;

/// The lists the scanner fills for each digit, kept from one section to
/// the next (a document has several) so that they are allocated once.
pub(super) struct Scratch {
    starts: Vec<usize>,
    chinese: Vec<usize>,
}

impl Default for Scratch {
    /// Room for a digit's few starts at once: the list is filled for every
    /// digit of a document, and growing it from empty cost a call.
    fn default() -> Self {
        Scratch {
            starts: Vec::with_capacity(8),
            chinese: Vec::new(),
        }
    }
}

pub(super) fn scan(
    text: &str,
    span: Span,
    kind: SectionKind,
    out: &mut Vec<DateMention>,
    scratch: &mut Scratch,
) {
    each_match(text, span, scratch, |whole, pattern, matcher| {
        let group = |index: usize| {
            let (s, e) = matcher.group(index)?;
            Some(Span::new(s, e))
        };
        read(
            text,
            whole,
            pattern.form,
            &group,
            matcher.month(),
            kind,
            out,
        );
    });
}

/// Calls `found` with every match in `text[span]`, in order, as the
/// leftmost-first regex over all forms would find them one after another.
pub(super) fn each_match(
    text: &str,
    span: Span,
    scratch: &mut Scratch,
    mut found: impl FnMut(Span, &Pattern, &Matcher),
) {
    let bytes = text.as_bytes();
    let end = span.end.min(text.len());
    let patterns = &*PATTERNS;
    let mut matcher = Matcher::new(text, end);
    let Scratch { starts, chinese } = scratch;
    starts.clear();
    chinese.clear();
    // Matches start at or after `from`; the next trigger is looked for from `at`.
    let mut from = span.start;
    let mut at = span.start;
    // The last first byte of 批 passed over: every byte from `from` to the
    // next digit is, so a 批发 before that digit was seen.
    let mut last_code_lead: Option<usize> = None;
    loop {
        let digit = loop {
            loop {
                at = skip_plain_ascii(bytes, at, end);
                if at >= end || TRIGGER[usize::from(bytes[at])] != 0 {
                    break;
                }
                if bytes[at] == CODE_LEAD {
                    last_code_lead = Some(at);
                }
                // The lead byte of a character no date starts with: its
                // continuation bytes (no trigger, no 批) are passed over with
                // it rather than one skip each.
                at += utf8_len(bytes[at]);
            }
            if at >= end {
                break None;
            }
            if bytes[at].is_ascii_digit() {
                break Some(at);
            }
            // A lead byte of a three-byte character, so a character boundary.
            // Of those led by 0xE2 (dashes, quotes, "…", common in cables)
            // only ○ (E2 97 8B) starts a date: the others are passed over
            // without being decoded (a test checks every one).
            if bytes[at] == SYMBOL_LEAD && bytes.get(at + 1) != Some(&CIRCLE_SECOND) {
                at += 3;
                continue;
            }
            let c = text[at..].chars().next().unwrap_or_default();
            if starts_chinese_date(c) {
                chinese.push(at);
            }
            at += c.len_utf8().max(1);
        };
        starts.clear();
        starts.append(chinese);
        if let Some(d) = digit {
            starts_before_digit(text, from, d, starts);
            if last_code_lead.is_some_and(|p| p >= from && p + CODE_REACH >= d) {
                code_starts(text, from, d, starts);
            }
            starts.sort_unstable();
            starts.dedup();
        }
        match first_match(&mut matcher, patterns, &bytes[..end], starts) {
            Some((start, stop, pattern)) => {
                found(Span::new(start, stop), pattern, &matcher);
                from = stop;
                at = stop;
            }
            None => match digit {
                Some(d) => {
                    from = past_number_inside(&bytes[..end], d);
                    at = from;
                }
                None => break,
            },
        }
    }
}

/// Where to look on after no match starts at the digit `d`: the next
/// digit, unless no match can start at the digits after `d` in its number.
///
/// Such a digit follows a digit, so it starts the round alone (no name,
/// bracket or 批发 can stand between the two) and after no word boundary:
/// only the forms not starting with `\b` are tried there ([`INSIDE_NUMBER`]),
/// the day-first form (one or two digits, then what a day or a time goes on
/// with) and the Chinese one (one to four digits, then a character outside
/// ASCII). Most numbers that are no date ("1962,", "No. 6046") end in a byte
/// neither takes: their digits after the first are passed over at once.
fn past_number_inside(bytes: &[u8], d: usize) -> usize {
    let mut end = d + 1;
    while end < bytes.len() && bytes[end].is_ascii_digit() {
        end += 1;
    }
    let after = bytes.get(end).copied().unwrap_or(0);
    if after >= 0x80 {
        d + 1
    } else if AFTER_DAY_OR_TIME.contains(after) {
        // The last two digits may still start a day.
        (d + 1).max(end.saturating_sub(2))
    } else {
        end
    }
}

/// The forms [`past_number_inside`] knows can start inside a number (a
/// test checks the set against the trees).
#[cfg(test)]
pub(super) const INSIDE_NUMBER: [Form; 2] = [Form::DayFirst, Form::Chinese];

/// The first byte at or after `at` (or `end`) that is an ASCII digit or not
/// ASCII, eight bytes at a time: the bytes of ordinary text are passed over
/// with a few word operations each.
pub(super) fn skip_plain_ascii(bytes: &[u8], mut at: usize, end: usize) -> usize {
    #[cfg(target_arch = "x86_64")]
    {
        if std::is_x86_feature_detected!("avx2") {
            // SAFETY: the processor has AVX2 (checked just above).
            match unsafe { skip_plain_ascii_avx2(&bytes[..end], at) } {
                Ok(found) => return found,
                Err(rest) => at = rest,
            }
        }
        match skip_plain_ascii_sse2(&bytes[..end], at) {
            Ok(found) => return found,
            Err(rest) => at = rest,
        }
    }
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    while at + 8 <= end {
        let chunk: [u8; 8] = bytes[at..at + 8].try_into().unwrap_or_default();
        let word = u64::from_le_bytes(chunk);
        let low = word & (ONES * 0x7F);
        // Per byte, the high bit of (0xB9 - b) says b <= '9' and that of
        // (b + 0x50) says b >= '0'; no byte borrows from or carries into the
        // next. Non-ASCII bytes are flagged by their own high bit.
        let digit = (ONES * 0xB9).wrapping_sub(low) & !word & (low + ONES * 0x50) & HIGH;
        let flagged = digit | (word & HIGH);
        if flagged != 0 {
            return at + (flagged.trailing_zeros() / 8) as usize;
        }
        at += 8;
    }
    while at < end && bytes[at].is_ascii() && !bytes[at].is_ascii_digit() {
        at += 1;
    }
    at
}

/// [`skip_plain_ascii_sse2`] thirty-two bytes at a time with AVX2, where
/// the processor has it (it halves the cost of the bytes passed over): the
/// same add, compare and or, on blocks twice as wide, two blocks a step,
/// and the last block overlapping the one before (so it answers `Ok` for
/// any slice of 32 bytes or more).
///
/// # Safety
///
/// The processor must support AVX2.
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2")]
unsafe fn skip_plain_ascii_avx2(bytes: &[u8], mut at: usize) -> Result<usize, usize> {
    use std::arch::x86_64::{
        __m256i, _mm256_add_epi8, _mm256_cmpgt_epi8, _mm256_loadu_si256, _mm256_movemask_epi8,
        _mm256_or_si256, _mm256_set1_epi8,
    };
    // Per byte of a block, its high bit set when it is a digit or not ASCII.
    let flagged = |block: __m256i| {
        let shifted = _mm256_add_epi8(block, _mm256_set1_epi8(0x46));
        _mm256_or_si256(_mm256_cmpgt_epi8(shifted, _mm256_set1_epi8(0x75)), block)
    };
    // Two blocks a step, their flags joined for one test: most steps find
    // nothing, and pay one test for sixty-four bytes.
    while at + 64 <= bytes.len() {
        // SAFETY: AVX2 is enabled for this function; both unaligned loads
        // read within `bytes` (at + 64 <= bytes.len()).
        let (first, second) = unsafe {
            let pointer = bytes.as_ptr().add(at);
            (
                flagged(_mm256_loadu_si256(pointer.cast::<__m256i>())),
                flagged(_mm256_loadu_si256(pointer.add(32).cast::<__m256i>())),
            )
        };
        if _mm256_movemask_epi8(_mm256_or_si256(first, second)) != 0 {
            let mask = _mm256_movemask_epi8(first) as u32;
            if mask != 0 {
                return Ok(at + mask.trailing_zeros() as usize);
            }
            let mask = _mm256_movemask_epi8(second) as u32;
            return Ok(at + 32 + mask.trailing_zeros() as usize);
        }
        at += 64;
    }
    while at + 32 <= bytes.len() {
        // SAFETY: AVX2 is enabled for this function; the unaligned load
        // reads within `bytes` (at + 32 <= bytes.len()).
        let block = unsafe { _mm256_loadu_si256(bytes.as_ptr().add(at).cast::<__m256i>()) };
        let mask = _mm256_movemask_epi8(flagged(block)) as u32;
        if mask != 0 {
            return Ok(at + mask.trailing_zeros() as usize);
        }
        at += 32;
    }
    // The last few bytes of a section (every section ends so): the block
    // ending with them, its flags for the bytes before `at` shifted out,
    // instead of sixteen, eight, then one at a time.
    if at < bytes.len() && bytes.len() >= 32 {
        let base = bytes.len() - 32;
        // SAFETY: AVX2 is enabled for this function; the unaligned load
        // reads `bytes[base..base + 32]`, the slice's last 32 bytes.
        let block = unsafe { _mm256_loadu_si256(bytes.as_ptr().add(base).cast::<__m256i>()) };
        // `at` > `base` (fewer than 32 bytes are left after it).
        let mask = (_mm256_movemask_epi8(flagged(block)) as u32) >> (at - base);
        return Ok(if mask != 0 {
            at + mask.trailing_zeros() as usize
        } else {
            bytes.len()
        });
    }
    Err(at)
}

/// [`skip_plain_ascii`] sixteen bytes at a time with SSE2 (part of every
/// x86-64 processor): the first digit or non-ASCII byte in the whole
/// blocks of sixteen from `at` (`Ok`), else where those blocks end (`Err`). It passes over every byte of the scanned sections,
/// so each block costs one add, one compare and one or: adding 0x46 moves
/// the digits to 0x76–0x7F, the only bytes then (as signed) above 0x75,
/// and a byte outside ASCII has its high bit set already.
#[cfg(target_arch = "x86_64")]
#[inline]
pub(super) fn skip_plain_ascii_sse2(bytes: &[u8], mut at: usize) -> Result<usize, usize> {
    use std::arch::x86_64::{
        __m128i, _mm_add_epi8, _mm_cmpgt_epi8, _mm_loadu_si128, _mm_movemask_epi8, _mm_or_si128,
        _mm_set1_epi8,
    };
    while at + 16 <= bytes.len() {
        // SAFETY: SSE2 is enabled on every x86-64 target; the unaligned
        // load reads within `bytes` (at + 16 <= bytes.len()).
        let mask = unsafe {
            let block = _mm_loadu_si128(bytes.as_ptr().add(at).cast::<__m128i>());
            let shifted = _mm_add_epi8(block, _mm_set1_epi8(0x46));
            let digit = _mm_cmpgt_epi8(shifted, _mm_set1_epi8(0x75));
            _mm_movemask_epi8(_mm_or_si128(digit, block)) as u32
        };
        if mask != 0 {
            return Ok(at + mask.trailing_zeros() as usize);
        }
        at += 16;
    }
    Err(at)
}

/// The first place of `starts` where a form matches, with the match's end
/// and the form (the matcher keeps its groups).
fn first_match<'p>(
    matcher: &mut Matcher,
    patterns: &'p [Pattern],
    bytes: &[u8],
    starts: &[usize],
) -> Option<(usize, usize, &'p Pattern)> {
    let by_first_byte = &*BY_FIRST_BYTE;
    let after_boundary = *AFTER_BOUNDARY;
    for &start in starts {
        // The patterns whose trees may start with the byte, in their order,
        // then each form's own test.
        let mut candidates = by_first_byte[usize::from(bytes[start])];
        // `start` < the section's end, so the bytes on both sides of it are
        // the text's, as the tree's `\b` sees them.
        if !is_word_boundary(bytes, start) {
            candidates &= !after_boundary;
        }
        if bytes[start].is_ascii_digit() {
            let run = digit_run(bytes, start);
            candidates &= BY_NUMBER[number_class(run)][usize::from(byte(bytes, start + run))];
        }
        while candidates != 0 {
            let pattern = &patterns[candidates.trailing_zeros() as usize];
            candidates &= candidates - 1;
            if (pattern.may_start)(bytes, start) {
                let stop = match by_hand(matcher, pattern, bytes, start) {
                    Outcome::Match(stop) => Some(stop),
                    Outcome::NoMatch => None,
                    Outcome::Unsure => matcher.run(&pattern.node, start),
                };
                if let Some(stop) = stop {
                    return Some((start, stop, pattern));
                }
            }
        }
    }
    None
}

/// The forms met most often, matched without their trees where that is
/// simple (`fast.rs`).
fn by_hand(matcher: &mut Matcher, pattern: &Pattern, bytes: &[u8], start: usize) -> Outcome {
    if pattern.form == Form::Code {
        return fast::code(matcher, bytes, start);
    }
    if pattern.form == Form::MonthFirst && bytes[start].is_ascii_alphabetic() {
        return match last_piece(&pattern.node) {
            Some(after) => fast::month_first(matcher, bytes, start, after),
            None => Outcome::Unsure,
        };
    }
    if !bytes[start].is_ascii_digit() {
        return Outcome::Unsure;
    }
    match pattern.form {
        Form::Ordinal => fast::ordinal(matcher, bytes, start),
        Form::DayFirst => match last_piece(&pattern.node) {
            Some(after) => fast::day_first(matcher, bytes, start, after),
            None => Outcome::Unsure,
        },
        Form::Numeric | Form::NumericNoYear => match last_piece(&pattern.node) {
            Some(after) => {
                let with_year = pattern.form == Form::Numeric;
                fast::numeric(matcher, bytes, start, with_year, after)
            }
            None => Outcome::Unsure,
        },
        _ => Outcome::Unsure,
    }
}

/// Every place at or after `from` where a match whose first digit is `d`
/// could start (more places are harmless: the forms decide).
fn starts_before_digit(text: &str, from: usize, d: usize, out: &mut Vec<usize>) {
    let bytes = text.as_bytes();
    out.push(d);
    if d > from {
        match bytes[d - 1] {
            // "[28] June": a supplied day.
            b'[' => out.push(d - 1),
            // "(64) January", "No. (61)".
            b'(' => {
                out.push(d - 1);
                out.extend(serial_number_start(bytes, from, d - 1));
            }
            // "ON/26/26/X/62"
            b'/' if d >= from + 3 && bytes[d - 3..d].eq_ignore_ascii_case(b"on/") => {
                out.push(d - 3)
            }
            _ => {}
        }
    }
    name_starts(text, from, d, out);
}

/// "No. (": `\bNo\.?[ \t]{0,4}` before the parenthesis at `paren`.
fn serial_number_start(bytes: &[u8], from: usize, paren: usize) -> Option<usize> {
    let mut at = paren;
    while at > from && paren - at < 4 && matches!(bytes[at - 1], b' ' | b'\t') {
        at -= 1;
    }
    if at > from && bytes[at - 1] == b'.' {
        at -= 1;
    }
    (at >= from + 2 && bytes[at - 2..at].eq_ignore_ascii_case(b"no")).then(|| at - 2)
}

/// The end of the `[ \t]{1,4}` run that ends at `at` (its first byte), when
/// the run is one to four long and starts at or after `from`.
fn before_spaces(bytes: &[u8], from: usize, at: usize) -> Option<usize> {
    let mut start = at;
    while start > from && at - start < 5 && matches!(bytes[start - 1], b' ' | b'\t') {
        start -= 1;
    }
    (1..=4).contains(&(at - start)).then_some(start)
}

/// A name before the number: "June 28", "June [28]", "[June] 28",
/// "Monday, June 28", "June 1962", "Monday, 28 June". Whatever the form, the
/// digit follows `[ \t]{1,4}` (and maybe `[`), after the name and at most a
/// dot, a bracket and a comma; a month may have a weekday before it.
fn name_starts(text: &str, from: usize, d: usize, out: &mut Vec<usize>) {
    let bytes = text.as_bytes();
    let mut gap_end = d;
    if gap_end > from && bytes[gap_end - 1] == b'[' {
        gap_end -= 1;
    }
    let Some(mut name_end) = before_spaces(bytes, from, gap_end) else {
        return;
    };
    for mark in [b',', b']', b'.'] {
        if name_end > from && bytes[name_end - 1] == mark {
            name_end -= 1;
        }
    }
    if name_end == from || bytes[name_end - 1].is_ascii_digit() {
        return;
    }
    let names = &*NAMES;
    for &start in names.weekdays_backwards.starts(text, from, name_end).iter() {
        out.push(start);
    }
    for &start in names.months_backwards.starts(text, from, name_end).iter() {
        out.push(start);
        weekday_before(text, from, start, out);
        if start > from && bytes[start - 1] == b'[' {
            out.push(start - 1);
            weekday_before(text, from, start - 1, out);
        }
    }
}

/// "Monday, " before a month at `month_start`.
fn weekday_before(text: &str, from: usize, month_start: usize, out: &mut Vec<usize>) {
    let bytes = text.as_bytes();
    let Some(mut end) = before_spaces(bytes, from, month_start) else {
        return;
    };
    if end > from && bytes[end - 1] == b',' {
        end -= 1;
    }
    out.extend(NAMES.weekdays_backwards.starts(text, from, end).iter());
}

/// 批发 (a code's marker) in the bytes before the digit.
fn code_starts(text: &str, from: usize, d: usize, out: &mut Vec<usize>) {
    let window = from.max(d.saturating_sub(CODE_REACH))..d;
    for at in memchr::memrchr_iter(CODE_LEAD, &text.as_bytes()[window.clone()]) {
        let at = window.start + at;
        if text.as_bytes()[at..].starts_with("批发".as_bytes()) {
            out.push(at);
        }
    }
}
