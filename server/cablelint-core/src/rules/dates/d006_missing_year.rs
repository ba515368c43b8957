use super::describe::interval_in_words;
use crate::diagnostic::{Applicability, Edit, Fix, Severity};
use crate::model::dates::{DateForm, DateMention, DateRole};
use crate::model::Document;
use crate::rules::{Context, Family, FixAvailability, Rule, RuleMeta};

pub struct MissingYear;

static META: RuleMeta = RuleMeta {
    code: "D006",
    name: "missing-year",
    family: Family::Dates,
    default_severity: Severity::Hint,
    default_enabled: true,
    fix: FixAvailability::Sometimes,
    summary: "A header or closing date without a year, where the document states the year elsewhere.",
    explanation: "Cables often date the closing \"28 June\" and leave the year to the reader; \
editions supply it in brackets (\"28 June [1962]\") so the date can be cited alone. When the \
header or closing date has no year and another date of the document writes one, the rule \
suggests supplying it.\n\nThe fix inserts the year as an editorial bracket after the date (\
\"28 June [1962]\", \"June 28, [1962]\", \"[1962年]6月28日\"). It is safe when the date is \
the document's own day (the year is then certain), unsafe when it is another day, whose year \
is read as the nearest one. Numeric dates get no fix: their house style varies.",
    wrong: "June 28, 1962\n\nCable from the Ministry\n\n28 June [1962]\n\nThe body of the cable goes on for a while and it ends with a full stop here.\n\nMinistry of Foreign Affairs\n\n28 June\n",
    right: "June 28, 1962\n\nCable from the Ministry\n\n28 June [1962]\n\nThe body of the cable goes on for a while and it ends with a full stop here.\n\nMinistry of Foreign Affairs\n\n28 June [1962]\n",
};

impl Rule for MissingYear {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, cx: &mut Context) {
        let doc = cx.doc;
        let dates = doc.dates();
        // The year must be written somewhere, not only guessed.
        if !dates
            .mentions
            .iter()
            .any(|m| m.year.is_some_and(|y| y.value >= 1000))
        {
            return;
        }
        let document_day = dates.document.as_ref().map(|d| d.interval.first_day());
        for m in dates.mentions.iter().filter(|m| {
            matches!(m.role, DateRole::Header | DateRole::Closing)
                && m.year.is_none()
                && m.month.is_some()
                && m.day.is_some()
        }) {
            let Some(interval) = m.interval() else {
                continue;
            };
            let Some((year, _, _)) = m.resolved else {
                continue;
            };
            let report = cx.report(
                m.span,
                format!(
                    "the {} date “{}” has no year; the document's dates put it in {year}",
                    m.role.as_str(),
                    doc.slice(m.span)
                ),
            );
            if let Some(edit) = insertion(doc, m, year) {
                let safe = document_day == Some(interval.first_day());
                report.fix(Fix {
                    title: format!("Supply the year: {}", interval_in_words(interval)),
                    applicability: if safe {
                        Applicability::Safe
                    } else {
                        Applicability::Unsafe
                    },
                    edits: vec![edit],
                });
            }
        }
    }
}

/// Where and how the year goes: after the month ("28 June [1962]"), after
/// the day ("June 28, [1962]"), before a Chinese date ("[1962年]6月28日").
fn insertion(doc: &Document, m: &DateMention, year: i32) -> Option<Edit> {
    let (day, month) = (m.day?, m.month?);
    match m.form {
        DateForm::Chinese => Some(Edit::insert(m.span.start, format!("[{year}年]"))),
        DateForm::Textual if month.span.start < day.span.start => {
            // After the day and its suffix ("28th") and a closing bracket.
            let rest = &doc.text()[day.span.end..];
            let suffix = rest
                .find(|c: char| !(c.is_ascii_alphabetic() || c == ']'))
                .unwrap_or(rest.len());
            Some(Edit::insert(day.span.end + suffix, format!(", [{year}]")))
        }
        DateForm::Textual => {
            let rest = &doc.text()[month.span.end..];
            let tail = rest
                .find(|c: char| !(c == '.' || c == ']'))
                .unwrap_or(rest.len());
            Some(Edit::insert(month.span.end + tail, format!(" [{year}]")))
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::{check, fixed};
    use expect_test::expect;

    #[test]
    fn a_closing_without_a_year_gets_it_supplied() {
        let text = "\u{FEFF}June 28, 1962\r\n\r\n𠀋 Cable from the Ministry 外交部\r\n\r\n28 June [1962]\r\n\r\nThe body of the cable goes on for a while and it ends with a full stop here.\r\n\r\nMinistry of Foreign Affairs\r\n\r\n28 June\r\n";
        expect![[r#"
            11:1-11:8 hint D006: the closing date “28 June” has no year; the document's dates put it in 1962 [fix safe: Supply the year: 28 June 1962]
        "#]]
        .assert_eq(&check("D006", text));
        assert_eq!(
            fixed("D006", text),
            "June 28, 1962\r\n\r\n𠀋 Cable from the Ministry 外交部\r\n\r\n28 June [1962]\r\n\r\nThe body of the cable goes on for a while and it ends with a full stop here.\r\n\r\nMinistry of Foreign Affairs\r\n\r\n28 June [1962]\r\n"
        );
    }

    #[test]
    fn month_first_and_chinese_dates_get_the_year_in_their_place() {
        let text = "June 28, 1962\n\nCable from the Ministry to the Office\n\nBeijing, June 28th\n\nThe body of the cable goes on for a while and it ends with a full stop here.\n\n外交部\n\n六月二十八日\n";
        expect![[r#"
            5:10-5:19 hint D006: the header date “June 28th” has no year; the document's dates put it in 1962 [fix safe: Supply the year: 28 June 1962]
            11:1-11:7 hint D006: the closing date “六月二十八日” has no year; the document's dates put it in 1962 [fix safe: Supply the year: 28 June 1962]
        "#]]
        .assert_eq(&check("D006", text));
        assert_eq!(
            fixed("D006", text),
            "June 28, 1962\n\nCable from the Ministry to the Office\n\nBeijing, June 28th, [1962]\n\nThe body of the cable goes on for a while and it ends with a full stop here.\n\n外交部\n\n[1962年]六月二十八日\n"
        );
    }

    #[test]
    fn dates_with_a_year_and_documents_without_one_pass() {
        expect![[""]].assert_eq(&check(
            "D006",
            "June 28, 1962\n\nCable from the Ministry to the Office\n\n28 June [1962]\n\nThe body of the cable goes on for a while and it ends with a full stop here.\n\nMinistry\n\n28 June 1962\n",
        ));
        expect![[""]].assert_eq(&check(
            "D006",
            "Cable from the Ministry to the Office\n\n28 June\n\nThe body of the cable goes on for a while and it ends with a full stop here.\n",
        ));
    }
}
