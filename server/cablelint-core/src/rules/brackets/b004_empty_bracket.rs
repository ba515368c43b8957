use crate::diagnostic::{Applicability, Edit, Fix, Severity};
use crate::model::BracketClass;
use crate::rules::{Context, Family, FixAvailability, Rule, RuleMeta};

pub struct EmptyBracket;

static META: RuleMeta = RuleMeta {
    code: "B004",
    name: "empty-bracket",
    family: Family::Brackets,
    default_severity: Severity::Warning,
    default_enabled: true,
    fix: FixAvailability::Always,
    summary: "An editorial bracket with nothing in it.",
    explanation:
        "An empty `[]` tells the reader that the editor meant to supply something and did \
not: a name, a date, an omission mark. Fill it in, or delete it. The fix deletes the brackets \
(with one adjacent space, so no double space is left); it is unsafe because the editor may have \
meant to write something there.",
    wrong: "On the 26th [], Vice Minister Ji met him.\n",
    right: "On the 26th [of June], Vice Minister Ji met him.\n",
};

impl Rule for EmptyBracket {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, cx: &mut Context) {
        let doc = cx.doc;
        for bracket in doc
            .brackets
            .list
            .iter()
            .filter(|b| b.settled_class() == Some(BracketClass::Empty))
        {
            let mut span = bracket.span();
            // Take one space with it so "the 26th [] met" becomes "the 26th met".
            if doc.text()[..span.start].ends_with(' ')
                && doc.text()[span.end..].starts_with([' ', ',', '.', ';', ':'])
            {
                span.start -= 1;
            }
            let fix = Fix {
                title: "Delete the empty brackets".into(),
                applicability: Applicability::Unsafe,
                edits: vec![Edit::delete(span)],
            };
            cx.report(bracket.span(), "empty editorial bracket")
                .fix(fix);
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::{check, fixed};
    use expect_test::expect;

    #[test]
    fn reports_empty_and_blank_brackets_on_cjk_and_astral_lines() {
        let text = "发往 𠀋 [] ok\r\nthe 26th [ ], Ji\r\n[x]\r\n";
        expect![[r#"
            1:6-1:8 warning B004: empty editorial bracket [fix unsafe: Delete the empty brackets]
            2:10-2:13 warning B004: empty editorial bracket [fix unsafe: Delete the empty brackets]
        "#]]
        .assert_eq(&check("B004", text));
        assert_eq!(fixed("B004", text), "发往 𠀋 ok\r\nthe 26th, Ji\r\n[x]\r\n");
    }

    #[test]
    fn brackets_with_content_pass() {
        expect![[""]].assert_eq(&check("B004", "[...] [sic] [1962] [?]\n"));
    }
}
