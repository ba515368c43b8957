//! The fixed words the classification compares a bracket with, looked up
//! by dispatching once on the first byte to the two or three words that
//! start with it, each compared whole (the compiler inlines a compare with
//! a short literal), instead of walking a list. The plain lists and tests
//! are kept in `oracle.rs`; the tests below check that these look-ups find
//! exactly the same words.

use super::super::BracketClass;

/// The class a normalised content has on its own (`sic`, `unclear`, `over`,
/// `telegram` …), if it is one of those: each is the first class whose
/// check it passes.
/// Takes bytes so that a content folded into a byte buffer (see
/// `classify_word`) is looked up without a UTF-8 check.
pub(super) fn whole_content_class(lower: &[u8]) -> Option<BracketClass> {
    use BracketClass::*;
    let class = match lower.first()? {
        b's' if matches!(lower, b"sic" | b"sic!" | b"sic." | b"sic!.") => Sic,
        b'!' if lower == b"!" => Sic,
        b'u' if lower == b"unclear" => Illegible,
        // The page-turn marker of a two-sided original.
        b'o' if lower == b"over" => EditorNote,
        b'v' if lower == b"verso" => EditorNote,
        b'r' if lower == b"reverse" => EditorNote,
        b't' if lower == b"telegram" => Structural,
        b'p' if lower == b"paraphrase" => Structural,
        b'e' if matches!(
            lower,
            b"extract" | b"end" | b"end verbatim text" | b"email protected"
        ) =>
        {
            Structural
        }
        b'b' if matches!(lower, b"begin" | b"begin verbatim text") => Structural,
        _ => return None,
    };
    Some(class)
}

/// `word` is one of `listed` (given in lower case), in any ASCII case:
/// most candidates differ in length, which ends their compare at once.
fn any_of(word: &[u8], listed: &[&[u8]]) -> bool {
    listed.iter().any(|l| l.eq_ignore_ascii_case(word))
}

/// A title, in any ASCII case (other letters lower-cased already). Most
/// words tested are names whose length no title with their first letter
/// has: one bit of [`TITLE_LENGTHS`] rules them out before any compare.
pub(super) fn is_title(word: &[u8]) -> bool {
    let Some(first) = word.first() else {
        return false;
    };
    let first = first.to_ascii_lowercase();
    // No title is 31 bytes long or longer.
    if TITLE_LENGTHS[usize::from(first)] & (1 << word.len().min(31)) == 0 {
        return false;
    }
    any_of(word, titles_starting(first))
}

/// For each lower-case first byte, a bit for each length of the titles that
/// start with it.
static TITLE_LENGTHS: [u32; 256] = {
    let mut lengths = [0; 256];
    let mut first = 0;
    while first < 256 {
        let titles = titles_starting(first as u8);
        let mut i = 0;
        while i < titles.len() {
            lengths[first] |= 1 << titles[i].len();
            i += 1;
        }
        first += 1;
    }
    lengths
};

/// The titles (in lower case) that start with the lower-case byte `first`.
const fn titles_starting(first: u8) -> &'static [&'static [u8]] {
    match first {
        b'a' => &[b"ambassador", b"attach\xC3\xA9", b"attache", b"admiral"],
        b'c' => &[
            b"comrade",
            b"comrades",
            b"comr.",
            b"cde.",
            b"chairman",
            b"counsellor",
            b"counselor",
            b"consul",
            b"colonel",
            b"col.",
            b"captain",
            b"capt.",
            b"chancellor",
            b"charge",
            b"charg\xC3\xA9",
            b"chief",
            b"commissar",
        ],
        b'd' => &[b"dr.", b"director", b"deputy"],
        b'e' => &[b"emperor", b"envoy"],
        b'f' => &[b"frau"],
        b'g' => &[b"general", b"gen.", b"governor"],
        b'h' => &[b"herr", b"head"],
        b'k' => &[b"king"],
        b'l' => &[b"lord", b"leader"],
        b'm' => &[
            b"minister",
            b"mr.",
            b"mrs.",
            b"ms.",
            b"madame",
            b"mme.",
            b"monsieur",
            b"marshal",
            b"major",
            b"mayor",
        ],
        b'o' => &[b"officer"],
        b'p' => &[
            b"president",
            b"premier",
            b"professor",
            b"prof.",
            b"prince",
            b"prime",
        ],
        b'q' => &[b"queen"],
        b's' => &[b"secretary", b"sir", b"shah", b"senator"],
        b'u' => &[b"undersecretary"],
        b'v' => &[b"vice"],
        _ => &[],
    }
}

/// A determiner, in any ASCII case (other letters lower-cased already).
fn is_determiner(word: &[u8]) -> bool {
    // Every determiner has at most five bytes.
    if word.len() > 5 {
        return false;
    }
    let Some(first) = word.first() else {
        return false;
    };
    match first.to_ascii_lowercase() {
        b't' => any_of(
            word,
            &[
                b"the", b"these", b"this", b"that", b"those", b"their", b"to",
            ],
        ),
        b'o' => any_of(word, &[b"our"]),
        b'h' => any_of(word, &[b"his", b"her"]),
        b'i' => any_of(word, &[b"its"]),
        b'a' => any_of(word, &[b"a", b"an"]),
        b'c' => any_of(word, &[b"copy"]),
        b'f' => any_of(word, &[b"from"]),
        _ => false,
    }
}

/// A title or a determiner, in any ASCII case (other letters lower-cased
/// already); a hyphenated word counts by its parts (`Vice-Minister`).
pub(super) fn is_title_or_determiner(word: &[u8]) -> bool {
    let mut parts = word.split(|&b| b == b'-');
    let first = parts.next().unwrap_or_default();
    if first.len() == word.len() {
        return is_title(word) || is_determiner(word);
    }
    // No determiner holds a hyphen.
    is_title(first) || parts.any(is_title)
}

/// The openings of an editor's note (see `oracle::OPENINGS`) that start
/// with `first_two`: all of them are ASCII and at least three bytes long.
pub(super) fn openings_starting(first_two: [u8; 2]) -> &'static [&'static str] {
    match &first_two {
        b"tr" => &[
            "translator",
            "translator's",
            "translator’s",
            "translators'",
            "translators’",
        ],
        b"ty" => &["typed"],
        b"te" => &["text missing"],
        b"ed" => &[
            "editor",
            "editor's",
            "editor’s",
            "editors'",
            "editors’",
            "ed.",
        ],
        b"en" => &["enclosure"],
        b"no" => &["note", "notes"],
        b"ha" => &["handwritten", "hand-written", "handwriting"],
        b"st" => &["stamp", "stamped", "struck out"],
        b"si" => &["signature", "signed"],
        b"se" => &["seal"],
        b"ma" => &["marginal", "marginalia"],
        b"mi" => &["missing"],
        b"in" => &["in the margin", "initials", "initialed"],
        b"on" => &["on the margin"],
        b"wr" => &["written"],
        b"un" => &["underlined"],
        b"cr" => &["crossed out"],
        b"de" => &["deleted"],
        b"fi" => &["first page"],
        b"la" => &["last page"],
        b"pa" => &["page missing"],
        b"re" => &["resolution", "remark"],
        b"at" => &["attachment"],
        b"co" => &["comment"],
        _ => &[],
    }
}

/// The phrases that start a structural bracket (`[Received May 27—3:56
/// a.m.]`, `[Page 381]`), by the normalised content's first byte.
pub(super) fn opens_structural(lower: &str) -> bool {
    match lower.as_bytes().first() {
        Some(b'r') => lower.starts_with("received "),
        Some(b'p') => lower.starts_with("page ") || lower.starts_with("paraphrase of"),
        Some(b'h') => lower.starts_with("here follow"),
        Some(b'd') => lower.starts_with("document "),
        Some(b'o') => lower.starts_with("omitted here"),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::super::oracle;
    use super::*;

    /// The plain lists, word for word.
    #[test]
    fn every_listed_word_is_found_and_only_those() {
        for title in oracle::TITLES {
            assert!(is_title(title), "{title:?}");
        }
        for determiner in oracle::DETERMINERS {
            assert!(is_determiner(determiner), "{determiner:?}");
            assert!(!is_title(determiner), "{determiner:?}");
        }
        assert!(oracle::DETERMINERS.iter().all(|w| w.len() <= 5));
        // `is_title` keeps a title's length as one bit of 31.
        assert!(oracle::TITLES.iter().all(|w| w.len() < 31));
    }

    #[test]
    fn titles_and_determiners_are_found_as_the_plain_lists_find_them() {
        let mut words: Vec<Vec<u8>> = oracle::TITLES
            .iter()
            .chain(oracle::DETERMINERS)
            .map(|w| w.to_vec())
            .collect();
        for extra in [
            "",
            "-",
            "vice-minister",
            "Vice-Minister",
            "deputy-head",
            "the-",
            "x-minister",
            "ministers",
            "ministe",
            "MINISTER",
            "Attaché",
            "attach",
            "chargé",
            "the\0",
            "undersecretaryx",
            "undersecretary-general",
            "a-b-c-the",
            "to",
            "To",
            "TO",
            "xyzzyxyzzyxyzzyxyzzy",
            "𠀋",
            "发往",
            "comr.",
            "Comr",
            "an-",
            "-an",
            // Names with a title's first letter, of a title's length or not.
            "Chervonenko",
            "Mikoyan",
            "MARSHAL",
            "Marshal",
            "Maneli",
            "Gromyko",
            "Pham",
            "Dobrynin",
            "commissarcommissarcommissarcomm",
            "commissarcommissarcommissarcommi",
            "Ökonom",
        ] {
            words.push(extra.as_bytes().to_vec());
        }
        for word in &words {
            let lower: Vec<u8> = word.to_ascii_lowercase();
            let plain_title = lower.split(|&b| b == b'-').any(oracle::is_title);
            assert_eq!(is_title(word), oracle::is_title(&lower), "{word:?}");
            assert_eq!(
                is_title_or_determiner(word),
                plain_title || oracle::is_determiner(&lower),
                "{word:?}"
            );
        }
    }

    #[test]
    fn the_openings_by_first_two_bytes_are_the_plain_list() {
        let mut count = 0;
        for first in 0..=255u8 {
            for second in 0..=255u8 {
                for opening in openings_starting([first, second]) {
                    assert!(opening.as_bytes().starts_with(&[first, second]));
                    assert!(oracle::OPENINGS.contains(opening), "{opening}");
                    count += 1;
                }
            }
        }
        assert_eq!(count, oracle::OPENINGS.len());
    }

    #[test]
    fn whole_contents_get_the_class_the_checks_give_them() {
        let words = [
            "sic",
            "sic!",
            "sic.",
            "sic!.",
            "!",
            "unclear",
            "over",
            "verso",
            "reverse",
            "telegram",
            "paraphrase",
            "extract",
            "begin",
            "end",
            "email protected",
            "begin verbatim text",
            "end verbatim text",
        ];
        for word in words {
            let class = whole_content_class(word.as_bytes());
            assert!(class.is_some(), "{word}");
            for before in ["", "Wulumuqi ", "my 2379 ", "F", "end..", "\r\n"] {
                for written in [
                    word.to_owned(),
                    word.to_uppercase(),
                    format!(" {word}\u{a0}"),
                ] {
                    let text = format!("{before}[{written}] Next");
                    let bracket = &crate::model::brackets::scan(&text, &[]).list[0];
                    let plain = oracle::classify(&text, bracket, &mut String::new());
                    assert_eq!(class, Some(plain), "{text:?}");
                }
            }
        }
        for word in [
            "",
            "si",
            "sic!!",
            "sic\0",
            "overt",
            "ove",
            "ends",
            "telegrams",
        ] {
            assert_eq!(whole_content_class(word.as_bytes()), None, "{word:?}");
        }
    }
}
