//! Keeping the cache's size bounded. Every run that stores results adds a
//! pack; a run compacts (writes every live entry into its own pack and
//! removes the packs it read) when it found more than [`MAX_PACKS`] packs,
//! or when a third or more of their bytes is dead weight.
//!
//! An entry is live when this run used it, or when it was written or last
//! refreshed at most [`MAX_AGE`] ago. A run that uses an entry older than
//! [`REFRESH_AFTER`] stores it again, as seen now. So an entry some run uses
//! at least once a week stays; one that none uses for a week (an old version
//! of an edited file, results of another cablelint version) is dropped at
//! the next compaction, as are damaged records and copies of the same entry.

use super::index::Index;
use super::key::Key;
use super::writer::{PackWriter, TEMP_PREFIX};
use std::collections::HashSet;
use std::io;
use std::path::Path;

const DAY: u64 = 24 * 60 * 60;
pub const MAX_PACKS: usize = 8;
pub const MAX_AGE: u64 = 7 * DAY;
pub const REFRESH_AFTER: u64 = DAY;

/// The records of a key that compaction may keep, the one to keep first:
/// none when this run's pack has the key already.
fn candidates<'a>(
    index: &'a Index,
    group: std::ops::Range<usize>,
    stored: Option<&HashSet<Key>>,
    now: u64,
) -> impl Iterator<Item = usize> + 'a {
    let key = index.record(group.start).found.key;
    let stored = stored.is_some_and(|keys| keys.contains(&key));
    group.filter(move |&at| {
        !stored && (index.is_used(at) || now.saturating_sub(index.record(at).found.seen) <= MAX_AGE)
    })
}

/// Whether this run should compact, given the keys its own pack holds.
pub fn due(index: &Index, stored: Option<&HashSet<Key>>, now: u64) -> bool {
    let total = index.total_size();
    if index.packs.is_empty() {
        return false;
    }
    if index.packs.len() + usize::from(stored.is_some()) > MAX_PACKS {
        return true;
    }
    let live: u64 = index
        .groups()
        .filter_map(|group| candidates(index, group, stored, now).next())
        .map(|at| index.record(at).found.size())
        .sum();
    let dead = total.saturating_sub(live);
    dead * 3 >= total
}

/// Copies every live entry of the packs read into `pack` (one sound record
/// a key); an entry this run used is stored as seen now.
pub fn copy_live(index: &Index, pack: &mut PackWriter, now: u64) -> io::Result<()> {
    for group in index.groups() {
        if pack.keys().contains(&index.record(group.start).found.key) {
            continue;
        }
        for at in candidates(index, group, None, now) {
            if let Some(payload) = index.read(at) {
                let found = index.record(at).found;
                let seen = if index.is_used(at) { now } else { found.seen };
                pack.append(&found.key, seen, &payload)?;
                break;
            }
        }
    }
    Ok(())
}

/// After a compaction: removes the packs it read, and temporary packs of
/// runs that ended without finishing theirs (a day old at least). A pack
/// another run has open stays readable to it until closed (on Windows it
/// cannot be removed yet: the next compaction does).
pub fn remove_merged(index: &Index, dir: &Path, now: u64) {
    for pack in &index.packs {
        if let Err(e) = std::fs::remove_file(&pack.path) {
            tracing::debug!("cache pack {} not removed: {e}", pack.path.display());
        }
    }
    let Ok(listing) = std::fs::read_dir(dir) else {
        return;
    };
    for item in listing.flatten() {
        let stale = item.file_name().to_string_lossy().starts_with(TEMP_PREFIX)
            && item
                .metadata()
                .and_then(|m| m.modified())
                .ok()
                .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
                .is_some_and(|t| now.saturating_sub(t.as_secs()) > DAY);
        if stale {
            let _ = std::fs::remove_file(item.path());
        }
    }
}
