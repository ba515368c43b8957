//! Which options a document is checked with: `cablelint.toml` read by
//! `cablelint_core::config` exactly as the CLI reads it, with the client's
//! settings filling in what the file leaves unsaid (`Settings::fill_in`). A
//! file that fails to load, or is deleted, keeps its last good contents in
//! force (a checkout or an editor's save may remove it for a moment) and its
//! error is kept for reporting.
//!
//! Compiled officials registries are kept in the cache `cablelint check`
//! would use for that configuration (`.cablelint_cache` beside it, or
//! `$CABLELINT_CACHE_DIR`), so the editor and the CLI share them and a
//! restart or reload does not parse a large registry again. A cache that
//! cannot be made or written costs only that parse (logged at debug level).

pub mod edit;
pub mod settings;

use cablelint_core::cache_dir;
pub use cablelint_core::config::CONFIG_FILE_NAME;
use cablelint_core::config::{Config, ConfigError, FileSettings, RegistryCache};
use cablelint_core::CheckOptions;
use settings::Settings;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

#[derive(Default)]
struct LoadedFile {
    good: Option<Arc<Config>>,
    error: Option<ConfigError>,
    /// The file the last error was shown on (the configuration itself, or a
    /// profile or registry file it names), so fixing it clears the right one.
    reported_on: Option<PathBuf>,
    /// The file is gone from disk; `good` stays in force until it returns.
    deleted: bool,
}

/// Where a document's profile was named before the text had its say.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ProfileOrigin {
    Config,
    Setting,
}

pub struct ConfigStore {
    settings: Settings,
    /// The configuration of documents with no `cablelint.toml` above them.
    defaults: Arc<Config>,
    files: HashMap<PathBuf, LoadedFile>,
    built: HashMap<(Option<PathBuf>, FileSettings), Arc<CheckOptions>>,
    /// Bumped whenever any options may have changed.
    pub generation: u64,
    /// Whether compiled registries are kept (`cablelint lsp --no-cache`: no).
    cache_registries: bool,
}

impl Default for ConfigStore {
    fn default() -> Self {
        ConfigStore::new(true)
    }
}

impl ConfigStore {
    pub fn new(cache_registries: bool) -> Self {
        ConfigStore {
            cache_registries,
            settings: Settings::default(),
            defaults: Arc::new(Config::default()),
            files: HashMap::new(),
            built: HashMap::new(),
            generation: 1,
        }
    }

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

    /// The configuration in force for `config` (`None`: no file): its last
    /// good contents, else the defaults rooted at its folder.
    pub fn config(&mut self, config: Option<&Path>) -> Arc<Config> {
        let Some(path) = config else {
            return self.defaults.clone();
        };
        if !self.files.contains_key(path) {
            self.load(path);
        }
        match self.files.get(path).and_then(|f| f.good.clone()) {
            Some(good) => good,
            None => Arc::new(Config::defaults_at(
                path.parent().map(Path::to_owned).unwrap_or_default(),
            )),
        }
    }

    /// The options for `document` (a file path; `None` for untitled
    /// buffers) governed by `config`. Documents that resolve alike share them.
    pub fn options(&mut self, config: Option<&Path>, document: Option<&Path>) -> Arc<CheckOptions> {
        let loaded = self.config(config);
        let file_settings = loaded.settings_for(document.unwrap_or(Path::new("")));
        let key = (config.map(Path::to_path_buf), file_settings);
        if let Some(options) = self.built.get(&key) {
            return options.clone();
        }
        let mut options = loaded.options_for(&key.1);
        self.settings.fill_in(&mut options, &loaded);
        let options = Arc::new(options);
        self.built.insert(key, options.clone());
        options
    }

    /// Who named the profile in these options: the file or the settings.
    pub fn profile_origin(
        &mut self,
        config: Option<&Path>,
        document: Option<&Path>,
    ) -> Option<ProfileOrigin> {
        let loaded = self.config(config);
        if loaded
            .settings_for(document.unwrap_or(Path::new("")))
            .profile
            .is_some()
        {
            Some(ProfileOrigin::Config)
        } else {
            self.settings
                .profile
                .as_ref()
                .map(|_| ProfileOrigin::Setting)
        }
    }

    /// Reads a file again after it changed on disk.
    pub fn reload(&mut self, path: &Path) {
        self.load(path);
        self.invalidate();
    }

    /// Notes that a configuration file was deleted. Its last good contents
    /// stay in force (returns `true`); one that never loaded is forgotten.
    pub fn deleted(&mut self, path: &Path) -> bool {
        let keep = self.files.get(path).is_some_and(|f| f.good.is_some());
        if keep {
            if let Some(loaded) = self.files.get_mut(path) {
                loaded.deleted = true;
                loaded.error = None;
            }
        } else {
            self.files.remove(path);
        }
        self.invalidate();
        keep
    }

    /// A deleted configuration file whose last good contents are in force.
    pub fn is_kept_after_deletion(&self, path: &Path) -> bool {
        self.files
            .get(path)
            .is_some_and(|f| f.deleted && f.good.is_some())
    }

    /// The loaded configuration files that read `path`: itself, or profile
    /// and registry files it names (or whose error is in `path`). A deleted
    /// one cannot be read again until it returns.
    pub fn configs_reading(&self, path: &Path) -> Vec<PathBuf> {
        self.files
            .iter()
            .filter(|(_, loaded)| !loaded.deleted)
            .filter(|(config, loaded)| {
                config.as_path() == path
                    || loaded
                        .good
                        .as_ref()
                        .is_some_and(|g| g.read_files.iter().any(|f| f == path))
                    || loaded.error.as_ref().is_some_and(|e| e.path == path)
            })
            .map(|(config, _)| config.clone())
            .collect()
    }

    pub fn error(&self, path: &Path) -> Option<&ConfigError> {
        self.files.get(path).and_then(|f| f.error.as_ref())
    }

    /// Records that `path`'s error (if any) is now shown; returns the file
    /// its previous error was shown on.
    pub fn mark_reported(&mut self, path: &Path) -> Option<PathBuf> {
        let loaded = self.files.get_mut(path)?;
        let now = loaded.error.as_ref().map(|e| e.path.clone());
        std::mem::replace(&mut loaded.reported_on, now)
    }

    fn load(&mut self, path: &Path) {
        let entry = self.files.entry(path.to_path_buf()).or_default();
        entry.deleted = false;
        // The editor loads user officials registries at once (hover, the
        // officials view and client settings may use them whatever the
        // configured rules), so a bad one is shown with the configuration.
        let cache = match path.parent() {
            Some(root) if self.cache_registries => RegistryCache::in_dir(cache_dir::beside(root)),
            _ => RegistryCache::none(),
        };
        let loaded = Config::load_with(path, &cache);
        match loaded.and_then(|config| config.officials().map(|_| config)) {
            Ok(config) => {
                entry.good = Some(Arc::new(config));
                entry.error = None;
            }
            Err(error) => {
                tracing::warn!("{error}");
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
    use cablelint_core::officials::Romanisation;
    use cablelint_core::Severity;

    #[test]
    fn a_broken_file_keeps_the_last_good_options() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(CONFIG_FILE_NAME);
        let doc = dir.path().join("a.cable");
        std::fs::write(&path, "[rules]\nignore = [\"B004\"]\n").unwrap();
        let mut store = ConfigStore::default();
        assert_eq!(
            store.options(Some(&path), Some(&doc)).selection.ignore,
            ["B004"]
        );
        assert!(store.error(&path).is_none());
        std::fs::write(&path, "[rules\n").unwrap();
        store.reload(&path);
        assert!(store.error(&path).is_some());
        assert_eq!(
            store.options(Some(&path), Some(&doc)).selection.ignore,
            ["B004"]
        );
        std::fs::write(&path, "[rules]\nignore = [\"E\"]\n").unwrap();
        store.reload(&path);
        assert!(store.error(&path).is_none());
        assert_eq!(
            store.options(Some(&path), Some(&doc)).selection.ignore,
            ["E"]
        );
    }

    #[test]
    fn a_deleted_file_keeps_its_last_good_options_until_it_returns() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(CONFIG_FILE_NAME);
        let doc = dir.path().join("a.cable");
        std::fs::write(&path, "[rules]\nignore = [\"B004\"]\n").unwrap();
        let mut store = ConfigStore::default();
        store.options(Some(&path), Some(&doc));
        std::fs::remove_file(&path).unwrap();
        assert!(store.deleted(&path));
        assert!(store.is_kept_after_deletion(&path));
        assert!(store.configs_reading(&path).is_empty());
        assert_eq!(
            store.options(Some(&path), Some(&doc)).selection.ignore,
            ["B004"]
        );
        std::fs::write(&path, "[rules]\nignore = [\"E\"]\n").unwrap();
        store.reload(&path);
        assert!(!store.is_kept_after_deletion(&path));
        assert_eq!(
            store.options(Some(&path), Some(&doc)).selection.ignore,
            ["E"]
        );
        // One that never loaded is forgotten: the defaults apply.
        std::fs::write(&path, "[rules\n").unwrap();
        let mut fresh = ConfigStore::default();
        fresh.options(Some(&path), Some(&doc));
        assert!(!fresh.deleted(&path));
        assert!(!fresh.is_loaded(&path));
    }

    #[test]
    fn the_file_wins_over_client_settings_where_both_speak() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(CONFIG_FILE_NAME);
        std::fs::write(
            &path,
            "[profiles]\n\"frus/\" = \"frus-telegram\"\n[rules]\nselect = [\"B\"]\nseverity = { B004 = \"error\" }\n",
        )
        .unwrap();
        let mut store = ConfigStore::default();
        store.set_settings(Settings {
            profile: Some("generic".into()),
            select: Some(vec!["E".into()]),
            ignore: vec!["B001".into()],
            severity: [
                ("B004".into(), Severity::Hint),
                ("B002".into(), Severity::Hint),
            ]
            .into(),
            romanisation: Some(Romanisation::WadeGiles),
            ..Settings::default()
        });
        let frus = dir.path().join("frus/a.cable");
        let options = store.options(Some(&path), Some(&frus));
        assert_eq!(options.parse.profile.as_deref(), Some("frus-telegram"));
        assert_eq!(
            store.profile_origin(Some(&path), Some(&frus)),
            Some(ProfileOrigin::Config)
        );
        assert_eq!(options.selection.select, Some(vec!["B".to_owned()]));
        assert_eq!(options.selection.ignore, ["B001"]);
        assert_eq!(options.selection.severity["B004"], Severity::Error);
        assert_eq!(options.selection.severity["B002"], Severity::Hint);
        assert_eq!(options.romanisation, Romanisation::WadeGiles);
        // Where the file names no profile, the setting does.
        let other = dir.path().join("b.cable");
        assert_eq!(
            store
                .options(Some(&path), Some(&other))
                .parse
                .profile
                .as_deref(),
            Some("generic")
        );
        assert_eq!(
            store.profile_origin(Some(&path), Some(&other)),
            Some(ProfileOrigin::Setting)
        );
        assert_eq!(
            store.options(None, None).parse.profile.as_deref(),
            Some("generic")
        );
    }

    #[test]
    fn configurations_know_the_files_they_read() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(CONFIG_FILE_NAME);
        std::fs::write(
            dir.path().join("mine.toml"),
            "id = \"mine\"\nname = \"Mine\"\n",
        )
        .unwrap();
        std::fs::write(&path, "profile-files = [\"mine.toml\"]\n").unwrap();
        let mut store = ConfigStore::default();
        store.options(Some(&path), None);
        assert_eq!(
            store.configs_reading(&dir.path().join("mine.toml")),
            vec![path.clone()]
        );
        assert_eq!(store.configs_reading(&path), vec![path.clone()]);
        assert!(store
            .configs_reading(&dir.path().join("other.toml"))
            .is_empty());
    }
}
