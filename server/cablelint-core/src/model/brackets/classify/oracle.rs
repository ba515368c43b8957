//! The bracket classification as it was before the one-pass facts and the
//! lookup tables, kept as the oracle of `classify`: every corpus bracket and
//! generated ones must get the same class from both.

use super::super::{Bracket, BracketClass};
use super::{
    char_count, is_corrected_number, is_day, is_ellipsis, is_year, last_word_start,
    signed_by_editor, InnerWords, MAX_JUDGED,
};
use crate::model::dates::calendar::ENGLISH_MONTHS;

pub(in crate::model::brackets) fn classify(
    text: &str,
    bracket: &Bracket,
    scratch: &mut String,
) -> BracketClass {
    let Some(content) = bracket.content() else {
        return BracketClass::Supplied;
    };
    let window =
        crate::text::floor_char_boundary(text, content.end.min(content.start + MAX_JUDGED));
    let inner = text[content.start..window].trim();
    if inner.is_empty() {
        return super::empty_or_supplied(text, content, window);
    }
    normalize_into(inner, scratch);
    let lower = scratch.as_str();
    if is_ellipsis(inner) {
        return BracketClass::Ellipsis;
    }
    if matches!(lower, "sic" | "sic!" | "sic." | "sic!." | "!") {
        return BracketClass::Sic;
    }
    let words = InnerWords::find(lower.as_bytes());
    if words.illegible || lower == "unclear" {
        return BracketClass::Illegible;
    }
    if inner.len() <= 3 && inner.chars().all(|c| c.is_ascii_digit() || c == '*') {
        return BracketClass::FootnoteMark;
    }
    if is_editor_note(lower, words.note) || signed_by_editor(text, content) {
        return BracketClass::EditorNote;
    }
    if is_structural(lower) {
        return BracketClass::Structural;
    }
    if inner.ends_with('?') {
        return BracketClass::Uncertain;
    }
    let before = &text[..bracket.open()];
    if is_corrected_number(before, inner) {
        return BracketClass::Gloss;
    }
    if is_date_part(lower) {
        return BracketClass::SuppliedDate;
    }
    let glued = before
        .chars()
        .next_back()
        .is_some_and(|c| c.is_alphabetic() || c == '.')
        && !before.ends_with("..")
        && inner.chars().next().is_some_and(char::is_lowercase);
    if glued {
        return BracketClass::Completion;
    }
    let after = bracket.close().map_or("", |c| &text[c + 1..]);
    if is_gloss(before, inner, after) {
        return BracketClass::Gloss;
    }
    BracketClass::Supplied
}

fn normalize_into(inner: &str, out: &mut String) {
    out.clear();
    let irregular_spacing = if inner.is_ascii() {
        out.push_str(inner);
        out.make_ascii_lowercase();
        // White space other than a space, or two spaces in a row.
        let mut previous = 0;
        out.bytes().any(|b| {
            let irregular = matches!(b, b'\t' | b'\n' | b'\x0B' | b'\x0C' | b'\r')
                || (b == b' ' && previous == b' ');
            previous = b;
            irregular
        })
    } else {
        out.push_str(&inner.to_lowercase());
        out.contains(|c: char| c.is_whitespace() && c != ' ') || out.contains("  ")
    };
    if irregular_spacing {
        let joined = out.split_whitespace().collect::<Vec<_>>().join(" ");
        *out = joined;
    }
}

fn is_gloss(before: &str, inner: &str, after: &str) -> bool {
    let Some(before) = before.strip_suffix(' ') else {
        return false;
    };
    let previous = &before[last_word_start(before)..];
    // A gloss follows its word directly: not after punctuation or another bracket.
    if !previous.chars().next().is_some_and(char::is_uppercase)
        || !previous
            .chars()
            .next_back()
            .is_some_and(char::is_alphabetic)
    {
        return false;
    }
    let starts_a_name =
        inner.chars().next().is_some_and(char::is_uppercase) || inner.starts_with("the ");
    let qualifies_next = after
        .strip_prefix(' ')
        .is_some_and(|rest| rest.starts_with(char::is_uppercase));
    if !starts_a_name || qualifies_next {
        return false;
    }
    let word = previous
        .strip_suffix("'s")
        .or_else(|| previous.strip_suffix("’s"))
        .unwrap_or(previous);
    if is_title_or_determiner(word) {
        return false;
    }
    // A word of more than twelve bytes has more than three characters: the
    // cheapest test goes first, and most words end the question there.
    let short = previous.len() <= 3 || (previous.len() <= 12 && char_count(previous) <= 3);
    let short_surname = || {
        short
            && !previous
                .chars()
                .all(|c| c.is_uppercase() || !c.is_alphabetic())
    };
    let single_name = || !inner.contains(' ');
    !(short_surname() && single_name())
}

fn is_title_or_determiner(word: &str) -> bool {
    // Split on the byte `-`, which no multi-byte character contains.
    let listed = |lower: &[u8]| lower.split(|&b| b == b'-').any(is_title) || is_determiner(lower);
    let mut folded = [0u8; 32];
    match folded.get_mut(..word.len()) {
        Some(folded) if word.is_ascii() => {
            folded.copy_from_slice(word.as_bytes());
            folded.make_ascii_lowercase();
            listed(folded)
        }
        _ => listed(word.to_lowercase().as_bytes()),
    }
}

pub(super) fn is_title(lower: &[u8]) -> bool {
    matches!(
        lower,
        b"minister"
            | b"ambassador"
            | b"comrade"
            | b"comrades"
            | b"comr."
            | b"cde."
            | b"president"
            | b"premier"
            | b"chairman"
            | b"secretary"
            | b"general"
            | b"gen."
            | b"mr."
            | b"mrs."
            | b"ms."
            | b"dr."
            | b"sir"
            | b"lord"
            | b"madame"
            | b"mme."
            | b"monsieur"
            | b"herr"
            | b"frau"
            | b"counsellor"
            | b"counselor"
            | b"consul"
            | b"attach\xC3\xA9" // attaché
            | b"attache"
            | b"director"
            | b"deputy"
            | b"vice"
            | b"marshal"
            | b"admiral"
            | b"colonel"
            | b"col."
            | b"major"
            | b"captain"
            | b"capt."
            | b"professor"
            | b"prof."
            | b"prince"
            | b"king"
            | b"queen"
            | b"emperor"
            | b"shah"
            | b"chancellor"
            | b"envoy"
            | b"charge"
            | b"charg\xC3\xA9" // chargé
            | b"leader"
            | b"prime"
            | b"head"
            | b"chief"
            | b"governor"
            | b"senator"
            | b"mayor"
            | b"commissar"
            | b"undersecretary"
            | b"officer"
    )
}

fn is_date_part(lower: &str) -> bool {
    if lower.len() > 40 {
        return false;
    }
    // The first word must be a year, a day, a month, `of` or `the`: its
    // first byte rules out most brackets before any splitting.
    let first = lower.as_bytes().first().map(u8::to_ascii_lowercase);
    if !first.is_some_and(|b| {
        b.is_ascii_digit()
            || matches!(
                b,
                b'+' | b'j' | b'f' | b'm' | b'a' | b's' | b'o' | b'n' | b'd' | b't'
            )
    }) {
        return false;
    }
    // A day begins with a digit (or the `+` that `u8::from_str` takes).
    let is_days = |w: &str| {
        w.as_bytes()
            .first()
            .is_some_and(|&b| b.is_ascii_digit() || b == b'+')
            && w.split(['-', '–']).all(is_day)
    };
    // One to four words, each a date's; a year or a month among them.
    let mut anchored = false;
    for (count, word) in lower.split(' ').enumerate() {
        let word = word.trim_end_matches(',');
        let anchor = is_year(word) || is_month(word);
        if count == 4 || !(anchor || word == "of" || word == "the" || is_days(word)) {
            return false;
        }
        anchored |= anchor;
    }
    anchored
}

fn is_month(word: &str) -> bool {
    ENGLISH_MONTHS.iter().any(|m| m.eq_ignore_ascii_case(word))
}

pub(super) fn is_determiner(lower: &[u8]) -> bool {
    matches!(
        lower,
        b"the"
            | b"these"
            | b"this"
            | b"that"
            | b"those"
            | b"our"
            | b"their"
            | b"his"
            | b"her"
            | b"its"
            | b"a"
            | b"an"
            | b"copy"
            | b"to"
            | b"from"
    )
}

/// The words that open an editor's note: `[Translator's note: …]`,
/// `[handwritten: agreed]`, `[Seal of the Embassy]`.
pub(super) const OPENINGS: &[&str] = &[
    "translator",
    "translator's",
    "translator’s",
    "translators'",
    "translators’",
    "editor",
    "editor's",
    "editor’s",
    "editors'",
    "editors’",
    "ed.",
    "note",
    "notes",
    "handwritten",
    "hand-written",
    "handwriting",
    "stamp",
    "stamped",
    "signature",
    "signed",
    "seal",
    "marginal",
    "marginalia",
    "in the margin",
    "on the margin",
    "written",
    "typed",
    "underlined",
    "crossed out",
    "struck out",
    "deleted",
    "initials",
    "initialed",
    "first page",
    "last page",
    "page missing",
    "missing",
    "text missing",
    "resolution",
    "attachment",
    "enclosure",
    "remark",
    "comment",
];

/// `lower` starts with `word` as a whole word (`note:` but not `notebook`).
fn starts_with_word(lower: &str, word: &str) -> bool {
    lower.strip_prefix(word).is_some_and(|rest| {
        word.ends_with(|c: char| !c.is_alphanumeric())
            || !rest.starts_with(|c: char| c.is_alphanumeric())
    })
}

fn is_editor_note(lower: &str, names_a_note_inside: bool) -> bool {
    OPENINGS.iter().any(|o| starts_with_word(lower, o))
        // The page-turn marker of a two-sided original.
        || matches!(lower, "over" | "verso" | "reverse")
        || names_a_note_inside
}

fn is_structural(lower: &str) -> bool {
    matches!(
        lower,
        "telegram"
            | "paraphrase"
            | "extract"
            | "begin"
            | "end"
            | "begin verbatim text"
            | "end verbatim text"
            | "email protected"
    ) || [
        "received ",
        "page ",
        "here follow",
        "paraphrase of",
        "document ",
        "omitted here",
    ]
    .iter()
    .any(|h| lower.starts_with(h))
}

/// Words that name an office: the bracket after one holds the name of its
/// holder (`Minister [Pham Van Dong]`), not another name for the title.
/// Given in lower case (`attach\xC3\xA9` is `attaché`, `charg\xC3\xA9` `chargé`).
pub(super) const TITLES: &[&[u8]] = &[
    b"minister",
    b"ambassador",
    b"comrade",
    b"comrades",
    b"comr.",
    b"cde.",
    b"president",
    b"premier",
    b"chairman",
    b"secretary",
    b"general",
    b"gen.",
    b"mr.",
    b"mrs.",
    b"ms.",
    b"dr.",
    b"sir",
    b"lord",
    b"madame",
    b"mme.",
    b"monsieur",
    b"herr",
    b"frau",
    b"counsellor",
    b"counselor",
    b"consul",
    b"attach\xC3\xA9",
    b"attache",
    b"director",
    b"deputy",
    b"vice",
    b"marshal",
    b"admiral",
    b"colonel",
    b"col.",
    b"major",
    b"captain",
    b"capt.",
    b"professor",
    b"prof.",
    b"prince",
    b"king",
    b"queen",
    b"emperor",
    b"shah",
    b"chancellor",
    b"envoy",
    b"charge",
    b"charg\xC3\xA9",
    b"leader",
    b"prime",
    b"head",
    b"chief",
    b"governor",
    b"senator",
    b"mayor",
    b"commissar",
    b"undersecretary",
    b"officer",
];

/// Words that start a sentence or point at a noun rather than name one.
/// Given in lower case.
pub(super) const DETERMINERS: &[&[u8]] = &[
    b"the", b"these", b"this", b"that", b"those", b"our", b"their", b"his", b"her", b"its", b"a",
    b"an", b"copy", b"to", b"from",
];
