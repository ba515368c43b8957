//! `cablelint officials FILE…`: the people each file names, in order of
//! first mention, with the posts they held on the file's date, read with the
//! file's configuration (its officials registries merged over the built-in
//! ones). Human text or `--format json`. Compiled registries are kept in
//! the cache `check` uses (`--no-cache`: parsed every time).

use crate::cli::{ListFormat, OfficialsArgs};
use crate::ExitStatus;
use cablelint_core::config::{find_config, Config, RegistryCache};
use cablelint_core::officials::{document_date, officials_report, OfficialEntry};
use cablelint_core::{Document, LineIndex, SourceText};
use serde::Serialize;
use std::collections::HashMap;
use std::fmt::Write as _;
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::rc::Rc;

#[derive(Serialize)]
struct FileOfficials {
    path: String,
    /// The document's date (ISO, to the precision the text gives), or null.
    date: Option<String>,
    officials: Vec<JsonOfficial>,
}

#[derive(Serialize)]
struct JsonOfficial {
    #[serde(flatten)]
    entry: OfficialEntry,
    /// 1-based line and column (characters) of each mention.
    positions: Vec<(usize, usize)>,
}

pub fn run(args: &OfficialsArgs) -> ExitStatus {
    let mut files = Vec::new();
    let mut status = ExitStatus::Success;
    let mut configs = Configs {
        cache: crate::cache::registry_cache(
            args.no_cache,
            args.cache_dir.as_deref(),
            args.config.as_deref(),
            args.no_config,
        ),
        loaded: HashMap::new(),
    };
    for path in &args.files {
        match read(path, args, &mut configs) {
            Ok(file) => files.push(file),
            Err(message) => {
                eprintln!("error: {message}");
                status = ExitStatus::Failure;
            }
        }
    }
    // The process ends after printing: freeing a 5,000-person registry
    // piece by piece cost 17 M instructions, a sixth of the whole run.
    std::mem::forget(configs);
    let text = match args.format {
        ListFormat::Json => {
            let mut text = serde_json::to_string_pretty(&files).unwrap_or_default();
            text.push('\n');
            text
        }
        ListFormat::Human => human(&files),
    };
    let mut out = anstream::stdout();
    if let Err(e) = out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
        if e.kind() != std::io::ErrorKind::BrokenPipe {
            return ExitStatus::error(format_args!("cannot write: {e}"));
        }
    }
    status
}

/// The configurations read so far, each loaded once (with its registries)
/// however many files it governs.
struct Configs {
    cache: RegistryCache,
    loaded: HashMap<PathBuf, Result<Rc<Config>, String>>,
}

impl Configs {
    fn get(&mut self, path: PathBuf) -> Result<Rc<Config>, String> {
        let cache = &self.cache;
        self.loaded
            .entry(path)
            .or_insert_with_key(|path| {
                let config = Config::load_with(path, cache).map_err(|e| e.to_string())?;
                // The registries are loaded here whatever rules it runs.
                config.officials().map_err(|e| e.to_string())?;
                Ok(Rc::new(config))
            })
            .clone()
    }
}

fn read(path: &Path, args: &OfficialsArgs, configs: &mut Configs) -> Result<FileOfficials, String> {
    let bytes = std::fs::read(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let absolute = std::path::absolute(path).unwrap_or_else(|_| path.to_owned());
    let config_path = if args.no_config {
        None
    } else {
        args.config
            .clone()
            .or_else(|| absolute.parent().and_then(find_config))
    };
    let config = match config_path {
        Some(config_path) => configs.get(config_path)?,
        None => Rc::new(Config::default()),
    };
    let mut options = config.check_options(&absolute);
    options.officials = config.officials().map_err(|e| e.to_string())?;
    let doc = Document::parse(
        SourceText::from_bytes(&bytes),
        &options.profiles,
        &options.parse,
    );
    let lines = LineIndex::new(doc.text());
    // Offsets index the file's bytes, as in `check --format json`.
    let bom = if doc.source.has_bom { 3 } else { 0 };
    let officials = officials_report(&doc, options.officials_matcher())
        .into_iter()
        .map(|mut entry| {
            let positions = entry
                .mentions
                .iter()
                .map(|span| {
                    let at = lines.line_col(doc.text(), span.start);
                    (at.line + 1, at.column_chars + 1)
                })
                .collect();
            for span in &mut entry.mentions {
                *span = span.shift(bom);
            }
            JsonOfficial { positions, entry }
        })
        .collect();
    Ok(FileOfficials {
        path: path.display().to_string(),
        date: document_date(&doc).map(|d| d.to_string()),
        officials,
    })
}

fn human(files: &[FileOfficials]) -> String {
    let mut out = String::new();
    for file in files {
        let date = file.date.as_deref().unwrap_or("date unknown");
        let _ = writeln!(out, "{} ({date})", file.path);
        if file.officials.is_empty() {
            let _ = writeln!(out, "  no known officials");
        }
        for official in &file.officials {
            let entry = &official.entry;
            let native = if entry.native.is_empty() {
                String::new()
            } else {
                format!(" ({})", entry.native.join(" / "))
            };
            let _ = writeln!(out, "  {}{native} [{}]", entry.name, entry.id);
            for post in &entry.posts_on_date {
                let end = post.end.as_deref().unwrap_or("");
                let _ = writeln!(
                    out,
                    "    {}, {} ({}–{end})",
                    post.title, post.org, post.start
                );
            }
            if entry.posts_on_date.is_empty() && file.date.is_some() {
                let _ = writeln!(out, "    no recorded post on that date");
            }
            let at: Vec<String> = official
                .positions
                .iter()
                .map(|(line, column)| format!("{line}:{column}"))
                .collect();
            let ambiguous = if entry.ambiguous {
                " (may be someone else)"
            } else {
                ""
            };
            let _ = writeln!(out, "    named at {}{ambiguous}", at.join(", "));
        }
    }
    out
}
