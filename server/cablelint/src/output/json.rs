//! The stable JSON output (version 1), documented in docs/json-output.md.
//! Other tools read it: add keys if needed, never rename or remove one.

use crate::report::{FileReport, Position, Summary};
use cablelint_core::profile::Detection;
use serde::Serialize;
use std::io::{self, Write};

pub const VERSION: u32 = 1;

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
    diagnostics: Vec<JsonDiagnostic<'a>>,
    profile_detection: JsonDetection<'a>,
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

pub fn write(out: &mut dyn Write, reports: &[FileReport], summary: &Summary) -> io::Result<()> {
    let files = reports
        .iter()
        .map(|r| File {
            path: &r.path,
            profile: &r.profile,
            profile_detection: detection(&r.detection),
            diagnostics: r
                .findings
                .iter()
                .map(|f| {
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
                })
                .collect(),
        })
        .collect();
    let output = Output {
        version: VERSION,
        files,
        summary: JsonSummary {
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
        },
    };
    serde_json::to_writer_pretty(&mut *out, &output).map_err(io::Error::other)?;
    writeln!(out)
}
