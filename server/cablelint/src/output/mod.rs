//! Output formats. Each writes to a stream it is given; only this crate prints.
//!
//! Reports arrive one file at a time, in path order, and are written as they
//! come, so a run over a million files never holds them all: every format
//! streams, keeping counts (for the summary) and no per-result state.

pub mod github;
pub mod human;
pub mod json;
mod nested;
mod pretty;
pub mod sarif;

use crate::cli::Format;
use crate::report::{FileReport, Summary};
use std::io::{self, Write};

/// One file's output, rendered apart from the stream (on a worker thread),
/// with what the stream needs to place it: the writer adds only what
/// depends on the files before it (commas, the head of the document).
pub struct Piece {
    bytes: Vec<u8>,
    /// The bytes with ANSI styles stripped, when colour is off and the
    /// bytes end outside an escape sequence (so stripping them alone gives
    /// what stripping the whole stream would).
    stripped: Option<Vec<u8>>,
    /// SARIF results in `bytes`.
    results: usize,
    summary: Summary,
}

/// Renders one file's output: shared by the worker threads.
pub struct Renderer {
    format: Format,
    strip: bool,
    snippets: annotate_snippets::Renderer,
    rules: sarif::Rules,
}

impl Renderer {
    /// `strip`: ANSI styles are stripped from the stream (human format
    /// with colour off).
    pub fn new(format: Format, strip: bool) -> Self {
        Renderer {
            format,
            strip: strip && format == Format::Human,
            snippets: annotate_snippets::Renderer::styled(),
            rules: sarif::Rules::new(),
        }
    }

    pub fn render(&self, report: &FileReport) -> io::Result<Piece> {
        let mut summary = Summary::default();
        summary.add(report);
        let mut bytes = Vec::new();
        let mut results = 0;
        match self.format {
            Format::Human => human::write_report(&mut bytes, &self.snippets, report)?,
            Format::Json => json::write_file(&mut bytes, report)?,
            Format::Sarif => results = sarif::write_results(&mut bytes, &self.rules, report)?,
            Format::Github => github::write_report(&mut bytes, report)?,
        }
        let stripped = self.strip.then(|| strip_whole(&bytes)).flatten();
        Ok(Piece {
            bytes,
            stripped,
            results,
            summary,
        })
    }
}

/// `bytes` stripped of ANSI styles, if they end in the stripper's ground
/// state: a sentinel letter after them survives only there (in an escape
/// sequence or a control string it would be consumed).
fn strip_whole(bytes: &[u8]) -> Option<Vec<u8>> {
    let mut stripper = anstream::adapter::StripBytes::new();
    let mut out = Vec::with_capacity(bytes.len());
    for part in stripper.strip_next(bytes) {
        out.extend_from_slice(part);
    }
    let mut tail = Vec::new();
    for part in stripper.strip_next(b"Z") {
        tail.extend_from_slice(part);
    }
    (tail == b"Z").then_some(out)
}

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
    /// A piece ended inside an escape sequence: from there on the stream's
    /// own stripper carries the state across pieces.
    strip_in_stream: bool,
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
            strip_in_stream: false,
        }
    }

    /// Writes one rendered file (and counts it for the summary).
    pub fn piece(&mut self, piece: Piece) -> io::Result<()> {
        self.summary.merge(&piece.summary);
        match self.format {
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

#[cfg(test)]
mod tests {
    use super::strip_whole;

    #[test]
    fn a_piece_is_stripped_alone_only_when_it_ends_outside_an_escape() {
        let styled = b"\x1b[1ma.cable\x1b[0m: \xe5\x8f\x91 \xf0\xa0\x80\x8b\n";
        assert_eq!(
            strip_whole(styled).as_deref(),
            Some("a.cable: \u{53d1} \u{2000b}\n".as_bytes())
        );
        assert_eq!(strip_whole(b"text \x1b[3"), None);
        assert_eq!(strip_whole(b"text \x1b]8;;"), None);
    }
}
