//! cablelint's core: text → document model → rules → diagnostics and fixes.
//!
//! Plain data and byte offsets only: no LSP types, no async, no printing.
//! The CLI and the language server are thin layers over [`lint::check`].

pub mod cache_dir;
pub mod config;
pub mod diagnostic;
pub mod fix;
pub mod limits;
pub mod lint;
pub mod model;
pub mod officials;
pub mod profile;
pub mod rules;
pub mod text;

#[cfg(test)]
pub(crate) mod test_corpus;
#[cfg(test)]
pub(crate) mod test_random;

pub use diagnostic::{Applicability, Diagnostic, Edit, Fix, Related, Severity};
pub use lint::{check, CheckOptions, CheckResult, RuleSelection};
pub use model::Document;
pub use text::{LineColCursor, LineIndex, SourceText, Span};
