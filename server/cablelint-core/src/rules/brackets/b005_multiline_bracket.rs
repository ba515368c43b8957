use crate::diagnostic::Severity;
use crate::rules::{Context, Family, FixAvailability, Rule, RuleMeta};
use crate::text::Span;

pub struct MultilineBracket;

static META: RuleMeta = RuleMeta {
    code: "B005",
    name: "multiline-bracket",
    family: Family::Brackets,
    default_severity: Severity::Warning,
    default_enabled: true,
    fix: FixAvailability::None,
    summary: "An editorial bracket that runs across a line break where the profile keeps brackets on one line.",
    explanation: "Some collections print every supplied word or date on the line it belongs \
to, and their header fields are read line by line (`Receiver: Wulumuqi [Urumqi]`): there a \
bracket that runs onto the next line is a broken line or a lost `]`. The profile says so with \
`conventions.multiline_brackets = false` (the PRC Foreign Ministry profile does); elsewhere \
the rule is silent. Editor's notes, stamps and FRUS structural notes may still run across \
lines, as they do on the page. There is no automatic fix: joining the lines may not be what \
the editor meant.",
    wrong: "% cablelint: profile = prc-mfa-cable\nReceiver: Wulumuqi [Urumqi\n]\n",
    right: "% cablelint: profile = prc-mfa-cable\nReceiver: Wulumuqi [Urumqi]\n",
};

impl Rule for MultilineBracket {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, cx: &mut Context) {
        let doc = cx.doc;
        if doc.profile.conventions.multiline_brackets {
            return;
        }
        let inside_note = super::inside_note(doc);
        // Brackets come in text order: the open's line is found walking on,
        // and a close before the next line's start is on the same line, so
        // only a bracket that crosses a line looks its close's line up.
        let mut lines = doc.lines.cursor();
        for (i, bracket) in doc.brackets.list.iter().enumerate() {
            let Some(close) = bracket.close() else {
                continue;
            };
            if inside_note[i] || super::is_note(bracket.settled_class()) {
                continue;
            }
            let open_line = lines.line_of(bracket.open());
            if close < doc.lines.line_span(open_line).end {
                continue;
            }
            let close_line = doc.lines.line_of(close);
            cx.report(bracket.span(), {
                let mut message = String::with_capacity(128);
                message.push_str("editorial bracket runs from line ");
                crate::rules::push_decimal(&mut message, open_line + 1);
                message.push_str(" to line ");
                crate::rules::push_decimal(&mut message, close_line + 1);
                message.push_str("; the ");
                message.push_str(&doc.profile.name);
                message.push_str(" profile keeps brackets on one line");
                message
            })
            .related(Span::new(close, close + 1), "closed here");
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::check;
    use expect_test::expect;

    const PRC: &str = "% cablelint: profile = prc-mfa-cable\r\n";

    #[test]
    fn reports_brackets_across_lines_with_crlf_cjk_and_astral_text() {
        let text = format!("{PRC}发往 𠀋 [乌鲁木齐\r\nUrumqi] ok [a]\r\n[b\rc]\r\n");
        expect![[r#"
            2:6-3:8 warning B005: editorial bracket runs from line 2 to line 3; the PRC Foreign Ministry cable profile keeps brackets on one line (see 3:7: closed here)
            4:1-5:3 warning B005: editorial bracket runs from line 4 to line 5; the PRC Foreign Ministry cable profile keeps brackets on one line (see 5:2: closed here)
        "#]].assert_eq(&check("B005", &text));
    }

    #[test]
    fn notes_and_stamps_may_span_lines() {
        let text = format!(
            "{PRC}[CPSU CC stamp:\r\nSubject to return [within 3 days]\r\n]\r\n[Translator’s note: a\r\nb]\r\n"
        );
        expect![[""]].assert_eq(&check("B005", &text));
    }

    #[test]
    fn silent_where_the_profile_allows_it() {
        let text = "% cablelint: profile = soviet-ciphered-telegram\n[Urumqi\n]\n";
        expect![[""]].assert_eq(&check("B005", text));
    }
}
