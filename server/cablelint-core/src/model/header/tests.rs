//! Header fields read from constructed and real header lines.

use super::*;
use crate::profile::ProfileSet;

fn fields(profile: &str, line: &str) -> Vec<(String, String, String)> {
    let set = ProfileSet::builtin();
    let matcher = LabelMatcher::new(set.get(profile).unwrap());
    matcher
        .fields_on_line(line, 0, 0)
        .into_iter()
        .map(|f| {
            (
                line[f.label.range()].to_owned(),
                f.field.as_deref().unwrap_or("?").to_owned(),
                line[f.value.range()].to_owned(),
            )
        })
        .collect()
}

fn t(a: &str, b: &str, c: &str) -> (String, String, String) {
    (a.into(), b.into(), c.into())
}

#[test]
fn chinese_form_line_holds_several_fields() {
    assert_eq!(
        fields("prc-mfa-cable", "等级:平    复来报号    外发e508"),
        [
            t("等级", "level", "平"),
            t("复来报号", "reply-to", ""),
            t("外发", "dispatch-no", "e508")
        ]
    );
    assert_eq!(
        fields("prc-mfa-cable", "发往:乌鲁木齐   批发:(   628"),
        [
            t("发往", "receiver", "乌鲁木齐"),
            t("批发", "approved-by", "(")
        ]
    );
}

#[test]
fn no_break_and_ideographic_spaces_separate_fields() {
    // As the archive prints the seed cable: a space, then no-break spaces.
    assert_eq!(
        fields(
            "prc-mfa-cable",
            "等级:平 \u{a0}\u{a0}\u{a0}复来报号 \u{a0}\u{a0}\u{a0}外发e508"
        ),
        [
            t("等级", "level", "平"),
            t("复来报号", "reply-to", ""),
            t("外发", "dispatch-no", "e508")
        ]
    );
    assert_eq!(
        fields("prc-mfa-cable", "发往:乌鲁木齐\u{3000}批发:("),
        [
            t("发往", "receiver", "乌鲁木齐"),
            t("批发", "approved-by", "(")
        ]
    );
    // One no-break space inside a value does not split it.
    assert_eq!(
        fields("prc-mfa-cable", "Receiver: Wulumuqi\u{a0}[Urumqi]"),
        [t("Receiver", "receiver", "Wulumuqi\u{a0}[Urumqi]")]
    );
}

#[test]
fn labels_without_colon_and_empty_values() {
    assert_eq!(
        fields("prc-mfa-cable", "Foreign Ministry Dispatch No. 508"),
        [t("Foreign Ministry Dispatch No.", "dispatch-no", "508")]
    );
    assert_eq!(
        fields("prc-mfa-cable", "Approved by:"),
        [t("Approved by", "approved-by", "")]
    );
    assert_eq!(
        fields("prc-mfa-cable", "28 June [1962]"),
        [t("", "date", "28 June [1962]")]
    );
}

#[test]
fn dot_leaders_and_inline_labels_split_fields() {
    assert_eq!(
        fields(
            "polish-ciphergram",
            "From…Hanoi…..dispatched on 03.11. at 12:00 hours……..received on 03.12. at 12:21hours…"
        ),
        [
            t("From", "from", "Hanoi"),
            t("dispatched on", "dispatched", "03.11. at 12:00 hours"),
            t("received on", "received", "03.12. at 12:21hours")
        ]
    );
    assert_eq!(
        fields(
            "soviet-ciphered-telegram",
            "Destination: PEKING To Whom: SovAmbassador"
        ),
        [
            t("Destination", "destination", "PEKING"),
            t("To Whom", "to-whom", "SovAmbassador")
        ]
    );
}

#[test]
fn unknown_labels_are_kept_without_a_field() {
    assert_eq!(
        fields("prc-mfa-cable", "Recever: Wulumuqi"),
        [t("Recever", "?", "Wulumuqi")]
    );
    assert!(fields("prc-mfa-cable", "at 8:30 the meeting began").is_empty());
}

#[test]
fn ascii_lines_split_as_the_general_path_splits_them() {
    for line in [
        "From..Hanoi.....dispatched on 03.11. at 12:00 hours....",
        "Level: Normal    Dispatch No. 508\t\tx",
        "  lead  and trail  ",
        "a \x0B b\x0C\x0Cc. .d",
        "",
        "...",
        "x.",
    ] {
        let (mut ascii, mut chars) = (Vec::new(), Vec::new());
        segments_into(line, &mut ascii);
        char_segments_oracle(line, &mut chars);
        assert_eq!(ascii, chars, "{line:?}");
    }
}

#[test]
fn lines_split_as_the_character_by_character_split_splits_them() {
    let check = |line: &str| {
        let (mut bytes, mut chars) = (Vec::new(), Vec::new());
        segments_into(line, &mut bytes);
        char_segments_oracle(line, &mut chars);
        assert_eq!(bytes, chars, "{line:?}");
    };
    for (_, text) in crate::test_corpus::documents() {
        for line in text.split('\n') {
            check(line);
            check(&format!("\u{feff}{line}\r"));
        }
    }
    let pieces = [
        "From", "…", "..", ".", " ", "  ", "\t", "\u{a0}", "\u{3000}", "\u{2003}", "发往", ":",
        "𠀋", "\r", "\r\n", "\u{feff}", "x", "Level", "\x0B", "…..", "ё", "\u{85}", "\x1F",
        "\u{2028}", "a.b", "Ł", "’", "\u{1680}", "\u{205F}", "\u{202F}", "。", "Łódź", "ё.ё",
        "\u{2000}", "\u{200A}", "\u{3001}",
    ];
    let mut rng = crate::test_random::Rng(0xA076_1D64_78BD_642F);
    for _ in 0..40_000 {
        let mut line = String::new();
        for _ in 0..rng.below(30) {
            line.push_str(pieces[rng.below(pieces.len())]);
        }
        check(&line);
    }
}

#[test]
fn separators_are_skipped_as_character_by_character() {
    let mut lines: Vec<String> = [
        " : x",
        "\x0B\x0C\t\r x",
        "…..: x",
        ". x",
        "：\u{3000}x",
        "\u{a0}\u{85}x",
        "..",
        "",
        "\x1Fx",
    ]
    .map(str::to_owned)
    .to_vec();
    for (_, text) in crate::test_corpus::documents() {
        lines.extend(text.lines().take(80).map(str::to_owned));
    }
    for line in &lines {
        for (at, _) in line.char_indices() {
            for end in [line.len(), crate::text::floor_char_boundary(line, at + 3)] {
                assert_eq!(
                    skip_separators(line, at, end.max(at)),
                    skip_separators_oracle(line, at, end.max(at)),
                    "{line:?} at {at}"
                );
            }
        }
    }
}

#[test]
fn plain_runs_end_where_the_byte_loop_ends_them() {
    let pieces: [&[u8]; 16] = [
        b"a",
        b"Z",
        b" ",
        b".",
        b"..",
        b"  ",
        b"\t",
        b"\x0B",
        b"\x1F",
        b"!",
        b"~",
        b"\x7F",
        "…".as_bytes(),
        "ё".as_bytes(),
        b"word",
        b"12:00",
    ];
    let mut rng = crate::test_random::Rng(0x2545_F491_4F6C_DD1D);
    for _ in 0..20_000 {
        let mut bytes = Vec::new();
        for _ in 0..rng.below(40) {
            bytes.extend_from_slice(pieces[rng.below(pieces.len())]);
        }
        for i in 0..bytes.len() {
            assert_eq!(
                plain_run_end(&bytes, i),
                plain_run_end_bytewise(&bytes, i),
                "{bytes:?} from {i}"
            );
        }
    }
    assert_eq!(plain_ascii_run(u64::from_le_bytes(*b"abcdefgh")), 8);
    assert_eq!(plain_ascii_run(u64::from_le_bytes(*b"ab cd.ef")), 8);
    assert_eq!(plain_ascii_run(u64::from_le_bytes(*b"abcdefg.")), 7);
    assert_eq!(plain_ascii_run(u64::from_le_bytes(*b"abc. efg")), 0);
    assert_eq!(plain_ascii_run(u64::from_le_bytes(*b"abc\tdefg")), 0);
    assert_eq!(plain_ascii_run(u64::from_le_bytes(*b"abc\x80defg")), 0);
}

#[test]
fn plain_bytes_belong_to_characters_that_start_no_gap() {
    // Every character, by its lead byte: a plain one is never white
    // space, `…`, U+3000 or `.`, and all its bytes are plain.
    let mut plain_leads = 0;
    for c in (0..=0x10FFFF).filter_map(char::from_u32) {
        let mut utf8 = [0; 4];
        let bytes = c.encode_utf8(&mut utf8).as_bytes();
        if PLAIN[usize::from(bytes[0])] {
            assert!(
                !c.is_whitespace() && !matches!(c, '…' | '\u{3000}' | '.'),
                "{c:?}"
            );
            assert!(bytes.iter().all(|&b| PLAIN[usize::from(b)]), "{c:?}");
            plain_leads += 1;
        }
    }
    assert!(plain_leads > 1_000_000, "{plain_leads}");
}

#[test]
fn inline_labels_are_found_as_without_the_colon_test() {
    let set = ProfileSet::builtin();
    let mut lines: Vec<String> = Vec::new();
    for (_, text) in crate::test_corpus::documents() {
        lines.extend(text.lines().map(str::to_owned));
    }
    let pieces = [
        " ",
        "\u{a0}",
        "\u{3000}",
        "To Whom",
        "to whom",
        "Destination",
        "Receiver",
        ":",
        "：",
        "发往",
        "Спец. №",
        "\u{212A}ey",
        "Level",
        "x",
        "𠀋",
        "\r\n",
        "12:00",
        "Approved by",
        "\t",
        "\u{b}",
        "\u{c}",
        "\u{85}",
    ];
    let mut rng = crate::test_random::Rng(0xE703_7ED1_A0B4_28DB);
    for _ in 0..5_000 {
        let mut line = String::new();
        for _ in 0..rng.below(10) {
            line.push_str(pieces[rng.below(pieces.len())]);
        }
        lines.push(line);
    }
    for profile in set.iter() {
        let matcher = LabelMatcher::new(profile);
        for line in &lines {
            let half = crate::text::floor_char_boundary(line, line.len() / 2);
            for from in [0, half] {
                assert_eq!(
                    matcher.inline_label(line, from, line.len()),
                    matcher.inline_label_oracle(line, from, line.len()),
                    "{} on {line:?} from {from}",
                    profile.id
                );
            }
        }
    }
}

#[test]
fn prefixes_compare_as_byte_by_byte_they_compared() {
    let set = ProfileSet::builtin();
    let labels: Vec<String> = set
        .iter()
        .flat_map(|p| p.fields.iter())
        .flat_map(|f| f.labels.iter().chain(&f.original_labels))
        .cloned()
        .chain(["", "k", "\u{212A}ey", "𠀋A", "Spec. №"].map(str::to_owned))
        .collect();
    let mut hays: Vec<String> = Vec::new();
    for (_, text) in crate::test_corpus::documents() {
        for line in text.lines().take(60) {
            let line = line.trim_start();
            // Every start of a word, as segments and inline labels have it.
            for (at, _) in line.match_indices(' ') {
                hays.push(line[at + 1..].to_owned());
            }
            hays.push(line.to_owned());
        }
    }
    hays.extend(labels.iter().map(|l| l.to_uppercase()));
    hays.extend(labels.iter().map(|l| format!("{l}: x")));
    hays.extend(
        [
            "",
            "k",
            "SUBJEC",
            "\u{212A}EY: x",
            "Ke\u{212A}",
            "Sent to\0",
        ]
        .map(str::to_owned),
    );
    let mut ruled_out_count = 0;
    for hay in &hays {
        for label in &labels {
            let found = prefix_ignore_case_oracle(hay, label);
            assert_eq!(prefix_ignore_case(hay, label), found, "{hay:?} {label:?}");
            if ruled_out(hay.as_bytes(), LabelHead::of(label)) {
                assert_eq!(found, None, "ruled out: {hay:?} {label:?}");
                ruled_out_count += 1;
            }
        }
    }
    assert!(ruled_out_count > hays.len(), "{ruled_out_count}");
}

#[test]
fn case_insensitive_prefix_reports_bytes_of_the_haystack() {
    assert_eq!(prefix_ignore_case("SUBJECT: x", "Subject"), Some(7));
    assert_eq!(prefix_ignore_case("Sub", "Subject"), None);
    // Past the ASCII start, characters fold as Unicode has it: the Kelvin
    // sign is a `k`, and a CJK or astral label matches itself.
    assert_eq!(prefix_ignore_case("\u{212A}ey: x", "key"), Some(5));
    assert_eq!(prefix_ignore_case("ke\u{212A}: x", "KEK"), Some(5));
    assert_eq!(prefix_ignore_case("Spec. №5", "spec. №"), Some(9));
    assert_eq!(prefix_ignore_case("发往:𠀋", "发往"), Some(6));
    assert_eq!(prefix_ignore_case("𠀋a", "𠀋A"), Some(5));
    assert_eq!(prefix_ignore_case("SpeC", "spec. №"), None);
    assert_eq!(prefix_ignore_case("Spex. №", "spec. №"), None);
}
