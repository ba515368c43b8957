//! Checks over the built-in registry data (`data/*.toml`).

use std::collections::HashMap;

use cablelint_officials::{Registry, BUILTIN_FILES};

#[test]
fn every_builtin_file_loads() {
    for (name, text) in BUILTIN_FILES {
        if let Err(error) = Registry::from_toml_str(text, name) {
            panic!("{error}");
        }
    }
}

#[test]
fn ids_are_unique_across_files() {
    let mut seen: HashMap<String, &str> = HashMap::new();
    for (name, text) in BUILTIN_FILES {
        for person in Registry::from_toml_str(text, name).unwrap().iter() {
            if let Some(first) = seen.insert(person.id.to_string(), name) {
                panic!("id `{}` is in both {first} and {name}", person.id);
            }
        }
    }
    assert_eq!(seen.len(), Registry::builtin().len());
}

#[test]
fn covers_at_least_three_hundred_people() {
    let registry = Registry::builtin();
    assert!(registry.len() >= 300, "only {} people", registry.len());
}

#[test]
fn every_entry_is_well_formed() {
    for person in Registry::builtin() {
        let at = format!(
            "{} ({}:{})",
            person.id, person.origin.file, person.origin.line
        );
        assert!(!person.summary.is_empty(), "{at}: no summary");
        assert!(!person.sources.is_empty(), "{at}: no sources");
        assert!(!person.posts.is_empty(), "{at}: no posts");
        if let (Some(born), Some(died)) = (person.born, person.died) {
            assert!(!died.is_certainly_before(&born), "{at}: died before born");
        }
        for post in &person.posts {
            assert!(
                !post.source.trim().is_empty(),
                "{at}: post {} has no source",
                post.title
            );
            let end = post
                .end
                .unwrap_or_else(|| panic!("{at}: post {} has no end", post.title));
            assert!(
                !end.is_certainly_before(&post.start),
                "{at}: post {} ends before it starts",
                post.title
            );
            if let Some(born) = person.born {
                assert!(
                    post.start.year_part() >= born.year_part() + 14,
                    "{at}: post {} starts before the age of 14",
                    post.title
                );
            }
            if let Some(died) = person.died {
                assert!(
                    !died.is_certainly_before(&post.start),
                    "{at}: post {} starts after death",
                    post.title
                );
            }
        }
        let mut forms: Vec<&str> = person.latin_forms().collect();
        forms.sort_unstable();
        let total = forms.len();
        forms.dedup();
        assert_eq!(forms.len(), total, "{at}: a name form is listed twice");
    }
}

#[test]
fn names_the_people_of_the_corpus() {
    // People named in the documents under shared/corpus, by id.
    let expected = [
        "ji-pengfei",
        "chervonenko",
        "stalin",
        "vyshinsky",
        "molotov",
        "mao-zedong",
        "zhou-enlai",
        "roshchin",
        "shtykov",
        "dobrynin",
        "mikoyan",
        "alekseyev",
        "pham-van-dong",
        "tovmasyan",
        "mieczyslaw-maneli",
        "romuald-spasowski",
        "helmut-kohl",
        "aleksander-kwasniewski",
        "tony-blair",
        "jawaharlal-nehru",
        "sato-eisaku",
        "chiang-ching-kuo",
        "chiang-kai-shek",
        "li-qingquan",
        "pan-zili",
        "robert-f-kennedy",
        "john-f-kennedy",
        "fidel-castro",
        "raul-castro",
        "osvaldo-dorticos",
        "lansing",
        "cordell-hull",
        "llewellyn-thompson",
        "henry-cabot-lodge",
        "gromyko",
        "khrushchev",
        "kuznetsov-vasily",
        "adlai-stevenson",
        "zorin",
        "u-thant",
        "raul-roa",
        "li-fuchun",
        "brezhnev",
        "kim-il-sung",
        "pak-hon-yong",
        "kim-tu-bong",
        "pak-il-u",
        "ri-ju-yon",
        "jozef-winiewicz",
        "boleslaw-jelen",
        "oskar-fischer",
        "klaus-schutz",
        "william-hyland",
        "kissinger",
        "nicolae-ghenea",
        "ushiba-nobuhiko",
        "yen-chia-kan",
        "liu-shaoqi",
        "deng-xiaoping",
        "lin-biao",
        "galbraith",
        "stewart-udall",
        "boris-yeltsin",
        "jacques-chirac",
        "leonid-kuchma",
        "walter-hines-page",
        "david-francis",
        "roland-morris",
        "edwin-morgan",
        "hal-sevier",
        "fay-des-portes",
        "hugh-r-wilson",
        "arthur-bliss-lane",
        "jacques-de-beaumarchais",
        "pal-szarvas",
        "vladimir-pavlicek",
        "bastian-pinto",
        "leitao-da-cunha",
        "k-m-panikkar",
        "vijaya-lakshmi-pandit",
        "wen-shizhen",
        "tomas-masaryk",
        "anthony-eden",
        "dhirajlal-desai",
        "hirota-shigeru",
        "jurgen-stark",
        "joachim-mitdank",
        "alvaro-torre-diaz",
    ];
    let registry = Registry::builtin();
    let missing: Vec<_> = expected
        .iter()
        .filter(|id| registry.get(id).is_none())
        .collect();
    assert!(missing.is_empty(), "missing: {missing:?}");
}

#[test]
fn records_the_disagreement_on_ji_pengfei_as_foreign_minister() {
    let ji = Registry::builtin().get("ji-pengfei").unwrap();
    let minister = ji
        .posts
        .iter()
        .find(|p| p.title == "Minister of Foreign Affairs")
        .unwrap();
    let note = minister.note.as_deref().unwrap();
    assert!(
        note.contains("1972-1974") && note.contains("November 1973"),
        "{note}"
    );
}

#[test]
fn soviet_titles_added_in_the_nineteenth_pass_fit_only_their_years() {
    // (person, title as a cable writes it, document date, whether it fits).
    let cases = [
        ("malenkov", "Secretary", "1943-03-03", true),
        ("malenkov", "Secretary", "1955-09-23", false),
        ("malenkov", "Deputy Chairman", "1943-03-03", false),
        ("malenkov", "Deputy Chairman", "1945-01-10", true),
        ("kaganovich", "People's Commissar", "1940-06-03", true),
        ("kaganovich", "Secretary", "1935-01-01", true),
        ("suslov", "Secretary", "1950-01-01", true),
        ("zorin", "Deputy Foreign Minister", "1962-11-01", true),
        ("malik", "Deputy Foreign Minister", "1950-06-27", true),
        ("lapin", "Deputy Foreign Minister", "1963-05-01", true),
        ("lapin", "Deputy Foreign Minister", "1966-05-01", false),
        (
            "patolichev",
            "Minister of Foreign Trade",
            "1972-03-03",
            true,
        ),
        (
            "patolichev",
            "First Deputy Foreign Minister",
            "1957-06-01",
            true,
        ),
        ("lavrishchev", "Ambassador", "1955-09-23", true),
        ("moskovsky", "Ambassador", "1963-04-01", true),
        ("sudarikov", "Ambassador", "1970-01-01", true),
        ("sudarikov", "Foreign Minister", "1970-01-01", false),
    ];
    let registry = Registry::builtin();
    for (id, title, date, fits) in cases {
        let person = registry
            .iter()
            .find(|p| p.id.as_ref() as &str == id)
            .unwrap_or_else(|| panic!("no person {id}"));
        let date = date.parse().unwrap();
        assert_eq!(
            person.title_held_on(title, date),
            fits,
            "{id} {title:?} on {date}"
        );
    }
}
