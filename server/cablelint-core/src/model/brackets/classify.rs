//! What a paired bracket holds. Judged from its opening words and the word
//! before it, by the cheapest signal that holds across the real corpus; a
//! bracket that fits nowhere is a supplied word.

use super::{Bracket, BracketClass};
use crate::text::Span;

mod known;

/// Bytes of a bracket's content looked at to classify it: a long bracket is
/// judged by its opening words, which keeps deep nesting linear.
pub(super) const MAX_JUDGED: usize = 256;

/// `scratch` holds the bracket's normalised content; one buffer serves every
/// bracket of a document.
pub(super) fn classify(text: &str, bracket: &Bracket, scratch: &mut String) -> BracketClass {
    // The fine judgement always comes to a class; `Supplied` is what it
    // comes to when nothing else fits, so the fallback changes nothing.
    judge::<true>(text, bracket, scratch).unwrap_or(BracketClass::Supplied)
}

/// [`classify`] up to the tests that tell a supplied word, a supplied date,
/// a gloss and a completion apart (dates, the glued letter, the word before
/// and after): `None` for a bracket that is one of those four. The lint
/// rules never ask which, so the parse stops here and leaves the rest to
/// [`classify`] when hover or highlighting asks (see `Bracket::class`).
pub(super) fn settle(text: &str, bracket: &Bracket, scratch: &mut String) -> Option<BracketClass> {
    judge::<false>(text, bracket, scratch)
}

/// The one classification, to its end when `FINE`, else up to the tests
/// [`settle`] leaves out (`None` then). One body for both, so a class the
/// parse settles is the class [`classify`] gives.
fn judge<const FINE: bool>(
    text: &str,
    bracket: &Bracket,
    scratch: &mut String,
) -> Option<BracketClass> {
    let Some(content) = bracket.content() else {
        return Some(BracketClass::Supplied);
    };
    let window =
        crate::text::floor_char_boundary(text, content.end.min(content.start + MAX_JUDGED));
    let inner = trim(&text[content.start..window]);
    let Some(&first) = inner.as_bytes().first() else {
        return Some(empty_or_supplied(text, content, window));
    };
    // Trimmed, an ellipsis starts with a dot or `…` (first byte 0xE2).
    if (first == b'.' || first == 0xE2) && is_ellipsis(inner) {
        return Some(BracketClass::Ellipsis);
    }
    // Half the brackets of a cable hold one word of ASCII letters
    // (`[Beijing]`, `[s]`), for which most of the tests below cannot hold:
    // they take a shorter way to the same class.
    if first.is_ascii_alphabetic() && window == content.end {
        if let Some(class) = classify_word::<FINE>(text, bracket, inner) {
            return class;
        }
    }
    let bytes_seen = normalize_into(inner, scratch);
    let lower = scratch.as_str();
    // `sic`, `unclear`, `over`, `telegram` …: one look-up instead of a
    // test per class.
    if let Some(class) = known::whole_content_class(lower.as_bytes()) {
        return Some(class);
    }
    // Most brackets lack a byte of every word looked for: no scan then.
    let words = if InnerWords::may_be_in(bytes_seen) {
        InnerWords::find(lower.as_bytes())
    } else {
        InnerWords::NONE
    };
    if words.illegible {
        return Some(BracketClass::Illegible);
    }
    if inner.len() <= 3 && inner.bytes().all(|b| b.is_ascii_digit() || b == b'*') {
        return Some(BracketClass::FootnoteMark);
    }
    // Judged whole, the content is signed only if it ends with a full stop.
    let may_be_signed = window < content.end || inner.ends_with('.');
    if words.note
        || opens_an_editor_note(lower)
        || (may_be_signed && signed_by_editor(text, content))
    {
        return Some(BracketClass::EditorNote);
    }
    if known::opens_structural(lower) {
        return Some(BracketClass::Structural);
    }
    if inner.ends_with('?') {
        return Some(BracketClass::Uncertain);
    }
    if !FINE {
        return None;
    }
    let before = &text[..bracket.open()];
    if (first.is_ascii_digit() || first == b'/') && is_corrected_number(before, inner) {
        return Some(BracketClass::Gloss);
    }
    if may_start_a_date(lower) && is_date_part(lower) {
        return Some(BracketClass::SuppliedDate);
    }
    Some(completion_gloss_or_supplied(text, bracket, inner))
}

/// The last tests of [`classify`], which look at the text around the bracket.
fn completion_gloss_or_supplied(text: &str, bracket: &Bracket, inner: &str) -> BracketClass {
    let before = &text[..bracket.open()];
    // The bracket's first letter first: it rules most brackets out.
    let glued = starts_lower_case(inner)
        && before
            .chars()
            .next_back()
            .is_some_and(|c| c.is_alphabetic() || c == '.')
        && !before.ends_with("..");
    if glued {
        return BracketClass::Completion;
    }
    let after = bracket.close().map_or("", |c| &text[c + 1..]);
    if is_gloss(before, inner, after) {
        return BracketClass::Gloss;
    }
    BracketClass::Supplied
}

/// Longest word [`classify_word`] folds; a longer one takes the plain way.
const MAX_WORD: usize = 48;

/// [`classify`] for a whole content (`inner`, trimmed and not cut by the
/// judged window) of ASCII letters only, or `None` for any other content.
/// Such a word is folded into a buffer on the stack rather than the shared
/// string, and only the tests a word of letters can pass are made: no
/// ellipsis, footnote mark, signature, structural phrase (each has a space or
/// a digit), question mark or corrected number; an editor's note only if the
/// word is an opening itself (a word of letters that starts with an opening
/// and goes on is not at a word's end); a date part only if it is a month.
/// The tests compare it with the general way (`every_word_is_classified_as_…`)
/// and the oracle. The inner `Option` is [`judge`]'s: `None` when not `FINE`
/// and the word is left to the tests [`settle`] leaves out.
fn classify_word<const FINE: bool>(
    text: &str,
    bracket: &Bracket,
    inner: &str,
) -> Option<Option<BracketClass>> {
    let mut folded = [0u8; MAX_WORD];
    let word = folded.get_mut(..inner.len())?;
    let mut bits = 0u64;
    for (to, &b) in word.iter_mut().zip(inner.as_bytes()) {
        if !b.is_ascii_alphabetic() {
            return None;
        }
        let lower = b | 0x20;
        bits |= 1 << (lower & 63);
        *to = lower;
    }
    let lower = &*word;
    if let Some(class) = known::whole_content_class(lower) {
        return Some(Some(class));
    }
    if InnerWords::may_be_in(bits) {
        let words = InnerWords::find(lower);
        if words.illegible {
            return Some(Some(BracketClass::Illegible));
        }
        if words.note {
            return Some(Some(BracketClass::EditorNote));
        }
    }
    if let [a, b, ..] = *lower {
        if known::openings_starting([a, b])
            .iter()
            .any(|o| o.as_bytes() == lower)
        {
            return Some(Some(BracketClass::EditorNote));
        }
    }
    if !FINE {
        return Some(None);
    }
    if is_month(lower) {
        return Some(Some(BracketClass::SuppliedDate));
    }
    Some(Some(completion_gloss_or_supplied(text, bracket, inner)))
}

/// `char::is_lowercase` of the first character, undecoded when it is ASCII.
fn starts_lower_case(inner: &str) -> bool {
    match inner.as_bytes().first() {
        Some(b) if b.is_ascii() => b.is_ascii_lowercase(),
        _ => inner.chars().next().is_some_and(char::is_lowercase),
    }
}

/// A bracket whose judged window is white space: empty only if the rest of
/// it is too (B004 deletes an empty bracket), else a supplied word. The rest
/// is this bracket's own leading white space, scanned only here.
pub(super) fn empty_or_supplied(text: &str, content: Span, window: usize) -> BracketClass {
    if text[window..content.end].trim_start().is_empty() {
        BracketClass::Empty
    } else {
        BracketClass::Supplied
    }
}

/// `str::trim`, with content that starts and ends with an ASCII character
/// other than white space (nearly every bracket) returned undecoded.
fn trim(content: &str) -> &str {
    let kept = |b: Option<&u8>| {
        b.is_some_and(|&b| {
            b.is_ascii() && !matches!(b, b' ' | b'\t' | b'\n' | b'\x0B' | b'\x0C' | b'\r')
        })
    };
    let bytes = content.as_bytes();
    if kept(bytes.first()) && kept(bytes.last()) {
        content
    } else {
        content.trim()
    }
}

/// Dots and ellipsis characters only, at least two dots' worth: `[.]` is a
/// supplied full stop, not an omission.
fn is_ellipsis(inner: &str) -> bool {
    let mut dots = 0;
    for c in inner.chars() {
        match c {
            '.' => dots += 1,
            '…' => dots += 3,
            ' ' | '\u{a0}' => {}
            _ => return false,
        }
    }
    dots >= 2
}

/// `lower` starts with `word` as a whole word (`note:` but not `notebook`).
fn starts_with_word(lower: &str, word: &str) -> bool {
    lower.strip_prefix(word).is_some_and(|rest| {
        word.ends_with(|c: char| !c.is_alphanumeric())
            || !rest.starts_with(|c: char| c.is_alphanumeric())
    })
}

/// The normalised content opens with a word that starts an editor's note
/// (`translator's note`, `handwritten`, `stamp` …, see `oracle::OPENINGS`),
/// looked for among the few openings that share its first two bytes.
fn opens_an_editor_note(lower: &str) -> bool {
    let [a, b, ..] = *lower.as_bytes() else {
        return false;
    };
    known::openings_starting([a, b])
        .iter()
        .any(|o| starts_with_word(lower, o))
}

/// The words looked for anywhere in a bracket, found in one pass over its
/// bytes rather than one pass per question.
struct InnerWords {
    /// `illegible`, `illeg.`, `indecipherable` or `unreadable`.
    illegible: bool,
    /// ` note:`, `redacted`, `not declassified`, or `stamp` as a word
    /// between spaces and colons (`[CPSU CC stamp: …]`, `[Ministry stamp]`,
    /// but not `[CPSU CC Politburo member]`).
    note: bool,
}

/// Each byte of `word` as one bit of 64 (`b & 63`): a text whose bytes' bits
/// do not cover a word's cannot hold the word (bits shared by two bytes only
/// let more texts through).
const fn byte_bits(word: &[u8]) -> u64 {
    let mut bits = 0;
    let mut i = 0;
    while i < word.len() {
        bits |= 1 << (word[i] & 63);
        i += 1;
    }
    bits
}

impl InnerWords {
    const NONE: InnerWords = InnerWords {
        illegible: false,
        note: false,
    };

    /// The bits (see [`byte_bits`]) of every word [`InnerWords::find`] looks for.
    const MASKS: [u64; 8] = [
        byte_bits(b"illegible"),
        byte_bits(b"illeg."),
        byte_bits(b"indecipherable"),
        byte_bits(b"unreadable"),
        byte_bits(b" note:"),
        byte_bits(b"redacted"),
        byte_bits(b"not declassified"),
        byte_bits(b"stamp"),
    ];

    /// Whether a text whose bytes set `bits` may hold one of the words.
    fn may_be_in(bits: u64) -> bool {
        InnerWords::MASKS.iter().any(|mask| bits & mask == *mask)
    }

    fn find(lower: &[u8]) -> Self {
        let is_separator = |b: &u8| matches!(b, b' ' | b':');
        let mut words = InnerWords {
            illegible: false,
            note: false,
        };
        for (i, &b) in lower.iter().enumerate() {
            let rest = &lower[i..];
            match b {
                b'i' => {
                    words.illegible |= rest.starts_with(b"illegible")
                        || rest.starts_with(b"illeg.")
                        || rest.starts_with(b"indecipherable")
                }
                b'u' => words.illegible |= rest.starts_with(b"unreadable"),
                b' ' => words.note |= rest.starts_with(b" note:"),
                b'r' => words.note |= rest.starts_with(b"redacted"),
                b'n' => words.note |= rest.starts_with(b"not declassified"),
                b's' => {
                    words.note |= rest.starts_with(b"stamp")
                        && (i == 0 || is_separator(&lower[i - 1]))
                        && rest.get(5).is_none_or(is_separator)
                }
                _ => {}
            }
        }
        words
    }
}

/// The test [`InnerWords::find`] replaced, kept as its oracle.
#[cfg(test)]
fn names_a_note_inside(lower: &[u8]) -> bool {
    let is_separator = |b: &u8| matches!(b, b' ' | b':');
    lower.iter().enumerate().any(|(i, &b)| {
        let rest = &lower[i..];
        match b {
            b' ' => rest.starts_with(b" note:"),
            b'r' => rest.starts_with(b"redacted"),
            b'n' => rest.starts_with(b"not declassified"),
            b's' => {
                rest.starts_with(b"stamp")
                    && (i == 0 || is_separator(&lower[i - 1]))
                    && rest.get(5).is_none_or(is_separator)
            }
            _ => false,
        }
    })
}

/// The test [`InnerWords::find`] replaced, kept as its oracle.
#[cfg(test)]
fn says_illegible(lower: &str) -> bool {
    let bytes = lower.as_bytes();
    (0..bytes.len()).any(|i| {
        let rest = &bytes[i..];
        match rest[0] {
            b'i' => {
                rest.starts_with(b"illegible")
                    || rest.starts_with(b"illeg.")
                    || rest.starts_with(b"indecipherable")
            }
            b'u' => rest.starts_with(b"unreadable"),
            _ => false,
        }
    })
}

/// `[… missing from the copy --ed.]`, `[…—Ed.]`, `[… - ed.]`: the signature
/// ends a note however long it is, so this looks at the real end.
fn signed_by_editor(text: &str, content: Span) -> bool {
    let body = text[content.range()].trim_end();
    // Every signature ends with a full stop.
    if !body.ends_with('.') {
        return false;
    }
    let Some(rest) = ["ed.", "Ed.", "eds.", "Eds."]
        .iter()
        .find_map(|s| body.strip_suffix(s))
    else {
        return false;
    };
    rest.trim_end().ends_with(['-', '—', '–'])
}

/// Lower case, with one space for any run of white space (web pages print
/// no-break spaces), written into `out`. ASCII, the common case, is folded
/// in place without a new string. Returns the bits of the bytes written
/// (see [`byte_bits`]), every bit when the text is not ASCII.
fn normalize_into(inner: &str, out: &mut String) -> u64 {
    out.clear();
    if inner.is_ascii() {
        out.push_str(inner);
        out.make_ascii_lowercase();
        let bits = out.bytes().fold(0u64, |bits, b| bits | 1 << (b & 63));
        // White space other than a space: `\t`, `\n`, `\x0B`, `\x0C`, `\r`
        // are bits 9 to 13, which no other byte of lower-case ASCII sets;
        // two spaces in a row are looked for only where there is a space.
        let double_space = || bits & (1 << 32) != 0 && has_double_space(out.as_bytes());
        if bits & (0b11111 << 9) != 0 || double_space() {
            let joined = out.split_whitespace().collect::<Vec<_>>().join(" ");
            *out = joined;
            return byte_bits(out.as_bytes());
        }
        return bits;
    }
    // Lower case maps no character to or from white space, so the spacing
    // is judged on `inner` while it is folded.
    let mut respace = false;
    if inner.contains('Σ') {
        // Only `str::to_lowercase` knows a final sigma (`ς`) by its place.
        out.push_str(&inner.to_lowercase());
        respace = needs_respacing(out);
    } else {
        // Character by character, ASCII without a look-up: the same lower
        // case as `str::to_lowercase` without a new string, and the spacing
        // judged in the same pass (two spaces in a row, or white space other
        // than a space).
        let mut after_space = false;
        for c in inner.chars() {
            if c.is_ascii() {
                let space = c == ' ';
                respace |= (space && after_space) || (c.is_whitespace() && !space);
                after_space = space;
                out.push(c.to_ascii_lowercase());
            } else {
                respace |= c.is_whitespace();
                after_space = false;
                out.extend(c.to_lowercase());
            }
        }
    }
    if respace {
        let joined = out.split_whitespace().collect::<Vec<_>>().join(" ");
        *out = joined;
    }
    u64::MAX
}

/// Two spaces in a row, tested eight bytes at a time (exactly: no byte's
/// sum carries into the next), the last of each eight carried over to the
/// next; `bytes.windows(2).any(|w| w == b"  ")` is the oracle.
fn has_double_space(bytes: &[u8]) -> bool {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = ONES * 0x80;
    const LOW: u64 = ONES * 0x7F;
    // The high bit of each byte that is a space.
    let spaces = |eight: u64| {
        let x = eight ^ (ONES * u64::from(b' '));
        !(((x & LOW) + LOW) | x) & HIGH
    };
    let mut chunks = bytes.chunks_exact(8);
    // The high bit of the first byte when the byte before it is a space.
    let mut carried = 0;
    for chunk in &mut chunks {
        let Ok(eight) = <[u8; 8]>::try_from(chunk) else {
            break;
        };
        let s = spaces(u64::from_le_bytes(eight));
        if s & (s << 8 | carried) != 0 {
            return true;
        }
        carried = s >> 56;
    }
    let mut after_space = carried != 0;
    for &b in chunks.remainder() {
        let space = b == b' ';
        if space && after_space {
            return true;
        }
        after_space = space;
    }
    false
}

/// Two spaces in a row, or white space other than a space: the test the
/// one-pass fold of [`normalize_into`] makes as it goes.
fn needs_respacing(lower: &str) -> bool {
    lower.contains(|c: char| c.is_whitespace() && c != ' ') || lower.contains("  ")
}

/// `my 2379 [2369]`: a number the editor corrects.
fn is_corrected_number(before: &str, inner: &str) -> bool {
    // Cheapest first: the three tests are independent.
    before.ends_with(' ')
        && inner.bytes().all(|b| b.is_ascii_digit() || b == b'/')
        && before.trim_end().ends_with(|c: char| c.is_ascii_digit())
}

/// A year a cable could be dated in.
fn is_year(word: &str) -> bool {
    word.len() == 4
        && word
            .parse::<u16>()
            .is_ok_and(|y| (1700..=2099).contains(&y))
}

fn is_day(word: &str) -> bool {
    let digits = word.trim_end_matches(|c: char| c.is_ascii_alphabetic());
    let suffix = &word[digits.len()..];
    matches!(suffix, "" | "st" | "nd" | "rd" | "th")
        && digits.parse::<u8>().is_ok_and(|d| (1..=31).contains(&d))
}

/// The first word of a date part is a year, a day, a month, `of` or `the`:
/// its first bytes rule out most brackets (`Anatoly`, `Dean`) before any
/// splitting. `lower` is the normalised content.
fn may_start_a_date(lower: &str) -> bool {
    match lower.as_bytes() {
        // A day or a year (or the `+` that `u8::from_str` takes).
        [b'0'..=b'9' | b'+', ..] | [b'o', b'f', ..] => true,
        [a, b, c, ..] => matches!(
            &[*a, *b, *c],
            b"the"
                | b"jan"
                | b"feb"
                | b"mar"
                | b"apr"
                | b"may"
                | b"jun"
                | b"jul"
                | b"aug"
                | b"sep"
                | b"oct"
                | b"nov"
                | b"dec"
        ),
        _ => false,
    }
}

/// `1962`, `of June`, `23 October`, `April 12-14`, `the 26th`; only asked
/// where [`may_start_a_date`] holds.
fn is_date_part(lower: &str) -> bool {
    if lower.len() > 40 {
        return false;
    }
    // A day begins with a digit (or the `+` that `u8::from_str` takes).
    let is_days = |w: &str| {
        w.as_bytes()
            .first()
            .is_some_and(|&b| b.is_ascii_digit() || b == b'+')
            && w.split(['-', '–']).all(is_day)
    };
    // One to four words, each a date's; a year or a month among them.
    let mut anchored = false;
    for (count, word) in lower.split(' ').enumerate() {
        let word = word.trim_end_matches(',');
        let anchor = is_year(word) || is_month(word.as_bytes());
        if count == 4 || !(anchor || word == "of" || word == "the" || is_days(word)) {
            return false;
        }
        anchored |= anchor;
    }
    anchored
}

/// `Wulumuqi [Urumqi]`, `CTK [Czechoslovak news agency]`, `Mikołaj [the
/// Soviet embassy]`: a capitalised word, then another name for it. Not a
/// gloss: a short word before a single capitalised name (`Ji [Pengfei]`) is
/// a Chinese surname whose given name the editor supplied; after a title
/// (`Minister [Pham Van Dong]`, `Secretary-General [U Thant]`, `The
/// Chancellor's [Helmut Kohl's]`) comes the name it refers to; after a
/// determiner (`These [measures]`), or with words that continue the sentence
/// (`[from Willard]`, `[to intensify …]`), or before the name it qualifies
/// (`Copy [Chinese] Central Committee`), the editor supplied words.
fn is_gloss(before: &str, inner: &str, after: &str) -> bool {
    let Some(before) = before.strip_suffix(' ') else {
        return false;
    };
    // The bracket and what follows it first: they need no walk back over
    // the word before.
    let starts_a_name = starts_upper_case(inner) || inner.starts_with("the ");
    let qualifies_next = || after.strip_prefix(' ').is_some_and(starts_upper_case);
    if !starts_a_name || qualifies_next() {
        return false;
    }
    let previous = &before[last_word_start(before)..];
    // A gloss follows its word directly: not after punctuation or another bracket.
    if !starts_upper_case(previous) || !ends_alphabetic(previous) {
        return false;
    }
    // A word of more than twelve bytes has more than three characters: the
    // cheapest test goes first, and most words end the question there.
    // An ASCII word has as many characters as bytes.
    let short = previous.len() <= 3
        || (previous.len() <= 12 && !previous.is_ascii() && char_count(previous) <= 3);
    let short_surname = || {
        short
            && !previous
                .chars()
                .all(|c| c.is_uppercase() || !c.is_alphabetic())
    };
    // A byte loop: the bracket is short, and a `memchr` call costs more.
    let single_name = || !inner.bytes().any(|b| b == b' ');
    if short_surname() && single_name() {
        return false;
    }
    let word = previous
        .strip_suffix("'s")
        .or_else(|| previous.strip_suffix("’s"))
        .unwrap_or(previous);
    !is_title_or_determiner(word)
}

/// `char::is_uppercase` of the first character, undecoded when it is ASCII.
fn starts_upper_case(s: &str) -> bool {
    match s.as_bytes().first() {
        Some(b) if b.is_ascii() => b.is_ascii_uppercase(),
        _ => s.chars().next().is_some_and(char::is_uppercase),
    }
}

/// `char::is_alphabetic` of the last character, undecoded when it is ASCII.
fn ends_alphabetic(s: &str) -> bool {
    match s.as_bytes().last() {
        Some(b) if b.is_ascii() => b.is_ascii_alphabetic(),
        _ => s.chars().next_back().is_some_and(char::is_alphabetic),
    }
}

/// `word.chars().count()` for a short word: its bytes that start a character.
fn char_count(word: &str) -> usize {
    // A continuation byte is 0b10xx_xxxx, below -64 as a signed byte.
    word.bytes().filter(|&b| (b as i8) >= -64).count()
}

/// Where the last word of `before` starts: after its last white space, `(`
/// or `“`. Read backwards eight bytes at a time while they are ASCII and
/// none of them ends the word (a cable's words are several bytes long), then
/// byte by byte; only a non-ASCII character is decoded.
fn last_word_start(before: &str) -> usize {
    let bytes = before.as_bytes();
    let mut end = bytes.len();
    while let Some(eight) = end.checked_sub(8).map(|start| &bytes[start..end]) {
        let Ok(eight) = <[u8; 8]>::try_from(eight) else {
            break;
        };
        let stops = word_ends_or_non_ascii(u64::from_le_bytes(eight));
        if stops != 0 {
            // The last byte that may end the word: an ASCII one does; past
            // another, the loop below decodes its character.
            let last = end - 8 + (63 - stops.leading_zeros() as usize) / 8;
            if bytes[last].is_ascii() {
                return last + 1;
            }
            end = last + 1;
            break;
        }
        end -= 8;
    }
    while let Some(&b) = bytes[..end].last() {
        if b.is_ascii() {
            // `char::is_whitespace` on ASCII.
            if matches!(b, b' ' | b'\t' | b'\n' | b'\x0B' | b'\x0C' | b'\r' | b'(') {
                return end;
            }
            end -= 1;
            continue;
        }
        let mut start = end - 1;
        while !before.is_char_boundary(start) {
            start -= 1;
        }
        if before[start..end]
            .chars()
            .next()
            .is_some_and(|c| c.is_whitespace() || c == '“')
        {
            return end;
        }
        end = start;
    }
    0
}

/// The high bit of each byte of `eight` that is not ASCII or that ends a
/// word when ASCII (`char::is_whitespace`: `\t` to `\r` and the space; `(`),
/// each byte tested exactly: no byte's sum carries into the next.
fn word_ends_or_non_ascii(eight: u64) -> u64 {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = ONES * 0x80;
    const LOW: u64 = ONES * 0x7F;
    // The high bit of each byte that is zero.
    let zero = |x: u64| !(((x & LOW) + LOW) | x) & HIGH;
    let low = eight & LOW;
    // At least 9 and not at least 14: `\t`, `\n`, `\x0B`, `\x0C`, `\r`.
    let controls = (low + ONES * (0x80 - 9)) & !(low + ONES * (0x80 - 14)) & HIGH;
    (eight & HIGH)
        | zero(eight ^ (ONES * u64::from(b' ')))
        | zero(eight ^ (ONES * u64::from(b'(')))
        | controls
}

/// The word (any case) is a title (`Vice-Minister` counts by its parts) or a
/// determiner. An ASCII word, nearly every one, is looked up as it is (the
/// look-up folds ASCII case); another is lower-cased first.
fn is_title_or_determiner(word: &str) -> bool {
    if word.is_ascii() {
        return known::is_title_or_determiner(word.as_bytes());
    }
    known::is_title_or_determiner(word.to_lowercase().as_bytes())
}

/// `word` is lower-case in its ASCII letters (it comes from the folded
/// content), so it is compared with the months' lower-case names.
fn is_month(word: &[u8]) -> bool {
    matches!(
        word,
        b"january"
            | b"february"
            | b"march"
            | b"april"
            | b"may"
            | b"june"
            | b"july"
            | b"august"
            | b"september"
            | b"october"
            | b"november"
            | b"december"
    )
}

#[cfg(test)]
mod oracle;

#[cfg(test)]
mod tests;
