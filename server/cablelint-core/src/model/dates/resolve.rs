//! What the whole document settles about each date: its role (from the line
//! it is on, the label or keyword before it), the numeric order the document
//! uses, the year of a date written without one, and the document's own date.

use super::calendar::{civil_from_days, days_from_civil, days_in_month, Interval, Precision};
use super::stamp::stamp_word;
use super::votes::Votes;
use super::{Confidence, DateForm, DateMention, DateRole, Dates, DocumentDate, NumericOrder};
use crate::model::{Document, SectionKind};
use crate::text::Span;

/// Where a date must fall, relative to the document's date, for a stamp's
/// reading to settle a numeric order: a day before to two weeks after.
const SETTLE_BEFORE_DAYS: i64 = 2;
const SETTLE_AFTER_DAYS: i64 = 14;

/// The document's date as far as the text fixes it before any guessing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Anchor {
    year: i32,
    day: Option<i64>,
}

// Kept out of line, once a document: `tests/bench/dates_cost.sh` measures it.
#[inline(never)]
pub(super) fn resolve(doc: &Document, mut mentions: Vec<DateMention>) -> Dates {
    let list = mentions.as_mut_slice();
    assign_roles(doc, list);
    let century_hint = century_hint(list);
    let anchor = anchor(list, century_hint);
    let numeric_order = settle_order(list, anchor, century_hint);
    for m in list.iter_mut() {
        let resolved = resolve_one(m, anchor, century_hint);
        m.set_resolved(resolved);
        m.confidence = confidence(m);
    }
    let document = document_date(list);
    date_weekday_headings(list, document.as_ref());
    Dates {
        mentions,
        document,
        numeric_order,
    }
}

fn assign_roles(doc: &Document, mentions: &mut [DateMention]) {
    let text = doc.text();
    let leading_body = leading_body_lines(doc);
    // The segmenter lists fields line by line: then a line's fields are
    // found by halving, not by reading every field for every date. Checked
    // once, when a date first needs its field (most never do).
    let fields_in_order = std::cell::OnceCell::new();
    let in_order = || *fields_in_order.get_or_init(|| doc.fields.is_sorted_by_key(|f| f.line));
    let mut previous_end_on_line: Option<(usize, usize)> = None;
    let mut lines = doc.lines.cursor();
    for m in mentions.iter_mut() {
        let line = lines.line_of(m.span.start);
        let previous_end = match previous_end_on_line {
            Some((l, end)) if l == line => Some(end),
            _ => None,
        };
        previous_end_on_line = Some((line, m.span.end));
        if m.role != DateRole::Reference {
            continue;
        }
        let mut kind = doc.line_kinds[line];
        if kind == SectionKind::Body && leading_body.contains(&line) {
            // A dateline or stamp the segmenter left in the body.
            kind = SectionKind::Header;
        }
        // A date elsewhere (most are in the body) stays a reference: its
        // line is not read.
        if !matches!(
            kind,
            SectionKind::ArchiveDate
                | SectionKind::OriginalHeader
                | SectionKind::Header
                | SectionKind::Closing
        ) {
            continue;
        }
        let line_span = doc.lines.line_content_span(text, line);
        let window_start = previous_end.map_or(line_span.start, |end| end.max(line_span.start));
        let stamp = || {
            stamp_word(&text[window_start..m.span.start.max(window_start)])
                .or_else(|| field_role(doc, line, m.span.start, in_order()))
        };
        let dateline =
            || is_dateline_like(&text[line_span.range()], m.span.shift_back(line_span.start));
        m.role = match kind {
            SectionKind::ArchiveDate => DateRole::Archive,
            SectionKind::OriginalHeader => stamp().unwrap_or(DateRole::Original),
            SectionKind::Header => match stamp() {
                Some(role) => role,
                None if dateline() => DateRole::Header,
                None => DateRole::Reference,
            },
            SectionKind::Closing if dateline() => DateRole::Closing,
            _ => DateRole::Reference,
        };
    }
}

/// Lines at the start of the first body section before its first sentence
/// of running text: where datelines and stamps stand when a long title or a
/// dot-leader stamp ended the header early.
fn leading_body_lines(doc: &Document) -> std::ops::Range<usize> {
    let Some(body) = doc.sections.iter().find(|s| s.kind == SectionKind::Body) else {
        return 0..0;
    };
    let text = doc.text();
    let end = (body.lines.0..=body.lines.1)
        .find(|&l| is_running_text(&text[doc.lines.line_content_span(text, l).range()]))
        .unwrap_or(body.lines.1 + 1);
    body.lines.0..end
}

/// A sentence, not a title, stamp or editor's note: eight words or more
/// ending in one full stop (not dot leaders), a salutation's colon, or a
/// very long line.
fn is_running_text(line: &str) -> bool {
    let t = line.trim();
    if t.starts_with('[') || t.is_empty() {
        return false;
    }
    if t.ends_with(':') && !t.ends_with("::") {
        return true;
    }
    let core = t.trim_end_matches(['.', '…']);
    let leaders = t.len() - core.len() > 1;
    let sentence_end = t.ends_with(['.', '!', '?', '"', '”', '»']) && !leaders;
    // Counting stops where the answer is known: a body line can be long.
    (sentence_end && has_words(t, 8))
        // 800 bytes hold at least 200 characters (four bytes at most each).
        || t.len() >= 800
        || (t.len() >= 200 && t.chars().nth(199).is_some())
}

/// Whether `text` holds at least `count` words (what
/// `split_whitespace().nth(count - 1).is_some()` says, which the tests
/// compare it with). Runs once a document over the first sentence of its
/// body: eight ASCII bytes are judged at a time (their spaces found as
/// bits, the words that start among them counted at once), and a character
/// outside ASCII is read alone, decoded only when its first byte can start
/// a space.
pub(super) fn has_words(text: &str, count: usize) -> bool {
    const LOW: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let bytes = text.as_bytes();
    let (mut words, mut at, mut in_word) = (0, 0, false);
    while at < bytes.len() {
        if at + 8 <= bytes.len() {
            let mut chunk = [0u8; 8];
            chunk.copy_from_slice(&bytes[at..at + 8]);
            let x = u64::from_le_bytes(chunk);
            if x & HIGH == 0 {
                // Per byte, its high bit set when it is a space: a byte
                // below 0x80 plus 0x77 (0x72) reaches 0x80 when it is 9
                // (14) or more, without a carry into the next byte; a
                // byte is 0x20 when its XOR with 0x20 is zero.
                let t = x ^ (LOW * 0x20);
                let is_blank = !(((t & !HIGH) + !HIGH) | t) & HIGH;
                let from_tab = (x + LOW * (0x80 - 0x09)) & HIGH;
                let from_shift_out = (x + LOW * (0x80 - 0x0E)) & HIGH;
                let space = is_blank | (from_tab & !from_shift_out);
                let word = !space & HIGH;
                // A word byte after a space (the first byte: after the
                // byte before the eight) starts a word.
                let after_space = (space << 8) | if in_word { 0 } else { 0x80 };
                let starts = word & after_space;
                // Each byte's bit moved to its lowest place and summed
                // into the top byte (at most 8: no carry).
                words += ((starts >> 7).wrapping_mul(LOW) >> 56) as usize;
                if words >= count {
                    return true;
                }
                in_word = word >> 63 != 0;
                at += 8;
                continue;
            }
        }
        let (space, len) = space_at(text, at);
        if !space && !in_word {
            words += 1;
            if words >= count {
                return true;
            }
        }
        in_word = !space;
        at += len;
    }
    false
}

/// Whether the character at `at` (a character boundary) is white space
/// (`char::is_whitespace`), and its length. Outside ASCII only characters
/// whose first byte is C2, E1, E2 or E3 are (U+0085, U+00A0, U+1680,
/// U+2000–U+205F, U+3000): only those are decoded.
fn space_at(text: &str, at: usize) -> (bool, usize) {
    match text.as_bytes()[at] {
        b'\t'..=b'\r' | b' ' => (true, 1),
        0..=0x7F => (false, 1),
        0xC2 | 0xE1 | 0xE2 | 0xE3 => {
            let c = text[at..].chars().next().unwrap_or_default();
            (c.is_whitespace(), c.len_utf8())
        }
        b => (false, super::scan::utf8_len(b)),
    }
}

trait ShiftBack {
    fn shift_back(self, by: usize) -> Span;
}

impl ShiftBack for Span {
    fn shift_back(self, by: usize) -> Span {
        Span::new(self.start.saturating_sub(by), self.end.saturating_sub(by))
    }
}

/// The role the profile's field gives a date inside its value. With the
/// fields `in_order` of their lines, only the line's own are read.
fn field_role(doc: &Document, line: usize, at: usize, in_order: bool) -> Option<DateRole> {
    let fields = if in_order {
        let start = doc.fields.partition_point(|f| f.line < line);
        let len = doc.fields[start..].partition_point(|f| f.line == line);
        &doc.fields[start..start + len]
    } else {
        &doc.fields[..]
    };
    let field = fields.iter().find(|f| {
        f.line == line && f.value.start <= at && at < f.value.end.max(f.value.start + 1)
    })?;
    Some(match field.field.as_deref()? {
        "sent" | "dispatched" => DateRole::Sent,
        "received" => DateRole::Received,
        "decoded" => DateRole::Processed,
        "date" | "dateline" => DateRole::Header,
        _ if field.original => DateRole::Original,
        _ => return None,
    })
}

/// A date that is its line's whole content, but for a place before it and
/// punctuation after: "Beijing, 1 September 1970", "Moscow, June 28, 1962,
/// 7 p.m.", "6148    27/X/62". A date inside prose is a reference instead.
fn is_dateline_like(line: &str, date: Span) -> bool {
    // A place and the punctuation after it are short: look no further than
    // that, so a long line with many dates costs no more than a short one.
    const NEAR: usize = 120;
    // What follows first: it is short and rules out most dates of a
    // header's prose without the place being read.
    let after = &line[date.end.min(line.len())..];
    if after.len() > NEAR {
        return false;
    }
    let after_ok = after
        .trim()
        .chars()
        .all(|c| matches!(c, '.' | ',' | ';' | ')' | ']' | ' ' | '\t'));
    if !after_ok {
        return false;
    }
    let before =
        &line[floor_boundary(line, date.start.saturating_sub(NEAR))..date.start.min(line.len())];
    // Only the last piece after wide spacing counts ("Neuer      Bonn, …").
    let piece_start = last_gap_end(before.as_bytes());
    let place = before[piece_start..]
        .trim()
        .trim_start_matches(['[', '('])
        .trim_end_matches(',')
        .trim();
    !has_words(place, 5)
        && place
            .chars()
            .all(|c| c.is_alphabetic() || matches!(c, ' ' | '.' | '-' | '\'' | '’'))
        && place.split_whitespace().all(|w| {
            w.chars().next().is_some_and(char::is_uppercase)
                || matches!(w, "de" | "la" | "am" | "an" | "der" | "of" | "on")
        })
}

/// Where the last wide gap ("  ", a tab or "…") in `before` ends, or 0:
/// one walk back from the end, the first end met the last. The plain
/// version, [`last_gap_end_plain`], looked for each gap in turn.
fn last_gap_end(before: &[u8]) -> usize {
    const ELLIPSIS: &[u8] = "…".as_bytes();
    (1..=before.len())
        .rev()
        .find(|&end| {
            let ending = &before[..end];
            ending.ends_with(b"\t") || ending.ends_with(b"  ") || ending.ends_with(ELLIPSIS)
        })
        .unwrap_or(0)
}

/// [`last_gap_end`] gap by gap: the tests' oracle.
#[cfg(test)]
fn last_gap_end_plain(before: &[u8]) -> usize {
    ["  ", "\t", "…"]
        .iter()
        .filter_map(|gap| last_end(before, gap.as_bytes()))
        .max()
        .unwrap_or(0)
}

/// Where the last `needle` in `hay` ends (what `rfind` gives, plus the
/// needle's length), without building a string searcher for a short piece.
#[cfg(test)]
fn last_end(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len())
        .rposition(|w| w == needle)
        .map(|i| i + needle.len())
}

fn floor_boundary(text: &str, mut at: usize) -> usize {
    while at > 0 && !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

/// The century a two-digit year belongs to: that of the first four-digit
/// year the document states about itself, else the twentieth.
fn century_hint(mentions: &[DateMention]) -> i32 {
    mentions
        .iter()
        .filter(|m| m.role != DateRole::Reference)
        .chain(mentions.iter())
        .filter_map(|m| m.year)
        .find(|y| y.value >= 1000)
        .map_or(1900, |y| y.value as i32)
}

fn full_year(written: u32, hint: i32) -> i32 {
    if written >= 100 {
        return written as i32;
    }
    let base = hint - hint.rem_euclid(100);
    [base - 100, base, base + 100]
        .into_iter()
        .map(|c| c + written as i32)
        .min_by_key(|y| (y - hint).abs())
        .unwrap_or(1900 + written as i32)
}

const ANCHOR_PRIORITY: [DateRole; 6] = [
    DateRole::Header,
    DateRole::Sent,
    DateRole::Closing,
    DateRole::Archive,
    DateRole::Original,
    DateRole::Serial,
];

/// The day most fully written statements of the document's date give (the
/// highest-priority one on a tie: header, sending stamp, closing, archive),
/// else the first year one of them writes.
///
/// The votes are counted by [`Votes`] (on the stack for the few a
/// document has, sorted when many). [`anchor_by_list`], the plain
/// version that searched a list, is kept as the tests' oracle.
fn anchor(mentions: &[DateMention], hint: i32) -> Option<Anchor> {
    let mut votes = Votes::new();
    let year_only = anchor_votes(mentions, hint, |day, rank| votes.push(day, rank));
    anchor_of(votes.best(), year_only)
}

/// Calls `vote` with the day and rank of every statement of the document's
/// date that names a day, and returns the year of the highest-ranked one
/// that names only a year (with its rank).
fn anchor_votes(
    mentions: &[DateMention],
    hint: i32,
    mut vote: impl FnMut(i64, usize),
) -> Option<(usize, i32)> {
    let written = |m: &&DateMention| {
        ANCHOR_PRIORITY.contains(&m.role)
            && m.year.is_some()
            && (m.form != DateForm::Numeric || m.order.is_some())
    };
    let mut year_only: Option<(usize, i32)> = None;
    for m in mentions.iter().filter(written) {
        let Some(year) = m.year.map(|y| full_year(y.value, hint)) else {
            continue;
        };
        let rank = ANCHOR_PRIORITY
            .iter()
            .position(|r| *r == m.role)
            .unwrap_or(usize::MAX);
        let day = match (m.month, m.day) {
            (Some(month), Some(day)) => {
                Interval::new(year, Some(month.value as u8), Some(day.value as u8), None)
            }
            _ => None,
        };
        match day {
            Some(day) => vote(day.first_day(), rank),
            None => {
                if year_only.is_none_or(|(r, _)| rank < r) {
                    year_only = Some((rank, year));
                }
            }
        }
    }
    year_only
}

fn anchor_of(best_day: Option<i64>, year_only: Option<(usize, i32)>) -> Option<Anchor> {
    match best_day {
        Some(day) => Some(Anchor {
            year: civil_from_days(day).0,
            day: Some(day),
        }),
        None => year_only.map(|(_, year)| Anchor { year, day: None }),
    }
}

/// [`anchor`] with the days counted in a list searched for each vote: the
/// tests' oracle.
#[cfg(test)]
fn anchor_by_list(mentions: &[DateMention], hint: i32) -> Option<Anchor> {
    let mut votes: Vec<(i64, (usize, usize))> = Vec::new();
    let year_only = anchor_votes(mentions, hint, |day, rank| {
        match votes.iter_mut().find(|(d, _)| *d == day) {
            Some((_, entry)) => {
                entry.0 += 1;
                entry.1 = entry.1.min(rank);
            }
            None => votes.push((day, (1, rank))),
        }
    });
    let best = votes.into_iter().max_by_key(|&(day, (count, rank))| {
        (count, std::cmp::Reverse(rank), std::cmp::Reverse(day))
    });
    anchor_of(best.map(|(day, _)| day), year_only)
}

/// The year that puts month/day nearest the anchor (a cable of 3 January
/// speaks of 30 December of the year before).
///
/// The same day of the years before and after lies 365 days or more from
/// this year's; so when this year's is at most half a year (182 days) from
/// the anchor, it is strictly the nearest, and the other two years are not
/// computed (most dates fall near the document's). `nearest_year_of_three`
/// is the plain version, kept for the test that compares them.
fn nearest_year(month: u8, day: u8, anchor: Anchor) -> i32 {
    const HALF_A_YEAR: i64 = 182;
    let (Some(anchor_day), Some(last)) = (anchor.day, days_in_month(anchor.year, month)) else {
        return nearest_year_of_three(month, day, anchor);
    };
    let this_year = days_from_civil(anchor.year, month, day.min(last));
    if (this_year - anchor_day).abs() <= HALF_A_YEAR {
        return anchor.year;
    }
    nearest_year_of_three(month, day, anchor)
}

/// [`nearest_year`] by trying the anchor's year and the years on each
/// side.
fn nearest_year_of_three(month: u8, day: u8, anchor: Anchor) -> i32 {
    let Some(anchor_day) = anchor.day else {
        return anchor.year;
    };
    let day = day.min(days_in_month(anchor.year, month).unwrap_or(28));
    [anchor.year - 1, anchor.year, anchor.year + 1]
        .into_iter()
        .min_by_key(|&y| {
            let d = days_in_month(y, month).map_or(day, |n| day.min(n));
            (days_from_civil(y, month, d) - anchor_day).abs()
        })
        .unwrap_or(anchor.year)
}

/// Orders numeric dates: each one's own evidence (a day over 12, or only one
/// reading that fits the document's date for a header stamp), then the
/// document's majority for those that stay open.
fn settle_order(
    mentions: &mut [DateMention],
    anchor: Option<Anchor>,
    hint: i32,
) -> Option<NumericOrder> {
    for m in mentions
        .iter_mut()
        .filter(|m| m.ambiguous && m.role != DateRole::Reference)
    {
        let (Some(anchor), Some(day), Some(month)) = (anchor, m.day, m.month) else {
            continue;
        };
        let Some(anchor_day) = anchor.day else {
            continue;
        };
        let fits = |month: u32, day: u32| {
            let (month, day) = (month as u8, day as u8);
            let year = m.year.map_or_else(
                || nearest_year(month, day, anchor),
                |y| full_year(y.value, hint),
            );
            Interval::new(year, Some(month), Some(day), None).is_some_and(|i| {
                let d = i.first_day() - anchor_day;
                (-SETTLE_BEFORE_DAYS..=SETTLE_AFTER_DAYS).contains(&d)
            })
        };
        match (fits(month.value, day.value), fits(day.value, month.value)) {
            (true, false) => m.own_order = Some(NumericOrder::DayFirst),
            (false, true) => m.own_order = Some(NumericOrder::MonthFirst),
            _ => {}
        }
    }
    let count = |order| {
        mentions
            .iter()
            .filter(|m| m.own_order == Some(order))
            .count()
    };
    let (day_first, month_first) = (
        count(NumericOrder::DayFirst),
        count(NumericOrder::MonthFirst),
    );
    let document_order = match day_first.cmp(&month_first) {
        std::cmp::Ordering::Greater => Some(NumericOrder::DayFirst),
        std::cmp::Ordering::Less => Some(NumericOrder::MonthFirst),
        std::cmp::Ordering::Equal => None,
    };
    for m in mentions.iter_mut().filter(|m| m.ambiguous) {
        if let Some(order) = m.own_order.or(document_order) {
            if order == NumericOrder::MonthFirst {
                std::mem::swap(&mut m.day, &mut m.month);
            }
            m.order = Some(order);
        }
    }
    document_order
}

fn resolve_one(
    m: &DateMention,
    anchor: Option<Anchor>,
    hint: i32,
) -> Option<(i32, Option<u8>, Option<u8>)> {
    if m.form == DateForm::WeekdayTime {
        return None;
    }
    let month = m.month.map(|c| c.value as u8);
    let day = m.day.map(|c| c.value as u8);
    if let Some(year) = m.year {
        return Some((full_year(year.value, hint), month, day));
    }
    let anchor = anchor?;
    match (month, day) {
        (Some(month), Some(day)) => {
            Some((nearest_year(month, day, anchor), Some(month), Some(day)))
        }
        (Some(month), None) => Some((anchor.year, Some(month), None)),
        (None, Some(day)) => {
            // A day alone is of the document's month ("arrived here 12th"),
            // or of the month before when this month lacks it.
            let anchor_day = anchor.day?;
            let (y, mo, _) = civil_from_days(anchor_day);
            let (py, pm) = if mo == 1 { (y - 1, 12) } else { (y, mo - 1) };
            if days_in_month(y, mo).is_some_and(|n| day <= n) {
                Some((y, Some(mo), Some(day)))
            } else if days_in_month(py, pm).is_some_and(|n| day <= n) {
                Some((py, Some(pm), Some(day)))
            } else {
                None
            }
        }
        (None, None) => None,
    }
}

fn confidence(m: &DateMention) -> Confidence {
    if (m.ambiguous && m.order.is_none())
        || m.form == DateForm::Ordinal
        || (m.month.is_none() && m.day.is_some())
    {
        return Confidence::Low;
    }
    let year_written = m.year.is_some_and(|y| y.value >= 1000);
    let settled_by_document = m.ambiguous && m.own_order.is_none();
    if year_written && !settled_by_document {
        Confidence::High
    } else {
        Confidence::Medium
    }
}

const DOCUMENT_PRIORITY: [DateRole; 5] = [
    DateRole::Header,
    DateRole::Closing,
    DateRole::Archive,
    DateRole::Original,
    DateRole::Serial,
];

fn priority(role: DateRole) -> usize {
    DOCUMENT_PRIORITY
        .iter()
        .position(|r| *r == role)
        .unwrap_or(DOCUMENT_PRIORITY.len())
}

/// The day most of the header, closing, archive line and original header
/// agree on (the header's on a tie); a sending stamp when none states one.
fn document_date(mentions: &[DateMention]) -> Option<DocumentDate> {
    let stating: Vec<(usize, Interval)> = mentions
        .iter()
        .enumerate()
        .filter(|(_, m)| m.role.dates_the_document())
        .filter_map(|(i, m)| Some((i, m.interval()?)))
        .collect();
    // The statements that give a day, walked twice rather than listed.
    let precise = || {
        stating
            .iter()
            .filter(|(_, i)| i.precision >= Precision::Day)
    };
    // How many statements give a day, counted in a sorted list (no hash map).
    let mut days: Vec<i64> = precise().map(|(_, i)| i.first_day()).collect();
    days.sort_unstable();
    let agreeing =
        |day: i64| days.partition_point(|&d| d <= day) - days.partition_point(|&d| d < day);
    if let Some(best) = precise().max_by_key(|(i, interval)| {
        (
            agreeing(interval.first_day()),
            std::cmp::Reverse(priority(mentions[*i].role)),
            std::cmp::Reverse(*i),
        )
    }) {
        let day = best.1.first_day();
        let sources = stating
            .iter()
            .filter(|(_, i)| i.first_day() <= day && day <= i.last_day())
            .map(|(i, _)| *i)
            .collect();
        return Some(DocumentDate {
            interval: best.1,
            sources,
        });
    }
    if let Some(&(i, interval)) = stating.iter().max_by_key(|(i, interval)| {
        (
            interval.precision,
            std::cmp::Reverse(priority(mentions[*i].role)),
        )
    }) {
        return Some(DocumentDate {
            interval,
            sources: vec![i],
        });
    }
    let (i, interval) = mentions
        .iter()
        .enumerate()
        .filter(|(_, m)| m.role == DateRole::Sent)
        .find_map(|(i, m)| Some((i, m.interval()?)))?;
    Some(DocumentDate {
        interval,
        sources: vec![i],
    })
}

/// "342 – WEDNESDAY – 1700hs" heads the text sent on the day the header's
/// sending stamp (or else the document's date) gives.
fn date_weekday_headings(mentions: &mut [DateMention], document: Option<&DocumentDate>) {
    let sent_day = mentions
        .iter()
        .filter(|m| m.role == DateRole::Sent && m.form != DateForm::WeekdayTime)
        .find_map(|m| m.interval())
        .or(document.map(|d| d.interval))
        .filter(|i| i.precision >= Precision::Day);
    let Some(day) = sent_day else { return };
    let (y, mo, d) = civil_from_days(day.first_day());
    for m in mentions
        .iter_mut()
        .filter(|m| m.form == DateForm::WeekdayTime)
    {
        m.set_resolved(Some((y, Some(mo), Some(d))));
        m.confidence = Confidence::Medium;
    }
}

#[cfg(test)]
mod tests {
    use super::has_words;
    use crate::model::dates::{Component, Confidence, DateForm, DateMention, DateRole};
    use crate::text::Span;

    /// A statement of the document's date, as the scanner would give it.
    fn statement(role: DateRole, year: u32, month: u32, day: Option<u32>) -> DateMention {
        let component = |value| Component {
            span: Span::new(0, 1),
            value,
            supplied: false,
        };
        DateMention {
            span: Span::new(0, 1),
            role,
            form: DateForm::Textual,
            weekday: None,
            year: Some(component(year)),
            month: Some(component(month)),
            day: day.map(component),
            time: None,
            order: None,
            ambiguous: false,
            own_order: None,
            relative: false,
            confidence: Confidence::High,
            resolved: None,
            resolved_interval: None,
        }
    }

    #[test]
    fn the_last_gap_is_found_in_one_walk_as_gap_by_gap() {
        let pieces = ["  ", " ", "\t", "…", "a", "Bonn", ".", "—", "𠀋"];
        let mut rng = Rng(0x1962_0628_0000_0012);
        for _ in 0..20_000 {
            let count = rng.below(9);
            let text = rng.text_of(&pieces, count);
            assert_eq!(
                super::last_gap_end(text.as_bytes()),
                super::last_gap_end_plain(text.as_bytes()),
                "{text:?}"
            );
        }
    }

    #[test]
    fn the_anchor_is_the_one_the_list_of_votes_gave() {
        const ROLES: [DateRole; 5] = [
            DateRole::Header,
            DateRole::Sent,
            DateRole::Archive,
            DateRole::Serial,
            DateRole::Reference,
        ];
        let mut rng = Rng(0x1962_0628_0000_0007);
        for _ in 0..5_000 {
            // Up to twice the votes the stack holds: both ways of counting.
            let count = rng.below(2 * super::super::votes::SHORT_VOTES + 4);
            let mentions: Vec<DateMention> = (0..count)
                .map(|_| {
                    // Few days, so that they often agree; day 0 and 30
                    // February name no day; no day gives a year alone.
                    let day = [None, Some(0), Some(1), Some(2), Some(3), Some(30)][rng.below(6)];
                    let year = [62, 1961, 1962][rng.below(3)];
                    let month = 1 + rng.below(2) as u32;
                    statement(ROLES[rng.below(ROLES.len())], year, month, day)
                })
                .collect();
            assert_eq!(
                super::anchor(&mentions, 1900),
                super::anchor_by_list(&mentions, 1900),
                "{mentions:?}"
            );
        }
    }

    #[test]
    fn a_document_stating_its_date_many_times_is_anchored_by_the_majority() {
        // 40,000 statements on as many days (every day of 110 years), then
        // 28 June 1962 twice more in a sending stamp, which ranks below
        // the header: counted in a list, each vote searched all the days
        // before it.
        let first = super::days_from_civil(1900, 1, 1);
        let mut mentions: Vec<DateMention> = (first..first + 40_000)
            .map(|d| {
                let (y, m, day) = super::civil_from_days(d);
                statement(
                    DateRole::Header,
                    y as u32,
                    u32::from(m),
                    Some(u32::from(day)),
                )
            })
            .collect();
        for _ in 0..2 {
            mentions.push(statement(DateRole::Sent, 1962, 6, Some(28)));
        }
        let june_28 = super::days_from_civil(1962, 6, 28);
        assert_eq!(
            super::anchor(&mentions, 1900),
            Some(super::Anchor {
                year: 1962,
                day: Some(june_28)
            })
        );
        // One more vote for the first day ties it with 28 June at three
        // votes each, both from the header at best: the earlier day wins.
        mentions.push(statement(DateRole::Header, 1900, 1, Some(1)));
        mentions.push(statement(DateRole::Header, 1900, 1, Some(1)));
        assert_eq!(
            super::anchor(&mentions, 1900),
            Some(super::Anchor {
                year: 1900,
                day: Some(first)
            })
        );
    }

    #[test]
    fn nearest_year_is_that_of_the_three_years_tried() {
        // Every month (and two that are none) and day, against anchors on
        // every day of a leap year, the years around it and a year before
        // the common era; without an anchor day too.
        for anchor_year in [-1, 1899, 1900, 1963, 1964, 1965, 2000] {
            let first = super::days_from_civil(anchor_year, 1, 1);
            let last = super::days_from_civil(anchor_year, 12, 31);
            for anchor_day in (first..=last).map(Some).chain([None]) {
                let anchor = super::Anchor {
                    year: anchor_year,
                    day: anchor_day,
                };
                for month in 0..=13 {
                    for day in 0..=32 {
                        assert_eq!(
                            super::nearest_year(month, day, anchor),
                            super::nearest_year_of_three(month, day, anchor),
                            "{month}/{day} near {anchor:?}"
                        );
                    }
                }
            }
        }
    }
    use crate::test_random::Rng;

    #[test]
    fn every_space_outside_ascii_starts_with_a_byte_that_is_decoded() {
        let mut buffer = [0; 4];
        for c in (0x80..=0x10FFFF).filter_map(char::from_u32) {
            if c.is_whitespace() {
                let lead = c.encode_utf8(&mut buffer).as_bytes()[0];
                assert!(matches!(lead, 0xC2 | 0xE1 | 0xE2 | 0xE3), "{c:?}");
            }
        }
    }

    #[test]
    fn words_are_counted_as_split_whitespace_counts_them() {
        const PIECES: &[&str] = &[
            "a",
            "word",
            " ",
            "  ",
            "\t",
            "\r\n",
            "\n",
            "\u{B}",
            "\u{C}",
            "\u{A0}",
            "\u{3000}",
            "\u{2028}",
            "\u{85}",
            "\u{1C}",
            "\u{1680}",
            "\u{202F}",
            "x\u{3000}y",
            "批发",
            "𠀋",
            "é",
            ".",
            "—",
            "\u{FEFF}",
        ];
        let mut rng = Rng(0x00c0_ffee_1962_0628);
        for _ in 0..20_000 {
            // Up to about a hundred bytes: whole runs of eight and the
            // bytes after them.
            let count = rng.below(40);
            let text = rng.text_of(PIECES, count);
            for words in 1..10 {
                assert_eq!(
                    has_words(&text, words),
                    text.split_whitespace().nth(words - 1).is_some(),
                    "{words} words in {text:?}"
                );
            }
        }
    }
}
