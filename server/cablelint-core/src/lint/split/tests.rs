//! The split check finds what the serial one finds, finding for finding,
//! on a long document made of the real corpus (CJK, brackets, dates,
//! officials), with CRLF lines, astral characters and many directives.

use super::*;
use crate::lint::{check, CheckOptions};
use crate::test_corpus;

/// The corpus's documents one after another, `rounds` times, each followed
/// by a rule's documented wrong example (so every family finds something):
/// odd rounds with CRLF lines and astral characters, every few documents a
/// directive, so that the directives are indexed (more than sixteen).
fn collection(rounds: usize, disable_file: bool) -> String {
    let documents = test_corpus::documents();
    let wrong: Vec<&str> = crate::rules::all().iter().map(|r| r.meta().wrong).collect();
    let mut text = String::new();
    if disable_file {
        text.push_str("% cablelint: disable-file D005\n");
    }
    for round in 0..rounds {
        for (i, (_, document)) in documents.iter().enumerate() {
            let mut document = document.replace("\r\n", "\n");
            document.push('\n');
            // Before the example, where its findings are.
            document.push_str(match i % 5 {
                0 => "% cablelint: disable-next-line B006\n",
                1 => "% cablelint: disable-next-line\n",
                2 => "% cablelint: disable-next-line O001 D004\n",
                _ => "",
            });
            document.push_str(wrong[(i + round) % wrong.len()]);
            if round % 2 == 1 {
                // Astral characters before and inside brackets and names.
                document = document
                    .replace(" [", " 𝔄𠀋 [")
                    .replace("Minister", "Minister 😀")
                    .replace('\n', "\r\n");
            }
            text.push_str(&document);
            if !text.ends_with('\n') {
                text.push('\n');
            }
        }
    }
    text
}

fn options_keeping(max_diagnostics: usize) -> CheckOptions {
    let mut options = CheckOptions::default();
    options.limits.max_diagnostics_per_file = max_diagnostics;
    options
}

/// Checks `text` both ways and compares; returns the findings.
fn assert_same(text: &str, options: &CheckOptions) -> Vec<crate::Diagnostic> {
    let serial = check(SourceText::from_str(text), options);
    let split = check_split(SourceText::from_str(text), options);
    assert_eq!(serial.diagnostics.len(), split.diagnostics.len());
    for (a, b) in serial.diagnostics.iter().zip(&split.diagnostics) {
        assert_eq!(a, b);
    }
    // The model too: the brackets scanned beside the dates, the dates
    // recognised beside them.
    assert_eq!(serial.document.brackets.list, split.document.brackets.list);
    assert_eq!(
        serial.document.brackets.stray_closes,
        split.document.brackets.stray_closes
    );
    assert_eq!(
        format!("{:?}", serial.document.dates()),
        format!("{:?}", split.document.dates())
    );
    serial.diagnostics
}

/// Enough findings, of each family that reads the split model, to make
/// the comparison mean something.
fn assert_rich(found: &[crate::Diagnostic]) {
    assert!(found.len() > 50, "too few findings: {}", found.len());
    let families: std::collections::BTreeSet<char> =
        found.iter().filter_map(|d| d.code.chars().next()).collect();
    for family in ['B', 'D', 'H', 'O'] {
        assert!(
            families.contains(&family),
            "no {family} finding: {families:?}"
        );
    }
}

#[test]
fn a_long_document_split_finds_what_the_serial_check_finds() {
    let text = collection(2, false);
    assert!(text.contains('\r') && text.contains('𠀋'));
    assert_rich(&assert_same(&text, &CheckOptions::default()));
}

#[test]
fn a_disable_file_directive_holds_in_both_threads() {
    let text = collection(1, true);
    let found = assert_same(&text, &CheckOptions::default());
    assert_rich(&found);
    assert!(!found.iter().any(|d| d.code == "D005"));
}

#[test]
fn the_cap_keeps_the_same_first_findings_and_counts_the_rest() {
    let text = collection(2, false);
    let options = options_keeping(25);
    let found = assert_same(&text, &options);
    assert_eq!(found[0].code, "E004");
    assert_eq!(found.len(), 26);
}

#[test]
fn a_short_text_or_one_thread_is_checked_as_check_does() {
    // Both go the serial way; the result is the same whichever way.
    let text = collection(1, false);
    assert!(text.len() < PARALLEL_FROM_BYTES);
    let options = CheckOptions::default();
    let serial = check(SourceText::from_str(&text), &options).diagnostics;
    let on_two = check_on_threads(SourceText::from_str(&text), &options, 2).diagnostics;
    assert_eq!(serial, on_two);
}

#[test]
fn a_long_text_on_two_threads_is_split() {
    // Over the threshold: `check_on_threads` takes the split path.
    let mut text = String::new();
    while text.len() < PARALLEL_FROM_BYTES {
        text.push_str("Vice Minister Ji [Pengfei met Chervonenko on June 31, 1962.\r\n\r\n");
    }
    let options = CheckOptions::default();
    let serial = check(SourceText::from_str(&text), &options).diagnostics;
    let split = check_on_threads(SourceText::from_str(&text), &options, 2).diagnostics;
    assert!(!serial.is_empty());
    assert_eq!(serial, split);
}
