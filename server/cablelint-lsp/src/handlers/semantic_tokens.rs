//! Semantic tokens: header labels and values, dates, directive lines, and
//! each class of editorial bracket. Nested brackets are flattened (the
//! innermost token wins) and tokens never cross a line, so clients without
//! multi-line or overlapping token support show them right.
//!
//! The types are our own names; an editor maps them to colours (the VS Code
//! extension declares them with a standard super type each).

use crate::analysis::Analysis;
use crate::position::{Encoding, TextMap};
use crate::state::State;
use cablelint_core::model::BracketClass;
use cablelint_core::{Document, Span};
use std::cmp::Reverse;
use std::collections::{BTreeSet, BinaryHeap};
use tower_lsp_server::jsonrpc::Result;
use tower_lsp_server::ls_types::{
    SemanticToken, SemanticTokenType, SemanticTokens, SemanticTokensLegend, SemanticTokensParams,
    SemanticTokensRangeParams, SemanticTokensRangeResult, SemanticTokensResult,
};

/// Token types, in legend order.
pub const TYPES: &[&str] = &[
    "headerLabel",
    "headerValue",
    "date",
    "directive",
    "bracketSupplied",
    "bracketSuppliedDate",
    "bracketGloss",
    "bracketCompletion",
    "bracketEllipsis",
    "bracketIllegible",
    "bracketSic",
    "bracketUncertain",
    "bracketFootnoteMark",
    "bracketEditorNote",
    "bracketStructural",
    "bracketEmpty",
];

const LABEL: u32 = 0;
const VALUE: u32 = 1;
const DATE: u32 = 2;
const DIRECTIVE: u32 = 3;

fn bracket_type(class: BracketClass) -> u32 {
    4 + match class {
        BracketClass::Supplied => 0,
        BracketClass::SuppliedDate => 1,
        BracketClass::Gloss => 2,
        BracketClass::Completion => 3,
        BracketClass::Ellipsis => 4,
        BracketClass::Illegible => 5,
        BracketClass::Sic => 6,
        BracketClass::Uncertain => 7,
        BracketClass::FootnoteMark => 8,
        BracketClass::EditorNote => 9,
        BracketClass::Structural => 10,
        BracketClass::Empty => 11,
    }
}

pub fn legend() -> SemanticTokensLegend {
    SemanticTokensLegend {
        token_types: TYPES.iter().map(|t| SemanticTokenType::new(t)).collect(),
        token_modifiers: Vec::new(),
    }
}

pub async fn full(
    state: &State,
    params: SemanticTokensParams,
) -> Result<Option<SemanticTokensResult>> {
    let Some(analysis) = state.analysis(&params.text_document.uri).await else {
        return Ok(None);
    };
    let span = Span::new(0, analysis.text().len());
    Ok(Some(SemanticTokensResult::Tokens(tokens(
        &analysis,
        &analysis.map(state.encoding()),
        span,
    ))))
}

pub async fn range(
    state: &State,
    params: SemanticTokensRangeParams,
) -> Result<Option<SemanticTokensRangeResult>> {
    let Some(analysis) = state.analysis(&params.text_document.uri).await else {
        return Ok(None);
    };
    let map = analysis.map(state.encoding());
    let span = map.span(params.range);
    Ok(Some(SemanticTokensRangeResult::Tokens(tokens(
        &analysis, &map, span,
    ))))
}

pub fn tokens(analysis: &Analysis, map: &TextMap, within: Span) -> SemanticTokens {
    let doc = &analysis.document;
    let segments = flatten(raw_tokens(doc));
    let mut data = Vec::new();
    let mut cursor = Cursor::default();
    for (span, kind) in segments {
        if span.end <= within.start || span.start >= within.end {
            continue;
        }
        for part in split_lines(doc, span) {
            let (line, column) = cursor.advance(doc, map.encoding, part.start);
            let length = map.encoding.len(doc.slice(part));
            let column = column + map.line_shift(line);
            data.push((line, column, length, kind));
        }
    }
    let mut previous = (0, 0);
    let data = data
        .into_iter()
        .map(|(line, column, length, kind)| {
            let delta_line = line - previous.0;
            let delta_start = if delta_line == 0 {
                column - previous.1
            } else {
                column
            };
            previous = (line, column);
            SemanticToken {
                delta_line: to_u32(delta_line),
                delta_start: to_u32(delta_start),
                length: to_u32(length),
                token_type: kind,
                token_modifiers_bitset: 0,
            }
        })
        .collect();
    SemanticTokens {
        result_id: None,
        data,
    }
}

fn raw_tokens(doc: &Document) -> Vec<(Span, u32)> {
    let mut out = Vec::new();
    for field in &doc.fields {
        out.push((field.label, LABEL));
        out.push((field.value, VALUE));
    }
    // Every date the recogniser reads (header, stamps, archive line, body,
    // original-language codes); inside a header value the date, being the
    // smaller token, wins, and a supplied `[1962]` inside a date stays a bracket.
    for date in &doc.dates().mentions {
        out.push((date.span, DATE));
    }
    for directive in &doc.directives {
        out.push((directive.span, DIRECTIVE));
    }
    for bracket in &doc.brackets.list {
        out.push((bracket.span(), bracket_type(bracket.class(doc.text()))));
    }
    out.retain(|(span, _)| !span.is_empty());
    out
}

/// Non-overlapping pieces, each taking the type of the smallest token that
/// covers it, in text order.
fn flatten(mut tokens: Vec<(Span, u32)>) -> Vec<(Span, u32)> {
    tokens.sort_by_key(|(span, _)| span.start);
    let mut bounds: Vec<usize> = tokens.iter().flat_map(|(s, _)| [s.start, s.end]).collect();
    bounds.sort_unstable();
    bounds.dedup();
    let mut active: BTreeSet<(usize, usize)> = BTreeSet::new(); // (length, index)
    let mut ends: BinaryHeap<Reverse<(usize, usize)>> = BinaryHeap::new(); // (end, index)
    let mut next = 0;
    let mut out: Vec<(Span, u32)> = Vec::new();
    for pair in bounds.windows(2) {
        let (from, to) = (pair[0], pair[1]);
        while let Some(&Reverse((end, i))) = ends.peek() {
            if end > from {
                break;
            }
            ends.pop();
            active.remove(&(tokens[i].0.len(), i));
        }
        while next < tokens.len() && tokens[next].0.start <= from {
            if tokens[next].0.end > from {
                active.insert((tokens[next].0.len(), next));
                ends.push(Reverse((tokens[next].0.end, next)));
            }
            next += 1;
        }
        let Some(&(_, innermost)) = active.first() else {
            continue;
        };
        let kind = tokens[innermost].1;
        match out.last_mut() {
            Some((span, last_kind)) if span.end == from && *last_kind == kind => span.end = to,
            _ => out.push((Span::new(from, to), kind)),
        }
    }
    out
}

/// The parts of `span` on each line, line breaks left out.
fn split_lines(doc: &Document, span: Span) -> Vec<Span> {
    let text = doc.text();
    let (first, last) = (
        doc.lines.line_of(span.start),
        doc.lines.line_of(span.end.saturating_sub(1)),
    );
    (first..=last)
        .filter_map(|line| {
            let content = doc.lines.line_content_span(text, line);
            let part = Span::new(span.start.max(content.start), span.end.min(content.end));
            (part.start < part.end).then_some(part)
        })
        .collect()
}

/// Line and column of increasing offsets, counting only the text between
/// one token and the next (long lines with many tokens stay linear).
#[derive(Default)]
struct Cursor {
    line: usize,
    offset: usize,
    column: usize,
}

impl Cursor {
    fn advance(&mut self, doc: &Document, encoding: Encoding, offset: usize) -> (usize, usize) {
        let line = doc.lines.line_of(offset);
        if line != self.line || offset < self.offset {
            self.line = line;
            self.offset = doc.lines.line_span(line).start;
            self.column = 0;
        }
        self.column += encoding.len(&doc.text()[self.offset..offset]);
        self.offset = offset;
        (self.line, self.column)
    }
}

fn to_u32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nested_tokens_flatten_innermost_first() {
        let tokens = vec![
            (Span::new(0, 10), 1),
            (Span::new(2, 4), 2),
            (Span::new(6, 8), 3),
            (Span::new(20, 22), 1),
        ];
        assert_eq!(
            flatten(tokens),
            [
                (Span::new(0, 2), 1),
                (Span::new(2, 4), 2),
                (Span::new(4, 6), 1),
                (Span::new(6, 8), 3),
                (Span::new(8, 10), 1),
                (Span::new(20, 22), 1),
            ]
        );
    }
}
