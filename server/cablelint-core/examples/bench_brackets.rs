//! Times the bracket model and the B rules on adversarial and realistic
//! inputs, and prints the figures (no pass/fail: a benchmark, not a test):
//!
//! ```sh
//! cargo run --release -p cablelint-core --example bench_brackets
//! ```

use cablelint_core::lint::{lint, RuleSelection};
use cablelint_core::model::Document;
use std::time::Instant;

fn corpus_text() -> String {
    let dir = std::env::var_os("CABLELINT_CORPUS")
        .map(std::path::PathBuf::from)
        .unwrap_or_else(|| "/work/shared/corpus".into());
    let mut text = String::new();
    if let Ok(entries) = std::fs::read_dir(dir.join("real")) {
        let mut paths: Vec<_> = entries.flatten().map(|e| e.path()).collect();
        paths.sort();
        for path in paths
            .iter()
            .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        {
            if let Ok(t) = std::fs::read_to_string(path) {
                text.push_str(&t);
                text.push_str("\n\n");
            }
        }
    }
    text
}

fn main() {
    let selection = RuleSelection {
        select: Some(vec!["B".into()]),
        ..Default::default()
    };
    let corpus = corpus_text();
    let mut realistic = String::new();
    while !corpus.is_empty() && realistic.len() < 10_000_000 {
        realistic.push_str(&corpus);
    }
    let cases: Vec<(&str, String)> = vec![
        (
            "100k nested [",
            format!("{}{}", "[".repeat(100_000), "]".repeat(100_000)),
        ),
        (
            "200k nested [",
            format!("{}{}", "[".repeat(200_000), "]".repeat(200_000)),
        ),
        ("100k unclosed [ in one paragraph", "[a ".repeat(100_000)),
        ("100k stray ]", "a] ".repeat(100_000)),
        (
            "100k nested (",
            format!("{}{}", "(".repeat(100_000), ")".repeat(100_000)),
        ),
        ("100k unclosed “", "“a ".repeat(100_000)),
        ("100k quotation lines", "“continued\n".repeat(100_000)),
        ("100k [. . .]", "[. . .] ".repeat(100_000)),
        ("corpus repeated to ~10 MB", realistic),
    ];
    println!(
        "{:<34} {:>10} {:>10} {:>10} {:>9}",
        "input", "bytes", "parse ms", "B rules ms", "findings"
    );
    for (name, text) in cases {
        let start = Instant::now();
        let doc = Document::parse_str(&text);
        let parsed = start.elapsed();
        let start = Instant::now();
        let found = lint(&doc, &selection).len();
        let linted = start.elapsed();
        println!(
            "{name:<34} {:>10} {:>10.1} {:>10.1} {found:>9}",
            text.len(),
            parsed.as_secs_f64() * 1e3,
            linted.as_secs_f64() * 1e3
        );
    }
}
