//! The format for people: `path:line:col: severity[CODE] message`, the line
//! with the span underlined (annotate-snippets, which measures CJK, astral
//! characters and tabs by their display width), the fix, and a summary.

use crate::report::{FileReport, Finding, Summary};
use annotate_snippets::renderer::{AnsiColor, Style};
use annotate_snippets::{AnnotationKind, Group, Level, Renderer, Snippet};
use cablelint_core::{Applicability, LineIndex, Severity};
use std::io::{self, Write};

const BOLD: Style = Style::new().bold();
/// A snippet longer than this shows its first line only.
const MAX_SNIPPET_LINES: usize = 8;

pub fn write_report(
    out: &mut dyn Write,
    renderer: &Renderer,
    report: &FileReport,
) -> io::Result<()> {
    if !report.findings.is_empty() || report.profile_was_guessed() {
        writeln!(
            out,
            "{BOLD}{}{BOLD:#}: profile {} ({})",
            report.path,
            report.profile,
            report.detection.describe()
        )?;
    }
    let (Some(text), Some(lines)) = (&report.text, &report.lines) else {
        return Ok(());
    };
    for finding in &report.findings {
        write_finding(out, renderer, &report.path, text, lines, finding)?;
    }
    Ok(())
}

fn write_finding(
    out: &mut dyn Write,
    renderer: &Renderer,
    path: &str,
    text: &str,
    lines: &LineIndex,
    finding: &Finding,
) -> io::Result<()> {
    let d = &finding.diagnostic;
    let style = severity_style(d.severity);
    writeln!(
        out,
        "{BOLD}{path}:{}:{}:{BOLD:#} {style}{}[{}]{style:#} {}",
        finding.start.line,
        finding.start.column,
        d.severity.as_str(),
        d.code,
        d.message
    )?;
    let snippet = SnippetText::new(text, lines, d.span.start, d.span.end);
    let mut group = Group::with_level(level(d.severity)).element(
        Snippet::source(snippet.text.as_str())
            .line_start(snippet.first_line + 1)
            .fold(false)
            .annotation(AnnotationKind::Primary.span(snippet.range.clone())),
    );
    if let Some(fix) = &d.fix {
        let kind = match fix.applicability {
            Applicability::Safe => "fix",
            Applicability::Unsafe => "unsafe fix",
        };
        group = group.element(Level::HELP.message(format!("{kind}: {}", fix.title)));
    }
    for (related, (start, _)) in d.related.iter().zip(&finding.related) {
        group = group.element(Level::NOTE.message(format!(
            "{}:{}: {}",
            start.line, start.column, related.message
        )));
    }
    writeln!(out, "{}\n", renderer.render(&[group]))
}

/// The lines a span covers, joined with `\n` whatever the file's line ends
/// (annotate-snippets splits on `\n` only), and the span within them.
struct SnippetText {
    text: String,
    first_line: usize,
    range: std::ops::Range<usize>,
}

impl SnippetText {
    fn new(text: &str, lines: &LineIndex, start: usize, end: usize) -> SnippetText {
        let first_line = lines.line_of(start);
        // A span that ends just after a line break ends on that line.
        let mut last_line = lines.line_of(end);
        if last_line > first_line && end == lines.line_span(last_line).start {
            last_line -= 1;
        }
        let last_line = last_line.min(first_line + MAX_SNIPPET_LINES - 1);
        let mut out = String::new();
        let mut range = 0..0;
        for line in first_line..=last_line {
            if line > first_line {
                out.push('\n');
            }
            let content = lines.line_content_span(text, line);
            let base = out.len();
            out.push_str(&text[content.range()]);
            let clamp =
                |offset: usize| base + offset.clamp(content.start, content.end) - content.start;
            if line == first_line {
                range.start = clamp(start);
            }
            range.end = clamp(end);
        }
        SnippetText {
            text: out,
            first_line,
            range,
        }
    }
}

fn level(severity: Severity) -> Level<'static> {
    match severity {
        Severity::Error => Level::ERROR,
        Severity::Warning => Level::WARNING,
        Severity::Info => Level::INFO,
        Severity::Hint => Level::NOTE,
    }
}

fn severity_style(severity: Severity) -> Style {
    let color = match severity {
        Severity::Error => AnsiColor::BrightRed,
        Severity::Warning => AnsiColor::BrightYellow,
        Severity::Info => AnsiColor::BrightBlue,
        Severity::Hint => AnsiColor::BrightCyan,
    };
    Style::new().fg_color(Some(color.into())).bold()
}

pub fn write_summary(out: &mut dyn Write, summary: &Summary, fixing: bool) -> io::Result<()> {
    let files = plural(summary.files, "file", "files");
    if summary.fixes_applied > 0 {
        writeln!(
            out,
            "Fixed {} in {}.",
            plural(summary.fixes_applied, "problem", "problems"),
            plural(summary.files_fixed, "file", "files")
        )?;
    }
    if summary.findings() == 0 {
        return writeln!(out, "No problems found; {files} checked.");
    }
    let mut by_severity = Vec::new();
    for (count, one, many) in [
        (summary.errors, "error", "errors"),
        (summary.warnings, "warning", "warnings"),
        (summary.infos, "info", "infos"),
        (summary.hints, "hint", "hints"),
    ] {
        if count > 0 {
            by_severity.push(plural(count, one, many));
        }
    }
    write!(
        out,
        "{BOLD}Found {} ({}){BOLD:#} in {} of {files} checked",
        plural(summary.findings(), "problem", "problems"),
        by_severity.join(", "),
        summary.files_with_findings,
    )?;
    if !fixing && summary.fixable_safe > 0 {
        write!(out, "; {} fixable with --fix", summary.fixable_safe)?;
    }
    if summary.fixable_unsafe > 0 {
        write!(
            out,
            "; {} fixable with --fix --unsafe-fixes",
            summary.fixable_unsafe
        )?;
    }
    writeln!(out, ".")
}

fn plural(count: usize, one: &str, many: &str) -> String {
    format!("{count} {}", if count == 1 { one } else { many })
}
