use super::describe::push_quoted;
use crate::diagnostic::Severity;
use crate::model::dates::{DateForm, DateMention, DateRole, Interval};
use crate::model::SectionKind;
use crate::rules::{Context, Family, FixAvailability, Rule, RuleMeta};

pub struct StampsOutOfOrder;

static META: RuleMeta = RuleMeta {
    code: "D003",
    name: "stamps-out-of-order",
    family: Family::Dates,
    default_severity: Severity::Warning,
    default_enabled: true,
    fix: FixAvailability::None,
    summary: "A cable received before it was sent, or an office stamp earlier than the stamp before it.",
    explanation: "Cable forms print their stamps in the order things happened: sent, then \
received, then decoded (\"dispatched on 03.11. at 12:00 … received on 03.12. at 12:21 … came in \
to the Decoding Department 03.12.63 at 14:30\"); a FRUS dateline, then \"[Received …]\"; a \
Soviet cipher office's \"Received on 4:10 am\" before its \"Sent on 5:30 am\"; an embassy's \
\"Arrived\", \"Processed\", \"Dispatched\" onward. A stamp earlier than the one listed before it \
means a misread digit or a day and month swapped.\n\nThe sending and the receiving office keep \
their own local time, so a receipt listed after a sending stamp must be more than 16 hours \
earlier (more than the difference between, say, Tokyo and Washington) to count; stamps of one \
office are compared to the minute. Dates with only a day are compared as whole days, and \
numeric dates the document leaves undecided are not compared.",
    wrong: "Harbin, April 14, 1918, 5 p.m.\n[Received April 12, 4 p.m.]\n\nThe body of the cable goes on for a while and it ends with a full stop here.\n",
    right: "Harbin, April 14, 1918, 5 p.m.\n[Received April 14, 4 p.m.]\n\nThe body of the cable goes on for a while and it ends with a full stop here.\n",
};

/// Local times of two offices differ by at most this much (Tokyo and
/// Washington 14 h, Canberra and Washington 15 h).
const OFFICES_APART_MINUTES: i64 = 16 * 60;

impl Rule for StampsOutOfOrder {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, cx: &mut Context) {
        let doc = cx.doc;
        let stamps = doc
            .dates()
            .mentions
            .iter()
            .filter(|m| m.form != DateForm::WeekdayTime)
            .filter(|m| m.role.is_stamp() || is_header_date(doc, m))
            .filter_map(|m| Some((m, m.interval()?)));
        // Each stamp with the one listed before it, walked without a list
        // (most documents have one stamp or none).
        let mut before: Option<(&DateMention, Interval)> = None;
        for (later, l) in stamps {
            let Some((earlier, e)) = before.replace((later, l)) else {
                continue;
            };
            let Some(tolerance) = tolerance(earlier.role, later.role) else {
                continue;
            };
            if l.end >= e.start - tolerance {
                continue;
            }
            let mut message = String::with_capacity(160);
            message.push_str(stamp_name(later.role));
            message.push(' ');
            push_quoted(&mut message, doc, later);
            message.push_str(" is earlier than ");
            message.push_str(stamp_name(earlier.role));
            message.push(' ');
            push_quoted(&mut message, doc, earlier);
            message.push_str(" listed before it");
            cx.report(later.span, message).related(
                earlier.span,
                ["listed first: ", stamp_name(earlier.role)].concat(),
            );
        }
    }
}

/// The header's own date counts as the sending stamp (a FRUS dateline).
fn is_header_date(doc: &crate::model::Document, m: &DateMention) -> bool {
    m.role == DateRole::Header && doc.kind_at(m.span.start) == SectionKind::Header
}

/// How much earlier `later` may be than `earlier`; `None` for pairs whose
/// order the forms do not fix.
fn tolerance(earlier: DateRole, later: DateRole) -> Option<i64> {
    use DateRole::*;
    match (earlier, later) {
        // From one office to another: local times differ.
        (Sent | Header, Received | Processed) => Some(OFFICES_APART_MINUTES),
        // Within one office.
        (Received, Processed | Sent) | (Processed, Processed | Sent) => Some(0),
        _ => None,
    }
}

fn stamp_name(role: DateRole) -> &'static str {
    match role {
        DateRole::Header => "the dateline",
        DateRole::Sent => "sent",
        DateRole::Received => "received",
        DateRole::Processed => "processed",
        _ => "the date",
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::check;
    use expect_test::expect;

    #[test]
    fn a_receipt_days_before_the_sending() {
        expect![[r#"
            2:11-2:27 warning D003: received “April 12, 4 p.m.” (12 April 1918, 16:00) is earlier than the dateline “April 14, 1918, 5 p.m.” (14 April 1918, 17:00) listed before it (see 1:9: listed first: the dateline)
        "#]]
        .assert_eq(&check(
            "D003",
            "Harbin, April 14, 1918, 5 p.m.\n[Received April 12, 4 p.m.]\n\nThe body of the cable goes on for a while and it ends with a full stop here.\n",
        ));
    }

    #[test]
    fn a_receipt_hours_earlier_across_time_zones_passes() {
        expect![[""]].assert_eq(&check(
            "D003",
            "Harbin, April 14, 1918, 5 p.m.\n[Received April 14, 4 p.m.]\n\nThe body of the cable goes on for a while and it ends with a full stop here.\n",
        ));
    }

    #[test]
    fn ciphergram_stamps_in_one_office_are_compared_to_the_minute() {
        let text = "March 11, 1963\n\nSecret Telegram from Maneli (Hanoi) to Warsaw\n\nFrom…Hanoi…..dispatched on 03.11. at 12:00 hours……..received on 03.12. at 12:21hours…\n\nCame in to the Decoding Department…03.12.63. at 11:30 hours……\n\nI conducted lengthy conversations with the Prime Minister and with the Soviet Ambassador.\n";
        expect![[r#"
            7:36-7:60 warning D003: processed “03.12.63. at 11:30 hours” (12 March 1963, 11:30) is earlier than received “03.12. at 12:21hours” (12 March 1963, 12:21) listed before it (see 5:65: listed first: received)
        "#]]
        .assert_eq(&check("D003", text));
        expect![[""]].assert_eq(&check("D003", &text.replace("11:30", "14:30")));
    }

    #[test]
    fn a_cipher_office_receiving_before_sending_is_in_order() {
        expect![[""]].assert_eq(&check(
            "D003",
            "May 14, 1950\n\nCiphered Telegram No. 8600, Vyshinsky to Mao Zedong\n\nSpecial no. 550\nReceived on 4:10 am, 14 May 1950\nSent on 5:30 am, 14 May 1950\n\nIn a conversation with the Korean comrades Filippov and his friends expressed the opinion.\n",
        ));
        expect![[r#"
            7:9-7:29 warning D003: sent “3:30 am, 14 May 1950” (14 May 1950, 03:30) is earlier than received “4:10 am, 14 May 1950” (14 May 1950, 04:10) listed before it (see 6:13: listed first: received)
        "#]]
        .assert_eq(&check(
            "D003",
            "May 14, 1950\n\nCiphered Telegram No. 8600, Vyshinsky to Mao Zedong\n\nSpecial no. 550\nReceived on 4:10 am, 14 May 1950\nSent on 3:30 am, 14 May 1950\n\nIn a conversation with the Korean comrades Filippov and his friends expressed the opinion.\n",
        ));
    }

    #[test]
    fn polish_month_first_stamps_in_order() {
        expect![[""]].assert_eq(&check(
            "D003",
            "November 21, 1962\n\nTelegram from Polish Embassy in Havana (Jeleń), 21 November 1962\n\nDispatched from Havana on 11.21.1962 at 2:00 and received at 11.21 at 13:45\n\nCame to the Decoding Department at 11.21 at 16:00\n\nA meeting between Mikoyan and the heads of diplomatic posts of socialist countries took place today.\n",
        ));
    }
}
