//! `cablelint/officials`: the people a document names, where, and the post
//! each held on the document's date (VS Code's *List Officials in This
//! Document*; see editors/vscode/PROTOCOL.md).

use crate::state::State;
use cablelint_core::officials::{officials_report, PostOnDate};
use serde::{Deserialize, Serialize};
use tower_lsp_server::jsonrpc::Result;
use tower_lsp_server::ls_types::{Range, TextDocumentIdentifier};

pub const METHOD: &str = "cablelint/officials";

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct OfficialsParams {
    pub text_document: TextDocumentIdentifier,
}

#[derive(Debug, Serialize)]
pub struct Official {
    /// The registry id.
    pub id: String,
    /// The name as the text first writes it.
    pub name: String,
    /// Every place the text names them, in the negotiated encoding.
    pub ranges: Vec<Range>,
    /// The post(s) held on the document's date; `null` when none is
    /// recorded or the date is unknown.
    pub post: Option<String>,
    /// The registry's name, then the native-script ones.
    pub names: Vec<String>,
}

pub async fn officials(state: &State, params: OfficialsParams) -> Result<Option<Vec<Official>>> {
    let Some(analysis) = state.analysis(&params.text_document.uri).await else {
        return Ok(None);
    };
    let doc = &analysis.document;
    let map = analysis.map(state.encoding());
    let report = officials_report(doc, analysis.matcher());
    Ok(Some(
        report
            .into_iter()
            .map(|entry| Official {
                name: entry
                    .mentions
                    .first()
                    .map_or_else(|| entry.name.clone(), |s| doc.slice(*s).to_owned()),
                ranges: entry.mentions.iter().map(|s| map.range(*s)).collect(),
                post: (!entry.posts_on_date.is_empty()).then(|| {
                    entry
                        .posts_on_date
                        .iter()
                        .map(describe)
                        .collect::<Vec<_>>()
                        .join("; ")
                }),
                names: std::iter::once(entry.name).chain(entry.native).collect(),
                id: entry.id,
            })
            .collect(),
    ))
}

/// "Ambassador, Embassy of the USSR in the PRC (1959-02–1965)".
fn describe(post: &PostOnDate) -> String {
    let end = post.end.as_deref().unwrap_or("");
    format!("{}, {} ({}–{end})", post.title, post.org, post.start)
}
