//! Hostile inputs through the real binary: each gives a report (valid JSON,
//! every position inside the file) in bounded time, never a crash. The big
//! ones (a 50 MB file, one 10 MB line) are measured against the release
//! build by tests/bench/adversarial.sh instead: a debug build is too slow
//! for them to belong in `cargo test`.

use std::path::Path;
use std::process::Command;

fn check_json(path: &Path) -> serde_json::Value {
    let output = Command::new(env!("CARGO_BIN_EXE_cablelint"))
        .args(["check", "--no-config", "--no-cache", "--format", "json"])
        .arg(path)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        output.status.code().is_some_and(|c| c <= 1),
        "{}: status {:?}: {stderr}",
        path.display(),
        output.status
    );
    let json: serde_json::Value = serde_json::from_slice(&output.stdout)
        .unwrap_or_else(|e| panic!("{}: not JSON: {e}", path.display()));
    let size = std::fs::metadata(path).unwrap().len();
    for d in json["files"][0]["diagnostics"].as_array().unwrap() {
        for end in ["start", "end"] {
            let offset = d["range"][end]["offset"].as_u64().unwrap();
            assert!(
                offset <= size,
                "{}: offset {offset} > {size}",
                path.display()
            );
        }
    }
    json
}

fn write(dir: &Path, name: &str, bytes: &[u8]) -> std::path::PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, bytes).unwrap();
    path
}

fn codes(json: &serde_json::Value) -> Vec<String> {
    let mut codes: Vec<String> = json["files"][0]["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["code"].as_str().unwrap().to_owned())
        .collect();
    codes.dedup();
    codes
}

#[test]
fn empty_bom_only_nul_and_invalid_utf8_files() {
    let dir = tempfile::tempdir().unwrap();
    let empty = check_json(&write(dir.path(), "empty.cable", b""));
    assert_eq!(empty["summary"]["files"], 1);
    let bom = check_json(&write(dir.path(), "bom.cable", b"\xef\xbb\xbf"));
    assert_eq!(bom["summary"]["files"], 1);
    let nul = check_json(&write(
        dir.path(),
        "nul.cable",
        &b"TO: X\0\0\n[\0]\n".repeat(1000),
    ));
    assert_eq!(nul["summary"]["files"], 1);
    let invalid = check_json(&write(
        dir.path(),
        "invalid.cable",
        &b"\xff\xfe abc [\xc3\x28] \x80\n".repeat(1000),
    ));
    assert!(
        codes(&invalid).iter().any(|c| c.starts_with('E')),
        "{invalid}"
    );
}

#[test]
fn a_hundred_thousand_brackets_open_or_nested() {
    let dir = tempfile::tempdir().unwrap();
    let open = check_json(&write(dir.path(), "open.cable", &b"[".repeat(100_000)));
    assert!(open["summary"]["diagnostics"].as_u64().unwrap() >= 1);
    let mut nested = b"[".repeat(100_000);
    nested.extend(b"]".repeat(100_000));
    let nested = check_json(&write(dir.path(), "nested.cable", &nested));
    assert_eq!(nested["summary"]["files"], 1);
}

#[test]
fn a_header_of_a_hundred_thousand_fields_and_mixed_line_ends() {
    let dir = tempfile::tempdir().unwrap();
    let header: String = (0..100_000)
        .map(|i| format!("FIELD{i}: value {i}\n"))
        .collect();
    let json = check_json(&write(dir.path(), "header.cable", header.as_bytes()));
    assert_eq!(json["summary"]["files"], 1);
    let mixed = b"TO: X\r\nFROM: Y\rSUBJECT: z\n\nBody (text [x] \r\n\r\r\n".repeat(2000);
    let json = check_json(&write(dir.path(), "mixed.cable", &mixed));
    // Every finding's line is inside the file: CR, LF and CRLF each end one line.
    let last_line = 2000 * 7 + 1;
    for d in json["files"][0]["diagnostics"].as_array().unwrap() {
        let line = d["range"]["end"]["line"].as_u64().unwrap();
        assert!(line <= last_line, "line {line}");
    }
}
