//! The officials registry of cablelint: who held which post when, under
//! which spellings of their name, and where a text mentions them.
//!
//! - [`Registry`] loads the TOML format described in `grammar/OFFICIALS.md`
//!   (with errors that name file, line, column and field), merges user files
//!   over the built-in data ([`Registry::builtin`]), and answers
//!   [`Registry::posts_on`].
//! - [`Matcher`] (from [`Registry::matcher`]) finds [`Mention`]s in plain
//!   text and ranks the people each may name, using the document [`Date`].
//!
//! The crate does no I/O beyond reading registry files, and never prints.

mod builtin;
mod builtin_files;
mod codec;
mod compiled;
mod date;
mod fold;
mod format;
mod load;
mod matcher;
mod model;
mod registry;
pub mod synthetic;
mod title;

pub use builtin_files::BUILTIN_FILES;
pub use compiled::{merged_matcher, merged_matcher_cached, CacheUse};
pub use date::{Date, DateError, Precision};
pub use fold::fold_to_ascii;
pub use load::LoadError;
pub use matcher::{Candidate, CandidateList, Matcher, Mention, MentionForm};
pub use model::{
    NameOrder, NameVariant, NativeName, Origin, Person, PersonName, Post, Script, System,
    VariantKind,
};
pub use registry::Registry;
pub use title::{title_has_rank, title_matches, TitleSense};
