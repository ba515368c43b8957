//! Open documents: the client's text in a rope, kept in step with every
//! change notification, and the latest analysis of it.
//!
//! Everything here is synchronous on purpose: `did_change` applies its edits
//! under the lock before it reaches any `await`, so a later notification can
//! never overtake an earlier one (tower-lsp runs up to four handlers at once).

use crate::analysis::{Analysis, Snapshot};
use crate::position::{rope_char, Encoding};
use cablelint_core::CheckOptions;
use ropey::Rope;
use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::Arc;
use tokio::sync::watch;
use tower_lsp_server::ls_types::{TextDocumentContentChangeEvent, Uri};

pub struct OpenDocument {
    pub rope: Rope,
    pub version: i32,
    /// The configuration file that governs this document, if any.
    pub config_path: Option<PathBuf>,
    pub options: Arc<CheckOptions>,
    /// Bumped when `options` change, so an analysis made with the old ones is stale.
    pub options_generation: u64,
    pub analysis: Option<Arc<Analysis>>,
    /// The analysis being computed, if any.
    pub running: Option<RunningAnalysis>,
    /// Wakes this document's diagnostics worker (push mode only).
    pub changed: Option<watch::Sender<()>>,
}

/// An analysis under way: every request for that version waits on the same
/// one, and it finishes (and is kept) even when they are all cancelled, so a
/// client that cancels and asks again never starts the work twice.
pub struct RunningAnalysis {
    pub version: i32,
    pub options_generation: u64,
    /// `None` while it runs; then the analysis, or `None` if it failed.
    pub result: watch::Receiver<Option<Option<Arc<Analysis>>>>,
}

impl OpenDocument {
    pub fn snapshot(&self) -> Snapshot {
        let size = self.rope.len_bytes() as u64;
        let too_large = self.options.limits.too_large(size).is_some();
        Snapshot {
            text: if too_large {
                String::new()
            } else {
                self.rope.to_string()
            },
            size,
            version: self.version,
            options: self.options.clone(),
            options_generation: self.options_generation,
        }
    }

    /// The analysis, if it was made from the current text and options.
    pub fn current_analysis(&self) -> Option<Arc<Analysis>> {
        self.analysis
            .as_ref()
            .filter(|a| self.is_current(a.version, a.options_generation))
            .cloned()
    }

    /// The analysis under way for the current text and options, if any.
    pub fn current_run(&self) -> Option<watch::Receiver<Option<Option<Arc<Analysis>>>>> {
        self.running
            .as_ref()
            .filter(|r| self.is_current(r.version, r.options_generation))
            .map(|r| r.result.clone())
    }

    pub fn is_current(&self, version: i32, options_generation: u64) -> bool {
        self.version == version && self.options_generation == options_generation
    }

    pub fn notify_changed(&self) {
        if let Some(changed) = &self.changed {
            changed.send_replace(());
        }
    }
}

#[derive(Debug, PartialEq, Eq)]
pub enum ChangeError {
    UnknownDocument,
    /// The change is not newer than the text we have: applying an
    /// incremental edit to the wrong text would corrupt it.
    StaleVersion {
        have: i32,
        got: i32,
    },
}

#[derive(Default)]
pub struct Documents {
    open: HashMap<Uri, OpenDocument>,
}

impl Documents {
    pub fn insert(&mut self, uri: Uri, document: OpenDocument) {
        self.open.insert(uri, document);
    }

    pub fn get(&self, uri: &Uri) -> Option<&OpenDocument> {
        self.open.get(uri)
    }

    pub fn get_mut(&mut self, uri: &Uri) -> Option<&mut OpenDocument> {
        self.open.get_mut(uri)
    }

    pub fn remove(&mut self, uri: &Uri) -> Option<OpenDocument> {
        self.open.remove(uri)
    }

    pub fn uris(&self) -> Vec<Uri> {
        self.open.keys().cloned().collect()
    }

    /// Applies a `didChange` in order; a whole-text change is always taken,
    /// since it brings client and server back in step.
    pub fn change(
        &mut self,
        uri: &Uri,
        version: i32,
        changes: Vec<TextDocumentContentChangeEvent>,
        encoding: Encoding,
    ) -> Result<(), ChangeError> {
        let document = self.open.get_mut(uri).ok_or(ChangeError::UnknownDocument)?;
        let resync = changes.iter().any(|c| c.range.is_none());
        if version <= document.version && !resync {
            return Err(ChangeError::StaleVersion {
                have: document.version,
                got: version,
            });
        }
        for change in changes {
            apply_change(&mut document.rope, change, encoding);
        }
        document.version = version;
        document.notify_changed();
        Ok(())
    }
}

/// Applies one content change to the rope.
pub fn apply_change(rope: &mut Rope, change: TextDocumentContentChangeEvent, encoding: Encoding) {
    match change.range {
        None => *rope = Rope::from_str(&change.text),
        Some(range) => {
            let a = rope_char(rope, range.start, encoding);
            let b = rope_char(rope, range.end, encoding);
            let (start, end) = (a.min(b), a.max(b));
            rope.remove(start..end);
            rope.insert(start, &change.text);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tower_lsp_server::ls_types::{Position, Range};

    fn edit(range: Option<((u32, u32), (u32, u32))>, text: &str) -> TextDocumentContentChangeEvent {
        TextDocumentContentChangeEvent {
            range: range
                .map(|((a, b), (c, d))| Range::new(Position::new(a, b), Position::new(c, d))),
            range_length: None,
            text: text.into(),
        }
    }

    #[test]
    fn applies_edits_across_cjk_astral_and_crlf() {
        let mut rope = Rope::from_str("发往:𠀋b\r\nsecond");
        // `b` follows the astral character: UTF-16 column 5, UTF-8 column 11.
        apply_change(
            &mut rope,
            edit(Some(((0, 5), (0, 6))), "B"),
            Encoding::Utf16,
        );
        assert_eq!(rope.to_string(), "发往:𠀋B\r\nsecond");
        apply_change(
            &mut rope,
            edit(Some(((0, 11), (0, 11))), " "),
            Encoding::Utf8,
        );
        assert_eq!(rope.to_string(), "发往:𠀋 B\r\nsecond");
        // Out of range: clamps to the end of the line / the text.
        apply_change(
            &mut rope,
            edit(Some(((0, 99), (0, 99))), "!"),
            Encoding::Utf16,
        );
        apply_change(
            &mut rope,
            edit(Some(((9, 0), (9, 0))), "?"),
            Encoding::Utf16,
        );
        assert_eq!(rope.to_string(), "发往:𠀋 B!\r\nsecond?");
        apply_change(&mut rope, edit(None, "new"), Encoding::Utf16);
        assert_eq!(rope.to_string(), "new");
    }
}
