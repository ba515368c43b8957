//! `char::is_alphabetic` and `char::is_alphanumeric` with the answers for
//! the characters cables are full of found without the Unicode tables:
//! Latin letters with diacritics ("Mieczysław", "Đồng" in part),
//! typographic punctuation ("’", "—") and CJK ideographs. The tables cost a
//! few hundred instructions a character, and these run at every non-ASCII
//! character the scan stops at.

/// Latin-1 Supplement letters through Latin Extended-B: all alphabetic but
/// the multiplication and division signs.
const LATIN_LETTERS: std::ops::RangeInclusive<u32> = 0xC0..=0x24F;
/// General Punctuation: no letters or digits.
const GENERAL_PUNCTUATION: std::ops::RangeInclusive<u32> = 0x2000..=0x206F;
/// CJK Unified Ideographs: every one is a letter.
const CJK_UNIFIED: std::ops::RangeInclusive<u32> = 0x4E00..=0x9FFF;

#[inline]
fn known(c: char) -> Option<bool> {
    let code = u32::from(c);
    if LATIN_LETTERS.contains(&code) {
        Some(c != '×' && c != '÷')
    } else if GENERAL_PUNCTUATION.contains(&code) {
        Some(false)
    } else if CJK_UNIFIED.contains(&code) {
        Some(true)
    } else {
        None
    }
}

/// `c.is_alphabetic()`.
#[inline]
pub(crate) fn is_alphabetic(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphabetic();
    }
    known(c).unwrap_or_else(|| c.is_alphabetic())
}

/// `c.is_alphanumeric()`.
#[inline]
pub(crate) fn is_alphanumeric(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphanumeric();
    }
    known(c).unwrap_or_else(|| c.is_alphanumeric())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn agree_with_the_unicode_tables_for_every_character() {
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            assert_eq!(is_alphabetic(c), c.is_alphabetic(), "{c:?}");
            assert_eq!(is_alphanumeric(c), c.is_alphanumeric(), "{c:?}");
        }
    }
}
