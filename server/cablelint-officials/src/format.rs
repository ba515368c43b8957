//! The registry file format (documented for transcribers in
//! `grammar/OFFICIALS.md`): serde structures that mirror the TOML, keeping
//! the span of every value so that validation errors can point at the exact
//! line, column and field, and their conversion into the checked model.

use std::borrow::Cow;
use std::fmt;
use std::ops::Range;
use std::sync::Arc;

use serde::Deserialize;
use toml::Spanned;

use crate::date::Date;
use crate::model::{
    NameOrder, NameVariant, NativeName, Origin, Person, PersonName, Post, Script, System,
    VariantKind,
};

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawFile {
    #[serde(default)]
    pub person: Vec<Spanned<RawPerson>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawPerson {
    id: Spanned<String>,
    name: Spanned<RawName>,
    #[serde(default)]
    native: Vec<Spanned<RawNative>>,
    #[serde(default)]
    variants: Vec<Spanned<RawVariant>>,
    #[serde(default)]
    surname_alone: bool,
    born: Option<Spanned<toml::Value>>,
    died: Option<Spanned<toml::Value>>,
    summary: Option<Spanned<String>>,
    #[serde(default)]
    posts: Vec<Spanned<RawPost>>,
    #[serde(default)]
    sources: Vec<Spanned<String>>,
}

impl RawPerson {
    pub(crate) fn id_span(&self) -> Range<usize> {
        self.id.span()
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawName {
    text: Spanned<String>,
    system: System,
    family: Spanned<String>,
    given: Option<Spanned<String>>,
    order: NameOrder,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawNative {
    text: Spanned<String>,
    script: Script,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawVariant {
    text: Spanned<String>,
    system: System,
    #[serde(default)]
    kind: VariantKind,
    family: Option<Spanned<String>>,
    alone: Option<bool>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPost {
    title: Spanned<String>,
    org: Spanned<String>,
    start: Spanned<toml::Value>,
    end: Option<Spanned<toml::Value>>,
    source: Spanned<String>,
    note: Option<String>,
}

/// A validation failure: where, which field (a path such as
/// `person[3].posts[1].end`), and what is wrong.
#[derive(Debug)]
pub(crate) struct Invalid {
    pub span: Range<usize>,
    pub field: String,
    pub message: String,
}

/// Checks the fields of entry number `index`. Field paths are written only
/// for an error: formatting one per field of every entry was a tenth of
/// loading a large registry.
struct Checker {
    index: usize,
}

/// The path of an element's field within the entry: `posts[1].end`, or
/// `sources[2]` when `name` is empty.
struct Indexed<'a> {
    list: &'static str,
    at: usize,
    name: &'a str,
}

impl fmt::Display for Indexed<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}[{}]", self.list, self.at)?;
        if !self.name.is_empty() {
            write!(f, ".{}", self.name)?;
        }
        Ok(())
    }
}

impl Checker {
    fn fail<T>(
        &self,
        span: Range<usize>,
        field: &dyn fmt::Display,
        message: impl Into<String>,
    ) -> Result<T, Invalid> {
        Err(Invalid {
            span,
            field: format!("person[{}].{field}", self.index),
            message: message.into(),
        })
    }

    fn non_empty(
        &self,
        value: &Spanned<String>,
        field: &dyn fmt::Display,
    ) -> Result<Cow<'static, str>, Invalid> {
        let text = value.get_ref().trim();
        if text.is_empty() {
            return self.fail(value.span(), field, "must not be empty");
        }
        Ok(Cow::Owned(text.to_owned()))
    }

    fn date(
        &self,
        value: &Spanned<toml::Value>,
        field: &dyn fmt::Display,
    ) -> Result<Date, Invalid> {
        let parsed = match value.get_ref() {
            toml::Value::String(text) => text.parse::<Date>().map_err(|e| {
                let message = e.to_string();
                if message.contains(text.as_str()) {
                    message
                } else {
                    format!("`{text}` is not a valid date: {message}")
                }
            }),
            toml::Value::Integer(year) => i32::try_from(*year)
                .ok()
                .filter(|y| (1000..=9999).contains(y))
                .map(Date::year)
                .ok_or_else(|| format!("`{year}` is not a four-digit year")),
            toml::Value::Datetime(dt) => match (dt.date, dt.time) {
                (Some(d), None) => {
                    Date::day(i32::from(d.year), d.month, d.day).map_err(|e| e.to_string())
                }
                _ => Err(format!(
                    "`{dt}` has a time or no date; write a date such as \"1972-01-12\""
                )),
            },
            other => Err(format!(
                "expected a date such as \"1972\", \"1972-01\" or \"1972-01-12\", found a {}",
                other.type_str()
            )),
        };
        parsed.or_else(|message| self.fail(value.span(), field, message))
    }
}

fn is_valid_id(id: &str) -> bool {
    !id.is_empty()
        && id.split('-').all(|part| {
            !part.is_empty()
                && part
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
        })
}

/// The family name of a full variant, from its word order when the file
/// does not say.
fn derived_family(text: &str, order: NameOrder) -> Option<Cow<'static, str>> {
    let mut words = text.split_whitespace();
    let word = match order {
        NameOrder::FamilyFirst => words.next(),
        NameOrder::GivenFirst => words.next_back(),
    };
    word.map(|word| Cow::Owned(word.to_owned()))
}

/// Converts and checks one `[[person]]` table (number `index` in its file).
pub(crate) fn build_person(
    raw: Spanned<RawPerson>,
    index: usize,
    file: &Arc<str>,
    lines: &LineIndex,
    offset: usize,
) -> Result<Person, Invalid> {
    // Spans of `raw` are relative to the part of the file parsed, which
    // starts at `offset`; the origin is the file's.
    let span = raw.span().start + offset..raw.span().end + offset;
    let raw = raw.into_inner();
    let check = Checker { index };

    let id = raw.id.get_ref().clone();
    if !is_valid_id(&id) {
        return check.fail(
            raw.id.span(),
            &"id",
            format!("`{id}` is not a valid id: use lowercase ASCII letters, digits and single hyphens, e.g. `ji-pengfei`"),
        );
    }
    let name = check.name(raw.name.get_ref())?;
    let native = raw
        .native
        .iter()
        .enumerate()
        .map(|(i, form)| {
            Ok(NativeName {
                text: check.non_empty(
                    &form.get_ref().text,
                    &Indexed {
                        list: "native",
                        at: i,
                        name: "text",
                    },
                )?,
                script: form.get_ref().script,
            })
        })
        .collect::<Result<_, _>>()?;
    let variants = raw
        .variants
        .iter()
        .enumerate()
        .map(|(i, form)| check.variant(form.get_ref(), i, name.order, raw.surname_alone))
        .collect::<Result<_, _>>()?;
    let (born, died) = check.life(raw.born.as_ref(), raw.died.as_ref())?;
    let summary = match &raw.summary {
        Some(summary) => check.non_empty(summary, &"summary")?,
        None => Cow::Borrowed(""),
    };
    let posts = raw
        .posts
        .iter()
        .enumerate()
        .map(|(i, post)| check.post(post.get_ref(), i))
        .collect::<Result<_, _>>()?;
    let sources = raw
        .sources
        .iter()
        .enumerate()
        .map(|(i, source)| {
            let field = Indexed {
                list: "sources",
                at: i,
                name: "",
            };
            check.non_empty(source, &field)
        })
        .collect::<Result<_, _>>()?;

    Ok(Person {
        id: Cow::Owned(id),
        name,
        native,
        variants,
        surname_alone: raw.surname_alone,
        born,
        died,
        summary,
        posts,
        sources,
        origin: Origin {
            file: Arc::clone(file),
            line: lines.line(span.start),
            span,
        },
    })
}

impl Checker {
    /// `part` must occur in `whole` ("family name `Chi` does not occur in
    /// the name `Ji Pengfei`"): catches misspellings between the two.
    fn occurs_in(
        &self,
        part: &Spanned<String>,
        whole: &str,
        field: &dyn fmt::Display,
        what: &str,
    ) -> Result<Cow<'static, str>, Invalid> {
        let text = self.non_empty(part, field)?;
        if !whole.contains(&*text) {
            return self.fail(
                part.span(),
                field,
                format!("{what} `{text}` does not occur in `{whole}`"),
            );
        }
        Ok(text)
    }

    fn name(&self, raw: &RawName) -> Result<PersonName, Invalid> {
        let text = self.non_empty(&raw.text, &"name.text")?;
        let family = self.occurs_in(&raw.family, &text, &"name.family", "family name")?;
        let given = match &raw.given {
            Some(given) => Some(self.occurs_in(given, &text, &"name.given", "given name")?),
            None => None,
        };
        Ok(PersonName {
            text,
            system: raw.system,
            family,
            given,
            order: raw.order,
        })
    }

    fn variant(
        &self,
        raw: &RawVariant,
        i: usize,
        order: NameOrder,
        surname_alone: bool,
    ) -> Result<NameVariant, Invalid> {
        let field = |name| Indexed {
            list: "variants",
            at: i,
            name,
        };
        let text = self.non_empty(&raw.text, &field("text"))?;
        let family = match &raw.family {
            Some(family) => Some(self.occurs_in(family, &text, &field("family"), "family name")?),
            None if raw.kind == VariantKind::Full && text.contains(' ') => {
                derived_family(&text, order)
            }
            None => None,
        };
        let alone = raw.alone.unwrap_or(match raw.kind {
            VariantKind::Full | VariantKind::Pseudonym => true,
            VariantKind::Short => surname_alone,
        });
        Ok(NameVariant {
            text,
            system: raw.system,
            kind: raw.kind,
            family,
            alone,
        })
    }

    fn life(
        &self,
        born: Option<&Spanned<toml::Value>>,
        died: Option<&Spanned<toml::Value>>,
    ) -> Result<(Option<Date>, Option<Date>), Invalid> {
        let born_date = born.map(|d| self.date(d, &"born")).transpose()?;
        let died_date = died.map(|d| self.date(d, &"died")).transpose()?;
        if let (Some(b), Some(d), Some(died)) = (born_date, died_date, died) {
            if d.is_certainly_before(&b) {
                return self.fail(died.span(), &"died", format!("died {d} is before born {b}"));
            }
        }
        Ok((born_date, died_date))
    }

    fn post(&self, raw: &RawPost, i: usize) -> Result<Post, Invalid> {
        let field = |name| Indexed {
            list: "posts",
            at: i,
            name,
        };
        let start = self.date(&raw.start, &field("start"))?;
        let end = match &raw.end {
            Some(end_raw) => {
                let end = self.date(end_raw, &field("end"))?;
                if end.is_certainly_before(&start) {
                    return self.fail(
                        end_raw.span(),
                        &field("end"),
                        format!("end {end} is before start {start}"),
                    );
                }
                Some(end)
            }
            None => None,
        };
        Ok(Post {
            title: self.non_empty(&raw.title, &field("title"))?,
            org: self.non_empty(&raw.org, &field("org"))?,
            start,
            end,
            source: self.non_empty(&raw.source, &field("source"))?,
            note: raw
                .note
                .as_ref()
                .map(|n| Cow::<str>::Owned(n.trim().to_owned()))
                .filter(|n| !n.is_empty()),
        })
    }
}

/// Line starts of a document, so that many offsets can be turned into
/// line numbers without rescanning the text each time (a user registry may
/// hold thousands of entries).
pub(crate) struct LineIndex {
    starts: Vec<usize>,
}

impl LineIndex {
    pub(crate) fn new(text: &str) -> LineIndex {
        let starts = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        LineIndex { starts }
    }

    /// 1-based line of a byte offset.
    pub(crate) fn line(&self, offset: usize) -> usize {
        self.starts.partition_point(|&start| start <= offset)
    }

    /// 1-based column (in characters) of a byte offset.
    pub(crate) fn column(&self, text: &str, offset: usize) -> usize {
        let mut offset = offset.min(text.len());
        while !text.is_char_boundary(offset) {
            offset -= 1;
        }
        let line_start = self.starts[self.line(offset) - 1];
        text[line_start..offset].chars().count() + 1
    }
}
