//! The packs a run finds when it starts, and where each key's records are.
//!
//! Loading reads each pack's record headers (76 bytes a record, skipping the
//! payloads), so the index holds about 65 bytes per entry and no payload; a
//! lookup reads one record with one positioned read from a pack kept open.
//! Packs that appear later (another run's) are not seen by this run.

use super::key::Key;
use super::pack::{self, Found};
use std::fs::File;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};

pub struct Pack {
    pub path: PathBuf,
    pub file: File,
    pub size: u64,
}

/// One record, and the pack it is in.
#[derive(Debug, Clone, Copy)]
pub struct Located {
    pub found: Found,
    pub pack: usize,
}

#[derive(Default)]
pub struct Index {
    pub packs: Vec<Pack>,
    /// By key; a key's records freshest first.
    records: Vec<Located>,
    /// Whether this run took its result from that record.
    used: Vec<AtomicBool>,
}

impl Index {
    /// The packs (`*.pack`) in `dir`. Whatever cannot be read is left out:
    /// its files are checked again.
    pub fn load(dir: &Path) -> Index {
        // A pack that vanishes between listing and opening was merged by a
        // compaction, whose pack is in place by then: listing again finds
        // it. (Compactions that keep racing cost checks, never results.)
        for _ in 0..3 {
            match Index::try_load(dir) {
                Ok(index) => return index,
                Err(e) => tracing::debug!("cache packs changed while read: {e}"),
            }
        }
        Index::try_load(dir).unwrap_or_default()
    }

    /// Fails only when a listed pack is gone.
    fn try_load(dir: &Path) -> std::io::Result<Index> {
        let mut index = Index::default();
        let Ok(listing) = std::fs::read_dir(dir) else {
            return Ok(index);
        };
        let mut paths: Vec<PathBuf> = listing
            .filter_map(|item| item.ok().map(|item| item.path()))
            .filter(|path| is_pack(path))
            .collect();
        paths.sort();
        for path in paths {
            let opened = File::open(&path).and_then(|file| {
                let found = pack::scan(&file)?;
                let size = file.metadata()?.len();
                Ok((file, found, size))
            });
            match opened {
                Ok((file, found, size)) => {
                    let pack = index.packs.len();
                    index
                        .records
                        .extend(found.into_iter().map(|found| Located { found, pack }));
                    index.packs.push(Pack { path, file, size });
                }
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Err(e),
                Err(e) => tracing::debug!("cache pack {} unreadable: {e}", path.display()),
            }
        }
        index.records.sort_by(|a, b| {
            a.found
                .key
                .cmp(&b.found.key)
                .then(b.found.seen.cmp(&a.found.seen))
        });
        index.used = index
            .records
            .iter()
            .map(|_| AtomicBool::new(false))
            .collect();
        Ok(index)
    }

    /// The positions of the records of `key`, freshest first.
    pub fn of(&self, key: &Key) -> std::ops::Range<usize> {
        let start = self.records.partition_point(|r| r.found.key < *key);
        let end = start + self.records[start..].partition_point(|r| r.found.key == *key);
        start..end
    }

    pub fn record(&self, at: usize) -> Located {
        self.records[at]
    }

    /// The payload of the record at `at`, if it is sound.
    pub fn read(&self, at: usize) -> Option<Vec<u8>> {
        let located = self.records[at];
        pack::read(&self.packs[located.pack].file, &located.found)
    }

    pub fn mark_used(&self, at: usize) {
        self.used[at].store(true, Ordering::Relaxed);
    }

    pub fn is_used(&self, at: usize) -> bool {
        self.used[at].load(Ordering::Relaxed)
    }

    /// Whether this run took a result from a record of `key`.
    pub fn used_key(&self, key: &Key) -> bool {
        self.of(key).any(|at| self.is_used(at))
    }

    /// Every record, grouped by key (freshest first within a key).
    pub fn groups(&self) -> impl Iterator<Item = std::ops::Range<usize>> + '_ {
        let mut start = 0;
        std::iter::from_fn(move || {
            let first = self.records.get(start)?;
            let end =
                start + self.records[start..].partition_point(|r| r.found.key == first.found.key);
            let group = start..end;
            start = end;
            Some(group)
        })
    }

    pub fn total_size(&self) -> u64 {
        self.packs.iter().map(|p| p.size).sum()
    }
}

/// A finished pack: `NAME.pack`, not a temporary `.tmp-…` one.
pub fn is_pack(path: &Path) -> bool {
    let name = path.file_name().map(|n| n.to_string_lossy());
    name.is_some_and(|n| n.ends_with(".pack") && !n.starts_with('.'))
}

#[cfg(test)]
impl Index {
    /// Every record: (key, seen).
    pub fn all(&self) -> Vec<(Key, u64)> {
        self.records
            .iter()
            .map(|r| (r.found.key, r.found.seen))
            .collect()
    }
}
