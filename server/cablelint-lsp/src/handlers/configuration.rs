//! Settings from the client and `cablelint.toml` on disk: loading, reloading
//! on change, and reporting a broken file (a diagnostic on the file and a
//! message) while the last good configuration stays in force.

use crate::config::settings::Settings;
use crate::config::CONFIG_FILE_NAME;
use crate::handlers::diagnostics::SOURCE;
use crate::handlers::lifecycle::file_path;
use crate::handlers::text_sync::config_path_for;
use crate::position::TextMap;
use crate::state::State;
use cablelint_core::config::ConfigError;
use cablelint_core::{LineIndex, Span};
use serde_json::Value;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use tower_lsp_server::ls_types::{
    ConfigurationItem, Diagnostic, DiagnosticSeverity, DidChangeConfigurationParams,
    DidChangeWatchedFilesParams, FileChangeType, MessageType, Uri,
};
use tower_lsp_server::Client;

/// Asks the client for the `cablelint` section and applies it.
pub async fn fetch_settings(state: &Arc<State>, client: &Client) {
    let item = ConfigurationItem {
        scope_uri: None,
        section: Some("cablelint".into()),
    };
    match client.configuration(vec![item]).await {
        Ok(values) => apply_settings(state, client, values.first().unwrap_or(&Value::Null)).await,
        Err(error) => tracing::warn!("workspace/configuration failed: {error}"),
    }
}

async fn apply_settings(state: &Arc<State>, client: &Client, value: &Value) {
    match Settings::from_value(value) {
        Ok(settings) => {
            if let Some(level) = &settings.log_level {
                crate::logging::set_level(level);
            }
            state.config().set_settings(settings);
            refresh_all(state, client).await;
        }
        Err(error) => {
            tracing::warn!("{error}");
            client
                .show_message(
                    MessageType::WARNING,
                    format!("cablelint: {error}; keeping the previous settings"),
                )
                .await;
        }
    }
}

pub fn did_change_configuration(
    state: Arc<State>,
    client: Client,
    params: DidChangeConfigurationParams,
) {
    tokio::spawn(async move {
        let sent = params.settings.get("cablelint").cloned();
        match sent {
            Some(value) => apply_settings(&state, &client, &value).await,
            // Clients that use the pull model send `null`: ask.
            None if state.session().configuration_request => fetch_settings(&state, &client).await,
            None => apply_settings(&state, &client, &params.settings).await,
        }
    });
}

pub fn did_change_watched_files(
    state: Arc<State>,
    client: Client,
    params: DidChangeWatchedFilesParams,
) {
    let mut changed: Vec<PathBuf> = Vec::new();
    let mut kept_after_deletion: Vec<PathBuf> = Vec::new();
    {
        let mut config = state.config();
        for event in &params.changes {
            let Some(path) = file_path(&event.uri) else {
                continue;
            };
            let is_config = path.file_name().is_some_and(|n| n == CONFIG_FILE_NAME);
            if is_config && event.typ == FileChangeType::DELETED {
                if config.deleted(&path) {
                    kept_after_deletion.push(path.clone());
                } else {
                    changed.push(path.clone());
                }
                continue;
            }
            // A configuration (new or known), or a profile or registry file
            // one of them read: load those configurations again.
            let mut readers = config.configs_reading(&path);
            if is_config && event.typ != FileChangeType::DELETED && !readers.contains(&path) {
                readers.push(path.clone());
            }
            for reader in readers {
                if !changed.contains(&reader) {
                    config.reload(&reader);
                    changed.push(reader);
                }
            }
        }
    }
    if changed.is_empty() && kept_after_deletion.is_empty() {
        return;
    }
    tokio::spawn(async move {
        for path in changed {
            report(&state, &client, &path).await;
        }
        for path in kept_after_deletion {
            report_deleted(&state, &client, &path).await;
        }
        refresh_all(&state, &client).await;
    });
}

/// A configuration file was deleted and its last good contents stay in
/// force: clear what was shown on it and say so.
async fn report_deleted(state: &State, client: &Client, path: &Path) {
    let previous = state.config().mark_reported(path);
    for stale in [previous, Some(path.to_owned())].into_iter().flatten() {
        if let Some(uri) = Uri::from_file_path(&stale) {
            client.publish_diagnostics(uri, Vec::new(), None).await;
        }
    }
    let message = format!(
        "cablelint: {} was deleted; its last good settings stay in force until it is restored (restart the server to drop them)",
        path.display()
    );
    tracing::warn!("{message}");
    client.show_message(MessageType::WARNING, message).await;
}

/// Gives every open document its (possibly new) configuration and checks it again.
pub async fn refresh_all(state: &Arc<State>, client: &Client) {
    let uris = state.documents().uris();
    let paths: Vec<(Uri, Option<PathBuf>)> = uris
        .into_iter()
        .map(|uri| {
            let path = config_path_for(state, &uri);
            (uri, path)
        })
        .collect();
    {
        let mut config = state.config();
        let mut documents = state.documents();
        for (uri, path) in paths {
            let options = config.options(path.as_deref(), file_path(&uri).as_deref());
            if let Some(document) = documents.get_mut(&uri) {
                document.config_path = path;
                document.options = options;
                document.options_generation = config.generation;
                document.notify_changed();
            }
        }
    }
    // Pushed diagnostics follow from `notify_changed`; pulling clients and
    // highlighting (labels depend on the profile) are asked to refresh.
    let session = state.session();
    if session.pull_diagnostics && session.diagnostic_refresh {
        if let Err(error) = client.workspace_diagnostic_refresh().await {
            tracing::debug!("diagnostic refresh failed: {error}");
        }
    }
    if session.semantic_tokens_refresh {
        if let Err(error) = client.semantic_tokens_refresh().await {
            tracing::debug!("semantic tokens refresh failed: {error}");
        }
    }
}

pub fn spawn_report(state: Arc<State>, client: Client, path: PathBuf) {
    tokio::spawn(async move { report(&state, &client, &path).await });
}

/// Publishes the configuration's error as a diagnostic on the file at fault
/// (`cablelint.toml`, or a profile or registry file it names) or clears it,
/// and says so in a message. Always pushed: those files are no cables, so
/// the client never pulls diagnostics for them.
pub async fn report(state: &State, client: &Client, path: &Path) {
    let (error, previous) = {
        let mut config = state.config();
        let previous = config.mark_reported(path);
        (config.error(path).cloned(), previous)
    };
    let at_fault = error.as_ref().map(|e| e.path.clone());
    // Clear what an earlier error left on another file (or on this one).
    for stale in [previous, Some(path.to_owned())].into_iter().flatten() {
        if Some(&stale) != at_fault.as_ref() {
            if let Some(uri) = Uri::from_file_path(&stale) {
                client.publish_diagnostics(uri, Vec::new(), None).await;
            }
        }
    }
    let Some(error) = error else {
        return;
    };
    let Some(uri) = Uri::from_file_path(&error.path) else {
        return;
    };
    let text = std::fs::read_to_string(&error.path).unwrap_or_default();
    let lines = LineIndex::new(&text);
    let map = TextMap::new(&text, &lines, state.encoding());
    let span = error_span(&text, &lines, &error);
    let key = error
        .key
        .as_ref()
        .map(|k| format!("`{k}`: "))
        .unwrap_or_default();
    let diagnostic = Diagnostic {
        range: map.range(span),
        severity: Some(DiagnosticSeverity::ERROR),
        source: Some(SOURCE.into()),
        message: format!("{key}{}", error.message),
        ..Diagnostic::default()
    };
    client
        .publish_diagnostics(uri, vec![diagnostic], None)
        .await;
    client
        .show_message(
            MessageType::ERROR,
            format!("cablelint: {error}; the last good configuration stays in force"),
        )
        .await;
}

/// Core errors give a 1-based line and column in characters: the span runs
/// from there to the end of that line's text (the value at fault, mostly).
fn error_span(text: &str, lines: &LineIndex, error: &ConfigError) -> Span {
    let Some((line, column)) = error.position else {
        return Span::empty(0);
    };
    let line = line
        .saturating_sub(1)
        .min(lines.line_count().saturating_sub(1));
    let start = lines.offset_chars(text, line, column.saturating_sub(1));
    let end = lines.line_content_span(text, line).end.max(start);
    Span::new(start, end)
}
