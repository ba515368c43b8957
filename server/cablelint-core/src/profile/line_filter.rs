//! A cheap, exact test that rules a line out before a field pattern's regex
//! runs on it: most header lines cannot start the way an anchored pattern
//! (`^\d{3}…`, `^\[Received …`) requires, are shorter than any match, or
//! lack a text every match holds (`, June ` in a FRUS dateline).

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
    /// Texts one of which every match holds; empty when none is known.
    required: Vec<Vec<u8>>,
    /// The bytes the texts of `required` start with (at most three).
    required_starts: Vec<u8>,
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
        let mut required = required_texts(hir);
        required.sort();
        required.dedup();
        let mut required_starts: Vec<u8> = required.iter().map(|t| t[0]).collect();
        required_starts.dedup();
        // Found with one `memchr3` pass: more start bytes, no such test.
        if required_starts.len() > 3 {
            required.clear();
            required_starts.clear();
        }
        LineFilter {
            first_bytes,
            min_len: hir.properties().minimum_len().unwrap_or(0),
            required,
            required_starts,
        }
    }

    #[cfg(test)]
    const ANY: LineFilter = LineFilter {
        first_bytes: None,
        min_len: 0,
        required: Vec::new(),
        required_starts: Vec::new(),
    };

    /// `false` when the pattern cannot match `line`.
    pub(crate) fn may_match(&self, line: &str) -> bool {
        if line.len() < self.min_len {
            return false;
        }
        let starts_right = match (self.first_bytes, line.as_bytes().first()) {
            (Some(set), Some(&b)) => set[usize::from(b >> 6)] & (1 << (b & 63)) != 0,
            _ => true,
        };
        starts_right && self.holds_a_required_text(line.as_bytes())
    }

    fn holds_a_required_text(&self, line: &[u8]) -> bool {
        let starts = &self.required_starts;
        let at = |i: usize| self.required.iter().any(|t| line[i..].starts_with(t));
        match *starts.as_slice() {
            [] => true,
            [a] => memchr::memchr_iter(a, line).any(at),
            [a, b] => memchr::memchr2_iter(a, b, line).any(at),
            [a, b, c] => memchr::memchr3_iter(a, b, c, line).any(at),
            _ => true,
        }
    }
}

/// At most this many texts are kept as the required ones of a pattern.
const MAX_REQUIRED: usize = 64;

/// Texts one of which every match of `hir` holds: the run of consecutive
/// parts of its top-level concatenation that each match one of a few fixed
/// texts (`, `, a month's name, ` `), joined, the run whose shortest text is
/// longest. Empty when the pattern has no such part.
fn required_texts(hir: &Hir) -> Vec<Vec<u8>> {
    let subs = match hir.kind() {
        HirKind::Concat(subs) => subs.as_slice(),
        HirKind::Capture(capture) => return required_texts(&capture.sub),
        _ => std::slice::from_ref(hir),
    };
    let mut best: Vec<Vec<u8>> = Vec::new();
    let shortest = |texts: &[Vec<u8>]| texts.iter().map(Vec::len).min().unwrap_or(0);
    let mut run: Option<Vec<Vec<u8>>> = None;
    for sub in subs {
        run = match (run.take(), finite_texts(sub)) {
            (Some(run), Some(texts)) => cross(&run, &texts).or(Some(texts)),
            (None, texts) => texts,
            (Some(_), None) => None,
        };
        if let Some(run) = &run {
            if shortest(run) > shortest(&best) {
                best = run.clone();
            }
        }
    }
    best
}

/// Every text `hir` can match, when they are few and none is empty.
fn finite_texts(hir: &Hir) -> Option<Vec<Vec<u8>>> {
    let texts = match hir.kind() {
        HirKind::Literal(lit) => vec![lit.0.to_vec()],
        HirKind::Capture(capture) => finite_texts(&capture.sub)?,
        HirKind::Concat(subs) => {
            let mut texts = vec![Vec::new()];
            for sub in subs {
                texts = cross(&texts, &finite_texts(sub)?)?;
            }
            texts
        }
        HirKind::Alternation(subs) => {
            let mut texts = Vec::new();
            for sub in subs {
                texts.extend(finite_texts(sub)?);
            }
            texts
        }
        _ => return None,
    };
    (texts.len() <= MAX_REQUIRED && texts.iter().all(|t| !t.is_empty())).then_some(texts)
}

/// Each of `a` followed by each of `b`; `None` past [`MAX_REQUIRED`].
fn cross(a: &[Vec<u8>], b: &[Vec<u8>]) -> Option<Vec<Vec<u8>>> {
    if a.len() * b.len() > MAX_REQUIRED {
        return None;
    }
    Some(
        a.iter()
            .flat_map(|x| b.iter().map(move |y| [x.as_slice(), y].concat()))
            .collect(),
    )
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

    /// Every built-in pattern on every corpus line (trimmed, as the header
    /// reads it) and on generated datelines: no line the regex matches is
    /// rejected.
    #[test]
    fn no_corpus_or_generated_line_the_regex_matches_is_rejected() {
        let set = crate::profile::ProfileSet::builtin();
        let patterns: Vec<&str> = set
            .iter()
            .flat_map(|p| p.fields.iter().filter_map(|f| f.pattern.as_deref()))
            .collect();
        assert!(patterns.len() >= 5);
        let mut lines: Vec<String> = Vec::new();
        for (_, text) in crate::test_corpus::documents() {
            lines.extend(text.lines().map(|l| l.trim().to_owned()));
        }
        let mut rng = crate::test_random::Rng(0xD1B5_4A32_D192_ED03);
        let pieces = [
            "Moscow",
            "Washington",
            ", ",
            ",",
            " ",
            "June",
            "May",
            "Mai",
            "1962",
            "28",
            "—",
            "-",
            ".",
            "4 p.m.",
            "𠀋",
            "发往",
            "Łódź",
            "\r",
            "\u{feff}",
            "[",
            "]",
            "Received",
            "Telegram",
            "Extract",
            ": ",
            "711.5612/6-2862",
            "２８",
            "December",
            "Sept.",
        ];
        for _ in 0..20_000 {
            let mut line = String::new();
            for _ in 0..1 + rng.below(8) {
                line.push_str(pieces[rng.below(pieces.len())]);
            }
            lines.push(line);
        }
        // Datelines and bare dates, most of them well formed.
        let places = [
            "Moscow",
            "Rio de Janeiro",
            "Kraków",
            "Ürümqi",
            "Washington, D.C.",
        ];
        let months = ["June", "May", "December", "Juni", "july"];
        let tails = ["", ".", "—4 p.m.", ", 1 p.m.", "-𠀋", " x", "\r"];
        for _ in 0..5_000 {
            let (day, year) = (1 + rng.below(31), 1900 + rng.below(100));
            let place = places[rng.below(places.len())];
            let month = months[rng.below(months.len())];
            let tail = tails[rng.below(tails.len())];
            lines.push(format!("{place}, {month} {day}, {year}{tail}"));
            lines.push(format!("[{day}] {month} [{year}]{tail}"));
            lines.push(format!("{day} {month} {year}"));
        }
        let mut matched = 0;
        for pattern in patterns {
            let regex = Regex::new(pattern).unwrap();
            let filter = LineFilter::new(pattern);
            for line in &lines {
                if regex.is_match(line) {
                    matched += 1;
                    assert!(filter.may_match(line), "{pattern:?} on {line:?}");
                }
            }
        }
        assert!(
            matched > 100,
            "only {matched} matching lines: the test tests little"
        );
    }

    #[test]
    fn a_dateline_needs_a_comma_and_a_month() {
        let dateline = LineFilter::new(
            r"^[A-Z][\p{L} .,-]*, (January|February|March|April|May|June|July|August|September|October|November|December) \d{1,2}, \d{4}(?:[,—-] ?.*|\.)?$",
        );
        assert_eq!(dateline.required.len(), 12);
        assert!(dateline.may_match("Moscow, June 28, 1962—4 p.m."));
        assert!(!dateline.may_match("Moscow June 28, 1962"));
        assert!(!dateline.may_match("Foreign question Beiping, the government view"));
        // Required texts of a pattern without a usable part: none.
        assert!(LineFilter::new(r"^\d{3}.*$").required.is_empty());
        assert!(LineFilter::new(r"(?i)^received").required.is_empty());
        assert_eq!(
            LineFilter::new(r"^\[Received .*\]$").required,
            vec![b"[Received ".to_vec()]
        );
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
