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

#[derive(Clone, Debug, Default, PartialEq)]
pub(crate) struct PatternTable {
    /// Borrowed from the encoded tables for the built-in registry (see
    /// `tables.rs`), so decoding them allocates no pattern.
    patterns: Vec<Cow<'static, str>>,
    /// The entries of every pattern, end to end: those of pattern `i` are
    /// `entries[entry_starts[i]..entry_starts[i + 1]]` (one list, not one
    /// per pattern: decoding the built-in table allocated thousands).
    entries: Vec<Entry>,
    entry_starts: Vec<u32>,
    /// Per person: the given names of each Latin form, lowercase ASCII
    /// words, in order ("stepan", "vasilyevich").
    given_names: Vec<Vec<Vec<Cow<'static, str>>>>,
}

impl PatternTable {
    pub(crate) fn build(registry: &Registry) -> PatternTable {
        let mut builder = Builder::default();
        for (index, person) in registry.iter().enumerate() {
            builder.add_person(index, person);
        }
        let mut table = PatternTable {
            patterns: builder.patterns,
            entries: Vec::new(),
            entry_starts: Vec::with_capacity(builder.entries.len() + 1),
            given_names: builder.given_names,
        };
        table.patterns.shrink_to_fit();
        table.entries = builder.entries.concat();
        table.entry_starts.push(0);
        let mut end = 0;
        for entries in &builder.entries {
            end += entries.len();
            table
                .entry_starts
                .push(u32::try_from(end).unwrap_or(u32::MAX));
        }
        table
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
        for forms in &self.given_names {
            out.usize(forms.len());
            for words in forms {
                out.usize(words.len());
                for word in words {
                    out.str(word);
                }
            }
        }
    }

    /// The table [`PatternTable::encode`] wrote.
    pub(crate) fn decode(input: &mut Reader<'static>) -> Option<PatternTable> {
        const KINDS: [FormKind; 4] = [
            FormKind::Full,
            FormKind::Native,
            FormKind::Pseudonym,
            FormKind::Short,
        ];
        let count = input.usize()?;
        let mut table = PatternTable::default();
        // A count beyond the bytes left is malformed; do not reserve it.
        let room = count.min(input.left());
        table.patterns.reserve_exact(room);
        table.entry_starts.reserve_exact(room + 1);
        table.entries.reserve(room);
        table.entry_starts.push(0);
        for _ in 0..count {
            table.patterns.push(Cow::Borrowed(input.str()?));
            for _ in 0..input.usize()? {
                table.entries.push(Entry {
                    person: input.usize()?,
                    kind: *KINDS.get(input.usize()?)?,
                    alone: input.bool()?,
                });
            }
            table
                .entry_starts
                .push(u32::try_from(table.entries.len()).ok()?);
        }
        table.given_names = input
            .list(|input| input.list(|input| input.list(|input| input.str().map(Cow::Borrowed))))?;
        Some(table)
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

    pub(crate) fn entries(&self, pattern: usize) -> &[Entry] {
        &self.entries[self.entry_starts[pattern] as usize..self.entry_starts[pattern + 1] as usize]
    }

    pub(crate) fn given_names(&self, person: usize) -> &[Vec<Cow<'static, str>>] {
        &self.given_names[person]
    }
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
                    if let Some(before) = variant.text.strip_suffix(family.as_str()) {
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
            forms.extend(person.native.iter().map(|n| n.text.as_str()));
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
