//! The registry: people by id, loading, and merging of user registries over
//! the built-in one.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::path::Path;
use std::sync::OnceLock;

use crate::date::Date;
use crate::load::{load_registry_file, parse_registry, LoadError};
use crate::model::{Person, Post};

type IdIndex = HashMap<String, usize, BuildHasherDefault<KeyHasher>>;

/// A set of people, in file order, with unique ids.
#[derive(Clone, Debug, Default)]
pub struct Registry {
    persons: Vec<Person>,
    /// Position of each id in `persons`, made on first use: a run of
    /// `cablelint check` over the built-in registry never looks an id up,
    /// and hashing and copying every id cost a tenth of decoding it.
    by_id: OnceLock<IdIndex>,
}

/// Equal registries hold the same people in the same order; the index of
/// ids follows from them, made or not.
impl PartialEq for Registry {
    fn eq(&self, other: &Registry) -> bool {
        self.persons == other.persons
    }
}

impl Registry {
    /// An empty registry.
    pub fn new() -> Registry {
        Registry::default()
    }

    /// The registry of `persons`, whose ids are unique (as in a form
    /// written from a registry: see `codec.rs`).
    pub(crate) fn from_unique(persons: Vec<Person>) -> Registry {
        Registry {
            persons,
            by_id: OnceLock::new(),
        }
    }

    fn by_id(&self) -> &IdIndex {
        self.by_id.get_or_init(|| index_ids(&self.persons))
    }

    /// Parses a registry document. `origin_name` (usually the file name)
    /// appears in errors and in each person's [`crate::Origin`].
    pub fn from_toml_str(text: &str, origin_name: &str) -> Result<Registry, LoadError> {
        parse_registry(text, origin_name)
    }

    /// Reads and parses a registry file.
    pub fn load_file(path: impl AsRef<Path>) -> Result<Registry, LoadError> {
        load_registry_file(path.as_ref())
    }

    /// Adds the people of `other`; an entry whose id already exists replaces
    /// the existing one in place (so a user file overrides a built-in entry),
    /// new ids are appended.
    pub fn merge(&mut self, other: Registry) {
        for person in other.persons {
            self.insert(person);
        }
    }

    /// Inserts or replaces (by id) one person.
    pub fn insert(&mut self, person: Person) {
        let mut by_id = self
            .by_id
            .take()
            .unwrap_or_else(|| index_ids(&self.persons));
        match by_id.get(&*person.id) {
            Some(&index) => self.persons[index] = person,
            None => {
                by_id.insert(person.id.to_string(), self.persons.len());
                self.persons.push(person);
            }
        }
        self.by_id = OnceLock::from(by_id);
    }

    pub fn get(&self, id: &str) -> Option<&Person> {
        self.by_id().get(id).map(|&index| &self.persons[index])
    }

    /// Position of a person in [`Registry::persons`].
    pub fn index_of(&self, id: &str) -> Option<usize> {
        self.by_id().get(id).copied()
    }

    pub fn persons(&self) -> &[Person] {
        &self.persons
    }

    pub fn iter(&self) -> std::slice::Iter<'_, Person> {
        self.persons.iter()
    }

    pub fn len(&self) -> usize {
        self.persons.len()
    }

    pub fn is_empty(&self) -> bool {
        self.persons.is_empty()
    }

    /// Posts that the person with this id may have held on `date` (empty for
    /// an unknown id).
    pub fn posts_on(&self, id: &str, date: Date) -> Vec<&Post> {
        self.get(id)
            .map(|person| person.posts_on(date).collect())
            .unwrap_or_default()
    }
}

/// Position of each id; the first person of an id, were one repeated.
fn index_ids(persons: &[Person]) -> IdIndex {
    let mut by_id = IdIndex::with_capacity_and_hasher(persons.len(), Default::default());
    for (index, person) in persons.iter().enumerate() {
        by_id.entry(person.id.to_string()).or_insert(index);
    }
    by_id
}

impl<'a> IntoIterator for &'a Registry {
    type Item = &'a Person;
    type IntoIter = std::slice::Iter<'a, Person>;

    fn into_iter(self) -> Self::IntoIter {
        self.persons.iter()
    }
}

/// A fast hash for ids and pattern keys (short strings from a registry,
/// not from an adversary): FxHash's multiply-rotate, a word at a time. SipHash,
/// the default, was a good part of building the table.
#[derive(Default)]
pub(crate) struct KeyHasher(u64);

impl Hasher for KeyHasher {
    fn write(&mut self, bytes: &[u8]) {
        const K: u64 = 0x517c_c1b7_2722_0a95;
        let mut chunks = bytes.chunks_exact(8);
        for chunk in &mut chunks {
            let mut word = [0u8; 8];
            word.copy_from_slice(chunk);
            self.0 = (self.0.rotate_left(5) ^ u64::from_le_bytes(word)).wrapping_mul(K);
        }
        for &b in chunks.remainder() {
            self.0 = (self.0.rotate_left(5) ^ u64::from(b)).wrapping_mul(K);
        }
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn person(id: &str, name: &str) -> Person {
        let toml = format!(
            "[[person]]\nid = \"{id}\"\nname = {{ text = \"{name}\", system = \"latin\", \
             family = \"{name}\", order = \"given-first\" }}\n"
        );
        let registry = Registry::from_toml_str(&toml, "t.toml").expect("valid");
        registry.persons()[0].clone()
    }

    /// The index of ids is made on first use, from whichever side: by a
    /// look-up, or by an insert into a registry that has none yet.
    #[test]
    fn ids_are_found_however_the_registry_was_made() {
        let builtin = Registry::builtin();
        for (index, person) in builtin.iter().enumerate() {
            assert_eq!(builtin.index_of(&person.id), Some(index));
            assert_eq!(builtin.get(&person.id), Some(person));
        }
        assert_eq!(builtin.get("no-such-person"), None);

        let mut made = Registry::from_unique(vec![person("a", "Alpha"), person("b", "Beta")]);
        made.insert(person("a", "Gamma"));
        made.insert(person("c", "Delta"));
        let names: Vec<&str> = made.iter().map(|p| &*p.name.text).collect();
        assert_eq!(names, ["Gamma", "Beta", "Delta"]);
        assert_eq!(made.index_of("c"), Some(2));

        // Equal people make equal registries, whether or not ids were
        // looked up in either.
        let copy = Registry::from_unique(made.persons().to_vec());
        assert_eq!(copy, made);
        assert_ne!(Registry::from_unique(made.persons()[..2].to_vec()), made);
    }
}
