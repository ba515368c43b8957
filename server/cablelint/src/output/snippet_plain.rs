//! The human format's snippet for the common case, written directly: one
//! short line of text whose every character has a known width, one span on
//! it, one-line notes, no colour. This is byte for byte what
//! annotate-snippets' plain renderer gives for it (the tests compare the
//! two over every character allowed), at a tenth of the cost; anything else
//! goes to annotate-snippets.

/// A line wider than this might be cut to the terminal's width by
/// annotate-snippets (at 140 columns less the gutter): it is left to it.
const MAX_LINE_WIDTH: usize = 100;
/// Leading blanks wider than this might be cut (past 26 columns).
const MAX_LEADING_BLANKS: usize = 20;

/// `line` (1-based number `line_number`) with `span` underlined, then the
/// `messages` (`help`/`note` and text) as annotate-snippets' plain renderer
/// renders them, without the final line break; `None` where the case is
/// not one this handles.
pub fn render(
    line: &str,
    line_number: usize,
    span: std::ops::Range<usize>,
    messages: &[(&str, &str)],
) -> Option<String> {
    if span.start >= span.end || span.end > line.len() {
        return None;
    }
    let (before, spanned) = (line.get(..span.start)?, line.get(span.clone())?);
    let column = text_width(before)?;
    let underline = text_width(spanned)?;
    let width = column + underline + text_width(&line[span.end..])?;
    let leading = line.len() - line.trim_start_matches(' ').len();
    if width > MAX_LINE_WIDTH || leading > MAX_LEADING_BLANKS {
        return None;
    }
    if messages
        .iter()
        .any(|(_, text)| text.chars().any(|c| c.is_control()))
    {
        return None;
    }
    let number = line_number.to_string();
    let gutter = " ".repeat(number.len() + 1);
    let mut out = String::with_capacity(
        4 * gutter.len()
            + line.len()
            + width
            + messages.iter().map(|m| m.1.len() + 16).sum::<usize>(),
    );
    out.push_str(&gutter);
    out.push_str("|\n");
    out.push_str(&number);
    out.push_str(" | ");
    out.push_str(line);
    out.push('\n');
    out.push_str(&gutter);
    out.push_str("| ");
    out.extend(std::iter::repeat_n(' ', column));
    out.extend(std::iter::repeat_n('^', underline));
    if !messages.is_empty() {
        out.push('\n');
        out.push_str(&gutter);
        out.push('|');
    }
    for (kind, text) in messages {
        out.push('\n');
        out.push_str(&gutter);
        out.push_str("= ");
        out.push_str(kind);
        out.push_str(": ");
        out.push_str(text);
    }
    Some(out)
}

/// Display columns of `text`, if every character is one whose width is
/// known here (printable ASCII, common Latin, Cyrillic, CJK and the
/// typographic punctuation of cables).
fn text_width(text: &str) -> Option<usize> {
    text.chars().map(char_width).sum()
}

fn char_width(c: char) -> Option<usize> {
    match c {
        ' '..='~'
        | '\u{A0}'..='\u{AC}'
        | '\u{AE}'..='\u{17F}'
        | '\u{400}'..='\u{482}'
        | '\u{48A}'..='\u{4FF}'
        | '\u{2013}'
        | '\u{2014}'
        | '\u{2018}'
        | '\u{2019}'
        | '\u{201C}'..='\u{201E}'
        | '\u{2026}' => Some(1),
        '\u{3001}'..='\u{3011}'
        | '\u{3400}'..='\u{4DBF}'
        | '\u{4E00}'..='\u{9FFF}'
        | '\u{FF01}'..='\u{FF60}'
        | '\u{20000}'..='\u{2A6DF}' => Some(2),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use annotate_snippets::{AnnotationKind, Group, Level, Renderer, Snippet};

    /// What annotate-snippets' plain renderer gives, as the human format
    /// asks it.
    fn annotated(
        level: Level<'static>,
        line: &str,
        line_number: usize,
        span: std::ops::Range<usize>,
        messages: &[(&str, &str)],
    ) -> String {
        let mut group = Group::with_level(level).element(
            Snippet::source(line)
                .line_start(line_number)
                .fold(false)
                .annotation(AnnotationKind::Primary.span(span)),
        );
        for (kind, text) in messages {
            let level = if *kind == "help" {
                Level::HELP
            } else {
                Level::NOTE
            };
            group = group.element(level.message(*text));
        }
        Renderer::plain().render(&[group])
    }

    fn same(
        line: &str,
        line_number: usize,
        span: std::ops::Range<usize>,
        messages: &[(&str, &str)],
    ) {
        let got = render(line, line_number, span.clone(), messages);
        for level in [Level::ERROR, Level::WARNING, Level::INFO, Level::NOTE] {
            let expected = annotated(level, line, line_number, span.clone(), messages);
            assert_eq!(
                got.as_deref(),
                Some(expected.as_str()),
                "{line:?} {line_number} {span:?} {messages:?}"
            );
        }
    }

    /// Every character given a width here has that width in
    /// annotate-snippets: one before a span shifts it by its width, one
    /// spanned is underlined by it.
    #[test]
    fn every_known_character_is_as_wide_as_annotate_snippets_draws_it() {
        let known = (0..=0x2A6DF_u32)
            .filter_map(char::from_u32)
            .filter(|&c| char_width(c).is_some());
        for c in known
            .step_by(13)
            .chain(['(', '“', '…', '（', '𠀋', 'ł', 'Ж', '\u{A0}'])
        {
            let line = format!("a{c}b{c} z");
            let b = 1 + c.len_utf8();
            same(&line, 3, b..b + 1, &[]);
            same(&line, 3, 1..b, &[]);
        }
    }

    #[test]
    fn lines_spans_and_messages_are_drawn_as_annotate_snippets_draws_them() {
        let notes: &[(&str, &str)] = &[
            ("help", "unsafe fix: Delete the empty brackets"),
            ("note", "25:1: the closing date “x”"),
        ];
        for line_number in [1, 9, 10, 99, 100, 12_345, 1_000_000] {
            for (line, span) in [
                ("28 January 1968", 0..15),
                ("The (text is here", 4..5),
                ("  The (indented text", 6..7),
                ("end.  (   ", 6..7),
                ("姬鹏飞 (𠀋 here", 10..11),
                ("姬鹏飞 (𠀋 here", 11..15),
                ("[]", 0..2),
                ("x", 0..1),
                ("                    indented [x]", 29..32),
                (
                    "Came in to the Decoding Department…03.12.63. at 14:30 hours……",
                    37..61,
                ),
            ] {
                for messages in [&[][..], &notes[..1], &notes[1..], notes] {
                    same(line, line_number, span.clone(), messages);
                }
            }
        }
        let long_note = format!("3:1: {}", "a long note “quoted” 姬鹏飞 ".repeat(20));
        same(
            "x [] y",
            3,
            2..4,
            &[("note", &long_note), ("help", "fix: Write `...`")],
        );
        // The widest line handled, with a 7-digit line number.
        let wide = format!(
            "{}[]{}",
            "word ".repeat(18),
            "x".repeat(MAX_LINE_WIDTH - 92)
        );
        assert_eq!(wide.len(), MAX_LINE_WIDTH);
        same(&wide, 1_000_000, 90..92, notes);
    }

    #[test]
    fn other_cases_are_left_to_annotate_snippets() {
        assert_eq!(render("tab\there", 1, 0..3, &[]), None);
        assert_eq!(render("x", 1, 0..0, &[]), None);
        assert_eq!(render("x", 1, 0..2, &[]), None);
        assert_eq!(render("zero\u{200B}width", 1, 0..4, &[]), None);
        assert_eq!(render(&"x".repeat(101), 1, 0..1, &[]), None);
        assert_eq!(
            render(&format!("{}x", " ".repeat(21)), 1, 21..22, &[]),
            None
        );
        assert_eq!(render("x", 1, 0..1, &[("note", "two\nlines")]), None);
    }
}
