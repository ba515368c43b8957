//! Arbitrary text as `cablelint.toml`: an error or a configuration, never a
//! panic; an error always names a position inside the text.
#![no_main]

use cablelint_core::config::Config;
use std::path::Path;

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    if let Err(error) = Config::from_toml_str(text, Path::new("/fuzz/cablelint.toml")) {
        if let Some((line, column)) = error.position {
            assert!(line >= 1 && column >= 1);
            // Lines end at \n, \r\n or a lone \r, as everywhere in cablelint.
            assert!(line <= text.split(['\n', '\r']).count());
        }
        let _ = error.to_string();
    }
});
