//! One cache entry's payload: what `lint::check` found in one file (its
//! profile, how the profile was chosen, the diagnostics), in a compact binary
//! layout written and read by hand. The pack record around it carries the
//! key and a checksum ([`super::pack`]).
//!
//! ```text
//! payload    = VERSION text-length:u32-LE text layout
//! layout     = profile:str detection diagnostics:count diagnostic*
//! detection  = 0 (directive) | 1 (configured) | 2 (fallback)
//!            | 3 (detected) markers:count str*
//! diagnostic = code:str severity:u8 message:str start:var end:var
//!              fix:(0 | 1 title:str applicability:u8 edits:count edit*)
//!              related:count (start:var end:var message:str)*
//!              person:(0 | 1 id:str)
//! edit       = start:var end:var text:str
//! str        = length:var (the next `length` bytes of `text`)
//! count, var = unsigned LEB128
//! ```
//!
//! Every string is in `text`, one after another in the order the layout
//! names them, so decoding checks UTF-8 once for the whole entry (checking
//! each short string on its own cost more than the rest of decoding).
//!
//! Decoding trusts nothing: a payload cut short or with bytes left over, a
//! bad tag, invalid UTF-8, an unknown rule code or a span that does not fit
//! the file's text makes the entry unusable (the file is checked again),
//! never a wrong report and never a panic.

use crate::report::FileReport;
use cablelint_core::profile::Detection;
use cablelint_core::rules;
use cablelint_core::{Applicability, Diagnostic, Edit, Fix, Related, Severity, Span};
use std::sync::LazyLock;

/// Bumped whenever the layout or the payload changes; also the name of the
/// cache's subdirectory, so versions never read each other's entries
/// (1: a file per entry; 2: packs of JSON payloads; 3: binary payloads).
pub const FORMAT: u32 = 3;

/// The first byte of every payload (the payload layout's own version).
const VERSION: u8 = 3;

/// What a file's check produced, apart from the text itself.
#[derive(Debug, Clone, PartialEq)]
pub struct Checked {
    pub profile: String,
    pub detection: Detection,
    pub diagnostics: Vec<Diagnostic>,
}

impl Checked {
    pub fn of_report(report: &FileReport) -> Checked {
        Checked {
            profile: report.profile.to_string(),
            detection: report.detection.clone(),
            diagnostics: report.diagnostics.clone(),
        }
    }

    /// Whether a fix at least as safe as `min` is on offer (then `--fix` and
    /// `--diff` have work to do and the file must really be checked).
    pub fn has_fix(&self, min: Applicability) -> bool {
        self.diagnostics
            .iter()
            .any(|d| d.fix.as_ref().is_some_and(|f| f.applicability >= min))
    }
}

/// The entry's payload; `None` when a diagnostic's code is not a known rule
/// (it could not be read back, so it is not stored).
pub fn encode(checked: &Checked) -> Option<Vec<u8>> {
    let mut out = Out::with_capacity(checked.diagnostics.len());
    put_str(&mut out, &checked.profile);
    match &checked.detection {
        Detection::Directive => out.push(0),
        Detection::Configured => out.push(1),
        Detection::Fallback => out.push(2),
        Detection::Detected { markers } => {
            out.push(3);
            put_var(&mut out, markers.len());
            for marker in markers {
                put_str(&mut out, marker);
            }
        }
    }
    put_var(&mut out, checked.diagnostics.len());
    for d in &checked.diagnostics {
        rule_names(d.code)?;
        put_str(&mut out, d.code);
        out.push(severity_tag(d.severity));
        put_str(&mut out, &d.message);
        put_span(&mut out, d.span);
        match &d.fix {
            None => out.push(0),
            Some(fix) => {
                out.push(1);
                put_str(&mut out, &fix.title);
                out.push(match fix.applicability {
                    Applicability::Unsafe => 0,
                    Applicability::Safe => 1,
                });
                put_var(&mut out, fix.edits.len());
                for edit in &fix.edits {
                    put_span(&mut out, edit.span);
                    put_str(&mut out, &edit.new_text);
                }
            }
        }
        put_var(&mut out, d.related.len());
        for related in &d.related {
            put_span(&mut out, related.span);
            put_str(&mut out, &related.message);
        }
        match &d.person {
            None => out.push(0),
            Some(id) => {
                out.push(1);
                put_str(&mut out, id);
            }
        }
    }
    out.finish()
}

/// A payload being written: the strings go straight into the payload
/// after its head, the (small) layout apart until the end.
struct Out {
    bytes: Vec<u8>,
    layout: Vec<u8>,
}

/// The version byte and the text's length.
const HEAD: usize = 5;

impl Out {
    fn with_capacity(diagnostics: usize) -> Out {
        let mut bytes = Vec::with_capacity(64 + 192 * diagnostics);
        bytes.push(VERSION);
        bytes.extend_from_slice(&[0; HEAD - 1]);
        Out {
            bytes,
            layout: Vec::with_capacity(16 + 16 * diagnostics),
        }
    }

    fn push(&mut self, byte: u8) {
        self.layout.push(byte);
    }

    fn finish(mut self) -> Option<Vec<u8>> {
        let len = u32::try_from(self.bytes.len() - HEAD).ok()?;
        self.bytes[1..HEAD].copy_from_slice(&len.to_le_bytes());
        self.bytes.extend_from_slice(&self.layout);
        Some(self.bytes)
    }
}

fn severity_tag(severity: Severity) -> u8 {
    match severity {
        Severity::Hint => 0,
        Severity::Info => 1,
        Severity::Warning => 2,
        Severity::Error => 3,
    }
}

/// Unsigned LEB128: seven bits a byte, low first, the top bit set on every
/// byte but the last.
fn var_into(out: &mut Vec<u8>, mut n: usize) {
    while n >= 0x80 {
        out.push((n as u8) | 0x80);
        n >>= 7;
    }
    out.push(n as u8);
}

fn put_var(out: &mut Out, n: usize) {
    var_into(&mut out.layout, n);
}

fn put_str(out: &mut Out, s: &str) {
    put_var(out, s.len());
    out.bytes.extend_from_slice(s.as_bytes());
}

fn put_span(out: &mut Out, span: Span) {
    put_var(out, span.start);
    put_var(out, span.end);
}

/// Reads a payload from the front; every method is `None` past its end or
/// on anything malformed.
struct Reader<'a> {
    bytes: &'a [u8],
    /// The strings not yet read.
    text: &'a str,
}

impl<'a> Reader<'a> {
    fn byte(&mut self) -> Option<u8> {
        let (&first, rest) = self.bytes.split_first()?;
        self.bytes = rest;
        Some(first)
    }

    fn var(&mut self) -> Option<usize> {
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
        3 => {
            let n = r.count()?;
            let mut markers = Vec::with_capacity(n);
            for _ in 0..n {
                markers.push(r.string()?);
            }
            Detection::Detected { markers }
        }
        _ => return None,
    };
    let n = r.count()?;
    let mut diagnostics = Vec::with_capacity(n);
    for _ in 0..n {
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
            let n = r.count()?;
            let mut edits = Vec::with_capacity(n);
            for _ in 0..n {
                let span = r.span(text)?;
                let new_text = r.string()?;
                edits.push(Edit { span, new_text });
            }
            Some(Fix {
                title,
                applicability,
                edits,
            })
        } else {
            None
        };
        let n = r.count()?;
        let mut related = Vec::with_capacity(n);
        for _ in 0..n {
            let span = r.span(text)?;
            let message = r.string()?;
            related.push(Related { span, message });
        }
        let person = if r.flag()? { Some(r.string()?) } else { None };
        diagnostics.push(Diagnostic {
            code,
            name,
            severity,
            message,
            span,
            fix,
            related,
            person,
        });
    }
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

/// The rule's own `&'static` code and name, as diagnostics carry them.
fn rule_names(code: &str) -> Option<(&'static str, &'static str)> {
    // Sorted by code once, for a binary search: a linear search through
    // every rule's metadata cost about a kilo-instruction per file.
    static NAMES: LazyLock<Vec<(&'static str, &'static str)>> = LazyLock::new(|| {
        let mut names: Vec<_> = rules::all()
            .iter()
            .map(|r| r.meta())
            .map(|m| (m.code, m.name))
            .collect();
        names.sort_unstable();
        names
    });
    let at = NAMES.binary_search_by(|(c, _)| (*c).cmp(code)).ok()?;
    Some(NAMES[at])
}

#[cfg(test)]
mod tests {
    use super::*;
    use cablelint_core::lint::{check, CheckOptions};
    use cablelint_core::SourceText;

    const TEXT: &str = "发往 𠀋 [] 乌鲁木齐\r\nOn the 26th [ ], Ji met him (\r\n";

    fn checked() -> Checked {
        let result = check(SourceText::from_str(TEXT), &CheckOptions::default());
        Checked {
            profile: result.document.profile.id.clone(),
            detection: result.document.detection.clone(),
            diagnostics: result.diagnostics,
        }
    }

    #[test]
    fn an_entry_reads_back_as_it_was_written() {
        let original = checked();
        assert!(original.diagnostics.iter().any(|d| d.fix.is_some()));
        let bytes = encode(&original).unwrap();
        assert_eq!(decode(&bytes, TEXT), Some(original));
    }

    #[test]
    fn markers_of_a_detected_profile_survive() {
        let mut original = checked();
        original.detection = Detection::Detected {
            markers: vec!["发往".into(), "等级".into()],
        };
        let bytes = encode(&original).unwrap();
        assert_eq!(decode(&bytes, TEXT), Some(original));
    }

    /// The pack's checksum catches damage first; a payload cut short is
    /// still never taken for a result.
    #[test]
    fn every_truncation_is_refused() {
        let bytes = encode(&checked()).unwrap();
        for len in 0..bytes.len() {
            assert_eq!(decode(&bytes[..len], TEXT), None, "cut at {len}");
        }
        assert_eq!(decode(&[0xFF; 300], TEXT), None);
    }

    /// A payload with a valid checksum but nonsense inside (written by a
    /// foreign tool, or for another text) is refused, never trusted.
    fn forged(code: &str, start: usize, end: usize) -> Vec<u8> {
        let mut out = Out::with_capacity(1);
        put_str(&mut out, "generic");
        out.push(2);
        put_var(&mut out, 1);
        put_str(&mut out, code);
        out.push(2);
        put_str(&mut out, "m");
        put_span(&mut out, Span { start, end });
        out.layout.extend_from_slice(&[0, 0, 0]);
        out.finish().unwrap()
    }

    #[test]
    fn spans_outside_the_text_or_inside_a_character_and_unknown_codes_are_refused() {
        assert!(decode(&forged("B004", 0, 3), TEXT).is_some());
        let refused = [
            // 发 is three bytes: offset 1 is inside it.
            ("B004", 1, 3),
            ("B004", 3, 2),
            ("B004", 0, TEXT.len() + 1),
            ("B004", usize::MAX, usize::MAX),
            ("Z999", 0, 3),
            ("b004", 0, 3),
        ];
        for (code, start, end) in refused {
            let entry = forged(code, start, end);
            assert_eq!(decode(&entry, TEXT), None, "{code} {start} {end}");
        }
        let good = forged("B004", 0, 3);
        let mut extra = good.clone();
        extra.push(0);
        assert_eq!(decode(&extra, TEXT), None, "a byte left over");
        // The version, the detection, the severity, the fix and person flags.
        // (The text "genericB004m" is bytes 5 to 16.)
        for (at, bad) in [(0, VERSION + 1), (18, 4), (21, 4), (25, 2), (27, 2)] {
            let mut entry = good.clone();
            entry[at] = bad;
            assert_eq!(decode(&entry, TEXT), None, "byte {at} = {bad}");
        }
        // The layout of JSON payloads (format 2) is not read.
        let json = br#"{"profile":"generic","detection":"fallback","diagnostics":[]}"#;
        assert_eq!(decode(json, TEXT), None);
        // A count past the bytes left, a string that is not UTF-8, a varint
        // longer than 64 bits.
        let mut huge = Out::with_capacity(0);
        put_str(&mut huge, "generic");
        huge.push(2);
        put_var(&mut huge, usize::MAX);
        assert_eq!(decode(&huge.finish().unwrap(), TEXT), None);
        // A string that ends inside a character, one longer than the text,
        // text left over.
        for (text, len) in [("发", 1), ("发", 4), ("generic!", 7)] {
            let mut entry = vec![VERSION];
            entry.extend_from_slice(&(text.len() as u32).to_le_bytes());
            entry.extend_from_slice(text.as_bytes());
            var_into(&mut entry, len);
            entry.extend_from_slice(&[2, 0]);
            assert_eq!(decode(&entry, TEXT), None, "{text} {len}");
        }
        let bad_utf8 = [VERSION, 2, 0, 0, 0, 0xC3, 0x28, 2, 2, 0];
        assert_eq!(decode(&bad_utf8, TEXT), None);
        let past_end = [VERSION, 3, 0, 0, 0, b'a', b'b'];
        assert_eq!(decode(&past_end, TEXT), None);
        let mut long = vec![VERSION, 0, 0, 0, 0];
        long.extend_from_slice(&[0xFF; 11]);
        assert_eq!(decode(&long, TEXT), None);
    }

    const MIXED: &str = "发往 𠀋 [] 乌鲁木齐\r\nSaid \"no\" \\ then\ttab\u{1}\r\nEnd 𠀋𠀋\r\n";

    /// Every part of the layout, with text of every kind.
    fn everything() -> Checked {
        let at = |s: &str| {
            let start = MIXED.find(s).unwrap();
            Span {
                start,
                end: start + s.len(),
            }
        };
        let meta = |code: &str| rule_names(code).unwrap();
        let diagnostic = |code: &str, message: &str, span: Span| Diagnostic {
            code: meta(code).0,
            name: meta(code).1,
            severity: Severity::Warning,
            message: message.to_owned(),
            span,
            fix: None,
            related: Vec::new(),
            person: None,
        };
        let mut full = diagnostic(
            "B004",
            "quotes \" backslash \\ CRLF \r\n NUL \u{0} BEL \u{7} DEL \u{7f} 𠀋 发往",
            at("𠀋"),
        );
        full.severity = Severity::Error;
        full.fix = Some(Fix {
            title: "Replace `[]` with “[ ]” \u{1b}".into(),
            applicability: Applicability::Safe,
            edits: vec![
                Edit::replace(at("[]"), "[ ]"),
                Edit::insert(0, "𠀋\r\n"),
                Edit::delete(at("\t")),
                Edit::insert(MIXED.len(), ""),
            ],
        });
        full.related = vec![
            Related {
                span: at("乌鲁木齐"),
                message: "here \"too\"\r\n".into(),
            },
            Related {
                span: Span::empty(0),
                message: String::new(),
            },
        ];
        full.person = Some("ji-pengfei 季鹏飞".into());
        let mut unsafe_fix = diagnostic("B004", "", Span::empty(MIXED.len()));
        unsafe_fix.severity = Severity::Hint;
        unsafe_fix.fix = Some(Fix {
            title: String::new(),
            applicability: Applicability::Unsafe,
            edits: Vec::new(),
        });
        let mut info = diagnostic("B004", &"long ".repeat(100), at("End 𠀋𠀋\r\n"));
        info.severity = Severity::Info;
        info.person = Some(String::new());
        Checked {
            profile: "frus 发往".into(),
            detection: Detection::Detected {
                markers: vec!["发往".into(), "𠀋".into(), String::new()],
            },
            diagnostics: vec![full, unsafe_fix, info],
        }
    }

    #[test]
    fn every_part_of_the_layout_reads_back_with_any_text() {
        let original = everything();
        let bytes = encode(&original).unwrap();
        assert_eq!(decode(&bytes, MIXED), Some(original.clone()));
        for detection in [
            Detection::Directive,
            Detection::Configured,
            Detection::Fallback,
            Detection::Detected { markers: vec![] },
        ] {
            let mut c = original.clone();
            c.detection = detection;
            c.diagnostics.truncate(1);
            assert_eq!(decode(&encode(&c).unwrap(), MIXED), Some(c));
        }
        let empty = Checked {
            profile: String::new(),
            detection: Detection::Fallback,
            diagnostics: Vec::new(),
        };
        assert_eq!(decode(&encode(&empty).unwrap(), ""), Some(empty));
    }

    #[test]
    fn unknown_codes_are_not_stored() {
        let mut c = everything();
        c.diagnostics[1].code = "Z999";
        assert_eq!(encode(&c), None);
    }

    /// The pack's checksum catches damage first ([`super::super::tests`]);
    /// here a damaged payload must at least never panic, and every cut one
    /// is refused.
    #[test]
    fn cut_or_bit_flipped_payloads_never_panic() {
        let bytes = encode(&everything()).unwrap();
        for len in 0..bytes.len() {
            assert_eq!(decode(&bytes[..len], MIXED), None, "cut at {len}");
        }
        for at in 0..bytes.len() {
            for bit in 0..8 {
                let mut damaged = bytes.clone();
                damaged[at] ^= 1 << bit;
                let _ = decode(&damaged, MIXED);
            }
        }
    }

    #[test]
    fn every_rule_code_is_found_with_its_own_name() {
        for rule in rules::all() {
            let meta = rule.meta();
            assert_eq!(rule_names(meta.code), Some((meta.code, meta.name)));
        }
        assert_eq!(rule_names(""), None);
        assert_eq!(rule_names("ZZZZ"), None);
    }

    #[test]
    fn varints_round_trip_at_their_edges() {
        for n in [
            0,
            1,
            127,
            128,
            255,
            16_383,
            16_384,
            u32::MAX as usize,
            usize::MAX,
        ] {
            let mut out = Vec::new();
            var_into(&mut out, n);
            let mut r = Reader {
                bytes: &out,
                text: "",
            };
            assert_eq!(r.var(), Some(n));
            assert!(r.bytes.is_empty());
        }
    }
}
