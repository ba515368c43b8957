//! Calendar arithmetic on the proleptic Gregorian calendar: day numbers,
//! weekdays, month lengths and minute intervals.
//!
//! Written here rather than taken from `jiff` or `time` because the recogniser
//! needs only four things (a day count, a weekday, month lengths, ordering of
//! local wall-clock minutes), none of which involves time zones or leap
//! seconds; the day count is Howard Hinnant's public-domain `days_from_civil`.
//! Dates before a country's switch to the Gregorian calendar (Russia, 1918)
//! are taken as written: transcriptions print them in whichever calendar the
//! source used, and the rules only compare dates within one document.

use std::fmt;

pub const MINUTES_PER_DAY: i64 = 1440;

/// Days since 1970-01-01 (negative before).
pub fn days_from_civil(year: i32, month: u8, day: u8) -> i64 {
    // Every year a document can name is positive: then the count is taken
    // in unsigned arithmetic (divisions by constants without the sign
    // corrections of `div_euclid`) with the days before the month from a
    // table. Dates run through this for every mention and every message;
    // `days_from_civil_by_eras` is the general formula and the test oracle.
    if year > 0 && (1..=12).contains(&month) {
        let y = u64::from(year as u32 - u32::from(month <= 2));
        let years = y * 365 + y / 4 - y / 100 + y / 400;
        let day_of_year =
            i64::from(DAYS_BEFORE_MONTH_FROM_MARCH[usize::from(month) - 1]) + i64::from(day) - 1;
        return years as i64 + day_of_year - 719_468;
    }
    days_from_civil_by_eras(year, month, day)
}

/// Per month (January first), the days from 1 March to its first day in a
/// year counted from March, as [`days_from_civil_by_eras`] computes them.
const DAYS_BEFORE_MONTH_FROM_MARCH: [u16; 12] =
    [306, 337, 0, 31, 61, 92, 122, 153, 184, 214, 245, 275];

/// [`days_from_civil`] for any year and month, by 400-year eras (Howard
/// Hinnant's `days_from_civil`).
fn days_from_civil_by_eras(year: i32, month: u8, day: u8) -> i64 {
    let y = i64::from(year) - i64::from(month <= 2);
    let era = y.div_euclid(400);
    let year_of_era = y - era * 400;
    let m = i64::from(month);
    let day_of_year = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(day) - 1;
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    era * 146_097 + day_of_era - 719_468
}

/// The inverse of [`days_from_civil`].
pub fn civil_from_days(days: i64) -> (i32, u8, u8) {
    // From 1 March of year 0 on (every date a document names), the same
    // formula in unsigned arithmetic: no sign corrections in the divisions.
    // `civil_from_days_by_eras` is the general version and the test oracle.
    let Ok(z) = u64::try_from(days + 719_468) else {
        return civil_from_days_by_eras(days);
    };
    let era = z / 146_097;
    let (year_of_era, month, day) = within_era(z - era * 146_097);
    let year = (year_of_era + era * 400 + u64::from(month <= 2)) as i32;
    (year, month, day)
}

/// [`civil_from_days`] for any day number, by 400-year eras.
fn civil_from_days_by_eras(days: i64) -> (i32, u8, u8) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    // `div_euclid` leaves a day of the era in 0..146_097.
    let (year_of_era, month, day) = within_era((z - era * 146_097) as u64);
    let year = (year_of_era as i64 + era * 400 + i64::from(month <= 2)) as i32;
    (year, month, day)
}

/// A day of a 400-year era (counted from 1 March of its first year) as
/// the year of the era, the month and the day: the part of both versions
/// above that has no signs to correct.
fn within_era(day_of_era: u64) -> (u64, u8, u8) {
    let year_of_era =
        (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let mp = (5 * day_of_year + 2) / 153;
    let day = (day_of_year - (153 * mp + 2) / 5 + 1) as u8;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
    (year_of_era, month, day)
}

pub fn is_leap_year(year: i32) -> bool {
    year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
}

/// Days in `month` (1–12) of `year`; `None` for a month that does not exist.
pub fn days_in_month(year: i32, month: u8) -> Option<u8> {
    Some(match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap_year(year) => 29,
        2 => 28,
        _ => return None,
    })
}

/// The most days `month` can have in any year (29 for February).
pub fn max_days_in_month(month: u8) -> Option<u8> {
    days_in_month(2000, month)
}

pub fn is_valid_date(year: i32, month: u8, day: u8) -> bool {
    day >= 1 && days_in_month(year, month).is_some_and(|n| day <= n)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Weekday {
    Monday,
    Tuesday,
    Wednesday,
    Thursday,
    Friday,
    Saturday,
    Sunday,
}

impl Weekday {
    pub const ALL: [Weekday; 7] = [
        Weekday::Monday,
        Weekday::Tuesday,
        Weekday::Wednesday,
        Weekday::Thursday,
        Weekday::Friday,
        Weekday::Saturday,
        Weekday::Sunday,
    ];

    /// The weekday of a day number (1970-01-01 was a Thursday).
    pub fn of_day(days: i64) -> Weekday {
        Weekday::ALL[(days + 3).rem_euclid(7) as usize]
    }

    pub fn of_date(year: i32, month: u8, day: u8) -> Weekday {
        Weekday::of_day(days_from_civil(year, month, day))
    }

    pub fn name(self) -> &'static str {
        match self {
            Weekday::Monday => "Monday",
            Weekday::Tuesday => "Tuesday",
            Weekday::Wednesday => "Wednesday",
            Weekday::Thursday => "Thursday",
            Weekday::Friday => "Friday",
            Weekday::Saturday => "Saturday",
            Weekday::Sunday => "Sunday",
        }
    }
}

/// How much of a point in time a date fixes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Precision {
    Year,
    Month,
    Day,
    Minute,
}

impl Precision {
    pub fn as_str(self) -> &'static str {
        match self {
            Precision::Year => "year",
            Precision::Month => "month",
            Precision::Day => "day",
            Precision::Minute => "minute",
        }
    }
}

/// A closed range of local wall-clock minutes since 1970-01-01 00:00: a year
/// is 1 January 00:00 … 31 December 23:59, a day 00:00 … 23:59, a time the
/// one minute. No time zone: cables give local times of their own offices.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Interval {
    pub start: i64,
    /// The last minute inside the interval.
    pub end: i64,
    pub precision: Precision,
}

impl Interval {
    /// The interval a (year, month?, day?, minute-of-day?) names, if those
    /// parts make a real date. A day without a month, or a time without a
    /// day, names nothing more precise than the parts before it.
    pub fn new(year: i32, month: Option<u8>, day: Option<u8>, minute: Option<u16>) -> Option<Self> {
        let Some(month) = month else {
            let start = days_from_civil(year, 1, 1) * MINUTES_PER_DAY;
            let end = days_from_civil(year + 1, 1, 1) * MINUTES_PER_DAY - 1;
            return Some(Interval {
                start,
                end,
                precision: Precision::Year,
            });
        };
        let last = days_in_month(year, month)?;
        let Some(day) = day else {
            let start = days_from_civil(year, month, 1) * MINUTES_PER_DAY;
            let end = (days_from_civil(year, month, last) + 1) * MINUTES_PER_DAY - 1;
            return Some(Interval {
                start,
                end,
                precision: Precision::Month,
            });
        };
        if day == 0 || day > last {
            return None;
        }
        let day_start = days_from_civil(year, month, day) * MINUTES_PER_DAY;
        Some(match minute {
            Some(m) if i64::from(m) < MINUTES_PER_DAY => Interval {
                start: day_start + i64::from(m),
                end: day_start + i64::from(m),
                precision: Precision::Minute,
            },
            _ => Interval {
                start: day_start,
                end: day_start + MINUTES_PER_DAY - 1,
                precision: Precision::Day,
            },
        })
    }

    pub fn overlaps(&self, other: &Interval) -> bool {
        self.start <= other.end && other.start <= self.end
    }

    /// ISO 8601 to the interval's precision: `1962`, `1962-06`,
    /// `1962-06-28`, `1962-06-28T19:00`.
    pub fn iso(&self) -> String {
        let (year, month, day) = civil_from_days(self.start.div_euclid(MINUTES_PER_DAY));
        match self.precision {
            Precision::Year => format!("{year:04}"),
            Precision::Month => format!("{year:04}-{month:02}"),
            Precision::Day => format!("{year:04}-{month:02}-{day:02}"),
            Precision::Minute => {
                let m = self.start.rem_euclid(MINUTES_PER_DAY);
                format!("{year:04}-{month:02}-{day:02}T{:02}:{:02}", m / 60, m % 60)
            }
        }
    }

    /// The same interval made `minutes` wider on both sides.
    pub fn widen(self, minutes: i64) -> Interval {
        Interval {
            start: self.start - minutes,
            end: self.end + minutes,
            precision: self.precision,
        }
    }

    /// The day number of the interval's first minute.
    pub fn first_day(&self) -> i64 {
        self.start.div_euclid(MINUTES_PER_DAY)
    }

    pub fn last_day(&self) -> i64 {
        self.end.div_euclid(MINUTES_PER_DAY)
    }
}

/// ISO 8601 at the interval's precision: `1962`, `1962-06`, `1962-06-28`,
/// `1962-06-28T19:00`.
impl fmt::Display for Interval {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (year, month, day) = civil_from_days(self.first_day());
        match self.precision {
            Precision::Year => write!(f, "{year:04}"),
            Precision::Month => write!(f, "{year:04}-{month:02}"),
            Precision::Day => write!(f, "{year:04}-{month:02}-{day:02}"),
            Precision::Minute => {
                let m = self.start.rem_euclid(MINUTES_PER_DAY);
                write!(
                    f,
                    "{year:04}-{month:02}-{day:02}T{:02}:{:02}",
                    m / 60,
                    m % 60
                )
            }
        }
    }
}

/// "28 June 1962" for messages.
pub fn describe_day(days: i64) -> String {
    let (year, month, day) = civil_from_days(days);
    format!("{day} {} {year}", ENGLISH_MONTHS[usize::from(month) - 1])
}

pub const ENGLISH_MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn iso_follows_the_precision() {
        let iso = |y, m, d, t| Interval::new(y, m, d, t).unwrap().iso();
        assert_eq!(iso(1962, None, None, None), "1962");
        assert_eq!(iso(1962, Some(6), None, None), "1962-06");
        assert_eq!(iso(1962, Some(6), Some(28), None), "1962-06-28");
        assert_eq!(
            iso(1962, Some(6), Some(28), Some(19 * 60 + 5)),
            "1962-06-28T19:05"
        );
    }

    #[test]
    fn day_numbers_round_trip_and_match_known_weekdays() {
        assert_eq!(days_from_civil(1970, 1, 1), 0);
        for days in [-800_000, -1, 0, 1, 59, 365, 11_500, 2_000_000] {
            let (y, m, d) = civil_from_days(days);
            assert_eq!(days_from_civil(y, m, d), days);
        }
        assert_eq!(Weekday::of_date(1962, 6, 28), Weekday::Thursday);
        assert_eq!(Weekday::of_date(1962, 10, 24), Weekday::Wednesday);
        assert_eq!(Weekday::of_date(1996, 9, 12), Weekday::Thursday);
        assert_eq!(Weekday::of_date(1600, 3, 1), Weekday::Wednesday);
        assert_eq!(Weekday::of_date(1918, 2, 14), Weekday::Thursday);
    }

    #[test]
    fn day_numbers_agree_with_the_general_formulas() {
        // Every day of years -1..=2400 both ways, and far years and odd
        // days (0, 31 in a short month) as the callers may pass them.
        let first = days_from_civil_by_eras(-1, 1, 1);
        let last = days_from_civil_by_eras(2401, 1, 1);
        for days in first..last {
            let civil = civil_from_days_by_eras(days);
            assert_eq!(civil_from_days(days), civil, "{days}");
            let (y, m, d) = civil;
            assert_eq!(days_from_civil(y, m, d), days, "{civil:?}");
        }
        for year in [
            -400_000,
            -401,
            -1,
            0,
            1,
            2,
            99,
            100,
            400,
            1962,
            9999,
            1 << 20,
            i32::MAX / 2,
        ] {
            for month in 0..=13 {
                for day in [0, 1, 28, 29, 30, 31, 255] {
                    assert_eq!(
                        days_from_civil(year, month, day),
                        days_from_civil_by_eras(year, month, day),
                        "{year}-{month}-{day}"
                    );
                }
            }
        }
        for days in [-800_000_000, -719_469, -719_468, -719_467, 0, 800_000_000] {
            assert_eq!(
                civil_from_days(days),
                civil_from_days_by_eras(days),
                "{days}"
            );
        }
    }

    #[test]
    fn month_lengths_follow_gregorian_leap_years() {
        assert_eq!(days_in_month(1962, 2), Some(28));
        assert_eq!(days_in_month(1964, 2), Some(29));
        assert_eq!(days_in_month(1900, 2), Some(28));
        assert_eq!(days_in_month(2000, 2), Some(29));
        assert_eq!(days_in_month(1962, 6), Some(30));
        assert_eq!(days_in_month(1962, 13), None);
        assert!(!is_valid_date(1962, 6, 31));
        assert!(!is_valid_date(1962, 6, 0));
    }

    #[test]
    fn intervals_cover_their_precision() {
        let year = Interval::new(1962, None, None, None).unwrap();
        assert_eq!(year.to_string(), "1962");
        assert_eq!(year.end - year.start + 1, 365 * MINUTES_PER_DAY);
        let month = Interval::new(1964, Some(2), None, None).unwrap();
        assert_eq!(month.end - month.start + 1, 29 * MINUTES_PER_DAY);
        let day = Interval::new(1962, Some(6), Some(28), None).unwrap();
        assert_eq!(day.to_string(), "1962-06-28");
        assert!(year.overlaps(&day) && !month.overlaps(&day));
        let minute = Interval::new(1962, Some(6), Some(28), Some(19 * 60)).unwrap();
        assert_eq!(minute.to_string(), "1962-06-28T19:00");
        assert_eq!(minute.start, minute.end);
        assert!(Interval::new(1962, Some(6), Some(31), None).is_none());
        assert!(Interval::new(1962, Some(13), None, None).is_none());
    }
}
