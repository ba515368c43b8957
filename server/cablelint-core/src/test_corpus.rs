//! The shared corpus of real documents, for tests: `CABLELINT_CORPUS`, else
//! `<repo>/../shared/corpus`, else `/work/shared/corpus`. The documents are
//! never copied into the repository.

use std::path::PathBuf;

pub(crate) fn root() -> PathBuf {
    if let Some(dir) = std::env::var_os("CABLELINT_CORPUS") {
        return PathBuf::from(dir);
    }
    let repo = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..");
    let beside = repo.join("../shared/corpus");
    if beside.is_dir() {
        return beside;
    }
    PathBuf::from("/work/shared/corpus")
}

/// One corpus file's text; panics with the path when it is missing, so a
/// missing corpus fails the test instead of passing it.
pub(crate) fn read(relative: &str) -> String {
    let path = root().join(relative);
    std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("corpus file {} unreadable: {e}", path.display()))
}

/// Every `.txt` file of the corpus (the seed and `real/`), by name, sorted.
pub(crate) fn all_files() -> Vec<(String, Vec<u8>)> {
    let root = root();
    let mut files = Vec::new();
    for dir in [root.clone(), root.join("real")] {
        let entries = std::fs::read_dir(&dir)
            .unwrap_or_else(|e| panic!("corpus folder {} unreadable: {e}", dir.display()));
        for entry in entries.flatten() {
            let path = entry.path();
            if path.extension().is_some_and(|e| e == "txt") {
                let name = path
                    .strip_prefix(&root)
                    .unwrap_or(&path)
                    .display()
                    .to_string();
                let bytes = std::fs::read(&path)
                    .unwrap_or_else(|e| panic!("corpus file {} unreadable: {e}", path.display()));
                files.push((name, bytes));
            }
        }
    }
    files.sort();
    assert!(
        files.len() > 50,
        "corpus at {} has only {} files",
        root.display(),
        files.len()
    );
    files
}
