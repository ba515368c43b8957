use super::*;
use crate::profile::ProfileSet;

/// Every built-in pattern, with its hand matcher.
fn builtin_patterns() -> Vec<FieldPattern> {
    let set = ProfileSet::builtin();
    let patterns: Vec<FieldPattern> = set
        .iter()
        .flat_map(|p| p.fields.iter().enumerate())
        .filter_map(|(i, f)| FieldPattern::new(f.pattern.as_deref()?, i))
        .collect();
    assert!(patterns.iter().all(|p| p.fixed.is_some()));
    assert_eq!(patterns.len(), FIXED.len());
    patterns
}

/// Lines near and far from every pattern: the corpus (with CRLF and BOM
/// variants), hand-picked edge cases, and random joins of their pieces.
fn oracle_lines() -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    for (_, text) in crate::test_corpus::documents() {
        for line in text.lines() {
            lines.push(line.trim().to_owned());
            lines.push(format!("\u{feff}{line}\r"));
        }
    }
    lines.extend(
        [
            "724.3415/4185: Telegram",
            "724.3415/4185: Telegram_x",
            "724.3415/4185: Telegrams",
            "724.3415/4185: Telegram.",
            "724: Telegram",
            "72: Telegram",
            "７２４: Telegram",
            "724.34١5: Telegram",
            "724.3415/4185: Telegram\nx",
            "724.3415/4185: Telegram 𠀋",
            "724 .3415: Telegram",
            "[Telegram]",
            "[Telegram] ",
            "[Paraphrase of telegram]",
            "[Extract]",
            "[extract]",
            "Washington, April 23, 1924, 8 p.m.",
            "Washington, April 23, 1924.",
            "Washington, April 23, 1924",
            "Washington, April 23, 1924—8 p.m.",
            "Washington, April 23, 1924— 8 p.m.",
            "Washington, April 23, 1924-",
            "Washington, April 23, 19245",
            "Washington, April 123, 1924",
            "Washington, April 3, 1924, x\ny",
            "México, April 3, 1924",
            "Washington, D.C., May, June 4, 1961",
            "W, May 4, 1961",
            ", May 4, 1961",
            "Washington,  May 4, 1961",
            "Washington, May  4, 1961",
            "Washington, Mayo 4, 1961",
            "Washington, May 4, 1961..",
            "Washington\u{a0}, May 4, 1961",
            "[Received March 17—2:17 a.m.]",
            "[Received ]",
            "[Received]",
            "[Received x]y",
            "[Received x\n]",
            "[Received 𠀋]",
            "28 June [1962]",
            "[28] June 1962",
            "[28 June 1962]",
            "8 June 1962",
            "128 June 1962",
            "28 june 1962",
            "28 J 1962",
            "28 June 19622",
            "28 June [1962]]",
            "28  June 1962",
            "٢٨ June 1962",
            "28 June 1962\r",
            "",
            "[",
            "7",
        ]
        .map(str::to_owned),
    );
    let pieces = [
        "724",
        "1",
        "28",
        "1962",
        ".",
        "/",
        "-",
        ": Telegram",
        "Telegram",
        "[",
        "]",
        " ",
        ", ",
        "April",
        "May",
        "June",
        "Washington",
        "D.C.",
        "Received ",
        "—",
        "p.m.",
        "x",
        "𠀋",
        "é",
        "\r\n",
        "\u{a0}",
        "\u{feff}",
        "_",
        "١",
    ];
    let mut rng = crate::test_random::Rng(0xD1B5_4A32_D192_ED03);
    for _ in 0..30_000 {
        let mut line = String::new();
        for _ in 0..rng.below(9) {
            line.push_str(pieces[rng.below(pieces.len())]);
        }
        lines.push(line);
    }
    lines
}

#[test]
fn hand_matchers_decide_as_the_regex_decides() {
    let patterns = builtin_patterns();
    let lines = oracle_lines();
    let mut decided = vec![0; patterns.len()];
    let mut matched = vec![0; patterns.len()];
    for (p, pattern) in patterns.iter().enumerate() {
        let fixed = pattern.fixed.expect("built-in patterns are fixed");
        for line in &lines {
            let oracle = pattern.regex_is_match(line);
            if let Some(hand) = fixed.is_match(line) {
                assert_eq!(hand, oracle, "{fixed:?} on {line:?}");
                decided[p] += 1;
            }
            matched[p] += usize::from(oracle);
            assert_eq!(pattern.is_match(line), oracle, "{fixed:?} on {line:?}");
        }
    }
    // The test means something only if each matcher decided many lines and
    // its pattern matched some of them.
    for p in 0..patterns.len() {
        assert!(
            decided[p] > 10_000 && matched[p] > 3,
            "{:?}",
            patterns[p].fixed
        );
    }
}

#[test]
fn a_pattern_of_its_own_goes_to_the_regex() {
    let own = FieldPattern::new(r"^\d{2} \p{L}+$", 0).unwrap();
    assert_eq!(own.fixed, None);
    assert!(own.is_match("28 Июнь"));
    assert!(!own.is_match("28 June 1962"));
    assert!(FieldPattern::new(r"^(\d+$", 0).is_none());
}
