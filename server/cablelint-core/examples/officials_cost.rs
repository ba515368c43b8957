//! What the O rules cost `cablelint check`: lints the corpus, replicated to
//! about 20 MB, in-process with and without the O family, and prints MB/s.
//! Usage: cargo run --release -p cablelint-core --example officials_cost
use std::path::PathBuf;
use std::time::Instant;

use cablelint_core::lint::{check, CheckOptions, RuleSelection};
use cablelint_core::officials::builtin_matcher;
use cablelint_core::SourceText;

fn corpus_dir() -> PathBuf {
    std::env::var_os("CABLELINT_CORPUS")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("/work/shared/corpus"))
}

fn main() -> std::io::Result<()> {
    let dir = corpus_dir();
    let mut files = vec![std::fs::read(dir.join("seed-cable-1962-06-28.txt"))?];
    for entry in std::fs::read_dir(dir.join("real"))? {
        let path = entry?.path();
        if path.extension().is_some_and(|e| e == "txt") {
            files.push(std::fs::read(path)?);
        }
    }
    let once: usize = files.iter().map(Vec::len).sum();
    let copies = (20_000_000 / once.max(1)).max(1);
    let total = once * copies;
    // Build the matcher before timing: a server or CLI builds it once.
    let _ = builtin_matcher();
    let run = |ignore: Vec<String>| {
        let options = CheckOptions {
            selection: RuleSelection {
                ignore,
                ..Default::default()
            },
            ..Default::default()
        };
        let start = Instant::now();
        let mut findings = 0;
        for _ in 0..copies {
            for bytes in &files {
                findings += check(SourceText::from_bytes(bytes), &options)
                    .diagnostics
                    .len();
            }
        }
        (total as f64 / 1e6 / start.elapsed().as_secs_f64(), findings)
    };
    let (without, n_without) = run(vec!["O".into()]);
    let (with, n_with) = run(Vec::new());
    println!(
        "{} files x {copies} = {:.1} MB",
        files.len(),
        total as f64 / 1e6
    );
    println!("without O rules: {without:.1} MB/s ({n_without} findings)");
    println!("with O rules:    {with:.1} MB/s ({n_with} findings)");
    println!("slowdown: {:.1}%", (without / with - 1.0) * 100.0);
    Ok(())
}
