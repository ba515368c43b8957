//! Data-driven tests of the model: each renders the section outline and the
//! header fields of a text, as a reader would check them.

use super::*;
use expect_test::{expect, Expect};
use std::fmt::Write;

pub(crate) fn outline(doc: &Document) -> String {
    let mut out = String::new();
    for s in &doc.sections {
        let _ = writeln!(
            out,
            "{} {}-{}",
            s.kind.as_str(),
            s.lines.0 + 1,
            s.lines.1 + 1
        );
    }
    for f in &doc.fields {
        let _ = writeln!(
            out,
            "  field {}{} {:?} = {:?}",
            f.field.as_deref().unwrap_or("?"),
            if f.original { " (original)" } else { "" },
            doc.slice(f.label),
            doc.slice(f.value)
        );
    }
    let _ = writeln!(
        out,
        "profile {} ({})",
        doc.profile.id,
        doc.detection.describe()
    );
    out
}

fn check(text: &str, expect: Expect) {
    expect.assert_eq(&outline(&Document::parse_str(text)));
}

#[test]
fn sections_tile_the_text() {
    let text = "June 28, 1962\n\nTitle of it\n\nReceiver: X\n\nBody text that goes on and on, long enough to be prose for sure.\n\nMinistry\n";
    let doc = Document::parse_str(text);
    let mut at = 0;
    for s in &doc.sections {
        assert_eq!(s.span.start, at);
        at = s.span.end;
    }
    assert_eq!(at, text.len());
}

#[test]
fn seed_like_cable() {
    check(
        "Skip to content\n\nJune 28, 1962\n\nCable from Foreign Ministry to Xinjiang Foreign Affairs Office\n\nThis document was made possible with support from MacArthur Foundation\n\n发往:乌鲁木齐   批发:(   628\n\n等级:平    复来报号    外发e508\n\nReceiver: Wulumuqi [Urumqi]\n\nApproved by:\n\n28 June [1962]\n\nLevel: Normal\n\nForeign Ministry Dispatch No. 508\n\nSubject: We Have Already Responded\n\n[To the] Xinjiang Foreign Affairs Office:\n\nOn the 26th [of June], Vice Minister Ji [Pengfei] handed our memorandum responding to the Soviet memorandum.\n\nMinistry of Foreign Affairs\n\n28 June [1962]\n\nChervonenko denies Soviet responsibility for illegal border crossings, and the Chinese Ministry responds.\n\nDocument Information\n\nPRC FMA 118-01154-01, 48.\n",
        expect![[r#"
            archive-chrome 1-2
            archive-date 3-4
            archive-title 5-6
            archive-chrome 7-8
            original-header 9-12
            header 13-22
            subject 23-24
            body 25-28
            closing 29-32
            summary 33-34
            citation 35-38
              field receiver (original) "发往" = "乌鲁木齐"
              field approved-by (original) "批发" = "("
              field level (original) "等级" = "平"
              field reply-to (original) "复来报号" = ""
              field dispatch-no (original) "外发" = "e508"
              field receiver "Receiver" = "Wulumuqi [Urumqi]"
              field approved-by "Approved by" = ""
              field date "" = "28 June [1962]"
              field level "Level" = "Normal"
              field dispatch-no "Foreign Ministry Dispatch No." = "508"
              field subject "Subject" = "We Have Already Responded"
            profile prc-mfa-cable (detected from 发往, 等级, 外发, 复来报号, Foreign Ministry Dispatch No., PRC FMA)
        "#]],
    );
}

#[test]
fn empty_and_odd_inputs_do_not_panic() {
    for text in [
        "",
        "\u{FEFF}",
        "\0\0",
        "\r",
        "\n\n\n",
        "[",
        "]",
        "% cablelint:",
        "Receiver:",
        "：",
        "…",
        "\r\n\r\n[",
    ] {
        let doc = Document::parse_str(text);
        assert_eq!(
            doc.sections.iter().map(|s| s.span.len()).sum::<usize>(),
            doc.text().len()
        );
    }
}

#[test]
fn long_head_without_a_sentence_stays_in_the_header() {
    // FRUS heads run past 100 characters without a full stop; the dateline
    // after them ("…, 1917." with its final stop) is still header.
    check(
        "File No. 861.77/99\n\nThe Chairman of the Advisory Commission of Railway Experts to Russia (Stevens) to the Secretary of State\n\n[Telegram]\n\nPetrograd, June 13, 1917.\n[Received June 16, 12.50 p.m.]\n\n1388. Railway commission arrived here 12th. All very well. Please publish benefit of friends.\n\nStevens\n",
        expect![[r#"
            header 1-9
            body 10-11
            closing 12-13
              field file-no "File No." = "861.77/99"
              field kind-note "" = "[Telegram]"
              field dateline "" = "Petrograd, June 13, 1917."
              field received "" = "[Received June 16, 12.50 p.m.]"
            profile frus-telegram (detected from [Telegram], File No., [Received , to the Secretary of State)
        "#]],
    );
}

#[test]
fn a_long_paragraph_with_a_sentence_ends_the_header() {
    check(
        "Level: Normal\nOn the 26th Ji handed over our memorandum. Chervonenko denied that the Soviets were responsible for it\nMinistry\n",
        expect![[r#"
            header 1-1
            body 2-2
            closing 3-4
              field level "Level" = "Normal"
            profile generic (no collection recognised)
        "#]],
    );
}

#[test]
fn dot_leader_stamps_and_long_bracketed_notes_are_header() {
    let note = format!(
        "[Translator’s note: Distribution for this cable is as follows: {}Suslov]",
        "Brezhnev, Voronov, Kirilenko, Kozlov, Kosygin, Kuusinen, Mikoyan, ".repeat(4)
    );
    check(
        &format!("Ciphergram No. 3175\n\nCame in to the Decoding Department…03.12.63. at 14:30 hours…………………………………..\n\n{note}\n\nSpecial No. 1664-1665\n\nI conducted lengthy conversations with Prime Minister [Pham Van Dong] and Tovmassian.\n"),
        expect![[r#"
            header 1-8
            body 9-10
              field ciphergram-no "Ciphergram No." = "3175"
              field decoded "Came in to the Decoding Department" = "03.12.63. at 14:30 hours"
            profile polish-ciphergram (detected from Ciphergram No., Decoding Department)
        "#]],
    );
}

#[test]
fn a_long_label_without_its_value_is_not_a_salutation() {
    check(
        "Ciphergram No. 3175\nCame in to the Decoding Department:\nTo the Ministry of Foreign Affairs in Warsaw:\nWe met him today and talked for a long while about it.\n",
        expect![[r#"
            header 1-2
            body 3-5
              field ciphergram-no "Ciphergram No." = "3175"
              field decoded "Came in to the Decoding Department" = ""
            profile polish-ciphergram (detected from Ciphergram No., Decoding Department)
        "#]],
    );
}

/// The searches `line_ending`, `collect_directives` and `group_sections`
/// replaced, kept as their oracles.
mod oracles {
    use super::super::*;

    pub(super) fn line_ending(text: &str) -> &'static str {
        let bytes = text.as_bytes();
        let (mut crlf, mut lf) = (0, 0);
        for at in memchr::memchr_iter(b'\n', bytes) {
            if at > 0 && bytes[at - 1] == b'\r' {
                crlf += 1;
            } else {
                lf += 1;
            }
        }
        if crlf > lf {
            "\r\n"
        } else if lf == 0 && memchr::memchr(b'\r', bytes).is_some() {
            "\r"
        } else {
            "\n"
        }
    }

    pub(super) fn directive_lines(text: &str, lines: &LineIndex) -> Vec<(usize, usize)> {
        let mut found = Vec::new();
        for at in memchr::memchr_iter(b'%', text.as_bytes()) {
            let line = lines.line_of(at);
            let content = lines.line_content_span(text, line);
            if content.start == at
                && directives::parse_directive(&text[content.range()], at, line).is_some()
            {
                found.push((line, at));
            }
        }
        found
    }

    pub(super) fn group_sections(kinds: &[SectionKind], lines: &LineIndex) -> Vec<Section> {
        let mut sections: Vec<Section> = Vec::new();
        for (line, &kind) in kinds.iter().enumerate() {
            let span = lines.line_span(line);
            match sections.last_mut() {
                Some(last) if last.kind == kind => {
                    last.span.end = span.end;
                    last.lines.1 = line;
                }
                _ => sections.push(Section {
                    kind,
                    span,
                    lines: (line, line),
                }),
            }
        }
        sections
    }
}

#[test]
fn line_endings_directives_and_sections_are_those_the_searches_found() {
    let mut texts: Vec<String> = crate::test_corpus::documents()
        .into_iter()
        .map(|(_, text)| text)
        .collect();
    const PIECES: &[&str] = &[
        "\n",
        "\r\n",
        "\r",
        "\r\r\n",
        "\n\r",
        "% cablelint: disable-next-line B001",
        "%",
        " % cablelint: profile = frus-telegram",
        "% cablelint: disable-file",
        "June 28, 1962",
        "Subject: x",
        "Body text that goes on and on, long enough to be prose for sure.",
        "word",
        "100%",
        "",
    ];
    let mut rng = crate::test_random::Rng(0x9E37_79B9_7F4A_7C15);
    for _ in 0..2_000 {
        let count = rng.below(30);
        texts.push(rng.text_of(PIECES, count));
    }
    texts.extend(["", "\r", "\n", "\r\n", "%", "\r%", "x\r\n\n", "\r\r\n\n"].map(str::to_owned));
    for text in &texts {
        let doc = Document::parse_str(text);
        assert_eq!(doc.line_ending(), oracles::line_ending(text), "{text:?}");
        let found: Vec<(usize, usize)> = doc
            .directives
            .iter()
            .map(|d| (d.line, d.span.start))
            .collect();
        assert_eq!(
            found,
            oracles::directive_lines(text, &doc.lines),
            "{text:?}"
        );
        assert_eq!(
            doc.sections,
            oracles::group_sections(&doc.line_kinds, &doc.lines),
            "{text:?}"
        );
    }
}
