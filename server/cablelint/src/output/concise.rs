//! One line per finding, `path:line:col: severity[CODE] message`: the first
//! line of each of the human format's findings, without snippet, profile
//! line or colour; the human format's summary follows. For grep, Vim's
//! errorformat and Emacs' compile mode, which read a finding per line.

use crate::report::FileReport;
use std::io;

/// Appends one line per finding. Control characters in the path or the
/// message (a line break would split the finding) are written escaped,
/// `\u{a}`, so no text is lost; a tab stays as it is.
pub fn write_report(out: &mut Vec<u8>, report: &FileReport) -> io::Result<()> {
    out.reserve(96 * report.diagnostics.len());
    for f in report.findings() {
        let d = f.diagnostic;
        push_visible(out, &report.path);
        out.push(b':');
        super::pretty::write_uint(out, f.start.line);
        out.push(b':');
        super::pretty::write_uint(out, f.start.column);
        out.extend_from_slice(b": ");
        out.extend_from_slice(d.severity.as_str().as_bytes());
        out.push(b'[');
        out.extend_from_slice(d.code.as_bytes());
        out.extend_from_slice(b"] ");
        push_visible(out, &d.message);
        out.push(b'\n');
    }
    Ok(())
}

/// `text` with C0 control characters other than tab, and DEL, written as
/// `\u{HEX}`, as Rust's `char::escape_unicode` writes them.
pub fn push_visible(out: &mut Vec<u8>, text: &str) {
    let bytes = text.as_bytes();
    let mut run_start = 0;
    for (i, &byte) in bytes.iter().enumerate() {
        if (byte < 0x20 && byte != b'\t') || byte == 0x7F {
            out.extend_from_slice(&bytes[run_start..i]);
            push_escape(out, char::from(byte));
            run_start = i + 1;
        }
    }
    out.extend_from_slice(&bytes[run_start..]);
}

/// `\u{HEX}` for a character, lowercase hex.
pub fn push_escape(out: &mut Vec<u8>, c: char) {
    out.extend(c.escape_unicode().map(|c| c as u8));
}

#[cfg(test)]
mod tests {
    use super::*;

    fn visible(text: &str) -> String {
        let mut out = Vec::new();
        push_visible(&mut out, text);
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn control_characters_are_escaped_and_nothing_else() {
        assert_eq!(
            visible("a\r\nb\u{1b}[31m\u{7f}\tc"),
            "a\\u{d}\\u{a}b\\u{1b}[31m\\u{7f}\tc"
        );
        assert_eq!(visible("姬鹏飞 𠀋 \u{85}"), "姬鹏飞 𠀋 \u{85}");
        assert_eq!(visible(""), "");
    }

    /// Each line is the first line of the human format's finding, with
    /// CRLF, a BOM, CJK and astral characters in the text and the path.
    #[test]
    fn a_line_is_the_human_formats_first_line() {
        let text = "\u{feff}TO: X\r\n\r\nThe (text [is\r\n姬鹏飞 [ ] 𠀋 (\r\n";
        let report = FileReport::of_text("姬 𠀋/a b.cable", text);
        let mut concise = Vec::new();
        write_report(&mut concise, &report).unwrap();
        let concise = String::from_utf8(concise).unwrap();
        let mut human = Vec::new();
        let renderer = annotate_snippets::Renderer::plain();
        super::super::human::write_report(&mut human, &renderer, &report, false, false).unwrap();
        let human = String::from_utf8(human).unwrap();
        let firsts: Vec<&str> = human
            .lines()
            .filter(|l| l.starts_with("姬 𠀋/a b.cable:") && !l.contains(": profile "))
            .collect();
        assert!(firsts.len() >= 3, "{human}");
        assert_eq!(concise.lines().collect::<Vec<_>>(), firsts);
        assert!(
            concise.contains("姬 𠀋/a b.cable:4:5: warning[B004] empty editorial bracket\n"),
            "{concise}"
        );
    }
}
