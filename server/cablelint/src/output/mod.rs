//! Output formats. Each writes to a stream it is given; only this crate prints.
//!
//! Reports arrive one file at a time, in path order, and are written as they
//! come, so a run over a million files never holds them all: every format
//! streams, keeping counts (for the summary) and no per-result state.

pub mod concise;
pub mod github;
pub mod gitlab;
pub mod human;
pub mod json;
pub mod junit;
mod nested;
mod pretty;
mod render;
pub mod sarif;
mod snippet_plain;
mod statistics;
#[cfg(test)]
mod tests;
mod writer;

use crate::report::Summary;
pub use render::Renderer;
pub use statistics::RuleCounts;
pub use writer::{PieceSink, ReportWriter};

/// One file's output, rendered apart from the stream (on a worker thread),
/// with what the stream needs to place it: the writer adds only what
/// depends on the files before it (commas, the head of the document).
pub struct Piece {
    bytes: Vec<u8>,
    /// The bytes with ANSI styles stripped, when colour is off and the
    /// bytes end outside an escape sequence (so stripping them alone gives
    /// what stripping the whole stream would).
    stripped: Option<Vec<u8>>,
    /// `bytes` are plain text that stripping would leave as they are: what
    /// stripping the styled rendering gives, rendered without styles.
    plain: bool,
    /// SARIF results in `bytes`.
    results: usize,
    summary: Summary,
    /// Findings per rule (`--statistics`; else empty).
    rules: RuleCounts,
}

thread_local! {
    /// The buffer of the last piece this thread wrote, empty: the next
    /// piece it renders is rendered into it, not into a new one. (With one
    /// thread, every piece; with more, those this thread renders.)
    static SPARE: std::cell::Cell<Vec<u8>> = const { std::cell::Cell::new(Vec::new()) };
}

/// Larger buffers (a big file's report) are freed, not kept.
const MAX_SPARE: usize = 1 << 20;

fn spare_buffer() -> Vec<u8> {
    SPARE.take()
}

/// Keeps a written piece's buffer for this thread's next piece.
fn recycle(mut bytes: Vec<u8>) {
    if bytes.capacity() <= MAX_SPARE {
        bytes.clear();
        SPARE.set(bytes);
    }
}
