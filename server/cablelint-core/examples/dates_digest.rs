//! Prints every recognised date of every file (all of `Dates`, as `Debug`),
//! one file after another, so that two versions of the date recogniser can
//! be compared with `diff`: a change made for speed must not change what is
//! found. Not a test.
//!
//!     cargo run --release -p cablelint-core --example dates_digest -- DIR... > digest.txt
mod common;

use std::io::Write;
use std::path::Path;

use cablelint_core::model::{Document, ParseOptions};
use cablelint_core::profile::ProfileSet;
use cablelint_core::SourceText;

fn main() -> Result<(), String> {
    let mut files = Vec::new();
    for dir in std::env::args().skip(1) {
        common::files_in(Path::new(&dir), |_| true, &mut files)
            .map_err(|e| format!("{dir}: {e}"))?;
    }
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let profiles = ProfileSet::builtin();
    for path in files {
        let bytes = std::fs::read(&path).map_err(|e| format!("{}: {e}", path.display()))?;
        let doc = Document::parse(
            SourceText::from_bytes(&bytes),
            &profiles,
            &ParseOptions::default(),
        );
        writeln!(out, "== {}", path.display()).map_err(|e| e.to_string())?;
        writeln!(out, "{:#?}", doc.dates()).map_err(|e| e.to_string())?;
    }
    Ok(())
}
