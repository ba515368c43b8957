//! `cablelint/documentInfo`: the profile a document is checked with and
//! why, and the document's own date and where it was read (the VS Code
//! status bar; see editors/vscode/PROTOCOL.md).

use crate::config::ProfileOrigin;
use crate::handlers::lifecycle::file_path;
use crate::state::State;
use cablelint_core::model::DateRole;
use cablelint_core::profile::Detection;
use serde::{Deserialize, Serialize};
use tower_lsp_server::jsonrpc::Result;
use tower_lsp_server::ls_types::TextDocumentIdentifier;

pub const METHOD: &str = "cablelint/documentInfo";

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct DocumentInfoParams {
    pub text_document: TextDocumentIdentifier,
}

#[derive(Debug, Serialize, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct DocumentInfo {
    pub profile: ProfileInfo,
    /// ISO `YYYY-MM-DD`, `YYYY-MM` or `YYYY`.
    pub date: Option<String>,
    pub date_source: Option<String>,
}

#[derive(Debug, Serialize, PartialEq)]
pub struct ProfileInfo {
    pub id: String,
    pub name: String,
    /// `directive`, `config`, `setting`, `detected` or `default`.
    pub source: &'static str,
    /// The markers found in the text that chose it (when detected).
    pub markers: Vec<String>,
}

pub async fn document_info(
    state: &State,
    params: DocumentInfoParams,
) -> Result<Option<DocumentInfo>> {
    let uri = params.text_document.uri;
    let Some(analysis) = state.analysis(&uri).await else {
        return Ok(None);
    };
    let doc = &analysis.document;
    let (source, markers) = match &doc.detection {
        Detection::Directive => ("directive", Vec::new()),
        Detection::Configured => {
            let config_path = state
                .documents()
                .get(&uri)
                .and_then(|d| d.config_path.clone());
            let origin = state
                .config()
                .profile_origin(config_path.as_deref(), file_path(&uri).as_deref());
            match origin {
                Some(ProfileOrigin::Setting) => ("setting", Vec::new()),
                _ => ("config", Vec::new()),
            }
        }
        Detection::Detected { markers } => ("detected", markers.clone()),
        Detection::Fallback => ("default", Vec::new()),
    };
    let dates = doc.dates();
    let (date, date_source) = match &dates.document {
        Some(own) => {
            // A time of day is more than the status bar asks for.
            let iso: String = own.interval.iso().chars().take(10).collect();
            let mut roles: Vec<&str> = Vec::new();
            for role in own
                .sources
                .iter()
                .filter_map(|&i| dates.mentions.get(i))
                .map(|m| m.role)
            {
                let words = role_words(role);
                if !roles.contains(&words) {
                    roles.push(words);
                }
            }
            (Some(iso), (!roles.is_empty()).then(|| roles.join(", ")))
        }
        None => (None, None),
    };
    Ok(Some(DocumentInfo {
        profile: ProfileInfo {
            id: doc.profile.id.clone(),
            name: doc.profile.name.clone(),
            source,
            markers,
        },
        date,
        date_source,
    }))
}

fn role_words(role: DateRole) -> &'static str {
    match role {
        DateRole::Archive => "archive date line",
        DateRole::Header => "header",
        DateRole::Closing => "closing",
        DateRole::Original => "original-language header",
        DateRole::Serial => "registry serial",
        DateRole::Sent => "sent stamp",
        DateRole::Received => "received stamp",
        DateRole::Processed => "office stamp",
        DateRole::Reference => "reference in the text",
    }
}
