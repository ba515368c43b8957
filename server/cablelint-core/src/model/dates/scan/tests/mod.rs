//! The scanner against the regex recogniser it replaced (`oracle.rs`): the
//! same mentions, field for field, on the real corpus, the fuzz corpora and
//! generated text dense with date-like pieces; and its case folding against
//! the regex crate's.

use super::engine::{Kind, Node};
use super::forms::{starts_chinese_date, FORMS, PATTERNS};
use super::words::{fold, NAMES};
use super::{oracle, scan_span};
use crate::model::{Document, SectionKind};
use crate::test_random::{char_boundaries, Rng};
use crate::text::Span;
use regex_syntax::hir::{ClassUnicode, ClassUnicodeRange};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

mod filters;
mod pieces;
use pieces::{DIGIT_PIECES, GLUE_PIECES, NAME_PIECES, PIECES};

const KINDS: [SectionKind; 6] = [
    SectionKind::ArchiveDate,
    SectionKind::OriginalHeader,
    SectionKind::Header,
    SectionKind::Subject,
    SectionKind::Body,
    SectionKind::Closing,
];

/// Every match of the scanner, with its groups named like the oracle's
/// (a group the oracle has over a whole form is the whole match).
fn scanner_matches(text: &str, span: Span) -> Vec<(Span, usize, Vec<Option<Span>>)> {
    let mut out = Vec::new();
    let mut scratch = super::candidates::Scratch::default();
    super::candidates::each_match(text, span, &mut scratch, |whole, pattern, matcher| {
        let index = FORMS.iter().position(|f| *f == pattern.form).unwrap();
        let names = oracle::group_names(index);
        let groups = names
            .iter()
            .enumerate()
            .map(|(i, name)| match pattern.group_index(name) {
                Some(g) => matcher.group(g).map(|(s, e)| Span::new(s, e)),
                None if i == 0 => Some(whole),
                None => panic!("{:?} has no group {name}", pattern.form),
            })
            .collect();
        out.push((whole, index, groups));
    });
    out
}

/// Both recognisers over the whole text as each section kind, and over the
/// sections of the parsed document: the same matches, groups and mentions.
fn assert_same(name: &str, text: &str) {
    let span = Span::new(0, text.len());
    let (new, old) = (scanner_matches(text, span), oracle::matches(text, span));
    if new != old {
        let at = new.iter().zip(&old).take_while(|(a, b)| a == b).count();
        panic!(
            "{name}: {} matches, the oracle {}; first difference at {at}:\n new {:?}\n old {:?}\ntext: {text:?}",
            new.len(),
            old.len(),
            new.get(at),
            old.get(at),
        );
    }
    for kind in KINDS {
        let (mut new, mut old) = (Vec::new(), Vec::new());
        scan_span(text, span, kind, &mut new);
        oracle::scan_span(text, span, kind, &mut old);
        if new != old {
            let at = new.iter().zip(&old).take_while(|(a, b)| a == b).count();
            panic!(
                "{name} as {kind:?}: {} mentions, the oracle {}; first difference at {at}:\n new {:?}\n old {:?}\ntext: {text:?}",
                new.len(),
                old.len(),
                new.get(at),
                old.get(at),
            );
        }
    }
    let doc = Document::parse_str(text);
    let mut old = Vec::new();
    for section in doc.sections.iter().filter(|s| super::is_scanned(s.kind)) {
        oracle::scan_span(doc.text(), section.span, section.kind, &mut old);
    }
    assert!(
        super::scan_document(&doc) == old,
        "{name}: document mentions differ"
    );
}

fn files(dir: &Path) -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{} unreadable: {e}", dir.display()))
        .map(|e| e.expect("a directory entry").path())
        .filter(|p| p.is_file())
        .collect();
    out.sort();
    out
}

#[test]
fn the_real_corpus_gives_the_oracles_dates() {
    for (path, text) in crate::test_corpus::documents() {
        assert_same(&path.display().to_string(), &text);
    }
}

#[test]
fn the_fuzz_corpora_give_the_oracles_dates() {
    let fuzz = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fuzz/corpus");
    let mut replayed = 0;
    for target in ["check", "fix"] {
        // Every seventh input: the whole corpora are compared by the
        // `dates_digest` example (see the module notes of `scan`).
        for path in files(&fuzz.join(target)).iter().step_by(7) {
            let bytes = std::fs::read(path).expect("a fuzz input");
            // The first byte picks the profile in the fuzz targets.
            let text = String::from_utf8_lossy(bytes.get(1..).unwrap_or_default());
            assert_same(&path.display().to_string(), &text);
            replayed += 1;
        }
    }
    assert!(replayed > 300, "only {replayed} fuzz inputs found");
}

#[test]
fn generated_text_dense_with_date_pieces_gives_the_oracles_dates() {
    let mut rng = Rng(0x1962_0628_dead_beef);
    for case in 0..3000 {
        let count = 1 + rng.below(40);
        let text: String = (0..count)
            .map(|_| {
                let kind = rng.below(10);
                let list = match kind {
                    0..=1 => PIECES,
                    2..=4 => NAME_PIECES,
                    5..=6 => DIGIT_PIECES,
                    _ => GLUE_PIECES,
                };
                list[rng.below(list.len())]
            })
            .collect();
        assert_same(&format!("generated case {case}"), &text);
    }
}

#[test]
fn written_dates_give_the_oracles_dates() {
    for text in [
        "Moscow, June 28, 1962, 7 p.m.\r\n[Received June 29, 1962, 4:52 a.m.]",
        "Monday, [June] 28 [1962] at 14:30 hours",
        "28 июня 1962 г. в 16:30 and 28 of June, 1962 — noon",
        "一九六二年六月二十八日 批发 628 and 1962年6月28日 and 二十八日 and 𠀋六月二日",
        "ON/26/26/X/62 and 5.XI.62 and 27/X/1962 and 24.10.62 and 03.11. and 1962-06-28T10:30",
        "342 – WEDNESDAY – 1700hs – text\n(64) January No. 879 and No. (61) 561",
        "the 26th. the 38th parallel, 14th [June]; dismay 5 June 1962; 10.30 a.m.; 1.5%",
        "Thur\u{17F}day, \u{17F}eptember 5 and ᲂктября 5 and 28 ᲂктября 1962 гоᲁа",
        // The longest gaps a time after a date may leave.
        "28 June 1962.\t   —\t \t 7 p.m. and 28 June 1962.\t\t\t\tat    16:30 hours",
        "24.10.62    в    16:30 and 5.XI.62 -    noon and 03.11.,    midnight",
        "Monday,    June    28,    1962    um    20h00 and 1830    hs",
        "28 czerwca 1962 r. o 16:30, 28 June 1962 O 7 p.m. and 28 June 1962 at noon",
        // The day-first and ordinal forms matched by hand, and where they
        // leave the match to the tree.
        "28th June 1962, 2d July, 3rd] Sept., 4th. Oct 1962 r. 5 October,1962 6 of June",
        "7 June, 19621 8 June [1962] 9 June 1962] 10 Mayor 11 MAY  \t 1962 roku 12 june",
        "13\tJuly 1962 года 14     June 15th 16stJune 17ſt June 18 Junſ 1962 19 June 1962x",
        "2nd, 3nd 4th 5TH 6Th. 7d 8dn 123rd 1st_ 1ſt 2nᴅ (3rd) [4th] 5th]",
        "1 April 1919 2 August 3 a.m. June 4 am 5 PM, 6 Apr 7 p m 8 a.m June 9 apm 10 aM",
        "18th [of December] 19 [June] 1962 20 of  June 21 of     June 22 [of 23 OF JULY 24 [Oct.]",
        "24.10.62. 1.5 3/4/1962x 12.13.141 1/2/ 01.02.2003 1.2.3 11/21/1962, 7 p.m. 5/6. at 9:30",
        "Moscow, June 28, 1962, 7 p.m. June 28,1962 June 28,     1962 June 28     1962 Junex 5",
        "Sept. 5 [1962] Oct.] 3rd, 1962 Nov [4] 1962 Dec. 4th] Jan 5 19621 Mar 6 1962x May 7, [1962]",
        "June  28 June     28 Junee 28 June28 June, 28 june 28 JUNE 28TH, 1962 Mayor 5 March 3d",
        "123.4.62 1.234 a1.2.62 1.2.62_ 1.2.1962.5 3.4.19623 7/8/62 at noon 9.10 - 16:30 hours",
        // Codes after 批发, matched by hand: the colon, the gap of at most
        // twelve characters (astral ones too), the three or four digits.
        "批发:(   628\n批发：628 批发 1028x 批发:12345 批发\n628 批发\r\n628 批发:",
        "批发abcdefghijkl628 批发abcdefghijklm628 批发𠀋𠀋𠀋𠀋𠀋𠀋𠀋𠀋𠀋𠀋𠀋𠀋628 批发𠀋𠀋𠀋𠀋𠀋𠀋𠀋𠀋𠀋𠀋𠀋𠀋𠀋628",
        "批发::628 批发：：628 批发:(  62 批发:( 6281_ 批发:( 628_ 批发:( 628年 批发ſ628 批",
        // A day before a dash, a long s or another letter outside ASCII.
        "September 9—1:56 a.m.] June 5ſt 1962 June 5st 5ſt June 5é June 5𠀋 5— June 2nᴅ June 3rd—noon",
    ] {
        assert_same(text, text);
    }
}

/// Every character a form compares case-insensitively.
fn folded_characters() -> BTreeSet<char> {
    fn walk(node: &Node, out: &mut BTreeSet<char>) {
        match &node.kind {
            Kind::Lit(word) => out.extend(word.chars()),
            Kind::Opt(n) | Kind::Repeat(n, ..) | Kind::Lazy(n, ..) | Kind::Group(_, n) => {
                walk(n, out)
            }
            Kind::Seq(nodes) | Kind::Alt(nodes) => nodes.iter().for_each(|n| walk(n, out)),
            _ => {}
        }
    }
    let mut out = BTreeSet::new();
    for pattern in PATTERNS.iter() {
        walk(&pattern.node, &mut out);
    }
    out.extend(name_characters());
    out.extend(super::super::stamp::characters());
    out.extend(crate::rules::dates::tense::characters());
    out
}

fn name_characters() -> BTreeSet<char> {
    let months = super::super::lexicon::MONTH_TABLES
        .iter()
        .flat_map(|t| t.names.iter());
    let weekdays = super::super::lexicon::WEEKDAYS.iter().map(|(w, _)| w);
    months
        .chain(weekdays)
        .flat_map(|w| w.chars())
        .map(fold)
        .collect()
}

#[test]
fn case_folding_is_the_regex_crates() {
    let wanted = folded_characters();
    let names = name_characters();
    for &c in &wanted {
        assert_eq!(fold(c), c, "{c:?} is written folded");
        let mut class = ClassUnicode::new([ClassUnicodeRange::new(c, c)]);
        class.case_fold_simple();
        for range in class.iter() {
            for member in range.start()..=range.end() {
                assert_eq!(
                    fold(member),
                    c,
                    "{member:?} folds with {c:?} in the regex crate"
                );
                if names.contains(&c) {
                    assert!(member.is_alphabetic(), "{member:?} is a letter");
                }
            }
        }
    }
    // And nothing else folds to them.
    for member in (0..=0x10FFFF).filter_map(char::from_u32) {
        let folded = fold(member);
        if wanted.contains(&folded) && member != folded {
            let mut class = ClassUnicode::new([ClassUnicodeRange::new(folded, folded)]);
            class.case_fold_simple();
            let inside = class
                .iter()
                .any(|r| (r.start()..=r.end()).contains(&member));
            assert!(
                inside,
                "{member:?} folds to {folded:?} here but not in the regex crate"
            );
        }
    }
}

#[test]
fn names_are_found_forwards_and_backwards() {
    let text = "dismay Septembers июня";
    let months = NAMES.months.ends(text, 3, text.len());
    assert_eq!(months.iter().copied().collect::<Vec<_>>(), vec![6]);
    let at = text.find("Sept").unwrap();
    let ends: Vec<usize> = NAMES
        .months
        .ends(text, at, text.len())
        .iter()
        .copied()
        .collect();
    assert_eq!(ends, vec![at + 3, at + 4, at + 9]);
    let starts: Vec<usize> = NAMES
        .months_backwards
        .starts(text, 0, text.len())
        .iter()
        .copied()
        .collect();
    assert_eq!(starts, vec![text.find("июня").unwrap()]);
    // A weekday is never the start of another: the scanner tries one.
    for (a, _) in super::super::lexicon::WEEKDAYS {
        for (b, _) in super::super::lexicon::WEEKDAYS {
            assert!(a == b || !b.starts_with(a), "{a} starts {b}");
        }
    }
}

#[test]
fn every_chinese_start_is_a_trigger() {
    for c in (0..=0x10FFFF).filter_map(char::from_u32) {
        if starts_chinese_date(c) && !c.is_ascii_digit() {
            let mut buf = [0; 4];
            let lead = c.encode_utf8(&mut buf).as_bytes()[0];
            assert_eq!(super::candidates::trigger(lead), 2, "{c:?}");
        }
    }
}

#[test]
fn plain_ascii_is_skipped_up_to_the_first_digit_or_other_byte() {
    // Every byte value at every place of two and a half blocks of sixteen.
    for value in 0..=255u8 {
        let stops = !value.is_ascii() || value.is_ascii_digit();
        for at in 0..40 {
            let mut bytes = vec![b'x'; 40];
            bytes[at] = value;
            let expected = if stops { at } else { 40 };
            assert_eq!(
                super::candidates::skip_plain_ascii(&bytes, 0, 40),
                expected,
                "{value:#x} at {at}"
            );
            // The blocks of sixteen alone, where AVX2 takes the blocks of
            // thirty-two on this processor.
            #[cfg(target_arch = "x86_64")]
            assert_eq!(
                super::candidates::skip_plain_ascii_sse2(&bytes, 0),
                if stops && at < 32 { Ok(at) } else { Err(32) },
                "{value:#x} at {at}, sixteen at a time"
            );
        }
    }
    let mut rng = Rng(42);
    for _ in 0..20_000 {
        // Long enough for several blocks of sixteen, and a few bytes over.
        let len = rng.below(80);
        // Mostly letters, sometimes any byte, so each byte value is met.
        let bytes: Vec<u8> = (0..len)
            .map(|_| match rng.below(8) {
                0 => rng.below(256) as u8,
                _ => b'a' + rng.below(26) as u8,
            })
            .collect();
        let start = rng.below(len + 1);
        // The scan stops at `end`, which may lie before the bytes' end.
        let end = start + rng.below(len - start + 1);
        let expected = (start..end)
            .find(|&i| !bytes[i].is_ascii() || bytes[i].is_ascii_digit())
            .unwrap_or(end);
        assert_eq!(
            super::candidates::skip_plain_ascii(&bytes, start, end),
            expected,
            "{bytes:?} from {start} to {end}"
        );
    }
}

#[test]
fn lower_case_prefixes_are_read_as_the_lower_case_string_would() {
    let words = [" of this month", " inst", " ult", " ᲂ", "i"];
    for s in [
        " OF THIS MONTH",
        " Inst.",
        " İnst",
        " ULT",
        " \u{212A}",
        "ΣΣ inst",
        " of this mont",
        "",
        " ᲂ",
        "I\u{307}",
        " of this month and more text than twenty-four",
    ] {
        for w in words {
            let lower: String = s.chars().take(24).collect::<String>().to_lowercase();
            assert_eq!(
                super::read::starts_with_in_lower_case(s, 24, w),
                lower.starts_with(w),
                "{s:?} {w:?}"
            );
        }
    }
}

#[test]
fn the_forms_matched_by_hand_name_their_groups_as_the_trees_do() {
    use super::fast::{DF_DAY, DF_MONTH, DF_YEAR, ORD_DAY};
    use super::forms::Form;
    let pattern = |form: Form| PATTERNS.iter().find(|p| p.form == form).unwrap();
    let ordinal = pattern(Form::Ordinal);
    assert_eq!(ordinal.group_index("ord_d"), Some(ORD_DAY));
    let day_first = pattern(Form::DayFirst);
    assert_eq!(day_first.group_index("df_d"), Some(DF_DAY));
    assert_eq!(day_first.group_index("df_m"), Some(DF_MONTH));
    assert_eq!(day_first.group_index("df_y"), Some(DF_YEAR));
    assert_eq!(day_first.group_index("df_t"), Some(super::fast::DF_TIME));
    // The time after the date, which `fast::day_first` leaves to the tree,
    // is the form's last piece, holding the last group.
    let month_first = pattern(Form::MonthFirst);
    assert_eq!(month_first.group_index("mf_m"), Some(super::fast::MF_MONTH));
    assert_eq!(month_first.group_index("mf_d"), Some(super::fast::MF_DAY));
    assert_eq!(month_first.group_index("mf_y"), Some(super::fast::MF_YEAR));
    assert_eq!(month_first.group_index("mf_t"), Some(super::fast::MF_TIME));
    assert_eq!(
        pattern(Form::Code).group_index("code_v"),
        Some(super::fast::CODE_VALUE)
    );
    let numeric = pattern(Form::Numeric);
    assert_eq!(numeric.groups[..6], super::fast::NUM_GROUPS);
    assert_eq!(numeric.group_index("num_t"), Some(super::fast::NUM_TIME));
    let numeric_no_year = pattern(Form::NumericNoYear);
    assert_eq!(numeric_no_year.groups[..3], super::fast::NY_GROUPS);
    assert_eq!(
        numeric_no_year.group_index("ny_t"),
        Some(super::fast::NY_TIME)
    );
    fn walk(node: &Node, out: &mut Vec<usize>) {
        match &node.kind {
            Kind::Group(i, inner) => {
                out.push(*i);
                walk(inner, out);
            }
            Kind::Opt(inner) | Kind::Repeat(inner, ..) | Kind::Lazy(inner, ..) => walk(inner, out),
            Kind::Seq(nodes) | Kind::Alt(nodes) => nodes.iter().for_each(|n| walk(n, out)),
            _ => {}
        }
    }
    for (form, time) in [
        (day_first, "df_t"),
        (month_first, "mf_t"),
        (numeric, "num_t"),
        (numeric_no_year, "ny_t"),
    ] {
        let after = super::engine::last_piece(&form.node).expect("a sequence");
        let mut groups = Vec::new();
        walk(after, &mut groups);
        assert!(matches!(after.kind, Kind::Opt(_)));
        assert_eq!(
            groups,
            vec![form.group_index(time).unwrap()],
            "{:?}",
            form.form
        );
    }
}

#[test]
fn the_common_forms_are_matched_by_hand() {
    use super::engine::{last_piece, Matcher};
    use super::fast::{day_first, ordinal, Outcome};
    use super::forms::Form;
    let day_first_tree = &PATTERNS
        .iter()
        .find(|p| p.form == Form::DayFirst)
        .unwrap()
        .node;
    let after = last_piece(day_first_tree).unwrap();
    for (text, end) in [("28 June 1962, and", 12), ("5th Oct. x", 8), ("3 May", 5)] {
        let mut matcher = Matcher::new(text, text.len());
        let found = day_first(&mut matcher, text.as_bytes(), 0, after);
        assert!(matches!(found, Outcome::Match(e) if e == end), "{text}");
    }
    let month_first_tree = &PATTERNS
        .iter()
        .find(|p| p.form == Form::MonthFirst)
        .unwrap()
        .node;
    let after = last_piece(month_first_tree).unwrap();
    let text = "June 28, 1962 and";
    let mut matcher = Matcher::new(text, text.len());
    let found = super::fast::month_first(&mut matcher, text.as_bytes(), 0, after);
    assert!(matches!(found, Outcome::Match(13)));
    let text = "the 28th and";
    let mut matcher = Matcher::new(text, text.len());
    let found = ordinal(&mut matcher, text.as_bytes(), 4);
    assert!(matches!(found, Outcome::Match(8)));
    assert_eq!(matcher.group(0), Some((4, 6)));
}

#[test]
fn every_group_constant_is_its_groups_index() {
    use super::forms::group as g;
    #[rustfmt::skip]
    let constants = [
        ("on_s", g::ON_S), ("on_r", g::ON_R), ("on_m", g::ON_M), ("on_y", g::ON_Y),
        ("ws_wd", g::WS_WD), ("ws_t", g::WS_T), ("iso_y", g::ISO_Y), ("iso_m", g::ISO_M),
        ("iso_d", g::ISO_D), ("iso_t", g::ISO_T), ("mf_wd", g::MF_WD), ("mf_m", g::MF_M),
        ("mf_d", g::MF_D), ("mf_y", g::MF_Y), ("mf_t", g::MF_T), ("df_wd", g::DF_WD),
        ("df_tp", g::DF_TP), ("df_d", g::DF_D), ("df_m", g::DF_M), ("df_y", g::DF_Y),
        ("df_t", g::DF_T), ("my_m", g::MY_M), ("my_y", g::MY_Y), ("rom_d", g::ROM_D),
        ("rom_m", g::ROM_M), ("rom_y", g::ROM_Y), ("rom_t", g::ROM_T), ("num_a", g::NUM_A),
        ("num_s", g::NUM_S), ("num_b", g::NUM_B), ("num_s2", g::NUM_S2), ("num_y", g::NUM_Y),
        ("num_dot", g::NUM_DOT), ("num_t", g::NUM_T), ("ny_a", g::NY_A), ("ny_b", g::NY_B),
        ("ny_dot", g::NY_DOT), ("ny_t", g::NY_T), ("cn_y", g::CN_Y), ("cn_m", g::CN_M),
        ("cn_d", g::CN_D), ("cnd_d", g::CND_D), ("se_y", g::SE_Y), ("se_m", g::SE_M),
        ("sey_y", g::SEY_Y), ("code_v", g::CODE_V), ("ord_d", g::ORD_D),
    ];
    let mut named = 0;
    for pattern in PATTERNS.iter() {
        for (index, name) in pattern.groups.iter().enumerate() {
            let (_, constant) = constants
                .iter()
                .find(|(n, _)| n == name)
                .unwrap_or_else(|| panic!("no constant for {name}"));
            assert_eq!(*constant, index, "{name}");
            named += 1;
        }
    }
    assert_eq!(named, constants.len());
}

#[test]
fn every_group_name_is_found_at_its_index() {
    for pattern in PATTERNS.iter() {
        for (index, name) in pattern.groups.iter().enumerate() {
            assert_eq!(pattern.group_index(name), Some(index), "{name}");
            for other in PATTERNS.iter().filter(|p| p.form != pattern.form) {
                assert_eq!(other.group_index(name), None, "{name} in {:?}", other.form);
            }
        }
    }
}

/// Pieces of what can follow a date: times in every spelling the forms
/// know and near misses, gaps, marks and letters that fold unexpectedly.
#[rustfmt::skip]
const AFTER_PIECES: &[&str] = &[
    ".", ",", "-", "–", "—", " ", "  ", "    ", "     ", "\t", "at", "AT", "um", "в", "В", "ᲀ", "o",
    "O", "0", "1", "7", "12", "16", "123", "1830", "18300", ":", "：", ".", "30", "3", "h", "H", "hs",
    "HS", "hours", "HOURS", "hourſ", "hrs", "hr", "a", "p", "A", "P", "m", "M", ".", "a.m.", "p. m.",
    "p m", "am", "pm", "noon", "NOON", "noonx", "midnight", "midnightx", "x", "_", "é", "𠀋", "\n",
    "\r\n", "[", "]", "%", "ſ", "\u{212A}",
];

#[rustfmt::skip]
const AFTER_GAPS: &[&str] = &[
    "", ".", ". ", ".,", ",", " ,", ", ", " - ", "-", "—", " – ", ".\t—\t", "  ", "     ", " ",
    "\t", "    ", "   ,     ", "     ,", "    ,    ",
    "     — ", "：",
];

#[rustfmt::skip]
const AFTER_WORDS: &[&str] = &[
    "", "", "at ", "AT  ", "at\t", "um ", "Um ", "в ", "В ", "ᲀ ", "o ", "O\t", "at", "o", "a ",
    "at     ", "um", "ut ", "ot ",
];

#[rustfmt::skip]
const AFTER_TIMES: &[&str] = &[
    "7 p.m.", "7 pm", "7pm", "7p.m", "07 A.M.", "10:30 a.m.", "10.30 p. m.", "7 a m", "7 apm",
    "7 P. M", "16:30", "16:30 hours", "16:30hrs", "16:30    h", "16:30     h", "16:300", "1:5",
    "9.30 hours", "9.30", "9.30hrs", "1830hs", "1830 HS", "1830     hs", "18300hs", "20h00",
    "20H00x", "2h5", "noon", "NOON", "noonday", "midnight", "Midnight_", "12:21hours", "12:21hourſ",
    "7 ſ", "123", "12", "x", "", "16:30 \u{212A}", "7 p.\tm.", "1:05 p.m",
];

#[rustfmt::skip]
const AFTER_TAILS: &[&str] = &["", ".", ",", "x", " ", "\n", "\r\n", "é", "]", "_", "0", "𠀋"];

#[test]
fn the_time_after_a_date_is_matched_by_hand_as_the_tree_does() {
    use super::engine::{last_piece, Matcher};
    use super::forms::Form;
    use super::time::{after, Time};
    let pattern = PATTERNS.iter().find(|p| p.form == Form::DayFirst).unwrap();
    let tree = last_piece(&pattern.node).unwrap();
    let group = pattern.group_index("df_t").unwrap();
    let mut rng = Rng(0x1962_1024_0bad_cafe);
    let (mut by_hand, mut unsure) = (0, 0);
    let mut compare = |text: &str, end: usize| {
        let bytes = &text.as_bytes()[..end];
        for at in (0..=end).filter(|&at| text.is_char_boundary(at)) {
            let mut matcher = Matcher::new(text, end);
            matcher.clear_groups();
            let expected = matcher.continue_with(tree, at);
            let expected_group = matcher.group(group);
            let found = match after(text.as_bytes(), bytes, at) {
                Time::At(start, stop) => (Some(stop), Some((start, stop))),
                Time::Nothing => (Some(at), None),
                Time::Unsure => {
                    unsure += 1;
                    continue;
                }
            };
            by_hand += 1;
            assert_eq!(
                found,
                (expected, expected_group),
                "at {at} of {text:?} (section ends at {end})"
            );
        }
    };
    for case in 0..6000 {
        let text: String = if case % 2 == 0 {
            // Shaped like a time after a date: mark or gap, word, time, tail.
            [AFTER_GAPS, AFTER_WORDS, AFTER_TIMES, AFTER_TAILS]
                .iter()
                .map(|list| list[rng.below(list.len())])
                .collect()
        } else {
            let count = 1 + rng.below(8);
            (0..count)
                .map(|_| AFTER_PIECES[rng.below(AFTER_PIECES.len())])
                .collect()
        };
        // The section may end before the text does.
        let mut end = text.len() - rng.below(3).min(text.len());
        while !text.is_char_boundary(end) {
            end -= 1;
        }
        compare(&text, text.len());
        compare(&text, end);
    }
    for (_, text) in crate::test_corpus::documents() {
        compare(&text, text.len());
    }
    assert!(
        by_hand > 10 * unsure,
        "{by_hand} by hand, {unsure} left to the tree"
    );
}

#[test]
fn only_long_s_and_the_kelvin_sign_fold_to_ascii_letters() {
    // What the hand-written matches assume where they let a character
    // outside ASCII stand for no letter.
    let mut outside = BTreeSet::new();
    for letter in ('a'..='z').chain('A'..='Z') {
        let mut class = ClassUnicode::new([ClassUnicodeRange::new(letter, letter)]);
        class.case_fold_simple();
        for range in class.iter() {
            outside.extend((range.start()..=range.end()).filter(|c| !c.is_ascii()));
        }
    }
    assert_eq!(outside, BTreeSet::from(['\u{17F}', '\u{212A}']));
    assert_eq!("ſ".as_bytes(), super::fast::LONG_S);
}

#[test]
fn folded_ends_are_found_as_character_by_character() {
    use super::words::{folded_end, folded_end_by_characters};
    #[rustfmt::skip]
    const WORDS: &[&str] = &[
        "sent", "dispatched", "отправлен", "wysłano", "odesláno", "přijato", "came in", "date",
        "дата", "日期", "will", "going", "to", "d", "k", "s",
    ];
    #[rustfmt::skip]
    const WRITTEN: &[&str] = &[
        "SENT", "Sent", "ſent", "\u{212A}", "k", "dispatch", "DISPATCHED", "отправлен", "ОТПРАВЛЕН",
        "ᲂтправлен", "wysŁano", "ODESLÁNO", "přijato", "came in", "came", " ", "dat", "date",
        "ДАТА", "日期", "日", "𠀋", "\r\n", "\n", "é", "x", "will", "WiLL", "goinG", "to", "",
    ];
    let mut rng = Rng(0x5e17_d15a_7c4e_d0ce);
    for _ in 0..20_000 {
        let count = 1 + rng.below(4);
        let text: String = (0..count)
            .map(|_| WRITTEN[rng.below(WRITTEN.len())])
            .collect();
        for word in WORDS {
            for at in (0..=text.len()).filter(|&at| text.is_char_boundary(at)) {
                assert_eq!(
                    folded_end(&text, at, word),
                    folded_end_by_characters(&text, at, word),
                    "{word:?} at {at} of {text:?}"
                );
            }
        }
    }
}

#[test]
fn times_are_read_in_lower_case_without_a_string() {
    use super::read::{ascii_lower_case, parse_time};
    for (written, minutes) in [
        ("7 p.m.", Some(19 * 60)),
        ("  7 P.M. ", Some(19 * 60)),
        ("4:52 a.m.", Some(4 * 60 + 52)),
        ("NOON", Some(12 * 60)),
        ("Midnight", Some(0)),
        ("16:30", Some(16 * 60 + 30)),
        ("12:21HOURS", Some(12 * 60 + 21)),
        ("9.30 hours", Some(9 * 60 + 30)),
        ("1830hs", Some(18 * 60 + 30)),
        ("20h00", Some(20 * 60)),
        ("13 p.m.", None),
        ("25:00", None),
        (
            "12:00 hours, and a good many more words after it",
            Some(12 * 60),
        ),
        ("\u{3000}7 pm\u{3000}", Some(19 * 60)),
    ] {
        assert_eq!(parse_time(written), minutes, "{written:?}");
    }
    let mut rng = Rng(0x0001_0830_0000_1962);
    let pieces = [
        "A", "m", "P", ".", " ", "1", "ſ", "\u{212A}", "Ё", "𠀋", "批", "\r\n", "H",
    ];
    let mut buffer = [0u8; 64];
    for _ in 0..5000 {
        let count = rng.below(12);
        let text: String = (0..count)
            .map(|_| pieces[rng.below(pieces.len())])
            .collect();
        assert_eq!(
            ascii_lower_case(&text, &mut buffer),
            text.to_ascii_lowercase()
        );
    }
}

#[test]
fn ascii_month_words_are_read_as_character_by_character() {
    use super::read::{month_word, month_word_by_characters};
    #[rustfmt::skip]
    const PIECES: &[&str] = &[
        "[", "]", " ", "\t", "\n", "\u{B}", "of ", "OF ", "of", "June", "june", "JUNE", "Sept", ".",
        "May", "may", "Mayor", "x", "é", "𠀋", "\r\n", "1", "Juni", "Mars", "\u{A0}", "ſ",
    ];
    let mut rng = Rng(0x0628_0628_0628_0628);
    for _ in 0..20_000 {
        let count = 1 + rng.below(6);
        let text = rng.text_of(PIECES, count);
        let bounds = char_boundaries(&text);
        for &start in &bounds {
            for &end in bounds.iter().filter(|&&e| e >= start) {
                let span = Span::new(start, end);
                assert_eq!(
                    month_word(&text, span, None),
                    month_word_by_characters(&text, span),
                    "{span:?} of {text:?}"
                );
            }
        }
    }
}

#[test]
fn a_month_found_by_the_scanner_is_read_as_character_by_character() {
    // What the fast paths pass on: the longest month name at a place and
    // the node it ends at. Wherever that is, reading the capture with it
    // gives what reading it afresh gives.
    use super::read::{month_word, month_word_by_characters};
    use super::words::MonthFound;
    #[rustfmt::skip]
    const PIECES: &[&str] = &[
        "[", "]", " ", "\t", "of ", "OF ", "of", "June", "june", "JUNE", "jUNE", "Sept", ".",
        "May", "may", "MAY", "Mayor", "x", "é", "Juni", "Mars", "mars", "Jan", "JAN", "uary", "ſ",
        "Dec", "Décembre", "1",
    ];
    let mut rng = Rng(0x1962_0628_1962_0628);
    let mut used = 0;
    for _ in 0..4_000 {
        let count = 1 + rng.below(5);
        let text = rng.text_of(PIECES, count);
        let bounds = char_boundaries(&text);
        let found: Vec<MonthFound> = bounds
            .iter()
            .filter_map(|&start| {
                let (end, node) = NAMES.months.longest(&text, start, text.len())?;
                Some(MonthFound { start, end, node })
            })
            .collect();
        for &start in &bounds {
            for &end in bounds.iter().filter(|&&e| e >= start) {
                let span = Span::new(start, end);
                for &f in found.iter().filter(|f| start <= f.start && f.end <= end) {
                    used += 1;
                    assert_eq!(
                        month_word(&text, span, Some(f)),
                        month_word_by_characters(&text, span),
                        "{span:?} of {text:?} with {f:?}"
                    );
                }
            }
        }
    }
    assert!(used > 10_000, "{used} months found");
}

#[test]
fn every_ascii_month_name_is_known_by_its_node_as_by_its_look_up() {
    use super::super::lexicon::{lookup_ascii_month, MONTH_TABLES};
    use super::words::MonthFound;
    let mut known = 0;
    for name in MONTH_TABLES.iter().flat_map(|t| t.names.iter()) {
        let mut capital_first = name.to_lowercase();
        if let Some(first) = capital_first.get_mut(..1) {
            first.make_ascii_uppercase();
        }
        for word in [
            name.to_string(),
            name.to_lowercase(),
            name.to_uppercase(),
            capital_first,
        ] {
            let Some((end, node)) = NAMES.months.longest(&word, 0, word.len()) else {
                continue;
            };
            let found = MonthFound {
                start: 0,
                end,
                node,
            };
            let written = &word.as_bytes()[..end];
            match NAMES.ascii_month(found, written) {
                Some(month) => {
                    known += 1;
                    assert_eq!(month, lookup_ascii_month(written), "{word:?}");
                }
                // Only a name with a character outside ASCII has no entry.
                None => assert!(!word[..end].is_ascii(), "{word:?}"),
            }
        }
    }
    assert!(known > 100, "{known} names known");
}

#[test]
fn the_day_first_filter_says_what_its_plain_version_says() {
    use super::quick::{may_be_day_first, may_be_day_first_plain};
    let mut compared = 0;
    let mut compare = |text: &str| {
        // The section may end anywhere: the filter reads only up to its end.
        for end in [text.len(), text.len().saturating_sub(1), text.len() / 2] {
            let bytes = &text.as_bytes()[..end];
            for at in (0..end).filter(|&at| bytes[at].is_ascii_digit()) {
                assert_eq!(
                    may_be_day_first(bytes, at),
                    may_be_day_first_plain(bytes, at),
                    "at {at} of {text:?} (section ends at {end})"
                );
                compared += 1;
            }
        }
    };
    let mut rng = Rng(0x2801_1968_0312_1963);
    for _ in 0..6000 {
        let count = 1 + rng.below(12);
        let text: String = (0..count)
            .map(|_| {
                let list = match rng.below(4) {
                    0 => PIECES,
                    1 => NAME_PIECES,
                    2 => DIGIT_PIECES,
                    _ => GLUE_PIECES,
                };
                list[rng.below(list.len())]
            })
            .collect();
        compare(&text);
    }
    for text in [
        "28 January 1968",
        "on 03.01. at 12:00 hours……..received on 09.24. at 12:21hours…",
        "the 18th [of March] 𠀋 28th 29th 3rd of June, 5 p.m. 16:30 10.30",
        "一九六二年六月二十八日 28 июня 1962 г.\r\n5.XI.62 27/X/1962 1_2 3x 4] 5.",
    ] {
        compare(text);
    }
    for (_, text) in crate::test_corpus::documents() {
        compare(&text);
    }
    assert!(compared > 10_000, "{compared}");
}

#[test]
fn ascii_times_are_read_as_character_by_character() {
    use super::read::{parse_time, parse_time_by_characters};
    #[rustfmt::skip]
    const PIECES: &[&str] = &[
        "1", "2", "7", "0", "12", "13", "24", "1830", "00", "59", "60", ":", ".", "h", "H", " ",
        "\t", "\u{B}", "\r\n", "a", "A", "p", "P", "m", "M", "a.m.", "P. M.", "am", "a m", "noon",
        "NOON", "midnight", "Midnight", "hours", "hs", "x", "\u{3000}", "ſ", "𠀋", "批",
    ];
    let mut rng = Rng(0x1630_1630_0628_1962);
    let mut compared = 0;
    for _ in 0..50_000 {
        let count = rng.below(7);
        let text = rng.text_of(PIECES, count);
        assert_eq!(
            parse_time(&text),
            parse_time_by_characters(&text),
            "{text:?}"
        );
        compared += usize::from(text.is_ascii());
    }
    assert!(compared > 10_000, "{compared}");
}

#[test]
fn numbers_that_are_no_dates_are_told_as_character_by_character() {
    use super::read::{is_not_a_date_number_at, is_not_a_date_number_by_characters};
    #[rustfmt::skip]
    const PIECES: &[&str] = &[
        "1", "28", "6", ".", "/", ",", "-", "No.", "no", "NO ", "Nr", "nr.", "p.", "P.", "#", "№",
        "§", " ", "\t", "\u{B}", "\r\n", "%", "x", "é", "𠀋", "批发", "\u{3000}", "ſ",
    ];
    let mut rng = Rng(0x6046_6046_0301_1968);
    let mut compared = 0;
    for _ in 0..20_000 {
        let count = 1 + rng.below(8);
        let text = rng.text_of(PIECES, count);
        let bounds = char_boundaries(&text);
        for &start in &bounds {
            for &end in bounds.iter().filter(|&&e| e >= start).take(4) {
                let span = Span::new(start, end);
                assert_eq!(
                    is_not_a_date_number_at(&text, span),
                    is_not_a_date_number_by_characters(&text, span),
                    "{span:?} of {text:?}"
                );
                compared += 1;
            }
        }
    }
    assert!(compared > 50_000, "{compared}");
}

#[test]
fn brackets_are_trimmed_and_paired_as_with_a_list() {
    use super::pairs::{trim_brackets, trim_brackets_with_a_list};
    const PIECES: &[&str] = &[
        "[", "]", "[", "]", "28", " ", "June", "𠀋", "批发", "\r\n", "é",
    ];
    let mut rng = Rng(0x1962_0628_5b5d_5b5d);
    for _ in 0..20_000 {
        // Up to twenty pieces: sometimes more open brackets than are kept
        // in place.
        let count = 1 + rng.below(20);
        let text = rng.text_of(PIECES, count);
        let bounds = char_boundaries(&text);
        let start = bounds[rng.below(bounds.len())];
        let ends: Vec<usize> = bounds.iter().copied().filter(|&e| e > start).collect();
        let Some(&end) = ends.get(rng.below(ends.len().max(1))) else {
            continue;
        };
        let (mut by_place, mut by_list) = (Span::new(start, end), Span::new(start, end));
        assert_eq!(
            (trim_brackets(&text, &mut by_place).to_vec(), by_place),
            (trim_brackets_with_a_list(&text, &mut by_list), by_list),
            "{start}..{end} of {text:?}"
        );
    }
}

#[test]
fn the_longest_name_is_the_last_end_listed() {
    let mut rng = Rng(0x0628_1962_1011_1213);
    let names: Vec<&str> = crate::model::dates::lexicon::MONTH_TABLES
        .iter()
        .flat_map(|t| t.names.iter().copied())
        .chain(
            crate::model::dates::lexicon::WEEKDAYS
                .iter()
                .map(|(w, _)| *w),
        )
        .collect();
    let mut texts: Vec<String> = names.iter().map(|n| format!("{n}s x")).collect();
    for _ in 0..3000 {
        let count = 1 + rng.below(6);
        texts.push(
            (0..count)
                .map(|_| match rng.below(3) {
                    0 => names[rng.below(names.len())],
                    1 => NAME_PIECES[rng.below(NAME_PIECES.len())],
                    _ => PIECES[rng.below(PIECES.len())],
                })
                .collect(),
        );
    }
    for text in &texts {
        for at in (0..text.len()).filter(|&i| text.is_char_boundary(i)) {
            for end in [text.len(), text.len().saturating_sub(1)] {
                if !text.is_char_boundary(end) || end < at {
                    continue;
                }
                for words in [&NAMES.months, &NAMES.weekdays] {
                    assert_eq!(
                        words.longest_end(text, at, end),
                        words.ends(text, at, end).iter().last().copied(),
                        "at {at} of {text:?}"
                    );
                }
            }
        }
    }
}
