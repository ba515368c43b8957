use super::field_span;
use crate::diagnostic::Severity;
use crate::rules::{Context, Family, FixAvailability, Rule, RuleMeta};

pub struct EmptyField;

static META: RuleMeta = RuleMeta {
    code: "H002",
    name: "empty-field",
    family: Family::Header,
    default_severity: Severity::Warning,
    default_enabled: true,
    fix: FixAvailability::None,
    summary: "A header field stands without a value where the profile says it always has one.",
    explanation: "Archives print some labels with nothing after them when the form's slot \
was blank (`Approved by:`, `Copy to:`), and profiles allow that. Other fields always carry a \
value on the form — a PRC cable's level, its dispatch number — so an empty one means the value \
was not typed. Which fields may be empty is the profile's `may_be_empty`. There is no fix: only \
the source can tell what the value is.",
    wrong: "% cablelint: profile = prc-mfa-cable\nReceiver: Wulumuqi\nLevel:\n\
Foreign Ministry Dispatch No. 508\n",
    right: "% cablelint: profile = prc-mfa-cable\nReceiver: Wulumuqi\nLevel: Normal\n\
Foreign Ministry Dispatch No. 508\n",
};

impl Rule for EmptyField {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, cx: &mut Context) {
        let doc = cx.doc;
        for field in &doc.fields {
            let Some(spec) = field.field.as_deref().and_then(|id| doc.profile.field(id)) else {
                continue;
            };
            if spec.may_be_empty || !doc.slice(field.value).trim().is_empty() {
                continue;
            }
            let label = doc.slice(field.label);
            cx.report(
                field_span(field),
                [
                    "`",
                    label,
                    "` has no value; the ",
                    &doc.profile.id,
                    " profile expects one",
                ]
                .concat(),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::check;
    use expect_test::expect;

    #[test]
    fn reports_empty_required_values_in_both_headers() {
        let text = "% cablelint: profile = prc-mfa-cable\r\n等级:    复来报号    外发e508\r\n𠀋 Receiver: Wulumuqi\r\nLevel: \r\nForeign Ministry Dispatch No.\r\n";
        expect![[r#"
            2:1-2:4 warning H002: `等级` has no value; the prc-mfa-cable profile expects one
            4:1-4:7 warning H002: `Level` has no value; the prc-mfa-cable profile expects one
            5:1-5:30 warning H002: `Foreign Ministry Dispatch No.` has no value; the prc-mfa-cable profile expects one
        "#]]
        .assert_eq(&check("H002", text));
    }

    #[test]
    fn fields_that_may_be_empty_pass() {
        let text = "% cablelint: profile = prc-mfa-cable\n复来报号\nApproved by:\nCopy to:\nRead by:\nLevel: Normal\n";
        expect![[""]].assert_eq(&check("H002", text));
    }
}
