use super::examine::*;
use super::*;
use std::cell::Cell;

thread_local! {
    /// Turns off the chunks' scan and every early rejection
    /// (`may_be_a_name_at`): the plain path, a byte-by-byte scan
    /// looking up every name start, that the oracle tests compare
    /// with.
    pub(super) static NO_EARLY_REJECTION: Cell<bool> = const { Cell::new(false) };
}

/// Mentions found with the early rejections and without them.
fn with_and_without_rejections(
    matcher: &Matcher,
    text: &str,
    skip: &[Range<usize>],
) -> (Vec<Mention>, Vec<Mention>) {
    let date = Date::day(1962, 6, 28).ok();
    let fast = matcher.find_mentions_outside(text, date, skip);
    NO_EARLY_REJECTION.set(true);
    let slow = matcher.find_mentions_outside(text, date, skip);
    NO_EARLY_REJECTION.set(false);
    (fast, slow)
}

/// A registry whose lower-case name openers are too many for the fast
/// scan ("van", "von", "al", "ibn", "le", "de"): the byte-wise scan.
fn matcher_with_many_openers() -> Matcher {
    let mut toml = String::new();
    for (id, name, family, given) in [
        ("vds", "Max van der Stoel", "van der Stoel", "Max"),
        ("vb", "Wernher von Braun", "von Braun", "Wernher"),
        ("ah", "Ali al-Hashimi", "al-Hashimi", "Ali"),
        ("is", "Ahmad ibn Saud", "ibn Saud", "Ahmad"),
        ("lp", "Jean le Pen", "le Pen", "Jean"),
    ] {
        toml += &format!(
            "[[person]]\nid = \"{id}\"\nname = {{ text = \"{name}\", system = \"other\", \
             family = \"{family}\", given = \"{given}\", order = \"given-first\" }}\n"
        );
    }
    let mut registry = Registry::from_toml_str(&toml, "test.toml").expect("valid registry");
    registry.merge(Registry::builtin().clone());
    registry.into_matcher()
}

/// Texts that put names next to everything the early rejections look
/// at: brackets, CRLF, CJK and astral characters, non-ASCII letters,
/// apostrophes, short words, openers, the end of the text.
fn tricky_texts() -> Vec<String> {
    let mut texts: Vec<String> = [
        "Vice Minister Ji [Pengfei] met Soviet Ambassador Chervonenko.",
        "Ji\r\nPengfei\r\nChervonenko\r\n[Stepan V.] Chervonenko\r\nM.[ikoyan] M[ikoyan]",
        "姬鹏飞同志 𠀋Ji Ji𠀋 𠀋姬鹏飞 Ji’s Ji' JI, ji, Jiang Ji-Pengfei",
        "de Gaulle, (de Gaulle) and deGaulle; De Gaulle; d[e] Gaulle; van der Stoel von Braun",
        "the delegation of de Gaulle, de9 dé Gaulle de\nGaulle deputy (de) de",
        "al-Hashimi ibn Saud le Pen Le Pen LE PEN [le] Pen",
        "Comr. Stalin [Filippov] and N.S. Khrushchev; R. Kennedy; Zhou [Enlai]",
        "ÉTAT Łódź Raúl Roa Đồng Phạm Văn Đồng Посол Червоненко",
        "The Ambassador in Great Britain (Page) to the Secretary of State\n\nLansing\n",
        "Ji",
        "J",
        "",
        "Mao",
        "Zhou[Enlai]",
        "[Zhou] Enlai [Mao Zedong]",
        // Given names that begin patterns but no pattern there, after
        // their family names, one at the end of the text.
        "Mikoyan [Anastas] Rusk [Dean] Maneli [Mieczysław] Chervonenko [Stepan V.]\r\nStepan Dean Anatoly",
    ]
    .map(String::from)
    .to_vec();
    // Names of the built-in registry written every way the cables do.
    let registry = Registry::builtin();
    let mut rng = crate::synthetic::Rng::new(7);
    let mut text = String::new();
    for (i, person) in registry.iter().enumerate().step_by(3) {
        let name = &person.name.text;
        let family = &person.name.family;
        let filler = [
            "the ", "said ", "and ", "Soviet ", "Comrade ", "\r\n", "[", "] ", "姬 ", "𠀋 ",
        ];
        text += filler[(rng.next_u64() % filler.len() as u64) as usize];
        text += match i % 5 {
            0 => name.to_string(),
            1 => family.to_string(),
            2 => format!("{} [{}]", family, name),
            3 => family.to_uppercase(),
            _ => format!("Minister {}", family),
        }
        .as_str();
        text += if i % 7 == 0 { "\r\n" } else { ". " };
    }
    texts.push(text);
    texts
}

#[test]
fn early_rejections_never_change_what_is_found() {
    let builtin = Registry::builtin().matcher();
    let many_openers = matcher_with_many_openers();
    assert!(builtin.tester.is_some());
    assert!(many_openers.tester.is_none());
    let mut texts = tricky_texts();
    let corpus = std::env::var_os("CABLELINT_CORPUS")
        .map(std::path::PathBuf::from)
        .unwrap_or_else(|| std::path::PathBuf::from("/work/shared/corpus"));
    if let Ok(entries) = std::fs::read_dir(corpus.join("real")) {
        let mut files: Vec<_> = entries.filter_map(Result::ok).map(|e| e.path()).collect();
        files.sort();
        for path in files
            .iter()
            .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        {
            texts.push(std::fs::read_to_string(path).expect("a corpus file"));
        }
    }
    for matcher in [&builtin, &many_openers] {
        for text in &texts {
            // Also with part of the text skipped (blanked).
            let third = (text.len() / 3..text.len())
                .find(|&i| text.is_char_boundary(i))
                .unwrap_or(text.len());
            let first_third = 0..third;
            for skip in [&[], std::slice::from_ref(&first_third)] {
                let (fast, slow) = with_and_without_rejections(matcher, text, skip);
                assert_eq!(fast, slow, "{:?}", &text[..text.len().min(200)]);
            }
        }
    }
}

/// Random texts (proptest-style, from fixed seeds) built of the
/// registry's names and pieces of them, words that share their first
/// letters, capitals inside words, digits, brackets, CRLF, non-ASCII
/// and CJK characters, in every order: the fast scan (the chunks'
/// tests and the early rejections of `may_be_a_name_at`) must find
/// exactly what the plain path finds, a byte-by-byte scan that looks
/// up every name start among every pattern. The plain path is kept
/// for this: any faster scan is checked against it.
#[test]
fn random_texts_find_what_the_plain_path_finds() {
    let matcher = Registry::builtin().matcher();
    assert!(matcher.tester.is_some());
    let patterns = matcher.table.patterns();
    let pieces: Vec<&str> = " | | |, |. |\r\n|\n|[|]|(|)|’s |'|-|9|1962|the |de |De |side|USSR|\
         McCarthy|Soviet |The |Ambassador |Vice Minister |Comrade |Raúl |é|É|姬|𠀋|—|Ж|x|\
         A|Zh|Chi|Kim|Ji|Li|Ma|Mao|Zhou"
        .split('|')
        .collect();
    let mut rng = crate::synthetic::Rng::new(11);
    let mut mentions = 0;
    for _ in 0..300 {
        let mut text = String::new();
        let length = rng.below(120);
        for _ in 0..length {
            match rng.below(6) {
                0 | 1 => text += *rng.pick(&pieces),
                2 => text += &patterns[rng.below(patterns.len())],
                3 => {
                    // A pattern cut short, run on, or in capitals.
                    let pattern: &str = &patterns[rng.below(patterns.len())];
                    let cut = (1..=pattern.len())
                        .filter(|&i| pattern.is_char_boundary(i))
                        .nth(rng.below(4))
                        .unwrap_or(pattern.len());
                    text += &pattern[..cut];
                    if rng.below(2) == 0 {
                        text += *rng.pick(&["ov", "s", "é", "1", "ang"]);
                    }
                }
                4 => text += &patterns[rng.below(patterns.len())].to_uppercase(),
                _ => text += " ",
            }
            // Mostly words apart, sometimes run together.
            if rng.below(4) != 0 {
                text += *rng.pick(&[" ", " ", ", ", ". ", "\r\n", " [", "] ", " (", ") "]);
            }
        }
        let (fast, slow) = with_and_without_rejections(&matcher, &text, &[]);
        assert_eq!(fast, slow, "{text:?}");
        mentions += fast.len();
    }
    assert!(
        mentions > 3000,
        "{mentions} mentions: the texts should name people"
    );
}

fn starts(text: &str, mut next: impl FnMut(&str, usize) -> Option<usize>) -> Vec<usize> {
    let mut found = Vec::new();
    let mut at = 0;
    while let Some(start) = next(text, at) {
        found.push(start);
        at = start + text[start..].chars().next().map_or(1, char::len_utf8);
    }
    found
}

#[test]
fn word_boundaries_tested_as_bytes_are_those_tested_as_characters() {
    let mut texts = tricky_texts();
    texts.push("a1 Ji9 9Ji éJi Jié 姬Ji Ji姬 𠀋Ji Ji𠀋 \u{a0}Ji\u{a0} (Ji) x".into());
    let mut checked = 0;
    for text in &texts {
        let bounds: Vec<usize> = (0..=text.len())
            .filter(|&i| text.is_char_boundary(i))
            .collect();
        for (n, &start) in bounds.iter().enumerate() {
            for &end in bounds[n + 1..].iter().take(6) {
                let span = start..end;
                assert_eq!(
                    has_word_boundaries(text, &span),
                    has_word_boundaries_by_chars(text, &span),
                    "{:?}",
                    &text[span]
                );
                assert_eq!(
                    is_capitalised_like_a_name(&text[span.clone()]),
                    is_capitalised_like_a_name_by_chars(&text[span.clone()]),
                    "{:?}",
                    &text[span]
                );
                checked += 1;
            }
        }
    }
    assert!(checked > 10_000, "only {checked}");
}

#[test]
fn finds_brackets_as_a_byte_search_does() {
    let text = "abc[def]ghijklmnop]qrstuvwxyz[{}\\^_ZYXé姬[𠀋]".as_bytes();
    for start in 0..=text.len() {
        for end in start..=text.len() {
            let part = &text[start..end];
            let expected = part.iter().any(|&b| b == b'[' || b == b']');
            assert_eq!(has_bracket(part), expected, "{start}..{end}");
        }
    }
}

#[test]
fn brackets_widen_names_but_not_into_skipped_text() {
    let text = "met Ji [Pengfei] and [Stepan V.] Chervonenko and Kim [\nsource ] x";
    let widened = |name: &str, skipped: &[Range<usize>]| {
        let start = text.find(name).unwrap();
        let mut span = start..start + name.len();
        let completed = widen_to_brackets(text, &mut span, skipped);
        (completed, text[span].to_owned())
    };
    assert_eq!(widened("Ji [Pengfei", &[]), (true, "Ji [Pengfei]".into()));
    assert_eq!(
        widened("Stepan V.] Chervonenko", &[]),
        (true, "[Stepan V.] Chervonenko".into())
    );
    assert_eq!(widened("Kim [", &[]), (true, "Kim [\nsource ]".into()));
    let source = text.find("source").unwrap();
    let skipped = [source..text.len(), text.len()..text.len()];
    assert_eq!(widened("Kim [", &skipped), (true, "Kim [".into()));
    assert_eq!(widened("met", &[]), (false, "met".into()));
}

#[test]
fn an_unclosed_bracket_is_not_closed_by_the_next_bracket() {
    let widened = |text: &str, name: &str| {
        let start = text.find(name).unwrap();
        let mut span = start..start + name.len();
        widen_to_brackets(text, &mut span, &[]);
        text[span].to_owned()
    };
    let text = "Ji [Pengfei handed it to [Stepan V.] Chervonenko";
    assert_eq!(widened(text, "Ji [Pengfei"), "Ji [Pengfei");
    let text = "Ji [Pengfei] and Stepan V.] Chervonenko";
    assert_eq!(
        widened(text, "Stepan V.] Chervonenko"),
        "Stepan V.] Chervonenko"
    );
    // The brackets that do close are still taken in.
    let text = "Ji [Pengfei] and [Stepan V.] Chervonenko";
    assert_eq!(widened(text, "Ji [Pengfei"), "Ji [Pengfei]");
    assert_eq!(
        widened(text, "Stepan V.] Chervonenko"),
        "[Stepan V.] Chervonenko"
    );
}

#[test]
fn the_post_fitting_a_title_is_the_first_that_title_matches_finds() {
    let matcher = Matcher::builtin();
    let titles = [
        "Vice Minister",
        "Ambassador",
        "Foreign Minister",
        "Comrade",
        "Premier",
        "First Secretary",
        "President",
        "Chairman",
        "Deputy Minister of Foreign Affairs",
    ];
    for (index, person) in matcher.registry().iter().enumerate() {
        for title in titles {
            let expected = person
                .posts
                .iter()
                .find(|p| crate::title_matches(title, &p.title));
            assert_eq!(
                matcher.post_fitting_title(index, title),
                expected,
                "{} {title}",
                person.id
            );
        }
    }
    assert_eq!(matcher.post_fitting_title(usize::MAX, "Ambassador"), None);
}

#[test]
fn the_fast_scan_finds_the_same_name_starts_as_the_bytewise_one() {
    let builtin = Registry::builtin().matcher();
    assert_eq!(
        builtin.tester.as_ref().map(Tester::openers),
        Some(&[(b'd', Some(b'e'))][..])
    );
    let (toml, _) = crate::synthetic::registry_toml(50, 1);
    let mut with_more_openers = Registry::from_toml_str(
        &(toml + "[[person]]\nid = \"vds\"\nname = { text = \"Max van der Stoel\", system = \"other\", family = \"van der Stoel\", given = \"Max\", order = \"given-first\" }\n"),
        "test.toml",
    )
    .expect("valid registry");
    with_more_openers.merge(Registry::builtin().clone());
    let with_more_openers = with_more_openers.matcher();
    assert_eq!(
        with_more_openers.tester.as_ref().map(Tester::openers),
        Some(&[(b'd', Some(b'e')), (b'v', Some(b'a'))][..])
    );
    let texts = [
        "Vice Minister Ji [Pengfei] met Soviet Ambassador Chervonenko.",
        "abcDef gHI 9A a9B x-Y x'Z de Gaulle, (de Gaulle) and deGaulle van der Stoel",
        "1234567d de\nabcdefgde vanx van d-e d",
        "ÉTAT Łódź éA aÉ Ωmega ωMEGA ﬁX dé de",
        "中文Ji 姬鹏飞同志 𠀋Ji ji de",
        "Посол Червоненко и посол",
        "\u{feff}A\r\nB\tC  D,E.F(G)[H]",
        "",
        "d",
        "lowercase only text with no capitals at all, more than eight bytes",
    ];
    for matcher in [&builtin, &with_more_openers] {
        let tester = matcher.tester.as_ref().expect("few openers");
        for text in texts {
            let candidates = Candidates::new(text.as_bytes(), tester);
            assert_eq!(
                starts(text, |t, at| matcher.next_name_start_by_words(
                    t,
                    at,
                    &candidates
                )),
                starts(text, |t, at| matcher.next_name_start_bytewise(t, at)),
                "{text:?}"
            );
        }
    }
    let tester = builtin.tester.as_ref().expect("few openers");
    let candidates = Candidates::new(texts[1].as_bytes(), tester);
    let found = starts(texts[1], |t, at| {
        builtin.next_name_start_by_words(t, at, &candidates)
    });
    let words: Vec<&str> = found.iter().map(|&i| &texts[1][i..i + 2]).collect();
    assert_eq!(words, ["Y ", "Z ", "de", "Ga", "de", "Ga", "St"]);
}
