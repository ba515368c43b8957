//! Loading registry files: good files, precise errors, merging.

use cablelint_officials::{Date, LoadError, NameOrder, Precision, Registry, System, VariantKind};

const GOOD: &str = r#"
# A small user registry.
[[person]]
id = "ji-pengfei"
name = { text = "Ji Pengfei", system = "pinyin", family = "Ji", given = "Pengfei", order = "family-first" }
native = [{ text = "姬鹏飞", script = "simplified-chinese" }]
variants = [{ text = "Chi P'eng-fei", system = "wade-giles" }, { text = "Ji", system = "pinyin", kind = "short" }]
born = 1910
died = 2000-02-10
summary = "PRC diplomat."
sources = ["Wikipedia: Ji Pengfei"]

[[person.posts]]
title = "Vice Minister of Foreign Affairs"
org = "PRC Ministry of Foreign Affairs"
start = "1955"
end = "1972"
source = "Wikipedia: Ji Pengfei"

[[person.posts]]
title = "Minister of Foreign Affairs"
org = "PRC Ministry of Foreign Affairs"
start = "1972-01"
end = "1974-11"
source = "Wikipedia: Minister of Foreign Affairs (China)"
note = "Some lists end the term in November 1973."

[[person]]
id = "test-person"
name = { text = "Test Person", system = "latin", family = "Person", order = "given-first" }
"#;

fn load_error(text: &str) -> LoadError {
    Registry::from_toml_str(text, "user.toml").expect_err("the file should be rejected")
}

#[test]
fn loads_a_good_file() {
    let registry = Registry::from_toml_str(GOOD, "user.toml").unwrap();
    assert_eq!(registry.len(), 2);
    let ji = registry.get("ji-pengfei").unwrap();
    assert_eq!(ji.name.system, System::Pinyin);
    assert_eq!(ji.name.order, NameOrder::FamilyFirst);
    assert_eq!(ji.name.family, "Ji");
    assert_eq!(
        ji.variants[0].family.as_deref(),
        Some("Chi"),
        "family derived from the name order"
    );
    assert_eq!(ji.variants[1].kind, VariantKind::Short);
    assert!(!ji.variants[1].alone);
    assert_eq!(ji.born, Some(Date::year(1910)), "a bare integer is a year");
    assert_eq!(
        ji.died,
        Some(Date::day(2000, 2, 10).unwrap()),
        "a TOML date is accepted"
    );
    assert_eq!(ji.posts.len(), 2);
    assert_eq!(ji.posts[1].start.precision(), Precision::Month);
    assert_eq!(
        ji.posts[1].note.as_deref(),
        Some("Some lists end the term in November 1973.")
    );
    let bare = registry.get("test-person").unwrap();
    assert!(bare.posts.is_empty() && bare.summary.is_empty());
}

#[test]
fn keeps_the_span_of_each_entry() {
    let registry = Registry::from_toml_str(GOOD, "user.toml").unwrap();
    let ji = registry.get("ji-pengfei").unwrap();
    assert_eq!(&*ji.origin.file, "user.toml");
    assert_eq!(ji.origin.line, 3);
    let entry = &GOOD[ji.origin.span.clone()];
    assert!(
        entry.starts_with("[[person]]\nid = \"ji-pengfei\""),
        "{entry:?}"
    );
    assert!(
        entry.ends_with("note = \"Some lists end the term in November 1973.\""),
        "{entry:?}"
    );
    let other = registry.get("test-person").unwrap();
    assert_eq!(other.origin.line, 28);
    assert!(GOOD[other.origin.span.clone()].contains("id = \"test-person\""));
}

#[test]
fn reports_a_malformed_date_with_line_column_and_field() {
    let text = GOOD.replace("end = \"1974-11\"", "end = \"1974-13\"");
    let error = load_error(&text);
    assert_eq!(error.origin, "user.toml");
    assert_eq!(error.line, 24);
    assert_eq!(error.column, 7);
    assert_eq!(error.field.as_deref(), Some("person[0].posts[1].end"));
    assert!(error.message.contains("month 13"), "{}", error.message);
    assert_eq!(
        error.to_string(),
        format!(
            "user.toml:24:7: `person[0].posts[1].end`: {}",
            error.message
        )
    );
}

#[test]
fn reports_an_end_before_the_start() {
    let text = GOOD.replace("end = \"1972\"", "end = \"1950\"");
    let error = load_error(&text);
    assert_eq!((error.line, error.column), (17, 7));
    assert_eq!(error.field.as_deref(), Some("person[0].posts[0].end"));
    assert_eq!(error.message, "end 1950 is before start 1955");
}

#[test]
fn reports_a_missing_source() {
    let text = GOOD.replace("source = \"Wikipedia: Ji Pengfei\"\n", "");
    let error = load_error(&text);
    assert_eq!(error.field.as_deref(), Some("person[0].posts[0].source"));
    assert_eq!(error.line, 13, "points at the post that lacks it");
    assert!(
        error.message.contains("missing field `source`"),
        "{}",
        error.message
    );
}

#[test]
fn reports_an_unknown_romanisation_system() {
    let text = GOOD.replace("system = \"wade-giles\"", "system = \"wade_giles\"");
    let error = load_error(&text);
    assert_eq!(error.line, 7);
    assert_eq!(error.field.as_deref(), Some("person[0].variants[0].system"));
    assert!(
        error.message.contains("unknown variant `wade_giles`"),
        "{}",
        error.message
    );
}

#[test]
fn reports_a_misspelt_field() {
    let text = GOOD.replace("start = \"1955\"", "strat = \"1955\"");
    let error = load_error(&text);
    assert_eq!(error.line, 16);
    assert_eq!(error.field.as_deref(), Some("person[0].posts[0].strat"));
    assert!(
        error.message.contains("unknown field `strat`"),
        "{}",
        error.message
    );
}

#[test]
fn reports_a_wrong_type() {
    let text = GOOD.replace("summary = \"PRC diplomat.\"", "summary = 12");
    let error = load_error(&text);
    assert_eq!((error.line, error.column), (10, 11));
    assert_eq!(error.field.as_deref(), Some("person[0].summary"));
}

#[test]
fn reports_a_family_name_that_is_not_in_the_name() {
    let text = GOOD.replace("family = \"Ji\", given", "family = \"Chi\", given");
    let error = load_error(&text);
    assert_eq!(error.line, 5);
    assert_eq!(error.field.as_deref(), Some("person[0].name.family"));
    assert_eq!(
        error.message,
        "family name `Chi` does not occur in `Ji Pengfei`"
    );
}

#[test]
fn reports_bad_and_duplicate_ids() {
    let error = load_error(&GOOD.replace("id = \"test-person\"", "id = \"Test Person\""));
    assert_eq!(
        (error.line, error.field.as_deref()),
        (29, Some("person[1].id"))
    );
    let error = load_error(&GOOD.replace("id = \"test-person\"", "id = \"ji-pengfei\""));
    assert_eq!(
        (error.line, error.field.as_deref()),
        (29, Some("person[1].id"))
    );
    assert_eq!(
        error.message,
        "duplicate id `ji-pengfei`: already defined on line 3"
    );
}

#[test]
fn reports_toml_syntax_errors() {
    let error = load_error("[[person]]\nid = \"x\nname = 1\n");
    assert_eq!(error.line, 2);
    assert!(error.column > 0);
}

#[test]
fn reports_unreadable_files() {
    let error = Registry::load_file("/nonexistent/officials.toml").unwrap_err();
    assert_eq!(error.origin, "/nonexistent/officials.toml");
    assert_eq!(error.line, 0);
    assert!(error.message.starts_with("cannot read file"));
}

#[test]
fn loads_files_from_disk() {
    let dir = std::env::temp_dir().join(format!("cablelint-officials-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("mine.toml");
    std::fs::write(&path, GOOD).unwrap();
    let registry = Registry::load_file(&path).unwrap();
    assert_eq!(
        &*registry.get("ji-pengfei").unwrap().origin.file,
        path.display().to_string()
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn user_entries_override_builtin_ones_by_id() {
    let mut registry = Registry::builtin().clone();
    let before = registry.len();
    let position = registry.index_of("ji-pengfei").unwrap();
    registry.merge(Registry::from_toml_str(GOOD, "user.toml").unwrap());
    assert_eq!(registry.len(), before + 1, "one new id, one replaced");
    assert_eq!(
        registry.index_of("ji-pengfei"),
        Some(position),
        "replaced in place"
    );
    let ji = registry.get("ji-pengfei").unwrap();
    assert_eq!(&*ji.origin.file, "user.toml");
    assert_eq!(ji.summary, "PRC diplomat.");
    assert!(registry.get("test-person").is_some());
    assert!(
        registry.get("chervonenko").is_some(),
        "other built-in entries stay"
    );
}

#[test]
fn the_example_in_the_format_documentation_loads() {
    let doc = include_str!("../../../grammar/OFFICIALS.md");
    let start = doc
        .find("```toml\n")
        .expect("the document has a TOML example")
        + "```toml\n".len();
    let end = start + doc[start..].find("```").unwrap();
    let registry = Registry::from_toml_str(&doc[start..end], "OFFICIALS.md").unwrap();
    let ji = registry.get("ji-pengfei").unwrap();
    assert_eq!(ji.posts.len(), 2);
    assert!(ji.posts[1].note.is_some());
}

/// Large files are parsed entry by entry; entries, their places and errors
/// must be what a whole-file parse gives.
mod large_files {
    use cablelint_officials::{synthetic, Registry};

    fn line_of(text: &str, needle: &str) -> usize {
        text[..text.find(needle).expect("in the text")]
            .matches('\n')
            .count()
            + 1
    }

    #[test]
    fn entries_keep_their_place_in_the_file() {
        let (text, names) = synthetic::registry_toml(1_500, 3);
        let registry = Registry::from_toml_str(&text, "big.toml").unwrap();
        assert_eq!(registry.len(), 1_500);
        for id in ["synthetic-0", "synthetic-999", "synthetic-1499"] {
            let person = registry.get(id).unwrap();
            let header = format!("[[person]]\nid = \"{id}\"");
            assert_eq!(person.origin.line, line_of(&text, &header), "{id}");
            let entry = &text[person.origin.span.clone()];
            assert!(entry.starts_with(&header), "{entry:?}");
            assert!(entry.trim_end().ends_with(']'), "{entry:?}");
        }
        assert_eq!(
            registry.get("synthetic-7").unwrap().name.text,
            names[7].full
        );
    }

    #[test]
    fn errors_name_the_entry_line_and_field() {
        let (text, _) = synthetic::registry_toml(1_500, 3);
        let entry = text.find("id = \"synthetic-1200\"").unwrap();
        let end = entry + text[entry..].find("end = \"").unwrap() + "end = \"".len();
        let mut bad = text.clone();
        bad.replace_range(end..end + 4, "1x");
        let error = Registry::from_toml_str(&bad, "big.toml").unwrap_err();
        assert_eq!(error.field.as_deref(), Some("person[1200].posts[0].end"));
        assert_eq!(error.line, line_of(&bad, "1x\""));

        let mut broken = text.clone();
        broken.insert_str(entry, "id = = \n");
        let error = Registry::from_toml_str(&broken, "big.toml").unwrap_err();
        assert_eq!(error.line, line_of(&broken, "id = = "));

        let mut duplicate = text.clone();
        duplicate.replace_range(
            entry..entry + "id = \"synthetic-1200\"".len(),
            "id = \"synthetic-3\"",
        );
        let error = Registry::from_toml_str(&duplicate, "big.toml").unwrap_err();
        assert_eq!(error.field.as_deref(), Some("person[1200].id"));
        assert!(error.message.contains("already defined on line"), "{error}");
    }

    #[test]
    fn a_header_line_inside_a_string_is_not_an_entry() {
        let (text, _) = synthetic::registry_toml(1_200, 3);
        let with_string = text.replacen(
            "summary = \"Generated person 5, for benchmarks.\"",
            "summary = \"\"\"Generated person 5,\n[[person]]\nquoted.\"\"\"",
            1,
        );
        assert_ne!(with_string, text);
        let registry = Registry::from_toml_str(&with_string, "big.toml").unwrap();
        assert_eq!(registry.len(), 1_200);
        assert!(registry
            .get("synthetic-5")
            .unwrap()
            .summary
            .contains("[[person]]"));
    }
}
