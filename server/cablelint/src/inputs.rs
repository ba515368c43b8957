//! From the paths on the command line to the list of files to check, each
//! with the configuration that governs it.

use cablelint_core::config::{find_config, Config, ConfigError, RegistryCache, SelectionOverride};
use std::borrow::Cow;
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
        /// The command line's rule selection, laid over each one found.
        overrides: SelectionOverride,
        /// Where the configurations found keep compiled registries.
        registry_cache: RegistryCache,
    },
}

impl ConfigSource {
    pub fn fixed(config: Config) -> Self {
        ConfigSource::Fixed(Arc::new(config))
    }

    /// `overrides` apply to every configuration found (and the defaults).
    pub fn discover(
        overrides: SelectionOverride,
        registry_cache: RegistryCache,
    ) -> Result<Self, ConfigError> {
        let mut defaults = Config::default();
        defaults.override_selection(&overrides)?;
        Ok(ConfigSource::Discover {
            by_dir: HashMap::new(),
            by_file: HashMap::new(),
            defaults: Arc::new(defaults),
            overrides,
            registry_cache,
        })
    }

    /// The configuration of a file (given as an absolute path).
    pub fn for_file(&mut self, file: &Path) -> Result<Arc<Config>, ConfigError> {
        // One configuration for all needs no parent directory (a walk over
        // its components) for each file.
        if let ConfigSource::Fixed(config) = self {
            return Ok(config.clone());
        }
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
                overrides,
                registry_cache,
            } => {
                if let Some(config) = by_dir.get(dir) {
                    return Ok(config.clone());
                }
                let config = match find_config(dir) {
                    Some(path) => match by_file.get(&path) {
                        Some(config) => config.clone(),
                        None => {
                            tracing::debug!("configuration {}", path.display());
                            let mut config = Config::load_with(&path, registry_cache)?;
                            config.override_selection(overrides)?;
                            let config = Arc::new(config);
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
#[derive(Clone)]
pub struct Input {
    /// How the file is named in output: shared with its report (a copy a
    /// file cost an allocation and a free).
    pub display: Arc<str>,
    /// Absolute path, for configuration and reading; for standard input,
    /// the file it stands for, if named.
    pub absolute: PathBuf,
    /// The text comes from standard input.
    pub stdin: bool,
    pub config: Arc<Config>,
}

impl Input {
    /// The file to read; `None` reads standard input.
    pub fn path(&self) -> Option<&Path> {
        (!self.stdin).then_some(self.absolute.as_path())
    }
}

pub struct Collected {
    pub inputs: Vec<Input>,
    /// Paths that could not be read or walked.
    pub errors: Vec<String>,
}

/// Files named on the command line are checked whatever their name;
/// directories are walked (respecting .gitignore and the configuration's
/// include/exclude globs). The result is sorted by path. `found` sees each
/// file on disk as it is found, before the sort.
pub fn collect(
    paths: &[PathBuf],
    stdin_filename: Option<&Path>,
    configs: &mut ConfigSource,
    found: &mut dyn FnMut(&Input),
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
                display: stdin_filename.map_or("-".into(), |p| p.display().to_string().into()),
                stdin: true,
                absolute: named.unwrap_or_else(|| cwd.join("-")),
                config,
            });
            continue;
        }
        let absolute = cwd.join(path);
        match std::fs::metadata(&absolute) {
            Ok(meta) if meta.is_dir() => {
                walk(path, &cwd, configs, &mut inputs, &mut errors, found)?;
            }
            Ok(_) => {
                let input = Input {
                    display: path.display().to_string().into(),
                    config: configs.for_file(&absolute)?,
                    stdin: false,
                    absolute,
                };
                found(&input);
                inputs.push(input);
            }
            Err(e) => errors.push(format!("{}: {e}", path.display())),
        }
    }
    sort_by_display(&mut inputs);
    // One walk, or one file, names each file once: only several paths on
    // the command line can name one twice (and comparing paths walks their
    // components, which cost more than the sort).
    if paths.len() > 1 {
        inputs.dedup_by(|a, b| a.path().is_some() && a.path() == b.path());
    }
    Ok(Collected { inputs, errors })
}

fn walk(
    dir: &Path,
    cwd: &Path,
    configs: &mut ConfigSource,
    inputs: &mut Vec<Input>,
    errors: &mut Vec<String>,
    found: &mut dyn FnMut(&Input),
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
        // (An absolute path is the walk's own, not a copy: joining it to
        // `cwd` would copy `cwd` first, for nothing.)
        let absolute = if entry.path().is_absolute() {
            Cow::Borrowed(entry.path())
        } else {
            Cow::Owned(joined(cwd, entry.path()))
        };
        let config = configs.for_file(&absolute)?;
        if !config.is_included(&absolute) {
            continue;
        }
        let display = display_path(entry.path());
        let absolute = match absolute {
            Cow::Owned(joined) => joined,
            Cow::Borrowed(_) => entry.into_path(),
        };
        let input = Input {
            display,
            stdin: false,
            absolute,
            config,
        };
        found(&input);
        inputs.push(input);
    }
    Ok(())
}

/// `cwd.join(path)`, allocated once at its final size: `join` copies `cwd`
/// into a buffer of its own size and grows it for `path` (a `realloc` a
/// file of a walk given a relative path, half the cost of the join).
fn joined(cwd: &Path, path: &Path) -> PathBuf {
    let mut joined = PathBuf::with_capacity(cwd.as_os_str().len() + 1 + path.as_os_str().len());
    joined.push(cwd);
    joined.push(path);
    joined
}

/// `./a/b.cable` is shown as `a/b.cable`, as the user would write it.
/// (`to_string_lossy` gives what `display().to_string()` gives, without
/// going through the formatting machinery; `to_str` the same for a path
/// that is UTF-8.)
fn display_path(path: &Path) -> Arc<str> {
    // Only a path starting with `.` can start with a `.` component.
    let shown = match path.as_os_str().as_encoded_bytes().first() {
        Some(b'.') => path.strip_prefix(".").unwrap_or(path),
        _ => path,
    };
    match shown.to_str() {
        Some(text) => text.into(),
        None => shown.to_string_lossy().into(),
    }
}

/// Sorts by `display`, stably, as `sort_by(|a, b| a.display.cmp(&b.display))`
/// does, comparing mostly integers: the eight bytes after the prefix all
/// the names share (a walk's names share the folder), with the whole names
/// compared only where those are equal. Comparing whole names each time
/// was most of the sort's cost.
fn sort_by_display(inputs: &mut Vec<Input>) {
    let Some(first) = inputs.first() else {
        return;
    };
    let first = first.display.as_bytes();
    let shared = inputs.iter().fold(first.len(), |shared, input| {
        let name = input.display.as_bytes();
        shared.min(name.iter().zip(first).take_while(|(a, b)| a == b).count())
    });
    // Missing bytes count as 0, below every byte a name can hold (a path
    // holds no NUL), so a name sorts before the longer names it begins.
    let key = |name: &str| {
        let mut bytes = [0u8; 8];
        let rest = &name.as_bytes()[shared..];
        let n = rest.len().min(8);
        bytes[..n].copy_from_slice(&rest[..n]);
        u64::from_be_bytes(bytes)
    };
    let mut order: Vec<(u64, usize)> = inputs
        .iter()
        .enumerate()
        .map(|(i, input)| (key(&input.display), i))
        .collect();
    order.sort_unstable_by(|a, b| {
        a.0.cmp(&b.0)
            .then_with(|| inputs[a.1].display.cmp(&inputs[b.1].display))
            .then(a.1.cmp(&b.1))
    });
    let mut slots: Vec<Option<Input>> = std::mem::take(inputs).into_iter().map(Some).collect();
    inputs.extend(order.iter().filter_map(|&(_, i)| slots[i].take()));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sorting_by_display_is_the_stable_sort_by_name() {
        let config = Arc::new(Config::default());
        let names = [
            "dir/cable-00010.cable",
            "dir/cable-00002.cable",
            "dir/cable-0001.cable",
            "dir/cable-00010.cable",
            "dir/cable-00010.cable.bak",
            "dir/cable-00010",
            "dir.b/x.cable",
            "dir/x.cable",
            "dir/𠀋 姬.cable",
            "dir/\u{FFFD}.cable",
            "dir/cable-00010.cablf",
            "dir/cable-00010.cabld",
            "dir/",
            "di",
            "a.cable",
            "dir/cable-00001.cable",
        ];
        for count in [0, 1, 2, 5, names.len()] {
            let inputs = || -> Vec<Input> {
                names[..count]
                    .iter()
                    .enumerate()
                    .map(|(i, name)| Input {
                        display: (*name).into(),
                        absolute: PathBuf::from(i.to_string()),
                        stdin: false,
                        config: config.clone(),
                    })
                    .collect()
            };
            let mut expected = inputs();
            expected.sort_by(|a, b| a.display.cmp(&b.display));
            let mut got = inputs();
            sort_by_display(&mut got);
            let shown = |v: &[Input]| -> Vec<(String, PathBuf)> {
                v.iter()
                    .map(|i| (i.display.to_string(), i.absolute.clone()))
                    .collect()
            };
            assert_eq!(shown(&got), shown(&expected), "{count}");
        }
    }

    #[test]
    fn joined_is_what_join_gives() {
        for (cwd, path) in [
            ("/work/x", "a/b.cable"),
            ("/work/x/", "a/b.cable"),
            ("/", "a"),
            ("/work", "./a/../b.cable"),
            ("/work", "/abs/c.cable"),
            ("", "a/b"),
            ("/w", ""),
        ] {
            let (cwd, path) = (Path::new(cwd), Path::new(path));
            assert_eq!(joined(cwd, path), cwd.join(path), "{cwd:?} {path:?}");
        }
    }

    #[test]
    fn paths_are_shown_as_display_shows_them() {
        use std::os::unix::ffi::OsStrExt;
        for raw in [
            &b"./a/b.cable"[..],
            b"a/b.cable",
            b"/tmp/c/x.cable",
            b".hidden/x.cable",
            b"./.x",
            b"../up.cable",
            b"./a\xff\xfe b\xe5.cable",
            "./𠀋/姬.cable".as_bytes(),
        ] {
            let path = Path::new(std::ffi::OsStr::from_bytes(raw));
            let old = path.strip_prefix(".").unwrap_or(path).display().to_string();
            assert_eq!(&*display_path(path), old, "{raw:?}");
        }
    }
}
