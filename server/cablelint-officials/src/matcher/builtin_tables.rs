//! The matcher's tables over the built-in registry, written as Rust
//! statics by the build script (`build.rs`): the pattern table
//! (`patterns.rs`) and the look-up tables over its patterns
//! (`lookups.rs`). The pattern table is borrowed from them and the look-up
//! tables copied; making them at every start of `cablelint check` cost
//! about three million instructions.

use std::borrow::Cow;

use super::first_words::{BucketEntry, Buckets, FirstWords, Slot};
use super::lookup::PatternLookup;
use super::lookups::Lookups;
use super::openings::Openings;
use super::patterns::{Entry, FormKind, GivenNames, PatternTable, Shared};
use super::prefixes::Prefixes;

include!(concat!(env!("OUT_DIR"), "/builtin-tables.rs"));

/// The Rust source the statics were compiled from, for the test that
/// holds them equal to tables made at run time.
#[cfg(test)]
pub(crate) const SOURCE: &str = include_str!(concat!(env!("OUT_DIR"), "/builtin-tables.rs"));

/// The pattern table over the built-in registry.
pub(crate) fn builtin_pattern_table() -> PatternTable {
    PatternTable::from_statics(&PATTERNS, &ENTRIES, &ENTRY_STARTS, &GIVEN_NAMES)
}

/// The look-up tables over the built-in registry's patterns.
pub(crate) fn builtin_lookups() -> Lookups {
    Lookups {
        lookup: PatternLookup {
            bytes: LOOKUP_BYTES.to_vec(),
            starts: LOOKUP_STARTS.to_vec(),
            heads: LOOKUP_HEADS.to_vec(),
            ids: LOOKUP_IDS.to_vec(),
            shorter: LOOKUP_SHORTER.to_vec(),
            by_pair: Cow::Borrowed(&LOOKUP_BY_PAIR),
            one_byte: Box::new(LOOKUP_ONE_BYTE),
        },
        prefixes: Prefixes {
            one: PREFIXES_ONE,
            two: Box::from(&PREFIXES_TWO[..]),
            three: Box::from(&PREFIXES_THREE[..]),
            four: Box::from(&PREFIXES_FOUR[..]),
        },
        first_words: FirstWords {
            heads: Box::from(&FIRST_WORDS_HEADS[..]),
            bits: Box::from(&FIRST_WORDS_BITS[..]),
            longest: FIRST_WORDS_LONGEST[0],
            buckets: Buckets {
                slots: Box::from(&FIRST_WORDS_SLOTS[..]),
                entries: Box::from(&FIRST_WORDS_ENTRIES[..]),
                lowered: Box::from(&FIRST_WORDS_LOWERED[..]),
            },
        },
        openings: Openings {
            bits: Box::new(OPENINGS_BITS),
            fours: Box::new(OPENINGS_FOURS),
        },
        openers: OPENERS.iter().map(|&word| Cow::Borrowed(word)).collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::matcher::lookups::statics_of;
    use crate::matcher::tables::MatcherTables;
    use crate::registry::Registry;

    /// The statics are the tables made at run time from the built-in
    /// registry, and each is read into its own field.
    #[test]
    fn the_statics_are_the_tables_made_at_run_time() {
        let tables = MatcherTables::build(Registry::builtin());
        let made = Lookups::build(tables.table.patterns(), tables.order.clone(), &tables.words);
        assert!(
            statics_of(&tables.table, &made) == SOURCE,
            "the statics are stale"
        );
        assert_eq!(builtin_pattern_table(), tables.table);
        assert!(statics_of(&builtin_pattern_table(), &builtin_lookups()) == SOURCE);
        // And the matcher made from them finds what one made without them
        // does.
        let text = "Vice Minister Ji Pengfei met Comrade Chervonenko and N.S. Khrushchev.";
        let builtin = crate::Matcher::builtin();
        let made = Registry::builtin().matcher();
        assert!(!made.find_mentions(text, None).is_empty());
        assert_eq!(
            builtin.find_mentions(text, None),
            made.find_mentions(text, None)
        );
    }
}
