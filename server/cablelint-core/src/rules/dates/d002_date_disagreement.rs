use super::describe::{interval_in_words, push_quoted, rewrite_to_day};
use crate::diagnostic::{Applicability, Fix, Severity};
use crate::model::dates::calendar::MINUTES_PER_DAY;
use crate::model::dates::{DateForm, DateMention, DateRole, Interval, Precision, Readings, Votes};
use crate::rules::{Context, Family, FixAvailability, Rule, RuleMeta};

pub struct DateDisagreement;

static META: RuleMeta = RuleMeta {
    code: "D002",
    name: "date-disagreement",
    family: Family::Dates,
    default_severity: Severity::Warning,
    default_enabled: true,
    fix: FixAvailability::Sometimes,
    summary: "The archive line, header, closing and original-language header give the document different dates.",
    explanation: "A cable states its own date several times: the archive's date line, the \
header (a date line, a dateline, a date field), the date under the signature, and codes in the \
original-language header (批发 628 for 28 June, 一九六二年六月二十八日). When one of them says \
another day, a figure was misread or mistyped somewhere. Times are not compared (a dateline's \
hour is not a contradiction), a date that fixes only a month or year (\"November 1967\") \
disagrees only when its month or year does, and a registry serial's month (\"(64) January No. \
879\") may run a week either side. A numeric date that could be read two ways disagrees only \
when neither reading fits.\n\nThe finding goes to each date that differs from the day most of \
them give (the header's day on a tie). When two or more agree and a single one differs, the fix \
rewrites that one's day, month or year in its own spelling; it is unsafe, since the source \
itself may carry the slip and a transcription keeps it.",
    wrong: "June 28, 1962\n\nCable from the Ministry\n\n28 June [1962]\n\nThe body of the cable goes on for a while and it ends with a full stop here.\n\nMinistry of Foreign Affairs\n\n27 June [1962]\n",
    right: "June 28, 1962\n\nCable from the Ministry\n\n28 June [1962]\n\nThe body of the cable goes on for a while and it ends with a full stop here.\n\nMinistry of Foreign Affairs\n\n28 June [1962]\n",
};

/// How far a registry serial's month may lie from the document's day.
const SERIAL_SLACK_DAYS: i64 = 7;

impl Rule for DateDisagreement {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, cx: &mut Context) {
        let doc = cx.doc;
        let dates = doc.dates();
        let stating: Vec<(&DateMention, Readings)> = dates
            .mentions
            .iter()
            .filter(|m| m.role.dates_the_document() && m.form != DateForm::WeekdayTime)
            .map(|m| (m, m.readings_inline()))
            .filter(|(_, r)| !r.is_empty())
            .collect();
        let Some(day) = majority_day(&stating) else {
            return;
        };
        let agrees = |m: &DateMention, readings: &Readings| {
            let slack = if m.role == DateRole::Serial {
                SERIAL_SLACK_DAYS * MINUTES_PER_DAY
            } else {
                0
            };
            readings
                .iter()
                .any(|r| r.widen(slack).first_day() <= day && day <= r.widen(slack).last_day())
        };
        // Read twice rather than split into two lists: most documents have
        // no differing date.
        let agreeing = || stating.iter().filter(|(m, r)| agrees(m, r));
        let differing = || stating.iter().filter(|(m, r)| !agrees(m, r));
        let differing_count = differing().count();
        if differing_count == 0 {
            return;
        }
        let agreeing_count = stating.len() - differing_count;
        // The dates each finding points to, found once.
        let first_agreeing: Vec<&DateMention> = agreeing().take(3).map(|(o, _)| *o).collect();
        let odd_one_out = agreeing_count >= 2 && differing_count == 1;
        let day_in_words = interval_in_words(day_interval(day));
        // "the archive, original and header dates": the same for every finding.
        let mut others = String::with_capacity(48);
        push_joined_roles(&mut others, agreeing().map(|(o, _)| o.role.as_str()));
        others.push_str(if agreeing_count > 1 {
            " dates ("
        } else {
            " date ("
        });
        others.push_str(&day_in_words);
        others.push(')');
        for (m, readings) in differing() {
            let mut message = String::with_capacity(128);
            message.push_str("the ");
            message.push_str(m.role.as_str());
            message.push_str(" date ");
            push_quoted(&mut message, doc, m);
            message.push_str(" disagrees with the ");
            message.push_str(&others);
            let fix = odd_one_out
                .then(|| fixable(m, readings))
                .flatten()
                .and_then(|_| rewrite_to_day(doc, m, day))
                .map(|edits| Fix {
                    title: ["Write ", &day_in_words].concat(),
                    applicability: Applicability::Unsafe,
                    edits,
                });
            let mut report = cx.report(m.span, message);
            if let Some(fix) = fix {
                report = report.fix(fix);
            }
            for o in &first_agreeing {
                report = report.related(o.span, ["the ", o.role.as_str(), " date"].concat());
            }
        }
    }
}

fn fixable(m: &DateMention, readings: &[Interval]) -> Option<()> {
    (readings.len() == 1 && readings[0].precision >= Precision::Day && m.role != DateRole::Serial)
        .then_some(())
}

/// The day most day-precise statements give (each undecided numeric date
/// votes for both its readings); the highest-priority role breaks a tie.
/// Counted as the document's anchor is ([`Votes`]: on the stack for the
/// few a document has); [`majority_day_by_sorting`] is the tests' oracle.
fn majority_day(stating: &[(&DateMention, Readings)]) -> Option<i64> {
    let mut votes = Votes::new();
    for (m, readings) in stating {
        for r in readings.iter().filter(|r| r.precision >= Precision::Day) {
            votes.push(r.first_day(), priority(m.role));
        }
    }
    votes.best()
}

/// [`majority_day`] with every vote in a list, sorted by day.
#[cfg(test)]
fn majority_day_by_sorting(stating: &[(&DateMention, Readings)]) -> Option<i64> {
    // Each day with the priority of the role stating it, sorted so that
    // the votes for one day stand together.
    let mut votes: Vec<(i64, usize)> = stating
        .iter()
        .flat_map(|(m, readings)| {
            readings
                .iter()
                .filter(|r| r.precision >= Precision::Day)
                .map(|r| (r.first_day(), priority(m.role)))
        })
        .collect();
    crate::model::dates::votes::best_by_sorting(&mut votes)
}

fn priority(role: DateRole) -> usize {
    match role {
        DateRole::Header => 0,
        DateRole::Closing => 1,
        DateRole::Archive => 2,
        DateRole::Original => 3,
        _ => 4,
    }
}

fn day_interval(day: i64) -> Interval {
    Interval {
        start: day * MINUTES_PER_DAY,
        end: (day + 1) * MINUTES_PER_DAY - 1,
        precision: Precision::Day,
    }
}

/// How many roles there are ([`DateRole`]'s variants).
const ROLES: usize = 9;

/// Writes the distinct roles, in order: "header", "archive and header",
/// "archive, original and header"; "other" when there is none.
fn push_joined_roles<'r>(out: &mut String, roles: impl Iterator<Item = &'r str>) {
    // At most one of each role: a list in place.
    let mut unique: [&str; ROLES] = [""; ROLES];
    let mut count = 0;
    for r in roles {
        if !unique[..count].contains(&r) && count < ROLES {
            unique[count] = r;
            count += 1;
        }
    }
    let Some((last, init)) = unique[..count].split_last() else {
        out.push_str("other");
        return;
    };
    for (i, role) in init.iter().enumerate() {
        if i > 0 {
            out.push_str(", ");
        }
        out.push_str(role);
    }
    if !init.is_empty() {
        out.push_str(" and ");
    }
    out.push_str(last);
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::{check, fixed};
    use expect_test::expect;

    #[test]
    fn the_majority_counted_in_place_is_the_sorted_lists() {
        use super::{majority_day, majority_day_by_sorting};
        use crate::model::dates::{Confidence, DateForm, DateMention, DateRole};
        use crate::test_random::Rng;
        use crate::text::Span;
        const ROLES: [DateRole; 5] = [
            DateRole::Header,
            DateRole::Closing,
            DateRole::Archive,
            DateRole::Original,
            DateRole::Serial,
        ];
        let mut rng = Rng(0x1962_0628_0000_d002);
        for _ in 0..5_000 {
            // Up to twice the votes counted in place (an undecided numeric
            // date votes twice); few days, so that they often agree; a
            // month or a year alone casts no vote.
            let mentions: Vec<DateMention> = (0..rng.below(14))
                .map(|_| {
                    let mut m = DateMention {
                        span: Span::new(0, 1),
                        role: ROLES[rng.below(ROLES.len())],
                        form: DateForm::Numeric,
                        weekday: None,
                        year: None,
                        month: None,
                        day: None,
                        time: None,
                        order: None,
                        ambiguous: rng.below(3) == 0,
                        own_order: None,
                        relative: false,
                        confidence: Confidence::High,
                        resolved: None,
                        resolved_interval: None,
                    };
                    m.set_resolved(Some((
                        1962,
                        [None, Some(3), Some(4)][rng.below(3)],
                        [None, Some(3), Some(4), Some(5)][rng.below(4)],
                    )));
                    m
                })
                .collect();
            let stating: Vec<_> = mentions.iter().map(|m| (m, m.readings_inline())).collect();
            assert_eq!(
                majority_day(&stating),
                majority_day_by_sorting(&stating),
                "{mentions:?}"
            );
        }
    }

    const SEED_LIKE: &str = "Skip to content\n\nJune 28, 1962\n\nCable from Foreign Ministry to Xinjiang Foreign Affairs Office\n\n发往:乌鲁木齐   批发:(   628\n\nReceiver: Wulumuqi [Urumqi]\n\n28 June [1962]\n\nLevel: Normal\n\nSubject: We Have Already Responded\n\nOn the 26th [of June], Vice Minister Ji [Pengfei] handed our memorandum to the Soviet Ambassador.\n\nMinistry of Foreign Affairs\n\n28 June [1962]\n";

    #[test]
    fn four_statements_of_one_day_agree() {
        expect![[""]].assert_eq(&check("D002", SEED_LIKE));
    }

    #[test]
    fn the_odd_closing_is_rewritten_to_the_day_the_others_give() {
        let text = SEED_LIKE.replacen("Affairs\n\n28 June", "Affairs\n\n27 June", 1);
        expect![[r#"
            21:1-21:15 warning D002: the closing date “27 June [1962]” (27 June 1962) disagrees with the archive, original and header dates (28 June 1962) [fix unsafe: Write 28 June 1962] (see 3:1: the archive date) (see 7:18: the original date) (see 11:1: the header date)
        "#]]
        .assert_eq(&check("D002", &text));
        assert_eq!(fixed("D002", &text), SEED_LIKE);
    }

    #[test]
    fn the_odd_code_in_the_chinese_header_is_rewritten() {
        let text = SEED_LIKE.replace("628", "627");
        expect![[r#"
            7:18-7:21 warning D002: the original date “627” (27 June 1962) disagrees with the archive, header and closing dates (28 June 1962) [fix unsafe: Write 28 June 1962] (see 3:1: the archive date) (see 11:1: the header date) (see 21:1: the closing date)
        "#]]
        .assert_eq(&check("D002", &text));
        assert_eq!(fixed("D002", &text), SEED_LIKE);
    }

    #[test]
    fn a_wrong_month_and_year_are_rewritten_in_their_own_spelling() {
        let text = SEED_LIKE.replacen("28 June [1962]\n\nLevel", "28 JULY [1963]\n\nLevel", 1);
        expect![[r#"
            11:1-11:15 warning D002: the header date “28 JULY [1963]” (28 July 1963) disagrees with the archive, original and closing dates (28 June 1962) [fix unsafe: Write 28 June 1962] (see 3:1: the archive date) (see 7:18: the original date) (see 21:1: the closing date)
        "#]]
        .assert_eq(&check("D002", &text));
        // The month keeps the text's capitals.
        assert_eq!(
            fixed("D002", &text),
            SEED_LIKE.replacen("28 June [1962]\n\nLevel", "28 JUNE [1962]\n\nLevel", 1)
        );
    }

    #[test]
    fn fixes_keep_crlf_bom_cjk_and_astral_text() {
        let original = "\u{FEFF}June 28, 1962\r\n\r\n𠀋 Cable from the Ministry 外交部\r\n\r\n一九六二年六月二十七日\r\n\r\n28 June [1962]\r\n\r\nThe body of the cable goes on for a while and it ends with a full stop 𠀋.\r\n";
        expect![[r#"
            5:1-5:12 warning D002: the original date “一九六二年六月二十七日” (27 June 1962) disagrees with the archive and header dates (28 June 1962) [fix unsafe: Write 28 June 1962] (see 1:1: the archive date) (see 7:1: the header date)
        "#]]
        .assert_eq(&check("D002", original));
        assert_eq!(
            fixed("D002", original),
            "June 28, 1962\r\n\r\n𠀋 Cable from the Ministry 外交部\r\n\r\n一九六二年六月二十八日\r\n\r\n28 June [1962]\r\n\r\nThe body of the cable goes on for a while and it ends with a full stop 𠀋.\r\n"
        );
    }

    #[test]
    fn two_that_disagree_are_reported_without_a_fix() {
        expect![[r#"
            1:1-1:17 warning D002: the archive date “January 23, 1964” (23 January 1964) disagrees with the header date (24 January 1964) (see 5:1: the header date)
        "#]]
        .assert_eq(&check(
            "D002",
            "January 23, 1964\n\nCable from Li Qingquan about the talks\n\n24 January 1964\n\nTo the Foreign Ministry:\n\nToday, the director paid us a visit on time and he claimed many things that we noted.\n",
        ));
    }

    #[test]
    fn a_month_only_archive_line_and_a_serial_agree_with_any_day_inside() {
        expect![[""]].assert_eq(&check(
            "D002",
            "February 1964\n\nCable from the Foreign Ministry to the Embassies\n\nForeign Ministry Outgoing (64) January No.879\n\n2 February 1964\n\nThe body of the cable goes on for a while and it ends with a full stop here.\n",
        ));
        expect![[r#"
            1:1-1:11 warning D002: the archive date “March 1964” disagrees with the serial and header dates (2 February 1964) (see 5:27: the serial date) (see 7:1: the header date)
        "#]]
        .assert_eq(&check(
            "D002",
            "March 1964\n\nCable from the Foreign Ministry to the Embassies\n\nForeign Ministry Outgoing (64) January No.879\n\n2 February 1964\n\nThe body of the cable goes on for a while and it ends with a full stop here.\n",
        ));
    }

    #[test]
    fn an_undecided_numeric_date_agrees_through_either_reading() {
        expect![[""]].assert_eq(&check(
            "D002",
            "March 11, 1963\n\nSecret Telegram from Maneli to Warsaw\n\n03.11.63\n\nThe body of the cable goes on for a while and it ends with a full stop here.\n",
        ));
    }
}
