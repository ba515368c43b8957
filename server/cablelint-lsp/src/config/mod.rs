//! Which options a document is checked with: the client's settings, then the
//! nearest `cablelint.toml` over them. A file that fails to load keeps its
//! last good contents in force and its error is kept for reporting.

pub mod file;
pub mod settings;

use cablelint_core::profile::ProfileSet;
use cablelint_core::CheckOptions;
use file::{ConfigError, FileConfig};
use settings::Settings;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

#[derive(Default)]
struct LoadedFile {
    good: Option<FileConfig>,
    error: Option<ConfigError>,
}

pub struct ConfigStore {
    settings: Settings,
    /// The built-in profiles, parsed once.
    builtin: ProfileSet,
    files: HashMap<PathBuf, LoadedFile>,
    built: HashMap<Option<PathBuf>, Arc<CheckOptions>>,
    /// Bumped whenever any options may have changed.
    pub generation: u64,
}

impl Default for ConfigStore {
    fn default() -> Self {
        ConfigStore {
            settings: Settings::default(),
            builtin: ProfileSet::builtin(),
            files: HashMap::new(),
            built: HashMap::new(),
            generation: 1,
        }
    }
}

impl ConfigStore {
    pub fn settings(&self) -> &Settings {
        &self.settings
    }

    pub fn set_settings(&mut self, settings: Settings) {
        if settings != self.settings {
            self.settings = settings;
            self.invalidate();
        }
    }

    pub fn is_loaded(&self, path: &Path) -> bool {
        self.files.contains_key(path)
    }

    /// The options for documents governed by `config` (`None`: no file).
    pub fn options(&mut self, config: Option<&Path>) -> Arc<CheckOptions> {
        let key = config.map(Path::to_path_buf);
        if let Some(options) = self.built.get(&key) {
            return options.clone();
        }
        let mut options = CheckOptions {
            profiles: self.builtin.clone(),
            ..CheckOptions::default()
        };
        self.settings.apply(&mut options);
        if let Some(path) = config {
            if !self.files.contains_key(path) {
                self.load(path);
            }
            if let Some(good) = self.files.get(path).and_then(|f| f.good.as_ref()) {
                good.apply(&mut options);
            }
        }
        let options = Arc::new(options);
        self.built.insert(key, options.clone());
        options
    }

    /// Reads a file again after it changed on disk.
    pub fn reload(&mut self, path: &Path) {
        self.load(path);
        self.invalidate();
    }

    /// Forgets a file that was deleted.
    pub fn forget(&mut self, path: &Path) {
        self.files.remove(path);
        self.invalidate();
    }

    pub fn error(&self, path: &Path) -> Option<&ConfigError> {
        self.files.get(path).and_then(|f| f.error.as_ref())
    }

    fn load(&mut self, path: &Path) {
        let entry = self.files.entry(path.to_path_buf()).or_default();
        match file::load(path) {
            Ok(config) => {
                entry.good = Some(config);
                entry.error = None;
            }
            Err(error) => {
                tracing::warn!("{}: {}", path.display(), error.message);
                entry.error = Some(error);
            }
        }
    }

    fn invalidate(&mut self) {
        self.built.clear();
        self.generation += 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_broken_file_keeps_the_last_good_options() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(file::FILE_NAME);
        std::fs::write(&path, "[rules]\nignore = [\"B004\"]\n").unwrap();
        let mut store = ConfigStore::default();
        assert_eq!(store.options(Some(&path)).selection.ignore, ["B004"]);
        assert!(store.error(&path).is_none());
        std::fs::write(&path, "[rules\n").unwrap();
        store.reload(&path);
        assert!(store.error(&path).is_some());
        assert_eq!(store.options(Some(&path)).selection.ignore, ["B004"]);
        std::fs::write(&path, "[rules]\nignore = [\"E\"]\n").unwrap();
        store.reload(&path);
        assert!(store.error(&path).is_none());
        assert_eq!(store.options(Some(&path)).selection.ignore, ["E"]);
    }

    #[test]
    fn the_file_wins_over_client_settings() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(file::FILE_NAME);
        std::fs::write(&path, "profile = \"frus-telegram\"\n").unwrap();
        let mut store = ConfigStore::default();
        store.set_settings(Settings {
            profile: Some("generic".into()),
            ignore: vec!["B004".into()],
            ..Settings::default()
        });
        let options = store.options(Some(&path));
        assert_eq!(options.parse.profile.as_deref(), Some("frus-telegram"));
        assert_eq!(options.selection.ignore, ["B004"]);
        assert_eq!(
            store.options(None).parse.profile.as_deref(),
            Some("generic")
        );
    }
}
