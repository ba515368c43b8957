//! Pushed diagnostics (for clients that do not pull): one worker per open
//! document, woken by every change.
//!
//! The first change is checked at once. If more changes arrived while a
//! check ran, the worker waits a little (as long as the check took, within
//! bounds) so a burst of typing costs a few checks, not one per keystroke;
//! it then checks the newest text only. A result is published only while
//! the document still has the version it was made from. Diagnostics are
//! written straight to the client's output (`diagnostics::publication`),
//! not through tower-lsp-server's `Client`, which would hold them all as a
//! JSON value tree first.

use crate::handlers::diagnostics::publication;
use crate::state::State;
use std::sync::Arc;
use std::time::{Duration, Instant};
use tokio::sync::watch;
use tower_lsp_server::ls_types::Uri;

const MIN_SETTLE: Duration = Duration::from_millis(5);
const MAX_SETTLE: Duration = Duration::from_millis(200);

pub fn spawn_worker(state: Arc<State>, uri: Uri, mut changed: watch::Receiver<()>) {
    changed.mark_changed();
    tokio::spawn(async move {
        while changed.changed().await.is_ok() {
            let started = Instant::now();
            let Some(analysis) = state.analysis(&uri).await else {
                continue;
            };
            let current = state
                .documents()
                .get(&uri)
                .is_some_and(|d| d.is_current(analysis.version, analysis.options_generation));
            if current {
                let body = publication(
                    Some(&analysis),
                    &uri,
                    state.encoding(),
                    &state.docs_base(),
                    Some(analysis.version),
                );
                // Sent under the documents lock after a last look: a change
                // or a close meanwhile (a close clears under the same lock)
                // must not be followed by diagnostics of the old text.
                let documents = state.documents();
                let still_current = documents
                    .get(&uri)
                    .is_some_and(|d| d.is_current(analysis.version, analysis.options_generation));
                if still_current {
                    state.send_frame(body);
                }
            }
            if changed.has_changed().unwrap_or(false) {
                tokio::time::sleep(started.elapsed().clamp(MIN_SETTLE, MAX_SETTLE)).await;
            }
        }
        tracing::debug!("diagnostics worker for {} ended", uri.as_str());
    });
}
