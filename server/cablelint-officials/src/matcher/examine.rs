//! Turning one look-up hit into a mention: word boundaries, context,
//! editorial brackets, ranking.

use std::ops::Range;

use super::patterns::{self, FormKind};
use super::reading::Reading;
use super::{chars, context, rank, Matcher, Mention, MentionForm};
use crate::fold::is_unspaced_script;
use crate::title::{analyse, TitleSense};

impl Matcher {
    /// Turns one look-up hit into a mention, or rejects it: the mention
    /// with its candidates not yet scored, and what scoring them takes
    /// (`rank::score_candidates`). (Never inlined, like the scan: it runs
    /// for a few places per document.)
    #[inline(never)]
    pub(super) fn examine(
        &self,
        reading: &Reading<'_>,
        original: &str,
        span: Range<usize>,
        pattern: usize,
        floor: usize,
    ) -> Option<(Mention, rank::Scoring)> {
        let read = reading.text();
        let matched = &read[span.clone()];
        let span = match has_word_boundaries(read, &span) {
            true => span,
            // "товарищу Сталину": a Russian surname declined.
            false => span.start..with_russian_case_ending(read, &span)?,
        };
        if !is_capitalised_like_a_name(matched) {
            return None;
        }
        let entries = self.table.entries(pattern);

        // Context that makes a short form a name.
        // The word after the name is read once, for an institution's name
        // and for a title written after the name.
        let next_word = context::word_after_on_line(read, span.end);
        if context::names_an_institution_by(next_word) {
            return None;
        }
        // Only a surname written first may be followed by someone else's
        // given name; most hits are not one.
        let kept: std::borrow::Cow<'_, [patterns::Entry]>;
        let given_after = match self.has_family_first_surname(entries) {
            true => context::given_name_after(read, span.end, next_word),
            false => None,
        };
        let entries = match given_after {
            Some(given_after) => {
                kept = self.without_other_bearers(entries, given_after)?;
                &kept[..]
            }
            None => entries,
        };
        // The words before the name are read once, for given names and
        // for a title.
        let mut before = context::WordsBefore::new(read, span.start, floor);
        let given = match context::given_word_count(&mut before) {
            // Most names have no given name before them.
            0 => None,
            count => rank::given_evidence(&self.table, entries, &before.given_words(count)),
        };
        let name_start = given.as_ref().map_or(span.start, |g| g.start);
        let name_span = name_start..span.end;
        let title_before = match &given {
            None => context::title_in(&mut before),
            Some(given) => context::title_before(read, given.start, floor),
        };
        // A knight is "Sir" and his given name ("Sir David Ormsby-Gore"):
        // a surname alone right after "Sir" or "Dame" is someone's given
        // name, not that surname's bearer (Václav David).
        let kept_after_knight;
        let entries = match (&given, &title_before) {
            (None, Some(title)) if matches!(&read[title.clone()], "Sir" | "Dame") => {
                kept_after_knight = entries
                    .iter()
                    .filter(|entry| entry.kind != FormKind::Short)
                    .copied()
                    .collect::<Vec<_>>();
                if kept_after_knight.is_empty() {
                    return None;
                }
                &kept_after_knight[..]
            }
            _ => entries,
        };
        let title_in_reading = title_before
            .or_else(|| context::parenthesised_after_title(read, &name_span, floor))
            .or_else(|| context::title_after_word(read, span.end, next_word));

        let mut original_span =
            reading.original_start(name_span.start)..reading.original_end(name_span.end);
        let completed = widen_to_brackets(original, &mut original_span, reading.skipped());
        // A signature line is the last context looked for: most names
        // with a context have another. A context counts only for forms
        // that need one (`usable`, `score_candidates`): when every entry
        // is a name alone, the line is not looked at.
        let has_context = title_in_reading.is_some()
            || given.is_some()
            || completed
            || (entries.iter().any(|entry| !entry.alone)
                && context::is_signature_line(read, &name_span));

        let usable = |entry: &&patterns::Entry| entry.alone || has_context;
        let form = match (entries.iter().filter(usable).map(|e| e.kind).min()?, &given) {
            (FormKind::Native, _) => MentionForm::Native,
            (FormKind::Pseudonym, _) => MentionForm::Pseudonym,
            (FormKind::Short, Some(g)) if g.initials_only => MentionForm::Initials,
            (FormKind::Short, Some(_)) | (FormKind::Full, _) => MentionForm::FullName,
            (FormKind::Short, None) => MentionForm::Surname,
        };
        let title_text = title_in_reading.as_ref().map(|r| &read[r.clone()]);
        // Analysed once: for ranking, and (below) for rules.
        let title_sense = title_text.map(analyse);
        // Scored later, for a list the caller wants.
        let candidates = rank::candidates_of(entries, has_context, given.as_ref());
        if candidates.is_empty() {
            return None;
        }
        let scoring = rank::Scoring {
            given: given.is_some(),
            ranked_title: title_sense.filter(TitleSense::has_rank),
        };
        let title = title_in_reading.map(|r| {
            let mut mapped = reading.original_start(r.start)..reading.original_end(r.end);
            widen_to_brackets(original, &mut mapped, reading.skipped());
            mapped
        });
        // The title as written may differ from its reading (brackets in
        // it): then it is analysed as written.
        let title_sense = match (&title, title_text) {
            (Some(written), Some(read_title)) if original[written.clone()] != *read_title => {
                Some(analyse(&original[written.clone()]))
            }
            _ => title_sense,
        };
        let mention = Mention {
            span: original_span,
            title,
            form,
            glosses: None,
            candidates,
            title_sense,
        };
        Some((mention, scoring))
    }
}

impl Matcher {
    /// Whether the entry is the surname alone of someone whose family name
    /// comes first ("Ji" of Ji Pengfei).
    #[inline]
    fn is_family_first_surname(&self, entry: &patterns::Entry) -> bool {
        entry.kind == FormKind::Short
            && self.registry.persons()[entry.person].name.order
                == crate::model::NameOrder::FamilyFirst
    }

    /// Whether any of `entries` [`Matcher::is_family_first_surname`].
    #[inline]
    fn has_family_first_surname(&self, entries: &[patterns::Entry]) -> bool {
        entries
            .iter()
            .any(|entry| self.is_family_first_surname(entry))
    }

    /// `entries` less the people whose surname this is but not the given
    /// name written after it ([`context::given_name_is_someone_elses`]);
    /// None when no one is left. Runs only where a capitalised word follows
    /// the surname.
    #[inline(never)]
    fn without_other_bearers<'e>(
        &self,
        entries: &'e [patterns::Entry],
        given_after: &str,
    ) -> Option<std::borrow::Cow<'e, [patterns::Entry]>> {
        let persons = self.registry.persons();
        let kept: Vec<patterns::Entry> = entries
            .iter()
            .filter(|entry| {
                !self.is_family_first_surname(entry)
                    || !context::given_name_is_someone_elses(&persons[entry.person], given_after)
            })
            .copied()
            .collect();
        (!kept.is_empty()).then_some(std::borrow::Cow::Owned(kept))
    }
}

/// Whether the hit is a whole word (or words). Chinese and Japanese forms
/// are exempt: those scripts do not separate words.
#[inline]
pub(super) fn has_word_boundaries(text: &str, span: &Range<usize>) -> bool {
    // Most names start with an ASCII letter between ASCII bytes: then each
    // neighbour is a whole character and is tested as a byte, without
    // decoding characters (this runs at every place examined).
    let bytes = text.as_bytes();
    let before = span.start.checked_sub(1).map(|i| bytes[i]);
    let after = bytes.get(span.end).copied();
    let ascii = |b: Option<u8>| b.is_none_or(|b| b.is_ascii());
    if bytes.get(span.start).is_some_and(u8::is_ascii) && ascii(before) && ascii(after) {
        return !before.is_some_and(|b| b.is_ascii_alphanumeric())
            && !after.is_some_and(|b| b.is_ascii_alphanumeric());
    }
    has_word_boundaries_by_chars(text, span)
}

/// Where a Cyrillic name that ends in a consonant ends with a Russian case
/// ending added ("Сталин" in "Сталину", "Хрущев" in "Хрущевым",
/// "Микоян" in "Микояна"), when the ending ends the word and the name
/// starts one. Endings that change the name's own last letters
/// ("Вышинский", "Вышинского") are not read.
pub(super) fn with_russian_case_ending(text: &str, span: &Range<usize>) -> Option<usize> {
    const ENDINGS: [&str; 6] = ["ым", "ом", "ем", "а", "у", "е"];
    // Most names that do not end a word go on in ASCII ("Chen" in "Cheng").
    if text.as_bytes().get(span.end).is_none_or(u8::is_ascii) {
        return None;
    }
    let last = text[..span.end].chars().next_back()?;
    let is_consonant = |c: char| ('б'..='я').contains(&c) && !"аеиоуыэюяй".contains(c);
    if !is_consonant(last.to_lowercase().next()?) {
        return None;
    }
    let rest = &text[span.end..];
    let ending = ENDINGS.iter().find(|ending| rest.starts_with(**ending))?;
    let end = span.end + ending.len();
    has_word_boundaries_by_chars(text, &(span.start..end)).then_some(end)
}

/// [`has_word_boundaries`] character by character: where a neighbour is
/// not ASCII, and the oracle of the byte test.
pub(super) fn has_word_boundaries_by_chars(text: &str, span: &Range<usize>) -> bool {
    let first = text[span.start..].chars().next();
    if first.is_some_and(is_unspaced_script) {
        return true;
    }
    let before = text[..span.start].chars().next_back();
    let after = text[span.end..].chars().next();
    !before.is_some_and(chars::is_alphanumeric) && !after.is_some_and(chars::is_alphanumeric)
}

/// The look-up ignores ASCII case so that "ZHOU ENLAI" and "FILIPPOV"
/// match; but an all-lowercase hit ("page", "hull", "li") is a common word,
/// not a name.
#[inline]
pub(super) fn is_capitalised_like_a_name(matched: &str) -> bool {
    // Most names start with an ASCII capital: it is their first letter.
    if matched
        .as_bytes()
        .first()
        .is_some_and(u8::is_ascii_uppercase)
    {
        return true;
    }
    is_capitalised_like_a_name_by_chars(matched)
}

/// [`is_capitalised_like_a_name`] character by character (the oracle of
/// its first test).
pub(super) fn is_capitalised_like_a_name_by_chars(matched: &str) -> bool {
    let mut letters = matched
        .chars()
        .filter(|&c| chars::is_alphabetic(c))
        .peekable();
    let Some(&first) = letters.peek() else {
        return false;
    };
    !first.is_lowercase() || is_unspaced_script(first) || matched.chars().any(char::is_uppercase)
}

/// Whether `bytes` hold a `[` or a `]`: eight bytes at a time, the last
/// eight overlapping the ones before (a byte equal to one of them leaves a
/// zero byte after the exclusive or).
#[inline(always)]
pub(super) fn has_bracket(bytes: &[u8]) -> bool {
    const LOW: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let in_eight = |eight: &[u8]| {
        let word = u64::from_le_bytes(eight.try_into().expect("eight bytes"));
        let has_zero = |x: u64| x.wrapping_sub(LOW) & !x & HIGH != 0;
        has_zero(word ^ (LOW * u64::from(b'['))) || has_zero(word ^ (LOW * u64::from(b']')))
    };
    let Some(last) = bytes.last_chunk::<8>() else {
        return bytes.iter().any(|&b| b == b'[' || b == b']');
    };
    bytes.chunks_exact(8).any(in_eight) || in_eight(last)
}

/// Widens `span` to balance editorial brackets it cuts through, so that
/// `Ji [Pengfei` becomes `Ji [Pengfei]`. Returns whether the span now
/// contains a bracket (the name was completed by an editor). Brackets in
/// the `skipped` ranges (sorted, merged) are not the text's and are passed
/// over.
///
/// Most names have no bracket: eight bytes at a time say so here, inlined
/// into the caller, and only names with one pay for the frame of
/// [`widen_across_brackets`].
#[inline(always)]
pub(super) fn widen_to_brackets(
    text: &str,
    span: &mut Range<usize>,
    skipped: &[Range<usize>],
) -> bool {
    has_bracket(&text.as_bytes()[span.clone()]) && widen_across_brackets(text, span, skipped)
}

/// [`widen_to_brackets`] of a span that holds a bracket.
#[inline(never)]
pub(super) fn widen_across_brackets(
    text: &str,
    span: &mut Range<usize>,
    skipped: &[Range<usize>],
) -> bool {
    const REACH: usize = 80;
    let bytes = text.as_bytes();
    let inside = &bytes[span.clone()];
    // One pass for the counts and the first and last of each bracket.
    let (mut opens, mut closes) = (0usize, 0usize);
    let (mut first_open, mut first_close) = (None, None);
    let (mut last_open, mut last_close) = (None, None);
    for (i, &b) in inside.iter().enumerate() {
        match b {
            b'[' => {
                opens += 1;
                first_open.get_or_insert(i);
                last_open = Some(i);
            }
            b']' => {
                closes += 1;
                first_close.get_or_insert(i);
                last_close = Some(i);
            }
            _ => {}
        }
    }
    if opens + closes == 0 {
        return false;
    }
    let is_skipped = |pos: usize| {
        let i = skipped.partition_point(|r| r.end <= pos);
        skipped.get(i).is_some_and(|r| r.start <= pos)
    };
    // A `]` before any `[` inside: its `[` is before the span.
    let close_first = match (first_close, first_open) {
        (Some(close), Some(open)) => close < open,
        (Some(_), None) => true,
        _ => false,
    };
    // The nearest bracket outside the span decides: a `]` met looking back
    // (or a `[` looking ahead) first means the one inside is unbalanced in
    // the text too (`Ji [Pengfei handed … [Stepan V.]`), and the span stays.
    let is_bracket = |i: &usize| matches!(bytes[*i], b'[' | b']') && !is_skipped(*i);
    if close_first {
        let floor = span.start.saturating_sub(REACH);
        if let Some(open) = (floor..span.start).rev().find(is_bracket) {
            if bytes[open] == b'[' {
                span.start = open;
            }
        }
    }
    // More `[` than `]`: the completion continues after the span.
    if opens > closes || last_open > last_close {
        let ceiling = (span.end + REACH).min(text.len());
        if let Some(close) = (span.end..ceiling).find(is_bracket) {
            if bytes[close] == b']' {
                span.end = close + 1;
            }
        }
    }
    // The span only grew, and held a bracket before it did: no need to
    // look for one again (the tests still do).
    debug_assert!(bytes[span.clone()].iter().any(|&b| b == b'[' || b == b']'));
    true
}
