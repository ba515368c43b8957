//! GitHub Actions workflow commands: each finding becomes an annotation on
//! the pull request. Escaping follows the Actions toolkit (`%`, CR and LF in
//! the message; also `:` and `,` in properties).

use crate::report::FileReport;
use cablelint_core::Severity;
use std::io;

/// Appends one annotation per finding; each line is built byte by byte
/// (formatting machinery and three `replace` copies per string made this
/// cost as much as the JSON output).
pub fn write_report(out: &mut Vec<u8>, report: &FileReport) -> io::Result<()> {
    out.reserve(256 * report.diagnostics.len());
    for f in report.findings() {
        let d = &f.diagnostic;
        let command = match d.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info | Severity::Hint => "notice",
        };
        out.extend_from_slice(b"::");
        out.extend_from_slice(command.as_bytes());
        out.extend_from_slice(b" file=");
        push_property(out, &report.path);
        for (key, n) in [
            (&b",line="[..], f.start.line),
            (b",col=", f.start.column),
            (b",endLine=", f.end.line),
            (b",endColumn=", f.end.column),
        ] {
            out.extend_from_slice(key);
            super::pretty::write_uint(out, n);
        }
        out.extend_from_slice(b",title=");
        push_property(out, d.code);
        out.push(b' ');
        push_property(out, d.name);
        out.extend_from_slice(b"::");
        push_data(out, &d.message);
        out.push(b'\n');
    }
    Ok(())
}

/// A message: `%`, CR and LF percent-encoded.
fn push_data(out: &mut Vec<u8>, text: &str) {
    push_escaped(out, text, false);
}

/// A property value: as [`push_data`], and `:` and `,` too.
fn push_property(out: &mut Vec<u8>, text: &str) {
    push_escaped(out, text, true);
}

fn push_escaped(out: &mut Vec<u8>, text: &str, property: bool) {
    let bytes = text.as_bytes();
    let mut run_start = 0;
    for (i, &byte) in bytes.iter().enumerate() {
        let escaped: &[u8] = match byte {
            b'%' => b"%25",
            b'\r' => b"%0D",
            b'\n' => b"%0A",
            b':' if property => b"%3A",
            b',' if property => b"%2C",
            _ => continue,
        };
        out.extend_from_slice(&bytes[run_start..i]);
        out.extend_from_slice(escaped);
        run_start = i + 1;
    }
    out.extend_from_slice(&bytes[run_start..]);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn data(text: &str) -> String {
        let mut out = Vec::new();
        push_data(&mut out, text);
        String::from_utf8(out).unwrap()
    }

    fn property(text: &str) -> String {
        let mut out = Vec::new();
        push_property(&mut out, text);
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn escapes_as_the_actions_toolkit_does() {
        assert_eq!(data("50% a\r\nb: c, d"), "50%25 a%0D%0Ab: c, d");
        assert_eq!(property("a:b,c%\n"), "a%3Ab%2Cc%25%0A");
        assert_eq!(data("%%\r\r姬𠀋\n"), "%25%25%0D%0D姬𠀋%0A");
        assert_eq!(property("姬:𠀋,"), "姬%3A𠀋%2C");
        assert_eq!(property(""), "");
    }

    /// What the format was before it was written byte by byte: the
    /// formatting machinery with `replace` for the escapes.
    fn formatted(report: &FileReport) -> String {
        let data = |t: &str| {
            t.replace('%', "%25")
                .replace('\r', "%0D")
                .replace('\n', "%0A")
        };
        let property = |t: &str| data(t).replace(':', "%3A").replace(',', "%2C");
        let mut out = String::new();
        for f in report.findings() {
            let d = f.diagnostic;
            let command = match d.severity {
                Severity::Error => "error",
                Severity::Warning => "warning",
                Severity::Info | Severity::Hint => "notice",
            };
            out += &format!(
                "::{command} file={},line={},col={},endLine={},endColumn={},title={}::{}\n",
                property(&report.path),
                f.start.line,
                f.start.column,
                f.end.line,
                f.end.column,
                property(&format!("{} {}", d.code, d.name)),
                data(&d.message),
            );
        }
        out
    }

    #[test]
    fn annotations_are_what_formatting_them_gave() {
        let text = "TO: X\r\n\r\nThe (text [is 50%\r\n姬鹏飞 [ ] 𠀋 (\n";
        let mut report = FileReport::of_text("d:r,1%/姬\n.cable", text);
        report.edit_findings(|findings| {
            let mut awkward = findings[0].clone();
            awkward.diagnostic.message = "a%b\r\nc:d,e 𠀋 \u{1b}".into();
            findings.push(awkward);
        });
        let mut out = Vec::new();
        write_report(&mut out, &report).unwrap();
        assert!(report.diagnostics.len() > 2);
        assert_eq!(String::from_utf8(out).unwrap(), formatted(&report));
    }
}
