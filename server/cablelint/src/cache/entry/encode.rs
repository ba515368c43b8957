//! Writing a payload.

use super::{rule_names, Checked, VERSION};
use cablelint_core::profile::Detection;
use cablelint_core::{Applicability, Severity, Span};

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
pub(super) struct Out {
    bytes: Vec<u8>,
    pub(super) layout: Vec<u8>,
}

/// The version byte and the text's length.
const HEAD: usize = 5;

impl Out {
    pub(super) fn with_capacity(diagnostics: usize) -> Out {
        let mut bytes = Vec::with_capacity(64 + 192 * diagnostics);
        bytes.push(VERSION);
        bytes.extend_from_slice(&[0; HEAD - 1]);
        Out {
            bytes,
            layout: Vec::with_capacity(16 + 16 * diagnostics),
        }
    }

    pub(super) fn push(&mut self, byte: u8) {
        self.layout.push(byte);
    }

    pub(super) fn finish(mut self) -> Option<Vec<u8>> {
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
pub(super) fn var_into(out: &mut Vec<u8>, mut n: usize) {
    while n >= 0x80 {
        out.push((n as u8) | 0x80);
        n >>= 7;
    }
    out.push(n as u8);
}

pub(super) fn put_var(out: &mut Out, n: usize) {
    var_into(&mut out.layout, n);
}

pub(super) fn put_str(out: &mut Out, s: &str) {
    put_var(out, s.len());
    out.bytes.extend_from_slice(s.as_bytes());
}

pub(super) fn put_span(out: &mut Out, span: Span) {
    put_var(out, span.start);
    put_var(out, span.end);
}
