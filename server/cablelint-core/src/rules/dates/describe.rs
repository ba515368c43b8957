//! What the D rules share: dates in words for messages, and edits that make
//! a date say another day in its own spelling.

use crate::diagnostic::Edit;
use crate::model::dates::calendar::{civil_from_days, ENGLISH_MONTHS, MINUTES_PER_DAY};
use crate::model::dates::lexicon::{chinese_like, month_like, ROMAN_MONTHS};
use crate::model::dates::{Component, DateForm, DateMention, Interval, Precision};
use crate::model::Document;

/// "28 June 1962", "28 June 1962, 19:00", "June 1962", "1962".
pub(super) fn interval_in_words(interval: Interval) -> String {
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

/// The date as the text writes it, quoted, with what it reads as:
/// `“628” (28 June 1962)`.
pub(super) fn quoted(doc: &Document, m: &DateMention) -> String {
    let written = doc.slice(m.span);
    match m.interval().map(interval_in_words) {
        Some(words) if words != written => format!("“{written}” ({words})"),
        _ => format!("“{written}”"),
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
