//! GitHub Actions workflow commands: each finding becomes an annotation on
//! the pull request. Escaping follows the Actions toolkit (`%`, CR and LF in
//! the message; also `:` and `,` in properties).

use crate::report::FileReport;
use cablelint_core::Severity;
use std::io::{self, Write};

pub fn write_report(out: &mut dyn Write, report: &FileReport) -> io::Result<()> {
    {
        for f in &report.findings {
            let d = &f.diagnostic;
            let command = match d.severity {
                Severity::Error => "error",
                Severity::Warning => "warning",
                Severity::Info | Severity::Hint => "notice",
            };
            writeln!(
                out,
                "::{command} file={},line={},col={},endLine={},endColumn={},title={}::{}",
                property(&report.path),
                f.start.line,
                f.start.column,
                f.end.line,
                f.end.column,
                property(&format!("{} {}", d.code, d.name)),
                data(&d.message),
            )?;
        }
    }
    Ok(())
}

fn data(text: &str) -> String {
    text.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

fn property(text: &str) -> String {
    data(text).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_as_the_actions_toolkit_does() {
        assert_eq!(data("50% a\r\nb: c, d"), "50%25 a%0D%0Ab: c, d");
        assert_eq!(property("a:b,c%\n"), "a%3Ab%2Cc%25%0A");
    }
}
