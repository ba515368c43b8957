//! The stable JSON output (version 1), documented in docs/json-output.md.
//! Other tools read it: add keys if needed, never rename or remove one.

use super::nested;
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

#[derive(Serialize)]
struct File<'a> {
    path: &'a str,
    profile: &'a str,
    diagnostics: Diagnostics<'a>,
    profile_detection: JsonDetection<'a>,
}

/// A file's findings, converted one at a time as they are written: a file
/// with 100,000 findings holds no second copy of them.
struct Diagnostics<'a>(&'a [Finding]);

impl Serialize for Diagnostics<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.0.iter().map(diagnostic))
    }
}

#[derive(Serialize)]
struct JsonDetection<'a> {
    /// `directive`, `configured`, `detected` or `fallback`.
    method: &'static str,
    /// The texts that voted for a detected profile.
    markers: &'a [String],
    description: String,
}

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

#[derive(Serialize)]
struct Range {
    start: JsonPosition,
    end: JsonPosition,
}

#[derive(Serialize)]
struct JsonPosition {
    line: usize,
    column: usize,
    offset: usize,
}

#[derive(Serialize)]
struct JsonFix<'a> {
    applicability: &'a str,
    title: &'a str,
    edits: Vec<JsonEdit<'a>>,
}

#[derive(Serialize)]
struct JsonEdit<'a> {
    range: Range,
    new_text: &'a str,
}

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

fn position(p: &Position) -> JsonPosition {
    JsonPosition {
        line: p.line,
        column: p.column,
        offset: p.offset,
    }
}

fn range(start: &Position, end: &Position) -> Range {
    Range {
        start: position(start),
        end: position(end),
    }
}

fn detection(d: &Detection) -> JsonDetection<'_> {
    let (method, markers): (_, &[String]) = match d {
        Detection::Directive => ("directive", &[]),
        Detection::Configured => ("configured", &[]),
        Detection::Detected { markers } => ("detected", markers),
        Detection::Fallback => ("fallback", &[]),
    };
    JsonDetection {
        method,
        markers,
        description: d.describe(),
    }
}

/// One file's object in the `files` array, indented, without the comma
/// that separates it from the one before.
pub fn write_file(out: &mut Vec<u8>, report: &FileReport) -> io::Result<()> {
    out.extend_from_slice(FILE_INDENT.as_bytes());
    nested::serialize_into(out, FILE_INDENT, &file(report))
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
        out.write_all(if self.files == 0 {
            b"{\n  \"version\": 1,\n  \"files\": [\n"
        } else {
            b",\n"
        })?;
        self.files += 1;
        out.write_all(rendered)
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

fn file(r: &FileReport) -> File<'_> {
    File {
        path: &r.path,
        profile: &r.profile,
        profile_detection: detection(&r.detection),
        diagnostics: Diagnostics(&r.findings),
    }
}

fn diagnostic(f: &Finding) -> JsonDiagnostic<'_> {
    let d = &f.diagnostic;
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
                .zip(&f.edits)
                .map(|(e, (s, t))| JsonEdit {
                    range: range(s, t),
                    new_text: &e.new_text,
                })
                .collect(),
        }),
        related: d
            .related
            .iter()
            .zip(&f.related)
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
}
