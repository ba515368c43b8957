//! From the paths on the command line to the list of files to check, each
//! with the configuration that governs it.

use cablelint_core::config::{find_config, Config, ConfigError};
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// Where each file's configuration comes from.
pub enum ConfigSource {
    /// `--config FILE` or `--no-config`: one for every file.
    Fixed(Arc<Config>),
    /// The closest `cablelint.toml` above each file.
    Discover {
        by_dir: HashMap<PathBuf, Arc<Config>>,
        by_file: HashMap<PathBuf, Arc<Config>>,
        defaults: Arc<Config>,
    },
}

impl ConfigSource {
    pub fn fixed(config: Config) -> Self {
        ConfigSource::Fixed(Arc::new(config))
    }

    pub fn discover() -> Self {
        ConfigSource::Discover {
            by_dir: HashMap::new(),
            by_file: HashMap::new(),
            defaults: Arc::new(Config::default()),
        }
    }

    /// The configuration of a file (given as an absolute path).
    pub fn for_file(&mut self, file: &Path) -> Result<Arc<Config>, ConfigError> {
        let dir = file.parent().unwrap_or(Path::new("/"));
        self.for_dir(dir)
    }

    pub fn for_dir(&mut self, dir: &Path) -> Result<Arc<Config>, ConfigError> {
        match self {
            ConfigSource::Fixed(config) => Ok(config.clone()),
            ConfigSource::Discover {
                by_dir,
                by_file,
                defaults,
            } => {
                if let Some(config) = by_dir.get(dir) {
                    return Ok(config.clone());
                }
                let config = match find_config(dir) {
                    Some(path) => match by_file.get(&path) {
                        Some(config) => config.clone(),
                        None => {
                            tracing::debug!("configuration {}", path.display());
                            let config = Arc::new(Config::load(&path)?);
                            by_file.insert(path, config.clone());
                            config
                        }
                    },
                    None => defaults.clone(),
                };
                by_dir.insert(dir.to_owned(), config.clone());
                Ok(config)
            }
        }
    }
}

/// One file to check.
pub struct Input {
    /// How the file is named in output.
    pub display: String,
    /// Absolute path, for configuration; `None` reads standard input.
    pub path: Option<PathBuf>,
    /// For standard input: the file it stands for, if named.
    pub absolute: PathBuf,
    pub config: Arc<Config>,
}

pub struct Collected {
    pub inputs: Vec<Input>,
    /// Paths that could not be read or walked.
    pub errors: Vec<String>,
}

/// Files named on the command line are checked whatever their name;
/// directories are walked (respecting .gitignore and the configuration's
/// include/exclude globs). The result is sorted by path.
pub fn collect(
    paths: &[PathBuf],
    stdin_filename: Option<&Path>,
    configs: &mut ConfigSource,
) -> Result<Collected, ConfigError> {
    let cwd = std::env::current_dir().unwrap_or_default();
    let mut inputs = Vec::new();
    let mut errors = Vec::new();
    for path in paths {
        if path.as_os_str() == "-" {
            let named = stdin_filename.map(|p| cwd.join(p));
            let config = match &named {
                Some(p) => configs.for_file(p)?,
                None => configs.for_dir(&cwd)?,
            };
            inputs.push(Input {
                display: stdin_filename.map_or("-".to_owned(), |p| p.display().to_string()),
                path: None,
                absolute: named.unwrap_or_else(|| cwd.join("-")),
                config,
            });
            continue;
        }
        let absolute = cwd.join(path);
        match std::fs::metadata(&absolute) {
            Ok(meta) if meta.is_dir() => walk(path, &cwd, configs, &mut inputs, &mut errors)?,
            Ok(_) => inputs.push(Input {
                display: path.display().to_string(),
                config: configs.for_file(&absolute)?,
                path: Some(absolute.clone()),
                absolute,
            }),
            Err(e) => errors.push(format!("{}: {e}", path.display())),
        }
    }
    inputs.sort_by(|a, b| a.display.cmp(&b.display));
    inputs.dedup_by(|a, b| a.path.is_some() && a.path == b.path);
    Ok(Collected { inputs, errors })
}

fn walk(
    dir: &Path,
    cwd: &Path,
    configs: &mut ConfigSource,
    inputs: &mut Vec<Input>,
    errors: &mut Vec<String>,
) -> Result<(), ConfigError> {
    let walker = ignore::WalkBuilder::new(dir)
        // .gitignore applies in any folder, not only inside a git checkout.
        .require_git(false)
        .build();
    for entry in walker {
        let entry = match entry {
            Ok(entry) => entry,
            Err(e) => {
                errors.push(e.to_string());
                continue;
            }
        };
        if !entry.file_type().is_some_and(|t| t.is_file()) {
            continue;
        }
        let absolute = cwd.join(entry.path());
        let config = configs.for_file(&absolute)?;
        if config.is_included(&absolute) {
            inputs.push(Input {
                display: display_path(entry.path()),
                path: Some(absolute.clone()),
                absolute,
                config,
            });
        }
    }
    Ok(())
}

/// `./a/b.cable` is shown as `a/b.cable`, as the user would write it.
fn display_path(path: &Path) -> String {
    let shown = path.strip_prefix(".").unwrap_or(path);
    shown.display().to_string()
}
