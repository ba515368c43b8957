use super::describe::quoted;
use crate::diagnostic::Severity;
use crate::model::dates::{DateMention, NumericOrder};
use crate::rules::{Context, Family, FixAvailability, Rule, RuleMeta};

pub struct MixedNumericOrder;

static META: RuleMeta = RuleMeta {
    code: "D005",
    name: "mixed-numeric-order",
    family: Family::Dates,
    default_severity: Severity::Warning,
    default_enabled: true,
    fix: FixAvailability::None,
    summary: "Numeric dates of one document written day first in one place and month first in another.",
    explanation: "Collections differ — Czech and Soviet cables write 24.10.62, Polish \
ciphergram stamps often 11.21.1962 — but one document keeps one order, and a reader settles \
\"03.11.\" by it. A date shows its order when one of its numbers is over 12 (24.10.62 is day \
first), or, in a header stamp, when only one reading falls near the document's date (\
\"dispatched on 03.11.\" in a cable of 11 March is month first). When such evidence points \
both ways, one of the dates was misread or mistyped: sent \"11.03.1962\" and received \
\"04.11.1962\" in a cable of 3 November.\n\nThe finding goes to the dates of the rarer order \
(the later order on a tie), pointing to one of the other order. Numeric dates that show no \
order by themselves are never reported.",
    wrong: "November 3, 1962\n\nCiphergram from the Embassy\n\nSent: 11.03.1962 10:00\nReceived: 04.11.1962 09:00\n\nThe body of the cable goes on for a while and it ends with a full stop here.\n",
    right: "November 3, 1962\n\nCiphergram from the Embassy\n\nSent: 03.11.1962 10:00\nReceived: 04.11.1962 09:00\n\nThe body of the cable goes on for a while and it ends with a full stop here.\n",
};

impl Rule for MixedNumericOrder {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, cx: &mut Context) {
        let doc = cx.doc;
        let shown: Vec<(&DateMention, NumericOrder)> = doc
            .dates()
            .mentions
            .iter()
            .filter_map(|m| Some((m, m.own_order?)))
            .collect();
        let first = |order| shown.iter().position(|(_, o)| *o == order);
        let count = |order| shown.iter().filter(|(_, o)| *o == order).count();
        let (Some(first_day), Some(first_month)) = (
            first(NumericOrder::DayFirst),
            first(NumericOrder::MonthFirst),
        ) else {
            return;
        };
        let (day_first, month_first) = (
            count(NumericOrder::DayFirst),
            count(NumericOrder::MonthFirst),
        );
        let rarer =
            if day_first < month_first || (day_first == month_first && first_day > first_month) {
                NumericOrder::DayFirst
            } else {
                NumericOrder::MonthFirst
            };
        let example = shown[if rarer == NumericOrder::DayFirst {
            first_month
        } else {
            first_day
        }]
        .0;
        for (m, _) in shown.iter().filter(|(_, o)| *o == rarer) {
            let other = match rarer {
                NumericOrder::DayFirst => NumericOrder::MonthFirst,
                NumericOrder::MonthFirst => NumericOrder::DayFirst,
            };
            cx.report(
                m.span,
                format!(
                    "{} is written {}, but {} in the same document is {}",
                    quoted(doc, m),
                    rarer.describe(),
                    quoted(doc, example),
                    other.describe()
                ),
            )
            .related(example.span, format!("written {}", other.describe()));
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::check;
    use expect_test::expect;

    #[test]
    fn stamps_settled_by_the_document_date_point_both_ways() {
        expect![[r#"
            6:11-6:27 warning D005: “04.11.1962 09:00” (4 November 1962, 09:00) is written day first, but “11.03.1962 10:00” (3 November 1962, 10:00) in the same document is month first (see 5:7: written month first)
        "#]]
        .assert_eq(&check(
            "D005",
            "November 3, 1962\n\nCiphergram from the Embassy\n\nSent: 11.03.1962 10:00\nReceived: 04.11.1962 09:00\n\nThe body of the cable goes on for a while and it ends with a full stop here.\n",
        ));
    }

    #[test]
    fn days_over_twelve_point_both_ways() {
        expect![[r#"
            6:13-6:27 warning D005: “10.25.62 18:00” (25 October 1962, 18:00) is written month first, but “24.10.62 16:30” (24 October 1962, 16:30) in the same document is day first (see 5:10: written day first)
        "#]]
        .assert_eq(&check(
            "D005",
            "October 24, 1962\n\nCable no. 319 from the Czechoslovak Embassy in Havana\n\nArrived: 24.10.62 16:30\nDispatched: 10.25.62 18:00\n\nOn the morning of 23.10. [October 23] two of the ships arrived without difficulty.\n",
        ));
    }

    #[test]
    fn one_order_throughout_and_undecided_dates_pass() {
        expect![[""]].assert_eq(&check(
            "D005",
            "October 24, 1962\n\nCable no. 319 from the Czechoslovak Embassy in Havana\n\nArrived: 24.10.62 16:30\nProcessed: 24.10.62 17:30\n\nOn the morning of 23.10. [October 23] two ships arrived, and 03.04. [?] was quiet.\n",
        ));
        expect![[""]].assert_eq(&check(
            "D005",
            "November 21, 1962\n\nTelegram from Polish Embassy in Havana\n\nDispatched from Havana on 11.21.1962 at 2:00 and received at 11.21 at 13:45\n\nCame to the Decoding Department at 11.21 at 16:00\n\nA meeting between Mikoyan and the heads of diplomatic posts took place today.\n",
        ));
    }
}
