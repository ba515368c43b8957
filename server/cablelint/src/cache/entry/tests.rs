use super::decode::Reader;
use super::encode::{put_span, put_str, put_var, var_into, Out};
use super::*;
use cablelint_core::lint::{check, CheckOptions};
use cablelint_core::SourceText;
use cablelint_core::{Applicability, Diagnostic, Edit, Fix, Related, Severity, Span};

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
