//! The result cache of `cablelint check`, like ruff's `.ruff_cache`: what a
//! file's check found, stored under a key of its bytes and its settings, so
//! an unchanged file is not checked again.
//!
//! Entries live in a few pack files, `<dir>/v<FORMAT>/<random>.pack`, not
//! one file each: making 20,000 small files cost more than checking 20,000
//! cables. A run reads the index of the packs there when it starts, writes
//! what it checks into one new pack of its own (under a temporary name,
//! renamed into place when it ends), and now and then compacts the packs
//! into one ([`compact`]). Packs are never changed once in place, so any
//! number of runs share the directory: each reads whole packs and writes its
//! own. A damaged record is a miss; a cache that cannot be written is a
//! warning, once, and the run goes on.

mod compact;
mod entry;
mod index;
mod key;
mod pack;
mod writer;

pub use entry::Checked;
pub use key::{Digests, Key, OptionsDigest};

use cablelint_core::config::RegistryCache;
use index::Index;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Mutex, PoisonError};
use writer::PackWriter;

use cablelint_core::cache_dir::{CACHEDIR_TAG, GITIGNORE};
pub use cablelint_core::cache_dir::{DEFAULT_DIR, OFFICIALS_DIR};

/// Where the cache lives: `--cache-dir`, else `$CABLELINT_CACHE_DIR`, else
/// `.cablelint_cache` beside the configuration that governs the current
/// directory (`--config FILE`, or the closest `cablelint.toml` above it),
/// else in the current directory.
pub fn location(cache_dir: Option<&Path>, config: Option<&Path>, no_config: bool) -> PathBuf {
    let cwd = std::env::current_dir().unwrap_or_default();
    if let Some(dir) = cache_dir {
        return cwd.join(dir);
    }
    if let Some(dir) = cablelint_core::cache_dir::from_env() {
        return dir;
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

/// The cache of one run: the packs it found, and the pack it writes.
pub struct ResultCache {
    dir: PathBuf,
    /// `<dir>/v<FORMAT>`: the packs.
    packs: PathBuf,
    /// This run's time, in seconds since 1970: when its records were seen.
    now: u64,
    index: Index,
    writer: Mutex<Writer>,
    warned: AtomicBool,
    written: AtomicUsize,
}

/// This run's pack, made on the first write.
enum Writer {
    Unopened,
    Open(PackWriter),
    /// Writing failed; nothing more is stored this run.
    Failed(String),
    Finished,
}

impl ResultCache {
    /// The cache at `dir`, with the index of the packs there now.
    pub fn new(dir: PathBuf) -> ResultCache {
        let now = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_secs());
        ResultCache::at(dir, now)
    }

    /// The cache as a run at `now` (seconds since 1970) sees it.
    fn at(dir: PathBuf, now: u64) -> ResultCache {
        let packs = dir.join(format!("v{}", entry::FORMAT));
        ResultCache {
            index: Index::load(&packs),
            packs,
            dir,
            now,
            writer: Mutex::new(Writer::Unopened),
            warned: AtomicBool::new(false),
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
        for at in self.index.of(key) {
            let checked = self
                .index
                .read(at)
                .and_then(|payload| entry::decode(&payload, text).map(|c| (c, payload)));
            let Some((checked, payload)) = checked else {
                tracing::debug!("a cache record of {} is unusable", key.to_hex());
                continue;
            };
            self.index.mark_used(at);
            let seen = self.index.record(at).found.seen;
            if self.now.saturating_sub(seen) > compact::REFRESH_AFTER {
                // Stored again as seen now, so that compaction keeps it (a
                // read-only cache is no reason for a warning here).
                let _ = self.append(key, self.now, &payload);
            }
            return Some(checked);
        }
        None
    }

    /// Stores a result. Failure to write turns writing off for the rest of
    /// the run, with one warning.
    pub fn put(&self, key: &Key, checked: &Checked) {
        // A sound record of this key was read this run (`--fix` and `--diff`
        // check files whose entry has fixes): it is there already.
        if self.index.used_key(key) {
            return;
        }
        let Some(payload) = entry::encode(checked) else {
            return;
        };
        match self.append(key, self.now, &payload) {
            Ok(true) => {
                self.written.fetch_add(1, Ordering::Relaxed);
            }
            Ok(false) => {}
            Err(e) => self.warn(&e),
        }
    }

    fn warn(&self, error: &str) {
        if !self.warned.swap(true, Ordering::Relaxed) {
            eprintln!(
                "warning: cannot write the cache at {}: {error}; going on without storing results",
                self.shown()
            );
        }
    }

    /// Appends a record to this run's pack, opening it first if need be;
    /// `false` when the pack holds that key already.
    fn append(&self, key: &Key, seen: u64, payload: &[u8]) -> Result<bool, String> {
        let mut writer = self.writer.lock().unwrap_or_else(PoisonError::into_inner);
        if matches!(*writer, Writer::Unopened) {
            *writer = match self.open_pack() {
                Ok(pack) => Writer::Open(pack),
                Err(e) => Writer::Failed(e.to_string()),
            };
        }
        match &mut *writer {
            Writer::Open(pack) => match pack.append(key, seen, payload) {
                Ok(added) => Ok(added),
                Err(e) => {
                    // The temporary pack is removed as it is dropped.
                    *writer = Writer::Failed(e.to_string());
                    Err(e.to_string())
                }
            },
            Writer::Failed(e) => Err(e.clone()),
            Writer::Unopened | Writer::Finished => Ok(false),
        }
    }

    fn open_pack(&self) -> io::Result<PackWriter> {
        self.prepare()?;
        PackWriter::create(&self.packs)
    }

    /// Ends the run's writing: compacts the packs if they are due (see
    /// [`compact`]), then puts this run's pack in place. Called once all
    /// files are done (and by `drop`); later calls do nothing.
    pub fn finish(&self) {
        let mut writer = self.writer.lock().unwrap_or_else(PoisonError::into_inner);
        let mut pack = match std::mem::replace(&mut *writer, Writer::Finished) {
            Writer::Open(pack) => Some(pack),
            Writer::Unopened => None,
            Writer::Failed(_) | Writer::Finished => return,
        };
        let stored = pack.as_ref().map(PackWriter::keys);
        let due = compact::due(&self.index, stored, self.now);
        let mut compacted = false;
        if due {
            // A read-only cache is only read: no warning for it here.
            if pack.is_none() {
                pack = self.open_pack().ok();
            }
            if let Some(pack) = &mut pack {
                match compact::copy_live(&self.index, pack, self.now) {
                    Ok(()) => compacted = true,
                    Err(e) => tracing::debug!("cache compaction stopped: {e}"),
                }
            }
        }
        let Some(pack) = pack else {
            return;
        };
        if let Err(e) = pack.persist(&self.packs) {
            self.written.store(0, Ordering::Relaxed);
            self.warn(&e.to_string());
            return;
        }
        if compacted {
            compact::remove_merged(&self.index, &self.packs, self.now);
        }
    }

    /// Makes the cache directory. Only a directory cablelint makes (or finds
    /// empty) gets the `.gitignore` and the tag: `--cache-dir .` must not
    /// hide a project from git.
    fn prepare(&self) -> io::Result<()> {
        cablelint_core::cache_dir::prepare(&self.dir)?;
        create_dir(&self.packs)
    }
}

/// Where `check` and `officials` keep compiled officials registries: in
/// the cache at `location(…)`, or nowhere with `--no-cache`.
pub fn registry_cache(
    no_cache: bool,
    cache_dir: Option<&Path>,
    config: Option<&Path>,
    no_config: bool,
) -> RegistryCache {
    if no_cache {
        RegistryCache::none()
    } else {
        RegistryCache::in_dir(location(cache_dir, config, no_config))
    }
}

impl Drop for ResultCache {
    fn drop(&mut self) {
        self.finish();
    }
}

fn create_dir(dir: &Path) -> io::Result<()> {
    match std::fs::create_dir(dir) {
        Err(e) if e.kind() == io::ErrorKind::AlreadyExists && dir.is_dir() => Ok(()),
        other => other,
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
/// entry directories, compiled officials registries, its `.gitignore` and
/// CACHEDIR.TAG), then the directory
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
        } else if name == OFFICIALS_DIR && item.file_type()?.is_dir() {
            clean_compiled_registries(&item.path())?;
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

/// Removes the compiled registries (`officials-*.bin`, and temporaries
/// `.officials-*`), then their folder if that leaves it empty.
fn clean_compiled_registries(dir: &Path) -> io::Result<()> {
    for item in std::fs::read_dir(dir)? {
        let item = item?;
        let name = item.file_name();
        let name = name.to_string_lossy();
        if (name.starts_with("officials-") && name.ends_with(".bin"))
            || name.starts_with(".officials-")
        {
            std::fs::remove_file(item.path())?;
        }
    }
    let _ = std::fs::remove_dir(dir);
    Ok(())
}

#[cfg(test)]
mod tests;
