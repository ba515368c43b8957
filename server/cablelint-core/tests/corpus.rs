//! Every document of the real corpus (`../shared/corpus`) parses, and every
//! finding on it is one a person reviewed and explained in
//! `tests/corpus/expected-findings.tsv`. A new finding, a vanished one, or an
//! entry still marked UNREVIEWED fails the test.
//!
//! `UPDATE_FIXTURE=1 cargo test --test corpus` rewrites the fixture, keeping
//! the explanations of findings that remain and marking new ones UNREVIEWED.

use cablelint_core::lint::{check, CheckOptions};
use cablelint_core::SourceText;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

const UNREVIEWED: &str = "UNREVIEWED";

type Key = (String, String, String);

fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn corpus_dir() -> PathBuf {
    if let Ok(dir) = std::env::var("CABLELINT_CORPUS") {
        return PathBuf::from(dir);
    }
    let beside = repo_root().join("../shared/corpus");
    if beside.is_dir() {
        beside
    } else {
        PathBuf::from("/work/shared/corpus")
    }
}

fn corpus_files() -> Vec<(String, PathBuf)> {
    let dir = corpus_dir();
    assert!(
        dir.is_dir(),
        "corpus not found at {} (set CABLELINT_CORPUS)",
        dir.display()
    );
    let mut files = vec![(
        "seed-cable-1962-06-28.txt".to_owned(),
        dir.join("seed-cable-1962-06-28.txt"),
    )];
    let mut real: Vec<_> = std::fs::read_dir(dir.join("real"))
        .expect("corpus/real is readable")
        .map(|e| e.expect("directory entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .map(|p| {
            (
                format!(
                    "real/{}",
                    p.file_name().unwrap_or_default().to_string_lossy()
                ),
                p,
            )
        })
        .collect();
    real.sort();
    files.extend(real);
    assert!(
        files.len() > 50,
        "expected the whole corpus, found {} files",
        files.len()
    );
    files
}

/// (file, code, line:col) → the finding's message.
fn findings() -> BTreeMap<Key, String> {
    let mut out = BTreeMap::new();
    for (name, path) in corpus_files() {
        let bytes = std::fs::read(&path).expect("corpus file is readable");
        let result = check(SourceText::from_bytes(&bytes), &CheckOptions::default());
        let doc = &result.document;
        for d in &result.diagnostics {
            let at = doc.lines.line_col(doc.text(), d.span.start);
            let key = (
                name.clone(),
                d.code.to_owned(),
                format!("{}:{}", at.line + 1, at.column_chars + 1),
            );
            out.insert(key, d.message.replace(['\t', '\n'], " "));
        }
    }
    out
}

fn fixture_path() -> PathBuf {
    repo_root().join("tests/corpus/expected-findings.tsv")
}

/// (file, code, line:col) → explanation.
fn read_fixture() -> BTreeMap<Key, String> {
    let text = std::fs::read_to_string(fixture_path()).unwrap_or_default();
    text.lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(|l| {
            let cols: Vec<&str> = l.splitn(5, '\t').collect();
            assert!(
                cols.len() == 5,
                "malformed fixture line (want file, code, line:col, message, why): {l}"
            );
            (
                (cols[0].to_owned(), cols[1].to_owned(), cols[2].to_owned()),
                cols[4].to_owned(),
            )
        })
        .collect()
}

#[test]
fn corpus_findings_match_the_reviewed_fixture() {
    let found = findings();
    let expected = read_fixture();
    if std::env::var_os("UPDATE_FIXTURE").is_some() {
        let mut out = String::from(
            "# Reviewed findings of cablelint on ../shared/corpus (test: server/cablelint-core/tests/corpus.rs).\n\
             # file\tcode\tline:col\tmessage\twhy the text really has this\n",
        );
        for (key, message) in &found {
            let why = expected.get(key).map_or(UNREVIEWED, String::as_str);
            out.push_str(&format!(
                "{}\t{}\t{}\t{}\t{}\n",
                key.0, key.1, key.2, message, why
            ));
        }
        std::fs::write(fixture_path(), out).expect("fixture is writable");
        return;
    }
    let mut problems = Vec::new();
    for (key, message) in &found {
        match expected.get(key) {
            None => problems.push(format!(
                "new finding {} {} {}: {message}",
                key.0, key.1, key.2
            )),
            Some(why) if why.trim().is_empty() || why == UNREVIEWED => problems.push(format!(
                "unreviewed finding {} {} {}: {message}",
                key.0, key.1, key.2
            )),
            Some(_) => {}
        }
    }
    for key in expected.keys().filter(|k| !found.contains_key(*k)) {
        problems.push(format!(
            "expected finding gone: {} {} {}",
            key.0, key.1, key.2
        ));
    }
    assert!(
        problems.is_empty(),
        "{} problem(s):\n{}",
        problems.len(),
        problems.join("\n")
    );
}

#[test]
fn every_corpus_file_parses_into_tiling_sections() {
    for (name, path) in corpus_files() {
        let bytes = std::fs::read(&path).expect("corpus file is readable");
        let result = check(SourceText::from_bytes(&bytes), &CheckOptions::default());
        let doc = &result.document;
        let mut at = 0;
        for section in &doc.sections {
            assert_eq!(
                section.span.start, at,
                "{name}: gap before {:?}",
                section.kind
            );
            at = section.span.end;
        }
        assert_eq!(
            at,
            doc.text().len(),
            "{name}: sections do not reach the end"
        );
        assert!(doc.source.invalid_utf8_at.is_none(), "{name}: not UTF-8");
    }
}
