//! User officials registries (`[officials] registries`), loaded on first use.
//!
//! Parsing a registry and building its matcher costs about 130 M
//! instructions per 1,000 people — several times the check of a whole
//! collection — and only the O rules, `cablelint officials` and the editor's
//! officials features need it. So a configuration that runs no O rule never
//! reads its registries; one that does loads them while it is validated
//! (see `validate::build`), so a bad registry is reported as before: at
//! start-up, naming the registry file, line and field.

use super::error::ConfigError;
use cablelint_officials::{merged_matcher, Matcher};
use std::path::PathBuf;
use std::sync::{Arc, OnceLock};

/// Where compiled registries are cached: asked when a registry is first
/// loaded; `None` (or never set) parses the TOML every time.
type CacheDir = Box<dyn Fn() -> Option<PathBuf> + Send + Sync>;

static COMPILED_CACHE_DIR: OnceLock<CacheDir> = OnceLock::new();

/// Caches compiled user registries in the folder `dir` gives when first
/// asked (the CLI: a folder of its result cache, made then). Set once per
/// process, before configurations are loaded; later calls are ignored.
pub fn cache_compiled_registries(dir: impl Fn() -> Option<PathBuf> + Send + Sync + 'static) {
    let _ = COMPILED_CACHE_DIR.set(Box::new(dir));
}

/// The configured registry files and, once asked for, the built-in registry
/// with them merged over it (shared by every clone of the configuration).
#[derive(Debug)]
pub(super) struct UserRegistries {
    entries: Vec<Entry>,
    loaded: OnceLock<Result<Arc<Matcher>, ConfigError>>,
}

/// One registry file and where `cablelint.toml` names it (an error with an
/// empty message: the place an unreadable file is reported at).
#[derive(Debug)]
pub(super) struct Entry {
    pub path: PathBuf,
    pub named_at: ConfigError,
}

impl UserRegistries {
    pub fn new(entries: Vec<Entry>) -> UserRegistries {
        UserRegistries {
            entries,
            loaded: OnceLock::new(),
        }
    }

    /// The merged matcher, loading the files the first time.
    pub fn matcher(&self) -> Result<Arc<Matcher>, ConfigError> {
        self.loaded.get_or_init(|| load(&self.entries)).clone()
    }

    /// The merged matcher if it was loaded already (successfully).
    pub fn loaded(&self) -> Option<Arc<Matcher>> {
        self.loaded.get().and_then(|r| r.as_ref().ok()).cloned()
    }
}

fn load(entries: &[Entry]) -> Result<Arc<Matcher>, ConfigError> {
    let paths: Vec<PathBuf> = entries.iter().map(|e| e.path.clone()).collect();
    let cache_dir = COMPILED_CACHE_DIR.get().and_then(|dir| dir());
    match merged_matcher(&paths, cache_dir.as_deref()) {
        Ok(matcher) => Ok(Arc::new(matcher)),
        // Unreadable: the fault is the entry that names it.
        Err((index, error)) if error.line == 0 => {
            let entry = &entries[index];
            Err(ConfigError {
                message: format!(
                    "cannot read officials registry `{}`: {}",
                    entry.path.display(),
                    error.message
                ),
                ..entry.named_at.clone()
            })
        }
        Err((index, error)) => Err(ConfigError {
            path: entries[index].path.clone(),
            position: Some((error.line, error.column.max(1))),
            key: error.field,
            message: error.message,
        }),
    }
}
