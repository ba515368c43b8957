//! B: editorial square brackets and other paired punctuation.

mod b001_unclosed_bracket;
mod b002_stray_close_bracket;
mod b003_nested_bracket;
mod b004_empty_bracket;
mod b005_multiline_bracket;
mod b006_unbalanced_punctuation;
mod b007_nonstandard_ellipsis;

use super::Rule;
use crate::model::{BracketClass, Document};
use crate::text::Span;

pub(super) static RULES: &[&dyn Rule] = &[
    &b001_unclosed_bracket::UnclosedBracket,
    &b002_stray_close_bracket::StrayCloseBracket,
    &b003_nested_bracket::NestedBracket,
    &b004_empty_bracket::EmptyBracket,
    &b005_multiline_bracket::MultilineBracket,
    &b006_unbalanced_punctuation::UnbalancedPunctuation,
    &b007_nonstandard_ellipsis::NonstandardEllipsis,
];

/// 1-based line number of an offset, as messages print it.
fn line_number(doc: &Document, offset: usize) -> usize {
    doc.lines.line_of(offset) + 1
}

/// The end of the text's last paragraph, directive lines aside: a bracket or
/// quotation still open there is open when the text stops, which is what a
/// text cut off mid-sentence looks like.
fn text_end(doc: &Document) -> Option<usize> {
    doc.brackets
        .paragraphs
        .iter()
        .rev()
        .find(|p| {
            doc.slice(**p)
                .lines()
                .any(|l| !l.starts_with(crate::model::directives::PREFIX))
        })
        .map(|p| p.end)
}

/// Where an unclosed opener's paragraph ends, in words for a message.
fn where_it_ends(doc: &Document, paragraph: Span, text_end: Option<usize>) -> String {
    let line = line_number(doc, paragraph.end);
    if Some(paragraph.end) == text_end {
        format!("before the text ends (line {line})")
    } else {
        format!("before its paragraph ends (line {line})")
    }
}

/// For each bracket, whether it sits inside an editor's note or a FRUS
/// structural note, where brackets may nest and run across lines. Computed
/// front to back (a parent comes before its children), so deep nesting stays
/// linear.
fn inside_note(doc: &Document) -> Vec<bool> {
    let list = &doc.brackets.list;
    let mut inside = vec![false; list.len()];
    for i in 0..list.len() {
        if let Some(parent) = list[i].parent {
            inside[i] = inside[parent] || is_note(list[parent].class);
        }
    }
    inside
}

fn is_note(class: BracketClass) -> bool {
    matches!(class, BracketClass::EditorNote | BracketClass::Structural)
}

/// Spans of directive lines, whose text is not the cable's.
fn directive_spans(doc: &Document) -> Vec<Span> {
    doc.directives.iter().map(|d| d.span).collect()
}
