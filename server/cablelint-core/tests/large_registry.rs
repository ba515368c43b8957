//! A user registry of 100,000 officials (issue #7's adversarial list):
//! loaded through `cablelint.toml` as users load theirs, it must give a
//! result. Time and memory are measured by the `registry_scale` example,
//! not asserted here.

use cablelint_core::config::{Config, CONFIG_FILE_NAME};
use cablelint_core::lint::check;
use cablelint_core::model::Document;
use cablelint_core::officials::mentions;
use cablelint_core::SourceText;
use cablelint_officials::synthetic;

const PEOPLE: usize = 100_000;

#[test]
fn a_registry_of_a_hundred_thousand_officials_loads_and_checks_a_document() {
    let dir = std::env::temp_dir().join(format!("cablelint-large-registry-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let (toml, names) = synthetic::registry_toml(PEOPLE, 0x5eed);
    std::fs::write(dir.join("big.toml"), toml).unwrap();
    let config_path = dir.join(CONFIG_FILE_NAME);
    std::fs::write(&config_path, "[officials]\nregistries = [\"big.toml\"]\n").unwrap();

    let config = Config::load(&config_path).expect("the generated registry loads");
    let options = config.check_options(&dir.join("a.cable"));
    let matcher = options.officials.clone().expect("a merged matcher");
    assert_eq!(
        matcher.registry().len(),
        PEOPLE + cablelint_officials::Registry::builtin().len()
    );

    // A distinctive generated name (invented surnames stand alone), a
    // built-in official, and CJK and astral text around them.
    let last = names
        .iter()
        .rev()
        .find(|n| n.family.len() > 6)
        .expect("an invented surname");
    let text = format!(
        "June 28, 1962\n\nCable\n\n发往 𠀋 Vice Minister Ji [Pengfei] met {} today.\r\n",
        last.full
    );
    let result = check(SourceText::from_str(&text), &options);
    assert!(result.diagnostics.iter().all(|d| d.span.end <= text.len()));
    let doc = Document::parse_str(&text);
    let found: Vec<String> = mentions(&doc, &matcher)
        .into_iter()
        .map(|m| doc.slice(m.span).to_owned())
        .collect();
    assert_eq!(found, ["Ji [Pengfei]", last.full.as_str()]);
    let _ = std::fs::remove_dir_all(&dir);
}
