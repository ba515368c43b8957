use std::sync::LazyLock;

use cablelint_officials::title_has_rank;
use regex::Regex;

use crate::diagnostic::Severity;
use crate::officials::mentions::searchable_text;
use crate::rules::{Context, Family, FixAvailability, Rule, RuleMeta};

pub struct UnknownOfficial;

static META: RuleMeta = RuleMeta {
    code: "O003",
    name: "unknown-official",
    family: Family::Officials,
    default_severity: Severity::Hint,
    default_enabled: false,
    fix: FixAvailability::None,
    summary: "A titled name that matches no one in the officials registry.",
    explanation: "\"Ambassador Zzyzx\" names an official the registry does not know: either a \
misspelling of someone it does know, or a person the collection's registry should gain (add \
them to a user registry file so the other O rules can check their titles). The rule looks only \
at a capitalised title of office (Ambassador, Minister, Premier, President, Chairman, \
Secretary, Consul) followed by a capitalised name whose words are no family name in the \
registry, so it stays quiet about anyone the registry could mean. Off by default: most \
collections name many minor officials.",
    wrong: "Ambassador Zzyzx met him.\n",
    right: "Ambassador Chervonenko met him.\n",
};

/// Title and name on one line, as the mention matcher reads them: a title
/// that ends a line is most often a signature ("Ambassador" under a name),
/// and what follows it is another paragraph.
static TITLED_NAME: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"\b(?:(?:Vice|Deputy|First|Foreign|Prime|Acting)[^\S\r\n]+)*(?:Ambassador|Minister|Premier|President|Chairman|Secretary|Consul)[^\S\r\n]+(?P<name>\p{Lu}\p{Ll}+(?:-\p{Ll}+)?(?:[^\S\r\n]\p{Lu}\p{Ll}+(?:-\p{Ll}+)?)?)\b",
    )
    .expect("the titled-name pattern is valid")
});

/// Capitalised words after a title that are not names.
const NOT_NAMES: &[&str] = &[
    "The",
    "Of",
    "To",
    "For",
    "In",
    "And",
    "At",
    "On",
    "With",
    "Who",
    "Was",
    "Is",
    "Has",
    "Had",
    "Extraordinary",
    "Plenipotentiary",
    "General",
    "Comrade",
    "Mr",
    "Soviet",
    "Chinese",
    "American",
    "Cuban",
    "Korean",
    "Polish",
    "Vietnamese",
    "British",
    "French",
    "German",
    "Indian",
    "Japanese",
    "Affairs",
    "Council",
    "Ministry",
    "Embassy",
    "State",
    "Party",
];

impl Rule for UnknownOfficial {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, cx: &mut Context) {
        let matcher = cx.shared.officials();
        let is_known_word = |word: &str| matcher.is_name_word(word);
        let mentions = cx.mentions();
        let text = searchable_text(cx.doc);
        let mut found = Vec::new();
        for caps in TITLED_NAME.captures_iter(&text) {
            let (Some(whole), Some(name)) = (caps.get(0), caps.name("name")) else {
                continue;
            };
            let words: Vec<&str> = name.as_str().split_whitespace().collect();
            let named = words
                .iter()
                .all(|w| !NOT_NAMES.contains(w) && !title_has_rank(w) && !is_known_word(w));
            let overlaps_mention = mentions
                .iter()
                .any(|m| m.span.start < name.end() && name.start() < m.span.end);
            if named && !overlaps_mention {
                found.push((whole.start(), name.start(), name.end()));
            }
        }
        for (start, name_start, end) in found {
            let name = cx.doc.text()[name_start..end].to_owned();
            cx.report(
                crate::text::Span::new(start, end),
                format!("no official named `{name}` in the officials registry"),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::check;
    use expect_test::expect;

    #[test]
    fn reports_titled_names_nobody_in_the_registry_has() {
        let text = "发往 𠀋 Ambassador Zzyzx met Vice Minister Quuxley Bar.\r\n";
        expect![[r#"
            1:6-1:22 hint O003: no official named `Zzyzx` in the officials registry
            1:27-1:52 hint O003: no official named `Quuxley Bar` in the officials registry
        "#]]
        .assert_eq(&check("O003", text));
    }

    #[test]
    fn a_title_ending_its_line_names_nobody_on_the_next() {
        // The signature block of a real report, then the archive's summary.
        let text =
            "[signature]\nAmbassador\n\nReport from Pál Szarvas.\r\nConsul\r\nZzyzx 𠀋 left.\n";
        expect![[""]].assert_eq(&check("O003", text));
    }

    #[test]
    fn known_names_titles_of_nothing_and_archive_chrome_pass() {
        let text = "Ambassador Extraordinary and Plenipotentiary, Vice Minister Ji and \
                    Premier Zhou Enlai met Minister Of State.\n";
        expect![[""]].assert_eq(&check("O003", text));
    }
}
