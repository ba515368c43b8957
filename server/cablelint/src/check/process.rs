//! Checking (and fixing) one file: read it, take its cached result or check
//! it, fix it under `--fix`, store what was found.

use super::diff::unified_diff;
use super::jobs::Job;
use super::Mode;
use crate::cache::{Checked, Key, OptionsDigest, ResultCache};
use crate::read::Opened;
use crate::report::{FileReport, OffsetMap};
use crate::write::write_atomically;
use cablelint_core::lint;
use cablelint_core::{Applicability, SourceText};
use std::sync::Arc;

/// What one file produced: its report (unless it could not be read), and
/// errors that make the run fail with status 2.
pub(super) struct Outcome {
    pub(super) report: Option<FileReport>,
    pub(super) errors: Vec<String>,
    /// For standard input under --fix: the fixed text, for stdout.
    pub(super) fixed_stdin: Option<Vec<u8>>,
    /// The report came from the cache: the file was not checked.
    pub(super) from_cache: bool,
}

/// `threads`: how many threads this file may use (more than one only when
/// the run has fewer files than threads; see `lint::check_on_threads`).
pub(super) fn process(
    job: &Job,
    mode: Mode,
    stdin_bytes: &[u8],
    cache: Option<&ResultCache>,
    threads: usize,
) -> Outcome {
    let display = job.input.display.clone();
    let options = &*job.options;
    let bytes = match job.input.path() {
        Some(path) => {
            let opened = Opened::open(path);
            // A file over the limit is not read at all: memory stays
            // bounded whatever its size. (One that cannot be opened is
            // measured by its path, as before it was opened first.)
            let size = match &opened {
                Ok(opened) => opened.size(),
                Err(_) => std::fs::metadata(path).map(|m| m.len()).unwrap_or(0),
            };
            if let Some(too_large) = options.limits.too_large(size) {
                let result = lint::check_too_large(too_large, options);
                return Outcome::of(FileReport::new(display, &[], result, 0));
            }
            match opened.and_then(Opened::read_all) {
                Ok(bytes) => bytes,
                Err(e) => {
                    return Outcome {
                        report: None,
                        errors: vec![format!("{display}: cannot read: {e}")],
                        fixed_stdin: None,
                        from_cache: false,
                    }
                }
            }
        }
        None => stdin_bytes.to_vec(),
    };
    let has_bom = bytes.starts_with(BOM);
    let cache = cache.zip(job.digest);
    let key = cache.map(|(_, digest)| digest.key_of(&bytes));
    // `--fix` compares the file with its bytes before replacing it, so keeps
    // them; otherwise the text is decoded in place, not copied, and valid
    // UTF-8 (nearly every file) is validated once. The offsets map needs the
    // raw bytes only where they are not UTF-8.
    let (source, offsets, kept_bytes) = match mode {
        Mode::Fix(_) => (
            SourceText::from_bytes(&bytes),
            OffsetMap::new(&bytes, has_bom),
            Some(bytes),
        ),
        Mode::Check | Mode::Diff(_) => match crate::read::into_string(bytes) {
            Ok(text) => (
                SourceText::from_string(text),
                OffsetMap::for_valid_utf8(has_bom),
                None,
            ),
            Err(raw) => {
                let offsets = OffsetMap::new(&raw, has_bom);
                let source = SourceText::from_bytes(&raw);
                crate::read::recycle(raw);
                (source, offsets, None)
            }
        },
    };
    if let Some(checked) = usable_entry(cache, key, &source.text, mode) {
        let report = FileReport::from_checked(display, offsets, source, None, checked, 0);
        return Outcome {
            from_cache: true,
            ..Outcome::of(report)
        };
    }
    // Stores what this run found for the file whose bytes have this key.
    let store = |key: Option<Key>, report: &FileReport| {
        if let (Some((cache, _)), Some(key)) = (cache, key) {
            cache.put(&key, &Checked::of_report(report));
        }
    };
    let report = match (mode, kept_bytes) {
        (Mode::Fix(min), Some(bytes)) => {
            let fixed = fix_file(job, display, bytes, source, has_bom, min);
            // A rewritten file now holds the fixed text: its result is known.
            let key = match &fixed.written {
                Some(new_bytes) => cache.map(|(_, d)| d.key_of(new_bytes)),
                None => key,
            };
            if let Some(report) = &fixed.outcome.report {
                if fixed.outcome.fixed_stdin.is_none() {
                    store(key, report);
                }
            }
            return fixed.outcome;
        }
        (Mode::Diff(min), _) => {
            let fixed = lint::fix(source.clone(), options, min);
            let diff = (fixed.fixes_applied > 0).then(|| {
                let new = source.to_file_string(&fixed.text);
                let diff = unified_diff(&display, &source.to_file_string(&source.text), &new);
                (diff, fixed.fixes_applied)
            });
            let checked = lint::check_on_threads(source, options, threads);
            let mut report = FileReport::with_offsets(display, offsets, checked, 0);
            report.diff = diff;
            report
        }
        _ => {
            let checked = lint::check_on_threads(source, options, threads);
            FileReport::with_offsets(display, offsets, checked, 0)
        }
    };
    store(key, &report);
    Outcome::of(report)
}

impl Outcome {
    fn of(report: FileReport) -> Outcome {
        Outcome {
            report: Some(report),
            errors: Vec::new(),
            fixed_stdin: None,
            from_cache: false,
        }
    }
}

/// What `--fix` did to one file, and the bytes it wrote, if any.
struct Fixed {
    outcome: Outcome,
    written: Option<Vec<u8>>,
}

/// `--fix` on one file: the original bytes are kept (to compare with the
/// file before replacing it); the text is fixed without further copies.
fn fix_file(
    job: &Job,
    display: Arc<str>,
    bytes: Vec<u8>,
    source: SourceText,
    has_bom: bool,
    min: Applicability,
) -> Fixed {
    let options = &*job.options;
    let mut errors = Vec::new();
    let is_stdin = job.input.stdin;
    let invalid_at = source.invalid_utf8_at;
    let fixed = lint::fix(source, options, min);
    if let Some(at) = invalid_at {
        let fixable = fixed
            .result
            .diagnostics
            .iter()
            .any(|d| d.fix.as_ref().is_some_and(|f| f.applicability >= min));
        if fixable {
            errors.push(format!(
                "{display}: not fixed: invalid UTF-8 at byte {at}; re-save the file as UTF-8"
            ));
        }
    }
    let fixes_applied = fixed.fixes_applied;
    let result = fixed.result;
    let new_bytes = SourceText::into_file_bytes(has_bom, fixed.text);
    if is_stdin {
        let report = FileReport::new(display, &new_bytes, result, fixes_applied);
        let fixed_stdin = Some(if invalid_at.is_some() {
            bytes
        } else {
            new_bytes
        });
        return Fixed {
            outcome: Outcome {
                errors,
                fixed_stdin,
                ..Outcome::of(report)
            },
            written: None,
        };
    }
    let (report, written) = if fixes_applied == 0 || new_bytes == bytes {
        (FileReport::new(display, &bytes, result, 0), None)
    } else {
        let path = job.input.path().expect("not stdin");
        match write_atomically(path, &bytes, &new_bytes) {
            Ok(()) => {
                drop(bytes);
                let report = FileReport::new(display, &new_bytes, result, fixes_applied);
                (report, Some(new_bytes))
            }
            Err(e) => {
                errors.push(format!("{display}: not fixed: {e}"));
                drop(result);
                let recheck = lint::check(SourceText::from_bytes(&bytes), options);
                (FileReport::new(display, &bytes, recheck, 0), None)
            }
        }
    };
    Fixed {
        outcome: Outcome {
            errors,
            ..Outcome::of(report)
        },
        written,
    }
}

/// The cached result of a file, if there is one and it is all this mode
/// needs: under --fix and --diff, a file with a fix to apply is checked.
fn usable_entry(
    cache: Option<(&ResultCache, OptionsDigest)>,
    key: Option<Key>,
    text: &str,
    mode: Mode,
) -> Option<Checked> {
    let checked = cache?.0.get(&key?, text)?;
    let enough = match mode {
        Mode::Check => true,
        Mode::Fix(min) | Mode::Diff(min) => !checked.has_fix(min),
    };
    enough.then_some(checked)
}

const BOM: &[u8] = "\u{FEFF}".as_bytes();
