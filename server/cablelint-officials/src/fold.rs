//! Folding of Latin letters with diacritics to ASCII, so that "Raúl Roa",
//! "Kwaśniewski" and "Phạm Văn Đồng" are also found as "Raul Roa",
//! "Kwasniewski" and "Pham Van Dong", which is how many transcriptions
//! (and the ASCII-case-insensitive matcher) see them.

use std::borrow::Cow;
use std::sync::LazyLock;

/// Groups of letters that fold to the same ASCII letter. Covers the
/// alphabets of the languages in the registry (Polish, Czech, Hungarian,
/// Romanian, German, French, Spanish, Portuguese, Vietnamese, Turkish).
const FOLDS: &[(&str, &str)] = &[
    ("àáâãäåāăąạảấầẩẫậắằẳẵặ", "a"),
    ("ÀÁÂÃÄÅĀĂĄẠẢẤẦẨẪẬẮẰẲẴẶ", "A"),
    ("çćĉċč", "c"),
    ("ÇĆĈĊČ", "C"),
    ("ďđ", "d"),
    ("ĎĐ", "D"),
    ("èéêëēĕėęěẹẻẽếềểễệ", "e"),
    ("ÈÉÊËĒĔĖĘĚẸẺẼẾỀỂỄỆ", "E"),
    ("ĝğġģ", "g"),
    ("ĜĞĠĢ", "G"),
    ("ìíîïĩīĭįıỉị", "i"),
    ("ÌÍÎÏĨĪĬĮİỈỊ", "I"),
    ("ĺļľŀł", "l"),
    ("ĹĻĽĿŁ", "L"),
    ("ñńņňŉ", "n"),
    ("ÑŃŅŇ", "N"),
    ("òóôõöøōŏőơọỏốồổỗộớờởỡợ", "o"),
    ("ÒÓÔÕÖØŌŎŐƠỌỎỐỒỔỖỘỚỜỞỠỢ", "O"),
    ("ŕŗř", "r"),
    ("ŔŖŘ", "R"),
    ("śŝşšș", "s"),
    ("ŚŜŞŠȘ", "S"),
    ("ţťŧț", "t"),
    ("ŢŤŦȚ", "T"),
    ("ùúûüũūŭůűųưụủứừửữự", "u"),
    ("ÙÚÛÜŨŪŬŮŰŲƯỤỦỨỪỬỮỰ", "U"),
    ("ýÿŷỳỵỷỹ", "y"),
    ("ÝŸŶỲỴỶỸ", "Y"),
    ("źżž", "z"),
    ("ŹŻŽ", "Z"),
    ("ß", "ss"),
    ("æ", "ae"),
    ("Æ", "AE"),
    ("œ", "oe"),
    ("Œ", "OE"),
    ("‘’ʼʻ`´", "'"),
    ("‐‑‒–", "-"),
];

/// Whether `c` may be in [`FOLDS`]: a range test that passes over
/// Chinese, Cyrillic and other scripts without searching the table.
fn may_fold(c: char) -> bool {
    matches!(c as u32, 0xB4 | 0xC0..=0x24F | 0x2BB..=0x2BC | 0x1E00..=0x1EFF | 0x2010..=0x2019)
}

/// [`FOLDS`] as one sorted table, searched by halves.
static FOLD_TABLE: LazyLock<Vec<(char, &'static str)>> = LazyLock::new(|| {
    let mut table: Vec<(char, &'static str)> = FOLDS
        .iter()
        .flat_map(|&(from, to)| from.chars().map(move |c| (c, to)))
        .collect();
    // The first group a letter is in decides: the sort is stable, and
    // dedup keeps the first of equal letters.
    table.sort_by_key(|&(c, _)| c);
    table.dedup_by_key(|&mut (c, _)| c);
    table
});

pub(crate) fn fold_char(c: char) -> Option<&'static str> {
    if c.is_ascii() || !may_fold(c) {
        return None;
    }
    let table = &*FOLD_TABLE;
    table
        .binary_search_by_key(&c, |&(from, _)| from)
        .ok()
        .map(|i| table[i].1)
}

/// Folds diacritics, typographic apostrophes and hyphens to ASCII; leaves
/// other characters (Chinese, Cyrillic…) alone. Borrows when nothing changes.
pub fn fold_to_ascii(text: &str) -> Cow<'_, str> {
    if text.is_ascii() || !text.chars().any(|c| fold_char(c).is_some()) {
        return Cow::Borrowed(text);
    }
    let mut folded = String::with_capacity(text.len());
    for c in text.chars() {
        match fold_char(c) {
            Some(replacement) => folded.push_str(replacement),
            None => folded.push(c),
        }
    }
    Cow::Owned(folded)
}

/// [`fold_to_ascii`] into `buffer`, without allocating: the folded bytes,
/// or `None` when they do not fit.
pub(crate) fn fold_to_ascii_into<'b>(text: &str, buffer: &'b mut [u8]) -> Option<&'b [u8]> {
    let mut len = 0;
    for c in text.chars() {
        if c.is_ascii() {
            // Most letters of a folded word: kept, without a copy call.
            *buffer.get_mut(len)? = c as u8;
            len += 1;
            continue;
        }
        let mut utf8 = [0u8; 4];
        let piece = match fold_char(c) {
            Some(replacement) => replacement.as_bytes(),
            None => c.encode_utf8(&mut utf8).as_bytes(),
        };
        buffer
            .get_mut(len..len + piece.len())?
            .copy_from_slice(piece);
        len += piece.len();
    }
    Some(&buffer[..len])
}

/// Whether a character belongs to a script written without spaces between
/// words (Chinese, Japanese), where word boundaries cannot be required.
pub(crate) fn is_unspaced_script(c: char) -> bool {
    matches!(c as u32,
        0x3040..=0x30FF   // kana
        | 0x3400..=0x4DBF // CJK extension A
        | 0x4E00..=0x9FFF // CJK unified ideographs
        | 0xF900..=0xFAFF // CJK compatibility ideographs
        | 0x20000..=0x2FFFF)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_range_test_admits_every_folded_letter() {
        for (from, _) in FOLDS {
            for c in from.chars().filter(|c| !c.is_ascii()) {
                assert!(may_fold(c), "{c:?} U+{:04X}", c as u32);
            }
        }
    }

    #[test]
    fn a_letter_folds_as_the_first_group_it_is_in() {
        for (from, _) in FOLDS {
            for c in from.chars().filter(|c| !c.is_ascii()) {
                let first = FOLDS.iter().find(|(group, _)| group.contains(c));
                assert_eq!(fold_char(c), first.map(|&(_, to)| to), "{c:?}");
            }
        }
    }

    #[test]
    fn folding_into_a_buffer_folds_as_folding_into_a_string() {
        let mut texts: Vec<String> = FOLDS.iter().map(|(from, _)| from.to_string()).collect();
        texts.extend(
            [
                "",
                "Raúl",
                "Phạm Văn Đồng",
                "ßæŒ‘’‐–",
                "姬鹏飞",
                "𠀋x",
                "Mieczysław\r\n",
            ]
            .map(String::from),
        );
        for text in &texts {
            let mut buffer = [0u8; 200];
            assert_eq!(
                fold_to_ascii_into(text, &mut buffer),
                Some(fold_to_ascii(text).as_bytes()),
                "{text:?}"
            );
            // Folding never lengthens: a buffer of the text's length holds it.
            let mut exact = vec![0u8; text.len()];
            assert!(fold_to_ascii_into(text, &mut exact).is_some(), "{text:?}");
        }
        let mut small = [0u8; 3];
        assert_eq!(fold_to_ascii_into("Raúl", &mut small), None);
    }

    #[test]
    fn folds_names_from_the_registry() {
        assert_eq!(fold_to_ascii("Raúl Roa"), "Raul Roa");
        assert_eq!(
            fold_to_ascii("Aleksander Kwaśniewski"),
            "Aleksander Kwasniewski"
        );
        assert_eq!(fold_to_ascii("Phạm Văn Đồng"), "Pham Van Dong");
        assert_eq!(fold_to_ascii("Osvaldo Dorticós"), "Osvaldo Dorticos");
        assert_eq!(fold_to_ascii("Chi P’eng-fei"), "Chi P'eng-fei");
        assert_eq!(fold_to_ascii("Mieczysław Maneli"), "Mieczyslaw Maneli");
        assert_eq!(fold_to_ascii("姬鹏飞"), "姬鹏飞");
        assert!(matches!(fold_to_ascii("Ji Pengfei"), Cow::Borrowed(_)));
    }
}
