//! Expanding selection: word, bracket content, bracket (and each enclosing
//! one), header field value, field, line, paragraph, section, document.

use crate::position::TextMap;
use crate::state::State;
use cablelint_core::{Document, Span};
use tower_lsp_server::jsonrpc::Result;
use tower_lsp_server::ls_types::{SelectionRange, SelectionRangeParams};

pub async fn selection_range(
    state: &State,
    params: SelectionRangeParams,
) -> Result<Option<Vec<SelectionRange>>> {
    let Some(analysis) = state.analysis(&params.text_document.uri).await else {
        return Ok(None);
    };
    let map = analysis.map(state.encoding());
    let ranges = params
        .positions
        .into_iter()
        .map(|p| selection(&analysis.document, &map, map.offset(p)))
        .collect();
    Ok(Some(ranges))
}

pub fn selection(doc: &Document, map: &TextMap, offset: usize) -> SelectionRange {
    let chain = spans_around(doc, offset);
    let mut range: Option<SelectionRange> = None;
    for span in chain.into_iter().rev() {
        range = Some(SelectionRange {
            range: map.range(span),
            parent: range.map(Box::new),
        });
    }
    range.unwrap_or(SelectionRange {
        range: map.range(Span::empty(offset)),
        parent: None,
    })
}

/// Spans holding `offset`, innermost first, each inside the next.
pub fn spans_around(doc: &Document, offset: usize) -> Vec<Span> {
    let text = doc.text();
    let holds = |s: &Span| s.start <= offset && offset <= s.end;
    let mut candidates = Vec::new();
    candidates.push(word_at(text, offset));
    for bracket in doc.brackets.list.iter().filter(|b| holds(&b.span())) {
        candidates.extend(bracket.content());
        candidates.push(bracket.span());
    }
    for field in &doc.fields {
        candidates.push(field.value);
        if !field.label.is_empty() {
            candidates.push(field.label.cover(field.value));
        }
    }
    let line = doc.lines.line_of(offset);
    candidates.push(doc.lines.line_content_span(text, line));
    candidates.push(paragraph(doc, line));
    for section in &doc.sections {
        candidates.push(trim(text, section.span));
    }
    candidates.push(Span::new(0, text.len()));
    candidates.retain(|s| holds(s) && !s.is_empty());
    candidates.sort_by_key(|s| (s.len(), std::cmp::Reverse(s.start)));
    let mut chain: Vec<Span> = Vec::new();
    for span in candidates {
        if chain
            .last()
            .is_none_or(|last| span.start <= last.start && last.end <= span.end && span != *last)
        {
            chain.push(span);
        }
    }
    chain
}

fn word_at(text: &str, offset: usize) -> Span {
    let is_word = |c: char| c.is_alphanumeric() || c == '\'' || c == '’';
    let start = text[..offset]
        .char_indices()
        .rev()
        .take_while(|(_, c)| is_word(*c))
        .last()
        .map_or(offset, |(i, _)| i);
    let end = offset
        + text[offset..]
            .chars()
            .take_while(|c| is_word(*c))
            .map(char::len_utf8)
            .sum::<usize>();
    Span::new(start, end)
}

/// The lines around `line` up to blank lines.
fn paragraph(doc: &Document, line: usize) -> Span {
    let text = doc.text();
    let blank = |l: usize| {
        doc.slice(doc.lines.line_content_span(text, l))
            .trim()
            .is_empty()
    };
    if blank(line) {
        return Span::empty(doc.lines.line_span(line).start);
    }
    let first = (0..line)
        .rev()
        .take_while(|&l| !blank(l))
        .last()
        .unwrap_or(line);
    let last = (line + 1..doc.lines.line_count())
        .take_while(|&l| !blank(l))
        .last()
        .unwrap_or(line);
    Span::new(
        doc.lines.line_span(first).start,
        doc.lines.line_content_span(text, last).end,
    )
}

fn trim(text: &str, span: Span) -> Span {
    let slice = &text[span.range()];
    let start = span.start + (slice.len() - slice.trim_start().len());
    Span::new(start, start.max(span.start + slice.trim_end().len()))
}
