use crate::diagnostic::Severity;
use crate::rules::{Context, Family, FixAvailability, Rule, RuleMeta};
use crate::text::Span;

pub struct UnclosedBracket;

static META: RuleMeta = RuleMeta {
    code: "B001",
    name: "unclosed-bracket",
    family: Family::Brackets,
    default_severity: Severity::Error,
    default_enabled: true,
    fix: FixAvailability::None,
    summary: "An editorial `[` that its paragraph never closes.",
    explanation: "Every editorial bracket opened in a paragraph is closed in the same \
paragraph: brackets are paired paragraph by paragraph (a blank line ends one), so a single \
missing `]` cannot swallow the rest of the document. The message says where the paragraph \
ends. There is no automatic fix: only the editor knows where the supplied text stops.\n\n\
A text that stops inside a bracket (a page cut off mid-sentence, a truncated export) is \
reported too, since the tool cannot tell a cut from a mistake; the message then says that \
the text ends inside the bracket. Suppress it for such a file with \
`% cablelint: disable-file B001` if the cut is known.",
    wrong: "Vice Minister Ji [Pengfei handed our memorandum to the ambassador.\n",
    right: "Vice Minister Ji [Pengfei] handed our memorandum to the ambassador.\n",
};

impl Rule for UnclosedBracket {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, cx: &mut Context) {
        let doc = cx.doc;
        let text_end = super::text_end(doc);
        // Paragraphs are sorted and so are brackets: walk both together.
        let mut paragraphs = doc.brackets.paragraphs.iter().peekable();
        for bracket in doc.brackets.list.iter().filter(|b| b.close().is_none()) {
            while paragraphs.next_if(|p| p.end < bracket.open()).is_some() {}
            let Some(paragraph) = paragraphs.peek().map(|p| **p) else {
                continue;
            };
            let mut message = String::with_capacity(128);
            message.push_str("`[` is not closed ");
            super::push_where_it_ends(&mut message, doc, paragraph, text_end);
            if Some(paragraph.end) == text_end {
                message.push_str("; if the text was cut off, the cut fell inside this bracket");
            }
            cx.report(Span::new(bracket.open(), bracket.open() + 1), message);
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::check;
    use expect_test::expect;

    #[test]
    fn reports_where_the_paragraph_ends_with_crlf_cjk_and_astral_text() {
        let text =
            "发往 𠀋 [乌鲁木齐 Wulumuqi\r\nstill the same paragraph\r\n\r\n[Urumqi] and [more]\r\n";
        expect![[r#"
            1:6-1:7 error B001: `[` is not closed before its paragraph ends (line 2)
        "#]]
        .assert_eq(&check("B001", text));
    }

    #[test]
    fn a_bracket_open_when_the_text_stops_says_so() {
        // As the corpus file of Czechoslovak cable no. 319 ends.
        let text = "The Vietnamese ambassador visited me.\n\nHe had the same questions as Kříž [military attaché at the C";
        expect![[r#"
            3:35-3:36 error B001: `[` is not closed before the text ends (line 3); if the text was cut off, the cut fell inside this bracket
        "#]]
        .assert_eq(&check("B001", text));
        // Trailing blank lines and directives do not hide the cut.
        let text = "a [b\n\n% cablelint: disable-next-line H\n\n";
        expect![[r#"
            1:3-1:4 error B001: `[` is not closed before the text ends (line 1); if the text was cut off, the cut fell inside this bracket
        "#]]
        .assert_eq(&check("B001", text));
    }

    #[test]
    fn nested_and_multiline_closed_brackets_pass() {
        let text =
            "[Translator’s note: see [1]\r\nand the stamp] [CPSU CC stamp:\nSubject to return]\n";
        expect![[""]].assert_eq(&check("B001", text));
    }

    #[test]
    fn a_bracket_in_a_directive_line_does_not_count() {
        let text = "% cablelint: profile = generic [\nok\n";
        expect![[""]].assert_eq(&check("B001", text));
    }

    #[test]
    fn every_unclosed_bracket_of_a_long_paragraph_is_reported_once() {
        let text = format!("{}\n\nend", "[a ".repeat(1000));
        assert_eq!(check("B001", &text).lines().count(), 1000);
    }
}
