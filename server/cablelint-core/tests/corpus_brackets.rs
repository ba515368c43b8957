//! The B (bracket) findings on the real corpus, each reviewed against the
//! text: every one is something the file really has (most are where a
//! truncated page stops inside a bracket or quotation). A change in this
//! list is a change in what users see on real cables: review it line by line.
//!
//! The corpus is read (never copied) from `$CABLELINT_CORPUS`, else
//! `<repo>/../shared/corpus`, else `/work/shared/corpus`.

use cablelint_core::lint::{check, CheckOptions, RuleSelection};
use cablelint_core::text::SourceText;
use expect_test::expect;
use std::fmt::Write;
use std::path::PathBuf;

fn corpus_dir() -> PathBuf {
    let candidates = [
        std::env::var_os("CABLELINT_CORPUS").map(PathBuf::from),
        Some(PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpus")),
        Some(PathBuf::from("/work/shared/corpus")),
    ];
    candidates
        .into_iter()
        .flatten()
        .find(|p| p.join("real").is_dir())
        .expect("corpus not found: set CABLELINT_CORPUS to the directory holding real/*.txt")
}

fn corpus_files() -> Vec<PathBuf> {
    let dir = corpus_dir();
    let mut files = Vec::new();
    for sub in [dir.clone(), dir.join("real")] {
        let entries = std::fs::read_dir(&sub)
            .unwrap_or_else(|e| panic!("cannot read {}: {e}", sub.display()));
        files.extend(
            entries
                .flatten()
                .map(|e| e.path())
                .filter(|p| p.extension().is_some_and(|e| e == "txt")),
        );
    }
    files.sort_by_key(|p| p.file_name().map(|n| n.to_owned()));
    files
}

#[test]
fn bracket_findings_on_the_real_corpus() {
    let files = corpus_files();
    assert!(
        files.len() >= 56,
        "expected the seed and 55 real files, found {}",
        files.len()
    );
    let options = CheckOptions {
        selection: RuleSelection {
            select: Some(vec!["B".into()]),
            ..Default::default()
        },
        ..Default::default()
    };
    let mut out = String::new();
    for path in &files {
        let bytes = std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let result = check(SourceText::from_bytes(&bytes), &options);
        let doc = &result.document;
        let name = path.file_name().unwrap_or_default().to_string_lossy();
        for d in &result.diagnostics {
            let at = doc.lines.line_col(doc.text(), d.span.start);
            let _ = writeln!(
                out,
                "{name}:{}:{} {} {} {}",
                at.line + 1,
                at.column_chars + 1,
                d.severity.as_str(),
                d.code,
                d.message
            );
        }
    }
    expect![[r#"
        seed-cable-1962-06-28.txt:11:14 info B006 `(` is not closed before its paragraph ends (line 11)
        wilson_cable-ambassador-dobrynin-soviet-foreign-ministry-meeting-robert-kennedy.txt:32:1 info B006 `“` is not closed before the text ends (line 32); if the text was cut off, the cut fell inside this quotation
        wilson_cable-foreign-ministry-please-notify-governments-receiving-countries-establishment.txt:16:1 info B006 `“` is not closed before the text ends (line 16); if the text was cut off, the cut fell inside this quotation
        wilson_cable-no-319-czechoslovak-embassy-havana-vladimir-pavlicek.txt:9:1641 error B001 `[` is not closed before the text ends (line 9); if the text was cut off, the cut fell inside this bracket
        wilson_embassy-gdr-pr-china-note-about-club-meeting-ambassadors-and-acting-ambassadors-gdr.txt:25:518 info B006 `”` closes no quotation
        wilson_node94279.txt:12:1066 info B006 `(` is not closed before the text ends (line 12); if the text was cut off, the cut fell inside this parenthesis
        wilson_report-embassy-hungary-north-korea-hungarian-foreign-ministry-35.txt:5:1 warning B007 omission mark `[ …]` is not a form this collection uses; write `[…]`
        wilson_telegram-embassy-hungary-czechoslovakia-hungarian-foreign-ministry.txt:10:239 info B006 `”` closes no quotation
    "#]].assert_eq(&out);
}
