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
/// Bytes of a line kept on each side of the span; of a longer span, the
/// first [`MAX_SPAN_SHOWN`]. annotate-snippets shows a terminal's width
/// around the span, far less than this, so the output is the same; but
/// handing it a whole 10 MB line for each of 100,000 findings made the human
/// format quadratic.
const LINE_WINDOW: usize = 1024;
const MAX_SPAN_SHOWN: usize = 16 * 1024;

/// `styled`: with ANSI styles (for a terminal, or to be stripped), or
/// plain text, which goes with a plain `renderer`. A styled report that is
/// not empty starts with an escape sequence (bold). The file's profile is
/// named above its findings, and for a file without any only when
/// `show_profile` (a clean file prints nothing, as in other linters: a
/// collection of 20,000 cables would print 20,000 such lines).
pub fn write_report(
    out: &mut dyn Write,
    renderer: &Renderer,
    report: &FileReport,
    styled: bool,
    show_profile: bool,
) -> io::Result<()> {
    let bold = if styled { BOLD } else { Style::new() };
    if !report.diagnostics.is_empty() || show_profile {
        writeln!(
            out,
            "{bold}{}{bold:#}: profile {} ({})",
            report.path,
            report.profile,
            report.detection.describe()
        )?;
    }
    let (Some(text), Some(lines)) = (&report.text, &report.lines) else {
        return Ok(());
    };
    for finding in report.findings() {
        write_finding(out, renderer, &report.path, text, lines, &finding, styled)?;
    }
    Ok(())
}

fn write_finding(
    out: &mut dyn Write,
    renderer: &Renderer,
    path: &str,
    text: &str,
    lines: &LineIndex,
    finding: &Finding<'_>,
    styled: bool,
) -> io::Result<()> {
    let d = &finding.diagnostic;
    let (bold, style) = if styled {
        (BOLD, severity_style(d.severity))
    } else {
        (Style::new(), Style::new())
    };
    writeln!(
        out,
        "{bold}{path}:{}:{}:{bold:#} {style}{}[{}]{style:#} {}",
        finding.start.line,
        finding.start.column,
        d.severity.as_str(),
        d.code,
        d.message
    )?;
    let snippet = SnippetText::new(text, lines, d.span.start, d.span.end);
    let help = d.fix.as_ref().map(|fix| {
        let kind = match fix.applicability {
            Applicability::Safe => "fix",
            Applicability::Unsafe => "unsafe fix",
        };
        format!("{kind}: {}", fix.title)
    });
    let notes: Vec<String> = d
        .related
        .iter()
        .zip(finding.related)
        .map(|(related, (start, _))| {
            format!("{}:{}: {}", start.line, start.column, related.message)
        })
        .collect();
    if !styled {
        let messages: Vec<(&str, &str)> = help
            .iter()
            .map(|help| ("help", help.as_str()))
            .chain(notes.iter().map(|note| ("note", note.as_str())))
            .collect();
        let single_line = !snippet.text.contains('\n');
        if let Some(rendered) = single_line
            .then(|| {
                super::snippet_plain::render(
                    &snippet.text,
                    snippet.first_line + 1,
                    snippet.range.clone(),
                    &messages,
                )
            })
            .flatten()
        {
            return writeln!(out, "{rendered}\n");
        }
    }
    let mut group = Group::with_level(level(d.severity)).element(
        Snippet::source(snippet.text.as_str())
            .line_start(snippet.first_line + 1)
            .fold(false)
            .annotation(AnnotationKind::Primary.span(snippet.range.clone())),
    );
    if let Some(help) = help {
        group = group.element(Level::HELP.message(help));
    }
    for note in notes {
        group = group.element(Level::NOTE.message(note));
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
            let (from, to) = window(text, content.range(), start.max(content.start), end);
            let base = out.len();
            out.push_str(&text[from..to]);
            let clamp = |offset: usize| base + offset.clamp(from, to) - from;
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

/// The part of `line` shown for a span `span_start..span_end` that starts
/// on it or before: up to [`LINE_WINDOW`] bytes on each side of the span
/// (of its first [`MAX_SPAN_SHOWN`] bytes), cut at character boundaries.
fn window(
    text: &str,
    line: std::ops::Range<usize>,
    span_start: usize,
    span_end: usize,
) -> (usize, usize) {
    let mut from = span_start.saturating_sub(LINE_WINDOW).max(line.start);
    while !text.is_char_boundary(from) {
        from -= 1;
    }
    let shown_end = span_end.clamp(span_start, span_start.saturating_add(MAX_SPAN_SHOWN));
    let mut to = shown_end
        .saturating_add(LINE_WINDOW)
        .min(line.end)
        .max(from);
    while !text.is_char_boundary(to) {
        to += 1;
    }
    (from, to)
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

/// `styled`: the count in bold (stripped with colour off); the concise
/// format has no styles at all. `failed`: paths that could not be read or
/// written, whose errors went to stderr — so "No problems found" never
/// stands alone over a run that did not check everything.
pub fn write_summary(
    out: &mut dyn Write,
    summary: &Summary,
    fixing: bool,
    styled: bool,
    failed: usize,
) -> io::Result<()> {
    let failed = match failed {
        0 => String::new(),
        n => format!("; {} failed (errors on stderr)", plural(n, "path", "paths")),
    };
    let bold = if styled { BOLD } else { Style::new() };
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
        writeln!(out, "No problems found; {files} checked{failed}.")?;
        return write_generic_note(out, summary);
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
        "{bold}Found {} ({}){bold:#} in {} of {files} checked",
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
    writeln!(out, "{failed}.")?;
    write_generic_note(out, summary)
}

/// Header checks are only as good as the profile: a clean file does not
/// name its profile, so say how many of them fell back to the generic one
/// (a whole collection can, for want of a `[profiles]` glob).
fn write_generic_note(out: &mut dyn Write, summary: &Summary) -> io::Result<()> {
    match summary.clean_files_generic {
        0 => Ok(()),
        1 => writeln!(
            out,
            "1 file without findings matched no collection and was checked with the generic profile (--show-profiles names it)."
        ),
        n => writeln!(
            out,
            "{n} files without findings matched no collection and were checked with the generic profile (--show-profiles names them)."
        ),
    }
}

fn plural(count: usize, one: &str, many: &str) -> String {
    format!("{count} {}", if count == 1 { one } else { many })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn snippet(text: &str, start: usize, end: usize) -> SnippetText {
        SnippetText::new(text, &LineIndex::new(text), start, end)
    }

    #[test]
    fn a_short_line_is_shown_whole() {
        let text = "头 [𠀋 x\r\nnext\r\n";
        let s = snippet(text, 4, 5);
        assert_eq!(s.text, "头 [𠀋 x");
        assert_eq!(&s.text[s.range.clone()], "[");
    }

    #[test]
    fn a_long_line_is_cut_around_the_span_at_character_boundaries() {
        // 1 MB of CJK and astral characters with a bracket in the middle:
        // the snippet holds a window around it, not the whole line.
        let half = "姬鹏飞𠀋".repeat(40_000);
        let text = format!("{half}[{half}\n");
        let open = half.len();
        let s = snippet(&text, open, open + 1);
        assert!(s.text.len() <= 3 * LINE_WINDOW + 8, "{}", s.text.len());
        assert_eq!(&s.text[s.range.clone()], "[");
        assert!(text.contains(&s.text));
    }

    #[test]
    fn a_span_over_a_long_line_keeps_its_start() {
        let line = "a".repeat(40_000);
        let text = format!("x{line}\n");
        let s = snippet(&text, 1, text.len() - 1);
        assert_eq!(s.range.start, 1);
        assert_eq!(s.text.len(), 1 + MAX_SPAN_SHOWN + LINE_WINDOW);
    }
}
