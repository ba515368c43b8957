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

use crate::format::{build_person, LineIndex, RawFile, RawPerson};
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
///
/// A large file is parsed one `[[person]]` entry at a time, so that the
/// syntax tree of one entry, not of the whole file, is held in memory. When
/// an entry does not parse on its own (a syntax error, or a multi-line
/// string that holds a `[[person]]` line), the whole file is parsed at once,
/// which gives the exact error or the right result.
pub(crate) fn parse_registry(text: &str, origin: &str) -> Result<Registry, LoadError> {
    let starts = person_header_lines(text);
    if starts.len() < PARSE_WHOLE_UP_TO {
        return parse_whole(text, origin);
    }
    let file: Arc<str> = Arc::from(origin);
    let lines = LineIndex::new(text);
    let mut registry = Registry::new();
    let mut index = 0;
    let bounds: Vec<usize> = std::iter::once(0)
        .chain(starts.iter().copied())
        .chain(std::iter::once(text.len()))
        .collect();
    for pair in bounds.windows(2) {
        let (offset, end) = (pair[0], pair[1]);
        let Ok(raw) = toml::from_str::<RawFile>(&text[offset..end]) else {
            return parse_whole(text, origin);
        };
        let headers: Vec<usize> = raw.person.iter().map(|p| p.span().start + offset).collect();
        for (k, raw_person) in raw.person.into_iter().enumerate() {
            let next = headers.get(k + 1).copied().unwrap_or(end);
            add_person(
                &mut registry,
                raw_person,
                index,
                offset,
                next,
                text,
                origin,
                &file,
                &lines,
            )?;
            index += 1;
        }
    }
    Ok(registry)
}

/// Files with fewer entries than this are parsed whole (simplest, and the
/// memory does not matter).
const PARSE_WHOLE_UP_TO: usize = 1_000;

/// Offsets of the lines that are exactly `[[person]]` (surrounding spaces
/// aside).
fn person_header_lines(text: &str) -> Vec<usize> {
    let mut starts = Vec::new();
    let mut at = 0;
    for line in text.split_inclusive('\n') {
        if line.trim() == "[[person]]" {
            starts.push(at);
        }
        at += line.len();
    }
    starts
}

fn parse_whole(text: &str, origin: &str) -> Result<Registry, LoadError> {
    let raw: RawFile = toml::from_str(text).map_err(|error| toml_error(text, origin, &error))?;
    let file: Arc<str> = Arc::from(origin);
    let mut registry = Registry::new();
    let headers: Vec<usize> = raw.person.iter().map(|p| p.span().start).collect();
    let lines = LineIndex::new(text);
    for (index, raw_person) in raw.person.into_iter().enumerate() {
        let next = headers.get(index + 1).copied().unwrap_or(text.len());
        add_person(
            &mut registry,
            raw_person,
            index,
            0,
            next,
            text,
            origin,
            &file,
            &lines,
        )?;
    }
    Ok(registry)
}

/// Validates one entry (parsed from the part of `text` at `offset`) and
/// adds it; `next` is where the following entry starts.
#[allow(clippy::too_many_arguments)]
fn add_person(
    registry: &mut Registry,
    raw_person: Spanned<RawPerson>,
    index: usize,
    offset: usize,
    next: usize,
    text: &str,
    origin: &str,
    file: &Arc<str>,
    lines: &LineIndex,
) -> Result<(), LoadError> {
    let id_span = raw_person.get_ref().id_span();
    let id_span = id_span.start + offset..id_span.end + offset;
    let mut person = build_person(raw_person, index, file, lines, offset).map_err(|invalid| {
        LoadError::at(
            origin,
            text,
            Some(invalid.span.start + offset..invalid.span.end + offset),
            Some(invalid.field),
            invalid.message,
        )
    })?;
    // serde's span of an `[[person]]` table is its header; go-to-definition
    // wants the whole entry, which runs to the next header.
    let entry_end = entry_end(text, person.origin.span.start, next);
    person.origin.span.end = person.origin.span.end.max(entry_end);
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
    Ok(())
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

/// The end of the entry that starts at `start` and is followed by the next
/// `[[person]]` header (or the end of the file) at `next`: trailing blank
/// lines and comment lines belong to neither. Found from the text rather
/// than by parsing the file a second time (which doubled the time to load
/// a large registry).
fn entry_end(text: &str, start: usize, next: usize) -> usize {
    let mut end = next.clamp(start, text.len());
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    loop {
        let trimmed = text[start..end].trim_end();
        let line_start = trimmed.rfind('\n').map_or(0, |i| i + 1);
        let last_line = trimmed[line_start..].trim_start();
        if last_line.starts_with('#') && line_start > 0 {
            end = start + line_start;
        } else {
            return start + trimmed.len();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The field paths of validation errors, which are written only when
    /// an entry fails (see `format.rs`).
    #[test]
    fn validation_errors_name_the_field_of_the_list_element() {
        let entry = |extra: &str| {
            format!(
                "[[person]]\nid = \"ok\"\nname = {{ text = \"Ann Bee\", system = \"latin\", \
                 family = \"Bee\", order = \"given-first\" }}\n\
                 [[person]]\nid = \"b\"\nname = {{ text = \"Ann Bee\", system = \"latin\", \
                 family = \"Bee\", order = \"given-first\" }}\n{extra}\n"
            )
        };
        let field_of = |extra: &str| {
            let error = parse_registry(&entry(extra), "t.toml").expect_err("invalid");
            (error.field.unwrap_or_default(), error.message)
        };
        assert_eq!(
            field_of("sources = [\"a\", \" \"]"),
            (
                "person[1].sources[1]".to_owned(),
                "must not be empty".to_owned()
            )
        );
        assert_eq!(
            field_of("native = [{ text = \"x\", script = \"other\" }, { text = \"\", script = \"other\" }]").0,
            "person[1].native[1].text"
        );
        assert_eq!(
            field_of("variants = [{ text = \"A. Cee\", system = \"latin\", family = \"Bee\" }]"),
            (
                "person[1].variants[0].family".to_owned(),
                "family name `Bee` does not occur in `A. Cee`".to_owned()
            )
        );
        assert_eq!(
            field_of("variants = [{ text = \" \", system = \"latin\" }]").0,
            "person[1].variants[0].text"
        );
        assert_eq!(field_of("summary = \"\"").0, "person[1].summary");
        assert_eq!(field_of("born = 1900\ndied = 1800").0, "person[1].died");
        assert_eq!(
            field_of("[[person.posts]]\ntitle = \"T\"\norg = \" \"\nstart = 1950\nsource = \"s\"")
                .0,
            "person[1].posts[0].org"
        );
    }
}
