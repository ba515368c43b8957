use super::field_span;
use crate::diagnostic::{Applicability, Edit, Fix, Severity};
use crate::model::{Document, HeaderField};
use crate::rules::{Context, Family, FixAvailability, Rule, RuleMeta};
use crate::text::Span;

pub struct DuplicateField;

static META: RuleMeta = RuleMeta {
    code: "H003",
    name: "duplicate-field",
    family: Family::Header,
    default_severity: Severity::Warning,
    default_enabled: true,
    fix: FixAvailability::Sometimes,
    summary: "A header field that occurs once per cable is given twice.",
    explanation: "A form has one level, one dispatch number, one dateline. A second \
occurrence is a line pasted twice, or two values where the reader cannot tell which is right. \
The original-language header and its translation are counted apart: `等级:平` and `Level: \
Normal` are the same field in two languages, not a duplicate. Fields the profile marks \
`repeatable` (copy recipients) may occur any number of times.\n\nWhen the second line is \
identical to the first, the safe fix deletes it; otherwise there is no fix, since only the \
source tells which value is right.",
    wrong: "% cablelint: profile = prc-mfa-cable\nLevel: Normal\nLevel: Urgent\n\
Foreign Ministry Dispatch No. 508\n",
    right: "% cablelint: profile = prc-mfa-cable\n等级:平\nLevel: Normal\n\
Foreign Ministry Dispatch No. 508\n",
};

impl Rule for DuplicateField {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, cx: &mut Context) {
        let doc = cx.doc;
        for (i, field) in doc.fields.iter().enumerate() {
            let Some(id) = field.field.as_deref() else {
                continue;
            };
            if doc.profile.field(id).is_none_or(|spec| spec.repeatable) {
                continue;
            }
            let Some(first) = doc.fields[..i]
                .iter()
                .find(|f| f.field.as_deref() == Some(id) && f.original == field.original)
            else {
                continue;
            };
            let message = message(doc, id, first, field);
            let fix = same_lines(doc, first, field).then(|| Fix {
                title: "Delete the repeated line".into(),
                applicability: Applicability::Safe,
                edits: vec![Edit::delete(line_with_terminator(doc, field.line))],
            });
            let report = cx
                .report(field_span(field), message)
                .related(field_span(first), "first given here");
            if let Some(fix) = fix {
                report.fix(fix);
            }
        }
    }
}

fn message(doc: &Document, id: &str, first: &HeaderField, again: &HeaderField) -> String {
    // Joined, not formatted: `concat` sizes each string once.
    let name = |f: &HeaderField| {
        if f.label.is_empty() {
            ["the ", id].concat()
        } else {
            ["`", doc.slice(f.label), "`"].concat()
        }
    };
    let (was, is) = (doc.slice(first.value), doc.slice(again.value));
    let values = if was == is {
        String::new()
    } else {
        [", as `", is, "` after `", was, "`"].concat()
    };
    let (first_name, again_name) = (name(first), name(again));
    if first_name == again_name || first_name.to_lowercase() == again_name.to_lowercase() {
        [&again_name, " is given twice", &values].concat()
    } else {
        [
            &again_name,
            " gives field `",
            id,
            "` again, already given by ",
            &first_name,
            &values,
        ]
        .concat()
    }
}

/// Two different lines with the same text (trailing blanks aside).
fn same_lines(doc: &Document, a: &HeaderField, b: &HeaderField) -> bool {
    let content = |line| {
        doc.slice(doc.lines.line_content_span(doc.text(), line))
            .trim_end()
    };
    a.line != b.line && content(a.line) == content(b.line)
}

/// A line and one line terminator: its own, or the one before it when it is
/// the last line and has none, so no blank line is left behind.
fn line_with_terminator(doc: &Document, line: usize) -> Span {
    let span = doc.lines.line_span(line);
    let content = doc.lines.line_content_span(doc.text(), line);
    if content.end == span.end && line > 0 {
        let previous = doc.lines.line_content_span(doc.text(), line - 1);
        Span::new(previous.end, span.end)
    } else {
        span
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::{check, fixed};
    use expect_test::expect;

    const PRC: &str = "% cablelint: profile = prc-mfa-cable";

    #[test]
    fn identical_repeated_line_is_deleted() {
        let text = format!("{PRC}\r\n等级:平    外发e508\r\nLevel: Normal 𠀋\r\nLevel: Normal 𠀋\r\nForeign Ministry Dispatch No. 508\r\n");
        expect![[r#"
            4:1-4:16 warning H003: `Level` is given twice [fix safe: Delete the repeated line] (see 3:1: first given here)
        "#]]
        .assert_eq(&check("H003", &text));
        assert_eq!(
            fixed("H003", &text),
            format!("{PRC}\r\n等级:平    外发e508\r\nLevel: Normal 𠀋\r\nForeign Ministry Dispatch No. 508\r\n")
        );
    }

    #[test]
    fn a_repeated_last_line_takes_the_terminator_before_it() {
        let text = format!("\u{FEFF}{PRC}\n外发e508\n外发e508");
        expect![[r#"
            3:1-3:7 warning H003: `外发` is given twice [fix safe: Delete the repeated line] (see 2:1: first given here)
        "#]]
        .assert_eq(&check("H003", &text));
        assert_eq!(fixed("H003", &text), format!("{PRC}\n外发e508"));
    }

    #[test]
    fn differing_values_are_reported_without_a_fix() {
        let text = format!("{PRC}\nLevel: Normal\nGrade: Urgent\n");
        expect![[r#"
            3:1-3:14 warning H003: `Grade` gives field `level` again, already given by `Level`, as `Urgent` after `Normal` (see 2:1: first given here)
        "#]]
        .assert_eq(&check("H003", &text));
        assert_eq!(fixed("H003", &text), text);
    }

    #[test]
    fn original_and_translation_and_repeatable_fields_pass() {
        let text =
            format!("{PRC}\n等级:平\nLevel: Normal\nCopy to: Li\nCopy to: Wang\nCopy to: Li\n");
        expect![[""]].assert_eq(&check("H003", &text));
    }
}
