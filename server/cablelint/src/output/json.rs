//! The stable JSON output (version 1), documented in docs/json-output.md.
//! Other tools read it: add keys if needed, never rename or remove one.
//!
//! Each file's object is written by hand ([`write_file`]); the serde model
//! below (test builds only) is the oracle it is compared with, byte for
//! byte, in the tests.

use super::pretty::{write_escaped, write_plain_string, write_string, write_uint};
use crate::report::{FileReport, Finding, Position, Summary};
use cablelint_core::profile::Detection;
use serde::Serialize;
use std::io::{self, Write};

pub const VERSION: u32 = 1;
/// Depth of a file in the `files` array.
const FILE_INDENT: &str = "    ";

/// The whole document, as [`Stream`] writes it piece by piece.
#[cfg(test)]
#[derive(Serialize)]
struct Output<'a> {
    version: u32,
    files: Vec<File<'a>>,
    summary: JsonSummary,
}

#[cfg(test)]
#[derive(Serialize)]
struct File<'a> {
    path: &'a str,
    profile: &'a str,
    diagnostics: Diagnostics<'a>,
    profile_detection: JsonDetection<'a>,
}

/// A file's findings, converted one at a time as they are serialised.
#[cfg(test)]
struct Diagnostics<'a>(&'a FileReport);

#[cfg(test)]
impl Serialize for Diagnostics<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.0.findings().map(diagnostic))
    }
}

#[cfg(test)]
#[derive(Serialize)]
struct JsonDetection<'a> {
    /// `directive`, `configured`, `detected` or `fallback`.
    method: &'static str,
    /// The texts that voted for a detected profile.
    markers: &'a [String],
    description: String,
}

#[cfg(test)]
#[derive(Serialize)]
struct JsonDiagnostic<'a> {
    code: &'a str,
    name: &'a str,
    severity: &'a str,
    message: &'a str,
    range: Range,
    fix: Option<JsonFix<'a>>,
    related: Vec<JsonRelated<'a>>,
    /// Registry id of the official an O finding is about; absent otherwise.
    #[serde(skip_serializing_if = "Option::is_none")]
    person: Option<&'a str>,
}

#[cfg(test)]
#[derive(Serialize)]
struct Range {
    start: JsonPosition,
    end: JsonPosition,
}

#[cfg(test)]
#[derive(Serialize)]
struct JsonPosition {
    line: usize,
    column: usize,
    offset: usize,
}

#[cfg(test)]
#[derive(Serialize)]
struct JsonFix<'a> {
    applicability: &'a str,
    title: &'a str,
    edits: Vec<JsonEdit<'a>>,
}

#[cfg(test)]
#[derive(Serialize)]
struct JsonEdit<'a> {
    range: Range,
    new_text: &'a str,
}

#[cfg(test)]
#[derive(Serialize)]
struct JsonRelated<'a> {
    range: Range,
    message: &'a str,
}

#[derive(Serialize)]
struct JsonSummary {
    files: usize,
    files_with_diagnostics: usize,
    diagnostics: usize,
    errors: usize,
    warnings: usize,
    infos: usize,
    hints: usize,
    fixable: usize,
    fixable_unsafe: usize,
    fixes_applied: usize,
}

#[cfg(test)]
fn position(p: &Position) -> JsonPosition {
    JsonPosition {
        line: p.line,
        column: p.column,
        offset: p.offset,
    }
}

#[cfg(test)]
fn range(start: &Position, end: &Position) -> Range {
    Range {
        start: position(start),
        end: position(end),
    }
}

#[cfg(test)]
fn detection(d: &Detection) -> JsonDetection<'_> {
    let (method, markers) = detection_method(d);
    JsonDetection {
        method,
        markers,
        description: d.describe(),
    }
}

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

/// How many bytes [`write_file_in_chunks`] gathers before it flushes.
pub const CHUNK: usize = 64 * 1024;

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
const KEPT_MARKERS: usize = 8;

/// `Detection::describe` as a JSON string, written in pieces rather than
/// formatted first (a `format!` and a `join` a file). `escaped`: where the
/// first markers' escaped texts are in `out` already.
fn write_description(out: &mut Vec<u8>, d: &Detection, escaped: &[(usize, usize)]) {
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
fn detection_method(d: &Detection) -> (&'static str, &[String]) {
    match d {
        Detection::Directive => ("directive", &[]),
        Detection::Configured => ("configured", &[]),
        Detection::Detected { markers } => ("detected", markers),
        Detection::Fallback => ("fallback", &[]),
    }
}

/// Writes the JSON document piece by piece, byte for byte what serialising
/// the whole `Output` at once would give, without holding every file.
#[derive(Default)]
pub struct Stream {
    files: usize,
}

impl Stream {
    /// Writes one file's object, as [`write_file`] rendered it.
    pub fn file(&mut self, out: &mut dyn Write, rendered: &[u8]) -> io::Result<()> {
        self.start_file(out)?;
        out.write_all(rendered)
    }

    /// Writes what comes before a file's object: the object follows.
    pub fn start_file(&mut self, out: &mut dyn Write) -> io::Result<()> {
        out.write_all(if self.files == 0 {
            b"{\n  \"version\": 1,\n  \"files\": [\n"
        } else {
            b",\n"
        })?;
        self.files += 1;
        Ok(())
    }

    pub fn finish(self, out: &mut dyn Write, summary: &Summary) -> io::Result<()> {
        out.write_all(if self.files == 0 {
            b"{\n  \"version\": 1,\n  \"files\": [],\n"
        } else {
            b"\n  ],\n"
        })?;
        let pretty =
            serde_json::to_string_pretty(&json_summary(summary)).map_err(io::Error::other)?;
        write!(out, "  \"summary\": {}\n}}\n", pretty.replace('\n', "\n  "))
    }
}

const _: () = assert!(VERSION == 1, "Stream writes the version literally");

#[cfg(test)]
fn file(r: &FileReport) -> File<'_> {
    File {
        path: &r.path,
        profile: &r.profile,
        profile_detection: detection(&r.detection),
        diagnostics: Diagnostics(r),
    }
}

#[cfg(test)]
fn diagnostic(f: Finding<'_>) -> JsonDiagnostic<'_> {
    let d = f.diagnostic;
    JsonDiagnostic {
        code: d.code,
        name: d.name,
        severity: d.severity.as_str(),
        message: &d.message,
        range: range(&f.start, &f.end),
        fix: d.fix.as_ref().map(|fix| JsonFix {
            applicability: fix.applicability.as_str(),
            title: &fix.title,
            edits: fix
                .edits
                .iter()
                .zip(f.edits)
                .map(|(e, (s, t))| JsonEdit {
                    range: range(s, t),
                    new_text: &e.new_text,
                })
                .collect(),
        }),
        related: d
            .related
            .iter()
            .zip(f.related)
            .map(|(r, (s, t))| JsonRelated {
                range: range(s, t),
                message: &r.message,
            })
            .collect(),
        person: d.person.as_deref(),
    }
}

fn json_summary(summary: &Summary) -> JsonSummary {
    {
        JsonSummary {
            files: summary.files,
            files_with_diagnostics: summary.files_with_findings,
            diagnostics: summary.findings(),
            errors: summary.errors,
            warnings: summary.warnings,
            infos: summary.infos,
            hints: summary.hints,
            fixable: summary.fixable_safe,
            fixable_unsafe: summary.fixable_unsafe,
            fixes_applied: summary.fixes_applied,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::FileReport;
    use cablelint_core::lint::{check, CheckOptions};
    use cablelint_core::SourceText;

    fn report(path: &str, text: &str) -> FileReport {
        let result = check(SourceText::from_str(text), &CheckOptions::default());
        FileReport::new(path.into(), text.as_bytes(), result, 0)
    }

    /// A report handed out in chunks, put together, is the report
    /// rendered whole; each chunk but the last is at least `CHUNK` long.
    #[test]
    fn a_report_in_chunks_is_the_report_whole() {
        let text = "TO: X\n\n".to_owned() + &"[] 姬 \"q\" 𠀋\r\n".repeat(300);
        let r = report("a.cable", &text);
        let mut whole = Vec::new();
        write_file(&mut whole, &r).unwrap();
        assert!(whole.len() > 3 * CHUNK, "{}", whole.len());
        let (mut out, mut joined, mut flushes) = (Vec::new(), Vec::new(), 0);
        write_file_in_chunks(&mut out, &r, &mut |chunk| {
            assert!(chunk.len() >= CHUNK);
            joined.extend_from_slice(chunk);
            chunk.clear();
            flushes += 1;
            Ok(())
        })
        .unwrap();
        joined.extend_from_slice(&out);
        assert!(flushes >= 3, "{flushes}");
        assert_eq!(
            String::from_utf8(joined).unwrap(),
            String::from_utf8(whole).unwrap()
        );
    }

    fn streamed(reports: &[FileReport]) -> (String, String) {
        let mut summary = Summary::default();
        let mut out = Vec::new();
        let mut stream = Stream::default();
        for r in reports {
            summary.add(r);
            let mut rendered = Vec::new();
            write_file(&mut rendered, r).unwrap();
            stream.file(&mut out, &rendered).unwrap();
        }
        stream.finish(&mut out, &summary).unwrap();
        let whole = Output {
            version: VERSION,
            files: reports.iter().map(file).collect(),
            summary: json_summary(&summary),
        };
        let expected = serde_json::to_string_pretty(&whole).unwrap() + "\n";
        (String::from_utf8(out).unwrap(), expected)
    }

    /// What `write_plain_string` writes unescaped: every rule's code and
    /// name, every severity.
    #[test]
    fn codes_names_and_severities_need_no_escape() {
        use cablelint_core::{Applicability, Severity};
        let severities = [
            Severity::Hint,
            Severity::Info,
            Severity::Warning,
            Severity::Error,
        ];
        let metas = cablelint_core::rules::all().iter().map(|r| r.meta());
        let detections = [
            Detection::Directive,
            Detection::Configured,
            Detection::Detected { markers: vec![] },
            Detection::Fallback,
        ];
        let texts = metas
            .flat_map(|m| [m.code, m.name])
            .chain(severities.iter().map(|s| s.as_str()))
            .chain([Applicability::Safe, Applicability::Unsafe].map(|a| a.as_str()))
            .chain(detections.iter().map(|d| detection_method(d).0));
        for text in texts {
            let (mut plain, mut escaped) = (Vec::new(), Vec::new());
            write_plain_string(&mut plain, text);
            write_string(&mut escaped, text);
            assert_eq!(plain, escaped, "{text}");
        }
    }

    #[test]
    fn streaming_writes_exactly_the_whole_document() {
        let (got, expected) = streamed(&[]);
        assert_eq!(got, expected);
        let reports = [
            report("a.cable", "TO: X\n\nThe (text [is\nmulti-line \"quoted\\\n"),
            report("b 𠀋.cable", "clean\r\n"),
            report("c.cable", "[ ] 姬鹏飞 (\r\n"),
        ];
        let (got, expected) = streamed(&reports);
        assert_eq!(got, expected);
        assert!(got.contains("\"code\""), "{got}");
    }

    /// The description written in pieces is `Detection::describe` escaped
    /// (the oracle), for every way of choosing and any markers.
    #[test]
    fn a_description_is_what_describe_gives() {
        let markers = |m: &[&str]| Detection::Detected {
            markers: m.iter().map(|s| s.to_string()).collect(),
        };
        for d in [
            Detection::Directive,
            Detection::Configured,
            Detection::Fallback,
            markers(&[]),
            markers(&["PRC Ministry of Foreign Affairs"]),
            markers(&["发往", "\"q\" \\ \u{1b}\n", "𠀋\u{2028}", ""]),
        ] {
            let (mut pieces, mut whole) = (Vec::new(), Vec::new());
            write_description(&mut pieces, &d, &[]);
            write_string(&mut whole, &d.describe());
            assert_eq!(
                String::from_utf8(pieces).unwrap(),
                String::from_utf8(whole).unwrap()
            );
        }
    }

    /// Every shape a file's object takes: no findings, a fix without
    /// edits, no related notes, each way of choosing the profile (markers
    /// or none), one finding or several.
    #[test]
    fn every_shape_of_a_file_is_written_as_serde_json_writes_it() {
        use cablelint_core::{Applicability, Fix};
        let text = "TO: X\n\nThe (text [is\nmulti-line \"quoted\\\n";
        let mut reports = Vec::new();
        for detection in [
            Detection::Directive,
            Detection::Configured,
            Detection::Detected { markers: vec![] },
            Detection::Detected {
                markers: vec!["one".to_owned()],
            },
            Detection::Fallback,
        ] {
            let mut r = report("a.cable", text);
            r.detection = detection;
            assert!(r.diagnostics.len() > 1);
            let mut one = Vec::new();
            r.edit_findings(|findings| {
                let first = &mut findings[0];
                first.diagnostic.fix = Some(Fix {
                    title: "Nothing to do".to_owned(),
                    applicability: Applicability::Safe,
                    edits: Vec::new(),
                });
                first.edits.clear();
                first.diagnostic.related.clear();
                first.related.clear();
                one = findings[..1].to_vec();
            });
            reports.push(r);
            let mut single = report("b.cable", text);
            single.edit_findings(|findings| *findings = one);
            reports.push(single);
            let mut clean = report("c.cable", "clean\n");
            clean.edit_findings(Vec::clear);
            reports.push(clean);
        }
        let (got, expected) = streamed(&reports);
        assert_eq!(got, expected);
    }

    /// Text that needs escaping, in every string the writer writes: the
    /// path, the profile, messages, fix titles and texts, related
    /// messages, the person, detection markers.
    #[test]
    fn every_string_is_escaped_as_serde_json_escapes_it() {
        use cablelint_core::{Applicability, Edit, Fix, Related, Span};
        const AWKWARD: &str =
            "姬鹏飞 𠀋 \"q\" back\\slash \u{0}\u{8}\t\n\u{c}\r\u{1b}\u{1f}\u{7f} \u{FFFD}\u{2028}";
        let mut r = report(&format!("dir/{AWKWARD}.cable"), "TO: X\n\nThe (text [is\n");
        r.profile = format!("p{AWKWARD}").into();
        r.detection = Detection::Detected {
            markers: vec![AWKWARD.to_owned(), "\"".to_owned()],
        };
        r.edit_findings(|findings| {
            let template = findings[0].clone();
            let mut finding = template.clone();
            let d = &mut finding.diagnostic;
            d.message = AWKWARD.to_owned();
            d.person = Some(format!("person {AWKWARD}"));
            d.fix = Some(Fix {
                title: AWKWARD.to_owned(),
                applicability: Applicability::Unsafe,
                edits: vec![
                    Edit::replace(Span::new(0, 1), AWKWARD),
                    Edit::insert(2, "\\\r\n"),
                ],
            });
            d.related = vec![
                Related {
                    span: Span::new(0, 1),
                    message: AWKWARD.to_owned(),
                },
                Related {
                    span: Span::new(1, 2),
                    message: String::new(),
                },
            ];
            finding.edits = vec![(template.start, template.end); 2];
            finding.related = vec![(template.start, template.end); 2];
            findings.push(finding);
        });
        // More markers than the description copies: the last are escaped
        // again.
        let mut many = report("many.cable", "TO: X\n");
        many.detection = Detection::Detected {
            markers: (0..KEPT_MARKERS + 3)
                .map(|i| format!("{i} {AWKWARD}"))
                .collect(),
        };
        let (got, expected) = streamed(&[r, many]);
        assert_eq!(got, expected);
        assert!(got.contains("\\u001b"), "{got}");
        assert!(got.contains("\"person\""), "{got}");
        let parsed: serde_json::Value = serde_json::from_str(&got).unwrap();
        let diagnostics = parsed["files"][0]["diagnostics"].as_array().unwrap();
        assert_eq!(diagnostics.last().unwrap()["message"], AWKWARD);
        assert_eq!(parsed["files"][0]["path"], format!("dir/{AWKWARD}.cable"));
    }
}
