//! Prints every resolved officials mention of every file, one per line, so
//! that two versions of the matcher can be compared with `diff` (a change
//! made for speed must not change what is found). Not a test.
//!
//!     cargo run -p cablelint-core --example mentions_digest -- [--registry builtin|synthetic:N] [DIR...]
mod common;

use std::path::PathBuf;

use cablelint_core::model::Document;
use cablelint_core::officials::{builtin_matcher, matcher_with, mentions};
use cablelint_core::SourceText;
use cablelint_officials::{synthetic, Registry};

fn main() -> Result<(), String> {
    let mut registry = "builtin".to_owned();
    let mut dirs = Vec::new();
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        if arg == "--registry" {
            registry = args.next().ok_or("--registry needs a value")?;
        } else {
            dirs.push(PathBuf::from(arg));
        }
    }
    if dirs.is_empty() {
        dirs.push(PathBuf::from(
            std::env::var("CABLELINT_CORPUS").unwrap_or_else(|_| "/work/shared/corpus".into()),
        ));
    }
    let matcher = match registry.strip_prefix("synthetic:") {
        Some(count) => {
            let count = count.parse().map_err(|e| format!("{registry}: {e}"))?;
            let (toml, _) = synthetic::registry_toml(count, 0x5eed);
            let user =
                Registry::from_toml_str(&toml, "synthetic.toml").map_err(|e| e.to_string())?;
            matcher_with(vec![user])
        }
        None => builtin_matcher().clone(),
    };
    let mut files = Vec::new();
    for dir in &dirs {
        common::files_in(dir, common::is_cable_or_txt, &mut files)
            .map_err(|e| format!("{}: {e}", dir.display()))?;
    }
    for path in files {
        let bytes = std::fs::read(&path).map_err(|e| format!("{}: {e}", path.display()))?;
        let doc = Document::parse_str(&SourceText::from_bytes(&bytes).text);
        for m in mentions(&doc, &matcher) {
            println!(
                "{}\t{:?}\t{:?}\t{:?}\t{}\t{}\t{:?}\t{}",
                path.display(),
                doc.slice(m.span),
                m.title.map(|t| doc.slice(t)),
                m.form,
                m.person_id(&matcher),
                m.unambiguous,
                m.other_ids(&matcher),
                m.title_fits
            );
        }
    }
    Ok(())
}
