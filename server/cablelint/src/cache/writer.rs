//! The pack one run writes: a temporary file in the packs' directory,
//! renamed to `<random>.pack` when the run ends, so other runs read only
//! whole packs and never one being written.

use super::key::Key;
use super::pack;
use std::collections::HashSet;
use std::io::{self, BufWriter, Write};
use std::path::Path;
use tempfile::NamedTempFile;

pub const TEMP_PREFIX: &str = ".tmp-";

pub struct PackWriter {
    file: BufWriter<NamedTempFile>,
    /// The keys with a record here: each is written once.
    keys: HashSet<Key>,
}

impl PackWriter {
    pub fn create(dir: &Path) -> io::Result<PackWriter> {
        let mut builder = tempfile::Builder::new();
        builder.prefix(TEMP_PREFIX).suffix(".pack").rand_bytes(12);
        // Readable like any file the user makes (tempfile's default is 0600),
        // so a cache shared between accounts, or restored in CI, is read.
        #[cfg(unix)]
        builder.permissions(std::os::unix::fs::PermissionsExt::from_mode(0o644));
        let temp = builder.tempfile_in(dir)?;
        // Records are about a kilobyte: a large buffer makes few writes.
        let mut file = BufWriter::with_capacity(256 * 1024, temp);
        file.write_all(pack::MAGIC)?;
        Ok(PackWriter {
            file,
            keys: HashSet::new(),
        })
    }

    pub fn keys(&self) -> &HashSet<Key> {
        &self.keys
    }

    /// Adds a record; `false` when one of that key is here already, or the
    /// payload is past what a reader accepts (then it is not stored).
    pub fn append(&mut self, key: &Key, seen: u64, payload: &[u8]) -> io::Result<bool> {
        let fits = u32::try_from(payload.len()).is_ok_and(|len| len <= pack::MAX_PAYLOAD);
        if !fits || !self.keys.insert(*key) {
            return Ok(false);
        }
        pack::write_record(&mut self.file, key, seen, payload)?;
        Ok(true)
    }

    /// Writes out what is buffered and gives the pack its final name in
    /// `dir`; a pack without records is removed instead. No fsync: a pack cut
    /// by a power cut loses its last records (their checksums fail), which
    /// costs a check each.
    pub fn persist(self, dir: &Path) -> io::Result<()> {
        if self.keys.is_empty() {
            return Ok(());
        }
        let temp = self.file.into_inner().map_err(|e| e.into_error())?;
        let name = temp
            .path()
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let name = name.strip_prefix(TEMP_PREFIX).unwrap_or(&name);
        // The temporary name was unique when made; the final name cannot be
        // taken unless by a pack of a run that made the same random name.
        temp.persist_noclobber(dir.join(name))
            .map(drop)
            .map_err(|e| e.error)
    }
}
