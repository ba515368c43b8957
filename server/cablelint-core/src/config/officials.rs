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
use crate::officials::matcher_with;
use cablelint_officials::{Matcher, Registry};
use std::path::PathBuf;
use std::sync::{Arc, OnceLock};

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
    let mut registries = Vec::with_capacity(entries.len());
    for entry in entries {
        match Registry::load_file(&entry.path) {
            Ok(registry) => registries.push(registry),
            // Unreadable: the fault is the entry that names it.
            Err(error) if error.line == 0 => {
                return Err(ConfigError {
                    message: format!(
                        "cannot read officials registry `{}`: {}",
                        entry.path.display(),
                        error.message
                    ),
                    ..entry.named_at.clone()
                })
            }
            Err(error) => {
                return Err(ConfigError {
                    path: entry.path.clone(),
                    position: Some((error.line, error.column.max(1))),
                    key: error.field,
                    message: error.message,
                })
            }
        }
    }
    Ok(matcher_with(registries))
}
