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
