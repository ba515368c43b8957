//! The cablelint language server: the only crate that speaks LSP.
//!
//! Built on tower-lsp-server. cablelint-core works on plain text and byte
//! spans; this crate keeps the client's text in step (a rope per open
//! document), turns spans into LSP positions (`position`, the one place that
//! does) and findings into diagnostics, code actions and the rest
//! (`handlers/`, one file per feature).
//!
//! Entry points: [`run_stdio`] for `cablelint lsp`, and [`serve`] over any
//! byte streams (the tests speak to it in process).

mod analysis;
mod config;
mod direct;
mod documents;
pub mod framing;
mod handlers;
#[cfg(test)]
mod heap_meter;
mod logging;
mod position;
mod publish;
mod rule_docs;
mod server;
mod state;
mod transport;

use std::process::ExitCode;
use std::sync::Arc;
use std::time::Duration;
use tokio::io::{AsyncRead, AsyncWrite};
use tower_lsp_server::{LspService, Server};

pub use rule_docs::PLACEHOLDER_BASE as PLACEHOLDER_DOCS_BASE;

/// Options from the command line (`cablelint lsp [--stdio] [--log-level L]
/// [--docs-base-url URL] [--no-cache]`).
#[derive(Debug, Clone, Default)]
pub struct ServerOptions {
    /// A `tracing` filter for the log on stderr (default: `CABLELINT_LOG`, else `warn`).
    pub log_level: Option<String>,
    /// Base URL of the rule pages (see the `rule_docs` module for the default).
    pub docs_base_url: Option<String>,
    /// Parse officials registries at every load, keeping no compiled form
    /// in the workspace's `.cablelint_cache` (see `config::ConfigStore`).
    pub no_cache: bool,
}

impl ServerOptions {
    /// Reads the `lsp` subcommand's arguments (after `lsp`). `--stdio` is
    /// accepted and is the only transport.
    pub fn from_args<I: IntoIterator<Item = String>>(args: I) -> Result<ServerOptions, String> {
        let mut options = ServerOptions::default();
        let mut args = args.into_iter();
        while let Some(arg) = args.next() {
            let (name, inline) = match arg.split_once('=') {
                Some((name, value)) => (name.to_owned(), Some(value.to_owned())),
                None => (arg.clone(), None),
            };
            let mut value = |name: &str| {
                inline
                    .clone()
                    .or_else(|| args.next())
                    .ok_or_else(|| format!("{name} needs a value"))
            };
            match name.as_str() {
                "--stdio" => {}
                "--no-cache" if inline.is_none() => options.no_cache = true,
                "--log-level" => options.log_level = Some(value("--log-level")?),
                "--docs-base-url" => options.docs_base_url = Some(value("--docs-base-url")?),
                other => return Err(format!("unknown argument `{other}` for `cablelint lsp`")),
            }
        }
        Ok(options)
    }
}

/// Runs the server on stdin/stdout until `exit` or the end of input. Exit
/// code 0 after `shutdown` then `exit`, 1 otherwise (as LSP asks).
pub fn run_stdio(options: ServerOptions) -> ExitCode {
    logging::init(options.log_level.as_deref());
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .thread_name("cablelint-lsp")
        .enable_all()
        .build()
    {
        Ok(runtime) => runtime,
        Err(error) => {
            tracing::error!("cannot start the async runtime: {error}");
            return ExitCode::FAILURE;
        }
    };
    let clean = runtime.block_on(serve(tokio::io::stdin(), tokio::io::stdout(), options));
    // The stdin reader may still be blocked in a read: do not wait for it.
    runtime.shutdown_timeout(Duration::from_millis(50));
    if clean {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}

/// Serves one client over `input`/`output` until `exit` or the end of
/// input. Returns whether the client asked for `shutdown` first.
pub async fn serve<I, O>(input: I, output: O, options: ServerOptions) -> bool
where
    I: AsyncRead + Unpin + Send + 'static,
    O: AsyncWrite + Unpin + Send + 'static,
{
    // client → guard → server, server → merge → client (see `transport`).
    let (frames, frames_rx) = tokio::sync::mpsc::unbounded_channel();
    let state = Arc::new(state::State::new(options, frames.clone()));
    let (service, socket) = LspService::build(|client| server::Server {
        client,
        state: state.clone(),
    })
    .custom_method(
        handlers::document_text::METHOD,
        server::Server::document_text,
    )
    .custom_method(
        handlers::document_info::METHOD,
        server::Server::document_info,
    )
    .custom_method(handlers::officials::METHOD, server::Server::officials)
    .finish();

    let (server_input, guard_output) = tokio::io::duplex(1 << 20);
    let (server_output_writer, server_output) = tokio::io::duplex(1 << 20);
    let guard = tokio::spawn(transport::guard_input(input, guard_output, frames.clone()));
    let forward = tokio::spawn(transport::forward_output(server_output, frames));
    let writer = tokio::spawn(transport::write_output(output, frames_rx));

    let service = direct::Direct {
        inner: service,
        state: state.clone(),
    };
    Server::new(server_input, server_output_writer, socket)
        .serve(service)
        .await;

    // Everything the server wrote reaches the client before we return.
    let _ = forward.await;
    let _ = writer.await;
    guard.abort();
    state.shutdown_requested()
}

#[cfg(test)]
mod tests {
    use super::ServerOptions;

    fn parsed(args: &[&str]) -> Result<ServerOptions, String> {
        ServerOptions::from_args(args.iter().map(|a| a.to_string()))
    }

    #[test]
    fn no_cache_is_a_flag_without_a_value() {
        assert!(parsed(&["--stdio", "--no-cache"]).unwrap().no_cache);
        assert!(!parsed(&["--stdio"]).unwrap().no_cache);
        assert_eq!(
            parsed(&["--no-cache=yes"]).unwrap_err(),
            "unknown argument `--no-cache` for `cablelint lsp`"
        );
    }
}
