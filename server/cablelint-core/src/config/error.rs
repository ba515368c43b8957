//! Configuration errors that name the file, the line and column, and the key,
//! whether TOML itself or a semantic check (unknown rule code…) found them.

use crate::text::LineIndex;
use std::fmt;
use std::ops::Range;
use std::path::{Path, PathBuf};
use toml::de::{DeTable, DeValue};
use toml::Spanned;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigError {
    /// The file at fault: `cablelint.toml` or a profile file it names.
    pub path: PathBuf,
    /// 1-based line and column (in characters); `None` when the file could not
    /// be read at all.
    pub position: Option<(usize, usize)>,
    /// Dotted key path, e.g. `rules.select[1]`.
    pub key: Option<String>,
    pub message: String,
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.path.display())?;
        if let Some((line, column)) = self.position {
            write!(f, ":{line}:{column}")?;
        }
        write!(f, ": ")?;
        if let Some(key) = &self.key {
            write!(f, "`{key}`: ")?;
        }
        write!(f, "{}", self.message)
    }
}

impl std::error::Error for ConfigError {}

/// Turns byte spans of one TOML text into positions and key paths.
pub(crate) struct Locator<'a> {
    path: &'a Path,
    text: &'a str,
    lines: LineIndex,
    tree: Option<Spanned<DeTable<'a>>>,
}

impl<'a> Locator<'a> {
    pub fn new(path: &'a Path, text: &'a str) -> Self {
        let (tree, _) = DeTable::parse_recoverable(text);
        Locator {
            path,
            text,
            lines: LineIndex::new(text),
            tree: Some(tree),
        }
    }

    /// An error at `span`, its key found from the document's structure.
    pub fn error_at(&self, span: Range<usize>, message: impl Into<String>) -> ConfigError {
        ConfigError {
            path: self.path.to_owned(),
            position: Some(self.position(span.start)),
            key: self.key_at(span.start),
            message: message.into(),
        }
    }

    pub fn toml_error(&self, error: &toml::de::Error) -> ConfigError {
        let message = with_field_suggestion(&in_toml_words(error.message().trim_end()));
        match error.span() {
            Some(span) => self.error_at(span, message),
            None => ConfigError {
                path: self.path.to_owned(),
                position: None,
                key: None,
                message,
            },
        }
    }

    fn position(&self, offset: usize) -> (usize, usize) {
        let at = self.lines.line_col(self.text, offset);
        (at.line + 1, at.column_chars + 1)
    }

    /// The span of the value at a key path (`["profile", "0", "field"]`).
    pub fn span_of(&self, path: &[&str]) -> Option<Range<usize>> {
        let mut value: Option<&Spanned<DeValue>> = None;
        let mut table = self.tree.as_ref()?.get_ref();
        for (i, segment) in path.iter().enumerate() {
            let next = match value.map(|v| v.get_ref()) {
                Some(DeValue::Array(array)) => array.get(segment.parse::<usize>().ok()?)?,
                Some(DeValue::Table(t)) => t.get(*segment)?,
                Some(_) => return None,
                None if i == 0 => table.get(*segment)?,
                None => return None,
            };
            if let DeValue::Table(t) = next.get_ref() {
                table = t;
            }
            value = Some(next);
        }
        value.map(|v| v.span())
    }

    /// The innermost key whose key or value holds `offset`, as `a.b[2].c`.
    /// Spans of tables cover only their headers, so every branch is searched.
    /// A syntax error often sits past the end of what parsed (an unclosed
    /// array): then the last key before it on its line is the one meant.
    fn key_at(&self, offset: usize) -> Option<String> {
        let tree = self.tree.as_ref()?.get_ref();
        search_table(tree, offset, &mut Vec::new()).or_else(|| {
            let line = self.lines.line_of(offset);
            let mut keys = Vec::new();
            all_keys(tree, &mut Vec::new(), &mut keys);
            keys.into_iter()
                .filter(|(start, _)| *start <= offset && self.lines.line_of(*start) == line)
                .max_by_key(|(start, _)| *start)
                .map(|(_, path)| path)
        })
    }
}

fn all_keys(table: &DeTable, path: &mut Vec<String>, out: &mut Vec<(usize, String)>) {
    for (key, value) in table.iter() {
        path.push(quote_key(key.get_ref()));
        out.push((key.span().start, join(path)));
        all_keys_in_value(value, path, out);
        path.pop();
    }
}

fn all_keys_in_value(
    value: &Spanned<DeValue>,
    path: &mut Vec<String>,
    out: &mut Vec<(usize, String)>,
) {
    match value.get_ref() {
        DeValue::Table(table) => all_keys(table, path, out),
        DeValue::Array(array) => {
            for (i, item) in array.iter().enumerate() {
                path.push(format!("[{i}]"));
                all_keys_in_value(item, path, out);
                path.pop();
            }
        }
        _ => {}
    }
}

fn search_table(table: &DeTable, offset: usize, path: &mut Vec<String>) -> Option<String> {
    for (key, value) in table.iter() {
        path.push(quote_key(key.get_ref()));
        if key.span().contains(&offset) {
            return Some(join(path));
        }
        if let Some(found) = search_value(value, offset, path) {
            return Some(found);
        }
        path.pop();
    }
    None
}

/// The deepest match inside `value`, else `value` itself if it holds `offset`.
fn search_value(value: &Spanned<DeValue>, offset: usize, path: &mut Vec<String>) -> Option<String> {
    let inner = match value.get_ref() {
        DeValue::Table(table) => search_table(table, offset, path),
        DeValue::Array(array) => array.iter().enumerate().find_map(|(i, item)| {
            path.push(format!("[{i}]"));
            let found = search_value(item, offset, path);
            path.pop();
            found
        }),
        _ => None,
    };
    inner.or_else(|| value.span().contains(&offset).then(|| join(path)))
}

fn join(path: &[String]) -> String {
    let mut out = String::new();
    for segment in path {
        if !out.is_empty() && !segment.starts_with('[') {
            out.push('.');
        }
        out.push_str(segment);
    }
    out
}

/// Keys that are not bare TOML keys (globs, mostly) are shown quoted.
fn quote_key(key: &str) -> String {
    let bare = !key.is_empty()
        && key
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
    if bare {
        key.to_owned()
    } else {
        format!("\"{}\"", key.replace('\\', "\\\\").replace('"', "\\\""))
    }
}

/// serde reports "unknown field `selct`, expected one of `select`, …"; add the
/// nearest expected name so a typo is one glance away from its fix.
/// Serde's words for what was expected, in TOML's: the name of one of our
/// structs (`expected struct RawRules`) means nothing to the user.
fn in_toml_words(message: &str) -> String {
    let mut out = message
        .replace("expected a sequence", "expected an array")
        .replace("expected a map", "expected a table");
    while let Some(at) = out.find("expected struct ") {
        let name = &out[at + "expected struct ".len()..];
        let end = name
            .find(|c: char| !c.is_alphanumeric() && c != '_')
            .unwrap_or(name.len());
        out.replace_range(at..at + "expected struct ".len() + end, "expected a table");
    }
    out
}

fn with_field_suggestion(message: &str) -> String {
    let Some(rest) = message.strip_prefix("unknown field `") else {
        return message.to_owned();
    };
    let Some((unknown, expected)) = rest.split_once('`') else {
        return message.to_owned();
    };
    let candidates: Vec<&str> = expected
        .split('`')
        .skip(1)
        .step_by(2)
        .filter(|c| !c.is_empty())
        .collect();
    match did_you_mean(unknown, candidates.iter().copied()) {
        Some(best) => format!("{message}; did you mean `{best}`?"),
        None => message.to_owned(),
    }
}

/// The candidate closest to `word`, if any is close enough to be a typo.
pub(crate) fn did_you_mean<'c>(
    word: &str,
    candidates: impl IntoIterator<Item = &'c str>,
) -> Option<&'c str> {
    candidates
        .into_iter()
        .map(|c| {
            (
                strsim::jaro_winkler(&word.to_lowercase(), &c.to_lowercase()),
                c,
            )
        })
        .filter(|(score, _)| *score >= 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, c)| c)
}
