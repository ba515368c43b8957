//! The result cache through the real binary. Every cached run is compared
//! byte for byte with the same run under `--no-cache`, and `--cache-stats`
//! shows which files were checked and which came from the cache. The files
//! include a BOM with CRLF line ends, CJK text, 𠀋 (outside the BMP), a tab
//! and invalid UTF-8 (tests/fixtures/cli).

mod common;

use common::{cablelint, cablelint_env, sandbox, Run};
use expect_test::expect;
use std::path::Path;

/// The `Cache:` line of a run's stderr, and the rest of its stderr.
fn split_stats(run: &Run) -> (String, String) {
    let mut stats = String::new();
    let mut rest = String::new();
    for line in run.stderr.split_inclusive('\n') {
        if line.starts_with("Cache: ") {
            stats.push_str(line.trim_end());
        } else {
            rest.push_str(line);
        }
    }
    (stats, rest)
}

/// Runs `cablelint ARGS` with the cache and with `--no-cache`: both must
/// print the same bytes and exit alike. Gives the cached run's `Cache:` line.
fn cached_run(dir: &Path, args: &[&str]) -> String {
    cached_run_env(dir, args, &[])
}

fn cached_run_env(dir: &Path, args: &[&str], env: &[(&str, &str)]) -> String {
    let uncached = cablelint_env(dir, &[args, &["--no-cache"]].concat(), None, env);
    let cached = cablelint_env(dir, &[args, &["--cache-stats"]].concat(), None, env);
    let (stats, stderr) = split_stats(&cached);
    assert_eq!(cached.stdout, uncached.stdout, "stdout of {args:?}");
    assert_eq!(stderr, uncached.stderr, "stderr of {args:?}");
    assert_eq!(cached.code, uncached.code, "status of {args:?}");
    stats
}

const FORMATS: [&str; 4] = ["human", "json", "sarif", "github"];

#[test]
fn a_second_run_checks_nothing_and_prints_the_same_bytes_in_every_format() {
    let dir = sandbox("cli");
    let first = cached_run(dir.path(), &["check", "--format", "json"]);
    assert_eq!(
        first,
        "Cache: 0 of 4 files from .cablelint_cache; 4 checked, 4 entries written."
    );
    for format in FORMATS {
        for threads in ["1", "2"] {
            let args = ["check", "--format", format, "--threads", threads];
            assert_eq!(
                cached_run(dir.path(), &args),
                "Cache: 4 of 4 files from .cablelint_cache; 0 checked, 0 entries written.",
                "{format}, {threads} threads"
            );
        }
    }
    // Named files (one not a .cable) and a file given twice.
    let args = ["check", "notes.txt", "bom-crlf.cable", "./bom-crlf.cable"];
    assert_eq!(
        cached_run(dir.path(), &args),
        "Cache: 1 of 2 files from .cablelint_cache; 1 checked, 1 entries written."
    );
}

#[test]
fn the_cache_directory_is_tagged_and_ignored_and_clean_removes_it() {
    let dir = sandbox("cli");
    cached_run(dir.path(), &["check"]);
    let cache = dir.path().join(".cablelint_cache");
    assert_eq!(
        std::fs::read_to_string(cache.join(".gitignore")).unwrap(),
        "# Made by cablelint: this directory is its result cache.\n*\n"
    );
    let tag = std::fs::read_to_string(cache.join("CACHEDIR.TAG")).unwrap();
    assert!(tag.starts_with("Signature: 8a477f597d28d172789f06886806bc55\n"));
    cablelint(dir.path(), &["clean"]).expect(
        0,
        expect![[""]],
        expect![[r#"
            Removed the cache at .cablelint_cache.
        "#]],
    );
    assert!(!cache.exists());
    cablelint(dir.path(), &["clean"]).expect(
        0,
        expect![[""]],
        expect![[r#"
            No cache at .cablelint_cache.
        "#]],
    );
    // --no-cache leaves no trace.
    cablelint(dir.path(), &["check", "--no-cache"]);
    assert!(!cache.exists());
}

#[test]
fn the_place_comes_from_the_flag_the_environment_or_the_configuration() {
    let dir = sandbox("cli-project");
    let sub = dir.path().join("frus");
    // Run from a subdirectory: the cache sits beside cablelint.toml.
    let stats = cached_run(&sub, &["check", "telegram.cable"]);
    let beside_config = dir.path().join(".cablelint_cache");
    assert_eq!(
        stats,
        format!(
            "Cache: 0 of 1 files from {}; 1 checked, 1 entries written.",
            beside_config.display()
        )
    );
    assert!(beside_config.join("v3").is_dir());
    assert!(!sub.join(".cablelint_cache").exists());

    let env = [("CABLELINT_CACHE_DIR", "from-env")];
    assert_eq!(
        cached_run_env(&sub, &["check", "telegram.cable"], &env),
        "Cache: 0 of 1 files from from-env; 1 checked, 1 entries written."
    );
    assert_eq!(
        cached_run_env(
            &sub,
            &["check", "telegram.cable", "--cache-dir", "flag"],
            &env
        ),
        "Cache: 0 of 1 files from flag; 1 checked, 1 entries written."
    );
    assert!(sub.join("from-env/CACHEDIR.TAG").is_file());
    assert!(sub.join("flag/CACHEDIR.TAG").is_file());
    cablelint_env(&sub, &["clean"], None, &env).expect(
        0,
        expect![[""]],
        expect![[r#"
            Removed the cache at from-env.
        "#]],
    );
    cablelint(&sub, &["clean", "--cache-dir", "flag"]);
    assert!(!sub.join("flag").exists());
    // A walk never checks the cache's files.
    let walked = cablelint(dir.path(), &["check", "--format", "json", "--no-cache"]);
    assert!(!walked.stdout.contains("cablelint_cache"));
}

/// A collection with its own profile file, officials registry and
/// per-file ignores: each change re-checks exactly the files it concerns.
fn write(dir: &Path, path: &str, text: &str) {
    let path = dir.join(path);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}

const CONFIG: &str = "profile-files = [\"profiles/ours.toml\"]\n\
    [officials]\nregistries = [\"officials/ours.toml\"]\n\
    [rules]\nextend-select = [\"O003\"]\n";
const PROFILE: &str =
    "id = \"ours\"\nname = \"Ours\"\n[[field]]\nid = \"receiver\"\nlabels = [\"Receiver\"]\n";
const PERSON: &str = "[[person]]\nid = \"pavel-novak\"\nname = { text = \"Pavel Novák\", system = \"latin\", family = \"Novák\", given = \"Pavel\", order = \"given-first\" }\nsurname_alone = true\nsummary = \"A clerk.\"\nsources = [\"Our notes\"]\nposts = [{ title = \"Ambassador\", org = \"Czechoslovakia\", start = \"1960\", end = \"1964\", source = \"Our notes\" }]\n";

fn collection() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    write(d, "cablelint.toml", CONFIG);
    write(d, "profiles/ours.toml", PROFILE);
    write(d, "officials/ours.toml", PERSON);
    write(
        d,
        "a.cable",
        "\u{FEFF}Receiver: 乌鲁木齐 [] 𠀋\r\n\r\nAmbassador Novák met him on 12 June 1962.\r\n",
    );
    write(
        d,
        "b.cable",
        "% cablelint: profile = ours\nReceiver: X\n\nThe [ ] text.\n",
    );
    write(d, "drafts/c.cable", "发往 𠀋 [] 乌鲁木齐\r\n");
    write(
        d,
        "drafts/d.cable",
        "Minister Zhang Wentian [Chang Wen-t'ien] spoke.\n",
    );
    dir
}

#[test]
fn an_edit_or_a_change_of_settings_re_checks_exactly_the_files_it_concerns() {
    let dir = collection();
    let d = dir.path();
    let run = |format: &str| cached_run(d, &["check", "--format", format]);
    let stats = |from: usize, checked: usize| {
        format!(
            "Cache: {from} of 4 files from .cablelint_cache; {checked} checked, {checked} entries written."
        )
    };
    assert_eq!(run("json"), stats(0, 4));
    assert_eq!(run("human"), stats(4, 0));

    // An edit: that file alone.
    write(d, "drafts/c.cable", "发往 𠀋 [] 乌鲁木齐 []\r\n");
    assert_eq!(run("sarif"), stats(3, 1));
    // Back to a content seen before: its entry is still there.
    write(d, "drafts/c.cable", "发往 𠀋 [] 乌鲁木齐\r\n");
    assert_eq!(run("github"), stats(4, 0));

    // Per-file ignores for drafts/: the two drafts alone.
    write(
        d,
        "cablelint.toml",
        &format!("{CONFIG}[per-file-ignores]\n\"drafts/**\" = [\"B004\"]\n"),
    );
    assert_eq!(run("json"), stats(2, 2));
    // A severity for every file: all of them.
    write(
        d,
        "cablelint.toml",
        &format!("{CONFIG}[rules.severity]\nB004 = \"hint\"\n"),
    );
    assert_eq!(run("json"), stats(0, 4));
    // The registry file changes: all of them.
    write(d, "officials/ours.toml", &PERSON.replace("1964", "1963"));
    assert_eq!(run("human"), stats(0, 4));
    // The profile file changes: all of them.
    write(
        d,
        "profiles/ours.toml",
        &PROFILE.replace("\"Receiver\"", "\"Receiver\", \"To\""),
    );
    assert_eq!(run("sarif"), stats(0, 4));
    // Romanisation: all of them.
    write(
        d,
        "cablelint.toml",
        &format!("{CONFIG}[rules.severity]\nB004 = \"hint\"\n")
            .replace("[rules]", "romanisation = \"wade-giles\"\n[rules]"),
    );
    assert_eq!(run("json"), stats(0, 4));
    // A cap on findings per file changes results: all of them.
    let romanised = format!("{CONFIG}[rules.severity]\nB004 = \"hint\"\n")
        .replace("[rules]", "romanisation = \"wade-giles\"\n[rules]");
    write(
        d,
        "cablelint.toml",
        &format!("{romanised}[limits]\nmax-diagnostics-per-file = 1\n"),
    );
    assert_eq!(run("json"), stats(0, 4));
    write(d, "cablelint.toml", &romanised);
    assert_eq!(run("json"), stats(4, 0));
    // --no-config is another configuration again, --config the same one.
    assert_eq!(cached_run(d, &["check", "--no-config"]), stats(0, 4));
    assert_eq!(
        cached_run(d, &["check", "--config", "cablelint.toml"]),
        stats(4, 0)
    );
}

#[test]
fn fix_and_diff_check_files_with_fixes_and_take_the_rest_from_the_cache() {
    let dir = sandbox("cli");
    let d = dir.path();
    cached_run(d, &["check"]);
    // Safe fixes only: no file has one, so all four come from the cache.
    let diff = ["check", "--diff"];
    assert_eq!(
        cached_run(d, &diff),
        "Cache: 4 of 4 files from .cablelint_cache; 0 checked, 0 entries written."
    );
    // Unsafe fixes: the three files with empty brackets are checked again
    // (their entries are sound and stay: nothing is written).
    let unsafe_diff = ["check", "--diff", "--unsafe-fixes"];
    assert_eq!(
        cached_run(d, &unsafe_diff),
        "Cache: 1 of 4 files from .cablelint_cache; 3 checked, 0 entries written."
    );
    let before: Vec<Vec<u8>> = ["bom-crlf.cable", "directive.cable", "invalid-utf8.cable"]
        .iter()
        .map(|f| std::fs::read(d.join(f)).unwrap())
        .collect();

    // --fix on a copy without the cache gives the reference result.
    let reference = tempfile::tempdir().unwrap();
    common::copy_dir(d, reference.path());
    std::fs::remove_dir_all(reference.path().join(".cablelint_cache")).unwrap();
    let fix = ["check", "--fix", "--unsafe-fixes"];
    let uncached = cablelint(reference.path(), &[&fix[..], &["--no-cache"]].concat());
    let cached = cablelint(d, &[&fix[..], &["--cache-stats"]].concat());
    let (stats, stderr) = split_stats(&cached);
    assert_eq!(cached.stdout, uncached.stdout);
    assert_eq!(stderr, uncached.stderr);
    assert_eq!(cached.code, uncached.code);
    // Two files are rewritten (new contents, new entries); invalid-utf8.cable
    // is not fixed and keeps its entry.
    assert_eq!(
        stats,
        "Cache: 1 of 4 files from .cablelint_cache; 3 checked, 2 entries written."
    );
    for name in [
        "bom-crlf.cable",
        "directive.cable",
        "invalid-utf8.cable",
        "prc-clean.cable",
    ] {
        assert_eq!(
            std::fs::read(d.join(name)).unwrap(),
            std::fs::read(reference.path().join(name)).unwrap(),
            "{name}"
        );
    }
    assert_eq!(
        std::fs::read(d.join("bom-crlf.cable")).unwrap(),
        "\u{FEFF}Receiver: Wulumuqi [Urumqi]\r\n发往 𠀋 乌鲁木齐\r\nOn the 26th, Ji met him.\r\n"
            .as_bytes()
    );
    assert_ne!(std::fs::read(d.join("bom-crlf.cable")).unwrap(), before[0]);
    // The fixed files were stored as they now are: nothing left to check.
    assert_eq!(
        cached_run(d, &["check", "--format", "json"]),
        "Cache: 4 of 4 files from .cablelint_cache; 0 checked, 0 entries written."
    );
}

/// The packs of a cache, by name, each with its records' keys (hex) in
/// order, read as docs/cache.md describes the layout.
fn packs(cache: &Path) -> Vec<(String, Vec<String>)> {
    const MAGIC: &[u8] = b"cablelint cache pack v2\n";
    let mut found = Vec::new();
    for item in std::fs::read_dir(cache.join("v3")).unwrap() {
        let item = item.unwrap();
        let name = item.file_name().to_string_lossy().into_owned();
        let bytes = std::fs::read(item.path()).unwrap();
        let mut keys = Vec::new();
        if let Some(mut rest) = bytes.strip_prefix(MAGIC) {
            while rest.len() >= 76 {
                let len = u32::from_le_bytes(rest[40..44].try_into().unwrap()) as usize;
                keys.push(rest[..32].iter().map(|b| format!("{b:02x}")).collect());
                rest = &rest[(76 + len).min(rest.len())..];
            }
        }
        found.push((name, keys));
    }
    found.sort();
    found
}

#[test]
fn a_run_writes_one_pack_and_a_warm_run_none() {
    let dir = sandbox("cli");
    let cache = dir.path().join(".cablelint_cache");
    cached_run(dir.path(), &["check"]);
    let first = packs(&cache);
    assert_eq!(first.len(), 1, "{first:?}");
    assert!(first[0].0.ends_with(".pack"));
    assert_eq!(first[0].1.len(), 4);
    cached_run(dir.path(), &["check", "--format", "sarif"]);
    assert_eq!(packs(&cache), first);
    // An older layout's entries are never read.
    let v1 = cache.join("v1/00");
    std::fs::create_dir_all(&v1).unwrap();
    std::fs::write(v1.join("0".repeat(62)), "cablelint-cache 1 0000").unwrap();
    assert_eq!(
        cached_run(dir.path(), &["check"]),
        "Cache: 4 of 4 files from .cablelint_cache; 0 checked, 0 entries written."
    );
    cablelint(dir.path(), &["clean"]);
    assert!(!cache.exists());
}

#[test]
fn damaged_cut_and_foreign_packs_cost_checks_never_wrong_reports() {
    type Damage = fn(&Path, &Path);
    let cut: Damage = |pack, _| {
        let bytes = std::fs::read(pack).unwrap();
        std::fs::write(pack, &bytes[..bytes.len() - 5]).unwrap();
    };
    let flipped: Damage = |pack, _| {
        let mut bytes = std::fs::read(pack).unwrap();
        // Inside the first record's payload (the magic is 24 bytes, a
        // record's header 76).
        bytes[24 + 76 + 10] ^= 0x04;
        std::fs::write(pack, &bytes).unwrap();
    };
    let garbage: Damage = |pack, _| std::fs::write(pack, [0xFF, 0xFE, b'\n', 0, 1, 2]).unwrap();
    let emptied: Damage = |pack, _| std::fs::write(pack, b"").unwrap();
    let foreign_beside: Damage = |_, dir| {
        std::fs::write(dir.join("zz-foreign.pack"), "cablelint cache pack v2\nnot").unwrap();
        std::fs::write(dir.join("notes.txt"), "mine").unwrap();
    };
    let cases: [(&str, Damage, usize); 5] = [
        ("cut", cut, 1),
        ("flipped", flipped, 1),
        ("garbage", garbage, 4),
        ("emptied", emptied, 4),
        ("foreign beside", foreign_beside, 0),
    ];
    for (what, damage, lost) in cases {
        let dir = sandbox("cli");
        let cache = dir.path().join(".cablelint_cache");
        cached_run(dir.path(), &["check"]);
        let pack = cache.join("v3").join(&packs(&cache)[0].0);
        damage(&pack, &cache.join("v3"));
        for (i, format) in FORMATS.iter().enumerate() {
            let stats = cached_run(dir.path(), &["check", "--format", format]);
            let checked = if i == 0 { lost } else { 0 };
            assert_eq!(
                stats,
                format!(
                    "Cache: {} of 4 files from .cablelint_cache; {checked} checked, {checked} entries written.",
                    4 - checked
                ),
                "{what}, {format}"
            );
        }
    }
}

#[test]
fn an_unwritable_cache_warns_once_and_the_run_goes_on() {
    let dir = sandbox("cli");
    std::fs::write(dir.path().join("a-file"), "").unwrap();
    let args = ["check", "--format", "json", "--cache-dir", "a-file/cache"];
    let uncached = cablelint(dir.path(), &[&args[..], &["--no-cache"]].concat());
    let cached = cablelint(dir.path(), &args);
    assert_eq!(cached.stdout, uncached.stdout);
    assert_eq!(cached.code, uncached.code);
    let warnings: Vec<&str> = cached.stderr.lines().collect();
    assert_eq!(warnings.len(), 1, "{}", cached.stderr);
    assert!(
        warnings[0].starts_with("warning: cannot write the cache at a-file/cache: "),
        "{}",
        warnings[0]
    );
    assert!(warnings[0].ends_with("; going on without storing results"));
}

#[test]
fn two_runs_at_once_share_the_cache() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    for i in 0..300 {
        // Many files share their content, so entries are written twice over.
        let text = match i % 4 {
            0 => "\u{FEFF}发往 𠀋 [] 乌鲁木齐\r\n".to_owned(),
            1 => format!("Cable {i} (unclosed 𠀋\r\n"),
            2 => "Cable [ ] with an empty bracket.\n".to_owned(),
            _ => format!("Cable {i}: clean.\n"),
        };
        write(d, &format!("c/{}/{i:03}.cable", i % 5), &text);
    }
    let args = [
        "check",
        "--no-config",
        "--format",
        "json",
        "--threads",
        "2",
        "--cache-stats",
    ];
    let uncached = cablelint(
        d,
        &["check", "--no-config", "--format", "json", "--no-cache"],
    );
    let runs: Vec<Run> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..2)
            .map(|_| scope.spawn(|| cablelint(d, &args)))
            .collect();
        handles.into_iter().map(|h| h.join().unwrap()).collect()
    });
    for run in &runs {
        assert_eq!(run.stdout, uncached.stdout);
        assert!(split_stats(run).1.is_empty(), "{}", run.stderr);
    }
    let distinct = 1 + 75 + 1 + 75;
    let cache = d.join(".cablelint_cache");
    let written = packs(&cache);
    // Each run wrote its own pack; no temporary file is left behind.
    assert!(written.iter().all(|(name, _)| !name.starts_with('.')));
    let mut keys: Vec<&String> = written.iter().flat_map(|(_, keys)| keys).collect();
    keys.sort();
    keys.dedup();
    assert_eq!(keys.len(), distinct);
    let warm = cablelint(d, &args);
    assert_eq!(warm.stdout, uncached.stdout);
    assert_eq!(
        split_stats(&warm).0,
        "Cache: 300 of 300 files from .cablelint_cache; 0 checked, 0 entries written."
    );
    // The two packs held the same entries: dead weight the warm run
    // compacted away, leaving one pack of every entry once.
    let compacted = packs(&cache);
    assert_eq!(compacted.len(), 1);
    let mut once = compacted[0].1.clone();
    once.sort();
    assert_eq!(once.len(), distinct);
    assert_eq!(once.iter().collect::<Vec<_>>(), keys);
    let again = cablelint(d, &args);
    assert_eq!(again.stdout, uncached.stdout);
    assert_eq!(packs(&cache), compacted, "a warm run writes nothing");
}

#[test]
fn standard_input_is_never_cached() {
    let dir = sandbox("cli");
    let run = common::cablelint_stdin(
        dir.path(),
        &["check", "--stdin-filename", "x.cable", "--cache-stats"],
        "发往 𠀋 [] ok\r\n".as_bytes(),
    );
    assert_eq!(
        split_stats(&run).0,
        "Cache: 0 of 1 files from .cablelint_cache; 1 checked, 0 entries written."
    );
    assert!(!dir.path().join(".cablelint_cache").exists());
}
