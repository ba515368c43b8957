//! The look-up tables made from a pattern list (the sorted look-up, the
//! first bytes, the first words, the first three bytes), and how the build
//! script writes them as Rust statics for the built-in registry: a run then
//! copies them (`builtin_lookups.rs`) instead of making them, which cost
//! about two million instructions at every start of `cablelint check`.
//!
//! Shared by the library and the build script (`build.rs`): paths are
//! relative to where both declare the table modules (`super::`).

use std::borrow::Cow;
use std::fmt::Write as _;

use super::first_words::FirstWords;
use super::lookup::PatternLookup;
use super::openings::Openings;
use super::patterns::PatternTable;
use super::prefixes::Prefixes;

/// Rust source of the statics of a pattern table and the look-up tables
/// over its patterns: what the build script writes for the built-in
/// registry, and `builtin_tables.rs` reads.
// The library writes them only in its tests.
#[cfg_attr(not(test), allow(dead_code))]
pub(crate) fn statics_of(table: &PatternTable, lookups: &Lookups) -> String {
    table.to_statics() + &lookups.to_statics()
}

/// The tables the matcher consults at each place a name may start.
pub(crate) struct Lookups {
    pub lookup: PatternLookup,
    pub prefixes: Prefixes,
    pub first_words: FirstWords,
    pub openings: Openings,
    /// Lower-case first words of patterns ("de", "van"), sorted.
    pub openers: Vec<Cow<'static, str>>,
}

impl Lookups {
    /// The tables over `patterns`, given their
    /// [`PatternLookup::sorted_order`] and [`FirstWords::sorted_order`]
    /// (`words`; the sort is done again should it not be that order).
    pub(crate) fn build<S: AsRef<str>>(
        patterns: &[S],
        order: Vec<usize>,
        words: &[usize],
    ) -> Lookups {
        let first_words = FirstWords::with_order(patterns, words);
        Lookups {
            lookup: PatternLookup::from_order(patterns, order),
            prefixes: Prefixes::build(patterns),
            first_words,
            openings: Openings::build(patterns),
            openers: lowercase_openers(patterns),
        }
    }

    /// Rust source of one static per table array, which
    /// `builtin_lookups.rs` turns back into these tables. Also the form in
    /// which the tests compare two sets of tables (they hold no other
    /// equality).
    // The library writes them only in its tests.
    #[cfg_attr(not(test), allow(dead_code))]
    pub(crate) fn to_statics(&self) -> String {
        let mut out = Statics(String::new());
        let lookup = &self.lookup;
        out.numbers("LOOKUP_BYTES", "u8", &lookup.bytes);
        out.numbers("LOOKUP_STARTS", "usize", &lookup.starts);
        out.numbers("LOOKUP_HEADS", "u64", &lookup.heads);
        out.numbers("LOOKUP_IDS", "usize", &lookup.ids);
        out.numbers("LOOKUP_SHORTER", "usize", &lookup.shorter);
        out.numbers("LOOKUP_BY_PAIR", "u32", &lookup.by_pair);
        out.numbers("LOOKUP_ONE_BYTE", "usize", &lookup.one_byte[..]);
        let prefixes = &self.prefixes;
        out.numbers("PREFIXES_ONE", "bool", &prefixes.one);
        out.numbers("PREFIXES_TWO", "u64", &prefixes.two);
        out.numbers("PREFIXES_THREE", "u64", &prefixes.three);
        out.numbers("PREFIXES_FOUR", "u64", &prefixes.four);
        let words = &self.first_words;
        out.numbers("FIRST_WORDS_HEADS", "u64", &words.heads);
        out.numbers("FIRST_WORDS_BITS", "u64", &words.bits);
        out.numbers("FIRST_WORDS_LONGEST", "usize", &[words.longest]);
        let buckets = &words.buckets;
        out.items(
            "FIRST_WORDS_SLOTS",
            "Slot",
            buckets.slots.iter().map(|slot| {
                format!(
                    "Slot {{ hash: {}, begin: {}, end: {} }}",
                    slot.hash, slot.begin, slot.end
                )
            }),
        );
        out.items(
            "FIRST_WORDS_ENTRIES",
            "BucketEntry",
            buckets.entries.iter().map(|entry| {
                format!(
                    "BucketEntry {{ pattern: {}, start: {}, len: {} }}",
                    entry.pattern, entry.start, entry.len
                )
            }),
        );
        out.numbers("FIRST_WORDS_LOWERED", "u8", &buckets.lowered);
        out.numbers("OPENINGS_BITS", "u64", &self.openings.bits[..]);
        out.numbers("OPENINGS_FOURS", "u64", &self.openings.fours[..]);
        out.items(
            "OPENERS",
            "&str",
            self.openers.iter().map(|word| format!("{:?}", &**word)),
        );
        out.0
    }
}

/// The lower-case first words of `patterns` (of a name form, its part
/// before the first space, hyphen or apostrophe), sorted, once each.
fn lowercase_openers<S: AsRef<str>>(patterns: &[S]) -> Vec<Cow<'static, str>> {
    let mut openers: Vec<Cow<'static, str>> = patterns
        .iter()
        .filter_map(|p| p.as_ref().split([' ', '-', '\'']).next())
        .filter(|w| w.chars().next().is_some_and(char::is_lowercase))
        .map(|w| Cow::Owned(w.to_owned()))
        .collect();
    openers.sort_unstable();
    openers.dedup();
    openers
}

/// Rust source of statics.
struct Statics(String);

impl Statics {
    fn numbers<T: Literal>(&mut self, name: &str, ty: &str, values: &[T]) {
        self.items(name, ty, values.iter().map(Literal::literal));
    }

    fn items(&mut self, name: &str, ty: &str, items: impl ExactSizeIterator<Item = String>) {
        let _ = write!(self.0, "static {name}: [{ty}; {}] = [", items.len());
        for item in items {
            self.0.push_str(&item);
            self.0.push(',');
        }
        self.0.push_str("];\n");
    }
}

/// A number as Rust source.
trait Literal {
    fn literal(&self) -> String;
}

impl Literal for usize {
    /// `usize::MAX` (the tables' "none") by name, whatever the width of
    /// the target.
    fn literal(&self) -> String {
        if *self == usize::MAX {
            "usize::MAX".to_owned()
        } else {
            self.to_string()
        }
    }
}

macro_rules! display_literal {
    ($($t:ty),*) => {$(
        impl Literal for $t {
            fn literal(&self) -> String {
                self.to_string()
            }
        }
    )*};
}

display_literal!(u8, u32, u64, bool);
