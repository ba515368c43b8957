//! The H rules on real cables: the seed cable as published gives no finding,
//! and each single slip put into it gives exactly the finding it should. (The
//! findings on the whole corpus are in `tests/corpus/expected-findings.tsv`.)

use crate::rules::testing::{check, fixed};
use expect_test::expect;

fn read_corpus(name: &str) -> String {
    crate::test_corpus::read(name)
}

fn seed() -> String {
    read_corpus("seed-cable-1962-06-28.txt")
}

/// `text` with `from` (which must occur) replaced once by `to`.
fn with(text: &str, from: &str, to: &str) -> String {
    assert!(text.contains(from), "the seed no longer holds {from:?}");
    text.replacen(from, to, 1)
}

#[test]
fn the_seed_cable_gives_no_header_finding() {
    let seed = seed();
    expect![[""]].assert_eq(&check("H", &seed));
    // Nor with Windows line endings and a byte-order mark.
    let crlf = format!("\u{FEFF}{}", seed.replace('\n', "\r\n"));
    expect![[""]].assert_eq(&check("H", &crlf));
}

#[test]
fn seed_without_its_level_line() {
    let text = with(&seed(), "Level: Normal\n", "");
    expect![[r#"
        26:1-26:80 warning H001: the header has no `Level` line (field `level`), which the prc-mfa-cable profile requires [fix unsafe: Insert a `Level: ` line] (see 13:1: the original-language header gives it here)
    "#]]
    .assert_eq(&check("H", &text));
    // The label goes after the line of the nearest earlier field (the date).
    let expected = with(&text, "28 June [1962]\n", "28 June [1962]\nLevel: \n");
    assert_eq!(fixed("H001", &text), expected);
    let crlf = text.replace('\n', "\r\n");
    assert_eq!(fixed("H001", &crlf), expected.replace('\n', "\r\n"));
}

#[test]
fn seed_with_an_urgent_original_level() {
    let text = with(&seed(), "等级:平", "等级:急");
    expect![[r#"
        36:1-36:14 warning H005: `Level` says `Normal`, but the original `等级` says `急` (Urgent) (see 13:1: the original-language header gives `急`)
    "#]]
    .assert_eq(&check("H", &text));
}

#[test]
fn seed_with_a_dispatch_number_off_by_one() {
    let text = with(
        &seed(),
        "Foreign Ministry Dispatch No. 508",
        "Foreign Ministry Dispatch No. 509",
    );
    expect![[r#"
        38:1-38:34 warning H005: `Foreign Ministry Dispatch No.` gives number 509, but the original `外发` gives 508 (see 13:17: the original-language header gives `e508`)
    "#]]
    .assert_eq(&check("H", &text));
}

#[test]
fn seed_with_its_level_line_twice() {
    let seed = seed();
    let text = with(&seed, "Level: Normal\n", "Level: Normal\nLevel: Normal\n");
    expect![[r#"
        37:1-37:14 warning H003: `Level` is given twice [fix safe: Delete the repeated line] (see 36:1: first given here)
    "#]]
    .assert_eq(&check("H", &text));
    assert_eq!(fixed("H003", &text), seed);
}

#[test]
fn seed_with_a_misspelt_receiver_label() {
    let seed = seed();
    let text = with(&seed, "Receiver: Wulumuqi", "Recever: Wulumuqi");
    expect![[r#"
        29:1-29:8 warning H004: `Recever` is not a label of the prc-mfa-cable profile; did you mean `Receiver`? [fix unsafe: Replace with `Receiver`]
    "#]]
    .assert_eq(&check("H", &text));
    assert_eq!(fixed("H004", &text), seed);
}
