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
    assert_same_results(serial, split)
}

/// The findings and the split-built model of both runs are equal; returns
/// the findings.
fn assert_same_results(serial: CheckResult, split: CheckResult) -> Vec<crate::Diagnostic> {
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

/// The fuzz corpora of `check` and `fix` (`fuzz/corpus/`), every input in
/// path order without its profile byte and decoded lossily, each on lines
/// of its own (a `disable-file` made a `disable-next-line`), after O001's wrong example: a dated cable, so the officials'
/// rules read a document date; every 64th input is followed by a rule's
/// wrong example. The inputs that reached the most code (unclosed brackets,
/// stray directives, broken dates, titled names cut anywhere), repeated if
/// need be until the text is long enough to be split.
fn fuzz_collection() -> String {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fuzz/corpus");
    let mut inputs: Vec<String> = Vec::new();
    for target in ["check", "fix"] {
        let dir = root.join(target);
        let mut paths: Vec<std::path::PathBuf> = std::fs::read_dir(&dir)
            .unwrap_or_else(|e| panic!("fuzz corpus {} unreadable: {e}", dir.display()))
            .map(|e| e.expect("a directory entry").path())
            .collect();
        paths.sort();
        for path in paths {
            let bytes = std::fs::read(&path).expect("a readable fuzz input");
            if let Some((_, input)) = bytes.split_first() {
                // One input's `disable-file` would silence the whole text
                // (that case has its own test): each turns off a line.
                let input =
                    String::from_utf8_lossy(input).replace("disable-file", "disable-next-line");
                inputs.push(input);
            }
        }
    }
    assert!(
        inputs.len() > 1000,
        "the fuzz corpora hold only {} inputs",
        inputs.len()
    );
    let wrong: Vec<&str> = crate::rules::all().iter().map(|r| r.meta().wrong).collect();
    let mut text = crate::rules::by_code("O001")
        .expect("O001 is registered")
        .meta()
        .wrong
        .to_owned();
    for (i, input) in inputs.iter().cycle().enumerate() {
        if i >= inputs.len() && text.len() >= PARALLEL_FROM_BYTES {
            break;
        }
        text.push('\n');
        text.push_str(input);
        if i % 64 == 63 {
            // Now and then a rule's wrong example, so that every family
            // finds something amid the fuzz.
            text.push('\n');
            text.push_str(wrong[i / 64 % wrong.len()]);
        }
    }
    text
}

/// Every rule on, with the built-in registry, keeping `max_diagnostics`.
fn every_rule_keeping(max_diagnostics: usize) -> CheckOptions {
    let mut options = options_keeping(max_diagnostics);
    options.selection.select = Some(vec![String::new()]);
    options
}

#[test]
fn the_fuzz_corpora_as_one_long_text_are_checked_alike_on_two_threads() {
    let text = fuzz_collection();
    assert!(text.len() >= PARALLEL_FROM_BYTES, "{} bytes", text.len());
    // Every finding, then a cap (E004 and the first findings of both).
    for max in [usize::MAX, 1_000] {
        let options = every_rule_keeping(max);
        let serial = check(SourceText::from_str(&text), &options);
        let split = check_on_threads(SourceText::from_str(&text), &options, 2);
        let found = assert_same_results(serial, split);
        if max == usize::MAX {
            // The dates model is compared above; which D rules report in
            // one text made of thousands of fragments is left to chance.
            assert!(found.len() > 1_000, "too few findings: {}", found.len());
            for family in ['B', 'E', 'H', 'O'] {
                assert!(
                    found.iter().any(|d| d.code.starts_with(family)),
                    "no {family} finding"
                );
            }
            // The date line was read: a title is judged by it.
            assert!(found.iter().any(|d| d.code == "O001"), "no O001 finding");
        } else {
            assert_eq!(found.len(), max + 1);
            assert_eq!(found[0].code, "E004");
        }
    }
}
