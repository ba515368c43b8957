//! What checking one file produced, with every position computed once in all
//! the units the output formats need, so the formats only print.

use crate::cache::Checked;
use cablelint_core::profile::Detection;
use cablelint_core::{
    Applicability, CheckResult, Diagnostic, LineColCursor, LineIndex, Severity, SourceText,
};

/// A place in a file. `line` and the columns are 1-based; `column` counts
/// Unicode scalar values, `column_utf16` UTF-16 code units; `offset` is a
/// byte offset into the file as it is on disk (BOM included).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Position {
    pub line: usize,
    pub column: usize,
    pub column_utf16: usize,
    pub offset: usize,
}

#[derive(Debug, Clone)]
pub struct Finding {
    pub diagnostic: Diagnostic,
    pub start: Position,
    pub end: Position,
    pub related: Vec<(Position, Position)>,
    /// Start and end of each fix edit, in order.
    pub edits: Vec<(Position, Position)>,
}

#[derive(Debug)]
pub struct FileReport {
    /// The path as the user gave it or the walk found it.
    pub path: String,
    pub profile: String,
    pub detection: Detection,
    pub findings: Vec<Finding>,
    pub fixes_applied: usize,
    /// Unified diff of what the fixes would change, and how many fixes
    /// (`--diff`).
    pub diff: Option<(String, usize)>,
    /// The decoded text, kept only when findings need showing.
    pub text: Option<String>,
    pub lines: Option<LineIndex>,
}

impl FileReport {
    pub fn new(path: String, raw: &[u8], result: CheckResult, fixes_applied: usize) -> Self {
        let map = OffsetMap::new(raw, result.document.source.has_bom);
        FileReport::with_offsets(path, map, result, fixes_applied)
    }

    /// [`FileReport::new`] with the file's offsets already mapped, so the
    /// raw bytes need not be kept.
    pub fn with_offsets(
        path: String,
        map: OffsetMap,
        result: CheckResult,
        fixes_applied: usize,
    ) -> Self {
        let document = result.document;
        let checked = Checked {
            profile: document.profile.id.clone(),
            detection: document.detection,
            diagnostics: result.diagnostics,
        };
        FileReport::from_checked(
            path,
            map,
            document.source,
            Some(document.lines),
            checked,
            fixes_applied,
        )
    }

    /// The report of a file whose check result is known (from the cache):
    /// `map` maps `source` back to the file's bytes; `lines` is its index if
    /// already made.
    pub fn from_checked(
        path: String,
        map: OffsetMap,
        source: SourceText,
        lines: Option<LineIndex>,
        checked: Checked,
        fixes_applied: usize,
    ) -> Self {
        let keep_text = !checked.diagnostics.is_empty();
        let lines = keep_text.then(|| lines.unwrap_or_else(|| LineIndex::new(&source.text)));
        let findings = match &lines {
            Some(lines) => findings(&map, &source, lines, checked.diagnostics),
            None => Vec::new(),
        };
        FileReport {
            path,
            profile: checked.profile,
            detection: checked.detection,
            fixes_applied,
            diff: None,
            lines,
            text: keep_text.then_some(source.text),
            findings,
        }
    }

    /// Whether the profile was guessed rather than named, so output must say
    /// which one was used.
    pub fn profile_was_guessed(&self) -> bool {
        matches!(
            self.detection,
            Detection::Detected { .. } | Detection::Fallback
        )
    }
}

/// Every diagnostic with its positions in all the units the formats need.
fn findings(
    map: &OffsetMap,
    source: &SourceText,
    lines: &LineIndex,
    diagnostics: Vec<Diagnostic>,
) -> Vec<Finding> {
    let position = |cursor: &mut LineColCursor, offset: usize| {
        let lc = cursor.line_col(offset);
        Position {
            line: lc.line + 1,
            column: lc.column_chars + 1,
            column_utf16: lc.column_utf16 + 1,
            offset: map.file_offset(offset),
        }
    };
    // Findings come sorted by start: one cursor walks the starts forward,
    // another the rest, so many findings on one long line stay linear.
    let mut starts = LineColCursor::new(lines, &source.text);
    let mut others = LineColCursor::new(lines, &source.text);
    diagnostics
        .into_iter()
        .map(|d| {
            let mut at = |offset| position(&mut others, offset);
            Finding {
                start: position(&mut starts, d.span.start),
                end: at(d.span.end),
                related: d
                    .related
                    .iter()
                    .map(|r| (at(r.span.start), at(r.span.end)))
                    .collect(),
                edits: d
                    .fix
                    .iter()
                    .flat_map(|f| f.edits.iter())
                    .map(|e| (at(e.span.start), at(e.span.end)))
                    .collect(),
                diagnostic: d,
            }
        })
        .collect()
}

/// Counts over a whole run.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Summary {
    pub files: usize,
    pub files_with_findings: usize,
    pub errors: usize,
    pub warnings: usize,
    pub infos: usize,
    pub hints: usize,
    /// Findings `--fix` would fix.
    pub fixable_safe: usize,
    /// Findings only `--fix --unsafe-fixes` would fix.
    pub fixable_unsafe: usize,
    pub fixes_applied: usize,
    pub files_fixed: usize,
}

impl Summary {
    /// Counts one more file.
    pub fn add(&mut self, report: &FileReport) {
        let s = self;
        s.files += 1;
        {
            if !report.findings.is_empty() {
                s.files_with_findings += 1;
            }
            if report.fixes_applied > 0 {
                s.files_fixed += 1;
                s.fixes_applied += report.fixes_applied;
            }
            for f in &report.findings {
                match f.diagnostic.severity {
                    Severity::Error => s.errors += 1,
                    Severity::Warning => s.warnings += 1,
                    Severity::Info => s.infos += 1,
                    Severity::Hint => s.hints += 1,
                }
                match f.diagnostic.fix.as_ref().map(|f| f.applicability) {
                    Some(Applicability::Safe) => s.fixable_safe += 1,
                    Some(Applicability::Unsafe) => s.fixable_unsafe += 1,
                    None => {}
                }
            }
        }
    }

    /// Adds the counts of other files.
    pub fn merge(&mut self, other: &Summary) {
        self.files += other.files;
        self.files_with_findings += other.files_with_findings;
        self.errors += other.errors;
        self.warnings += other.warnings;
        self.infos += other.infos;
        self.hints += other.hints;
        self.fixable_safe += other.fixable_safe;
        self.fixable_unsafe += other.fixable_unsafe;
        self.fixes_applied += other.fixes_applied;
        self.files_fixed += other.files_fixed;
    }

    pub fn findings(&self) -> usize {
        self.errors + self.warnings + self.infos + self.hints
    }
}

/// Maps offsets in the decoded text back to the file's bytes: the BOM is
/// counted, and each invalid UTF-8 sequence (one U+FFFD, 3 bytes, in the
/// decoded text) is counted at its real length.
pub struct OffsetMap {
    bom: usize,
    /// (decoded offset, file offset) at the edges of each replacement.
    anchors: Vec<(usize, usize)>,
}

impl OffsetMap {
    pub fn new(raw: &[u8], has_bom: bool) -> OffsetMap {
        let mut anchors = Vec::new();
        if std::str::from_utf8(raw).is_err() {
            let (mut decoded, mut file) = (0, 0);
            for chunk in raw.utf8_chunks() {
                decoded += chunk.valid().len();
                file += chunk.valid().len();
                if !chunk.invalid().is_empty() {
                    anchors.push((decoded, file));
                    decoded += char::REPLACEMENT_CHARACTER.len_utf8();
                    file += chunk.invalid().len();
                    anchors.push((decoded, file));
                }
            }
        }
        OffsetMap {
            bom: if has_bom { 3 } else { 0 },
            anchors,
        }
    }

    /// [`OffsetMap::new`] for bytes already known to be valid UTF-8, without
    /// validating them again: only the BOM shifts offsets.
    pub fn for_valid_utf8(has_bom: bool) -> OffsetMap {
        OffsetMap {
            bom: if has_bom { 3 } else { 0 },
            anchors: Vec::new(),
        }
    }

    pub fn file_offset(&self, text_offset: usize) -> usize {
        let decoded = text_offset + self.bom;
        match self.anchors.iter().rev().find(|(d, _)| *d <= decoded) {
            Some((d, f)) => f + (decoded - d),
            None => decoded,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn offsets_count_the_bom_and_invalid_bytes_at_their_real_length() {
        let map = OffsetMap::new("\u{FEFF}ab".as_bytes(), true);
        assert_eq!(map.file_offset(1), 4);
        // Each of 0xFF and 0xFE is an invalid sequence of its own: two U+FFFD.
        let raw = b"a\xff\xfeb";
        let decoded = String::from_utf8_lossy(raw);
        let map = OffsetMap::new(raw, false);
        let b = decoded.find('b').unwrap();
        assert_eq!(map.file_offset(b), 3);
        assert_eq!(map.file_offset(1), 1);
        assert_eq!(map.file_offset(4), 2);
    }

    #[test]
    fn valid_text_maps_as_the_validating_constructor_maps_it() {
        for (raw, bom) in [
            ("\u{FEFF}发往 𠀋\r\nx", true),
            ("plain [x]\n", false),
            ("", false),
        ] {
            let (checked, known) = (
                OffsetMap::new(raw.as_bytes(), bom),
                OffsetMap::for_valid_utf8(bom),
            );
            for offset in 0..=raw.len() {
                assert_eq!(
                    checked.file_offset(offset),
                    known.file_offset(offset),
                    "{raw:?} {offset}"
                );
            }
        }
    }
}
