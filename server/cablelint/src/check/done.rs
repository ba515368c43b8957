//! A file's outcome made ready to write, and whether it fails the run.

use super::process::Outcome;
use super::Mode;
use crate::cli::FailOn;
use crate::output;
use crate::report::FileReport;
use cablelint_core::Severity;

/// An [`Outcome`] made ready to write on the thread that checked the file:
/// the report is rendered (and dropped), so writing is only copying bytes.
pub(super) struct Done {
    pub(super) rendered: Option<Rendered>,
    pub(super) errors: Vec<String>,
    pub(super) fixed_stdin: Option<Vec<u8>>,
    pub(super) from_cache: bool,
    /// The file has a finding at or above `--fail-on`.
    pub(super) fails: bool,
}

pub(super) enum Rendered {
    /// `--diff`: the diff and how many fixes it shows, if any.
    Diff(Option<(String, usize)>),
    Piece(std::io::Result<output::Piece>),
    /// A report the writer renders as it writes it (a big one).
    Deferred(Box<FileReport>),
}

impl Done {
    pub(super) fn of(
        outcome: Outcome,
        mode: Mode,
        renderer: &output::Renderer,
        fail_on: FailOn,
    ) -> Done {
        let fails = outcome.report.as_ref().is_some_and(|r| fails(r, fail_on));
        let rendered = outcome.report.map(|mut report| {
            let rendered = match mode {
                Mode::Diff(_) => Rendered::Diff(report.diff.take()),
                Mode::Check | Mode::Fix(_) if renderer.defers(&report) => {
                    // Its writing needs neither the text nor its lines.
                    report.lines = None;
                    recycle_text(&mut report);
                    return Rendered::Deferred(Box::new(report));
                }
                Mode::Check | Mode::Fix(_) => Rendered::Piece(renderer.render(&report)),
            };
            recycle_text(&mut report);
            rendered
        });
        Done {
            rendered,
            errors: outcome.errors,
            fixed_stdin: outcome.fixed_stdin,
            from_cache: outcome.from_cache,
            fails,
        }
    }
}

/// The text's buffer takes the next file this thread reads.
fn recycle_text(report: &mut FileReport) {
    if let Some(text) = report.text.take() {
        crate::read::recycle(text.into_bytes());
    }
}

fn fails(report: &FileReport, fail_on: FailOn) -> bool {
    let threshold = match fail_on {
        FailOn::Never => return false,
        FailOn::Hint => Severity::Hint,
        FailOn::Info => Severity::Info,
        FailOn::Warning => Severity::Warning,
        FailOn::Error => Severity::Error,
    };
    report.diagnostics.iter().any(|d| d.severity >= threshold)
}
