//! B: editorial square brackets and other paired punctuation.

mod b001_unclosed_bracket;
mod b002_stray_close_bracket;
mod b003_nested_bracket;
mod b004_empty_bracket;
mod b005_multiline_bracket;
mod b006_unbalanced_punctuation;
mod b007_nonstandard_ellipsis;

use super::Rule;
use crate::model::{BracketClass, Document};
use crate::text::Span;

pub(super) static RULES: &[&dyn Rule] = &[
    &b001_unclosed_bracket::UnclosedBracket,
    &b002_stray_close_bracket::StrayCloseBracket,
    &b003_nested_bracket::NestedBracket,
    &b004_empty_bracket::EmptyBracket,
    &b005_multiline_bracket::MultilineBracket,
    &b006_unbalanced_punctuation::UnbalancedPunctuation,
    &b007_nonstandard_ellipsis::NonstandardEllipsis,
];

/// 1-based line number of an offset, as messages print it.
fn line_number(doc: &Document, offset: usize) -> usize {
    doc.lines.line_of(offset) + 1
}

/// The end of the text's last paragraph, directive lines aside: a bracket or
/// quotation still open there is open when the text stops, which is what a
/// text cut off mid-sentence looks like.
fn text_end(doc: &Document) -> Option<usize> {
    doc.brackets
        .paragraphs
        .iter()
        .rev()
        .find(|p| {
            doc.slice(**p)
                .lines()
                .any(|l| !l.starts_with(crate::model::directives::PREFIX))
        })
        .map(|p| p.end)
}

/// Appends where an unclosed opener's paragraph ends, in words for a
/// message.
fn push_where_it_ends(out: &mut String, doc: &Document, paragraph: Span, text_end: Option<usize>) {
    let line = line_number(doc, paragraph.end);
    out.push_str(if Some(paragraph.end) == text_end {
        "before the text ends (line "
    } else {
        "before its paragraph ends (line "
    });
    crate::rules::push_decimal(out, line);
    out.push(')');
}

/// For each bracket, whether it sits inside an editor's note or a FRUS
/// structural note, where brackets may nest and run across lines. Computed
/// front to back (a parent comes before its children), so deep nesting stays
/// linear.
fn inside_note(doc: &Document) -> Vec<bool> {
    let list = &doc.brackets.list;
    let mut inside = vec![false; list.len()];
    for i in 0..list.len() {
        if let Some(parent) = list[i].parent() {
            inside[i] = inside[parent] || is_note(list[parent].settled_class());
        }
    }
    inside
}

/// Takes the class the parse settled: every note and structural bracket
/// has one (see `Bracket::settled_class`).
fn is_note(class: Option<BracketClass>) -> bool {
    matches!(
        class,
        Some(BracketClass::EditorNote | BracketClass::Structural)
    )
}

/// Spans of directive lines, whose text is not the cable's.
fn directive_spans(doc: &Document) -> Vec<Span> {
    doc.directives.iter().map(|d| d.span).collect()
}

#[cfg(test)]
mod tests {
    use crate::lint::{check as lint_check, CheckOptions, RuleSelection};
    use crate::rules::testing::check;
    use crate::text::SourceText;
    use expect_test::expect;

    #[test]
    fn odd_inputs_give_findings_inside_the_text_and_never_panic() {
        let options = CheckOptions {
            selection: RuleSelection {
                select: Some(vec!["B".into()]),
                ..Default::default()
            },
            ..Default::default()
        };
        for text in [
            "",
            "[",
            "]",
            "“",
            "”",
            "\r",
            "\r\n\r\n[",
            "(",
            ")",
            "\u{FEFF}[",
            "% cablelint:",
            "[….",
            "1)",
            "“\n\n“",
            ":)",
            "𠀋)",
            "（",
            "[\u{a0}]",
            "]\r[",
            "\"",
            "„“”",
            "」「",
            "% cablelint: profile = prc-mfa-cable\n[\n]",
            "[[]",
            "[]]",
            "[. .\n.]",
            "a\u{3000}\n\n)",
        ] {
            let result = lint_check(SourceText::from_str(text), &options);
            let body = result.document.text();
            for d in &result.diagnostics {
                for span in std::iter::once(d.span).chain(d.related.iter().map(|r| r.span)) {
                    assert!(
                        span.start <= span.end
                            && span.end <= body.len()
                            && body.is_char_boundary(span.start)
                            && body.is_char_boundary(span.end),
                        "{text:?}: {d:?}"
                    );
                }
            }
        }
    }

    /// What the real corpus has that a naive bracket checker reports: none of
    /// it is a B finding, under the strictest profile (no multi-line brackets).
    #[test]
    fn the_known_false_positives_of_the_corpus_pass_every_b_rule() {
        let text = "% cablelint: profile = prc-mfa-cable\r\n\
            Synthetic[1] conclusions are as follows:\r\n\
            1)  The Prime Minister underscored several times; a) first, 1o) second: ii) third\r\n\
            the Ambassador of Brazil, Alencar34, said (see note 34).\r\n\
            we were talking only about /and in the future, too/ missiles of a relatively small range\r\n\
            \r\n\
            [Translator’s note: Distribution [as on the original] is as follows [1]: Brezhnev]\r\n\
            [CPSU CC stamp: Subject to return\r\n\
            within 3 days to the CC CPSU [General Department]]\r\n\
            \r\n\
            “I want,” R. Kennedy stressed, “to lay out the situation.\r\n\
            \r\n\
            “He wants 𠀋 N.S. Khrushchev to know this.”\r\n\
            \r\n\
            发往:乌鲁木齐 [Urumqi] （一）「引用」《人民日报》 [...] […]\r\n";
        expect![[""]].assert_eq(&check("B", text));
    }
}
