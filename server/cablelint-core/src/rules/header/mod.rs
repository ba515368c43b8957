//! H: header fields, judged against the document's profile.

mod h001_required_field_missing;
mod h002_empty_field;
mod h003_duplicate_field;
mod h004_unknown_label;
mod h005_translation_mismatch;

#[cfg(test)]
mod corpus_tests;

use super::Rule;
use crate::model::{Document, HeaderField, SectionKind};
use crate::text::Span;

pub(super) static RULES: &[&dyn Rule] = &[
    &h001_required_field_missing::RequiredFieldMissing,
    &h002_empty_field::EmptyField,
    &h003_duplicate_field::DuplicateField,
    &h004_unknown_label::UnknownLabel,
    &h005_translation_mismatch::TranslationMismatch,
];

/// Lines of the cable's own header: the original-language form, the
/// translated fields and the subject.
fn is_header_kind(kind: SectionKind) -> bool {
    matches!(
        kind,
        SectionKind::OriginalHeader | SectionKind::Header | SectionKind::Subject
    )
}

/// The whole field as written: label, separator and value (a pattern field
/// such as a dateline has an empty label at the start of its value).
fn field_span(field: &HeaderField) -> Span {
    if field.label.is_empty() {
        field.value
    } else {
        field.label.cover(field.value)
    }
}

/// The translated-header occurrences of field `id`.
fn translated<'d>(doc: &'d Document, id: &'d str) -> impl Iterator<Item = &'d HeaderField> + 'd {
    doc.fields_named(id).filter(|f| !f.original)
}

/// Where an edit inserts a whole new line after line `line`: at the start of
/// the next line, or after a new terminator when `line` is the last one.
/// Returns the offset and whether the inserted text must start with a line
/// ending (the last line has none) instead of ending with one.
fn after_line(doc: &Document, line: usize) -> (usize, bool) {
    let span = doc.lines.line_span(line);
    let content = doc.lines.line_content_span(doc.text(), line);
    (span.end, content.end == span.end)
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::{check, fixed};

    /// Every H rule and fix on odd texts under every built-in profile: no
    /// panic, and fixing twice changes nothing more than fixing once.
    #[test]
    fn odd_inputs_do_not_panic_and_fixes_settle() {
        let profiles = [
            "generic",
            "prc-mfa-cable",
            "polish-ciphergram",
            "soviet-ciphered-telegram",
            "frus-telegram",
        ];
        let bodies = [
            "",
            "\r",
            "Level:",
            "Level:\r\rLevel:",
            "等级:\u{a0}\u{a0}外发",
            "Recever:\u{3000}𠀋",
            "：",
            "外发e508\r\nForeign Ministry Dispatch No. 𠀋",
            "[\nLevel: Normal]\n",
            "June 28, 1962\n\nA title of some length\n",
        ];
        for profile in profiles {
            for body in bodies {
                let text = format!("% cablelint: profile = {profile}\n{body}");
                let _ = check("H", &text);
                let once = fixed("H", &text);
                assert_eq!(fixed("H", &once), once, "{profile}: {body:?}");
            }
        }
    }
}
