//! Cheap tests on the bytes at a place, each false only where a form (or
//! a piece of one) cannot match there, so the matcher is spared trying it.
//! Each reads the form's pattern as a necessary condition; bytes outside
//! ASCII always pass where a letter could stand (a letter written outside
//! ASCII may fold to an ASCII one, as long s to s). The tests against the
//! regex oracle check them with the rest.

use super::forms::{Form, FORMS};
use super::words::NAMES;

/// What a time starting with digits needs after them: two digits after
/// `:` `.` or `h`, or a.m./p.m. ("1.5 2.5" is no time); or four digits
/// (1830hs). Anything else (noon, midnight, bytes outside ASCII) is left
/// to the tree.
pub(super) fn may_be_time(bytes: &[u8], at: usize) -> bool {
    if !byte(bytes, at).is_ascii_digit() {
        return true;
    }
    let run = digit_run(bytes, at);
    let two_digits_at =
        |i: usize| byte(bytes, i).is_ascii_digit() && byte(bytes, i + 1).is_ascii_digit();
    match run {
        1 | 2 => match byte(bytes, at + run) {
            b':' | b'.' | b'h' | b'H' => two_digits_at(at + run + 1),
            b' ' | b'\t' => {
                let b = byte(bytes, at + run + 1);
                matches!(b, b'a' | b'A' | b'p' | b'P') || b >= 0x80
            }
            b => matches!(b, b'a' | b'A' | b'p' | b'P') || b >= 0x80,
        },
        4 => true,
        _ => false,
    }
}

/// A set of bytes as a table: one load to test a byte.
pub(super) struct Bytes([bool; 256]);

impl Bytes {
    const fn of(list: &[u8]) -> Bytes {
        let mut table = [false; 256];
        let mut i = 0;
        while i < list.len() {
            table[list[i] as usize] = true;
            i += 1;
        }
        Bytes(table)
    }

    pub(super) const fn contains(&self, b: u8) -> bool {
        self.0[b as usize]
    }
}

/// The byte at `at`, or 0 past the end.
pub(super) fn byte(bytes: &[u8], at: usize) -> u8 {
    bytes.get(at).copied().unwrap_or(0)
}

/// How many ASCII digits start at `at` (counting stops at 5). Every form
/// starting with a digit asks it, several times a place: where eight bytes
/// follow they are judged at once, with the test of `skip_plain_ascii`
/// (per byte, the high bit of 0xB9 − b says b ≤ '9' and that of b + 0x50
/// says b ≥ '0', with no borrow or carry between bytes for ASCII; a byte
/// outside ASCII is no digit). [`digit_run_plain`] is the tests' oracle.
#[inline]
pub(super) fn digit_run(bytes: &[u8], at: usize) -> usize {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let Some(chunk) = bytes.get(at..at.wrapping_add(8)) else {
        return digit_run_plain(bytes, at);
    };
    let mut word = [0u8; 8];
    word.copy_from_slice(chunk);
    let word = u64::from_le_bytes(word);
    let low = word & (ONES * 0x7F);
    let digit = (ONES * 0xB9).wrapping_sub(low) & !word & (low + ONES * 0x50) & HIGH;
    // The first byte that is no digit, at most 5 (the plain count's limit).
    let first_other = ((!digit & HIGH).trailing_zeros() / 8) as usize;
    first_other.min(5)
}

/// [`digit_run`] a byte at a time (and where fewer than eight bytes are
/// left).
pub(super) fn digit_run_plain(bytes: &[u8], at: usize) -> usize {
    let mut run = 0;
    while run < 5 && bytes.get(at + run).is_some_and(u8::is_ascii_digit) {
        run += 1;
    }
    run
}

/// A number of one or two digits at `at` followed by one of `next`: what
/// every form taking a day or month first needs (a third digit, or another
/// byte, fails its next piece whatever the repetitions try).
pub(super) fn short_number_then(bytes: &[u8], at: usize, next: &Bytes) -> bool {
    let run = digit_run(bytes, at);
    (1..=2).contains(&run) && next.contains(byte(bytes, at + run))
}

/// The same, where a letter may follow: any non-ASCII byte passes too (a
/// letter written outside ASCII may fold to an ASCII one, as long s to s).
pub(super) fn short_number_then_letter(bytes: &[u8], at: usize, next: &Bytes) -> bool {
    let run = digit_run(bytes, at);
    let b = byte(bytes, at + run);
    (1..=2).contains(&run) && (next.contains(b) || b >= 0x80)
}

/// What a day or a time before a month can go on with: `[:.]` or a.m./p.m.
/// after a time, a suffix (st nd rd th d), `]`, `.` or a space after a day.
pub(super) static AFTER_DAY_OR_TIME: Bytes = Bytes::of(b":. \t]aApPsSnNrRtTdD");

/// A day, or a time before a day, at `at`: one or two digits, then what
/// [`AFTER_DAY_OR_TIME`] allows; after a dot, a space (the day's dot) or
/// two digits (a time); after a colon, two digits.
#[cfg(test)]
pub(super) fn may_be_day_or_time(bytes: &[u8], at: usize) -> bool {
    if !short_number_then_letter(bytes, at, &AFTER_DAY_OR_TIME) {
        return false;
    }
    let run = digit_run(bytes, at);
    let (next, after) = (byte(bytes, at + run + 1), byte(bytes, at + run + 2));
    match byte(bytes, at + run) {
        b'.' => matches!(next, b' ' | b'\t') || (next.is_ascii_digit() && after.is_ascii_digit()),
        b':' => next.is_ascii_digit() && after.is_ascii_digit(),
        _ => true,
    }
}

/// What a Roman, numeric or ordinal date goes on with after its day.
pub(super) static ROMAN_SEPARATORS: Bytes = Bytes::of(b"./ ");
pub(super) static NUMERIC_SEPARATORS: Bytes = Bytes::of(b"./");
pub(super) static ORDINAL_SUFFIX_STARTS: Bytes = Bytes::of(b"sSnNrRtTdD");

/// What `time_before` needs: one or two digits, then `[:.]` and a digit, or
/// a.m./p.m. (maybe after a space or tab). A day ("28 June") fails it.
pub(super) fn may_be_time_before(bytes: &[u8], at: usize) -> bool {
    let run = digit_run(bytes, at);
    if !(1..=2).contains(&run) {
        return false;
    }
    let is_a_or_p = |b: u8| matches!(b, b'a' | b'A' | b'p' | b'P') || b >= 0x80;
    match byte(bytes, at + run) {
        b':' | b'.' => byte(bytes, at + run + 1).is_ascii_digit(),
        b' ' | b'\t' => is_a_or_p(byte(bytes, at + run + 1)),
        b => is_a_or_p(b),
    }
}

/// What `after` needs: maybe a dot, then a comma or dash, or one to four
/// spaces (maybe then "at", "um", "o" or "в" and spaces), then a time: a
/// digit, the n of noon or the m of midnight. Bytes outside ASCII pass, to
/// be safe with dashes and folding.
pub(super) fn may_be_time_after(bytes: &[u8], at: usize) -> bool {
    let spaces_from = |i: usize| {
        bytes[i.min(bytes.len())..]
            .iter()
            .take(5)
            .take_while(|b| matches!(b, b' ' | b'\t'))
            .count()
    };
    let starts_time =
        |b: u8| b.is_ascii_digit() || matches!(b, b'n' | b'N' | b'm' | b'M') || b >= 0x80;
    let dot = usize::from(byte(bytes, at) == b'.');
    let spaces = spaces_from(at + dot);
    let next = at + dot + spaces;
    if spaces <= 4 && matches!(byte(bytes, next), b',' | b'-') || byte(bytes, next) >= 0x80 {
        return true;
    }
    if !(1..=4).contains(&spaces) {
        return false;
    }
    if starts_time(byte(bytes, next)) {
        return true;
    }
    let word = match byte(bytes, next).to_ascii_lowercase() {
        b'a' if byte(bytes, next + 1).eq_ignore_ascii_case(&b't') => 2,
        b'u' if byte(bytes, next + 1).eq_ignore_ascii_case(&b'm') => 2,
        b'o' => 1,
        _ => return false,
    };
    let after_word = spaces_from(next + word);
    (1..=4).contains(&after_word) && starts_time(byte(bytes, next + word + after_word))
}

/// A `[`, or the first letter of a month or weekday name (after folding):
/// what the month-first form starts with.
pub(super) fn bracket_or_name(bytes: &[u8], at: usize) -> bool {
    bytes[at] == b'[' || NAMES.months.can_start(bytes, at) || NAMES.weekdays.can_start(bytes, at)
}

/// A `[` or the first letter of a weekday name: what the day-first form
/// starts with when not with a digit.
pub(super) fn bracket_or_weekday(bytes: &[u8], at: usize) -> bool {
    bytes[at] == b'[' || NAMES.weekdays.can_start(bytes, at)
}

/// The character starting at `at` in `bytes`, when it is not ASCII.
pub(super) fn non_ascii_char(bytes: &[u8], at: usize) -> Option<char> {
    let len = match bytes[at] {
        0xC0..=0xDF => 2,
        0xE0..=0xEF => 3,
        0xF0.. => 4,
        _ => return None,
    };
    std::str::from_utf8(bytes.get(at..at + len)?)
        .ok()?
        .chars()
        .next()
}

/// A day first at `at` ("28 June", "3rd of June") when no time comes
/// before it: the day's digits, suffix, bracket and dot, one to four
/// spaces, maybe `[` and "of ", then a month name ("28th 29th" fails).
/// It runs at most digits of a text, so the digits are counted once and the
/// byte after them, which rejects most numbers ("1962,", "6046"), is read
/// before anything else; the plain version, [`may_be_day_first_plain`],
/// is the tests' oracle.
pub(super) fn may_be_day_first(bytes: &[u8], at: usize) -> bool {
    let run = digit_run(bytes, at);
    let i = at + run;
    let after = byte(bytes, i);
    // What `may_be_day_or_time` asks, with the run counted once.
    if !(1..=2).contains(&run) || !(AFTER_DAY_OR_TIME.contains(after) || after >= 0x80) {
        return false;
    }
    let (next, next_after) = (byte(bytes, i + 1), byte(bytes, i + 2));
    let two_digits = next.is_ascii_digit() && next_after.is_ascii_digit();
    match after {
        b'.' if !(matches!(next, b' ' | b'\t') || two_digits) => return false,
        b':' if !two_digits => return false,
        _ => {}
    }
    // What `may_be_time_before` asks.
    let is_a_or_p = |b: u8| matches!(b, b'a' | b'A' | b'p' | b'P') || b >= 0x80;
    let time_before = match after {
        b':' | b'.' => next.is_ascii_digit(),
        b' ' | b'\t' => is_a_or_p(next),
        b => is_a_or_p(b),
    };
    if time_before || after >= 0x80 {
        return true;
    }
    month_after_day(bytes, i)
}

/// [`may_be_day_first`] as it reads in the pattern, piece by piece: the
/// tests' oracle for the version that reads the digits once.
/// A day first at `at` ("28 June", "3rd of June") when no time comes
/// before it: the day's digits, suffix, bracket and dot, one to four
/// spaces, maybe `[` and "of ", then a month name ("28th 29th" fails).
#[cfg(test)]
pub(super) fn may_be_day_first_plain(bytes: &[u8], at: usize) -> bool {
    if !may_be_day_or_time(bytes, at) {
        return false;
    }
    if may_be_time_before(bytes, at) {
        return true;
    }
    let i = at + digit_run(bytes, at);
    if byte(bytes, i) >= 0x80 {
        return true;
    }
    month_after_day(bytes, i)
}

/// What follows a day's digits at `i` in "28th June", "3rd of June": the
/// suffix (st nd rd th d, as the pattern's alternation tries them), a word
/// boundary, `]` and `.`, one to four spaces, maybe `[` and "of ", then a
/// month name. Shared by [`may_be_day_first`] and its oracle, which differ
/// only in how they read the digits.
fn month_after_day(bytes: &[u8], mut i: usize) -> bool {
    let lower = |i: usize| byte(bytes, i).to_ascii_lowercase();
    // The suffix: st nd rd th d, as the alternation tries them.
    match (lower(i), lower(i + 1)) {
        (b's', b't') | (b'n', b'd') | (b'r', b'd') | (b't', b'h') => i += 2,
        (b'd', _) => i += 1,
        _ => {}
    }
    // The word boundary after the day.
    if byte(bytes, i).is_ascii_alphanumeric() || byte(bytes, i) == b'_' {
        return false;
    }
    for mark in [b']', b'.'] {
        if byte(bytes, i) == mark {
            i += 1;
        }
    }
    let spaces = spaces_at(bytes, i);
    if !(1..=4).contains(&spaces) {
        return false;
    }
    i += spaces;
    if byte(bytes, i) == b'[' {
        i += 1;
    }
    let months = &NAMES.months;
    if lower(i) == b'o' && lower(i + 1) == b'f' {
        let gap = spaces_at(bytes, i + 2);
        if (1..=4).contains(&gap) && months.any_at(bytes, i + 2 + gap) {
            return true;
        }
    }
    months.any_at(bytes, i)
}

/// How many spaces and tabs start at `at` (counting stops at 5).
fn spaces_at(bytes: &[u8], at: usize) -> usize {
    bytes[at.min(bytes.len())..]
        .iter()
        .take(5)
        .take_while(|b| matches!(b, b' ' | b'\t'))
        .count()
}

/// "24.10.62", "11/21/1962": one or two digits, a separator, one or two
/// digits, a separator, then exactly two or four digits (a third or fifth
/// digit fails the word boundary after the year).
pub(super) fn may_be_numeric_with_year(bytes: &[u8], at: usize) -> bool {
    let first = digit_run(bytes, at);
    if !(1..=2).contains(&first) || !NUMERIC_SEPARATORS.contains(byte(bytes, at + first)) {
        return false;
    }
    let second_at = at + first + 1;
    let second = digit_run(bytes, second_at);
    let year_at = second_at + second + 1;
    (1..=2).contains(&second)
        && NUMERIC_SEPARATORS.contains(byte(bytes, second_at + second))
        && matches!(digit_run(bytes, year_at), 2 | 4)
}

/// How many spaces and tabs start at `at` (counting stops at 5).
pub(super) fn spaces(bytes: &[u8], at: usize) -> usize {
    bytes[at.min(bytes.len())..]
        .iter()
        .take(5)
        .take_while(|b| matches!(b, b' ' | b'\t'))
        .count()
}

/// The length of the UTF-8 character whose first byte is `b` (1 for a
/// continuation byte, never met at a character boundary).
pub(crate) fn utf8_len(b: u8) -> usize {
    match b {
        0xF0.. => 4,
        0xE0.. => 3,
        0xC0.. => 2,
        _ => 1,
    }
}

/// Per length of the number at a place (1–2, 3–4, 5 or more digits, as
/// [`number_class`] gives it) and per byte after it, the forms (bit `i` for
/// `FORMS[i]`) whose own test may pass there. Every number a scanned
/// section holds is tried with up to eight forms, and each form's test
/// counts its digits again; this asks the two bytes that rule most of them
/// out once ("1962,", "6046" and "12:30" leave none or one to try). A test
/// checks [`number_may_start`] against each form's test.
pub(super) static BY_NUMBER: [[u16; 256]; 3] = {
    let mut table = [[0u16; 256]; 3];
    let mut class = 0;
    while class < 3 {
        let mut after = 0;
        while after < 256 {
            let mut i = 0;
            while i < FORMS.len() {
                if number_may_start(FORMS[i], class, after as u8) {
                    table[class][after] |= 1 << i;
                }
                i += 1;
            }
            after += 1;
        }
        class += 1;
    }
    table
};

/// The row of [`BY_NUMBER`] for a number of `run` digits (1 or more).
pub(super) fn number_class(run: usize) -> usize {
    match run {
        0..=2 => 0,
        3..=4 => 1,
        _ => 2,
    }
}

/// Whether `form`'s test may pass at a number of the length `class` stands
/// for, followed by the byte `after` (0 at the end): what each test asks of
/// those two, read from it. Forms that never start with a digit pass.
pub(super) const fn number_may_start(form: Form, class: usize, after: u8) -> bool {
    let short = class == 0;
    let up_to_four = class <= 1;
    match form {
        // Up to four digits, maybe spaces, then a dash.
        Form::WeekdayTime => up_to_four && matches!(after, b' ' | b'\t' | b'-' | 0xE2),
        // Four digits and a dash.
        Form::Iso => class == 1 && after == b'-',
        Form::DayFirst => short && (AFTER_DAY_OR_TIME.contains(after) || after >= 0x80),
        Form::Roman => short && ROMAN_SEPARATORS.contains(after),
        Form::Numeric | Form::NumericNoYear => short && NUMERIC_SEPARATORS.contains(after),
        Form::Chinese => up_to_four && after >= 0x80,
        Form::Ordinal => short && (ORDINAL_SUFFIX_STARTS.contains(after) || after >= 0x80),
        Form::On
        | Form::MonthFirst
        | Form::MonthYear
        | Form::ChineseDay
        | Form::Serial
        | Form::SerialYear
        | Form::Code => true,
    }
}
