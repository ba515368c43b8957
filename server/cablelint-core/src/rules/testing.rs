//! Helpers for data-driven rule tests: render what a rule reports on a text,
//! and what its fixes make of it, as plain text for `expect!` snapshots.

use crate::diagnostic::Applicability;
use crate::limits::Limits;
use crate::lint::{self, CheckOptions, RuleSelection};
use crate::text::SourceText;
use std::fmt::Write;

fn options(select: Option<&str>) -> CheckOptions {
    let selection = RuleSelection {
        select: select.map(|c| vec![c.to_owned()]),
        ..Default::default()
    };
    CheckOptions {
        selection,
        ..Default::default()
    }
}

/// The limits a rule's documented examples are checked with: the defaults,
/// but for E003 and E004, whose examples would otherwise be 64 MB long or
/// hold 100,000 findings.
pub fn example_limits(code: &str) -> Limits {
    match code {
        "E003" => Limits {
            max_file_size: crate::rules::file::e003_file_too_large::EXAMPLE_MAX_FILE_SIZE,
            ..Limits::default()
        },
        "E004" => Limits {
            max_diagnostics_per_file:
                crate::rules::file::e004_too_many_diagnostics::EXAMPLE_MAX_DIAGNOSTICS,
            ..Limits::default()
        },
        _ => Limits::default(),
    }
}

/// Codes of every finding on `text`, every rule selected, under these
/// limits. Documentation examples write a byte that is not UTF-8 as `<0xFF>`.
pub fn codes_reported_with(text: &str, limits: Limits) -> Vec<&'static str> {
    let selection = RuleSelection {
        select: Some(vec![String::new()]),
        ..Default::default()
    };
    let options = CheckOptions {
        selection,
        limits,
        ..Default::default()
    };
    let bytes = text
        .replace("<0xFF>", "\u{1}")
        .into_bytes()
        .into_iter()
        .map(|b| if b == 1 { 0xFF } else { b })
        .collect::<Vec<u8>>();
    lint::check(SourceText::from_bytes(&bytes), &options)
        .diagnostics
        .iter()
        .map(|d| d.code)
        .collect()
}

/// One line per finding of rule `code`: `line:col-line:col message`, with
/// the fix's title and applicability, 1-based lines and char columns.
pub fn check(code: &str, text: &str) -> String {
    let result = lint::check(SourceText::from_str(text), &options(Some(code)));
    let doc = &result.document;
    let mut out = String::new();
    for d in &result.diagnostics {
        let (a, b) = (
            doc.lines.line_col(doc.text(), d.span.start),
            doc.lines.line_col(doc.text(), d.span.end),
        );
        let _ = write!(
            out,
            "{}:{}-{}:{} {} {}: {}",
            a.line + 1,
            a.column_chars + 1,
            b.line + 1,
            b.column_chars + 1,
            d.severity.as_str(),
            d.code,
            d.message
        );
        if let Some(fix) = &d.fix {
            let _ = write!(out, " [fix {}: {}]", fix.applicability.as_str(), fix.title);
        }
        for r in &d.related {
            let at = doc.lines.line_col(doc.text(), r.span.start);
            let _ = write!(
                out,
                " (see {}:{}: {})",
                at.line + 1,
                at.column_chars + 1,
                r.message
            );
        }
        out.push('\n');
    }
    out
}

/// The text after applying every fix of rule `code` (unsafe ones included).
pub fn fixed(code: &str, text: &str) -> String {
    lint::fix(
        SourceText::from_str(text),
        &options(Some(code)),
        Applicability::Unsafe,
    )
    .text
}
