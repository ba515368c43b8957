use crate::diagnostic::Severity;
use crate::model::BracketClass;
use crate::rules::{Context, Family, FixAvailability, Rule, RuleMeta};
use crate::text::Span;

pub struct NestedBracket;

static META: RuleMeta = RuleMeta {
    code: "B003",
    name: "nested-bracket",
    family: Family::Brackets,
    default_severity: Severity::Warning,
    default_enabled: true,
    fix: FixAvailability::None,
    summary: "An editorial bracket inside another one.",
    explanation: "Square brackets mark what the editor added; a bracket inside a bracket \
leaves the reader unsure whose words are whose, and usually means a `]` was forgotten or \
typed too late (`[Stepan [V.] Chervonenko]`). Two places where nesting is the convention \
pass: inside an editor's note or a stamp (`[Translator's note: … [1] …]`, `[CPSU CC stamp: \
…]`) and inside a FRUS structural note (`[Here follows …]`), which quote bracketed text; \
and a footnote mark (`[1]`) may stand anywhere, being the page's rendering of a note \
reference. There is no automatic fix.",
    wrong: "[To the Xinjiang [Uyghur] Autonomous Region]:\n",
    right: "[To the] Xinjiang [Uyghur] Autonomous Region:\n",
};

impl Rule for NestedBracket {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, cx: &mut Context) {
        let doc = cx.doc;
        let list = &doc.brackets.list;
        let inside_note = super::inside_note(doc);
        for (i, bracket) in list.iter().enumerate() {
            let Some(parent) = bracket.parent() else {
                continue;
            };
            // An unclosed parent is B001's finding; whether this one nests is a guess.
            if inside_note[i]
                || bracket.settled_class() == Some(BracketClass::FootnoteMark)
                || list[parent].close().is_none()
            {
                continue;
            }
            let outer = list[parent].span();
            cx.report(bracket.span(), "editorial bracket inside another bracket")
                .related(
                    Span::new(outer.start, outer.start + 1),
                    "the enclosing bracket opens here",
                );
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::check;
    use expect_test::expect;

    #[test]
    fn reports_nested_brackets_with_crlf_cjk_and_astral_text() {
        let text = "𠀋 [发往 [乌鲁木齐] x]\r\n[a [b [c]]]\r\n";
        expect![[r#"
            1:7-1:13 warning B003: editorial bracket inside another bracket (see 1:3: the enclosing bracket opens here)
            2:4-2:11 warning B003: editorial bracket inside another bracket (see 2:1: the enclosing bracket opens here)
            2:7-2:10 warning B003: editorial bracket inside another bracket (see 2:4: the enclosing bracket opens here)
        "#]].assert_eq(&check("B003", text));
    }

    #[test]
    fn nesting_inside_notes_and_footnote_marks_pass() {
        let text = "[Translator’s note: Distribution [as printed] is [1] here]\n\
                    [Here follows text of [the] telegram]\n\
                    [Soviet Ambassador[2]] Tovmassian\n";
        expect![[""]].assert_eq(&check("B003", text));
    }

    #[test]
    fn brackets_inside_an_unclosed_one_are_left_to_b001() {
        expect![[""]].assert_eq(&check("B003", "[a [b] c\n"));
    }
}
