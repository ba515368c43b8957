use super::*;
use crate::title::classify_bytes_by_comparison;

/// [`Word::class`] as it was before words were packed: the oracle.
fn class_by_comparison(text: &str) -> WordClass {
    let bare = text.trim_end_matches('.');
    if bare.len() <= SHORT_WORD && bare.bytes().all(|b| b.is_ascii() && b != b'-') {
        return classify_bytes_by_comparison(bare.as_bytes());
    }
    class_of_by_comparison(bare)
}

/// [`class_of`] as it was, folding into a new string.
fn class_of_by_comparison(bare: &str) -> WordClass {
    if bare.len() > LONGEST_TITLE_WORD * 4 {
        let last = bare
            .rfind(['-', '‐', '‑', '‒', '–'])
            .map(|i| &bare[i..])
            .and_then(|part| part.char_indices().nth(1).map(|(j, _)| &part[j..]));
        return match last {
            Some(last) if last.len() <= LONGEST_TITLE_WORD * 4 => class_of_by_comparison(last),
            _ => WordClass::Other,
        };
    }
    let folded = fold_to_ascii(bare);
    let folded = folded.as_bytes();
    if let Some(hyphen) = folded.iter().rposition(|&b| b == b'-') {
        let last = classify_bytes_by_comparison(&folded[hyphen + 1..]);
        if last != WordClass::Other {
            return last;
        }
    }
    classify_bytes_by_comparison(folded)
}

/// [`given_words_in`] as it was, testing every word in full.
fn given_words_in_full(text: &str, pos: usize) -> Vec<Word<'_>> {
    let mut before = WordsBefore::new(text, pos, 0);
    let mut words = Vec::new();
    while words.len() < MAX_GIVEN_WORDS {
        let k = words.len();
        let Some(word) = before.get(k) else {
            break;
        };
        let given_like = word.is_initials()
            || (word.is_capitalised()
                && before.class(k) == WordClass::Other
                && !word.text.ends_with('.'));
        if !given_like {
            break;
        }
        words.push(word);
    }
    words.reverse();
    words
}

/// Whether [`may_be_rank_or_qualifier_folded`] leaves the word in when it
/// is a rank or qualifier; returns whether it left it in (true for plain
/// words, which it is not asked about).
fn never_rules_out_a_rank_or_qualifier(word: Word<'_>) -> bool {
    if word.plain && is_plain(word.text) {
        return true;
    }
    let bare = word.text.trim_end_matches('.');
    let may_be = may_be_rank_or_qualifier_folded(bare);
    if !may_be {
        let class = word.class_in_full();
        assert!(
            !matches!(class, WordClass::Rank | WordClass::Qualifier),
            "{:?} ruled out but {class:?}",
            word.text
        );
    }
    may_be
}

fn words_of(text: &str) -> Vec<&str> {
    text.split(|c: char| !is_word_char(c)).collect()
}

#[test]
fn packed_classes_and_shared_words_agree_with_reading_afresh() {
    let mut texts: Vec<String> = [
        "Minister MINISTER minister. Vice-Minister vice-minister Secretary-General",
        "Comr. COMR. Mr. mr Amb. d'affaires d’affaires Chargé chargé Gen. ADM.",
        "姬鹏飞 𠀋 𠀋minister minister𠀋 Минister — a-b- -minister minister-",
        "plenipotentiary Plenipotentiaryx ambassadors 1-minister 9th x.y.z. ....",
        "ministerministerm ministerminister Ambassador\r\nDeputy\r\n[Vice] Premier",
        "Szarvas\nAmbassador Kim,\r\nVice Minister Li ,Minister Wang\u{a0}Minister Ji\n\nMinister",
        "Éminence Président Ministré MINISTRE ß æ ſ K",
        "The Ambassador in Great Britain (Page) The Minister ( \tLi\t) the Consul(Ji)\r\n姬(Wu)Ambassador\u{a0}(Kim )",
        "\n(Lansing)\r\n  T. Shtykov.\n\u{a0}VYSHINSKY\u{a0}\n\t Zhou \u{3000}\n(Li),\x0bx\n姬 Ji\nJi 姬\n\u{85}Ji\u{85}\n",
        "Vice-Président Zástupce‐ministr Chargé-d’affaires 姬-minister Über-Botschafter",
        "Ministér–vice śecretary vicé ﬁrst Ǆ ＭＩＮＩＳＴＥＲ ministerﬁ",
        "Ambassadór Premiér Sécretary Chargé Attaché Cónsul Presidént Deputý Fïrst Vícé Mieczysław",
        "Chairmań Directør Sénior Œconomist Æmbassador Minißter Counsellør Envoý Ünder Åmbassador",
    ]
    .map(String::from)
    .to_vec();
    let corpus = std::env::var_os("CABLELINT_CORPUS")
        .map(std::path::PathBuf::from)
        .unwrap_or_else(|| std::path::PathBuf::from("/work/shared/corpus"));
    let real = std::fs::read_dir(corpus.join("real")).expect("the corpus");
    let mut files: Vec<_> = real.filter_map(Result::ok).map(|e| e.path()).collect();
    files.push(corpus.join("seed-cable-1962-06-28.txt"));
    for path in files
        .iter()
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
    {
        texts.push(std::fs::read_to_string(path).expect("a corpus file"));
    }
    let mut classified = 0;
    let mut ruled_out = 0;
    for text in &texts {
        for word in words_of(text) {
            let start = word.as_ptr() as usize - text.as_ptr() as usize;
            let word = Word::new(word, start);
            assert_eq!(word.class(), word.class_in_full(), "{:?}", word.text);
            assert_eq!(
                word.class(),
                class_by_comparison(word.text),
                "{:?}",
                word.text
            );
            if word.class() != WordClass::Other {
                classified += 1;
            }
            ruled_out += usize::from(!never_rules_out_a_rank_or_qualifier(word));
        }
    }
    // Given names written after surnames, with and without diacritics,
    // and title words with them.
    for person in crate::Registry::builtin().persons() {
        let names = person.variants.iter().map(|v| &*v.text);
        for name in std::iter::once(&*person.name.text).chain(names) {
            for word in words_of(name) {
                ruled_out += usize::from(!never_rules_out_a_rank_or_qualifier(Word::new(word, 0)));
            }
        }
    }
    assert!(classified > 1000, "only {classified} title words");
    assert!(
        ruled_out > 100,
        "only {ruled_out} words ruled out before folding"
    );
    // The word after a name, read once for a title and for an
    // institution: the title found is that found reading it afresh
    // (allowing a comma and a line break), after every word.
    let mut titles = 0;
    for text in &texts {
        for word in words_of(text) {
            let end = word.as_ptr() as usize - text.as_ptr() as usize + word.len();
            let shared = title_after_word(text, end, word_after_on_line(text, end));
            assert_eq!(shared, title_after_word(text, end, None), "{word:?}");
            titles += usize::from(shared.is_some());
        }
    }
    assert!(titles > 100, "only {titles} titles after words");
    // Given names before every word, with the lower-case shortcut and
    // testing each word in full as before.
    let mut given = 0;
    for text in &texts {
        for word in words_of(text) {
            let start = word.as_ptr() as usize - text.as_ptr() as usize;
            let spans =
                |words: &[Word<'_>]| words.iter().map(|w| w.start..w.end()).collect::<Vec<_>>();
            let fast = spans(&given_words_before(text, start, 0));
            assert_eq!(fast, spans(&given_words_in_full(text, start)), "{word:?}");
            given += fast.len();
        }
    }
    assert!(given > 1000, "only {given} given words");
    // Institutions' names after every word: the word's first byte decides
    // as the byte after the name did.
    let mut institutions = 0;
    for text in texts.iter().map(String::as_str).chain([
        "Wilson Center, Wilson\u{a0}Center, Wilson \t\rCentre, Nehru Memorial\r\nMuseum",
        "Kim\u{a0}\u{a0}Hall Kim  park Kim Park. Kim PARK Kim Zoo Kim Él Kim 姬 Kim",
    ]) {
        for word in words_of(text) {
            let end = word.as_ptr() as usize - text.as_ptr() as usize + word.len();
            let next = word_after_on_line(text, end);
            let fast = names_an_institution_by(next);
            assert_eq!(
                fast,
                names_an_institution_by_bytes(text, end, next),
                "{word:?}"
            );
            institutions += usize::from(fast);
        }
    }
    assert!(institutions >= 5, "only {institutions} institutions");
    // Signature lines, byte-wise where the bytes are ASCII.
    let mut signatures = 0;
    for text in &texts {
        for word in words_of(text) {
            let start = word.as_ptr() as usize - text.as_ptr() as usize;
            let span = start..start + word.len();
            let fast = is_signature_line(text, &span);
            assert_eq!(fast, is_signature_line_by_chars(text, &span), "{word:?}");
            signatures += usize::from(fast);
        }
    }
    assert!(signatures > 100, "only {signatures} signature lines");
    // FRUS headings: the post before a parenthesised name.
    let mut headings = 0;
    for text in &texts {
        for word in words_of(text) {
            let start = word.as_ptr() as usize - text.as_ptr() as usize;
            let span = start..start + word.len();
            let fast = parenthesised_after_title(text, &span, 0);
            assert_eq!(
                fast,
                parenthesised_after_title_by_trimming(text, &span, 0),
                "{word:?}"
            );
            headings += usize::from(fast.is_some());
        }
    }
    assert!(headings >= 3, "only {headings} headings");
    for b in 0..=255u8 {
        let expected = b.is_ascii_alphanumeric() || matches!(b, b'.' | b'\'' | b'-');
        assert_eq!(ascii_word_byte(b) != 0, expected, "{b:#x}");
        assert_eq!(ascii_word_byte(b) & HYPHEN_BYTE != 0, b == b'-', "{b:#x}");
    }
    for key_word in ["minister", "of", "d", "excellency", "-", "a-", "\u{80}"] {
        let bytes = key_word.as_bytes();
        assert_eq!(
            has_byte(pack_lowercase(bytes), b'-'),
            bytes.contains(&b'-'),
            "{key_word}"
        );
    }
}
