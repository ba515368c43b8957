//! `--format json`: the documented shape, and offsets that index the file.

use crate::common::{cablelint, sandbox};
use expect_test::expect;

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
        let json = run.json();
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
