//! The command line, as clap reads it. One variant of [`Command`] per
//! subcommand; the language server joins them as `cablelint lsp`.

use clap::{Args, Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

#[derive(Debug, Parser)]
#[command(
    name = "cablelint",
    version,
    about = "Checks transcriptions of historical diplomatic cables (.cable files).",
    propagate_version = true
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
    /// Log more to stderr (-v: debug, -vv: trace); RUST_LOG overrides.
    #[arg(short, long, global = true, action = clap::ArgAction::Count)]
    pub verbose: u8,
    /// When to colour the output (NO_COLOR is honoured under `auto`).
    #[arg(long, global = true, value_enum, default_value_t = ColorWhen::Auto)]
    pub color: ColorWhen,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check files and directories (recursively, `.cable` files by default).
    Check(CheckArgs),
    /// Print a rule's documentation (or write every page with --all).
    Explain(ExplainArgs),
    /// List every rule: code, name, default severity, fix, summary.
    Rules(ListArgs),
    /// List the known profiles (built in and from cablelint.toml).
    Profiles(ProfilesArgs),
    /// List the officials each file names, with their posts on its date.
    Officials(OfficialsArgs),
    /// Remove the result cache of `check` (what `check` would use from here).
    Clean(CleanArgs),
    /// Run the language server over stdin/stdout (editors start this).
    Lsp(LspArgs),
}

#[derive(Debug, Args)]
pub struct CleanArgs {
    /// The cache directory to remove (default: as `check` finds it).
    #[arg(long)]
    pub cache_dir: Option<PathBuf>,
    /// Find the cache beside this configuration file.
    #[arg(long)]
    pub config: Option<PathBuf>,
}

/// Options of the language server, passed through as it reads them:
/// `--stdio` (what VS Code adds), `--log-level LEVEL`, `--docs-base-url URL`.
#[derive(Debug, Args)]
pub struct LspArgs {
    #[arg(trailing_var_arg = true, allow_hyphen_values = true)]
    pub args: Vec<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorWhen {
    Auto,
    Always,
    Never,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// For people: each finding with its line, underlined, and a summary.
    Human,
    /// The stable JSON report (docs/json-output.md).
    Json,
    /// SARIF 2.1.0, for code scanning.
    Sarif,
    /// GitHub Actions annotations (workflow commands).
    Github,
    /// One line per finding, `path:line:col: severity[CODE] message`, and
    /// the summary: for grep, Vim's errorformat, Emacs' compile mode.
    Concise,
    /// A GitLab Code Quality report (JSON; error: major, warning: minor,
    /// info and hint: info).
    Gitlab,
    /// JUnit XML: a test suite per file, a failing test case per finding.
    Junit,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, ValueEnum)]
pub enum FailOn {
    Hint,
    Info,
    Warning,
    Error,
    Never,
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Files and directories to check; `-` reads standard input. Default:
    /// the current directory, or standard input with --stdin-filename.
    pub paths: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,
    /// Apply safe fixes, repeatedly, and write the files back.
    #[arg(long)]
    pub fix: bool,
    /// Also apply unsafe fixes (with --fix or --diff).
    #[arg(long)]
    pub unsafe_fixes: bool,
    /// Run only these rules: codes, prefixes or names, comma-separated, or
    /// ALL. Replaces the configuration's select, extend-select and ignore.
    #[arg(long, value_delimiter = ',', value_name = "RULES")]
    pub select: Option<Vec<String>>,
    /// Run these rules as well (e.g. O003, off by default).
    #[arg(long, value_delimiter = ',', value_name = "RULES")]
    pub extend_select: Vec<String>,
    /// Never run these rules.
    #[arg(long, value_delimiter = ',', value_name = "RULES")]
    pub ignore: Vec<String>,
    /// Show what --fix would change as a unified diff; write nothing.
    #[arg(long, conflicts_with = "fix")]
    pub diff: bool,
    /// Exit with 1 when a finding is at or above this severity.
    #[arg(long, value_enum, default_value_t = FailOn::Warning)]
    pub fail_on: FailOn,
    /// Threads that check files, the main thread among them (default: one
    /// per core); the main thread also writes the report. A file of 1 MiB
    /// or more checked with fewer files than threads uses two.
    #[arg(long, value_parser = clap::value_parser!(u16).range(1..))]
    pub threads: Option<u16>,
    /// The file name standard input stands for (for configuration and output).
    #[arg(long)]
    pub stdin_filename: Option<PathBuf>,
    /// Use this configuration file for every path instead of searching.
    #[arg(long, conflicts_with = "no_config")]
    pub config: Option<PathBuf>,
    /// Ignore every cablelint.toml; use the defaults.
    #[arg(long)]
    pub no_config: bool,
    /// Check only shard K of N (1-based) of the files, for a CI matrix: every
    /// file falls in exactly one shard, by a stable hash of its path.
    #[arg(long, value_name = "K/N")]
    pub shard: Option<crate::shard::Shard>,
    /// Never draw the progress bar (it is drawn only on a terminal, outside
    /// CI, for runs of many files).
    #[arg(long)]
    pub no_progress: bool,
    /// Check every file, reading and writing no cached results.
    #[arg(long)]
    pub no_cache: bool,
    /// Keep cached results here (also: CABLELINT_CACHE_DIR; default:
    /// `.cablelint_cache` beside the configuration file, or here).
    #[arg(long, value_name = "DIR")]
    pub cache_dir: Option<PathBuf>,
    /// Say on stderr how many files came from the cache and how many were
    /// checked.
    #[arg(long)]
    pub cache_stats: bool,
    /// Name every file's profile and how it was chosen, files without
    /// findings too (human format; otherwise only above a file's findings).
    #[arg(long)]
    pub show_profiles: bool,
    /// Print how many findings each rule made, most frequent first, instead
    /// of the findings (human and concise: a table; json: an object).
    #[arg(long, conflicts_with_all = ["diff", "show_profiles"])]
    pub statistics: bool,
}

#[derive(Debug, Args)]
pub struct ExplainArgs {
    /// A rule code (B004) or name (empty-bracket).
    #[arg(required_unless_present = "all", conflicts_with = "all")]
    pub rule: Option<String>,
    /// Every rule, one page each (needs --output-dir).
    #[arg(long, requires = "output_dir")]
    pub all: bool,
    /// Write `<CODE>.md` pages and an index here.
    #[arg(long)]
    pub output_dir: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct ListArgs {
    #[arg(long, value_enum, default_value_t = ListFormat::Human)]
    pub format: ListFormat,
}

#[derive(Debug, Args)]
pub struct ProfilesArgs {
    #[arg(long, value_enum, default_value_t = ListFormat::Human)]
    pub format: ListFormat,
    /// Also show profiles from this configuration file (default: the one
    /// found from the current directory).
    #[arg(long)]
    pub config: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct OfficialsArgs {
    /// The files to read.
    #[arg(required = true)]
    pub files: Vec<PathBuf>,
    #[arg(long, value_enum, default_value_t = ListFormat::Human)]
    pub format: ListFormat,
    /// Use this configuration file (its officials registries) for every file.
    #[arg(long, conflicts_with = "no_config")]
    pub config: Option<PathBuf>,
    /// Ignore every cablelint.toml; use the built-in registry.
    #[arg(long)]
    pub no_config: bool,
    /// Parse the officials registries, reading and writing no compiled
    /// registries in the cache.
    #[arg(long)]
    pub no_cache: bool,
    /// Keep compiled registries in this cache (as `check --cache-dir`).
    #[arg(long, value_name = "DIR")]
    pub cache_dir: Option<PathBuf>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ListFormat {
    Human,
    Json,
}
