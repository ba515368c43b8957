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

/// Every document of the corpus (`real/*.txt` and the seed cable) in path
/// order, with its text decoded lossily as the tools decode it; panics when
/// the corpus is missing or short, so a test cannot pass on nothing.
pub(crate) fn documents() -> Vec<(PathBuf, String)> {
    let root = root();
    let real = root.join("real");
    let mut paths: Vec<PathBuf> = std::fs::read_dir(&real)
        .unwrap_or_else(|e| panic!("corpus folder {} unreadable: {e}", real.display()))
        .map(|e| e.expect("a directory entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    paths.sort();
    paths.push(root.join("seed-cable-1962-06-28.txt"));
    assert!(
        paths.len() >= 50,
        "the corpus at {} is missing",
        root.display()
    );
    paths
        .into_iter()
        .map(|path| {
            let bytes = std::fs::read(&path)
                .unwrap_or_else(|e| panic!("corpus file {} unreadable: {e}", path.display()));
            let text = String::from_utf8_lossy(&bytes).into_owned();
            (path, text)
        })
        .collect()
}
