//! Every input the cargo-fuzz targets `check`, `fix` and `config` ever failed on
//! (`fuzz/regressions/<target>/`), and the small corpora they grew
//! (`fuzz/corpus/<target>/`), replayed through the same invariants on every
//! `cargo test`, without nightly. The first byte of a `check` or `fix` input
//! picks the profile, as in the targets.

#[path = "support/invariants.rs"]
mod invariants;

use std::path::{Path, PathBuf};

fn inputs(kind: &str, target: &str) -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../fuzz")
        .join(kind)
        .join(target);
    let Ok(entries) = std::fs::read_dir(&dir) else {
        return Vec::new();
    };
    let mut files: Vec<PathBuf> = entries
        .map(|e| e.expect("a directory entry").path())
        .filter(|p| p.is_file())
        .collect();
    files.sort();
    files
}

fn replay(target: &str, check: fn(&[u8], u8)) -> usize {
    let mut count = 0;
    for kind in ["regressions", "corpus"] {
        for path in inputs(kind, target) {
            let data = std::fs::read(&path).expect("a readable input");
            let Some((&profile, bytes)) = data.split_first() else {
                continue;
            };
            eprintln!("{}", path.display());
            check(bytes, profile);
            count += 1;
        }
    }
    count
}

#[test]
fn check_regressions_and_corpus_uphold_the_invariants() {
    let count = replay("check", invariants::check_bytes);
    assert!(
        count > 0,
        "no inputs under fuzz/regressions/check or fuzz/corpus/check"
    );
}

#[test]
fn fix_regressions_and_corpus_uphold_the_invariants() {
    let count = replay("fix", invariants::check_fix_bytes);
    assert!(
        count > 0,
        "no inputs under fuzz/regressions/fix or fuzz/corpus/fix"
    );
}

#[test]
fn config_regressions_and_corpus_are_a_configuration_or_an_error() {
    let mut count = 0;
    for kind in ["regressions", "corpus"] {
        for path in inputs(kind, "config") {
            let data = std::fs::read(&path).expect("a readable input");
            eprintln!("{}", path.display());
            invariants::check_config_bytes(&data);
            count += 1;
        }
    }
    assert!(
        count > 0,
        "no inputs under fuzz/regressions/config or fuzz/corpus/config"
    );
}
