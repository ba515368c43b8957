use crate::diagnostic::Severity;
use crate::model::DirectiveKind;
use crate::rules::{Context, Family, FixAvailability, Rule, RuleMeta};

pub struct InvalidDirective;

static META: RuleMeta = RuleMeta {
    code: "E002",
    name: "invalid-directive",
    family: Family::File,
    default_severity: Severity::Error,
    default_enabled: true,
    fix: FixAvailability::None,
    summary: "A `% cablelint:` line that cablelint cannot follow.",
    explanation:
        "Directive lines name the file's profile (`% cablelint: profile = prc-mfa-cable`) or \
silence findings (`% cablelint: disable-next-line B001`, `% cablelint: disable-file B006`). A \
misspelt command, a profile nobody defines, or a code that matches no rule would otherwise be \
ignored in silence and the finding it meant to silence would come back unexplained.",
    wrong: "% cablelint: disable-lines B004\nOn the 26th [], Vice Minister Ji met him.\n",
    right: "% cablelint: disable-next-line B004\nOn the 26th [], Vice Minister Ji met him.\n",
};

impl Rule for InvalidDirective {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, cx: &mut Context) {
        let doc = cx.doc;
        for directive in &doc.directives {
            match &directive.kind {
                DirectiveKind::Invalid { message } => {
                    cx.report(directive.span, message.clone());
                }
                DirectiveKind::DisableFile { codes } | DirectiveKind::DisableNextLine { codes } => {
                    for code in codes {
                        if !crate::rules::all()
                            .iter()
                            .any(|r| code.matches(r.meta().code))
                        {
                            cx.report(code.span, format!("`{}` matches no rule code", code.text));
                        }
                    }
                }
                DirectiveKind::Profile { .. } => {}
            }
        }
        if let Some((id, Some(span))) = &doc.unknown_profile {
            cx.report(*span, format!("unknown profile `{id}`; using `generic`"));
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::check;
    use expect_test::expect;

    #[test]
    fn reports_unknown_commands_codes_and_profiles() {
        let text = "% cablelint: profile = prc-mfa\n% cablelint: disable-file B999, B\n% cablelint:\nBody.\n";
        expect![[r#"
            1:24-1:31 error E002: unknown profile `prc-mfa`; using `generic`
            2:27-2:31 error E002: `B999` matches no rule code
            3:1-3:13 error E002: empty directive: expected `profile`, `disable-file` or `disable-next-line`
        "#]]
        .assert_eq(&check("E002", text));
    }

    #[test]
    fn valid_directives_pass() {
        let text =
            "% cablelint: profile = frus-telegram\n% cablelint: disable-next-line B0\nBody.\n";
        expect![[""]].assert_eq(&check("E002", text));
    }
}
