//! `--shard K/N` over a generated collection: the shards partition the files
//! (each finding reported by exactly one shard) and their SARIF logs, each
//! valid and uploaded under its own category (docs/ci.md), hold together
//! exactly the unsharded run's results, under the same rule list.

mod common;

use common::sarif_schema_errors;
use std::path::Path;
use std::process::Command;

fn run_json(dir: &Path, extra: &[&str]) -> serde_json::Value {
    let output = Command::new(env!("CARGO_BIN_EXE_cablelint"))
        .args(["check", "--no-config", "--format"])
        .args(extra)
        .arg("collection")
        .current_dir(dir)
        .output()
        .unwrap();
    assert!(
        output.status.code().unwrap() <= 1,
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    serde_json::from_slice(&output.stdout).unwrap()
}

fn collection() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for i in 0..60 {
        let sub = dir.path().join(format!("collection/{}", i % 4));
        std::fs::create_dir_all(&sub).unwrap();
        let text = match i % 3 {
            0 => format!("Cable {i} [ ] with an empty bracket.\n"),
            1 => format!("Cable {i} (unclosed 𠀋\r\n"),
            _ => format!("Cable {i}: clean.\n"),
        };
        std::fs::write(sub.join(format!("{i:03}.cable")), text).unwrap();
    }
    dir
}

fn paths(json: &serde_json::Value) -> Vec<String> {
    json["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["path"].as_str().unwrap().to_owned())
        .collect()
}

#[test]
fn shards_partition_the_collection_and_their_sarif_results_add_up() {
    let dir = collection();
    let all = run_json(dir.path(), &["json"]);
    let mut all_paths = paths(&all);
    assert_eq!(all_paths.len(), 60);
    // Path order, whatever the thread count.
    let mut sorted = all_paths.clone();
    sorted.sort();
    assert_eq!(all_paths, sorted);

    let whole = run_json(dir.path(), &["sarif"]);
    let mut union = Vec::new();
    let mut sarif_results = Vec::new();
    for k in 1..=3 {
        let shard = format!("{k}/3");
        let part = paths(&run_json(dir.path(), &["json", "--shard", &shard]));
        assert!(
            !part.is_empty() && part.len() < 60,
            "shard {shard}: {part:?}"
        );
        union.extend(part);
        let sarif = run_json(dir.path(), &["sarif", "--shard", &shard]);
        let errors = sarif_schema_errors(&sarif);
        assert!(errors.is_empty(), "shard {shard}: {errors:#?}");
        // The same rules at the same indices, whichever fired in the shard.
        assert_eq!(sarif["runs"][0]["tool"], whole["runs"][0]["tool"]);
        sarif_results.extend(sarif["runs"][0]["results"].as_array().unwrap().clone());
    }
    union.sort();
    all_paths.sort();
    assert_eq!(union, all_paths, "every file in exactly one shard");
    let mut whole_results = whole["runs"][0]["results"].as_array().unwrap().clone();
    assert_eq!(
        whole_results.len(),
        all["summary"]["diagnostics"].as_u64().unwrap() as usize
    );
    let by_text = |a: &serde_json::Value, b: &serde_json::Value| a.to_string().cmp(&b.to_string());
    whole_results.sort_by(by_text);
    sarif_results.sort_by(by_text);
    assert_eq!(sarif_results, whole_results);
}

#[test]
fn a_bad_shard_is_a_usage_error_naming_the_form() {
    let dir = collection();
    let output = Command::new(env!("CARGO_BIN_EXE_cablelint"))
        .args(["check", "--shard", "4/3", "collection"])
        .current_dir(dir.path())
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("expected K/N"), "{stderr}");
}
