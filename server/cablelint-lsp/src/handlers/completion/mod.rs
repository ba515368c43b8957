//! Completion: the header labels of the document's profile at the start of
//! a header line, editorial bracket keywords after `[`, and officials' names
//! after a title or `[` (`names`). A name's documentation is sent when the
//! editor shows the item (`completionItem/resolve`) if the client asks then.

mod names;

pub use names::{resolve, Offered};

use crate::analysis::Analysis;
use crate::position::TextMap;
use crate::state::State;
use cablelint_core::model::SectionKind;
use cablelint_core::{Document, Span};
use tower_lsp_server::jsonrpc::Result;
use tower_lsp_server::ls_types::{
    CompletionItem, CompletionItemKind, CompletionList, CompletionParams, CompletionResponse,
    CompletionTextEdit, TextEdit,
};

pub async fn completion(
    state: &State,
    params: CompletionParams,
) -> Result<Option<CompletionResponse>> {
    let position = params.text_document_position;
    let Some(analysis) = state.analysis(&position.text_document.uri).await else {
        return Ok(None);
    };
    let map = analysis.map(state.encoding());
    let offset = map.offset(position.position);
    let docs = if state.session().completion_resolve {
        names::Docs::Later(&position.text_document.uri)
    } else {
        names::Docs::Now
    };
    let Offered { items, incomplete } = complete(&analysis, &map, offset, docs);
    Ok(match (items.is_empty(), incomplete) {
        (true, false) => None,
        (_, false) => Some(CompletionResponse::Array(items)),
        (_, true) => Some(CompletionResponse::List(CompletionList {
            is_incomplete: true,
            items,
        })),
    })
}

pub fn complete(analysis: &Analysis, map: &TextMap, offset: usize, docs: names::Docs) -> Offered {
    let doc = &analysis.document;
    let text = doc.text();
    let line = doc.lines.line_of(offset);
    let content = doc.lines.line_content_span(text, line);
    let before = &text[content.start..offset];
    if let Some(open) = open_bracket(before) {
        let typed = Span::new(content.start + open, offset);
        let names = names::in_bracket(analysis, map, typed, docs);
        let mut items = bracket_keywords(doc, map, typed);
        items.extend(names.items);
        return Offered {
            items,
            incomplete: names.incomplete,
        };
    }
    // A title before the cursor asks for a name, even on a line the model
    // reads as header (a short first body line often is).
    if let Some(items) = names::after_title(analysis, map, before, offset, docs) {
        return items;
    }
    if in_header(doc, line) && !before.contains([':', '：']) {
        let start = content.start + (before.len() - before.trim_start().len());
        return Offered {
            items: labels(doc, map, Span::new(start, offset)),
            incomplete: false,
        };
    }
    Offered {
        items: Vec::new(),
        incomplete: false,
    }
}

/// Where a bracket keyword is being typed: an unclosed `[` followed only
/// by what a keyword can hold.
fn open_bracket(before: &str) -> Option<usize> {
    let open = before.rfind('[')?;
    let typed = &before[open + 1..];
    let keyword_like = typed.chars().count() <= 16
        && typed
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '.' | '…' | '?' | '!' | ' '));
    keyword_like.then_some(open)
}

fn bracket_keywords(doc: &Document, map: &TextMap, typed: Span) -> Vec<CompletionItem> {
    // An editor that closed the bracket for us: replace its `]` too.
    let end = if doc.text()[typed.end..].starts_with(']') {
        typed.end + 1
    } else {
        typed.end
    };
    let range = map.range(Span::new(typed.start, end));
    let ellipsis = doc.profile.conventions.house_ellipsis.clone();
    [
        ("[illegible]".to_owned(), "text that cannot be read"),
        ("[sic]".to_owned(), "so in the original"),
        (ellipsis, "an omission (the profile's spelling)"),
    ]
    .into_iter()
    .map(|(keyword, detail)| CompletionItem {
        label: keyword.clone(),
        kind: Some(CompletionItemKind::KEYWORD),
        detail: Some(detail.to_owned()),
        // Before the names offered in the same bracket.
        sort_text: Some(format!(" {keyword}")),
        filter_text: Some(keyword.clone()),
        text_edit: Some(CompletionTextEdit::Edit(TextEdit::new(range, keyword))),
        ..CompletionItem::default()
    })
    .collect()
}

const HEADER_KINDS: [SectionKind; 2] = [SectionKind::Header, SectionKind::OriginalHeader];

/// A header line, or a new line typed below one.
fn in_header(doc: &Document, line: usize) -> bool {
    if HEADER_KINDS.contains(&doc.line_kinds[line]) {
        return true;
    }
    let text = doc.text();
    (0..line)
        .rev()
        .find(|&l| {
            !doc.slice(doc.lines.line_content_span(text, l))
                .trim()
                .is_empty()
        })
        .is_some_and(|l| HEADER_KINDS.contains(&doc.line_kinds[l]))
}

fn labels(doc: &Document, map: &TextMap, typed: Span) -> Vec<CompletionItem> {
    let range = map.range(typed);
    let mut items = Vec::new();
    for field in &doc.profile.fields {
        let present = doc.fields_named(&field.id).next().is_some();
        // Missing required fields first, then other missing ones, then the rest.
        let rank = match (present, field.required) {
            (false, true) => 0,
            (false, false) => 1,
            (true, _) => 2,
        };
        let detail = format!(
            "{}{}{}",
            field.id,
            if field.required { ", required" } else { "" },
            if present { ", already present" } else { "" }
        );
        let translated = field.labels.iter().map(|l| (l, ": "));
        let original = field.original_labels.iter().map(|l| (l, ":"));
        for (label, separator) in translated.chain(original) {
            items.push(CompletionItem {
                label: label.clone(),
                kind: Some(CompletionItemKind::FIELD),
                detail: Some(detail.clone()),
                sort_text: Some(format!("{rank}{label}")),
                filter_text: Some(label.clone()),
                text_edit: Some(CompletionTextEdit::Edit(TextEdit::new(
                    range,
                    format!("{label}{separator}"),
                ))),
                ..CompletionItem::default()
            });
        }
    }
    items
}
