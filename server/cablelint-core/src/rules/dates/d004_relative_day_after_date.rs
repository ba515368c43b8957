use super::cited::cites_a_document;
use super::describe::{day_in_words, push_quoted};
use super::tense::{ends_with_on_the, has_future_word_in_joined, has_past_verb};
use crate::diagnostic::Severity;
use crate::model::dates::calendar::{civil_from_days, days_in_month, ENGLISH_MONTHS};
use crate::model::dates::{DateMention, DateRole, Interval};
use crate::model::Document;
use crate::rules::{Context, Family, FixAvailability, Rule, RuleMeta};

pub struct RelativeDayAfterDate;

static META: RuleMeta = RuleMeta {
    code: "D004",
    name: "relative-day-after-date",
    family: Family::Dates,
    default_severity: Severity::Warning,
    default_enabled: true,
    fix: FixAvailability::None,
    summary: "A day the text speaks of in the past (\"On the 26th [of June], … handed\") that falls after the document's own date, or on no day at all.",
    explanation: "Cables name recent days without a year, often without a month: \"On the \
26th [of June], Vice Minister Ji handed our memorandum\", \"the memorandum of 2 June\", \"your \
telegram of the 22nd\". Such a day is read against the document's date (the nearest such day); \
when it then falls after the document was written, a digit or the month an editor supplied is \
wrong (\"On the 22nd [of February]\" in a cable of 14 February).\n\nTo keep future plans out \
(\"he will arrive on the 30th\", \"due Nagasaki 20th\"), the rule judges only days the text \
clearly puts in the past: the date of a document it cites (\"memorandum of 2 June\", \"your \
94, September 26\"), or \"on the …\" in a sentence with a past-tense verb and no word of \
plan or future (will, would, shall, planned, expected, due, next…). A bare day (\"On the \
22nd, he met\") that reads as a later day of the document's month is reported as information, \
since it may mean the month before — supply the month to say which; one that fits neither \
month (\"the 31st\" in a cable of 10 March) is a warning.",
    wrong: "June 24, 1962\n\nCable from the Ministry\n\n24 June [1962]\n\nOn the 26th [of June], Vice Minister Ji handed our memorandum to the Soviet Ambassador.\n",
    right: "June 28, 1962\n\nCable from the Ministry\n\n28 June [1962]\n\nOn the 26th [of June], Vice Minister Ji handed our memorandum to the Soviet Ambassador.\n",
};

impl Rule for RelativeDayAfterDate {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, cx: &mut Context) {
        let doc = cx.doc;
        let dates = doc.dates();
        let Some(document) = dates.document.as_ref().map(|d| d.interval) else {
            return;
        };
        if document.precision < crate::model::dates::Precision::Day {
            return;
        }
        for m in dates
            .mentions
            .iter()
            .filter(|m| m.role == DateRole::Reference && m.relative && m.day.is_some())
        {
            let Some(interval) = m.interval() else {
                continue;
            };
            // Only a day after the document's date is reported: the words
            // around it are read for those alone.
            if interval.first_day() <= document.last_day() || !in_the_past(doc, m) {
                continue;
            }
            if m.month.is_some() {
                let mut message = String::with_capacity(96);
                push_quoted(&mut message, doc, m);
                message.push_str(" is after the document's date (");
                message.push_str(&day_in_words(document));
                message.push(')');
                cx.report(m.span, message);
                continue;
            }
            bare_day(cx, m, interval, document);
        }
    }
}

/// "the 22nd" alone: the document's month, or the month before.
fn bare_day(cx: &mut Context, m: &DateMention, interval: Interval, document: Interval) {
    if interval.first_day() <= document.last_day() {
        return;
    }
    let Some(day) = m.day.map(|d| d.value as u8) else {
        return;
    };
    let (year, month, doc_day) = civil_from_days(document.first_day());
    let (prev_year, prev_month) = if month == 1 {
        (year - 1, 12)
    } else {
        (year, month - 1)
    };
    let this_month_fits = day <= doc_day;
    let previous_fits = days_in_month(prev_year, prev_month).is_some_and(|n| day <= n);
    let written = cx.doc.slice(m.span).to_owned();
    if this_month_fits || previous_fits {
        let previous = ENGLISH_MONTHS[usize::from(prev_month) - 1];
        cx.report(
            m.span,
            format!(
                "“{written}” reads as {}, after the document's date ({}); if it means {day} {previous}, supply [of {previous}]",
                day_in_words(interval),
                day_in_words(document)
            ),
        )
        .severity(Severity::Info);
    } else {
        cx.report(
            m.span,
            format!(
                "“{written}” names no day before the document's date ({}): {} has no day {day}",
                day_in_words(document),
                ENGLISH_MONTHS[usize::from(prev_month) - 1]
            ),
        );
    }
}

/// Whether the text puts the day in the past: a cited document's date, or
/// "on the …" with a past-tense verb and no word of plan in its sentence.
fn in_the_past(doc: &Document, m: &DateMention) -> bool {
    let text = doc.text();
    let line = doc
        .lines
        .line_content_span(text, doc.lines.line_of(m.span.start));
    let before = &text[window_start(text, line.start, m.span.start, 80)..m.span.start];
    if cites_a_document(before) {
        return true;
    }
    if !ends_with_on_the(before) {
        return false;
    }
    let sentence_start = before.rfind(['.', '!', '?']).map_or(0, |i| i + 1);
    // A sentence is not longer than this; a line without full stops must
    // not make every date on it read to the line's end.
    let rest = &text[m.span.end..floor_boundary(text, line.end.min(m.span.end + 400))];
    // The sentence ends at "!", "?", or a full stop before a space or the
    // line's end ("Mr. Ji" cuts it short, which only makes the rule quieter).
    let sentence_end = memchr::memchr3_iter(b'.', b'!', b'?', rest.as_bytes())
        .find(|&i| {
            rest.as_bytes()[i] != b'.'
                || rest[i + 1..].chars().next().is_none_or(char::is_whitespace)
        })
        .unwrap_or(rest.len());
    let after = &rest[..sentence_end];
    // Both are read only to the first word found: the verb first, since
    // most sentences hold one early and fewer a word of plan.
    has_past_verb(after) && !has_future_word_in_joined(&before[sentence_start..], after)
}

fn floor_boundary(text: &str, mut at: usize) -> usize {
    while at > 0 && !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

/// At most `max` bytes back from `end`, not before `floor`, on a char boundary.
fn window_start(text: &str, floor: usize, end: usize, max: usize) -> usize {
    let mut start = end.saturating_sub(max).max(floor);
    while !text.is_char_boundary(start) {
        start += 1;
    }
    start
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::check;
    use expect_test::expect;

    fn cable(date: &str, body: &str) -> String {
        format!("{date}\n\nCable from the Ministry to the Office\n\nThe body opens here and it goes on for a while before the sentence.\n\n{body}\n\nMinistry\n")
    }

    #[test]
    fn a_supplied_month_that_puts_a_past_day_after_the_document() {
        expect![[r#"
            7:8-7:26 warning D004: “22nd [of February]” (22 February 1962) is after the document's date (14 February 1962)
        "#]]
        .assert_eq(&check(
            "D004",
            &cable(
                "February 14, 1962",
                "On the 22nd [of February], Vice Minister Ji handed our memorandum to the Soviet Ambassador, who denied it.",
            ),
        ));
    }

    #[test]
    fn a_cited_document_dated_after_the_cable() {
        expect![[r#"
            7:55-7:61 warning D004: “2 June” (2 June 1962) is after the document's date (1 June 1962)
        "#]]
        .assert_eq(&check(
            "D004",
            &cable(
                "June 1, 1962",
                "We have already responded to the Soviet memorandum of 2 June and to your telegram No. 12 of the 30th [of May].",
            ),
        ));
    }

    #[test]
    fn past_days_before_the_document_pass() {
        expect![[""]].assert_eq(&check(
            "D004",
            &cable(
                "June 28, 1962",
                "On the 26th [of June], Vice Minister Ji handed our memorandum of 2 June to the Soviet Ambassador.",
            ),
        ));
    }

    #[test]
    fn plans_and_future_days_pass() {
        expect![[""]].assert_eq(&check(
            "D004",
            &cable(
                "April 14, 1918",
                "An early decision will enable transport due Nagasaki 20th to handle men. On the 30th [of April] the delegation will arrive. Entire movement completed into Harbin May 6.",
            ),
        ));
    }

    #[test]
    fn telegrams_cited_by_number_and_day() {
        expect![[r#"
            7:12-7:16 info D004: “14th” reads as 14 January 1918, after the document's date (5 January 1918); if it means 14 December, supply [of December]
            7:67-7:85 warning D004: “January 12, 6 p.m.” (12 January 1918, 18:00) is after the document's date (5 January 1918)
        "#]]
        .assert_eq(&check(
            "D004",
            &cable(
                "January 5, 1918",
                "Your cable 14th. Fifty thousand dollars cabled. Department’s 140, January 12, 6 p.m. and my 2360, January 3.",
            ),
        ));
        expect![[""]].assert_eq(&check(
            "D004",
            &cable(
                "January 5, 1918",
                "Your cable 4th. Fifty thousand dollars cabled. Department’s 140, January 2, 6 p.m. and my 2360, January 3.",
            ),
        ));
    }

    #[test]
    fn a_bare_day_later_in_the_month_is_information() {
        expect![[r#"
            7:8-7:12 info D004: “22nd” reads as 22 February 1962, after the document's date (14 February 1962); if it means 22 January, supply [of January]
        "#]]
        .assert_eq(&check(
            "D004",
            &cable("February 14, 1962", "On the 22nd, he met the minister and left."),
        ));
    }

    #[test]
    fn a_bare_day_that_fits_no_month_before_the_document() {
        expect![[r#"
            7:8-7:12 warning D004: “31st” names no day before the document's date (10 March 1962): February has no day 31
        "#]]
        .assert_eq(&check(
            "D004",
            &cable("March 10, 1962", "On the 31st, he met the minister and left."),
        ));
    }
}
