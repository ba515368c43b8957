//! The built-in registry: the TOML files under `data/`, parsed and
//! validated by the build script (`build.rs`) and compiled into the binary
//! in the compact form of [`crate::codec`], which is decoded once on first
//! use (parsing the TOML at run time cost about as much as checking a
//! hundred cables).

use std::sync::OnceLock;

use crate::builtin_files::parse_builtin_files;
use crate::codec;
use crate::registry::Registry;

/// Written by `build.rs`.
const ENCODED: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/builtin-registry.bin"));

impl Registry {
    /// The registry compiled into the binary (see `data/`).
    pub fn builtin() -> &'static Registry {
        static BUILTIN: OnceLock<Registry> = OnceLock::new();
        BUILTIN.get_or_init(|| {
            // The build script checks that the form decodes to what it
            // encoded; reading the TOML is the fallback should it not.
            codec::decode(ENCODED).unwrap_or_else(|| {
                debug_assert!(false, "the encoded built-in registry does not decode");
                parse_builtin_files().0
            })
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_compiled_form_is_the_parsed_toml() {
        let (parsed, errors) = parse_builtin_files();
        assert_eq!(errors, Vec::<String>::new());
        assert_eq!(codec::decode(ENCODED).as_ref(), Some(&parsed));
        assert_eq!(Registry::builtin(), &parsed);
    }
}
