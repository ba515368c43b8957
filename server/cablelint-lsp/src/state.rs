//! What the server knows between messages: the negotiated session, the open
//! documents and the configuration. Locks are plain mutexes held only for
//! synchronous work, never across an `await`; the configuration lock is
//! always taken before the documents lock.

use crate::analysis::Analysis;
use crate::config::ConfigStore;
use crate::documents::{Documents, RunningAnalysis};
use crate::position::Encoding;
use crate::transport::OutputFrames;
use crate::ServerOptions;
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, MutexGuard, OnceLock};
use tokio::sync::watch;
use tower_lsp_server::ls_types::Uri;

/// What was agreed with the client in `initialize`.
#[derive(Debug, Default, Clone)]
pub struct Session {
    pub encoding: Encoding,
    /// The client pulls diagnostics (`textDocument/diagnostic`); we never push them.
    pub pull_diagnostics: bool,
    pub diagnostic_refresh: bool,
    pub semantic_tokens_refresh: bool,
    pub configuration_request: bool,
    pub watch_registration: bool,
    pub create_files: bool,
    /// The client asks for a completion item's documentation when it shows
    /// the item (`completionItem/resolve`).
    pub completion_resolve: bool,
    pub workspace_roots: Vec<PathBuf>,
}

pub struct State {
    pub options: ServerOptions,
    /// The client's output, for messages written here rather than through
    /// tower-lsp-server (see `publish` and `direct`).
    output: OutputFrames,
    session: OnceLock<Session>,
    documents: Mutex<Documents>,
    config: Mutex<ConfigStore>,
    shutdown_requested: AtomicBool,
}

impl State {
    pub fn new(options: ServerOptions, output: OutputFrames) -> State {
        State {
            config: Mutex::new(ConfigStore::new(!options.no_cache)),
            options,
            output,
            session: OnceLock::new(),
            documents: Mutex::new(Documents::default()),
            shutdown_requested: AtomicBool::new(false),
        }
    }

    pub fn session(&self) -> Session {
        self.session.get().cloned().unwrap_or_default()
    }

    pub fn encoding(&self) -> Encoding {
        self.session.get().map(|s| s.encoding).unwrap_or_default()
    }

    pub fn pull_diagnostics(&self) -> bool {
        self.session.get().is_some_and(|s| s.pull_diagnostics)
    }

    pub fn set_session(&self, session: Session) {
        if self.session.set(session).is_err() {
            tracing::warn!("initialize received twice; keeping the first session");
        }
    }

    pub fn documents(&self) -> MutexGuard<'_, Documents> {
        // A panic while holding the lock leaves consistent data (every
        // mutation is a single assignment or rope edit), so keep serving.
        self.documents
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    pub fn config(&self) -> MutexGuard<'_, ConfigStore> {
        self.config
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// Sends one message body to the client as a whole frame. It may pass
    /// messages tower-lsp-server has written but not yet forwarded; only
    /// diagnostics go this way (notifications, and responses to pulls),
    /// which JSON-RPC does not order with other messages.
    pub fn send_frame(&self, body: Vec<u8>) {
        // The writer is gone only when the session has ended.
        let _ = self.output.send(Some(body));
    }

    /// Between `initialize` and `shutdown`: requests get answers.
    pub fn serving(&self) -> bool {
        self.session.get().is_some() && !self.shutdown_requested()
    }

    pub fn request_shutdown(&self) {
        self.shutdown_requested.store(true, Ordering::SeqCst);
    }

    pub fn shutdown_requested(&self) -> bool {
        self.shutdown_requested.load(Ordering::SeqCst)
    }

    /// Where rule pages are linked from (see `rule_docs`).
    pub fn docs_base(&self) -> String {
        let from_settings = self.config().settings().docs_base_url.clone();
        from_settings
            .or_else(|| self.options.docs_base_url.clone())
            .unwrap_or_else(|| crate::rule_docs::default_base().to_owned())
    }

    /// The analysis of the document's current text, computing it if needed
    /// (once per version, however many requests ask or are cancelled).
    /// `None` for a document that is not open.
    pub async fn analysis(&self, uri: &Uri) -> Option<Arc<Analysis>> {
        let mut result = {
            let mut documents = self.documents();
            let document = documents.get_mut(uri)?;
            if let Some(analysis) = document.current_analysis() {
                return Some(analysis);
            }
            match document.current_run() {
                Some(result) => result,
                None => {
                    let snapshot = document.snapshot();
                    let (sender, result) = watch::channel(None);
                    document.running = Some(RunningAnalysis {
                        version: snapshot.version,
                        options_generation: snapshot.options_generation,
                        result: result.clone(),
                    });
                    tokio::spawn(async move {
                        let analysis = Analysis::compute(snapshot).await.map(Arc::new);
                        let _ = sender.send(Some(analysis));
                    });
                    result
                }
            }
        };
        let analysis = match result.wait_for(Option::is_some).await {
            Ok(done) => done.clone().flatten(),
            Err(_) => None,
        }?;
        let mut documents = self.documents();
        if let Some(document) = documents.get_mut(uri) {
            let newer_than_cached = document.analysis.as_ref().is_none_or(|a| {
                (a.options_generation, a.version) < (analysis.options_generation, analysis.version)
            });
            if newer_than_cached {
                document.analysis = Some(analysis.clone());
            }
            // Finished and cached: the run need not keep its result alive.
            let finished = document.running.as_ref().is_some_and(|r| {
                r.version == analysis.version && r.options_generation == analysis.options_generation
            });
            if finished {
                document.running = None;
            }
        }
        Some(analysis)
    }
}
