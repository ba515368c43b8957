//! `didOpen`, `didChange`, `didClose`. These run to completion without an
//! `await`, so notifications take effect in the order the client sent them.

use crate::config::CONFIG_FILE_NAME;
use crate::documents::{ChangeError, OpenDocument};
use crate::handlers::configuration;
use crate::handlers::diagnostics::publication;
use crate::handlers::lifecycle::file_path;
use crate::publish;
use crate::state::State;
use ropey::Rope;
use std::path::PathBuf;
use std::sync::Arc;
use tokio::sync::watch;
use tower_lsp_server::ls_types::{
    DidChangeTextDocumentParams, DidCloseTextDocumentParams, DidOpenTextDocumentParams, Uri,
};
use tower_lsp_server::Client;

/// The configuration file for a document: the nearest one above it, or for
/// documents that are not files, the one of the first workspace folder. A
/// deleted one whose last good contents are kept still counts.
pub fn config_path_for(state: &State, uri: &Uri) -> Option<PathBuf> {
    let dir = match file_path(uri) {
        Some(path) => path.parent()?.to_path_buf(),
        None => state.session().workspace_roots.first()?.clone(),
    };
    let config = state.config();
    dir.ancestors()
        .map(|dir| dir.join(CONFIG_FILE_NAME))
        .find(|candidate| candidate.is_file() || config.is_kept_after_deletion(candidate))
}

pub fn did_open(state: &Arc<State>, client: &Client, params: DidOpenTextDocumentParams) {
    let document = params.text_document;
    let config_path = config_path_for(state, &document.uri);
    let (options, options_generation, first_load) = {
        let mut config = state.config();
        let first_load = config_path.as_deref().is_some_and(|p| !config.is_loaded(p));
        (
            config.options(config_path.as_deref(), file_path(&document.uri).as_deref()),
            config.generation,
            first_load,
        )
    };
    let push = !state.pull_diagnostics();
    let (changed, receiver) = if push {
        let (sender, receiver) = watch::channel(());
        (Some(sender), Some(receiver))
    } else {
        (None, None)
    };
    state.documents().insert(
        document.uri.clone(),
        OpenDocument {
            rope: Rope::from_str(&document.text),
            version: document.version,
            config_path: config_path.clone(),
            options,
            options_generation,
            analysis: None,
            running: None,
            changed,
        },
    );
    if let Some(receiver) = receiver {
        publish::spawn_worker(state.clone(), document.uri, receiver);
    }
    if let (true, Some(path)) = (first_load, config_path) {
        configuration::spawn_report(state.clone(), client.clone(), path);
    }
}

pub fn did_change(state: &State, params: DidChangeTextDocumentParams) {
    let uri = params.text_document.uri;
    let encoding = state.encoding();
    let result = state.documents().change(
        &uri,
        params.text_document.version,
        params.content_changes,
        encoding,
    );
    match result {
        Ok(()) => {}
        Err(ChangeError::UnknownDocument) => tracing::warn!("change to a document that is not open: {}", uri.as_str()),
        Err(ChangeError::StaleVersion { have, got }) => tracing::error!(
            "{}: change to version {got} ignored, we have version {have}; the client's text may now differ",
            uri.as_str()
        ),
    }
}

pub fn did_close(state: &State, params: DidCloseTextDocumentParams) {
    let uri = params.text_document.uri;
    // Dropping the document ends its diagnostics worker. The clearing goes
    // the way the worker's diagnostics go, under the same lock, so it comes
    // after anything the worker sent.
    let mut documents = state.documents();
    let removed = documents.remove(&uri);
    if removed.is_some() && !state.pull_diagnostics() {
        let encoding = state.encoding();
        state.send_frame(publication(None, &uri, encoding, "", None));
    }
    drop(documents);
    drop(removed);
}
