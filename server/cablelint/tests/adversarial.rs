//! Hostile inputs through the real binary: each gives a report (valid JSON,
//! every position inside the file) in bounded time, never a crash. Big
//! inputs are a few megabytes here, with limits configured to match, so
//! the paths a 50 MB file takes run in a debug build in seconds; the full
//! sizes (50 MB, 100 MB, one 10 MB line) are measured against the release
//! build by tests/bench/adversarial.sh, which prints time and memory.

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

/// Runs `cablelint check --format json` with extra arguments; returns the
/// report, the exit status and stderr.
fn run(args: &[&str], path: &Path) -> (serde_json::Value, i32, String) {
    let output = Command::new(env!("CARGO_BIN_EXE_cablelint"))
        .args(["check", "--format", "json"])
        .args(args)
        .arg(path)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    let json = serde_json::from_slice(&output.stdout)
        .unwrap_or_else(|e| panic!("{}: not JSON: {e}\n{stderr}", path.display()));
    (json, output.status.code().unwrap_or(-1), stderr)
}

fn count(json: &serde_json::Value, code: &str) -> usize {
    json["files"][0]["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["code"] == code)
        .count()
}

/// One cable with exactly one finding (an empty bracket, B004), CRLF, CJK
/// and astral text; repeated, it makes a big file of many cables.
const UNIT: &str = "TO: Ministry of Foreign Affairs\r\nFROM: Embassy in Havana\r\nSUBJECT: 发往 𠀋\r\n\r\nThe ambassador [Ji Pengfei] said on 3 June 1962 that [] the question remains.\r\n\r\n";

#[test]
fn a_big_file_of_many_cables_gives_every_finding() {
    let dir = tempfile::tempdir().unwrap();
    let units = 3 * 1024 * 1024 / UNIT.len();
    let path = write(dir.path(), "big.cable", UNIT.repeat(units).as_bytes());
    let json = check_json(&path);
    assert_eq!(count(&json, "B004"), units);
    assert_eq!(count(&json, "E003") + count(&json, "E004"), 0);
}

#[test]
fn one_long_line_of_prose_or_brackets_gives_its_findings() {
    let dir = tempfile::tempdir().unwrap();
    // 2 MB of prose on one line: names, dates, brackets, an empty one each time.
    let prose = "the ambassador [Zhou Enlai] said on 3 June 1962 that [] 𠀋 中国 ";
    let repeats = 2_000_000 / prose.len();
    let mut text = String::from("TO: Ministry of Foreign Affairs\n\n");
    text.push_str(&prose.repeat(repeats));
    text.push('\n');
    let json = check_json(&write(dir.path(), "prose.cable", text.as_bytes()));
    assert_eq!(count(&json, "B004"), repeats);
    // The last finding's column is counted in characters, not bytes.
    let last = json["files"][0]["diagnostics"]
        .as_array()
        .unwrap()
        .last()
        .unwrap()
        .clone();
    let offset = last["range"]["start"]["offset"].as_u64().unwrap() as usize;
    let line_start = text.find("\n\n").unwrap() + 2;
    assert_eq!(last["range"]["start"]["line"], 3);
    assert_eq!(
        last["range"]["start"]["column"].as_u64().unwrap() as usize,
        text[line_start..offset].chars().count() + 1
    );
    // 200 KB of brackets on one line (four findings per 14 bytes, under the
    // cap on findings): every kind of bracket finding.
    let brackets = b"[x] [ ] ]] [[ ".repeat(200_000 / 14);
    let json = check_json(&write(dir.path(), "brackets.cable", &brackets));
    assert_eq!(count(&json, "B004"), 200_000 / 14);
    assert!(count(&json, "B002") > 0 && count(&json, "B001") > 0);
}

#[test]
fn a_file_over_the_size_limit_gets_one_clear_error_and_a_raised_limit_lets_it_through() {
    let dir = tempfile::tempdir().unwrap();
    let units = 1_100_000 / UNIT.len();
    let bytes = UNIT.repeat(units).into_bytes();
    let path = write(dir.path(), "big.cable", &bytes);
    let size = bytes.len();
    let config = dir.path().join("cablelint.toml");
    std::fs::write(&config, "[limits]\nmax-file-size = \"512KB\"\n").unwrap();

    let (json, status, _) = run(&[], &path);
    assert_eq!(status, 1, "an error finding fails the run");
    let diagnostics = json["files"][0]["diagnostics"].as_array().unwrap();
    assert_eq!(diagnostics.len(), 1, "{json}");
    assert_eq!(diagnostics[0]["code"], "E003");
    assert_eq!(diagnostics[0]["severity"], "error");
    assert_eq!(diagnostics[0]["range"]["start"]["line"], 1);
    assert_eq!(diagnostics[0]["range"]["start"]["column"], 1);
    assert_eq!(
        diagnostics[0]["message"],
        format!(
            "file not checked: it is {:.1} MB ({size} bytes), over the limit of 512 KB; raise `limits.max-file-size` in cablelint.toml to check it",
            size as f64 / 1e6
        )
    );
    assert!(json["files"][0]["path"]
        .as_str()
        .unwrap()
        .ends_with("big.cable"));

    // --fix leaves it alone, byte for byte.
    let (json, _, _) = run(&["--fix"], &path);
    assert_eq!(count(&json, "E003"), 1);
    assert_eq!(std::fs::read(&path).unwrap(), bytes);

    // Human and SARIF output say the same.
    let human = Command::new(env!("CARGO_BIN_EXE_cablelint"))
        .args(["check", "--color", "never"])
        .arg(&path)
        .output()
        .unwrap();
    let human = String::from_utf8_lossy(&human.stdout);
    assert!(
        human.contains("E003") && human.contains("limits.max-file-size"),
        "{human}"
    );
    let sarif = Command::new(env!("CARGO_BIN_EXE_cablelint"))
        .args(["check", "--format", "sarif"])
        .arg(&path)
        .output()
        .unwrap();
    let sarif: serde_json::Value = serde_json::from_slice(&sarif.stdout).unwrap();
    assert_eq!(sarif["runs"][0]["results"][0]["ruleId"], "E003");

    // Raised in cablelint.toml: checked, every finding there.
    std::fs::write(&config, "[limits]\nmax-file-size = \"2MB\"\n").unwrap();
    let (json, _, _) = run(&[], &path);
    assert_eq!(count(&json, "E003"), 0);
    assert_eq!(count(&json, "B004"), units);
}

#[test]
fn standard_input_over_the_limit_under_fix_comes_back_whole() {
    use std::io::Write;
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("cablelint.toml");
    std::fs::write(&config, "[limits]\nmax-file-size = \"1KB\"\n").unwrap();
    let text = format!("\u{FEFF}{}", UNIT.repeat(20));
    let mut child = Command::new(env!("CARGO_BIN_EXE_cablelint"))
        .args(["check", "--fix", "--format", "json", "--config"])
        .arg(&config)
        .args(["--stdin-filename", "in.cable", "-"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(text.as_bytes())
        .unwrap();
    let output = child.wait_with_output().unwrap();
    assert_eq!(String::from_utf8(output.stdout).unwrap(), text);
    let report: serde_json::Value = serde_json::from_slice(&output.stderr).unwrap();
    assert_eq!(count(&report, "E003"), 1);
}

#[test]
fn findings_past_the_cap_are_counted_not_kept() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), "many.cable", "[] 𠀋 ".repeat(5000).as_bytes());
    std::fs::write(
        dir.path().join("cablelint.toml"),
        "[limits]\nmax-diagnostics-per-file = 1000\n",
    )
    .unwrap();
    let (all, _, _) = run(&["--no-config"], &path);
    let total = all["summary"]["diagnostics"].as_u64().unwrap() as usize;
    assert!(total >= 5000, "{total}");
    let (capped, _, _) = run(&[], &path);
    let diagnostics = capped["files"][0]["diagnostics"].as_array().unwrap();
    assert_eq!(diagnostics.len(), 1001);
    assert_eq!(diagnostics[0]["code"], "E004");
    assert_eq!(diagnostics[0]["severity"], "warning");
    assert_eq!(
        diagnostics[0]["message"],
        format!(
            "{} more findings not shown: only the first 1000 of a file are kept; raise `limits.max-diagnostics-per-file` in cablelint.toml to see more",
            total - 1000
        )
    );
    // The ones kept are the first in the file.
    let kept: Vec<_> = diagnostics[1..]
        .iter()
        .map(|d| d["range"]["start"]["offset"].clone())
        .collect();
    let first: Vec<_> = all["files"][0]["diagnostics"].as_array().unwrap()[..1000]
        .iter()
        .map(|d| d["range"]["start"]["offset"].clone())
        .collect();
    assert_eq!(kept, first);
}

#[test]
fn a_bad_limit_in_cablelint_toml_names_its_place() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), "a.cable", b"TO: X\n");
    let config = dir.path().join("cablelint.toml");
    std::fs::write(&config, "[limits]\nmax-file-size = \"64 parsecs\"\n").unwrap();
    let output = Command::new(env!("CARGO_BIN_EXE_cablelint"))
        .arg("check")
        .arg(&path)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains(&format!(
            "{}:2:17: `limits.max-file-size`: invalid size `64 parsecs`",
            config.display()
        )),
        "{stderr}"
    );
}
