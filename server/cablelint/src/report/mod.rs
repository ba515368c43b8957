//! What checking one file produced, with every position computed once in all
//! the units the output formats need, so the formats only print.

mod offsets;
mod positions;
mod summary;

pub use offsets::OffsetMap;
pub use positions::Position;
pub use summary::Summary;

use crate::cache::Checked;
use cablelint_core::profile::{Detection, Profile};
use cablelint_core::{CheckResult, Diagnostic, LineIndex, SourceText};
use positions::spans_of;
use std::sync::Arc;

/// One diagnostic with its positions, as the formats print it: a view
/// into a [`FileReport`], made as the formats go through it. (Moving each
/// diagnostic into a finding of its own, with a vector for its related
/// notes' positions and one for its edits', cost more than printing it.)
#[derive(Debug, Clone, Copy)]
pub struct Finding<'a> {
    pub diagnostic: &'a Diagnostic,
    pub start: Position,
    pub end: Position,
    pub related: &'a [(Position, Position)],
    /// Start and end of each fix edit, in order.
    pub edits: &'a [(Position, Position)],
}

#[derive(Debug)]
pub struct FileReport {
    /// The path as the user gave it or the walk found it.
    pub path: Arc<str>,
    pub profile: ProfileName,
    pub detection: Detection,
    /// What the check found, in order; [`FileReport::findings`] gives each
    /// with its positions.
    pub diagnostics: Vec<Diagnostic>,
    /// Start and end of each diagnostic's span, of its related notes' and
    /// of its fix's edits', diagnostic after diagnostic.
    spans: Vec<(Position, Position)>,
    pub fixes_applied: usize,
    /// Unified diff of what the fixes would change, and how many fixes
    /// (`--diff`).
    pub diff: Option<(String, usize)>,
    /// The decoded text, kept only when findings need showing.
    pub text: Option<String>,
    pub lines: Option<LineIndex>,
}

/// The id of the profile a file was checked with: the checked document's
/// profile itself, or the id a cache entry holds. (Copying the id out of
/// the profile cost an allocation and a free a file.)
#[derive(Debug, Clone)]
pub enum ProfileName {
    Shared(Arc<Profile>),
    Owned(String),
}

impl std::ops::Deref for ProfileName {
    type Target = str;

    fn deref(&self) -> &str {
        match self {
            ProfileName::Shared(profile) => &profile.id,
            ProfileName::Owned(id) => id,
        }
    }
}

impl std::fmt::Display for ProfileName {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self)
    }
}

impl From<String> for ProfileName {
    fn from(id: String) -> Self {
        ProfileName::Owned(id)
    }
}

/// The findings of a report, in order.
pub struct Findings<'a> {
    diagnostics: std::slice::Iter<'a, Diagnostic>,
    spans: &'a [(Position, Position)],
}

impl<'a> Iterator for Findings<'a> {
    type Item = Finding<'a>;

    fn next(&mut self) -> Option<Finding<'a>> {
        let diagnostic = self.diagnostics.next()?;
        let related = diagnostic.related.len();
        let edits = diagnostic.fix.as_ref().map_or(0, |f| f.edits.len());
        // (Every span is positioned: `min` only keeps a bug from panicking.)
        let (own, rest) = self
            .spans
            .split_at((1 + related + edits).min(self.spans.len()));
        self.spans = rest;
        let (start, end) = own
            .first()
            .copied()
            .unwrap_or((Position::ORIGIN, Position::ORIGIN));
        let notes_and_edits = own.get(1..).unwrap_or_default();
        let (related, edits) = notes_and_edits.split_at(related.min(notes_and_edits.len()));
        Some(Finding {
            diagnostic,
            start,
            end,
            related,
            edits,
        })
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        self.diagnostics.size_hint()
    }
}

impl ExactSizeIterator for Findings<'_> {}

impl FileReport {
    pub fn new(path: Arc<str>, raw: &[u8], result: CheckResult, fixes_applied: usize) -> Self {
        let map = OffsetMap::new(raw, result.document.source.has_bom);
        FileReport::with_offsets(path, map, result, fixes_applied)
    }

    /// [`FileReport::new`] with the file's offsets already mapped, so the
    /// raw bytes need not be kept.
    pub fn with_offsets(
        path: Arc<str>,
        map: OffsetMap,
        result: CheckResult,
        fixes_applied: usize,
    ) -> Self {
        let document = result.document;
        FileReport::build(
            path,
            map,
            document.source,
            Some(document.lines),
            ProfileName::Shared(document.profile),
            (document.detection, result.diagnostics),
            fixes_applied,
        )
    }

    /// The report of a file whose check result is known (from the cache):
    /// `map` maps `source` back to the file's bytes; `lines` is its index if
    /// already made.
    pub fn from_checked(
        path: Arc<str>,
        map: OffsetMap,
        source: SourceText,
        lines: Option<LineIndex>,
        checked: Checked,
        fixes_applied: usize,
    ) -> Self {
        FileReport::build(
            path,
            map,
            source,
            lines,
            ProfileName::Owned(checked.profile),
            (checked.detection, checked.diagnostics),
            fixes_applied,
        )
    }

    fn build(
        path: Arc<str>,
        map: OffsetMap,
        source: SourceText,
        lines: Option<LineIndex>,
        profile: ProfileName,
        (detection, diagnostics): (Detection, Vec<Diagnostic>),
        fixes_applied: usize,
    ) -> Self {
        let keep_text = !diagnostics.is_empty();
        let lines = keep_text.then(|| lines.unwrap_or_else(|| LineIndex::new(&source.text)));
        let spans = match &lines {
            Some(lines) => spans_of(&map, &source, lines, &diagnostics),
            None => Vec::new(),
        };
        let text = if keep_text {
            Some(source.text)
        } else {
            // Its buffer takes the next file this thread reads.
            crate::read::recycle(source.text.into_bytes());
            None
        };
        FileReport {
            path,
            profile,
            detection,
            fixes_applied,
            diff: None,
            lines,
            text,
            diagnostics,
            spans,
        }
    }

    /// Each diagnostic with its positions, in order.
    pub fn findings(&self) -> Findings<'_> {
        Findings {
            diagnostics: self.diagnostics.iter(),
            spans: &self.spans,
        }
    }

    /// Whether no collection's profile was named or recognised, so the file
    /// was checked with the generic one.
    pub fn fell_back_to_generic(&self) -> bool {
        matches!(self.detection, Detection::Fallback)
    }
}

/// A finding owning what it holds: tests make awkward reports with them.
#[cfg(test)]
#[derive(Debug, Clone)]
pub struct OwnedFinding {
    pub diagnostic: Diagnostic,
    pub start: Position,
    pub end: Position,
    pub related: Vec<(Position, Position)>,
    pub edits: Vec<(Position, Position)>,
}

#[cfg(test)]
impl FileReport {
    /// The report of `text` checked with the default options, as a file
    /// named `path` holding exactly those bytes.
    pub fn of_text(path: &str, text: &str) -> FileReport {
        let result = cablelint_core::lint::check(
            SourceText::from_str(text),
            &cablelint_core::lint::CheckOptions::default(),
        );
        FileReport::new(path.into(), text.as_bytes(), result, 0)
    }

    /// Lets a test change the findings, as owned values; each must keep a
    /// position pair for each related note and fix edit.
    pub fn edit_findings(&mut self, edit: impl FnOnce(&mut Vec<OwnedFinding>)) {
        let mut owned: Vec<OwnedFinding> = self
            .findings()
            .map(|f| OwnedFinding {
                diagnostic: f.diagnostic.clone(),
                start: f.start,
                end: f.end,
                related: f.related.to_vec(),
                edits: f.edits.to_vec(),
            })
            .collect();
        edit(&mut owned);
        self.diagnostics.clear();
        self.spans.clear();
        for f in owned {
            let edits = f.diagnostic.fix.as_ref().map_or(0, |fix| fix.edits.len());
            assert_eq!(f.related.len(), f.diagnostic.related.len(), "related");
            assert_eq!(f.edits.len(), edits, "edits");
            self.spans.push((f.start, f.end));
            self.spans.extend(f.related);
            self.spans.extend(f.edits);
            self.diagnostics.push(f.diagnostic);
        }
    }
}
