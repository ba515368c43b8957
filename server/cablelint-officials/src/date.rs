//! Dates of known precision: "1972", "1972-01" or "1972-01-12".
//!
//! Historical sources often agree only on the year an official took up a
//! post, so a date here is really an interval of days: "1973" stands for any
//! day from 1 January to 31 December 1973. Comparisons are therefore phrased
//! as interval questions ([`Date::overlaps`], [`Date::may_be_after`]) rather
//! than through `Ord`, which would silently pick one end of the interval.

use std::fmt;
use std::str::FromStr;

/// How much of a [`Date`] is known.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Precision {
    Year,
    Month,
    Day,
}

/// A calendar date (proleptic Gregorian) known to year, month or day.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Date {
    year: i32,
    month: Option<u8>,
    day: Option<u8>,
}

/// Why a date could not be built or parsed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DateError(String);

impl fmt::Display for DateError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for DateError {}

impl Date {
    /// A date known only to the year.
    pub fn year(year: i32) -> Date {
        Date {
            year,
            month: None,
            day: None,
        }
    }

    /// A date known to the month (1–12).
    pub fn month(year: i32, month: u8) -> Result<Date, DateError> {
        if !(1..=12).contains(&month) {
            return Err(DateError(format!("month {month} is not between 1 and 12")));
        }
        Ok(Date {
            year,
            month: Some(month),
            day: None,
        })
    }

    /// A date known to the day.
    pub fn day(year: i32, month: u8, day: u8) -> Result<Date, DateError> {
        let with_month = Date::month(year, month)?;
        let last = days_in_month(year, month);
        if day == 0 || day > last {
            return Err(DateError(format!(
                "day {day} does not exist in {year:04}-{month:02} (it has {last} days)"
            )));
        }
        Ok(Date {
            day: Some(day),
            ..with_month
        })
    }

    pub fn precision(&self) -> Precision {
        match (self.month, self.day) {
            (_, Some(_)) => Precision::Day,
            (Some(_), None) => Precision::Month,
            (None, _) => Precision::Year,
        }
    }

    pub fn year_part(&self) -> i32 {
        self.year
    }

    pub fn month_part(&self) -> Option<u8> {
        self.month
    }

    pub fn day_part(&self) -> Option<u8> {
        self.day
    }

    /// The first day this date may stand for, as a sortable key `yyyymmdd`.
    pub fn first_day(&self) -> i64 {
        let month = self.month.unwrap_or(1);
        let day = self.day.unwrap_or(1);
        day_key(self.year, month, day)
    }

    /// The last day this date may stand for, as a sortable key `yyyymmdd`.
    pub fn last_day(&self) -> i64 {
        let month = self.month.unwrap_or(12);
        let day = self.day.unwrap_or_else(|| days_in_month(self.year, month));
        day_key(self.year, month, day)
    }

    /// Whether the two dates may stand for a common day ("1973" overlaps
    /// "1973-11-02"; "1973-10" does not overlap "1973-11").
    pub fn overlaps(&self, other: &Date) -> bool {
        self.first_day() <= other.last_day() && other.first_day() <= self.last_day()
    }

    /// Whether `self` may fall on or after `other`: false only when every day
    /// `self` stands for is before every day `other` stands for.
    pub fn may_be_after(&self, other: &Date) -> bool {
        self.last_day() >= other.first_day()
    }

    /// Whether `self` is certainly before `other` (no day in common and earlier).
    pub fn is_certainly_before(&self, other: &Date) -> bool {
        self.last_day() < other.first_day()
    }

    /// Whether the interval `[start, end]` (an open end when `end` is None)
    /// may contain a day of `self`. This is the test for "post held on date".
    pub fn may_fall_within(&self, start: &Date, end: Option<&Date>) -> bool {
        let after_start = start.first_day() <= self.last_day();
        let before_end = end.is_none_or(|end| self.first_day() <= end.last_day());
        after_start && before_end
    }
}

fn day_key(year: i32, month: u8, day: u8) -> i64 {
    i64::from(year) * 10_000 + i64::from(month) * 100 + i64::from(day)
}

fn is_leap_year(year: i32) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

fn days_in_month(year: i32, month: u8) -> u8 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap_year(year) => 29,
        _ => 28,
    }
}

impl FromStr for Date {
    type Err = DateError;

    /// Parses "YYYY", "YYYY-MM" or "YYYY-MM-DD" (four-digit year, two-digit
    /// month and day), the only forms the registry format allows, so that a
    /// date reads the same way in every file.
    fn from_str(text: &str) -> Result<Date, DateError> {
        let bad = || {
            DateError(format!(
                "`{text}` is not a date: write \"1972\", \"1972-01\" or \"1972-01-12\""
            ))
        };
        let mut parts = text.split('-');
        let year_text = parts.next().ok_or_else(bad)?;
        if year_text.len() != 4 || !year_text.bytes().all(|b| b.is_ascii_digit()) {
            return Err(bad());
        }
        let year: i32 = year_text.parse().map_err(|_| bad())?;
        let two_digits = |part: Option<&str>| -> Result<Option<u8>, DateError> {
            match part {
                None => Ok(None),
                Some(p) if p.len() == 2 && p.bytes().all(|b| b.is_ascii_digit()) => {
                    Ok(Some(p.parse().map_err(|_| bad())?))
                }
                Some(_) => Err(bad()),
            }
        };
        let month = two_digits(parts.next())?;
        let day = two_digits(parts.next())?;
        if parts.next().is_some() {
            return Err(bad());
        }
        match (month, day) {
            (None, _) => Ok(Date::year(year)),
            (Some(m), None) => Date::month(year, m),
            (Some(m), Some(d)) => Date::day(year, m, d),
        }
    }
}

impl fmt::Display for Date {
    /// Writes the digits by hand for years 0–9999 (every registry date): the
    /// three padded `write!` calls of `Date::write_plain` cost about 1 K
    /// instructions per O001 message. `write_plain` stays as the oracle.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.digits() {
            Some((out, len)) => f.write_str(digits_text(&out, len)),
            None => self.write_plain(f),
        }
    }
}

/// The ASCII text of [`Date::digits`].
fn digits_text(out: &[u8; 10], len: usize) -> &str {
    // Only ASCII digits and '-' are written, so this never falls back.
    std::str::from_utf8(&out[..len]).unwrap_or("")
}

impl Date {
    /// Appends the date as `Display` writes it, without the formatting
    /// machinery (rule messages are built with `push_str`).
    pub fn push_to(&self, text: &mut String) {
        match self.digits() {
            Some((out, len)) => text.push_str(digits_text(&out, len)),
            None => {
                use std::fmt::Write;
                let _ = write!(text, "{self}");
            }
        }
    }

    /// "yyyy", "yyyy-mm" or "yyyy-mm-dd" as bytes and their length, for
    /// years 0–9999 (None for others, which `write_plain` writes).
    fn digits(&self) -> Option<([u8; 10], usize)> {
        if !(0..=9999).contains(&self.year) {
            return None;
        }
        let mut out = [0u8; 10];
        let year = self.year as u32;
        out[0] = b'0' + (year / 1000) as u8;
        out[1] = b'0' + (year / 100 % 10) as u8;
        out[2] = b'0' + (year / 10 % 10) as u8;
        out[3] = b'0' + (year % 10) as u8;
        let mut len = 4;
        for part in [self.month, self.day].into_iter().flatten() {
            out[len] = b'-';
            out[len + 1] = b'0' + part / 10;
            out[len + 2] = b'0' + part % 10;
            len += 3;
        }
        Some((out, len))
    }

    /// The plain form of `Display`, kept as the test oracle for the fast one.
    fn write_plain(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}", self.year)?;
        if let Some(month) = self.month {
            write!(f, "-{month:02}")?;
        }
        if let Some(day) = self.day {
            write!(f, "-{day:02}")?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(text: &str) -> Date {
        text.parse().unwrap()
    }

    struct Plain(Date);

    impl fmt::Display for Plain {
        fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            self.0.write_plain(f)
        }
    }

    #[test]
    fn display_matches_the_plain_writer() {
        let mut dates = vec![Date::year(-44), Date::year(12_345), Date::year(0)];
        for year in [0, 7, 42, 800, 999, 1000, 1962, 9999] {
            dates.push(Date::year(year));
            for month in 1..=12 {
                dates.push(Date::month(year, month).unwrap());
                for day in 1..=days_in_month(year, month) {
                    dates.push(Date::day(year, month, day).unwrap());
                }
            }
        }
        for date in dates {
            let plain = Plain(date).to_string();
            assert_eq!(date.to_string(), plain, "{date:?}");
            let mut pushed = String::from("on ");
            date.push_to(&mut pushed);
            assert_eq!(pushed, format!("on {plain}"), "{date:?}");
        }
    }

    #[test]
    fn parses_the_three_precisions() {
        assert_eq!(d("1972").precision(), Precision::Year);
        assert_eq!(d("1972-01").precision(), Precision::Month);
        assert_eq!(d("1972-01-12").precision(), Precision::Day);
        assert_eq!(d("1972-01-12").to_string(), "1972-01-12");
        assert_eq!(d("0800").to_string(), "0800");
    }

    #[test]
    fn rejects_malformed_and_impossible_dates() {
        for bad in [
            "",
            "72",
            "1972-1",
            "1972-13",
            "1972-02-30",
            "1973-02-29",
            "1972-01-12-01",
            "1972/01",
            "c. 1972",
            "1972-00",
        ] {
            assert!(bad.parse::<Date>().is_err(), "{bad:?} should not parse");
        }
        assert!("1972-02-29".parse::<Date>().is_ok());
        assert!("2000-02-29".parse::<Date>().is_ok());
        assert!("1900-02-29".parse::<Date>().is_err());
    }

    #[test]
    fn a_year_covers_every_day_of_that_year() {
        let end = d("1973");
        assert!(d("1973-12-31").may_fall_within(&d("1972-01"), Some(&end)));
        assert!(d("1973-01-01").may_fall_within(&d("1972-01"), Some(&end)));
        assert!(!d("1974-01-01").may_fall_within(&d("1972-01"), Some(&end)));
        assert!(!d("1971-12-31").may_fall_within(&d("1972-01"), Some(&end)));
        assert!(d("1999").may_fall_within(&d("1972-01"), None));
    }

    #[test]
    fn month_precision_is_an_interval_too() {
        assert!(d("1973-11").overlaps(&d("1973-11-02")));
        assert!(!d("1973-10").overlaps(&d("1973-11")));
        assert!(d("1973-10").is_certainly_before(&d("1973-11")));
        assert!(!d("1973").is_certainly_before(&d("1973-11")));
        assert!(d("1973").may_be_after(&d("1973-11-30")));
        assert!(!d("1973-10-31").may_be_after(&d("1973-11")));
    }
}
