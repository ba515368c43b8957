//! The real documents of the shared corpus.

use crate::common::cablelint;
use std::path::{Path, PathBuf};

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
    let json = run.json();
    assert_eq!(json["summary"]["files"], files.len());
}
