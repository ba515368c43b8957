//! What the CLI test files share: scratch copies of fixtures and one way to
//! run the `cablelint` binary and assert its stdout, stderr and exit status.
//! Snapshots show a carriage return as `␍` and a byte-order mark as `<BOM>`,
//! so they survive editors and stay readable; `UPDATE_EXPECT=1` rewrites them.

#![allow(dead_code)] // each test file uses its own part

use expect_test::Expect;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

pub fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures")
}

pub fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

/// A scratch copy of a fixture directory.
pub fn sandbox(fixture: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&fixtures().join(fixture), dir.path());
    dir
}

pub struct Run {
    pub stdout: String,
    pub stderr: String,
    pub code: i32,
}

impl Run {
    /// Standard output parsed as JSON.
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.stdout)
            .unwrap_or_else(|e| panic!("stdout is not JSON ({e}); stderr: {}", self.stderr))
    }

    /// Asserts the whole result of the run; gives it back for more checks.
    pub fn expect(self, code: i32, stdout: Expect, stderr: Expect) -> Run {
        stdout.assert_eq(&visible(&self.stdout));
        stderr.assert_eq(&visible(&self.stderr));
        assert_eq!(self.code, code, "exit status; stderr: {}", self.stderr);
        self
    }
}

/// Runs `cablelint ARGS` in `dir` with nothing on standard input.
pub fn cablelint(dir: &Path, args: &[&str]) -> Run {
    cablelint_env(dir, args, None, &[])
}

/// Runs `cablelint ARGS` in `dir` with `stdin` on standard input.
pub fn cablelint_stdin(dir: &Path, args: &[&str], stdin: &[u8]) -> Run {
    cablelint_env(dir, args, Some(stdin), &[])
}

/// Runs `cablelint ARGS` in `dir` with these environment variables set (and
/// those that change colours, logging or the cache place removed).
pub fn cablelint_env(dir: &Path, args: &[&str], stdin: Option<&[u8]>, env: &[(&str, &str)]) -> Run {
    let mut command = Command::new(env!("CARGO_BIN_EXE_cablelint"));
    command
        .args(args)
        .current_dir(dir)
        .env_remove("RUST_LOG")
        .env_remove("CLICOLOR_FORCE")
        .env_remove("NO_COLOR")
        .env_remove("CABLELINT_CACHE_DIR")
        .envs(env.iter().copied())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let mut child = command.spawn().unwrap();
    {
        use std::io::Write;
        let mut pipe = child.stdin.take().unwrap();
        if let Some(bytes) = stdin {
            pipe.write_all(bytes).unwrap();
        }
    }
    let output = child.wait_with_output().unwrap();
    Run {
        stdout: String::from_utf8(output.stdout).unwrap(),
        stderr: String::from_utf8(output.stderr).unwrap(),
        code: output.status.code().unwrap(),
    }
}

/// The `path` of each file of a `--format json` report, in order.
pub fn file_paths(report: &serde_json::Value) -> Vec<&str> {
    report["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["path"].as_str().unwrap())
        .collect()
}

/// A scratch directory with a file holding `text` under each of `names`
/// (any bytes but `/` and NUL), and the names as the output shows them
/// (invalid UTF-8 as U+FFFD), sorted.
#[cfg(unix)]
pub fn files_named(names: &[&[u8]], text: &str) -> (tempfile::TempDir, Vec<String>) {
    use std::os::unix::ffi::OsStrExt;
    let dir = tempfile::tempdir().unwrap();
    for name in names {
        let path = dir.path().join(std::ffi::OsStr::from_bytes(name));
        std::fs::write(path, text).unwrap();
    }
    let mut shown: Vec<String> = names
        .iter()
        .map(|n| String::from_utf8_lossy(n).into_owned())
        .collect();
    shown.sort();
    (dir, shown)
}

pub fn visible(text: &str) -> String {
    text.replace('\r', "␍").replace('\u{FEFF}', "<BOM>")
}

/// Where `log` breaks the SARIF 2.1.0 schema (`tests/fixtures/sarif`),
/// formats such as `uri` included; empty if nowhere.
pub fn sarif_schema_errors(log: &serde_json::Value) -> Vec<String> {
    static VALIDATOR: std::sync::OnceLock<jsonschema::Validator> = std::sync::OnceLock::new();
    let validator = VALIDATOR.get_or_init(|| {
        let path = fixtures().join("sarif/sarif-schema-2.1.0.json");
        let text = std::fs::read_to_string(&path).unwrap();
        let schema: serde_json::Value = serde_json::from_str(&text).unwrap();
        jsonschema::options()
            .should_validate_formats(true)
            .build(&schema)
            .unwrap()
    });
    validator
        .iter_errors(log)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect()
}
