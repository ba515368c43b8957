//! The words D004 reads around a day, matched by hand: "on the" before it,
//! a past-tense verb and a word of plan or future in its sentence. Each
//! finds exactly what the regex it replaced found (kept in the tests as the
//! oracle), with `\b` an ASCII word boundary and letters compared under
//! simple case folding where the regex was case-insensitive; nothing is
//! compiled at start-up.

use crate::model::dates::{fold, folded_end, is_word_boundary};

/// `(?i)(?:^|[ \t(\[])on[ \t]+(?:the[ \t]+)?(?:(?:morning|evening|night|afternoon)[ \t]+of[ \t]+(?:the[ \t]+)?)?$`
/// ("On the", "on the evening of the", "On"): the words before a day
/// something happened on.
pub(super) fn ends_with_on_the(before: &str) -> bool {
    // The pieces, last first, of each way the phrase can end the text;
    // every piece is followed by spaces or tabs, "on" ends it.
    const WAYS: [&[&str]; 6] = [
        &[],
        &["the"],
        &["of", MORNING],
        &["the", "of", MORNING],
        &["of", MORNING, "the"],
        &["the", "of", MORNING, "the"],
    ];
    WAYS.iter().any(|way| ends_with_pieces(before, way))
}

/// Stands for any of the four parts of the day in [`WAYS`].
const MORNING: &str = "";
const PARTS_OF_DAY: [&str; 4] = ["morning", "evening", "night", "afternoon"];

/// Whether `text` ends with `pieces` (last first), each followed by
/// `[ \t]+`, and "on" before them after the start, a space, a tab, `(` or `[`.
fn ends_with_pieces(text: &str, pieces: &[&str]) -> bool {
    let mut end = text.len();
    for piece in pieces {
        let Some(word_end) = before_blanks(text, end) else {
            return false;
        };
        // The piece is the whole run of other characters before the blanks.
        let start = text[..word_end].rfind([' ', '\t']).map_or(0, |i| i + 1);
        let word = &text[start..word_end];
        let matched = if piece.is_empty() {
            PARTS_OF_DAY.iter().any(|p| is_folded(word, p))
        } else {
            is_folded(word, piece)
        };
        if !matched {
            return false;
        }
        end = start;
    }
    let Some(word_end) = before_blanks(text, end) else {
        return false;
    };
    // "on": the last two characters before the blanks.
    let mut back = text[..word_end].char_indices().rev();
    let (Some((_, n)), Some((o_at, o))) = (back.next(), back.next()) else {
        return false;
    };
    fold(o) == 'o'
        && fold(n) == 'n'
        && text[..o_at]
            .chars()
            .next_back()
            .is_none_or(|c| matches!(c, ' ' | '\t' | '(' | '['))
}

/// The start of the `[ \t]+` run ending at `end`, when there is one.
fn before_blanks(text: &str, end: usize) -> Option<usize> {
    let bytes = text.as_bytes();
    let mut at = end;
    while at > 0 && matches!(bytes[at - 1], b' ' | b'\t') {
        at -= 1;
    }
    (at < end).then_some(at)
}

/// Whether `written` is `word` (in folded case) under case folding.
fn is_folded(written: &str, word: &str) -> bool {
    let mut chars = written.chars();
    word.chars()
        .all(|w| chars.next().is_some_and(|c| fold(c) == w))
        && chars.next().is_none()
}

/// The ASCII word characters `[0-9A-Za-z_]`, by byte: one load a byte
/// where the runs of a long sentence are walked.
static WORD_BYTE: [bool; 256] = {
    let mut table = [false; 256];
    let mut b = 0;
    while b < 128 {
        table[b] = (b as u8).is_ascii_alphanumeric() || b == b'_' as usize;
        b += 1;
    }
    table
};

/// Words that are no past tense though they end in -ed.
#[cfg(test)]
const NOT_PAST: &[&str] = &[
    "indeed", "hundred", "proceed", "exceed", "succeed", "need", "speed", "seed", "feed", "red",
    "bed",
];

/// Past-tense verbs, beside any word of three lower-case letters or more
/// and -ed.
#[cfg(test)]
const PAST_WORDS: &[&str] = &[
    "was", "were", "had", "did", "met", "said", "told", "gave", "came", "went", "took", "sent",
    "saw", "made", "held", "left", "spoke", "wrote", "brought", "began", "found", "got", "became",
    "knew", "heard", "paid", "rejected", "denied",
];

/// The runs of ASCII word characters in `bytes`, in order; a word of the
/// tense lists is always a whole run (see [`has_past_verb`]).
fn word_runs(bytes: &[u8]) -> impl Iterator<Item = std::ops::Range<usize>> + '_ {
    let is_word = |b: u8| WORD_BYTE[usize::from(b)];
    let mut at = 0;
    std::iter::from_fn(move || {
        at += bytes[at..].iter().position(|&b| is_word(b))?;
        let start = at;
        at += bytes[at..].iter().take_while(|&&b| is_word(b)).count();
        Some(start..at)
    })
}

/// A past-tense verb in `text` (`(?-u:\b)(?:[a-z]{3,}ed|was|…|denied)(?-u:\b)`,
/// case-sensitive, each found word but those of `NOT_PAST`). Both ends
/// are word boundaries and every letter is a word character, so a match is
/// a whole run of ASCII word characters: each run is judged alone.
pub(super) fn has_past_verb(text: &str) -> bool {
    word_runs(text.as_bytes()).any(|run| is_past_verb(&text.as_bytes()[run]))
}

/// Whether a run of word characters is a past-tense verb: a word of
/// `PAST_WORDS`, or five lower-case letters or more ending in -ed but
/// for those of `NOT_PAST`. The lists are compared by `matches!` (a
/// decision on the length, then the bytes) rather than one word after
/// another: every word of a sentence is judged. `is_past_verb_by_lists`
/// is the plain version, kept for the test that compares them.
fn is_past_verb(word: &[u8]) -> bool {
    if !word.iter().all(u8::is_ascii_lowercase) {
        return false;
    }
    if word.len() >= 5 && word.ends_with(b"ed") {
        // The words of NOT_PAST that end in -ed and have five letters.
        return !matches!(
            word,
            b"indeed" | b"hundred" | b"proceed" | b"exceed" | b"succeed" | b"speed"
        );
    }
    // No word of PAST_WORDS is in NOT_PAST.
    matches!(
        word,
        b"was"
            | b"were"
            | b"had"
            | b"did"
            | b"met"
            | b"said"
            | b"told"
            | b"gave"
            | b"came"
            | b"went"
            | b"took"
            | b"sent"
            | b"saw"
            | b"made"
            | b"held"
            | b"left"
            | b"spoke"
            | b"wrote"
            | b"brought"
            | b"began"
            | b"found"
            | b"got"
            | b"became"
            | b"knew"
            | b"heard"
            | b"paid"
            | b"rejected"
            | b"denied"
    )
}

/// [`is_past_verb`] by the lists, word after word.
#[cfg(test)]
fn is_past_verb_by_lists(word: &[u8]) -> bool {
    let past = word.iter().all(u8::is_ascii_lowercase)
        && ((word.len() >= 5 && word.ends_with(b"ed"))
            || PAST_WORDS.iter().any(|w| w.as_bytes() == word));
    past && !NOT_PAST.iter().any(|w| w.as_bytes() == word)
}

/// Words of plan or future, in folded case (`plans?` as "plan" and "plans").
const FUTURE_WORDS: &[&str] = &[
    "will",
    "shall",
    "would",
    "should",
    "plan",
    "plans",
    "planned",
    "intend",
    "intends",
    "intended",
    "scheduled",
    "expected",
    "expect",
    "expects",
    "due",
    "next",
    "tomorrow",
    "soon",
    "hope",
    "hopes",
    "propose",
    "proposes",
    "proposed",
    "until",
    "till",
    "by",
];

/// The alternation's phrases of two words.
const FUTURE_PHRASES: [&str; 3] = ["going to", "is to", "are to"];

/// [`has_future_word`] in `first`, a space and `second`, without joining
/// them: a word at either side of the space has the same boundaries as in
/// the joined text (a space and either end of a text are no word
/// characters), so only a phrase can take the space ("is" + "to").
pub(super) fn has_future_word_in_joined(first: &str, second: &str) -> bool {
    has_future_word(first)
        || has_future_word(second)
        || FUTURE_PHRASES.iter().any(|phrase| {
            let (head, tail) = phrase.split_once(' ').unwrap_or((phrase, ""));
            ends_with_word(first, head) && starts_with_word(second, tail)
        })
}

/// Whether `text` ends with `word` (in folded case) starting at a word boundary.
fn ends_with_word(text: &str, word: &str) -> bool {
    let count = word.chars().count();
    let Some((start, _)) = text.char_indices().rev().nth(count - 1) else {
        return false;
    };
    is_word_boundary(text.as_bytes(), start) && folded_end(text, start, word) == Some(text.len())
}

/// Whether `text` starts with `word` (in folded case) ending at a word boundary.
fn starts_with_word(text: &str, word: &str) -> bool {
    folded_end(text, 0, word).is_some_and(|end| is_word_boundary(text.as_bytes(), end))
}

/// `(?i)(?-u:\b)(?:will|shall|…|by)(?-u:\b)`: a word of plan or future.
pub(super) fn has_future_word(text: &str) -> bool {
    // Only ſ folds to a letter of these words from outside ASCII (the
    // folding test checks it): without one, a match is a whole run of ASCII
    // word characters (both ends are word boundaries), maybe then a space
    // and the run "to".
    if text.contains('ſ') {
        return has_future_word_folded(text);
    }
    let bytes = text.as_bytes();
    for std::ops::Range { start, end: at } in word_runs(bytes) {
        // No word of the list is longer than "scheduled", and few letters
        // start one.
        if at - start > 9 || !FUTURE_FIRST[usize::from(bytes[start])] {
            continue;
        }
        let mut lower = [0u8; 9];
        let word = &mut lower[..at - start];
        word.copy_from_slice(&bytes[start..at]);
        word.make_ascii_lowercase();
        if is_future_word(word) {
            return true;
        }
        if matches!(&*word, b"going" | b"is" | b"are")
            && bytes.get(at) == Some(&b' ')
            && word_runs(&bytes[at + 1..]).next() == Some(0..2)
            && bytes[at + 1..at + 3].eq_ignore_ascii_case(b"to")
        {
            return true;
        }
    }
    false
}

/// The first letters, in either case, of [`FUTURE_WORDS`] and of the
/// phrases' first words ("going", "is", "are"); a test checks them.
static FUTURE_FIRST: [bool; 256] = {
    let mut table = [false; 256];
    let letters = b"wspiednthubgaWSPIEDNTHUBGA";
    let mut i = 0;
    while i < letters.len() {
        table[letters[i] as usize] = true;
        i += 1;
    }
    table
};

/// One of [`FUTURE_WORDS`] (a test checks the two lists agree).
fn is_future_word(lower: &[u8]) -> bool {
    matches!(
        lower,
        b"will"
            | b"shall"
            | b"would"
            | b"should"
            | b"plan"
            | b"plans"
            | b"planned"
            | b"intend"
            | b"intends"
            | b"intended"
            | b"scheduled"
            | b"expected"
            | b"expect"
            | b"expects"
            | b"due"
            | b"next"
            | b"tomorrow"
            | b"soon"
            | b"hope"
            | b"hopes"
            | b"propose"
            | b"proposes"
            | b"proposed"
            | b"until"
            | b"till"
            | b"by"
    )
}

/// [`has_future_word`] character by character under case folding.
fn has_future_word_folded(text: &str) -> bool {
    let bytes = text.as_bytes();
    let mut buffer = [0; 4];
    for (at, c) in text.char_indices() {
        if !is_word_boundary(bytes, at) {
            continue;
        }
        // Every word starts with the folded first character's first byte.
        let lead = fold(c).encode_utf8(&mut buffer).as_bytes()[0];
        let found = FUTURE_WORDS.iter().chain(&FUTURE_PHRASES).any(|w| {
            w.as_bytes()[0] == lead
                && folded_end(text, at, w).is_some_and(|end| is_word_boundary(bytes, end))
        });
        if found {
            return true;
        }
    }
    false
}

/// Every character the words are written with, for the folding test.
#[cfg(test)]
pub(crate) fn characters() -> impl Iterator<Item = char> {
    FUTURE_WORDS
        .iter()
        .chain(&FUTURE_PHRASES)
        .chain(&PARTS_OF_DAY)
        .chain(&["on", "the", "of"])
        .flat_map(|w| w.chars())
}

#[cfg(test)]
mod tests {
    use super::{ends_with_on_the, has_future_word, has_past_verb};
    use regex::Regex;
    use std::sync::LazyLock;

    static ON_THE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)(?:^|[ \t(\[])on[ \t]+(?:the[ \t]+)?(?:(?:morning|evening|night|afternoon)[ \t]+of[ \t]+(?:the[ \t]+)?)?$").unwrap()
    });
    static PAST: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?-u:\b)(?:[a-z]{3,}ed|was|were|had|did|met|said|told|gave|came|went|took|sent|saw|made|held|left|spoke|wrote|brought|began|found|got|became|knew|heard|paid|rejected|denied)(?-u:\b)").unwrap()
    });
    static FUTURE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)(?-u:\b)(?:will|shall|would|should|going to|is to|are to|plans?|planned|intends?|intended|scheduled|expected|expects?|due|next|tomorrow|soon|hopes?|proposes?|proposed|until|till|by)(?-u:\b)").unwrap()
    });

    #[test]
    fn past_verbs_are_judged_as_by_the_lists() {
        let mut words: Vec<String> = Vec::new();
        for w in super::PAST_WORDS.iter().chain(super::NOT_PAST) {
            words.push(w.to_string());
            words.push(w.to_uppercase());
            words.push(format!("{w}s"));
            words.push(w[1..].to_string());
            words.push(format!("x{w}"));
        }
        for stem in [
            "", "e", "ed", "d", "sped", "handed", "seeded", "Handed", "red1", "hand_ed",
        ] {
            words.push(stem.to_string());
        }
        for word in &words {
            assert_eq!(
                super::is_past_verb(word.as_bytes()),
                super::is_past_verb_by_lists(word.as_bytes()),
                "{word:?}"
            );
        }
    }

    fn past_oracle(text: &str) -> bool {
        PAST.find_iter(text)
            .any(|w| !super::NOT_PAST.contains(&w.as_str()))
    }

    fn assert_same_joined(first: &str, second: &str) {
        let joined = format!("{first} {second}");
        assert_eq!(
            super::has_future_word_in_joined(first, second),
            FUTURE.is_match(&joined),
            "future: {first:?} + {second:?}"
        );
    }

    fn assert_same(text: &str) {
        assert_eq!(
            ends_with_on_the(text),
            ON_THE.is_match(text),
            "on the: {text:?}"
        );
        assert_eq!(has_past_verb(text), past_oracle(text), "past: {text:?}");
        assert_eq!(
            has_future_word(text),
            FUTURE.is_match(text),
            "future: {text:?}"
        );
    }

    const PIECES: &[&str] = &[
        "on",
        "On",
        "ON",
        "oN",
        "the",
        "The",
        "THE",
        "of",
        "Of",
        "morning",
        "Evening",
        "NIGHT",
        "afternoon",
        " ",
        "  ",
        "\t",
        "(",
        "[",
        "x",
        "1",
        "_",
        ".",
        ",",
        "won",
        "then",
        "ofthe",
        "handed",
        "was",
        "Was",
        "were",
        "indeed",
        "need",
        "hundreds",
        "red",
        "bed",
        "saw",
        "sawed",
        "denied",
        "ed",
        "abcED",
        "will",
        "WILL",
        "ſhall",
        "shall",
        "would",
        "going to",
        "going  to",
        "is to",
        "are to",
        "plan",
        "plans",
        "planned",
        "planſ",
        "intends",
        "expects",
        "due",
        "next",
        "tomorrow",
        "soon",
        "hopes",
        "proposes",
        "until",
        "till",
        "by",
        "BY",
        "\u{212A}",
        "é",
        "на",
        "\u{1C82}n",
        "ıs",
        "İs",
    ];

    #[test]
    fn every_future_word_is_recognised() {
        for w in super::FUTURE_WORDS {
            assert!(super::is_future_word(w.as_bytes()), "{w}");
            assert!(w.len() <= 9, "{w} is longer than the buffer");
        }
        let phrase_heads = super::FUTURE_PHRASES
            .iter()
            .filter_map(|p| p.split(' ').next());
        let mut firsts = std::collections::BTreeSet::new();
        for w in super::FUTURE_WORDS.iter().copied().chain(phrase_heads) {
            let first = w.as_bytes()[0];
            firsts.insert(first);
            firsts.insert(first.to_ascii_uppercase());
        }
        let table: std::collections::BTreeSet<u8> = (0..=255u8)
            .filter(|&b| super::FUTURE_FIRST[usize::from(b)])
            .collect();
        assert_eq!(table, firsts);
    }

    #[test]
    fn the_words_are_found_as_the_regexes_found_them() {
        let mut rng = crate::test_random::Rng(0x9E37_79B9_7F4A_7C15);
        let mut next = || rng.next();
        for _ in 0..40_000 {
            let mut text = String::new();
            for _ in 0..(next() % 7) {
                text.push_str(PIECES[(next() % PIECES.len() as u64) as usize]);
                if next() % 2 == 0 {
                    text.push(' ');
                }
            }
            assert_same(&text);
            let cut = (next() as usize) % (text.len() + 1);
            if text.is_char_boundary(cut) {
                assert_same_joined(&text[..cut], &text[cut..]);
            }
        }
        for a in PIECES {
            for b in PIECES {
                assert_same(&format!("{a}{b}"));
                assert_same(&format!("{a} {b} "));
                assert_same_joined(a, b);
            }
        }
    }

    #[test]
    fn the_words_in_the_corpus_are_found_as_the_regexes_found_them() {
        let mut lines = 0;
        for (_, text) in crate::test_corpus::documents() {
            for line in text.lines() {
                lines += 1;
                assert_same(line);
                // Every prefix that ends before a digit, as D004 reads them.
                for (at, _) in line.match_indices(|c: char| c.is_ascii_digit()) {
                    assert_same(&line[..at]);
                }
            }
        }
        assert!(lines > 1000, "the corpus is missing");
    }
}
