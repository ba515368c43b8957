//! Formats CI systems read (SARIF, GitHub workflow commands), and awkward
//! file names escaped in every machine-read format.

use crate::common::{cablelint, file_paths, sandbox, sarif_schema_errors};
use expect_test::expect;

#[test]
fn sarif_output_validates_against_the_sarif_2_1_0_schema() {
    let dir = sandbox("cli");
    let run = cablelint(dir.path(), &["check", "--format", "sarif"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    let log = run.json();
    let errors = sarif_schema_errors(&log);
    assert!(errors.is_empty(), "{errors:#?}");
    // The validator does reject a broken log (the check can fail), formats
    // included.
    let mut broken = log.clone();
    broken["runs"][0]["results"][0]["level"] = serde_json::json!("severe");
    assert!(!sarif_schema_errors(&broken).is_empty());
    let mut broken = log.clone();
    broken["runs"][0]["tool"]["driver"]["informationUri"] = serde_json::json!("");
    assert!(!sarif_schema_errors(&broken).is_empty());

    let results = log["runs"][0]["results"].as_array().unwrap();
    let astral = results
        .iter()
        .find(|r| {
            r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "bom-crlf.cable"
                && r["locations"][0]["physicalLocation"]["region"]["startLine"] == 2
        })
        .unwrap();
    // "发往 𠀋 [": 发 往 space (3) + 𠀋 (2 UTF-16 units) + space = column 7.
    assert_eq!(
        astral["locations"][0]["physicalLocation"]["region"]["startColumn"],
        7
    );
    let rules = log["runs"][0]["tool"]["driver"]["rules"]
        .as_array()
        .unwrap();
    let b004 = rules.iter().find(|r| r["id"] == "B004").unwrap();
    assert!(b004["helpUri"]
        .as_str()
        .unwrap()
        .ends_with("/docs/rules/B004.md"));
}

/// A run that finds nothing and cannot read a path: the log is still whole
/// and valid (an empty `results`, the error as a notification), and its tool
/// lists the same rules, at the same indices, as a run with findings.
#[test]
fn sarif_without_results_names_the_unreadable_path_and_lists_every_rule() {
    let dir = sandbox("cli");
    std::fs::write(dir.path().join("clean.cable"), "A clean line.\n").unwrap();
    let run = cablelint(
        dir.path(),
        &["check", "--format", "sarif", "clean.cable", "missing.cable"],
    );
    assert_eq!(run.code, 2, "{}", run.stderr);
    let log = run.json();
    let errors = sarif_schema_errors(&log);
    assert!(errors.is_empty(), "{errors:#?}");
    let sarif_run = &log["runs"][0];
    assert_eq!(sarif_run["results"], serde_json::json!([]));
    let invocation = &sarif_run["invocations"][0];
    assert_eq!(invocation["executionSuccessful"], false);
    let notifications = invocation["toolExecutionNotifications"].as_array().unwrap();
    assert_eq!(notifications.len(), 1, "{notifications:?}");
    assert_eq!(notifications[0]["level"], "error");
    let text = notifications[0]["message"]["text"].as_str().unwrap();
    assert!(text.contains("missing.cable"), "{text}");

    let with_findings = cablelint(dir.path(), &["check", "--format", "sarif"]);
    let with_findings = with_findings.json();
    assert!(!with_findings["runs"][0]["results"]
        .as_array()
        .unwrap()
        .is_empty());
    assert_eq!(with_findings["runs"][0]["tool"], sarif_run["tool"]);
}

#[test]
fn github_output_is_workflow_commands() {
    let dir = sandbox("cli");
    cablelint(dir.path(), &["check", "--format", "github"])
    .expect(
        1,
        expect![[r#"
            ::warning file=bom-crlf.cable,line=2,col=6,endLine=2,endColumn=8,title=B004 empty-bracket::empty editorial bracket
            ::warning file=bom-crlf.cable,line=3,col=13,endLine=3,endColumn=16,title=B004 empty-bracket::empty editorial bracket
            ::error file=directive.cable,line=1,col=1,endLine=1,endColumn=32,title=E002 invalid-directive::unknown directive `disable-lines`: expected `profile`, `disable-file` or `disable-next-line`
            ::warning file=directive.cable,line=4,col=6,endLine=4,endColumn=8,title=B004 empty-bracket::empty editorial bracket
            ::error file=invalid-utf8.cable,line=2,col=1,endLine=2,endColumn=2,title=E001 invalid-utf8::invalid UTF-8 on line 2 (byte 19); the file will not be fixed
            ::warning file=invalid-utf8.cable,line=3,col=13,endLine=3,endColumn=15,title=B004 empty-bracket::empty editorial bracket
            ::notice file=prc-clean.cable,line=1,col=14,endLine=1,endColumn=15,title=B006 unbalanced-punctuation::`(` is not closed before its paragraph ends (line 2)
        "#]],
        expect![[""]],
    );
}

/// File names with CJK and astral characters, quotes, backslashes, control
/// characters, the separators of GitHub annotations and invalid UTF-8 come
/// out escaped in every machine-read format: JSON and SARIF parse back to
/// the names (invalid bytes as U+FFFD), GitHub's properties are encoded.
#[cfg(unix)]
#[test]
fn awkward_file_names_are_escaped_in_every_format() {
    use crate::common::files_named;
    let names: [&[u8]; 6] = [
        "姬鹏飞 𠀋.cable".as_bytes(),
        b"quote \"q\" back\\slash.cable",
        b"ctl \x01\x1b[31m\x7f\ttab.cable",
        b"new\nline.cable",
        b"invalid \xff\xfe.cable",
        b"sep,colon:pct%.cable",
    ];
    let (dir, expected) = files_named(&names, "TO: X\n\nA [ ] gap.\n");

    let json = cablelint(dir.path(), &["check", "--format", "json", "."]);
    let log = json.json();
    let paths = file_paths(&log);
    assert_eq!(paths, expected);
    // Control characters as serde_json escapes them; DEL as it is.
    assert!(json.stdout.contains("ctl \\u0001\\u001b[31m\u{7f}\\ttab"));
    assert!(json.stdout.contains(r#"quote \"q\" back\\slash"#));

    let sarif = cablelint(dir.path(), &["check", "--format", "sarif", "."]);
    let log = sarif.json();
    let results = log["runs"][0]["results"].as_array().unwrap();
    assert_eq!(results.len(), names.len());
    assert_eq!(
        results[0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
        "ctl%20%01%1B%5B31m%7F%09tab.cable"
    );

    let github = cablelint(dir.path(), &["check", "--format", "github", "."]);
    let lines: Vec<&str> = github.stdout.lines().collect();
    assert_eq!(lines.len(), names.len(), "{}", github.stdout);
    assert!(lines.contains(&"::warning file=new%0Aline.cable,line=3,col=3,endLine=3,endColumn=6,title=B004 empty-bracket::empty editorial bracket"), "{}", github.stdout);
    assert!(lines.contains(&"::warning file=sep%2Ccolon%3Apct%25.cable,line=3,col=3,endLine=3,endColumn=6,title=B004 empty-bracket::empty editorial bracket"), "{}", github.stdout);
}
