//! Rendering one file's output into a [`Piece`], on the thread that
//! checked it.

use super::{concise, github, gitlab, human, json, junit, sarif, spare_buffer, Piece, RuleCounts};
use crate::cli::Format;
use crate::report::{FileReport, Summary};
use std::io;

/// Renders one file's output: shared by the worker threads.
pub struct Renderer {
    format: Format,
    strip: bool,
    /// Name the profile of files without findings too (human format).
    show_profiles: bool,
    snippets: annotate_snippets::Renderer,
    plain_snippets: annotate_snippets::Renderer,
    rules: sarif::Rules,
    /// What GitLab paths are relative to: the working directory.
    base: Option<std::path::PathBuf>,
    /// `--statistics`: only the counts per rule are kept.
    statistics: bool,
}

impl Renderer {
    /// `strip`: ANSI styles are stripped from the stream (human format
    /// with colour off).
    pub fn new(format: Format, strip: bool, show_profiles: bool) -> Self {
        Renderer {
            format,
            strip: strip && format == Format::Human,
            show_profiles,
            snippets: annotate_snippets::Renderer::styled(),
            plain_snippets: annotate_snippets::Renderer::plain(),
            rules: sarif::Rules::new(),
            base: (format == Format::Gitlab)
                .then(|| std::env::current_dir().ok())
                .flatten(),
            statistics: false,
        }
    }

    /// Counts findings per rule instead of rendering them (`--statistics`).
    pub fn counting_rules(mut self) -> Self {
        self.statistics = true;
        self
    }

    /// Whether a report is better written whole by [`super::ReportWriter::report`]
    /// than rendered into a piece: a JSON report of many diagnostics, which
    /// is then written in chunks rather than held whole.
    pub fn defers(&self, report: &FileReport) -> bool {
        self.format == Format::Json && !self.statistics && report.diagnostics.len() >= DEFER_FROM
    }

    pub fn render(&self, report: &FileReport) -> io::Result<Piece> {
        if self.statistics {
            return Ok(Piece {
                bytes: Vec::new(),
                stripped: None,
                plain: true,
                results: 0,
                summary: self.summary_of(report),
                rules: RuleCounts::of(report),
            });
        }
        if self.strip {
            if let Some(piece) = self.render_plain(report)? {
                return Ok(piece);
            }
        }
        self.render_styled(report)
    }

    /// Colour off: rendering without styles is several times cheaper than
    /// rendering with them and stripping them, and gives the same text
    /// unless the text itself holds what the stripper removes (control
    /// characters, escapes); then `None`, and the styled rendering is
    /// stripped as a stream would strip it.
    fn render_plain(&self, report: &FileReport) -> io::Result<Option<Piece>> {
        // About what a file's line and its findings take.
        let mut bytes = spare_buffer();
        bytes.reserve(128 + 512 * report.diagnostics.len());
        human::write_report(
            &mut bytes,
            &self.plain_snippets,
            report,
            false,
            self.show_profiles,
        )?;
        // (A fold, not `any`: without an early exit the loop vectorises.)
        if bytes.iter().fold(false, |any, &b| any | is_stripped(b)) {
            return Ok(None);
        }
        let summary = self.summary_of(report);
        Ok(Some(Piece {
            bytes,
            stripped: None,
            plain: true,
            results: 0,
            summary,
            rules: RuleCounts::default(),
        }))
    }

    /// The counts of one file; a profile `--show-profiles` named is not
    /// counted as unnamed.
    fn summary_of(&self, report: &FileReport) -> Summary {
        let mut summary = Summary::default();
        summary.add(report);
        if self.show_profiles {
            summary.clean_files_generic = 0;
        }
        summary
    }

    pub(super) fn render_styled(&self, report: &FileReport) -> io::Result<Piece> {
        let summary = self.summary_of(report);
        let mut bytes = spare_buffer();
        let mut results = 0;
        match self.format {
            Format::Human => {
                human::write_report(&mut bytes, &self.snippets, report, true, self.show_profiles)?
            }
            Format::Json => json::write_file(&mut bytes, report)?,
            Format::Sarif => results = sarif::write_results(&mut bytes, &self.rules, report)?,
            Format::Github => github::write_report(&mut bytes, report)?,
            Format::Concise => concise::write_report(&mut bytes, report)?,
            Format::Gitlab => gitlab::write_report(&mut bytes, report, self.base.as_deref()),
            Format::Junit => junit::write_suite(&mut bytes, report),
        }
        let stripped = self.strip.then(|| strip_whole(&bytes)).flatten();
        Ok(Piece {
            bytes,
            stripped,
            plain: false,
            results,
            summary,
            rules: RuleCounts::default(),
        })
    }
}

/// Diagnostics from which a JSON report is written in chunks (about
/// 1 MB of JSON).
pub(super) const DEFER_FROM: usize = 1024;

/// Whether ANSI stripping removes this byte of UTF-8 text outside an
/// escape sequence: C0 controls other than ASCII whitespace (ESC among
/// them) and DEL. (Every other character of valid UTF-8 is printed.)
fn is_stripped(byte: u8) -> bool {
    (byte < 0x20 && !byte.is_ascii_whitespace()) || byte == 0x7F
}

/// `bytes` stripped of ANSI styles, if they end in the stripper's ground
/// state: a sentinel letter after them survives only there (in an escape
/// sequence or a control string it would be consumed).
pub(super) fn strip_whole(bytes: &[u8]) -> Option<Vec<u8>> {
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
