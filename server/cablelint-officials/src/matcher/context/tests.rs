use super::*;

fn title(text: &str, name: &str) -> Option<String> {
    let pos = text.find(name).unwrap();
    title_before(text, pos, 0).map(|r| text[r].to_owned())
}

#[test]
fn finds_titles_before_names() {
    assert_eq!(
        title("On the 26th, Vice Minister Ji handed", "Ji").as_deref(),
        Some("Vice Minister")
    );
    assert_eq!(
        title("to Soviet Ambassador Stepan", "Stepan").as_deref(),
        Some("Soviet Ambassador")
    );
    assert_eq!(title("1. Comr. Stalin", "Stalin").as_deref(), Some("Comr."));
    assert_eq!(title("“Cde. Mao Zedong!", "Mao").as_deref(), Some("Cde."));
    assert_eq!(
        title(
            "On January 17 the minister of foreign affairs of the DPRK Pak Heon-yeong held",
            "Pak"
        )
        .as_deref(),
        Some("minister of foreign affairs of the DPRK")
    );
    assert_eq!(title("Telegram from Stalin to Mao", "Stalin"), None);
    assert_eq!(
        title("the Ambassador. Chervonenko denied", "Chervonenko"),
        None
    );
    assert_eq!(title("Chervonenko denied", "Chervonenko"), None);
    assert_eq!(
        title("June to Soviet Ambassador Stepan", "Stepan").as_deref(),
        Some("Soviet Ambassador")
    );
    assert_eq!(
        title("Opposing the Visit of Prime Minister Sato", "Sato").as_deref(),
        Some("Prime Minister")
    );
    assert_eq!(title("the secretary of Kim Il Sung", "Kim"), None);
    assert_eq!(
        title("a leader of the Chiang Kai-shek Group", "Chiang"),
        None
    );
    assert_eq!(
        title("Notice for Comrade Fischer", "Fischer").as_deref(),
        Some("Comrade")
    );
    assert_eq!(
        title("Dong and Soviet Ambassador Tovmassian", "Tovmassian").as_deref(),
        Some("Soviet Ambassador")
    );
    assert_eq!(
        title(
            "the Chairman of the Council of Ministers Kosygin",
            "Kosygin"
        )
        .as_deref(),
        Some("Chairman of the Council of Ministers")
    );
    assert_eq!(
        title("US Ambassador to India John", "John").as_deref(),
        Some("US Ambassador to India")
    );
    assert_eq!(
        title("Taiwan’s National Defense Minister Chiang", "Chiang").as_deref(),
        Some("Taiwan’s National Defense Minister")
    );
}

#[test]
fn finds_titles_after_names_and_in_headings() {
    let text = "Pál Szarvas\nAmbassador\n\nReport";
    let end = text.find('\n').unwrap();
    assert_eq!(title_after(text, end).map(|r| &text[r]), Some("Ambassador"));
    let text = "Nakajima Kenzo, Chairman of the Board\nJapan";
    let end = "Nakajima Kenzo".len();
    assert_eq!(
        title_after(text, end).map(|r| &text[r]),
        Some("Chairman of the Board")
    );
    let text = "Pak Heon-yeong, deputy minister of foreign affairs Pak Jeong-jo, Ri";
    assert_eq!(title_after(text, "Pak Heon-yeong".len()), None);
    let text = "The Ambassador in Great Britain (Page) to the Secretary of State";
    let start = text.find("Page").unwrap();
    let span = start..start + 4;
    assert_eq!(
        parenthesised_after_title(text, &span, 0).map(|r| &text[r]),
        Some("Ambassador in Great Britain")
    );
}

#[test]
fn joiners_and_place_words_are_their_lists_ignoring_ascii_case() {
    let mut words: Vec<String> = JOINERS.iter().map(|w| w.to_string()).collect();
    words.extend(JOINERS.iter().map(|w| w.to_uppercase()));
    words.extend(JOINERS.iter().map(|w| w[1..].to_string()));
    words.extend(
        [
            "",
            "o",
            "off",
            "The",
            "IN",
            "d’AFFAIRES",
            "d’Affaires.",
            "Affairs",
            "relations’",
            "姬",
        ]
        .map(String::from),
    );
    for text in &words {
        let word = Word::new(text, 0);
        assert_eq!(joins_title(&word), is_one_of(&word, JOINERS), "{text}");
        // `title_in` tests joiners only where this holds.
        if joins_title(&word) {
            assert!(may_join_title(&word, word.class()), "{text}");
        }
        assert_eq!(
            introduces_place(&word),
            is_one_of(&word, &["of", "in", "at", "to", "the"]),
            "{text}"
        );
    }
}

#[test]
fn word_classes_are_those_of_the_trimmed_word() {
    let words = [
        "Minister",
        "minister.",
        "Vice-Minister",
        "Comr.",
        "Cde.",
        "the",
        "THE",
        "of",
        "said",
        "Ambassador",
        "ambassadors",
        "Secretary-General",
        "Chargé",
        "d’affaires",
        "d'affaires",
        "Affairs",
        "Mr.",
        "Mr..",
        "",
        ".",
        "-",
        "a-",
        "Zhou",
        "Вице-министр",
        "姬",
        "x",
        "plenipotentiary",
        "Vice–Minister",
        "deputy",
        "PREMIER",
        "Prime",
        "Relations",
    ];
    let long = "minister".repeat(5);
    for text in words.iter().copied().chain([long.as_str()]) {
        let word = Word::new(text, 0);
        assert_eq!(word.class(), class_of(text.trim_end_matches('.')), "{text}");
    }
}

#[test]
fn eponym_nouns_fit_the_length_bound() {
    assert!(EPONYM_NOUNS.iter().all(|n| n.len() <= LONGEST_EPONYM));
    // The match is the list, ignoring case.
    for noun in EPONYM_NOUNS {
        // After a name, capitalised or in capitals (the sieve of two
        // letters and length lets each through).
        let capitalised = format!("{}{}", noun[..1].to_uppercase(), &noun[1..]);
        for written in [capitalised, noun.to_uppercase()] {
            let after = format!("Wilson {written}");
            assert!(names_an_institution(&after, 6), "{after}");
        }
        assert!(is_eponym_noun(noun), "{noun}");
        assert!(is_eponym_noun(&noun.to_uppercase()), "{noun}");
        assert!(!is_eponym_noun(&noun[1..]), "{noun}");
        assert!(
            !is_eponym_noun(&format!("{noun}s")) || EPONYM_NOUNS.contains(&&*format!("{noun}s"))
        );
    }
    for word in [
        "",
        "Anastas",
        "Vietnam",
        "Centers",
        "Muséum",
        "internationally",
        "姬",
    ] {
        assert_eq!(
            is_eponym_noun(word),
            EPONYM_NOUNS.iter().any(|n| n.eq_ignore_ascii_case(word)),
            "{word}"
        );
    }
    for b in b'A'..=b'Z' {
        let starts_one = EPONYM_NOUNS
            .iter()
            .any(|noun| noun.as_bytes()[0] == b.to_ascii_lowercase());
        assert_eq!(EPONYM_FIRST_LETTERS & (1 << (b - b'A')) != 0, starts_one);
    }
    assert!(names_an_institution("Wilson International Center", 6));
    assert!(names_an_institution("Nehru  Memorial", 5));
    assert!(!names_an_institution("Nehru memorial", 5));
    assert!(!names_an_institution("Nehru said", 5));
    assert!(!names_an_institution("Nehru", 5));
}

#[test]
fn cjk_ideographs_are_word_letters_and_long_runs_are_no_title() {
    assert!(CJK_UNIFIED
        .filter_map(char::from_u32)
        .all(char::is_alphanumeric));
    let run = "姬".repeat(200);
    assert_eq!(class_of(&run), WordClass::Other);
    assert_eq!(class_of(&format!("{run}-Minister")), WordClass::Rank);
    assert_eq!(class_of(&format!("{run}‐minister")), WordClass::Rank);
    let text = format!("{run} Ji");
    let word = word_before(&text, text.len() - 2).expect("a word");
    assert_eq!(word.text, run);
}

#[test]
fn recognises_initials_and_signatures() {
    let words = given_words_before("talks with N.S. Khrushchev", 16, 0);
    assert_eq!(words.len(), 1);
    assert_eq!(words[0].initials(), Some(vec!['N', 'S']));
    assert_eq!(Word::new("R.", 0).initials(), Some(vec!['R']));
    assert_eq!(Word::new("Rusk", 0).initials(), None);
    let text = "some text\n\nLansing\n";
    let start = text.find("Lansing").unwrap();
    assert!(is_signature_line(text, &(start..start + 7)));
    let text = "said Lansing today";
    assert!(!is_signature_line(text, &(5..12)));
}

#[test]
fn initials_read_as_bytes_are_those_read_as_characters() {
    for text in [
        "N.", "N.S.", "A.I.", "J.-P.", "R", "R.-", "-R.", "RS.", "N..", "", ".", "Rusk", "É.",
        "N.É.", "n.", "N.s.", "A.-", "A--B.",
    ] {
        let word = Word::new(text, 0);
        assert_eq!(word.is_initials(), word.is_initials_by_chars(), "{text}");
    }
}

#[test]
fn words_the_scans_call_plain_are_plain_and_classed_as_in_full() {
    let text = "the Vice-Minister of Foreign Affairs Ji [Pengfei] said to Cde. \
                N.S. Khrushchev--and Chargé d’affaires Szarvas, Ambassador\n\
                Вице-министр Громыко 姬鹏飞 side--N.S. Mr.. Comr. DEPUTY x-ray";
    let mut plain = 0;
    for pos in (0..=text.len()).filter(|&i| text.is_char_boundary(i)) {
        let words = [
            word_before(text, pos),
            word_after(text, pos, false),
            word_after(text, pos, true),
        ];
        for word in words.into_iter().flatten() {
            assert!(!word.plain || is_plain(word.text), "{:?}", word.text);
            assert_eq!(word.class(), word.class_in_full(), "{:?}", word.text);
            plain += usize::from(word.plain);
        }
    }
    assert!(plain > 100, "{plain}");
}

#[test]
fn nationalities_found_without_copies_are_those_found_with_them() {
    for text in [
        "Soviet",
        "Polish",
        "Chinese",
        "French",
        "Baltic",
        "US",
        "DPRK",
        "U.S.",
        "U.S",
        "A",
        "Taiwan's",
        "Taiwan’s",
        "TAIWAN’S",
        "Korean",
        "Korea",
        "Hanoi",
        "Delhi",
        "soviet",
        "Mieczysław",
        "Česká",
        "Švédsko",
        "ÉTAT",
        "Éire",
        "Ωmegan",
        "Zürich",
        "Iraqi",
        "Ian",
        "AN",
        "An",
        "Ese",
        "",
        ".",
        "Minister",
        "Comrade",
        "Pyongyang",
        "Israeli.",
        "X-ian",
    ] {
        let word = Word::new(text, 0);
        assert_eq!(
            is_nationality_like(&word),
            is_nationality_like_by_copies(&word),
            "{text:?}"
        );
    }
}
