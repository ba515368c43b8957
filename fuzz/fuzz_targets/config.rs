//! Arbitrary text as `cablelint.toml`: an error or a configuration, never a
//! panic; an error always names a position inside the text. The check lives
//! in `server/cablelint-core/tests/support/invariants.rs`
//! (`check_config_bytes`), shared with the regression replay.
#![no_main]

#[path = "../../server/cablelint-core/tests/support/invariants.rs"]
mod invariants;

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    invariants::check_config_bytes(data);
});
