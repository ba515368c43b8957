//! Logs go through `tracing` to stderr, never stdout (that carries the
//! protocol). The level comes from `--log-level`, else `CABLELINT_LOG`, else
//! `warn`, and the client can change it later with the `logLevel` setting.

use std::sync::OnceLock;
use tracing_subscriber::layer::SubscriberExt;
use tracing_subscriber::util::SubscriberInitExt;
use tracing_subscriber::{reload, EnvFilter, Registry};

type Handle = reload::Handle<EnvFilter, Registry>;

static HANDLE: OnceLock<Handle> = OnceLock::new();

pub const ENV_VAR: &str = "CABLELINT_LOG";

/// Installs the stderr logger (once per process; later calls do nothing).
pub fn init(level: Option<&str>) {
    let asked = level
        .map(str::to_owned)
        .or_else(|| std::env::var(ENV_VAR).ok());
    let parsed = asked.as_deref().and_then(parse);
    let filter = parsed.clone().unwrap_or_else(|| EnvFilter::new("warn"));
    let (filter, handle) = reload::Layer::new(filter);
    let installed = tracing_subscriber::registry()
        .with(filter)
        .with(
            tracing_subscriber::fmt::layer()
                .with_writer(std::io::stderr)
                .with_ansi(false)
                .with_target(false),
        )
        .try_init();
    if installed.is_ok() {
        let _ = HANDLE.set(handle);
    }
    if let (Some(asked), None) = (asked, parsed) {
        tracing::warn!("ignoring log level `{asked}`: not a tracing filter; using `warn`");
    }
}

/// Changes the level at run time; a bad filter is reported and ignored.
pub fn set_level(level: &str) {
    match (parse(level), HANDLE.get()) {
        (Some(filter), Some(handle)) => {
            if let Err(error) = handle.reload(filter) {
                tracing::warn!("cannot change the log level: {error}");
            }
        }
        (None, _) => tracing::warn!("ignoring log level `{level}`: not a tracing filter"),
        (_, None) => {}
    }
}

fn parse(level: &str) -> Option<EnvFilter> {
    EnvFilter::try_new(level.trim()).ok()
}
