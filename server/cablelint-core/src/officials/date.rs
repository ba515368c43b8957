//! The document's own date, which decides which posts an official held: the
//! one the dates recogniser settles (header, closing, archive line and
//! original-language codes weighed together), else the archive date line or
//! the first dated header field read directly.

use std::sync::LazyLock;

use cablelint_officials::Date;
use regex::Regex;

use crate::model::dates::calendar::ENGLISH_MONTHS;
use crate::model::{Document, SectionKind};
use crate::profile::ValueKind;

/// The date the document was written, to the precision the text gives.
pub fn document_date(doc: &Document) -> Option<Date> {
    recognised_date(doc).or_else(|| written_date(doc))
}

fn recognised_date(doc: &Document) -> Option<Date> {
    use crate::model::dates::{calendar::civil_from_days, Precision};
    let interval = doc.dates().document.as_ref()?.interval;
    let (year, month, day) = civil_from_days(interval.first_day());
    match interval.precision {
        Precision::Year => Some(Date::year(year)),
        Precision::Month => Date::month(year, month).ok(),
        _ => Date::day(year, month, day).ok(),
    }
}

fn written_date(doc: &Document) -> Option<Date> {
    let from_archive_line = doc
        .sections_of(SectionKind::ArchiveDate)
        .find_map(|section| parse_date_in(doc.slice(section.span)));
    from_archive_line.or_else(|| {
        doc.fields
            .iter()
            .filter(|field| {
                field
                    .field
                    .as_deref()
                    .and_then(|id| doc.profile.field(id))
                    .is_some_and(|spec| matches!(spec.kind, ValueKind::Date | ValueKind::DateTime))
            })
            .find_map(|field| parse_date_in(doc.slice(field.value)))
    })
}

static DATE_FORMS: LazyLock<Regex> = LazyLock::new(|| {
    let month = r"(January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?";
    Regex::new(&format!(
        r"(?i)\b(?:(?P<iy>\d{{4}})-(?P<im>\d{{2}})-(?P<id>\d{{2}})|{month}\s+(?P<md>\d{{1,2}}),?\s+(?P<my>\d{{4}})|(?P<dd>\d{{1,2}})\s+{month2}\s+(?P<dy>\d{{4}})|{month3}\s+(?P<oy>\d{{4}}))\b",
        month = month.replace("(January", "(?P<mm>January"),
        month2 = month.replace("(January", "(?P<dm>January"),
        month3 = month.replace("(January", "(?P<om>January"),
    ))
    .expect("the date pattern is valid")
});

fn month_number(name: &str) -> Option<u8> {
    let lower = name.to_ascii_lowercase();
    let prefix = &lower[..3.min(lower.len())];
    let position = ENGLISH_MONTHS
        .iter()
        .position(|m| m.to_ascii_lowercase().starts_with(prefix))?;
    u8::try_from(position + 1).ok()
}

/// The first date in `text` written as "June 28, 1962", "28 June 1962",
/// "November 1967" or "1962-06-28". Impossible dates ("June 31, 1962") are
/// no date.
pub fn parse_date_in(text: &str) -> Option<Date> {
    for caps in DATE_FORMS.captures_iter(text) {
        let number = |name: &str| caps.name(name).and_then(|m| m.as_str().parse::<u32>().ok());
        let date = if let (Some(y), Some(m), Some(d)) = (number("iy"), number("im"), number("id")) {
            day(y, m, d)
        } else if let (Some(m), Some(d), Some(y)) = (caps.name("mm"), number("md"), number("my")) {
            month_number(m.as_str()).and_then(|m| day(y, m.into(), d))
        } else if let (Some(d), Some(m), Some(y)) = (number("dd"), caps.name("dm"), number("dy")) {
            month_number(m.as_str()).and_then(|m| day(y, m.into(), d))
        } else if let (Some(m), Some(y)) = (caps.name("om"), number("oy")) {
            let year = i32::try_from(y).ok();
            month_number(m.as_str()).and_then(|m| Date::month(year?, m).ok())
        } else {
            None
        };
        if date.is_some() {
            return date;
        }
    }
    None
}

fn day(year: u32, month: u32, day: u32) -> Option<Date> {
    Date::day(
        i32::try_from(year).ok()?,
        u8::try_from(month).ok()?,
        u8::try_from(day).ok()?,
    )
    .ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parsed(text: &str) -> Option<String> {
        parse_date_in(text).map(|d| d.to_string())
    }

    #[test]
    fn reads_the_archive_date_forms() {
        assert_eq!(parsed("June 28, 1962").as_deref(), Some("1962-06-28"));
        assert_eq!(parsed("28 June 1962").as_deref(), Some("1962-06-28"));
        assert_eq!(parsed("November 1967").as_deref(), Some("1967-11"));
        assert_eq!(parsed("Sept. 3, 1950").as_deref(), Some("1950-09-03"));
        assert_eq!(parsed("1962-06-28").as_deref(), Some("1962-06-28"));
        assert_eq!(
            parsed("September 28, 1934—3 p.m.").as_deref(),
            Some("1934-09-28")
        );
        assert_eq!(parsed("June 31, 1962"), None);
        assert_eq!(parsed("Mayday 1962"), None);
        assert_eq!(parsed("no date here"), None);
    }

    #[test]
    fn prefers_the_archive_line_then_a_dated_header_field() {
        let doc = Document::parse_str("Skip to content\n\nJune 28, 1962\n\nCable from X\n");
        assert_eq!(
            document_date(&doc).map(|d| d.to_string()).as_deref(),
            Some("1962-06-28")
        );
        let undated = Document::parse_str("Ji met him.\n");
        assert_eq!(document_date(&undated), None);
    }
}
