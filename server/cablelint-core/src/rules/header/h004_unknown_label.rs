use super::is_header_kind;
use crate::diagnostic::{Applicability, Edit, Fix, Severity};
use crate::profile::{Profile, ProfileSet};
use crate::rules::{Context, Family, FixAvailability, Rule, RuleMeta};
use std::sync::LazyLock;

pub struct UnknownLabel;

static META: RuleMeta = RuleMeta {
    code: "H004",
    name: "unknown-label",
    family: Family::Header,
    default_severity: Severity::Warning,
    default_enabled: true,
    fix: FixAvailability::Sometimes,
    summary: "A header label that names no field of the collection's profile.",
    explanation: "Every field of a collection's form has a fixed label, and the other rules \
(required fields, duplicates, the original against its translation) only see a field under \
one of them. A label the profile does not know is most often misspelt (`Recever:`); then the \
nearest known label is suggested, and when exactly one is close the unsafe fix puts it in. \
Otherwise the collection's form has a field the profile lacks: add it to the profile (as a \
warning, the finding is then lowered to information).\n\nOnly short `Label:` lines of the \
header count, never body text, times (`8:30`) or addresses. The generic profile, which cannot \
know every collection's labels, never reports.",
    wrong: "% cablelint: profile = prc-mfa-cable\nRecever: Wulumuqi [Urumqi]\nLevel: Normal\n\
Foreign Ministry Dispatch No. 508\n",
    right: "% cablelint: profile = prc-mfa-cable\nReceiver: Wulumuqi [Urumqi]\nLevel: Normal\n\
Foreign Ministry Dispatch No. 508\n",
};

/// How alike (normalized Damerau-Levenshtein, lower case) a label must be to
/// a known one to be suggested: one slip in a word of four or more letters.
const MIN_SIMILARITY: f64 = 0.75;
/// Longer "labels" are phrases that happen to hold a colon.
const MAX_LABEL_CHARS: usize = 32;

impl Rule for UnknownLabel {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, cx: &mut Context) {
        let doc = cx.doc;
        if doc.profile.conventions.open_labels {
            return;
        }
        for field in doc.fields.iter().filter(|f| f.field.is_none()) {
            let label = doc.slice(field.label);
            if label.is_empty()
                || label.chars().count() > MAX_LABEL_CHARS
                || !is_header_kind(doc.kind_at(field.label.start))
            {
                continue;
            }
            let profile = &doc.profile.id;
            let elsewhere = profiles_knowing(label);
            if !elsewhere.is_empty() {
                // A real label of another collection, not a slip: no suggestion.
                cx.report(
                    field.label,
                    format!(
                        "`{label}` is a label of other profiles ({}), not of {profile}",
                        elsewhere.join(", ")
                    ),
                )
                .severity(Severity::Info);
                continue;
            }
            match suggestions(&doc.profile, label).as_slice() {
                [] => {
                    cx.report(
                        field.label,
                        format!("`{label}` is not a label of the {profile} profile"),
                    )
                    .severity(Severity::Info);
                }
                [one] => {
                    let replacement = match_case(label, one);
                    cx.report(
                        field.label,
                        format!(
                            "`{label}` is not a label of the {profile} profile; did you mean `{replacement}`?"
                        ),
                    )
                    .fix(Fix {
                        title: format!("Replace with `{replacement}`"),
                        applicability: Applicability::Unsafe,
                        edits: vec![Edit::replace(field.label, replacement.clone())],
                    });
                }
                several => {
                    let list = several
                        .iter()
                        .map(|s| format!("`{}`", match_case(label, s)))
                        .collect::<Vec<_>>()
                        .join(" or ");
                    cx.report(
                        field.label,
                        format!(
                            "`{label}` is not a label of the {profile} profile; did you mean {list}?"
                        ),
                    );
                }
            }
        }
    }
}

/// Every built-in profile's labels, lower-cased, with the profiles using each.
static BUILTIN_LABELS: LazyLock<Vec<(String, String)>> = LazyLock::new(|| {
    let set = ProfileSet::builtin();
    set.iter()
        .flat_map(|p| {
            p.labels()
                .into_iter()
                .map(|(label, _, _)| (label.to_lowercase(), p.id.clone()))
        })
        .collect()
});

/// The built-in profiles that have `label` as one of their labels.
fn profiles_knowing(label: &str) -> Vec<&'static str> {
    let lower = label.to_lowercase();
    let mut ids: Vec<&str> = Vec::new();
    for (_, id) in BUILTIN_LABELS.iter().filter(|(known, _)| *known == lower) {
        if !ids.contains(&id.as_str()) {
            ids.push(id);
        }
    }
    ids
}

/// The profile's labels close to `label`, closest first, each once.
fn suggestions<'p>(profile: &'p Profile, label: &str) -> Vec<&'p str> {
    let written = label.to_lowercase();
    let mut close: Vec<(f64, &str)> = profile
        .labels()
        .into_iter()
        .map(|(known, _, _)| {
            let known_lower = known.to_lowercase();
            let similarity = strsim::normalized_damerau_levenshtein(&written, &known_lower);
            (similarity, known)
        })
        .filter(|&(similarity, _)| similarity >= MIN_SIMILARITY)
        .collect();
    close.sort_by(|a, b| b.0.total_cmp(&a.0));
    let mut seen: Vec<String> = Vec::new();
    close
        .into_iter()
        .filter(|(_, known)| {
            let key = known.to_lowercase();
            let new = !seen.contains(&key);
            seen.push(key);
            new
        })
        .map(|(_, known)| known)
        .take(3)
        .collect()
}

/// A label typed in capitals gets its suggestion in capitals.
fn match_case(written: &str, known: &str) -> String {
    let letters = || written.chars().filter(|c| c.is_alphabetic());
    if letters().next().is_some() && letters().all(char::is_uppercase) {
        known.to_uppercase()
    } else {
        known.to_owned()
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::{check, fixed};
    use expect_test::expect;

    const PRC: &str = "% cablelint: profile = prc-mfa-cable";

    #[test]
    fn a_misspelt_label_gets_the_one_close_label() {
        let text = format!("{PRC}\r\nRecever: 乌鲁木齐 𠀋\r\nLEVLE: Normal\r\n");
        expect![[r#"
            2:1-2:8 warning H004: `Recever` is not a label of the prc-mfa-cable profile; did you mean `Receiver`? [fix unsafe: Replace with `Receiver`]
            3:1-3:6 warning H004: `LEVLE` is not a label of the prc-mfa-cable profile; did you mean `LEVEL`? [fix unsafe: Replace with `LEVEL`]
        "#]]
        .assert_eq(&check("H004", &text));
        assert_eq!(
            fixed("H004", &text),
            format!("{PRC}\r\nReceiver: 乌鲁木齐 𠀋\r\nLEVEL: Normal\r\n")
        );
    }

    #[test]
    fn several_close_labels_are_listed_without_a_fix() {
        let text = "% cablelint: profile = polish-ciphergram\nCiphergam No.: 3175\n";
        expect![[r#"
            2:1-2:14 warning H004: `Ciphergam No.` is not a label of the polish-ciphergram profile; did you mean `Ciphergram No.` or `Ciphergram Nr` or `Cipher No.`?
        "#]]
        .assert_eq(&check("H004", text));
    }

    #[test]
    fn a_label_of_another_collection_is_not_taken_for_a_slip() {
        // "Receiver" is one edit from the Polish "Received", but it is a label
        // of PRC cables: suggesting "Received" would corrupt it.
        let text = "% cablelint: profile = polish-ciphergram\nReceiver: Wulumuqi\nCopy to: Li\n";
        expect![[r#"
            2:1-2:9 info H004: `Receiver` is a label of other profiles (generic, prc-mfa-cable), not of polish-ciphergram
        "#]]
        .assert_eq(&check("H004", text));
        assert_eq!(fixed("H004", text), text);
    }

    #[test]
    fn a_label_far_from_every_known_one_is_information() {
        let text = format!("{PRC}\nProcessed: 24.10.62 17:30\n");
        expect![[r#"
            2:1-2:10 info H004: `Processed` is not a label of the prc-mfa-cable profile
        "#]]
        .assert_eq(&check("H004", &text));
        assert_eq!(fixed("H004", &text), text);
    }

    #[test]
    fn body_text_times_urls_and_open_profiles_pass() {
        let body = "Level: Normal\nAt 8:30 hours\nhttps://example.org/a:b\n\nOn the 26th, Vice Minister Ji handed our memorandum to him.\nNote: he left at 8:30.\n";
        expect![[""]].assert_eq(&check("H004", &format!("{PRC}\n{body}")));
        expect![[""]].assert_eq(&check(
            "H004",
            "% cablelint: profile = generic\nRecever: Wulumuqi\n",
        ));
    }
}
