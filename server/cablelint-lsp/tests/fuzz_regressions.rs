//! Every session the cargo-fuzz target `lsp` ever failed on
//! (`fuzz/regressions/lsp/`), and the small corpus it grew
//! (`fuzz/corpus/lsp/`), replayed on every `cargo test`, without nightly.
//! A panic anywhere fails the test, even one the server caught and survived
//! (as libFuzzer's panic hook does in a fuzzing run).

#[path = "support/fuzz_session.rs"]
mod fuzz_session;

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

static PANICS: AtomicUsize = AtomicUsize::new(0);

fn inputs(kind: &str) -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../fuzz")
        .join(kind)
        .join("lsp");
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

#[test]
fn lsp_regressions_and_corpus_replay_without_a_panic() {
    let default_hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        PANICS.fetch_add(1, Ordering::SeqCst);
        default_hook(info);
    }));
    let mut count = 0;
    for path in inputs("regressions").into_iter().chain(inputs("corpus")) {
        let data = std::fs::read(&path).expect("a readable input");
        eprintln!("{}", path.display());
        fuzz_session::run_bytes(&data);
        assert_eq!(
            PANICS.load(Ordering::SeqCst),
            0,
            "{} panicked (see above)",
            path.display()
        );
        count += 1;
    }
    assert!(
        count > 0,
        "no inputs under fuzz/regressions/lsp or fuzz/corpus/lsp"
    );
}
