//! A progress bar for long runs: on standard error, only when it is a
//! terminal while the report goes elsewhere (a file, a pipe: a report
//! streaming to the terminal shows progress by itself and would tear the
//! bar), not under CI, and only for enough files to be worth watching.

use indicatif::{ProgressBar, ProgressStyle};
use std::io::IsTerminal;

/// Fewer files than this finish before a bar would be read.
const MIN_FILES: usize = 500;

/// Whether to draw a bar: pure, so the decision is testable.
pub fn wanted(
    files: usize,
    stderr_is_terminal: bool,
    report_to_terminal: bool,
    under_ci: bool,
    disabled: bool,
) -> bool {
    files >= MIN_FILES && stderr_is_terminal && !report_to_terminal && !under_ci && !disabled
}

/// A bar for `files` files, or none: a hidden indicatif bar still reads
/// the clock and takes a lock on every `inc`, for nothing.
pub fn bar(files: usize, disabled: bool) -> Option<ProgressBar> {
    let under_ci = std::env::var_os("CI").is_some();
    let shown = wanted(
        files,
        std::io::stderr().is_terminal(),
        std::io::stdout().is_terminal(),
        under_ci,
        disabled,
    );
    if !shown {
        return None;
    }
    let bar = ProgressBar::new(files as u64);
    if let Ok(style) =
        ProgressStyle::with_template("{bar:40} {pos}/{len} files {per_sec} eta {eta}")
    {
        bar.set_style(style);
    }
    Some(bar)
}

#[cfg(test)]
mod tests {
    use super::wanted;

    #[test]
    fn drawn_only_for_long_runs_watched_on_a_terminal_outside_ci() {
        assert!(
            wanted(10_000, true, false, false, false),
            "report to a file"
        );
        assert!(!wanted(10, true, false, false, false), "a short run");
        assert!(
            !wanted(10_000, false, false, false, false),
            "stderr not a terminal"
        );
        assert!(
            !wanted(10_000, true, true, false, false),
            "report on the terminal"
        );
        assert!(!wanted(10_000, true, false, true, false), "under CI");
        assert!(!wanted(10_000, true, false, false, true), "--no-progress");
    }
}
