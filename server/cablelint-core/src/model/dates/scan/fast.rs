//! Hand-written matches of the two forms met most often at a digit: a day
//! first ("28 June 1962", "5th July") and an ordinal ("the 28th"). Each
//! follows the path the tree matcher would prefer (greedy repetitions, the
//! first alternative, the longest month name) and gives up, as [`Unsure`],
//! wherever that path would need to backtrack or meets a byte outside
//! ASCII: the caller then runs the form's tree, so the matches and groups
//! stay exactly the tree's (the oracle tests check both against the regex).
//!
//! [`Unsure`]: Outcome::Unsure

use super::engine::{is_word_boundary, Matcher, Node};
use super::quick::{byte, digit_run, may_be_time_before, spaces, utf8_len};
use super::time::{self, Time};
use super::words::{MonthFound, NAMES};

pub(super) enum Outcome {
    /// The form matches up to here; the matcher holds its groups.
    Match(usize),
    /// The form does not match here.
    NoMatch,
    /// Left to the tree.
    Unsure,
}

/// Group indices of the ordinal form (checked against `forms.rs` by a test).
pub(super) const ORD_DAY: usize = 0;
/// Group indices of the day-first form, in the order `forms.rs` names them.
pub(super) const DF_DAY: usize = 2;
pub(super) const DF_MONTH: usize = 3;
pub(super) const DF_YEAR: usize = 4;
pub(super) const DF_TIME: usize = 5;
/// The time group of the numeric forms (with and without a year).
pub(super) const NUM_TIME: usize = 6;
pub(super) const NY_TIME: usize = 3;

/// The rest of a form matched by hand up to `end`: the time after it
/// (`after`, the form's last piece, whose one group is `time_group`), by
/// hand where that is sure, else by the tree.
fn finish(
    matcher: &mut Matcher,
    bytes: &[u8],
    end: usize,
    time_group: usize,
    after: &Node,
) -> Outcome {
    match time::after(matcher.text_bytes(), bytes, end) {
        Time::At(start, stop) => {
            matcher.set_group(time_group, start, stop);
            Outcome::Match(stop)
        }
        Time::Nothing => Outcome::Match(end),
        Time::Unsure => match matcher.continue_with(after, end) {
            Some(end) => Outcome::Match(end),
            None => Outcome::Unsure,
        },
    }
}

/// The UTF-8 of long s (ſ), the one character outside ASCII that folds to
/// a letter of a suffix (to s; a test checks that only ſ and the Kelvin
/// sign fold to ASCII letters).
pub(super) const LONG_S: [u8; 2] = [0xC5, 0xBF];

/// How long the suffix ("st", "nd", "rd", "th", "d") written at `at` is, as
/// the alternation tries them (their first letters differ, so at most one
/// applies); `None` where a long s stands for its s.
fn ordinal_suffix(bytes: &[u8], at: usize) -> Option<usize> {
    let lower = |i: usize| byte(bytes, i).to_ascii_lowercase();
    let second = match lower(at) {
        b'd' => return Some(1),
        b's' => b't',
        b'n' | b'r' => b'd',
        b't' => b'h',
        0xC5 if bytes[at..].starts_with(&LONG_S) => return None,
        // No other letter outside ASCII folds to one of a suffix, and the
        // word boundary after the digits is ASCII's.
        _ => return Some(0),
    };
    // Nothing outside ASCII folds to t, d or h.
    Some(if lower(at + 1) == second { 2 } else { 0 })
}

/// Group index of the code form's value (checked against `forms.rs`).
pub(super) const CODE_VALUE: usize = 0;

/// The most characters between 批发 (and its colon) and the code.
const CODE_GAP: usize = 12;

/// `批发[:：]?[^0-9\r\n]{0,12}?(?P<code_v>[0-9]{3,4})\b` at `start`, where 批发
/// is written. The lazy gap can only end at the first digit (it takes no
/// digit), so the path with the colon taken is the one that can match, and
/// without it the same digit lies one character further: the first
/// failure is final.
pub(super) fn code(matcher: &mut Matcher, bytes: &[u8], start: usize) -> Outcome {
    const MARK: &[u8] = "批发".as_bytes();
    if !bytes[start..].starts_with(MARK) {
        return Outcome::NoMatch;
    }
    let mut at = start + MARK.len();
    if byte(bytes, at) == b':' {
        at += 1;
    } else if bytes[at..].starts_with("：".as_bytes()) {
        at += "：".len();
    }
    // Up to twelve characters, none a digit or line break, then a digit.
    let mut gap = 0;
    loop {
        if at >= bytes.len() {
            return Outcome::NoMatch;
        }
        if bytes[at].is_ascii_digit() {
            break;
        }
        if matches!(bytes[at], b'\r' | b'\n') || gap == CODE_GAP {
            return Outcome::NoMatch;
        }
        gap += 1;
        at += utf8_len(bytes[at]);
    }
    let run = digit_run(bytes, at);
    let text = matcher.text_bytes();
    // [0-9]{3,4}\b: four digits, else three, each before a boundary.
    let end = match run {
        3 | 4 if is_word_boundary(text, at + run) => at + run,
        _ => return Outcome::NoMatch,
    };
    matcher.clear_groups();
    matcher.set_group(CODE_VALUE, at, end);
    Outcome::Match(end)
}

/// `\b(?P<ord_d>[0-9]{1,2})(?:st|nd|rd|th|d)\b` at `start`, a digit.
/// Fewer digits never help: a digit is no suffix.
pub(super) fn ordinal(matcher: &mut Matcher, bytes: &[u8], start: usize) -> Outcome {
    let text = matcher.text_bytes();
    let run = digit_run(bytes, start);
    if !is_word_boundary(text, start) || !(1..=2).contains(&run) {
        return Outcome::NoMatch;
    }
    let Some(suffix) = ordinal_suffix(bytes, start + run) else {
        return Outcome::Unsure;
    };
    let end = start + run + suffix;
    if suffix == 0 || !is_word_boundary(text, end) {
        return Outcome::NoMatch;
    }
    matcher.clear_groups();
    matcher.set_group(ORD_DAY, start, start + run);
    Outcome::Match(end)
}

/// Whether `time_before` (`{clock_ampm}|[0-9]{1,2}:[0-9]{2}\b`) might
/// match at `start`, a number of one or two digits: anything after a colon
/// or dot is left to the tree; otherwise a.m. or p.m. needs its m at most
/// two bytes after the a or p ("1 April" has none).
fn time_before_may_match(bytes: &[u8], start: usize) -> bool {
    let mut at = start + digit_run(bytes, start);
    match byte(bytes, at) {
        b':' => return true,
        // `[.][0-9]{2}` is only ever followed by a.m./p.m. (`[ \t]?[ap]`):
        // "03.12.63" holds no time.
        b'.' => {
            if !(byte(bytes, at + 1).is_ascii_digit() && byte(bytes, at + 2).is_ascii_digit()) {
                return false;
            }
            at += 3;
            if matches!(byte(bytes, at), b' ' | b'\t') {
                at += 1;
            }
            let a_or_p = byte(bytes, at);
            return a_or_p >= 0x80 || matches!(a_or_p.to_ascii_lowercase(), b'a' | b'p');
        }
        b' ' | b'\t' => at += 1,
        _ => {}
    }
    let a_or_p = byte(bytes, at);
    if a_or_p >= 0x80 {
        return true;
    }
    if !matches!(a_or_p.to_ascii_lowercase(), b'a' | b'p') {
        return false;
    }
    (at + 1..=at + 3).any(|i| {
        let b = byte(bytes, i);
        b.eq_ignore_ascii_case(&b'm') || b >= 0x80
    })
}

/// Whether a time before the day (`{time_before},?{sp}` then `\[?[0-9]`)
/// might go on to the day at `start`, a number of one or two digits. Only
/// "16:30" is settled here, the time met most often ("at 16:30 hours"):
/// `[0-9]{1,2}:[0-9]{2}\b` has one way to match, and `{clock_ampm}` needs
/// a or p after the minutes (maybe after a space); anything else is left
/// to the tree. Without this, every such time ran the day-first tree twice.
fn time_before_may_lead_to_day(bytes: &[u8], start: usize) -> bool {
    let run = digit_run(bytes, start);
    let colon = start + run;
    if byte(bytes, colon) != b':'
        || !byte(bytes, colon + 1).is_ascii_digit()
        || !byte(bytes, colon + 2).is_ascii_digit()
    {
        return true;
    }
    let mut at = colon + 3;
    let after_space = byte(
        bytes,
        at + usize::from(matches!(byte(bytes, at), b' ' | b'\t')),
    );
    if after_space >= 0x80 || matches!(after_space.to_ascii_lowercase(), b'a' | b'p') {
        return true;
    }
    // The minutes end at a word boundary only before a byte that is no
    // word byte; `,?{sp}` needs a comma or a space there anyway.
    if byte(bytes, at) == b',' {
        at += 1;
    }
    let gap = spaces(bytes, at);
    if !(1..=4).contains(&gap) {
        return false;
    }
    at += gap;
    if byte(bytes, at) == b'[' {
        at += 1;
    }
    byte(bytes, at).is_ascii_digit()
}

/// The numeric forms' groups, in the order `forms.rs` names them: the
/// order in which [`numeric`] sets them (a test checks it).
#[cfg(test)]
pub(super) const NUM_GROUPS: [&str; 6] = ["num_a", "num_s", "num_b", "num_s2", "num_y", "num_dot"];
#[cfg(test)]
pub(super) const NY_GROUPS: [&str; 3] = ["ny_a", "ny_b", "ny_dot"];

/// The numeric forms at `start`, a digit: `\b[0-9]{1,2}[./][0-9]{1,2}`,
/// then with `with_year` `[./]([0-9]{4}|[0-9]{2})`, then `\b\.?` and the
/// time after it (`after`, left to the tree). Each piece has one way to
/// match: fewer digits leave a digit where a separator or boundary must be.
pub(super) fn numeric(
    matcher: &mut Matcher,
    bytes: &[u8],
    start: usize,
    with_year: bool,
    after: &Node,
) -> Outcome {
    let text = matcher.text_bytes();
    let separator = |at: usize| matches!(byte(bytes, at), b'.' | b'/');
    if !is_word_boundary(text, start) {
        return Outcome::NoMatch;
    }
    let first = digit_run(bytes, start);
    let first_end = start + first;
    if !(1..=2).contains(&first) || !separator(first_end) {
        return Outcome::NoMatch;
    }
    let second_start = first_end + 1;
    let second = digit_run(bytes, second_start);
    let mut end = second_start + second;
    if !(1..=2).contains(&second) {
        return Outcome::NoMatch;
    }
    let mut year = None;
    if with_year {
        if !separator(end) {
            return Outcome::NoMatch;
        }
        let year_start = end + 1;
        let digits = digit_run(bytes, year_start);
        if !matches!(digits, 2 | 4) {
            return Outcome::NoMatch;
        }
        year = Some(year_start);
        end = year_start + digits;
    }
    if !is_word_boundary(text, end) {
        return Outcome::NoMatch;
    }
    matcher.clear_groups();
    let mut groups = 0;
    let mut set = |m: &mut Matcher, s: usize, e: usize| {
        m.set_group(groups, s, e);
        groups += 1;
    };
    set(matcher, start, first_end);
    if with_year {
        set(matcher, first_end, first_end + 1);
    }
    set(matcher, second_start, second_start + second);
    if let Some(year_start) = year {
        set(matcher, year_start - 1, year_start);
        set(matcher, year_start, end);
    }
    if byte(bytes, end) == b'.' {
        set(matcher, end, end + 1);
        end += 1;
    }
    let time_group = if with_year { NUM_TIME } else { NY_TIME };
    finish(matcher, bytes, end, time_group, after)
}

/// Group indices of the month-first form, in the order `forms.rs` names them.
pub(super) const MF_MONTH: usize = 1;
pub(super) const MF_DAY: usize = 2;
pub(super) const MF_YEAR: usize = 3;
pub(super) const MF_TIME: usize = 4;

/// The month-first form at `start`, an ASCII letter, when no weekday is
/// written there: month name, day, maybe a year; the time after it
/// (`after`, the form's last piece) is left to the tree. Up to the day the
/// path is the preferred one only if it goes through (a shorter month name
/// might), so any failure there is the tree's to settle.
pub(super) fn month_first(
    matcher: &mut Matcher,
    bytes: &[u8],
    start: usize,
    after: &Node,
) -> Outcome {
    let text = matcher.text_bytes();
    if NAMES
        .weekdays
        .longest_end(matcher.text(), start, bytes.len())
        .is_some()
    {
        return Outcome::Unsure;
    }
    // No weekday and no `[`: the month name must start here.
    let Some((name_end, node)) = NAMES.months.longest(matcher.text(), start, bytes.len()) else {
        return Outcome::NoMatch;
    };
    let mut at = name_end;
    for mark in [b'.', b']'] {
        if byte(bytes, at) == mark {
            at += 1;
        }
    }
    let month_end = at;
    if byte(bytes, at) == b',' {
        at += 1;
    }
    let gap = spaces(bytes, at);
    if !(1..=4).contains(&gap) {
        return Outcome::Unsure;
    }
    at += gap;
    let day_start = at;
    if byte(bytes, at) == b'[' {
        at += 1;
    }
    let run = digit_run(bytes, at);
    if !(1..=2).contains(&run) {
        return Outcome::Unsure;
    }
    let Some(suffix) = ordinal_suffix(bytes, at + run) else {
        return Outcome::Unsure;
    };
    at += run + suffix;
    if !is_word_boundary(text, at) {
        return Outcome::Unsure;
    }
    if byte(bytes, at) == b']' {
        at += 1;
    }
    let day_end = at;
    matcher.clear_groups();
    matcher.set_month(MonthFound {
        start,
        end: name_end,
        node,
    });
    matcher.set_group(MF_MONTH, start, month_end);
    matcher.set_group(MF_DAY, day_start, day_end);
    let mut end = day_end;
    if let Some((year_start, year_end)) = month_first_year(text, bytes, day_end) {
        matcher.set_group(MF_YEAR, year_start, year_end);
        end = year_end;
    }
    finish(matcher, bytes, end, MF_TIME, after)
}

/// `(?:,{sp0}|{sp})(?P<mf_y>\[?[0-9]{4}\b\]?)` at `at`: fewer spaces
/// leave a space where the year must start, so the first failure is final.
fn month_first_year(text: &[u8], bytes: &[u8], mut at: usize) -> Option<(usize, usize)> {
    let gap = spaces(bytes, at + usize::from(byte(bytes, at) == b','));
    if byte(bytes, at) == b',' {
        if gap > 4 {
            return None;
        }
        at += 1 + gap;
    } else {
        if !(1..=4).contains(&gap) {
            return None;
        }
        at += gap;
    }
    let start = at;
    if byte(bytes, at) == b'[' {
        at += 1;
    }
    if digit_run(bytes, at) < 4 || !is_word_boundary(text, at + 4) {
        return None;
    }
    at += 4;
    if byte(bytes, at) == b']' {
        at += 1;
    }
    Some((start, at))
}

/// The day-first form at `start`, a digit, when no time comes before the
/// day: day, month name, maybe a year; the time after it (`after`, the
/// form's last piece) is left to the tree.
pub(super) fn day_first(
    matcher: &mut Matcher,
    bytes: &[u8],
    start: usize,
    after: &Node,
) -> Outcome {
    if may_be_time_before(bytes, start)
        && time_before_may_match(bytes, start)
        && time_before_may_lead_to_day(bytes, start)
    {
        return Outcome::Unsure;
    }
    let text = matcher.text_bytes();
    let run = digit_run(bytes, start);
    if !(1..=2).contains(&run) {
        return Outcome::Unsure;
    }
    let Some(suffix) = ordinal_suffix(bytes, start + run) else {
        return Outcome::Unsure;
    };
    let mut at = start + run + suffix;
    if !is_word_boundary(text, at) {
        return Outcome::Unsure;
    }
    if byte(bytes, at) == b']' {
        at += 1;
    }
    let day_end = at;
    if byte(bytes, at) == b'.' {
        at += 1;
    }
    let gap = spaces(bytes, at);
    // No time and no weekday before the day, and the day's end is fixed:
    // fewer spaces leave a space where the month must start, and without
    // the dot `{sp}` meets the dot.
    if !(1..=4).contains(&gap) {
        return Outcome::NoMatch;
    }
    at += gap;
    // `\[?(?:of{sp})?{month}`: no month name starts with "of"; a name
    // outside ASCII is the tree's.
    let month_start = at;
    if byte(bytes, at) == b'[' {
        at += 1;
    }
    if byte(bytes, at).eq_ignore_ascii_case(&b'o')
        && byte(bytes, at + 1).eq_ignore_ascii_case(&b'f')
    {
        let gap = spaces(bytes, at + 2);
        if !(1..=4).contains(&gap) {
            return Outcome::Unsure;
        }
        at += 2 + gap;
    }
    if byte(bytes, at) >= 0x80 {
        return Outcome::Unsure;
    }
    // ASCII up to here, so `at` is a character boundary of the text.
    let name_start = at;
    let Some((name_end, node)) = NAMES.months.longest(matcher.text(), at, bytes.len()) else {
        return Outcome::Unsure;
    };
    at = name_end;
    for mark in [b'.', b']'] {
        if byte(bytes, at) == mark {
            at += 1;
        }
    }
    let month_end = at;
    let year = year_after(text, bytes, month_end);
    if year == Some(None) {
        return Outcome::Unsure;
    }
    matcher.clear_groups();
    matcher.set_month(MonthFound {
        start: name_start,
        end: name_end,
        node,
    });
    matcher.set_group(DF_DAY, start, day_end);
    matcher.set_group(DF_MONTH, month_start, month_end);
    let mut end = month_end;
    if let Some(Some((year_start, year_end))) = year {
        matcher.set_group(DF_YEAR, year_start, year_end);
        end = year_end;
    }
    finish(matcher, bytes, end, DF_TIME, after)
}

/// `(?:,?{sp}(?P<df_y>\[?[0-9]{4}\b\]?)(?:{sp0}(?:г\.|года|r\.|roku))?)?`
/// after the month at `at`: `None` when there is no year (each piece has
/// one way to match, so the first failure is final), `Some(None)` when a
/// word after the year might be one of the tree's, else the year's group.
#[allow(clippy::option_option)]
fn year_after(text: &[u8], bytes: &[u8], mut at: usize) -> Option<Option<(usize, usize)>> {
    if byte(bytes, at) == b',' {
        at += 1;
    }
    let gap = spaces(bytes, at);
    if !(1..=4).contains(&gap) {
        return None;
    }
    at += gap;
    let start = at;
    if byte(bytes, at) == b'[' {
        at += 1;
    }
    if digit_run(bytes, at) < 4 || !is_word_boundary(text, at + 4) {
        return None;
    }
    at += 4;
    if byte(bytes, at) == b']' {
        at += 1;
    }
    let next = byte(bytes, at + spaces(bytes, at).min(4));
    if next.eq_ignore_ascii_case(&b'r') || next >= 0x80 {
        return Some(None);
    }
    Some(Some((start, at)))
}
