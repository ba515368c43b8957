//! JUnit XML, as CI systems show test results: `<testsuites>` holding a
//! `<testsuite>` per checked file and in it a `<testcase>` per finding,
//! failing with the message and position; a file without findings has one
//! passing test case, so CI lists it. The root carries no totals: they
//! would need every result before the first is written (JUnit readers
//! take them as optional). Unreadable files, known only at the end, form a
//! last suite of `<error>` cases.
//!
//! XML 1.0 cannot hold most C0 control characters, U+FFFE or U+FFFF even
//! as references: they are written as the text `\u{HEX}`. Tabs, line
//! breaks and carriage returns are written as references in attributes
//! and carriage returns in text too, so a parser gives them back as they
//! were rather than normalised.

use super::concise::push_escape;
use super::pretty::write_uint;
use crate::report::FileReport;
use std::io::{self, Write};

const HEAD: &[u8] =
    b"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"cablelint\">\n";

/// Appends the file's `<testsuite>`.
pub fn write_suite(out: &mut Vec<u8>, report: &FileReport) {
    let findings = report.diagnostics.len();
    out.reserve(256 + 400 * findings);
    out.extend_from_slice(b"  <testsuite name=\"");
    push_attribute(out, &report.path);
    out.extend_from_slice(b"\" tests=\"");
    write_uint(out, findings.max(1));
    out.extend_from_slice(b"\" failures=\"");
    write_uint(out, findings);
    out.extend_from_slice(b"\" errors=\"0\" skipped=\"0\">\n");
    if findings == 0 {
        out.extend_from_slice(b"    <testcase name=\"no problems\" classname=\"");
        push_attribute(out, &report.path);
        out.extend_from_slice(b"\" file=\"");
        push_attribute(out, &report.path);
        out.extend_from_slice(b"\"/>\n");
    }
    for f in report.findings() {
        let d = f.diagnostic;
        out.extend_from_slice(b"    <testcase name=\"");
        push_attribute(out, d.code);
        out.push(b' ');
        push_attribute(out, d.name);
        out.extend_from_slice(b" at ");
        write_uint(out, f.start.line);
        out.push(b':');
        write_uint(out, f.start.column);
        out.extend_from_slice(b"\" classname=\"");
        push_attribute(out, &report.path);
        out.extend_from_slice(b"\" file=\"");
        push_attribute(out, &report.path);
        out.extend_from_slice(b"\" line=\"");
        write_uint(out, f.start.line);
        out.extend_from_slice(b"\">\n      <failure message=\"");
        push_attribute(out, &d.message);
        out.extend_from_slice(b"\" type=\"");
        out.extend_from_slice(d.severity.as_str().as_bytes());
        out.extend_from_slice(b"\">");
        // The human format's first line: where, how bad, which rule, what.
        push_text(out, &report.path);
        out.push(b':');
        write_uint(out, f.start.line);
        out.push(b':');
        write_uint(out, f.start.column);
        out.extend_from_slice(b": ");
        out.extend_from_slice(d.severity.as_str().as_bytes());
        out.push(b'[');
        push_text(out, d.code);
        out.extend_from_slice(b"] ");
        push_text(out, &d.message);
        out.extend_from_slice(b"</failure>\n    </testcase>\n");
    }
    out.extend_from_slice(b"  </testsuite>\n");
}

/// Character data: `&`, `<`, `>` and CR as references.
pub fn push_text(out: &mut Vec<u8>, text: &str) {
    push_escaped(out, text, false);
}

/// An attribute value in double quotes: also `"`, `'`, tab and LF.
pub fn push_attribute(out: &mut Vec<u8>, text: &str) {
    push_escaped(out, text, true);
}

fn push_escaped(out: &mut Vec<u8>, text: &str, attribute: bool) {
    let mut run_start = 0;
    for (i, c) in text.char_indices() {
        let escaped: &[u8] = match c {
            '&' => b"&amp;",
            '<' => b"&lt;",
            '>' => b"&gt;",
            '\r' => b"&#13;",
            '"' if attribute => b"&quot;",
            '\'' if attribute => b"&apos;",
            '\t' if attribute => b"&#9;",
            '\n' if attribute => b"&#10;",
            '\t' | '\n' => continue,
            '\u{0}'..='\u{1f}' | '\u{fffe}' | '\u{ffff}' => b"",
            _ => continue,
        };
        out.extend_from_slice(&text.as_bytes()[run_start..i]);
        if escaped.is_empty() {
            push_escape(out, c);
        } else {
            out.extend_from_slice(escaped);
        }
        run_start = i + c.len_utf8();
    }
    out.extend_from_slice(&text.as_bytes()[run_start..]);
}

/// Writes the document a file at a time: the head before the first suite
/// (or at the end, if there is none), the errors' suite and the root's end.
#[derive(Default)]
pub struct Stream {
    started: bool,
}

impl Stream {
    pub fn file(&mut self, out: &mut dyn Write, rendered: &[u8]) -> io::Result<()> {
        self.start(out)?;
        out.write_all(rendered)
    }

    fn start(&mut self, out: &mut dyn Write) -> io::Result<()> {
        if !self.started {
            self.started = true;
            out.write_all(HEAD)?;
        }
        Ok(())
    }

    pub fn finish(mut self, out: &mut dyn Write, errors: &[String]) -> io::Result<()> {
        self.start(out)?;
        if !errors.is_empty() {
            let mut suite = Vec::new();
            suite.extend_from_slice(b"  <testsuite name=\"cablelint\" tests=\"");
            write_uint(&mut suite, errors.len());
            suite.extend_from_slice(b"\" failures=\"0\" errors=\"");
            write_uint(&mut suite, errors.len());
            suite.extend_from_slice(b"\" skipped=\"0\">\n");
            for error in errors {
                suite.extend_from_slice(b"    <testcase name=\"");
                push_attribute(&mut suite, error);
                suite.extend_from_slice(b"\" classname=\"cablelint\">\n      <error message=\"");
                push_attribute(&mut suite, error);
                suite.extend_from_slice(b"\"/>\n    </testcase>\n");
            }
            suite.extend_from_slice(b"  </testsuite>\n");
            out.write_all(&suite)?;
        }
        out.write_all(b"</testsuites>\n")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn attribute(text: &str) -> String {
        let mut out = Vec::new();
        push_attribute(&mut out, text);
        String::from_utf8(out).unwrap()
    }

    fn text(t: &str) -> String {
        let mut out = Vec::new();
        push_text(&mut out, t);
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn escapes_markup_and_characters_xml_cannot_hold() {
        assert_eq!(
            attribute("a&b<c>\"d\" 'e'\t\r\n姬𠀋"),
            "a&amp;b&lt;c&gt;&quot;d&quot; &apos;e&apos;&#9;&#13;&#10;姬𠀋"
        );
        assert_eq!(
            text("a&b<c>\"d\" 'e'\t\r\n]]>"),
            "a&amp;b&lt;c&gt;\"d\" 'e'\t&#13;\n]]&gt;"
        );
        assert_eq!(
            text("\u{0}\u{1b}[1m\u{7f}\u{fffe}\u{ffff}\u{fffd}"),
            "\\u{0}\\u{1b}[1m\u{7f}\\u{fffe}\\u{ffff}\u{fffd}"
        );
        assert_eq!(attribute(""), "");
    }

    /// A suite per file, a case per finding or one passing case, parsed
    /// back with every character of the path and the messages.
    #[test]
    fn the_document_parses_back_to_the_findings() {
        let text = "\u{feff}TO: X\r\n\r\nThe (text [is\r\n姬鹏飞 [ ] 𠀋 (\r\n";
        let mut report = FileReport::of_text("a \"&'<𠀋>\t.cable", text);
        report.edit_findings(|findings| {
            let mut awkward = findings[0].clone();
            awkward.diagnostic.message = "a\r\nb \u{1b}[31m 𠀋 ]]> \u{ffff}".into();
            findings.push(awkward);
        });
        let clean = FileReport::of_text("clean.cable", "clean\n");
        let mut out = Vec::new();
        let mut stream = Stream::default();
        for r in [&report, &clean] {
            let mut piece = Vec::new();
            write_suite(&mut piece, r);
            stream.file(&mut out, &piece).unwrap();
        }
        stream
            .finish(&mut out, &["gone.cable: cannot read: <no>".into()])
            .unwrap();
        let xml = String::from_utf8(out).unwrap();
        let doc = roxmltree::Document::parse(&xml).unwrap();
        let suites: Vec<_> = doc
            .root_element()
            .children()
            .filter(|n| n.is_element())
            .collect();
        assert_eq!(suites.len(), 3);
        assert_eq!(suites[0].attribute("name"), Some("a \"&'<𠀋>\t.cable"));
        let cases: Vec<_> = suites[0]
            .children()
            .filter(|n| n.has_tag_name("testcase"))
            .collect();
        assert_eq!(cases.len(), report.diagnostics.len());
        assert_eq!(
            suites[0].attribute("failures"),
            Some(&*cases.len().to_string())
        );
        let last = cases.last().unwrap().first_element_child().unwrap();
        assert_eq!(
            last.attribute("message"),
            Some("a\r\nb \\u{1b}[31m 𠀋 ]]> \\u{ffff}")
        );
        assert!(last
            .text()
            .unwrap()
            .ends_with("] a\r\nb \\u{1b}[31m 𠀋 ]]> \\u{ffff}"));
        let failures: Vec<_> = cases
            .iter()
            .map(|c| c.first_element_child().unwrap())
            .collect();
        assert!(failures.iter().all(|f| f.tag_name().name() == "failure"));
        assert!(failures
            .iter()
            .any(|f| f.text()
                == Some("a \"&'<𠀋>\t.cable:4:5: warning[B004] empty editorial bracket")));
        assert_eq!(
            cases[0].attribute("name"),
            Some("B006 unbalanced-punctuation at 3:5")
        );
        let passing: Vec<_> = suites[1].children().filter(|n| n.is_element()).collect();
        assert_eq!(passing.len(), 1);
        assert_eq!(passing[0].first_element_child(), None);
        assert_eq!(suites[2].attribute("errors"), Some("1"));
    }
}
