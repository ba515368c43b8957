//! One cache entry's payload: what `lint::check` found in one file (its
//! profile, how the profile was chosen, the diagnostics), as JSON. The pack
//! record around it carries the key and a checksum ([`super::pack`]).
//!
//! Decoding trusts nothing: bad JSON, an unknown rule code or a span that
//! does not fit the file's text makes the entry unusable (the file is
//! checked again), never a wrong report.

use crate::report::FileReport;
use cablelint_core::profile::Detection;
use cablelint_core::rules;
use cablelint_core::{Applicability, Diagnostic, Edit, Fix, Related, Severity, Span};
use serde::{Deserialize, Serialize};

/// Bumped whenever the layout or the payload changes; also the name of the
/// cache's subdirectory, so versions never read each other's entries
/// (1: a file per entry; 2: packs).
pub const FORMAT: u32 = 2;

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

/// The entry's payload; `None` when a diagnostic's code is not a known rule
/// (it could not be read back, so it is not stored).
pub fn encode(checked: &Checked) -> Option<Vec<u8>> {
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
    serde_json::to_vec(&Payload {
        profile: checked.profile.clone(),
        detection: detection.to_owned(),
        markers,
        diagnostics,
    })
    .ok()
}

/// Reads a payload back for the file whose decoded text is `text`; `None`
/// for anything but a sound entry that fits that text.
pub fn decode(payload: &[u8], text: &str) -> Option<Checked> {
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
    fn forged(payload: &str) -> Vec<u8> {
        payload.as_bytes().to_vec()
    }

    #[test]
    fn spans_outside_the_text_or_inside_a_character_and_unknown_codes_are_refused() {
        let diagnostic = |code: &str, span: &str| {
            format!(
                r#"{{"profile":"generic","detection":"fallback","diagnostics":[{{"code":"{code}","severity":"warning","message":"m","span":{span}}}]}}"#
            )
        };
        let good = forged(&diagnostic("B004", "[0,3]"));
        assert!(decode(&good, TEXT).is_some());
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
            assert_eq!(decode(&entry, TEXT), None, "{code} {span}");
        }
        let unknown_method = r#"{"profile":"generic","detection":"guessed","diagnostics":[]}"#;
        assert_eq!(decode(&forged(unknown_method), TEXT), None);
        let extra_key = r#"{"profile":"generic","detection":"fallback","diagnostics":[],"x":1}"#;
        assert_eq!(decode(&forged(extra_key), TEXT), None);
    }
}
