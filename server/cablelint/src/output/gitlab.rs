//! The GitLab Code Quality report: a JSON array of issues, one a finding.
//!
//! Severities: error is `major`, warning `minor`, info and hint `info`
//! (GitLab's scale runs info, minor, major, critical, blocker; nothing
//! cablelint finds stops a collection from being read, so nothing is
//! `critical` or `blocker`). Paths are relative to the working directory,
//! as GitLab expects them relative to the repository, where CI runs.
//!
//! The fingerprint, by which GitLab matches an issue across pipelines,
//! hashes the path, the code, the message and how many findings with the
//! same code and message come before it in the file: not the line, so a
//! finding keeps its fingerprint when lines are added above it. Nor are
//! the numbers of lines and bytes that messages name ("not closed before
//! its paragraph ends (line 2)", "on line 2 (byte 19)"); other numbers,
//! dates among them, are part of what the finding is. (Ruff
//! counts up a salt until the hash is unused in the whole run; counting
//! within the file gives the same uniqueness without holding every
//! fingerprint, since the path is hashed too.)

use super::pretty::{write_string, write_uint};
use crate::report::FileReport;
use cablelint_core::Severity;
use std::collections::HashMap;
use std::io::{self, Write};
use std::path::Path;

/// Appends one issue a finding, each on a line of its own and separated
/// by `,\n`; [`Stream`] adds the brackets and the commas between files.
pub fn write_report(out: &mut Vec<u8>, report: &FileReport, base: Option<&Path>) {
    if report.diagnostics.is_empty() {
        return;
    }
    out.reserve(320 * report.diagnostics.len());
    let path = relative(&report.path, base);
    let mut seen: HashMap<(&str, String), u64> = HashMap::new();
    for (i, f) in report.findings().enumerate() {
        let d = f.diagnostic;
        let message = without_positions(&d.message);
        let count = seen.entry((d.code, message.clone())).or_insert(0);
        let print = fingerprint(path, d.code, &message, *count);
        *count += 1;
        if i > 0 {
            out.extend_from_slice(b",\n");
        }
        out.extend_from_slice(b"  {\"description\": ");
        write_string(out, &format!("{}: {}", d.code, d.message));
        out.extend_from_slice(b", \"check_name\": ");
        write_string(out, d.code);
        out.extend_from_slice(b", \"fingerprint\": \"");
        out.extend_from_slice(print.as_bytes());
        out.extend_from_slice(b"\", \"severity\": \"");
        out.extend_from_slice(severity(d.severity).as_bytes());
        out.extend_from_slice(b"\", \"location\": {\"path\": ");
        write_string(out, path);
        out.extend_from_slice(b", \"lines\": {\"begin\": ");
        write_uint(out, f.start.line);
        out.extend_from_slice(b", \"end\": ");
        write_uint(out, f.end.line);
        out.extend_from_slice(b"}, \"positions\": {\"begin\": {\"line\": ");
        write_uint(out, f.start.line);
        out.extend_from_slice(b", \"column\": ");
        write_uint(out, f.start.column);
        out.extend_from_slice(b"}, \"end\": {\"line\": ");
        write_uint(out, f.end.line);
        out.extend_from_slice(b", \"column\": ");
        write_uint(out, f.end.column);
        out.extend_from_slice(b"}}}}");
    }
}

pub fn severity(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "major",
        Severity::Warning => "minor",
        Severity::Info | Severity::Hint => "info",
    }
}

/// The path relative to `base` (the working directory) when it lies
/// under it, without a leading `./`; any other path as it is.
pub fn relative<'a>(path: &'a str, base: Option<&Path>) -> &'a str {
    let mut rest = path;
    if let Some(inner) = base
        .and_then(|base| Path::new(path).strip_prefix(base).ok())
        .and_then(|inner| inner.to_str())
        .filter(|inner| !inner.is_empty())
    {
        // `strip_prefix` gives a suffix of `path` (components compared,
        // the rest untouched), so it can be cut from `path` itself.
        if let Some(start) = path.len().checked_sub(inner.len()) {
            if path.is_char_boundary(start) && &path[start..] == inner {
                rest = &path[start..];
            }
        }
    }
    while let Some(inner) = rest.strip_prefix("./") {
        rest = inner.trim_start_matches('/');
    }
    if rest.is_empty() {
        path
    } else {
        rest
    }
}

/// The message without the numbers after `line ` and `byte `: what
/// identifies a finding wherever it is in the file.
fn without_positions(message: &str) -> String {
    let mut out = String::with_capacity(message.len());
    let mut rest = message;
    const MARKERS: [&str; 2] = ["line ", "byte "];
    while let Some(at) = MARKERS.iter().filter_map(|m| rest.find(m)).min() {
        // (Both markers are five bytes long.)
        let (before, after) = rest.split_at(at + MARKERS[0].len());
        out.push_str(before);
        rest = after.trim_start_matches(|c: char| c.is_ascii_digit());
    }
    out.push_str(rest);
    out
}

/// 128 bits of BLAKE3 in hex, over the fields each prefixed with its
/// length (so no two sets of fields hash the same bytes).
fn fingerprint(path: &str, code: &str, message: &str, occurrence: u64) -> String {
    let mut hasher = blake3::Hasher::new();
    hasher.update(b"cablelint gitlab 1");
    for field in [path.as_bytes(), code.as_bytes(), message.as_bytes()] {
        hasher.update(&(field.len() as u64).to_le_bytes());
        hasher.update(field);
    }
    hasher.update(&occurrence.to_le_bytes());
    hasher.finalize().to_hex()[..32].to_owned()
}

/// Writes the array a file at a time: `[`, the files' issues separated
/// by commas, `]`; files without findings add nothing.
#[derive(Default)]
pub struct Stream {
    started: bool,
}

impl Stream {
    pub fn file(&mut self, out: &mut dyn Write, rendered: &[u8]) -> io::Result<()> {
        if rendered.is_empty() {
            return Ok(());
        }
        out.write_all(if self.started { b",\n" } else { b"[\n" })?;
        self.started = true;
        out.write_all(rendered)
    }

    pub fn finish(self, out: &mut dyn Write) -> io::Result<()> {
        out.write_all(if self.started { b"\n]\n" } else { b"[]\n" })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_are_made_relative_to_the_working_directory() {
        let base = Some(Path::new("/work/repo"));
        assert_eq!(relative("/work/repo/a/姬.cable", base), "a/姬.cable");
        assert_eq!(relative("./a/b.cable", base), "a/b.cable");
        assert_eq!(relative(".//./a.cable", base), "a.cable");
        assert_eq!(
            relative("/work/repository/a.cable", base),
            "/work/repository/a.cable"
        );
        assert_eq!(relative("../other/a.cable", base), "../other/a.cable");
        assert_eq!(relative("a.cable", None), "a.cable");
        assert_eq!(relative("/work/repo", base), "/work/repo");
        assert_eq!(relative("-", base), "-");
    }

    #[test]
    fn numbers_of_lines_and_bytes_are_left_out() {
        assert_eq!(
            without_positions("invalid UTF-8 on line 2 (byte 19); x"),
            "invalid UTF-8 on line  (byte ); x"
        );
        assert_eq!(
            without_positions("`(` is not closed before its paragraph ends (line 12)"),
            "`(` is not closed before its paragraph ends (line )"
        );
        assert_eq!(
            without_positions("the date “27 November 1961” (6 February 1961) 姬 line"),
            "the date “27 November 1961” (6 February 1961) 姬 line"
        );
        assert_eq!(
            without_positions("byte 3 line 4 byte x"),
            "byte  line  byte x"
        );
        assert_eq!(without_positions(""), "");
    }

    #[test]
    fn a_fingerprint_depends_on_each_field() {
        let one = fingerprint("a.cable", "B004", "m", 0);
        assert_eq!(one.len(), 32);
        assert_eq!(one, fingerprint("a.cable", "B004", "m", 0));
        for other in [
            fingerprint("b.cable", "B004", "m", 0),
            fingerprint("a.cable", "B005", "m", 0),
            fingerprint("a.cable", "B004", "n", 0),
            fingerprint("a.cable", "B004", "m", 1),
            fingerprint("a.cableB004", "", "m", 0),
        ] {
            assert_ne!(one, other);
        }
    }

    fn issues(text: &str) -> Vec<serde_json::Value> {
        let report = FileReport::of_text("姬 𠀋.cable", text);
        let mut piece = Vec::new();
        write_report(&mut piece, &report, None);
        let mut out = Vec::new();
        let mut stream = Stream::default();
        stream.file(&mut out, &piece).unwrap();
        stream.file(&mut out, b"").unwrap();
        stream.finish(&mut out).unwrap();
        let value: serde_json::Value = serde_json::from_slice(&out).unwrap();
        value.as_array().unwrap().clone()
    }

    /// Repeated findings get distinct fingerprints, which stay when lines
    /// are added above them (while their positions move).
    #[test]
    fn fingerprints_are_unique_and_survive_lines_added_above() {
        let body = "姬鹏飞 [ ] 𠀋 [ ] \"q\"\r\n[] (open\r\n\r\nnext (open\r\n";
        let before = issues(&format!("\u{feff}TO: X\r\n\r\n{body}"));
        let after = issues(&format!("\u{feff}TO: X\r\n\r\nA new line.\r\n\r\n{body}"));
        let prints = |issues: &[serde_json::Value]| -> Vec<String> {
            issues
                .iter()
                .map(|i| i["fingerprint"].as_str().unwrap().to_owned())
                .collect()
        };
        let mut unique = prints(&before);
        unique.sort();
        unique.dedup();
        assert!(before.len() >= 3);
        assert_eq!(unique.len(), before.len());
        assert_eq!(prints(&before), prints(&after));
        // Messages that name a line changed with it; their prints did not.
        let moved = before.iter().zip(&after);
        assert!(
            moved
                .filter(|(b, a)| b["description"] != a["description"])
                .count()
                >= 2
        );
        assert_ne!(before[0]["location"], after[0]["location"]);
        let first = &before[0];
        assert_eq!(first["severity"], "minor");
        assert_eq!(first["check_name"], "B004");
        assert_eq!(first["location"]["path"], "姬 𠀋.cable");
        assert_eq!(first["location"]["lines"]["begin"], 3);
        assert_eq!(first["location"]["positions"]["begin"]["column"], 5);
    }

    #[test]
    fn an_empty_report_is_an_empty_array() {
        let mut out = Vec::new();
        Stream::default().finish(&mut out).unwrap();
        assert_eq!(out, b"[]\n");
    }
}
