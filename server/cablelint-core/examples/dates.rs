//! Prints every date cablelint recognises in the given files (or folders):
//! line, role, form, the text, what it normalises to, and each file's own
//! date. For reviewing the recogniser on real documents.
//!
//! ```text
//! cargo run -p cablelint-core --example dates -- FILE_OR_DIR...
//! ```

use cablelint_core::{Document, SourceText};
use std::path::{Path, PathBuf};

fn files(path: &Path, out: &mut Vec<PathBuf>) {
    if path.is_dir() {
        let mut entries: Vec<PathBuf> = match std::fs::read_dir(path) {
            Ok(entries) => entries.flatten().map(|e| e.path()).collect(),
            Err(e) => {
                eprintln!("dates: cannot read {}: {e}", path.display());
                return;
            }
        };
        entries.sort();
        for entry in entries {
            files(&entry, out);
        }
    } else if path.extension().is_some_and(|e| e == "txt" || e == "cable") {
        out.push(path.to_owned());
    }
}

fn main() {
    let mut paths = Vec::new();
    for arg in std::env::args().skip(1) {
        files(Path::new(&arg), &mut paths);
    }
    for path in paths {
        let bytes = match std::fs::read(&path) {
            Ok(b) => b,
            Err(e) => {
                eprintln!("dates: cannot read {}: {e}", path.display());
                continue;
            }
        };
        let doc = Document::parse(
            SourceText::from_bytes(&bytes),
            &Default::default(),
            &Default::default(),
        );
        let dates = doc.dates();
        println!(
            "== {} (document date: {})",
            path.display(),
            dates
                .document
                .as_ref()
                .map_or("none".to_owned(), |d| d.interval.to_string())
        );
        for m in &dates.mentions {
            let line = doc.lines.line_of(m.span.start) + 1;
            let readings: Vec<String> = m.readings().iter().map(|i| i.to_string()).collect();
            println!(
                "  {line:>4} {:<10} {:<8} {:?} → {} {:?}",
                m.role.as_str(),
                m.form.as_str(),
                doc.slice(m.span),
                if readings.is_empty() {
                    "?".to_owned()
                } else {
                    readings.join(" | ")
                },
                m.confidence
            );
        }
    }
}
