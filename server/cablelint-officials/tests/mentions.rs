//! Mention finding over real phrasings from the corpus (short excerpts),
//! tricky editorial forms, negative cases, and disambiguation by date.

use std::sync::OnceLock;

use cablelint_officials::{Date, Matcher, Mention, MentionForm, Registry};

fn matcher() -> &'static Matcher {
    static MATCHER: OnceLock<Matcher> = OnceLock::new();
    MATCHER.get_or_init(|| Registry::builtin().matcher())
}

fn date(text: &str) -> Option<Date> {
    Some(text.parse().unwrap())
}

/// (mention text, best candidate id) for every mention found.
fn found(text: &str, on: Option<Date>) -> Vec<(String, String)> {
    let matcher = matcher();
    matcher
        .find_mentions(text, on)
        .iter()
        .map(|m| {
            (
                text[m.span.clone()].to_owned(),
                matcher.person(m.best()).id.to_string(),
            )
        })
        .collect()
}

fn pairs(expected: &[(&str, &str)]) -> Vec<(String, String)> {
    expected
        .iter()
        .map(|(a, b)| (a.to_string(), b.to_string()))
        .collect()
}

/// A phrase, the document date, and the expected (mention, person) pairs.
type Case = (
    &'static str,
    &'static str,
    &'static [(&'static str, &'static str)],
);

fn mentions(text: &str, on: Option<Date>) -> Vec<Mention> {
    matcher().find_mentions(text, on)
}

#[test]
fn real_phrasings_from_the_corpus() {
    let cases: &[Case] = &[
        (
            "On the 26th [of June], Vice Minister Ji [Pengfei] handed our memorandum to Soviet Ambassador [Stepan V.] Chervonenko (the full text is attached).",
            "1962-06-28",
            &[("Ji [Pengfei]", "ji-pengfei"), ("[Stepan V.] Chervonenko", "chervonenko")],
        ),
        (
            "Vice Minister Ji rejected [Chervonenko’s statement], and pointed out",
            "1962-06-28",
            &[("Ji", "ji-pengfei"), ("Chervonenko", "chervonenko")],
        ),
        ("Approved by: Ji Pengfei\nSent: See the telegram title", "1964-01-22", &[("Ji Pengfei", "ji-pengfei")]),
        (
            "Ciphered telegram, Filippov [Stalin] to Zhou Enlai or Mao Zedong (via Roshchin)",
            "1950-07-13",
            &[("Filippov", "stalin"), ("Stalin", "stalin"), ("Zhou Enlai", "zhou-enlai"), ("Mao Zedong", "mao-zedong"), ("Roshchin", "roshchin")],
        ),
        ("Transmit to ZHOU ENLAI or MAO ZEDONG the following:", "1950-07-13", &[("ZHOU ENLAI", "zhou-enlai"), ("MAO ZEDONG", "mao-zedong")]),
        ("“Cde. Mao Zedong!", "1950-05-14", &[("Mao Zedong", "mao-zedong")]),
        ("1. Comr. Stalin\n2. Comr. Molotov\n3. Comr. Vyshinsky", "1950-05-14", &[("Stalin", "stalin"), ("Molotov", "molotov"), ("Vyshinsky", "vyshinsky")]),
        ("Telegraph the fulfillment.\nVYSHINSKY\n5 copies", "1950-05-14", &[("VYSHINSKY", "vyshinsky")]),
        (
            "A meeting between [Anastas] Mikoyan and the heads of diplomatic posts took place today. M[ikoyan] informed [us] about the results",
            "1962-11-21",
            &[("[Anastas] Mikoyan", "mikoyan"), ("M[ikoyan]", "mikoyan")],
        ),
        ("(M.[ikoyan] stated that there were different opinions", "1962-11-21", &[("M.[ikoyan]", "mikoyan")]),
        ("to [Deputy Foreign Minister Jozef] Winiewicz in our dispatch", "1962-11-21", &[("[Deputy Foreign Minister Jozef] Winiewicz", "jozef-winiewicz")]),
        ("To the Ministry of Foreign Affairs and Comrade [Li] Fuchun:", "1961-04-20", &[("[Li] Fuchun", "li-fuchun")]),
        ("According to talks with [Cuban foreign minister] Raúl Roa and [Soviet Ambassador Aleksandr] Alekseev, it has been confirmed that [US President John F.] Kennedy has caved", "1962-10-24",
            &[("Raúl Roa", "raul-roa"), ("[Soviet Ambassador Aleksandr] Alekseev", "alekseyev"), ("[US President John F.] Kennedy", "john-f-kennedy")]),
        ("Fidel [Castro] is satisfied with the pronouncement", "1962-10-24", &[("Fidel [Castro]", "fidel-castro")]),
        ("I conducted lengthy conversations with Prime Minister [Pham Van Dong] and [Soviet Ambassador] Tovmassian.", "1963-03-11",
            &[("Pham Van Dong", "pham-van-dong"), ("Tovmassian", "tovmasyan")]),
        ("Late in the evening of October 23, R. Kennedy came to visit me.", "1962-10-24", &[("R. Kennedy", "robert-f-kennedy")]),
        ("the Soviet side--N.S. Khrushchev, the Soviet government", "1962-10-24", &[("N.S. Khrushchev", "khrushchev")]),
        ("[...Dobrynin] expressed the hope", "1962-11-01", &[("Dobrynin", "dobrynin")]),
        ("to meet with [CPSU CC Politburo member] A.I. Mikoyan, through Stevenson and Kuznetsov.", "1962-11-01",
            &[("A.I. Mikoyan", "mikoyan"), ("Kuznetsov", "kuznetsov-vasily")]),
        ("F. Castro and Dorticos called me to the command post", "1962-10-26", &[("F. Castro", "fidel-castro"), ("Dorticos", "osvaldo-dorticos")]),
        ("the position of Comrade V.A. Zorin and Incháustegui", "1962-10-26", &[("V.A. Zorin", "zorin"), ("Incháustegui", "mario-garcia-inchaustegui")]),
        ("[Cuban Defense Minister] Raoul Castro, noting the publication", "1962-09-11", &[("Raoul Castro", "raul-castro")]),
        ("the secretary of Kim Il Sung, Mun Il, personally called me", "1950-11-29", &[("Kim Il Sung", "kim-il-sung"), ("Mun Il", "mun-il")]),
        ("send to Mao Zedong either Pak Heon-Yeong [Pak Hon Yong] or Pak Il-u [Pak Il U]", "1950-11-29",
            &[("Mao Zedong", "mao-zedong"), ("Pak Heon-Yeong", "pak-hon-yong"), ("Pak Hon Yong", "pak-hon-yong"), ("Pak Il-u", "pak-il-u"), ("Pak Il U", "pak-il-u")]),
        ("T. Shtykov\n\nTelegram from the Ambassador", "1950-11-29", &[("T. Shtykov", "shtykov")]),
        ("The Ambassador in Great Britain (Page) to the Secretary of State", "1918-09-17", &[("Page", "walter-hines-page")]),
        ("Communicate with Embassy and cable Department result.\n\nLansing\n", "1918-04-25", &[("Lansing", "lansing")]),
        ("The Minister in Bolivia(Des Portes) to the Secretary of State", "1934-09-19", &[("Des Portes", "fay-des-portes")]),
        ("The Minister in Switzerland (Wilson) to the Secretary of State", "1934-04-26", &[("Wilson", "hugh-r-wilson")]),
        ("Please say to Dr. Cruchaga that this Government", "1934-09-28", &[("Cruchaga", "miguel-cruchaga")]),
        ("396. Eyes only for Ambassador Lodge from the President.", "1963-11-01", &[("Lodge", "henry-cabot-lodge")]),
        ("aide-memoire handed me by Gromyko at two p.m. today", "1961-02-04", &[("Gromyko", "gromyko")]),
        ("The Chancellor's [Helmut Kohl's] Telephone Conversation with Polish President Kwasniewski", "1996-09-12",
            &[("Helmut Kohl", "helmut-kohl"), ("Kwasniewski", "aleksander-kwasniewski")]),
        ("The Chancellor's Meeting with British PM Blair on 20 October 1997", "1997-10-31", &[("Blair", "tony-blair")]),
        ("Opposing the Visit of Prime Minister Sato to the United States and Protesting the Coming to Japan of Chiang Ching-kuo", "1967-11",
            &[("Sato", "sato-eisaku"), ("Chiang Ching-kuo", "chiang-ching-kuo")]),
        ("To: Ushiba Nobuhiko\nVice Minister for Foreign Affairs", "1967-11-06", &[("Ushiba Nobuhiko", "ushiba-nobuhiko")]),
        ("cancel this invitation to National Defense Minister Chiang and that", "1967-11-06", &[("Chiang", "chiang-ching-kuo")]),
        ("Sardar Panikkar, our Ambassador in Nanking, is here.", "1949-04-01", &[("Sardar Panikkar", "k-m-panikkar")]),
        ("Yours sincerely, (Sd).\nJawaharlal .Nehru", "1949-04-01", &[("Nehru", "jawaharlal-nehru")]),
        ("Cable from Li Qingquan, 'Talks with Beaumarchais'", "1964-01-23", &[("Li Qingquan", "li-qingquan"), ("Beaumarchais", "jacques-de-beaumarchais")]),
        ("Today, the director of Department of European Affairs of French Foreign Ministry, [Jacques] de Beaumarchais, paid us a visit", "1964-01-23",
            &[("[Jacques] de Beaumarchais", "jacques-de-beaumarchais")]),
        ("Report from Pál Szarvas, Hungarian Ambassador to the DPRK", "1954-12-18", &[("Pál Szarvas", "pal-szarvas")]),
        ("To: Comrade Nicolae Ghenea,\n\nDeputy Foreign Minister", "1973-06-07", &[("Nicolae Ghenea", "nicolae-ghenea")]),
        ("with W[illiam] Hyland, one of [Henry] Kissinger’s advisors", "1973-06-07", &[("W[illiam] Hyland", "william-hyland"), ("[Henry] Kissinger", "kissinger")]),
        ("Ambassador Pan [Zili] summarized the situation for him", "1965-02-10", &[("Pan [Zili]", "pan-zili")]),
    ];
    for (text, on, expected) in cases {
        assert_eq!(found(text, date(on)), pairs(expected), "in {text:?}");
    }
}

#[test]
fn titles_without_brackets_and_abbreviated_honorifics() {
    for text in [
        "Comrade Pan said",
        "Comr. Pan said",
        "Cde. Pan said",
        "Ambassador Pan said",
    ] {
        assert_eq!(
            found(text, date("1963")),
            pairs(&[("Pan", "pan-zili")]),
            "in {text:?}"
        );
    }
    let mention = &mentions("Comr. Pan said", None)[0];
    assert_eq!(mention.form, MentionForm::Surname);
    assert_eq!(&"Comr. Pan said"[mention.title.clone().unwrap()], "Comr.");
    assert_eq!(mention.full_span(), 0..9);
}

#[test]
fn madame_chiang_is_his_wife_not_chiang_kai_shek() {
    // "Madame" is a courtesy title, so "Madame Chiang" alone would be read
    // as Chiang Kai-shek; the registry's longer name for his wife wins.
    for (text, name) in [
        ("Madame Chiang arrived in Washington", "Madame Chiang"),
        ("Madame Chiang Kai-shek arrived", "Madame Chiang Kai-shek"),
        ("Mme. Chiang arrived", "Mme. Chiang"),
    ] {
        assert_eq!(
            found(text, date("1958")),
            pairs(&[(name, "soong-mei-ling")]),
            "in {text:?}"
        );
    }
    assert_eq!(
        found("President Chiang Kai-shek arrived", date("1958")),
        pairs(&[("Chiang Kai-shek", "chiang-kai-shek")])
    );
    // The same for Mao's wife, Jiang Qing, in documents of 1966-76.
    for text in [
        "Madame Mao spoke",
        "Mme. Mao spoke",
        "Madame Mao Tse-tung spoke",
    ] {
        let found = found(text, date("1967"));
        assert_eq!(found.len(), 1, "{text}");
        assert_eq!(found[0].1, "jiang-qing", "{text}");
    }
    assert_eq!(found("Chairman Mao spoke", date("1967"))[0].1, "mao-zedong");
}

#[test]
fn other_romanisations_and_native_script() {
    assert_eq!(
        found("Chi P'eng-fei received him", None),
        pairs(&[("Chi P'eng-fei", "ji-pengfei")])
    );
    assert_eq!(
        found("Chi P’eng-fei received him", None),
        pairs(&[("Chi P’eng-fei", "ji-pengfei")])
    );
    assert_eq!(
        found("姬鹏飞副部长", None),
        pairs(&[("姬鹏飞", "ji-pengfei")])
    );
    assert_eq!(
        found("会见了姬鵬飛。", None),
        pairs(&[("姬鵬飛", "ji-pengfei")])
    );
    assert_eq!(
        found("Посол Червоненко", None),
        pairs(&[("Червоненко", "chervonenko")])
    );
    assert_eq!(
        found("Chou En-lai and Mao Tse-tung", None),
        pairs(&[
            ("Chou En-lai", "zhou-enlai"),
            ("Mao Tse-tung", "mao-zedong")
        ])
    );
    assert_eq!(
        found("Kwaśniewski and Kwasniewski", None),
        pairs(&[
            ("Kwaśniewski", "aleksander-kwasniewski"),
            ("Kwasniewski", "aleksander-kwasniewski")
        ])
    );
    assert_eq!(found("Phạm Văn Đồng", None)[0].1, "pham-van-dong");
    assert_eq!(found("Kim Il-sung and Kim Il Sung", None).len(), 2);
    // The DPRK's own spelling: "Kim Il" there is the start of Kim Il
    // Sung's name, not Kim Il, the premier of 1972-76.
    assert_eq!(
        found("Kim Il-song and Kim Il Song; Premier Kim Il", date("1975")),
        pairs(&[
            ("Kim Il-song", "kim-il-sung"),
            ("Kim Il Song", "kim-il-sung"),
            ("Kim Il", "kim-il")
        ])
    );
}

#[test]
fn russian_surnames_are_found_declined() {
    // Headers of Soviet ciphergrams: "To Comrade Stalin" is in the dative.
    assert_eq!(
        found(
            "ЦК ВКП(б) товарищу Сталину. Филиппову. У Микояна, с Хрущевым и Молотовым.",
            date("1950-03-05")
        ),
        pairs(&[
            ("Сталину", "stalin"),
            ("Филиппову", "stalin"),
            ("Микояна", "mikoyan"),
            ("Хрущевым", "khrushchev"),
            ("Молотовым", "molotov")
        ])
    );
    // Other words that start with a name, and names that do not decline.
    assert_eq!(
        found("Ленинград, Сталинизм, Сталиную; Громыко", date("1950")),
        pairs(&[("Громыко", "gromyko")])
    );
}

#[test]
fn spans_cover_editorial_completions() {
    let text = "Vice Minister Ji [Pengfei] handed";
    let mention = &mentions(text, None)[0];
    assert_eq!(&text[mention.span.clone()], "Ji [Pengfei]");
    assert_eq!(&text[mention.title.clone().unwrap()], "Vice Minister");
    assert_eq!(&text[mention.full_span()], "Vice Minister Ji [Pengfei]");
    let text = "to Soviet Ambassador [Stepan V.] Chervonenko (the full text";
    let mention = &mentions(text, None)[0];
    assert_eq!(&text[mention.span.clone()], "[Stepan V.] Chervonenko");
    assert_eq!(mention.form, MentionForm::FullName);
}

#[test]
fn glosses_resolve_both_names_to_the_same_person() {
    let text = "In a conversation with the Korean comrades Filippov [Stalin] and his friends";
    let found = mentions(text, date("1950-05-14"));
    assert_eq!(found.len(), 2);
    assert_eq!(found[0].form, MentionForm::Pseudonym);
    assert_eq!(found[1].glosses, Some(0));
    for mention in &found {
        assert_eq!(matcher().person(mention.best()).id, "stalin");
    }
}

#[test]
fn a_surname_completed_with_its_given_name_in_brackets_is_one_mention() {
    // Russian order, surname first: "[Andrei]" is Gromyko's given name,
    // not Ștefan Andrei (Romanian foreign minister from 1978).
    let text = "Comrade Gromyko [Andrei] minister of foreign affairs spoke.";
    let found = mentions(text, date("1960-05-10"));
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(&text[found[0].span.clone()], "Gromyko [Andrei]");
    assert_eq!(found[0].form, MentionForm::FullName);
    assert_eq!(matcher().person(found[0].best()).id, "gromyko");
    // In any case, with the title after the bracket.
    assert_eq!(
        self::found(
            "GROMYKO [ANDREI], Minister of Foreign Affairs",
            date("1960-05-10")
        ),
        pairs(&[("GROMYKO [ANDREI]", "gromyko")])
    );
    // A bracket naming someone else is still a mention of its own.
    assert_eq!(
        self::found(
            "Gromyko [Andrei Gromyko] and Kosygin [Brezhnev] met",
            date("1970-05-10")
        ),
        pairs(&[
            ("Gromyko", "gromyko"),
            ("Andrei Gromyko", "gromyko"),
            ("Kosygin", "kosygin"),
            ("Brezhnev", "brezhnev"),
        ])
    );
    // Two completions among other mentions: each absorbed, the others
    // kept, in order.
    assert_eq!(
        self::found(
            "Gromyko [Andrei], Minister of Foreign Affairs, met Rusk; \
             Gromyko [Andrei], Minister of Foreign Affairs, met Zhou [Enlai].",
            date("1963-05-10")
        ),
        pairs(&[
            ("Gromyko [Andrei]", "gromyko"),
            ("Rusk", "dean-rusk"),
            ("Gromyko [Andrei]", "gromyko"),
            ("Zhou [Enlai]", "zhou-enlai"),
        ])
    );
}

#[test]
fn given_names_that_name_no_one_alone_complete_the_surname_before_them() {
    // No title after the bracket, so "Andrei" alone is no mention (of
    // Ștefan Andrei) for the pass above to take in; nor is "Dean".
    assert_eq!(
        found(
            "𠀋 Gromyko [Andrei] and Rusk [Dean] met; Rusk [Andrei] left.",
            date("1962-06-28")
        ),
        pairs(&[
            ("Gromyko [Andrei]", "gromyko"),
            ("Rusk [Dean]", "dean-rusk"),
            ("Rusk", "dean-rusk"),
        ])
    );
    let text = "Rusk\t[Dean] met Gromyko [Andrei\n] and Gromyko [].";
    let spans: Vec<&str> = mentions(text, date("1962-06-28"))
        .iter()
        .map(|m| &text[m.span.clone()])
        .collect();
    assert_eq!(spans, ["Rusk\t[Dean]", "Gromyko", "Gromyko"]);
    let rusk = &mentions(text, date("1962-06-28"))[0];
    assert_eq!(rusk.form, MentionForm::FullName);
}

#[test]
fn respects_word_boundaries_and_case() {
    let negatives = [
        "Jiang Qing attended",
        "the Jiangsu delegation",
        "Linhai and Lishui",
        "see page 3 of the report",
        "the hull of the ship",
        "a Pakistani delegation",
        "the lane to the airport",
        "Dear Mr. Kimball",
        "The Woodrow Wilson International Center for Scholars",
        "Nehru Memorial Museum and Library",
        "Lord Chancellor of the previous government",
        "the Mao-era", // lowercase after a hyphen is fine, but "era" is no name
    ];
    for text in negatives {
        let found = found(text, None);
        let bad: Vec<_> = found
            .iter()
            .filter(|(name, _)| !matches!(name.as_str(), "Jiang Qing" | "Mao"))
            .collect();
        assert!(bad.is_empty(), "{text:?} gave {bad:?}");
    }
    assert_eq!(
        found("Jiang Qing attended", None),
        pairs(&[("Jiang Qing", "jiang-qing")])
    );
    // "Ji" and "Li" alone are not distinctive: no title, no mention.
    assert!(found("Ji said and Li said", None).is_empty());
    // Neither is a common English surname.
    assert!(found("Page and Lane and Francis agreed", None).is_empty());
}

#[test]
fn a_surname_followed_by_another_given_name_is_someone_else() {
    // FRUS and Wilson phrasings naming people the registry lacks, who share
    // a surname with people it has: Han Weilun (made up), Li Kenong, Li
    // Peng, Li Zongren, Chen Chu, Zhou Wen. The surname alone is not theirs
    // to take. (Han Xu was read as Han Nianlong until the registry had him.)
    let cases: &[Case] = &[
        (
            "Mr. Han Hsu, Deputy Chief",
            "1975-10-20",
            &[("Han Hsu", "han-xu")],
        ),
        ("Mr. Han Wei-lun, Deputy Chief", "1975-10-20", &[]),
        // Vietnamese names share middle names: Hoang Van Tien, a deputy
        // foreign minister the registry lacks, is not Hoàng Văn Hoan.
        (
            "Comrade Hoang Van Tien, Deputy Foreign Minister",
            "1966-03-10",
            &[],
        ),
        ("Vice Minister Li Ke-nung said", "1953-07", &[]),
        ("Comrade Li Peng replied. Comrade Li Tsung-jen", "1975", &[]),
        ("Ambassador Chen Chu said", "1976", &[]),
        ("met Comrade Zhou Wen.", "1960", &[]),
        // The person's own given name in any form, or none, keeps them.
        (
            "Chairman Mao Tsetung's works",
            "1966",
            &[("Mao Tsetung", "mao-zedong")],
        ),
        (
            "Premier Chou En-lai’s reply",
            "1960",
            &[("Chou En-lai", "zhou-enlai")],
        ),
        (
            "Premier Zhou And Ambassador Yudin",
            "1958",
            &[("Zhou", "zhou-enlai"), ("Yudin", "yudin")],
        ),
        ("Premier Chou Monday", "1960", &[("Chou", "zhou-enlai")]),
        ("Vice Minister Ji P.", "1962", &[("Ji", "ji-pengfei")]),
        (
            "Vice Minister Ji [Pengfei]",
            "1962",
            &[("Ji [Pengfei]", "ji-pengfei")],
        ),
        // Given names first: a capitalised word after the surname is no
        // given name of theirs.
        ("Secretary Rusk Tuesday", "1962", &[("Rusk", "dean-rusk")]),
    ];
    for (text, on, expected) in cases {
        assert_eq!(found(text, date(on)), pairs(expected), "{text}");
    }
}

#[test]
fn abbreviated_titles_of_telegrams_are_read() {
    // FRUS telegram style: "Amb.", "Secy.", "FonMin". A period after an
    // abbreviated title does not end the sentence, so a surname that needs
    // a title (Thompson, Ball) is found, and the title is the one written.
    let cases: &[(&str, &str, &str, &str)] = &[
        (
            "Amb. Thompson spoke.",
            "Thompson",
            "llewellyn-thompson",
            "Amb.",
        ),
        (
            "Under Secy. Ball agreed.",
            "Ball",
            "george-ball",
            "Under Secy.",
        ),
        ("Sec. Rusk agreed.", "Rusk", "dean-rusk", "Sec."),
        (
            "Dep. FM Kuznetsov",
            "Kuznetsov",
            "kuznetsov-vasily",
            "Dep. FM",
        ),
        ("FonMin Chen Yi said", "Chen Yi", "chen-yi", "FonMin"),
        (
            "PriMin Macmillan said",
            "Macmillan",
            "harold-macmillan",
            "PriMin",
        ),
        (
            "Asst. Secy. Harriman",
            "Harriman",
            "averell-harriman",
            "Asst. Secy.",
        ),
        (
            "Ambassador-at-Large Thompson",
            "Thompson",
            "llewellyn-thompson",
            "Ambassador-at-Large",
        ),
        // The title decides between namesakes the text completes: "R."
        // makes Robert Kennedy, "Pres." his brother.
        (
            "Atty. Gen. R. Kennedy met Pres. Kennedy",
            "Kennedy",
            "john-f-kennedy",
            "Pres.",
        ),
    ];
    for &(text, name, id, title) in cases {
        let found = mentions(text, date("1962-10-26"));
        let mention = found
            .iter()
            .rev()
            .find(|m| text[m.span.clone()].ends_with(name))
            .unwrap_or_else(|| panic!("no {name} in {text:?}"));
        assert_eq!(matcher().person(mention.best()).id, id, "{text}");
        assert_eq!(
            mention.title.clone().map(|t| &text[t]),
            Some(title),
            "{text}"
        );
    }
    // A whole word with a period ends the sentence; a surname that needs a
    // title has none.
    for text in ["He saw the Minister. Thompson said", "Ambassadors. Ball"] {
        assert_eq!(found(text, date("1962-10-26")), pairs(&[]), "{text}");
    }
}

#[test]
fn a_general_before_a_name_is_the_military_rank() {
    // Taylor needs a title to be a name; "General" alone before it is one
    // (FRUS memoranda of 1962), as in "Consul General" it is part of one.
    for (text, title) in [
        ("General Taylor said.", "General"),
        ("Lieutenant General Taylor said.", "General"),
        ("Consul General Summers said.", "Consul General"),
    ] {
        let found = mentions(text, date("1962-10-26"));
        assert_eq!(found.len(), 1, "{text}");
        assert_eq!(
            found[0].title.clone().map(|t| &text[t]),
            Some(title),
            "{text}"
        );
    }
    assert_eq!(
        found("the General Assembly. Taylor said", date("1962-10-26")),
        pairs(&[])
    );
}

#[test]
fn a_surname_after_sir_is_a_given_name() {
    // Knights are "Sir" and their given name: "Sir David" is not Václav
    // David, the Czechoslovak foreign minister of 1953-68.
    for text in ["Sir David said", "Dame David"] {
        assert_eq!(found(text, date("1962-10-26")), pairs(&[]), "{text}");
    }
    // The whole name is the British ambassador (in the registry since the
    // twenty-first pass), never Václav David.
    assert_eq!(
        found("Sir David Ormsby-Gore said", date("1962-10-26")),
        pairs(&[("Sir David Ormsby-Gore", "david-ormsby-gore")])
    );
    assert_eq!(
        found("Foreign Minister David said", date("1962-10-26")),
        pairs(&[("David", "vaclav-david")])
    );
    assert_eq!(
        found("Sir Alec Douglas-Home said", date("1964-01")),
        pairs(&[("Sir Alec Douglas-Home", "alec-douglas-home")])
    );
}

#[test]
fn document_date_chooses_between_people_who_share_a_surname() {
    let best = |text: &str, on: &str| {
        let found = mentions(text, date(on));
        matcher().person(found[0].best()).id.clone()
    };
    assert_eq!(best("Vice Premier Ji", "1976-06"), "ji-dengkui");
    assert_eq!(best("Vice Premier Ji", "1981"), "ji-pengfei");
    assert_eq!(best("Vice Minister Ji", "1962-06-28"), "ji-pengfei");
    assert_eq!(best("Premier Kim", "1960"), "kim-il-sung");
    assert_eq!(best("Premier Kim", "1974"), "kim-il");
    assert_eq!(best("Prime Minister Wilson", "1965"), "harold-wilson");
    assert_eq!(best("President Wilson", "1918"), "woodrow-wilson");
    assert_eq!(best("Minister Wilson", "1934"), "hugh-r-wilson");
    assert_eq!(best("Secretary Dulles", "1955"), "john-foster-dulles");
    assert_eq!(best("Director Dulles", "1955"), "allen-dulles");
    assert_eq!(best("Foreign Minister Chen", "1960"), "chen-yi");
    assert_eq!(best("Defense Minister Castro", "1962"), "raul-castro");
    assert_eq!(best("Prime Minister Castro", "1962"), "fidel-castro");
    assert_eq!(best("Attorney General Kennedy", "1962"), "robert-f-kennedy");
    assert_eq!(best("President Kennedy", "1962"), "john-f-kennedy");
}

#[test]
fn candidates_record_why_they_rank_where_they_do() {
    let found = mentions("Vice Premier Ji", date("1976-06"));
    let candidates = &found[0].candidates;
    assert_eq!(candidates.len(), 2);
    assert!(candidates[0].title_fits && candidates[0].in_post_on_date);
    assert!(!candidates[1].title_fits);
    assert!(candidates[0].score > candidates[1].score);
}

#[test]
fn an_unambiguous_full_name_helps_later_surnames() {
    let text = "Robert Kennedy came to see me. Later Kennedy said that";
    let found = mentions(text, date("1962-10-27"));
    assert_eq!(found.len(), 2);
    assert_eq!(matcher().person(found[1].best()).id, "robert-f-kennedy");
}

#[test]
fn a_title_that_fits_one_bearer_helps_later_surnames_as_a_full_name_does() {
    // Both brothers are named; the bare surname is not left to the one
    // named in full: the title named the other as surely.
    let best_of_last = |text: &str| {
        let found = mentions(text, date("1962-10-27"));
        matcher()
            .person(found.last().unwrap().best())
            .id
            .to_string()
    };
    assert_eq!(
        best_of_last("Prime Minister Castro and Raúl Castro arrived. Castro said"),
        "fidel-castro"
    );
    assert_eq!(
        best_of_last("Atty. Gen. R. Kennedy met Pres. Kennedy. Kennedy said"),
        "john-f-kennedy"
    );
    // With no title naming Fidel, the brother named in full is likelier.
    assert_eq!(
        best_of_last("Major Castro and Raúl Castro arrived. Castro said"),
        "raul-castro"
    );
}

#[test]
fn posts_on_a_date_respect_precision() {
    let registry = Registry::builtin();
    let ji = registry.get("ji-pengfei").unwrap();
    let titles = |on: &str| -> Vec<&str> {
        ji.posts_on(on.parse().unwrap())
            .map(|p| &*p.title)
            .collect()
    };
    assert_eq!(titles("1962-06-28"), ["Vice Minister of Foreign Affairs"]);
    assert_eq!(
        titles("1974-11-30"),
        ["Minister of Foreign Affairs"],
        "an end of 1974-11 covers the whole month"
    );
    assert_eq!(
        titles("1972"),
        [
            "Vice Minister of Foreign Affairs",
            "Minister of Foreign Affairs"
        ]
    );
    // His last post in the data (the Hong Kong and Macao Affairs Office) ends in 1990.
    assert!(titles("1995").is_empty());
    assert_eq!(
        registry
            .posts_on("ji-pengfei", "1962".parse().unwrap())
            .len(),
        1
    );
    assert!(registry
        .posts_on("no-such-person", "1962".parse().unwrap())
        .is_empty());
    assert!(ji.title_held_on("Vice Minister", "1962-06-28".parse().unwrap()));
    assert!(!ji.title_held_on("Foreign Minister", "1962-06-28".parse().unwrap()));
    assert!(ji.title_held_on("Foreign Minister", "1973-06".parse().unwrap()));
    assert!(ji.title_held_on("Ambassador", "1953".parse().unwrap()));
    assert!(ji.title_held_on("Comrade", "1962".parse().unwrap()));
    assert!(
        !ji.title_held_on("Comrade", "1999".parse().unwrap()),
        "no post held at all"
    );
}

#[test]
fn the_matcher_answers_title_questions_as_the_person_does() {
    let registry = Registry::builtin();
    let matcher = registry.matcher();
    let titles = [
        "Vice Minister",
        "Foreign Minister",
        "Ambassador",
        "Comrade",
        "Premier",
        "Secretary of State",
        "minister of foreign affairs of the DPRK",
    ];
    let dates: Vec<Date> = ["1950", "1962-06-28", "1973-06", "1999"]
        .iter()
        .map(|d| d.parse().unwrap())
        .collect();
    for (index, person) in registry.iter().enumerate() {
        for title in titles {
            for &date in &dates {
                assert_eq!(
                    matcher.title_held_on(index, title, date),
                    person.title_held_on(title, date),
                    "{} {title:?} {date}",
                    person.id
                );
            }
        }
    }
    assert!(!matcher.title_held_on(usize::MAX, "Premier", dates[1]));
}

#[test]
fn finds_mentions_in_the_corpus_files() {
    let corpus = std::env::var_os("CABLELINT_CORPUS")
        .map(std::path::PathBuf::from)
        .unwrap_or_else(|| {
            // Beside the repository, else the shared location (worktrees).
            let beside =
                std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpus");
            if beside.is_dir() {
                beside
            } else {
                std::path::PathBuf::from("/work/shared/corpus")
            }
        });
    assert!(
        corpus.is_dir(),
        "corpus not found at {} (set CABLELINT_CORPUS)",
        corpus.display()
    );
    let read = |name: &str| std::fs::read_to_string(corpus.join(name)).unwrap();
    let cases: &[(&str, &str, &[&str])] = &[
        (
            "seed-cable-1962-06-28.txt",
            "1962-06-28",
            &["ji-pengfei", "chervonenko"],
        ),
        (
            "real/wilson_ciphered-telegram-no-8600-vyshinsky-mao-zedong_v2.txt",
            "1950-05-14",
            &["vyshinsky", "mao-zedong", "stalin", "molotov"],
        ),
        (
            "real/wilson_telegram-shtykov-vyshinsky-luncheon-ministry-foreign-affairs-dprk.txt",
            "1950-01-19",
            &[
                "shtykov",
                "vyshinsky",
                "kim-il-sung",
                "pak-hon-yong",
                "ri-ju-yon",
                "kim-tu-bong",
                "pak-jong-jo",
                "wen-shizhen",
                "stalin",
            ],
        ),
        (
            "real/other_translatinghistory_cuban-missile-crisis-document-22.txt",
            "1962-10-26",
            &[
                "alekseyev",
                "fidel-castro",
                "osvaldo-dorticos",
                "khrushchev",
                "brezhnev",
                "kosygin",
                "podgorny",
                "polyansky",
                "shcherbitsky",
                "malinovsky",
                "gromyko",
                "zorin",
                "u-thant",
            ],
        ),
        (
            "real/wilson_300242.txt",
            "1997-10-31",
            &[
                "helmut-kohl",
                "tony-blair",
                "joachim-bitterlich",
                "boris-yeltsin",
                "jacques-chirac",
                "margaret-thatcher",
                "james-mackay",
                "jean-claude-juncker",
            ],
        ),
        (
            "real/frus_frus1961-63v06_d58.txt",
            "1962-10",
            &["khrushchev", "john-f-kennedy"],
        ),
    ];
    let matcher = matcher();
    for (file, on, expected) in cases {
        let text = read(file);
        let ids: Vec<String> = matcher
            .find_mentions(&text, date(on))
            .iter()
            .map(|m| matcher.person(m.best()).id.to_string())
            .collect();
        for id in *expected {
            assert!(
                ids.iter().any(|found| found == id),
                "{file}: {id} not found in {ids:?}"
            );
        }
        assert!(
            !ids.iter()
                .any(|id| id == "winston-lord" || id == "woodrow-wilson"),
            "{file}: {ids:?}"
        );
    }
}

#[test]
fn odd_input_never_panics() {
    let odd = [
        "", "[", "]", "M.[", "M.[i", "[[[]]]", "Ji [", "] Chervonenko", "Chervonenko [", "姬[鹏]飞",
        "Comr.", "Comr. ", "é[Ji]é", "—[Stepan V.] Chervonenko—", "Ji\u{a0}[Pengfei]", "[...]Stalin[...]",
        "Kim Il Sung]", "(Page", "Page)", "\n\nLansing", "Lansing\n\n", "R.", "R. ", "N.S.", ".[a]",
        "Vice Minister\nJi", "Ambassador Ambassador Ambassador Ambassador Ambassador Ambassador Ambassador Ambassador Ambassador Chervonenko",
    ];
    for text in odd {
        for mention in mentions(text, date("1962")) {
            assert!(
                text.get(mention.span.clone()).is_some(),
                "{text:?}: bad span {:?}",
                mention.span
            );
            assert!(
                text.get(mention.full_span()).is_some(),
                "{text:?}: bad full span"
            );
            assert!(!mention.candidates.is_empty());
        }
    }
    // A long text of brackets and names, to exercise the offset map.
    let long = "Ji [Pengfei] met [Stepan V.] Chervonenko; M.[ikoyan] and 姬鹏飞. ".repeat(500);
    assert_eq!(mentions(&long, None).len(), 2000);
}

#[test]
fn name_words_are_looked_up_ignoring_case() {
    let matcher = Registry::builtin().matcher();
    for word in ["Chervonenko", "CHERVONENKO", "pengfei", "Ji"] {
        assert!(matcher.is_name_word(word), "{word}");
    }
    for word in ["Zzyzx", "", "Vice Minister"] {
        assert!(!matcher.is_name_word(word), "{word}");
    }
}

#[test]
fn yugoslav_heads_of_government_answer_to_prime_minister() {
    // Cables call the President of the Federal Executive Council "Prime
    // Minister"; the built-in titles carry both names so that either fits.
    let registry = Registry::builtin();
    for (id, on) in [
        ("petar-stambolic", "1965-06-01"),
        ("mika-spiljak", "1968-01-01"),
        ("dzemal-bijedic", "1975-03-01"),
        ("milka-planinc", "1984-07-01"),
    ] {
        let person = registry.get(id).unwrap();
        let date = on.parse().unwrap();
        assert!(person.title_held_on("Prime Minister", date), "{id} on {on}");
        assert!(person.title_held_on("Premier", date), "{id} on {on}");
        assert!(
            !person.title_held_on("Foreign Minister", date),
            "{id} on {on}"
        );
    }
    let bijedic = registry.get("dzemal-bijedic").unwrap();
    assert!(!bijedic.title_held_on("Prime Minister", "1978-01-01".parse().unwrap()));
}
