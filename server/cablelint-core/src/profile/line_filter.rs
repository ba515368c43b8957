//! A cheap, exact test that rules a line out before a field pattern's regex
//! runs on it: most header lines cannot start the way an anchored pattern
//! (`^\d{3}…`, `^\[Received …`) requires, or are shorter than any match.

use regex_syntax::hir::{Class, Hir, HirKind, Look};

/// What every match of one pattern must satisfy. Only ever too lenient,
/// never too strict: a line it rejects is a line the regex cannot match.
#[derive(Debug, Clone)]
pub(crate) struct LineFilter {
    /// Bytes a match may start with, one bit each; `None` when the pattern
    /// is not anchored at the start of the text or may match nothing.
    first_bytes: Option<[u64; 4]>,
    /// The fewest bytes a match takes.
    min_len: usize,
}

impl LineFilter {
    /// The filter of `pattern`, parsed with the settings `Regex::new` uses;
    /// one that does not parse gets the filter that rejects nothing.
    #[cfg(test)]
    pub(crate) fn new(pattern: &str) -> Self {
        match regex_syntax::Parser::new().parse(pattern) {
            Ok(hir) => LineFilter::from_hir(&hir),
            Err(_) => LineFilter::ANY,
        }
    }

    /// The filter of a parsed pattern (parsed once for the regex and for this).
    pub(crate) fn from_hir(hir: &Hir) -> Self {
        let anchored = hir.properties().look_set_prefix().contains(Look::Start);
        let first_bytes = match anchored.then(|| first_bytes(hir)) {
            Some((set, false)) => Some(set),
            _ => None,
        };
        LineFilter {
            first_bytes,
            min_len: hir.properties().minimum_len().unwrap_or(0),
        }
    }

    #[cfg(test)]
    const ANY: LineFilter = LineFilter {
        first_bytes: None,
        min_len: 0,
    };

    /// `false` when the pattern cannot match `line`.
    pub(crate) fn may_match(&self, line: &str) -> bool {
        if line.len() < self.min_len {
            return false;
        }
        match (self.first_bytes, line.as_bytes().first()) {
            (Some(set), Some(&b)) => set[usize::from(b >> 6)] & (1 << (b & 63)) != 0,
            _ => true,
        }
    }
}

fn insert(set: &mut [u64; 4], b: u8) {
    set[usize::from(b >> 6)] |= 1 << (b & 63);
}

fn insert_range(set: &mut [u64; 4], lo: u8, hi: u8) {
    for b in lo..=hi {
        insert(set, b);
    }
}

/// The UTF-8 lead byte of `c`.
fn lead_byte(c: char) -> u8 {
    let mut buf = [0; 4];
    c.encode_utf8(&mut buf).as_bytes()[0]
}

/// The bytes a match of `hir` may start with, and whether it may be empty.
/// Zero-width assertions count as empty, which only widens the set.
fn first_bytes(hir: &Hir) -> ([u64; 4], bool) {
    let mut set = [0u64; 4];
    let nullable = match hir.kind() {
        HirKind::Empty | HirKind::Look(_) => true,
        HirKind::Literal(lit) => match lit.0.first() {
            Some(&b) => {
                insert(&mut set, b);
                false
            }
            None => true,
        },
        HirKind::Class(Class::Unicode(class)) => {
            // Lead bytes rise with the code point: the range of lead bytes
            // covers every character of the range (and perhaps more).
            for range in class.ranges() {
                insert_range(&mut set, lead_byte(range.start()), lead_byte(range.end()));
            }
            false
        }
        HirKind::Class(Class::Bytes(class)) => {
            for range in class.ranges() {
                insert_range(&mut set, range.start(), range.end());
            }
            false
        }
        HirKind::Repetition(rep) => {
            let (inner, nullable) = first_bytes(&rep.sub);
            set = inner;
            nullable || rep.min == 0
        }
        HirKind::Capture(capture) => {
            let (inner, nullable) = first_bytes(&capture.sub);
            set = inner;
            nullable
        }
        HirKind::Concat(subs) => {
            let mut nullable = true;
            for sub in subs {
                let (inner, sub_nullable) = first_bytes(sub);
                union(&mut set, &inner);
                if !sub_nullable {
                    nullable = false;
                    break;
                }
            }
            nullable
        }
        HirKind::Alternation(subs) => {
            let mut nullable = false;
            for sub in subs {
                let (inner, sub_nullable) = first_bytes(sub);
                union(&mut set, &inner);
                nullable |= sub_nullable;
            }
            nullable
        }
    };
    (set, nullable)
}

fn union(set: &mut [u64; 4], other: &[u64; 4]) {
    for (a, b) in set.iter_mut().zip(other) {
        *a |= b;
    }
}

#[cfg(test)]
mod tests {
    use super::LineFilter;
    use regex::Regex;

    /// Every built-in pattern and a few more shapes, on lines that match and
    /// lines that do not: the filter never rejects a line the regex matches.
    #[test]
    fn the_filter_never_rejects_a_line_the_regex_matches() {
        let patterns = [
            r"^\d{3}[.\d/A-Za-z-]*: Telegram\b.*$",
            r"^\[(Telegram|Paraphrase of telegram|Extract)\]$",
            r"^[A-Z][\p{L} .,-]*, (January|February|March|April|May|June|July|August|September|October|November|December) \d{1,2}, \d{4}(?:[,—-] ?.*|\.)?$",
            r"^\[Received .*\]$",
            r"^\[?\d{1,2}\]? [A-Z][a-z]+ \[?\d{4}\]?$",
            r"(?i)^received",
            r"^(?:x|)\d",
            r"^\b\d",
            r"^\p{Han}+$",
            r"^a*𠀋",
            r"(?m)^\d+$",
            r"\d{4}",
            r"^",
            r"^(?:[あ-ん]|\d)",
        ];
        let lines = [
            "",
            "1",
            "123",
            "711.5612/6-2862: Telegram",
            "[Telegram]",
            "[Received May 27—3:56 a.m.]",
            "Moscow, June 28, 1962—4 p.m.",
            "Moscow, June 28, 1962.",
            "28 June 1962",
            "[28] June [1962]",
            "２８ June １９６２",
            "12 June 1962\r",
            "RECEIVED 1962",
            "received",
            "x1",
            "x",
            "发往北京",
            "𠀋",
            "aaa𠀋",
            "𠀋aaa",
            "あ",
            "٣ June 1962",
            "From: Hanoi",
            "no label\r\n1962",
            "ab\n1962",
        ];
        for pattern in patterns {
            let regex = Regex::new(pattern).unwrap();
            let filter = LineFilter::new(pattern);
            for line in lines {
                if regex.is_match(line) {
                    assert!(filter.may_match(line), "{pattern:?} on {line:?}");
                }
            }
        }
    }

    #[test]
    fn the_filter_rejects_lines_that_cannot_start_a_match() {
        let date = LineFilter::new(r"^\[?\d{1,2}\]? [A-Z][a-z]+ \[?\d{4}\]?$");
        assert!(!date.may_match("From: Hanoi"));
        assert!(!date.may_match("发往北京 1962"));
        assert!(!date.may_match("1 J"));
        // Full-width and Arabic-Indic digits are digits to the regex.
        assert!(date.may_match("２８ June １９６２"));
        assert!(date.may_match("[28] June [1962]"));
        let unanchored = LineFilter::new(r"\d{4}");
        assert!(unanchored.may_match("From 1962"));
        assert!(!unanchored.may_match("abc"));
        let bad = LineFilter::new(r"^(unclosed");
        assert!(bad.may_match(""));
    }
}
