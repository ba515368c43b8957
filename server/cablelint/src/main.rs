//! `cablelint`: the command-line linter for `.cable` transcriptions. This is
//! the only crate that prints; everything it checks comes from cablelint-core.

// Many small allocations per file (findings, messages, spans): jemalloc
// spends fewer instructions on them than glibc malloc, as in ruff.
#[cfg(all(target_os = "linux", target_arch = "x86_64"))]
#[global_allocator]
static GLOBAL: tikv_jemallocator::Jemalloc = tikv_jemallocator::Jemalloc;

mod cache;
mod check;
mod cli;
mod docs;
mod inputs;
mod list;
mod officials;
mod ordered;
mod output;
mod progress;
mod read;
mod report;
mod shard;
mod write;

use clap::Parser;
use cli::{Cli, ColorWhen, Command};
use std::process::ExitCode;

/// 0: nothing at or above --fail-on; 1: findings that fail the run;
/// 2: usage, configuration or I/O errors.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExitStatus {
    Success,
    Findings,
    Failure,
}

impl ExitStatus {
    /// Says `error: MESSAGE` on stderr: the run fails with status 2.
    pub fn error(message: impl std::fmt::Display) -> ExitStatus {
        eprintln!("error: {message}");
        ExitStatus::Failure
    }
}

impl From<ExitStatus> for ExitCode {
    fn from(status: ExitStatus) -> ExitCode {
        ExitCode::from(match status {
            ExitStatus::Success => 0,
            ExitStatus::Findings => 1,
            ExitStatus::Failure => 2,
        })
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    // The server sets up its own logging (level from --log-level or its settings).
    if !matches!(cli.command, Command::Lsp(_)) {
        init_logging(cli.verbose);
    }
    anstream::ColorChoice::write_global(match cli.color {
        ColorWhen::Auto => anstream::ColorChoice::Auto,
        ColorWhen::Always => anstream::ColorChoice::Always,
        ColorWhen::Never => anstream::ColorChoice::Never,
    });
    let status = match &cli.command {
        Command::Check(args) => check::run(args),
        Command::Explain(args) => list::explain(args),
        Command::Rules(args) => list::rules(args),
        Command::Profiles(args) => list::profiles(args),
        Command::Officials(args) => officials::run(args),
        Command::Clean(args) => clean(args),
        Command::Lsp(args) => return lsp(args),
    };
    status.into()
}

/// `cablelint clean`, as `ruff clean`: removes the result cache.
fn clean(args: &cli::CleanArgs) -> ExitStatus {
    let dir = cache::location(args.cache_dir.as_deref(), args.config.as_deref(), false);
    let shown = cache::shown(&dir);
    match cache::clean(&dir) {
        Ok(cache::Cleaned::Removed) => eprintln!("Removed the cache at {shown}."),
        Ok(cache::Cleaned::Emptied) => {
            eprintln!("Removed the cache entries in {shown}; other files there were kept.")
        }
        Ok(cache::Cleaned::NothingThere) => eprintln!("No cache at {shown}."),
        Err(e) => {
            return ExitStatus::error(format_args!("cannot remove the cache at {shown}: {e}"))
        }
    }
    ExitStatus::Success
}

fn lsp(args: &cli::LspArgs) -> ExitCode {
    match cablelint_lsp::ServerOptions::from_args(args.args.iter().cloned()) {
        Ok(options) => cablelint_lsp::run_stdio(options),
        Err(error) => {
            eprintln!("cablelint lsp: {error}");
            ExitStatus::Failure.into()
        }
    }
}

/// Logs go to stderr: stdout carries the report (and, for `lsp`, the protocol).
fn init_logging(verbose: u8) {
    let default = match verbose {
        0 => "warn",
        1 => "debug",
        _ => "trace",
    };
    let filter = tracing_subscriber::EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new(default));
    tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .with_target(false)
        .init();
}
