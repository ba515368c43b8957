//! Output formats. Each writes to a stream it is given; only this crate prints.

pub mod github;
pub mod human;
pub mod json;
pub mod sarif;

use crate::cli::Format;
use crate::report::{FileReport, Summary};
use std::io::{self, Write};

/// Writes the report of a run in `format`. File errors (unreadable paths)
/// go to stderr separately, except in SARIF, which carries them too.
pub fn write(
    out: &mut dyn Write,
    format: Format,
    reports: &[FileReport],
    summary: &Summary,
    errors: &[String],
    fixing: bool,
) -> io::Result<()> {
    match format {
        Format::Human => {
            human::write_reports(out, reports)?;
            human::write_summary(out, summary, fixing)
        }
        Format::Json => json::write(out, reports, summary),
        Format::Sarif => sarif::write(out, reports, errors),
        Format::Github => github::write(out, reports),
    }
}
