use super::model::{file, Output};
use super::write::{detection_method, write_description, KEPT_MARKERS};
use super::*;
use crate::output::pretty::{write_plain_string, write_string};
use crate::report::FileReport;
use cablelint_core::profile::Detection;

/// A report handed out in chunks, put together, is the report
/// rendered whole; each chunk but the last is at least `CHUNK` long.
#[test]
fn a_report_in_chunks_is_the_report_whole() {
    let text = "TO: X\n\n".to_owned() + &"[] 姬 \"q\" 𠀋\r\n".repeat(300);
    let r = FileReport::of_text("a.cable", &text);
    let mut whole = Vec::new();
    write_file(&mut whole, &r).unwrap();
    assert!(whole.len() > 3 * CHUNK, "{}", whole.len());
    let (mut out, mut joined, mut flushes) = (Vec::new(), Vec::new(), 0);
    write_file_in_chunks(&mut out, &r, &mut |chunk| {
        assert!(chunk.len() >= CHUNK);
        joined.extend_from_slice(chunk);
        chunk.clear();
        flushes += 1;
        Ok(())
    })
    .unwrap();
    joined.extend_from_slice(&out);
    assert!(flushes >= 3, "{flushes}");
    assert_eq!(
        String::from_utf8(joined).unwrap(),
        String::from_utf8(whole).unwrap()
    );
}

fn streamed(reports: &[FileReport]) -> (String, String) {
    let mut summary = Summary::default();
    let mut out = Vec::new();
    let mut stream = Stream::default();
    for r in reports {
        summary.add(r);
        let mut rendered = Vec::new();
        write_file(&mut rendered, r).unwrap();
        stream.file(&mut out, &rendered).unwrap();
    }
    stream.finish(&mut out, &summary).unwrap();
    let whole = Output {
        version: VERSION,
        files: reports.iter().map(file).collect(),
        summary: json_summary(&summary),
    };
    let expected = serde_json::to_string_pretty(&whole).unwrap() + "\n";
    (String::from_utf8(out).unwrap(), expected)
}

/// What `write_plain_string` writes unescaped: every rule's code and
/// name, every severity.
#[test]
fn codes_names_and_severities_need_no_escape() {
    use cablelint_core::{Applicability, Severity};
    let severities = [
        Severity::Hint,
        Severity::Info,
        Severity::Warning,
        Severity::Error,
    ];
    let metas = cablelint_core::rules::all().iter().map(|r| r.meta());
    let detections = [
        Detection::Directive,
        Detection::Configured,
        Detection::Detected { markers: vec![] },
        Detection::Fallback,
    ];
    let texts = metas
        .flat_map(|m| [m.code, m.name])
        .chain(severities.iter().map(|s| s.as_str()))
        .chain([Applicability::Safe, Applicability::Unsafe].map(|a| a.as_str()))
        .chain(detections.iter().map(|d| detection_method(d).0));
    for text in texts {
        let (mut plain, mut escaped) = (Vec::new(), Vec::new());
        write_plain_string(&mut plain, text);
        write_string(&mut escaped, text);
        assert_eq!(plain, escaped, "{text}");
    }
}

#[test]
fn streaming_writes_exactly_the_whole_document() {
    let (got, expected) = streamed(&[]);
    assert_eq!(got, expected);
    let reports = [
        FileReport::of_text("a.cable", "TO: X\n\nThe (text [is\nmulti-line \"quoted\\\n"),
        FileReport::of_text("b 𠀋.cable", "clean\r\n"),
        FileReport::of_text("c.cable", "[ ] 姬鹏飞 (\r\n"),
    ];
    let (got, expected) = streamed(&reports);
    assert_eq!(got, expected);
    assert!(got.contains("\"code\""), "{got}");
}

/// The description written in pieces is `Detection::describe` escaped
/// (the oracle), for every way of choosing and any markers.
#[test]
fn a_description_is_what_describe_gives() {
    let markers = |m: &[&str]| Detection::Detected {
        markers: m.iter().map(|s| s.to_string()).collect(),
    };
    for d in [
        Detection::Directive,
        Detection::Configured,
        Detection::Fallback,
        markers(&[]),
        markers(&["PRC Ministry of Foreign Affairs"]),
        markers(&["发往", "\"q\" \\ \u{1b}\n", "𠀋\u{2028}", ""]),
    ] {
        let (mut pieces, mut whole) = (Vec::new(), Vec::new());
        write_description(&mut pieces, &d, &[]);
        write_string(&mut whole, &d.describe());
        assert_eq!(
            String::from_utf8(pieces).unwrap(),
            String::from_utf8(whole).unwrap()
        );
    }
}

/// Every shape a file's object takes: no findings, a fix without
/// edits, no related notes, each way of choosing the profile (markers
/// or none), one finding or several.
#[test]
fn every_shape_of_a_file_is_written_as_serde_json_writes_it() {
    use cablelint_core::{Applicability, Fix};
    let text = "TO: X\n\nThe (text [is\nmulti-line \"quoted\\\n";
    let mut reports = Vec::new();
    for detection in [
        Detection::Directive,
        Detection::Configured,
        Detection::Detected { markers: vec![] },
        Detection::Detected {
            markers: vec!["one".to_owned()],
        },
        Detection::Fallback,
    ] {
        let mut r = FileReport::of_text("a.cable", text);
        r.detection = detection;
        assert!(r.diagnostics.len() > 1);
        let mut one = Vec::new();
        r.edit_findings(|findings| {
            let first = &mut findings[0];
            first.diagnostic.fix = Some(Fix {
                title: "Nothing to do".to_owned(),
                applicability: Applicability::Safe,
                edits: Vec::new(),
            });
            first.edits.clear();
            first.diagnostic.related.clear();
            first.related.clear();
            one = findings[..1].to_vec();
        });
        reports.push(r);
        let mut single = FileReport::of_text("b.cable", text);
        single.edit_findings(|findings| *findings = one);
        reports.push(single);
        let mut clean = FileReport::of_text("c.cable", "clean\n");
        clean.edit_findings(Vec::clear);
        reports.push(clean);
    }
    let (got, expected) = streamed(&reports);
    assert_eq!(got, expected);
}

/// Text that needs escaping, in every string the writer writes: the
/// path, the profile, messages, fix titles and texts, related
/// messages, the person, detection markers.
#[test]
fn every_string_is_escaped_as_serde_json_escapes_it() {
    use cablelint_core::{Applicability, Edit, Fix, Related, Span};
    const AWKWARD: &str =
        "姬鹏飞 𠀋 \"q\" back\\slash \u{0}\u{8}\t\n\u{c}\r\u{1b}\u{1f}\u{7f} \u{FFFD}\u{2028}";
    let mut r = FileReport::of_text(&format!("dir/{AWKWARD}.cable"), "TO: X\n\nThe (text [is\n");
    r.profile = format!("p{AWKWARD}").into();
    r.detection = Detection::Detected {
        markers: vec![AWKWARD.to_owned(), "\"".to_owned()],
    };
    r.edit_findings(|findings| {
        let template = findings[0].clone();
        let mut finding = template.clone();
        let d = &mut finding.diagnostic;
        d.message = AWKWARD.to_owned();
        d.person = Some(format!("person {AWKWARD}"));
        d.fix = Some(Fix {
            title: AWKWARD.to_owned(),
            applicability: Applicability::Unsafe,
            edits: vec![
                Edit::replace(Span::new(0, 1), AWKWARD),
                Edit::insert(2, "\\\r\n"),
            ],
        });
        d.related = vec![
            Related {
                span: Span::new(0, 1),
                message: AWKWARD.to_owned(),
            },
            Related {
                span: Span::new(1, 2),
                message: String::new(),
            },
        ];
        finding.edits = vec![(template.start, template.end); 2];
        finding.related = vec![(template.start, template.end); 2];
        findings.push(finding);
    });
    // More markers than the description copies: the last are escaped
    // again.
    let mut many = FileReport::of_text("many.cable", "TO: X\n");
    many.detection = Detection::Detected {
        markers: (0..KEPT_MARKERS + 3)
            .map(|i| format!("{i} {AWKWARD}"))
            .collect(),
    };
    let (got, expected) = streamed(&[r, many]);
    assert_eq!(got, expected);
    assert!(got.contains("\\u001b"), "{got}");
    assert!(got.contains("\"person\""), "{got}");
    let parsed: serde_json::Value = serde_json::from_str(&got).unwrap();
    let diagnostics = parsed["files"][0]["diagnostics"].as_array().unwrap();
    assert_eq!(diagnostics.last().unwrap()["message"], AWKWARD);
    assert_eq!(parsed["files"][0]["path"], format!("dir/{AWKWARD}.cable"));
}
