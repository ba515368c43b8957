//! What the D rules share: dates in words for messages, and edits that make
//! a date say another day in its own spelling.

use crate::diagnostic::Edit;
use crate::model::dates::calendar::{civil_from_days, ENGLISH_MONTHS, MINUTES_PER_DAY};
use crate::model::dates::lexicon::{chinese_like, month_like, ROMAN_MONTHS};
use crate::model::dates::{Component, DateForm, DateMention, Interval, Precision};
use crate::model::Document;

/// "28 June 1962", "28 June 1962, 19:00", "June 1962", "1962".
pub(super) fn interval_in_words(interval: Interval) -> String {
    let mut out = String::with_capacity(32);
    push_interval_in_words(&mut out, interval, true);
    out
}

/// [`interval_in_words`] without the time: "28 June 1962".
pub(super) fn day_in_words(interval: Interval) -> String {
    let mut out = String::with_capacity(24);
    push_interval_in_words(&mut out, interval, false);
    out
}

/// Writes [`interval_in_words`] (with its time when `with_time`) at the
/// end of `out`: messages are built in one string, without `format!`.
pub(super) fn push_interval_in_words(out: &mut String, interval: Interval, with_time: bool) {
    let (year, month, day) = civil_from_days(interval.first_day());
    let month_name = ENGLISH_MONTHS[usize::from(month) - 1];
    if interval.precision >= Precision::Day {
        push_number(out, i64::from(day));
        out.push(' ');
    }
    if interval.precision >= Precision::Month {
        out.push_str(month_name);
        out.push(' ');
    }
    push_number(out, i64::from(year));
    if with_time && interval.precision == Precision::Minute {
        let m = interval.start.rem_euclid(MINUTES_PER_DAY);
        out.push_str(", ");
        push_two_digits(out, m / 60);
        out.push(':');
        push_two_digits(out, m % 60);
    }
}

/// Writes `value` in decimal, as `to_string` would.
pub(super) fn push_number(out: &mut String, value: i64) {
    // Days and years (one to four digits, nearly every number a message
    // writes) a digit at a time, without a buffer or an iterator; the
    // tests compare every value of the range with `to_string`.
    if let Ok(small @ 0..10_000) = u16::try_from(value) {
        // Two digits at a time from a table, as whole strings.
        let pair = |v: u16| &DIGIT_PAIRS[2 * usize::from(v)..2 * usize::from(v) + 2];
        match small {
            0..10 => out.push_str(&pair(small)[1..]),
            10..100 => out.push_str(pair(small)),
            100..1000 => {
                out.push_str(&pair(small / 100)[1..]);
                out.push_str(pair(small % 100));
            }
            _ => {
                out.push_str(pair(small / 100));
                out.push_str(pair(small % 100));
            }
        }
        return;
    }
    if value < 0 {
        out.push('-');
    }
    let mut digits = [0u8; 20];
    let mut rest = value.unsigned_abs();
    let mut at = digits.len();
    loop {
        at -= 1;
        digits[at] = b'0' + (rest % 10) as u8;
        rest /= 10;
        if rest == 0 {
            break;
        }
    }
    // ASCII digits, a character each: nothing to validate.
    out.extend(digits[at..].iter().map(|&d| char::from(d)));
}

/// "00" to "99", one after another.
const DIGIT_PAIRS: &str = "\
    00010203040506070809101112131415161718192021222324252627282930313233343536373839\
    40414243444546474849505152535455565758596061626364656667686970717273747576777879\
    8081828384858687888990919293949596979899";

/// Writes `value` (0 to 99) with two digits, as `{:02}` would.
fn push_two_digits(out: &mut String, value: i64) {
    out.push(char::from(b'0' + (value / 10) as u8));
    out.push(char::from(b'0' + (value % 10) as u8));
}

/// The date as the text writes it, quoted, with what it reads as:
/// `“628” (28 June 1962)`.
pub(super) fn quoted(doc: &Document, m: &DateMention) -> String {
    let mut out = String::with_capacity(64);
    push_quoted(&mut out, doc, m);
    out
}

/// Writes [`quoted`] at the end of `out`.
pub(super) fn push_quoted(out: &mut String, doc: &Document, m: &DateMention) {
    let written = doc.slice(m.span);
    out.push('“');
    out.push_str(written);
    out.push('”');
    if let Some(interval) = m.interval() {
        let open = out.len();
        out.push_str(" (");
        let words = out.len();
        push_interval_in_words(out, interval, true);
        if &out[words..] == written {
            out.truncate(open);
        } else {
            out.push(')');
        }
    }
}

/// A value written with the width the text used ("03" stays two digits).
fn digits_like(like: &str, value: u32) -> String {
    let width = like.chars().count();
    if like.starts_with('0') {
        format!("{value:0width$}")
    } else {
        value.to_string()
    }
}

fn rewrite_component(
    doc: &Document,
    m: &DateMention,
    component: Option<Component>,
    value: u32,
    what: Part,
) -> Result<Option<Edit>, ()> {
    let Some(c) = component else {
        return Err(());
    };
    if c.value == value || (what == Part::Year && c.value < 100 && c.value == value % 100) {
        return Ok(None);
    }
    let written = doc.slice(c.span);
    let new = match (m.form, what) {
        (DateForm::Chinese, _) => {
            let v = if what == Part::Year && written.chars().count() == 2 {
                value % 100
            } else {
                value
            };
            chinese_like(written, v, what == Part::Year)
        }
        (DateForm::Textual | DateForm::Serial, Part::Month) => {
            month_like(written, value as u8).ok_or(())?
        }
        (DateForm::Roman, Part::Month) => ROMAN_MONTHS[value as usize - 1].to_owned(),
        (DateForm::Code, Part::Day) => format!("{value:02}"),
        (_, Part::Year) if written.len() == 2 => format!("{:02}", value % 100),
        _ => digits_like(written, value),
    };
    Ok(Some(Edit::replace(c.span, new)))
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Part {
    Year,
    Month,
    Day,
}

/// Edits that make `m` name the day `target` (a day number), keeping its
/// spelling; `None` when a part that would have to change is not written.
pub(super) fn rewrite_to_day(doc: &Document, m: &DateMention, target: i64) -> Option<Vec<Edit>> {
    let (year, month, day) = civil_from_days(target);
    let (ry, rm, rd) = m.resolved?;
    let mut edits = Vec::new();
    if ry != year {
        edits.extend(rewrite_component(doc, m, m.year, year as u32, Part::Year).ok()?);
    }
    if rm != Some(month) {
        edits.extend(rewrite_component(doc, m, m.month, u32::from(month), Part::Month).ok()?);
    }
    if rd != Some(day) {
        edits.extend(rewrite_component(doc, m, m.day, u32::from(day), Part::Day).ok()?);
    }
    (!edits.is_empty()).then_some(edits)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_random::Rng;

    /// The words as `format!` wrote them before the messages were built
    /// by hand.
    fn words_by_format(interval: Interval) -> String {
        let (year, month, day) = civil_from_days(interval.first_day());
        let month_name = ENGLISH_MONTHS[usize::from(month) - 1];
        match interval.precision {
            Precision::Year => year.to_string(),
            Precision::Month => format!("{month_name} {year}"),
            Precision::Day => format!("{day} {month_name} {year}"),
            Precision::Minute => {
                let m = interval.start.rem_euclid(MINUTES_PER_DAY);
                format!("{day} {month_name} {year}, {:02}:{:02}", m / 60, m % 60)
            }
        }
    }

    #[test]
    fn dates_in_words_are_written_as_format_wrote_them() {
        let mut rng = Rng(0x0628_1962_5eed_f00d);
        let mut checked = 0;
        for case in 0..20_000 {
            // Years from before the common era to far ahead, every precision.
            let year = rng.below(6000) as i32 - 2000;
            let (month, day) = (1 + rng.below(12) as u8, 1 + rng.below(31) as u8);
            let minute = rng.below(1440) as u16;
            let interval = match case % 4 {
                0 => Interval::new(year, None, None, None),
                1 => Interval::new(year, Some(month), None, None),
                2 => Interval::new(year, Some(month), Some(day), None),
                _ => Interval::new(year, Some(month), Some(day), Some(minute)),
            };
            let Some(interval) = interval else { continue };
            let expected = words_by_format(interval);
            assert_eq!(interval_in_words(interval), expected);
            let day_only = expected.split(',').next().unwrap_or_default();
            assert_eq!(day_in_words(interval), day_only);
            checked += 1;
        }
        assert!(checked > 15_000);
        let edges = [-1, -45, 10_000, 65_535, 65_536, i64::MAX, i64::MIN];
        for value in (0..=10_000).chain(edges) {
            let mut out = String::from("x");
            push_number(&mut out, value);
            assert_eq!(out, format!("x{value}"));
        }
    }

    #[test]
    fn a_date_is_quoted_with_the_day_it_names_when_that_reads_otherwise() {
        let text =
            "\u{FEFF}June 28, 1962\r\n\r\n𠀋 Cable\r\n\r\n28 June 1962\r\n\r\n批发:(   628\r\n";
        let doc = Document::parse_str(text);
        let quotes: Vec<String> = doc
            .dates()
            .mentions
            .iter()
            .map(|m| quoted(&doc, m))
            .collect();
        assert_eq!(
            quotes,
            [
                "“June 28, 1962” (28 June 1962)",
                "“28 June 1962”",
                "“628” (28 June 1962)"
            ]
        );
    }
}
