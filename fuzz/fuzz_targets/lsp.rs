//! The language server's message handling under arbitrary sessions: see
//! server/cablelint-lsp/tests/support/fuzz_session.rs for what a session
//! holds and what is asserted.
#![no_main]

#[path = "../../server/cablelint-lsp/tests/support/fuzz_session.rs"]
mod fuzz_session;

libfuzzer_sys::fuzz_target!(|data: &[u8]| fuzz_session::run_bytes(data));
