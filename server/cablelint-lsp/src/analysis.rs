//! One document version, parsed and linted: what every feature answers from.

use crate::position::{Encoding, TextMap};
use cablelint_core::lint;
use cablelint_core::officials::{mentions, ResolvedMention};
use cablelint_core::{CheckOptions, Diagnostic, Document, SourceText};
use cablelint_officials::Matcher;
use std::panic::AssertUnwindSafe;
use std::sync::{Arc, OnceLock};

/// Texts longer than this are analysed on the blocking pool, so a big
/// document cannot hold up the threads that answer the protocol.
const INLINE_LIMIT: usize = 128 * 1024;

/// The text of one version, taken under the documents lock.
pub struct Snapshot {
    /// Empty when the document is over `limits.max-file-size`: it is not
    /// copied out of the rope, since it will not be checked.
    pub text: String,
    /// The text's length in bytes.
    pub size: u64,
    pub version: i32,
    pub options: Arc<CheckOptions>,
    pub options_generation: u64,
}

pub struct Analysis {
    pub version: i32,
    pub options: Arc<CheckOptions>,
    pub options_generation: u64,
    pub document: Document,
    pub diagnostics: Vec<Diagnostic>,
    /// The officials the text names, found on first use (hover, definition,
    /// the officials request), not on every keystroke.
    mentions: OnceLock<Vec<ResolvedMention>>,
}

impl Analysis {
    pub fn new(snapshot: Snapshot) -> Analysis {
        let options = &snapshot.options;
        // A leading U+FEFF is stripped as from a file; `map` shifts line 0
        // back. The text is moved, not copied. The configuration's officials
        // and romanisation apply, as `cablelint check` uses them.
        let result = match options.limits.too_large(snapshot.size) {
            Some(too_large) => lint::check_too_large(too_large, options),
            None => lint::check(SourceText::from_string(snapshot.text), options),
        };
        Analysis {
            version: snapshot.version,
            options: snapshot.options,
            options_generation: snapshot.options_generation,
            document: result.document,
            diagnostics: result.diagnostics,
            mentions: OnceLock::new(),
        }
    }

    /// Analyses off the async threads when the text is big. A panic in a
    /// rule is logged and yields nothing, never a dead server.
    pub async fn compute(snapshot: Snapshot) -> Option<Analysis> {
        let version = snapshot.version;
        let result = run_guarded(snapshot.text.len(), move || Analysis::new(snapshot)).await;
        if result.is_none() {
            tracing::error!("analysis of version {version} failed; no results for it");
        }
        result
    }

    /// The officials registry in force: the built-in one with the
    /// configuration's registries merged over it.
    pub fn matcher(&self) -> &Matcher {
        self.options.officials_matcher()
    }

    pub fn mentions(&self) -> &[ResolvedMention] {
        self.mentions
            .get_or_init(|| mentions(&self.document, self.matcher()))
    }

    pub fn text(&self) -> &str {
        self.document.text()
    }

    pub fn map(&self, encoding: Encoding) -> TextMap<'_> {
        TextMap::new(self.document.text(), &self.document.lines, encoding)
            .with_bom(self.document.source.has_bom)
    }
}

/// Runs `work` (linting, fixing) for a text of `len` bytes: inline when it is
/// small, on the blocking pool when it is big. A panic yields `None`.
pub async fn run_guarded<T, F>(len: usize, work: F) -> Option<T>
where
    T: Send + 'static,
    F: FnOnce() -> T + Send + 'static,
{
    let run = move || std::panic::catch_unwind(AssertUnwindSafe(work));
    let result = if len <= INLINE_LIMIT {
        run()
    } else {
        match tokio::task::spawn_blocking(run).await {
            Ok(result) => result,
            Err(error) => {
                tracing::error!("blocking task failed: {error}");
                return None;
            }
        }
    };
    match result {
        Ok(value) => Some(value),
        Err(_) => {
            tracing::error!("cablelint-core panicked (see the message above)");
            None
        }
    }
}
