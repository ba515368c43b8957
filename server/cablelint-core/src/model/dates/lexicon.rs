//! Words and numerals of dates: month and weekday names in the languages of
//! the collections, Roman month numerals, Chinese numerals. Each month table
//! keeps one language's one form in calendar order, so a fix can write a
//! month back in the spelling the document used.

use super::calendar::{Weekday, ENGLISH_MONTHS};
use std::sync::LazyLock;

/// One language's month names in one grammatical form, January first.
pub struct MonthTable {
    pub language: &'static str,
    pub names: [&'static str; 12],
    /// English names are capitalised; a lower-case "may" or "march" is a
    /// verb, not a month.
    pub capitalised: bool,
}

pub static MONTH_TABLES: &[MonthTable] = &[
    MonthTable {
        language: "en",
        names: ENGLISH_MONTHS,
        capitalised: true,
    },
    MonthTable {
        language: "en-abbr",
        names: [
            "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sept", "Oct", "Nov", "Dec",
        ],
        capitalised: true,
    },
    MonthTable {
        language: "en-abbr3",
        names: [
            "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
        ],
        capitalised: true,
    },
    MonthTable {
        language: "ru-gen",
        names: [
            "января",
            "февраля",
            "марта",
            "апреля",
            "мая",
            "июня",
            "июля",
            "августа",
            "сентября",
            "октября",
            "ноября",
            "декабря",
        ],
        capitalised: false,
    },
    MonthTable {
        language: "ru",
        names: [
            "январь",
            "февраль",
            "март",
            "апрель",
            "май",
            "июнь",
            "июль",
            "август",
            "сентябрь",
            "октябрь",
            "ноябрь",
            "декабрь",
        ],
        capitalised: false,
    },
    MonthTable {
        language: "de",
        names: [
            "Januar",
            "Februar",
            "März",
            "April",
            "Mai",
            "Juni",
            "Juli",
            "August",
            "September",
            "Oktober",
            "November",
            "Dezember",
        ],
        capitalised: false,
    },
    MonthTable {
        language: "fr",
        names: [
            "janvier",
            "février",
            "mars",
            "avril",
            "mai",
            "juin",
            "juillet",
            "août",
            "septembre",
            "octobre",
            "novembre",
            "décembre",
        ],
        capitalised: false,
    },
    MonthTable {
        language: "pl-gen",
        names: [
            "stycznia",
            "lutego",
            "marca",
            "kwietnia",
            "maja",
            "czerwca",
            "lipca",
            "sierpnia",
            "września",
            "października",
            "listopada",
            "grudnia",
        ],
        capitalised: false,
    },
    MonthTable {
        language: "cs-gen",
        names: [
            "ledna",
            "února",
            "března",
            "dubna",
            "května",
            "června",
            "července",
            "srpna",
            "září",
            "října",
            "listopadu",
            "prosince",
        ],
        capitalised: false,
    },
    MonthTable {
        language: "es",
        names: [
            "enero",
            "febrero",
            "marzo",
            "abril",
            "mayo",
            "junio",
            "julio",
            "agosto",
            "septiembre",
            "octubre",
            "noviembre",
            "diciembre",
        ],
        capitalised: false,
    },
    MonthTable {
        language: "pt",
        names: [
            "janeiro",
            "fevereiro",
            "março",
            "abril",
            "maio",
            "junho",
            "julho",
            "agosto",
            "setembro",
            "outubro",
            "novembro",
            "dezembro",
        ],
        capitalised: false,
    },
];

/// Every month name, longest first, as one regex alternation.
pub fn month_alternation() -> String {
    let mut names: Vec<&str> = MONTH_TABLES
        .iter()
        .flat_map(|t| t.names.iter().copied())
        .collect();
    names.sort_by_key(|n| std::cmp::Reverse(n.chars().count()));
    names.dedup();
    names
        .iter()
        .map(|n| regex::escape(n))
        .collect::<Vec<_>>()
        .join("|")
}

/// [`MONTH_TABLES`] in lower case, made once (not for every word looked up).
static LOWER_CASE_MONTHS: LazyLock<Vec<Vec<String>>> = LazyLock::new(|| {
    MONTH_TABLES
        .iter()
        .map(|t| t.names.iter().map(|n| n.to_lowercase()).collect())
        .collect()
});

/// An ASCII month name in lower case as a number (its bytes, little-end
/// first, zeros after; see [`ascii_key`]), whether its table is
/// capitalised, its table index and month 1–12.
type AsciiMonth = (u128, bool, usize, u8);

/// The longest ASCII word [`ascii_key`] packs, longer than any name.
const ASCII_KEY_BYTES: usize = 16;

/// An ASCII word in lower case packed into a number (zeros after it, so
/// two words of one length are equal exactly when their numbers are), and
/// whether it was in lower case already; `None` for a word too long for
/// any month name.
///
/// All sixteen bytes are lower-cased at once, as one number: it runs for
/// every month word read, and byte by byte it cost more than the look-up
/// around it. `ascii_key_by_bytes` is the plain version the tests
/// compare it with.
fn ascii_key(word: &[u8]) -> Option<(u128, bool)> {
    if word.len() > ASCII_KEY_BYTES {
        return None;
    }
    let mut buffer = [0u8; ASCII_KEY_BYTES];
    buffer[..word.len()].copy_from_slice(word);
    let packed = u128::from_le_bytes(buffer);
    const ONES: u128 = u128::from_le_bytes([1; ASCII_KEY_BYTES]);
    const HIGH: u128 = ONES * 0x80;
    // Per byte, on its low seven bits (so no byte carries into the next):
    // the high bit of (b + 0x3F) says b >= 'A', that of (b + 0x25) says
    // b > 'Z'; a byte outside ASCII (its own high bit set) is no capital.
    let low = packed & (ONES * 0x7F);
    let upper = (low + ONES * 0x3F) & !(low + ONES * 0x25) & !packed & HIGH;
    // 0x80 >> 2 is 0x20, the bit that sets an ASCII capital in lower case.
    Some((packed | (upper >> 2), upper == 0))
}

/// [`ascii_key`] byte by byte: the tests' oracle.
#[cfg(test)]
fn ascii_key_by_bytes(word: &[u8]) -> Option<(u128, bool)> {
    if word.len() > ASCII_KEY_BYTES {
        return None;
    }
    let mut buffer = [0u8; ASCII_KEY_BYTES];
    buffer[..word.len()].copy_from_slice(word);
    let all_lower = !buffer.iter().any(u8::is_ascii_uppercase);
    buffer.make_ascii_lowercase();
    Some((u128::from_le_bytes(buffer), all_lower))
}

/// The bucket of an ASCII word in [`ASCII_MONTH_BUCKETS`]: its length and
/// its first letter (any other first byte shares bucket 26).
fn ascii_bucket(word: &[u8]) -> usize {
    let first = word.first().map_or(26, |b| match b.to_ascii_lowercase() {
        lower @ b'a'..=b'z' => usize::from(lower - b'a'),
        _ => 26,
    });
    word.len() * 27 + first
}

/// The month names that are ASCII in lower case, by length and first
/// letter, in the tables' order. A word is compared with the few names of
/// its bucket (a list by length alone held about twenty), each in one
/// comparison of numbers.
static ASCII_MONTH_BUCKETS: LazyLock<Vec<Vec<AsciiMonth>>> = LazyLock::new(|| {
    let mut buckets: Vec<Vec<AsciiMonth>> = Vec::new();
    for (t, names) in LOWER_CASE_MONTHS.iter().enumerate() {
        for (m, name) in names.iter().enumerate().filter(|(_, n)| n.is_ascii()) {
            let Some((key, _)) = ascii_key(name.as_bytes()) else {
                continue;
            };
            let bucket = ascii_bucket(name.as_bytes());
            if buckets.len() <= bucket {
                buckets.resize(bucket + 1, Vec::new());
            }
            buckets[bucket].push((key, MONTH_TABLES[t].capitalised, t, m as u8 + 1));
        }
    }
    buckets
});

/// [`lookup_month`] for an ASCII word without a trailing dot.
pub(crate) fn lookup_ascii_month(word: &[u8]) -> Option<(usize, u8)> {
    let names = ASCII_MONTH_BUCKETS.get(ascii_bucket(word))?;
    let (key, all_lower) = ascii_key(word)?;
    names
        .iter()
        .find(|&&(name, capitalised, _, _)| name == key && !(capitalised && all_lower))
        .map(|&(_, _, t, m)| (t, m))
}

/// A month word as written → (table index, month 1–12). English names that
/// are all lower case are refused ("you may 5 …" is not a date).
pub fn lookup_month(word: &str) -> Option<(usize, u8)> {
    let word = word.trim_end_matches('.');
    if word.is_ascii() {
        // An ASCII word lower-cases byte by byte, and never equals a name
        // holding a byte outside ASCII: only the ASCII names of its bucket
        // are compared, in the tables' order (the tests check this against
        // every name compared).
        return lookup_ascii_month(word.as_bytes());
    }
    // Compared character by character in lower case, without building the
    // lower-case word: per character lower case differs from the string's
    // only for a final sigma, which no month name holds.
    let lower = || word.chars().flat_map(char::to_lowercase);
    let first = lower().next()?;
    let all_lower = || {
        word.chars().all(|c| {
            let mut l = c.to_lowercase();
            l.next() == Some(c) && l.next().is_none()
        })
    };
    for (t, table) in MONTH_TABLES.iter().enumerate() {
        for (m, name) in LOWER_CASE_MONTHS[t].iter().enumerate() {
            if name.starts_with(first) && lower().eq(name.chars()) {
                if table.capitalised && all_lower() {
                    continue;
                }
                return Some((t, m as u8 + 1));
            }
        }
    }
    None
}

/// "Sept", "Jan": a shortened English month name (which keeps its dot).
pub fn is_abbreviation(word: &str) -> bool {
    lookup_month(word).is_some_and(|(table, _)| MONTH_TABLES[table].language.starts_with("en-abbr"))
}

/// `month` written like `like` (same table, same letter case).
pub fn month_like(like: &str, month: u8) -> Option<String> {
    let (table, _) = lookup_month(like)?;
    let name = MONTH_TABLES[table]
        .names
        .get(usize::from(month).checked_sub(1)?)?;
    Some(in_case_of(name, like.trim_end_matches('.')))
}

/// `name` in the letter case of `like`: all capitals, a capital first, or
/// lower case.
fn in_case_of(name: &str, like: &str) -> String {
    let upper = like
        .chars()
        .filter(|c| c.is_alphabetic())
        .all(char::is_uppercase)
        && like.chars().count() > 1;
    if upper {
        name.to_uppercase()
    } else if like.chars().next().is_some_and(char::is_uppercase) {
        let mut chars = name.chars();
        chars
            .next()
            .map(|c| c.to_uppercase().chain(chars).collect())
            .unwrap_or_default()
    } else {
        name.to_lowercase()
    }
}

pub(crate) static WEEKDAYS: &[(&str, Weekday)] = &[
    ("monday", Weekday::Monday),
    ("tuesday", Weekday::Tuesday),
    ("wednesday", Weekday::Wednesday),
    ("thursday", Weekday::Thursday),
    ("friday", Weekday::Friday),
    ("saturday", Weekday::Saturday),
    ("sunday", Weekday::Sunday),
    ("понедельник", Weekday::Monday),
    ("вторник", Weekday::Tuesday),
    ("среда", Weekday::Wednesday),
    ("четверг", Weekday::Thursday),
    ("пятница", Weekday::Friday),
    ("суббота", Weekday::Saturday),
    ("воскресенье", Weekday::Sunday),
    ("montag", Weekday::Monday),
    ("dienstag", Weekday::Tuesday),
    ("mittwoch", Weekday::Wednesday),
    ("donnerstag", Weekday::Thursday),
    ("freitag", Weekday::Friday),
    ("samstag", Weekday::Saturday),
    ("sonntag", Weekday::Sunday),
];

pub fn weekday_alternation() -> String {
    WEEKDAYS
        .iter()
        .map(|(w, _)| *w)
        .collect::<Vec<_>>()
        .join("|")
}

pub fn lookup_weekday(word: &str) -> Option<Weekday> {
    // Lower case character by character (no allocation); as for months, it
    // differs from the string's only for a final sigma, in no weekday name.
    let lower = || word.chars().flat_map(char::to_lowercase);
    WEEKDAYS
        .iter()
        .find(|(w, _)| lower().eq(w.chars()))
        .map(|(_, d)| *d)
}

/// `weekday` in the language and letter case of `like`.
pub fn weekday_like(like: &str, weekday: Weekday) -> String {
    let lower = like.to_lowercase();
    let position = WEEKDAYS.iter().position(|(w, _)| *w == lower).unwrap_or(0);
    let language_start = position - position % 7;
    in_case_of(WEEKDAYS[language_start + weekday as usize].0, like)
}

pub const ROMAN_MONTHS: [&str; 12] = [
    "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII",
];

pub fn roman_month(text: &str) -> Option<u8> {
    ROMAN_MONTHS
        .iter()
        .position(|r| *r == text)
        .map(|i| i as u8 + 1)
}

/// The value of one Chinese or full-width digit.
fn cjk_digit(c: char) -> Option<u32> {
    Some(match c {
        '〇' | '零' | '○' => 0,
        '一' => 1,
        '二' | '两' => 2,
        '三' => 3,
        '四' => 4,
        '五' => 5,
        '六' => 6,
        '七' => 7,
        '八' => 8,
        '九' => 9,
        '０'..='９' => c as u32 - '０' as u32,
        '0'..='9' => c as u32 - '0' as u32,
        _ => return None,
    })
}

/// A number written in Chinese numerals, full-width or ASCII digits:
/// 二十八 = 28, 十一 = 11, 廿八 = 28, 一九六二 = 1962 (digit by digit),
/// ６２ = 62. `None` for anything else.
pub fn chinese_number(text: &str) -> Option<u32> {
    if text.is_empty() {
        return None;
    }
    if text.contains(['十', '廿', '卅']) {
        let mut value = 0;
        let mut pending: Option<u32> = None;
        for c in text.chars() {
            match c {
                '十' => {
                    value += pending.take().unwrap_or(1) * 10;
                }
                '廿' => value += 20,
                '卅' => value += 30,
                _ => {
                    if pending.is_some() {
                        return None;
                    }
                    pending = Some(cjk_digit(c)?);
                }
            }
        }
        return Some(value + pending.unwrap_or(0));
    }
    text.chars()
        .try_fold(0u32, |acc, c| Some(acc.checked_mul(10)? + cjk_digit(c)?))
}

/// `value` in Chinese numerals like `like`: digit by digit for a year
/// (一九六二), with 十 for a month or day (二十八); ASCII or full-width digits
/// when `like` used them.
pub fn chinese_like(like: &str, value: u32, is_year: bool) -> String {
    if like.chars().all(|c| c.is_ascii_digit()) {
        return value.to_string();
    }
    if like.chars().all(|c| ('０'..='９').contains(&c)) {
        return value
            .to_string()
            .chars()
            .filter_map(|c| char::from_u32(c as u32 - '0' as u32 + '０' as u32))
            .collect();
    }
    const DIGITS: [char; 10] = ['〇', '一', '二', '三', '四', '五', '六', '七', '八', '九'];
    // Digit by digit for a year, and for anything past 99 (no month or day).
    if is_year || value > 99 {
        return value
            .to_string()
            .chars()
            .map(|c| DIGITS[(c as u32 - '0' as u32) as usize])
            .collect();
    }
    let (tens, ones) = (value / 10, value % 10);
    let mut out = String::new();
    if tens > 1 {
        out.push(DIGITS[tens as usize]);
    }
    if tens > 0 {
        out.push('十');
    }
    if ones > 0 || tens == 0 {
        out.push(DIGITS[ones as usize]);
    }
    out
}

#[cfg(test)]
mod tests {

    #[test]
    fn ascii_keys_are_packed_as_byte_by_byte() {
        // Every byte at every place of a word, and words of every length
        // up to one too long, on a field of letters of both cases.
        let field = b"aZ@[`{mAy";
        for len in 0..=super::ASCII_KEY_BYTES + 1 {
            for place in 0..len.max(1) {
                for b in 0..=255u8 {
                    let mut word: Vec<u8> = (0..len).map(|i| field[i % field.len()]).collect();
                    if let Some(slot) = word.get_mut(place) {
                        *slot = b;
                    }
                    assert_eq!(
                        super::ascii_key(&word),
                        super::ascii_key_by_bytes(&word),
                        "{word:?}"
                    );
                }
            }
        }
    }
    /// [`super::lookup_month`] for ASCII words as it was: every table in
    /// order, every name compared.
    fn lookup_month_ascii_by_every_name(word: &str) -> Option<(usize, u8)> {
        let word = word.trim_end_matches('.');
        let all_lower = !word.bytes().any(|b| b.is_ascii_uppercase());
        for (t, table) in super::MONTH_TABLES.iter().enumerate() {
            for (m, name) in super::LOWER_CASE_MONTHS[t].iter().enumerate() {
                if name.len() == word.len() && name.as_bytes().eq_ignore_ascii_case(word.as_bytes())
                {
                    if table.capitalised && all_lower {
                        continue;
                    }
                    return Some((t, m as u8 + 1));
                }
            }
        }
        None
    }

    #[test]
    fn ascii_month_words_are_looked_up_as_by_every_name() {
        let mut words: Vec<String> = Vec::new();
        for table in super::MONTH_TABLES {
            for name in table.names {
                let mut upper_first = name.to_lowercase();
                if let Some(first) = upper_first.get_mut(..1) {
                    first.make_ascii_uppercase();
                }
                for variant in [
                    name.to_string(),
                    name.to_lowercase(),
                    name.to_uppercase(),
                    upper_first,
                    format!("{name}."),
                    format!("{name}.."),
                    format!("{name}x"),
                    name.chars().skip(1).collect(),
                ] {
                    words.push(variant);
                }
            }
        }
        words.extend(
            [
                "", ".", "may", "May", "MAY", "mAy", "Sept", "sept", "Mars", "Juni",
            ]
            .map(String::from),
        );
        let mut checked = 0;
        for word in words.iter().filter(|w| w.is_ascii()) {
            assert_eq!(
                super::lookup_month(word),
                lookup_month_ascii_by_every_name(word),
                "{word:?}"
            );
            checked += 1;
        }
        assert!(checked > 300, "{checked}");
    }

    use super::*;

    #[test]
    fn months_are_found_in_every_language_and_written_back_alike() {
        assert_eq!(lookup_month("June"), Some((0, 6)));
        assert_eq!(lookup_month("JUNE").map(|m| m.1), Some(6));
        assert_eq!(lookup_month("Sept.").map(|m| m.1), Some(9));
        assert_eq!(lookup_month("июня").map(|m| m.1), Some(6));
        assert_eq!(lookup_month("października").map(|m| m.1), Some(10));
        assert_eq!(lookup_month("may"), None);
        assert_eq!(lookup_month("Mayor"), None);
        assert_eq!(month_like("June", 7).as_deref(), Some("July"));
        assert_eq!(month_like("JUNE", 7).as_deref(), Some("JULY"));
        assert_eq!(month_like("июня", 7).as_deref(), Some("июля"));
        assert_eq!(month_like("Jan.", 2).as_deref(), Some("Feb"));
    }

    #[test]
    fn chinese_numerals_read_and_write() {
        assert_eq!(chinese_number("二十八"), Some(28));
        assert_eq!(chinese_number("十一"), Some(11));
        assert_eq!(chinese_number("十"), Some(10));
        assert_eq!(chinese_number("廿八"), Some(28));
        assert_eq!(chinese_number("一九六二"), Some(1962));
        assert_eq!(chinese_number("６２"), Some(62));
        assert_eq!(chinese_number("二二十"), None);
        assert_eq!(chinese_number("x"), None);
        assert_eq!(chinese_like("二十八", 27, false), "二十七");
        assert_eq!(chinese_like("六", 10, false), "十");
        assert_eq!(chinese_like("六", 12, false), "十二");
        assert_eq!(chinese_like("一九六二", 1963, true), "一九六三");
        assert_eq!(chinese_like("28", 27, false), "27");
        assert_eq!(chinese_like("二十八", 150, false), "一五〇");
        assert_eq!(chinese_like("２８", 27, false), "２７");
    }

    #[test]
    fn weekdays_are_named_in_the_language_and_case_of_the_text() {
        assert_eq!(lookup_weekday("FRIDAY"), Some(Weekday::Friday));
        assert_eq!(weekday_like("Monday", Weekday::Thursday), "Thursday");
        assert_eq!(weekday_like("FRIDAY", Weekday::Monday), "MONDAY");
        assert_eq!(weekday_like("среда", Weekday::Friday), "пятница");
    }
}
