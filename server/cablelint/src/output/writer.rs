//! Writing the rendered pieces in path order, and the report's end.

use super::{gitlab, human, json, junit, recycle, sarif, spare_buffer, Piece, RuleCounts};
use crate::cli::Format;
use crate::report::{FileReport, Summary};
use std::io::{self, Write};

/// Where a [`Piece`] goes: `Raw` writes past the stripping (the piece is
/// stripped already); `Stream` writes through it.
pub trait PieceSink: Write {
    /// Writes bytes that need no stripping, or returns false if this sink
    /// strips and so must see the raw bytes.
    fn write_stripped(&mut self, bytes: &[u8]) -> io::Result<bool>;
}

impl PieceSink for Vec<u8> {
    fn write_stripped(&mut self, _: &[u8]) -> io::Result<bool> {
        Ok(false)
    }
}

/// Writes the report of a run, one file at a time.
pub struct ReportWriter<'a> {
    out: &'a mut dyn PieceSink,
    format: Format,
    fixing: bool,
    summary: Summary,
    json: json::Stream,
    sarif: sarif::Stream,
    gitlab: gitlab::Stream,
    junit: junit::Stream,
    /// A piece ended inside an escape sequence: from there on the stream's
    /// own stripper carries the state across pieces.
    strip_in_stream: bool,
    /// `--statistics`: findings per rule, written at the end instead of
    /// the findings.
    statistics: Option<RuleCounts>,
}

impl<'a> ReportWriter<'a> {
    pub fn new(out: &'a mut dyn PieceSink, format: Format, fixing: bool) -> Self {
        ReportWriter {
            out,
            format,
            fixing,
            summary: Summary::default(),
            json: json::Stream::default(),
            sarif: sarif::Stream::new(),
            gitlab: gitlab::Stream::default(),
            junit: junit::Stream::default(),
            strip_in_stream: false,
            statistics: None,
        }
    }

    /// Writes the findings per rule at the end, and nothing per file
    /// (pieces from [`super::Renderer::counting_rules`]).
    pub fn counting_rules(mut self) -> Self {
        self.statistics = Some(RuleCounts::default());
        self
    }

    /// Writes a report [`super::Renderer::defers`], rendering it a chunk at a
    /// time (and counts it for the summary): what writing its piece writes.
    pub fn report(&mut self, report: &FileReport) -> io::Result<()> {
        debug_assert_eq!(self.format, Format::Json);
        self.summary.add(report);
        self.json.start_file(self.out)?;
        let mut chunk = spare_buffer();
        let out = &mut *self.out;
        json::write_file_in_chunks(&mut chunk, report, &mut |chunk| {
            out.write_all(chunk)?;
            chunk.clear();
            Ok(())
        })?;
        self.out.write_all(&chunk)?;
        recycle(chunk);
        Ok(())
    }

    /// Writes one rendered file (and counts it for the summary).
    pub fn piece(&mut self, piece: Piece) -> io::Result<()> {
        let written = self.write_piece(&piece);
        recycle(piece.bytes);
        written
    }

    fn write_piece(&mut self, piece: &Piece) -> io::Result<()> {
        self.summary.merge(&piece.summary);
        if let Some(statistics) = &mut self.statistics {
            statistics.merge(&piece.rules);
            return Ok(());
        }
        match self.format {
            Format::Human | Format::Github if piece.plain => {
                if self.strip_in_stream {
                    if !piece.bytes.is_empty() {
                        // The stream's stripper is inside an escape that a
                        // file's text left open. The styled rendering would
                        // start with an escape sequence, which ends it and
                        // prints nothing; so does this one.
                        self.out.write_all(b"\x1b[0m")?;
                    }
                } else if self.out.write_stripped(&piece.bytes)? {
                    return Ok(());
                }
                self.out.write_all(&piece.bytes)
            }
            Format::Human | Format::Github => {
                if let (Some(stripped), false) = (&piece.stripped, self.strip_in_stream) {
                    if self.out.write_stripped(stripped)? {
                        return Ok(());
                    }
                }
                self.strip_in_stream |= piece.stripped.is_none();
                self.out.write_all(&piece.bytes)
            }
            Format::Json => self.json.file(self.out, &piece.bytes),
            Format::Sarif => self.sarif.file(self.out, &piece.bytes, piece.results),
            Format::Concise => self.out.write_all(&piece.bytes),
            Format::Gitlab => self.gitlab.file(self.out, &piece.bytes),
            Format::Junit => self.junit.file(self.out, &piece.bytes),
        }
    }

    /// Ends the report. File errors (unreadable paths) go to stderr
    /// separately, except in SARIF and JUnit, which carry them too.
    pub fn finish(self, errors: &[String]) -> io::Result<Summary> {
        if let Some(statistics) = &self.statistics {
            if self.format == Format::Json {
                statistics.write_json(self.out, &self.summary)?;
            } else {
                statistics.write_table(self.out, self.fixing)?;
                let styled = self.format == Format::Human;
                human::write_summary(self.out, &self.summary, self.fixing, styled, errors.len())?;
            }
            self.out.flush()?;
            return Ok(self.summary);
        }
        match self.format {
            Format::Human | Format::Concise => {
                let styled = self.format == Format::Human;
                human::write_summary(self.out, &self.summary, self.fixing, styled, errors.len())?
            }
            Format::Gitlab => self.gitlab.finish(self.out)?,
            Format::Junit => self.junit.finish(self.out, errors)?,
            Format::Json => self.json.finish(self.out, &self.summary)?,
            Format::Sarif => self.sarif.finish(self.out, errors)?,
            Format::Github => {}
        }
        self.out.flush()?;
        Ok(self.summary)
    }
}
