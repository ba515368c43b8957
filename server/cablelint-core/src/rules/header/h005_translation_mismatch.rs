use super::field_span;
use crate::diagnostic::Severity;
use crate::model::{Document, HeaderField};
use crate::profile::{FieldSpec, ValueKind};
use crate::rules::{Context, Family, FixAvailability, Rule, RuleMeta};

pub struct TranslationMismatch;

static META: RuleMeta = RuleMeta {
    code: "H005",
    name: "header-translation-mismatch",
    family: Family::Header,
    default_severity: Severity::Warning,
    default_enabled: true,
    fix: FixAvailability::None,
    summary: "The original-language header and its translation give one field different values.",
    explanation: "Wilson Center translations print the original form header (`等级:平    \
外发e508`) above its English rendering (`Level: Normal`, `Foreign Ministry Dispatch No. 508`). \
Both state the same facts, so where they differ one of them was mistyped. Values are compared \
through the profile's table of equivalents (`平` is `Normal`, `急` is `Urgent`) — a rendering \
the table does not know is not judged — and numbers by their digits (`e508` and `No. 508` \
agree). Editorial brackets in the translation (`508 [1962]`) are left out of the comparison.\n\n\
There is no fix: which side is wrong only the scan can tell. The finding points at the \
translation, with the original as related information.",
    wrong: "% cablelint: profile = prc-mfa-cable\n等级:急    外发e508\nLevel: Normal\n\
Foreign Ministry Dispatch No. 508\n",
    right: "% cablelint: profile = prc-mfa-cable\n等级:平    外发e508\nLevel: Normal\n\
Foreign Ministry Dispatch No. 508\n",
};

impl Rule for TranslationMismatch {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, cx: &mut Context) {
        let doc = cx.doc;
        for spec in &doc.profile.fields {
            let comparable = !spec.values.is_empty() || spec.kind == ValueKind::Number;
            if !comparable {
                continue;
            }
            let first_with_value = |original: bool| {
                doc.fields_named(&spec.id)
                    .find(|f| f.original == original && !doc.slice(f.value).trim().is_empty())
            };
            let (Some(original), Some(translation)) =
                (first_with_value(true), first_with_value(false))
            else {
                continue;
            };
            let disagreement = if spec.values.is_empty() {
                numbers_disagree(doc, original, translation)
            } else {
                values_disagree(doc, spec, original, translation)
            };
            if let Some(message) = disagreement {
                cx.report(field_span(translation), message).related(
                    field_span(original),
                    [
                        "the original-language header gives `",
                        doc.slice(original.value),
                        "`",
                    ]
                    .concat(),
                );
            }
        }
    }
}

/// Through the profile's value pairs: only an original value the table
/// knows, rendered as a translation the table gives another original, is a
/// disagreement.
fn values_disagree(
    doc: &Document,
    spec: &FieldSpec,
    original: &HeaderField,
    translation: &HeaderField,
) -> Option<String> {
    let written: String = doc
        .slice(original.value)
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    let rendered = without_brackets(doc.slice(translation.value));
    let rendered = rendered.trim().trim_end_matches('.').trim();
    let expected: Vec<&str> = spec
        .values
        .iter()
        .filter(|pair| pair.original == written)
        .map(|pair| pair.translation.as_str())
        .collect();
    let rendered_lower = rendered.to_lowercase();
    let known = |t: &str| t.to_lowercase() == rendered_lower;
    if expected.is_empty() || expected.iter().any(|t| known(t)) {
        return None;
    }
    if !spec.values.iter().any(|pair| known(&pair.translation)) {
        return None;
    }
    Some(format!(
        "`{}` says `{rendered}`, but the original `{}` says `{written}` ({})",
        doc.slice(translation.label),
        doc.slice(original.label),
        expected.join(" or ")
    ))
}

/// Numbers agree when their runs of digits do (`e508` = `No. 508`).
fn numbers_disagree(
    doc: &Document,
    original: &HeaderField,
    translation: &HeaderField,
) -> Option<String> {
    let written = digit_runs(&without_brackets(doc.slice(original.value)));
    let rendered = digit_runs(&without_brackets(doc.slice(translation.value)));
    if written.is_empty() || rendered.is_empty() || written == rendered {
        return None;
    }
    let label = |f: &HeaderField| {
        if f.label.is_empty() {
            f.field.as_deref().unwrap_or_default().to_owned()
        } else {
            doc.slice(f.label).to_owned()
        }
    };
    Some(format!(
        "`{}` gives number {}, but the original `{}` gives {}",
        label(translation),
        rendered.join("/"),
        label(original),
        written.join("/")
    ))
}

/// The text with `[…]` editorial additions left out (unclosed ones run to the end).
fn without_brackets(text: &str) -> String {
    let mut depth = 0usize;
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '[' => depth += 1,
            ']' => depth = depth.saturating_sub(1),
            _ if depth == 0 => out.push(c),
            _ => {}
        }
    }
    out
}

/// Runs of decimal digits (full-width ones too), without leading zeros.
fn digit_runs(text: &str) -> Vec<String> {
    let mut runs = Vec::new();
    let mut current = String::new();
    for c in text.chars() {
        let digit = match c {
            '0'..='9' => Some(c),
            '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32),
            _ => None,
        };
        match digit {
            Some(d) => current.push(d),
            None if !current.is_empty() => runs.push(std::mem::take(&mut current)),
            None => {}
        }
    }
    if !current.is_empty() {
        runs.push(current);
    }
    for run in &mut runs {
        let trimmed = run.trim_start_matches('0');
        *run = if trimmed.is_empty() { "0" } else { trimmed }.to_owned();
    }
    runs
}

#[cfg(test)]
mod tests {
    use super::digit_runs;
    use crate::rules::testing::check;
    use expect_test::expect;

    const PRC: &str = "% cablelint: profile = prc-mfa-cable";

    #[test]
    fn a_level_that_translates_another_value_is_reported() {
        let text = format!("{PRC}\r\n等级:急    外发e508\r\nReceiver: 𠀋\r\nLevel: Normal\r\n");
        expect![[r#"
            4:1-4:14 warning H005: `Level` says `Normal`, but the original `等级` says `急` (Urgent) (see 2:1: the original-language header gives `急`)
        "#]]
        .assert_eq(&check("H005", &text));
    }

    #[test]
    fn numbers_are_compared_by_their_digits() {
        let text = format!("{PRC}\n外发e508\nForeign Ministry Dispatch No. 509 [𠀋]\n");
        expect![[r#"
            3:1-3:38 warning H005: `Foreign Ministry Dispatch No.` gives number 509, but the original `外发` gives 508 (see 2:1: the original-language header gives `e508`)
        "#]]
        .assert_eq(&check("H005", &text));
        let text = format!(
            "{PRC}\n外发（６４）０８７９\nForeign Ministry Outgoing (64) January No.879 [1964]\n"
        );
        expect![[""]].assert_eq(&check("H005", &text));
    }

    #[test]
    fn agreeing_and_unjudgeable_values_pass() {
        // Equivalent values; a rendering the table does not know; an
        // original value the table does not know; a side without a value.
        for level in ["Level: normal", "Level: Ordinary", "Level: Normal [平]"] {
            let text =
                format!("{PRC}\n等级:平    外发e508\n{level}\nForeign Ministry Dispatch No. 508\n");
            expect![[""]].assert_eq(&check("H005", &text));
        }
        let text =
            format!("{PRC}\n等级:慢    外发\nLevel: Normal\nForeign Ministry Dispatch No. 508\n");
        expect![[""]].assert_eq(&check("H005", &text));
    }

    #[test]
    fn digit_runs_ignore_letters_width_and_leading_zeros() {
        assert_eq!(digit_runs("e0508"), ["508"]);
        assert_eq!(digit_runs("（６４）879号"), ["64", "879"]);
        assert!(digit_runs("—").is_empty());
    }
}
