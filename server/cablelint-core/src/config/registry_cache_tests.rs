//! The compiled-registry cache as the loader of a configuration chooses it:
//! per configuration, with no state shared between loads.

use super::*;
use crate::cache_dir::{RegistryCache, OFFICIALS_DIR};
#[cfg(unix)]
use std::os::unix::fs::MetadataExt;

const PERSON: &str = "[[person]]\nid = \"pavel-novak\"\nname = { text = \"Pavel Novák\", system = \"latin\", family = \"Novák\", given = \"Pavel\", order = \"given-first\" }\nsurname_alone = true\nsummary = \"A clerk.\"\nsources = [\"Our notes\"]\nposts = [{ title = \"Ambassador\", org = \"Czechoslovakia\", start = \"1960\", end = \"1964\", source = \"Our notes\" }]\n";

/// A configuration naming one registry (`rules`: its `[rules]` table).
fn project(rules: &str) -> (tempfile::TempDir, PathBuf) {
    let scratch = tempfile::tempdir().unwrap();
    std::fs::write(scratch.path().join("ours.toml"), PERSON).unwrap();
    let path = scratch.path().join(CONFIG_FILE_NAME);
    std::fs::write(
        &path,
        format!("[rules]\n{rules}\n[officials]\nregistries = [\"ours.toml\"]\n"),
    )
    .unwrap();
    (scratch, path)
}

/// The compiled registries in the cache `dir`, by name.
fn compiled(dir: &Path) -> Vec<PathBuf> {
    let Ok(listing) = std::fs::read_dir(dir.join(OFFICIALS_DIR)) else {
        return Vec::new();
    };
    let mut files: Vec<PathBuf> = listing.map(|e| e.unwrap().path()).collect();
    files.sort();
    files
}

fn summary(config: &Config) -> String {
    let matcher = config.officials().unwrap().expect("a merged matcher");
    let person = matcher.registry().get("pavel-novak").expect("our person");
    person.summary.to_string()
}

#[test]
fn only_a_load_that_asks_for_the_cache_uses_it() {
    let (scratch, path) = project("");
    let cache = scratch.path().join(".cablelint_cache");
    // Two loads in one process: the one without a cache leaves nothing,
    // whatever was chosen for the other.
    let cached = Config::load_with(&path, &RegistryCache::in_dir(cache.clone())).unwrap();
    let files = compiled(&cache);
    assert_eq!(files.len(), 1, "{files:?}");
    assert!(cache.join(".gitignore").is_file());
    std::fs::remove_dir_all(&cache).unwrap();
    let plain = Config::load(&path).unwrap();
    assert!(!cache.exists(), "no cache without asking");
    assert_eq!(summary(&cached), "A clerk.");
    assert_eq!(summary(&plain), "A clerk.");
}

#[cfg(unix)]
#[test]
fn a_second_load_reads_the_compiled_registry_and_an_edit_compiles_it_again() {
    let (scratch, path) = project("");
    let cache = RegistryCache::in_dir(scratch.path().join("c"));
    let first = Config::load_with(&path, &cache).unwrap();
    let [file] = compiled(cache.dir().unwrap()).try_into().unwrap();
    let written = std::fs::metadata(&file).unwrap().ino();
    let second = Config::load_with(&path, &cache).unwrap();
    // Read, not parsed and written again (that replaces the file).
    assert_eq!(std::fs::metadata(&file).unwrap().ino(), written);
    assert_eq!(summary(&second), summary(&first));
    let (a, b) = (first.officials().unwrap(), second.officials().unwrap());
    assert_eq!(a.unwrap().registry(), b.unwrap().registry());
    // An edited registry is a new key: parsed, and kept beside the old one.
    std::fs::write(
        scratch.path().join("ours.toml"),
        PERSON.replace("A clerk.", "A consul."),
    )
    .unwrap();
    let edited = Config::load_with(&path, &cache).unwrap();
    assert_eq!(summary(&edited), "A consul.");
    assert_eq!(compiled(cache.dir().unwrap()).len(), 2);
}

#[test]
fn the_choice_stays_with_a_configuration_that_loads_its_registries_later() {
    // No O rule runs: validation reads no registry, `officials()` does.
    let (scratch, path) = project("ignore = [\"O\"]");
    let dir = scratch.path().join(".cablelint_cache");
    let config = Config::load_with(&path, &RegistryCache::in_dir(dir.clone())).unwrap();
    assert!(!dir.exists(), "nothing read yet, nothing made");
    let clone = config.clone();
    assert_eq!(summary(&clone), "A clerk.");
    assert_eq!(compiled(&dir).len(), 1);
}

#[test]
fn a_cache_that_cannot_be_made_costs_only_the_parse() {
    let (scratch, path) = project("");
    let file = scratch.path().join("a-file");
    std::fs::write(&file, "").unwrap();
    for dir in [file.clone(), file.join("cache")] {
        let config = Config::load_with(&path, &RegistryCache::in_dir(dir)).unwrap();
        assert_eq!(summary(&config), "A clerk.");
    }
    assert_eq!(std::fs::read(&file).unwrap(), b"");
}
