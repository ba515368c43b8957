//! Named officials: who the text mentions, the posts they held on the
//! document's date, and plain-data reports for hovers and
//! `cablelint officials`. The registry and matcher live in the
//! `cablelint-officials` crate; this module ties them to the document model.

mod date;
pub(crate) mod mentions;
mod report;

use std::sync::{Arc, LazyLock};

use cablelint_officials::{Matcher, Registry};

pub use date::{document_date, parse_date_in};
pub use mentions::{mentions, ResolvedMention};
pub use report::{hover_for_mention, hover_markdown, officials_report, OfficialEntry, PostOnDate};

/// The romanisation of Chinese names a collection prefers (rule O002).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Romanisation {
    /// Hanyu Pinyin, as the Wilson Center Digital Archive writes names.
    #[default]
    Pinyin,
    /// Wade–Giles, as most Western sources before 1979 wrote them.
    WadeGiles,
}

impl Romanisation {
    pub fn parse(text: &str) -> Option<Romanisation> {
        match text.to_ascii_lowercase().as_str() {
            "pinyin" => Some(Romanisation::Pinyin),
            "wade-giles" | "wadegiles" | "wade_giles" => Some(Romanisation::WadeGiles),
            _ => None,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Romanisation::Pinyin => "pinyin",
            Romanisation::WadeGiles => "wade-giles",
        }
    }
}

static BUILTIN_MATCHER: LazyLock<Arc<Matcher>> = LazyLock::new(|| Arc::new(Matcher::builtin()));

/// The matcher over the built-in registry, built once per process (building
/// it takes about a tenth of a second).
pub fn builtin_matcher() -> &'static Arc<Matcher> {
    &BUILTIN_MATCHER
}

/// A matcher over the built-in registry with user registries merged over it
/// (later files override earlier entries with the same id).
pub fn matcher_with(user_registries: Vec<Registry>) -> Arc<Matcher> {
    if user_registries.is_empty() {
        return Arc::clone(builtin_matcher());
    }
    let mut registry = Registry::builtin().clone();
    for user in user_registries {
        registry.merge(user);
    }
    Arc::new(registry.into_matcher())
}
