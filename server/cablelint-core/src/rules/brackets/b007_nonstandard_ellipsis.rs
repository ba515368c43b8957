use crate::diagnostic::{Applicability, Edit, Fix, Severity};
use crate::model::{Bracket, BracketClass, Document};
use crate::rules::{Context, Family, FixAvailability, Rule, RuleMeta};

pub struct NonstandardEllipsis;

static META: RuleMeta = RuleMeta {
    code: "B007",
    name: "nonstandard-ellipsis",
    family: Family::Brackets,
    default_severity: Severity::Warning,
    default_enabled: true,
    fix: FixAvailability::Always,
    summary: "An omission mark spelled other than the collection writes it.",
    explanation: "Each collection writes the editor's omission mark one way (its profile's \
`conventions.house_ellipsis`, `[...]` unless it says otherwise) and may accept others \
(`conventions.accepted_ellipses`, `[…]` by default). Other spellings (`[….]`, `[ …]`, \
`[. . .]`, `[..]`, `[....]`) creep in from OCR and hand typing; they make the text harder \
to search and look like a different mark.\n\n\
The fix writes the house form, or, when the document already writes all its other omission \
marks in one accepted form and never in the house form, that form, so a file stays \
consistent. It is safe: every spelling means the same omission.",
    wrong: "[….] the Korean organs and the [North Korean] F[oreign] M[inistry] [. . .]\n",
    right: "[...] the Korean organs and the [North Korean] F[oreign] M[inistry] […]\n",
};

impl Rule for NonstandardEllipsis {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, cx: &mut Context) {
        let doc = cx.doc;
        let ellipses = || {
            doc.brackets
                .list
                .iter()
                .filter(|b| b.settled_class() == Some(BracketClass::Ellipsis))
        };
        // Most documents write every omission mark in a standard form:
        // nothing to report, and no target form to work out.
        if ellipses().all(|b| is_standard(doc, doc.slice(b.span()))) {
            return;
        }
        let ellipses: Vec<&Bracket> = ellipses().collect();
        let target = target_form(doc, &ellipses);
        for bracket in ellipses {
            let span = bracket.span();
            let written = doc.slice(span);
            if is_standard(doc, written) {
                continue;
            }
            let fix = Fix {
                title: ["Write `", &target, "`"].concat(),
                applicability: Applicability::Safe,
                edits: vec![Edit::replace(span, target.clone())],
            };
            cx.report(
                span,
                [
                    "omission mark `",
                    written,
                    "` is not a form this collection uses; write `",
                    &target,
                    "`",
                ]
                .concat(),
            )
            .fix(fix);
        }
    }
}

fn is_standard(doc: &Document, written: &str) -> bool {
    let conventions = &doc.profile.conventions;
    written == conventions.house_ellipsis
        || conventions.accepted_ellipses.iter().any(|a| a == written)
}

/// The house form, unless the document writes its standard omission marks
/// only in a single accepted form.
fn target_form(doc: &Document, ellipses: &[&Bracket]) -> String {
    let conventions = &doc.profile.conventions;
    let mut used: Vec<&str> = ellipses
        .iter()
        .map(|b| doc.slice(b.span()))
        .filter(|w| is_standard(doc, w))
        .collect();
    used.sort_unstable();
    used.dedup();
    match used.as_slice() {
        [only] if *only != conventions.house_ellipsis => (*only).to_owned(),
        _ => conventions.house_ellipsis.clone(),
    }
}

#[cfg(test)]
mod tests {
    use crate::diagnostic::Applicability;
    use crate::lint::{self, CheckOptions, RuleSelection};
    use crate::rules::testing::{check, fixed};
    use crate::text::SourceText;
    use expect_test::expect;

    #[test]
    fn reports_and_fixes_every_irregular_spelling_with_crlf_cjk_and_astral_text() {
        let text = "𠀋 发往 [….] a [ …] b [. . .]\r\nc [..] d [....] e […. ] f [...] g […]\r\n";
        expect![[r#"
            1:6-1:10 warning B007: omission mark `[….]` is not a form this collection uses; write `[...]` [fix safe: Write `[...]`]
            1:13-1:17 warning B007: omission mark `[ …]` is not a form this collection uses; write `[...]` [fix safe: Write `[...]`]
            1:20-1:27 warning B007: omission mark `[. . .]` is not a form this collection uses; write `[...]` [fix safe: Write `[...]`]
            2:3-2:7 warning B007: omission mark `[..]` is not a form this collection uses; write `[...]` [fix safe: Write `[...]`]
            2:10-2:16 warning B007: omission mark `[....]` is not a form this collection uses; write `[...]` [fix safe: Write `[...]`]
            2:19-2:24 warning B007: omission mark `[…. ]` is not a form this collection uses; write `[...]` [fix safe: Write `[...]`]
        "#]].assert_eq(&check("B007", text));
        assert_eq!(
            fixed("B007", text),
            "𠀋 发往 [...] a [...] b [...]\r\nc [...] d [...] e [...] f [...] g […]\r\n"
        );
    }

    #[test]
    fn a_document_written_in_one_accepted_form_keeps_it() {
        // As the Hungarian report of 18 December 1954 writes: three `[…]`, one `[ …]`.
        let text = "[ …] the [North Korean] party […] and […] then […]\n";
        expect![[r#"
            1:1-1:5 warning B007: omission mark `[ …]` is not a form this collection uses; write `[…]` [fix safe: Write `[…]`]
        "#]].assert_eq(&check("B007", text));
        assert_eq!(
            fixed("B007", text),
            "[…] the [North Korean] party […] and […] then […]\n"
        );
    }

    #[test]
    fn the_profiles_house_form_is_the_target() {
        let text = "% cablelint: profile = polish-ciphergram\n[....] and [. . .]\n";
        assert_eq!(
            fixed("B007", text),
            "% cablelint: profile = polish-ciphergram\n[…] and […]\n"
        );
        // The same collection's accepted `[...]`, if the file writes only that.
        let text = "% cablelint: profile = polish-ciphergram\n[....] and [...]\n";
        assert_eq!(
            fixed("B007", text),
            "% cablelint: profile = polish-ciphergram\n[...] and [...]\n"
        );
    }

    #[test]
    fn the_fix_keeps_the_byte_order_mark() {
        let options = CheckOptions {
            selection: RuleSelection {
                select: Some(vec!["B007".into()]),
                ..Default::default()
            },
            ..Default::default()
        };
        let source = SourceText::from_bytes("\u{FEFF}发往 [. . .]\r\n".as_bytes());
        let outcome = lint::fix(source, &options, Applicability::Safe);
        assert_eq!(outcome.fixes_applied, 1);
        assert_eq!(
            outcome.result.document.source.to_file_string(&outcome.text),
            "\u{FEFF}发往 [...]\r\n"
        );
    }

    #[test]
    fn house_and_accepted_forms_and_other_brackets_pass() {
        expect![[""]].assert_eq(&check("B007", "[...] […] [...Dobrynin] [sic] [.]\n"));
    }
}
