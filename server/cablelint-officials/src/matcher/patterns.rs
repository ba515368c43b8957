//! The pattern table behind the look-up: every spelling of every name
//! form, deduplicated (ignoring ASCII case), each with the people it may
//! name and how distinctive it is for each of them.

use std::borrow::Cow;
use std::collections::HashMap;
use std::hash::BuildHasherDefault;

use crate::codec::{Reader, Writer};
use crate::fold::fold_to_ascii;
use crate::model::{NameOrder, Person, Script, VariantKind};
use crate::registry::{KeyHasher, Registry};
use crate::title::{classify_bytes, WordClass};

/// What kind of name form a pattern is for one person; the order is the
/// order of preference when a person has the same spelling twice.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) enum FormKind {
    Full,
    Native,
    Pseudonym,
    Short,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Entry {
    pub person: usize,
    pub kind: FormKind,
    /// A mention without any surrounding context.
    pub alone: bool,
}

/// A list borrowed from the statics the build script writes for the
/// built-in registry (see `builtin_tables.rs`), owned for any other.
pub(crate) type Shared<T> = Cow<'static, [T]>;

/// The given names of one name form, lowercase ASCII words, in order
/// ("stepan", "vasilyevich").
pub(crate) type GivenNames = Shared<Cow<'static, str>>;

#[derive(Clone, Debug, Default, PartialEq)]
pub(crate) struct PatternTable {
    patterns: Shared<Cow<'static, str>>,
    /// The entries of every pattern, end to end: those of pattern `i` are
    /// `entries[entry_starts[i]..entry_starts[i + 1]]` (one list, not one
    /// per pattern: decoding the built-in table allocated thousands).
    entries: Shared<Entry>,
    entry_starts: Shared<u32>,
    /// Per person: the given names of each Latin form.
    given_names: Shared<Shared<GivenNames>>,
}

impl PatternTable {
    pub(crate) fn build(registry: &Registry) -> PatternTable {
        let mut builder = Builder::default();
        for (index, person) in registry.iter().enumerate() {
            builder.add_person(index, person);
        }
        let mut entry_starts = Vec::with_capacity(builder.entries.len() + 1);
        entry_starts.push(0);
        let mut end = 0;
        for entries in &builder.entries {
            end += entries.len();
            entry_starts.push(u32::try_from(end).unwrap_or(u32::MAX));
        }
        PatternTable {
            patterns: Cow::Owned(builder.patterns),
            entries: Cow::Owned(builder.entries.concat()),
            entry_starts: Cow::Owned(entry_starts),
            given_names: owned_given_names(builder.given_names),
        }
    }

    /// The table over the built-in registry, from the build script's
    /// statics (written by [`PatternTable::to_statics`]).
    pub(crate) fn from_statics(
        patterns: &'static [Cow<'static, str>],
        entries: &'static [Entry],
        entry_starts: &'static [u32],
        given_names: &'static [Shared<GivenNames>],
    ) -> PatternTable {
        PatternTable {
            patterns: Cow::Borrowed(patterns),
            entries: Cow::Borrowed(entries),
            entry_starts: Cow::Borrowed(entry_starts),
            given_names: Cow::Borrowed(given_names),
        }
    }

    /// Rust source of the statics [`PatternTable::from_statics`] takes
    /// (`PATTERNS`, `ENTRIES`, `ENTRY_STARTS`, `GIVEN_NAMES`).
    // The library writes them only in its tests.
    #[cfg_attr(not(test), allow(dead_code))]
    pub(crate) fn to_statics(&self) -> String {
        let quoted = |text: &Cow<'static, str>| format!("Cow::Borrowed({:?})", &**text);
        let list = |items: Vec<String>| format!("&[{}]", items.join(","));
        let mut out = String::new();
        out += &format!(
            "static PATTERNS: [Cow<'static, str>; {}] = [{}];\n",
            self.patterns.len(),
            self.patterns
                .iter()
                .map(quoted)
                .collect::<Vec<_>>()
                .join(",")
        );
        out += &format!(
            "static ENTRIES: [Entry; {}] = [{}];\n",
            self.entries.len(),
            self.entries
                .iter()
                .map(|e| format!(
                    "Entry {{ person: {}, kind: FormKind::{:?}, alone: {} }}",
                    e.person, e.kind, e.alone
                ))
                .collect::<Vec<_>>()
                .join(",")
        );
        out += &format!(
            "static ENTRY_STARTS: [u32; {}] = [{}];\n",
            self.entry_starts.len(),
            self.entry_starts
                .iter()
                .map(u32::to_string)
                .collect::<Vec<_>>()
                .join(",")
        );
        out += &format!(
            "static GIVEN_NAMES: [Shared<GivenNames>; {}] = [{}];\n",
            self.given_names.len(),
            self.given_names
                .iter()
                .map(|forms| {
                    let forms = forms
                        .iter()
                        .map(|words| {
                            format!(
                                "Cow::Borrowed({})",
                                list(words.iter().map(quoted).collect())
                            )
                        })
                        .collect();
                    format!("Cow::Borrowed({})", list(forms))
                })
                .collect::<Vec<_>>()
                .join(",")
        );
        out
    }

    /// Writes the table in the compact form of `codec.rs`.
    // The library only decodes; the build script (and the tests) encode.
    #[cfg_attr(not(test), allow(dead_code))]
    pub(crate) fn encode(&self, out: &mut Writer) {
        out.usize(self.patterns.len());
        for (index, pattern) in self.patterns.iter().enumerate() {
            out.str(pattern);
            let entries = self.entries(index);
            out.usize(entries.len());
            for entry in entries {
                out.usize(entry.person);
                out.usize(entry.kind as usize);
                out.bool(entry.alone);
            }
        }
        out.usize(self.given_names.len());
        for forms in self.given_names.iter() {
            out.usize(forms.len());
            for words in forms.iter() {
                out.usize(words.len());
                for word in words.iter() {
                    out.str(word);
                }
            }
        }
    }

    /// The table [`PatternTable::encode`] wrote. Its strings are copied,
    /// not borrowed: a language server loads registries again and again,
    /// and bytes kept for the program's life would pile up.
    pub(crate) fn decode(input: &mut Reader<'_>) -> Option<PatternTable> {
        const KINDS: [FormKind; 4] = [
            FormKind::Full,
            FormKind::Native,
            FormKind::Pseudonym,
            FormKind::Short,
        ];
        let count = input.usize()?;
        // A count beyond the bytes left is malformed; do not reserve it.
        let room = count.min(input.left());
        let mut patterns = Vec::with_capacity(room);
        let mut entry_starts = Vec::with_capacity(room + 1);
        let mut entries = Vec::with_capacity(room);
        entry_starts.push(0);
        for _ in 0..count {
            patterns.push(Cow::Owned(input.str()?.to_owned()));
            for _ in 0..input.usize()? {
                entries.push(Entry {
                    person: input.usize()?,
                    kind: *KINDS.get(input.usize()?)?,
                    alone: input.bool()?,
                });
            }
            entry_starts.push(u32::try_from(entries.len()).ok()?);
        }
        let given_names =
            input.list(|input| input.list(|input| input.list(|input| input.str().map(owned))))?;
        Some(PatternTable {
            patterns: Cow::Owned(patterns),
            entries: Cow::Owned(entries),
            entry_starts: Cow::Owned(entry_starts),
            given_names: owned_given_names(given_names),
        })
    }

    /// Whether the table is for a registry of `persons` people: one list
    /// of given names each, and entries only for them.
    pub(crate) fn fits(&self, persons: usize) -> bool {
        self.given_names.len() == persons
            && self.entry_starts.len() == self.patterns.len() + 1
            && self.entry_starts.last().map(|&end| end as usize) == Some(self.entries.len())
            && self.entry_starts.windows(2).all(|pair| pair[0] <= pair[1])
            && self.entries.iter().all(|e| e.person < persons)
    }

    pub(crate) fn patterns(&self) -> &[Cow<'static, str>] {
        &self.patterns
    }

    // Inlined: one call per hit examined, dearer than the look-up.
    #[inline]
    pub(crate) fn entries(&self, pattern: usize) -> &[Entry] {
        &self.entries[self.entry_starts[pattern] as usize..self.entry_starts[pattern + 1] as usize]
    }

    pub(crate) fn given_names(&self, person: usize) -> &[GivenNames] {
        &self.given_names[person]
    }
}

fn owned(text: &str) -> Cow<'static, str> {
    Cow::Owned(text.to_owned())
}

fn owned_given_names(given_names: Vec<Vec<Vec<Cow<'static, str>>>>) -> Shared<Shared<GivenNames>> {
    Cow::Owned(
        given_names
            .into_iter()
            .map(|forms| Cow::Owned(forms.into_iter().map(Cow::Owned).collect()))
            .collect(),
    )
}

/// A [`PatternTable`] being made: one list of entries per pattern, and
/// the patterns by lower-case key.
#[derive(Default)]
struct Builder {
    patterns: Vec<Cow<'static, str>>,
    entries: Vec<Vec<Entry>>,
    given_names: Vec<Vec<Vec<Cow<'static, str>>>>,
    /// Lower-case pattern to index.
    by_key: HashMap<String, usize, BuildHasherDefault<KeyHasher>>,
    /// The lower-case key being looked up, kept to spare an allocation.
    key: String,
}

impl Builder {
    fn add_person(&mut self, index: usize, person: &Person) {
        self.add(&person.name.text, index, FormKind::Full, true);
        self.add(
            &person.name.family,
            index,
            FormKind::Short,
            person.surname_alone,
        );
        let mut given = Vec::new();
        if let Some(names) = &person.name.given {
            given.push(given_words(names));
        }
        for variant in &person.variants {
            let kind = match variant.kind {
                VariantKind::Full => FormKind::Full,
                VariantKind::Short => FormKind::Short,
                VariantKind::Pseudonym => FormKind::Pseudonym,
            };
            self.add(&variant.text, index, kind, variant.alone);
            if let Some(family) = &variant.family {
                self.add(family, index, FormKind::Short, person.surname_alone);
                if person.name.order == NameOrder::GivenFirst {
                    if let Some(before) = variant.text.strip_suffix(&**family) {
                        given.push(given_words(before));
                    }
                }
            }
        }
        for native in &person.native {
            self.add(&native.text, index, FormKind::Native, true);
            // Cyrillic surnames are written alone as in Latin script
            // ("Посол Червоненко").
            if native.script == Script::Cyrillic && person.name.order == NameOrder::GivenFirst {
                if let Some(family) = native
                    .text
                    .split_whitespace()
                    .next_back()
                    .filter(|_| native.text.contains(' '))
                {
                    self.add(family, index, FormKind::Short, person.surname_alone);
                }
            }
        }
        given.retain(|words| !words.is_empty());
        given.dedup();
        self.given_names.push(given);
    }

    fn add(&mut self, text: &str, person: usize, kind: FormKind, alone: bool) {
        // A one-word form that is also a title word ("Lord" for Winston Lord,
        // "General") would turn every "Lord Chancellor" into a mention.
        if kind == FormKind::Short
            && classify_bytes(fold_to_ascii(text).as_bytes()) != WordClass::Other
        {
            return;
        }
        for spelling in spellings(text) {
            self.key.clear();
            self.key.push_str(&spelling);
            self.key.make_ascii_lowercase();
            let pattern = match self.by_key.get(&self.key) {
                Some(&pattern) => pattern,
                None => {
                    self.by_key.insert(self.key.clone(), self.patterns.len());
                    self.patterns.push(Cow::Owned(spelling));
                    self.entries.push(Vec::new());
                    self.patterns.len() - 1
                }
            };
            let entries = &mut self.entries[pattern];
            match entries.iter_mut().find(|e| e.person == person) {
                Some(existing) => {
                    existing.kind = existing.kind.min(kind);
                    existing.alone |= alone;
                }
                None => entries.push(Entry {
                    person,
                    kind,
                    alone,
                }),
            }
        }
    }
}

/// Given names as lowercase ASCII words; "V." stays an initial "v.".
fn given_words(text: &str) -> Vec<Cow<'static, str>> {
    let folded = fold_to_ascii(text).to_ascii_lowercase();
    folded
        .split([' ', '-'])
        .flat_map(|word| {
            // "n.s." written without a space holds two initials.
            if word.len() > 2 && word.ends_with('.') && word.matches('.').count() > 1 {
                word.split_inclusive('.')
                    .map(str::to_owned)
                    .collect::<Vec<_>>()
            } else {
                vec![word.to_owned()]
            }
        })
        .filter(|w| !w.is_empty())
        .map(Cow::Owned)
        .collect()
}

/// The spellings under which a form is searched: as written, without
/// diacritics, with typographic or plain apostrophes, and with hyphens as
/// spaces ("Kim Il-sung" / "Kim Il sung").
fn spellings(text: &str) -> Vec<String> {
    // Most forms are plain ASCII words, one space apart, with no apostrophe
    // or hyphen: their only spelling is themselves. Making the others one
    // by one (six strings, sorted) was most of building a large registry's
    // table; `every_spelling` stays the definition (see the tests).
    let plain = text
        .bytes()
        .all(|b| b.is_ascii_alphanumeric() || b == b' ' || b == b'.' || b == b',')
        && !text.starts_with(' ')
        && !text.ends_with(' ')
        && !text.contains("  ");
    if plain {
        return if text.is_empty() {
            Vec::new()
        } else {
            vec![text.to_owned()]
        };
    }
    every_spelling(text)
}

/// [`spellings`], each made and then deduplicated.
fn every_spelling(text: &str) -> Vec<String> {
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let mut out = vec![text.clone()];
    let folded = fold_to_ascii(&text).into_owned();
    out.push(folded.clone());
    for base in [text, folded] {
        if base.contains('\'') {
            out.push(base.replace('\'', "’"));
        }
        if base.contains('-') {
            out.push(base.replace('-', " "));
        }
    }
    out.sort();
    out.dedup();
    out.retain(|s| !s.is_empty());
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spellings_cover_diacritics_apostrophes_and_hyphens() {
        let forms = spellings("Chi P'eng-fei");
        assert!(forms.contains(&"Chi P'eng-fei".to_owned()));
        assert!(forms.contains(&"Chi P’eng-fei".to_owned()));
        assert!(forms.contains(&"Chi P'eng fei".to_owned()));
        let forms = spellings("Raúl Roa");
        assert!(forms.contains(&"Raul Roa".to_owned()));
    }

    #[test]
    fn plain_forms_are_their_only_spelling() {
        let registry = Registry::builtin();
        let (toml, _) = crate::synthetic::registry_toml(300, 11);
        let synthetic = Registry::from_toml_str(&toml, "synthetic.toml").expect("valid");
        let mut forms: Vec<&str> = vec![
            "",
            " ",
            "Ann",
            " Ann",
            "Ann ",
            "Ann  Bee",
            "Ann\tBee",
            "Ann\u{b}Bee",
            "A. B.",
            "O'Neil",
            "Kim Il-sung",
            "Raúl Roa",
            "Ann,Bee",
            "Ann\u{a0}Bee",
            "季 鹏飞",
        ];
        for person in registry.iter().chain(synthetic.iter()) {
            forms.extend(person.latin_forms());
            forms.push(&person.name.family);
            forms.extend(person.variants.iter().filter_map(|v| v.family.as_deref()));
            forms.extend(person.native.iter().map(|n| &*n.text));
        }
        for form in forms {
            assert_eq!(spellings(form), every_spelling(form), "{form:?}");
        }
    }

    #[test]
    fn given_words_split_initials() {
        assert_eq!(given_words("Stepan V."), ["stepan", "v."]);
        assert_eq!(given_words("N.S."), ["n.", "s."]);
        assert_eq!(given_words("Jean-Baptiste"), ["jean", "baptiste"]);
    }
}
