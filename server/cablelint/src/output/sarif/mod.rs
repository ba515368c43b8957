//! SARIF 2.1.0, for GitHub code scanning and SARIF viewers. Columns are in
//! UTF-16 code units, SARIF's default `columnKind`; byte offsets index the
//! file as it is on disk.
//!
//! The log is streamed: its head (the tool and every rule, whichever fire)
//! is written first, then each file's results as the file is reported, then
//! the invocation (execution errors are known only at the end). Nothing is
//! kept per result, so memory does not grow with the number of findings.

mod model;
mod write;

use super::nested;
use super::pretty::Pretty;
use crate::report::FileReport;
#[cfg(test)]
use crate::report::Finding;
use cablelint_core::rules::{self, RuleMeta};
use model::{invocation, tool, COLUMN_KIND, SCHEMA};
#[cfg(test)]
use model::{ArtifactLocation, SarifResult};
use std::collections::HashMap;
use std::io::{self, Write};

/// Depth of a run's members, and of the results in its `results` array.
const RUN_INDENT: &str = "      ";
const RESULT_INDENT: &str = "        ";

/// Every rule, in the order the driver lists them, and each one's index:
/// what a result needs to name its rule. Shared by the threads rendering.
pub struct Rules {
    metas: Vec<&'static RuleMeta>,
    rule_index: HashMap<&'static str, usize>,
}

impl Rules {
    pub fn new() -> Rules {
        let metas: Vec<&'static RuleMeta> = rules::all().iter().map(|r| r.meta()).collect();
        let rule_index = metas.iter().enumerate().map(|(i, m)| (m.code, i)).collect();
        Rules { metas, rule_index }
    }

    fn index_of(&self, code: &str) -> Option<usize> {
        self.rule_index.get(code).copied()
    }

    /// The serde model of a result, which the tests compare the written
    /// one with.
    #[cfg(test)]
    fn result<'a>(&self, f: Finding<'a>, artifact: ArtifactLocation<'a>) -> SarifResult<'a> {
        model::result(f, artifact, self.index_of(f.diagnostic.code))
    }
}

impl Default for Rules {
    fn default() -> Self {
        Rules::new()
    }
}

/// One file's results, indented and separated by commas, without what goes
/// before the first (a newline, or a comma after the previous file's).
/// Returns how many results it wrote.
pub fn write_results(out: &mut Vec<u8>, rules: &Rules, report: &FileReport) -> io::Result<usize> {
    if report.diagnostics.is_empty() {
        return Ok(0);
    }
    let uri = artifact_uri(&report.path);
    // About what a result takes, so the buffer seldom grows.
    out.reserve(1536 * report.diagnostics.len());
    for (i, f) in report.findings().enumerate() {
        if i > 0 {
            out.extend_from_slice(b",\n");
        }
        out.extend_from_slice(RESULT_INDENT.as_bytes());
        let rule_index = rules.index_of(f.diagnostic.code);
        write::write_result(&mut Pretty::new(out, RESULT_INDENT), &f, &uri, rule_index);
    }
    Ok(report.diagnostics.len())
}

/// Writes the log piece by piece, byte for byte what serialising the whole
/// log at once would give. It holds the rules and a count, not the results.
pub struct Stream {
    rules: Rules,
    /// Whether the head (up to the opening of `results`) is written.
    started: bool,
    results: usize,
}

impl Stream {
    pub fn new() -> Stream {
        Stream {
            rules: Rules::new(),
            started: false,
            results: 0,
        }
    }

    /// Writes one file's results, as [`write_results`] rendered them (the
    /// log's head first, once).
    pub fn file(&mut self, out: &mut dyn Write, rendered: &[u8], results: usize) -> io::Result<()> {
        if !self.started {
            self.head(out)?;
        }
        if results == 0 {
            return Ok(());
        }
        out.write_all(if self.results == 0 { b"\n" } else { b",\n" })?;
        self.results += results;
        out.write_all(rendered)
    }

    /// Closes the results and writes the invocation, with the run's
    /// execution errors (unreadable files) as notifications.
    pub fn finish(mut self, out: &mut dyn Write, errors: &[String]) -> io::Result<()> {
        if !self.started {
            self.head(out)?;
        }
        out.write_all(if self.results == 0 {
            b"],\n"
        } else {
            b"\n      ],\n"
        })?;
        out.write_all(b"      \"invocations\": ")?;
        nested::write_value(out, RUN_INDENT, &[invocation(errors)])?;
        out.write_all(b"\n    }\n  ]\n}\n")
    }

    /// Everything before the first result: `$schema`, `version`, the tool
    /// with every rule, `columnKind`, and the opening of `results`.
    fn head(&mut self, out: &mut dyn Write) -> io::Result<()> {
        self.started = true;
        let json = |s: &str| serde_json::to_string(s).map_err(io::Error::other);
        write!(
            out,
            "{{\n  \"$schema\": {},\n  \"version\": \"2.1.0\",\n  \"runs\": [\n    {{\n      \"tool\": ",
            json(SCHEMA)?
        )?;
        nested::write_value(out, RUN_INDENT, &tool(&self.rules.metas))?;
        write!(
            out,
            ",\n      \"columnKind\": {},\n      \"results\": [",
            json(COLUMN_KIND)?
        )
    }
}

impl Default for Stream {
    fn default() -> Self {
        Stream::new()
    }
}

fn artifact_uri(path: &str) -> String {
    if path == "-" {
        return "stdin".into();
    }
    path_to_uri(path)
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
    use serde_json::Value;

    /// Renders one file's results as a worker does and writes them.
    fn write_file(stream: &mut Stream, out: &mut Vec<u8>, report: &FileReport) {
        let mut rendered = Vec::new();
        let results = write_results(&mut rendered, &stream.rules, report).unwrap();
        stream.file(out, &rendered, results).unwrap();
    }

    /// The streamed log, and the whole log serialised at once.
    fn streamed(reports: &[FileReport], errors: &[String]) -> (String, String) {
        let mut out = Vec::new();
        let mut stream = Stream::new();
        for r in reports {
            write_file(&mut stream, &mut out, r);
        }
        let uris: Vec<String> = reports.iter().map(|r| artifact_uri(&r.path)).collect();
        let results = reports
            .iter()
            .zip(&uris)
            .flat_map(|(r, uri)| {
                let artifact = ArtifactLocation { uri };
                let stream = &stream;
                r.findings().map(move |f| stream.rules.result(f, artifact))
            })
            .collect();
        let whole = model::log(tool(&stream.rules.metas), results, invocation(errors));
        let expected = serde_json::to_string_pretty(&whole).unwrap() + "\n";
        drop(whole);
        stream.finish(&mut out, errors).unwrap();
        (String::from_utf8(out).unwrap(), expected)
    }

    fn reports() -> Vec<FileReport> {
        vec![
            FileReport::of_text("-", "[To the Xinjiang [Uyghur] Autonomous Region]:\n"),
            FileReport::of_text("a b/发.cable", "\u{FEFF}发往 𠀋 [ ] here\r\nclean\r\n"),
            FileReport::of_text("clean.cable", "A clean line.\n"),
            FileReport::of_text("/abs/c.cable", "[….] and [. . .] then (open\n"),
        ]
    }

    #[test]
    fn streaming_writes_exactly_the_whole_log() {
        for errors in [vec![], vec!["x.cable: cannot read: \"denied\"".to_owned()]] {
            let (got, expected) = streamed(&[], &errors);
            assert_eq!(got, expected);
            let (got, expected) = streamed(&reports()[2..3], &errors);
            assert_eq!(got, expected);
            let (got, expected) = streamed(&reports(), &errors);
            assert_eq!(got, expected);
            let log: Value = serde_json::from_str(&got).unwrap();
            let results = log["runs"][0]["results"].as_array().unwrap();
            // The examples exercise every part of a result.
            assert!(results.iter().any(|r| r["relatedLocations"][0]["id"] == 0));
            assert!(results
                .iter()
                .any(|r| r["fixes"][0]["artifactChanges"][0]["replacements"]
                    .as_array()
                    .is_some_and(|a| !a.is_empty())));
            assert!(results.iter().any(|r| r["locations"][0]["physicalLocation"]
                ["artifactLocation"]["uri"]
                == "stdin"));
            let invocation = &log["runs"][0]["invocations"][0];
            assert_eq!(invocation["executionSuccessful"], errors.is_empty());
            assert_eq!(
                invocation["toolExecutionNotifications"]
                    .as_array()
                    .unwrap()
                    .len(),
                errors.len()
            );
        }
    }

    /// Text that needs escaping in every string a result holds: the URI
    /// (percent-encoded first), messages, fix titles and inserted text.
    #[test]
    fn every_string_is_escaped_as_serde_json_escapes_it() {
        use cablelint_core::{Applicability, Edit, Fix, Related, Span};
        const AWKWARD: &str =
            "姬鹏飞 𠀋 \"q\" back\\slash \u{0}\u{8}\t\n\u{c}\r\u{1b}\u{1f}\u{7f} \u{FFFD}";
        let mut r = FileReport::of_text(&format!("/d/{AWKWARD}.cable"), "TO: X\n\nThe (text [is\n");
        r.edit_findings(|findings| {
            let template = findings[0].clone();
            let mut finding = template.clone();
            let d = &mut finding.diagnostic;
            d.message = AWKWARD.to_owned();
            d.fix = Some(Fix {
                title: AWKWARD.to_owned(),
                applicability: Applicability::Safe,
                edits: vec![
                    Edit::replace(Span::new(0, 1), AWKWARD),
                    Edit::delete(Span::new(1, 2)),
                ],
            });
            d.related = vec![Related {
                span: Span::new(0, 1),
                message: AWKWARD.to_owned(),
            }];
            d.person = Some(AWKWARD.to_owned());
            finding.edits = vec![(template.start, template.end); 2];
            finding.related = vec![(template.start, template.end)];
            findings.push(finding);
            // An O rule's finding names a person and may have no fix.
            let mut about_a_person = template.clone();
            about_a_person.diagnostic.fix = None;
            about_a_person.edits.clear();
            about_a_person.diagnostic.person = Some("ji-pengfei".to_owned());
            findings.push(about_a_person);
        });
        let (got, expected) = streamed(&[r], &[AWKWARD.to_owned()]);
        assert_eq!(got, expected);
        let log: Value = serde_json::from_str(&got).unwrap();
        let results = log["runs"][0]["results"].as_array().unwrap();
        let [.., with_fix, without_fix] = results.as_slice() else {
            panic!("two results pushed")
        };
        assert_eq!(with_fix["message"]["text"], AWKWARD);
        assert_eq!(with_fix["properties"]["person"], AWKWARD);
        assert_eq!(with_fix["properties"]["fixApplicability"], "safe");
        assert_eq!(
            without_fix["properties"],
            serde_json::json!({"person": "ji-pengfei"})
        );
    }

    /// What memory does not grow with: each file's results are out of the
    /// stream when `file` returns, and the end of the log does not depend
    /// on how many results came before it.
    #[test]
    fn the_stream_keeps_nothing_per_result() {
        let reports = reports();
        let tail = |files: usize| {
            let mut out = Vec::new();
            let mut stream = Stream::new();
            let mut written = 0;
            for r in reports.iter().cycle().take(files) {
                write_file(&mut stream, &mut out, r);
                written += r.diagnostics.len();
                let text = String::from_utf8_lossy(&out);
                assert_eq!(text.matches("\"ruleId\"").count(), written);
                assert_eq!(stream.results, written);
            }
            let before = out.len();
            stream.finish(&mut out, &[]).unwrap();
            out.split_off(before)
        };
        let (few, many) = (tail(4), tail(400));
        assert_eq!(
            String::from_utf8(few).unwrap(),
            String::from_utf8(many).unwrap()
        );
    }

    /// The driver lists every rule, whichever fire, and each result's
    /// `ruleIndex` names the rule of its `ruleId`.
    #[test]
    fn rule_indices_point_at_the_results_rules() {
        let examples: Vec<FileReport> = rules::all()
            .iter()
            .map(|r| FileReport::of_text(&format!("{}.cable", r.meta().code), r.meta().wrong))
            .collect();
        let (got, _) = streamed(&examples, &[]);
        let log: Value = serde_json::from_str(&got).unwrap();
        let rules_listed = log["runs"][0]["tool"]["driver"]["rules"]
            .as_array()
            .unwrap();
        assert_eq!(rules_listed.len(), rules::all().len());
        let results = log["runs"][0]["results"].as_array().unwrap();
        let fired: std::collections::BTreeSet<&str> = results
            .iter()
            .map(|r| r["ruleId"].as_str().unwrap())
            .collect();
        assert!(fired.len() > 10, "{fired:?}");
        for r in results {
            let index = r["ruleIndex"].as_u64().unwrap() as usize;
            assert_eq!(rules_listed[index]["id"], r["ruleId"], "{r}");
        }
        let (clean, _) = streamed(&[], &[]);
        let clean: Value = serde_json::from_str(&clean).unwrap();
        assert_eq!(clean["runs"][0]["tool"], log["runs"][0]["tool"]);
    }

    #[test]
    fn paths_become_uri_references() {
        assert_eq!(path_to_uri("a b/发.cable"), "a%20b/%E5%8F%91.cable");
        assert_eq!(path_to_uri("/x/y.cable"), "file:///x/y.cable");
        assert_eq!(path_to_uri("c:d#e"), "c%3Ad%23e");
    }
}
