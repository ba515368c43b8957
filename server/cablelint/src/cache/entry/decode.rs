//! Reading a payload back, trusting nothing in it.

use super::{rule_names, Checked, VERSION};
use cablelint_core::profile::Detection;
use cablelint_core::{Applicability, Diagnostic, Edit, Fix, Related, Severity, Span};

/// Reads a payload from the front; every method is `None` past its end or
/// on anything malformed.
pub(super) struct Reader<'a> {
    pub(super) bytes: &'a [u8],
    /// The strings not yet read.
    pub(super) text: &'a str,
}

impl<'a> Reader<'a> {
    fn byte(&mut self) -> Option<u8> {
        let (&first, rest) = self.bytes.split_first()?;
        self.bytes = rest;
        Some(first)
    }

    pub(super) fn var(&mut self) -> Option<usize> {
        let mut n: u64 = 0;
        for shift in (0..64).step_by(7) {
            let b = self.byte()?;
            let bits = u64::from(b & 0x7F);
            // Bits that would fall off the top: damage, not a number.
            if shift > 0 && bits >> (64 - shift) != 0 {
                return None;
            }
            n |= bits << shift;
            if b & 0x80 == 0 {
                return usize::try_from(n).ok();
            }
        }
        None
    }

    /// A count of items that each take at least one byte: never more than
    /// the bytes left, so a damaged count cannot make a huge allocation.
    fn count(&mut self) -> Option<usize> {
        let n = self.var()?;
        (n <= self.bytes.len()).then_some(n)
    }

    /// The next string of the text, which must end on a character
    /// boundary (it starts on one: where the last one ended).
    fn str(&mut self) -> Option<&'a str> {
        let len = self.var()?;
        if !self.text.is_char_boundary(len) {
            return None;
        }
        let (s, rest) = self.text.split_at(len);
        self.text = rest;
        Some(s)
    }

    /// A count, then that many items, each read by `item`.
    fn list<T>(&mut self, mut item: impl FnMut(&mut Self) -> Option<T>) -> Option<Vec<T>> {
        let n = self.count()?;
        let mut items = Vec::with_capacity(n);
        for _ in 0..n {
            items.push(item(self)?);
        }
        Some(items)
    }

    fn string(&mut self) -> Option<String> {
        self.str().map(str::to_owned)
    }

    fn flag(&mut self) -> Option<bool> {
        match self.byte()? {
            0 => Some(false),
            1 => Some(true),
            _ => None,
        }
    }

    /// A span that fits `text`: in order, inside it, on character
    /// boundaries.
    fn span(&mut self, text: &str) -> Option<Span> {
        let start = self.var()?;
        let end = self.var()?;
        let fits = start <= end
            && end <= text.len()
            && text.is_char_boundary(start)
            && text.is_char_boundary(end);
        fits.then_some(Span { start, end })
    }
}

/// Reads a payload back for the file whose decoded text is `text`; `None`
/// for anything but a sound entry that fits that text.
pub fn decode(payload: &[u8], text: &str) -> Option<Checked> {
    let mut r = Reader {
        bytes: payload,
        text: "",
    };
    if r.byte()? != VERSION {
        return None;
    }
    let (len, rest) = r.bytes.split_first_chunk::<4>()?;
    let len = usize::try_from(u32::from_le_bytes(*len)).ok()?;
    if len > rest.len() {
        return None;
    }
    let (strings, layout) = rest.split_at(len);
    r.text = std::str::from_utf8(strings).ok()?;
    r.bytes = layout;
    let profile = r.string()?;
    let detection = match r.byte()? {
        0 => Detection::Directive,
        1 => Detection::Configured,
        2 => Detection::Fallback,
        3 => Detection::Detected {
            markers: r.list(Reader::string)?,
        },
        _ => return None,
    };
    let diagnostics = r.list(|r| diagnostic(r, text))?;
    // Bytes or strings left over: not a payload this layout wrote.
    if !r.bytes.is_empty() || !r.text.is_empty() {
        return None;
    }
    Some(Checked {
        profile,
        detection,
        diagnostics,
    })
}

/// One diagnostic of the payload, its spans fitting `text`.
fn diagnostic(r: &mut Reader<'_>, text: &str) -> Option<Diagnostic> {
    let (code, name) = rule_names(r.str()?)?;
    let severity = match r.byte()? {
        0 => Severity::Hint,
        1 => Severity::Info,
        2 => Severity::Warning,
        3 => Severity::Error,
        _ => return None,
    };
    let message = r.string()?;
    let span = r.span(text)?;
    let fix = if r.flag()? {
        let title = r.string()?;
        let applicability = match r.byte()? {
            0 => Applicability::Unsafe,
            1 => Applicability::Safe,
            _ => return None,
        };
        let edits = r.list(|r| {
            let span = r.span(text)?;
            let new_text = r.string()?;
            Some(Edit { span, new_text })
        })?;
        Some(Fix {
            title,
            applicability,
            edits,
        })
    } else {
        None
    };
    let related = r.list(|r| {
        let span = r.span(text)?;
        let message = r.string()?;
        Some(Related { span, message })
    })?;
    let person = if r.flag()? { Some(r.string()?) } else { None };
    Some(Diagnostic {
        code,
        name,
        severity,
        message,
        span,
        fix,
        related,
        person,
    })
}
