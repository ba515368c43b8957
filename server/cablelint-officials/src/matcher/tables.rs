//! What building a matcher costs most: the pattern table (every spelling
//! of every name form), the two sorted orders of its patterns (of the
//! look-up and of the first words' buckets), and the analysed title of
//! every post. The compiled-registry cache (`compiled.rs`) keeps
//! them in the compact form of `codec.rs`; for the built-in registry the
//! build script (`build.rs`) writes the analysed titles in that form and
//! the rest as Rust statics (`builtin_tables.rs`).
//!
//! Shared by the library and the build script: paths are relative to
//! where both declare `patterns` and `lookup` (`super::`) and to the crate
//! root (`crate::`).

use std::collections::HashMap;
use std::hash::BuildHasherDefault;

use super::first_words::FirstWords;
use super::lookup::PatternLookup;
use super::patterns::PatternTable;
use crate::codec::{Reader, Writer};
use crate::registry::{KeyHasher, Registry};
use crate::title::PostSense;

#[derive(Clone, Debug, PartialEq)]
pub(crate) struct MatcherTables {
    pub table: PatternTable,
    /// [`PatternLookup::sorted_order`] of the table's patterns.
    pub order: Vec<usize>,
    /// [`FirstWords::sorted_order`] of the table's patterns.
    pub words: Vec<usize>,
    /// Per person, per post: the post's title analysed.
    pub post_senses: Vec<Vec<PostSense>>,
}

impl MatcherTables {
    pub(crate) fn build(registry: &Registry) -> MatcherTables {
        let table = PatternTable::build(registry);
        let order = PatternLookup::sorted_order(table.patterns());
        let words = FirstWords::sorted_order(table.patterns());
        // Many people hold posts of the same title: analyse each title once.
        let mut senses_by_title: HashMap<&str, PostSense, BuildHasherDefault<KeyHasher>> =
            HashMap::default();
        let post_senses = registry
            .iter()
            .map(|person| {
                person
                    .posts
                    .iter()
                    .map(|post| {
                        senses_by_title
                            .entry(&*post.title)
                            .or_insert_with(|| PostSense::new(&post.title))
                            .clone()
                    })
                    .collect()
            })
            .collect();
        MatcherTables {
            table,
            order,
            words,
            post_senses,
        }
    }

    // The library only decodes; the build script (and the tests) encode.
    #[cfg_attr(not(test), allow(dead_code))]
    pub(crate) fn encode(&self) -> Vec<u8> {
        let mut out = Writer(Vec::new());
        self.table.encode(&mut out);
        for list in [&self.order, &self.words] {
            out.usize(list.len());
            for &i in list {
                out.usize(i);
            }
        }
        encode_shared_post_senses(&self.post_senses, &mut out);
        out.0
    }

    /// The tables [`MatcherTables::encode`] wrote for `registry`, or None
    /// if `bytes` are not such a form or do not fit the registry's shape.
    pub(crate) fn decode(bytes: &[u8], registry: &Registry) -> Option<MatcherTables> {
        MatcherTables::decode_from(Reader::new(bytes), registry)
    }

    fn decode_from(mut input: Reader<'_>, registry: &Registry) -> Option<MatcherTables> {
        let table = PatternTable::decode(&mut input)?;
        let order = input.list(Reader::usize)?;
        // Checked as the first words are made (`FirstWords::with_order`).
        let words = input.list(Reader::usize)?;
        let post_senses = decode_shared_post_senses(&mut input, registry)?;
        let patterns = table.patterns();
        let fits = input.at_end()
            && order
                .iter()
                .all(|&i| patterns.get(i).is_some_and(|p| !p.is_empty()))
            && table.fits(registry.len());
        fits.then_some(MatcherTables {
            table,
            order,
            words,
            post_senses,
        })
    }
}

/// Writes the analysed titles of every post: each distinct sense once,
/// then per person, per post, the number of its sense. Many people hold
/// posts of the same title, and decoding a sense cost several times
/// copying one. The form of the built-in registry's titles (`build.rs`)
/// and of the compiled-registry cache's.
pub(crate) fn encode_shared_post_senses(post_senses: &[Vec<PostSense>], out: &mut Writer) {
    // Each distinct sense by its encoded form: a large user registry has
    // thousands of distinct titles, too many to search a list for each.
    let mut distinct: HashMap<Vec<u8>, usize> = HashMap::new();
    let mut encoded = Writer(Vec::new());
    let mut numbers = Vec::with_capacity(post_senses.len());
    for senses in post_senses {
        let mut of_person = Vec::with_capacity(senses.len());
        for sense in senses {
            let mut one = Writer(Vec::new());
            sense.encode(&mut one);
            let next = distinct.len();
            let number = *distinct.entry(one.0).or_insert_with_key(|bytes| {
                encoded.0.extend_from_slice(bytes);
                next
            });
            of_person.push(number);
        }
        numbers.push(of_person);
    }
    out.usize(distinct.len());
    out.0.extend_from_slice(&encoded.0);
    out.usize(numbers.len());
    for of_person in numbers {
        out.usize(of_person.len());
        for number in of_person {
            out.usize(number);
        }
    }
}

/// The analysed titles [`encode_shared_post_senses`] wrote, or None if
/// they do not fit the posts of `registry`.
// Inlined: out of line (now that the cache reads this form too), it cost
// the one-file run of `cablelint check` 40 K instructions more.
#[inline]
pub(crate) fn decode_shared_post_senses(
    input: &mut Reader<'_>,
    registry: &Registry,
) -> Option<Vec<Vec<PostSense>>> {
    let distinct = input.list(PostSense::decode)?;
    let post_senses =
        input.list(|input| input.list(|input| distinct.get(input.usize()?).cloned()))?;
    fits_posts(post_senses, registry)
}

/// `post_senses` if they hold one sense per post of `registry`.
fn fits_posts(
    post_senses: Vec<Vec<PostSense>>,
    registry: &Registry,
) -> Option<Vec<Vec<PostSense>>> {
    let fits = post_senses.len() == registry.len()
        && post_senses
            .iter()
            .zip(registry.iter())
            .all(|(senses, person)| senses.len() == person.posts.len());
    fits.then_some(post_senses)
}
