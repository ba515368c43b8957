//! The registry: people by id, loading, and merging of user registries over
//! the built-in one.

use std::collections::HashMap;
use std::path::Path;

use crate::date::Date;
use crate::load::{load_registry_file, parse_registry, LoadError};
use crate::model::{Person, Post};

/// A set of people, in file order, with unique ids.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Registry {
    persons: Vec<Person>,
    by_id: HashMap<String, usize>,
}

impl Registry {
    /// An empty registry.
    pub fn new() -> Registry {
        Registry::default()
    }

    /// An empty registry with room for `count` people (decoding the
    /// built-in one grew and rehashed its tables a dozen times).
    pub(crate) fn with_capacity(count: usize) -> Registry {
        Registry {
            persons: Vec::with_capacity(count),
            by_id: HashMap::with_capacity(count),
        }
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
        match self.by_id.get(&person.id) {
            Some(&index) => self.persons[index] = person,
            None => {
                self.by_id.insert(person.id.clone(), self.persons.len());
                self.persons.push(person);
            }
        }
    }

    pub fn get(&self, id: &str) -> Option<&Person> {
        self.by_id.get(id).map(|&index| &self.persons[index])
    }

    /// Position of a person in [`Registry::persons`].
    pub fn index_of(&self, id: &str) -> Option<usize> {
        self.by_id.get(id).copied()
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

impl<'a> IntoIterator for &'a Registry {
    type Item = &'a Person;
    type IntoIter = std::slice::Iter<'a, Person>;

    fn into_iter(self) -> Self::IntoIter {
        self.persons.iter()
    }
}
