//! SARIF 2.1.0, for GitHub code scanning and SARIF viewers. Columns are in
//! UTF-16 code units, SARIF's default `columnKind`; byte offsets index the
//! file as it is on disk.

use crate::docs::rule_url;
use crate::report::{FileReport, Position};
use cablelint_core::rules::{self, RuleMeta};
use cablelint_core::Severity;
use serde_json::{json, Value};
use std::io::{self, Write};

const SCHEMA: &str = "https://json.schemastore.org/sarif-2.1.0.json";

/// The results of a run, gathered file by file (as JSON values: the files'
/// texts are not kept).
pub struct Collector {
    metas: Vec<&'static RuleMeta>,
    results: Vec<Value>,
}

impl Collector {
    pub fn new() -> Collector {
        Collector {
            metas: rules::all().iter().map(|r| r.meta()).collect(),
            results: Vec::new(),
        }
    }

    pub fn add(&mut self, report: &FileReport) {
        let metas = &self.metas;
        let results = &mut self.results;
        for f in &report.findings {
            let d = &f.diagnostic;
            let mut result = json!({
                "ruleId": d.code,
                "level": level(d.severity),
                "message": { "text": d.message },
                "locations": [{
                    "physicalLocation": {
                        "artifactLocation": artifact(&report.path),
                        "region": region(&f.start, &f.end),
                    }
                }],
            });
            if let Some(index) = metas.iter().position(|m| m.code == d.code) {
                result["ruleIndex"] = json!(index);
            }
            if !d.related.is_empty() {
                result["relatedLocations"] = d
                    .related
                    .iter()
                    .zip(&f.related)
                    .enumerate()
                    .map(|(i, (r, (s, e)))| {
                        json!({
                            "id": i,
                            "message": { "text": r.message },
                            "physicalLocation": {
                                "artifactLocation": artifact(&report.path),
                                "region": region(s, e),
                            }
                        })
                    })
                    .collect();
            }
            if let Some(fix) = &d.fix {
                let replacements: Vec<Value> = fix
                    .edits
                    .iter()
                    .zip(&f.edits)
                    .map(|(edit, (s, e))| {
                        json!({
                            "deletedRegion": {
                                "byteOffset": s.offset,
                                "byteLength": e.offset - s.offset,
                            },
                            "insertedContent": { "text": edit.new_text },
                        })
                    })
                    .collect();
                result["fixes"] = json!([{
                    "description": { "text": fix.title },
                    "artifactChanges": [{
                        "artifactLocation": artifact(&report.path),
                        "replacements": replacements,
                    }],
                }]);
                result["properties"] = json!({ "fixApplicability": fix.applicability.as_str() });
            }
            results.push(result);
        }
    }

    pub fn write(self, out: &mut dyn Write, errors: &[String]) -> io::Result<()> {
        let driver_rules: Vec<Value> = self.metas.iter().map(|m| rule(m)).collect();
        let results = self.results;
        let notifications: Vec<Value> = errors
            .iter()
            .map(|e| json!({ "level": "error", "message": { "text": e } }))
            .collect();
        let log = json!({
            "$schema": SCHEMA,
            "version": "2.1.0",
            "runs": [{
                "tool": {
                    "driver": {
                        "name": "cablelint",
                        "version": env!("CARGO_PKG_VERSION"),
                        "informationUri": env!("CARGO_PKG_REPOSITORY"),
                        "rules": driver_rules,
                    }
                },
                "invocations": [{
                    "executionSuccessful": errors.is_empty(),
                    "toolExecutionNotifications": notifications,
                }],
                "columnKind": "utf16CodeUnits",
                "results": results,
            }]
        });
        serde_json::to_writer_pretty(&mut *out, &log).map_err(io::Error::other)?;
        writeln!(out)
    }
}

fn rule(m: &RuleMeta) -> Value {
    json!({
        "id": m.code,
        "name": m.name,
        "shortDescription": { "text": m.summary },
        "fullDescription": { "text": m.explanation.trim() },
        "helpUri": rule_url(m.code),
        "help": { "text": m.summary, "markdown": m.documentation() },
        "defaultConfiguration": {
            "level": level(m.default_severity),
            "enabled": m.default_enabled,
        },
    })
}

fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info | Severity::Hint => "note",
    }
}

fn region(start: &Position, end: &Position) -> Value {
    json!({
        "startLine": start.line,
        "startColumn": start.column_utf16,
        "endLine": end.line,
        "endColumn": end.column_utf16,
        "byteOffset": start.offset,
        "byteLength": end.offset - start.offset,
    })
}

fn artifact(path: &str) -> Value {
    if path == "-" {
        return json!({ "uri": "stdin" });
    }
    json!({ "uri": path_to_uri(path) })
}

/// A relative path stays a relative URI reference (what code scanning
/// expects); an absolute one becomes a `file://` URI. Reserved and non-ASCII
/// bytes are percent-encoded.
fn path_to_uri(path: &str) -> String {
    let path = path.replace('\\', "/");
    let mut out = String::new();
    if path.starts_with('/') {
        out.push_str("file://");
    }
    for byte in path.bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' | b'/' => {
                out.push(byte as char)
            }
            _ => out.push_str(&format!("%{byte:02X}")),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_become_uri_references() {
        assert_eq!(path_to_uri("a b/发.cable"), "a%20b/%E5%8F%91.cable");
        assert_eq!(path_to_uri("/x/y.cable"), "file:///x/y.cable");
        assert_eq!(path_to_uri("c:d#e"), "c%3Ad%23e");
    }
}
