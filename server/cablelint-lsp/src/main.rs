//! `cablelint-lsp [--stdio] [--log-level L] [--docs-base-url URL]`: the
//! language server alone, as `cablelint lsp` runs it.

use std::process::ExitCode;

fn main() -> ExitCode {
    match cablelint_lsp::ServerOptions::from_args(std::env::args().skip(1)) {
        Ok(options) => cablelint_lsp::run_stdio(options),
        Err(error) => {
            eprintln!("cablelint-lsp: {error}");
            ExitCode::from(2)
        }
    }
}
