//! Prints how cablelint reads a file: each line with its section, then the
//! header fields and the profile. `cargo run --example outline -- FILE…`

use cablelint_core::lint::{check, CheckOptions};
use cablelint_core::SourceText;

fn main() {
    for path in std::env::args().skip(1) {
        let bytes = match std::fs::read(&path) {
            Ok(bytes) => bytes,
            Err(e) => {
                eprintln!("{path}: {e}");
                continue;
            }
        };
        let result = check(SourceText::from_bytes(&bytes), &CheckOptions::default());
        let doc = &result.document;
        println!(
            "== {path}: profile {} ({})",
            doc.profile.id,
            doc.detection.describe()
        );
        for (line, kind) in doc.line_kinds.iter().enumerate() {
            let span = doc.lines.line_content_span(doc.text(), line);
            let text: String = doc.slice(span).chars().take(70).collect();
            if !text.trim().is_empty() {
                println!("{:>4} {:<16} {}", line + 1, kind.as_str(), text);
            }
        }
        for f in &doc.fields {
            println!(
                "  field {:<14} {:?} = {:?}",
                f.field.as_deref().unwrap_or("?"),
                doc.slice(f.label),
                doc.slice(f.value)
            );
        }
    }
}
