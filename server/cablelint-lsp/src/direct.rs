//! A layer over tower-lsp-server's service that answers
//! `textDocument/diagnostic` itself and writes the response straight to the
//! client's output (`diagnostics::pull_response`): tower-lsp-server would
//! turn a report of 100,000 findings into a `serde_json::Value` tree of
//! several hundred megabytes before writing it.
//!
//! The layer is called where tower-lsp-server calls its own handlers, in the
//! order messages arrive, so a pull still sees every change sent before it.
//! Everything else goes to tower-lsp-server, and so does a pull before
//! `initialize` or after `shutdown` (it answers those with its errors), or
//! one whose parameters do not parse (it says what is wrong with them).

use crate::handlers::diagnostics::pull_response;
use crate::state::State;
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Poll};
use tower_lsp_server::jsonrpc::{Id, Request, Response};
use tower_lsp_server::ls_types::DocumentDiagnosticParams;
use tower_service::Service;

pub struct Direct<S> {
    pub inner: S,
    pub state: Arc<State>,
}

type Answer<E> = Pin<Box<dyn Future<Output = Result<Option<Response>, E>> + Send>>;

impl<S> Service<Request> for Direct<S>
where
    S: Service<Request, Response = Option<Response>>,
    S::Future: Send + 'static,
{
    type Response = Option<Response>;
    type Error = S::Error;
    type Future = Answer<S::Error>;

    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), S::Error>> {
        self.inner.poll_ready(cx)
    }

    fn call(&mut self, request: Request) -> Self::Future {
        if let Some((id, params)) = self.pull(&request) {
            let state = self.state.clone();
            return Box::pin(async move {
                let body = pull_response(&state, id, params).await;
                state.send_frame(body);
                Ok(None)
            });
        }
        Box::pin(self.inner.call(request))
    }
}

impl<S> Direct<S> {
    /// The id and parameters of a pull this layer answers.
    fn pull(&self, request: &Request) -> Option<(Id, DocumentDiagnosticParams)> {
        if request.method() != "textDocument/diagnostic" || !self.state.serving() {
            return None;
        }
        let id = request.id()?.clone();
        let params = serde_json::from_value(request.params()?.clone()).ok()?;
        Some((id, params))
    }
}
