//! The `cablelint` binary run over the fixtures in tests/fixtures: stdout,
//! stderr and exit status asserted exactly. Each test copies its fixtures into
//! a fresh directory and runs there, so paths in the output are stable and
//! `--fix` never touches the repository. `UPDATE_EXPECT=1` rewrites snapshots.

use expect_test::expect;
use std::path::{Path, PathBuf};
use std::process::Command;

mod common;
use common::{cablelint, cablelint_stdin, copy_dir, sandbox, sarif_schema_errors};

// ---- formats ----

#[test]
fn clean_files_name_their_profile_only_when_asked() {
    let dir = tempfile::tempdir().unwrap();
    // A PRC cable's form header (detected) and a memo nothing recognises.
    let prc = "发往:乌鲁木齐\n等级:急\n外发e508\n\nReceiver: Wulumuqi\n\nForeign Ministry Dispatch No. 508\n\nLevel: Urgent\n\nThe meeting was held.\n";
    std::fs::write(dir.path().join("prc.cable"), prc).unwrap();
    std::fs::write(
        dir.path().join("memo.cable"),
        "Memo 𠀋\r\n\r\nThe meeting was held.\r\n",
    )
    .unwrap();
    cablelint(dir.path(), &["check", "--no-cache"]).expect(0, expect![[r#"
        No problems found; 2 files checked.
        1 file without findings matched no collection and was checked with the generic profile (--show-profiles names it).
    "#]], expect![[""]]);
    cablelint(dir.path(), &["check", "--no-cache", "--show-profiles"]).expect(
        0,
        expect![[r#"
            memo.cable: profile generic (no collection recognised)
            prc.cable: profile prc-mfa-cable (detected from 发往, 等级, 外发, Foreign Ministry Dispatch No.)
            No problems found; 2 files checked.
        "#]],
        expect![[""]],
    );
}

#[test]
fn human_output_underlines_spans_and_names_profiles() {
    let dir = sandbox("cli");
    cablelint(dir.path(), &["check"])
    .expect(
        1,
        expect![[r#"
            bom-crlf.cable: profile generic (no collection recognised)
            bom-crlf.cable:2:6: warning[B004] empty editorial bracket
              |
            2 | 发往 𠀋 [] 乌鲁木齐
              |         ^^
              |
              = help: unsafe fix: Delete the empty brackets

            bom-crlf.cable:3:13: warning[B004] empty editorial bracket
              |
            3 | On the 26th [ ], Ji met him.
              |             ^^^
              |
              = help: unsafe fix: Delete the empty brackets

            directive.cable: profile generic (no collection recognised)
            directive.cable:1:1: error[E002] unknown directive `disable-lines`: expected `profile`, `disable-file` or `disable-next-line`
              |
            1 | % cablelint: disable-lines B004
              | ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^

            directive.cable:4:6: warning[B004] empty editorial bracket
              |
            4 |     Tab    [] 𠀋 here.
              |            ^^
              |
              = help: unsafe fix: Delete the empty brackets

            invalid-utf8.cable: profile generic (no collection recognised)
            invalid-utf8.cable:2:1: error[E001] invalid UTF-8 on line 2 (byte 19); the file will not be fixed
              |
            2 | �� bad bytes
              | ^

            invalid-utf8.cable:3:13: warning[B004] empty editorial bracket
              |
            3 | On the 26th [], Ji met him.
              |             ^^
              |
              = help: unsafe fix: Delete the empty brackets

            prc-clean.cable: profile prc-mfa-cable (detected from 发往, 等级, 外发, 复来报号, Foreign Ministry Dispatch No.)
            prc-clean.cable:1:14: info[B006] `(` is not closed before its paragraph ends (line 2)
              |
            1 | 发往:乌鲁木齐   批发:(   628
              |                      ^

            Found 7 problems (2 errors, 4 warnings, 1 info) in 4 of 4 files checked; 4 fixable with --fix --unsafe-fixes.
        "#]],
        expect![[""]],
    );
}

#[test]
fn a_clean_file_passes() {
    let dir = sandbox("cli");
    cablelint(dir.path(), &["check", "prc-clean.cable"])
    .expect(
        0,
        expect![[r#"
            prc-clean.cable: profile prc-mfa-cable (detected from 发往, 等级, 外发, 复来报号, Foreign Ministry Dispatch No.)
            prc-clean.cable:1:14: info[B006] `(` is not closed before its paragraph ends (line 2)
              |
            1 | 发往:乌鲁木齐   批发:(   628
              |                      ^

            Found 1 problem (1 info) in 1 of 1 file checked.
        "#]],
        expect![[""]],
    );
}

#[test]
fn json_output_has_the_documented_shape() {
    let dir = sandbox("cli");
    cablelint(
        dir.path(),
        &[
            "check",
            "--format",
            "json",
            "bom-crlf.cable",
            "prc-clean.cable",
        ])
    .expect(
        1,
        expect![[r#"
            {
              "version": 1,
              "files": [
                {
                  "path": "bom-crlf.cable",
                  "profile": "generic",
                  "diagnostics": [
                    {
                      "code": "B004",
                      "name": "empty-bracket",
                      "severity": "warning",
                      "message": "empty editorial bracket",
                      "range": {
                        "start": {
                          "line": 2,
                          "column": 6,
                          "offset": 44
                        },
                        "end": {
                          "line": 2,
                          "column": 8,
                          "offset": 46
                        }
                      },
                      "fix": {
                        "applicability": "unsafe",
                        "title": "Delete the empty brackets",
                        "edits": [
                          {
                            "range": {
                              "start": {
                                "line": 2,
                                "column": 5,
                                "offset": 43
                              },
                              "end": {
                                "line": 2,
                                "column": 8,
                                "offset": 46
                              }
                            },
                            "new_text": ""
                          }
                        ]
                      },
                      "related": []
                    },
                    {
                      "code": "B004",
                      "name": "empty-bracket",
                      "severity": "warning",
                      "message": "empty editorial bracket",
                      "range": {
                        "start": {
                          "line": 3,
                          "column": 13,
                          "offset": 73
                        },
                        "end": {
                          "line": 3,
                          "column": 16,
                          "offset": 76
                        }
                      },
                      "fix": {
                        "applicability": "unsafe",
                        "title": "Delete the empty brackets",
                        "edits": [
                          {
                            "range": {
                              "start": {
                                "line": 3,
                                "column": 12,
                                "offset": 72
                              },
                              "end": {
                                "line": 3,
                                "column": 16,
                                "offset": 76
                              }
                            },
                            "new_text": ""
                          }
                        ]
                      },
                      "related": []
                    }
                  ],
                  "profile_detection": {
                    "method": "fallback",
                    "markers": [],
                    "description": "no collection recognised"
                  }
                },
                {
                  "path": "prc-clean.cable",
                  "profile": "prc-mfa-cable",
                  "diagnostics": [
                    {
                      "code": "B006",
                      "name": "unbalanced-punctuation",
                      "severity": "info",
                      "message": "`(` is not closed before its paragraph ends (line 2)",
                      "range": {
                        "start": {
                          "line": 1,
                          "column": 14,
                          "offset": 29
                        },
                        "end": {
                          "line": 1,
                          "column": 15,
                          "offset": 30
                        }
                      },
                      "fix": null,
                      "related": []
                    }
                  ],
                  "profile_detection": {
                    "method": "detected",
                    "markers": [
                      "发往",
                      "等级",
                      "外发",
                      "复来报号",
                      "Foreign Ministry Dispatch No."
                    ],
                    "description": "detected from 发往, 等级, 外发, 复来报号, Foreign Ministry Dispatch No."
                  }
                }
              ],
              "summary": {
                "files": 2,
                "files_with_diagnostics": 2,
                "diagnostics": 3,
                "errors": 0,
                "warnings": 2,
                "infos": 1,
                "hints": 0,
                "fixable": 0,
                "fixable_unsafe": 2,
                "fixes_applied": 0
              }
            }
        "#]],
        expect![[""]],
    );
}

#[test]
fn json_offsets_index_the_file_bytes_and_columns_count_chars() {
    let dir = sandbox("cli");
    for name in ["bom-crlf.cable", "invalid-utf8.cable", "directive.cable"] {
        let run = cablelint(dir.path(), &["check", "--format", "json", name]);
        let json: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
        let raw = std::fs::read(dir.path().join(name)).unwrap();
        for d in json["files"][0]["diagnostics"].as_array().unwrap() {
            if d["code"] != "B004" {
                continue;
            }
            let start = d["range"]["start"]["offset"].as_u64().unwrap() as usize;
            let end = d["range"]["end"]["offset"].as_u64().unwrap() as usize;
            let bracket = String::from_utf8_lossy(&raw[start..end]);
            assert!(
                bracket == "[]" || bracket == "[ ]",
                "{name}: offsets {start}..{end} hold {bracket:?}"
            );
            // The column counts scalar values from the start of the line.
            let line = d["range"]["start"]["line"].as_u64().unwrap() as usize;
            let column = d["range"]["start"]["column"].as_u64().unwrap() as usize;
            let text = String::from_utf8_lossy(&raw).into_owned();
            let text = text.trim_start_matches('\u{FEFF}');
            let line_text = text.split('\n').nth(line - 1).unwrap();
            let at = line_text.chars().nth(column - 1).unwrap();
            assert_eq!(at, '[', "{name}:{line}:{column}");
        }
    }
}

#[test]
fn sarif_output_validates_against_the_sarif_2_1_0_schema() {
    let dir = sandbox("cli");
    let run = cablelint(dir.path(), &["check", "--format", "sarif"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    let log: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
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
    let log: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
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
    let with_findings: serde_json::Value = serde_json::from_str(&with_findings.stdout).unwrap();
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

#[test]
fn colour_only_when_asked_or_on_a_terminal() {
    let dir = sandbox("cli");
    let plain = cablelint(dir.path(), &["check", "directive.cable"]);
    assert!(!plain.stdout.contains('\u{1b}'));
    let always = cablelint(
        dir.path(),
        &["check", "--color", "always", "directive.cable"],
    );
    assert!(always.stdout.contains("\u{1b}["));
    let mut command = Command::new(env!("CARGO_BIN_EXE_cablelint"));
    let never = command
        .args(["check", "--color", "never", "directive.cable"])
        .env("CLICOLOR_FORCE", "1")
        .current_dir(dir.path())
        .output()
        .unwrap();
    assert!(!String::from_utf8(never.stdout).unwrap().contains('\u{1b}'));
}

#[test]
fn output_does_not_depend_on_the_thread_count() {
    let dir = tempfile::tempdir().unwrap();
    for i in 0..40 {
        std::fs::create_dir_all(dir.path().join(format!("d{}", i % 7))).unwrap();
        std::fs::write(
            dir.path().join(format!("d{}/f{i}.cable", i % 7)),
            format!("Line {i} [] and [ ] here.\n"),
        )
        .unwrap();
    }
    let one = cablelint(dir.path(), &["check", "--threads", "1", "--format", "json"]);
    let many = cablelint(dir.path(), &["check", "--threads", "8", "--format", "json"]);
    assert_eq!(one.code, 1);
    assert_eq!(one.stdout, many.stdout);
    let json: serde_json::Value = serde_json::from_str(&one.stdout).unwrap();
    let paths: Vec<&str> = json["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["path"].as_str().unwrap())
        .collect();
    let mut sorted = paths.clone();
    sorted.sort();
    assert_eq!(paths, sorted);
    assert_eq!(paths.len(), 40);
}

/// With two threads, files the walk finds first are checked while it
/// runs: more files than are checked that way, in folders, some with
/// invalid UTF-8 and a BOM, and a shard, give what one thread gives.
#[test]
fn files_checked_while_the_walk_runs_come_out_in_path_order() {
    let dir = tempfile::tempdir().unwrap();
    for i in 0..700 {
        let folder = dir.path().join(format!("d{}", i % 5));
        std::fs::create_dir_all(&folder).unwrap();
        let mut text = format!("Line {i} [] and [ ] here 𠀋.\r\n").into_bytes();
        if i % 50 == 0 {
            text.extend_from_slice(b"bad \xff byte\n");
        }
        if i % 70 == 0 {
            text.splice(0..0, "\u{FEFF}".bytes());
        }
        std::fs::write(folder.join(format!("f{i}.cable")), text).unwrap();
    }
    for extra in [&[][..], &["--shard", "2/3"]] {
        for format in ["json", "human"] {
            let run = |threads: &str| {
                let mut args = vec!["check", "--no-cache", "--format", format];
                args.extend(["--threads", threads]);
                args.extend(extra);
                cablelint(dir.path(), &args)
            };
            let (one, two) = (run("1"), run("2"));
            assert_eq!(one.code, 1);
            assert_eq!(one.stdout, two.stdout, "{format} {extra:?}");
            assert_eq!(one.stderr, two.stderr, "{format} {extra:?}");
            assert_eq!(one.code, two.code);
        }
    }
}

// ---- fixing ----

#[test]
fn fix_applies_only_safe_fixes_by_default() {
    let dir = sandbox("cli");
    let before = std::fs::read(dir.path().join("bom-crlf.cable")).unwrap();
    let run = cablelint(dir.path(), &["check", "--fix", "bom-crlf.cable"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert_eq!(
        std::fs::read(dir.path().join("bom-crlf.cable")).unwrap(),
        before
    );
}

#[test]
fn unsafe_fixes_rewrite_the_file_keeping_bom_and_crlf() {
    let dir = sandbox("cli");
    cablelint(
        dir.path(),
        &["check", "--fix", "--unsafe-fixes", "bom-crlf.cable"],
    )
    .expect(
        0,
        expect![[r#"
            Fixed 2 problems in 1 file.
            No problems found; 1 file checked.
            1 file without findings matched no collection and was checked with the generic profile (--show-profiles names it).
        "#]],
        expect![[""]],
    );
    assert_eq!(
        std::fs::read(dir.path().join("bom-crlf.cable")).unwrap(),
        "\u{FEFF}Receiver: Wulumuqi [Urumqi]\r\n发往 𠀋 乌鲁木齐\r\nOn the 26th, Ji met him.\r\n"
            .as_bytes()
    );
}

#[test]
fn a_read_only_file_is_left_untouched_with_an_error() {
    use std::os::unix::fs::PermissionsExt;
    let dir = sandbox("cli");
    let path = dir.path().join("bom-crlf.cable");
    let before = std::fs::read(&path).unwrap();
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o444)).unwrap();
    cablelint(
        dir.path(),
        &[
            "check",
            "--fix",
            "--unsafe-fixes",
            "--format",
            "github",
            "bom-crlf.cable",
        ])
    .expect(
        2,
        expect![[r#"
        ::warning file=bom-crlf.cable,line=2,col=6,endLine=2,endColumn=8,title=B004 empty-bracket::empty editorial bracket
        ::warning file=bom-crlf.cable,line=3,col=13,endLine=3,endColumn=16,title=B004 empty-bracket::empty editorial bracket
    "#]],
        expect![[r#"
        error: bom-crlf.cable: not fixed: the file is read-only
    "#]],
    );
    assert_eq!(std::fs::read(&path).unwrap(), before);
}

#[test]
fn a_file_with_invalid_utf8_is_never_fixed() {
    let dir = sandbox("cli");
    let path = dir.path().join("invalid-utf8.cable");
    let before = std::fs::read(&path).unwrap();
    cablelint(
        dir.path(),
        &["check", "--fix", "--unsafe-fixes", "invalid-utf8.cable"])
    .expect(
        2,
        expect![[r#"
            invalid-utf8.cable: profile generic (no collection recognised)
            invalid-utf8.cable:2:1: error[E001] invalid UTF-8 on line 2 (byte 19); the file will not be fixed
              |
            2 | �� bad bytes
              | ^

            invalid-utf8.cable:3:13: warning[B004] empty editorial bracket
              |
            3 | On the 26th [], Ji met him.
              |             ^^
              |
              = help: unsafe fix: Delete the empty brackets

            Found 2 problems (1 error, 1 warning) in 1 of 1 file checked; 1 fixable with --fix --unsafe-fixes; 1 path failed (errors on stderr).
        "#]],
        expect![[r#"
        error: invalid-utf8.cable: not fixed: invalid UTF-8 at byte 19; re-save the file as UTF-8
    "#]],
    );
    assert_eq!(std::fs::read(&path).unwrap(), before);
}

#[test]
fn diff_shows_the_fixes_and_writes_nothing() {
    let dir = sandbox("cli");
    let before = std::fs::read(dir.path().join("directive.cable")).unwrap();
    cablelint(
        dir.path(),
        &[
            "check",
            "--diff",
            "--unsafe-fixes",
            "directive.cable",
            "bom-crlf.cable",
        ],
    )
    .expect(
        1,
        expect![[r#"
            --- a/bom-crlf.cable
            +++ b/bom-crlf.cable
            @@ -1,3 +1,3 @@
             <BOM>Receiver: Wulumuqi [Urumqi]␍
            -发往 𠀋 [] 乌鲁木齐␍
            -On the 26th [ ], Ji met him.␍
            +发往 𠀋 乌鲁木齐␍
            +On the 26th, Ji met him.␍
            --- a/directive.cable
            +++ b/directive.cable
            @@ -1,4 +1,4 @@
             % cablelint: disable-lines B004
             % cablelint: disable-next-line B004
             On the 26th [], Ji met him.
            -	Tab	[] 𠀋 here.
            +	Tab	 𠀋 here.
        "#]],
        expect![[r#"
        Would fix 3 problems in 2 files.
    "#]],
    );
    assert_eq!(
        std::fs::read(dir.path().join("directive.cable")).unwrap(),
        before
    );
}

// ---- inputs ----

#[test]
fn stdin_is_checked_under_its_given_name() {
    let dir = sandbox("cli");
    cablelint_stdin(
        dir.path(),
        &["check", "--stdin-filename", "letters/x.cable"],
        "发往 𠀋 [] ok\n".as_bytes(),
    )
    .expect(
        1,
        expect![[r#"
        letters/x.cable: profile generic (no collection recognised)
        letters/x.cable:1:6: warning[B004] empty editorial bracket
          |
        1 | 发往 𠀋 [] ok
          |         ^^
          |
          = help: unsafe fix: Delete the empty brackets

        Found 1 problem (1 warning) in 1 of 1 file checked; 1 fixable with --fix --unsafe-fixes.
    "#]],
        expect![[""]],
    );
}

#[test]
fn stdin_fixed_goes_to_stdout_and_the_report_to_stderr() {
    let dir = sandbox("cli");
    let run = cablelint_stdin(
        dir.path(),
        &["check", "--fix", "--unsafe-fixes", "-"],
        "\u{FEFF}a [] b\r\n".as_bytes(),
    )
    .expect(
        0,
        expect![[r#"
            <BOM>a b␍
        "#]],
        expect![[r#"
            Fixed 1 problem in 1 file.
            No problems found; 1 file checked.
            1 file without findings matched no collection and was checked with the generic profile (--show-profiles names it).
        "#]],
    );
    assert_eq!(run.stdout.as_bytes(), "\u{FEFF}a b\r\n".as_bytes());
}

#[test]
fn named_files_are_checked_whatever_their_extension_and_walks_skip_them() {
    let dir = sandbox("cli");
    cablelint(dir.path(), &["check", "--format", "github", "notes.txt"])
    .expect(
        1,
        expect![[r#"
        ::warning file=notes.txt,line=1,col=13,endLine=1,endColumn=15,title=B004 empty-bracket::empty editorial bracket
    "#]],
        expect![[""]],
    );
    let walked = cablelint(dir.path(), &["check", "--format", "json", "."]);
    assert!(!walked.stdout.contains("notes.txt"));
}

#[test]
fn walks_respect_gitignore() {
    let dir = sandbox("cli");
    std::fs::write(dir.path().join(".gitignore"), "directive.cable\n").unwrap();
    let run = cablelint(dir.path(), &["check", "--format", "json"]);
    assert!(!run.stdout.contains("directive.cable"));
    assert!(run.stdout.contains("bom-crlf.cable"));
}

#[test]
fn a_missing_path_is_an_error_but_the_rest_is_checked() {
    let dir = sandbox("cli");
    cablelint(
        dir.path(),
        &[
            "check",
            "--format",
            "github",
            "nope.cable",
            "prc-clean.cable",
        ])
    .expect(
        2,
        expect![[r#"
            ::notice file=prc-clean.cable,line=1,col=14,endLine=1,endColumn=15,title=B006 unbalanced-punctuation::`(` is not closed before its paragraph ends (line 2)
        "#]],
        expect![[r#"
        error: nope.cable: No such file or directory (os error 2)
    "#]],
    );
}

// ---- exit status ----

#[test]
fn fail_on_sets_the_threshold() {
    let dir = sandbox("cli");
    let args = |level: &'static str| {
        [
            "check",
            "--format",
            "github",
            "--fail-on",
            level,
            "bom-crlf.cable",
        ]
    };
    assert_eq!(cablelint(dir.path(), &args("warning")).code, 1);
    assert_eq!(cablelint(dir.path(), &args("error")).code, 0);
    assert_eq!(cablelint(dir.path(), &args("never")).code, 0);
    assert_eq!(cablelint(dir.path(), &args("hint")).code, 1);
    let usage = cablelint(dir.path(), &["check", "--fail-on", "loud"]);
    assert_eq!(usage.code, 2);
    assert!(
        usage.stderr.contains("invalid value 'loud'"),
        "{}",
        usage.stderr
    );
}

// ---- configuration ----

#[test]
fn configuration_sets_profiles_severities_ignores_and_excludes() {
    let dir = sandbox("cli-project");
    cablelint(dir.path(), &["check", "--format", "github"])
    .expect(
        0,
        expect![[r#"
            ::notice file=frus/telegram.cable,line=4,col=16,endLine=4,endColumn=18,title=B004 empty-bracket::empty editorial bracket
            ::notice file=top.cable,line=1,col=5,endLine=1,endColumn=7,title=B004 empty-bracket::empty editorial bracket
        "#]],
        expect![[""]],
    );
    let json = cablelint(dir.path(), &["check", "--format", "json", "frus"]);
    let json: serde_json::Value = serde_json::from_str(&json.stdout).unwrap();
    assert_eq!(json["files"][0]["profile"], "frus-telegram");
    assert_eq!(
        json["files"][0]["profile_detection"]["method"],
        "configured"
    );
}

#[test]
fn no_config_and_explicit_config() {
    let dir = sandbox("cli-project");
    cablelint(
        dir.path(),
        &["check", "--no-config", "--format", "github"])
    .expect(
        1,
        expect![[r#"
            ::warning file=drafts/d.cable,line=1,col=7,endLine=1,endColumn=9,title=B004 empty-bracket::empty editorial bracket
            ::warning file=frus/telegram.cable,line=4,col=16,endLine=4,endColumn=18,title=B004 empty-bracket::empty editorial bracket
            ::warning file=nested/n.cable,line=1,col=8,endLine=1,endColumn=10,title=B004 empty-bracket::empty editorial bracket
            ::warning file=quiet/q.cable,line=1,col=7,endLine=1,endColumn=9,title=B004 empty-bracket::empty editorial bracket
            ::warning file=top.cable,line=1,col=5,endLine=1,endColumn=7,title=B004 empty-bracket::empty editorial bracket
        "#]],
        expect![[""]],
    );
    let run = cablelint(
        dir.path(),
        &[
            "check",
            "--config",
            "nested/cablelint.toml",
            "--format",
            "github",
        ],
    );
    run.expect(0, expect![[""]], expect![[""]]);
}

#[test]
fn select_extend_select_and_ignore_on_the_command_line_override_the_configuration() {
    let dir = sandbox("cli-project");
    std::fs::write(
        dir.path().join("o.cable"),
        "Ambassador Xyzzyqq met him [].\n",
    )
    .unwrap();
    let github = |args: &[&str]| {
        let mut all = vec!["check", "--no-cache", "--format", "github"];
        all.extend_from_slice(args);
        cablelint(dir.path(), &all)
    };
    // `--select` replaces the selection and the ignores of each
    // configuration (nested/ ignores B004); severities and per-file
    // ignores (quiet/) still apply.
    github(&["--select", "empty-bracket", "frus", "nested", "quiet"]).expect(
        1,
        expect![[r#"
            ::notice file=frus/telegram.cable,line=4,col=16,endLine=4,endColumn=18,title=B004 empty-bracket::empty editorial bracket
            ::warning file=nested/n.cable,line=1,col=8,endLine=1,endColumn=10,title=B004 empty-bracket::empty editorial bracket
        "#]],
        expect![[""]],
    );
    github(&["--ignore", "B004", "frus", "nested", "top.cable"]).expect(
        0,
        expect![[""]],
        expect![[""]],
    );
    // A rule off by default, comma-separated with another.
    github(&["--extend-select", "O003,B004", "o.cable"]).expect(
        0,
        expect![[r#"
            ::notice file=o.cable,line=1,col=1,endLine=1,endColumn=19,title=O003 unknown-official::no official named `Xyzzyqq` in the officials registry
            ::notice file=o.cable,line=1,col=28,endLine=1,endColumn=30,title=B004 empty-bracket::empty editorial bracket
        "#]],
        expect![[""]],
    );
    github(&["--select", "ALL", "--ignore", "B", "o.cable"]).expect(
        0,
        expect![[r#"
            ::notice file=o.cable,line=1,col=1,endLine=1,endColumn=19,title=O003 unknown-official::no official named `Xyzzyqq` in the officials registry
        "#]],
        expect![[""]],
    );
    github(&["--select", "B004,B9"]).expect(
        2,
        expect![[""]],
        expect![[r#"
            error: `--select`: unknown rule code `B9`; `cablelint rules` lists them
        "#]],
    );
    github(&["--no-config", "--ignore", "O0031"]).expect(
        2,
        expect![[""]],
        expect![[r#"
            error: `--ignore`: unknown rule code `O0031`; did you mean `O003`?
        "#]],
    );
}

#[test]
fn a_bad_configuration_stops_the_run_naming_file_line_and_key() {
    let dir = sandbox("cli-bad-config");
    let run = cablelint(dir.path(), &["check"]);
    let stderr = run
        .stderr
        .replace(&dir.path().display().to_string(), "$DIR");
    assert_eq!(run.stdout, "");
    expect![[r#"
        error: $DIR/cablelint.toml:2:16: `rules.select[1]`: unknown rule code `B04`; did you mean `B004`?
    "#]].assert_eq(&stderr);
    assert_eq!(run.code, 2);
}

// ---- rules and documentation ----

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
    let list: serde_json::Value = serde_json::from_str(&json.stdout).unwrap();
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

// ---- real documents ----

/// Every real document checks without an error of the tool itself: exit 0
/// or 1, valid JSON, nothing on stderr.
#[test]
fn the_real_corpus_checks_cleanly() {
    let corpus = std::env::var_os("CABLELINT_CORPUS")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpus"));
    let corpus = if corpus.is_dir() {
        corpus
    } else {
        PathBuf::from("/work/shared/corpus")
    };
    let mut files: Vec<String> = std::fs::read_dir(corpus.join("real"))
        .expect("the corpus of real documents")
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .map(|p| p.display().to_string())
        .collect();
    files.push(
        corpus
            .join("seed-cable-1962-06-28.txt")
            .display()
            .to_string(),
    );
    files.sort();
    assert!(files.len() >= 50);
    let dir = tempfile::tempdir().unwrap();
    let mut args = vec!["check", "--no-config", "--format", "json"];
    args.extend(files.iter().map(String::as_str));
    let run = cablelint(dir.path(), &args);
    assert!(run.code == 0 || run.code == 1, "{}", run.stderr);
    assert_eq!(run.stderr, "");
    let json: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(json["summary"]["files"], files.len());
}

// ---- officials ----

/// CRLF, a BOM, CJK and an astral-plane character before the names.
const OFFICIALS_CABLE: &str = "\u{FEFF}June 28, 1962\r\n\r\nCable\r\n\r\n发往 𠀋 Foreign Minister Ji Pengfei met Chervonenko.\r\nVice Minister Ji left.\r\n";

#[test]
fn officials_lists_people_and_their_posts_on_the_date() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("a.cable"), OFFICIALS_CABLE).unwrap();
    cablelint(dir.path(), &["officials", "a.cable"])
    .expect(
        0,
        expect![[r#"
            a.cable (1962-06-28)
              Ji Pengfei (姬鹏飞 / 姬鵬飛) [ji-pengfei]
                Vice Minister of Foreign Affairs, PRC Ministry of Foreign Affairs (1955–1972)
                named at 5:23, 6:15
              Stepan Vasilyevich Chervonenko (Степан Васильевич Червоненко) [chervonenko]
                Ambassador to the People's Republic of China, USSR Ministry of Foreign Affairs (1959-10-15–1965-04-13)
                named at 5:38
        "#]],
        expect![[""]],
    );
    let run = cablelint(dir.path(), &["officials", "--format", "json", "a.cable"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let json: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    let ji = &json[0]["officials"][0];
    assert_eq!(json[0]["date"], "1962-06-28");
    assert_eq!(ji["id"], "ji-pengfei");
    assert_eq!(
        ji["posts_on_date"][0]["title"],
        "Vice Minister of Foreign Affairs"
    );
    // Offsets index the file's bytes (BOM included), like `check --format json`.
    let start = ji["mentions"][0]["start"].as_u64().unwrap() as usize;
    let end = ji["mentions"][0]["end"].as_u64().unwrap() as usize;
    assert_eq!(
        &OFFICIALS_CABLE.as_bytes()[start..end],
        "Ji Pengfei".as_bytes()
    );
    assert_eq!(ji["positions"][1], serde_json::json!([6, 15]));
    // A missing file: an error naming it, the others still listed.
    let run = cablelint(dir.path(), &["officials", "missing.cable", "a.cable"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.starts_with("error: missing.cable: "),
        "{}",
        run.stderr
    );
    assert!(
        run.stdout.starts_with("a.cable (1962-06-28)\n"),
        "{}",
        run.stdout
    );
}

#[test]
fn json_diagnostics_about_an_official_name_the_person() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("a.cable"), OFFICIALS_CABLE).unwrap();
    let run = cablelint(dir.path(), &["check", "--format", "json", "a.cable"]);
    let json: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    let diagnostics = json["files"][0]["diagnostics"].as_array().unwrap();
    let o001 = diagnostics
        .iter()
        .find(|d| d["code"] == "O001")
        .expect("Foreign Minister Ji Pengfei is reported");
    assert_eq!(o001["person"], "ji-pengfei");
    // Findings about no one carry no `person` key.
    assert!(diagnostics
        .iter()
        .filter(|d| !d["code"].as_str().unwrap().starts_with('O'))
        .all(|d| d.get("person").is_none()));
}

/// File names with CJK and astral characters, quotes, backslashes, control
/// characters, the separators of GitHub annotations and invalid UTF-8 come
/// out escaped in every machine-read format: JSON and SARIF parse back to
/// the names (invalid bytes as U+FFFD), GitHub's properties are encoded.
#[cfg(unix)]
#[test]
fn awkward_file_names_are_escaped_in_every_format() {
    use std::os::unix::ffi::OsStrExt;
    let dir = tempfile::tempdir().unwrap();
    let names: [&[u8]; 6] = [
        "姬鹏飞 𠀋.cable".as_bytes(),
        b"quote \"q\" back\\slash.cable",
        b"ctl \x01\x1b[31m\x7f\ttab.cable",
        b"new\nline.cable",
        b"invalid \xff\xfe.cable",
        b"sep,colon:pct%.cable",
    ];
    for name in names {
        let path = dir.path().join(std::ffi::OsStr::from_bytes(name));
        std::fs::write(path, "TO: X\n\nA [ ] gap.\n").unwrap();
    }
    let mut expected: Vec<String> = names
        .iter()
        .map(|n| String::from_utf8_lossy(n).into_owned())
        .collect();
    expected.sort();

    let json = cablelint(dir.path(), &["check", "--format", "json", "."]);
    let log: serde_json::Value = serde_json::from_str(&json.stdout).unwrap();
    let paths: Vec<&str> = log["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["path"].as_str().unwrap())
        .collect();
    assert_eq!(paths, expected);
    // Control characters as serde_json escapes them; DEL as it is.
    assert!(json.stdout.contains("ctl \\u0001\\u001b[31m\u{7f}\\ttab"));
    assert!(json.stdout.contains(r#"quote \"q\" back\\slash"#));

    let sarif = cablelint(dir.path(), &["check", "--format", "sarif", "."]);
    let log: serde_json::Value = serde_json::from_str(&sarif.stdout).unwrap();
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
