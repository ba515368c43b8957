//! `officials`, and the person JSON diagnostics name.

use crate::common::cablelint;
use expect_test::expect;

/// CRLF, a BOM, CJK and an astral-plane character before the names.
const OFFICIALS_CABLE: &str = "\u{FEFF}June 28, 1962\r\n\r\nCable\r\n\r\n发往 𠀋 Foreign Minister Ji Pengfei met Chervonenko.\r\nVice Minister Ji left.\r\n";

#[test]
fn officials_lists_people_and_their_posts_on_the_date() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("a.cable"), OFFICIALS_CABLE).unwrap();
    cablelint(dir.path(), &["officials", "a.cable"])
    .expect(
        0,
        expect![[r#"
            a.cable (1962-06-28)
              Ji Pengfei (姬鹏飞 / 姬鵬飛) [ji-pengfei]
                Vice Minister of Foreign Affairs, PRC Ministry of Foreign Affairs (1955–1972)
                named at 5:23, 6:15
              Stepan Vasilyevich Chervonenko (Степан Васильевич Червоненко) [chervonenko]
                Ambassador to the People's Republic of China, USSR Ministry of Foreign Affairs (1959-10-15–1965-04-13)
                named at 5:38
        "#]],
        expect![[""]],
    );
    let run = cablelint(dir.path(), &["officials", "--format", "json", "a.cable"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let json = run.json();
    let ji = &json[0]["officials"][0];
    assert_eq!(json[0]["date"], "1962-06-28");
    assert_eq!(ji["id"], "ji-pengfei");
    assert_eq!(
        ji["posts_on_date"][0]["title"],
        "Vice Minister of Foreign Affairs"
    );
    // Offsets index the file's bytes (BOM included), like `check --format json`.
    let start = ji["mentions"][0]["start"].as_u64().unwrap() as usize;
    let end = ji["mentions"][0]["end"].as_u64().unwrap() as usize;
    assert_eq!(
        &OFFICIALS_CABLE.as_bytes()[start..end],
        "Ji Pengfei".as_bytes()
    );
    assert_eq!(ji["positions"][1], serde_json::json!([6, 15]));
    // A missing file: an error naming it, the others still listed.
    let run = cablelint(dir.path(), &["officials", "missing.cable", "a.cable"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.starts_with("error: missing.cable: "),
        "{}",
        run.stderr
    );
    assert!(
        run.stdout.starts_with("a.cable (1962-06-28)\n"),
        "{}",
        run.stdout
    );
}

#[test]
fn json_diagnostics_about_an_official_name_the_person() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("a.cable"), OFFICIALS_CABLE).unwrap();
    let run = cablelint(dir.path(), &["check", "--format", "json", "a.cable"]);
    let json = run.json();
    let diagnostics = json["files"][0]["diagnostics"].as_array().unwrap();
    let o001 = diagnostics
        .iter()
        .find(|d| d["code"] == "O001")
        .expect("Foreign Minister Ji Pengfei is reported");
    assert_eq!(o001["person"], "ji-pengfei");
    // Findings about no one carry no `person` key.
    assert!(diagnostics
        .iter()
        .filter(|d| !d["code"].as_str().unwrap().starts_with('O'))
        .all(|d| d.get("person").is_none()));
}
