//! The time after a date ("…, 7 p.m.", "… at 14:30 hours", "…—noon"),
//! matched by hand: the last piece of the day-first, month-first and
//! numeric forms (`after` in `forms.rs`), which the tree matcher would
//! otherwise try alternative by alternative. Every repetition in it meets a
//! byte it cannot take right after its run (a space before a letter or a
//! digit, a digit before a separator), so only the longest run can lead to
//! a match and the first failure of each alternative is final. Letters are
//! compared in ASCII only: wherever a letter must be read and the byte there
//! is not ASCII (it might fold to one, as long s to s), the answer is
//! [`Time::Unsure`] and the caller runs the tree.

use super::engine::is_word_boundary;
use super::quick::{byte, digit_run, may_be_time, may_be_time_after, spaces};

pub(super) enum Time {
    /// A time from the first to the second place; the match ends there.
    At(usize, usize),
    /// No time follows: the match ends where the piece started.
    Nothing,
    /// Left to the tree.
    Unsure,
}

/// Short-circuits a [`Time::Unsure`] (as `Err`) out of the function.
type Step<T> = Result<T, ()>;

/// Whether `word` (ASCII, lower case) is written at `at`, compared without
/// letter case; `Err` where a byte outside ASCII stands before a mismatch.
fn word_at(bytes: &[u8], at: usize, word: &[u8]) -> Step<bool> {
    for (i, &want) in word.iter().enumerate() {
        let b = byte(bytes, at + i);
        if b >= 0x80 {
            return Err(());
        }
        if b.to_ascii_lowercase() != want {
            return Ok(false);
        }
    }
    Ok(true)
}

/// `(?:hours|hrs|h)\b` at `at`: where it ends.
fn hours_word(text: &[u8], bytes: &[u8], at: usize) -> Step<Option<usize>> {
    for word in [&b"hours"[..], b"hrs", b"h"] {
        if word_at(bytes, at, word)? && is_word_boundary(text, at + word.len()) {
            return Ok(Some(at + word.len()));
        }
    }
    Ok(None)
}

fn two_digits_at(bytes: &[u8], at: usize) -> bool {
    byte(bytes, at).is_ascii_digit() && byte(bytes, at + 1).is_ascii_digit()
}

/// `[ \t]?[ap]\.?[ \t]?m(?:\.|\b)` at `at`: where it ends.
fn ampm(text: &[u8], bytes: &[u8], mut at: usize) -> Step<Option<usize>> {
    if matches!(byte(bytes, at), b' ' | b'\t') {
        at += 1;
    }
    if !(word_at(bytes, at, b"a")? || word_at(bytes, at, b"p")?) {
        return Ok(None);
    }
    at += 1;
    if byte(bytes, at) == b'.' {
        at += 1;
    }
    if matches!(byte(bytes, at), b' ' | b'\t') {
        at += 1;
    }
    if !word_at(bytes, at, b"m")? {
        return Ok(None);
    }
    at += 1;
    Ok(if byte(bytes, at) == b'.' {
        Some(at + 1)
    } else {
        is_word_boundary(text, at).then_some(at)
    })
}

/// `time` in `forms.rs` at `at`: where the preferred match ends, trying the
/// alternatives in their order.
fn time_at(text: &[u8], bytes: &[u8], at: usize) -> Step<Option<usize>> {
    if !may_be_time(bytes, at) {
        return Ok(None);
    }
    let run = digit_run(bytes, at);
    let short = (1..=2).contains(&run);
    let after_run = at + run;
    // [0-9]{1,2}(?:[:.][0-9]{2})?{ampm}: one digit fewer leaves a digit
    // where a separator, space or letter must stand.
    if short {
        let mut end = after_run;
        if matches!(byte(bytes, end), b':' | b'.') && two_digits_at(bytes, end + 1) {
            end += 3;
        }
        if let Some(end) = ampm(text, bytes, end)? {
            return Ok(Some(end));
        }
    }
    // noon\b, midnight\b
    for word in [&b"noon"[..], b"midnight"] {
        if word_at(bytes, at, word)? && is_word_boundary(text, at + word.len()) {
            return Ok(Some(at + word.len()));
        }
    }
    // [0-9]{1,2}:[0-9]{2}(?:{sp0}(?:hours|hrs|h)\b|\b)
    if short && byte(bytes, after_run) == b':' && two_digits_at(bytes, after_run + 1) {
        let end = after_run + 3;
        let gap = spaces(bytes, end);
        if gap <= 4 {
            if let Some(end) = hours_word(text, bytes, end + gap)? {
                return Ok(Some(end));
            }
        }
        if is_word_boundary(text, end) {
            return Ok(Some(end));
        }
    }
    // [0-9]{1,2}\.[0-9]{2}{sp0}(?:hours|hrs|h)\b
    if short && byte(bytes, after_run) == b'.' && two_digits_at(bytes, after_run + 1) {
        let end = after_run + 3;
        let gap = spaces(bytes, end);
        if gap <= 4 {
            if let Some(end) = hours_word(text, bytes, end + gap)? {
                return Ok(Some(end));
            }
        }
    }
    // [0-9]{4}{sp0}hs\b
    if run == 4 {
        let gap = spaces(bytes, after_run);
        let word = after_run + gap;
        if gap <= 4 && word_at(bytes, word, b"hs")? && is_word_boundary(text, word + 2) {
            return Ok(Some(word + 2));
        }
    }
    // [0-9]{1,2}h[0-9]{2}\b
    if short && word_at(bytes, after_run, b"h")? && two_digits_at(bytes, after_run + 1) {
        let end = after_run + 3;
        if is_word_boundary(text, end) {
            return Ok(Some(end));
        }
    }
    Ok(None)
}

/// `(?:\.?(?:{sp0}[,—–-]{sp0}|{sp}(?:at{sp}|um{sp}|в{sp}|o{sp})?)(?P<t>{time}))?`
/// at `at`, given the whole text (for word boundaries) and its bytes up to
/// the section's end.
pub(super) fn after(text: &[u8], bytes: &[u8], at: usize) -> Time {
    match after_steps(text, bytes, at) {
        Ok(Some((start, end))) => Time::At(start, end),
        Ok(None) => Time::Nothing,
        Err(()) => Time::Unsure,
    }
}

fn after_steps(text: &[u8], bytes: &[u8], at: usize) -> Step<Option<(usize, usize)>> {
    if !may_be_time_after(bytes, at) {
        return Ok(None);
    }
    // Without the dot the rest fails at it: no alternative takes a dot.
    let at = at + usize::from(byte(bytes, at) == b'.');
    let time = |start: usize| -> Step<Option<(usize, usize)>> {
        Ok(time_at(text, bytes, start)?.map(|end| (start, end)))
    };
    // {sp0}[,—–-]{sp0}
    let gap = spaces(bytes, at);
    if gap <= 4 {
        let mark = at + gap;
        let mark_len = match byte(bytes, mark) {
            b',' | b'-' => 1,
            0xE2 if byte(bytes, mark + 1) == 0x80
                && matches!(byte(bytes, mark + 2), 0x93 | 0x94) =>
            {
                3
            }
            _ => 0,
        };
        if mark_len > 0 {
            let start = mark + mark_len;
            let gap = spaces(bytes, start);
            if gap <= 4 {
                if let Some(found) = time(start + gap)? {
                    return Ok(Some(found));
                }
            }
        }
    }
    // {sp}(?:at{sp}|um{sp}|в{sp}|o{sp})?
    if !(1..=4).contains(&gap) {
        return Ok(None);
    }
    let word = at + gap;
    let lead = byte(bytes, word);
    if lead >= 0x80 {
        return Err(());
    }
    let word_len = match lead.to_ascii_lowercase() {
        b'a' if word_at(bytes, word + 1, b"t")? => 2,
        b'u' if word_at(bytes, word + 1, b"m")? => 2,
        b'o' => 1,
        _ => 0,
    };
    if word_len > 0 {
        let gap = spaces(bytes, word + word_len);
        if (1..=4).contains(&gap) {
            if let Some(found) = time(word + word_len + gap)? {
                return Ok(Some(found));
            }
        }
    }
    time(word)
}
