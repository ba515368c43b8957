//! One cache entry: what `lint::check` found in one file (its profile, how
//! the profile was chosen, the diagnostics), as a small self-checking file:
//!
//! ```text
//! cablelint-cache 1 <key, 64 hex digits>
//! <BLAKE3 of the payload, 64 hex digits>
//! <payload: JSON>
//! ```
//!
//! Decoding trusts nothing: a wrong header, key or checksum, bad JSON, an
//! unknown rule code or a span that does not fit the file's text makes the
//! entry unusable (the file is checked again), never a wrong report.

use super::key::Key;
use crate::report::FileReport;
use cablelint_core::profile::Detection;
use cablelint_core::rules;
use cablelint_core::{Applicability, Diagnostic, Edit, Fix, Related, Severity, Span};
use serde::{Deserialize, Serialize};

/// Bumped whenever the layout or the payload changes; also the name of the
/// cache's subdirectory, so versions never read each other's entries.
pub const FORMAT: u32 = 1;
const MAGIC: &str = "cablelint-cache";

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
            profile: report.profile.clone(),
            detection: report.detection.clone(),
            diagnostics: report
                .findings
                .iter()
                .map(|f| f.diagnostic.clone())
                .collect(),
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

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct Payload {
    profile: String,
    /// `directive`, `configured`, `detected` or `fallback`.
    detection: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    markers: Vec<String>,
    diagnostics: Vec<StoredDiagnostic>,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct StoredDiagnostic {
    code: String,
    severity: Severity,
    message: String,
    span: (usize, usize),
    #[serde(default, skip_serializing_if = "Option::is_none")]
    fix: Option<StoredFix>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    related: Vec<(usize, usize, String)>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    person: Option<String>,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct StoredFix {
    title: String,
    applicability: Applicability,
    edits: Vec<(usize, usize, String)>,
}

/// The entry's bytes; `None` when a diagnostic's code is not a known rule
/// (it could not be read back, so it is not stored).
pub fn encode(key: &Key, checked: &Checked) -> Option<Vec<u8>> {
    let (detection, markers) = match &checked.detection {
        Detection::Directive => ("directive", Vec::new()),
        Detection::Configured => ("configured", Vec::new()),
        Detection::Detected { markers } => ("detected", markers.clone()),
        Detection::Fallback => ("fallback", Vec::new()),
    };
    let mut diagnostics = Vec::with_capacity(checked.diagnostics.len());
    for d in &checked.diagnostics {
        rule_names(d.code)?;
        diagnostics.push(StoredDiagnostic {
            code: d.code.to_owned(),
            severity: d.severity,
            message: d.message.clone(),
            span: (d.span.start, d.span.end),
            fix: d.fix.as_ref().map(|f| StoredFix {
                title: f.title.clone(),
                applicability: f.applicability,
                edits: f
                    .edits
                    .iter()
                    .map(|e| (e.span.start, e.span.end, e.new_text.clone()))
                    .collect(),
            }),
            related: d
                .related
                .iter()
                .map(|r| (r.span.start, r.span.end, r.message.clone()))
                .collect(),
            person: d.person.clone(),
        });
    }
    let payload = serde_json::to_vec(&Payload {
        profile: checked.profile.clone(),
        detection: detection.to_owned(),
        markers,
        diagnostics,
    })
    .ok()?;
    let mut bytes = format!(
        "{MAGIC} {FORMAT} {}\n{}\n",
        key.to_hex(),
        blake3::hash(&payload).to_hex()
    )
    .into_bytes();
    bytes.extend_from_slice(&payload);
    Some(bytes)
}

/// Reads an entry back for the file whose key is `key` and whose decoded
/// text is `text`; `None` for anything but a sound entry of that very key.
pub fn decode(bytes: &[u8], key: &Key, text: &str) -> Option<Checked> {
    let (header, rest) = split_line(bytes)?;
    let (checksum, payload) = split_line(rest)?;
    let expected_header = format!("{MAGIC} {FORMAT} {}", key.to_hex());
    if header != expected_header.as_bytes() || checksum != blake3::hash(payload).to_hex().as_bytes()
    {
        return None;
    }
    let payload: Payload = serde_json::from_slice(payload).ok()?;
    let detection = match (payload.detection.as_str(), payload.markers) {
        ("directive", m) if m.is_empty() => Detection::Directive,
        ("configured", m) if m.is_empty() => Detection::Configured,
        ("detected", markers) => Detection::Detected { markers },
        ("fallback", m) if m.is_empty() => Detection::Fallback,
        _ => return None,
    };
    let span = |(start, end): (usize, usize)| {
        let fits = start <= end
            && end <= text.len()
            && text.is_char_boundary(start)
            && text.is_char_boundary(end);
        fits.then_some(Span { start, end })
    };
    // Edits and related places: (start, end, text) with a span that fits.
    let spanned = |items: Vec<(usize, usize, String)>| {
        items
            .into_iter()
            .map(|(start, end, text)| span((start, end)).map(|span| (span, text)))
            .collect::<Option<Vec<_>>>()
    };
    let mut diagnostics = Vec::with_capacity(payload.diagnostics.len());
    for d in payload.diagnostics {
        let (code, name) = rule_names(&d.code)?;
        let fix = match d.fix {
            Some(f) => Some(Fix {
                title: f.title,
                applicability: f.applicability,
                edits: spanned(f.edits)?
                    .into_iter()
                    .map(|(span, new_text)| Edit { span, new_text })
                    .collect(),
            }),
            None => None,
        };
        diagnostics.push(Diagnostic {
            code,
            name,
            severity: d.severity,
            message: d.message,
            span: span(d.span)?,
            fix,
            related: spanned(d.related)?
                .into_iter()
                .map(|(span, message)| Related { span, message })
                .collect(),
            person: d.person,
        });
    }
    Some(Checked {
        profile: payload.profile,
        detection,
        diagnostics,
    })
}

/// The rule's own `&'static` code and name, as diagnostics carry them.
fn rule_names(code: &str) -> Option<(&'static str, &'static str)> {
    rules::all()
        .iter()
        .map(|r| r.meta())
        .find(|m| m.code == code)
        .map(|m| (m.code, m.name))
}

fn split_line(bytes: &[u8]) -> Option<(&[u8], &[u8])> {
    let end = bytes.iter().position(|&b| b == b'\n')?;
    Some((&bytes[..end], &bytes[end + 1..]))
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

    fn key(n: u8) -> Key {
        Key::from_bytes([n; 32])
    }

    #[test]
    fn an_entry_reads_back_as_it_was_written() {
        let original = checked();
        assert!(original.diagnostics.iter().any(|d| d.fix.is_some()));
        let bytes = encode(&key(1), &original).unwrap();
        assert_eq!(decode(&bytes, &key(1), TEXT), Some(original));
    }

    #[test]
    fn markers_of_a_detected_profile_survive() {
        let mut original = checked();
        original.detection = Detection::Detected {
            markers: vec!["发往".into(), "等级".into()],
        };
        let bytes = encode(&key(1), &original).unwrap();
        assert_eq!(decode(&bytes, &key(1), TEXT), Some(original));
    }

    #[test]
    fn an_entry_of_another_key_or_format_is_refused() {
        let bytes = encode(&key(1), &checked()).unwrap();
        assert_eq!(decode(&bytes, &key(2), TEXT), None);
        let text = String::from_utf8(bytes).unwrap();
        let older = text.replacen(&format!("{MAGIC} {FORMAT} "), &format!("{MAGIC} 0 "), 1);
        assert_eq!(decode(older.as_bytes(), &key(1), TEXT), None);
    }

    #[test]
    fn every_truncation_and_any_flipped_byte_is_refused() {
        let bytes = encode(&key(1), &checked()).unwrap();
        for len in 0..bytes.len() {
            assert_eq!(decode(&bytes[..len], &key(1), TEXT), None, "cut at {len}");
        }
        for at in (0..bytes.len()).step_by(7) {
            let mut bad = bytes.clone();
            bad[at] ^= 0x20;
            assert_eq!(decode(&bad, &key(1), TEXT), None, "flipped at {at}");
        }
        assert_eq!(decode(b"", &key(1), TEXT), None);
        assert_eq!(decode(&[0xFF; 300], &key(1), TEXT), None);
    }

    /// An entry with a valid checksum but nonsense inside (written by a
    /// foreign tool, or for another text) is refused, never trusted.
    fn forged(payload: &str) -> Vec<u8> {
        let mut bytes = format!(
            "{MAGIC} {FORMAT} {}\n{}\n",
            key(1).to_hex(),
            blake3::hash(payload.as_bytes()).to_hex()
        )
        .into_bytes();
        bytes.extend_from_slice(payload.as_bytes());
        bytes
    }

    #[test]
    fn spans_outside_the_text_or_inside_a_character_and_unknown_codes_are_refused() {
        let diagnostic = |code: &str, span: &str| {
            format!(
                r#"{{"profile":"generic","detection":"fallback","diagnostics":[{{"code":"{code}","severity":"warning","message":"m","span":{span}}}]}}"#
            )
        };
        let good = forged(&diagnostic("B004", "[0,3]"));
        assert!(decode(&good, &key(1), TEXT).is_some());
        let past_end = format!("[0,{}]", TEXT.len() + 1);
        let refused = [
            // 发 is three bytes: offset 1 is inside it.
            ("B004", "[1,3]"),
            ("B004", "[3,2]"),
            ("B004", past_end.as_str()),
            ("Z999", "[0,3]"),
            ("b004", "[0,3]"),
        ];
        for (code, span) in refused {
            let entry = forged(&diagnostic(code, span));
            assert_eq!(decode(&entry, &key(1), TEXT), None, "{code} {span}");
        }
        let unknown_method = r#"{"profile":"generic","detection":"guessed","diagnostics":[]}"#;
        assert_eq!(decode(&forged(unknown_method), &key(1), TEXT), None);
        let extra_key = r#"{"profile":"generic","detection":"fallback","diagnostics":[],"x":1}"#;
        assert_eq!(decode(&forged(extra_key), &key(1), TEXT), None);
    }
}
