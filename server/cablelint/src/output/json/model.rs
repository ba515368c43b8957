//! The serde model of the JSON output (test builds only): the oracle the
//! hand-written output is compared with, byte for byte.

use super::write::detection_method;
use super::JsonSummary;
use crate::report::{FileReport, Finding, Position};
use cablelint_core::profile::Detection;
use serde::Serialize;

/// The whole document, as [`super::Stream`] writes it piece by piece.
#[derive(Serialize)]
pub(super) struct Output<'a> {
    pub(super) version: u32,
    pub(super) files: Vec<File<'a>>,
    pub(super) summary: JsonSummary,
}

#[derive(Serialize)]
pub(super) struct File<'a> {
    path: &'a str,
    profile: &'a str,
    diagnostics: Diagnostics<'a>,
    profile_detection: JsonDetection<'a>,
}

/// A file's findings, converted one at a time as they are serialised.
pub(super) struct Diagnostics<'a>(&'a FileReport);

impl Serialize for Diagnostics<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.0.findings().map(diagnostic))
    }
}

#[derive(Serialize)]
pub(super) struct JsonDetection<'a> {
    /// `directive`, `configured`, `detected` or `fallback`.
    method: &'static str,
    /// The texts that voted for a detected profile.
    markers: &'a [String],
    description: String,
}

#[derive(Serialize)]
pub(super) struct JsonDiagnostic<'a> {
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
pub(super) struct Range {
    start: JsonPosition,
    end: JsonPosition,
}

#[derive(Serialize)]
pub(super) struct JsonPosition {
    line: usize,
    column: usize,
    offset: usize,
}

#[derive(Serialize)]
pub(super) struct JsonFix<'a> {
    applicability: &'a str,
    title: &'a str,
    edits: Vec<JsonEdit<'a>>,
}

#[derive(Serialize)]
pub(super) struct JsonEdit<'a> {
    range: Range,
    new_text: &'a str,
}

#[derive(Serialize)]
pub(super) struct JsonRelated<'a> {
    range: Range,
    message: &'a str,
}

pub(super) fn position(p: &Position) -> JsonPosition {
    JsonPosition {
        line: p.line,
        column: p.column,
        offset: p.offset,
    }
}

pub(super) fn range(start: &Position, end: &Position) -> Range {
    Range {
        start: position(start),
        end: position(end),
    }
}

pub(super) fn detection(d: &Detection) -> JsonDetection<'_> {
    let (method, markers) = detection_method(d);
    JsonDetection {
        method,
        markers,
        description: d.describe(),
    }
}

pub(super) fn file(r: &FileReport) -> File<'_> {
    File {
        path: &r.path,
        profile: &r.profile,
        profile_detection: detection(&r.detection),
        diagnostics: Diagnostics(r),
    }
}

pub(super) fn diagnostic(f: Finding<'_>) -> JsonDiagnostic<'_> {
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
