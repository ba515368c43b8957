//! Folding: each section of the cable that spans lines, and editorial
//! brackets that run across lines (stamps, translator's notes).

use crate::state::State;
use cablelint_core::Document;
use tower_lsp_server::jsonrpc::Result;
use tower_lsp_server::ls_types::{FoldingRange, FoldingRangeKind, FoldingRangeParams};

pub async fn folding_range(
    state: &State,
    params: FoldingRangeParams,
) -> Result<Option<Vec<FoldingRange>>> {
    let Some(analysis) = state.analysis(&params.text_document.uri).await else {
        return Ok(None);
    };
    Ok(Some(ranges(&analysis.document)))
}

/// Line ranges only: every client can fold whole lines.
pub fn ranges(doc: &Document) -> Vec<FoldingRange> {
    let text = doc.text();
    let mut out = Vec::new();
    for section in doc
        .sections
        .iter()
        .filter(|s| super::document_symbol::outlined(s))
    {
        // Trailing blank lines stay visible between folded sections.
        let last = (section.lines.0..=section.lines.1).rev().find(|&l| {
            !doc.slice(doc.lines.line_content_span(text, l))
                .trim()
                .is_empty()
        });
        if let Some(last) = last.filter(|&l| l > section.lines.0) {
            out.push(fold(section.lines.0, last, Some(FoldingRangeKind::Region)));
        }
    }
    for bracket in &doc.brackets.list {
        let Some(close) = bracket.close() else {
            continue;
        };
        let (first, last) = (doc.lines.line_of(bracket.open()), doc.lines.line_of(close));
        if last > first {
            out.push(fold(first, last, Some(FoldingRangeKind::Comment)));
        }
    }
    out.sort_by_key(|f| (f.start_line, std::cmp::Reverse(f.end_line)));
    out
}

fn fold(first: usize, last: usize, kind: Option<FoldingRangeKind>) -> FoldingRange {
    FoldingRange {
        start_line: u32::try_from(first).unwrap_or(u32::MAX),
        end_line: u32::try_from(last).unwrap_or(u32::MAX),
        kind,
        ..FoldingRange::default()
    }
}
