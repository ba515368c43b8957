//! One cache entry's payload: what `lint::check` found in one file (its
//! profile, how the profile was chosen, the diagnostics), in a compact binary
//! layout written and read by hand. The pack record around it carries the
//! key and a checksum ([`super::pack`]).
//!
//! ```text
//! payload    = VERSION text-length:u32-LE text layout
//! layout     = profile:str detection diagnostics:count diagnostic*
//! detection  = 0 (directive) | 1 (configured) | 2 (fallback)
//!            | 3 (detected) markers:count str*
//! diagnostic = code:str severity:u8 message:str start:var end:var
//!              fix:(0 | 1 title:str applicability:u8 edits:count edit*)
//!              related:count (start:var end:var message:str)*
//!              person:(0 | 1 id:str)
//! edit       = start:var end:var text:str
//! str        = length:var (the next `length` bytes of `text`)
//! count, var = unsigned LEB128
//! ```
//!
//! Every string is in `text`, one after another in the order the layout
//! names them, so decoding checks UTF-8 once for the whole entry (checking
//! each short string on its own cost more than the rest of decoding).
//!
//! Decoding trusts nothing: a payload cut short or with bytes left over, a
//! bad tag, invalid UTF-8, an unknown rule code or a span that does not fit
//! the file's text makes the entry unusable (the file is checked again),
//! never a wrong report and never a panic.
mod decode;
mod encode;
#[cfg(test)]
mod tests;

pub use decode::decode;
pub use encode::encode;

use crate::report::FileReport;
use cablelint_core::profile::Detection;
use cablelint_core::rules;
use cablelint_core::{Applicability, Diagnostic};
use std::sync::LazyLock;

/// Bumped whenever the layout or the payload changes; also the name of the
/// cache's subdirectory, so versions never read each other's entries
/// (1: a file per entry; 2: packs of JSON payloads; 3: binary payloads).
pub const FORMAT: u32 = 3;

/// The first byte of every payload (the payload layout's own version).
const VERSION: u8 = 3;

/// What a file's check produced, apart from the text itself.
#[derive(Debug, Clone, PartialEq)]
pub struct Checked {
    pub profile: String,
    pub detection: Detection,
    pub diagnostics: Vec<Diagnostic>,
}

impl Checked {
    pub fn of_report(report: &FileReport) -> Checked {
        Checked {
            profile: report.profile.to_string(),
            detection: report.detection.clone(),
            diagnostics: report.diagnostics.clone(),
        }
    }

    /// Whether a fix at least as safe as `min` is on offer (then `--fix` and
    /// `--diff` have work to do and the file must really be checked).
    pub fn has_fix(&self, min: Applicability) -> bool {
        self.diagnostics
            .iter()
            .any(|d| d.fix.as_ref().is_some_and(|f| f.applicability >= min))
    }
}

/// The rule's own `&'static` code and name, as diagnostics carry them.
fn rule_names(code: &str) -> Option<(&'static str, &'static str)> {
    // Sorted by code once, for a binary search: a linear search through
    // every rule's metadata cost about a kilo-instruction per file.
    static NAMES: LazyLock<Vec<(&'static str, &'static str)>> = LazyLock::new(|| {
        let mut names: Vec<_> = rules::all()
            .iter()
            .map(|r| r.meta())
            .map(|m| (m.code, m.name))
            .collect();
        names.sort_unstable();
        names
    });
    let at = NAMES.binary_search_by(|(c, _)| (*c).cmp(code)).ok()?;
    Some(NAMES[at])
}
