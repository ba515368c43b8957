//! A match of a form → date mentions: its groups read as values, and checked
//! against its neighbours ("10.30 a.m." is a time, "861.77/99" a file
//! number, "the 38th parallel" no day).

use super::super::lexicon::{
    chinese_number, is_abbreviation, lookup_ascii_month, lookup_month, lookup_weekday, roman_month,
};
use super::super::{Component, Confidence, DateForm, DateMention, DateRole, NumericOrder};
use super::forms::{group as g, Form};
use super::is_header_like;
use super::pairs::{trim_brackets, Pairs};
use super::words::{MonthFound, NAMES};
use crate::model::SectionKind;
use crate::text::Span;

struct Found<'t> {
    text: &'t str,
    kind: SectionKind,
    span: Span,
    /// Balanced bracket pairs inside the match.
    pairs: Pairs,
    /// The month name the scanner's fast path found, if it made the match.
    month: Option<MonthFound>,
}

impl Found<'_> {
    fn supplied(&self, at: usize) -> bool {
        // Most matches hold no bracket: one test, no walk.
        !self.pairs.is_empty() && self.pairs.iter().any(|(o, c)| o < at && at < c)
    }

    fn component(&self, span: Span, value: u32) -> Component {
        Component {
            span,
            value,
            supplied: self.supplied(span.start),
        }
    }

    fn mention(&self, form: DateForm) -> DateMention {
        DateMention {
            span: self.span,
            role: DateRole::Reference,
            form,
            weekday: None,
            year: None,
            month: None,
            day: None,
            time: None,
            order: None,
            ambiguous: false,
            own_order: None,
            relative: false,
            confidence: Confidence::High,
            resolved: None,
            resolved_interval: None,
        }
    }

    fn after(&self) -> &str {
        &self.text[self.span.end..]
    }

    fn before(&self) -> &str {
        &self.text[..self.span.start]
    }
}

/// Turns one match of `form` (its whole span and its groups by index) into
/// mentions, when its neighbours and values make it a date. `month` is
/// where the match's month name was found, when the scanner knows it.
// Inlined into the scanner's one call: there `group` is a known closure,
// and the groups the textual forms read are fetched without a dynamic
// call each (left to itself the compiler kept `read` apart once the
// scanner's loop changed, +0.3 K instructions per cable).
#[inline(always)]
pub(super) fn read(
    text: &str,
    whole: Span,
    form: Form,
    group: &dyn Fn(usize) -> Option<Span>,
    month: Option<MonthFound>,
    kind: SectionKind,
    out: &mut Vec<DateMention>,
) {
    let mut span = whole;
    let pairs = trim_brackets(text, &mut span);
    let found = Found {
        text,
        kind,
        span,
        pairs,
        month,
    };
    let mention = match form {
        Form::On => return read_on(&found, group, out),
        Form::WeekdayTime => read_weekday_time(&found, group),
        Form::Iso => read_iso(&found, group),
        Form::MonthFirst => read_textual(
            &found,
            group(g::MF_WD),
            None,
            group(g::MF_D),
            group(g::MF_M),
            group(g::MF_Y),
            group(g::MF_T),
            false,
        ),
        Form::DayFirst => read_textual(
            &found,
            group(g::DF_WD),
            group(g::DF_TP),
            group(g::DF_D),
            group(g::DF_M),
            group(g::DF_Y),
            group(g::DF_T),
            true,
        ),
        Form::MonthYear => read_textual(
            &found,
            None,
            None,
            None,
            group(g::MY_M),
            group(g::MY_Y),
            None,
            false,
        ),
        Form::Roman => read_roman(&found, group),
        Form::Numeric => read_numeric(&found, group, true),
        Form::NumericNoYear => read_numeric(&found, group, false),
        Form::Chinese => read_chinese(&found, group),
        Form::ChineseDay => read_chinese_day(&found, group),
        Form::Serial | Form::SerialYear => read_serial(&found, group),
        Form::Code => read_code(&found, group),
        Form::Ordinal => read_ordinal(&found, group),
    };
    out.extend(mention);
}

/// The first run of ASCII digits inside `span`, with its value (`None`
/// when it overflows, as `str::parse::<u32>` says).
fn digits(text: &str, span: Span) -> Option<(Span, u32)> {
    let s = &text.as_bytes()[span.range()];
    let start = s.iter().position(u8::is_ascii_digit)?;
    let mut end = start;
    let mut value: u32 = 0;
    while let Some(&b) = s.get(end).filter(|b| b.is_ascii_digit()) {
        value = value.checked_mul(10)?.checked_add(u32::from(b - b'0'))?;
        end += 1;
    }
    Some((Span::new(span.start + start, span.start + end), value))
}

/// The month word inside a capture like "[of June]" or "Sept.". `found`
/// is where the scanner found a month name in the match, if it did.
pub(super) fn month_word(text: &str, span: Span, found: Option<MonthFound>) -> Option<(Span, u8)> {
    let s = &text[span.range()];
    if s.is_ascii() {
        return month_word_ascii(text, span, found);
    }
    month_word_by_characters(text, span)
}

/// [`month_word`] for an ASCII capture, byte by byte: ASCII whitespace
/// is `char::is_whitespace`'s, an ASCII letter its `is_alphabetic`.
fn month_word_ascii(text: &str, span: Span, found: Option<MonthFound>) -> Option<(Span, u8)> {
    let s = &text.as_bytes()[span.range()];
    let mut start = s
        .iter()
        .take_while(|b| matches!(b, b'[' | b' ' | b'\t'))
        .count();
    if s.len() >= start + 3 && s[start..start + 3].eq_ignore_ascii_case(b"of ") {
        start += 3;
        start += s[start..]
            .iter()
            .take_while(|b| matches!(b, b'\t'..=b'\r' | b' '))
            .count();
    }
    let len = s[start..]
        .iter()
        .take_while(|b| b.is_ascii_alphabetic())
        .count();
    let end = span.start + start + len;
    // "28 Mayor": the month must end where the word ends (an ASCII byte
    // there is no letter, having ended the run, unless the span ended).
    let next = text.as_bytes().get(end).copied().unwrap_or(b' ');
    let letter_follows = if next.is_ascii() {
        next.is_ascii_alphabetic()
    } else {
        text[end..].chars().next().is_some_and(char::is_alphabetic)
    };
    if letter_follows {
        return None;
    }
    // Letters only: no dot to trim, and ASCII.
    let word = &text.as_bytes()[span.start + start..end];
    // Where the scanner walked the month names over this very word, the
    // node it ended at names it: the look-up is not made again (it cost
    // about as much as the rest of reading a date). The oracle tests read
    // every match without this and compare.
    let known = found
        .filter(|f| f.start == span.start + start && f.end == end)
        .and_then(|f| NAMES.ascii_month(f, word));
    let (_, month) = match known {
        Some(month) => month,
        None => lookup_ascii_month(word),
    }?;
    Some((Span::new(span.start + start, end), month))
}

/// [`month_word`] character by character.
pub(super) fn month_word_by_characters(text: &str, span: Span) -> Option<(Span, u8)> {
    let s = &text[span.range()];
    let mut start = s.len() - s.trim_start_matches(['[', ' ', '\t']).len();
    let rest = &s[start..];
    if rest.get(..3).is_some_and(|p| p.eq_ignore_ascii_case("of ")) {
        start += 3;
        start += s[start..].len() - s[start..].trim_start().len();
    }
    let len = s[start..]
        .find(|c: char| !c.is_alphabetic())
        .unwrap_or(s.len() - start);
    let word = &s[start..start + len];
    // "28 Mayor": the month must end where the word ends.
    let next = text[span.start + start + len..].chars().next();
    if next.is_some_and(char::is_alphabetic) {
        return None;
    }
    let (_, month) = lookup_month(word)?;
    Some((
        Span::new(span.start + start, span.start + start + len),
        month,
    ))
}

/// Minutes after midnight of a time as cables write it: "7 p.m.",
/// "4:52 a.m.", "noon", "16:30", "12:21hours", "9.30 hours", "1830hs", "20h00".
/// An ASCII time (nearly every one) is read byte by byte, in lower case as
/// it goes; any other by [`parse_time_by_characters`], which the tests
/// compare this with.
pub(super) fn parse_time(t: &str) -> Option<u16> {
    if !t.is_ascii() {
        return parse_time_by_characters(t);
    }
    // `str::trim` on ASCII: tab to carriage return and space.
    let is_space = |b: &u8| matches!(b, b'\t'..=b'\r' | b' ');
    let s = t.as_bytes();
    let start = s.iter().position(|b| !is_space(b)).unwrap_or(s.len());
    let end = s
        .iter()
        .rposition(|b| !is_space(b))
        .map_or(start, |i| i + 1);
    let s = &s[start..end];
    let lower = |i: usize| s.get(i).map(u8::to_ascii_lowercase);
    let starts_with = |at: usize, word: &[u8]| {
        s.len() >= at + word.len() && s[at..at + word.len()].eq_ignore_ascii_case(word)
    };
    if starts_with(0, b"noon") {
        return Some(12 * 60);
    }
    if starts_with(0, b"midnight") {
        return Some(0);
    }
    let digit = |i: usize| u16::from(s[i] - b'0');
    let digits_len = s.iter().take_while(|b| b.is_ascii_digit()).count();
    let (hour, minute, mut rest) = match digits_len {
        4 => (digit(0) * 10 + digit(1), digit(2) * 10 + digit(3), 4),
        1 | 2 => {
            let hour = (0..digits_len).fold(0, |h, i| h * 10 + digit(i));
            let after = digits_len;
            let two_digits = s.len() >= after + 3
                && s[after + 1].is_ascii_digit()
                && s[after + 2].is_ascii_digit();
            if matches!(lower(after), Some(b':' | b'.' | b'h')) && two_digits {
                let minute = digit(after + 1) * 10 + digit(after + 2);
                (hour, minute, after + 3)
            } else {
                (hour, 0, after)
            }
        }
        _ => return None,
    };
    while s.get(rest).is_some_and(is_space) {
        rest += 1;
    }
    let pm = lower(rest) == Some(b'p');
    let am = starts_with(rest, b"a.") || starts_with(rest, b"am") || starts_with(rest, b"a m");
    minutes_of_day(hour, minute, pm, am)
}

/// [`parse_time`] character by character, for any text.
pub(super) fn parse_time_by_characters(t: &str) -> Option<u16> {
    let t = t.trim();
    // A time is a few bytes: lower-cased in place, without a String.
    let mut buffer = [0u8; 32];
    let owned;
    let s: &str = if t.len() <= buffer.len() {
        ascii_lower_case(t, &mut buffer)
    } else {
        owned = t.to_ascii_lowercase();
        &owned
    };
    if s.starts_with("noon") {
        return Some(12 * 60);
    }
    if s.starts_with("midnight") {
        return Some(0);
    }
    let digits_len = s.find(|c: char| !c.is_ascii_digit()).unwrap_or(s.len());
    let (hour, minute, rest): (u16, u16, &str) = match digits_len {
        4 => (s[..2].parse().ok()?, s[2..4].parse().ok()?, &s[4..]),
        1 | 2 => {
            let hour = s[..digits_len].parse().ok()?;
            let after = &s[digits_len..];
            match after.strip_prefix([':', '.', 'h']) {
                Some(m) if m.len() >= 2 && m.as_bytes()[..2].iter().all(u8::is_ascii_digit) => {
                    (hour, m[..2].parse().ok()?, &m[2..])
                }
                _ => (hour, 0, after),
            }
        }
        _ => return None,
    };
    let rest = rest.trim_start();
    let pm = rest.starts_with('p');
    let am = rest.starts_with("a.") || rest.starts_with("am") || rest.starts_with("a m");
    minutes_of_day(hour, minute, pm, am)
}

/// Minutes since midnight of `hour:minute`, read on a 12-hour clock when the
/// time says a.m. or p.m. (then the hour must be 1 to 12).
fn minutes_of_day(hour: u16, minute: u16, pm: bool, am: bool) -> Option<u16> {
    let hour = if pm || am {
        if !(1..=12).contains(&hour) {
            return None;
        }
        hour % 12 + if pm { 12 } else { 0 }
    } else {
        hour
    };
    if hour >= 24 || minute >= 60 {
        return None;
    }
    Some(hour * 60 + minute)
}

fn time_of(found: &Found, span: Option<Span>) -> Option<(Span, u16)> {
    let span = span.filter(|s| !s.is_empty())?;
    Some((span, parse_time(&found.text[span.range()])?))
}

fn weekday_of(found: &Found, span: Option<Span>) -> Option<(Span, super::super::Weekday)> {
    let span = span?;
    Some((span, lookup_weekday(&found.text[span.range()])?))
}

/// Whether the first `count` characters of `s`, in lower case, start with
/// `word` (ASCII), without building the lower-case string. Per character
/// lower case differs from the string's only for a final sigma, which is
/// never ASCII.
pub(super) fn starts_with_in_lower_case(s: &str, count: usize, word: &str) -> bool {
    let mut lower = s.chars().take(count).flat_map(char::to_lowercase);
    word.chars().all(|c| lower.next() == Some(c))
}

/// The last `count` characters of `s`.
fn last_chars(s: &str, count: usize) -> &str {
    let start = s
        .char_indices()
        .rev()
        .take(count)
        .last()
        .map_or(s.len(), |(i, _)| i);
    &s[start..]
}

/// The first `count` characters of `s`.
fn first_chars(s: &str, count: usize) -> &str {
    let end = s.char_indices().nth(count).map_or(s.len(), |(i, _)| i);
    &s[..end]
}

/// `s` with ASCII letters in lower case, in `buffer` (which holds `s`:
/// at most four bytes a character), without an allocation.
pub(super) fn ascii_lower_case<'b>(s: &str, buffer: &'b mut [u8]) -> &'b str {
    let out = &mut buffer[..s.len()];
    out.copy_from_slice(s.as_bytes());
    out.make_ascii_lowercase();
    // Lower-casing ASCII letters keeps UTF-8 valid.
    std::str::from_utf8(out).unwrap_or_default()
}

/// A numeric candidate that is really part of a longer number, a serial, a
/// time or a quantity. Where the five bytes before it are ASCII (nearly
/// always), they are the five characters the test reads, compared byte by
/// byte in lower case; otherwise [`is_not_a_date_number_by_characters`].
fn is_not_a_date_number(found: &Found) -> bool {
    is_not_a_date_number_at(found.text, found.span)
}

pub(super) fn is_not_a_date_number_at(text: &str, span: Span) -> bool {
    let bytes = text.as_bytes();
    let tail_start = span.start.saturating_sub(5);
    let tail = &bytes[tail_start..span.start];
    // Five ASCII bytes are five whole characters.
    if !tail.is_ascii() {
        return is_not_a_date_number_by_characters(text, span);
    }
    let before = |back: usize| tail.len().checked_sub(back).map(|i| tail[i]);
    if matches!(before(1), Some(b'.' | b'/' | b',' | b'-'))
        && before(2).is_some_and(|b| b.is_ascii_digit())
    {
        return true;
    }
    // `str::trim_end` on ASCII: tab to carriage return and space.
    let kept = tail.len()
        - tail
            .iter()
            .rev()
            .take_while(|b| matches!(b, b'\t'..=b'\r' | b' '))
            .count();
    let tail = &tail[..kept];
    let ends_with = |word: &[u8]| {
        tail.len() >= word.len() && tail[tail.len() - word.len()..].eq_ignore_ascii_case(word)
    };
    // '№' and '§' are not ASCII: never at the end of ASCII bytes.
    if ends_with(b"no.")
        || ends_with(b"no")
        || ends_with(b"#")
        || ends_with(b"nr")
        || ends_with(b"nr.")
        || ends_with(b"p.")
    {
        return true;
    }
    let after = |i: usize| bytes.get(span.end + i).copied();
    let a1 = after(0);
    // A byte outside ASCII is no digit, dot, slash, comma or percent sign.
    a1.is_some_and(|b| b.is_ascii_digit())
        || (matches!(a1, Some(b'.' | b'/' | b',')) && after(1).is_some_and(|b| b.is_ascii_digit()))
        || a1 == Some(b'%')
}

/// [`is_not_a_date_number`] character by character, for any text: the
/// tests' oracle.
pub(super) fn is_not_a_date_number_by_characters(text: &str, span: Span) -> bool {
    let before = &text[..span.start];
    let mut back = before.chars().rev();
    let b1 = back.next();
    let b2 = back.next();
    if matches!(b1, Some('.' | '/' | ',' | '-')) && b2.is_some_and(|c| c.is_ascii_digit()) {
        return true;
    }
    let mut buffer = [0; 20];
    let tail = ascii_lower_case(last_chars(before, 5), &mut buffer);
    let tail = tail.trim_end();
    if tail.ends_with("no.")
        || tail.ends_with("no")
        || tail.ends_with('#')
        || tail.ends_with('№')
        || tail.ends_with("nr")
        || tail.ends_with("nr.")
        || tail.ends_with("p.")
        || tail.ends_with('§')
    {
        return true;
    }
    let after = &text[span.end..];
    let mut next = after.chars();
    let a1 = next.next();
    let a2 = next.next();
    if a1.is_some_and(|c| c.is_ascii_digit())
        || (matches!(a1, Some('.' | '/' | ',')) && a2.is_some_and(|c| c.is_ascii_digit()))
        || a1 == Some('%')
    {
        return true;
    }
    false
}

/// "10.30 a.m.", "9.30 hours", "6.45 p.m.": a time, not a date.
fn followed_by_time_word(found: &Found) -> bool {
    let mut buffer = [0; 48];
    let after = ascii_lower_case(first_chars(found.after().trim_start(), 12), &mut buffer);
    [
        "a.m",
        "p.m",
        "a. m",
        "p. m",
        "am ",
        "pm ",
        "am,",
        "pm,",
        "hours",
        "hrs",
        "h ",
        "hs",
        "uhr",
        "o'clock",
        "o’clock",
        "%",
        "percent",
        "per cent",
        "million",
        "billion",
    ]
    .iter()
    .any(|w| after.starts_with(w))
        || after == "am"
        || after == "pm"
        || after == "h"
}

fn read_on(found: &Found, group: &dyn Fn(usize) -> Option<Span>, out: &mut Vec<DateMention>) {
    let text = found.text;
    let (Some(sent), Some(received), Some(month), Some(year)) = (
        group(g::ON_S).and_then(|s| digits(text, s)),
        group(g::ON_R).and_then(|s| digits(text, s)),
        group(g::ON_M),
        group(g::ON_Y).and_then(|s| digits(text, s)),
    ) else {
        return;
    };
    let Some(month_value) = roman_month(&text[month.range()]) else {
        return;
    };
    for (day, role) in [(sent, DateRole::Sent), (received, DateRole::Received)] {
        let mut m = found.mention(DateForm::Roman);
        m.role = role;
        m.day = Some(found.component(day.0, day.1));
        m.month = Some(found.component(month, u32::from(month_value)));
        m.year = Some(found.component(year.0, year.1));
        out.push(m);
    }
}

fn read_weekday_time(found: &Found, group: &dyn Fn(usize) -> Option<Span>) -> Option<DateMention> {
    // Only as the heading of a telegram's text: "342 – WEDNESDAY – 1700hs – …".
    // Back to the line's start, stopping at the first other character: a
    // long line must not be read again for every match on it.
    let at_line_start = found
        .before()
        .chars()
        .rev()
        .take_while(|c| !matches!(c, '\n' | '\r'))
        .all(char::is_whitespace);
    if !at_line_start {
        return None;
    }
    let mut m = found.mention(DateForm::WeekdayTime);
    m.role = DateRole::Sent;
    m.weekday = Some(weekday_of(found, group(g::WS_WD))?);
    let t = group(g::WS_T)?;
    m.time = Some((t, parse_time(&found.text[t.range()])?));
    Some(m)
}

fn read_iso(found: &Found, group: &dyn Fn(usize) -> Option<Span>) -> Option<DateMention> {
    let text = found.text;
    let year = digits(text, group(g::ISO_Y)?)?;
    let month = digits(text, group(g::ISO_M)?)?;
    let day = digits(text, group(g::ISO_D)?)?;
    if !(1..=12).contains(&month.1) || !(1..=31).contains(&day.1) {
        return None;
    }
    let mut m = found.mention(DateForm::Iso);
    m.year = Some(found.component(year.0, year.1));
    m.month = Some(found.component(month.0, month.1));
    m.day = Some(found.component(day.0, day.1));
    m.time = group(g::ISO_T).and_then(|t| Some((t, parse_time(&text[t.range()])?)));
    Some(m)
}

#[allow(clippy::too_many_arguments)]
fn read_textual(
    found: &Found,
    weekday: Option<Span>,
    time_before: Option<Span>,
    day: Option<Span>,
    month: Option<Span>,
    year: Option<Span>,
    time_after: Option<Span>,
    day_first: bool,
) -> Option<DateMention> {
    let text = found.text;
    let (month_span, month_value) = month_word(text, month?, found.month)?;
    // "Representative May 5": a month-first date starts a word.
    if !day_first {
        let lead = weekday.map_or(month_span.start, |w| w.start);
        let prev = text[..lead].chars().next_back();
        let prev = if prev == Some('[') {
            text[..lead - 1].chars().next_back()
        } else {
            prev
        };
        if prev.is_some_and(char::is_alphanumeric) {
            return None;
        }
    }
    let mut m = found.mention(DateForm::Textual);
    // "11 June." ends a sentence; only an abbreviation keeps its dot.
    if found.span.end == month_span.end + 1
        && text[month_span.end..].starts_with('.')
        && !is_abbreviation(&text[month_span.range()])
    {
        m.span.end -= 1;
    }
    m.month = Some(found.component(month_span, u32::from(month_value)));
    if let Some(day) = day {
        let (span, value) = digits(text, day)?;
        if !(1..=31).contains(&value) {
            return None;
        }
        m.day = Some(found.component(span, value));
    }
    if let Some(year) = year {
        let (span, value) = digits(text, year)?;
        m.year = Some(found.component(span, value));
    } else if day.is_none() {
        return None;
    }
    m.weekday = weekday_of(found, weekday);
    m.time = time_of(found, time_after).or_else(|| time_of(found, time_before));
    m.relative = m.year.is_none();
    Some(m)
}

fn read_roman(found: &Found, group: &dyn Fn(usize) -> Option<Span>) -> Option<DateMention> {
    let text = found.text;
    if is_not_a_date_number(found) {
        return None;
    }
    let day = digits(text, group(g::ROM_D)?)?;
    let month = group(g::ROM_M)?;
    let year = digits(text, group(g::ROM_Y)?)?;
    let month_value = roman_month(&text[month.range()])?;
    if !(1..=31).contains(&day.1) {
        return None;
    }
    let mut m = found.mention(DateForm::Roman);
    m.day = Some(found.component(day.0, day.1));
    m.month = Some(found.component(month, u32::from(month_value)));
    m.year = Some(found.component(year.0, year.1));
    m.time = time_of(found, group(g::ROM_T));
    Some(m)
}

fn read_numeric(
    found: &Found,
    group: &dyn Fn(usize) -> Option<Span>,
    with_year: bool,
) -> Option<DateMention> {
    let text = found.text;
    if is_not_a_date_number(found) {
        return None;
    }
    let (a, b, time, dot) = if with_year {
        if text[group(g::NUM_S)?.range()] != text[group(g::NUM_S2)?.range()] {
            return None;
        }
        (
            digits(text, group(g::NUM_A)?)?,
            digits(text, group(g::NUM_B)?)?,
            group(g::NUM_T),
            group(g::NUM_DOT).is_some(),
        )
    } else {
        (
            digits(text, group(g::NY_A)?)?,
            digits(text, group(g::NY_B)?)?,
            group(g::NY_T),
            group(g::NY_DOT).is_some(),
        )
    };
    let time = time.filter(|t| !t.is_empty());
    if time.is_none() && followed_by_time_word(found) {
        return None;
    }
    let plausible = (1..=31).contains(&a.1) && (1..=31).contains(&b.1);
    let some_month = a.1 <= 12 || b.1 <= 12;
    let year = if with_year {
        Some(digits(text, group(g::NUM_Y)?)?)
    } else {
        None
    };
    if !plausible || !some_month {
        // Month 13 or day 32 is worth reporting only where a date must be:
        // a header stamp, or beside a four-digit year of the period.
        let period_year = year.is_some_and(|y| y.0.len() == 4 && (1800..=2099).contains(&y.1));
        let impossible_ok = with_year && plausible && (is_header_like(found.kind) || period_year);
        if !impossible_ok {
            return None;
        }
    }
    if !with_year && !is_header_like(found.kind) {
        // In running text "1.5" is a number; a date there carries a trailing
        // dot ("23.10."), a gloss ("24.10 [24 October]") or a time.
        let after = found.after();
        let glossed = after.trim_start_matches([' ', '\t']).starts_with('[');
        let dotted = dot && !after.starts_with(|c: char| c.is_alphanumeric());
        if !(glossed || dotted || time.is_some()) {
            return None;
        }
    }
    let mut m = found.mention(DateForm::Numeric);
    m.year = year.map(|y| found.component(y.0, y.1));
    m.time = time_of(found, time);
    m.relative = year.is_none();
    let order = if a.1 > 12 && b.1 <= 12 {
        Some(NumericOrder::DayFirst)
    } else if b.1 > 12 && a.1 <= 12 {
        Some(NumericOrder::MonthFirst)
    } else {
        None
    };
    m.ambiguous = order.is_none() && a.1 != b.1 && some_month && plausible;
    m.order = if a.1 == b.1 {
        Some(NumericOrder::DayFirst)
    } else {
        order
    };
    m.own_order = order;
    let (day, month) = if m.order == Some(NumericOrder::MonthFirst) {
        (b, a)
    } else {
        (a, b)
    };
    m.day = Some(found.component(day.0, day.1));
    m.month = Some(found.component(month.0, month.1));
    Some(m)
}

fn read_chinese(found: &Found, group: &dyn Fn(usize) -> Option<Span>) -> Option<DateMention> {
    let text = found.text;
    let value = |s: Span| chinese_number(&text[s.range()]).map(|v| (s, v));
    let year = group(g::CN_Y).and_then(value);
    let month = value(group(g::CN_M)?)?;
    let day = group(g::CN_D).and_then(value);
    if year.is_none() && day.is_none() {
        return None;
    }
    if !(1..=12).contains(&month.1) || day.is_some_and(|d| !(1..=31).contains(&d.1)) {
        return None;
    }
    let mut m = found.mention(DateForm::Chinese);
    m.year = year.map(|y| found.component(y.0, y.1));
    m.month = Some(found.component(month.0, month.1));
    m.day = day.map(|d| found.component(d.0, d.1));
    m.relative = year.is_none();
    Some(m)
}

fn read_chinese_day(found: &Found, group: &dyn Fn(usize) -> Option<Span>) -> Option<DateMention> {
    if !is_header_like(found.kind) {
        return None;
    }
    let span = group(g::CND_D)?;
    let day = chinese_number(&found.text[span.range()])?;
    if !(1..=31).contains(&day) {
        return None;
    }
    let mut m = found.mention(DateForm::Chinese);
    m.day = Some(found.component(span, day));
    m.relative = true;
    Some(m)
}

fn read_serial(found: &Found, group: &dyn Fn(usize) -> Option<Span>) -> Option<DateMention> {
    if !matches!(
        found.kind,
        SectionKind::Header | SectionKind::OriginalHeader
    ) {
        return None;
    }
    let text = found.text;
    let year = digits(text, group(g::SE_Y).or_else(|| group(g::SEY_Y))?)?;
    let mut m = found.mention(DateForm::Serial);
    m.role = DateRole::Serial;
    m.year = Some(found.component(year.0, year.1));
    if let Some(month) = group(g::SE_M) {
        let (span, value) = month_word(text, month, found.month)?;
        m.month = Some(found.component(span, u32::from(value)));
    }
    Some(m)
}

fn read_code(found: &Found, group: &dyn Fn(usize) -> Option<Span>) -> Option<DateMention> {
    if found.kind != SectionKind::OriginalHeader {
        return None;
    }
    let (span, _) = digits(found.text, group(g::CODE_V)?)?;
    let s = &found.text[span.range()];
    // 628 = June 28, 1028 = October 28: the day always takes two digits.
    let split = s.len() - 2;
    let month: u32 = s[..split].parse().ok()?;
    let day: u32 = s[split..].parse().ok()?;
    if !(1..=12).contains(&month) || !(1..=31).contains(&day) {
        return None;
    }
    let mut m = found.mention(DateForm::Code);
    m.span = span;
    m.role = DateRole::Original;
    m.month = Some(found.component(Span::new(span.start, span.start + split), month));
    m.day = Some(found.component(Span::new(span.start + split, span.end), day));
    m.relative = true;
    Some(m)
}

/// Whether `after` can start " of this month", " inst" or " ult" in lower
/// case: a space, then o, i, u or a character outside ASCII (which may
/// lower-case to one, as İ to i), before the costlier comparison.
fn may_start_month_phrase(after: &str) -> bool {
    match after.as_bytes() {
        [b' ', next, ..] => {
            matches!(next.to_ascii_lowercase(), b'o' | b'i' | b'u') || *next >= 0x80
        }
        _ => false,
    }
}

fn read_ordinal(found: &Found, group: &dyn Fn(usize) -> Option<Span>) -> Option<DateMention> {
    if is_not_a_date_number(found) {
        return None;
    }
    let (span, day) = digits(found.text, group(g::ORD_D)?)?;
    // Up to 39: "the 35th" in a sentence about a day is a slip D004 reports.
    if !(1..=39).contains(&day) {
        return None;
    }
    // A day, not "the 38th parallel": it ends a phrase or takes a month gloss.
    let after = found.after();
    let ends_phrase = after.is_empty()
        || after.starts_with(['.', ',', ';', ':', ')', '!', '?', ']', '\n', '\r'])
        || after.trim_start_matches([' ', '\t']).starts_with('[')
        || may_start_month_phrase(after)
            && [
                " of this month",
                " of last month",
                " of the current month",
                " of the present month",
                " inst",
                " ult",
            ]
            .iter()
            .any(|w| starts_with_in_lower_case(after, 24, w));
    if !ends_phrase {
        return None;
    }
    let mut m = found.mention(DateForm::Ordinal);
    m.day = Some(found.component(span, day));
    m.relative = true;
    Some(m)
}
