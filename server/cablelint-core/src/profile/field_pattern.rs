//! A field's `pattern`, matched against whole header lines. The built-in
//! patterns are fixed texts, so each has a hand-written matcher that decides
//! an ASCII line without the regex; the regex is compiled only for a pattern
//! a profile defines itself, or for a non-ASCII line (where `\d`, `\p{L}` and
//! `\b` read Unicode tables), and stays the matchers' test oracle.

use super::LineFilter;
use crate::model::dates::calendar::ENGLISH_MONTHS as MONTHS;
use regex_automata::meta::Regex as PatternRegex;
use regex_syntax::hir::Hir;
use std::sync::OnceLock;

/// One field's compiled pattern.
#[derive(Debug, Clone)]
pub(crate) struct FieldPattern {
    /// The index of the field in the profile.
    pub(crate) field: usize,
    /// Rules out most lines before either matcher runs.
    filter: LineFilter,
    fixed: Option<FixedPattern>,
    hir: Hir,
    /// Compiled on first need: most runs never need it, and the dateline's
    /// `\p{L}` alone costs millions of instructions to compile.
    regex: OnceLock<Option<PatternRegex>>,
}

impl FieldPattern {
    /// `None` for a pattern that does not parse (configuration validation
    /// reports it; here it matches nothing).
    pub(crate) fn new(pattern: &str, field: usize) -> Option<FieldPattern> {
        let hir = regex_syntax::Parser::new().parse(pattern).ok()?;
        Some(FieldPattern {
            field,
            filter: LineFilter::from_hir(&hir),
            fixed: FixedPattern::of(pattern),
            hir,
            regex: OnceLock::new(),
        })
    }

    pub(crate) fn is_match(&self, line: &str) -> bool {
        if !self.filter.may_match(line) {
            return false;
        }
        match self.fixed.and_then(|fixed| fixed.is_match(line)) {
            Some(matched) => matched,
            None => self.regex_is_match(line),
        }
    }

    /// The regex alone: what [`FieldPattern::is_match`] must agree with.
    pub(crate) fn regex_is_match(&self, line: &str) -> bool {
        self.regex
            .get_or_init(|| compile(&self.hir))
            .as_ref()
            .is_some_and(|regex| regex.is_match(line))
    }
}

/// What `regex::Regex::new` builds (the same engines with the same
/// settings), from the parsed pattern.
fn compile(hir: &Hir) -> Option<PatternRegex> {
    PatternRegex::builder()
        .configure(
            PatternRegex::config()
                .nfa_size_limit(Some(10 * (1 << 20)))
                .hybrid_cache_capacity(2 * (1 << 20))
                .match_kind(regex_automata::MatchKind::LeftmostFirst)
                .utf8_empty(true)
                // A full DFA costs more to build than the few lines a filter
                // lets through cost to match; a one-pass DFA serves only
                // capture groups, which no caller asks for.
                .dfa(false)
                .onepass(false),
        )
        .build_from_hir(hir)
        .ok()
}

/// The built-in patterns, recognised by their exact text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum FixedPattern {
    /// `724.3415/4185: Telegram` (FRUS source note).
    SourceNote,
    /// `[Telegram]` (FRUS kind note).
    KindNote,
    /// `Moscow, February 4, 1961, 5 p.m.` (FRUS dateline).
    Dateline,
    /// `[Received March 17—2:17 a.m.]`.
    Received,
    /// `28 June [1962]` (PRC cable date).
    BracketedDate,
}

const FIXED: &[(&str, FixedPattern)] = &[
    (
        r"^\d{3}[.\d/A-Za-z-]*: Telegram\b.*$",
        FixedPattern::SourceNote,
    ),
    (
        r"^\[(Telegram|Paraphrase of telegram|Extract)\]$",
        FixedPattern::KindNote,
    ),
    (
        r"^[A-Z][\p{L} .,-]*, (January|February|March|April|May|June|July|August|September|October|November|December) \d{1,2}, \d{4}(?:[,—-] ?.*|\.)?$",
        FixedPattern::Dateline,
    ),
    (r"^\[Received .*\]$", FixedPattern::Received),
    (
        r"^\[?\d{1,2}\]? [A-Z][a-z]+ \[?\d{4}\]?$",
        FixedPattern::BracketedDate,
    ),
];

impl FixedPattern {
    fn of(pattern: &str) -> Option<FixedPattern> {
        FIXED
            .iter()
            .find(|(text, _)| *text == pattern)
            .map(|&(_, fixed)| fixed)
    }

    /// Whether the pattern matches `line`; `None` when the line is not
    /// ASCII and the pattern reads Unicode classes (the regex decides).
    fn is_match(self, line: &str) -> Option<bool> {
        let bytes = line.as_bytes();
        // `.` stops at a line feed, which a header line never holds but a
        // caller's text might.
        let dot_star = |rest: &[u8]| !rest.contains(&b'\n');
        Some(match self {
            FixedPattern::KindNote => {
                matches!(
                    line,
                    "[Telegram]" | "[Paraphrase of telegram]" | "[Extract]"
                )
            }
            FixedPattern::Received => bytes
                .strip_prefix(b"[Received ")
                .and_then(|rest| rest.strip_suffix(b"]"))
                .is_some_and(dot_star),
            _ if !line.is_ascii() => return None,
            FixedPattern::SourceNote => source_note(bytes),
            FixedPattern::Dateline => dateline(bytes),
            FixedPattern::BracketedDate => bracketed_date(bytes),
        })
    }
}

/// The number of ASCII digits `bytes` starts with.
fn digits(bytes: &[u8]) -> usize {
    bytes.iter().take_while(|b| b.is_ascii_digit()).count()
}

/// `^\d{3}[.\d/A-Za-z-]*: Telegram\b.*$` on an ASCII line. The class holds
/// neither `:` nor space, so its run ends where `: Telegram` must start.
fn source_note(bytes: &[u8]) -> bool {
    if bytes.len() < 3 || digits(&bytes[..3]) < 3 {
        return false;
    }
    let in_class = |b: &u8| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'/' | b'-');
    let run = 3 + bytes[3..].iter().take_while(|b| in_class(b)).count();
    let Some(rest) = bytes[run..].strip_prefix(b": Telegram") else {
        return false;
    };
    // `\b` after the `m`: the next character is not a word character.
    let boundary = rest
        .first()
        .is_none_or(|&b| !(b.is_ascii_alphanumeric() || b == b'_'));
    boundary && !rest.contains(&b'\n')
}

/// The dateline pattern on an ASCII line. The class `[\p{L} .,-]` holds the
/// `, Month ` that follows it but not the digit after that, so its run ends
/// just after the month: the place is whatever comes before.
fn dateline(bytes: &[u8]) -> bool {
    if !bytes.first().is_some_and(u8::is_ascii_uppercase) {
        return false;
    }
    let in_class = |b: &u8| b.is_ascii_alphabetic() || matches!(b, b' ' | b'.' | b',' | b'-');
    let run = 1 + bytes[1..].iter().take_while(|b| in_class(b)).count();
    let head = &bytes[..run];
    let month_ends_run = MONTHS.iter().any(|month| {
        head.strip_suffix(b" ")
            .and_then(|h| h.strip_suffix(month.as_bytes()))
            .and_then(|h| h.strip_suffix(b", "))
            // The `[A-Z]` comes before the comma.
            .is_some_and(|place| !place.is_empty())
    });
    if !month_ends_run {
        return false;
    }
    let rest = &bytes[run..];
    let day = digits(rest);
    if !(1..=2).contains(&day) {
        return false;
    }
    let Some(rest) = rest[day..].strip_prefix(b", ") else {
        return false;
    };
    if digits(rest) < 4 {
        return false;
    }
    match &rest[4..] {
        b"" | b"." => true,
        [b',' | b'-', tail @ ..] => !tail.contains(&b'\n'),
        // The em dash, `—` (E2 80 94), is not ASCII: an ASCII line never
        // has one.
        _ => false,
    }
}

/// `^\[?\d{1,2}\]? [A-Z][a-z]+ \[?\d{4}\]?$` on an ASCII line.
fn bracketed_date(bytes: &[u8]) -> bool {
    let optional = |bytes: &'_ [u8], b: u8| -> usize { usize::from(bytes.first() == Some(&b)) };
    let mut at = optional(bytes, b'[');
    let day = digits(&bytes[at..]);
    if !(1..=2).contains(&day) {
        return false;
    }
    at += day;
    at += optional(&bytes[at..], b']');
    let Some(rest) = bytes[at..].strip_prefix(b" ") else {
        return false;
    };
    if !rest.first().is_some_and(u8::is_ascii_uppercase) {
        return false;
    }
    let lower = rest[1..]
        .iter()
        .take_while(|b| b.is_ascii_lowercase())
        .count();
    if lower == 0 {
        return false;
    }
    let Some(rest) = rest[1 + lower..].strip_prefix(b" ") else {
        return false;
    };
    let mut at = optional(rest, b'[');
    if digits(&rest[at..]) != 4 {
        return false;
    }
    at += 4;
    at += optional(&rest[at..], b']');
    at == rest.len()
}

#[cfg(test)]
mod tests;
