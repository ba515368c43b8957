//! Pieces of dates and of what looks like them, for generated test text.

/// Pieces of dates and of what looks like them, with the characters that
/// fold unexpectedly (Kelvin sign, long s, old Cyrillic letter forms), CJK
/// and astral-plane characters and every line ending.
#[rustfmt::skip]
pub(super) const PIECES: &[&str] = &[
    "June", "JUNE", "june", "Sept", "Sept.", "September", "SEP", "Mar", "March", "Mars", "marzo",
    "Mayo", "May", "may", "Mai", "Juni", "März", "MÄRZ", "août", "AOÛT", "décembre", "июня",
    "ИЮНЯ", "июнь", "мая", "września", "października", "ŘÍJNA", "února", "listopadu",
    "\u{212A}wietnia", "Augu\u{17F}t", "ſeptember", "ᲂктября", "сентябᲀя", "Monday", "MONDAY",
    "wednesday", "Sonntag", "среда", "четверг", "ᲃреда", "Thur\u{17F}day", "of ", "the ", "on ",
    "Dismay", "Representative", "ON/", "on/", "No.", "NO", "no", "Nr.", "p.", "#", "(", ")",
    "(64)", "(61) ", "[", "]", "[28]", "[June]", ".", "..", ",", ", ", ";", ":", "：", "/", "-",
    "–", "—", " ", " ", "  ", "     ", "\t", "\n", "\r\n", "\r", "0", "1", "2", "3", "5", "7", "9",
    "12", "13", "28", "31", "32", "62", "99", "342", "628", "1028", "1700", "1962", "19620", "st",
    "nd", "rd", "th", "d", "TH", "ſt", "a.m.", "p.m.", "P. M.", "am", "pm", "hours", "hrs", "h",
    "hs", "HS", "Uhr", "noon", "midnight", "at ", "um ", "в ", "ᲀ ", "o ", "г.", "года", "гоᲁа",
    "r.", "roku", "ro\u{212A}u", "T", "T10:30", "%", "percent", "million", "o'clock", "inst",
    "ult", " of this month", "XI", "X", "IV", "xi", "VIII", "一", "二", "九", "十", "廿", "卅", "〇", "○",
    "零", "六", "２", "８", "０", "年", "月", "日", "号", "批发", "批发：", "批", "𠀋", "é", "x", "_", "A", "a",
    "Z",
];

/// Pieces by kind, so that generated text often puts them in the orders
/// dates have ("Monday, June 28", "(64) January", "28 июня 1962 г.").
#[rustfmt::skip]
pub(super) const NAME_PIECES: &[&str] = &[
    "June", "JUNE", "june", "Sept", "Sept.", "September", "SEP", "Mar", "March", "Mars", "marzo",
    "Mayo", "May", "may", "Mai", "Juni", "März", "août", "июня", "ИЮНЯ", "мая", "października",
    "Monday", "MONDAY", "wednesday", "Sonntag", "среда", "Thur\u{17F}day", "ſeptember", "[June]",
    "[Monday]", "of June", "Dismay", "ON/", "No.", "No", "批发", "批发：",
];

#[rustfmt::skip]
pub(super) const DIGIT_PIECES: &[&str] = &[
    "5", "28", "[28]", "28th", "1st", "3d", "13", "32", "62", "1962", "[1962]", "628", "1028",
    "1700", "10.30", "24.10.62", "03.11.", "5.XI.62", "27/X/1962", "16:30", "(64)", "(61)",
    "1962-06-28", "六", "二十八", "一九六二年", "６", "７", "0", "1", "342",
];

#[rustfmt::skip]
pub(super) const GLUE_PIECES: &[&str] = &[
    " ", " ", " ", ", ", ", ", ". ", ".", ",", "  ", "   ", "    ", "     ", " \t", "\t", " – ",
    "—", "-", "/", "[", "]", "(", ")", "\n", "\r\n", " at ", " в ", " г.", " года", "年", "月", "日",
    "号", " p.m.", " a.m.", " hours", "hs", " noon", "st", "th", ":", "：", "𠀋", "x", " the ",
];
