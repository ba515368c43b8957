//! Prints every B (bracket) finding on the real corpus, file by file, with
//! the text around it, for review:
//!
//! ```sh
//! cargo run -p cablelint-core --example corpus_brackets [CORPUS_DIR]
//! ```
//!
//! The corpus is read from the argument, else `$CABLELINT_CORPUS`, else
//! `<repo>/../shared/corpus`, else `/work/shared/corpus`.

use cablelint_core::lint::{check, CheckOptions, RuleSelection};
use cablelint_core::text::{floor_char_boundary, SourceText};
use std::path::PathBuf;
use std::process::ExitCode;

fn corpus_dir() -> Option<PathBuf> {
    let candidates = [
        std::env::args().nth(1).map(PathBuf::from),
        std::env::var_os("CABLELINT_CORPUS").map(PathBuf::from),
        Some(PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpus")),
        Some(PathBuf::from("/work/shared/corpus")),
    ];
    candidates.into_iter().flatten().find(|p| p.is_dir())
}

fn main() -> ExitCode {
    let Some(dir) = corpus_dir() else {
        eprintln!("corpus not found: pass its directory or set CABLELINT_CORPUS");
        return ExitCode::FAILURE;
    };
    let mut files: Vec<PathBuf> = Vec::new();
    for sub in [dir.clone(), dir.join("real")] {
        let Ok(entries) = std::fs::read_dir(&sub) else {
            continue;
        };
        files.extend(
            entries
                .flatten()
                .map(|e| e.path())
                .filter(|p| p.extension().is_some_and(|e| e == "txt")),
        );
    }
    files.sort();
    let options = CheckOptions {
        selection: RuleSelection {
            select: Some(vec!["B".into()]),
            ..Default::default()
        },
        ..Default::default()
    };
    let mut total = 0;
    for path in &files {
        let bytes = match std::fs::read(path) {
            Ok(b) => b,
            Err(e) => {
                eprintln!("{}: {e}", path.display());
                continue;
            }
        };
        let result = check(SourceText::from_bytes(&bytes), &options);
        let doc = &result.document;
        let name = path.file_name().unwrap_or_default().to_string_lossy();
        println!(
            "== {name} (profile {}, {} findings)",
            doc.profile.id,
            result.diagnostics.len()
        );
        for d in &result.diagnostics {
            let at = doc.lines.line_col(doc.text(), d.span.start);
            let text = doc.text();
            let from = floor_char_boundary(text, d.span.start.saturating_sub(60));
            let to = floor_char_boundary(text, (d.span.end + 40).min(text.len()));
            let context = text[from..to].replace(['\n', '\r'], "⏎");
            println!(
                "  {}:{} {} {} {}\n      …{context}…",
                at.line + 1,
                at.column_chars + 1,
                d.severity.as_str(),
                d.code,
                d.message
            );
            for r in &d.related {
                let at = doc.lines.line_col(text, r.span.start);
                println!(
                    "      see {}:{}: {}",
                    at.line + 1,
                    at.column_chars + 1,
                    r.message
                );
            }
        }
        total += result.diagnostics.len();
    }
    println!("{total} findings in {} files", files.len());
    ExitCode::SUCCESS
}
