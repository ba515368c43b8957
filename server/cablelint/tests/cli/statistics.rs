//! `--statistics`: findings per rule instead of the findings, counted the
//! same as the report counts them.

use crate::common::{cablelint, sandbox};
use expect_test::expect;
use std::collections::BTreeMap;

/// The `cli` fixtures and a cable whose omission marks have a safe fix
/// (B007) and whose parenthesis has none (B006), with CJK and an astral
/// character on its line.
fn fixtures() -> tempfile::TempDir {
    let dir = sandbox("cli");
    std::fs::write(
        dir.path().join("omission.cable"),
        "\u{FEFF}June 28, 1962\r\n\r\n发往 𠀋 the text [ …] went on [ …] (and on.\r\n",
    )
    .unwrap();
    dir
}

#[test]
fn a_table_of_rules_most_frequent_first_with_what_fix_fixes_them() {
    let dir = fixtures();
    cablelint(dir.path(), &["check", "--no-cache", "--statistics"]).expect(
        1,
        expect![[r#"
            4  B004  [-] empty-bracket
            2  B006  [ ] unbalanced-punctuation
            2  B007  [*] nonstandard-ellipsis
            1  E001  [ ] invalid-utf8
            1  E002  [ ] invalid-directive
            Found 10 problems (2 errors, 6 warnings, 2 infos) in 5 of 5 files checked; 2 fixable with --fix; 4 fixable with --fix --unsafe-fixes.
        "#]],
        expect![[""]],
    );
}

#[test]
fn json_statistics_count_what_the_json_report_lists() {
    let dir = fixtures();
    for threads in ["1", "2"] {
        let args = [
            "check",
            "--no-cache",
            "--format",
            "json",
            "--threads",
            threads,
        ];
        let report = cablelint(dir.path(), &args).json();
        let mut listed: BTreeMap<String, u64> = BTreeMap::new();
        for file in report["files"].as_array().unwrap() {
            for d in file["diagnostics"].as_array().unwrap() {
                *listed
                    .entry(d["code"].as_str().unwrap().into())
                    .or_default() += 1;
            }
        }
        let statistics = cablelint(dir.path(), &[&args[..], &["--statistics"]].concat()).json();
        assert_eq!(statistics["version"], 1);
        assert_eq!(statistics["summary"], report["summary"]);
        let rows = statistics["statistics"].as_array().unwrap();
        let counted: BTreeMap<String, u64> = rows
            .iter()
            .map(|row| {
                (
                    row["code"].as_str().unwrap().into(),
                    row["count"].as_u64().unwrap(),
                )
            })
            .collect();
        assert_eq!(counted, listed, "--threads {threads}");
        let b007 = rows.iter().find(|row| row["code"] == "B007").unwrap();
        assert_eq!(
            (&b007["name"], &b007["fixable"], &b007["fixable_unsafe"]),
            (&"nonstandard-ellipsis".into(), &2.into(), &0.into())
        );
        let counts: Vec<u64> = rows
            .iter()
            .map(|row| row["count"].as_u64().unwrap())
            .collect();
        assert!(counts.windows(2).all(|w| w[0] >= w[1]), "{counts:?}");
    }
}

#[test]
fn after_fix_the_table_counts_what_is_left_without_fix_marks() {
    let dir = fixtures();
    cablelint(
        dir.path(),
        &[
            "check",
            "--no-cache",
            "--fix",
            "--statistics",
            "omission.cable",
        ],
    )
    .expect(
        0,
        expect![[r#"
            1  B006  unbalanced-punctuation
            Fixed 2 problems in 1 file.
            Found 1 problem (1 info) in 1 of 1 file checked.
        "#]],
        expect![[""]],
    );
    assert_eq!(
        std::fs::read_to_string(dir.path().join("omission.cable")).unwrap(),
        "\u{FEFF}June 28, 1962\r\n\r\n发往 𠀋 the text [...] went on [...] (and on.\r\n"
    );
}

#[test]
fn formats_for_code_scanning_have_no_statistics() {
    let dir = fixtures();
    cablelint(dir.path(), &["check", "--statistics", "--format", "sarif"]).expect(
        2,
        expect![[""]],
        expect![[r#"
            error: --statistics prints a table (human, concise) or JSON (json), not a report for code scanning
        "#]],
    );
}
