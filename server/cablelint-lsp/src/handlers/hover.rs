//! Hover: on an official's name (or the title written with it) who they
//! were on the document's date; on a date what it reads as and its role;
//! on an editorial bracket what kind of bracket it is.

use crate::analysis::Analysis;
use crate::state::State;
use cablelint_core::model::dates::{Confidence, DateMention, DateRole};
use cablelint_core::model::BracketClass;
use cablelint_core::officials::hover_for_mention;
use cablelint_core::Span;
use std::fmt::Write;
use tower_lsp_server::jsonrpc::Result;
use tower_lsp_server::ls_types::{Hover, HoverContents, HoverParams, MarkupContent, MarkupKind};

pub async fn hover(state: &State, params: HoverParams) -> Result<Option<Hover>> {
    let at = params.text_document_position_params;
    let Some(analysis) = state.analysis(&at.text_document.uri).await else {
        return Ok(None);
    };
    let map = analysis.map(state.encoding());
    let offset = map.offset(at.position);
    Ok(hover_at(&analysis, offset).map(|(span, markdown)| Hover {
        contents: HoverContents::Markup(MarkupContent {
            kind: MarkupKind::Markdown,
            value: markdown,
        }),
        range: Some(map.range(span)),
    }))
}

/// The hover text at a byte offset and the span it describes.
pub fn hover_at(analysis: &Analysis, offset: usize) -> Option<(Span, String)> {
    let doc = &analysis.document;
    let on = |span: Span| span.start <= offset && offset < span.end;
    if let Some(mention) = analysis
        .mentions()
        .iter()
        .find(|m| on(m.span) || m.title.is_some_and(on))
    {
        let span = mention
            .title
            .map_or(mention.span, |t| t.cover(mention.span));
        return Some((span, hover_for_mention(doc, analysis.matcher(), mention)));
    }
    let dates = doc.dates();
    if let Some((index, date)) = dates.mentions.iter().enumerate().find(|(_, d)| on(d.span)) {
        let is_document_date = dates
            .document
            .as_ref()
            .is_some_and(|d| d.sources.contains(&index));
        return Some((date.span, date_markdown(date, is_document_date)));
    }
    // The innermost bracket holding the offset (brackets are listed by opening).
    let bracket = doc
        .brackets
        .list
        .iter()
        .filter(|b| on(b.span()))
        .max_by_key(|b| b.depth())?;
    Some((bracket.span(), bracket_markdown(bracket.class(doc.text()))))
}

fn date_markdown(date: &DateMention, is_document_date: bool) -> String {
    let mut out = String::from("**Date**");
    match date.interval() {
        Some(interval) => {
            let _ = write!(out, " `{}`", interval.iso());
        }
        None => {
            let readings: Vec<String> = date.readings().iter().map(|i| i.iso()).collect();
            if readings.is_empty() {
                out.push_str(": not resolved (its year or order is unknown)");
            } else {
                let _ = write!(out, ": either `{}`", readings.join("` or `"));
            }
        }
    }
    let _ = write!(out, "\n\n{}", role_text(date.role));
    if is_document_date {
        out.push_str(" This is the document's own date.");
    }
    let confidence = match date.confidence {
        Confidence::High => "everything is written",
        Confidence::Medium => "read with help from the rest of the document",
        Confidence::Low => "a guess: two readings remain or the month is inferred",
    };
    let _ = write!(
        out,
        "\n\nWritten in {} form; {confidence}.",
        date.form.as_str()
    );
    let supplied = [
        ("year", date.year),
        ("month", date.month),
        ("day", date.day),
    ]
    .into_iter()
    .filter(|(_, c)| c.is_some_and(|c| c.supplied))
    .map(|(name, _)| name)
    .collect::<Vec<_>>();
    if !supplied.is_empty() {
        let _ = write!(out, " Supplied by the editor: {}.", supplied.join(", "));
    }
    out
}

fn role_text(role: DateRole) -> &'static str {
    match role {
        DateRole::Archive => "Role: **archive** — the archive's date line.",
        DateRole::Header => "Role: **header** — the cable's own date in its header.",
        DateRole::Sent => "Role: **sent** — when the cable was sent.",
        DateRole::Received => "Role: **received** — when it was received.",
        DateRole::Processed => "Role: **processed** — a later office stamp.",
        DateRole::Original => "Role: **original** — in the original-language header.",
        DateRole::Serial => "Role: **serial** — a registry serial naming year and month.",
        DateRole::Closing => "Role: **closing** — the date under the signature.",
        DateRole::Reference => "Role: **reference** — a date the text refers to.",
    }
}

fn bracket_markdown(class: BracketClass) -> String {
    let what = match class {
        BracketClass::Supplied => "words the editor supplied",
        BracketClass::SuppliedDate => "a date or part of one the editor supplied",
        BracketClass::Gloss => "another name or a correction for the word before it",
        BracketClass::Completion => "letters completing an abbreviated word",
        BracketClass::Ellipsis => "an omission",
        BracketClass::Illegible => "text that cannot be read",
        BracketClass::Sic => "so in the original",
        BracketClass::Uncertain => "an uncertain reading",
        BracketClass::FootnoteMark => "a footnote mark",
        BracketClass::EditorNote => "an editor's or translator's note",
        BracketClass::Structural => "the edition's structure (heading, page, stamp)",
        BracketClass::Empty => "nothing: an empty bracket",
    };
    format!("**Editorial bracket: {}** — {what}.", class.as_str())
}
