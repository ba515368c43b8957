//! `cablelint.toml`: discovery, parsing with errors that name the place, and
//! resolution of one file's settings (profile by glob, per-file ignores) into
//! [`CheckOptions`]. The CLI and the language server share all of it.
//!
//! ```toml
//! include = ["*.cable"]          # files a directory walk checks
//! exclude = ["drafts/"]          # files and directories it skips
//! profile-files = ["profiles/my-collection.toml"]
//!
//! [rules]
//! select = ["E", "B"]            # codes, prefixes or rule names; "ALL"
//! extend-select = []
//! ignore = ["B004"]
//!
//! [rules.severity]
//! B004 = "hint"                  # error|warning|info|hint|off
//!
//! [profiles]
//! default = "generic"            # when no glob matches (else: detection)
//! "prc/**" = "prc-mfa-cable"     # the last matching glob wins
//!
//! [per-file-ignores]
//! "drafts/**" = ["B"]
//!
//! [[profile]]                    # inline profiles, as in profile/builtin/
//! id = "my-collection"
//! name = "…"
//!
//! [profile-labels.prc-mfa-cable] # more labels for a profile's fields
//! telegraph-no = ["Telegraph No."] # a field it lacks is added, optional
//!
//! [officials]
//! registries = ["officials/prc.toml"]
//! romanisation = "pinyin"        # or "wade-giles" (rule O002)
//!
//! [limits]
//! max-file-size = "64MB"         # larger files are not checked (E003)
//! max-diagnostics-per-file = 100000  # more are counted, not kept (E004)
//! ```

mod error;
mod globs;
mod officials;
mod overrides;
mod raw;
mod validate;

pub use crate::cache_dir::RegistryCache;
pub use error::ConfigError;
pub use overrides::SelectionOverride;

use crate::limits::Limits;
use crate::lint::{CheckOptions, RuleSelection};
use crate::model::ParseOptions;
use crate::officials::Romanisation;
use crate::profile::ProfileSet;
use cablelint_officials::Matcher;
use globs::PathGlob;
use std::borrow::Cow;
use std::path::{Path, PathBuf};
use std::sync::Arc;

pub const CONFIG_FILE_NAME: &str = "cablelint.toml";
pub const DEFAULT_INCLUDE: &str = "*.cable";

/// The closest `cablelint.toml` in `start_dir` or a directory above it.
pub fn find_config(start_dir: &Path) -> Option<PathBuf> {
    start_dir
        .ancestors()
        .map(|dir| dir.join(CONFIG_FILE_NAME))
        .find(|candidate| candidate.is_file())
}

/// A parsed, validated configuration.
#[derive(Debug, Clone)]
pub struct Config {
    /// The file it came from (`None`: the defaults).
    pub path: Option<PathBuf>,
    /// The directory its globs and paths are relative to.
    pub root: PathBuf,
    pub selection: RuleSelection,
    /// Built-in profiles plus the configuration's own.
    pub profiles: ProfileSet,
    /// The profile of files no glob names (`None`: detect from the text).
    pub default_profile: Option<String>,
    /// Officials registry files, resolved against `root`.
    pub officials_registries: Vec<PathBuf>,
    /// The built-in officials with `officials_registries` merged over them,
    /// loaded at most once, when first needed (`None`: no user registries,
    /// the built-in matcher); see [`Config::officials`].
    officials: Option<Arc<officials::UserRegistries>>,
    /// `[officials] romanisation` (`None`: not set, pinyin).
    pub romanisation: Option<Romanisation>,
    /// `[limits]` (the defaults where not set).
    pub limits: Limits,
    /// Every other file the configuration read (profile files, registries),
    /// so an editor can reload it when one of them changes.
    pub read_files: Vec<PathBuf>,
    include: Vec<PathGlob>,
    exclude: Vec<PathGlob>,
    /// In file order; the last match wins.
    profile_globs: Vec<(PathGlob, String)>,
    per_file_ignores: Vec<(PathGlob, Vec<String>)>,
}

/// What the configuration says about one file: small, comparable, and cheap
/// to compute, so callers can share one [`CheckOptions`] between files that
/// resolve alike.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct FileSettings {
    pub profile: Option<String>,
    pub extra_ignores: Vec<String>,
}

impl Default for Config {
    fn default() -> Self {
        Config::defaults_at(PathBuf::new())
    }
}

fn read_config(path: &Path) -> Result<String, ConfigError> {
    std::fs::read_to_string(path).map_err(|e| ConfigError {
        path: path.to_owned(),
        position: None,
        key: None,
        message: format!("cannot read the configuration: {e}"),
    })
}

impl Config {
    /// The configuration used where no `cablelint.toml` is found.
    pub fn defaults_at(root: PathBuf) -> Config {
        Config {
            path: None,
            root,
            selection: RuleSelection::default(),
            profiles: ProfileSet::builtin(),
            default_profile: None,
            officials_registries: Vec::new(),
            officials: None,
            romanisation: None,
            limits: Limits::default(),
            read_files: Vec::new(),
            include: vec![PathGlob::new(DEFAULT_INCLUDE).expect("the default glob is valid")],
            exclude: Vec::new(),
            profile_globs: Vec::new(),
            per_file_ignores: Vec::new(),
        }
    }

    /// Reads and validates a configuration file; its officials registries
    /// are parsed whenever they are loaded (no cache).
    pub fn load(path: &Path) -> Result<Config, ConfigError> {
        Config::load_with(path, &RegistryCache::none())
    }

    /// [`Config::load`], keeping compiled officials registries where
    /// `cache` says (now, and whenever this configuration loads them later).
    pub fn load_with(path: &Path, cache: &RegistryCache) -> Result<Config, ConfigError> {
        Config::from_toml_str_with(&read_config(path)?, path, cache)
    }

    /// Parses a configuration; `path` names it in errors, and its directory is
    /// where globs and the paths of profile and registry files start.
    pub fn from_toml_str(text: &str, path: &Path) -> Result<Config, ConfigError> {
        Config::from_toml_str_with(text, path, &RegistryCache::none())
    }

    /// [`Config::from_toml_str`] with compiled officials registries kept
    /// where `cache` says.
    pub fn from_toml_str_with(
        text: &str,
        path: &Path,
        cache: &RegistryCache,
    ) -> Result<Config, ConfigError> {
        validate::build(text, path, cache, true)
    }

    /// [`Config::load`] for commands that never run a rule (`cablelint
    /// profiles`): officials registries are read only if [`Config::officials`]
    /// is called, so neither their cost nor their errors come with the load.
    pub fn load_without_registries(path: &Path) -> Result<Config, ConfigError> {
        validate::build(&read_config(path)?, path, &RegistryCache::none(), false)
    }

    /// The settings of one file (`file` absolute, or relative to the same
    /// directory as `root`).
    pub fn settings_for(&self, file: &Path) -> FileSettings {
        let relative = self.relative(file);
        let profile = self
            .profile_globs
            .iter()
            .rev()
            .find(|(glob, _)| glob.matches_path_or_parent(&relative))
            .map(|(_, id)| id.clone())
            .or_else(|| self.default_profile.clone());
        let extra_ignores = self
            .per_file_ignores
            .iter()
            .filter(|(glob, _)| glob.matches_path_or_parent(&relative))
            .flat_map(|(_, codes)| codes.iter().cloned())
            .collect();
        FileSettings {
            profile,
            extra_ignores,
        }
    }

    /// The options to check a file with these settings.
    pub fn options_for(&self, settings: &FileSettings) -> CheckOptions {
        let mut selection = self.selection.clone();
        selection
            .ignore
            .extend(settings.extra_ignores.iter().cloned());
        CheckOptions {
            profiles: self.profiles.clone(),
            parse: ParseOptions {
                profile: settings.profile.clone(),
            },
            selection,
            // Loaded already whenever `selection` runs an O rule: validation
            // loads it when the configuration's selection does, and per-file
            // ignores only take rules away. Otherwise no rule reads it.
            officials: self.officials.as_ref().and_then(|o| o.loaded()),
            romanisation: self.romanisation.unwrap_or_default(),
            limits: self.limits,
        }
    }

    /// The officials matcher with the user registries merged in, loading
    /// them now if no one has yet (`None`: none configured, the built-in
    /// one). Errors name the registry file, line and field.
    pub fn officials(&self) -> Result<Option<Arc<Matcher>>, ConfigError> {
        self.officials.as_ref().map(|o| o.matcher()).transpose()
    }

    /// Whether the configured rule selection runs any O (officials) rule.
    pub fn runs_officials_rules(&self) -> bool {
        crate::rules::all().iter().any(|rule| {
            let meta = rule.meta();
            meta.family == crate::rules::Family::Officials
                && self.selection.is_enabled(meta.code, meta.default_enabled)
        })
    }

    /// The options to check one file.
    pub fn check_options(&self, file: &Path) -> CheckOptions {
        self.options_for(&self.settings_for(file))
    }

    /// Whether a directory walk checks this file (a file named on the command
    /// line is checked regardless).
    pub fn is_included(&self, file: &Path) -> bool {
        let relative = self.relative(file);
        self.include.iter().any(|g| g.matches_path(&relative)) && !self.excludes(&relative)
    }

    /// Whether a walk skips this file or directory.
    pub fn is_excluded(&self, path: &Path) -> bool {
        self.excludes(&self.relative(path))
    }

    fn excludes(&self, relative: &Path) -> bool {
        self.exclude
            .iter()
            .any(|g| g.matches_path_or_parent(relative))
    }

    /// The path from `root`, without `.` components (`./a/b` is `a/b`).
    /// A path that is already so (the usual one) is borrowed, not rebuilt:
    /// walking its components into a new path was a third of the cost of
    /// `is_included` on every file of a walk.
    fn relative<'p>(&self, file: &'p Path) -> Cow<'p, Path> {
        if let Some(relative) = strip_normal_root(&self.root, file) {
            return Cow::Borrowed(relative);
        }
        let relative = file.strip_prefix(&self.root).unwrap_or(file);
        if is_normal(relative) {
            return Cow::Borrowed(relative);
        }
        Cow::Owned(
            relative
                .components()
                .filter(|c| !matches!(c, std::path::Component::CurDir))
                .collect(),
        )
    }

    /// Whether files may have settings of their own (profile globs or
    /// per-file ignores): if not, [`Config::settings_for`] gives every file
    /// the same, and callers need not ask for each.
    pub fn has_file_settings(&self) -> bool {
        !self.profile_globs.is_empty() || !self.per_file_ignores.is_empty()
    }
}

/// What `relative` gives when both paths are normal (see [`is_normal`]),
/// from a comparison of bytes: their components are then their
/// `/`-separated parts, so `file` lies under `root` exactly when its bytes
/// start with `root` and a `/`. (`Path::strip_prefix` walks the components
/// of both, and of a file outside the root to the end.) `None` for
/// anything else, and for the root itself: the general way decides.
#[cfg(unix)]
fn strip_normal_root<'p>(root: &Path, file: &'p Path) -> Option<&'p Path> {
    use std::os::unix::ffi::OsStrExt;
    if !is_normal(root) || !is_normal(file) {
        return None;
    }
    match file
        .as_os_str()
        .as_bytes()
        .strip_prefix(root.as_os_str().as_bytes())
    {
        Some([]) => None,
        Some([b'/', rest @ ..]) => Some(Path::new(std::ffi::OsStr::from_bytes(rest))),
        // `/project` is not under `/proj`.
        Some(_) | None => Some(file),
    }
}

#[cfg(not(unix))]
fn strip_normal_root<'p>(_root: &Path, _file: &'p Path) -> Option<&'p Path> {
    None
}

/// Whether collecting `path`'s components without `.` gives `path` back
/// byte for byte: no empty or `.` component, no trailing separator. (On
/// other systems than Unix, separators vary: the components are collected.)
fn is_normal(path: &Path) -> bool {
    if !cfg!(unix) {
        return false;
    }
    let bytes = path.as_os_str().as_encoded_bytes();
    let body = bytes.strip_prefix(b"/").unwrap_or(bytes);
    !body.is_empty()
        && body
            .split(|&b| b == b'/')
            .all(|part| !part.is_empty() && part != b".")
}

#[cfg(test)]
mod registry_cache_tests;
#[cfg(test)]
mod tests;
