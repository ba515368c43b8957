//! Output formats. Each writes to a stream it is given; only this crate prints.
//!
//! Reports arrive one file at a time, in path order, and are written as they
//! come, so a run over a million files never holds them all: every format
//! streams, keeping counts (for the summary) and no per-result state.

pub mod github;
pub mod human;
pub mod json;
mod nested;
pub mod sarif;

use crate::cli::Format;
use crate::report::{FileReport, Summary};
use std::io::{self, Write};

/// Writes the report of a run, one file at a time.
pub struct ReportWriter<'a> {
    out: &'a mut dyn Write,
    format: Format,
    fixing: bool,
    summary: Summary,
    renderer: annotate_snippets::Renderer,
    json: json::Stream,
    sarif: sarif::Stream,
}

impl<'a> ReportWriter<'a> {
    pub fn new(out: &'a mut dyn Write, format: Format, fixing: bool) -> Self {
        ReportWriter {
            out,
            format,
            fixing,
            summary: Summary::default(),
            renderer: annotate_snippets::Renderer::styled(),
            json: json::Stream::default(),
            sarif: sarif::Stream::new(),
        }
    }

    /// Writes one file's findings (and counts them for the summary).
    pub fn file(&mut self, report: &FileReport) -> io::Result<()> {
        self.summary.add(report);
        match self.format {
            Format::Human => human::write_report(self.out, &self.renderer, report),
            Format::Json => self.json.file(self.out, report),
            Format::Sarif => self.sarif.file(self.out, report),
            Format::Github => github::write_report(self.out, report),
        }
    }

    /// Ends the report. File errors (unreadable paths) go to stderr
    /// separately, except in SARIF, which carries them too.
    pub fn finish(self, errors: &[String]) -> io::Result<Summary> {
        match self.format {
            Format::Human => human::write_summary(self.out, &self.summary, self.fixing)?,
            Format::Json => self.json.finish(self.out, &self.summary)?,
            Format::Sarif => self.sarif.finish(self.out, errors)?,
            Format::Github => {}
        }
        self.out.flush()?;
        Ok(self.summary)
    }
}
