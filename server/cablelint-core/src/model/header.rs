//! Header lines → fields. A line may hold several fields, separated by wide
//! spacing or dot leaders (`From…Hanoi…..dispatched on 03.11.`), or by a
//! second `Label:` (`Destination: PEKING To Whom: SovAmbassador`).

use crate::profile::{FieldPattern, LabelHead, Profile};
use crate::text::Span;
use std::sync::Arc;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HeaderField {
    /// The label as written (empty span for pattern fields such as a dateline).
    pub label: Span,
    /// The profile field it names; `None` for a label the profile lacks.
    /// Shared with the profile: a header of many fields copies no strings.
    pub field: Option<Arc<str>>,
    /// The value, trimmed of separators and dot leaders (may be empty).
    pub value: Span,
    /// Found through an original-language label (发往, Кому…).
    pub original: bool,
    /// 0-based line number.
    pub line: usize,
}

/// A profile prepared for matching lines: labels lower-cased, longest first,
/// patterns compiled once per profile.
pub struct LabelMatcher<'p> {
    profile: &'p Profile,
    patterns: &'p [FieldPattern],
}

impl<'p> LabelMatcher<'p> {
    pub fn new(profile: &'p Profile) -> Self {
        LabelMatcher {
            profile,
            patterns: profile.patterns(),
        }
    }

    /// Fields on one header line. `start` is the line's offset in the document.
    pub fn fields_on_line(&self, line_text: &str, start: usize, line: usize) -> Vec<HeaderField> {
        let mut fields = Vec::new();
        let trimmed = line_text.trim();
        self.fields_on_line_into(
            line_text,
            trimmed,
            start,
            line,
            &mut fields,
            &mut Vec::new(),
        );
        fields
    }

    /// [`LabelMatcher::fields_on_line`] appended to `out`; `trimmed` is
    /// `line_text.trim()`, a slice of it (the segmenter's line table has it
    /// already); `scratch` holds the line's segments. A header of many lines
    /// reuses both buffers instead of allocating two lists per line.
    pub(crate) fn fields_on_line_into(
        &self,
        line_text: &str,
        trimmed: &str,
        start: usize,
        line: usize,
        out: &mut Vec<HeaderField>,
        scratch: &mut Vec<Span>,
    ) {
        debug_assert_eq!(trimmed, line_text.trim());
        let base = out.len();
        if trimmed.is_empty() {
            return;
        }
        // `trimmed` lies inside `line_text`: its offset there is the lead.
        let lead = trimmed.as_ptr() as usize - line_text.as_ptr() as usize;
        segments_into(line_text, scratch);
        for (i, &segment) in scratch.iter().enumerate() {
            let seg_text = &line_text[segment.range()];
            // `From…Hanoi…`: a label alone in its segment takes the next one as value.
            let label = self.label_at_start(seg_text);
            if let Some(last) = out[base..]
                .last_mut()
                .filter(|f| f.value.is_empty() && f.field.is_some())
            {
                if label.is_none() && last.value.start <= start + segment.start {
                    last.value = trim_value(line_text, segment).shift(start);
                    continue;
                }
            }
            match label {
                Some((label_len, field_index, original)) => {
                    let label = Span::new(segment.start, segment.start + label_len);
                    self.push_with_inline_labels(
                        out,
                        line_text,
                        label,
                        segment.end,
                        field_index,
                        original,
                        start,
                        line,
                    );
                }
                None if i == 0 => {
                    if let Some(field_index) = self.pattern_field(trimmed) {
                        let value = Span::new(lead, lead + trimmed.len());
                        out.push(self.field(
                            Span::empty(lead),
                            Some(field_index),
                            value,
                            false,
                            start,
                            line,
                        ));
                        return;
                    }
                    if let Some((label, value)) = unknown_label(seg_text) {
                        out.push(HeaderField {
                            label: label.shift(start + segment.start),
                            field: None,
                            value: value.shift(start + segment.start),
                            original: false,
                            line,
                        });
                    }
                }
                None => {}
            }
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn push_with_inline_labels(
        &self,
        fields: &mut Vec<HeaderField>,
        line_text: &str,
        mut label: Span,
        segment_end: usize,
        mut field_index: usize,
        mut original: bool,
        start: usize,
        line: usize,
    ) {
        loop {
            let value_start = skip_separators(line_text, label.end, segment_end);
            // A second `Label:` inside the value starts another field.
            let next = self.inline_label(line_text, value_start, segment_end);
            let value_end = next.map_or(segment_end, |(at, _, _, _)| at);
            let value = trim_value(line_text, Span::new(value_start, value_end));
            fields.push(self.field(label, Some(field_index), value, original, start, line));
            match next {
                Some((at, len, index, orig)) => {
                    label = Span::new(at, at + len);
                    field_index = index;
                    original = orig;
                }
                None => return,
            }
        }
    }

    fn field(
        &self,
        label: Span,
        index: Option<usize>,
        value: Span,
        original: bool,
        start: usize,
        line: usize,
    ) -> HeaderField {
        HeaderField {
            label: label.shift(start),
            field: index.map(|i| self.profile.field_id(i)),
            value: value.shift(start),
            original,
            line,
        }
    }

    fn label_at_start(&self, segment: &str) -> Option<(usize, usize, bool)> {
        let first = segment.chars().next()?;
        let mut labels = self.profile.labels_starting_with(first);
        labels.find_map(|(label, index, original, head)| {
            if ruled_out(segment.as_bytes(), head) {
                return None;
            }
            let len = prefix_ignore_case(segment, label)?;
            let next = segment[len..].chars().next();
            let ends_label = label.ends_with('.')
                || original
                || next.is_none_or(|c| {
                    c.is_whitespace() || matches!(c, ':' | '：' | '…' | '.' | '-' | '—')
                });
            ends_label.then_some((len, index, original))
        })
    }

    /// ` Label:` after white space, within `from..to` of the line.
    fn inline_label(
        &self,
        line_text: &str,
        from: usize,
        to: usize,
    ) -> Option<(usize, usize, usize, bool)> {
        let hay = &line_text[from..to];
        // An inline label ends at a colon: without one (`:` or the
        // full-width `：`, whose lead byte is 0xEF) there is none to find.
        memchr::memchr2(b':', 0xEF, hay.as_bytes())?;
        let bytes = hay.as_bytes();
        let mut offset = 0;
        while offset < bytes.len() {
            // ASCII (most of a value) is read without decoding, its white
            // space (as `char::is_whitespace` has it) told by the byte.
            let b = bytes[offset];
            let white = if b.is_ascii() {
                offset += 1;
                matches!(b, b' ' | b'\t' | b'\n' | b'\x0B' | b'\x0C' | b'\r')
            } else {
                let c = hay[offset..].chars().next().unwrap_or(' ');
                offset += c.len_utf8();
                c.is_whitespace()
            };
            if !white {
                continue;
            }
            let at = from + offset;
            let Some(first) = line_text[at..to].chars().next() else {
                continue;
            };
            let rest = &line_text.as_bytes()[at..to];
            for (label, index, original, head) in self.profile.labels_starting_with(first) {
                // An ASCII label over ASCII text matches as many bytes as it
                // has: without a colon right after them it cannot be inline.
                let n = label.len();
                if label.is_ascii()
                    && rest.len() >= n
                    && rest[..n].is_ascii()
                    && !matches!(rest.get(n), Some(b':' | 0xEF))
                {
                    continue;
                }
                if ruled_out(rest, head) {
                    continue;
                }
                if let Some(len) = prefix_ignore_case(&line_text[at..to], label) {
                    if line_text[at + len..to].starts_with([':', '：']) {
                        return Some((at, len, index, original));
                    }
                }
            }
        }
        None
    }

    /// [`LabelMatcher::inline_label`] without the colon test that skips
    /// labels, kept as its oracle.
    #[cfg(test)]
    fn inline_label_oracle(
        &self,
        line_text: &str,
        from: usize,
        to: usize,
    ) -> Option<(usize, usize, usize, bool)> {
        let hay = &line_text[from..to];
        memchr::memchr2(b':', 0xEF, hay.as_bytes())?;
        for (offset, c) in hay.char_indices() {
            if !c.is_whitespace() {
                continue;
            }
            let at = from + offset + c.len_utf8();
            let Some(first) = line_text[at..to].chars().next() else {
                continue;
            };
            for (label, index, original, _) in self.profile.labels_starting_with(first) {
                if let Some(len) = prefix_ignore_case(&line_text[at..to], label) {
                    if line_text[at + len..to].starts_with([':', '：']) {
                        return Some((at, len, index, original));
                    }
                }
            }
        }
        None
    }

    fn pattern_field(&self, trimmed: &str) -> Option<usize> {
        self.patterns
            .iter()
            .find(|p| p.is_match(trimmed))
            .map(|p| p.field)
    }
}

/// Pieces of a line separated by two or more spaces (no-break and
/// ideographic ones too: the archive pads its form headers with ` \u{a0}\u{a0}`),
/// tabs or dot leaders.
fn segments_into(line: &str, out: &mut Vec<Span>) {
    out.clear();
    let bytes = line.as_bytes();
    let char_at = |i: usize| match bytes.get(i) {
        None => None,
        Some(&b) if b.is_ascii() => Some(char::from(b)),
        Some(_) => line[i..].chars().next(),
    };
    let mut seg_start: Option<usize> = None;
    let mut i = 0;
    while i < bytes.len() {
        // Most bytes are letters: a run of bytes that can neither be nor
        // start a gap is skipped without decoding or comparing characters.
        if PLAIN[usize::from(bytes[i])] {
            seg_start.get_or_insert(i);
            i = plain_run_end(bytes, i + 1);
            continue;
        }
        let Some(c) = char_at(i) else { break };
        let next_at = i + c.len_utf8();
        let is_gap = c == '\t'
            || c == '…'
            || c == '\u{3000}'
            || (c.is_whitespace() && char_at(next_at).is_some_and(char::is_whitespace))
            || (c == '.' && bytes.get(next_at) == Some(&b'.'));
        if is_gap {
            if let Some(s) = seg_start.take() {
                out.push(Span::new(s, i));
            }
            // Swallow the rest of this gap.
            i = next_at;
            while let Some(n) = char_at(i).filter(|&n| n.is_whitespace() || matches!(n, '…' | '.'))
            {
                i += n.len_utf8();
            }
            continue;
        }
        if seg_start.is_none() && !c.is_whitespace() {
            seg_start = Some(i);
        }
        i = next_at;
    }
    if let Some(s) = seg_start {
        out.push(Span::new(s, line.trim_end().len().max(s)));
    }
}

/// Where a run of [`PLAIN`] bytes from `i` ends. A single space or `.`
/// before a [`PLAIN`] byte is no gap either (a gap needs two), and inside a
/// segment it starts nothing: the run goes on. (A function of its own, so
/// the loop keeps the line in registers.)
fn plain_run_end(bytes: &[u8], mut i: usize) -> usize {
    // Eight bytes at a time while they are printable ASCII with no space or
    // `.` before another (a word and its single spaces, most of a header
    // line); the byte loop below decides the rest.
    while let Some(eight) = bytes.get(i..i + 8) {
        match <[u8; 8]>::try_from(eight).map(|w| plain_ascii_run(u64::from_le_bytes(w))) {
            Ok(run @ 1..) => i += run,
            _ => break,
        }
    }
    plain_run_end_bytewise(bytes, i)
}

/// How many of the eight bytes of `word` (little-endian) [`plain_run_end`]
/// passes without looking further: all eight when every byte is ASCII from
/// `!` on, or a space or `.` followed within the word by such a byte; the
/// first seven when only the last is a space or `.` (whose fate the byte
/// after decides); none otherwise.
fn plain_ascii_run(word: u64) -> usize {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = ONES * 0x80;
    const LOW: u64 = ONES * 0x7F;
    // The high bit of each byte equal to `b` (exactly: no sum carries into
    // the next byte).
    let equal = |b: u8| {
        let x = word ^ (ONES * u64::from(b));
        !(((x & LOW) + LOW) | x) & HIGH
    };
    // ASCII, and from 0x20 on (control characters, the white space among
    // them, go the byte way): `b + 0x60` reaches 0x80 exactly then.
    let printable = word & HIGH == 0 && (word + ONES * 0x60) & HIGH == HIGH;
    if !printable {
        return 0;
    }
    let gaps = equal(b' ') | equal(b'.');
    // A space or `.` must be followed by a byte that is neither.
    if gaps & (gaps >> 8) != 0 {
        return 0;
    }
    if gaps >> 56 != 0 {
        7
    } else {
        8
    }
}

/// [`plain_run_end`] a byte at a time: its tail and its oracle.
fn plain_run_end_bytewise(bytes: &[u8], mut i: usize) -> usize {
    while let Some(&b) = bytes.get(i) {
        if PLAIN[usize::from(b)] {
            i += 1;
        } else if matches!(b, b' ' | b'.')
            && bytes.get(i + 1).is_some_and(|&n| PLAIN[usize::from(n)])
        {
            i += 2;
        } else {
            break;
        }
    }
    i
}

/// Bytes of characters that are never part of a gap and always part of a
/// segment: ASCII but white space (as `char::is_whitespace` has it) and
/// `.`, and every byte of a character whose lead byte rules out white
/// space, `…` and U+3000 (CJK, Cyrillic, Latin letters with accents, astral
/// characters). The leads C2 (U+0085, U+00A0), E1 (U+1680), E2 (U+2000–U+205F,
/// `…`) and E3 (U+3000) are decoded. A run never starts at a continuation
/// byte: it starts where a character does, and skips a character's lead
/// and continuation bytes together.
static PLAIN: [bool; 256] = {
    let mut table = [false; 256];
    let mut b = 0;
    while b < 256 {
        table[b] = match b as u8 {
            b' ' | b'\t' | b'\n' | b'\x0B' | b'\x0C' | b'\r' | b'.' => false,
            0x00..=0x7F => true,
            // Continuation bytes.
            0x80..=0xBF => true,
            0xC3..=0xDF | 0xE0 | 0xE4..=0xEF | 0xF0..=0xF4 => true,
            // C0, C1 and F5–FF never occur in UTF-8.
            _ => false,
        };
        b += 1;
    }
    table
};

/// The character-by-character split [`segments_into`] replaced, kept as its
/// oracle.
#[cfg(test)]
fn char_segments_oracle(line: &str, out: &mut Vec<Span>) {
    let mut seg_start: Option<usize> = None;
    let mut gap_start = 0;
    let mut chars = line.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let next = chars.peek().map(|&(_, n)| n);
        let is_gap = c == '\t'
            || c == '…'
            || c == '\u{3000}'
            || (c.is_whitespace() && next.is_some_and(char::is_whitespace))
            || (c == '.' && next == Some('.'));
        if is_gap {
            if let Some(s) = seg_start.take() {
                out.push(Span::new(s, i));
            }
            gap_start = i;
            // Swallow the rest of this gap.
            while let Some(&(_, n)) = chars.peek() {
                if n.is_whitespace() || matches!(n, '…' | '.') {
                    chars.next();
                } else {
                    break;
                }
            }
        } else if seg_start.is_none() && !c.is_whitespace() {
            seg_start = Some(i);
        }
    }
    let _ = gap_start;
    if let Some(s) = seg_start {
        out.push(Span::new(s, line.trim_end().len().max(s)));
    }
}

/// `Label: value` with a short label the profile does not know.
fn unknown_label(segment: &str) -> Option<(Span, Span)> {
    // No `:` and no lead byte of `：` (0xEF): no label, without decoding.
    memchr::memchr2(b':', 0xEF, segment.as_bytes())?;
    let colon = segment.find([':', '：'])?;
    let label = segment[..colon].trim_end();
    let words = label.split_whitespace().count();
    let plausible = (1..=4).contains(&words)
        && label.chars().next().is_some_and(char::is_alphabetic)
        && label.chars().all(|c| c.is_alphabetic() || matches!(c, ' ' | '.' | '\'' | '’' | '-' | '(' | ')' | '/'))
        // "8:30" and URLs are not labels.
        && !segment[colon..].starts_with("://");
    if !plausible {
        return None;
    }
    let sep_len = segment[colon..].chars().next().map_or(1, char::len_utf8);
    let value = trim_value(segment, Span::new(colon + sep_len, segment.len()));
    Some((Span::new(0, label.len()), value))
}

fn skip_separators(line: &str, mut at: usize, end: usize) -> usize {
    let bytes = line.as_bytes();
    while at < end {
        // ASCII (nearly every separator) without decoding.
        let b = bytes[at];
        if b.is_ascii() {
            let separator = b.is_ascii_whitespace()
                || b == b'\x0B'
                || b == b':'
                || (b == b'.' && bytes.get(at + 1) == Some(&b'.'));
            if !separator {
                break;
            }
            at += 1;
            continue;
        }
        let c = line[at..].chars().next().unwrap_or(' ');
        if c.is_whitespace() || matches!(c, '：' | '…') {
            at += c.len_utf8();
        } else {
            break;
        }
    }
    at.min(end)
}

/// [`skip_separators`] character by character, kept as its oracle.
#[cfg(test)]
fn skip_separators_oracle(line: &str, mut at: usize, end: usize) -> usize {
    while at < end {
        let c = line[at..].chars().next().unwrap_or(' ');
        if c.is_whitespace()
            || matches!(c, ':' | '：' | '…')
            || (c == '.' && line[at..].starts_with(".."))
        {
            at += c.len_utf8();
        } else {
            break;
        }
    }
    at.min(end)
}

fn trim_value(line: &str, span: Span) -> Span {
    let raw = &line[span.range()];
    let after_lead = raw.trim_start();
    let start = span.start + (raw.len() - after_lead.len());
    // `after_lead.trim_end()` is `raw.trim()`, without trimming the lead twice.
    let trimmed = after_lead.trim_end().trim_end_matches(['…', ' ']);
    let trimmed = if trimmed.ends_with("..") {
        trimmed.trim_end_matches('.')
    } else {
        trimmed
    };
    Span::new(start, start + trimmed.len())
}

/// The first bytes of `hay` prove that the label of `head` does not start
/// it, as [`prefix_ignore_case`] compares: they are ASCII and differ from the
/// label's in more than case. (Past a non-ASCII byte of `hay` case folding
/// may match what bytes do not, so nothing is ruled out there.)
fn ruled_out(hay: &[u8], head: LabelHead) -> bool {
    const HIGH: u64 = 0x8080_8080_8080_8080;
    if head.bytes == 0 {
        return false;
    }
    // A shorter `hay` is padded with zero bytes: where the label has a
    // byte and `hay` none, the label cannot start it.
    let word = match hay.get(..8) {
        Some(first) => <[u8; 8]>::try_from(first).unwrap_or_default(),
        None => {
            let mut word = [0; 8];
            word[..hay.len()].copy_from_slice(hay);
            word
        }
    };
    let w = u64::from_le_bytes(word) & head.bytes;
    w & HIGH == 0 && (w | head.fold) != head.lower
}

/// Byte length of `label` at the start of `hay`, compared without case.
pub fn prefix_ignore_case(hay: &str, label: &str) -> Option<usize> {
    // ASCII against ASCII, byte by byte; at the first non-ASCII byte on
    // either side (both sides are then at a character boundary) the rest is
    // compared character by character, as case folding may map a non-ASCII
    // character to an ASCII one (the Kelvin sign to `k`).
    let (h, l) = (hay.as_bytes(), label.as_bytes());
    // The label itself, byte for byte (a CJK or Cyrillic label as written):
    // the same characters, whatever their case.
    if h.starts_with(l) {
        return Some(l.len());
    }
    // Both ASCII over the label's length (the common case): one comparison.
    if let Some(start) = h.get(..l.len()) {
        if start.is_ascii() && l.is_ascii() {
            return start.eq_ignore_ascii_case(l).then_some(l.len());
        }
    }
    let mut i = 0;
    while i < l.len() && i < h.len() && l[i].is_ascii() && h[i].is_ascii() {
        if !l[i].eq_ignore_ascii_case(&h[i]) {
            return None;
        }
        i += 1;
    }
    if i == l.len() {
        return Some(i);
    }
    prefix_ignore_case_chars(&hay[i..], &label[i..]).map(|len| i + len)
}

/// [`prefix_ignore_case`] without its all-ASCII comparison, kept as its oracle.
#[cfg(test)]
fn prefix_ignore_case_oracle(hay: &str, label: &str) -> Option<usize> {
    // ASCII against ASCII, byte by byte; at the first non-ASCII byte on
    // either side (both sides are then at a character boundary) the rest is
    // compared character by character, as case folding may map a non-ASCII
    // character to an ASCII one (the Kelvin sign to `k`).
    let (h, l) = (hay.as_bytes(), label.as_bytes());
    let mut i = 0;
    while i < l.len() && i < h.len() && l[i].is_ascii() && h[i].is_ascii() {
        if !l[i].eq_ignore_ascii_case(&h[i]) {
            return None;
        }
        i += 1;
    }
    if i == l.len() {
        return Some(i);
    }
    prefix_ignore_case_chars(&hay[i..], &label[i..]).map(|len| i + len)
}

fn prefix_ignore_case_chars(hay: &str, label: &str) -> Option<usize> {
    let mut hay_chars = hay.char_indices();
    for l in label.chars() {
        let (_, h) = hay_chars.next()?;
        let same = if h.is_ascii() && l.is_ascii() {
            h.eq_ignore_ascii_case(&l)
        } else {
            h == l || h.to_lowercase().eq(l.to_lowercase())
        };
        if !same {
            return None;
        }
    }
    Some(hay_chars.next().map_or(hay.len(), |(i, _)| i))
}

#[cfg(test)]
mod tests;
