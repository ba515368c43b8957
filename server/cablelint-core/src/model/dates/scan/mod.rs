//! Text → date mentions, without a regex. A byte loop jumps from one
//! trigger to the next: an ASCII digit (every date form but the Chinese
//! ones holds one) or the first byte of a Chinese numeral. Around each digit
//! it lists the few places a match holding that digit as its first could
//! start (the digit itself, a `[`, `(` or `ON/` before it, the month or
//! weekday name that ends just before it, a 批发 a little before), and only
//! there tries the forms in their order with a small backtracking matcher
//! (`engine.rs`, `forms.rs`). That finds exactly what one leftmost-first
//! regex over the union of the forms found, at a fraction of the cost per
//! byte and with nothing to compile at start-up. The forms met most often
//! (day first, month first, numeric, ordinal) are first tried by hand
//! (`fast.rs`), which follows the tree's preferred path and leaves every
//! doubtful case to the tree. Each match is then read and checked against
//! its neighbours (`read.rs`).
//!
//! The regex recogniser it replaced is kept as the tests' oracle
//! (`oracle.rs`, test builds only): `tests/` compares matches, groups and
//! mentions on the real corpus, part of the fuzz corpora and generated text.
//! For a change here, also compare the whole of `Dates` before and after on
//! larger inputs:
//!
//! ```text
//! cargo run --release -p cablelint-core --example dates_digest -- \
//!     ../shared/corpus fuzz/corpus DIR_OF_GENERATED_CABLES > after.txt
//! ```
//!
//! What recognition and the D rules cost per file, in instructions:
//! `tests/bench/dates_cost.sh` (callgrind, one figure per function).

mod candidates;
mod engine;
mod fast;
mod forms;
mod pairs;
mod quick;
mod read;
mod time;
mod words;

#[cfg(test)]
mod oracle;
#[cfg(test)]
mod tests;

pub(crate) use engine::is_word_boundary;
pub(crate) use quick::utf8_len;
pub(crate) use words::{fold, folded_end};

use super::DateMention;
use crate::model::{Document, Section, SectionKind};
#[cfg(test)]
use crate::text::Span;

/// Sections whose dates are the document's own or refer from its text.
/// The title, summary, notes and citation speak of other facts.
pub(super) fn is_scanned(kind: SectionKind) -> bool {
    matches!(
        kind,
        SectionKind::ArchiveDate
            | SectionKind::OriginalHeader
            | SectionKind::Header
            | SectionKind::Subject
            | SectionKind::Body
            | SectionKind::Closing
    )
}

fn is_header_like(kind: SectionKind) -> bool {
    matches!(
        kind,
        SectionKind::Header | SectionKind::OriginalHeader | SectionKind::Closing
    )
}

/// Texts from this length on are collections, not cables.
const BIG_TEXT: usize = 1 << 20;

// Kept out of line, once a document: `tests/bench/dates_cost.sh` measures it.
#[inline(never)]
pub(super) fn scan_document(doc: &Document) -> Vec<DateMention> {
    scan_sections(doc, &doc.sections)
}

/// [`scan_document`] over some of the document's sections: each section is
/// scanned alone, so the lists of consecutive runs of sections, joined, are
/// the whole list (the split check scans a long document's on two threads).
#[inline]
pub(super) fn scan_sections(doc: &Document, sections: &[Section]) -> Vec<DateMention> {
    // A cable states its date several times: room for that many at once.
    let mut out = Vec::with_capacity(8);
    // A long document (a collection in one file) gets room for one date per
    // 512 bytes from the start (more than the real corpus averages), so that a
    // list of megabytes is not copied and faulted in again at every
    // doubling; the room never written is never faulted in.
    if doc.text().len() >= BIG_TEXT {
        reserve_for_collection(&mut out, doc.text().len());
    }
    let mut scratch = candidates::Scratch::default();
    for section in sections.iter().filter(|s| is_scanned(s.kind)) {
        candidates::scan(
            doc.text(),
            section.span,
            section.kind,
            &mut out,
            &mut scratch,
        );
    }
    out
}

// Out of line: a cable never comes here.
#[cold]
#[inline(never)]
fn reserve_for_collection(out: &mut Vec<DateMention>, text_len: usize) {
    out.reserve(text_len / 512);
}

/// Finds the dates in `text[span]`, all of one section kind.
#[cfg(test)]
pub(super) fn scan_span(text: &str, span: Span, kind: SectionKind, out: &mut Vec<DateMention>) {
    candidates::scan(text, span, kind, out, &mut candidates::Scratch::default());
}
