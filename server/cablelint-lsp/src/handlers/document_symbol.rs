//! The outline: one symbol per section of the cable (header, subject, body,
//! closing, citation…), the header's fields beneath it.

use crate::analysis::Analysis;
use crate::position::TextMap;
use crate::state::State;
use cablelint_core::model::{HeaderField, Section, SectionKind};
use cablelint_core::{Document, Span};
use tower_lsp_server::jsonrpc::Result;
use tower_lsp_server::ls_types::{
    DocumentSymbol, DocumentSymbolParams, DocumentSymbolResponse, SymbolKind,
};

pub async fn document_symbol(
    state: &State,
    params: DocumentSymbolParams,
) -> Result<Option<DocumentSymbolResponse>> {
    let Some(analysis) = state.analysis(&params.text_document.uri).await else {
        return Ok(None);
    };
    let map = analysis.map(state.encoding());
    Ok(Some(DocumentSymbolResponse::Nested(symbols(
        &analysis, &map,
    ))))
}

pub fn symbols(analysis: &Analysis, map: &TextMap) -> Vec<DocumentSymbol> {
    let doc = &analysis.document;
    doc.sections
        .iter()
        .filter_map(|section| {
            let (name, kind) = describe(section.kind)?;
            let span = trimmed(doc, section.span)?;
            let first_line = trimmed(
                doc,
                doc.lines
                    .line_content_span(doc.text(), doc.lines.line_of(span.start)),
            )?;
            let children: Vec<DocumentSymbol> = doc
                .fields
                .iter()
                .filter(|f| (section.lines.0..=section.lines.1).contains(&f.line))
                .filter_map(|f| field_symbol(doc, f, map))
                .collect();
            Some(symbol(
                name.to_owned(),
                Some(summary(doc.slice(first_line))),
                kind,
                map,
                span,
                first_line,
                children,
            ))
        })
        .collect()
}

fn describe(kind: SectionKind) -> Option<(&'static str, SymbolKind)> {
    Some(match kind {
        SectionKind::ArchiveDate => ("Archive date", SymbolKind::EVENT),
        SectionKind::ArchiveTitle => ("Title", SymbolKind::STRING),
        SectionKind::OriginalHeader => ("Original header", SymbolKind::NAMESPACE),
        SectionKind::Header => ("Header", SymbolKind::NAMESPACE),
        SectionKind::Subject => ("Subject", SymbolKind::STRING),
        SectionKind::Body => ("Body", SymbolKind::MODULE),
        SectionKind::Closing => ("Closing", SymbolKind::OBJECT),
        SectionKind::Summary => ("Summary", SymbolKind::STRING),
        SectionKind::Notes => ("Notes", SymbolKind::ARRAY),
        SectionKind::Citation => ("Citation", SymbolKind::PACKAGE),
        SectionKind::ArchiveChrome | SectionKind::Directive => return None,
    })
}

fn field_symbol(doc: &Document, field: &HeaderField, map: &TextMap) -> Option<DocumentSymbol> {
    let label = doc.slice(field.label).trim();
    let value = doc.slice(field.value).trim();
    let name = [label, field.field.as_deref().unwrap_or(""), value]
        .into_iter()
        .find(|n| !n.is_empty())?;
    let whole = if field.label.is_empty() {
        field.value
    } else {
        field.label.cover(field.value)
    };
    let selection = if field.label.is_empty() {
        field.value
    } else {
        field.label
    };
    let kind = if field.field.is_some() {
        SymbolKind::FIELD
    } else {
        SymbolKind::PROPERTY
    };
    Some(symbol(
        name.to_owned(),
        (!value.is_empty() && name != value).then(|| summary(value)),
        kind,
        map,
        whole,
        selection,
        Vec::new(),
    ))
}

/// `span` without white space at either end; `None` if nothing is left.
fn trimmed(doc: &Document, span: Span) -> Option<Span> {
    let text = doc.slice(span);
    let start = span.start + (text.len() - text.trim_start().len());
    let end = span.start + text.trim_end().len();
    (start < end).then_some(Span::new(start, end))
}

fn summary(text: &str) -> String {
    const MAX: usize = 60;
    let text = text.trim();
    if text.chars().count() <= MAX {
        text.to_owned()
    } else {
        format!("{}…", text.chars().take(MAX).collect::<String>())
    }
}

#[allow(deprecated)] // `deprecated` is a required field of the struct
fn symbol(
    name: String,
    detail: Option<String>,
    kind: SymbolKind,
    map: &TextMap,
    range: Span,
    selection: Span,
    children: Vec<DocumentSymbol>,
) -> DocumentSymbol {
    DocumentSymbol {
        name,
        detail,
        kind,
        tags: None,
        deprecated: None,
        range: map.range(range),
        selection_range: map.range(selection),
        children: (!children.is_empty()).then_some(children),
    }
}

/// Used by folding ranges: sections worth an entry in the outline.
pub fn outlined(section: &Section) -> bool {
    describe(section.kind).is_some()
}
