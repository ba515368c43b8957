//! Words that say which stamp a date in a header is ("Sent", "received",
//! "отправлено", "日期"), found by hand. It finds what the regex it replaced
//! found (kept in the tests as the oracle):
//!
//! ```text
//! (?i)(?P<sent>\b(?:sent|dispatched|despatched|transmitted|expedido)\b|отправлен[оа]?|nadano|wysłano|odesláno)
//!    |(?P<received>\b(?:received|arrived|recebido|recibido)\b|поступила|получен[оа]?|otrzymano|přijato)
//!    |(?P<processed>\b(?:decoded|deciphered|decoding|processed|came in|came to)\b|wpłynęło|расшифрован[оа]?|zpracováno)
//!    |(?P<date>\bdated?\b|дата|日期)
//! ```
//!
//! with `\b` an ASCII word boundary: its matches one after another, each the
//! first alternative that matches at the leftmost place, letters compared
//! under simple case folding ([`fold`]). Nothing is compiled at start-up.

use super::scan::{fold, folded_end, is_word_boundary, utf8_len};
use super::DateRole;

/// One alternative: the word in folded case, whether `\b` surrounds it, and
/// a last letter it may take (greedy: `dated?`, `отправлен[оа]?`).
struct Alternative {
    word: &'static str,
    bounded: bool,
    tail: &'static [char],
    role: DateRole,
}

const fn bounded(word: &'static str, role: DateRole) -> Alternative {
    Alternative {
        word,
        bounded: true,
        tail: &[],
        role,
    }
}

const fn free(word: &'static str, role: DateRole) -> Alternative {
    Alternative {
        word,
        bounded: false,
        tail: &[],
        role,
    }
}

const fn free_tail(word: &'static str, role: DateRole) -> Alternative {
    Alternative {
        word,
        bounded: false,
        tail: &['о', 'а'],
        role,
    }
}

use DateRole::{Header, Processed, Received, Sent};

/// In the pattern's order: at one place the first that matches wins.
const ALTERNATIVES: [Alternative; 26] = [
    bounded("sent", Sent),
    bounded("dispatched", Sent),
    bounded("despatched", Sent),
    bounded("transmitted", Sent),
    bounded("expedido", Sent),
    free_tail("отправлен", Sent),
    free("nadano", Sent),
    free("wysłano", Sent),
    free("odesláno", Sent),
    bounded("received", Received),
    bounded("arrived", Received),
    bounded("recebido", Received),
    bounded("recibido", Received),
    free("поступила", Received),
    free_tail("получен", Received),
    free("otrzymano", Received),
    free("přijato", Received),
    bounded("decoded", Processed),
    bounded("deciphered", Processed),
    bounded("decoding", Processed),
    bounded("processed", Processed),
    bounded("came in", Processed),
    bounded("came to", Processed),
    free("wpłynęło", Processed),
    free_tail("расшифрован", Processed),
    free("zpracováno", Processed),
];

/// Per first byte, the alternatives whose word starts with it (a bit for
/// each, in the pattern's order): only those are tried at a place.
static BY_LEAD: [u32; 256] = {
    let mut table = [0u32; 256];
    let mut i = 0;
    while i < ALTERNATIVES.len() {
        let lead = ALTERNATIVES[i].word.as_bytes()[0];
        table[lead as usize] |= 1 << i;
        i += 1;
    }
    table
};

/// `\bdated?\b|дата|日期`, the last group, written apart for its `d?`.
const DATE_WORDS: [&str; 2] = ["дата", "日期"];

/// Every character the words are written with, for the folding test.
#[cfg(test)]
pub(super) fn characters() -> impl Iterator<Item = char> {
    ALTERNATIVES
        .iter()
        .flat_map(|a| a.word.chars().chain(a.tail.iter().copied()))
        .chain(DATE_WORDS.iter().flat_map(|w| w.chars()))
        .chain("dated".chars())
}

/// The role the last stamp word in `window` gives.
pub(super) fn stamp_word(window: &str) -> Option<DateRole> {
    let bytes = window.as_bytes();
    let mut last = None;
    let mut at = 0;
    while at < bytes.len() {
        let b = bytes[at];
        let starts = STARTS[usize::from(b)];
        // Most bytes start no word: passed over one by one (a byte inside a
        // character outside ASCII is never a start either).
        if starts == 0 {
            at += 1;
            continue;
        }
        // A letter that starts only bounded words needs `\b` before it: the
        // byte before is no word byte.
        let at_boundary = at == 0 || !is_word_byte(bytes[at - 1]);
        let may_start = if at_boundary {
            !b.is_ascii() || may_go_on(&BOUNDARY_SECONDS, bytes, at)
        } else {
            starts & ANYWHERE != 0 && (!b.is_ascii() || may_go_on(&INSIDE_SECONDS, bytes, at))
        };
        if may_start {
            if let Some((end, role)) = word_at(window, at) {
                last = Some(role);
                at = end;
                continue;
            }
        }
        at += utf8_len(b);
    }
    last
}

/// Per ASCII letter in lower case, the ASCII bytes in lower case that
/// follow it in a word that may start inside a word ("nadano", "odesláno",
/// "otrzymano", "wysłano", "wpłynęło", "zpracováno"), as bits.
static INSIDE_SECONDS: [u128; 128] = {
    let mut table = [0u128; 128];
    let mut i = 0;
    while i < ALTERNATIVES.len() {
        let word = ALTERNATIVES[i].word.as_bytes();
        if !ALTERNATIVES[i].bounded && word[0] < 128 && word[1] < 128 {
            table[word[0] as usize] |= 1 << word[1];
        }
        i += 1;
    }
    table
};

/// Per ASCII letter in lower case, the ASCII bytes in lower case that
/// follow it in any word (and in "date"), as bits: at a word boundary most
/// a's, d's, o's, s's and t's of running text ("and", "on", "the") are
/// ruled out by it without [`word_at`].
static BOUNDARY_SECONDS: [u128; 128] = {
    let mut table = [0u128; 128];
    let mut i = 0;
    while i < ALTERNATIVES.len() {
        let word = ALTERNATIVES[i].word.as_bytes();
        if word[0] < 128 && word[1] < 128 {
            table[word[0] as usize] |= 1 << word[1];
        }
        i += 1;
    }
    table[b'd' as usize] |= 1 << b'a';
    table
};

/// Whether a word can start at `at`, an ASCII letter, judged by the letter
/// after it with `seconds` ([`INSIDE_SECONDS`] after a word byte,
/// [`BOUNDARY_SECONDS`] at a boundary). A byte outside ASCII after it is
/// left to [`word_at`] ("přijato"; only ſ and the Kelvin sign fold to ASCII
/// letters, and no word has s or k second); with nothing after it, no word
/// (each has two letters or more) fits.
fn may_go_on(seconds: &[u128; 128], bytes: &[u8], at: usize) -> bool {
    let lead = bytes[at].to_ascii_lowercase();
    match bytes.get(at + 1) {
        Some(&second) if second.is_ascii() => {
            seconds[usize::from(lead)] & (1 << second.to_ascii_lowercase()) != 0
        }
        Some(_) => true,
        None => false,
    }
}

/// The first bytes outside ASCII of the characters that fold to the first
/// letter of a word: ſ (to s), Cyrillic letters, the old Cyrillic letter
/// forms (ᲂ to о), 日. Dot leaders (…) and dashes are passed over without
/// being decoded and folded (a test checks the table against every
/// character).
static NON_ASCII_LEADS: [bool; 256] = {
    let mut table = [false; 256];
    table[0xC5] = true;
    table[0xD0] = true;
    table[0xD1] = true;
    table[0xE1] = true;
    table[0xE6] = true;
    table
};

/// Whether a word can start with the ASCII byte `lower` (in lower case):
/// inside a word only those without `\b` before them (nadano, wysłano,
/// odesláno, otrzymano, přijato, wpłynęło, zpracováno) can. A character
/// outside ASCII may fold to a letter (ſ to s), so it is always tried.
/// The plain version of [`ASCII_STARTS`], kept for its test.
#[cfg(test)]
fn may_start_ascii(lower: u8, at_boundary: bool) -> bool {
    if at_boundary {
        matches!(
            lower,
            b'a' | b'c' | b'd' | b'e' | b'n' | b'o' | b'p' | b'r' | b's' | b't' | b'w' | b'z'
        )
    } else {
        matches!(lower, b'n' | b'o' | b'p' | b'w' | b'z')
    }
}

/// [`ASCII_STARTS`]: a word may start with the byte at a word boundary.
const AT_BOUNDARY: u8 = 1;
/// [`ASCII_STARTS`]: a word may start with the byte anywhere.
const ANYWHERE: u8 = 2;

/// An ASCII word byte, as `\b` sees it.
fn is_word_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_'
}

/// Per byte, where a word can start with it: [`ASCII_STARTS`] for ASCII,
/// anywhere for the first bytes of [`NON_ASCII_LEADS`], nowhere for any
/// other byte.
static STARTS: [u8; 256] = {
    let mut table = [0u8; 256];
    let mut b = 0;
    while b < 256 {
        table[b] = if b < 128 {
            ASCII_STARTS[b]
        } else if NON_ASCII_LEADS[b] {
            ANYWHERE
        } else {
            0
        };
        b += 1;
    }
    table
};

/// Per ASCII byte (either case), where a word can start with it: the
/// letters of bounded words only at a word boundary, those of the others
/// anywhere (nadano, wysłano, odesláno, otrzymano, přijato, wpłynęło,
/// zpracováno). A test checks it against `may_start_ascii`.
static ASCII_STARTS: [u8; 128] = {
    let mut table = [0u8; 128];
    let bounded = b"acdenoprstwz";
    let anywhere = b"nopwz";
    let mut i = 0;
    while i < bounded.len() {
        table[bounded[i] as usize] |= AT_BOUNDARY;
        table[bounded[i].to_ascii_uppercase() as usize] |= AT_BOUNDARY;
        i += 1;
    }
    let mut i = 0;
    while i < anywhere.len() {
        table[anywhere[i] as usize] |= ANYWHERE;
        table[anywhere[i].to_ascii_uppercase() as usize] |= ANYWHERE;
        i += 1;
    }
    table
};

/// The first alternative matching at `at`: its end and role.
fn word_at(text: &str, at: usize) -> Option<(usize, DateRole)> {
    let bytes = text.as_bytes();
    let written = bytes[at];
    // The first byte of the folded first character: every word written
    // here starts with it.
    let lead = if written.is_ascii() {
        written.to_ascii_lowercase()
    } else {
        let first = fold(text[at..].chars().next()?);
        let mut buffer = [0; 4];
        first.encode_utf8(&mut buffer).as_bytes()[0]
    };
    // After an ASCII first letter, the second byte starts the second
    // character: an ASCII one folds to its lower case alone.
    let second = bytes
        .get(at + 1)
        .copied()
        .filter(|_| written.is_ascii())
        .filter(u8::is_ascii)
        .map(|b| b.to_ascii_lowercase());
    let boundary = is_word_boundary(bytes, at);
    let mut candidates = BY_LEAD[usize::from(lead)];
    while candidates != 0 {
        let alternative = &ALTERNATIVES[candidates.trailing_zeros() as usize];
        candidates &= candidates - 1;
        if alternative.bounded && !boundary {
            continue;
        }
        if second.is_some_and(|b| b != alternative.word.as_bytes()[1]) {
            continue;
        }
        let Some(end) = folded_end(text, at, alternative.word) else {
            continue;
        };
        if alternative.bounded {
            if is_word_boundary(bytes, end) {
                return Some((end, alternative.role));
            }
            continue;
        }
        let end = match text[end..].chars().next() {
            Some(c) if alternative.tail.contains(&fold(c)) => end + c.len_utf8(),
            _ => end,
        };
        return Some((end, alternative.role));
    }
    if boundary && lead == b'd' {
        if let Some(end) = folded_end(text, at, "date") {
            // `d?` is greedy: "dated" first, then "date".
            if let Some(longer) = folded_end(text, end, "d") {
                if is_word_boundary(bytes, longer) {
                    return Some((longer, Header));
                }
            }
            if is_word_boundary(bytes, end) {
                return Some((end, Header));
            }
        }
    }
    DATE_WORDS
        .iter()
        .filter(|w| w.as_bytes()[0] == lead)
        .find_map(|w| folded_end(text, at, w))
        .map(|end| (end, Header))
}

#[cfg(test)]
mod tests {
    use super::{stamp_word, ALTERNATIVES, DATE_WORDS, NON_ASCII_LEADS};
    use crate::model::dates::fold;

    use crate::model::dates::DateRole;
    use regex::Regex;
    use std::sync::LazyLock;

    #[test]
    fn the_ascii_start_table_says_what_may_start_ascii_says() {
        use super::{may_start_ascii, ANYWHERE, ASCII_STARTS, AT_BOUNDARY};
        for b in 0..128u8 {
            let starts = ASCII_STARTS[usize::from(b)];
            for at_boundary in [false, true] {
                let by_table = starts & ANYWHERE != 0 || (starts & AT_BOUNDARY != 0 && at_boundary);
                assert_eq!(
                    by_table,
                    may_start_ascii(b.to_ascii_lowercase(), at_boundary),
                    "{b:#x} at a boundary: {at_boundary}"
                );
            }
        }
    }

    #[test]
    fn every_character_folding_to_a_first_letter_has_a_lead_byte_of_the_table() {
        let firsts: Vec<char> = ALTERNATIVES
            .iter()
            .map(|a| a.word)
            .chain(DATE_WORDS)
            .chain(["dated"])
            .filter_map(|w| w.chars().next())
            .collect();
        let mut buffer = [0; 4];
        for c in (0x80..=0x10FFFF).filter_map(char::from_u32) {
            if firsts.contains(&fold(c)) {
                let lead = c.encode_utf8(&mut buffer).as_bytes()[0];
                assert!(
                    NON_ASCII_LEADS[usize::from(lead)],
                    "{c:?} starts with {lead:#x}"
                );
            }
        }
    }

    /// The regex the hand-written search replaced.
    static ORACLE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(
            r"(?i)(?P<sent>(?-u:\b)(?:sent|dispatched|despatched|transmitted|expedido)(?-u:\b)|отправлен[оа]?|nadano|wysłano|odesláno)|(?P<received>(?-u:\b)(?:received|arrived|recebido|recibido)(?-u:\b)|поступила|получен[оа]?|otrzymano|přijato)|(?P<processed>(?-u:\b)(?:decoded|deciphered|decoding|processed|came in|came to)(?-u:\b)|wpłynęło|расшифрован[оа]?|zpracováno)|(?P<date>(?-u:\b)dated?(?-u:\b)|дата|日期)",
        )
        .unwrap()
    });

    fn oracle(window: &str) -> Option<DateRole> {
        let caps = ORACLE.captures_iter(window).last()?;
        Some(if caps.name("sent").is_some() {
            DateRole::Sent
        } else if caps.name("received").is_some() {
            DateRole::Received
        } else if caps.name("processed").is_some() {
            DateRole::Processed
        } else {
            DateRole::Header
        })
    }

    const PIECES: &[&str] = &[
        "sent",
        "SENT",
        "ſent",
        "Sent:",
        "dispatched",
        "despatched",
        "transmitted",
        "expedido",
        "отправлен",
        "ОТПРАВЛЕНО",
        "отправлена",
        "отправленоа",
        "nadano",
        "wysłano",
        "WYSŁANO",
        "odesláno",
        "ODESLÁNO",
        "received",
        "Received",
        "arrived",
        "recebido",
        "recibido",
        "поступила",
        "получен",
        "получено",
        "ПОЛУЧЕНА",
        "otrzymano",
        "přijato",
        "PŘIJATO",
        "decoded",
        "deciphered",
        "decoding",
        "processed",
        "came in",
        "came to",
        "Came  in",
        "CAME TO",
        "wpłynęło",
        "WPŁYNĘŁO",
        "расшифрован",
        "расшифровано",
        "zpracováno",
        "date",
        "dated",
        "Dated",
        "DATE",
        "dates",
        "datedd",
        "дата",
        "ДАТА",
        "日期",
        "x",
        "1",
        "_",
        " ",
        ":",
        "-",
        "é",
        "\u{212A}",
        "\u{1C82}",
        "\u{1C84}",
        "ß",
        "\t",
        "\n",
        "d",
        "в",
    ];

    #[test]
    fn stamp_words_are_found_as_the_regex_found_them() {
        let mut rng = crate::test_random::Rng(0x2545_F491_4F6C_DD1D);
        let mut next = || rng.next();
        for _ in 0..30_000 {
            let mut window = String::new();
            for _ in 0..(next() % 6) {
                window.push_str(PIECES[(next() % PIECES.len() as u64) as usize]);
            }
            assert_eq!(stamp_word(&window), oracle(&window), "{window:?}");
        }
        for a in PIECES {
            for b in PIECES {
                let window = format!("{a}{b}");
                assert_eq!(stamp_word(&window), oracle(&window), "{window:?}");
            }
        }
    }

    #[test]
    fn stamp_words_in_the_corpus_are_found_as_the_regex_found_them() {
        let mut lines = 0;
        for (_, text) in crate::test_corpus::documents() {
            for line in text.lines() {
                lines += 1;
                assert_eq!(stamp_word(line), oracle(line), "{line:?}");
            }
        }
        assert!(lines > 1000, "the corpus is missing");
    }
}
