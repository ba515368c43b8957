//! Links for the URLs a cable cites (archive pages, finding aids), in the
//! citation, notes and wherever else they stand.

use crate::state::State;
use cablelint_core::{Document, Span};
use regex::Regex;
use std::str::FromStr;
use std::sync::LazyLock;
use tower_lsp_server::jsonrpc::Result;
use tower_lsp_server::ls_types::{DocumentLink, DocumentLinkParams, Uri};

static URL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"(?i)\b(?:https?|ftp)://[^\s<>"\[\]{}|\\^`]+"#).expect("valid pattern")
});

pub async fn document_link(
    state: &State,
    params: DocumentLinkParams,
) -> Result<Option<Vec<DocumentLink>>> {
    let Some(analysis) = state.analysis(&params.text_document.uri).await else {
        return Ok(None);
    };
    let map = analysis.map(state.encoding());
    let links = urls(&analysis.document)
        .into_iter()
        .filter_map(|span| {
            let target = Uri::from_str(analysis.document.slice(span)).ok()?;
            Some(DocumentLink {
                range: map.range(span),
                target: Some(target),
                tooltip: None,
                data: None,
            })
        })
        .collect();
    Ok(Some(links))
}

/// Spans of URLs, without the sentence punctuation that follows them.
pub fn urls(doc: &Document) -> Vec<Span> {
    URL.find_iter(doc.text())
        .map(|m| {
            let url = m.as_str();
            let mut trimmed = url.trim_end_matches(['.', ',', ';', ':', '!', '?', '\'', '’', '”']);
            // A closing parenthesis belongs to the URL only if it opened one.
            while trimmed.ends_with(')')
                && trimmed.matches('(').count() < trimmed.matches(')').count()
            {
                trimmed = &trimmed[..trimmed.len() - 1];
            }
            Span::new(m.start(), m.start() + trimmed.len())
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_urls_without_trailing_punctuation() {
        let text = "Source: https://digitalarchive.wilsoncenter.org/document/121234. See (https://history.state.gov/x_(y)), 发往 ftp://a.b/c";
        let doc = Document::parse_str(text);
        let found: Vec<&str> = urls(&doc).into_iter().map(|s| doc.slice(s)).collect();
        assert_eq!(
            found,
            [
                "https://digitalarchive.wilsoncenter.org/document/121234",
                "https://history.state.gov/x_(y)",
                "ftp://a.b/c"
            ]
        );
    }
}
