//! `initialize`, `initialized`, `shutdown`: what the client can do, what we
//! offer, and the registrations that need the client's answer.

use crate::config::settings::Settings;
use crate::handlers::{code_action, configuration, semantic_tokens};
use crate::position::Encoding;
use crate::state::{Session, State};
use std::path::PathBuf;
use std::sync::Arc;
use tower_lsp_server::jsonrpc::Result;
use tower_lsp_server::ls_types::{
    ClientCapabilities, CodeActionKind, CodeActionOptions, CodeActionProviderCapability,
    CompletionOptions, DiagnosticOptions, DiagnosticServerCapabilities,
    DidChangeWatchedFilesRegistrationOptions, DocumentLinkOptions, FileSystemWatcher,
    FoldingRangeProviderCapability, GlobPattern, HoverProviderCapability, InitializeParams,
    InitializeResult, OneOf, Registration, ResourceOperationKind, SelectionRangeProviderCapability,
    SemanticTokensFullOptions, SemanticTokensOptions, SemanticTokensServerCapabilities,
    ServerCapabilities, ServerInfo, TextDocumentSyncCapability, TextDocumentSyncKind,
    TextDocumentSyncOptions, Uri,
};
use tower_lsp_server::Client;

pub fn initialize(state: &State, params: InitializeParams) -> Result<InitializeResult> {
    let session = session(&params);
    tracing::info!(
        "client {:?}: {:?} positions, {} diagnostics",
        params.client_info.as_ref().map(|c| c.name.as_str()),
        session.encoding,
        if session.pull_diagnostics {
            "pulled"
        } else {
            "pushed"
        }
    );
    if let Some(options) = &params.initialization_options {
        match Settings::from_value(options) {
            Ok(settings) => {
                if let Some(level) = &settings.log_level {
                    crate::logging::set_level(level);
                }
                state.config().set_settings(settings);
            }
            Err(error) => tracing::warn!("initializationOptions: {error}"),
        }
    }
    let capabilities = capabilities(&session);
    state.set_session(session);
    Ok(InitializeResult {
        capabilities,
        server_info: Some(ServerInfo {
            name: "cablelint".into(),
            version: Some(env!("CARGO_PKG_VERSION").into()),
        }),
        offset_encoding: None,
    })
}

fn session(params: &InitializeParams) -> Session {
    let caps: &ClientCapabilities = &params.capabilities;
    let workspace = caps.workspace.as_ref();
    let mut roots: Vec<PathBuf> = params
        .workspace_folders
        .iter()
        .flatten()
        .filter_map(|f| file_path(&f.uri))
        .collect();
    #[allow(deprecated)] // rootUri is how older clients (Neovim 0.7) name the workspace
    if let Some(root) = params.root_uri.as_ref().and_then(file_path) {
        if roots.is_empty() {
            roots.push(root);
        }
    }
    Session {
        encoding: Encoding::negotiate(
            caps.general
                .as_ref()
                .and_then(|g| g.position_encodings.as_deref()),
        ),
        pull_diagnostics: caps
            .text_document
            .as_ref()
            .is_some_and(|t| t.diagnostic.is_some()),
        diagnostic_refresh: workspace
            .and_then(|w| w.diagnostics.as_ref())
            .and_then(|d| d.refresh_support)
            .unwrap_or(false),
        semantic_tokens_refresh: workspace
            .and_then(|w| w.semantic_tokens.as_ref())
            .and_then(|s| s.refresh_support)
            .unwrap_or(false),
        configuration_request: workspace.and_then(|w| w.configuration).unwrap_or(false),
        watch_registration: workspace
            .and_then(|w| w.did_change_watched_files.as_ref())
            .and_then(|d| d.dynamic_registration)
            .unwrap_or(false),
        create_files: workspace
            .and_then(|w| w.workspace_edit.as_ref())
            .is_some_and(|e| {
                e.document_changes == Some(true)
                    && e.resource_operations
                        .as_ref()
                        .is_some_and(|ops| ops.contains(&ResourceOperationKind::Create))
            }),
        completion_resolve: caps
            .text_document
            .as_ref()
            .and_then(|t| t.completion.as_ref())
            .and_then(|c| c.completion_item.as_ref())
            .and_then(|i| i.resolve_support.as_ref())
            .is_some_and(|r| r.properties.iter().any(|p| p == "documentation")),
        workspace_roots: roots,
    }
}

pub fn file_path(uri: &Uri) -> Option<PathBuf> {
    if uri.scheme().as_str().eq_ignore_ascii_case("file") {
        uri.to_file_path().map(|p| p.into_owned())
    } else {
        None
    }
}

fn capabilities(session: &Session) -> ServerCapabilities {
    ServerCapabilities {
        position_encoding: Some(session.encoding.kind()),
        text_document_sync: Some(TextDocumentSyncCapability::Options(
            TextDocumentSyncOptions {
                open_close: Some(true),
                change: Some(TextDocumentSyncKind::INCREMENTAL),
                ..TextDocumentSyncOptions::default()
            },
        )),
        code_action_provider: Some(CodeActionProviderCapability::Options(CodeActionOptions {
            code_action_kinds: Some(vec![CodeActionKind::QUICKFIX, code_action::fix_all_kind()]),
            resolve_provider: Some(false),
            ..CodeActionOptions::default()
        })),
        hover_provider: Some(HoverProviderCapability::Simple(true)),
        definition_provider: Some(OneOf::Left(true)),
        completion_provider: Some(CompletionOptions {
            // `[` opens a bracket; a space after a title asks for a name.
            trigger_characters: Some(vec!["[".into(), " ".into()]),
            resolve_provider: Some(true),
            ..CompletionOptions::default()
        }),
        document_symbol_provider: Some(OneOf::Left(true)),
        folding_range_provider: Some(FoldingRangeProviderCapability::Simple(true)),
        selection_range_provider: Some(SelectionRangeProviderCapability::Simple(true)),
        semantic_tokens_provider: Some(SemanticTokensServerCapabilities::SemanticTokensOptions(
            SemanticTokensOptions {
                legend: semantic_tokens::legend(),
                full: Some(SemanticTokensFullOptions::Bool(true)),
                range: Some(true),
                ..SemanticTokensOptions::default()
            },
        )),
        document_link_provider: Some(DocumentLinkOptions {
            resolve_provider: Some(false),
            work_done_progress_options: Default::default(),
        }),
        diagnostic_provider: session.pull_diagnostics.then(|| {
            DiagnosticServerCapabilities::Options(DiagnosticOptions {
                identifier: Some("cablelint".into()),
                inter_file_dependencies: false,
                workspace_diagnostics: false,
                work_done_progress_options: Default::default(),
            })
        }),
        ..ServerCapabilities::default()
    }
}

/// After `initialized`: ask for settings and watch configuration files. Both
/// wait on the client, so they run as their own task, never in a handler.
pub fn initialized(state: Arc<State>, client: Client) {
    let session = state.session();
    tokio::spawn(async move {
        if session.watch_registration {
            let options = DidChangeWatchedFilesRegistrationOptions {
                // `cablelint.toml` and the profile and registry files it names.
                watchers: vec![FileSystemWatcher {
                    glob_pattern: GlobPattern::String("**/*.toml".into()),
                    kind: None,
                }],
            };
            let registration = Registration {
                id: "cablelint-config-watcher".into(),
                method: "workspace/didChangeWatchedFiles".into(),
                register_options: serde_json::to_value(options).ok(),
            };
            if let Err(error) = client.register_capability(vec![registration]).await {
                tracing::warn!("could not watch configuration files: {error}");
            }
        }
        if session.configuration_request {
            configuration::fetch_settings(&state, &client).await;
        }
    });
}
