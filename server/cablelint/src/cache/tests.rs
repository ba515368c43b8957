//! The cache's packs, writers and compaction, on real directories.

use super::compact::{MAX_AGE, MAX_PACKS, REFRESH_AFTER};
use super::*;

const TEXT: &str = "发往 𠀋 [] 乌鲁木齐\r\n";
const NOW: u64 = 1_800_000_000;

fn checked() -> Checked {
    let result = cablelint_core::check(
        cablelint_core::SourceText::from_str(TEXT),
        &Default::default(),
    );
    Checked {
        profile: result.document.profile.id.clone(),
        detection: result.document.detection.clone(),
        diagnostics: result.diagnostics,
    }
}

fn key(n: u16) -> Key {
    let mut bytes = [0x5A; 32];
    bytes[..2].copy_from_slice(&n.to_be_bytes());
    Key::from_bytes(bytes)
}

/// One run at `now` that stores these keys.
fn run(dir: &Path, now: u64, keys: impl IntoIterator<Item = u16>) {
    let cache = ResultCache::at(dir.to_owned(), now);
    for n in keys {
        cache.put(&key(n), &checked());
    }
    cache.finish();
}

/// The files in the packs' directory.
fn listing(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir.join(format!("v{}", entry::FORMAT)))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

fn records(dir: &Path) -> Vec<(Key, u64)> {
    Index::load(&dir.join(format!("v{}", entry::FORMAT))).all()
}

#[test]
fn a_stored_result_is_found_by_the_next_run_and_the_directory_is_tagged() {
    let dir = tempfile::tempdir().unwrap();
    let c = dir.path().join("c");
    let cache = ResultCache::new(c.clone());
    assert_eq!(cache.get(&key(7), TEXT), None);
    cache.put(&key(7), &checked());
    cache.put(&key(7), &checked());
    assert_eq!(cache.written(), 1, "a key is written once a run");
    cache.finish();
    assert_eq!(
        ResultCache::new(c.clone()).get(&key(7), TEXT),
        Some(checked())
    );
    let tag = std::fs::read_to_string(c.join("CACHEDIR.TAG")).unwrap();
    assert!(tag.starts_with("Signature: 8a477f597d28d172789f06886806bc55\n"));
    let ignore = std::fs::read_to_string(c.join(".gitignore")).unwrap();
    assert!(ignore.lines().any(|l| l == "*"));
    // One pack, no temporary file left.
    let names = listing(&c);
    assert_eq!(names.len(), 1, "{names:?}");
    assert!(names[0].ends_with(".pack") && !names[0].starts_with('.'));
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        // Readable by whom any new file is (the umask decides).
        let plain = dir.path().join("plain");
        std::fs::write(&plain, "").unwrap();
        let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o444;
        assert_eq!(
            mode(&c.join(format!("v{}", entry::FORMAT)).join(&names[0])),
            mode(&plain)
        );
    }
}

#[test]
fn a_run_that_stores_nothing_leaves_no_pack() {
    let dir = tempfile::tempdir().unwrap();
    run(dir.path(), NOW, [1]);
    let cache = ResultCache::at(dir.path().to_owned(), NOW);
    assert!(cache.get(&key(1), TEXT).is_some());
    // Found and used this run: not stored again.
    cache.put(&key(1), &checked());
    cache.finish();
    assert_eq!(cache.written(), 0);
    assert_eq!(listing(dir.path()).len(), 1);
}

#[test]
fn a_damaged_record_is_a_miss_and_is_stored_again() {
    let dir = tempfile::tempdir().unwrap();
    run(dir.path(), NOW, [1, 2]);
    let pack = dir
        .path()
        .join(format!("v{}", entry::FORMAT))
        .join(&listing(dir.path())[0]);
    let mut bytes = std::fs::read(&pack).unwrap();
    // A byte inside the last record's payload (key 2's or key 1's).
    let last = bytes.len() - 3;
    bytes[last] ^= 0x01;
    std::fs::write(&pack, &bytes).unwrap();
    let cache = ResultCache::at(dir.path().to_owned(), NOW);
    let found = [key(1), key(2)].map(|k| cache.get(&k, TEXT).is_some());
    assert_eq!(found.iter().filter(|f| **f).count(), 1, "{found:?}");
    let damaged = key(if found[0] { 2 } else { 1 });
    cache.put(&damaged, &checked());
    cache.finish();
    assert_eq!(cache.written(), 1);
    // The new record is read first; the damaged one is passed over.
    let next = ResultCache::at(dir.path().to_owned(), NOW);
    assert_eq!(next.get(&damaged, TEXT), Some(checked()));
}

#[test]
fn foreign_and_cut_packs_are_no_harm() {
    let dir = tempfile::tempdir().unwrap();
    run(dir.path(), NOW, [1, 2, 3]);
    let packs = dir.path().join(format!("v{}", entry::FORMAT));
    let whole = std::fs::read(packs.join(&listing(dir.path())[0])).unwrap();
    std::fs::write(packs.join("foreign.pack"), b"not a pack at all").unwrap();
    std::fs::write(packs.join("empty.pack"), b"").unwrap();
    std::fs::write(packs.join("cut.pack"), &whole[..whole.len() - 10]).unwrap();
    std::fs::write(packs.join("notes.txt"), b"mine").unwrap();
    let cache = ResultCache::at(dir.path().to_owned(), NOW);
    for n in [1, 2, 3] {
        assert_eq!(cache.get(&key(n), TEXT), Some(checked()), "{n}");
    }
    assert_eq!(cache.get(&key(4), TEXT), None);
}

#[test]
fn an_existing_directory_with_other_files_is_used_but_not_tagged() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("notes.txt"), "mine").unwrap();
    run(dir.path(), NOW, [1]);
    assert!(!dir.path().join(".gitignore").exists());
    assert!(!dir.path().join("CACHEDIR.TAG").exists());
    assert_eq!(clean(dir.path()).unwrap(), Cleaned::Emptied);
    let left: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(left, ["notes.txt"]);
}

#[test]
fn clean_removes_the_whole_cache_and_older_layouts_then_finds_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let cache_dir = dir.path().join(DEFAULT_DIR);
    run(&cache_dir, NOW, [2]);
    // A cache of the one-file-per-entry layout: never read, cleaned.
    let v1_entry = cache_dir.join("v1/5a").join("5a".repeat(31));
    std::fs::create_dir_all(v1_entry.parent().unwrap()).unwrap();
    std::fs::write(&v1_entry, "cablelint-cache 1 …").unwrap();
    // A compiled officials registry, and one being written.
    let officials = cache_dir.join(OFFICIALS_DIR);
    std::fs::create_dir_all(&officials).unwrap();
    std::fs::write(
        officials.join(format!("officials-{}.bin", "ab".repeat(32))),
        "x",
    )
    .unwrap();
    std::fs::write(officials.join(".officials-ab.12.tmp"), "x").unwrap();
    assert_eq!(
        ResultCache::at(cache_dir.clone(), NOW).get(&key(9), TEXT),
        None
    );
    assert_eq!(clean(&cache_dir).unwrap(), Cleaned::Removed);
    assert!(!cache_dir.exists());
    assert_eq!(clean(&cache_dir).unwrap(), Cleaned::NothingThere);
}

#[test]
fn an_unwritable_place_turns_writing_off() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("a-file");
    std::fs::write(&file, "").unwrap();
    let cache = ResultCache::new(file.join("cache"));
    cache.put(&key(3), &checked());
    cache.put(&key(4), &checked());
    assert_eq!(cache.written(), 0);
    assert!(cache.warned.load(Ordering::Relaxed));
    assert!(matches!(
        *cache.writer.lock().unwrap(),
        Writer::Failed(ref e) if !e.is_empty()
    ));
    assert_eq!(cache.get(&key(3), TEXT), None);
    cache.finish();
}

#[test]
fn more_than_max_packs_are_compacted_into_one() {
    let dir = tempfile::tempdir().unwrap();
    for n in 0..MAX_PACKS as u16 {
        run(dir.path(), NOW, [n]);
    }
    assert_eq!(listing(dir.path()).len(), MAX_PACKS);
    // The next run that writes makes one pack of all.
    run(dir.path(), NOW + 10, [100]);
    assert_eq!(listing(dir.path()).len(), 1);
    let mut keys: Vec<Key> = records(dir.path()).into_iter().map(|r| r.0).collect();
    keys.sort();
    let mut expected: Vec<Key> = (0..MAX_PACKS as u16).chain([100]).map(key).collect();
    expected.sort();
    assert_eq!(keys, expected);
    let cache = ResultCache::at(dir.path().to_owned(), NOW + 20);
    for n in (0..MAX_PACKS as u16).chain([100]) {
        assert_eq!(cache.get(&key(n), TEXT), Some(checked()), "{n}");
    }
}

#[test]
fn entries_unused_for_max_age_are_dropped_and_used_ones_kept_fresh() {
    let dir = tempfile::tempdir().unwrap();
    run(dir.path(), NOW, 0..10);
    // Within a day, using entries changes nothing on disk.
    let day_later = NOW + REFRESH_AFTER - 1;
    let cache = ResultCache::at(dir.path().to_owned(), day_later);
    assert!(cache.get(&key(0), TEXT).is_some());
    cache.finish();
    assert_eq!(records(dir.path()).len(), 10);

    // Eight days on, a run uses keys 0..3 and stores 50: the others are
    // past MAX_AGE and unused, so dead weight; the run compacts.
    let later = NOW + MAX_AGE + REFRESH_AFTER;
    let cache = ResultCache::at(dir.path().to_owned(), later);
    for n in 0..3 {
        assert!(cache.get(&key(n), TEXT).is_some());
    }
    cache.put(&key(50), &checked());
    cache.finish();
    assert_eq!(listing(dir.path()).len(), 1);
    let mut kept = records(dir.path());
    kept.sort();
    let mut expected: Vec<(Key, u64)> = [0, 1, 2, 50].map(|n| (key(n), later)).to_vec();
    expected.sort();
    assert_eq!(kept, expected, "the used ones are refreshed");
}

#[test]
fn a_warm_run_refreshes_old_entries_and_drops_their_old_copies() {
    let dir = tempfile::tempdir().unwrap();
    run(dir.path(), NOW, 0..20);
    let later = NOW + 2 * REFRESH_AFTER;
    let cache = ResultCache::at(dir.path().to_owned(), later);
    for n in 0..20 {
        assert!(cache.get(&key(n), TEXT).is_some());
    }
    cache.finish();
    assert_eq!(cache.written(), 0, "refreshing is not storing results");
    // Every record was stored again, so the old pack was all dead weight.
    assert_eq!(listing(dir.path()).len(), 1);
    let kept = records(dir.path());
    assert_eq!(kept.len(), 20);
    assert!(kept.iter().all(|(_, seen)| *seen == later));
}

#[test]
fn young_entries_of_other_runs_survive_compaction() {
    let dir = tempfile::tempdir().unwrap();
    // Two shards sharing a directory: each run uses or writes half.
    for round in 0..=MAX_PACKS as u64 {
        let first = if round % 2 == 0 { 0 } else { 100 };
        run(dir.path(), NOW + round, [first + round as u16]);
    }
    assert!(listing(dir.path()).len() <= MAX_PACKS);
    assert_eq!(records(dir.path()).len(), MAX_PACKS + 1);
}

#[test]
fn stale_temporary_packs_are_removed_by_a_compaction_and_fresh_ones_kept() {
    let dir = tempfile::tempdir().unwrap();
    run(dir.path(), NOW, [0]);
    let packs = dir.path().join(format!("v{}", entry::FORMAT));
    let stale = packs.join(".tmp-killedrun.pack");
    let fresh = packs.join(".tmp-running.pack");
    std::fs::write(&stale, pack::MAGIC).unwrap();
    std::fs::write(&fresh, pack::MAGIC).unwrap();
    let old = std::time::SystemTime::now() - std::time::Duration::from_secs(3 * 24 * 3600);
    std::fs::File::options()
        .write(true)
        .open(&stale)
        .unwrap()
        .set_modified(old)
        .unwrap();
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs();
    for n in 1..=MAX_PACKS as u16 {
        run(dir.path(), now, [n]);
    }
    assert!(!stale.exists());
    assert!(fresh.exists());
}

/// Two runs at once, each with threads storing overlapping keys, then two
/// compacting at once: every entry is readable after, none is wrong.
#[test]
fn concurrent_runs_and_compactions_never_lose_or_corrupt_entries() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::thread::scope(|scope| {
        for run in 0..2u16 {
            scope.spawn(move || {
                let cache = ResultCache::at(d.to_owned(), NOW);
                std::thread::scope(|threads| {
                    for thread in 0..4u16 {
                        let cache = &cache;
                        threads.spawn(move || {
                            for n in 0..200u16 {
                                if n % 4 == thread || n % 3 == run {
                                    cache.put(&key(n), &checked());
                                }
                            }
                        });
                    }
                });
                cache.finish();
            });
        }
    });
    let cache = ResultCache::at(d.to_owned(), NOW);
    for n in 0..200 {
        assert_eq!(cache.get(&key(n), TEXT), Some(checked()), "{n}");
    }
    drop(cache);
    for n in 0..MAX_PACKS as u16 {
        run(d, NOW, [1000 + n]);
    }
    std::thread::scope(|scope| {
        for run in 0..2u16 {
            scope.spawn(move || {
                let cache = ResultCache::at(d.to_owned(), NOW + 1);
                // Usually hits; a miss when the other compaction removed a
                // pack as this run listed them (then it is checked again).
                for n in 0..50 {
                    cache.get(&key(n), TEXT);
                }
                cache.put(&key(2000 + run), &checked());
                cache.finish();
            });
        }
    });
    let cache = ResultCache::at(d.to_owned(), NOW + 2);
    for n in (0..200)
        .chain(1000..1000 + MAX_PACKS as u16)
        .chain([2000, 2001])
    {
        assert_eq!(cache.get(&key(n), TEXT), Some(checked()), "{n}");
    }
    assert!(listing(d).iter().all(|name| !name.starts_with('.')));
}

#[test]
fn registries_are_cached_where_results_are_unless_no_cache() {
    let flag = Some(Path::new("elsewhere"));
    assert_eq!(
        registry_cache(true, flag, None, true),
        RegistryCache::none()
    );
    assert_eq!(registry_cache(true, None, None, false).dir(), None);
    let cwd = std::env::current_dir().unwrap();
    assert_eq!(
        registry_cache(false, flag, None, true).dir(),
        Some(cwd.join("elsewhere").as_path())
    );
    assert_eq!(
        registry_cache(false, flag, None, true).dir(),
        Some(location(flag, None, true).as_path())
    );
}
