//! What surrounds a name in the text: a title before or after it
//! ("Vice Minister Ji", "Pál Szarvas\nAmbassador"), initials or given names
//! ("N.S. Khrushchev", "Stepan V. Chervonenko"), a signature line
//! ("Lansing" alone at the end of a telegram), or the FRUS heading style
//! "The Ambassador in Great Britain (Page)". All scans are short and local,
//! so finding mentions stays linear in the length of the text.

use std::ops::Range;

use crate::fold::{fold_to_ascii, fold_to_ascii_into};
#[cfg(test)]
use crate::title::pack_lowercase;
use crate::title::{
    classify_bytes, classify_packed_as_written, classify_plain, may_be_rank_or_qualifier,
    may_be_rank_or_qualifier_folded, pack, WordClass, LONGEST_CLASSIFIED,
};

/// The longest title phrase considered, in words.
const MAX_TITLE_WORDS: usize = 8;
/// The most given names or initials considered before a surname.
const MAX_GIVEN_WORDS: usize = 3;

mod before;
mod given_after;
mod words;

pub(crate) use before::*;
pub(crate) use given_after::*;
pub(crate) use words::*;

/// A title written after the name: "Szarvas\nAmbassador", "Nakajima Kenzo,
/// Chairman of the Board". Not when the phrase runs on into another name
/// ("Pak Heon-yeong, deputy minister of foreign affairs Pak Jeong-jo"),
/// where it is that name's title.
#[cfg(test)]
pub(crate) fn title_after(text: &str, pos: usize) -> Option<Range<usize>> {
    title_after_word(text, pos, word_after(text, pos, false))
}

/// [`title_after`] given the word right after `pos` on its line (as
/// [`word_after_on_line`] finds it), which [`names_an_institution`] reads
/// too: the title may also start after a comma or on the next line.
/// Inlined as far as the test of the first word, which rules out the word
/// after most names: only a word that may be a rank or qualifier pays for
/// the call to [`title_from`].
#[inline]
pub(crate) fn title_after_word(
    text: &str,
    pos: usize,
    next_on_line: Option<Word<'_>>,
) -> Option<Range<usize>> {
    // A word found without crossing a comma or a line break is the word
    // found when crossing them is allowed: the scan stops at the same byte.
    let first = match next_on_line {
        Some(word) => word,
        None => word_after(text, pos, true)?,
    };
    // Most words after a name ("telegram", "the") are plain and have the
    // first letter and length of no rank or qualifier: ruled out without
    // their class.
    // Given names written after a surname ("Maneli [Mieczysław]") are not
    // plain: their first letters and bounds on their folded length rule
    // most of them out before they are folded.
    let bare = first.text.trim_end_matches('.');
    let may_be = match first.plain {
        true => may_be_rank_or_qualifier(bare.as_bytes()),
        false => may_be_rank_or_qualifier_folded(bare),
    };
    if !may_be {
        return None;
    }
    title_from(text, first)
}

/// [`title_after_word`] from its first word, which may be a rank or a
/// qualifier.
#[inline(never)]
fn title_from(text: &str, first: Word<'_>) -> Option<Range<usize>> {
    let first_class = first.class();
    if !matches!(first_class, WordClass::Rank | WordClass::Qualifier) {
        return None;
    }
    // On the stack: this runs for every name. Each word's class is found
    // once.
    let mut read = [NO_WORD; MAX_TITLE_WORDS];
    let mut classes = [WordClass::Other; MAX_TITLE_WORDS];
    read[0] = first;
    classes[0] = first_class;
    let mut count = 1;
    while count < MAX_TITLE_WORDS {
        let (previous, previous_class) = (read[count - 1], classes[count - 1]);
        let Some(word) = word_after(text, previous.end(), false) else {
            break;
        };
        let class = word.class();
        let fits = match class {
            WordClass::Other => {
                word.is_capitalised() && !word.is_initials() && introduces_place(&previous)
                    || (word.is_capitalised() && previous_class == WordClass::Other)
            }
            _ => true,
        };
        if !fits {
            // A capitalised word right after the title: another name follows.
            if word.is_capitalised() && class == WordClass::Other {
                return None;
            }
            break;
        }
        read[count] = word;
        classes[count] = class;
        count += 1;
    }
    // Connectors at the end are not part of the title.
    while count > 0 && classes[count - 1] == WordClass::Connector {
        count -= 1;
    }
    let has_rank = classes[..count]
        .iter()
        .any(|class| matches!(class, WordClass::Rank | WordClass::Honorific));
    if !has_rank {
        return None;
    }
    Some(read[0].start..read[count - 1].end())
}

/// Whether the span is alone on its line (optionally in parentheses), as a
/// signature ("Lansing", "T. Shtykov", "VYSHINSKY").
pub(crate) fn is_signature_line(text: &str, span: &Range<usize>) -> bool {
    // ASCII bytes, around most names, are tested as bytes; a non-ASCII
    // character hands over to the character-wise test.
    let bytes = text.as_bytes();
    let before = bytes[..span.start].iter().rev().find_map(|&b| match b {
        b'\n' => Some(Some(true)),
        b'(' => None,
        b if b.is_ascii() => (!char::from(b).is_whitespace()).then_some(Some(false)),
        _ => Some(None),
    });
    match before {
        Some(Some(false)) => return false,
        Some(Some(true)) | None => {
            let after = bytes[span.end..].iter().find_map(|&b| match b {
                b'\n' => Some(Some(true)),
                b'.' | b',' | b')' => None,
                b if b.is_ascii() => (!char::from(b).is_whitespace()).then_some(Some(false)),
                _ => Some(None),
            });
            match after {
                Some(Some(ok)) => return ok,
                None => return true,
                Some(None) => {}
            }
        }
        Some(None) => {}
    }
    is_signature_line_by_chars(text, span)
}

/// [`is_signature_line`] character by character.
fn is_signature_line_by_chars(text: &str, span: &Range<usize>) -> bool {
    // Walk out from the span and stop at the first other character, never
    // at the line's ends: on a 10 MB line, every name would read the line.
    let before_ok = text[..span.start]
        .chars()
        .rev()
        .take_while(|&c| c != '\n')
        .all(|c| c.is_whitespace() || c == '(');
    let after_ok = text[span.end..]
        .chars()
        .take_while(|&c| c != '\n')
        .all(|c| c.is_whitespace() || matches!(c, '.' | ',' | ')'));
    before_ok && after_ok
}

/// FRUS headings name the official in parentheses after the post: "The
/// Ambassador in Great Britain (Page)". Returns the post phrase.
///
/// Before most names is one blank after a word, or no blank: the byte
/// that decides is tested here, inlined into the caller, and the rest of
/// the test ([`parenthesised_after_title_from`]) pays for a frame only
/// when a parenthesis may come before the name.
#[inline(always)]
pub(crate) fn parenthesised_after_title(
    text: &str,
    span: &Range<usize>,
    floor: usize,
) -> Option<Range<usize>> {
    match text.as_bytes()[..span.start] {
        // One blank after another byte (most names): that byte decides.
        [.., b, b' ' | b'\t'] if !matches!(b, b'(' | b' ' | b'\t') => None,
        [.., b'(' | b' ' | b'\t'] => parenthesised_after_title_from(text, span, floor),
        _ => None,
    }
}

/// [`parenthesised_after_title`] past its first test.
#[inline(never)]
fn parenthesised_after_title_from(
    text: &str,
    span: &Range<usize>,
    floor: usize,
) -> Option<Range<usize>> {
    // Spaces, tabs and parentheses are ASCII, and no byte of another
    // character equals them: stepped over as bytes.
    let bytes = text.as_bytes();
    let is_blank = |b: &&u8| matches!(**b, b' ' | b'\t');
    // Most names have no parenthesis before them: the other side is not
    // looked at then.
    let open = bytes[..span.start].iter().rev().find(|b| !is_blank(b));
    if open != Some(&b'(') {
        return None;
    }
    let close = bytes[span.end..].iter().find(|b| !is_blank(b));
    if close != Some(&b')') {
        return None;
    }
    let blanks = bytes[..span.start]
        .iter()
        .rev()
        .take_while(is_blank)
        .count();
    title_before(text, span.start - blanks - 1, floor)
}

/// [`parenthesised_after_title`] as it was, trimming strings: the oracle.
#[cfg(test)]
fn parenthesised_after_title_by_trimming(
    text: &str,
    span: &Range<usize>,
    floor: usize,
) -> Option<Range<usize>> {
    let open = text[..span.start].trim_end_matches([' ', '\t']);
    let close = text[span.end..].trim_start_matches([' ', '\t']);
    if !open.ends_with('(') || !close.starts_with(')') {
        return None;
    }
    title_before(text, open.len() - 1, floor)
}

/// Words that, right after a name, make it the name of an institution or a
/// place rather than a mention of the person ("Woodrow Wilson International
/// Center", "Nehru Memorial Museum").
const EPONYM_NOUNS: &[&str] = &[
    "center",
    "centre",
    "foundation",
    "institute",
    "library",
    "museum",
    "memorial",
    "university",
    "college",
    "school",
    "airport",
    "street",
    "avenue",
    "boulevard",
    "square",
    "prize",
    "archive",
    "archives",
    "international",
    "hall",
    "park",
    "bridge",
    "station",
    "stadium",
];

const LONGEST_EPONYM: usize = 13;

/// The first letters of [`EPONYM_NOUNS`] (bit 0: "a"): most capitalised
/// words after a name begin with none of them.
#[cfg(test)]
const EPONYM_FIRST_LETTERS: u32 = {
    let mut letters = 0;
    let mut i = 0;
    while i < EPONYM_NOUNS.len() {
        letters |= 1 << (EPONYM_NOUNS[i].as_bytes()[0] - b'a');
        i += 1;
    }
    letters
};

/// Whether `word` (at most [`LONGEST_EPONYM`] bytes) is one of
/// [`EPONYM_NOUNS`], ignoring ASCII case: one comparison with the nouns of
/// its length rather than one with each noun, as this runs after many
/// names ("Mikoyan [Anastas]").
fn is_eponym_noun(word: &str) -> bool {
    let mut lower = [0u8; LONGEST_EPONYM];
    let Some(lower) = lower.get_mut(..word.len()) else {
        return false;
    };
    lower.copy_from_slice(word.as_bytes());
    lower.make_ascii_lowercase();
    matches!(
        &*lower,
        b"center"
            | b"centre"
            | b"foundation"
            | b"institute"
            | b"library"
            | b"museum"
            | b"memorial"
            | b"university"
            | b"college"
            | b"school"
            | b"airport"
            | b"street"
            | b"avenue"
            | b"boulevard"
            | b"square"
            | b"prize"
            | b"archive"
            | b"archives"
            | b"international"
            | b"hall"
            | b"park"
            | b"bridge"
            | b"station"
            | b"stadium"
    )
}

/// The word after `pos` on the same line, past spaces only.
pub(crate) fn word_after_on_line(text: &str, pos: usize) -> Option<Word<'_>> {
    word_after(text, pos, false)
}

/// Whether the word after `end` turns the name into an institution's name.
#[cfg(test)]
pub(crate) fn names_an_institution(text: &str, end: usize) -> bool {
    names_an_institution_by(word_after_on_line(text, end))
}

/// [`names_an_institution`] given the word after the name on its line (as
/// [`word_after_on_line`] finds it). An eponym noun is ASCII letters, so a
/// capitalised one starts with an ASCII capital: its first byte rules out
/// most words without comparing them. (This used to look again at the
/// first byte after the name, which the word already tells;
/// [`names_an_institution_by_bytes`] is that version, the test oracle.)
#[inline]
pub(crate) fn names_an_institution_by(next_word: Option<Word<'_>>) -> bool {
    next_word.is_some_and(|word| {
        let bytes = word.text.as_bytes();
        // A capital, then the sieve of first two letters and length: most
        // capitalised words after a name ("Hanoi", "Soviet") fail it.
        let Some(&[first, second]) = bytes.first_chunk::<2>() else {
            return false;
        };
        let second = second.to_ascii_lowercase();
        first.is_ascii_uppercase()
            && second.is_ascii_lowercase()
            && bytes.len() <= LONGEST_EPONYM
            && EPONYM_LENGTHS[usize::from(first - b'A') * 26 + usize::from(second - b'a')]
                & (1 << bytes.len())
                != 0
            && is_eponym_noun(word.text)
    })
}

/// Per first two letters (`aa` to `zz`), the lengths of the
/// [`EPONYM_NOUNS`] starting with them, as bits.
const EPONYM_LENGTHS: [u32; 26 * 26] = {
    let mut lengths = [0u32; 26 * 26];
    let mut i = 0;
    while i < EPONYM_NOUNS.len() {
        let noun = EPONYM_NOUNS[i].as_bytes();
        lengths[(noun[0] - b'a') as usize * 26 + (noun[1] - b'a') as usize] |= 1 << noun.len();
        i += 1;
    }
    lengths
};

/// [`names_an_institution_by`] as it was, testing the byte after the name
/// first: the oracle.
#[cfg(test)]
pub(crate) fn names_an_institution_by_bytes(
    text: &str,
    end: usize,
    next_word: Option<Word<'_>>,
) -> bool {
    // Only a capitalised word of the right length can be one.
    let next = text.as_bytes()[end..]
        .iter()
        .position(|&b| !matches!(b, b' ' | b'\t' | b'\r'))
        .map(|i| text.as_bytes()[end + i]);
    if next.is_some_and(|b| b.is_ascii() && !b.is_ascii_uppercase()) {
        return false;
    }
    // Most capitalised words after a name start with no eponym noun's letter.
    if next.is_some_and(|b| b.is_ascii_uppercase() && EPONYM_FIRST_LETTERS & (1 << (b - b'A')) == 0)
    {
        return false;
    }
    next_word.is_some_and(|word| {
        word.text.len() <= LONGEST_EPONYM && word.is_capitalised() && is_eponym_noun(word.text)
    })
}

#[cfg(test)]
mod tests;

#[cfg(test)]
mod class_oracle;
