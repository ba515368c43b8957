//! Classes of brackets from the real corpus and from constructed cases.

use super::super::scan;

fn classes(text: &str) -> Vec<(String, &'static str)> {
    scan(text, &[])
        .list
        .iter()
        .map(|b| (text[b.span().range()].to_owned(), b.class(text).as_str()))
        .collect()
}

fn assert_classes(text: &str, expected: &[(&str, &str)]) {
    let got = classes(text);
    let got: Vec<(&str, &str)> = got.iter().map(|(a, b)| (a.as_str(), *b)).collect();
    assert_eq!(got, expected);
}

#[test]
fn classifies_the_corpus_phrasings() {
    assert_classes(
        "Vice Minister Ji [Pengfei] met Wulumuqi [Urumqi] and Filippov [Stalin] on 28 June [1962], \
         the 26th [of June]; F[oreign] M[inistry] and M.[ikoyan] said [...] [….] [illegible] [sic] \
         [October?] [?] Synthetic[1] [Translator’s note: see [1]] [Telegram] [Received May 27—3:56 a.m.] \
         [To the] Office; Minister [Pham Van Dong]; [Stepan V.] Chervonenko; Mikołaj [the Soviet embassy]; []",
        &[
            ("[Pengfei]", "supplied"),
            ("[Urumqi]", "gloss"),
            ("[Stalin]", "gloss"),
            ("[1962]", "supplied-date"),
            ("[of June]", "supplied-date"),
            ("[oreign]", "completion"),
            ("[inistry]", "completion"),
            ("[ikoyan]", "completion"),
            ("[...]", "ellipsis"),
            ("[….]", "ellipsis"),
            ("[illegible]", "illegible"),
            ("[sic]", "sic"),
            ("[October?]", "uncertain"),
            ("[?]", "uncertain"),
            ("[1]", "footnote-mark"),
            ("[Translator’s note: see [1]]", "editor-note"),
            ("[1]", "footnote-mark"),
            ("[Telegram]", "structural"),
            ("[Received May 27—3:56 a.m.]", "structural"),
            ("[To the]", "supplied"),
            ("[Pham Van Dong]", "supplied"),
            ("[Stepan V.]", "supplied"),
            ("[the Soviet embassy]", "gloss"),
            ("[]", "empty"),
        ],
    );
}

/// Phrasings from the other files of the real corpus, each as printed.
#[test]
fn classifies_more_real_phrasings() {
    assert_classes(
        "[first page of two-page document is missing from copy obtained by CWIHP--ed.]\n\
         [Paragraph’s first line and first half of second line redacted]\n\
         [over]\n\
         [over the border]\n\
         In reference to my 2379 [2369], 14th.\n\
         [Received May 18—4:52 a.m.61]\n\
         [Here follows text of telegram No. 89, May 18, 1 p.m., from the Ambassador in Brazil, printed on page 358.]\n\
         please contact the History and Public Policy Program at [email protected].\n\
         the Secretary-General [U Thant] and\n\
         The Chancellor's [Helmut Kohl's] Telephone Conversation\n\
         Concerning the [April 12-14] session\n\
         Kříž had [23 October] and [October 23] and [of November]\n\
         Dr. Masaryk speaking for the Czecho-Slovak[s], have\n\
         with W[illiam] Hyland, one of [Henry] Kissinger\n\
         Pak Heon-yeong [Pak Hon Yong] held\n\
         S.Y. Dao [Tao Shengyang], secretary-general\n\
         [...Dobrynin]\n\
         [ …]\n\
         the guarantee [for US non-invasion of Cuba in the future?].\n\
         [CPSU CC stamp: Subject to return]\n\
         [Ciphergram No. 3175]\n\
         Comrade [Li] Fuchun\n\
         [Notebook of the ambassador]\n\
         Filippov [Stalin] [pristupit k obiednineniiu]\n\
         [handwritten: agreed] [Seal of the Embassy]\n\
         The Ambassador [in 1812] wrote [in 2369]\n\
         Following for Stevens [from Willard]\n\
         These [measures] make; To the Ministry and Comrade [Li] Fuchun:\n\
         Copy [Chinese] Central Committee:\n\
         activate the Soviet Union [to intensify its fight against imperialist America]\n\
         Our ČSA [Czechoslovak Airlines] and Soviet TU [Tupolev] should depart\n\
         The CTK [Czechoslovak news agency] published\n\
         to meet with [CPSU CC Politburo member] and [Ministry stamp]\n\
         contact the Program at [email\u{a0}protected].\n\
         the 5th Four-Year [Economic Development] Plan\n\
         put forth by U Thant [which proposes that inspections should be carried out by]\n\
         inspection and American [reconnaissance]",
        &[
            (
                "[first page of two-page document is missing from copy obtained by CWIHP--ed.]",
                "editor-note",
            ),
            (
                "[Paragraph’s first line and first half of second line redacted]",
                "editor-note",
            ),
            ("[over]", "editor-note"),
            ("[over the border]", "supplied"),
            ("[2369]", "gloss"),
            ("[Received May 18—4:52 a.m.61]", "structural"),
            (
                "[Here follows text of telegram No. 89, May 18, 1 p.m., from the Ambassador in Brazil, printed on page 358.]",
                "structural",
            ),
            ("[email protected]", "structural"),
            ("[U Thant]", "supplied"),
            ("[Helmut Kohl's]", "supplied"),
            ("[April 12-14]", "supplied-date"),
            ("[23 October]", "supplied-date"),
            ("[October 23]", "supplied-date"),
            ("[of November]", "supplied-date"),
            ("[s]", "completion"),
            ("[illiam]", "completion"),
            ("[Henry]", "supplied"),
            ("[Pak Hon Yong]", "gloss"),
            ("[Tao Shengyang]", "gloss"),
            ("[...Dobrynin]", "supplied"),
            ("[ …]", "ellipsis"),
            ("[for US non-invasion of Cuba in the future?]", "uncertain"),
            ("[CPSU CC stamp: Subject to return]", "editor-note"),
            ("[Ciphergram No. 3175]", "supplied"),
            ("[Li]", "supplied"),
            ("[Notebook of the ambassador]", "supplied"),
            ("[Stalin]", "gloss"),
            ("[pristupit k obiednineniiu]", "supplied"),
            ("[handwritten: agreed]", "editor-note"),
            ("[Seal of the Embassy]", "editor-note"),
            ("[in 1812]", "supplied"),
            ("[in 2369]", "supplied"),
            ("[from Willard]", "supplied"),
            ("[measures]", "supplied"),
            ("[Li]", "supplied"),
            ("[Chinese]", "supplied"),
            ("[to intensify its fight against imperialist America]", "supplied"),
            ("[Czechoslovak Airlines]", "gloss"),
            ("[Tupolev]", "gloss"),
            ("[Czechoslovak news agency]", "gloss"),
            ("[CPSU CC Politburo member]", "supplied"),
            ("[Ministry stamp]", "editor-note"),
            ("[email\u{a0}protected]", "structural"),
            ("[Economic Development]", "supplied"),
            (
                "[which proposes that inspections should be carried out by]",
                "supplied",
            ),
            ("[reconnaissance]", "supplied"),
        ],
    );
}

#[test]
fn titles_in_any_case_and_script_are_followed_by_names_not_glosses() {
    assert_classes(
        "the Attaché [Ivanov] said; the CHARGÉ [Smith] spoke; Vice-Minister [Liu] too; \
         The Ambassador's [Kohl's] and Comr. [Li] but Wulumuqi [Urumqi]",
        &[
            ("[Ivanov]", "supplied"),
            ("[Smith]", "supplied"),
            ("[Liu]", "supplied"),
            ("[Kohl's]", "supplied"),
            ("[Li]", "supplied"),
            ("[Urumqi]", "gloss"),
        ],
    );
}

#[test]
fn a_long_note_is_known_by_the_editors_signature_at_its_end() {
    let long = format!(
        "[the text of {} is omitted here --ed.]",
        "the telegram ".repeat(30)
    );
    let short = "[Kozlov and Kosygin —Ed.]";
    let text = format!("{long} {short}");
    let got = classes(&text);
    assert_eq!(got[0].1, "editor-note");
    assert_eq!(got[1], (short.to_owned(), "editor-note"));
}

#[test]
fn a_bracket_blank_only_through_its_judged_window_is_not_empty() {
    // B004 deletes an empty bracket: the word past the window must count.
    let blank = " ".repeat(300);
    let text = format!("[{blank}word] [{blank}] [\u{3000}{blank}\u{3000}]");
    let got = classes(&text);
    let got: Vec<&str> = got.iter().map(|(_, class)| *class).collect();
    assert_eq!(got, ["supplied", "empty", "empty"]);
    assert_same_as_oracle(&text);
}

#[test]
fn one_pass_finds_what_the_separate_tests_found() {
    for text in [
        "",
        "illegible",
        "two words illeg. here",
        "indecipherable 𠀋",
        "发往 unreadable",
        "translator's note: see",
        "paragraph redacted\r\n",
        "not declassified",
        "cpsu cc stamp: subject",
        "ministry stamp",
        "stamped",
        "a\u{3000}stamp",
        "stamp",
        "x:stamp:y",
        "postamp",
        "illegibl",
        "unread",
        "note:",
        "a note:",
        "𠀋 note: 发往",
        "notdeclassified",
    ] {
        let words = super::InnerWords::find(text.as_bytes());
        assert_eq!(words.illegible, super::says_illegible(text), "{text:?}");
        assert_eq!(
            words.note,
            super::names_a_note_inside(text.as_bytes()),
            "{text:?}"
        );
    }
}

/// Every bracket of `text` gets the class the old classification gave,
/// asked lazily (`Bracket::class`) and eagerly (`classify`, the whole
/// judgement run in one go, as the parse ran it before it settled only
/// part); and what the parse settled is that class or left one of the
/// four classes no lint rule asks about.
fn assert_same_as_oracle(text: &str) {
    use crate::model::BracketClass::*;
    let brackets = scan(text, &[]);
    let mut scratch = String::new();
    for bracket in &brackets.list {
        let shown = &text[bracket.span().range()];
        let oracle = super::oracle::classify(text, bracket, &mut scratch);
        let eager = super::classify(text, bracket, &mut scratch);
        assert_eq!(eager, oracle, "{shown:?} in {text:?}");
        assert_eq!(bracket.class(text), eager, "{shown:?} in {text:?}");
        match bracket.settled_class() {
            Some(settled) => assert_eq!(settled, eager, "{shown:?} in {text:?}"),
            None => assert!(
                matches!(eager, Supplied | SuppliedDate | Gloss | Completion),
                "{eager:?} left unsettled: {shown:?} in {text:?}"
            ),
        }
    }
}

#[test]
fn every_corpus_bracket_is_classified_as_the_oracle_classifies_it() {
    let mut count = 0;
    for (_, text) in crate::test_corpus::documents() {
        assert_same_as_oracle(&text);
        count += scan(&text, &[]).list.len();
        // Each line alone too, with CRLF and a BOM before it.
        for line in text.lines() {
            assert_same_as_oracle(line);
            assert_same_as_oracle(&format!("\u{feff}{line}\r\n"));
        }
    }
    assert!(count > 100, "only {count} brackets in the corpus");
}

#[test]
fn generated_brackets_are_classified_as_the_oracle_classifies_them() {
    let before = [
        "",
        " ",
        "Wulumuqi ",
        "Minister ",
        "Vice-Minister ",
        "the Attaché ",
        "CHARGÉ ",
        "Ji ",
        "ČSA ",
        "Kříž ",
        "𠀋 ",
        "发往 ",
        "my 2379 ",
        "The Chancellor's ",
        "Ambassador’s ",
        "F",
        "M.",
        "end..",
        "x\u{a0}",
        "(Filippov ",
        "“Mikołaj ",
        "These ",
        "Copy ",
        "\r\n",
        "AB ",
        "Secretary-General ",
        "DR. ",
        "k ",
        "\u{212A}elvin ",
        "İstanbul ",
    ];
    let inner = [
        "",
        " ",
        "...",
        "…",
        ". .",
        ".",
        "sic",
        "sic!",
        "!",
        "illegible",
        "2 words illeg.",
        "indecipherable",
        "unreadable",
        "unclear",
        "1",
        "12*",
        "1234",
        "Translator's note: x",
        "translator’s note",
        "CPSU CC stamp: x",
        "stamped",
        "a stamp",
        "Ministry stamp",
        "note:",
        "x note: y",
        "redacted",
        "not declassified",
        "over",
        "verso",
        "Telegram",
        "telegram",
        "Received May 27—3:56 a.m.",
        "Page 381",
        "email protected",
        "email\u{a0}protected",
        "October?",
        "?",
        "2369",
        "23/69",
        "1962",
        "of June",
        "the 26th",
        "23 October",
        "April 12-14",
        "31–32 May",
        "MAY",
        "Sept",
        "oreign",
        "illiam",
        "Urumqi",
        "Pak Hon Yong",
        "the Soviet embassy",
        "Stepan V.",
        "Xinjiang Uyghur Autonomous Region",
        "U Thant",
        "Helmut Kohl's",
        "to intensify",
        "Li",
        "a\tb",
        "a  b",
        "a\r\nb",
        "x\u{3000}y",
        "𠀋",
        "发往",
        "Ω",
        "ǅ",
        "Kelvin \u{212A}",
        "İ",
        "first page missing --ed.",
        "Kozlov —Ed.",
        "x - ed.",
        "eds.",
        "Here follows",
        "end",
    ];
    let after = ["", " ", " Central", " the", ".", "\r\n", " 𠀋", " Ñ", "]"];
    let mut rng = crate::test_random::Rng(0x2545_F491_4F6C_DD1D);
    for _ in 0..20_000 {
        let mut content = String::new();
        for _ in 0..1 + rng.below(3) {
            if !content.is_empty() {
                content.push_str([" ", "  ", "\u{a0}", ""][rng.below(4)]);
            }
            content.push_str(inner[rng.below(inner.len())]);
        }
        let text = format!(
            "{}[{content}]{}",
            before[rng.below(before.len())],
            after[rng.below(after.len())]
        );
        assert_same_as_oracle(&text);
    }
    // Past the judged window: the long forms.
    let long = format!("[{} --ed.]", "the telegram ".repeat(30));
    assert_same_as_oracle(&long);
}

#[test]
fn non_ascii_contents_are_lower_cased_as_str_to_lowercase_does() {
    for inner in [
        "Mieczysław",
        "ΟΔΟΣ ΣΟΦΟΣ",
        "Σ",
        "ΑΣ.",
        "İstanbul",
        "\u{212A}elvin",
        "STRAßE",
        "发往 𠀋",
        "Ǆ ǅ ǆ",
        "x\u{a0}Y\u{3000}Z",
        // Spacing to join, around and between non-ASCII characters.
        "Mie  czysław",
        "Ö\tx",
        "ö\r\nX",
        "ö \u{0B}x",
        "ö\u{0C}x",
        "ö\u{85}x",
        "ö \u{a0}x",
        "ö\u{a0} x",
        "A ö B  ",
        "  ö",
        "Ö X\u{1F}Y",
        "Σ  ΑΣ\tx",
        "𠀋  𠀋",
        "CRLF\r\nNBSP\u{a0}é",
    ] {
        let mut out = String::new();
        super::normalize_into(inner, &mut out);
        assert_eq!(out, plain_fold(inner), "{inner:?}");
    }
}

/// The plain lower case and spacing `normalize_into` must give.
fn plain_fold(inner: &str) -> String {
    inner
        .to_lowercase()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// The fold against the plain lower case and spacing, on random ASCII
/// (and some other) contents of every length to a judged window's, with
/// the bits of the bytes it returns.
#[test]
fn contents_fold_as_the_plain_lower_case_and_spacing_fold_them() {
    let mut rng = crate::test_random::Rng(0x9E37_79B9_7F4A_7C15);
    let alphabet = [
        "a", "Z", "@", "[", "`", "{", "A", "z", " ", " ", "  ", "\t", "\r\n", "\u{0B}", "\u{0C}",
        "\u{1F}", "\u{7F}", "\0", ".", "é", "\u{a0}", "𠀋", "Σ", "SIC", "Note:",
    ];
    for round in 0..20_000 {
        let pieces = if round % 100 == 0 { 200 } else { rng.below(24) };
        let mut inner = String::new();
        for _ in 0..pieces {
            inner.push_str(alphabet[rng.below(alphabet.len())]);
        }
        let window = crate::text::floor_char_boundary(&inner, super::MAX_JUDGED);
        // `classify` folds a trimmed content.
        let inner = inner[..window].trim();
        let mut out = String::from("left over");
        let bits = super::normalize_into(inner, &mut out);
        assert_eq!(out, plain_fold(inner), "{inner:?}");
        // Every bit stands for a content that is not ASCII.
        if inner.is_ascii() {
            assert_eq!(bits, super::byte_bits(out.as_bytes()), "{inner:?}");
        }
    }
}

#[test]
fn char_count_counts_characters() {
    for word in ["", "Ji", "Kříž", "𠀋", "发往北京", "Zhou", "Mikołaj", "ČSA"] {
        assert_eq!(super::char_count(word), word.chars().count(), "{word:?}");
    }
}

#[test]
fn the_last_word_starts_where_splitting_would_start_it() {
    for before in [
        "",
        "a",
        "a b",
        "Wulumuqi ",
        "(Filippov",
        "“Mikołaj",
        "x\u{a0}Kříž",
        "𠀋 发往",
        "a\u{3000}b",
        "end\t",
    ] {
        let split = before
            .rsplit(|c: char| c.is_whitespace() || c == '(' || c == '“')
            .next()
            .unwrap_or("");
        assert_eq!(
            &before[super::last_word_start(before)..],
            split,
            "{before:?}"
        );
    }
}

/// The eight-byte steps against the splitting, on random texts of
/// every byte that can end a word (and the ASCII bytes next to them).
#[test]
fn the_last_word_starts_where_splitting_would_start_it_in_random_texts() {
    let alphabet = [
        "a", "Z", " ", "\t", "\n", "\x0B", "\x0C", "\r", "\x08", "\x0E", "\x1F", "(", ")", "'",
        "!", "\x7F", "\0", "\u{a0}", "\u{3000}", "“", "”", "é", "𠀋", "\u{85}", "中",
    ];
    let mut rng = crate::test_random::Rng(0x2545_F491_4F6C_DD1D);
    for _ in 0..20_000 {
        let mut before = String::new();
        for _ in 0..rng.below(40) {
            // Mostly letters, so that runs of eight and more occur.
            let piece = if rng.below(3) == 0 {
                alphabet[rng.below(alphabet.len())]
            } else {
                "w"
            };
            before.push_str(piece);
        }
        let split = before
            .rsplit(|c: char| c.is_whitespace() || c == '(' || c == '“')
            .next()
            .unwrap_or("");
        assert_eq!(
            &before[super::last_word_start(&before)..],
            split,
            "{before:?}"
        );
    }
}

#[test]
fn double_spaces_are_found_as_the_byte_pairs_find_them() {
    let alphabet = [" ", " ", "a", "\u{a0}", "\0", "\x7F", "!", "`", "𠀋"];
    let mut rng = crate::test_random::Rng(0x9E37_79B9_7F4A_7C15);
    for _ in 0..20_000 {
        let mut text = String::new();
        for _ in 0..rng.below(40) {
            text.push_str(alphabet[rng.below(alphabet.len())]);
        }
        let bytes = text.as_bytes();
        assert_eq!(
            super::has_double_space(bytes),
            bytes.windows(2).any(|w| w == b"  "),
            "{text:?}"
        );
    }
    // Across each boundary between eights, and at the ends.
    for at in 0..24 {
        let mut bytes = vec![b'x'; 25];
        bytes[at] = b' ';
        bytes[at + 1] = b' ';
        assert!(super::has_double_space(&bytes), "{at}");
        bytes[at] = b'x';
        assert!(!super::has_double_space(&bytes), "{at}");
    }
}

/// Words of letters, which take `classify_word`'s shorter way: built
/// from the whole contents, openings, words looked for inside, months
/// and names, in any case, glued together or alone, after and before
/// every kind of neighbour; each against the oracle.
#[test]
fn words_of_letters_are_classified_as_the_oracle_classifies_them() {
    let pieces = [
        "sic",
        "unclear",
        "over",
        "verso",
        "reverse",
        "telegram",
        "paraphrase",
        "extract",
        "end",
        "begin",
        "stamp",
        "stamped",
        "redacted",
        "illegible",
        "unreadable",
        "indecipherable",
        "note",
        "notes",
        "seal",
        "typed",
        "editor",
        "enclosure",
        "missing",
        "signed",
        "initials",
        "remark",
        "comment",
        "january",
        "may",
        "june",
        "sept",
        "of",
        "the",
        "s",
        "li",
        "urumqi",
        "x",
        "illiam",
        "oreign",
        "stalin",
        "beijing",
        "minister",
        "comrade",
        "these",
    ];
    let before = [
        "",
        " ",
        "Wulumuqi ",
        "Minister ",
        "Ji ",
        "F",
        "M.",
        "end..",
        "x ",
        "Kříž ",
        "(",
        "\n",
        "ab ",
        "Vice-Minister ",
        "The ",
    ];
    let after = ["", " ", " Central", " the", ".", "\r\n", " Ñ"];
    let mut rng = crate::test_random::Rng(0x5851_F42D_4C95_7F2D);
    for _ in 0..20_000 {
        let mut word = String::new();
        for _ in 0..1 + rng.below(2) {
            word.push_str(pieces[rng.below(pieces.len())]);
        }
        // Any case: none, the first letter, every letter, at random.
        let word: String = match rng.below(4) {
            0 => word.to_uppercase(),
            1 => word
                .chars()
                .map(|c| {
                    if rng.below(2) == 0 {
                        c.to_ascii_uppercase()
                    } else {
                        c
                    }
                })
                .collect(),
            2 => {
                let mut chars = word.chars();
                chars.next().map_or(String::new(), |c| {
                    c.to_ascii_uppercase().to_string() + chars.as_str()
                })
            }
            _ => word,
        };
        let text = format!(
            "{}[{word}]{}",
            before[rng.below(before.len())],
            after[rng.below(after.len())]
        );
        assert_same_as_oracle(&text);
    }
    // The longest word folded on the stack, and one letter more.
    for len in [super::MAX_WORD - 1, super::MAX_WORD, super::MAX_WORD + 1] {
        assert_same_as_oracle(&format!(
            "Wulumuqi [{}]",
            "Illegible".repeat(9)[..len].to_owned()
        ));
    }
}

#[test]
fn years_outside_the_cable_era_are_not_dates_and_one_dot_is_no_omission() {
    assert_classes(
        "on [1962] and [2369] and [1066] and [the 1st] and [31–32 May] end[.] [..]",
        &[
            ("[1962]", "supplied-date"),
            ("[2369]", "supplied"),
            ("[1066]", "supplied"),
            ("[the 1st]", "supplied"),
            ("[31–32 May]", "supplied"),
            ("[.]", "supplied"),
            ("[..]", "ellipsis"),
        ],
    );
}
