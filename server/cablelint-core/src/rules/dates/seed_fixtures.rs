//! The seed cable with one date changed: each change is found by the rule
//! that should find it, by no other date rule, and its fix gives the seed
//! back byte for byte (also with CRLF line ends and a byte-order mark).

use crate::diagnostic::Applicability;
use crate::lint::{check, fix, CheckOptions, RuleSelection};
use crate::test_corpus as corpus;
use crate::text::SourceText;

fn seed() -> String {
    corpus::read("seed-cable-1962-06-28.txt")
}

fn options() -> CheckOptions {
    CheckOptions {
        selection: RuleSelection {
            select: Some(vec!["D".to_owned()]),
            ..Default::default()
        },
        ..Default::default()
    }
}

/// `code message` for every D finding on `text`.
fn findings(text: &str) -> Vec<String> {
    check(SourceText::from_str(text), &options())
        .diagnostics
        .iter()
        .map(|d| format!("{} {}", d.code, d.message))
        .collect()
}

fn fixed(text: &str) -> String {
    let outcome = fix(
        SourceText::from_str(text),
        &options(),
        Applicability::Unsafe,
    );
    outcome.result.document.source.to_file_string(&outcome.text)
}

/// The seed with the `nth` (0-based) occurrence of `from` replaced.
fn changed(from: &str, to: &str, nth: usize) -> String {
    let seed = seed();
    let at = seed
        .match_indices(from)
        .nth(nth)
        .unwrap_or_else(|| panic!("the seed has no occurrence {nth} of {from:?}"))
        .0;
    format!("{}{to}{}", &seed[..at], &seed[at + from.len()..])
}

fn assert_only(text: &str, code: &str, fragment: &str) {
    let found = findings(text);
    assert!(
        found.len() == 1 && found[0].starts_with(code) && found[0].contains(fragment),
        "expected one {code} finding with {fragment:?}, got {found:?}"
    );
}

#[test]
fn the_seed_has_no_date_findings() {
    assert_eq!(findings(&seed()), Vec::<String>::new());
}

#[test]
fn a_changed_closing_day_is_the_odd_one_out_and_is_rewritten() {
    let text = changed("28 June [1962]", "27 June [1962]", 1);
    assert_only(&text, "D002", "the closing date “27 June [1962]”");
    assert_eq!(fixed(&text), seed());
}

#[test]
fn a_changed_date_code_in_the_chinese_header_is_rewritten() {
    let text = changed("628", "626", 0);
    assert_only(&text, "D002", "the original date “626”");
    assert_eq!(fixed(&text), seed());
}

#[test]
fn a_changed_archive_line_is_rewritten_in_its_own_form() {
    let text = changed("June 28, 1962", "July 28, 1962", 0);
    assert_only(&text, "D002", "the archive date “July 28, 1962”");
    assert_eq!(fixed(&text), seed());
}

#[test]
fn an_impossible_header_date() {
    let text = changed("28 June [1962]", "31 June [1962]", 0);
    assert_only(&text, "D001", "June 1962 has 30 days");
}

#[test]
fn a_weekday_added_to_the_header_that_does_not_fit() {
    let text = changed("28 June [1962]", "Monday, 28 June [1962]", 0);
    assert_only(&text, "D001", "was a Thursday, not a Monday");
    assert_eq!(
        fixed(&text),
        changed("28 June [1962]", "Thursday, 28 June [1962]", 0)
    );
}

#[test]
fn a_body_day_moved_after_the_cable() {
    let text = changed("the 26th [of June]", "the 29th [of June]", 0);
    assert_only(
        &text,
        "D004",
        "“29th [of June]” (29 June 1962) is after the document's date (28 June 1962)",
    );
}

#[test]
fn a_cited_memorandum_dated_after_the_cable() {
    let text = changed("memorandum of 2 June", "memorandum of 30 June", 0);
    assert_only(&text, "D004", "“30 June” (30 June 1962)");
}

#[test]
fn a_closing_without_its_year_gets_it_supplied() {
    let text = changed("28 June [1962]", "28 June", 1);
    assert_only(&text, "D006", "the closing date “28 June” has no year");
    assert_eq!(fixed(&text), seed());
}

#[test]
fn fixes_on_the_seed_keep_crlf_and_the_byte_order_mark() {
    let crlf = |s: &str| format!("\u{FEFF}{}", s.replace('\n', "\r\n"));
    let text = crlf(&changed("28 June [1962]", "27 June [1962]", 1));
    assert_eq!(fixed(&text), crlf(&seed()));
    let text = crlf(&changed("628", "626", 0));
    assert_eq!(fixed(&text), crlf(&seed()));
}
