//! The fix engine on arbitrary bytes with every fix (safe and unsafe),
//! round by round: edits on character boundaries, nothing changed outside a
//! round's edits, a fixed point within the engine's round limit, safe fixes
//! idempotent, invalid UTF-8 never fixed. The invariants live in
//! `server/cablelint-core/tests/support/invariants.rs` (`check_fix_bytes`),
//! shared with the stable property test and the regression replay.
#![no_main]

#[path = "../../server/cablelint-core/tests/support/invariants.rs"]
mod invariants;

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    // The first byte picks the profile (or detection); the rest is the file.
    let Some((&profile, bytes)) = data.split_first() else {
        return;
    };
    invariants::check_fix_bytes(bytes, profile);
});
