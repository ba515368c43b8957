//! Output formats. Each writes to a stream it is given; only this crate prints.
//!
//! Reports arrive one file at a time, in path order, and are written as they
//! come, so a run over a million files never holds them all: every format
//! streams, keeping counts (for the summary) and no per-result state.

pub mod concise;
pub mod github;
pub mod gitlab;
pub mod human;
pub mod json;
pub mod junit;
mod nested;
mod pretty;
pub mod sarif;
mod snippet_plain;

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
    /// `bytes` are plain text that stripping would leave as they are: what
    /// stripping the styled rendering gives, rendered without styles.
    plain: bool,
    /// SARIF results in `bytes`.
    results: usize,
    summary: Summary,
}

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
        }
    }

    /// Whether a report is better written whole by [`ReportWriter::report`]
    /// than rendered into a piece: a JSON report of many diagnostics, which
    /// is then written in chunks rather than held whole.
    pub fn defers(&self, report: &FileReport) -> bool {
        self.format == Format::Json && report.diagnostics.len() >= DEFER_FROM
    }

    pub fn render(&self, report: &FileReport) -> io::Result<Piece> {
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

    fn render_styled(&self, report: &FileReport) -> io::Result<Piece> {
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
        })
    }
}

/// Diagnostics from which a JSON report is written in chunks (about
/// 1 MB of JSON).
const DEFER_FROM: usize = 1024;

thread_local! {
    /// The buffer of the last piece this thread wrote, empty: the next
    /// piece it renders is rendered into it, not into a new one. (With one
    /// thread, every piece; with more, those this thread renders.)
    static SPARE: std::cell::Cell<Vec<u8>> = const { std::cell::Cell::new(Vec::new()) };
}

/// Larger buffers (a big file's report) are freed, not kept.
const MAX_SPARE: usize = 1 << 20;

fn spare_buffer() -> Vec<u8> {
    SPARE.take()
}

/// Keeps a written piece's buffer for this thread's next piece.
fn recycle(mut bytes: Vec<u8>) {
    if bytes.capacity() <= MAX_SPARE {
        bytes.clear();
        SPARE.set(bytes);
    }
}

/// Whether ANSI stripping removes this byte of UTF-8 text outside an
/// escape sequence: C0 controls other than ASCII whitespace (ESC among
/// them) and DEL. (Every other character of valid UTF-8 is printed.)
fn is_stripped(byte: u8) -> bool {
    (byte < 0x20 && !byte.is_ascii_whitespace()) || byte == 0x7F
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
    gitlab: gitlab::Stream,
    junit: junit::Stream,
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
            gitlab: gitlab::Stream::default(),
            junit: junit::Stream::default(),
            strip_in_stream: false,
        }
    }

    /// Writes a report [`Renderer::defers`], rendering it a chunk at a
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

#[cfg(test)]
mod tests {
    use super::*;

    /// A stream that strips ANSI styles as `cablelint check` does with
    /// colour off.
    struct Stripping {
        out: Vec<u8>,
        stripper: anstream::adapter::StripBytes,
    }

    impl Write for Stripping {
        fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
            for printable in self.stripper.strip_next(buf) {
                self.out.extend_from_slice(printable);
            }
            Ok(buf.len())
        }
        fn flush(&mut self) -> io::Result<()> {
            Ok(())
        }
    }

    impl PieceSink for Stripping {
        fn write_stripped(&mut self, bytes: &[u8]) -> io::Result<bool> {
            self.out.extend_from_slice(bytes);
            Ok(true)
        }
    }

    /// Every report as the human format writes it with colour off, its
    /// pieces rendered plain where they can be or else styled (`plain`),
    /// or always styled and stripped, as before plain rendering.
    fn human_without_colour(reports: &[FileReport], plain: bool) -> Vec<u8> {
        let renderer = Renderer::new(Format::Human, true, true);
        let mut sink = Stripping {
            out: Vec::new(),
            stripper: anstream::adapter::StripBytes::default(),
        };
        let mut writer = ReportWriter::new(&mut sink, Format::Human, false);
        for report in reports {
            let piece = if plain {
                renderer.render(report)
            } else {
                renderer.render_styled(report)
            };
            writer.piece(piece.unwrap()).unwrap();
        }
        writer.finish(&[]).unwrap();
        sink.out
    }

    /// A report whose styled rendering ends inside an escape (an OSC
    /// string its last note opens), which the stream's stripper then
    /// carries into the reports after it.
    fn leaves_an_escape_open() -> FileReport {
        let mut r = FileReport::of_text("open.cable", "TO: X\n\nThe (text [is\n");
        r.edit_findings(|findings| {
            let last = findings.last_mut().expect("findings");
            last.diagnostic.related.push(cablelint_core::Related {
                span: last.diagnostic.span,
                message: "note \u{1b}]8;;open".into(),
            });
            last.related.push((last.start, last.end));
        });
        r
    }

    /// Plain rendering gives what stripping the styled rendering gave,
    /// byte for byte: with CJK, astral characters, tabs, CRLF and long
    /// lines, control characters in names and text, and after a report
    /// that leaves an escape open in the stream.
    #[test]
    fn plain_rendering_is_the_styled_rendering_stripped() {
        let body = "TO: X\r\n\r\nThe (text [is\r\n姬鹏飞 𠀋 [] tab\there “quoted.\r\n";
        let long = format!("{}[] {}\n", "word ".repeat(300), "词".repeat(200));
        let clean = || {
            vec![
                FileReport::of_text("a.cable", body),
                FileReport::of_text("b 𠀋.cable", "clean\n"),
                FileReport::of_text("c.cable", &long),
                FileReport::of_text("d.cable", "% cablelint: profile = nonesuch\n[ ] ...\n"),
            ]
        };
        let with_controls = || {
            vec![
                FileReport::of_text("ctl \u{1}\u{1b}[31m\u{7f}\ttab.cable", body),
                FileReport::of_text("bell.cable", "text \u{7} [] \u{1b}[1m\n"),
            ]
        };
        let renderer = Renderer::new(Format::Human, true, true);
        let open = leaves_an_escape_open();
        assert!(renderer.render_styled(&open).unwrap().stripped.is_none());
        let sets: Vec<Vec<FileReport>> = vec![
            clean(),
            with_controls().into_iter().chain(clean()).collect(),
            std::iter::once(leaves_an_escape_open())
                .chain(clean())
                .collect(),
            clean()
                .into_iter()
                .chain([leaves_an_escape_open()])
                .chain(with_controls())
                .chain(clean())
                .collect(),
        ];
        for reports in sets {
            let plain = human_without_colour(&reports, true);
            let styled = human_without_colour(&reports, false);
            assert_eq!(
                String::from_utf8_lossy(&plain),
                String::from_utf8_lossy(&styled)
            );
            assert_eq!(plain, styled);
        }
        assert!(renderer.render(&clean()[0]).unwrap().plain);
        assert!(!renderer.render(&with_controls()[0]).unwrap().plain);
    }

    /// A piece rendered into the buffer of a longer one written before it
    /// holds its own bytes only, in every format.
    #[test]
    fn a_recycled_buffer_holds_only_the_next_piece() {
        let long = FileReport::of_text(
            "long 𠀋.cable",
            &"TO: X\r\n\r\nThe (text [is 姬\n".repeat(40),
        );
        let short = FileReport::of_text("s.cable", "TO: X\n\n[]\n");
        for format in [
            Format::Human,
            Format::Json,
            Format::Sarif,
            Format::Github,
            Format::Concise,
            Format::Gitlab,
            Format::Junit,
        ] {
            let renderer = Renderer::new(format, false, true);
            // On a thread of its own: a buffer that held nothing before.
            let alone = std::thread::scope(|s| {
                s.spawn(|| renderer.render(&short).unwrap().bytes)
                    .join()
                    .unwrap()
            });
            let mut sink = Vec::new();
            let mut writer = ReportWriter::new(&mut sink, format, false);
            let first = renderer.render(&long).unwrap();
            let long_len = first.bytes.len();
            writer.piece(first).unwrap();
            let after = renderer.render(&short).unwrap();
            assert!(after.bytes.capacity() >= long_len, "{format:?}: reused");
            assert_eq!(after.bytes, alone, "{format:?}");
        }
    }

    /// A big JSON report written by `ReportWriter::report`, a chunk at a
    /// time, comes out as its piece would, between other files.
    #[test]
    fn a_deferred_report_is_written_as_its_piece_is() {
        let big = FileReport::of_text(
            "big 𠀋.cable",
            &("TO: X\n\n".to_owned() + &"[] 姬 \"q\"\r\n".repeat(DEFER_FROM + 100)),
        );
        let small = FileReport::of_text("s.cable", "TO: X\n\n[]\n");
        let renderer = Renderer::new(Format::Json, false, true);
        assert!(renderer.defers(&big) && !renderer.defers(&small));
        assert!(!Renderer::new(Format::Human, false, true).defers(&big));
        let write = |deferring: bool| {
            let mut sink = Vec::new();
            let mut writer = ReportWriter::new(&mut sink, Format::Json, false);
            for r in [&small, &big, &small, &big] {
                if deferring && renderer.defers(r) {
                    writer.report(r).unwrap();
                } else {
                    writer.piece(renderer.render(r).unwrap()).unwrap();
                }
            }
            let summary = writer.finish(&[]).unwrap();
            assert_eq!(summary.files, 4);
            String::from_utf8(sink).unwrap()
        };
        let (deferred, pieces) = (write(true), write(false));
        assert!(deferred.len() > 2 * json::CHUNK);
        assert_eq!(deferred, pieces);
    }

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
