use crate::diagnostic::Severity;
use crate::rules::{Context, Family, FixAvailability, Rule, RuleMeta};
use crate::text::Span;

pub struct StrayCloseBracket;

static META: RuleMeta = RuleMeta {
    code: "B002",
    name: "stray-close-bracket",
    family: Family::Brackets,
    default_severity: Severity::Error,
    default_enabled: true,
    fix: FixAvailability::None,
    summary: "A `]` with no editorial `[` open in its paragraph.",
    explanation: "A closing bracket that closes nothing usually means the opening `[` was \
lost (`Ji Pengfei]`) or typed in the paragraph before, across a blank line. When the \
paragraph before left a `[` open, the finding points to it. There is no automatic fix: \
where the bracket should open is the editor's call.",
    wrong: "Vice Minister Ji Pengfei] handed our memorandum to the ambassador.\n",
    right: "Vice Minister Ji [Pengfei] handed our memorandum to the ambassador.\n",
};

impl Rule for StrayCloseBracket {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, cx: &mut Context) {
        let doc = cx.doc;
        let brackets = &doc.brackets;
        // Most files close every `]`: the open brackets are not listed then.
        if brackets.stray_closes.is_empty() {
            return;
        }
        let unclosed: Vec<usize> = brackets
            .list
            .iter()
            .filter(|b| b.close().is_none())
            .map(|b| b.open())
            .collect();
        for &at in &brackets.stray_closes {
            let report = cx.report(
                Span::new(at, at + 1),
                "`]` closes nothing: no `[` is open in its paragraph",
            );
            // The last `[` left open before this `]`, if it is in the paragraph just before.
            let paragraph = brackets.paragraph_index(at);
            let before = unclosed.partition_point(|&open| open < at);
            if let Some(&open) = before.checked_sub(1).and_then(|i| unclosed.get(i)) {
                if paragraph > 0 && brackets.paragraph_index(open) == paragraph - 1 {
                    report.related(
                        Span::new(open, open + 1),
                        "a `[` left open in the paragraph before; a bracket cannot span a blank line",
                    );
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::check;
    use expect_test::expect;

    #[test]
    fn reports_stray_closes_on_crlf_cjk_and_astral_lines() {
        let text = "发往 𠀋 乌鲁木齐] ok\r\n[a] b] [c]\r\n";
        expect![[r#"
            1:10-1:11 error B002: `]` closes nothing: no `[` is open in its paragraph
            2:6-2:7 error B002: `]` closes nothing: no `[` is open in its paragraph
        "#]]
        .assert_eq(&check("B002", text));
    }

    #[test]
    fn points_to_a_bracket_left_open_across_a_blank_line() {
        let text = "[CPSU CC stamp:\r\n\r\nSubject to return]\r\n\r\nnext] one\r\n";
        expect![[r#"
            3:18-3:19 error B002: `]` closes nothing: no `[` is open in its paragraph (see 1:1: a `[` left open in the paragraph before; a bracket cannot span a blank line)
            5:5-5:6 error B002: `]` closes nothing: no `[` is open in its paragraph
        "#]]
        .assert_eq(&check("B002", text));
    }

    #[test]
    fn balanced_brackets_pass() {
        expect![[""]].assert_eq(&check("B002", "[a [b]] [c]\n\n[d\ne]\n"));
    }
}
