//! `explain`, `rules` and `profiles`, and the generated rule pages.

use crate::common::{cablelint, copy_dir};
use expect_test::expect;
use std::path::Path;

#[test]
fn explain_prints_a_rule_and_suggests_for_typos() {
    let dir = tempfile::tempdir().unwrap();
    let run = cablelint(dir.path(), &["explain", "B004"])
    .expect(
        0,
        expect![[r#"
            # B004 empty-bracket

            An editorial bracket with nothing in it.

            Default severity: **warning**. A fix is always offered.

            ## Why

            An empty `[]` tells the reader that the editor meant to supply something and did not: a name, a date, an omission mark. Fill it in, or delete it. The fix deletes the brackets (with one adjacent space, so no double space is left), and brackets around them that hold nothing else (`[[]]`) with them; it is unsafe because the editor may have meant to write something there.

            ## Wrong

            ```cable
            On the 26th [], Vice Minister Ji met him.
            ```

            ## Right

            ```cable
            On the 26th [of June], Vice Minister Ji met him.
            ```
        "#]],
        expect![[""]],
    );
    let by_name = cablelint(dir.path(), &["explain", "empty-bracket"]);
    assert_eq!(by_name.stdout, run.stdout);
    cablelint(dir.path(), &["explain", "B04"]).expect(
        2,
        expect![[""]],
        expect![[r#"
        error: unknown rule `B04`; did you mean `B004`?
    "#]],
    );
}

#[test]
fn rules_and_profiles_are_listed() {
    let dir = tempfile::tempdir().unwrap();
    let run = cablelint(dir.path(), &["rules"])
    .expect(
        0,
        expect![[r#"
            B001  unclosed-bracket            error        fix:no         An editorial `[` that its paragraph never closes.
            B002  stray-close-bracket         error        fix:no         A `]` with no editorial `[` open in its paragraph.
            B003  nested-bracket              warning      fix:no         An editorial bracket inside another one.
            B004  empty-bracket               warning      fix:yes        An editorial bracket with nothing in it.
            B005  multiline-bracket           warning      fix:no         An editorial bracket that runs across a line break where the profile keeps brackets on one line.
            B006  unbalanced-punctuation      info         fix:no         Parentheses, curly double quotes or CJK brackets that do not pair up.
            B007  nonstandard-ellipsis        warning      fix:yes        An omission mark spelled other than the collection writes it.
            D001  impossible-date             error        fix:sometimes  A date that cannot exist: 31 June, 30 February, month 13, or a weekday that does not fit the date.
            D002  date-disagreement           warning      fix:sometimes  The archive line, header, closing and original-language header give the document different dates.
            D003  stamps-out-of-order         warning      fix:no         A cable received before it was sent, or an office stamp earlier than the stamp before it.
            D004  relative-day-after-date     warning      fix:no         A day the text speaks of in the past ("On the 26th [of June], … handed") that falls after the document's own date, or on no day at all.
            D005  mixed-numeric-order         warning      fix:no         Numeric dates of one document written day first in one place and month first in another.
            D006  missing-year                hint         fix:sometimes  A header or closing date without a year, where the document states the year elsewhere.
            E001  invalid-utf8                error        fix:no         The file is not valid UTF-8.
            E002  invalid-directive           error        fix:no         A `% cablelint:` line that cablelint cannot follow.
            E003  file-too-large              error        fix:no         The file is larger than `limits.max-file-size`, so it was not checked.
            E004  too-many-diagnostics        warning      fix:no         The file has more findings than `limits.max-diagnostics-per-file`; the rest are not shown.
            H001  required-field-missing      warning      fix:sometimes  The translated header lacks a field that the collection's profile requires.
            H002  empty-field                 warning      fix:no         A header field stands without a value where the profile says it always has one.
            H003  duplicate-field             warning      fix:sometimes  A header field that occurs once per cable is given twice.
            H004  unknown-label               warning      fix:sometimes  A header label that names no field of the collection's profile.
            H005  header-translation-mismatch warning      fix:no         The original-language header and its translation give one field different values.
            O001  title-not-held              warning      fix:no         A title given to an official who did not hold that post on the document's date.
            O002  non-preferred-romanisation  hint         fix:yes        A Chinese official's full name in a romanisation other than the collection's.
            O003  unknown-official            hint     off fix:no         A titled name that matches no one in the officials registry.
        "#]],
        expect![[""]],
    );
    let json = cablelint(dir.path(), &["rules", "--format", "json"]);
    let list = json.json();
    assert_eq!(list.as_array().unwrap().len(), run.stdout.lines().count());
    cablelint(dir.path(), &["profiles"]).expect(
        0,
        expect![[r#"
        generic                    Generic cable
        prc-mfa-cable              PRC Foreign Ministry cable
        polish-ciphergram          Polish ciphergram
        soviet-ciphered-telegram   Soviet ciphered telegram
        frus-telegram              FRUS telegram
    "#]],
        expect![[""]],
    );
}

/// docs/rules is generated from the registry; this fails when a rule changed
/// and the pages were not regenerated (UPDATE_EXPECT=1 regenerates them).
#[test]
fn committed_rule_pages_are_up_to_date() {
    let docs = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../docs/rules");
    let scratch = tempfile::tempdir().unwrap();
    let out = scratch.path().join("rules");
    let run = cablelint(
        scratch.path(),
        &["explain", "--all", "--output-dir", out.to_str().unwrap()],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    if std::env::var_os("UPDATE_EXPECT").is_some() {
        let _ = std::fs::remove_dir_all(&docs);
        copy_dir(&out, &docs);
        return;
    }
    let listing = |dir: &Path| -> Vec<(String, String)> {
        let mut pages: Vec<_> = std::fs::read_dir(dir)
            .map(|entries| {
                entries
                    .map(|e| {
                        let path = e.unwrap().path();
                        let name = path.file_name().unwrap().to_string_lossy().into_owned();
                        (name, std::fs::read_to_string(&path).unwrap())
                    })
                    .collect()
            })
            .unwrap_or_default();
        pages.sort();
        pages
    };
    let committed = listing(&docs);
    let generated = listing(&out);
    let names = |pages: &[(String, String)]| pages.iter().map(|p| p.0.clone()).collect::<Vec<_>>();
    assert_eq!(
        names(&committed),
        names(&generated),
        "docs/rules is out of date: run `UPDATE_EXPECT=1 cargo test -p cablelint --test cli`"
    );
    for ((name, have), (_, want)) in committed.iter().zip(&generated) {
        assert_eq!(
            have, want,
            "docs/rules/{name} is out of date: run `UPDATE_EXPECT=1 cargo test -p cablelint --test cli`"
        );
    }
}
