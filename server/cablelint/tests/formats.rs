//! The concise, GitLab and JUnit formats of `cablelint check`, run over
//! the CLI fixtures (a BOM, CRLF, CJK and astral characters, invalid
//! UTF-8) and a file whose name holds CJK and astral characters.
//! `UPDATE_EXPECT=1` rewrites the snapshots.

use expect_test::expect;

mod common;
use common::{cablelint, cablelint_stdin, sandbox};

/// The CLI fixtures and a copy of one under a CJK and astral name.
fn fixtures() -> tempfile::TempDir {
    let dir = sandbox("cli");
    std::fs::copy(
        dir.path().join("bom-crlf.cable"),
        dir.path().join("姬鹏飞 𠀋.cable"),
    )
    .unwrap();
    dir
}

#[test]
fn concise_output_is_the_human_first_lines_and_summary() {
    let dir = fixtures();
    let concise = cablelint(dir.path(), &["check", "--format", "concise"]).expect(
        1,
        expect![[r#"
            bom-crlf.cable:2:6: warning[B004] empty editorial bracket
            bom-crlf.cable:3:13: warning[B004] empty editorial bracket
            directive.cable:1:1: error[E002] unknown directive `disable-lines`: expected `profile`, `disable-file` or `disable-next-line`
            directive.cable:4:6: warning[B004] empty editorial bracket
            invalid-utf8.cable:2:1: error[E001] invalid UTF-8 on line 2 (byte 19); the file will not be fixed
            invalid-utf8.cable:3:13: warning[B004] empty editorial bracket
            prc-clean.cable:1:14: info[B006] `(` is not closed before its paragraph ends (line 2)
            姬鹏飞 𠀋.cable:2:6: warning[B004] empty editorial bracket
            姬鹏飞 𠀋.cable:3:13: warning[B004] empty editorial bracket
            Found 9 problems (2 errors, 6 warnings, 1 info) in 5 of 5 files checked; 6 fixable with --fix --unsafe-fixes.
        "#]],
        expect![[""]],
    );
    // Each line is a line of the human format, in the same order.
    let human = cablelint(dir.path(), &["check"]);
    let human_lines: Vec<&str> = human.stdout.lines().collect();
    let mut from = 0;
    for line in concise.stdout.lines() {
        let at = human_lines[from..]
            .iter()
            .position(|l| *l == line)
            .unwrap_or_else(|| panic!("{line:?} not in the human output"));
        from += at + 1;
    }
    assert_eq!(human.code, concise.code);
    // Colour is never written, even when asked for.
    let coloured = cablelint(
        dir.path(),
        &["check", "--format", "concise", "--color", "always"],
    );
    assert_eq!(coloured.stdout, concise.stdout);
}

#[test]
fn concise_report_goes_to_stderr_when_fixed_stdin_takes_stdout() {
    let dir = tempfile::tempdir().unwrap();
    cablelint_stdin(
        dir.path(),
        &[
            "check",
            "--format",
            "concise",
            "--fix",
            "--unsafe-fixes",
            "--stdin-filename",
            "姬 𠀋.cable",
        ],
        "TO: X\r\n\r\n𠀋 [] (here\r\n".as_bytes(),
    )
    .expect(0, expect![[r#"
        TO: X␍
        ␍
        𠀋 (here␍
    "#]], expect![[r#"
        姬 𠀋.cable:3:3: info[B006] `(` is not closed before the text ends (line 3); if the text was cut off, the cut fell inside this parenthesis
        Fixed 1 problem in 1 file.
        Found 1 problem (1 info) in 1 of 1 file checked.
    "#]]);
}

#[test]
fn gitlab_output_is_a_code_quality_report() {
    let dir = fixtures();
    let run = cablelint(dir.path(), &["check", "--format", "gitlab"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert_eq!(run.stderr, "");
    let issues: Vec<serde_json::Value> = serde_json::from_str(&run.stdout).unwrap();
    let concise = cablelint(dir.path(), &["check", "--format", "concise"]);
    // One issue a finding, the summary line apart.
    assert_eq!(issues.len(), concise.stdout.lines().count() - 1);
    for issue in &issues {
        let severity = issue["severity"].as_str().unwrap();
        assert!(["info", "minor", "major"].contains(&severity), "{issue}");
        for key in ["description", "check_name", "fingerprint"] {
            assert!(!issue[key].as_str().unwrap().is_empty(), "{issue}");
        }
        let location = &issue["location"];
        assert!(location["lines"]["begin"].as_u64().unwrap() >= 1);
        assert_eq!(
            location["positions"]["begin"]["line"],
            location["lines"]["begin"]
        );
        assert!(location["positions"]["end"]["column"].as_u64().unwrap() >= 1);
    }
    let astral = issues
        .iter()
        .find(|i| i["location"]["path"] == "姬鹏飞 𠀋.cable")
        .expect("the CJK name's issues");
    assert_eq!(astral["check_name"], "B004");
    assert_eq!(astral["severity"], "minor");
    assert_eq!(astral["description"], "B004: empty editorial bracket");
    assert_eq!(
        astral["location"]["positions"]["begin"],
        serde_json::json!({"line": 2, "column": 6})
    );
    let errors = issues.iter().filter(|i| i["severity"] == "major").count();
    assert_eq!(errors, 2);

    // Unique, and the same in a second run, from the cache or not, and
    // with the files named by absolute paths (made relative again).
    let mut prints: Vec<&str> = issues
        .iter()
        .map(|i| i["fingerprint"].as_str().unwrap())
        .collect();
    prints.sort();
    prints.dedup();
    assert_eq!(prints.len(), issues.len());
    let again = cablelint(dir.path(), &["check", "--format", "gitlab"]);
    assert_eq!(again.stdout, run.stdout);
    let uncached = cablelint(dir.path(), &["check", "--no-cache", "--format", "gitlab"]);
    assert_eq!(uncached.stdout, run.stdout);
    let absolute = dir.path().canonicalize().unwrap();
    let absolute = cablelint(
        &absolute,
        &["check", "--format", "gitlab", absolute.to_str().unwrap()],
    );
    assert_eq!(absolute.stdout, run.stdout);
}

/// A finding keeps its fingerprint when lines are added above it.
#[test]
fn gitlab_fingerprints_survive_lines_added_above() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("a.cable");
    let body = "On the 26th [ ], Ji met him [].\r\n";
    let run = |text: String| {
        std::fs::write(&path, text).unwrap();
        let run = cablelint(dir.path(), &["check", "--format", "gitlab"]);
        let issues: Vec<serde_json::Value> = serde_json::from_str(&run.stdout).unwrap();
        issues
    };
    let before = run(format!("\u{feff}TO: X\r\n\r\n{body}"));
    let after = run(format!(
        "\u{feff}TO: X\r\n\r\nA paragraph 姬.\r\n\r\n{body}"
    ));
    assert_eq!(before.len(), 2);
    assert_eq!(after.len(), 2);
    for (b, a) in before.iter().zip(&after) {
        assert_eq!(b["fingerprint"], a["fingerprint"]);
        assert_ne!(b["location"], a["location"]);
    }
}

#[test]
fn gitlab_issue_layout_and_an_empty_report() {
    let dir = sandbox("cli");
    cablelint(
        dir.path(),
        &["check", "--format", "gitlab", "--fail-on", "never", "prc-clean.cable"],
    )
    .expect(0, expect![[r#"
        [
          {"description": "B006: `(` is not closed before its paragraph ends (line 2)", "check_name": "B006", "fingerprint": "a1aa64d12d8c60759413af4f83ce9449", "severity": "info", "location": {"path": "prc-clean.cable", "lines": {"begin": 1, "end": 1}, "positions": {"begin": {"line": 1, "column": 14}, "end": {"line": 1, "column": 15}}}}
        ]
    "#]], expect![[""]]);
    std::fs::write(dir.path().join("clean.cable"), "TO: X\n\nClean.\n").unwrap();
    cablelint(dir.path(), &["check", "--format", "gitlab", "clean.cable"]).expect(
        0,
        expect![[r#"
            []
        "#]],
        expect![[""]],
    );
}

#[test]
fn junit_output_is_well_formed_with_a_suite_per_file() {
    let dir = fixtures();
    std::fs::write(dir.path().join("clean.cable"), "TO: X\n\nClean.\n").unwrap();
    let run = cablelint(dir.path(), &["check", "--format", "junit"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    let doc = roxmltree::Document::parse(&run.stdout).unwrap();
    let root = doc.root_element();
    assert_eq!(root.tag_name().name(), "testsuites");
    let suites: Vec<_> = root.children().filter(|n| n.is_element()).collect();
    let names: Vec<&str> = suites
        .iter()
        .map(|s| s.attribute("name").unwrap())
        .collect();
    assert_eq!(
        names,
        [
            "bom-crlf.cable",
            "clean.cable",
            "directive.cable",
            "invalid-utf8.cable",
            "prc-clean.cable",
            "姬鹏飞 𠀋.cable"
        ]
    );
    let concise = cablelint(dir.path(), &["check", "--format", "concise"]);
    let failures: Vec<String> = doc
        .descendants()
        .filter(|n| n.has_tag_name("failure"))
        .map(|n| n.text().unwrap().to_owned())
        .collect();
    let lines: Vec<&str> = concise.stdout.lines().collect();
    assert_eq!(failures, lines[..failures.len()]);
    assert!(lines[failures.len()].starts_with("Found 9 problems"));
    let clean = suites[1];
    assert_eq!(clean.attribute("failures"), Some("0"));
    let cases: Vec<_> = clean.children().filter(|n| n.is_element()).collect();
    assert_eq!(cases.len(), 1);
    assert!(cases[0].children().all(|n| !n.is_element()));
    let astral = suites[5].first_element_child().unwrap();
    assert_eq!(astral.attribute("name"), Some("B004 empty-bracket at 2:6"));
    assert_eq!(astral.attribute("classname"), Some("姬鹏飞 𠀋.cable"));
}

/// An unreadable path is an error case in its own suite (and on stderr).
#[test]
fn junit_carries_unreadable_paths() {
    let dir = sandbox("cli");
    let run = cablelint(
        dir.path(),
        &["check", "--format", "junit", "prc-clean.cable", "gone <&>.cable"],
    )
    .expect(2, expect![[r#"
        <?xml version="1.0" encoding="UTF-8"?>
        <testsuites name="cablelint">
          <testsuite name="prc-clean.cable" tests="1" failures="1" errors="0" skipped="0">
            <testcase name="B006 unbalanced-punctuation at 1:14" classname="prc-clean.cable" file="prc-clean.cable" line="1">
              <failure message="`(` is not closed before its paragraph ends (line 2)" type="info">prc-clean.cable:1:14: info[B006] `(` is not closed before its paragraph ends (line 2)</failure>
            </testcase>
          </testsuite>
          <testsuite name="cablelint" tests="1" failures="0" errors="1" skipped="0">
            <testcase name="gone &lt;&amp;&gt;.cable: No such file or directory (os error 2)" classname="cablelint">
              <error message="gone &lt;&amp;&gt;.cable: No such file or directory (os error 2)"/>
            </testcase>
          </testsuite>
        </testsuites>
    "#]], expect![[r#"
        error: gone <&>.cable: No such file or directory (os error 2)
    "#]]);
    roxmltree::Document::parse(&run.stdout).unwrap();
}

/// `--fail-on` decides the exit status alike in every format.
#[test]
fn exit_statuses_do_not_depend_on_the_format() {
    let dir = fixtures();
    for (args, code) in [
        (&["--fail-on", "warning"][..], 1),
        (&["--fail-on", "error"], 1),
        (&["--fail-on", "never"], 0),
        (&["--fail-on", "warning", "prc-clean.cable"], 0),
        (&["--fail-on", "info", "prc-clean.cable"], 1),
    ] {
        for format in ["human", "concise", "gitlab", "junit"] {
            let mut all = vec!["check", "--format", format];
            all.extend_from_slice(args);
            let run = cablelint(dir.path(), &all);
            assert_eq!(run.code, code, "{format} {args:?}: {}", run.stderr);
        }
    }
}

#[test]
fn help_lists_every_format() {
    let dir = tempfile::tempdir().unwrap();
    let run = cablelint(dir.path(), &["check", "--help"]);
    for format in [
        "human", "json", "sarif", "github", "concise", "gitlab", "junit",
    ] {
        assert!(
            run.stdout.contains(&format!("- {format}:")),
            "{}",
            run.stdout
        );
    }
}

/// File names with CJK and astral characters, quotes, markup, control
/// characters and invalid UTF-8: a concise line each, a GitLab report
/// that parses back to the names (invalid bytes as U+FFFD), and JUnit XML
/// that parses, the characters XML cannot hold written as `\u{HEX}`.
#[cfg(unix)]
#[test]
fn awkward_file_names_in_the_new_formats() {
    use common::files_named;
    let names: [&[u8]; 6] = [
        "姬鹏飞 𠀋.cable".as_bytes(),
        b"quote \"q\" 'a' <&>.cable",
        b"ctl \x01\x1b[31m\x7f\ttab.cable",
        b"new\nline\rcr.cable",
        b"invalid \xff\xfe.cable",
        b"sep,colon:pct%.cable",
    ];
    let (dir, expected) = files_named(&names, "TO: X\r\n\r\nA [ ] gap.\r\n");

    let concise = cablelint(dir.path(), &["check", "--format", "concise", "."]);
    let lines: Vec<&str> = concise.stdout.lines().collect();
    assert_eq!(lines.len(), names.len() + 1, "{}", concise.stdout);
    assert!(
        lines.contains(&"new\\u{a}line\\u{d}cr.cable:3:3: warning[B004] empty editorial bracket")
    );
    assert!(lines.contains(
        &"ctl \\u{1}\\u{1b}[31m\\u{7f}\ttab.cable:3:3: warning[B004] empty editorial bracket"
    ));

    let gitlab = cablelint(dir.path(), &["check", "--format", "gitlab", "."]);
    let issues: Vec<serde_json::Value> = serde_json::from_str(&gitlab.stdout).unwrap();
    let paths: Vec<&str> = issues
        .iter()
        .map(|i| i["location"]["path"].as_str().unwrap())
        .collect();
    assert_eq!(paths, expected);

    let junit = cablelint(dir.path(), &["check", "--format", "junit", "."]);
    let doc = roxmltree::Document::parse(&junit.stdout).unwrap();
    let suites: Vec<&str> = doc
        .root_element()
        .children()
        .filter(|n| n.is_element())
        .map(|n| n.attribute("name").unwrap())
        .collect();
    let shown: Vec<String> = expected
        .iter()
        .map(|n| n.replace('\u{1}', "\\u{1}").replace('\u{1b}', "\\u{1b}"))
        .collect();
    assert_eq!(suites, shown);
}
