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
    if messages
        .iter()
        .any(|(_, text)| text.chars().any(is_replaced_in_messages))
    {
        return None;
    }
    let number = line_number.to_string();
    // Leading blanks as annotate-snippets counts them (no-break spaces too).
    let leading = line.chars().take_while(|c| c.is_whitespace()).count();
    let shown = if width <= MAX_LINE_WIDTH && leading <= MAX_LEADING_BLANKS {
        Shown {
            line: std::borrow::Cow::Borrowed(line),
            column,
        }
    } else {
        cut(line, number.len(), column, underline, width)?
    };
    let gutter = " ".repeat(number.len() + 1);
    let mut out = String::with_capacity(
        4 * gutter.len()
            + shown.line.len()
            + shown.column
            + underline
            + messages.iter().map(|m| m.1.len() + 16).sum::<usize>(),
    );
    out.push_str(&gutter);
    out.push_str("|\n");
    out.push_str(&number);
    out.push_str(" | ");
    out.push_str(&shown.line);
    out.push('\n');
    out.push_str(&gutter);
    out.push_str("| ");
    push_repeated(&mut out, SPACES, shown.column);
    push_repeated(&mut out, CARETS, underline);
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

const SPACES: &str = "                                                                ";
const CARETS: &str = "^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^";

/// `n` characters of `run` (one ASCII character repeated), copied in runs
/// rather than pushed one at a time.
fn push_repeated(out: &mut String, run: &str, mut n: usize) {
    while n > 0 {
        let take = n.min(run.len());
        out.push_str(&run[..take]);
        n -= take;
    }
}

/// The line as shown, and the column of the span on it.
struct Shown<'a> {
    line: std::borrow::Cow<'a, str>,
    column: usize,
}

/// A line annotate-snippets may cut to the terminal's width, as it cuts it
/// (its `Margin` and `draw_line`): the part around the span, with `...` over
/// the first and last three columns where it was cut. Only lines whose
/// characters are all one column wide, where columns and characters agree,
/// and spans narrower than the terminal.
fn cut(
    line: &str,
    digits: usize,
    column: usize,
    underline: usize,
    width: usize,
) -> Option<Shown<'_>> {
    let ascii = is_printable_ascii(line);
    if !ascii && line.chars().any(|c| char_width(c) != Some(1)) {
        return None;
    }
    let code_offset = 3 + digits;
    let term_width = TERM_WIDTH.checked_sub(code_offset)?;
    if underline > term_width {
        return None;
    }
    let leading = if line.chars().all(char::is_whitespace) {
        0
    } else {
        line.chars().take_while(|c| c.is_whitespace()).count()
    };
    let (span_left, span_right) = (column, column + underline);
    // `Margin::new` and `Margin::compute`, for one span without a label.
    let whitespace_left = leading.min(span_left).saturating_sub(ELLIPSIS_PASSING);
    let span_left = span_left.saturating_sub(ELLIPSIS_PASSING);
    let span_right = span_right + ELLIPSIS_PASSING;
    let label_right = span_right;
    let mut computed_left = if whitespace_left > LONG_WHITESPACE {
        whitespace_left - (LONG_WHITESPACE - LONG_WHITESPACE_PADDING)
    } else {
        0
    };
    let mut computed_right = width.max(computed_left);
    if computed_right - computed_left > term_width {
        if label_right.saturating_sub(whitespace_left) <= term_width
            && label_right >= whitespace_left
        {
            computed_left = whitespace_left;
            computed_right = computed_left + term_width;
        } else if label_right - span_left <= term_width {
            let padding_left = (term_width - (label_right - span_left)) / 2;
            computed_left = span_left.saturating_sub(padding_left);
            computed_right = computed_left + term_width;
        } else {
            // (Without a label, the span ends where the label would: the
            // third case of `compute` is the second.)
            computed_left = span_left;
            computed_right = span_right;
        }
    }
    // `draw_line`, where every character is one column.
    let left = computed_left.min(width);
    let right = if width.saturating_sub(computed_left) <= term_width {
        width
    } else {
        width.min(computed_right)
    };
    // Characters are columns: the code shown is columns `left..right`.
    if right - left < 2 * PLACEHOLDER.len() || column < left {
        return None;
    }
    let byte_at = |col: usize| {
        if ascii {
            col
        } else {
            line.char_indices().nth(col).map_or(line.len(), |(i, _)| i)
        }
    };
    let (cut_left, cut_right) = (computed_left > 0, width > right);
    let from = left + if cut_left { PLACEHOLDER.len() } else { 0 };
    let to = right - if cut_right { PLACEHOLDER.len() } else { 0 };
    let mut shown = String::with_capacity(to - from + 2 * PLACEHOLDER.len() + 4);
    if cut_left {
        shown.push_str(PLACEHOLDER);
    }
    shown.push_str(&line[byte_at(from)..byte_at(to)]);
    if cut_right {
        shown.push_str(PLACEHOLDER);
    }
    Some(Shown {
        line: std::borrow::Cow::Owned(shown),
        column: column - left,
    })
}

/// annotate-snippets' terminal width, and its margins around a span.
const TERM_WIDTH: usize = 140;
const ELLIPSIS_PASSING: usize = 6;
const LONG_WHITESPACE: usize = 20;
const LONG_WHITESPACE_PADDING: usize = 4;
const PLACEHOLDER: &str = "...";

/// Characters left to annotate-snippets in messages: line breaks and other
/// controls, and those it replaces in source lines and titles (the
/// zero-width joiner, bidirectional controls), should it come to replace
/// them in messages too.
fn is_replaced_in_messages(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{200D}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}'
        )
}

/// Display columns of `text`, if every character is one whose width is
/// known here (printable ASCII, common Latin, Cyrillic, CJK and the
/// typographic punctuation of cables).
fn text_width(text: &str) -> Option<usize> {
    if is_printable_ascii(text) {
        return Some(text.len());
    }
    text.chars().map(char_width).sum()
}

/// Whether `text` is all printable ASCII, one column a byte (a loop that
/// vectorises: most lines are).
fn is_printable_ascii(text: &str) -> bool {
    text.bytes()
        .fold(true, |all, b| all & (b' '..=b'~').contains(&b))
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
        for blanks in [" ", "\u{A0}"] {
            for count in [19, 20, 21, 27, 40] {
                let line = format!("{}x [] y", blanks.repeat(count));
                let at = line.find('[').unwrap();
                let expected = annotated(Level::NOTE, &line, 2, at..at + 2, notes);
                if let Some(got) = render(&line, 2, at..at + 2, notes) {
                    assert_eq!(got, expected, "{line:?}");
                }
            }
        }
        let wide = format!(
            "{}[]{}",
            "word ".repeat(18),
            "x".repeat(MAX_LINE_WIDTH - 92)
        );
        assert_eq!(wide.len(), MAX_LINE_WIDTH);
        same(&wide, 1_000_000, 90..92, notes);
    }

    /// Long lines, cut around the span as annotate-snippets cuts them:
    /// spans at the start, middle and end, long leading blanks, wide spans,
    /// line numbers of every length.
    #[test]
    fn long_lines_are_cut_as_annotate_snippets_cuts_them() {
        let notes: &[(&str, &str)] = &[("help", "unsafe fix: Delete the empty brackets")];
        let (mut handled, mut cut_left, mut cut_right) = (0, 0, 0);
        for words in [
            "Ambassador “Chervonenko” replied… the memorandum — ",
            "the memorandum replied [x] embassy ",
        ] {
            for length in [101, 120, 139, 140, 141, 150, 200, 400, 1100] {
                for blanks in [0, 5, 21, 26, 27, 40, 90] {
                    let text: String = words.chars().cycle().take(length).collect();
                    let line = format!("{}{text}", " ".repeat(blanks));
                    let chars = line.chars().count();
                    for at in [
                        blanks,
                        blanks + 1,
                        chars / 3,
                        chars / 2,
                        chars - 30,
                        chars - 7,
                        chars - 1,
                    ] {
                        for span_chars in [1, 2, 13, 60, 130, 140] {
                            let end_char = (at + span_chars).min(chars);
                            let byte = |c: usize| {
                                line.char_indices().nth(c).map_or(line.len(), |(i, _)| i)
                            };
                            let span = byte(at)..byte(end_char);
                            if span.is_empty() {
                                continue;
                            }
                            for line_number in [7, 12_345] {
                                for messages in [&[][..], notes] {
                                    let expected = annotated(
                                        Level::WARNING,
                                        &line,
                                        line_number,
                                        span.clone(),
                                        messages,
                                    );
                                    if let Some(got) =
                                        render(&line, line_number, span.clone(), messages)
                                    {
                                        assert_eq!(
                                            got, expected,
                                            "{line:?} {span:?} {line_number}"
                                        );
                                        handled += 1;
                                        cut_left += usize::from(got.contains("| ..."));
                                        cut_right += usize::from(got.contains("...\n"));
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        assert!(
            handled > 2000 && cut_left > 200 && cut_right > 200,
            "{handled} {cut_left} {cut_right}"
        );
    }

    #[test]
    fn other_cases_are_left_to_annotate_snippets() {
        assert_eq!(render("tab\there", 1, 0..3, &[]), None);
        assert_eq!(render("x", 1, 0..0, &[]), None);
        assert_eq!(render("x", 1, 0..2, &[]), None);
        assert_eq!(render("zero\u{200B}width", 1, 0..4, &[]), None);
        assert_eq!(render(&"姬".repeat(101), 1, 0..3, &[]), None);
        assert_eq!(
            render(&format!("{}姬", " ".repeat(21)), 1, 21..24, &[]),
            None
        );
        for odd in [
            "two\nlines",
            "zwj \u{200D}",
            "bidi \u{202E}x",
            "iso \u{2066}",
            "c1 \u{85}",
        ] {
            assert_eq!(render("x", 1, 0..1, &[("note", odd)]), None, "{odd:?}");
        }
    }
}
