use cablelint_officials::{MentionForm, Person, System};

use crate::diagnostic::{Applicability, Edit, Fix, Severity};
use crate::officials::Romanisation;
use crate::rules::{Context, Family, FixAvailability, Rule, RuleMeta};

pub struct NonPreferredRomanisation;

static META: RuleMeta = RuleMeta {
    code: "O002",
    name: "non-preferred-romanisation",
    family: Family::Officials,
    default_severity: Severity::Hint,
    default_enabled: true,
    fix: FixAvailability::Always,
    summary: "A Chinese official's full name in a romanisation other than the collection's.",
    explanation: "A collection that writes \"Ji Pengfei\" in one document and \"Chi P'eng-fei\" \
in the next cannot be searched for that person. The rule finds full names of registry people \
written in the romanisation the collection does not use (Hanyu Pinyin by default; set \
`romanisation = \"wade-giles\"` for collections that keep Wade–Giles) and offers the registry's \
spelling in the preferred system. The fix is safe: it changes the spelling of a name the \
registry identifies, not who is meant.\n\n\
Customary spellings that follow no system (\"Chiang Kai-shek\", \"Sun Yat-sen\") are left \
alone, as are names completed in editorial brackets, lone surnames, and, in a pinyin \
collection, people the registry itself names in Wade–Giles (Taiwan's officials, such as \
\"Yen Chia-kan\", whose own spelling it is).",
    wrong: "Chi P'eng-fei met the ambassador.\n",
    right: "Ji Pengfei met the ambassador.\n",
};

/// The characters of `text` lower-cased, with the apostrophes transcribers
/// use for the Wade–Giles aspiration mark folded, so "P’eng" and "P'eng"
/// compare equal. Compared lazily: no string is built per mention.
fn normalised(text: &str) -> impl Iterator<Item = char> + '_ {
    apostrophes_folded(text).flat_map(char::to_lowercase)
}

fn apostrophes_folded(text: &str) -> impl Iterator<Item = char> + '_ {
    text.chars().map(|c| match c {
        '\u{2019}' | '\u{2018}' | '\u{02BC}' | '`' => '\'',
        c => c,
    })
}

/// The system of the registry form equal to `written`, if any.
fn system_of(person: &Person, written: &str) -> Option<System> {
    std::iter::once((&*person.name.text, person.name.system))
        .chain(person.variants.iter().map(|v| (&*v.text, v.system)))
        .find(|(form, _)| same_form(form, written))
        .map(|(_, system)| system)
}

/// Whether two forms are equal once [`normalised`]. A capital sigma is
/// lower-cased by its place in a word (`str::to_lowercase`), not alone.
fn same_form(a: &str, b: &str) -> bool {
    if a.contains('Σ') || b.contains('Σ') {
        let whole = |t: &str| apostrophes_folded(t).collect::<String>().to_lowercase();
        return whole(a) == whole(b);
    }
    normalised(a).eq(normalised(b))
}

/// The person's full name in `system`, if the registry has one.
fn form_in(person: &Person, system: System) -> Option<&str> {
    if person.name.system == system {
        return Some(&person.name.text);
    }
    person
        .variants
        .iter()
        .find(|v| v.system == system && v.family.is_some())
        .map(|v| &*v.text)
}

/// `preferred` written the way `written` is: in capitals when it is, and
/// with its curly apostrophes.
fn in_style_of(preferred: &str, written: &str) -> String {
    let mut out = preferred.to_owned();
    if written.contains('\u{2019}') {
        out = out.replace('\'', "\u{2019}");
    }
    let has_lower = written.chars().any(char::is_lowercase);
    if !has_lower && written.chars().any(char::is_uppercase) {
        out = out.to_uppercase();
    }
    out
}

/// The person's name in the collection's romanisation, when `written`, a
/// full name of theirs, is in the other one and this rule reports it. Also
/// asked of every candidate of the full names as the matcher first
/// examined them, to tell when no mention can be reported
/// (`Context::mentions`).
pub(crate) fn preferred_form<'p>(
    person: &'p Person,
    written: &str,
    romanisation: Romanisation,
) -> Option<&'p str> {
    let (avoided, preferred) = match romanisation {
        Romanisation::Pinyin => (System::WadeGiles, System::Pinyin),
        Romanisation::WadeGiles => (System::Pinyin, System::WadeGiles),
    };
    // A person the registry names in Wade–Giles (Taiwan's officials)
    // keeps that customary spelling in a pinyin collection. (Tested
    // before the bytes below: most full names in a pinyin collection are
    // not Chinese, and reading them was most of this rule's cost.)
    if preferred == System::Pinyin && person.name.system != System::Pinyin {
        return None;
    }
    // Byte tests: the four are ASCII, and a search for a set of
    // characters decodes every character of every name.
    if written
        .bytes()
        .any(|b| matches!(b, b'[' | b']' | b'\n' | b'\r'))
    {
        return None;
    }
    if system_of(person, written) != Some(avoided) {
        return None;
    }
    form_in(person, preferred)
}

impl Rule for NonPreferredRomanisation {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, cx: &mut Context) {
        let (avoided, preferred) = match cx.shared.romanisation {
            Romanisation::Pinyin => (System::WadeGiles, System::Pinyin),
            Romanisation::WadeGiles => (System::Pinyin, System::WadeGiles),
        };
        let persons = cx.shared.officials().registry().persons();
        for mention in cx.mentions() {
            if mention.form != MentionForm::FullName || !mention.unambiguous {
                continue;
            }
            let person = &persons[mention.person_index];
            let written = cx.doc.slice(mention.span);
            let Some(target) = preferred_form(person, written, cx.shared.romanisation) else {
                continue;
            };
            let replacement = in_style_of(target, written);
            let fix = Fix {
                title: format!("Write `{replacement}`"),
                applicability: Applicability::Safe,
                edits: vec![Edit::replace(mention.span, replacement.clone())],
            };
            cx.report(
                mention.span,
                format!(
                    "`{written}` is {}; the collection writes {} `{replacement}`",
                    avoided.as_str(),
                    preferred.as_str()
                ),
            )
            .fix(fix)
            .person(person.id.clone());
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::diagnostic::Applicability;
    use crate::lint::{fix, CheckOptions, RuleSelection};
    use crate::officials::Romanisation;
    use crate::rules::testing::{check, fixed};
    use crate::text::SourceText;
    use expect_test::expect;

    #[test]
    fn rewrites_wade_giles_names_in_pinyin_keeping_case_and_apostrophes() {
        let text =
            "\u{feff}发往 𠀋 Chi P’eng-fei met CHOU EN-LAI.\r\nChiang Kai-shek was absent.\r\n";
        expect![[r#"
            1:6-1:19 hint O002: `Chi P’eng-fei` is wade-giles; the collection writes pinyin `Ji Pengfei` [fix safe: Write `Ji Pengfei`]
            1:24-1:35 hint O002: `CHOU EN-LAI` is wade-giles; the collection writes pinyin `ZHOU ENLAI` [fix safe: Write `ZHOU ENLAI`]
        "#]]
        .assert_eq(&check("O002", text));
        assert_eq!(
            fixed("O002", text),
            "发往 𠀋 Ji Pengfei met ZHOU ENLAI.\r\nChiang Kai-shek was absent.\r\n"
        );
    }

    #[test]
    fn pinyin_names_brackets_and_surnames_pass() {
        let text = "Ji Pengfei met Chi [P'eng-fei], Vice Minister Chi and Yen Chia-kan.\n";
        expect![[""]].assert_eq(&check("O002", text));
    }

    #[test]
    fn a_wade_giles_collection_gets_the_opposite_fix() {
        let options = CheckOptions {
            selection: RuleSelection {
                select: Some(vec!["O002".into()]),
                ..Default::default()
            },
            romanisation: Romanisation::WadeGiles,
            ..Default::default()
        };
        let text = "Ji Pengfei met Chi P'eng-fei.\n";
        let outcome = fix(SourceText::from_str(text), &options, Applicability::Safe);
        assert_eq!(outcome.text, "Chi P'eng-fei met Chi P'eng-fei.\n");
        assert_eq!(outcome.fixes_applied, 1);
    }
}
