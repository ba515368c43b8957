fn main() -> std::process::ExitCode {
    // `cablelint lsp [--stdio] …`: the language server (until the clap CLI takes this over).
    let mut args = std::env::args().skip(1);
    if args.next().as_deref() == Some("lsp") {
        return match cablelint_lsp::ServerOptions::from_args(args) {
            Ok(options) => cablelint_lsp::run_stdio(options),
            Err(error) => {
                eprintln!("cablelint: {error}");
                std::process::ExitCode::from(2)
            }
        };
    }
    std::process::ExitCode::SUCCESS
}
