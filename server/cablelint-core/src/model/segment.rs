//! Lines → sections. Cable pages follow one reading order (archive lines,
//! header, body, closing, summary, citation) but every collection prints it
//! differently, so each boundary is found by the cheapest signal that holds
//! across the real corpus, and a line that fits nowhere stays body.

use super::header::{HeaderField, LabelMatcher};
use super::lines::{Lines, View};
use super::{Directive, SectionKind};
use crate::profile::Profile;
use std::sync::LazyLock;

use regex::Regex;

use crate::model::dates::calendar::ENGLISH_MONTHS as MONTHS;

/// `June 28, 1962`, `June 1962` or `28 June 1962`, alone on its line. Only a
/// non-ASCII line (whose `\d` may be another script's digit) reaches it:
/// [`is_archive_date`] decides the rest by hand, as searching cost this
/// lazy DFA some 3 K instructions a line.
static ARCHIVE_DATE: LazyLock<Regex> = LazyLock::new(|| {
    let month = format!("({})", MONTHS.join("|"));
    Regex::new(&format!(
        r"^(?:{month}(?: \d{{1,2}},)? \d{{4}}|\d{{1,2}} {month} \d{{4}})$"
    ))
    .unwrap()
});

/// [`ARCHIVE_DATE`] matches `line`.
// Inlined into both copies of `segment_lines`, as into the one before.
#[inline(always)]
fn is_archive_date(line: &str) -> bool {
    if !line.is_ascii() {
        return ARCHIVE_DATE.is_match(line);
    }
    let digits = |s: &[u8]| s.iter().take_while(|b| b.is_ascii_digit()).count();
    let year = |s: &[u8]| s.len() == 5 && s[0] == b' ' && digits(&s[1..]) == 4;
    // No month's name starts another's: at most one is a prefix.
    fn after_month(s: &[u8]) -> Option<&[u8]> {
        MONTHS.iter().find_map(|m| s.strip_prefix(m.as_bytes()))
    }
    let bytes = line.as_bytes();
    match digits(bytes) {
        // `28 June 1962`
        day @ 1..=2 => bytes[day..]
            .strip_prefix(b" ")
            .and_then(after_month)
            .is_some_and(year),
        // `June 1962`, `June 28, 1962`
        0 => after_month(bytes).is_some_and(|rest| {
            year(rest) || {
                let day = rest.strip_prefix(b" ").map_or(0, digits);
                (1..=2).contains(&day) && rest[1 + day..].strip_prefix(b",").is_some_and(year)
            }
        }),
        _ => false,
    }
}

/// Lines that open the archive's citation block, whatever the site layout.
const CITATION_STARTS: &[&str] = &[
    "Document Information",
    "Author(s):",
    "Associated People & Places",
    "Associated People",
    "Associated Places",
    "Associated Topics",
    "Original Uploaded Date",
];

/// One of [`CITATION_STARTS`]; their first bytes rule out nearly every line
/// before any comparison.
fn is_citation_start(line: &str) -> bool {
    line.as_bytes()
        .first()
        .is_some_and(|b| matches!(b, b'D' | b'A' | b'O'))
        && CITATION_STARTS.contains(&line)
}

const CHROME_LINES: &[&str] = &[
    "Skip to content",
    "English HTML",
    "English PDF",
    "Original Scan",
    "CITATION SHARE DOWNLOAD",
];
const FUNDER: &str = "This document was made possible with support from";

/// Lines after the header that are short enough to be a closing.
const SHORT_LINE: usize = 60;
/// A header has at most this many non-blank lines; past it, prose.
const MAX_HEADER_LINES: usize = 40;
const MAX_CLOSING_LINES: usize = 12;

/// Each line's section kind, and the header's fields.
pub(super) fn segment(
    lines: View,
    profile: &Profile,
    directives: &[Directive],
) -> (Vec<SectionKind>, Vec<HeaderField>) {
    match lines {
        View::Cut(lines) => segment_lines(lines, profile, directives),
        View::Blank(lines) => segment_lines(&lines, profile, directives),
    }
}

// Kept out of line so a profile shows what segmenting costs.
#[inline(never)]
fn segment_lines<L: Lines + ?Sized>(
    lines: &L,
    profile: &Profile,
    directives: &[Directive],
) -> (Vec<SectionKind>, Vec<HeaderField>) {
    let n = lines.len();
    let mut kinds = vec![SectionKind::Body; n];
    // One lookup table, so a file of many directives stays linear.
    // (Made only when there are directives: most files have none.)
    let mut directive_lines = if directives.is_empty() {
        Vec::new()
    } else {
        vec![false; n]
    };
    for d in directives {
        directive_lines[d.line] = true;
    }
    let is_directive = |l: usize| directive_lines.get(l).copied().unwrap_or(false);

    let header_start = archive_preamble(lines, &mut kinds, &is_directive);
    let citation_start = (header_start..n)
        .find(|&l| {
            matches!(lines.trimmed_first_byte(l), Some(b'D' | b'A' | b'O'))
                && is_citation_start(lines.trimmed(l))
        })
        .unwrap_or(n);
    for kind in &mut kinds[citation_start..] {
        *kind = SectionKind::Citation;
    }
    let notes_start = footnotes_start(lines, header_start, citation_start);
    for kind in &mut kinds[notes_start..citation_start] {
        *kind = SectionKind::Notes;
    }
    let (body_start, fields) = header(
        lines,
        profile,
        header_start,
        notes_start,
        &mut kinds,
        &is_directive,
    );
    let body_end = summary(lines, body_start, notes_start, citation_start, &mut kinds);
    closing(lines, body_start, body_end, &mut kinds);

    for d in directives {
        kinds[d.line] = SectionKind::Directive;
    }
    attach_blank_lines(lines, &mut kinds);
    (kinds, fields)
}

/// Marks chrome, the archive date and the title; returns the first line after.
fn archive_preamble<L: Lines + ?Sized>(
    lines: &L,
    kinds: &mut [SectionKind],
    is_directive: &dyn Fn(usize) -> bool,
) -> usize {
    let mut l = 0;
    let mut seen_date = false;
    let mut seen_title = false;
    let mut after_date = false;
    let mut nonblank = 0;
    while l < lines.len() && nonblank < 10 {
        let line = lines.trimmed(l);
        if line.is_empty() || is_directive(l) {
            kinds[l] = SectionKind::ArchiveChrome;
            l += 1;
            continue;
        }
        let title_slot = std::mem::take(&mut after_date);
        if CHROME_LINES.contains(&line) || line.starts_with(FUNDER) {
            kinds[l] = SectionKind::ArchiveChrome;
            nonblank += 1;
        } else if line.starts_with("• Citation") || line == "CITATION" {
            // The old layout's citation box: through its "English HTML" line.
            let end = (l..lines.len().min(l + 25))
                .rev()
                .find(|&e| CHROME_LINES.contains(&lines.trimmed(e)))
                .unwrap_or(l);
            for kind in &mut kinds[l..=end] {
                *kind = SectionKind::ArchiveChrome;
            }
            l = end;
            nonblank += 1;
        } else if !seen_date && is_archive_date(line) {
            kinds[l] = SectionKind::ArchiveDate;
            seen_date = true;
            after_date = true;
            nonblank += 1;
        } else if title_slot && !seen_title && line.chars().count() > 12 {
            kinds[l] = SectionKind::ArchiveTitle;
            seen_title = true;
            nonblank += 1;
        } else {
            break;
        }
        l += 1;
    }
    if !seen_date {
        // Without an archive date line nothing here was archive material but chrome.
        return (0..l)
            .find(|&i| kinds[i] != SectionKind::ArchiveChrome)
            .unwrap_or(l);
    }
    l
}

/// FRUS prints footnotes after the signature as indented "  1. …" lines.
fn footnotes_start<L: Lines + ?Sized>(lines: &L, from: usize, to: usize) -> usize {
    let mut start = to;
    let mut l = to;
    while l > from {
        l -= 1;
        let raw = lines.text(l);
        if lines.blank(l) {
            continue;
        }
        let indented = raw.starts_with("  ") || raw.starts_with('\t');
        if indented && is_numbered(raw) {
            start = l;
        } else {
            break;
        }
    }
    start
}

/// `1. …` to `999. …` after any indent.
fn is_numbered(line: &str) -> bool {
    // One to three digits, then the line's first `. `: nothing before the
    // digits' end can start one.
    let line = line.trim_start().as_bytes();
    let digits = line.iter().take_while(|b| b.is_ascii_digit()).count();
    (1..=3).contains(&digits) && line[digits..].starts_with(b". ")
}

fn header<L: Lines + ?Sized>(
    lines: &L,
    profile: &Profile,
    from: usize,
    to: usize,
    kinds: &mut [SectionKind],
    is_directive: &dyn Fn(usize) -> bool,
) -> (usize, Vec<HeaderField>) {
    let matcher = LabelMatcher::new(profile);
    // Room for a form header's fields and a line's segments without regrowing.
    let mut fields = Vec::with_capacity(16);
    let mut segments = Vec::with_capacity(8);
    let mut nonblank = 0;
    let mut l = from;
    while l < to && nonblank < MAX_HEADER_LINES {
        if lines.blank(l) || is_directive(l) {
            l += 1;
            continue;
        }
        let line = lines.trimmed(l);
        if is_prose(line) {
            break;
        }
        let start = lines.start(l);
        // This line's fields are appended, and dropped again if the line
        // turns out not to be header.
        let base = fields.len();
        matcher.fields_on_line_into(lines.text(l), line, start, l, &mut fields, &mut segments);
        let found = &fields[base..];
        // "Came in to the Decoding Department:" is a label waiting for its
        // value, not a salutation, though it has as many words as one.
        let bare_label = !found.is_empty()
            && found
                .iter()
                .all(|f| f.field.is_some() && f.value.is_empty());
        if is_salutation(line) && !bare_label {
            fields.truncate(base);
            break;
        }
        kinds[l] = if found.iter().any(|f| f.field.as_deref() == Some("subject")) {
            SectionKind::Subject
        } else if found.iter().any(|f| f.original) || is_foreign_script(line) {
            SectionKind::OriginalHeader
        } else if !found.is_empty()
            || at_most_chars(line, SHORT_LINE * 2)
            || is_bracketed_note(line)
        {
            SectionKind::Header
        } else {
            fields.truncate(base);
            break;
        };
        nonblank += 1;
        l += 1;
    }
    (l, fields)
}

/// `line` has at most `max` characters; a line of at most `max` bytes is
/// not counted.
fn at_most_chars(line: &str, max: usize) -> bool {
    // A character takes at most four bytes: past four times `max` bytes the
    // count cannot come under it.
    line.len() <= max || (line.len() <= 4 * max && line.chars().count() <= max)
}

/// "To the Foreign Ministry:" and the like open the body.
fn is_salutation(line: &str) -> bool {
    // Most header lines end otherwise: their last byte rules them out
    // before a character is decoded (`：` ends with 0x9A).
    if !matches!(line.as_bytes().last(), Some(b':' | 0x9A)) {
        return false;
    }
    let Some(head) = line.strip_suffix([':', '：']) else {
        return false;
    };
    let words = head.split_whitespace().count();
    let opener = [
        "To the",
        "[To the]",
        "Dear",
        "Comrade",
        "Comrades",
        "Cde.",
        "Mr.",
        "Respected",
    ]
    .iter()
    .any(|o| head.starts_with(o));
    (opener && words >= 2) || words >= 6
}

/// A sentence of running text. A long line is prose only if it holds a
/// sentence: long FRUS heads ("The Chairman of … (Stevens) to the Secretary
/// of State") and blog titles have none and still belong to the header.
// Inlined into both copies of `segment_lines`, as into the one before.
#[inline(always)]
fn is_prose(line: &str) -> bool {
    let long = !at_most_chars(line, 99);
    // Eight words decide; counting further would read the whole paragraph.
    // Words are counted only for a short line that ends a sentence, as
    // nothing else asks for them (most header lines end otherwise).
    let many_words = || line.split_whitespace().take(8).count() >= 8;
    (ends_sentence(line) && (long || many_words())) || (long && SENTENCE_BREAK.is_match(line))
}

/// Ends with sentence punctuation; dot leaders (`…14:30 hours……..`) do not
/// end a sentence but a stamp.
fn ends_sentence(line: &str) -> bool {
    const ENDS: [char; 9] = ['.', '!', '?', '"', '”', '»', '。', '！', '？'];
    line.ends_with(ENDS) && !line.ends_with("..") && !line.trim_end_matches(ENDS).ends_with('…')
}

/// A full stop after a lower-case word, then a capital, or a CJK full stop
/// with more text after it: a sentence ends inside the line ("N.S.
/// Khrushchev" and "Dr. Cruchaga" do not count).
static SENTENCE_BREAK: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r#"\p{Ll}{2}[.!?]["”»)]? +["“(\[]?\p{Lu}|[。！？]\s*\S"#).unwrap());

/// A whole-line editorial note (`[Translator's note: distribution …]`): header
/// material however long, never a paragraph of the cable.
fn is_bracketed_note(line: &str) -> bool {
    line.starts_with('[') && line.ends_with(']')
}

/// Without a lead byte of the scripts [`is_foreign_script`] counts (Cyrillic
/// D0–D3, kana to Hangul E3–ED, the supplementary ideographs F0) no letter
/// of the line is foreign. Eight ASCII bytes (most of a header line, even
/// one with a `…` or `’`) are ruled out with one test; the bytes after the
/// last whole eight are read as the line's last eight, which overlap the
/// ones before.
fn has_foreign_lead_byte(bytes: &[u8]) -> bool {
    let foreign = |b: &u8| matches!(b, 0xD0..=0xD3 | 0xE3..=0xED | 0xF0);
    let has_foreign = |word: &[u8]| {
        let ascii = <[u8; 8]>::try_from(word)
            .is_ok_and(|w| u64::from_le_bytes(w) & 0x8080_8080_8080_8080 == 0);
        !ascii && word.iter().any(foreign)
    };
    let Some(last) = bytes.len().checked_sub(8).map(|at| &bytes[at..]) else {
        return bytes.iter().any(foreign);
    };
    let mut words = bytes.chunks_exact(8);
    words.any(has_foreign) || (!words.remainder().is_empty() && has_foreign(last))
}

/// Chinese, Japanese, Korean or Cyrillic text: an original-language line.
// Inlined into both copies of `segment_lines`, as into the one before.
#[inline(always)]
fn is_foreign_script(line: &str) -> bool {
    if !has_foreign_lead_byte(line.as_bytes()) {
        return false;
    }
    let mut foreign = 0;
    let mut letters = 0;
    for c in line.chars() {
        // ASCII letters are never foreign; the Unicode table is only read
        // for the rest.
        if c.is_ascii() {
            letters += usize::from(c.is_ascii_alphabetic());
            continue;
        }
        if !c.is_alphabetic() {
            continue;
        }
        letters += 1;
        if matches!(c as u32, 0x0400..=0x04FF | 0x3040..=0x30FF | 0x3400..=0x9FFF | 0xAC00..=0xD7AF | 0x20000..=0x2FFFF)
        {
            foreign += 1;
        }
    }
    letters > 0 && foreign * 2 >= letters
}

/// The archive's summary: one long paragraph between a short closing line and
/// the citation block. Returns where the body (with its closing) ends.
fn summary<L: Lines + ?Sized>(
    lines: &L,
    from: usize,
    notes: usize,
    citation: usize,
    kinds: &mut [SectionKind],
) -> usize {
    if citation == lines.len() || notes != citation {
        return notes;
    }
    let Some(last) = (from..citation).rev().find(|&l| !lines.blank(l)) else {
        return citation;
    };
    let Some(before) = (from..last).rev().find(|&l| !lines.blank(l)) else {
        return citation;
    };
    if !at_most_chars(lines.trimmed(last), SHORT_LINE)
        && at_most_chars(lines.trimmed(before), SHORT_LINE)
    {
        kinds[last] = SectionKind::Summary;
        return last;
    }
    citation
}

/// Signature, place and date: the run of short lines that ends the body.
fn closing<L: Lines + ?Sized>(lines: &L, from: usize, to: usize, kinds: &mut [SectionKind]) {
    let mut start = None;
    let mut count = 0;
    let mut l = to;
    while l > from {
        l -= 1;
        if lines.blank(l) {
            continue;
        }
        if !at_most_chars(lines.trimmed(l), SHORT_LINE) || count == MAX_CLOSING_LINES {
            break;
        }
        start = Some(l);
        count += 1;
    }
    // A body made only of short lines has no closing to tell apart.
    if let Some(start) = start.filter(|&s| s > from && (from..s).any(|l| !lines.blank(l))) {
        for kind in &mut kinds[start..to] {
            if *kind == SectionKind::Body {
                *kind = SectionKind::Closing;
            }
        }
    }
}

/// A blank line belongs to the section of the line before it (to chrome at
/// the top), so sections tile the text without gaps.
fn attach_blank_lines<L: Lines + ?Sized>(lines: &L, kinds: &mut [SectionKind]) {
    let mut previous = SectionKind::ArchiveChrome;
    for (l, kind) in kinds.iter_mut().enumerate() {
        if lines.blank(l) && *kind != SectionKind::Directive {
            *kind = previous;
        } else {
            previous = *kind;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::is_foreign_script;

    #[test]
    fn the_last_byte_rules_out_only_lines_without_the_colon() {
        // `is_salutation` reads on only when a line ends with `:` or `：`:
        // every line its last-byte test rules out lacks both.
        let mut lines = vec![
            "To the Foreign Ministry:".to_owned(),
            "Dear Comrade Chen Yi：".to_owned(),
            "To:".to_owned(),
            "x\u{9A}".to_owned(),
            "发往：".to_owned(),
            "发往".to_owned(),
            String::new(),
        ];
        for (_, text) in crate::test_corpus::documents() {
            lines.extend(text.lines().map(|l| l.trim().to_owned()));
        }
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            lines.push(format!("a {c}"));
        }
        let mut found = 0;
        for line in &lines {
            if !matches!(line.as_bytes().last(), Some(b':' | 0x9A)) {
                assert!(line.strip_suffix([':', '：']).is_none(), "{line:?}");
                assert!(!super::is_salutation(line), "{line:?}");
            }
            found += usize::from(super::is_salutation(line));
        }
        assert!(found >= 2, "{found}");
    }

    /// The whole count, without the lead-byte test that skips it.
    fn counted(line: &str) -> bool {
        let letters: Vec<char> = line.chars().filter(|c| c.is_alphabetic()).collect();
        let foreign = letters
            .iter()
            .filter(|&&c| matches!(c as u32, 0x0400..=0x04FF | 0x3040..=0x30FF | 0x3400..=0x9FFF | 0xAC00..=0xD7AF | 0x20000..=0x2FFFF))
            .count();
        !letters.is_empty() && foreign * 2 >= letters.len()
    }

    #[test]
    fn lines_trim_as_str_trim_trims_them() {
        for line in [
            "",
            " ",
            "x",
            " x",
            "x ",
            "\tx\r",
            "\u{a0}x",
            "x\u{3000}",
            "𠀋",
            " 𠀋 ",
            "发往:北京",
            "\u{feff}x",
            "\x0Bx\x0C",
            "\x1Fx",
            "a b",
            "\u{85}x",
        ] {
            assert_eq!(crate::model::lines::trim(line), line.trim(), "{line:?}");
        }
        for (_, text) in crate::test_corpus::documents() {
            for line in text.lines() {
                assert_eq!(crate::model::lines::trim(line), line.trim(), "{line:?}");
            }
        }
    }

    #[test]
    fn archive_dates_are_recognised_as_the_regex_recognises_them() {
        let mut lines: Vec<String> = [
            "June 28, 1962",
            "June 8, 1962",
            "June 128, 1962",
            "June 28 1962",
            "June 28, 19622",
            "June 28,1962",
            "June 1962",
            "June  1962",
            "June 962",
            "Juneau 1962",
            "28 June 1962",
            "8 May 1962",
            "128 June 1962",
            "28 Juni 1962",
            "28 June 1962 ",
            " 28 June 1962",
            "28 June",
            "28 June [1962]",
            "２８ June 1962",
            "٢٨ June ١٩٦٢",
            "June ١٩٦٢",
            "28 June 1962\r",
            "28 June 1962\n",
            "28 June 𠀋1962",
            "",
            "May",
            "2",
        ]
        .map(str::to_owned)
        .to_vec();
        for (_, text) in crate::test_corpus::documents() {
            lines.extend(
                text.lines()
                    .map(|l| super::super::lines::trim(l).to_owned()),
            );
        }
        let pieces = [
            "June", "May", "December", " ", ", ", ",", "1", "28", "1962", "٢", "x", "𠀋", "\u{a0}",
        ];
        let mut rng = crate::test_random::Rng(0x2545_F491_4F6C_DD1D);
        for _ in 0..30_000 {
            let mut line = String::new();
            for _ in 0..rng.below(6) {
                line.push_str(pieces[rng.below(pieces.len())]);
            }
            lines.push(line);
        }
        let mut matched = 0;
        for line in &lines {
            let oracle = super::ARCHIVE_DATE.is_match(line);
            assert_eq!(super::is_archive_date(line), oracle, "{line:?}");
            matched += usize::from(oracle);
        }
        assert!(matched > 30, "only {matched} dates among the lines");
    }

    #[test]
    fn numbered_lines_are_found_as_splitting_at_the_first_full_stop_finds_them() {
        let split = |raw: &str| {
            raw.trim_start().split_once(". ").is_some_and(|(n, _)| {
                !n.is_empty() && n.len() <= 3 && n.chars().all(|c| c.is_ascii_digit())
            })
        };
        let mut lines: Vec<String> = [
            "  1. Source",
            "12. x",
            "123. x",
            "1234. x",
            "1.x",
            "1 . x",
            ". x",
            "  a1. x",
            "1. 2. x",
            "١. x",
            "\u{a0}7. x",
            "\t9. ",
            "9.",
            "",
        ]
        .map(str::to_owned)
        .to_vec();
        for (_, text) in crate::test_corpus::documents() {
            lines.extend(text.lines().map(str::to_owned));
        }
        for line in &lines {
            assert_eq!(super::is_numbered(line), split(line), "{line:?}");
        }
    }

    #[test]
    fn citation_starts_are_found_as_the_list_finds_them() {
        for line in super::CITATION_STARTS.iter().copied().chain([
            "",
            "Document",
            "Author(s)",
            "document Information",
            "Original",
        ]) {
            assert_eq!(
                super::is_citation_start(line),
                super::CITATION_STARTS.contains(&line),
                "{line:?}"
            );
        }
    }

    #[test]
    fn foreign_script_lines_are_found_as_the_full_count_finds_them() {
        for line in [
            "",
            "Receiver: Wulumuqi",
            "From…Hanoi…..dispatched on 03.11.",
            "发往:乌鲁木齐   批发:(   628",
            "ШИФРТЕЛЕГРАММА",
            "Спец. № 123 to Moscow",
            "ひらがな and カタカナ",
            "한국어 text",
            "𠀋𠂉 x",
            "Kříž, Mikołaj — Łódź",
            "䷀䷁ hexagrams",
            "12 34 …",
        ] {
            assert_eq!(is_foreign_script(line), counted(line), "{line:?}");
        }
        for (_, text) in crate::test_corpus::documents() {
            for line in text.lines() {
                assert_eq!(is_foreign_script(line), counted(line), "{line:?}");
                // Each foreign character at every offset of an 8-byte word.
                for pad in 0..8 {
                    let shifted = format!("{}{line}", " ".repeat(pad));
                    assert_eq!(
                        is_foreign_script(&shifted),
                        counted(&shifted),
                        "{shifted:?}"
                    );
                }
            }
        }
    }
}
