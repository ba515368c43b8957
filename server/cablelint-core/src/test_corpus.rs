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
