//! `cablelint/documentText`: the server's copy of an open document, for
//! tests and for checking that client and server agree. Not a standard
//! request; no client needs it to work.

use crate::state::State;
use serde::{Deserialize, Serialize};
use tower_lsp_server::jsonrpc::{Error, Result};
use tower_lsp_server::ls_types::Uri;

pub const METHOD: &str = "cablelint/documentText";

#[derive(Debug, Deserialize)]
pub struct DocumentTextParams {
    pub uri: Uri,
}

#[derive(Debug, Serialize)]
pub struct DocumentText {
    pub version: i32,
    pub text: String,
}

pub fn document_text(state: &State, params: DocumentTextParams) -> Result<DocumentText> {
    let documents = state.documents();
    let document = documents
        .get(&params.uri)
        .ok_or_else(|| Error::invalid_params("document is not open"))?;
    Ok(DocumentText {
        version: document.version,
        text: document.rope.to_string(),
    })
}
