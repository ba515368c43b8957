//! Reading registry files: TOML syntax and shape errors from the `toml`
//! crate and validation errors from [`crate::format`] are both reported as a
//! [`LoadError`] naming the file, the 1-based line and column, and the field
//! path (`person[3].posts[1].end`), never as a panic.

use std::fmt;
use std::ops::Range;
use std::path::Path;
use std::sync::Arc;

use toml::de::{DeTable, DeValue};
use toml::Spanned;

use crate::format::{build_person, LineIndex, RawFile};
use crate::registry::Registry;

/// Why a registry could not be loaded.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LoadError {
    /// File name (or the origin name given to `from_toml_str`).
    pub origin: String,
    /// 1-based line; 0 when the file could not be read at all.
    pub line: usize,
    /// 1-based column in characters; 0 when unknown.
    pub column: usize,
    /// Path of the offending field, e.g. `person[3].posts[1].end`.
    pub field: Option<String>,
    /// Byte span in the file, for editors.
    pub span: Option<Range<usize>>,
    pub message: String,
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.origin)?;
        if self.line > 0 {
            write!(f, ":{}:{}", self.line, self.column)?;
        }
        if let Some(field) = &self.field {
            write!(f, ": `{field}`")?;
        }
        write!(f, ": {}", self.message)
    }
}

impl std::error::Error for LoadError {}

impl LoadError {
    fn at(
        origin: &str,
        text: &str,
        span: Option<Range<usize>>,
        field: Option<String>,
        message: String,
    ) -> LoadError {
        let (line, column) = match &span {
            Some(span) => {
                let lines = LineIndex::new(text);
                (lines.line(span.start), lines.column(text, span.start))
            }
            None => (0, 0),
        };
        LoadError {
            origin: origin.to_owned(),
            line,
            column,
            field,
            span,
            message,
        }
    }
}

/// Parses and validates a registry document.
pub(crate) fn parse_registry(text: &str, origin: &str) -> Result<Registry, LoadError> {
    let raw: RawFile = toml::from_str(text).map_err(|error| toml_error(text, origin, &error))?;
    let file: Arc<str> = Arc::from(origin);
    let mut registry = Registry::new();
    let extents = person_extents(text);
    let lines = LineIndex::new(text);
    for (index, raw_person) in raw.person.into_iter().enumerate() {
        let id_span = raw_person.get_ref().id_span();
        let mut person = build_person(raw_person, index, &file, &lines).map_err(|invalid| {
            LoadError::at(
                origin,
                text,
                Some(invalid.span),
                Some(invalid.field),
                invalid.message,
            )
        })?;
        // serde's span of an `[[person]]` table is its header; go-to-definition
        // wants the whole entry.
        if let Some(entry) = extents.get(index) {
            person.origin.span.end = person.origin.span.end.max(entry.end);
        }
        if let Some(first) = registry.get(&person.id) {
            let message = format!(
                "duplicate id `{}`: already defined on line {}",
                person.id, first.origin.line
            );
            return Err(LoadError::at(
                origin,
                text,
                Some(id_span),
                Some(format!("person[{index}].id")),
                message,
            ));
        }
        registry.insert(person);
    }
    Ok(registry)
}

/// Reads a registry file; the file name is the error origin.
pub(crate) fn load_registry_file(path: &Path) -> Result<Registry, LoadError> {
    let origin = path.display().to_string();
    let text = std::fs::read_to_string(path).map_err(|error| LoadError {
        origin: origin.clone(),
        line: 0,
        column: 0,
        field: None,
        span: None,
        message: format!("cannot read file: {error}"),
    })?;
    parse_registry(&text, &origin)
}

/// Converts a `toml` error, recovering the field path from its span.
fn toml_error(text: &str, origin: &str, error: &toml::de::Error) -> LoadError {
    let message = error.message().trim().to_owned();
    let span = error.span();
    let mut field = span
        .as_ref()
        .and_then(|span| {
            DeTable::parse(text)
                .ok()
                .map(|root| field_path_at(&root, span.start))
        })
        .filter(|path| !path.is_empty());
    // "missing field `source`" points at the table that lacks the field.
    if let Some(missing) = message
        .strip_prefix("missing field `")
        .and_then(|rest| rest.split('`').next())
    {
        field = Some(match field {
            Some(table) => format!("{table}.{missing}"),
            None => missing.to_owned(),
        });
    }
    LoadError::at(origin, text, span, field, message)
}

/// The dotted path (`person[3].posts[1].end`) of the innermost key or array
/// element whose span contains `offset`.
fn field_path_at(root: &Spanned<DeTable<'_>>, offset: usize) -> String {
    let mut path = String::new();
    descend_table(root.get_ref(), offset, &mut path);
    path
}

fn contains(span: &Range<usize>, offset: usize) -> bool {
    span.start <= offset && offset < span.end.max(span.start + 1)
}

fn descend_table(table: &DeTable<'_>, offset: usize, path: &mut String) {
    for (key, value) in table.iter() {
        let key_span = key.span();
        let value_extent = extent(value);
        let whole = key_span.start.min(value_extent.start)..key_span.end.max(value_extent.end);
        if contains(&whole, offset) {
            let before = path.len();
            if !path.is_empty() {
                path.push('.');
            }
            path.push_str(key.get_ref());
            if contains(&key_span, offset)
                || descend_value(value, offset, path)
                || contains(&whole, offset)
            {
                return;
            }
            path.truncate(before);
        }
    }
}

/// Returns whether the offset lies inside `value`.
fn descend_value(value: &Spanned<DeValue<'_>>, offset: usize, path: &mut String) -> bool {
    match value.get_ref() {
        DeValue::Table(table) => {
            if !contains(&extent(value), offset) {
                return false;
            }
            descend_table(table, offset, path);
            true
        }
        DeValue::Array(array) => {
            for (i, element) in array.iter().enumerate() {
                if contains(&extent(element), offset) {
                    path.push_str(&format!("[{i}]"));
                    descend_value(element, offset, path);
                    return true;
                }
            }
            contains(&value.span(), offset)
        }
        _ => contains(&value.span(), offset),
    }
}

/// The byte range covered by a value including everything nested in it.
/// Needed because the span of an `[[array]]` table covers only its header,
/// while its keys (and sub-tables such as `[[person.posts]]`) follow.
fn extent(value: &Spanned<DeValue<'_>>) -> Range<usize> {
    let mut range = value.span();
    match value.get_ref() {
        DeValue::Table(table) => {
            for (key, nested) in table.iter() {
                let inner = extent(nested);
                range.start = range.start.min(key.span().start).min(inner.start);
                range.end = range.end.max(inner.end);
            }
        }
        DeValue::Array(array) => {
            for element in array.iter() {
                let inner = extent(element);
                range.start = range.start.min(inner.start);
                range.end = range.end.max(inner.end);
            }
        }
        _ => {}
    }
    range
}

/// Byte extents of the `[[person]]` tables of a document, in order.
pub(crate) fn person_extents(text: &str) -> Vec<Range<usize>> {
    let Ok(root) = DeTable::parse(text) else {
        return Vec::new();
    };
    let persons = root
        .get_ref()
        .iter()
        .find(|(key, _)| key.get_ref() == "person");
    match persons.map(|(_, value)| value.get_ref()) {
        Some(DeValue::Array(array)) => array.iter().map(extent).collect(),
        _ => Vec::new(),
    }
}
