//! A given name written after a surname that is not the person's: "Mr. Han
//! Hsu", "Comrade Li Peng", "Ambassador Chen Chu". Chinese, Korean and
//! Vietnamese names put the family name first, so a surname the registry
//! knows ("Han", "Li", "Chen") followed by a given name none of its
//! people has names someone the registry lacks, not Han Nianlong, Li
//! Xiannian or Chen Yun.

use super::*;
use crate::model::{NameOrder, Person};

/// Capitalised words that follow a name in headings written in title case
/// ("Premier Zhou And Ambassador Yudin", "Chairman Mao On Taiwan") or
/// begin the next sentence after a name without a period; never given
/// names.
const NOT_GIVEN_NAMES: &[&str] = &[
    "a",
    "about",
    "after",
    "against",
    "also",
    "an",
    "and",
    "as",
    "asked",
    "at",
    "before",
    "but",
    "by",
    "during",
    "for",
    "from",
    "had",
    "has",
    "have",
    "he",
    "in",
    "into",
    "is",
    "meets",
    "met",
    "of",
    "on",
    "or",
    "over",
    "received",
    "receives",
    "regarding",
    "replied",
    "said",
    "says",
    "she",
    "that",
    "the",
    "to",
    "told",
    "was",
    "were",
    "who",
    "will",
    "with",
    "would",
    // Weekdays and months, as in "Premier Zhou Monday".
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

/// Whether `word` is one of [`NOT_GIVEN_NAMES`], ignoring ASCII case:
/// compared only with the words of its length.
fn is_not_given_name(word: &str) -> bool {
    let len = word.len();
    NOT_GIVEN_NAMES
        .iter()
        .any(|w| w.len() == len && w.as_bytes().eq_ignore_ascii_case(word.as_bytes()))
}

/// The words right after a surname ending at `end` when they may be a
/// given name: up to three (Vietnamese names share middle names: "Hoang
/// Van Tien" is not Hoàng Văn Hoan), each after exactly one space,
/// capitalised, and neither initials, a title word nor one of
/// [`NOT_GIVEN_NAMES`]. `next` is the word after the name on its line,
/// which the caller has read. Returns the text from the first word's start
/// to the last one's end.
#[inline]
pub(crate) fn given_name_after<'t>(
    text: &'t str,
    end: usize,
    next: Option<Word<'t>>,
) -> Option<&'t str> {
    let first = next?;
    // Most names are followed by punctuation or a lower-case word.
    if !may_be_given_name(text, end, &first) {
        return None;
    }
    given_words_from(text, first)
}

/// [`given_name_after`] from its first word, which may be a given name.
#[inline(never)]
fn given_words_from<'t>(text: &'t str, first: Word<'t>) -> Option<&'t str> {
    let is_given = |word: &Word<'_>| {
        // A lone capital is an initial ("Ji P."; the scan leaves its period).
        word.text.chars().nth(1).is_some()
            && !word.is_initials()
            && word.class() == WordClass::Other
            && !is_not_given_name(word.text.trim_end_matches('.'))
    };
    if !is_given(&first) {
        return None;
    }
    let mut last = first;
    for _ in 1..3 {
        match word_after(text, last.end(), false) {
            Some(word) if may_be_given_name(text, last.end(), &word) && is_given(&word) => {
                last = word
            }
            _ => break,
        }
    }
    Some(&text[first.start..last.end()])
}

/// Whether `word` follows `end` after exactly one space and is capitalised.
#[inline]
fn may_be_given_name(text: &str, end: usize, word: &Word<'_>) -> bool {
    word.start == end + 1 && text.as_bytes().get(end) == Some(&b' ') && word.is_capitalised()
}

/// Whether `words`, written right after this person's surname, take the
/// mention from them: they put the given name last ("Ji Pengfei", not
/// "Dean Rusk"), and no given name of theirs in any form begins with
/// `words` or begins them ("Tsetung Thought"), letters compared without
/// spaces, hyphens or diacritics. A person whose given names the registry
/// does not know keeps every mention.
pub(crate) fn given_name_is_someone_elses(person: &Person, words: &str) -> bool {
    if person.name.order != NameOrder::FamilyFirst {
        return false;
    }
    let mut known = false;
    for given in given_names(person) {
        match prefix_relation(words, given) {
            // "Il" of "Il Sung"; "Enlai's" of "Enlai".
            Some(true) => return false,
            Some(false) => known = true,
            None => {}
        }
    }
    known
}

/// The given names of each Latin form whose family name comes first.
fn given_names(person: &Person) -> impl Iterator<Item = &str> {
    let canonical = person.name.given.as_deref();
    let variants = person.variants.iter().filter_map(|variant| {
        let family = variant.family.as_deref()?;
        let rest = variant.text.strip_prefix(family)?;
        rest.strip_prefix([' ', '-'])
    });
    canonical.into_iter().chain(variants)
}

/// Whether one of `written` and `given`, compared as lower-case ASCII
/// letters and digits with diacritics folded ("P'eng-fei" reads as
/// "pengfei"), begins the other; None when either has no letters.
fn prefix_relation(written: &str, given: &str) -> Option<bool> {
    let (written, given) = (fold_to_ascii(written), fold_to_ascii(given));
    let (mut a, mut b) = (alphanumerics(&written), alphanumerics(&given));
    let (first_a, first_b) = (a.next()?, b.next()?);
    if first_a != first_b {
        return Some(false);
    }
    loop {
        match (a.next(), b.next()) {
            (Some(x), Some(y)) if x == y => continue,
            (Some(_), Some(_)) => return Some(false),
            _ => return Some(true),
        }
    }
}

/// The ASCII letters and digits of `text`, lowered.
fn alphanumerics(text: &str) -> impl Iterator<Item = u8> + '_ {
    text.bytes()
        .filter(u8::is_ascii_alphanumeric)
        .map(|b| b.to_ascii_lowercase())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Registry;

    fn person(id: &str) -> Person {
        Registry::builtin()
            .persons()
            .iter()
            .find(|p| p.id == id)
            .unwrap_or_else(|| panic!("{id} is built in"))
            .clone()
    }

    #[test]
    fn a_given_name_of_any_form_is_the_persons() {
        let zhou = person("zhou-enlai");
        for word in ["Enlai", "En-lai", "Enlai's", "En-lai’s", "ENLAI"] {
            assert!(!given_name_is_someone_elses(&zhou, word), "{word}");
        }
        let ji = person("ji-pengfei");
        assert!(!given_name_is_someone_elses(&ji, "P'eng-fei"));
    }

    #[test]
    fn another_given_name_is_someone_elses() {
        assert!(given_name_is_someone_elses(&person("zhou-enlai"), "Wen"));
        assert!(given_name_is_someone_elses(&person("li-xiannian"), "Peng"));
        assert!(given_name_is_someone_elses(&person("han-nianlong"), "Hsu"));
        // A shared middle name is not enough.
        let hoan = person("hoang-van-hoan");
        assert!(given_name_is_someone_elses(&hoan, "Van Tien"));
        assert!(!given_name_is_someone_elses(&hoan, "Van Hoan"));
        assert!(!given_name_is_someone_elses(&hoan, "Van"));
    }

    #[test]
    fn names_with_the_given_name_first_are_left_alone() {
        // "Rusk Dean" is not read as another Rusk.
        assert!(!given_name_is_someone_elses(&person("dean-rusk"), "Dean"));
        assert!(!given_name_is_someone_elses(&person("dean-rusk"), "Smith"));
    }

    #[test]
    fn only_a_capitalised_word_after_one_space_may_be_a_given_name() {
        let cases = [
            ("Han Hsu has", Some("Hsu")),
            ("Han Van Tien, Deputy", Some("Van Tien")),
            ("Han Van Tien Hoa Binh", Some("Van Tien Hoa")),
            ("Han Van said", Some("Van")),
            ("Han Wei-lun And Li", Some("Wei-lun")),
            ("Han  Hsu has", None),
            ("Han, Hsu has", None),
            ("Han said", None),
            ("Han And Kissinger", None),
            ("Han Monday", None),
            ("Han N.", None),
            ("Han Ambassador", None),
            ("Han 韩叙", None),
            ("Han Łukasz", Some("Łukasz")),
        ];
        for (text, expected) in cases {
            let next = word_after_on_line(text, 3);
            let found = given_name_after(text, 3, next);
            assert_eq!(found, expected, "{text}");
        }
    }
}
