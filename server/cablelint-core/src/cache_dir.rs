//! The cache directory (`.cablelint_cache`) that the CLI and the language
//! server share: where it is, how it is made, and the choice, made by
//! whoever loads a configuration, of whether compiled officials registries
//! are kept there ([`RegistryCache`]). The result packs of `cablelint
//! check` live in the same directory; the CLI keeps them (its `cache`
//! module).

use std::io::{self, Write};
use std::path::{Path, PathBuf};

pub const DEFAULT_DIR: &str = ".cablelint_cache";
pub const ENV_DIR: &str = "CABLELINT_CACHE_DIR";
/// Compiled officials registries, beside the result packs.
pub const OFFICIALS_DIR: &str = "officials";
pub const GITIGNORE: &str = "# Made by cablelint: this directory is its result cache.\n*\n";
/// <https://bford.info/cachedir/>: backup tools skip directories tagged so.
pub const CACHEDIR_TAG: &str = "Signature: 8a477f597d28d172789f06886806bc55\n\
    # This file is a cache directory tag created by cablelint.\n\
    # For information about cache directory tags see https://bford.info/cachedir/\n";

/// `$CABLELINT_CACHE_DIR` (from the current directory), if set.
pub fn from_env() -> Option<PathBuf> {
    let dir = std::env::var_os(ENV_DIR).filter(|d| !d.is_empty())?;
    Some(std::env::current_dir().unwrap_or_default().join(dir))
}

/// The cache of a configuration rooted at `root` (its file's folder): what
/// `cablelint check` run there without `--cache-dir` uses.
pub fn beside(root: &Path) -> PathBuf {
    from_env().unwrap_or_else(|| root.join(DEFAULT_DIR))
}

/// Makes the cache directory `dir`, with the `.gitignore` and the tag when
/// cablelint makes it (or finds it empty): `--cache-dir .` must not hide a
/// project from git.
pub fn prepare(dir: &Path) -> io::Result<()> {
    if let Some(parent) = dir.parent() {
        std::fs::create_dir_all(parent)?;
    }
    let fresh = match std::fs::create_dir(dir) {
        Ok(()) => true,
        Err(e) if e.kind() == io::ErrorKind::AlreadyExists && dir.is_dir() => {
            std::fs::read_dir(dir)?.next().is_none()
        }
        Err(e) => return Err(e),
    };
    if fresh {
        create_new(&dir.join(".gitignore"), GITIGNORE)?;
        create_new(&dir.join("CACHEDIR.TAG"), CACHEDIR_TAG)?;
    }
    Ok(())
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

/// Whether a configuration keeps its compiled officials registries, and in
/// which cache directory: given to `Config::load_with` (and kept with the
/// configuration, which may load its registries later). The default keeps
/// none: every load parses the TOML.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RegistryCache {
    dir: Option<PathBuf>,
}

impl RegistryCache {
    /// No cache: registries are parsed every time.
    pub fn none() -> RegistryCache {
        RegistryCache::default()
    }

    /// Compiled registries in `<dir>/officials`; `dir` is made (as
    /// [`prepare`] makes it) only when a registry is first loaded.
    pub fn in_dir(dir: PathBuf) -> RegistryCache {
        RegistryCache { dir: Some(dir) }
    }

    /// The cache directory, if any.
    pub fn dir(&self) -> Option<&Path> {
        self.dir.as_deref()
    }

    /// The folder of compiled registries, the cache directory made; `None`
    /// without a cache or if it cannot be made (that costs only speed).
    pub(crate) fn folder(&self) -> Option<PathBuf> {
        let dir = self.dir.as_deref()?;
        match prepare(dir) {
            Ok(()) => Some(dir.join(OFFICIALS_DIR)),
            Err(e) => {
                tracing::debug!("no compiled registry cache in {}: {e}", dir.display());
                None
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_folder_is_made_only_when_asked_for_and_tagged() {
        let scratch = tempfile::tempdir().unwrap();
        let dir = scratch.path().join("deep/.cablelint_cache");
        let cache = RegistryCache::in_dir(dir.clone());
        assert!(!dir.exists(), "choosing a cache makes nothing");
        assert_eq!(cache.folder(), Some(dir.join(OFFICIALS_DIR)));
        assert_eq!(
            std::fs::read_to_string(dir.join(".gitignore")).unwrap(),
            GITIGNORE
        );
        assert_eq!(
            std::fs::read_to_string(dir.join("CACHEDIR.TAG")).unwrap(),
            CACHEDIR_TAG
        );
        assert_eq!(RegistryCache::none().folder(), None);
    }

    #[test]
    fn a_place_that_cannot_be_made_is_no_cache() {
        let scratch = tempfile::tempdir().unwrap();
        let file = scratch.path().join("a-file");
        std::fs::write(&file, "").unwrap();
        assert_eq!(RegistryCache::in_dir(file.join("cache")).folder(), None);
        assert_eq!(RegistryCache::in_dir(file.clone()).folder(), None);
    }

    #[test]
    fn a_folder_that_holds_other_files_is_used_untagged() {
        let scratch = tempfile::tempdir().unwrap();
        std::fs::write(scratch.path().join("notes.txt"), "mine").unwrap();
        prepare(scratch.path()).unwrap();
        assert!(!scratch.path().join(".gitignore").exists());
        assert!(!scratch.path().join("CACHEDIR.TAG").exists());
    }
}
