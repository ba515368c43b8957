//! Whether the words before a date cite a document ("memorandum of",
//! "your telegram No. 12 of the", "Department’s 140,"): D004 then reads the
//! date as the date of a document that already exists.
//!
//! The pattern is matched by hand, backwards from the end of the text: as a
//! regex it cost 4.8 M instructions to compile in every run that met such a
//! date (a sixth of a run over the real corpus) and a reverse search per
//! date. The regex stays as the tests' oracle ([`tests`]), which compare the
//! two on generated text and on the real corpus.

/// Whether `before` (the text before a date on its line) ends by citing a
/// document: `(A|B|C)[ \t]+(?:of[ \t]+)?(?:the[ \t]+)?$`, case folded, with
///
/// - A `{document}{number}[ \t]+(?:of|from|dated)`: "memorandum of",
/// - B `{sender}[ \t]+(?:{document}[ \t]+|No\.?[ \t]*)?[0-9]{1,6}(?:[ \t]+\[[0-9]{1,6}\])?,?`:
///   "your 94,", "Department’s 140 [141]",
/// - C `{sender}[ \t]+{document}{number}`: "your cable", "our telegram No. 12",
///
/// where a number is `[ \t]+No\.?[ \t]*[0-9][0-9/.-]{0,12}` (optional in A
/// and C) and a sender `\byour|\bmy|\bour|['’]s`. No piece of A, B or C
/// ends in a space, a tab or "the", so the spaces before the end and a
/// "the" are read off at once; an "of" may be A's own or the optional one,
/// and both are tried.
pub(super) fn cites_a_document(before: &str) -> bool {
    may_cite_document(before) && ends_citing(before)
}

/// [`cites_a_document`] without the pre-check.
fn ends_citing(before: &str) -> bool {
    let Some(mut end) = gap_before(before, before.len()) else {
        return false;
    };
    if let Some(the) = ascii_word_before(before, end, b"the") {
        let Some(gap) = gap_before(before, the) else {
            return false;
        };
        end = gap;
    }
    let after_optional_of =
        ascii_word_before(before, end, b"of").and_then(|of| gap_before(before, of));
    [Some(end), after_optional_of]
        .into_iter()
        .flatten()
        .any(|x| ends_a(before, x) || ends_b(before, x) || ends_c(before, x))
}

/// How the word before the pattern's closing `[ \t]+(of )?(the )?`
/// may end when it is a document's name (maybe plural: "instructions" and
/// one more "s"; "memoire" of "aide-memoire").
const CITING_WORD_ENDS: [&[u8]; 19] = [
    b"memorandum",
    b"memoranda",
    b"telegram",
    b"cable",
    b"letter",
    b"note",
    b"dispatch",
    b"despatch",
    b"statement",
    b"report",
    b"message",
    b"ciphergram",
    b"instruction",
    b"instructions",
    b"memoire",
    b"communique",
    b"circular",
    b"decree",
    b"resolution",
];

/// Whether the pattern may match `before`, read back from its end: a
/// cheaper test than the whole match (which read the names of documents
/// once or twice for each date, 0.5 K instructions a cable), failing most
/// dates at once ("on the 26th"). Every way the pattern matches ends in
/// spaces or tabs, after an optional "the" and before it an optional "of"
/// (each after a space or tab), and before those in a digit, `]`, `,`,
/// `.`, `/`, `-` (a number), "of", "from", "dated", or a word ending as
/// one of [`CITING_WORD_ENDS`] (maybe plus "s"). A letter outside ASCII
/// may fold to one the pattern names (ſ to s), so it passes. The tests
/// compare this and the match, together, with the regex.
fn may_cite_document(before: &str) -> bool {
    let bytes = before.as_bytes();
    let is_gap = |b: u8| matches!(b, b' ' | b'\t');
    let trim = |mut end: usize| {
        while end > 0 && is_gap(bytes[end - 1]) {
            end -= 1;
        }
        end
    };
    if !bytes.last().is_some_and(|&b| is_gap(b)) {
        return false;
    }
    let mut end = trim(bytes.len());
    for word in [b"the".as_slice(), b"of"] {
        let head = &bytes[..end];
        if head.len() > word.len()
            && head[head.len() - word.len()..].eq_ignore_ascii_case(word)
            && is_gap(head[head.len() - word.len() - 1])
        {
            end = trim(end - word.len());
        }
    }
    let Some(&last) = bytes[..end].last() else {
        return false;
    };
    if !last.is_ascii_alphabetic() {
        return last >= 0x80
            || last.is_ascii_digit()
            || matches!(last, b']' | b',' | b'.' | b'/' | b'-');
    }
    let mut start = end;
    while start > 0 && bytes[start - 1].is_ascii_alphabetic() {
        start -= 1;
    }
    if start > 0 && bytes[start - 1] >= 0x80 {
        return true;
    }
    let word = &bytes[start..end];
    // "of", "from" and "dated" follow a document after a space or tab: the
    // whole word ("memorandum of of the": the optional "of" was the second).
    if word.eq_ignore_ascii_case(b"of")
        || word.eq_ignore_ascii_case(b"from")
        || word.eq_ignore_ascii_case(b"dated")
    {
        return true;
    }
    // A document's name may end a longer word (the pattern has no boundary
    // before it); none is shorter than "note", and each ends in one of few
    // letters ("on the", most often met here, stops at once).
    if word.len() < 4
        || !matches!(
            word[word.len() - 1].to_ascii_lowercase(),
            b'a' | b'e' | b'h' | b'm' | b'n' | b'r' | b's' | b't'
        )
    {
        return false;
    }
    let ends_with = |word: &[u8], end: &[u8]| {
        word.len() >= end.len() && word[word.len() - end.len()..].eq_ignore_ascii_case(end)
    };
    let names = |word: &[u8]| CITING_WORD_ENDS.iter().any(|end| ends_with(word, end));
    names(word) || (ends_with(word, b"s") && names(&word[..word.len() - 1]))
}

/// `{document}{number}[ \t]+(?:of|from|dated)` ending at `end`.
fn ends_a(text: &str, end: usize) -> bool {
    [b"of".as_slice(), b"from", b"dated"].iter().any(|word| {
        let Some(gap) = ascii_word_before(text, end, word).and_then(|w| gap_before(text, w)) else {
            return false;
        };
        document_starts(text, gap, &mut |_| true)
            || number_starts(text, gap, &mut |n| document_starts(text, n, &mut |_| true))
    })
}

/// `{sender}[ \t]+(?:{document}[ \t]+|No\.?[ \t]*)?[0-9]{1,6}(?:[ \t]+\[[0-9]{1,6}\])?,?`
/// ending at `end`.
fn ends_b(text: &str, mut end: usize) -> bool {
    let bytes = text.as_bytes();
    if end > 0 && bytes[end - 1] == b',' {
        end -= 1;
    }
    if end > 0 && bytes[end - 1] == b']' {
        let close = end - 1;
        let digits = digits_before(bytes, close);
        if !(1..=6).contains(&(close - digits)) || digits == 0 || bytes[digits - 1] != b'[' {
            return false;
        }
        let Some(gap) = gap_before(text, digits - 1) else {
            return false;
        };
        end = gap;
    }
    // The whole run of digits: one more digit before would be no gap.
    let digits = digits_before(bytes, end);
    if !(1..=6).contains(&(end - digits)) {
        return false;
    }
    let sender_then_gap = |at: usize| gap_before(text, at).is_some_and(|g| sender_ends(text, g));
    if sender_then_gap(digits)
        || gap_before(text, digits)
            .is_some_and(|g| document_starts(text, g, &mut |d| sender_then_gap(d)))
    {
        return true;
    }
    ascii_word_before(text, no_dot_gap_start(bytes, digits), b"no").is_some_and(sender_then_gap)
}

/// `{sender}[ \t]+{document}{number}` ending at `end`.
fn ends_c(text: &str, end: usize) -> bool {
    let mut document_after_sender = |at: usize| {
        document_starts(text, at, &mut |d| {
            gap_before(text, d).is_some_and(|g| sender_ends(text, g))
        })
    };
    document_after_sender(end) || number_starts(text, end, &mut document_after_sender)
}

/// The names of documents (`s?` after them is read apart); `[ée]` is
/// written out both ways.
const DOCUMENTS: [&str; 21] = [
    "memorandum",
    "memoranda",
    "telegram",
    "cable",
    "letter",
    "note",
    "dispatch",
    "despatch",
    "statement",
    "report",
    "message",
    "ciphergram",
    "instruction",
    "instructions",
    "aide-memoire",
    "aide-mémoire",
    "communique",
    "communiqué",
    "circular",
    "decree",
    "resolution",
];

/// Calls `found` with the start of each `{document}` (a name, maybe with
/// "s") ending at `end`, until it answers true.
fn document_starts(text: &str, end: usize, found: &mut dyn FnMut(usize) -> bool) -> bool {
    let Some(last) = text[..end].chars().next_back() else {
        return false;
    };
    let without_plural = (fold(last) == 's').then(|| end - last.len_utf8());
    [Some(end), without_plural]
        .into_iter()
        .flatten()
        .any(|name_end| {
            // The names ending in the folded last character alone are read
            // on: a byte comparison each instead of a decoding walk (the
            // word before most dates is "on" or "the", read for every one).
            let Some(last) = text[..name_end].chars().next_back() else {
                return false;
            };
            let mut encoded = [0u8; 4];
            let last: &[u8] = fold(last).encode_utf8(&mut encoded).as_bytes();
            DOCUMENTS
                .iter()
                .filter(|name| name.as_bytes().ends_with(last))
                .any(|name| folded_start(text, name_end, name).is_some_and(&mut *found))
        })
}

/// Calls `found` with where each `{number}` (`[ \t]+No\.?[ \t]*` and
/// `[0-9][0-9/.-]{0,12}`) ending at `end` starts, until it answers true.
fn number_starts(text: &str, end: usize, found: &mut dyn FnMut(usize) -> bool) -> bool {
    let bytes = text.as_bytes();
    let mut run = end;
    while run > 0 && matches!(bytes[run - 1], b'0'..=b'9' | b'/' | b'.' | b'-') {
        run -= 1;
    }
    (run.max(end.saturating_sub(13))..end)
        .filter(|&first| bytes[first].is_ascii_digit())
        .any(|first| {
            ascii_word_before(text, no_dot_gap_start(bytes, first), b"no")
                .and_then(|no| gap_before(text, no))
                .is_some_and(&mut *found)
        })
}

/// Where "No" must end before `No\.?[ \t]*` ending at `at`.
fn no_dot_gap_start(bytes: &[u8], at: usize) -> usize {
    let mut start = gaps_start(bytes, at);
    if start > 0 && bytes[start - 1] == b'.' {
        start -= 1;
    }
    start
}

/// `\byour|\bmy|\bour|['’]s` ending at `end` (the boundary is ASCII's).
fn sender_ends(text: &str, end: usize) -> bool {
    let bytes = text.as_bytes();
    let at_boundary = |start: usize| {
        start == 0 || !(bytes[start - 1].is_ascii_alphanumeric() || bytes[start - 1] == b'_')
    };
    if [b"your".as_slice(), b"my", b"our"]
        .iter()
        .any(|word| ascii_word_before(text, end, word).is_some_and(at_boundary))
    {
        return true;
    }
    match text[..end].chars().next_back() {
        Some(s) if fold(s) == 's' => {
            let before = &text[..end - s.len_utf8()];
            before.ends_with('\'') || before.ends_with('’')
        }
        _ => false,
    }
}

/// A character as the pattern's case folding sees it, for the letters the
/// pattern names: ASCII in lower case, ſ as s, the Kelvin sign as k, É as é
/// (no other character folds to one of them).
fn fold(c: char) -> char {
    match c {
        'ſ' => 's',
        '\u{212A}' => 'k',
        'É' => 'é',
        _ => c.to_ascii_lowercase(),
    }
}

/// Where `name` (in lower case) ends at `end` after folding, its start.
fn folded_start(text: &str, end: usize, name: &str) -> Option<usize> {
    let mut at = end;
    for wanted in name.chars().rev() {
        let c = text[..at].chars().next_back()?;
        if fold(c) != wanted {
            return None;
        }
        at -= c.len_utf8();
    }
    Some(at)
}

/// Where `word` (ASCII letters no other character folds to) ends at `end`
/// in either case, its start.
fn ascii_word_before(text: &str, end: usize, word: &[u8]) -> Option<usize> {
    let start = end.checked_sub(word.len())?;
    text.as_bytes()[start..end]
        .eq_ignore_ascii_case(word)
        .then_some(start)
}

/// The start of the digits ending at `end`.
fn digits_before(bytes: &[u8], end: usize) -> usize {
    let mut start = end;
    while start > 0 && bytes[start - 1].is_ascii_digit() {
        start -= 1;
    }
    start
}

/// The start of the spaces and tabs ending at `end`.
fn gaps_start(bytes: &[u8], end: usize) -> usize {
    let mut start = end;
    while start > 0 && matches!(bytes[start - 1], b' ' | b'\t') {
        start -= 1;
    }
    start
}

/// The start of `[ \t]+` ending at `end`, if one does.
fn gap_before(text: &str, end: usize) -> Option<usize> {
    let start = gaps_start(text.as_bytes(), end);
    (start < end).then_some(start)
}

#[cfg(test)]
mod tests {
    use super::cites_a_document;
    use crate::test_random::Rng;
    use regex::Regex;
    use std::sync::LazyLock;

    /// The pattern as the regex D004 used: the oracle.
    static CITED_DOCUMENT: LazyLock<Regex> = LazyLock::new(|| {
        let document = r"(?:memorandum|memoranda|telegram|cable|letter|note|dispatch|despatch|statement|report|message|ciphergram|instructions?|aide-m[ée]moire|communiqu[ée]|circular|decree|resolution)s?";
        let number = r"(?:[ \t]+No\.?[ \t]*[0-9][0-9/.-]{0,12})?";
        let sender = r"(?:(?-u:\b)your|(?-u:\b)my|(?-u:\b)our|['’]s)";
        Regex::new(&format!(
            r"(?i)(?:{document}{number}[ \t]+(?:of|from|dated)|{sender}[ \t]+(?:{document}[ \t]+|No\.?[ \t]*)?[0-9]{{1,6}}(?:[ \t]+\[[0-9]{{1,6}}\])?,?|{sender}[ \t]+{document}{number})[ \t]+(?:of[ \t]+)?(?:the[ \t]+)?$"
        ))
        .expect("the cited-document pattern is valid")
    });

    #[test]
    fn cited_documents_as_cables_write_them() {
        for cited in [
            "We answered the Soviet memorandum of ",
            "and to your telegram No. 12 of the ",
            "Department’s 140, ",
            "and my 2360, ",
            "Your cable ",
            "Your 94 [95], ",
            "the aide-mémoire dated ",
            "our instructions No. 61/1962 of ",
            "in the Embassy'ſ 12 ",
        ] {
            assert!(cites_a_document(cited), "{cited:?}");
            assert!(CITED_DOCUMENT.is_match(cited), "{cited:?}");
        }
        for plain in [
            "On the ",
            "he arrived on ",
            "Your cable",
            "the memorandum ",
            "army 12, ",
            "your 1234567, ",
        ] {
            assert!(!cites_a_document(plain), "{plain:?}");
            assert!(!CITED_DOCUMENT.is_match(plain), "{plain:?}");
        }
    }

    /// The hand matcher answers as the regex does: on text built from the
    /// pattern's own words and their neighbours, and on the 80 bytes before
    /// every digit and capital of the real corpus.
    #[test]
    fn the_hand_matcher_answers_as_the_regex() {
        // The documents' names, and what may stand around and between them.
        let others = [
            "’",
            "'",
            "1234567",
            "61/1962",
            "0.5-",
            "aide-m",
            "moire",
            "AIDE-MÉMOIRE",
            "Department",
            " ",
            "\t",
            "  ",
            "of",
            "Of",
            "the",
            "THE",
            "from",
            "dated",
            "Memoranda",
            "s",
            "S",
            "ſ",
            "your",
            "Your",
            "my",
            "our",
            "’s",
            "'s",
            "No.",
            "No",
            "12",
            "140",
            "[3]",
            "[",
            "]",
            ",",
            ".",
            "/",
            "-",
            "x",
            "é",
            "on",
            "hour",
            "K",
            "𠀋",
        ];
        let pieces: Vec<&str> = others
            .iter()
            .chain(super::DOCUMENTS.iter())
            .copied()
            .collect();
        // Mostly words apart, as the pattern wants them; sometimes joined.
        let gaps = [" ", " ", " ", " ", "\t", "  ", " \t", ""];
        let mut rng = Rng(0x1962_0628_0000_d004);
        let mut matched = 0;
        for _ in 0..60_000 {
            let mut text = String::new();
            for _ in 0..1 + rng.below(7) {
                text.push_str(pieces[rng.below(pieces.len())]);
                text.push_str(gaps[rng.below(gaps.len())]);
            }
            let expected = CITED_DOCUMENT.is_match(&text);
            matched += usize::from(expected);
            assert_eq!(cites_a_document(&text), expected, "{text:?}");
        }
        assert!(matched > 1_000, "only {matched} texts matched");
        let (mut windows, mut cited) = (0, 0);
        for (path, text) in crate::test_corpus::documents() {
            for (at, b) in text.bytes().enumerate() {
                if !(b.is_ascii_digit() || b.is_ascii_uppercase()) {
                    continue;
                }
                let mut start = at.saturating_sub(80);
                while !text.is_char_boundary(start) {
                    start += 1;
                }
                let before = &text[start..at];
                windows += 1;
                let expected = CITED_DOCUMENT.is_match(before);
                cited += usize::from(expected);
                assert_eq!(
                    cites_a_document(before),
                    expected,
                    "{}: {before:?}",
                    path.display()
                );
            }
        }
        assert!(
            windows > 5_000 && cited > 20,
            "{windows} windows, {cited} cited"
        );
    }
}
