//! User officials registries (`[officials] registries`), loaded on first use.
//!
//! Parsing a registry and building its matcher costs about 130 M
//! instructions per 1,000 people — several times the check of a whole
//! collection — and only the O rules, `cablelint officials` and the editor's
//! officials features need it. So a configuration that runs no O rule never
//! reads its registries; one that does loads them while it is validated
//! (see `validate::build`), so a bad registry is reported as before: at
//! start-up, naming the registry file, line and field. Whoever loads the
//! configuration chooses whether their compiled form is cached
//! ([`RegistryCache`]); the choice stays with the configuration.

use super::error::ConfigError;
use crate::cache_dir::RegistryCache;
use cablelint_officials::{merged_matcher_cached, CacheUse, Matcher};
use std::path::PathBuf;
use std::sync::{Arc, OnceLock};

/// The configured registry files and, once asked for, the built-in registry
/// with them merged over it (shared by every clone of the configuration).
#[derive(Debug)]
pub(super) struct UserRegistries {
    entries: Vec<Entry>,
    /// Where their compiled form is kept, as the loader of the
    /// configuration chose.
    cache: RegistryCache,
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
    pub fn new(entries: Vec<Entry>, cache: RegistryCache) -> UserRegistries {
        UserRegistries {
            entries,
            cache,
            loaded: OnceLock::new(),
        }
    }

    /// The merged matcher, loading the files the first time.
    pub fn matcher(&self) -> Result<Arc<Matcher>, ConfigError> {
        self.loaded
            .get_or_init(|| load(&self.entries, &self.cache))
            .clone()
    }

    /// The merged matcher if it was loaded already (successfully).
    pub fn loaded(&self) -> Option<Arc<Matcher>> {
        self.loaded.get().and_then(|r| r.as_ref().ok()).cloned()
    }
}

fn load(entries: &[Entry], cache: &RegistryCache) -> Result<Arc<Matcher>, ConfigError> {
    let paths: Vec<PathBuf> = entries.iter().map(|e| e.path.clone()).collect();
    let folder = cache.folder();
    match merged_matcher_cached(&paths, folder.as_deref()) {
        Ok((matcher, used)) => {
            log(&used);
            Ok(Arc::new(matcher))
        }
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

/// A cache that cannot be written costs only speed: said at debug level.
fn log(used: &CacheUse) {
    match used {
        CacheUse::Off => tracing::debug!("officials registries parsed (no cache)"),
        CacheUse::Read(file) => {
            tracing::debug!("officials registries read from {}", file.display())
        }
        CacheUse::Written(file) => {
            tracing::debug!("officials registries compiled into {}", file.display())
        }
        CacheUse::NotWritten(file, error) => {
            tracing::debug!(
                "cannot keep compiled registries in {}: {error}",
                file.display()
            )
        }
    }
}
