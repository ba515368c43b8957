//! The result cache of `cablelint check`, like ruff's `.ruff_cache`: what a
//! file's check found, stored under a key of its bytes and its settings, so
//! an unchanged file is not checked again.
//!
//! One small entry per key, `<dir>/v<FORMAT>/<2 hex>/<62 hex>`, read and
//! written one file at a time: memory does not grow with the number of files,
//! there is no index to load or to lose, and two runs (or two threads) share
//! the directory safely, since an entry is written to a temporary file and
//! renamed into place. A bad entry is a miss; a cache that cannot be written
//! is a warning, once, and the run goes on.

mod entry;
mod key;

pub use entry::Checked;
pub use key::{Digests, Key, OptionsDigest};

use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::OnceLock;

pub const DEFAULT_DIR: &str = ".cablelint_cache";
pub const ENV_DIR: &str = "CABLELINT_CACHE_DIR";
const GITIGNORE: &str = "# Made by cablelint: this directory is its result cache.\n*\n";
/// <https://bford.info/cachedir/>: backup tools skip directories tagged so.
const CACHEDIR_TAG: &str = "Signature: 8a477f597d28d172789f06886806bc55\n\
    # This file is a cache directory tag created by cablelint.\n\
    # For information about cache directory tags see https://bford.info/cachedir/\n";

/// Where the cache lives: `--cache-dir`, else `$CABLELINT_CACHE_DIR`, else
/// `.cablelint_cache` beside the configuration that governs the current
/// directory (`--config FILE`, or the closest `cablelint.toml` above it),
/// else in the current directory.
pub fn location(cache_dir: Option<&Path>, config: Option<&Path>, no_config: bool) -> PathBuf {
    let cwd = std::env::current_dir().unwrap_or_default();
    if let Some(dir) = cache_dir {
        return cwd.join(dir);
    }
    if let Some(dir) = std::env::var_os(ENV_DIR).filter(|d| !d.is_empty()) {
        return cwd.join(dir);
    }
    let config = match (config, no_config) {
        (_, true) => None,
        (Some(file), false) => Some(cwd.join(file)),
        (None, false) => cablelint_core::config::find_config(&cwd),
    };
    let root = config
        .as_deref()
        .and_then(Path::parent)
        .map_or(cwd.clone(), Path::to_owned);
    root.join(DEFAULT_DIR)
}

/// A path as messages name it: from the current directory when inside it.
pub fn shown(dir: &Path) -> String {
    let cwd = std::env::current_dir().unwrap_or_default();
    dir.strip_prefix(&cwd).unwrap_or(dir).display().to_string()
}

/// The cache of one run.
pub struct ResultCache {
    dir: PathBuf,
    entries: PathBuf,
    /// Made on the first write: the directories, `.gitignore`, CACHEDIR.TAG.
    ready: OnceLock<Result<(), String>>,
    writable: AtomicBool,
    /// Shard directories known to exist.
    shards: [AtomicBool; 256],
    written: AtomicUsize,
}

impl ResultCache {
    pub fn new(dir: PathBuf) -> ResultCache {
        ResultCache {
            entries: dir.join(format!("v{}", entry::FORMAT)),
            dir,
            ready: OnceLock::new(),
            writable: AtomicBool::new(true),
            shards: std::array::from_fn(|_| AtomicBool::new(false)),
            written: AtomicUsize::new(0),
        }
    }

    /// The directory as messages name it: from the current directory when
    /// inside it.
    pub fn shown(&self) -> String {
        shown(&self.dir)
    }

    /// Entries written so far.
    pub fn written(&self) -> usize {
        self.written.load(Ordering::Relaxed)
    }

    /// The stored result for the file with this key and decoded text, if a
    /// sound one is there.
    pub fn get(&self, key: &Key, text: &str) -> Option<Checked> {
        let bytes = std::fs::read(self.path_of(*key)).ok()?;
        let checked = entry::decode(&bytes, key, text);
        if checked.is_none() {
            tracing::debug!("cache entry {} is unusable; checking again", key.to_hex());
        }
        checked
    }

    /// Stores a result (replacing whatever is there). Failure to write turns
    /// writing off for the rest of the run, with one warning.
    pub fn put(&self, key: &Key, checked: &Checked) {
        if !self.writable.load(Ordering::Relaxed) {
            return;
        }
        let Some(bytes) = entry::encode(key, checked) else {
            return;
        };
        match self.write(key, &bytes) {
            Ok(()) => {
                self.written.fetch_add(1, Ordering::Relaxed);
            }
            Err(e) => {
                if self.writable.swap(false, Ordering::Relaxed) {
                    eprintln!(
                        "warning: cannot write the cache at {}: {e}; going on without storing results",
                        self.shown()
                    );
                }
            }
        }
    }

    fn path_of(&self, key: Key) -> PathBuf {
        let hex = key.to_hex();
        self.entries.join(&hex[..2]).join(&hex[2..])
    }

    fn write(&self, key: &Key, bytes: &[u8]) -> io::Result<()> {
        if let Err(e) = self
            .ready
            .get_or_init(|| self.prepare().map_err(|e| e.to_string()))
        {
            return Err(io::Error::other(e.clone()));
        }
        let path = self.path_of(*key);
        let shard_dir = path.parent().unwrap_or(&self.entries);
        let shard = key.shard();
        if !self.shards[shard].load(Ordering::Relaxed) {
            create_dir(shard_dir)?;
            self.shards[shard].store(true, Ordering::Relaxed);
        }
        let mut builder = tempfile::Builder::new();
        builder.prefix(".tmp-");
        // Readable like any file the user makes (tempfile's default is 0600),
        // so a cache shared between accounts, or restored in CI, is read.
        #[cfg(unix)]
        builder.permissions(std::os::unix::fs::PermissionsExt::from_mode(0o644));
        let mut temp = builder.tempfile_in(shard_dir)?;
        temp.write_all(bytes)?;
        // No fsync: an entry torn by a power cut fails its checksum and is
        // a miss, which costs one check.
        temp.persist(&path).map_err(|e| e.error)?;
        Ok(())
    }

    /// Makes the cache directory. Only a directory cablelint makes (or finds
    /// empty) gets the `.gitignore` and the tag: `--cache-dir .` must not
    /// hide a project from git.
    fn prepare(&self) -> io::Result<()> {
        if let Some(parent) = self.dir.parent() {
            std::fs::create_dir_all(parent)?;
        }
        let fresh = match std::fs::create_dir(&self.dir) {
            Ok(()) => true,
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists && self.dir.is_dir() => {
                std::fs::read_dir(&self.dir)?.next().is_none()
            }
            Err(e) => return Err(e),
        };
        if fresh {
            create_new(&self.dir.join(".gitignore"), GITIGNORE)?;
            create_new(&self.dir.join("CACHEDIR.TAG"), CACHEDIR_TAG)?;
        }
        create_dir(&self.entries)
    }
}

fn create_dir(dir: &Path) -> io::Result<()> {
    match std::fs::create_dir(dir) {
        Err(e) if e.kind() == io::ErrorKind::AlreadyExists && dir.is_dir() => Ok(()),
        other => other,
    }
}

/// Writes a file unless it exists (another run may be making it too).
fn create_new(path: &Path, text: &str) -> io::Result<()> {
    match std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)
    {
        Ok(mut file) => file.write_all(text.as_bytes()),
        Err(e) if e.kind() == io::ErrorKind::AlreadyExists => Ok(()),
        Err(e) => Err(e),
    }
}

/// What `cablelint clean` did.
#[derive(Debug, PartialEq, Eq)]
pub enum Cleaned {
    Removed,
    /// Entries removed; the directory stays, as it holds files not ours.
    Emptied,
    NothingThere,
}

/// Removes the cache at `dir`: only what cablelint writes there (the `v<N>`
/// entry directories, its `.gitignore` and CACHEDIR.TAG), then the directory
/// if that leaves it empty. A mistaken `--cache-dir` never deletes a
/// user's files.
pub fn clean(dir: &Path) -> io::Result<Cleaned> {
    let listing = match std::fs::read_dir(dir) {
        Ok(listing) => listing,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(Cleaned::NothingThere),
        Err(e) => return Err(e),
    };
    for item in listing {
        let item = item?;
        let name = item.file_name();
        let name = name.to_string_lossy();
        let is_entries = name.len() > 1
            && name.starts_with('v')
            && name[1..].bytes().all(|b| b.is_ascii_digit())
            && item.file_type()?.is_dir();
        let ours = |text: &str| std::fs::read_to_string(item.path()).is_ok_and(|t| t == text);
        if is_entries {
            std::fs::remove_dir_all(item.path())?;
        } else if (name == ".gitignore" && ours(GITIGNORE))
            || (name == "CACHEDIR.TAG" && ours(CACHEDIR_TAG))
        {
            std::fs::remove_file(item.path())?;
        }
    }
    match std::fs::remove_dir(dir) {
        Ok(()) => Ok(Cleaned::Removed),
        Err(_) if std::fs::read_dir(dir)?.next().is_some() => Ok(Cleaned::Emptied),
        Err(e) => Err(e),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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

    const TEXT: &str = "发往 𠀋 [] 乌鲁木齐\r\n";

    #[test]
    fn a_stored_result_is_found_again_and_the_directory_is_tagged() {
        let dir = tempfile::tempdir().unwrap();
        let cache = ResultCache::new(dir.path().join("c"));
        let key = Key::from_bytes([7; 32]);
        assert_eq!(cache.get(&key, TEXT), None);
        cache.put(&key, &checked());
        assert_eq!(cache.get(&key, TEXT), Some(checked()));
        assert_eq!(cache.written(), 1);
        let tag = std::fs::read_to_string(dir.path().join("c/CACHEDIR.TAG")).unwrap();
        assert!(tag.starts_with("Signature: 8a477f597d28d172789f06886806bc55\n"));
        let ignore = std::fs::read_to_string(dir.path().join("c/.gitignore")).unwrap();
        assert!(ignore.lines().any(|l| l == "*"));
        let entry = dir.path().join("c/v1/07").join("07".repeat(31));
        assert!(entry.is_file());
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            // Readable by whom any new file is (the umask decides).
            let plain = dir.path().join("plain");
            std::fs::write(&plain, "").unwrap();
            let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o444;
            assert_eq!(mode(&entry), mode(&plain));
        }
        // Nothing but the entry is left in its shard.
        assert_eq!(
            std::fs::read_dir(entry.parent().unwrap()).unwrap().count(),
            1
        );
    }

    #[test]
    fn a_damaged_entry_is_a_miss_and_is_replaced() {
        let dir = tempfile::tempdir().unwrap();
        let cache = ResultCache::new(dir.path().to_owned());
        let key = Key::from_bytes([9; 32]);
        cache.put(&key, &checked());
        let path = cache.path_of(key);
        let whole = std::fs::read(&path).unwrap();
        std::fs::write(&path, &whole[..whole.len() / 2]).unwrap();
        assert_eq!(cache.get(&key, TEXT), None);
        cache.put(&key, &checked());
        assert_eq!(std::fs::read(&path).unwrap(), whole);
    }

    #[test]
    fn an_existing_directory_with_other_files_is_used_but_not_tagged() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("notes.txt"), "mine").unwrap();
        let cache = ResultCache::new(dir.path().to_owned());
        cache.put(&Key::from_bytes([1; 32]), &checked());
        assert_eq!(cache.written(), 1);
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
    fn clean_removes_the_whole_cache_and_then_finds_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let cache_dir = dir.path().join(DEFAULT_DIR);
        ResultCache::new(cache_dir.clone()).put(&Key::from_bytes([2; 32]), &checked());
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
        cache.put(&Key::from_bytes([3; 32]), &checked());
        cache.put(&Key::from_bytes([4; 32]), &checked());
        assert_eq!(cache.written(), 0);
        assert!(!cache.writable.load(Ordering::Relaxed));
        assert_eq!(cache.get(&Key::from_bytes([3; 32]), TEXT), None);
    }
}
