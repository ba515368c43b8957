//! Every D finding over the real corpus, reviewed: the snapshot below is the
//! list the lead keeps as the reviewed fixture.

use crate::lint::{check, CheckOptions, RuleSelection};
use crate::model::dates::corpus;
use crate::text::SourceText;
use expect_test::expect;
use std::fmt::Write;

fn findings() -> String {
    let options = CheckOptions {
        selection: RuleSelection {
            select: Some(vec!["D".to_owned()]),
            ..Default::default()
        },
        ..Default::default()
    };
    let mut out = String::new();
    for (name, bytes) in corpus::all_files() {
        let result = check(SourceText::from_bytes(&bytes), &options);
        let doc = &result.document;
        for d in &result.diagnostics {
            let at = doc.lines.line_col(doc.text(), d.span.start);
            let _ = writeln!(
                out,
                "{name}:{}:{} {} {}: {}",
                at.line + 1,
                at.column_chars + 1,
                d.severity.as_str(),
                d.code,
                d.message
            );
        }
    }
    out
}

#[test]
fn d_findings_over_the_corpus_are_the_reviewed_ones() {
    expect![[r#"
        real/wilson_node94279.txt:1:1 warning D002: the archive date “January 23, 1964” (23 January 1964) disagrees with the header and serial dates (24 January 1964)
    "#]]
    .assert_eq(&findings());
}
