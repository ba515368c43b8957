//! Arbitrary bytes through decoding, the document model, every rule under
//! every profile, and the fixer: nothing panics, every span is on character
//! boundaries inside the text, fixes keep the text outside their edits.
//! The invariants are shared with the stable property test in core.
#![no_main]

#[path = "../../server/cablelint-core/tests/support/invariants.rs"]
mod invariants;

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    // The first byte picks the profile (or detection); the rest is the file.
    let Some((&profile, bytes)) = data.split_first() else {
        return;
    };
    invariants::check_bytes(bytes, profile);
});
