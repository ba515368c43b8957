//! The built-in registry: the TOML files under `data/`, parsed and
//! validated by the build script (`build.rs`) and compiled into the binary
//! in the compact form of [`crate::codec`], which is decoded once on first
//! use (parsing the TOML at run time cost about as much as checking a
//! hundred cables).

use std::sync::{Arc, OnceLock};

use crate::builtin_files::parse_builtin_files;
use crate::codec;
use crate::matcher::Matcher;
use crate::registry::Registry;

/// Written by `build.rs`.
const ENCODED: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/builtin-registry.bin"));

/// The built-in registry, decoded once; shared with matchers over it.
fn shared() -> &'static Arc<Registry> {
    static BUILTIN: OnceLock<Arc<Registry>> = OnceLock::new();
    BUILTIN.get_or_init(|| {
        // The build script checks that the form decodes to what it
        // encoded; reading the TOML is the fallback should it not.
        Arc::new(codec::decode(ENCODED).unwrap_or_else(|| {
            debug_assert!(false, "the encoded built-in registry does not decode");
            parse_builtin_files().0
        }))
    })
}

impl Registry {
    /// The registry compiled into the binary (see `data/`).
    pub fn builtin() -> &'static Registry {
        shared()
    }
}

impl Matcher {
    /// A matcher over the built-in registry, which it shares rather than
    /// copies (as `Registry::builtin().matcher()` would).
    pub fn builtin() -> Matcher {
        Matcher::new(Arc::clone(shared()))
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
