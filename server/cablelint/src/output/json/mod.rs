//! The stable JSON output (version 1), documented in docs/json-output.md.
//! Other tools read it: add keys if needed, never rename or remove one.
//!
//! Each file's object is written by hand ([`write_file`]); the serde model
//! (`model`, test builds only) is the oracle it is compared with, byte for
//! byte, in the tests.

#[cfg(test)]
mod model;
#[cfg(test)]
mod tests;
mod write;

pub use write::{write_file, write_file_in_chunks};

use crate::report::Summary;
use serde::Serialize;
use std::io::{self, Write};

pub const VERSION: u32 = 1;

/// How many bytes [`write_file_in_chunks`] gathers before it flushes.
pub const CHUNK: usize = 64 * 1024;

#[derive(Serialize)]
pub(super) struct JsonSummary {
    files: usize,
    files_with_diagnostics: usize,
    diagnostics: usize,
    errors: usize,
    warnings: usize,
    infos: usize,
    hints: usize,
    fixable: usize,
    fixable_unsafe: usize,
    fixes_applied: usize,
}

/// Writes the JSON document piece by piece, byte for byte what serialising
/// the whole `Output` at once would give, without holding every file.
#[derive(Default)]
pub struct Stream {
    files: usize,
}

impl Stream {
    /// Writes one file's object, as [`write_file`] rendered it.
    pub fn file(&mut self, out: &mut dyn Write, rendered: &[u8]) -> io::Result<()> {
        self.start_file(out)?;
        out.write_all(rendered)
    }

    /// Writes what comes before a file's object: the object follows.
    pub fn start_file(&mut self, out: &mut dyn Write) -> io::Result<()> {
        out.write_all(if self.files == 0 {
            b"{\n  \"version\": 1,\n  \"files\": [\n"
        } else {
            b",\n"
        })?;
        self.files += 1;
        Ok(())
    }

    pub fn finish(self, out: &mut dyn Write, summary: &Summary) -> io::Result<()> {
        out.write_all(if self.files == 0 {
            b"{\n  \"version\": 1,\n  \"files\": [],\n"
        } else {
            b"\n  ],\n"
        })?;
        let pretty =
            serde_json::to_string_pretty(&json_summary(summary)).map_err(io::Error::other)?;
        write!(out, "  \"summary\": {}\n}}\n", pretty.replace('\n', "\n  "))
    }
}

const _: () = assert!(VERSION == 1, "Stream writes the version literally");

pub(super) fn json_summary(summary: &Summary) -> JsonSummary {
    {
        JsonSummary {
            files: summary.files,
            files_with_diagnostics: summary.files_with_findings,
            diagnostics: summary.findings(),
            errors: summary.errors,
            warnings: summary.warnings,
            infos: summary.infos,
            hints: summary.hints,
            fixable: summary.fixable_safe,
            fixable_unsafe: summary.fixable_unsafe,
            fixes_applied: summary.fixes_applied,
        }
    }
}
