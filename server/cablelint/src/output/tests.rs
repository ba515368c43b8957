use super::render::{strip_whole, DEFER_FROM};
use super::*;
use crate::cli::Format;
use crate::report::FileReport;
use std::io::{self, Write};

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
