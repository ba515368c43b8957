//! Each file's object written by hand, from literal pieces: byte for byte
//! what serde_json gives for the serde model (`model`; the tests compare them).

use super::CHUNK;
use crate::output::pretty::{write_escaped, write_plain_string, write_string, write_uint};
use crate::report::{FileReport, Finding, Position};
use cablelint_core::profile::Detection;
use std::io;

/// Depth of a file in the `files` array.
const FILE_INDENT: &str = "    ";

/// One file's object in the `files` array, indented, without the comma
/// that separates it from the one before: what serialising `File` with
/// serde gives, written directly from literal pieces. Every member's depth
/// in a file's object is fixed, so each line break and its indentation is
/// part of a literal: writing them token by token (a line break, then
/// the indentation of the level) was most of the cost of the output.
pub fn write_file(out: &mut Vec<u8>, report: &FileReport) -> io::Result<()> {
    write_file_with::<false>(out, report, &mut |_| Ok(()))
}

/// [`write_file`] for a big report, handed to `flush` a chunk at a time:
/// whenever `out` holds [`CHUNK`] bytes or more after a diagnostic, it is
/// flushed (and must be emptied); what is left at the end stays in `out`.
/// The 50 MB file's report (16 MB) was rendered whole before it was
/// written.
pub fn write_file_in_chunks(
    out: &mut Vec<u8>,
    report: &FileReport,
    flush: &mut dyn FnMut(&mut Vec<u8>) -> io::Result<()>,
) -> io::Result<()> {
    write_file_with::<true>(out, report, flush)
}

fn write_file_with<const CHUNKED: bool>(
    out: &mut Vec<u8>,
    report: &FileReport,
    flush: &mut dyn FnMut(&mut Vec<u8>) -> io::Result<()>,
) -> io::Result<()> {
    const _: () = assert!(FILE_INDENT.len() == 4, "the pieces below are indented by 4");
    // About what a file and its diagnostics take, so the buffer seldom grows.
    out.reserve(if CHUNKED {
        2 * CHUNK
    } else {
        512 + 1024 * report.diagnostics.len()
    });
    out.extend_from_slice(b"    {\n      \"path\": ");
    write_string(out, &report.path);
    out.extend_from_slice(b",\n      \"profile\": ");
    write_string(out, &report.profile);
    if report.diagnostics.is_empty() {
        out.extend_from_slice(b",\n      \"diagnostics\": [],\n      \"profile_detection\": ");
    } else {
        out.extend_from_slice(b",\n      \"diagnostics\": [");
        for (i, f) in report.findings().enumerate() {
            out.extend_from_slice(if i == 0 {
                b"\n        {"
            } else {
                b",\n        {"
            });
            write_diagnostic(out, &f);
            out.extend_from_slice(b"\n        }");
            if CHUNKED && out.len() >= CHUNK {
                flush(out)?;
            }
        }
        out.extend_from_slice(b"\n      ],\n      \"profile_detection\": ");
    }
    write_detection(out, &report.detection);
    out.extend_from_slice(b"\n    }");
    Ok(())
}

/// A diagnostic's members, indented by 10 (the file's indent and three
/// levels: file, `diagnostics`, the diagnostic).
fn write_diagnostic(out: &mut Vec<u8>, f: &Finding<'_>) {
    let d = &f.diagnostic;
    out.reserve(512 + d.message.len());
    // A rule's code and name and a severity need no escape (a test checks
    // every rule's).
    out.extend_from_slice(b"\n          \"code\": ");
    write_plain_string(out, d.code);
    out.extend_from_slice(b",\n          \"name\": ");
    write_plain_string(out, d.name);
    out.extend_from_slice(b",\n          \"severity\": ");
    write_plain_string(out, d.severity.as_str());
    out.extend_from_slice(b",\n          \"message\": ");
    write_string(out, &d.message);
    out.extend_from_slice(b",\n          \"range\": ");
    range_at_10(out, &f.start, &f.end);
    match &d.fix {
        None => out.extend_from_slice(b",\n          \"fix\": null"),
        Some(fix) => {
            out.extend_from_slice(b",\n          \"fix\": {\n            \"applicability\": ");
            write_plain_string(out, fix.applicability.as_str());
            out.extend_from_slice(b",\n            \"title\": ");
            write_string(out, &fix.title);
            out.extend_from_slice(b",\n            \"edits\": [");
            for (i, (edit, (start, end))) in fix.edits.iter().zip(f.edits).enumerate() {
                out.extend_from_slice(if i == 0 {
                    b"\n              {\n                \"range\": "
                } else {
                    b",\n              {\n                \"range\": "
                });
                range_at_16(out, start, end);
                out.extend_from_slice(b",\n                \"new_text\": ");
                write_string(out, &edit.new_text);
                out.extend_from_slice(b"\n              }");
            }
            out.extend_from_slice(if fix.edits.is_empty() {
                b"]\n          }"
            } else {
                b"\n            ]\n          }"
            });
        }
    }
    out.extend_from_slice(b",\n          \"related\": [");
    for (i, (related, (start, end))) in d.related.iter().zip(f.related).enumerate() {
        out.extend_from_slice(if i == 0 {
            b"\n            {\n              \"range\": "
        } else {
            b",\n            {\n              \"range\": "
        });
        range_at_14(out, start, end);
        out.extend_from_slice(b",\n              \"message\": ");
        write_string(out, &related.message);
        out.extend_from_slice(b"\n            }");
    }
    out.extend_from_slice(if d.related.is_empty() {
        b"]"
    } else {
        b"\n          ]"
    });
    if let Some(person) = &d.person {
        out.extend_from_slice(b",\n          \"person\": ");
        write_string(out, person);
    }
}

/// A function writing a range object, `{"start": {…}, "end": {…}}`, as
/// serde_json pretty-prints it as the value of a member indented by `$pad`,
/// from literal pieces.
macro_rules! range_writer {
    ($name:ident, $pad:literal) => {
        fn $name(out: &mut Vec<u8>, start: &Position, end: &Position) {
            for (head, position) in [
                (
                    concat!("{\n", $pad, "  \"start\": {\n", $pad, "    \"line\": "),
                    start,
                ),
                (
                    concat!(",\n", $pad, "  \"end\": {\n", $pad, "    \"line\": "),
                    end,
                ),
            ] {
                out.extend_from_slice(head.as_bytes());
                write_uint(out, position.line);
                out.extend_from_slice(concat!(",\n", $pad, "    \"column\": ").as_bytes());
                write_uint(out, position.column);
                out.extend_from_slice(concat!(",\n", $pad, "    \"offset\": ").as_bytes());
                write_uint(out, position.offset);
                out.extend_from_slice(concat!("\n", $pad, "  }").as_bytes());
            }
            out.extend_from_slice(concat!("\n", $pad, "}").as_bytes());
        }
    };
}

// The depths of ranges in a file's object: a diagnostic's, a related
// note's, a fix edit's.
range_writer!(range_at_10, "          ");
range_writer!(range_at_14, "              ");
range_writer!(range_at_16, "                ");

/// The `profile_detection` object, its members indented by 8.
fn write_detection(out: &mut Vec<u8>, d: &Detection) {
    let (method, markers): (_, &[String]) = detection_method(d);
    out.extend_from_slice(b"{\n        \"method\": ");
    write_plain_string(out, method);
    out.extend_from_slice(b",\n        \"markers\": [");
    // Where each marker's escaped text lies in `out` (the first few): the
    // description copies it rather than escaping the marker again.
    let mut escaped = [(0, 0); KEPT_MARKERS];
    for (i, marker) in markers.iter().enumerate() {
        out.extend_from_slice(if i == 0 {
            b"\n          "
        } else {
            b",\n          "
        });
        let start = out.len() + 1;
        write_string(out, marker);
        if let Some(range) = escaped.get_mut(i) {
            *range = (start, out.len() - 1);
        }
    }
    out.extend_from_slice(if markers.is_empty() {
        b"],\n        \"description\": "
    } else {
        b"\n        ],\n        \"description\": "
    });
    write_description(out, d, &escaped);
    out.extend_from_slice(b"\n      }");
}

/// How many markers' escaped texts [`write_detection`] keeps for the
/// description (a profile is detected from a few).
pub(super) const KEPT_MARKERS: usize = 8;

/// `Detection::describe` as a JSON string, written in pieces rather than
/// formatted first (a `format!` and a `join` a file). `escaped`: where the
/// first markers' escaped texts are in `out` already.
pub(super) fn write_description(out: &mut Vec<u8>, d: &Detection, escaped: &[(usize, usize)]) {
    let Detection::Detected { markers } = d else {
        return write_string(out, &d.describe());
    };
    out.extend_from_slice(b"\"detected from ");
    for (i, marker) in markers.iter().enumerate() {
        if i > 0 {
            out.extend_from_slice(b", ");
        }
        match escaped.get(i) {
            Some(&(start, end)) => out.extend_from_within(start..end),
            None => write_escaped(out, marker),
        }
    }
    out.push(b'"');
}

/// `directive`, `configured`, `detected` or `fallback`, and the texts that
/// voted for a detected profile.
pub(super) fn detection_method(d: &Detection) -> (&'static str, &[String]) {
    match d {
        Detection::Directive => ("directive", &[]),
        Detection::Configured => ("configured", &[]),
        Detection::Detected { markers } => ("detected", markers),
        Detection::Fallback => ("fallback", &[]),
    }
}
