use super::describe::day_in_words;
use crate::diagnostic::{Applicability, Edit, Fix, Severity};
use crate::model::dates::calendar::{days_in_month, max_days_in_month, Weekday, ENGLISH_MONTHS};
use crate::model::dates::lexicon::weekday_like;
use crate::model::dates::{DateForm, DateMention, Dates};
use crate::model::Document;
use crate::rules::{Context, Family, FixAvailability, Rule, RuleMeta};

pub struct ImpossibleDate;

static META: RuleMeta = RuleMeta {
    code: "D001",
    name: "impossible-date",
    family: Family::Dates,
    default_severity: Severity::Error,
    default_enabled: true,
    fix: FixAvailability::Sometimes,
    summary: "A date that cannot exist: 31 June, 30 February, month 13, or a weekday that does not fit the date.",
    explanation: "A day the calendar does not have is a slip of the transcriber, the typist or \
the cipher clerk, and a historian who cites it cites nothing. The rule checks every date the \
document states — header, stamps, body, closing, original-language header — for a month \
between 1 and 12, a day the month has (29 February only in a leap year, when the year is \
written), and a weekday that fits the day (\"Monday, 28 June 1962\": it was a Thursday). A \
numeric date whose two readings are both real days (\"03.11.\") is never impossible. Days \
written alone (\"the 31st\") are judged by D004.\n\nWhen a weekday does not fit and another \
date of the document confirms the day, the fix writes the right weekday (unsafe: the source \
may have the weekday right and the day wrong).",
    wrong: "Monday, 28 June 1962\n",
    right: "Thursday, 28 June 1962\n",
};

impl Rule for ImpossibleDate {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, cx: &mut Context) {
        let doc = cx.doc;
        let dates = doc.dates();
        // Days other dates of the document state without a weekday: they
        // confirm a day whose weekday is wrong. Listed once, when a weekday
        // is first found wrong (few documents have one).
        let mut stated: Option<Vec<i64>> = None;
        for m in &dates.mentions {
            if m.form == DateForm::Ordinal || (m.ambiguous && m.order.is_none()) {
                continue;
            }
            if let Some(message) = impossible_day(doc, m) {
                cx.report(m.span, message);
                continue;
            }
            // The weekday first: most dates write none, and the interval
            // costs a calendar computation.
            let Some((weekday_span, written)) = m.weekday else {
                continue;
            };
            let Some(day) = m.interval() else {
                continue;
            };
            let actual = Weekday::of_day(day.first_day());
            if written == actual {
                continue;
            }
            let message = if m.form == DateForm::WeekdayTime {
                format!(
                    "the text is headed {}, but it was sent on {}, a {}",
                    doc.slice(weekday_span),
                    day_in_words(day),
                    actual.name()
                )
            } else {
                format!(
                    "{} was a {}, not a {}",
                    day_in_words(day),
                    actual.name(),
                    written.name()
                )
            };
            // Another date of the document naming the same day says the
            // weekday, not the day, is wrong.
            let confirmed = stated
                .get_or_insert_with(|| stated_days(dates))
                .binary_search(&day.first_day())
                .is_ok();
            let report = cx.report(m.span, message);
            if confirmed {
                let name = weekday_like(doc.slice(weekday_span), actual);
                report.fix(Fix {
                    title: format!("Write {name}"),
                    applicability: Applicability::Unsafe,
                    edits: vec![Edit::replace(weekday_span, name)],
                });
            }
        }
    }
}

/// Why the day as written cannot exist, if it cannot.
/// The days the document's own dates and stamps state without a weekday,
/// sorted.
fn stated_days(dates: &Dates) -> Vec<i64> {
    let mut stated: Vec<i64> = dates
        .mentions
        .iter()
        .filter(|o| o.weekday.is_none() && (o.role.dates_the_document() || o.role.is_stamp()))
        .filter_map(|o| Some(o.interval()?.first_day()))
        .collect();
    stated.sort_unstable();
    stated
}

fn impossible_day(doc: &Document, m: &DateMention) -> Option<String> {
    let month = m.month?;
    if !(1..=12).contains(&month.value) {
        return Some(match (m.form, m.order, m.day) {
            (DateForm::Numeric, None, Some(day)) => format!(
                "“{}”: neither {} nor {} can be a month",
                doc.slice(m.span),
                day.value,
                month.value
            ),
            _ => format!("“{}”: there is no month {}", doc.slice(m.span), month.value),
        });
    }
    let day = m.day?;
    let month_name = ENGLISH_MONTHS[month.value as usize - 1];
    // Against a written year, the month's length that year; else its most.
    let (days, year) = match (m.year, m.resolved) {
        (Some(_), Some((year, _, _))) => (
            u32::from(days_in_month(year, month.value as u8)?),
            Some(year),
        ),
        _ => (u32::from(max_days_in_month(month.value as u8)?), None),
    };
    if day.value == 0 || day.value > days {
        // Written only for a finding: most dates are real days.
        let of = match year {
            Some(year) => format!("{month_name} {year}"),
            None => month_name.to_owned(),
        };
        return Some(format!("“{}”: {of} has {days} days", doc.slice(m.span)));
    }
    None
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::{check, fixed};
    use expect_test::expect;

    #[test]
    fn days_months_and_leap_years_that_do_not_exist() {
        expect![[r#"
            5:1-5:15 error D001: “31 June [1962]”: June 1962 has 30 days
            7:10-7:24 error D001: “24.13.62 16:30”: neither 24 nor 13 can be a month
            9:4-9:20 error D001: “30 February 1962”: February 1962 has 28 days
            9:47-9:63 error D001: “29 February 1962”: February 1962 has 28 days
        "#]]
        .assert_eq(&check(
            "D001",
            "June 28, 1962\n\nCable from the Ministry to the Embassy\n\n31 June [1962]\n\nArrived: 24.13.62 16:30\n\nOn 30 February 1962 the minister came, and on 29 February 1962 he left again as before.\n\nMinistry\n",
        ));
    }

    #[test]
    fn real_days_and_undecided_numeric_dates_pass() {
        expect![[""]].assert_eq(&check(
            "D001",
            "June 28, 1962\n\nCable from the Ministry to the Embassy\n\nThursday, 28 June [1962]\n\nArrived: 03.11.62 16:30\n\nOn 29 February 1964 the minister came, and on 31 May he left again as before.\n\nMinistry\n",
        ));
    }

    #[test]
    fn a_weekday_that_does_not_fit_is_fixed_when_another_date_confirms_the_day() {
        let text = "\u{FEFF}June 28, 1962\r\n\r\n发往 𠀋 Cable from the Ministry to the Embassy\r\n\r\nMonday, 28 June [1962]\r\n\r\nThe body of the cable goes on for a while and it ends with a full stop here.\r\n";
        expect![[r#"
            5:1-5:23 error D001: 28 June 1962 was a Thursday, not a Monday [fix unsafe: Write Thursday]
        "#]]
        .assert_eq(&check("D001", text));
        assert_eq!(
            fixed("D001", text),
            "June 28, 1962\r\n\r\n发往 𠀋 Cable from the Ministry to the Embassy\r\n\r\nThursday, 28 June [1962]\r\n\r\nThe body of the cable goes on for a while and it ends with a full stop here.\r\n"
        );
    }

    #[test]
    fn a_weekday_alone_is_reported_without_a_fix() {
        expect![[r#"
            1:1-1:21 error D001: 28 June 1962 was a Thursday, not a Monday
        "#]]
        .assert_eq(&check("D001", "Monday, 28 June 1962\n"));
    }

    #[test]
    fn a_telegram_headed_with_the_wrong_weekday() {
        expect![[r#"
            9:1-9:22 error D001: the text is headed FRIDAY, but it was sent on 24 October 1962, a Wednesday [fix unsafe: Write WEDNESDAY]
        "#]]
        .assert_eq(&check(
            "D001",
            "October 24, 1962\n\nTelegram from the Embassy in Havana\n\nTELEGRAM\n\nON/24/25/X/62\n\n342 – FRIDAY – 1700hs – With the interruption of all routes of aviation for Cuba we find ourselves isolated.\n",
        ));
        expect![[""]].assert_eq(&check(
            "D001",
            "October 24, 1962\n\nTelegram from the Embassy in Havana\n\nTELEGRAM\n\nON/24/25/X/62\n\n342 – WEDNESDAY – 1700hs – With the interruption of all routes of aviation for Cuba we find ourselves isolated.\n",
        ));
    }
}
