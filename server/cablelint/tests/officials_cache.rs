//! Compiled officials registries through the real binary: `check` and
//! `officials` keep them in the same cache and read each other's;
//! `--no-cache` neither reads nor writes them; an edited registry is
//! compiled again. Output is the same with the cache and without.

mod common;

use common::cablelint;
use std::os::unix::fs::MetadataExt;
use std::path::{Path, PathBuf};

const PERSON: &str = "[[person]]\nid = \"pavel-novak\"\nname = { text = \"Pavel Novák\", system = \"latin\", family = \"Novák\", given = \"Pavel\", order = \"given-first\" }\nsurname_alone = true\nsummary = \"A clerk.\"\nsources = [\"Our notes\"]\nposts = [{ title = \"Ambassador\", org = \"Czechoslovakia\", start = \"1960\", end = \"1964\", source = \"Our notes\" }]\n";

fn project() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::create_dir_all(d.join("officials")).unwrap();
    std::fs::write(d.join("officials/ours.toml"), PERSON).unwrap();
    std::fs::write(
        d.join("cablelint.toml"),
        "[officials]\nregistries = [\"officials/ours.toml\"]\n",
    )
    .unwrap();
    std::fs::write(
        d.join("a.cable"),
        "\u{FEFF}June 28, 1962\r\n\r\nCable\r\n\r\n发往 𠀋 Ambassador Novák called.\r\n",
    )
    .unwrap();
    dir
}

/// The compiled registries under the cache `dir`, by name.
fn compiled(dir: &Path) -> Vec<PathBuf> {
    let Ok(listing) = std::fs::read_dir(dir.join("officials")) else {
        return Vec::new();
    };
    let mut files: Vec<PathBuf> = listing.map(|e| e.unwrap().path()).collect();
    files.sort();
    files
}

fn inode(file: &Path) -> u64 {
    std::fs::metadata(file).unwrap().ino()
}

#[test]
fn officials_reads_what_check_compiled_and_prints_what_a_parse_gives() {
    let dir = project();
    let d = dir.path();
    let cache = d.join(".cablelint_cache");
    let plain = cablelint(d, &["officials", "--no-cache", "a.cable"]);
    assert_eq!(plain.code, 0, "{}", plain.stderr);
    assert!(
        plain.stdout.contains("Pavel Novák [pavel-novak]"),
        "{}",
        plain.stdout
    );
    assert!(!cache.exists(), "--no-cache writes nothing");

    let check = cablelint(d, &["check", "--format", "json", "a.cable"]);
    assert!(check.stderr.is_empty(), "{}", check.stderr);
    let [file] = compiled(&cache).try_into().unwrap();
    let written = inode(&file);
    for format in ["human", "json"] {
        let cached = cablelint(d, &["officials", "--format", format, "a.cable"]);
        let uncached = cablelint(
            d,
            &["officials", "--no-cache", "--format", format, "a.cable"],
        );
        assert_eq!(cached.stdout, uncached.stdout, "{format}");
        assert_eq!((cached.stderr.as_str(), cached.code), ("", 0));
    }
    // Read, not written again (a write replaces the file).
    assert_eq!(compiled(&cache), std::slice::from_ref(&file));
    assert_eq!(inode(&file), written);
}

#[test]
fn officials_compiles_into_its_own_cache_and_again_after_an_edit() {
    let dir = project();
    let d = dir.path();
    let elsewhere = d.join("elsewhere");
    let first = cablelint(d, &["officials", "--cache-dir", "elsewhere", "a.cable"]);
    assert!(first.stdout.contains("1960–1964"), "{}", first.stdout);
    assert_eq!(compiled(&elsewhere).len(), 1);
    assert!(elsewhere.join("CACHEDIR.TAG").is_file());
    assert!(!d.join(".cablelint_cache").exists());
    std::fs::write(
        d.join("officials/ours.toml"),
        PERSON.replace("1964", "1963"),
    )
    .unwrap();
    let edited = cablelint(d, &["officials", "--cache-dir", "elsewhere", "a.cable"]);
    assert!(edited.stdout.contains("1960–1963"), "{}", edited.stdout);
    assert_eq!(compiled(&elsewhere).len(), 2);
    // `check --no-cache` leaves the default place untouched too.
    cablelint(d, &["check", "--no-cache", "a.cable"]);
    assert!(!d.join(".cablelint_cache").exists());
}

#[test]
fn an_unwritable_cache_is_no_error_for_officials() {
    let dir = project();
    let d = dir.path();
    std::fs::write(d.join(".cablelint_cache"), "not a directory").unwrap();
    let run = cablelint(d, &["officials", "a.cable"]);
    assert_eq!((run.stderr.as_str(), run.code), ("", 0));
    assert!(
        run.stdout.contains("Pavel Novák [pavel-novak]"),
        "{}",
        run.stdout
    );
}

#[test]
fn profiles_neither_reads_nor_compiles_the_registries() {
    let dir = project();
    let d = dir.path();
    let broken = PERSON.replace("start = \"1960\"", "start = \"1960-13\"");
    std::fs::write(d.join("officials/ours.toml"), broken).unwrap();
    let check = cablelint(d, &["check", "a.cable"]);
    assert_eq!(check.code, 2, "{}", check.stderr);
    assert!(check.stderr.contains("ours.toml:"), "{}", check.stderr);
    std::fs::remove_dir_all(d.join(".cablelint_cache")).ok();
    let profiles = cablelint(d, &["profiles"]);
    assert_eq!(profiles.code, 0, "{}", profiles.stderr);
    assert_eq!(profiles.stderr, "");
    assert!(
        profiles.stdout.starts_with("generic "),
        "{}",
        profiles.stdout
    );
    assert!(!d.join(".cablelint_cache").exists());
}
