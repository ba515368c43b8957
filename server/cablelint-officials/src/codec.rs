//! A compact binary form of a validated [`Registry`], so that the built-in
//! data is parsed from TOML once, by the build script (`build.rs`), and not
//! at every start of `cablelint check` or the language server: decoding
//! costs about a thirtieth of parsing the TOML with spans.
//!
//! The form is private to one build (the build script and the library are
//! compiled from the same sources), so it carries no version. Integers are
//! LEB128 varints, strings a length and UTF-8 bytes, options a 0/1 tag.

// The library only decodes; the build script (and the tests) encode.
#![cfg_attr(not(test), allow(dead_code))]

use std::borrow::Cow;
use std::sync::Arc;

use crate::date::Date;
use crate::model::{
    NameOrder, NameVariant, NativeName, Origin, Person, PersonName, Post, Script, System,
    VariantKind,
};
use crate::registry::Registry;

const SYSTEMS: [System; 16] = [
    System::Pinyin,
    System::WadeGiles,
    System::Postal,
    System::BgnPcgn,
    System::LibraryOfCongress,
    System::Scholarly,
    System::German,
    System::French,
    System::Polish,
    System::MccuneReischauer,
    System::RevisedRomanization,
    System::Hepburn,
    System::Vietnamese,
    System::Latin,
    System::Conventional,
    System::Other,
];

const SCRIPTS: [Script; 7] = [
    Script::SimplifiedChinese,
    Script::TraditionalChinese,
    Script::Cyrillic,
    Script::Hangul,
    Script::Hanja,
    Script::Japanese,
    Script::Other,
];

const KINDS: [VariantKind; 3] = [
    VariantKind::Full,
    VariantKind::Short,
    VariantKind::Pseudonym,
];

const ORDERS: [NameOrder; 2] = [NameOrder::FamilyFirst, NameOrder::GivenFirst];

/// Position of `value` in `all` (every value is listed: see the test).
fn code<T: PartialEq>(all: &[T], value: &T) -> usize {
    all.iter().position(|v| v == value).unwrap_or(usize::MAX)
}

/// Encodes every person of `registry`, in order. The origin file names are
/// stored once each.
pub(crate) fn encode(registry: &Registry) -> Vec<u8> {
    encode_with(registry, None)
}

/// [`encode`] of a registry made by merging files over `base` (the
/// built-in registry), which the reader holds already: a person equal to
/// the one at the same place of `base` (merging keeps the base's people
/// in place, replaced or not) is written as a flag, not in full. Decoding
/// the built-in people from a cache file cost a quarter of reading it,
/// and copying them from `base` borrows their strings.
pub(crate) fn encode_over(registry: &Registry, base: &Registry) -> Vec<u8> {
    encode_with(registry, Some(base))
}

fn encode_with(registry: &Registry, base: Option<&Registry>) -> Vec<u8> {
    let mut out = Writer(Vec::new());
    let from_base = |index: usize, person: &Person| {
        base.is_some_and(|base| base.persons().get(index) == Some(person))
    };
    let mut files: Vec<&Arc<str>> = Vec::new();
    for (index, person) in registry.iter().enumerate() {
        if !from_base(index, person) && !files.iter().any(|f| Arc::ptr_eq(f, &person.origin.file)) {
            files.push(&person.origin.file);
        }
    }
    out.usize(files.len());
    for file in &files {
        out.str(file);
    }
    out.usize(registry.len());
    for (index, person) in registry.iter().enumerate() {
        if base.is_some() {
            let same = from_base(index, person);
            out.bool(same);
            if same {
                continue;
            }
        }
        out.str(&person.id);
        out.str(&person.name.text);
        out.usize(code(&SYSTEMS, &person.name.system));
        out.str(&person.name.family);
        out.opt_str(person.name.given.as_deref());
        out.usize(code(&ORDERS, &person.name.order));
        out.usize(person.native.len());
        for native in &person.native {
            out.str(&native.text);
            out.usize(code(&SCRIPTS, &native.script));
        }
        out.usize(person.variants.len());
        for variant in &person.variants {
            out.str(&variant.text);
            out.usize(code(&SYSTEMS, &variant.system));
            out.usize(code(&KINDS, &variant.kind));
            out.opt_str(variant.family.as_deref());
            out.bool(variant.alone);
        }
        out.bool(person.surname_alone);
        out.opt_date(person.born);
        out.opt_date(person.died);
        out.str(&person.summary);
        out.usize(person.posts.len());
        for post in &person.posts {
            out.str(&post.title);
            out.str(&post.org);
            out.date(post.start);
            out.opt_date(post.end);
            out.str(&post.source);
            out.opt_str(post.note.as_deref());
        }
        out.usize(person.sources.len());
        for source in &person.sources {
            out.str(source);
        }
        let file = files
            .iter()
            .position(|f| Arc::ptr_eq(f, &person.origin.file))
            .unwrap_or(0);
        out.usize(file);
        out.usize(person.origin.span.start);
        out.usize(person.origin.span.end);
        out.usize(person.origin.line);
    }
    out.0
}

/// The registry [`encode`] wrote, or None if `bytes` are not such a form.
pub(crate) fn decode(bytes: &[u8]) -> Option<Registry> {
    decode_from(Reader::new(bytes), None)
}

/// The registry [`encode_over`] wrote over `base`, or None if `bytes` are
/// not such a form.
pub(crate) fn decode_over(bytes: &[u8], base: &Registry) -> Option<Registry> {
    decode_from(Reader::new(bytes), Some(base))
}

/// [`decode`] of a form compiled into the binary and already known to be
/// valid UTF-8 as a whole (the built-in one is checked when the binary is
/// compiled), which is then not validated again at every start. Its
/// strings are borrowed from it, not copied: one allocation per string
/// was most of the cost of decoding the built-in registry.
pub(crate) fn decode_static(text: &'static str) -> Option<Registry> {
    decode_from(Reader::from_static_text(text), None)
}

fn decode_from(mut input: Reader<'_>, base: Option<&Registry>) -> Option<Registry> {
    let file_count = input.usize()?;
    let files = (0..file_count)
        .map(|_| input.str().map(Arc::from))
        .collect::<Option<Vec<Arc<str>>>>()?;
    let count = input.usize()?;
    // A count beyond the bytes left is malformed; do not reserve it.
    let mut persons = Vec::with_capacity(count.min(input.bytes.len() - input.at));
    for index in 0..count {
        let person = match base {
            Some(base) if input.bool()? => base.persons().get(index)?.clone(),
            _ => input.person(&files)?,
        };
        persons.push(person);
    }
    // The form is written from a registry, whose ids are unique.
    input.at_end().then(|| Registry::from_unique(persons))
}

/// Writes the compact form (also of the matcher's tables, see
/// `matcher/tables.rs`).
pub(crate) struct Writer(pub(crate) Vec<u8>);

impl Writer {
    pub(crate) fn usize(&mut self, mut value: usize) {
        loop {
            let low = (value & 0x3f) as u8;
            value >>= 6;
            if value == 0 {
                self.0.push(low);
                return;
            }
            self.0.push(low | 0x40);
        }
    }

    pub(crate) fn bool(&mut self, value: bool) {
        self.0.push(u8::from(value));
    }

    pub(crate) fn str(&mut self, text: &str) {
        self.usize(text.len());
        self.0.extend_from_slice(text.as_bytes());
    }

    fn opt_str(&mut self, text: Option<&str>) {
        self.bool(text.is_some());
        if let Some(text) = text {
            self.str(text);
        }
    }

    fn date(&mut self, date: Date) {
        // Years of registry dates are four-digit (1000–9999).
        self.usize(usize::try_from(date.year_part()).unwrap_or(0));
        self.0.push(date.month_part().unwrap_or(0));
        self.0.push(date.day_part().unwrap_or(0));
    }

    fn opt_date(&mut self, date: Option<Date>) {
        self.bool(date.is_some());
        if let Some(date) = date {
            self.date(date);
        }
    }
}

/// Reads the compact form; every read is None on malformed bytes.
pub(crate) struct Reader<'a> {
    bytes: &'a [u8],
    /// `bytes` as text when they are valid UTF-8 as a whole (as every
    /// form [`Writer`] writes is), so strings need no validation of their
    /// own; None otherwise, and each string is validated when read.
    text: Option<&'a str>,
    /// `text` when it lives as long as the program (a form compiled into
    /// the binary): strings of the model are then borrowed from it.
    static_text: Option<&'static str>,
    at: usize,
}

impl<'a> Reader<'a> {
    pub(crate) fn new(bytes: &'a [u8]) -> Reader<'a> {
        let text = std::str::from_utf8(bytes).ok();
        Reader {
            bytes,
            text,
            static_text: None,
            at: 0,
        }
    }

    /// A reader of a form that is valid UTF-8 as a whole, without
    /// validating it again.
    pub(crate) fn from_text(text: &'a str) -> Reader<'a> {
        Reader {
            bytes: text.as_bytes(),
            text: Some(text),
            static_text: None,
            at: 0,
        }
    }

    /// A reader of a form compiled into the binary, valid UTF-8 as a
    /// whole: see [`Reader::text`].
    pub(crate) fn from_static_text(text: &'static str) -> Reader<'static> {
        Reader {
            static_text: Some(text),
            ..Reader::from_text(text)
        }
    }

    /// How many bytes are left to read.
    pub(crate) fn left(&self) -> usize {
        self.bytes.len() - self.at
    }

    /// Whether every byte has been read.
    pub(crate) fn at_end(&self) -> bool {
        self.at == self.bytes.len()
    }
}

impl<'a> Reader<'a> {
    fn byte(&mut self) -> Option<u8> {
        let b = *self.bytes.get(self.at)?;
        self.at += 1;
        Some(b)
    }

    pub(crate) fn usize(&mut self) -> Option<usize> {
        // Most numbers (lengths, codes, flags) fit one byte: read them
        // without the loop.
        let first = *self.bytes.get(self.at)?;
        if first < 0x40 {
            self.at += 1;
            return Some(usize::from(first));
        }
        let mut value = 0usize;
        let mut shift = 0;
        loop {
            let b = self.byte()?;
            if b >= 0x80 {
                return None;
            }
            value |= usize::from(b & 0x3f).checked_shl(shift)?;
            if b & 0x40 == 0 {
                return Some(value);
            }
            shift += 6;
        }
    }

    pub(crate) fn bool(&mut self) -> Option<bool> {
        match self.byte()? {
            0 => Some(false),
            1 => Some(true),
            _ => None,
        }
    }

    pub(crate) fn str(&mut self) -> Option<&'a str> {
        let len = self.usize()?;
        let range = self.at..self.at.checked_add(len)?;
        let text = match self.text {
            // `get` refuses a range that cuts a character.
            Some(text) => text.get(range)?,
            None => std::str::from_utf8(self.bytes.get(range)?).ok()?,
        };
        self.at += len;
        Some(text)
    }

    /// A string of the model: borrowed from a form compiled into the
    /// binary, copied from any other.
    fn text(&mut self) -> Option<Cow<'static, str>> {
        let Some(all) = self.static_text else {
            return self.str().map(|text| Cow::Owned(text.to_owned()));
        };
        let len = self.usize()?;
        // `get` refuses a range that cuts a character.
        let text = all.get(self.at..self.at.checked_add(len)?)?;
        self.at += len;
        Some(Cow::Borrowed(text))
    }

    fn opt_text(&mut self) -> Option<Option<Cow<'static, str>>> {
        if self.bool()? {
            self.text().map(Some)
        } else {
            Some(None)
        }
    }

    fn one_of<T: Copy>(&mut self, all: &[T]) -> Option<T> {
        all.get(self.usize()?).copied()
    }

    fn date(&mut self) -> Option<Date> {
        let year = i32::try_from(self.usize()?).ok()?;
        let (month, day) = (self.byte()?, self.byte()?);
        match (month, day) {
            (0, 0) => Some(Date::year(year)),
            (m, 0) => Date::month(year, m).ok(),
            (m, d) => Date::day(year, m, d).ok(),
        }
    }

    fn opt_date(&mut self) -> Option<Option<Date>> {
        if self.bool()? {
            self.date().map(Some)
        } else {
            Some(None)
        }
    }

    pub(crate) fn list<T>(
        &mut self,
        mut item: impl FnMut(&mut Self) -> Option<T>,
    ) -> Option<Vec<T>> {
        let len = self.usize()?;
        // A length beyond the bytes left is malformed; do not reserve it.
        let mut out = Vec::with_capacity(len.min(self.bytes.len() - self.at));
        for _ in 0..len {
            out.push(item(self)?);
        }
        Some(out)
    }

    fn person(&mut self, files: &[Arc<str>]) -> Option<Person> {
        let id = self.text()?;
        let name = PersonName {
            text: self.text()?,
            system: self.one_of(&SYSTEMS)?,
            family: self.text()?,
            given: self.opt_text()?,
            order: self.one_of(&ORDERS)?,
        };
        let native = self.list(|r| {
            Some(NativeName {
                text: r.text()?,
                script: r.one_of(&SCRIPTS)?,
            })
        })?;
        let variants = self.list(|r| {
            Some(NameVariant {
                text: r.text()?,
                system: r.one_of(&SYSTEMS)?,
                kind: r.one_of(&KINDS)?,
                family: r.opt_text()?,
                alone: r.bool()?,
            })
        })?;
        let surname_alone = self.bool()?;
        let born = self.opt_date()?;
        let died = self.opt_date()?;
        let summary = self.text()?;
        let posts = self.list(|r| {
            Some(Post {
                title: r.text()?,
                org: r.text()?,
                start: r.date()?,
                end: r.opt_date()?,
                source: r.text()?,
                note: r.opt_text()?,
            })
        })?;
        let sources = self.list(Reader::text)?;
        let file = Arc::clone(files.get(self.usize()?)?);
        let start = self.usize()?;
        let end = self.usize()?;
        let line = self.usize()?;
        Some(Person {
            id,
            name,
            native,
            variants,
            surname_alone,
            born,
            died,
            summary,
            posts,
            sources,
            origin: Origin {
                file,
                span: start..end,
                line,
            },
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every value of each enum has a code: a variant added to the model
    /// and not to these tables fails here (and in the build script's
    /// round trip), not silently.
    #[test]
    fn every_enum_value_has_a_code() {
        for system in SYSTEMS {
            let parsed: System = toml::from_str::<toml::Table>(&format!("s = \"{system}\""))
                .ok()
                .and_then(|t| t["s"].clone().try_into().ok())
                .expect("as_str names a variant");
            assert_eq!(parsed, system);
        }
        let round_trip = |text: &str| {
            let registry = Registry::from_toml_str(text, "t.toml").expect("valid");
            assert_eq!(decode(&encode(&registry)).as_ref(), Some(&registry));
        };
        let scripts = [
            "simplified-chinese",
            "traditional-chinese",
            "cyrillic",
            "hangul",
            "hanja",
            "japanese",
            "other",
        ];
        assert_eq!(scripts.len(), SCRIPTS.len());
        let natives: Vec<String> = scripts
            .iter()
            .map(|s| format!("{{ text = \"X{s}\", script = \"{s}\" }}"))
            .collect();
        let variants: Vec<String> = SYSTEMS
            .iter()
            .zip(["full", "short", "pseudonym"].iter().cycle())
            .map(|(s, k)| format!("{{ text = \"V {s}\", system = \"{s}\", kind = \"{k}\" }}"))
            .collect();
        round_trip(&format!(
            "[[person]]\nid = \"a\"\nname = {{ text = \"Ann Bee\", system = \"latin\", \
             family = \"Bee\", given = \"Ann\", order = \"given-first\" }}\n\
             native = [{}]\nvariants = [{}]\nborn = 1900\ndied = \"1980-02\"\n\
             summary = \"S\"\nsources = [\"x\", \"y\"]\n\
             [[person.posts]]\ntitle = \"T\"\norg = \"O\"\nstart = \"1950-01-02\"\n\
             source = \"s\"\nnote = \"n\"\n\
             [[person]]\nid = \"b\"\nname = {{ text = \"Kim\", system = \"other\", \
             family = \"Kim\", order = \"family-first\" }}\nsurname_alone = true\n",
            natives.join(", "),
            variants.join(", ")
        ));
    }

    #[test]
    fn malformed_bytes_decode_to_nothing() {
        let registry = Registry::from_toml_str(
            "[[person]]\nid = \"a\"\nname = { text = \"Ann Bee\", system = \"latin\", \
             family = \"Bee\", order = \"given-first\" }\n",
            "t.toml",
        )
        .expect("valid");
        let bytes = encode(&registry);
        assert_eq!(decode(&bytes).as_ref(), Some(&registry));
        for cut in 0..bytes.len() {
            assert_eq!(decode(&bytes[..cut]), None, "cut at {cut}");
        }
        let mut longer = bytes.clone();
        longer.push(0);
        assert_eq!(decode(&longer), None);
        assert_eq!(decode(&[0xff; 12]), None);
    }

    /// A registry merged over a base keeps the base's people in place:
    /// those unchanged are written as a flag and read back from the base.
    /// Over another base the form may read other people, which is why the
    /// cache's key holds the built-in registry's digest.
    #[test]
    fn people_of_the_base_are_written_by_place() {
        let (base_toml, _) = crate::synthetic::registry_toml(6, 3);
        let base = Registry::from_toml_str(&base_toml, "base.toml").expect("valid");
        let (more, _) = crate::synthetic::registry_toml(3, 4);
        let mut merged = base.clone();
        let more = more.replace("id = \"synthetic-", "id = \"more-");
        merged.merge(Registry::from_toml_str(&more, "more.toml").expect("valid"));
        // One base person replaced in place.
        let mut changed = base.persons()[2].clone();
        changed.summary = "Replaced by a user file.".into();
        merged.insert(changed);
        assert_eq!(merged.len(), base.len() + 3);
        let over = encode_over(&merged, &base);
        assert_eq!(decode_over(&over, &base).as_ref(), Some(&merged));
        // The unchanged base people take a byte each, not their entries.
        assert!(over.len() < encode(&merged).len() * 3 / 4, "{}", over.len());
        // Over a base that lacks one of its people, the form is refused.
        let smaller = Registry::from_unique(base.persons()[..3].to_vec());
        assert_eq!(decode_over(&over, &smaller), None);
        for cut in 0..over.len() {
            assert_eq!(decode_over(&over[..cut], &base), None, "cut at {cut}");
        }
        // A registry of the base alone, and one with none of it.
        assert_eq!(
            decode_over(&encode_over(&base, &base), &base).as_ref(),
            Some(&base)
        );
        let empty = Registry::new();
        assert_eq!(
            decode_over(&encode_over(&merged, &empty), &empty).as_ref(),
            Some(&merged)
        );
    }
}
