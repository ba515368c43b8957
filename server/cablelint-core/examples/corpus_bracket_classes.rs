//! Prints every editorial bracket of the corpus with its class, for review
//! of the classifier: `cargo run -p cablelint-core --example corpus_bracket_classes`.

use cablelint_core::model::Document;
use cablelint_core::text::floor_char_boundary;

fn main() {
    let dir = std::env::var_os("CABLELINT_CORPUS")
        .map(std::path::PathBuf::from)
        .unwrap_or_else(|| "/work/shared/corpus".into());
    let mut paths: Vec<_> = [dir.clone(), dir.join("real")]
        .iter()
        .filter_map(|d| std::fs::read_dir(d).ok())
        .flat_map(|entries| entries.flatten().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    paths.sort();
    for path in paths {
        let Ok(text) = std::fs::read_to_string(&path) else {
            continue;
        };
        let doc = Document::parse_str(&text);
        let name = path.file_name().unwrap_or_default().to_string_lossy();
        for b in &doc.brackets.list {
            let before = &text[floor_char_boundary(&text, b.open().saturating_sub(24))..b.open()];
            let shown: String = doc.slice(b.span()).chars().take(70).collect();
            println!(
                "{:<14} {name:.40} …{}{shown}",
                b.class(doc.text()).as_str(),
                before.replace('\n', "⏎")
            );
        }
    }
}
